/*
 * text.c - Greek names: folding as TaxisNet sends them, the genitive of
 * first names, the municipal units' list, and matching a person by AFM or
 * by names and birth year.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/ids.h"
#include "dimos/kit/text.h"
#include "internal.h"

/* Decodes one code point; an invalid byte is taken as U+FFFD. */


/*
 * Accented and diaeresis letters of the monotonic Greek block and their
 * plain lower-case letters; the table serves folding and re-accenting.
 */
static const struct {
	unsigned	accented;
	unsigned	plain;
} greek_accents[] = {
	{ 0x3ac, 0x3b1 }, { 0x3ad, 0x3b5 }, { 0x3ae, 0x3b7 },
	{ 0x3af, 0x3b9 }, { 0x3cc, 0x3bf }, { 0x3cd, 0x3c5 },
	{ 0x3ce, 0x3c9 }, { 0x390, 0x3ca }, { 0x3b0, 0x3cb },
	{ 0x386, 0x391 }, { 0x388, 0x395 }, { 0x389, 0x397 },
	{ 0x38a, 0x399 }, { 0x38c, 0x39f }, { 0x38e, 0x3a5 },
	{ 0x38f, 0x3a9 },
};

#define NACCENTS (sizeof(greek_accents) / sizeof(greek_accents[0]))

static unsigned
unaccent(unsigned c)
{
	for (size_t i = 0; i < NACCENTS; i++)
		if (greek_accents[i].accented == c)
			return greek_accents[i].plain;
	return c;
}

static int
is_accented(unsigned c)
{
	return unaccent(c) != c;
}

static unsigned
accent(unsigned c)
{
	for (size_t i = 0; i < NACCENTS; i++)
		if (greek_accents[i].plain == c)
			return greek_accents[i].accented;
	return c;
}

static int
is_greek_lower(unsigned c)
{
	return (c >= 0x3ac && c <= 0x3ce) || c == 0x390;
}

/* Capital without accent; 0 for a combining mark (decomposed input). */
static unsigned
fold_cp(unsigned c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 'A';
	if (c == 0x301 || c == 0x308 || c == 0x344)
		return 0;
	c = unaccent(c);
	if (c == 0x3ca)				/* ϊ */
		return 0x399;
	if (c == 0x3cb)				/* ϋ */
		return 0x3a5;
	if (c == 0x3aa)				/* Ϊ */
		return 0x399;
	if (c == 0x3ab)				/* Ϋ */
		return 0x3a5;
	if (c == 0x3c2)				/* ς */
		return 0x3a3;
	if (c >= 0x3b1 && c <= 0x3c9)
		return c - 0x20;
	return c;
}

/* Separators between the words of a name: one space once folded. */
static int
is_sep(unsigned c)
{
	return c == ' ' || c == '\t' || c == '-' || c == 0xa0 ||
	    c == 0x2010 || c == 0x2013;
}

void
kit_fold(const char *s, char *out, size_t outsz)
{
	size_t n = 0;
	int space = 0;
	char tmp[4];

	if (outsz == 0)
		return;
	while (s != NULL && *s != '\0') {
		unsigned c = fold_cp(kit_utf8_dec(&s));
		size_t k;

		if (c == 0)
			continue;
		if (is_sep(c)) {
			space = n > 0;
			continue;
		}
		k = kit_utf8_enc(c, tmp);
		if (n + k + (space ? 1 : 0) >= outsz)
			break;
		if (space)
			out[n++] = ' ';
		space = 0;
		memcpy(out + n, tmp, k);
		n += k;
	}
	out[n] = '\0';
}

int
kit_fold_eq(const char *a, const char *b)
{
	char fa[KIT_FOLD_MAX], fb[KIT_FOLD_MAX];

	if (a == NULL || b == NULL)
		return a == b;
	if (strlen(a) >= sizeof(fa) || strlen(b) >= sizeof(fb))
		return 0;
	kit_fold(a, fa, sizeof(fa));
	kit_fold(b, fb, sizeof(fb));
	return strcmp(fa, fb) == 0;
}

size_t
kit_utf8_chars(const char *s)
{
	size_t n = 0;

	while (s != NULL && *s != '\0') {
		kit_utf8_dec(&s);
		n++;
	}
	return n;
}

#define WORD_MAX	64

static int
is_vowel(unsigned c)
{
	c = fold_cp(c);
	return c == 0x391 || c == 0x395 || c == 0x397 || c == 0x399 ||
	    c == 0x39f || c == 0x3a5 || c == 0x3a9;
}

/*
 * Declines one word w[0..n) into o (code points); returns the new length.
 * Masculine -ος takes -ου and, as the long ending requires, an accent on
 * the antepenult moves to the penult (Νικόλαος -> Νικολάου); -ης and -ας
 * lose the sigma; -ων takes -ος; feminine -α and -η take a final sigma.
 */
