/*
 * auth.h - proving who someone is.
 * Owns: argon2id password hashes, logging in with e-mail and password
 * (throttled per e-mail and per client address, with the same answer and
 * the same work whether or not the account exists), and single-use tokens
 * mailed for confirmation and password reset.
 */
#ifndef DIMOS_AUTH_H
#define DIMOS_AUTH_H

#include <stddef.h>

#include "dimos/plugin.h"

struct config;
struct db;
struct dm_req;

#define AUTH_HASH_MAX	128

/* An argon2id hash string for password (parameters from [security]). */
dm_status	auth_hash_password(const struct config *cfg, const char *pw,
		    char out[AUTH_HASH_MAX]);
/* 1 when pw matches hash. */
int		auth_check_password(const char *hash, const char *pw);

enum auth_result {
	AUTH_OK,
	AUTH_WRONG,		/* no such account or a wrong password */
	AUTH_LOCKED,		/* too many failures; *wait seconds */
	AUTH_UNCONFIRMED,	/* right password, e-mail not confirmed */
	AUTH_ERROR,		/* database trouble */
};

/* Checks e-mail and password; on AUTH_OK *account_id is set. Records the
 * failure or clears the e-mail's counter, and writes the audit row. */
enum auth_result auth_login(struct dm_req *req, const char *email,
		    const char *pw, long long *account_id, long long *wait);

/* Mailed tokens. purpose: "verify_email", "reset_password",
 * "change_email". The plain token goes to *out (TOKEN_LEN + 1). */
dm_status	auth_token_issue(struct db *db, long long account_id,
		    const char *purpose, long long ttl, const char *data,
		    char *out);
/* Marks a token used and returns its account (and data, arena-copied)
 * once; DM_ENOTFOUND if unknown, used, expired or of another purpose. */
dm_status	auth_token_use(struct dm_req *req, const char *purpose,
		    const char *token, long long *account_id,
		    const char **data);
/* Looks at a token without using it (for the confirmation page). */
dm_status	auth_token_peek(struct dm_req *req, const char *purpose,
		    const char *token, long long *account_id);

#endif
