/*
 * water.c - the water department (Ύδρευση – Αποχέτευση – Άρδευση).
 * Owns the plugin descriptor and the hooks: the applicant's own supplies
 * as choices, validation (reading periods, readings that only count up,
 * bills and parcels of the applicant's), what a request comes to before
 * submitting (consumption, irrigation hours, a fee), the submission's own
 * work (a reading recorded and the request answered at once; irrigation
 * hours allotted), the certificate of no
 * unpaid water bills, and the clerk's panel. What is decided lives in
 * meter.c, irrigation.c and watdata.c.
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
#include "dimos/kit/money.h"

#include "services.h"
#include "water.h"

const struct dm_host *wat_host;
struct dm_plugin_ctx *wat_self;
struct wat_config wat_conf;

#define host	wat_host

#define DEFAULT_PERIODS	"01-10..01-31, 05-10..05-31, 09-10..09-30"
#define DEFAULT_SEASON	"04-01..09-30"

static const struct dm_config_key config_keys[] = {
	{ .name = "reading_periods",
	  .description = "when citizens may send meter readings, as MM-DD..MM-DD"
	      " ranges (default " DEFAULT_PERIODS ")" },
	{ .name = "irrigation_rates",
	  .description = "hours of irrigation water per stremma for the season "
	      "per crop, crop:hours (see plugins/water/README.md)" },
	{ .name = "irrigation_max_hours",
	  .description = "the most hours one request gets (default 300)" },
	{ .name = "irrigation_season",
	  .description = "the irrigation season, MM-DD..MM-DD (default "
	      DEFAULT_SEASON ")" },
	{ .name = "connection_fee_water",
	  .description = "the fee for a new water connection in euros, charged "
	      "at submission (default: none)" },
	{ .name = "connection_fee_sewer",
	  .description = "the fee for a new sewer connection in euros" },
	{ .name = "reconnection_fee",
	  .description = "the fee for reconnecting a supply in euros" },
	{ .name = "certificate_fee",
	  .description = "the fee for a certificate of no unpaid water bills "
	      "in euros" },
	{ .name = NULL },
};

static int
fee_config(const char *key, long long *out)
{
	const char *v = host->config_get(wat_self, key);

	*out = 0;
	if (v == NULL)
		return 0;
	if (kit_money_parse_typed(v, out) != 0 || *out > 100000000) {
		host->log(wat_self, DM_LOG_ERROR, "[plugin.water] %s: \"%.20s\" "
		    "is not an amount in euros", key, v);
		return -1;
	}
	return 0;
}

static dm_status
water_init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	const char *periods, *season;
	char err[256];

	wat_host = h;
	wat_self = ctx;
	periods = host->config_get(ctx, "reading_periods");
	season = host->config_get(ctx, "irrigation_season");
	if (periods_parse(periods ? periods : DEFAULT_PERIODS,
	    &wat_conf.periods, err, sizeof(err)) != 0) {
		host->log(ctx, DM_LOG_ERROR, "[plugin.water] reading_periods: "
		    "%s", err);
		return DM_EINPUT;
	}
	if (periods_parse(season ? season : DEFAULT_SEASON, &wat_conf.season,
	    err, sizeof(err)) != 0 || wat_conf.season.n != 1) {
		host->log(ctx, DM_LOG_ERROR, "[plugin.water] irrigation_season: "
		    "%s", wat_conf.season.n != 1 ? "one period MM-DD..MM-DD" :
		    err);
		return DM_EINPUT;
	}
	if (irrigation_parse(host->config_get(ctx, "irrigation_rates"),
	    host->config_get(ctx, "irrigation_max_hours"), &wat_conf.rules,
	    err, sizeof(err)) != 0) {
		host->log(ctx, DM_LOG_ERROR, "[plugin.water] %s", err);
		return DM_EINPUT;
	}
	if (fee_config("connection_fee_water", &wat_conf.connection_fee[0]) ||
	    fee_config("connection_fee_sewer", &wat_conf.connection_fee[1]) ||
	    fee_config("reconnection_fee", &wat_conf.reconnection_fee) ||
	    fee_config("certificate_fee", &wat_conf.certificate_fee))
		return DM_EINPUT;
	return DM_OK;
}

static const char *
verified_afm(const struct dm_user *u)
{
	if (u == NULL || u->level != 'B' || u->afm == NULL ||
	    !kit_afm_valid(u->afm))
		return NULL;
	return u->afm;
}

/* --------------------------------------------------- own supplies */

