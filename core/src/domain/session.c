/*
 * session.c - sessions in the database, roles, CSRF.
 * A session costs one indexed lookup per request (roles come with it) and
 * a write at most once a minute (last_seen). The cookie is HttpOnly,
 * SameSite=Lax, and Secure with the __Host- prefix over TLS.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "validate.h"

#define CSRF_COOKIE	"dm_csrf"
#define LAST_SEEN_EVERY	60		/* seconds between last_seen writes */

static unsigned char csrf_key[crypto_auth_hmacsha256_KEYBYTES];
static int csrf_key_loaded;

static const char *
sid_cookie(const struct dm_req *req)
{
	return req->secure ? "__Host-dm_sid" : "dm_sid";
}

static char *
dup_col(struct dm_req *req, const struct dm_value *v)
{
	if (v->type != DM_V_TEXT && v->type != DM_V_BLOB)
		return NULL;
	return arena_strndup(req->arena, v->s, v->len);
}

static void
parse_roles(struct session *s, const char *list)
{
	const char *p = list;

	while (p != NULL && *p != '\0' && s->nroles < SESSION_MAX_ROLES) {
		const char *colon = strchr(p, ':'), *end = strchr(p, ',');
		struct session_role *r = &s->roles[s->nroles];
		size_t n;

		if (end == NULL)
			end = p + strlen(p);
		if (colon == NULL || colon > end)
			break;
		r->role = strncmp(p, "admin", 5) == 0 ? ROLE_ADMIN :
		    strncmp(p, "head", 4) == 0 ? ROLE_HEAD : ROLE_CLERK;
		n = (size_t)(end - colon - 1);
		if (n >= sizeof(r->dept))
			n = sizeof(r->dept) - 1;
		memcpy(r->dept, colon + 1, n);
		r->dept[n] = '\0';
		s->nroles++;
		p = *end == ',' ? end + 1 : end;
	}
}

struct load_ctx {
	struct dm_req	*req;
	struct session	*s;
	long long	 idle;
	int		 live;
	int		 active;
};

static dm_status
load_row(void *arg, const struct dm_value *c, size_t n)
{
	struct load_ctx *x = arg;
	struct session *s = x->s;
	struct dm_req *req = x->req;
	char *company;

	if (n < 14)
		return DM_EINTERNAL;
	s->account_id = c[0].i;
	snprintf(s->csrf, sizeof(s->csrf), "%s", c[1].s ? c[1].s : "");
	s->method = c[2].s && c[2].s[0] == 't' ? 't' : 'p';
	x->idle = c[3].i;
	x->live = (int)c[4].i;
	s->kind = c[5].s && c[5].s[0] == 'b' ? 'b' : 'p';
	s->level = c[6].s && c[6].s[0] == 'B' ? 'B' : 'A';
	x->active = c[7].s && strcmp(c[7].s, "active") == 0;
	s->email = dup_col(req, &c[8]);
	s->first_name = dup_col(req, &c[9]);
	s->last_name = dup_col(req, &c[10]);
	company = dup_col(req, &c[11]);
	s->company = company;
	s->afm = dup_col(req, &c[12]);
	parse_roles(s, c[13].type == DM_V_TEXT ? c[13].s : NULL);
	if (s->kind == 'b' && company != NULL)
		s->display = company;
	else if (s->first_name != NULL && s->last_name != NULL)
		s->display = arena_printf(req->arena, "%s %s", s->first_name,
		    s->last_name);
	else
		s->display = s->email ? s->email : "—";
	return DM_OK;
}

static void
clear_cookie(struct dm_req *req)
{
	http_set_cookie(req, sid_cookie(req), "", 0, 1);
}

