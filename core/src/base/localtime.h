/*
 * localtime.h - the municipality's clock and calendar.
 * Owns: the time zone the municipality lives in (stored times are UTC),
 * turning stored timestamps into local dates for people, and the
 * business-day calendar (Greek holidays plus the municipality's own).
 */
#ifndef DIMOS_LOCALTIME_H
#define DIMOS_LOCALTIME_H

#include <time.h>

#include "calendar.h"

struct arena;
struct config;

void		 lt_init(const struct config *cfg);
/* "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC -> "DD/MM/YYYY HH:MM" local. */
const char	*lt_format(struct arena *a, const char *utc, int with_time);
/* "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC -> the municipality's day of it,
 * "YYYY-MM-DD" (a request sent at 00:30 in Athens is of that day, not of
 * UTC's previous one); NULL if not a time. */
const char	*lt_day(struct arena *a, const char *utc);
/*
 * For people reading a tool's output (dimosctl, dimos-mailer): a stored
 * UTC "YYYY-MM-DD HH:MM[:SS...]" as the municipality's "YYYY-MM-DD HH:MM"
 * (sortable; say the zone, lt_zone, where it is shown); -1 if it is not a
 * time. lt_local_day: an instant's day there, "YYYY-MM-DD".
 */
int		 lt_local(const char *utc, char out[17]);
void		 lt_local_day(time_t t, char out[11]);
/* The municipality's time zone as configured ("Europe/Athens"). */
const char	*lt_zone(void);
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
/* An instant as stored: UTC "YYYY-MM-DD HH:MM:SS". */
void		 lt_utc_text(time_t t, char out[20]);
int		 lt_is_business_day(const char *ymd);
int		 lt_add_business_days(const char *ymd, unsigned n,
		    char out[11]);
/* Local "YYYY-MM-DDTHH:MM[:SS]" as UTC "YYYY-MM-DD HH:MM:SS" (the
 * database's); -1 if it is not a time. */
int		 lt_utc_of_local(const char *local, char out[20]);

/* UTC "YYYY-MM-DD HH:MM:SS" as a W3C datetime in the municipality's
 * time with its offset, "2026-12-05T09:30:00+02:00"; NULL if not a time. */
const char	*lt_w3c(struct arena *a, const char *utc);
/* A W3C datetime ("YYYY-MM-DD", or with "THH:MM[:SS]" and an optional
 * fraction, then "Z", "+hh:mm" or "-hh:mm"; without an offset the
 * municipality's time) as UTC "YYYY-MM-DD HH:MM:SS"; -1 if it is none. */
int		 lt_utc_of_w3c(const char *w3c, char out[20]);

/* A stretch of UTC time [from, to) in which the municipality's clock is
 * offset seconds ahead of UTC. */
struct lt_period {
	char	 from[20];	/* "YYYY-MM-DD HH:MM:SS" */
	char	 to[20];
	long	 offset;
};
/* The periods covering all time, split where the clock changes between
 * the UTC instants from and to (at most max, the last one open); their
 * number, 0 if from or to is not a timestamp. */
size_t		 lt_offset_periods(const char *from, const char *to,
		    struct lt_period *out, size_t max);

#endif
