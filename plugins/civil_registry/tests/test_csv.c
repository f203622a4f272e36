/*
 * test_csv.c - unit tests of the civil registry's pure parts: the CSV
 * reader, the value checks, Greek folding and genitives, and the rules
 * across the import files (with the committed demo data as a fixture).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "crdata.h"
#include "csv.h"
#include "regutil.h"

static char err[REG_ERRSZ];

/* ---------------------------------------------------------------- csv */

static int
parse(const char *text, struct csv_table *t)
{
	err[0] = '\0';
	return csv_parse("x.csv", text, strlen(text), t, err, sizeof(err));
}

static void
csv_plain(void **state)
{
	struct csv_table t;

	(void)state;
	assert_int_equal(parse("a,b,c\n1,2,3\n4,,6\n", &t), 0);
	assert_int_equal(t.nrows, 3);
	assert_int_equal(t.rows[2].nfields, 3);
	assert_string_equal(t.rows[1].fields[2], "3");
	assert_string_equal(t.rows[2].fields[1], "");
	assert_int_equal(t.rows[2].line, 3);
	csv_free(&t);
	/* no final newline, CRLF, a BOM, blank lines */
	assert_int_equal(parse("\xef\xbb\xbf" "a,b\r\n\r\n1,2\r\n\n3,4", &t),
	    0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[0].fields[0], "a");
	assert_string_equal(t.rows[2].fields[1], "4");
	assert_int_equal(t.rows[1].line, 3);
	assert_int_equal(t.rows[2].line, 5);
	csv_free(&t);
}

static void
csv_quotes(void **state)
{
	struct csv_table t;

	(void)state;
	assert_int_equal(parse("name,note\n"
	    "\"Παπαδόπουλος, Γεώργιος\",\"είπε \"\"ναι\"\"\"\n"
	    "\"\",\"\"\"\"\n", &t), 0);
	assert_string_equal(t.rows[1].fields[0], "Παπαδόπουλος, Γεώργιος");
	assert_string_equal(t.rows[1].fields[1], "είπε \"ναι\"");
	assert_string_equal(t.rows[2].fields[0], "");
	assert_string_equal(t.rows[2].fields[1], "\"");
	csv_free(&t);
}

