/*
 * validate.c - syntax and checksum validation of citizen-supplied values.
 * Owns: the checks declared in validate.h; pure functions, no allocation.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "validate.h"

#define VAL_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
val_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

static int
val_isalpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 if s[0..n) are all ASCII digits and s[n] is the terminator. */
static int
val_digits_exact(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!val_isdigit(s[i]))
			return 0;
	return s[n] == '\0';
}

/* The value of n (<= 9) ASCII digits the caller has already checked. */
static int
val_num(const char *s, size_t n)
{
	int	v = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int
val_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
val_mdays(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && val_leap(y))
		return 29;
	return days[m - 1];
}

int
val_afm(const char *s)
{
	int	sum = 0, nonzero = 0, i;

	if (s == NULL || !val_digits_exact(s, 9))
		return 0;
	for (i = 0; i < 9; i++)
		nonzero |= s[i] != '0';
	for (i = 0; i < 8; i++)
		sum += (s[i] - '0') << (8 - i);
	return nonzero && sum % 11 % 10 == s[8] - '0';
}

int
val_amka(const char *s)
{
	int	dd, mm, yy, sum = 0, i;

	if (s == NULL || !val_digits_exact(s, 11))
		return 0;
	dd = val_num(s, 2);
	mm = val_num(s + 2, 2);
	yy = val_num(s + 4, 2);
	/* 19YY and 20YY differ only for 29 Feb 1900; 2000 was leap. */
	if (mm < 1 || mm > 12 || dd < 1 || dd > val_mdays(2000 + yy, mm))
		return 0;
	/* Luhn: double every second digit counting from the check digit. */
	for (i = 0; i < 11; i++) {
		int	v = s[10 - i] - '0';

		if (i % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

static int
val_issep(char c)
{
	return c == ' ' || c == '-' || c == '.';
}

/*
 * The phone number in s as its 10 national digits; 0 if it is not 10
 * digits with an optional country prefix and single inner separators.
 */
static int
val_phone_digits(const char *s, char digits[11])
{
	size_t	n = 0;
	int	sep_ok = 0;	/* a separator may follow what came before */

	if (strncmp(s, "+30", 3) == 0) {
		s += 3;
		sep_ok = 1;
	} else if (strncmp(s, "0030", 4) == 0) {
		s += 4;
		sep_ok = 1;
	}
	for (; *s != '\0'; s++) {
		if (val_isdigit(*s)) {
			if (n == 10)
				return 0;
			digits[n++] = *s;
			sep_ok = 1;
		} else if (val_issep(*s) && sep_ok) {
			sep_ok = 0;
		} else {
			return 0;
		}
	}
	digits[n] = '\0';
	/* sep_ok is 0 here only if the last character was a separator. */
	return n == 10 && sep_ok;
}

static int
val_phone(const char *s, char out[VAL_PHONE_SIZE], int mobile_only)
{
	char	digits[11];
	int	ok;

	if (out != NULL)
		out[0] = '\0';
	if (s == NULL || !val_phone_digits(s, digits))
		return 0;
	ok = (digits[0] == '6' && digits[1] == '9') ||
	    (!mobile_only && digits[0] == '2');
	if (ok && out != NULL) {
		memcpy(out, "+30", 3);
		memcpy(out + 3, digits, 11);
	}
	return ok;
}

int
val_phone_gr(const char *s, char out[VAL_PHONE_SIZE])
{
	return val_phone(s, out, 0);
}

int
val_mobile_gr(const char *s, char out[VAL_PHONE_SIZE])
{
	return val_phone(s, out, 1);
}

/* RFC 5322 atext. */
static int
val_isatext(char c)
{
	return val_isalpha(c) || val_isdigit(c) ||
	    (c != '\0' && strchr("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

/* A dot-separated run of 1..maxlen bytes; dots single and inside. */
static int
val_dotted(const char *s, size_t len, size_t maxlen, int (*ok)(char))
{
	size_t	i;

	if (len == 0 || len > maxlen || s[0] == '.' || s[len - 1] == '.')
		return 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '.') {
			if (s[i + 1] == '.')
				return 0;
		} else if (!ok(s[i])) {
			return 0;
		}
	}
	return 1;
}

static int
val_isldh(char c)
{
	return val_isalpha(c) || val_isdigit(c) || c == '-';
}

int
val_email(const char *s)
{
	const char	*at, *dom, *label;
	size_t		 len, n;
	int		 labels = 0, alpha = 0;

	if (s == NULL)
		return 0;
	len = strlen(s);
	at = strchr(s, '@');
	if (len > 254 || at == NULL || strchr(at + 1, '@') != NULL)
		return 0;
	if (!val_dotted(s, (size_t)(at - s), 64, val_isatext))
		return 0;
	dom = at + 1;
	if (!val_dotted(dom, strlen(dom), 253, val_isldh))
		return 0;
	/* Labels: non-empty is guaranteed by val_dotted. */
	for (label = dom; ; label += n + 1) {
		size_t	i;

		n = strcspn(label, ".");
		if (n > 63 || label[0] == '-' || label[n - 1] == '-')
			return 0;
		labels++;
		alpha = 0;
		for (i = 0; i < n; i++)
			alpha |= val_isalpha(label[i]) || label[i] == '-';
		if (label[n] == '\0')
			break;
	}
	return labels >= 2 && alpha;
}

/*
 * Decodes one code point from s[0..len), len > 0. Returns its length in
 * bytes and stores it in *cp, or returns 0 if the sequence is ill-formed
 * (overlong, surrogate, above U+10FFFF, truncated, stray continuation).
 */
static size_t
val_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	/* Lead byte ranges, RFC 3629 section 4. */
	static const struct {
		unsigned char	lo, hi;		/* lead byte range */
		unsigned char	lo2, hi2;	/* allowed second byte */
		unsigned char	n;		/* sequence length */
	} seq[] = {
		{ 0xc2, 0xdf, 0x80, 0xbf, 2 },
		{ 0xe0, 0xe0, 0xa0, 0xbf, 3 },
		{ 0xe1, 0xec, 0x80, 0xbf, 3 },
		{ 0xed, 0xed, 0x80, 0x9f, 3 },
		{ 0xee, 0xef, 0x80, 0xbf, 3 },
		{ 0xf0, 0xf0, 0x90, 0xbf, 4 },
		{ 0xf1, 0xf3, 0x80, 0xbf, 4 },
		{ 0xf4, 0xf4, 0x80, 0x8f, 4 },
	};
	size_t		 i, k;
	uint32_t	 v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	for (i = 0; i < VAL_NELEM(seq); i++)
		if (s[0] >= seq[i].lo && s[0] <= seq[i].hi)
			break;
	if (i == VAL_NELEM(seq) || len < seq[i].n ||
	    s[1] < seq[i].lo2 || s[1] > seq[i].hi2)
		return 0;
	v = s[0] & (0x7fu >> seq[i].n);
	for (k = 1; k < seq[i].n; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (s[k] & 0x3fu);
	}
	*cp = v;
	return seq[i].n;
}

int
val_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, n;
	uint32_t		 cp;

	if (s == NULL)
		return len == 0;
	while (i < len) {
		n = val_utf8_decode(p + i, len - i, &cp);
		if (n == 0)
			return 0;
		if (cp < 0x20 && cp != '\t' && cp != '\r' && cp != '\n')
			return 0;
		i += n;
	}
	return 1;
}

size_t
val_utf8_chars(const char *s, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xc0) != 0x80;
	return n;
}

size_t
val_utf8_fit(const char *s, size_t len, size_t max)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n++ == max)
			break;
	return i;
}

