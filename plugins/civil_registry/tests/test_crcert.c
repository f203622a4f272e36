/*
 * test_crcert.c - unit tests of what the civil registry decides and
 * writes (crcert.c, regutil.c matching and certificate builder): who the
 * applicant is, whom a request is about, next of kin, and every
 * certificate's text, rendered through the core's PDF engine and read
 * back with pdftotext (poppler-utils).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pdf.h"

#include "crcert.h"
#include "dimos/kit/cert.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/text.h"

/* ------------------------------------------------------- allocator */

static struct kit_heap heap;
static const struct kit_alloc A = { kit_heap_alloc, &heap };

static int
free_blocks(void **state)
{
	(void)state;
	kit_heap_free(&heap);
	return 0;
}

/* ---------------------------------------------------------- people */

/* Record 1217: the Papadopoulos family, as in the demo registry. */
static const struct cr_person family_1217[] = {
	{ .id = 1116, .merida = 1217, .relation = "head",
	  .surname = "Παπαδόπουλος", .name = "Γεώργιος",
	  .father_name = "Νικόλαος", .mother_name = "Μαρία",
	  .mother_surname = "Τσολάκη", .sex = 'M', .birth_date = "1975-05-14",
	  .birth_place = "Νιγρίτα", .citizenship = "Ελληνική",
	  .marital = "married", .afm = "126018150", .father_id = 1028,
	  .mother_id = 1029 },
	{ .id = 1117, .merida = 1217, .relation = "spouse",
	  .surname = "Μουρατίδου", .name = "Αικατερίνη",
	  .father_name = "Στέφανος", .mother_name = "Ευδοκία", .sex = 'F',
	  .birth_date = "1978-10-03", .birth_place = "Θεσσαλονίκη",
	  .marital = "married" },
	{ .id = 1118, .merida = 1217, .relation = "child",
	  .surname = "Παπαδόπουλος", .name = "Νικόλαος",
	  .father_name = "Γεώργιος", .mother_name = "Αικατερίνη", .sex = 'M',
	  .birth_date = "2008-04-22", .birth_place = "Σέρρες",
	  .marital = "single", .father_id = 1116, .mother_id = 1117 },
	{ .id = 1119, .merida = 1217, .relation = "child",
	  .surname = "Παπαδοπούλου", .name = "Μαρία",
	  .father_name = "Γεώργιος", .mother_name = "Αικατερίνη", .sex = 'F',
	  .birth_date = "2011-09-30", .birth_place = "Σέρρες",
	  .marital = "single", .father_id = 1116, .mother_id = 1117 },
};

static const struct cr_family fam_1217 = { 1217, "Νιγρίτα",
	"Μεγάλου Αλεξάνδρου 8, Νιγρίτα", family_1217, 4 };

/* His parents' record: the father died in 2019. */
static const struct cr_person parents_1100[] = {
	{ .id = 1028, .merida = 1100, .relation = "head",
	  .surname = "Παπαδόπουλος", .name = "Νικόλαος",
	  .father_name = "Γεώργιος", .mother_name = "Ελένη", .sex = 'M',
	  .birth_date = "1946-02-11", .birth_place = "Νιγρίτα",
	  .marital = "married", .deceased = 1, .death_date = "2019-11-20",
	  .death_place = "Σέρρες" },
	{ .id = 1029, .merida = 1100, .relation = "spouse",
	  .surname = "Παπαδοπούλου", .name = "Μαρία",
	  .father_name = "Ιωάννης", .mother_name = "Σοφία", .sex = 'F',
	  .birth_date = "1949-06-10", .birth_place = "Τερπνή",
	  .marital = "widowed" },
	{ .id = 1030, .merida = 1100, .relation = "child",
	  .surname = "Παπαδοπούλου", .name = "Ελένη",
	  .father_name = "Νικόλαος", .mother_name = "Μαρία", .sex = 'F',
	  .birth_date = "1978-03-02", .birth_place = "Νιγρίτα",
	  .father_id = 1028, .mother_id = 1029 },
};

static const struct cr_family fam_1100 = { 1100, "Νιγρίτα", NULL,
	parents_1100, 3 };

