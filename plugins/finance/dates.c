/*
 * dates.c - days to dates and back (H. Hinnant's civil-date algorithms),
 * so that "a month from today" and "days between two readings" never
 * depend on the process's time zone or clock.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dates.h"

long
date_days(const char *iso)
{
	long y = strtol(iso, NULL, 10), m = strtol(iso + 5, NULL, 10),
	    d = strtol(iso + 8, NULL, 10), era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_from_days(long n, char out[11])
{
	long z = n + 719468, era, doe, yoe, y, doy, mp, d, m;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, 11, "%04lu-%02lu-%02lu", (unsigned long)y % 10000ul,
	    (unsigned long)m % 100ul, (unsigned long)d % 100ul);
}

void
date_add(const char *iso, long n, char out[11])
{
	date_from_days(date_days(iso) + n, out);
}

int
date_month_days(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) ||
	    year % 400 == 0))
		return 29;
	return days[(month - 1) % 12];
}
