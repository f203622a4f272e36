/*
 * crdata.c - the civil registry's import files (pure: no host, no DB).
 * Owns the column tables and the rules across rows and files; the plugin
 * only stores what passes here, inside one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crdata.h"

static const char *const relations[] = { "head", "spouse", "child", "other",
	NULL };
static const char *const sexes[] = { "M", "F", NULL };
static const char *const statuses[] = { "alive", "deceased", NULL };
static const char *const maritals[] = { "single", "married", "divorced",
	"widowed", "partnership", NULL };
static const char *const kinds[] = { "birth", "marriage", "divorce", "death",
	"transfer", NULL };

#define ID_MAX		2147483647LL
#define MERIDA_MAX	99999999LL

static const struct kit_column family_cols[] = {
	[F_MERIDA] = { "merida", KIT_INT, KIT_REQUIRED, 1, MERIDA_MAX, NULL },
	[F_UNIT] = { "unit", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[F_ADDRESS] = { "address", KIT_TEXT, 0, 0, 200, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const struct kit_column person_cols[] = {
	[P_ID] = { "id", KIT_INT, KIT_REQUIRED, 1, ID_MAX, NULL },
	[P_MERIDA] = { "merida", KIT_INT, KIT_REQUIRED, 1, MERIDA_MAX, NULL },
	[P_RELATION] = { "relation", KIT_CHOICE, KIT_REQUIRED, 0, 0,
	    relations },
	[P_SURNAME] = { "surname", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[P_NAME] = { "name", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[P_FATHER] = { "father_name", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[P_MOTHER] = { "mother_name", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[P_MOTHER_SURNAME] = { "mother_surname", KIT_TEXT, 0, 0, 64, NULL },
	[P_SEX] = { "sex", KIT_CHOICE, KIT_REQUIRED, 0, 0, sexes },
	[P_BIRTH_DATE] = { "birth_date", KIT_DATE, KIT_REQUIRED | KIT_PAST,
	    0, 0, NULL },
	[P_BIRTH_PLACE] = { "birth_place", KIT_TEXT, KIT_REQUIRED, 0, 100,
	    NULL },
	[P_CITIZENSHIP] = { "citizenship", KIT_TEXT, 0, 0, 64, NULL },
	[P_MARITAL] = { "marital_status", KIT_CHOICE, 0, 0, 0, maritals },
	[P_AFM] = { "afm", KIT_AFM, 0, 0, 0, NULL },
	[P_AMKA] = { "amka", KIT_AMKA, 0, 0, 0, NULL },
	[P_STATUS] = { "status", KIT_CHOICE, 0, 0, 0, statuses },
	[P_DEATH_DATE] = { "death_date", KIT_DATE, KIT_PAST, 0, 0, NULL },
	[P_DEATH_PLACE] = { "death_place", KIT_TEXT, 0, 0, 100, NULL },
	[P_FATHER_ID] = { "father_id", KIT_INT, 0, 1, ID_MAX, NULL },
	[P_MOTHER_ID] = { "mother_id", KIT_INT, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const struct kit_column event_cols[] = {
	[E_PERSON] = { "person_id", KIT_INT, KIT_REQUIRED, 1, ID_MAX, NULL },
	[E_KIND] = { "kind", KIT_CHOICE, KIT_REQUIRED, 0, 0, kinds },
	[E_DATE] = { "date", KIT_DATE, KIT_REQUIRED | KIT_PAST, 0, 0, NULL },
	[E_PLACE] = { "place", KIT_TEXT, 0, 0, 100, NULL },
	[E_ACT] = { "act_ref", KIT_TEXT, 0, 0, 100, NULL },
	[E_RELATED] = { "related_person_id", KIT_INT, 0, 1, ID_MAX, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

/* A sortable key of one row: a number or a string. */
struct key {
	long long	 n;
	const char	*s;
	size_t		 row;
};