/* Which of a holder's supplies a service's "supply" field offers. */
static int
offered(const char *svc, const struct wat_supply_row *s)
{
	if (strcmp(svc, SVC_READING) == 0 || strcmp(svc, SVC_METER) == 0)
		return s->type == SUPPLY_WATER && s->meter != NULL && s->active;
	if (strcmp(svc, SVC_DISCONNECT) == 0)
		return s->type != SUPPLY_SEWER && s->active;
	if (strcmp(svc, SVC_RECONNECT) == 0)
		return s->type != SUPPLY_SEWER && !s->active;
	if (strcmp(svc, SVC_CERT) == 0)
		return s->type == SUPPLY_WATER;
	return 0;
}

static dm_status
water_choices(struct dm_req *req, const struct dm_service *svc,
    const char *field, const struct dm_user *who, struct dm_choices *out)
{
	const char *afm = verified_afm(who);
	struct wat_supplies *s;
	dm_status st;

	if (strcmp(field, "supply") != 0 || afm == NULL)
		return DM_OK;
	s = host->alloc(req, sizeof(*s));
	if ((st = wat_supplies_of(req, afm, s)) != DM_OK)
		return st;
	for (size_t i = 0; i < s->n; i++) {
		const struct wat_supply_row *r = &s->v[i];

		if (!offered(svc->code, r))
			continue;
		host->choice_add(out, r->supply, host->aprintf(req, "%s — %s",
		    r->supply, r->address), host->aprintf(req, "%s — %s",
		    r->supply, r->address));
	}
	return DM_OK;
}

/* The supply a request names, which the core has checked is one of the
 * applicant's choices; NULL if it vanished since (a re-import). */
static const struct wat_supply_row *
named_supply(struct dm_req *req, const char *no)
{
	struct wat_supply_row *s = host->alloc(req, sizeof(*s));

	if (no == NULL || wat_supply_get(req, no, s) != DM_OK)
		return NULL;
	return s;
}

/* ---------------------------------------------------------- readings */

static void
period_message(struct dm_req *req, struct dm_form *form, const char *field)
{
	char today[DM_DATE_SIZE], from[11], to[11];

	host->today(today);
	periods_next(&wat_conf.periods, today, from, to);
	host->form_error(form, field, host->aprintf(req, "Ενδείξεις "
	    "υδρομέτρου γίνονται δεκτές μόνο κατά την περίοδο καταμέτρησης. Η "
	    "επόμενη περίοδος είναι από %s έως %s.", wat_date(req, from),
	    wat_date(req, to)), host->aprintf(req, "Meter readings are "
	    "accepted only during the reading period. The next one runs from "
	    "%s to %s.", wat_date(req, from), wat_date(req, to)));
}

/* The reading against the supply's history; a form error if it cannot
 * follow it. */
static void
reading_errors(struct dm_req *req, struct dm_form *form,
    const struct wat_supply_row *s, const struct wat_history *h,
    long long value)
{
	const struct reading *last;
	char today[DM_DATE_SIZE];

	host->today(today);
	switch (reading_check(h->v, h->n, today, value, s->meter, &last)) {
	case READING_OK:
		return;
	case READING_LOWER:
		host->form_error(form, "reading", host->aprintf(req, "Η ένδειξη "
		    "δεν μπορεί να είναι μικρότερη από την τελευταία: %lld m³ "
		    "στις %s. Αν άλλαξε το υδρόμετρο, ζητήστε από την υπηρεσία "
		    "να καταγράψει την αλλαγή.", last->value, wat_date(req,
		    last->date)), host->aprintf(req, "The reading cannot be "
		    "lower than the last one: %lld m³ on %s. If the meter was "
		    "replaced, ask the department to record the change.",
		    last->value, wat_date(req, last->date)));
		return;
	case READING_EARLIER:
		host->form_error(form, "reading", host->aprintf(req, "Υπάρχει "
		    "ήδη ένδειξη με μεταγενέστερη ημερομηνία (%s).",
		    wat_date(req, last->date)), host->aprintf(req, "There is "
		    "already a reading dated later (%s).", wat_date(req,
		    last->date)));
		return;
	case READING_OTHER_METER:
		host->form_error(form, "supply", "Το υδρόμετρο της παροχής "
		    "έχει αλλάξει ή αφαιρεθεί· επικοινωνήστε με την υπηρεσία "
		    "ύδρευσης.", "The supply's meter was replaced or removed; "
		    "contact the water department.");
		return;
	case READING_TOO_LARGE:
		host->form_error(form, "reading", "Η ένδειξη είναι μεγαλύτερη "
		    "από όσο γράφει ένα υδρόμετρο.", "The reading is larger "
		    "than a meter shows.");
		return;
	}
}

