/*
 * password.c - guessable passwords, by zxcvbn (libzxcvbn, Debian's
 * zxcvbn-c): its dictionaries hold the most common passwords of public
 * breaches, English words and names; the person's own words are its user
 * dictionary. zxcvbn folds only ASCII case, so Greek letters are folded
 * here (small, no accents, σ for ς), in the password and the words alike.
 */
#include <stdlib.h>
#include <string.h>
#include <zxcvbn.h>

#include "password.h"

#define OWN_WORDS_MAX	64
#define OWN_PART_MIN	3	/* shorter parts ("of", a middle initial)
				   are no evidence */

/* A Greek letter (U+0386..U+03CE) in small letters without accents or
 * diaeresis, final sigma as sigma; anything else as it is. */
static unsigned
greek_base(unsigned cp)
{
	static const struct {
		unsigned	from, to;
	} marked[] = {
		{ 0x386, 0x3b1 }, { 0x388, 0x3b5 }, { 0x389, 0x3b7 },
		{ 0x38a, 0x3b9 }, { 0x38c, 0x3bf }, { 0x38e, 0x3c5 },
		{ 0x38f, 0x3c9 }, { 0x390, 0x3b9 }, { 0x3aa, 0x3b9 },
		{ 0x3ab, 0x3c5 }, { 0x3ac, 0x3b1 }, { 0x3ad, 0x3b5 },
		{ 0x3ae, 0x3b7 }, { 0x3af, 0x3b9 }, { 0x3b0, 0x3c5 },
		{ 0x3c2, 0x3c3 }, { 0x3ca, 0x3b9 }, { 0x3cb, 0x3c5 },
		{ 0x3cc, 0x3bf }, { 0x3cd, 0x3c5 }, { 0x3ce, 0x3c9 },
	};

	for (size_t i = 0; i < sizeof(marked) / sizeof(marked[0]); i++)
		if (marked[i].from == cp)
			return marked[i].to;
	if (cp >= 0x391 && cp <= 0x3a9)		/* Α..Ω */
		return cp + 0x20;
	return cp;
}

/* A copy of s with ASCII capitals in lower case and Greek letters as
 * greek_base says (they stay two bytes). */
static char *
fold(const char *s)
{
	size_t n = strlen(s);
	unsigned char *o = malloc(n + 1);

	if (o == NULL)
		return NULL;
	memcpy(o, s, n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned c = o[i];

		if (c >= 'A' && c <= 'Z') {
			o[i] = (unsigned char)(c + 32);
		} else if ((c == 0xce || c == 0xcf) && i + 1 < n &&
		    (o[i + 1] & 0xc0) == 0x80) {
			unsigned cp = ((c & 0x1f) << 6) | (o[i + 1] & 0x3f);

			cp = greek_base(cp);
			o[i] = (unsigned char)(0xc0 | (cp >> 6));
			o[i + 1] = (unsigned char)(0x80 | (cp & 0x3f));
			i++;
		}
	}
	return (char *)o;
}

/* s (folded) in place with only its letters and digits. */
static void
alnum_only(char *s)
{
	char *o = s;

	for (; *s; s++)
		if ((unsigned char)*s >= 0x80 || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9'))
			*o++ = *s;
	*o = '\0';
}

/* The password is mostly one of the words, or a piece of one (letters and
 * digits alone): zxcvbn would count a long random-looking address as
 * strong, but it is no secret. */
static int
mostly_own(const char *fpw, char *const *dict, size_t n)
{
	char *p = strdup(fpw);
	int own = 0;

	if (p == NULL)
		return 0;
	alnum_only(p);
	for (size_t i = 0; i < n && !own && p[0] != '\0'; i++) {
		char *w = strdup(dict[i]);

		if (w == NULL)
			continue;
		alnum_only(w);
		if (strlen(w) >= 4 && ((strstr(p, w) != NULL &&
		    2 * strlen(w) >= strlen(p)) || strstr(w, p) != NULL))
			own = 1;
		free(w);
	}
	free(p);
	return own;
}

/* Adds w (folded) and its parts split at spaces and punctuation. */
static void
add_word(const char *w, char **dict, size_t *n)
{
	char *f, *p, *save = NULL;

	if (w == NULL || w[0] == '\0' || *n + 2 >= OWN_WORDS_MAX ||
	    (f = fold(w)) == NULL)
		return;
	dict[(*n)++] = f;
	if ((f = fold(w)) == NULL)
		return;
	for (p = strtok_r(f, " .-_@+'", &save); p != NULL && *n + 1 <
	    OWN_WORDS_MAX; p = strtok_r(NULL, " .-_@+'", &save))
		if (strlen(p) >= OWN_PART_MIN)
			dict[(*n)++] = strdup(p);
	free(f);
}

enum password_weak
password_weak(const char *pw, const char *const *own, size_t nown)
{
	char *dict[OWN_WORDS_MAX], *fpw;
	const char *words[OWN_WORDS_MAX];
	enum password_weak verdict = PASSWORD_OK;
	ZxcMatch_t *info = NULL;
	size_t n = 0;
	double bits;

	for (size_t i = 0; i < nown; i++)
		add_word(own[i], dict, &n);
	for (size_t i = 0; i < n; i++)
		words[i] = dict[i];
	words[n] = NULL;
	if ((fpw = fold(pw)) == NULL)
		goto out;
	if (mostly_own(fpw, dict, n)) {
		verdict = PASSWORD_OWN;
		free(fpw);
		goto out;
	}
	bits = ZxcvbnMatch(fpw, words, &info);
	if (bits < PASSWORD_MIN_BITS) {
		verdict = PASSWORD_COMMON;
		for (ZxcMatch_t *m = info; m != NULL; m = m->Next)
			if ((m->Type & ~MULTIPLE_MATCH) == USER_MATCH ||
			    (m->Type & ~MULTIPLE_MATCH) == USER_LEET_MATCH)
				verdict = PASSWORD_OWN;
	}
	ZxcvbnFreeInfo(info);
	free(fpw);
out:
	for (size_t i = 0; i < n; i++)
		free(dict[i]);
	return verdict;
}
