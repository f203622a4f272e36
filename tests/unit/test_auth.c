/*
 * test_auth.c - proving who someone is, against the stack's real MariaDB:
 * passwords (argon2id), logging in (the same answer for a wrong address
 * and a wrong password, unconfirmed accounts, the lockout after repeated
 * failures), mailed tokens (each works once, for its purpose, until it
 * expires), registration (an address that has an account is told by
 * e-mail; an AFM taken is refused), confirmation, a new password (the
 * other sessions end), the password reset by mail (said nothing about
 * unknown addresses), re-entering the password, and the TaxisNet state
 * bound to one browser, used once.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "auth.h"
#include "fixture.h"
#include "registration.h"
#include "session.h"
#include "token.h"
#include "tokens.h"

#define PASSWORD	"Σωστός-κωδικός-2026"

static char address[128];

/* A new address of this run. */
static const char *
new_address(void)
{
	static int serial;

	snprintf(address, sizeof(address), "%s-auth%d@unit.example.org",
	    fx.tag, ++serial);
	return address;
}

/* An active person with PASSWORD. */
static long long
person_with_password(const char *email)
{
	char hash[AUTH_HASH_MAX];
	long long id = fixture_person(email);

	assert_int_equal(auth_hash_password(&fx.cfg, PASSWORD, hash), DM_OK);
	assert_int_equal(account_set_password(fixture_req(id), id, hash, 0),
	    DM_OK);
	return id;
}

static void
forget_throttles(void)
{
	fixture_exec("DELETE FROM login_throttle WHERE subject = "
	    "'i:192.0.2.1'");
}

/* The failures counted against an address typed. */
static void
forget_address(const char *email)
{
	fixture_exec("DELETE FROM login_throttle WHERE subject = CONCAT('e:', "
	    "SHA2(LOWER('%s'), 256))", email);
}

static int
setup(void **state)
{
	if (fixture_setup(state) != 0)
		return -1;
	forget_throttles();
	return 0;
}

static int
teardown(void **state)
{
	forget_throttles();
	return fixture_teardown(state);
}

static void
test_passwords(void **state)
{
	char a[AUTH_HASH_MAX], b[AUTH_HASH_MAX];

	(void)state;
	assert_int_equal(auth_hash_password(&fx.cfg, PASSWORD, a), DM_OK);
	assert_int_equal(auth_hash_password(&fx.cfg, PASSWORD, b), DM_OK);
	assert_memory_equal(a, "$argon2id$", 10);
	assert_string_not_equal(a, b);		/* salted */
	assert_true(auth_check_password(a, PASSWORD));
	assert_true(auth_check_password(b, PASSWORD));
	assert_false(auth_check_password(a, "σωστός-κωδικός-2026"));
	assert_false(auth_check_password(a, ""));
	assert_false(auth_check_password(NULL, PASSWORD));
	assert_false(auth_check_password(a, NULL));
}

static void
test_login(void **state)
{
	const char *email = new_address();
	long long who = person_with_password(email), id = 0, wait = 0;
	char copy[128];

	(void)state;
	snprintf(copy, sizeof(copy), "%s", email);
	assert_int_equal(auth_login(fixture_req(0), copy, PASSWORD, &id,
	    &wait), AUTH_OK);
	assert_int_equal(id, who);
	assert_int_equal(auth_login(fixture_req(0), copy, "λάθος", &id,
	    &wait), AUTH_WRONG);
	/* No such account: the very same answer. */
	assert_int_equal(auth_login(fixture_req(0), new_address(), PASSWORD,
	    &id, &wait), AUTH_WRONG);
	forget_address(address);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "event = 'login_failed' AND account_id = %lld", who), 1);
	/* The right password of an account not yet confirmed. */
	fixture_exec("UPDATE accounts SET status = 'pending' WHERE id = %lld",
	    who);
	assert_int_equal(auth_login(fixture_req(0), copy, PASSWORD, &id,
	    &wait), AUTH_UNCONFIRMED);
	/* A closed account is no account. */
	fixture_exec("UPDATE accounts SET status = 'closed' WHERE id = %lld",
	    who);
	assert_int_equal(auth_login(fixture_req(0), copy, PASSWORD, &id,
	    &wait), AUTH_WRONG);
	forget_address(copy);
}

/* After login_failures wrong passwords the address is locked, even with
 * the right one; a success before that clears the count. */
static void
test_lockout(void **state)
{
	const char *email = new_address();
	long long who = person_with_password(email), id = 0, wait = 0;
	char copy[128];
	int i;

	(void)state;
	snprintf(copy, sizeof(copy), "%s", email);
	for (i = 0; i < fx.cfg.login_failures - 1; i++)
		assert_int_equal(auth_login(fixture_req(0), copy, "λάθος", &id,
		    &wait), AUTH_WRONG);
	assert_int_equal(auth_login(fixture_req(0), copy, PASSWORD, &id,
	    &wait), AUTH_OK);
	for (i = 0; i < fx.cfg.login_failures; i++)
		assert_int_equal(auth_login(fixture_req(0), copy, "λάθος", &id,
		    &wait), AUTH_WRONG);
	id = 0;
	assert_int_equal(auth_login(fixture_req(0), copy, PASSWORD, &id,
	    &wait), AUTH_LOCKED);
	assert_int_equal(id, 0);
	assert_true(wait > 0 && wait <= fx.cfg.login_lockout + 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "event = 'login_locked' AND detail = '%s'", copy), 1);
	(void)who;
	forget_address(copy);
}

