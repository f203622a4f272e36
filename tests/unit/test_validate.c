/*
 * test_validate.c - unit tests of the value validators.
 * Owns: real-world and crafted vectors for ΑΦΜ, ΑΜΚΑ, phones, e-mail,
 * UTF-8, dates, integers and coordinates.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "validate.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The ΑΦΜ weighted sum mod 11, computed independently of validate.c. */
static int
afm_mod11(const char *eight)
{
	int	i, sum = 0, w = 256;

	for (i = 0; i < 8; i++, w /= 2)
		sum += (eight[i] - '0') * w;
	return sum % 11;
}

static void
test_afm(void **state)
{
	static const char *const good[] = {
		"090000045",	/* ΔΕΗ */
		"094014201",	/* ΟΤΕ */
	};
	static const char *const bad[] = {
		"123456789", "000000000", "090000046", "09000004",
		"0900000450", "09000004a", " 090000045", "090000045 ",
		"", "EL090000045", "09000 0045", "-90000045",
	};
	char	 buf[10];
	size_t	 i;
	unsigned s = 1;
	int	 k, hit10 = 0;

	(void)state;
	for (i = 0; i < NELEM(good); i++)
		assert_true(val_afm(good[i]));
	for (i = 0; i < NELEM(bad); i++)
		assert_false(val_afm(bad[i]));
	assert_false(val_afm(NULL));
	/* Exactly one check digit fits each prefix. */
	for (i = 0; i < 2000; i++) {
		for (k = 0; k < 8; k++) {
			s = s * 1103515245u + 12345u;
			buf[k] = (char)('0' + (s >> 16) % 10);
		}
		buf[9] = '\0';
		for (k = 0; k < 10; k++) {
			buf[8] = (char)('0' + k);
			if (strcmp(buf, "000000000") == 0)
				continue;
			assert_int_equal(val_afm(buf),
			    k == afm_mod11(buf) % 10);
		}
		/* A remainder of 10 gives check digit 0. */
		hit10 |= afm_mod11(buf) == 10;
	}
	assert_true(hit10);
}

