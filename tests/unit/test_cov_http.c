/*
 * test_cov_http.c - http.c reading whole requests the way a worker reads
 * them, through libfcgi (tests/common/fcgi_feed.c): the parameters, the
 * urlencoded and multipart bodies with every limit and refusal, files
 * kept or dropped with the reason, and the drain. test_http.c has the
 * parsers on their own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fastcgi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "fcgi_feed.h"
#include "http.h"

static struct arena A;
static struct config cfg;

/* A PDF libmagic recognises, of n bytes. */
static char *
pdf(size_t n)
{
	static const char head[] = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\n"
	    "endobj\n";
	char *p = arena_alloc(&A, n + 1);

	memset(p, 'x', n);
	memcpy(p, head, sizeof(head) - 1);
	p[n] = '\0';
	return p;
}

struct served {
	FCGX_Request	 fr;
	struct fz_stream s;
	struct dm_req	 req;
	int		 parsed;
	int		 form;
};

/*
 * Serves one request: params as "NAME=VALUE" strings (NULL-terminated),
 * then body (len bytes, sent in records of chunk bytes).
 */
static void
serve(struct served *x, const char *const *params, const char *body,
    size_t len, size_t chunk)
{
	struct fz_stream pairs = { 0 };

	memset(x, 0, sizeof(*x));
	fz_begin_request(&x->s);
	for (size_t i = 0; params[i] != NULL; i++) {
		const char *eq = strchr(params[i], '=');

		fz_pair(&pairs, params[i], (size_t)(eq - params[i]), eq + 1,
		    strlen(eq + 1));
	}
	fz_records(&x->s, FCGI_PARAMS, pairs.p, pairs.len, 0, 0);
	fz_records(&x->s, FCGI_STDIN, body, len, chunk, 7);
	fz_stream_free(&pairs);
	assert_int_equal(fz_accept(&x->fr, &x->s), 0);
	fz_request_of(&x->req, &x->fr, &A, &cfg);
	x->parsed = http_parse(&x->req);
	x->form = x->parsed == 0 ? http_read_form(&x->req) : -1;
}

static void
done(struct served *x)
{
	http_drain(&x->req, cfg.lim_upload_request);
	http_free_uploads(&x->req);
	fz_finish(&x->fr);
	fz_stream_free(&x->s);
}

static const char *
multipart(const char *parts, size_t *len)
{
	*len = strlen(parts);
	return parts;
}

static void
test_params(void **state)
{
	struct served x;
	char longuri[9000];

	(void)state;
	/* SCRIPT_NAME when there is no DOCUMENT_URI; no method at all. */
	serve(&x, (const char *const[]){ "SCRIPT_NAME=/services",
	    "QUERY_STRING=lang=en", "HTTPS=on", NULL }, "", 0, 0);
	assert_int_equal(x.parsed, 0);
	assert_string_equal(x.req.path, "/services");
	assert_int_equal(x.req.method, HTTP_OTHER);
	assert_string_equal(x.req.lang, "en");
	assert_true(x.req.secure);
	done(&x);
	/* The configuration overrides HTTPS for cookies. */
	cfg.secure_cookies = 0;
	serve(&x, (const char *const[]){ "REQUEST_METHOD=GET",
	    "DOCUMENT_URI=/", "HTTPS=on", NULL }, "", 0, 0);
	assert_false(x.req.secure);
	done(&x);
	cfg.secure_cookies = -1;
	/* A path over the limit, a bad query, a bad cookie header. */
	memset(longuri, 'a', sizeof(longuri) - 1);
	longuri[0] = '/';
	longuri[sizeof(longuri) - 1] = '\0';
	serve(&x, (const char *const[]){ "REQUEST_METHOD=GET",
	    arena_printf(&A, "DOCUMENT_URI=%s", longuri), NULL }, "", 0, 0);
	assert_int_equal(x.parsed, 414);
	done(&x);
	serve(&x, (const char *const[]){ "REQUEST_METHOD=GET",
	    "DOCUMENT_URI=/", "QUERY_STRING=a=%zz", NULL }, "", 0, 0);
	assert_int_equal(x.parsed, 400);
	done(&x);
	{
		char *big = arena_alloc(&A, 9000);

		memset(big, 'c', 8999);
		big[8999] = '\0';
		memcpy(big, "HTTP_COOKIE=a=", 14);
		serve(&x, (const char *const[]){ "REQUEST_METHOD=GET",
		    "DOCUMENT_URI=/", big, NULL }, "", 0, 0);
		assert_int_equal(x.parsed, 400);
		done(&x);
	}
	/* Accept-Language with parameters and spaces. */
	serve(&x, (const char *const[]){ "REQUEST_METHOD=GET",
	    "DOCUMENT_URI=/", "HTTP_ACCEPT_LANGUAGE=el;level=1; q=0.4, "
	    "en-GB; q=0.8;x=y", NULL }, "", 0, 0);
	assert_string_equal(x.req.lang, "en");
	done(&x);
	serve(&x, (const char *const[]){ "REQUEST_METHOD=GET",
	    "DOCUMENT_URI=/", "HTTP_ACCEPT_LANGUAGE=en;q=abc, el;q=2", NULL },
	    "", 0, 0);
	assert_string_equal(x.req.lang, "el");
	done(&x);
}

