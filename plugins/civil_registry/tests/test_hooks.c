/*
 * test_hooks.c - the civil registry's hooks as the core calls them, with a
 * fake host: an in-memory registry answers the plugin's queries (each
 * query shape the plugin sends is recognised and evaluated), forms and
 * request values come from tables, and page nodes build a small tree so
 * that the staff panel's XML contract can be checked element by element.
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
#include "dimos/plugin.h"

#include "crcert.h"
#include "regutil.h"

/* -------------------------------------------------------- memory */

struct block {
	struct block	*next;
	max_align_t	 data[];
};

static struct block *blocks;

static void *
fake_alloc(struct dm_req *req, size_t size)
{
	struct block *b = calloc(1, sizeof(*b) + size);

	(void)req;
	if (b == NULL)
		abort();
	b->next = blocks;
	blocks = b;
	return b->data;
}

static char *
fake_strdup(struct dm_req *req, const char *s)
{
	char *d = fake_alloc(req, strlen(s) + 1);

	return strcpy(d, s);
}

static char *fake_aprintf(struct dm_req *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static char *
fake_aprintf(struct dm_req *req, const char *fmt, ...)
{
	va_list ap;
	char *d;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	d = fake_alloc(req, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}

static int
free_all(void **state)
{
	(void)state;
	while (blocks != NULL) {
		struct block *b = blocks;

		blocks = b->next;
		free(b);
	}
	return 0;
}

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
	{ 2087, "Βισαλτία" } };

static const struct {
	long long	 person, related;
	const char	*kind, *date, *act;
} events[] = {
	{ 1116, 0, "birth", "1975-05-14", "Πράξη γέννησης 112/1975" },
	{ 1028, 1029, "marriage", "1972-09-17", NULL },
	{ 1029, 1028, "marriage", "1972-09-17", NULL },
};

static int db_fail;		/* make every query fail */
static int nqueries;

static int
folded_is(const char *name, const struct dm_value *v)
{
	char f[REG_FOLD_MAX];

	if (v->type != DM_V_TEXT)
		return 0;
	reg_fold(name, f, sizeof(f));
	return strcmp(f, v->s) == 0;
}

static int
married(long long a, long long b)
{
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (strcmp(events[i].kind, "marriage") == 0 &&
		    events[i].person == a && events[i].related == b)
			return 1;
	return 0;
}

/* The WHERE conditions civil_registry.c sends, evaluated. */
static int
person_matches(const char *sql, const struct cr_person *p,
    const struct dm_value *v)
{
	if (strstr(sql, "WHERE id = ?"))
		return p->id == v[0].i;
	if (strstr(sql, "WHERE merida = ?"))
		return p->merida == v[0].i;
	if (strstr(sql, "WHERE afm = ? OR")) {
		if (v[0].type == DM_V_TEXT && p->afm != NULL &&
		    strcmp(p->afm, v[0].s) == 0)
			return 1;
		return folded_is(p->surname, &v[1]) &&
		    folded_is(p->name, &v[2]) &&
		    folded_is(p->father_name, &v[3]) &&
		    reg_date_year(p->birth_date) == v[4].i;
	}
	if (strstr(sql, "surname_f = ? AND name_f = ? AND status = 'alive'"))
		return folded_is(p->surname, &v[0]) &&
		    folded_is(p->name, &v[1]) && !p->deceased;
	if (strstr(sql, "surname_f = ? AND name_f = ? AND birth_date = ?"))
		return folded_is(p->surname, &v[0]) &&
		    folded_is(p->name, &v[1]) &&
		    strcmp(p->birth_date, v[2].s) == 0;
	if (strstr(sql, "surname_f = ? AND name_f = ? AND father_f = ?"))
		return folded_is(p->surname, &v[0]) &&
		    folded_is(p->name, &v[1]) &&
		    folded_is(p->father_name, &v[2]);
	if (strstr(sql, "WHERE id IN (?, ?) OR father_id = ?"))
		return p->id == v[0].i || p->id == v[1].i ||
		    p->father_id == v[2].i || p->mother_id == v[3].i ||
		    (p->father_id != 0 && p->father_id == v[4].i) ||
		    (p->mother_id != 0 && p->mother_id == v[5].i) ||
		    (p->merida == v[6].i && (strcmp(p->relation, "head") ==
		    0 || strcmp(p->relation, "spouse") == 0)) ||
		    married(v[7].i, p->id) || married(p->id, v[8].i);
	fail_msg("unexpected query: %s", sql);
	return 0;
}

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

static int
relation_rank(const char *r)
{
	static const char *const order[] = { "head", "spouse", "child",
	    "other" };

	for (int i = 0; i < 4; i++)
		if (strcmp(order[i], r) == 0)
			return i;
	return 4;
}

static int
family_order(const void *x, const void *y)
{
	const struct cr_person *a = *(const struct cr_person *const *)x;
	const struct cr_person *b = *(const struct cr_person *const *)y;

	if (relation_rank(a->relation) != relation_rank(b->relation))
		return relation_rank(a->relation) - relation_rank(b->relation);
	return strcmp(a->birth_date, b->birth_date);
}

static dm_status
fake_query(struct dm_req *req, const char *sql, const struct dm_value *v,
    size_t n, dm_row_fn fn, void *arg)
{
	(void)req;
	(void)n;
	nqueries++;
	if (db_fail)
		return DM_EINTERNAL;
	if (strncmp(sql, "SELECT id, merida, relation", 27) == 0) {
		const struct cr_person *hit[NPERSONS];
		size_t nhit = 0, limit;
		const char *l = strstr(sql, "LIMIT ");

		assert_non_null(l);
		limit = strtoul(l + 6, NULL, 10);
		for (size_t i = 0; i < NPERSONS; i++)
			if (person_matches(sql, &persons[i], v))
				hit[nhit++] = &persons[i];
		if (strstr(sql, "FIELD(relation"))
			qsort(hit, nhit, sizeof(hit[0]), family_order);
		for (size_t i = 0; i < nhit && i < limit; i++) {
			const struct cr_person *p = hit[i];
			struct dm_value c[20] = {
				DM_VINT(p->id), DM_VINT(p->merida),
				text(p->relation), text(p->surname),
				text(p->name), text(p->father_name),
				text(p->mother_name), text(p->mother_surname),
				text(p->sex == 'M' ? "M" : "F"),
				text(p->birth_date), text(p->birth_place),
				text(p->citizenship), text(p->marital),
				text(p->afm), text(p->amka),
				text(p->deceased ? "deceased" : "alive"),
				text(p->death_date), text(p->death_place),
				id_or_null(p->father_id),
				id_or_null(p->mother_id),
			};
			dm_status st = fn(arg, c, 20);

			if (st != DM_OK)
				return st;
		}
		return DM_OK;
	}
	if (strstr(sql, "FROM cr_families WHERE merida = ?")) {
		for (size_t i = 0; i < sizeof(families) / sizeof(families[0]);
		    i++) {
			struct dm_value c[3] = { DM_VINT(families[i].merida),
			    text(families[i].unit), DM_VNULL };

			if (families[i].merida != v[0].i)
				continue;
			if (strncmp(sql, "SELECT unit", 11) == 0)
				return fn(arg, c + 1, 1);
			return fn(arg, c, 3);
		}
		return DM_OK;
	}
	if (strncmp(sql, "SELECT act_ref FROM cr_events", 29) == 0) {
		for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
			if (events[i].person == v[0].i && events[i].act &&
			    strcmp(events[i].kind, "birth") == 0) {
				struct dm_value c = text(events[i].act);

				return fn(arg, &c, 1);
			}
		return DM_OK;
	}
	if (strncmp(sql, "SELECT person_id, related_person_id", 35) == 0) {
		for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
			struct dm_value c[4] = { DM_VINT(events[i].person),
			    DM_VINT(events[i].related), text(events[i].date),
			    text(events[i].kind) };

			if (events[i].related == 0 || (events[i].person !=
			    v[0].i && events[i].related != v[1].i))
				continue;
			if (fn(arg, c, 4) != DM_OK)
				return DM_EINTERNAL;
		}
		return DM_OK;
	}
	fail_msg("unexpected query: %s", sql);
	return DM_EINTERNAL;
}