static int
key_cmp(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int c;

	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	if (x->s != NULL && y->s != NULL && (c = strcmp(x->s, y->s)) != 0)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Keys of the rows where col is set, sorted; *n gets their count. */
static struct key *
keys_of(const struct kit_sheet *sh, int col, int numeric, size_t *n)
{
	size_t rows = kit_sheet_rows(sh);
	struct key *k = calloc(rows ? rows : 1, sizeof(*k));

	*n = 0;
	if (k == NULL)
		return NULL;
	for (size_t r = 0; r < rows; r++) {
		const char *v = kit_sheet_get(sh, r, col);

		if (v == NULL)
			continue;
		k[*n].n = numeric ? strtoll(v, NULL, 10) : 0;
		k[*n].s = numeric ? NULL : v;
		k[*n].row = r;
		(*n)++;
	}
	qsort(k, *n, sizeof(*k), key_cmp);
	return k;
}

/* The first duplicate (in file order) of a sorted key list, or -1. */
static int
first_dup(const struct key *k, size_t n, size_t *dup, size_t *orig)
{
	int found = 0;

	for (size_t i = 1; i < n; i++) {
		if (k[i].n != k[i - 1].n || (k[i].s != NULL &&
		    strcmp(k[i].s, k[i - 1].s) != 0))
			continue;
		/* equal keys sort by row: k[i - 1] came first */
		if (!found || k[i].row < *dup) {
			*dup = k[i].row;
			*orig = k[i - 1].row;
			found = 1;
		}
	}
	return found ? 0 : -1;
}

static const struct key *
find_num(const struct key *k, size_t n, long long x)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (k[mid].n < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && k[lo].n == x ? &k[lo] : NULL;
}

static int
unique(const struct kit_sheet *sh, int col, int numeric, char *err,
    size_t errsz)
{
	size_t n, dup, orig;
	struct key *k = keys_of(sh, col, numeric, &n);
	int rc = 0;

	if (k == NULL) {
		kit_fail(err, errsz, sh->file, 0, "out of memory");
		return -1;
	}
	if (first_dup(k, n, &dup, &orig) == 0) {
		kit_fail(err, errsz, sh->file, kit_sheet_line(sh, dup),
		    "%s: %s appears again (first on line %u)",
		    sh->cols[col].name, kit_sheet_get(sh, dup, col),
		    kit_sheet_line(sh, orig));
		rc = -1;
	}
	free(k);
	return rc;
}

static int
check_families(struct cr_dataset *ds, const struct kit_units *units,
    char *err, size_t errsz)
{
	const struct kit_sheet *f = &ds->families;

	if (unique(f, F_MERIDA, 1, err, errsz) != 0)
		return -1;
	for (size_t r = 0; units != NULL && r < kit_sheet_rows(f); r++) {
		const char *u = kit_sheet_get(f, r, F_UNIT);
		char list[512] = "";

		if (kit_unit_genitive(units, u) != NULL)
			continue;
		for (size_t i = 0; i < units->n; i++) {
			if (i > 0)
				strncat(list, ", ", sizeof(list) -
				    strlen(list) - 1);
			strncat(list, units->name[i], sizeof(list) -
			    strlen(list) - 1);
		}
		kit_fail(err, errsz, f->file, kit_sheet_line(f, r), "unit: "
		    "\"%s\" is not a municipal unit of the municipality (%s)",
		    u, list);
		return -1;
	}
	return 0;
}

/* The same person twice: same names, parents' names and birth date. */
static int
duplicate_people(const struct kit_sheet *p, char *err, size_t errsz)
{
	static const int parts[] = { P_SURNAME, P_NAME, P_FATHER, P_MOTHER,
	    P_BIRTH_DATE };
	size_t rows = kit_sheet_rows(p), n = 0, dup, orig;
	struct key *k = calloc(rows ? rows : 1, sizeof(*k));
	char **texts = calloc(rows ? rows : 1, sizeof(*texts));
	int rc = -1;

	if (k == NULL || texts == NULL)
		goto out;
	for (size_t r = 0; r < rows; r++) {
		size_t len = 1;

		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
			len += strlen(kit_sheet_get(p, r, parts[i])) + 1;
		if ((texts[r] = malloc(len)) == NULL)
			goto out;
		texts[r][0] = '\0';
		for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
			size_t used = strlen(texts[r]);

			kit_fold(kit_sheet_get(p, r, parts[i]), texts[r] + used,
			    len - used);
			strncat(texts[r], "|", len - strlen(texts[r]) - 1);
		}
		k[n].s = texts[r];
		k[n].row = r;
		n++;
	}
	qsort(k, n, sizeof(*k), key_cmp);
	if (first_dup(k, n, &dup, &orig) == 0) {
		kit_fail(err, errsz, p->file, kit_sheet_line(p, dup), "%s %s "
		    "(born %s) is already registered on line %u",
		    kit_sheet_get(p, dup, P_NAME),
		    kit_sheet_get(p, dup, P_SURNAME),
		    kit_sheet_get(p, dup, P_BIRTH_DATE),
		    kit_sheet_line(p, orig));
		goto out;
	}
	rc = 0;
out:
	if (rc != 0 && (k == NULL || texts == NULL))
		kit_fail(err, errsz, p->file, 0, "out of memory");
	for (size_t r = 0; texts != NULL && r < rows; r++)
		free(texts[r]);
	free(texts);
	free(k);
	return rc;
}

