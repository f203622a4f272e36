/*
 * pages_capacity.c - the head's settings of the pickups: how many a zone
 * takes on each weekday and which crew, the days closed (for one zone or
 * all); and, for everyone, the free pickup days of a settlement.
 */
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "dimos/kit/text.h"

#include "capacity.h"
#include "cleaning.h"
#include "crews.h"
#include "pages.h"
#include "places.h"

#define WORKDAYS	5	/* Monday to Friday: pickups are on business
				   days */
#define CLOSED_SHOWN	100	/* closed days listed, from today on */
#define REASON_MAX	200	/* characters */

static const char *const wd_el[WORKDAYS + 1] = { "", "Δευτέρα", "Τρίτη",
	"Τετάρτη", "Πέμπτη", "Παρασκευή" };
static const char *const wd_en[WORKDAYS + 1] = { "", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday" };

/* What the head typed, kept when the page comes back with errors. */
struct posted {
	int		 have;
	int		 week_bad;	/* a day or a crew refused */
	/* close form */
	const char	*date, *zone, *reason;
	const char	*date_error, *zone_error, *reason_error;
};

struct closed_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
};

static dm_status
closed_row(void *arg, const struct dm_value *c, size_t n)
{
	struct closed_ctx *x = arg;
	struct dm_node *d;
	const char *zone;

	if (n < 4)
		return DM_EINTERNAL;
	zone = cl_str(&c[1]);
	d = cl_host->node_add(x->list, "day", NULL);
	cl_host->node_attr(d, "date", cl_str(&c[0]));
	cl_host->node_attr(d, "shown", cl_day_name(x->req, cl_str(&c[0])));
	cl_host->node_attr(d, "zone", zone);
	cl_host->node_attr(d, "zone-name", strcmp(zone, CAP_ALL_ZONES) == 0 ?
	    cl_host->tr(x->req, "Όλες οι ζώνες", "Every zone") :
	    place_zone_name(x->req, zone));
	if (c[2].type != DM_V_NULL)
		cl_host->node_attr(d, "reason", cl_str(&c[2]));
	cl_host->node_attr_int(d, "booked", cl_int(&c[3]));
	return DM_OK;
}

static const char *
field_name(struct dm_req *req, const char *zone, int wd)
{
	return cl_host->aprintf(req, "cap_%s_%d", zone, wd);
}

/* A count of pickups as typed: digits only, 0 .. CAP_MAX_PICKUPS. */
static int
pickups_value(const char *v, int *out)
{
	size_t len = v ? strlen(v) : 0;

	if (len == 0 || len > 3 || strspn(v, "0123456789") != len)
		return 0;
	*out = atoi(v);
	return *out <= CAP_MAX_PICKUPS;
}

/* A zone's crew as chosen: none, or an active crew's id. */
static int
crew_value(struct dm_req *req, const char *v)
{
	struct crew k;
	long long id;

	if (v == NULL || v[0] == '\0')
		return 1;
	id = pages_id(v);
	return id != 0 && crew_load(req, id, &k) == DM_OK && k.active;
}

