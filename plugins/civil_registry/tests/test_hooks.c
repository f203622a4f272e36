/*
 * test_hooks.c - the civil registry's hooks as the core calls them, with
 * the fake host the core ships (dimos/testhost.h): the registry's tables
 * live in a database of the test's own on the test stack's MariaDB, so the
 * plugin's SQL runs for real (a wrong condition shows, whatever the query
 * looks like); requests and forms are the host's fakes, and the staff
 * panel's XML contract is checked element by element.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/host.h"
#include "dimos/kit/date.h"
#include "dimos/kit/text.h"
#include "dimos/plugin.h"
#include "dimos/testhost.h"

#include "crcert.h"

/* ------------------------------------------------------ registry */

static const struct cr_person persons[] = {
	/* record 1100: the parents; the father died in 2019 */
	{ .id = 1028, .merida = 1100, .relation = "head",
	  .surname = "Παπαδόπουλος", .name = "Νικόλαος",
	  .father_name = "Γεώργιος", .mother_name = "Ελένη", .sex = 'M',
	  .birth_date = "1946-02-11", .birth_place = "Νιγρίτα",
	  .marital = "married", .deceased = 1, .death_date = "2019-11-20",
	  .death_place = "Σέρρες", .citizenship = "Ελληνική" },
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
	/* record 1217: Georgios, by AFM */
	{ .id = 1116, .merida = 1217, .relation = "head",
	  .surname = "Παπαδόπουλος", .name = "Γεώργιος",
	  .father_name = "Νικόλαος", .mother_name = "Μαρία", .sex = 'M',
	  .birth_date = "1975-05-14", .birth_place = "Νιγρίτα",
	  .afm = "126018150", .marital = "married", .father_id = 1028,
	  .mother_id = 1029, .citizenship = "Ελληνική" },
	{ .id = 1119, .merida = 1217, .relation = "child",
	  .surname = "Παπαδοπούλου", .name = "Μαρία",
	  .father_name = "Γεώργιος", .mother_name = "Αικατερίνη", .sex = 'F',
	  .birth_date = "2011-09-30", .birth_place = "Σέρρες",
	  .father_id = 1116, .mother_id = 1117 },
	{ .id = 1117, .merida = 1217, .relation = "spouse",
	  .surname = "Μουρατίδου", .name = "Αικατερίνη",
	  .father_name = "Στέφανος", .mother_name = "Ευδοκία", .sex = 'F',
	  .birth_date = "1978-10-03", .birth_place = "Θεσσαλονίκη" },
	/* a namesake of his daughter, born the same day, elsewhere */
	{ .id = 1240, .merida = 2087, .relation = "child",
	  .surname = "Παπαδοπούλου", .name = "Μαρία",
	  .father_name = "Αντώνιος", .mother_name = "Ελένη", .sex = 'F',
	  .birth_date = "2011-09-30", .birth_place = "Σέρρες" },
	/* record 2087: Eleni Georgiou, without AFM */
	{ .id = 1232, .merida = 2087, .relation = "head",
	  .surname = "Γεωργίου", .name = "Ελένη",
	  .father_name = "Δημήτριος", .mother_name = "Αικατερίνη", .sex = 'F',
	  .birth_date = "1982-07-19", .birth_place = "Σέρρες" },
};

#define NPERSONS	(sizeof(persons) / sizeof(persons[0]))

static const struct {
	long long	 merida;
	const char	*unit;
} families[] = { { 1100, "Νιγρίτα" }, { 1217, "Νιγρίτα" },
	{ 2087, "Βισαλτία" }, { 3000, "Τράγιλος" } };

/*
 * Namesakes: more Παπαδόπουλοι than one search returns (CAND_MAX), with
 * lower ids than anyone above, in record 3000. A query that narrowed
 * less than it should (an OR for an AND) fills its page with them and
 * misses the person it looks for.
 */
#define NAMESAKES	25
#define NAMESAKE_ID	900


