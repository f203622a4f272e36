/*
 * mrdata.c - the male registry's import file (pure: no host, no DB).
 * Owns the column table of entries.csv and the rules across its rows; the
 * plugin only stores what passes here, inside one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mrdata.h"

static const struct reg_column entry_cols[] = {
	[M_ID] = { "id", REG_INT, REG_REQUIRED, 1, 2147483647LL, NULL },
	[M_SURNAME] = { "surname", REG_TEXT, REG_REQUIRED, 0, 64, NULL },
	[M_NAME] = { "name", REG_TEXT, REG_REQUIRED, 0, 64, NULL },
	[M_FATHER] = { "father_name", REG_TEXT, REG_REQUIRED, 0, 64, NULL },
	[M_MOTHER] = { "mother_name", REG_TEXT, REG_REQUIRED, 0, 64, NULL },
	[M_BIRTH_DATE] = { "birth_date", REG_DATE, REG_PAST, 0, 0, NULL },
	[M_BIRTH_YEAR] = { "birth_year", REG_INT, REG_REQUIRED, 1850, 2100,
	    NULL },
	[M_BIRTH_PLACE] = { "birth_place", REG_TEXT, REG_REQUIRED, 0, 100,
	    NULL },
	[M_UNIT] = { "unit", REG_TEXT, REG_REQUIRED, 0, 64, NULL },
	[M_ENTRY_YEAR] = { "entry_year", REG_INT, REG_REQUIRED, 1850, 2100,
	    NULL },
	[M_ENTRY_NO] = { "entry_no", REG_INT, REG_REQUIRED, 1, 999999, NULL },
	[M_AFM] = { "afm", REG_AFM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* One row's key for the duplicate checks. */
struct key {
	char	*s;
	size_t	 row;
};

static int
key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	if (c != 0)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

typedef int (*key_fn)(const struct reg_sheet *, size_t, char *, size_t);

/* The entry's place in the registry: unit (folded), year, number. */
static int
entry_key(const struct reg_sheet *sh, size_t r, char *out, size_t outsz)
{
	char unit[256];

	reg_fold(reg_sheet_get(sh, r, M_UNIT), unit, sizeof(unit));
	return snprintf(out, outsz, "%s|%lld|%lld", unit,
	    reg_sheet_int(sh, r, M_ENTRY_YEAR),
	    reg_sheet_int(sh, r, M_ENTRY_NO)) >= (int)outsz ? -1 : 0;
}

static int
id_key(const struct reg_sheet *sh, size_t r, char *out, size_t outsz)
{
	/* zero-padded, so that strings sort as numbers */
	snprintf(out, outsz, "%020lld", reg_sheet_int(sh, r, M_ID));
	return 0;
}

static int
afm_key(const struct reg_sheet *sh, size_t r, char *out, size_t outsz)
{
	const char *afm = reg_sheet_get(sh, r, M_AFM);

	if (afm == NULL)
		return 1;		/* not keyed */
	snprintf(out, outsz, "%s", afm);
	return 0;
}

/* The same man twice: names, parents' names and birth year. */
static int
person_key(const struct reg_sheet *sh, size_t r, char *out, size_t outsz)
{
	static const int parts[] = { M_SURNAME, M_NAME, M_FATHER, M_MOTHER };
	size_t n = 0;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		reg_fold(reg_sheet_get(sh, r, parts[i]), out + n, outsz - n);
		n = strlen(out);
		if (n + 2 >= outsz)
			return -1;
		out[n++] = '|';
		out[n] = '\0';
	}
	snprintf(out + n, outsz - n, "%lld", reg_sheet_int(sh, r,
	    M_BIRTH_YEAR));
	return 0;
}

/*
 * Finds the first row (in file order) whose key an earlier row has;
 * returns 1 and sets *dup and *orig, 0 if none, -1 out of memory.
 */
static int
find_dup(const struct reg_sheet *sh, key_fn fn, size_t *dup, size_t *orig)
{
	size_t rows = reg_sheet_rows(sh), n = 0;
	struct key *k = calloc(rows ? rows : 1, sizeof(*k));
	int rc = -1, found = 0;

	if (k == NULL)
		return -1;
	for (size_t r = 0; r < rows; r++) {
		char buf[1200];
		int st = fn(sh, r, buf, sizeof(buf));

		if (st > 0)
			continue;
		if (st < 0 || (k[n].s = strdup(buf)) == NULL)
			goto out;
		k[n++].row = r;
	}
	qsort(k, n, sizeof(*k), key_cmp);
	for (size_t i = 1; i < n; i++)
		if (strcmp(k[i].s, k[i - 1].s) == 0 && (!found ||
		    k[i].row < *dup)) {
			*dup = k[i].row;
			*orig = k[i - 1].row;	/* equal keys sort by row */
			found = 1;
		}
	rc = found;
out:
	for (size_t i = 0; i < n; i++)
		free(k[i].s);
	free(k);
	return rc;
}

