/*
 * test_entries.c - unit tests of the male registry's import file: the
 * shared CSV reader as entries.csv uses it, every rule of mrdata.c, and the
 * committed demo data (which must hold the stack's test people).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/text.h"

#include "mrdata.h"

/* The municipality's today in these tests (host->today in the plugin). */
#define TODAY	"2026-03-02"

static char err[KIT_ERRSZ];
static struct kit_units visaltia;

#define HEADER "id,surname,name,father_name,mother_name,birth_date," \
	"birth_year,birth_place,unit,entry_year,entry_no,afm\n"

static const char ok[] = HEADER
    "1,Παπαδόπουλος,Γεώργιος,Νικόλαος,Μαρία,1975-05-14,1975,Νιγρίτα,"
	"Νιγρίτα,1975,123,126018150\n"
    "2,ΚΑΡΑΓΙΑΝΝΗΣ,ΑΘΑΝΑΣΙΟΣ,ΣΤΥΛΙΑΝΟΣ,ΠΑΡΑΣΚΕΥΗ,,1949,Αχινός,Αχινός,"
	"1949,21,\n"
    "3,\"Νικολάου\",\"Ιωάννης\",Κωνσταντίνος,Ευαγγελία,,1958,"
	"\"Μαυροθάλασσα, Σερρών\",Τράγιλος,1960,7,099603082\r\n";

static int
setup(void **state)
{
	(void)state;
	return kit_units_parse("Αχινός:Αχινού, Βισαλτία:Βισαλτίας, "
	    "Νιγρίτα:Νιγρίτας, Τράγιλος:Τραγίλου", &visaltia, err,
	    sizeof(err));
}

static int
parse(const char *text)
{
	struct kit_sheet sh;
	int rc;

	err[0] = '\0';
	rc = mr_parse(&sh, text, &visaltia, TODAY, err, sizeof(err));
	if (rc == 0)
		kit_sheet_free(&sh);
	return rc;
}

static void
entries_ok(void **state)
{
	struct kit_sheet sh;

	(void)state;
	assert_int_equal(mr_parse(&sh, ok, &visaltia, TODAY, err, sizeof(err)), 0);
	assert_int_equal(kit_sheet_rows(&sh), 3);
	assert_string_equal(kit_sheet_get(&sh, 0, M_AFM), "126018150");
	assert_null(kit_sheet_get(&sh, 1, M_BIRTH_DATE));
	assert_null(kit_sheet_get(&sh, 1, M_AFM));
	assert_int_equal(kit_sheet_int(&sh, 1, M_BIRTH_YEAR), 1949);
	assert_string_equal(kit_sheet_get(&sh, 2, M_BIRTH_PLACE),
	    "Μαυροθάλασσα, Σερρών");
	assert_int_equal(kit_sheet_line(&sh, 2), 4);
	kit_sheet_free(&sh);
	/* columns in another order, optional ones left out */
	assert_int_equal(parse("unit,entry_no,entry_year,id,surname,name,"
	    "father_name,mother_name,birth_year,birth_place\n"
	    "Βισαλτία,4,1980,9,Ζήσης,Παύλος,Ηλίας,Ζωή,1980,Βέργη\n"), 0);
}

/* ok with its row k (0..2) replaced. */
static const char *
with(int k, const char *row)
{
	static char buf[4096];
	const char *rows[3] = {
	    "1,Παπαδόπουλος,Γεώργιος,Νικόλαος,Μαρία,1975-05-14,1975,Νιγρίτα,"
		"Νιγρίτα,1975,123,126018150\n",
	    "2,ΚΑΡΑΓΙΑΝΝΗΣ,ΑΘΑΝΑΣΙΟΣ,ΣΤΥΛΙΑΝΟΣ,ΠΑΡΑΣΚΕΥΗ,,1949,Αχινός,"
		"Αχινός,1949,21,\n",
	    "3,Νικολάου,Ιωάννης,Κωνσταντίνος,Ευαγγελία,,1958,Μαυροθάλασσα,"
		"Τράγιλος,1960,7,099603082\n" };

	rows[k] = row;
	snprintf(buf, sizeof(buf), HEADER "%s%s%s", rows[0], rows[1],
	    rows[2]);
	return buf;
}

