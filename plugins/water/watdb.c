/*
 * watdb.c - the water department's queries: a holder's supplies, a
 * supply's readings (the billing system's and those sent here, in order)
 * and bills, a farmer's parcels and season hours. Every query is a
 * prepared statement on the plugin's own tables (schema/001_water.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "dimos/kit/money.h"
#include "dimos/kit/row.h"
#include "dimos/kit/text.h"

#include "water.h"

#define host	wat_host

#define col_text(req, v)	kit_col_text(host, (req), (v))
#define col_int(v)	kit_col_int(v)

static int
name_index(const char *const *names, const char *s)
{
	for (int i = 0; s != NULL && names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return 0;
}

long long
wat_area_parse(const char *s)
{
	long long v = 0;
	int decimals = -1;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if ((*s == ',' || *s == '.') && decimals < 0) {
			decimals = 0;
			continue;
		}
		if (*s < '0' || *s > '9' || decimals >= 1 || v > 10000000)
			return -1;
		v = v * 10 + (*s - '0');
		if (decimals >= 0)
			decimals++;
	}
	if (decimals == 0)
		return -1;		/* "12," */
	return decimals == 1 ? v : v * 10;
}

const char *
wat_area_format(struct dm_req *req, long long tenths)
{
	if (tenths % 10 == 0)
		return host->aprintf(req, "%lld", tenths / 10);
	return host->aprintf(req, "%lld,%lld", tenths / 10, tenths % 10);
}

/* ---------------------------------------------------------- supplies */

#define SUPPLY_COLS	"supply, afm, holder, type, address, unit, meter, " \
	"use_kind, active, DATE_FORMAT(since, '%Y-%m-%d')"

struct sup_ctx {
	struct dm_req		*req;
	struct wat_supply_row	*v;
	size_t			*n;
	size_t			 max;
};

static dm_status
supply_row(void *arg, const struct dm_value *c, size_t n)
{
	struct sup_ctx *x = arg;
	struct wat_supply_row *s;

	if (n < 10)
		return DM_EINTERNAL;
	if (*x->n == x->max)
		return DM_OK;
	s = &x->v[(*x->n)++];
	s->supply = col_text(x->req, &c[0]);
	s->afm = col_text(x->req, &c[1]);
	s->holder = col_text(x->req, &c[2]);
	s->type = (enum supply_type)name_index(supply_type_names, c[3].s);
	s->address = col_text(x->req, &c[4]);
	s->unit = col_text(x->req, &c[5]);
	s->meter = col_text(x->req, &c[6]);
	s->use = (enum supply_use)name_index(supply_use_names, c[7].s);
	s->active = col_int(&c[8]) != 0;
	s->since = col_text(x->req, &c[9]);
	return DM_OK;
}

dm_status
wat_supplies_of(struct dm_req *req, const char *afm, struct wat_supplies *out)
{
	struct sup_ctx x = { req, out->v, &out->n, WAT_SUPPLIES_MAX };
	struct dm_value p = DM_VTEXT(afm);

	out->n = 0;
	return host->db_query(req, "SELECT " SUPPLY_COLS " FROM wat_supplies "
	    "WHERE afm = ? ORDER BY FIELD(type, 'water', 'irrigation', "
	    "'sewer'), supply", &p, 1, supply_row, &x);
}

dm_status
wat_supply_get(struct dm_req *req, const char *no, struct wat_supply_row *out)
{
	size_t n = 0;
	struct sup_ctx x = { req, out, &n, 1 };
	struct dm_value p = DM_VTEXT(no);
	dm_status st;

	st = host->db_query(req, "SELECT " SUPPLY_COLS " FROM wat_supplies "
	    "WHERE supply = ?", &p, 1, supply_row, &x);
	if (st != DM_OK)
		return st;
	return n == 1 ? DM_OK : DM_ENOTFOUND;
}

/* ---------------------------------------------------------- readings */

