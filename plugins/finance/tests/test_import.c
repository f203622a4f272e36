/*
 * test_import.c - unit tests of the finance department's files: the
 * revenue system's import (every rule and its "file:line: column: "value"
 * why" message, all or nothing), the bank's camt.054 / camt.053 payment
 * file, and the committed demo data with its TaxisNet people.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "bankfile.h"
#include "findata.h"
#include "ledger.h"
#include "rf.h"

/* The date the committed demo was generated for (generate.py). */
#define DEMO_TODAY	"2026-03-02"
#define DEMO_PREFIX	"5105"
#define DEMO_IBAN	"GR2301102500000025004012340"

static char err[KIT_ERRSZ];

static const char PROPS[] =
    "kaek,power_supply,address,unit,area,owner_afm\n"
    "421180202001,311956610151,\"Μεγάλου Αλεξάνδρου 8, Νιγρίτα\",Νιγρίτα,"
    "85.40,126018150\n"
    "421180202002/0/1,,\"Στρυμόνος 3, Νιγρίτα\",,62,\n";
static const char ARRS[] =
    "ref,afm,decided,instalments,total,status\n"
    "R1,099603082,2025-09-13,12,1681.00,active\n";
static const char HEAD[] =
    "ref,afm,debtor,kind,description,amount,paid,issued,due,kaek,"
    "power_supply,arrangement,instalment\n";

/* The receivables file: the header, then rows. */
static int
parse_rec(const char *rows, struct fin_dataset *ds)
{
	char *text = malloc(strlen(HEAD) + strlen(rows) + 1);
	int rc;

	strcpy(text, HEAD);
	strcat(text, rows);
	err[0] = '\0';
	rc = fin_dataset_parse(ds, text, ARRS, PROPS, DEMO_TODAY, err,
	    sizeof(err));
	free(text);
	return rc;
}

/* A file with one bad row on line 3 must be refused with exactly msg. */
static void
refused(const char *row, const char *msg)
{
	struct fin_dataset ds;
	char rows[1024];

	snprintf(rows, sizeof(rows), "26000001,126018150,ΠΑΠΑΔΟΠΟΥΛΟΣ "
	    "ΓΕΩΡΓΙΟΣ,fee,Τέλος,10.00,,2025-01-01,2025-02-01,,,,\n%s\n", row);
	if (parse_rec(rows, &ds) == 0) {
		fin_dataset_free(&ds);
		fail_msg("accepted: %s", row);
	}
	assert_string_equal(err, msg);
	assert_null(ds.rec);
	assert_int_equal(ds.nrec, 0);
}

static void
import_good(void **state)
{
	struct fin_dataset ds;

	(void)state;
	assert_int_equal(parse_rec(
	    "26000001,126018150,ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ,tap,ΤΑΠ 2025,21.39,"
	    "21.39,2025-08-09,2025-10-08,42118 02 02 001,,,\n"
	    "26000002,099603082,ΝΙΚΟΛΑΟΥ ΙΩΑΝΝΗΣ,instalment,Δόση 1/12,140.08,,"
	    "2025-09-13,2025-10-13,,,R1,1\n"
	    "W2000099,126018150,ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ,water,\"Λογαριασμός "
	    "ύδρευσης, παροχή 1100103\",28.5,,,2099-03-18,,,,\n", &ds), 0);
	assert_int_equal(ds.nrec, 3);
	assert_int_equal(ds.nprop, 2);
	assert_int_equal(ds.narr, 1);
	assert_int_equal(ds.rec[0].kind, DEBT_TAP);
	assert_int_equal(ds.rec[0].amount, 2139);
	assert_int_equal(ds.rec[0].paid, 2139);
	/* ΚΑΕΚ in normal form, the supply taken from the property */
	assert_string_equal(ds.rec[0].kaek, "421180202001");
	assert_string_equal(ds.rec[0].power, "311956610151");
	assert_string_equal(ds.rec[1].arrangement, "R1");
	assert_int_equal(ds.rec[1].instalment, 1);
	assert_int_equal(ds.rec[2].amount, 2850);
	assert_null(ds.rec[2].issued);
	assert_string_equal(ds.rec[2].description,
	    "Λογαριασμός ύδρευσης, παροχή 1100103");
	assert_int_equal(ds.rec[2].line, 4);
	assert_string_equal(ds.prop[1].kaek, "421180202002/0/1");
	assert_int_equal(ds.prop[0].area, 8540);
	assert_int_equal(ds.prop[1].area, 6200);
	assert_int_equal(ds.arr[0].total, 168100);
	assert_int_equal(ds.arr[0].status, ARR_ACTIVE);
	fin_dataset_free(&ds);
	/* an empty file (a header only) is an empty ledger */
	assert_int_equal(parse_rec("", &ds), 0);
	assert_int_equal(ds.nrec, 0);
	fin_dataset_free(&ds);
}

