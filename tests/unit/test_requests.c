/*
 * test_requests.c - the life of a request against the stack's real
 * MariaDB: the state machine (every move it allows and every one it
 * refuses, as a table and in the database), compare-and-set (two movers,
 * one wins, also from two processes at once), protocol numbers (gapless in
 * the year, none taken by a submission that fails, a new sequence each
 * year, distinct under concurrent submissions), drafts, the citizen's
 * answer and withdrawal, assignment, and who may see which request.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "accounts.h"
#include "fixture.h"
#include "localtime.h"
#include "plugins.h"
#include "requests.h"
#include "staff.h"

#define SERVICE		"general-request"	/* department "general" */
#define OTHER_SERVICE	"cr-family-status"
#define NSUBMIT		8			/* per process, at once */

/* The moves the workflow allows, written out here independently of the
 * code: from (row) -> to (column). */
static const int allowed[RS__MAX][RS__MAX] = {
	/*		   dr sub inp awa com rej wit */
	[RS_DRAFT] =	 { 0, 1,  0,  0,  0,  0,  0 },
	[RS_SUBMITTED] = { 0, 0,  1,  1,  1,  1,  1 },
	[RS_IN_PROGRESS] = { 0, 0, 0, 1,  1,  1,  1 },
	[RS_AWAITING] =	 { 0, 0,  1,  0,  0,  1,  1 },
	[RS_COMPLETED] = { 0, 0,  0,  0,  0,  0,  0 },
	[RS_REJECTED] =	 { 0, 0,  0,  0,  0,  0,  0 },
	[RS_WITHDRAWN] = { 0, 0,  0,  0,  0,  0,  0 },
};

static void
test_machine_table(void **state)
{
	(void)state;
	for (int f = 0; f < RS__MAX; f++)
		for (int t = 0; t < RS__MAX; t++)
			assert_int_equal(request_may_move((enum rstatus)f,
			    (enum rstatus)t), allowed[f][t]);
	/* Out of range is never a move. */
	assert_false(request_may_move(RS__MAX, RS_SUBMITTED));
	assert_false(request_may_move(RS_SUBMITTED, RS__MAX));
	for (int s = 0; s < RS__MAX; s++)
		assert_int_equal(rs_parse(rs_name((enum rstatus)s)), s);
	assert_int_equal(rs_parse("archived"), RS__MAX);
	assert_int_equal(rs_parse(NULL), RS__MAX);
}

static long long
events(long long id)
{
	return fixture_int("SELECT COUNT(*) FROM request_events WHERE "
	    "request_id = %lld", id);
}

/* Every pair of states, in the database: the allowed moves happen with
 * their event and bookkeeping, the refused ones change nothing. */
static void
test_transitions(void **state)
{
	long long who = fixture_person(NULL);

	(void)state;
	for (int f = 0; f < RS__MAX; f++)
		for (int t = 0; t < RS__MAX; t++) {
			struct dm_req *req = fixture_req(who);
			long long id = fixture_request(who, SERVICE,
			    rs_name((enum rstatus)f));
			int ok = f != RS_DRAFT && allowed[f][t];
			struct request r;
			char text[64];
			dm_status st;

			assert_int_equal(request_load(req, id, who, NULL, &r),
			    DM_OK);
			assert_int_equal(r.status, f);
			st = request_transition(req, &r, (enum rstatus)t,
			    "unit", "why", NULL);
			assert_int_equal(st, ok ? DM_OK : DM_EDENIED);
			fixture_text(text, sizeof(text), "SELECT status FROM "
			    "requests WHERE id = %lld", id);
			assert_string_equal(text, rs_name(ok ? (enum rstatus)t :
			    (enum rstatus)f));
			assert_int_equal(events(id), ok);
			if (!ok)
				continue;
			fixture_text(text, sizeof(text), "SELECT CONCAT("
			    "from_status, '>', to_status, ':', kind, ':', "
			    "visibility, ':', body) FROM request_events WHERE "
			    "request_id = %lld", id);
			assert_string_equal(text, arena_printf(req->arena,
			    "%s>%s:unit:public:why", rs_name((enum rstatus)f),
			    rs_name((enum rstatus)t)));
			/* Closing states carry when; awaiting, since when. */
			assert_int_equal(fixture_int("SELECT closed_at IS NOT "
			    "NULL FROM requests WHERE id = %lld", id), t ==
			    RS_COMPLETED || t == RS_REJECTED || t ==
			    RS_WITHDRAWN);
			assert_int_equal(fixture_int("SELECT awaiting_since "
			    "IS NOT NULL FROM requests WHERE id = %lld", id),
			    t == RS_AWAITING);
		}
}

