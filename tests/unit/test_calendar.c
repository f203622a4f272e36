/*
 * test_calendar.c - unit tests of Greek holidays and business-day math.
 * Owns: known Orthodox Easter dates, holiday checks and SLA due dates
 * across Christmas, New Year and Easter.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>

#include "calendar.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
test_easter(void **state)
{
	/* Published Orthodox Easter Sundays. */
	static const int known[][3] = {
		{ 2001, 4, 15 }, { 2010, 4, 4 }, { 2011, 4, 24 },
		{ 2013, 5, 5 }, { 2016, 5, 1 }, { 2017, 4, 16 },
		{ 2018, 4, 8 }, { 2019, 4, 28 }, { 2020, 4, 19 },
		{ 2021, 5, 2 }, { 2022, 4, 24 }, { 2023, 4, 16 },
		{ 2024, 5, 5 }, { 2025, 4, 20 }, { 2026, 4, 12 },
		{ 2027, 5, 2 }, { 2028, 4, 16 }, { 2029, 4, 8 },
		{ 2030, 4, 28 },
	};
	size_t	i;
	int	m, d, y;

	(void)state;
	for (i = 0; i < NELEM(known); i++) {
		cal_orthodox_easter(known[i][0], &m, &d);
		assert_int_equal(m, known[i][1]);
		assert_int_equal(d, known[i][2]);
	}
	/* Always a Sunday in Apr 4 .. May 8 for 1900..2099. */
	for (y = 1900; y < 2100; y++) {
		cal_orthodox_easter(y, &m, &d);
		assert_true((m == 4 && d >= 4) || (m == 5 && d <= 8));
		/* Sunday: Saturday before and Monday after are not. */
		assert_false(cal_is_business_day(NULL, y, m, d));
	}
	cal_orthodox_easter(0, &m, &d);
	assert_int_equal(m, 0);
	assert_int_equal(d, 0);
	cal_orthodox_easter(10000, &m, &d);
	assert_int_equal(m, 0);
}

static void
test_holidays(void **state)
{
	static const struct {
		int	y, m, d, hol;
	} cases[] = {
		{ 2026, 1, 1, 1 }, { 2026, 1, 6, 1 }, { 2026, 3, 25, 1 },
		{ 2026, 5, 1, 1 }, { 2026, 8, 15, 1 }, { 2026, 10, 28, 1 },
		{ 2026, 12, 25, 1 }, { 2026, 12, 26, 1 },
		{ 2026, 2, 23, 1 },	/* Clean Monday */
		{ 2026, 4, 10, 1 },	/* Good Friday */
		{ 2026, 4, 13, 1 },	/* Easter Monday */
		{ 2026, 6, 1, 1 },	/* Holy Spirit Monday */
		{ 2025, 3, 3, 1 }, { 2025, 4, 18, 1 }, { 2025, 4, 21, 1 },
		{ 2025, 6, 9, 1 },
		/* Not public holidays. */
		{ 2026, 4, 11, 0 },	/* Holy Saturday */
		{ 2026, 4, 12, 0 },	/* Easter Sunday: a weekend */
		{ 2026, 4, 14, 0 },
		{ 2026, 12, 24, 0 }, { 2026, 12, 31, 0 }, { 2026, 1, 2, 0 },
		{ 2026, 2, 24, 0 }, { 2026, 5, 31, 0 }, { 2026, 11, 17, 0 },
		/* Labour Day moved out of Holy Week. */
		{ 2024, 5, 1, 0 }, { 2024, 5, 7, 1 },
		{ 2021, 5, 4, 1 }, { 2016, 5, 3, 1 }, { 2013, 5, 7, 1 },
		{ 2025, 5, 1, 1 }, { 2025, 5, 6, 0 },
		/* Invalid dates. */
		{ 2026, 2, 29, 0 }, { 2026, 13, 1, 0 }, { 2026, 0, 1, 0 },
		{ 2026, 1, 0, 0 }, { 0, 1, 1, 0 }, { INT_MAX, 1, 1, 0 },
		{ INT_MIN, 1, 1, 0 },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < NELEM(cases); i++) {
		if (cal_is_holiday(cases[i].y, cases[i].m, cases[i].d) !=
		    cases[i].hol)
			print_error("%d-%d-%d\n", cases[i].y, cases[i].m,
			    cases[i].d);
		assert_int_equal(cal_is_holiday(cases[i].y, cases[i].m,
		    cases[i].d), cases[i].hol);
	}
}

