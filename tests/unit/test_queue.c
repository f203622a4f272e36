/*
 * test_queue.c - the staff queue's columns against the test MariaDB: the
 * values of indexed columns written at submission (and only then), the
 * queue filtered by a range, one value and a start of text, sorted by a
 * column both ways a page at a time, and dimosctl reindex rebuilding the
 * index; the queue's tabs and searches, a page at a time. The plugin is
 * plugins/general, as the stack enables it: its department column
 * "subject", and per service "about" and "preferred".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "plugins.h"
#include "request_values.h"
#include "requests.h"

#define NMEET	5

static long long me;
static long long meeting[NMEET];
static long long complaint, draft;
static char day[NMEET][11];
static char subject[64];

/* A submitted request of service with these form values. */
static long long
submitted(const char *service, const struct draft_value *v, size_t n)
{
	const struct service *sv = services_find(service);
	struct draft d = { v, n, NULL, NULL, NULL, NULL };
	long long id = 0;

	assert_non_null(sv);
	assert_int_equal(request_save_draft(fixture_req(me), sv, &d, me, &id),
	    DM_OK);
	assert_int_equal(request_submit(fixture_req(me), id, "web", 0, NULL,
	    NULL, NULL), DM_OK);
	return id;
}

/* Days of a year no other test uses: this run's requests alone. */
static int
setup(void **state)
{
	int year = 2100 + (int)(getpid() % 90);

	if (fixture_setup(state) != 0)
		return -1;
	me = fixture_person(NULL);
	snprintf(subject, sizeof(subject), "Στήλες-%s", fx.tag);
	for (int i = 0; i < NMEET; i++) {
		struct draft_value v[] = { { "reason", "Συνάντηση για τα "
		    "πεζοδρόμια της γειτονιάς" }, { "preferred", day[i] },
		    { "phone", "2322022222" } };

		/* Out of order, two on one day: the sort must not care. */
		snprintf(day[i], sizeof(day[i]), "%d-0%d-1%d", year,
		    1 + (i * 3) % 5, i);
		if (i == 4)
			memcpy(day[4], day[1], sizeof(day[4]));
		meeting[i] = submitted("general-meeting", v, 3);
	}
	{
		struct draft_value v[] = { { "about", "water" },
		    { "subject", subject },
		    { "description", "Δεν ήρθε κανείς για τη διαρροή." } };

		complaint = submitted("general-complaint", v, 3);
	}
	{
		const struct service *sv = services_find("general-meeting");
		struct draft_value v[] = { { "preferred", day[0] } };
		struct draft d = { v, 1, NULL, NULL, NULL, NULL };

		assert_int_equal(request_save_draft(fixture_req(me), sv, &d, me,
		    &draft), DM_OK);
	}
	return 0;
}

static void
written_at_submission(void **state)
{
	(void)state;
	for (int i = 0; i < NMEET; i++)
		assert_int_equal(fixture_int("SELECT COUNT(*) FROM "
		    "request_values WHERE request_id = %lld AND field = "
		    "'preferred' AND value = '%s' AND department = 'general'",
		    meeting[i], day[i]), 1);
	/* Not indexed: a field without a column, a draft. */
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_values "
	    "WHERE request_id = %lld AND field = 'phone'", meeting[0]), 0);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_values "
	    "WHERE request_id = %lld", draft), 0);
	/* The complaint: its service's column and the department's. */
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_values "
	    "WHERE request_id = %lld AND ((field = 'about' AND value = "
	    "'water') OR (field = 'subject' AND value = '%s'))", complaint,
	    subject), 2);
}

/* The queue of general, all states, with conditions and a sort. */
static size_t
queue(const struct queue_cond *c, size_t nc, const char *sort, int desc,
    const char *after, size_t limit, struct request **v, const char **next)
{
	struct queue_filter f;
	size_t n = 0;

	memset(&f, 0, sizeof(f));
	f.dept = "general";
	f.status = "all";
	f.assigned = "all";
	f.cond = c;
	f.ncond = nc;
	f.sort = sort;
	f.desc = desc;
	f.after = after;
	f.with_form = 1;
	assert_int_equal(requests_queue(fixture_req(me), &f, limit, v, &n,
	    next), DM_OK);
	return n;
}

