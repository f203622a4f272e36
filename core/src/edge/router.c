/*
 * router.c - a flat table of routes matched segment by segment.
 * Few routes (tens), so a linear scan beats anything cleverer. The most
 * specific route wins: of the routes a path matches, the one whose first
 * differing segment is a literal where the others capture. The core's own
 * routes may overlap by design (/staff/reports beside /staff/:dept); a
 * plugin route may not overlap anyone else's, so that nothing a plugin
 * adds ever changes what the core or another plugin serves.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "pages.h"
#include "plugins.h"
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
is_capture(const char *seg)
{
	return seg[0] == ':';
}

/*
 * Can one path match both patterns? Same number of segments, and wherever
 * both have a literal, the same literal.
 */
static int
overlap(char *const *a, size_t na, char *const *b, size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++)
		if (!is_capture(a[i]) && !is_capture(b[i]) &&
		    strcmp(a[i], b[i]) != 0)
			return 0;
	return 1;
}

/*
 * Of two overlapping patterns, which one a path matching both goes to:
 * > 0 a, < 0 b, 0 the same shape (a conflict, never both in the table).
 */
static int
more_specific(char *const *a, char *const *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int ca = is_capture(a[i]), cb = is_capture(b[i]);

		if (ca != cb)
			return ca ? -1 : 1;
	}
	return 0;
}

static const char *
owner_of(const struct route *r)
{
	return r->plugin ? r->plugin->name : NULL;
}

static const char *
methods_name(unsigned m)
{
	return (m & DM_METHOD_GET) && (m & DM_METHOD_POST) ? "GET|POST" :
	    (m & DM_METHOD_POST) ? "POST" : "GET";
}

/* "the core's" or "plugin x's" route, for messages. */
static void
describe(char *out, size_t outsz, unsigned methods, const char *pattern,
    const char *owner)
{
	if (owner == NULL)
		snprintf(out, outsz, "the core's route %s %s",
		    methods_name(methods), pattern);
	else
		snprintf(out, outsz, "plugin %s's route %s %s", owner,
		    methods_name(methods), pattern);
}

/* A path both patterns match, for messages: literals where either has
 * one. */
static void
witness(char *out, size_t outsz, char *const *a, char *const *b, size_t n)
{
	size_t k = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && k < outsz; i++) {
		const char *s = !is_capture(a[i]) ? a[i] : b[i];
		int w = snprintf(out + k, outsz - k, "/%s", s);

		if (w < 0)
			break;
		k += (size_t)w;
	}
	if (n == 0)
		snprintf(out, outsz, "/");
}

dm_status
router_add(unsigned methods, const char *pattern, unsigned access,
    dm_handler_fn handler, const struct plugin *plugin, char *err,
    size_t errsz)
{
	const char *owner = plugin ? plugin->name : NULL;
	struct route *r;
	char *segs[MAX_SEGS];
	char *buf;
	size_t n;

	if (nroutes == MAX_ROUTES || pattern[0] != '/' ||
	    strlen(pattern) > 256) {
		snprintf(err, errsz, "route %s: not an absolute path of at "
		    "most 256 bytes, or too many routes", pattern);
		return DM_EINPUT;
	}
	if (plugin != NULL && (access & ROUTE_API)) {
		snprintf(err, errsz, "route %s: only the core's API routes "
		    "go without a CSRF token", pattern);
		return DM_EINPUT;
	}
	buf = malloc(strlen(pattern) + 1);
	if (buf == NULL)
		log_fatal("out of memory");
	n = split(pattern, segs, MAX_SEGS, buf);
	if (n > MAX_SEGS) {
		snprintf(err, errsz, "route %s: more than %d segments",
		    pattern, MAX_SEGS);
		free(buf);
		return DM_EINPUT;
	}
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *o = &routes[i];
		const char *oowner = owner_of(o);
		char mine[512], theirs[512], path[512];
		int same_owner, spec;

		if (!(o->methods & methods) || !overlap(o->segs, o->nsegs,
		    segs, n))
			continue;
		spec = more_specific(segs, o->segs, n);
		same_owner = (owner == NULL && oowner == NULL) ||
		    (owner != NULL && oowner != NULL &&
		    strcmp(owner, oowner) == 0);
		if (spec != 0 && same_owner)
			continue;	/* an owner's own design */
		describe(mine, sizeof(mine), methods, pattern, owner);
		describe(theirs, sizeof(theirs), o->methods, o->pattern,
		    oowner);
		witness(path, sizeof(path), segs, o->segs, n);
		if (spec == 0)
			snprintf(err, errsz, "%s conflicts with %s (the same "
			    "path and method)", mine, theirs);
		else
			snprintf(err, errsz, "%s would %s %s (both match %s); "
			    "a plugin's routes must not overlap anyone "
			    "else's", mine, spec > 0 ? "hide" :
			    "be hidden by", theirs, path);
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
	if (r->pattern == NULL || r->segs == NULL)
		log_fatal("out of memory");
	for (size_t i = 0; i < n; i++)
		r->segs[i] = segs[i];
	r->segs[n] = buf;	/* owns the strings */
	return DM_OK;
}

