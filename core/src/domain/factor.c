/*
 * factor.c - TOTP and recovery codes for staff.
 * liboath computes the RFC 6238 values; this file decides which time steps
 * count (now's and one either side, for clocks a little apart, and only
 * after the last one accepted: RFC 6238 section 5.2 forbids accepting a
 * value twice), and stores no recovery code in a form that could be typed.
 * The throttle is the login's: per account and per client address.
 */
#include <liboath/oath.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit.h"
#include "config.h"
#include "db.h"
#include "factor.h"
#include "factorkey.h"
#include "log.h"
#include "req.h"
#include "session.h"
#include "throttle.h"

/* Crockford's base32: no I, L, O or U to misread. */
static const char recovery_alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";

struct account_ctx {
	int	head_or_admin, clerk, enrolled;
};

static dm_status
account_row(void *arg, const struct dm_value *c, size_t n)
{
	struct account_ctx *x = arg;

	if (n < 3)
		return DM_EINTERNAL;
	x->head_or_admin = c[0].type == DM_V_INT && c[0].i > 0;
	x->clerk = c[1].type == DM_V_INT && c[1].i > 0;
	x->enrolled = c[2].type == DM_V_INT && c[2].i == 1;
	return DM_OK;
}

dm_status
factor_account(struct dm_req *req, long long account_id, int *needed,
    int *enrolled)
{
	struct account_ctx x = { 0, 0, 0 };
	struct dm_value p[3] = { DM_VINT(account_id), DM_VINT(account_id),
	    DM_VINT(account_id) };

	*needed = *enrolled = 0;
	if (db_query(db_worker(), "SELECT (SELECT COUNT(*) FROM staff_roles "
	    "WHERE account_id = ? AND role IN ('head', 'admin')), (SELECT "
	    "COUNT(*) FROM staff_roles WHERE account_id = ? AND role = "
	    "'clerk'), (SELECT confirmed_at IS NOT NULL FROM staff_factors "
	    "WHERE account_id = ?)", p, 3, account_row, &x) != DM_OK)
		return DM_EINTERNAL;
	*enrolled = x.enrolled;
	*needed = session_factor_rule(req->cfg, x.enrolled, x.head_or_admin,
	    x.clerk);
	return DM_OK;
}

static void
oath_once(void)
{
	static int done;

	if (!done) {
		oath_init();	/* a no-op past the first call */
		done = 1;
	}
}

dm_status
factor_totp(const unsigned char *secret, size_t len, long long t,
    unsigned digits, char *out)
{
	oath_once();
	if (oath_totp_generate2((const char *)secret, len, (time_t)t,
	    FACTOR_STEP, 0, digits, 0, out) != OATH_OK)
		return DM_EINTERNAL;
	return DM_OK;
}

long long
factor_match(const unsigned char *secret, size_t len, long long now,
    const char *code, long long last_step)
{
	long long step = now / FACTOR_STEP;
	char want[FACTOR_DIGITS + 1];

	if (code == NULL || strlen(code) != FACTOR_DIGITS ||
	    strspn(code, "0123456789") != FACTOR_DIGITS)
		return -1;
	for (long long s = step - FACTOR_WINDOW; s <= step + FACTOR_WINDOW;
	    s++) {
		if (s <= last_step)
			continue;
		if (factor_totp(secret, len, s * FACTOR_STEP, FACTOR_DIGITS,
		    want) != DM_OK)
			return -1;
		if (sodium_memcmp(want, code, FACTOR_DIGITS) == 0)
			return s;
	}
	return -1;
}

void
factor_base32(const unsigned char *secret, size_t len, char *out)
{
	char *enc = NULL;
	size_t n = 0, k = 0;

	oath_once();
	out[0] = '\0';
	if (oath_base32_encode((const char *)secret, len, &enc, &n) !=
	    OATH_OK)
		return;
	for (size_t i = 0; i < n && enc[i] != '=' && k < FACTOR_B32_LEN; i++)
		out[k++] = enc[i];
	out[k] = '\0';
	free(enc);
}

