/*
 * token.h - random tokens and their digests.
 * Owns: URL-safe random values (session ids, CSRF tokens, mailed links),
 * their SHA-256 (what the database stores) and constant-time comparison.
 */
#ifndef DIMOS_TOKEN_H
#define DIMOS_TOKEN_H

#include <stddef.h>

#define TOKEN_BYTES	32
#define TOKEN_LEN	43		/* base64url of 32 bytes, no padding */
#define TOKEN_HASH	32

/* out gets TOKEN_LEN characters and a NUL. */
void	token_new(char out[TOKEN_LEN + 1]);
/* SHA-256 of a token's text (any length). */
void	token_hash(const char *token, unsigned char out[TOKEN_HASH]);
/* base64url without padding; out needs 4 * ((n + 2) / 3) + 1 bytes. */
void	token_b64(const unsigned char *bin, size_t n, char *out, size_t outsz);
/* 1 when a and b are equal strings, in time independent of where they
 * differ; NULLs are never equal. */
int	token_equal(const char *a, const char *b);
/* A plausible token: TOKEN_LEN characters of the base64url alphabet. */
int	token_valid(const char *s);

#endif
