/*
 * test_public_lists.c - the public lists of reports against the stack's
 * real MariaDB (a database of this test's own): the map's list (open
 * reports with a point, newest first, a page at a time) and Open311's
 * (every submitted report with a point, by the time it was submitted),
 * and its updates (the public status changes of those, by time): their
 * rows and order, and that each page is read from its index in order: no
 * sort, and about its own rows read however many reports there are
 * (schema/026). The columns MariaDB computes for the indexes agree
 * with the rule they stand for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "fixture.h"
#include "plugins.h"
#include "public_reports.h"
#include "requests.h"

#define NOPEN	30		/* open reports with a point */
#define PAGE	5

static long long me;
static long long open_id[NOPEN];	/* oldest id first */
static long long closed_id, merged_id, pointless_id, draft_id, other_id;
static const char *service;		/* a public report's service */

/* A report of service in status, at a point near Nigrita, submitted
 * minutes after 2026-03-01 00:00 UTC. */
static long long
report(const char *status, int minutes, int point)
{
	long long id = fixture_request(me, service, status);

	if (point)
		fixture_exec("UPDATE requests SET lat = 40.9 + %d / 10000, "
		    "lon = 23.5, submitted_at = IF(submitted_at IS NULL, NULL, "
		    "'2026-03-01 00:00:00' + INTERVAL %d MINUTE) WHERE id = "
		    "%lld", minutes, minutes, id);
	return id;
}

static int
setup(void **state)
{
	if (fixture_setup(state) != 0)
		return -1;
	for (size_t i = 0; i < services_count() && service == NULL; i++)
		if (public_report_service(services_at(i)))
			service = services_at(i)->svc->code;
	if (service == NULL) {
		fprintf(stderr, "test_public_lists: no public report service "
		    "is enabled\n");
		return -1;
	}
	me = fixture_person(NULL);
	/* Submitted in the opposite order of their ids: Open311's order
	 * (by time) is not the map's (by id). */
	for (int i = 0; i < NOPEN; i++)
		open_id[i] = report(i % 3 ? "submitted" : "in_progress",
		    1000 - i, 1);
	closed_id = report("completed", 2000, 1);
	merged_id = report("submitted", 2001, 1);
	fixture_exec("UPDATE requests SET merged_into = %lld WHERE id = %lld",
	    open_id[0], merged_id);
	pointless_id = report("submitted", 2002, 0);
	draft_id = report("draft", 2003, 1);
	/* A report of a service that is not public (a certificate). */
	other_id = fixture_request(me, "cr-family-status", "submitted");
	fixture_exec("UPDATE requests SET lat = 40.9, lon = 23.5 WHERE id = "
	    "%lld", other_id);
	return 0;
}

/* The worker connection's count of a status variable (its session). */
static long long
session_status(const char *name)
{
	return fixture_int("SELECT CAST(VARIABLE_VALUE AS INTEGER) FROM "
	    "information_schema.SESSION_STATUS WHERE VARIABLE_NAME = '%s'",
	    name);
}

struct reads {
	long long	 sorts, rows;
};

static struct reads
reads_now(void)
{
	struct reads r;

	r.sorts = session_status("SORT_RANGE") + session_status("SORT_SCAN");
	r.rows = session_status("HANDLER_READ_NEXT") +
	    session_status("HANDLER_READ_PREV");
	return r;
}

/* What a query between before and after did: no sort, and at most
 * most_rows rows read through an index (the reports' own and the rows of
 * their subqueries: none here, no followers or photos). The counting
 * queries themselves read information_schema, not an index. */
static void
read_in_order(struct reads before, long long most_rows)
{
	struct reads after = reads_now();

	assert_int_equal(after.sorts - before.sorts, 0);
	assert_in_range(after.rows - before.rows, 0, most_rows);
}

static void
map_list(void **state)
{
	struct public_filter f = { NULL, NULL, NULL, 0, PAGE };
	struct public_report *v;
	size_t n, seen = 0;
	struct reads r0;

	(void)state;
	/* Every page from the newest down, keyset by id. */
	for (;;) {
		r0 = reads_now();
		assert_int_equal(public_reports_list(fixture_req(0), &f, &v,
		    &n), DM_OK);
		read_in_order(r0, PAGE + 3);
		for (size_t i = 0; i < n && i < PAGE; i++) {
			assert_int_equal(v[i].id, open_id[NOPEN - 1 - seen]);
			assert_string_equal(v[i].service, service);
			seen++;
		}
		if (n <= PAGE)
			break;
		f.before = v[PAGE - 1].id;
	}
	/* The open ones with a point only: not the closed, the merged, the
	 * one without a point, the draft or the certificate. */
	assert_int_equal(seen, NOPEN);
	/* One settlement's: none has one. */
	f.before = 0;
	f.settlement = "nigrita";
	assert_int_equal(public_reports_list(fixture_req(0), &f, &v, &n),
	    DM_OK);
	assert_int_equal(n, 0);
	/* One service's: the same reports, by that service's index. */
	f.settlement = NULL;
	f.service = service;
	r0 = reads_now();
	assert_int_equal(public_reports_list(fixture_req(0), &f, &v, &n),
	    DM_OK);
	read_in_order(r0, PAGE + 3);
	assert_int_equal(n, PAGE + 1);
	assert_int_equal(v[0].id, open_id[NOPEN - 1]);
	assert_int_equal(v[PAGE - 1].id, open_id[NOPEN - PAGE]);
}

