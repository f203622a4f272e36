/*
 * staff_queue.c - a department's queue (/staff/:dept): its requests by
 * due date, filtered by state, service and who has them, searched by
 * protocol number, AFM or name, a page at a time; counts of the open and
 * overdue ones for the tabs. The department's plugin may declare columns
 * taken from the forms (dm_column): shown, filtered and sorted by
 * (query "c.<field>", "c.<field>.from", "c.<field>.to", "sort=[-]<field>").
 */
#include <stdio.h>
#include <string.h>

#include "geo.h"
#include "localtime.h"
#include "pages.h"
#include "places.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "request_values.h"
#include "requests.h"
#include "session.h"
#include "validate.h"

#define QUEUE_PAGE	50
#define MAX_COLUMNS	32

/* A query parameter; one of allowed (NULL: any), else def. */
static const char *
param(struct dm_req *req, const char *name, const char *def,
    const char *const *allowed)
{
	const char *v = kv_get(&req->query, name);

	if (v == NULL || v[0] == '\0')
		return def;
	for (const char *const *a = allowed; a && *a; a++)
		if (strcmp(*a, v) == 0)
			return v;
	return allowed ? def : v;
}

/* The queue's columns, and what the query asks of them. */
struct columns {
	struct queue_column	 col[MAX_COLUMNS];
	size_t			 n;
	struct queue_cond	 cond[MAX_COLUMNS];
	size_t			 ncond;
	const char		*sort;		/* as asked: "day" or "-day" */
	const char		*query;		/* "&c.day.from=...&sort=day",
						   for the next page */
};

/* A choice's label, or the value itself. */
static const char *
choice_label(struct dm_req *req, const struct dm_field *f, const char *v)
{
	for (const struct dm_choice *c = f->choices; c && c->value; c++)
		if (strcmp(c->value, v) == 0)
			return pages_l(req, c->label_el, c->label_en);
	return v;
}

/* The municipality's settlements or zones, as a column's choices. */
static void
place_choices(struct dm_req *req, struct dm_node *cn, enum column_part part)
{
	const struct geo_places *pl = places_get();
	size_t n = pl == NULL ? 0 : part == COLUMN_SETTLEMENT ?
	    pl->nsettlement : pl->nzone;

	for (size_t i = 0; i < n; i++) {
		struct dm_node *o = render_add(cn, "choice", NULL);

		if (part == COLUMN_SETTLEMENT) {
			render_attr(o, "value", pl->settlement[i].code);
			render_attr(o, "label", pages_l(req,
			    pl->settlement[i].name_el,
			    pl->settlement[i].name_en));
		} else {
			render_attr(o, "value", pl->zone[i].code);
			render_attr(o, "label", pages_l(req,
			    pl->zone[i].name_el, pl->zone[i].name_en));
		}
	}
}

/* A settlement's or zone's name, or the code as it is. */
static const char *
place_name(struct dm_req *req, enum column_part part, const char *code)
{
	if (part == COLUMN_SETTLEMENT) {
		const struct geo_settlement *s = places_settlement(code);

		return s ? pages_l(req, s->name_el, s->name_en) : code;
	} else {
		const struct geo_zone *z = places_zone(code);

		return z ? pages_l(req, z->name_el, z->name_en) : code;
	}
}

/* A filter value the column's field could hold, else NULL. */
static const char *
valid_for(const struct queue_column *qc, const char *v)
{
	long long x;
	int y, m, d, hh, mi;

	if (v == NULL || v[0] == '\0' || strlen(v) > 190)
		return NULL;
	if (qc->part == COLUMN_SETTLEMENT)
		return places_settlement(v) != NULL ? v : NULL;
	if (qc->part == COLUMN_ZONE)
		return places_zone(v) != NULL ? v : NULL;
	switch (qc->type) {
	case DM_FIELD_DATE:
		return val_date(v, &y, &m, &d) ? v : NULL;
	case DM_FIELD_DATETIME:
		return val_datetime(v, &y, &m, &d, &hh, &mi) ? v : NULL;
	case DM_FIELD_NUMBER:
		return val_int(v, -999999999999LL, 999999999999LL, &x) ? v :
		    NULL;
	case DM_FIELD_CHOICE:
	case DM_FIELD_MULTICHOICE:
		for (const struct dm_choice *c = qc->field->choices;
		    c && c->value; c++)
			if (strcmp(c->value, v) == 0)
				return v;
		return NULL;
	default:
		return v;
	}
}