/* Two people read the request in the same state; the first move wins,
 * the second is told and changes nothing. */
static void
test_compare_and_set(void **state)
{
	long long who = fixture_person(NULL);
	long long id = fixture_request(who, SERVICE, "submitted");
	struct dm_req *req = fixture_req(who);
	struct request a, b;
	char text[32];

	(void)state;
	assert_int_equal(request_load(req, id, 0, "general", &a), DM_OK);
	assert_int_equal(request_load(req, id, 0, "general", &b), DM_OK);
	assert_int_equal(request_transition(req, &a, RS_IN_PROGRESS,
	    "started", NULL, NULL), DM_OK);
	assert_int_equal(request_transition(req, &b, RS_REJECTED, "rejected",
	    "late", NULL), DM_ECONFLICT);
	fixture_text(text, sizeof(text), "SELECT status FROM requests WHERE "
	    "id = %lld", id);
	assert_string_equal(text, "in_progress");
	assert_int_equal(events(id), 1);
}

/* A mover in its own process: reads the request, says so on `ready`,
 * waits for "go", then moves the request it read to `to`. Exits 0 when it
 * moved it, 1 when told it changed. */
static _Noreturn void
mover(long long id, long long who, enum rstatus to, int ready, int go)
{
	struct db *mine;
	struct dm_req *req;
	struct request r;
	char c;
	dm_status st;

	if (db_open(&fx.cfg, 0, &mine) != DM_OK)
		_exit(3);
	/* The parent's connection is shared with us after fork: only our
	 * own is used, and closed. */
	db_set_worker(mine);
	req = fixture_req(who);
	if (request_load(req, id, 0, "general", &r) != DM_OK)
		_exit(4);
	if (write(ready, "r", 1) != 1 || read(go, &c, 1) != 1)
		_exit(5);
	st = request_transition(req, &r, to, "race", NULL, NULL);
	db_close(mine);
	_exit(st == DM_OK ? 0 : st == DM_ECONFLICT ? 1 : 2);
}

static void
test_concurrent_movers(void **state)
{
	long long who = fixture_person(NULL);
	const enum rstatus to[2] = { RS_IN_PROGRESS, RS_WITHDRAWN };

	(void)state;
	for (int round = 0; round < 5; round++) {
		long long id = fixture_request(who, SERVICE, "submitted");
		int go[2], ready[2], codes[2], won = -1;
		pid_t pid[2];
		char text[32], r[2];

		assert_int_equal(pipe(go), 0);
		assert_int_equal(pipe(ready), 0);
		for (int i = 0; i < 2; i++) {
			pid[i] = fork();
			assert_true(pid[i] >= 0);
			if (pid[i] == 0) {
				close(go[1]);
				close(ready[0]);
				mover(id, who, to[i], ready[1], go[0]);
			}
		}
		close(go[0]);
		close(ready[1]);
		/* Once both have read the request (not after a guessed delay:
		 * on a loaded machine one could read it after the other moved
		 * it, and both moves would then be right), they go at once. */
		for (size_t n = 0; n < sizeof(r); ) {
			ssize_t got = read(ready[0], r + n, sizeof(r) - n);

			assert_true(got > 0);
			n += (size_t)got;
		}
		close(ready[0]);
		assert_int_equal(write(go[1], "gg", 2), 2);
		close(go[1]);
		for (int i = 0; i < 2; i++) {
			int status;

			assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
			assert_true(WIFEXITED(status));
			codes[i] = WEXITSTATUS(status);
			assert_true(codes[i] == 0 || codes[i] == 1);
			if (codes[i] == 0)
				won = i;
		}
		/* Exactly one won, and the request is where it took it. */
		assert_int_equal(codes[0] + codes[1], 1);
		fixture_text(text, sizeof(text), "SELECT status FROM requests "
		    "WHERE id = %lld", id);
		assert_string_equal(text, rs_name(to[won]));
		assert_int_equal(events(id), 1);
	}
}

