/*
 * pades.c - PAdES baseline signatures made and checked with OpenSSL.
 * Owns: struct pades_key (certificate chain, private key, the encoded
 * signing-certificate-v2 attribute, all prepared once per key), the CMS
 * SignedData of a signature, and the strict reading of a PDF's last
 * signature dictionary (/ByteRange and /Contents).
 *
 * The signed attributes are signed here rather than by
 * CMS_SignerInfo_sign(): OpenSSL 3.0 always adds a CMS signing-time
 * there, which PAdES B-B forbids (the time is /M of the dictionary).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "arena.h"
#include "log.h"
#include "pades.h"

#define PADES_ATTRS	3

struct pades_key {
	EVP_PKEY	*pkey;
	X509		*cert;
	STACK_OF(X509)	*chain;
	EVP_MD		*md;		/* SHA-256, fetched once */
	unsigned char	*cert_der;
	size_t		 cert_len;
	unsigned char	*chain_der;	/* the chain's DER, one after another */
	size_t		 chain_len;
	unsigned char	*sc2;		/* ESS SigningCertificateV2, DER */
	size_t		 sc2_len;
	size_t		 reserve;
};

/* Logs OpenSSL's error queue after what, and clears it. */
static void
pades_ssl_error(const char *what)
{
	unsigned long	 e;
	char		 buf[256];

	e = ERR_get_error();
	if (e == 0)
		log_error("pades: %s", what);
	else {
		ERR_error_string_n(e, buf, sizeof(buf));
		log_error("pades: %s: %s", what, buf);
	}
	ERR_clear_error();
}

/* A private key file never asks for a passphrase: it has none. */
static int
pades_no_passphrase(char *buf, int size, int rw, void *u)
{
	(void)buf;
	(void)size;
	(void)rw;
	(void)u;
	return -1;
}

static unsigned char *
pades_i2d_x509(X509 *x, size_t *len)
{
	unsigned char	*der = NULL;
	int		 n;

	if ((n = i2d_X509(x, &der)) <= 0)
		return NULL;
	*len = (size_t)n;
	return der;
}

void
pades_key_free(struct pades_key *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey);
	X509_free(k->cert);
	sk_X509_pop_free(k->chain, X509_free);
	EVP_MD_free(k->md);
	OPENSSL_free(k->cert_der);
	free(k->chain_der);
	OPENSSL_free(k->sc2);
	free(k);
}

