/*
 * test_localtime.c - the municipality's clock: UTC timestamps shown in
 * Athens time across daylight saving, dates, and the SLA arithmetic the
 * requests use (due dates, the pause while awaiting the citizen) with the
 * municipality's own days off from the configuration.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "config.h"
#include "localtime.h"

static struct arena a;

static void
init(const char *tz, const char *holidays)
{
	struct config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.mun_timezone = (char *)(uintptr_t)tz;
	cfg.mun_holidays = (char *)(uintptr_t)holidays;
	lt_init(&cfg);
}

static void
test_format(void **state)
{
	static const struct { const char *utc; int with_time; const char *l; }
	    cases[] = {
		/* Winter: UTC+2; summer: UTC+3; the date can change. */
		{ "2026-01-15 10:30:00", 1, "15/01/2026 12:30" },
		{ "2026-07-15 10:30:00.123456", 1, "15/07/2026 13:30" },
		{ "2026-12-31 22:15:00", 1, "01/01/2027 00:15" },
		{ "2026-12-31 22:15:00", 0, "01/01/2027" },
		/* The night the clocks go back (25/10/2026, 04:00 -> 03:00
		 * EEST). */
		{ "2026-10-25 00:30:00", 1, "25/10/2026 03:30" },
		{ "2026-10-25 01:30:00", 1, "25/10/2026 03:30" },
		/* Leap days and turns of centuries (read without timegm). */
		{ "2024-02-28 23:30:00", 1, "29/02/2024 01:30" },
		{ "2000-02-29 22:00:00", 1, "01/03/2000 00:00" },
		{ "2100-02-28 22:00:00", 1, "01/03/2100 00:00" },
		{ "1999-12-31 23:00:00", 1, "01/01/2000 01:00" },
		{ "1969-12-31 21:59:59", 1, "31/12/1969 23:59" },
		/* Not as the database writes it: read the general way. */
		{ "2026-01-15 10:30", 1, "15/01/2026 12:30" },
		{ "2026-01-15", 0, "15/01/2026" },
		{ NULL, 1, NULL }, { "not a time", 1, NULL }, { "", 1, NULL },
	};

	(void)state;
	init("Europe/Athens", "");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *l = lt_format(&a, cases[i].utc, cases[i].with_time);

		if (cases[i].l == NULL)
			assert_null(l);
		else
			assert_string_equal(l, cases[i].l);
	}
	assert_string_equal(lt_date(&a, "2026-03-25"), "25/03/2026");
	assert_null(lt_date(&a, "25/03/2026"));
	assert_null(lt_date(&a, "2026-0a-25"));
	assert_null(lt_date(&a, NULL));
	/* Not the database's form: read the general way, as before. */
	assert_string_equal(lt_date(&a, "2026-3-5"), "05/03/2026");
	assert_string_equal(lt_date(&a, "2026-03-25 10:00"), "25/03/2026");
	init("UTC", "");
	assert_string_equal(lt_format(&a, "2026-07-15 10:30:00", 1),
	    "15/07/2026 10:30");
}

/* A stored time's day is the municipality's: a request sent at 00:30 in
 * Athens on the 1st is of the 1st, though UTC still has the 31st. */
static void
test_day(void **state)
{
	static const struct { const char *utc, *day; } cases[] = {
		{ "2026-12-31 22:15:00", "2027-01-01" },
		{ "2026-12-31 21:59:59.999999", "2026-12-31" },
		{ "2026-06-30 21:00:00", "2026-07-01" },	/* UTC+3 */
		{ "2026-06-30 20:59:59", "2026-06-30" },
		{ "2024-02-28 22:00:00", "2024-02-29" },
		{ "0999-05-01 12:00:00", "0999-05-01" },
		{ NULL, NULL }, { "not a time", NULL }, { "", NULL },
	};

	(void)state;
	init("Europe/Athens", "");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *d = lt_day(&a, cases[i].utc);

		if (cases[i].day == NULL)
			assert_null(d);
		else
			assert_string_equal(d, cases[i].day);
	}
	init("UTC", "");
	assert_string_equal(lt_day(&a, "2026-12-31 22:15:00"), "2026-12-31");
}

