/*
 * staff_queue.c - a department's queue (/staff/:dept): its requests by
 * due date, filtered by state, service and who has them, searched by
 * protocol number, AFM or name, a page at a time; counts of the open and
 * overdue ones for the tabs.
 */
#include <string.h>

#include "localtime.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "session.h"

#define QUEUE_PAGE	50

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

static void
request_row(struct dm_req *req, struct dm_node *list, const struct request *r)
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
	render_attr(n, "channel", r->channel);
	render_attr(n, "assigned", r->assigned_name);
	if (r->overdue)
		render_attr(n, "overdue", "1");
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
		request_row(req, list, &v[i]);
	if (next != NULL) {
		/* The next page keeps the filters. */
		render_attr(c, "next", arena_printf(req->arena, "/staff/%s?"
		    "status=%s&service=%s&assigned=%s&q=%s%s&after=%s",
		    p->name, qf.status, qf.service ? qf.service : "",
		    qf.assigned, qf.q ? pages_urlencode(req, qf.q) : "",
		    qf.overdue ? "&overdue=1" : "", pages_urlencode(req,
		    next)));
	}
	if (qf.after != NULL)
		render_attr(c, "paged", "1");
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/staff/:dept", DM_ROUTE_STAFF, page_queue },
};

const struct route_table staff_queue_routes = { routes, NELEMS(routes) };