static void
test_business_day(void **state)
{
	static const int extra[] = { 20251003, 20251003, 20261026 };
	const struct cal	athens = { extra, NELEM(extra) };
	const struct cal	none = { NULL, 0 };

	(void)state;
	assert_true(cal_is_business_day(NULL, 2026, 3, 6));	/* Fri */
	assert_false(cal_is_business_day(NULL, 2026, 3, 7));	/* Sat */
	assert_false(cal_is_business_day(NULL, 2026, 3, 8));	/* Sun */
	assert_true(cal_is_business_day(NULL, 2026, 3, 9));	/* Mon */
	assert_false(cal_is_business_day(NULL, 2026, 3, 25));	/* Wed */
	assert_false(cal_is_business_day(NULL, 2026, 2, 29));
	assert_false(cal_is_business_day(NULL, 2026, 4, 31));
	/* The municipality's extra days. */
	assert_true(cal_is_business_day(NULL, 2025, 10, 3));
	assert_false(cal_is_business_day(&athens, 2025, 10, 3));
	assert_true(cal_is_business_day(&athens, 2025, 10, 2));
	assert_false(cal_is_business_day(&athens, 2026, 10, 26));
	assert_true(cal_is_business_day(&none, 2025, 10, 3));
	/* 2000-01-03 was a Monday; 1 Jan 0001 too (proleptic). */
	assert_true(cal_is_business_day(NULL, 2000, 1, 3));
	assert_false(cal_is_business_day(NULL, 2000, 1, 2));
	assert_true(cal_is_business_day(NULL, 2000, 2, 29));
	assert_false(cal_is_business_day(NULL, 1, 1, 1));
	assert_true(cal_is_business_day(NULL, 1, 1, 2));
	assert_true(cal_is_business_day(NULL, 9999, 12, 31));	/* Fri */
}

static void
check_due(const struct cal *c, int y, int m, int d, unsigned n, int wy,
    int wm, int wd)
{
	int	oy = 0, om = 0, od = 0;

	cal_add_business_days(c, y, m, d, n, &oy, &om, &od);
	if (oy != wy || om != wm || od != wd)
		print_error("%d-%02d-%02d + %u = %d-%02d-%02d, want "
		    "%d-%02d-%02d\n", y, m, d, n, oy, om, od, wy, wm, wd);
	assert_int_equal(oy, wy);
	assert_int_equal(om, wm);
	assert_int_equal(od, wd);
}

static void
test_add_business_days(void **state)
{
	static const int extra[] = { 20251003 };
	const struct cal	athens = { extra, 1 };

	(void)state;
	/* Day 0 is the submission day; Friday + 1 is Monday. */
	check_due(NULL, 2026, 3, 6, 0, 2026, 3, 6);
	check_due(NULL, 2026, 3, 6, 1, 2026, 3, 9);
	check_due(NULL, 2026, 3, 2, 4, 2026, 3, 6);
	check_due(NULL, 2026, 3, 2, 5, 2026, 3, 9);
	/* A weekend submission counts from Monday. */
	check_due(NULL, 2026, 3, 7, 0, 2026, 3, 9);
	check_due(NULL, 2026, 3, 7, 1, 2026, 3, 10);
	check_due(NULL, 2026, 3, 8, 1, 2026, 3, 10);
	/* Christmas: Dec 24, Dec 29, Dec 30. */
	check_due(NULL, 2025, 12, 23, 3, 2025, 12, 30);
	check_due(NULL, 2025, 12, 24, 1, 2025, 12, 29);
	check_due(NULL, 2025, 12, 25, 0, 2025, 12, 29);
	/* New Year and Epiphany: Dec 31, Jan 2, Jan 5, Jan 7. */
	check_due(NULL, 2025, 12, 30, 3, 2026, 1, 5);
	check_due(NULL, 2025, 12, 30, 4, 2026, 1, 7);
	check_due(NULL, 2026, 1, 1, 1, 2026, 1, 5);
	/* Across the year: 20 business days from 2025-12-15. */
	check_due(NULL, 2025, 12, 15, 20, 2026, 1, 16);
	/* Easter 2026: Good Friday .. Easter Monday closed. */
	check_due(NULL, 2026, 4, 9, 1, 2026, 4, 14);
	check_due(NULL, 2026, 4, 9, 2, 2026, 4, 15);
	check_due(NULL, 2026, 4, 10, 0, 2026, 4, 14);
	/* Easter 2024 with Labour Day on Easter Tuesday. */
	check_due(NULL, 2024, 4, 30, 1, 2024, 5, 1);
	check_due(NULL, 2024, 4, 30, 3, 2024, 5, 8);
	/* Clean Monday 2026, Holy Spirit Monday 2026. */
	check_due(NULL, 2026, 2, 20, 1, 2026, 2, 24);
	check_due(NULL, 2026, 5, 29, 1, 2026, 6, 2);
	/* A patron saint's day. */
	check_due(NULL, 2025, 10, 2, 1, 2025, 10, 3);
	check_due(&athens, 2025, 10, 2, 1, 2025, 10, 6);
	/* A whole year of 2025 business days: 249 in total. */
	check_due(NULL, 2025, 1, 1, 248, 2025, 12, 31);
	check_due(NULL, 2025, 1, 1, 249, 2026, 1, 2);
	/* Invalid input is returned unchanged; the end of time clamps. */
	check_due(NULL, 2025, 2, 30, 5, 2025, 2, 30);
	check_due(NULL, 9999, 12, 20, 100, 9999, 12, 31);
	check_due(NULL, 9999, 1, 1, UINT_MAX, 9999, 12, 31);
}

