/*
 * test_migrate.c - the migrations runner: file discovery and order, SQL
 * splitting, and against the stack's real MariaDB: apply, re-run as a
 * no-op, refuse an edited applied migration, report a failing statement.
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

#include "config.h"
#include "db.h"
#include "migrate.h"

struct collected {
	char	stmts[16][256];
	int	lines[16];
	int	n;
};

static int
collect(void *arg, const char *stmt, int line)
{
	struct collected *c = arg;

	if (c->n == 16)
		return -1;
	snprintf(c->stmts[c->n], sizeof(c->stmts[0]), "%s", stmt);
	c->lines[c->n++] = line;
	return 0;
}

static void
test_split(void **state)
{
	struct collected c;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(migrate_split(
	    "-- header; with a semicolon\n"
	    "CREATE TABLE a (x INT);\n"
	    "\n"
	    "INSERT INTO a VALUES ('it''s; fine', \"q;\", `b;`); # tail;\n"
	    "/* block; comment */ UPDATE a SET x = 1;\n"
	    "   ;  ;\n"
	    "SELECT 'no terminator'\n"
	    "-- trailing comment only\n", collect, &c), 4);
	assert_string_equal(c.stmts[0], "-- header; with a semicolon\n"
	    "CREATE TABLE a (x INT)");
	assert_string_equal(c.stmts[1], "INSERT INTO a VALUES ('it''s; fine',"
	    " \"q;\", `b;`)");
	assert_int_equal(c.lines[1], 4);
	assert_string_equal(c.stmts[2], "# tail;\n/* block; comment */ "
	    "UPDATE a SET x = 1");
	assert_string_equal(c.stmts[3], "SELECT 'no terminator'\n"
	    "-- trailing comment only");

	memset(&c, 0, sizeof(c));
	assert_int_equal(migrate_split("SELECT 'a\\';b';", collect, &c), 1);
	assert_string_equal(c.stmts[0], "SELECT 'a\\';b'");
	memset(&c, 0, sizeof(c));
	assert_int_equal(migrate_split("-- only\n/* comments */\n", collect,
	    &c), 0);
}

static char dir[] = "/tmp/dimos-mig-XXXXXX";

