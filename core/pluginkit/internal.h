/*
 * internal.h - helpers shared by the kit's own files; not part of the kit
 * (plugins include the headers in dimos/kit/ only).
 */
#ifndef DIMOS_KIT_INTERNAL_H
#define DIMOS_KIT_INTERNAL_H

#include <stddef.h>

/* 1 if the n bytes at s are ASCII digits. */
int		 kit_digits(const char *s, size_t n);
/* Decodes one code point and advances *p; an invalid byte is U+FFFD. */
unsigned	 kit_utf8_dec(const char **p);
/* Encodes c into o (at least 4 bytes); returns the bytes written. */
size_t		 kit_utf8_enc(unsigned c, char *o);
/* s without leading and trailing blanks and tabs (in place). */
char		*kit_trim(char *s);

#endif
