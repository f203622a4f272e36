/*
 * male_registry.c - the male registry department (Μητρώο Αρρένων): its
 * service, the certificate of registration issued from an entry, the
 * clerk's panel of candidate entries, and the "import" and "stats" commands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#include "dimos/kit/cert.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/text.h"

#include "mrdata.h"

#define PLUGIN		"male_registry"
#define MAX_CANDIDATES	20
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct dm_host *host;
static struct dm_plugin_ctx *self;	/* our context: log, config */
static struct kit_units units;
static const char *municipality;	/* genitive: "Δήμου Βισαλτίας" */

static const char default_municipality[] = "Δήμου Βισαλτίας";
static const char default_units[] = "Αχινός:Αχινού, Βισαλτία:Βισαλτίας, "
    "Νιγρίτα:Νιγρίτας, Τράγιλος:Τραγίλου";

/* ------------------------------------------------------ declarations */

static const struct dm_choice purpose_choices[] = {
	{ .value = "any", .label_el = "Κάθε νόμιμη χρήση",
	  .label_en = "Any lawful use" },
	{ .value = "military", .label_el = "Στρατολογική χρήση",
	  .label_en = "Military service" },
	{ .value = "appointment", .label_el = "Διορισμός ή πρόσληψη",
	  .label_en = "An appointment or a job" },
	{ .value = "abroad", .label_el = "Χρήση στο εξωτερικό",
	  .label_en = "Use abroad" },
	{ .value = NULL },
};

static const struct dm_field registration_fields[] = {
	{ .name = "purpose", .type = DM_FIELD_CHOICE,
	  .label_el = "Για ποια χρήση", .label_en = "For what use",
	  .flags = DM_FIELD_REQUIRED, .choices = purpose_choices },
	{ .name = NULL },
};

static const struct dm_service services[] = {
	{
		.code = "mr-registration",
		.title_el = "Πιστοποιητικό εγγραφής στα μητρώα αρρένων",
		.title_en = "Certificate of entry in the male registry",
		.summary_el = "Ότι είστε εγγεγραμμένος στα μητρώα αρρένων του "
		    "Δήμου, με τον αριθμό και το έτος της εγγραφής σας.",
		.summary_en = "That you are entered in the municipality's "
		    "male registry, with the number and year of the entry.",
		.description_el = "Στα μητρώα αρρένων εγγράφονται οι άνδρες "
		    "δημότες για τις στρατολογικές τους υποχρεώσεις. Το "
		    "πιστοποιητικό εκδίδεται αμέσως, αν τα στοιχεία σας από "
		    "το TaxisNet αντιστοιχούν σε εγγραφή του μητρώου, και "
		    "αποστέλλεται στην ψηφιακή σας θυρίδα· διαφορετικά την "
		    "αίτηση εξετάζει υπάλληλος.\n\nΑν είστε εγγεγραμμένος σε "
		    "άλλον δήμο, το πιστοποιητικό το εκδίδει εκείνος ο "
		    "δήμος.",
		.description_en = "Men registered in the municipality are "
		    "entered in the male registry for their military "
		    "obligations. The certificate is issued at once if your "
		    "TaxisNet details match an entry, and it is sent to your "
		    "digital mailbox; otherwise a clerk examines the "
		    "request.\n\nIf you are registered in another "
		    "municipality, that municipality issues it.",
		.keywords = "μητρώο αρρένων,στρατολογία,πιστοποιητικό,"
		    "male registry,military service",
		.fields = registration_fields,
		.sla_days = 1,
		.flags = DM_SERVICE_LEVEL_B,
		.result = DM_RESULT_CERTIFICATE,
	},
	{ .code = NULL },
};

static const struct dm_department department = {
	.code = PLUGIN,
	.name_el = "Μητρώο Αρρένων",
	.name_en = "Male registry",
	.description_el = "Τα μητρώα αρρένων του Δήμου και τα "
	    "πιστοποιητικά εγγραφής σε αυτά.",
	.description_en = "The municipality's male registry and "
	    "certificates of entry in it.",
	.contact_email = NULL,
	.contact_phone = NULL,
};

static const struct dm_config_key config_keys[] = {
	{ .name = "municipality",
	  .description = "the municipality in the genitive, as certificates "
	      "write it (default: Δήμου Βισαλτίας)" },
	{ .name = "units",
	  .description = "municipal units as name:genitive pairs, comma "
	      "separated (default: Visaltia's four units)" },
	{ .name = NULL },
};

