/*
 * finance.c - the finance department (Οικονομικές Υπηρεσίες).
 * Owns the plugin descriptor, the hooks (validate, the debts a citizen
 * picks, the plan shown before submitting, certificates, the clerk's
 * panel, the instalment plan's snapshot at submission, the payment codes
 * of other departments' fees), the citizen's "my debts" page, the clerk's
 * payments page, and the commands (import, payments, stats). What is
 * decided lives in the pure modules: ledger.c (standing), plan.c,
 * fincert.c (texts), rf.c (codes), findata.c and bankfile.c (files).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#include "dimos/kit/row.h"
#include "dimos/kit/cert.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"

#include "bankfile.h"
#include "findata.h"
#include "fincert.h"
#include "finance.h"
#include "dimos/kit/ids.h"
#include "ledger.h"
#include "plan.h"
#include "rf.h"
#include "services.h"

const struct dm_host *fin_host;
struct dm_plugin_ctx *fin_self;
struct fin_config fin_conf;

/* ------------------------------------------------------------ config */

static const struct dm_config_key config_keys[] = {
	{ .name = "rf_prefix", .flags = DM_CONFIG_REQUIRED,
	  .description = "the municipality's prefix in its RF payment codes, "
	      "1 to 6 digits (agreed with the bank)" },
	{ .name = "iban", .flags = DM_CONFIG_REQUIRED,
	  .description = "the account payments go to (IBAN, checked)" },
	{ .name = "beneficiary", .flags = DM_CONFIG_REQUIRED,
	  .description = "the account holder's name shown with the IBAN" },
	{ .name = "no_debt_valid_days",
	  .description = "how long a certificate of no debt is valid, in "
	      "days (default 30)" },
	{ .name = "instalment_min",
	  .description = "the smallest monthly instalment in euros "
	      "(default 20,00)" },
	{ .name = NULL },
};

static dm_status
finance_init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	char err[256];

	fin_host = h;
	fin_self = ctx;
	if (fin_config_read(&fin_conf, fin_host->config_get(ctx, "rf_prefix"),
	    fin_host->config_get(ctx, "iban"), fin_host->config_get(ctx,
	    "beneficiary"), fin_host->config_get(ctx, "no_debt_valid_days"),
	    fin_host->config_get(ctx, "instalment_min"), err, sizeof(err)) != 0) {
		fin_host->log(fin_self, DM_LOG_ERROR, "[plugin.finance] %s", err);
		return DM_EINPUT;
	}
	return DM_OK;
}

/* ------------------------------------------------------------ memory */

static void *
req_alloc(void *ctx, size_t size)
{
	return fin_host->alloc(ctx, size);
}

static struct kit_alloc
arena(struct dm_req *req)
{
	struct kit_alloc a = { req_alloc, req };

	return a;
}

/* The AFM a request or a page is about: the applicant's, which TaxisNet
 * verified (Level B). NULL when there is none to trust. */
static const char *
verified_afm(const struct dm_user *u)
{
	if (u == NULL || u->level != 'B' || u->afm == NULL ||
	    !kit_afm_valid(u->afm))
		return NULL;
	return u->afm;
}

static void
party_of(const struct dm_user *u, struct fin_party *p)
{
	p->kind = u->kind == 'b' ? 'b' : 'p';
	p->afm = u->afm;
	if (p->kind == 'b') {
		p->name = u->company_name;
		p->father = NULL;
	} else {
		p->name = NULL;
		p->father = u->father_name;
	}
}

static const char *
party_name(struct dm_req *req, const struct dm_user *u)
{
	if (u->kind == 'b' && u->company_name != NULL)
		return u->company_name;
	return fin_host->aprintf(req, "%s %s", u->last_name ? u->last_name : "",
	    u->first_name ? u->first_name : "");
}

/* ---------------------------------------------------------- validate */

static void
validate_nodebt(struct dm_form *form)
{
	const char *purpose = fin_form_value(form, "purpose");
	const char *other = fin_form_value(form, "purpose_other");

	if (purpose != NULL && strcmp(purpose, "other") == 0 && other == NULL)
		fin_host->form_error(form, "purpose_other", "Γράψτε για ποια χρήση "
		    "τη χρειάζεστε.", "Say what you need it for.");
	if (purpose != NULL && strcmp(purpose, "other") != 0 && other != NULL)
		fin_host->form_error(form, "purpose_other", "Συμπληρώνεται μόνο "
		    "για «Άλλη χρήση».", "Only for «Another use».");
}