dm_status
pades_key_load(const char *chain_pem, size_t chain_len, const char *key_pem,
    size_t key_len, struct pades_key **out)
{
	struct pades_key	*k;
	ESS_SIGNING_CERT_V2	*sc2 = NULL;
	BIO			*bio = NULL;
	X509			*x;
	uint32_t		 ku;
	int			 n;
	dm_status		 st = DM_EINPUT;

	*out = NULL;
	if (chain_len > INT32_MAX || key_len > INT32_MAX)
		return DM_EINPUT;
	if ((k = calloc(1, sizeof(*k))) == NULL ||
	    (k->chain = sk_X509_new_null()) == NULL)
		log_fatal("out of memory");
	if ((k->md = EVP_MD_fetch(NULL, "SHA256", NULL)) == NULL) {
		pades_ssl_error("SHA-256 is not available");
		st = DM_EINTERNAL;
		goto out;
	}

	bio = BIO_new_mem_buf(chain_pem, (int)chain_len);
	while (bio != NULL && (x = PEM_read_bio_X509(bio, NULL,
	    pades_no_passphrase, NULL)) != NULL) {
		if (k->cert == NULL)
			k->cert = x;
		else if (sk_X509_push(k->chain, x) <= 0)
			log_fatal("out of memory");
	}
	ERR_clear_error();	/* the end of the PEM data */
	BIO_free(bio);
	if (k->cert == NULL) {
		log_error("pades: the certificate file holds no PEM "
		    "certificate");
		goto out;
	}
	bio = BIO_new_mem_buf(key_pem, (int)key_len);
	k->pkey = bio ? PEM_read_bio_PrivateKey(bio, NULL, pades_no_passphrase,
	    NULL) : NULL;
	BIO_free(bio);
	if (k->pkey == NULL) {
		pades_ssl_error("the key file holds no unencrypted PEM private "
		    "key");
		goto out;
	}
	if (X509_check_private_key(k->cert, k->pkey) != 1) {
		pades_ssl_error("the private key does not belong to the seal "
		    "certificate");
		goto out;
	}
	ku = X509_get_key_usage(k->cert);
	if (ku != UINT32_MAX &&
	    (ku & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0) {
		log_error("pades: the seal certificate may not sign (its key "
		    "usage has neither digitalSignature nor "
		    "nonRepudiation)");
		goto out;
	}

	if ((k->cert_der = pades_i2d_x509(k->cert, &k->cert_len)) == NULL)
		goto ssl;
	for (int i = 0; i < sk_X509_num(k->chain); i++) {
		unsigned char	*d;
		size_t		 dl;

		if ((d = pades_i2d_x509(sk_X509_value(k->chain, i), &dl)) ==
		    NULL)
			goto ssl;
		k->chain_der = realloc(k->chain_der, k->chain_len + dl);
		if (k->chain_der == NULL)
			log_fatal("out of memory");
		memcpy(k->chain_der + k->chain_len, d, dl);
		k->chain_len += dl;
		OPENSSL_free(d);
	}
	/* ESSCertIDv2 with the issuer and serial (RFC 5035). */
	if ((sc2 = OSSL_ESS_signing_cert_v2_new_init(k->md, k->cert, NULL,
	    1)) == NULL || (n = i2d_ESS_SIGNING_CERT_V2(sc2, &k->sc2)) <= 0)
		goto ssl;
	k->sc2_len = (size_t)n;
	/* Certificates, attributes, the signature, and ASN.1 framing. */
	k->reserve = k->cert_len + k->chain_len + k->sc2_len +
	    (size_t)EVP_PKEY_get_size(k->pkey) + 1024;
	k->reserve = (k->reserve + 511) & ~(size_t)511;
	*out = k;
	k = NULL;
	st = DM_OK;
	goto out;
ssl:
	pades_ssl_error("cannot encode the seal certificate");
	st = DM_EINTERNAL;
out:
	ESS_SIGNING_CERT_V2_free(sc2);
	pades_key_free(k);
	return st;
}

size_t
pades_reserve(const struct pades_key *k)
{
	return k->reserve;
}

const unsigned char *
pades_cert_der(const struct pades_key *k, size_t *len)
{
	*len = k->cert_len;
	return k->cert_der;
}

const unsigned char *
pades_chain_der(const struct pades_key *k, size_t *len)
{
	*len = k->chain_len;
	return k->chain_der;
}

struct pades_enc {
	unsigned char	*der;
	int		 len;
};

/* DER order of a SET OF: by encoding, shorter first on a common prefix. */
static int
pades_der_cmp(const void *x, const void *y)
{
	const struct pades_enc	*a = x, *b = y;
	int			 c;

	c = memcmp(a->der, b->der, (size_t)(a->len < b->len ? a->len :
	    b->len));
	return c != 0 ? c : a->len - b->len;
}

/* The DER of SET OF attr[0..n): what the signature covers (RFC 5652 5.4). */
static unsigned char *
pades_attr_set(X509_ATTRIBUTE **attr, size_t n, size_t *len)
{
	struct pades_enc	 e[PADES_ATTRS];
	unsigned char		*set, *p;
	size_t			 body = 0, head, i;

	for (i = 0; i < n; i++) {
		e[i].der = NULL;
		if ((e[i].len = i2d_X509_ATTRIBUTE(attr[i], &e[i].der)) <= 0) {
			while (i-- > 0)
				OPENSSL_free(e[i].der);
			return NULL;
		}
		body += (size_t)e[i].len;
	}
	qsort(e, n, sizeof(e[0]), pades_der_cmp);
	head = body < 0x80 ? 2 : body < 0x100 ? 3 : 4;
	if (body > 0xffff || (set = malloc(head + body)) == NULL)
		log_fatal("pades: attributes of %zu bytes", body);
	p = set;
	*p++ = 0x31;
	if (body >= 0x100) {
		*p++ = 0x82;
		*p++ = (unsigned char)(body >> 8);
	} else if (body >= 0x80)
		*p++ = 0x81;
	*p++ = (unsigned char)body;
	for (i = 0; i < n; i++) {
		memcpy(p, e[i].der, (size_t)e[i].len);
		p += e[i].len;
		OPENSSL_free(e[i].der);
	}
	*len = head + body;
	return set;
}

dm_status
pades_sign(void *arg, const unsigned char *a, size_t alen,
    const unsigned char *b, size_t blen, unsigned char *der, size_t cap,
    size_t *derlen)
{
	struct pades_key	*k = arg;
	X509_ATTRIBUTE		*attr[PADES_ATTRS] = { NULL, NULL, NULL };
	ASN1_OCTET_STRING	*digest = NULL;
	ASN1_STRING		*seq = NULL;
	CMS_ContentInfo		*cms = NULL;
	CMS_SignerInfo		*si;
	EVP_MD_CTX		*mctx = NULL;
	unsigned char		 md[EVP_MAX_MD_SIZE], *set = NULL, *sig = NULL;
	unsigned char		*p;
	unsigned int		 mdlen;
	size_t			 setlen = 0, siglen;
	int			 n;
	dm_status		 st = DM_EINTERNAL;

	*derlen = 0;
	if ((mctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(mctx, k->md, NULL) != 1 ||
	    EVP_DigestUpdate(mctx, a, alen) != 1 ||
	    EVP_DigestUpdate(mctx, b, blen) != 1 ||
	    EVP_DigestFinal_ex(mctx, md, &mdlen) != 1) {
		pades_ssl_error("cannot hash the byte range");
		goto out;
	}

	if ((digest = ASN1_OCTET_STRING_new()) == NULL ||
	    ASN1_OCTET_STRING_set(digest, md, (int)mdlen) != 1 ||
	    (seq = ASN1_STRING_type_new(V_ASN1_SEQUENCE)) == NULL ||
	    ASN1_STRING_set(seq, k->sc2, (int)k->sc2_len) != 1)
		goto ssl;
	attr[0] = X509_ATTRIBUTE_create(NID_pkcs9_contentType, V_ASN1_OBJECT,
	    OBJ_nid2obj(NID_pkcs7_data));
	if ((attr[1] = X509_ATTRIBUTE_create(NID_pkcs9_messageDigest,
	    V_ASN1_OCTET_STRING, digest)) != NULL)
		digest = NULL;
	if ((attr[2] = X509_ATTRIBUTE_create(
	    NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE, seq)) !=
	    NULL)
		seq = NULL;
	if (attr[0] == NULL || attr[1] == NULL || attr[2] == NULL ||
	    (set = pades_attr_set(attr, PADES_ATTRS, &setlen)) == NULL)
		goto ssl;

	EVP_MD_CTX_reset(mctx);
	if (EVP_DigestSignInit(mctx, NULL, k->md, NULL, k->pkey) != 1 ||
	    EVP_DigestSign(mctx, NULL, &siglen, set, setlen) != 1 ||
	    (sig = malloc(siglen)) == NULL ||
	    EVP_DigestSign(mctx, sig, &siglen, set, setlen) != 1) {
		pades_ssl_error("cannot sign");
		goto out;
	}

	if ((cms = CMS_sign(NULL, NULL, NULL, NULL, CMS_PARTIAL | CMS_DETACHED |
	    CMS_BINARY)) == NULL ||
	    (si = CMS_add1_signer(cms, k->cert, k->pkey, k->md, CMS_PARTIAL |
	    CMS_NOATTR | CMS_BINARY)) == NULL)
		goto ssl;
	for (int i = 0; i < sk_X509_num(k->chain); i++)
		if (CMS_add1_cert(cms, sk_X509_value(k->chain, i)) != 1)
			goto ssl;
	for (int i = 0; i < PADES_ATTRS; i++)
		if (CMS_signed_add1_attr(si, attr[i]) != 1)
			goto ssl;
	if (ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig,
	    (int)siglen) != 1)
		goto ssl;
	if ((n = i2d_CMS_ContentInfo(cms, NULL)) <= 0)
		goto ssl;
	if ((size_t)n > cap) {
		log_error("pades: a signature of %d bytes does not fit in %zu",
		    n, cap);
		st = DM_ELIMIT;
		goto out;
	}
	p = der;
	if (i2d_CMS_ContentInfo(cms, &p) != n)
		goto ssl;
	*derlen = (size_t)n;
	st = DM_OK;
	goto out;
ssl:
	pades_ssl_error("cannot build the CMS signature");
out:
	for (int i = 0; i < PADES_ATTRS; i++)
		X509_ATTRIBUTE_free(attr[i]);
	ASN1_OCTET_STRING_free(digest);
	ASN1_STRING_free(seq);
	CMS_ContentInfo_free(cms);
	EVP_MD_CTX_free(mctx);
	free(set);
	free(sig);
	return st;
}

/* Appends the PEM of each DER certificate in [der, der + len) to bio. */
static int
pades_pem_all(BIO *bio, const unsigned char *der, size_t len)
{
	const unsigned char	*p = der, *end = der + len;
	X509			*x;
	int			 ok;

	while (p < end) {
		if ((x = d2i_X509(NULL, &p, (long)(end - p))) == NULL)
			return 0;
		ok = PEM_write_bio_X509(bio, x);
		X509_free(x);
		if (ok != 1)
			return 0;
	}
	return 1;
}

dm_status
pades_pem(const unsigned char *cert, size_t certlen,
    const unsigned char *chain, size_t chainlen, struct arena *a,
    const char **out)
{
	BIO		*bio;
	char		*data;
	long		 n;
	dm_status	 st = DM_EINPUT;

	*out = NULL;
	if (certlen > INT32_MAX || chainlen > INT32_MAX)
		return DM_EINPUT;
	if ((bio = BIO_new(BIO_s_mem())) == NULL)
		log_fatal("out of memory");
	if (pades_pem_all(bio, cert, certlen) &&
	    (chain == NULL || pades_pem_all(bio, chain, chainlen)) &&
	    (n = BIO_get_mem_data(bio, &data)) > 0) {
		*out = arena_strndup(a, data, (size_t)n);
		st = DM_OK;
	}
	ERR_clear_error();
	BIO_free(bio);
	return st;
}

static void
pades_name(X509_NAME *name, char *out, size_t size)
{
	BIO	*bio;
	int	 n;

	out[0] = '\0';
	if ((bio = BIO_new(BIO_s_mem())) == NULL)
		log_fatal("out of memory");
	/* RFC 2253, but UTF-8 kept as is rather than escaped. */
	if (X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 &
	    ~ASN1_STRFLGS_ESC_MSB) >= 0 &&
	    (n = BIO_read(bio, out, (int)size - 1)) > 0)
		out[n] = '\0';
	BIO_free(bio);
}

