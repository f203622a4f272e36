/*
 * test_digits.c - decimal digits without printf (digits.c): fixed-width
 * fields cut and padded as "%0*u" would be, integers at both ends of
 * long long, and reading exactly n digits; each against snprintf/strtol
 * over a sweep of values.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "digits.h"

static void
test_fixed(void **state)
{
	char buf[32];
	char *end;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	end = dig_fixed(buf, 7, 2);
	assert_ptr_equal(end, buf + 2);
	assert_memory_equal(buf, "07x", 3);	/* no NUL written */
	dig_fixed(buf, 2026, 2);
	assert_memory_equal(buf, "26", 2);	/* the last n digits */
	dig_fixed(buf, 2026, 4);
	assert_memory_equal(buf, "2026", 4);
	dig_fixed(buf, 999, 6);
	assert_memory_equal(buf, "000999", 6);
	dig_fixed(buf, 0, 1);
	assert_memory_equal(buf, "0", 1);
	assert_ptr_equal(dig_fixed(buf, 5, 0), buf);
	dig_fixed(buf, ULLONG_MAX, 20);
	assert_memory_equal(buf, "18446744073709551615", 20);
	/* As snprintf would write them, for the widths dates and times use. */
	for (unsigned v = 0; v < 100000; v += 7) {
		char want[16];

		for (int n = 1; n <= 6; n++) {
			unsigned m = 1;

			for (int i = 0; i < n; i++)
				m *= 10;
			snprintf(want, sizeof(want), "%0*u", n, v % m);
			end = dig_fixed(buf, v, n);
			*end = '\0';
			assert_string_equal(buf, want);
		}
	}
}

static void
test_int(void **state)
{
	static const long long v[] = { 0, 1, -1, 9, 10, -10, 123456789,
	    -987654321, 4294967296LL, LLONG_MAX, LLONG_MIN, LLONG_MIN + 1 };
	char buf[DIG_INT_SIZE], want[32];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(want, sizeof(want), "%lld", v[i]);
		assert_int_equal(dig_int(buf, v[i]), strlen(want));
		assert_string_equal(buf, want);
	}
	assert_int_equal(strlen("-9223372036854775808") + 1, DIG_INT_SIZE);
	for (long long x = -100000; x <= 100000; x += 13) {
		snprintf(want, sizeof(want), "%lld", x * 1000003);
		dig_int(buf, x * 1000003);
		assert_string_equal(buf, want);
	}
}

static void
test_read(void **state)
{
	(void)state;
	assert_int_equal(dig_read("2026-12-05", 4), 2026);
	assert_int_equal(dig_read("05", 2), 5);
	assert_int_equal(dig_read("00", 2), 0);
	assert_int_equal(dig_read("999999999", 9), 999999999);
	assert_int_equal(dig_read("x", 0), 0);
	assert_int_equal(dig_read("2a", 2), -1);
	assert_int_equal(dig_read("-1", 2), -1);
	assert_int_equal(dig_read(" 1", 2), -1);
	assert_int_equal(dig_read("1", 2), -1);		/* the NUL */
	assert_int_equal(dig_read("1234567890", 10), -1);	/* overflow */
	assert_int_equal(dig_read("1", -1), -1);
	/* Written and read back. */
	for (unsigned v = 0; v < 10000; v++) {
		char buf[4];

		dig_fixed(buf, v, 4);
		assert_int_equal(dig_read(buf, 4), (int)v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed),
		cmocka_unit_test(test_int),
		cmocka_unit_test(test_read),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
