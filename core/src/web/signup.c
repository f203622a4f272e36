/*
 * signup.c - registration with e-mail and password (/register), for a
 * person or a business, and the confirmation of the address by the
 * mailed link (/register/confirm, /register/resend). Every answer that
 * could tell whether an address has an account is the same either way.
 */
#include <string.h>

#include "accounts.h"
#include "config.h"
#include "forms.h"
#include "pages.h"
#include "registration.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "tokens.h"

static const char *const kinds[] = { "person", "business", NULL };

static const struct fdef kind_defs[] = {
	{ "kind", F_CHOICE, "f.kind", NULL, FF_REQUIRED, 0, 0, NULL, kinds },
};

static const struct fdef person_defs[] = {
	{ "first_name", F_STRING, "f.first_name", NULL, FF_REQUIRED, 1, 100,
	    "given-name", NULL },
	{ "last_name", F_STRING, "f.last_name", NULL, FF_REQUIRED, 1, 100,
	    "family-name", NULL },
	{ "father_name", F_STRING, "f.father_name", "f.father_name.hint",
	    FF_REQUIRED, 1, 100, NULL, NULL },
	{ "email", F_EMAIL, "f.email", "f.email.hint", FF_REQUIRED, 0, 254,
	    "email", NULL },
	{ "mobile", F_MOBILE, "f.mobile", "f.mobile.hint", FF_REQUIRED, 0, 0,
	    "tel", NULL },
	{ "afm", F_AFM, "f.afm", "f.afm.optional", 0, 0, 0, NULL, NULL },
	{ "password", F_NEWPASSWORD, "f.new_password", "f.new_password.hint",
	    FF_REQUIRED, 0, 0, "new-password", NULL },
	{ "password2", F_PASSWORD, "f.new_password2", NULL, FF_REQUIRED, 0, 0,
	    "new-password", NULL },
	{ "terms", F_CHECKBOX, "f.terms", "f.terms.hint", FF_REQUIRED, 0, 0,
	    NULL, NULL },
	{ "kind", F_HIDDEN, "f.kind", NULL, 0, 0, 0, NULL, NULL },
};

static const struct fdef business_defs[] = {
	{ "company_name", F_STRING, "f.company_name", NULL, FF_REQUIRED, 2,
	    200, "organization", NULL },
	{ "afm", F_AFM, "f.afm", "f.afm.business", FF_REQUIRED, 0, 0, NULL,
	    NULL },
	{ "legal_rep", F_STRING, "f.legal_rep", "f.legal_rep.hint",
	    FF_REQUIRED, 2, 200, "name", NULL },
	{ "email", F_EMAIL, "f.email", "f.email.hint", FF_REQUIRED, 0, 254,
	    "email", NULL },
	{ "mobile", F_MOBILE, "f.mobile", "f.mobile.optional", 0, 0, 0, "tel",
	    NULL },
	{ "password", F_NEWPASSWORD, "f.new_password", "f.new_password.hint",
	    FF_REQUIRED, 0, 0, "new-password", NULL },
	{ "password2", F_PASSWORD, "f.new_password2", NULL, FF_REQUIRED, 0, 0,
	    "new-password", NULL },
	{ "terms", F_CHECKBOX, "f.terms", "f.terms.hint", FF_REQUIRED, 0, 0,
	    NULL, NULL },
	{ "kind", F_HIDDEN, "f.kind", NULL, 0, 0, 0, NULL, NULL },
};

static void
register_form(struct dm_req *req, const char *kind, struct ffield *f,
    size_t n)
{
	struct dm_node *c = pages_titled(req, "form", strcmp(kind,
	    "business") == 0 ? "register.business.title" :
	    "register.person.title");

	pages_para(req, c, "register.lead");
	/* A legal entity has TaxisNet credentials of its own too. */
	pages_taxisnet(req, c, strcmp(kind, "person") == 0 ?
	    "register.taxisnet" : "register.taxisnet.business");
	forms_node(req, c, "register", "/register", "register.submit", f, n);
	pages_link(req, c, "/login", "register.have_account");
}

