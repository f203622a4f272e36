/*
 * reports_public.c - the public map and list of open reports (/reports,
 * FixMyStreet-style: the list needs no JavaScript, the map draws
 * /reports.geojson over it), one report (/reports/:id), its public
 * photos, and following one ("me too", /reports/:id/follow). What is
 * shown of a report is public_reports.h's rule and nothing else.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "config.h"
#include "forms.h"
#include "pages.h"
#include "places.h"
#include "plugins.h"
#include "public_reports.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"

static const char *
query(struct dm_req *req, const char *name)
{
	const char *v = kv_get(&req->query, name);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

/* The list's filters from the query; an unknown value filters nothing
 * out and is not echoed. */
static void
filter_of(struct dm_req *req, struct public_filter *f)
{
	const char *s = query(req, "service");
	const char *d = query(req, "department");
	const char *p = query(req, "settlement");
	const struct service *sv = services_find(s);

	memset(f, 0, sizeof(*f));
	f->service = public_report_service(sv) ? s : NULL;
	f->department = d != NULL && plugins_find(d) != NULL ? d : NULL;
	f->settlement = places_settlement(p) != NULL ? p : NULL;
	f->before = pages_query_id(req, "before");
	f->limit = PUBLIC_PAGE;
}

static const char *
service_title(struct dm_req *req, const char *code)
{
	const struct service *sv = services_find(code);

	return sv != NULL ? pages_l(req, sv->svc->title_el,
	    sv->svc->title_en) : code;
}

static const char *
settlement_name(struct dm_req *req, const char *code)
{
	const struct geo_settlement *s = places_settlement(code);

	return s != NULL ? pages_l(req, s->name_el, s->name_en) : NULL;
}

const char *
pages_public_place(struct dm_req *req, const struct public_report *r)
{
	const char *s = settlement_name(req, r->settlement);
	const char *m = pages_l(req, req->cfg->mun_name_el,
	    req->cfg->mun_name_en);

	return s != NULL ? arena_printf(req->arena, "%s, %s", s, m) : m;
}

const char *
pages_public_summary(struct dm_req *req, const struct public_report *r)
{
	return arena_printf(req->arena, "%s · %s", service_title(req,
	    r->service), pages_public_place(req, r));
}

const char *
pages_public_photo_url(struct dm_req *req, const struct public_report *r)
{
	if (r->nphoto == 0 || strcmp(r->status, "closed") == 0)
		return NULL;
	return arena_printf(req->arena, "%s/reports/%lld/photos/%lld",
	    req->cfg->base_url, r->id, r->photo[0]);
}

void
pages_public_report(struct dm_req *req, struct dm_node *n,
    const struct public_report *r)
{
	render_attr_int(n, "id", r->id);
	render_attr(n, "service", r->service);
	render_attr(n, "title", service_title(req, r->service));
	render_attr(n, "department", pages_dept_name(req, r->department));
	render_attr(n, "status", r->status);
	render_attr(n, "status_label", pages_t(req, arena_printf(req->arena,
	    "public.status.%s", r->status)));
	render_attr(n, "lat", arena_printf(req->arena, "%.4f", r->at.lat));
	render_attr(n, "lon", arena_printf(req->arena, "%.4f", r->at.lon));
	render_attr(n, "settlement", settlement_name(req, r->settlement));
	render_attr(n, "date", r->submitted);
	if (r->followers > 0)
		render_attr_int(n, "followers", r->followers);
	for (size_t i = 0; i < r->nphoto; i++)
		render_attr_int(render_add(n, "photo", NULL), "id",
		    r->photo[i]);
}

/* The filters' choices: the public services, their departments, the
 * settlements; the chosen ones marked. */
