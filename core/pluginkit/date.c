/*
 * date.c - ISO dates as registries and forms write them, and the Greek
 * ways of showing them. Today is not the kit's to know: it comes from the
 * host (host->today), in the municipality's time zone. Days to dates and
 * back are H. Hinnant's civil-date algorithms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dimos/kit/date.h"
#include "internal.h"

int
kit_date_valid(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !kit_digits(s, 4) || !kit_digits(s + 5, 2) || !kit_digits(s + 8, 2))
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1800 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

int
kit_date_year(const char *iso)
{
	return kit_date_valid(iso) ? atoi(iso) : 0;
}

void
kit_date_short(const char *iso, char *out, size_t outsz)
{
	if (!kit_date_valid(iso)) {
		snprintf(out, outsz, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, outsz, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

void
kit_date_long(const char *iso, char *out, size_t outsz)
{
	/* the genitive, as a date is written in Greek */
	static const char *const months[12] = { "Ιανουαρίου",
	    "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
	    "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου",
	    "Νοεμβρίου", "Δεκεμβρίου" };

	if (!kit_date_valid(iso)) {
		snprintf(out, outsz, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, outsz, "%d %s %.4s", atoi(iso + 8),
	    months[atoi(iso + 5) - 1], iso);
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back
 * (H. Hinnant's algorithms). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400) + (*m <= 2);
}

static int
days_of(const char *iso, long *days)
{
	if (!kit_date_valid(iso))
		return 0;
	*days = days_from_civil(atoi(iso), atoi(iso + 5), atoi(iso + 8));
	return 1;
}

int
kit_date_weekday(const char *iso)
{
	long z;

	if (!days_of(iso, &z))
		return 0;
	/* 1970-01-01 was a Thursday */
	return (int)(((z % 7) + 7 + 3) % 7) + 1;
}

int
kit_date_add(const char *iso, long n, char out[11])
{
	long z;
	int y, m, d;

	if (!days_of(iso, &z) || n > 3000000 || n < -3000000)
		return -1;
	civil_from_days(z + n, &y, &m, &d);
	if (y < 1800 || y > 9999)
		return -1;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return 0;
}

long
kit_date_diff(const char *a, const char *b, int *ok)
{
	long x, y;

	*ok = days_of(a, &x) && days_of(b, &y);
	return *ok ? y - x : 0;
}

long
kit_date_days(const char *iso)
{
	return days_from_civil(atoi(iso), atoi(iso + 5), atoi(iso + 8));
}

void
kit_date_from_days(long n, char out[11])
{
	int y, m, d;

	civil_from_days(n, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

int
kit_date_month_days(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) ||
	    year % 400 == 0))
		return 29;
	return days[(month - 1) % 12];
}

int
kit_time_local(const char *utc, char out[17])
{
	char day[11], buf[64];
	struct tm tm;
	time_t t;

	out[0] = '\0';
	if (utc == NULL || strlen(utc) < 16 || utc[10] != ' ' ||
	    utc[13] != ':' || !kit_digits(utc + 11, 2) ||
	    !kit_digits(utc + 14, 2))
		return -1;
	memcpy(day, utc, 10);
	day[10] = '\0';
	if (!kit_date_valid(day))
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(day) - 1900;
	tm.tm_mon = atoi(day + 5) - 1;
	tm.tm_mday = atoi(day + 8);
	tm.tm_hour = atoi(utc + 11);
	tm.tm_min = atoi(utc + 14);
	if (utc[16] == ':' && kit_digits(utc + 17, 2))
		tm.tm_sec = atoi(utc + 17);
	if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59 ||
	    (t = timegm(&tm)) == (time_t)-1 || localtime_r(&t, &tm) == NULL ||
	    tm.tm_year + 1900 > 9999)
		return -1;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d %02d:%02d",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min);
	memcpy(out, buf, 16);
	out[16] = '\0';
	return 0;
}
