/*
 * router.h - the route table: core pages and plugin routes.
 * Owns: pattern compilation ("/services/:code/new"), matching with
 * captures, and the 404 / 405 decision.
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

/* DM_ECONFLICT if the same pattern already serves one of the methods. */
dm_status		 router_add(unsigned methods, const char *pattern,
			    unsigned access, dm_handler_fn handler,
			    const struct plugin *plugin);
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
