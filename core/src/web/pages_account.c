/*
 * pages_account.c - registration, login, password reset, TaxisNet and the
 * citizen's own account pages (/register, /login, /logout, /account...).
 * Every form is declared as data (forms.h); every answer that could tell
 * whether an e-mail address has an account is the same either way.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "forms.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "oauth.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "token.h"
#include "url.h"

#define VERIFY_TTL	(24 * 3600)
#define RESET_TTL	3600
#define OAUTH_TTL	600
#define OAUTH_COOKIE	"dm_oauth"


static const char *
T(struct dm_req *req, const char *key)
{
	return i18n_str(i18n_lang_of(req->lang), key);
}

/* Page kit: a titled page with a lead, paragraphs, a form and links. */
static struct dm_node *
page(struct dm_req *req, const char *view, const char *title_key)
{
	struct dm_node *c = render_begin(req, view, T(req, title_key));

	render_add(c, "heading", T(req, title_key));
	return c;
}

static void
para(struct dm_req *req, struct dm_node *c, const char *key)
{
	render_add(c, "p", T(req, key));
}

static void
link_to(struct dm_req *req, struct dm_node *c, const char *href,
    const char *key)
{
	struct dm_node *l = render_add(c, "link", NULL);

	render_attr(l, "href", href);
	render_attr(l, "label", T(req, key));
}

/* A message page: title, text (with {vars}), optional link. */
static dm_status
message(struct dm_req *req, int status, const char *kind,
    const char *title_key, const char *text_key, const char *const *vars,
    const char *href, const char *link_key)
{
	struct dm_node *c = page(req, "message", title_key);

	render_attr(c, "kind", kind);
	render_add(c, "p", i18n_format(req->arena, i18n_lang_of(req->lang),
	    text_key, vars));
	if (href != NULL)
		link_to(req, c, href, link_key);
	req->status = status;
	return DM_OK;
}

/* A "next" target must be a path on this site. */
static const char *
local_next(struct dm_req *req, const char *next)
{
	if (next == NULL || strlen(next) > 200)
		return NULL;
	return url_local(req->arena, next);
}

static const char *
full_url(struct dm_req *req, const char *path, const char *token)
{
	return arena_printf(req->arena, "%s%s%s", req->cfg->base_url, path,
	    token ? token : "");
}

/* Registration ------------------------------------------------------- */

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

static const char *
val(struct ffield *f, size_t n, const char *name)
{
	struct ffield *x = forms_find(f, n, name);

	return x && x->value && x->value[0] ? x->value : NULL;
}

static void
register_form(struct dm_req *req, const char *kind, struct ffield *f,
    size_t n)
{
	struct dm_node *c = page(req, "form", strcmp(kind, "business") == 0 ?
	    "register.business.title" : "register.person.title");

	para(req, c, "register.lead");
	if (req->cfg->taxis_enabled && strcmp(kind, "person") == 0) {
		struct dm_node *t = render_add(c, "taxisnet", NULL);

		render_attr(t, "href", "/login/taxisnet");
		render_attr(t, "text", T(req, "register.taxisnet"));
		render_attr(t, "label", T(req, "login.taxisnet"));
	}
	forms_node(req, c, "register", "/register", "register.submit", f, n);
	link_to(req, c, "/login", "register.have_account");
}

struct reg_ctx {
	struct dm_req	*req;
	struct ffield	*f;
	size_t		 n;
	int		 business;
	const char	*email;
	const char	*name;
	long long	 id;
	int		 afm_taken;
};

static dm_status
register_tx(void *arg)
{
	struct reg_ctx *x = arg;
	struct dm_req *req = x->req;
	char hash[AUTH_HASH_MAX], tok[TOKEN_LEN + 1];
	struct dm_value p[10];
	uint64_t id = 0;
	long long other = 0;
	dm_status st;

	x->afm_taken = 0;
	if (auth_hash_password(req->cfg, val(x->f, x->n, "password"), hash) !=
	    DM_OK)
		return DM_EINTERNAL;
	/* An address that already has an account: its owner is told by
	 * e-mail, the visitor sees the same page as everyone. */
	p[0] = DM_VTEXT(x->email);
	st = db_query_int(db_worker(), "SELECT id FROM accounts WHERE email = "
	    "?", p, 1, &other);
	if (st == DM_OK) {
		struct mail m = { x->email, NULL, req->lang, "exists", other,
		    (const char *const[]){ "login", full_url(req, "/login",
		    NULL), "reset", full_url(req, "/login/reset", NULL),
		    NULL } };

		return mail_queue(req, &m);
	}
	if (st != DM_ENOTFOUND)
		return st;
	p[0] = DM_VTEXT(x->business ? "business" : "person");
	p[1] = DM_VTEXT(x->email);
	p[2] = DM_VTEXT(hash);
	p[3] = DM_VTEXT(val(x->f, x->n, "first_name"));
	p[4] = DM_VTEXT(val(x->f, x->n, "last_name"));
	p[5] = DM_VTEXT(val(x->f, x->n, "father_name"));
	p[6] = DM_VTEXT(val(x->f, x->n, "company_name"));
	p[7] = DM_VTEXT(val(x->f, x->n, "legal_rep"));
	p[8] = DM_VTEXT(val(x->f, x->n, "afm"));
	p[9] = DM_VTEXT(val(x->f, x->n, "mobile"));
	st = db_exec(db_worker(), "INSERT INTO accounts (kind, status, email, "
	    "password_hash, password_changed_at, first_name, last_name, "
	    "father_name, company_name, legal_rep, afm, mobile, lang) VALUES "
	    "(?, 'pending', ?, ?, UTC_TIMESTAMP(6), ?, ?, ?, ?, ?, ?, ?, ?)",
	    (struct dm_value[]){ p[0], p[1], p[2], p[3], p[4], p[5], p[6],
	    p[7], p[8], p[9], DM_VTEXT(req->lang) }, 11, NULL, &id);
	if (st == DM_ECONFLICT) {
		/* The AFM is taken (an AFM is no secret: say so), or the
		 * e-mail was registered a moment ago by a racing request. */
		long long taken = 0;

		if (p[8].type == DM_V_TEXT && db_query_int(db_worker(),
		    "SELECT COUNT(*) FROM accounts WHERE kind = ? AND afm = ?",
		    (struct dm_value[]){ p[0], p[8] }, 2, &taken) == DM_OK &&
		    taken > 0) {
			x->afm_taken = 1;
			return DM_ECONFLICT;
		}
		return DM_OK;
	}
	if (st != DM_OK)
		return st;
	x->id = (long long)id;
	if ((st = auth_token_issue(db_worker(), x->id, "verify_email",
	    VERIFY_TTL, NULL, tok)) != DM_OK)
		return st;
	audit(req, "account_registered", x->id, x->business ? "business" :
	    "person");
	{
		struct mail m = { x->email, x->name, req->lang, "verify", x->id,
		    (const char *const[]){ "link", full_url(req,
		    "/register/confirm?token=", tok), NULL } };

		return mail_queue(req, &m);
	}
}

