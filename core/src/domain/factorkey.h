/*
 * factorkey.h - the key that keeps the staff's TOTP secrets encrypted.
 * Owns: the key file (keystore.h's layout: <key_dir>/factor.key), its
 * check value in the instance_keys table (every node of a cluster must
 * hold the same key), and the sealed form of a secret.
 */
#ifndef DIMOS_FACTORKEY_H
#define DIMOS_FACTORKEY_H

#include <stddef.h>

#include "dimos/plugin.h"

struct config;
struct db;

/*
 * A sealed secret: a format byte (1), a random 24-byte nonce, then the
 * secret encrypted and authenticated with XChaCha20-Poly1305 under the
 * key, the owning account's id (8 bytes, little-endian) as associated
 * data: a row copied to another account does not open.
 */
#define FACTORKEY_FORMAT	1
#define FACTORKEY_OVERHEAD	41	/* format, nonce and tag */

/*
 * Reads dir's factor key into this process (a worker: before it drops
 * privileges). DM_ENOTFOUND if there is none; DM_EDENIED if group or
 * others may read it; DM_EINPUT if it is malformed. Logged.
 */
dm_status	factorkey_load(const char *dir);
int		factorkey_loaded(void);
void		factorkey_unload(void);

/*
 * dimosctl migrate: makes sure the instance has its factor key and that
 * the database records it. Without a key file and with none recorded,
 * makes one (dir made 0700 if missing; given to cfg->user when run as
 * root, like `keys init`) and *made is 1; a key file that is there is
 * loaded. Then as factorkey_check(). err says what to do on failure.
 */
dm_status	factorkey_prepare(struct db *db, const struct config *cfg,
		    int *made, char *err, size_t errsz);

/*
 * Whether this node may serve second factors: its key is loaded and is
 * the one the database records (recorded here when none is yet: the
 * first node's is the instance's). DM_OK; DM_ENOTFOUND without a loaded
 * key; DM_ECONFLICT when the recorded key is another; err says why and
 * what to do. db NULL (the database away) checks the key file only.
 */
dm_status	factorkey_check(struct db *db, const char *dir, char *err,
		    size_t errsz);
/*
 * factorkey_check() against db once per process (a worker whose database
 * was away at its start checks before its first secret); logged.
 */
dm_status	factorkey_ready(struct db *db);

/*
 * Seals len bytes of secret for account_id into out (len +
 * FACTORKEY_OVERHEAD bytes); opens one back (exactly len bytes into
 * out). factorkey_open: DM_EINPUT if in is not a secret sealed with this
 * key for this account (logged). Both DM_EINTERNAL without a key.
 */
dm_status	factorkey_seal(long long account_id, const unsigned char *secret,
		    size_t len, unsigned char *out);
dm_status	factorkey_open(long long account_id, const unsigned char *in,
		    size_t inlen, unsigned char *out, size_t len);

#endif /* DIMOS_FACTORKEY_H */
