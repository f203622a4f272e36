/*
 * login_factor.c - the staff's second factor at login: after the password
 * (or TaxisNet) a staff account that needs one gets a short-lived pending
 * session that opens only /login/code (a code from the authenticator app
 * or a recovery code) or, before it has a factor, /login/enrol (a QR code
 * and the secret as text, confirmed by a code, then the recovery codes,
 * shown once). Attempts are throttled like logins (domain/factor.c).
 * /account/factor: a staff member's own factor from their account: new
 * recovery codes after a current code, or (a clerk while [security]
 * totp_clerks is off) enrolling by choice, after which it is required.
 */
#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "config.h"
#include "factor.h"
#include "forms.h"
#include "i18n.h"
#include "pages.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"

static const struct fdef code_defs[] = {
	{ "code", F_STRING, "factor.code", "factor.code.hint", FF_REQUIRED, 0,
	    32, "one-time-code", NULL },
	{ "next", F_HIDDEN, "f.next", NULL, 0, 0, 0, NULL, NULL },
};

/* Where the pages send on: next (a local path) or the account. */
static const char *
where(struct dm_req *req, const char *next)
{
	const char *n = pages_local_next(req, next);

	return n != NULL ? n : "/account";
}

static const char *
with_next(struct dm_req *req, const char *path, const char *next)
{
	const char *n = pages_local_next(req, next);

	return n == NULL ? path : arena_printf(req->arena, "%s?next=%s", path,
	    pages_urlencode(req, n));
}

dm_status
pages_login(struct dm_req *req, long long account_id, char method,
    const char *next)
{
	int needed, enrolled;

	if (factor_account(req, account_id, &needed, &enrolled) != DM_OK)
		return DM_EINTERNAL;
	if (!needed) {
		if (session_login(req, account_id, method, 'n') != DM_OK)
			return DM_EINTERNAL;
		audit(req, method == 't' ? "login_taxisnet" : "login",
		    account_id, NULL);
		http_redirect(req, where(req, next));
		return DM_OK;
	}
	if (session_login(req, account_id, method, 'p') != DM_OK)
		return DM_EINTERNAL;
	audit(req, "login_password", account_id, method == 't' ? "taxisnet" :
	    NULL);
	http_redirect(req, with_next(req, enrolled ? "/login/code" :
	    "/login/enrol", next));
	return DM_OK;
}

/* The pending login becomes a session with its factor given. */
static dm_status
complete(struct dm_req *req)
{
	const struct session *p = req->pending;
	long long id = p->account_id;

	if (session_login(req, id, p->method, 'd') != DM_OK)
		return DM_EINTERNAL;
	audit(req, p->method == 't' ? "login_taxisnet" : "login", id, NULL);
	return DM_OK;
}

/*
 * The code field of both pages, and next (as sent: checked where used).
 * 0 when this browser has no pending login in the state the page is for
 * (then it was sent where it belongs).
 */
static int
pending_form(struct dm_req *req, int enrolled, struct ffield **f,
    const char **next)
{
	*f = forms_from_defs(req, code_defs, NELEMS(code_defs));
	*next = req->method == HTTP_POST ? kv_get(&req->form, "next") :
	    kv_get(&req->query, "next");
	if (req->pending == NULL) {
		http_redirect(req, req->session != NULL ? "/account" :
		    with_next(req, "/login", *next));
		return 0;
	}
	if (req->pending->enrolled != enrolled) {
		http_redirect(req, with_next(req, enrolled ? "/login/enrol" :
		    "/login/code", *next));
		return 0;
	}
	forms_find(*f, NELEMS(code_defs), "next")->value =
	    pages_local_next(req, *next);
	return 1;
}

static void
code_page(struct dm_req *req, struct ffield *f, size_t n)
{
	struct dm_node *c = pages_titled(req, "factor", "factor.title");

	pages_para(req, c, "factor.text");
	forms_node(req, c, "factor", "/login/code", "factor.submit", f, n);
	pages_link(req, c, "/login", "factor.other");
}

