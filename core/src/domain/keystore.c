/*
 * keystore.c - the municipality's seal keys, generation by generation.
 * Owns: the generations in the key folder (layout in keystore.h), the
 * demo CA, the X.509 seal certificates it issues, rotation, and every SQL
 * statement about seal_keys.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "db.h"
#include "keystore.h"
#include "log.h"
#include "pades.h"

#define KS_PEM_MAX	(256 * 1024)	/* a certificate chain in PEM */
#define KS_CA_DAYS	3650
#define KS_SEAL_DAYS	825		/* the most browsers' rules allow;
					   a seal is rotated well before */
#define KS_CACHE	32

static void
ks_ssl_error(const char *what)
{
	unsigned long	 e = ERR_get_error();
	char		 buf[256];

	if (e != 0) {
		ERR_error_string_n(e, buf, sizeof(buf));
		log_error("keystore: %s: %s", what, buf);
	} else
		log_error("keystore: %s", what);
	ERR_clear_error();
}

static int
ks_exists(const char *path)
{
	struct stat	 sb;

	return lstat(path, &sb) == 0;
}

/* The generation folder "current" names, or dir itself for the old layout. */
static char *
ks_current_dir(const char *dir)
{
	char	*cur = seal_path(dir, KEYSTORE_CURRENT), *p;

	if (ks_exists(cur))
		return cur;
	free(cur);
	p = seal_path(dir, SEAL_KEY_FILE);
	if (ks_exists(p)) {
		free(p);
		return strdup(dir);
	}
	free(p);
	return NULL;
}

int
keystore_present(const char *dir)
{
	char	*gdir = ks_current_dir(dir);
	int	 found = gdir != NULL;

	free(gdir);
	return found;
}

void
keystore_free(struct keystore_gen *g)
{
	seal_key_wipe(&g->ed);
	pades_key_free(g->pades);
	g->pades = NULL;
	g->id[0] = '\0';
}

dm_status
keystore_load(const char *dir, struct keystore_gen *g)
{
	char		*gdir, *cp = NULL, *kp = NULL, *chain = NULL;
	char		*key = NULL;
	size_t		 clen = 0, klen = 0;
	int		 hc, hk;
	dm_status	 st;

	memset(g, 0, sizeof(*g));
	if ((gdir = ks_current_dir(dir)) == NULL) {
		log_error("keystore: %s holds no seal key (dimosctl keys init)",
		    dir);
		return DM_ENOTFOUND;
	}
	if ((st = seal_load(gdir, &g->ed)) != DM_OK)
		goto out;
	seal_hex(g->ed.pk, 8, g->id);
	cp = seal_path(gdir, KEYSTORE_CERT_FILE);
	kp = seal_path(gdir, KEYSTORE_CERT_KEY_FILE);
	hc = ks_exists(cp);
	hk = ks_exists(kp);
	if (!hc && !hk) {
		log_warn("keystore: %s has no seal certificate: documents carry "
		    "no PDF signature until 'dimosctl keys rotate'", gdir);
		goto out;
	}
	if (hc != hk) {
		log_error("keystore: %s has %s but not %s", gdir, hc ? cp : kp,
		    hc ? kp : cp);
		st = DM_EINPUT;
		goto out;
	}
	if ((st = seal_read_file(cp, 0, KS_PEM_MAX, &chain, &clen)) != DM_OK ||
	    (st = seal_read_file(kp, 1, KS_PEM_MAX, &key, &klen)) != DM_OK)
		goto out;
	if ((st = pades_key_load(chain, clen, key, klen, &g->pades)) != DM_OK)
		log_error("keystore: the seal certificate in %s is not usable "
		    "(see above)", gdir);
out:
	if (key != NULL) {
		OPENSSL_cleanse(key, klen);
		free(key);
	}
	free(chain);
	free(cp);
	free(kp);
	free(gdir);
	if (st != DM_OK)
		keystore_free(g);
	return st;
}

/* ------------------------------------------------------ certificates */

static int
ks_name_add(X509_NAME *n, const char *field, const char *value)
{
	return X509_NAME_add_entry_by_txt(n, field, MBSTRING_UTF8,
	    (const unsigned char *)value, -1, -1, 0) == 1;
}

