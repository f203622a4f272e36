/*
 * finpages.c - the finance department's pages: "my debts" for a citizen
 * or a business with a verified identity, the clerk's view of a debtor
 * (counter service) and of the bank's payments that matched nothing, and
 * the panel beside a request. Pages hand data to xslt/finance.xsl.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"

#include "finance.h"
#include "rf.h"
#include "services.h"

#define host	fin_host

static void
attr_money(struct dm_node *n, const char *name, struct dm_req *req,
    long long cents)
{
	host->node_attr(n, name, fin_money(req, cents));
}

/* One receivable for the page (open debts get their code). */
static void
debt_node(struct dm_req *req, struct dm_node *parent,
    const struct fin_debt_row *d, const char *today)
{
	struct dm_node *n = host->node_add(parent, "debt", NULL);
	char g[RF_GROUPED_MAX + 1];

	host->node_attr(n, "ref", d->ref);
	host->node_attr(n, "kind", debt_kind_names[d->d.kind]);
	host->node_attr(n, "description", d->description);
	host->node_attr(n, "due", fin_date(req, d->d.due));
	attr_money(n, "amount", req, d->d.amount);
	attr_money(n, "outstanding", req, debt_outstanding(&d->d));
	host->node_attr(n, "status", debt_outstanding(&d->d) == 0 ? "paid" :
	    debt_overdue(&d->d, today) ? "overdue" : "open");
	if (d->d.arrangement != NULL)
		host->node_attr(n, "arrangement", d->d.arrangement);
	rf_group(d->rf, g);
	host->node_attr(n, "rf", g);
}

/* What a ledger says, under c: totals, arrangements, open and paid. */
static void
ledger_nodes(struct dm_req *req, struct dm_node *c,
    const struct fin_ledger *l)
{
	struct dm_node *t = host->node_add(c, "totals", NULL), *paid = NULL;

	attr_money(t, "owed", req, l->s.owed);
	attr_money(t, "overdue", req, l->s.overdue);
	host->node_attr_int(t, "n-open", (long long)l->s.n_open);
	host->node_attr_int(t, "n-overdue", (long long)l->s.n_overdue);
	if (l->s.next_due != NULL)
		host->node_attr(t, "next-due", fin_date(req, l->s.next_due));
	host->node_attr(c, "verdict", l->s.verdict == NODEBT_CLEAR ? "clear" :
	    l->s.verdict == NODEBT_ARRANGED ? "arranged" : "owes");
	if (l->as_of != NULL)
		host->node_attr(c, "as-of", fin_date(req, l->as_of));
	if (l->truncated)
		host->node_attr(c, "truncated", "1");
	for (size_t i = 0; i < l->narr; i++) {
		struct dm_node *a;

		if (l->arr[i].a.status == ARR_COMPLETED)
			continue;
		a = host->node_add(c, "arrangement", NULL);
		host->node_attr(a, "ref", l->arr[i].a.ref);
		host->node_attr(a, "status",
		    arr_status_names[l->arr[i].a.status]);
		host->node_attr(a, "decided", fin_date(req, l->arr[i].decided));
		host->node_attr_int(a, "instalments", l->arr[i].instalments);
		attr_money(a, "total", req, l->arr[i].total);
	}
	/* overdue first, then by due date (the query's order) */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < l->n; i++) {
			const struct fin_debt_row *d = &l->v[i];

			if (debt_outstanding(&d->d) == 0 ||
			    debt_overdue(&d->d, l->today) != (pass == 0))
				continue;
			debt_node(req, c, d, l->today);
		}
	for (size_t i = 0; i < l->n; i++) {
		const struct fin_debt_row *d = &l->v[i];

		if (debt_outstanding(&d->d) > 0)
			continue;
		if (paid == NULL)
			paid = host->node_add(c, "paid", NULL);
		debt_node(req, paid, d, l->today);
	}
}

