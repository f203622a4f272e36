/*
 * test_import.c - unit tests of the water department's import files:
 * every rule with its "file:line: column: "value" why" message, readings
 * that go down refused unless a new meter was fitted, all or nothing, and
 * the committed demo data with its TaxisNet people.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "watdata.h"

#define DEMO_TODAY	"2026-03-02"

static char err[KIT_ERRSZ];

static const char SUP[] =
    "supply,afm,holder,type,address,unit,meter,use,status,since\n"
    "1100103,126018150,ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ,water,\"Μεγάλου Αλεξάνδρου 8, "
    "Νιγρίτα\",Νιγρίτα,MB19-100013,household,active,2001-05-01\n"
    "2100106,126018150,ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ,sewer,\"Μεγάλου Αλεξάνδρου 8, "
    "Νιγρίτα\",Νιγρίτα,,,,\n"
    "3400106,099603082,ΝΙΚΟΛΑΟΥ ΙΩΑΝΝΗΣ,irrigation,Αγρόκτημα,Τράγιλος,,"
    "agricultural,,\n";
static const char RD_HEAD[] = "supply,date,value,meter,kind\n";
static const char BILL_HEAD[] = "bill,supply,period_from,period_to,"
    "consumption,amount,issued,due,paid\n";
static const char PAR_HEAD[] = "afm,kaek,name,unit,area,supply\n";

static int
parse4(const char *sup, const char *rd, const char *bills, const char *par,
    struct wat_dataset *ds)
{
	err[0] = '\0';
	return wat_dataset_parse(ds, sup, rd, bills, par, DEMO_TODAY, err,
	    sizeof(err));
}

static int
parse_rd(const char *rows, struct wat_dataset *ds)
{
	char text[2048];

	snprintf(text, sizeof(text), "%s%s", RD_HEAD, rows);
	return parse4(SUP, text, BILL_HEAD, PAR_HEAD, ds);
}

static void
refused_rd(const char *rows, const char *msg)
{
	struct wat_dataset ds;

	if (parse_rd(rows, &ds) == 0) {
		wat_dataset_free(&ds);
		fail_msg("accepted: %s", rows);
	}
	assert_string_equal(err, msg);
	assert_null(ds.rd);
	assert_null(ds.sup);
}

static void
readings_good(void **state)
{
	struct wat_dataset ds;

	(void)state;
	/* out of date order in the file; a meter change on 2025-11-02 */
	assert_int_equal(parse_rd(
	    "1100103,2025-05-15,150,MB19-100013,regular\n"
	    "1100103,2025-01-15,100,MB17-000001,\n"
	    "1100103,2024-09-15,20,MB17-000001,\n"
	    "1100103,2025-05-15,3,MB19-100013,initial\n"
	    "1100103,2025-05-15,140,MB17-000001,final\n"
	    "1100103,2025-09-15,190,MB19-100013,\n", &ds), 0);
	assert_int_equal(ds.nrd, 6);
	/* stored in date order, the change's final before its initial */
	assert_string_equal(ds.rd[0].date, "2024-09-15");
	assert_int_equal(ds.rd[2].kind, READING_FINAL);
	assert_int_equal(ds.rd[2].line, 6);
	assert_int_equal(ds.rd[3].kind, READING_INITIAL);
	assert_int_equal(ds.rd[4].value, 150);
	assert_int_equal(ds.nsup, 3);
	assert_int_equal(ds.sup[1].type, SUPPLY_SEWER);
	assert_null(ds.sup[1].meter);
	assert_int_equal(ds.sup[2].use, USE_AGRICULTURAL);
	assert_true(ds.sup[2].active);
	wat_dataset_free(&ds);
}

