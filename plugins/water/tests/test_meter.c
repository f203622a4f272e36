/*
 * test_meter.c - unit tests of the water department's arithmetic:
 * readings only count up (unless a new meter was fitted), consumption per
 * period across a meter change, the configured reading periods, and the
 * irrigation hours under the configured rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "irrigation.h"
#include "meter.h"

static const struct reading hist[] = {
	{ "2025-01-15", 1200, "M1", READING_REGULAR },
	{ "2025-05-15", 1260, "M1", READING_REGULAR },
	{ "2025-09-15", 1340, "M1", READING_REGULAR },
};

static void
readings_monotonic(void **state)
{
	const struct reading *last;

	(void)state;
	/* higher, equal (nothing used), on a later or the same day */
	assert_int_equal(reading_check(hist, 3, "2026-01-15", 1390, "M1",
	    &last), READING_OK);
	assert_ptr_equal(last, &hist[2]);
	assert_int_equal(reading_check(hist, 3, "2026-01-15", 1340, "M1",
	    &last), READING_OK);
	assert_int_equal(reading_check(hist, 3, "2025-09-15", 1341, "M1",
	    &last), READING_OK);
	/* lower than the last: refused, whatever the date */
	assert_int_equal(reading_check(hist, 3, "2026-01-15", 1339, "M1",
	    &last), READING_LOWER);
	assert_int_equal(last->value, 1340);
	assert_string_equal(last->date, "2025-09-15");
	assert_int_equal(reading_check(hist, 3, "2026-01-15", 0, "M1", &last),
	    READING_LOWER);
	/* dated before the last one */
	assert_int_equal(reading_check(hist, 3, "2025-09-14", 1400, "M1",
	    &last), READING_EARLIER);
	/* another meter than the supply's last */
	assert_int_equal(reading_check(hist, 3, "2026-01-15", 10, "M2",
	    &last), READING_OTHER_METER);
	/* beyond the dial, and below zero */
	assert_int_equal(reading_check(hist, 3, "2026-01-15",
	    METER_VALUE_MAX + 1, "M1", &last), READING_TOO_LARGE);
	assert_int_equal(reading_check(hist, 3, "2026-01-15", -1, "M1",
	    &last), READING_TOO_LARGE);
	/* a first reading is always possible */
	assert_int_equal(reading_check(hist, 0, "2026-01-15", 5, "M1", &last),
	    READING_OK);
	assert_null(last);
}

static void
readings_meter_change(void **state)
{
	/* a clerk noted the change: M1 taken off at 1380, M2 fitted at 3 */
	const struct reading h[] = {
		{ "2025-09-15", 1340, "M1", READING_REGULAR },
		{ "2025-11-02", 1380, "M1", READING_FINAL },
		{ "2025-11-02", 3, "M2", READING_INITIAL },
	};
	const struct reading *last;

	(void)state;
	/* the new meter counts from its own start: lower than the old
	 * meter's reading is fine, lower than its own start is not */
	assert_int_equal(reading_check(h, 3, "2026-01-15", 40, "M2", &last),
	    READING_OK);
	assert_ptr_equal(last, &h[2]);
	assert_int_equal(reading_check(h, 3, "2026-01-15", 2, "M2", &last),
	    READING_LOWER);
	/* the old meter is gone */
	assert_int_equal(reading_check(h, 3, "2026-01-15", 1400, "M1", &last),
	    READING_OTHER_METER);
	/* taken off, nothing fitted yet: no reading fits */
	assert_int_equal(reading_check(h, 2, "2026-01-15", 1400, "M1", &last),
	    READING_OTHER_METER);
}

