/*
 * pages_sheet.c - the pickups for the staff: the plan of the next days
 * per zone, a day's sheet per crew (a page that prints well, and a PDF)
 * with the addresses in settlement order, the items and phones, and
 * "done" for a crew's whole day at once.
 */
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "dimos/kit/text.h"

#include "bookings.h"
#include "capacity.h"
#include "cleaning.h"
#include "crews.h"
#include "pages.h"
#include "places.h"

#define PLAN_DAYS	10	/* business days the plan shows */
#define SHEET_MAX	2000	/* pickups one sheet holds */

/* ------------------------------------------------------------ helpers */

long long
pages_id(const char *s)
{
	char *end;
	long long v;

	if (s == NULL || *s < '1' || *s > '9' || strlen(s) > 18)
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' ? v : 0;
}

long long
pages_me(struct dm_req *req)
{
	const struct dm_user *u = cl_host->req_user(req);

	return u ? u->id : 0;
}

/* ------------------------------------------------------ the plan */

/* GET /staff/cleaning/pickups[?from=YYYY-MM-DD] */
dm_status
page_pickups(struct dm_req *req)
{
	const char *from = cl_host->req_query(req, "from");
	char today[DM_DATE_SIZE], first[DM_DATE_SIZE], last[DM_DATE_SIZE];
	struct dm_node *c, *zones;
	const char *zone;
	dm_status st;

	cl_host->today(today);
	if (from == NULL || kit_date_weekday(from) == 0)
		from = today;
	if (cl_host->add_business_days(from, 0, first) != DM_OK ||
	    cl_host->add_business_days(first, PLAN_DAYS - 1, last) != DM_OK)
		return DM_EINPUT;
	c = cl_host->page_begin(req, "pickups", cl_host->tr(req,
	    "Αποκομιδές ογκωδών", "Bulky pickups"));
	cl_host->node_attr(c, "from", first);
	cl_host->node_attr(c, "today", today);
	{
		char prev[DM_DATE_SIZE], next[DM_DATE_SIZE];
		int back = 0;

		if (cl_host->add_business_days(last, 1, next) == DM_OK)
			cl_host->node_attr(c, "next", next);
		/* The plan before this one, never before today. */
		cl_copy(prev, sizeof(prev), first);
		for (int i = 0; i < 4 * PLAN_DAYS && back < PLAN_DAYS &&
		    strcmp(prev, today) > 0; i++) {
			(void)kit_date_add(prev, -1, prev);
			back += cl_host->is_business_day(prev) == 1;
		}
		if (strcmp(prev, first) != 0)
			cl_host->node_attr(c, "prev", prev);
	}
	{
		struct dm_node *days = cl_host->node_add(c, "days", NULL);
		char d[DM_DATE_SIZE];

		cl_copy(d, sizeof(d), first);
		for (int i = 0; i < PLAN_DAYS; i++) {
			struct dm_node *n = cl_host->node_add(days, "day",
			    NULL);

			cl_host->node_attr(n, "date", d);
			cl_host->node_attr(n, "shown", cl_day_name(req, d));
			if (cl_host->add_business_days(d, 1, d) != DM_OK)
				break;
		}
	}
	zones = cl_host->node_add(c, "zones", NULL);
	for (size_t i = 0; (zone = place_zone_at(i)) != NULL; i++) {
		struct cap_day days[PLAN_DAYS];
		struct dm_node *z = cl_host->node_add(zones, "zone", NULL);
		size_t n;

		cl_host->node_attr(z, "code", zone);
		cl_host->node_attr(z, "name", place_zone_name(req, zone));
		if ((st = cap_days(req, zone, first, last, days, PLAN_DAYS,
		    &n)) != DM_OK)
			return st;
		for (size_t k = 0; k < n; k++) {
			struct dm_node *d = cl_host->node_add(z, "day", NULL);

			cl_host->node_attr(d, "date", days[k].date);
			cl_host->node_attr_int(d, "limit", days[k].limit);
			cl_host->node_attr_int(d, "booked", days[k].booked);
			if (days[k].closed)
				cl_host->node_attr(d, "closed", "1");
		}
	}
	return DM_OK;
}

/* ------------------------------------------------------ a day's sheet */

struct sheet {
	struct dm_req	 *req;
	struct booking	 *v;
	size_t		  n;
	size_t		  cap;
	const char	**sort_key;	/* per pickup, parallel to v */
};