/* A parent reference: a person of the file, of the right sex, older. */
static int
check_parent(const struct kit_sheet *p, const struct key *ids, size_t nids,
    size_t r, int col, const char *sex, char *err, size_t errsz)
{
	const struct key *k;
	unsigned line = kit_sheet_line(p, r);
	long long id = kit_sheet_int(p, r, col);

	if (kit_sheet_get(p, r, col) == NULL)
		return 0;
	if ((k = find_num(ids, nids, id)) == NULL) {
		kit_fail(err, errsz, p->file, line, "%s: %lld is not a person "
		    "of persons.csv", p->cols[col].name, id);
		return -1;
	}
	if (k->row == r) {
		kit_fail(err, errsz, p->file, line, "%s: is the person "
		    "itself", p->cols[col].name);
		return -1;
	}
	if (strcmp(kit_sheet_get(p, k->row, P_SEX), sex) != 0) {
		kit_fail(err, errsz, p->file, line, "%s: %lld (line %u) has "
		    "sex %s", p->cols[col].name, id, kit_sheet_line(p,
		    k->row), kit_sheet_get(p, k->row, P_SEX));
		return -1;
	}
	if (strcmp(kit_sheet_get(p, k->row, P_BIRTH_DATE),
	    kit_sheet_get(p, r, P_BIRTH_DATE)) >= 0) {
		kit_fail(err, errsz, p->file, line, "%s: %lld (line %u) was "
		    "not born before this person", p->cols[col].name, id,
		    kit_sheet_line(p, k->row));
		return -1;
	}
	return 0;
}

static int
check_persons(struct cr_dataset *ds, const struct key *ids, size_t nids,
    char *err, size_t errsz)
{
	const struct kit_sheet *p = &ds->persons, *f = &ds->families;
	size_t nfam, rows = kit_sheet_rows(p);
	struct key *fams = keys_of(f, F_MERIDA, 1, &nfam);
	long long *head = calloc(nfam ? nfam : 1, sizeof(*head));
	char *used = calloc(nfam ? nfam : 1, 1);
	int rc = -1;

	if (fams == NULL || head == NULL || used == NULL) {
		kit_fail(err, errsz, p->file, 0, "out of memory");
		goto out;
	}
	if (unique(p, P_ID, 1, err, errsz) != 0 ||
	    unique(p, P_AFM, 0, err, errsz) != 0 ||
	    unique(p, P_AMKA, 0, err, errsz) != 0 ||
	    duplicate_people(p, err, errsz) != 0)
		goto out;
	for (size_t r = 0; r < rows; r++) {
		unsigned line = kit_sheet_line(p, r);
		const struct key *fk = find_num(fams, nfam,
		    kit_sheet_int(p, r, P_MERIDA));
		const char *status = kit_sheet_get(p, r, P_STATUS);
		const char *dd = kit_sheet_get(p, r, P_DEATH_DATE);
		int dead = status != NULL && strcmp(status, "deceased") == 0;

		if (fk == NULL) {
			kit_fail(err, errsz, p->file, line, "merida: %s is not "
			    "in families.csv", kit_sheet_get(p, r, P_MERIDA));
			goto out;
		}
		ds->person_family[r] = fk->row;
		if (strcmp(kit_sheet_get(p, r, P_RELATION), "head") == 0) {
			size_t fi = (size_t)(fk - fams);

			if (head[fi] != 0) {
				kit_fail(err, errsz, p->file, line, "family "
				    "%s already has a head (line %lld)",
				    kit_sheet_get(p, r, P_MERIDA), head[fi]);
				goto out;
			}
			head[fi] = line;
		}
		if (!dead && status != NULL && (dd != NULL ||
		    kit_sheet_get(p, r, P_DEATH_PLACE) != NULL)) {
			kit_fail(err, errsz, p->file, line, "a death date or "
			    "place for a person whose status is alive");
			goto out;
		}
		if (dd != NULL && strcmp(dd, kit_sheet_get(p, r,
		    P_BIRTH_DATE)) < 0) {
			kit_fail(err, errsz, p->file, line, "death_date: \"%s\" "
			    "is before birth_date \"%s\"", dd,
			    kit_sheet_get(p, r, P_BIRTH_DATE));
			goto out;
		}
		if (check_parent(p, ids, nids, r, P_FATHER_ID, "M", err,
		    errsz) != 0 || check_parent(p, ids, nids, r, P_MOTHER_ID,
		    "F", err, errsz) != 0)
			goto out;
	}
	/* every family has somebody in it (head[] marks the heads only) */
	for (size_t r = 0; r < rows; r++)
		used[ds->person_family[r]] = 1;
	for (size_t i = 0; i < kit_sheet_rows(f); i++)
		if (!used[i]) {
			kit_fail(err, errsz, f->file, kit_sheet_line(f, i),
			    "family %s has no persons in persons.csv",
			    kit_sheet_get(f, i, F_MERIDA));
			goto out;
		}
	for (size_t i = 0; i < nfam; i++)
		if (head[i] == 0) {
			kit_fail(err, errsz, f->file, kit_sheet_line(f,
			    fams[i].row), "family %s has no head (a person "
			    "with relation head)", kit_sheet_get(f,
			    fams[i].row, F_MERIDA));
			goto out;
		}
	rc = 0;
out:
	free(used);
	free(head);
	free(fams);
	return rc;
}

