/*
 * plates.c - Greek vehicle registration plates (see plates.h).
 */
#include <string.h>

#include "plates.h"

/* The plate letters: Greek capital (UTF-8, 2 bytes) and its look-alike. */
static const struct {
	unsigned	 cp;		/* Greek capital's code point */
	char		 latin;
} letters[] = {
	{ 0x0391, 'A' }, { 0x0392, 'B' }, { 0x0395, 'E' }, { 0x0396, 'Z' },
	{ 0x0397, 'H' }, { 0x0399, 'I' }, { 0x039a, 'K' }, { 0x039c, 'M' },
	{ 0x039d, 'N' }, { 0x039f, 'O' }, { 0x03a1, 'P' }, { 0x03a4, 'T' },
	{ 0x03a5, 'Y' }, { 0x03a7, 'X' },
};

/* Next code point of s at *i, or -1 for malformed UTF-8. */
static long
next_cp(const unsigned char *s, size_t *i)
{
	unsigned c = s[*i];

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if ((c & 0xe0) == 0xc0 && (s[*i + 1] & 0xc0) == 0x80) {
		long cp = (long)(c & 0x1f) << 6 | (s[*i + 1] & 0x3f);

		*i += 2;
		return cp >= 0x80 ? cp : -1;
	}
	return -1;	/* nothing on a plate needs more than two bytes */
}

/* The plate letter (as its Latin look-alike) a code point stands for. */
static char
plate_letter(long cp)
{
	/* Small letters and letters with a tonos, as capitals. */
	if (cp >= 'a' && cp <= 'z')
		cp -= 'a' - 'A';
	if (cp >= 0x03b1 && cp <= 0x03c9 && cp != 0x03c2)
		cp -= 0x20;
	switch (cp) {
	case 0x0386: case 0x03ac: cp = 0x0391; break;	/* Ά ά */
	case 0x0388: case 0x03ad: cp = 0x0395; break;	/* Έ έ */
	case 0x0389: case 0x03ae: cp = 0x0397; break;	/* Ή ή */
	case 0x038a: case 0x03af: cp = 0x0399; break;	/* Ί ί */
	case 0x038c: case 0x03cc: cp = 0x039f; break;	/* Ό ό */
	case 0x038e: case 0x03cd: cp = 0x03a5; break;	/* Ύ ύ */
	default: break;
	}
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (cp == letters[i].cp || cp == letters[i].latin)
			return letters[i].latin;
	return 0;
}

static void
put_greek(char *out, size_t *o, char latin)
{
	for (size_t i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (letters[i].latin == latin) {
			out[(*o)++] = (char)(0xc0 | letters[i].cp >> 6);
			out[(*o)++] = (char)(0x80 | (letters[i].cp & 0x3f));
			return;
		}
}

enum plate_kind
plate_parse(const char *s, char out[PLATE_SIZE])
{
	const unsigned char *u = (const unsigned char *)s;
	char let[4], dig[8];
	size_t i = 0, nl = 0, nd = 0, o = 0;
	int dashes = 0;
	enum plate_kind kind;

	out[0] = '\0';
	if (s == NULL || strlen(s) > 40)
		return PLATE_INVALID;
	while (u[i] != '\0') {
		long cp = next_cp(u, &i);
		char l;

		if (cp < 0)
			return PLATE_INVALID;
		if (cp == ' ')
			continue;
		if (cp == '-') {
			/* One dash, between the letters and the digits. */
			if (++dashes > 1 || nl == 0 || nd > 0)
				return PLATE_INVALID;
			continue;
		}
		if (cp >= '0' && cp <= '9') {
			if (nl == 0 || nd >= 6)
				return PLATE_INVALID;
			dig[nd++] = (char)cp;
			continue;
		}
		if ((l = plate_letter(cp)) == 0 || nd > 0 || dashes > 0 ||
		    nl >= 3)
			return PLATE_INVALID;
		let[nl++] = l;
	}
	if (nl == 3 && nd == 4 && dig[0] != '0')
		kind = PLATE_VEHICLE;
	else if (nl == 3 && nd == 3 && dig[0] != '0')
		kind = PLATE_MOTORCYCLE;
	else if (nl == 2 && let[0] == 'M' && let[1] == 'E' && (nd == 5 ||
	    nd == 6))
		kind = PLATE_MACHINERY;
	else
		return PLATE_INVALID;
	for (size_t k = 0; k < nl; k++)
		put_greek(out, &o, let[k]);
	out[o++] = '-';
	memcpy(out + o, dig, nd);
	out[o + nd] = '\0';
	return kind;
}
