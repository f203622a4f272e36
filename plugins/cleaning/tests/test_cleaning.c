/*
 * test_cleaning.c - the cleaning department's hooks and pages with the
 * core's fake host (dimos/testhost.h), its tables on the test stack's
 * MariaDB. The clock is fixed on Thursday 9 April 2026, 10:00 (Good Friday
 * 10 and Easter Monday 13 April are holidays). Two zones: "town" (Nigrita)
 * takes 2 pickups on Tuesdays and Thursdays, "villages" 1 on Wednesdays.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/host.h"
#include "dimos/plugin.h"
#include "dimos/testhost.h"

static const struct dm_host *host;
static const struct dm_plugin *pl;

static const struct dm_user citizen = { .id = 5, .kind = 'p', .level = 'A',
	.first_name = "Ελένη", .last_name = "Γεωργίου" };
static const struct dm_user clerk = { .id = 9, .kind = 'p', .level = 'A',
	.first_name = "Νίκος", .last_name = "Αθανασίου" };

static struct dm_form *form;

static const struct dm_service *
service(const char *code)
{
	return dm_test_service(pl, code);
}

static const struct dm_route *
route(unsigned method, const char *pattern)
{
	for (const struct dm_route *r = pl->routes; r->pattern; r++)
		if ((r->methods & method) && strcmp(r->pattern, pattern) == 0)
			return r;
	fail_msg("no route %s", pattern);
	return NULL;
}

/* ------------------------------------------------------------ the form */

/* A pickup's form: two pieces of furniture, at an address in town. */
static struct dm_form *
bulky_form(struct dm_req *req, const char *date, const char *settlement)
{
	struct dm_form *f = dm_test_form(req);

	dm_test_value(f, "furniture", "2");
	dm_test_value(f, "where", "Ερμού 5");
	if (settlement)
		dm_test_place(f, "where", settlement);
	dm_test_value(f, "phone", "+306912345678");
	dm_test_value(f, "date", date);
	return f;
}

static size_t
check(const char *date, const char *settlement)
{
	struct dm_req *req = dm_test_req();

	form = bulky_form(req, date, settlement);
	assert_int_equal(pl->validate(req, service("cleaning-bulky"), form),
	    DM_OK);
	return dm_test_errors(form);
}

static void
items(void **state)
{
	struct dm_req *req;

	(void)state;
	assert_int_equal(check("2026-04-14", "nigrita"), 0);
	/* nothing to collect */
	req = dm_test_req();
	form = dm_test_form(req);
	dm_test_value(form, "where", "Ερμού 5");
	dm_test_place(form, "where", "nigrita");
	dm_test_value(form, "phone", "+306912345678");
	dm_test_value(form, "date", "2026-04-14");
	assert_int_equal(pl->validate(req, service("cleaning-bulky"), form),
	    DM_OK);
	assert_string_equal(dm_test_error(form, "furniture", "en"), "Write "
	    "what you will leave out: at least one item.");
	/* a negative count (the core's NUMBER takes any integer) */
	req = dm_test_req();
	form = bulky_form(req, "2026-04-14", "nigrita");
	dm_test_value(form, "mattresses", "-3");
	assert_int_equal(pl->validate(req, service("cleaning-bulky"), form),
	    DM_OK);
	assert_string_equal(dm_test_error(form, "mattresses", "el"), "Γράψτε "
	    "πόσα είναι, ή αφήστε το κενό.");
	/* more than a pickup holds (15 by default) */
	req = dm_test_req();
	form = bulky_form(req, "2026-04-14", "nigrita");
	dm_test_value(form, "branches", "14");
	assert_int_equal(pl->validate(req, service("cleaning-bulky"), form),
	    DM_OK);
	assert_non_null(strstr(dm_test_error(form, "furniture", "en"),
	    "At most 15 pieces in one pickup"));
	/* "other" needs to say what */
	req = dm_test_req();
	form = bulky_form(req, "2026-04-14", "nigrita");
	dm_test_value(form, "other", "1");
	assert_int_equal(pl->validate(req, service("cleaning-bulky"), form),
	    DM_OK);
	assert_string_equal(dm_test_error(form, "other_what", "en"), "Write "
	    "which the other bulky items are.");
	req = dm_test_req();
	form = bulky_form(req, "2026-04-14", "nigrita");
	dm_test_value(form, "other", "1");
	dm_test_value(form, "other_what", "μια πόρτα");
	assert_int_equal(pl->validate(req, service("cleaning-bulky"), form),
	    DM_OK);
	assert_int_equal(dm_test_errors(form), 0);
}

