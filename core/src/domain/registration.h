/*
 * registration.h - joining, and proving an e-mail address.
 * Owns: registering with e-mail and password (the owner of an address that
 * already has an account is told by e-mail; the visitor sees the same
 * answer either way), confirming the address by a mailed link, sending
 * that link again, and moving an account to a new address (proved the same
 * way; the old address is told).
 */
#ifndef DIMOS_REGISTRATION_H
#define DIMOS_REGISTRATION_H

#include "dimos/plugin.h"

struct account;
struct account_new;
struct dm_req;

/*
 * Registers a (pending) account with password pw and mails the link that
 * confirms it; name greets its owner. DM_ECONFLICT when the AFM is taken
 * (an AFM is no secret: the form says so). An address that has an account
 * already gets a message saying so, and DM_OK.
 */
dm_status	registration_submit(struct dm_req *req,
		    const struct account_new *a, const char *pw,
		    const char *name);
/* The mailed link was followed: the account is active. DM_ENOTFOUND for a
 * link that is not (any more) valid. */
dm_status	registration_confirm(struct dm_req *req, const char *token);
/* Sends the link again if email has a pending account; says nothing. */
dm_status	registration_resend(struct dm_req *req, const char *email);

/*
 * Someone reporting through another application (Open311) by e-mail: *id
 * is the account (not closed) with that address, or a new pending Level A
 * person account with the names given (may be NULL) and the mail that
 * confirms the address, as joining sends (*created 1). No password: the
 * owner sets one with "forgot my password" once the address is proved.
 */
dm_status	registration_reporter(struct dm_req *req, const char *email,
		    const char *first_name, const char *last_name,
		    long long *id, int *created);

/* The owner of a asks to move to email: a link goes there. */
dm_status	registration_email_change(struct dm_req *req,
		    const struct account *a, const char *email);
/* That link was followed: the account has the new address (*email), its
 * other sessions end, the old address is told. DM_ENOTFOUND for a link
 * that is not valid, DM_ECONFLICT when the address was taken meanwhile. */
dm_status	registration_email_confirm(struct dm_req *req,
		    const char *token, const char **email);

#endif