static dm_status
page_register(struct dm_req *req)
{
	const char *kind = req->method == HTTP_POST ?
	    kv_get(&req->form, "kind") : kv_get(&req->query, "kind");
	int business = kind && strcmp(kind, "business") == 0;
	const struct fdef *defs = business ? business_defs : person_defs;
	size_t n = business ? NELEMS(business_defs) : NELEMS(person_defs);
	struct account_new a;
	struct ffield *f;
	const char *name;
	int errors;
	dm_status st;

	if (req->session != NULL) {
		http_redirect(req, "/account");
		return DM_OK;
	}
	if (kind == NULL || (strcmp(kind, "person") != 0 && !business)) {
		struct dm_node *c = pages_titled(req, "form",
		    "register.title"), *fm;

		f = forms_from_defs(req, kind_defs, 1);
		pages_para(req, c, "register.choose");
		fm = forms_node(req, c, "register-kind", "/register",
		    "continue", f, 1);
		render_attr(fm, "method", "get");
		pages_link(req, c, "/login", "register.have_account");
		return DM_OK;
	}
	f = forms_from_defs(req, defs, n);
	forms_find(f, n, "kind")->value = business ? "business" : "person";
	if (req->method != HTTP_POST) {
		register_form(req, kind, f, n);
		return DM_OK;
	}
	errors = forms_check(req, f, n);
	errors += forms_repeat(req, f, n, "password", "password2");
	if (errors == 0 && !pages_mail_limited(req, forms_find(f, n,
	    "email"))) {
		memset(&a, 0, sizeof(a));
		a.kind = business ? "business" : "person";
		a.level = 'A';
		a.email = forms_value(f, n, "email");
		a.first_name = forms_value(f, n, "first_name");
		a.last_name = forms_value(f, n, "last_name");
		a.father_name = forms_value(f, n, "father_name");
		a.company_name = forms_value(f, n, "company_name");
		a.legal_rep = forms_value(f, n, "legal_rep");
		a.afm = forms_value(f, n, "afm");
		a.mobile = forms_value(f, n, "mobile");
		name = business ? a.company_name : arena_printf(req->arena,
		    "%s %s", a.first_name, a.last_name);
		st = registration_submit(req, &a, forms_value(f, n,
		    "password"), name);
		if (st != DM_OK)
			return st;
		return pages_message(req, 200, "success",
		    "register.sent.title", "register.sent.text",
		    (const char *const[]){ "email", a.email, NULL }, NULL,
		    NULL);
	}
	if (req->status != 429)
		req->status = 422;
	register_form(req, kind, f, n);
	return DM_OK;
}

static dm_status
page_register_confirm(struct dm_req *req)
{
	const char *tok = req->method == HTTP_POST ?
	    kv_get(&req->form, "token") : kv_get(&req->query, "token");
	long long id;
	dm_status st;

	if (req->method != HTTP_POST) {
		if (tokens_peek(req, "verify_email", tok, &id) != DM_OK)
			return pages_bad_link(req, "/register/resend",
			    "register.resend.link");
		return pages_confirm(req, "register.confirm.title",
		    "register.confirm.text", "/register/confirm", tok,
		    "register.confirm.submit");
	}
	st = registration_confirm(req, tok);
	if (st == DM_ENOTFOUND)
		return pages_bad_link(req, "/register/resend",
		    "register.resend.link");
	if (st != DM_OK)
		return DM_EINTERNAL;
	return pages_message(req, 200, "success", "register.done.title",
	    "register.done.text", NULL, "/login", "login.title");
}

static dm_status
page_register_resend(struct dm_req *req)
{
	static const char *const keys[5] = { "register.resend.title",
	    "register.resend.text", "send", "register.sent.title",
	    "register.sent.text" };

	return pages_email_form(req, keys, "/register/resend",
	    registration_resend);
}

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ GP, "/register", DM_ROUTE_PUBLIC, page_register },
	{ GP, "/register/confirm", DM_ROUTE_PUBLIC, page_register_confirm },
	{ GP, "/register/resend", DM_ROUTE_PUBLIC, page_register_resend },
};

const struct route_table signup_routes = { routes, NELEMS(routes) };
