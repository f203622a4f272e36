/*
 * mime_decode.h - independent decoders of what mime.c writes, shared by
 * the unit tests and the fuzzers: base64, RFC 2047 encoded-words,
 * quoted-printable, unfolding, and the line rules. Each returns -1 on
 * anything mime.c must never write.
 */
#ifndef DIMOS_TEST_MIME_DECODE_H
#define DIMOS_TEST_MIME_DECODE_H

#include <stddef.h>

/* Appends the bytes of n base64 characters (a multiple of 4) to out. */
int	md_b64_decode(const char *s, size_t n, char *out, size_t *outlen);
/* Removes CRLF followed by a space or a tab (RFC 5322 unfolding). */
void	md_unfold(const char *s, char *out);
/*
 * An unfolded unstructured value into its text: encoded-words (at most
 * MIME_WORD_MAX characters, whole UTF-8 characters each) are decoded and
 * whitespace between two of them vanishes. out has room for strlen(s) + 1.
 */
int	md_decode_words(const char *s, char *out);
/* Quoted-printable to text with LF line ends; out has room for n + 1. */
int	md_qp_decode(const char *s, size_t n, char *out, size_t *outlen);
/* Every line ends with CRLF, is 7-bit printable (tab allowed) and at most
 * max characters long. */
int	md_check_lines(const char *s, size_t n, size_t max);

#endif
