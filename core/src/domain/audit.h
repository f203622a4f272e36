/*
 * audit.h - the append-only audit log of security events.
 * Owns: the event names and writing one row per event (who, about whom,
 * from where, a short detail). Rows are never updated or deleted.
 */
#ifndef DIMOS_AUDIT_H
#define DIMOS_AUDIT_H

#include "dimos/plugin.h"

struct dm_req;
struct db;

/* account_id: whom it concerns (0 = nobody known); the actor is the
 * request's session, if any. Failures are logged, never fatal. */
void	audit(struct dm_req *req, const char *event, long long account_id,
	    const char *detail);
/* For tools without a request (dimosctl): actor and ip given. */
void	audit_db(struct db *db, const char *event, long long account_id,
	    long long actor_id, const char *detail);

/* The account's security events for its data export
 * ("security_events" in root). */
struct json_object;
dm_status	audit_export(struct db *db, long long account_id,
		    struct json_object *root);

#endif