/* The stored secret ----------------------------------------------------- */

/*
 * The column holds the secret sealed with the instance's factor key
 * (factorkey.h). A secret from before (FACTOR_SECRET_BYTES in the clear,
 * left by a node that ran an older version) is used once more and sealed
 * in its place; `dimosctl migrate` seals all of them (factor_seal_clear).
 */
#define SEALED_BYTES	(FACTOR_SECRET_BYTES + FACTORKEY_OVERHEAD)

struct secret_ctx {
	long long	account_id;
	unsigned char	secret[FACTOR_SECRET_BYTES];
	int		found, confirmed, clear;
	long long	last_step;
};

static dm_status
secret_row(void *arg, const struct dm_value *c, size_t n)
{
	struct secret_ctx *x = arg;

	if (n < 3 || c[0].type != DM_V_BLOB)
		return DM_EINTERNAL;
	if (c[0].len == FACTOR_SECRET_BYTES) {
		memcpy(x->secret, c[0].s, FACTOR_SECRET_BYTES);
		x->clear = 1;
	} else if (factorkey_open(x->account_id, (const unsigned char *)
	    c[0].s, c[0].len, x->secret, FACTOR_SECRET_BYTES) != DM_OK)
		return DM_EINTERNAL;
	x->confirmed = c[1].type == DM_V_INT && c[1].i == 1;
	x->last_step = c[2].i;
	x->found = 1;
	return DM_OK;
}

/* UPDATE ... SET secret = sealed WHERE it is still the clear one. */
static dm_status
seal_in_place(struct db *db, long long account_id,
    const unsigned char clear[FACTOR_SECRET_BYTES])
{
	unsigned char sealed[SEALED_BYTES];
	struct dm_value p[3];
	dm_status st;

	if ((st = factorkey_seal(account_id, clear, FACTOR_SECRET_BYTES,
	    sealed)) != DM_OK)
		return st;
	p[0] = DM_VBLOB((const char *)sealed, sizeof(sealed));
	p[1] = DM_VINT(account_id);
	p[2] = DM_VBLOB((const char *)clear, FACTOR_SECRET_BYTES);
	return db_exec(db, "UPDATE staff_factors SET secret = ? WHERE "
	    "account_id = ? AND secret = ?", p, 3, NULL, NULL);
}

static dm_status
load_secret(long long account_id, struct secret_ctx *x)
{
	struct dm_value p = DM_VINT(account_id);
	dm_status st;

	memset(x, 0, sizeof(*x));
	x->account_id = account_id;
	/* Without the instance's key nothing is read: a second factor is
	 * then refused (FACTOR_ERROR), never skipped. */
	if ((st = factorkey_ready(db_worker())) != DM_OK)
		return st;
	if ((st = db_query(db_worker(), "SELECT secret, confirmed_at IS NOT "
	    "NULL, last_step FROM staff_factors WHERE account_id = ?", &p, 1,
	    secret_row, x)) != DM_OK) {
		sodium_memzero(x, sizeof(*x));
		return st;
	}
	if (x->found && x->clear && seal_in_place(db_worker(), account_id,
	    x->secret) != DM_OK)
		log_warn("factor: the clear secret of account %lld stays "
		    "until dimosctl migrate seals it", account_id);
	return DM_OK;
}

