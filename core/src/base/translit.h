/*
 * translit.h - Greek in Latin letters (ELOT 743), for names of files.
 * Owns: the transliteration table and the slug form of a title.
 */
#ifndef DIMOS_TRANSLIT_H
#define DIMOS_TRANSLIT_H

#include <stddef.h>

struct arena;

/*
 * s (UTF-8) as a file name stem: Greek transliterated after ELOT 743,
 * lower case, a-z, 0-9 and single '-' between words, at most max bytes
 * (cut at a '-' when it can be). "" if nothing is left.
 * "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ" ->
 * "pistopoiitiko-oikogeneiakis-katastasis".
 */
char	*translit_slug(struct arena *a, const char *s, size_t max);

#endif