/* Appends the Luhn check digit to ten digits, independently. */
static void
amka_make(const char *ten, char out[12])
{
	int	i, sum = 0;

	memcpy(out, ten, 10);
	for (i = 0; i < 10; i++) {
		int	v = ten[9 - i] - '0';

		if (i % 2 == 0) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	out[10] = (char)('0' + (10 - sum % 10) % 10);
	out[11] = '\0';
}

static void
test_amka(void **state)
{
	static const char *const dates_ok[] = {
		"010180", "311299", "290200", "290204", "290296", "280201",
		"300401", "311205", "150823",
	};
	static const char *const dates_bad[] = {
		"000180", "320180", "010080", "011380", "290201", "290299",
		"310480", "300280", "311180", "999999",
	};
	char	 a[12];
	size_t	 i;
	int	 k;

	(void)state;
	for (i = 0; i < NELEM(dates_ok); i++) {
		char	ten[11];

		snprintf(ten, sizeof(ten), "%s%04zu", dates_ok[i], 1234 + i);
		amka_make(ten, a);
		assert_true(val_amka(a));
		/* Every other check digit fails. */
		for (k = 0; k < 10; k++) {
			char	b[12];

			memcpy(b, a, sizeof(b));
			b[10] = (char)('0' + k);
			assert_int_equal(val_amka(b), b[10] == a[10]);
		}
		/* A swap of adjacent distinct digits is caught by Luhn. */
		if (a[8] != a[9] && !(a[8] == '0' && a[9] == '9') &&
		    !(a[8] == '9' && a[9] == '0')) {
			char	b[12];

			memcpy(b, a, sizeof(b));
			b[8] = a[9];
			b[9] = a[8];
			assert_false(val_amka(b));
		}
	}
	for (i = 0; i < NELEM(dates_bad); i++) {
		char	ten[11];

		snprintf(ten, sizeof(ten), "%s%04zu", dates_bad[i], 1234 + i);
		amka_make(ten, a);
		assert_false(val_amka(a));
	}
	/* Worked by hand: doubled 4,2,0,1,1 give 8,4,0,2,2; plus 3,1,8,0,0. */
	amka_make("0101801234", a);
	assert_string_equal(a, "01018012342");
	assert_true(val_amka("01018012342"));
	assert_false(val_amka("0101801234"));
	assert_false(val_amka("010180123466"));
	assert_false(val_amka("0101801234a"));
	assert_false(val_amka(" 01018012342"));
	assert_false(val_amka(""));
	assert_false(val_amka(NULL));
}

static void
test_phone(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;	/* NULL: invalid */
		int		 mobile;
	} cases[] = {
		{ "6912345678", "+306912345678", 1 },
		{ "6971234567", "+306971234567", 1 },
		{ "+306912345678", "+306912345678", 1 },
		{ "+30 691 234 5678", "+306912345678", 1 },
		{ "0030-69-1234-5678", "+306912345678", 1 },
		{ "00306912345678", "+306912345678", 1 },
		{ "69.12.34.56.78", "+306912345678", 1 },
		{ "2101234567", "+302101234567", 0 },
		{ "210 123 4567", "+302101234567", 0 },
		{ "+30 2310-123456", "+302310123456", 0 },
		{ "2810.123.456", "+302810123456", 0 },
		{ "1234567890", NULL, 0 },
		{ "6812345678", NULL, 0 },
		{ "8001234567", NULL, 0 },
		{ "691234567", NULL, 0 },
		{ "69123456789", NULL, 0 },
		{ "306912345678", NULL, 0 },
		{ "+31 6912345678", NULL, 0 },
		{ "+30", NULL, 0 },
		{ "", NULL, 0 },
		{ " 6912345678", NULL, 0 },
		{ "6912345678 ", NULL, 0 },
		{ "-6912345678", NULL, 0 },
		{ "6912345678-", NULL, 0 },
		{ "69--12345678", NULL, 0 },
		{ "69 - 12345678", NULL, 0 },
		{ "+30--6912345678", NULL, 0 },
		{ "69 1234 567a", NULL, 0 },
		{ "(69)12345678", NULL, 0 },
		{ "+30 (0) 6912345678", NULL, 0 },
		{ "69123456780000000000", NULL, 0 },
	};
	char	out[VAL_PHONE_SIZE];
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		int	ok = cases[i].out != NULL;

		memset(out, 'x', sizeof(out));
		assert_int_equal(val_phone_gr(cases[i].in, out), ok);
		assert_string_equal(out, ok ? cases[i].out : "");
		memset(out, 'x', sizeof(out));
		assert_int_equal(val_mobile_gr(cases[i].in, out),
		    ok && cases[i].mobile);
		assert_string_equal(out, ok && cases[i].mobile ?
		    cases[i].out : "");
		assert_int_equal(val_phone_gr(cases[i].in, NULL), ok);
	}
	assert_false(val_phone_gr(NULL, out));
	assert_string_equal(out, "");
	assert_false(val_mobile_gr(NULL, NULL));
}

static void
test_email(void **state)
{
	static const char *const good[] = {
		"user@example.com",
		"first.last+tag@sub.example.gr",
		"a@b.co",
		"o'brien@example.ie",
		"x!#$%&'*+-/=?^_`{|}~y@example.com",
		"info@dimos-athinaion.gov.gr",
		"user@123.example.com",
		"user@xn--hxajbheg2az3al.xn--jxalpdlp",
		"user@example.c0m",
	};
	static const char *const bad[] = {
		"", "@example.com", "user@", "user", "user@@example.com",
		"a@b@example.com", ".user@example.com", "user.@example.com",
		"us..er@example.com", "user@example", "user@-example.com",
		"user@example-.com", "user@exa_mple.com", "user@example..com",
		"user@.example.com", "user@example.com.",
		"user name@example.com",
		"user@1.2.3.4", "user@example.123", "\"quoted\"@example.com",
		"user@[192.0.2.1]", "χρήστης@example.gr", "user@παράδειγμα.gr",
		"user@example.com ", " user@example.com", "user@exam ple.com",
		"user(comment)@example.com", "user@example.com\n",
	};
	char	buf[300];
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(good); i++) {
		if (!val_email(good[i]))
			print_error("rejected %s\n", good[i]);
		assert_true(val_email(good[i]));
	}
	for (i = 0; i < NELEM(bad); i++) {
		if (val_email(bad[i]))
			print_error("accepted %s\n", bad[i]);
		assert_false(val_email(bad[i]));
	}
	assert_false(val_email(NULL));

	/* Local part 64 ok, 65 not. */
	memset(buf, 'l', 64);
	strcpy(buf + 64, "@example.com");
	assert_true(val_email(buf));
	memset(buf, 'l', 65);
	strcpy(buf + 65, "@example.com");
	assert_false(val_email(buf));
	/* Label 63 ok, 64 not. */
	strcpy(buf, "u@");
	memset(buf + 2, 'd', 63);
	strcpy(buf + 65, ".gr");
	assert_true(val_email(buf));
	strcpy(buf, "u@");
	memset(buf + 2, 'd', 64);
	strcpy(buf + 66, ".gr");
	assert_false(val_email(buf));
	/* 254 bytes in total ok, 255 not: 64 + 1 + 63.63.61. */
	memset(buf, 'l', 64);
	buf[64] = '@';
	memset(buf + 65, 'a', 63);
	buf[128] = '.';
	memset(buf + 129, 'b', 63);
	buf[192] = '.';
	memset(buf + 193, 'c', 61);
	buf[254] = '\0';
	assert_int_equal(strlen(buf), 254);
	assert_true(val_email(buf));
	buf[254] = 'c';
	buf[255] = '\0';
	assert_false(val_email(buf));
}

