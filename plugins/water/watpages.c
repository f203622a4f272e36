/*
 * watpages.c - the water department's pages: "my supplies" and one supply
 * (its consumption per period for the chart xslt/water.xsl draws, its
 * readings and bills) for the holder; for the clerk, a supply found by
 * number or AFM, the meter change they note on it, and the panel beside
 * a request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"

#include "services.h"
#include "water.h"

#define host	wat_host
#define CHART_PERIODS	9	/* three years of four-monthly readings */
#define SHOWN_READINGS	12

void
wat_period_node(struct dm_req *req, struct dm_node *parent)
{
	struct dm_node *n = host->node_add(parent, "reading-period", NULL);
	char today[DM_DATE_SIZE], from[11], to[11];

	host->today(today);
	periods_next(&wat_conf.periods, today, from, to);
	host->node_attr(n, "open", periods_open(&wat_conf.periods, today) ?
	    "1" : "0");
	host->node_attr(n, "from", wat_date(req, from));
	host->node_attr(n, "to", wat_date(req, to));
}

static void
supply_attrs(struct dm_req *req, struct dm_node *n,
    const struct wat_supply_row *s)
{
	host->node_attr(n, "no", s->supply);
	host->node_attr(n, "afm", s->afm);
	host->node_attr(n, "type", supply_type_names[s->type]);
	host->node_attr(n, "address", s->address);
	host->node_attr(n, "holder", s->holder);
	host->node_attr(n, "use", supply_use_names[s->use]);
	host->node_attr(n, "active", s->active ? "1" : "0");
	if (s->meter != NULL)
		host->node_attr(n, "meter", s->meter);
	if (s->unit != NULL)
		host->node_attr(n, "unit", s->unit);
	if (s->since != NULL)
		host->node_attr(n, "since", wat_date(req, s->since));
}

static const char *
verified_afm(struct dm_req *req)
{
	const struct dm_user *u = host->req_user(req);

	if (u == NULL || u->level != 'B' || u->afm == NULL ||
	    !kit_afm_valid(u->afm))
		return NULL;
	return u->afm;
}

dm_status
wat_page_supplies(struct dm_req *req)
{
	const char *afm = verified_afm(req);
	struct dm_node *c = host->page_begin(req, "supplies", host->tr(req,
	    "Οι παροχές μου", "My supplies"));
	struct wat_supplies *s;
	dm_status st;

	if (afm == NULL) {
		host->node_attr(c, "needs-level-b", "1");
		return DM_OK;
	}
	wat_period_node(req, c);
	s = host->alloc(req, sizeof(*s));
	if ((st = wat_supplies_of(req, afm, s)) != DM_OK)
		return st;
	for (size_t i = 0; i < s->n; i++) {
		struct dm_node *n = host->node_add(c, "supply", NULL);
		struct wat_history *h;

		supply_attrs(req, n, &s->v[i]);
		host->node_attr(n, "href", host->aprintf(req,
		    "/water/supplies/%s", s->v[i].supply));
		if (s->v[i].meter == NULL)
			continue;
		h = host->alloc(req, sizeof(*h));
		if ((st = wat_history_load(req, s->v[i].supply, 0, h)) != DM_OK)
			return st;
		if (h->n > 0) {
			struct dm_node *l = host->node_add(n, "last", NULL);

			host->node_attr(l, "date", wat_date(req,
			    h->v[h->n - 1].date));
			host->node_attr_int(l, "value", h->v[h->n - 1].value);
		}
	}
	return DM_OK;
}

