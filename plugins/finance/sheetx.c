/*
 * sheetx.c - the finance and water import files' own value checks
 * (pure). The registry sheets (regutil.c) check types they know; these
 * add the ones only money and land need.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "sheetx.h"

const char *
sx_shown(const char *v, char *buf, size_t bufsz)
{
	size_t n = 0, chars = 0;

	for (const unsigned char *s = (const unsigned char *)v; *s != '\0' &&
	    n + 8 < bufsz; ) {
		size_t len = 1;

		if (*s >= 0xf0)
			len = 4;
		else if (*s >= 0xe0)
			len = 3;
		else if (*s >= 0xc0)
			len = 2;
		if (chars == 40) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		if (*s < 0x20 || *s == 0x7f) {
			buf[n++] = '?';
			s++;
		} else {
			for (size_t i = 0; i < len && *s != '\0'; i++)
				buf[n++] = (char)*s++;
		}
		chars++;
	}
	buf[n] = '\0';
	return buf;
}

int
sx_fail(const struct reg_sheet *sh, unsigned line, char *err, size_t errsz,
    const char *col, const char *v, const char *why)
{
	char b[64];

	reg_fail(err, errsz, sh->file, line, "%s: \"%s\" %s", col,
	    sx_shown(v, b, sizeof(b)), why);
	return -1;
}

static const char *
value(const struct reg_sheet *sh, size_t row, int col)
{
	return reg_sheet_get(sh, row, col);
}

static int
missing(const struct reg_sheet *sh, size_t row, int col, char *err,
    size_t errsz)
{
	reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: a value "
	    "is required", sh->cols[col].name);
	return -1;
}

int
sx_money(const struct reg_sheet *sh, size_t row, int col, int required,
    long long min, long long max, long long *cents, char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64], lo[MONEY_BUFSZ], hi[MONEY_BUFSZ];
	long long c;

	if (v == NULL)
		return required ? missing(sh, row, col, err, errsz) : 0;
	if (money_parse_plain(v, &c) != 0) {
		reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: "
		    "\"%s\" is not an amount in euros (digits, a point and at "
		    "most two decimals: 1234.56)", sh->cols[col].name,
		    sx_shown(v, b, sizeof(b)));
		return -1;
	}
	if (c < min || c > max) {
		money_format_plain(min, lo);
		money_format_plain(max, hi);
		reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: "
		    "\"%s\" is not between %s and %s", sh->cols[col].name, v,
		    lo, hi);
		return -1;
	}
	*cents = c;
	return 0;
}

int
sx_code(const struct reg_sheet *sh, size_t row, int col, size_t max,
    const char **out, char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64];
	size_t n;

	if (v == NULL)
		return 0;
	n = strlen(v);
	for (size_t i = 0; i < n; i++)
		if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'A' &&
		    v[i] <= 'Z')))
			n = max + 1;
	if (n > max) {
		reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: "
		    "\"%s\" is not 1 to %zu capital Latin letters and digits",
		    sh->cols[col].name, sx_shown(v, b, sizeof(b)), max);
		return -1;
	}
	*out = v;
	return 0;
}

int
sx_kaek(const struct reg_sheet *sh, size_t row, int col,
    char out[KAEK_MAX + 1], char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64];

	if (v == NULL)
		return 0;
	if (kaek_parse(v, out) != 0) {
		reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: "
		    "\"%s\" is not a ΚΑΕΚ (12 digits, optionally /N/N for a "
		    "part of a building)", sh->cols[col].name,
		    sx_shown(v, b, sizeof(b)));
		return -1;
	}
	return 0;
}

int
sx_power_supply(const struct reg_sheet *sh, size_t row, int col,
    char out[POWER_SUPPLY_MAX + 1], char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64];

	if (v == NULL)
		return 0;
	if (power_supply_parse(v, out) != 0) {
		reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: "
		    "\"%s\" is not an electricity supply number (9 to 12 "
		    "digits)", sh->cols[col].name, sx_shown(v, b, sizeof(b)));
		return -1;
	}
	return 0;
}

int
sx_decimal(const struct reg_sheet *sh, size_t row, int col, int decimals,
    long long min, long long max, long long *out, char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	const char *dot;
	char b[64];
	long long x = 0, scale = decimals == 1 ? 10 : 100;
	size_t nd = 0, ni = 0;
	int ok = 1;

	if (v == NULL)
		return 0;
	dot = strchr(v, '.');
	for (const char *s = v; *s != '\0'; s++) {
		if (s == dot)
			continue;
		if (*s < '0' || *s > '9' || ni + nd >= 12) {
			ok = 0;
			break;
		}
		x = x * 10 + (*s - '0');
		if (dot != NULL && s > dot)
			nd++;
		else
			ni++;
	}
	if (ni == 0 || (dot != NULL && nd == 0) || nd > (size_t)decimals)
		ok = 0;
	if (!ok) {
		reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: "
		    "\"%s\" is not a number with at most %d decimal%s after a "
		    "point", sh->cols[col].name, sx_shown(v, b, sizeof(b)),
		    decimals, decimals == 1 ? "" : "s");
		return -1;
	}
	for (; nd < (size_t)decimals; nd++)
		x *= 10;
	if (x < min || x > max) {
		reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: "
		    "\"%s\" is not between %lld.%0*lld and %lld.%0*lld",
		    sh->cols[col].name, v, min / scale, decimals, min % scale,
		    max / scale, decimals, max % scale);
		return -1;
	}
	*out = x;
	return 0;
}

int
sx_absent(const struct reg_sheet *sh, size_t row, int col, const char *why,
    char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64];

	if (v == NULL)
		return 0;
	reg_fail(err, errsz, sh->file, reg_sheet_line(sh, row), "%s: \"%s\" "
	    "%s", sh->cols[col].name, sx_shown(v, b, sizeof(b)), why);
	return -1;
}

struct ukey {
	const char	*s;
	size_t		 row;
};

static int
ukey_cmp(const void *a, const void *b)
{
	const struct ukey *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	if (c != 0)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

int
sx_unique(const struct reg_sheet *sh, int col, char *err, size_t errsz)
{
	size_t rows = reg_sheet_rows(sh), n = 0, dup = 0, orig = 0;
	struct ukey *k = calloc(rows ? rows : 1, sizeof(*k));
	int found = 0;
	char b[64];

	if (k == NULL) {
		reg_fail(err, errsz, sh->file, 0, "out of memory");
		return -1;
	}
	for (size_t r = 0; r < rows; r++)
		if ((k[n].s = value(sh, r, col)) != NULL)
			k[n++].row = r;
	qsort(k, n, sizeof(*k), ukey_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(k[i].s, k[i - 1].s) == 0 && (!found ||
		    k[i].row < dup)) {
			dup = k[i].row;
			orig = k[i - 1].row;
			found = 1;
		}
	if (found)
		reg_fail(err, errsz, sh->file, reg_sheet_line(sh, dup), "%s: "
		    "\"%s\" appears again (first on line %u)",
		    sh->cols[col].name, sx_shown(value(sh, dup, col), b,
		    sizeof(b)), reg_sheet_line(sh, orig));
	free(k);
	return found ? -1 : 0;
}

int
sx_index_make(struct sx_index *ix, const void *base, size_t size, size_t n,
    int (*keep)(const void *), int (*cmp)(const void *, const void *))
{
	ix->n = 0;
	ix->v = calloc(n ? n : 1, sizeof(*ix->v));
	if (ix->v == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const void *e = (const char *)base + i * size;

		if (keep == NULL || keep(e))
			ix->v[ix->n++] = e;
	}
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp);
	return 0;
}

const void *
sx_index_find(const struct sx_index *ix, const void *key,
    int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp(&key, &ix->v[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && cmp(&key, &ix->v[lo]) == 0 ? ix->v[lo] : NULL;
}

const void *
sx_first_repeat(const struct sx_index *ix,
    int (*same)(const void *, const void *), unsigned (*line)(const void *),
    const void **orig)
{
	const void *dup = NULL;

	for (size_t i = 0; i < ix->n; ) {
		size_t k = i + 1;

		while (k < ix->n && same(ix->v[i], ix->v[k]))
			k++;
		/* v[i] is the group's first record, v[i + 1] its first
		 * repeat */
		if (k > i + 1 && (dup == NULL || line(ix->v[i + 1]) <
		    line(dup))) {
			dup = ix->v[i + 1];
			*orig = ix->v[i];
		}
		i = k;
	}
	return dup;
}
