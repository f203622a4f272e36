/*
 * test_cert.c - unit tests of the finance department's certificate and
 * decision texts: what each says for a person, a business and an
 * arrangement in good standing, and what it refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fincert.h"

struct block {
	struct block	*next;
	max_align_t	 data[];
};

static struct block *blocks;

static void *
test_alloc(void *ctx, size_t size)
{
	struct block *b = calloc(1, sizeof(*b) + size);

	(void)ctx;
	if (b == NULL)
		abort();
	b->next = blocks;
	blocks = b;
	return b->data;
}

static const struct kit_alloc A = { test_alloc, NULL };

static int
free_blocks(void **state)
{
	(void)state;
	while (blocks != NULL) {
		struct block *n = blocks->next;

		free(blocks);
		blocks = n;
	}
	return 0;
}

/* Everything the certificate says, one line per text and row. */
static char *
all_text(const struct dm_certificate *c)
{
	static char buf[16384];
	size_t n = 0;

	buf[0] = '\0';
#define ADD(...) n += (size_t)snprintf(buf + n, sizeof(buf) - n, __VA_ARGS__)
	ADD("%s\n", c->title);
	if (c->subtitle)
		ADD("%s\n", c->subtitle);
	for (size_t i = 0; i < c->nparagraphs; i++)
		ADD("%s\n", c->paragraphs[i]);
	for (size_t i = 0; i < c->nrows; i++)
		ADD("%s: %s\n", c->rows[i].label, c->rows[i].value);
	for (size_t i = 0; i < c->nremarks; i++)
		ADD("%s\n", c->remarks[i]);
#undef ADD
	return buf;
}

static const struct fin_party PERSON = { 'p', "126018150",
	"ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ", "ΝΙΚΟΛΑΟΣ" };
static const struct fin_party BUSINESS = { 'b', "998000125",
	"ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε.", NULL };

static void
nodebt_clear(void **state)
{
	struct standing s = { .owed = 4667, .verdict = NODEBT_CLEAR };
	struct dm_certificate c;
	const char *t;

	(void)state;
	assert_int_equal(fincert_nodebt(&A, &PERSON, "2026-03-02",
	    "2026-04-01", &s, NULL, "Μεταβίβαση ακινήτου", &c), 0);
	t = all_text(&c);
	assert_string_equal(c.title, "ΒΕΒΑΙΩΣΗ ΔΗΜΟΤΙΚΗΣ ΕΝΗΜΕΡΟΤΗΤΑΣ");
	assert_non_null(strstr(t, "κατά την 02/03/2026, για τον ΑΦΜ 126018150 "
	    "(ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ του ΝΙΚΟΛΑΟΥ) δεν υπάρχουν "
	    "ληξιπρόθεσμες οφειλές"));
	assert_non_null(strstr(t, "Οφειλές μη ληξιπρόθεσμες: 46,67\xc2\xa0€"));
	assert_non_null(strstr(t, "Ισχύει έως: 01/04/2026"));
	assert_non_null(strstr(t, "Χορηγείται για: Μεταβίβαση ακινήτου"));
	assert_non_null(strstr(t, "Πατρώνυμο: ΝΙΚΟΛΑΟΣ"));
	assert_null(strstr(t, "ρύθμιση αρ."));
	assert_string_equal(c.holder, "ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ");
	assert_string_equal(c.record_ref, "afm:126018150");
	/* a business: its name, no father, nothing owed at all */
	s.owed = 0;
	assert_int_equal(fincert_nodebt(&A, &BUSINESS, "2026-03-02",
	    "2026-04-01", &s, NULL, NULL, &c), 0);
	t = all_text(&c);
	assert_non_null(strstr(t, "για τον ΑΦΜ 998000125 (ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ "
	    "Ο.Ε.)"));
	assert_non_null(strstr(t, "Επωνυμία: ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε."));
	assert_null(strstr(t, "Πατρώνυμο"));
	assert_null(strstr(t, "Οφειλές μη"));
	assert_null(strstr(t, "Χορηγείται"));
}