static void
validate_tap(struct dm_form *form)
{
	const char *kaek = fin_form_value(form, "kaek");
	const char *power = fin_form_value(form, "power_supply");
	char k[KIT_KAEK_MAX + 1], ps[KIT_POWER_SUPPLY_MAX + 1];

	if (kaek != NULL && kit_kaek_parse(kaek, k) != 0)
		fin_host->form_error(form, "kaek", "Ο ΚΑΕΚ έχει 12 ψηφία (και "
		    "προαιρετικά /Ν/Ν για διαμέρισμα), π.χ. 421180202001.",
		    "A ΚΑΕΚ is 12 digits (optionally /N/N for a flat), e.g. "
		    "421180202001.");
	if (power != NULL && kit_power_supply_parse(power, ps) != 0)
		fin_host->form_error(form, "power_supply", "Ο αριθμός παροχής έχει "
		    "9 έως 12 ψηφία, όπως στον λογαριασμό ρεύματος.",
		    "The supply number has 9 to 12 digits, as on the "
		    "electricity bill.");
}

static dm_status
validate_plan(struct dm_req *req, struct dm_form *form)
{
	const struct dm_user *u = fin_host->req_user(req);
	const char *afm = verified_afm(u);
	struct fin_ledger *l = fin_host->alloc(req, sizeof(*l));
	struct fin_pick pick;
	struct plan p;
	const char *n = fin_form_value(form, "instalments");
	dm_status st;

	if (afm == NULL)
		return DM_OK;	/* the core refuses Level A for this service */
	if ((st = fin_ledger_load(req, afm, l)) != DM_OK)
		return st;
	if (fin_pick(l, fin_form_value(form, "debts"), &pick) != 0) {
		fin_host->form_error(form, "debts", "Επιλέξτε μόνο από τις "
		    "ανεξόφλητες οφειλές σας που δεν είναι ήδη σε ρύθμιση.",
		    "Choose only from your unpaid debts that are not in an "
		    "arrangement already.");
		return DM_OK;
	}
	if (n == NULL || fin_host->field_has_error(form, "instalments"))
		return DM_OK;
	switch (plan_make(pick.total, (unsigned)strtoul(n, NULL, 10),
	    fin_conf.instalment_min, &p)) {
	case PLAN_OK:
		break;
	case PLAN_ESMALL: {
		unsigned most = plan_max_n(pick.total, fin_conf.instalment_min);

		if (most == 0)
			fin_host->form_error(form, "debts", fin_host->aprintf(req,
			    "Το ποσό %s δεν φτάνει για δύο δόσεις των %s "
			    "τουλάχιστον· πληρώστε το με τον κωδικό RF του.",
			    fin_money(req, pick.total), fin_money(req,
			    fin_conf.instalment_min)), fin_host->aprintf(req,
			    "%s is not enough for two instalments of at least "
			    "%s; pay it with its RF code.", fin_money(req,
			    pick.total), fin_money(req, fin_conf.instalment_min)));
		else
			fin_host->form_error(form, "instalments", fin_host->aprintf(req,
			    "Η μηνιαία δόση δεν μπορεί να είναι μικρότερη από "
			    "%s: για %s έως %u δόσεις.", fin_money(req,
			    fin_conf.instalment_min), fin_money(req, pick.total),
			    most), fin_host->aprintf(req, "A monthly instalment "
			    "cannot be less than %s: for %s at most %u.",
			    fin_money(req, fin_conf.instalment_min), fin_money(req,
			    pick.total), most));
		break;
	}
	default:
		fin_host->form_error(form, "instalments", "Από 2 έως 48 δόσεις.",
		    "From 2 to 48 instalments.");
	}
	return DM_OK;
}

static dm_status
finance_validate(struct dm_req *req, const struct dm_service *svc,
    struct dm_form *form)
{
	if (strcmp(svc->code, SVC_NODEBT) == 0)
		validate_nodebt(form);
	else if (strcmp(svc->code, SVC_TAP) == 0)
		validate_tap(form);
	else if (strcmp(svc->code, SVC_PLAN) == 0)
		return validate_plan(req, form);
	return DM_OK;
}