static void
pick_applicant(void **state)
{
	struct cr_person cand[3];
	const struct cr_person *me;
	struct kit_key a;
	int amb;

	(void)state;
	/* Eleni Georgiou: no AFM in the registry, found by names */
	memset(cand, 0, sizeof(cand));
	cand[0] = family_1217[1];
	cand[1] = (struct cr_person){ .id = 1264, .merida = 2106,
	    .relation = "spouse", .surname = "Γεωργίου", .name = "Ελένη",
	    .father_name = "Δημήτριος", .mother_name = "Αικατερίνη",
	    .sex = 'F', .birth_date = "1982-07-19", .birth_place = "Σέρρες" };
	kit_key_make(&a, "083016618", "ΓΕΩΡΓΙΟΥ", "ΕΛΕΝΗ", "ΔΗΜΗΤΡΙΟΣ", 1982);
	me = cr_pick_applicant(&a, cand, 2, &amb);
	assert_non_null(me);
	assert_int_equal(me->id, 1264);
	assert_false(amb);
	/* a namesake born the same year: ambiguous, nobody picked */
	cand[2] = cand[1];
	cand[2].id = 3001;
	cand[2].birth_date = "1982-01-02";
	assert_null(cr_pick_applicant(&a, cand, 3, &amb));
	assert_true(amb);
	/* ... unless one of them holds the applicant's AFM */
	cand[2].afm = "083016618";
	me = cr_pick_applicant(&a, cand, 3, &amb);
	assert_non_null(me);
	assert_int_equal(me->id, 3001);
	/* the same row twice (two searches) is one match */
	cand[2] = cand[1];
	assert_non_null(cr_pick_applicant(&a, cand, 3, &amb));
	assert_false(amb);
	/* the dead apply for nothing */
	cand[1].deceased = 1;
	cand[2].deceased = 1;
	assert_null(cr_pick_applicant(&a, cand, 3, &amb));
	assert_false(amb);
	/* by AFM */
	kit_key_make(&a, "126018150", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "ΝΙΚΟΛΑΟΣ",
	    1975);
	me = cr_pick_applicant(&a, family_1217, 4, &amb);
	assert_ptr_equal(me, &family_1217[0]);
}

static void
pick_about(void **state)
{
	const struct cr_person *me = &family_1217[0], *about;
	struct cr_target t = { 0 };

	(void)state;
	assert_int_equal(cr_pick_about(me, &fam_1217, &t, &about), DM_OK);
	assert_ptr_equal(about, me);
	/* his daughter, typed in capitals without accents */
	t = (struct cr_target){ 1, "ΠΑΠΑΔΟΠΟΥΛΟΥ", "μαρια", "2011-09-30" };
	assert_int_equal(cr_pick_about(me, &fam_1217, &t, &about), DM_OK);
	assert_ptr_equal(about, &family_1217[3]);
	/* the right name with another birth date is not her */
	t.birth_date = "2011-09-29";
	assert_int_equal(cr_pick_about(me, &fam_1217, &t, &about),
	    DM_EDENIED);
	assert_null(about);
	/* his sister lives in the parents' record, not his: refused */
	t = (struct cr_target){ 1, "Παπαδοπούλου", "Ελένη", "1978-03-02" };
	assert_int_equal(cr_pick_about(me, &fam_1217, &t, &about),
	    DM_EDENIED);
	assert_int_equal(cr_pick_about(me, &fam_1100, &t, &about),
	    DM_EDENIED);	/* not his record, even if she is in it */
	/* missing fields */
	t = (struct cr_target){ 1, NULL, "Μαρία", "2011-09-30" };
	assert_int_equal(cr_pick_about(me, &fam_1217, &t, &about),
	    DM_EDENIED);
}