/* The second password must repeat the first; one more error if not. */
static int
check_repeat(struct dm_req *req, struct ffield *f, size_t n,
    const char *first, const char *second)
{
	struct ffield *a = forms_find(f, n, first), *b = forms_find(f, n,
	    second);

	if (a->error != NULL || b->error != NULL)
		return 0;
	if (strcmp(a->value, b->value) == 0)
		return 0;
	forms_error(req, b, "err.password_mismatch");
	return 1;
}

static dm_status
page_register(struct dm_req *req)
{
	const char *kind = req->method == HTTP_POST ?
	    kv_get(&req->form, "kind") : kv_get(&req->query, "kind");
	int business = kind && strcmp(kind, "business") == 0;
	const struct fdef *defs = business ? business_defs : person_defs;
	size_t n = business ? NELEMS(business_defs) : NELEMS(person_defs);
	struct ffield *f;
	struct reg_ctx x;
	int errors;
	dm_status st;

	if (req->session != NULL) {
		http_redirect(req, "/account");
		return DM_OK;
	}
	if (kind == NULL || (strcmp(kind, "person") != 0 && !business)) {
		struct dm_node *c = page(req, "form", "register.title"), *fm;

		f = forms_from_defs(req, kind_defs, 1);
		para(req, c, "register.choose");
		fm = forms_node(req, c, "register-kind", "/register",
		    "continue", f, 1);
		render_attr(fm, "method", "get");
		link_to(req, c, "/login", "register.have_account");
		return DM_OK;
	}
	f = forms_from_defs(req, defs, n);
	forms_find(f, n, "kind")->value = business ? "business" : "person";
	if (req->method != HTTP_POST) {
		register_form(req, kind, f, n);
		return DM_OK;
	}
	errors = forms_check(req, f, n);
	errors += check_repeat(req, f, n, "password", "password2");
	if (errors == 0) {
		memset(&x, 0, sizeof(x));
		x.req = req;
		x.f = f;
		x.n = n;
		x.business = business;
		x.email = val(f, n, "email");
		x.name = business ? val(f, n, "company_name") :
		    arena_printf(req->arena, "%s %s", val(f, n, "first_name"),
		    val(f, n, "last_name"));
		st = db_tx(db_worker(), register_tx, &x);
		if (st == DM_OK)
			return message(req, 200, "success",
			    "register.sent.title", "register.sent.text",
			    (const char *const[]){ "email", x.email, NULL },
			    NULL, NULL);
		if (st != DM_ECONFLICT || !x.afm_taken)
			return st;
		forms_error(req, forms_find(f, n, "afm"), "err.afm_taken");
	}
	req->status = 422;
	register_form(req, kind, f, n);
	return DM_OK;
}

/* E-mail confirmation ------------------------------------------------- */

/* A page with one button that POSTs a token back: links in e-mails are
 * opened by scanners too, so following one never changes anything. */
static dm_status
confirm_page(struct dm_req *req, const char *title_key, const char *text_key,
    const char *action, const char *token, const char *submit_key)
{
	struct dm_node *c = page(req, "form", title_key);
	struct ffield *f = arena_zalloc(req->arena, sizeof(*f));

	para(req, c, text_key);
	f->name = "token";
	f->type = F_HIDDEN;
	f->label = "token";
	f->value = token;
	forms_node(req, c, "confirm", action, submit_key, f, 1);
	return DM_OK;
}

static dm_status
bad_link(struct dm_req *req, const char *href, const char *link_key)
{
	return message(req, 404, "error", "link.bad.title", "link.bad.text",
	    NULL, href, link_key);
}

static dm_status
page_register_confirm(struct dm_req *req)
{
	const char *tok = req->method == HTTP_POST ?
	    kv_get(&req->form, "token") : kv_get(&req->query, "token");
	long long id;
	struct dm_value p;

	if (req->method != HTTP_POST) {
		if (auth_token_peek(req, "verify_email", tok, &id) != DM_OK)
			return bad_link(req, "/register/resend",
			    "register.resend.link");
		return confirm_page(req, "register.confirm.title",
		    "register.confirm.text", "/register/confirm", tok,
		    "register.confirm.submit");
	}
	if (auth_token_use(req, "verify_email", tok, &id, NULL) != DM_OK)
		return bad_link(req, "/register/resend",
		    "register.resend.link");
	p = DM_VINT(id);
	if (db_exec(db_worker(), "UPDATE accounts SET status = 'active', "
	    "email_verified_at = UTC_TIMESTAMP(6) WHERE id = ? AND status = "
	    "'pending'", &p, 1, NULL, NULL) != DM_OK)
		return DM_EINTERNAL;
	audit(req, "email_verified", id, NULL);
	return message(req, 200, "success", "register.done.title",
	    "register.done.text", NULL, "/login", "login.title");
}

static const struct fdef email_defs[] = {
	{ "email", F_EMAIL, "f.email", NULL, FF_REQUIRED, 0, 254, "email",
	    NULL },
};

