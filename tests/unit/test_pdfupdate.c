/*
 * test_pdfupdate.c - the incremental update appended to Cairo's PDF
 * (pdfupdate.c): what it writes, the byte range it gives the signer, and
 * every kind of input it refuses, leaving the buffer as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "pdfupdate.h"

static cairo_status_t
put(void *closure, const unsigned char *data, unsigned int len)
{
	pdf_buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Two pages as Cairo writes them, the first with a link. */
static void
cairo_pdf(struct pdf_buf *b)
{
	cairo_surface_t	*s;
	cairo_t		*cr;

	memset(b, 0, sizeof(*b));
	s = cairo_pdf_surface_create_for_stream(put, b, 595, 842);
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", NULL);
	cairo_tag_begin(cr, "P", NULL);
	cairo_tag_begin(cr, CAIRO_TAG_LINK, "uri='https://e.example.gr/v/1'");
	cairo_rectangle(cr, 50, 50, 100, 20);
	cairo_fill(cr);
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	cairo_tag_end(cr, "P");
	cairo_show_page(cr);
	cairo_rectangle(cr, 50, 50, 100, 20);
	cairo_fill(cr);
	cairo_tag_end(cr, "Document");
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

static const struct pdfup_meta meta = {
	.title = "ΠΙΣΤΟΠΟΙΗΤΙΚΟ (δοκιμή) \\ με <ειδικά> & χαρακτήρες",
	.author = "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ",
	.subject = "Δοκιμή",
	.keywords = "α, β",
	.creator = "Dimos",
	.producer = "Dimos with cairo",
	.lang = "el-GR",
	.created = 1773312000,
};

/* What the signer saw, and what it writes. */
static struct {
	size_t		 alen, blen, seen;
	dm_status	 answer;
	size_t		 derlen;
} signer;

static dm_status
sign(void *arg, const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen, unsigned char *der, size_t cap, size_t *derlen)
{
	(void)arg;
	signer.alen = alen;
	signer.blen = blen;
	signer.seen = 1;
	assert_memory_equal(a, "%PDF-", 5);
	assert_true(b[0] == ' ');	/* right after "<...>" */
	if (signer.answer != DM_OK)
		return signer.answer;
	memset(der, 0xab, signer.derlen < cap ? signer.derlen : cap);
	*derlen = signer.derlen;
	return DM_OK;
}

static void
save(const struct pdf_buf *b, const char *path)
{
	FILE	*f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
	fclose(f);
}

static int
qpdf_ok(const struct pdf_buf *b)
{
	char	 path[] = "/tmp/dimos-pdfup-XXXXXX", cmd[128];
	int	 fd, rc;

	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	save(b, path);
	snprintf(cmd, sizeof(cmd), "qpdf --check %s >/dev/null 2>&1", path);
	rc = system(cmd);
	unlink(path);
	return rc == 0;
}

static void
test_update(void **state)
{
	struct pdfup_sig	 sig = { "Δήμος", "Σφραγίδα", "Νιγρίτα",
	    1773312000, 512, sign, NULL };
	struct pdf_buf		 b;
	size_t			 orig;
	const char		*br;
	size_t			 r[4];

	(void)state;
	cairo_pdf(&b);
	orig = b.len;
	signer.answer = DM_OK;
	signer.derlen = 300;
	assert_int_equal(pdfup_append(&b, &meta, &sig), DM_OK);
	assert_true(b.len > orig);
	assert_true(qpdf_ok(&b));
	/* The range: everything but "<...>" of exactly 2 x 512 hex digits. */
	assert_true(signer.seen);
	assert_int_equal(signer.alen + signer.blen + 2 * 512 + 2, b.len);
	br = memmem(b.data, b.len, "/ByteRange [0 ", 14);
	assert_non_null(br);
	assert_int_equal(sscanf(br, "/ByteRange [%zu %zu %zu %zu", &r[0],
	    &r[1], &r[2], &r[3]), 4);
	assert_int_equal(r[1], signer.alen);
	assert_int_equal(r[2] + r[3], b.len);
	assert_int_equal(b.data[r[1]], '<');
	assert_int_equal(b.data[r[2] - 1], '>');
	/* the DER in hex, then zeros up to the reserve */
	assert_memory_equal(b.data + r[1] + 1, "ABAB", 4);
	assert_memory_equal(b.data + r[1] + 1 + 600, "0000", 4);
	assert_non_null(memmem(b.data, b.len, "/SubFilter /ETSI.CAdES.detached",
	    31));
	assert_non_null(memmem(b.data, b.len, "/M (D:20260312104000Z)", 22));
	assert_non_null(memmem(b.data, b.len, "/Lang (el-GR)", 13));
	assert_non_null(memmem(b.data, b.len, "/AcroForm << /Fields [", 22));
	/* XML special characters escaped in the XMP */
	assert_non_null(memmem(b.data, b.len, "\\ με &lt;ειδικά&gt; &amp;",
	    strlen("\\ με &lt;ειδικά&gt; &amp;")));
	/* the link is printable now */
	assert_non_null(memmem(b.data, b.len, "/F 4 >>", 7));
	assert_non_null(memmem(b.data + orig, b.len - orig, "/Prev ", 6));
	free(b.data);
}

/* The signer's failures: passed on, the buffer as it was. */
static void
test_signer_fails(void **state)
{
	struct pdfup_sig	 sig = { NULL, NULL, NULL, 0, 256, sign, NULL };
	struct pdf_buf		 b;
	size_t			 orig;

	(void)state;
	cairo_pdf(&b);
	orig = b.len;
	signer.answer = DM_EINTERNAL;
	assert_int_equal(pdfup_append(&b, &meta, &sig), DM_EINTERNAL);
	assert_int_equal(b.len, orig);
	signer.answer = DM_OK;
	signer.derlen = 257;		/* more than its reserve */
	assert_int_equal(pdfup_append(&b, &meta, &sig), DM_ELIMIT);
	assert_int_equal(b.len, orig);
	sig.reserve = PDFUP_RESERVE_MAX + 1;
	assert_int_equal(pdfup_append(&b, &meta, &sig), DM_EINPUT);
	sig.reserve = 0;
	assert_int_equal(pdfup_append(&b, &meta, &sig), DM_EINPUT);
	/* Without a seal: metadata only, no form. */
	assert_int_equal(pdfup_append(&b, &meta, NULL), DM_OK);
	assert_null(memmem(b.data, b.len, "/AcroForm", 9));
	assert_true(qpdf_ok(&b));
	free(b.data);
}

/* Replaces the first from (after skip bytes) by to; 0 if absent. */
static int
edit(struct pdf_buf *b, size_t skip, const char *from, const char *to)
{
	unsigned char	*p = memmem(b->data + skip, b->len - skip, from,
	    strlen(from));
	size_t		 fl = strlen(from), tl = strlen(to), at;

	if (p == NULL)
		return 0;
	at = (size_t)(p - b->data);
	if (tl > fl) {
		b->data = realloc(b->data, b->len + tl - fl);
		assert_non_null(b->data);
	}
	memmove(b->data + at + tl, b->data + at + fl, b->len - at - fl);
	memcpy(b->data + at, to, tl);
	b->len = b->len + tl - fl;
	return 1;
}

/* Anything but what Cairo 1.16 writes is refused, and nothing is added. */
static void
test_refused(void **state)
{
	static const struct {
		const char	*from, *to;
		int		 in_trailer;
	} bad[] = {
		{ "/Info", "/Encrypt 1 0 R /Info", 1 },
		{ "/Info", "/ID [<00> <00>] /Info", 1 },
		{ "/Info", "/Prev 10 /Info", 1 },
		{ "/Root", "/Rooty", 1 },
		{ "%%EOF", "%%EOX", 1 },
		{ "startxref\n", "startxref\n1", 1 },
		{ "trailer", "trailes", 1 },
		{ "xref\n0 ", "xref\n1 ", 0 },
		{ " 65535 f ", " 65535 n ", 0 },
		{ "/Type /Catalog", "/Type /Catalog /Lang (en)", 0 },
		{ "/Type /Catalog", "/Type /Catalog /AcroForm << >>", 0 },
		{ "/Annots [", "/Annots 1 0 R /Other [", 0 },
		{ "/Type /Pages", "/Type /Pagez", 0 },
	};
	struct pdf_buf	 b;
	size_t		 orig, skip;
	unsigned char	*copy;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cairo_pdf(&b);
		skip = bad[i].in_trailer ? (size_t)((unsigned char *)memmem(
		    b.data, b.len, "\ntrailer", 8) - b.data) - 30 : 0;
		if (!edit(&b, skip, bad[i].from, bad[i].to))
			fail_msg("case %zu: '%s' not found", i, bad[i].from);
		orig = b.len;
		copy = malloc(orig);
		assert_non_null(copy);
		memcpy(copy, b.data, orig);
		if (pdfup_append(&b, &meta, NULL) != DM_EINPUT)
			fail_msg("case %zu (%s -> %s) was not refused", i,
			    bad[i].from, bad[i].to);
		assert_int_equal(b.len, orig);
		assert_memory_equal(b.data, copy, orig);
		free(copy);
		free(b.data);
	}
	/* Too short, empty, garbage. */
	memset(&b, 0, sizeof(b));
	pdf_buf_put(&b, "%PDF-1.5\n%%EOF\n", 15);
	assert_int_equal(pdfup_append(&b, &meta, NULL), DM_EINPUT);
	free(b.data);
	/* Required metadata. */
	cairo_pdf(&b);
	{
		struct pdfup_meta m = meta;

		m.lang = NULL;
		assert_int_equal(pdfup_append(&b, &m, NULL), DM_EINPUT);
	}
	free(b.data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_update),
		cmocka_unit_test(test_signer_fails),
		cmocka_unit_test(test_refused),
	};
	int	 rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	cairo_debug_reset_static_data();
	return rc;
}
