/*
 * test_db.c - the database layer against the stack's real MariaDB: typed
 * values both ways, long values, conflicts, nested queries, transactions,
 * a real deadlock retried, and reconnecting after the connection is killed.
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

#include "config.h"
#include "db.h"
#include "req.h"

static struct config cfg;
static struct db *db, *admin, *peer;
static char table[64];

static void exec_sql(struct db *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
exec_sql(struct db *d, const char *fmt, ...)
{
	char sql[1024], err[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	if (db_script_stmt(d, sql, err, sizeof(err)) != DM_OK)
		fail_msg("%s: %s", sql, err);
}

static int
setup(void **state)
{
	char err[1024];

	(void)state;
	if (config_load(getenv("DIMOS_CONFIG"), &cfg, err, sizeof(err)))
		return -1;
	/* peer: the server's account may end its own other connections. */
	if (db_open(&cfg, 0, &db) != DM_OK || db_open(&cfg, 1, &admin) ||
	    db_open(&cfg, 0, &peer))
		return -1;
	snprintf(table, sizeof(table), "unit_db_%d", (int)getpid());
	exec_sql(admin, "CREATE TABLE %s (id BIGINT UNSIGNED NOT NULL "
	    "AUTO_INCREMENT PRIMARY KEY, n INT NULL, big BIGINT UNSIGNED NULL,"
	    " d DOUBLE NULL, s VARCHAR(100) NULL, t MEDIUMTEXT NULL, "
	    "b MEDIUMBLOB NULL, at DATETIME NULL, UNIQUE KEY (s)) "
	    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4", table);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	exec_sql(admin, "DROP TABLE IF EXISTS %s", table);
	db_close(db);
	db_close(admin);
	db_close(peer);
	config_free(&cfg);
	return 0;
}

struct row {
	struct dm_value	v[8];
	char		text[16384];
	char		blob[64];
	size_t		nrows;
};

static dm_status
grab(void *arg, const struct dm_value *c, size_t n)
{
	struct row *r = arg;

	assert_int_equal(n, 8);
	memcpy(r->v, c, sizeof(r->v));
	if (c[5].type == DM_V_TEXT) {
		assert_true(c[5].len < sizeof(r->text));
		memcpy(r->text, c[5].s, c[5].len + 1);
	}
	if (c[6].type == DM_V_BLOB)
		memcpy(r->blob, c[6].s, c[6].len);
	r->nrows++;
	return DM_OK;
}