static void
filter_choices(struct dm_req *req, struct dm_node *c,
    const struct public_filter *f)
{
	const struct geo_places *pl = places_get();
	struct dm_node *list = render_add(c, "services", NULL);
	struct dm_node *depts = render_add(c, "departments", NULL);
	struct dm_node *n;

	for (size_t i = 0; i < services_count(); i++) {
		const struct service *sv = services_at(i);
		int seen = 0;

		if (!public_report_service(sv))
			continue;
		n = render_add(list, "option", NULL);
		render_attr(n, "value", sv->svc->code);
		render_attr(n, "label", pages_l(req, sv->svc->title_el,
		    sv->svc->title_en));
		if (f->service && strcmp(f->service, sv->svc->code) == 0)
			render_attr(n, "selected", "1");
		for (size_t j = 0; j < i; j++)
			if (public_report_service(services_at(j)) &&
			    services_at(j)->plugin == sv->plugin)
				seen = 1;
		if (seen)
			continue;
		n = render_add(depts, "option", NULL);
		render_attr(n, "value", sv->plugin->name);
		render_attr(n, "label", pages_dept_name(req, sv->plugin->name));
		if (f->department && strcmp(f->department,
		    sv->plugin->name) == 0)
			render_attr(n, "selected", "1");
	}
	list = render_add(c, "settlements", NULL);
	for (size_t i = 0; pl != NULL && i < pl->nsettlement; i++) {
		n = render_add(list, "option", NULL);
		render_attr(n, "value", pl->settlement[i].code);
		render_attr(n, "label", pages_l(req, pl->settlement[i].name_el,
		    pl->settlement[i].name_en));
		if (f->settlement && strcmp(f->settlement,
		    pl->settlement[i].code) == 0)
			render_attr(n, "selected", "1");
	}
}

/* The query string of f without the cursor ("" or "a=b&c=d"). */
static const char *
filter_query(struct dm_req *req, const struct public_filter *f)
{
	const char *q = "";

	if (f->service)
		q = arena_printf(req->arena, "%s&service=%s", q,
		    pages_urlencode(req, f->service));
	if (f->department)
		q = arena_printf(req->arena, "%s&department=%s", q,
		    pages_urlencode(req, f->department));
	if (f->settlement)
		q = arena_printf(req->arena, "%s&settlement=%s", q,
		    pages_urlencode(req, f->settlement));
	return q[0] ? q + 1 : q;
}

static dm_status
page_list(struct dm_req *req)
{
	struct public_filter f;
	struct public_report *v;
	struct dm_node *c, *m, *list;
	const char *q;
	size_t n;
	dm_status st;

	filter_of(req, &f);
	if ((st = public_reports_list(req, &f, &v, &n)) != DM_OK)
		return st;
	q = filter_query(req, &f);
	c = render_begin(req, "public-reports", pages_t(req, "public.title"));
	filter_choices(req, c, &f);
	m = render_add(c, "map", NULL);
	render_attr(m, "kind", "reports");
	render_attr(m, "src", arena_printf(req->arena, "/reports.geojson%s%s%s",
	    q[0] || f.before ? "?" : "", q, f.before ? arena_printf(req->arena,
	    "%sbefore=%lld", q[0] ? "&" : "", f.before) : ""));
	render_attr(m, "label", pages_t(req, "public.map"));
	list = render_add(c, "reports", NULL);
	for (size_t i = 0; i < n && i < f.limit; i++)
		pages_public_report(req, render_add(list, "report", NULL), &v[i]);
	if (f.before)
		render_attr(c, "first", arena_printf(req->arena, "/reports%s%s",
		    q[0] ? "?" : "", q));
	if (n > f.limit)
		render_attr(c, "next", arena_printf(req->arena,
		    "/reports?%s%sbefore=%lld", q, q[0] ? "&" : "",
		    v[f.limit - 1].id));
	return DM_OK;
}

/* The same page of reports as GeoJSON, for the map. */
static dm_status
page_geojson(struct dm_req *req)
{
	struct public_filter f;
	struct public_report *v;
	json_object *a, *p;
	size_t n;
	dm_status st;

	filter_of(req, &f);
	if ((st = public_reports_list(req, &f, &v, &n)) != DM_OK)
		return st;
	a = json_object_new_array();
	for (size_t i = 0; i < n && i < f.limit; i++) {
		p = pages_geojson_point(a, v[i].at.lat, v[i].at.lon,
		    service_title(req, v[i].service), v[i].status,
		    pages_t(req, arena_printf(req->arena, "public.status.%s",
		    v[i].status)), v[i].submitted, arena_printf(req->arena,
		    "/reports/%lld", v[i].id));
		json_object_object_add(p, "id", json_object_new_int64(v[i].id));
		json_object_object_add(p, "service",
		    json_object_new_string(v[i].service));
	}
	pages_geojson_send(req, a, "public, max-age=60");
	return DM_OK;
}

