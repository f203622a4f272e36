/*
 * fee.c - the road occupation fee in integers (see fee.h).
 */
#include <stdio.h>
#include <string.h>

#include "fee.h"

/* Digits with an optional ',' or '.' and up to two decimals, as
 * hundredths; 0 on anything else or above max. */
static int
hundredths(const char *s, long long max, long long *out)
{
	long long whole = 0, frac = 0;
	size_t i = 0, nd = 0, nf = 0;

	if (s == NULL)
		return 0;
	for (; s[i] >= '0' && s[i] <= '9'; i++, nd++) {
		if (nd >= 12)
			return 0;
		whole = whole * 10 + (s[i] - '0');
	}
	if (nd == 0)
		return 0;
	if (s[i] == ',' || s[i] == '.') {
		for (i++; s[i] >= '0' && s[i] <= '9'; i++, nf++) {
			if (nf >= 2)
				return 0;
			frac = frac * 10 + (s[i] - '0');
		}
		if (nf == 0)
			return 0;
		if (nf == 1)
			frac *= 10;
	}
	if (s[i] != '\0' || whole > max / 100 || whole * 100 + frac > max)
		return 0;
	*out = whole * 100 + frac;
	return 1;
}

int
fee_money_parse(const char *s, long long *cents)
{
	return hundredths(s, 10000000000LL, cents);
}

int
fee_area_parse(const char *s, long long *area)
{
	long long v;

	if (!hundredths(s, FEE_AREA_MAX, &v) || v < 1)
		return 0;
	*area = v;
	return 1;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static long long
days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
date(const char *s, long long *day)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int y, m, d, n = 0;

	if (s == NULL || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m,
	    &d, &n) != 3 || n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0)))
		return 0;
	*day = days_from_civil(y, m, d);
	return 1;
}

int
fee_days(const char *from, const char *to, int *days)
{
	long long a, b;

	if (!date(from, &a) || !date(to, &b) || b < a ||
	    b - a + 1 > FEE_DAYS_MAX)
		return 0;
	*days = (int)(b - a + 1);
	return 1;
}

int
fee_compute(long long area, int days, long long rate, long long minimum,
    long long *cents)
{
	long long v;

	if (area < 1 || area > FEE_AREA_MAX || days < 1 ||
	    days > FEE_DAYS_MAX || rate < 0 || rate > FEE_RATE_MAX ||
	    minimum < 0 || minimum > FEE_RATE_MAX)
		return 0;
	/* At most 1e6 x 366 x 1e7 = 3.7e15: no overflow. Area is in
	 * hundredths of m2, so the exact fee is v / 100 cents. */
	v = area * days * rate;
	v = (v + 50) / 100;
	*cents = v < minimum ? minimum : v;
	return 1;
}

void
fee_money_format(long long cents, char out[FEE_MONEY_SIZE])
{
	char digits[24];
	size_t n, o = 0;
	int neg = cents < 0;
	unsigned long long v = neg ? 0ULL - (unsigned long long)cents :
	    (unsigned long long)cents;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu", v / 100);
	if (neg)
		out[o++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	snprintf(out + o, FEE_MONEY_SIZE - o, ",%02llu \xe2\x82\xac", v % 100);
}
