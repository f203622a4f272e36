/*
 * test_newdept.c - newdept's hooks with the fake host the core ships
 * (dimos/testhost.h). The calendar is the host's (the clock fixed on the
 * Thursday before Orthodox Easter 2026), the bookings live in the
 * plugin's own tables in a database of the test's own on the test stack's
 * MariaDB.
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

static const struct dm_host *host;
static const struct dm_plugin *pl;

static const struct dm_user citizen = { .id = 5, .kind = 'p', .level = 'A',
	.first_name = "Ελένη", .last_name = "Γεωργίου" };

static struct dm_form *form;

/* validate on a form of the given values (day, kind, and a file or not). */
static size_t
validate(const char *day, const char *kind, int with_file)
{
	struct dm_req *req = dm_test_req();

	form = dm_test_form(req);
	dm_test_value(form, "day", day);
	dm_test_value(form, "kind", kind);
	dm_test_value(form, "reason", "Μια άδεια για το κατάστημα");
	if (with_file)
		dm_test_upload(form, "document", "άδεια.pdf",
		    "application/pdf", "%PDF-1.4\n", 9);
	assert_int_equal(pl->validate(req, &pl->services[0], form), DM_OK);
	return dm_test_errors(form);
}

static void
days(void **state)
{
	(void)state;
	/* Thursday 9 April 2026; Good Friday, Easter Monday are holidays */
	assert_int_equal(validate("2026-04-14", "information", 0), 0);
	assert_int_equal(validate("2026-04-10", "information", 0), 1);
	assert_string_equal(dm_test_error(form, "day", "en"), "Choose a "
	    "working day (not a weekend or a holiday).");
	assert_int_equal(validate("2026-04-13", "information", 0), 1);
	assert_int_equal(validate("2026-04-11", "information", 0), 1);
	/* today is too soon, and so is the past */
	assert_int_equal(validate("2026-04-09", "information", 0), 1);
	assert_string_equal(dm_test_error(form, "day", "el"), "Το νωρίτερο "
	    "την επόμενη εργάσιμη ημέρα.");
	assert_int_equal(validate("2026-04-08", "information", 0), 1);
	/* at most 60 working days ahead */
	assert_int_equal(validate("2026-07-08", "information", 0), 0);
	assert_int_equal(validate("2026-07-09", "information", 0), 1);
	assert_string_equal(dm_test_error(form, "day", "en"), "At most 60 "
	    "working days from today.");
	/* the municipality's own day off */
	dm_test_holidays("2026-04-15");
	assert_int_equal(validate("2026-04-15", "information", 0), 1);
	dm_test_holidays(NULL);
	assert_int_equal(validate("2026-04-15", "information", 0), 0);
}

static void
documents(void **state)
{
	static const char locked[] = "%PDF-1.7\n1 0 obj << /Encrypt 2 0 R >>";
	struct dm_req *req;

	(void)state;
	assert_int_equal(validate("2026-04-14", "documents", 0), 1);
	assert_string_equal(dm_test_error(form, "document", "en"), "Attach "
	    "the documents you will hand in.");
	assert_int_equal(validate("2026-04-14", "documents", 1), 0);
	/* a PDF with a password is refused; only PDFs are read (the core
	 * turns away other types before validate, by the field's accept) */
	req = dm_test_req();
	form = dm_test_form(req);
	dm_test_value(form, "day", "2026-04-14");
	dm_test_value(form, "kind", "documents");
	dm_test_upload(form, "document", "σάρωση.jpg", "image/jpeg",
	    "/Encrypt", 8);
	assert_int_equal(pl->validate(req, &pl->services[0], form), DM_OK);
	assert_int_equal(dm_test_errors(form), 0);
	dm_test_upload(form, "document", "κλειδωμένο.pdf", "application/pdf",
	    locked, sizeof(locked) - 1);
	assert_int_equal(pl->validate(req, &pl->services[0], form), DM_OK);
	assert_string_equal(dm_test_error(form, "document", "en"), "A PDF is "
	    "locked with a password; send it without one.");
}