static size_t
decline(const unsigned *w, size_t n, unsigned *o)
{
	unsigned last, prev;
	int upper;

	memcpy(o, w, n * sizeof(*w));
	if (n < 2)
		return n;
	last = fold_cp(w[n - 1]);
	prev = fold_cp(w[n - 2]);
	upper = !is_greek_lower(w[n - 1]);
	if (last == 0x3a3 && prev == 0x39f) {		/* -ος */
		size_t stem = n - 2;

		if (upper) {
			o[stem] = 0x39f;
			o[stem + 1] = 0x3a5;
			return n;
		}
		if (is_accented(w[n - 2])) {		/* -ός: -ού */
			o[stem] = 0x3bf;
			o[stem + 1] = 0x3cd;
			return n;
		}
		{
			long acc = -1, lastv = -1;

			for (size_t i = 0; i < stem; i++) {
				if (is_accented(w[i]))
					acc = (long)i;
				if (is_vowel(w[i]))
					lastv = (long)i;
			}
			if (acc >= 0 && lastv >= 0 && acc != lastv) {
				o[acc] = unaccent(w[acc]);
				o[lastv] = accent(unaccent(w[lastv]));
			}
		}
		o[stem] = 0x3bf;
		o[stem + 1] = 0x3c5;
		return n;
	}
	if (last == 0x3a3 && (prev == 0x397 || prev == 0x391))
		return n - 1;				/* -ης, -ας */
	if (last == 0x39d && prev == 0x3a9) {		/* -ων */
		o[n] = upper ? 0x39f : 0x3bf;
		o[n + 1] = upper ? 0x3a3 : 0x3c2;
		return n + 2;
	}
	if (last == 0x391 || last == 0x397) {		/* -α, -η */
		o[n] = upper ? 0x3a3 : 0x3c2;
		return n + 1;
	}
	return n;
}

void
kit_genitive(const char *name, char *out, size_t outsz)
{
	unsigned w[WORD_MAX], o[WORD_MAX + 2];
	size_t nw = 0, n = 0;
	const char *s = name;
	char tmp[4];

	if (outsz == 0)
		return;
	for (;;) {
		unsigned c = *s != '\0' ? kit_utf8_dec(&s) : 0;
		int sep = c == 0 || c == ' ' || c == '-';

		if (!sep && nw < WORD_MAX) {
			w[nw++] = c;
			continue;
		}
		if (!sep) {			/* too long to decline */
			snprintf(out, outsz, "%s", name);
			return;
		}
		{
			size_t k = decline(w, nw, o);

			for (size_t i = 0; i < k; i++) {
				size_t m = kit_utf8_enc(o[i], tmp);

				if (n + m >= outsz)
					goto done;
				memcpy(out + n, tmp, m);
				n += m;
			}
		}
		nw = 0;
		if (c == 0)
			break;
		if (n + 1 >= outsz)
			break;
		out[n++] = (char)c;
	}
done:
	out[n] = '\0';
}



int
kit_units_parse(const char *spec, struct kit_units *u, char *err,
    size_t errsz)
{
	char *p, *item, *save = NULL;

	memset(u, 0, sizeof(*u));
	if (spec == NULL || strlen(spec) >= sizeof(u->buf)) {
		snprintf(err, errsz, "units: missing or too long");
		return -1;
	}
	memcpy(u->buf, spec, strlen(spec) + 1);
	for (p = u->buf; (item = strtok_r(p, ",", &save)) != NULL; p = NULL) {
		char *colon = strchr(item, ':');
		char *name, *gen;

		if (colon == NULL) {
			snprintf(err, errsz, "units: '%s' is not "
			    "name:genitive", kit_trim(item));
			return -1;
		}
		*colon = '\0';
		name = kit_trim(item);
		gen = kit_trim(colon + 1);
		if (*name == '\0' || *gen == '\0' ||
		    u->n == KIT_MAX_UNITS) {
			snprintf(err, errsz, "units: an empty name or more "
			    "than %d units", KIT_MAX_UNITS);
			return -1;
		}
		u->name[u->n] = name;
		u->genitive[u->n] = gen;
		u->n++;
	}
	if (u->n == 0) {
		snprintf(err, errsz, "units: none given");
		return -1;
	}
	return 0;
}

const char *
kit_unit_genitive(const struct kit_units *u, const char *name)
{
	for (size_t i = 0; name != NULL && i < u->n; i++)
		if (kit_fold_eq(u->name[i], name))
			return u->genitive[i];
	return NULL;
}


void
kit_key_make(struct kit_key *k, const char *afm, const char *surname,
    const char *name, const char *father, int year)
{
	memset(k, 0, sizeof(*k));
	if (afm != NULL && kit_afm_valid(afm))
		memcpy(k->afm, afm, 10);
	kit_fold(surname, k->surname, sizeof(k->surname));
	kit_fold(name, k->name, sizeof(k->name));
	kit_fold(father, k->father, sizeof(k->father));
	k->year = year > 0 ? year : 0;
}

enum kit_match
kit_match(const struct kit_key *a, const struct kit_key *e)
{
	if (a->afm[0] != '\0' && e->afm[0] != '\0')
		return strcmp(a->afm, e->afm) == 0 ? KIT_MATCH_AFM :
		    KIT_MATCH_NONE;
	if (a->surname[0] == '\0' || a->name[0] == '\0' ||
	    a->father[0] == '\0' || a->year == 0)
		return KIT_MATCH_NONE;
	if (strcmp(a->surname, e->surname) == 0 &&
	    strcmp(a->name, e->name) == 0 &&
	    strcmp(a->father, e->father) == 0 && a->year == e->year)
		return KIT_MATCH_NAME;
	return KIT_MATCH_NONE;
}
