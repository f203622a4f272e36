/*
 * auth.c - passwords, login throttling and mailed tokens.
 * A wrong e-mail and a wrong password take the same path: the throttle
 * counts the e-mail as typed, and an unknown account is checked against a
 * dummy hash of the same cost, so neither messages nor timing tell which
 * addresses have accounts.
 */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "req.h"
#include "throttle.h"
#include "token.h"

dm_status
auth_hash_password(const struct config *cfg, const char *pw,
    char out[AUTH_HASH_MAX])
{
	if (sodium_init() < 0)
		return DM_EINTERNAL;
	if (crypto_pwhash_str_alg(out, pw, strlen(pw),
	    (unsigned long long)cfg->argon2_ops, (size_t)cfg->argon2_memory,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		log_error("auth: argon2id hashing failed (out of memory?)");
		return DM_EINTERNAL;
	}
	return DM_OK;
}

int
auth_check_password(const char *hash, const char *pw)
{
	if (hash == NULL || pw == NULL || sodium_init() < 0)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

/* A hash nobody knows the password of, with the current parameters. */
static const char *
dummy_hash(const struct config *cfg)
{
	static char hash[AUTH_HASH_MAX];
	char pw[TOKEN_LEN + 1];

	if (hash[0] == '\0') {
		token_new(pw);
		if (auth_hash_password(cfg, pw, hash) != DM_OK)
			hash[0] = '\0';
	}
	return hash;
}

static void
email_subject(const char *email, char out[72])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char lower[256];
	size_t i;

	for (i = 0; email[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (char)tolower((unsigned char)email[i]);
	lower[i] = '\0';
	crypto_hash_sha256(h, (const unsigned char *)lower, i);
	memcpy(out, "e:", 2);
	sodium_bin2hex(out + 2, 70, h, sizeof(h));
}

static void
count_failure(struct dm_req *req, const char *subject, long long max)
{
	throttle_count(db_worker(), subject, max, req->cfg->login_window,
	    req->cfg->login_lockout);
}

struct login_row {
	long long	 id;
	char		 hash[AUTH_HASH_MAX];
	int		 active;
	int		 found;
};

static dm_status
login_row(void *arg, const struct dm_value *c, size_t n)
{
	struct login_row *r = arg;

	if (n < 3)
		return DM_EINTERNAL;
	r->found = 1;
	r->id = c[0].i;
	snprintf(r->hash, sizeof(r->hash), "%s", c[1].type == DM_V_TEXT ?
	    c[1].s : "");
	r->active = c[2].s && strcmp(c[2].s, "active") == 0;
	return DM_OK;
}

enum auth_result
auth_login(struct dm_req *req, const char *email, const char *pw,
    long long *account_id, long long *wait)
{
	struct db *db = db_worker();
	char esub[72], isub[64];
	struct login_row r;
	struct dm_value p;
	long long w1, w2;
	int ok;

	*wait = 0;
	email_subject(email, esub);
	snprintf(isub, sizeof(isub), "i:%s", req->env.remote_addr ?
	    req->env.remote_addr : "-");
	w1 = throttle_locked(db, esub);
	w2 = throttle_locked(db, isub);
	if (w1 > 0 || w2 > 0) {
		*wait = w1 > w2 ? w1 : w2;
		audit(req, "login_locked", 0, email);
		return AUTH_LOCKED;
	}
	memset(&r, 0, sizeof(r));
	p = DM_VTEXT(email);
	if (db_query(db, "SELECT id, password_hash, status FROM accounts "
	    "WHERE email = ? AND status <> 'closed'", &p, 1, login_row,
	    &r) != DM_OK)
		return AUTH_ERROR;
	/* The same work whether or not the account exists. */
	ok = auth_check_password(r.found && r.hash[0] ? r.hash :
	    dummy_hash(req->cfg), pw) && r.found && r.hash[0];
	if (!ok) {
		count_failure(req, esub, req->cfg->login_failures);
		count_failure(req, isub, req->cfg->login_ip_failures);
		audit(req, "login_failed", r.found ? r.id : 0,
		    r.found ? NULL : email);
		return AUTH_WRONG;
	}
	throttle_clear(db, esub);
	if (!r.active)
		return AUTH_UNCONFIRMED;
	*account_id = r.id;
	return AUTH_OK;
}

dm_status
auth_token_issue(struct db *db, long long account_id, const char *purpose,
    long long ttl, const char *data, char *out)
{
	unsigned char hash[TOKEN_HASH];
	struct dm_value p[5];

	token_new(out);
	token_hash(out, hash);
	p[0] = DM_VBLOB((const char *)hash, TOKEN_HASH);
	p[1] = DM_VTEXT(purpose);
	p[2] = DM_VINT(account_id);
	p[3] = DM_VTEXT(data);
	p[4] = DM_VINT(ttl);
	return db_exec(db, "INSERT INTO account_tokens (token_hash, purpose, "
	    "account_id, data, expires_at) VALUES (?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND)", p, 5, NULL, NULL);
}

struct tok_row {
	struct dm_req	*req;
	long long	 account_id;
	const char	*data;
	int		 found;
};

static dm_status
tok_row(void *arg, const struct dm_value *c, size_t n)
{
	struct tok_row *t = arg;

	if (n < 2)
		return DM_EINTERNAL;
	t->found = 1;
	t->account_id = c[0].i;
	t->data = c[1].type == DM_V_TEXT ? arena_strndup(t->req->arena,
	    c[1].s, c[1].len) : NULL;
	return DM_OK;
}

static dm_status
token_lookup(struct dm_req *req, const char *purpose, const char *token,
    int use, long long *account_id, const char **data)
{
	unsigned char hash[TOKEN_HASH];
	struct tok_row t = { req, 0, NULL, 0 };
	struct dm_value p[2];
	uint64_t changed = 0;
	dm_status st;

	if (!token_valid(token))
		return DM_ENOTFOUND;
	token_hash(token, hash);
	p[0] = DM_VBLOB((const char *)hash, TOKEN_HASH);
	p[1] = DM_VTEXT(purpose);
	st = db_query(db_worker(), "SELECT account_id, data FROM "
	    "account_tokens WHERE token_hash = ? AND purpose = ? AND used_at "
	    "IS NULL AND expires_at > UTC_TIMESTAMP(6)", p, 2, tok_row, &t);
	if (st != DM_OK)
		return st;
	if (!t.found)
		return DM_ENOTFOUND;
	if (use) {
		/* Only one request can flip used_at: a replay finds none. */
		st = db_exec(db_worker(), "UPDATE account_tokens SET used_at = "
		    "UTC_TIMESTAMP(6) WHERE token_hash = ? AND purpose = ? AND "
		    "used_at IS NULL", p, 2, &changed, NULL);
		if (st != DM_OK)
			return st;
		if (changed != 1)
			return DM_ENOTFOUND;
	}
	*account_id = t.account_id;
	if (data != NULL)
		*data = t.data;
	return DM_OK;
}

dm_status
auth_token_use(struct dm_req *req, const char *purpose, const char *token,
    long long *account_id, const char **data)
{
	return token_lookup(req, purpose, token, 1, account_id, data);
}

dm_status
auth_token_peek(struct dm_req *req, const char *purpose, const char *token,
    long long *account_id)
{
	return token_lookup(req, purpose, token, 0, account_id, NULL);
}