struct hist_ctx {
	struct dm_req		*req;
	struct wat_history	*h;
	long long		 total;
};

static dm_status
reading_row(void *arg, const struct dm_value *c, size_t n)
{
	struct hist_ctx *x = arg;
	struct wat_history *h = x->h;
	size_t i;

	if (n < 5)
		return DM_EINTERNAL;
	/* the newest come last: keep the last WAT_READINGS_MAX */
	if (h->n == WAT_READINGS_MAX) {
		memmove(&h->v[0], &h->v[1], (WAT_READINGS_MAX - 1) *
		    sizeof(h->v[0]));
		memmove(&h->source[0], &h->source[1], (WAT_READINGS_MAX - 1) *
		    sizeof(h->source[0]));
		h->n--;
		h->skipped++;
	}
	i = h->n++;
	h->v[i].date = col_text(x->req, &c[0]);
	h->v[i].value = col_int(&c[1]);
	h->v[i].meter = col_text(x->req, &c[2]);
	h->v[i].kind = (enum reading_kind)name_index(reading_kind_names,
	    c[3].s);
	h->source[i] = col_text(x->req, &c[4]);
	return DM_OK;
}

dm_status
wat_history_load(struct dm_req *req, const char *supply, int for_update,
    struct wat_history *out)
{
	struct hist_ctx x = { req, out, 0 };
	struct dm_value p = DM_VTEXT(supply);
	long long one;
	dm_status st;

	memset(out, 0, sizeof(*out));
	if (for_update) {
		st = host->db_query(req, "SELECT 1 FROM wat_supplies WHERE "
		    "supply = ? FOR UPDATE", &p, 1, wat_one_int, &one);
		if (st != DM_OK)
			return st;
	}
	return host->db_query(req, "SELECT DATE_FORMAT(read_on, '%Y-%m-%d'), "
	    "value, meter, kind, source FROM wat_readings WHERE supply = ? "
	    "ORDER BY read_on, rank_in_day, id", &p, 1, reading_row, &x);
}

/* ------------------------------------------------------------- bills */

#define BILL_COLS	"bill, DATE_FORMAT(period_from, '%Y-%m-%d'), " \
	"DATE_FORMAT(period_to, '%Y-%m-%d'), consumption, amount_cents, " \
	"paid_cents, DATE_FORMAT(issued_on, '%Y-%m-%d'), " \
	"DATE_FORMAT(due_on, '%Y-%m-%d'), supply"

struct bill_ctx {
	struct dm_req		*req;
	struct wat_bill_row	*v;
	size_t			*n;
	size_t			 max;
	const char		**afm;
};

static dm_status
bill_row(void *arg, const struct dm_value *c, size_t n)
{
	struct bill_ctx *x = arg;
	struct wat_bill_row *b;

	if (n < 9)
		return DM_EINTERNAL;
	if (*x->n == x->max)
		return DM_OK;
	b = &x->v[(*x->n)++];
	b->supply = col_text(x->req, &c[8]);
	b->bill = col_text(x->req, &c[0]);
	b->from = col_text(x->req, &c[1]);
	b->to = col_text(x->req, &c[2]);
	b->consumption = col_int(&c[3]);
	b->amount = col_int(&c[4]);
	b->paid = col_int(&c[5]);
	b->issued = col_text(x->req, &c[6]);
	b->due = col_text(x->req, &c[7]);
	if (x->afm != NULL && n > 9)
		*x->afm = col_text(x->req, &c[9]);
	return DM_OK;
}

dm_status
wat_bills_of(struct dm_req *req, const char *supply, struct wat_bills *out)
{
	struct bill_ctx x = { req, out->v, &out->n, WAT_BILLS_MAX, NULL };
	struct dm_value p = DM_VTEXT(supply);

	out->n = 0;
	return host->db_query(req, "SELECT " BILL_COLS " FROM wat_bills WHERE "
	    "supply = ? ORDER BY period_to DESC, bill DESC", &p, 1, bill_row,
	    &x);
}