/* ------------------------------------- the debts a citizen may pick */

static dm_status
finance_choices(struct dm_req *req, const struct dm_service *svc,
    const char *field, const struct dm_user *who, struct dm_choices *out)
{
	const char *afm = verified_afm(who);
	struct fin_ledger *l;
	dm_status st;

	if (strcmp(svc->code, SVC_PLAN) != 0 || strcmp(field, "debts") != 0 ||
	    afm == NULL)
		return DM_OK;
	l = fin_host->alloc(req, sizeof(*l));
	if ((st = fin_ledger_load(req, afm, l)) != DM_OK)
		return st;
	for (size_t i = 0; i < l->n; i++) {
		const struct fin_debt_row *d = &l->v[i];
		long long left = debt_outstanding(&d->d);

		if (!fin_pickable(&d->d))
			continue;
		fin_host->choice_add(out, fin_choice_value(req, d->ref),
		    fin_host->aprintf(req, "%s — %s (λήξη %s)", d->description,
		    fin_money(req, left), fin_date(req, d->d.due)),
		    fin_host->aprintf(req, "%s — %s (due %s)", d->description,
		    fin_money(req, left), fin_date(req, d->d.due)));
	}
	return DM_OK;
}

/* ----------------------------- what the plan comes to, before submit */

static dm_status
finance_preview(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *out)
{
	struct kit_outcome o = { fin_host, req, svc, out, NULL };
	const char *afm = verified_afm(r->applicant);
	const char *n = fin_host->request_value(req, r, "instalments");
	struct fin_ledger *l;
	struct fin_pick pick;
	struct plan p;
	char first[DM_DATE_SIZE];
	dm_status st;

	if (strcmp(svc->code, SVC_PLAN) != 0 || afm == NULL || n == NULL)
		return DM_OK;
	l = fin_host->alloc(req, sizeof(*l));
	if ((st = fin_ledger_load(req, afm, l)) != DM_OK)
		return st;
	if (fin_pick(l, fin_host->request_value(req, r, "debts"), &pick) != 0 ||
	    plan_make(pick.total, (unsigned)strtoul(n, NULL, 10),
	    fin_conf.instalment_min, &p) != PLAN_OK)
		return DM_OK;	/* validate says what is wrong */
	plan_due(l->today, 0, first);
	kit_outcome_line(&o, fin_host->tr(req, "Σύνολο προς ρύθμιση",
	    "Total to settle"), fin_money(req, p.total));
	if (p.first != p.regular) {
		kit_outcome_line(&o, fin_host->tr(req, "Πρώτη δόση",
		    "First instalment"), fin_money(req, p.first));
		kit_outcome_line(&o, fin_host->tr(req, "Κάθε επόμενη "
		    "μηνιαία δόση", "Each following monthly instalment"),
		    fin_host->aprintf(req, "%s × %u", fin_money(req,
		    p.regular), p.n - 1));
	} else {
		kit_outcome_line(&o, fin_host->tr(req, "Μηνιαία δόση",
		    "Monthly instalment"), fin_host->aprintf(req, "%s × %u",
		    fin_money(req, p.regular), p.n));
	}
	kit_outcome_line(&o, fin_host->tr(req, "Πρώτη λήξη (αν εγκριθεί "
	    "σήμερα)", "First due date (if approved today)"), fin_date(req,
	    first));
	return DM_OK;
}

/* -------------------------------------------------------- submission */

struct snap_ctx {
	const struct dm_request	*r;
	const char		*afm;
	const struct fin_pick	*pick;
	const struct fin_ledger	*l;
	struct plan		 p;
};