/* ------------------------------------------------------------ entries */

/* An entry of the registry (arena strings). */
struct entry {
	long long	 id;
	const char	*surname;
	const char	*name;
	const char	*father;
	const char	*mother;
	const char	*birth_date;	/* NULL: only the year is entered */
	long long	 birth_year;
	const char	*birth_place;
	const char	*unit;
	long long	 entry_year;
	long long	 entry_no;
	const char	*afm;
};

#define SELECT_ENTRY \
	"SELECT id, surname, name, father_name, mother_name, birth_date, " \
	"birth_year, birth_place, unit, entry_year, entry_no, afm " \
	"FROM mr_entries "
#define ENTRY_NCOLS	12

struct elist {
	struct dm_req	*req;
	struct entry	*v;
	size_t		 n;
	size_t		 max;
};

static const char *
col_text(struct dm_req *req, const struct dm_value *c)
{
	return c->type == DM_V_TEXT ? host->astrdup(req, c->s) : NULL;
}

static long long
col_int(const struct dm_value *c)
{
	return c->type == DM_V_INT ? c->i : 0;
}

static dm_status
entry_row(void *arg, const struct dm_value *c, size_t ncols)
{
	struct elist *l = arg;
	struct dm_req *req = l->req;
	struct entry *e;

	if (ncols != ENTRY_NCOLS)
		return DM_EINTERNAL;
	if (l->n == l->max)
		return DM_OK;
	e = &l->v[l->n++];
	e->id = col_int(&c[0]);
	e->surname = col_text(req, &c[1]);
	e->name = col_text(req, &c[2]);
	e->father = col_text(req, &c[3]);
	e->mother = col_text(req, &c[4]);
	e->birth_date = col_text(req, &c[5]);
	e->birth_year = col_int(&c[6]);
	e->birth_place = col_text(req, &c[7]);
	e->unit = col_text(req, &c[8]);
	e->entry_year = col_int(&c[9]);
	e->entry_no = col_int(&c[10]);
	e->afm = col_text(req, &c[11]);
	if (e->surname == NULL || e->name == NULL || e->father == NULL ||
	    e->unit == NULL)
		return DM_EINTERNAL;
	return DM_OK;
}

static dm_status
query_entries(struct dm_req *req, struct elist *l, size_t max,
    const char *sql, const struct dm_value *params, size_t nparams)
{
	memset(l, 0, sizeof(*l));
	l->req = req;
	l->max = max;
	if ((l->v = host->alloc(req, max * sizeof(*l->v))) == NULL)
		return DM_EINTERNAL;
	return host->db_query(req, sql, params, nparams, entry_row, l);
}

/*
 * The applicant's entry: by AFM when the registry has it; otherwise by
 * surname, first name, father's name and birth year among the entries
 * without an AFM (one with another AFM is a namesake). The collation
 * (utf8mb4_unicode_ci) ignores case and accents, so GSIS capitals match
 * the accented names of later entries. Only a single match counts;
 * businesses and women have no entry and go to a clerk.
 */
static dm_status
match_applicant(struct dm_req *req, const struct dm_user *u,
    struct entry **out)
{
	struct elist l;
	dm_status st;

	if (u == NULL || u->kind != 'p')
		return DM_ENOTFOUND;
	if (u->afm != NULL && u->afm[0] != '\0') {
		struct dm_value p[] = { DM_VTEXT(u->afm) };

		if ((st = query_entries(req, &l, 2, SELECT_ENTRY
		    "WHERE afm = ?", p, 1)) != DM_OK)
			return st;
		if (l.n == 1) {
			*out = &l.v[0];
			return DM_OK;
		}
	}
	if (u->last_name == NULL || u->first_name == NULL ||
	    u->father_name == NULL || u->father_name[0] == '\0' ||
	    u->birth_year <= 0)
		return DM_ENOTFOUND;
	{
		struct dm_value p[] = { DM_VTEXT(u->last_name),
		    DM_VTEXT(u->first_name), DM_VTEXT(u->father_name),
		    DM_VINT(u->birth_year) };

		if ((st = query_entries(req, &l, 2, SELECT_ENTRY
		    "WHERE surname = ? AND name = ? AND father_name = ? AND "
		    "birth_year = ? AND afm IS NULL", p, 4)) != DM_OK)
			return st;
	}
	if (l.n != 1)
		return DM_ENOTFOUND;	/* none, or ambiguous: a clerk */
	*out = &l.v[0];
	return DM_OK;
}