static dm_status
page_code(struct dm_req *req)
{
	size_t n = NELEMS(code_defs);
	struct ffield *f;
	const char *next;
	long long wait = 0;

	if (!pending_form(req, 1, &f, &next))
		return DM_OK;
	if (req->method != HTTP_POST) {
		code_page(req, f, n);
		return DM_OK;
	}
	if (forms_check(req, f, n) == 0) {
		long long id = req->pending->account_id;

		switch (factor_verify(req, id, f[0].value, &wait)) {
		case FACTOR_OK:
			if (complete(req) != DM_OK)
				return DM_EINTERNAL;
			http_redirect(req, where(req, next));
			return DM_OK;
		case FACTOR_RECOVERY: {
			char left[24];

			if (complete(req) != DM_OK)
				return DM_EINTERNAL;
			snprintf(left, sizeof(left), "%lld",
			    factor_recovery_left(req, id));
			return pages_message(req, 200, "info",
			    "factor.recovery_used.title",
			    "factor.recovery_used.text",
			    (const char *const[]){ "left", left, NULL },
			    where(req, next), "factor.continue");
		}
		case FACTOR_LOCKED:
			pages_locked(req, &f[0], wait);
			code_page(req, f, n);
			return DM_OK;
		case FACTOR_WRONG:
			forms_error(req, &f[0], "err.factor_wrong");
			break;
		case FACTOR_ERROR:
			return DM_EINTERNAL;
		}
	}
	f[0].value = NULL;	/* a code is never shown back */
	req->status = 422;
	code_page(req, f, n);
	return DM_OK;
}

/* Enrolment --------------------------------------------------------------- */

/* The QR code of text as an SVG path, a rectangle per run of dark modules
 * in a row, with a quiet zone of 4 modules; *size gets the side in
 * modules. NULL if it cannot be encoded. */
static const char *
qr_path(struct dm_req *req, const char *text, int *size)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	char *out, *p;
	size_t cap;

	if (q == NULL)
		return NULL;
	/* "M123 123h123v1h-123z" is at most 22 characters a run, and a row
	 * has at most width / 2 + 1 runs. */
	cap = (size_t)q->width * ((size_t)q->width / 2 + 1) * 22 + 1;
	out = p = arena_alloc(req->arena, cap);
	*p = '\0';
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++) {
			int run = 0;

			while (x + run < q->width &&
			    (q->data[y * q->width + x + run] & 1))
				run++;
			if (run == 0)
				continue;
			p += snprintf(p, cap - (size_t)(p - out),
			    "M%d %dh%dv1h-%dz", x + 4, y + 4, run, run);
			x += run;
		}
	*size = q->width + 8;
	QRcode_free(q);
	return out;
}

/* The enrolment's page for session s: its form posts to action; from
 * the account (voluntary) or at login. */
static void
enrol_page(struct dm_req *req, const struct session *s,
    const unsigned char *secret, struct ffield *f, size_t n,
    const char *action, int voluntary)
{
	struct dm_node *c = pages_titled(req, "factor", "factor.enrol.title");
	const char *issuer = i18n_pick(req->lang, req->cfg->mun_name_el,
	    req->cfg->mun_name_en);
	char b32[FACTOR_B32_LEN + 1], grouped[FACTOR_B32_LEN * 2];
	const char *uri, *path;
	struct dm_node *qr;
	size_t k = 0;
	int size = 0;

	if (issuer == NULL || issuer[0] == '\0')
		issuer = "Dimos";
	factor_base32(secret, FACTOR_SECRET_BYTES, b32);
	for (size_t i = 0; b32[i] != '\0'; i++) {
		if (i > 0 && i % 4 == 0)
			grouped[k++] = ' ';
		grouped[k++] = b32[i];
	}
	grouped[k] = '\0';
	uri = arena_printf(req->arena, "otpauth://totp/%s:%s?secret=%s&"
	    "issuer=%s&algorithm=SHA1&digits=%d&period=%d",
	    pages_urlencode(req, issuer), pages_urlencode(req, s->email ?
	    s->email : ""), b32, pages_urlencode(req, issuer), FACTOR_DIGITS,
	    FACTOR_STEP);
	pages_para(req, c, voluntary ? "factor.enrol.voluntary" :
	    "factor.enrol.text");
	if ((path = qr_path(req, uri, &size)) != NULL) {
		qr = render_add(c, "qr", NULL);
		render_attr(qr, "d", path);
		render_attr_int(qr, "size", size);
		render_attr(qr, "label", pages_t(req, "factor.enrol.qr"));
	}
	render_attr(render_add(c, "secret", grouped), "label",
	    pages_t(req, "factor.enrol.secret"));
	sodium_memzero(b32, sizeof(b32));
	pages_para(req, c, "factor.enrol.confirm");
	forms_node(req, c, "factor", action, "factor.enrol.submit", f, n);
	if (voluntary)
		pages_link(req, c, "/account", "back");
	else
		pages_link(req, c, "/login", "factor.other");
}