struct pending_row {
	long long	 id;
	char		 name[256];
	char		 lang[3];
	int		 found;
};

static dm_status
pending_row(void *arg, const struct dm_value *c, size_t n)
{
	struct pending_row *r = arg;

	if (n < 3)
		return DM_EINTERNAL;
	r->found = 1;
	r->id = c[0].i;
	snprintf(r->name, sizeof(r->name), "%s", c[1].type == DM_V_TEXT ?
	    c[1].s : "");
	snprintf(r->lang, sizeof(r->lang), "%s", c[2].type == DM_V_TEXT ?
	    c[2].s : "el");
	return DM_OK;
}

struct mailtok_ctx {
	struct dm_req	*req;
	const char	*email;
	const char	*status;	/* accounts to act on */
	const char	*purpose;
	const char	*kind;		/* mail template */
	const char	*path;		/* link path + "?token=" */
	long long	 ttl;
};

/* Issues a token and mails it if the address has an account in the
 * given state; does nothing (and says nothing) otherwise. */
static dm_status
mailtok_tx(void *arg)
{
	struct mailtok_ctx *x = arg;
	struct pending_row r;
	char tok[TOKEN_LEN + 1];
	struct dm_value p[2];
	dm_status st;

	memset(&r, 0, sizeof(r));
	p[0] = DM_VTEXT(x->email);
	p[1] = DM_VTEXT(x->status);
	st = db_query(db_worker(), "SELECT id, COALESCE(company_name, "
	    "CONCAT_WS(' ', first_name, last_name)), lang FROM accounts WHERE "
	    "email = ? AND FIND_IN_SET(status, ?)", p, 2, pending_row, &r);
	if (st != DM_OK || !r.found)
		return st;
	if ((st = auth_token_issue(db_worker(), r.id, x->purpose, x->ttl,
	    NULL, tok)) != DM_OK)
		return st;
	audit(x->req, x->purpose, r.id, "mailed");
	{
		struct mail m = { x->email, r.name, r.lang, x->kind, r.id,
		    (const char *const[]){ "link", full_url(x->req, x->path,
		    tok), NULL } };

		return mail_queue(x->req, &m);
	}
}

static dm_status
email_form_page(struct dm_req *req, const char *title_key,
    const char *text_key, const char *action, const char *submit_key,
    const char *sent_title, const char *sent_text, struct mailtok_ctx *x)
{
	struct ffield *f = forms_from_defs(req, email_defs, 1);
	struct dm_node *c;

	if (req->method == HTTP_POST && forms_check(req, f, 1) == 0) {
		x->req = req;
		x->email = f->value;
		if (db_tx(db_worker(), mailtok_tx, x) != DM_OK)
			return DM_EINTERNAL;
		return message(req, 200, "success", sent_title, sent_text,
		    (const char *const[]){ "email", f->value, NULL }, "/login",
		    "login.title");
	}
	if (req->method == HTTP_POST)
		req->status = 422;
	c = page(req, "form", title_key);
	para(req, c, text_key);
	forms_node(req, c, "email", action, submit_key, f, 1);
	return DM_OK;
}

static dm_status
page_register_resend(struct dm_req *req)
{
	struct mailtok_ctx x = { NULL, NULL, "pending", "verify_email",
	    "verify", "/register/confirm?token=", VERIFY_TTL };

	return email_form_page(req, "register.resend.title",
	    "register.resend.text", "/register/resend", "send",
	    "register.sent.title", "register.sent.text", &x);
}

