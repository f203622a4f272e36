/*
 * router.c - a flat table of routes matched segment by segment.
 * Few routes (tens), so a linear scan beats anything cleverer; literal
 * segments are compared before captures are taken.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "router.h"

#define MAX_ROUTES	512
#define MAX_SEGS	16

static struct route routes[MAX_ROUTES];
static size_t nroutes;

static size_t
split(const char *path, char **segs, size_t max, char *buf)
{
	size_t n = 0;
	char *p;

	strcpy(buf, path);
	p = buf;
	while (*p == '/')
		p++;
	while (*p != '\0') {
		if (n == max)
			return max + 1;
		segs[n++] = p;
		p = strchr(p, '/');
		if (p == NULL)
			break;
		*p++ = '\0';
		if (*p == '\0') {
			/* Trailing slash: a segment of its own ("") so that
			 * "/services/" does not match "/services". */
			if (n == max)
				return max + 1;
			segs[n++] = p;
			break;
		}
	}
	return n;
}

static int
same_pattern(const struct route *r, char **segs, size_t n)
{
	if (r->nsegs != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int ca = r->segs[i][0] == ':', cb = segs[i][0] == ':';

		if (ca != cb || (!ca && strcmp(r->segs[i], segs[i]) != 0))
			return 0;
	}
	return 1;
}

dm_status
router_add(unsigned methods, const char *pattern, unsigned access,
    dm_handler_fn handler, const struct plugin *plugin)
{
	struct route *r;
	char *segs[MAX_SEGS];
	char *buf;
	size_t n;

	if (nroutes == MAX_ROUTES || pattern[0] != '/' ||
	    strlen(pattern) > 256)
		return DM_EINPUT;
	buf = malloc(strlen(pattern) + 1);
	n = split(pattern, segs, MAX_SEGS, buf);
	if (n > MAX_SEGS) {
		free(buf);
		return DM_EINPUT;
	}
	for (size_t i = 0; i < nroutes; i++)
		if ((routes[i].methods & methods) &&
		    same_pattern(&routes[i], segs, n)) {
			log_error("route %s conflicts with %s", pattern,
			    routes[i].pattern);
			free(buf);
			return DM_ECONFLICT;
		}
	r = &routes[nroutes++];
	r->methods = methods;
	r->pattern = strdup(pattern);
	r->access = access;
	r->handler = handler;
	r->plugin = plugin;
	r->nsegs = n;
	r->segs = calloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		r->segs[i] = segs[i];
	r->segs[n] = buf;	/* owns the strings */
	return DM_OK;
}

void
router_clear(void)
{
	for (size_t i = 0; i < nroutes; i++) {
		free(routes[i].segs[routes[i].nsegs]);
		free(routes[i].segs);
		free(routes[i].pattern);
	}
	nroutes = 0;
}

int
router_match(struct dm_req *req, const struct route **out, unsigned *allow)
{
	char *segs[MAX_SEGS];
	char *buf;
	size_t n;
	unsigned want;

	*allow = 0;
	*out = NULL;
	if (strlen(req->path) > 2048)
		return 404;
	buf = arena_alloc(req->arena, strlen(req->path) + 1);
	n = split(req->path, segs, MAX_SEGS, buf);
	if (n > MAX_SEGS)
		return 404;
	want = req->method == HTTP_POST ? DM_METHOD_POST :
	    (req->method == HTTP_GET || req->method == HTTP_HEAD) ?
	    DM_METHOD_GET : 0;
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *r = &routes[i];
		size_t j;

		if (r->nsegs != n)
			continue;
		for (j = 0; j < n; j++) {
			if (r->segs[j][0] == ':') {
				if (segs[j][0] == '\0')
					break;
			} else if (strcmp(r->segs[j], segs[j]) != 0) {
				break;
			}
		}
		if (j < n)
			continue;
		if (!(r->methods & want)) {
			*allow |= r->methods;
			continue;
		}
		req->args.n = 0;
		for (j = 0; j < n; j++)
			if (r->segs[j][0] == ':')
				kv_add(req->arena, &req->args,
				    r->segs[j] + 1, segs[j], strlen(segs[j]));
		*out = r;
		return 0;
	}
	return *allow ? 405 : 404;
}

dm_status
router_add_all(const struct dm_route *table, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		dm_status st = router_add(table[i].methods, table[i].pattern,
		    table[i].access, table[i].handler, NULL);

		if (st != DM_OK)
			return st;
	}
	return DM_OK;
}