static void
consumption_periods(void **state)
{
	const struct reading h[] = {
		{ "2025-01-15", 1200, "M1", READING_REGULAR },
		{ "2025-05-15", 1260, "M1", READING_REGULAR },
		{ "2025-09-15", 1340, "M1", READING_REGULAR },
		/* 40 m³ on the old meter, then 37 on the new one */
		{ "2025-11-02", 1380, "M1", READING_FINAL },
		{ "2025-11-02", 3, "M2", READING_INITIAL },
		{ "2026-01-15", 40, "M2", READING_REGULAR },
		{ "2026-05-15", 95, "M2", READING_REGULAR },
	};
	struct period p[8];

	(void)state;
	assert_int_equal(consumption(h, 7, p, 8), 4);
	assert_string_equal(p[0].from, "2025-01-15");
	assert_string_equal(p[0].to, "2025-05-15");
	assert_int_equal(p[0].m3, 60);
	assert_int_equal(p[0].days, 120);
	assert_int_equal(p[1].m3, 80);
	assert_string_equal(p[2].from, "2025-09-15");
	assert_string_equal(p[2].to, "2026-01-15");
	assert_int_equal(p[2].m3, 77);
	assert_int_equal(p[2].days, 122);
	assert_int_equal(p[3].m3, 55);
	/* the last two only */
	memset(p, 0, sizeof(p));
	assert_int_equal(consumption(h, 7, p, 2), 4);
	assert_int_equal(p[0].m3, 77);
	assert_int_equal(p[1].m3, 55);
	assert_null(p[2].from);
	/* one reading or none: no period */
	assert_int_equal(consumption(h, 1, p, 8), 0);
	assert_int_equal(consumption(NULL, 0, p, 8), 0);
	assert_int_equal(days_between("2024-02-28", "2024-03-01"), 2);
	assert_int_equal(days_between("2025-12-31", "2026-01-01"), 1);
	assert_int_equal(days_between("2026-01-01", "2025-12-31"), -1);
}