static const struct {
	long long	 person, related;
	const char	*kind, *date, *act;
} events[] = {
	{ 1116, 0, "birth", "1975-05-14", "Πράξη γέννησης 112/1975" },
	{ 1028, 1029, "marriage", "1972-09-17", NULL },
	{ 1029, 1028, "marriage", "1972-09-17", NULL },
};

static const struct dm_host *host;
static const struct dm_plugin *pl;

static struct dm_value
text(const char *s)
{
	return DM_VTEXT(s);
}

static struct dm_value
id_or_null(long long id)
{
	return id ? DM_VINT(id) : DM_VNULL;
}

static struct dm_value
folded(const char *s, char *buf)
{
	kit_fold(s, buf, KIT_FOLD_MAX);
	return DM_VTEXT(buf);
}

static void
exec(const char *sql, const struct dm_value *v, size_t n)
{
	if (host->db_exec(NULL, sql, v, n, NULL, NULL) != DM_OK)
		fail_msg("fixture: %s", sql);
}

/* The registry above, as the import writes it (names folded too). */
static void
load_registry(void)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		struct dm_value v[2] = { DM_VINT(families[i].merida),
		    text(families[i].unit) };

		exec("INSERT INTO cr_families (merida, unit) VALUES (?, ?)",
		    v, 2);
	}
	for (size_t i = 0; i < NPERSONS; i++) {
		const struct cr_person *p = &persons[i];
		char sf[KIT_FOLD_MAX], nf[KIT_FOLD_MAX], ff[KIT_FOLD_MAX];
		struct dm_value v[24] = {
			DM_VINT(p->id), DM_VINT(p->merida), text(p->relation),
			text(p->surname), text(p->name), text(p->father_name),
			text(p->mother_name), text(p->mother_surname),
			text(p->sex == 'M' ? "M" : "F"), text(p->birth_date),
			text(p->birth_place), text(p->citizenship),
			text(p->marital), text(p->afm), text(p->amka),
			text(p->deceased ? "deceased" : "alive"),
			text(p->death_date), text(p->death_place),
			id_or_null(p->father_id), id_or_null(p->mother_id),
			folded(p->surname, sf), folded(p->name, nf),
			folded(p->father_name, ff),
			DM_VINT(kit_date_year(p->birth_date)),
		};

		exec("INSERT INTO cr_persons (id, merida, relation, surname, "
		    "name, father_name, mother_name, mother_surname, sex, "
		    "birth_date, birth_place, citizenship, marital_status, "
		    "afm, amka, status, death_date, death_place, father_id, "
		    "mother_id, surname_f, name_f, father_f, birth_year) "
		    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, ?, ?, ?, ?, ?, ?, ?)", v, 24);
	}
	for (long long i = 0; i < NAMESAKES; i++) {
		char sf[KIT_FOLD_MAX], nf[KIT_FOLD_MAX], ff[KIT_FOLD_MAX];
		char born[11];
		struct dm_value v[10];

		snprintf(born, sizeof(born), "%04lld-01-15", 1950 + i);
		v[0] = DM_VINT(NAMESAKE_ID + i);
		v[1] = text(born);
		v[2] = folded("Παπαδόπουλος", sf);
		v[3] = folded("Αντώνιος", nf);
		v[4] = folded("Πέτρος", ff);
		v[5] = DM_VINT(1950 + i);
		exec("INSERT INTO cr_persons (id, merida, relation, surname, "
		    "name, father_name, mother_name, sex, birth_date, "
		    "birth_place, surname_f, name_f, father_f, birth_year) "
		    "VALUES (?, 3000, 'other', 'Παπαδόπουλος', 'Αντώνιος', "
		    "'Πέτρος', 'Άννα', 'M', ?, 'Τράγιλος', ?, ?, ?, ?)", v, 6);
	}
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		struct dm_value v[5] = { DM_VINT(events[i].person),
		    text(events[i].kind), text(events[i].date),
		    text(events[i].act), id_or_null(events[i].related) };

		exec("INSERT INTO cr_events (person_id, kind, date, act_ref, "
		    "related_person_id) VALUES (?, ?, ?, ?, ?)", v, 5);
	}
}