/* Login and logout ---------------------------------------------------- */

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
	struct dm_node *c = page(req, "form", "login.title");

	if (req->cfg->taxis_enabled) {
		struct dm_node *t = render_add(c, "taxisnet", NULL);

		render_attr(t, "href", "/login/taxisnet");
		render_attr(t, "text", T(req, "login.taxisnet.text"));
		render_attr(t, "label", T(req, "login.taxisnet"));
	}
	forms_node(req, c, "login", "/login", "login.submit", f, n);
	link_to(req, c, "/login/reset", "login.forgot");
	link_to(req, c, "/register", "login.register");
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
		next = local_next(req, kv_get(&req->query, "next"));
		forms_find(f, n, "next")->value = next;
		login_page(req, f, n);
		return DM_OK;
	}
	if (forms_check(req, f, n) == 0) {
		next = local_next(req, val(f, n, "next"));
		switch (auth_login(req, val(f, n, "email"),
		    forms_find(f, n, "password")->value, &id, &wait)) {
		case AUTH_OK:
			if (session_create(req, id, 'p') != DM_OK)
				return DM_EINTERNAL;
			audit(req, "login", id, NULL);
			http_redirect(req, next ? next : "/account");
			return DM_OK;
		case AUTH_LOCKED: {
			char mins[24];

			snprintf(mins, sizeof(mins), "%lld", (wait + 59) / 60);
			f[0].error = i18n_format(req->arena,
			    i18n_lang_of(req->lang), "err.login_locked",
			    (const char *const[]){ "minutes", mins, NULL });
			req->status = 429;
			login_page(req, f, n);
			return DM_OK;
		}
		case AUTH_UNCONFIRMED:
			return message(req, 403, "info",
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

	session_end(req);
	audit(req, "logout", id, NULL);
	http_redirect(req, "/");
	return DM_OK;
}

static dm_status
page_logout_all(struct dm_req *req)
{
	long long id = req->session->account_id;

	session_end_all(req, id, 0);
	session_end(req);
	audit(req, "logout_everywhere", id, NULL);
	return message(req, 200, "success", "logout.all.title",
	    "logout.all.text", NULL, "/login", "login.title");
}

/* Password reset ------------------------------------------------------ */

static dm_status
page_reset(struct dm_req *req)
{
	struct mailtok_ctx x = { NULL, NULL, "active,pending",
	    "reset_password", "reset", "/login/reset/confirm?token=",
	    RESET_TTL };

	return email_form_page(req, "reset.title", "reset.text",
	    "/login/reset", "send", "reset.sent.title", "reset.sent.text",
	    &x);
}

static const struct fdef newpw_defs[] = {
	{ "password", F_NEWPASSWORD, "f.new_password", "f.new_password.hint",
	    FF_REQUIRED, 0, 0, "new-password", NULL },
	{ "password2", F_PASSWORD, "f.new_password2", NULL, FF_REQUIRED, 0, 0,
	    "new-password", NULL },
	{ "token", F_HIDDEN, "f.token", NULL, 0, 0, 0, NULL, NULL },
};

struct setpw_ctx {
	struct dm_req	*req;
	long long	 id;
	const char	*pw;
	const char	*token;		/* reset: used in the transaction */
	const char	*event;
};

/* Sets the password, ends every other session, tells the owner. */
static dm_status
setpw_tx(void *arg)
{
	struct setpw_ctx *x = arg;
	struct dm_req *req = x->req;
	char hash[AUTH_HASH_MAX];
	struct account a;
	dm_status st;

	if (x->token != NULL && auth_token_use(req, "reset_password",
	    x->token, &x->id, NULL) != DM_OK)
		return DM_ENOTFOUND;
	if (auth_hash_password(req->cfg, x->pw, hash) != DM_OK)
		return DM_EINTERNAL;
	st = db_exec(db_worker(), "UPDATE accounts SET password_hash = ?, "
	    "password_changed_at = UTC_TIMESTAMP(6), status = IF(status = "
	    "'pending', 'active', status), email_verified_at = "
	    "COALESCE(email_verified_at, IF(? IS NULL, NULL, "
	    "UTC_TIMESTAMP(6))) WHERE id = ? AND status <> 'closed'",
	    (struct dm_value[]){ DM_VTEXT(hash), DM_VTEXT(x->token),
	    DM_VINT(x->id) }, 3, NULL, NULL);
	if (st != DM_OK)
		return st;
	/* Whoever had the old password is logged out everywhere. */
	if ((st = session_end_all(req, x->id, x->token == NULL)) != DM_OK)
		return st;
	audit(req, x->event, x->id, NULL);
	if (account_load(req, x->id, &a) == DM_OK && a.email != NULL) {
		struct mail m = { a.email, account_display(req, &a), a.lang,
		    "password_changed", a.id, NULL };

		return mail_queue(req, &m);
	}
	return DM_OK;
}

static dm_status
page_reset_confirm(struct dm_req *req)
{
	size_t n = NELEMS(newpw_defs);
	struct ffield *f = forms_from_defs(req, newpw_defs, n);
	const char *tok = req->method == HTTP_POST ?
	    kv_get(&req->form, "token") : kv_get(&req->query, "token");
	struct dm_node *c;
	long long id;

	if (auth_token_peek(req, "reset_password", tok, &id) != DM_OK)
		return bad_link(req, "/login/reset", "reset.again");
	forms_find(f, n, "token")->value = tok;
	if (req->method == HTTP_POST) {
		int errors = forms_check(req, f, n);

		errors += check_repeat(req, f, n, "password", "password2");
		if (errors == 0) {
			struct setpw_ctx x = { req, 0, f[0].value, tok,
			    "password_reset" };
			dm_status st = db_tx(db_worker(), setpw_tx, &x);

			if (st == DM_ENOTFOUND)
				return bad_link(req, "/login/reset",
				    "reset.again");
			if (st != DM_OK)
				return st;
			return message(req, 200, "success", "reset.done.title",
			    "reset.done.text", NULL, "/login", "login.title");
		}
		req->status = 422;
	}
	c = page(req, "form", "reset.new.title");
	para(req, c, "reset.new.text");
	forms_node(req, c, "reset", "/login/reset/confirm", "reset.new.submit",
	    f, n);
	return DM_OK;
}

/* TaxisNet (Level B) -------------------------------------------------- */

static const char *
taxis_callback(struct dm_req *req)
{
	return full_url(req, "/login/taxisnet/callback", NULL);
}

static dm_status
page_taxisnet(struct dm_req *req)
{
	char state[OAUTH_STATE_LEN + 1], browser[TOKEN_LEN + 1];
	unsigned char sh[TOKEN_HASH], bh[TOKEN_HASH];
	char url[4096];
	struct dm_value p[4];

	if (!req->cfg->taxis_enabled)
		return message(req, 404, "info", "taxisnet.off.title",
		    "taxisnet.off.text", NULL, "/login", "login.title");
	oauth_state_new(state);
	token_new(browser);
	token_hash(state, sh);
	token_hash(browser, bh);
	p[0] = DM_VBLOB((const char *)sh, TOKEN_HASH);
	p[1] = DM_VBLOB((const char *)bh, TOKEN_HASH);
	/* Logged in: this links the account rather than logging in. */
	p[2] = req->session ? DM_VINT(req->session->account_id) : DM_VNULL;
	p[3] = DM_VINT(OAUTH_TTL);
	if (db_exec(db_worker(), "INSERT INTO oauth_states (state_hash, "
	    "browser_hash, account_id, expires_at) VALUES (?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND)", p, 4, NULL, NULL) !=
	    DM_OK)
		return DM_EINTERNAL;
	if (oauth_authorize_url(req->cfg, state, taxis_callback(req), url,
	    sizeof(url)) != DM_OK)
		return DM_EINTERNAL;
	http_set_cookie(req, OAUTH_COOKIE, browser, OAUTH_TTL, 1);
	/* An absolute redirect to the provider: built from our own
	 * configuration, never from the request. */
	http_header(req, "Location", url);
	http_begin(req, 303, NULL);
	return DM_OK;
}

struct state_row {
	unsigned char	 browser[TOKEN_HASH];
	long long	 account_id;
	int		 found;
};

static dm_status
state_row(void *arg, const struct dm_value *c, size_t n)
{
	struct state_row *r = arg;

	if (n < 2 || c[0].len != TOKEN_HASH)
		return DM_EINTERNAL;
	r->found = 1;
	memcpy(r->browser, c[0].s, TOKEN_HASH);
	r->account_id = c[1].type == DM_V_INT ? c[1].i : 0;
	return DM_OK;
}

static dm_status
taxis_failed(struct dm_req *req, const char *why)
{
	audit(req, "taxisnet_failed", req->session ?
	    req->session->account_id : 0, why);
	return message(req, 400, "error", "taxisnet.failed.title",
	    "taxisnet.failed.text", NULL, "/login", "login.title");
}

static dm_status
page_taxisnet_callback(struct dm_req *req)
{
	const char *state = kv_get(&req->query, "state");
	const char *code = kv_get(&req->query, "code");
	const char *error = kv_get(&req->query, "error");
	const char *browser = kv_get(&req->cookies, OAUTH_COOKIE);
	unsigned char sh[TOKEN_HASH], bh[TOKEN_HASH];
	struct state_row r;
	struct dm_value p;
	struct oauth_identity id;
	char token[2048], err[256];
	long long account_id;
	uint64_t deleted = 0;
	int created = 0;
	dm_status st;

	if (!req->cfg->taxis_enabled)
		return DM_ENOTFOUND;
	http_set_cookie(req, OAUTH_COOKIE, "", 0, 1);
	if (state == NULL || strlen(state) > 128 || browser == NULL ||
	    !token_valid(browser))
		return taxis_failed(req, "state missing");
	token_hash(state, sh);
	memset(&r, 0, sizeof(r));
	p = DM_VBLOB((const char *)sh, TOKEN_HASH);
	if (db_query(db_worker(), "SELECT browser_hash, account_id FROM "
	    "oauth_states WHERE state_hash = ? AND expires_at > "
	    "UTC_TIMESTAMP(6)", &p, 1, state_row, &r) != DM_OK)
		return DM_EINTERNAL;
	/* Single use, whatever happens next. */
	db_exec(db_worker(), "DELETE FROM oauth_states WHERE state_hash = ? "
	    "OR expires_at < UTC_TIMESTAMP(6)", &p, 1, &deleted, NULL);
	token_hash(browser, bh);
	if (!r.found || sodium_memcmp(r.browser, bh, TOKEN_HASH) != 0)
		return taxis_failed(req, "state mismatch");
	if (error != NULL)
		return message(req, 403, "info", "taxisnet.denied.title",
		    "taxisnet.denied.text", NULL, "/login", "login.title");
	if (code == NULL)
		return taxis_failed(req, "no code");
	st = oauth_exchange(req->cfg, code, taxis_callback(req), token,
	    sizeof(token), err, sizeof(err));
	if (st == DM_OK)
		st = oauth_userinfo(req->cfg, token, &id, err, sizeof(err));
	if (st != DM_OK) {
		log_warn("taxisnet: %s", err);
		return taxis_failed(req, err);
	}
	/* Linking needs the same account still logged in. */
	account_id = r.account_id;
	if (account_id != 0 && (req->session == NULL ||
	    req->session->account_id != account_id))
		return taxis_failed(req, "session changed");
	st = account_link_taxis(req, &id, &account_id, &created);
	if (st == DM_ECONFLICT)
		return message(req, 409, "error", "taxisnet.taken.title",
		    "taxisnet.taken.text", NULL, "/account", "account.title");
	if (st != DM_OK)
		return st;
	if (r.account_id != 0) {
		http_redirect(req, "/account?verified=1");
		return DM_OK;
	}
	if (session_create(req, account_id, 't') != DM_OK)
		return DM_EINTERNAL;
	audit(req, "login_taxisnet", account_id, NULL);
	/* A new account has no e-mail yet: ask for one. */
	http_redirect(req, created ? "/account/email?welcome=1" : "/account");
	return DM_OK;
}

/* The account --------------------------------------------------------- */

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
	c = render_begin(req, "account", T(req, "account.title"));
	render_attr(c, "kind", a.kind == 'b' ? "business" : "person");
	render_attr(c, "level", a.level == 'B' ? "B" : "A");
	render_attr(c, "name", account_display(req, &a));
	if (req->cfg->taxis_enabled && a.kind == 'p')
		render_attr(c, "taxisnet", "1");
	if (kv_get(&req->query, "verified") != NULL)
		render_attr(c, "verified", "1");
	if (kv_get(&req->query, "saved") != NULL)
		render_attr(c, "saved", "1");
	if (!a.has_password)
		render_attr(c, "no-password", "1");
	list = render_add(c, "details", NULL);
	if (a.kind == 'b') {
		detail(list, T(req, "f.company_name"), a.company_name);
		detail(list, T(req, "f.legal_rep"), a.legal_rep);
	} else {
		detail(list, T(req, "f.first_name"), a.first_name);
		detail(list, T(req, "f.last_name"), a.last_name);
		detail(list, T(req, "f.father_name"), a.father_name);
		detail(list, T(req, "f.mother_name"), a.mother_name);
		if (a.birth_year > 0)
			detail(list, T(req, "f.birth_year"), arena_printf(
			    req->arena, "%lld", a.birth_year));
	}
	detail(list, T(req, "f.afm"), a.afm);
	detail(list, T(req, "f.email"), a.email ? a.email :
	    T(req, "account.no_email"));
	detail(list, T(req, "f.mobile"), a.mobile);
	detail(list, T(req, "f.notify_email"), T(req, a.notify_email ?
	    "yes" : "no"));
	detail(list, T(req, "f.lang"), T(req, strcmp(a.lang ? a.lang : "el",
	    "en") == 0 ? "lang.english" : "lang.greek"));
	roles = render_add(c, "roles", NULL);
	for (size_t i = 0; i < req->session->nroles; i++) {
		const struct session_role *r = &req->session->roles[i];
		struct dm_node *rn = render_add(roles, "role", NULL);

		render_attr(rn, "role", r->role == ROLE_ADMIN ? "admin" :
		    r->role == ROLE_HEAD ? "head" : "clerk");
		render_attr(rn, "department", r->dept);
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
	/* A verified identity's names come from TaxisNet: shown, fixed. */
	if (!business && a.level == 'B')
		for (size_t i = 0; i < 3; i++)
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
			struct dm_value p[9];

			p[0] = DM_VTEXT(val(f, n, "first_name"));
			p[1] = DM_VTEXT(val(f, n, "last_name"));
			p[2] = DM_VTEXT(val(f, n, "father_name"));
			p[3] = DM_VTEXT(val(f, n, "company_name"));
			p[4] = DM_VTEXT(val(f, n, "legal_rep"));
			p[5] = DM_VTEXT(val(f, n, "mobile"));
			p[6] = DM_VTEXT(val(f, n, "amka"));
			p[7] = DM_VINT(val(f, n, "notify_email") != NULL);
			p[8] = DM_VTEXT(val(f, n, "lang"));
			/* COALESCE keeps what this kind of account does not
			 * show (and read-only names). */
			st = db_exec(db_worker(), "UPDATE accounts SET "
			    "first_name = IF(level = 'B', first_name, "
			    "COALESCE(?, first_name)), last_name = IF(level = "
			    "'B', last_name, COALESCE(?, last_name)), "
			    "father_name = IF(level = 'B', father_name, "
			    "COALESCE(?, father_name)), company_name = "
			    "COALESCE(?, company_name), legal_rep = "
			    "COALESCE(?, legal_rep), mobile = ?, amka = ?, "
			    "notify_email = ?, lang = ? WHERE id = ?",
			    (struct dm_value[]){ p[0], p[1], p[2], p[3], p[4],
			    p[5], p[6], p[7], p[8],
			    DM_VINT(req->session->account_id) }, 10, NULL,
			    NULL);
			if (st != DM_OK)
				return st;
			audit(req, "profile_changed",
			    req->session->account_id, NULL);
			http_set_cookie(req, "lang", val(f, n, "lang"),
			    365LL * 86400, 0);
			http_redirect(req, "/account?saved=1");
			return DM_OK;
		}
		req->status = 422;
	}
	c = page(req, "form", "account.details.title");
	forms_node(req, c, "details", "/account/details", "save", f, n);
	link_to(req, c, "/account", "back");
	return DM_OK;
}

