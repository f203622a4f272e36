/*
 * multipart.c - streaming multipart/form-data parser (RFC 7578, RFC 2046).
 * Owns: the body state machine, header parsing and filename sanitizing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"

#define MP_BOUNDARY_MAX	70
/* "\r\n--" before the boundary. */
#define MP_DELIM_MAX	(4 + MP_BOUNDARY_MAX)
/* Body bytes are batched into callbacks of up to this size. */
#define MP_STAGE_SIZE	4096

#define MP_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

enum mp_state {
	MP_PREAMBLE,	/* before the first delimiter; discarded */
	MP_DELIM,	/* a delimiter matched; "--", padding or CR next */
	MP_DASH,	/* "-" after a delimiter; the second one next */
	MP_PADDING,	/* spaces or tabs after a delimiter */
	MP_DELIM_CR,	/* CR ending a delimiter line; LF next */
	MP_HEADERS,	/* a part's header block */
	MP_BODY,	/* a part's body */
	MP_EPILOGUE,	/* after the close delimiter; discarded */
};

struct mp_parser {
	struct mp_limits	 lim;
	struct mp_callbacks	 cb;
	void			*arg;
	enum mp_state		 state;
	dm_status		 err;		/* sticky */

	/*
	 * The delimiter and how much of it the latest input matched. The
	 * matched bytes are not kept: they equal delim[0..match).
	 */
	char			 delim[MP_DELIM_MAX];
	size_t			 dlen;
	size_t			 match;

	size_t			 nparts;
	int			 in_part;	/* part_begin succeeded, no
						   part_end yet */
	struct mp_part		 part;
	size_t			 body;		/* body bytes passed on */
	size_t			 body_max;

	/* Header block: the current line, and the decoded strings. */
	size_t			 hcount;	/* block bytes so far */
	int			 hcr;		/* last byte was CR */
	char			*line;		/* max_header_bytes + 1 */
	size_t			 llen;
	char			*sbuf;		/* max_header_bytes + 1 */
	size_t			 slen;
	unsigned		 seen;		/* MP_SEEN_* */
	const char		*fn;		/* filename */
	const char		*fnx;		/* usable decoded filename* */

	char			 stage[MP_STAGE_SIZE];
	size_t			 stage_len;
};

/* mp_parser.seen: headers and parameters already met in this part. */
#define MP_SEEN_CD	0x01u	/* Content-Disposition */
#define MP_SEEN_CT	0x02u	/* Content-Type */
#define MP_SEEN_CTE	0x04u	/* Content-Transfer-Encoding */
#define MP_SEEN_NAME	0x08u
#define MP_SEEN_FN	0x10u	/* filename */
#define MP_SEEN_FNX	0x20u	/* filename* */

/* RFC 9110 tchar. */
static int
mp_istchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

/* RFC 2046 bchars, space included (not allowed last). */
static int
mp_isbchar(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

/*
 * An unquoted Content-Type parameter value: a token, or bchars, as senders
 * put boundaries like ----=_Part_1 unquoted although '=' is a tspecial.
 */
static int
mp_isctvchar(unsigned char c)
{
	return mp_istchar(c) || (c != ' ' && mp_isbchar(c));
}

static int
mp_isows(char c)
{
	return c == ' ' || c == '\t';
}

/* s[0..n) equals the lowercase ASCII literal lit, ignoring case. */
static int
mp_ieq(const char *s, size_t n, const char *lit)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		char	c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (lit[i] == '\0' || c != lit[i])
			return 0;
	}
	return lit[n] == '\0';
}

static const char *
mp_skip_ows(const char *s)
{
	while (mp_isows(*s))
		s++;
	return s;
}

static size_t
mp_token_len(const char *s)
{
	size_t	n = 0;

	while (mp_istchar((unsigned char)s[n]))
		n++;
	return n;
}

/* A parameter as it appears: name and raw value, quotes included. */
struct mp_param {
	const char	*name;
	size_t		 nlen;
	const char	*val;
	size_t		 vlen;
};

/*
 * Parses the next `OWS ";" OWS token OWS "=" OWS (token / quoted-string)`
 * at *sp (NUL-terminated), where vchar says which characters an unquoted
 * value may have. Returns 1 and advances *sp, 0 at the end of the string,
 * -1 on a syntax error. A trailing ";" is tolerated.
 */
