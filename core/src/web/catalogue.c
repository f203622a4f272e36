/*
 * catalogue.c - the service catalogue (/) and a service's page
 * (/services/:code), built from the plugins' declarations, and the error
 * pages nginx asks for (/_error/:status). A department that is not
 * enabled has no plugin loaded, so it simply is not in the tables these
 * pages read. Both pages are the same for every visitor until the next
 * reload: workers keep them rendered (view/pagecache.c).
 */
#include <stdlib.h>

#include "pagecache.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "response.h"

static void
department_node(struct dm_req *req, struct dm_node *parent,
    const struct plugin *p, int with_services)
{
	const struct dm_department *d = p->desc->department;
	struct dm_node *dn;

	dn = render_add(parent, "department", NULL);
	render_attr(dn, "code", d->code);
	render_attr(dn, "name", pages_l(req, d->name_el, d->name_en));
	render_attr(dn, "email", d->contact_email);
	render_attr(dn, "phone", d->contact_phone);
	render_paragraphs(render_add(dn, "description", NULL),
	    pages_l(req, d->description_el, d->description_en));
	if (!with_services)
		return;
	for (const struct dm_service *s = p->desc->services; s && s->code;
	    s++) {
		struct dm_node *sn = render_add(dn, "service", NULL);

		pages_service_attrs(req, sn, s);
		render_add(sn, "summary", pages_l(req, s->summary_el,
		    s->summary_en));
	}
}

static dm_status
page_home(struct dm_req *req)
{
	struct dm_node *c;

	/* The same for every visitor until the next reload. */
	if (pagecache_answer(req))
		return DM_OK;
	c = render_begin(req, "catalogue", NULL);
	for (size_t i = 0; i < plugins_count(); i++)
		department_node(req, c, plugins_at(i), 1);
	return DM_OK;
}

static void
field_node(struct dm_req *req, struct dm_node *parent,
    const struct dm_field *f)
{
	struct dm_node *fn = render_add(parent, "field", NULL);

	render_attr(fn, "name", f->name);
	render_attr(fn, "type", field_type_name(f->type));
	render_attr(fn, "label", pages_l(req, f->label_el, f->label_en));
	if (f->hint_el != NULL)
		render_attr(fn, "hint", pages_l(req, f->hint_el, f->hint_en));
	if (f->flags & DM_FIELD_REQUIRED)
		render_attr(fn, "required", "1");
	if (f->min != 0)
		render_attr_int(fn, "min", f->min);
	if (f->max != 0)
		render_attr_int(fn, "max", f->max);
	for (const struct dm_choice *c = f->choices; c && c->value; c++) {
		struct dm_node *cn = render_add(fn, "choice", NULL);

		render_attr(cn, "value", c->value);
		render_attr(cn, "label", pages_l(req, c->label_el,
		    c->label_en));
	}
}

static dm_status
page_service(struct dm_req *req)
{
	/* A service the administrator turned off is no longer offered. */
	const struct service *sv = services_find_open(kv_get(&req->args,
	    "code"));
	const struct dm_service *s;
	struct dm_node *c, *sn;

	if (sv == NULL)
		return DM_ENOTFOUND;
	if (pagecache_answer(req))
		return DM_OK;
	s = sv->svc;
	c = render_begin(req, "service", pages_l(req, s->title_el,
	    s->title_en));
	department_node(req, c, sv->plugin, 0);
	sn = render_add(c, "service", NULL);
	pages_service_attrs(req, sn, s);
	render_add(sn, "summary", pages_l(req, s->summary_el, s->summary_en));
	render_paragraphs(render_add(sn, "description", NULL),
	    pages_l(req, s->description_el, s->description_en));
	for (const struct dm_field *f = s->fields; f && f->name; f++)
		field_node(req, sn, f);
	return DM_OK;
}

static dm_status
page_services(struct dm_req *req)
{
	http_redirect(req, "/");
	return DM_OK;
}

/* nginx's error_page points here (internal location) for errors it
 * detects itself, e.g. a body over client_max_body_size. */
static dm_status
page_nginx_error(struct dm_req *req)
{
	static const int known[] = { 400, 403, 404, 405, 408, 413, 414, 429,
	    500, 502, 503, 504 };
	int status = atoi(kv_get(&req->args, "status"));

	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i] == status) {
			render_error(req, status);
			return DM_OK;
		}
	return DM_ENOTFOUND;
}

static const struct dm_route core_routes[] = {
	{ DM_METHOD_GET, "/", DM_ROUTE_PUBLIC, page_home },
	{ DM_METHOD_GET, "/services", DM_ROUTE_PUBLIC, page_services },
	{ DM_METHOD_GET, "/services/:code", DM_ROUTE_PUBLIC, page_service },
	{ DM_METHOD_GET | DM_METHOD_POST, "/_error/:status", DM_ROUTE_PUBLIC,
	    page_nginx_error },
};

const struct route_table catalogue_routes = { core_routes,
	NELEMS(core_routes) };