static dm_status
finance_on_submit(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_form *form)
{
	const char *afm = verified_afm(r->applicant);
	struct fin_ledger *l;
	struct fin_pick pick;
	struct plan p;
	struct dm_value v[6];
	dm_status st;

	if (strcmp(svc->code, SVC_PLAN) != 0)
		return DM_OK;
	if (afm == NULL)
		return DM_EDENIED;
	l = fin_host->alloc(req, sizeof(*l));
	if ((st = fin_ledger_load(req, afm, l)) != DM_OK)
		return st;
	/* What the citizen saw may have been paid since: say so. */
	if (fin_pick(l, fin_form_value(form, "debts"), &pick) != 0 ||
	    plan_make(pick.total, (unsigned)strtoul(fin_form_value(form,
	    "instalments"), NULL, 10), fin_conf.instalment_min, &p) != PLAN_OK) {
		fin_host->form_error(form, "debts", "Οι οφειλές σας άλλαξαν (π.χ. "
		    "πληρώθηκε κάποια)· ελέγξτε την επιλογή σας.", "Your debts "
		    "changed (one was paid, perhaps); check your choice.");
		return DM_EINPUT;
	}
	v[0] = DM_VINT(r->id);
	v[1] = DM_VTEXT(afm);
	v[2] = DM_VINT(p.total);
	v[3] = DM_VINT(p.n);
	v[4] = DM_VINT(p.first);
	v[5] = DM_VINT(p.regular);
	st = fin_host->db_exec(req, "INSERT INTO fin_plans (request_id, afm, "
	    "total_cents, instalments, first_cents, regular_cents) VALUES "
	    "(?, ?, ?, ?, ?, ?)", v, 6, NULL, NULL);
	for (size_t i = 0; st == DM_OK && i < pick.n; i++) {
		const struct fin_debt_row *d = pick.v[i];

		v[1] = DM_VTEXT(d->ref);
		v[2] = DM_VTEXT(d->description);
		v[3] = DM_VTEXT(d->d.due);
		v[4] = DM_VINT(debt_outstanding(&d->d));
		st = fin_host->db_exec(req, "INSERT INTO fin_plan_debts "
		    "(request_id, ref, description, due_on, amount_cents) "
		    "VALUES (?, ?, ?, ?, ?)", v, 5, NULL, NULL);
	}
	return st;
}

/* ------------------------------------------------------ certificates */

static int
valid_until(char out[DM_DATE_SIZE])
{
	char today[DM_DATE_SIZE];

	fin_host->today(today);
	kit_date_add(today, fin_conf.valid_days, out);
	return 0;
}

static const char *
purpose_label(struct dm_req *req, const struct dm_request *r)
{
	const char *p = fin_host->request_value(req, r, "purpose");

	if (p == NULL)
		return NULL;
	if (strcmp(p, "other") == 0)
		return fin_host->request_value(req, r, "purpose_other");
	for (const struct dm_choice *c = finance_services[0].fields[0].choices;
	    c->value != NULL; c++)
		if (strcmp(c->value, p) == 0)
			return c->label_el;
	return NULL;
}

static dm_status
cert_nodebt(struct dm_req *req, const struct dm_request *r, int auto_issue,
    struct dm_certificate *out)
{
	const char *afm = verified_afm(r->applicant);
	struct kit_alloc a = arena(req);
	struct fin_ledger *l;
	struct fin_party party;
	struct fin_arr_info arr, *ap = NULL;
	char until[DM_DATE_SIZE];
	dm_status st;

	if (afm == NULL)
		return auto_issue ? DM_ENOTFOUND : DM_EDENIED;
	l = fin_host->alloc(req, sizeof(*l));
	if ((st = fin_ledger_load(req, afm, l)) != DM_OK)
		return st;
	/* At once only with nothing overdue; a clerk also on an
	 * arrangement in good standing; never with debts overdue. */
	if (l->s.verdict != NODEBT_CLEAR && (auto_issue ||
	    l->s.verdict == NODEBT_OWES))
		return auto_issue ? DM_ENOTFOUND : DM_EDENIED;
	if (fin_arrangement_info(l, &arr) == 0)
		ap = &arr;
	if (l->s.verdict == NODEBT_ARRANGED && ap == NULL)
		return DM_EDENIED;
	party_of(r->applicant, &party);
	party.name = party_name(req, r->applicant);
	valid_until(until);
	if (fincert_nodebt(&a, &party, l->today, until, &l->s, ap,
	    purpose_label(req, r), out) != 0)
		return DM_EINTERNAL;
	return DM_OK;
}