static void
days(void **state)
{
	(void)state;
	/* the settlement decides the zone: none picked, nothing to check */
	assert_int_equal(check("2026-04-14", NULL), 1);
	assert_string_equal(dm_test_error(form, "where", "en"), "Choose the "
	    "address's settlement.");
	assert_int_equal(check("2026-04-14", "atlantis"), 1);
	/* today is too soon (the crew's sheet is printed the day before) */
	assert_int_equal(check("2026-04-09", "nigrita"), 1);
	assert_string_equal(dm_test_error(form, "date", "en"), "The next "
	    "working day, Tuesday 14/04/2026, at the earliest.");
	/* a holiday: refused, with the zone's free days (1 May) */
	assert_int_equal(check("2026-05-01", "nigrita"), 1);
	assert_string_equal(dm_test_error(form, "date", "el"), "Δεν γίνεται "
	    "αποκομιδή Σαββατοκύριακα και αργίες. Ελεύθερες ημέρες για τον "
	    "οικισμό Νιγρίτα: Τρίτη 14/04/2026, Πέμπτη 16/04/2026, Τρίτη "
	    "21/04/2026, Πέμπτη 23/04/2026, Τρίτη 28/04/2026.");
	/* a weekday without pickups in the zone: the zone's days */
	assert_int_equal(check("2026-04-15", "terpni"), 0);
	assert_int_equal(check("2026-04-14", "terpni"), 1);
	assert_string_equal(dm_test_error(form, "date", "en"), "There is no "
	    "pickup in your settlement on Tuesday 14/04/2026. Free days for "
	    "Terpni: Wednesday 15/04/2026, Wednesday 22/04/2026, Wednesday "
	    "29/04/2026, Wednesday 06/05/2026.");
	/* the window: 20 business days (1 May is a holiday) */
	assert_int_equal(check("2026-05-12", "nigrita"), 0);
	assert_int_equal(check("2026-05-14", "nigrita"), 1);
	assert_non_null(strstr(dm_test_error(form, "date", "en"),
	    "At most 20 working days from today. Free days for Nigrita: "));
}

/* ------------------------------------------------------------ booking */

struct submit {
	struct dm_request	*r;
	struct dm_form		*form;
};

static dm_status
submit_tx(struct dm_req *req, void *arg)
{
	struct submit *s = arg;

	return pl->on_submit(req, service("cleaning-bulky"), s->r, s->form);
}

static dm_status
submit(long long id, const char *date, const char *settlement)
{
	struct dm_req *req = dm_test_req();
	struct submit s;

	s.r = dm_test_request(req, id, "cleaning-bulky", &citizen);
	s.form = form = bulky_form(req, date, settlement);
	return host->db_tx(req, submit_tx, &s);
}

static dm_status
int_row(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	assert_int_equal(n, 1);
	*v = c[0].type == DM_V_INT ? c[0].i : c[0].type == DM_V_TEXT ?
	    strtoll(c[0].s, NULL, 10) : -1;
	return DM_OK;
}

static long long
number(const char *sql, long long id)
{
	struct dm_value p = DM_VINT(id);
	long long n = -1;

	assert_int_equal(host->db_query(NULL, sql, &p, 1, int_row, &n),
	    DM_OK);
	return n;
}

static long long
booked(const char *zone, const char *day)
{
	struct dm_value p[2] = { DM_VTEXT(zone), DM_VTEXT(day) };
	long long n = 0;

	assert_int_equal(host->db_query(NULL, "SELECT booked FROM "
	    "cleaning_days WHERE zone = ? AND day = ?", p, 2, int_row, &n),
	    DM_OK);
	return n;
}

static const char *
status_of(long long id)
{
	static char buf[16];
	struct dm_value p = DM_VINT(id);
	long long v = -1;

	assert_int_equal(host->db_query(NULL, "SELECT FIELD(status, "
	    "'booked', 'cancelled', 'done') FROM cleaning_bookings WHERE "
	    "request_id = ?", &p, 1, int_row, &v), DM_OK);
	snprintf(buf, sizeof(buf), "%s", v == 1 ? "booked" : v == 2 ?
	    "cancelled" : v == 3 ? "done" : "none");
	return buf;
}

static void
booking(void **state)
{
	(void)state;
	dm_test_calls_clear();
	assert_int_equal(submit(101, "2026-04-16", "nigrita"), DM_OK);
	/* the reminder waits for the day before, at 18:00 */
	assert_true(dm_test_called("mail_applicant 101 reminder "
	    "at=2026-04-15T18:00:00 date=Πέμπτη 16/04/2026 date_en=Thursday "
	    "16/04/2026 address=Ερμού 5 items=2 × Έπιπλα items_en=2 × "
	    "Furniture id=1000"));
	assert_string_equal(status_of(101), "booked");
	assert_int_equal(number("SELECT reminder FROM cleaning_bookings WHERE "
	    "request_id = ?", 101), 1000);
	/* the zone's crew has it */
	assert_int_equal(number("SELECT c.name = 'Συνεργείο Νιγρίτας' FROM "
	    "cleaning_assignments a JOIN cleaning_crews c ON c.id = "
	    "a.crew_id WHERE a.request_id = ?", 101), 1);
	assert_int_equal(submit(102, "2026-04-16", "nigrita"), DM_OK);
	assert_int_equal(booked("town", "2026-04-16"), 2);
	/* full: refused on the date with the next free days, nothing
	 * written, no mail */
	dm_test_calls_clear();
	assert_int_equal(submit(103, "2026-04-16", "nigrita"), DM_EINPUT);
	assert_string_equal(dm_test_error(form, "date", "en"), "Thursday "
	    "16/04/2026 has just been fully booked for your settlement. Free "
	    "days for Nigrita: Tuesday 14/04/2026, Tuesday 21/04/2026, "
	    "Thursday 23/04/2026, Tuesday 28/04/2026, Thursday 30/04/2026.");
	assert_int_equal(dm_test_call_count(), 0);
	assert_string_equal(status_of(103), "none");
	assert_int_equal(booked("town", "2026-04-16"), 2);
	/* another settlement of the same zone shares its places */
	assert_int_equal(submit(104, "2026-04-16", "therma"), DM_EINPUT);
	/* a booking for the next business day gets no reminder: the day
	 * before is today */
	dm_test_clock("2026-04-13T19:00:00");
	dm_test_calls_clear();
	assert_int_equal(submit(105, "2026-04-14", "nigrita"), DM_OK);
	assert_int_equal(dm_test_call_count(), 0);
	assert_int_equal(number("SELECT reminder IS NULL FROM "
	    "cleaning_bookings WHERE request_id = ?", 105), 1);
	dm_test_clock("2026-04-09T10:00:00");
	/* a database that fails is reported, not taken for "full" */
	dm_test_db_fail(1);
	assert_int_equal(submit(106, "2026-04-21", "nigrita"), DM_EINTERNAL);
	dm_test_db_fail(0);
}

