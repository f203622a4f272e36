/*
 * test_router.c - route matching: literals, captures, 404 and 405; the
 * most specific route wins whatever the order routes were added in; a
 * plugin route that would hide or be hidden by another owner's is refused
 * with both named; a department whose name a core literal takes is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "plugins.h"
#include "router.h"

static dm_status
h1(struct dm_req *req)
{
	(void)req;
	return DM_OK;
}

static dm_status
h2(struct dm_req *req)
{
	(void)req;
	return DM_EINPUT;
}

static dm_status
h3(struct dm_req *req)
{
	(void)req;
	return DM_ENOTFOUND;
}

static struct arena A;
static char err[1024];

static struct plugin water = { .name = (char *)"water" };
static struct plugin waste = { .name = (char *)"waste" };

static int
match(const char *path, enum http_method m, const struct route **r,
    unsigned *allow, struct dm_req *req)
{
	memset(req, 0, sizeof(*req));
	req->arena = &A;
	req->path = path;
	req->method = m;
	return router_match(req, r, allow);
}

static dm_status
add(unsigned methods, const char *pattern, dm_handler_fn h,
    const struct plugin *p)
{
	err[0] = '\0';
	return router_add(methods, pattern, 0, h, p, err, sizeof(err));
}

static void
test_routes(void **state)
{
	const struct route *r;
	struct dm_req req;
	unsigned allow;

	(void)state;
	router_clear();
	assert_int_equal(add(DM_METHOD_GET, "/", h1, NULL), DM_OK);
	assert_int_equal(add(DM_METHOD_GET, "/services/:code", h1, NULL),
	    DM_OK);
	assert_int_equal(add(DM_METHOD_GET | DM_METHOD_POST,
	    "/services/:code/new", h2, NULL), DM_OK);
	assert_int_equal(add(DM_METHOD_POST, "/logout", h1, NULL), DM_OK);
	/* Same shape, another capture name: a conflict. */
	assert_int_equal(add(DM_METHOD_GET, "/services/:id", h1, NULL),
	    DM_ECONFLICT);
	assert_non_null(strstr(err, "the core's route GET /services/:id "
	    "conflicts with the core's route GET /services/:code"));
	assert_int_equal(add(DM_METHOD_GET, "relative", h1, NULL), DM_EINPUT);

	assert_int_equal(match("/", HTTP_GET, &r, &allow, &req), 0);
	assert_ptr_equal(r->handler, h1);
	assert_int_equal(match("/services/general-request", HTTP_HEAD, &r,
	    &allow, &req), 0);
	assert_string_equal(kv_get(&req.args, "code"), "general-request");
	assert_int_equal(match("/services/x/new", HTTP_POST, &r, &allow,
	    &req), 0);
	assert_ptr_equal(r->handler, h2);
	assert_string_equal(kv_get(&req.args, "code"), "x");

	assert_int_equal(match("/services/", HTTP_GET, &r, &allow, &req),
	    404);
	assert_int_equal(match("/services", HTTP_GET, &r, &allow, &req), 404);
	assert_int_equal(match("/nothing/here", HTTP_GET, &r, &allow, &req),
	    404);
	assert_int_equal(match("/logout", HTTP_GET, &r, &allow, &req), 405);
	assert_int_equal(allow, DM_METHOD_POST);
	assert_int_equal(match("/services/x", HTTP_OTHER, &r, &allow, &req),
	    405);
	assert_int_equal(allow, DM_METHOD_GET);
	assert_int_equal(match("/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r",
	    HTTP_GET, &r, &allow, &req), 404);
	router_clear();
}

/* The most specific route wins, in whatever order they were added. */
static void
test_most_specific(void **state)
{
	const struct route *r;
	struct dm_req req;
	unsigned allow;

	(void)state;
	for (int order = 0; order < 2; order++) {
		router_clear();
		if (order == 0) {
			assert_int_equal(add(DM_METHOD_GET, "/staff/:dept",
			    h1, NULL), DM_OK);
			assert_int_equal(add(DM_METHOD_GET, "/staff/reports",
			    h2, NULL), DM_OK);
			assert_int_equal(add(DM_METHOD_GET, "/a/:x/c", h1,
			    NULL), DM_OK);
			assert_int_equal(add(DM_METHOD_GET, "/a/b/:y", h3,
			    NULL), DM_OK);
		} else {
			assert_int_equal(add(DM_METHOD_GET, "/a/b/:y", h3,
			    NULL), DM_OK);
			assert_int_equal(add(DM_METHOD_GET, "/a/:x/c", h1,
			    NULL), DM_OK);
			assert_int_equal(add(DM_METHOD_GET, "/staff/reports",
			    h2, NULL), DM_OK);
			assert_int_equal(add(DM_METHOD_GET, "/staff/:dept",
			    h1, NULL), DM_OK);
		}
		assert_int_equal(match("/staff/reports", HTTP_GET, &r, &allow,
		    &req), 0);
		assert_ptr_equal(r->handler, h2);
		assert_int_equal(req.args.n, 0);
		assert_int_equal(match("/staff/water", HTTP_GET, &r, &allow,
		    &req), 0);
		assert_ptr_equal(r->handler, h1);
		assert_string_equal(kv_get(&req.args, "dept"), "water");
		/* segment by segment from the left: /a/b/... beats /a/:x/c */
		assert_int_equal(match("/a/b/c", HTTP_GET, &r, &allow, &req),
		    0);
		assert_ptr_equal(r->handler, h3);
		assert_string_equal(kv_get(&req.args, "y"), "c");
		assert_null(kv_get(&req.args, "x"));
		assert_int_equal(match("/a/z/c", HTTP_GET, &r, &allow, &req),
		    0);
		assert_ptr_equal(r->handler, h1);
	}
	/* A literal serving another method does not steal the request. */
	router_clear();
	assert_int_equal(add(DM_METHOD_GET, "/v/:code", h1, NULL), DM_OK);
	assert_int_equal(add(DM_METHOD_POST, "/v/check", h2, NULL), DM_OK);
	assert_int_equal(match("/v/check", HTTP_GET, &r, &allow, &req), 0);
	assert_ptr_equal(r->handler, h1);
	assert_int_equal(match("/v/check", HTTP_POST, &r, &allow, &req), 0);
	assert_ptr_equal(r->handler, h2);
	assert_int_equal(match("/v/other", HTTP_POST, &r, &allow, &req), 405);
	router_clear();
}

