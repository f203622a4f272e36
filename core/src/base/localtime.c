/*
 * localtime.c - local dates for people, UTC in the database.
 * TZ is set once per process; glibc then does the daylight-saving
 * arithmetic. Dates in the calendar sense (due dates) are local.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dimos/kit/date.h"

#include "arena.h"
#include "config.h"
#include "digits.h"
#include "localtime.h"
#include "log.h"
#include "validate.h"

#define MAX_EXTRA	128
#define UNIX_SERIAL	719163		/* cal_serial(1970, 1, 1) */

static int extra[MAX_EXTRA];
static struct cal calendar = { extra, 0 };

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static char zone[64] = "UTC";

void
lt_init(const struct config *cfg)
{
	const char *p = cfg->mun_holidays;

	snprintf(zone, sizeof(zone), "%s", cfg->mun_timezone ?
	    cfg->mun_timezone : "UTC");
	setenv("TZ", zone, 1);
	tzset();
	calendar.nextra = 0;
	while (p != NULL && *p != '\0' && calendar.nextra < MAX_EXTRA) {
		int y, m, d;

		while (*p == ' ' || *p == ',')
			p++;
		if (sscanf(p, "%4d-%2d-%2d", &y, &m, &d) == 3)
			extra[calendar.nextra++] = y * 10000 + m * 100 + d;
		p = strchr(p, ',');
	}
	qsort(extra, calendar.nextra, sizeof(extra[0]), cmp_int);
}

const struct cal *
lt_calendar(void)
{
	return &calendar;
}

/*
 * "YYYY-MM-DD HH:MM:SS[.ffffff]" as the database gives it, read without
 * sscanf and timegm (lists format one per row); anything else, the
 * general way.
 */