static dm_status
hash_row(void *arg, const struct dm_value *c, size_t n)
{
	char *out = arg;

	if (n >= 1 && c[0].type == DM_V_TEXT)
		snprintf(out, AUTH_HASH_MAX, "%s", c[0].s);
	return DM_OK;
}

/*
 * Re-authentication for sensitive changes: the current password, where
 * the account has one (an account created through TaxisNet has none; its
 * session is the proof). A wrong password is an error on the field and
 * counts as a failed login for the throttle's sake in the audit log.
 */
static int
reauth(struct dm_req *req, struct ffield *pw, const struct account *a)
{
	char hash[AUTH_HASH_MAX] = "";
	struct dm_value p = DM_VINT(a->id);

	if (!a->has_password)
		return 1;
	if (db_query(db_worker(), "SELECT password_hash FROM accounts WHERE "
	    "id = ?", &p, 1, hash_row, hash) != DM_OK)
		return 0;
	if (pw->value != NULL && auth_check_password(hash, pw->value))
		return 1;
	forms_error(req, pw, "err.password_wrong");
	audit(req, "reauth_failed", a->id, NULL);
	return 0;
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
	size_t n = NELEMS(change_email_defs);
	struct ffield *f = forms_from_defs(req, change_email_defs, n);
	struct account a;
	struct dm_node *c;
	dm_status st;

	if ((st = account_load(req, req->session->account_id, &a)) != DM_OK)
		return st;
	if (!a.has_password)
		n = 1;			/* nothing to re-enter */
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0 && (n == 1 ||
		    reauth(req, &f[1], &a))) {
			char tok[TOKEN_LEN + 1];
			struct mail m = { f[0].value, account_display(req, &a),
			    a.lang, "change_email", a.id, NULL };
			const char *vars[] = { "link", NULL, NULL };

			if ((st = auth_token_issue(db_worker(), a.id,
			    "change_email", VERIFY_TTL, f[0].value, tok)) !=
			    DM_OK)
				return st;
			vars[1] = full_url(req, "/account/email/confirm?token=",
			    tok);
			m.vars = vars;
			if ((st = mail_queue(req, &m)) != DM_OK)
				return st;
			audit(req, "email_change_requested", a.id, NULL);
			return message(req, 200, "success",
			    "account.email.sent.title",
			    "account.email.sent.text", (const char *const[]){
			    "email", f[0].value, NULL }, "/account",
			    "account.title");
		}
		req->status = 422;
	}
	c = page(req, "form", kv_get(&req->query, "welcome") ?
	    "account.email.welcome" : "account.email.title");
	para(req, c, "account.email.text");
	forms_node(req, c, "email", "/account/email", "send", f, n);
	link_to(req, c, "/account", "back");
	return DM_OK;
}

