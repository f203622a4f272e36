/*
 * test_plates.c - Greek plates as people type them, and what is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "plates.h"

static void
test_accepted(void **state)
{
	static const struct {
		const char	*in;
		const char	*out;
		enum plate_kind	 kind;
	} cases[] = {
		{ "ΝΙΚ-1234", "ΝΙΚ-1234", PLATE_VEHICLE },
		{ "ΝΙΚ1234", "ΝΙΚ-1234", PLATE_VEHICLE },
		{ " ΕΡΒ 9999 ", "ΕΡΒ-9999", PLATE_VEHICLE },
		{ "ερβ-1000", "ΕΡΒ-1000", PLATE_VEHICLE },
		/* Latin look-alikes, as a Latin keyboard types them. */
		{ "NIK-1234", "ΝΙΚ-1234", PLATE_VEHICLE },
		{ "epb 5678", "ΕΡΒ-5678", PLATE_VEHICLE },
		{ "erb 5678", NULL, PLATE_INVALID },	/* R is no plate letter */
		{ "Xyz-1234", "ΧΥΖ-1234", PLATE_VEHICLE },
		{ "ΧΥΖ-1234", "ΧΥΖ-1234", PLATE_VEHICLE },
		{ "XYZ-1234", "ΧΥΖ-1234", PLATE_VEHICLE },
		/* Tonos and mixed scripts. */
		{ "ΆΈΉ-4321", "ΑΕΗ-4321", PLATE_VEHICLE },
		{ "ίόύ 1111", "ΙΟΥ-1111", PLATE_VEHICLE },
		{ "MΚA-2002", "ΜΚΑ-2002", PLATE_VEHICLE },
		{ "ΚΒΧ-123", "ΚΒΧ-123", PLATE_MOTORCYCLE },
		{ "ΜΕ 12345", "ΜΕ-12345", PLATE_MACHINERY },
		{ "me-123456", "ΜΕ-123456", PLATE_MACHINERY },
		{ "ΜΕ 012345", "ΜΕ-012345", PLATE_MACHINERY },
	};
	char out[PLATE_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum plate_kind k = plate_parse(cases[i].in, out);

		if (k != cases[i].kind)
			fail_msg("'%s': kind %d, expected %d", cases[i].in, k,
			    cases[i].kind);
		if (cases[i].out != NULL)
			assert_string_equal(out, cases[i].out);
		else
			assert_string_equal(out, "");
	}
}

static void
test_refused(void **state)
{
	static const char *const bad[] = {
		"", "   ", "-", "1234", "ΝΙΚ", "ΝΙΚ-",
		"ΝΙΚ-0123",		/* numbers start at 1000 */
		"ΝΙΚ-12345",		/* a vehicle has four digits */
		"ΝΙΚ-12",
		"ΝΙΚ-099",		/* motorcycles start at 100 */
		"ΝΙ-1234",		/* two letters: only ΜΕ machinery */
		"ΝΙΚΑ-1234",
		"ΓΙΚ-1234",		/* Γ is not a plate letter */
		"ΣΙΚ-1234", "ΛΙΚ-1234", "ΦΙΚ-1234", "ΨΙΚ-1234", "ΩΙΚ-1234",
		"ΔΙΚ-1234", "ΘΙΚ-1234", "ΞΙΚ-1234", "ΠΙΚ-1234",
		"CIK-1234", "DIK-1234", "LIK-1234", "QIK-1234",
		"ΝΙΚ--1234", "-ΝΙΚ1234", "ΝΙΚ-1234-", "ΝΙ-Κ1234",
		"ΝΙΚ12Α34", "1234ΝΙΚ",
		"ΜΕ-1234",		/* machinery: 5 or 6 digits */
		"ΜΕ-1234567",
		"ΝΙΚ_1234", "ΝΙΚ.1234", "ΝΙΚ\t1234", "ΝΙΚ/1234",
		"ΝΙΚ-１２３４",		/* full-width digits */
		"\xce", "ΝΙ\xce" "\x12" "34", "\xe2\x80\x8bΝΙΚ-1234",
		"ΝΙΚ-1234                                         ",
		"<script>", "ΝΙΚ-1234'; DROP TABLE x;--",
	};
	char out[PLATE_SIZE];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out[0] = 'x';
		if (plate_parse(bad[i], out) != PLATE_INVALID)
			fail_msg("'%s' was accepted as '%s'", bad[i], out);
		assert_string_equal(out, "");
	}
	assert_int_equal(plate_parse(NULL, out), PLATE_INVALID);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_accepted),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