/*
 * "entry:<id>"; DM_ENOTFOUND for anything else or no such entry, which the
 * core tells the clerk as "pick one of the matching records".
 */
static dm_status
entry_by_ref(struct dm_req *req, const char *ref, struct entry **out)
{
	struct elist l;
	char *end;
	long long id;
	dm_status st;

	if (strncmp(ref, "entry:", 6) != 0 || ref[6] < '1' || ref[6] > '9' ||
	    strlen(ref + 6) > 12)
		return DM_ENOTFOUND;
	id = strtoll(ref + 6, &end, 10);
	if (*end != '\0')
		return DM_ENOTFOUND;
	{
		struct dm_value p[] = { DM_VINT(id) };

		if ((st = query_entries(req, &l, 1, SELECT_ENTRY
		    "WHERE id = ?", p, 1)) != DM_OK)
			return st;
	}
	if (l.n == 0)
		return DM_ENOTFOUND;
	*out = &l.v[0];
	return DM_OK;
}

/* ------------------------------------------------------- certificate */

static const char *
genitive(struct dm_req *req, const char *name)
{
	size_t sz = 2 * strlen(name) + 8;
	char *out = host->alloc(req, sz);

	if (out != NULL)
		kit_genitive(name, out, sz);
	return out != NULL ? out : name;
}

static const char *
folded(struct dm_req *req, const char *s)
{
	size_t sz = strlen(s) + 1;
	char *out = host->alloc(req, sz);

	if (out != NULL)
		kit_fold(s, out, sz);
	return out != NULL ? out : s;
}

static const char *
unit_genitive(const struct entry *e)
{
	const char *g = kit_unit_genitive(&units, e->unit);

	return g != NULL ? g : e->unit;
}

static const char *
birth_words(struct dm_req *req, const struct entry *e)
{
	char buf[64];

	if (e->birth_date == NULL)
		return host->aprintf(req, "το έτος %lld", e->birth_year);
	kit_date_long(e->birth_date, buf, sizeof(buf));
	return host->aprintf(req, "στις %s", buf);
}

static const char *const *
texts(struct dm_req *req, const char *a, const char *b)
{
	const char **v = host->alloc(req, 2 * sizeof(*v));

	if (v != NULL) {
		v[0] = a;
		v[1] = b;
	}
	return v;
}

static dm_status
write_certificate(struct dm_req *req, const struct dm_request *r,
    const struct entry *e, struct dm_certificate *out)
{
	static const char *const labels[] = { "Επώνυμο", "Όνομα",
	    "Όνομα πατέρα", "Όνομα μητέρας", "Γέννηση", "Τόπος γέννησης",
	    "Δημοτική ενότητα", "Αριθμός και έτος εγγραφής" };
	struct dm_cert_row *rows;
	const char *purpose = host->request_value(req, r, "purpose");
	const char *use = NULL;
	char date[32];

	for (const struct dm_choice *c = purpose_choices; purpose != NULL &&
	    c->value != NULL; c++)
		if (strcmp(c->value, purpose) == 0)
			use = c->label_el;
	if ((rows = host->alloc(req, NELEM(labels) * sizeof(*rows))) == NULL)
		return DM_EINTERNAL;
	for (size_t i = 0; i < NELEM(labels); i++)
		rows[i].label = labels[i];
	if (e->birth_date != NULL)
		kit_date_short(e->birth_date, date, sizeof(date));
	else
		snprintf(date, sizeof(date), "έτος %lld", e->birth_year);
	rows[0].value = e->surname;
	rows[1].value = e->name;
	rows[2].value = e->father;
	rows[3].value = e->mother != NULL ? e->mother : "-";
	rows[4].value = host->astrdup(req, date);
	rows[5].value = e->birth_place != NULL ? e->birth_place : "-";
	rows[6].value = e->unit;
	rows[7].value = host->aprintf(req, "%lld/%lld", e->entry_no,
	    e->entry_year);

	memset(out, 0, sizeof(*out));
	out->title = "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΕΓΓΡΑΦΗΣ ΣΤΑ ΜΗΤΡΩΑ ΑΡΡΕΝΩΝ";
	out->paragraphs = texts(req, host->aprintf(req, "Πιστοποιείται ότι "
	    "ο %s %s του %s%s, που γεννήθηκε %s (τόπος γέννησης: %s), είναι "
	    "εγγεγραμμένος στα μητρώα αρρένων του %s, δημοτική ενότητα %s, "
	    "με αριθμό εγγραφής %lld του έτους %lld.", e->name, e->surname,
	    genitive(req, e->father), e->mother != NULL ? host->aprintf(req,
	    " και της %s", genitive(req, e->mother)) : "",
	    birth_words(req, e), e->birth_place ? e->birth_place : "-",
	    municipality, unit_genitive(e), e->entry_no, e->entry_year),
	    NULL);
	out->nparagraphs = 1;
	out->table_title = "Στοιχεία της εγγραφής";
	out->rows = rows;
	out->nrows = NELEM(labels);
	out->remarks = texts(req, host->aprintf(req, "Τα στοιχεία είναι όπως "
	    "είναι καταχωρισμένα στα μητρώα αρρένων του %s.", municipality),
	    NULL);
	out->nremarks = 1;
	out->purpose = use;
	out->holder = host->aprintf(req, "%s %s", e->name, e->surname);
	out->record_ref = host->aprintf(req, "entry:%lld", e->id);
	if (out->paragraphs == NULL || out->remarks == NULL ||
	    out->paragraphs[0] == NULL || out->holder == NULL ||
	    out->record_ref == NULL || rows[7].value == NULL)
		return DM_EINTERNAL;
	return DM_OK;
}