static int
mp_param_next(const char **sp, struct mp_param *pm,
    int (*vchar)(unsigned char))
{
	const char	*s = mp_skip_ows(*sp);

	if (*s == '\0')
		return 0;
	if (*s != ';')
		return -1;
	s = mp_skip_ows(s + 1);
	if (*s == '\0')
		return 0;
	pm->name = s;
	pm->nlen = mp_token_len(s);
	if (pm->nlen == 0)
		return -1;
	s = mp_skip_ows(s + pm->nlen);
	if (*s != '=')
		return -1;
	s = mp_skip_ows(s + 1);
	pm->val = s;
	if (*s == '"') {
		for (s++; *s != '"'; s++) {
			if (*s == '\0')
				return -1;
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
		}
		s++;
	} else {
		while (vchar((unsigned char)*s))
			s++;
	}
	pm->vlen = (size_t)(s - pm->val);
	if (pm->vlen == 0)
		return -1;
	*sp = s;
	return 1;
}

/*
 * Writes the value of a parameter parsed by mp_param_next to out (room for
 * vlen + 1 bytes), NUL-terminated; returns its length. In a quoted string
 * only \" and \\ are escapes, other backslashes are literal.
 */
static size_t
mp_param_value(const struct mp_param *pm, char *out)
{
	size_t	i, n = 0;

	if (pm->val[0] != '"') {
		memcpy(out, pm->val, pm->vlen);
		n = pm->vlen;
	} else {
		for (i = 1; i + 1 < pm->vlen; i++) {
			if (pm->val[i] == '\\' && (pm->val[i + 1] == '"' ||
			    pm->val[i + 1] == '\\'))
				i++;
			out[n++] = pm->val[i];
		}
	}
	out[n] = '\0';
	return n;
}

/* Parses "type/subtype" at *sp and compares it with lit, ignoring case. */
static int
mp_media_type(const char **sp, const char *lit)
{
	const char	*s = mp_skip_ows(*sp);
	size_t		 n = mp_token_len(s);

	if (s[n] != '/')
		return 0;
	n += 1 + mp_token_len(s + n + 1);
	if (!mp_ieq(s, n, lit))
		return 0;
	*sp = s + n;
	return 1;
}

/* The boundary parameter of a request Content-Type, decoded into b. */
static dm_status
mp_boundary(const char *ct, char b[MP_BOUNDARY_MAX + 1], size_t *blen)
{
	struct mp_param	 pm;
	/* A quoted 70-char boundary is at most 72 raw bytes. */
	char		 val[2 * MP_BOUNDARY_MAX + 3];
	size_t		 n, i;
	int		 r, found = 0;

	if (ct == NULL || !mp_media_type(&ct, "multipart/form-data"))
		return DM_EINPUT;
	while ((r = mp_param_next(&ct, &pm, mp_isctvchar)) == 1) {
		if (!mp_ieq(pm.name, pm.nlen, "boundary"))
			continue;
		if (found || pm.vlen >= sizeof(val))
			return DM_EINPUT;
		found = 1;
		n = mp_param_value(&pm, val);
		if (n == 0 || n > MP_BOUNDARY_MAX || val[n - 1] == ' ')
			return DM_EINPUT;
		for (i = 0; i < n; i++)
			if (!mp_isbchar((unsigned char)val[i]))
				return DM_EINPUT;
		memcpy(b, val, n + 1);
		*blen = n;
	}
	return r == 0 && found ? DM_OK : DM_EINPUT;
}

