/*
 * digits.h - decimal digits written and read without printf or sscanf.
 * Owns: the fixed-width fields of dates and times and the integers that
 * every row of a list carries (a page's hot path: a stored time per row,
 * an id per row), where a printf per field shows in the profile.
 */
#ifndef DIMOS_DIGITS_H
#define DIMOS_DIGITS_H

#include <stddef.h>

/* "-9223372036854775808" and the NUL. */
#define DIG_INT_SIZE	21

/*
 * The last n (>= 0) decimal digits of v at p, zero-padded ("%0*u" cut
 * to n digits: 7 in 2 is "07", 2026 in 2 is "26"); no NUL. Returns
 * p + n, where the next field goes.
 */
char		*dig_fixed(char *p, unsigned long long v, int n);
/* v in decimal ("%lld") into out, NUL-terminated; its length. */
size_t		 dig_int(char out[DIG_INT_SIZE], long long v);
/* The value of exactly n (0 to 9) ASCII digits at p; -1 if one of them
 * is not a digit (or p is shorter). */
int		 dig_read(const char *p, int n);

#endif /* DIMOS_DIGITS_H */
