/*
 * test_password.c - the guessable-password rule (base/password.c): common
 * passwords, and passwords made of the person's own name or e-mail in
 * either script and either case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "password.h"

static const char *const ELENI[] = { "Ελένη", "Δοκιμή", NULL,
	"eleni.dokimi@example.org" };
#define NELENI	(sizeof(ELENI) / sizeof(ELENI[0]))

static void
test_common(void **state)
{
	static const char *const common[] = { "password123", "1234567890",
	    "qwertyuiop", "Password123!", "iloveyou123", "abcdefghij",
	    "qwerty123456", "letmein2026", "monkey12345", "aaaaaaaaaaaa",
	    "1111111111", "0987654321" };

	(void)state;
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		assert_int_equal(password_weak(common[i], NULL, 0),
		    PASSWORD_COMMON);
}

static void
test_own(void **state)
{
	static const char *const own[] = { "Ελένη Δοκιμή 1", "ελένηδοκιμή1",
	    "ΕΛΕΝΗΔΟΚΙΜΗ", "ΕΛΈΝΗ2026", "eleni.dokimi", "Dokimi2026!",
	    "eleni.dokimi@example.org" };

	(void)state;
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		assert_int_equal(password_weak(own[i], ELENI, NELENI),
		    PASSWORD_OWN);
}

static void
test_good(void **state)
{
	static const char *const good[] = { "ένας καλός κωδικός 2026",
	    "Visaltia-Demo-2026", "third password 333",
	    "correct horse battery staple", "Νερό και αποχέτευση 2026",
	    "ο κωδικός αλλάζει ξανά 12" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(password_weak(good[i], ELENI, NELENI),
		    PASSWORD_OK);
	/* No words at all is fine. */
	assert_int_equal(password_weak("ένας καλός κωδικός 2026", NULL, 0),
	    PASSWORD_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_common),
		cmocka_unit_test(test_own),
		cmocka_unit_test(test_good),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
