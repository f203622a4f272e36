/*
 * fuzz_mime.c - the mailer's message composition (core/src/base/mime.c)
 * on hostile names, subjects, addresses and bodies: what it writes must
 * be 7-bit lines within RFC 5322's limits that decode (tests/common/
 * mime_decode.c) back to exactly what it was given, and what it refuses
 * must be what mime.h says it refuses.
 *
 * Input: byte 0 picks the function; the rest is up to six NUL-separated
 * fields (display name, address, subject, body, message id, language).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mime.h"
#include "mime_decode.h"
#include "validate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_FIELDS	6
#define FZ_LINE_MUST	998	/* RFC 5322 2.1.1 */

static int
fz_text_ok(const char *s)
{
	return mime_header_safe(s) && val_utf8(s, strlen(s));
}

/* One header line (with its CRLF) unfolded; the value after "name: " is
 * returned; encoded-words decoded when decode says so. */
static char *
fz_header(const struct mime_buf *b, const char *name, int decode,
    size_t max)
{
	size_t n = strlen(name);
	char *unf, *out;

	if (b->len < n + 4 || md_check_lines(b->p, b->len, max) != 0)
		abort();
	unf = malloc(b->len + 1);
	out = malloc(b->len + 1);
	md_unfold(b->p, unf);
	/* One line once unfolded, ending with CRLF. */
	if (strncmp(unf, name, n) != 0 || strncmp(unf + n, ": ", 2) != 0 ||
	    strstr(unf, "\r\n") != unf + strlen(unf) - 2)
		abort();
	unf[strlen(unf) - 2] = '\0';
	if (!decode) {
		memmove(unf, unf + n + 2, strlen(unf + n + 2) + 1);
		free(out);
		return unf;
	}
	if (md_decode_words(unf + n + 2, out) != 0)
		abort();
	free(unf);
	return out;
}

static void
fz_text(const char *v)
{
	struct mime_buf b = { NULL, 0, 0 };
	char *dec;

	if (mime_header_text(&b, "Subject", v) != DM_OK) {
		if (fz_text_ok(v) || b.len != 0)
			abort();
		return;
	}
	if (!fz_text_ok(v))
		abort();
	dec = fz_header(&b, "Subject", 1, MIME_LINE_MAX);
	if (strcmp(dec, v) != 0)
		abort();
	free(dec);
	mime_buf_free(&b);
}

static void
fz_addr(const char *display, const char *addr)
{
	struct mime_buf b = { NULL, 0, 0 };
	char *dec, *val, *lt;

	if (mime_header_addr(&b, "To", display, addr) != DM_OK) {
		if ((fz_text_ok(display) && mime_addr_ok(addr)) || b.len != 0)
			abort();
		return;
	}
	if (!fz_text_ok(display) || !mime_addr_ok(addr))
		abort();
	/* "display <addr>", or "<addr>" without a display name; words are
	 * never encoded inside the angle brackets. An address too long for
	 * a line of its own cannot be folded: it keeps the hard limit. */
	val = fz_header(&b, "To", 0, strlen(addr) + 3 <= MIME_LINE_MAX ?
	    MIME_LINE_MAX : FZ_LINE_MUST);
	lt = strrchr(val, '<');
	if (lt == NULL || strncmp(lt + 1, addr, strlen(addr)) != 0 ||
	    strcmp(lt + 1 + strlen(addr), ">") != 0)
		abort();
	if (display[0] == '\0' ? lt != val : (lt == val || lt[-1] != ' '))
		abort();
	dec = malloc(strlen(val) + 1);
	if (display[0] != '\0') {
		lt[-1] = '\0';
		if (md_decode_words(val, dec) != 0 || strcmp(dec, display) != 0)
			abort();
	}
	free(val);
	free(dec);
	mime_buf_free(&b);
}

static void
fz_mailbox(const char *s)
{
	char name[64], addr[64];
	struct mime_buf b = { NULL, 0, 0 };
	dm_status st = mime_split_mailbox(s, name, sizeof(name), addr,
	    sizeof(addr));

	if (st == DM_OK) {
		/* What it splits, the composer takes. */
		if (!mime_addr_ok(addr) || strchr(name, '"') != NULL ||
		    mime_header_addr(&b, "From", name, addr) != DM_OK)
			abort();
		mime_buf_free(&b);
	} else if (st != DM_EINPUT && st != DM_ELIMIT) {
		abort();
	}
}

/* The text as quoted-printable decodes back: CRLF and LF read as LF, a
 * final line break added when there was none. */
static void
fz_qp(const char *s, size_t len)
{
	struct mime_buf b = { NULL, 0, 0 };
	char *want = malloc(len + 2), *dec;
	size_t w = 0, dn;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		want[w++] = s[i];
	}
	if (w == 0 || want[w - 1] != '\n')
		want[w++] = '\n';
	mime_qp(&b, s, len);
	if (md_check_lines(b.p, b.len, MIME_QP_MAX) != 0)
		abort();
	dec = malloc(b.len + 1);
	if (md_qp_decode(b.p, b.len, dec, &dn) != 0 || dn != w ||
	    memcmp(dec, want, w) != 0)
		abort();
	free(dec);
	free(want);
	mime_buf_free(&b);
}

static void
fz_compose(char **f, time_t t)
{
	struct mime_buf b = { NULL, 0, 0 };
	struct mime_msg m = {
		.from_name = "Δήμος Βισαλτίας", .from_addr = "noreply@visaltia.gr",
		.to_name = f[0], .to_addr = f[1], .subject = f[2],
		.body = f[3], .message_id = f[4], .lang = f[5][0] ? f[5] : NULL,
		.date = t,
	};
	char *sep;

	mime_buf_add(&b, "x", 1);
	if (mime_compose(&b, &m) != DM_OK) {
		if (b.len != 1)		/* nothing appended */
			abort();
		mime_buf_free(&b);
		return;
	}
	sep = strstr(b.p, "\r\n\r\n");
	/* The 78-column rule of each header is checked above; here the
	 * message's (a Message-ID may hold 250 characters). */
	if (sep == NULL || md_check_lines(b.p + 1, (size_t)(sep + 2 - b.p -
	    1), FZ_LINE_MUST) != 0 || md_check_lines(sep + 4, b.len -
	    (size_t)(sep + 4 - b.p), MIME_QP_MAX) != 0)
		abort();
	mime_buf_free(&b);
}

static void
fz_date(const uint8_t *data, size_t size)
{
	char d[MIME_DATE_SIZE];
	int64_t t = 0;

	memcpy(&t, data, size < sizeof(t) ? size : sizeof(t));
	mime_date((time_t)t, d);
	if (strlen(d) != 31 || strcmp(d + 25, " +0000") != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *f[FZ_FIELDS];
	size_t n = 0;

	if (size < 1)
		return 0;
	buf = malloc(size + 1);
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	f[n++] = buf;
	for (char *p = buf; p < buf + size - 1 && n < FZ_FIELDS; p++)
		if (*p == '\0')
			f[n++] = p + 1;
	while (n < FZ_FIELDS)
		f[n++] = buf + size - 1;	/* "" */
	switch (data[0] % 6) {
	case 0:
		fz_text(f[0]);
		break;
	case 1:
		fz_addr(f[0], f[1]);
		break;
	case 2:
		fz_mailbox(f[0]);
		break;
	case 3:
		fz_qp((const char *)data + 1, size - 1);
		break;
	case 4:
		fz_compose(f, (time_t)size * 86399);
		break;
	default:
		fz_date(data + 1, size - 1);
		break;
	}
	free(buf);
	return 0;
}
