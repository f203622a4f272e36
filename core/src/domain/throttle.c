/*
 * throttle.c - attempts counted in the database, so that every node of a
 * cluster sees the same counts; one row per subject, no locks held beyond
 * the statement.
 */
#include "db.h"
#include "req.h"
#include "throttle.h"

long long
throttle_locked(struct db *db, const char *subject)
{
	struct dm_value p = DM_VTEXT(subject);
	long long s = 0;

	if (db_query_int(db, "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), "
	    "locked_until) + 1 FROM login_throttle WHERE subject = ? AND "
	    "locked_until > UTC_TIMESTAMP(6)", &p, 1, &s) != DM_OK)
		return 0;
	return s;
}

void
throttle_count(struct db *db, const char *subject, long long max,
    long long window, long long lockout)
{
	struct dm_value p[5];

	p[0] = DM_VTEXT(subject);
	p[1] = DM_VINT(window);
	p[2] = DM_VINT(window);
	p[3] = DM_VINT(max);
	p[4] = DM_VINT(lockout);
	/* Assignments run left to right: locked_until sees the new count. */
	db_exec(db, "INSERT INTO login_throttle (subject, failures, "
	    "window_start) VALUES (?, 1, UTC_TIMESTAMP(6)) ON DUPLICATE KEY "
	    "UPDATE failures = IF(window_start < UTC_TIMESTAMP(6) - INTERVAL "
	    "? SECOND, 1, failures + 1), window_start = IF(window_start < "
	    "UTC_TIMESTAMP(6) - INTERVAL ? SECOND, UTC_TIMESTAMP(6), "
	    "window_start), locked_until = IF(failures >= ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, locked_until)", p, 5, NULL,
	    NULL);
}

void
throttle_clear(struct db *db, const char *subject)
{
	struct dm_value p = DM_VTEXT(subject);

	db_exec(db, "DELETE FROM login_throttle WHERE subject = ?", &p, 1,
	    NULL, NULL);
}

long long
throttle_try(struct dm_req *req, const char *subject, long long max,
    long long window, long long lockout)
{
	long long wait;

	(void)req;
	if ((wait = throttle_locked(db_worker(), subject)) > 0)
		return wait;
	throttle_count(db_worker(), subject, max, window, lockout);
	return 0;
}
