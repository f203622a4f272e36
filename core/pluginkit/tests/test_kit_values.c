/*
 * test_kit_values.c - unit tests of the kit's amounts, calendar
 * arithmetic, ΚΑΕΚ and supply numbers, and the sheets' extra typed values
 * and sorted indexes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/index.h"
#include "dimos/kit/money.h"

/* ------------------------------------------------------------- money */

static long long
plain(const char *s)
{
	long long c = -1;

	return kit_money_parse_plain(s, &c) == 0 ? c : -1;
}

static long long
typed(const char *s)
{
	long long c = -1;

	return kit_money_parse_typed(s, &c) == 0 ? c : -1;
}

static void
money_plain(void **state)
{
	(void)state;
	assert_int_equal(plain("1234.56"), 123456);
	assert_int_equal(plain("12.5"), 1250);
	assert_int_equal(plain("7"), 700);
	assert_int_equal(plain("0.01"), 1);
	assert_int_equal(plain("0"), 0);
	assert_int_equal(plain("100000000.00"), KIT_MONEY_MAX_CENTS);
	assert_int_equal(plain("100000000.01"), -1);
	assert_int_equal(plain("1234.567"), -1);
	assert_int_equal(plain("1.234,56"), -1);
	assert_int_equal(plain("12,50"), -1);
	assert_int_equal(plain("-5"), -1);
	assert_int_equal(plain("+5"), -1);
	assert_int_equal(plain(" 5"), -1);
	assert_int_equal(plain("5."), -1);
	assert_int_equal(plain(".5"), -1);
	assert_int_equal(plain(""), -1);
	assert_int_equal(plain("1e3"), -1);
	assert_int_equal(plain("99999999999999999999"), -1);
}

static void
money_typed(void **state)
{
	(void)state;
	assert_int_equal(typed("1.234,56"), 123456);
	assert_int_equal(typed("1234,56"), 123456);
	assert_int_equal(typed("1234,5"), 123450);
	assert_int_equal(typed("1234.56"), 123456);
	assert_int_equal(typed("1.234"), 123400);	/* thousands */
	assert_int_equal(typed("1.234.567,8"), 123456780);
	assert_int_equal(typed("12"), 1200);
	assert_int_equal(typed(" 45,00 € "), 4500);
	assert_int_equal(typed("45,00\xc2\xa0\xe2\x82\xac"), 4500);
	assert_int_equal(typed("1\xc2\xa0" "234,56"), 123456);
	assert_int_equal(typed("0,07"), 7);
	assert_int_equal(typed("12,345"), -1);		/* three decimals */
	assert_int_equal(typed("1.23.456"), -1);	/* bad grouping */
	assert_int_equal(typed("1234.567"), -1);
	assert_int_equal(typed("12,5,0"), -1);
	assert_int_equal(typed("1,234.56"), -1);	/* English style */
	assert_int_equal(typed("€ 12"), -1);
	assert_int_equal(typed("12 € 5"), -1);
	assert_int_equal(typed("-12"), -1);
	assert_int_equal(typed("δώδεκα"), -1);
	assert_int_equal(typed(""), -1);
	assert_int_equal(typed("€"), -1);
	assert_int_equal(typed(","), -1);
	assert_int_equal(typed("12,"), -1);
}

static void
money_formats(void **state)
{
	char b[KIT_MONEY_BUFSZ];

	(void)state;
	kit_money_format(123456, b);
	assert_string_equal(b, "1.234,56\xc2\xa0\xe2\x82\xac");
	kit_money_format_bare(123456, b);
	assert_string_equal(b, "1.234,56");
	kit_money_format_bare(0, b);
	assert_string_equal(b, "0,00");
	kit_money_format_bare(5, b);
	assert_string_equal(b, "0,05");
	kit_money_format_bare(99999, b);
	assert_string_equal(b, "999,99");
	kit_money_format_bare(100000, b);
	assert_string_equal(b, "1.000,00");
	kit_money_format_bare(123456789012LL, b);
	assert_string_equal(b, "1.234.567.890,12");
	kit_money_format_bare(-123456, b);
	assert_string_equal(b, "-1.234,56");
	kit_money_format_plain(123456, b);
	assert_string_equal(b, "1234.56");
	kit_money_format_plain(7, b);
	assert_string_equal(b, "0.07");
	/* what is written is read back */
	for (long long c = 0; c < 2000000; c += 997) {
		long long back;

		kit_money_format_bare(c, b);
		assert_int_equal(kit_money_parse_typed(b, &back), 0);
		assert_int_equal(back, c);
		kit_money_format_plain(c, b);
		assert_int_equal(kit_money_parse_plain(b, &back), 0);
		assert_int_equal(back, c);
	}
}

/* --------------------------------------------------------------- ΚΑΕΚ */

