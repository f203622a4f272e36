/*
 * oauth.h - the client side of TaxisNet (GSIS) OAuth2 login.
 * Owns: the authorize URL, the code-for-token exchange, fetching and
 * checking the userinfo XML, and the state values that bind a flow.
 */
#ifndef DIMOS_OAUTH_H
#define DIMOS_OAUTH_H

#include <stddef.h>

#include "dimos/plugin.h"

struct config;

/*
 * Who GSIS says the taxpayer is. Every string is trimmed, valid UTF-8 and
 * free of control characters; userid, taxid and lastname are never empty.
 * A natural person has a firstname (at most OAUTH_PERSON_NAME_MAX
 * characters each); fathername and mothername may be empty. A legal
 * entity, logging in with its own TaxisNet credentials, is told apart the
 * way GSIS answers for one: lastname holds its legal name (ΕΠΩΝΥΜΙΑ, at
 * most OAUTH_LEGAL_NAME_MAX characters) and firstname, fathername,
 * mothername and birthyear are all absent or empty. An answer with some
 * of those but no firstname is neither, and refused as incomplete.
 */
struct oauth_identity {
	char	userid[64];
	char	taxid[10];		/* 9 digits, AFM check digit valid */
	char	lastname[808];		/* a person's surname, or the legal
					   name of a legal entity */
	char	firstname[404];
	char	fathername[404];
	char	mothername[404];
	int	birthyear;		/* 1900..this year; 0: not given */
	int	legal;			/* 1: a legal entity (no firstname,
					   no parents, no birthyear) */
};

/* In characters, as the accounts table holds them (VARCHAR). */
#define OAUTH_PERSON_NAME_MAX	100
#define OAUTH_LEGAL_NAME_MAX	200

/* oauth_state_new writes this many characters and a NUL. */
#define OAUTH_STATE_LEN		43

/*
 * Provider URLs must be https://. Plain http:// is accepted only when the
 * host is 127.0.0.1, ::1 or localhost (the mock provider of the tests and
 * of the local stack); anything else is a configuration error, logged and
 * answered DM_EINTERNAL by every function below. Proxies from the
 * environment are used for https and never for loopback.
 */

/*
 * The URL to send the browser to: taxis_authorize_url with response_type,
 * client_id, redirect_uri, scope and state appended, every value
 * percent-encoded. DM_ELIMIT if out is too small (out is then ""),
 * DM_EINPUT for an empty state or redirect_uri.
 */
dm_status	oauth_authorize_url(const struct config *cfg, const char *state,
		    const char *redirect_uri, char *out, size_t outsz);

/*
 * Exchanges the code for an access token (client authentication in the
 * form body). DM_EDENIED when the provider answered with an OAuth error:
 * err holds its error code ("invalid_grant"), never its body.
 * DM_EINTERNAL on transport errors, timeouts (taxis_timeout), answers
 * larger than 64 KiB and any other unexpected answer (err then holds a
 * short description of ours). DM_EINPUT for an empty or oversized code,
 * DM_ELIMIT when the token does not fit tokensz. token is written only on
 * DM_OK; err (may be NULL) is "" on DM_OK.
 */
dm_status	oauth_exchange(const struct config *cfg, const char *code,
		    const char *redirect_uri, char *token, size_t tokensz,
		    char *err, size_t errsz);

/*
 * Fetches the userinfo XML with the token and checks it: no DOCTYPE (so
 * no entities), no network, values trimmed and valid UTF-8, taxid passes
 * val_afm, birthyear 1900..this year or absent. DM_EINPUT for a malformed
 * or incomplete answer or a token that could not be sent in a header,
 * DM_EDENIED when the provider refused the token (401/403), DM_EINTERNAL
 * on transport errors, timeouts, answers larger than 64 KiB and other
 * HTTP statuses. *id is written only on DM_OK; err (may be NULL) says why
 * otherwise, in our words.
 */
dm_status	oauth_userinfo(const struct config *cfg, const char *token,
		    struct oauth_identity *id, char *err, size_t errsz);

/* A fresh random state: 256 bits, unpadded base64url, NUL-terminated. */
void		oauth_state_new(char out[OAUTH_STATE_LEN + 1]);

/*
 * 1 when a and b are the same non-empty string, in time independent of
 * where they differ (lengths are not secret). NULL or "" never match.
 */
int		oauth_state_equal(const char *a, const char *b);

#endif