/* A draft of the general request for account who, saved as a citizen
 * saves one. */
static long long
draft(long long who, const char *subject)
{
	struct dm_req *req = fixture_req(who);
	const struct draft_value values[] = { { "subject", subject },
	    { "message", "Παρακαλώ για την αποκατάσταση του φωτισμού." } };
	struct draft d = { values, 2, NULL, NULL, NULL, NULL };
	long long id = 0;

	assert_int_equal(request_save_draft(req, services_find(SERVICE), &d,
	    who, &id), DM_OK);
	assert_true(id > 0);
	return id;
}

static long long
last_no(int year)
{
	long long n = 0;
	struct dm_value p = DM_VINT(year);
	dm_status st = db_query_int(fx.db, "SELECT last_no FROM "
	    "protocol_counters WHERE year = ?", &p, 1, &n);

	assert_true(st == DM_OK || st == DM_ENOTFOUND);
	return n;
}

/* "N/YYYY" of request id. */
static void
protocol_of(long long id, long long *no, int *year)
{
	*no = fixture_int("SELECT protocol_no FROM requests WHERE id = %lld",
	    id);
	*year = (int)fixture_int("SELECT protocol_year FROM requests WHERE id "
	    "= %lld", id);
}

static void
test_drafts(void **state)
{
	long long who = fixture_person(NULL), other = fixture_person(NULL);
	long long id = draft(who, "Φωτισμός");
	struct dm_req *req;
	struct request r;
	const struct draft_value values[] = { { "subject", "Λακκούβα" },
	    { "location", "Οδός Αθηνών 5" }, { "location_lat", "40.9" },
	    { "location_lon", "23.5" } };
	struct draft d = { values, 4, "Οδός Αθηνών 5", "40.9", "23.5", NULL };
	long long same = id;

	(void)state;
	req = fixture_req(who);
	assert_int_equal(request_load(req, id, who, NULL, &r), DM_OK);
	assert_int_equal(r.status, RS_DRAFT);
	assert_null(r.protocol);
	assert_string_equal(request_form_value(req, &r, "subject"),
	    "Φωτισμός");
	/* Saving again updates the same draft, values and place. */
	assert_int_equal(request_save_draft(req, services_find(SERVICE), &d,
	    who, &same), DM_OK);
	assert_int_equal(same, id);
	assert_int_equal(request_load(req, id, who, NULL, &r), DM_OK);
	assert_string_equal(request_form_value(req, &r, "location_lat"),
	    "40.9");
	assert_null(request_form_value(req, &r, "message"));
	assert_int_equal(fixture_int("SELECT ROUND(lat * 10) FROM requests "
	    "WHERE id = %lld", id), 409);
	/* Someone else's draft is not theirs to save, nor to see. */
	req = fixture_req(other);
	same = id;
	assert_int_equal(request_save_draft(req, services_find(SERVICE), &d,
	    other, &same), DM_ENOTFOUND);
	assert_int_equal(same, id);
	assert_int_equal(request_load(req, id, other, NULL, &r),
	    DM_ENOTFOUND);
	/* Nor another department's. */
	assert_int_equal(request_load(req, id, 0, "civil_registry", &r),
	    DM_ENOTFOUND);
	assert_int_equal(request_load(req, id, 0, "general", &r), DM_OK);
}