dm_status
mp_new(const char *content_type, const struct mp_limits *limits,
    const struct mp_callbacks *cb, void *arg, struct mp_parser **out)
{
	static const struct mp_limits defaults = MP_LIMITS_DEFAULT;
	struct mp_parser	*p = NULL;
	char			 b[MP_BOUNDARY_MAX + 1];
	size_t			 blen = 0;
	dm_status		 st;

	*out = NULL;
	if ((st = mp_boundary(content_type, b, &blen)) != DM_OK)
		goto out;
	if (limits == NULL)
		limits = &defaults;
	st = DM_EINTERNAL;
	if (limits->max_header_bytes == SIZE_MAX)
		goto out;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		goto out;
	p->lim = *limits;
	if (cb != NULL)
		p->cb = *cb;
	p->arg = arg;
	p->line = malloc(limits->max_header_bytes + 1);
	p->sbuf = malloc(limits->max_header_bytes + 1);
	if (p->line == NULL || p->sbuf == NULL)
		goto out;
	memcpy(p->delim, "\r\n--", 4);
	memcpy(p->delim + 4, b, blen);
	p->dlen = 4 + blen;
	/* The first delimiter may open the body: act as if CRLF came first. */
	p->match = 2;
	p->state = MP_PREAMBLE;
	*out = p;
	p = NULL;
	st = DM_OK;
out:
	mp_free(p);
	return st;
}

void
mp_free(struct mp_parser *p)
{
	if (p == NULL)
		return;
	free(p->line);
	free(p->sbuf);
	free(p);
}

static dm_status
mp_data_cb(struct mp_parser *p, const char *data, size_t len)
{
	if (len == 0 || p->cb.part_data == NULL)
		return DM_OK;
	return p->cb.part_data(p->arg, &p->part, data, len);
}

static dm_status
mp_flush(struct mp_parser *p)
{
	size_t	n = p->stage_len;

	p->stage_len = 0;
	return mp_data_cb(p, p->stage, n);
}

/*
 * Records the first error. Body bytes staged before the failure are passed
 * on first, so what part_data saw does not depend on how input was split.
 */
static void
mp_fail(struct mp_parser *p, dm_status st)
{
	dm_status	fst;

	if (p->err != DM_OK)
		return;
	fst = mp_flush(p);
	p->err = fst != DM_OK ? fst : st;
}

/*
 * Passes body bytes on, batched. Bytes beyond the part's limit are never
 * passed: the ones up to it are, then the parser fails with DM_ELIMIT.
 */
static void
mp_out(struct mp_parser *p, const char *data, size_t len)
{
	size_t		room = p->body_max - p->body;
	int		over = len > room;
	dm_status	st = DM_OK;

	if (over)
		len = room;
	p->body += len;
	if (len > MP_STAGE_SIZE - p->stage_len) {
		st = mp_flush(p);
		if (st == DM_OK && len >= MP_STAGE_SIZE) {
			st = mp_data_cb(p, data, len);
			len = 0;
		}
	}
	if (st == DM_OK && len > 0) {
		memcpy(p->stage + p->stage_len, data, len);
		p->stage_len += len;
	}
	if (st != DM_OK || over)
		mp_fail(p, st != DM_OK ? st : DM_ELIMIT);
}

/*
 * Scans for the delimiter, passing other bytes to mp_out in the body and
 * dropping them in the preamble. Returns the bytes consumed.
 */
static size_t
mp_scan(struct mp_parser *p, const char *data, size_t len, int keep)
{
	size_t		 i = 0;
	const char	*cr;

	while (i < len && p->err == DM_OK) {
		if (p->match == 0) {
			/* Only delim[0] is CR: no other position can start
			   a match, so a miss always falls back to 0. */
			cr = memchr(data + i, '\r', len - i);
			if (keep)
				mp_out(p, data + i, cr != NULL ?
				    (size_t)(cr - (data + i)) : len - i);
			if (cr == NULL)
				return len;
			i = (size_t)(cr - data) + 1;
			p->match = 1;
		} else if (data[i] == p->delim[p->match]) {
			i++;
			if (++p->match == p->dlen) {
				p->match = 0;
				p->state = MP_DELIM;
				/* Padding counts towards the next header. */
				p->hcount = 0;
				return i;
			}
		} else {
			/* Re-examine data[i] with nothing matched. */
			if (keep)
				mp_out(p, p->delim, p->match);
			p->match = 0;
		}
	}
	return i;
}

/* The part before the delimiter line just completed ends here. */
static dm_status
mp_part_end(struct mp_parser *p)
{
	dm_status	st;

	if (!p->in_part)
		return DM_OK;
	p->in_part = 0;
	if ((st = mp_flush(p)) != DM_OK)
		return st;
	return p->cb.part_end != NULL ? p->cb.part_end(p->arg, &p->part) :
	    DM_OK;
}