static dm_status
sheet_add(void *arg, const struct booking *b)
{
	struct sheet *s = arg;

	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 32;
		struct booking *nv;

		if (ncap > SHEET_MAX)
			return DM_ELIMIT;
		nv = cl_host->alloc(s->req, ncap * sizeof(*nv));
		if (s->n > 0)
			memcpy(nv, s->v, s->n * sizeof(*nv));
		s->v = nv;
		s->cap = ncap;
	}
	s->v[s->n++] = *b;
	return DM_OK;
}

/* Crews by name (no crew last), then settlements by their Greek name,
 * then addresses. */
static struct dm_req *sort_req;

static int
sheet_cmp(const void *pa, const void *pb)
{
	const struct booking *a = pa, *b = pb;
	char fa[KIT_FOLD_MAX], fb[KIT_FOLD_MAX];
	int c;

	if ((a->crew == NULL) != (b->crew == NULL))
		return a->crew == NULL ? 1 : -1;
	if (a->crew != NULL && (c = strcmp(a->crew, b->crew)) != 0)
		return c;
	if (a->crew_id != b->crew_id)
		return a->crew_id < b->crew_id ? -1 : 1;
	kit_fold(place_settlement_name(sort_req, a->settlement), fa,
	    sizeof(fa));
	kit_fold(place_settlement_name(sort_req, b->settlement), fb,
	    sizeof(fb));
	if ((c = strcmp(fa, fb)) != 0)
		return c;
	kit_fold(a->address, fa, sizeof(fa));
	kit_fold(b->address, fb, sizeof(fb));
	if ((c = strcmp(fa, fb)) != 0)
		return c;
	return a->request_id < b->request_id ? -1 : a->request_id >
	    b->request_id;
}

/* The date and crew of a sheet from the path and query: crew 0 every
 * crew's, -1 the pickups without one. */
static dm_status
sheet_load(struct dm_req *req, const char **date, long long *crew,
    struct sheet *s)
{
	const char *q = cl_host->req_query(req, "crew");
	dm_status st;

	*date = cl_host->req_arg(req, "date");
	if (kit_date_weekday(*date) == 0)
		return DM_ENOTFOUND;
	*crew = q == NULL || q[0] == '\0' ? 0 : strcmp(q, "none") == 0 ? -1 :
	    pages_id(q);
	if (q != NULL && q[0] != '\0' && *crew == 0)
		return DM_ENOTFOUND;
	memset(s, 0, sizeof(*s));
	s->req = req;
	if ((st = bookings_of_day(req, *date, *crew, sheet_add, s)) != DM_OK)
		return st;
	sort_req = req;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), sheet_cmp);
	return DM_OK;
}

struct crew_list {
	struct dm_req	*req;
	struct dm_node	*list;
	long long	 selected;
};

static dm_status
crew_option(void *arg, const struct crew *k)
{
	struct crew_list *x = arg;
	struct dm_node *n = cl_host->node_add(x->list, "crew", NULL);

	cl_host->node_attr_int(n, "id", k->id);
	cl_host->node_attr(n, "name", k->name);
	if (k->id == x->selected)
		cl_host->node_attr(n, "selected", "1");
	return DM_OK;
}

static void
item_totals(struct dm_req *req, struct dm_node *group, const int *total)
{
	struct dm_node *t = cl_host->node_add(group, "totals", NULL);

	for (int i = 0; i < ITEM__MAX; i++) {
		struct dm_node *n;

		if (total[i] == 0)
			continue;
		n = cl_host->node_add(t, "item", NULL);
		cl_host->node_attr(n, "label", cl_host->tr(req,
		    cl_items[i].label_el, cl_items[i].label_en));
		cl_host->node_attr_int(n, "count", total[i]);
	}
}