static void
test_numbers_gapless(void **state)
{
	long long who = fixture_person(NULL);
	long long ids[3], first = 0;
	int y, m, d;

	(void)state;
	lt_today(&y, &m, &d);
	for (int i = 0; i < 3; i++)
		ids[i] = draft(who, "Αίτημα");
	for (int i = 0; i < 3; i++) {
		struct dm_req *req = fixture_req(who);
		long long no;
		int year;
		struct request r;

		assert_int_equal(request_submit(req, ids[i], "web", 0, NULL,
		    NULL, NULL), DM_OK);
		protocol_of(ids[i], &no, &year);
		assert_int_equal(year, y);
		if (i == 0)
			first = no;
		assert_int_equal(no, first + i);
		assert_int_equal(last_no(y), no);
		/* What the citizen is given: number and time, the due date
		 * from the service's business days, the snapshot. */
		assert_int_equal(request_load(req, ids[i], who, NULL, &r),
		    DM_OK);
		assert_int_equal(r.status, RS_SUBMITTED);
		assert_string_equal(r.protocol, arena_printf(req->arena,
		    "%lld/%d", no, y));
		assert_non_null(r.submitted_at);
		assert_non_null(r.due_date);
		assert_string_equal(r.applicant_name, "Γεώργιος Παπαδόπουλος");
		assert_string_equal(r.applicant_phone, "+306900000000");
		assert_int_equal(fixture_int("SELECT COUNT(*) FROM "
		    "request_events WHERE request_id = %lld AND kind = "
		    "'submitted' AND to_status = 'submitted'", ids[i]), 1);
		/* The receipt by e-mail, with the number (not to be taken
		 * for a date's "DD/MM/YYYY"). */
		assert_int_equal(fixture_int("SELECT COUNT(*) FROM outbox "
		    "WHERE account_id = %lld AND kind = 'submitted' AND body "
		    "REGEXP '(^|[^0-9/])%lld/%d([^0-9]|$)'", who, no, y), 1);
	}
	/* A second press: one request, one number, one audit row (written
	 * in the submitting transaction). */
	assert_int_equal(request_submit(fixture_req(who), ids[2], "web", 0,
	    NULL, NULL, NULL), DM_ECONFLICT);
	assert_int_equal(last_no(y), first + 2);
	for (int i = 0; i < 3; i++)
		assert_int_equal(fixture_int("SELECT COUNT(*) FROM audit_log "
		    "WHERE event = 'request_submitted' AND account_id = %lld "
		    "AND detail = '%lld'", who, ids[i]), 1);
}

/* A submission that fails after its number was taken gives it back: the
 * receipt cannot be queued to an address that is none, so the whole
 * transaction goes. */
static void
test_failed_submission(void **state)
{
	long long bad = fixture_person(arena_printf(&fx.arena,
	    "not-an-address-%s", fx.tag));
	long long good = fixture_person(NULL);
	long long id = draft(bad, "Αίτημα"), next = draft(good, "Αίτημα");
	struct request out, row;
	struct dm_req *rq;
	long long before, no;
	int y, m, d, year;
	char text[32];

	(void)state;
	lt_today(&y, &m, &d);
	before = last_no(y);
	assert_int_not_equal(request_submit(fixture_req(bad), id, "web", 0,
	    NULL, NULL, NULL), DM_OK);
	assert_int_equal(last_no(y), before);
	fixture_text(text, sizeof(text), "SELECT status FROM requests WHERE "
	    "id = %lld", id);
	assert_string_equal(text, "draft");
	assert_int_equal(fixture_int("SELECT protocol_no IS NULL FROM "
	    "requests WHERE id = %lld", id), 1);
	assert_int_equal(events(id), 0);
	/* Its audit row went with it. */
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "event = 'request_submitted' AND detail = '%lld'", id), 0);
	rq = fixture_req(good);
	assert_int_equal(request_submit(rq, next, "web", 0, NULL, NULL, &out),
	    DM_OK);
	protocol_of(next, &no, &year);
	assert_int_equal(no, before + 1);
	/* What the caller gets is what the row says, without reading it. */
	assert_int_equal(request_load(rq, next, good, NULL, &row), DM_OK);
	assert_int_equal(out.id, next);
	assert_int_equal(out.status, RS_SUBMITTED);
	assert_int_equal(row.status, RS_SUBMITTED);
	assert_string_equal(out.protocol, row.protocol);
	assert_string_equal(out.submitted_at, row.submitted_at);
	assert_string_equal(out.updated_at, row.updated_at);
	assert_string_equal(out.channel, row.channel);
	assert_string_equal(out.applicant_name, row.applicant_name);
	assert_true((out.due_date == NULL) == (row.due_date == NULL));
	if (out.due_date != NULL)
		assert_string_equal(out.due_date, row.due_date);
	assert_int_equal(out.account_id, row.account_id);
	assert_string_equal(out.form, row.form);
}

struct rollback {
	int		year;
	long long	no;
};

static dm_status
take_and_fail(void *arg)
{
	struct rollback *x = arg;

	if (requests_protocol_next(fx.db, x->year, &x->no) != DM_OK)
		return DM_EINTERNAL;
	return DM_EINPUT;
}

/* Each year has its own sequence from 1; a number taken in a transaction
 * that rolls back is taken again. Far years, so as not to touch the
 * stack's own. */
