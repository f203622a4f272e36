/*
 * test_money.c - unit tests of the finance department's arithmetic:
 * ISO 11649 references and the municipality's scheme, IBAN, instalment
 * plans, a debtor's standing. (Amounts, ΚΑΕΚ and dates are the kit's:
 * core/pluginkit/tests/test_kit_values.c.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/kit/money.h"

#include "ledger.h"
#include "plan.h"
#include "rf.h"

/* ---------------------------------------------------------- ISO 11649 */

static void
rf_standard_vectors(void **state)
{
	char out[RF_MAX + 1], g[RF_GROUPED_MAX + 1];

	(void)state;
	/* The example of ISO 11649 itself, and the same with zeros. */
	assert_int_equal(rf_make("539007547034", out), 0);
	assert_string_equal(out, "RF18539007547034");
	rf_group(out, g);
	assert_string_equal(g, "RF18 5390 0754 7034");
	assert_int_equal(rf_make("000000000539007547034", out), 0);
	assert_string_equal(out, "RF18000000000539007547034");
	/* The EPC's and others' published examples. */
	assert_int_equal(rf_make("2348231", out), 0);
	assert_string_equal(out, "RF712348231");
	assert_int_equal(rf_make("1234567890", out), 0);
	assert_string_equal(out, "RF471234567890");
	assert_int_equal(rf_make("G72UUR", out), 0);
	assert_string_equal(out, "RF45G72UUR");
	assert_int_equal(rf_make("18k5", out), 0);	/* small letters */
	assert_string_equal(out, "RF6518K5");
	/* valid as written, grouped, in small letters */
	assert_true(rf_valid("RF18 5390 0754 7034"));
	assert_true(rf_valid("RF18539007547034"));
	assert_true(rf_valid("rf18 5390 0754 7034"));
	assert_true(rf_valid("RF712348231"));
	assert_true(rf_valid("RF45G72UUR"));
	assert_int_equal(rf_parse("rf45 g72u ur", out), 0);
	assert_string_equal(out, "RF45G72UUR");
}

static void
rf_refusals(void **state)
{
	char out[RF_MAX + 1];

	(void)state;
	/* a wrong check digit, each way */
	assert_false(rf_valid("RF19 5390 0754 7034"));
	assert_false(rf_valid("RF17539007547034"));
	assert_false(rf_valid("RF81539007547034"));
	/* a digit of the body changed or two swapped */
	assert_false(rf_valid("RF18539007547035"));
	assert_false(rf_valid("RF18539007547043"));
	assert_false(rf_valid("RF18 5390 0754 7O34"));	/* letter O */
	/* not a reference at all */
	assert_false(rf_valid("RF18"));
	assert_false(rf_valid("RF"));
	assert_false(rf_valid(""));
	assert_false(rf_valid("539007547034"));
	assert_false(rf_valid("XX18539007547034"));
	assert_false(rf_valid("RFAB539007547034"));
	assert_false(rf_valid("RF18-5390-0754-7034"));
	assert_false(rf_valid("RF18 5390 0754 7034 0000 0000 0"));
	assert_false(rf_valid("RF18ΑΒΓ"));
	/* bodies rf_make refuses */
	assert_int_equal(rf_make("", out), -1);
	assert_int_equal(rf_make("1234567890123456789012", out), -1);
	assert_int_equal(rf_make("12-34", out), -1);
	assert_int_equal(rf_make("12 34", out), -1);
	/* every body rf_make accepts comes out valid, and one changed
	 * digit in it is always caught */
	for (unsigned i = 1; i < 20000; i += 7) {
		char body[16], bad[RF_MAX + 1];

		snprintf(body, sizeof(body), "%u", i * 7919u);
		assert_int_equal(rf_make(body, out), 0);
		assert_true(rf_valid(out));
		memcpy(bad, out, sizeof(bad));
		bad[4] = bad[4] == '9' ? '0' : (char)(bad[4] + 1);
		assert_false(rf_valid(bad));
	}
}