/* A new secret, sealed, unless account_id has one (INSERT IGNORE). */
static dm_status
insert_secret(struct db *db, long long account_id,
    const unsigned char secret[FACTOR_SECRET_BYTES], int confirmed)
{
	unsigned char sealed[SEALED_BYTES];
	struct dm_value p[2];
	dm_status st;

	if ((st = factorkey_ready(db)) != DM_OK ||
	    (st = factorkey_seal(account_id, secret, FACTOR_SECRET_BYTES,
	    sealed)) != DM_OK)
		return st;
	p[0] = DM_VINT(account_id);
	p[1] = DM_VBLOB((const char *)sealed, sizeof(sealed));
	return db_exec(db, confirmed ? "INSERT IGNORE INTO staff_factors "
	    "(account_id, secret, confirmed_at) VALUES (?, ?, "
	    "UTC_TIMESTAMP(6))" : "INSERT IGNORE INTO staff_factors "
	    "(account_id, secret) VALUES (?, ?)", p, 2, NULL, NULL);
}

dm_status
factor_enrol_secret(struct dm_req *req, long long account_id,
    unsigned char secret[FACTOR_SECRET_BYTES])
{
	struct secret_ctx x;

	(void)req;
	if (load_secret(account_id, &x) != DM_OK)
		return DM_EINTERNAL;
	if (!x.found) {
		/* Two tabs enrolling at once keep the first one's secret. */
		randombytes_buf(x.secret, sizeof(x.secret));
		if (insert_secret(db_worker(), account_id, x.secret, 0) !=
		    DM_OK || load_secret(account_id, &x) != DM_OK || !x.found)
			return DM_EINTERNAL;
	}
	sodium_memzero(secret, FACTOR_SECRET_BYTES);
	if (x.confirmed)
		return DM_ECONFLICT;
	memcpy(secret, x.secret, FACTOR_SECRET_BYTES);
	sodium_memzero(&x, sizeof(x));
	return DM_OK;
}

struct clear_secret {
	long long	account_id;
	unsigned char	secret[FACTOR_SECRET_BYTES];
};

struct clear_ctx {
	struct db		*db;
	struct clear_secret	*rows;
	size_t			 n, cap;
};

static dm_status
clear_row(void *arg, const struct dm_value *c, size_t n)
{
	struct clear_ctx *x = arg;

	if (n < 2 || c[0].type != DM_V_INT || c[1].type != DM_V_BLOB ||
	    c[1].len != FACTOR_SECRET_BYTES)
		return DM_EINTERNAL;
	if (x->n == x->cap) {
		/* Secrets in guarded memory, wiped when freed. */
		size_t cap = x->cap ? 2 * x->cap : 16;
		struct clear_secret *rows = sodium_allocarray(cap,
		    sizeof(*rows));

		if (rows == NULL)
			log_fatal("out of memory");
		if (x->n > 0)
			memcpy(rows, x->rows, x->n * sizeof(*rows));
		sodium_free(x->rows);
		x->rows = rows;
		x->cap = cap;
	}
	x->rows[x->n].account_id = c[0].i;
	memcpy(x->rows[x->n].secret, c[1].s, FACTOR_SECRET_BYTES);
	x->n++;
	return DM_OK;
}

static void
clear_free(struct clear_ctx *x)
{
	sodium_free(x->rows);
	x->rows = NULL;
	x->n = x->cap = 0;
}

static dm_status
seal_clear_tx(void *arg)
{
	struct clear_ctx *x = arg;
	dm_status st;

	clear_free(x);	/* a retried transaction reads again */
	if ((st = db_query(x->db, "SELECT account_id, secret FROM "
	    "staff_factors WHERE LENGTH(secret) = ? FOR UPDATE",
	    (struct dm_value[]){ DM_VINT(FACTOR_SECRET_BYTES) }, 1, clear_row,
	    x)) != DM_OK)
		return st;
	for (size_t i = 0; i < x->n; i++)
		if ((st = seal_in_place(x->db, x->rows[i].account_id,
		    x->rows[i].secret)) != DM_OK)
			return st;
	return DM_OK;
}

dm_status
factor_seal_clear(struct db *db, long long *sealed)
{
	struct clear_ctx x = { db, NULL, 0, 0 };
	dm_status st;

	*sealed = 0;
	if ((st = factorkey_ready(db)) != DM_OK)
		return st;
	if ((st = db_tx(db, seal_clear_tx, &x)) == DM_OK)
		*sealed = (long long)x.n;
	clear_free(&x);
	return st;
}