static void
test_year_rollover(void **state)
{
	struct rollback x = { 2999, 0 };
	long long no;

	(void)state;
	fixture_exec("DELETE FROM protocol_counters WHERE year IN (2998, "
	    "2999)");
	assert_int_equal(requests_protocol_next(fx.db, 2998, &no), DM_OK);
	assert_int_equal(no, 1);
	assert_int_equal(requests_protocol_next(fx.db, 2998, &no), DM_OK);
	assert_int_equal(no, 2);
	assert_int_equal(requests_protocol_next(fx.db, 2999, &no), DM_OK);
	assert_int_equal(no, 1);
	assert_int_equal(requests_protocol_next(fx.db, 2998, &no), DM_OK);
	assert_int_equal(no, 3);
	assert_int_equal(db_tx(fx.db, take_and_fail, &x), DM_EINPUT);
	assert_int_equal(x.no, 2);
	assert_int_equal(requests_protocol_next(fx.db, 2999, &no), DM_OK);
	assert_int_equal(no, 2);
	fixture_exec("DELETE FROM protocol_counters WHERE year IN (2998, "
	    "2999)");
}

static _Noreturn void
submitter(const long long *ids, long long who)
{
	struct db *mine;
	int failed = 0;

	if (db_open(&fx.cfg, 0, &mine) != DM_OK)
		_exit(3);
	db_set_worker(mine);
	for (int i = 0; i < NSUBMIT; i++)
		failed += request_submit(fixture_req(who), ids[i], "web", 0,
		    NULL, NULL, NULL) != DM_OK;
	db_close(mine);
	_exit(failed ? 1 : 0);
}

/* Two processes submit at once: every request gets a number, no two the
 * same, and together they fill a range without gaps; each process's
 * submissions, one after the other, have rising numbers (a submission
 * acknowledged before another starts has the smaller number). */
