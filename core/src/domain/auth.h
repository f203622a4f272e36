/*
 * auth.h - proving who someone is.
 * Owns: argon2id password hashes, logging in with e-mail and password
 * (throttled per e-mail and per client address, with the same answer and
 * the same work whether or not the account exists), re-entering the
 * password for a sensitive change, changing and resetting it (the other
 * sessions end, the owner is told), mailing a token to an address only if
 * it has an account (saying nothing either way), and the TaxisNet logins
 * in flight (oauth_states).
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

/* The password of a logged-in owner, again, before a sensitive change:
 * DM_OK (also for an account without one), DM_EDENIED (audited). */
dm_status	auth_reauth(struct dm_req *req, long long account_id,
		    const char *pw);
/* The owner sets a new password: the other sessions end, a notice is
 * mailed. */
dm_status	auth_change_password(struct dm_req *req, long long account_id,
		    const char *pw);
/* The same through a mailed reset token (used up here): every session
 * ends. DM_ENOTFOUND for a token that is not (any more) valid. */
dm_status	auth_reset_password(struct dm_req *req, const char *token,
		    const char *pw);

#define AUTH_VERIFY_TTL		(24 * 3600)
#define AUTH_RESET_TTL		3600

/* What auth_mail_token sends: a token for purpose (tokens.h) to an
 * account in one of statuses, by the mail template mail, with a link to
 * path (the token appended). */
struct auth_mailing {
	const char	*statuses;	/* "active,pending" */
	const char	*purpose;
	const char	*mail;
	const char	*path;
	long long	 ttl;
};
/* Password reset. */
extern const struct auth_mailing auth_mail_reset;
/* Mails a token if email has an account in the given state; does nothing
 * (and says nothing) otherwise. */
dm_status	auth_mail_token(struct dm_req *req, const char *email,
		    const struct auth_mailing *m);

/* A TaxisNet login starts: its state, bound to this browser (a random
 * value in a cookie), and the account linking, if one is logged in. */
dm_status	auth_oauth_begin(struct dm_req *req, const char *state,
		    const char *browser, long long account_id, long long ttl);
/* The provider sent the browser back with state: used up (once), and
 * DM_OK only if it is live and browser is the one that started it;
 * *account_id is the account linking (0: a login). */
dm_status	auth_oauth_take(struct dm_req *req, const char *state,
		    const char *browser, long long *account_id);

#endif