static dm_status
cert_tap(struct dm_req *req, const struct dm_request *r, int auto_issue,
    const char *ref, struct dm_certificate *out)
{
	struct kit_alloc a = arena(req);
	struct fin_party party;
	struct fin_property_row prop;
	const char *kaek;
	long long overdue;
	dm_status st;

	/* The clerk picked the property (kaek:...) or the form names it. */
	if (ref != NULL && strncmp(ref, "kaek:", 5) == 0)
		kaek = ref + 5;
	else if (ref != NULL)
		return DM_ENOTFOUND;
	else
		kaek = fin_host->request_value(req, r, "kaek");
	st = fin_property_load(req, kaek, fin_host->request_value(req, r,
	    "power_supply"), &prop);
	if (st != DM_OK)
		return auto_issue || st != DM_ENOTFOUND ? st : DM_ENOTFOUND;
	if (auto_issue && !prop.power_matches)
		return DM_ENOTFOUND;
	if ((st = fin_tap_overdue(req, prop.info.kaek, &overdue)) != DM_OK)
		return st;
	if (overdue > 0)
		return auto_issue ? DM_ENOTFOUND : DM_EDENIED;
	party_of(r->applicant, &party);
	party.name = party_name(req, r->applicant);
	{
		char today[DM_DATE_SIZE];

		fin_host->today(today);
		if (fincert_tap(&a, &party, &prop.info, today, out) != 0)
			return DM_EINTERNAL;
	}
	return DM_OK;
}

static dm_status
cert_plan(struct dm_req *req, const struct dm_request *r, int auto_issue,
    struct dm_certificate *out)
{
	struct kit_alloc a = arena(req);
	struct fin_plan_snapshot snap;
	struct fin_party party;
	char today[DM_DATE_SIZE], submitted[DM_DATE_SIZE];
	dm_status st;

	if (auto_issue)
		return DM_ENOTFOUND;	/* a clerk decides */
	if ((st = fin_plan_load(req, r->id, &snap)) != DM_OK)
		return st;
	party_of(r->applicant, &party);
	party.name = party_name(req, r->applicant);
	fin_host->today(today);
	snprintf(submitted, sizeof(submitted), "%.10s", r->submitted_at);
	if (fincert_plan(&a, &party, r->protocol, submitted, snap.debts,
	    snap.n, &snap.plan, today, out) != 0)
		return DM_EINTERNAL;
	return DM_OK;
}

static dm_status
finance_certificate(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, int auto_issue, const char *record_ref,
    struct dm_certificate *out)
{
	if (strcmp(svc->code, SVC_NODEBT) == 0)
		return cert_nodebt(req, r, auto_issue, out);
	if (strcmp(svc->code, SVC_TAP) == 0)
		return cert_tap(req, r, auto_issue, record_ref, out);
	if (strcmp(svc->code, SVC_PLAN) == 0)
		return cert_plan(req, r, auto_issue, out);
	return DM_ENOTFOUND;
}

/* -------------------------------------------------------- descriptor */

static const struct dm_route routes[] = {
	{ .methods = DM_METHOD_GET, .pattern = "/finance/debts",
	  .access = DM_ROUTE_LOGIN, .handler = fin_page_debts },
	{ .methods = DM_METHOD_GET, .pattern = "/staff/finance/payments",
	  .access = DM_ROUTE_STAFF, .handler = fin_page_payments },
	{ .methods = DM_METHOD_GET, .pattern = "/staff/finance/debtor",
	  .access = DM_ROUTE_STAFF, .handler = fin_page_debtor },
	{ .pattern = NULL },
};

static int
finance_command(const struct dm_host *h, struct dm_plugin_ctx *ctx,
    int argc, char **argv)
{
	(void)h;
	(void)ctx;
	/* argv[0] is the plugin's name, argv[1] the command. */
	return argc > 0 ? fin_command(argc - 1, argv + 1) : 2;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = "finance",
	.version = "1.0",
	.department = &finance_department,
	.services = finance_services,
	.routes = routes,
	.config = config_keys,
	.init = finance_init,
	.validate = finance_validate,
	.certificate = finance_certificate,
	.staff_panel = fin_staff_panel,
	.command = finance_command,
	.on_submit = finance_on_submit,
	.choices = finance_choices,
	.preview = finance_preview,
	.fee = fin_fee,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
