/*
 * mrdata.c - the male registry's import file (pure: no host, no DB).
 * Owns the column table of entries.csv and the rules across its rows; the
 * plugin only stores what passes here, inside one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"

#include "mrdata.h"

static const struct kit_column entry_cols[] = {
	[M_ID] = { "id", KIT_INT, KIT_REQUIRED, 1, 2147483647LL, NULL },
	[M_SURNAME] = { "surname", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[M_NAME] = { "name", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[M_FATHER] = { "father_name", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[M_MOTHER] = { "mother_name", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[M_BIRTH_DATE] = { "birth_date", KIT_DATE, KIT_PAST, 0, 0, NULL },
	[M_BIRTH_YEAR] = { "birth_year", KIT_INT, KIT_REQUIRED, 1850, 2100,
	    NULL },
	[M_BIRTH_PLACE] = { "birth_place", KIT_TEXT, KIT_REQUIRED, 0, 100,
	    NULL },
	[M_UNIT] = { "unit", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[M_ENTRY_YEAR] = { "entry_year", KIT_INT, KIT_REQUIRED, 1850, 2100,
	    NULL },
	[M_ENTRY_NO] = { "entry_no", KIT_INT, KIT_REQUIRED, 1, 999999, NULL },
	[M_AFM] = { "afm", KIT_AFM, 0, 0, 0, NULL },
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

typedef int (*key_fn)(const struct kit_sheet *, size_t, char *, size_t);

/* The entry's place in the registry: unit (folded), year, number. */
static int
entry_key(const struct kit_sheet *sh, size_t r, char *out, size_t outsz)
{
	char unit[256];

	kit_fold(kit_sheet_get(sh, r, M_UNIT), unit, sizeof(unit));
	return snprintf(out, outsz, "%s|%lld|%lld", unit,
	    kit_sheet_int(sh, r, M_ENTRY_YEAR),
	    kit_sheet_int(sh, r, M_ENTRY_NO)) >= (int)outsz ? -1 : 0;
}

static int
id_key(const struct kit_sheet *sh, size_t r, char *out, size_t outsz)
{
	/* zero-padded, so that strings sort as numbers */
	snprintf(out, outsz, "%020lld", kit_sheet_int(sh, r, M_ID));
	return 0;
}

static int
afm_key(const struct kit_sheet *sh, size_t r, char *out, size_t outsz)
{
	const char *afm = kit_sheet_get(sh, r, M_AFM);

	if (afm == NULL)
		return 1;		/* not keyed */
	snprintf(out, outsz, "%s", afm);
	return 0;
}

/* The same man twice: names, parents' names and birth year. */
static int
person_key(const struct kit_sheet *sh, size_t r, char *out, size_t outsz)
{
	static const int parts[] = { M_SURNAME, M_NAME, M_FATHER, M_MOTHER };
	size_t n = 0;

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		kit_fold(kit_sheet_get(sh, r, parts[i]), out + n, outsz - n);
		n = strlen(out);
		if (n + 2 >= outsz)
			return -1;
		out[n++] = '|';
		out[n] = '\0';
	}
	snprintf(out + n, outsz - n, "%lld", kit_sheet_int(sh, r,
	    M_BIRTH_YEAR));
	return 0;
}

/*
 * Finds the first row (in file order) whose key an earlier row has;
 * returns 1 and sets *dup and *orig, 0 if none, -1 out of memory.
 */
