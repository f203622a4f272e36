/*
 * seal.h - the document seal: Ed25519 keys, signatures and verification codes.
 * Owns: the key files, struct seal_key, hashing, hex, and the code format.
 */
#ifndef DIMOS_SEAL_H
#define DIMOS_SEAL_H

#include <stddef.h>
#include <sys/types.h>

#include "dimos/plugin.h"

#define SEAL_PUBLICKEY_BYTES	32
#define SEAL_SECRETKEY_BYTES	64
#define SEAL_SIGNATURE_BYTES	64
#define SEAL_HASH_BYTES		32

#define SEAL_CODE_LEN		16	/* significant characters of a code */
#define SEAL_CODE_SIZE		20	/* XXXX-XXXX-XXXX-XXXX and the NUL */
#define SEAL_PUB_BASE64_SIZE	64	/* 44 characters and the NUL fit */

/*
 * The key pair. sk is libsodium's 64-byte form (seed followed by the public
 * key). Holders must call seal_key_wipe() when done with it.
 */
struct seal_key {
	unsigned char	 pk[SEAL_PUBLICKEY_BYTES];
	unsigned char	 sk[SEAL_SECRETKEY_BYTES];
};

/*
 * Key files, both text, one header line then one line of standard base64
 * (with padding) of the raw key:
 *
 *	dir/seal.key	"dimos-seal-secret-v1\n" base64(sk, 64 bytes) "\n"
 *			mode 0600: no access at all for group or others
 *	dir/seal.pub	"dimos-seal-public-v1\n" base64(pk, 32 bytes) "\n"
 *			mode 0644
 *
 * Trailing whitespace after the base64 line is ignored; anything else is
 * rejected.
 */
#define SEAL_KEY_FILE		"seal.key"
#define SEAL_PUB_FILE		"seal.pub"

/*
 * Generates a key pair and writes both files into dir (which must exist).
 * Each file is written to a temporary name, synced, then linked into place
 * without clobbering (the O_EXCL guarantee) or, with overwrite, renamed over
 * the old one. Returns DM_ECONFLICT if either file exists and !overwrite,
 * DM_EINTERNAL on I/O errors (logged).
 */
dm_status	seal_keys_init(const char *dir, int overwrite);

/*
 * Loads dir/seal.key and dir/seal.pub into *key and checks that they belong
 * together. DM_ENOTFOUND if a file is missing, DM_EDENIED if the secret key
 * file is accessible by group or others or is not a regular file,
 * DM_EINPUT if a file is malformed or the two do not match, DM_EINTERNAL on
 * other I/O errors. Every failure is logged (log.h), saying what to fix.
 * On failure *key is wiped.
 */
dm_status	seal_load(const char *dir, struct seal_key *key);

/*
 * The file helpers behind the key files, shared with keystore.c.
 * seal_write_file() writes dir/name with mode, never leaving a partial
 * file under that name (overwrite: replace; otherwise DM_ECONFLICT if it
 * exists). seal_read_file() reads a whole file of at most max bytes into
 * *out (malloc'ed, NUL-terminated); with secret it refuses a file that
 * group or others may access (DM_EDENIED). Both log their failures.
 */
dm_status	seal_write_file(const char *dir, const char *name,
		    const void *data, size_t len, mode_t mode, int overwrite);
dm_status	seal_read_file(const char *path, int secret, size_t max,
		    char **out, size_t *outlen);
/*
 * A secret key file of the same text form as seal.key ("header" then the
 * base64 of the raw key, header ending in "\n"), for the instance's other
 * keys (keystore.h). seal_write_key() as seal_write_file();
 * seal_read_key() reads path into exactly len bytes: DM_ENOTFOUND if it
 * is not there, DM_EDENIED if group or others may access it, DM_EINPUT
 * if it is malformed; logged.
 */
dm_status	seal_write_key(const char *dir, const char *name,
		    const char *header, const unsigned char *bin, size_t len,
		    mode_t mode, int overwrite);
dm_status	seal_read_key(const char *path, const char *header,
		    unsigned char *bin, size_t len);
/* dir/name, malloc'ed (aborts when out of memory). */
char		*seal_path(const char *dir, const char *name);
/* fsync()s a folder so that new entries in it survive a crash. */
void		seal_sync_dir(const char *dir);

/* SHA-256 of data. */
void		seal_sha256(const void *data, size_t len,
		    unsigned char out[SEAL_HASH_BYTES]);

/* Detached Ed25519 signature of the 32-byte hash. */
void		seal_sign(const struct seal_key *key,
		    const unsigned char hash[SEAL_HASH_BYTES],
		    unsigned char sig[SEAL_SIGNATURE_BYTES]);

/* 1 if sig is pub's signature of hash, 0 otherwise. */
int		seal_verify(const unsigned char pub[SEAL_PUBLICKEY_BYTES],
		    const unsigned char hash[SEAL_HASH_BYTES],
		    const unsigned char sig[SEAL_SIGNATURE_BYTES]);

/* Lowercase hex of bin; out has room for 2 * len + 1 bytes. */
void		seal_hex(const unsigned char *bin, size_t len, char *out);

/*
 * Parses exactly 2 * len hex digits (either case, nothing else) into bin.
 * DM_EINPUT otherwise, and then bin is zeroed.
 */
dm_status	seal_unhex(const char *hex, unsigned char *bin, size_t len);

/*
 * A fresh verification code: 80 random bits as 16 Crockford base32
 * characters (0-9 A-Z without I L O U), written XXXX-XXXX-XXXX-XXXX.
 */
void		seal_code(char out[SEAL_CODE_SIZE]);

/*
 * Canonical form of a code typed by a person: drops spaces, tabs and
 * dashes, upper-cases, reads O as 0 and I, L as 1. out gets the 16
 * characters without dashes. DM_EINPUT unless exactly 16 valid characters.
 */
dm_status	seal_code_normalize(const char *in,
		    char out[SEAL_CODE_LEN + 1]);

/* Standard base64 (with padding) of the public key, for publication. */
void		seal_pub_base64(const struct seal_key *key,
		    char out[SEAL_PUB_BASE64_SIZE]);

/* Zeroes the whole key in a way the compiler may not elide. */
void		seal_key_wipe(struct seal_key *key);

#endif /* DIMOS_SEAL_H */
