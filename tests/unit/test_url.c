/*
 * test_url.c - URLs built from what a request said: percent-encoding, a
 * decoded path made a link again, and redirect targets kept on the site.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "url.h"

static struct arena A;

static void
test_encode(void **state)
{
	(void)state;
	assert_string_equal(url_encode(&A, "a b/ç?&=~-._", NULL),
	    "a%20b%2F%C3%A7%3F%26%3D~-._");
	assert_string_equal(url_encode(&A, "/requests/4", "/"), "/requests/4");
	assert_string_equal(url_encode(&A, "", "/"), "");
}

static void
test_local_url(void **state)
{
	static const char *const bad[] = {
		"", "x", "http://evil.example/", "//evil.example/",
		"/\\evil.example/", "/\t/evil.example/", "/\n/evil.example",
		"/a\r\nSet-Cookie: x=1", "/a\\..\\..\\", "/\x7f/x",
		" /x", NULL,
	};

	(void)state;
	for (size_t i = 0; bad[i] != NULL; i++)
		assert_null(url_local(&A, bad[i]));
	assert_null(url_local(&A, NULL));
	assert_string_equal(url_local(&A, "/"), "/");
	assert_string_equal(url_local(&A, "/requests/12?draft=3&x=%2F#f"),
	    "/requests/12?draft=3&x=%2F#f");
	/* Spaces, quotes and non-ASCII are escaped, not refused. */
	assert_string_equal(url_local(&A, "/a b\"<Δ"),
	    "/a%20b%22%3C%CE%94");
	/* A backslash in the query cannot move the host. */
	assert_string_equal(url_local(&A, "/x?q=a\\b"), "/x?q=a%5Cb");
}

static void
test_of_path(void **state)
{
	(void)state;
	assert_string_equal(url_of_path(&A, "/\\evil.example/x"),
	    "/%5Cevil.example/x");
	assert_string_equal(url_of_path(&A, "//evil.example/x"),
	    "/%2Fevil.example/x");
	assert_string_equal(url_of_path(&A, "/a?b#c%d e"),
	    "/a%3Fb%23c%25d%20e");
	assert_string_equal(url_of_path(&A, "/staff/general/requests/4"),
	    "/staff/general/requests/4");
	assert_string_equal(url_of_path(&A, "/x(1):@!$&'*+,;="),
	    "/x(1):@!$&'*+,;=");
	assert_string_equal(url_of_path(&A, NULL), "/");
	assert_string_equal(url_of_path(&A, "relative"), "/");
	/* Every result is a local URL. */
	assert_non_null(url_local(&A, url_of_path(&A, "//\\\t/x")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode),
		cmocka_unit_test(test_local_url),
		cmocka_unit_test(test_of_path),
	};
	int r;

	arena_init(&A);
	r = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return r;
}