static void
test_urlencoded(void **state)
{
	static const char body[] = "subject=%CE%B8%CE%AD%CE%BC%CE%B1&n=1";
	struct served x;

	(void)state;
	serve(&x, (const char *const[]){ "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/x", "CONTENT_TYPE=application/x-www-form-urlencoded;"
	    " charset=UTF-8", arena_printf(&A, "CONTENT_LENGTH=%zu",
	    sizeof(body) - 1), NULL }, body, sizeof(body) - 1, 5);
	assert_int_equal(x.form, 0);
	assert_string_equal(kv_get(&x.req.form, "subject"), "θέμα");
	/* Read once only. */
	assert_int_equal(http_read_form(&x.req), 0);
	done(&x);
	/* Shorter than it says, a length that is no number, no length. */
	serve(&x, (const char *const[]){ "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/x", "CONTENT_TYPE=application/x-www-form-urlencoded",
	    "CONTENT_LENGTH=100", NULL }, "a=1", 3, 0);
	assert_int_equal(x.form, 400);
	done(&x);
	serve(&x, (const char *const[]){ "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/x", "CONTENT_TYPE=application/x-www-form-urlencoded",
	    "CONTENT_LENGTH=3x", NULL }, "a=1", 3, 0);
	assert_int_equal(x.form, 400);
	done(&x);
	serve(&x, (const char *const[]){ "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/x", "CONTENT_LENGTH=-3", NULL }, "a=1", 3, 0);
	assert_int_equal(x.form, 400);
	done(&x);
	serve(&x, (const char *const[]){ "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/x", NULL }, "a=1", 3, 0);
	assert_int_equal(x.form, 0);
	assert_int_equal(x.req.form.n, 0);
	done(&x);
	/* Other types, and over limits.form. */
	serve(&x, (const char *const[]){ "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/x", "CONTENT_LENGTH=3", NULL }, "a=1", 3, 0);
	assert_int_equal(x.form, 415);
	done(&x);
	serve(&x, (const char *const[]){ "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/x", "CONTENT_TYPE=application/x-www-form-urlencoded",
	    "CONTENT_LENGTH=100000", NULL }, "a=1", 3, 0);
	assert_int_equal(x.form, 413);
	done(&x);
}

#define PART(name)	"--B\r\nContent-Disposition: form-data; name=\"" name \
			"\"\r\n\r\n"
#define FILEPART(name, file) "--B\r\nContent-Disposition: form-data; " \
			"name=\"" name "\"; filename=\"" file "\"\r\n" \
			"Content-Type: application/pdf\r\n\r\n"

/*
 * A kept file of up to REQ_UPLOAD_SPOOL bytes is in the heap; a larger
 * one in its unlinked temporary file, not the heap: the bytes read back
 * from the descriptor, the read-only mapping and the hash all equal what
 * was sent.
 */
static void
assert_kept_in_file(const struct upload *u, const char *sent, size_t len)
{
	unsigned char sha[crypto_hash_sha256_BYTES];
	char *back = arena_alloc(&A, len + 1);
	struct stat sb;

	crypto_hash_sha256(sha, (const unsigned char *)sent, len);
	assert_memory_equal(u->sha256, sha, sizeof(sha));
	assert_memory_equal(u->data, sent, len);
	if (len <= REQ_UPLOAD_SPOOL) {
		assert_true(u->in_heap);
		assert_int_equal(u->fd, -1);
		return;
	}
	assert_false(u->in_heap);
	assert_true(u->fd >= 0);
	assert_int_equal(fstat(u->fd, &sb), 0);
	assert_int_equal(sb.st_nlink, 0);	/* no name on disk */
	assert_int_equal((size_t)sb.st_size, len);
	assert_int_equal(pread(u->fd, back, len, 0), (ssize_t)len);
	assert_memory_equal(back, sent, len);
}

/* A file over REQ_UPLOAD_SPOOL goes on into its temporary file, the
 * first bytes moved there from memory; one just within stays in memory. */