struct email_ctx {
	struct dm_req	*req;
	const char	*token;
	long long	 id;
	const char	*email;
	const char	*old;
	int		 taken;
};

static dm_status
email_tx(void *arg)
{
	struct email_ctx *x = arg;
	struct dm_req *req = x->req;
	struct account a;
	dm_status st;

	if (auth_token_use(req, "change_email", x->token, &x->id, &x->email)
	    != DM_OK || x->email == NULL)
		return DM_ENOTFOUND;
	if ((st = account_load(req, x->id, &a)) != DM_OK)
		return st;
	x->old = a.email;
	st = db_exec(db_worker(), "UPDATE accounts SET email = ?, "
	    "email_verified_at = UTC_TIMESTAMP(6), status = IF(status = "
	    "'pending', 'active', status) WHERE id = ? AND status <> "
	    "'closed'", (struct dm_value[]){ DM_VTEXT(x->email),
	    DM_VINT(x->id) }, 2, NULL, NULL);
	if (st == DM_ECONFLICT) {
		x->taken = 1;
		return st;
	}
	if (st != DM_OK)
		return st;
	/* Anyone still holding the account elsewhere is logged out. */
	if ((st = session_end_all(req, x->id, 1)) != DM_OK)
		return st;
	audit(req, "email_changed", x->id, NULL);
	if (x->old != NULL) {
		struct mail m = { x->old, account_display(req, &a), a.lang,
		    "email_changed", a.id, (const char *const[]){ "email",
		    x->email, NULL } };

		return mail_queue(req, &m);
	}
	return DM_OK;
}