/* ---------------------------------------------------------- page */

static const char *
attr(const struct dm_test_node *n, const char *name)
{
	return dm_test_attr(n, name);
}

/* The value of a record's <field label="...">, or NULL. */
static const char *
field(const struct dm_test_node *rec, const char *label)
{
	for (const struct dm_test_node *f = rec->kids; f; f = f->next)
		if (strcmp(f->name, "field") == 0 &&
		    strcmp(attr(f, "label"), label) == 0)
			return f->text;
	return NULL;
}

static const struct dm_test_node *
nth_record(const struct dm_test_node *panel, size_t k)
{
	return dm_test_child(panel, "record", k);
}

static int
has_note(const struct dm_test_node *panel, const char *kind,
    const char *part)
{
	for (const struct dm_test_node *n = panel->kids; n; n = n->next)
		if (strcmp(n->name, "note") == 0 &&
		    strcmp(attr(n, "kind"), kind) == 0 &&
		    strstr(n->text, part) != NULL)
			return 1;
	return 0;
}

/* Every element is a <record ref label> with <field label> children or a
 * <note kind> with text: nothing else reaches the core's stylesheet. */
static void
check_contract(const struct dm_test_node *panel)
{
	for (const struct dm_test_node *n = panel->kids; n; n = n->next) {
		if (strcmp(n->name, "note") == 0) {
			const char *k = attr(n, "kind");

			assert_non_null(k);
			assert_true(strcmp(k, "info") == 0 ||
			    strcmp(k, "warning") == 0);
			assert_non_null(n->text);
			assert_null(n->kids);
			continue;
		}
		assert_string_equal(n->name, "record");
		assert_non_null(attr(n, "ref"));
		assert_non_null(attr(n, "label"));
		assert_null(n->text);
		for (const struct dm_test_node *f = n->kids; f; f = f->next) {
			assert_string_equal(f->name, "field");
			assert_non_null(attr(f, "label"));
			assert_non_null(f->text);
		}
	}
}

/* --------------------------------------------- forms and requests */

struct kv {
	const char	*k;
	const char	*v;
};

static const struct dm_user georgios = { .id = 1, .kind = 'p',
	.level = 'B', .first_name = "ΓΕΩΡΓΙΟΣ", .last_name = "ΠΑΠΑΔΟΠΟΥΛΟΣ",
	.father_name = "ΝΙΚΟΛΑΟΣ", .mother_name = "ΜΑΡΙΑ",
	.afm = "126018150", .birth_year = 1975 };
static const struct dm_user eleni = { .id = 2, .kind = 'p', .level = 'B',
	.first_name = "ΕΛΕΝΗ", .last_name = "ΓΕΩΡΓΙΟΥ",
	.father_name = "ΔΗΜΗΤΡΙΟΣ", .mother_name = "ΑΙΚΑΤΕΡΙΝΗ",
	.afm = "083016618", .birth_year = 1982 };
static const struct dm_user stranger = { .id = 3, .kind = 'p',
	.level = 'B', .first_name = "ΠΑΝΑΓΙΩΤΗΣ", .last_name = "ΟΙΚΟΝΟΜΟΥ",
	.father_name = "ΙΩΑΝΝΗΣ", .mother_name = "ΣΤΑΥΡΟΥΛΑ",
	.afm = "179754321", .birth_year = 1985 };

static const struct dm_service *
service(const char *code)
{
	return dm_test_service(pl, code);
}

/* A request of svc by u, with the form values given. */
static struct dm_request *
request(struct dm_req *req, const char *svc, const struct dm_user *u,
    const struct kv *form)
{
	struct dm_request *r = dm_test_request(req, 7, svc, u);

	for (const struct kv *p = form; p != NULL && p->k != NULL; p++)
		dm_test_request_value(r, p->k, p->v);
	return r;
}

