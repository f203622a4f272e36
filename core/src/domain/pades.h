/*
 * pades.h - PAdES baseline signatures (ETSI EN 319 142-1, level B-B): a
 * detached CMS SignedData over a PDF's byte range, made and checked with
 * OpenSSL. Owns: the seal certificate and its private key in memory, the
 * signing step, and finding and checking the signature of a sealed PDF.
 */
#ifndef DIMOS_PADES_H
#define DIMOS_PADES_H

#include <stddef.h>
#include <time.h>

#include "dimos/plugin.h"

struct pades_key;

/*
 * Loads a certificate chain (PEM: the seal certificate first, then the
 * certificates that issued it) and its private key (PEM, unencrypted) from
 * memory. DM_EINPUT (logged, naming what) if either does not parse, the
 * key does not belong to the certificate, or the certificate may not sign
 * (no digitalSignature or nonRepudiation key usage).
 */
dm_status	pades_key_load(const char *chain_pem, size_t chain_len,
		    const char *key_pem, size_t key_len,
		    struct pades_key **out);
void		pades_key_free(struct pades_key *k);

/* Bytes of DER a signature with this key takes at most. */
size_t		pades_reserve(const struct pades_key *k);

/* The seal certificate (DER, borrowed from k) and the chain after it. */
const unsigned char *pades_cert_der(const struct pades_key *k, size_t *len);
const unsigned char *pades_chain_der(const struct pades_key *k, size_t *len);

/*
 * The signing step, shaped as pdfup_sign_fn (arg is a struct pades_key):
 * SHA-256 of the two ranges, signed attributes content-type,
 * message-digest and signing-certificate-v2 (no signing-time: PAdES puts
 * the time in the signature dictionary), the signature, and the
 * certificates. DM_ELIMIT if it does not fit cap.
 */
dm_status	pades_sign(void *arg, const unsigned char *a, size_t alen,
		    const unsigned char *b, size_t blen, unsigned char *der,
		    size_t cap, size_t *derlen);

/*
 * The certificate and its chain (DER, one after another) as PEM text in
 * the arena, for download. DM_EINPUT if the DER does not parse.
 */
struct arena;
dm_status	pades_pem(const unsigned char *cert, size_t certlen,
		    const unsigned char *chain, size_t chainlen,
		    struct arena *a, const char **out);

/* What a certificate says, for people (UTF-8, RFC 2253 order). */
struct pades_cert_info {
	char		 subject[512];
	char		 issuer[512];
	char		 serial[80];	/* hex */
	time_t		 not_before;
	time_t		 not_after;
	unsigned char	 sha256[32];	/* of the DER */
};

dm_status	pades_cert_info(const unsigned char *der, size_t len,
		    struct pades_cert_info *out);

/* The outcome of checking a PDF's embedded signature. */
enum pades_state {
	PADES_ABSENT,		/* no signature dictionary */
	PADES_BROKEN,		/* malformed, or the bytes were changed */
	PADES_VALID,		/* intact, covering the whole file */
	PADES_STATE__MAX
};

struct pades_check {
	enum pades_state	 state;
	int			 by_cert;	/* signed with the certificate
						   given to pades_verify */
	struct pades_cert_info	 signer;	/* when the CMS names one */
};

/*
 * Checks the last signature of pdf: its byte range must cover the whole
 * file but its /Contents, and the CMS must verify over that range
 * (message digest and signature). cert (DER, may be NULL) is what the
 * signer should be. Returns DM_OK with the outcome in *out; DM_EINTERNAL
 * only when OpenSSL itself fails.
 */
dm_status	pades_verify(const unsigned char *pdf, size_t len,
		    const unsigned char *cert, size_t certlen,
		    struct pades_check *out);

#endif /* DIMOS_PADES_H */
