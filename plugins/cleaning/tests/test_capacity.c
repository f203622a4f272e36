/*
 * test_capacity.c - the pickups' capacity: the arithmetic (limits and
 * free places; dates are the kit's), and the week, closed days and
 * bookings on the test stack's MariaDB through the core's fake host. The
 * clock is
 * fixed on Thursday 9 April 2026, before Orthodox Easter (Good Friday 10
 * and Easter Monday 13 April are holidays).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/host.h"
#include "dimos/plugin.h"
#include "dimos/testhost.h"

#include "capacity.h"
#include "cleaning.h"

static const struct dm_host *host;
static const struct dm_plugin *pl;

static void
limits(void **state)
{
	struct cap_week w;

	(void)state;
	memset(&w, 0, sizeof(w));
	w.pickups[2] = 10;		/* Tuesdays */
	w.pickups[4] = 6;		/* Thursdays */
	assert_int_equal(cap_limit(&w, "2026-04-14", 1, 0), 10);
	assert_int_equal(cap_limit(&w, "2026-04-16", 1, 0), 6);
	assert_int_equal(cap_limit(&w, "2026-04-15", 1, 0), 0);
	/* a holiday, a closed day, no week, not a date */
	assert_int_equal(cap_limit(&w, "2026-04-14", 0, 0), 0);
	assert_int_equal(cap_limit(&w, "2026-04-14", 1, 1), 0);
	assert_int_equal(cap_limit(NULL, "2026-04-14", 1, 0), 0);
	assert_int_equal(cap_limit(&w, "14/04/2026", 1, 0), 0);
	assert_int_equal(cap_free(10, 3), 7);
	assert_int_equal(cap_free(10, 10), 0);
	/* capacity lowered below what is booked: none free, never less */
	assert_int_equal(cap_free(3, 5), 0);
	assert_int_equal(cap_free(0, 0), 0);
}

static void
save_week(const char *zone, int mon, int tue, int wed, int thu, int fri)
{
	struct cap_week w;
	struct cap_week back;

	memset(&w, 0, sizeof(w));
	w.pickups[1] = mon;
	w.pickups[2] = tue;
	w.pickups[3] = wed;
	w.pickups[4] = thu;
	w.pickups[5] = fri;
	assert_int_equal(cap_week_save(dm_test_req(), zone, &w, 7), DM_OK);
	assert_int_equal(cap_week_load(dm_test_req(), zone, &back), DM_OK);
	assert_memory_equal(w.pickups, back.pickups, sizeof(w.pickups));
}

