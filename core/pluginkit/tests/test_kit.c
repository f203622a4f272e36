/*
 * test_kit.c - unit tests of the plugin kit (the dimos/kit headers; pure:
 * no host, no database): the CSV reader, sheets checked against typed
 * columns and their file:line messages, dates, identifiers, Greek folding, genitives
 * and municipal units, matching people, building certificates.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "dimos/kit/cert.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/text.h"

static char err[KIT_ERRSZ];

/* ---------------------------------------------------------------- csv */

static int
parse(const char *text, struct kit_csv_table *t)
{
	err[0] = '\0';
	return kit_csv_parse("x.csv", text, strlen(text), t, err, sizeof(err));
}

static void
csv_plain(void **state)
{
	struct kit_csv_table t;

	(void)state;
	assert_int_equal(parse("a,b,c\n1,2,3\n4,,6\n", &t), 0);
	assert_int_equal(t.nrows, 3);
	assert_int_equal(t.rows[2].nfields, 3);
	assert_string_equal(t.rows[1].fields[2], "3");
	assert_string_equal(t.rows[2].fields[1], "");
	assert_int_equal(t.rows[2].line, 3);
	kit_csv_free(&t);
	/* no final newline, CRLF, a BOM, blank lines */
	assert_int_equal(parse("\xef\xbb\xbf" "a,b\r\n\r\n1,2\r\n\n3,4", &t),
	    0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0].fields[0], "a");
	assert_string_equal(t.rows[2].fields[1], "4");
	assert_int_equal(t.rows[1].line, 3);
	assert_int_equal(t.rows[2].line, 5);
	kit_csv_free(&t);
}

static void
csv_quotes(void **state)
{
	struct kit_csv_table t;

	(void)state;
	assert_int_equal(parse("name,note\n"
	    "\"Παπαδόπουλος, Γεώργιος\",\"είπε \"\"ναι\"\"\"\n"
	    "\"\",\"\"\"\"\n", &t), 0);
	assert_string_equal(t.rows[1].fields[0], "Παπαδόπουλος, Γεώργιος");
	assert_string_equal(t.rows[1].fields[1], "είπε \"ναι\"");
	assert_string_equal(t.rows[2].fields[0], "");
	assert_string_equal(t.rows[2].fields[1], "\"");
	kit_csv_free(&t);
}

static void
csv_embedded_newlines(void **state)
{
	struct kit_csv_table t;

	(void)state;
	/* a record spanning lines 2-4; the next starts on line 5 */
	assert_int_equal(parse("a,b\n1,\"line one\r\nline two\nthree\"\n"
	    "2,x\n", &t), 0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[1].fields[1],
	    "line one\nline two\nthree");
	assert_int_equal(t.rows[1].line, 2);
	assert_int_equal(t.rows[2].line, 5);
	kit_csv_free(&t);
}

static void
csv_malformed(void **state)
{
	static const struct {
		const char	*text;
		const char	*message;
	} bad[] = {
		{ "a,b\n1,2\n3,x\"y\n", "x.csv:3: a quote inside an unquoted "
		    "field" },
		{ "a,b\n1,\"2\"x\n", "x.csv:2: text after the closing quote" },
		{ "a,b\n1,2\n3,\"open\nstill open\n", "x.csv:3: a quoted "
		    "field is not closed" },
		{ "a,b\n1,2\r3,4\n", "x.csv:2: a carriage return without a "
		    "line feed" },
		{ "a,b,c\n1,2,3\n\"multi\nline\",2,3\n4,5\n", "x.csv:5: 2 "
		    "fields, but the header has 3" },
		{ "a,b\n1,2\n3,\xff\n", "x.csv:3: not valid UTF-8" },
		{ "a,b\n1,\xc0\xaf\n", "x.csv:2: not valid UTF-8" },
		{ "", "x.csv:1: the file is empty" },
		{ "\n\n", "x.csv:1: the file is empty" },
	};
	struct kit_csv_table t;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i].text, &t), -1);
		if (strncmp(err, bad[i].message, strlen(bad[i].message)) !=
		    0)
			fail_msg("case %zu: got '%s'", i, err);
		assert_null(t.rows);
	}
	/* a NUL byte */
	assert_int_equal(kit_csv_parse("x.csv", "a\n\0\n", 4, &t, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "x.csv:2: a NUL byte (is this a text "
	    "file?)");
}