/* The chart's numbers: the last periods and a round axis. */
static void
chart_node(struct dm_req *req, struct dm_node *parent,
    const struct wat_history *h)
{
	struct period p[CHART_PERIODS];
	struct dm_node *c = host->node_add(parent, "chart", NULL);
	size_t total = consumption(h->v, h->n, p, CHART_PERIODS);
	size_t n = total < CHART_PERIODS ? total : CHART_PERIODS;
	long long largest = 0, max, step;

	for (size_t i = 0; i < n; i++)
		if (p[i].m3 > largest)
			largest = p[i].m3;
	chart_axis(largest, &max, &step);
	host->node_attr_int(c, "max", max);
	host->node_attr_int(c, "step", step);
	for (size_t i = 0; i < n; i++) {
		struct dm_node *b = host->node_add(c, "bar", NULL);
		const char *to = p[i].to;

		host->node_attr(b, "from", wat_date(req, p[i].from));
		host->node_attr(b, "to", wat_date(req, to));
		/* "01/26": the month and year the period ended */
		host->node_attr(b, "label", host->aprintf(req, "%.2s/%.2s",
		    to + 5, to + 2));
		host->node_attr_int(b, "m3", p[i].m3);
		host->node_attr_int(b, "days", p[i].days);
	}
}

static void
readings_node(struct dm_req *req, struct dm_node *parent,
    const struct wat_history *h, size_t shown)
{
	struct dm_node *rs = host->node_add(parent, "readings", NULL);

	for (size_t k = 0; k < h->n && k < shown; k++) {
		size_t i = h->n - 1 - k;	/* newest first */
		struct dm_node *r = host->node_add(rs, "reading", NULL);

		host->node_attr(r, "date", wat_date(req, h->v[i].date));
		host->node_attr_int(r, "value", h->v[i].value);
		host->node_attr(r, "meter", h->v[i].meter);
		host->node_attr(r, "kind", reading_kind_names[h->v[i].kind]);
		host->node_attr(r, "source", h->source[i]);
	}
}

static void
bills_node(struct dm_req *req, struct dm_node *parent,
    const struct wat_bills *b)
{
	struct dm_node *bs = host->node_add(parent, "bills", NULL);
	char today[DM_DATE_SIZE];

	host->today(today);
	for (size_t i = 0; i < b->n; i++) {
		const struct wat_bill_row *x = &b->v[i];
		struct dm_node *n = host->node_add(bs, "bill", NULL);

		host->node_attr(n, "no", x->bill);
		host->node_attr(n, "from", wat_date(req, x->from));
		host->node_attr(n, "to", wat_date(req, x->to));
		host->node_attr_int(n, "m3", x->consumption);
		host->node_attr(n, "amount", wat_money(req, x->amount));
		host->node_attr(n, "due", wat_date(req, x->due));
		host->node_attr(n, "status", x->paid >= x->amount ? "paid" :
		    strcmp(x->due, today) < 0 ? "overdue" : "open");
	}
}

/* A supply with its chart, readings and bills under c. */
static dm_status
supply_detail(struct dm_req *req, struct dm_node *c,
    const struct wat_supply_row *s, size_t shown)
{
	struct wat_history *h = host->alloc(req, sizeof(*h));
	struct wat_bills *b = host->alloc(req, sizeof(*b));
	dm_status st;

	supply_attrs(req, host->node_add(c, "supply", NULL), s);
	if (s->meter != NULL) {
		if ((st = wat_history_load(req, s->supply, 0, h)) != DM_OK)
			return st;
		chart_node(req, c, h);
		readings_node(req, c, h, shown);
	}
	if ((st = wat_bills_of(req, s->supply, b)) != DM_OK)
		return st;
	bills_node(req, c, b);
	return DM_OK;
}

dm_status
wat_page_supply(struct dm_req *req)
{
	const char *afm = verified_afm(req);
	const char *no = host->req_arg(req, "no");
	struct wat_supply_row s;
	struct dm_node *c;
	dm_status st;

	/* Someone else's supply, or none: not found, whichever it is. */
	if (afm == NULL || no == NULL)
		return DM_ENOTFOUND;
	if ((st = wat_supply_get(req, no, &s)) != DM_OK)
		return st;
	if (strcmp(s.afm, afm) != 0)
		return DM_ENOTFOUND;
	c = host->page_begin(req, "supply", host->aprintf(req, "%s %s",
	    host->tr(req, "Παροχή", "Supply"), s.supply));
	wat_period_node(req, c);
	if (s.type == SUPPLY_WATER && s.meter != NULL && s.active) {
		struct dm_node *n = host->node_add(c, "new-reading", NULL);

		host->node_attr(n, "href", "/services/" SVC_READING "/new");
	}
	return supply_detail(req, c, &s, SHOWN_READINGS);
}

