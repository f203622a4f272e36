/*
 * csv.c - an RFC 4180 reader for plugins' imports (pure: no host, no DB).
 * Owns: UTF-8 checking by line, quoting rules, record/field splitting and
 * the "same number of fields as the header" rule.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/csv.h"


/* Length of the UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0], cp;
	size_t len;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4, cp = c & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Whole-text check first, so the parser can treat bytes as bytes. */
static int
check_text(const char *name, const char *text, size_t len, char *err,
    size_t errsz)
{
	const unsigned char *s = (const unsigned char *)text;
	unsigned line = 1;
	size_t i = 0, n;

	while (i < len) {
		if (s[i] == '\0') {
			kit_fail(err, errsz, name, line, "a NUL byte (is this "
			    "a text file?)");
			return -1;
		}
		if (s[i] == '\n')
			line++;
		if ((n = utf8_seq(s + i, len - i)) == 0) {
			kit_fail(err, errsz, name, line, "not valid UTF-8 "
			    "(save the file as UTF-8)");
			return -1;
		}
		i += n;
	}
	return 0;
}

struct parser {
	const char	*name;
	const char	*s;
	size_t		 len;
	size_t		 pos;
	unsigned	 line;
	char		*out;		/* next free byte of the store */
	char		**ptrs;
	size_t		 nptrs, capptrs;
	struct kit_csv_row	*rows;
	size_t		 nrows, caprows;
	char		*err;
	size_t		 errsz;
};

static int
push_field(struct parser *p, char *field)
{
	if (p->nptrs == p->capptrs) {
		size_t cap = p->capptrs ? 2 * p->capptrs : 256;
		char **v = realloc(p->ptrs, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		p->ptrs = v;
		p->capptrs = cap;
	}
	p->ptrs[p->nptrs++] = field;
	return 0;
}

static int
push_row(struct parser *p, unsigned line, size_t first)
{
	struct kit_csv_row *r;

	if (p->nrows == p->caprows) {
		size_t cap = p->caprows ? 2 * p->caprows : 64;

		r = realloc(p->rows, cap * sizeof(*r));
		if (r == NULL)
			return -1;
		p->rows = r;
		p->caprows = cap;
	}
	r = &p->rows[p->nrows++];
	r->line = line;
	r->nfields = p->nptrs - first;
	r->fields = NULL;	/* set once ptrs stops moving */
	return 0;
}

/* One quoted field; p->pos is on the opening quote. */
static int
quoted(struct parser *p)
{
	unsigned start = p->line;

	p->pos++;
	for (;;) {
		char c;

		if (p->pos >= p->len) {
			kit_fail(p->err, p->errsz, p->name, start, "a quoted "
			    "field is not closed");
			return -1;
		}
		c = p->s[p->pos];
		if (c == '"') {
			if (p->pos + 1 < p->len && p->s[p->pos + 1] == '"') {
				*p->out++ = '"';
				p->pos += 2;
				continue;
			}
			p->pos++;
			break;
		}
		if (c == '\r' && p->pos + 1 < p->len &&
		    p->s[p->pos + 1] == '\n') {
			p->pos++;
			continue;		/* CRLF inside quotes: LF */
		}
		if (c == '\n')
			p->line++;
		*p->out++ = c;
		p->pos++;
	}
	if (p->pos < p->len && p->s[p->pos] != ',' && p->s[p->pos] != '\n' &&
	    p->s[p->pos] != '\r') {
		kit_fail(p->err, p->errsz, p->name, p->line, "text after the "
		    "closing quote of a field (a quote inside a field must be "
		    "doubled: \"\")");
		return -1;
	}
	return 0;
}

static int
unquoted(struct parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];

		if (c == ',' || c == '\n' || c == '\r')
			break;
		if (c == '"') {
			kit_fail(p->err, p->errsz, p->name, p->line, "a quote "
			    "inside an unquoted field (quote the whole field "
			    "and double the quote)");
			return -1;
		}
		*p->out++ = c;
		p->pos++;
	}
	return 0;
}

/* One record; returns 0 at its end, -1 on error. */
static int
record(struct parser *p)
{
	unsigned line = p->line;
	size_t first = p->nptrs;
	char *start = p->out;
	int only_empty = 1;