dm_status
fin_page_debts(struct dm_req *req)
{
	const struct dm_user *u = host->req_user(req);
	struct dm_node *c, *who, *pay;
	struct fin_ledger *l;
	dm_status st;

	c = host->page_begin(req, "debts", host->tr(req, "Οι οφειλές μου",
	    "My debts"));
	if (u->level != 'B' || u->afm == NULL || !kit_afm_valid(u->afm)) {
		/* Only an identity TaxisNet verified may see an AFM's debts. */
		host->node_attr(c, "needs-level-b", "1");
		return DM_OK;
	}
	l = host->alloc(req, sizeof(*l));
	if ((st = fin_ledger_load(req, u->afm, l)) != DM_OK)
		return st;
	who = host->node_add(c, "who", NULL);
	host->node_attr(who, "afm", u->afm);
	host->node_attr(who, "name", u->kind == 'b' && u->company_name ?
	    u->company_name : host->aprintf(req, "%s %s", u->first_name ?
	    u->first_name : "", u->last_name ? u->last_name : ""));
	ledger_nodes(req, c, l);
	pay = host->node_add(c, "pay", NULL);
	host->node_attr(pay, "iban", fin_conf.iban_grouped);
	host->node_attr(pay, "beneficiary", fin_conf.beneficiary);
	for (size_t i = 0; i < l->n; i++)
		if (fin_pickable(&l->v[i].d)) {
			struct dm_node *p = host->node_add(c, "plan", NULL);

			host->node_attr(p, "href", "/services/" SVC_PLAN "/new");
			break;
		}
	{
		struct dm_node *cert = host->node_add(c, "certificate", NULL);

		host->node_attr(cert, "href", "/services/" SVC_NODEBT);
	}
	return DM_OK;
}

/* The clerk looks a debtor up by AFM (someone at the counter). */
dm_status
fin_page_debtor(struct dm_req *req)
{
	const char *afm = host->req_query(req, "afm");
	struct dm_node *c, *who;
	struct fin_ledger *l;
	dm_status st;

	c = host->page_begin(req, "debtor", host->tr(req, "Οφειλές οφειλέτη",
	    "A debtor's debts"));
	if (afm == NULL || *afm == '\0')
		return DM_OK;
	who = host->node_add(c, "who", NULL);
	host->node_attr(who, "afm", afm);
	if (!kit_afm_valid(afm)) {
		host->node_attr(c, "error", "afm");
		return DM_OK;
	}
	l = host->alloc(req, sizeof(*l));
	if ((st = fin_ledger_load(req, afm, l)) != DM_OK)
		return st;
	if (l->n > 0)
		host->node_attr(who, "name", fin_debtor_name(req, afm));
	ledger_nodes(req, c, l);
	return DM_OK;
}

struct pay_list {
	struct dm_req	*req;
	struct dm_node	*parent;
	const char	*name;
};

static dm_status
payment_row(void *arg, const struct dm_value *c, size_t n)
{
	struct pay_list *x = arg;
	struct dm_node *p;

	if (n < 7)
		return DM_EINTERNAL;
	p = host->node_add(x->parent, x->name, NULL);
	host->node_attr(p, "bank-ref", c[0].s);
	host->node_attr(p, "booked", fin_date(x->req, c[1].s));
	attr_money(p, "amount", x->req, c[2].i);
	if (c[3].type != DM_V_NULL)
		host->node_attr(p, "payer", c[3].s);
	if (c[4].type != DM_V_NULL)
		host->node_attr(p, "remittance", c[4].s);
	if (c[5].type != DM_V_NULL)
		host->node_attr(p, "rf", c[5].s);
	host->node_attr(p, "matched", c[6].s);
	return DM_OK;
}

static dm_status
import_row(void *arg, const struct dm_value *c, size_t n)
{
	struct pay_list *x = arg;
	struct dm_node *p;
	char at[17];

	if (n < 5)
		return DM_EINTERNAL;
	p = host->node_add(x->parent, "import", c[4].type != DM_V_NULL ?
	    c[4].s : NULL);
	host->node_attr(p, "kind", c[0].s);
	host->node_attr(p, "as-of", fin_date(x->req, c[1].s));
	host->node_attr_int(p, "rows", c[2].i);
	/* When it ran, in the municipality's time (stored in UTC). */
	if (kit_time_local(c[3].s, at) == 0)
		host->node_attr(p, "at", host->astrdup(x->req, at));
	return DM_OK;
}

/* The bank's payments nobody's code named, and the latest imports. */
dm_status
fin_page_payments(struct dm_req *req)
{
	struct dm_node *c = host->page_begin(req, "payments", host->tr(req,
	    "Πληρωμές τράπεζας", "Bank payments"));
	struct pay_list x = { req, c, "unmatched" };
	dm_status st;

	st = host->db_query(req, "SELECT bank_ref, DATE_FORMAT(booked_on, "
	    "'%Y-%m-%d'), amount_cents, payer, remittance, rf, matched FROM "
	    "fin_payments WHERE matched = 'unmatched' ORDER BY booked_on DESC, "
	    "id DESC LIMIT 200", NULL, 0, payment_row, &x);
	if (st != DM_OK)
		return st;
	x.name = "payment";
	st = host->db_query(req, "SELECT bank_ref, DATE_FORMAT(booked_on, "
	    "'%Y-%m-%d'), amount_cents, payer, remittance, rf, matched FROM "
	    "fin_payments WHERE matched <> 'unmatched' ORDER BY id DESC "
	    "LIMIT 50", NULL, 0, payment_row, &x);
	if (st != DM_OK)
		return st;
	return host->db_query(req, "SELECT kind, DATE_FORMAT(as_of, "
	    "'%Y-%m-%d'), rows_n, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), summary "
	    "FROM fin_imports ORDER BY id DESC LIMIT 20", NULL, 0, import_row,
	    &x);
}