static dm_status
page_account_email_confirm(struct dm_req *req)
{
	const char *tok = req->method == HTTP_POST ?
	    kv_get(&req->form, "token") : kv_get(&req->query, "token");
	struct email_ctx x = { req, tok, 0, NULL, NULL, 0 };
	long long id;
	dm_status st;

	if (req->method != HTTP_POST) {
		if (auth_token_peek(req, "change_email", tok, &id) != DM_OK)
			return bad_link(req, "/account/email",
			    "account.email.title");
		return confirm_page(req, "account.email.confirm.title",
		    "account.email.confirm.text", "/account/email/confirm",
		    tok, "account.email.confirm.submit");
	}
	st = db_tx(db_worker(), email_tx, &x);
	if (st == DM_ENOTFOUND)
		return bad_link(req, "/account/email", "account.email.title");
	if (st == DM_ECONFLICT && x.taken)
		return message(req, 409, "error", "account.email.taken.title",
		    "account.email.taken.text", NULL, "/account/email",
		    "account.email.title");
	if (st != DM_OK)
		return st;
	return message(req, 200, "success", "account.email.done.title",
	    "account.email.done.text", (const char *const[]){ "email",
	    x.email, NULL }, "/account", "account.title");
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
	size_t n = NELEMS(change_pw_defs);
	struct ffield *f = forms_from_defs(req, change_pw_defs, n);
	struct account a;
	struct dm_node *c;
	dm_status st;

	if ((st = account_load(req, req->session->account_id, &a)) != DM_OK)
		return st;
	if (!a.has_password) {
		/* Setting a first password: nothing to re-enter. */
		f = f + 1;
		n = 2;
	}
	if (req->method == HTTP_POST) {
		int errors = forms_check(req, f, n);

		errors += check_repeat(req, f, n, "password", "password2");
		if (errors == 0 && (!a.has_password || reauth(req, &f[0],
		    &a))) {
			struct setpw_ctx x = { req, a.id,
			    forms_find(f, n, "password")->value, NULL,
			    "password_changed" };

			if ((st = db_tx(db_worker(), setpw_tx, &x)) != DM_OK)
				return st;
			return message(req, 200, "success",
			    "account.password.done.title",
			    "account.password.done.text", NULL, "/account",
			    "account.title");
		}
		req->status = 422;
	}
	c = page(req, "form", "account.password.title");
	para(req, c, "account.password.text");
	forms_node(req, c, "password", "/account/password", "save", f, n);
	link_to(req, c, "/account", "back");
	return DM_OK;
}

/* Sessions: each is shown with a short reference (not its id). */
struct sess_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
	const unsigned char *current;
};

static dm_status
sess_row(void *arg, const struct dm_value *c, size_t n)
{
	struct sess_ctx *x = arg;
	struct dm_node *s;
	char ref[17];

	if (n < 6 || c[0].len != TOKEN_HASH)
		return DM_EINTERNAL;
	sodium_bin2hex(ref, sizeof(ref), (const unsigned char *)c[0].s, 8);
	s = render_add(x->list, "session", NULL);
	render_attr(s, "ref", ref);
	render_attr(s, "created", c[1].s);
	render_attr(s, "seen", c[2].s);
	render_attr(s, "method", c[3].s);
	render_attr(s, "ip", c[4].type == DM_V_TEXT ? c[4].s : NULL);
	render_attr(s, "agent", c[5].type == DM_V_TEXT ? c[5].s : NULL);
	if (memcmp(c[0].s, x->current, TOKEN_HASH) == 0)
		render_attr(s, "current", "1");
	return DM_OK;
}

static dm_status
page_sessions(struct dm_req *req)
{
	struct dm_node *c = render_begin(req, "sessions",
	    T(req, "sessions.title"));
	struct sess_ctx x = { req, c, req->session->hash };
	struct dm_value p = DM_VINT(req->session->account_id);

	render_attr(c, "csrf", csrf_token(req));
	if (kv_get(&req->query, "ended") != NULL)
		render_attr(c, "ended", "1");
	return db_query(db_worker(), "SELECT id_hash, DATE_FORMAT(created_at, "
	    "'%Y-%m-%d %H:%i'), DATE_FORMAT(last_seen, '%Y-%m-%d %H:%i'), "
	    "method, ip, user_agent FROM sessions WHERE account_id = ? ORDER "
	    "BY last_seen DESC", &p, 1, sess_row, &x);
}

static dm_status
page_sessions_end(struct dm_req *req)
{
	const char *ref = kv_get(&req->form, "ref");
	struct dm_value p[2];
	uint64_t n = 0;

	if (ref == NULL || strlen(ref) != 16 || strspn(ref,
	    "0123456789abcdef") != 16)
		return DM_EINPUT;
	/* Scoped by account: another user's reference matches nothing. */
	p[0] = DM_VINT(req->session->account_id);
	p[1] = DM_VTEXT(ref);
	if (db_exec(db_worker(), "DELETE FROM sessions WHERE account_id = ? "
	    "AND LOWER(LEFT(HEX(id_hash), 16)) = ?", p, 2, &n, NULL) != DM_OK)
		return DM_EINTERNAL;
	if (n == 0)
		return DM_ENOTFOUND;
	audit(req, "session_ended", req->session->account_id, ref);
	http_redirect(req, "/account/sessions?ended=1");
	return DM_OK;
}