static const char *
qparam(struct dm_req *req, const char *field, const char *part)
{
	return kv_get(&req->query, arena_printf(req->arena, "c.%s%s", field,
	    part));
}

/* The column filters alone (no sort), as a query string. */
static const char *
filters_query(struct dm_req *req, const struct columns *cs)
{
	const char *q = "";

	for (size_t i = 0; i < cs->ncond; i++) {
		const struct queue_cond *k = &cs->cond[i];

		if (k->kind == DM_FILTER_RANGE)
			q = arena_printf(req->arena, "%s&c.%s.from=%s&c.%s.to="
			    "%s", q, k->field, k->from ? pages_urlencode(req,
			    k->from) : "", k->field, k->to ?
			    pages_urlencode(req, k->to) : "");
		else
			q = arena_printf(req->arena, "%s&c.%s=%s", q, k->field,
			    pages_urlencode(req, k->value));
	}
	return q;
}

/*
 * The department's columns (and the service's, when narrowed to one),
 * their filters as asked (kept in the page, a wrong value marked), the
 * sort, and the same as a query string for the next page's link.
 */
static void
columns_of(struct dm_req *req, const struct plugin *p,
    const struct service *sv, struct queue_filter *qf, struct columns *cs,
    struct dm_node *parent)
{
	struct dm_node *list = render_add(parent, "columns", NULL);
	const char *sort = kv_get(&req->query, "sort");

	memset(cs, 0, sizeof(*cs));
	cs->query = "";
	cs->n = queue_columns(p->name, sv, cs->col, MAX_COLUMNS);
	for (size_t i = 0; i < cs->n; i++) {
		const struct queue_column *qc = &cs->col[i];
		const struct dm_column *c = qc->col;
		struct queue_cond *k = &cs->cond[cs->ncond];
		struct dm_node *cn = render_add(list, "column", NULL);
		int numeric = qc->type == DM_FIELD_NUMBER, bad = 0;

		render_attr(cn, "field", c->field);
		render_attr(cn, "label", pages_l(req, c->label_el,
		    c->label_en));
		render_attr(cn, "type", field_type_name(qc->type));
		render_attr(cn, "filter", filter_name(c->filter));
		if (c->flags & DM_COLUMN_SORTABLE)
			render_attr(cn, "sortable", "1");
		if (qc->part != COLUMN_WHOLE && c->filter == DM_FILTER_EXACT)
			place_choices(req, cn, qc->part);
		for (const struct dm_choice *ch = qc->field->choices;
		    qc->part == COLUMN_WHOLE && c->filter == DM_FILTER_EXACT &&
		    ch && ch->value; ch++) {
			struct dm_node *o = render_add(cn, "choice", NULL);

			render_attr(o, "value", ch->value);
			render_attr(o, "label", pages_l(req, ch->label_el,
			    ch->label_en));
		}
		if (c->filter == DM_FILTER_RANGE) {
			const char *from = qparam(req, c->field, ".from");
			const char *to = qparam(req, c->field, ".to");

			render_attr(cn, "from", from);
			render_attr(cn, "to", to);
			bad = (from && from[0] && !valid_for(qc, from)) ||
			    (to && to[0] && !valid_for(qc, to));
			k->from = valid_for(qc, from);
			k->to = valid_for(qc, to);
			if (k->from == NULL && k->to == NULL)
				k = NULL;
		} else if (c->filter != DM_FILTER_NONE) {
			const char *v = qparam(req, c->field, "");

			render_attr(cn, "value", v);
			bad = v && v[0] && !valid_for(qc, v);
			k->value = valid_for(qc, v);
			if (k->value == NULL)
				k = NULL;
		} else {
			k = NULL;
		}
		if (bad)
			render_attr(cn, "error", "1");
		if (k != NULL) {
			k->field = c->field;
			k->kind = c->filter;
			k->numeric = numeric;
			cs->ncond++;
		}
		/* Sorted by it: "day" up, "-day" down. */
		if (sort != NULL && (c->flags & DM_COLUMN_SORTABLE) &&
		    strcmp(sort + (sort[0] == '-'), c->field) == 0) {
			qf->sort = c->field;
			qf->sort_numeric = numeric;
			qf->desc = sort[0] == '-';
			cs->sort = sort;
			render_attr(cn, "sorted", qf->desc ? "desc" : "asc");
		}
	}
	qf->cond = cs->cond;
	qf->ncond = cs->ncond;
	qf->with_form = cs->n > 0;
	cs->query = filters_query(req, cs);
	if (cs->sort != NULL) {
		cs->query = arena_printf(req->arena, "%s&sort=%s", cs->query,
		    cs->sort);
		render_attr(parent, "sort", cs->sort);
	}
}