/* "YYYY-MM-DD" at the start of s, without checking what follows. */
static int
val_date_prefix(const char *s, int *y, int *m, int *d)
{
	int	yy, mm, dd;

	if (!val_isdigit(s[0]) || !val_isdigit(s[1]) || !val_isdigit(s[2]) ||
	    !val_isdigit(s[3]) || s[4] != '-' || !val_isdigit(s[5]) ||
	    !val_isdigit(s[6]) || s[7] != '-' || !val_isdigit(s[8]) ||
	    !val_isdigit(s[9]))
		return 0;
	yy = val_num(s, 4);
	mm = val_num(s + 5, 2);
	dd = val_num(s + 8, 2);
	if (yy < 1900 || yy > 2200 || mm < 1 || mm > 12 || dd < 1 ||
	    dd > val_mdays(yy, mm))
		return 0;
	*y = yy;
	*m = mm;
	*d = dd;
	return 1;
}

/* Two digits at s forming a value in [0, max]. */
static int
val_2digits(const char *s, int max, int *out)
{
	if (!val_isdigit(s[0]) || !val_isdigit(s[1]))
		return 0;
	*out = val_num(s, 2);
	return *out <= max;
}

int
val_date(const char *s, int *y, int *m, int *d)
{
	int	yy, mm, dd;

	if (s == NULL || !val_date_prefix(s, &yy, &mm, &dd) || s[10] != '\0')
		return 0;
	if (y != NULL)
		*y = yy;
	if (m != NULL)
		*m = mm;
	if (d != NULL)
		*d = dd;
	return 1;
}

