/*
 * audit.c - writing security events.
 * Inside a transaction the row commits or rolls back with the change it
 * records; outside one it stands alone.
 */
#include <string.h>

#include "audit.h"
#include "db.h"
#include "log.h"
#include "req.h"
#include "session.h"

void
audit_db(struct db *db, const char *event, long long account_id,
    long long actor_id, const char *detail)
{
	struct dm_value p[4];

	p[0] = DM_VTEXT(event);
	p[1] = account_id > 0 ? DM_VINT(account_id) : DM_VNULL;
	p[2] = actor_id > 0 ? DM_VINT(actor_id) : DM_VNULL;
	p[3] = DM_VTEXT(detail);
	if (p[3].len > 1000)
		p[3].len = 1000;
	if (db == NULL || db_exec(db, "INSERT INTO audit_log (event, "
	    "account_id, actor_id, detail) VALUES (?, ?, ?, ?)", p, 4, NULL,
	    NULL) != DM_OK)
		log_error("audit: cannot record %s for account %lld", event,
		    account_id);
}

void
audit(struct dm_req *req, const char *event, long long account_id,
    const char *detail)
{
	struct dm_value p[5];

	p[0] = DM_VTEXT(event);
	p[1] = account_id > 0 ? DM_VINT(account_id) : DM_VNULL;
	p[2] = req->session ? DM_VINT(req->session->account_id) : DM_VNULL;
	p[3] = DM_VTEXT(req->env.remote_addr);
	p[4] = DM_VTEXT(detail);
	if (p[3].len > 45)
		p[3] = DM_VNULL;
	if (p[4].len > 1000)
		p[4].len = 1000;
	if (db_worker() == NULL || db_exec(db_worker(), "INSERT INTO "
	    "audit_log (event, account_id, actor_id, ip, detail) VALUES "
	    "(?, ?, ?, ?, ?)", p, 5, NULL, NULL) != DM_OK)
		log_error("audit: cannot record %s for account %lld", event,
		    account_id);
}

dm_status
audit_export(struct db *db, long long account_id, struct json_object *root)
{
	static const char *const keys[] = { "at", "event", "ip", "detail",
	    NULL };
	struct dm_value p = DM_VINT(account_id);

	return db_query_json(db, "SELECT at, event, ip, detail FROM audit_log "
	    "WHERE account_id = ? ORDER BY id", &p, 1, keys, root,
	    "security_events");
}