static void
relatives(void **state)
{
	struct cr_person all[9];
	struct cr_union u[3];
	struct cr_relative r[16];
	size_t n;

	(void)state;
	memcpy(all, parents_1100, sizeof(parents_1100));
	memcpy(all + 3, family_1217, sizeof(family_1217));
	/* a stranger in another record */
	all[7] = family_1217[1];
	all[7].id = 5000;
	all[7].merida = 9999;
	all[7].relation = "head";
	/* the father's half-sibling from another family: no parent ids */
	all[8] = parents_1100[0];
	all[8].id = 5001;
	all[8].merida = 8888;
	all[8].deceased = 0;
	n = cr_relatives(&parents_1100[0], all, 9, NULL, 0, r, 16);
	/* spouse (head and spouse of one record), then his two children
	 * by birth; grandchildren are not next of kin */
	assert_int_equal(n, 3);
	assert_int_equal(r[0].kin, CR_KIN_SPOUSE);
	assert_int_equal(r[0].p->id, 1029);
	assert_int_equal(r[1].kin, CR_KIN_CHILD);
	assert_int_equal(r[1].p->id, 1116);
	assert_int_equal(r[2].kin, CR_KIN_CHILD);
	assert_int_equal(r[2].p->id, 1030);
	assert_string_equal(cr_kin_label(r[2].kin, r[2].p->sex), "Θυγατέρα");

	/* the mother: her children through mother_id */
	n = cr_relatives(&parents_1100[1], all, 9, NULL, 0, r, 16);
	assert_int_equal(n, 3);
	assert_int_equal(r[0].p->id, 1028);
	assert_int_equal(r[1].kin, CR_KIN_CHILD);
	assert_int_equal(r[1].p->id, 1116);

	/* Georgios: spouse, children, parents, sister */
	n = cr_relatives(&family_1217[0], all, 9, NULL, 0, r, 16);
	assert_int_equal(n, 6);
	assert_int_equal(r[0].kin, CR_KIN_SPOUSE);
	assert_int_equal(r[1].kin, CR_KIN_CHILD);
	assert_int_equal(r[2].kin, CR_KIN_CHILD);
	assert_int_equal(r[3].kin, CR_KIN_PARENT);
	assert_int_equal(r[3].p->id, 1028);	/* born first */
	assert_string_equal(cr_kin_label(r[3].kin, 'M'), "Πατέρας");
	assert_int_equal(r[5].kin, CR_KIN_SIBLING);
	assert_int_equal(r[5].p->id, 1030);
	assert_string_equal(cr_kin_label(r[5].kin, 'F'), "Αδελφή");

	/* a spouse only through a marriage event, later divorced */
	u[0] = (struct cr_union){ 1030, 5000, "2000-05-01", 0 };
	n = cr_relatives(&parents_1100[2], all, 9, u, 1, r, 16);
	assert_int_equal(r[0].kin, CR_KIN_SPOUSE);
	assert_int_equal(r[0].p->id, 5000);
	u[1] = (struct cr_union){ 5000, 1030, "2009-01-01", 1 };
	n = cr_relatives(&parents_1100[2], all, 9, u, 2, r, 16);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(r[i].p->id, 5000);
	/* remarried after the divorce */
	u[2] = (struct cr_union){ 1030, 5000, "2012-06-01", 0 };
	n = cr_relatives(&parents_1100[2], all, 9, u, 3, r, 16);
	assert_int_equal(r[0].p->id, 5000);
	/* max bounds the output */
	assert_int_equal(cr_relatives(&family_1217[0], all, 9, NULL, 0, r,
	    2), 2);
}

/* ---------------------------------------------------- certificates */

static const char *
para(const struct dm_certificate *c, size_t i)
{
	assert_true(i < c->nparagraphs);
	return c->paragraphs[i];
}

static int
has_text(const struct dm_certificate *c, const char *s)
{
	for (size_t i = 0; i < c->nparagraphs; i++)
		if (strstr(c->paragraphs[i], s) != NULL)
			return 1;
	for (size_t i = 0; i < c->nrows; i++)
		if (strstr(c->rows[i].label, s) != NULL ||
		    strstr(c->rows[i].value, s) != NULL)
			return 1;
	for (size_t i = 0; i < c->nremarks; i++)
		if (strstr(c->remarks[i], s) != NULL)
			return 1;
	return 0;
}

static const char *
row(const struct dm_certificate *c, const char *label)
{
	for (size_t i = 0; i < c->nrows; i++)
		if (strcmp(c->rows[i].label, label) == 0)
			return c->rows[i].value;
	return NULL;
}

static struct kit_units visaltia;

static struct cr_cert_in
input(const struct cr_family *f, const struct cr_person *about)
{
	struct cr_cert_in in = { &A, &visaltia, f, about,
	    "Κάθε νόμιμη χρήση" };

	return in;
}