int
val_datetime(const char *s, int *y, int *m, int *d, int *hh, int *mm)
{
	int	yy, mo, dd, h, mi, sec;

	/* Each check reads only up to the first terminator it meets. */
	if (s == NULL || !val_date_prefix(s, &yy, &mo, &dd) ||
	    (s[10] != 'T' && s[10] != ' ') || !val_2digits(s + 11, 23, &h) ||
	    s[13] != ':' || !val_2digits(s + 14, 59, &mi))
		return 0;
	if (s[16] == ':') {
		if (!val_2digits(s + 17, 59, &sec) || s[19] != '\0')
			return 0;
	} else if (s[16] != '\0') {
		return 0;
	}
	if (y != NULL)
		*y = yy;
	if (m != NULL)
		*m = mo;
	if (d != NULL)
		*d = dd;
	if (hh != NULL)
		*hh = h;
	if (mm != NULL)
		*mm = mi;
	return 1;
}

int
val_int(const char *s, long long min, long long max, long long *out)
{
	/* Accumulate negatively: LLONG_MIN has no positive counterpart. */
	long long	v = 0;
	int		neg = 0;

	if (s == NULL)
		return 0;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		int	dig;

		if (!val_isdigit(*s))
			return 0;
		dig = *s - '0';
		if (v < (LLONG_MIN + dig) / 10)
			return 0;
		v = v * 10 - dig;
	}
	if (!neg) {
		if (v == LLONG_MIN)
			return 0;
		v = -v;
	}
	if (v < min || v > max)
		return 0;
	if (out != NULL)
		*out = v;
	return 1;
}

/* Decimal degrees within [-limit, limit]; see validate.h for the syntax. */
static int
val_degrees(const char *s, int limit, double *out)
{
	/* 10^0 .. 10^15, exact in a double. */
	static const double val_pow10[16] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15
	};
	long long	ip = 0, fp = 0;
	size_t		ni = 0, nf = 0, used = 0;
	int		neg = 0;
	double		v;

	if (s == NULL)
		return 0;
	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; val_isdigit(*s); s++, ni++)
		if (ni < 3)
			ip = ip * 10 + (*s - '0');
	if (ni == 0 || ni > 3)
		return 0;
	if (*s == '.') {
		for (s++; val_isdigit(*s); s++, nf++)
			if (used < 15) {
				fp = fp * 10 + (*s - '0');
				used++;
			}
		if (nf == 0 || nf > 20)
			return 0;
	}
	if (*s != '\0')
		return 0;
	v = (double)ip + (double)fp / val_pow10[used];
	if (v > limit)
		return 0;
	*out = neg ? -v : v;
	return 1;
}

int
val_latlon(const char *lat, const char *lon, double *la, double *lo)
{
	double	a, b;

	if (!val_degrees(lat, 90, &a) || !val_degrees(lon, 180, &b))
		return 0;
	if (la != NULL)
		*la = a;
	if (lo != NULL)
		*lo = b;
	return 1;
}
