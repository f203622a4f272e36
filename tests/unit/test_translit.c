/*
 * test_translit.c - Greek in Latin letters for file names (translit.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "translit.h"

static void
test_slug(void **state)
{
	static const struct { const char *in, *out; } t[] = {
		{ "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ",
		    "pistopoiitiko-oikogeneiakis-katastasis" },
		{ "Πιστοποιητικό γέννησης", "pistopoiitiko-gennisis" },
		{ "ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ", "vevaiosi-monimis-katoikias" },
		{ "ΑΠΟΔΕΙΚΤΙΚΟ ΥΠΟΒΟΛΗΣ ΑΙΤΗΣΗΣ", "apodeiktiko-ypovolis-aitisis" },
		{ "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΕΓΓΥΤΕΡΩΝ ΣΥΓΓΕΝΩΝ",
		    "pistopoiitiko-engyteron-syngenon" },
		{ "Ευαγγελία Αυγερινού", "evangelia-avgerinou" },
		{ "αυτόματα, ευχαριστώ", "aftomata-efcharisto" },
		{ "Μπαλτάς Ντόρα", "baltas-ntora" },
		{ "ΜΗΤΡΩΑ ΑΡΡΕΝΩΝ", "mitroa-arrenon" },
		{ "Θεσσαλονίκη Ψυχικό Ξάνθη", "thessaloniki-psychiko-xanthi" },
		{ "προϋπόθεση", "proypothesi" },
		{ "1/2026", "1-2026" },
		{ "Report 2026 (final)!", "report-2026-final" },
		{ "— ; —", "" },
		{ "", "" },
	};
	struct arena	 a;

	(void)state;
	arena_init(&a);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_string_equal(translit_slug(&a, t[i].in, 80), t[i].out);
	/* Cut between words when it can, never in the middle of one. */
	assert_string_equal(translit_slug(&a, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ "
	    "ΚΑΤΑΣΤΑΣΗΣ", 30), "pistopoiitiko-oikogeneiakis");
	assert_string_equal(translit_slug(&a, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ", 5), "pisto");
	/* Other scripts and bytes give nothing, not garbage. */
	assert_string_equal(translit_slug(&a, "日本 😀 x", 80), "x");
	arena_free(&a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slug),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