static void
cert_family_status(void **state)
{
	struct dm_certificate c = { 0 };
	struct cr_cert_in in = input(&fam_1217, &family_1217[0]);

	(void)state;
	assert_int_equal(cr_cert_family_status(&in, &c), 0);
	assert_string_equal(c.title, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ");
	assert_non_null(strstr(para(&c, 0), "ο Γεώργιος Παπαδόπουλος του "
	    "Νικολάου και της Μαρίας, που γεννήθηκε στις 14 Μαΐου 1975, "
	    "είναι εγγεγραμμένος στην οικογενειακή μερίδα αριθ. 1217 της "
	    "δημοτικής ενότητας Νιγρίτας."));
	/* a row per member, head first, labels by relation and sex */
	assert_int_equal(c.nrows, 4);
	assert_string_equal(c.rows[0].label, "Αρχηγός μερίδας");
	assert_string_equal(c.rows[1].label, "Σύζυγος");
	assert_string_equal(c.rows[2].label, "Υιός");
	assert_string_equal(c.rows[3].label, "Θυγατέρα");
	assert_string_equal(c.rows[1].value, "Μουρατίδου Αικατερίνη του "
	    "Στεφάνου και της Ευδοκίας\nγεν. 03/10/1978, Θεσσαλονίκη · "
	    "Έγγαμη");
	assert_true(has_text(&c, "Σκοπός έκδοσης: Κάθε νόμιμη χρήση."));
	assert_string_equal(c.holder, "Γεώργιος Παπαδόπουλος");
	assert_string_equal(c.record_ref, "p:1116");
	assert_non_null(c.table_title);

	/* about the daughter, and without the units' genitives */
	in = input(&fam_1217, &family_1217[3]);
	in.units = NULL;
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_family_status(&in, &c), 0);
	assert_non_null(strstr(para(&c, 0), "η Μαρία Παπαδοπούλου του "
	    "Γεωργίου και της Αικατερίνης, που γεννήθηκε στις 30 "
	    "Σεπτεμβρίου 2011, είναι εγγεγραμμένη στην οικογενειακή μερίδα "
	    "αριθ. 1217 (δημοτική ενότητα: Νιγρίτα)."));
	assert_string_equal(c.record_ref, "p:1119");
	assert_string_equal(c.holder, "Μαρία Παπαδοπούλου");

	/* a deceased member is listed as such, in the past tense */
	in = input(&fam_1100, &parents_1100[0]);
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_family_status(&in, &c), 0);
	assert_non_null(strstr(para(&c, 0), "απεβίωσε στις 20 Νοεμβρίου "
	    "2019, ήταν εγγεγραμμένος"));
	assert_non_null(strstr(c.rows[0].value, "· απεβίωσε 20/11/2019"));
	assert_non_null(strstr(c.rows[1].value, "Χήρα"));
}

static void
cert_too_big(void **state)
{
	struct cr_person *many = calloc(KIT_CERT_ROWS + 1, sizeof(*many));
	struct cr_family f = { 1, "Νιγρίτα", NULL, many, KIT_CERT_ROWS + 1 };
	struct dm_certificate c = { 0 };
	struct cr_cert_in in;

	(void)state;
	assert_non_null(many);
	for (size_t i = 0; i < KIT_CERT_ROWS + 1; i++) {
		many[i] = family_1217[2];
		many[i].id = (long long)i + 1;
	}
	in = input(&f, &many[0]);
	assert_int_equal(cr_cert_family_status(&in, &c), -1);
	f.nmembers = KIT_CERT_ROWS;
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_family_status(&in, &c), 0);
	assert_int_equal(c.nrows, KIT_CERT_ROWS);
	free(many);
}