static void
filtered(void **state)
{
	struct queue_cond range = { "preferred", DM_FILTER_RANGE, 0, NULL,
	    day[1], day[3] };
	struct queue_cond exact = { "about", DM_FILTER_EXACT, 0, "water",
	    NULL, NULL };
	struct queue_cond prefix = { "subject", DM_FILTER_PREFIX, 0, NULL,
	    NULL, NULL };
	struct request *v;
	const char *next;
	size_t n;
	int seen[NMEET] = { 0 };

	(void)state;
	/* day[1] .. day[3] as text, inclusive: whichever requests have
	 * one of those days or one between. */
	n = queue(&range, 1, NULL, 0, NULL, 50, &v, &next);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < NMEET; k++)
			if (v[i].id == meeting[k])
				seen[k] = 1;
	for (int k = 0; k < NMEET; k++)
		assert_int_equal(seen[k], strcmp(day[k], day[1]) >= 0 &&
		    strcmp(day[k], day[3]) <= 0);
	assert_int_equal(n, (size_t)(seen[0] + seen[1] + seen[2] + seen[3] +
	    seen[4]));
	/* Only "to": everything up to it. */
	range.from = NULL;
	range.to = day[0];
	n = queue(&range, 1, NULL, 0, NULL, 50, &v, &next);
	assert_true(n >= 1);
	for (size_t i = 0; i < n; i++)
		assert_true(v[i].id != meeting[3]);	/* the latest */
	/* One value and a start of text, together. */
	prefix.value = subject;
	{
		struct queue_cond both[2] = { exact, prefix };

		n = queue(both, 2, NULL, 0, NULL, 50, &v, &next);
		assert_int_equal(n, 1);
		assert_int_equal(v[0].id, complaint);
		assert_non_null(strstr(v[0].form, subject));
	}
	/* LIKE's own characters are text: "%" finds nothing here. */
	prefix.value = "Στήλες-%";
	n = queue(&prefix, 1, NULL, 0, NULL, 50, &v, &next);
	assert_int_equal(n, 0);
}

/* Sorted by the day, two a page, both ways: every request once, in
 * order, the cursor carrying the day and the id. */
static void
sorted(void **state)
{
	struct queue_cond mine = { "preferred", DM_FILTER_RANGE, 0, NULL,
	    NULL, NULL };
	char lo[11], hi[11];
	(void)state;

	/* This run's days only (another run may have used the year). */
	strcpy(lo, day[0]);
	strcpy(hi, day[0]);
	for (int k = 1; k < NMEET; k++) {
		if (strcmp(day[k], lo) < 0)
			strcpy(lo, day[k]);
		if (strcmp(day[k], hi) > 0)
			strcpy(hi, day[k]);
	}
	mine.from = lo;
	mine.to = hi;
	for (int desc = 0; desc < 2; desc++) {
		const char *after = NULL;
		char last[64] = "", cursor[128];
		long long last_id = 0;
		int pages = 0, found = 0;

		do {
			struct request *v;
			const char *next;
			size_t n = queue(&mine, 1, "preferred", desc, after, 2,
			    &v, &next);

			assert_true(n <= 3);
			for (size_t i = 0; i < n && i < 2; i++) {
				const char *k = v[i].sort_key;

				if (last[0] != '\0') {
					int c = strcmp(k, last);

					assert_true(desc ? c < 0 || (c == 0 &&
					    v[i].id < last_id) : c > 0 ||
					    (c == 0 && v[i].id > last_id));
				}
				snprintf(last, sizeof(last), "%s", k);
				last_id = v[i].id;
				for (int m = 0; m < NMEET; m++)
					found += v[i].id == meeting[m];
			}
			/* The next call starts a new request context. */
			if (next != NULL)
				snprintf(cursor, sizeof(cursor), "%s", next);
			after = next != NULL ? cursor : NULL;
			pages++;
		} while (after != NULL && pages < 10);
		assert_int_equal(found, NMEET);
		assert_int_equal(pages, 3);
	}
}

/* The index rebuilt from the forms (dimosctl reindex). */
static void
rebuilt(void **state)
{
	size_t n = 0;

	(void)state;
	fixture_exec("DELETE FROM request_values WHERE request_id IN (%lld, "
	    "%lld)", meeting[2], complaint);
	assert_int_equal(request_values_rebuild(fx.db, &n), DM_OK);
	assert_true(n >= NMEET + 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_values "
	    "WHERE request_id = %lld AND field = 'preferred' AND value = '%s'",
	    meeting[2], day[2]), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_values "
	    "WHERE request_id = %lld", complaint), 2);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_values "
	    "WHERE request_id = %lld", draft), 0);
}

/* The queue of general by f, every page of limit rows through the
 * cursor; the ids in ids (at most max), their number returned. Each page
 * must follow the last in the queue's order (due date, none last, id). */