static void
entries_errors(void **state)
{
	/*
	 * Messages of the shared sheet checks (regutil.c) are matched on
	 * what must be in them: file, line, column and value; those of
	 * mrdata.c in full.
	 */
	static const struct {
		int		 k;
		const char	*row;
		const char	*message;
	} bad[] = {
		{ 2, "3,Ν,Ι,Κ,Ε,1958-02-30,1958,Μ,Τράγιλος,1960,7,\n",
		    "entries.csv:4: birth_date: \"1958-02-30\" is not a "
		    "date" },
		{ 2, "3,Ν,Ι,Κ,Ε,1957-02-03,1958,Μ,Τράγιλος,1960,7,\n",
		    "entries.csv:4: birth_date '1957-02-03' is not in "
		    "birth_year 1958" },
		{ 2, "3,Ν,Ι,Κ,Ε,,1958,Μ,Τράγιλος,1950,7,\n",
		    "entries.csv:4: entry_year 1950 is not between the birth "
		    "year 1958 and this year" },
		{ 2, "3,Ν,Ι,Κ,Ε,,2099,Μ,Τράγιλος,2099,7,\n",
		    "entries.csv:4: birth_year 2099 is in the future" },
		{ 2, "3,Ν,Ι,Κ,Ε,,1958,Μ,Σέρρες,1960,7,\n",
		    "entries.csv:4: unit 'Σέρρες' is not a municipal unit of "
		    "the municipality (Αχινός, Βισαλτία, Νιγρίτα, Τράγιλος)" },
		{ 2, "3,Ν,Ι,Κ,Ε,,1958,Μ,Τράγιλος,1960,7,099603083\n",
		    "entries.csv:4: afm: \"099603083\"" },
		{ 2, "3,Ν,Ι,Κ,Ε,,1958,Μ,Τράγιλος,1960,7,126018150\n",
		    "entries.csv:4: afm 126018150 appears again (first on line "
		    "2)" },
		{ 2, "1,Ν,Ι,Κ,Ε,,1958,Μ,Τράγιλος,1960,7,\n",
		    "entries.csv:4: id 1 appears again (first on line 2)" },
		{ 2, "3,Ν,Ι,Κ,Ε,,1949,Μ,ΑΧΙΝΟΣ,1949,21,\n",
		    "entries.csv:4: entry 21/1949 of ΑΧΙΝΟΣ appears again "
		    "(first on line 3)" },
		{ 2, "3,Καραγιάννης,Αθανάσιος,Στυλιανός,Παρασκευή,,1949,Μ,"
		    "Τράγιλος,1950,1,\n", "entries.csv:4: Αθανάσιος "
		    "Καραγιάννης, son of Στυλιανός, born 1949, is already "
		    "entered on line 3" },
		{ 2, "3,,Ι,Κ,Ε,,1958,Μ,Τράγιλος,1960,7,\n",
		    "entries.csv:4: surname" },
		{ 2, "3,Ν,Ι,Κ,Ε,,1958,Μ,Τράγιλος,1960,0,\n",
		    "entries.csv:4: entry_no: 0" },
		{ 2, "3,Ν,Ι,Κ,Ε,,195x,Μ,Τράγιλος,1960,7,\n",
		    "entries.csv:4: birth_year: \"195x\"" },
		{ 2, "3,Ν,Ι,Κ,Ε,,1958,Μ,Τράγιλος,1960,7\n",
		    "entries.csv:4: 11 fields, but the header has 12" },
		{ 2, "3,Ν,Ι,Κ,\"Ε\"x,,1958,Μ,Τράγιλος,1960,7,\n",
		    "entries.csv:4: text after the closing quote" },
		{ 1, "2,\"ΚΑΡΑ\nΓΙΑΝΝΗΣ\",Α,Σ,Π,,1949,Α,Αχινός,1949,21,\n",
		    "entries.csv:3: surname: " },
		{ 1, "2,\"ΚΑΡΑ\nΓΙΑΝΝΗΣ,Α,Σ,Π,,1949,Α,Αχινός,1949,21,\n",
		    "entries.csv:3: a quoted field is not closed" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = parse(with(bad[i].k, bad[i].row));

		if (rc != -1 || strncmp(err, bad[i].message,
		    strlen(bad[i].message)) != 0)
			fail_msg("case %zu: rc %d, got '%s', expected '%s'",
			    i, rc, err, bad[i].message);
	}
}

static void
header_errors(void **state)
{
	static const struct {
		const char	*text;
		const char	*message;
	} bad[] = {
		{ "id,surname,name,father_name,mother_name,birth_year,"
		    "birth_place,unit,entry_year\n", "entries.csv:1: the "
		    "required column 'entry_no' is missing" },
		{ "id,surname,name,father,mother_name,birth_year,birth_place,"
		    "unit,entry_year,entry_no\n", "entries.csv:1: unknown "
		    "column 'father'" },
		{ "", "entries.csv:1: the file is empty" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = parse(bad[i].text);

		if (rc != -1 || strncmp(err, bad[i].message,
		    strlen(bad[i].message)) != 0)
			fail_msg("case %zu: rc %d, got '%s', expected '%s'",
			    i, rc, err, bad[i].message);
	}
}

/* The committed demo file loads and holds the stack's test men. */
static void
demo_data(void **state)
{
	struct kit_sheet sh;
	int found = 0;

	(void)state;
	if (mr_load(&sh, MR_DEMO_DIR, &visaltia, TODAY, err, sizeof(err)) != 0)
		fail_msg("demo data: %s", err);
	assert_true(kit_sheet_rows(&sh) >= 150);
	for (size_t r = 0; r < kit_sheet_rows(&sh); r++) {
		const char *afm = kit_sheet_get(&sh, r, M_AFM);
		const char *s = kit_sheet_get(&sh, r, M_SURNAME);
		const char *n = kit_sheet_get(&sh, r, M_NAME);
		const char *f = kit_sheet_get(&sh, r, M_FATHER);
		long long y = kit_sheet_int(&sh, r, M_BIRTH_YEAR);

		if (afm != NULL && strcmp(afm, "126018150") == 0 &&
		    kit_fold_eq(s, "ΠΑΠΑΔΟΠΟΥΛΟΣ") && y == 1975)
			found |= 1;
		if (afm != NULL && strcmp(afm, "099603082") == 0 && y == 1958)
			found |= 2;
		/* matched by names: no AFM in the registry */
		if (kit_fold_eq(s, "ΚΑΡΑΓΙΑΝΝΗΣ") &&
		    kit_fold_eq(n, "ΑΘΑΝΑΣΙΟΣ") &&
		    kit_fold_eq(f, "ΣΤΥΛΙΑΝΟΣ") && y == 1949 && afm == NULL)
			found |= 4;
		/* the women of the test stack are not in it */
		if (afm != NULL && (strcmp(afm, "083016618") == 0 ||
		    strcmp(afm, "018609131") == 0 ||
		    strcmp(afm, "046281947") == 0))
			found |= 8;
	}
	assert_int_equal(found, 1 | 2 | 4);
	kit_sheet_free(&sh);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(entries_ok),
		cmocka_unit_test(entries_errors),
		cmocka_unit_test(header_errors),
		cmocka_unit_test(demo_data),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
