/*
 * fixture.c - see fixture.h. Every run works in a database of its own,
 * dimos_test_unit_<pid> on the stack's MariaDB, made with the core's and
 * the enabled plugins' migrations and dropped at the end: the tests may
 * number, delete and rewrite rows freely without touching the stack's
 * data (whose year of protocol numbers the end-to-end tests check for
 * holes) or another test running at the same time.
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
#include "factorkey.h"
#include "fixture.h"
#include "host_table.h"
#include "localtime.h"
#include "migrate.h"
#include "outbox.h"
#include "plugins.h"
#include "session.h"
#include "worker.h"

struct fixture fx;
static struct dm_req current;
static struct session actor_session;
static char scratch[64];
static struct db *admin_db;	/* fixture_admin_db */

/* Runs one statement as the stack's admin account on database name. */
static int
admin_stmt(const char *name, const char *sql)
{
	struct db *admin = NULL;
	char *stack = fx.cfg.db_name, err[512], target[64];
	int rc = -1;

	snprintf(target, sizeof(target), "%s", name);
	fx.cfg.db_name = target;
	if (db_open(&fx.cfg, 1, &admin) == DM_OK &&
	    db_script_stmt(admin, sql, err, sizeof(err)) == DM_OK)
		rc = 0;
	else
		fprintf(stderr, "fixture: %s: %s\n", sql, admin ? err :
		    "cannot connect as the admin account");
	db_close(admin);
	fx.cfg.db_name = stack;
	return rc;
}

/* The scratch database with the core's and the enabled plugins' tables,
 * as `dimosctl migrate` makes them. */
static int
scratch_make(void)
{
	struct migration_set set = { NULL, 0 };
	struct db *admin = NULL;
	char sql[160], err[1024], dir[4096];
	dm_status st;
	FILE *devnull;

	snprintf(scratch, sizeof(scratch), "dimos_test_unit_%d",
	    (int)getpid());
	snprintf(sql, sizeof(sql), "CREATE DATABASE `%s` CHARACTER SET "
	    "utf8mb4 COLLATE utf8mb4_unicode_ci", scratch);
	if (admin_stmt(fx.cfg.db_name, sql) != 0)
		return -1;
	free(fx.cfg.db_name);
	if ((fx.cfg.db_name = strdup(scratch)) == NULL)
		return -1;
	st = migrate_scan(fx.cfg.schema_dir, "core", &set, err, sizeof(err));
	for (size_t i = 0; st == DM_OK && i < fx.cfg.nenabled; i++) {
		snprintf(dir, sizeof(dir), "%s/%s/schema",
		    fx.cfg.plugin_data_dir, fx.cfg.enabled[i]);
		st = migrate_scan(dir, fx.cfg.enabled[i], &set, err,
		    sizeof(err));
	}
	if (st == DM_OK && (st = db_open(&fx.cfg, 1, &admin)) == DM_OK) {
		devnull = fopen("/dev/null", "w");
		st = migrate_run(admin, &set, MIGRATE_APPLY, devnull, err,
		    sizeof(err));
		if (devnull != NULL)
			fclose(devnull);
	}
	db_close(admin);
	migrate_set_free(&set);
	if (st != DM_OK)
		fprintf(stderr, "fixture: migrating %s: %s\n", scratch, err);
	return st == DM_OK ? 0 : -1;
}

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
	if (scratch_make() != 0)
		return -1;
	lt_init(&fx.cfg);
	outbox_init(&fx.cfg);
	if (!documents_init(&fx.cfg)) {
		fprintf(stderr, "fixture: no seal key in %s\n",
		    fx.cfg.doc_key_dir);
		return -1;
	}
	if (factorkey_load(fx.cfg.doc_key_dir) != DM_OK) {
		fprintf(stderr, "fixture: no second-factor key in %s\n",
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

int
fixture_teardown(void **state)
{
	char sql[160];

	(void)state;
	db_set_worker(NULL);
	db_close(fx.db);
	db_close(admin_db);
	admin_db = NULL;
	if (scratch[0] != '\0') {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS `%s`",
		    scratch);
		admin_stmt(scratch, sql);
	}
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
	return id;
}

static void vsql(char *out, size_t outsz, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void
vsql(char *out, size_t outsz, const char *fmt, va_list ap)
{
	int n = vsnprintf(out, outsz, fmt, ap);

	assert_true(n > 0 && (size_t)n < outsz);
}

/* One statement of the test's, formatted, on db; fails the test if it
 * fails. */
static void exec_on(struct db *db, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
static void
exec_on(struct db *db, const char *fmt, va_list ap)
{
	char sql[2048], err[512];

	vsql(sql, sizeof(sql), fmt, ap);
	if (db_script_stmt(db, sql, err, sizeof(err)) != DM_OK)
		fail_msg("%s: %s", sql, err);
}

void
fixture_exec(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	exec_on(fx.db, fmt, ap);
	va_end(ap);
}

struct db *
fixture_admin_db(void)
{
	if (admin_db == NULL && db_open(&fx.cfg, 1, &admin_db) != DM_OK)
		fail_msg("cannot open the admin connection to %s",
		    fx.cfg.db_name);
	return admin_db;
}

void
fixture_admin_exec(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	exec_on(fixture_admin_db(), fmt, ap);
	va_end(ap);
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

int
fixture_text(char *out, size_t outsz, const char *fmt, ...)
{
	char sql[2048];
	va_list ap;
	dm_status st;

	va_start(ap, fmt);
	vsql(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	st = db_query_text(fx.db, sql, NULL, 0, out, outsz);
	if (st != DM_OK && st != DM_ENOTFOUND)
		fail_msg("failed (%d): %s", (int)st, sql);
	return st == DM_OK;
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