static void
cert_birth(void **state)
{
	struct dm_certificate c = { 0 };
	struct cr_cert_in in = input(&fam_1217, &family_1217[0]);

	(void)state;
	assert_int_equal(cr_cert_birth(&in, "Ληξιαρχική πράξη γέννησης "
	    "112/1975, Ληξιαρχείο Νιγρίτας", &c), 0);
	assert_string_equal(c.title, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΓΕΝΝΗΣΗΣ");
	assert_non_null(strstr(para(&c, 0), "ο Γεώργιος Παπαδόπουλος του "
	    "Νικολάου και της Μαρίας γεννήθηκε στις 14 Μαΐου 1975 και είναι "
	    "εγγεγραμμένος"));
	assert_string_equal(row(&c, "Ημερομηνία γέννησης"), "14/05/1975");
	assert_string_equal(row(&c, "Τόπος γέννησης"), "Νιγρίτα");
	assert_string_equal(row(&c, "Όνομα πατέρα"), "Νικόλαος");
	assert_string_equal(row(&c, "Επώνυμο μητέρας"), "Τσολάκη");
	assert_string_equal(row(&c, "Φύλο"), "Άρρεν");
	assert_string_equal(row(&c, "Οικογενειακή μερίδα"), "1217");
	assert_non_null(strstr(row(&c, "Ληξιαρχική πράξη γέννησης"),
	    "112/1975"));
	assert_null(row(&c, "Ημερομηνία θανάτου"));
	/* no act, no row; a deceased person's death is stated */
	in = input(&fam_1100, &parents_1100[0]);
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_birth(&in, NULL, &c), 0);
	assert_null(row(&c, "Ληξιαρχική πράξη γέννησης"));
	assert_null(row(&c, "Επώνυμο μητέρας"));
	assert_string_equal(row(&c, "Ημερομηνία θανάτου"), "20/11/2019");
	assert_non_null(strstr(para(&c, 0), "και ήταν εγγεγραμμένος"));
}

static void
cert_next_of_kin(void **state)
{
	struct cr_person all[7];
	struct cr_relative r[8];
	struct dm_certificate c = { 0 };
	struct cr_cert_in in = input(&fam_1100, &parents_1100[0]);
	size_t n;

	(void)state;
	memcpy(all, parents_1100, sizeof(parents_1100));
	memcpy(all + 3, family_1217, sizeof(family_1217));
	n = cr_relatives(&parents_1100[0], all, 7, NULL, 0, r, 8);
	assert_int_equal(cr_cert_next_of_kin(&in, r, n, &c), 0);
	assert_string_equal(c.title, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΕΓΓΥΤΕΡΩΝ ΣΥΓΓΕΝΩΝ");
	assert_non_null(strstr(para(&c, 0), "ο Νικόλαος Παπαδόπουλος του "
	    "Γεωργίου και της Ελένης, που γεννήθηκε στις 11 Φεβρουαρίου 1946 "
	    "και απεβίωσε στις 20 Νοεμβρίου 2019 (τόπος θανάτου: Σέρρες), "
	    "ήταν εγγεγραμμένος"));
	assert_non_null(strstr(para(&c, 1), "του θανόντος"));
	assert_int_equal(c.nrows, 3);
	assert_string_equal(c.rows[0].label, "Σύζυγος");
	assert_string_equal(c.rows[1].label, "Υιός");
	assert_string_equal(c.rows[1].value, "Παπαδόπουλος Γεώργιος του "
	    "Νικολάου και της Μαρίας\nγεν. 14/05/1975, Νιγρίτα");
	assert_string_equal(c.rows[2].label, "Θυγατέρα");
	assert_string_equal(c.holder, "Νικόλαος Παπαδόπουλος");
	assert_string_equal(c.record_ref, "p:1028");
	/* nobody registered: said so, no table */
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_next_of_kin(&in, r, 0, &c), 0);
	assert_int_equal(c.nrows, 0);
	assert_null(c.table_title);
	assert_non_null(strstr(para(&c, 1), "δεν είναι καταχωρισμένοι"));
}

