/*
 * apikeys.h - the keys other applications use on the Open311 API.
 * Owns: the api_keys table: issuing a key (a random token shown once; only
 * its SHA-256 is stored), listing and revoking keys (dimosctl apikey), and
 * checking a key a request brings, with its rate limit.
 */
#ifndef DIMOS_APIKEYS_H
#define DIMOS_APIKEYS_H

#include <stdio.h>

#include "dimos/plugin.h"
#include "token.h"

struct db;
struct dm_req;

/* A new key named name (who uses it); key gets its text, shown once. */
dm_status	apikey_add(struct db *db, const char *name, long long *id,
		    char key[TOKEN_LEN + 1]);
/* Every key, one line each: id, state, created, last used, name. */
dm_status	apikey_list(struct db *db, FILE *out);
/* Revokes key id: DM_ENOTFOUND if there is none or it was revoked. */
dm_status	apikey_revoke(struct db *db, long long id);
/*
 * The live key whose text is key: *id, and one use counted against its
 * limit (per_minute). DM_EDENIED for no such key or a revoked one,
 * DM_ELIMIT when the key used up its minute (*retry: seconds to wait).
 */
dm_status	apikey_check(struct dm_req *req, const char *key,
		    long long per_minute, long long *id, long long *retry);

#endif