static dm_status
page_sessions_end_others(struct dm_req *req)
{
	if (session_end_all(req, req->session->account_id, 1) != DM_OK)
		return DM_EINTERNAL;
	audit(req, "sessions_ended", req->session->account_id, "others");
	http_redirect(req, "/account/sessions?ended=1");
	return DM_OK;
}

static dm_status
page_export(struct dm_req *req)
{
	char *json;
	size_t len;
	dm_status st;

	st = account_export(req, req->session->account_id, &json, &len);
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
	size_t n = NELEMS(close_defs);
	struct ffield *f = forms_from_defs(req, close_defs, n);
	struct account a;
	struct dm_node *c;
	dm_status st;

	if ((st = account_load(req, req->session->account_id, &a)) != DM_OK)
		return st;
	if (!a.has_password) {
		f = f + 1;
		n = 1;
	}
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0 && reauth(req, f, &a)) {
			if ((st = account_close(req, a.id)) != DM_OK)
				return st;
			http_set_cookie(req, req->secure ? "__Host-dm_sid" :
			    "dm_sid", "", 0, 1);
			req->session = NULL;
			return message(req, 200, "success", "close.done.title",
			    "close.done.text", NULL, "/", "error.back");
		}
		req->status = 422;
	}
	c = page(req, "form", "close.title");
	para(req, c, "close.text");
	para(req, c, "close.records");
	forms_node(req, c, "close", "/account/close", "close.submit", f, n);
	link_to(req, c, "/account", "back");
	return DM_OK;
}

/* Staff home ------------------------------------------------------------ */

struct staff_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
};

static dm_status
staff_row(void *arg, const struct dm_value *c, size_t n)
{
	struct staff_ctx *x = arg;
	struct dm_node *s;

	if (n < 5)
		return DM_EINTERNAL;
	s = render_add(x->list, "member", NULL);
	render_attr(s, "name", c[0].type == DM_V_TEXT ? c[0].s : "—");
	render_attr(s, "email", c[1].type == DM_V_TEXT ? c[1].s : NULL);
	render_attr(s, "role", c[2].s);
	render_attr(s, "department", c[3].s);
	render_attr(s, "granted", c[4].s);
	return DM_OK;
}

static dm_status
page_staff(struct dm_req *req)
{
	struct dm_node *c = render_begin(req, "staff", T(req, "staff.title"));
	struct dm_node *mine = render_add(c, "departments", NULL);
	const struct session *s = req->session;
	int admin = session_has_role(s, ROLE_ADMIN, NULL);

	for (size_t i = 0; i < plugins_count(); i++) {
		const struct plugin *p = plugins_at(i);
		const struct dm_department *d = p->desc->department;
		struct dm_node *dn;

		if (!admin && !session_is_staff(s, d->code))
			continue;
		dn = render_add(mine, "department", NULL);
		render_attr(dn, "code", d->code);
		render_attr(dn, "name", pages_l(req, d->name_el, d->name_en));
		if (session_has_role(s, ROLE_HEAD, d->code))
			render_attr(dn, "head", "1");
	}
	if (admin) {
		struct staff_ctx x = { req, render_add(c, "staff", NULL) };

		render_attr(c, "admin", "1");
		return db_query(db_worker(), "SELECT COALESCE(CONCAT_WS(' ', "
		    "a.first_name, a.last_name), a.email), a.email, r.role, "
		    "r.department, DATE_FORMAT(r.granted_at, '%Y-%m-%d') FROM "
		    "staff_roles r JOIN accounts a ON a.id = r.account_id ORDER "
		    "BY r.department, a.last_name, a.first_name", NULL, 0,
		    staff_row, &x);
	}
	return DM_OK;
}

/* Routes --------------------------------------------------------------- */

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route account_routes[] = {
	{ GP, "/register", DM_ROUTE_PUBLIC, page_register },
	{ GP, "/register/confirm", DM_ROUTE_PUBLIC, page_register_confirm },
	{ GP, "/register/resend", DM_ROUTE_PUBLIC, page_register_resend },
	{ GP, "/login", DM_ROUTE_PUBLIC, page_login },
	{ GP, "/login/reset", DM_ROUTE_PUBLIC, page_reset },
	{ GP, "/login/reset/confirm", DM_ROUTE_PUBLIC, page_reset_confirm },
	{ DM_METHOD_GET, "/login/taxisnet", DM_ROUTE_PUBLIC, page_taxisnet },
	{ DM_METHOD_GET, "/login/taxisnet/callback", DM_ROUTE_PUBLIC,
	    page_taxisnet_callback },
	{ DM_METHOD_POST, "/logout", DM_ROUTE_LOGIN, page_logout },
	{ DM_METHOD_POST, "/logout/all", DM_ROUTE_LOGIN, page_logout_all },
	{ DM_METHOD_GET, "/account", DM_ROUTE_LOGIN, page_account },
	{ GP, "/account/details", DM_ROUTE_LOGIN, page_account_details },
	{ GP, "/account/email", DM_ROUTE_LOGIN, page_account_email },
	{ GP, "/account/email/confirm", DM_ROUTE_PUBLIC,
	    page_account_email_confirm },
	{ GP, "/account/password", DM_ROUTE_LOGIN, page_account_password },
	{ DM_METHOD_GET, "/account/sessions", DM_ROUTE_LOGIN, page_sessions },
	{ DM_METHOD_POST, "/account/sessions/end", DM_ROUTE_LOGIN,
	    page_sessions_end },
	{ DM_METHOD_POST, "/account/sessions/end-others", DM_ROUTE_LOGIN,
	    page_sessions_end_others },
	{ DM_METHOD_POST, "/account/export", DM_ROUTE_LOGIN, page_export },
	{ GP, "/account/close", DM_ROUTE_LOGIN, page_close },
	{ DM_METHOD_GET, "/staff", DM_ROUTE_STAFF, page_staff },
};

const struct route_table pages_account_routes = { account_routes, NELEMS(account_routes) };