/* The page, from the tables or with what was posted and its errors. */
static dm_status
capacity_page(struct dm_req *req, const struct posted *p)
{
	struct dm_node *c, *zones, *n;
	struct closed_ctx cx;
	char today[DM_DATE_SIZE];
	const char *zone;
	dm_status st;

	cl_host->today(today);
	c = cl_host->page_begin(req, "capacity", cl_host->tr(req,
	    "Χωρητικότητα αποκομιδών", "Pickup capacity"));
	cl_host->node_attr(c, "today", today);
	if (!p->have && cl_host->req_query(req, "saved") != NULL)
		cl_host->node_attr(c, "saved", "1");
	if (p->week_bad)
		cl_host->node_attr(c, "errors", "1");
	n = cl_host->node_add(c, "weekdays", NULL);
	for (int wd = 1; wd <= WORKDAYS; wd++) {
		struct dm_node *d = cl_host->node_add(n, "wd", NULL);

		cl_host->node_attr_int(d, "n", wd);
		cl_host->node_attr(d, "name", cl_host->tr(req, wd_el[wd],
		    wd_en[wd]));
	}
	if ((st = pages_crew_options(req, cl_host->node_add(c, "crews",
	    NULL), 0)) != DM_OK)
		return st;
	zones = cl_host->node_add(c, "zones", NULL);
	for (size_t i = 0; (zone = place_zone_at(i)) != NULL; i++) {
		struct dm_node *z = cl_host->node_add(zones, "zone", NULL);
		struct cap_week w;
		long long crew = 0;

		if ((st = cap_week_load(req, zone, &w)) != DM_OK ||
		    (st = crew_of_zone(req, zone, &crew)) != DM_OK)
			return st;
		cl_host->node_attr(z, "code", zone);
		cl_host->node_attr(z, "name", place_zone_name(req, zone));
		if (p->have) {
			const char *v = cl_host->req_form(req,
			    cl_host->aprintf(req, "crew_%s", zone));

			cl_host->node_attr(z, "crew", v ? v : "");
			if (!crew_value(req, v))
				cl_host->node_attr(z, "crew-error", cl_host->tr(
				    req, "Διαλέξτε ενεργό συνεργείο από τη "
				    "λίστα.", "Choose an active crew from the "
				    "list."));
		} else if (crew != 0)
			cl_host->node_attr(z, "crew", cl_host->aprintf(req,
			    "%lld", crew));
		for (int wd = 1; wd <= WORKDAYS; wd++) {
			struct dm_node *d = cl_host->node_add(z, "day", NULL);
			const char *name = field_name(req, zone, wd);

			cl_host->node_attr_int(d, "wd", wd);
			cl_host->node_attr(d, "name", name);
			if (p->have) {
				const char *v = cl_host->req_form(req, name);
				int k;

				cl_host->node_attr(d, "value", v ? v : "");
				if (!pickups_value(v, &k))
					cl_host->node_attr(d, "error",
					    cl_host->tr(req, cl_host->aprintf(
					    req, "Γράψτε αριθμό αποκομιδών "
					    "από 0 έως %d.", CAP_MAX_PICKUPS),
					    cl_host->aprintf(req, "Write a "
					    "number of pickups from 0 to %d.",
					    CAP_MAX_PICKUPS)));
			} else
				cl_host->node_attr_int(d, "value",
				    w.pickups[wd]);
		}
	}
	/* The closing form, and the days closed from today on. */
	n = cl_host->node_add(c, "close", NULL);
	if (p->date)
		cl_host->node_attr(n, "date", p->date);
	if (p->zone)
		cl_host->node_attr(n, "zone", p->zone);
	if (p->reason)
		cl_host->node_attr(n, "reason", p->reason);
	if (p->date_error)
		cl_host->node_attr(n, "date-error", p->date_error);
	if (p->zone_error)
		cl_host->node_attr(n, "zone-error", p->zone_error);
	if (p->reason_error)
		cl_host->node_attr(n, "reason-error", p->reason_error);
	cx.req = req;
	cx.list = cl_host->node_add(c, "closed", NULL);
	{
		struct dm_value q = DM_VTEXT(today);

		return cl_host->db_query(req, "SELECT c.day, c.zone, c.reason, "
		    "(SELECT COALESCE(SUM(d.booked), 0) FROM cleaning_days d "
		    "WHERE d.day = c.day AND (c.zone = '" CAP_ALL_ZONES "' OR "
		    "d.zone = c.zone)) FROM cleaning_closed c WHERE c.day >= ? "
		    "ORDER BY c.day, c.zone LIMIT 100", &q, 1, closed_row, &cx);
	}
}

/* GET /staff/cleaning/capacity (the head) */
dm_status
page_capacity(struct dm_req *req)
{
	struct posted p;

	memset(&p, 0, sizeof(p));
	return capacity_page(req, &p);
}