/* ------------------------------------------------- the clerk's panel */

#define note(panel, kind, text)	kit_panel_note(host, (panel), (kind), (text))
#define field(rec, label, value)	kit_panel_field(host, (rec), (label), (value))

static struct dm_node *
record(struct dm_node *panel, const char *ref, const char *label)
{
	struct dm_node *r = host->node_add(panel, "record", NULL);

	host->node_attr(r, "ref", ref);
	host->node_attr(r, "label", label);
	return r;
}

/* The debts of a ledger as fields of a record, overdue first. */
static void
debt_fields(struct dm_req *req, struct dm_node *rec,
    const struct fin_ledger *l, int only_overdue)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < l->n; i++) {
			const struct debt *d = &l->v[i].d;
			int over = debt_overdue(d, l->today);

			if (debt_outstanding(d) == 0 || over != (pass == 0) ||
			    (only_overdue && !over))
				continue;
			field(rec, host->aprintf(req, "%s%s, λήξη %s",
			    over ? "ΛΗΞΙΠΡΟΘΕΣΜΗ: " : "", l->v[i].description,
			    fin_date(req, d->due)), host->aprintf(req, "%s%s",
			    fin_money(req, debt_outstanding(d)),
			    d->arrangement ? host->aprintf(req, " (ρύθμιση %s)",
			    d->arrangement) : ""));
		}
}

static dm_status
panel_nodebt(struct dm_req *req, const struct dm_request *r,
    struct dm_node *panel)
{
	const struct dm_user *u = r->applicant;
	struct fin_ledger *l;
	struct fin_arr_info arr;
	struct dm_node *rec;
	dm_status st;

	if (u->level != 'B' || u->afm == NULL || !kit_afm_valid(u->afm)) {
		note(panel, "warning", "Ο αιτών δεν έχει επαληθευμένη ταυτότητα "
		    "(TaxisNet): η βεβαίωση δεν εκδίδεται.");
		return DM_OK;
	}
	l = host->alloc(req, sizeof(*l));
	if ((st = fin_ledger_load(req, u->afm, l)) != DM_OK)
		return st;
	switch (l->s.verdict) {
	case NODEBT_CLEAR:
		note(panel, "info", "Καμία ληξιπρόθεσμη οφειλή: η βεβαίωση "
		    "εκδίδεται.");
		break;
	case NODEBT_ARRANGED:
		note(panel, "info", "Οι μόνες ληξιπρόθεσμες οφειλές είναι δόσεις "
		    "ρύθμισης που τηρείται: λογίζεται ως μη οφειλή και η "
		    "βεβαίωση εκδίδεται, με αναφορά στη ρύθμιση.");
		break;
	case NODEBT_OWES:
		note(panel, "warning", host->aprintf(req, "Ληξιπρόθεσμες "
		    "οφειλές %s: η βεβαίωση δεν εκδίδεται μέχρι να "
		    "εξοφληθούν ή να ρυθμιστούν. Απορρίψτε την αίτηση με "
		    "αιτιολογία ή αναμείνατε την πληρωμή.", fin_money(req,
		    l->s.overdue - l->s.overdue_arranged)));
		break;
	}
	rec = record(panel, host->aprintf(req, "afm:%s", u->afm),
	    host->aprintf(req, "ΑΦΜ %s", u->afm));
	field(rec, "Ληξιπρόθεσμες", fin_money(req, l->s.overdue));
	field(rec, "Σύνολο ανεξόφλητων", fin_money(req, l->s.owed));
	if (fin_arrangement_info(l, &arr) == 0)
		field(rec, "Ρύθμιση", host->aprintf(req, "%s της %s, %d δόσεις, "
		    "%s — %s", arr.ref, fin_date(req, arr.decided),
		    arr.instalments, fin_money(req, arr.total), arr.late ?
		    host->aprintf(req, "%zu σε καθυστέρηση", arr.late) :
		    "τηρείται"));
	debt_fields(req, rec, l, 0);
	if (l->as_of != NULL)
		field(rec, "Στοιχεία Ταμειακής", fin_date(req, l->as_of));
	return DM_OK;
}