/* The recovery codes, shown once; text_key says why they are new. */
static void
codes_page(struct dm_req *req,
    char codes[FACTOR_RECOVERY_CODES][FACTOR_RECOVERY_LEN + 1],
    const char *next, const char *text_key)
{
	struct dm_node *c = pages_titled(req, "factor", "factor.codes.title");
	struct dm_node *l;

	render_attr(c, "kind", "codes");
	pages_para(req, c, text_key);
	l = render_add(c, "codes", NULL);
	for (int i = 0; i < FACTOR_RECOVERY_CODES; i++)
		render_add(l, "code", codes[i]);
	pages_link(req, c, next, "factor.continue");
	/* Never kept by a cache or shown again from history. */
	http_header(req, "Cache-Control", "no-store");
}

static dm_status
page_enrol(struct dm_req *req)
{
	size_t n = NELEMS(code_defs);
	struct ffield *f;
	const char *next;
	unsigned char secret[FACTOR_SECRET_BYTES];
	char codes[FACTOR_RECOVERY_CODES][FACTOR_RECOVERY_LEN + 1];
	long long wait = 0, id;
	dm_status st;

	if (!pending_form(req, 0, &f, &next))
		return DM_OK;
	id = req->pending->account_id;
	st = factor_enrol_secret(req, id, secret);
	if (st == DM_ECONFLICT) {
		http_redirect(req, with_next(req, "/login/code", next));
		return DM_OK;
	}
	if (st != DM_OK)
		return DM_EINTERNAL;
	http_header(req, "Cache-Control", "no-store");
	if (req->method == HTTP_POST && forms_check(req, f, n) == 0) {
		switch (factor_enrol_confirm(req, id, f[0].value, codes,
		    &wait)) {
		case FACTOR_OK:
		case FACTOR_RECOVERY:
			sodium_memzero(secret, sizeof(secret));
			if (complete(req) != DM_OK)
				return DM_EINTERNAL;
			codes_page(req, codes, where(req, next),
			    "factor.codes.text");
			sodium_memzero(codes, sizeof(codes));
			return DM_OK;
		case FACTOR_LOCKED:
			pages_locked(req, &f[0], wait);
			break;
		case FACTOR_WRONG:
			forms_error(req, &f[0], "err.factor_wrong");
			req->status = 422;
			break;
		case FACTOR_ERROR:
			return DM_EINTERNAL;
		}
	} else if (req->method == HTTP_POST) {
		req->status = 422;
	}
	f[0].value = NULL;
	enrol_page(req, req->pending, secret, f, n, "/login/enrol", 0);
	sodium_memzero(secret, sizeof(secret));
	return DM_OK;
}

/* The account's factor ---------------------------------------------------- */

/*
 * The code POSTed to the account's factor page, enrolling (enrol) or
 * renewing the recovery codes: 1 done (the new codes shown; an enrolled
 * session has its factor given, under a new id), 0 the form again (its
 * message set, if any), -1 a failure.
 */
