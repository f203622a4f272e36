/*
 * ids.c - Greek identifiers: the tax number (ΑΦΜ) and the social security
 * number (ΑΜΚΑ), by their check digits.
 */
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