/* --------------------------------------------------------- the clerk */

dm_status
wat_page_staff_search(struct dm_req *req)
{
	const char *q = host->req_query(req, "q");
	struct dm_node *c = host->page_begin(req, "staff-search", host->tr(req,
	    "Αναζήτηση παροχής", "Find a supply"));
	struct wat_supplies *s;
	struct wat_supply_row one;
	dm_status st;

	if (q == NULL || *q == '\0')
		return DM_OK;
	host->node_attr(c, "q", q);
	if (kit_afm_valid(q)) {
		s = host->alloc(req, sizeof(*s));
		if ((st = wat_supplies_of(req, q, s)) != DM_OK)
			return st;
		for (size_t i = 0; i < s->n; i++) {
			struct dm_node *n = host->node_add(c, "supply", NULL);

			supply_attrs(req, n, &s->v[i]);
		}
		return DM_OK;
	}
	st = wat_supply_get(req, q, &one);
	if (st == DM_OK)
		supply_attrs(req, host->node_add(c, "supply", NULL), &one);
	return st == DM_ENOTFOUND ? DM_OK : st;
}

/* The meter change form's values and messages, to show it again. */
struct change {
	const char	*date, *final, *meter, *initial;
	const char	*error_field;
	const char	*error_el, *error_en;
};

static dm_status
staff_supply(struct dm_req *req, const char *no, const struct change *ch)
{
	struct wat_supply_row s;
	struct dm_node *c, *f;
	dm_status st;

	if ((st = wat_supply_get(req, no, &s)) != DM_OK)
		return st;
	c = host->page_begin(req, "staff-supply", host->aprintf(req, "%s %s",
	    host->tr(req, "Παροχή", "Supply"), s.supply));
	if ((st = supply_detail(req, c, &s, WAT_READINGS_MAX)) != DM_OK)
		return st;
	if (s.type == SUPPLY_SEWER)
		return DM_OK;
	f = host->node_add(c, "meter-change", NULL);
	host->node_attr(f, "action", host->aprintf(req,
	    "/staff/water/supplies/%s/meter", s.supply));
	if (ch != NULL) {
		host->node_attr(f, "date", ch->date);
		host->node_attr(f, "final", ch->final);
		host->node_attr(f, "meter", ch->meter);
		host->node_attr(f, "initial", ch->initial);
		if (ch->error_field != NULL) {
			struct dm_node *e = host->node_add(f, "error",
			    host->tr(req, ch->error_el, ch->error_en));

			host->node_attr(e, "field", ch->error_field);
		}
	}
	if (ch == NULL && host->req_query(req, "changed") != NULL)
		host->node_attr(c, "changed", "1");
	return DM_OK;
}

dm_status
wat_page_staff_supply(struct dm_req *req)
{
	return staff_supply(req, host->req_arg(req, "no"), NULL);
}

struct change_tx {
	const struct wat_supply_row	*s;
	struct change			*ch;
	long long			 final, initial;
	const struct dm_user		*clerk;
};

static int
bad(struct change *ch, const char *field, const char *el, const char *en)
{
	ch->error_field = field;
	ch->error_el = el;
	ch->error_en = en;
	return -1;
}

