/*
 * login.c - logging in with e-mail and password (/login), logging out on
 * this browser or everywhere (/logout, /logout/all), and a forgotten
 * password (/login/reset, then the mailed link). A wrong address and a
 * wrong password get the same answer; repeated failures lock the address
 * and the client for a while (domain/auth.c).
 */
#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "forms.h"
#include "i18n.h"
#include "pages.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"
#include "tokens.h"

static const struct fdef login_defs[] = {
	{ "email", F_EMAIL, "f.email", NULL, FF_REQUIRED, 0, 254, "username",
	    NULL },
	{ "password", F_PASSWORD, "f.password", NULL, FF_REQUIRED, 0, 0,
	    "current-password", NULL },
	{ "next", F_HIDDEN, "f.next", NULL, 0, 0, 0, NULL, NULL },
};

static void
login_page(struct dm_req *req, struct ffield *f, size_t n)
{
	struct dm_node *c = pages_titled(req, "form", "login.title");

	pages_taxisnet(req, c, "login.taxisnet.text");
	forms_node(req, c, "login", "/login", "login.submit", f, n);
	pages_link(req, c, "/login/reset", "login.forgot");
	pages_link(req, c, "/register", "login.register");
}

static dm_status
page_login(struct dm_req *req)
{
	size_t n = NELEMS(login_defs);
	struct ffield *f = forms_from_defs(req, login_defs, n);
	const char *next;
	long long id = 0, wait = 0;

	if (req->method != HTTP_POST) {
		if (req->session != NULL) {
			http_redirect(req, "/account");
			return DM_OK;
		}
		next = pages_local_next(req, kv_get(&req->query, "next"));
		forms_find(f, n, "next")->value = next;
		login_page(req, f, n);
		return DM_OK;
	}
	if (forms_check(req, f, n) == 0) {
		next = pages_local_next(req, forms_value(f, n, "next"));
		switch (auth_login(req, forms_value(f, n, "email"),
		    forms_find(f, n, "password")->value, &id, &wait)) {
		case AUTH_OK:
			return pages_login(req, id, 'p', next);
		case AUTH_LOCKED:
			pages_locked(req, &f[0], wait);
			login_page(req, f, n);
			return DM_OK;
		case AUTH_UNCONFIRMED:
			return pages_message(req, 403, "info",
			    "login.unconfirmed.title",
			    "login.unconfirmed.text", NULL,
			    "/register/resend", "register.resend.link");
		case AUTH_WRONG:
			forms_error(req, &f[1], "err.login_wrong");
			break;
		case AUTH_ERROR:
			return DM_EINTERNAL;
		}
	}
	req->status = 422;
	login_page(req, f, n);
	return DM_OK;
}

static dm_status
page_logout(struct dm_req *req)
{
	long long id = req->session->account_id;

	session_logout(req);
	audit(req, "logout", id, NULL);
	http_redirect(req, "/");
	return DM_OK;
}

static dm_status
page_logout_all(struct dm_req *req)
{
	long long id = req->session->account_id;

	session_end_all(req, id, NULL);
	session_logout(req);
	audit(req, "logout_everywhere", id, NULL);
	return pages_message(req, 200, "success", "logout.all.title",
	    "logout.all.text", NULL, "/login", "login.title");
}

/* A forgotten password ---------------------------------------------------- */

static dm_status
send_reset(struct dm_req *req, const char *email)
{
	return auth_mail_token(req, email, &auth_mail_reset);
}

static dm_status
page_reset(struct dm_req *req)
{
	static const char *const keys[5] = { "reset.title", "reset.text",
	    "send", "reset.sent.title", "reset.sent.text" };

	return pages_email_form(req, keys, "/login/reset", send_reset);
}

static const struct fdef newpw_defs[] = {
	{ "password", F_NEWPASSWORD, "f.new_password", "f.new_password.hint",
	    FF_REQUIRED, 0, 0, "new-password", NULL },
	{ "password2", F_PASSWORD, "f.new_password2", NULL, FF_REQUIRED, 0, 0,
	    "new-password", NULL },
	{ "token", F_HIDDEN, "f.token", NULL, 0, 0, 0, NULL, NULL },
};

static dm_status
page_reset_confirm(struct dm_req *req)
{
	size_t n = NELEMS(newpw_defs);
	struct ffield *f = forms_from_defs(req, newpw_defs, n);
	const char *tok = req->method == HTTP_POST ?
	    kv_get(&req->form, "token") : kv_get(&req->query, "token");
	struct dm_node *c;
	long long id;

	if (tokens_peek(req, "reset_password", tok, &id) != DM_OK)
		return pages_bad_link(req, "/login/reset", "reset.again");
	forms_find(f, n, "token")->value = tok;
	if (req->method == HTTP_POST) {
		int errors = forms_check(req, f, n);
		struct account a;

		/* Not the holder's own name or address either. */
		if (errors == 0 && account_load(req, id, &a) == DM_OK) {
			const char *own[] = { a.first_name, a.last_name,
			    a.father_name, a.company_name, a.legal_rep,
			    a.email };

			errors += forms_password_own(req, f, n, own,
			    NELEMS(own));
		}
		errors += forms_repeat(req, f, n, "password", "password2");
		if (errors == 0) {
			dm_status st = auth_reset_password(req, tok,
			    f[0].value);

			if (st == DM_ENOTFOUND)
				return pages_bad_link(req, "/login/reset",
				    "reset.again");
			if (st != DM_OK)
				return st;
			return pages_message(req, 200, "success",
			    "reset.done.title", "reset.done.text", NULL,
			    "/login", "login.title");
		}
		req->status = 422;
	}
	c = pages_titled(req, "form", "reset.new.title");
	pages_para(req, c, "reset.new.text");
	forms_node(req, c, "reset", "/login/reset/confirm", "reset.new.submit",
	    f, n);
	return DM_OK;
}

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ GP, "/login", DM_ROUTE_PUBLIC, page_login },
	{ GP, "/login/reset", DM_ROUTE_PUBLIC, page_reset },
	{ GP, "/login/reset/confirm", DM_ROUTE_PUBLIC, page_reset_confirm },
	{ DM_METHOD_POST, "/logout", DM_ROUTE_LOGIN, page_logout },
	{ DM_METHOD_POST, "/logout/all", DM_ROUTE_LOGIN, page_logout_all },
};

const struct route_table login_routes = { routes, NELEMS(routes) };