static dm_status
transition(long long id, enum dm_request_status to, const char *event)
{
	struct dm_req *req = dm_test_req();

	return pl->on_transition(req, service("cleaning-bulky"),
	    dm_test_request(req, id, "cleaning-bulky", &citizen),
	    DM_REQ_SUBMITTED, to, event);
}

static void
cancelling(void **state)
{
	struct dm_req *req;

	(void)state;
	/* the citizen cancels before the day: the place is free again, the
	 * reminder withdrawn */
	dm_test_calls_clear();
	assert_int_equal(transition(102, DM_REQ_WITHDRAWN, "withdrawn"),
	    DM_OK);
	assert_string_equal(status_of(102), "cancelled");
	assert_int_equal(booked("town", "2026-04-16"), 1);
	assert_true(dm_test_called("mail_cancel 1001"));
	assert_true(dm_test_logged("info: request 102 withdrawn: the pickup "
	    "of 2026-04-16 in zone town is cancelled"));
	assert_int_equal(submit(107, "2026-04-16", "therma"), DM_OK);
	assert_int_equal(booked("town", "2026-04-16"), 2);
	/* twice is harmless */
	assert_int_equal(transition(102, DM_REQ_REJECTED, "rejected"), DM_OK);
	assert_int_equal(booked("town", "2026-04-16"), 2);
	/* on the day itself it is too late: refused, with why */
	dm_test_clock("2026-04-16T07:30:00");
	req = dm_test_req();
	assert_int_equal(pl->on_transition(req, service("cleaning-bulky"),
	    dm_test_request(req, 107, "cleaning-bulky", &citizen),
	    DM_REQ_SUBMITTED, DM_REQ_WITHDRAWN, "withdrawn"), DM_EDENIED);
	assert_non_null(strstr(dm_test_refusal(req), "ακύρωση γίνεται έως "
	    "και την προηγούμενη ημέρα"));
	assert_string_equal(status_of(107), "booked");
	assert_int_equal(booked("town", "2026-04-16"), 2);
	/* the department may still reject it */
	assert_int_equal(transition(107, DM_REQ_REJECTED, "rejected"), DM_OK);
	assert_string_equal(status_of(107), "cancelled");
	assert_int_equal(booked("town", "2026-04-16"), 1);
	/* done: the place stays taken, the crew's list loses it */
	assert_int_equal(transition(101, DM_REQ_COMPLETED, "completed"),
	    DM_OK);
	assert_string_equal(status_of(101), "done");
	assert_int_equal(booked("town", "2026-04-16"), 1);
	assert_int_equal(number("SELECT open FROM cleaning_assignments WHERE "
	    "request_id = ?", 101), 0);
	/* other changes leave the booking alone */
	assert_int_equal(transition(105, DM_REQ_IN_PROGRESS, "started"),
	    DM_OK);
	assert_string_equal(status_of(105), "booked");
	dm_test_clock("2026-04-09T10:00:00");
}

/* ------------------------------------------------------------ reports */

static size_t
report(const char *svc, const char *const *values, int photo)
{
	struct dm_req *req = dm_test_req();

	form = dm_test_form(req);
	dm_test_value(form, "where", "Πλατεία Ελευθερίας");
	dm_test_place(form, "where", "nigrita");
	for (size_t i = 0; values && values[i]; i += 2)
		dm_test_value(form, values[i], values[i + 1]);
	if (photo)
		dm_test_upload(form, "photos", "κάδος.jpg", "image/jpeg",
		    "\xff\xd8\xff", 3);
	assert_int_equal(pl->validate(req, service(svc), form), DM_OK);
	return dm_test_errors(form);
}