static void
test_utf8(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;
		int		 ok;
	} cases[] = {
#define U(s, ok)	{ (s), sizeof(s) - 1, (ok) }
		U("", 1),
		U("abc", 1),
		U("Καλημέρα κόσμε", 1),
		U("line\r\nnext\ttab", 1),
		U("\x7f", 1),
		U("\xc2\x80", 1),		/* U+0080 */
		U("\xdf\xbf", 1),		/* U+07FF */
		U("\xe0\xa0\x80", 1),		/* U+0800 */
		U("\xef\xbf\xbf", 1),		/* U+FFFF */
		U("\xee\x80\x80", 1),		/* U+E000 */
		U("\xed\x9f\xbf", 1),		/* U+D7FF */
		U("\xf0\x90\x80\x80", 1),	/* U+10000 */
		U("\xf0\x9f\x98\x80", 1),	/* emoji */
		U("\xf4\x8f\xbf\xbf", 1),	/* U+10FFFF */
		U("a\0b", 0),
		U("\x01", 0),
		U("\x1b[31m", 0),
		U("\x1f", 0),
		U("\x0b", 0),
		U("\xc0\x80", 0),		/* overlong NUL */
		U("\xc1\xbf", 0),
		U("\xe0\x80\xaf", 0),
		U("\xe0\x9f\xbf", 0),
		U("\xf0\x80\x80\xaf", 0),
		U("\xf0\x8f\xbf\xbf", 0),
		U("\xed\xa0\x80", 0),		/* surrogates */
		U("\xed\xbf\xbf", 0),
		U("\xf4\x90\x80\x80", 0),	/* > U+10FFFF */
		U("\xf5\x80\x80\x80", 0),
		U("\xf8\x88\x80\x80\x80", 0),
		U("\xfe", 0),
		U("\xff", 0),
		U("\x80", 0),
		U("a\xbf", 0),
		U("\xce", 0),
		U("\xe2\x82", 0),
		U("\xf0\x9f\x98", 0),
		U("\xce\x41", 0),
		U("\xe2\x28\xa1", 0),
		U("\xf0\x9f\x28\x80", 0),
#undef U
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		if (val_utf8(cases[i].s, cases[i].n) != cases[i].ok)
			print_error("case %zu\n", i);
		assert_int_equal(val_utf8(cases[i].s, cases[i].n),
		    cases[i].ok);
	}
	/* The length is what counts, not a terminator. */
	assert_false(val_utf8("Κ", 1));
	assert_true(val_utf8("Κx", 2));
	assert_true(val_utf8(NULL, 0));
	assert_false(val_utf8(NULL, 1));
	assert_int_equal(val_utf8_chars("Καλημέρα", strlen("Καλημέρα")), 8);
	assert_int_equal(val_utf8_chars("a\xf0\x9f\x98\x80" "b", 6), 3);
	assert_int_equal(val_utf8_chars("", 0), 0);
	assert_int_equal(val_utf8_chars("abc", 2), 2);
}