/* GET /staff/cleaning/days/:date[?crew=<id>|none] */
dm_status
page_day(struct dm_req *req)
{
	struct sheet s;
	struct crew_list cl;
	struct dm_node *c, *group = NULL, *place = NULL;
	const char *date, *done = cl_host->req_query(req, "done");
	char today[DM_DATE_SIZE];
	int total[ITEM__MAX];
	long long crew, group_crew = -2;
	const char *group_place = NULL;
	dm_status st;

	if ((st = sheet_load(req, &date, &crew, &s)) != DM_OK)
		return st;
	cl_host->today(today);
	c = cl_host->page_begin(req, "day", cl_host->aprintf(req, "%s %s",
	    cl_host->tr(req, "Αποκομιδές της", "Pickups of"),
	    cl_day_name(req, date)));
	cl_host->node_attr(c, "date", date);
	cl_host->node_attr(c, "shown", cl_day_name(req, date));
	cl_host->node_attr_int(c, "crew", crew);
	cl_host->node_attr_int(c, "count", (long long)s.n);
	cl_host->node_attr(c, "pdf", cl_host->aprintf(req, "/staff/%s/days/%s/"
	    "pdf%s", CL_PLUGIN, date, crew > 0 ? cl_host->aprintf(req,
	    "?crew=%lld", crew) : crew < 0 ? "?crew=none" : ""));
	if (strcmp(date, today) <= 0)
		cl_host->node_attr(c, "past", "1");
	if (done != NULL && done[0] != '\0' && strspn(done, "0123456789") ==
	    strlen(done) && strlen(done) < 6)
		cl_host->node_attr(c, "done", done);
	cl.req = req;
	cl.list = cl_host->node_add(c, "crews", NULL);
	cl.selected = crew;
	if ((st = crews_list(req, 1, crew_option, &cl)) != DM_OK)
		return st;
	memset(total, 0, sizeof(total));
	for (size_t i = 0; i < s.n; i++) {
		const struct booking *b = &s.v[i];
		struct dm_node *p;

		if (group == NULL || b->crew_id != group_crew) {
			if (group != NULL)
				item_totals(req, group, total);
			memset(total, 0, sizeof(total));
			group = cl_host->node_add(c, "group", NULL);
			group_crew = b->crew_id;
			group_place = NULL;
			if (b->crew_id != 0) {
				cl_host->node_attr_int(group, "crew",
				    b->crew_id);
				cl_host->node_attr(group, "name", b->crew);
			}
		}
		if (group_place == NULL || strcmp(group_place,
		    b->settlement) != 0) {
			place = cl_host->node_add(group, "settlement", NULL);
			cl_host->node_attr(place, "name",
			    place_settlement_name(req, b->settlement));
			group_place = b->settlement;
		}
		p = cl_host->node_add(place, "pickup", NULL);
		cl_host->node_attr_int(p, "request", b->request_id);
		cl_host->node_attr(p, "protocol", b->protocol);
		cl_host->node_attr(p, "address", b->address);
		if (b->name)
			cl_host->node_attr(p, "name", b->name);
		cl_host->node_attr(p, "phone", b->phone);
		cl_host->node_attr(p, "items", booking_items_text(req, b));
		cl_host->node_attr_int(p, "pieces", booking_pieces(b));
		if (b->notes)
			cl_host->node_attr(p, "notes", b->notes);
		cl_host->node_attr(p, "status", booking_status_name(b->status));
		for (int k = 0; k < ITEM__MAX; k++)
			total[k] += b->count[k];
	}
	if (group != NULL)
		item_totals(req, group, total);
	return DM_OK;
}

