/*
 * session_cookie.c - the session cookie and CSRF tokens.
 * A visitor's CSRF token is 16 random bytes and their 16-byte HMAC under
 * the server's secret, base64url, in a cookie of its own: a token planted
 * from elsewhere fails the HMAC without the key.
 */
#include <sodium.h>
#include <string.h>

#include "accounts.h"
#include "config.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"
#include "token.h"

#define CSRF_COOKIE	"dm_csrf"
#define CSRF_TTL	(12 * 3600)

static const char *
sid_cookie(const struct dm_req *req)
{
	return req->secure ? "__Host-dm_sid" : "dm_sid";
}

static void
clear_cookie(struct dm_req *req)
{
	http_set_cookie(req, sid_cookie(req), "", 0, 1);
}

dm_status
session_load(struct dm_req *req)
{
	const char *sid = kv_get(&req->cookies, sid_cookie(req));
	unsigned char hash[TOKEN_HASH];
	dm_status st;

	req->session = NULL;
	if (sid == NULL)
		return DM_OK;
	if (!token_valid(sid)) {
		clear_cookie(req);
		return DM_OK;
	}
	token_hash(sid, hash);
	st = session_find(req, hash, &req->session);
	if (st == DM_ENOTFOUND) {
		clear_cookie(req);
		return DM_OK;
	}
	/* The session's account, read with it, for the request's steps. */
	if (st == DM_OK)
		account_prime(req);
	/* A staff session without its second factor opens nothing but the
	 * code page (web/login_factor.c): to every other page it is a
	 * visitor's. */
	if (st == DM_OK && req->session->factor != 'd' &&
	    session_needs_factor(req, req->session)) {
		req->pending = req->session;
		req->session = NULL;
	}
	/* A database that is away is an outage, not an anonymous visitor
	 * (who would be sent to log in, or refused a form): the cookie is
	 * left alone, the caller answers 503. */
	return st;
}

dm_status
session_login(struct dm_req *req, long long account_id, char method,
    char factor)
{
	char sid[TOKEN_LEN + 1];
	dm_status st;

	if ((st = session_insert(req, account_id, method, factor,
	    req->session != NULL ? req->session : req->pending, sid)) != DM_OK)
		return st;
	http_set_cookie(req, sid_cookie(req), sid, req->cfg->sess_absolute,
	    1);
	req->session = NULL;
	req->pending = NULL;
	return DM_OK;
}

void
session_logout(struct dm_req *req)
{
	if (req->session == NULL)
		return;
	session_delete(req, req->session->hash);
	session_forget(req);
}

void
session_forget(struct dm_req *req)
{
	clear_cookie(req);
	req->session = NULL;
}

static int
anon_valid(const char *tok)
{
	unsigned char raw[48], mac[crypto_auth_hmacsha256_BYTES];
	unsigned char key[32];
	size_t len = 0;

	if (tok == NULL || strlen(tok) > 64 || !session_csrf_key(key))
		return 0;
	if (sodium_base642bin(raw, sizeof(raw), tok, strlen(tok), NULL, &len,
	    NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || len != 32)
		return 0;
	crypto_auth_hmacsha256(mac, raw, 16, key);
	sodium_memzero(key, sizeof(key));
	return sodium_memcmp(mac, raw + 16, 16) == 0;
}

const char *
csrf_token(struct dm_req *req)
{
	unsigned char raw[32], mac[crypto_auth_hmacsha256_BYTES];
	unsigned char key[32];
	const char *cookie;
	char *tok;

	if (req->session != NULL)
		return req->session->csrf;
	if (req->anon_csrf != NULL)
		return req->anon_csrf;
	cookie = kv_get(&req->cookies, CSRF_COOKIE);
	if (anon_valid(cookie)) {
		req->anon_csrf = cookie;
		return cookie;
	}
	if (!session_csrf_key(key))
		return "";
	randombytes_buf(raw, 16);
	crypto_auth_hmacsha256(mac, raw, 16, key);
	sodium_memzero(key, sizeof(key));
	memcpy(raw + 16, mac, 16);
	tok = arena_alloc(req->arena, 45);
	token_b64(raw, sizeof(raw), tok, 45);
	http_set_cookie(req, CSRF_COOKIE, tok, CSRF_TTL, 1);
	req->anon_csrf = tok;
	return tok;
}

int
csrf_check(struct dm_req *req)
{
	const char *sent = kv_get(&req->form, "csrf");

	if (sent == NULL)
		return 0;
	if (req->session != NULL)
		return token_equal(sent, req->session->csrf);
	{
		const char *cookie = kv_get(&req->cookies, CSRF_COOKIE);

		return anon_valid(cookie) && token_equal(sent, cookie);
	}
}