static dm_status
validate_reading(struct dm_req *req, struct dm_form *form)
{
	const struct wat_supply_row *s;
	struct wat_history *h;
	char today[DM_DATE_SIZE];
	const char *v = wat_form_value(form, "reading");
	dm_status st;

	host->today(today);
	if (!periods_open(&wat_conf.periods, today)) {
		period_message(req, form, "reading");
		return DM_OK;
	}
	if (v == NULL || host->field_has_error(form, "supply") ||
	    (s = named_supply(req, wat_form_value(form, "supply"))) == NULL)
		return DM_OK;
	h = host->alloc(req, sizeof(*h));
	if ((st = wat_history_load(req, s->supply, 0, h)) != DM_OK)
		return st;
	reading_errors(req, form, s, h, strtoll(v, NULL, 10));
	return DM_OK;
}

/* ------------------------------------------------------ other checks */

static dm_status
validate_holder(struct dm_req *req, struct dm_form *form)
{
	const char *no = wat_form_value(form, "supply_no");
	const char *from = wat_form_value(form, "from");
	const struct dm_user *u = host->req_user(req);
	struct wat_supply_row s;
	char today[DM_DATE_SIZE];
	dm_status st;

	host->today(today);
	if (from != NULL && strcmp(from, today) > 0)
		host->form_error(form, "from", "Η ημερομηνία δεν μπορεί να είναι "
		    "μελλοντική.", "The date cannot be in the future.");
	if (no == NULL)
		return DM_OK;
	if ((st = wat_supply_get(req, no, &s)) == DM_ENOTFOUND) {
		host->form_error(form, "supply_no", "Δεν υπάρχει παροχή με αυτόν "
		    "τον αριθμό· ελέγξτε τον στον λογαριασμό νερού.", "There is "
		    "no supply with that number; check it on the water bill.");
		return DM_OK;
	}
	if (st != DM_OK)
		return st;
	if (u != NULL && u->afm != NULL && strcmp(s.afm, u->afm) == 0)
		host->form_error(form, "supply_no", "Η παροχή είναι ήδη στο "
		    "όνομά σας.", "The supply is in your name already.");
	return DM_OK;
}

static void
validate_date_ahead(struct dm_form *form, const char *field)
{
	const char *d = wat_form_value(form, field);
	char today[DM_DATE_SIZE];

	host->today(today);
	if (d != NULL && strcmp(d, today) < 0)
		host->form_error(form, field, "Από σήμερα και μετά.",
		    "From today on.");
}

static dm_status
validate_dispute(struct dm_req *req, struct dm_form *form)
{
	const char *no = wat_form_value(form, "bill");
	const char *amount = wat_form_value(form, "amount");
	const char *afm = verified_afm(host->req_user(req));
	struct wat_bill_row b;
	const char *holder = NULL;
	long long cents;
	dm_status st;

	if (amount != NULL && kit_money_parse_typed(amount, &cents) != 0) {
		host->form_error(form, "amount", "Γράψτε το ποσό σε ευρώ, π.χ. "
		    "48,30.", "Write the amount in euros, e.g. 48,30.");
		amount = NULL;
	}
	if (no == NULL || afm == NULL)
		return DM_OK;
	st = wat_bill_get(req, no, &b, &holder);
	if (st == DM_ENOTFOUND || (st == DM_OK && strcmp(holder, afm) != 0)) {
		/* someone else's bill is not found either */
		host->form_error(form, "bill", "Δεν βρέθηκε λογαριασμός με αυτόν "
		    "τον αριθμό σε παροχή σας.", "No bill with that number was "
		    "found for a supply of yours.");
		return DM_OK;
	}
	if (st != DM_OK)
		return st;
	if (amount != NULL && cents != b.amount)
		host->form_error(form, "amount", host->aprintf(req, "Το ποσό του "
		    "λογαριασμού %s είναι %s· ελέγξτε τον αριθμό ή το ποσό.", no,
		    wat_money(req, b.amount)), host->aprintf(req, "Bill %s is "
		    "for %s; check the number or the amount.", no,
		    wat_money(req, b.amount)));
	return DM_OK;
}

