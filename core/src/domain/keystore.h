/*
 * keystore.h - the municipality's seal keys, generation by generation.
 * Owns: the key folder's layout (one folder per generation, "current"
 * pointing at the one that seals), making a generation (Ed25519 pair and
 * X.509 seal certificate, from a trust service provider or the local
 * demo CA), rotation, and the seal_keys table where every generation's
 * public key and certificate stay, with when it was in use.
 */
#ifndef DIMOS_KEYSTORE_H
#define DIMOS_KEYSTORE_H

#include <stddef.h>
#include <time.h>

#include "dimos/plugin.h"
#include "seal.h"

struct db;
struct pades_key;

/*
 * The key folder (documents.key_dir):
 *
 *	current			symlink to the generation that seals
 *	<id>/seal.key		Ed25519 secret key (seal.h format), 0600
 *	<id>/seal.pub		Ed25519 public key
 *	<id>/seal.crt		X.509 seal certificate (PEM), then the
 *				certificates that issued it
 *	<id>/seal-cert.key	the certificate's private key (PEM), 0600
 *	demo-ca.crt, demo-ca.key  the demo CA (local stack only)
 *	factor.key		the key of the staff's TOTP secrets
 *				(factorkey.h), 0600: not a seal key, kept
 *				here so that it travels with them (backup,
 *				restore, a new node's copy)
 *
 * <id> is the key id: the hex of the first 8 bytes of the Ed25519 public
 * key, recorded with every document. A retired generation keeps only its
 * public files. A folder from before generations (seal.key and seal.pub
 * at the top, no certificate) still loads: it seals without a PDF
 * signature until the first rotation.
 */
#define KEYSTORE_ID_SIZE	17
#define KEYSTORE_CURRENT	"current"
#define KEYSTORE_CERT_FILE	"seal.crt"
#define KEYSTORE_CERT_KEY_FILE	"seal-cert.key"
#define KEYSTORE_CA_FILE	"demo-ca.crt"
#define KEYSTORE_CA_KEY_FILE	"demo-ca.key"
#define KEYSTORE_FACTOR_KEY_FILE "factor.key"

/* The generation that seals, as a worker holds it. */
struct keystore_gen {
	char			 id[KEYSTORE_ID_SIZE];
	struct seal_key		 ed;
	struct pades_key	*pades;		/* NULL: no certificate */
};

/*
 * Loads the current generation of dir. DM_ENOTFOUND if there is none;
 * otherwise as seal_load() and pades_key_load() (a certificate file
 * without its key, or the reverse, is DM_EINPUT). Logged.
 */
dm_status	keystore_load(const char *dir, struct keystore_gen *g);
void		keystore_free(struct keystore_gen *g);
/* Whether dir holds a current generation (either layout): what "keys
 * init" would refuse to replace. */
int		keystore_present(const char *dir);

/* Where the seal certificate of a new generation comes from. */
struct keystore_new {
	const char	*cert_file;	/* PEM chain from a trust service
					   provider; NULL: the demo CA */
	const char	*cert_key_file;	/* its private key (PEM) */
	const char	*name;		/* the municipality, for the demo */
	const char	*owner;		/* user who must read the secrets
					   (server.user), or NULL */
};

/*
 * Makes the first generation (and, without cert_file, the demo CA).
 * DM_ECONFLICT if dir already has one. The new id in id.
 */
dm_status	keystore_init(const char *dir, const struct keystore_new *n,
		    char id[KEYSTORE_ID_SIZE]);

/*
 * Makes a new generation and points "current" at it; the previous one
 * keeps its public files only. Without cert_file the demo CA of dir
 * issues the certificate (DM_ENOTFOUND if there is none). old gets the
 * previous id ("" if there was none), id the new one.
 */
dm_status	keystore_rotate(const char *dir, const struct keystore_new *n,
		    char old[KEYSTORE_ID_SIZE], char id[KEYSTORE_ID_SIZE]);

/*
 * Gives a key folder to the service user owner as `keys init` run as root
 * leaves it for server.user: the folder 0700, the second factor's key and
 * every generation's secret files (seal.key, seal-cert.key) 0600, owned
 * by owner and its group; the public files, the generation folders and the demo CA stay
 * as they are. For dimosctl restore, which writes every file as the user
 * who runs it. DM_OK without doing anything when not run as root or
 * owner is NULL or ""; DM_ENOTFOUND for an unknown user; DM_EINPUT when a
 * secret's name is not a plain file. Logged.
 */
dm_status	keystore_give(const char *dir, const char *owner);

/* dir/name given to owner (as root; otherwise DM_OK, nothing done). */
dm_status	keystore_give_file(const char *dir, const char *name,
		    const char *owner);

/*
 * Records a generation in seal_keys unless it is there; a row made before
 * its certificate was known gets it. Idempotent.
 */
dm_status	keystore_register(struct db *db, const struct keystore_gen *g);
/*
 * Whether g is the generation the database records as sealing (the newest
 * not retired): every node of a cluster must seal with the same key and
 * certificate. DM_OK when it is, or when nothing is recorded yet (the
 * first worker records it); DM_ECONFLICT when the node's key or
 * certificate differs from the recorded one, or g is NULL (no key) while
 * one is recorded, with the reason in err; another status if the
 * database cannot be read.
 */
dm_status	keystore_check(struct db *db, const struct keystore_gen *g,
		    char *err, size_t errsz);
/* Marks id retired (now) unless it already is. */
dm_status	keystore_retire(struct db *db, const char *id);

/* A generation as recorded: what verification needs. */
struct keystore_pub {
	char		 id[KEYSTORE_ID_SIZE];
	unsigned char	 pk[SEAL_PUBLICKEY_BYTES];
	unsigned char	*cert;		/* DER, or NULL */
	size_t		 certlen;
	unsigned char	*chain;		/* DER, one after another */
	size_t		 chainlen;
	char		 activated[32];	/* "YYYY-MM-DD HH:MM:SS" UTC */
	char		 retired[32];	/* "" while in use */
};

/*
 * The recorded generation id. Rows never change once retired, so a
 * worker keeps what it read (the copy is borrowed from that cache,
 * valid until keystore_cache_clear()). DM_ENOTFOUND if unknown.
 */
dm_status	keystore_lookup(struct db *db, const char *id,
		    const struct keystore_pub **out);
void		keystore_cache_clear(void);

/* Every generation, oldest first: for dimosctl. */
typedef void	(*keystore_row_fn)(void *arg, const struct keystore_pub *p);
dm_status	keystore_list(struct db *db, keystore_row_fn fn, void *arg);

#endif /* DIMOS_KEYSTORE_H */