struct save_ctx {
	struct cap_week	 week[64];
	long long	 crew[64];
	size_t		 nzones;
	long long	 by;
};

static dm_status
save_tx(struct dm_req *req, void *arg)
{
	struct save_ctx *x = arg;
	dm_status st;

	for (size_t i = 0; i < x->nzones; i++) {
		const char *zone = place_zone_at(i);

		if ((st = cap_week_save(req, zone, &x->week[i], x->by)) !=
		    DM_OK || (st = crew_set_zone(req, zone, x->crew[i])) !=
		    DM_OK)
			return st;
	}
	return DM_OK;
}

/* POST /staff/cleaning/capacity: every zone's week and crew at once. */
dm_status
page_capacity_save(struct dm_req *req)
{
	struct save_ctx *x = cl_host->alloc(req, sizeof(*x));
	struct posted p;
	const char *zone;
	int bad = 0;
	dm_status st;

	memset(&p, 0, sizeof(p));
	x->by = pages_me(req);
	for (size_t i = 0; (zone = place_zone_at(i)) != NULL; i++) {
		const char *cv = cl_host->req_form(req, cl_host->aprintf(req,
		    "crew_%s", zone));

		if (i >= sizeof(x->week) / sizeof(x->week[0]))
			return DM_ELIMIT;
		x->nzones = i + 1;
		for (int wd = 1; wd <= WORKDAYS; wd++)
			if (!pickups_value(cl_host->req_form(req,
			    field_name(req, zone, wd)),
			    &x->week[i].pickups[wd]))
				bad = 1;
		x->crew[i] = cv == NULL || cv[0] == '\0' ? 0 : pages_id(cv);
		if (!crew_value(req, cv))
			bad = 1;
	}
	if (bad) {
		p.have = 1;
		p.week_bad = 1;	/* each field says its own */
		return capacity_page(req, &p) == DM_OK ? DM_EINPUT :
		    DM_EINTERNAL;
	}
	if ((st = cl_host->db_tx(req, save_tx, x)) != DM_OK)
		return st;
	cl_host->log(cl_self, DM_LOG_INFO, "account %lld set the pickups' "
	    "capacity of %zu zones", x->by, x->nzones);
	cl_host->redirect(req, "/staff/" CL_PLUGIN "/capacity?saved=1");
	return DM_OK;
}

/* POST /staff/cleaning/capacity/close: date, zone ("*" or a zone), reason */
dm_status
page_capacity_close(struct dm_req *req)
{
	struct posted p;
	char today[DM_DATE_SIZE];
	dm_status st;

	memset(&p, 0, sizeof(p));
	p.date = cl_host->req_form(req, "date");
	p.zone = cl_host->req_form(req, "zone");
	p.reason = cl_host->req_form(req, "reason");
	cl_host->today(today);
	if (p.date == NULL || kit_date_weekday(p.date) == 0)
		p.date_error = cl_host->tr(req, "Γράψτε την ημερομηνία ως "
		    "ΕΕΕΕ-ΜΜ-ΗΗ.", "Write the date as YYYY-MM-DD.");
	else if (strcmp(p.date, today) < 0)
		p.date_error = cl_host->tr(req, "Η ημέρα έχει περάσει.",
		    "That day has passed.");
	if (p.zone == NULL || (strcmp(p.zone, CAP_ALL_ZONES) != 0 &&
	    !place_zone_known(p.zone)))
		p.zone_error = cl_host->tr(req, "Διαλέξτε ζώνη από τη λίστα.",
		    "Choose a zone from the list.");
	if (p.reason != NULL && (kit_utf8_chars(p.reason) > REASON_MAX ||
	    strpbrk(p.reason, "\r\n") != NULL))
		p.reason_error = cl_host->tr(req, "Έως 200 χαρακτήρες, σε μία "
		    "γραμμή.", "At most 200 characters, on one line.");
	if (p.date_error || p.zone_error || p.reason_error) {
		p.have = 1;
		return capacity_page(req, &p) == DM_OK ? DM_EINPUT :
		    DM_EINTERNAL;
	}
	if ((st = cap_close(req, p.date, p.zone, p.reason, pages_me(req))) !=
	    DM_OK)
		return st;
	cl_host->log(cl_self, DM_LOG_INFO, "account %lld closed %s in zone %s",
	    pages_me(req), p.date, p.zone);
	cl_host->redirect(req, "/staff/" CL_PLUGIN "/capacity?saved=1");
	return DM_OK;
}