/* The irrigation request: which parcel, how much of it, and the hours. */
struct irr {
	const char		*kaek;		/* normal form or NULL */
	const char		*name;
	long long		 area;		/* tenths */
	int			 crop;
	int			 season;
	int			 known;		/* the farmer's registered
						   parcel, within its area */
	struct wat_parcel_row	 parcel;
	long			 hours;
	int			 capped;
};

static dm_status
irrigation_read(struct dm_req *req, const char *afm,
    const char *(*get)(void *, const char *), void *src, struct dm_form *form,
    struct irr *x)
{
	const char *kaek = get(src, "parcel_kaek");
	const char *area = get(src, "area");
	const char *season = get(src, "season");
	char k[KIT_KAEK_MAX + 1], today[DM_DATE_SIZE], end[11], from[11];
	dm_status st;

	memset(x, 0, sizeof(*x));
	x->name = get(src, "parcel_name");
	x->crop = crop_parse(get(src, "crop"));
	host->today(today);
	if (kaek == NULL && x->name == NULL && form != NULL)
		host->form_error(form, "parcel_kaek", "Δώστε τον ΚΑΕΚ του "
		    "αγροτεμαχίου ή, αν δεν έχει, την τοποθεσία του.", "Give the "
		    "parcel's ΚΑΕΚ or, if it has none, its field name.");
	if (kaek != NULL) {
		if (kit_kaek_parse(kaek, k) != 0) {
			if (form != NULL)
				host->form_error(form, "parcel_kaek", "Ο ΚΑΕΚ "
				    "έχει 12 ψηφία, π.χ. 421219009002.",
				    "A ΚΑΕΚ is 12 digits, e.g. 421219009002.");
		} else {
			x->kaek = host->astrdup(req, k);
		}
	}
	x->area = area ? wat_area_parse(area) : -1;
	if (x->area <= 0 && form != NULL)
		host->form_error(form, "area", "Γράψτε την έκταση σε στρέμματα "
		    "με έως ένα δεκαδικό, π.χ. 12,5.", "Give the area in "
		    "stremmata with at most one decimal, e.g. 12,5.");
	x->season = season ? atoi(season) : 0;
	if (x->season != 0 && form != NULL) {
		int year = atoi(today);

		/* this year's season until it ends, or next year's */
		periods_next(&wat_conf.season, today, from, end);
		if (x->season != year && x->season != year + 1)
			host->form_error(form, "season", host->aprintf(req,
			    "Για την περίοδο %d ή %d.", year, year + 1),
			    host->aprintf(req, "For the %d or %d season.", year,
			    year + 1));
		else if (x->season == year && atoi(from) > year)
			host->form_error(form, "season", host->aprintf(req,
			    "Η αρδευτική περίοδος %d έχει λήξει· ζητήστε για "
			    "το %d.", year, year + 1), host->aprintf(req, "The "
			    "%d season is over; ask for %d.", year, year + 1));
	}
	if (x->crop >= 0 && wat_conf.rules.rate[x->crop] == 0 && form != NULL)
		host->form_error(form, "crop", "Η καλλιέργεια αυτή δεν αρδεύεται "
		    "από το δίκτυο του Δήμου.", "This crop is not watered from "
		    "the municipality's network.");
	if (x->crop < 0 || x->area <= 0 || afm == NULL)
		return DM_OK;
	x->hours = irrigation_hours(&wat_conf.rules, (enum crop)x->crop,
	    x->area, &x->capped);
	st = wat_parcel_find(req, afm, x->kaek, x->name, &x->parcel);
	if (st == DM_OK)
		x->known = x->area <= x->parcel.area;
	else if (st != DM_ENOTFOUND)
		return st;
	if (st == DM_OK && !x->known && form != NULL)
		host->form_error(form, "area", host->aprintf(req, "Το αγροτεμάχιο "
		    "είναι %s στρέμματα στο μητρώο.", wat_area_format(req,
		    x->parcel.area)), host->aprintf(req, "The parcel is %s "
		    "stremmata on the record.", wat_area_format(req,
		    x->parcel.area)));
	return DM_OK;
}

