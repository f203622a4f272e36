/*
 * token.c - random tokens with libsodium.
 * 256 bits of randomness each; only digests are ever stored, so a copy of
 * the database does not hand out sessions or reset links.
 */
#include <sodium.h>
#include <string.h>

#include "log.h"
#include "token.h"

static void
token_init(void)
{
	if (sodium_init() < 0)
		log_fatal("libsodium cannot be initialised");
}

void
token_b64(const unsigned char *bin, size_t n, char *out, size_t outsz)
{
	sodium_bin2base64(out, outsz, bin, n,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void
token_new(char out[TOKEN_LEN + 1])
{
	unsigned char raw[TOKEN_BYTES];

	token_init();
	randombytes_buf(raw, sizeof(raw));
	token_b64(raw, sizeof(raw), out, TOKEN_LEN + 1);
	sodium_memzero(raw, sizeof(raw));
}

void
token_hash(const char *token, unsigned char out[TOKEN_HASH])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

int
token_equal(const char *a, const char *b)
{
	unsigned char ha[TOKEN_HASH], hb[TOKEN_HASH];

	if (a == NULL || b == NULL)
		return 0;
	/* Comparing digests keeps the time independent of the lengths. */
	token_hash(a, ha);
	token_hash(b, hb);
	return sodium_memcmp(ha, hb, sizeof(ha)) == 0;
}

int
token_valid(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n] != '\0'; n++) {
		char c = s[n];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return n == TOKEN_LEN;
}