/* GET /staff/cleaning/days/:date/pdf[?crew=...]: the same for paper. */
dm_status
page_day_pdf(struct dm_req *req)
{
	static const double widths[] = { 0.9, 2.2, 3.4, 3.2, 1.8, 2.5 };
	struct sheet s;
	struct dm_sheet doc;
	struct dm_sheet_table *tables;
	const char *date, *heads[6];
	long long crew;
	size_t nt = 0;
	dm_status st;

	if ((st = sheet_load(req, &date, &crew, &s)) != DM_OK)
		return st;
	heads[0] = "#";
	heads[1] = cl_host->tr(req, "Οικισμός", "Settlement");
	heads[2] = cl_host->tr(req, "Διεύθυνση", "Address");
	heads[3] = cl_host->tr(req, "Αντικείμενα", "Items");
	heads[4] = cl_host->tr(req, "Τηλέφωνο", "Phone");
	heads[5] = cl_host->tr(req, "Αρ. πρωτ. / όνομα", "Protocol / name");
	tables = cl_host->alloc(req, (s.n + 1) * sizeof(*tables));
	memset(&doc, 0, sizeof(doc));
	doc.title = cl_host->aprintf(req, "%s %s", cl_host->tr(req,
	    "ΦΥΛΛΟ ΑΠΟΚΟΜΙΔΗΣ", "PICKUP SHEET"), cl_day_name(req, date));
	doc.subtitle = cl_host->tr(req, "Ογκώδη αντικείμενα και κλαδέματα",
	    "Bulky items and branches");
	doc.filename = cl_host->aprintf(req, "apokomides-%s%s.pdf", date,
	    crew > 0 ? cl_host->aprintf(req, "-synergeio-%lld", crew) : "");
	for (size_t i = 0; i < s.n;) {
		size_t j = i, row = 0;
		const char **cells;
		struct dm_sheet_table *t = &tables[nt++];

		while (j < s.n && s.v[j].crew_id == s.v[i].crew_id)
			j++;
		cells = cl_host->alloc(req, (j - i) * 6 * sizeof(*cells));
		t->title = cl_host->aprintf(req, "%s (%zu)", s.v[i].crew ?
		    s.v[i].crew : cl_host->tr(req, "Χωρίς συνεργείο",
		    "No crew"), j - i);
		t->columns = heads;
		t->ncolumns = 6;
		t->widths = widths;
		for (size_t k = i; k < j; k++, row++) {
			const struct booking *b = &s.v[k];
			const char **r = &cells[row * 6];

			r[0] = cl_host->aprintf(req, "%zu", row + 1);
			r[1] = place_settlement_name(req, b->settlement);
			r[2] = b->notes ? cl_host->aprintf(req, "%s\n%s",
			    b->address, b->notes) : b->address;
			r[3] = booking_items_text(req, b);
			r[4] = b->phone;
			r[5] = cl_host->aprintf(req, "%s%s%s%s", b->protocol,
			    b->name ? "\n" : "", b->name ? b->name : "",
			    b->status == BOOKING_DONE ? cl_host->tr(req,
			    "\n(έγινε)", "\n(done)") : "");
		}
		t->cells = cells;
		t->nrows = row;
		i = j;
	}
	doc.tables = tables;
	doc.ntables = nt;
	if (nt == 0)
		doc.paragraphs = (const char *const[]){ cl_host->tr(req,
		    "Καμία αποκομιδή αυτή την ημέρα.", "No pickups that "
		    "day.") }, doc.nparagraphs = 1;
	return cl_host->send_pdf(req, &doc);
}

/* ------------------------------------------------------ done */

struct done_ctx {
	struct dm_req	*req;
	struct sheet	*s;
	long long	 crew;
	const char	*date;
	size_t		 done;
};

/* One transaction: every chosen pickup of the crew's day still booked is
 * completed (on_transition marks it done); a pickup withdrawn meanwhile
 * is no longer on the list. */
static dm_status
done_tx(struct dm_req *req, void *arg)
{
	struct done_ctx *x = arg;
	const char *text = cl_host->aprintf(req, "%s %s.", cl_host->tr(req,
	    "Η αποκομιδή έγινε:", "The pickup was made on"),
	    cl_day_name(req, x->date));
	dm_status st;

	x->done = 0;
	for (size_t i = 0; i < x->s->n; i++) {
		const struct booking *b = &x->s->v[i];
		const char *v = cl_host->req_form(req, cl_host->aprintf(req,
		    "pickup_%lld", b->request_id));
		struct booking now;

		if (v == NULL || strcmp(v, "1") != 0 ||
		    b->status != BOOKING_BOOKED)
			continue;
		if ((st = booking_load(req, b->request_id, 1, &now)) != DM_OK)
			return st;
		if (now.status != BOOKING_BOOKED)
			continue;
		if ((st = cl_host->request_act(req, b->request_id, "complete",
		    text)) != DM_OK)
			return st;
		x->done++;
	}
	return DM_OK;
}

/* POST /staff/cleaning/days/:date/done?crew=<id>: the crew's day is done
 * (the pickups ticked on the page; all of them unless unticked). */
dm_status
page_day_done(struct dm_req *req)
{
	struct sheet s;
	struct done_ctx x;
	const char *date;
	char today[DM_DATE_SIZE];
	long long crew;
	dm_status st;

	if ((st = sheet_load(req, &date, &crew, &s)) != DM_OK)
		return st;
	cl_host->today(today);
	if (crew <= 0 || strcmp(date, today) > 0)
		return DM_ECONFLICT;	/* the page offers neither */
	x.req = req;
	x.s = &s;
	x.crew = crew;
	x.date = date;
	x.done = 0;
	if ((st = cl_host->db_tx(req, done_tx, &x)) != DM_OK)
		return st;
	cl_host->redirect(req, cl_host->aprintf(req, "/staff/%s/days/%s?"
	    "crew=%lld&done=%zu", CL_PLUGIN, date, crew, x.done));
	return DM_OK;
}
