/*
 * my_account.c - the citizen's own account: what it holds (/account), the
 * details they may change (/account/details; a Level B person's names
 * and a Level B business's legal name are TaxisNet's), a new e-mail address (proved by a mailed link) and a
 * new password (/account/password), each behind the current password
 * where the account has one.
 */
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "forms.h"
#include "pages.h"
#include "registration.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"
#include "tokens.h"

static void
detail(struct dm_node *list, const char *label, const char *value)
{
	struct dm_node *d;

	if (value == NULL || value[0] == '\0')
		return;
	d = render_add(list, "item", value);
	render_attr(d, "label", label);
}

static dm_status
page_account(struct dm_req *req)
{
	struct account a;
	struct dm_node *c, *list, *roles;
	dm_status st;

	if ((st = account_load(req, req->session->account_id, &a)) != DM_OK)
		return st;
	c = render_begin(req, "account", pages_t(req, "account.title"));
	render_attr(c, "kind", a.kind == 'b' ? "business" : "person");
	render_attr(c, "level", a.level == 'B' ? "B" : "A");
	render_attr(c, "name", account_display(req, &a));
	if (req->cfg->taxis_enabled)
		render_attr(c, "taxisnet", "1");
	if (kv_get(&req->query, "verified") != NULL)
		render_attr(c, "verified", "1");
	if (kv_get(&req->query, "saved") != NULL)
		render_attr(c, "saved", "1");
	if (!a.has_password)
		render_attr(c, "no-password", "1");
	list = render_add(c, "details", NULL);
	if (a.kind == 'b') {
		detail(list, pages_t(req, "f.company_name"), a.company_name);
		detail(list, pages_t(req, "f.legal_rep"), a.legal_rep);
	} else {
		detail(list, pages_t(req, "f.first_name"), a.first_name);
		detail(list, pages_t(req, "f.last_name"), a.last_name);
		detail(list, pages_t(req, "f.father_name"), a.father_name);
		detail(list, pages_t(req, "f.mother_name"), a.mother_name);
		if (a.birth_year > 0)
			detail(list, pages_t(req, "f.birth_year"), arena_printf(
			    req->arena, "%lld", a.birth_year));
	}
	detail(list, pages_t(req, "f.afm"), a.afm);
	detail(list, pages_t(req, "f.email"), a.email ? a.email :
	    pages_t(req, "account.no_email"));
	detail(list, pages_t(req, "f.mobile"), a.mobile);
	detail(list, pages_t(req, "f.notify_email"), pages_t(req,
	    a.notify_email ? "yes" : "no"));
	detail(list, pages_t(req, "f.lang"), pages_t(req, strcmp(a.lang ?
	    a.lang : "el", "en") == 0 ? "lang.english" : "lang.greek"));
	roles = render_add(c, "roles", NULL);
	for (size_t i = 0; i < req->session->nroles; i++) {
		const struct session_role *r = &req->session->roles[i];
		struct dm_node *rn = render_add(roles, "role", NULL);

		render_attr(rn, "role", r->role == ROLE_ADMIN ? "admin" :
		    r->role == ROLE_HEAD ? "head" : "clerk");
		render_attr(rn, "department", pages_dept_name(req, r->dept));
	}
	render_attr(c, "csrf", csrf_token(req));
	return DM_OK;
}

static const char *const langs[] = { "el", "en", NULL };

static const struct fdef person_details[] = {
	{ "first_name", F_STRING, "f.first_name", NULL, FF_REQUIRED, 1, 100,
	    "given-name", NULL },
	{ "last_name", F_STRING, "f.last_name", NULL, FF_REQUIRED, 1, 100,
	    "family-name", NULL },
	{ "father_name", F_STRING, "f.father_name", NULL, FF_REQUIRED, 1, 100,
	    NULL, NULL },
	{ "mobile", F_MOBILE, "f.mobile", "f.mobile.hint", 0, 0, 0, "tel",
	    NULL },
	{ "amka", F_AMKA, "f.amka", "f.amka.hint", 0, 0, 0, NULL, NULL },
	{ "notify_email", F_CHECKBOX, "f.notify_email", "f.notify_email.hint",
	    0, 0, 0, NULL, NULL },
	{ "lang", F_CHOICE, "f.lang", NULL, FF_REQUIRED, 0, 0, NULL, langs },
};

