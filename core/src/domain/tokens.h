/*
 * tokens.h - single-use tokens mailed to an account's owner.
 * Owns: the account_tokens table: a token for confirming an e-mail
 * address, resetting a password or moving to a new address, stored only
 * as its SHA-256, valid until it expires or is used once.
 */
#ifndef DIMOS_TOKENS_H
#define DIMOS_TOKENS_H

#include "dimos/plugin.h"

struct db;
struct dm_req;

/* purpose: "verify_email", "reset_password", "change_email". The plain
 * token goes to out (TOKEN_LEN + 1); data (may be NULL) travels with it. */
dm_status	tokens_issue(struct db *db, long long account_id,
		    const char *purpose, long long ttl, const char *data,
		    char *out);
/* Marks a token used and returns its account (and data, arena-copied)
 * once; DM_ENOTFOUND if unknown, used, expired or of another purpose. */
dm_status	tokens_use(struct dm_req *req, const char *purpose,
		    const char *token, long long *account_id,
		    const char **data);
/* Looks at a token without using it (for a confirmation page). */
dm_status	tokens_peek(struct dm_req *req, const char *purpose,
		    const char *token, long long *account_id);
/* Drops every token of the account (it was closed). */
dm_status	tokens_drop(struct db *db, long long account_id);

#endif