static void
reports(void **state)
{
	(void)state;
	/* moving a bin: where to */
	assert_int_equal(report("cleaning-bin", (const char *[]){ "request",
	    "move", "bin", "recycling", NULL }, 1), 1);
	assert_string_equal(dm_test_error(form, "details", "en"), "Write "
	    "where the bin should go and why.");
	assert_int_equal(report("cleaning-bin", (const char *[]){ "request",
	    "move", "bin", "recycling", "details", "Δύο μέτρα πιο πέρα, "
	    "κλείνει τη ράμπα.", NULL }, 0), 0);
	/* a broken bin: a photo or a description */
	assert_int_equal(report("cleaning-bin", (const char *[]){ "request",
	    "broken", "bin", "general", NULL }, 0), 1);
	assert_int_equal(report("cleaning-bin", (const char *[]){ "request",
	    "broken", "bin", "general", NULL }, 1), 0);
	assert_int_equal(report("cleaning-bin", (const char *[]){ "request",
	    "new", "bin", "organic", NULL }, 0), 0);
	/* dumping likewise */
	assert_int_equal(report("cleaning-dumping", (const char *[]){ "what",
	    "rubble", NULL }, 0), 1);
	assert_string_equal(dm_test_error(form, "photos", "en"), "Send a "
	    "photo or describe what you found.");
	assert_int_equal(report("cleaning-dumping", (const char *[]){ "what",
	    "rubble,tyres", NULL }, 1), 0);
	/* every report needs its settlement */
	{
		struct dm_req *req = dm_test_req();

		form = dm_test_form(req);
		dm_test_value(form, "where", "Πλατεία Ελευθερίας");
		dm_test_value(form, "problem", "litter");
		assert_int_equal(pl->validate(req, service("cleaning-street"),
		    form), DM_OK);
		assert_string_equal(dm_test_error(form, "where", "en"),
		    "Choose the settlement.");
	}
	assert_int_equal(report("green-tree", (const char *[]){ "danger",
	    "leaning", "phone", "+306912345678", NULL }, 1), 0);
	/* the dangerous tree is the urgent one: a day, not weeks */
	assert_int_equal(service("green-tree")->sla_days, 1);
	assert_true(service("green-pruning")->sla_days > 1);
	for (const struct dm_service *s = pl->services; s->code; s++)
		assert_true(s->flags & DM_SERVICE_LOCATION);
}

/* ----------------------------------------------------------- the panel */

static void
panel(void **state)
{
	struct dm_req *req = dm_test_req();
	struct dm_node *p = dm_test_panel(req);
	const struct dm_test_node *n, *crew;
	struct dm_request *r;

	(void)state;
	dm_test_staff(req, "cleaning");
	r = dm_test_request(req, 105, "cleaning-bulky", &citizen);
	assert_int_equal(pl->staff_panel(req, service("cleaning-bulky"), r, p),
	    DM_OK);
	n = dm_test_node(p);
	assert_string_equal(dm_test_child(n, "note", 0)->text, "Αποκομιδή: "
	    "Τρίτη 14/04/2026, Νιγρίτα (Νιγρίτα και χωριά) — 2 × Έπιπλα. Η "
	    "θέση είναι κρατημένη.");
	crew = dm_test_child(n, "cleaning-crew", 0);
	assert_non_null(crew);
	assert_string_equal(dm_test_attr(crew, "crew"), "Συνεργείο Νιγρίτας");
	assert_string_equal(dm_test_attr(crew, "action"),
	    "/staff/cleaning/crew-assign/105");
	assert_non_null(strstr(dm_test_attr(crew, "sheet"),
	    "/staff/cleaning/days/2026-04-14?crew="));
	assert_int_equal(dm_test_children(crew, "crew"), 2);
	/* the dangerous tree says so first */
	req = dm_test_req();
	p = dm_test_panel(req);
	r = dm_test_request(req, 300, "green-tree", &citizen);
	assert_int_equal(pl->staff_panel(req, service("green-tree"), r, p),
	    DM_OK);
	n = dm_test_child(dm_test_node(p), "note", 0);
	assert_string_equal(dm_test_attr(n, "kind"), "warning");
	assert_non_null(strstr(n->text, "Επείγον"));
	assert_null(dm_test_attr(dm_test_child(dm_test_node(p),
	    "cleaning-crew", 0), "crew"));
}

/* ------------------------------------------------- crews and the sheet */

static void
assigning(void **state)
{
	struct dm_req *req;
	struct dm_request *r;

	(void)state;
	/* a report to the contractor's crew: the request is started */
	req = dm_test_req();
	dm_test_user(req, &clerk);
	dm_test_staff(req, "cleaning");
	r = dm_test_request(req, 300, "green-tree", &citizen);
	dm_test_request_value(r, "where", "Οδός Ολύμπου 3");
	dm_test_request_value(r, "where_settlement", "therma");
	dm_test_arg(req, "id", "300");
	dm_test_method(req, "POST");
	dm_test_post(req, "crew", "2");
	dm_test_calls_clear();
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crew-assign/"
	    ":id")->handler(req), DM_OK);
	assert_string_equal(dm_test_redirect(req),
	    "/staff/cleaning/requests/300");
	assert_true(dm_test_called("request_act 300 start"));
	assert_int_equal(number("SELECT crew_id FROM cleaning_assignments "
	    "WHERE request_id = ?", 300), 2);
	assert_int_equal(number("SELECT assigned_by FROM cleaning_assignments "
	    "WHERE request_id = ?", 300), 9);
	/* another crew, once it is in progress: not started again */
	req = dm_test_req();
	dm_test_user(req, &clerk);
	r = dm_test_request(req, 300, "green-tree", &citizen);
	r->status = DM_REQ_IN_PROGRESS;
	dm_test_arg(req, "id", "300");
	dm_test_post(req, "crew", "1");
	dm_test_calls_clear();
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crew-assign/"
	    ":id")->handler(req), DM_OK);
	assert_int_equal(dm_test_call_count(), 0);
	/* no such crew, a closed request, someone else's request */
	req = dm_test_req();
	dm_test_request(req, 300, "green-tree", &citizen);
	dm_test_arg(req, "id", "300");
	dm_test_post(req, "crew", "999");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crew-assign/"
	    ":id")->handler(req), DM_EINPUT);
	req = dm_test_req();
	r = dm_test_request(req, 300, "green-tree", &citizen);
	r->status = DM_REQ_COMPLETED;
	dm_test_arg(req, "id", "300");
	dm_test_post(req, "crew", "1");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crew-assign/"
	    ":id")->handler(req), DM_ECONFLICT);
	req = dm_test_req();
	dm_test_arg(req, "id", "301");
	dm_test_post(req, "crew", "1");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crew-assign/"
	    ":id")->handler(req), DM_ENOTFOUND);
}

