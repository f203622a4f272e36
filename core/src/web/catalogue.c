/*
 * catalogue.c - the service catalogue (/) and a service's page
 * (/services/:code), built from the plugins' declarations, and the error
 * pages nginx asks for (/_error/:status). A department that is not
 * enabled has no plugin loaded, so it simply is not in the tables these
 * pages read. Both pages are the same for every visitor until the next
 * reload: workers keep them rendered (view/pagecache.c).
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "geo.h"
#include "log.h"
#include "pagecache.h"
#include "pages.h"
#include "places.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "stats.h"

#define POPULAR_DAYS	90
#define POPULAR_MAX	4
#define QUERY_MAX	200	/* bytes of a search that are read */

/*
 * A code point as search compares it: lower case, Greek without tonos or
 * dialytika and with σ for final ς (so "αδεια", "ΆΔΕΙΑ" and "άδεια" are
 * one word); 0 for a combining accent, which is dropped.
 */
static unsigned
search_cp(unsigned c)
{
	/* U+0386..U+03CE, Ά to ώ, in their plain lower-case letters. */
	static const unsigned short greek[] = {
		0x3b1, 0x387, 0x3b5, 0x3b7, 0x3b9, 0x38b, 0x3bf, 0x38d,
		0x3c5, 0x3c9, 0x3b9, 0x3b1, 0x3b2, 0x3b3, 0x3b4, 0x3b5,
		0x3b6, 0x3b7, 0x3b8, 0x3b9, 0x3ba, 0x3bb, 0x3bc, 0x3bd,
		0x3be, 0x3bf, 0x3c0, 0x3c1, 0x3a2, 0x3c3, 0x3c4, 0x3c5,
		0x3c6, 0x3c7, 0x3c8, 0x3c9, 0x3b9, 0x3c5, 0x3b1, 0x3b5,
		0x3b7, 0x3b9, 0x3c5, 0x3b1, 0x3b2, 0x3b3, 0x3b4, 0x3b5,
		0x3b6, 0x3b7, 0x3b8, 0x3b9, 0x3ba, 0x3bb, 0x3bc, 0x3bd,
		0x3be, 0x3bf, 0x3c0, 0x3c1, 0x3c3, 0x3c3, 0x3c4, 0x3c5,
		0x3c6, 0x3c7, 0x3c8, 0x3c9, 0x3b9, 0x3c5, 0x3bf, 0x3c5,
		0x3c9,
	};

	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 'a';
	if (c == 0x301 || c == 0x308 || c == 0x344)
		return 0;
	if (c >= 0x386 && c <= 0x3ce)
		return greek[c - 0x386];
	return c;
}

/* s folded for search (search_cp), in the arena; bytes that are not
 * UTF-8 are kept as they are. */
static char *
search_fold(struct dm_req *req, const char *s)
{
	size_t len = strlen(s);
	unsigned char *out = arena_alloc(req->arena, len + 1), *o = out;
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		unsigned c = *p;
		size_t k = 1;

		if (c >= 0xc0 && c < 0xe0 && (p[1] & 0xc0) == 0x80) {
			c = ((c & 0x1f) << 6) | (p[1] & 0x3f);
			k = 2;
		}
		if (k == 2) {
			c = search_cp(c);
			/* Folding never lengthens: two bytes stay two or go. */
			if (c >= 0x80) {
				*o++ = (unsigned char)(0xc0 | (c >> 6));
				*o++ = (unsigned char)(0x80 | (c & 0x3f));
			} else if (c != 0)
				*o++ = (unsigned char)c;
		} else
			*o++ = (unsigned char)search_cp(c);
		p += k;
	}
	*o = '\0';
	return (char *)out;
}

/* Does every word of the folded query q occur in the folded text? */
static int
search_match(struct dm_req *req, const char *q, const char *text)
{
	char *words = arena_strdup(req->arena, q), *save = NULL;
	int any = 0;

	for (char *w = strtok_r(words, " ,.;", &save); w != NULL;
	    w = strtok_r(NULL, " ,.;", &save)) {
		if (strstr(text, w) == NULL)
			return 0;
		any = 1;
	}
	return any;
}

