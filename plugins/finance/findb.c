/*
 * findb.c - the finance department's queries: a debtor's ledger, the
 * debts a plan picks, a property of the ΤΑΠ register and its ΤΑΠ, an
 * instalment plan's snapshot. Every query is a prepared statement on the
 * plugin's own tables (schema/001_finance.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "dimos/kit/money.h"
#include "dimos/kit/row.h"

#include "finance.h"

/* ------------------------------------------------------------ helpers */

#define col_text(req, v)	kit_col_text(fin_host, (req), (v))
#define col_int(v)	kit_col_int(v)

dm_status
fin_one_text(void *arg, const struct dm_value *c, size_t n)
{
	struct fin_text_out *x = arg;

	if (n < 1)
		return DM_EINTERNAL;
	*x->out = col_text(x->req, &c[0]);
	return DM_OK;
}

const char *
fin_choice_value(struct dm_req *req, const char *ref)
{
	char *v = fin_host->astrdup(req, ref);

	for (char *p = v; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return v;
}

const char *
fin_debtor_name(struct dm_req *req, const char *afm)
{
	const char *name = NULL;
	struct fin_text_out x = { req, &name };
	struct dm_value p = DM_VTEXT(afm);

	if (fin_host->db_query(req, "SELECT debtor FROM fin_receivables WHERE "
	    "afm = ? ORDER BY due_on DESC LIMIT 1", &p, 1, fin_one_text,
	    &x) != DM_OK)
		return NULL;
	return name;
}

int
fin_pickable(const struct debt *d)
{
	return debt_outstanding(d) > 0 && d->kind != DEBT_INSTALMENT;
}

/* ------------------------------------------------- a debtor's ledger */

/*
 * The receivables with what the bank reported since the revenue system's
 * export: payments to a receivable's code booked on or after the latest
 * import's as_of count against it (earlier ones are in its "paid").
 */
#define DEBT_COLS	"r.ref, r.kind, r.description, r.amount_cents, " \
	"r.paid_cents, DATE_FORMAT(r.due_on, '%Y-%m-%d'), r.arrangement, " \
	"r.rf, r.kaek, DATE_FORMAT(r.issued_on, '%Y-%m-%d'), " \
	"COALESCE((SELECT SUM(p.amount_cents) FROM fin_payments p " \
	"WHERE p.rf = r.rf AND p.matched = 'debt' AND p.booked_on >= " \
	"COALESCE((SELECT i.as_of FROM fin_imports i WHERE i.kind = " \
	"'receivables' ORDER BY i.id DESC LIMIT 1), '1000-01-01')), 0)"
#define DEBT_NCOLS	11

static dm_status
debt_row(void *arg, const struct dm_value *c, size_t n)
{
	struct fin_ledger *l = arg;
	struct fin_debt_row *d;
	int kind;

	if (n < DEBT_NCOLS)
		return DM_EINTERNAL;
	if (l->n == FIN_LEDGER_MAX) {
		l->truncated = 1;
		return DM_OK;
	}
	d = &l->v[l->n];
	memset(d, 0, sizeof(*d));
	kind = c[1].s != NULL ? debt_kind_parse(c[1].s) : -1;
	d->ref = col_text(l->req, &c[0]);
	d->description = col_text(l->req, &c[2]);
	d->rf = col_text(l->req, &c[7]);
	d->kaek = col_text(l->req, &c[8]);
	d->issued = col_text(l->req, &c[9]);
	d->d.ref = d->ref;
	d->d.kind = kind < 0 ? DEBT_OTHER : (enum debt_kind)kind;
	d->d.amount = col_int(&c[3]);
	d->d.paid = col_int(&c[4]);
	d->d.due = col_text(l->req, &c[5]);
	d->d.arrangement = col_text(l->req, &c[6]);
	d->d.bank_paid = col_int(&c[10]);
	l->n++;
	return DM_OK;
}

static dm_status
arr_row(void *arg, const struct dm_value *c, size_t n)
{
	struct fin_ledger *l = arg;
	struct fin_arr_row *a;
	int st;

	if (n < 5)
		return DM_EINTERNAL;
	if (l->narr == FIN_ARR_MAX)
		return DM_OK;
	a = &l->arr[l->narr];
	st = c[4].s != NULL ? arr_status_parse(c[4].s) : -1;
	a->a.ref = col_text(l->req, &c[0]);
	a->a.status = st < 0 ? ARR_LAPSED : (enum arr_status)st;
	a->decided = col_text(l->req, &c[1]);
	a->instalments = (int)col_int(&c[2]);
	a->total = col_int(&c[3]);
	l->narr++;
	return DM_OK;
}

dm_status
fin_ledger_load(struct dm_req *req, const char *afm, struct fin_ledger *l)
{
	struct dm_value p = DM_VTEXT(afm);
	struct fin_text_out asof = { req, &l->as_of };
	struct debt d[FIN_LEDGER_MAX];
	struct arrangement a[FIN_ARR_MAX];
	dm_status st;

	memset(l, 0, sizeof(*l));
	l->req = req;
	fin_host->today(l->today);
	st = fin_host->db_query(req, "SELECT " DEBT_COLS " FROM "
	    "fin_receivables r WHERE r.afm = ? ORDER BY r.due_on, r.ref", &p,
	    1, debt_row, l);
	if (st == DM_OK)
		st = fin_host->db_query(req, "SELECT ref, DATE_FORMAT("
		    "decided_on, '%Y-%m-%d'), instalments, total_cents, status "
		    "FROM fin_arrangements WHERE afm = ? ORDER BY decided_on "
		    "DESC, ref", &p, 1, arr_row, l);
	if (st == DM_OK)
		st = fin_host->db_query(req, "SELECT DATE_FORMAT(as_of, "
		    "'%Y-%m-%d') FROM fin_imports WHERE kind = 'receivables' "
		    "ORDER BY id DESC LIMIT 1", NULL, 0, fin_one_text, &asof);
	if (st != DM_OK)
		return st;
	for (size_t i = 0; i < l->n; i++)
		d[i] = l->v[i].d;
	for (size_t i = 0; i < l->narr; i++)
		a[i] = l->arr[i].a;
	standing_of(d, l->n, a, l->narr, l->today, &l->s);
	return DM_OK;
}

int
fin_arrangement_info(const struct fin_ledger *l, struct fin_arr_info *out)
{
	const struct fin_arr_row *best = NULL;

	for (size_t i = 0; i < l->narr; i++) {
		if (l->arr[i].a.status != ARR_ACTIVE)
			continue;
		/* the one with overdue instalments, else the newest */
		for (size_t k = 0; k < l->n; k++)
			if (l->v[k].d.arrangement != NULL &&
			    strcmp(l->v[k].d.arrangement, l->arr[i].a.ref) ==
			    0 && debt_overdue(&l->v[k].d, l->today))
				best = &l->arr[i];
		if (best == NULL)
			best = &l->arr[i];
	}
	if (best == NULL)
		return -1;
	memset(out, 0, sizeof(*out));
	out->ref = best->a.ref;
	out->decided = best->decided;
	out->instalments = best->instalments;
	out->total = best->total;
	for (size_t k = 0; k < l->n; k++)
		if (l->v[k].d.arrangement != NULL && strcmp(l->v[k].d.arrangement,
		    best->a.ref) == 0 && debt_overdue(&l->v[k].d, l->today))
			out->late++;
	return 0;
}

int
fin_pick(const struct fin_ledger *l, const char *value, struct fin_pick *out)
{
	const char *s = value;

	memset(out, 0, sizeof(*out));
	if (value == NULL || *value == '\0')
		return -1;
	while (*s != '\0') {
		size_t len = strcspn(s, ",");
		const struct fin_debt_row *found = NULL;

		for (size_t i = 0; i < l->n && found == NULL; i++) {
			const char *ref = l->v[i].ref;

			if (strlen(ref) != len)
				continue;
			found = &l->v[i];
			for (size_t k = 0; k < len; k++)
				if ((ref[k] >= 'A' && ref[k] <= 'Z' ?
				    ref[k] - 'A' + 'a' : ref[k]) != s[k])
					found = NULL;
		}
		if (found == NULL || !fin_pickable(&found->d) ||
		    out->n == FIN_PICK_MAX)
			return -1;
		for (size_t i = 0; i < out->n; i++)
			if (out->v[i] == found)
				return -1;
		out->v[out->n++] = found;
		out->total += debt_outstanding(&found->d);
		s += len;
		if (*s == ',')
			s++;
	}
	return out->n > 0 ? 0 : -1;
}

/* ------------------------------------------------- the ΤΑΠ register */

struct prop_ctx {
	struct dm_req		*req;
	struct fin_property_row	*out;
	int			 found;
};

static dm_status
prop_row(void *arg, const struct dm_value *c, size_t n)
{
	struct prop_ctx *x = arg;

	if (n < 5)
		return DM_EINTERNAL;
	x->found = 1;
	x->out->info.kaek = col_text(x->req, &c[0]);
	x->out->info.power = col_text(x->req, &c[1]);
	x->out->info.address = col_text(x->req, &c[2]);
	x->out->info.unit = col_text(x->req, &c[3]);
	x->out->info.area = col_int(&c[4]);
	return DM_OK;
}

dm_status
fin_property_load(struct dm_req *req, const char *kaek, const char *power,
    struct fin_property_row *out)
{
	char k[KIT_KAEK_MAX + 1], ps[KIT_POWER_SUPPLY_MAX + 1];
	struct prop_ctx x = { req, out, 0 };
	struct dm_value p;
	dm_status st;

	memset(out, 0, sizeof(*out));
	if (kaek == NULL || kit_kaek_parse(kaek, k) != 0)
		return DM_ENOTFOUND;
	p = DM_VTEXT(k);
	st = fin_host->db_query(req, "SELECT kaek, power_supply, address, "
	    "unit, area_cm2 FROM fin_properties WHERE kaek = ?", &p, 1,
	    prop_row, &x);
	if (st != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	out->power_matches = 1;
	if (power != NULL && kit_power_supply_parse(power, ps) == 0 &&
	    out->info.power != NULL && strcmp(ps, out->info.power) != 0)
		out->power_matches = 0;
	return DM_OK;
}

dm_status
fin_tap_overdue(struct dm_req *req, const char *kaek, long long *overdue)
{
	struct fin_ledger *l = fin_host->alloc(req, sizeof(*l));
	struct dm_value p = DM_VTEXT(kaek);
	dm_status st;

	/* the ΤΑΠ rows of the property, whoever owes them */
	l->req = req;
	fin_host->today(l->today);
	st = fin_host->db_query(req, "SELECT " DEBT_COLS " FROM "
	    "fin_receivables r WHERE r.kaek = ? AND r.kind = 'tap' ORDER BY "
	    "r.due_on", &p, 1, debt_row, l);
	if (st != DM_OK)
		return st;
	*overdue = 0;
	for (size_t i = 0; i < l->n; i++)
		if (debt_overdue(&l->v[i].d, l->today))
			*overdue += debt_outstanding(&l->v[i].d);
	return DM_OK;
}

/* ---------------------------------------------- an instalment plan */

struct plan_ctx {
	struct dm_req			*req;
	struct fin_plan_snapshot	*out;
	int				 found;
};

static dm_status
plan_row(void *arg, const struct dm_value *c, size_t n)
{
	struct plan_ctx *x = arg;

	if (n < 4)
		return DM_EINTERNAL;
	x->found = 1;
	x->out->plan.total = col_int(&c[0]);
	x->out->plan.n = (unsigned)col_int(&c[1]);
	x->out->plan.first = col_int(&c[2]);
	x->out->plan.regular = col_int(&c[3]);
	return DM_OK;
}

static dm_status
plan_debt_row(void *arg, const struct dm_value *c, size_t n)
{
	struct plan_ctx *x = arg;
	struct fin_plan_debt *d;

	if (n < 4)
		return DM_EINTERNAL;
	if (x->out->n == FIN_PICK_MAX)
		return DM_OK;
	d = &x->out->debts[x->out->n++];
	d->ref = col_text(x->req, &c[0]);
	d->description = col_text(x->req, &c[1]);
	d->due = col_text(x->req, &c[2]);
	d->amount = col_int(&c[3]);
	return DM_OK;
}

dm_status
fin_plan_load(struct dm_req *req, long long request_id,
    struct fin_plan_snapshot *out)
{
	struct plan_ctx x = { req, out, 0 };
	struct dm_value p = DM_VINT(request_id);
	dm_status st;

	memset(out, 0, sizeof(*out));
	st = fin_host->db_query(req, "SELECT total_cents, instalments, "
	    "first_cents, regular_cents FROM fin_plans WHERE request_id = ?",
	    &p, 1, plan_row, &x);
	if (st != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	return fin_host->db_query(req, "SELECT ref, description, "
	    "DATE_FORMAT(due_on, '%Y-%m-%d'), amount_cents FROM fin_plan_debts "
	    "WHERE request_id = ? ORDER BY due_on, ref", &p, 1, plan_debt_row,
	    &x);
}