static const struct fdef business_details[] = {
	{ "company_name", F_STRING, "f.company_name", NULL, FF_REQUIRED, 2,
	    200, "organization", NULL },
	{ "legal_rep", F_STRING, "f.legal_rep", NULL, FF_REQUIRED, 2, 200,
	    "name", NULL },
	{ "mobile", F_MOBILE, "f.mobile", "f.mobile.optional", 0, 0, 0, "tel",
	    NULL },
	{ "notify_email", F_CHECKBOX, "f.notify_email", "f.notify_email.hint",
	    0, 0, 0, NULL, NULL },
	{ "lang", F_CHOICE, "f.lang", NULL, FF_REQUIRED, 0, 0, NULL, langs },
};

static void
preset(struct ffield *f, size_t n, const char *name, const char *v)
{
	struct ffield *x = forms_find(f, n, name);

	if (x != NULL)
		x->value = v;
}

static dm_status
page_account_details(struct dm_req *req)
{
	struct account a;
	int business;
	size_t n;
	struct ffield *f;
	struct dm_node *c;
	dm_status st;

	if ((st = account_load(req, req->session->account_id, &a)) != DM_OK)
		return st;
	business = a.kind == 'b';
	n = business ? NELEMS(business_details) : NELEMS(person_details);
	f = forms_from_defs(req, business ? business_details :
	    person_details, n);
	/* A verified identity's names come from TaxisNet: shown, fixed (a
	 * person's three, a legal entity's legal name). */
	if (a.level == 'B')
		for (size_t i = 0; i < (business ? 1u : 3u); i++)
			f[i].flags |= FF_READONLY;
	preset(f, n, "first_name", a.first_name);
	preset(f, n, "last_name", a.last_name);
	preset(f, n, "father_name", a.father_name);
	preset(f, n, "company_name", a.company_name);
	preset(f, n, "legal_rep", a.legal_rep);
	preset(f, n, "mobile", a.mobile);
	preset(f, n, "amka", a.amka);
	preset(f, n, "notify_email", a.notify_email ? "1" : "");
	preset(f, n, "lang", a.lang);
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0) {
			struct account_details d = {
			    forms_value(f, n, "first_name"),
			    forms_value(f, n, "last_name"),
			    forms_value(f, n, "father_name"),
			    forms_value(f, n, "company_name"),
			    forms_value(f, n, "legal_rep"),
			    forms_value(f, n, "mobile"),
			    forms_value(f, n, "amka"),
			    forms_value(f, n, "notify_email") != NULL,
			    forms_value(f, n, "lang") };

			if ((st = account_update_details(req,
			    req->session->account_id, &d)) != DM_OK)
				return st;
			audit(req, "profile_changed",
			    req->session->account_id, NULL);
			http_set_cookie(req, "lang", forms_value(f, n, "lang"),
			    365LL * 86400, 0);
			http_redirect(req, "/account?saved=1");
			return DM_OK;
		}
		req->status = 422;
	}
	c = pages_titled(req, "form", "account.details.title");
	forms_node(req, c, "details", "/account/details", "save", f, n);
	pages_link(req, c, "/account", "back");
	return DM_OK;
}

static const struct fdef change_email_defs[] = {
	{ "email", F_EMAIL, "f.new_email", "f.email.hint", FF_REQUIRED, 0, 254,
	    "email", NULL },
	{ "password", F_PASSWORD, "f.current_password", NULL, FF_REQUIRED, 0,
	    0, "current-password", NULL },
};