static void
kaek_check(void **state)
{
	char out[KIT_KAEK_MAX + 1], f[64];

	(void)state;
	assert_int_equal(kit_kaek_parse("050681726008", out), 0);
	assert_string_equal(out, "050681726008");
	assert_int_equal(kit_kaek_parse("05 068 17 26 008", out), 0);
	assert_string_equal(out, "050681726008");
	assert_int_equal(kit_kaek_parse("05-068-17-26-008/0/0", out), 0);
	assert_string_equal(out, "050681726008");
	assert_int_equal(kit_kaek_parse("050681726008/0/1", out), 0);
	assert_string_equal(out, "050681726008/0/1");
	assert_int_equal(kit_kaek_parse("050681726008/12/3", out), 0);
	assert_string_equal(out, "050681726008/12/3");
	kit_kaek_format("050681726008/0/1", f, sizeof(f));
	assert_string_equal(f, "05 068 17 26 008/0/1");
	/* 11 or 13 digits, letters, all zeros, unknown area, bad parts */
	assert_int_equal(kit_kaek_parse("05068172600", out), -1);
	assert_int_equal(kit_kaek_parse("0506817260081", out), -1);
	assert_int_equal(kit_kaek_parse("05068172600Α", out), -1);
	assert_int_equal(kit_kaek_parse("05068172600O", out), -1);
	assert_int_equal(kit_kaek_parse("000000000000", out), -1);
	assert_int_equal(kit_kaek_parse("001234567890", out), -1);
	assert_int_equal(kit_kaek_parse("050001726008", out), -1);
	assert_int_equal(kit_kaek_parse("050681726008/", out), -1);
	assert_int_equal(kit_kaek_parse("050681726008/1", out), -1);
	assert_int_equal(kit_kaek_parse("050681726008/01/0", out), -1);
	assert_int_equal(kit_kaek_parse("050681726008/1/2/3", out), -1);
	assert_int_equal(kit_kaek_parse("050681726008/12345/0", out), -1);
	assert_int_equal(kit_kaek_parse("", out), -1);
}

static void
power_supply_check(void **state)
{
	char out[KIT_POWER_SUPPLY_MAX + 1];

	(void)state;
	assert_int_equal(kit_power_supply_parse("1 23456789-01 2", out), 0);
	assert_string_equal(out, "123456789012");
	assert_int_equal(kit_power_supply_parse("123456789", out), 0);
	assert_int_equal(kit_power_supply_parse("12345678", out), -1);
	assert_int_equal(kit_power_supply_parse("1234567890123", out), -1);
	assert_int_equal(kit_power_supply_parse("12345678a", out), -1);
}

static void
calendar(void **state)
{
	char d[11];

	(void)state;
	kit_date_add("2026-03-02", 30, d);
	assert_string_equal(d, "2026-04-01");
	kit_date_add("2028-02-28", 1, d);
	assert_string_equal(d, "2028-02-29");
	kit_date_add("2026-12-31", 1, d);
	assert_string_equal(d, "2027-01-01");
	kit_date_add("2026-03-01", -1, d);
	assert_string_equal(d, "2026-02-28");
	assert_int_equal(kit_date_days("1970-01-01"), 0);
	assert_int_equal(kit_date_days("2000-03-01") - kit_date_days("2000-02-28"), 2);
	for (long n = kit_date_days("1800-01-01"); n < kit_date_days("9999-12-31");
	    n += 997) {
		kit_date_from_days(n, d);
		assert_int_equal(kit_date_days(d), n);
	}
}

/* ------------------------------------------------- sheets and indexes */