static void
test_add_business(void **state)
{
	char d[11];

	(void)state;
	init("Europe/Athens", "");
	/* Friday 24/04/2026 + 1 business day: Monday 27/04. */
	snprintf(d, sizeof(d), "2026-04-24");
	lt_add_business(d, 1);
	assert_string_equal(d, "2026-04-27");
	/* Across Orthodox Easter 2026 (Good Friday 10/04, Easter Monday
	 * 13/04): Thursday 09/04 + 1 is Tuesday 14/04. */
	snprintf(d, sizeof(d), "2026-04-09");
	lt_add_business(d, 1);
	assert_string_equal(d, "2026-04-14");
	/* Nothing to add: unchanged; garbage: unchanged. */
	snprintf(d, sizeof(d), "2026-04-09");
	lt_add_business(d, 0);
	assert_string_equal(d, "2026-04-09");
	snprintf(d, sizeof(d), "garbage");
	lt_add_business(d, 3);
	assert_string_equal(d, "garbage");
	/* The municipality's own day off (its patron saint) counts too. */
	init("Europe/Athens", "2026-11-30, 2026-12-01");
	snprintf(d, sizeof(d), "2026-11-27");
	lt_add_business(d, 1);
	assert_string_equal(d, "2026-12-02");
}

/* A UTC timestamp n days before now. */
static const char *
days_ago(int n)
{
	static char buf[32];
	time_t t = time(NULL) - (time_t)n * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

static void
test_pause(void **state)
{
	long n7, n14;

	(void)state;
	init("Europe/Athens", "");
	/* The clock stopped "since" now: no business day passed. */
	assert_int_equal(lt_business_days_since(days_ago(0)), 0);
	/* A week (7 days) holds at most 5 business days and at least 3 (a
	 * holiday week); two weeks twice that, give or take holidays. */
	n7 = lt_business_days_since(days_ago(7));
	n14 = lt_business_days_since(days_ago(14));
	assert_true(n7 >= 3 && n7 <= 5);
	assert_true(n14 >= n7 + 3 && n14 <= n7 + 5);
	assert_int_equal(lt_business_days_since(NULL), 0);
	assert_int_equal(lt_business_days_since("yesterday"), 0);
}

static void
test_due(void **state)
{
	char due[11], expect[11];
	int y, m, d;

	(void)state;
	init("Europe/Athens", "");
	/* lt_due(n) is today (local) plus n business days. */
	lt_today(&y, &m, &d);
	snprintf(expect, sizeof(expect), "%04d-%02d-%02d", y, m, d);
	lt_add_business(expect, 10);
	lt_due(10, due);
	assert_string_equal(due, expect);
}

/* The clock's offsets between two instants: Athens changes on the last
 * Sundays of March and October at 01:00 UTC; the first and last periods
 * reach to the ends of time. */
static void
test_offset_periods(void **state)
{
	struct lt_period p[8];
	size_t n;

	(void)state;
	init("Europe/Athens", "");
	n = lt_offset_periods("2026-01-10 12:00:00", "2026-12-20 08:00:00", p,
	    8);
	assert_int_equal(n, 3);
	assert_string_equal(p[0].from, "1000-01-01 00:00:00");
	assert_string_equal(p[0].to, "2026-03-29 01:00:00");
	assert_int_equal(p[0].offset, 7200);
	assert_string_equal(p[1].from, "2026-03-29 01:00:00");
	assert_string_equal(p[1].to, "2026-10-25 01:00:00");
	assert_int_equal(p[1].offset, 10800);
	assert_string_equal(p[2].from, "2026-10-25 01:00:00");
	assert_string_equal(p[2].to, "9999-12-31 23:59:59");
	assert_int_equal(p[2].offset, 7200);
	/* Within one period: one, open both ways. */
	n = lt_offset_periods("2026-05-01 00:00:00", "2026-05-02 00:00:00", p,
	    8);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].offset, 10800);
	assert_int_equal(lt_offset_periods("nonsense", "2026-05-02", p, 8), 0);
}

/* Open311's W3C datetimes: out with the zone's offset of the day, in
 * with any offset, "Z", or none (the municipality's time). */