static dm_status
change_tx(struct dm_req *req, void *arg)
{
	struct change_tx *x = arg;
	struct wat_history *h = host->alloc(req, sizeof(*h));
	const struct reading *last;
	struct dm_value v[6];
	dm_status st;

	x->ch->error_field = NULL;
	if ((st = wat_history_load(req, x->s->supply, 1, h)) != DM_OK)
		return st;
	/* The old meter's final reading must follow its last one. */
	if (reading_check(h->v, h->n, x->ch->date, x->final, x->s->meter,
	    &last) != READING_OK) {
		bad(x->ch, "final", "Η τελική ένδειξη πρέπει να είναι "
		    "τουλάχιστον η τελευταία του υδρομέτρου, σε ημερομηνία όχι "
		    "πριν από αυτήν.", "The final reading must be at least the "
		    "meter's last one, on a date not before it.");
		return DM_EINPUT;
	}
	v[0] = DM_VTEXT(x->s->supply);
	v[1] = DM_VTEXT(x->ch->date);
	v[2] = DM_VINT(x->final);
	v[3] = DM_VTEXT(x->s->meter);
	v[4] = DM_VINT(x->clerk->id);
	st = host->db_exec(req, "INSERT INTO wat_readings (supply, read_on, "
	    "value, meter, kind, rank_in_day, source, account_id) VALUES (?, ?, "
	    "?, ?, 'final', 0, 'clerk', ?)", v, 5, NULL, NULL);
	if (st != DM_OK)
		return st;
	v[2] = DM_VINT(x->initial);
	v[3] = DM_VTEXT(x->ch->meter);
	st = host->db_exec(req, "INSERT INTO wat_readings (supply, read_on, "
	    "value, meter, kind, rank_in_day, source, account_id) VALUES (?, ?, "
	    "?, ?, 'initial', 1, 'clerk', ?)", v, 5, NULL, NULL);
	if (st != DM_OK)
		return st;
	v[0] = DM_VTEXT(x->ch->meter);
	v[1] = DM_VTEXT(x->s->supply);
	return host->db_exec(req, "UPDATE wat_supplies SET meter = ? WHERE "
	    "supply = ?", v, 2, NULL, NULL);
}

/* A clerk notes that the supply's meter was replaced. */
dm_status
wat_page_staff_meter(struct dm_req *req)
{
	const char *no = host->req_arg(req, "no");
	struct change ch = {
		host->req_form(req, "date"), host->req_form(req, "final"),
		host->req_form(req, "meter"), host->req_form(req, "initial"),
		NULL, NULL, NULL,
	};
	struct change_tx x = { NULL, &ch, 0, 0, host->req_user(req) };
	struct wat_supply_row s;
	char today[DM_DATE_SIZE], *end;
	dm_status st;

	if (no == NULL || (st = wat_supply_get(req, no, &s)) != DM_OK)
		return DM_ENOTFOUND;
	x.s = &s;
	host->today(today);
	if (s.meter == NULL || s.type == SUPPLY_SEWER)
		bad(&ch, "meter", "Η παροχή δεν έχει υδρόμετρο.",
		    "The supply has no meter.");
	else if (ch.date == NULL || !kit_date_valid(ch.date) ||
	    strcmp(ch.date, today) > 0)
		bad(&ch, "date", "Η ημερομηνία της αλλαγής (ΕΕΕΕ-ΜΜ-ΗΗ, όχι "
		    "μελλοντική).", "The date of the change (YYYY-MM-DD, not in "
		    "the future).");
	else if (ch.final == NULL || (x.final = strtoll(ch.final, &end, 10)) <
	    0 || *end != '\0' || end == ch.final || x.final > METER_VALUE_MAX)
		bad(&ch, "final", "Η τελική ένδειξη του παλιού υδρομέτρου σε "
		    "ακέραια m³.", "The old meter's final reading in whole m³.");
	else if (ch.meter == NULL || strlen(ch.meter) < 3 ||
	    strlen(ch.meter) > WAT_METER_MAX || strcmp(ch.meter, s.meter) == 0)
		bad(&ch, "meter", "Ο αριθμός του νέου υδρομέτρου (3 έως 20 "
		    "χαρακτήρες, άλλος από του παλιού).", "The new meter's "
		    "number (3 to 20 characters, not the old one's).");
	else if (ch.initial == NULL || (x.initial = strtoll(ch.initial, &end,
	    10)) < 0 || *end != '\0' || end == ch.initial ||
	    x.initial > METER_VALUE_MAX)
		bad(&ch, "initial", "Η αρχική ένδειξη του νέου υδρομέτρου σε "
		    "ακέραια m³.", "The new meter's first reading in whole m³.");
	if (ch.error_field == NULL) {
		st = host->db_tx(req, change_tx, &x);
		if (st == DM_OK) {
			host->redirect(req, host->aprintf(req,
			    "/staff/water/supplies/%s?changed=1", s.supply));
			return DM_OK;
		}
		if (st != DM_EINPUT)
			return st;
	}
	if ((st = staff_supply(req, s.supply, &ch)) != DM_OK)
		return st;
	host->set_status(req, 422);
	return DM_OK;
}

