/*
 * fixture.c - see fixture.h. Accounts made here are remembered; at the end
 * their requests (with events, files, mailbox items and documents),
 * sessions, roles, tokens, mail and the accounts go.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounts.h"
#include "documents.h"
#include "fixture.h"
#include "host_table.h"
#include "localtime.h"
#include "outbox.h"
#include "plugins.h"
#include "session.h"
#include "worker.h"

#define MAX_ACCOUNTS	256

struct fixture fx;
static long long accounts[MAX_ACCOUNTS];
static size_t naccounts;
static struct dm_req current;
static struct session actor_session;

int
fixture_setup(void **state)
{
	char err[1024];

	(void)state;
	if (getenv("DIMOS_CONFIG") == NULL ||
	    config_load(getenv("DIMOS_CONFIG"), &fx.cfg, err, sizeof(err))) {
		fprintf(stderr, "fixture: needs DIMOS_CONFIG (the test "
		    "stack's): %s\n", err);
		return -1;
	}
	snprintf(fx.tag, sizeof(fx.tag), "u%d", (int)getpid());
	lt_init(&fx.cfg);
	outbox_init(&fx.cfg);
	if (!documents_init(&fx.cfg)) {
		fprintf(stderr, "fixture: no seal key in %s\n",
		    fx.cfg.doc_key_dir);
		return -1;
	}
	if (worker_prepare(&fx.cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "fixture: %s\n", err);
		return -1;
	}
	if (plugins_init(host_get(&fx.cfg)) != DM_OK)
		return -1;
	if (db_open(&fx.cfg, 0, &fx.db) != DM_OK)
		return -1;
	db_set_worker(fx.db);
	arena_init(&fx.arena);
	return 0;
}

static void
drop(const char *sql, long long id)
{
	struct dm_value p = DM_VINT(id);

	if (db_exec(fx.db, sql, &p, 1, NULL, NULL) != DM_OK)
		fprintf(stderr, "fixture: cleaning up failed: %s\n", sql);
}

int
fixture_teardown(void **state)
{
	static const char *const sql[] = {
		"DELETE e FROM request_events e JOIN requests r ON r.id = "
		    "e.request_id WHERE r.account_id = ?",
		"DELETE a FROM attachments a JOIN requests r ON r.id = "
		    "a.request_id WHERE r.account_id = ?",
		"DELETE FROM mailbox_items WHERE account_id = ?",
		"DELETE FROM documents WHERE account_id = ?",
		"DELETE FROM requests WHERE account_id = ?",
		"DELETE FROM sessions WHERE account_id = ?",
		"DELETE FROM staff_roles WHERE account_id = ?",
		"DELETE FROM account_tokens WHERE account_id = ?",
		"DELETE FROM outbox WHERE account_id = ?",
		"DELETE FROM audit_log WHERE account_id = ? OR actor_id = ?",
		"DELETE FROM accounts WHERE id = ?",
	};

	(void)state;
	for (size_t i = 0; i < naccounts; i++)
		for (size_t k = 0; k < sizeof(sql) / sizeof(sql[0]); k++) {
			struct dm_value p[2] = { DM_VINT(accounts[i]),
			    DM_VINT(accounts[i]) };

			if (strstr(sql[k], "actor_id") != NULL)
				db_exec(fx.db, sql[k], p, 2, NULL, NULL);
			else
				drop(sql[k], accounts[i]);
		}
	db_set_worker(NULL);
	db_close(fx.db);
	documents_fini();
	worker_unprepare();
	arena_free(&fx.arena);
	config_free(&fx.cfg);
	return 0;
}

struct dm_req *
fixture_req(long long actor)
{
	arena_reset(&fx.arena);
	memset(&current, 0, sizeof(current));
	current.arena = &fx.arena;
	current.cfg = &fx.cfg;
	current.lang = "el";
	current.env.remote_addr = "192.0.2.1";
	current.env.user_agent = "fixture";
	if (actor != 0) {
		memset(&actor_session, 0, sizeof(actor_session));
		actor_session.account_id = actor;
		actor_session.kind = 'p';
		actor_session.level = 'A';
		actor_session.display = "Fixture";
		current.session = &actor_session;
	}
	return &current;
}

long long
fixture_person(const char *email)
{
	static int serial;
	char addr[128];
	struct account_new a = { .kind = "person", .status = "active",
	    .level = 'A', .email = addr, .email_verified = 1,
	    .first_name = "Γεώργιος", .last_name = "Παπαδόπουλος",
	    .father_name = "Νικόλαος", .mobile = "+306900000000" };
	long long id = 0;

	if (email != NULL)
		snprintf(addr, sizeof(addr), "%s", email);
	else
		snprintf(addr, sizeof(addr), "%s-%d@unit.example.org", fx.tag,
		    ++serial);
	assert_int_equal(account_insert(fx.db, &a, &id), DM_OK);
	fixture_adopt(id);
	return id;
}

static void vsql(char *out, size_t outsz, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

void
fixture_adopt(long long id)
{
	assert_true(naccounts < MAX_ACCOUNTS);
	accounts[naccounts++] = id;
}

static void
vsql(char *out, size_t outsz, const char *fmt, va_list ap)
{
	int n = vsnprintf(out, outsz, fmt, ap);

	assert_true(n > 0 && (size_t)n < outsz);
}

void
fixture_exec(const char *fmt, ...)
{
	char sql[2048], err[512];
	va_list ap;

	va_start(ap, fmt);
	vsql(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if (db_script_stmt(fx.db, sql, err, sizeof(err)) != DM_OK)
		fail_msg("%s: %s", sql, err);
}

long long
fixture_int(const char *fmt, ...)
{
	char sql[2048];
	long long n = 0;
	va_list ap;

	va_start(ap, fmt);
	vsql(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if (db_query_int(fx.db, sql, NULL, 0, &n) != DM_OK)
		fail_msg("no number from: %s", sql);
	return n;
}

struct text {
	char	*out;
	size_t	 outsz;
	int	 found;
};

static dm_status
text_row(void *arg, const struct dm_value *c, size_t n)
{
	struct text *t = arg;

	t->found = 1;
	snprintf(t->out, t->outsz, "%.*s", n > 0 && (c[0].type == DM_V_TEXT ||
	    c[0].type == DM_V_BLOB) ? (int)c[0].len : 0, n > 0 &&
	    c[0].s ? c[0].s : "");
	return DM_OK;
}

int
fixture_text(char *out, size_t outsz, const char *fmt, ...)
{
	char sql[2048];
	struct text t = { out, outsz, 0 };
	va_list ap;

	va_start(ap, fmt);
	vsql(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	out[0] = '\0';
	if (db_query(fx.db, sql, NULL, 0, text_row, &t) != DM_OK)
		fail_msg("failed: %s", sql);
	return t.found;
}

long long
fixture_request(long long account, const char *service, const char *status)
{
	const struct service *sv = services_find(service);
	struct dm_value p[7];
	uint64_t id = 0;

	assert_non_null(sv);
	p[0] = DM_VTEXT(service);
	p[1] = DM_VTEXT(sv->plugin->name);
	p[2] = DM_VINT(account);
	p[3] = DM_VTEXT(status);
	p[4] = DM_VINT(strcmp(status, "draft") != 0);
	p[5] = DM_VINT(strcmp(status, "awaiting_citizen") == 0);
	p[6] = DM_VINT(strcmp(status, "completed") == 0 ||
	    strcmp(status, "rejected") == 0 || strcmp(status, "withdrawn") ==
	    0);
	assert_int_equal(db_exec(fx.db, "INSERT INTO requests (service, "
	    "department, account_id, status, channel, submitted_at, due_date, "
	    "applicant_name, awaiting_since, closed_at) VALUES (?, ?, ?, ?, "
	    "'web', IF(?, UTC_TIMESTAMP(6), NULL), CURRENT_DATE + INTERVAL 20 "
	    "DAY, 'Γεώργιος Παπαδόπουλος', IF(?, UTC_TIMESTAMP(6), NULL), "
	    "IF(?, UTC_TIMESTAMP(6), NULL))", p, 7, NULL, &id), DM_OK);
	return (long long)id;
}