static time_t
pades_time(const ASN1_TIME *t)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	if (t == NULL || ASN1_TIME_to_tm(t, &tm) != 1)
		return 0;
	return timegm(&tm);
}

static dm_status
pades_info_x509(X509 *x, struct pades_cert_info *out)
{
	unsigned char	*der = NULL;
	BIGNUM		*bn;
	char		*hex;
	int		 n;

	memset(out, 0, sizeof(*out));
	pades_name(X509_get_subject_name(x), out->subject,
	    sizeof(out->subject));
	pades_name(X509_get_issuer_name(x), out->issuer, sizeof(out->issuer));
	if ((bn = ASN1_INTEGER_to_BN(X509_get0_serialNumber(x), NULL)) !=
	    NULL && (hex = BN_bn2hex(bn)) != NULL) {
		snprintf(out->serial, sizeof(out->serial), "%s", hex);
		OPENSSL_free(hex);
	}
	BN_free(bn);
	out->not_before = pades_time(X509_get0_notBefore(x));
	out->not_after = pades_time(X509_get0_notAfter(x));
	if ((n = i2d_X509(x, &der)) <= 0) {
		pades_ssl_error("cannot encode a certificate");
		return DM_EINTERNAL;
	}
	EVP_Digest(der, (size_t)n, out->sha256, NULL, EVP_sha256(), NULL);
	OPENSSL_free(der);
	return DM_OK;
}