static void
day_sheet(void **state)
{
	const struct dm_test_node *page, *g, *s;
	struct dm_req *req;
	const char *body;
	size_t len;

	(void)state;
	/* Thursday 16: 101 (done), 103 none, 107 cancelled ... book more */
	assert_int_equal(submit(110, "2026-04-21", "therma"), DM_OK);
	assert_int_equal(submit(111, "2026-04-21", "nigrita"), DM_OK);
	req = dm_test_req();
	dm_test_staff(req, "cleaning");
	dm_test_arg(req, "date", "2026-04-21");
	assert_int_equal(route(DM_METHOD_GET, "/staff/cleaning/days/:date")->
	    handler(req), DM_OK);
	assert_string_equal(dm_test_view(req), "cleaning-day");
	page = dm_test_page(req);
	assert_string_equal(dm_test_attr(page, "count"), "2");
	assert_string_equal(dm_test_attr(page, "shown"), "Τρίτη 21/04/2026");
	g = dm_test_child(page, "group", 0);
	assert_string_equal(dm_test_attr(g, "name"), "Συνεργείο Νιγρίτας");
	/* settlements in Greek alphabetical order: Θερμά before Νιγρίτα */
	s = dm_test_child(g, "settlement", 0);
	assert_string_equal(dm_test_attr(s, "name"), "Θερμά");
	assert_string_equal(dm_test_attr(dm_test_child(s, "pickup", 0),
	    "protocol"), "110/2026");
	assert_string_equal(dm_test_attr(dm_test_child(s, "pickup", 0),
	    "phone"), "+306912345678");
	assert_string_equal(dm_test_attr(dm_test_child(g, "settlement", 1),
	    "name"), "Νιγρίτα");
	assert_string_equal(dm_test_attr(dm_test_child(dm_test_child(g,
	    "totals", 0), "item", 0), "count"), "4");
	/* the future: not yet to be marked done */
	assert_null(dm_test_attr(page, "past"));
	/* the PDF says the same */
	req = dm_test_req();
	dm_test_arg(req, "date", "2026-04-21");
	dm_test_query(req, "crew", "1");
	assert_int_equal(route(DM_METHOD_GET, "/staff/cleaning/days/:date/"
	    "pdf")->handler(req), DM_OK);
	assert_string_equal(dm_test_content_type(req), "application/pdf");
	body = dm_test_body(req, &len);
	assert_non_null(strstr(body, "ΦΥΛΛΟ ΑΠΟΚΟΜΙΔΗΣ Τρίτη 21/04/2026\n"));
	assert_non_null(strstr(body, "== Συνεργείο Νιγρίτας (2)\n"
	    "# | Οικισμός | Διεύθυνση | Αντικείμενα | Τηλέφωνο | Αρ. πρωτ. / "
	    "όνομα\n1 | Θερμά | Ερμού 5 | 2 × Έπιπλα | +306912345678 | "
	    "110/2026\nΕλένη Γεωργίου\n2 | Νιγρίτα |"));
	assert_true(dm_test_called("send_pdf apokomides-2026-04-21-synergeio-"
	    "1.pdf"));
	/* a crew that is not a number, a date that is none */
	req = dm_test_req();
	dm_test_arg(req, "date", "2026-04-21");
	dm_test_query(req, "crew", "1 OR 1=1");
	assert_int_equal(route(DM_METHOD_GET, "/staff/cleaning/days/:date")->
	    handler(req), DM_ENOTFOUND);
	req = dm_test_req();
	dm_test_arg(req, "date", "2026-02-30");
	assert_int_equal(route(DM_METHOD_GET, "/staff/cleaning/days/:date")->
	    handler(req), DM_ENOTFOUND);
}

static void
day_done(void **state)
{
	struct dm_req *req;

	(void)state;
	/* not before the day */
	req = dm_test_req();
	dm_test_user(req, &clerk);
	dm_test_arg(req, "date", "2026-04-21");
	dm_test_query(req, "crew", "1");
	dm_test_post(req, "pickup_110", "1");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/days/:date/"
	    "done")->handler(req), DM_ECONFLICT);
	/* on the day: the ticked ones, once each */
	dm_test_clock("2026-04-21T15:00:00");
	req = dm_test_req();
	dm_test_user(req, &clerk);
	dm_test_arg(req, "date", "2026-04-21");
	dm_test_query(req, "crew", "1");
	dm_test_post(req, "pickup_110", "1");
	dm_test_post(req, "pickup_999", "1");
	dm_test_calls_clear();
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/days/:date/"
	    "done")->handler(req), DM_OK);
	assert_string_equal(dm_test_redirect(req), "/staff/cleaning/days/"
	    "2026-04-21?crew=1&done=1");
	assert_int_equal(dm_test_call_count(), 1);
	assert_true(dm_test_called("request_act 110 complete Η αποκομιδή "
	    "έγινε: Τρίτη 21/04/2026."));
	/* a refused completion rolls the whole day back */
	req = dm_test_req();
	dm_test_arg(req, "date", "2026-04-21");
	dm_test_query(req, "crew", "1");
	dm_test_post(req, "pickup_110", "1");
	dm_test_post(req, "pickup_111", "1");
	dm_test_act_status(DM_ECONFLICT);
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/days/:date/"
	    "done")->handler(req), DM_ECONFLICT);
	dm_test_act_status(DM_OK);
	dm_test_clock("2026-04-09T10:00:00");
}

