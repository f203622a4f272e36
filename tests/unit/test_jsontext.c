/*
 * test_jsontext.c - keys of JSON objects kept as text, read one after
 * another from the same object and from different ones (jsontext.c keeps
 * the last object parsed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "jsontext.h"

static void
test_keys(void **state)
{
	struct arena a;
	char buf[64];
	const char *one = "{\"name\":\"Μαρία\",\"n\":3,\"o\":{\"x\":\"y\"}}";
	const char *two = "{\"name\":\"Γιώργος\",\"town\":\"Νιγρίτα\"}";

	(void)state;
	arena_init(&a);
	assert_string_equal(jsontext_get(&a, one, "name"), "Μαρία");
	assert_string_equal(jsontext_get(&a, two, "name"), "Γιώργος");
	assert_string_equal(jsontext_get(&a, one, "name"), "Μαρία");
	assert_null(jsontext_get(&a, one, "town"));
	assert_string_equal(jsontext_get(&a, two, "town"), "Νιγρίτα");
	/* Only strings. */
	assert_null(jsontext_get(&a, one, "n"));
	assert_null(jsontext_get(&a, one, "o"));
	/* The same place with other text is another object. */
	strcpy(buf, "{\"name\":\"a\"}");
	assert_string_equal(jsontext_get(&a, buf, "name"), "a");
	strcpy(buf, "{\"name\":\"b\"}");
	assert_string_equal(jsontext_get(&a, buf, "name"), "b");
	/* Not JSON, not an object, nothing. */
	assert_null(jsontext_get(&a, "{\"name\":", "name"));
	assert_null(jsontext_get(&a, "[\"name\"]", "name"));
	assert_null(jsontext_get(&a, "\"name\"", "name"));
	assert_null(jsontext_get(&a, NULL, "name"));
	assert_null(jsontext_get(&a, one, NULL));
	assert_string_equal(jsontext_get(&a, one, "name"), "Μαρία");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