static int
ks_ext(X509 *x, X509V3_CTX *ctx, int nid, const char *value)
{
	X509_EXTENSION	*e;
	int		 ok;

	if ((e = X509V3_EXT_conf_nid(NULL, ctx, nid, value)) == NULL)
		return 0;
	ok = X509_add_ext(x, e, -1) == 1;
	X509_EXTENSION_free(e);
	return ok;
}

/*
 * A certificate for key, named C=GR, O=org, CN=cn, valid for days, issued
 * by issuer (NULL: self-signed) with ikey. ca: a CA, else a seal
 * (digitalSignature and nonRepudiation, as EN 319 412-3 asks of seals).
 */
static X509 *
ks_issue(EVP_PKEY *key, X509 *issuer, EVP_PKEY *ikey, const char *org,
    const char *cn, int days, int ca)
{
	unsigned char	 rnd[16];
	X509_NAME	*name = NULL;
	X509V3_CTX	 ctx;
	BIGNUM		*bn = NULL;
	X509		*x;

	if ((x = X509_new()) == NULL || X509_set_version(x, 2) != 1)
		goto fail;
	/* A positive 127-bit random serial (RFC 5280 4.1.2.2). */
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		goto fail;
	rnd[0] &= 0x7f;
	rnd[0] |= 0x01;
	if ((bn = BN_bin2bn(rnd, sizeof(rnd), NULL)) == NULL ||
	    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x)) == NULL)
		goto fail;
	if (X509_gmtime_adj(X509_getm_notBefore(x), -3600) == NULL ||
	    X509_time_adj_ex(X509_getm_notAfter(x), days, 0, NULL) == NULL ||
	    X509_set_pubkey(x, key) != 1)
		goto fail;
	if ((name = X509_NAME_new()) == NULL || !ks_name_add(name, "C", "GR") ||
	    !ks_name_add(name, "O", org) || !ks_name_add(name, "CN", cn) ||
	    X509_set_subject_name(x, name) != 1 ||
	    X509_set_issuer_name(x, issuer != NULL ?
	    X509_get_subject_name(issuer) : name) != 1)
		goto fail;
	X509V3_set_ctx(&ctx, issuer != NULL ? issuer : x, x, NULL, NULL, 0);
	if (!ks_ext(x, &ctx, NID_basic_constraints, ca ? "critical,CA:TRUE" :
	    "critical,CA:FALSE") ||
	    !ks_ext(x, &ctx, NID_key_usage, ca ? "critical,keyCertSign,cRLSign" :
	    "critical,digitalSignature,nonRepudiation") ||
	    !ks_ext(x, &ctx, NID_subject_key_identifier, "hash") ||
	    !ks_ext(x, &ctx, NID_authority_key_identifier, "keyid:always"))
		goto fail;
	if (X509_sign(x, ikey != NULL ? ikey : key, EVP_sha256()) <= 0)
		goto fail;
	X509_NAME_free(name);
	BN_free(bn);
	return x;
fail:
	ks_ssl_error("cannot make a certificate");
	X509_NAME_free(name);
	BN_free(bn);
	X509_free(x);
	return NULL;
}

/* PEM of a certificate or a private key, in memory. */
static char *
ks_pem(X509 *x, EVP_PKEY *k, size_t *len)
{
	BIO	*bio;
	char	*data, *out = NULL;
	long	 n;

	if ((bio = BIO_new(BIO_s_mem())) == NULL)
		log_fatal("out of memory");
	if ((x != NULL ? PEM_write_bio_X509(bio, x) :
	    PEM_write_bio_PrivateKey(bio, k, NULL, NULL, 0, NULL, NULL)) == 1 &&
	    (n = BIO_get_mem_data(bio, &data)) > 0) {
		if ((out = malloc((size_t)n)) == NULL)
			log_fatal("out of memory");
		memcpy(out, data, (size_t)n);
		*len = (size_t)n;
	}
	BIO_free(bio);
	return out;
}

