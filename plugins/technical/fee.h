/*
 * fee.h - the road occupation fee (τέλος κατάληψης κοινόχρηστου χώρου).
 * Owns: money and areas as integers (cents, hundredths of a square metre),
 * the days a permit covers, the fee = area x days x rate with one rounding
 * at the end, and writing an amount the Greek way ("1.234,50 €").
 */
#ifndef TECHNICAL_FEE_H
#define TECHNICAL_FEE_H

#include <stddef.h>

#define FEE_AREA_MAX	1000000LL	/* 10,000.00 m2, in hundredths */
#define FEE_DAYS_MAX	366
#define FEE_RATE_MAX	10000000LL	/* 100,000.00 EUR per m2 and day */
#define FEE_MONEY_SIZE	32

/*
 * An amount in euros as people and configuration files write it: digits,
 * optionally a decimal comma or point and one or two digits ("12",
 * "0,50", "3.5"); thousands separators are not accepted. At most
 * 100,000,000.00. 1 and *cents on success, 0 otherwise.
 */
int	fee_money_parse(const char *s, long long *cents);

/*
 * An area in square metres, the same way ("12", "12,5", "0.75"), from
 * 0.01 up to FEE_AREA_MAX hundredths. 1 and *hundredths, or 0.
 */
int	fee_area_parse(const char *s, long long *hundredths);

/*
 * The days from one date to another, both counted ("2026-03-02" to
 * "2026-03-02" is 1). 1 and *days when both are real dates, the second
 * not before the first, and the span at most FEE_DAYS_MAX days; else 0.
 */
int	fee_days(const char *from, const char *to, int *days);

/*
 * The fee in cents for area (hundredths of m2) x days x rate (cents per
 * m2 and day), rounded half up to the cent once, and not less than
 * minimum (cents). 0 when an input is out of its range.
 */
int	fee_compute(long long area, int days, long long rate,
	    long long minimum, long long *cents);

/* "1.234,50 €"; out holds FEE_MONEY_SIZE bytes. */
void	fee_money_format(long long cents, char out[FEE_MONEY_SIZE]);

#endif
