/*
 * pagecache.h - pages that are the same for every visitor until the next
 * reload (the catalogue, a service's page), kept rendered per language.
 * Owns: the worker's cache of such pages. A reload replaces the workers,
 * and with them the cache, so nothing here is ever stale.
 */
#ifndef DIMOS_PAGECACHE_H
#define DIMOS_PAGECACHE_H

#include <stddef.h>

struct dm_req;

/*
 * For a handler of a page that depends on nothing but its path and the
 * language: answers from the cache (returns 1), or marks the page being
 * built for keeping (returns 0). Only anonymous GET/HEAD requests without
 * a query string qualify; for anything else it does nothing and returns 0.
 */
int	pagecache_answer(struct dm_req *req);
/* Called by render.c with the page it rendered for a marked request. */
void	pagecache_keep(struct dm_req *req, const char *body, size_t len);
/* Is the page being built to be kept? */
int	pagecache_marked(const struct dm_req *req);
void	pagecache_clear(void);

#endif
