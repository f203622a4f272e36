/*
 * rf.c - ISO 11649 creditor references, the municipality's scheme and the
 * IBAN check (pure). Both standards use ISO 7064 MOD 97-10 over the text
 * with its first four characters moved to the end and letters read as
 * numbers (A = 10 ... Z = 35).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rf.h"

static int
alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

/* The remainder mod 97 of s read as a number (letters as two digits). */
static unsigned
mod97_feed(unsigned r, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			r = (r * 10 + (unsigned)(c - '0')) % 97;
		else
			r = (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
	}
	return r;
}

/* Copies s without spaces, in capitals; -1 if longer than max or if it
 * holds anything but letters and digits. */
static int
compact(const char *s, char *out, size_t max)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		int c = (unsigned char)*s;

		if (c == ' ')
			continue;
		c = toupper(c);
		if (!alnum(c) || n == max)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return 0;
}

int
rf_make(const char *body, char out[RF_MAX + 1])
{
	char b[RF_BODY_MAX + 1];
	unsigned r;
	size_t n = strlen(body);

	if (n == 0 || n > RF_BODY_MAX)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int c = toupper((unsigned char)body[i]);

		if (!alnum(c))
			return -1;
		b[i] = (char)c;
	}
	b[n] = '\0';
	r = mod97_feed(0, b, n);
	r = mod97_feed(r, "RF00", 4);
	snprintf(out, RF_MAX + 1, "RF%02u%s", 98 - r, b);
	return 0;
}

int
rf_parse(const char *s, char out[RF_MAX + 1])
{
	char c[RF_MAX + 1];
	size_t n;

	if (compact(s, c, RF_MAX) != 0)
		return -1;
	n = strlen(c);
	if (n < 5 || c[0] != 'R' || c[1] != 'F' || !isdigit((unsigned char)
	    c[2]) || !isdigit((unsigned char)c[3]))
		return -1;
	/* "RF00", "RF01" and "RF99" can never come out of rf_make. */
	if (mod97_feed(mod97_feed(0, c + 4, n - 4), c, 4) != 1)
		return -1;
	memcpy(out, c, n + 1);
	return 0;
}

int
rf_valid(const char *s)
{
	char out[RF_MAX + 1];

	return rf_parse(s, out) == 0;
}

static void
group4(const char *s, char *out, size_t outsz)
{
	size_t o = 0;

	for (size_t i = 0; s[i] != '\0' && o + 2 < outsz; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = ' ';
		out[o++] = s[i];
	}
	out[o] = '\0';
}

void
rf_group(const char *rf, char out[RF_GROUPED_MAX + 1])
{
	group4(rf, out, RF_GROUPED_MAX + 1);
}

int
rf_prefix_valid(const char *prefix)
{
	size_t n = strlen(prefix);

	if (n == 0 || n > RF_PREFIX_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)prefix[i]))
			return 0;
	return 1;
}

int
rf_ref_valid(const char *ref)
{
	size_t n = strlen(ref);

	if (n == 0 || n > RF_REF_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!alnum((unsigned char)ref[i]))
			return 0;
	return 1;
}

int
rf_scheme(const char *prefix, enum rf_kind kind, const char *ref,
    char out[RF_MAX + 1])
{
	char body[RF_BODY_MAX + 1];

	if (!rf_prefix_valid(prefix) || !rf_ref_valid(ref) ||
	    (kind != RF_KIND_DEBT && kind != RF_KIND_FEE))
		return -1;
	snprintf(body, sizeof(body), "%s%d%s", prefix, (int)kind, ref);
	return rf_make(body, out);
}

int
rf_scheme_split(const char *prefix, const char *rf, enum rf_kind *kind,
    char ref[RF_REF_MAX + 1])
{
	char c[RF_MAX + 1];
	size_t np = strlen(prefix), n;
	const char *body;

	if (!rf_prefix_valid(prefix) || rf_parse(rf, c) != 0)
		return -1;
	body = c + 4;
	n = strlen(body);
	if (n < np + 2 || n - np - 1 > RF_REF_MAX ||
	    strncmp(body, prefix, np) != 0)
		return -1;
	if (body[np] == '0' + RF_KIND_DEBT)
		*kind = RF_KIND_DEBT;
	else if (body[np] == '0' + RF_KIND_FEE)
		*kind = RF_KIND_FEE;
	else
		return -1;
	memcpy(ref, body + np + 1, n - np);
	return 0;
}

int
iban_parse(const char *s, char out[IBAN_MAX + 1])
{
	char c[IBAN_MAX + 1];
	size_t n;

	if (compact(s, c, IBAN_MAX) != 0)
		return -1;
	n = strlen(c);
	if (n < 15 || !isalpha((unsigned char)c[0]) ||
	    !isalpha((unsigned char)c[1]) || !isdigit((unsigned char)c[2]) ||
	    !isdigit((unsigned char)c[3]))
		return -1;
	if (c[0] == 'G' && c[1] == 'R' && n != 27)
		return -1;
	if (mod97_feed(mod97_feed(0, c + 4, n - 4), c, 4) != 1)
		return -1;
	memcpy(out, c, n + 1);
	return 0;
}

void
iban_group(const char *iban, char out[IBAN_GROUPED_MAX + 1])
{
	group4(iban, out, IBAN_GROUPED_MAX + 1);
}