static void
csv_missing_file(void **state)
{
	struct kit_csv_table t;

	(void)state;
	assert_int_equal(kit_csv_load("/nonexistent/x.csv", "x.csv", &t, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "x.csv: cannot open"));
}

/* ----------------------------------------------------------- values */

static void
dates(void **state)
{
	char buf[64];

	(void)state;
	assert_true(kit_date_valid("1975-05-14"));
	assert_true(kit_date_valid("2024-02-29"));
	assert_true(kit_date_valid("2000-02-29"));
	assert_false(kit_date_valid("1900-02-29"));
	assert_false(kit_date_valid("2023-02-29"));
	assert_false(kit_date_valid("1970-13-01"));
	assert_false(kit_date_valid("1970-04-31"));
	assert_false(kit_date_valid("1970-1-01"));
	assert_false(kit_date_valid("1970-01-01 "));
	assert_false(kit_date_valid("14/05/1975"));
	assert_false(kit_date_valid(""));
	assert_false(kit_date_valid(NULL));
	assert_int_equal(kit_date_year("1975-05-14"), 1975);
	kit_date_short("1975-05-14", buf, sizeof(buf));
	assert_string_equal(buf, "14/05/1975");
	kit_date_long("1975-05-04", buf, sizeof(buf));
	assert_string_equal(buf, "4 Μαΐου 1975");
	kit_date_long("2019-12-31", buf, sizeof(buf));
	assert_string_equal(buf, "31 Δεκεμβρίου 2019");
}

static void
date_arithmetic(void **state)
{
	char d[11];
	int ok;

	(void)state;
	assert_int_equal(kit_date_weekday("2026-04-09"), 4);	/* Thursday */
	assert_int_equal(kit_date_weekday("2026-04-13"), 1);
	assert_int_equal(kit_date_weekday("2026-01-04"), 7);
	assert_int_equal(kit_date_weekday("1970-01-01"), 4);
	assert_int_equal(kit_date_weekday("1969-12-28"), 7);
	assert_int_equal(kit_date_weekday("1800-01-01"), 3);
	assert_int_equal(kit_date_weekday("2026-02-29"), 0);
	assert_int_equal(kit_date_weekday(NULL), 0);
	assert_int_equal(kit_date_add("2026-03-01", -1, d), 0);
	assert_string_equal(d, "2026-02-28");
	assert_int_equal(kit_date_add("2024-03-01", -1, d), 0);
	assert_string_equal(d, "2024-02-29");
	assert_int_equal(kit_date_add("2025-12-31", 1, d), 0);
	assert_string_equal(d, "2026-01-01");
	assert_int_equal(kit_date_add("2026-04-09", 365, d), 0);
	assert_string_equal(d, "2027-04-09");
	strcpy(d, "2000-02-28");
	assert_int_equal(kit_date_add(d, 1, d), 0);	/* in place */
	assert_string_equal(d, "2000-02-29");
	assert_int_equal(kit_date_add("1800-01-01", -1, d), -1);
	assert_int_equal(kit_date_add("9999-12-31", 1, d), -1);
	assert_int_equal(kit_date_add("2026-04-31", 1, d), -1);
	assert_int_equal(kit_date_diff("2026-04-09", "2026-04-21", &ok), 12);
	assert_true(ok);
	assert_int_equal(kit_date_diff("2026-04-21", "2024-04-21", &ok), -730);
	assert_int_equal(kit_date_diff("x", "2024-04-21", &ok), 0);
	assert_false(ok);
}

/* A stored UTC time shown in the municipality's zone (the host sets TZ). */
static void
local_times(void **state)
{
	char out[17];

	(void)state;
	setenv("TZ", "Europe/Athens", 1);
	tzset();
	/* Winter (+2): 23:30 UTC is the next day in Athens. */
	assert_int_equal(kit_time_local("2026-12-05 23:30:00.123456", out), 0);
	assert_string_equal(out, "2026-12-06 01:30");
	/* Summer (+3), seconds left out, the end of a year crossed. */
	assert_int_equal(kit_time_local("2026-07-01 21:15", out), 0);
	assert_string_equal(out, "2026-07-02 00:15");
	assert_int_equal(kit_time_local("2025-12-31 22:00:00", out), 0);
	assert_string_equal(out, "2026-01-01 00:00");
	/* Not a stored time: nothing shown. */
	assert_int_equal(kit_time_local("2026-12-05", out), -1);
	assert_string_equal(out, "");
	assert_int_equal(kit_time_local("2026-02-30 10:00:00", out), -1);
	assert_int_equal(kit_time_local("2026-12-05 24:00:00", out), -1);
	assert_int_equal(kit_time_local("2026-12-05T10:00:00", out), -1);
	assert_int_equal(kit_time_local(NULL, out), -1);
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(kit_time_local("2026-12-05 23:30:59", out), 0);
	assert_string_equal(out, "2026-12-05 23:30");
}