static void
test_w3c(void **state)
{
	char out[20];

	(void)state;
	init("Europe/Athens", "");
	assert_string_equal(lt_w3c(&a, "2026-12-05 07:30:00"),
	    "2026-12-05T09:30:00+02:00");
	assert_string_equal(lt_w3c(&a, "2026-07-15 10:30:00.5"),
	    "2026-07-15T13:30:00+03:00");
	assert_null(lt_w3c(&a, "yesterday"));
	assert_int_equal(lt_utc_of_w3c("2026-12-05T09:30:00+02:00", out), 0);
	assert_string_equal(out, "2026-12-05 07:30:00");
	assert_int_equal(lt_utc_of_w3c("2026-12-05T07:30:00Z", out), 0);
	assert_string_equal(out, "2026-12-05 07:30:00");
	assert_int_equal(lt_utc_of_w3c("2026-12-05T07:30:00.123-01:30", out),
	    0);
	assert_string_equal(out, "2026-12-05 09:00:00");
	/* No offset: Athens time, summer or winter. */
	assert_int_equal(lt_utc_of_w3c("2026-07-15T13:30", out), 0);
	assert_string_equal(out, "2026-07-15 10:30:00");
	assert_int_equal(lt_utc_of_w3c("2026-12-05", out), 0);
	assert_string_equal(out, "2026-12-04 22:00:00");
	/* Round trip. */
	assert_int_equal(lt_utc_of_w3c(lt_w3c(&a, "2026-10-25 01:30:00"),
	    out), 0);
	assert_string_equal(out, "2026-10-25 01:30:00");
	for (const char *const *bad = (const char *const[]){ "", "2026-13-01",
	    "2026-12-05T25:00:00Z", "2026-12-05T09:30:00+2", "2026-12-05 09:30",
	    "2026-12-05T09:30:00+02:00x", "2026-12-05T09:30:00+15:00",
	    "2026-12-05T9:30", NULL }; *bad; bad++)
		assert_int_equal(lt_utc_of_w3c(*bad, out), -1);
	assert_int_equal(lt_utc_of_w3c(NULL, out), -1);
}

/* What the tools print for people (dimosctl's lists, the mailer's test
 * message): the municipality's "YYYY-MM-DD HH:MM" and its zone's name. */
static void
test_local(void **state)
{
	static const struct { const char *utc; const char *l; } cases[] = {
		{ "2026-01-15 10:30:00", "2026-01-15 12:30" },
		{ "2026-07-15 10:30:59.999999", "2026-07-15 13:30" },
		{ "2026-12-31 22:15:00", "2027-01-01 00:15" },
		{ "2026-10-25 01:30:00", "2026-10-25 03:30" },
		{ "2026-01-15 10:30", "2026-01-15 12:30" },
		{ NULL, NULL }, { "not a time", NULL }, { "", NULL },
	};
	char out[17], day[11];

	(void)state;
	init("Europe/Athens", "");
	assert_string_equal(lt_zone(), "Europe/Athens");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc = lt_local(cases[i].utc, out);

		if (cases[i].l == NULL) {
			assert_int_equal(rc, -1);
			assert_string_equal(out, "");
		} else {
			assert_int_equal(rc, 0);
			assert_string_equal(out, cases[i].l);
		}
	}
	/* 2026-12-31 22:30 UTC is the new year's first day in Athens. */
	lt_local_day((time_t)1798756200, day);
	assert_string_equal(day, "2027-01-01");
	init(NULL, "");
	assert_string_equal(lt_zone(), "UTC");
	assert_int_equal(lt_local("2026-01-15 10:30:00", out), 0);
	assert_string_equal(out, "2026-01-15 10:30");
	lt_local_day((time_t)1798756200, day);
	assert_string_equal(day, "2026-12-31");
	init("Europe/Athens", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_local),
		cmocka_unit_test(test_day),
		cmocka_unit_test(test_w3c),
		cmocka_unit_test(test_offset_periods),
		cmocka_unit_test(test_add_business),
		cmocka_unit_test(test_pause),
		cmocka_unit_test(test_due),
	};
	int rc;

	arena_init(&a);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&a);
	return rc;
}