/* Gives a secret file to the service user when we run as root. */
dm_status
keystore_give_file(const char *dir, const char *name, const char *owner)
{
	struct passwd	*pw;
	char		*p;
	dm_status	 st = DM_OK;

	if (owner == NULL || getuid() != 0)
		return DM_OK;
	p = seal_path(dir, name);
	if ((pw = getpwnam(owner)) == NULL ||
	    chown(p, pw->pw_uid, pw->pw_gid) != 0) {
		log_error("keystore: cannot give %s to %s", p, owner);
		st = DM_EINTERNAL;
	}
	free(p);
	return st;
}

/* The secret files of one folder (a generation, or the top: the factor
 * key, and the seal of a folder from before generations), if there: pw's,
 * 0600. */
static dm_status
ks_give_secrets(const char *dir, const struct passwd *pw)
{
	static const char *const secrets[] = { SEAL_KEY_FILE,
	    KEYSTORE_CERT_KEY_FILE, KEYSTORE_FACTOR_KEY_FILE };
	struct stat	 sb;
	dm_status	 st = DM_OK;

	for (size_t i = 0; st == DM_OK && i < sizeof(secrets) /
	    sizeof(secrets[0]); i++) {
		char *p = seal_path(dir, secrets[i]);

		if (lstat(p, &sb) != 0) {
			if (errno != ENOENT) {
				log_error("keystore: %s: %s", p,
				    strerror(errno));
				st = DM_EINTERNAL;
			}
		} else if (!S_ISREG(sb.st_mode)) {
			log_error("keystore: %s is not a file", p);
			st = DM_EINPUT;
		} else if (chown(p, pw->pw_uid, pw->pw_gid) != 0 ||
		    chmod(p, 0600) != 0) {
			log_error("keystore: cannot give %s to %s: %s", p,
			    pw->pw_name, strerror(errno));
			st = DM_EINTERNAL;
		}
		free(p);
	}
	return st;
}

dm_status
keystore_give(const char *dir, const char *owner)
{
	struct passwd	*pw;
	struct dirent	*e;
	struct stat	 sb;
	DIR		*d;
	dm_status	 st;

	if (owner == NULL || owner[0] == '\0' || getuid() != 0)
		return DM_OK;
	if ((pw = getpwnam(owner)) == NULL) {
		log_error("keystore: no user %s", owner);
		return DM_ENOTFOUND;
	}
	if (chown(dir, pw->pw_uid, pw->pw_gid) != 0 || chmod(dir, 0700) != 0 ||
	    (d = opendir(dir)) == NULL) {
		log_error("keystore: cannot give %s to %s: %s", dir, owner,
		    strerror(errno));
		return DM_EINTERNAL;
	}
	st = ks_give_secrets(dir, pw);
	while (st == DM_OK && (e = readdir(d)) != NULL) {
		char *p;

		if (e->d_name[0] == '.')
			continue;
		p = seal_path(dir, e->d_name);
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
			st = ks_give_secrets(p, pw);
		free(p);
	}
	closedir(d);
	return st;
}

static dm_status
ks_write_pem(const char *dir, const char *name, X509 *x, EVP_PKEY *k,
    const char *extra, size_t extralen)
{
	char		*pem, *all;
	size_t		 len = 0;
	dm_status	 st;

	if ((pem = ks_pem(x, k, &len)) == NULL) {
		ks_ssl_error("cannot encode PEM");
		return DM_EINTERNAL;
	}
	if ((all = realloc(pem, len + extralen)) == NULL)
		log_fatal("out of memory");
	if (extralen > 0)
		memcpy(all + len, extra, extralen);
	st = seal_write_file(dir, name, all, len + extralen, k != NULL ?
	    0600 : 0644, 0);
	OPENSSL_cleanse(all, len + extralen);
	free(all);
	return st;
}