/* A plugin's routes may not overlap anyone else's. */
static void
test_refusals(void **state)
{
	(void)state;
	router_clear();
	assert_int_equal(add(DM_METHOD_GET | DM_METHOD_POST,
	    "/staff/:dept/counter", h1, NULL), DM_OK);
	assert_int_equal(add(DM_METHOD_GET, "/staff/:dept", h1, NULL), DM_OK);
	assert_int_equal(add(DM_METHOD_GET, "/staff/reports", h1, NULL),
	    DM_OK);
	assert_int_equal(add(DM_METHOD_GET, "/services/:code", h1, NULL),
	    DM_OK);

	/* The plugin's literal would win over the core's counter page. */
	assert_int_equal(add(DM_METHOD_GET, "/staff/water/counter", h2,
	    &water), DM_ECONFLICT);
	assert_non_null(strstr(err, "plugin water's route GET "
	    "/staff/water/counter would hide the core's route GET|POST "
	    "/staff/:dept/counter (both match /staff/water/counter)"));
	/* Only for POST: the methods overlap all the same. */
	assert_int_equal(add(DM_METHOD_POST, "/staff/water/counter", h2,
	    &water), DM_ECONFLICT);
	/* A capture the core's literal would beat. */
	assert_int_equal(add(DM_METHOD_GET, "/staff/:what", h2, &water),
	    DM_ECONFLICT);
	assert_non_null(strstr(err, "conflicts with the core's route GET "
	    "/staff/:dept"));
	assert_int_equal(add(DM_METHOD_GET, "/services/water-map", h2,
	    &water), DM_ECONFLICT);
	assert_non_null(strstr(err, "would hide the core's route GET "
	    "/services/:code"));

	/* Its own paths are fine, and so are its own overlaps. */
	assert_int_equal(add(DM_METHOD_GET, "/staff/water/report/:year", h2,
	    &water), DM_OK);
	assert_int_equal(add(DM_METHOD_GET, "/staff/water/report/latest", h3,
	    &water), DM_OK);
	assert_int_equal(add(DM_METHOD_POST, "/staff/water/other", h2,
	    &water), DM_OK);

	/* Another plugin's route that one of water's would hide. */
	assert_int_equal(add(DM_METHOD_GET, "/staff/:d/report/2026", h1,
	    &waste), DM_ECONFLICT);
	assert_non_null(strstr(err, "plugin waste's route GET "
	    "/staff/:d/report/2026 would be hidden by plugin water's route "
	    "GET /staff/water/report/:year"));
	assert_int_equal(add(DM_METHOD_GET, "/staff/water/report/:y", h1,
	    &waste), DM_ECONFLICT);
	assert_non_null(strstr(err, "conflicts with plugin water's route"));
	/* The core, once plugins are in, is held to the same rule. */
	assert_int_equal(add(DM_METHOD_GET, "/staff/:dept/report/:year", h1,
	    NULL), DM_ECONFLICT);
	router_clear();
}

/* A department needs its pages: a core literal must not take them. */
static void
test_departments(void **state)
{
	(void)state;
	router_clear();
	assert_int_equal(add(DM_METHOD_GET, "/staff/reports", h1, NULL),
	    DM_OK);
	assert_int_equal(add(DM_METHOD_GET, "/staff/:dept", h1, NULL), DM_OK);
	assert_int_equal(add(DM_METHOD_GET, "/staff/:dept/requests/:id", h1,
	    NULL), DM_OK);
	assert_int_equal(router_check_department("water", err, sizeof(err)),
	    DM_OK);
	assert_int_equal(router_check_department("reports", err, sizeof(err)),
	    DM_ECONFLICT);
	assert_non_null(strstr(err, "department reports: the core's route GET "
	    "/staff/:dept would be hidden by the core's route GET "
	    "/staff/reports at /staff/reports"));
	router_clear();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_most_specific),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_departments),
	};
	int rc;

	arena_init(&A);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return rc;
}
