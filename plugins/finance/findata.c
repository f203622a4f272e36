/*
 * findata.c - the finance department's import files (pure: no host, no
 * DB). The revenue system exports them daily; an import replaces what the
 * previous one brought, so every rule is checked here before anything is
 * stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findata.h"
#include "dimos/kit/money.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/index.h"

static const struct kit_column rec_cols[] = {
	[R_REF] = { "ref", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[R_AFM] = { "afm", KIT_AFM, KIT_REQUIRED, 0, 0, NULL },
	[R_DEBTOR] = { "debtor", KIT_TEXT, KIT_REQUIRED, 0, 200, NULL },
	[R_KIND] = { "kind", KIT_CHOICE, KIT_REQUIRED, 0, 0, debt_kind_names },
	[R_DESCRIPTION] = { "description", KIT_TEXT, KIT_REQUIRED, 0, 200,
	    NULL },
	[R_AMOUNT] = { "amount", KIT_TEXT, KIT_REQUIRED, 0, 32, NULL },
	[R_PAID] = { "paid", KIT_TEXT, 0, 0, 32, NULL },
	[R_ISSUED] = { "issued", KIT_DATE, KIT_PAST, 0, 0, NULL },
	[R_DUE] = { "due", KIT_DATE, KIT_REQUIRED, 0, 0, NULL },
	[R_KAEK] = { "kaek", KIT_TEXT, 0, 0, 64, NULL },
	[R_POWER] = { "power_supply", KIT_TEXT, 0, 0, 64, NULL },
	[R_ARRANGEMENT] = { "arrangement", KIT_TEXT, 0, 0, 64, NULL },
	[R_INSTALMENT] = { "instalment", KIT_INT, 0, 1, 120, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const struct kit_column arr_cols[] = {
	[A_REF] = { "ref", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[A_AFM] = { "afm", KIT_AFM, KIT_REQUIRED, 0, 0, NULL },
	[A_DECIDED] = { "decided", KIT_DATE, KIT_REQUIRED | KIT_PAST, 0, 0,
	    NULL },
	[A_INSTALMENTS] = { "instalments", KIT_INT, KIT_REQUIRED, 2, 120,
	    NULL },
	[A_TOTAL] = { "total", KIT_TEXT, KIT_REQUIRED, 0, 32, NULL },
	[A_STATUS] = { "status", KIT_CHOICE, KIT_REQUIRED, 0, 0,
	    arr_status_names },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const struct kit_column prop_cols[] = {
	[P_KAEK] = { "kaek", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[P_POWER] = { "power_supply", KIT_TEXT, 0, 0, 64, NULL },
	[P_ADDRESS] = { "address", KIT_TEXT, KIT_REQUIRED, 0, 200, NULL },
	[P_UNIT] = { "unit", KIT_TEXT, 0, 0, 64, NULL },
	[P_AREA] = { "area", KIT_TEXT, KIT_REQUIRED, 0, 32, NULL },
	[P_OWNER] = { "owner_afm", KIT_AFM, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

#define AREA_MAX	100000000LL	/* 1,000,000.00 m² in hundredths */

