/*
 * test_session.c - sessions against the stack's real MariaDB: a new
 * session is found with its account and roles and only its id's hash is
 * stored; it dies when idle too long, when its absolute lifetime is over
 * or when its account stops being active; a login rotates the id; one
 * session, all but one or all of an account's end; the owner's list names
 * sessions by a reference that ends exactly one of their own; the
 * unread count read with it is the one the mailbox keeps with the account.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "fixture.h"
#include "mailbox.h"
#include "req.h"
#include "session.h"
#include "staff.h"
#include "token.h"

/* A new session for who; its id's hash in hash. */
static void
login(long long who, const struct session *replace,
    unsigned char hash[TOKEN_HASH])
{
	char sid[TOKEN_LEN + 1];

	assert_int_equal(session_insert(fixture_req(0), who, 'p', 'n', replace,
	    sid), DM_OK);
	assert_true(token_valid(sid));
	token_hash(sid, hash);
}

/* Finds a session and keeps a copy of it (the request context that read
 * it is gone by the next fixture_req); the strings in it are not kept. */
static struct session *
find(const unsigned char hash[TOKEN_HASH], dm_status want)
{
	static struct session copies[4];
	static int next;
	struct session *s = NULL, *c;

	assert_int_equal(session_find(fixture_req(0), hash, &s), want);
	if (want != DM_OK) {
		assert_null(s);
		return NULL;
	}
	assert_non_null(s);
	c = &copies[next++ % 4];
	*c = *s;
	c->email = c->first_name = c->last_name = c->company = c->afm =
	    c->display = NULL;
	return c;
}

static char *
hex(const unsigned char hash[TOKEN_HASH])
{
	static char out[2 * TOKEN_HASH + 1];

	for (size_t i = 0; i < TOKEN_HASH; i++)
		snprintf(out + 2 * i, 3, "%02x", hash[i]);
	return out;
}

static long long
rows(const unsigned char hash[TOKEN_HASH])
{
	return fixture_int("SELECT COUNT(*) FROM sessions WHERE id_hash = "
	    "UNHEX('%s')", hex(hash));
}

/* Revokes a role; changed: whether that changed anything. */
static void
revoke(long long who, const char *role, const char *dept, int changed)
{
	int n = -1;

	assert_int_equal(staff_grant(fx.db, who, role, dept, 0, &n), DM_OK);
	assert_int_equal(n, changed);
}

static void
test_create_and_find(void **state)
{
	long long who = fixture_person(NULL);
	unsigned char hash[TOKEN_HASH], other[TOKEN_HASH];
	struct session *s;
	int changed;

	(void)state;
	assert_int_equal(staff_grant(fx.db, who, "clerk", "general", 1,
	    &changed), DM_OK);
	assert_int_equal(staff_grant(fx.db, who, "head", "civil_registry", 1,
	    &changed), DM_OK);
	login(who, NULL, hash);
	assert_int_equal(session_find(fixture_req(0), hash, &s), DM_OK);
	assert_int_equal(s->account_id, who);
	assert_memory_equal(s->hash, hash, TOKEN_HASH);
	assert_int_equal(strlen(s->csrf), TOKEN_LEN);
	assert_int_equal(s->kind, 'p');
	assert_int_equal(s->level, 'A');
	assert_int_equal(s->method, 'p');
	assert_string_equal(s->display, "Γεώργιος Παπαδόπουλος");
	assert_int_equal(s->nroles, 2);
	assert_true(session_is_staff(s, "general"));
	assert_true(session_is_staff(s, "civil_registry"));
	assert_false(session_is_staff(s, "male_registry"));
	assert_true(session_has_role(s, ROLE_HEAD, "civil_registry"));
	assert_false(session_has_role(s, ROLE_HEAD, "general"));
	assert_false(session_has_role(s, ROLE_ADMIN, NULL));
	assert_true(session_is_staff(s, NULL));
	/* The roles are the account's copy of them (accounts.staff_roles),
	 * written again with each change: a revoked role is gone from the
	 * next request, revoking it again changes nothing, and an account's
	 * roles dropped (a closed account) leave none. */
	revoke(who, "clerk", "general", 1);
	revoke(who, "clerk", "general", 0);
	assert_int_equal(session_find(fixture_req(0), hash, &s), DM_OK);
	assert_int_equal(s->nroles, 1);
	assert_false(session_is_staff(s, "general"));
	assert_true(session_has_role(s, ROLE_HEAD, "civil_registry"));
	assert_int_equal(staff_drop(fx.db, who), DM_OK);
	assert_int_equal(session_find(fixture_req(0), hash, &s), DM_OK);
	assert_int_equal(s->nroles, 0);
	assert_false(session_is_staff(s, NULL));
	/* Where from is kept; the id itself never is. */
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM sessions WHERE "
	    "id_hash = UNHEX('%s') AND account_id = %lld AND ip = "
	    "'192.0.2.1' AND user_agent = 'fixture' AND method = 'password' "
	    "AND expires_at > UTC_TIMESTAMP(6) + INTERVAL %lld SECOND", hex(hash),
	    who, fx.cfg.sess_absolute - 60), 1);
	/* An id nobody was given. */
	memset(other, 0x5a, sizeof(other));
	find(other, DM_ENOTFOUND);
}