static void
test_date(void **state)
{
	static const struct {
		const char	*s;
		int		 y, m, d;	/* y 0: invalid */
	} cases[] = {
		{ "2024-02-29", 2024, 2, 29 },
		{ "2000-02-29", 2000, 2, 29 },
		{ "1900-01-01", 1900, 1, 1 },
		{ "2200-12-31", 2200, 12, 31 },
		{ "2025-04-30", 2025, 4, 30 },
		{ "2023-02-29", 0, 0, 0 },
		{ "1900-02-29", 0, 0, 0 },
		{ "2100-02-29", 0, 0, 0 },
		{ "1899-12-31", 0, 0, 0 },
		{ "2201-01-01", 0, 0, 0 },
		{ "2024-13-01", 0, 0, 0 },
		{ "2024-00-10", 0, 0, 0 },
		{ "2024-04-31", 0, 0, 0 },
		{ "2024-01-00", 0, 0, 0 },
		{ "2024-1-01", 0, 0, 0 },
		{ "2024-01-1", 0, 0, 0 },
		{ "2024-01-01 ", 0, 0, 0 },
		{ " 2024-01-01", 0, 0, 0 },
		{ "2024/01/01", 0, 0, 0 },
		{ "20240101", 0, 0, 0 },
		{ "2024-01-1x", 0, 0, 0 },
		{ "2024-01-01T10:00", 0, 0, 0 },
		{ "", 0, 0, 0 },
		{ "+202-01-01", 0, 0, 0 },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		int	y = -1, m = -1, d = -1;

		assert_int_equal(val_date(cases[i].s, &y, &m, &d),
		    cases[i].y != 0);
		if (cases[i].y != 0) {
			assert_int_equal(y, cases[i].y);
			assert_int_equal(m, cases[i].m);
			assert_int_equal(d, cases[i].d);
		} else {
			/* Outputs are untouched on failure. */
			assert_int_equal(y, -1);
		}
	}
	assert_true(val_date("2024-02-29", NULL, NULL, NULL));
	assert_false(val_date(NULL, NULL, NULL, NULL));
}

static void
test_datetime(void **state)
{
	static const struct {
		const char	*s;
		int		 ok, hh, mm;
	} cases[] = {
		{ "2024-05-06T13:45", 1, 13, 45 },
		{ "2024-05-06 13:45", 1, 13, 45 },
		{ "2024-05-06T13:45:59", 1, 13, 45 },
		{ "2024-05-06T00:00", 1, 0, 0 },
		{ "2024-05-06T23:59:00", 1, 23, 59 },
		{ "2024-05-06T24:00", 0, 0, 0 },
		{ "2024-05-06T13:60", 0, 0, 0 },
		{ "2024-05-06T13:45:60", 0, 0, 0 },
		{ "2024-05-06T13:45:", 0, 0, 0 },
		{ "2024-05-06T13:45:5", 0, 0, 0 },
		{ "2024-05-06T13:4", 0, 0, 0 },
		{ "2024-05-06T1:45", 0, 0, 0 },
		{ "2024-05-06t13:45", 0, 0, 0 },
		{ "2024-05-06  13:45", 0, 0, 0 },
		{ "2024-05-06", 0, 0, 0 },
		{ "2024-05-06T", 0, 0, 0 },
		{ "2024-05-06T13:45Z", 0, 0, 0 },
		{ "2024-05-06T13:45+02:00", 0, 0, 0 },
		{ "2024-05-06T13:45:00.5", 0, 0, 0 },
		{ "2024-02-30T10:00", 0, 0, 0 },
		{ "2024-05-06T13-45", 0, 0, 0 },
		{ "", 0, 0, 0 },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		int	y = 0, mo = 0, d = 0, hh = -1, mm = -1;

		assert_int_equal(val_datetime(cases[i].s, &y, &mo, &d, &hh,
		    &mm), cases[i].ok);
		if (cases[i].ok) {
			assert_int_equal(y, 2024);
			assert_int_equal(mo, 5);
			assert_int_equal(d, 6);
			assert_int_equal(hh, cases[i].hh);
			assert_int_equal(mm, cases[i].mm);
		} else {
			assert_int_equal(hh, -1);
		}
	}
	assert_true(val_datetime("2024-05-06T13:45", NULL, NULL, NULL, NULL,
	    NULL));
	assert_false(val_datetime(NULL, NULL, NULL, NULL, NULL, NULL));
}

