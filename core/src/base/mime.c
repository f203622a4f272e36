/*
 * mime.c - RFC 5322 / 2045 / 2047 composition of plain-text mail.
 * Everything written is 7-bit ASCII with CRLF line ends: non-ASCII header
 * text travels as base64 encoded-words, the body as quoted-printable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mime.h"
#include "validate.h"

/* "=?UTF-8?B?" and "?=": what an encoded-word costs besides its data. */
#define MIME_EW_PREFIX		"=?UTF-8?B?"
#define MIME_EW_OVERHEAD	12

void
mime_buf_add(struct mime_buf *b, const void *s, size_t n)
{
	size_t cap;
	char *p;

	if (b->len + n + 1 > b->cap) {
		cap = b->cap != 0 ? b->cap : 512;
		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (p == NULL)
			log_fatal("out of memory (mail of %zu bytes)", cap);
		b->p = p;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
mime_buf_str(struct mime_buf *b, const char *s)
{
	mime_buf_add(b, s, strlen(s));
}

void
mime_buf_free(struct mime_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

/* Drops whatever was appended after len (a failed header). */
static void
mime_buf_cut(struct mime_buf *b, size_t len)
{
	b->len = len;
	if (b->p != NULL)
		b->p[len] = '\0';
}

int
mime_header_safe(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") == NULL;
}

int
mime_addr_ok(const char *s)
{
	const char *at;

	if (s == NULL || s[0] == '\0' || strlen(s) > 254)
		return 0;
	for (const char *p = s; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || strchr("<>()[]\\,;:\"", *p))
			return 0;
	at = strchr(s, '@');
	return at != NULL && at != s && at[1] != '\0' &&
	    strchr(at + 1, '@') == NULL;
}

static const char *
mime_trim(const char *s, size_t *len)
{
	size_t n = *len;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

dm_status
mime_split_mailbox(const char *s, char *name, size_t namesz, char *addr,
    size_t addrsz)
{
	const char *lt, *a, *n;
	size_t alen, nlen;

	if (!mime_header_safe(s) || !val_utf8(s, strlen(s)))
		return DM_EINPUT;
	alen = strlen(s);
	a = mime_trim(s, &alen);
	nlen = 0;
	n = a;
	if (alen > 0 && a[alen - 1] == '>') {
		lt = memrchr(a, '<', alen);
		if (lt == NULL)
			return DM_EINPUT;
		nlen = (size_t)(lt - a);
		n = mime_trim(a, &nlen);
		/* A quoted display name loses its quotes (no escapes). */
		if (nlen >= 2 && n[0] == '"' && n[nlen - 1] == '"') {
			n++;
			nlen -= 2;
		}
		alen = (size_t)(a + alen - 1 - (lt + 1));
		a = lt + 1;
	}
	if (nlen >= namesz || alen >= addrsz)
		return DM_ELIMIT;
	memcpy(name, n, nlen);
	name[nlen] = '\0';
	memcpy(addr, a, alen);
	addr[alen] = '\0';
	if (memchr(name, '"', nlen) != NULL || !mime_addr_ok(addr))
		return DM_EINPUT;
	return DM_OK;
}

static void
mime_b64(struct mime_buf *b, const unsigned char *s, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	char q[4];

	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		q[0] = tab[(v >> 18) & 63];
		q[1] = tab[(v >> 12) & 63];
		q[2] = i + 1 < n ? tab[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? tab[v & 63] : '=';
		mime_buf_add(b, q, 4);
	}
}

/* Bytes in the UTF-8 sequence led by c (the text is already validated). */
static size_t
mime_u8len(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if (c < 0xe0)
		return 2;
	if (c < 0xf0)
		return 3;
	return 4;
}

static void
mime_fold(struct mime_buf *b, size_t *col)
{
	mime_buf_add(b, "\r\n ", 3);
	*col = 1;
}

/*
 * Appends s[0..len) as base64 encoded-words from column *col: each word
 * holds as many whole characters as fit in MIME_WORD_MAX characters and in
 * the line (MIME_EWLINE_MAX), and words are separated by CRLF SP, which a
 * decoder drops between encoded-words (RFC 2047 6.2).
 */
static void
mime_ewords(struct mime_buf *b, const char *s, size_t len, size_t *col)
{
	size_t pos = 0, room, max, take, n;

	while (pos < len) {
		/* Room for at least 8 base64 characters: any character. */
		if (*col + MIME_EW_OVERHEAD + 8 > MIME_EWLINE_MAX)
			mime_fold(b, col);
		room = MIME_EWLINE_MAX - *col - MIME_EW_OVERHEAD;
		if (room > MIME_WORD_MAX - MIME_EW_OVERHEAD)
			room = MIME_WORD_MAX - MIME_EW_OVERHEAD;
		max = room / 4 * 3;
		for (take = 0; pos + take < len; take += n) {
			n = mime_u8len((unsigned char)s[pos + take]);
			if (take + n > max)
				break;
		}
		mime_buf_str(b, MIME_EW_PREFIX);
		mime_b64(b, (const unsigned char *)s + pos, take);
		mime_buf_add(b, "?=", 2);
		*col += MIME_EW_OVERHEAD + (take + 2) / 3 * 4;
		pos += take;
		if (pos < len)
			mime_fold(b, col);
	}
}

/* Printable ASCII that no decoder could mistake for an encoded-word. */
static int
mime_plain(const char *s)
{
	for (const char *p = s; *p != '\0'; p++)
		if (*p < ' ' || *p > '~')
			return 0;
	return strstr(s, "=?") == NULL;
}

/*
 * Appends printable ASCII s from column col, folding before the spaces
 * that precede a word when the line would grow past MIME_LINE_MAX. 0 (and
 * nothing appended) if some word cannot be made to fit.
 */
static int
mime_fold_plain(struct mime_buf *b, const char *s, size_t col)
{
	size_t start = b->len, n;
	const char *p = s, *t, *w;

	while (*p != '\0') {
		t = p;
		while (*p == ' ')
			p++;
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		n = (size_t)(p - t);
		/* Fold only before whitespace that a word follows: a line
		 * of nothing but whitespace is not allowed (RFC 5322 3.2.2). */
		if (col + n > MIME_LINE_MAX && t != w && w != p) {
			mime_buf_add(b, "\r\n", 2);
			col = 0;
		}
		if (col + n > MIME_LINE_MAX) {
			mime_buf_cut(b, start);
			return 0;
		}
		mime_buf_add(b, t, n);
		col += n;
	}
	return 1;
}

static int
mime_text_ok(const char *s)
{
	return mime_header_safe(s) && val_utf8(s, strlen(s));
}

dm_status
mime_header_text(struct mime_buf *b, const char *name, const char *value)
{
	size_t col;

	if (!mime_text_ok(value) || !mime_plain(name))
		return DM_EINPUT;
	mime_buf_str(b, name);
	mime_buf_add(b, ": ", 2);
	col = strlen(name) + 2;
	if (!mime_plain(value) || !mime_fold_plain(b, value, col))
		mime_ewords(b, value, strlen(value), &col);
	mime_buf_add(b, "\r\n", 2);
	return DM_OK;
}

/* Words of RFC 5322 atext separated by single spaces: a phrase of atoms. */
static int
mime_atoms(const char *s)
{
	static const char atext[] = "!#$%&'*+-/=?^_`{|}~";
	const char *p;

	if (s[0] == ' ' || strstr(s, "=?") != NULL)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == ' ') {
			if (p[1] == ' ' || p[1] == '\0')
				return 0;
		} else if (!((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr(atext, *p) != NULL)) {
			return 0;
		}
	}
	return 1;
}

dm_status
mime_header_addr(struct mime_buf *b, const char *name, const char *display,
    const char *addr)
{
	size_t col, dlen, alen;

	if (!mime_plain(name) || !mime_addr_ok(addr) ||
	    (display != NULL && !mime_text_ok(display)))
		return DM_EINPUT;
	alen = strlen(addr);
	dlen = display != NULL ? strlen(display) : 0;
	mime_buf_str(b, name);
	col = strlen(name) + 2;
	if (dlen == 0) {
		/* An addr-spec cannot be folded: if it does not fit after
		 * the name, it starts a line of its own. */
		if (col + alen + 2 > MIME_LINE_MAX)
			mime_buf_add(b, ":\r\n <", 5);
		else
			mime_buf_add(b, ": <", 3);
		mime_buf_add(b, addr, alen);
		mime_buf_add(b, ">\r\n", 3);
		return DM_OK;
	}
	mime_buf_add(b, ": ", 2);
	if (mime_atoms(display) && col + dlen <= MIME_LINE_MAX) {
		mime_buf_add(b, display, dlen);
		col += dlen;
	} else {
		mime_ewords(b, display, dlen, &col);
	}
	if (col + 1 + alen + 2 > MIME_LINE_MAX) {
		mime_buf_add(b, "\r\n", 2);
		col = 0;
	}
	mime_buf_add(b, " <", 2);
	mime_buf_add(b, addr, alen);
	mime_buf_add(b, ">\r\n", 3);
	return DM_OK;
}

/* Whether s[i] ends a line: the end of the text, LF or CRLF follows. */
static int
mime_eol(const char *s, size_t len, size_t i)
{
	return i == len || s[i] == '\n' ||
	    (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n');
}

/* Bytes of the well-formed UTF-8 sequence at s[i], else 1. */
static size_t
mime_u8seq(const char *s, size_t len, size_t i)
{
	size_t n = mime_u8len((unsigned char)s[i]);

	if (n == 1 || i + n > len)
		return 1;
	for (size_t k = 1; k < n; k++)
		if (((unsigned char)s[i + k] & 0xc0) != 0x80)
			return 1;
	return n;
}

void
mime_qp(struct mime_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i = 0, col = 0, tn, n;
	int bol = 1;	/* at the start of a line of the text */
	char tok[12];

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' || (c == '\r' && i + 1 < len &&
		    s[i + 1] == '\n')) {
			i += c == '\r' ? 2 : 1;
			mime_buf_add(b, "\r\n", 2);
			col = 0;
			bol = 1;
			continue;
		}
		/* A character is one token: a soft break never splits a
		 * UTF-8 sequence (simpler decoders stay happy). */
		n = c < 0x80 ? 1 : mime_u8seq(s, len, i);
		tok[0] = (char)c;
		tn = 1;
		if (n > 1 || ((c == ' ' || c == '\t') ?
		    mime_eol(s, len, i + 1) :
		    (c < '!' || c > '~' || c == '='))) {
			for (tn = 0; tn < 3 * n; tn += 3) {
				c = (unsigned char)s[i + tn / 3];
				tok[tn] = '=';
				tok[tn + 1] = hex[c >> 4];
				tok[tn + 2] = hex[c & 15];
			}
		}
		/* A soft break costs one column for its '='; the last token
		 * of a line may use that column itself. */
		if (col + tn > MIME_QP_MAX - 1 && !(mime_eol(s, len, i + n) &&
		    col + tn <= MIME_QP_MAX)) {
			mime_buf_add(b, "=\r\n", 3);
			col = 0;
		}
		/* "From " opening a line gets mangled by mbox tools. */
		if (col == 0 && tn == 1 && c == 'F' && len - i >= 5 &&
		    memcmp(s + i, "From ", 5) == 0) {
			tok[0] = '=';
			tok[1] = '4';
			tok[2] = '6';
			tn = 3;
		}
		mime_buf_add(b, tok, tn);
		col += tn;
		bol = 0;
		i += n;
	}
	if (!bol || len == 0)
		mime_buf_add(b, "\r\n", 2);
}

void
mime_date(time_t t, char out[MIME_DATE_SIZE])
{
	static const char days[7][4] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < 0 ||
	    tm.tm_year > 9999 - 1900) {
		t = 0;
		gmtime_r(&t, &tm);
	}
	/* Unsigned, so that the compiler sees every field's width bounded. */
	snprintf(out, MIME_DATE_SIZE, "%s, %02u %s %04u %02u:%02u:%02u +0000",
	    days[(unsigned)tm.tm_wday % 7u], (unsigned)tm.tm_mday % 100u,
	    months[(unsigned)tm.tm_mon % 12u],
	    (unsigned)(tm.tm_year + 1900) % 10000u, (unsigned)tm.tm_hour % 100u,
	    (unsigned)tm.tm_min % 100u, (unsigned)tm.tm_sec % 100u);
}