static const struct kit_column cols[] = {
	{ "ref", KIT_TEXT, KIT_REQUIRED, 0, 64, NULL },
	{ "amount", KIT_TEXT, 0, 0, 32, NULL },
	{ "area", KIT_TEXT, 0, 0, 32, NULL },
	{ "kaek", KIT_TEXT, 0, 0, 64, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static void
sheet_values(void **state)
{
	struct kit_sheet sh = { .file = "x.csv", .cols = cols,
	    .today = "2026-03-02" };
	const char text[] = "ref,amount,area,kaek\n"
	    "A1,12.50,85.4,42118 02 02 001\n"
	    "a-2,12,50,7,1\n"
	    "A1,,,\n";
	char err[KIT_ERRSZ], k[KIT_KAEK_MAX + 1];
	const char *code = NULL;
	long long cents = -1, area = -1;

	(void)state;
	assert_int_equal(kit_sheet_parse(&sh, text, strlen(text), err,
	    sizeof(err)), -1);
	/* "12,50" split the row: the line is refused as a whole */
	assert_string_equal(err, "x.csv:3: 5 fields, but the header has 4");
	{
		const char ok[] = "ref,amount,area,kaek\n"
		    "A1,12.50,85.4,42118 02 02 001\n"
		    "a-2,12,7.25,1\n"
		    "A1,,,\n";

		assert_int_equal(kit_sheet_parse(&sh, ok, strlen(ok), err,
		    sizeof(err)), 0);
	}
	assert_int_equal(kit_sheet_code(&sh, 0, 0, 14, &code, err,
	    sizeof(err)), 0);
	assert_string_equal(code, "A1");
	assert_int_equal(kit_sheet_money(&sh, 0, 1, 1, 1, KIT_MONEY_MAX_CENTS,
	    &cents, err, sizeof(err)), 0);
	assert_int_equal(cents, 1250);
	assert_int_equal(kit_sheet_decimal(&sh, 0, 2, 1, 1, 100000, &area, err,
	    sizeof(err)), 0);
	assert_int_equal(area, 854);
	assert_int_equal(kit_sheet_kaek(&sh, 0, 3, k, err, sizeof(err)), 0);
	assert_string_equal(k, "421180202001");
	assert_int_equal(kit_sheet_code(&sh, 1, 0, 14, &code, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "x.csv:3: ref: \"a-2\" is not 1 to 14 "
	    "capital Latin letters and digits");
	assert_int_equal(kit_sheet_decimal(&sh, 1, 2, 1, 1, 100000, &area, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "x.csv:3: area: \"7.25\" is not a number "
	    "with at most 1 decimal after a point");
	assert_int_equal(kit_sheet_kaek(&sh, 1, 3, k, err, sizeof(err)), -1);
	/* absent: untouched, an error only when required */
	cents = 7;
	assert_int_equal(kit_sheet_money(&sh, 2, 1, 0, 0, 100, &cents, err,
	    sizeof(err)), 0);
	assert_int_equal(cents, 7);
	assert_int_equal(kit_sheet_money(&sh, 2, 1, 1, 0, 100, &cents, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "x.csv:4: amount: a value is required");
	assert_int_equal(kit_sheet_absent(&sh, 0, 1, "is not for this row",
	    err, sizeof(err)), -1);
	assert_string_equal(err, "x.csv:2: amount: \"12.50\" is not for this "
	    "row");
	assert_int_equal(kit_sheet_unique(&sh, 0, err, sizeof(err)), -1);
	assert_string_equal(err, "x.csv:4: ref: \"A1\" appears again (first on "
	    "line 2)");
	kit_sheet_free(&sh);
}

struct rec {
	int	 key;
	unsigned line;
};

static int
rec_cmp(const void *a, const void *b)
{
	const struct rec *x = *(const void *const *)a;
	const struct rec *y = *(const void *const *)b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static int
key_cmp(const void *a, const void *b)
{
	const struct rec *x = *(const void *const *)a;
	const struct rec *y = *(const void *const *)b;

	return (x->key > y->key) - (x->key < y->key);
}

static int
same(const void *a, const void *b)
{
	return ((const struct rec *)a)->key == ((const struct rec *)b)->key;
}

static unsigned
line_of(const void *e)
{
	return ((const struct rec *)e)->line;
}

static int
odd(const void *e)
{
	return ((const struct rec *)e)->key % 2 != 0;
}

static void
index_lookups(void **state)
{
	struct rec r[] = { { 5, 2 }, { 3, 3 }, { 9, 4 }, { 3, 5 }, { 9, 6 },
		{ 8, 7 }, { 9, 8 } };
	struct rec key = { 9, 0 };
	struct kit_index ix;
	const void *orig = NULL;
	const struct rec *dup, *found;

	(void)state;
	assert_int_equal(kit_index_make(&ix, r, sizeof(r[0]), 7, NULL,
	    rec_cmp), 0);
	assert_int_equal(ix.n, 7);
	found = kit_index_find(&ix, &key, key_cmp);
	assert_non_null(found);
	assert_int_equal(found->line, 4);	/* the first of its key */
	key.key = 4;
	assert_null(kit_index_find(&ix, &key, key_cmp));
	/* the first repeat in file order: 3 on line 5 (of line 3) */
	dup = kit_index_first_repeat(&ix, same, line_of, &orig);
	assert_non_null(dup);
	assert_int_equal(dup->line, 5);
	assert_int_equal(((const struct rec *)orig)->line, 3);
	free(ix.v);
	/* a filtered index: the odd keys only */
	assert_int_equal(kit_index_make(&ix, r, sizeof(r[0]), 7, odd,
	    rec_cmp), 0);
	assert_int_equal(ix.n, 6);
	free(ix.v);
	/* nothing repeated */
	assert_int_equal(kit_index_make(&ix, r, sizeof(r[0]), 3, NULL,
	    rec_cmp), 0);
	assert_null(kit_index_first_repeat(&ix, same, line_of, &orig));
	free(ix.v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(money_plain),
		cmocka_unit_test(money_typed),
		cmocka_unit_test(money_formats),
		cmocka_unit_test(kaek_check),
		cmocka_unit_test(power_supply_check),
		cmocka_unit_test(calendar),
		cmocka_unit_test(sheet_values),
		cmocka_unit_test(index_lookups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