/* A point on the map outside the configured area is refused. */
static void
property(void **state)
{
	struct dm_req *req;

	(void)state;
	dm_test_config("area", "40.80, 23.30, 41.05, 23.75");
	assert_int_equal(pl->init(host, dm_test_ctx("newdept")), DM_OK);
	req = dm_test_req();
	form = dm_test_form(req);
	dm_test_value(form, "day", "2026-04-14");
	dm_test_value(form, "kind", "information");
	dm_test_value(form, "property", "Ερμού 5, Νιγρίτα");
	dm_test_location(form, "property", 40.91, 23.50);	/* Nigrita */
	assert_int_equal(pl->validate(req, &pl->services[0], form), DM_OK);
	assert_int_equal(dm_test_errors(form), 0);
	/* Thessaloniki */
	dm_test_location(form, "property", 40.64, 22.94);
	assert_int_equal(pl->validate(req, &pl->services[0], form), DM_OK);
	assert_string_equal(dm_test_error(form, "property", "en"), "The point "
	    "on the map is outside the municipality.");
	dm_test_config("area", "north of here");
	assert_int_equal(pl->init(host, dm_test_ctx("newdept")), DM_EINPUT);
	assert_true(dm_test_logged("error: [plugin.newdept] area: "));
	dm_test_config("area", NULL);
	assert_int_equal(pl->init(host, dm_test_ctx("newdept")), DM_OK);
}

/* The core runs on_submit inside the submitting transaction. */
struct submit {
	struct dm_request	*r;
	struct dm_form		*form;
};

static dm_status
submit_tx(struct dm_req *req, void *arg)
{
	struct submit *s = arg;

	return pl->on_submit(req, &pl->services[0], s->r, s->form);
}

static dm_status
submit(long long id, const char *day)
{
	struct dm_req *req = dm_test_req();
	struct submit s;

	s.r = dm_test_request(req, id, "newdept-visit", &citizen);
	s.form = form = dm_test_form(req);
	dm_test_value(form, "day", day);
	return host->db_tx(req, submit_tx, &s);
}

static dm_status
transition(long long id, enum dm_request_status to, const char *event)
{
	struct dm_req *req = dm_test_req();

	return pl->on_transition(req, &pl->services[0], dm_test_request(req,
	    id, "newdept-visit", &citizen), DM_REQ_IN_PROGRESS, to, event);
}

static dm_status
count_row(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	assert_int_equal(n, 1);
	*v = c[0].i;
	return DM_OK;
}

static long long
count(const char *sql, const char *day)
{
	struct dm_value p = DM_VTEXT(day);
	long long n = -1;

	assert_int_equal(host->db_query(NULL, sql, &p, 1, count_row, &n),
	    DM_OK);
	return n;
}

#define BOOKED(day)	count("SELECT booked FROM newdept_days WHERE day = " \
			    "?", day)
#define VISITS(day)	count("SELECT COUNT(*) FROM newdept_bookings WHERE " \
			    "day = ?", day)