static void
cert_residence_and_origin(void **state)
{
	struct dm_certificate c = { 0 };
	struct cr_cert_in in = input(&fam_1217, &family_1217[1]);
	struct cr_person anon = { .relation = "other",
	    .surname = "ΚΩΝΣΤΑΝΤΙΝΙΔΟΥ", .name = "ΣΟΦΙΑ",
	    .father_name = "ΑΘΑΝΑΣΙΟΣ", .mother_name = "ΒΑΣΙΛΙΚΗ",
	    .sex = '?', .birth_place = "" };

	(void)state;
	assert_int_equal(cr_cert_residence(&in, "Μεγάλου Αλεξάνδρου 8, "
	    "62200 Νιγρίτα", &c), 0);
	assert_string_equal(c.title, "ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ");
	assert_non_null(strstr(para(&c, 0), "η Αικατερίνη Μουρατίδου του "
	    "Στεφάνου και της Ευδοκίας, εγγεγραμμένη στο Δημοτολόγιο"));
	assert_non_null(strstr(para(&c, 0), "είναι μόνιμη κάτοικος του "
	    "Δήμου, στη διεύθυνση: Μεγάλου Αλεξάνδρου 8, 62200 Νιγρίτα."));
	assert_string_equal(c.record_ref, "p:1117");
	/* from the account alone: TaxisNet capitals, sex unknown */
	in = input(NULL, &anon);
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_residence(&in, "Ερμού 5, Σέρρες", &c), 0);
	assert_non_null(strstr(para(&c, 0), "ο/η ΣΟΦΙΑ ΚΩΝΣΤΑΝΤΙΝΙΔΟΥ του "
	    "ΑΘΑΝΑΣΙΟΥ και της ΒΑΣΙΛΙΚΗΣ είναι μόνιμος/η κάτοικος"));
	assert_null(c.record_ref);
	assert_null(row(&c, "Οικογενειακή μερίδα"));
	assert_null(row(&c, "Ημερομηνία γέννησης"));
	assert_string_equal(c.holder, "ΣΟΦΙΑ ΚΩΝΣΤΑΝΤΙΝΙΔΟΥ");
	/* the mother unknown: only the father */
	anon.mother_name = NULL;
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_residence(&in, "Ερμού 5, Σέρρες", &c), 0);
	assert_non_null(strstr(para(&c, 0), "ΚΩΝΣΤΑΝΤΙΝΙΔΟΥ του ΑΘΑΝΑΣΙΟΥ "
	    "είναι"));

	in = input(&fam_1217, &family_1217[0]);
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_local_origin(&in, &c), 0);
	assert_string_equal(c.title,
	    "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΔΗΜΟΤΙΚΟΤΗΤΑΣ ΚΑΙ ΙΘΑΓΕΝΕΙΑΣ");
	assert_non_null(strstr(para(&c, 0), "είναι δημότης του Δήμου, "
	    "εγγεγραμμένος"));
	assert_non_null(strstr(para(&c, 1), "ιθαγένεια: Ελληνική."));
	assert_string_equal(row(&c, "Ιθαγένεια"), "Ελληνική");
	in = input(&fam_1217, &family_1217[1]);	/* no citizenship given */
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_local_origin(&in, &c), 0);
	assert_non_null(strstr(para(&c, 0), "είναι δημότισσα του Δήμου"));
	assert_int_equal(c.nparagraphs, 1);
	assert_null(row(&c, "Ιθαγένεια"));
}

static void
labels(void **state)
{
	struct kit_alloc a = A;

	(void)state;
	assert_string_equal(cr_record_label(&a, &family_1217[0]),
	    "Παπαδόπουλος Γεώργιος του Νικολάου (1975)");
	assert_string_equal(cr_relation_label("child", 'F'), "Θυγατέρα");
	assert_string_equal(cr_relation_label("other", 'F'), "Μέλος");
	assert_string_equal(cr_marital_label("widowed", 'M'), "Χήρος");
	assert_null(cr_marital_label(NULL, 'M'));
	assert_string_equal(kit_agen(&a, "Ιωάννης"), "Ιωάννη");
	assert_string_equal(kit_agen(&a, "ΚΩΝΣΤΑΝΤΙΝΟΣ"), "ΚΩΝΣΤΑΝΤΙΝΟΥ");
}

/* ----------------------------------------------------- PDF render */