static void
test_int(void **state)
{
	static const struct {
		const char	*s;
		long long	 min, max;
		int		 ok;
		long long	 v;
	} cases[] = {
		{ "0", 0, 10, 1, 0 },
		{ "-0", 0, 10, 1, 0 },
		{ "42", 0, 100, 1, 42 },
		{ "-42", -100, 100, 1, -42 },
		{ "007", 0, 10, 1, 7 },
		{ "10", 0, 10, 1, 10 },
		{ "11", 0, 10, 0, 0 },
		{ "-1", 0, 10, 0, 0 },
		{ "5", 6, 4, 0, 0 },
		{ "9223372036854775807", LLONG_MIN, LLONG_MAX, 1, LLONG_MAX },
		{ "-9223372036854775808", LLONG_MIN, LLONG_MAX, 1, LLONG_MIN },
		{ "9223372036854775808", LLONG_MIN, LLONG_MAX, 0, 0 },
		{ "-9223372036854775809", LLONG_MIN, LLONG_MAX, 0, 0 },
		{ "99999999999999999999", LLONG_MIN, LLONG_MAX, 0, 0 },
		{ "00000000000000000000001", 0, 10, 1, 1 },
		{ "", 0, 10, 0, 0 },
		{ "-", 0, 10, 0, 0 },
		{ "+1", 0, 10, 0, 0 },
		{ " 1", 0, 10, 0, 0 },
		{ "1 ", 0, 10, 0, 0 },
		{ "1e3", 0, 10000, 0, 0 },
		{ "0x10", 0, 100, 0, 0 },
		{ "1.0", 0, 10, 0, 0 },
		{ "--1", -10, 10, 0, 0 },
		{ "1-", -10, 10, 0, 0 },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		long long	v = 12345;

		assert_int_equal(val_int(cases[i].s, cases[i].min,
		    cases[i].max, &v), cases[i].ok);
		assert_true(v == (cases[i].ok ? cases[i].v : 12345));
	}
	assert_true(val_int("3", 0, 5, NULL));
	assert_false(val_int(NULL, 0, 5, NULL));
}

static void
test_latlon(void **state)
{
	static const struct {
		const char	*lat, *lon;
		int		 ok;
		double		 la, lo;
	} cases[] = {
		{ "37.9838", "23.7275", 1, 37.9838, 23.7275 },
		{ "40.6401", "22.9444", 1, 40.6401, 22.9444 },
		{ "-90", "180", 1, -90.0, 180.0 },
		{ "90.000", "-180.0", 1, 90.0, -180.0 },
		{ "0", "0", 1, 0.0, 0.0 },
		{ "037.5", "023.25", 1, 37.5, 23.25 },
		{ "35.33877000000000500", "25.1", 1, 35.33877, 25.1 },
		{ "1.00000000000000000001", "0", 1, 1.0, 0.0 },
		{ "1.000000000000000000001", "0", 0, 0, 0 },
		{ "90.0000001", "0", 0, 0, 0 },
		{ "0", "180.0000001", 0, 0, 0 },
		{ "-180.5", "0", 0, 0, 0 },
		{ "0", "-180.5", 0, 0, 0 },
		{ "37,98", "23.7", 0, 0, 0 },
		{ "1e1", "0", 0, 0, 0 },
		{ "nan", "0", 0, 0, 0 },
		{ "0", "inf", 0, 0, 0 },
		{ "+37.9", "0", 0, 0, 0 },
		{ ".5", "0", 0, 0, 0 },
		{ "5.", "0", 0, 0, 0 },
		{ "1234", "0", 0, 0, 0 },
		{ "0", "0180", 0, 0, 0 },
		{ " 37.9", "0", 0, 0, 0 },
		{ "37.9 ", "0", 0, 0, 0 },
		{ "", "0", 0, 0, 0 },
		{ "0", "", 0, 0, 0 },
		{ "-", "0", 0, 0, 0 },
		{ "0x1p3", "0", 0, 0, 0 },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		double	la = 999, lo = 999;

		assert_int_equal(val_latlon(cases[i].lat, cases[i].lon, &la,
		    &lo), cases[i].ok);
		if (cases[i].ok) {
			assert_true(la - cases[i].la < 1e-12 &&
			    cases[i].la - la < 1e-12);
			assert_true(lo - cases[i].lo < 1e-12 &&
			    cases[i].lo - lo < 1e-12);
		} else {
			assert_true(la == 999 && lo == 999);
		}
	}
	assert_true(val_latlon("1", "2", NULL, NULL));
	assert_false(val_latlon(NULL, "2", NULL, NULL));
	assert_false(val_latlon("1", NULL, NULL, NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_afm),
		cmocka_unit_test(test_amka),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_datetime),
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_latlon),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