dm_status
router_check_department(const char *dept, char *err, size_t errsz)
{
	for (size_t i = 0; i < nroutes; i++) {
		const struct route *r = &routes[i];
		char *inst[MAX_SEGS];
		size_t d = r->nsegs;

		if (r->plugin != NULL)
			continue;
		for (size_t k = 0; k < r->nsegs; k++)
			if (strcmp(r->segs[k], ":dept") == 0)
				d = k;
		if (d == r->nsegs)
			continue;
		/* The department's own instance of the route... */
		for (size_t k = 0; k < r->nsegs; k++)
			inst[k] = k == d ? (char *)(uintptr_t)dept : r->segs[k];
		/* ... must still reach it: no other route may be more
		 * specific on a path it matches. */
		for (size_t j = 0; j < nroutes; j++) {
			const struct route *o = &routes[j];
			char mine[512], theirs[512], path[512];

			if (j == i || !(o->methods & r->methods) ||
			    !overlap(o->segs, o->nsegs, inst, r->nsegs) ||
			    more_specific(o->segs, r->segs, r->nsegs) <= 0)
				continue;
			describe(mine, sizeof(mine), r->methods, r->pattern,
			    NULL);
			describe(theirs, sizeof(theirs), o->methods,
			    o->pattern, owner_of(o));
			witness(path, sizeof(path), o->segs, inst, r->nsegs);
			snprintf(err, errsz, "department %s: %s would be "
			    "hidden by %s at %s; the department needs "
			    "another name", dept, mine, theirs, path);
			return DM_ECONFLICT;
		}
	}
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

static int
matches(const struct route *r, char *const *segs, size_t n)
{
	if (r->nsegs != n)
		return 0;
	for (size_t j = 0; j < n; j++) {
		if (is_capture(r->segs[j])) {
			if (segs[j][0] == '\0')
				return 0;
		} else if (strcmp(r->segs[j], segs[j]) != 0) {
			return 0;
		}
	}
	return 1;
}

int
router_match(struct dm_req *req, const struct route **out, unsigned *allow)
{
	const struct route *best = NULL;
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

		if (!matches(r, segs, n))
			continue;
		if (!(r->methods & want)) {
			*allow |= r->methods;
			continue;
		}
		if (best == NULL || more_specific(r->segs, best->segs, n) > 0)
			best = r;
	}
	if (best == NULL)
		return *allow ? 405 : 404;
	req->args.n = 0;
	for (size_t j = 0; j < n; j++)
		if (is_capture(best->segs[j]))
			kv_add(req->arena, &req->args, best->segs[j] + 1,
			    segs[j], strlen(segs[j]));
	*out = best;
	return 0;
}

dm_status
router_add_all(const struct dm_route *table, size_t n)
{
	char err[1024];

	for (size_t i = 0; i < n; i++) {
		dm_status st = router_add(table[i].methods, table[i].pattern,
		    table[i].access, table[i].handler, NULL, err,
		    sizeof(err));

		if (st != DM_OK) {
			log_error("%s", err);
			return st;
		}
	}
	return DM_OK;
}
