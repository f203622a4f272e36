/*
 * staff_map.c - a department's open requests on a map
 * (/staff/:dept/map): with JavaScript a map of their exact points
 * (/staff/:dept/map.geojson), without it (and always) the same as a
 * list with the address, settlement and coordinates, a page at a time.
 * Staff of the department only; the points are exact (the public map's
 * are not: public_reports.h).
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "geo.h"
#include "places.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"

#define MAP_PAGE	100

static const char *
title_of(struct dm_req *req, const char *code)
{
	const struct service *sv = services_find(code);

	return sv != NULL ? pages_l(req, sv->svc->title_el,
	    sv->svc->title_en) : code;
}

static dm_status
page_map(struct dm_req *req)
{
	const struct plugin *p = pages_department(req);
	long long before = pages_query_id(req, "before");
	struct request_point *v;
	struct dm_node *c, *m, *list;
	size_t n;
	dm_status st;

	if (p == NULL)
		return DM_ENOTFOUND;
	if ((st = requests_open_points(req, p->name, before, MAP_PAGE, &v,
	    &n)) != DM_OK)
		return st;
	c = render_begin(req, "staff-map", pages_t(req, "staffmap.title"));
	pages_dept_attrs(req, c, p);
	m = render_add(c, "map", NULL);
	render_attr(m, "kind", "reports");
	render_attr(m, "src", before ? arena_printf(req->arena,
	    "/staff/%s/map.geojson?before=%lld", p->name, before) :
	    arena_printf(req->arena, "/staff/%s/map.geojson", p->name));
	render_attr(m, "label", pages_t(req, "staffmap.title"));
	list = render_add(c, "requests", NULL);
	for (size_t i = 0; i < n && i < MAP_PAGE; i++) {
		struct dm_node *r = render_add(list, "request", NULL);
		const struct geo_settlement *s = places_settlement(
		    v[i].settlement);

		render_attr_int(r, "id", v[i].id);
		render_attr(r, "protocol", v[i].protocol);
		render_attr(r, "title", title_of(req, v[i].service));
		render_attr(r, "status", rs_name(v[i].status));
		render_attr(r, "address", v[i].location);
		render_attr(r, "settlement", s != NULL ? pages_l(req,
		    s->name_el, s->name_en) : NULL);
		render_attr(r, "lat", v[i].lat);
		render_attr(r, "lon", v[i].lon);
		render_attr(r, "date", v[i].submitted);
		if (v[i].overdue)
			render_attr(r, "overdue", "1");
	}
	if (n > MAP_PAGE)
		render_attr(c, "next", arena_printf(req->arena,
		    "/staff/%s/map?before=%lld", p->name, v[MAP_PAGE - 1].id));
	return DM_OK;
}

static dm_status
page_geojson(struct dm_req *req)
{
	const struct plugin *p = pages_department(req);
	struct request_point *v;
	json_object *a;
	size_t n;
	dm_status st;

	if (p == NULL)
		return DM_ENOTFOUND;
	if ((st = requests_open_points(req, p->name, pages_query_id(req,
	    "before"), MAP_PAGE, &v, &n)) != DM_OK)
		return st;
	a = json_object_new_array();
	for (size_t i = 0; i < n && i < MAP_PAGE; i++)
		(void)pages_geojson_point(a, strtod(v[i].lat, NULL),
		    strtod(v[i].lon, NULL), arena_printf(req->arena, "%s %s",
		    v[i].protocol, title_of(req, v[i].service)),
		    rs_name(v[i].status), pages_t(req, arena_printf(req->arena,
		    "status.%s", rs_name(v[i].status))), v[i].submitted,
		    arena_printf(req->arena, "/staff/%s/requests/%lld",
		    p->name, v[i].id));
	pages_geojson_send(req, a, "private, no-store");
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/staff/:dept/map", DM_ROUTE_STAFF, page_map },
	{ DM_METHOD_GET, "/staff/:dept/map.geojson", DM_ROUTE_STAFF,
	    page_geojson },
};

const struct route_table staff_map_routes = { routes, NELEMS(routes) };