dm_status
pades_cert_info(const unsigned char *der, size_t len,
    struct pades_cert_info *out)
{
	const unsigned char	*p = der;
	X509			*x;
	dm_status		 st;

	memset(out, 0, sizeof(*out));
	if (len > INT32_MAX || (x = d2i_X509(NULL, &p, (long)len)) == NULL) {
		ERR_clear_error();
		return DM_EINPUT;
	}
	st = pades_info_x509(x, out);
	X509_free(x);
	return st;
}

/* Reads one unsigned integer of the byte range; advances *i. */
static int
pades_num(const unsigned char *p, size_t end, size_t *i, size_t *v)
{
	size_t	 x = 0, j = *i;

	while (j < end && (p[j] == ' ' || p[j] == '\n' || p[j] == '\r' ||
	    p[j] == '\t'))
		j++;
	if (j >= end || p[j] < '0' || p[j] > '9')
		return 0;
	for (; j < end && p[j] >= '0' && p[j] <= '9'; j++) {
		if (x > (SIZE_MAX - 9) / 10)
			return 0;
		x = x * 10 + (size_t)(p[j] - '0');
	}
	*v = x;
	*i = j;
	return 1;
}

static int
pades_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * PAdES B-B binds the signer's certificate into the signed attributes:
 * signing-certificate-v2 must be there and name the signer.
 */