static int
find_dup(const struct kit_sheet *sh, key_fn fn, size_t *dup, size_t *orig)
{
	size_t rows = kit_sheet_rows(sh), n = 0;
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
check_rows(const struct kit_sheet *sh, const struct kit_units *units,
    char *err, size_t errsz)
{
	int this_year = kit_date_year(sh->today);

	for (size_t r = 0; r < kit_sheet_rows(sh); r++) {
		unsigned line = kit_sheet_line(sh, r);
		const char *bd = kit_sheet_get(sh, r, M_BIRTH_DATE);
		const char *unit = kit_sheet_get(sh, r, M_UNIT);
		long long by = kit_sheet_int(sh, r, M_BIRTH_YEAR);
		long long ey = kit_sheet_int(sh, r, M_ENTRY_YEAR);

		if (bd != NULL && kit_date_year(bd) != by) {
			kit_fail(err, errsz, sh->file, line, "birth_date '%s' "
			    "is not in birth_year %lld", bd, by);
			return -1;
		}
		if (by > this_year) {
			kit_fail(err, errsz, sh->file, line, "birth_year %lld "
			    "is in the future", by);
			return -1;
		}
		if (ey < by || ey > this_year) {
			kit_fail(err, errsz, sh->file, line, "entry_year %lld "
			    "is not between the birth year %lld and this year",
			    ey, by);
			return -1;
		}
		if (units != NULL && kit_unit_genitive(units, unit) == NULL) {
			char list[512] = "";

			for (size_t i = 0; i < units->n; i++) {
				if (i > 0)
					strncat(list, ", ", sizeof(list) -
					    strlen(list) - 1);
				strncat(list, units->name[i], sizeof(list) -
				    strlen(list) - 1);
			}
			kit_fail(err, errsz, sh->file, line, "unit '%s' is not "
			    "a municipal unit of the municipality (%s)", unit,
			    list);
			return -1;
		}
	}
	return 0;
}

static int
check_dups(const struct kit_sheet *sh, char *err, size_t errsz)
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
			kit_fail(err, errsz, sh->file, 0, "out of memory");
			return -1;
		}
		line = kit_sheet_line(sh, dup);
		first = kit_sheet_line(sh, orig);
		if (rules[i].fn == entry_key)
			kit_fail(err, errsz, sh->file, line, "entry %s/%s of "
			    "%s appears again (first on line %u)",
			    kit_sheet_get(sh, dup, M_ENTRY_NO),
			    kit_sheet_get(sh, dup, M_ENTRY_YEAR),
			    kit_sheet_get(sh, dup, M_UNIT), first);
		else if (rules[i].fn == person_key)
			kit_fail(err, errsz, sh->file, line, "%s %s, son of "
			    "%s, born %s, is already entered on line %u",
			    kit_sheet_get(sh, dup, M_NAME),
			    kit_sheet_get(sh, dup, M_SURNAME),
			    kit_sheet_get(sh, dup, M_FATHER),
			    kit_sheet_get(sh, dup, M_BIRTH_YEAR), first);
		else
			kit_fail(err, errsz, sh->file, line, "%s %s appears "
			    "again (first on line %u)", rules[i].what,
			    kit_sheet_get(sh, dup, rules[i].fn == id_key ?
			    M_ID : M_AFM), first);
		return -1;
	}
	return 0;
}

static void
init_sheet(struct kit_sheet *sh, const char *today)
{
	memset(sh, 0, sizeof(*sh));
	sh->file = "entries.csv";
	sh->cols = entry_cols;
	sh->today = today;
}

static int
check(struct kit_sheet *sh, const struct kit_units *units, char *err,
    size_t errsz)
{
	if (check_rows(sh, units, err, errsz) != 0 ||
	    check_dups(sh, err, errsz) != 0) {
		kit_sheet_free(sh);
		return -1;
	}
	return 0;
}

int
mr_load(struct kit_sheet *sh, const char *dir, const struct kit_units *units,
    const char *today, char *err, size_t errsz)
{
	init_sheet(sh, today);
	if (kit_sheet_load(sh, dir, err, errsz) != 0)
		return -1;
	return check(sh, units, err, errsz);
}

int
mr_parse(struct kit_sheet *sh, const char *text,
    const struct kit_units *units, const char *today, char *err,
    size_t errsz)
{
	init_sheet(sh, today);
	if (kit_sheet_parse(sh, text, strlen(text), err, errsz) != 0)
		return -1;
	return check(sh, units, err, errsz);
}
