/*
 * watdata.c - the water department's import files (pure: no host, no DB).
 * The billing system exports them; an import replaces what the previous
 * one brought, so every rule is checked here before anything is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/money.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/index.h"
#include "dimos/kit/text.h"
#include "watdata.h"

const char *const supply_type_names[SUPPLY__MAX + 1] = {
	[SUPPLY_WATER] = "water", [SUPPLY_SEWER] = "sewer",
	[SUPPLY_IRRIGATION] = "irrigation", [SUPPLY__MAX] = NULL,
};

const char *const supply_use_names[USE__MAX + 1] = {
	[USE_HOUSEHOLD] = "household", [USE_COMMERCIAL] = "commercial",
	[USE_PUBLIC] = "public", [USE_AGRICULTURAL] = "agricultural",
	[USE__MAX] = NULL,
};

static const char *const statuses[] = { "active", "disconnected", NULL };

static const struct kit_column sup_cols[] = {
	[S_SUPPLY] = { "supply", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[S_AFM] = { "afm", KIT_AFM, KIT_REQUIRED, 0, 0, NULL },
	[S_HOLDER] = { "holder", KIT_TEXT, KIT_REQUIRED, 0, 200, NULL },
	[S_TYPE] = { "type", KIT_CHOICE, KIT_REQUIRED, 0, 0,
	    supply_type_names },
	[S_ADDRESS] = { "address", KIT_TEXT, KIT_REQUIRED, 0, 200, NULL },
	[S_UNIT] = { "unit", KIT_TEXT, 0, 0, 64, NULL },
	[S_METER] = { "meter", KIT_TEXT, 0, 0, WAT_METER_MAX, NULL },
	[S_USE] = { "use", KIT_CHOICE, 0, 0, 0, supply_use_names },
	[S_STATUS] = { "status", KIT_CHOICE, 0, 0, 0, statuses },
	[S_SINCE] = { "since", KIT_DATE, KIT_PAST, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const struct kit_column rd_cols[] = {
	[RD_SUPPLY] = { "supply", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[RD_DATE] = { "date", KIT_DATE, KIT_REQUIRED | KIT_PAST, 0, 0, NULL },
	[RD_VALUE] = { "value", KIT_INT, KIT_REQUIRED, 0, METER_VALUE_MAX,
	    NULL },
	[RD_METER] = { "meter", KIT_TEXT, KIT_REQUIRED, 0, WAT_METER_MAX,
	    NULL },
	[RD_KIND] = { "kind", KIT_CHOICE, 0, 0, 0, reading_kind_names },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const struct kit_column bill_cols[] = {
	[B_BILL] = { "bill", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[B_SUPPLY] = { "supply", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	[B_FROM] = { "period_from", KIT_DATE, KIT_REQUIRED, 0, 0, NULL },
	[B_TO] = { "period_to", KIT_DATE, KIT_REQUIRED, 0, 0, NULL },
	[B_CONSUMPTION] = { "consumption", KIT_INT, KIT_REQUIRED, 0,
	    METER_VALUE_MAX, NULL },
	[B_AMOUNT] = { "amount", KIT_TEXT, KIT_REQUIRED, 0, 32, NULL },
	[B_ISSUED] = { "issued", KIT_DATE, KIT_REQUIRED | KIT_PAST, 0, 0,
	    NULL },
	[B_DUE] = { "due", KIT_DATE, KIT_REQUIRED, 0, 0, NULL },
	[B_PAID] = { "paid", KIT_TEXT, 0, 0, 32, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static const struct kit_column par_cols[] = {
	[PA_AFM] = { "afm", KIT_AFM, KIT_REQUIRED, 0, 0, NULL },
	[PA_KAEK] = { "kaek", KIT_TEXT, 0, 0, 64, NULL },
	[PA_NAME] = { "name", KIT_TEXT, 0, 0, 100, NULL },
	[PA_UNIT] = { "unit", KIT_TEXT, 0, 0, 64, NULL },
	[PA_AREA] = { "area", KIT_TEXT, KIT_REQUIRED, 0, 32, NULL },
	[PA_SUPPLY] = { "supply", KIT_TEXT, 0, 0, 64, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

#define AREA_MAX	1000000LL	/* 100,000.0 stremmata in tenths */