/* The session's lookup reads its account too: the request's first load of
 * that account is no query, and is what a query reads; a change to the
 * account in the request is read again; another account is a query. */
static void
test_account_with_session(void **state)
{
	long long who = fixture_person(NULL), other = fixture_person(NULL);
	unsigned char hash[TOKEN_HASH];
	struct account a, b;
	struct account_details d;
	struct dm_req *req;
	unsigned long long t;

	(void)state;
	fixture_exec("UPDATE accounts SET mobile = '+306911111111', amka = "
	    "'12345678901', lang = 'en' WHERE id = %lld", who);
	login(who, NULL, hash);
	req = fixture_req(0);
	assert_int_equal(session_find(req, hash, &req->session), DM_OK);
	account_prime(req);
	t = req_trips();
	assert_int_equal(account_load(req, who, &a), DM_OK);
	assert_int_equal(req_trips(), t);
	assert_int_equal(a.id, who);
	assert_string_equal(a.first_name, "Γεώργιος");
	assert_string_equal(a.last_name, "Παπαδόπουλος");
	assert_string_equal(a.mobile, "+306911111111");
	assert_string_equal(a.amka, "12345678901");
	assert_string_equal(a.lang, "en");
	assert_non_null(a.created_at);
	/* What a query reads, field by field that the pages use. */
	req->account_cache = NULL;
	assert_int_equal(account_load(req, who, &b), DM_OK);
	assert_true(req_trips() > t);
	assert_int_equal(a.kind, b.kind);
	assert_int_equal(a.level, b.level);
	assert_string_equal(a.status, b.status);
	assert_string_equal(a.email, b.email);
	assert_string_equal(a.created_at, b.created_at);
	assert_int_equal(a.notify_email, b.notify_email);
	assert_int_equal(a.has_password, b.has_password);
	/* Changed in the request: read again. */
	account_prime(req);
	memset(&d, 0, sizeof(d));
	d.mobile = "+306922222222";
	d.notify_email = 1;
	assert_int_equal(account_update_details(req, who, &d), DM_OK);
	t = req_trips();
	assert_int_equal(account_load(req, who, &a), DM_OK);
	assert_true(req_trips() > t);
	assert_string_equal(a.mobile, "+306922222222");
	/* Another account than the session's is a query. */
	account_prime(req);
	t = req_trips();
	assert_int_equal(account_load(req, other, &a), DM_OK);
	assert_true(req_trips() > t);
	assert_int_equal(a.id, other);
}

/* Idle too long, or past its absolute lifetime: gone, and deleted. */
static void
test_expiry(void **state)
{
	long long who = fixture_person(NULL);
	unsigned char idle[TOKEN_HASH], old[TOKEN_HASH], seen[TOKEN_HASH];

	(void)state;
	login(who, NULL, idle);
	login(who, NULL, old);
	login(who, NULL, seen);
	fixture_exec("UPDATE sessions SET last_seen = UTC_TIMESTAMP(6) - "
	    "INTERVAL %lld SECOND WHERE id_hash = UNHEX('%s')",
	    fx.cfg.sess_idle + 5, hex(idle));
	fixture_exec("UPDATE sessions SET expires_at = UTC_TIMESTAMP(6) - "
	    "INTERVAL 1 SECOND WHERE id_hash = UNHEX('%s')", hex(old));
	/* Seen two minutes ago: alive, and seen now. */
	fixture_exec("UPDATE sessions SET last_seen = UTC_TIMESTAMP(6) - "
	    "INTERVAL 120 SECOND WHERE id_hash = UNHEX('%s')", hex(seen));
	find(idle, DM_ENOTFOUND);
	assert_int_equal(rows(idle), 0);
	find(old, DM_ENOTFOUND);
	assert_int_equal(rows(old), 0);
	find(seen, DM_OK);
	assert_int_equal(fixture_int("SELECT last_seen > UTC_TIMESTAMP(6) - "
	    "INTERVAL 10 SECOND FROM sessions WHERE id_hash = UNHEX('%s')",
	    hex(seen)), 1);
}