/* The demo CA of dir, made if needed: C=GR, O=name, CN=... Demo CA. */
static dm_status
ks_demo_ca(const char *dir, const char *name, int make, X509 **ca,
    EVP_PKEY **cakey)
{
	char		*cp = seal_path(dir, KEYSTORE_CA_FILE);
	char		*kp = seal_path(dir, KEYSTORE_CA_KEY_FILE);
	char		*pem = NULL, *cn = NULL;
	size_t		 len;
	BIO		*bio;
	dm_status	 st = DM_EINTERNAL;

	*ca = NULL;
	*cakey = NULL;
	if (!ks_exists(cp)) {
		if (!make) {
			log_error("keystore: no demo CA in %s: give the "
			    "certificate a trust service provider issued "
			    "(--cert, --cert-key)", dir);
			st = DM_ENOTFOUND;
			goto out;
		}
		if (asprintf(&cn, "%s - Demo CA (not for production)",
		    name) < 0)
			log_fatal("out of memory");
		if ((*cakey = EVP_EC_gen("P-256")) == NULL ||
		    (*ca = ks_issue(*cakey, NULL, NULL, name, cn, KS_CA_DAYS,
		    1)) == NULL)
			goto out;
		if ((st = ks_write_pem(dir, KEYSTORE_CA_KEY_FILE, NULL, *cakey,
		    NULL, 0)) != DM_OK ||
		    (st = ks_write_pem(dir, KEYSTORE_CA_FILE, *ca, NULL, NULL,
		    0)) != DM_OK)
			goto out;
		log_info("keystore: made the demo CA %s", cp);
		st = DM_OK;
		goto out;
	}
	if ((st = seal_read_file(cp, 0, KS_PEM_MAX, &pem, &len)) != DM_OK)
		goto out;
	bio = BIO_new_mem_buf(pem, (int)len);
	*ca = bio ? PEM_read_bio_X509(bio, NULL, NULL, NULL) : NULL;
	BIO_free(bio);
	free(pem);
	pem = NULL;
	if ((st = seal_read_file(kp, 1, KS_PEM_MAX, &pem, &len)) != DM_OK)
		goto out;
	bio = BIO_new_mem_buf(pem, (int)len);
	*cakey = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
	BIO_free(bio);
	st = DM_OK;
	if (*ca == NULL || *cakey == NULL ||
	    X509_check_private_key(*ca, *cakey) != 1) {
		ks_ssl_error("the demo CA files do not hold a certificate and "
		    "its key");
		st = DM_EINPUT;
	}
out:
	if (pem != NULL) {
		OPENSSL_cleanse(pem, len);
		free(pem);
	}
	if (st != DM_OK) {
		X509_free(*ca);
		EVP_PKEY_free(*cakey);
		*ca = NULL;
		*cakey = NULL;
	}
	free(cn);
	free(cp);
	free(kp);
	return st;
}

/* The seal certificate of a new generation in gdir. */
static dm_status
ks_cert(const char *dir, const char *gdir, const struct keystore_new *n,
    int make_ca)
{
	struct pades_key	*pk = NULL;
	EVP_PKEY		*key = NULL, *cakey = NULL;
	X509			*ca = NULL, *x = NULL;
	char			*chain = NULL, *kpem = NULL, *capem = NULL;
	size_t			 clen = 0, klen = 0, calen = 0;
	dm_status		 st;

	if (n->cert_file != NULL) {
		/* From a trust service provider: checked, then copied. */
		if (n->cert_key_file == NULL) {
			log_error("keystore: a certificate needs its private "
			    "key (--cert-key)");
			return DM_EINPUT;
		}
		if ((st = seal_read_file(n->cert_file, 0, KS_PEM_MAX, &chain,
		    &clen)) != DM_OK ||
		    (st = seal_read_file(n->cert_key_file, 1, KS_PEM_MAX, &kpem,
		    &klen)) != DM_OK)
			goto out;
		if ((st = pades_key_load(chain, clen, kpem, klen, &pk)) !=
		    DM_OK)
			goto out;
		if ((st = seal_write_file(gdir, KEYSTORE_CERT_KEY_FILE, kpem,
		    klen, 0600, 0)) != DM_OK ||
		    (st = seal_write_file(gdir, KEYSTORE_CERT_FILE, chain, clen,
		    0644, 0)) != DM_OK)
			goto out;
	} else {
		if ((st = ks_demo_ca(dir, n->name, make_ca, &ca, &cakey)) !=
		    DM_OK)
			goto out;
		st = DM_EINTERNAL;
		if ((key = EVP_EC_gen("P-256")) == NULL ||
		    (x = ks_issue(key, ca, cakey, n->name, n->name,
		    KS_SEAL_DAYS, 0)) == NULL ||
		    (capem = ks_pem(ca, NULL, &calen)) == NULL)
			goto out;
		if ((st = ks_write_pem(gdir, KEYSTORE_CERT_KEY_FILE, NULL, key,
		    NULL, 0)) != DM_OK ||
		    (st = ks_write_pem(gdir, KEYSTORE_CERT_FILE, x, NULL, capem,
		    calen)) != DM_OK)
			goto out;
	}
	st = keystore_give_file(gdir, KEYSTORE_CERT_KEY_FILE, n->owner);
out:
	if (kpem != NULL) {
		OPENSSL_cleanse(kpem, klen);
		free(kpem);
	}
	free(chain);
	free(capem);
	pades_key_free(pk);
	EVP_PKEY_free(key);
	EVP_PKEY_free(cakey);
	X509_free(ca);
	X509_free(x);
	return st;
}