/* The capacity form: each zone's Monday..Friday as "a,b,c,d,e". */
static struct dm_req *
capacity_post(const char *town, const char *villages, const char *crew_town,
    const char *crew_villages)
{
	struct dm_req *req = dm_test_req();
	const char *zones[2][2] = { { "town", town }, { "villages",
	    villages } };

	dm_test_user(req, &clerk);
	dm_test_method(req, "POST");
	for (int z = 0; z < 2; z++) {
		char copy[64], *save = NULL, *t;
		int wd = 1;

		snprintf(copy, sizeof(copy), "%s", zones[z][1]);
		for (t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL,
		    ",", &save)) {
			char k[32];

			snprintf(k, sizeof(k), "cap_%s_%d", zones[z][0], wd++);
			dm_test_post(req, k, t);
		}
	}
	dm_test_post(req, "crew_town", crew_town);
	dm_test_post(req, "crew_villages", crew_villages);
	return req;
}

static void
capacity_page(void **state)
{
	const struct dm_test_node *page, *z;
	struct dm_req *req;

	(void)state;
	req = dm_test_req();
	dm_test_user(req, &clerk);
	assert_int_equal(route(DM_METHOD_GET, "/staff/cleaning/capacity")->
	    handler(req), DM_OK);
	page = dm_test_page(req);
	z = dm_test_child(dm_test_child(page, "zones", 0), "zone", 0);
	assert_string_equal(dm_test_attr(z, "code"), "town");
	assert_string_equal(dm_test_attr(dm_test_child(z, "day", 1), "value"),
	    "2");
	/* a bad value: the page again with what was typed, nothing saved */
	req = capacity_post("0,-4,0,2,0", "0,0,1,0,0", "1", "");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/capacity")->
	    handler(req), DM_EINPUT);
	page = dm_test_page(req);
	assert_string_equal(dm_test_attr(page, "errors"), "1");
	/* the message on the day that is wrong, none on the others */
	z = dm_test_child(dm_test_child(page, "zones", 0), "zone", 0);
	assert_string_equal(dm_test_attr(dm_test_child(z, "day", 1), "value"),
	    "-4");
	assert_string_equal(dm_test_attr(dm_test_child(z, "day", 1), "error"),
	    "Γράψτε αριθμό αποκομιδών από 0 έως 200.");
	assert_null(dm_test_attr(dm_test_child(z, "day", 0), "error"));
	assert_null(dm_test_attr(z, "crew-error"));
	assert_int_equal(number("SELECT pickups FROM cleaning_capacity WHERE "
	    "zone = 'town' AND weekday = ?", 2), 2);
	/* not a crew, text for a number, too many */
	req = capacity_post("0,3,0,2,0", "0,0,1,0,0", "7", "");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/capacity")->
	    handler(req), DM_EINPUT);
	z = dm_test_child(dm_test_child(dm_test_page(req), "zones", 0),
	    "zone", 0);
	assert_string_equal(dm_test_attr(z, "crew"), "7");
	assert_string_equal(dm_test_attr(z, "crew-error"), "Διαλέξτε ενεργό "
	    "συνεργείο από τη λίστα.");
	assert_null(dm_test_attr(dm_test_child(z, "day", 1), "error"));
	req = capacity_post("0,three,0,2,0", "0,0,1,0,0", "1", "");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/capacity")->
	    handler(req), DM_EINPUT);
	req = capacity_post("0,201,0,2,0", "0,0,1,0,0", "1", "");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/capacity")->
	    handler(req), DM_EINPUT);
	/* right: saved, with a crew for each zone */
	req = capacity_post("0,3,0,2,0", "0,0,1,0,0", "1", "2");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/capacity")->
	    handler(req), DM_OK);
	assert_string_equal(dm_test_redirect(req),
	    "/staff/cleaning/capacity?saved=1");
	assert_int_equal(number("SELECT pickups FROM cleaning_capacity WHERE "
	    "zone = 'town' AND weekday = ?", 2), 3);
	assert_int_equal(number("SELECT crew_id FROM cleaning_zone_crews "
	    "WHERE zone = 'villages' AND ? = 1", 1), 2);
	/* closing a day: checked, then closed */
	req = dm_test_req();
	dm_test_post(req, "date", "2026-04-08");
	dm_test_post(req, "zone", "nowhere");
	dm_test_post(req, "reason", "μια\nδύο");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/capacity/"
	    "close")->handler(req), DM_EINPUT);
	page = dm_test_page(req);
	z = dm_test_child(page, "close", 0);
	assert_string_equal(dm_test_attr(z, "date-error"), "Η ημέρα έχει "
	    "περάσει.");
	assert_non_null(dm_test_attr(z, "zone-error"));
	assert_non_null(dm_test_attr(z, "reason-error"));
	req = dm_test_req();
	dm_test_post(req, "date", "2026-04-23");
	dm_test_post(req, "zone", "*");
	dm_test_post(req, "reason", "Απεργία");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/capacity/"
	    "close")->handler(req), DM_OK);
	req = dm_test_req();
	assert_int_equal(route(DM_METHOD_GET, "/staff/cleaning/capacity")->
	    handler(req), DM_OK);
	z = dm_test_child(dm_test_child(dm_test_page(req), "closed", 0), "day",
	    0);
	assert_string_equal(dm_test_attr(z, "date"), "2026-04-23");
	assert_string_equal(dm_test_attr(z, "zone-name"), "Όλες οι ζώνες");
	assert_string_equal(dm_test_attr(z, "reason"), "Απεργία");
	assert_int_equal(check("2026-04-23", "nigrita"), 1);
	req = dm_test_req();
	dm_test_post(req, "date", "2026-04-23");
	dm_test_post(req, "zone", "*");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/capacity/"
	    "reopen")->handler(req), DM_OK);
	assert_int_equal(check("2026-04-23", "nigrita"), 0);
}