static void
import_refusals(void **state)
{
	(void)state;
	refused("26000001,126018150,Χ,fee,Τέλος,1.00,,,2025-02-01,,,,",
	    "receivables.csv:3: ref: \"26000001\" appears again (first on "
	    "line 2)");
	refused("2600-2,126018150,Χ,fee,Τέλος,1.00,,,2025-02-01,,,,",
	    "receivables.csv:3: ref: \"2600-2\" is not 1 to 14 capital Latin "
	    "letters and digits");
	refused("abc,126018150,Χ,fee,Τέλος,1.00,,,2025-02-01,,,,",
	    "receivables.csv:3: ref: \"abc\" is not 1 to 14 capital Latin "
	    "letters and digits");
	refused("123456789012345,126018150,Χ,fee,Τέλος,1.00,,,2025-02-01,,,,",
	    "receivables.csv:3: ref: \"123456789012345\" is not 1 to 14 "
	    "capital Latin letters and digits");
	refused("26000002,126018151,Χ,fee,Τέλος,1.00,,,2025-02-01,,,,",
	    "receivables.csv:3: afm: \"126018151\" is not a valid AFM (9 "
	    "digits, the last a check digit)");
	refused("26000002,126018150,Χ,tax,Τέλος,1.00,,,2025-02-01,,,,",
	    "receivables.csv:3: kind: \"tax\" is not one of: fee, fine, tap, "
	    "water, instalment, other");
	refused("26000002,126018150,Χ,fee,,1.00,,,2025-02-01,,,,",
	    "receivables.csv:3: description: a value is required");
	refused("26000002,126018150,Χ,fee,Τέλος,\"1,50\",,,2025-02-01,,,,",
	    "receivables.csv:3: amount: \"1,50\" is not an amount in euros "
	    "(digits, a point and at most two decimals: 1234.56)");
	refused("26000002,126018150,Χ,fee,Τέλος,0.00,,,2025-02-01,,,,",
	    "receivables.csv:3: amount: \"0.00\" is not between 0.01 and "
	    "100000000.00");
	refused("26000002,126018150,Χ,fee,Τέλος,-5,,,2025-02-01,,,,",
	    "receivables.csv:3: amount: \"-5\" is not an amount in euros "
	    "(digits, a point and at most two decimals: 1234.56)");
	refused("26000002,126018150,Χ,fee,Τέλος,10.00,10.01,,2025-02-01,,,,",
	    "receivables.csv:3: paid: \"10.01\" is more than the amount "
	    "(10.00)");
	refused("26000002,126018150,Χ,fee,Τέλος,10.00,,2025-03-01,2025-02-01,"
	    ",,,", "receivables.csv:3: due: \"2025-02-01\" is before the date "
	    "the debt was issued (2025-03-01)");
	refused("26000002,126018150,Χ,fee,Τέλος,10.00,,2999-01-01,2999-02-01,"
	    ",,,", "receivables.csv:3: issued: \"2999-01-01\" is in the "
	    "future");
	refused("26000002,126018150,Χ,fee,Τέλος,10.00,,,2025-02-30,,,,",
	    "receivables.csv:3: due: \"2025-02-30\" is not a date "
	    "(YYYY-MM-DD)");
	refused("26000002,126018150,Χ,fee,Τέλος,10.00,,,2025-02-01,"
	    "421180202001,,,", "receivables.csv:3: kaek: \"421180202001\" is "
	    "only for ΤΑΠ (kind tap)");
	refused("26000002,126018150,Χ,tap,ΤΑΠ,10.00,,,2025-02-01,,,,",
	    "receivables.csv:3: kaek: a value is required for ΤΑΠ (kind tap)");
	refused("26000002,126018150,Χ,tap,ΤΑΠ,10.00,,,2025-02-01,42118020200,"
	    ",,", "receivables.csv:3: kaek: \"42118020200\" is not a ΚΑΕΚ (12 "
	    "digits, optionally /N/N for a part of a building)");
	refused("26000002,126018150,Χ,tap,ΤΑΠ,10.00,,,2025-02-01,421180202009,"
	    ",,", "receivables.csv:3: kaek: \"421180202009\" is not a property "
	    "of properties.csv");
	refused("26000002,126018150,Χ,tap,ΤΑΠ,10.00,,,2025-02-01,421180202001,"
	    "311956610152,,", "receivables.csv:3: power_supply: "
	    "\"311956610152\" is not the supply of the property (311956610151 "
	    "on properties.csv line 2)");
	refused("26000002,126018150,Χ,instalment,Δόση,10.00,,,2025-02-01,,,,1",
	    "receivables.csv:3: arrangement: a value is required for an "
	    "instalment (kind instalment)");
	refused("26000002,099603082,Χ,instalment,Δόση,10.00,,,2025-02-01,,,R2,"
	    "1", "receivables.csv:3: arrangement: \"R2\" is not an arrangement "
	    "of arrangements.csv");
	refused("26000002,126018150,Χ,instalment,Δόση,10.00,,,2025-02-01,,,R1,"
	    "1", "receivables.csv:3: arrangement: \"R1\" belongs to AFM "
	    "099603082 (arrangements.csv line 2), not to this row's 126018150");
	refused("26000002,099603082,Χ,instalment,Δόση,10.00,,,2025-02-01,,,R1,"
	    "13", "receivables.csv:3: instalment: \"13\" is more than the 12 "
	    "instalments of arrangement R1");
	refused("26000002,099603082,Χ,fee,Τέλος,10.00,,,2025-02-01,,,R1,",
	    "receivables.csv:3: arrangement: \"R1\" is only for instalments "
	    "(kind instalment)");
	refused("26000002,126018150,Χ\x01,fee,Τέλος,10.00,,,2025-02-01,,,,",
	    "receivables.csv:3: debtor: contains a control character or a "
	    "line break");
	refused("26000002,126018150,Χ,fee,Τέλος,10.00,,,2025-02-01,,,",
	    "receivables.csv:3: 12 fields, but the header has 13");
}