static void
readings_refused(void **state)
{
	(void)state;
	/* a reading lower than the last one on the same meter */
	refused_rd("1100103,2025-01-15,100,MB19-100013,\n"
	    "1100103,2025-05-15,99,MB19-100013,\n",
	    "readings.csv:3: value: \"99\" is lower than the reading of "
	    "2025-01-15 on the same meter (100, line 2); a new meter starts "
	    "with kind initial");
	/* the order of the file does not matter: the later date decides */
	refused_rd("1100103,2025-05-15,99,MB19-100013,\n"
	    "1100103,2025-01-15,100,MB19-100013,\n",
	    "readings.csv:2: value: \"99\" is lower than the reading of "
	    "2025-01-15 on the same meter (100, line 3); a new meter starts "
	    "with kind initial");
	/* a new meter without the old one's final reading */
	refused_rd("1100103,2025-01-15,100,MB17-000001,\n"
	    "1100103,2025-05-15,3,MB19-100013,\n",
	    "readings.csv:3: meter: \"MB19-100013\" is not the meter of the "
	    "supply's previous reading (MB17-000001, line 2)");
	refused_rd("1100103,2025-01-15,100,MB17-000001,\n"
	    "1100103,2025-05-15,3,MB19-100013,initial\n",
	    "readings.csv:3: kind: \"initial\" is only for a new meter, after "
	    "the final reading of the one taken off (line 2 is regular, meter "
	    "MB17-000001)");
	refused_rd("1100103,2025-01-15,100,MB17-000001,final\n"
	    "1100103,2025-05-15,3,MB19-100013,\n",
	    "readings.csv:3: meter: \"MB19-100013\" is not the meter of the "
	    "supply's previous reading (MB17-000001, line 2, its final "
	    "reading: a new meter starts with kind initial)");
	/* the supply's meter must be the one its readings end with */
	refused_rd("1100103,2025-01-15,100,MB17-000001,\n",
	    "supplies.csv:2: meter: \"MB19-100013\" is not the meter of its "
	    "latest reading (MB17-000001, readings.csv line 2)");
	refused_rd("1100104,2025-01-15,100,MB19-100013,\n",
	    "readings.csv:2: supply: \"1100104\" is not a supply of "
	    "supplies.csv");
	refused_rd("2100106,2025-01-15,100,X,\n",
	    "readings.csv:2: supply: \"2100106\" is a sewer supply, which has "
	    "no meter");
	refused_rd("1100103,2025-01-15,-1,MB19-100013,\n",
	    "readings.csv:2: value: \"-1\" is not a whole number");
	refused_rd("1100103,2025-01-15,100000000,MB19-100013,\n",
	    "readings.csv:2: value: 100000000 is not between 0 and 99999999");
	refused_rd("1100103,2999-01-15,1,MB19-100013,\n",
	    "readings.csv:2: date: \"2999-01-15\" is in the future");
	refused_rd("1100103,2025-01-15,1,MB19-100013,estimated\n",
	    "readings.csv:2: kind: \"estimated\" is not one of: regular, "
	    "initial, final");
}

static void
refused_all(const char *sup, const char *bills, const char *par,
    const char *msg)
{
	struct wat_dataset ds;

	if (parse4(sup ? sup : SUP, RD_HEAD, bills ? bills : BILL_HEAD,
	    par ? par : PAR_HEAD, &ds) == 0) {
		wat_dataset_free(&ds);
		fail_msg("accepted");
	}
	assert_string_equal(err, msg);
}