/* Points dir/current at the generation id, atomically. */
static dm_status
ks_point(const char *dir, const char *id)
{
	char		*tmp, *cur = seal_path(dir, KEYSTORE_CURRENT);
	dm_status	 st = DM_OK;

	if (asprintf(&tmp, "%s/.current.%ld", dir, (long)getpid()) < 0)
		log_fatal("out of memory");
	unlink(tmp);
	if (symlink(id, tmp) != 0 || rename(tmp, cur) != 0) {
		log_error("keystore: cannot point %s at %s: %s", cur, id,
		    strerror(errno));
		unlink(tmp);
		st = DM_EINTERNAL;
	}
	free(tmp);
	free(cur);
	return st;
}

/* Removes a file holding a secret, overwriting it first. */
static void
ks_shred(const char *dir, const char *name)
{
	struct stat	 sb;
	char		*p = seal_path(dir, name), zero[512];
	int		 fd;

	memset(zero, 0, sizeof(zero));
	if ((fd = open(p, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)) >= 0) {
		if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
			for (off_t o = 0; o < sb.st_size;
			    o += (off_t)sizeof(zero))
				if (write(fd, zero, sizeof(zero)) < 0)
					break;
		fsync(fd);
		close(fd);
	}
	if (unlink(p) != 0 && errno != ENOENT)
		log_error("keystore: cannot remove %s: %s", p, strerror(errno));
	free(p);
}

/*
 * A new generation: keys made in a private temporary folder, renamed to
 * its id once complete, then made current.
 */
static dm_status
ks_make(const char *dir, const struct keystore_new *n, int make_ca,
    char id[KEYSTORE_ID_SIZE])
{
	struct seal_key	 ed;
	char		*tmp, *gdir = NULL;
	dm_status	 st;

	if (asprintf(&tmp, "%s/.new.XXXXXX", dir) < 0)
		log_fatal("out of memory");
	if (mkdtemp(tmp) == NULL) {
		log_error("keystore: cannot make a folder in %s: %s", dir,
		    strerror(errno));
		free(tmp);
		return DM_EINTERNAL;
	}
	if ((st = seal_keys_init(tmp, 0)) != DM_OK ||
	    (st = seal_load(tmp, &ed)) != DM_OK)
		goto fail;
	seal_hex(ed.pk, 8, id);
	seal_key_wipe(&ed);
	if ((st = keystore_give_file(tmp, SEAL_KEY_FILE, n->owner)) != DM_OK ||
	    (st = ks_cert(dir, tmp, n, make_ca)) != DM_OK)
		goto fail;
	gdir = seal_path(dir, id);
	if (chmod(tmp, 0755) != 0 || rename(tmp, gdir) != 0) {
		log_error("keystore: cannot make %s: %s", gdir, strerror(errno));
		st = DM_EINTERNAL;
		goto fail;
	}
	seal_sync_dir(gdir);
	if ((st = ks_point(dir, id)) != DM_OK)
		goto out;
	seal_sync_dir(dir);
	goto out;
fail:
	ks_shred(tmp, SEAL_KEY_FILE);
	ks_shred(tmp, KEYSTORE_CERT_KEY_FILE);
	ks_shred(tmp, SEAL_PUB_FILE);
	ks_shred(tmp, KEYSTORE_CERT_FILE);
	rmdir(tmp);
out:
	free(tmp);
	free(gdir);
	return st;
}

