/*
 * taxisnet.c - logging in with TaxisNet (GSIS OAuth 2.0), which makes an
 * account Level B: /login/taxisnet sends the browser to the provider with
 * a state bound to this browser; the callback checks it (once), asks the
 * provider who the taxpayer is, and logs them in, or links the verified
 * identity to the account already logged in. A natural person's
 * credentials log into a person account, a legal entity's (a company
 * logging in with its own TaxisNet credentials) into a business account.
 */
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "log.h"
#include "oauth.h"
#include "pages.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"
#include "token.h"

#define OAUTH_TTL	600
#define OAUTH_COOKIE	"dm_oauth"

static const char *
callback_url(struct dm_req *req)
{
	return arena_printf(req->arena, "%s/login/taxisnet/callback",
	    req->cfg->base_url);
}

static dm_status
page_taxisnet(struct dm_req *req)
{
	char state[OAUTH_STATE_LEN + 1], browser[TOKEN_LEN + 1];
	char url[4096];

	if (!req->cfg->taxis_enabled)
		return pages_message(req, 404, "info", "taxisnet.off.title",
		    "taxisnet.off.text", NULL, "/login", "login.title");
	oauth_state_new(state);
	token_new(browser);
	/* Logged in: this links the account rather than logging in. */
	if (auth_oauth_begin(req, state, browser, session_actor(req),
	    OAUTH_TTL) != DM_OK)
		return DM_EINTERNAL;
	if (oauth_authorize_url(req->cfg, state, callback_url(req), url,
	    sizeof(url)) != DM_OK)
		return DM_EINTERNAL;
	http_set_cookie(req, OAUTH_COOKIE, browser, OAUTH_TTL, 1);
	/* An absolute redirect to the provider: built from our own
	 * configuration, never from the request. */
	http_header(req, "Location", url);
	http_begin(req, 303, NULL);
	return DM_OK;
}

static dm_status
failed(struct dm_req *req, const char *why)
{
	audit(req, "taxisnet_failed", session_actor(req), why);
	return pages_message(req, 400, "error", "taxisnet.failed.title",
	    "taxisnet.failed.text", NULL, "/login", "login.title");
}

static dm_status
page_taxisnet_callback(struct dm_req *req)
{
	const char *state = kv_get(&req->query, "state");
	const char *code = kv_get(&req->query, "code");
	const char *error = kv_get(&req->query, "error");
	const char *browser = kv_get(&req->cookies, OAUTH_COOKIE);
	struct oauth_identity id;
	char token[2048], err[256];
	long long linking, account_id;
	int created = 0;
	dm_status st;

	if (!req->cfg->taxis_enabled)
		return DM_ENOTFOUND;
	http_set_cookie(req, OAUTH_COOKIE, "", 0, 1);
	if (state == NULL || strlen(state) > 128 || browser == NULL ||
	    !token_valid(browser))
		return failed(req, "state missing");
	st = auth_oauth_take(req, state, browser, &linking);
	if (st == DM_ENOTFOUND)
		return failed(req, "state mismatch");
	if (st != DM_OK)
		return DM_EINTERNAL;
	if (error != NULL)
		return pages_message(req, 403, "info", "taxisnet.denied.title",
		    "taxisnet.denied.text", NULL, "/login", "login.title");
	if (code == NULL)
		return failed(req, "no code");
	st = oauth_exchange(req->cfg, code, callback_url(req), token,
	    sizeof(token), err, sizeof(err));
	if (st == DM_OK)
		st = oauth_userinfo(req->cfg, token, &id, err, sizeof(err));
	if (st != DM_OK) {
		log_warn("taxisnet: %s", err);
		return failed(req, err);
	}
	/* Linking needs the same account still logged in. */
	account_id = linking;
	if (linking != 0 && session_actor(req) != linking)
		return failed(req, "session changed");
	st = account_link_taxis(req, &id, &account_id, &created);
	if (st == DM_ECONFLICT)
		return pages_message(req, 409, "error", "taxisnet.taken.title",
		    "taxisnet.taken.text", NULL, "/account", "account.title");
	if (st == DM_EDENIED) {
		audit(req, "taxisnet_failed", linking, id.legal ?
		    "legal entity on a person's account" :
		    "natural person on a business account");
		return pages_message(req, 409, "error", id.legal ?
		    "taxisnet.kind_legal.title" : "taxisnet.kind_person.title",
		    id.legal ? "taxisnet.kind_legal.text" :
		    "taxisnet.kind_person.text", NULL, "/account",
		    "account.title");
	}
	if (st != DM_OK)
		return st;
	if (linking != 0) {
		http_redirect(req, "/account?verified=1");
		return DM_OK;
	}
	/* A new account has no e-mail yet: ask for one. */
	return pages_login(req, account_id, 't', created ?
	    "/account/email?welcome=1" : NULL);
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/login/taxisnet", DM_ROUTE_PUBLIC, page_taxisnet },
	{ DM_METHOD_GET, "/login/taxisnet/callback", DM_ROUTE_PUBLIC,
	    page_taxisnet_callback },
};

const struct route_table taxisnet_routes = { routes, NELEMS(routes) };