static void
csv_embedded_newlines(void **state)
{
	struct csv_table t;

	(void)state;
	/* a record spanning lines 2-4; the next starts on line 5 */
	assert_int_equal(parse("a,b\n1,\"line one\r\nline two\nthree\"\n"
	    "2,x\n", &t), 0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(t.rows[1].fields[1],
	    "line one\nline two\nthree");
	assert_int_equal(t.rows[1].line, 2);
	assert_int_equal(t.rows[2].line, 5);
	csv_free(&t);
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
	struct csv_table t;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(parse(bad[i].text, &t), -1);
		if (strncmp(err, bad[i].message, strlen(bad[i].message)) !=
		    0)
			fail_msg("case %zu: got '%s'", i, err);
		assert_null(t.rows);
	}
	/* a NUL byte */
	assert_int_equal(csv_parse("x.csv", "a\n\0\n", 4, &t, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "x.csv:2: a NUL byte (is this a text "
	    "file?)");
}

static void
csv_missing_file(void **state)
{
	struct csv_table t;

	(void)state;
	assert_int_equal(csv_load("/nonexistent/x.csv", "x.csv", &t, err,
	    sizeof(err)), -1);
	assert_non_null(strstr(err, "x.csv: cannot open"));
}

/* ----------------------------------------------------------- values */

static void
dates(void **state)
{
	char buf[64];

	(void)state;
	assert_true(reg_date_valid("1975-05-14"));
	assert_true(reg_date_valid("2024-02-29"));
	assert_true(reg_date_valid("2000-02-29"));
	assert_false(reg_date_valid("1900-02-29"));
	assert_false(reg_date_valid("2023-02-29"));
	assert_false(reg_date_valid("1970-13-01"));
	assert_false(reg_date_valid("1970-04-31"));
	assert_false(reg_date_valid("1970-1-01"));
	assert_false(reg_date_valid("1970-01-01 "));
	assert_false(reg_date_valid("14/05/1975"));
	assert_false(reg_date_valid(""));
	assert_false(reg_date_valid(NULL));
	assert_int_equal(reg_date_year("1975-05-14"), 1975);
	reg_date_short("1975-05-14", buf, sizeof(buf));
	assert_string_equal(buf, "14/05/1975");
	reg_date_long("1975-05-04", buf, sizeof(buf));
	assert_string_equal(buf, "4 Μαΐου 1975");
	reg_date_long("2019-12-31", buf, sizeof(buf));
	assert_string_equal(buf, "31 Δεκεμβρίου 2019");
}

static void
identifiers(void **state)
{
	static const char *const good[] = { "126018150", "083016618",
	    "018609131", "099603082", "046281947", "019935180",
	    "145612003" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(reg_afm_valid(good[i]));
	assert_false(reg_afm_valid("150752911"));	/* bad check digit */
	assert_false(reg_afm_valid("126018151"));
	assert_false(reg_afm_valid("000000000"));
	assert_false(reg_afm_valid("12601815"));
	assert_false(reg_afm_valid("1260181500"));
	assert_false(reg_afm_valid("12601815a"));
	assert_true(reg_amka_valid("14057512346"));
	assert_true(reg_amka_valid("01019000007"));
	assert_false(reg_amka_valid("14057512345"));
	assert_false(reg_amka_valid("1405751234"));
	assert_false(reg_amka_valid("1405751234x"));
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
		reg_genitive(g[i].name, buf, sizeof(buf));
		if (strcmp(buf, g[i].genitive) != 0)
			fail_msg("genitive of '%s': '%s', expected '%s'",
			    g[i].name, buf, g[i].genitive);
	}
	reg_fold("Γεώργιος Παπαδόπουλος", buf, sizeof(buf));
	assert_string_equal(buf, "ΓΕΩΡΓΙΟΣ ΠΑΠΑΔΟΠΟΥΛΟΣ");
	reg_fold("Προϊκάκη Ξενία-Ϊ́ρις ΰ", buf, sizeof(buf));
	assert_string_equal(buf, "ΠΡΟΙΚΑΚΗ ΞΕΝΙΑ ΙΡΙΣ Υ");
	reg_fold("Smith", buf, sizeof(buf));
	assert_string_equal(buf, "SMITH");
	/* decomposed accents (NFD) fold the same */
	reg_fold("Γεω\xcc\x81ργιος", buf, sizeof(buf));
	assert_string_equal(buf, "ΓΕΩΡΓΙΟΣ");
	assert_true(reg_fold_eq("Γεώργιος", "ΓΕΩΡΓΙΟΣ"));
	assert_true(reg_fold_eq("ελληνική", "ΕΛΛΗΝΙΚΗ"));
	assert_false(reg_fold_eq("Γεώργιος", "ΓΕΩΡΓΙΑ"));
	assert_false(reg_fold_eq("Γεώργιος", "ΓΕΩΡΓΙΟ"));
	assert_int_equal(reg_utf8_chars("Νιγρίτα"), 7);
	/* a small buffer truncates on a character boundary */
	reg_fold("Νιγρίτα", buf, 6);
	assert_string_equal(buf, "ΝΙ");
}

static void
units(void **state)
{
	struct reg_units u;

	(void)state;
	assert_int_equal(reg_units_parse("Αχινός:Αχινού, Νιγρίτα : Νιγρίτας",
	    &u, err, sizeof(err)), 0);
	assert_int_equal(u.n, 2);
	assert_string_equal(reg_unit_genitive(&u, "ΝΙΓΡΙΤΑ"), "Νιγρίτας");
	assert_string_equal(reg_unit_genitive(&u, "Αχινός"), "Αχινού");
	assert_null(reg_unit_genitive(&u, "Σέρρες"));
	assert_int_equal(reg_units_parse("Αχινός", &u, err, sizeof(err)), -1);
	assert_int_equal(reg_units_parse("", &u, err, sizeof(err)), -1);
	assert_int_equal(reg_units_parse(":x", &u, err, sizeof(err)), -1);
}

/* ------------------------------------------------------------ sheets */

static const char families_ok[] =
    "merida,unit,address\n"
    "10,Νιγρίτα,\"Αγίου Γεωργίου 12, Νιγρίτα\"\n"
    "11,Τράγιλος,\n";

#define PERSONS_HEADER \
    "id,merida,relation,surname,name,father_name,mother_name,sex," \
    "birth_date,birth_place,afm,amka,status,death_date,father_id," \
    "mother_id\n"

static const char persons_ok[] = PERSONS_HEADER
    "1,10,head,Παπαδόπουλος,Νικόλαος,Γεώργιος,Ελένη,M,1945-03-02,"
	"Νιγρίτα,,,deceased,2019-11-20,,\n"
    "2,10,spouse,Παπαδοπούλου,Μαρία,Ιωάννης,Σοφία,F,1948-06-10,Τερπνή,"
	",,alive,,,\n"
    "3,11,head,Παπαδόπουλος,Γεώργιος,Νικόλαος,Μαρία,M,1975-05-14,"
	"Νιγρίτα,126018150,14057512346,,,1,2\n";

static const char events_ok[] =
    "person_id,kind,date,place,act_ref,related_person_id\n"
    "1,birth,1945-03-02,Νιγρίτα,\"Πράξη γέννησης 12/1945\",\n"
    "1,marriage,1970-09-13,Νιγρίτα,,2\n"
    "2,marriage,1970-09-13,Νιγρίτα,,1\n"
    "1,death,2019-11-20,Σέρρες,,\n";

static struct reg_units visaltia;

static int
setup(void **state)
{
	(void)state;
	return reg_units_parse("Αχινός:Αχινού, Βισαλτία:Βισαλτίας, "
	    "Νιγρίτα:Νιγρίτας, Τράγιλος:Τραγίλου", &visaltia, err,
	    sizeof(err));
}

static int
load(const char *f, const char *p, const char *e)
{
	struct cr_dataset ds;
	int rc;

	err[0] = '\0';
	rc = cr_dataset_parse(&ds, f, p, e, &visaltia, err, sizeof(err));
	if (rc == 0)
		cr_dataset_free(&ds);
	return rc;
}

static void
dataset_ok(void **state)
{
	struct cr_dataset ds;

	(void)state;
	assert_int_equal(cr_dataset_parse(&ds, families_ok, persons_ok,
	    events_ok, &visaltia, err, sizeof(err)), 0);
	assert_int_equal(reg_sheet_rows(&ds.persons), 3);
	assert_string_equal(reg_sheet_get(&ds.persons, 2, P_AFM),
	    "126018150");
	assert_null(reg_sheet_get(&ds.persons, 0, P_AFM));
	assert_null(reg_sheet_get(&ds.persons, 0, P_MARITAL));	/* absent */
	assert_int_equal(ds.person_family[2], 1);
	assert_string_equal(reg_sheet_get(&ds.families, 0, F_ADDRESS),
	    "Αγίου Γεωργίου 12, Νιγρίτα");
	cr_dataset_free(&ds);
}

/* persons_ok with line 2 + k replaced (k = 0, 1, 2). */
static const char *
persons_with(int k, const char *line)
{
	static char buf[4096];
	const char *rows[3] = {
	    "1,10,head,Παπαδόπουλος,Νικόλαος,Γεώργιος,Ελένη,M,1945-03-02,"
		"Νιγρίτα,,,deceased,2019-11-20,,\n",
	    "2,10,spouse,Παπαδοπούλου,Μαρία,Ιωάννης,Σοφία,F,1948-06-10,"
		"Τερπνή,,,alive,,,\n",
	    "3,11,head,Παπαδόπουλος,Γεώργιος,Νικόλαος,Μαρία,M,1975-05-14,"
		"Νιγρίτα,126018150,14057512346,,,1,2\n" };

	rows[k] = line;
	snprintf(buf, sizeof(buf), PERSONS_HEADER "%s%s%s", rows[0], rows[1],
	    rows[2]);
	return buf;
}

static void
dataset_errors(void **state)
{
	static const struct {
		int		 k;
		const char	*row;
		const char	*message;
	} bad[] = {
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1970-13-01,Ν,,,,,,\n",
		    "persons.csv:4: birth_date: \"1970-13-01\" is not a date "
		    "(YYYY-MM-DD)" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,2999-01-01,Ν,,,,,,\n",
		    "persons.csv:4: birth_date: \"2999-01-01\" is in the future" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,X,1970-01-01,Ν,,,,,,\n",
		    "persons.csv:4: sex: \"X\" is not one of: M, F" },
		{ 2, "3,11,boss,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,,,,\n",
		    "persons.csv:4: relation: \"boss\" is not one of: head, "
		    "spouse, child, other" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,126018151,,,,,\n",
		    "persons.csv:4: afm: \"126018151\" is not a valid AFM" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,14057512345,,,,\n",
		    "persons.csv:4: amka: \"14057512345\" is not a valid AMKA" },
		{ 2, "3,99,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,,,,\n",
		    "persons.csv:4: merida: 99 is not in families.csv" },
		{ 2, "3,10,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,,,,\n",
		    "persons.csv:4: family 10 already has a head (line 2)" },
		{ 2, "1,11,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,,,,\n",
		    "persons.csv:4: id: 1 appears again (first on line 2)" },
		{ 2, "3,11,head,,Γ,Ν,Μ,M,1970-01-01,Ν,,,,,,\n",
		    "persons.csv:4: surname: a value is required" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,,,2,\n",
		    "persons.csv:4: father_id: 2 (line 3) has sex F" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1940-01-01,Ν,,,,,1,\n",
		    "persons.csv:4: father_id: 1 (line 2) was not born before "
		    "this person" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,,,77,\n",
		    "persons.csv:4: father_id: 77 is not a person of "
		    "persons.csv" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,alive,2000-01-01,,\n",
		    "persons.csv:4: a death date or place for a person whose "
		    "status is alive" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,,1960-01-01,,\n",
		    "persons.csv:4: death_date: \"1960-01-01\" is before "
		    "birth_date \"1970-01-01\"" },
		{ 2, "3,11,head,ΠΑΠΑΔΟΠΟΥΛΟΥ,ΜΑΡΙΑ,ΙΩΑΝΝΗΣ,ΣΟΦΙΑ,F,1948-06-10,"
		    "Ν,,,,,,\n", "persons.csv:4: ΜΑΡΙΑ ΠΑΠΑΔΟΠΟΥΛΟΥ (born "
		    "1948-06-10) is already registered on line 3" },
		{ 1, "2,10,spouse,Π,Μ,Ι,Σ,F,1948-06-10,Τ,126018150,,,,,\n",
		    "persons.csv:4: afm: 126018150 appears again (first on "
		    "line 3)" },
		{ 2, "3,11,head,\"Π\nΑ\",Γ,Ν,Μ,M,1970-01-01,Ν,,,,,,\n",
		    "persons.csv:4: surname: contains a control character" },
		{ 2, "3,11,head,Π,Γ,Ν,Μ,M,1970-01-01,Ν,,,,,,,\n",
		    "persons.csv:4: 17 fields, but the header has 16" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *p = persons_with(bad[i].k, bad[i].row);
		int rc = load(families_ok, p, events_ok);

		if (rc != -1 || strncmp(err, bad[i].message,
		    strlen(bad[i].message)) != 0)
			fail_msg("case %zu: rc %d, got '%s', expected '%s'",
			    i, rc, err, bad[i].message);
	}
}

static void
dataset_file_errors(void **state)
{
	static const struct {
		const char	*f;
		const char	*p;
		const char	*e;
		const char	*message;
	} bad[] = {
		{ "merida,unit,addres\n10,Νιγρίτα,x\n", persons_ok, events_ok,
		    "families.csv:1: unknown column 'addres'" },
		{ "merida,address\n10,x\n", persons_ok, events_ok,
		    "families.csv:1: the required column 'unit' is missing" },
		{ "merida,unit,unit\n10,Νιγρίτα,Νιγρίτα\n", persons_ok,
		    events_ok, "families.csv:1: column 'unit' appears twice" },
		{ "merida,unit\n10,Νιγρίτα\n11,Σέρρες\n", persons_ok,
		    events_ok, "families.csv:3: unit: \"Σέρρες\" is not a "
		    "municipal unit of the municipality (Αχινός, Βισαλτία, "
		    "Νιγρίτα, Τράγιλος)" },
		{ "merida,unit\n10,Νιγρίτα\n11,Αχινός\n10,Αχινός\n",
		    persons_ok, events_ok, "families.csv:4: merida: 10 appears "
		    "again (first on line 2)" },
		{ "merida,unit\n10,Νιγρίτα\n11,Αχινός\n12,Αχινός\n",
		    persons_ok, events_ok, "families.csv:4: family 12 has no "
		    "persons in persons.csv" },
		{ "merida,unit\n0,Νιγρίτα\n", persons_ok, events_ok,
		    "families.csv:2: merida: 0 is not between 1 and 99999999" },
		{ "merida,unit\n1a,Νιγρίτα\n", persons_ok, events_ok,
		    "families.csv:2: merida: \"1a\" is not a whole number" },
		{ families_ok, persons_ok, "person_id,kind,date\n"
		    "9,birth,1945-03-02\n", "events.csv:2: person_id: 9 is not "
		    "a person of persons.csv" },
		{ families_ok, persons_ok, "person_id,kind,date\n"
		    "1,birth,1945-03-03\n", "events.csv:2: a birth on "
		    "1945-03-03, but the person's birth_date is 1945-03-02" },
		{ families_ok, persons_ok, "person_id,kind,date\n"
		    "2,death,2020-01-01\n", "events.csv:2: a death of person "
		    "2, who is alive in persons.csv" },
		{ families_ok, persons_ok, "person_id,kind,date\n"
		    "1,marriage,1940-01-01\n", "events.csv:2: date 1940-01-01 "
		    "is before the person's birth (1945-03-02)" },
		{ families_ok, persons_ok, "person_id,kind,date\n"
		    "1,marriage,2020-01-01\n", "events.csv:2: date 2020-01-01 "
		    "is after the person's death (2019-11-20)" },
		{ families_ok, persons_ok, "person_id,kind,date\n"
		    "1,adoption,2000-01-01\n", "events.csv:2: kind: \"adoption\" "
		    "is not one of: birth, marriage, divorce, death, "
		    "transfer" },
		{ families_ok, persons_ok, "person_id,kind,date,"
		    "related_person_id\n1,marriage,1970-01-01,1\n",
		    "events.csv:2: related_person_id: is the person itself" },
		{ families_ok, persons_ok, "person_id,kind,date\n"
		    "3,transfer,2000-01-01\n\"3\",transfer,2000-01-01\n",
		    "events.csv:3: the same transfer of person 3 on "
		    "2000-01-01 is already on line 2" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = load(bad[i].f, bad[i].p, bad[i].e);

		if (rc != -1 || strncmp(err, bad[i].message,
		    strlen(bad[i].message)) != 0)
			fail_msg("case %zu: rc %d, got '%s', expected '%s'",
			    i, rc, err, bad[i].message);
	}
}

/* The committed demo data loads, and holds the stack's test people. */
static void
demo_data(void **state)
{
	struct cr_dataset ds;
	int found = 0, karagiannis = 0, oikonomou = 0;

	(void)state;
	if (cr_dataset_load(&ds, CR_DEMO_DIR, &visaltia, err,
	    sizeof(err)) != 0)
		fail_msg("demo data: %s", err);
	assert_true(reg_sheet_rows(&ds.families) >= 100);
	assert_true(reg_sheet_rows(&ds.persons) >= 350);
	for (size_t r = 0; r < reg_sheet_rows(&ds.persons); r++) {
		const char *afm = reg_sheet_get(&ds.persons, r, P_AFM);
		const char *s = reg_sheet_get(&ds.persons, r, P_SURNAME);
		const char *n = reg_sheet_get(&ds.persons, r, P_NAME);
		const char *f = reg_sheet_get(&ds.persons, r, P_FATHER);
		int y = reg_date_year(reg_sheet_get(&ds.persons, r,
		    P_BIRTH_DATE));

		if (afm != NULL && strcmp(afm, "126018150") == 0 &&
		    reg_fold_eq(n, "ΓΕΩΡΓΙΟΣ") && y == 1975)
			found |= 1;
		/* in the registry without her AFM */
		if (reg_fold_eq(s, "ΓΕΩΡΓΙΟΥ") && reg_fold_eq(n, "ΕΛΕΝΗ") &&
		    reg_fold_eq(f, "ΔΗΜΗΤΡΙΟΣ") && y == 1982 && afm == NULL)
			found |= 2;
		if (afm != NULL && strcmp(afm, "083016618") == 0)
			found |= 64;		/* must not be there */
		if (afm != NULL && strcmp(afm, "018609131") == 0)
			found |= 128;
		/* the clerk path: in neither registry */
		if (reg_fold_eq(s, "ΟΙΚΟΝΟΜΟΥ") &&
		    reg_fold_eq(n, "ΠΑΝΑΓΙΩΤΗΣ"))
			oikonomou = 1;
		/* Ioannis Nikolaou's father, deceased (next of kin) */
		if (reg_fold_eq(s, "ΝΙΚΟΛΑΟΥ") &&
		    reg_fold_eq(n, "ΚΩΝΣΤΑΝΤΙΝΟΣ") && y == 1929 &&
		    reg_sheet_get(&ds.persons, r, P_DEATH_DATE) != NULL)
			found |= 4;
		if (afm != NULL && strcmp(afm, "099603082") == 0)
			found |= 8;
		if (afm != NULL && strcmp(afm, "046281947") == 0)
			found |= 16;
		if (reg_fold_eq(s, "ΠΑΠΑΔΟΠΟΥΛΟΣ") &&
		    reg_fold_eq(n, "ΝΙΚΟΛΑΟΣ") && y < 1960 &&
		    reg_sheet_get(&ds.persons, r, P_DEATH_DATE) != NULL)
			found |= 32;
		if (reg_fold_eq(s, "ΚΑΡΑΓΙΑΝΝΗΣ") &&
		    reg_fold_eq(n, "ΑΘΑΝΑΣΙΟΣ") && y == 1949)
			karagiannis = 1;
	}
	assert_int_equal(found, 1 | 2 | 4 | 8 | 16 | 32 | 128);
	assert_false(karagiannis);
	assert_false(oikonomou);
	cr_dataset_free(&ds);
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
		cmocka_unit_test(identifiers),
		cmocka_unit_test(greek),
		cmocka_unit_test(units),
		cmocka_unit_test(dataset_ok),
		cmocka_unit_test(dataset_errors),
		cmocka_unit_test(dataset_file_errors),
		cmocka_unit_test(demo_data),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
