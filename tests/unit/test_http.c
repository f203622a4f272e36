/*
 * test_http.c - the request parsers: urlencoded forms and query strings,
 * cookies, UTF-8 checks, language choice, and http_parse's limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "config.h"
#include "http.h"

static struct arena A;

static int
parse(const char *s, size_t max, struct kvlist *out)
{
	memset(out, 0, sizeof(*out));
	return http_parse_urlencoded(&A, s, strlen(s), max, out);
}

static void
test_urlencoded(void **state)
{
	struct kvlist l;

	(void)state;
	assert_int_equal(parse("a=1&b=two+words&c=%CE%94%CE%AE%CE%BC%CE%BF"
	    "%CF%82&d&&e=", 10, &l), 0);
	assert_int_equal(l.n, 5);
	assert_string_equal(kv_get(&l, "a"), "1");
	assert_string_equal(kv_get(&l, "b"), "two words");
	assert_string_equal(kv_get(&l, "c"), "Δήμος");
	assert_string_equal(kv_get(&l, "d"), "");
	assert_string_equal(kv_get(&l, "e"), "");
	assert_null(kv_get(&l, "f"));
	/* The first of repeated keys wins for kv_get; all are kept. */
	assert_int_equal(parse("x=1&x=2", 10, &l), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(kv_get(&l, "x"), "1");
	/* Newlines in text areas survive. */
	assert_int_equal(parse("t=line1%0D%0Aline2%09tab", 10, &l), 0);
	assert_string_equal(kv_get(&l, "t"), "line1\r\nline2\ttab");
}

static void
test_urlencoded_hostile(void **state)
{
	static const char *const bad[] = {
		"a=%",			/* truncated escape */
		"a=%4",
		"a=%zz",
		"a=%C3%28",		/* invalid UTF-8 */
		"a=%C0%AF",		/* overlong '/' */
		"a=%ED%A0%80",		/* surrogate */
		"a=%F4%90%80%80",	/* past U+10FFFF */
		"a=%00",		/* NUL */
		"a%00b=1",
		"a=%1B[31m",		/* escape sequence */
		"=value",		/* empty key */
		"a=\xff",
	};
	struct kvlist l;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(bad[i], 10, &l) != 400)
			fail_msg("accepted '%s'", bad[i]);
	assert_int_equal(parse("a=1&b=2&c=3", 2, &l), 400);
	assert_int_equal(parse("a=1&b=2", 2, &l), 0);
}

static void
test_valid_text(void **state)
{
	(void)state;
	assert_true(http_valid_text("Δήμος ς", strlen("Δήμος ς")));
	assert_true(http_valid_text("emoji \xf0\x9f\x98\x80", 10));
	assert_true(http_valid_text("", 0));
	assert_false(http_valid_text("a\0b", 3));
	assert_false(http_valid_text("\xce", 1));
	assert_false(http_valid_text("\x01", 1));
	assert_false(http_valid_text("\xe0\x80\xaf", 3));
}

static void
test_cookies(void **state)
{
	struct kvlist l;
	char big[9000];

	(void)state;
	memset(&l, 0, sizeof(l));
	assert_int_equal(http_parse_cookies(&A, "lang=en; sid=\"abc\" ;"
	    "flag; x = y ", &l), 0);
	assert_string_equal(kv_get(&l, "lang"), "en");
	assert_string_equal(kv_get(&l, "sid"), "abc");
	assert_string_equal(kv_get(&l, "x"), "y");
	assert_null(kv_get(&l, "flag"));
	memset(&l, 0, sizeof(l));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(http_parse_cookies(&A, big, &l), 400);
}

static void
test_pick_lang(void **state)
{
	(void)state;
	assert_string_equal(http_pick_lang(NULL), "el");
	assert_string_equal(http_pick_lang("en-US,en;q=0.9"), "en");
	assert_string_equal(http_pick_lang("el-GR,el;q=0.9,en;q=0.8"), "el");
	assert_string_equal(http_pick_lang("en;q=0.5, el;q=0.9"), "el");
	assert_string_equal(http_pick_lang("de-DE,de;q=0.9"), "el");
	assert_string_equal(http_pick_lang("de, en;q=0.3"), "en");
	assert_string_equal(http_pick_lang("eng"), "el");
	assert_string_equal(http_pick_lang("en;q=0"), "el");
	assert_string_equal(http_pick_lang(";;;,,,q=="), "el");
}

static struct config cfg;

static void
init_req(struct dm_req *req)
{
	memset(req, 0, sizeof(*req));
	req->arena = &A;
	req->cfg = &cfg;
	req->env.method = "GET";
	req->env.uri = "/";
}

static void
test_parse(void **state)
{
	struct dm_req req;
	char longq[9000];

	(void)state;
	cfg.lim_query = 8192;
	cfg.lim_fields = 64;
	cfg.secure_cookies = -1;

	init_req(&req);
	req.env.query = "lang=en&x=1";
	assert_int_equal(http_parse(&req), 0);
	assert_string_equal(req.lang, "en");
	assert_int_equal(req.method, HTTP_GET);
	/* ?lang= is remembered in a cookie. */
	assert_non_null(strstr(req.headers, "Set-Cookie: lang=en; Path=/"));

	init_req(&req);
	req.env.cookie = "lang=en";
	req.env.accept_language = "el";
	assert_int_equal(http_parse(&req), 0);
	assert_string_equal(req.lang, "en");

	init_req(&req);
	req.env.cookie = "lang=xx";
	req.env.accept_language = "en-GB";
	req.env.https = "on";
	assert_int_equal(http_parse(&req), 0);
	assert_string_equal(req.lang, "en");
	assert_true(req.secure);

	init_req(&req);
	req.env.uri = "/services/\xce\x28";
	assert_int_equal(http_parse(&req), 400);
	init_req(&req);
	req.env.uri = "no-slash";
	assert_int_equal(http_parse(&req), 400);
	init_req(&req);
	req.env.uri = NULL;
	assert_int_equal(http_parse(&req), 400);
	init_req(&req);
	req.env.query = "q=%ff";
	assert_int_equal(http_parse(&req), 400);
	init_req(&req);
	memset(longq, 'a', sizeof(longq) - 1);
	longq[sizeof(longq) - 1] = '\0';
	req.env.query = longq;
	assert_int_equal(http_parse(&req), 414);
	init_req(&req);
	req.env.method = "DELETE";
	assert_int_equal(http_parse(&req), 0);
	assert_int_equal(req.method, HTTP_OTHER);
}

static void
test_headers(void **state)
{
	struct dm_req req;

	(void)state;
	init_req(&req);
	http_header(&req, "X-A", "1");
	http_header(&req, "X-B", "evil\r\nSet-Cookie: x=1");
	assert_string_equal(req.headers, "X-A: 1\r\n");
	http_set_cookie(&req, "sid", "v", 60, 1);
	assert_non_null(strstr(req.headers, "sid=v; Path=/; Max-Age=60; "
	    "SameSite=Lax; HttpOnly\r\n"));
	req.secure = 1;
	http_set_cookie(&req, "sid", "v", 60, 1);
	assert_non_null(strstr(req.headers, "HttpOnly; Secure\r\n"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_urlencoded),
		cmocka_unit_test(test_urlencoded_hostile),
		cmocka_unit_test(test_valid_text),
		cmocka_unit_test(test_cookies),
		cmocka_unit_test(test_pick_lang),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_headers),
	};
	int r;

	arena_init(&A);
	r = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return r;
}