static const char *
service_text(struct dm_req *req, const struct plugin *p,
    const struct dm_service *s)
{
	const struct dm_department *d = p->desc->department;

	return search_fold(req, arena_printf(req->arena, "%s %s %s %s %s %s "
	    "%s", s->title_el, s->title_en ? s->title_en : "", s->summary_el ?
	    s->summary_el : "", s->summary_en ? s->summary_en : "",
	    s->keywords ? s->keywords : "", d->name_el, d->name_en ?
	    d->name_en : ""));
}

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

/* The services whose titles, summaries, keywords or department hold
 * every word of the search. */
static void
search_results(struct dm_req *req, struct dm_node *c, const char *q)
{
	struct dm_node *res = render_add(c, "results", NULL);
	const char *fq = search_fold(req, q);

	render_attr(res, "q", q);
	for (size_t i = 0; i < plugins_count(); i++) {
		const struct plugin *p = plugins_at(i);

		for (const struct dm_service *s = p->desc->services;
		    s && s->code; s++) {
			struct dm_node *sn;

			if (services_find_open(s->code) == NULL ||
			    !search_match(req, fq, service_text(req, p, s)))
				continue;
			sn = render_add(res, "service", NULL);
			pages_service_attrs(req, sn, s);
			render_attr(sn, "department", pages_l(req,
			    p->desc->department->name_el,
			    p->desc->department->name_en));
			render_add(sn, "summary", pages_l(req, s->summary_el,
			    s->summary_en));
		}
	}
}

/* The few services most asked for lately, open ones only. */
static void
popular(struct dm_req *req, struct dm_node *c)
{
	const char **codes;
	struct dm_node *list = NULL;
	size_t n;

	if (stats_popular(req, POPULAR_DAYS, POPULAR_MAX, &codes, &n) !=
	    DM_OK) {
		/* The catalogue stands without it. */
		log_warn("home: the popular services are not known");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct service *sv = services_find_open(codes[i]);
		struct dm_node *sn;

		if (sv == NULL)
			continue;
		if (list == NULL)
			list = render_add(c, "popular", NULL);
		sn = render_add(list, "service", NULL);
		pages_service_attrs(req, sn, sv->svc);
	}
}

static dm_status
page_home(struct dm_req *req)
{
	const char *q = kv_get(&req->query, "q");
	struct dm_node *c;

	/* The same for every visitor until the next reload. */
	if (pagecache_answer(req))
		return DM_OK;
	c = render_begin(req, "catalogue", NULL);
	if (q != NULL && strspn(q, " ") != strlen(q))
		search_results(req, c, strlen(q) > QUERY_MAX ?
		    arena_strndup(req->arena, q, QUERY_MAX) : q);
	else
		popular(req, c);
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

/* The municipality's boundary, settlements and zones, for every map
 * (js/map.js draws them even without tiles). Public: it is the places
 * file as the administrator wrote it, without anything else. */
static dm_status
page_area(struct dm_req *req)
{
	const struct geo_places *pl = places_get();

	if (pl == NULL || pl->geojson == NULL)
		return DM_ENOTFOUND;
	http_header(req, "Cache-Control", "public, max-age=3600");
	http_send(req, 200, "application/geo+json; charset=utf-8",
	    pl->geojson, pl->geojson_len);
	return DM_OK;
}

static const struct dm_route core_routes[] = {
	{ DM_METHOD_GET, "/reports/area.geojson", DM_ROUTE_PUBLIC, page_area },
	{ DM_METHOD_GET, "/", DM_ROUTE_PUBLIC, page_home },
	{ DM_METHOD_GET, "/services", DM_ROUTE_PUBLIC, page_services },
	{ DM_METHOD_GET, "/services/:code", DM_ROUTE_PUBLIC, page_service },
	{ DM_METHOD_GET | DM_METHOD_POST, "/_error/:status", DM_ROUTE_PUBLIC,
	    page_nginx_error },
};

const struct route_table catalogue_routes = { core_routes,
	NELEMS(core_routes) };
