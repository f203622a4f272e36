/*
 * fuzz_validate.c - libFuzzer harness for the value validators.
 * Owns: running every validator (and the calendar) on arbitrary input and
 * checking what a valid result promises.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "validate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
fz_all_digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[n] == '\0';
}

static void
fz_phone(const char *s)
{
	char	out[VAL_PHONE_SIZE], again[VAL_PHONE_SIZE];
	int	ok = val_phone_gr(s, out), mob = val_mobile_gr(s, again);

	if (mob && !ok)
		abort();
	if (!ok) {
		if (out[0] != '\0')
			abort();
		return;
	}
	/* Normalized form: "+30" and ten digits, itself valid. */
	if (strncmp(out, "+30", 3) != 0 || !fz_all_digits(out + 3, 10) ||
	    (out[3] != '2' && strncmp(out + 3, "69", 2) != 0))
		abort();
	if (!val_phone_gr(out, again) || strcmp(out, again) != 0)
		abort();
}

static void
fz_int(const char *s)
{
	long long	v, w;
	char		buf[32];

	if (!val_int(s, -1000, 1000, &v))
		return;
	if (v < -1000 || v > 1000)
		abort();
	/* Round trip, leading zeros and "-0" aside. */
	snprintf(buf, sizeof(buf), "%lld", v);
	if (!val_int(buf, -1000, 1000, &w) || w != v || v != strtoll(s, NULL,
	    10))
		abort();
}

static void
fz_dates(const char *s)
{
	int	y, m, d, hh, mm, y2, m2, d2;

	if (val_date(s, &y, &m, &d)) {
		if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
		    d > 31 || strlen(s) != 10)
			abort();
		cal_add_business_days(NULL, y, m, d, (unsigned)d * 7, &y2, &m2,
		    &d2);
		/* The due date is n business days after day 0. */
		if (!cal_is_business_day(NULL, y2, m2, d2) ||
		    cal_business_days_between(NULL, y, m, d, y2, m2, d2) !=
		    (long)d * 7)
			abort();
	}
	if (val_datetime(s, &y, &m, &d, &hh, &mm) &&
	    (hh < 0 || hh > 23 || mm < 0 || mm > 59))
		abort();
}

/* Arbitrary ints into the calendar: no crash or UB whatever they are. */
static void
fz_calendar(const uint8_t *data, size_t size)
{
	int32_t		v[4];
	int		y, m, d;

	if (size < sizeof(v))
		return;
	memcpy(v, data, sizeof(v));
	(void)cal_is_holiday(v[0], v[1], v[2]);
	(void)cal_is_business_day(NULL, v[0], v[1], v[2]);
	cal_orthodox_easter(v[0], &m, &d);
	/* Keep the walk short: years near the input's, few days. */
	cal_add_business_days(NULL, v[0], v[1], v[2], (unsigned)v[3] % 2000,
	    &y, &m, &d);
	y = v[0] < INT32_MAX - 3 ? v[0] + (v[3] & 3) : v[0];
	(void)cal_business_days_between(NULL, v[0], v[1], v[2], y, v[1],
	    v[2]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s;
	const char	*comma;
	double		 la, lo;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (val_afm(s) && (!fz_all_digits(s, 9) || strcmp(s, "000000000") ==
	    0))
		abort();
	if (val_amka(s) && !fz_all_digits(s, 11))
		abort();
	fz_phone(s);
	if (val_email(s) && (strlen(s) > 254 || strchr(s, '@') == NULL))
		abort();
	if (val_utf8(s, size)) {
		if (memchr(s, '\0', size) != NULL ||
		    val_utf8_chars(s, size) > size)
			abort();
	}
	fz_dates(s);
	fz_int(s);
	/* "lat,lon" splits at the first comma. */
	if ((comma = strchr(s, ',')) != NULL) {
		s[comma - s] = '\0';
		if (val_latlon(s, comma + 1, &la, &lo) && (la < -90 ||
		    la > 90 || lo < -180 || lo > 180))
			abort();
	}
	fz_calendar(data, size);
	free(s);
	return 0;
}