static dm_status
mr_certificate(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, int auto_issue, const char *record_ref,
    struct dm_certificate *out)
{
	struct entry *e;
	dm_status st;

	if (svc == NULL || strcmp(svc->code, "mr-registration") != 0 ||
	    r == NULL)
		return DM_ENOTFOUND;
	/* Only persons are entered, and only to them is it issued: never
	 * to a business, even from a record a clerk picked. */
	if (r->applicant == NULL || r->applicant->kind != 'p') {
		if (auto_issue)
			return DM_ENOTFOUND;
		host->refuse(req, "Η αίτηση υποβλήθηκε από επιχείρηση (νομικό "
		    "πρόσωπο)· το πιστοποιητικό μητρώου αρρένων αφορά φυσικά "
		    "πρόσωπα και δεν εκδίδεται σε νομικό πρόσωπο.", "The "
		    "applicant is a business (a legal entity); the male "
		    "registry certificate concerns natural persons and is not "
		    "issued to a legal entity.");
		return DM_EDENIED;
	}
	if (!auto_issue && record_ref != NULL && record_ref[0] != '\0')
		st = entry_by_ref(req, record_ref, &e);
	else
		st = match_applicant(req, r->applicant, &e);
	if (st != DM_OK)
		return st;
	return write_certificate(req, r, e, out);
}

/* ------------------------------------------------------- staff panel */

/* "ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ του ΝΙΚΟΛΑΟΥ, 1975, εγγραφή 123/1975 Νιγρίτα" */
static const char *
panel_label(struct dm_req *req, const struct entry *e)
{
	return host->aprintf(req, "%s %s του %s, %lld, εγγραφή %lld/%lld %s",
	    folded(req, e->surname), folded(req, e->name),
	    genitive(req, folded(req, e->father)), e->birth_year, e->entry_no,
	    e->entry_year, e->unit);
}

struct seen {
	long long	ids[3 * MAX_CANDIDATES];
	size_t		n;
};

/* How a candidate was found, for the clerk. */
static const struct {
	const char	*match;
	const char	*el;
	const char	*en;
} match_words[] = {
	{ "afm", "Ίδιος ΑΦΜ", "Same AFM" },
	{ "exact", "Ίδια ονόματα, πατρώνυμο και έτος γέννησης",
	    "Same names, father's name and year of birth" },
	{ "loose", "Μόνο ίδιο ονοματεπώνυμο: ελέγξτε τα υπόλοιπα στοιχεία",
	    "Only the same names: check the other details" },
};

static void
panel_field(struct dm_req *req, struct dm_node *rec, const char *el,
    const char *en, const char *value)
{
	struct dm_node *f;

	if (value == NULL || value[0] == '\0')
		return;
	f = host->node_add(rec, "field", value);
	host->node_attr(f, "label", host->tr(req, el, en));
}