/* Is person row r dead by the file (a status or a death date)? */
static int
deceased(const struct kit_sheet *p, size_t r)
{
	const char *s = kit_sheet_get(p, r, P_STATUS);

	return (s != NULL && strcmp(s, "deceased") == 0) ||
	    kit_sheet_get(p, r, P_DEATH_DATE) != NULL;
}

static int
check_events(struct cr_dataset *ds, const struct key *ids, size_t nids,
    char *err, size_t errsz)
{
	const struct kit_sheet *e = &ds->events, *p = &ds->persons;
	size_t rows = kit_sheet_rows(e), n = 0, dup, orig;
	struct key *k = calloc(rows ? rows : 1, sizeof(*k));
	char (*sig)[48] = calloc(rows ? rows : 1, sizeof(*sig));
	int rc = -1;

	if (k == NULL || sig == NULL) {
		kit_fail(err, errsz, e->file, 0, "out of memory");
		goto out;
	}
	for (size_t r = 0; r < rows; r++) {
		unsigned line = kit_sheet_line(e, r);
		long long pid = kit_sheet_int(e, r, E_PERSON);
		const struct key *pk = find_num(ids, nids, pid);
		const char *kind = kit_sheet_get(e, r, E_KIND);
		const char *date = kit_sheet_get(e, r, E_DATE);
		const char *birth, *death;

		if (pk == NULL) {
			kit_fail(err, errsz, e->file, line, "person_id: %lld "
			    "is not a person of persons.csv", pid);
			goto out;
		}
		if (kit_sheet_get(e, r, E_RELATED) != NULL) {
			long long rel = kit_sheet_int(e, r, E_RELATED);

			if (find_num(ids, nids, rel) == NULL) {
				kit_fail(err, errsz, e->file, line,
				    "related_person_id: %lld is not a person "
				    "of persons.csv", rel);
				goto out;
			}
			if (rel == pid) {
				kit_fail(err, errsz, e->file, line,
				    "related_person_id: is the person "
				    "itself");
				goto out;
			}
		}
		birth = kit_sheet_get(p, pk->row, P_BIRTH_DATE);
		death = kit_sheet_get(p, pk->row, P_DEATH_DATE);
		if (strcmp(kind, "birth") == 0 && strcmp(date, birth) != 0) {
			kit_fail(err, errsz, e->file, line, "a birth on %s, "
			    "but the person's birth_date is %s", date, birth);
			goto out;
		}
		if (strcmp(kind, "death") == 0) {
			if (!deceased(p, pk->row)) {
				kit_fail(err, errsz, e->file, line, "a death "
				    "of person %lld, who is alive in "
				    "persons.csv", pid);
				goto out;
			}
			if (death != NULL && strcmp(date, death) != 0) {
				kit_fail(err, errsz, e->file, line, "a death "
				    "on %s, but the person's death_date is %s",
				    date, death);
				goto out;
			}
		}
		if (strcmp(date, birth) < 0) {
			kit_fail(err, errsz, e->file, line, "date %s is before "
			    "the person's birth (%s)", date, birth);
			goto out;
		}
		if (death != NULL && strcmp(date, death) > 0) {
			kit_fail(err, errsz, e->file, line, "date %s is after "
			    "the person's death (%s)", date, death);
			goto out;
		}
		snprintf(sig[r], sizeof(sig[r]), "%lld|%s|%s", pid, kind,
		    date);
		k[n].s = sig[r];
		k[n].row = r;
		n++;
	}
	qsort(k, n, sizeof(*k), key_cmp);
	if (first_dup(k, n, &dup, &orig) == 0) {
		kit_fail(err, errsz, e->file, kit_sheet_line(e, dup), "the "
		    "same %s of person %s on %s is already on line %u",
		    kit_sheet_get(e, dup, E_KIND),
		    kit_sheet_get(e, dup, E_PERSON),
		    kit_sheet_get(e, dup, E_DATE), kit_sheet_line(e, orig));
		goto out;
	}
	rc = 0;
out:
	free(sig);
	free(k);
	return rc;
}

