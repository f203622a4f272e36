/*
 * kaek.c - ΚΑΕΚ and electricity supply numbers (pure).
 */
#include <stdio.h>
#include <string.h>

#include "kaek.h"

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
kaek_parse(const char *s, char out[KAEK_MAX + 1])
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
		snprintf(out, KAEK_MAX + 1, "%s", d);
	else
		snprintf(out, KAEK_MAX + 1, "%s/%u/%u", d, h, v);
	return 0;
}

void
kaek_format(const char *kaek, char *out, size_t outsz)
{
	if (strlen(kaek) < 12) {
		snprintf(out, outsz, "%s", kaek);
		return;
	}
	snprintf(out, outsz, "%.2s %.3s %.2s %.2s %.3s%s", kaek, kaek + 2,
	    kaek + 5, kaek + 7, kaek + 9, kaek + 12);
}

int
power_supply_parse(const char *s, char out[POWER_SUPPLY_MAX + 1])
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (!is_digit(*s) || n == POWER_SUPPLY_MAX)
			return -1;
		out[n++] = *s;
	}
	out[n] = '\0';
	return n >= 9 ? 0 : -1;
}