/*
 * Each candidate becomes a <record ref label> the clerk can issue from,
 * with <field label> rows as the core's staff page shows them.
 */
static void
panel_add(struct dm_req *req, struct dm_node *panel, struct seen *s,
    const struct elist *l, const char *match)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct entry *e = &l->v[i];
		struct dm_node *rec;
		char date[32];
		size_t j;

		for (j = 0; j < s->n && s->ids[j] != e->id; j++)
			;
		if (j < s->n || s->n == NELEM(s->ids))
			continue;
		s->ids[s->n++] = e->id;
		rec = host->node_add(panel, "record", NULL);
		host->node_attr(rec, "ref", host->aprintf(req, "entry:%lld",
		    e->id));
		host->node_attr(rec, "label", panel_label(req, e));
		host->node_attr(rec, "match", match);
		for (j = 0; j < NELEM(match_words); j++)
			if (strcmp(match_words[j].match, match) == 0)
				panel_field(req, rec, "Εντοπίστηκε με",
				    "Found by", host->tr(req,
				    match_words[j].el, match_words[j].en));
		panel_field(req, rec, "Όνομα μητέρας", "Mother's name",
		    e->mother);
		if (e->birth_date != NULL)
			kit_date_short(e->birth_date, date, sizeof(date));
		else
			snprintf(date, sizeof(date), "%lld", e->birth_year);
		panel_field(req, rec, "Γέννηση", "Born",
		    host->astrdup(req, date));
		panel_field(req, rec, "Τόπος γέννησης", "Place of birth",
		    e->birth_place);
		panel_field(req, rec, "ΑΦΜ στο μητρώο", "AFM in the registry",
		    e->afm);
	}
}

/* Candidates: by AFM, by all four names, then by surname and name. */
static dm_status
mr_staff_panel(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	const struct dm_user *u = r != NULL ? r->applicant : NULL;
	struct seen s = { .n = 0 };
	struct elist l;
	dm_status st;

	(void)svc;
	if (u == NULL || u->kind != 'p') {
		host->node_add(panel, "note", host->tr(req, "Η αίτηση "
		    "υποβλήθηκε από επιχείρηση· στα μητρώα αρρένων "
		    "εγγράφονται μόνο φυσικά πρόσωπα.", "The applicant is a "
		    "business; only persons are entered in the male "
		    "registry."));
		return DM_OK;
	}
	if (u->afm != NULL && u->afm[0] != '\0') {
		struct dm_value p[] = { DM_VTEXT(u->afm) };

		if ((st = query_entries(req, &l, MAX_CANDIDATES, SELECT_ENTRY
		    "WHERE afm = ?", p, 1)) != DM_OK)
			return st;
		panel_add(req, panel, &s, &l, "afm");
	}
	if (u->last_name != NULL && u->first_name != NULL) {
		struct dm_value p[] = { DM_VTEXT(u->last_name),
		    DM_VTEXT(u->first_name), DM_VTEXT(u->father_name),
		    DM_VINT(u->birth_year) };
		struct dm_value q[] = { DM_VTEXT(u->last_name),
		    DM_VTEXT(u->first_name) };

		if ((st = query_entries(req, &l, MAX_CANDIDATES, SELECT_ENTRY
		    "WHERE surname = ? AND name = ? AND father_name = ? AND "
		    "birth_year = ? ORDER BY id", p, 4)) != DM_OK)
			return st;
		panel_add(req, panel, &s, &l, "exact");
		if ((st = query_entries(req, &l, MAX_CANDIDATES, SELECT_ENTRY
		    "WHERE surname = ? AND name = ? ORDER BY birth_year, id",
		    q, 2)) != DM_OK)
			return st;
		panel_add(req, panel, &s, &l, "loose");
	}
	if (s.n == 0) {
		struct dm_node *n = host->node_add(panel, "note",
		    host->tr(req, "Δεν βρέθηκε εγγραφή στα μητρώα αρρένων "
		    "που να αντιστοιχεί στον αιτούντα· αν πρόκειται για "
		    "γυναίκα ή για άνδρα εγγεγραμμένο σε άλλον δήμο, εξηγήστε "
		    "το στην απάντηση.", "No entry of the male registry "
		    "matches the applicant; if the applicant is a woman or a "
		    "man registered in another municipality, explain that in "
		    "the answer."));

		host->node_attr(n, "kind", "warning");
	}
	return DM_OK;
}

/* ---------------------------------------------------------- commands */