static void
test_concurrent_numbers(void **state)
{
	long long who = fixture_person(NULL);
	long long ids[2][NSUBMIT], lo = -1, hi = -1;
	pid_t pid[2];
	int y, m, d;

	(void)state;
	lt_today(&y, &m, &d);
	for (int p = 0; p < 2; p++)
		for (int i = 0; i < NSUBMIT; i++)
			ids[p][i] = draft(who, "Ταυτόχρονα");
	for (int p = 0; p < 2; p++) {
		pid[p] = fork();
		assert_true(pid[p] >= 0);
		if (pid[p] == 0)
			submitter(ids[p], who);
	}
	for (int p = 0; p < 2; p++) {
		int status;

		assert_int_equal(waitpid(pid[p], &status, 0), pid[p]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	for (int p = 0; p < 2; p++) {
		long long prev = 0;

		for (int i = 0; i < NSUBMIT; i++) {
			long long no;
			int year;

			protocol_of(ids[p][i], &no, &year);
			assert_int_equal(year, y);
			assert_true(no > prev);
			prev = no;
			if (lo < 0 || no < lo)
				lo = no;
			if (no > hi)
				hi = no;
		}
	}
	assert_int_equal(hi - lo + 1, 2 * NSUBMIT);
	assert_int_equal(fixture_int("SELECT COUNT(DISTINCT protocol_no) FROM "
	    "requests WHERE account_id = %lld AND protocol_year = %d AND "
	    "protocol_no BETWEEN %lld AND %lld", who, y, lo, hi), 2 * NSUBMIT);
}

/* The citizen answers only a question; the SLA clock resumes with the due
 * date moved by the business days it stood still. */
static void
test_answer_and_withdraw(void **state)
{
	long long who = fixture_person(NULL);
	long long asked = fixture_request(who, SERVICE, "awaiting_citizen");
	long long open = fixture_request(who, SERVICE, "in_progress");
	struct dm_req *req = fixture_req(who);
	struct request r;
	char due[11], text[32];

	(void)state;
	fixture_exec("UPDATE requests SET awaiting_since = UTC_TIMESTAMP(6) - "
	    "INTERVAL 14 DAY, due_date = '2031-03-03' WHERE id = %lld", asked);
	assert_int_equal(request_load(req, open, who, NULL, &r), DM_OK);
	assert_int_equal(request_answer(req, &r, "Ορίστε."), DM_EDENIED);
	assert_int_equal(request_load(req, asked, who, NULL, &r), DM_OK);
	snprintf(due, sizeof(due), "%s", r.due_date);
	lt_add_business(due, lt_business_days_since(r.awaiting_since));
	assert_string_not_equal(due, "2031-03-03");
	assert_int_equal(request_answer(req, &r, "Ορίστε."), DM_OK);
	fixture_text(text, sizeof(text), "SELECT CONCAT(status, ' ', "
	    "due_date) FROM requests WHERE id = %lld", asked);
	assert_string_equal(text, arena_printf(req->arena, "in_progress %s",
	    due));
	assert_int_equal(fixture_int("SELECT awaiting_since IS NULL FROM "
	    "requests WHERE id = %lld", asked), 1);
	/* Withdrawing: open requests only. */
	assert_int_equal(request_load(req, asked, who, NULL, &r), DM_OK);
	assert_int_equal(request_withdraw(req, &r), DM_OK);
	assert_int_equal(request_load(req, asked, who, NULL, &r), DM_OK);
	assert_int_equal(r.status, RS_WITHDRAWN);
	assert_non_null(r.closed_at);
	assert_int_equal(request_withdraw(req, &r), DM_EDENIED);
}

/* Only to someone of the department; the event is the staff's only. */
static void
test_assign(void **state)
{
	long long who = fixture_person(NULL), clerk = fixture_person(NULL);
	long long stranger = fixture_person(NULL);
	long long id = fixture_request(who, SERVICE, "submitted");
	struct dm_req *req = fixture_req(clerk);
	struct request r;
	int changed;

	(void)state;
	assert_int_equal(staff_grant(fx.db, clerk, "clerk", "general", 1,
	    &changed), DM_OK);
	assert_true(changed);
	assert_int_equal(staff_grant(fx.db, clerk, "clerk", "general", 1,
	    &changed), DM_OK);
	assert_false(changed);
	assert_int_equal(request_load(req, id, 0, "general", &r), DM_OK);
	assert_int_equal(request_assign(req, &r, stranger), DM_EINPUT);
	assert_int_equal(events(id), 0);
	assert_int_equal(request_assign(req, &r, clerk), DM_OK);
	assert_int_equal(request_load(req, id, 0, "general", &r), DM_OK);
	assert_int_equal(r.assigned_to, clerk);
	assert_string_equal(r.assigned_name, "Γεώργιος Παπαδόπουλος");
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_events "
	    "WHERE request_id = %lld AND kind = 'assigned' AND visibility = "
	    "'internal' AND actor_id = %lld", id, clerk), 1);
	assert_int_equal(request_assign(req, &r, 0), DM_OK);
	assert_int_equal(fixture_int("SELECT assigned_to IS NULL FROM "
	    "requests WHERE id = %lld", id), 1);
	fixture_exec("UPDATE requests SET status = 'completed' WHERE id = "
	    "%lld", id);
	assert_int_equal(request_load(req, id, 0, "general", &r), DM_OK);
	assert_int_equal(request_assign(req, &r, clerk), DM_EDENIED);
}

/* A citizen's list: theirs only, newest first, a page at a time. */
static void
test_mine(void **state)
{
	long long who = fixture_person(NULL), other = fixture_person(NULL);
	long long ids[5];
	struct request *v;
	size_t n;
	struct dm_req *req = fixture_req(who);

	(void)state;
	for (int i = 0; i < 5; i++)
		ids[i] = fixture_request(who, i % 2 ? SERVICE : OTHER_SERVICE,
		    "submitted");
	fixture_request(other, SERVICE, "submitted");
	assert_int_equal(requests_mine(req, who, 0, 3, &v, &n), DM_OK);
	assert_int_equal(n, 4);		/* a page, and one to say more */
	assert_int_equal(v[0].id, ids[4]);
	assert_int_equal(v[2].id, ids[2]);
	assert_int_equal(requests_mine(req, who, v[2].id, 3, &v, &n), DM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, ids[1]);
	assert_int_equal(v[1].id, ids[0]);
}

/* The receipt of a submission an outcome follows (a certificate issued at
 * once) is held until the outcome releases it: saying the outcome is in
 * the mailbox when it was delivered, that it will come there when not; a
 * receipt sent already is left as it was. Without a hold it goes at once,
 * saying the outcome will come. */
