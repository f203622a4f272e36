/*
 * money.c - integer cents in and out. Nothing here ever goes
 * through a double: a euro amount is digits before and after a decimal
 * sign, and the cents are computed from them.
 */
#include <stdio.h>
#include <string.h>

#include "dimos/kit/money.h"

/* Digits of s[0..n) as a number, -1 if empty, not digits or too large. */
static long long
digits_value(const char *s, size_t n)
{
	long long v = 0;

	if (n == 0 || n > 12)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Euros and one or two decimal digits to cents, bounded. */
static int
combine(long long euros, const char *dec, size_t ndec, long long *cents)
{
	long long c = 0;

	if (euros < 0 || ndec > 2)
		return -1;
	if (ndec > 0 && (c = digits_value(dec, ndec)) < 0)
		return -1;
	if (ndec == 1)
		c *= 10;
	if (euros > KIT_MONEY_MAX_CENTS / 100)
		return -1;
	*cents = euros * 100 + c;
	return *cents <= KIT_MONEY_MAX_CENTS ? 0 : -1;
}

int
kit_money_parse_plain(const char *s, long long *cents)
{
	const char *dot = strchr(s, '.');

	if (dot == NULL)
		return combine(digits_value(s, strlen(s)), NULL, 0, cents);
	if (dot[1] == '\0')
		return -1;
	return combine(digits_value(s, (size_t)(dot - s)), dot + 1,
	    strlen(dot + 1), cents);
}

/*
 * The integer part with optional grouping points: "1234" or "1.234.567"
 * (groups of exactly three after the first of one to three).
 */
static long long
grouped_value(const char *s, size_t n)
{
	char buf[32];
	size_t o = 0, run = 0;
	int grouped = memchr(s, '.', n) != NULL;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (run == 0 || (o > run && run != 3) || run > 3)
				return -1;
			run = 0;
			continue;
		}
		buf[o++] = s[i];
		run++;
	}
	if (grouped && run != 3)
		return -1;
	return digits_value(buf, o);
}

int
kit_money_parse_typed(const char *s, long long *cents)
{
	char buf[64];
	size_t n = 0;
	const char *comma, *dot;

	/* Drop spaces (also U+00A0, U+202F) and one trailing euro sign. */
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0';
	    p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (p[0] == 0xc2 && p[1] == 0xa0) {
			p++;
			continue;
		}
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xaf) {
			p += 2;
			continue;
		}
		if (p[0] == 0xe2 && p[1] == 0x82 && p[2] == 0xac) {
			/* € only at the end */
			const unsigned char *q = p + 3;

			while (*q == ' ')
				q++;
			if (*q != '\0')
				return -1;
			break;
		}
		if (n + 1 >= sizeof(buf))
			return -1;
		buf[n++] = (char)*p;
	}
	buf[n] = '\0';
	if (n == 0)
		return -1;
	comma = strchr(buf, ',');
	if (comma != NULL) {
		if (strchr(comma + 1, ',') != NULL || strchr(comma, '.') !=
		    NULL || comma[1] == '\0')
			return -1;
		return combine(grouped_value(buf, (size_t)(comma - buf)),
		    comma + 1, strlen(comma + 1), cents);
	}
	dot = strrchr(buf, '.');
	if (dot != NULL && strchr(buf, '.') == dot && strlen(dot + 1) >= 1 &&
	    strlen(dot + 1) <= 2)
		return combine(digits_value(buf, (size_t)(dot - buf)),
		    dot + 1, strlen(dot + 1), cents);
	return combine(grouped_value(buf, n), NULL, 0, cents);
}

void
kit_money_format_bare(long long cents, char out[KIT_MONEY_BUFSZ])
{
	char digits[24], grouped[40];
	unsigned long long v;
	size_t n, o = 0;
	int neg = cents < 0;

	v = neg ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
	n = (size_t)snprintf(digits, sizeof(digits), "%llu", v / 100);
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[o++] = '.';
		grouped[o++] = digits[i];
	}
	grouped[o] = '\0';
	snprintf(out, KIT_MONEY_BUFSZ, "%s%s,%02llu", neg ? "-" : "", grouped,
	    v % 100);
}

void
kit_money_format(long long cents, char out[KIT_MONEY_BUFSZ])
{
	static const char euro[] = "\xc2\xa0\xe2\x82\xac";	/* " €" */
	size_t n;

	/* at most 26 characters ("-92.233.720.368.547.758,08") and 5 more */
	kit_money_format_bare(cents, out);
	n = strlen(out);
	if (n + sizeof(euro) <= KIT_MONEY_BUFSZ)
		memcpy(out + n, euro, sizeof(euro));
}

void
kit_money_format_plain(long long cents, char out[KIT_MONEY_BUFSZ])
{
	unsigned long long v;
	int neg = cents < 0;

	v = neg ? 0ULL - (unsigned long long)cents : (unsigned long long)cents;
	snprintf(out, KIT_MONEY_BUFSZ, "%s%llu.%02llu", neg ? "-" : "", v / 100,
	    v % 100);
}