static void
rf_municipal_scheme(void **state)
{
	char out[RF_MAX + 1], ref[RF_REF_MAX + 1];
	enum rf_kind kind;

	(void)state;
	assert_int_equal(rf_scheme("9170", RF_KIND_DEBT, "B2025000123", out),
	    0);
	assert_string_equal(out, "RF9091701B2025000123");
	assert_int_equal(rf_scheme("9170", RF_KIND_FEE, "42", out), 0);
	assert_string_equal(out, "RF449170242");
	assert_int_equal(rf_scheme_split("9170", "RF44 9170 242", &kind, ref),
	    0);
	assert_int_equal(kind, RF_KIND_FEE);
	assert_string_equal(ref, "42");
	assert_int_equal(rf_scheme_split("9170", "RF9091701B2025000123",
	    &kind, ref), 0);
	assert_int_equal(kind, RF_KIND_DEBT);
	assert_string_equal(ref, "B2025000123");
	/* the longest prefix and reference still fit in 21 characters */
	assert_int_equal(rf_scheme("123456", RF_KIND_DEBT, "ABCDEFGHIJ1234",
	    out), 0);
	assert_int_equal(strlen(out), RF_MAX);
	assert_int_equal(rf_scheme("1234567", RF_KIND_DEBT, "1", out), -1);
	assert_int_equal(rf_scheme("12a", RF_KIND_DEBT, "1", out), -1);
	assert_int_equal(rf_scheme("", RF_KIND_DEBT, "1", out), -1);
	assert_int_equal(rf_scheme("9170", RF_KIND_DEBT, "", out), -1);
	assert_int_equal(rf_scheme("9170", RF_KIND_DEBT, "ABCDEFGHIJ12345",
	    out), -1);
	assert_int_equal(rf_scheme("9170", RF_KIND_DEBT, "b1", out), -1);
	assert_int_equal(rf_scheme("9170", (enum rf_kind)3, "1", out), -1);
	/* someone else's references, and ours with a bad check digit */
	assert_int_equal(rf_scheme_split("9170", "RF18539007547034", &kind,
	    ref), -1);
	assert_int_equal(rf_scheme_split("9171", "RF449170242", &kind, ref),
	    -1);
	assert_int_equal(rf_scheme_split("9170", "RF459170242", &kind, ref),
	    -1);
	assert_int_equal(rf_make("91703", out), 0);	/* kind 3 */
	assert_int_equal(rf_scheme_split("9170", out, &kind, ref), -1);
	assert_int_equal(rf_make("91702", out), 0);	/* no reference */
	assert_int_equal(rf_scheme_split("9170", out, &kind, ref), -1);
}

static void
iban_check(void **state)
{
	char out[IBAN_MAX + 1], g[IBAN_GROUPED_MAX + 1];

	(void)state;
	assert_int_equal(iban_parse("GR16 0110 1250 0000 0001 2300 695", out),
	    0);
	assert_string_equal(out, "GR1601101250000000012300695");
	iban_group(out, g);
	assert_string_equal(g, "GR16 0110 1250 0000 0001 2300 695");
	assert_int_equal(iban_parse("gr1601101250000000012300695", out), 0);
	assert_int_equal(iban_parse("GB82 WEST 1234 5698 7654 32", out), 0);
	assert_int_equal(iban_parse("DE89370400440532013000", out), 0);
	assert_int_equal(iban_parse("GR1601101250000000012300696", out), -1);
	assert_int_equal(iban_parse("GR160110125000000001230069", out), -1);
	assert_int_equal(iban_parse("GR16-0110-1250", out), -1);
	assert_int_equal(iban_parse("1601101250000000012300695", out), -1);
	assert_int_equal(iban_parse("", out), -1);
}

/* ------------------------------------------------------------ plans */

static void
plan_sums_exactly(void **state)
{
	static const long long totals[] = { 4000, 4001, 9999, 10000, 12345,
		99999, 100001, 123456789, 250000, 1000003, KIT_MONEY_MAX_CENTS };
	struct plan p;

	(void)state;
	for (size_t t = 0; t < sizeof(totals) / sizeof(totals[0]); t++)
		for (unsigned n = PLAN_MIN_N; n <= PLAN_MAX_N; n++) {
			long long sum = 0;

			if (plan_make(totals[t], n, 1, &p) != PLAN_OK)
				fail_msg("%lld in %u refused", totals[t], n);
			for (unsigned i = 0; i < n; i++) {
				long long a = plan_amount(&p, i);

				/* whole cents, all within a cent per
				 * instalment of each other, first largest */
				assert_true(a >= p.regular);
				assert_true(a - p.regular < n);
				sum += a;
			}
			assert_int_equal(sum, totals[t]);
			assert_int_equal(plan_amount(&p, n), 0);
		}
	/* 1.000,00 € in 3: 333,34 then 333,33 twice */
	assert_int_equal(plan_make(100000, 3, 2000, &p), PLAN_OK);
	assert_int_equal(p.first, 33334);
	assert_int_equal(p.regular, 33333);
}