/* ---------------------------------------------------------- page */

struct node {
	const char	*name;
	const char	*text;
	const char	*attr[4][2];
	size_t		 nattr;
	struct node	*kid[64];
	size_t		 nkid;
};

static struct dm_node *
fake_node_add(struct dm_node *parent, const char *name, const char *t)
{
	struct node *p = (struct node *)parent;
	struct node *n = fake_alloc(NULL, sizeof(*n));

	n->name = fake_strdup(NULL, name);
	n->text = t ? fake_strdup(NULL, t) : NULL;
	assert_true(p->nkid < 64);
	p->kid[p->nkid++] = n;
	return (struct dm_node *)n;
}

static void
fake_node_attr(struct dm_node *node, const char *name, const char *value)
{
	struct node *n = (struct node *)node;

	assert_true(n->nattr < 4);
	n->attr[n->nattr][0] = fake_strdup(NULL, name);
	n->attr[n->nattr][1] = fake_strdup(NULL, value);
	n->nattr++;
}

static const char *
attr(const struct node *n, const char *name)
{
	for (size_t i = 0; i < n->nattr; i++)
		if (strcmp(n->attr[i][0], name) == 0)
			return n->attr[i][1];
	return NULL;
}

/* The value of a record's <field label="...">, or NULL. */
static const char *
field(const struct node *rec, const char *label)
{
	for (size_t i = 0; i < rec->nkid; i++)
		if (strcmp(rec->kid[i]->name, "field") == 0 &&
		    strcmp(attr(rec->kid[i], "label"), label) == 0)
			return rec->kid[i]->text;
	return NULL;
}