static void
test_types(void **state)
{
	char sql[512], longtext[12000];
	static const char blob[] = { 'a', '\0', 'b', '\xff', '\0' };
	struct dm_value p[7];
	uint64_t affected = 0, id = 0;
	struct row r;

	(void)state;
	memset(longtext, 0, sizeof(longtext));
	for (size_t i = 0; i + 2 < sizeof(longtext) - 1; i += 2)
		memcpy(longtext + i, "ς", 2);	/* 2 bytes each */
	p[0] = DM_VINT(-42);
	p[1] = DM_VINT((long long)9000000000000000000LL);
	p[2] = (struct dm_value){ .type = DM_V_DOUBLE, .d = 2.5 };
	p[3] = DM_VTEXT("Βισαλτία");
	p[4] = DM_VTEXT(longtext);
	p[5] = DM_VBLOB(blob, sizeof(blob));
	p[6] = DM_VTEXT("2026-11-28 10:00:00");
	snprintf(sql, sizeof(sql), "INSERT INTO %s (n, big, d, s, t, b, at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", table);
	assert_int_equal(db_exec(db, sql, p, 7, &affected, &id), DM_OK);
	assert_int_equal(affected, 1);
	assert_true(id > 0);

	memset(&r, 0, sizeof(r));
	snprintf(sql, sizeof(sql), "SELECT id, n, big, d, s, t, b, at FROM %s "
	    "WHERE id = ?", table);
	p[0] = DM_VINT((long long)id);
	assert_int_equal(db_query(db, sql, p, 1, grab, &r), DM_OK);
	assert_int_equal(r.nrows, 1);
	assert_int_equal(r.v[1].type, DM_V_INT);
	assert_int_equal(r.v[1].i, -42);
	assert_int_equal(r.v[2].i, 9000000000000000000LL);
	assert_int_equal(r.v[3].type, DM_V_DOUBLE);
	assert_true(r.v[3].d == 2.5);
	assert_int_equal(r.v[4].type, DM_V_TEXT);
	assert_int_equal(r.v[5].len, strlen(longtext));
	assert_string_equal(r.text, longtext);
	assert_int_equal(r.v[6].type, DM_V_BLOB);
	assert_int_equal(r.v[6].len, sizeof(blob));
	assert_memory_equal(r.blob, blob, sizeof(blob));
	assert_int_equal(r.v[7].type, DM_V_TEXT);	/* DATETIME as text */

	/* NULLs both ways; NULL text becomes SQL NULL. */
	p[0] = DM_VNULL;
	p[1] = DM_VTEXT(NULL);
	snprintf(sql, sizeof(sql), "INSERT INTO %s (n, s) VALUES (?, ?)",
	    table);
	assert_int_equal(db_exec(db, sql, p, 2, NULL, &id), DM_OK);
	memset(&r, 0, sizeof(r));
	p[0] = DM_VINT((long long)id);
	snprintf(sql, sizeof(sql), "SELECT id, n, big, d, s, t, b, at FROM %s "
	    "WHERE id = ?", table);
	assert_int_equal(db_query(db, sql, p, 1, grab, &r), DM_OK);
	assert_int_equal(r.v[1].type, DM_V_NULL);
	assert_int_equal(r.v[4].type, DM_V_NULL);

	/* Duplicate key: a conflict, not an internal error. */
	p[0] = DM_VINT(1);
	p[1] = DM_VTEXT("Βισαλτία");
	snprintf(sql, sizeof(sql), "INSERT INTO %s (n, s) VALUES (?, ?)",
	    table);
	assert_int_equal(db_exec(db, sql, p, 2, NULL, NULL), DM_ECONFLICT);
	/* A wrong parameter count is caught before the server sees it. */
	assert_int_equal(db_exec(db, sql, p, 1, NULL, NULL), DM_EINTERNAL);
	/* An SQL injection attempt is just a value. */
	p[0] = DM_VTEXT("x'); DROP TABLE x; --");
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE s = ?",
	    table);
	{
		long long n = -1;

		assert_int_equal(db_query_int(db, sql, p, 1, &n), DM_OK);
		assert_int_equal(n, 0);
	}
}

struct nest {
	int	outer;
	int	inner;
};

static dm_status
inner_row(void *arg, const struct dm_value *c, size_t n)
{
	struct nest *x = arg;

	(void)c;
	(void)n;
	x->inner++;
	return DM_OK;
}

static dm_status
outer_row(void *arg, const struct dm_value *c, size_t n)
{
	struct nest *x = arg;
	struct dm_value p = DM_VINT(c[0].i);

	(void)n;
	x->outer++;
	return db_query(db, "SELECT ? + 1", &p, 1, inner_row, x);
}

static void
test_nested(void **state)
{
	struct nest x = { 0, 0 };

	(void)state;
	assert_int_equal(db_query(db, "SELECT seq FROM seq_1_to_5", NULL, 0,
	    outer_row, &x), DM_OK);
	assert_int_equal(x.outer, 5);
	assert_int_equal(x.inner, 5);
}

struct txarg {
	int		 attempts;
	int		 fail;
	const char	*name;
};

static dm_status
tx_insert(void *arg)
{
	struct txarg *t = arg;
	char sql[256];
	struct dm_value p = DM_VTEXT(t->name);

	t->attempts++;
	snprintf(sql, sizeof(sql), "INSERT INTO %s (s) VALUES (?)", table);
	if (db_exec(db, sql, &p, 1, NULL, NULL) != DM_OK)
		return DM_EINTERNAL;
	return t->fail ? DM_EINPUT : DM_OK;
}

static long long
count_name(const char *name)
{
	char sql[256];
	struct dm_value p = DM_VTEXT(name);
	long long n = -1;

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE s = ?",
	    table);
	assert_int_equal(db_query_int(admin, sql, &p, 1, &n), DM_OK);
	return n;
}