static dm_status
cert(const char *svc, const struct dm_user *u, int auto_issue,
    const char *ref, const struct kv *form, struct dm_certificate *out)
{
	struct dm_req *req = dm_test_req();

	memset(out, 0, sizeof(*out));
	return pl->certificate(req, service(svc), request(req, svc, u, form),
	    auto_issue, ref, out);
}

static const struct dm_test_node *
panel(const char *svc, const struct dm_user *u, const struct kv *form)
{
	struct dm_req *req = dm_test_req();
	struct dm_node *root = dm_test_panel(req);

	assert_int_equal(pl->staff_panel(req, service(svc), request(req, svc,
	    u, form), root), DM_OK);
	check_contract(dm_test_node(root));
	return dm_test_node(root);
}

static const struct kv self[] = { { "whom", "self" }, { "purpose", "any" },
	{ NULL, NULL } };
static const struct kv daughter[] = { { "whom", "member" },
	{ "member_surname", "ΠΑΠΑΔΟΠΟΥΛΟΥ" }, { "member_name", "Μαρια" },
	{ "member_birth_date", "2011-09-30" }, { "purpose", "court" },
	{ NULL, NULL } };
static const struct kv sister[] = { { "whom", "member" },
	{ "member_surname", "Παπαδοπούλου" }, { "member_name", "Ελένη" },
	{ "member_birth_date", "1978-03-02" }, { "purpose", "any" },
	{ NULL, NULL } };
static const struct kv father[] = { { "deceased_surname", "Παπαδόπουλος" },
	{ "deceased_name", "ΝΙΚΟΛΑΟΣ" }, { "deceased_father", "Γεώργιος" },
	{ "death_date", "2019-11-21" }, { "relationship", "child" },
	{ "purpose", "inheritance" }, { NULL, NULL } };

/* --------------------------------------------------------- tests */

static void
descriptor(void **state)
{
	size_t n = 0;

	(void)state;
	assert_string_equal(pl->name, "civil_registry");
	assert_int_equal(pl->abi_major, DM_ABI_MAJOR);
	for (const struct dm_service *s = pl->services; s->code != NULL;
	    s++, n++) {
		assert_int_equal(s->result, DM_RESULT_CERTIFICATE);
		assert_true(s->flags & DM_SERVICE_LEVEL_B);
		assert_true(s->sla_days > 0);
		assert_non_null(s->title_en);
		assert_non_null(s->description_en);
	}
	assert_int_equal(n, 5);
	assert_true(service("cr-next-of-kin")->flags &
	    DM_SERVICE_CONFIDENTIAL);
	assert_false(service("cr-family-status")->flags &
	    DM_SERVICE_CONFIDENTIAL);
}