static dm_status
mp_part_start(struct mp_parser *p)
{
	if (p->nparts == p->lim.max_parts)
		return DM_ELIMIT;
	p->nparts++;
	p->llen = 0;
	p->hcr = 0;
	p->slen = 0;
	p->seen = 0;
	p->fn = p->fnx = NULL;
	memset(&p->part, 0, sizeof(p->part));
	p->state = MP_HEADERS;
	return DM_OK;
}

/* Copies a parameter value into sbuf; NULL if it cannot fit. */
static char *
mp_store(struct mp_parser *p, const struct mp_param *pm)
{
	char	*s = p->sbuf + p->slen;

	/* Never fails: stored values are shorter than their lines. */
	if (pm->vlen + 1 > p->lim.max_header_bytes + 1 - p->slen)
		return NULL;
	p->slen += mp_param_value(pm, s) + 1;
	return s;
}

static int
mp_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decodes an RFC 5987 ext-value in place: "UTF-8'" language "'" and
 * percent-encoded bytes. Returns s, or NULL if the charset is not UTF-8,
 * the syntax is wrong or a byte would be NUL, CR or LF.
 */
static const char *
mp_ext_value(char *s)
{
	char	*q = strchr(s, '\''), *r, *w;
	int	 hi, lo;

	if (q == NULL || !mp_ieq(s, (size_t)(q - s), "utf-8") ||
	    (r = strchr(q + 1, '\'')) == NULL)
		return NULL;
	for (w = s, r++; *r != '\0'; r++) {
		if (*r == '%') {
			if ((hi = mp_hexval(r[1])) < 0 ||
			    (lo = mp_hexval(r[2])) < 0)
				return NULL;
			*w = (char)(hi << 4 | lo);
			r += 2;
		} else {
			*w = *r;
		}
		if (*w == '\0' || *w == '\r' || *w == '\n')
			return NULL;
		w++;
	}
	*w = '\0';
	return s;
}

/* Content-Disposition parameters, for duplicates and dispatch. */
static const struct {
	const char	*name;
	unsigned	 bit;
} mp_cd_params[] = {
	{ "name",	MP_SEEN_NAME },
	{ "filename",	MP_SEEN_FN },
	{ "filename*",	MP_SEEN_FNX },
};

static dm_status
mp_content_disposition(struct mp_parser *p, const char *v)
{
	struct mp_param	 pm;
	char		*s;
	size_t		 n, i;
	int		 r;

	n = mp_token_len(v);
	if (!mp_ieq(v, n, "form-data"))
		return DM_EINPUT;
	v += n;
	while ((r = mp_param_next(&v, &pm, mp_istchar)) == 1) {
		for (i = 0; i < MP_NELEM(mp_cd_params); i++)
			if (mp_ieq(pm.name, pm.nlen, mp_cd_params[i].name))
				break;
		if (i == MP_NELEM(mp_cd_params))
			continue;
		if (p->seen & mp_cd_params[i].bit)
			return DM_EINPUT;
		p->seen |= mp_cd_params[i].bit;
		if ((s = mp_store(p, &pm)) == NULL)
			return DM_EINTERNAL;
		switch (mp_cd_params[i].bit) {
		case MP_SEEN_NAME:
			p->part.name = s;
			break;
		case MP_SEEN_FN:
			p->fn = s;
			break;
		default:
			p->fnx = mp_ext_value(s);
			break;
		}
	}
	return r == 0 ? DM_OK : DM_EINPUT;
}

static dm_status
mp_content_type(struct mp_parser *p, const char *v)
{
	size_t	n = strlen(v);

	if (n == 0)
		return DM_OK;
	if (n + 1 > p->lim.max_header_bytes + 1 - p->slen)
		return DM_EINTERNAL;
	p->part.content_type = memcpy(p->sbuf + p->slen, v, n + 1);
	p->slen += n + 1;
	return DM_OK;
}

static dm_status
mp_content_transfer_encoding(struct mp_parser *p, const char *v)
{
	size_t	n = strlen(v);

	(void)p;
	return mp_ieq(v, n, "binary") || mp_ieq(v, n, "8bit") ||
	    mp_ieq(v, n, "7bit") ? DM_OK : DM_EINPUT;
}

