/*
 * test_router.c - route matching: literals, captures, 404 and 405.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
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

static struct arena A;

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

static void
test_routes(void **state)
{
	const struct route *r;
	struct dm_req req;
	unsigned allow;

	(void)state;
	router_clear();
	assert_int_equal(router_add(DM_METHOD_GET, "/", 0, h1, NULL), DM_OK);
	assert_int_equal(router_add(DM_METHOD_GET, "/services/:code", 0, h1,
	    NULL), DM_OK);
	assert_int_equal(router_add(DM_METHOD_GET | DM_METHOD_POST,
	    "/services/:code/new", 0, h2, NULL), DM_OK);
	assert_int_equal(router_add(DM_METHOD_POST, "/logout", 0, h1, NULL),
	    DM_OK);
	/* Same shape, another capture name: a conflict. */
	assert_int_equal(router_add(DM_METHOD_GET, "/services/:id", 0, h1,
	    NULL), DM_ECONFLICT);
	assert_int_equal(router_add(DM_METHOD_GET, "relative", 0, h1, NULL),
	    DM_EINPUT);

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes),
	};
	int rc;

	arena_init(&A);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return rc;
}