static void
test_between(void **state)
{
	static const int extra[] = { 20250102, 20251003 };
	const struct cal	c = { extra, NELEM(extra) };

	(void)state;
	assert_int_equal(cal_business_days_between(NULL, 2025, 1, 1, 2026, 1,
	    1), 249);
	assert_int_equal(cal_business_days_between(&c, 2025, 1, 1, 2026, 1,
	    1), 247);
	/* [Fri, Mon) holds the Friday only. */
	assert_int_equal(cal_business_days_between(NULL, 2026, 3, 6, 2026, 3,
	    9), 1);
	assert_int_equal(cal_business_days_between(NULL, 2026, 3, 6, 2026, 3,
	    6), 0);
	assert_int_equal(cal_business_days_between(NULL, 2026, 3, 9, 2026, 3,
	    6), 0);
	assert_int_equal(cal_business_days_between(NULL, 2026, 3, 7, 2026, 3,
	    9), 0);
	/* Holy Week 2026: Mon..Thu, then closed until Tuesday. */
	assert_int_equal(cal_business_days_between(NULL, 2026, 4, 6, 2026, 4,
	    15), 5);
	assert_int_equal(cal_business_days_between(NULL, 2025, 2, 30, 2026, 1,
	    1), 0);
	assert_int_equal(cal_business_days_between(NULL, 2000, 1, 1, 2100, 1,
	    1) > 24000, 1);
}

/* add and between agree: from day 0, n business days span [day0, due). */
static void
test_add_between_agree(void **state)
{
	static const int extra[] = { 20261026, 20271026, 20281026 };
	const struct cal	c = { extra, NELEM(extra) };
	unsigned		s = 7;
	int			i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		int		y, m, d, y0, m0, d0, y1, m1, d1;
		unsigned	n;

		s = s * 1103515245u + 12345u;
		y = 2024 + (int)(s >> 16) % 5;
		s = s * 1103515245u + 12345u;
		m = 1 + (int)(s >> 16) % 12;
		s = s * 1103515245u + 12345u;
		d = 1 + (int)(s >> 16) % 28;
		s = s * 1103515245u + 12345u;
		n = (s >> 16) % 90;
		cal_add_business_days(&c, y, m, d, 0, &y0, &m0, &d0);
		cal_add_business_days(&c, y, m, d, n, &y1, &m1, &d1);
		assert_true(cal_is_business_day(&c, y0, m0, d0));
		assert_true(cal_is_business_day(&c, y1, m1, d1));
		assert_int_equal(cal_business_days_between(&c, y0, m0, d0,
		    y1, m1, d1), (long)n);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_holidays),
		cmocka_unit_test(test_business_day),
		cmocka_unit_test(test_add_business_days),
		cmocka_unit_test(test_between),
		cmocka_unit_test(test_add_between_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
