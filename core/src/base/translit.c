/*
 * translit.c - Greek in Latin letters (ELOT 743), for names of files.
 * Owns: folding Greek letters (either case, accented or not) to their
 * base letter, and the rules for the digraphs ELOT 743 writes specially.
 */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "translit.h"

/*
 * The base lower-case letter of a Greek code point (accents, diaeresis
 * and final sigma folded), or 0 if it is not a Greek letter.
 */
static uint32_t
tr_fold(uint32_t c)
{
	static const struct { uint32_t from, to; } acc[] = {
		{ 0x386, 0x3b1 }, { 0x388, 0x3b5 }, { 0x389, 0x3b7 },
		{ 0x38a, 0x3b9 }, { 0x38c, 0x3bf }, { 0x38e, 0x3c5 },
		{ 0x38f, 0x3c9 }, { 0x390, 0x3b9 }, { 0x3aa, 0x3b9 },
		{ 0x3ab, 0x3c5 }, { 0x3ac, 0x3b1 }, { 0x3ad, 0x3b5 },
		{ 0x3ae, 0x3b7 }, { 0x3af, 0x3b9 }, { 0x3b0, 0x3c5 },
		{ 0x3c2, 0x3c3 }, { 0x3ca, 0x3b9 }, { 0x3cb, 0x3c5 },
		{ 0x3cc, 0x3bf }, { 0x3cd, 0x3c5 }, { 0x3ce, 0x3c9 },
	};
	size_t	 i;

	for (i = 0; i < sizeof(acc) / sizeof(acc[0]); i++)
		if (acc[i].from == c)
			return acc[i].to;
	if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)
		return c + 0x20;
	if (c >= 0x3b1 && c <= 0x3c9)
		return c;
	return 0;
}

/* α..ω in order; the Latin of each letter alone. */
static const char *const tr_letter[25] = {
	"a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n",
	"x", "o", "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o",
};

#define ALPHA	0x3b1
#define GAMMA	0x3b3
#define EPSILON	0x3b5
#define ETA	0x3b7
#define KAPPA	0x3ba
#define MU	0x3bc
#define XI	0x3be
#define OMICRON	0x3bf
#define PI	0x3c0
#define UPSILON	0x3c5
#define CHI	0x3c7

/* Vowels and voiced consonants: before them αυ, ευ, ηυ sound v. */
static int
tr_voiced(uint32_t c)
{
	static const uint32_t v[] = { 0x3b1, 0x3b5, 0x3b7, 0x3b9, 0x3bf,
	    0x3c5, 0x3c9, 0x3b2, 0x3b3, 0x3b4, 0x3b6, 0x3bb, 0x3bc, 0x3bd,
	    0x3c1 };

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (v[i] == c)
			return 1;
	return 0;
}

/* υ with a diaeresis is pronounced alone: no digraph with it. */
static int
tr_diaeresis(uint32_t c)
{
	return c == 0x3cb || c == 0x3b0 || c == 0x3ab;
}

/* The next code point of valid UTF-8; longer forms count as one symbol. */
static uint32_t
tr_next(const unsigned char **p)
{
	const unsigned char	*s = *p;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
		*p += 2;
		return (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	}
	for (*p += 1; (**p & 0xc0) == 0x80; (*p)++)
		;
	return 0xfffd;
}

static int
tr_latin(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

char *
translit_slug(struct arena *a, const char *s, size_t max)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0, i, k = 0, len = strlen(s);
	uint32_t		*cp, *g;
	char			*out;
	const char		*lat;

	cp = arena_alloc(a, (len + 2) * sizeof(*cp));
	g = arena_alloc(a, (len + 2) * sizeof(*g));
	while (*p != '\0') {
		cp[n] = tr_next(&p);
		g[n] = tr_fold(cp[n]);
		n++;
	}
	cp[n] = cp[n + 1] = g[n] = g[n + 1] = 0;
	out = arena_alloc(a, 3 * n + 1);
	for (i = 0; i < n; i++) {
		if (g[i] == 0) {
			if (tr_latin(cp[i]))
				out[k++] = (char)(cp[i] >= 'A' && cp[i] <= 'Z' ?
				    cp[i] - 'A' + 'a' : cp[i]);
			else if (k > 0 && out[k - 1] != '-')
				out[k++] = '-';
			continue;
		}
		lat = tr_letter[g[i] - ALPHA];
		if (g[i + 1] == UPSILON && !tr_diaeresis(cp[i + 1]) &&
		    (g[i] == OMICRON || g[i] == ALPHA || g[i] == EPSILON ||
		    g[i] == ETA)) {
			out[k++] = lat[0];
			out[k++] = g[i] == OMICRON ? 'u' : tr_voiced(g[i + 2]) ?
			    'v' : 'f';
			i++;
			continue;
		}
		if (g[i] == GAMMA && (g[i + 1] == GAMMA || g[i + 1] == XI ||
		    g[i + 1] == CHI))
			lat = "n";
		else if (g[i] == MU && g[i + 1] == PI &&
		    (i == 0 || (g[i - 1] == 0 && !tr_latin(cp[i - 1])))) {
			out[k++] = 'b';
			i++;
			continue;
		}
		for (; *lat != '\0'; lat++)
			out[k++] = *lat;
	}
	while (k > 0 && out[k - 1] == '-')
		k--;
	if (k > max) {
		/* Cut between words when one ends in reach. */
		size_t cut = max;

		while (cut > 0 && out[cut] != '-')
			cut--;
		k = cut > 0 ? cut : max;
		while (k > 0 && out[k - 1] == '-')
			k--;
	}
	out[k] = '\0';
	return out;
}
