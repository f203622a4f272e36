/*
 * localtime.h - the municipality's clock and calendar.
 * Owns: the time zone the municipality lives in (stored times are UTC),
 * turning stored timestamps into local dates for people, and the
 * business-day calendar (Greek holidays plus the municipality's own).
 */
#ifndef DIMOS_LOCALTIME_H
#define DIMOS_LOCALTIME_H

#include "calendar.h"

struct arena;
struct config;

void		 lt_init(const struct config *cfg);
/* "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC -> "DD/MM/YYYY HH:MM" local. */
const char	*lt_format(struct arena *a, const char *utc, int with_time);
/* "YYYY-MM-DD" -> "DD/MM/YYYY". */
const char	*lt_date(struct arena *a, const char *ymd);
void		 lt_today(int *y, int *m, int *d);
/* The calendar with the municipality's extra days off. */
const struct cal *lt_calendar(void);
/* The due date n business days after today (local), as "YYYY-MM-DD". */
void		 lt_due(unsigned n, char out[11]);
/* Business days from a UTC timestamp until now (local dates). */
long		 lt_business_days_since(const char *utc);
/* Adds n business days to "YYYY-MM-DD" (in place). */
void		 lt_add_business(char ymd[11], long n);

/* What plugins get (host.h): today "YYYY-MM-DD" and now
 * "YYYY-MM-DDTHH:MM:SS", local; is "YYYY-MM-DD" a business day (1, 0, or
 * -1: not a date); the n-th business day after a date (-1: not a date). */
void		 lt_today_iso(char out[11]);
void		 lt_now_iso(char out[20]);
int		 lt_is_business_day(const char *ymd);
int		 lt_add_business_days(const char *ymd, unsigned n,
		    char out[11]);

#endif