static void
bookings(void **state)
{
	(void)state;
	dm_test_config("visits_per_day", "2");
	assert_int_equal(pl->init(host, dm_test_ctx("newdept")), DM_OK);
	assert_int_equal(submit(101, "2026-04-14"), DM_OK);
	assert_int_equal(validate("2026-04-14", "information", 0), 0);
	assert_int_equal(submit(102, "2026-04-14"), DM_OK);
	assert_int_equal(BOOKED("2026-04-14"), 2);
	/* validate tells already that the day is full */
	assert_int_equal(validate("2026-04-14", "information", 0), 1);
	assert_string_equal(dm_test_error(form, "day", "el"), "Η ημέρα αυτή "
	    "είναι πλήρης· διαλέξτε άλλη.");
	/* ... but only when the day is otherwise right */
	assert_int_equal(validate("2026-04-13", "information", 0), 1);
	assert_string_equal(dm_test_error(form, "day", "en"), "Choose a "
	    "working day (not a weekend or a holiday).");
	/* full: refused with a message on the day, nothing written */
	assert_int_equal(submit(103, "2026-04-14"), DM_EINPUT);
	assert_string_equal(dm_test_error(form, "day", "en"), "That day is "
	    "fully booked; choose another.");
	assert_int_equal(BOOKED("2026-04-14"), 2);
	assert_int_equal(VISITS("2026-04-14"), 2);
	assert_int_equal(submit(103, "2026-04-16"), DM_OK);
	/* completing keeps the place; withdrawing gives it back */
	assert_int_equal(transition(101, DM_REQ_COMPLETED, "completed"),
	    DM_OK);
	assert_int_equal(BOOKED("2026-04-14"), 2);
	assert_int_equal(transition(102, DM_REQ_WITHDRAWN, "withdrawn"),
	    DM_OK);
	assert_int_equal(BOOKED("2026-04-14"), 1);
	assert_int_equal(VISITS("2026-04-14"), 1);
	assert_true(dm_test_logged("info: request 102 withdrawn: the visit "
	    "of 2026-04-14 is cancelled"));
	/* twice is harmless */
	assert_int_equal(transition(102, DM_REQ_REJECTED, "rejected"), DM_OK);
	assert_int_equal(BOOKED("2026-04-14"), 1);
	assert_int_equal(submit(104, "2026-04-14"), DM_OK);
	assert_int_equal(BOOKED("2026-04-14"), 2);
	/* a database that fails is reported, not taken for "full" */
	dm_test_db_fail(1);
	assert_int_equal(submit(105, "2026-04-17"), DM_EINTERNAL);
	dm_test_db_fail(0);
}

static void
day_page(void **state)
{
	const struct dm_test_node *page, *v;
	struct dm_req *req = dm_test_req();

	(void)state;
	dm_test_staff(req, "newdept");
	dm_test_arg(req, "date", "2026-04-14");
	assert_int_equal(pl->routes[0].handler(req), DM_OK);
	assert_string_equal(dm_test_view(req), "newdept-day");
	page = dm_test_page(req);
	assert_string_equal(dm_test_attr(page, "shown"), "14/04/2026");
	assert_string_equal(dm_test_attr(page, "booked"), "2");
	assert_string_equal(dm_test_attr(page, "places"), "2");
	assert_string_equal(dm_test_attr(page, "business"), "1");
	v = dm_test_child(page, "visits", 0);
	assert_int_equal(dm_test_children(v, "visit"), 2);
	assert_string_equal(dm_test_attr(dm_test_child(v, "visit", 0),
	    "protocol"), "101/2026");
	assert_string_equal(dm_test_attr(dm_test_child(v, "visit", 1),
	    "protocol"), "104/2026");
	/* not a date: no such page */
	req = dm_test_req();
	dm_test_arg(req, "date", "2026-02-30");
	assert_int_equal(pl->routes[0].handler(req), DM_ENOTFOUND);
}

static void
configuration(void **state)
{
	(void)state;
	dm_test_config("visits_per_day", "many");
	assert_int_equal(pl->init(host, dm_test_ctx("newdept")), DM_EINPUT);
	assert_true(dm_test_logged("error: [plugin.newdept] visits_per_day: "
	    "'many' is not a number"));
	dm_test_config("visits_per_day", NULL);
	assert_int_equal(pl->init(host, dm_test_ctx("newdept")), DM_OK);
}

static int
setup(void **state)
{
	(void)state;
	host = dm_test_host();
	pl = dimos_plugin_v2();
	dm_test_clock("2026-04-09T10:00:00");
	if (dm_test_db_open("newdept") != DM_OK)
		return -1;
	return pl->init(host, dm_test_ctx("newdept")) == DM_OK ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(days),
		cmocka_unit_test(documents),
		cmocka_unit_test(property),
		cmocka_unit_test(bookings),
		cmocka_unit_test(day_page),
		cmocka_unit_test(configuration),
	};

	return cmocka_run_group_tests(tests, setup, dm_test_teardown);
}