/* The request's value of each column, as the page shows it. */
static void
cells(struct dm_req *req, struct dm_node *row, const struct request *r,
    const struct columns *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		const struct queue_column *qc = &cs->col[i];
		const char *v = queue_column_value(req, r->form, qc);
		struct dm_node *cell;

		if (v != NULL && qc->part != COLUMN_WHOLE)
			v = place_name(req, qc->part, v);
		else if (v != NULL && qc->type == DM_FIELD_DATE)
			v = lt_date(req->arena, v);
		else if (v != NULL && qc->type == DM_FIELD_DATETIME &&
		    strlen(v) >= 16)
			v = arena_printf(req->arena, "%s %.5s", lt_date(
			    req->arena, arena_strndup(req->arena, v, 10)),
			    v + 11);
		else if (v != NULL && qc->type == DM_FIELD_CHOICE)
			v = choice_label(req, qc->field, v);
		else if (v != NULL && qc->type == DM_FIELD_MULTICHOICE) {
			char *copy = arena_strdup(req->arena, v), *save = NULL;
			const char *out = "";

			for (char *t = strtok_r(copy, ",", &save); t != NULL;
			    t = strtok_r(NULL, ",", &save))
				out = arena_printf(req->arena, "%s%s%s", out,
				    out[0] ? ", " : "", choice_label(req,
				    qc->field, t));
			v = out;
		}
		cell = render_add(row, "cell", v);
		render_attr(cell, "field", qc->col->field);
	}
}

static void
request_row(struct dm_req *req, struct dm_node *list, const struct request *r,
    const struct columns *cs)
{
	const struct service *sv = services_find(r->service);
	struct dm_node *n = render_add(list, "request", NULL);

	render_attr_int(n, "id", r->id);
	render_attr(n, "title", sv ? pages_l(req, sv->svc->title_el,
	    sv->svc->title_en) : r->service);
	render_attr(n, "status", rs_name(r->status));
	render_attr(n, "protocol", r->protocol);
	render_attr(n, "submitted", lt_format(req->arena, r->submitted_at, 1));
	render_attr(n, "due", lt_date(req->arena, r->due_date));
	render_attr(n, "applicant", r->applicant_name);
	render_attr(n, "afm", r->applicant_afm);
	if (r->business)
		render_attr(n, "business", "1");
	render_attr(n, "channel", r->channel);
	render_attr(n, "assigned", r->assigned_name);
	if (r->overdue)
		render_attr(n, "overdue", "1");
	cells(req, n, r, cs);
}