static void
plan_limits(void **state)
{
	struct plan p;

	(void)state;
	assert_int_equal(plan_make(100000, 1, 2000, &p), PLAN_ECOUNT);
	assert_int_equal(plan_make(100000, 49, 2000, &p), PLAN_ECOUNT);
	assert_int_equal(plan_make(100000, 0, 2000, &p), PLAN_ECOUNT);
	assert_int_equal(plan_make(0, 12, 2000, &p), PLAN_EEMPTY);
	assert_int_equal(plan_make(-5, 12, 2000, &p), PLAN_EEMPTY);
	/* 20,00 € at least: 1.000,00 € in 50 would be, but 48 is the cap;
	 * 500,00 € in 26 is 19,23 */
	assert_int_equal(plan_make(50000, 25, 2000, &p), PLAN_OK);
	assert_int_equal(plan_make(50000, 26, 2000, &p), PLAN_ESMALL);
	assert_int_equal(plan_max_n(50000, 2000), 25);
	assert_int_equal(plan_max_n(1000000, 2000), 48);
	assert_int_equal(plan_max_n(3999, 2000), 0);
	assert_int_equal(plan_max_n(4000, 2000), 2);
	assert_int_equal(plan_max_n(0, 2000), 0);
}

static void
plan_due_dates(void **state)
{
	char d[11];

	(void)state;
	assert_int_equal(plan_due("2026-01-15", 0, d), 0);
	assert_string_equal(d, "2026-02-28");
	assert_int_equal(plan_due("2028-01-31", 0, d), 0);
	assert_string_equal(d, "2028-02-29");		/* leap year */
	assert_int_equal(plan_due("2026-01-15", 1, d), 0);
	assert_string_equal(d, "2026-03-31");
	assert_int_equal(plan_due("2026-11-03", 1, d), 0);
	assert_string_equal(d, "2027-01-31");		/* over the year */
	assert_int_equal(plan_due("2026-12-31", 47, d), 0);
	assert_string_equal(d, "2030-12-31");
	assert_int_equal(plan_due("2026-02-30", 0, d), -1);
	assert_int_equal(plan_due("2026-1-15", 0, d), -1);
	assert_int_equal(plan_due("2026-01-15", 48, d), -1);
}

/* ---------------------------------------------------------- standing */

static void
standing_verdicts(void **state)
{
	const struct arrangement arr[] = {
		{ "R1", ARR_ACTIVE }, { "R2", ARR_LAPSED },
	};
	struct debt d[] = {
		/* paid in full by the revenue system's figures */
		{ "A", DEBT_FEE, 5000, 5000, 0, "2025-01-31", NULL },
		/* not yet due */
		{ "B", DEBT_TAP, 12000, 0, 0, "2026-06-30", NULL },
		/* overdue, but paid at the bank since the export */
		{ "C", DEBT_FINE, 3000, 1000, 2000, "2025-12-31", NULL },
	};
	struct standing s;

	(void)state;
	standing_of(d, 3, arr, 2, "2026-03-01", &s);
	assert_int_equal(s.verdict, NODEBT_CLEAR);
	assert_int_equal(s.owed, 12000);
	assert_int_equal(s.overdue, 0);
	assert_int_equal(s.n_open, 1);
	assert_string_equal(s.next_due, "2026-06-30");
	/* due today is not overdue; tomorrow it is */
	standing_of(d, 3, arr, 2, "2026-06-30", &s);
	assert_int_equal(s.verdict, NODEBT_CLEAR);
	standing_of(d, 3, arr, 2, "2026-07-01", &s);
	assert_int_equal(s.verdict, NODEBT_OWES);
	assert_int_equal(s.overdue, 12000);
	/* partly paid at the bank: still owes the rest */
	d[2].bank_paid = 1500;
	standing_of(d, 3, arr, 2, "2026-03-01", &s);
	assert_int_equal(s.verdict, NODEBT_OWES);
	assert_int_equal(s.overdue, 500);
	assert_int_equal(s.n_overdue, 1);
	/* overpaid counts as nothing owed, never as a credit */
	d[2].bank_paid = 9000;
	assert_int_equal(debt_outstanding(&d[2]), 0);
}

