/*
 * staff_responses.c - the department's ready-made texts
 * (/staff/:dept/responses), kept by its head: the list, adding one,
 * deleting one. Clerks pick them when they act on a request.
 */
#include "audit.h"
#include "canned.h"
#include "forms.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "response.h"

static const struct fdef canned_defs[] = {
	{ "title", F_STRING, "f.canned_title", NULL, FF_REQUIRED, 2, 200,
	    NULL, NULL },
	{ "body", F_TEXT, "f.canned_body", "f.canned_body.hint", FF_REQUIRED,
	    2, 5000, NULL, NULL },
};

static dm_status
page_responses(struct dm_req *req)
{
	const struct plugin *p = pages_department(req);
	size_t n = NELEMS(canned_defs), nt;
	struct ffield *f = forms_from_defs(req, canned_defs, n);
	struct dm_node *c, *list;
	struct canned *texts;
	dm_status st;

	if (p == NULL)
		return DM_ENOTFOUND;
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0) {
			if ((st = canned_add(req, p->name, f[0].value,
			    f[1].value)) != DM_OK)
				return st;
			audit(req, "canned_response_added", 0, p->name);
			http_redirect(req, arena_printf(req->arena,
			    "/staff/%s/responses", p->name));
			return DM_OK;
		}
		req->status = 422;
	}
	c = render_begin(req, "responses", pages_t(req, "responses.title"));
	pages_dept_attrs(req, c, p);
	list = render_add(c, "responses", NULL);
	if (canned_list(req, p->name, &texts, &nt) != DM_OK)
		return DM_EINTERNAL;
	for (size_t i = 0; i < nt; i++) {
		struct dm_node *s = render_add(list, "response", texts[i].body);

		render_attr_int(s, "id", texts[i].id);
		render_attr(s, "title", texts[i].title);
	}
	forms_node(req, c, "canned", arena_printf(req->arena,
	    "/staff/%s/responses", p->name), "save", f, n);
	return DM_OK;
}

static dm_status
page_response_delete(struct dm_req *req)
{
	const char *dept = kv_get(&req->args, "dept");
	dm_status st;

	if ((st = canned_delete(req, dept, pages_arg_id(req, "rid"))) !=
	    DM_OK)
		return st;
	audit(req, "canned_response_deleted", 0, dept);
	http_redirect(req, arena_printf(req->arena, "/staff/%s/responses",
	    dept));
	return DM_OK;
}

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ GP, "/staff/:dept/responses", DM_ROUTE_HEAD, page_responses },
	{ DM_METHOD_POST, "/staff/:dept/responses/:rid/delete", DM_ROUTE_HEAD,
	    page_response_delete },
};

const struct route_table staff_responses_routes = { routes, NELEMS(routes) };