dm_status
keystore_init(const char *dir, const struct keystore_new *n,
    char id[KEYSTORE_ID_SIZE])
{
	char	*cur;

	id[0] = '\0';
	if ((cur = ks_current_dir(dir)) != NULL) {
		log_error("keystore: %s already holds a seal key; "
		    "'dimosctl keys rotate' replaces it and keeps the old one "
		    "for verification", dir);
		free(cur);
		return DM_ECONFLICT;
	}
	return ks_make(dir, n, 1, id);
}

dm_status
keystore_rotate(const char *dir, const struct keystore_new *n,
    char old[KEYSTORE_ID_SIZE], char id[KEYSTORE_ID_SIZE])
{
	struct seal_key	 ed;
	char		*cur, *odir = NULL, *from = NULL, *to = NULL;
	int		 legacy;
	dm_status	 st;

	old[0] = id[0] = '\0';
	if ((cur = ks_current_dir(dir)) == NULL)
		return keystore_init(dir, n, id);
	legacy = strcmp(cur, dir) == 0;
	if ((st = seal_load(cur, &ed)) != DM_OK) {
		free(cur);
		return st;
	}
	seal_hex(ed.pk, 8, old);
	seal_key_wipe(&ed);
	if ((st = ks_make(dir, n, 0, id)) != DM_OK)
		goto out;
	/* The old generation keeps its public files only. */
	odir = seal_path(dir, old);
	if (legacy) {
		from = seal_path(dir, SEAL_PUB_FILE);
		to = seal_path(odir, SEAL_PUB_FILE);
		if ((mkdir(odir, 0755) != 0 && errno != EEXIST) ||
		    rename(from, to) != 0)
			log_error("keystore: cannot move %s to %s: %s", from, to,
			    strerror(errno));
		ks_shred(dir, SEAL_KEY_FILE);
	} else {
		ks_shred(odir, SEAL_KEY_FILE);
		ks_shred(odir, KEYSTORE_CERT_KEY_FILE);
	}
	seal_sync_dir(odir);
out:
	free(cur);
	free(odir);
	free(from);
	free(to);
	return st;
}

/* --------------------------------------------------------- database */

dm_status
keystore_register(struct db *db, const struct keystore_gen *g)
{
	struct pades_cert_info	 ci;
	const unsigned char	*cert = NULL, *chain = NULL;
	size_t			 certlen = 0, chainlen = 0;
	char			 nb[32] = "", na[32] = "";
	struct tm		 tm;
	dm_status		 st;

	memset(&ci, 0, sizeof(ci));
	if (g->pades != NULL) {
		cert = pades_cert_der(g->pades, &certlen);
		chain = pades_chain_der(g->pades, &chainlen);
		if ((st = pades_cert_info(cert, certlen, &ci)) != DM_OK)
			return st;
		gmtime_r(&ci.not_before, &tm);
		strftime(nb, sizeof(nb), "%Y-%m-%d %H:%M:%S", &tm);
		gmtime_r(&ci.not_after, &tm);
		strftime(na, sizeof(na), "%Y-%m-%d %H:%M:%S", &tm);
	}
	st = db_exec(db, "INSERT INTO seal_keys (key_id, public_key, "
	    "certificate, chain, cert_subject, cert_issuer, cert_serial, "
	    "cert_not_before, cert_not_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?) ON DUPLICATE KEY UPDATE "
	    "chain = IF(certificate IS NULL, VALUES(chain), chain), "
	    "cert_subject = IF(certificate IS NULL, VALUES(cert_subject), "
	    "cert_subject), "
	    "cert_issuer = IF(certificate IS NULL, VALUES(cert_issuer), "
	    "cert_issuer), "
	    "cert_serial = IF(certificate IS NULL, VALUES(cert_serial), "
	    "cert_serial), "
	    "cert_not_before = IF(certificate IS NULL, "
	    "VALUES(cert_not_before), cert_not_before), "
	    "cert_not_after = IF(certificate IS NULL, VALUES(cert_not_after), "
	    "cert_not_after), "
	    "certificate = IFNULL(certificate, VALUES(certificate))",
	    (struct dm_value[]){ DM_VTEXT(g->id),
	    DM_VBLOB((const char *)g->ed.pk, sizeof(g->ed.pk)),
	    cert ? DM_VBLOB((const char *)cert, certlen) : DM_VNULL,
	    chain && chainlen ? DM_VBLOB((const char *)chain, chainlen) :
	    DM_VNULL, DM_VTEXT(cert ? ci.subject : NULL),
	    DM_VTEXT(cert ? ci.issuer : NULL), DM_VTEXT(cert ? ci.serial : NULL),
	    DM_VTEXT(cert ? nb : NULL), DM_VTEXT(cert ? na : NULL) }, 9, NULL,
	    NULL);
	return st;
}