static void
test_large_file(void **state)
{
	const char *hdr[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/v",
	    "CONTENT_TYPE=multipart/form-data; boundary=B", NULL, NULL };
	const char *const *h = hdr;
	const char *big = pdf(REQ_UPLOAD_SPOOL + 4097);
	const char *fits = pdf(REQ_UPLOAD_SPOOL);
	const char *body;
	struct served x;
	size_t len;

	(void)state;
	cfg.lim_upload_file = 1 << 20;
	cfg.lim_upload_request = 2 << 20;
	body = arena_printf(&A, FILEPART("file", "big.pdf") "%s\r\n"
	    FILEPART("file", "fits.pdf") "%s\r\n--B--\r\n", big, fits);
	len = strlen(body);
	hdr[3] = arena_printf(&A, "CONTENT_LENGTH=%zu", len);
	serve(&x, h, body, len, 1000);
	assert_int_equal(x.form, 0);
	assert_int_equal(x.req.nuploads, 2);
	assert_kept_in_file(x.req.uploads, big, strlen(big));
	assert_kept_in_file(x.req.uploads->next, fits, strlen(fits));
	done(&x);
	/* No temporary file can be made for the large one: 500, the body
	 * not taken for a malformed one, and nothing kept. */
	cfg.lim_upload_dir = (char *)"/nonexistent/dimos-upload-dir";
	serve(&x, h, body, len, 0);
	assert_int_equal(x.form, 500);
	assert_null(x.req.uploads);
	done(&x);
	cfg.lim_upload_dir = NULL;
	cfg.lim_upload_file = 1024;
	cfg.lim_upload_request = 65536;
}

static void
test_multipart(void **state)
{
	const char *hdr[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/v",
	    "CONTENT_TYPE=multipart/form-data; boundary=B", NULL, NULL };
	const char *const *h = hdr;
	const char *body;
	char *field;
	struct served x;
	struct upload *u;
	size_t len;

	(void)state;
	/* A long field in pieces, a PDF, an impostor, an empty file
	 * (refused), an input left empty (no file at all), one over the
	 * per-file limit and one over the count. */
	field = arena_alloc(&A, 3001);
	memset(field, 'z', 3000);
	field[3000] = '\0';
	body = arena_printf(&A, PART("text") "%s\r\n"
	    FILEPART("file", "a.pdf") "%s\r\n"
	    FILEPART("file", "b.pdf") "not a pdf\r\n"
	    FILEPART("file", "empty.pdf") "\r\n"
	    FILEPART("file", "") "\r\n"
	    FILEPART("file", "big.pdf") "%s\r\n"
	    FILEPART("file", "more.pdf") "%s\r\n"
	    FILEPART("file", "last.pdf") "%s\r\n--B--\r\n",
	    field, pdf(200), pdf(5000), pdf(100), pdf(100));
	len = strlen(body);
	hdr[3] = arena_printf(&A, "CONTENT_LENGTH=%zu", len);
	cfg.lim_upload_files = 5;
	serve(&x, h, body, len, 700);
	assert_int_equal(x.form, 0);
	assert_int_equal(strlen(kv_get(&x.req.form, "text")), 3000);
	assert_int_equal(x.req.nuploads, 6);
	u = x.req.uploads;
	assert_string_equal(u->filename, "a.pdf");
	assert_non_null(u->data);
	assert_int_equal(u->len, 200);
	assert_string_equal(u->type, "application/pdf");
	assert_kept_in_file(u, pdf(200), 200);
	u = u->next;
	assert_true(u->bad_type);
	assert_null(u->data);
	assert_int_equal(u->fd, -1);
	u = u->next;
	assert_string_equal(u->filename, "empty.pdf");
	assert_true(u->bad_type);
	u = u->next;
	assert_true(u->too_big);
	assert_null(u->data);
	assert_int_equal(u->fd, -1);
	assert_int_equal(u->len, 0);
	u = u->next;
	assert_non_null(u->data);
	u = u->next;
	assert_true(u->too_many);
	assert_null(u->data);
	done(&x);
	cfg.lim_upload_files = 10;

	/* Over limits.upload_request before a byte is read. */
	hdr[3] = "CONTENT_LENGTH=99999999";
	serve(&x, h, "x", 1, 0);
	assert_int_equal(x.form, 413);
	done(&x);
	/* A body that ends inside a file: 400, and its bytes freed. */
	body = arena_printf(&A, FILEPART("file", "cut.pdf") "%s", pdf(300));
	len = strlen(body);
	hdr[3] = arena_printf(&A, "CONTENT_LENGTH=%zu",
	    len + 500);
	serve(&x, h, body, len, 0);
	assert_int_equal(x.form, 400);
	assert_null(x.req.uploads);
	done(&x);
	/* The parser's own refusal: a field over limits.form. */
	field = arena_alloc(&A, 9001);
	memset(field, 'y', 9000);
	field[9000] = '\0';
	body = arena_printf(&A, PART("long") "%s\r\n--B--\r\n", field);
	len = strlen(body);
	hdr[3] = arena_printf(&A, "CONTENT_LENGTH=%zu", len);
	serve(&x, h, body, len, 0);
	assert_int_equal(x.form, 413);
	done(&x);
	/* Too many fields; a field that is not text; no boundary. */
	cfg.lim_fields = 2;
	body = multipart(PART("a") "1\r\n" PART("b") "2\r\n" PART("c")
	    "3\r\n--B--\r\n", &len);
	hdr[3] = arena_printf(&A, "CONTENT_LENGTH=%zu", len);
	serve(&x, h, body, len, 0);
	assert_int_equal(x.form, 400);
	done(&x);
	cfg.lim_fields = 32;
	body = multipart(PART("a") "\xff\xfe\r\n--B--\r\n", &len);
	hdr[3] = arena_printf(&A, "CONTENT_LENGTH=%zu", len);
	serve(&x, h, body, len, 0);
	assert_int_equal(x.form, 400);
	done(&x);
	serve(&x, (const char *const[]){ "REQUEST_METHOD=POST",
	    "DOCUMENT_URI=/v", "CONTENT_TYPE=multipart/form-data",
	    "CONTENT_LENGTH=3", NULL }, "a=1", 3, 0);
	assert_int_equal(x.form, 400);
	done(&x);
	/* Not closed: the end of the body comes first. */
	body = multipart(PART("a") "1\r\n", &len);
	hdr[3] = arena_printf(&A, "CONTENT_LENGTH=%zu", len);
	serve(&x, h, body, len, 0);
	assert_int_equal(x.form, 400);
	done(&x);
}