static const char *
form_get(void *src, const char *field)
{
	return wat_form_value(src, field);
}

struct req_src {
	struct dm_req		*req;
	const struct dm_request	*r;
};

static const char *
request_get(void *src, const char *field)
{
	struct req_src *x = src;

	return host->request_value(x->req, x->r, field);
}

static dm_status
water_validate(struct dm_req *req, const struct dm_service *svc,
    struct dm_form *form)
{
	const char *code = svc->code;

	if (strcmp(code, SVC_READING) == 0)
		return validate_reading(req, form);
	if (strcmp(code, SVC_HOLDER) == 0)
		return validate_holder(req, form);
	if (strcmp(code, SVC_DISCONNECT) == 0)
		validate_date_ahead(form, "date");
	else if (strcmp(code, SVC_DISPUTE) == 0)
		return validate_dispute(req, form);
	else if (strcmp(code, SVC_IRRIGATION) == 0) {
		struct irr x;

		return irrigation_read(req, verified_afm(host->req_user(req)),
		    form_get, form, form, &x);
	} else if (strcmp(code, SVC_CONNECTION) == 0) {
		const char *kaek = wat_form_value(form, "kaek");
		char k[KIT_KAEK_MAX + 1];

		if (kaek != NULL && kit_kaek_parse(kaek, k) != 0)
			host->form_error(form, "kaek", "Ο ΚΑΕΚ έχει 12 ψηφία, "
			    "π.χ. 421180202001.", "A ΚΑΕΚ is 12 digits, e.g. "
			    "421180202001.");
	}
	return DM_OK;
}

/* ------------------------- what a request comes to, before submit */

static long long
fee_of(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r)
{
	if (strcmp(svc->code, SVC_RECONNECT) == 0)
		return wat_conf.reconnection_fee;
	if (strcmp(svc->code, SVC_CERT) == 0)
		return wat_conf.certificate_fee;
	if (strcmp(svc->code, SVC_CONNECTION) == 0) {
		const char *k = host->request_value(req, r, "kind");

		return wat_conf.connection_fee[k != NULL && strcmp(k,
		    "sewer") == 0];
	}
	return 0;
}

static dm_status
water_preview(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *out)
{
	struct kit_outcome o = { host, req, svc, out, NULL };
	long long fee = fee_of(req, svc, r);
	dm_status st;

	if (fee > 0)
		kit_outcome_line(&o, host->tr(req, "Τέλος (ο υπάλληλος σας "
		    "δίνει τον τρόπο πληρωμής)", "Fee (the clerk tells you how "
		    "to pay)"), wat_money(req, fee));
	if (strcmp(svc->code, SVC_READING) == 0) {
		const struct wat_supply_row *s = named_supply(req,
		    host->request_value(req, r, "supply"));
		const char *v = host->request_value(req, r, "reading");
		struct wat_history *h;
		char today[DM_DATE_SIZE];

		if (s == NULL || v == NULL)
			return DM_OK;
		h = host->alloc(req, sizeof(*h));
		if ((st = wat_history_load(req, s->supply, 0, h)) != DM_OK)
			return st;
		host->today(today);
		if (h->n > 0 && strtoll(v, NULL, 10) >= h->v[h->n - 1].value) {
			const struct reading *l = &h->v[h->n - 1];

			kit_outcome_line(&o, host->tr(req, "Κατανάλωση από "
			    "την τελευταία ένδειξη", "Used since the last "
			    "reading"),
			    host->aprintf(req, "%lld m³ %s %ld %s %s)",
			    strtoll(v, NULL, 10) - l->value, host->tr(req,
			    "σε", "in"), days_between(l->date, today),
			    host->tr(req, "ημέρες (από", "days (since"),
			    wat_date(req, l->date)));
		}
	} else if (strcmp(svc->code, SVC_IRRIGATION) == 0) {
		struct req_src src = { req, r };
		struct irr x;

		if ((st = irrigation_read(req, verified_afm(r->applicant),
		    request_get, &src, NULL, &x)) != DM_OK || x.hours <= 0)
			return st;
		kit_outcome_line(&o, host->tr(req, "Ώρες άρδευσης κατά τους "
		    "κανόνες", "Irrigation hours by the rules"),
		    host->aprintf(req,
		    "%ld%s", x.hours, x.capped ? host->tr(req, " (το ανώτατο "
		    "ανά αίτηση)", " (the most per request)") : ""));
		kit_outcome_line(&o, host->tr(req, "Αγροτεμάχιο", "Parcel"),
		    x.known ?
		    host->tr(req, "στο μητρώο σας: εγκρίνεται αμέσως",
		    "on your record: granted at once") : host->tr(req, "όχι στο "
		    "μητρώο σας: θα το ελέγξει υπάλληλος", "not on your "
		    "record: a clerk will check it"));
	}
	return DM_OK;
}

