/*
 * my_sessions.c - where the citizen is logged in (/account/sessions):
 * each session with when it began and was last seen, how, from where and
 * with what; ending one of them, or all but this one. A session is named
 * by a short reference, never by its id.
 */
#include "audit.h"
#include "localtime.h"
#include "pages.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"

/* Sessions: each is shown with a short reference (not its id). */
static dm_status
page_sessions(struct dm_req *req)
{
	struct dm_node *c = render_begin(req, "sessions",
	    pages_t(req, "sessions.title"));
	struct session_info *v;
	size_t n;
	dm_status st;

	render_attr(c, "csrf", csrf_token(req));
	if (kv_get(&req->query, "ended") != NULL)
		render_attr(c, "ended", "1");
	if ((st = session_list(req, req->session->account_id, req->session,
	    &v, &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		struct dm_node *s = render_add(c, "session", NULL);

		render_attr(s, "ref", v[i].ref);
		/* Stored in UTC; people read the municipality's time. */
		render_attr(s, "created", lt_format(req->arena, v[i].created,
		    1));
		render_attr(s, "seen", lt_format(req->arena, v[i].seen, 1));
		render_attr(s, "method", v[i].method);
		render_attr(s, "ip", v[i].ip);
		render_attr(s, "agent", v[i].agent);
		if (v[i].current)
			render_attr(s, "current", "1");
	}
	return DM_OK;
}

static dm_status
page_sessions_end(struct dm_req *req)
{
	const char *ref = kv_get(&req->form, "ref");
	dm_status st;

	if ((st = session_end_ref(req, req->session->account_id, ref)) !=
	    DM_OK)
		return st;
	audit(req, "session_ended", req->session->account_id, ref);
	http_redirect(req, "/account/sessions?ended=1");
	return DM_OK;
}

static dm_status
page_sessions_end_others(struct dm_req *req)
{
	if (session_end_all(req, req->session->account_id, req->session) !=
	    DM_OK)
		return DM_EINTERNAL;
	audit(req, "sessions_ended", req->session->account_id, "others");
	http_redirect(req, "/account/sessions?ended=1");
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/account/sessions", DM_ROUTE_LOGIN, page_sessions },
	{ DM_METHOD_POST, "/account/sessions/end", DM_ROUTE_LOGIN,
	    page_sessions_end },
	{ DM_METHOD_POST, "/account/sessions/end-others", DM_ROUTE_LOGIN,
	    page_sessions_end_others },
};

const struct route_table my_sessions_routes = { routes, NELEMS(routes) };