static dm_status
page_account_email(struct dm_req *req)
{
	struct ffield *f;
	struct account a;
	struct dm_node *c;
	size_t n;
	dm_status st;

	if ((st = pages_account_form(req, change_email_defs,
	    NELEMS(change_email_defs), &a, &f, &n)) != DM_OK)
		return st;
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0 && pages_reauth(req, f, n,
		    &a) && !pages_mail_limited(req, &f[0])) {
			if ((st = registration_email_change(req, &a,
			    f[0].value)) != DM_OK)
				return st;
			return pages_message(req, 200, "success",
			    "account.email.sent.title",
			    "account.email.sent.text", (const char *const[]){
			    "email", f[0].value, NULL }, "/account",
			    "account.title");
		}
		if (req->status != 429)
			req->status = 422;
	}
	c = pages_titled(req, "form", kv_get(&req->query, "welcome") ?
	    "account.email.welcome" : "account.email.title");
	pages_para(req, c, "account.email.text");
	forms_node(req, c, "email", "/account/email", "send", f, n);
	pages_link(req, c, "/account", "back");
	return DM_OK;
}

static dm_status
page_account_email_confirm(struct dm_req *req)
{
	const char *tok = req->method == HTTP_POST ?
	    kv_get(&req->form, "token") : kv_get(&req->query, "token");
	const char *email = NULL;
	long long id;
	dm_status st;

	if (req->method != HTTP_POST) {
		if (tokens_peek(req, "change_email", tok, &id) != DM_OK)
			return pages_bad_link(req, "/account/email",
			    "account.email.title");
		return pages_confirm(req, "account.email.confirm.title",
		    "account.email.confirm.text", "/account/email/confirm",
		    tok, "account.email.confirm.submit");
	}
	st = registration_email_confirm(req, tok, &email);
	if (st == DM_ENOTFOUND)
		return pages_bad_link(req, "/account/email",
		    "account.email.title");
	if (st == DM_ECONFLICT)
		return pages_message(req, 409, "error",
		    "account.email.taken.title", "account.email.taken.text",
		    NULL, "/account/email", "account.email.title");
	if (st != DM_OK)
		return st;
	return pages_message(req, 200, "success", "account.email.done.title",
	    "account.email.done.text", (const char *const[]){ "email",
	    email, NULL }, "/account", "account.title");
}

static const struct fdef change_pw_defs[] = {
	{ "current", F_PASSWORD, "f.current_password", NULL, FF_REQUIRED, 0, 0,
	    "current-password", NULL },
	{ "password", F_NEWPASSWORD, "f.new_password", "f.new_password.hint",
	    FF_REQUIRED, 0, 0, "new-password", NULL },
	{ "password2", F_PASSWORD, "f.new_password2", NULL, FF_REQUIRED, 0, 0,
	    "new-password", NULL },
};

static dm_status
page_account_password(struct dm_req *req)
{
	struct ffield *f;
	struct account a;
	struct dm_node *c;
	size_t n;
	dm_status st;

	/* Setting a first password: nothing to re-enter. */
	if ((st = pages_account_form(req, change_pw_defs,
	    NELEMS(change_pw_defs), &a, &f, &n)) != DM_OK)
		return st;
	if (req->method == HTTP_POST) {
		int errors = forms_check(req, f, n);

		errors += forms_repeat(req, f, n, "password", "password2");
		if (errors == 0 && pages_reauth(req, f, n, &a)) {
			if ((st = auth_change_password(req, a.id,
			    forms_find(f, n, "password")->value)) != DM_OK)
				return st;
			return pages_message(req, 200, "success",
			    "account.password.done.title",
			    "account.password.done.text", NULL, "/account",
			    "account.title");
		}
		req->status = 422;
	}
	c = pages_titled(req, "form", "account.password.title");
	pages_para(req, c, "account.password.text");
	forms_node(req, c, "password", "/account/password", "save", f, n);
	pages_link(req, c, "/account", "back");
	return DM_OK;
}

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/account", DM_ROUTE_LOGIN, page_account },
	{ GP, "/account/details", DM_ROUTE_LOGIN, page_account_details },
	{ GP, "/account/email", DM_ROUTE_LOGIN, page_account_email },
	{ GP, "/account/email/confirm", DM_ROUTE_PUBLIC,
	    page_account_email_confirm },
	{ GP, "/account/password", DM_ROUTE_LOGIN, page_account_password },
};

const struct route_table my_account_routes = { routes, NELEMS(routes) };
