/*
 * health.c - /healthz, for the local stack, load balancers and monitors:
 * "ok" when this worker serves; with ?db=1 also only when its database
 * connection answers (503 otherwise).
 */
#include <string.h>

#include "db.h"
#include "health.h"
#include "req.h"
#include "response.h"

static dm_status
page_health(struct dm_req *req)
{
	static const char ok[] = "ok\n";
	static const char nodb[] = "database unavailable\n";
	const char *q = kv_get(&req->query, "db");

	if (q != NULL && strcmp(q, "1") == 0 && db_ping(db_worker()) !=
	    DM_OK) {
		http_send(req, 503, "text/plain; charset=utf-8", nodb,
		    sizeof(nodb) - 1);
		return DM_OK;
	}
	http_send(req, 200, "text/plain; charset=utf-8", ok, sizeof(ok) - 1);
	return DM_OK;
}

const struct dm_route health_routes[] = {
	{ DM_METHOD_GET, "/healthz", DM_ROUTE_PUBLIC, page_health },
};
const size_t health_nroutes = sizeof(health_routes) /
    sizeof(health_routes[0]);
