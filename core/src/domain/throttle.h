/*
 * throttle.h - counting attempts per subject, locking after too many.
 * Owns: the login_throttle table's rules (a window of time, a maximum, a
 * lockout), used for logins and for public lookups such as /verify.
 */
#ifndef DIMOS_THROTTLE_H
#define DIMOS_THROTTLE_H

struct db;
struct dm_req;

/* Seconds until subject may try again (0: it may now). */
long long	throttle_locked(struct db *db, const char *subject);
/* Counts one attempt; after max in window seconds, locks for lockout. */
void		throttle_count(struct db *db, const char *subject,
		    long long max, long long window, long long lockout);
void		throttle_clear(struct db *db, const char *subject);
/* A public lookup by subject: 0 when it may go on (the attempt is
 * counted), else the seconds until it may. */
long long	throttle_try(struct dm_req *req, const char *subject,
		    long long max, long long window, long long lockout);

#endif