static dm_status
count_row(void *arg, const struct dm_value *c, size_t ncols)
{
	long long *n = arg;

	if (ncols < 1 || c[0].type != DM_V_INT)
		return DM_EINTERNAL;
	*n = c[0].i;
	return DM_OK;
}

static dm_status
count(const char *sql, const struct dm_value *p, size_t np, long long *n)
{
	*n = 0;
	return host->db_query(NULL, sql, p, np, count_row, n);
}

struct import {
	const struct kit_sheet	*sh;
	int			 replace;
	char			 err[KIT_ERRSZ];
};

static dm_status
import_fail(struct import *im, size_t row, const char *what, dm_status st)
{
	kit_fail(im->err, sizeof(im->err), im->sh->file,
	    kit_sheet_line(im->sh, row), "%s", what);
	return st;
}

/* All or nothing; db_tx may run it again, so it starts from scratch. */
static dm_status
import_tx(struct dm_req *req, void *arg)
{
	struct import *im = arg;
	const struct kit_sheet *sh = im->sh;
	long long have = 0, n;
	dm_status st;

	(void)req;
	im->err[0] = '\0';
	if (im->replace && (st = host->db_exec(NULL, "DELETE FROM "
	    "mr_entries", NULL, 0, NULL, NULL)) != DM_OK) {
		snprintf(im->err, sizeof(im->err), "cannot empty the registry "
		    "(see the log above)");
		return st;
	}
	if (!im->replace && (st = count("SELECT COUNT(*) FROM mr_entries",
	    NULL, 0, &have)) != DM_OK)
		return st;
	for (size_t r = 0; r < kit_sheet_rows(sh); r++) {
		struct dm_value v[] = {
			DM_VINT(kit_sheet_int(sh, r, M_ID)),
			DM_VTEXT(kit_sheet_get(sh, r, M_SURNAME)),
			DM_VTEXT(kit_sheet_get(sh, r, M_NAME)),
			DM_VTEXT(kit_sheet_get(sh, r, M_FATHER)),
			DM_VTEXT(kit_sheet_get(sh, r, M_MOTHER)),
			DM_VTEXT(kit_sheet_get(sh, r, M_BIRTH_DATE)),
			DM_VINT(kit_sheet_int(sh, r, M_BIRTH_YEAR)),
			DM_VTEXT(kit_sheet_get(sh, r, M_BIRTH_PLACE)),
			DM_VTEXT(kit_sheet_get(sh, r, M_UNIT)),
			DM_VINT(kit_sheet_int(sh, r, M_ENTRY_YEAR)),
			DM_VINT(kit_sheet_int(sh, r, M_ENTRY_NO)),
			DM_VTEXT(kit_sheet_get(sh, r, M_AFM)),
		};

		if (have > 0) {
			struct dm_value c[] = { v[0], v[11], v[8], v[9],
			    v[10] };

			if ((st = count("SELECT COUNT(*) FROM mr_entries "
			    "WHERE id = ? OR afm = ? OR (unit = ? AND "
			    "entry_year = ? AND entry_no = ?)", c, NELEM(c),
			    &n)) != DM_OK)
				return st;
			if (n > 0)
				return import_fail(im, r, "an entry with this "
				    "id, AFM or number is already in the "
				    "registry (use --replace to load the file "
				    "instead of it)", DM_ECONFLICT);
		}
		if (host->db_exec(NULL, "INSERT INTO mr_entries (id, surname, "
		    "name, father_name, mother_name, birth_date, birth_year, "
		    "birth_place, unit, entry_year, entry_no, afm) VALUES "
		    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v, NELEM(v), NULL,
		    NULL) != DM_OK)
			return import_fail(im, r, "the database refused the "
			    "row (see the log above)", DM_EINTERNAL);
	}
	return DM_OK;
}

static int
usage(void)
{
	fprintf(stderr, "usage: dimosctl plugin " PLUGIN " import "
	    "[--if-empty | --replace] <dir>\n"
	    "       dimosctl plugin " PLUGIN " stats\n"
	    "  <dir> holds entries.csv (see plugins/" PLUGIN "/README.md)\n");
	return 2;
}

