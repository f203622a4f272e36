/*
 * my_requests.c - the citizen's requests: the list (/requests, newest
 * first, a page at a time), one request with its public history and
 * files, answering a question the department asked, withdrawing, and
 * rating a completed one (once, 1 to 5 with a comment).
 * Everything is scoped to the logged-in owner: anyone else gets 404.
 */
#include <stdlib.h>

#include "audit.h"
#include "forms.h"
#include "localtime.h"
#include "mailbox.h"
#include "pages.h"
#include "plugins.h"
#include "ratings.h"
#include "render.h"
#include "public_reports.h"
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
page_thumb(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = pages_own_request(req, &r)) != DM_OK)
		return st;
	return pages_thumbnail(req, r.id, pages_arg_id(req, "att"), 0);
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

static const char *const rating_values[] = { "5", "4", "3", "2", "1",
	NULL };

static const struct fdef rate_defs[] = {
	{ "rating", F_CHOICE, "f.rating", "f.rating.hint", FF_REQUIRED, 0, 0,
	    NULL, rating_values },
	{ "comment", F_TEXT, "f.rating_comment", "f.rating_comment.hint", 0,
	    0, 2000, NULL, NULL },
};

/* A completed request: its rating, or the form to give one. */
static dm_status
rating_part(struct dm_req *req, struct dm_node *c, const struct request *r,
    struct ffield *rate, size_t nrate)
{
	struct rating g;
	dm_status st;

	if ((st = rating_of(req, r->id, &g)) != DM_OK)
		return st;
	if (g.value > 0) {
		struct dm_node *n = render_add(c, "rating", g.comment);

		render_attr_int(n, "value", g.value);
		render_attr(n, "at", lt_format(req->arena, g.at, 0));
		return DM_OK;
	}
	forms_node(req, c, "rate", arena_printf(req->arena,
	    "/requests/%lld/rate", r->id), "request.rate.submit", rate ? rate :
	    forms_from_defs(req, rate_defs, NELEMS(rate_defs)), rate ? nrate :
	    NELEMS(rate_defs));
	return DM_OK;
}

/* The citizen's request; again: the form of its state (the answer to a
 * question, or the rating) shown again with its errors, or NULL. */
static dm_status
request_page(struct dm_req *req, const struct request *r,
    struct ffield *again, size_t nagain)
{
	const struct service *sv = services_find(r->service);
	struct dm_node *c;
	dm_status st;

	if (r->status == RS_DRAFT) {
		c = render_begin(req, "request", pages_t(req, "request.draft"));
		pages_request_attrs(req, c, r, sv);
		if (kv_get(&req->query, "saved"))
			render_attr(c, "saved", "1");
		/* What was saved, so the citizen knows what "Continue" opens. */
		if (sv != NULL)
			pages_values(req, c, sv, r);
		return pages_files(req, c, r->id, 1, 0, arena_printf(
		    req->arena, "/requests/%lld/files", r->id));
	}
	c = render_begin(req, "request", arena_printf(req->arena, "%s %s",
	    pages_t(req, "request.title"), r->protocol));
	pages_request_attrs(req, c, r, sv);
	render_attr(c, "csrf", csrf_token(req));
	if (req->refusal != NULL)
		render_attr(c, "error", req->refusal);
	if (kv_get(&req->query, "submitted")) {
		render_attr(c, "just-submitted", "1");
		/* The receipt went by e-mail only to an address (the one the
		 * request was submitted with). */
		if (r->applicant_email != NULL && r->applicant_email[0])
			render_attr(c, "receipt-mailed", "1");
	}
	if (kv_get(&req->query, "answered") && r->status != RS_AWAITING)
		render_attr(c, "answered", "1");
	if (r->status == RS_COMPLETED || r->status == RS_REJECTED) {
		long long item = mailbox_of_request(req, r->account_id,
		    r->id);

		if (item != 0)
			render_attr_int(c, "mailbox-item", item);
	}
	if (sv != NULL) {
		pages_values(req, c, sv, r);
		pages_outcome(req, c, sv, r);
	}
	if ((st = pages_files(req, c, r->id, 0, 0, arena_printf(req->arena,
	    "/requests/%lld/files", r->id))) != DM_OK)
		return st;
	if ((st = pages_history(req, c, r->id, 0)) != DM_OK)
		return st;
	if (r->status == RS_AWAITING) {
		size_t n = NELEMS(answer_defs);
		struct ffield *f = again ? again : forms_from_defs(req,
		    answer_defs, n);
		struct dm_node *fm = forms_node(req, c, "answer",
		    arena_printf(req->arena, "/requests/%lld/answer", r->id),
		    "request.answer.submit", f, again ? nagain : n);

		render_attr(fm, "enctype", "multipart/form-data");
	}
	if (RS_BIT(r->status) & RS_OPEN)
		render_attr(c, "can-withdraw", "1");
	if (r->status == RS_COMPLETED) {
		if (kv_get(&req->query, "rated"))
			render_attr(c, "just-rated", "1");
		return rating_part(req, c, r, again, nagain);
	}
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
	/* Who follows the report is told, as of its completion. */
	st = public_report_withdraw(req, &r);
	if (st != DM_OK && req->refusal != NULL) {
		/* The department says why not: the page, with that. */
		req->status = 409;
		return request_page(req, &r, NULL, 0);
	}
	if (st != DM_OK)
		return st == DM_EDENIED ? DM_ECONFLICT : st;
	audit(req, "request_withdrawn", session_actor(req),
	    arena_printf(req->arena, "%lld", r.id));
	http_redirect(req, arena_printf(req->arena, "/requests/%lld",
	    r.id));
	return DM_OK;
}
static dm_status
page_rate(struct dm_req *req)
{
	size_t n = NELEMS(rate_defs);
	struct ffield *f = forms_from_defs(req, rate_defs, n);
	struct request r;
	dm_status st;

	if ((st = pages_own_request(req, &r)) != DM_OK)
		return st;
	if (r.status != RS_COMPLETED)
		return DM_ECONFLICT;
	if (forms_check(req, f, n) == 0) {
		st = rating_give(req, r.id, session_actor(req),
		    atoi(f[0].value), f[1].value);
		/* Rated already (two presses): the rating stands. */
		if (st != DM_OK && st != DM_ECONFLICT)
			return st == DM_EDENIED ? DM_ECONFLICT : st;
		http_redirect(req, arena_printf(req->arena,
		    "/requests/%lld?rated=1", r.id));
		return DM_OK;
	}
	req->status = 422;
	return request_page(req, &r, f, n);
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/requests", DM_ROUTE_LOGIN, page_my_requests },
	{ DM_METHOD_GET, "/requests/:id", DM_ROUTE_LOGIN, page_request },
	{ DM_METHOD_GET, "/requests/:id/files/:att", DM_ROUTE_LOGIN,
	    page_file },
	{ DM_METHOD_GET, "/requests/:id/files/:att/thumb", DM_ROUTE_LOGIN,
	    page_thumb },
	{ DM_METHOD_POST, "/requests/:id/answer", DM_ROUTE_LOGIN,
	    page_answer },
	{ DM_METHOD_POST, "/requests/:id/withdraw", DM_ROUTE_LOGIN,
	    page_withdraw },
	{ DM_METHOD_POST, "/requests/:id/rate", DM_ROUTE_LOGIN, page_rate },
};

const struct route_table my_requests_routes = { routes, NELEMS(routes) };
