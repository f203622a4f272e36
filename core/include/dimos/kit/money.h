/*
 * dimos/kit/money.h - amounts of money as integer cents (part of the
 * plugin kit).
 * Owns: reading amounts from import files ("1234.56") and from what a
 * person types ("1.234,56", "1234,5", "1234.56 €"), and writing them the
 * Greek way ("1.234,56 €"). Never through a floating-point number.
 */
#ifndef DIMOS_KIT_MONEY_H
#define DIMOS_KIT_MONEY_H

#include <stddef.h>

/* Amounts are bounded well inside long long: 100,000,000.00 €. */
#define KIT_MONEY_MAX_CENTS	10000000000LL
#define KIT_MONEY_BUFSZ	32

/*
 * An import file's amount: digits, optionally a point and one or two
 * decimals ("1234.56", "12.5", "7"); no sign, no separators. 0 or -1.
 */
int	kit_money_parse_plain(const char *s, long long *cents);
/*
 * What a person types: a comma is the decimal sign and points group
 * thousands ("1.234,56"); without a comma a point followed by one or two
 * digits is the decimal sign ("1234.56"), followed by three digits it
 * groups thousands ("1.234"). Spaces and a trailing "€" are allowed, a
 * sign is not. 0 or -1.
 */
int	kit_money_parse_typed(const char *s, long long *cents);
/* "1.234,56 €" (a no-break space before €); "-12,00 €" below zero. */
void	kit_money_format(long long cents, char out[KIT_MONEY_BUFSZ]);
/* "1.234,56" without the currency sign. */
void	kit_money_format_bare(long long cents, char out[KIT_MONEY_BUFSZ]);
/* "1234.56": the plain form, for files and form values. */
void	kit_money_format_plain(long long cents, char out[KIT_MONEY_BUFSZ]);

#endif
