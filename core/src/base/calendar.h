/*
 * calendar.h - Greek public holidays and business-day arithmetic.
 * Owns: Orthodox Easter, the national holiday calendar, SLA due dates.
 */
#ifndef DIMOS_CALENDAR_H
#define DIMOS_CALENDAR_H

#include <stddef.h>

/*
 * Dates are proleptic Gregorian (y, m, d) with m 1..12, d 1..31, supported
 * for years 1..9999. A function given a date outside that or an impossible
 * one (2025-02-30) treats it as documented below; it never fails.
 *
 * National holidays: 1 Jan, 6 Jan, 25 Mar, 1 May, 15 Aug, 28 Oct, 25 and
 * 26 Dec; and relative to Orthodox Easter Sunday E: Clean Monday (E-48),
 * Good Friday (E-2), Easter Monday (E+1), Holy Spirit Monday (E+50).
 * When 1 May falls in Holy Week or on Easter Monday, the Ministry of Labour
 * moves it by decision, usually to the Tuesday after Easter; calendar.c
 * keeps those decisions in a table (cal_moves) that gets a row when a
 * decision is published. Without a row, 1 May stays where it is.
 */

/*
 * A municipality's calendar: the national one plus extra non-working days
 * (the patron saint's day, closures), as YYYYMMDD ints sorted ascending;
 * duplicates and days that are already holidays or weekends are harmless.
 */
struct cal {
	const int	*extra;
	size_t		 nextra;
};

/*
 * Orthodox Easter Sunday of year (Julian computus, as a Gregorian date).
 * For a year outside 1..9999 writes 0 and 0.
 */
void	cal_orthodox_easter(int year, int *month, int *day);

/* Days since 0000-12-31, so 0001-01-01 (a Monday) is 1; y >= 1 and the
 * date valid. */
long	cal_serial(int y, int m, int d);

/* 1 if the date is a national public holiday (weekends aside), else 0. */
int	cal_is_holiday(int y, int m, int d);

/*
 * 1 if the date is a working day: Monday to Friday, no national holiday,
 * not in c's extra days. c may be NULL (national calendar only). 0 for an
 * invalid date.
 */
int	cal_is_business_day(const struct cal *c, int y, int m, int d);

/*
 * The due date of something submitted on (y, m, d) with n business days to
 * answer. The submission day is day 0 and does not count: the result is the
 * n-th business day strictly after it, so n = 1 on a Friday gives the next
 * Monday (if a business day). A submission on a non-business day counts as
 * made on the next business day, which becomes day 0: n = 1 on a Saturday
 * gives Tuesday, n = 0 gives Monday. For n = 0 on a business day the result
 * is that day. An invalid input date is returned unchanged; a result past
 * 9999-12-31 is clamped to it.
 */
void	cal_add_business_days(const struct cal *c, int y, int m, int d,
	    unsigned n, int *oy, int *om, int *od);

/*
 * The number of business days in [from, to): from counts if it is a
 * business day, to does not. 0 if to is not after from or either date is
 * invalid. Used to pause the SLA clock while a request awaits the citizen:
 * the pause's business days are added to n of cal_add_business_days.
 */
long	cal_business_days_between(const struct cal *c, int y1, int m1,
	    int d1, int y2, int m2, int d2);

#endif /* DIMOS_CALENDAR_H */