static void
others_refused(void **state)
{
	char b[1024];

	(void)state;
	refused_all("supply,afm,holder,type,address,meter\n"
	    "1100103,126018150,Χ,water,Α,\n", NULL, NULL,
	    "supplies.csv:2: meter: a value is required for a water supply "
	    "(type water)");
	refused_all("supply,afm,holder,type,address,meter\n"
	    "2100103,126018150,Χ,sewer,Α,M1\n", NULL, NULL,
	    "supplies.csv:2: meter: \"M1\" is not for a sewer supply (type "
	    "sewer has no meter)");
	refused_all("supply,afm,holder,type,address\n"
	    "1,126018150,Χ,water,Α\n1,126018150,Χ,sewer,Α\n", NULL, NULL,
	    "supplies.csv:3: supply: \"1\" appears again (first on line 2)");
	refused_all("supply,afm,holder,type,address\n"
	    "1,126018150,Χ,gas,Α\n", NULL, NULL,
	    "supplies.csv:2: type: \"gas\" is not one of: water, sewer, "
	    "irrigation");
	snprintf(b, sizeof(b), "%s1,1100103,2025-05-15,2025-01-15,5,4.00,"
	    "2025-05-20,2025-06-20,\n", BILL_HEAD);
	refused_all(NULL, b, NULL, "bills.csv:2: period_to: \"2025-01-15\" is "
	    "before period_from (2025-05-15)");
	snprintf(b, sizeof(b), "%s1,1100103,2025-01-15,2025-05-15,5,4.00,"
	    "2025-05-20,2025-06-20,4.01\n", BILL_HEAD);
	refused_all(NULL, b, NULL, "bills.csv:2: paid: \"4.01\" is more than "
	    "the amount (4.00)");
	snprintf(b, sizeof(b), "%s1,1100103,2025-01-15,2025-05-15,5,4.00,"
	    "2025-05-20,2025-05-19,\n", BILL_HEAD);
	refused_all(NULL, b, NULL, "bills.csv:2: due: \"2025-05-19\" is before "
	    "the date the bill was issued (2025-05-20)");
	snprintf(b, sizeof(b), "%s1,9999,2025-01-15,2025-05-15,5,4.00,"
	    "2025-05-20,2025-06-20,\n", BILL_HEAD);
	refused_all(NULL, b, NULL, "bills.csv:2: supply: \"9999\" is not a "
	    "supply of supplies.csv");
	snprintf(b, sizeof(b), "%s099603082,,,Τράγιλος,12.5,3400106\n",
	    PAR_HEAD);
	refused_all(NULL, NULL, b, "parcels.csv:2: kaek: a value is required, "
	    "or a name for a parcel without one");
	snprintf(b, sizeof(b), "%s099603082,,Θέση Κάμπος,,12.55,\n", PAR_HEAD);
	refused_all(NULL, NULL, b, "parcels.csv:2: area: \"12.55\" is not a "
	    "number with at most 1 decimal after a point");
	snprintf(b, sizeof(b), "%s099603082,,Θέση Κάμπος,,12.5,1100103\n",
	    PAR_HEAD);
	refused_all(NULL, NULL, b, "parcels.csv:2: supply: \"1100103\" is not "
	    "an irrigation supply (type irrigation)");
	snprintf(b, sizeof(b), "%s099603082,,Θέση Κάμπος,,12.5,\n"
	    "099603082,,ΘΕΣΗ ΚΑΜΠΟΣ,,3,\n126018150,,Θέση Κάμπος,,3,\n",
	    PAR_HEAD);
	refused_all(NULL, NULL, b, "parcels.csv:3: name: \"ΘΕΣΗ ΚΑΜΠΟΣ\" "
	    "appears again for the same AFM (first on line 2)");
	snprintf(b, sizeof(b), "%s099603082,421219009002,,,12.5,\n"
	    "099603082,42121 90 09 002/0/0,,,3,\n", PAR_HEAD);
	refused_all(NULL, NULL, b, "parcels.csv:3: kaek: \"421219009002\" "
	    "appears again for the same AFM (first on line 2)");
	snprintf(b, sizeof(b), "%s099603082,4212190090,,,12.5,\n", PAR_HEAD);
	refused_all(NULL, NULL, b, "parcels.csv:2: kaek: \"4212190090\" is not "
	    "a ΚΑΕΚ (12 digits, optionally /N/N for a part of a building)");
}

/* -------------------------------------------------------- demo data */

static void
demo_data(void **state)
{
	struct wat_dataset ds;
	int papadopoulos = 0, nik_parcels = 0, kar_parcels = 0, changes = 0;
	int papadopoulos_readings = 0;

	(void)state;
	if (wat_dataset_load(&ds, WAT_DEMO_DIR, DEMO_TODAY, err, sizeof(err)) != 0)
		fail_msg("demo: %s", err);
	assert_true(ds.nsup > 100);
	assert_true(ds.nrd > 500);
	assert_true(ds.nbill > 500);
	for (size_t i = 0; i < ds.nsup; i++)
		if (strcmp(ds.sup[i].afm, "126018150") == 0 &&
		    ds.sup[i].type == SUPPLY_WATER) {
			papadopoulos++;
			for (size_t k = 0; k < ds.nrd; k++)
				papadopoulos_readings += strcmp(ds.rd[k].supply,
				    ds.sup[i].supply) == 0;
		}
	/* one water supply with years of readings for the chart */
	assert_int_equal(papadopoulos, 1);
	assert_true(papadopoulos_readings >= 9);
	for (size_t i = 0; i < ds.npar; i++) {
		nik_parcels += strcmp(ds.par[i].afm, "099603082") == 0;
		kar_parcels += strcmp(ds.par[i].afm, "019935180") == 0;
	}
	/* the two farmers, with parcels by ΚΑΕΚ and by name */
	assert_int_equal(nik_parcels, 3);
	assert_int_equal(kar_parcels, 3);
	for (size_t k = 0; k < ds.nrd; k++)
		changes += ds.rd[k].kind == READING_INITIAL;
	assert_true(changes >= 1);	/* dimitriou's new meter */
	/* no bill is issued after the demo's today */
	for (size_t k = 0; k < ds.nbill; k++)
		assert_true(strcmp(ds.bill[k].issued, DEMO_TODAY) <= 0);
	wat_dataset_free(&ds);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(readings_good),
		cmocka_unit_test(readings_refused),
		cmocka_unit_test(others_refused),
		cmocka_unit_test(demo_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