static dm_status
panel_tap(struct dm_req *req, const struct dm_request *r,
    struct dm_node *panel)
{
	struct fin_property_row prop;
	struct dm_node *rec;
	long long overdue;
	dm_status st;
	const char *kaek = host->request_value(req, r, "kaek");

	st = fin_property_load(req, kaek, host->request_value(req, r,
	    "power_supply"), &prop);
	if (st == DM_ENOTFOUND) {
		note(panel, "warning", host->aprintf(req, "Ο ΚΑΕΚ %s δεν "
		    "υπάρχει στο μητρώο ΤΑΠ: ελέγξτε το σχέδιο συμβολαίου και "
		    "τον λογαριασμό ρεύματος.", kaek ? kaek : ""));
		return DM_OK;
	}
	if (st != DM_OK)
		return st;
	if ((st = fin_tap_overdue(req, prop.info.kaek, &overdue)) != DM_OK)
		return st;
	if (!prop.power_matches)
		note(panel, "warning", "Ο αριθμός παροχής της αίτησης δεν είναι "
		    "αυτός του μητρώου ΤΑΠ για το ακίνητο.");
	note(panel, overdue > 0 ? "warning" : "info", overdue > 0 ?
	    host->aprintf(req, "Οφείλεται ΤΑΠ %s για το ακίνητο: η βεβαίωση "
	    "δεν εκδίδεται μέχρι να εξοφληθεί.", fin_money(req, overdue)) :
	    "Δεν οφείλεται ΤΑΠ για το ακίνητο.");
	rec = record(panel, host->aprintf(req, "kaek:%s", prop.info.kaek),
	    prop.info.address);
	field(rec, "ΚΑΕΚ", prop.info.kaek);
	field(rec, "Παροχή ρεύματος", prop.info.power);
	field(rec, "Δημοτική ενότητα", prop.info.unit);
	field(rec, "Επιφάνεια (m²)", host->aprintf(req, "%lld,%02lld",
	    prop.info.area / 100, prop.info.area % 100));
	field(rec, "Ληξιπρόθεσμο ΤΑΠ", fin_money(req, overdue));
	return DM_OK;
}

static dm_status
panel_plan(struct dm_req *req, const struct dm_request *r,
    struct dm_node *panel)
{
	struct fin_plan_snapshot *snap = host->alloc(req, sizeof(*snap));
	struct fin_ledger *l = NULL;
	struct dm_node *rec;
	dm_status st;

	if ((st = fin_plan_load(req, r->id, snap)) != DM_OK)
		return st == DM_ENOTFOUND ? DM_OK : st;
	if (r->applicant->afm != NULL) {
		l = host->alloc(req, sizeof(*l));
		if ((st = fin_ledger_load(req, r->applicant->afm, l)) != DM_OK)
			return st;
	}
	note(panel, "info", host->aprintf(req, "Αίτηση ρύθμισης %s σε %u "
	    "δόσεις: πρώτη %s, κάθε επόμενη %s. «Έκδοση» εκδίδει την απόφαση "
	    "έγκρισης· για απόρριψη γράψτε την αιτιολογία.",
	    fin_money(req, snap->plan.total), snap->plan.n, fin_money(req,
	    snap->plan.first), fin_money(req, snap->plan.regular)));
	rec = record(panel, host->aprintf(req, "plan:%lld", r->id),
	    host->aprintf(req, "Ρύθμιση %s", fin_money(req,
	    snap->plan.total)));
	for (size_t i = 0; i < snap->n; i++) {
		const struct fin_plan_debt *d = &snap->debts[i];
		const char *now = "";

		/* what is left of it today, if that changed */
		for (size_t k = 0; l != NULL && k < l->n; k++)
			if (strcmp(l->v[k].ref, d->ref) == 0 &&
			    debt_outstanding(&l->v[k].d) != d->amount)
				now = host->aprintf(req, " (σήμερα %s)",
				    fin_money(req, debt_outstanding(&l->v[k].d)));
		field(rec, host->aprintf(req, "%s (%s)", d->description,
		    d->ref), host->aprintf(req, "%s%s", fin_money(req,
		    d->amount), now));
	}
	if (l != NULL && l->s.verdict == NODEBT_OWES)
		field(rec, "Άλλες ληξιπρόθεσμες οφειλές του αιτούντος",
		    fin_money(req, l->s.overdue - l->s.overdue_arranged));
	return DM_OK;
}

dm_status
fin_staff_panel(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	if (strcmp(svc->code, SVC_NODEBT) == 0)
		return panel_nodebt(req, r, panel);
	if (strcmp(svc->code, SVC_TAP) == 0)
		return panel_tap(req, r, panel);
	if (strcmp(svc->code, SVC_PLAN) == 0)
		return panel_plan(req, r, panel);
	return DM_OK;
}
