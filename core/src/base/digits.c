/*
 * digits.c - decimal digits written and read without printf or sscanf.
 */
#include "digits.h"

char *
dig_fixed(char *p, unsigned long long v, int n)
{
	for (int i = n - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + (n > 0 ? n : 0);
}

size_t
dig_int(char out[DIG_INT_SIZE], long long v)
{
	char tmp[DIG_INT_SIZE], *p = tmp + sizeof(tmp);
	/* The magnitude in unsigned arithmetic: LLONG_MIN has no positive
	 * counterpart. */
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;
	size_t len;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		*--p = '-';
	len = (size_t)(tmp + sizeof(tmp) - p);
	for (size_t i = 0; i < len; i++)
		out[i] = p[i];
	out[len] = '\0';
	return len;
}

int
dig_read(const char *p, int n)
{
	int v = 0;

	if (n < 0 || n > 9)
		return -1;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	return v;
}