/* Part headers we act on; the others are ignored. */
static const struct {
	const char	*name;
	unsigned	 bit;
	dm_status	(*parse)(struct mp_parser *, const char *);
} mp_headers[] = {
	{ "content-disposition", MP_SEEN_CD, mp_content_disposition },
	{ "content-type", MP_SEEN_CT, mp_content_type },
	{ "content-transfer-encoding", MP_SEEN_CTE,
	    mp_content_transfer_encoding },
};

/* One header line, without its CRLF, NUL-terminated in p->line. */
static dm_status
mp_header_line(struct mp_parser *p)
{
	char	*v, *e;
	size_t	 n, i;

	n = mp_token_len(p->line);
	if (n == 0 || p->line[n] != ':')
		return DM_EINPUT;
	for (v = p->line + n + 1; mp_isows(*v); v++)
		;
	for (e = p->line + p->llen; e > v && mp_isows(e[-1]); e--)
		;
	*e = '\0';
	for (i = 0; i < MP_NELEM(mp_headers); i++) {
		if (!mp_ieq(p->line, n, mp_headers[i].name))
			continue;
		if (p->seen & mp_headers[i].bit)
			return DM_EINPUT;
		p->seen |= mp_headers[i].bit;
		return mp_headers[i].parse(p, v);
	}
	return DM_OK;
}

/* The empty line ended the header block: the body starts. */
static dm_status
mp_headers_done(struct mp_parser *p)
{
	dm_status	st;

	if (!(p->seen & MP_SEEN_CD) || p->part.name == NULL ||
	    p->part.name[0] == '\0')
		return DM_EINPUT;
	if (p->fnx != NULL)
		p->part.filename = p->fnx;
	else if (p->fn != NULL)
		p->part.filename = p->fn;
	else if (p->seen & MP_SEEN_FNX)
		p->part.filename = "";
	p->body = 0;
	p->body_max = p->part.filename != NULL ? p->lim.max_file_bytes :
	    p->lim.max_field_bytes;
	p->match = 0;
	p->state = MP_BODY;
	if (p->cb.part_begin != NULL &&
	    (st = p->cb.part_begin(p->arg, &p->part)) != DM_OK)
		return st;
	p->in_part = 1;
	return DM_OK;
}

/* Consumes header-block bytes up to the end of the block. */
static size_t
mp_headers_feed(struct mp_parser *p, const char *data, size_t len)
{
	dm_status	st = DM_OK;
	size_t		i;

	for (i = 0; i < len && st == DM_OK && p->state == MP_HEADERS; i++) {
		unsigned char	c = (unsigned char)data[i];

		if (p->hcount == p->lim.max_header_bytes) {
			st = DM_ELIMIT;
			break;
		}
		p->hcount++;
		if (p->hcr) {
			if (c != '\n') {
				st = DM_EINPUT;
				break;
			}
			p->hcr = 0;
			p->line[p->llen] = '\0';
			st = p->llen == 0 ? mp_headers_done(p) :
			    mp_header_line(p);
			p->llen = 0;
		} else if (c == '\r') {
			p->hcr = 1;
		} else if ((c < 0x20 && c != '\t') || c == 0x7f ||
		    (p->llen == 0 && mp_isows((char)c))) {
			/* Controls, bare LF, NUL, folded lines. */
			st = DM_EINPUT;
			break;
		} else {
			/* hcount bounds llen below max_header_bytes. */
			p->line[p->llen++] = (char)c;
		}
	}
	if (st != DM_OK)
		mp_fail(p, st);
	return i;
}

/* One byte of the delimiter line, after the boundary. */
static void
mp_delim_byte(struct mp_parser *p, char c)
{
	dm_status	st = DM_OK;

	switch (p->state) {
	case MP_DELIM:
	case MP_PADDING:
		if (c == '-' && p->state == MP_DELIM) {
			p->state = MP_DASH;
		} else if (mp_isows(c)) {
			p->state = MP_PADDING;
			if (p->hcount == p->lim.max_header_bytes)
				st = DM_ELIMIT;
			p->hcount++;
		} else if (c == '\r') {
			p->state = MP_DELIM_CR;
		} else {
			st = DM_EINPUT;
		}
		break;
	case MP_DASH:
		if (c != '-')
			st = DM_EINPUT;
		else if ((st = mp_part_end(p)) == DM_OK)
			p->state = MP_EPILOGUE;
		break;
	default:
		if (c != '\n')
			st = DM_EINPUT;
		else if ((st = mp_part_end(p)) == DM_OK)
			st = mp_part_start(p);
		break;
	}
	if (st != DM_OK)
		mp_fail(p, st);
}