/* -------------------------------------------------------- submission */

static dm_status
submit_reading(struct dm_req *req, const struct dm_request *r,
    struct dm_form *form)
{
	const char *no = wat_form_value(form, "supply");
	long long value = strtoll(wat_form_value(form, "reading"), NULL, 10);
	const struct wat_supply_row *s = named_supply(req, no);
	struct wat_history *h = host->alloc(req, sizeof(*h));
	char today[DM_DATE_SIZE];
	struct dm_value v[6];
	dm_status st;

	host->today(today);
	if (!periods_open(&wat_conf.periods, today)) {
		period_message(req, form, "reading");
		return DM_EINPUT;
	}
	if (s == NULL) {
		host->form_error(form, "supply", "Η παροχή δεν βρέθηκε.",
		    "The supply was not found.");
		return DM_EINPUT;
	}
	/* Two readings of one supply at once: the second waits for the
	 * first and is checked against it. */
	if ((st = wat_history_load(req, s->supply, 1, h)) != DM_OK)
		return st;
	reading_errors(req, form, s, h, value);
	if (host->field_has_error(form, "reading") ||
	    host->field_has_error(form, "supply"))
		return DM_EINPUT;
	v[0] = DM_VTEXT(s->supply);
	v[1] = DM_VTEXT(today);
	v[2] = DM_VINT(value);
	v[3] = DM_VTEXT(s->meter);
	v[4] = DM_VINT(r->id);
	v[5] = DM_VINT(r->applicant->id);
	st = host->db_exec(req, "INSERT INTO wat_readings (supply, read_on, "
	    "value, meter, kind, rank_in_day, source, request_id, account_id) "
	    "VALUES (?, ?, ?, ?, 'regular', 2, 'citizen', ?, ?)", v, 6, NULL,
	    NULL);
	if (st != DM_OK)
		return st;
	return host->request_answer(wat_self, req, r, host->aprintf(req,
	    "Η ένδειξη %lld m³ του υδρομέτρου %s (παροχή %s) καταχωρίστηκε "
	    "στις %s και θα χρησιμοποιηθεί στον επόμενο λογαριασμό.", value,
	    s->meter, s->supply, wat_date(req, today)), host->aprintf(req,
	    "The reading %lld m³ of meter %s (supply %s) was recorded on %s "
	    "and will be used for the next bill.", value, s->meter, s->supply,
	    wat_date(req, today)));
}

static dm_status
allot(struct dm_req *req, const struct dm_request *r, const char *afm,
    const struct irr *x)
{
	struct dm_value v[7];

	v[0] = DM_VINT(r->id);
	v[1] = DM_VTEXT(afm);
	v[2] = DM_VINT(x->season);
	v[3] = DM_VTEXT(x->kaek ? x->kaek : x->name);
	v[4] = DM_VTEXT(crop_names[x->crop]);
	v[5] = DM_VINT(x->area);
	v[6] = DM_VINT(x->hours);
	return host->db_exec(req, "INSERT IGNORE INTO wat_allotments "
	    "(request_id, afm, season, parcel, crop, area_tenths, hours) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", v, 7, NULL, NULL);
}

static dm_status
submit_irrigation(struct dm_req *req, const struct dm_request *r,
    struct dm_form *form)
{
	const char *afm = verified_afm(r->applicant);
	struct irr x;
	dm_status st;