/* Attempts --------------------------------------------------------------- */

static void
subjects(struct dm_req *req, long long account_id, char fsub[32],
    char isub[64])
{
	snprintf(fsub, 32, "f:%lld", account_id);
	snprintf(isub, 64, "i:%s", req_ip(req));
}

/* 0 when the account and the client may try, else the seconds to wait. */
static long long
locked(struct dm_req *req, long long account_id)
{
	char fsub[32], isub[64];
	long long w1, w2;

	subjects(req, account_id, fsub, isub);
	w1 = throttle_locked(db_worker(), fsub);
	w2 = throttle_locked(db_worker(), isub);
	return w1 > w2 ? w1 : w2;
}

static enum factor_result
failed(struct dm_req *req, long long account_id, const char *what)
{
	char fsub[32], isub[64];

	subjects(req, account_id, fsub, isub);
	throttle_count(db_worker(), fsub, req->cfg->login_failures,
	    req->cfg->login_window, req->cfg->login_lockout);
	throttle_count(db_worker(), isub, req->cfg->login_ip_failures,
	    req->cfg->login_window, req->cfg->login_lockout);
	audit(req, "factor_failed", account_id, what);
	return FACTOR_WRONG;
}

static void
succeeded(struct dm_req *req, long long account_id)
{
	char fsub[32], isub[64];

	subjects(req, account_id, fsub, isub);
	throttle_clear(db_worker(), fsub);
}

/* What was typed, without spaces and dashes, in lower case: up to 31
 * characters, else "". */
static void
normalize(const char *code, char out[32])
{
	size_t k = 0;

	out[0] = '\0';
	if (code == NULL)
		return;
	for (const char *p = code; *p; p++) {
		char ch = *p;

		if (ch == ' ' || ch == '-' || ch == '\t')
			continue;
		if (k >= 31) {
			out[0] = '\0';
			return;
		}
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		/* Crockford: the letters people misread as digits. */
		if (ch == 'o')
			ch = '0';
		else if (ch == 'i' || ch == 'l')
			ch = '1';
		out[k++] = ch;
	}
	out[k] = '\0';
}