static long long
receipt_held(long long who, struct dm_req **rq, struct request *out)
{
	struct submit_hook hold = { NULL, NULL, 1 };
	long long id = draft(who, "Αίτημα");

	*rq = fixture_req(who);
	assert_int_equal(request_submit(*rq, id, "web", 0, &hold, NULL, out),
	    DM_OK);
	assert_true(out->receipt_mail > 0);
	/* Held: due about two minutes from now, not before. */
	assert_int_equal(fixture_int("SELECT send_after IS NOT NULL AND "
	    "next_attempt_at > UTC_TIMESTAMP(6) + INTERVAL 60 SECOND AND "
	    "status = 'pending' AND kind = 'submitted' FROM outbox WHERE "
	    "id = %lld", out->receipt_mail), 1);
	return id;
}

static long long
receipt_says(long long mail, const char *words)
{
	return fixture_int("SELECT COUNT(*) FROM outbox WHERE id = %lld AND "
	    "body LIKE '%%%s%%'", mail, words);
}

static void
test_receipt_outcome(void **state)
{
	const struct service *sv = services_find(SERVICE);
	long long who = fixture_person(NULL);
	const char *later = "Το αποτέλεσμα θα το βρείτε στην ψηφιακή σας "
	    "θυρίδα";
	const char *there = "βρίσκεται ήδη στην ψηφιακή σας θυρίδα";
	struct request out;
	struct dm_req *rq;

	(void)state;
	/* Delivered: the text says it is there, and it goes now, dated when
	 * it was queued. */
	receipt_held(who, &rq, &out);
	assert_int_equal(receipt_says(out.receipt_mail, later), 1);
	assert_int_equal(request_receipt_due(rq, sv, &out, 1), DM_OK);
	assert_int_equal(receipt_says(out.receipt_mail, there), 1);
	assert_int_equal(receipt_says(out.receipt_mail, later), 0);
	assert_int_equal(fixture_int("SELECT send_after IS NULL AND "
	    "next_attempt_at <= UTC_TIMESTAMP(6) AND subject LIKE "
	    "'%%%s%%το πιστοποιητικό είναι στη θυρίδα σας%%' FROM outbox "
	    "WHERE id = %lld", out.protocol, out.receipt_mail), 1);
	/* Not delivered (the issue failed): as written, now. */
	receipt_held(who, &rq, &out);
	assert_int_equal(request_receipt_due(rq, sv, &out, 0), DM_OK);
	assert_int_equal(receipt_says(out.receipt_mail, later), 1);
	assert_int_equal(fixture_int("SELECT send_after IS NULL AND "
	    "next_attempt_at <= UTC_TIMESTAMP(6) FROM outbox WHERE id = %lld",
	    out.receipt_mail), 1);
	/* Sent already when its hold ended: left as it was sent. */
	receipt_held(who, &rq, &out);
	fixture_exec("UPDATE outbox SET status = 'sent' WHERE id = %lld",
	    out.receipt_mail);
	assert_int_equal(request_receipt_due(rq, sv, &out, 1), DM_OK);
	assert_int_equal(receipt_says(out.receipt_mail, later), 1);
	/* No hold: at once, the outcome to come. */
	rq = fixture_req(who);
	assert_int_equal(request_submit(rq, draft(who, "Αίτημα"), "web", 0,
	    NULL, NULL, &out), DM_OK);
	assert_true(out.receipt_mail > 0);
	assert_int_equal(receipt_says(out.receipt_mail, later), 1);
	assert_int_equal(fixture_int("SELECT send_after IS NULL AND "
	    "next_attempt_at <= UTC_TIMESTAMP(6) FROM outbox WHERE id = %lld",
	    out.receipt_mail), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine_table),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_compare_and_set),
		cmocka_unit_test(test_concurrent_movers),
		cmocka_unit_test(test_drafts),
		cmocka_unit_test(test_numbers_gapless),
		cmocka_unit_test(test_failed_submission),
		cmocka_unit_test(test_year_rollover),
		cmocka_unit_test(test_concurrent_numbers),
		cmocka_unit_test(test_answer_and_withdraw),
		cmocka_unit_test(test_assign),
		cmocka_unit_test(test_mine),
		cmocka_unit_test(test_receipt_outcome),
	};

	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