	if ((st = irrigation_read(req, afm, form_get, form, form, &x)) != DM_OK)
		return st;
	if (!x.known || x.hours <= 0)
		return DM_OK;		/* a clerk checks the parcel */
	if ((st = allot(req, r, afm, &x)) != DM_OK)
		return st;
	return host->request_answer(wat_self, req, r, host->aprintf(req,
	    "Εγκρίθηκαν %ld ώρες νερού άρδευσης για την περίοδο %d, για "
	    "%s στρέμματα %s στο αγροτεμάχιο %s.%s", x.hours, x.season,
	    wat_area_format(req, x.area), wat_crop_el(x.crop), x.kaek ?
	    x.kaek : x.name, x.capped ? " (Το ανώτατο όριο ωρών ανά αίτηση.)" :
	    ""), host->aprintf(req, "%ld hours of irrigation water were "
	    "granted for the %d season, for %s stremmata of %s on parcel %s.%s",
	    x.hours, x.season, wat_area_format(req, x.area),
	    crop_names[x.crop], x.kaek ? x.kaek : x.name, x.capped ?
	    " (The most hours per request.)" : ""));
}

static dm_status
water_on_submit(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_form *form)
{
	if (strcmp(svc->code, SVC_READING) == 0)
		return submit_reading(req, r, form);
	if (strcmp(svc->code, SVC_IRRIGATION) == 0)
		return submit_irrigation(req, r, form);
	return DM_OK;
}

static dm_status
water_on_transition(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, enum dm_request_status from,
    enum dm_request_status to, const char *event)
{
	(void)from;
	(void)event;
	/* A clerk completing an irrigation request grants the hours the
	 * rules give (the parcel checked by hand). */
	if (strcmp(svc->code, SVC_IRRIGATION) == 0 && to == DM_REQ_COMPLETED) {
		struct req_src src = { req, r };
		const char *afm = r->applicant->afm;
		struct irr x;
		dm_status st;

		if (afm == NULL)
			return DM_OK;
		st = irrigation_read(req, afm, request_get, &src, NULL, &x);
		if (st != DM_OK || x.hours <= 0 || x.crop < 0)
			return st;
		return allot(req, r, afm, &x);
	}
	if (strcmp(svc->code, SVC_IRRIGATION) == 0 && (to == DM_REQ_REJECTED ||
	    to == DM_REQ_WITHDRAWN)) {
		struct dm_value p = DM_VINT(r->id);

		return host->db_exec(req, "DELETE FROM wat_allotments WHERE "
		    "request_id = ?", &p, 1, NULL, NULL);
	}
	return DM_OK;
}

/* ------------------------------------------------------- certificate */

static void *
req_alloc(void *ctx, size_t size)
{
	return host->alloc(ctx, size);
}

static dm_status
water_certificate(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, int auto_issue, const char *record_ref,
    struct dm_certificate *out)
{
	struct kit_alloc a = { req_alloc, req };
	const struct wat_supply_row *s;
	struct wat_bills *b;
	struct wat_history *h;
	struct kit_cert c;
	char today[DM_DATE_SIZE];
	long long overdue;
	dm_status st;