static const struct node *
nth_record(const struct node *panel, size_t k)
{
	for (size_t i = 0; i < panel->nkid; i++)
		if (strcmp(panel->kid[i]->name, "record") == 0 && k-- == 0)
			return panel->kid[i];
	return NULL;
}

static int
has_note(const struct node *panel, const char *kind, const char *part)
{
	for (size_t i = 0; i < panel->nkid; i++)
		if (strcmp(panel->kid[i]->name, "note") == 0 &&
		    strcmp(attr(panel->kid[i], "kind"), kind) == 0 &&
		    strstr(panel->kid[i]->text, part) != NULL)
			return 1;
	return 0;
}

/* Every element is a <record ref label> with <field label> children or a
 * <note kind> with text: nothing else reaches the core's stylesheet. */
static void
check_contract(const struct node *panel)
{
	for (size_t i = 0; i < panel->nkid; i++) {
		const struct node *n = panel->kid[i];

		if (strcmp(n->name, "note") == 0) {
			const char *k = attr(n, "kind");

			assert_non_null(k);
			assert_true(strcmp(k, "info") == 0 ||
			    strcmp(k, "warning") == 0);
			assert_non_null(n->text);
			assert_int_equal(n->nkid, 0);
			continue;
		}
		assert_string_equal(n->name, "record");
		assert_non_null(attr(n, "ref"));
		assert_non_null(attr(n, "label"));
		assert_null(n->text);
		for (size_t j = 0; j < n->nkid; j++) {
			assert_string_equal(n->kid[j]->name, "field");
			assert_non_null(attr(n->kid[j], "label"));
			assert_non_null(n->kid[j]->text);
		}
	}
}

/* --------------------------------------------- forms and requests */

struct kv {
	const char	*k;
	const char	*v;
};

static const struct kv *values;		/* the request's or the form's */

struct form_error {
	const char	*field;
	const char	*el;
};

static struct form_error errors[16];
static size_t nerrors;

static const char *
lookup(const char *name)
{
	for (const struct kv *p = values; p != NULL && p->k != NULL; p++)
		if (strcmp(p->k, name) == 0)
			return p->v;
	return NULL;
}

static const char *
fake_form_value(struct dm_form *form, const char *field_)
{
	(void)form;
	return lookup(field_);
}

static void
fake_form_error(struct dm_form *form, const char *field_, const char *el,
    const char *en)
{
	(void)form;
	(void)en;
	assert_true(nerrors < 16);
	errors[nerrors].field = field_;
	errors[nerrors].el = el;
	nerrors++;
}

static const char *
fake_request_value(struct dm_req *req, const struct dm_request *r,
    const char *field_)
{
	(void)req;
	(void)r;
	return lookup(field_);
}

static int
has_error(const char *field_)
{
	for (size_t i = 0; i < nerrors; i++)
		if (strcmp(errors[i].field, field_) == 0)
			return 1;
	return 0;
}