struct check_row {
	char		 id[KEYSTORE_ID_SIZE];
	unsigned char	 pk[SEAL_PUBLICKEY_BYTES];
	unsigned char	 sha[SEAL_HASH_BYTES];	/* of the certificate */
	int		 has_cert;
	int		 found;
};

static dm_status
check_row(void *arg, const struct dm_value *c, size_t n)
{
	struct check_row *r = arg;

	if (n < 3 || c[0].type != DM_V_TEXT || c[1].type != DM_V_BLOB ||
	    c[1].len != sizeof(r->pk))
		return DM_EINTERNAL;
	snprintf(r->id, sizeof(r->id), "%.*s", (int)c[0].len, c[0].s);
	memcpy(r->pk, c[1].s, sizeof(r->pk));
	r->has_cert = c[2].type == DM_V_BLOB;
	if (r->has_cert)
		seal_sha256(c[2].s, c[2].len, r->sha);
	r->found = 1;
	return DM_OK;
}

dm_status
keystore_check(struct db *db, const struct keystore_gen *g, char *err,
    size_t errsz)
{
	struct check_row r;
	dm_status st;

	memset(&r, 0, sizeof(r));
	err[0] = '\0';
	if ((st = db_query(db, "SELECT key_id, public_key, certificate FROM "
	    "seal_keys WHERE retired_at IS NULL ORDER BY activated_at DESC, "
	    "key_id LIMIT 1", NULL, 0, check_row, &r)) != DM_OK)
		return st;
	if (!r.found)
		return DM_OK;
	if (g == NULL) {
		snprintf(err, errsz, "this node has no seal key, but the "
		    "database records generation %s as the one that seals: "
		    "copy the key folder (documents.key_dir) from a node that "
		    "has it", r.id);
		return DM_ECONFLICT;
	}
	if (strcmp(r.id, g->id) != 0 ||
	    memcmp(r.pk, g->ed.pk, sizeof(r.pk)) != 0) {
		snprintf(err, errsz, "the seal key of this node (generation "
		    "%s) is not the one the database records as sealing "
		    "(generation %s): every node must seal with the same key; "
		    "copy the key folder (documents.key_dir) from a node that "
		    "has generation %s", g->id, r.id, r.id);
		return DM_ECONFLICT;
	}
	if (r.has_cert) {
		const unsigned char *der = NULL;
		size_t len = 0;
		unsigned char sha[SEAL_HASH_BYTES];

		if (g->pades != NULL)
			der = pades_cert_der(g->pades, &len);
		if (der != NULL)
			seal_sha256(der, len, sha);
		if (der == NULL || memcmp(sha, r.sha, sizeof(sha)) != 0) {
			snprintf(err, errsz, "the seal certificate of this "
			    "node (generation %s) is %s the one recorded in "
			    "the database: copy %s/%s/%s from a node that "
			    "seals", g->id, der == NULL ? "missing, unlike" :
			    "not", "documents.key_dir", g->id,
			    KEYSTORE_CERT_FILE);
			return DM_ECONFLICT;
		}
	}
	return DM_OK;
}

dm_status
keystore_retire(struct db *db, const char *id)
{
	return db_exec(db, "UPDATE seal_keys SET retired_at = "
	    "UTC_TIMESTAMP(6) WHERE key_id = ? AND retired_at IS NULL",
	    (struct dm_value[]){ DM_VTEXT(id) }, 1, NULL, NULL);
}

#define KS_COLUMNS "key_id, public_key, certificate, chain, " \
    "DATE_FORMAT(activated_at, '%Y-%m-%d %H:%i:%s'), " \
    "IFNULL(DATE_FORMAT(retired_at, '%Y-%m-%d %H:%i:%s'), '')"

static void
ks_pub_free(struct keystore_pub *p)
{
	free(p->cert);
	free(p->chain);
	memset(p, 0, sizeof(*p));
}

