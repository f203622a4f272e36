/*
 * regutil.c - pure helpers of the registry plugins (no host, no DB), so
 * that the unit tests compile them as they are.
 * Owns: identifier checks, Greek folding/declension and typed CSV sheets.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "regutil.h"

void
reg_fail(char *err, size_t errsz, const char *file, unsigned line,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	n = line ? snprintf(err, errsz, "%s:%u: ", file, line) :
	    snprintf(err, errsz, "%s: ", file);
	if (n < 0 || (size_t)n >= errsz)
		return;
	va_start(ap, fmt);
	vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------- dates */

static int
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int
reg_date_valid(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4) || !digits(s + 5, 2) || !digits(s + 8, 2))
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1800 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

void
reg_today(char out[11])
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

int
reg_date_year(const char *iso)
{
	return reg_date_valid(iso) ? atoi(iso) : 0;
}

void
reg_date_short(const char *iso, char *out, size_t outsz)
{
	if (!reg_date_valid(iso)) {
		snprintf(out, outsz, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, outsz, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

void
reg_date_long(const char *iso, char *out, size_t outsz)
{
	/* the genitive, as a date is written in Greek */
	static const char *const months[12] = { "Ιανουαρίου",
	    "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
	    "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου",
	    "Νοεμβρίου", "Δεκεμβρίου" };

	if (!reg_date_valid(iso)) {
		snprintf(out, outsz, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, outsz, "%d %s %.4s", atoi(iso + 8),
	    months[atoi(iso + 5) - 1], iso);
}

/* ------------------------------------------------------ AFM and AMKA */

int
reg_afm_valid(const char *s)
{
	unsigned sum = 0;

	if (s == NULL || strlen(s) != 9 || !digits(s, 9) ||
	    strcmp(s, "000000000") == 0)
		return 0;
	for (int i = 0; i < 8; i++)
		sum += (unsigned)(s[i] - '0') << (8 - i);
	return sum % 11 % 10 == (unsigned)(s[8] - '0');
}

int
reg_amka_valid(const char *s)
{
	unsigned sum = 0;

	if (s == NULL || strlen(s) != 11 || !digits(s, 11))
		return 0;
	for (int i = 0; i < 11; i++) {
		unsigned d = (unsigned)(s[10 - i] - '0');

		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

/* -------------------------------------------------------- Greek text */

/* Decodes one code point; an invalid byte is taken as U+FFFD. */
static unsigned
dec(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	unsigned c = s[0];
	int n;

	if (c < 0x80) {
		*p += 1;
		return c;
	}
	if ((c & 0xe0) == 0xc0)
		n = 1, c &= 0x1f;
	else if ((c & 0xf0) == 0xe0)
		n = 2, c &= 0x0f;
	else if ((c & 0xf8) == 0xf0)
		n = 3, c &= 0x07;
	else {
		*p += 1;
		return 0xfffd;
	}
	for (int i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p += 1;
			return 0xfffd;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*p += n + 1;
	return c;
}

static size_t
enc(unsigned c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/*
 * Accented and diaeresis letters of the monotonic Greek block and their
 * plain lower-case letters; the table serves folding and re-accenting.
 */
static const struct {
	unsigned	accented;
	unsigned	plain;
} greek_accents[] = {
	{ 0x3ac, 0x3b1 }, { 0x3ad, 0x3b5 }, { 0x3ae, 0x3b7 },
	{ 0x3af, 0x3b9 }, { 0x3cc, 0x3bf }, { 0x3cd, 0x3c5 },
	{ 0x3ce, 0x3c9 }, { 0x390, 0x3ca }, { 0x3b0, 0x3cb },
	{ 0x386, 0x391 }, { 0x388, 0x395 }, { 0x389, 0x397 },
	{ 0x38a, 0x399 }, { 0x38c, 0x39f }, { 0x38e, 0x3a5 },
	{ 0x38f, 0x3a9 },
};

#define NACCENTS (sizeof(greek_accents) / sizeof(greek_accents[0]))

static unsigned
unaccent(unsigned c)
{
	for (size_t i = 0; i < NACCENTS; i++)
		if (greek_accents[i].accented == c)
			return greek_accents[i].plain;
	return c;
}

static int
is_accented(unsigned c)
{
	return unaccent(c) != c;
}

static unsigned
accent(unsigned c)
{
	for (size_t i = 0; i < NACCENTS; i++)
		if (greek_accents[i].plain == c)
			return greek_accents[i].accented;
	return c;
}

static int
is_greek_lower(unsigned c)
{
	return (c >= 0x3ac && c <= 0x3ce) || c == 0x390;
}

/* Capital without accent; 0 for a combining mark (decomposed input). */
static unsigned
fold_cp(unsigned c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 'A';
	if (c == 0x301 || c == 0x308 || c == 0x344)
		return 0;
	c = unaccent(c);
	if (c == 0x3ca)				/* ϊ */
		return 0x399;
	if (c == 0x3cb)				/* ϋ */
		return 0x3a5;
	if (c == 0x3aa)				/* Ϊ */
		return 0x399;
	if (c == 0x3ab)				/* Ϋ */
		return 0x3a5;
	if (c == 0x3c2)				/* ς */
		return 0x3a3;
	if (c >= 0x3b1 && c <= 0x3c9)
		return c - 0x20;
	return c;
}

/* Separators between the words of a name: one space once folded. */
static int
is_sep(unsigned c)
{
	return c == ' ' || c == '\t' || c == '-' || c == 0xa0 ||
	    c == 0x2010 || c == 0x2013;
}

void
reg_fold(const char *s, char *out, size_t outsz)
{
	size_t n = 0;
	int space = 0;
	char tmp[4];

	if (outsz == 0)
		return;
	while (s != NULL && *s != '\0') {
		unsigned c = fold_cp(dec(&s));
		size_t k;

		if (c == 0)
			continue;
		if (is_sep(c)) {
			space = n > 0;
			continue;
		}
		k = enc(c, tmp);
		if (n + k + (space ? 1 : 0) >= outsz)
			break;
		if (space)
			out[n++] = ' ';
		space = 0;
		memcpy(out + n, tmp, k);
		n += k;
	}
	out[n] = '\0';
}

int
reg_fold_eq(const char *a, const char *b)
{
	char fa[REG_FOLD_MAX], fb[REG_FOLD_MAX];

	if (a == NULL || b == NULL)
		return a == b;
	if (strlen(a) >= sizeof(fa) || strlen(b) >= sizeof(fb))
		return 0;
	reg_fold(a, fa, sizeof(fa));
	reg_fold(b, fb, sizeof(fb));
	return strcmp(fa, fb) == 0;
}

size_t
reg_utf8_chars(const char *s)
{
	size_t n = 0;

	while (s != NULL && *s != '\0') {
		dec(&s);
		n++;
	}
	return n;
}

#define WORD_MAX	64

static int
is_vowel(unsigned c)
{
	c = fold_cp(c);
	return c == 0x391 || c == 0x395 || c == 0x397 || c == 0x399 ||
	    c == 0x39f || c == 0x3a5 || c == 0x3a9;
}

/*
 * Declines one word w[0..n) into o (code points); returns the new length.
 * Masculine -ος takes -ου and, as the long ending requires, an accent on
 * the antepenult moves to the penult (Νικόλαος -> Νικολάου); -ης and -ας
 * lose the sigma; -ων takes -ος; feminine -α and -η take a final sigma.
 */
static size_t
decline(const unsigned *w, size_t n, unsigned *o)
{
	unsigned last, prev;
	int upper;

	memcpy(o, w, n * sizeof(*w));
	if (n < 2)
		return n;
	last = fold_cp(w[n - 1]);
	prev = fold_cp(w[n - 2]);
	upper = !is_greek_lower(w[n - 1]);
	if (last == 0x3a3 && prev == 0x39f) {		/* -ος */
		size_t stem = n - 2;

		if (upper) {
			o[stem] = 0x39f;
			o[stem + 1] = 0x3a5;
			return n;
		}
		if (is_accented(w[n - 2])) {		/* -ός: -ού */
			o[stem] = 0x3bf;
			o[stem + 1] = 0x3cd;
			return n;
		}
		{
			long acc = -1, lastv = -1;

			for (size_t i = 0; i < stem; i++) {
				if (is_accented(w[i]))
					acc = (long)i;
				if (is_vowel(w[i]))
					lastv = (long)i;
			}
			if (acc >= 0 && lastv >= 0 && acc != lastv) {
				o[acc] = unaccent(w[acc]);
				o[lastv] = accent(unaccent(w[lastv]));
			}
		}
		o[stem] = 0x3bf;
		o[stem + 1] = 0x3c5;
		return n;
	}
	if (last == 0x3a3 && (prev == 0x397 || prev == 0x391))
		return n - 1;				/* -ης, -ας */
	if (last == 0x39d && prev == 0x3a9) {		/* -ων */
		o[n] = upper ? 0x39f : 0x3bf;
		o[n + 1] = upper ? 0x3a3 : 0x3c2;
		return n + 2;
	}
	if (last == 0x391 || last == 0x397) {		/* -α, -η */
		o[n] = upper ? 0x3a3 : 0x3c2;
		return n + 1;
	}
	return n;
}

void
reg_genitive(const char *name, char *out, size_t outsz)
{
	unsigned w[WORD_MAX], o[WORD_MAX + 2];
	size_t nw = 0, n = 0;
	const char *s = name;
	char tmp[4];

	if (outsz == 0)
		return;
	for (;;) {
		unsigned c = *s != '\0' ? dec(&s) : 0;
		int sep = c == 0 || c == ' ' || c == '-';

		if (!sep && nw < WORD_MAX) {
			w[nw++] = c;
			continue;
		}
		if (!sep) {			/* too long to decline */
			snprintf(out, outsz, "%s", name);
			return;
		}
		{
			size_t k = decline(w, nw, o);

			for (size_t i = 0; i < k; i++) {
				size_t m = enc(o[i], tmp);

				if (n + m >= outsz)
					goto done;
				memcpy(out + n, tmp, m);
				n += m;
			}
		}
		nw = 0;
		if (c == 0)
			break;
		if (n + 1 >= outsz)
			break;
		out[n++] = (char)c;
	}
done:
	out[n] = '\0';
}

/* ------------------------------------------------------------ units */

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

int
reg_units_parse(const char *spec, struct reg_units *u, char *err,
    size_t errsz)
{
	char *p, *item, *save = NULL;

	memset(u, 0, sizeof(*u));
	if (spec == NULL || strlen(spec) >= sizeof(u->buf)) {
		snprintf(err, errsz, "units: missing or too long");
		return -1;
	}
	memcpy(u->buf, spec, strlen(spec) + 1);
	for (p = u->buf; (item = strtok_r(p, ",", &save)) != NULL; p = NULL) {
		char *colon = strchr(item, ':');
		char *name, *gen;

		if (colon == NULL) {
			snprintf(err, errsz, "units: '%s' is not "
			    "name:genitive", trim(item));
			return -1;
		}
		*colon = '\0';
		name = trim(item);
		gen = trim(colon + 1);
		if (*name == '\0' || *gen == '\0' ||
		    u->n == REG_MAX_UNITS) {
			snprintf(err, errsz, "units: an empty name or more "
			    "than %d units", REG_MAX_UNITS);
			return -1;
		}
		u->name[u->n] = name;
		u->genitive[u->n] = gen;
		u->n++;
	}
	if (u->n == 0) {
		snprintf(err, errsz, "units: none given");
		return -1;
	}
	return 0;
}

const char *
reg_unit_genitive(const struct reg_units *u, const char *name)
{
	for (size_t i = 0; name != NULL && i < u->n; i++)
		if (reg_fold_eq(u->name[i], name))
			return u->genitive[i];
	return NULL;
}

/* ----------------------------------------------------------- sheets */

/* A value as a message shows it: at most 40 bytes, no control bytes. */
static const char *
shown(const char *v, char *buf, size_t bufsz)
{
	size_t n = 0;

	for (const char *s = v; *s != '\0' && n + 5 < bufsz; ) {
		const char *start = s;

		dec(&s);
		if (s - start == 1 && (unsigned char)*start < 0x20) {
			buf[n++] = '?';
			continue;
		}
		if (n + (size_t)(s - start) > 40) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		memcpy(buf + n, start, (size_t)(s - start));
		n += (size_t)(s - start);
	}
	buf[n] = '\0';
	return buf;
}

static int
check_value(const struct reg_sheet *sh, const struct reg_column *c,
    unsigned line, const char *v, char *err, size_t errsz)
{
	char b[64], today[11];
	long long max;

	switch (c->type) {
	case REG_TEXT:
		for (const char *s = v; *s != '\0'; s++)
			if ((unsigned char)*s < 0x20 || *s == 0x7f) {
				reg_fail(err, errsz, sh->file, line, "%s: "
				    "contains a control character or a line "
				    "break", c->name);
				return -1;
			}
		max = c->max ? c->max : 200;
		if ((long long)reg_utf8_chars(v) > max) {
			reg_fail(err, errsz, sh->file, line, "%s: \"%s\" "
			    "is longer than %lld characters", c->name,
			    shown(v, b, sizeof(b)), max);
			return -1;
		}
		return 0;
	case REG_INT: {
		long long x;

		if (!digits(v, strlen(v)) || strlen(v) > 15) {
			reg_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "not a whole number", c->name, shown(v, b,
			    sizeof(b)));
			return -1;
		}
		x = strtoll(v, NULL, 10);
		if (x < c->min || x > c->max) {
			reg_fail(err, errsz, sh->file, line, "%s: %lld is not "
			    "between %lld and %lld", c->name, x, c->min,
			    c->max);
			return -1;
		}
		return 0;
	}
	case REG_DATE:
		if (!reg_date_valid(v)) {
			reg_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "not a date (YYYY-MM-DD)", c->name, shown(v, b,
			    sizeof(b)));
			return -1;
		}
		reg_today(today);
		if ((c->flags & REG_PAST) && strcmp(v, today) > 0) {
			reg_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "in the future", c->name, v);
			return -1;
		}
		return 0;
	case REG_AFM:
		if (!reg_afm_valid(v)) {
			reg_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "not a valid AFM (9 digits, the last a check digit)",
			    c->name, shown(v, b, sizeof(b)));
			return -1;
		}
		return 0;
	case REG_AMKA:
		if (!reg_amka_valid(v)) {
			reg_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "not a valid AMKA (11 digits, the last a Luhn check "
			    "digit)", c->name, shown(v, b, sizeof(b)));
			return -1;
		}
		return 0;
	case REG_CHOICE: {
		char list[256] = "";

		for (const char *const *ch = c->choices; *ch != NULL; ch++) {
			if (strcmp(*ch, v) == 0)
				return 0;
			if (list[0] != '\0')
				strncat(list, ", ", sizeof(list) -
				    strlen(list) - 1);
			strncat(list, *ch, sizeof(list) - strlen(list) - 1);
		}
		reg_fail(err, errsz, sh->file, line, "%s: \"%s\" is not one "
		    "of: %s", c->name, shown(v, b, sizeof(b)), list);
		return -1;
	}
	}
	return 0;
}

static int
map_header(struct reg_sheet *sh, char *err, size_t errsz)
{
	const struct csv_row *h = &sh->csv.rows[0];
	size_t ncols = 0;
	char b[64];

	while (sh->cols[ncols].name != NULL)
		ncols++;
	for (size_t i = 0; i < ncols; i++)
		sh->map[i] = -1;
	for (size_t f = 0; f < h->nfields; f++) {
		char *name = trim(h->fields[f]);
		size_t i;

		for (i = 0; i < ncols; i++)
			if (strcmp(sh->cols[i].name, name) == 0)
				break;
		if (i == ncols) {
			reg_fail(err, errsz, sh->file, h->line, "unknown "
			    "column '%s'", shown(name, b, sizeof(b)));
			return -1;
		}
		if (sh->map[i] >= 0) {
			reg_fail(err, errsz, sh->file, h->line, "column '%s' "
			    "appears twice", name);
			return -1;
		}
		sh->map[i] = (int)f;
	}
	for (size_t i = 0; i < ncols; i++)
		if ((sh->cols[i].flags & REG_REQUIRED) && sh->map[i] < 0) {
			reg_fail(err, errsz, sh->file, h->line, "the required "
			    "column '%s' is missing", sh->cols[i].name);
			return -1;
		}
	return 0;
}

static int
check_sheet(struct reg_sheet *sh, char *err, size_t errsz)
{
	if (map_header(sh, err, errsz) != 0)
		return -1;
	for (size_t r = 1; r < sh->csv.nrows; r++) {
		struct csv_row *row = &sh->csv.rows[r];

		for (int i = 0; sh->cols[i].name != NULL; i++) {
			const struct reg_column *c = &sh->cols[i];
			char *v;

			if (sh->map[i] < 0)
				continue;
			v = trim(row->fields[sh->map[i]]);
			row->fields[sh->map[i]] = v;
			if (*v == '\0') {
				if (c->flags & REG_REQUIRED) {
					reg_fail(err, errsz, sh->file,
					    row->line, "%s: a value is required",
					    c->name);
					return -1;
				}
				continue;
			}
			if (check_value(sh, c, row->line, v, err, errsz) != 0)
				return -1;
		}
	}
	return 0;
}

int
reg_sheet_parse(struct reg_sheet *sh, const char *text, size_t len,
    char *err, size_t errsz)
{
	if (csv_parse(sh->file, text, len, &sh->csv, err, errsz) != 0)
		return -1;
	if (check_sheet(sh, err, errsz) != 0) {
		csv_free(&sh->csv);
		return -1;
	}
	return 0;
}

int
reg_sheet_load(struct reg_sheet *sh, const char *dir, char *err,
    size_t errsz)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, sh->file);
	if (csv_load(path, sh->file, &sh->csv, err, errsz) != 0)
		return -1;
	if (check_sheet(sh, err, errsz) != 0) {
		csv_free(&sh->csv);
		return -1;
	}
	return 0;
}

void
reg_sheet_free(struct reg_sheet *sh)
{
	csv_free(&sh->csv);
}

size_t
reg_sheet_rows(const struct reg_sheet *sh)
{
	return sh->csv.nrows ? sh->csv.nrows - 1 : 0;
}

unsigned
reg_sheet_line(const struct reg_sheet *sh, size_t row)
{
	return sh->csv.rows[row + 1].line;
}

const char *
reg_sheet_get(const struct reg_sheet *sh, size_t row, int col)
{
	const char *v;

	if (sh->map[col] < 0)
		return NULL;
	v = sh->csv.rows[row + 1].fields[sh->map[col]];
	return *v != '\0' ? v : NULL;
}

long long
reg_sheet_int(const struct reg_sheet *sh, size_t row, int col)
{
	const char *v = reg_sheet_get(sh, row, col);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

/* ------------------------------------------------------- matching */

void
reg_key_make(struct reg_key *k, const char *afm, const char *surname,
    const char *name, const char *father, int year)
{
	memset(k, 0, sizeof(*k));
	if (afm != NULL && reg_afm_valid(afm))
		memcpy(k->afm, afm, 10);
	reg_fold(surname, k->surname, sizeof(k->surname));
	reg_fold(name, k->name, sizeof(k->name));
	reg_fold(father, k->father, sizeof(k->father));
	k->year = year > 0 ? year : 0;
}

enum reg_match
reg_match(const struct reg_key *a, const struct reg_key *e)
{
	if (a->afm[0] != '\0' && e->afm[0] != '\0')
		return strcmp(a->afm, e->afm) == 0 ? REG_MATCH_AFM :
		    REG_MATCH_NONE;
	if (a->surname[0] == '\0' || a->name[0] == '\0' ||
	    a->father[0] == '\0' || a->year == 0)
		return REG_MATCH_NONE;
	if (strcmp(a->surname, e->surname) == 0 &&
	    strcmp(a->name, e->name) == 0 &&
	    strcmp(a->father, e->father) == 0 && a->year == e->year)
		return REG_MATCH_NAME;
	return REG_MATCH_NONE;
}

/* ---------------------------------------------------- certificates */

char *
reg_adup(const struct reg_alloc *a, const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	d = a->alloc(a->ctx, n + 1);
	memcpy(d, s, n + 1);
	return d;
}

static char *reg_avprintf(const struct reg_alloc *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

static char *
reg_avprintf(const struct reg_alloc *a, const char *fmt, va_list ap)
{
	va_list aq;
	char *d;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	d = a->alloc(a->ctx, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *
reg_aprintf(const struct reg_alloc *a, const char *fmt, ...)
{
	va_list ap;
	char *d;

	va_start(ap, fmt);
	d = reg_avprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

char *
reg_agen(const struct reg_alloc *a, const char *name)
{
	size_t n = name ? 2 * strlen(name) + 8 : 1;
	char *d = a->alloc(a->ctx, n);

	if (name != NULL)
		reg_genitive(name, d, n);
	return d;
}

char *
reg_adate(const struct reg_alloc *a, const char *iso)
{
	char buf[64];

	reg_date_short(iso, buf, sizeof(buf));
	return reg_adup(a, buf);
}

char *
reg_adate_long(const struct reg_alloc *a, const char *iso)
{
	char buf[64];

	reg_date_long(iso, buf, sizeof(buf));
	return reg_adup(a, buf);
}

void
reg_cert_init(struct reg_cert *c, const struct reg_alloc *a)
{
	memset(c, 0, sizeof(*c));
	c->a = a;
}

void
reg_cert_para(struct reg_cert *c, const char *fmt, ...)
{
	va_list ap;

	if (c->npara == REG_CERT_TEXTS) {
		c->overflow = 1;
		return;
	}
	va_start(ap, fmt);
	c->paras[c->npara++] = reg_avprintf(c->a, fmt, ap);
	va_end(ap);
}

void
reg_cert_remark(struct reg_cert *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nremarks == REG_CERT_TEXTS) {
		c->overflow = 1;
		return;
	}
	va_start(ap, fmt);
	c->remarks[c->nremarks++] = reg_avprintf(c->a, fmt, ap);
	va_end(ap);
}

void
reg_cert_row(struct reg_cert *c, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	if (c->nrows == REG_CERT_ROWS) {
		c->overflow = 1;
		return;
	}
	c->rows[c->nrows].label = reg_adup(c->a, label);
	c->rows[c->nrows].value = reg_adup(c->a, value);
	c->nrows++;
}

int
reg_cert_finish(struct reg_cert *c, struct dm_certificate *out)
{
	if (c->overflow)
		return -1;
	if (c->npara > 0) {
		const char **v = c->a->alloc(c->a->ctx, c->npara *
		    sizeof(*v));

		memcpy(v, c->paras, c->npara * sizeof(*v));
		out->paragraphs = v;
	}
	out->nparagraphs = c->npara;
	if (c->nrows > 0) {
		struct dm_cert_row *r = c->a->alloc(c->a->ctx, c->nrows *
		    sizeof(*r));

		memcpy(r, c->rows, c->nrows * sizeof(*r));
		out->rows = r;
	}
	out->nrows = c->nrows;
	if (c->nremarks > 0) {
		const char **v = c->a->alloc(c->a->ctx, c->nremarks *
		    sizeof(*v));

		memcpy(v, c->remarks, c->nremarks * sizeof(*v));
		out->remarks = v;
	}
	out->nremarks = c->nremarks;
	return 0;
}