static void
identifiers(void **state)
{
	static const char *const good[] = { "126018150", "083016618",
	    "018609131", "099603082", "046281947", "019935180",
	    "145612003" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(kit_afm_valid(good[i]));
	assert_false(kit_afm_valid("150752911"));	/* bad check digit */
	assert_false(kit_afm_valid("126018151"));
	assert_false(kit_afm_valid("000000000"));
	assert_false(kit_afm_valid("12601815"));
	assert_false(kit_afm_valid("1260181500"));
	assert_false(kit_afm_valid("12601815a"));
	assert_true(kit_amka_valid("14057512346"));
	assert_true(kit_amka_valid("01019000007"));
	assert_false(kit_amka_valid("14057512345"));
	assert_false(kit_amka_valid("1405751234"));
	assert_false(kit_amka_valid("1405751234x"));
}

static void
greek(void **state)
{
	static const struct {
		const char	*name;
		const char	*genitive;
	} g[] = {
		{ "Νικόλαος", "Νικολάου" }, { "Γεώργιος", "Γεωργίου" },
		{ "Κωνσταντίνος", "Κωνσταντίνου" },
		{ "Στυλιανός", "Στυλιανού" }, { "Ιωάννης", "Ιωάννη" },
		{ "Ηλίας", "Ηλία" }, { "Θωμάς", "Θωμά" },
		{ "Βασίλειος", "Βασιλείου" }, { "Σταύρος", "Σταύρου" },
		{ "Παύλος", "Παύλου" }, { "Αλέξανδρος", "Αλεξάνδρου" },
		{ "Ευάγγελος", "Ευαγγέλου" }, { "Χρήστος", "Χρήστου" },
		{ "Αθανάσιος", "Αθανασίου" }, { "Δημήτριος", "Δημητρίου" },
		{ "Σπυρίδων", "Σπυρίδωνος" }, { "Εμμανουήλ", "Εμμανουήλ" },
		{ "Μιχαήλ", "Μιχαήλ" }, { "ΝΙΚΟΛΑΟΣ", "ΝΙΚΟΛΑΟΥ" },
		{ "ΙΩΑΝΝΗΣ", "ΙΩΑΝΝΗ" }, { "ΣΤΥΛΙΑΝΟΣ", "ΣΤΥΛΙΑΝΟΥ" },
		{ "Μαρία", "Μαρίας" }, { "Ελένη", "Ελένης" },
		{ "Αικατερίνη", "Αικατερίνης" }, { "Βασιλική", "Βασιλικής" },
		{ "ΜΑΡΙΑ ΕΛΕΝΗ", "ΜΑΡΙΑΣ ΕΛΕΝΗΣ" },
		{ "Γεώργιος-Νικόλαος", "Γεωργίου-Νικολάου" },
		{ "John", "John" }, { "", "" },
	};
	char buf[128];

	(void)state;
	for (size_t i = 0; i < sizeof(g) / sizeof(g[0]); i++) {
		kit_genitive(g[i].name, buf, sizeof(buf));
		if (strcmp(buf, g[i].genitive) != 0)
			fail_msg("genitive of '%s': '%s', expected '%s'",
			    g[i].name, buf, g[i].genitive);
	}
	kit_fold("Γεώργιος Παπαδόπουλος", buf, sizeof(buf));
	assert_string_equal(buf, "ΓΕΩΡΓΙΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ");
	kit_fold("Προϊκάκη Ξενία-Ϊ́ρις ΰ", buf, sizeof(buf));
	assert_string_equal(buf, "ΠΡΟΙΚΑΚΗ ΞΕΝΙΑ ΙΡΙΣ Υ");
	kit_fold("Smith", buf, sizeof(buf));
	assert_string_equal(buf, "SMITH");
	/* decomposed accents (NFD) fold the same */
	kit_fold("Γεω\xcc\x81ργιος", buf, sizeof(buf));
	assert_string_equal(buf, "ΓΕΩΡΓΙΟΣ");
	assert_true(kit_fold_eq("Γεώργιος", "ΓΕΩΡΓΙΟΣ"));
	assert_true(kit_fold_eq("ελληνική", "ΕΛΛΗΝΙΚΗ"));
	assert_false(kit_fold_eq("Γεώργιος", "ΓΕΩΡΓΙΑ"));
	assert_false(kit_fold_eq("Γεώργιος", "ΓΕΩΡΓΙΟ"));
	assert_int_equal(kit_utf8_chars("Νιγρίτα"), 7);
	/* a small buffer truncates on a character boundary */
	kit_fold("Νιγρίτα", buf, 6);
	assert_string_equal(buf, "ΝΙ");
}

static void
units(void **state)
{
	struct kit_units u;

	(void)state;
	assert_int_equal(kit_units_parse("Αχινός:Αχινού, Νιγρίτα : Νιγρίτας",
	    &u, err, sizeof(err)), 0);
	assert_int_equal(u.n, 2);
	assert_string_equal(kit_unit_genitive(&u, "ΝΙΓΡΙΤΑ"), "Νιγρίτας");
	assert_string_equal(kit_unit_genitive(&u, "Αχινός"), "Αχινού");
	assert_null(kit_unit_genitive(&u, "Σέρρες"));
	assert_int_equal(kit_units_parse("Αχινός", &u, err, sizeof(err)), -1);
	assert_int_equal(kit_units_parse("", &u, err, sizeof(err)), -1);
	assert_int_equal(kit_units_parse(":x", &u, err, sizeof(err)), -1);
}


/* ------------------------------------------------------------ sheets */

enum { C_ID, C_NAME, C_BORN, C_AFM, C_AMKA, C_KIND };

static const char *const kinds[] = { "bulky", "green", NULL };

static const struct kit_column cols[] = {
	[C_ID] = { "id", KIT_INT, KIT_REQUIRED, 1, 9999, NULL },
	[C_NAME] = { "name", KIT_TEXT, KIT_REQUIRED, 0, 12, NULL },
	[C_BORN] = { "born", KIT_DATE, KIT_PAST, 0, 0, NULL },
	[C_AFM] = { "afm", KIT_AFM, 0, 0, 0, NULL },
	[C_AMKA] = { "amka", KIT_AMKA, 0, 0, 0, NULL },
	[C_KIND] = { "kind", KIT_CHOICE, 0, 0, 0, kinds },
	{ NULL, 0, 0, 0, 0, NULL },
};

static int
sheet(struct kit_sheet *sh, const char *text, const char *today)
{
	memset(sh, 0, sizeof(*sh));
	sh->file = "pickups.csv";
	sh->cols = cols;
	sh->today = today;
	err[0] = '\0';
	return kit_sheet_parse(sh, text, strlen(text), err, sizeof(err));
}

static void
import_args(void **state)
{
	char *ok[] = { "cleaning", "import", "--if-empty", "demo" };
	char *plain[] = { "cleaning", "import", "demo" };
	char *two[] = { "cleaning", "import", "a", "b" };
	char *flag[] = { "cleaning", "import", "--replace", "demo" };
	char *none[] = { "cleaning", "import", "--if-empty" };
	char *both[] = { "registry", "import", "--if-empty", "--replace",
	    "demo" };
	const char *dir;
	int if_empty, replace;

	(void)state;
	assert_int_equal(kit_import_args(4, ok, 2, &if_empty, NULL, &dir), 0);
	assert_int_equal(if_empty, 1);
	assert_string_equal(dir, "demo");
	assert_int_equal(kit_import_args(3, plain, 2, &if_empty, NULL, &dir), 0);
	assert_int_equal(if_empty, 0);
	assert_string_equal(dir, "demo");
	assert_int_equal(kit_import_args(4, two, 2, &if_empty, NULL, &dir), -1);
	assert_int_equal(kit_import_args(4, flag, 2, &if_empty, NULL, &dir), -1);
	assert_int_equal(kit_import_args(3, none, 2, &if_empty, NULL, &dir), -1);
	assert_int_equal(kit_import_args(2, none, 2, &if_empty, NULL, &dir), -1);
	/* A plugin with --replace: it is read, and not beside --if-empty. */
	assert_int_equal(kit_import_args(4, flag, 2, &if_empty, &replace,
	    &dir), 0);
	assert_int_equal(replace, 1);
	assert_string_equal(dir, "demo");
	assert_int_equal(kit_import_args(4, ok, 2, &if_empty, &replace, &dir),
	    0);
	assert_int_equal(replace, 0);
	assert_int_equal(kit_import_args(5, both, 2, &if_empty, &replace,
	    &dir), -1);
}

static void
sheets(void **state)
{
	static const struct {
		const char	*text;
		const char	*message;
	} bad[] = {
		{ "id,name\n0,Α\n", "pickups.csv:2: id: 0 is not between 1 "
		    "and 9999" },
		{ "id,name\nx1,Α\n", "pickups.csv:2: id: \"x1\" is not a "
		    "whole number" },
		{ "id,name\n1,Αβγδεζηθικλμν\n", "pickups.csv:2: name: "
		    "\"Αβγδεζηθικλμν\" is longer than 12 characters" },
		{ "id,name\n1,\n", "pickups.csv:2: name: a value is "
		    "required" },
		{ "id,name,born\n1,Α,2026-03-03\n", "pickups.csv:2: born: "
		    "\"2026-03-03\" is in the future" },
		{ "id,name,born\n1,Α,03/03/2020\n", "pickups.csv:2: born: "
		    "\"03/03/2020\" is not a date (YYYY-MM-DD)" },
		{ "id,name,afm\n1,Α,126018151\n", "pickups.csv:2: afm: "
		    "\"126018151\" is not a valid AFM" },
		{ "id,name,amka\n1,Α,14057512345\n", "pickups.csv:2: amka: "
		    "\"14057512345\" is not a valid AMKA" },
		{ "id,name,kind\n1,Α,big\n", "pickups.csv:2: kind: \"big\" is "
		    "not one of: bulky, green" },
		{ "id,name,colour\n1,Α,red\n", "pickups.csv:1: unknown column "
		    "'colour'" },
		{ "name\nΑ\n", "pickups.csv:1: the required column 'id' is "
		    "missing" },
		{ "id,name,id\n1,Α,2\n", "pickups.csv:1: column 'id' appears "
		    "twice" },
		{ "id,name\n1,Α\n2,\"Β\n", "pickups.csv:3: a quoted field" },
	};
	struct kit_sheet sh;

	(void)state;
	assert_int_equal(sheet(&sh, " kind , id,name,born,afm,amka\n"
	    "green,7, Παπαδόπουλος ,2026-03-02,126018150,14057512346\n"
	    ",8,Β,,,\n", "2026-03-02"), 0);
	assert_int_equal(kit_sheet_rows(&sh), 2);
	assert_int_equal(kit_sheet_line(&sh, 1), 3);
	assert_int_equal(kit_sheet_int(&sh, 0, C_ID), 7);
	assert_string_equal(kit_sheet_get(&sh, 0, C_NAME), "Παπαδόπουλος");
	assert_string_equal(kit_sheet_get(&sh, 0, C_KIND), "green");
	assert_null(kit_sheet_get(&sh, 1, C_KIND));	/* empty */
	kit_sheet_free(&sh);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = sheet(&sh, bad[i].text, "2026-03-02");

		if (rc != -1 || strncmp(err, bad[i].message,
		    strlen(bad[i].message)) != 0)
			fail_msg("case %zu: rc %d, got '%s', expected '%s'",
			    i, rc, err, bad[i].message);
	}
	/* "not in the future" needs today from the host */
	assert_int_equal(sheet(&sh, "id,name\n1,Α\n", NULL), -1);
	assert_non_null(strstr(err, "pickups.csv: column born must not be "
	    "in the future, but the sheet was given no today"));
}

