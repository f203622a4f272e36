/*
 * dimos/kit/date.h - ISO dates in plugins (part of the plugin kit).
 * Dates are "YYYY-MM-DD", real Gregorian days from 1800 on. Today comes
 * from the host (host->today, the municipality's time zone): the kit
 * never reads the process's clock.
 */
#ifndef DIMOS_KIT_DATE_H
#define DIMOS_KIT_DATE_H

#include <stddef.h>

int	kit_date_valid(const char *s);
int	kit_date_year(const char *iso);			/* 0 if invalid */
/* "14/05/1975" and "14 Μαΐου 1975"; out holds at least 32 bytes. An
 * invalid date is copied as it is. */
void	kit_date_short(const char *iso, char *out, size_t outsz);
void	kit_date_long(const char *iso, char *out, size_t outsz);

/*
 * Calendar arithmetic (business days are the host's): the ISO weekday, 1
 * Monday .. 7 Sunday (0 if not a date); the date n days after iso (before,
 * for n < 0) into out, which may be iso (-1 if iso is not a date or the
 * result is before 1800 or after 9999); the days from a to b (b - a; 0 and
 * *ok 0 if either is not a date).
 */
int	kit_date_weekday(const char *iso);
int	kit_date_add(const char *iso, long n, char out[11]);
long	kit_date_diff(const char *a, const char *b, int *ok);
/*
 * On valid dates only (check with kit_date_valid first): days since
 * 1970-01-01 and back (the proleptic Gregorian calendar), and the days of
 * a month.
 */
long	kit_date_days(const char *iso);
void	kit_date_from_days(long n, char out[11]);
int	kit_date_month_days(int year, int month);

/*
 * A stored time ("YYYY-MM-DD HH:MM[:SS[.ffffff]]", UTC as the database
 * keeps every time) as the municipality's local "YYYY-MM-DD HH:MM" in
 * out; its first 10 bytes are the local day. The host sets the process's
 * time zone to the municipality's ([municipality] timezone) before any
 * plugin code runs. -1 (out empty) if utc is not such a time.
 */
int	kit_time_local(const char *utc, char out[17]);

#endif