static size_t
all_pages(struct queue_filter *f, size_t limit, long long *ids, size_t max)
{
	const char *next = NULL;
	char last[64] = "";
	size_t found = 0;
	int pages = 0;

	f->dept = "general";
	f->after = NULL;
	do {
		struct request *v;
		size_t n = 0;

		assert_int_equal(requests_queue(fixture_req(me), f, limit, &v,
		    &n, &next), DM_OK);
		for (size_t i = 0; i < n && i < limit; i++) {
			char key[64];

			snprintf(key, sizeof(key), "%.20s:%020lld",
			    v[i].sort_key, v[i].id);
			assert_true(strcmp(last, key) < 0);
			memcpy(last, key, sizeof(last));
			assert_true(found < max);
			ids[found++] = v[i].id;
		}
		f->after = next;
	} while (next != NULL && ++pages < 100);
	assert_null(next);
	return found;
}

static int
has(const long long *ids, size_t n, long long id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* The tabs (open, one state, all) page in order through their indexes,
 * and the searches (assigned to me, AFM, protocol number, part of a name)
 * find exactly their requests: each against a direct count. */
static void
tabs_and_searches(void **state)
{
	struct queue_filter f;
	long long ids[256];
	char protocol[32], afm[16];
	size_t n;

	(void)state;
	snprintf(afm, sizeof(afm), "9%08u", (unsigned)getpid() % 100000000u);
	fixture_exec("UPDATE requests SET status = 'completed', closed_at = "
	    "UTC_TIMESTAMP(6) WHERE id = %lld", meeting[0]);
	fixture_exec("UPDATE requests SET status = 'in_progress', assigned_to "
	    "= %lld WHERE id = %lld", me, meeting[1]);
	fixture_exec("UPDATE requests SET applicant_afm = '%s', "
	    "applicant_name = 'Ξανθή Ουρανοπούλου-%s', due_date = NULL "
	    "WHERE id = %lld", afm, fx.tag, meeting[2]);
	fixture_text(protocol, sizeof(protocol), "SELECT CONCAT(protocol_no, "
	    "'/', protocol_year) FROM requests WHERE id = %lld", complaint);

	memset(&f, 0, sizeof(f));
	f.assigned = "all";
	f.status = "open";
	n = all_pages(&f, 2, ids, 256);
	assert_int_equal(n, fixture_int("SELECT COUNT(*) FROM requests WHERE "
	    "department = 'general' AND status IN ('submitted', "
	    "'in_progress', 'awaiting_citizen')"));
	assert_false(has(ids, n, meeting[0]));
	assert_true(has(ids, n, meeting[1]) && has(ids, n, complaint));
	/* None last: meeting[2] has no due date. */
	assert_int_equal(ids[n - 1], fixture_int("SELECT id FROM requests "
	    "WHERE department = 'general' AND status IN ('submitted', "
	    "'in_progress', 'awaiting_citizen') ORDER BY COALESCE(due_date, "
	    "'9999-12-31') DESC, id DESC LIMIT 1"));
	f.status = "completed";
	n = all_pages(&f, 2, ids, 256);
	assert_int_equal(n, fixture_int("SELECT COUNT(*) FROM requests WHERE "
	    "department = 'general' AND status = 'completed'"));
	assert_true(has(ids, n, meeting[0]));
	f.status = "all";
	n = all_pages(&f, 3, ids, 256);
	assert_int_equal(n, fixture_int("SELECT COUNT(*) FROM requests WHERE "
	    "department = 'general' AND status <> 'draft'"));
	assert_false(has(ids, n, draft));
	/* Assigned to me, in every state. */
	f.assigned = "me";
	f.me = me;
	n = all_pages(&f, 2, ids, 256);
	assert_int_equal(n, fixture_int("SELECT COUNT(*) FROM requests WHERE "
	    "department = 'general' AND status <> 'draft' AND assigned_to = "
	    "%lld", me));
	assert_true(has(ids, n, meeting[1]));
	f.assigned = "none";
	n = all_pages(&f, 2, ids, 256);
	assert_false(has(ids, n, meeting[1]));
	assert_true(has(ids, n, meeting[0]));
	/* Searches. */
	f.assigned = "all";
	f.q = afm;
	n = all_pages(&f, 2, ids, 256);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], meeting[2]);
	f.q = protocol;
	n = all_pages(&f, 2, ids, 256);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], complaint);
	f.q = "ουρανοπούλου";	/* part of the name, another case */
	n = all_pages(&f, 2, ids, 256);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], meeting[2]);
	f.q = "%";		/* a wildcard is a character like any */
	assert_int_equal(all_pages(&f, 2, ids, 256), 0);
	f.q = "9999999/2001";	/* a protocol number no request has */
	assert_int_equal(all_pages(&f, 2, ids, 256), 0);
	/* A search within a tab. */
	f.q = afm;
	f.status = "completed";
	assert_int_equal(all_pages(&f, 2, ids, 256), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(written_at_submission),
		cmocka_unit_test(filtered),
		cmocka_unit_test(sorted),
		cmocka_unit_test(rebuilt),
		cmocka_unit_test(tabs_and_searches),
	};

	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