static void fake_log(enum dm_log_level, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
fake_log(enum dm_log_level level, const char *plugin, const char *fmt, ...)
{
	(void)level;
	(void)plugin;
	(void)fmt;
}

static const char *units_config;

static const char *
fake_config_get(const char *plugin, const char *key)
{
	assert_string_equal(plugin, "civil_registry");
	return strcmp(key, "units") == 0 ? units_config : NULL;
}

static const struct dm_host host = {
	.abi_major = DM_ABI_MAJOR,
	.abi_minor = DM_HOST_ABI_MINOR,
	.size = sizeof(struct dm_host),
	.log = fake_log,
	.config_get = fake_config_get,
	.alloc = fake_alloc,
	.astrdup = fake_strdup,
	.aprintf = fake_aprintf,
	.node_add = fake_node_add,
	.node_attr = fake_node_attr,
	.db_query = fake_query,
	.form_value = fake_form_value,
	.form_error = fake_form_error,
	.request_value = fake_request_value,
};

/* ------------------------------------------------------- helpers */

static const struct dm_plugin *pl;
static char opaque;		/* what the core's req and form are to us */
#define REQ	((struct dm_req *)(void *)&opaque)
#define FORM	((struct dm_form *)(void *)&opaque)

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
	for (const struct dm_service *s = pl->services; s->code != NULL; s++)
		if (strcmp(s->code, code) == 0)
			return s;
	fail_msg("no service %s", code);
	return NULL;
}

static dm_status
cert(const char *svc, const struct dm_user *u, int auto_issue,
    const char *ref, const struct kv *form, struct dm_certificate *out)
{
	struct dm_request r = { .id = 7, .service = svc, .protocol = "7/2026",
	    .applicant = u };

	values = form;
	memset(out, 0, sizeof(*out));
	return pl->certificate(REQ, service(svc), &r, auto_issue, ref, out);
}

static struct node *
panel(const char *svc, const struct dm_user *u, const struct kv *form)
{
	struct dm_request r = { .id = 7, .service = svc, .applicant = u };
	struct node *root = fake_alloc(NULL, sizeof(*root));

	root->name = "panel";
	values = form;
	assert_int_equal(pl->staff_panel(REQ, service(svc), &r,
	    (struct dm_node *)root), DM_OK);
	check_contract(root);
	return root;
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
	assert_int_equal(c.nrows, 3);		/* head, spouse, daughter */
	assert_string_equal(c.rows[0].label, "Αρχηγός μερίδας");
	assert_string_equal(c.rows[2].label, "Θυγατέρα");
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
	assert_non_null(strstr(c.remarks[0], "Δικαστική χρήση"));
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
	db_fail = 1;
	assert_int_equal(cert("cr-family-status", &georgios, 1, NULL, self,
	    &c), DM_EINTERNAL);
	db_fail = 0;
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
	assert_int_equal(c.nrows, 3);
	assert_string_equal(c.rows[0].label, "Σύζυγος");
	assert_string_equal(c.rows[1].label, "Υιός");
	assert_string_equal(c.rows[2].label, "Θυγατέρα");
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
	const struct node *p, *r;

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
		struct dm_request req = { .id = 7, .applicant = &georgios };
		struct node root = { .name = "panel" };

		db_fail = 1;
		assert_int_equal(pl->staff_panel(REQ, service("cr-birth"),
		    &req, (struct dm_node *)&root), DM_EINTERNAL);
		db_fail = 0;
	}
}

static dm_status
validate(const char *svc, const struct kv *form)
{
	values = form;
	nerrors = 0;
	return pl->validate(REQ, service(svc), FORM);
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
	units_config = "Νιγρίτα:Νιγρίτας, Βισαλτία:Βισαλτίας";
	assert_int_equal(pl->init(&host), DM_OK);
	assert_int_equal(cert("cr-family-status", &georgios, 1, NULL, self,
	    &c), DM_OK);
	assert_non_null(strstr(c.paragraphs[0], "αριθ. 1217 της δημοτικής "
	    "ενότητας Νιγρίτας."));
	units_config = "Νιγρίτα";		/* no genitive: refused */
	assert_int_equal(pl->init(&host), DM_EINPUT);
	units_config = NULL;
	assert_int_equal(pl->init(&host), DM_OK);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(descriptor, free_all),
		cmocka_unit_test_teardown(automatic, free_all),
		cmocka_unit_test_teardown(by_clerk, free_all),
		cmocka_unit_test_teardown(panels, free_all),
		cmocka_unit_test_teardown(validation, free_all),
		cmocka_unit_test_teardown(units, free_all),
	};

	pl = dimos_plugin_v1();
	if (pl->init(&host) != DM_OK)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