/* POST /staff/cleaning/capacity/reopen: date, zone */
dm_status
page_capacity_reopen(struct dm_req *req)
{
	const char *date = cl_host->req_form(req, "date");
	const char *zone = cl_host->req_form(req, "zone");
	dm_status st;

	if (kit_date_weekday(date) == 0 || zone == NULL ||
	    (strcmp(zone, CAP_ALL_ZONES) != 0 && !place_zone_known(zone)))
		return DM_EINPUT;
	if ((st = cap_reopen(req, date, zone)) != DM_OK)
		return st;
	cl_host->redirect(req, "/staff/" CL_PLUGIN "/capacity?saved=1");
	return DM_OK;
}

/* ------------------------------------------------- the free days */

/* GET /cleaning/days[?settlement=<code>]: anyone may see which days have
 * room, before booking (and without JavaScript). */
dm_status
page_free_days(struct dm_req *req)
{
	const char *code = cl_host->req_query(req, "settlement");
	struct dm_node *c, *list;
	struct cl_place pl;
	dm_status st;

	c = cl_host->page_begin(req, "days", cl_host->tr(req,
	    "Ελεύθερες ημέρες αποκομιδής", "Free pickup days"));
	list = cl_host->node_add(c, "settlements", NULL);
	for (size_t i = 0; place_settlement_at(i, &pl); i++) {
		struct dm_node *s = cl_host->node_add(list, "settlement",
		    NULL);

		cl_host->node_attr(s, "code", pl.settlement);
		cl_host->node_attr(s, "name", place_settlement_name(req,
		    pl.settlement));
		if (code != NULL && strcmp(code, pl.settlement) == 0) {
			char first[DM_DATE_SIZE], last[DM_DATE_SIZE];
			char today[DM_DATE_SIZE];
			struct cap_day *days;
			size_t n;

			cl_host->node_attr(s, "selected", "1");
			cl_host->node_attr(c, "settlement", pl.settlement);
			cl_host->node_attr(c, "name", place_settlement_name(req,
			    pl.settlement));
			cl_host->today(today);
			if (cl_host->add_business_days(today, 1, first) !=
			    DM_OK || cl_host->add_business_days(today,
			    cl_cfg.book_ahead, last) != DM_OK)
				return DM_EINTERNAL;
			days = cl_host->alloc(req, CL_WINDOW_MAX *
			    sizeof(*days));
			if ((st = cap_days(req, pl.zone, first, last, days,
			    CL_WINDOW_MAX, &n)) != DM_OK)
				return st;
			{
				struct dm_node *dl = cl_host->node_add(c,
				    "free", NULL);

				for (size_t k = 0; k < n; k++) {
					struct dm_node *d;

					if (days[k].free == 0)
						continue;
					d = cl_host->node_add(dl, "day", NULL);
					cl_host->node_attr(d, "date",
					    days[k].date);
					cl_host->node_attr(d, "shown",
					    cl_day_name(req, days[k].date));
					cl_host->node_attr_int(d, "places",
					    days[k].free);
				}
			}
		}
	}
	if (code != NULL && code[0] != '\0' &&
	    cl_host->req_query(req, "settlement") != NULL &&
	    !place_settlement_known(code))
		return DM_ENOTFOUND;
	return DM_OK;
}