static void
test_tokens(void **state)
{
	long long who = fixture_person(NULL), id = 0;
	char tok[TOKEN_LEN + 1], old[TOKEN_LEN + 1];
	const char *data = NULL;

	(void)state;
	assert_int_equal(tokens_issue(fx.db, who, "change_email", 3600,
	    "new@unit.example.org", tok), DM_OK);
	assert_true(token_valid(tok));
	/* Stored only as its hash. */
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM account_tokens WHERE "
	    "token_hash = UNHEX(SHA2('%s', 256))", tok), 1);
	/* Looking does not use it; another purpose does not find it. */
	assert_int_equal(tokens_peek(fixture_req(0), "change_email", tok, &id),
	    DM_OK);
	assert_int_equal(id, who);
	assert_int_equal(tokens_use(fixture_req(0), "reset_password", tok, &id,
	    NULL), DM_ENOTFOUND);
	assert_int_equal(tokens_use(fixture_req(0), "change_email", tok, &id,
	    &data), DM_OK);
	assert_string_equal(data, "new@unit.example.org");
	/* Once. */
	assert_int_equal(tokens_use(fixture_req(0), "change_email", tok, &id,
	    &data), DM_ENOTFOUND);
	assert_int_equal(tokens_peek(fixture_req(0), "change_email", tok, &id),
	    DM_ENOTFOUND);
	/* Until it expires; malformed ones are nothing. */
	assert_int_equal(tokens_issue(fx.db, who, "reset_password", 3600, NULL,
	    old), DM_OK);
	fixture_exec("UPDATE account_tokens SET expires_at = UTC_TIMESTAMP(6) "
	    "- INTERVAL 1 SECOND WHERE account_id = %lld AND purpose = "
	    "'reset_password'", who);
	assert_int_equal(tokens_use(fixture_req(0), "reset_password", old, &id,
	    NULL), DM_ENOTFOUND);
	assert_int_equal(tokens_peek(fixture_req(0), "reset_password",
	    "short", &id), DM_ENOTFOUND);
	assert_int_equal(tokens_peek(fixture_req(0), "reset_password", NULL,
	    &id), DM_ENOTFOUND);
}

/* The confirmation link mailed to address (the last "verify" mail). */
static const char *
mailed_token(const char *email, const char *kind)
{
	static char body[16384];
	const char *t;

	assert_true(fixture_text(body, sizeof(body), "SELECT body FROM outbox "
	    "WHERE to_addr = '%s' AND kind = '%s' ORDER BY id DESC LIMIT 1",
	    email, kind));
	t = strstr(body, "token=");
	assert_non_null(t);
	t += 6;
	((char *)(uintptr_t)t)[TOKEN_LEN] = '\0';
	return t;
}

static void
test_registration(void **state)
{
	char email[128], taken[128];
	struct account_new a = { .kind = "person", .level = 'A',
	    .first_name = "Ελένη", .last_name = "Παππά", .father_name =
	    "Ιωάννης", .mobile = "+306911111111", .afm = "093100001" };
	long long id, holder;
	char tok[TOKEN_LEN + 1];
	struct account acc;

	(void)state;
	snprintf(email, sizeof(email), "%s", new_address());
	a.email = email;
	assert_int_equal(registration_submit(fixture_req(0), &a, PASSWORD,
	    "Ελένη Παππά"), DM_OK);
	assert_int_equal(account_by_email(fx.db, email, &id), DM_OK);
	assert_int_equal(account_load(fixture_req(0), id, &acc), DM_OK);
	assert_string_equal(acc.status, "pending");
	assert_true(acc.has_password);
	/* Registering the same address again: its owner is told, nothing
	 * else happens. */
	a.afm = NULL;
	assert_int_equal(registration_submit(fixture_req(0), &a, PASSWORD,
	    "Ελένη Παππά"), DM_OK);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM accounts WHERE "
	    "email = '%s'", email), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM outbox WHERE "
	    "to_addr = '%s' AND kind = 'exists'", email), 1);
	/* The AFM of an account: the visitor sees what any registration
	 * gets (no answer tells whether an account holds that AFM), no
	 * second account is made, and the holder is told by e-mail. */
	snprintf(taken, sizeof(taken), "%s", new_address());
	a.email = taken;
	a.afm = "093100001";
	assert_int_equal(registration_submit(fixture_req(0), &a, PASSWORD,
	    "Ελένη Παππά"), DM_OK);
	assert_int_equal(account_by_email(fx.db, taken, &holder),
	    DM_ENOTFOUND);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM accounts WHERE "
	    "afm = '093100001'"), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM outbox WHERE "
	    "to_addr = '%s' AND kind = 'afm_exists'", email), 1);
	/* The mailed link confirms it, once. */
	snprintf(tok, sizeof(tok), "%s", mailed_token(email, "verify"));
	assert_int_equal(registration_confirm(fixture_req(0), tok), DM_OK);
	assert_int_equal(account_load(fixture_req(0), id, &acc), DM_OK);
	assert_string_equal(acc.status, "active");
	assert_int_equal(registration_confirm(fixture_req(0), tok),
	    DM_ENOTFOUND);
	/* The "exists" message went to an address with no account id. */
	fixture_exec("DELETE FROM outbox WHERE to_addr = '%s'", email);
}