void
session_load(struct dm_req *req)
{
	const char *sid = kv_get(&req->cookies, sid_cookie(req));
	struct session *s;
	struct load_ctx x;
	struct dm_value p;
	struct db *db = db_worker();

	req->session = NULL;
	if (sid == NULL || db == NULL)
		return;
	if (!token_valid(sid)) {
		clear_cookie(req);
		return;
	}
	s = arena_zalloc(req->arena, sizeof(*s));
	token_hash(sid, s->hash);
	memset(&x, 0, sizeof(x));
	x.req = req;
	x.s = s;
	x.idle = -1;
	p = DM_VBLOB((const char *)s->hash, TOKEN_HASH);
	if (db_query(db, "SELECT s.account_id, s.csrf, s.method, "
	    "TIMESTAMPDIFF(SECOND, s.last_seen, UTC_TIMESTAMP(6)), "
	    "s.expires_at > UTC_TIMESTAMP(6), a.kind, a.level, a.status, "
	    "a.email, a.first_name, a.last_name, a.company_name, a.afm, "
	    "(SELECT GROUP_CONCAT(r.role, ':', r.department SEPARATOR ',') "
	    "FROM staff_roles r WHERE r.account_id = a.id) "
	    "FROM sessions s JOIN accounts a ON a.id = s.account_id "
	    "WHERE s.id_hash = ?", &p, 1, load_row, &x) != DM_OK)
		return;			/* database away: anonymous */
	if (x.idle < 0) {
		clear_cookie(req);	/* unknown or ended elsewhere */
		return;
	}
	if (!x.live || x.idle > req->cfg->sess_idle || !x.active) {
		db_exec(db, "DELETE FROM sessions WHERE id_hash = ?", &p, 1,
		    NULL, NULL);
		clear_cookie(req);
		return;
	}
	if (x.idle >= LAST_SEEN_EVERY)
		db_exec(db, "UPDATE sessions SET last_seen = UTC_TIMESTAMP(6) "
		    "WHERE id_hash = ?", &p, 1, NULL, NULL);
	req->session = s;
}

dm_status
session_create(struct dm_req *req, long long account_id, char method)
{
	char sid[TOKEN_LEN + 1], csrf[TOKEN_LEN + 1];
	unsigned char hash[TOKEN_HASH];
	struct db *db = db_worker();
	struct dm_value p[7];
	const char *ua = req->env.user_agent;
	dm_status st;

	token_new(sid);
	token_new(csrf);
	token_hash(sid, hash);
	if (req->session != NULL) {
		/* Rotation: the old id dies; its cookie is overwritten. */
		struct dm_value old = DM_VBLOB((const char *)
		    req->session->hash, TOKEN_HASH);

		db_exec(db, "DELETE FROM sessions WHERE id_hash = ?", &old, 1,
		    NULL, NULL);
	}
	p[0] = DM_VBLOB((const char *)hash, TOKEN_HASH);
	p[1] = DM_VINT(account_id);
	p[2] = DM_VTEXT(csrf);
	p[3] = DM_VTEXT(method == 't' ? "taxisnet" : "password");
	p[4] = DM_VINT(req->cfg->sess_absolute);
	p[5] = DM_VTEXT(req->env.remote_addr);
	p[6] = DM_VTEXT(ua != NULL && strlen(ua) > 255 ?
	    arena_strndup(req->arena, ua, 255) : ua);
	if (p[6].s != NULL && !val_utf8(p[6].s, p[6].len))
		p[6] = DM_VNULL;
	st = db_exec(db, "INSERT INTO sessions (id_hash, account_id, csrf, "
	    "method, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, ?, ?)", p, 7, NULL, NULL);
	if (st != DM_OK)
		return st;
	/* Housekeeping, a little at a time: expired sessions of anyone. */
	{
		struct dm_value q = DM_VINT(req->cfg->sess_idle);

		db_exec(db, "DELETE FROM sessions WHERE expires_at < "
		    "UTC_TIMESTAMP(6) OR last_seen < UTC_TIMESTAMP(6) - "
		    "INTERVAL ? SECOND LIMIT 100", &q, 1, NULL, NULL);
	}
	http_set_cookie(req, sid_cookie(req), sid, req->cfg->sess_absolute,
	    1);
	/* The new session is the caller's from now on (for the page). */
	req->session = NULL;
	return DM_OK;
}

