/*
 * test_outage.c - a lookup whose database fails never answers "no such
 * thing", "not allowed" or "nothing": the domain's lookups return the
 * failure (not DM_ENOTFOUND, DM_EDENIED or DM_EINPUT) and the request
 * notes it (req_outage), so the worker answers 503 whatever a handler
 * made of it. The same lookups against the real database tell "not
 * found" from "found"; then the worker's connection is pointed at a
 * server that is not there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "accounts.h"
#include "fixture.h"
#include "mailbox.h"
#include "public_reports.h"
#include "requests.h"
#include "session.h"
#include "staff.h"
#include "token.h"
#include "tokens.h"

#define SERVICE		"general-request"	/* department "general" */

static struct config away_cfg;
static struct db *away;

/* The worker's connection goes to a socket no server listens on. */
static void
go_away(void)
{
	away_cfg = fx.cfg;
	away_cfg.db_socket = "/nonexistent/dimos-test-outage.sock";
	away_cfg.ndb_hosts = 0;
	if (away == NULL)
		assert_int_equal(db_open(&away_cfg, 0, &away), DM_EINTERNAL);
	db_set_worker(away);
	req_outage_set(0);
}

static void
come_back(void)
{
	db_set_worker(fx.db);
	req_outage_set(0);
}

/* st is the database's failure, and it was noted as one. */
static void
failed(dm_status st)
{
	assert_int_equal(st, DM_EINTERNAL);
	assert_true(req_outage() & REQ_OUTAGE_READ);
	req_outage_set(0);
}

static void
test_lookups(void **state)
{
	long long who = fixture_person(NULL), other = fixture_person(NULL);
	long long id = fixture_request(who, SERVICE, "submitted");
	long long draft = fixture_request(who, SERVICE, "draft");
	unsigned char hash[TOKEN_HASH];
	char tok[TOKEN_LEN + 1];
	struct mailbox_item it;
	struct public_report pr;
	struct session *s;
	struct account a;
	struct request r;
	long long acc;

	(void)state;
	assert_int_equal(tokens_issue(fx.db, who, "verify_email", 3600, NULL,
	    tok), DM_OK);
	memset(hash, 7, sizeof(hash));

	/* With the database: found, and not found. */
	req_outage_set(0);
	assert_int_equal(request_load(fixture_req(who), id, who, NULL, &r),
	    DM_OK);
	assert_int_equal(request_load(fixture_req(other), id, other, NULL,
	    &r), DM_ENOTFOUND);
	assert_int_equal(account_load(fixture_req(0), who, &a), DM_OK);
	assert_int_equal(mailbox_get(fixture_req(who), who, 1LL << 60, 0,
	    &it), DM_ENOTFOUND);
	assert_int_equal(public_report_get(fixture_req(0), id, &pr),
	    DM_ENOTFOUND);
	assert_int_equal(public_report_photo(fixture_req(0), id, 1),
	    DM_ENOTFOUND);
	assert_int_equal(staff_is_member(fixture_req(0), who, "general"),
	    DM_ENOTFOUND);
	assert_int_equal(session_find(fixture_req(0), hash, &s),
	    DM_ENOTFOUND);
	assert_int_equal(request_load(fixture_req(who), draft, who, NULL,
	    &r), DM_OK);
	assert_int_equal(request_assign(fixture_req(who), &(struct request){
	    .id = id, .status = RS_SUBMITTED, .department = "general" },
	    other), DM_EINPUT);
	/* Nothing of that failed. */
	assert_int_equal(req_outage(), 0);

	/* Without: every one of them fails as the database's failure. */
	go_away();
	failed(request_load(fixture_req(who), id, who, NULL, &r));
	failed(account_load(fixture_req(0), who, &a));
	failed(mailbox_get(fixture_req(who), who, 1, 0, &it));
	failed(public_report_get(fixture_req(0), id, &pr));
	failed(public_report_photo(fixture_req(0), id, 1));
	failed(staff_is_member(fixture_req(0), who, "general"));
	failed(session_find(fixture_req(0), hash, &s));
	/* Assigning to someone whose membership could not be read: not
	 * "that person is not in the department". */
	failed(request_assign(fixture_req(who), &(struct request){ .id = id,
	    .status = RS_SUBMITTED, .department = "general" }, other));
	/* A token that could not be looked up is not an unknown one. */
	assert_int_equal(tokens_use(fixture_req(0), "verify_email", tok, &acc,
	    NULL), DM_EINTERNAL);
	assert_true(req_outage() != 0);
	come_back();

	/* Back: the token was not used up by the failure. */
	assert_int_equal(tokens_use(fixture_req(0), "verify_email", tok, &acc,
	    NULL), DM_OK);
	assert_int_equal(acc, who);
}

static int
teardown(void **state)
{
	come_back();
	db_close(away);
	return fixture_teardown(state);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookups),
	};

	return cmocka_run_group_tests(tests, fixture_setup, teardown);
}