static int
check_rows(const struct reg_sheet *sh, const struct reg_units *units,
    char *err, size_t errsz)
{
	char today[11];
	int this_year;

	reg_today(today);
	this_year = atoi(today);
	for (size_t r = 0; r < reg_sheet_rows(sh); r++) {
		unsigned line = reg_sheet_line(sh, r);
		const char *bd = reg_sheet_get(sh, r, M_BIRTH_DATE);
		const char *unit = reg_sheet_get(sh, r, M_UNIT);
		long long by = reg_sheet_int(sh, r, M_BIRTH_YEAR);
		long long ey = reg_sheet_int(sh, r, M_ENTRY_YEAR);

		if (bd != NULL && reg_date_year(bd) != by) {
			reg_fail(err, errsz, sh->file, line, "birth_date '%s' "
			    "is not in birth_year %lld", bd, by);
			return -1;
		}
		if (by > this_year) {
			reg_fail(err, errsz, sh->file, line, "birth_year %lld "
			    "is in the future", by);
			return -1;
		}
		if (ey < by || ey > this_year) {
			reg_fail(err, errsz, sh->file, line, "entry_year %lld "
			    "is not between the birth year %lld and this year",
			    ey, by);
			return -1;
		}
		if (units != NULL && reg_unit_genitive(units, unit) == NULL) {
			char list[512] = "";

			for (size_t i = 0; i < units->n; i++) {
				if (i > 0)
					strncat(list, ", ", sizeof(list) -
					    strlen(list) - 1);
				strncat(list, units->name[i], sizeof(list) -
				    strlen(list) - 1);
			}
			reg_fail(err, errsz, sh->file, line, "unit '%s' is not "
			    "a municipal unit of the municipality (%s)", unit,
			    list);
			return -1;
		}
	}
	return 0;
}

static int
check_dups(const struct reg_sheet *sh, char *err, size_t errsz)
{
	static const struct {
		key_fn		 fn;
		const char	*what;
	} rules[] = {
		{ id_key, "id" },
		{ entry_key, "entry" },
		{ afm_key, "afm" },
		{ person_key, "person" },
	};
	size_t dup = 0, orig = 0;

	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		int rc = find_dup(sh, rules[i].fn, &dup, &orig);
		unsigned line, first;

		if (rc == 0)
			continue;
		if (rc < 0) {
			reg_fail(err, errsz, sh->file, 0, "out of memory");
			return -1;
		}
		line = reg_sheet_line(sh, dup);
		first = reg_sheet_line(sh, orig);
		if (rules[i].fn == entry_key)
			reg_fail(err, errsz, sh->file, line, "entry %s/%s of "
			    "%s appears again (first on line %u)",
			    reg_sheet_get(sh, dup, M_ENTRY_NO),
			    reg_sheet_get(sh, dup, M_ENTRY_YEAR),
			    reg_sheet_get(sh, dup, M_UNIT), first);
		else if (rules[i].fn == person_key)
			reg_fail(err, errsz, sh->file, line, "%s %s, son of "
			    "%s, born %s, is already entered on line %u",
			    reg_sheet_get(sh, dup, M_NAME),
			    reg_sheet_get(sh, dup, M_SURNAME),
			    reg_sheet_get(sh, dup, M_FATHER),
			    reg_sheet_get(sh, dup, M_BIRTH_YEAR), first);
		else
			reg_fail(err, errsz, sh->file, line, "%s %s appears "
			    "again (first on line %u)", rules[i].what,
			    reg_sheet_get(sh, dup, rules[i].fn == id_key ?
			    M_ID : M_AFM), first);
		return -1;
	}
	return 0;
}

static void
init_sheet(struct reg_sheet *sh)
{
	memset(sh, 0, sizeof(*sh));
	sh->file = "entries.csv";
	sh->cols = entry_cols;
}

static int
check(struct reg_sheet *sh, const struct reg_units *units, char *err,
    size_t errsz)
{
	if (check_rows(sh, units, err, errsz) != 0 ||
	    check_dups(sh, err, errsz) != 0) {
		reg_sheet_free(sh);
		return -1;
	}
	return 0;
}

int
mr_load(struct reg_sheet *sh, const char *dir, const struct reg_units *units,
    char *err, size_t errsz)
{
	init_sheet(sh);
	if (reg_sheet_load(sh, dir, err, errsz) != 0)
		return -1;
	return check(sh, units, err, errsz);
}

int
mr_parse(struct reg_sheet *sh, const char *text,
    const struct reg_units *units, char *err, size_t errsz)
{
	init_sheet(sh);
	if (reg_sheet_parse(sh, text, strlen(text), err, errsz) != 0)
		return -1;
	return check(sh, units, err, errsz);
}
