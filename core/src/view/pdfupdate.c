/*
 * pdfupdate.c - the incremental update appended to the PDF Cairo writes.
 * Owns: a strict reader of Cairo's cross-reference table, trailer and the
 * few dictionaries the update replaces (catalog, Info, pages, link
 * annotations), and the writer of the update itself (format: ISO 32000-1
 * 7.5.6 incremental updates, 12.8 signatures; PDF/A-2 for the metadata).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "log.h"
#include "pdfupdate.h"

#define UP_MAX_OBJECTS	1000000	/* far beyond any certificate */
#define UP_MAX_PAGES	4096
#define UP_MAX_ANNOTS	64	/* per page */
#define UP_MAX_FONTS	64	/* Cairo makes two per face */
#define UP_ID_BYTES	16

/* ------------------------------------------------------------- buffer */

static void
up_reserve(struct pdf_buf *b, size_t n)
{
	size_t	 cap;
	void	*p;

	if (n <= b->cap - b->len)
		return;
	cap = b->cap ? b->cap : 4096;
	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2)
			log_fatal("pdf: buffer overflow");
		cap *= 2;
	}
	if ((p = realloc(b->data, cap)) == NULL)
		log_fatal("out of memory");
	b->data = p;
	b->cap = cap;
}

void
pdf_buf_put(struct pdf_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	up_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void
pdf_buf_printf(struct pdf_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		log_fatal("pdf: bad format");
	up_reserve(b, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* ------------------------------------------------------------- lexing */

/* The part of the file Cairo wrote, and what its trailer says. */
struct up_src {
	const unsigned char	*p;
	size_t			 n;
	size_t			*off;		/* by object number; 0 free */
	size_t			 nobj;		/* trailer /Size */
	size_t			 xref;		/* startxref */
	unsigned		 root, info;
};

static int
up_space(int c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	    c == ' ';
}

static int
up_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

/* Skips white space and comments. */
static size_t
up_ws(const struct up_src *s, size_t i, size_t end)
{
	while (i < end) {
		if (up_space(s->p[i]))
			i++;
		else if (s->p[i] == '%') {
			while (i < end && s->p[i] != '\n' && s->p[i] != '\r')
				i++;
		} else
			break;
	}
	return i;
}

/* Reads an unsigned integer at i; 0 if there is none. */
static int
up_uint(const struct up_src *s, size_t *i, size_t end, size_t *v)
{
	size_t	 x = 0, j = *i;

	if (j >= end || s->p[j] < '0' || s->p[j] > '9')
		return 0;
	for (; j < end && s->p[j] >= '0' && s->p[j] <= '9'; j++) {
		if (x > (SIZE_MAX - 9) / 10)
			return 0;
		x = x * 10 + (size_t)(s->p[j] - '0');
	}
	if (j < end && !up_space(s->p[j]) && !up_delim(s->p[j]))
		return 0;
	*v = x;
	*i = j;
	return 1;
}

/* Does the keyword kw start at i (and end there)? */
static int
up_word(const struct up_src *s, size_t i, size_t end, const char *kw)
{
	size_t	 k = strlen(kw);

	return end - i >= k && memcmp(s->p + i, kw, k) == 0 &&
	    (i + k == end || up_space(s->p[i + k]) || up_delim(s->p[i + k]));
}

static size_t up_skip_value(const struct up_src *, size_t, size_t);

/* A literal string "(...)" at i, with nesting and escapes. */
static size_t
up_skip_string(const struct up_src *s, size_t i, size_t end)
{
	int	 depth = 0;

	for (; i < end; i++) {
		if (s->p[i] == '\\') {
			i++;
			continue;
		}
		if (s->p[i] == '(')
			depth++;
		else if (s->p[i] == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/* "[ ... ]" or "<< ... >>" at i; returns the index after it, 0 if open. */
static size_t
up_skip_container(const struct up_src *s, size_t i, size_t end, int dict)
{
	i += dict ? 2 : 1;
	for (;;) {
		i = up_ws(s, i, end);
		if (i >= end)
			return 0;
		if (dict && end - i >= 2 && s->p[i] == '>' && s->p[i + 1] == '>')
			return i + 2;
		if (!dict && s->p[i] == ']')
			return i + 1;
		if ((i = up_skip_value(s, i, end)) == 0)
			return 0;
	}
}

/* One value (or a dictionary key) at i; 0 if malformed. */
static size_t
up_skip_value(const struct up_src *s, size_t i, size_t end)
{
	size_t	 j, v;

	if (i >= end)
		return 0;
	switch (s->p[i]) {
	case '<':
		if (end - i >= 2 && s->p[i + 1] == '<')
			return up_skip_container(s, i, end, 1);
		for (j = i + 1; j < end && s->p[j] != '>'; j++)
			;
		return j < end ? j + 1 : 0;
	case '[':
		return up_skip_container(s, i, end, 0);
	case '(':
		return up_skip_string(s, i, end);
	case '/':
		for (j = i + 1; j < end && !up_space(s->p[j]) &&
		    !up_delim(s->p[j]); j++)
			;
		return j;
	case ')': case '>': case ']': case '{': case '}':
		return 0;
	}
	/* A number, "n g R", or a keyword (true, false, null). */
	j = i;
	if (up_uint(s, &j, end, &v)) {
		size_t	 k = up_ws(s, j, end), g;

		if (up_uint(s, &k, end, &g)) {
			k = up_ws(s, k, end);
			if (up_word(s, k, end, "R"))
				return k + 1;
		}
		return j;
	}
	for (j = i; j < end && !up_space(s->p[j]) && !up_delim(s->p[j]); j++)
		;
	return j > i ? j : 0;
}


/*
 * The value of /key in the dictionary [ds, de) ("<<" ... ">>") at its top
 * level. Returns 1 and the value's span, 0 if absent, -1 if malformed.
 */
static int
up_dict_get(const struct up_src *s, size_t ds, size_t de, const char *key,
    size_t *vs, size_t *ve)
{
	size_t	 i = ds + 2, end = de - 2, ne, klen = strlen(key);

	for (;;) {
		i = up_ws(s, i, end);
		if (i >= end)
			return 0;
		if (s->p[i] != '/' || (ne = up_skip_value(s, i, end)) == 0)
			return -1;
		*vs = up_ws(s, ne, end);
		if ((*ve = up_skip_value(s, *vs, end)) == 0)
			return -1;
		if (ne - i - 1 == klen && memcmp(s->p + i + 1, key, klen) == 0)
			return 1;
		i = *ve;
	}
}

/* "n 0 R" in [vs, ve): n, or 0 if it is not a reference to an object. */
static unsigned
up_ref(const struct up_src *s, size_t vs, size_t ve)
{
	size_t	 i = vs, n, g;

	if (!up_uint(s, &i, ve, &n))
		return 0;
	i = up_ws(s, i, ve);
	if (!up_uint(s, &i, ve, &g) || g != 0)
		return 0;
	i = up_ws(s, i, ve);
	if (!up_word(s, i, ve, "R") || up_ws(s, i + 1, ve) != ve)
		return 0;
	return n > 0 && n < s->nobj ? (unsigned)n : 0;
}

/*
 * The dictionary object num ("num 0 obj << ... >> endobj"): its span
 * from "<<" to after ">>". A stream object is refused.
 */
static int
up_object(const struct up_src *s, unsigned num, size_t *ds, size_t *de)
{
	size_t	 i, v, end = s->xref;

	if (num == 0 || num >= s->nobj || (i = s->off[num]) == 0)
		return 0;
	if (!up_uint(s, &i, end, &v) || v != num)
		return 0;
	i = up_ws(s, i, end);
	if (!up_uint(s, &i, end, &v) || v != 0)
		return 0;
	i = up_ws(s, i, end);
	if (!up_word(s, i, end, "obj"))
		return 0;
	i = up_ws(s, i + 3, end);
	if (end - i < 2 || s->p[i] != '<' || s->p[i + 1] != '<')
		return 0;
	*ds = i;
	if ((*de = up_skip_container(s, i, end, 1)) == 0)
		return 0;
	return up_word(s, up_ws(s, *de, end), end, "endobj");
}

/* Is the value [vs, ve) the name /want? */
static int
up_is_name(const struct up_src *s, size_t vs, size_t ve, const char *want)
{
	size_t	 k = strlen(want);

	return ve - vs == k + 1 && s->p[vs] == '/' &&
	    memcmp(s->p + vs + 1, want, k) == 0;
}

/* The references of the array [vs, ve) "[ a 0 R b 0 R ]", at most max. */
static int
up_refs(const struct up_src *s, size_t vs, size_t ve, unsigned *out,
    size_t max, size_t *n)
{
	size_t	 i, j;

	*n = 0;
	if (s->p[vs] != '[')
		return 0;
	for (i = vs + 1;;) {
		i = up_ws(s, i, ve);
		if (i < ve && s->p[i] == ']')
			return up_ws(s, i + 1, ve) == ve;
		if ((j = up_skip_value(s, i, ve)) == 0 || *n == max ||
		    (out[*n] = up_ref(s, i, j)) == 0)
			return 0;
		(*n)++;
		i = j;
	}
}

/* Reads the cross-reference table and the trailer Cairo wrote. */
static int
up_read(struct up_src *s, const char **why)
{
	size_t	 i, e, end = s->n, first, count, k, ts, te, vs, ve, v;
	int	 r;

	*why = "no startxref and %%EOF at the end";
	if (end < 32)
		return 0;
	e = end;
	while (e > 0 && up_space(s->p[e - 1]))
		e--;
	if (e < 5 || memcmp(s->p + e - 5, "%%EOF", 5) != 0)
		return 0;
	for (i = e - 5; i >= 9 && e - i < 64; i--)
		if (memcmp(s->p + i - 9, "startxref", 9) == 0)
			break;
	if (i < 9 || e - i >= 64)
		return 0;
	k = up_ws(s, i, e - 5);
	if (!up_uint(s, &k, e - 5, &s->xref) || up_ws(s, k, e - 5) != e - 5 ||
	    s->xref >= i - 9)
		return 0;

	*why = "the cross-reference table is not one classic section";
	i = s->xref;
	if (!up_word(s, i, end, "xref"))
		return 0;
	i = up_ws(s, i + 4, end);
	if (!up_uint(s, &i, end, &first) || first != 0)
		return 0;
	i = up_ws(s, i, end);
	if (!up_uint(s, &i, end, &count) || count < 2 ||
	    count > UP_MAX_OBJECTS)
		return 0;
	if (i < end && s->p[i] == '\r')
		i++;
	if (i >= end || s->p[i] != '\n')
		return 0;
	i++;
	if (end - i < count * 20)
		return 0;
	s->off = calloc(count, sizeof(*s->off));
	if (s->off == NULL)
		log_fatal("out of memory");
	for (k = 0; k < count; k++, i += 20) {
		const unsigned char *x = s->p + i;

		for (size_t d = 0; d < 10; d++)
			if (x[d] < '0' || x[d] > '9')
				return 0;
		if (x[10] != ' ' || x[16] != ' ' || x[18] != ' ' ||
		    x[19] != '\n')
			return 0;
		v = 0;
		for (size_t d = 0; d < 10; d++)
			v = v * 10 + (size_t)(x[d] - '0');
		if (x[17] == 'n') {
			if (memcmp(x + 11, "00000", 5) != 0 || v == 0 ||
			    v >= s->xref)
				return 0;
			s->off[k] = v;
		} else if (x[17] != 'f' || k != 0)
			return 0;
	}

	*why = "the trailer is not << /Size /Root /Info >>";
	i = up_ws(s, i, end);
	if (!up_word(s, i, end, "trailer"))
		return 0;
	ts = up_ws(s, i + 7, end);
	if (end - ts < 2 || s->p[ts] != '<' || s->p[ts + 1] != '<' ||
	    (te = up_skip_container(s, ts, end, 1)) == 0)
		return 0;
	s->nobj = count;
	if (up_dict_get(s, ts, te, "Size", &vs, &ve) != 1 ||
	    !up_uint(s, &vs, ve, &v) || v != count)
		return 0;
	if (up_dict_get(s, ts, te, "Root", &vs, &ve) != 1 ||
	    (s->root = up_ref(s, vs, ve)) == 0 ||
	    up_dict_get(s, ts, te, "Info", &vs, &ve) != 1 ||
	    (s->info = up_ref(s, vs, ve)) == 0)
		return 0;
	*why = "the trailer has /Prev, /Encrypt, /ID or /XRefStm";
	if ((r = up_dict_get(s, ts, te, "Prev", &vs, &ve)) != 0 ||
	    (r = up_dict_get(s, ts, te, "Encrypt", &vs, &ve)) != 0 ||
	    (r = up_dict_get(s, ts, te, "ID", &vs, &ve)) != 0 ||
	    (r = up_dict_get(s, ts, te, "XRefStm", &vs, &ve)) != 0)
		return 0;
	return 1;
}

/* ------------------------------------------------------------ writing */

/* One object of the update: its number and where it starts. */
struct up_entry {
	unsigned	 num;
	size_t		 off;
};

struct up_out {
	struct pdf_buf	*b;
	struct up_entry	*e;
	size_t		 ne, cap;
	unsigned	 next;		/* next new object number */
};

static void
up_begin(struct up_out *o, unsigned num)
{
	if (o->ne == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 16;
		o->e = reallocarray(o->e, o->cap, sizeof(*o->e));
		if (o->e == NULL)
			log_fatal("out of memory");
	}
	o->e[o->ne].num = num;
	o->e[o->ne].off = o->b->len;
	o->ne++;
	pdf_buf_printf(o->b, "%u 0 obj\n", num);
}

static void
up_end(struct up_out *o)
{
	pdf_buf_put(o->b, "\nendobj\n", 8);
}

/*
 * A text string: literal if printable ASCII, else UTF-16BE with its byte
 * order mark, in hex (ISO 32000-1 7.9.2.2). s is valid UTF-8.
 */
static void
up_text(struct pdf_buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	int			 ascii = 1;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			ascii = 0;
	if (ascii) {
		pdf_buf_put(b, "(", 1);
		for (p = (const unsigned char *)s; *p != '\0'; p++) {
			if (*p == '(' || *p == ')' || *p == '\\')
				pdf_buf_put(b, "\\", 1);
			pdf_buf_put(b, p, 1);
		}
		pdf_buf_put(b, ")", 1);
		return;
	}
	pdf_buf_put(b, "<FEFF", 5);
	for (p = (const unsigned char *)s; *p != '\0';) {
		uint32_t	 c;
		uint16_t	 u[2];
		int		 n, k;
		char		 h[4];

		if (*p < 0x80) {
			c = *p++;
		} else if (*p < 0xe0) {
			c = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
			p += 2;
		} else if (*p < 0xf0) {
			c = (uint32_t)(p[0] & 0x0f) << 12 |
			    (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
			p += 3;
		} else {
			c = (uint32_t)(p[0] & 0x07) << 18 |
			    (uint32_t)(p[1] & 0x3f) << 12 |
			    (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
			p += 4;
		}
		if (c >= 0x10000) {
			c -= 0x10000;
			u[0] = (uint16_t)(0xd800 | (c >> 10));
			u[1] = (uint16_t)(0xdc00 | (c & 0x3ff));
			n = 2;
		} else {
			u[0] = (uint16_t)c;
			n = 1;
		}
		for (k = 0; k < n; k++) {
			h[0] = hex[u[k] >> 12];
			h[1] = hex[(u[k] >> 8) & 15];
			h[2] = hex[(u[k] >> 4) & 15];
			h[3] = hex[u[k] & 15];
			pdf_buf_put(b, h, 4);
		}
	}
	pdf_buf_put(b, ">", 1);
}

/* "/Key <text>" when text is set. */
static void
up_text_entry(struct pdf_buf *b, const char *key, const char *text)
{
	if (text == NULL)
		return;
	pdf_buf_printf(b, " /%s ", key);
	up_text(b, text);
}

static void
up_xml(struct pdf_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': pdf_buf_put(b, "&amp;", 5); break;
		case '<': pdf_buf_put(b, "&lt;", 4); break;
		case '>': pdf_buf_put(b, "&gt;", 4); break;
		case '"': pdf_buf_put(b, "&quot;", 6); break;
		default: pdf_buf_put(b, s, 1); break;
		}
	}
}

/* The XMP packet (ISO 16684-1) with the same values as the Info. */
static void
up_xmp(struct pdf_buf *b, const struct pdfup_meta *m, const char *iso)
{
	pdf_buf_printf(b, "<?xpacket begin=\"\xef\xbb\xbf\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "  <rdf:Description rdf:about=\"\"\n"
	    "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"%s>\n"
	    "   <dc:format>application/pdf</dc:format>\n"
	    "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">",
	    m->icc != NULL ? "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"" :
	    "");
	up_xml(b, m->title);
	pdf_buf_printf(b, "</rdf:li></rdf:Alt></dc:title>\n"
	    "   <dc:creator><rdf:Seq><rdf:li>");
	up_xml(b, m->author);
	pdf_buf_printf(b, "</rdf:li></rdf:Seq></dc:creator>\n");
	if (m->subject != NULL) {
		pdf_buf_printf(b, "   <dc:description><rdf:Alt><rdf:li "
		    "xml:lang=\"x-default\">");
		up_xml(b, m->subject);
		pdf_buf_printf(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	pdf_buf_printf(b, "   <dc:language><rdf:Bag><rdf:li>");
	up_xml(b, m->lang);
	pdf_buf_printf(b, "</rdf:li></rdf:Bag></dc:language>\n");
	if (m->keywords != NULL) {
		pdf_buf_printf(b, "   <pdf:Keywords>");
		up_xml(b, m->keywords);
		pdf_buf_printf(b, "</pdf:Keywords>\n");
	}
	if (m->producer != NULL) {
		pdf_buf_printf(b, "   <pdf:Producer>");
		up_xml(b, m->producer);
		pdf_buf_printf(b, "</pdf:Producer>\n");
	}
	if (m->creator != NULL) {
		pdf_buf_printf(b, "   <xmp:CreatorTool>");
		up_xml(b, m->creator);
		pdf_buf_printf(b, "</xmp:CreatorTool>\n");
	}
	pdf_buf_printf(b, "   <xmp:CreateDate>%s</xmp:CreateDate>\n"
	    "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
	    "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n", iso, iso, iso);
	if (m->icc != NULL)
		pdf_buf_printf(b, "   <pdfaid:part>2</pdfaid:part>\n"
		    "   <pdfaid:conformance>B</pdfaid:conformance>\n");
	pdf_buf_printf(b, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"r\"?>");
}

/* Appends n bytes of b from offset off (which growing b may move). */
static void
up_copy(struct pdf_buf *b, size_t off, size_t n)
{
	up_reserve(b, n);
	memcpy(b->data + b->len, b->data + off, n);
	b->len += n;
}

/* Copies the inner part of a dictionary: between "<<" and ">>". */
static void
up_copy_inner(struct pdf_buf *b, size_t ds, size_t de)
{
	up_copy(b, ds + 2, de - ds - 4);
}

/*
 * Writes each of Cairo's dictionary objects nums[] again with entries
 * added at its end; 0 if one is not where the cross-reference says.
 */
static int
up_amend(struct up_out *o, struct up_src *s, const unsigned *nums, size_t n,
    const char *entries)
{
	size_t	 xs, xe;

	for (size_t k = 0; k < n; k++) {
		s->p = o->b->data;
		if (!up_object(s, nums[k], &xs, &xe))
			return 0;
		up_begin(o, nums[k]);
		pdf_buf_put(o->b, "<<", 2);
		up_copy_inner(o->b, xs, xe);
		pdf_buf_printf(o->b, "%s >>", entries);
		up_end(o);
	}
	return 1;
}

static int
up_cmp_entry(const void *x, const void *y)
{
	const struct up_entry	*a = x, *b = y;

	return a->num < b->num ? -1 : a->num > b->num;
}

/* The cross-reference section of the update, in runs of numbers. */
static void
up_xref(struct up_out *o)
{
	size_t	 i, j;

	qsort(o->e, o->ne, sizeof(*o->e), up_cmp_entry);
	pdf_buf_put(o->b, "xref\n", 5);
	for (i = 0; i < o->ne; i = j) {
		for (j = i + 1; j < o->ne && o->e[j].num == o->e[j - 1].num + 1;
		    j++)
			;
		pdf_buf_printf(o->b, "%u %zu\n", o->e[i].num, j - i);
		for (size_t k = i; k < j; k++)
			pdf_buf_printf(o->b, "%010zu 00000 n \n", o->e[k].off);
	}
}

/* What the update replaces in the page tree. */
struct up_pages {
	unsigned	 first;		/* page 1 */
	size_t		 ds, de;	/* its dictionary */
	int		 has_annots;
	size_t		 as, ae;	/* its /Annots array */
	unsigned	*links;		/* annotations lacking /F */
	size_t		 nlinks;
	unsigned	 cids[UP_MAX_FONTS];	/* CIDFontType2 fonts without
						   a /CIDToGIDMap */
	size_t		 ncids;
};

/* A font object of the page: its descendant CID fonts lacking a map. */
static int
up_font(const struct up_src *s, unsigned font, struct up_pages *pg)
{
	unsigned	 desc[4];
	size_t		 fs, fe, vs, ve, n, k, j;

	if (!up_object(s, font, &fs, &fe))
		return 0;
	if (up_dict_get(s, fs, fe, "Subtype", &vs, &ve) != 1)
		return 0;
	if (!up_is_name(s, vs, ve, "Type0"))
		return 1;
	if (up_dict_get(s, fs, fe, "DescendantFonts", &vs, &ve) != 1 ||
	    !up_refs(s, vs, ve, desc, 4, &n))
		return 0;
	for (k = 0; k < n; k++) {
		if (!up_object(s, desc[k], &fs, &fe) ||
		    up_dict_get(s, fs, fe, "Subtype", &vs, &ve) != 1)
			return 0;
		if (!up_is_name(s, vs, ve, "CIDFontType2") ||
		    up_dict_get(s, fs, fe, "CIDToGIDMap", &vs, &ve) != 0)
			continue;
		for (j = 0; j < pg->ncids && pg->cids[j] != desc[k]; j++)
			;
		if (j < pg->ncids)
			continue;
		if (pg->ncids == UP_MAX_FONTS)
			return 0;
		pg->cids[pg->ncids++] = desc[k];
	}
	return 1;
}

/*
 * The fonts of a page's resources: PDF/A wants every CIDFontType2 to say
 * how CIDs map to glyphs, and Cairo leaves the default (Identity) unsaid.
 */
static int
up_page_fonts(const struct up_src *s, size_t ps, size_t pe,
    struct up_pages *pg)
{
	size_t		 rs, re, fs, fe, i, ne, vs, ve;
	unsigned	 r;

	if (up_dict_get(s, ps, pe, "Resources", &rs, &re) != 1)
		return 0;
	if ((r = up_ref(s, rs, re)) != 0 && !up_object(s, r, &rs, &re))
		return 0;
	if (re - rs < 4 || s->p[rs] != '<' || s->p[rs + 1] != '<')
		return 0;
	switch (up_dict_get(s, rs, re, "Font", &fs, &fe)) {
	case 0:
		return 1;
	case 1:
		break;
	default:
		return 0;
	}
	if (fe - fs < 4 || s->p[fs] != '<' || s->p[fs + 1] != '<')
		return 0;
	for (i = fs + 2;;) {
		i = up_ws(s, i, fe - 2);
		if (i >= fe - 2)
			return 1;
		if (s->p[i] != '/' || (ne = up_skip_value(s, i, fe - 2)) == 0)
			return 0;
		vs = up_ws(s, ne, fe - 2);
		if ((ve = up_skip_value(s, vs, fe - 2)) == 0 ||
		    (r = up_ref(s, vs, ve)) == 0 || !up_font(s, r, pg))
			return 0;
		i = ve;
	}
}

/*
 * Finds page 1, every annotation without /F (Cairo's links): PDF/A wants
 * each annotation printable, and the CID fonts lacking a /CIDToGIDMap.
 */
static int
up_pages_read(const struct up_src *s, size_t cs, size_t ce,
    struct up_pages *pg, const char **why)
{
	unsigned	 kids[UP_MAX_PAGES], annots[UP_MAX_ANNOTS], pages;
	size_t		 vs, ve, ps, pe, nkids, nannots, as, ae, k, j;

	*why = "the catalog has no /Pages";
	if (up_dict_get(s, cs, ce, "Pages", &vs, &ve) != 1 ||
	    (pages = up_ref(s, vs, ve)) == 0 || !up_object(s, pages, &ps, &pe))
		return 0;
	*why = "the page tree is not one /Pages node with /Kids pages";
	if (up_dict_get(s, ps, pe, "Type", &vs, &ve) != 1 ||
	    !up_is_name(s, vs, ve, "Pages") ||
	    up_dict_get(s, ps, pe, "Kids", &vs, &ve) != 1 ||
	    !up_refs(s, vs, ve, kids, UP_MAX_PAGES, &nkids) || nkids == 0)
		return 0;
	pg->links = calloc(nkids * UP_MAX_ANNOTS, sizeof(*pg->links));
	if (pg->links == NULL)
		log_fatal("out of memory");
	for (k = 0; k < nkids; k++) {
		if (!up_object(s, kids[k], &ps, &pe) ||
		    up_dict_get(s, ps, pe, "Type", &vs, &ve) != 1 ||
		    !up_is_name(s, vs, ve, "Page"))
			return 0;
		if (k == 0) {
			pg->first = kids[0];
			pg->ds = ps;
			pg->de = pe;
		}
		*why = "a page's fonts are not what Cairo writes";
		if (!up_page_fonts(s, ps, pe, pg))
			return 0;
		*why = "a page's /Annots is not an array of references";
		switch (up_dict_get(s, ps, pe, "Annots", &as, &ae)) {
		case 0:
			continue;
		case 1:
			break;
		default:
			return 0;
		}
		if (!up_refs(s, as, ae, annots, UP_MAX_ANNOTS, &nannots))
			return 0;
		if (k == 0) {
			pg->has_annots = 1;
			pg->as = as;
			pg->ae = ae;
		}
		for (j = 0; j < nannots; j++) {
			size_t	 xs, xe;

			*why = "an annotation is not a dictionary object";
			if (!up_object(s, annots[j], &xs, &xe) ||
			    up_dict_get(s, xs, xe, "F", &vs, &ve) < 0)
				return 0;
			if (up_dict_get(s, xs, xe, "F", &vs, &ve) == 0)
				pg->links[pg->nlinks++] = annots[j];
		}
	}
	return 1;
}

static void
up_date(time_t t, char pdf[32], char iso[32])
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(pdf, 32, "D:%Y%m%d%H%M%SZ", &tm);
	strftime(iso, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Writes the signature's byte range and contents into the finished file. */
static dm_status
up_seal(struct pdf_buf *b, const struct pdfup_sig *sig, size_t range_at,
    size_t lt, size_t gt)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		*der;
	size_t			 derlen = 0, tail = b->len - (gt + 1), i;
	char			 f[40];
	dm_status		 st;

	snprintf(f, sizeof(f), "%-10zu %-10zu %-10zu", lt, gt + 1, tail);
	memcpy(b->data + range_at, f, 32);
	if ((der = malloc(sig->reserve)) == NULL)
		log_fatal("out of memory");
	st = sig->sign(sig->arg, b->data, lt, b->data + gt + 1, tail, der,
	    sig->reserve, &derlen);
	if (st == DM_OK && derlen > sig->reserve) {
		log_error("pdf: a signature of %zu bytes exceeds its reserve",
		    derlen);
		st = DM_ELIMIT;
	}
	if (st == DM_OK)
		for (i = 0; i < derlen; i++) {
			b->data[lt + 1 + 2 * i] = (unsigned char)hex[der[i] >> 4];
			b->data[lt + 2 + 2 * i] = (unsigned char)hex[der[i] & 15];
		}
	free(der);
	return st;
}

dm_status
pdfup_append(struct pdf_buf *b, const struct pdfup_meta *m,
    const struct pdfup_sig *sig)
{
	struct up_src	 s;
	struct up_pages	 pg;
	struct up_out	 o;
	unsigned char	 id[UP_ID_BYTES];
	char		 idhex[2 * UP_ID_BYTES + 1], date[32], iso[32];
	const char	*why = NULL;
	size_t		 cs, ce, vs, ve, orig = b->len, range_at = 0, lt = 0;
	size_t		 gt = 0, xref;
	unsigned	 meta, oi = 0, icc = 0, widget = 0, sigobj = 0, ap = 0;
	dm_status	 st = DM_EINPUT;

	memset(&s, 0, sizeof(s));
	memset(&pg, 0, sizeof(pg));
	memset(&o, 0, sizeof(o));
	if (m == NULL || m->title == NULL || m->author == NULL ||
	    m->lang == NULL || (sig != NULL && (sig->sign == NULL ||
	    sig->reserve == 0 || sig->reserve > PDFUP_RESERVE_MAX)))
		return DM_EINPUT;
	s.p = b->data;
	s.n = b->len;
	if (!up_read(&s, &why))
		goto refuse;
	why = "the catalog is not a dictionary object of /Type /Catalog";
	if (!up_object(&s, s.root, &cs, &ce) ||
	    up_dict_get(&s, cs, ce, "Type", &vs, &ve) != 1 ||
	    !up_is_name(&s, vs, ve, "Catalog"))
		goto refuse;
	why = "the catalog already has /AcroForm, /Lang, /Metadata or "
	    "/OutputIntents";
	if (up_dict_get(&s, cs, ce, "AcroForm", &vs, &ve) != 0 ||
	    up_dict_get(&s, cs, ce, "Lang", &vs, &ve) != 0 ||
	    up_dict_get(&s, cs, ce, "Metadata", &vs, &ve) != 0 ||
	    up_dict_get(&s, cs, ce, "OutputIntents", &vs, &ve) != 0)
		goto refuse;
	why = "the Info is not a dictionary object";
	if (!up_object(&s, s.info, &vs, &ve))
		goto refuse;
	if (!up_pages_read(&s, cs, ce, &pg, &why))
		goto refuse;

	/* From here on s.p may move: the buffer grows. Keep offsets only. */
	o.b = b;
	o.next = (unsigned)s.nobj;
	meta = o.next++;
	if (m->icc != NULL) {
		oi = o.next++;
		icc = o.next++;
	}
	if (sig != NULL) {
		widget = o.next++;
		sigobj = o.next++;
		ap = o.next++;
	}
	randombytes_buf(id, sizeof(id));
	sodium_bin2hex(idhex, sizeof(idhex), id, sizeof(id));
	up_date(m->created, date, iso);
	if (b->data[b->len - 1] != '\n')
		pdf_buf_put(b, "\n", 1);

	/* The catalog, with what Cairo 1.16 cannot write. */
	up_begin(&o, s.root);
	pdf_buf_put(b, "<<", 2);
	up_copy_inner(b, cs, ce);
	pdf_buf_printf(b, "\n   /Lang ");
	up_text(b, m->lang);
	pdf_buf_printf(b, "\n   /Metadata %u 0 R\n"
	    "   /ViewerPreferences << /DisplayDocTitle true >>\n", meta);
	if (oi != 0)
		pdf_buf_printf(b, "   /OutputIntents [ %u 0 R ]\n", oi);
	if (widget != 0)
		pdf_buf_printf(b, "   /AcroForm << /Fields [ %u 0 R ] "
		    "/SigFlags 3 >>\n", widget);
	pdf_buf_put(b, ">>", 2);
	up_end(&o);

	/* The Info, agreeing with the XMP. */
	up_begin(&o, s.info);
	pdf_buf_put(b, "<<", 2);
	up_text_entry(b, "Title", m->title);
	up_text_entry(b, "Author", m->author);
	up_text_entry(b, "Subject", m->subject);
	up_text_entry(b, "Keywords", m->keywords);
	up_text_entry(b, "Creator", m->creator);
	up_text_entry(b, "Producer", m->producer);
	pdf_buf_printf(b, " /CreationDate (%s) /ModDate (%s) >>", date, date);
	up_end(&o);

	up_begin(&o, meta);
	{
		struct pdf_buf	 x = { NULL, 0, 0 };

		up_xmp(&x, m, iso);
		pdf_buf_printf(b, "<< /Type /Metadata /Subtype /XML /Length "
		    "%zu >>\nstream\n", x.len);
		pdf_buf_put(b, x.data, x.len);
		pdf_buf_put(b, "\nendstream", 10);
		free(x.data);
	}
	up_end(&o);

	if (oi != 0) {
		up_begin(&o, oi);
		pdf_buf_printf(b, "<< /Type /OutputIntent /S /GTS_PDFA1 "
		    "/OutputConditionIdentifier ");
		up_text(b, m->icc->name);
		pdf_buf_printf(b, " /Info ");
		up_text(b, m->icc->name);
		pdf_buf_printf(b, " /DestOutputProfile %u 0 R >>", icc);
		up_end(&o);
		up_begin(&o, icc);
		pdf_buf_printf(b, "<< /N %d /Length %zu /Filter /FlateDecode "
		    ">>\nstream\n", m->icc->ncomp, m->icc->len);
		pdf_buf_put(b, m->icc->deflated, m->icc->len);
		pdf_buf_put(b, "\nendstream", 10);
		up_end(&o);
	}

	/* Page 1, with the seal's widget among its annotations. */
	if (widget != 0) {
		up_begin(&o, pg.first);
		pdf_buf_put(b, "<<", 2);
		if (pg.has_annots) {
			up_copy(b, pg.ds + 2, pg.ae - 1 - (pg.ds + 2));
			pdf_buf_printf(b, " %u 0 R ", widget);
			up_copy(b, pg.ae - 1, pg.de - 2 - (pg.ae - 1));
		} else {
			up_copy_inner(b, pg.ds, pg.de);
			pdf_buf_printf(b, "\n   /Annots [ %u 0 R ]\n", widget);
		}
		pdf_buf_put(b, ">>", 2);
		up_end(&o);
	}

	/* Cairo's links, printable; CID fonts with their map said, as
	 * PDF/A asks (6.2.11.3.2). */
	if (!up_amend(&o, &s, pg.links, pg.nlinks, " /F 4")) {
		why = "an annotation moved";
		b->len = orig;
		goto refuse;
	}
	if (!up_amend(&o, &s, pg.cids, pg.ncids, " /CIDToGIDMap /Identity")) {
		why = "a font moved";
		b->len = orig;
		goto refuse;
	}

	if (sig != NULL) {
		up_begin(&o, ap);
		pdf_buf_printf(b, "<< /Type /XObject /Subtype /Form /BBox [ 0 0 0 "
		    "0 ] /Length 0 >>\nstream\n\nendstream");
		up_end(&o);
		up_begin(&o, widget);
		pdf_buf_printf(b, "<< /Type /Annot /Subtype /Widget /FT /Sig "
		    "/T (Seal) /V %u 0 R /Rect [ 0 0 0 0 ] /F 132 /P %u 0 R "
		    "/AP << /N %u 0 R >> >>", sigobj, pg.first, ap);
		up_end(&o);
		up_begin(&o, sigobj);
		{
			char	 when[32], wiso[32];

			up_date(sig->when, when, wiso);
			pdf_buf_printf(b, "<< /Type /Sig /Filter /Adobe.PPKLite "
			    "/SubFilter /ETSI.CAdES.detached\n   /M (%s)",
			    when);
		}
		up_text_entry(b, "Name", sig->name);
		up_text_entry(b, "Reason", sig->reason);
		up_text_entry(b, "Location", sig->location);
		pdf_buf_printf(b, "\n   /ByteRange [0 ");
		range_at = b->len;
		pdf_buf_printf(b, "%-32s]\n   /Contents ", "");
		lt = b->len;
		up_reserve(b, 2 * sig->reserve + 2);
		b->data[b->len++] = '<';
		memset(b->data + b->len, '0', 2 * sig->reserve);
		b->len += 2 * sig->reserve;
		gt = b->len;
		b->data[b->len++] = '>';
		pdf_buf_put(b, " >>", 3);
		up_end(&o);
	}

	xref = b->len;
	up_xref(&o);
	pdf_buf_printf(b, "trailer\n<< /Size %u /Root %u 0 R /Info %u 0 R "
	    "/Prev %zu /ID [ <%s> <%s> ] >>\nstartxref\n%zu\n%%%%EOF\n",
	    o.next, s.root, s.info, s.xref, idhex, idhex, xref);

	st = DM_OK;
	if (sig != NULL && (st = up_seal(b, sig, range_at, lt, gt)) != DM_OK)
		b->len = orig;
	goto out;
refuse:
	log_error("pdf: cannot update the PDF Cairo wrote: %s", why);
	st = DM_EINPUT;
out:
	free(s.off);
	free(pg.links);
	free(o.e);
	return st;
}