static int
pades_ess_ok(CMS_ContentInfo *cms, STACK_OF(X509) *signers)
{
	STACK_OF(CMS_SignerInfo)	*sis = CMS_get0_SignerInfos(cms);
	ESS_SIGNING_CERT_V2		*sc2;
	ASN1_STRING			*seq;
	const unsigned char		*p;
	int				 ok;

	if (sis == NULL || sk_CMS_SignerInfo_num(sis) != 1)
		return 0;
	seq = CMS_signed_get0_data_by_OBJ(sk_CMS_SignerInfo_value(sis, 0),
	    OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3,
	    V_ASN1_SEQUENCE);
	if (seq == NULL)
		return 0;
	p = ASN1_STRING_get0_data(seq);
	if ((sc2 = d2i_ESS_SIGNING_CERT_V2(NULL, &p,
	    ASN1_STRING_length(seq))) == NULL)
		return 0;
	ok = OSSL_ESS_check_signing_certs(NULL, sc2, signers, 1) == 1;
	ESS_SIGNING_CERT_V2_free(sc2);
	return ok;
}

/*
 * The byte range and the DER of the last signature dictionary of pdf.
 * 0: none; -1: present but not a range covering the whole file apart
 * from a hex /Contents string.
 */
static int
pades_locate(const unsigned char *pdf, size_t len, size_t br[4],
    unsigned char **der, size_t *derlen)
{
	static const char	 key[] = "/ByteRange";
	const size_t		 klen = sizeof(key) - 1;
	size_t			 i, at = SIZE_MAX, j, n;

	for (i = len; i >= klen; i--)
		if (memcmp(pdf + i - klen, key, klen) == 0) {
			at = i;
			break;
		}
	if (at == SIZE_MAX)
		return 0;
	for (i = at; i < len && (pdf[i] == ' ' || pdf[i] == '\n'); i++)
		;
	if (i >= len || pdf[i++] != '[')
		return -1;
	for (j = 0; j < 4; j++)
		if (!pades_num(pdf, len, &i, &br[j]))
			return -1;
	if (br[0] != 0 || br[1] == 0 || br[2] <= br[1] + 1 ||
	    br[2] > len || br[3] != len - br[2] || pdf[br[1]] != '<' ||
	    pdf[br[2] - 1] != '>' || (br[2] - br[1] - 2) % 2 != 0)
		return -1;
	n = (br[2] - br[1] - 2) / 2;
	if ((*der = malloc(n ? n : 1)) == NULL)
		log_fatal("out of memory");
	for (j = 0; j < n; j++) {
		int	 hi = pades_hexval(pdf[br[1] + 1 + 2 * j]);
		int	 lo = pades_hexval(pdf[br[1] + 2 + 2 * j]);

		if (hi < 0 || lo < 0) {
			free(*der);
			*der = NULL;
			return -1;
		}
		(*der)[j] = (unsigned char)(hi << 4 | lo);
	}
	*derlen = n;
	return 1;
}