void
session_end(struct dm_req *req)
{
	struct dm_value p;

	if (req->session == NULL)
		return;
	p = DM_VBLOB((const char *)req->session->hash, TOKEN_HASH);
	db_exec(db_worker(), "DELETE FROM sessions WHERE id_hash = ?", &p, 1,
	    NULL, NULL);
	clear_cookie(req);
	req->session = NULL;
}

dm_status
session_end_all(struct dm_req *req, long long account_id, int keep_current)
{
	struct dm_value p[2];

	p[0] = DM_VINT(account_id);
	if (keep_current && req->session != NULL) {
		p[1] = DM_VBLOB((const char *)req->session->hash, TOKEN_HASH);
		return db_exec(db_worker(), "DELETE FROM sessions WHERE "
		    "account_id = ? AND id_hash <> ?", p, 2, NULL, NULL);
	}
	return db_exec(db_worker(), "DELETE FROM sessions WHERE "
	    "account_id = ?", p, 1, NULL, NULL);
}

int
session_has_role(const struct session *s, char role, const char *dept)
{
	if (s == NULL)
		return 0;
	for (size_t i = 0; i < s->nroles; i++)
		if (s->roles[i].role == role && (dept == NULL ||
		    strcmp(s->roles[i].dept, dept) == 0))
			return 1;
	return 0;
}

int
session_is_staff(const struct session *s, const char *dept)
{
	return session_has_role(s, ROLE_ADMIN, NULL) ||
	    session_has_role(s, ROLE_CLERK, dept) ||
	    session_has_role(s, ROLE_HEAD, dept);
}

/* CSRF for visitors -------------------------------------------------- */

static dm_status
key_row(void *arg, const struct dm_value *c, size_t n)
{
	(void)arg;
	if (n < 1 || c[0].len != sizeof(csrf_key))
		return DM_EINTERNAL;
	memcpy(csrf_key, c[0].s, sizeof(csrf_key));
	csrf_key_loaded = 1;
	return DM_OK;
}

static int
load_key(void)
{
	if (csrf_key_loaded)
		return 1;
	if (db_worker() == NULL || db_query(db_worker(), "SELECT value FROM "
	    "server_secrets WHERE name = 'csrf'", NULL, 0, key_row,
	    NULL) != DM_OK || !csrf_key_loaded) {
		log_error("csrf: the key in server_secrets is not available");
		return 0;
	}
	return 1;
}

/* A visitor's token: 16 random bytes and their 16-byte HMAC, base64url.
 * A token planted from elsewhere fails the HMAC without the key. */
static int
anon_valid(const char *tok)
{
	unsigned char raw[48], mac[crypto_auth_hmacsha256_BYTES];
	size_t len = 0;

	if (tok == NULL || strlen(tok) > 64 || !load_key())
		return 0;
	if (sodium_base642bin(raw, sizeof(raw), tok, strlen(tok), NULL, &len,
	    NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || len != 32)
		return 0;
	crypto_auth_hmacsha256(mac, raw, 16, csrf_key);
	return sodium_memcmp(mac, raw + 16, 16) == 0;
}

const char *
csrf_token(struct dm_req *req)
{
	unsigned char raw[32], mac[crypto_auth_hmacsha256_BYTES];
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
	if (!load_key())
		return "";
	randombytes_buf(raw, 16);
	crypto_auth_hmacsha256(mac, raw, 16, csrf_key);
	memcpy(raw + 16, mac, 16);
	tok = arena_alloc(req->arena, 45);
	token_b64(raw, sizeof(raw), tok, 45);
	http_set_cookie(req, CSRF_COOKIE, tok, 12 * 3600, 1);
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