dm_status
mp_feed(struct mp_parser *p, const char *data, size_t len)
{
	size_t	i = 0;

	if (p->err != DM_OK)
		return p->err;
	if (data == NULL && len > 0) {
		mp_fail(p, DM_EINPUT);
		return p->err;
	}
	while (i < len && p->err == DM_OK) {
		switch (p->state) {
		case MP_PREAMBLE:
			i += mp_scan(p, data + i, len - i, 0);
			break;
		case MP_BODY:
			i += mp_scan(p, data + i, len - i, 1);
			break;
		case MP_HEADERS:
			i += mp_headers_feed(p, data + i, len - i);
			break;
		case MP_EPILOGUE:
			i = len;
			break;
		default:
			mp_delim_byte(p, data[i++]);
			break;
		}
	}
	if (p->err == DM_OK && p->stage_len > 0)
		mp_fail(p, mp_flush(p));
	return p->err;
}

dm_status
mp_finish(struct mp_parser *p)
{
	if (p->state != MP_EPILOGUE)
		mp_fail(p, DM_EINPUT);
	return p->err;
}

/* ---- filename sanitizing ---- */

enum mp_san_class {
	MP_SAN_KEEP,
	MP_SAN_DROP,
	MP_SAN_SPACE,
};

/* Code points that are not kept as they are; everything else is. */
static const struct {
	uint32_t		lo, hi;
	enum mp_san_class	cls;
} mp_san_ranges[] = {
	{ 0x0000, 0x0008, MP_SAN_DROP },	/* C0 controls */
	{ 0x0009, 0x000d, MP_SAN_SPACE },	/* TAB LF VT FF CR */
	{ 0x000e, 0x001f, MP_SAN_DROP },
	{ 0x0020, 0x0020, MP_SAN_SPACE },
	{ 0x007f, 0x009f, MP_SAN_DROP },	/* DEL, C1 controls */
	{ 0x00a0, 0x00a0, MP_SAN_SPACE },	/* no-break space */
	{ 0x00ad, 0x00ad, MP_SAN_DROP },	/* soft hyphen */
	{ 0x061c, 0x061c, MP_SAN_DROP },	/* Arabic letter mark */
	{ 0x1680, 0x1680, MP_SAN_SPACE },
	{ 0x180e, 0x180e, MP_SAN_DROP },
	{ 0x2000, 0x200a, MP_SAN_SPACE },	/* typographic spaces */
	{ 0x200b, 0x200f, MP_SAN_DROP },	/* zero-width, LRM, RLM */
	{ 0x2028, 0x2029, MP_SAN_SPACE },	/* line, paragraph sep. */
	{ 0x202a, 0x202e, MP_SAN_DROP },	/* bidi embedding and
						   override: "gpj.exe" */
	{ 0x202f, 0x202f, MP_SAN_SPACE },
	{ 0x205f, 0x205f, MP_SAN_SPACE },
	{ 0x2060, 0x206f, MP_SAN_DROP },	/* word joiner, isolates */
	{ 0x3000, 0x3000, MP_SAN_SPACE },	/* ideographic space */
	{ 0xfeff, 0xfeff, MP_SAN_DROP },	/* BOM */
	{ 0xfff9, 0xfffb, MP_SAN_DROP },	/* interlinear annotation */
	{ 0xfffe, 0xffff, MP_SAN_DROP },	/* noncharacters */
	{ 0xe0000, 0xe007f, MP_SAN_DROP },	/* tags */
};

/* ASCII that breaks a quoted header value, a shell word or Windows. */
static const char mp_san_unsafe[] = "\"'`<>|:*?;$";

static enum mp_san_class
mp_san_classify(uint32_t cp)
{
	size_t	i;

	if (cp < 0x80 && cp != 0 && strchr(mp_san_unsafe, (int)cp) != NULL)
		return MP_SAN_DROP;
	for (i = 0; i < MP_NELEM(mp_san_ranges); i++)
		if (cp >= mp_san_ranges[i].lo && cp <= mp_san_ranges[i].hi)
			return mp_san_ranges[i].cls;
	return MP_SAN_KEEP;
}

