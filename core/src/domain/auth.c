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

#include "accounts.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "mail.h"
#include "req.h"
#include "session.h"
#include "throttle.h"
#include "token.h"
#include "tokens.h"

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

/* prefix (two characters) and the SHA-256 of the address in lower case:
 * the throttle's subject for an e-mail address as typed. */
static void
email_subject(const char *prefix, const char *email, char out[72])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char lower[256];
	size_t i;

	for (i = 0; email[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (char)tolower((unsigned char)email[i]);
	lower[i] = '\0';
	crypto_hash_sha256(h, (const unsigned char *)lower, i);
	memcpy(out, prefix, 2);
	sodium_bin2hex(out + 2, 70, h, sizeof(h));
}

static void
count_failure(struct dm_req *req, const char *subject, long long max)
{
	throttle_count(db_worker(), subject, max, req->cfg->login_window,
	    req->cfg->login_lockout);
}

enum auth_result
auth_login(struct dm_req *req, const char *email, const char *pw,
    long long *account_id, long long *wait)
{
	struct db *db = db_worker();
	char esub[72], isub[64], hash[AUTH_HASH_MAX];
	long long id = 0, w1, w2;
	int active = 0, found, ok;
	dm_status st;

	*wait = 0;
	email_subject("e:", email, esub);
	snprintf(isub, sizeof(isub), "i:%s", req_ip(req));
	w1 = throttle_locked(db, esub);
	w2 = throttle_locked(db, isub);
	if (w1 > 0 || w2 > 0) {
		*wait = w1 > w2 ? w1 : w2;
		audit(req, "login_locked", 0, email);
		return AUTH_LOCKED;
	}
	st = account_credentials(db, email, &id, hash, sizeof(hash), &active);
	if (st != DM_OK && st != DM_ENOTFOUND)
		return AUTH_ERROR;
	found = st == DM_OK;
	/* The same work whether or not the account exists. */
	ok = auth_check_password(found && hash[0] ? hash :
	    dummy_hash(req->cfg), pw) && found && hash[0];
	if (!ok) {
		count_failure(req, esub, req->cfg->login_failures);
		count_failure(req, isub, req->cfg->login_ip_failures);
		audit(req, "login_failed", found ? id : 0, found ? NULL :
		    email);
		return AUTH_WRONG;
	}
	throttle_clear(db, esub);
	if (!active)
		return AUTH_UNCONFIRMED;
	*account_id = id;
	return AUTH_OK;
}

dm_status
auth_reauth(struct dm_req *req, long long account_id, const char *pw)
{
	char hash[AUTH_HASH_MAX];
	dm_status st;

	if ((st = account_password_hash(req, account_id, hash,
	    sizeof(hash))) != DM_OK)
		return st;
	if (hash[0] == '\0')
		return DM_OK;		/* none to re-enter: the session is
					   the proof */
	if (pw != NULL && auth_check_password(hash, pw))
		return DM_OK;
	audit(req, "reauth_failed", account_id, NULL);
	return DM_EDENIED;
}

long long
auth_mail_limit(struct dm_req *req, const char *email)
{
	struct db *db = db_worker();
	const struct config *cfg = req->cfg;
	char msub[72], csub[64];
	long long w1, w2;

	email_subject("m:", email, msub);
	snprintf(csub, sizeof(csub), "n:%s", req_ip(req));
	w1 = throttle_locked(db, msub);
	w2 = throttle_locked(db, csub);
	if (w1 > 0 || w2 > 0) {
		audit(req, "mail_limited", 0, w1 > 0 ? email : NULL);
		return w1 > w2 ? w1 : w2;
	}
	throttle_count(db, msub, cfg->mail_per_address, cfg->mail_window,
	    cfg->mail_window);
	throttle_count(db, csub, cfg->mail_per_client, cfg->mail_window,
	    cfg->mail_window);
	return 0;
}

int
auth_mail_recipient_ok(struct dm_req *req, const char *email)
{
	char msub[72];

	email_subject("m:", email, msub);
	if (throttle_locked(db_worker(), msub) > 0)
		return 0;
	throttle_count(db_worker(), msub, req->cfg->mail_per_address,
	    req->cfg->mail_window, req->cfg->mail_window);
	return 1;
}

struct setpw_ctx {
	struct dm_req	*req;
	long long	 id;
	const char	*pw;
	const char	*token;
	const char	*event;
};

/* Sets the password, ends the other reset links and sessions, tells the
 * owner. */
static dm_status
setpw_tx(void *arg)
{
	struct setpw_ctx *x = arg;
	struct dm_req *req = x->req;
	char hash[AUTH_HASH_MAX];
	struct account a;
	dm_status st;

	if (x->token != NULL && (st = tokens_use(req, "reset_password",
	    x->token, &x->id, NULL)) != DM_OK)
		return st;
	if (auth_hash_password(req->cfg, x->pw, hash) != DM_OK)
		return DM_EINTERNAL;
	if ((st = account_set_password(req, x->id, hash, x->token != NULL)) !=
	    DM_OK)
		return st;
	/* No other reset link mailed before works any more. */
	if ((st = tokens_end(db_worker(), x->id, "reset_password")) != DM_OK)
		return st;
	/* Whoever had the old password is logged out everywhere; the
	 * owner changing it here stays. */
	if ((st = session_end_all(req, x->id, x->token == NULL ?
	    req->session : NULL)) != DM_OK)
		return st;
	audit(req, x->event, x->id, NULL);
	if (account_load(req, x->id, &a) == DM_OK && a.email != NULL) {
		struct mail m = { a.email, account_display(req, &a), a.lang,
		    "password_changed", a.id, NULL };

		return mail_queue(req, &m);
	}
	return DM_OK;
}

dm_status
auth_change_password(struct dm_req *req, long long account_id,
    const char *pw)
{
	struct setpw_ctx x = { req, account_id, pw, NULL,
	    "password_changed" };

	return db_tx(db_worker(), setpw_tx, &x);
}

dm_status
auth_reset_password(struct dm_req *req, const char *token, const char *pw)
{
	struct setpw_ctx x = { req, 0, pw, token, "password_reset" };

	return db_tx(db_worker(), setpw_tx, &x);
}

struct mailtok_ctx {
	struct dm_req			*req;
	const char			*email;
	const struct auth_mailing	*m;
};

static dm_status
mailtok_tx(void *arg)
{
	struct mailtok_ctx *x = arg;
	struct dm_req *req = x->req;
	char tok[TOKEN_LEN + 1];
	struct account a;
	dm_status st;

	st = account_by_email_in(req, x->email, x->m->statuses, &a);
	if (st == DM_ENOTFOUND)
		return DM_OK;		/* nothing done, nothing said */
	if (st != DM_OK)
		return st;
	if ((st = tokens_issue(db_worker(), a.id, x->m->purpose, x->m->ttl,
	    NULL, tok)) != DM_OK)
		return st;
	audit(req, x->m->purpose, a.id, "mailed");
	{
		struct mail m = { x->email, account_display(req, &a), a.lang,
		    x->m->mail, a.id, (const char *const[]){ "link",
		    mail_link(req, x->m->path, tok), NULL } };

		return mail_queue(req, &m);
	}
}

dm_status
auth_mail_token(struct dm_req *req, const char *email,
    const struct auth_mailing *m)
{
	struct mailtok_ctx x = { req, email, m };

	return db_tx(db_worker(), mailtok_tx, &x);
}

const struct auth_mailing auth_mail_reset = { "active,pending",
	"reset_password", "reset", "/login/reset/confirm?token=",
	AUTH_RESET_TTL };

/* TaxisNet logins in flight ------------------------------------------- */

dm_status
auth_oauth_begin(struct dm_req *req, const char *state, const char *browser,
    long long account_id, long long ttl)
{
	unsigned char sh[TOKEN_HASH], bh[TOKEN_HASH];
	struct dm_value p[4];

	token_hash(state, sh);
	token_hash(browser, bh);
	p[0] = DM_VBLOB((const char *)sh, TOKEN_HASH);
	p[1] = DM_VBLOB((const char *)bh, TOKEN_HASH);
	p[2] = account_id ? DM_VINT(account_id) : DM_VNULL;
	p[3] = DM_VINT(ttl);
	(void)req;
	return db_exec(db_worker(), "INSERT INTO oauth_states (state_hash, "
	    "browser_hash, account_id, expires_at) VALUES (?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND)", p, 4, NULL, NULL);
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

dm_status
auth_oauth_take(struct dm_req *req, const char *state, const char *browser,
    long long *account_id)
{
	unsigned char sh[TOKEN_HASH], bh[TOKEN_HASH];
	struct state_row r;
	struct dm_value p;

	(void)req;
	*account_id = 0;
	token_hash(state, sh);
	memset(&r, 0, sizeof(r));
	p = DM_VBLOB((const char *)sh, TOKEN_HASH);
	if (db_query(db_worker(), "SELECT browser_hash, account_id FROM "
	    "oauth_states WHERE state_hash = ? AND expires_at > "
	    "UTC_TIMESTAMP(6)", &p, 1, state_row, &r) != DM_OK)
		return DM_EINTERNAL;
	/* Single use, whatever happens next; expired ones go too. */
	db_exec(db_worker(), "DELETE FROM oauth_states WHERE state_hash = ? "
	    "OR expires_at < UTC_TIMESTAMP(6)", &p, 1, NULL, NULL);
	token_hash(browser, bh);
	if (!r.found || sodium_memcmp(r.browser, bh, TOKEN_HASH) != 0)
		return DM_ENOTFOUND;
	*account_id = r.account_id;
	return DM_OK;
}