static dm_status
page_report(struct dm_req *req)
{
	struct public_report r;
	struct dm_node *c, *m;
	dm_status st;

	if ((st = public_report_get(req, pages_arg_id(req, "id"), &r)) !=
	    DM_OK)
		return st;
	c = render_begin(req, "public-report", arena_printf(req->arena,
	    "%s · %s", service_title(req, r.service), pages_t(req,
	    "public.report")));
	pages_public_report(req, render_add(c, "report", NULL), &r);
	m = render_add(c, "map", NULL);
	render_attr(m, "kind", "point");
	render_attr(m, "lat", arena_printf(req->arena, "%.4f", r.at.lat));
	render_attr(m, "lon", arena_printf(req->arena, "%.4f", r.at.lon));
	render_attr(m, "label", pages_t(req, "public.map"));
	if (req->session != NULL && session_actor(req) != 0) {
		render_attr(c, "csrf", csrf_token(req));
		if (public_report_following(req, r.id, session_actor(req)))
			render_attr(c, "following", "1");
	}
	if (kv_get(&req->query, "followed") != NULL)
		render_attr(c, "done", "followed");
	else if (kv_get(&req->query, "unfollowed") != NULL)
		render_attr(c, "done", "unfollowed");
	return DM_OK;
}

/* A photo a clerk made public, or its thumbnail; any other file of any
 * request: not found. */
static dm_status
public_photo(struct dm_req *req, int thumb)
{
	long long id = pages_arg_id(req, "id"), att = pages_arg_id(req, "att");
	dm_status st;

	if ((st = public_report_photo(req, id, att)) != DM_OK)
		return st;
	return thumb ? pages_thumbnail(req, id, att, 0) :
	    pages_download(req, id, att, 0);
}

static dm_status
page_photo(struct dm_req *req)
{
	return public_photo(req, 0);
}

static dm_status
page_thumb(struct dm_req *req)
{
	return public_photo(req, 1);
}

/* Follow (or stop following) a report; from the nearby list before
 * reporting, the citizen's draft (draft=) is left as it is, to be filed
 * or not. */
static dm_status
page_follow(struct dm_req *req)
{
	long long id = pages_arg_id(req, "id");
	const char *action = kv_get(&req->form, "action");
	int stop = action != NULL && strcmp(action, "unfollow") == 0;
	dm_status st;

	st = stop ? public_report_unfollow(req, id, session_actor(req)) :
	    public_report_follow(req, id, session_actor(req));
	if (st != DM_OK)
		return st;
	audit(req, stop ? "report_unfollowed" : "report_followed",
	    session_actor(req), arena_printf(req->arena, "%lld", id));
	http_redirect(req, arena_printf(req->arena, "/reports/%lld?%s", id,
	    stop ? "unfollowed=1" : "followed=1"));
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/reports", DM_ROUTE_PUBLIC, page_list },
	{ DM_METHOD_GET, "/reports.geojson", DM_ROUTE_PUBLIC, page_geojson },
	{ DM_METHOD_GET, "/reports/:id", DM_ROUTE_PUBLIC, page_report },
	{ DM_METHOD_GET, "/reports/:id/photos/:att", DM_ROUTE_PUBLIC,
	    page_photo },
	{ DM_METHOD_GET, "/reports/:id/photos/:att/thumb", DM_ROUTE_PUBLIC,
	    page_thumb },
	{ DM_METHOD_POST, "/reports/:id/follow", DM_ROUTE_LOGIN, page_follow },
};

const struct route_table reports_public_routes = { routes, NELEMS(routes) };