static void
standing_arrangements(void **state)
{
	const struct arrangement arr[] = {
		{ "R1", ARR_ACTIVE }, { "R2", ARR_LAPSED },
	};
	struct debt d[] = {
		{ "I1", DEBT_INSTALMENT, 10000, 10000, 0, "2026-01-31", "R1" },
		{ "I2", DEBT_INSTALMENT, 10000, 0, 0, "2026-02-28", "R1" },
		{ "I3", DEBT_INSTALMENT, 10000, 0, 0, "2026-03-31", "R1" },
	};
	struct standing s;

	(void)state;
	/* keeping up with an active arrangement: nothing overdue */
	standing_of(d, 3, arr, 2, "2026-02-15", &s);
	assert_int_equal(s.verdict, NODEBT_CLEAR);
	assert_true(s.in_arrangement);
	assert_string_equal(s.next_due, "2026-02-28");
	/* an instalment late, the arrangement still active: counts as no
	 * debt, but a clerk decides */
	standing_of(d, 3, arr, 2, "2026-03-10", &s);
	assert_int_equal(s.verdict, NODEBT_ARRANGED);
	assert_int_equal(s.overdue, 10000);
	assert_int_equal(s.overdue_arranged, 10000);
	/* the arrangement lost: the instalments are plain debts */
	d[1].arrangement = d[2].arrangement = "R2";
	standing_of(d, 3, arr, 2, "2026-03-10", &s);
	assert_int_equal(s.verdict, NODEBT_OWES);
	assert_false(s.in_arrangement);
	/* an unknown arrangement is not a good one */
	assert_false(arrangement_good(arr, 2, "R9"));
	assert_false(arrangement_good(arr, 2, NULL));
	/* another overdue debt besides a good arrangement */
	{
		struct debt e[] = {
			{ "I2", DEBT_INSTALMENT, 10000, 0, 0, "2026-02-28",
			    "R1" },
			{ "F", DEBT_FEE, 700, 0, 0, "2026-01-31", NULL },
		};

		standing_of(e, 2, arr, 2, "2026-03-10", &s);
		assert_int_equal(s.verdict, NODEBT_OWES);
		assert_int_equal(s.overdue, 10700);
		assert_int_equal(s.overdue_arranged, 10000);
	}
}

static void
tap_property(void **state)
{
	struct debt t[] = {
		{ "T1", DEBT_TAP, 4500, 4500, 0, "2025-12-31", NULL },
		{ "T2", DEBT_TAP, 4800, 0, 0, "2026-12-31", NULL },
	};
	long long over;

	(void)state;
	assert_false(tap_owed(t, 2, "2026-03-01", &over));
	assert_int_equal(over, 0);
	t[0].paid = 4000;
	assert_true(tap_owed(t, 2, "2026-03-01", &over));
	assert_int_equal(over, 500);
	assert_false(tap_owed(NULL, 0, "2026-03-01", &over));
	assert_int_equal(debt_kind_parse("tap"), DEBT_TAP);
	assert_int_equal(debt_kind_parse("TAP"), -1);
	assert_int_equal(arr_status_parse("lapsed"), ARR_LAPSED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rf_standard_vectors),
		cmocka_unit_test(rf_refusals),
		cmocka_unit_test(rf_municipal_scheme),
		cmocka_unit_test(iban_check),
		cmocka_unit_test(plan_sums_exactly),
		cmocka_unit_test(plan_limits),
		cmocka_unit_test(plan_due_dates),
		cmocka_unit_test(standing_verdicts),
		cmocka_unit_test(standing_arrangements),
		cmocka_unit_test(tap_property),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
