/*
 * factor.h - the staff's second factor: TOTP (RFC 6238) and recovery codes.
 * Owns: the staff_factors and staff_recovery_codes tables: a secret made
 * at enrolment (stored sealed with the factor key, factorkey.h) and
 * confirmed by a code from it, each time step accepted
 * once, one-time recovery codes stored only as their SHA-256, the attempts
 * throttled like logins, every enrolment, use, failure and reset audited.
 */
#ifndef DIMOS_FACTOR_H
#define DIMOS_FACTOR_H

#include <stddef.h>

#include "dimos/plugin.h"

struct config;
struct db;
struct dm_req;

#define FACTOR_SECRET_BYTES	20	/* 160 bits, RFC 4226's advice */
#define FACTOR_DIGITS		6
#define FACTOR_STEP		30	/* seconds */
#define FACTOR_WINDOW		1	/* steps either side of now */
#define FACTOR_RECOVERY_CODES	10
#define FACTOR_RECOVERY_CHARS	16	/* 80 bits */
#define FACTOR_RECOVERY_LEN	19	/* "xxxx-xxxx-xxxx-xxxx" */
#define FACTOR_B32_LEN		32	/* the secret in base32 */

/* Whether account_id must give a second factor (*needed) and has
 * enrolled one (*enrolled). */
dm_status	factor_account(struct dm_req *req, long long account_id,
		    int *needed, int *enrolled);

/* The TOTP value (RFC 6238, HMAC-SHA1) of secret at Unix time t, digits
 * long, into out (digits + 1). */
dm_status	factor_totp(const unsigned char *secret, size_t len,
		    long long t, unsigned digits, char *out);
/* The time step, within FACTOR_WINDOW of now's and after last_step, whose
 * code is code; -1 if none. */
long long	factor_match(const unsigned char *secret, size_t len,
		    long long now, const char *code, long long last_step);
/* secret in base32 without padding (out: FACTOR_B32_LEN + 1). */
void		factor_base32(const unsigned char *secret, size_t len,
		    char *out);

/* The secret an enrolment shows (made and kept unconfirmed on first
 * call, the same one after); DM_ECONFLICT if a factor is confirmed. */
dm_status	factor_enrol_secret(struct dm_req *req, long long account_id,
		    unsigned char secret[FACTOR_SECRET_BYTES]);

enum factor_result {
	FACTOR_OK,		/* a TOTP code */
	FACTOR_RECOVERY,	/* a recovery code, now used */
	FACTOR_WRONG,		/* counted */
	FACTOR_LOCKED,		/* too many failures: *wait seconds */
	FACTOR_ERROR,		/* database trouble */
};

/*
 * Confirms the enrolment with a code from the new secret: the factor is
 * on and codes gets FACTOR_RECOVERY_CODES fresh recovery codes (any
 * earlier ones end). FACTOR_OK, FACTOR_WRONG, FACTOR_LOCKED, FACTOR_ERROR.
 */
enum factor_result factor_enrol_confirm(struct dm_req *req,
		    long long account_id, const char *code,
		    char codes[FACTOR_RECOVERY_CODES][FACTOR_RECOVERY_LEN + 1],
		    long long *wait);
/*
 * New recovery codes for an enrolled account, after a current TOTP code
 * (not a recovery code): the earlier ones stop working, codes gets
 * FACTOR_RECOVERY_CODES fresh ones; audited (factor_codes_renewed), a
 * wrong code counted as a login's. FACTOR_OK, FACTOR_WRONG,
 * FACTOR_LOCKED, FACTOR_ERROR.
 */
enum factor_result factor_renew_codes(struct dm_req *req,
		    long long account_id, const char *code,
		    char codes[FACTOR_RECOVERY_CODES][FACTOR_RECOVERY_LEN + 1],
		    long long *wait);
/* A login's code: a TOTP value (each time step once) or a recovery code
 * (each once). */
enum factor_result factor_verify(struct dm_req *req, long long account_id,
		    const char *code, long long *wait);
/* Recovery codes the account has left. */
long long	factor_recovery_left(struct dm_req *req, long long account_id);
/* A lost factor (dimosctl): the secret and recovery codes are deleted and
 * the account's sessions end; it enrols again at its next login.
 * DM_ENOTFOUND if it had none. */
dm_status	factor_reset(struct db *db, long long account_id);

/* The account was closed: its factor goes, unaudited (the closing is). */
dm_status	factor_drop(struct db *db, long long account_id);
/* dimosctl migrate: the secrets stored in the clear (before the factor
 * key, factorkey.h) sealed in place; *sealed: how many. */
dm_status	factor_seal_clear(struct db *db, long long *sealed);

/* The demo's staff (dimosctl demo): account_id enrolled with secret, if
 * it has no factor yet. */
dm_status	factor_enrol_fixed(struct db *db, long long account_id,
		    const unsigned char secret[FACTOR_SECRET_BYTES]);

#endif