dm_status
wat_bill_get(struct dm_req *req, const char *bill, struct wat_bill_row *out,
    const char **afm)
{
	size_t n = 0;
	struct bill_ctx x = { req, out, &n, 1, afm };
	struct dm_value p = DM_VTEXT(bill);
	dm_status st;

	st = host->db_query(req, "SELECT b.bill, DATE_FORMAT(b.period_from, "
	    "'%Y-%m-%d'), DATE_FORMAT(b.period_to, '%Y-%m-%d'), b.consumption, "
	    "b.amount_cents, b.paid_cents, DATE_FORMAT(b.issued_on, "
	    "'%Y-%m-%d'), DATE_FORMAT(b.due_on, '%Y-%m-%d'), b.supply, s.afm "
	    "FROM "
	    "wat_bills b JOIN wat_supplies s ON s.supply = b.supply WHERE "
	    "b.bill = ?", &p, 1, bill_row, &x);
	if (st != DM_OK)
		return st;
	return n == 1 ? DM_OK : DM_ENOTFOUND;
}

long long
wat_bills_overdue(const struct wat_bills *b, const char *today)
{
	long long sum = 0;

	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].paid < b->v[i].amount && strcmp(b->v[i].due,
		    today) < 0)
			sum += b->v[i].amount - b->v[i].paid;
	return sum;
}

/* ----------------------------------------------------------- parcels */

struct par_ctx {
	struct dm_req		*req;
	struct wat_parcel_row	*out;
	int			 found;
};

static dm_status
parcel_row(void *arg, const struct dm_value *c, size_t n)
{
	struct par_ctx *x = arg;

	if (n < 5)
		return DM_EINTERNAL;
	if (x->found++)
		return DM_OK;
	x->out->kaek = col_text(x->req, &c[0]);
	x->out->name = col_text(x->req, &c[1]);
	x->out->unit = col_text(x->req, &c[2]);
	x->out->area = col_int(&c[3]);
	x->out->supply = col_text(x->req, &c[4]);
	return DM_OK;
}

dm_status
wat_parcel_find(struct dm_req *req, const char *afm, const char *kaek,
    const char *name, struct wat_parcel_row *out)
{
	struct par_ctx x = { req, out, 0 };
	struct dm_value p[2];
	dm_status st;

	memset(out, 0, sizeof(*out));
	p[0] = DM_VTEXT(afm);
	if (kaek != NULL) {
		p[1] = DM_VTEXT(kaek);
		st = host->db_query(req, "SELECT kaek, name, unit, area_tenths, "
		    "supply FROM wat_parcels WHERE afm = ? AND kaek = ?", p, 2,
		    parcel_row, &x);
	} else if (name != NULL) {
		char f[KIT_FOLD_MAX];

		/* "Θέση Κάμπος" and "ΘΕΣΗ ΚΑΜΠΟΣ" are the same field */
		kit_fold(name, f, sizeof(f));
		p[1] = DM_VTEXT(f);
		st = host->db_query(req, "SELECT kaek, name, unit, area_tenths, "
		    "supply FROM wat_parcels WHERE afm = ? AND name_f = ?", p, 2,
		    parcel_row, &x);
	} else {
		return DM_ENOTFOUND;
	}
	if (st != DM_OK)
		return st;
	return x.found == 1 ? DM_OK : DM_ENOTFOUND;
}

dm_status
wat_season_hours(struct dm_req *req, const char *afm, int season,
    long long *hours)
{
	struct dm_value p[2] = { DM_VTEXT(afm), DM_VINT(season) };

	*hours = 0;
	return host->db_query(req, "SELECT COALESCE(SUM(hours), 0) FROM "
	    "wat_allotments WHERE afm = ? AND season = ?", p, 2, wat_one_int,
	    hours);
}