static void
week_and_days(void **state)
{
	struct cap_day days[16];
	struct cap_week w;
	size_t n;

	(void)state;
	save_week("north", 2, 2, 0, 2, 2);
	save_week("south", 5, 0, 5, 0, 5);
	/* a week beyond the limit is refused, nothing written */
	memset(&w, 0, sizeof(w));
	w.pickups[1] = CAP_MAX_PICKUPS + 1;
	assert_int_equal(cap_week_save(dm_test_req(), "north", &w, 7),
	    DM_EINPUT);
	w.pickups[1] = -1;
	assert_int_equal(cap_week_save(dm_test_req(), "north", &w, 7),
	    DM_EINPUT);
	/* Thursday 9 to Friday 17: Easter's Friday and Monday are not
	 * business days and are left out */
	assert_int_equal(cap_days(dm_test_req(), "north", "2026-04-09",
	    "2026-04-17", days, 16, &n), DM_OK);
	assert_int_equal(n, 5);
	assert_string_equal(days[0].date, "2026-04-09");
	assert_string_equal(days[1].date, "2026-04-14");
	assert_string_equal(days[2].date, "2026-04-15");
	assert_string_equal(days[4].date, "2026-04-17");
	assert_int_equal(days[0].limit, 2);
	assert_int_equal(days[1].limit, 2);
	assert_int_equal(days[2].limit, 0);	/* no Wednesdays in north */
	assert_int_equal(days[2].free, 0);
	/* a range that starts on a holiday starts on the next business
	 * day; max is kept */
	assert_int_equal(cap_days(dm_test_req(), "south", "2026-04-10",
	    "2026-04-30", days, 3, &n), DM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(days[0].date, "2026-04-14");
	assert_int_equal(days[0].limit, 0);
	assert_int_equal(days[1].limit, 5);
	/* the municipality's own day off is not a business day either */
	dm_test_holidays("2026-04-16");
	assert_int_equal(cap_days(dm_test_req(), "north", "2026-04-14",
	    "2026-04-17", days, 16, &n), DM_OK);
	assert_int_equal(n, 3);
	assert_string_equal(days[2].date, "2026-04-17");
	dm_test_holidays(NULL);
	assert_int_equal(cap_days(dm_test_req(), "north", "2026-02-30",
	    "2026-04-17", days, 16, &n), DM_EINPUT);
}

static void
closed_days(void **state)
{
	struct cap_day d;
	char free[8][DM_DATE_SIZE];
	size_t n;

	(void)state;
	/* closed in one zone: only there */
	assert_int_equal(cap_close(dm_test_req(), "2026-04-16", "north",
	    "το απορριμματοφόρο στο συνεργείο", 7), DM_OK);
	assert_int_equal(cap_day(dm_test_req(), "north", "2026-04-16", &d),
	    DM_OK);
	assert_true(d.closed);
	assert_int_equal(d.limit, 0);
	assert_int_equal(cap_day(dm_test_req(), "south", "2026-04-17", &d),
	    DM_OK);
	assert_false(d.closed);
	assert_int_equal(d.limit, 5);
	/* closed everywhere */
	assert_int_equal(cap_close(dm_test_req(), "2026-04-17",
	    CAP_ALL_ZONES, NULL, 7), DM_OK);
	assert_int_equal(cap_day(dm_test_req(), "south", "2026-04-17", &d),
	    DM_OK);
	assert_true(d.closed);
	assert_int_equal(d.free, 0);
	/* the free days skip closed ones */
	assert_int_equal(cap_free_days(dm_test_req(), "north", "2026-04-14",
	    "2026-04-24", free, 8, &n), DM_OK);
	assert_int_equal(n, 5);
	assert_string_equal(free[0], "2026-04-14");
	assert_string_equal(free[1], "2026-04-20");
	assert_string_equal(free[2], "2026-04-21");
	assert_string_equal(free[3], "2026-04-23");
	assert_string_equal(free[4], "2026-04-24");
	/* closing twice keeps one closure with the latest reason; reopening
	 * gives the day back */
	assert_int_equal(cap_close(dm_test_req(), "2026-04-16", "north",
	    "αλλαγή βάρδιας", 7), DM_OK);
	assert_int_equal(cap_reopen(dm_test_req(), "2026-04-16", "north"),
	    DM_OK);
	assert_int_equal(cap_reopen(dm_test_req(), "2026-04-17",
	    CAP_ALL_ZONES), DM_OK);
	assert_int_equal(cap_day(dm_test_req(), "north", "2026-04-16", &d),
	    DM_OK);
	assert_false(d.closed);
	assert_int_equal(d.limit, 2);
	/* not a date */
	assert_int_equal(cap_day(dm_test_req(), "north", "2026-04-31", &d),
	    DM_EINPUT);
}

static dm_status
take_tx(struct dm_req *req, void *arg)
{
	return cap_take(req, "north", arg);
}

static dm_status
take(const char *day)
{
	return host->db_tx(dm_test_req(), take_tx, (void *)(uintptr_t)day);
}

static void
taking_places(void **state)
{
	struct cap_day d;
	char free[8][DM_DATE_SIZE];
	size_t n;

	(void)state;
	/* two places on Tuesday 21 April in north */
	assert_int_equal(take("2026-04-21"), DM_OK);
	assert_int_equal(take("2026-04-21"), DM_OK);
	assert_int_equal(take("2026-04-21"), DM_ECONFLICT);
	assert_int_equal(cap_day(dm_test_req(), "north", "2026-04-21", &d),
	    DM_OK);
	assert_int_equal(d.booked, 2);
	assert_int_equal(d.free, 0);
	/* a full day is not offered; the next free ones are */
	assert_int_equal(cap_free_days(dm_test_req(), "north", "2026-04-21",
	    "2026-04-30", free, 2, &n), DM_OK);
	assert_int_equal(n, 2);
	assert_string_equal(free[0], "2026-04-23");
	assert_string_equal(free[1], "2026-04-24");
	/* nothing on a day without places, a holiday or a closed day */
	assert_int_equal(take("2026-04-22"), DM_ECONFLICT);	/* Wednesday */
	assert_int_equal(take("2026-04-13"), DM_ECONFLICT);	/* Easter */
	assert_int_equal(cap_close(dm_test_req(), "2026-04-23",
	    CAP_ALL_ZONES, NULL, 7), DM_OK);
	assert_int_equal(take("2026-04-23"), DM_ECONFLICT);
	assert_int_equal(cap_reopen(dm_test_req(), "2026-04-23",
	    CAP_ALL_ZONES), DM_OK);
	assert_int_equal(take("2026-04-23"), DM_OK);
	/* a place given back can be taken again; never below zero */
	assert_int_equal(cap_release(dm_test_req(), "north", "2026-04-21"),
	    DM_OK);
	assert_int_equal(take("2026-04-21"), DM_OK);
	assert_int_equal(take("2026-04-21"), DM_ECONFLICT);
	for (int i = 0; i < 4; i++)
		assert_int_equal(cap_release(dm_test_req(), "north",
		    "2026-04-21"), DM_OK);
	assert_int_equal(cap_day(dm_test_req(), "north", "2026-04-21", &d),
	    DM_OK);
	assert_int_equal(d.booked, 0);
	/* the head lowers a day's capacity below what is booked: the
	 * bookings stay, nothing more is taken */
	assert_int_equal(take("2026-04-21"), DM_OK);
	assert_int_equal(take("2026-04-21"), DM_OK);
	save_week("north", 2, 1, 0, 2, 2);
	assert_int_equal(cap_day(dm_test_req(), "north", "2026-04-21", &d),
	    DM_OK);
	assert_int_equal(d.booked, 2);
	assert_int_equal(d.limit, 1);
	assert_int_equal(d.free, 0);
	assert_int_equal(take("2026-04-21"), DM_ECONFLICT);
	/* a database that fails is reported, not taken for "full" */
	dm_test_db_fail(1);
	assert_int_equal(take("2026-04-24"), DM_EINTERNAL);
	dm_test_db_fail(0);
}

static int
setup(void **state)
{
	(void)state;
	host = dm_test_host();
	pl = dimos_plugin_v2();
	dm_test_clock("2026-04-09T10:00:00");
	if (dm_test_db_open("cleaning") != DM_OK)
		return -1;
	return pl->init(host, dm_test_ctx("cleaning")) == DM_OK ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(limits),
		cmocka_unit_test(week_and_days),
		cmocka_unit_test(closed_days),
		cmocka_unit_test(taking_places),
	};

	return cmocka_run_group_tests(tests, setup, dm_test_teardown);
}
