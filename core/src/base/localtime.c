/*
 * localtime.c - local dates for people, UTC in the database.
 * TZ is set once per process; glibc then does the daylight-saving
 * arithmetic. Dates in the calendar sense (due dates) are local.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "config.h"
#include "localtime.h"
#include "log.h"
#include "validate.h"

#define MAX_EXTRA	128

static int extra[MAX_EXTRA];
static struct cal calendar = { extra, 0 };

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

void
lt_init(const struct config *cfg)
{
	const char *p = cfg->mun_holidays;

	setenv("TZ", cfg->mun_timezone ? cfg->mun_timezone : "UTC", 1);
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

static int
parse_utc(const char *utc, time_t *t)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (utc == NULL || sscanf(utc, "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) < 3)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 1;
}

const char *
lt_format(struct arena *a, const char *utc, int with_time)
{
	struct tm lt;
	time_t t;

	if (!parse_utc(utc, &t))
		return NULL;
	localtime_r(&t, &lt);
	if (with_time)
		return arena_printf(a, "%02d/%02d/%04d %02d:%02d", lt.tm_mday,
		    lt.tm_mon + 1, lt.tm_year + 1900, lt.tm_hour, lt.tm_min);
	return arena_printf(a, "%02d/%02d/%04d", lt.tm_mday, lt.tm_mon + 1,
	    lt.tm_year + 1900);
}

const char *
lt_date(struct arena *a, const char *ymd)
{
	int y, m, d;

	if (ymd == NULL || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3)
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
lt_now_iso(char out[20])
{
	time_t now = time(NULL);
	struct tm lt;

	localtime_r(&now, &lt);
	strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &lt);
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