static int
parse_utc(const char *utc, time_t *t)
{
	struct tm tm;
	int y, mo, d, h, mi, se;

	if (utc == NULL)
		return 0;
	if (strnlen(utc, 19) == 19 && utc[4] == '-' && utc[7] == '-' &&
	    utc[10] == ' ' && utc[13] == ':' && utc[16] == ':' &&
	    (y = dig_read(utc, 4)) >= 1 && (mo = dig_read(utc + 5, 2)) >= 1 &&
	    mo <= 12 && (d = dig_read(utc + 8, 2)) >= 1 && d <= 31 &&
	    (h = dig_read(utc + 11, 2)) >= 0 && h < 24 &&
	    (mi = dig_read(utc + 14, 2)) >= 0 && mi < 60 &&
	    (se = dig_read(utc + 17, 2)) >= 0 && se <= 60 &&
	    (utc[19] == '\0' || utc[19] == '.')) {
		*t = (time_t)(cal_serial(y, mo, d) - UNIX_SERIAL) * 86400 +
		    h * 3600 + mi * 60 + se;
		return 1;
	}
	memset(&tm, 0, sizeof(tm));
	if (sscanf(utc, "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) < 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 1;
}

/* A struct tm of a civil date and time. */
static void
civil_tm(struct tm *tm, int y, int m, int d, int hh, int mm, int ss)
{
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = hh;
	tm->tm_min = mm;
	tm->tm_sec = ss;
}

/*
 * The municipality's time of a stored UTC time into *lt: 1, or 0 if utc
 * is not a time, or -1 if its year has not four digits (written the
 * general way, or not at all).
 */
static int
local_tm(const char *utc, struct tm *lt)
{
	time_t t;

	if (!parse_utc(utc, &t))
		return 0;
	localtime_r(&t, lt);
	return lt->tm_year + 1900 < 0 || lt->tm_year + 1900 > 9999 ? -1 : 1;
}

const char *
lt_zone(void)
{
	return zone;
}

int
lt_local(const char *utc, char out[17])
{
	/* The plugins' reading of a stored time (the process's zone is the
	 * municipality's: lt_init), one parser for both. */
	return kit_time_local(utc, out);
}

void
lt_local_day(time_t t, char out[11])
{
	struct tm lt;

	if (localtime_r(&t, &lt) == NULL || lt.tm_year + 1900 < 0 ||
	    lt.tm_year + 1900 > 9999) {
		snprintf(out, 11, "-");
		return;
	}
	out = dig_fixed(out, (unsigned)lt.tm_year + 1900, 4);
	*out++ = '-';
	out = dig_fixed(out, (unsigned)lt.tm_mon + 1, 2);
	*out++ = '-';
	out = dig_fixed(out, (unsigned)lt.tm_mday, 2);
	*out = '\0';
}

const char *
lt_format(struct arena *a, const char *utc, int with_time)
{
	struct tm lt;
	char *out, *p;
	int k = local_tm(utc, &lt);

	if (k == 0)
		return NULL;
	if (k < 0)
		return arena_printf(a, "%02d/%02d/%04d", lt.tm_mday,
		    lt.tm_mon + 1, lt.tm_year + 1900);
	/* "DD/MM/YYYY[ HH:MM]", one per row of a list: no printf. */
	p = out = arena_alloc(a, 17);
	p = dig_fixed(p, (unsigned)lt.tm_mday, 2);
	*p++ = '/';
	p = dig_fixed(p, (unsigned)lt.tm_mon + 1, 2);
	*p++ = '/';
	p = dig_fixed(p, (unsigned)lt.tm_year + 1900, 4);
	if (with_time) {
		*p++ = ' ';
		p = dig_fixed(p, (unsigned)lt.tm_hour, 2);
		*p++ = ':';
		p = dig_fixed(p, (unsigned)lt.tm_min, 2);
	}
	*p = '\0';
	return out;
}

const char *
lt_day(struct arena *a, const char *utc)
{
	struct tm lt;
	char *out, *p;

	if (local_tm(utc, &lt) != 1)
		return NULL;
	p = out = arena_alloc(a, 11);
	p = dig_fixed(p, (unsigned)lt.tm_year + 1900, 4);
	*p++ = '-';
	p = dig_fixed(p, (unsigned)lt.tm_mon + 1, 2);
	*p++ = '-';
	p = dig_fixed(p, (unsigned)lt.tm_mday, 2);
	*p = '\0';
	return out;
}

const char *
lt_date(struct arena *a, const char *ymd)
{
	int y, m, d;
	char *out;

	if (ymd == NULL)
		return NULL;
	/* "YYYY-MM-DD" as the database gives it (a due date on every row
	 * of a list): the digits moved, no sscanf or printf. */
	if (strnlen(ymd, 11) == 10 && ymd[4] == '-' && ymd[7] == '-' &&
	    dig_read(ymd, 4) >= 0 && dig_read(ymd + 5, 2) >= 0 &&
	    dig_read(ymd + 8, 2) >= 0) {
		out = arena_alloc(a, 11);
		memcpy(out, ymd + 8, 2);
		out[2] = '/';
		memcpy(out + 3, ymd + 5, 2);
		out[5] = '/';
		memcpy(out + 6, ymd, 4);
		out[10] = '\0';
		return out;
	}
	if (sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return NULL;
	return arena_printf(a, "%02d/%02d/%04d", d, m, y);
}

void
lt_today(int *y, int *m, int *d)
{
	time_t now = time(NULL);
	struct tm lt;

	localtime_r(&now, &lt);
	*y = lt.tm_year + 1900;
	*m = lt.tm_mon + 1;
	*d = lt.tm_mday;
}

void
lt_due(unsigned n, char out[11])
{
	int y, m, d, oy, om, od;

	lt_today(&y, &m, &d);
	cal_add_business_days(&calendar, y, m, d, n, &oy, &om, &od);
	snprintf(out, 11, "%04d-%02d-%02d", oy, om, od);
}

long
lt_business_days_since(const char *utc)
{
	struct tm lt;
	time_t t;
	int y, m, d;

	if (!parse_utc(utc, &t))
		return 0;
	localtime_r(&t, &lt);
	lt_today(&y, &m, &d);
	return cal_business_days_between(&calendar, lt.tm_year + 1900,
	    lt.tm_mon + 1, lt.tm_mday, y, m, d);
}

void
lt_add_business(char ymd[11], long n)
{
	int y, m, d, oy, om, od;

	if (n <= 0 || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return;
	/* Counting from a business day, n more business days. */
	cal_add_business_days(&calendar, y, m, d, (unsigned)n, &oy, &om, &od);
	snprintf(ymd, 11, "%04d-%02d-%02d", oy, om, od);
}

void
lt_today_iso(char out[11])
{
	int y, m, d;

	lt_today(&y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

void
lt_utc_text(time_t t, char out[20])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

void
lt_now_iso(char out[20])
{
	time_t now = time(NULL);
	struct tm lt;

	localtime_r(&now, &lt);
	strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &lt);
}

int
lt_utc_of_local(const char *local, char out[20])
{
	struct tm tm;
	time_t t;
	int y, m, d, hh, mm, ss = 0;

	if (local == NULL || !val_datetime(local, &y, &m, &d, &hh, &mm))
		return -1;
	if (strlen(local) > 16)
		ss = atoi(local + 17);
	civil_tm(&tm, y, m, d, hh, mm, ss);
	tm.tm_isdst = -1;	/* the zone's rules decide */
	if ((t = mktime(&tm)) == (time_t)-1)
		return -1;
	lt_utc_text(t, out);
	return 0;
}

const char *
lt_w3c(struct arena *a, const char *utc)
{
	struct tm lt;
	time_t t;
	long off;

	if (!parse_utc(utc, &t))
		return NULL;
	localtime_r(&t, &lt);
	off = lt.tm_gmtoff;
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
	    lt.tm_year + 1900, lt.tm_mon + 1, lt.tm_mday, lt.tm_hour,
	    lt.tm_min, lt.tm_sec, off < 0 ? '-' : '+', labs(off) / 3600,
	    labs(off) % 3600 / 60);
}

int
lt_utc_of_w3c(const char *w3c, char out[20])
{
	char local[64];
	const char *p;
	struct tm tm;
	time_t t;
	int y, m, d, hh = 0, mm = 0, ss = 0, oh = 0, om = 0, n = 0;
	size_t len;

	if (w3c == NULL || (len = strlen(w3c)) < 10 || len > 40)
		return -1;
	memcpy(local, w3c, 10);
	local[10] = '\0';
	if (!val_date(local, &y, &m, &d))
		return -1;
	p = w3c + 10;
	if (*p == '\0') {
		snprintf(local, sizeof(local), "%04d-%02d-%02dT00:00", y, m, d);
		return lt_utc_of_local(local, out);
	}
	if (sscanf(p, "T%2d:%2d%n", &hh, &mm, &n) != 2 || n != 6)
		return -1;
	p += n;
	if (*p == ':') {
		if (sscanf(p, ":%2d%n", &ss, &n) != 1 || n != 3)
			return -1;
		p += n;
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
	}
	if (hh > 23 || mm > 59 || ss > 60 || hh < 0 || mm < 0 || ss < 0)
		return -1;
	if (*p == '\0') {
		snprintf(local, sizeof(local), "%04d-%02d-%02dT%02d:%02d:%02d",
		    y, m, d, hh, mm, ss > 59 ? 59 : ss);
		return lt_utc_of_local(local, out);
	}
	if (strcmp(p, "Z") != 0) {
		if ((*p != '+' && *p != '-') || sscanf(p + 1, "%2d:%2d%n", &oh,
		    &om, &n) != 2 || n != 5 || p[1 + n] != '\0' || oh > 14 ||
		    om > 59 || oh < 0 || om < 0)
			return -1;
		if (*p == '-') {
			oh = -oh;
			om = -om;
		}
	}
	civil_tm(&tm, y, m, d, hh, mm, ss > 59 ? 59 : ss);
	t = timegm(&tm) - (time_t)oh * 3600 - (time_t)om * 60;
	lt_utc_text(t, out);
	return 0;
}

int
lt_is_business_day(const char *ymd)
{
	int y, m, d;

	if (!val_date(ymd, &y, &m, &d))
		return -1;
	return cal_is_business_day(&calendar, y, m, d);
}

int
lt_add_business_days(const char *ymd, unsigned n, char out[11])
{
	int y, m, d, oy, om, od;

	if (!val_date(ymd, &y, &m, &d))
		return -1;
	cal_add_business_days(&calendar, y, m, d, n, &oy, &om, &od);
	snprintf(out, 11, "%04d-%02d-%02d", oy, om, od);
	return 0;
}

static long
offset_at(time_t t)
{
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_gmtoff;
}

size_t
lt_offset_periods(const char *from, const char *to, struct lt_period *out,
    size_t max)
{
	time_t t, end, start;
	long off;
	size_t n = 0;

	if (max == 0 || !parse_utc(from, &t) || !parse_utc(to, &end))
		return 0;
	/* Clocks change on the hour (of some zone): an hour's steps find
	 * each change, and halving the hour finds its second. */
	t -= 86400;
	end += 86400;
	start = t;
	off = offset_at(t);
	for (; t < end && n + 1 < max; t += 3600) {
		time_t lo = t, hi = t + 3600;

		if (offset_at(hi) == off)
			continue;
		while (hi - lo > 1) {
			time_t mid = lo + (hi - lo) / 2;

			if (offset_at(mid) == off)
				lo = mid;
			else
				hi = mid;
		}
		lt_utc_text(start, out[n].from);
		lt_utc_text(hi, out[n].to);
		out[n++].offset = off;
		start = hi;
		off = offset_at(hi);
	}
	lt_utc_text(start, out[n].from);
	out[n].offset = off;
	snprintf(out[n].to, sizeof(out[n].to), "9999-12-31 23:59:59");
	snprintf(out[0].from, sizeof(out[0].from), "1000-01-01 00:00:00");
	return n + 1;
}