/* The certificate as the core lays it out, then its text. */
static char *
rendered_text(const struct dm_certificate *c)
{
	static const struct pdf_labels l = {
		.protocol = "Αρ. πρωτ.", .issued = "Ημερομηνία έκδοσης",
		.place = "Τόπος", .page_fmt = "Σελίδα %d από %d",
		.verify = "Επαληθεύστε", .code = "Κωδικός επαλήθευσης",
		.signer = "Ο/Η υπάλληλος", .automatic = "Εκδόθηκε αυτόματα",
	};
	struct pdf_row rows[KIT_CERT_ROWS];
	struct pdf_spec s;
	unsigned char *pdf = NULL;
	size_t len = 0;
	char path[] = "/tmp/registry-cert-XXXXXX", cmd[128];
	static char text[65536];
	FILE *fp;
	size_t n;
	int fd;

	memset(&s, 0, sizeof(s));
	for (size_t i = 0; i < c->nrows; i++) {
		rows[i].label = c->rows[i].label;
		rows[i].value = c->rows[i].value;
	}
	s.labels = &l;
	s.municipality = "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ";
	s.header_lines = "Δημοτολόγιο";
	s.title = c->title;
	s.subtitle = c->subtitle;
	s.protocol = "12/2026";
	s.issued_at = "28/11/2026";
	s.place = "Νιγρίτα";
	s.paragraphs = c->paragraphs;
	s.nparagraphs = c->nparagraphs;
	s.table_title = c->table_title;
	s.rows = rows;
	s.nrows = c->nrows;
	s.after = c->remarks;
	s.nafter = c->nremarks;
	assert_int_equal(pdf_render(&s, &pdf, &len), DM_OK);
	assert_true(len > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, pdf, len), (ssize_t)len);
	close(fd);
	free(pdf);
	snprintf(cmd, sizeof(cmd), "pdftotext -q -raw %s -", path);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	assert_int_equal(pclose(fp), 0);
	unlink(path);
	return text;
}

static void
pdf_renders(void **state)
{
	struct dm_certificate c = { 0 };
	struct cr_cert_in in = input(&fam_1217, &family_1217[0]);
	struct cr_person all[7];
	struct cr_relative r[8];
	const char *t;
	size_t n;

	(void)state;
	assert_int_equal(cr_cert_family_status(&in, &c), 0);
	t = rendered_text(&c);
	assert_non_null(strstr(t, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ"));
	assert_non_null(strstr(t, "Νικολάου"));
	assert_non_null(strstr(t, "Μουρατίδου Αικατερίνη"));
	assert_non_null(strstr(t, "Παπαδοπούλου Μαρία"));
	assert_non_null(strstr(t, "Σκοπός έκδοσης"));

	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_birth(&in, "Πράξη 112/1975", &c), 0);
	t = rendered_text(&c);
	assert_non_null(strstr(t, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΓΕΝΝΗΣΗΣ"));
	assert_non_null(strstr(t, "14 Μαΐου 1975"));

	memcpy(all, parents_1100, sizeof(parents_1100));
	memcpy(all + 3, family_1217, sizeof(family_1217));
	in = input(&fam_1100, &parents_1100[0]);
	n = cr_relatives(&parents_1100[0], all, 7, NULL, 0, r, 8);
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_next_of_kin(&in, r, n, &c), 0);
	t = rendered_text(&c);
	assert_non_null(strstr(t, "ΕΓΓΥΤΕΡΩΝ ΣΥΓΓΕΝΩΝ"));
	assert_non_null(strstr(t, "Θυγατέρα"));

	in = input(&fam_1217, &family_1217[0]);
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_residence(&in, "Οδός 1, Νιγρίτα", &c), 0);
	assert_non_null(strstr(rendered_text(&c), "Οδός 1, Νιγρίτα"));
	memset(&c, 0, sizeof(c));
	assert_int_equal(cr_cert_local_origin(&in, &c), 0);
	assert_non_null(strstr(rendered_text(&c), "ΔΗΜΟΤΙΚΟΤΗΤΑΣ"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(pick_applicant, free_blocks),
		cmocka_unit_test_teardown(pick_about, free_blocks),
		cmocka_unit_test_teardown(relatives, free_blocks),
		cmocka_unit_test_teardown(cert_family_status, free_blocks),
		cmocka_unit_test_teardown(cert_too_big, free_blocks),
		cmocka_unit_test_teardown(cert_birth, free_blocks),
		cmocka_unit_test_teardown(cert_next_of_kin, free_blocks),
		cmocka_unit_test_teardown(cert_residence_and_origin,
		    free_blocks),
		cmocka_unit_test_teardown(labels, free_blocks),
		cmocka_unit_test_teardown(pdf_renders, free_blocks),
	};
	char err[256];
	int rc;

	if (kit_units_parse("Νιγρίτα:Νιγρίτας, Αχινός:Αχινού, "
	    "Βισαλτία:Βισαλτίας, Τράγιλος:Τραγίλου", &visaltia, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	pdf_cleanup();
	return rc;
}