static void
test_tx(void **state)
{
	struct txarg ok = { 0, 0, "committed" }, bad = { 0, 1, "rolled" };

	(void)state;
	assert_int_equal(db_tx(db, tx_insert, &ok), DM_OK);
	assert_int_equal(ok.attempts, 1);
	assert_int_equal(count_name("committed"), 1);
	assert_int_equal(db_tx(db, tx_insert, &bad), DM_EINPUT);
	assert_int_equal(bad.attempts, 1);
	assert_int_equal(count_name("rolled"), 0);
}

/* The other side of the deadlock, in a child with its own connection. */
static void
deadlock_child(int go, int done)
{
	static const char *const rows[] = { "dl-b", "dl-c", "dl-d", "dl-e",
	    "dl-z" };
	struct db *c;
	char sql[256], err[256], b;

	if (db_open(&cfg, 0, &c) != DM_OK)
		_exit(1);
	if (read(go, &b, 1) != 1)
		_exit(1);
	if (db_script_stmt(c, "START TRANSACTION", err, sizeof(err)))
		_exit(2);
	/*
	 * Many rows changed: InnoDB picks the parent, which changed one, as
	 * the victim. One row per statement: a unique-key equality locks
	 * just that row, where an IN list may scan (and lock) the table.
	 */
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(sql, sizeof(sql), "UPDATE %s SET n = 7 WHERE s = "
		    "'%s'", table, rows[i]);
		if (db_script_stmt(c, sql, err, sizeof(err)))
			_exit(3);
	}
	if (write(done, "x", 1) != 1)
		_exit(4);
	snprintf(sql, sizeof(sql), "UPDATE %s SET n = 8 WHERE s = 'dl-a'",
	    table);
	if (db_script_stmt(c, sql, err, sizeof(err)) ||
	    db_script_stmt(c, "COMMIT", err, sizeof(err)))
		_exit(5);
	db_close(c);
	_exit(0);
}

struct dlarg {
	int	attempts;
	int	go;
	int	done;
};

static dm_status
tx_deadlock(void *arg)
{
	struct dlarg *d = arg;
	char sql[256], b;

	d->attempts++;
	snprintf(sql, sizeof(sql), "UPDATE %s SET n = 1 WHERE s = 'dl-a'",
	    table);
	if (db_exec(db, sql, NULL, 0, NULL, NULL) != DM_OK)
		return DM_EINTERNAL;
	if (d->attempts == 1) {
		/* Let the child lock the rest, then reach for its rows. */
		if (write(d->go, "x", 1) != 1 || read(d->done, &b, 1) != 1)
			return DM_EINTERNAL;
		usleep(200000);
	}
	snprintf(sql, sizeof(sql), "UPDATE %s SET n = 2 WHERE s = 'dl-z'",
	    table);
	return db_exec(db, sql, NULL, 0, NULL, NULL);
}

static void
test_deadlock_retry(void **state)
{
	int go[2], done[2], status;
	struct dlarg d = { 0, 0, 0 };
	pid_t pid;

	(void)state;
	exec_sql(admin, "INSERT INTO %s (s) VALUES ('dl-a'), ('dl-b'), "
	    "('dl-c'), ('dl-d'), ('dl-e'), ('dl-z')", table);
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(done), 0);
	pid = fork();
	if (pid == 0)
		deadlock_child(go[0], done[1]);
	d.go = go[1];
	d.done = done[0];
	req_outage_set(0);
	assert_int_equal(db_tx(db, tx_deadlock, &d), DM_OK);
	assert_int_equal(d.attempts, 2);
	/* Run again and committed: nothing failed for the request. */
	assert_int_equal(req_outage(), 0);
	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static dm_status
tx_killed(void *arg)
{
	struct txarg *t = arg;
	long long me;
	char sql[256];
	struct dm_value p = DM_VTEXT(t->name);

	t->attempts++;
	snprintf(sql, sizeof(sql), "INSERT INTO %s (s) VALUES (?)", table);
	if (db_exec(db, sql, &p, 1, NULL, NULL) != DM_OK)
		return DM_EINTERNAL;
	if (t->attempts == 1) {
		assert_int_equal(db_query_int(db, "SELECT CONNECTION_ID()",
		    NULL, 0, &me), DM_OK);
		exec_sql(peer, "KILL %lld", me);
	}
	return db_query_int(db, "SELECT 1", NULL, 0, &me);
}