static void
recovery_hash(const char *norm, unsigned char h[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(h, (const unsigned char *)norm, strlen(norm));
}

/* Accepts step once: a concurrent login with the same value loses. */
static dm_status
take_step(long long account_id, long long step, int confirm)
{
	struct dm_value p[3] = { DM_VINT(step), DM_VINT(account_id),
	    DM_VINT(step) };
	uint64_t n = 0;

	if (db_exec(db_worker(), confirm ? "UPDATE staff_factors SET "
	    "last_step = ?, used_at = UTC_TIMESTAMP(6), confirmed_at = "
	    "UTC_TIMESTAMP(6) WHERE account_id = ? AND last_step < ? AND "
	    "confirmed_at IS NULL" : "UPDATE staff_factors SET last_step = ?, "
	    "used_at = UTC_TIMESTAMP(6) WHERE account_id = ? AND last_step < ? "
	    "AND confirmed_at IS NOT NULL", p, 3, &n, NULL) != DM_OK)
		return DM_EINTERNAL;
	return n == 1 ? DM_OK : DM_ENOTFOUND;
}

struct codes_ctx {
	long long	 account_id;
	long long	 step;
	int		 confirm;	/* the enrolment's first code */
	char		(*codes)[FACTOR_RECOVERY_LEN + 1];
};

static dm_status
new_codes_tx(void *arg)
{
	struct codes_ctx *x = arg;
	struct dm_value p[2];
	dm_status st;

	if ((st = take_step(x->account_id, x->step, x->confirm)) != DM_OK)
		return st;
	p[0] = DM_VINT(x->account_id);
	if (db_exec(db_worker(), "DELETE FROM staff_recovery_codes WHERE "
	    "account_id = ?", p, 1, NULL, NULL) != DM_OK)
		return DM_EINTERNAL;
	for (int i = 0; i < FACTOR_RECOVERY_CODES; i++) {
		char *c = x->codes[i], norm[32];
		unsigned char h[crypto_hash_sha256_BYTES];
		size_t k = 0;

		for (int j = 0; j < FACTOR_RECOVERY_CHARS; j++) {
			if (j > 0 && j % 4 == 0)
				c[k++] = '-';
			c[k++] = recovery_alphabet[randombytes_uniform(32)];
		}
		c[k] = '\0';
		normalize(c, norm);
		recovery_hash(norm, h);
		p[1] = DM_VBLOB((const char *)h, sizeof(h));
		if (db_exec(db_worker(), "INSERT INTO staff_recovery_codes "
		    "(account_id, code_hash) VALUES (?, ?)", p, 2, NULL,
		    NULL) != DM_OK)
			return DM_EINTERNAL;
	}
	return DM_OK;
}

/*
 * A code from the app, then FACTOR_RECOVERY_CODES fresh recovery codes
 * (any earlier ones end): confirming the enrolment (confirm) or renewing
 * the codes of a confirmed one. A recovery code does not do for either.
 */
static enum factor_result
new_codes(struct dm_req *req, long long account_id, const char *code,
    char codes[FACTOR_RECOVERY_CODES][FACTOR_RECOVERY_LEN + 1],
    long long *wait, int confirm)
{
	const char *what = confirm ? "enrolment" : "renewing recovery codes";
	struct secret_ctx x;
	struct codes_ctx c;
	char norm[32];
	dm_status st;

	if ((*wait = locked(req, account_id)) > 0) {
		if (!confirm)
			audit(req, "factor_locked", account_id, NULL);
		return FACTOR_LOCKED;
	}
	if (load_secret(account_id, &x) != DM_OK)
		return FACTOR_ERROR;
	if (!x.found || x.confirmed == confirm)
		return failed(req, account_id, confirm ? what :
		    "not enrolled");
	normalize(code, norm);
	c.account_id = account_id;
	c.confirm = confirm;
	c.codes = codes;
	c.step = factor_match(x.secret, sizeof(x.secret), (long long)time(NULL),
	    norm, x.last_step);
	sodium_memzero(&x, sizeof(x));
	if (c.step < 0)
		return failed(req, account_id, what);
	st = db_tx(db_worker(), new_codes_tx, &c);
	if (st == DM_ENOTFOUND)		/* the step was taken meanwhile */
		return failed(req, account_id, what);
	if (st != DM_OK)
		return FACTOR_ERROR;
	succeeded(req, account_id);
	audit(req, confirm ? "factor_enrolled" : "factor_codes_renewed",
	    account_id, NULL);
	return FACTOR_OK;
}

enum factor_result
factor_enrol_confirm(struct dm_req *req, long long account_id,
    const char *code, char codes[FACTOR_RECOVERY_CODES][FACTOR_RECOVERY_LEN
    + 1], long long *wait)
{
	return new_codes(req, account_id, code, codes, wait, 1);
}

enum factor_result
factor_renew_codes(struct dm_req *req, long long account_id,
    const char *code, char codes[FACTOR_RECOVERY_CODES][FACTOR_RECOVERY_LEN
    + 1], long long *wait)
{
	return new_codes(req, account_id, code, codes, wait, 0);
}

enum factor_result
factor_verify(struct dm_req *req, long long account_id, const char *code,
    long long *wait)
{
	struct secret_ctx x;
	char norm[32];
	long long step;

	if ((*wait = locked(req, account_id)) > 0) {
		audit(req, "factor_locked", account_id, NULL);
		return FACTOR_LOCKED;
	}
	if (load_secret(account_id, &x) != DM_OK)
		return FACTOR_ERROR;
	if (!x.found || !x.confirmed)
		return failed(req, account_id, "not enrolled");
	normalize(code, norm);
	step = factor_match(x.secret, sizeof(x.secret), (long long)time(NULL),
	    norm, x.last_step);
	sodium_memzero(&x, sizeof(x));
	if (step >= 0) {
		dm_status st = take_step(account_id, step, 0);

		if (st == DM_ENOTFOUND)		/* a replay that raced */
			return failed(req, account_id, "totp");
		if (st != DM_OK)
			return FACTOR_ERROR;
		succeeded(req, account_id);
		audit(req, "factor_used", account_id, "totp");
		return FACTOR_OK;
	}
	if (strlen(norm) == FACTOR_RECOVERY_CHARS) {
		unsigned char h[crypto_hash_sha256_BYTES];
		struct dm_value p[2];
		uint64_t n = 0;

		recovery_hash(norm, h);
		p[0] = DM_VINT(account_id);
		p[1] = DM_VBLOB((const char *)h, sizeof(h));
		if (db_exec(db_worker(), "UPDATE staff_recovery_codes SET "
		    "used_at = UTC_TIMESTAMP(6) WHERE account_id = ? AND "
		    "code_hash = ? AND used_at IS NULL", p, 2, &n, NULL) !=
		    DM_OK)
			return FACTOR_ERROR;
		if (n == 1) {
			succeeded(req, account_id);
			audit(req, "factor_used", account_id, "recovery code");
			return FACTOR_RECOVERY;
		}
		return failed(req, account_id, "recovery code");
	}
	return failed(req, account_id, "totp");
}

long long
factor_recovery_left(struct dm_req *req, long long account_id)
{
	struct dm_value p = DM_VINT(account_id);
	long long n = 0;

	(void)req;
	if (db_query_int(db_worker(), "SELECT COUNT(*) FROM "
	    "staff_recovery_codes WHERE account_id = ? AND used_at IS NULL",
	    &p, 1, &n) != DM_OK)
		return 0;
	return n;
}

struct reset_ctx {
	struct db	*db;
	long long	 account_id;
	uint64_t	 removed;
};

/* The secret and the recovery codes go; *removed: whether there was a
 * secret. */
static dm_status
drop(struct db *db, long long account_id, uint64_t *removed)
{
	struct dm_value p = DM_VINT(account_id);

	if (db_exec(db, "DELETE FROM staff_factors WHERE account_id = ?", &p,
	    1, removed, NULL) != DM_OK || db_exec(db, "DELETE FROM "
	    "staff_recovery_codes WHERE account_id = ?", &p, 1, NULL, NULL) !=
	    DM_OK)
		return DM_EINTERNAL;
	return DM_OK;
}

dm_status
factor_drop(struct db *db, long long account_id)
{
	uint64_t removed = 0;

	return drop(db, account_id, &removed);
}

static dm_status
reset_tx(void *arg)
{
	struct reset_ctx *x = arg;
	struct dm_value p = DM_VINT(x->account_id);

	if (drop(x->db, x->account_id, &x->removed) != DM_OK ||
	    db_exec(x->db, "DELETE FROM sessions WHERE account_id = ?", &p, 1,
	    NULL, NULL) != DM_OK)
		return DM_EINTERNAL;
	return DM_OK;
}

dm_status
factor_reset(struct db *db, long long account_id)
{
	struct reset_ctx x = { db, account_id, 0 };
	dm_status st;

	if ((st = db_tx(db, reset_tx, &x)) != DM_OK)
		return st;
	if (x.removed == 0)
		return DM_ENOTFOUND;
	audit_db(db, "factor_reset", account_id, 0, NULL);
	return DM_OK;
}

dm_status
factor_enrol_fixed(struct db *db, long long account_id,
    const unsigned char secret[FACTOR_SECRET_BYTES])
{
	return insert_secret(db, account_id, secret, 1);
}