static void
test_types(void **state)
{
	const char *hdr[] = { "REQUEST_METHOD=POST", "DOCUMENT_URI=/v",
	    "CONTENT_TYPE=multipart/form-data; boundary=B", NULL, NULL };
	const char *const *h = hdr;
	char *body;
	struct served x;
	size_t len;

	(void)state;
	/* Types listed with spaces around the commas. */
	cfg.lim_upload_types = "image/png , application/pdf ,text/plain";
	body = arena_printf(&A, FILEPART("file", "a.pdf") "%s\r\n--B--\r\n",
	    pdf(200));
	len = strlen(body);
	hdr[3] = arena_printf(&A, "CONTENT_LENGTH=%zu", len);
	serve(&x, h, body, len, 0);
	assert_int_equal(x.form, 0);
	assert_non_null(x.req.uploads->data);
	done(&x);
	/* A prefix of an allowed type is not allowed. */
	cfg.lim_upload_types = "application/pdfx";
	serve(&x, h, body, len, 0);
	assert_true(x.req.uploads->bad_type);
	done(&x);
	cfg.lim_upload_types = "application/pdf";
}

static void
test_drain(void **state)
{
	struct dm_req req;
	struct served x;

	(void)state;
	memset(&req, 0, sizeof(req));
	http_drain(&req, 100);		/* no input stream: nothing to do */
	/* A body nobody read is drained to its end... */
	serve(&x, (const char *const[]){ "REQUEST_METHOD=GET",
	    "DOCUMENT_URI=/", "CONTENT_LENGTH=3", NULL }, "abc", 3, 0);
	http_drain(&x.req, 10);
	assert_int_equal(FCGX_GetChar(x.req.in), EOF);
	done(&x);
	/* ...but one it cannot size is not read beyond a byte. */
	serve(&x, (const char *const[]){ "REQUEST_METHOD=GET",
	    "DOCUMENT_URI=/", "CONTENT_LENGTH=bad", NULL }, "abc", 3, 0);
	http_drain(&x.req, 10);
	assert_int_equal(FCGX_GetChar(x.req.in), 'b');
	done(&x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_large_file),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_drain),
	};
	int r;

	arena_init(&A);
	memset(&cfg, 0, sizeof(cfg));
	cfg.lim_query = 4096;
	cfg.lim_form = 8192;
	cfg.lim_fields = 32;
	cfg.lim_upload_file = 1024;
	cfg.lim_upload_request = 65536;
	cfg.lim_upload_files = 10;
	cfg.lim_upload_types = "application/pdf";
	cfg.secure_cookies = -1;
	r = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return r;
}
