/*
 * router.h - the route table: core pages and plugin routes.
 * Owns: pattern compilation ("/services/:code/new"), matching with
 * captures (the most specific route wins: a literal beats a capture,
 * segment by segment), refusing routes that would hide another owner's,
 * and the 404 / 405 decision.
 */
#ifndef DIMOS_ROUTER_H
#define DIMOS_ROUTER_H

#include "dimos/plugin.h"
#include "http.h"

struct plugin;

struct route {
	unsigned		 methods;	/* DM_METHOD_* */
	char			*pattern;
	unsigned		 access;	/* DM_ROUTE_* */
	dm_handler_fn		 handler;
	const struct plugin	*plugin;	/* NULL: core */
	char			**segs;
	size_t			 nsegs;
};

/*
 * Adds a route of plugin (NULL: the core). DM_ECONFLICT, with both routes
 * and their owners named in err, if the same shape already serves one of
 * the methods, or if some request would match both this route and one of
 * another owner (either would hide the other); DM_EINPUT for a malformed
 * pattern.
 */
dm_status		 router_add(unsigned methods, const char *pattern,
			    unsigned access, dm_handler_fn handler,
			    const struct plugin *plugin, char *err,
			    size_t errsz);
/*
 * Once every route is in: does each core route with a ":dept" capture
 * still reach department dept's own page, or would another route take its
 * paths (a plugin named "reports" and /staff/reports)? DM_ECONFLICT with
 * both named in err.
 */
dm_status		 router_check_department(const char *dept, char *err,
			    size_t errsz);
/*
 * Finds the route for req->path and req->method, filling req->args.
 * Returns 0, 404, or 405 (then *allow holds the allowed methods).
 */
int			 router_match(struct dm_req *req,
			    const struct route **out, unsigned *allow);
void			 router_clear(void);

/* Adds a table of the core's own routes (no plugin owns them). */
dm_status	router_add_all(const struct dm_route *table, size_t n);

#endif