static void
test_reconnect(void **state)
{
	long long me, again;
	struct txarg t = { 0, 0, "after-kill" };

	(void)state;
	/* Outside a transaction the statement is simply run again. */
	assert_int_equal(db_query_int(db, "SELECT CONNECTION_ID()", NULL, 0,
	    &me), DM_OK);
	exec_sql(peer, "KILL %lld", me);
	req_outage_set(0);
	assert_int_equal(db_query_int(db, "SELECT CONNECTION_ID()", NULL, 0,
	    &again), DM_OK);
	assert_int_not_equal(me, again);
	assert_int_equal(req_outage(), 0);
	/* Inside one, the whole transaction runs again; the half-done
	 * first attempt leaves nothing behind. */
	assert_int_equal(db_tx(db, tx_killed, &t), DM_OK);
	assert_int_equal(t.attempts, 2);
	assert_int_equal(count_name("after-kill"), 1);
}

/*
 * The server rolls the transaction back without telling the statement
 * that follows (Galera's brute-force abort swallowed by INSERT IGNORE;
 * here a ROLLBACK behind db_tx's back): what the attempt does afterwards
 * must not commit on its own, and the whole transaction runs again.
 */
static dm_status
tx_rolled_behind(void *arg)
{
	struct txarg *t = arg;
	char sql[256], err[256], h[64], tl[64];
	struct dm_value head, tail;
	dm_status st;

	snprintf(h, sizeof(h), "%s-head", t->name);
	snprintf(tl, sizeof(tl), "%s-tail", t->name);
	head = DM_VTEXT(h);
	tail = DM_VTEXT(tl);

	t->attempts++;
	snprintf(sql, sizeof(sql), "INSERT INTO %s (s) VALUES (?)", table);
	if (db_exec(db, sql, &head, 1, NULL, NULL) != DM_OK)
		return DM_EINTERNAL;
	if (t->attempts == 1 && db_script_stmt(db, "ROLLBACK", err,
	    sizeof(err)) != DM_OK)
		return DM_EINTERNAL;
	st = db_exec(db, sql, &tail, 1, NULL, NULL);
	/* A function that ignores the failure of its last statement is
	 * caught at COMMIT just the same. */
	if (t->fail)
		return DM_OK;
	return st;
}

static void
test_rolled_behind(void **state)
{
	struct txarg t = { 0, 0, "behind" }, ignoring = { 0, 1, "ignoring" };

	(void)state;
	/* Without the check, the first attempt's tail would have committed
	 * on its own and the second attempt's tail hit the unique key. */
	assert_int_equal(db_tx(db, tx_rolled_behind, &t), DM_OK);
	assert_int_equal(t.attempts, 2);
	assert_int_equal(count_name("behind-head"), 1);
	assert_int_equal(count_name("behind-tail"), 1);
	assert_int_equal(db_tx(db, tx_rolled_behind, &ignoring), DM_OK);
	assert_int_equal(ignoring.attempts, 2);
	assert_int_equal(count_name("ignoring-head"), 1);
	assert_int_equal(count_name("ignoring-tail"), 1);
}

/*
 * A lock held elsewhere past the lock wait ([database] lock_wait_timeout,
 * 1 s here): outside a transaction the statement fails as the server's
 * failure, never DM_ECONFLICT (read as "someone else did it"), and it is
 * noted (req_outage) for the worker to answer 503; a transaction that
 * waits on every attempt fails the same way. A table's lock (a
 * migration's ALTER, LOCK TABLES) is waited for no longer than a row's.
 */
static dm_status
tx_update_z(void *arg)
{
	char sql[256];

	(void)arg;
	snprintf(sql, sizeof(sql), "UPDATE %s SET n = 7 WHERE s = 'lw-z'",
	    table);
	return db_exec(db, sql, NULL, 0, NULL, NULL);
}

