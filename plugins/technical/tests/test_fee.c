/*
 * test_fee.c - the road occupation fee in integer cents: money and areas
 * read exactly, days counted inclusively across months and leap years,
 * one rounding at the end, the minimum, ranges, Greek formatting.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fee.h"

static void
test_money(void **state)
{
	static const struct {
		const char	*in;
		int		 ok;
		long long	 cents;
	} cases[] = {
		{ "12", 1, 1200 }, { "0,50", 1, 50 }, { "0.5", 1, 50 },
		{ "3,05", 1, 305 }, { "0", 1, 0 }, { "000,01", 1, 1 },
		/* 0.1 + 0.2 is exactly 30 cents here, never 30.000000004. */
		{ "0.30", 1, 30 },
		{ "100000000", 1, 10000000000LL },
		{ "100000000,01", 0, 0 }, { "1.234,50", 0, 0 },
		{ "1,234", 0, 0 }, { ",50", 0, 0 }, { "5,", 0, 0 },
		{ "-1", 0, 0 }, { "+1", 0, 0 }, { " 1", 0, 0 }, { "1 ", 0, 0 },
		{ "1e3", 0, 0 }, { "", 0, 0 }, { "€5", 0, 0 },
		{ "99999999999999999999", 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long c = -7;
		int ok = fee_money_parse(cases[i].in, &c);

		if (ok != cases[i].ok || (ok && c != cases[i].cents))
			fail_msg("'%s': %d %lld", cases[i].in, ok, c);
	}
	assert_false(fee_money_parse(NULL, &(long long){ 0 }));
}

static void
test_area(void **state)
{
	long long a;

	(void)state;
	assert_true(fee_area_parse("12,5", &a));
	assert_int_equal(a, 1250);
	assert_true(fee_area_parse("0.01", &a));
	assert_int_equal(a, 1);
	assert_true(fee_area_parse("10000", &a));
	assert_int_equal(a, FEE_AREA_MAX);
	assert_false(fee_area_parse("0", &a));
	assert_false(fee_area_parse("0,00", &a));
	assert_false(fee_area_parse("10000,01", &a));
	assert_false(fee_area_parse("2,555", &a));
	assert_false(fee_area_parse("-3", &a));
}

static void
test_days(void **state)
{
	int d;

	(void)state;
	assert_true(fee_days("2026-03-02", "2026-03-02", &d));
	assert_int_equal(d, 1);
	assert_true(fee_days("2026-02-27", "2026-03-02", &d));
	assert_int_equal(d, 4);		/* 27, 28, 1, 2 */
	assert_true(fee_days("2028-02-27", "2028-03-02", &d));
	assert_int_equal(d, 5);		/* leap year: the 29th too */
	assert_true(fee_days("2026-12-30", "2027-01-02", &d));
	assert_int_equal(d, 4);
	assert_true(fee_days("2026-01-01", "2026-12-31", &d));
	assert_int_equal(d, 365);
	assert_true(fee_days("2028-01-01", "2028-12-31", &d));
	assert_int_equal(d, 366);
	assert_true(fee_days("2026-01-01", "2027-01-01", &d));
	assert_int_equal(d, 366);
	assert_false(fee_days("2026-01-01", "2027-01-02", &d));	/* 367 */
	assert_false(fee_days("2026-03-02", "2026-03-01", &d));
	assert_false(fee_days("2026-02-29", "2026-03-01", &d));
	assert_false(fee_days("2026-13-01", "2026-13-02", &d));
	assert_false(fee_days("2026-3-2", "2026-03-05", &d));
	assert_false(fee_days("2026-03-02T", "2026-03-05", &d));
	assert_false(fee_days("2026/03/02", "2026/03/05", &d));
	assert_false(fee_days("+026-03-02", "2026-03-05", &d));
	assert_false(fee_days(NULL, "2026-03-05", &d));
}

static void
test_compute(void **state)
{
	long long c;

	(void)state;
	/* 12.50 m2 x 10 days x 0.50 EUR = 62.50 EUR. */
	assert_true(fee_compute(1250, 10, 50, 0, &c));
	assert_int_equal(c, 6250);
	/* 0.33 m2 x 1 day x 0.50 = 0.165: rounded once, half up, 17 c. */
	assert_true(fee_compute(33, 1, 50, 0, &c));
	assert_int_equal(c, 17);
	/* Rounding per day would give 3 x 17 = 51; the fee is 49.5 -> 50. */
	assert_true(fee_compute(33, 3, 50, 0, &c));
	assert_int_equal(c, 50);
	/* 0.01 m2 x 1 day x 0.49: 0.49 c -> 0; the minimum applies. */
	assert_true(fee_compute(1, 1, 49, 0, &c));
	assert_int_equal(c, 0);
	assert_true(fee_compute(1, 1, 49, 1000, &c));
	assert_int_equal(c, 1000);
	assert_true(fee_compute(1250, 10, 50, 1000, &c));
	assert_int_equal(c, 6250);
	/* The largest permit there can be, without overflow. */
	assert_true(fee_compute(FEE_AREA_MAX, FEE_DAYS_MAX, FEE_RATE_MAX, 0,
	    &c));
	assert_int_equal(c, FEE_AREA_MAX * FEE_DAYS_MAX * FEE_RATE_MAX / 100);
	/* A free rate is allowed (a municipality may waive the fee). */
	assert_true(fee_compute(1250, 10, 0, 0, &c));
	assert_int_equal(c, 0);
	/* Out of range. */
	c = 99;
	assert_false(fee_compute(0, 10, 50, 0, &c));
	assert_false(fee_compute(FEE_AREA_MAX + 1, 10, 50, 0, &c));
	assert_false(fee_compute(1250, 0, 50, 0, &c));
	assert_false(fee_compute(1250, FEE_DAYS_MAX + 1, 50, 0, &c));
	assert_false(fee_compute(1250, 10, -1, 0, &c));
	assert_false(fee_compute(1250, 10, FEE_RATE_MAX + 1, 0, &c));
	assert_false(fee_compute(1250, 10, 50, -5, &c));
	assert_int_equal(c, 99);
}

static void
test_format(void **state)
{
	static const struct {
		long long	 cents;
		const char	*out;
	} cases[] = {
		{ 0, "0,00 €" }, { 5, "0,05 €" }, { 6250, "62,50 €" },
		{ 123450, "1.234,50 €" }, { 100000000, "1.000.000,00 €" },
		{ 99999999999LL, "999.999.999,99 €" }, { -150, "-1,50 €" },
	};
	char out[FEE_MONEY_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fee_money_format(cases[i].cents, out);
		assert_string_equal(out, cases[i].out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money),
		cmocka_unit_test(test_area),
		cmocka_unit_test(test_days),
		cmocka_unit_test(test_compute),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