/* ------------------------------------------------- the clerk's panel */

#define note(panel, kind, text)	kit_panel_note(host, (panel), (kind), (text))
#define field(rec, label, value)	kit_panel_field(host, (rec), (label), (value))

/* A supply as a panel record, with its last readings and its bills. */
static dm_status
supply_record(struct dm_req *req, struct dm_node *panel,
    const struct wat_supply_row *s, const char *applicant_afm)
{
	struct dm_node *rec = host->node_add(panel, "record", NULL);
	struct wat_history *h = host->alloc(req, sizeof(*h));
	struct wat_bills *b = host->alloc(req, sizeof(*b));
	char today[DM_DATE_SIZE];
	long long over;
	dm_status st;

	host->node_attr(rec, "ref", host->aprintf(req, "supply:%s",
	    s->supply));
	host->node_attr(rec, "label", host->aprintf(req, "%s — %s", s->supply,
	    s->address));
	field(rec, "Υπόχρεος", host->aprintf(req, "%s (ΑΦΜ %s)%s", s->holder,
	    s->afm, applicant_afm != NULL && strcmp(applicant_afm, s->afm) ==
	    0 ? " — ο αιτών" : ""));
	field(rec, "Είδος", s->type == SUPPLY_WATER ? "Ύδρευση" :
	    s->type == SUPPLY_SEWER ? "Αποχέτευση" : "Άρδευση");
	field(rec, "Κατάσταση", s->active ? "Σε λειτουργία" : "Διακοπή");
	field(rec, "Υδρόμετρο", s->meter);
	field(rec, "Καρτέλα παροχής", host->aprintf(req,
	    "/staff/water/supplies/%s", s->supply));
	if (s->meter != NULL) {
		if ((st = wat_history_load(req, s->supply, 0, h)) != DM_OK)
			return st;
		for (size_t k = 0; k < h->n && k < 3; k++) {
			const struct reading *r = &h->v[h->n - 1 - k];

			field(rec, host->aprintf(req, "Ένδειξη %s", wat_date(req,
			    r->date)), host->aprintf(req, "%lld m³ (%s)",
			    r->value, h->source[h->n - 1 - k]));
		}
	}
	if ((st = wat_bills_of(req, s->supply, b)) != DM_OK)
		return st;
	host->today(today);
	if ((over = wat_bills_overdue(b, today)) > 0)
		field(rec, "Ληξιπρόθεσμοι λογαριασμοί", wat_money(req, over));
	for (size_t i = 0; i < b->n && i < 3; i++)
		field(rec, host->aprintf(req, "Λογαριασμός %s (%s – %s)",
		    b->v[i].bill, wat_date(req, b->v[i].from), wat_date(req,
		    b->v[i].to)), host->aprintf(req, "%s, %lld m³, %s",
		    wat_money(req, b->v[i].amount), b->v[i].consumption,
		    b->v[i].paid >= b->v[i].amount ? "εξοφλημένος" :
		    "ανεξόφλητος"));
	return DM_OK;
}

static dm_status
panel_dispute(struct dm_req *req, const struct dm_request *r,
    struct dm_node *panel)
{
	const char *no = host->request_value(req, r, "bill");
	struct wat_bill_row b;
	struct wat_supply_row s;
	const char *afm = NULL;
	dm_status st;

	if (no == NULL || (st = wat_bill_get(req, no, &b, &afm)) ==
	    DM_ENOTFOUND) {
		note(panel, "warning", "Ο λογαριασμός δεν βρέθηκε στα στοιχεία "
		    "(νέα εισαγωγή;).");
		return DM_OK;
	}
	if (st != DM_OK)
		return st;
	note(panel, "info", host->aprintf(req, "Λογαριασμός %s: %s – %s, %lld "
	    "m³, %s, λήξη %s.", b.bill, wat_date(req, b.from), wat_date(req,
	    b.to), b.consumption, wat_money(req, b.amount), wat_date(req,
	    b.due)));
	if (wat_supply_get(req, b.supply, &s) == DM_OK)
		return supply_record(req, panel, &s, r->applicant->afm);
	return DM_OK;
}