static void
init_sheets(struct cr_dataset *ds, const char *today)
{
	memset(ds, 0, sizeof(*ds));
	ds->families.file = "families.csv";
	ds->families.cols = family_cols;
	ds->families.today = today;
	ds->persons.file = "persons.csv";
	ds->persons.cols = person_cols;
	ds->persons.today = today;
	ds->events.file = "events.csv";
	ds->events.cols = event_cols;
	ds->events.today = today;
}

static int
check_all(struct cr_dataset *ds, const struct kit_units *units, char *err,
    size_t errsz)
{
	size_t nids;
	struct key *ids;
	int rc = -1;

	ds->person_family = calloc(kit_sheet_rows(&ds->persons) + 1,
	    sizeof(*ds->person_family));
	ids = keys_of(&ds->persons, P_ID, 1, &nids);
	if (ds->person_family == NULL || ids == NULL)
		kit_fail(err, errsz, "import", 0, "out of memory");
	else if (check_families(ds, units, err, errsz) == 0 &&
	    check_persons(ds, ids, nids, err, errsz) == 0 &&
	    check_events(ds, ids, nids, err, errsz) == 0)
		rc = 0;
	free(ids);
	if (rc != 0)
		cr_dataset_free(ds);
	return rc;
}

int
cr_dataset_load(struct cr_dataset *ds, const char *dir,
    const struct kit_units *units, const char *today, char *err,
    size_t errsz)
{
	init_sheets(ds, today);
	if (kit_sheet_load(&ds->families, dir, err, errsz) != 0 ||
	    kit_sheet_load(&ds->persons, dir, err, errsz) != 0 ||
	    kit_sheet_load(&ds->events, dir, err, errsz) != 0) {
		cr_dataset_free(ds);
		return -1;
	}
	return check_all(ds, units, err, errsz);
}

int
cr_dataset_parse(struct cr_dataset *ds, const char *families,
    const char *persons, const char *events, const struct kit_units *units,
    const char *today, char *err, size_t errsz)
{
	init_sheets(ds, today);
	if (kit_sheet_parse(&ds->families, families, strlen(families), err,
	    errsz) != 0 || kit_sheet_parse(&ds->persons, persons,
	    strlen(persons), err, errsz) != 0 ||
	    kit_sheet_parse(&ds->events, events, strlen(events), err,
	    errsz) != 0) {
		cr_dataset_free(ds);
		return -1;
	}
	return check_all(ds, units, err, errsz);
}

void
cr_dataset_free(struct cr_dataset *ds)
{
	kit_sheet_free(&ds->families);
	kit_sheet_free(&ds->persons);
	kit_sheet_free(&ds->events);
	free(ds->person_family);
	ds->person_family = NULL;
}