static int
cmd_import(int argc, char **argv)
{
	struct import im;
	struct kit_sheet sh;
	const char *dir = NULL;
	char today[DM_DATE_SIZE];
	int if_empty = 0;
	long long have;
	dm_status st;

	memset(&im, 0, sizeof(im));
	if (kit_import_args(argc, argv, 2, &if_empty, &im.replace, &dir) != 0)
		return usage();
	if (count("SELECT COUNT(*) FROM mr_entries", NULL, 0, &have) !=
	    DM_OK) {
		fprintf(stderr, PLUGIN ": cannot read the registry (did "
		    "'dimosctl migrate' run?)\n");
		return 1;
	}
	if (if_empty && have > 0) {
		printf(PLUGIN ": the registry already holds %lld entries; "
		    "nothing imported (--if-empty)\n", have);
		return 0;
	}
	host->today(today);
	if (mr_load(&sh, dir, &units, today, im.err, sizeof(im.err)) != 0) {
		fprintf(stderr, PLUGIN ": %s/%s\n" PLUGIN ": nothing was "
		    "imported\n", dir, im.err);
		return 1;
	}
	im.sh = &sh;
	st = host->db_tx(NULL, import_tx, &im);
	if (st != DM_OK) {
		fprintf(stderr, PLUGIN ": %s%s%s\n" PLUGIN ": nothing was "
		    "imported\n", im.err[0] ? dir : "", im.err[0] ? "/" : "",
		    im.err[0] ? im.err : "the transaction failed (see the "
		    "log above)");
		kit_sheet_free(&sh);
		return 1;
	}
	printf(PLUGIN ": imported %zu entries from %s%s\n",
	    kit_sheet_rows(&sh), dir, im.replace ? " (the previous contents "
	    "were replaced)" : "");
	kit_sheet_free(&sh);
	return 0;
}

static dm_status
stats_row(void *arg, const struct dm_value *c, size_t ncols)
{
	const char *unit;
	size_t w;

	(void)arg;
	if (ncols != 5)
		return DM_EINTERNAL;
	unit = c[0].type == DM_V_TEXT ? c[0].s : "-";
	w = kit_utf8_chars(unit);
	/* padded by characters, not bytes: the names are Greek */
	printf("  %s%*s %6lld entries %6lld with AFM, years %lld-%lld\n",
	    unit, w < 20 ? (int)(20 - w) : 0, "", col_int(&c[1]),
	    col_int(&c[2]), col_int(&c[3]), col_int(&c[4]));
	return DM_OK;
}

static int
cmd_stats(void)
{
	long long n, afm;

	if (count("SELECT COUNT(*) FROM mr_entries", NULL, 0, &n) != DM_OK ||
	    count("SELECT COUNT(*) FROM mr_entries WHERE afm IS NOT NULL",
	    NULL, 0, &afm) != DM_OK) {
		fprintf(stderr, PLUGIN ": cannot read the registry (did "
		    "'dimosctl migrate' run?)\n");
		return 1;
	}
	printf("male registry: %lld entries, %lld with AFM\n", n, afm);
	printf("by municipal unit:\n");
	return host->db_query(NULL, "SELECT unit, COUNT(*), COUNT(afm), "
	    "MIN(entry_year), MAX(entry_year) FROM mr_entries GROUP BY unit "
	    "ORDER BY unit", NULL, 0, stats_row, NULL) == DM_OK ? 0 : 1;
}

static int
mr_command(const struct dm_host *h, struct dm_plugin_ctx *ctx, int argc,
    char **argv)
{
	host = h;
	self = ctx;
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "import") == 0)
		return cmd_import(argc, argv);
	if (strcmp(argv[1], "stats") == 0 && argc == 2)
		return cmd_stats();
	return usage();
}

/* ------------------------------------------------------------ plugin */

static dm_status
mr_init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	const char *spec;
	char err[256];

	host = h;
	self = ctx;
	municipality = host->config_get(self, "municipality");
	if (municipality == NULL || municipality[0] == '\0')
		municipality = default_municipality;
	spec = host->config_get(self, "units");
	if (kit_units_parse(spec != NULL ? spec : default_units, &units, err,
	    sizeof(err)) != 0) {
		host->log(self, DM_LOG_ERROR, "[plugin.%s] units: %s", PLUGIN,
		    err);
		return DM_EINTERNAL;
	}
	return DM_OK;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = PLUGIN,
	.version = "2.0",
	.department = &department,
	.services = services,
	.config = config_keys,
	.init = mr_init,
	.certificate = mr_certificate,
	.staff_panel = mr_staff_panel,
	.command = mr_command,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
