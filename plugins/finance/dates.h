/*
 * dates.h - calendar arithmetic on ISO dates (pure). Shared with
 * plugins/water. Dates are "YYYY-MM-DD" of the proleptic Gregorian
 * calendar; checking that a string is one is the kit's (reg_date_valid).
 */
#ifndef FINANCE_DATES_H
#define FINANCE_DATES_H

/* Days since 1970-01-01 of a valid date. */
long	date_days(const char *iso);
/* The date n days since 1970-01-01, into out (11 bytes). */
void	date_from_days(long n, char out[11]);
/* iso plus n days (n may be negative). */
void	date_add(const char *iso, long n, char out[11]);
int	date_month_days(int year, int month);

#endif