static void
open311_list(void **state)
{
	struct public_query q;
	struct public_report *v;
	size_t n;
	struct reads r0;

	(void)state;
	memset(&q, 0, sizeof(q));
	q.from = "2000-01-01 00:00:00";
	q.limit = PAGE;
	r0 = reads_now();
	assert_int_equal(public_reports_query(fixture_req(0), &q, &v, &n),
	    DM_OK);
	read_in_order(r0, PAGE + 3);
	/* By the time submitted: the merged (2001 minutes), the closed
	 * (2000), then the open ones, the oldest id (1000 minutes) first. */
	assert_int_equal(n, PAGE);
	assert_int_equal(v[0].id, merged_id);
	assert_int_equal(v[1].id, closed_id);
	assert_int_equal(v[2].id, open_id[0]);
	assert_int_equal(v[3].id, open_id[1]);
	assert_int_equal(v[4].id, open_id[2]);
	/* A window of time: [1990, 1998) minutes holds nothing; [998, 1000)
	 * holds open_id[2] and open_id[1]. */
	q.from = "2026-03-01 16:38:00";
	q.to = "2026-03-01 16:40:00";
	assert_int_equal(public_reports_query(fixture_req(0), &q, &v, &n),
	    DM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, open_id[1]);
	assert_int_equal(v[1].id, open_id[2]);
	/* Asked by id: those, by the primary key. */
	{
		long long ids[] = { open_id[5], draft_id, closed_id };

		memset(&q, 0, sizeof(q));
		q.ids = ids;
		q.nids = 3;
		q.limit = 10;
		assert_int_equal(public_reports_query(fixture_req(0), &q, &v,
		    &n), DM_OK);
		assert_int_equal(n, 2);
		assert_int_equal(v[0].id, closed_id);
		assert_int_equal(v[1].id, open_id[5]);
	}
}

/* Open311's updates: the public status changes of public reports, oldest
 * first, from the window's start in the events' order of time. */
static void
open311_updates(void **state)
{
	struct public_update *v;
	size_t n;
	struct reads r0;

	(void)state;
	/* Written out of their order of time; an internal one, one without
	 * a status, one of a report without a point, one of the
	 * certificate: none of these four is an update. */
	fixture_exec("INSERT INTO request_events (request_id, at, kind, "
	    "visibility, from_status, to_status) VALUES "
	    "(%lld, '2026-04-01 10:00:00', 'status', 'public', 'submitted', "
	    "'in_progress'), "
	    "(%lld, '2026-04-01 09:00:00', 'status', 'public', 'submitted', "
	    "'completed'), "
	    "(%lld, '2026-04-01 09:30:00', 'note', 'internal', 'in_progress', "
	    "'awaiting_citizen'), "
	    "(%lld, '2026-04-01 09:40:00', 'message', 'public', NULL, NULL), "
	    "(%lld, '2026-04-01 09:50:00', 'status', 'public', 'submitted', "
	    "'in_progress'), "
	    "(%lld, '2026-04-01 09:55:00', 'status', 'public', 'submitted', "
	    "'in_progress'), "
	    "(%lld, '2026-04-01 11:00:00', 'status', 'public', 'in_progress', "
	    "'completed')", open_id[3], closed_id, open_id[4], open_id[5],
	    pointless_id, other_id, open_id[3]);
	r0 = reads_now();
	assert_int_equal(public_report_updates(fixture_req(0),
	    "2026-04-01 00:00:00", NULL, 10, &v, &n), DM_OK);
	assert_int_equal(reads_now().sorts - r0.sorts, 0);
	assert_int_equal(n, 3);
	assert_int_equal(v[0].request_id, closed_id);
	assert_string_equal(v[0].status, "completed");
	assert_string_equal(v[0].at, "2026-04-01 09:00:00");
	assert_int_equal(v[1].request_id, open_id[3]);
	assert_string_equal(v[1].status, "in_progress");
	assert_int_equal(v[2].request_id, open_id[3]);
	assert_string_equal(v[2].status, "completed");
	/* A window [09:30, 11:00) and a limit. */
	assert_int_equal(public_report_updates(fixture_req(0),
	    "2026-04-01 09:30:00", "2026-04-01 11:00:00", 10, &v, &n), DM_OK);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].at, "2026-04-01 10:00:00");
	assert_int_equal(public_report_updates(fixture_req(0),
	    "2026-04-01 00:00:00", NULL, 2, &v, &n), DM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[1].request_id, open_id[3]);
}

/* public_open and public_sent_at are the rules the lists used to spell
 * out (PUBLIC_WHERE, PUBLIC_SENT), row for row. */
static void
columns_are_the_rule(void **state)
{
	(void)state;
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM requests WHERE "
	    "public_open <> (status IN ('submitted', 'in_progress', "
	    "'awaiting_citizen') AND merged_into IS NULL AND lat IS NOT NULL "
	    "AND lon IS NOT NULL)"), 0);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM requests WHERE "
	    "public_open = 1"), NOPEN + 1);	/* the certificate's too */
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM requests WHERE "
	    "(public_sent_at IS NOT NULL) <> (status <> 'draft' AND "
	    "submitted_at IS NOT NULL AND lat IS NOT NULL AND lon IS NOT "
	    "NULL) OR public_sent_at <> submitted_at"), 0);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM requests WHERE "
	    "public_sent_at IS NOT NULL"), NOPEN + 3);
	/* A report closed leaves the map's list at once. */
	fixture_exec("UPDATE requests SET status = 'completed' WHERE id = %lld",
	    open_id[NOPEN - 1]);
	assert_int_equal(fixture_int("SELECT public_open FROM requests WHERE "
	    "id = %lld", open_id[NOPEN - 1]), 0);
	fixture_exec("UPDATE requests SET status = 'submitted' WHERE id = %lld",
	    open_id[NOPEN - 1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(map_list),
		cmocka_unit_test(open311_list),
		cmocka_unit_test(open311_updates),
		cmocka_unit_test(columns_are_the_rule),
	};

	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