static dm_status
panel_irrigation(struct dm_req *req, const struct dm_request *r,
    struct dm_node *panel)
{
	const char *afm = r->applicant->afm;
	const char *kaek = host->request_value(req, r, "parcel_kaek");
	const char *name = host->request_value(req, r, "parcel_name");
	const char *crop = host->request_value(req, r, "crop");
	const char *season = host->request_value(req, r, "season");
	long long area = wat_area_parse(host->request_value(req, r, "area"));
	struct wat_parcel_row p;
	char k[KIT_KAEK_MAX + 1];
	long long used = 0;
	int capped = 0, c = crop_parse(crop);
	long hours = c >= 0 && area > 0 ? irrigation_hours(&wat_conf.rules,
	    (enum crop)c, area, &capped) : -1;
	dm_status st;

	if (afm == NULL)
		return DM_OK;
	if (kaek != NULL && kit_kaek_parse(kaek, k) == 0)
		kaek = k;
	st = wat_parcel_find(req, afm, kaek, name, &p);
	if (st == DM_ENOTFOUND)
		note(panel, "warning", "Το αγροτεμάχιο δεν είναι στο μητρώο του "
		    "αγρότη: ελέγξτε τίτλο ή μισθωτήριο και την έκταση πριν "
		    "ολοκληρώσετε (η ολοκλήρωση δίνει τις ώρες των κανόνων).");
	else if (st != DM_OK)
		return st;
	if (hours > 0)
		note(panel, "info", host->aprintf(req, "Κατά τους κανόνες: %ld "
		    "ώρες%s.", hours, capped ? " (ανώτατο όριο)" : ""));
	if (season != NULL && (st = wat_season_hours(req, afm, atoi(season),
	    &used)) != DM_OK)
		return st;
	if (st == DM_OK && p.area > 0) {
		struct dm_node *rec = host->node_add(panel, "record", NULL);

		host->node_attr(rec, "ref", host->aprintf(req, "parcel:%s",
		    p.kaek ? p.kaek : p.name));
		host->node_attr(rec, "label", p.kaek ? p.kaek : p.name);
		field(rec, "Έκταση στο μητρώο", host->aprintf(req, "%s στρ.",
		    wat_area_format(req, p.area)));
		field(rec, "Δημοτική ενότητα", p.unit);
		field(rec, "Παροχή άρδευσης", p.supply);
		field(rec, "Ώρες ήδη για την περίοδο", host->aprintf(req,
		    "%lld", used));
	}
	return DM_OK;
}

dm_status
wat_staff_panel(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	const char *no = host->request_value(req, r, "supply");
	struct wat_supply_row s;
	dm_status st;

	if (strcmp(svc->code, SVC_DISPUTE) == 0)
		return panel_dispute(req, r, panel);
	if (strcmp(svc->code, SVC_IRRIGATION) == 0)
		return panel_irrigation(req, r, panel);
	if (no == NULL)
		no = host->request_value(req, r, "supply_no");
	if (no == NULL)
		return DM_OK;
	if ((st = wat_supply_get(req, no, &s)) == DM_ENOTFOUND) {
		note(panel, "warning", host->aprintf(req, "Η παροχή %s δεν "
		    "υπάρχει στα στοιχεία.", no));
		return DM_OK;
	}
	if (st != DM_OK)
		return st;
	if (strcmp(svc->code, SVC_HOLDER) == 0)
		note(panel, "info", "Νέος υπόχρεος: ο αιτών. Μετά την "
		    "ολοκλήρωση η αλλαγή περνά στο σύστημα χρεώσεων· η επόμενη "
		    "εισαγωγή τη φέρνει εδώ.");
	if (strcmp(svc->code, SVC_METER) == 0)
		note(panel, "info", "Καταγράψτε την αλλαγή του υδρομέτρου στην "
		    "καρτέλα της παροχής (τελική ένδειξη του παλιού, αρχική του "
		    "νέου) πριν ολοκληρώσετε.");
	return supply_record(req, panel, &s, r->applicant->afm);
}