static void
automatic(void **state)
{
	struct dm_certificate c;
	struct dm_user levela = georgios, business = georgios;

	(void)state;
	assert_int_equal(cert("cr-family-status", &georgios, 1, NULL, self,
	    &c), DM_OK);
	assert_string_equal(c.title, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ");
	assert_string_equal(c.record_ref, "p:1116");
	assert_string_equal(c.holder, "Γεώργιος Παπαδόπουλος");
	/* a table of members (head, spouse, daughter), a column each for
	   relation, name, parents, birth and status; then the marriage */
	assert_true(c.ntables >= 1);
	assert_int_equal(c.tables[0].ncolumns, 5);
	assert_int_equal(c.tables[0].nrows, 3);
	assert_string_equal(c.tables[0].cells[0], "Αρχηγός μερίδας");
	assert_string_equal(c.tables[0].cells[2 * 5], "Θυγατέρα");
	/* without units configured the unit is named as it is */
	assert_non_null(strstr(c.paragraphs[0], "(δημοτική ενότητα: "
	    "Νιγρίτα)"));

	assert_int_equal(cert("cr-birth", &georgios, 1, NULL, self, &c),
	    DM_OK);
	assert_string_equal(c.title, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΓΕΝΝΗΣΗΣ");
	for (size_t i = 0; i < c.nrows; i++)
		if (strcmp(c.rows[i].label, "Ληξιαρχική πράξη γέννησης") == 0)
			assert_string_equal(c.rows[i].value,
			    "Πράξη γέννησης 112/1975");

	/* his daughter: his own record */
	assert_int_equal(cert("cr-birth", &georgios, 1, NULL, daughter, &c),
	    DM_OK);
	assert_string_equal(c.record_ref, "p:1119");
	assert_string_equal(c.holder, "Μαρία Παπαδοπούλου");
	assert_non_null(c.purpose);
	assert_non_null(strstr(c.purpose, "Δικαστική χρήση"));
	/* his sister: his parents' record, not his: refused */
	assert_int_equal(cert("cr-birth", &georgios, 1, NULL, sister, &c),
	    DM_EDENIED);
	assert_null(c.title);

	/* Eleni: her AFM is not in the registry, her names are */
	assert_int_equal(cert("cr-family-status", &eleni, 1, NULL, self, &c),
	    DM_OK);
	assert_string_equal(c.record_ref, "p:1232");
	/* nobody in the registry: a clerk */
	assert_int_equal(cert("cr-family-status", &stranger, 1, NULL, self,
	    &c), DM_ENOTFOUND);
	/* only Level B persons; only two services */
	levela.level = 'A';
	assert_int_equal(cert("cr-family-status", &levela, 1, NULL, self, &c),
	    DM_ENOTFOUND);
	business.kind = 'b';
	assert_int_equal(cert("cr-birth", &business, 1, NULL, self, &c),
	    DM_ENOTFOUND);
	assert_int_equal(cert("cr-next-of-kin", &georgios, 1, NULL, father,
	    &c), DM_ENOTFOUND);
	assert_int_equal(cert("cr-local-origin", &georgios, 1, NULL, self,
	    &c), DM_ENOTFOUND);
	assert_int_equal(cert("cr-residence", &georgios, 1, NULL, self, &c),
	    DM_ENOTFOUND);
	/* a database failure is not "no record" */
	dm_test_db_fail(1);
	assert_int_equal(cert("cr-family-status", &georgios, 1, NULL, self,
	    &c), DM_EINTERNAL);
	dm_test_db_fail(0);
}

/* A business, even a verified one, is nobody in the registry: never
 * issued from data, refused with a reason when a clerk tries, and the
 * panel says why instead of matching its AFM or names. */
static void
business_applicant(void **state)
{
	struct dm_user business = georgios;
	struct dm_certificate c;
	const struct dm_test_node *p;
	struct dm_req *req;

	(void)state;
	business.kind = 'b';
	business.company_name = "ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε.";
	assert_int_equal(cert("cr-family-status", &business, 1, NULL, self,
	    &c), DM_ENOTFOUND);
	assert_null(c.title);
	/* the AFM and names are Georgios's, the record exists: still no */
	req = dm_test_req();
	memset(&c, 0, sizeof(c));
	assert_int_equal(pl->certificate(req, service("cr-family-status"),
	    request(req, "cr-family-status", &business, self), 0, "p:1116",
	    &c), DM_EDENIED);
	assert_null(c.title);
	assert_non_null(dm_test_refusal(req));
	assert_non_null(strstr(dm_test_refusal(req),
	    "δεν εκδίδονται σε νομικό πρόσωπο"));
	p = panel("cr-birth", &business, self);
	assert_null(nth_record(p, 0));
	assert_true(has_note(p, "warning", "νομικό πρόσωπο"));
}

static void
by_clerk(void **state)
{
	static const struct kv residence[] = { { "address",
	    "Ερμού 5, 62200 Νιγρίτα" }, { "purpose", "public" },
	    { NULL, NULL } };
	struct dm_certificate c;

	(void)state;
	/* next of kin from the record the clerk picked */
	assert_int_equal(cert("cr-next-of-kin", &georgios, 0, "p:1028",
	    father, &c), DM_OK);
	assert_string_equal(c.title, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΕΓΓΥΤΕΡΩΝ ΣΥΓΓΕΝΩΝ");
	assert_string_equal(c.record_ref, "p:1028");
	assert_int_equal(c.ntables, 1);
	assert_int_equal(c.tables[0].ncolumns, 5);
	assert_int_equal(c.tables[0].nrows, 3);
	assert_string_equal(c.tables[0].cells[0], "Σύζυγος");
	assert_string_equal(c.tables[0].cells[5], "Υιός");
	assert_string_equal(c.tables[0].cells[10], "Θυγατέρα");
	/* of a living person: refused; unknown or forged refs: not found */
	assert_int_equal(cert("cr-next-of-kin", &georgios, 0, "p:1116",
	    father, &c), DM_EDENIED);
	assert_int_equal(cert("cr-next-of-kin", &georgios, 0, NULL, father,
	    &c), DM_ENOTFOUND);
	for (const char *const *bad = (const char *const[]){ "p:999999",
	    "p:0", "p:1028x", "p:-5", "p:", "x:1028", "1028", "p:01028",
	    "p:99999999999999999999", NULL }; *bad != NULL; bad++)
		if (cert("cr-birth", &georgios, 0, *bad, self, &c) !=
		    DM_ENOTFOUND)
			fail_msg("ref '%s' was accepted", *bad);
	/* f:<record>: family status only, about its head */
	assert_int_equal(cert("cr-family-status", &stranger, 0, "f:1217",
	    self, &c), DM_OK);
	assert_string_equal(c.record_ref, "p:1116");
	assert_int_equal(cert("cr-birth", &stranger, 0, "f:1217", self, &c),
	    DM_ENOTFOUND);
	/* a clerk may issue about anybody, e.g. the sister */
	assert_int_equal(cert("cr-birth", &georgios, 0, "p:1030", sister, &c),
	    DM_OK);
	assert_string_equal(c.holder, "Ελένη Παπαδοπούλου");
	/* local origin of the dead: refused */
	assert_int_equal(cert("cr-local-origin", &georgios, 0, "p:1028", self,
	    &c), DM_EDENIED);
	assert_int_equal(cert("cr-local-origin", &georgios, 0, "p:1116", self,
	    &c), DM_OK);
	/* residence without a record: the applicant's record, else the
	 * account */
	assert_int_equal(cert("cr-residence", &georgios, 0, NULL, residence,
	    &c), DM_OK);
	assert_string_equal(c.record_ref, "p:1116");
	assert_non_null(strstr(c.paragraphs[0], "Ερμού 5, 62200 Νιγρίτα"));
	assert_int_equal(cert("cr-residence", &stranger, 0, NULL, residence,
	    &c), DM_OK);
	assert_null(c.record_ref);
	assert_string_equal(c.holder, "ΠΑΝΑΓΙΩΤΗΣ ΟΙΚΟΝΟΜΟΥ");
	assert_non_null(strstr(c.paragraphs[0], "ο/η ΠΑΝΑΓΙΩΤΗΣ ΟΙΚΟΝΟΜΟΥ "
	    "του ΙΩΑΝΝΗ και της ΣΤΑΥΡΟΥΛΑΣ"));
	/* no record and nobody matched: not found */
	assert_int_equal(cert("cr-family-status", &stranger, 0, NULL, self,
	    &c), DM_ENOTFOUND);
}

static void
panels(void **state)
{
	const struct dm_test_node *p, *r;

	(void)state;
	/* about the daughter: she first (preselected), then him, then the
	 * rest of his record, each once */
	p = panel("cr-birth", &georgios, daughter);
	r = nth_record(p, 0);
	assert_string_equal(attr(r, "ref"), "p:1119");
	assert_string_equal(attr(r, "label"),
	    "Παπαδοπούλου Μαρία του Γεωργίου (2011)");
	assert_string_equal(field(r, "Μερίδα"), "1217");
	assert_string_equal(field(r, "Δημοτική ενότητα"), "Νιγρίτα");
	assert_string_equal(field(r, "Σχέση στη μερίδα"), "Θυγατέρα");
	assert_string_equal(field(r, "Κατάσταση"), "Εν ζωή");
	assert_string_equal(field(r, "Ταύτιση"), "Μέλος που ζητήθηκε");
	/* her namesake in another record comes after her */
	r = nth_record(p, 1);
	assert_string_equal(attr(r, "ref"), "p:1240");
	assert_string_equal(field(r, "Ταύτιση"), "Μέλος που ζητήθηκε (άλλη "
	    "μερίδα)");
	r = nth_record(p, 2);
	assert_string_equal(attr(r, "ref"), "p:1116");
	assert_string_equal(field(r, "Ταύτιση"), "Αιτών (ΑΦΜ)");
	assert_string_equal(field(r, "ΑΦΜ"), "126018150");
	assert_string_equal(attr(nth_record(p, 3), "ref"), "p:1117");
	assert_null(nth_record(p, 4));
	assert_true(has_note(p, "info", "ανήκει στην οικογενειακή μερίδα"));

	/* the sister: found, but in another record */
	p = panel("cr-birth", &georgios, sister);
	assert_string_equal(attr(nth_record(p, 0), "ref"), "p:1030");
	assert_true(has_note(p, "warning", "δεν ανήκει"));

	/* Eleni, matched by names */
	p = panel("cr-family-status", &eleni, self);
	assert_string_equal(field(nth_record(p, 0), "Ταύτιση"), "Αιτών "
	    "(ονοματεπώνυμο, πατρώνυμο, έτος γέννησης)");

	/* nobody: a note, no records */
	p = panel("cr-family-status", &stranger, self);
	assert_null(nth_record(p, 0));
	assert_true(has_note(p, "info", "Καμία εγγραφή"));

	/* next of kin: the deceased first with the relatives as fields,
	 * the death date differs from the form's, the applicant is a son */
	p = panel("cr-next-of-kin", &georgios, father);
	r = nth_record(p, 0);
	assert_string_equal(attr(r, "ref"), "p:1028");
	assert_string_equal(field(r, "Κατάσταση"), "Απεβίωσε 20/11/2019");
	assert_string_equal(field(r, "Σύζυγος"), "Παπαδοπούλου Μαρία του "
	    "Ιωάννη, γεν. 10/06/1949");
	assert_non_null(field(r, "Υιός"));
	assert_non_null(field(r, "Θυγατέρα"));
	assert_string_equal(attr(nth_record(p, 1), "ref"), "p:1116");
	assert_true(has_note(p, "warning", "(21/11/2019) διαφέρει"));
	assert_true(has_note(p, "info", "«Υιός»"));
	/* a stranger asking: no relation, a warning */
	p = panel("cr-next-of-kin", &stranger, father);
	assert_true(has_note(p, "warning", "δεν εμφανίζεται στους "
	    "συγγενείς"));
	/* a living person named: a warning, nothing to issue from */
	p = panel("cr-next-of-kin", &stranger, (const struct kv[]){
	    { "deceased_surname", "Παπαδόπουλος" },
	    { "deceased_name", "Γεώργιος" },
	    { "deceased_father", "Νικόλαος" }, { NULL, NULL } });
	assert_true(has_note(p, "warning", "εν ζωή"));
	assert_null(nth_record(p, 0));

	/* a failing database is reported, not hidden */
	{
		struct dm_req *req = dm_test_req();

		dm_test_db_fail(1);
		assert_int_equal(pl->staff_panel(req, service("cr-birth"),
		    request(req, "cr-birth", &georgios, self),
		    dm_test_panel(req)), DM_EINTERNAL);
		dm_test_db_fail(0);
	}
}

static struct dm_form *form;
static size_t nerrors;

static dm_status
validate(const char *svc, const struct kv *values)
{
	struct dm_req *req = dm_test_req();
	dm_status st;

	form = dm_test_form(req);
	for (const struct kv *p = values; p->k != NULL; p++)
		dm_test_value(form, p->k, p->v);
	st = pl->validate(req, service(svc), form);
	nerrors = dm_test_errors(form);
	return st;
}

static int
has_error(const char *field_)
{
	return dm_test_error(form, field_, "el") != NULL &&
	    dm_test_error(form, field_, "en") != NULL;
}

static void
validation(void **state)
{
	(void)state;
	assert_int_equal(validate("cr-birth", daughter), DM_OK);
	assert_int_equal(nerrors, 0);
	assert_int_equal(validate("cr-birth", self), DM_OK);
	assert_int_equal(nerrors, 0);
	/* a member needs all three fields */
	validate("cr-family-status", (const struct kv[]){ { "whom", "member" },
	    { "member_name", "Μαρία" }, { NULL, NULL } });
	assert_int_equal(nerrors, 2);
	assert_true(has_error("member_surname"));
	assert_true(has_error("member_birth_date"));
	/* and is born by today */
	validate("cr-family-status", (const struct kv[]){ { "whom", "member" },
	    { "member_surname", "Π" }, { "member_name", "Μ" },
	    { "member_birth_date", "2999-01-01" }, { NULL, NULL } });
	assert_int_equal(nerrors, 1);
	assert_true(has_error("member_birth_date"));
	/* "myself" with a member's name is a contradiction */
	validate("cr-local-origin", (const struct kv[]){ { "whom", "self" },
	    { "member_name", "Μαρία" }, { NULL, NULL } });
	assert_int_equal(nerrors, 1);
	assert_true(has_error("member_name"));
	/* a death in the future */
	validate("cr-next-of-kin", (const struct kv[]){
	    { "death_date", "2999-01-01" }, { NULL, NULL } });
	assert_true(has_error("death_date"));
	validate("cr-next-of-kin", father);
	assert_int_equal(nerrors, 0);
	/* no "whom" (residence): nothing to add */
	validate("cr-residence", (const struct kv[]){ { "address", "Οδός 1" },
	    { NULL, NULL } });
	assert_int_equal(nerrors, 0);
}

static void
units(void **state)
{
	struct dm_certificate c;

	(void)state;
	dm_test_config("units", "Νιγρίτα:Νιγρίτας, Βισαλτία:Βισαλτίας");
	assert_int_equal(pl->init(host, dm_test_ctx("civil_registry")),
	    DM_OK);
	assert_int_equal(cert("cr-family-status", &georgios, 1, NULL, self,
	    &c), DM_OK);
	assert_non_null(strstr(c.paragraphs[0], "αριθ. 1217 της δημοτικής "
	    "ενότητας Νιγρίτας."));
	dm_test_config("units", "Νιγρίτα");	/* no genitive: refused */
	assert_int_equal(pl->init(host, dm_test_ctx("civil_registry")),
	    DM_EINPUT);
	assert_true(dm_test_logged("error: [plugin.civil_registry] units: "));
	dm_test_config("units", NULL);
	assert_int_equal(pl->init(host, dm_test_ctx("civil_registry")),
	    DM_OK);
}

/* The plugin's tables, filled once; dropped with the database. */
static int
setup(void **state)
{
	(void)state;
	host = dm_test_host();
	pl = dimos_plugin_v2();
	/* The death dates in the forms are checked against today. */
	dm_test_clock("2026-03-02T10:00:00");
	if (dm_test_db_open("civil_registry") != DM_OK ||
	    pl->init(host, dm_test_ctx("civil_registry")) != DM_OK)
		return -1;
	load_registry();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(descriptor),
		cmocka_unit_test(automatic),
		cmocka_unit_test(by_clerk),
		cmocka_unit_test(business_applicant),
		cmocka_unit_test(panels),
		cmocka_unit_test(validation),
		cmocka_unit_test(units),
	};

	return cmocka_run_group_tests(tests, setup, dm_test_teardown);
}
