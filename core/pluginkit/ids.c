/*
 * ids.c - Greek identifiers: the tax number (ΑΦΜ) and the social security
 * number (ΑΜΚΑ), by their check digits; the cadastre's ΚΑΕΚ and the
 * electricity supply number, by their shape.
 */
#include <stdio.h>
#include <string.h>

#include "dimos/kit/ids.h"
#include "internal.h"

int
kit_afm_valid(const char *s)
{
	unsigned sum = 0;

	if (s == NULL || strlen(s) != 9 || !kit_digits(s, 9) ||
	    strcmp(s, "000000000") == 0)
		return 0;
	for (int i = 0; i < 8; i++)
		sum += (unsigned)(s[i] - '0') << (8 - i);
	return sum % 11 % 10 == (unsigned)(s[8] - '0');
}

int
kit_amka_valid(const char *s)
{
	unsigned sum = 0;

	if (s == NULL || strlen(s) != 11 || !kit_digits(s, 11))
		return 0;
	for (int i = 0; i < 11; i++) {
		unsigned d = (unsigned)(s[10 - i] - '0');

		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A property number after a slash: 1..4 digits, no leading zeros. */
static const char *
part(const char *s, unsigned *v)
{
	size_t n = 0;

	*v = 0;
	while (is_digit(s[n])) {
		if (n == 4 || (n == 1 && s[0] == '0'))
			return NULL;
		*v = *v * 10 + (unsigned)(s[n] - '0');
		n++;
	}
	return n > 0 ? s + n : NULL;
}

int
kit_kaek_parse(const char *s, char out[KIT_KAEK_MAX + 1])
{
	char d[13];
	size_t n = 0;
	unsigned h = 0, v = 0;
	int zero = 1;

	for (; *s != '\0' && *s != '/'; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (!is_digit(*s) || n == 12)
			return -1;
		if (*s != '0')
			zero = 0;
		d[n++] = *s;
	}
	d[n] = '\0';
	if (n != 12 || zero)
		return -1;
	/* The regional unit (01..) and the cadastral area are never 0. */
	if (memcmp(d, "00", 2) == 0 || memcmp(d + 2, "000", 3) == 0)
		return -1;
	if (*s == '/') {
		if ((s = part(s + 1, &h)) == NULL || *s != '/' ||
		    (s = part(s + 1, &v)) == NULL)
			return -1;
		while (*s == ' ')
			s++;
		if (*s != '\0')
			return -1;
	}
	if (h == 0 && v == 0)
		snprintf(out, KIT_KAEK_MAX + 1, "%s", d);
	else
		snprintf(out, KIT_KAEK_MAX + 1, "%s/%u/%u", d, h, v);
	return 0;
}

void
kit_kaek_format(const char *kaek, char *out, size_t outsz)
{
	if (strlen(kaek) < 12) {
		snprintf(out, outsz, "%s", kaek);
		return;
	}
	snprintf(out, outsz, "%.2s %.3s %.2s %.2s %.3s%s", kaek, kaek + 2,
	    kaek + 5, kaek + 7, kaek + 9, kaek + 12);
}

int
kit_power_supply_parse(const char *s, char out[KIT_POWER_SUPPLY_MAX + 1])
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (!is_digit(*s) || n == KIT_POWER_SUPPLY_MAX)
			return -1;
		out[n++] = *s;
	}
	out[n] = '\0';
	return n >= 9 ? 0 : -1;
}