static int
name_index(const char *const *names, const char *s)
{
	for (int i = 0; s != NULL && names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

/* ---------------------------------------------------------- indices */

static int
sup_cmp(const void *a, const void *b)
{
	const struct wat_supply *x = *(const void *const *)a;
	const struct wat_supply *y = *(const void *const *)b;

	return strcmp(x->supply, y->supply);
}

static const struct wat_supply *
find_supply(const struct kit_index *ix, const char *no)
{
	struct wat_supply key = { .supply = no };

	return kit_index_find(ix, &key, sup_cmp);
}

/* On the day of a meter change the old meter's final reading comes
 * first, then the new one's initial, then any regular reading. */
static int
rd_rank(enum reading_kind k)
{
	return k == READING_FINAL ? 0 : k == READING_INITIAL ? 1 : 2;
}

static int
rd_order(const void *a, const void *b)
{
	const struct wat_reading *x = a, *y = b;
	int c = strcmp(x->supply, y->supply);

	if (c == 0)
		c = strcmp(x->date, y->date);
	if (c == 0)
		c = rd_rank(x->kind) - rd_rank(y->kind);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
par_cmp_kaek(const void *a, const void *b)
{
	const struct wat_parcel *x = *(const void *const *)a;
	const struct wat_parcel *y = *(const void *const *)b;
	int c = strcmp(x->afm, y->afm);

	if (c == 0)
		c = strcmp(x->kaek, y->kaek);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
par_cmp_name(const void *a, const void *b)
{
	const struct wat_parcel *x = *(const void *const *)a;
	const struct wat_parcel *y = *(const void *const *)b;
	int c = strcmp(x->afm, y->afm);

	/* "Θέση Κάμπος" and "ΘΕΣΗ ΚΑΜΠΟΣ" are the same field */
	if (c == 0) {
		char fx[KIT_FOLD_MAX], fy[KIT_FOLD_MAX];

		kit_fold(x->name, fx, sizeof(fx));
		kit_fold(y->name, fy, sizeof(fy));
		c = strcmp(fx, fy);
	}
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static int
has_kaek(const void *e)
{
	return ((const struct wat_parcel *)e)->kaek[0] != '\0';
}

static int
has_name(const void *e)
{
	return ((const struct wat_parcel *)e)->name != NULL;
}

static int
same_kaek(const void *a, const void *b)
{
	const struct wat_parcel *x = a, *y = b;

	return strcmp(x->afm, y->afm) == 0 && strcmp(x->kaek, y->kaek) == 0;
}

static int
same_name(const void *a, const void *b)
{
	const struct wat_parcel *x = a, *y = b;

	return strcmp(x->afm, y->afm) == 0 && kit_fold_eq(x->name, y->name);
}

static unsigned
par_line(const void *e)
{
	return ((const struct wat_parcel *)e)->line;
}

/* ---------------------------------------------------------- the files */

static int
read_supplies(struct wat_dataset *ds, struct kit_index *ix, char *err,
    size_t errsz)
{
	const struct kit_sheet *sh = &ds->supplies;
	size_t n = kit_sheet_rows(sh);

	if (kit_sheet_unique(sh, S_SUPPLY, err, errsz) != 0)
		return -1;
	if ((ds->sup = calloc(n ? n : 1, sizeof(*ds->sup))) == NULL)
		return -1;
	for (size_t r = 0; r < n; r++) {
		struct wat_supply *s = &ds->sup[r];
		const char *st = kit_sheet_get(sh, r, S_STATUS);
		const char *use = kit_sheet_get(sh, r, S_USE);

		s->line = kit_sheet_line(sh, r);
		if (kit_sheet_code(sh, r, S_SUPPLY, WAT_CODE_MAX, &s->supply, err,
		    errsz) != 0)
			return -1;
		s->afm = kit_sheet_get(sh, r, S_AFM);
		s->holder = kit_sheet_get(sh, r, S_HOLDER);
		s->type = (enum supply_type)name_index(supply_type_names,
		    kit_sheet_get(sh, r, S_TYPE));
		s->address = kit_sheet_get(sh, r, S_ADDRESS);
		s->unit = kit_sheet_get(sh, r, S_UNIT);
		s->meter = kit_sheet_get(sh, r, S_METER);
		s->use = use ? (enum supply_use)name_index(supply_use_names,
		    use) : USE_HOUSEHOLD;
		s->active = st == NULL || strcmp(st, "active") == 0;
		s->since = kit_sheet_get(sh, r, S_SINCE);
		if (s->type == SUPPLY_WATER && s->meter == NULL) {
			kit_fail(err, errsz, sh->file, s->line, "meter: a "
			    "value is required for a water supply (type "
			    "water)");
			return -1;
		}
		if (s->type == SUPPLY_SEWER && s->meter != NULL)
			return kit_sheet_absent(sh, r, S_METER, "is not for a sewer "
			    "supply (type sewer has no meter)", err, errsz);
		ds->nsup++;
	}
	return kit_index_make(ix, ds->sup, sizeof(*ds->sup), ds->nsup, NULL,
	    sup_cmp);
}

static int
supply_ref(const struct kit_sheet *sh, size_t r, int col,
    const struct kit_index *ix, const struct wat_supply **out, char *err,
    size_t errsz)
{
	const char *v = kit_sheet_get(sh, r, col);

	if (v == NULL)
		return 0;
	if ((*out = find_supply(ix, v)) == NULL)
		return kit_sheet_fail(sh, kit_sheet_line(sh, r), err, errsz,
		    sh->cols[col].name, v, "is not a supply of supplies.csv");
	return 0;
}

/* One supply's readings, in date order: a meter only counts up. */
static int
check_sequence(const struct wat_dataset *ds, const struct wat_reading *rd,
    size_t n, const struct wat_supply *s, char *err, size_t errsz)
{
	const struct kit_sheet *sh = &ds->readings;
	struct reading *hist = calloc(n ? n : 1, sizeof(*hist));
	char why[160], v[32];
	int rc = -1;

	if (hist == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct wat_reading *r = &rd[i];
		const struct reading *last = i > 0 ? &hist[i - 1] : NULL;
		const struct wat_reading *lr = i > 0 ? &rd[i - 1] : NULL;

		if (r->kind == READING_INITIAL) {
			if (last != NULL && (last->kind != READING_FINAL ||
			    strcmp(last->meter, r->meter) == 0)) {
				snprintf(why, sizeof(why), "is only for a new "
				    "meter, after the final reading of the one "
				    "taken off (line %u is %s, meter %s)",
				    lr->line, reading_kind_names[last->kind],
				    last->meter);
				kit_sheet_fail(sh, r->line, err, errsz, "kind",
				    "initial", why);
				goto out;
			}
		} else {
			const struct reading *l;

			switch (reading_check(hist, i, r->date, r->value,
			    r->meter, &l)) {
			case READING_OK:
			case READING_TOO_LARGE:	/* KIT_INT bounds it */
				break;
			case READING_OTHER_METER:
				snprintf(why, sizeof(why), "is not the meter of "
				    "the supply's previous reading (%s, line "
				    "%u%s)", l->meter, lr->line, l->kind ==
				    READING_FINAL ? ", its final reading: "
				    "a new meter starts with kind initial" :
				    "");
				kit_sheet_fail(sh, r->line, err, errsz, "meter",
				    r->meter, why);
				goto out;
			case READING_LOWER:
			case READING_EARLIER:
				snprintf(v, sizeof(v), "%lld", r->value);
				snprintf(why, sizeof(why), "is lower than the "
				    "reading of %s on the same meter (%lld, "
				    "line %u); a new meter starts with kind "
				    "initial", l->date, l->value, lr->line);
				kit_sheet_fail(sh, r->line, err, errsz, "value", v,
				    why);
				goto out;
			}
		}
		hist[i] = (struct reading){ r->date, r->value, r->meter,
		    r->kind };
	}
	/* The supply's meter is the one its readings end with. */
	if (n > 0 && s->meter != NULL && rd[n - 1].kind != READING_FINAL &&
	    strcmp(rd[n - 1].meter, s->meter) != 0) {
		snprintf(why, sizeof(why), "is not the meter of its latest "
		    "reading (%s, readings.csv line %u)", rd[n - 1].meter,
		    rd[n - 1].line);
		kit_sheet_fail(&ds->supplies, s->line, err, errsz, "meter", s->meter,
		    why);
		goto out;
	}
	rc = 0;
out:
	free(hist);
	return rc;
}

static int
read_readings(struct wat_dataset *ds, const struct kit_index *ix, char *err,
    size_t errsz)
{
	const struct kit_sheet *sh = &ds->readings;
	size_t n = kit_sheet_rows(sh);

	if ((ds->rd = calloc(n ? n : 1, sizeof(*ds->rd))) == NULL)
		return -1;
	for (size_t r = 0; r < n; r++) {
		struct wat_reading *x = &ds->rd[r];
		const struct wat_supply *s = NULL;
		const char *kind = kit_sheet_get(sh, r, RD_KIND);

		x->line = kit_sheet_line(sh, r);
		if (supply_ref(sh, r, RD_SUPPLY, ix, &s, err, errsz) != 0)
			return -1;
		if (s->type == SUPPLY_SEWER)
			return kit_sheet_fail(sh, x->line, err, errsz, "supply",
			    s->supply, "is a sewer supply, which has no "
			    "meter");
		x->supply = s->supply;
		x->date = kit_sheet_get(sh, r, RD_DATE);
		x->value = kit_sheet_int(sh, r, RD_VALUE);
		x->meter = kit_sheet_get(sh, r, RD_METER);
		x->kind = kind ? (enum reading_kind)name_index(
		    reading_kind_names, kind) : READING_REGULAR;
		ds->nrd++;
	}
	qsort(ds->rd, ds->nrd, sizeof(*ds->rd), rd_order);
	for (size_t i = 0; i < ds->nrd; ) {
		size_t k = i + 1;

		while (k < ds->nrd && strcmp(ds->rd[k].supply,
		    ds->rd[i].supply) == 0)
			k++;
		if (check_sequence(ds, &ds->rd[i], k - i, find_supply(ix,
		    ds->rd[i].supply), err, errsz) != 0)
			return -1;
		i = k;
	}
	return 0;
}

static int
read_bills(struct wat_dataset *ds, const struct kit_index *ix, char *err,
    size_t errsz)
{
	const struct kit_sheet *sh = &ds->bills;
	size_t n = kit_sheet_rows(sh);
	char why[96];

	if (kit_sheet_unique(sh, B_BILL, err, errsz) != 0)
		return -1;
	if ((ds->bill = calloc(n ? n : 1, sizeof(*ds->bill))) == NULL)
		return -1;
	for (size_t r = 0; r < n; r++) {
		struct wat_bill *b = &ds->bill[r];
		const struct wat_supply *s = NULL;

		b->line = kit_sheet_line(sh, r);
		if (kit_sheet_code(sh, r, B_BILL, WAT_CODE_MAX, &b->bill, err,
		    errsz) != 0 || supply_ref(sh, r, B_SUPPLY, ix, &s, err,
		    errsz) != 0 || kit_sheet_money(sh, r, B_AMOUNT, 1, 0,
		    KIT_MONEY_MAX_CENTS, &b->amount, err, errsz) != 0 ||
		    kit_sheet_money(sh, r, B_PAID, 0, 0, KIT_MONEY_MAX_CENTS, &b->paid,
		    err, errsz) != 0)
			return -1;
		b->supply = s->supply;
		b->from = kit_sheet_get(sh, r, B_FROM);
		b->to = kit_sheet_get(sh, r, B_TO);
		b->consumption = kit_sheet_int(sh, r, B_CONSUMPTION);
		b->issued = kit_sheet_get(sh, r, B_ISSUED);
		b->due = kit_sheet_get(sh, r, B_DUE);
		if (strcmp(b->to, b->from) < 0) {
			snprintf(why, sizeof(why), "is before period_from (%s)",
			    b->from);
			return kit_sheet_fail(sh, b->line, err, errsz, "period_to",
			    b->to, why);
		}
		if (strcmp(b->due, b->issued) < 0) {
			snprintf(why, sizeof(why), "is before the date the bill "
			    "was issued (%s)", b->issued);
			return kit_sheet_fail(sh, b->line, err, errsz, "due", b->due,
			    why);
		}
		if (b->paid > b->amount) {
			snprintf(why, sizeof(why), "is more than the amount "
			    "(%s)", kit_sheet_get(sh, r, B_AMOUNT));
			return kit_sheet_fail(sh, b->line, err, errsz, "paid",
			    kit_sheet_get(sh, r, B_PAID), why);
		}
		ds->nbill++;
	}
	return 0;
}

static int
read_parcels(struct wat_dataset *ds, const struct kit_index *ix, char *err,
    size_t errsz)
{
	const struct kit_sheet *sh = &ds->parcels;
	size_t n = kit_sheet_rows(sh);
	struct kit_index by;
	const struct wat_parcel *dup;
	const void *orig = NULL;
	char why[96];

	if ((ds->par = calloc(n ? n : 1, sizeof(*ds->par))) == NULL)
		return -1;
	for (size_t r = 0; r < n; r++) {
		struct wat_parcel *p = &ds->par[r];
		const struct wat_supply *s = NULL;

		p->line = kit_sheet_line(sh, r);
		if (kit_sheet_kaek(sh, r, PA_KAEK, p->kaek, err, errsz) != 0 ||
		    kit_sheet_decimal(sh, r, PA_AREA, 1, 1, AREA_MAX, &p->area, err,
		    errsz) != 0 || supply_ref(sh, r, PA_SUPPLY, ix, &s, err,
		    errsz) != 0)
			return -1;
		p->afm = kit_sheet_get(sh, r, PA_AFM);
		p->name = kit_sheet_get(sh, r, PA_NAME);
		p->unit = kit_sheet_get(sh, r, PA_UNIT);
		p->supply = s ? s->supply : NULL;
		if (p->kaek[0] == '\0' && p->name == NULL) {
			kit_fail(err, errsz, sh->file, p->line, "kaek: a value "
			    "is required, or a name for a parcel without "
			    "one");
			return -1;
		}
		if (s != NULL && s->type != SUPPLY_IRRIGATION)
			return kit_sheet_fail(sh, p->line, err, errsz, "supply",
			    s->supply, "is not an irrigation supply (type "
			    "irrigation)");
		ds->npar++;
	}
	if (kit_index_make(&by, ds->par, sizeof(*ds->par), ds->npar, has_kaek,
	    par_cmp_kaek) != 0)
		return -1;
	dup = kit_index_first_repeat(&by, same_kaek, par_line, &orig);
	free(by.v);
	if (dup != NULL) {
		snprintf(why, sizeof(why), "appears again for the same AFM "
		    "(first on line %u)", par_line(orig));
		return kit_sheet_fail(sh, dup->line, err, errsz, "kaek", dup->kaek,
		    why);
	}
	if (kit_index_make(&by, ds->par, sizeof(*ds->par), ds->npar, has_name,
	    par_cmp_name) != 0)
		return -1;
	dup = kit_index_first_repeat(&by, same_name, par_line, &orig);
	free(by.v);
	if (dup != NULL) {
		snprintf(why, sizeof(why), "appears again for the same AFM "
		    "(first on line %u)", par_line(orig));
		return kit_sheet_fail(sh, dup->line, err, errsz, "name", dup->name,
		    why);
	}
	return 0;
}

static void
init_sheets(struct wat_dataset *ds, const char *today)
{
	memset(ds, 0, sizeof(*ds));
	ds->supplies.today = ds->readings.today = ds->bills.today =
	    ds->parcels.today = today;
	ds->supplies.file = "supplies.csv";
	ds->supplies.cols = sup_cols;
	ds->readings.file = "readings.csv";
	ds->readings.cols = rd_cols;
	ds->bills.file = "bills.csv";
	ds->bills.cols = bill_cols;
	ds->parcels.file = "parcels.csv";
	ds->parcels.cols = par_cols;
}

static int
check(struct wat_dataset *ds, char *err, size_t errsz)
{
	struct kit_index ix = { NULL, 0 };
	int rc = 0;

	err[0] = '\0';
	if (read_supplies(ds, &ix, err, errsz) != 0 ||
	    read_readings(ds, &ix, err, errsz) != 0 ||
	    read_bills(ds, &ix, err, errsz) != 0 ||
	    read_parcels(ds, &ix, err, errsz) != 0) {
		if (err[0] == '\0')
			snprintf(err, errsz, "out of memory");
		wat_dataset_free(ds);
		rc = -1;
	}
	free(ix.v);
	return rc;
}

int
wat_dataset_load(struct wat_dataset *ds, const char *dir, const char *today,
    char *err, size_t errsz)
{
	init_sheets(ds, today);
	if (kit_sheet_load(&ds->supplies, dir, err, errsz) != 0 ||
	    kit_sheet_load(&ds->readings, dir, err, errsz) != 0 ||
	    kit_sheet_load(&ds->bills, dir, err, errsz) != 0 ||
	    kit_sheet_load(&ds->parcels, dir, err, errsz) != 0) {
		wat_dataset_free(ds);
		return -1;
	}
	return check(ds, err, errsz);
}

int
wat_dataset_parse(struct wat_dataset *ds, const char *supplies,
    const char *readings, const char *bills, const char *parcels,
    const char *today, char *err, size_t errsz)
{
	init_sheets(ds, today);
	if (kit_sheet_parse(&ds->supplies, supplies, strlen(supplies), err,
	    errsz) != 0 || kit_sheet_parse(&ds->readings, readings,
	    strlen(readings), err, errsz) != 0 ||
	    kit_sheet_parse(&ds->bills, bills, strlen(bills), err,
	    errsz) != 0 || kit_sheet_parse(&ds->parcels, parcels,
	    strlen(parcels), err, errsz) != 0) {
		wat_dataset_free(ds);
		return -1;
	}
	return check(ds, err, errsz);
}

void
wat_dataset_free(struct wat_dataset *ds)
{
	kit_sheet_free(&ds->supplies);
	kit_sheet_free(&ds->readings);
	kit_sheet_free(&ds->bills);
	kit_sheet_free(&ds->parcels);
	free(ds->sup);
	free(ds->rd);
	free(ds->bill);
	free(ds->par);
	ds->sup = NULL;
	ds->rd = NULL;
	ds->bill = NULL;
	ds->par = NULL;
	ds->nsup = ds->nrd = ds->nbill = ds->npar = 0;
}