	for (;;) {
		char *field = p->out;
		int was_quoted = p->pos < p->len && p->s[p->pos] == '"';

		if (p->nptrs - first == KIT_CSV_MAX_FIELDS) {
			kit_fail(p->err, p->errsz, p->name, line, "more than "
			    "%d fields", KIT_CSV_MAX_FIELDS);
			return -1;
		}
		if ((was_quoted ? quoted(p) : unquoted(p)) != 0)
			return -1;
		*p->out++ = '\0';
		if (push_field(p, field) != 0)
			return -1;
		if (was_quoted || *field != '\0')
			only_empty = 0;
		if (p->pos >= p->len)
			break;
		if (p->s[p->pos] == ',') {
			p->pos++;
			only_empty = 0;
			continue;
		}
		if (p->s[p->pos] == '\r') {
			if (p->pos + 1 >= p->len || p->s[p->pos + 1] != '\n') {
				kit_fail(p->err, p->errsz, p->name, p->line,
				    "a carriage return without a line feed");
				return -1;
			}
			p->pos++;
		}
		p->pos++;		/* the LF */
		p->line++;
		break;
	}
	if (only_empty) {		/* a blank line */
		p->nptrs = first;
		p->out = start;
		return 0;
	}
	return push_row(p, line, first);
}

int
kit_csv_parse(const char *name, const char *text, size_t len,
    struct kit_csv_table *t, char *err, size_t errsz)
{
	struct parser p;

	memset(t, 0, sizeof(*t));
	memset(&p, 0, sizeof(p));
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		len -= 3;
	}
	if (check_text(name, text, len, err, errsz) != 0)
		return -1;
	p.name = name;
	p.s = text;
	p.len = len;
	p.line = 1;
	p.err = err;
	p.errsz = errsz;
	/* Unquoting never grows a field and every field but the last ends
	 * on a byte we do not copy, so len + 1 bytes hold them all. */
	t->store = malloc(len + 1);
	if (t->store == NULL)
		goto nomem;
	p.out = t->store;
	while (p.pos < p.len) {
		size_t before = p.nrows;

		if (record(&p) != 0)
			goto fail;
		if (p.nrows > before && p.nrows > 1 &&
		    p.rows[p.nrows - 1].nfields != p.rows[0].nfields) {
			kit_fail(err, errsz, name, p.rows[p.nrows - 1].line,
			    "%zu fields, but the header has %zu",
			    p.rows[p.nrows - 1].nfields, p.rows[0].nfields);
			goto fail;
		}
	}
	if (p.nrows == 0) {
		kit_fail(err, errsz, name, 1, "the file is empty (a header "
		    "row is expected)");
		goto fail;
	}
	/* Blank lines gave their fields back, so rows are contiguous. */
	for (size_t i = 0, off = 0; i < p.nrows; i++) {
		p.rows[i].fields = p.ptrs + off;
		off += p.rows[i].nfields;
	}
	t->rows = p.rows;
	t->nrows = p.nrows;
	t->ptrs = p.ptrs;
	return 0;
nomem:
	kit_fail(err, errsz, name, p.line, "out of memory");
fail:
	free(p.rows);
	free(p.ptrs);
	free(t->store);
	memset(t, 0, sizeof(*t));
	return -1;
}

int
kit_csv_load(const char *path, const char *name, struct kit_csv_table *t,
    char *err, size_t errsz)
{
	FILE *fp;
	char *buf = NULL;
	long n;
	int rc = -1;

	memset(t, 0, sizeof(*t));
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errsz, "%s: cannot open: %s", name,
		    strerror(errno));
		return -1;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		snprintf(err, errsz, "%s: cannot read: %s", name,
		    strerror(errno));
	} else if ((unsigned long)n > KIT_CSV_MAX_BYTES) {
		snprintf(err, errsz, "%s: larger than %u MiB", name,
		    KIT_CSV_MAX_BYTES >> 20);
	} else if ((buf = malloc((size_t)n + 1)) == NULL) {
		snprintf(err, errsz, "%s: out of memory", name);
	} else if (fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		snprintf(err, errsz, "%s: cannot read: %s", name,
		    ferror(fp) ? strerror(errno) : "short read");
	} else {
		rc = kit_csv_parse(name, buf, (size_t)n, t, err, errsz);
	}
	free(buf);
	fclose(fp);
	return rc;
}

void
kit_csv_free(struct kit_csv_table *t)
{
	free(t->rows);
	free(t->ptrs);
	free(t->store);
	memset(t, 0, sizeof(*t));
}
