/*
 * my_requests.c - the citizen's requests: the list (/requests, newest
 * first, a page at a time), one request with its public history and
 * files, answering a question the department asked, and withdrawing.
 * Everything is scoped to the logged-in owner: anyone else gets 404.
 */
#include "audit.h"
#include "forms.h"
#include "localtime.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"

#define PAGE_SIZE	20

static dm_status
page_file(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = pages_own_request(req, &r)) != DM_OK)
		return st;
	return pages_download(req, r.id, pages_arg_id(req, "att"), 0);
}

static dm_status
page_my_requests(struct dm_req *req)
{
	long long b = pages_query_id(req, "before");
	struct dm_node *c = render_begin(req, "requests",
	    pages_t(req, "requests.title"));
	struct request *v;
	size_t n;
	dm_status st;

	if ((st = requests_mine(req, session_actor(req), b, PAGE_SIZE, &v,
	    &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n && i < PAGE_SIZE; i++) {
		const struct service *sv = services_find(v[i].service);
		struct dm_node *r = render_add(c, "request", NULL);

		render_attr_int(r, "id", v[i].id);
		render_attr(r, "title", sv ? pages_l(req, sv->svc->title_el,
		    sv->svc->title_en) : v[i].service);
		render_attr(r, "status", rs_name(v[i].status));
		render_attr(r, "protocol", v[i].protocol);
		render_attr(r, "submitted", lt_format(req->arena,
		    v[i].submitted_at, 0));
		render_attr(r, "due", lt_date(req->arena, v[i].due_date));
		render_attr(r, "updated", lt_format(req->arena,
		    v[i].updated_at, 0));
	}
	/* One more than a page was asked for: a next page exists. */
	if (n > PAGE_SIZE)
		render_attr(c, "next", arena_printf(req->arena,
		    "/requests?before=%lld", v[PAGE_SIZE - 1].id));
	if (b != 0)
		render_attr(c, "paged", "1");
	return DM_OK;
}

static const struct fdef answer_defs[] = {
	{ "message", F_TEXT, "f.answer", "f.answer.hint", FF_REQUIRED, 1,
	    5000, NULL, NULL },
	{ "files", F_FILE, "f.answer_files", "f.answer_files.hint", 0, 0, 5,
	    NULL, NULL },
};

static dm_status
request_page(struct dm_req *req, const struct request *r,
    struct ffield *answer, size_t nanswer)
{
	const struct service *sv = services_find(r->service);
	struct dm_node *c;
	dm_status st;

	if (r->status == RS_DRAFT) {
		c = render_begin(req, "request", pages_t(req, "request.draft"));
		pages_request_attrs(req, c, r, sv);
		if (kv_get(&req->query, "saved"))
			render_attr(c, "saved", "1");
		return DM_OK;
	}
	c = render_begin(req, "request", arena_printf(req->arena, "%s %s",
	    pages_t(req, "request.title"), r->protocol));
	pages_request_attrs(req, c, r, sv);
	render_attr(c, "csrf", csrf_token(req));
	if (kv_get(&req->query, "submitted"))
		render_attr(c, "just-submitted", "1");
	if (sv != NULL)
		pages_values(req, c, sv, r);
	if ((st = pages_files(req, c, r->id, 0, 0, arena_printf(req->arena,
	    "/requests/%lld/files", r->id))) != DM_OK)
		return st;
	if ((st = pages_history(req, c, r->id, 0)) != DM_OK)
		return st;
	if (r->status == RS_AWAITING) {
		size_t n = NELEMS(answer_defs);
		struct ffield *f = answer ? answer : forms_from_defs(req,
		    answer_defs, n);
		struct dm_node *fm = forms_node(req, c, "answer",
		    arena_printf(req->arena, "/requests/%lld/answer", r->id),
		    "request.answer.submit", f, answer ? nanswer : n);

		render_attr(fm, "enctype", "multipart/form-data");
	}
	if (RS_BIT(r->status) & RS_OPEN)
		render_attr(c, "can-withdraw", "1");
	return DM_OK;
}

static dm_status
page_request(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = pages_own_request(req, &r)) != DM_OK)
		return st;
	return request_page(req, &r, NULL, 0);
}

static dm_status
page_answer(struct dm_req *req)
{
	size_t n = NELEMS(answer_defs);
	struct ffield *f = forms_from_defs(req, answer_defs, n);
	struct request r;
	int errors;
	dm_status st;

	if ((st = pages_own_request(req, &r)) != DM_OK)
		return st;
	if (r.status != RS_AWAITING)
		return DM_ECONFLICT;
	errors = forms_check(req, f, n) + pages_upload_errors(req, f, n);
	if (errors == 0) {
		st = request_answer(req, &r, f[0].value);
		if (st != DM_OK)
			return st == DM_EDENIED ? DM_ECONFLICT : st;
		http_redirect(req, arena_printf(req->arena,
		    "/requests/%lld?answered=1", r.id));
		return DM_OK;
	}
	req->status = 422;
	return request_page(req, &r, f, n);
}

static dm_status
page_withdraw(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = pages_own_request(req, &r)) != DM_OK)
		return st;
	if (!(RS_BIT(r.status) & RS_OPEN))
		return DM_ECONFLICT;
	if ((st = request_withdraw(req, &r)) != DM_OK)
		return st == DM_EDENIED ? DM_ECONFLICT : st;
	audit(req, "request_withdrawn", session_actor(req),
	    arena_printf(req->arena, "%lld", r.id));
	http_redirect(req, arena_printf(req->arena, "/requests/%lld",
	    r.id));
	return DM_OK;
}
static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/requests", DM_ROUTE_LOGIN, page_my_requests },
	{ DM_METHOD_GET, "/requests/:id", DM_ROUTE_LOGIN, page_request },
	{ DM_METHOD_GET, "/requests/:id/files/:att", DM_ROUTE_LOGIN,
	    page_file },
	{ DM_METHOD_POST, "/requests/:id/answer", DM_ROUTE_LOGIN,
	    page_answer },
	{ DM_METHOD_POST, "/requests/:id/withdraw", DM_ROUTE_LOGIN,
	    page_withdraw },
};

const struct route_table my_requests_routes = { routes, NELEMS(routes) };