static void
axis(void **state)
{
	static const long long cases[][3] = {
		/* largest, max, step */
		{ 0, 3, 1 }, { 1, 3, 1 }, { 4, 4, 1 }, { 5, 5, 1 }, { 6, 6, 2 },
		{ 9, 10, 2 }, { 10, 10, 2 }, { 11, 15, 5 }, { 24, 25, 5 },
		{ 26, 30, 10 }, { 45, 50, 10 }, { 78, 80, 20 }, { 101, 150, 50 },
		{ 293, 300, 100 }, { 1234, 1500, 500 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long max, step;

		chart_axis(cases[i][0], &max, &step);
		if (max != cases[i][1] || step != cases[i][2])
			fail_msg("%lld: %lld/%lld, expected %lld/%lld",
			    cases[i][0], max, step, cases[i][1], cases[i][2]);
		/* every bar fits, 3 to 5 gridlines */
		assert_true(max >= cases[i][0]);
		assert_true(max / step >= 3 && max / step <= 5);
		assert_int_equal(max % step, 0);
	}
}

static void
reading_periods(void **state)
{
	struct reading_periods p;
	char err[256], from[11], to[11];

	(void)state;
	assert_int_equal(periods_parse("01-10..01-31, 05-10..05-31,"
	    "09-10..09-30", &p, err, sizeof(err)), 0);
	assert_int_equal(p.n, 3);
	assert_true(periods_open(&p, "2026-01-10"));
	assert_true(periods_open(&p, "2026-01-31"));
	assert_false(periods_open(&p, "2026-02-01"));
	assert_false(periods_open(&p, "2026-05-09"));
	assert_true(periods_open(&p, "2026-09-30"));
	/* open: the period itself; closed: the next one */
	assert_int_equal(periods_next(&p, "2026-01-20", from, to), 0);
	assert_string_equal(from, "2026-01-10");
	assert_string_equal(to, "2026-01-31");
	assert_int_equal(periods_next(&p, "2026-03-02", from, to), 0);
	assert_string_equal(from, "2026-05-10");
	assert_string_equal(to, "2026-05-31");
	assert_int_equal(periods_next(&p, "2026-10-01", from, to), 0);
	assert_string_equal(from, "2027-01-10");
	assert_string_equal(to, "2027-01-31");
	/* over the new year */
	assert_int_equal(periods_parse("12-20..01-10", &p, err, sizeof(err)),
	    0);
	assert_true(periods_open(&p, "2026-12-31"));
	assert_true(periods_open(&p, "2027-01-05"));
	assert_false(periods_open(&p, "2027-01-11"));
	assert_int_equal(periods_next(&p, "2027-01-05", from, to), 0);
	assert_string_equal(from, "2026-12-20");
	assert_string_equal(to, "2027-01-10");
	assert_int_equal(periods_next(&p, "2026-12-21", from, to), 0);
	assert_string_equal(from, "2026-12-20");
	assert_string_equal(to, "2027-01-10");
	assert_int_equal(periods_next(&p, "2026-06-01", from, to), 0);
	assert_string_equal(from, "2026-12-20");
	/* the whole year */
	assert_int_equal(periods_parse("01-01..12-31", &p, err, sizeof(err)),
	    0);
	assert_true(periods_open(&p, "2026-07-14"));
	/* refusals */
	assert_int_equal(periods_parse("", &p, err, sizeof(err)), -1);
	assert_string_equal(err, "no period given");
	assert_int_equal(periods_parse("01-10-01-31", &p, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "\"01-10-01-31\" is not a period "
	    "MM-DD..MM-DD (02-29 is not allowed)");
	assert_int_equal(periods_parse("02-29..03-10", &p, err, sizeof(err)),
	    -1);
	assert_int_equal(periods_parse("13-01..13-05", &p, err, sizeof(err)),
	    -1);
	assert_int_equal(periods_parse("04-31..05-05", &p, err, sizeof(err)),
	    -1);
	assert_int_equal(periods_parse("1-10..1-31", &p, err, sizeof(err)),
	    -1);
	assert_int_equal(periods_parse("01-10..01-31, x", &p, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "\"x\" is not a period MM-DD..MM-DD (02-29 "
	    "is not allowed)");
}

static void
irrigation_rules(void **state)
{
	struct irrigation_rules r;
	char err[256];
	int capped;

	(void)state;
	irrigation_defaults(&r);
	/* 12,5 stremmata of cotton at 2,5 h: 31,25 h, rounded up */
	assert_int_equal(irrigation_hours(&r, CROP_COTTON, 125, &capped), 32);
	assert_false(capped);
	/* exact: 10 stremmata of maize at 3 h */
	assert_int_equal(irrigation_hours(&r, CROP_MAIZE, 100, &capped), 30);
	/* the cap */
	assert_int_equal(irrigation_hours(&r, CROP_ALFALFA, 10000, &capped),
	    300);
	assert_true(capped);
	assert_int_equal(irrigation_hours(&r, CROP_COTTON, 0, &capped), -1);
	/* the configuration's rules replace the defaults */
	assert_int_equal(irrigation_parse("cotton:2.5, maize : 3,alfalfa:4.2",
	    "120", &r, err, sizeof(err)), 0);
	assert_int_equal(r.rate[CROP_ALFALFA], 42);
	assert_int_equal(r.max_hours, 120);
	assert_int_equal(irrigation_hours(&r, CROP_ALFALFA, 101, &capped), 43);
	/* a crop left out is not irrigated from the network */
	assert_int_equal(irrigation_hours(&r, CROP_TOBACCO, 100, &capped), -1);
	assert_int_equal(irrigation_hours(&r, CROP_MAIZE, 1000, &capped), 120);
	assert_true(capped);
	assert_int_equal(irrigation_parse(NULL, NULL, &r, err, sizeof(err)),
	    0);
	assert_int_equal(r.rate[CROP_TOBACCO], 15);
	/* refusals */
	assert_int_equal(irrigation_parse("rice:2", NULL, &r, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "irrigation_rates: \"rice:2\" is not "
	    "crop:hours with a crop of cotton, maize, alfalfa, tobacco, "
	    "vegetables, orchard, olives, vineyard");
	assert_int_equal(irrigation_parse("cotton:2.55", NULL, &r, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "irrigation_rates: \"cotton:2.55\": the "
	    "hours per stremma are a number from 0.1 to 99.9 with at most "
	    "one decimal");
	assert_int_equal(irrigation_parse("cotton:0", NULL, &r, err,
	    sizeof(err)), -1);
	assert_int_equal(irrigation_parse("cotton:100", NULL, &r, err,
	    sizeof(err)), -1);
	assert_int_equal(irrigation_parse("cotton", NULL, &r, err,
	    sizeof(err)), -1);
	assert_int_equal(irrigation_parse("cotton:2,cotton:3", NULL, &r, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "irrigation_rates: cotton is given twice");
	assert_int_equal(irrigation_parse(NULL, "0", &r, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "irrigation_max_hours: \"0\" is not a whole "
	    "number of hours from 1 to 10000");
	assert_int_equal(irrigation_parse(NULL, "12h", &r, err, sizeof(err)),
	    -1);
	assert_int_equal(crop_parse("cotton"), CROP_COTTON);
	assert_int_equal(crop_parse("Cotton"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(readings_monotonic),
		cmocka_unit_test(readings_meter_change),
		cmocka_unit_test(consumption_periods),
		cmocka_unit_test(axis),
		cmocka_unit_test(reading_periods),
		cmocka_unit_test(irrigation_rules),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