static unsigned char *
ks_blob(const struct dm_value *v, size_t *len)
{
	unsigned char	*p;

	*len = 0;
	if (v->type != DM_V_BLOB || v->len == 0)
		return NULL;
	if ((p = malloc(v->len)) == NULL)
		log_fatal("out of memory");
	memcpy(p, v->s, v->len);
	*len = v->len;
	return p;
}

static dm_status
ks_row(const struct dm_value *c, size_t n, struct keystore_pub *p)
{
	memset(p, 0, sizeof(*p));
	if (n < 6 || c[0].type != DM_V_TEXT || c[0].len != 16 ||
	    c[1].len != SEAL_PUBLICKEY_BYTES)
		return DM_EINTERNAL;
	memcpy(p->id, c[0].s, 16);
	memcpy(p->pk, c[1].s, SEAL_PUBLICKEY_BYTES);
	p->cert = ks_blob(&c[2], &p->certlen);
	p->chain = ks_blob(&c[3], &p->chainlen);
	snprintf(p->activated, sizeof(p->activated), "%.*s", (int)c[4].len,
	    c[4].s ? c[4].s : "");
	snprintf(p->retired, sizeof(p->retired), "%.*s", (int)c[5].len,
	    c[5].s ? c[5].s : "");
	return DM_OK;
}

/*
 * Retired generations never change again, so a worker keeps them; the
 * current one is read each time (its retirement is news).
 */
static struct {
	struct keystore_pub	 kept[KS_CACHE];
	size_t			 n;
	struct keystore_pub	 last;		/* the last current one read */
} ks_cache;

void
keystore_cache_clear(void)
{
	for (size_t i = 0; i < ks_cache.n; i++)
		ks_pub_free(&ks_cache.kept[i]);
	ks_cache.n = 0;
	ks_pub_free(&ks_cache.last);
}

struct ks_one {
	struct keystore_pub	 p;
	int			 found;
	dm_status		 st;
};

static dm_status
ks_one_row(void *arg, const struct dm_value *c, size_t n)
{
	struct ks_one	*o = arg;

	o->found = 1;
	return o->st = ks_row(c, n, &o->p);
}

dm_status
keystore_lookup(struct db *db, const char *id, const struct keystore_pub **out)
{
	struct ks_one	 o;
	dm_status	 st;

	*out = NULL;
	if (id == NULL || strlen(id) != 16)
		return DM_ENOTFOUND;
	for (size_t i = 0; i < ks_cache.n; i++)
		if (strcmp(ks_cache.kept[i].id, id) == 0) {
			*out = &ks_cache.kept[i];
			return DM_OK;
		}
	memset(&o, 0, sizeof(o));
	st = db_query(db, "SELECT " KS_COLUMNS " FROM seal_keys WHERE "
	    "key_id = ?", (struct dm_value[]){ DM_VTEXT(id) }, 1, ks_one_row,
	    &o);
	if (st != DM_OK) {
		ks_pub_free(&o.p);
		return st;
	}
	if (!o.found)
		return DM_ENOTFOUND;
	if (o.p.retired[0] != '\0' && ks_cache.n < KS_CACHE) {
		ks_cache.kept[ks_cache.n] = o.p;
		*out = &ks_cache.kept[ks_cache.n++];
		return DM_OK;
	}
	ks_pub_free(&ks_cache.last);
	ks_cache.last = o.p;
	*out = &ks_cache.last;
	return DM_OK;
}

struct ks_list {
	keystore_row_fn	 fn;
	void		*arg;
};

static dm_status
ks_list_row(void *arg, const struct dm_value *c, size_t n)
{
	struct ks_list		*l = arg;
	struct keystore_pub	 p;
	dm_status		 st;

	if ((st = ks_row(c, n, &p)) == DM_OK)
		l->fn(l->arg, &p);
	ks_pub_free(&p);
	return st;
}

dm_status
keystore_list(struct db *db, keystore_row_fn fn, void *arg)
{
	struct ks_list	 l = { fn, arg };

	return db_query(db, "SELECT " KS_COLUMNS " FROM seal_keys ORDER BY "
	    "activated_at, key_id", NULL, 0, ks_list_row, &l);
}
