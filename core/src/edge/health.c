/*
 * health.c - /healthz, for the local stack, load balancers and monitors:
 * "ok" when this worker serves; with ?db=1 also only when its database
 * connection answers (503 otherwise). /metrics: the counters for
 * operators in the Prometheus text format (base/metrics.h), only to a
 * client on this host (nginx allows it from 127.0.0.1 and ::1 only, too);
 * anyone else gets 404, as if there were none.
 */
#include <string.h>

#include "db.h"
#include "health.h"
#include "metrics.h"
#include "outbox.h"
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

static int
loopback(const char *ip)
{
	return ip != NULL && (strncmp(ip, "127.", 4) == 0 ||
	    strcmp(ip, "::1") == 0 || strncmp(ip, "::ffff:127.", 11) == 0);
}

static dm_status
page_metrics(struct dm_req *req)
{
	long long backlog = -1, age = -1;
	const char *text;

	if (!loopback(req->env.remote_addr))
		return DM_ENOTFOUND;
	/* The outbox is read when the database answers; the counters are
	 * there either way. */
	if (outbox_backlog(db_worker(), &backlog, &age) != DM_OK)
		backlog = age = -1;
	text = metrics_text(req->arena, backlog, age);
	http_header(req, "Cache-Control", "no-store");
	http_send(req, 200, "text/plain; version=0.0.4; charset=utf-8", text,
	    strlen(text));
	return DM_OK;
}

const struct dm_route health_routes[] = {
	{ DM_METHOD_GET, "/healthz", DM_ROUTE_PUBLIC, page_health },
	{ DM_METHOD_GET, "/metrics", DM_ROUTE_PUBLIC, page_metrics },
};
const size_t health_nroutes = sizeof(health_routes) /
    sizeof(health_routes[0]);