static void
nodebt_arranged(void **state)
{
	struct standing s = { .owed = 112064, .overdue = 14008,
	    .overdue_arranged = 14008, .verdict = NODEBT_ARRANGED };
	struct fin_arr_info arr = { "R100042", "2025-09-13", 12, 168100, 1 };
	struct dm_certificate c;
	const char *t;

	(void)state;
	/* an arrangement in good standing counts as no debt ... */
	assert_int_equal(fincert_nodebt(&A, &PERSON, "2026-03-02",
	    "2026-04-01", &s, &arr, NULL, &c), 0);
	t = all_text(&c);
	assert_non_null(strstr(t, "ρύθμιση αρ. R100042 της 13/09/2025 (12 "
	    "μηνιαίες δόσεις, συνολικού ποσού 1.681,00\xc2\xa0€), η οποία "
	    "τηρείται"));
	assert_non_null(strstr(t, "Οφειλές σε ρύθμιση: 1.120,64\xc2\xa0€"));
	assert_non_null(strstr(t, "Δόσεις ρύθμισης σε καθυστέρηση: 1 "
	    "(140,08\xc2\xa0€)"));
	assert_non_null(strstr(t, "Ισχύει εφόσον τηρείται η ρύθμιση"));
	/* ... but needs the arrangement, and overdue debts refuse */
	assert_int_equal(fincert_nodebt(&A, &PERSON, "2026-03-02",
	    "2026-04-01", &s, NULL, NULL, &c), -1);
	s.verdict = NODEBT_OWES;
	assert_int_equal(fincert_nodebt(&A, &PERSON, "2026-03-02",
	    "2026-04-01", &s, &arr, NULL, &c), -1);
}

static void
tap_certificate(void **state)
{
	const struct fin_prop_info prop = { "421180202001/0/1", "311956610151",
		"Μεγάλου Αλεξάνδρου 8, Νιγρίτα", "Νιγρίτα", 8540 };
	struct dm_certificate c;
	const char *t;

	(void)state;
	assert_int_equal(fincert_tap(&A, &PERSON, &prop, "2026-03-02", &c), 0);
	t = all_text(&c);
	assert_non_null(strstr(c.title, "ΤΑΠ"));
	assert_non_null(strstr(t, "με ΚΑΕΚ 42 118 02 02 001/0/1, δεν οφείλεται "
	    "Τέλος Ακίνητης Περιουσίας"));
	assert_non_null(strstr(t, "Επιφάνεια (ΤΑΠ): 85,40 m²"));
	assert_non_null(strstr(t, "Αριθμός παροχής ρεύματος: 311956610151"));
	assert_non_null(strstr(t, "ύστερα από αίτηση με ΑΦΜ 126018150"));
	assert_string_equal(c.record_ref, "kaek:421180202001/0/1");
}

static void
plan_decision(void **state)
{
	const struct fin_plan_debt debts[] = {
		{ "26100028", "Πρόστιμο στάθμευσης", "2025-11-27", 8000 },
		{ "W2000187", "Λογαριασμός ύδρευσης", "2025-12-01", 2001 },
	};
	struct plan p;
	struct dm_certificate c;
	const char *t;

	(void)state;
	assert_int_equal(plan_make(10001, 4, 2000, &p), PLAN_OK);
	assert_int_equal(fincert_plan(&A, &PERSON, "17/2026", "2026-03-02",
	    debts, 2, &p, "2026-03-05", &c), 0);
	t = all_text(&c);
	assert_non_null(strstr(t, "αίτηση με αριθμό πρωτοκόλλου 17/2026 της "
	    "02/03/2026 για τον ΑΦΜ 126018150"));
	assert_non_null(strstr(t, "συνολικού ποσού 100,01\xc2\xa0€, σε 4 "
	    "μηνιαίες δόσεις"));
	assert_non_null(strstr(t, "Η πρώτη δόση είναι 25,01\xc2\xa0€ και "
	    "καθεμία από τις επόμενες 3 δόσεις 25,00\xc2\xa0€."));
	assert_non_null(strstr(t, "Η πρώτη δόση λήγει την 30/04/2026"));
	assert_non_null(strstr(t, "Πρόστιμο στάθμευσης (26100028, λήξη "
	    "27/11/2025): 80,00\xc2\xa0€"));
	assert_non_null(strstr(t, "Δόση 1, λήξη 30/04/2026: 25,01\xc2\xa0€"));
	assert_non_null(strstr(t, "Δόση 4, λήξη 31/07/2026: 25,00\xc2\xa0€"));
	assert_non_null(strstr(t, "Σύνολο: 100,01\xc2\xa0€"));
	assert_string_equal(c.record_ref, "plan:17/2026");
	/* equal instalments: one sentence */
	assert_int_equal(plan_make(10000, 4, 2000, &p), PLAN_OK);
	assert_int_equal(fincert_plan(&A, &PERSON, "17/2026", "2026-03-02",
	    debts, 2, &p, "2026-03-05", &c), 0);
	assert_non_null(strstr(all_text(&c), "Κάθε δόση είναι 25,00\xc2\xa0€."));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(nodebt_clear, free_blocks),
		cmocka_unit_test_teardown(nodebt_arranged, free_blocks),
		cmocka_unit_test_teardown(tap_certificate, free_blocks),
		cmocka_unit_test_teardown(plan_decision, free_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
