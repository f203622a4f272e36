/*
 * factorkey.c - the key that keeps the staff's TOTP secrets encrypted.
 * The key never enters the database: only a check value does (a keyed
 * BLAKE2b of a fixed text), which shows whether a node holds the same key
 * without saying anything about it. A node without the key, or with
 * another one, refuses to serve rather than let a second factor pass
 * unchecked or write secrets the other nodes cannot read.
 */
#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "db.h"
#include "factorkey.h"
#include "keystore.h"
#include "log.h"
#include "seal.h"

#define FK_HEADER	"dimos-factor-key-v1\n"
#define FK_PURPOSE	"factor"
#define FK_CHECK_TEXT	"dimos factor key check v1"
#define FK_KEYBYTES	crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define FK_NONCE	crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define FK_TAG		crypto_aead_xchacha20poly1305_ietf_ABYTES

_Static_assert(FACTORKEY_OVERHEAD == 1 + FK_NONCE + FK_TAG,
    "FACTORKEY_OVERHEAD is the format byte, the nonce and the tag");

static unsigned char	fk_key[FK_KEYBYTES];
static int		fk_loaded;
static int		fk_ready;	/* checked against the database */
static char		fk_where[4096];	/* the key folder it came from */

static void
fk_check_value(unsigned char out[crypto_generichash_BYTES])
{
	crypto_generichash(out, crypto_generichash_BYTES,
	    (const unsigned char *)FK_CHECK_TEXT, strlen(FK_CHECK_TEXT),
	    fk_key, sizeof(fk_key));
}

dm_status
factorkey_load(const char *dir)
{
	char		*path;
	dm_status	 st;

	factorkey_unload();
	if (sodium_init() < 0)
		log_fatal("factorkey: sodium_init failed");
	if (dir == NULL || *dir == '\0')
		return DM_ENOTFOUND;
	snprintf(fk_where, sizeof(fk_where), "%s", dir);
	path = seal_path(dir, KEYSTORE_FACTOR_KEY_FILE);
	st = seal_read_key(path, FK_HEADER, fk_key, sizeof(fk_key));
	free(path);
	if (st == DM_OK)
		fk_loaded = 1;
	return st;
}

int
factorkey_loaded(void)
{
	return fk_loaded;
}

void
factorkey_unload(void)
{
	sodium_memzero(fk_key, sizeof(fk_key));
	fk_loaded = 0;
	fk_ready = 0;
}

/* The recorded check value into out; DM_ENOTFOUND if none. */
struct fk_row {
	unsigned char	 check[crypto_generichash_BYTES];
	int		 found;
};

static dm_status
fk_row(void *arg, const struct dm_value *c, size_t n)
{
	struct fk_row *r = arg;

	if (n < 1 || c[0].type != DM_V_BLOB || c[0].len != sizeof(r->check))
		return DM_EINTERNAL;
	memcpy(r->check, c[0].s, sizeof(r->check));
	r->found = 1;
	return DM_OK;
}

static dm_status
fk_recorded(struct db *db, struct fk_row *r)
{
	memset(r, 0, sizeof(*r));
	return db_query(db, "SELECT key_check FROM instance_keys WHERE "
	    "purpose = '" FK_PURPOSE "'", NULL, 0, fk_row, r);
}

dm_status
factorkey_check(struct db *db, const char *dir, char *err, size_t errsz)
{
	unsigned char	 mine[crypto_generichash_BYTES];
	struct fk_row	 r;
	dm_status	 st;

	err[0] = '\0';
	if (dir == NULL)
		dir = fk_where;
	if (!fk_loaded) {
		int recorded = db != NULL && fk_recorded(db, &r) == DM_OK &&
		    r.found;

		snprintf(err, errsz, "no second-factor key %s/%s%s", dir,
		    KEYSTORE_FACTOR_KEY_FILE,
		    recorded ? ", but the database records one: every node "
		    "needs the same key; copy it from a node that has it "
		    "(mode 0600, the service user's)" : ": `dimosctl migrate` "
		    "makes it (see the log above if the file is there)");
		return DM_ENOTFOUND;
	}
	if (db == NULL)
		return DM_OK;
	fk_check_value(mine);
	/* The first node records its key; the rest must have the same. */
	if ((st = db_exec(db, "INSERT IGNORE INTO instance_keys (purpose, "
	    "key_check) VALUES ('" FK_PURPOSE "', ?)", (struct dm_value[]){
	    DM_VBLOB((const char *)mine, sizeof(mine)) }, 1, NULL, NULL)) !=
	    DM_OK || (st = fk_recorded(db, &r)) != DM_OK)
		return st;
	if (!r.found)
		return DM_EINTERNAL;
	if (sodium_memcmp(mine, r.check, sizeof(mine)) != 0) {
		snprintf(err, errsz, "the second-factor key of this node "
		    "(%s/%s) is not the one the database records: every node "
		    "must have the same key, or the staff's enrolled second "
		    "factors cannot be read; copy %s from a node that has it",
		    dir, KEYSTORE_FACTOR_KEY_FILE,
		    KEYSTORE_FACTOR_KEY_FILE);
		return DM_ECONFLICT;
	}
	return DM_OK;
}