static void
import_refusals_across(void **state)
{
	struct fin_dataset ds;

	(void)state;
	/* the same instalment twice is named on its second line */
	assert_int_equal(parse_rec(
	    "1,099603082,Χ,instalment,Δόση 1,10.00,,,2025-02-01,,,R1,1\n"
	    "2,099603082,Χ,instalment,Δόση 2,10.00,,,2025-03-01,,,R1,2\n"
	    "3,099603082,Χ,instalment,Δόση 1,10.00,,,2025-02-01,,,R1,1\n",
	    &ds), -1);
	assert_string_equal(err, "receivables.csv:4: instalment: \"1\" of "
	    "arrangement R1 appears again (first on line 2)");
	/* properties: a ΚΑΕΚ repeated in another spelling */
	err[0] = '\0';
	assert_int_equal(fin_dataset_parse(&ds, HEAD, ARRS,
	    "kaek,address,area\n421180202001,Α,10\n42118 02 02 001/0/0,Β,10\n",
	    DEMO_TODAY, err, sizeof(err)), -1);
	assert_string_equal(err, "properties.csv:3: kaek: \"42118 02 02 "
	    "001/0/0\" appears again (first on line 2)");
	assert_int_equal(fin_dataset_parse(&ds, HEAD, ARRS,
	    "kaek,address,area,power_supply\n421180202001,Α,10,123456789\n"
	    "421180202002,Β,10,123 456 789\n", DEMO_TODAY, err, sizeof(err)), -1);
	assert_string_equal(err, "properties.csv:3: power_supply: \"123 456 "
	    "789\" appears again (first on line 2)");
	assert_int_equal(fin_dataset_parse(&ds, HEAD, ARRS,
	    "kaek,address,area\n421180202001,Α,10.123\n", DEMO_TODAY, err, sizeof(err)),
	    -1);
	assert_string_equal(err, "properties.csv:2: area: \"10.123\" is not a "
	    "number with at most 2 decimals after a point");
	assert_int_equal(fin_dataset_parse(&ds, HEAD, ARRS,
	    "kaek,address,area\n421180202001,Α,0\n", DEMO_TODAY, err, sizeof(err)), -1);
	assert_string_equal(err, "properties.csv:2: area: \"0\" is not "
	    "between 0.01 and 1000000.00");
	/* arrangements */
	assert_int_equal(fin_dataset_parse(&ds, HEAD,
	    "ref,afm,decided,instalments,total,status\n"
	    "R1,099603082,2025-09-13,12,1681.00,paused\n", PROPS, DEMO_TODAY, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "arrangements.csv:2: status: \"paused\" is "
	    "not one of: active, lapsed, completed");
	assert_int_equal(fin_dataset_parse(&ds, HEAD,
	    "ref,afm,decided,instalments,total,status\n"
	    "R1,099603082,2025-09-13,1,1681.00,active\n", PROPS, DEMO_TODAY, err,
	    sizeof(err)), -1);
	assert_string_equal(err, "arrangements.csv:2: instalments: 1 is not "
	    "between 2 and 120");
	assert_int_equal(fin_dataset_parse(&ds, HEAD,
	    "ref,afm,decided,total,status\n", PROPS, DEMO_TODAY, err, sizeof(err)), -1);
	assert_string_equal(err, "arrangements.csv:1: the required column "
	    "'instalments' is missing");
	/* unknown columns and broken CSV name their line too */
	assert_int_equal(fin_dataset_parse(&ds, "ref,afm,amount,colour\n",
	    ARRS, PROPS, DEMO_TODAY, err, sizeof(err)), -1);
	assert_string_equal(err, "receivables.csv:1: unknown column 'colour'");
	assert_int_equal(fin_dataset_parse(&ds, "ref,afm\n\"1,2\n", ARRS,
	    PROPS, DEMO_TODAY, err, sizeof(err)), -1);
	assert_string_equal(err, "receivables.csv:2: a quoted field is not "
	    "closed");
}

/* -------------------------------------------------------- demo data */

static struct fin_dataset demo;

static int
demo_setup(void **state)
{
	(void)state;
	if (fin_dataset_load(&demo, FIN_DEMO_DIR, DEMO_TODAY, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "demo: %s\n", err);
		return -1;
	}
	return 0;
}

static int
demo_teardown(void **state)
{
	(void)state;
	fin_dataset_free(&demo);
	return 0;
}

static void
standing_for(const char *afm, struct standing *s)
{
	struct debt d[256];
	struct arrangement a[64];
	size_t nd = 0, na = 0;

	for (size_t i = 0; i < demo.nrec && nd < 256; i++)
		if (strcmp(demo.rec[i].afm, afm) == 0)
			d[nd++] = (struct debt){ demo.rec[i].ref,
			    demo.rec[i].kind, demo.rec[i].amount,
			    demo.rec[i].paid, 0, demo.rec[i].due,
			    demo.rec[i].arrangement };
	for (size_t i = 0; i < demo.narr && na < 64; i++)
		a[na++] = (struct arrangement){ demo.arr[i].ref,
		    demo.arr[i].status };
	standing_of(d, nd, a, na, DEMO_TODAY, s);
}

static void
demo_people(void **state)
{
	struct standing s;

	(void)state;
	assert_true(demo.nrec > 300);
	assert_true(demo.nprop > 50);
	/* papadopoulos: owes, but nothing overdue; payment codes to show */
	standing_for("126018150", &s);
	assert_int_equal(s.verdict, NODEBT_CLEAR);
	assert_true(s.owed > 0);
	assert_true(s.n_open >= 2);
	/* georgiou: an overdue fine and water bill */
	standing_for("083016618", &s);
	assert_int_equal(s.verdict, NODEBT_OWES);
	assert_true(s.n_overdue >= 2);
	/* nikolaou: one instalment late of an active arrangement */
	standing_for("099603082", &s);
	assert_int_equal(s.verdict, NODEBT_ARRANGED);
	assert_true(s.in_arrangement);
	/* oikonomou: the arrangement was lost */
	standing_for("179754321", &s);
	assert_int_equal(s.verdict, NODEBT_OWES);
	/* vasileiou: last year's ΤΑΠ unpaid */
	standing_for("046281947", &s);
	assert_int_equal(s.verdict, NODEBT_OWES);
	/* theodorou: a small fine, which the demo bank file pays */
	standing_for("191186254", &s);
	assert_int_equal(s.verdict, NODEBT_OWES);
	assert_int_equal(s.overdue, 4000);
	/* karagiannis and the bakery (a business): clear */
	standing_for("019935180", &s);
	assert_int_equal(s.verdict, NODEBT_CLEAR);
	standing_for("998000125", &s);
	assert_int_equal(s.verdict, NODEBT_CLEAR);
	assert_true(s.n_open >= 1);
	/* the café (TaxisNet's legal entity "kafeneio"): owes */
	standing_for("625643066", &s);
	assert_int_equal(s.verdict, NODEBT_OWES);
	assert_true(s.n_overdue >= 2);
	/* konstantinidou and makri: nothing at all */
	standing_for("018609131", &s);
	assert_int_equal(s.n_open, 0);
	assert_int_equal(s.verdict, NODEBT_CLEAR);
	standing_for("090937864", &s);
	assert_int_equal(s.n_open, 0);
}

static void
demo_tap(void **state)
{
	int papadopoulos = 0, vasileiou = 0;

	(void)state;
	/* every ΤΑΠ row names a property of the register; vasileiou's is
	 * overdue, papadopoulos's this year's is not due yet */
	for (size_t i = 0; i < demo.nrec; i++) {
		const struct fin_receivable *r = &demo.rec[i];
		struct debt d = { r->ref, r->kind, r->amount, r->paid, 0, r->due,
		    NULL };
		long long over;

		if (r->kind != DEBT_TAP)
			continue;
		assert_int_equal(strlen(r->kaek), 12);
		if (strcmp(r->afm, "046281947") == 0 && tap_owed(&d, 1,
		    DEMO_TODAY, &over))
			vasileiou++;
		if (strcmp(r->afm, "126018150") == 0) {
			assert_false(tap_owed(&d, 1, DEMO_TODAY, &over));
			papadopoulos++;
		}
	}
	assert_int_equal(vasileiou, 1);
	assert_int_equal(papadopoulos, 2);
}

/* --------------------------------------------------------- bank file */

static const char CAMT_HEAD[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\">\n"
    "<BkToCstmrDbtCdtNtfctn>\n"
    "<GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-03-01T10:00:00</CreDtTm>"
    "</GrpHdr>\n"
    "<Ntfctn><Id>N1</Id>\n"
    "<Acct><Id><IBAN>GR23 0110 2500 0000 2500 4012 340</IBAN></Id></Acct>\n";
static const char CAMT_TAIL[] = "</Ntfctn></BkToCstmrDbtCdtNtfctn>"
    "</Document>\n";

static int
parse_camt(const char *entries, struct bank_file *f)
{
	char buf[8192];

	snprintf(buf, sizeof(buf), "%s%s%s", CAMT_HEAD, entries, CAMT_TAIL);
	err[0] = '\0';
	return bank_parse("bank.xml", buf, strlen(buf), DEMO_IBAN, f, err,
	    sizeof(err));
}

/* An entry of the 001.02 shape, amounts on the TxDtls's AmtDtls. */
#define ENTRY(amt, ind, sts, date, ref, rmt) \
	"<Ntry><Amt Ccy=\"EUR\">" amt "</Amt><CdtDbtInd>" ind "</CdtDbtInd>" \
	"<Sts>" sts "</Sts><BookgDt><Dt>" date "</Dt></BookgDt>\n" \
	"<NtryDtls><TxDtls><Refs><AcctSvcrRef>" ref "</AcctSvcrRef></Refs>" \
	"<AmtDtls><TxAmt><Amt Ccy=\"EUR\">" amt "</Amt></TxAmt></AmtDtls>" \
	"<RltdPties><Dbtr><Nm>ΠΛΗΡΩΤΗΣ</Nm></Dbtr></RltdPties>" rmt \
	"</TxDtls></NtryDtls></Ntry>\n"
#define SCOR(r) "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd>" \
	"</CdOrPrtry></Tp><Ref>" r "</Ref></CdtrRefInf></Strd></RmtInf>"

static void
bank_v02(void **state)
{
	struct bank_file f;

	(void)state;
	assert_int_equal(parse_camt(
	    ENTRY("40.00", "CRDT", "BOOK", "2026-03-01", "B1",
	    SCOR("RF18 5390 0754 7034"))
	    ENTRY("12.5", "CRDT", "BOOK", "2026-03-01", "B2",
	    "<RmtInf><Ustrd>ΠΛΗΡΩΜΗ rf71 2348 231 ΚΛΗΣΗΣ</Ustrd></RmtInf>")
	    ENTRY("3.00", "DBIT", "BOOK", "2026-03-01", "B3", "")
	    ENTRY("9.00", "CRDT", "PDNG", "2026-03-01", "B4", "")
	    ENTRY("7.00", "CRDT", "BOOK", "2026-03-02", "B5",
	    SCOR("RF19 5390 0754 7034")), &f), 0);
	assert_string_equal(f.msg_id, "M1");
	assert_string_equal(f.iban, DEMO_IBAN);
	assert_int_equal(f.ncredits, 3);
	assert_int_equal(f.debits, 1);
	assert_int_equal(f.pending, 1);
	assert_string_equal(f.credits[0].rf, "RF18539007547034");
	assert_int_equal(f.credits[0].amount, 4000);
	assert_string_equal(f.credits[0].booked, "2026-03-01");
	assert_string_equal(f.credits[0].bank_ref, "B1");
	assert_string_equal(f.credits[0].payer, "ΠΛΗΡΩΤΗΣ");
	assert_int_equal(f.credits[0].line, 8);
	/* an RF written in the free text is found too (lower case) */
	assert_string_equal(f.credits[1].rf, "RF712348231");
	assert_int_equal(f.credits[1].amount, 1250);
	/* a reference with a wrong check digit is no reference: kept for
	 * a person to look at, never matched */
	assert_string_equal(f.credits[2].rf, "");
	assert_string_equal(f.credits[2].remittance, "RF19 5390 0754 7034");
	bank_free(&f);
}

static void
bank_demo_file(void **state)
{
	struct bank_file f;

	(void)state;
	assert_int_equal(bank_load(FIN_DEMO_DIR "/payments.xml",
	    "payments.xml", DEMO_IBAN, &f, err, sizeof(err)), 0);
	assert_int_equal(f.ncredits, 3);
	assert_int_equal(f.debits, 1);
	for (size_t i = 0; i < f.ncredits; i++) {
		enum rf_kind kind;
		char ref[RF_REF_MAX + 1];
		int ours = rf_scheme_split(DEMO_PREFIX, f.credits[i].rf, &kind,
		    ref) == 0;

		/* two pay demo debts, the third is someone else's */
		assert_int_equal(ours, i < 2);
		if (ours) {
			int found = 0;

			assert_int_equal(kind, RF_KIND_DEBT);
			for (size_t k = 0; k < demo.nrec; k++)
				found += strcmp(demo.rec[k].ref, ref) == 0;
			assert_int_equal(found, 1);
		}
	}
	assert_int_equal(f.credits[0].amount, 4000);	/* theodorou */
	bank_free(&f);
}

static void
bank_refusals(void **state)
{
	struct bank_file f;
	char buf[4096];

	(void)state;
	/* another account */
	snprintf(buf, sizeof(buf), "%s%s", CAMT_HEAD, CAMT_TAIL);
	assert_int_equal(bank_parse("bank.xml", buf, strlen(buf),
	    "GR1601101250000000012300695", &f, err, sizeof(err)), -1);
	assert_string_equal(err, "bank.xml:6: Acct/Id/IBAN: \"GR23 0110 2500 "
	    "0000 2500 4012 340\" is not the municipality's account "
	    "(GR1601101250000000012300695 in the configuration)");
	/* not well-formed, a DOCTYPE, another message */
	assert_int_equal(parse_camt("<Ntry>", &f), -1);
	assert_true(strncmp(err, "bank.xml:", 9) == 0);
	assert_non_null(strstr(err, "not well-formed XML"));
	snprintf(buf, sizeof(buf), "<?xml version=\"1.0\"?>\n<!DOCTYPE x [\n"
	    "<!ENTITY a \"aaaa\">]>\n<Document/>\n");
	assert_int_equal(bank_parse("bank.xml", buf, strlen(buf), DEMO_IBAN,
	    &f, err, sizeof(err)), -1);
	assert_string_equal(err, "bank.xml:2: DOCTYPE: a document type "
	    "declaration is not allowed in a bank file");
	snprintf(buf, sizeof(buf), "<Document xmlns=\"urn:iso:std:iso:20022:"
	    "tech:xsd:pain.001.001.03\"/>");
	assert_int_equal(bank_parse("bank.xml", buf, strlen(buf), DEMO_IBAN,
	    &f, err, sizeof(err)), -1);
	assert_string_equal(err, "bank.xml:1: Document/@xmlns: \"urn:iso:std:"
	    "iso:20022:tech:xsd:pain.001....\" is not camt.054 or camt.053");
	/* amounts, currency, dates, references */
	assert_int_equal(parse_camt(ENTRY("40,00", "CRDT", "BOOK",
	    "2026-03-01", "B1", ""), &f), -1);
	assert_string_equal(err, "bank.xml:8: Amt: \"40,00\" is not an amount "
	    "(digits, a point and at most two decimals)");
	assert_int_equal(parse_camt("<Ntry><Amt Ccy=\"USD\">4.00</Amt>"
	    "<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-01"
	    "</Dt></BookgDt><AcctSvcrRef>B1</AcctSvcrRef></Ntry>", &f), -1);
	assert_string_equal(err, "bank.xml:7: Amt/@Ccy: \"USD\" is not EUR");
	assert_int_equal(parse_camt(ENTRY("4.00", "CRDT", "BOOK", "01/03/2026",
	    "B1", ""), &f), -1);
	assert_string_equal(err, "bank.xml:7: BookgDt/Dt: \"01/03/2026\" is "
	    "not a date (YYYY-MM-DD)");
	assert_int_equal(parse_camt(ENTRY("4.00", "CRDT", "BOOK", "2026-03-01",
	    "", ""), &f), -1);
	assert_string_equal(err, "bank.xml:8: TxDtls: has no reference of the "
	    "bank's (Refs/AcctSvcrRef, Refs/TxId or AcctSvcrRef) to recognise "
	    "the payment by");
	assert_int_equal(parse_camt(ENTRY("4.00", "CRDT", "BOOK", "2026-03-01",
	    "B1", "") ENTRY("5.00", "CRDT", "BOOK", "2026-03-01", "B1", ""),
	    &f), -1);
	assert_string_equal(err, "bank.xml:10: AcctSvcrRef: \"B1\" appears "
	    "again (first on line 8)");
	assert_int_equal(parse_camt(ENTRY("4.00", "XXXX", "BOOK", "2026-03-01",
	    "B1", ""), &f), -1);
	assert_string_equal(err, "bank.xml:7: Ntry/CdtDbtInd: \"XXXX\" is not "
	    "CRDT or DBIT");
	assert_null(f.credits);
	assert_int_equal(f.ncredits, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_good),
		cmocka_unit_test(import_refusals),
		cmocka_unit_test(import_refusals_across),
		cmocka_unit_test(demo_people),
		cmocka_unit_test(demo_tap),
		cmocka_unit_test(bank_v02),
		cmocka_unit_test(bank_demo_file),
		cmocka_unit_test(bank_refusals),
	};

	return cmocka_run_group_tests(tests, demo_setup, demo_teardown);
}