static int
account_code(struct dm_req *req, struct ffield *f, int enrol)
{
	long long id = req->session->account_id, wait = 0;
	char method = req->session->method;
	char codes[FACTOR_RECOVERY_CODES][FACTOR_RECOVERY_LEN + 1];
	enum factor_result r;
	int done = 1;

	if (req->method != HTTP_POST)
		return 0;
	if (forms_check(req, f, 1) != 0) {
		req->status = 422;
		return 0;
	}
	r = enrol ? factor_enrol_confirm(req, id, f[0].value, codes, &wait) :
	    factor_renew_codes(req, id, f[0].value, codes, &wait);
	switch (r) {
	case FACTOR_OK:
	case FACTOR_RECOVERY:
		if (enrol && session_login(req, id, method, 'd') != DM_OK)
			done = -1;
		else
			codes_page(req, codes, "/account", enrol ?
			    "factor.codes.text" : "factor.renewed.text");
		sodium_memzero(codes, sizeof(codes));
		return done;
	case FACTOR_LOCKED:
		pages_locked(req, &f[0], wait);
		return 0;
	case FACTOR_WRONG:
		forms_error(req, &f[0], "err.factor_wrong");
		req->status = 422;
		return 0;
	case FACTOR_ERROR:
		break;
	}
	return -1;
}

/* An enrolled staff member: how many recovery codes are left, and new
 * ones after a current code from the app. */
static dm_status
account_renew(struct dm_req *req, struct ffield *f)
{
	long long id = req->session->account_id;
	struct dm_node *c;
	char left[24];
	int done;

	if ((done = account_code(req, f, 0)) != 0)
		return done > 0 ? DM_OK : DM_EINTERNAL;
	f[0].value = NULL;
	c = pages_titled(req, "factor", "factor.account.title");
	snprintf(left, sizeof(left), "%lld", factor_recovery_left(req, id));
	render_add(c, "p", i18n_format(req->arena, i18n_lang_of(req->lang),
	    "factor.account.on", (const char *const[]){ "left", left,
	    NULL }));
	pages_para(req, c, "factor.renew.text");
	forms_node(req, c, "factor", "/account/factor", "factor.renew.submit",
	    f, 1);
	pages_link(req, c, "/account", "back");
	return DM_OK;
}

/* A clerk without a factor (not required of clerks): enrolling by choice,
 * as at login, and from then on every login asks for it. */
static dm_status
account_enrol(struct dm_req *req, struct ffield *f)
{
	const struct session *s = req->session;
	unsigned char secret[FACTOR_SECRET_BYTES];
	dm_status st;
	int done;

	st = factor_enrol_secret(req, s->account_id, secret);
	if (st == DM_ECONFLICT) {
		/* Confirmed in another tab meanwhile. */
		http_redirect(req, "/account/factor");
		return DM_OK;
	}
	if (st != DM_OK)
		return st;
	if ((done = account_code(req, f, 1)) != 0) {
		sodium_memzero(secret, sizeof(secret));
		return done > 0 ? DM_OK : DM_EINTERNAL;
	}
	f[0].value = NULL;
	enrol_page(req, s, secret, f, 1, "/account/factor", 1);
	sodium_memzero(secret, sizeof(secret));
	return DM_OK;
}

static dm_status
page_account_factor(struct dm_req *req)
{
	struct ffield *f = forms_from_defs(req, code_defs, 1);

	http_header(req, "Cache-Control", "no-store");
	return req->session->enrolled ? account_renew(req, f) :
	    account_enrol(req, f);
}

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ GP, "/login/code", DM_ROUTE_PUBLIC, page_code },
	{ GP, "/login/enrol", DM_ROUTE_PUBLIC, page_enrol },
	{ GP, "/account/factor", DM_ROUTE_STAFF, page_account_factor },
};

const struct route_table login_factor_routes = { routes, NELEMS(routes) };