/* "<left@right>": printable ASCII without spaces or more brackets. */
static int
mime_msgid_ok(const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) < 5 || n > 250 || s[0] != '<' ||
	    s[n - 1] != '>' || memchr(s, '@', n) == NULL)
		return 0;
	for (size_t i = 1; i + 1 < n; i++)
		if (s[i] <= ' ' || s[i] >= 0x7f || s[i] == '<' || s[i] == '>')
			return 0;
	return 1;
}

dm_status
mime_compose(struct mime_buf *b, const struct mime_msg *m)
{
	size_t start = b->len;
	char date[MIME_DATE_SIZE];
	dm_status st = DM_EINPUT;

	if (m->subject == NULL || m->body == NULL ||
	    !mime_msgid_ok(m->message_id) ||
	    !val_utf8(m->body, strlen(m->body)) ||
	    (m->lang != NULL && !(strlen(m->lang) == 2 &&
	    m->lang[0] >= 'a' && m->lang[0] <= 'z' &&
	    m->lang[1] >= 'a' && m->lang[1] <= 'z')))
		goto out;
	mime_date(m->date, date);
	mime_buf_str(b, "Date: ");
	mime_buf_str(b, date);
	mime_buf_add(b, "\r\n", 2);
	if (mime_header_addr(b, "From", m->from_name, m->from_addr) != DM_OK ||
	    mime_header_addr(b, "To", m->to_name, m->to_addr) != DM_OK ||
	    mime_header_text(b, "Subject", m->subject) != DM_OK)
		goto out;
	mime_buf_str(b, "Message-ID: ");
	mime_buf_str(b, m->message_id);
	mime_buf_str(b, "\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: quoted-printable\r\n");
	if (m->lang != NULL) {
		mime_buf_str(b, "Content-Language: ");
		mime_buf_str(b, m->lang);
		mime_buf_add(b, "\r\n", 2);
	}
	/* RFC 3834: no vacation replies or other automatic answers. */
	mime_buf_str(b, "Auto-Submitted: auto-generated\r\n\r\n");
	mime_qp(b, m->body, strlen(m->body));
	st = DM_OK;
out:
	if (st != DM_OK)
		mime_buf_cut(b, start);
	return st;
}