/* An account that is not active (closed, not yet confirmed) has no live
 * session. */
static void
test_inactive_account(void **state)
{
	long long who = fixture_person(NULL);
	unsigned char hash[TOKEN_HASH];

	(void)state;
	login(who, NULL, hash);
	fixture_exec("UPDATE accounts SET status = 'pending' WHERE id = %lld",
	    who);
	find(hash, DM_ENOTFOUND);
	assert_int_equal(rows(hash), 0);
}

/* A login where a session was: the old id dies. */
static void
test_rotation(void **state)
{
	long long who = fixture_person(NULL);
	unsigned char first[TOKEN_HASH], second[TOKEN_HASH];
	struct session *s;

	(void)state;
	login(who, NULL, first);
	s = find(first, DM_OK);
	login(who, s, second);
	assert_memory_not_equal(first, second, TOKEN_HASH);
	find(first, DM_ENOTFOUND);
	assert_int_equal(rows(first), 0);
	find(second, DM_OK);
}

static void
test_end(void **state)
{
	long long who = fixture_person(NULL), other = fixture_person(NULL);
	unsigned char a[TOKEN_HASH], b[TOKEN_HASH], c[TOKEN_HASH];
	unsigned char theirs[TOKEN_HASH];
	struct session *keep;

	(void)state;
	login(who, NULL, a);
	login(who, NULL, b);
	login(who, NULL, c);
	login(other, NULL, theirs);
	/* One. */
	assert_int_equal(session_delete(fixture_req(who), a), DM_OK);
	find(a, DM_ENOTFOUND);
	/* All but the one asking. */
	keep = find(b, DM_OK);
	assert_int_equal(session_end_all(fixture_req(who), who, keep), DM_OK);
	find(c, DM_ENOTFOUND);
	find(b, DM_OK);
	/* All of them; nobody else's. */
	assert_int_equal(session_end_all(fixture_req(who), who, NULL), DM_OK);
	find(b, DM_ENOTFOUND);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM sessions WHERE "
	    "account_id = %lld", who), 0);
	find(theirs, DM_OK);
}

/* The owner's list: most recently seen first, the current one marked, a
 * reference instead of the id; a reference ends that session only, and
 * only its owner's. */
static void
test_list_and_end_by_ref(void **state)
{
	long long who = fixture_person(NULL), other = fixture_person(NULL);
	unsigned char a[TOKEN_HASH], b[TOKEN_HASH];
	struct session_info *v;
	struct session *current;
	struct dm_req *req;
	size_t n;
	char ref[SESSION_REF_LEN + 1];

	(void)state;
	login(who, NULL, a);
	login(who, NULL, b);
	fixture_exec("UPDATE sessions SET last_seen = UTC_TIMESTAMP(6) - "
	    "INTERVAL 30 SECOND WHERE id_hash = UNHEX('%s')", hex(a));
	current = find(b, DM_OK);
	req = fixture_req(who);
	assert_int_equal(session_list(req, who, current, &v, &n), DM_OK);
	assert_int_equal(n, 2);
	assert_true(v[0].current);
	assert_false(v[1].current);
	assert_string_equal(v[0].method, "password");
	assert_string_equal(v[0].ip, "192.0.2.1");
	assert_int_equal(strlen(v[1].ref), SESSION_REF_LEN);
	assert_memory_equal(v[1].ref, hex(a), SESSION_REF_LEN);
	snprintf(ref, sizeof(ref), "%s", v[1].ref);
	assert_int_equal(session_end_ref(fixture_req(other), other, ref),
	    DM_ENOTFOUND);
	find(a, DM_OK);
	assert_int_equal(session_end_ref(fixture_req(who), who, "xyz"),
	    DM_EINPUT);
	assert_int_equal(session_end_ref(fixture_req(who), who,
	    "0123456789ABCDEF"), DM_EINPUT);
	assert_int_equal(session_end_ref(fixture_req(who), who, ref), DM_OK);
	find(a, DM_ENOTFOUND);
	find(b, DM_OK);
	assert_int_equal(session_end_ref(fixture_req(who), who, ref),
	    DM_ENOTFOUND);
}