	if (strcmp(svc->code, SVC_CERT) != 0)
		return DM_ENOTFOUND;
	if (record_ref != NULL && strncmp(record_ref, "supply:", 7) != 0)
		return DM_ENOTFOUND;
	s = named_supply(req, record_ref != NULL ? record_ref + 7 :
	    host->request_value(req, r, "supply"));
	if (s == NULL || r->applicant->afm == NULL ||
	    strcmp(s->afm, r->applicant->afm) != 0)
		return auto_issue ? DM_ENOTFOUND : DM_EDENIED;
	/* A certificate with a fee is the clerk's, who sees it paid. */
	if (wat_conf.certificate_fee > 0 && auto_issue)
		return DM_ENOTFOUND;
	b = host->alloc(req, sizeof(*b));
	h = host->alloc(req, sizeof(*h));
	if ((st = wat_bills_of(req, s->supply, b)) != DM_OK ||
	    (st = wat_history_load(req, s->supply, 0, h)) != DM_OK)
		return st;
	host->today(today);
	if ((overdue = wat_bills_overdue(b, today)) > 0)
		return auto_issue ? DM_ENOTFOUND : DM_EDENIED;
	memset(out, 0, sizeof(*out));
	kit_cert_init(&c, &a);
	out->title = "ΒΕΒΑΙΩΣΗ ΜΗ ΟΦΕΙΛΗΣ ΛΟΓΑΡΙΑΣΜΩΝ ΥΔΡΕΥΣΗΣ";
	kit_cert_para(&c, "Βεβαιώνεται ότι, σύμφωνα με τα στοιχεία της "
	    "υπηρεσίας ύδρευσης κατά την %s, για την παροχή ύδρευσης με αριθμό "
	    "%s, στη διεύθυνση %s, δεν υπάρχουν ληξιπρόθεσμοι ανεξόφλητοι "
	    "λογαριασμοί νερού.", kit_adate(&a, today), s->supply, s->address);
	kit_cert_row(&c, "Αριθμός παροχής", s->supply);
	kit_cert_row(&c, "Διεύθυνση", s->address);
	kit_cert_row(&c, "Υπόχρεος", s->holder);
	kit_cert_row(&c, "ΑΦΜ υπόχρεου", s->afm);
	kit_cert_row(&c, "Υδρόμετρο", s->meter);
	if (h->n > 0)
		kit_cert_row(&c, "Τελευταία ένδειξη", kit_aprintf(&a, "%lld m³ "
		    "(%s)", h->v[h->n - 1].value, kit_adate(&a,
		    h->v[h->n - 1].date)));
	if (b->n > 0)
		kit_cert_row(&c, "Τελευταίος λογαριασμός", kit_aprintf(&a, "%s, "
		    "%s – %s, %s", b->v[0].bill, kit_adate(&a, b->v[0].from),
		    kit_adate(&a, b->v[0].to), b->v[0].paid >= b->v[0].amount ?
		    "εξοφλημένος" : kit_aprintf(&a, "λήξη %s", kit_adate(&a,
		    b->v[0].due))));
	out->table_title = "Παροχή";
	kit_cert_remark(&c, "Λογαριασμοί που εκδίδονται μετά την ημερομηνία "
	    "αυτή, και η κατανάλωση από την τελευταία ένδειξη, βαρύνουν τον "
	    "υπόχρεο μέχρι να δηλωθεί αλλαγή υπόχρεου.");
	out->holder = kit_adup(&a, s->holder);
	out->record_ref = kit_aprintf(&a, "supply:%s", s->supply);
	return kit_cert_finish(&c, out) == 0 ? DM_OK : DM_EINTERNAL;
}

/* -------------------------------------------------------- descriptor */

static const struct dm_route routes[] = {
	{ .methods = DM_METHOD_GET, .pattern = "/water/supplies",
	  .access = DM_ROUTE_LOGIN, .handler = wat_page_supplies },
	{ .methods = DM_METHOD_GET, .pattern = "/water/supplies/:no",
	  .access = DM_ROUTE_LOGIN, .handler = wat_page_supply },
	{ .methods = DM_METHOD_GET, .pattern = "/staff/water/supplies",
	  .access = DM_ROUTE_STAFF, .handler = wat_page_staff_search },
	{ .methods = DM_METHOD_GET, .pattern = "/staff/water/supplies/:no",
	  .access = DM_ROUTE_STAFF, .handler = wat_page_staff_supply },
	{ .methods = DM_METHOD_POST,
	  .pattern = "/staff/water/supplies/:no/meter",
	  .access = DM_ROUTE_STAFF, .handler = wat_page_staff_meter },
	{ .pattern = NULL },
};

static int
water_command(const struct dm_host *h, struct dm_plugin_ctx *ctx, int argc,
    char **argv)
{
	(void)h;
	(void)ctx;
	/* argv[0] is the plugin's name, argv[1] the command. */
	return argc > 0 ? wat_command(argc - 1, argv + 1) : 2;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = "water",
	.version = "1.0",
	.department = &water_department,
	.services = water_services,
	.routes = routes,
	.config = config_keys,
	.init = water_init,
	.validate = water_validate,
	.certificate = water_certificate,
	.staff_panel = wat_staff_panel,
	.command = water_command,
	.on_submit = water_on_submit,
	.on_transition = water_on_transition,
	.choices = water_choices,
	.preview = water_preview,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
