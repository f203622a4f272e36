/*
 * values.c - a sheet's values beyond the column types: amounts,
 * decimals, reference codes, ΚΑΕΚ and supply numbers, each parsed into
 * its normal form and refused as file:line: column: "value" why; values
 * that must not appear on a row; uniqueness of a column.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/csv.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/money.h"
#include "internal.h"

const char *
kit_shown(const char *v, char *buf, size_t bufsz)
{
	size_t n = 0;

	for (const char *s = v; *s != '\0' && n + 5 < bufsz; ) {
		const char *start = s;

		kit_utf8_dec(&s);
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

int
kit_sheet_fail(const struct kit_sheet *sh, unsigned line, char *err,
    size_t errsz, const char *col, const char *v, const char *why)
{
	char b[64];

	kit_fail(err, errsz, sh->file, line, "%s: \"%s\" %s", col,
	    kit_shown(v, b, sizeof(b)), why);
	return -1;
}

static const char *
value(const struct kit_sheet *sh, size_t row, int col)
{
	return kit_sheet_get(sh, row, col);
}

static int
missing(const struct kit_sheet *sh, size_t row, int col, char *err,
    size_t errsz)
{
	kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: a value "
	    "is required", sh->cols[col].name);
	return -1;
}

int
kit_sheet_money(const struct kit_sheet *sh, size_t row, int col, int required,
    long long min, long long max, long long *cents, char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64], lo[KIT_MONEY_BUFSZ], hi[KIT_MONEY_BUFSZ];
	long long c;

	if (v == NULL)
		return required ? missing(sh, row, col, err, errsz) : 0;
	if (kit_money_parse_plain(v, &c) != 0) {
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: "
		    "\"%s\" is not an amount in euros (digits, a point and at "
		    "most two decimals: 1234.56)", sh->cols[col].name,
		    kit_shown(v, b, sizeof(b)));
		return -1;
	}
	if (c < min || c > max) {
		kit_money_format_plain(min, lo);
		kit_money_format_plain(max, hi);
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: "
		    "\"%s\" is not between %s and %s", sh->cols[col].name, v,
		    lo, hi);
		return -1;
	}
	*cents = c;
	return 0;
}

int
kit_sheet_code(const struct kit_sheet *sh, size_t row, int col, size_t max,
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
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: "
		    "\"%s\" is not 1 to %zu capital Latin letters and digits",
		    sh->cols[col].name, kit_shown(v, b, sizeof(b)), max);
		return -1;
	}
	*out = v;
	return 0;
}

int
kit_sheet_kaek(const struct kit_sheet *sh, size_t row, int col,
    char out[KIT_KAEK_MAX + 1], char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64];

	if (v == NULL)
		return 0;
	if (kit_kaek_parse(v, out) != 0) {
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: "
		    "\"%s\" is not a ΚΑΕΚ (12 digits, optionally /N/N for a "
		    "part of a building)", sh->cols[col].name,
		    kit_shown(v, b, sizeof(b)));
		return -1;
	}
	return 0;
}

int
kit_sheet_power_supply(const struct kit_sheet *sh, size_t row, int col,
    char out[KIT_POWER_SUPPLY_MAX + 1], char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64];

	if (v == NULL)
		return 0;
	if (kit_power_supply_parse(v, out) != 0) {
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: "
		    "\"%s\" is not an electricity supply number (9 to 12 "
		    "digits)", sh->cols[col].name, kit_shown(v, b, sizeof(b)));
		return -1;
	}
	return 0;
}

int
kit_sheet_decimal(const struct kit_sheet *sh, size_t row, int col, int decimals,
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
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: "
		    "\"%s\" is not a number with at most %d decimal%s after a "
		    "point", sh->cols[col].name, kit_shown(v, b, sizeof(b)),
		    decimals, decimals == 1 ? "" : "s");
		return -1;
	}
	for (; nd < (size_t)decimals; nd++)
		x *= 10;
	if (x < min || x > max) {
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: "
		    "\"%s\" is not between %lld.%0*lld and %lld.%0*lld",
		    sh->cols[col].name, v, min / scale, decimals, min % scale,
		    max / scale, decimals, max % scale);
		return -1;
	}
	*out = x;
	return 0;
}

int
kit_sheet_absent(const struct kit_sheet *sh, size_t row, int col,
    const char *why, char *err, size_t errsz)
{
	const char *v = value(sh, row, col);
	char b[64];

	if (v == NULL)
		return 0;
	kit_fail(err, errsz, sh->file, kit_sheet_line(sh, row), "%s: \"%s\" "
	    "%s", sh->cols[col].name, kit_shown(v, b, sizeof(b)), why);
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
kit_sheet_unique(const struct kit_sheet *sh, int col, char *err, size_t errsz)
{
	size_t rows = kit_sheet_rows(sh), n = 0, dup = 0, orig = 0;
	struct ukey *k = calloc(rows ? rows : 1, sizeof(*k));
	int found = 0;
	char b[64];

	if (k == NULL) {
		kit_fail(err, errsz, sh->file, 0, "out of memory");
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
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, dup), "%s: "
		    "\"%s\" appears again (first on line %u)",
		    sh->cols[col].name, kit_shown(value(sh, dup, col), b,
		    sizeof(b)), kit_sheet_line(sh, orig));
	free(k);
	return found ? -1 : 0;
}