static dm_status
page_queue(struct dm_req *req)
{
	static const char *const statuses[] = { "open", "all", "submitted",
	    "in_progress", "awaiting_citizen", "completed", "rejected",
	    "withdrawn", NULL };
	static const char *const assigned[] = { "all", "me", "none", NULL };
	const struct plugin *p = pages_department(req);
	struct queue_filter qf;
	struct columns cs;
	struct dm_node *c, *f, *counts, *list;
	struct request *v;
	long long open = 0, overdue = 0;
	const char *next;
	size_t n;
	dm_status st;

	if (p == NULL)
		return DM_ENOTFOUND;
	memset(&qf, 0, sizeof(qf));
	qf.dept = p->name;
	qf.status = param(req, "status", "open", statuses);
	qf.service = param(req, "service", NULL, NULL);
	if (qf.service != NULL && (services_find(qf.service) == NULL ||
	    services_find(qf.service)->plugin != p))
		qf.service = NULL;
	qf.assigned = param(req, "assigned", "all", assigned);
	qf.me = session_actor(req);
	qf.overdue = kv_get(&req->query, "overdue") != NULL;
	qf.q = param(req, "q", NULL, NULL);
	qf.after = param(req, "after", NULL, NULL);

	c = render_begin(req, "queue", pages_l(req,
	    p->desc->department->name_el, p->desc->department->name_en));
	pages_dept_attrs(req, c, p);
	f = render_add(c, "filters", NULL);
	render_attr(f, "status", qf.status);
	render_attr(f, "service", qf.service);
	render_attr(f, "assigned", qf.assigned);
	render_attr(f, "q", qf.q);
	if (qf.overdue)
		render_attr(f, "overdue", "1");
	for (const struct dm_service *s = p->desc->services; s && s->code;
	    s++) {
		struct dm_node *sn = render_add(f, "service", NULL);

		render_attr(sn, "code", s->code);
		render_attr(sn, "title", pages_l(req, s->title_el,
		    s->title_en));
	}
	columns_of(req, p, qf.service ? services_find(qf.service) : NULL, &qf,
	    &cs, c);
	/* The queue as filtered, for the columns' sort links. */
	render_attr(c, "filtered", arena_printf(req->arena, "/staff/%s?"
	    "status=%s&service=%s&assigned=%s&q=%s%s%s", p->name, qf.status,
	    qf.service ? qf.service : "", qf.assigned, qf.q ?
	    pages_urlencode(req, qf.q) : "", qf.overdue ? "&overdue=1" : "",
	    filters_query(req, &cs)));
	/* Counts for the tabs. */
	if ((st = requests_counts(req, p->name, &open, &overdue)) != DM_OK)
		return st;
	counts = render_add(c, "counts", NULL);
	render_attr_int(counts, "open", open);
	render_attr_int(counts, "overdue", overdue);
	list = render_add(c, "requests", NULL);
	if ((st = requests_queue(req, &qf, QUEUE_PAGE, &v, &n, &next)) !=
	    DM_OK)
		return st;
	for (size_t i = 0; i < n && i < QUEUE_PAGE; i++)
		request_row(req, list, &v[i], &cs);
	if (next != NULL) {
		/* The next page keeps the filters. */
		render_attr(c, "next", arena_printf(req->arena, "/staff/%s?"
		    "status=%s&service=%s&assigned=%s&q=%s%s%s&after=%s",
		    p->name, qf.status, qf.service ? qf.service : "",
		    qf.assigned, qf.q ? pages_urlencode(req, qf.q) : "",
		    qf.overdue ? "&overdue=1" : "", cs.query,
		    pages_urlencode(req, next)));
	}
	if (qf.after != NULL)
		render_attr(c, "paged", "1");
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/staff/:dept", DM_ROUTE_STAFF, page_queue },
};

const struct route_table staff_queue_routes = { routes, NELEMS(routes) };