static void
crews_page(void **state)
{
	const struct dm_test_node *page;
	struct dm_req *req;

	(void)state;
	req = dm_test_req();
	dm_test_post(req, "name", "Συνεργείο Νιγρίτας");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crews")->
	    handler(req), DM_EINPUT);
	page = dm_test_page(req);
	assert_string_equal(dm_test_attr(dm_test_child(page, "add", 0),
	    "name-error"), "Υπάρχει ήδη συνεργείο με αυτό το όνομα.");
	req = dm_test_req();
	dm_test_post(req, "name", "");
	dm_test_post(req, "phone", "<script>");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crews")->
	    handler(req), DM_EINPUT);
	page = dm_test_page(req);
	assert_non_null(dm_test_attr(dm_test_child(page, "add", 0),
	    "name-error"));
	assert_string_equal(dm_test_attr(dm_test_child(page, "add", 0),
	    "phone"), "<script>");
	req = dm_test_req();
	dm_test_post(req, "name", "Κλαδέματα Στρυμόνα");
	dm_test_post(req, "contractor", "Στρυμών Πράσινο Ε.Ε.");
	dm_test_post(req, "phone", "2322 012345");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crews")->
	    handler(req), DM_OK);
	/* the crew's open work: the tree report */
	req = dm_test_req();
	dm_test_arg(req, "id", "1");
	assert_int_equal(route(DM_METHOD_GET, "/staff/cleaning/crews/:id")->
	    handler(req), DM_OK);
	page = dm_test_page(req);
	assert_non_null(dm_test_child(page, "jobs", 0));
	/* retired: no longer offered */
	req = dm_test_req();
	dm_test_arg(req, "id", "2");
	dm_test_post(req, "name", "Συνεργείο Χωριών");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crews/:id/"
	    "save")->handler(req), DM_OK);
	assert_int_equal(number("SELECT active FROM cleaning_crews WHERE id = "
	    "?", 2), 0);
	req = dm_test_req();
	dm_test_arg(req, "id", "77");
	dm_test_post(req, "name", "Κανένα");
	assert_int_equal(route(DM_METHOD_POST, "/staff/cleaning/crews/:id/"
	    "save")->handler(req), DM_ENOTFOUND);
}

static void
free_days_page(void **state)
{
	const struct dm_test_node *page, *free;
	struct dm_req *req = dm_test_req();

	(void)state;
	dm_test_query(req, "settlement", "terpni");
	assert_int_equal(route(DM_METHOD_GET, "/cleaning/days")->handler(req),
	    DM_OK);
	page = dm_test_page(req);
	assert_string_equal(dm_test_attr(page, "name"), "Τερπνή");
	free = dm_test_child(page, "free", 0);
	assert_string_equal(dm_test_attr(dm_test_child(free, "day", 0),
	    "date"), "2026-04-15");
	assert_string_equal(dm_test_attr(dm_test_child(free, "day", 0),
	    "places"), "1");
	req = dm_test_req();
	dm_test_query(req, "settlement", "<x>");
	assert_int_equal(route(DM_METHOD_GET, "/cleaning/days")->handler(req),
	    DM_ENOTFOUND);
}

/* The pickup's days offered (choices): the zone of the settlement the
 * form names, only days with a free place, each with the places left. */