dm_status
pades_verify(const unsigned char *pdf, size_t len, const unsigned char *cert,
    size_t certlen, struct pades_check *out)
{
	CMS_ContentInfo		*cms = NULL;
	STACK_OF(X509)		*signers = NULL;
	const unsigned char	*p;
	unsigned char		*der = NULL, *sd = NULL;
	size_t			 br[4], derlen = 0;
	BIO			*data = NULL;
	X509			*x;
	int			 r, sl;
	dm_status		 st = DM_OK;

	memset(out, 0, sizeof(*out));
	if ((r = pades_locate(pdf, len, br, &der, &derlen)) <= 0) {
		out->state = r == 0 ? PADES_ABSENT : PADES_BROKEN;
		return DM_OK;
	}
	out->state = PADES_BROKEN;
	p = der;
	if (derlen > INT32_MAX ||
	    (cms = d2i_CMS_ContentInfo(NULL, &p, (long)derlen)) == NULL ||
	    OBJ_obj2nid(CMS_get0_type(cms)) != NID_pkcs7_signed)
		goto out;
	if ((data = BIO_new(BIO_s_mem())) == NULL ||
	    BIO_write(data, pdf, (int)br[1]) != (int)br[1] ||
	    BIO_write(data, pdf + br[2], (int)br[3]) != (int)br[3]) {
		st = DM_EINTERNAL;
		goto out;
	}
	/* The digest and signature; the chain is the caller's business. */
	if (CMS_verify(cms, NULL, NULL, data, NULL, CMS_DETACHED | CMS_BINARY |
	    CMS_NO_SIGNER_CERT_VERIFY) != 1)
		goto out;
	if ((signers = CMS_get0_signers(cms)) != NULL &&
	    sk_X509_num(signers) == 1) {
		x = sk_X509_value(signers, 0);
		if (pades_ess_ok(cms, signers))
			out->state = PADES_VALID;
		if (pades_info_x509(x, &out->signer) != DM_OK)
			goto out;
		sd = NULL;
		if (cert != NULL && (sl = i2d_X509(x, &sd)) > 0 &&
		    (size_t)sl == certlen && memcmp(sd, cert, certlen) == 0)
			out->by_cert = 1;
		OPENSSL_free(sd);
	}
out:
	ERR_clear_error();
	sk_X509_free(signers);
	BIO_free(data);
	CMS_ContentInfo_free(cms);
	free(der);
	return st;
}