/* A new password: the owner's other sessions end, this one stays, a
 * notice goes by mail; a reset by mail ends them all. */
static void
test_change_and_reset(void **state)
{
	char email[128], tok[TOKEN_LEN + 1], sid[TOKEN_LEN + 1];
	long long who, id = 0, wait;
	struct dm_req *req;
	struct session *mine;
	unsigned char hash[TOKEN_HASH];

	(void)state;
	snprintf(email, sizeof(email), "%s", new_address());
	who = person_with_password(email);
	assert_int_equal(session_insert(fixture_req(who), who, 'p', 'n', NULL, sid),
	    DM_OK);
	token_hash(sid, hash);
	assert_int_equal(session_insert(fixture_req(who), who, 'p', 'n', NULL, sid),
	    DM_OK);
	req = fixture_req(0);
	assert_int_equal(session_find(req, hash, &mine), DM_OK);
	req->session = mine;
	assert_int_equal(auth_change_password(req, who, "Νέος-κωδικός-2026"),
	    DM_OK);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM sessions WHERE "
	    "account_id = %lld", who), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM outbox WHERE "
	    "account_id = %lld AND kind = 'password_changed'", who), 1);
	assert_int_equal(auth_login(fixture_req(0), email, "Νέος-κωδικός-2026",
	    &id, &wait), AUTH_OK);
	/* Re-entering it before a sensitive change. */
	assert_int_equal(auth_reauth(fixture_req(who), who,
	    "Νέος-κωδικός-2026"), DM_OK);
	assert_int_equal(auth_reauth(fixture_req(who), who, PASSWORD),
	    DM_EDENIED);
	assert_int_equal(auth_reauth(fixture_req(who), who, NULL), DM_EDENIED);
	/* The reset: a link to the address if it has an account ... */
	assert_int_equal(auth_mail_token(fixture_req(0), email,
	    &auth_mail_reset), DM_OK);
	snprintf(tok, sizeof(tok), "%s", mailed_token(email, "reset"));
	assert_int_equal(auth_reset_password(fixture_req(0), tok,
	    "Τρίτος-κωδικός-2026"), DM_OK);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM sessions WHERE "
	    "account_id = %lld", who), 0);
	assert_int_equal(auth_login(fixture_req(0), email,
	    "Τρίτος-κωδικός-2026", &id, &wait), AUTH_OK);
	/* ... used once; and nothing at all for an unknown address. */
	assert_int_equal(auth_reset_password(fixture_req(0), tok, "Άλλος-1234"),
	    DM_ENOTFOUND);
	assert_int_equal(auth_mail_token(fixture_req(0), new_address(),
	    &auth_mail_reset), DM_OK);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM outbox WHERE "
	    "to_addr = '%s'", address), 0);
}

static void
test_oauth_state(void **state)
{
	char st[TOKEN_LEN + 1], browser[TOKEN_LEN + 1], other[TOKEN_LEN + 1];
	long long who = fixture_person(NULL), linking = -1;

	(void)state;
	token_new(st);
	token_new(browser);
	token_new(other);
	assert_int_equal(auth_oauth_begin(fixture_req(who), st, browser, who,
	    600), DM_OK);
	/* Another browser with the same state: refused, and the state is
	 * used up all the same. */
	assert_int_equal(auth_oauth_take(fixture_req(0), st, other, &linking),
	    DM_ENOTFOUND);
	assert_int_equal(auth_oauth_take(fixture_req(0), st, browser,
	    &linking), DM_ENOTFOUND);
	token_new(st);
	assert_int_equal(auth_oauth_begin(fixture_req(0), st, browser, 0, 600),
	    DM_OK);
	assert_int_equal(auth_oauth_take(fixture_req(0), st, browser,
	    &linking), DM_OK);
	assert_int_equal(linking, 0);
	assert_int_equal(auth_oauth_take(fixture_req(0), st, browser,
	    &linking), DM_ENOTFOUND);
	/* Expired. */
	token_new(st);
	assert_int_equal(auth_oauth_begin(fixture_req(who), st, browser, who,
	    600), DM_OK);
	fixture_exec("UPDATE oauth_states SET expires_at = UTC_TIMESTAMP(6) - "
	    "INTERVAL 1 SECOND WHERE account_id = %lld", who);
	assert_int_equal(auth_oauth_take(fixture_req(0), st, browser,
	    &linking), DM_ENOTFOUND);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passwords),
		cmocka_unit_test(test_login),
		cmocka_unit_test(test_lockout),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_registration),
		cmocka_unit_test(test_change_and_reset),
		cmocka_unit_test(test_oauth_state),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