static void
put(const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
drop(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

static void
test_scan(void **state)
{
	struct migration_set set = { NULL, 0 };
	char err[512];

	(void)state;
	put("002_second.sql", "SELECT 2;");
	put("001_first.sql", "SELECT 1;");
	put("README", "not a migration");
	assert_int_equal(migrate_scan(dir, "x", &set, err, sizeof(err)),
	    DM_OK);
	assert_int_equal(set.n, 2);
	assert_int_equal(set.v[0].version, 1);
	assert_string_equal(set.v[1].name, "002_second.sql");
	assert_int_equal(strlen(set.v[0].checksum), 64);
	migrate_set_free(&set);

	put("002_again.sql", "SELECT 3;");
	assert_int_equal(migrate_scan(dir, "x", &set, err, sizeof(err)),
	    DM_EINPUT);
	assert_non_null(strstr(err, "have the same number"));
	migrate_set_free(&set);
	drop("002_again.sql");

	put("7_bad.sql", "SELECT 3;");
	assert_int_equal(migrate_scan(dir, "x", &set, err, sizeof(err)),
	    DM_EINPUT);
	assert_non_null(strstr(err, "7_bad.sql: migration files are named "
	    "NNN_name.sql"));
	migrate_set_free(&set);
	drop("7_bad.sql");

	/* A plugin without a schema folder simply has no migrations. */
	assert_int_equal(migrate_scan("/nonexistent/schema", "x", &set, err,
	    sizeof(err)), DM_OK);
	assert_int_equal(set.n, 0);
	drop("001_first.sql");
	drop("002_second.sql");
	drop("README");
}

/* Runs the migrations of dir as component; output goes to a buffer. */
static dm_status
run(struct db *db, const char *component, enum migrate_mode mode,
    char *outbuf, size_t outsz, char *err, size_t errsz)
{
	struct migration_set set = { NULL, 0 };
	FILE *fp = fmemopen(outbuf, outsz, "w");
	dm_status st;

	assert_int_equal(migrate_scan(dir, component, &set, err, errsz),
	    DM_OK);
	st = migrate_run(db, &set, mode, fp, err, errsz);
	fclose(fp);
	migrate_set_free(&set);
	return st;
}

static void
test_against_mariadb(void **state)
{
	struct config cfg;
	struct db *db;
	char err[1024], out[4096], component[64], sql[512];
	long long n;
	const char *conf = getenv("DIMOS_CONFIG");

	(void)state;
	assert_non_null(conf);
	assert_int_equal(config_load(conf, &cfg, err, sizeof(err)), DM_OK);
	assert_int_equal(db_open(&cfg, 1, &db), DM_OK);
	snprintf(component, sizeof(component), "unit_%d", (int)getpid());

	snprintf(sql, sizeof(sql), "CREATE TABLE IF NOT EXISTS %s_t (id INT "
	    "PRIMARY KEY, name VARCHAR(50)) ENGINE=InnoDB;", component);
	put("001_table.sql", sql);
	snprintf(sql, sizeof(sql), "INSERT INTO %s_t VALUES (1, 'Δήμος');\n"
	    "INSERT INTO %s_t VALUES (2, 'Βισαλτία');", component, component);
	put("002_rows.sql", sql);

	assert_int_equal(run(db, component, MIGRATE_STATUS, out, sizeof(out),
	    err, sizeof(err)), DM_OK);
	assert_non_null(strstr(out, "pending  "));

	assert_int_equal(run(db, component, MIGRATE_APPLY, out, sizeof(out),
	    err, sizeof(err)), DM_OK);
	assert_non_null(strstr(out, "/001_table.sql"));
	assert_non_null(strstr(out, "/002_rows.sql"));
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s_t", component);
	assert_int_equal(db_query_int(db, sql, NULL, 0, &n), DM_OK);
	assert_int_equal(n, 2);

	/* Again: nothing happens (the INSERTs would fail if re-run). */
	assert_int_equal(run(db, component, MIGRATE_APPLY, out, sizeof(out),
	    err, sizeof(err)), DM_OK);
	assert_non_null(strstr(out, "nothing to apply"));

	/* An applied migration that was edited is refused. */
	snprintf(sql, sizeof(sql), "INSERT INTO %s_t VALUES (1, 'Δήμος');\n"
	    "INSERT INTO %s_t VALUES (3, 'edited');", component, component);
	put("002_rows.sql", sql);
	assert_int_equal(run(db, component, MIGRATE_APPLY, out, sizeof(out),
	    err, sizeof(err)), DM_ECONFLICT);
	assert_non_null(strstr(err, "002_rows.sql was edited after it was "
	    "applied"));
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s_t", component);
	assert_int_equal(db_query_int(db, sql, NULL, 0, &n), DM_OK);
	assert_int_equal(n, 2);

	/* A failing statement names its file and line; nothing recorded. */
	snprintf(sql, sizeof(sql), "INSERT INTO %s_t VALUES (1, 'Δήμος');\n"
	    "INSERT INTO %s_t VALUES (2, 'Βισαλτία');", component, component);
	put("002_rows.sql", sql);
	put("003_broken.sql", "SELECT 1;\n\nTHIS IS NOT SQL;\n");
	assert_int_equal(run(db, component, MIGRATE_APPLY, out, sizeof(out),
	    err, sizeof(err)), DM_EINTERNAL);
	assert_non_null(strstr(err, "003_broken.sql:3: 1064"));
	{
		struct dm_value p = DM_VTEXT(component);

		assert_int_equal(db_query_int(db, "SELECT COUNT(*) FROM "
		    "schema_migrations WHERE component = ?", &p, 1, &n),
		    DM_OK);
		assert_int_equal(n, 2);
		assert_int_equal(db_exec(db, "DELETE FROM schema_migrations "
		    "WHERE component = ?", &p, 1, NULL, NULL), DM_OK);
	}
	snprintf(sql, sizeof(sql), "DROP TABLE %s_t", component);
	assert_int_equal(db_script_stmt(db, sql, err, sizeof(err)), DM_OK);
	drop("001_table.sql");
	drop("002_rows.sql");
	drop("003_broken.sql");
	db_close(db);
	config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_against_mariadb),
	};
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(dir);
	return rc;
}