static int
prop_cmp(const void *a, const void *b)
{
	const struct fin_property *x = *(const void *const *)a;
	const struct fin_property *y = *(const void *const *)b;
	int c = strcmp(x->kaek, y->kaek);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
power_cmp(const void *a, const void *b)
{
	const struct fin_property *x = *(const void *const *)a;
	const struct fin_property *y = *(const void *const *)b;
	int c = strcmp(x->power, y->power);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
arr_cmp(const void *a, const void *b)
{
	const struct fin_arrangement *x = *(const void *const *)a;
	const struct fin_arrangement *y = *(const void *const *)b;

	return strcmp(x->ref, y->ref);
}

static int
inst_cmp(const void *a, const void *b)
{
	const struct fin_receivable *x = *(const void *const *)a;
	const struct fin_receivable *y = *(const void *const *)b;
	int c = strcmp(x->arrangement, y->arrangement);

	if (c == 0)
		c = (x->instalment > y->instalment) -
		    (x->instalment < y->instalment);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Compares keys only (line 0 sorts before every row of the same key). */
static int
prop_key_cmp(const void *a, const void *b)
{
	const struct fin_property *x = *(const void *const *)a;
	const struct fin_property *y = *(const void *const *)b;

	return strcmp(x->kaek, y->kaek);
}

static const struct fin_arrangement *
find_arr(const struct kit_index *ix, const char *ref)
{
	struct fin_arrangement key = { .ref = ref };

	return kit_index_find(ix, &key, arr_cmp);
}

static const struct fin_property *
find_prop(const struct kit_index *ix, const char *kaek)
{
	struct fin_property key = { .line = 0 };

	snprintf(key.kaek, sizeof(key.kaek), "%s", kaek);
	return kit_index_find(ix, &key, prop_key_cmp);
}

static int
has_power(const void *e)
{
	return ((const struct fin_property *)e)->power[0] != '\0';
}

static int
is_instalment(const void *e)
{
	return ((const struct fin_receivable *)e)->arrangement != NULL;
}

static int
same_kaek(const void *a, const void *b)
{
	return strcmp(((const struct fin_property *)a)->kaek,
	    ((const struct fin_property *)b)->kaek) == 0;
}

static int
same_power(const void *a, const void *b)
{
	return strcmp(((const struct fin_property *)a)->power,
	    ((const struct fin_property *)b)->power) == 0;
}

static int
same_instalment(const void *a, const void *b)
{
	const struct fin_receivable *x = a, *y = b;

	return x->instalment == y->instalment &&
	    strcmp(x->arrangement, y->arrangement) == 0;
}

static unsigned
prop_line(const void *e)
{
	return ((const struct fin_property *)e)->line;
}

static unsigned
rec_line(const void *e)
{
	return ((const struct fin_receivable *)e)->line;
}

struct indices {
	struct kit_index	 prop;		/* by ΚΑΕΚ */
	struct kit_index	 arr;		/* by ref */
};

static int
read_properties(struct fin_dataset *ds, struct indices *ix, char *err,
    size_t errsz)
{
	const struct kit_sheet *sh = &ds->properties;
	size_t n = kit_sheet_rows(sh);
	const void *orig = NULL;
	const struct fin_property *dup;
	struct kit_index by_power;
	char why[96];

	ds->prop = calloc(n ? n : 1, sizeof(*ds->prop));
	if (ds->prop == NULL)
		return -1;
	for (size_t r = 0; r < n; r++) {
		struct fin_property *p = &ds->prop[r];

		p->line = kit_sheet_line(sh, r);
		if (kit_sheet_kaek(sh, r, P_KAEK, p->kaek, err, errsz) != 0 ||
		    kit_sheet_power_supply(sh, r, P_POWER, p->power, err,
		    errsz) != 0 || kit_sheet_decimal(sh, r, P_AREA, 2, 1, AREA_MAX,
		    &p->area, err, errsz) != 0)
			return -1;
		p->address = kit_sheet_get(sh, r, P_ADDRESS);
		p->unit = kit_sheet_get(sh, r, P_UNIT);
		p->owner_afm = kit_sheet_get(sh, r, P_OWNER);
		ds->nprop++;
	}
	/* The normal forms must be unique, not only what was typed. */
	if (kit_index_make(&ix->prop, ds->prop, sizeof(*ds->prop), ds->nprop,
	    NULL, prop_cmp) != 0)
		return -1;
	if ((dup = kit_index_first_repeat(&ix->prop, same_kaek, prop_line,
	    &orig)) != NULL) {
		snprintf(why, sizeof(why), "appears again (first on line %u)",
		    prop_line(orig));
		return kit_sheet_fail(sh, dup->line, err, errsz, "kaek",
		    kit_sheet_get(sh, (size_t)(dup - ds->prop), P_KAEK), why);
	}
	if (kit_index_make(&by_power, ds->prop, sizeof(*ds->prop), ds->nprop,
	    has_power, power_cmp) != 0)
		return -1;
	dup = kit_index_first_repeat(&by_power, same_power, prop_line, &orig);
	free(by_power.v);
	if (dup != NULL) {
		snprintf(why, sizeof(why), "appears again (first on line %u)",
		    prop_line(orig));
		return kit_sheet_fail(sh, dup->line, err, errsz, "power_supply",
		    kit_sheet_get(sh, (size_t)(dup - ds->prop), P_POWER), why);
	}
	return 0;
}

static int
read_arrangements(struct fin_dataset *ds, struct indices *ix, char *err,
    size_t errsz)
{
	const struct kit_sheet *sh = &ds->arrangements;
	size_t n = kit_sheet_rows(sh);

	if (kit_sheet_unique(sh, A_REF, err, errsz) != 0)
		return -1;
	ds->arr = calloc(n ? n : 1, sizeof(*ds->arr));
	if (ds->arr == NULL)
		return -1;
	for (size_t r = 0; r < n; r++) {
		struct fin_arrangement *a = &ds->arr[r];

		a->line = kit_sheet_line(sh, r);
		if (kit_sheet_code(sh, r, A_REF, FIN_REF_MAX, &a->ref, err,
		    errsz) != 0 || kit_sheet_money(sh, r, A_TOTAL, 1, 1,
		    KIT_MONEY_MAX_CENTS, &a->total, err, errsz) != 0)
			return -1;
		a->afm = kit_sheet_get(sh, r, A_AFM);
		a->decided = kit_sheet_get(sh, r, A_DECIDED);
		a->instalments = (int)kit_sheet_int(sh, r, A_INSTALMENTS);
		a->status = (enum arr_status)arr_status_parse(kit_sheet_get(sh,
		    r, A_STATUS));
		ds->narr++;
	}
	return kit_index_make(&ix->arr, ds->arr, sizeof(*ds->arr), ds->narr, NULL,
	    arr_cmp);
}

/* The ΤΑΠ columns of one receivable. */
static int
read_tap(struct fin_dataset *ds, const struct indices *ix, size_t r,
    struct fin_receivable *x, char *err, size_t errsz)
{
	const struct kit_sheet *sh = &ds->receivables;
	const struct fin_property *p;

	if (x->kind != DEBT_TAP)
		return kit_sheet_absent(sh, r, R_KAEK, "is only for ΤΑΠ (kind tap)",
		    err, errsz) || kit_sheet_absent(sh, r, R_POWER, "is only for "
		    "ΤΑΠ (kind tap)", err, errsz) ? -1 : 0;
	if (kit_sheet_get(sh, r, R_KAEK) == NULL) {
		kit_fail(err, errsz, sh->file, x->line, "kaek: a value is "
		    "required for ΤΑΠ (kind tap)");
		return -1;
	}
	if (kit_sheet_kaek(sh, r, R_KAEK, x->kaek, err, errsz) != 0 ||
	    kit_sheet_power_supply(sh, r, R_POWER, x->power, err, errsz) != 0)
		return -1;
	if ((p = find_prop(&ix->prop, x->kaek)) == NULL)
		return kit_sheet_fail(sh, x->line, err, errsz, "kaek",
		    kit_sheet_get(sh, r, R_KAEK), "is not a property of "
		    "properties.csv");
	if (x->power[0] != '\0' && p->power[0] != '\0' &&
	    strcmp(x->power, p->power) != 0) {
		char why[128];

		snprintf(why, sizeof(why), "is not the supply of the property "
		    "(%s on properties.csv line %u)", p->power, p->line);
		return kit_sheet_fail(sh, x->line, err, errsz, "power_supply",
		    kit_sheet_get(sh, r, R_POWER), why);
	}
	if (x->power[0] == '\0')
		memcpy(x->power, p->power, sizeof(x->power));
	return 0;
}

/* The arrangement columns of one receivable. */
static int
read_instalment(struct fin_dataset *ds, const struct indices *ix, size_t r,
    struct fin_receivable *x, char *err, size_t errsz)
{
	const struct kit_sheet *sh = &ds->receivables;
	const struct fin_arrangement *a;
	char why[128];

	if (x->kind != DEBT_INSTALMENT)
		return kit_sheet_absent(sh, r, R_ARRANGEMENT, "is only for "
		    "instalments (kind instalment)", err, errsz) ||
		    kit_sheet_absent(sh, r, R_INSTALMENT, "is only for instalments "
		    "(kind instalment)", err, errsz) ? -1 : 0;
	if (kit_sheet_get(sh, r, R_ARRANGEMENT) == NULL ||
	    kit_sheet_get(sh, r, R_INSTALMENT) == NULL) {
		kit_fail(err, errsz, sh->file, x->line, "%s: a value is "
		    "required for an instalment (kind instalment)",
		    kit_sheet_get(sh, r, R_ARRANGEMENT) == NULL ?
		    "arrangement" : "instalment");
		return -1;
	}
	if (kit_sheet_code(sh, r, R_ARRANGEMENT, FIN_REF_MAX, &x->arrangement, err,
	    errsz) != 0)
		return -1;
	x->instalment = (int)kit_sheet_int(sh, r, R_INSTALMENT);
	if ((a = find_arr(&ix->arr, x->arrangement)) == NULL)
		return kit_sheet_fail(sh, x->line, err, errsz, "arrangement",
		    x->arrangement, "is not an arrangement of "
		    "arrangements.csv");
	if (strcmp(a->afm, x->afm) != 0) {
		snprintf(why, sizeof(why), "belongs to AFM %s "
		    "(arrangements.csv line %u), not to this row's %s", a->afm,
		    a->line, x->afm);
		return kit_sheet_fail(sh, x->line, err, errsz, "arrangement",
		    x->arrangement, why);
	}
	if (x->instalment > a->instalments) {
		snprintf(why, sizeof(why), "is more than the %d instalments "
		    "of arrangement %s", a->instalments, a->ref);
		return kit_sheet_fail(sh, x->line, err, errsz, "instalment",
		    kit_sheet_get(sh, r, R_INSTALMENT), why);
	}
	return 0;
}

static int
read_receivables(struct fin_dataset *ds, const struct indices *ix, char *err,
    size_t errsz)
{
	const struct kit_sheet *sh = &ds->receivables;
	size_t n = kit_sheet_rows(sh);
	struct kit_index inst;
	const struct fin_receivable *dup;
	const void *orig = NULL;

	if (kit_sheet_unique(sh, R_REF, err, errsz) != 0)
		return -1;
	ds->rec = calloc(n ? n : 1, sizeof(*ds->rec));
	if (ds->rec == NULL)
		return -1;
	for (size_t r = 0; r < n; r++) {
		struct fin_receivable *x = &ds->rec[r];

		x->line = kit_sheet_line(sh, r);
		if (kit_sheet_code(sh, r, R_REF, FIN_REF_MAX, &x->ref, err,
		    errsz) != 0 || kit_sheet_money(sh, r, R_AMOUNT, 1, 1,
		    KIT_MONEY_MAX_CENTS, &x->amount, err, errsz) != 0 ||
		    kit_sheet_money(sh, r, R_PAID, 0, 0, KIT_MONEY_MAX_CENTS, &x->paid,
		    err, errsz) != 0)
			return -1;
		x->afm = kit_sheet_get(sh, r, R_AFM);
		x->debtor = kit_sheet_get(sh, r, R_DEBTOR);
		x->kind = (enum debt_kind)debt_kind_parse(kit_sheet_get(sh, r,
		    R_KIND));
		x->description = kit_sheet_get(sh, r, R_DESCRIPTION);
		x->issued = kit_sheet_get(sh, r, R_ISSUED);
		x->due = kit_sheet_get(sh, r, R_DUE);
		if (x->paid > x->amount) {
			char why[96];

			snprintf(why, sizeof(why), "is more than the amount "
			    "(%s)", kit_sheet_get(sh, r, R_AMOUNT));
			return kit_sheet_fail(sh, x->line, err, errsz, "paid",
			    kit_sheet_get(sh, r, R_PAID), why);
		}
		if (x->issued != NULL && strcmp(x->due, x->issued) < 0) {
			char why[96];

			snprintf(why, sizeof(why), "is before the date the "
			    "debt was issued (%s)", x->issued);
			return kit_sheet_fail(sh, x->line, err, errsz, "due", x->due,
			    why);
		}
		if (read_tap(ds, ix, r, x, err, errsz) != 0 ||
		    read_instalment(ds, ix, r, x, err, errsz) != 0)
			return -1;
		ds->nrec++;
	}
	/* The same instalment of an arrangement twice. */
	if (kit_index_make(&inst, ds->rec, sizeof(*ds->rec), ds->nrec,
	    is_instalment, inst_cmp) != 0)
		return -1;
	dup = kit_index_first_repeat(&inst, same_instalment, rec_line, &orig);
	free(inst.v);
	if (dup != NULL) {
		char why[96];

		snprintf(why, sizeof(why), "of arrangement %s appears again "
		    "(first on line %u)", dup->arrangement, rec_line(orig));
		return kit_sheet_fail(sh, dup->line, err, errsz, "instalment",
		    kit_sheet_get(sh, (size_t)(dup - ds->rec), R_INSTALMENT),
		    why);
	}
	return 0;
}

static void
init_sheets(struct fin_dataset *ds, const char *today)
{
	memset(ds, 0, sizeof(*ds));
	ds->receivables.today = ds->arrangements.today =
	    ds->properties.today = today;
	ds->receivables.file = "receivables.csv";
	ds->receivables.cols = rec_cols;
	ds->arrangements.file = "arrangements.csv";
	ds->arrangements.cols = arr_cols;
	ds->properties.file = "properties.csv";
	ds->properties.cols = prop_cols;
}

static int
check(struct fin_dataset *ds, char *err, size_t errsz)
{
	struct indices ix = { { NULL, 0 }, { NULL, 0 } };
	int rc = 0;

	err[0] = '\0';
	if (read_properties(ds, &ix, err, errsz) != 0 ||
	    read_arrangements(ds, &ix, err, errsz) != 0 ||
	    read_receivables(ds, &ix, err, errsz) != 0) {
		if (err[0] == '\0')
			snprintf(err, errsz, "out of memory");
		fin_dataset_free(ds);
		rc = -1;
	}
	free(ix.prop.v);
	free(ix.arr.v);
	return rc;
}

int
fin_dataset_load(struct fin_dataset *ds, const char *dir, const char *today,
    char *err, size_t errsz)
{
	init_sheets(ds, today);
	if (kit_sheet_load(&ds->properties, dir, err, errsz) != 0 ||
	    kit_sheet_load(&ds->arrangements, dir, err, errsz) != 0 ||
	    kit_sheet_load(&ds->receivables, dir, err, errsz) != 0) {
		fin_dataset_free(ds);
		return -1;
	}
	return check(ds, err, errsz);
}

int
fin_dataset_parse(struct fin_dataset *ds, const char *receivables,
    const char *arrangements, const char *properties, const char *today,
    char *err, size_t errsz)
{
	init_sheets(ds, today);
	if (kit_sheet_parse(&ds->properties, properties, strlen(properties),
	    err, errsz) != 0 || kit_sheet_parse(&ds->arrangements,
	    arrangements, strlen(arrangements), err, errsz) != 0 ||
	    kit_sheet_parse(&ds->receivables, receivables,
	    strlen(receivables), err, errsz) != 0) {
		fin_dataset_free(ds);
		return -1;
	}
	return check(ds, err, errsz);
}

void
fin_dataset_free(struct fin_dataset *ds)
{
	kit_sheet_free(&ds->receivables);
	kit_sheet_free(&ds->arrangements);
	kit_sheet_free(&ds->properties);
	free(ds->rec);
	free(ds->arr);
	free(ds->prop);
	ds->rec = NULL;
	ds->arr = NULL;
	ds->prop = NULL;
	ds->nrec = ds->narr = ds->nprop = 0;
}