/* The unread count the session reads is the account's (schema/024):
 * every item delivered counts, the first opening of one uncounts it and a
 * second changes nothing; the count is bounded as the header's ("99+"),
 * and always what mailbox_items holds. */
static long long
unread_of(const unsigned char hash[TOKEN_HASH])
{
	struct session *s = find(hash, DM_OK);

	assert_true(s->unread_known);
	return s->unread;
}

static void
test_unread_count(void **state)
{
	long long who = fixture_person(NULL), other = fixture_person(NULL);
	unsigned char hash[TOKEN_HASH];
	struct mailbox_item it;
	struct mailbox_item *v;
	long long first, second;
	size_t n;

	(void)state;
	login(who, NULL, hash);
	assert_int_equal(unread_of(hash), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(mailbox_put(fixture_req(0), who, 0, "message",
		    "Μήνυμα", "Κείμενο", 0, 0, 0), DM_OK);
	assert_int_equal(mailbox_put(fixture_req(0), other, 0, "message",
	    "Άλλου", NULL, 0, 0, 0), DM_OK);
	assert_int_equal(unread_of(hash), 3);
	assert_int_equal(mailbox_unread(fixture_req(0), who), 3);
	assert_int_equal(mailbox_list(fixture_req(who), who, 0, 10, &v, &n),
	    DM_OK);
	assert_int_equal(n, 3);
	first = v[0].id;	/* v is gone with the next fixture_req */
	second = v[1].id;
	/* Read without opening (a list), then opened twice. */
	assert_int_equal(mailbox_get(fixture_req(who), who, first, 0, &it),
	    DM_OK);
	assert_int_equal(unread_of(hash), 3);
	assert_int_equal(mailbox_get(fixture_req(who), who, first, 1, &it),
	    DM_OK);
	assert_int_equal(unread_of(hash), 2);
	assert_int_equal(mailbox_get(fixture_req(who), who, first, 1, &it),
	    DM_OK);
	assert_int_equal(unread_of(hash), 2);
	/* Someone else's item is not theirs to open. */
	assert_int_equal(mailbox_get(fixture_req(other), other, second, 1,
	    &it), DM_ENOTFOUND);
	assert_int_equal(unread_of(hash), 2);
	assert_int_equal(fixture_int("SELECT mailbox_unread FROM accounts "
	    "WHERE id = %lld", other), 1);
	/* Past the bound: the header's "99+". */
	for (int i = 0; i < MAILBOX_UNREAD_MAX; i++)
		assert_int_equal(mailbox_put(fixture_req(0), who, 0, "message",
		    "Μήνυμα", NULL, 0, 0, 0), DM_OK);
	assert_int_equal(unread_of(hash), SESSION_UNREAD_MAX);
	assert_int_equal(mailbox_unread(fixture_req(0), who),
	    MAILBOX_UNREAD_MAX);
	assert_int_equal(fixture_int("SELECT mailbox_unread FROM accounts "
	    "WHERE id = %lld", who), fixture_int("SELECT COUNT(*) FROM "
	    "mailbox_items WHERE account_id = %lld AND read_at IS NULL", who));
	assert_int_equal(fixture_int("SELECT mailbox_unread FROM accounts "
	    "WHERE id = %lld", who), MAILBOX_UNREAD_MAX + 2);
}

static void
test_csrf_key(void **state)
{
	unsigned char k1[32], k2[32], zero[32];

	(void)state;
	memset(zero, 0, sizeof(zero));
	assert_true(session_csrf_key(k1));
	assert_true(session_csrf_key(k2));
	assert_memory_equal(k1, k2, sizeof(k1));
	assert_memory_not_equal(k1, zero, sizeof(k1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_find),
		cmocka_unit_test(test_account_with_session),
		cmocka_unit_test(test_expiry),
		cmocka_unit_test(test_inactive_account),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_end),
		cmocka_unit_test(test_list_and_end_by_ref),
		cmocka_unit_test(test_unread_count),
		cmocka_unit_test(test_csrf_key),
	};

	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