static void
test_lock_wait(void **state)
{
	struct config c1 = cfg;
	struct db *quick;
	char sql[256], err[256];
	long long n;

	(void)state;
	c1.db_lock_wait = 1;
	assert_int_equal(db_open(&c1, 0, &quick), DM_OK);
	exec_sql(admin, "INSERT INTO %s (s) VALUES ('lw-z')", table);
	assert_int_equal(db_script_stmt(peer, "START TRANSACTION", err,
	    sizeof(err)), DM_OK);
	snprintf(sql, sizeof(sql), "SELECT id FROM %s WHERE s = 'lw-z' FOR "
	    "UPDATE", table);
	assert_int_equal(db_query_int(peer, sql, NULL, 0, &n), DM_OK);
	snprintf(sql, sizeof(sql), "UPDATE %s SET n = 5 WHERE s = 'lw-z'",
	    table);
	req_outage_set(0);
	assert_int_equal(db_exec(quick, sql, NULL, 0, NULL, NULL),
	    DM_EINTERNAL);
	assert_int_equal(req_outage(), REQ_OUTAGE_WRITE);
	/* What a caller reads meanwhile is no outage. */
	req_outage_set(0);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE s = "
	    "'lw-z'", table);
	assert_int_equal(db_query_int(quick, sql, NULL, 0, &n), DM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(req_outage(), 0);
	assert_int_equal(db_script_stmt(peer, "ROLLBACK", err, sizeof(err)),
	    DM_OK);
	/* A table locked for writing: even a read waits, then fails. */
	exec_sql(admin, "LOCK TABLES %s WRITE", table);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	assert_int_equal(db_query_int(quick, sql, NULL, 0, &n),
	    DM_EINTERNAL);
	assert_int_equal(req_outage(), REQ_OUTAGE_READ);
	assert_int_equal(db_tx(quick, tx_update_z, NULL), DM_EINTERNAL);
	assert_int_equal(req_outage(), REQ_OUTAGE_READ | REQ_OUTAGE_WRITE);
	exec_sql(admin, "UNLOCK TABLES");
	req_outage_set(0);
	assert_int_equal(db_tx(quick, tx_update_z, NULL), DM_OK);
	assert_int_equal(req_outage(), 0);
	db_close(quick);
}

struct times {
	char	text[8][40];
	int	type[8];
};

static dm_status
grab_times(void *arg, const struct dm_value *c, size_t n)
{
	struct times *t = arg;

	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++) {
		t->type[i] = c[i].type;
		if (c[i].type == DM_V_TEXT) {
			assert_true(c[i].len < sizeof(t->text[i]));
			assert_int_equal(strlen(c[i].s), c[i].len);
			memcpy(t->text[i], c[i].s, c[i].len + 1);
		}
	}
	return DM_OK;
}

/* Dates and times come as the server writes them, whatever their
 * precision (db.c formats them itself). */
static void
test_times(void **state)
{
	struct times t;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_int_equal(db_query(db, "SELECT CAST('2026-11-28 10:05:09' AS "
	    "DATETIME), CAST('2026-01-02 03:04:05.5' AS DATETIME(6)), "
	    "CAST('2026-11-28 10:00:00' AS DATETIME(6)), "
	    "CAST('0999-12-31 23:59:59.123' AS DATETIME(3)), "
	    "CAST('2026-02-28' AS DATE), CAST(NULL AS DATETIME), "
	    "CAST('10:11:12' AS TIME), TIMESTAMP('2026-07-15 10:30:00')", NULL,
	    0, grab_times, &t), DM_OK);
	assert_string_equal(t.text[0], "2026-11-28 10:05:09");
	assert_string_equal(t.text[1], "2026-01-02 03:04:05.500000");
	assert_string_equal(t.text[2], "2026-11-28 10:00:00.000000");
	assert_string_equal(t.text[3], "0999-12-31 23:59:59.123");
	assert_string_equal(t.text[4], "2026-02-28");
	assert_int_equal(t.type[5], DM_V_NULL);
	assert_string_equal(t.text[6], "10:11:12");
	assert_string_equal(t.text[7], "2026-07-15 10:30:00");
	for (int i = 0; i < 8; i++)
		if (i != 5)
			assert_int_equal(t.type[i], DM_V_TEXT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_times),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_tx),
		cmocka_unit_test(test_deadlock_retry),
		cmocka_unit_test(test_reconnect),
		cmocka_unit_test(test_rolled_behind),
		cmocka_unit_test(test_lock_wait),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
