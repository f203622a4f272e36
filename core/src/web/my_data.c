/*
 * my_data.c - the citizen's rights over their data: downloading all of it
 * (/account/export, one JSON document) and closing the account
 * (/account/close: personal data removed, the records of requests kept,
 * every session ended), behind the current password.
 */
#include "accounts.h"
#include "audit.h"
#include "export.h"
#include "forms.h"
#include "pages.h"
#include "public_reports.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"

static dm_status
page_export(struct dm_req *req)
{
	char *json;
	size_t len;
	dm_status st;

	st = export_account(req, req->session->account_id, &json, &len);
	if (st != DM_OK)
		return st;
	audit(req, "data_exported", req->session->account_id, NULL);
	http_header(req, "Content-Disposition",
	    "attachment; filename=\"dimos-my-data.json\"");
	http_header(req, "Cache-Control", "no-store");
	http_send(req, 200, "application/json; charset=utf-8", json, len);
	return DM_OK;
}

static const struct fdef close_defs[] = {
	{ "password", F_PASSWORD, "f.current_password", NULL, FF_REQUIRED, 0,
	    0, "current-password", NULL },
	{ "confirm", F_CHECKBOX, "f.close_confirm", NULL, FF_REQUIRED, 0, 0,
	    NULL, NULL },
};

static dm_status
page_close(struct dm_req *req)
{
	struct ffield *f;
	struct account a;
	struct dm_node *c;
	size_t n;
	dm_status st;

	if ((st = pages_account_form(req, close_defs, NELEMS(close_defs), &a,
	    &f, &n)) != DM_OK)
		return st;
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0 && pages_reauth(req, f, n,
		    &a)) {
			/* The reports it followed go with it: a follow
			 * is a personal link. */
			if ((st = account_close(req, a.id,
			    public_report_forget_account)) != DM_OK)
				return st;
			session_forget(req);
			return pages_message(req, 200, "success",
			    "close.done.title", "close.done.text", NULL, "/",
			    "error.back");
		}
		req->status = 422;
	}
	c = pages_titled(req, "form", "close.title");
	pages_para(req, c, "close.text");
	pages_para(req, c, "close.records");
	forms_node(req, c, "close", "/account/close", "close.submit", f, n);
	pages_link(req, c, "/account", "back");
	return DM_OK;
}

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ DM_METHOD_POST, "/account/export", DM_ROUTE_LOGIN, page_export },
	{ GP, "/account/close", DM_ROUTE_LOGIN, page_close },
};

const struct route_table my_data_routes = { routes, NELEMS(routes) };
