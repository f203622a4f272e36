/*
 * validate.h - syntax and checksum validation of citizen-supplied values.
 * Owns: Greek identifiers (ΑΦΜ, ΑΜΚΑ, phone numbers), e-mail, UTF-8 text,
 * dates, integers and coordinates. Every predicate returns 1 valid, 0 not.
 */
#ifndef DIMOS_VALIDATE_H
#define DIMOS_VALIDATE_H

#include <stddef.h>

/*
 * All functions take NUL-terminated strings unless a length is given; a
 * NULL string is invalid. Nothing is trimmed: surrounding whitespace makes a
 * value invalid (the form layer trims). Output parameters may be NULL and
 * are written only when the value is valid, except the phone buffers, which
 * are set to "" on failure.
 */

/* Greek tax number: exactly 9 ASCII digits, not all zeros, check digit. */
int	val_afm(const char *s);

/*
 * Greek social security number: 11 digits, the first six a DDMMYY date
 * valid in 19YY or 20YY, the last a Luhn check digit over all eleven.
 */
int	val_amka(const char *s);

/* Normalized phone numbers: "+30" and 10 digits, NUL-terminated. */
#define VAL_PHONE_SIZE	16

/*
 * A Greek mobile (69xxxxxxxx) or landline (2xxxxxxxxx) number. Accepts an
 * optional leading "+30" or "0030" and spaces, dashes and dots between the
 * digits (not before the first or after the last character).
 */
int	val_phone_gr(const char *s, char out[VAL_PHONE_SIZE]);
/* As val_phone_gr, but only mobile numbers. */
int	val_mobile_gr(const char *s, char out[VAL_PHONE_SIZE]);

/*
 * A pragmatic address check: local@domain, total at most 254 bytes; local
 * part 1..64 of RFC 5322 atext and single inner dots; domain of at least
 * two dot-separated labels of [A-Za-z0-9-], each 1..63, no leading or
 * trailing '-', and a top-level label that is not all digits. No quoted
 * local parts, address literals or IDN (A-labels "xn--" pass as ASCII).
 */
int	val_email(const char *s);

/*
 * len bytes of well-formed UTF-8 (no overlongs, surrogates or code points
 * above U+10FFFF) without NUL or C0 controls other than TAB, CR and LF.
 */
int	val_utf8(const char *s, size_t len);
/* Number of code points in s, which must be valid UTF-8. */
size_t	val_utf8_chars(const char *s, size_t len);
/* Bytes of the longest start of s (len bytes of UTF-8) that holds at most
 * max whole code points: where a derived value is cut to fit its column
 * (a display name, initials, an audit detail), never inside a character. */
size_t	val_utf8_fit(const char *s, size_t len, size_t max);

/* "YYYY-MM-DD", a real Gregorian date with year 1900..2200. */
int	val_date(const char *s, int *y, int *m, int *d);

/*
 * "YYYY-MM-DDTHH:MM", with 'T' or one space between date and time and an
 * optional ":SS" (validated, not returned). 24-hour clock, no leap seconds,
 * no time zone.
 */
int	val_datetime(const char *s, int *y, int *m, int *d, int *hh, int *mm);

/*
 * A decimal integer: optional '-', then 1..n ASCII digits (leading zeros
 * allowed), nothing else; within [min, max]. Values that overflow long long
 * are invalid.
 */
int	val_int(const char *s, long long min, long long max, long long *out);

/*
 * Decimal degrees: optional '-', 1..3 integer digits, optionally '.' and
 * 1..20 fraction digits (the first 15 are significant); latitude within
 * [-90, 90], longitude within [-180, 180]. Locale-independent: the decimal
 * separator is always '.', and exponents, "inf" and "nan" are rejected.
 */
int	val_latlon(const char *lat, const char *lon, double *la, double *lo);

#endif /* DIMOS_VALIDATE_H */
