/*
 * test_data.c - unit tests of the civil registry's import files: the rules
 * across families.csv, persons.csv and events.csv, with the committed demo
 * data as a fixture (the kit's own parts are tested in core/pluginkit).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/kit/csv.h"
#include "dimos/kit/text.h"

#include "crdata.h"

/* The municipality's today in these tests (host->today in the plugin). */
#define TODAY	"2026-03-02"

static char err[KIT_ERRSZ];

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

static struct kit_units visaltia;

static int
setup(void **state)
{
	(void)state;
	return kit_units_parse("Αχινός:Αχινού, Βισαλτία:Βισαλτίας, "
	    "Νιγρίτα:Νιγρίτας, Τράγιλος:Τραγίλου", &visaltia, err,
	    sizeof(err));
}

static int
load(const char *f, const char *p, const char *e)
{
	struct cr_dataset ds;
	int rc;

	err[0] = '\0';
	rc = cr_dataset_parse(&ds, f, p, e, &visaltia, TODAY, err, sizeof(err));
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
	    events_ok, &visaltia, TODAY, err, sizeof(err)), 0);
	assert_int_equal(kit_sheet_rows(&ds.persons), 3);
	assert_string_equal(kit_sheet_get(&ds.persons, 2, P_AFM),
	    "126018150");
	assert_null(kit_sheet_get(&ds.persons, 0, P_AFM));
	assert_null(kit_sheet_get(&ds.persons, 0, P_MARITAL));	/* absent */
	assert_int_equal(ds.person_family[2], 1);
	assert_string_equal(kit_sheet_get(&ds.families, 0, F_ADDRESS),
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
	if (cr_dataset_load(&ds, CR_DEMO_DIR, &visaltia, TODAY, err,
	    sizeof(err)) != 0)
		fail_msg("demo data: %s", err);
	assert_true(kit_sheet_rows(&ds.families) >= 100);
	assert_true(kit_sheet_rows(&ds.persons) >= 350);
	for (size_t r = 0; r < kit_sheet_rows(&ds.persons); r++) {
		const char *afm = kit_sheet_get(&ds.persons, r, P_AFM);
		const char *s = kit_sheet_get(&ds.persons, r, P_SURNAME);
		const char *n = kit_sheet_get(&ds.persons, r, P_NAME);
		const char *f = kit_sheet_get(&ds.persons, r, P_FATHER);
		int y = kit_date_year(kit_sheet_get(&ds.persons, r,
		    P_BIRTH_DATE));

		if (afm != NULL && strcmp(afm, "126018150") == 0 &&
		    kit_fold_eq(n, "ΓΕΩΡΓΙΟΣ") && y == 1975)
			found |= 1;
		/* in the registry without her AFM */
		if (kit_fold_eq(s, "ΓΕΩΡΓΙΟΥ") && kit_fold_eq(n, "ΕΛΕΝΗ") &&
		    kit_fold_eq(f, "ΔΗΜΗΤΡΙΟΣ") && y == 1982 && afm == NULL)
			found |= 2;
		if (afm != NULL && strcmp(afm, "083016618") == 0)
			found |= 64;		/* must not be there */
		if (afm != NULL && strcmp(afm, "018609131") == 0)
			found |= 128;
		/* the clerk path: in neither registry */
		if (kit_fold_eq(s, "ΟΙΚΟΝΟΜΟΥ") &&
		    kit_fold_eq(n, "ΠΑΝΑΓΙΩΤΗΣ"))
			oikonomou = 1;
		/* Ioannis Nikolaou's father, deceased (next of kin) */
		if (kit_fold_eq(s, "ΝΙΚΟΛΑΟΥ") &&
		    kit_fold_eq(n, "ΚΩΝΣΤΑΝΤΙΝΟΣ") && y == 1929 &&
		    kit_sheet_get(&ds.persons, r, P_DEATH_DATE) != NULL)
			found |= 4;
		if (afm != NULL && strcmp(afm, "099603082") == 0)
			found |= 8;
		if (afm != NULL && strcmp(afm, "046281947") == 0)
			found |= 16;
		if (kit_fold_eq(s, "ΠΑΠΑΔΟΠΟΥΛΟΣ") &&
		    kit_fold_eq(n, "ΝΙΚΟΛΑΟΣ") && y < 1960 &&
		    kit_sheet_get(&ds.persons, r, P_DEATH_DATE) != NULL)
			found |= 32;
		if (kit_fold_eq(s, "ΚΑΡΑΓΙΑΝΝΗΣ") &&
		    kit_fold_eq(n, "ΑΘΑΝΑΣΙΟΣ") && y == 1949)
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
		cmocka_unit_test(dataset_ok),
		cmocka_unit_test(dataset_errors),
		cmocka_unit_test(dataset_file_errors),
		cmocka_unit_test(demo_data),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