/* ---------------------------------------------------------- matching */

static void
match_rules(void **state)
{
	struct kit_key a, e;

	(void)state;
	/* TaxisNet capitals against the registry's accents */
	kit_key_make(&a, NULL, "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "ΝΙΚΟΛΑΟΣ", 1975);
	kit_key_make(&e, NULL, "Παπαδόπουλος", "Γεώργιος", "Νικόλαος", 1975);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_NAME);
	/* another birth year, another father: not the same person */
	kit_key_make(&e, NULL, "Παπαδόπουλος", "Γεώργιος", "Νικόλαος", 1976);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_NONE);
	kit_key_make(&e, NULL, "Παπαδόπουλος", "Γεώργιος", "Νικηφόρος", 1975);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_NONE);
	/* the same AFM wins whatever the names say */
	kit_key_make(&a, "126018150", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΙΩΡΓΟΣ", "", 0);
	kit_key_make(&e, "126018150", "Παπαδόπουλος", "Γεώργιος", "Νικόλαος",
	    1975);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_AFM);
	/* two different AFMs: namesakes, never a match */
	kit_key_make(&a, "083016618", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "ΝΙΚΟΛΑΟΣ",
	    1975);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_NONE);
	/* an invalid AFM counts as none; names decide */
	kit_key_make(&a, "126018151", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "ΝΙΚΟΛΑΟΣ",
	    1975);
	kit_key_make(&e, NULL, "Παπαδόπουλος", "Γεώργιος", "Νικόλαος", 1975);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_NAME);
	/* without a father's name or a year, names alone never match */
	kit_key_make(&a, NULL, "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "", 1975);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_NONE);
	kit_key_make(&a, NULL, "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "ΝΙΚΟΛΑΟΣ", 0);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_NONE);
	/* double names, hyphen or space */
	kit_key_make(&a, NULL, "ΠΡΟΪΚΑΚΗ", "ΜΑΡΙΑ ΕΛΕΝΗ", "ΕΜΜΑΝΟΥΗΛ", 1988);
	kit_key_make(&e, NULL, "Προϊκάκη", "Μαρία-Ελένη", "Εμμανουήλ", 1988);
	assert_int_equal(kit_match(&a, &e), KIT_MATCH_NAME);
}

/* ------------------------------------------------------- certificates */

static struct kit_heap heap;

static void
certificates(void **state)
{
	struct kit_alloc a = { kit_heap_alloc, &heap };
	struct dm_certificate out;
	struct kit_cert c;

	(void)state;
	assert_string_equal(kit_agen(&a, "Νικόλαος"), "Νικολάου");
	assert_string_equal(kit_adate(&a, "1975-05-14"), "14/05/1975");
	assert_string_equal(kit_adate_long(&a, "1975-05-14"), "14 Μαΐου 1975");
	assert_string_equal(kit_aprintf(&a, "%s %d", "αρ.", 12), "αρ. 12");
	kit_cert_init(&c, &a);
	kit_cert_para(&c, "Βεβαιώνεται ότι ο %s", "Γεώργιος");
	kit_cert_row(&c, "Όνομα", "Γεώργιος");
	kit_cert_row(&c, "ΑΦΜ", NULL);		/* left out */
	kit_cert_row(&c, "ΑΜΚΑ", "");		/* left out */
	kit_cert_remark(&c, "Για κάθε νόμιμη χρήση.");
	memset(&out, 0, sizeof(out));
	assert_int_equal(kit_cert_finish(&c, &out), 0);
	assert_int_equal(out.nparagraphs, 1);
	assert_string_equal(out.paragraphs[0], "Βεβαιώνεται ότι ο Γεώργιος");
	assert_int_equal(out.nrows, 1);
	assert_string_equal(out.rows[0].label, "Όνομα");
	assert_int_equal(out.nremarks, 1);
	/* more than fits is reported, not truncated silently */
	kit_cert_init(&c, &a);
	for (int i = 0; i < KIT_CERT_ROWS + 1; i++)
		kit_cert_row(&c, "x", "y");
	assert_int_equal(kit_cert_finish(&c, &out), -1);
	kit_heap_free(&heap);
	assert_null(heap.blocks);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_plain),
		cmocka_unit_test(csv_quotes),
		cmocka_unit_test(csv_embedded_newlines),
		cmocka_unit_test(csv_malformed),
		cmocka_unit_test(csv_missing_file),
		cmocka_unit_test(dates),
		cmocka_unit_test(date_arithmetic),
		cmocka_unit_test(local_times),
		cmocka_unit_test(identifiers),
		cmocka_unit_test(greek),
		cmocka_unit_test(units),
		cmocka_unit_test(sheets),
		cmocka_unit_test(import_args),
		cmocka_unit_test(match_rules),
		cmocka_unit_test(certificates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