dm_status
factorkey_ready(struct db *db)
{
	char		 err[512];
	dm_status	 st;

	if (fk_ready)
		return DM_OK;
	if (db == NULL)		/* the check waits for the database */
		return DM_EINTERNAL;
	if ((st = factorkey_check(db, NULL, err, sizeof(err))) != DM_OK) {
		if (err[0] != '\0')
			log_error("factorkey: %s", err);
		return st;
	}
	fk_ready = 1;
	return DM_OK;
}

/* Makes dir (0700) if it is not there. */
static dm_status
fk_dir(const char *dir)
{
	if (mkdir(dir, 0700) == 0 || errno == EEXIST)
		return DM_OK;
	log_error("factorkey: cannot make %s: %s", dir, strerror(errno));
	return DM_EINTERNAL;
}

dm_status
factorkey_prepare(struct db *db, const struct config *cfg, int *made,
    char *err, size_t errsz)
{
	const char	*dir = cfg->doc_key_dir;
	struct fk_row	 r;
	struct stat	 sb;
	char		*path;
	dm_status	 st;

	*made = 0;
	err[0] = '\0';
	if (dir == NULL) {
		snprintf(err, errsz, "[documents] key_dir is not set in %s: "
		    "the second-factor key lives there", cfg->path);
		return DM_EINPUT;
	}
	path = seal_path(dir, KEYSTORE_FACTOR_KEY_FILE);
	st = lstat(path, &sb) != 0 && errno == ENOENT ? DM_ENOTFOUND :
	    factorkey_load(dir);
	free(path);
	if (st == DM_ENOTFOUND) {
		if ((st = fk_recorded(db, &r)) != DM_OK)
			return st;
		/* Another node made it: a new one here would be another. */
		if (r.found)
			return factorkey_check(db, dir, err, errsz);
		randombytes_buf(fk_key, sizeof(fk_key));
		st = fk_dir(dir);
		if (st == DM_OK)
			st = seal_write_key(dir, KEYSTORE_FACTOR_KEY_FILE,
			    FK_HEADER, fk_key, sizeof(fk_key), 0600, 0);
		sodium_memzero(fk_key, sizeof(fk_key));
		if (st == DM_OK) {
			seal_sync_dir(dir);
			st = keystore_give_file(dir,
			    KEYSTORE_FACTOR_KEY_FILE, cfg->user);
		}
		if (st == DM_OK)
			st = factorkey_load(dir);
		if (st != DM_OK) {
			snprintf(err, errsz, "cannot make the second-factor "
			    "key %s/%s (see above)", dir,
			    KEYSTORE_FACTOR_KEY_FILE);
			return st;
		}
		*made = 1;
	} else if (st != DM_OK) {
		snprintf(err, errsz, "cannot read the second-factor key "
		    "%s/%s (see above)", dir, KEYSTORE_FACTOR_KEY_FILE);
		return st;
	}
	return factorkey_check(db, dir, err, errsz);
}

static void
fk_ad(long long account_id, unsigned char ad[8])
{
	uint64_t v = (uint64_t)account_id;

	for (int i = 0; i < 8; i++)
		ad[i] = (unsigned char)(v >> (8 * i));
}

dm_status
factorkey_seal(long long account_id, const unsigned char *secret,
    size_t len, unsigned char *out)
{
	unsigned char ad[8];

	if (!fk_loaded)
		return DM_EINTERNAL;
	fk_ad(account_id, ad);
	out[0] = FACTORKEY_FORMAT;
	randombytes_buf(out + 1, FK_NONCE);
	crypto_aead_xchacha20poly1305_ietf_encrypt(out + 1 + FK_NONCE, NULL,
	    secret, len, ad, sizeof(ad), NULL, out + 1, fk_key);
	return DM_OK;
}

dm_status
factorkey_open(long long account_id, const unsigned char *in, size_t inlen,
    unsigned char *out, size_t len)
{
	unsigned char ad[8];

	if (!fk_loaded)
		return DM_EINTERNAL;
	fk_ad(account_id, ad);
	if (inlen != len + FACTORKEY_OVERHEAD || in[0] != FACTORKEY_FORMAT ||
	    crypto_aead_xchacha20poly1305_ietf_decrypt(out, NULL, NULL,
	    in + 1 + FK_NONCE, inlen - 1 - FK_NONCE, ad, sizeof(ad), in + 1,
	    fk_key) != 0) {
		sodium_memzero(out, len);
		log_error("factorkey: the second factor of account %lld does "
		    "not open with this node's key", account_id);
		return DM_EINPUT;
	}
	return DM_OK;
}