/*
 * Length of the well-formed UTF-8 sequence at s[0..len), len > 0, with its
 * code point in *cp; 0 if ill-formed (overlong, surrogate, > U+10FFFF).
 */
static size_t
mp_utf8_seq(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t		n, i;
	uint32_t	v, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2, v = s[0] & 0x1fu, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3, v = s[0] & 0x0fu, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4, v = s[0] & 0x07u, min = 0x10000;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3fu);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/* Sanitized output into out[0..cap), stopping at the first misfit. */
struct mp_san {
	char	*out;
	size_t	 cap;
	size_t	 len;		/* bytes written */
	size_t	 total;		/* bytes the whole result needs */
	int	 started;	/* something kept: no more leading strip */
	int	 space;		/* whitespace pending before the next kept */
};

static void
mp_san_put(struct mp_san *s, const char *b, size_t n)
{
	if (s->len == s->total && n <= s->cap - s->len) {
		memcpy(s->out + s->len, b, n);
		s->len += n;
	}
	s->total += n;
}

static void
mp_san_run(struct mp_san *s, const char *in, size_t len)
{
	const unsigned char	*u = (const unsigned char *)in;
	size_t			 i = 0, n;
	uint32_t		 cp;

	while (i < len) {
		if ((n = mp_utf8_seq(u + i, len - i, &cp)) == 0) {
			i++;
			continue;
		}
		switch (mp_san_classify(cp)) {
		case MP_SAN_SPACE:
			s->space = s->started;
			break;
		case MP_SAN_KEEP:
			if (!s->started && (cp == '.' || cp == '-'))
				break;
			if (s->space)
				mp_san_put(s, " ", 1);
			s->space = 0;
			s->started = 1;
			mp_san_put(s, in + i, n);
			break;
		default:
			break;
		}
		i += n;
	}
}

/* Strips trailing dots and spaces; returns the new length. */
static size_t
mp_san_trim(char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	s[n] = '\0';
	return n;
}

/* An extension kept on truncation: ".pdf", at most this long. */
#define MP_SAN_EXT_MAX	16

void
mp_sanitize_filename(const char *in, char *out, size_t outsz)
{
	struct mp_san	 s = { 0 }, e = { 0 };
	char		 ext[MP_SAN_EXT_MAX + 1];
	const char	*comp, *dot;
	size_t		 len, n;

	if (outsz == 0)
		return;
	if (in == NULL)
		in = "";
	for (comp = in + strlen(in); comp > in; comp--)
		if (comp[-1] == '/' || comp[-1] == '\\')
			break;
	len = strlen(comp);
	s.out = out;
	s.cap = outsz - 1;
	mp_san_run(&s, comp, len);
	n = mp_san_trim(out, s.len);
	for (dot = comp + len; dot > comp && dot[-1] != '.'; dot--)
		;
	dot = dot > comp ? dot - 1 : NULL;
	if (s.len < s.total && dot != NULL && len - (size_t)(dot - comp) <=
	    MP_SAN_EXT_MAX) {
		/* Truncated: rebuild as a shorter stem plus the extension. */
		e.out = ext;
		e.cap = sizeof(ext) - 1;
		e.started = 1;
		mp_san_put(&e, ".", 1);
		mp_san_run(&e, dot + 1, len - (size_t)(dot - comp) - 1);
		if (e.len == e.total && e.len > 1 && !memchr(ext, ' ', e.len) &&
		    e.len <= s.cap / 2) {
			memset(&s, 0, sizeof(s));
			s.out = out;
			s.cap = outsz - 1 - e.len;
			mp_san_run(&s, comp, (size_t)(dot - comp));
			n = mp_san_trim(out, s.len);
			if (n == 0) {
				n = s.cap < 4 ? s.cap : 4;
				memcpy(out, "file", n);
			}
			memcpy(out + n, ext, e.len);
			out[n + e.len] = '\0';
			return;
		}
	}
	if (n == 0) {
		n = s.cap < 4 ? s.cap : 4;
		memcpy(out, "file", n);
		out[n] = '\0';
	}
}