static void
offered_days(void **state)
{
	const struct dm_service *bulky = service("cleaning-bulky");
	struct dm_req *req = dm_test_req();
	struct dm_choices *c = dm_test_choices(req);
	const char *label;
	char sql[128];
	long long was;

	(void)state;
	/* No settlement yet: nothing to offer; other fields: nothing. */
	assert_int_equal(pl->choices(req, bulky, "date", &citizen, c), DM_OK);
	assert_int_equal(dm_test_choice_count(c), 0);
	dm_test_query(req, "where_settlement", "terpni");
	assert_int_equal(pl->choices(req, bulky, "notes", &citizen, c), DM_OK);
	assert_int_equal(dm_test_choice_count(c), 0);
	/* Terpni's zone works on Wednesdays, one pickup each. */
	assert_int_equal(pl->choices(req, bulky, "date", &citizen, c), DM_OK);
	assert_true(dm_test_choice_count(c) >= 3);
	assert_string_equal(dm_test_choice(c, 0, &label), "2026-04-15");
	assert_string_equal(label, "Τετάρτη 15/04/2026 — 1 θέση");
	assert_string_equal(dm_test_choice(c, 1, &label), "2026-04-22");
	/* Posted (or the draft's saved value): the form's settlement. */
	req = dm_test_req();
	c = dm_test_choices(req);
	dm_test_post(req, "where_settlement", "therma");
	assert_int_equal(pl->choices(req, bulky, "date", &citizen, c), DM_OK);
	assert_true(dm_test_choice_count(c) >= 6);
	for (size_t i = 0; i < dm_test_choice_count(c); i++) {
		/* The town's Tuesdays and Thursdays, with the places. */
		assert_non_null(dm_test_choice(c, i, &label));
		assert_true(strstr(label, "Τρίτη ") == label ||
		    strstr(label, "Πέμπτη ") == label);
		assert_true(strstr(label, " — 1 θέση") != NULL ||
		    (strstr(label, " — ") != NULL && strstr(label,
		    " θέσεις") != NULL));
	}
	/* A Tuesday full: not offered. */
	was = booked("town", "2026-04-21");
	assert_int_equal(dm_test_sql("INSERT INTO cleaning_days (zone, day, "
	    "booked) VALUES ('town', '2026-04-21', 200) ON DUPLICATE KEY "
	    "UPDATE booked = 200"), DM_OK);
	req = dm_test_req();
	c = dm_test_choices(req);
	dm_test_post(req, "where_settlement", "nigrita");
	assert_int_equal(pl->choices(req, bulky, "date", &citizen, c), DM_OK);
	for (size_t i = 0; i < dm_test_choice_count(c); i++)
		assert_string_not_equal(dm_test_choice(c, i, NULL),
		    "2026-04-21");
	/* A settlement that is none: nothing. */
	req = dm_test_req();
	c = dm_test_choices(req);
	dm_test_query(req, "where_settlement", "<x>");
	assert_int_equal(pl->choices(req, bulky, "date", &citizen, c), DM_OK);
	assert_int_equal(dm_test_choice_count(c), 0);
	snprintf(sql, sizeof(sql), "UPDATE cleaning_days SET booked = %lld "
	    "WHERE zone = 'town' AND day = '2026-04-21'", was);
	assert_int_equal(dm_test_sql(sql), DM_OK);
	assert_int_equal(booked("town", "2026-04-21"), was);
}

static void
settings(void **state)
{
	(void)state;
	dm_test_config("book_ahead", "0");
	assert_int_equal(pl->init(host, dm_test_ctx("cleaning")), DM_EINPUT);
	assert_true(dm_test_logged("error: [plugin.cleaning] book_ahead: '0' "
	    "is not a number from 1 to 60"));
	dm_test_config("book_ahead", NULL);
	dm_test_config("remind_at", "25:00");
	assert_int_equal(pl->init(host, dm_test_ctx("cleaning")), DM_EINPUT);
	dm_test_config("remind_at", "07:30");
	assert_int_equal(pl->init(host, dm_test_ctx("cleaning")), DM_OK);
	dm_test_calls_clear();
	assert_int_equal(submit(120, "2026-04-28", "nigrita"), DM_OK);
	assert_true(dm_test_called("at=2026-04-27T07:30:00"));
	dm_test_config("remind_at", NULL);
	assert_int_equal(pl->init(host, dm_test_ctx("cleaning")), DM_OK);
}

/* ---------------------------------------------------------------- setup */

static int
setup(void **state)
{
	(void)state;
	host = dm_test_host();
	pl = dimos_plugin_v2();
	dm_test_clock("2026-04-09T10:00:00");
	dm_test_zone("town", "Νιγρίτα και χωριά", "Nigrita and villages");
	dm_test_zone("villages", "Χωριά Βισαλτίας", "Visaltia villages");
	dm_test_settlement("nigrita", "Νιγρίτα", "Nigrita", "town", 40.9078,
	    23.5005);
	dm_test_settlement("therma", "Θερμά", "Therma", "town", 40.8952,
	    23.5348);
	dm_test_settlement("terpni", "Τερπνή", "Terpni", "villages", 40.9282,
	    23.4575);
	if (dm_test_db_open("cleaning") != DM_OK ||
	    dm_test_sql("INSERT INTO cleaning_crews (id, name) VALUES (1, "
	    "'Συνεργείο Νιγρίτας'), (2, 'Συνεργείο Χωριών')") != DM_OK ||
	    dm_test_sql("INSERT INTO cleaning_zone_crews VALUES ('town', 1)") !=
	    DM_OK ||
	    dm_test_sql("INSERT INTO cleaning_capacity (zone, weekday, "
	    "pickups) VALUES ('town', 2, 2), ('town', 4, 2), ('villages', 3, "
	    "1)") != DM_OK)
		return -1;
	return pl->init(host, dm_test_ctx("cleaning")) == DM_OK ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(items),
		cmocka_unit_test(days),
		cmocka_unit_test(booking),
		cmocka_unit_test(cancelling),
		cmocka_unit_test(reports),
		cmocka_unit_test(panel),
		cmocka_unit_test(assigning),
		cmocka_unit_test(day_sheet),
		cmocka_unit_test(day_done),
		cmocka_unit_test(capacity_page),
		cmocka_unit_test(crews_page),
		cmocka_unit_test(free_days_page),
		cmocka_unit_test(offered_days),
		cmocka_unit_test(settings),
	};

	return cmocka_run_group_tests(tests, setup, dm_test_teardown);
}
