/*
 * civil_registry.c - the civil registry department (Δημοτολόγιο).
 * Owns the plugin descriptor, the hooks (validate, certificate, staff
 * panel), the registry's queries and the import command. What is decided
 * and written lives in crcert.c, what an import file must hold in
 * crdata.c; both are pure and unit-tested.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#include "dimos/kit/cert.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/text.h"

#include "crcert.h"
#include "crdata.h"
#include "services.h"

#define PLUGIN		"civil_registry"
#define CAND_MAX	20	/* persons one search returns */
#define KIN_MAX		64	/* relatives one person may have listed */
#define SHOWN_MAX	64	/* records on one staff panel */

/* Why the registry's certificates are not issued to a business. */
#define BUSINESS_REFUSAL_EL	"Η αίτηση υποβλήθηκε από επιχείρηση (νομικό " \
	"πρόσωπο)· τα πιστοποιητικά του ληξιαρχείου και του δημοτολογίου " \
	"αφορούν φυσικά πρόσωπα και δεν εκδίδονται σε νομικό πρόσωπο."
#define BUSINESS_REFUSAL_EN	"The applicant is a business (a legal " \
	"entity); civil registry certificates concern natural persons and " \
	"are not issued to a legal entity."

static const struct dm_host *host;
static struct dm_plugin_ctx *self;	/* our context: log, config */
static struct kit_units units;
static int have_units;
static const char *municipality;	/* genitive: "Δήμου Βισαλτίας" */

/* ------------------------------------------------------------ memory */

static void *
req_alloc(void *ctx, size_t size)
{
	return host->alloc(ctx, size);
}

static struct kit_alloc
arena(struct dm_req *req)
{
	struct kit_alloc a = { req_alloc, req };

	return a;
}

static const char *
col_text(struct dm_req *req, const struct dm_value *v)
{
	if (v->type == DM_V_NULL || v->s == NULL)
		return NULL;
	return host->astrdup(req, v->s);
}

static long long
col_int(const struct dm_value *v)
{
	if (v->type == DM_V_INT)
		return v->i;
	if (v->type == DM_V_TEXT && v->s != NULL)
		return strtoll(v->s, NULL, 10);
	return 0;
}

/* ----------------------------------------------------------- queries */

#define PERSON_COLS	"id, merida, relation, surname, name, father_name, " \
	"mother_name, mother_surname, sex, DATE_FORMAT(birth_date, " \
	"'%Y-%m-%d'), birth_place, citizenship, marital_status, afm, amka, " \
	"status, DATE_FORMAT(death_date, '%Y-%m-%d'), death_place, " \
	"father_id, mother_id"
#define PERSON_NCOLS	20

struct plist {
	struct dm_req		*req;
	struct cr_person	*v;
	size_t			 n;
	size_t			 cap;
	int			 truncated;
};

static dm_status
person_row(void *arg, const struct dm_value *c, size_t ncols)
{
	struct plist *l = arg;
	struct cr_person *p;
	const char *s;

	if (ncols != PERSON_NCOLS)
		return DM_EINTERNAL;
	if (l->n == l->cap) {
		l->truncated = 1;
		return DM_OK;
	}
	p = &l->v[l->n++];
	p->id = col_int(&c[0]);
	p->merida = col_int(&c[1]);
	p->relation = col_text(l->req, &c[2]);
	p->surname = col_text(l->req, &c[3]);
	p->name = col_text(l->req, &c[4]);
	p->father_name = col_text(l->req, &c[5]);
	p->mother_name = col_text(l->req, &c[6]);
	p->mother_surname = col_text(l->req, &c[7]);
	s = col_text(l->req, &c[8]);
	p->sex = s != NULL && s[0] == 'M' ? 'M' : 'F';
	p->birth_date = col_text(l->req, &c[9]);
	p->birth_place = col_text(l->req, &c[10]);
	p->citizenship = col_text(l->req, &c[11]);
	p->marital = col_text(l->req, &c[12]);
	p->afm = col_text(l->req, &c[13]);
	p->amka = col_text(l->req, &c[14]);
	s = col_text(l->req, &c[15]);
	p->deceased = s != NULL && strcmp(s, "deceased") == 0;
	p->death_date = col_text(l->req, &c[16]);
	p->death_place = col_text(l->req, &c[17]);
	p->father_id = col_int(&c[18]);
	p->mother_id = col_int(&c[19]);
	if (p->relation == NULL || p->surname == NULL || p->name == NULL ||
	    p->father_name == NULL || p->mother_name == NULL ||
	    p->birth_date == NULL || p->birth_place == NULL)
		return DM_EINTERNAL;
	return DM_OK;
}

/* Persons WHERE cond (a constant of this file, values as ? params). */
static dm_status
persons_where(struct dm_req *req, const char *cond, const char *order,
    const struct dm_value *params, size_t nparams, size_t cap,
    struct plist *out)
{
	char *sql;

	memset(out, 0, sizeof(*out));
	out->req = req;
	out->cap = cap;
	out->v = host->alloc(req, cap * sizeof(*out->v));
	sql = host->aprintf(req, "SELECT %s FROM cr_persons WHERE %s ORDER "
	    "BY %s LIMIT %zu", PERSON_COLS, cond, order, cap + 1);
	return host->db_query(req, sql, params, nparams, person_row, out);
}

static dm_status
person_by_id(struct dm_req *req, long long id, struct cr_person *p)
{
	struct dm_value v = DM_VINT(id);
	struct plist l;
	dm_status st;

	if ((st = persons_where(req, "id = ?", "id", &v, 1, 1, &l)) !=
	    DM_OK)
		return st;
	if (l.n == 0)
		return DM_ENOTFOUND;
	*p = l.v[0];
	return DM_OK;
}

struct family_ctx {
	struct dm_req		*req;
	struct cr_family	*f;
	int			 found;
};

static dm_status
family_row(void *arg, const struct dm_value *c, size_t ncols)
{
	struct family_ctx *x = arg;

	if (ncols != 3)
		return DM_EINTERNAL;
	x->f->merida = col_int(&c[0]);
	x->f->unit = col_text(x->req, &c[1]);
	x->f->address = col_text(x->req, &c[2]);
	x->found = x->f->unit != NULL;
	return DM_OK;
}

/* A family record with its members, head first, then by birth. */
static dm_status
family_load(struct dm_req *req, long long merida, struct cr_family *f)
{
	struct dm_value v = DM_VINT(merida);
	struct family_ctx x = { req, f, 0 };
	struct plist l;
	dm_status st;

	memset(f, 0, sizeof(*f));
	if ((st = host->db_query(req, "SELECT merida, unit, address FROM "
	    "cr_families WHERE merida = ?", &v, 1, family_row, &x)) != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	if ((st = persons_where(req, "merida = ?", "FIELD(relation, 'head', "
	    "'spouse', 'child', 'other'), birth_date, id", &v, 1,
	    KIT_CERT_ROWS, &l)) != DM_OK)
		return st;
	f->members = l.v;
	f->nmembers = l.n;
	return DM_OK;
}

/* The applicant's candidates: by AFM, or by folded names and year. */
static dm_status
applicant_candidates(struct dm_req *req, const struct dm_user *u,
    struct kit_key *k, struct plist *out)
{
	struct dm_value p[5];

	memset(out, 0, sizeof(*out));
	/* A business is nobody in the registry: its AFM is a company's. */
	if (u->kind != 'p') {
		memset(k, 0, sizeof(*k));
		return DM_OK;
	}
	kit_key_make(k, u->afm, u->last_name, u->first_name, u->father_name,
	    u->birth_year);
	if (k->afm[0] == '\0' && (k->surname[0] == '\0' ||
	    k->name[0] == '\0'))
		return DM_OK;
	p[0] = k->afm[0] != '\0' ? DM_VTEXT(k->afm) : DM_VNULL;
	p[1] = DM_VTEXT(k->surname);
	p[2] = DM_VTEXT(k->name);
	p[3] = DM_VTEXT(k->father);
	p[4] = DM_VINT(k->year);
	return persons_where(req, "afm = ? OR (surname_f = ? AND name_f = ? "
	    "AND father_f = ? AND birth_year = ?)", "id", p, 5, CAND_MAX,
	    out);
}

/* The one living person the applicant is, or NULL. */
static dm_status
find_applicant(struct dm_req *req, const struct dm_user *u,
    const struct cr_person **me, int *ambiguous)
{
	struct kit_key k;
	struct plist l;
	dm_status st;

	*me = NULL;
	*ambiguous = 0;
	if ((st = applicant_candidates(req, u, &k, &l)) != DM_OK)
		return st;
	*me = cr_pick_applicant(&k, l.v, l.n, ambiguous);
	return DM_OK;
}

struct text_ctx {
	struct dm_req	*req;
	const char	*text;
};

static dm_status
text_row(void *arg, const struct dm_value *c, size_t ncols)
{
	struct text_ctx *x = arg;

	if (ncols < 1)
		return DM_EINTERNAL;
	if (x->text == NULL)
		x->text = col_text(x->req, &c[0]);
	return DM_OK;
}

/* "Πράξη 123/1975 (Ληξιαρχείο Νιγρίτας)", the act of a person's birth. */
static const char *
birth_act(struct dm_req *req, long long id)
{
	struct dm_value v = DM_VINT(id);
	struct text_ctx x = { req, NULL };

	if (host->db_query(req, "SELECT act_ref FROM cr_events WHERE "
	    "person_id = ? AND kind = 'birth' AND act_ref IS NOT NULL "
	    "ORDER BY id LIMIT 1", &v, 1, text_row, &x) != DM_OK)
		return NULL;
	return x.text;
}

struct union_list {
	struct dm_req	*req;
	struct cr_union	 v[KIN_MAX];
	size_t		 n;
};

static dm_status
union_row(void *arg, const struct dm_value *c, size_t ncols)
{
	struct union_list *l = arg;
	const char *kind;

	if (ncols != 4)
		return DM_EINTERNAL;
	if (l->n == KIN_MAX)
		return DM_OK;
	kind = col_text(l->req, &c[3]);
	l->v[l->n].a = col_int(&c[0]);
	l->v[l->n].b = col_int(&c[1]);
	l->v[l->n].date = col_text(l->req, &c[2]);
	l->v[l->n].divorce = kind != NULL && strcmp(kind, "divorce") == 0;
	if (l->v[l->n].date != NULL)
		l->n++;
	return DM_OK;
}

struct marriage_list {
	struct dm_req		*req;
	struct cr_marriage	*m;
	struct cr_union		*u;
	size_t			 nm, nu;
};

static dm_status
marriage_row(void *arg, const struct dm_value *c, size_t ncols)
{
	struct marriage_list *l = arg;
	const char *kind, *date;

	if (ncols != 8)
		return DM_EINTERNAL;
	kind = col_text(l->req, &c[5]);
	date = col_text(l->req, &c[2]);
	if (kind == NULL || date == NULL || c[1].type != DM_V_INT)
		return DM_OK;
	if (strcmp(kind, "divorce") == 0) {
		if (l->nu < KIN_MAX) {
			l->u[l->nu].a = col_int(&c[0]);
			l->u[l->nu].b = col_int(&c[1]);
			l->u[l->nu].date = date;
			l->u[l->nu].divorce = 1;
			l->nu++;
		}
		return DM_OK;
	}
	if (l->nm == KIN_MAX)
		return DM_OK;
	l->m[l->nm].a = col_int(&c[0]);
	l->m[l->nm].b = col_int(&c[1]);
	l->m[l->nm].date = date;
	l->m[l->nm].place = col_text(l->req, &c[3]);
	l->m[l->nm].act = col_text(l->req, &c[4]);
	l->m[l->nm].a_name = col_text(l->req, &c[6]);
	l->m[l->nm].b_name = col_text(l->req, &c[7]);
	if (l->m[l->nm].a_name != NULL)
		l->nm++;
	return DM_OK;
}

/* The marriages of the members of family record merida, as recorded. */
static dm_status
marriages_load(struct dm_req *req, long long merida, struct cr_cert_in *in)
{
	struct marriage_list l = { req, NULL, NULL, 0, 0 };
	struct dm_value p[3] = { DM_VINT(merida), DM_VINT(merida),
	    DM_VINT(merida) };
	dm_status st;

	l.m = host->alloc(req, KIN_MAX * sizeof(*l.m));
	l.u = host->alloc(req, KIN_MAX * sizeof(*l.u));
	/* From the record's members by index: their events, then events of
	 * others that name them. */
	if ((st = host->db_query(req, "SELECT e.person_id, "
	    "e.related_person_id, DATE_FORMAT(e.date, '%Y-%m-%d') AS d, "
	    "e.place, e.act_ref, e.kind, CONCAT(pa.name, ' ', pa.surname), "
	    "CONCAT(pb.name, ' ', pb.surname) FROM cr_persons pa JOIN "
	    "cr_events e ON e.person_id = pa.id AND e.kind IN ('marriage', "
	    "'divorce') LEFT JOIN cr_persons pb ON pb.id = e.related_person_id "
	    "WHERE pa.merida = ? UNION ALL SELECT e.person_id, "
	    "e.related_person_id, DATE_FORMAT(e.date, '%Y-%m-%d'), e.place, "
	    "e.act_ref, e.kind, CONCAT(pa.name, ' ', pa.surname), "
	    "CONCAT(pb.name, ' ', pb.surname) FROM cr_persons pb JOIN "
	    "cr_events e ON e.related_person_id = pb.id AND e.kind IN "
	    "('marriage', 'divorce') JOIN cr_persons pa ON pa.id = "
	    "e.person_id WHERE pb.merida = ? AND pa.merida <> ? ORDER BY d",
	    p, 3, marriage_row, &l)) != DM_OK)
		return st;
	in->marriages = l.m;
	in->nmarriages = cr_marriages(l.m, l.nm, l.u, l.nu);
	return DM_OK;
}

/* d's next of kin, in out (at most KIN_MAX). */
static dm_status
relatives_load(struct dm_req *req, const struct cr_person *d,
    struct cr_relative *out, size_t *nout)
{
	struct union_list *u = host->alloc(req, sizeof(*u));
	struct dm_value p[8];
	struct plist l;
	dm_status st;

	*nout = 0;
	u->req = req;
	p[0] = DM_VINT(d->id);
	p[1] = DM_VINT(d->id);
	if ((st = host->db_query(req, "SELECT person_id, related_person_id, "
	    "DATE_FORMAT(date, '%Y-%m-%d'), kind FROM cr_events WHERE kind "
	    "IN ('marriage', 'divorce') AND related_person_id IS NOT NULL AND "
	    "(person_id = ? OR related_person_id = ?)", p, 2, union_row,
	    u)) != DM_OK)
		return st;
	/* -1 matches no id: an unknown parent has no other children. */
	p[0] = DM_VINT(d->father_id ? d->father_id : -1);
	p[1] = DM_VINT(d->mother_id ? d->mother_id : -1);
	p[2] = DM_VINT(d->id);
	p[3] = DM_VINT(d->id);
	p[4] = DM_VINT(d->father_id ? d->father_id : -1);
	p[5] = DM_VINT(d->mother_id ? d->mother_id : -1);
	p[6] = DM_VINT(d->merida);
	p[7] = DM_VINT(d->id);
	if ((st = persons_where(req, "id IN (?, ?) OR father_id = ? OR "
	    "mother_id = ? OR father_id = ? OR mother_id = ? OR (merida = ? "
	    "AND relation IN ('head', 'spouse')) OR id IN (SELECT "
	    "related_person_id FROM cr_events WHERE person_id = ? AND kind = "
	    "'marriage') OR id IN (SELECT person_id FROM cr_events WHERE "
	    "related_person_id = ? AND kind = 'marriage')", "birth_date, id",
	    (struct dm_value[]){ p[0], p[1], p[2], p[3], p[4], p[5], p[6],
	    p[7], p[7] }, 9, KIN_MAX, &l)) != DM_OK)
		return st;
	*nout = cr_relatives(d, l.v, l.n, u->v, u->n, out, KIN_MAX);
	return DM_OK;
}

/* "p:123" or, where allowed, "f:45"; 0 if malformed. */
static long long
parse_ref(const char *ref, char kind)
{
	char *end;
	long long id;

	if (ref == NULL || ref[0] != kind || ref[1] != ':' ||
	    ref[2] < '1' || ref[2] > '9')
		return 0;
	id = strtoll(ref + 2, &end, 10);
	return *end == '\0' && id > 0 && id <= 4294967295LL ? id : 0;
}

/* ------------------------------------------------------- certificates */

static int
is_svc(const struct dm_service *svc, const char *code)
{
	return strcmp(svc->code, code) == 0;
}

static const char *
purpose_of(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r)
{
	return cr_choice_label(svc, "purpose", host->request_value(req, r,
	    "purpose"));
}

/* The certificate of svc about person p (of family record f, or NULL). */
static dm_status
build(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, const struct cr_person *p,
    const struct cr_family *f, struct dm_certificate *out)
{
	struct kit_alloc a = arena(req);
	struct cr_cert_in in;
	struct cr_family fam;
	dm_status st;
	int rc;

	if (f == NULL && p->merida != 0) {
		if ((st = family_load(req, p->merida, &fam)) != DM_OK)
			return st == DM_ENOTFOUND ? DM_EINTERNAL : st;
		f = &fam;
	}
	memset(&in, 0, sizeof(in));
	in.a = &a;
	in.units = have_units ? &units : NULL;
	in.f = f;
	in.about = p;
	in.purpose = purpose_of(req, svc, r);
	in.municipality = municipality;
	if (is_svc(svc, CR_SVC_FAMILY)) {
		if (f != NULL &&
		    (st = marriages_load(req, f->merida, &in)) != DM_OK)
			return st;
		rc = cr_cert_family_status(&in, out);
	}
	else if (is_svc(svc, CR_SVC_BIRTH))
		rc = cr_cert_birth(&in, birth_act(req, p->id), out);
	else if (is_svc(svc, CR_SVC_RESIDENCE))
		rc = cr_cert_residence(&in, host->request_value(req, r,
		    "address"), out);
	else if (is_svc(svc, CR_SVC_ORIGIN))
		rc = cr_cert_local_origin(&in, out);
	else {
		struct cr_relative *rels = host->alloc(req, KIN_MAX *
		    sizeof(*rels));
		size_t n;

		if ((st = relatives_load(req, p, rels, &n)) != DM_OK)
			return st;
		rc = cr_cert_next_of_kin(&in, rels, n, out);
	}
	if (rc != 0) {
		host->log(self, DM_LOG_ERROR, "request %lld: the "
		    "certificate of person %lld does not fit", r->id, p->id);
		return DM_EINTERNAL;
	}
	return DM_OK;
}

static void
target_of(struct dm_req *req, const struct dm_request *r,
    struct cr_target *t)
{
	const char *whom = host->request_value(req, r, "whom");

	memset(t, 0, sizeof(*t));
	t->member = whom != NULL && strcmp(whom, "member") == 0;
	t->surname = host->request_value(req, r, "member_surname");
	t->name = host->request_value(req, r, "member_name");
	t->birth_date = host->request_value(req, r, "member_birth_date");
}

/*
 * From the applicant's own record: the applicant, or the member of their
 * family record the request names.
 */
static dm_status
from_applicant(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_certificate *out)
{
	const struct cr_person *me, *about;
	struct cr_family f;
	struct cr_target t;
	int ambiguous;
	dm_status st;

	if ((st = find_applicant(req, r->applicant, &me, &ambiguous)) !=
	    DM_OK)
		return st;
	if (me == NULL)
		return DM_ENOTFOUND;	/* none, or namesakes: a clerk */
	if ((st = family_load(req, me->merida, &f)) != DM_OK)
		return st == DM_ENOTFOUND ? DM_EINTERNAL : st;
	target_of(req, r, &t);
	if ((st = cr_pick_about(me, &f, &t, &about)) != DM_OK)
		return st;
	if (about->deceased && is_svc(svc, CR_SVC_ORIGIN))
		return DM_EDENIED;
	return build(req, svc, r, about, &f, out);
}

/* The applicant as their account knows them, when no record is picked. */
static dm_status
from_account(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_certificate *out)
{
	const struct dm_user *u = r->applicant;
	struct cr_person *p;

	if (u->first_name == NULL || u->last_name == NULL ||
	    u->first_name[0] == '\0' || u->last_name[0] == '\0' ||
	    u->father_name == NULL || u->father_name[0] == '\0')
		return DM_ENOTFOUND;
	p = host->alloc(req, sizeof(*p));
	p->relation = "other";
	p->surname = u->last_name;
	p->name = u->first_name;
	p->father_name = u->father_name;
	p->mother_name = u->mother_name;
	/* TaxisNet says nothing of sex: "ο/η", "μόνιμος/η". */
	p->sex = '?';
	p->birth_place = "";
	return build(req, svc, r, p, NULL, out);
}

static dm_status
cr_certificate(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, int auto_issue, const char *record_ref,
    struct dm_certificate *out)
{
	struct cr_person *p;
	long long id;
	dm_status st;

	/* The registry certifies persons, to persons: never to a company
	 * (the services do not take businesses; this holds if one came in
	 * by another way). */
	if (r->applicant->kind != 'p') {
		if (auto_issue)
			return DM_ENOTFOUND;
		host->refuse(req, BUSINESS_REFUSAL_EL, BUSINESS_REFUSAL_EN);
		return DM_EDENIED;
	}
	if (auto_issue) {
		/* Only these two are issued from data alone. */
		if (!is_svc(svc, CR_SVC_FAMILY) && !is_svc(svc, CR_SVC_BIRTH))
			return DM_ENOTFOUND;
		if (r->applicant->level != 'B' || r->applicant->kind != 'p')
			return DM_ENOTFOUND;
		return from_applicant(req, svc, r, out);
	}
	if (record_ref == NULL) {
		if (is_svc(svc, CR_SVC_RESIDENCE)) {
			/* residents need not be registered citizens */
			st = from_applicant(req, svc, r, out);
			return st == DM_ENOTFOUND ? from_account(req, svc, r,
			    out) : st;
		}
		if (is_svc(svc, CR_SVC_KIN))
			return DM_ENOTFOUND;	/* the clerk picks the record */
		return from_applicant(req, svc, r, out);
	}
	p = host->alloc(req, sizeof(*p));
	if ((id = parse_ref(record_ref, 'p')) != 0) {
		if ((st = person_by_id(req, id, p)) != DM_OK)
			return st;
	} else if ((id = parse_ref(record_ref, 'f')) != 0 &&
	    is_svc(svc, CR_SVC_FAMILY)) {
		struct cr_family f;

		if ((st = family_load(req, id, &f)) != DM_OK)
			return st;
		if (f.nmembers == 0)
			return DM_ENOTFOUND;
		*p = f.members[0];
	} else {
		return DM_ENOTFOUND;
	}
	/* Next of kin of the living, or residence or origin of the dead:
	 * not something the registry can certify. */
	if (is_svc(svc, CR_SVC_KIN) ? !p->deceased : p->deceased &&
	    (is_svc(svc, CR_SVC_RESIDENCE) || is_svc(svc, CR_SVC_ORIGIN)))
		return DM_EDENIED;
	return build(req, svc, r, p, NULL, out);
}

/* ----------------------------------------------------------- validate */

/* A date in the past: the message says what is wrong and what to write
 * (today's date, as the example). */
static void
not_future(struct dm_req *req, struct dm_form *form, const char *field)
{
	const char *v = host->form_value(form, field);
	char today[DM_DATE_SIZE], shown[32];

	host->today(today);
	if (v == NULL || !kit_date_valid(v) || strcmp(v, today) <= 0)
		return;
	kit_date_short(today, shown, sizeof(shown));
	host->form_error(form, field, host->aprintf(req, "Η ημερομηνία "
	    "δεν μπορεί να είναι μετά τη σημερινή: γράψτε τη σημερινή ή μια "
	    "παλαιότερη, π.χ. %s.", shown), host->aprintf(req, "The date "
	    "cannot be later than today: enter today's date or an earlier "
	    "one, e.g. %s.", shown));
}

static int
blank(const char *s)
{
	return s == NULL || s[0] == '\0';
}

static dm_status
cr_validate(struct dm_req *req, const struct dm_service *svc,
    struct dm_form *form)
{
	static const char *const member[] = { "member_surname", "member_name",
	    "member_birth_date" };
	const char *whom = host->form_value(form, "whom");

	if (is_svc(svc, CR_SVC_KIN)) {
		not_future(req, form, "death_date");
		return DM_OK;
	}
	if (whom == NULL)
		return DM_OK;		/* not a service with "whom" */
	if (strcmp(whom, "member") == 0) {
		for (size_t i = 0; i < sizeof(member) / sizeof(member[0]);
		    i++)
			if (blank(host->form_value(form, member[i])))
				host->form_error(form, member[i],
				    "Συμπληρώστε το, αφού το ζητάτε για μέλος "
				    "της μερίδας σας.", "Fill this in, since "
				    "it is about a member of your family "
				    "record.");
		not_future(req, form, "member_birth_date");
	} else {
		for (size_t i = 0; i < sizeof(member) / sizeof(member[0]);
		    i++)
			if (!blank(host->form_value(form, member[i]))) {
				host->form_error(form, member[i],
				    "Αφήστε το κενό, αφού το ζητάτε για εσάς, "
				    "ή επιλέξτε «Μέλος της οικογενειακής μου "
				    "μερίδας».", "Leave this empty, since it "
				    "is about yourself, or choose \"A member "
				    "of my family record\".");
				break;
			}
	}
	return DM_OK;
}

/* -------------------------------------------------------- staff panel */

struct panel {
	struct dm_req		*req;
	struct dm_node		*node;
	struct kit_alloc	 a;
	long long		 shown[SHOWN_MAX];
	size_t			 nshown;
};

static void
note(struct panel *pn, const char *kind, const char *text)
{
	struct dm_node *n = host->node_add(pn->node, "note", text);

	host->node_attr(n, "kind", kind);
}

static void
field(struct dm_node *rec, const char *label, const char *value)
{
	struct dm_node *f;

	if (value == NULL || value[0] == '\0')
		return;
	f = host->node_add(rec, "field", value);
	host->node_attr(f, "label", label);
}

static const char *
unit_of(struct dm_req *req, long long merida)
{
	struct dm_value v = DM_VINT(merida);
	struct text_ctx x = { req, NULL };

	if (host->db_query(req, "SELECT unit FROM cr_families WHERE merida "
	    "= ?", &v, 1, text_row, &x) != DM_OK)
		return NULL;
	return x.text;
}

/* A record the clerk can issue from; NULL if shown already or too many. */
static struct dm_node *
record(struct panel *pn, const struct cr_person *p, const char *why)
{
	struct kit_alloc *a = &pn->a;
	struct dm_node *rec;

	for (size_t i = 0; i < pn->nshown; i++)
		if (pn->shown[i] == p->id)
			return NULL;
	if (pn->nshown == SHOWN_MAX)
		return NULL;
	pn->shown[pn->nshown++] = p->id;
	rec = host->node_add(pn->node, "record", NULL);
	host->node_attr(rec, "ref", kit_aprintf(a, "p:%lld", p->id));
	host->node_attr(rec, "label", cr_record_label(a, p));
	field(rec, "Ταύτιση", why);
	field(rec, "Μερίδα", kit_aprintf(a, "%lld", p->merida));
	field(rec, "Δημοτική ενότητα", unit_of(pn->req, p->merida));
	field(rec, "Σχέση στη μερίδα", cr_relation_label(p->relation,
	    p->sex));
	field(rec, "Όνομα μητέρας", p->mother_name);
	field(rec, "Γέννηση", kit_aprintf(a, "%s, %s", kit_adate(a,
	    p->birth_date), p->birth_place));
	field(rec, "ΑΦΜ", p->afm);
	field(rec, "Ιθαγένεια", p->citizenship);
	field(rec, "Κατάσταση", p->deceased ? kit_aprintf(a, "Απεβίωσε%s%s",
	    p->death_date ? " " : "", p->death_date ? kit_adate(a,
	    p->death_date) : "") : "Εν ζωή");
	return rec;
}

/* Who the applicant is in the registry, looked up once per panel. */
struct applicant {
	struct kit_key		 k;
	struct plist		 cand;
	const struct cr_person	*me;		/* NULL: none or ambiguous */
	int			 ambiguous;
};

static dm_status
applicant_lookup(struct dm_req *req, const struct dm_request *r,
    struct applicant *ap)
{
	dm_status st;

	memset(ap, 0, sizeof(*ap));
	if ((st = applicant_candidates(req, r->applicant, &ap->k,
	    &ap->cand)) != DM_OK)
		return st;
	ap->me = cr_pick_applicant(&ap->k, ap->cand.v, ap->cand.n,
	    &ap->ambiguous);
	return DM_OK;
}

/* The applicant's own record, or the records that might be theirs. */
static dm_status
panel_applicant(struct panel *pn, const struct applicant *ap)
{
	struct plist l;
	dm_status st;

	if (ap->me != NULL) {
		struct kit_key pk;

		cr_person_key(ap->me, &pk);
		record(pn, ap->me, kit_match(&ap->k, &pk) == KIT_MATCH_AFM ?
		    "Αιτών (ΑΦΜ)" : "Αιτών (ονοματεπώνυμο, πατρώνυμο, έτος "
		    "γέννησης)");
		return DM_OK;
	}
	if (ap->ambiguous) {
		note(pn, "warning", "Περισσότερες από μία εγγραφές ταιριάζουν "
		    "με τα στοιχεία του αιτούντος· ελέγξτε ποια είναι η "
		    "σωστή.");
		for (size_t i = 0; i < ap->cand.n; i++)
			if (!ap->cand.v[i].deceased)
				record(pn, &ap->cand.v[i], "Πιθανός αιτών");
		return DM_OK;
	}
	note(pn, "info", "Καμία εγγραφή δεν ταιριάζει με τον αιτούντα (ΑΦΜ, "
	    "ή ονοματεπώνυμο, πατρώνυμο και έτος γέννησης).");
	if (ap->k.surname[0] == '\0' || ap->k.name[0] == '\0')
		return DM_OK;
	{
		struct dm_value p[2] = { DM_VTEXT(ap->k.surname),
		    DM_VTEXT(ap->k.name) };

		if ((st = persons_where(pn->req, "surname_f = ? AND name_f = "
		    "? AND status = 'alive'", "birth_date, id", p, 2,
		    CAND_MAX, &l)) != DM_OK)
			return st;
	}
	if (l.n > 0)
		note(pn, "warning", "Εγγραφές με το ίδιο ονοματεπώνυμο αλλά "
		    "άλλο πατρώνυμο, έτος γέννησης ή ΑΦΜ· εκδώστε μόνο αν "
		    "βεβαιωθείτε ότι πρόκειται για τον αιτούντα.");
	for (size_t i = 0; i < l.n; i++)
		record(pn, &l.v[i], "Μόνο ονοματεπώνυμο");
	return DM_OK;
}

/*
 * The member the request names (first: the panel's first record is the
 * one preselected for issuing), the applicant, and the members of the
 * applicant's family record: the clerk may issue about any of them.
 */
static dm_status
panel_member(struct panel *pn, const struct dm_request *r,
    const struct applicant *ap)
{
	const struct cr_person *me = ap->me;
	struct cr_target t;
	struct cr_family f;
	struct plist l;
	char sf[KIT_FOLD_MAX], nf[KIT_FOLD_MAX];
	int in_family = 0;
	dm_status st;

	target_of(pn->req, r, &t);
	if (t.member && !blank(t.surname) && !blank(t.name) &&
	    !blank(t.birth_date)) {
		struct dm_value p[3];

		kit_fold(t.surname, sf, sizeof(sf));
		kit_fold(t.name, nf, sizeof(nf));
		p[0] = DM_VTEXT(sf);
		p[1] = DM_VTEXT(nf);
		p[2] = DM_VTEXT(t.birth_date);
		if ((st = persons_where(pn->req, "surname_f = ? AND name_f = "
		    "? AND birth_date = ?", "id", p, 3, CAND_MAX, &l)) !=
		    DM_OK)
			return st;
		/* the member of the applicant's record first */
		for (int pass = 0; pass < 2; pass++)
			for (size_t i = 0; i < l.n; i++) {
				int own = me != NULL && l.v[i].merida ==
				    me->merida;

				in_family |= own;
				if (own == (pass == 0))
					record(pn, &l.v[i], own ? "Μέλος που "
					    "ζητήθηκε" : "Μέλος που ζητήθηκε "
					    "(άλλη μερίδα)");
			}
		if (l.n == 0)
			note(pn, "warning", "Το μέλος που ζητήθηκε δεν βρέθηκε "
			    "στο Δημοτολόγιο με αυτό το ονοματεπώνυμο και αυτή "
			    "την ημερομηνία γέννησης.");
		else if (me != NULL && !in_family)
			note(pn, "warning", "Το μέλος που ζητήθηκε δεν ανήκει "
			    "στην οικογενειακή μερίδα του αιτούντος.");
		else if (me != NULL)
			note(pn, "info", "Το μέλος που ζητήθηκε ανήκει στην "
			    "οικογενειακή μερίδα του αιτούντος.");
	}
	if ((st = panel_applicant(pn, ap)) != DM_OK || me == NULL)
		return st;
	if ((st = family_load(pn->req, me->merida, &f)) != DM_OK)
		return st;
	for (size_t i = 0; i < f.nmembers; i++)
		record(pn, &f.members[i], "Μέλος της μερίδας του αιτούντος");
	return DM_OK;
}

static dm_status
panel_kin(struct panel *pn, const struct dm_service *svc,
    const struct dm_request *r, const struct cr_person *me)
{
	const char *sn = host->request_value(pn->req, r, "deceased_surname");
	const char *nm = host->request_value(pn->req, r, "deceased_name");
	const char *fa = host->request_value(pn->req, r, "deceased_father");
	const char *dd = host->request_value(pn->req, r, "death_date");
	const char *said = cr_choice_label(svc, "relationship",
	    host->request_value(pn->req, r, "relationship"));
	char sf[KIT_FOLD_MAX], nf[KIT_FOLD_MAX], ff[KIT_FOLD_MAX];
	struct cr_relative *rels;
	struct dm_value p[3];
	struct plist l;
	size_t ndead = 0;
	int related = 0, alive = 0;
	dm_status st;

	if (blank(sn) || blank(nm) || blank(fa))
		return DM_OK;
	kit_fold(sn, sf, sizeof(sf));
	kit_fold(nm, nf, sizeof(nf));
	kit_fold(fa, ff, sizeof(ff));
	p[0] = DM_VTEXT(sf);
	p[1] = DM_VTEXT(nf);
	p[2] = DM_VTEXT(ff);
	if ((st = persons_where(pn->req, "surname_f = ? AND name_f = ? AND "
	    "father_f = ?", "status = 'alive', death_date, id", p, 3,
	    CAND_MAX, &l)) != DM_OK)
		return st;
	rels = host->alloc(pn->req, KIN_MAX * sizeof(*rels));
	for (size_t i = 0; i < l.n; i++) {
		const struct cr_person *d = &l.v[i];
		struct dm_node *rec;
		size_t n;

		if (!d->deceased) {
			alive = 1;
			continue;
		}
		if ((rec = record(pn, d, "Θανών")) == NULL)
			continue;
		ndead++;
		if (!blank(dd) && (d->death_date == NULL ||
		    strcmp(d->death_date, dd) != 0))
			note(pn, "warning", kit_aprintf(&pn->a, "Η ημερομηνία "
			    "θανάτου της αίτησης (%s) διαφέρει από του "
			    "Δημοτολογίου (%s) για την εγγραφή %s.",
			    kit_adate(&pn->a, dd), d->death_date ?
			    kit_adate(&pn->a, d->death_date) : "άγνωστη",
			    cr_record_label(&pn->a, d)));
		if ((st = relatives_load(pn->req, d, rels, &n)) != DM_OK)
			return st;
		for (size_t j = 0; j < n; j++) {
			const struct cr_person *k = rels[j].p;

			field(rec, cr_kin_label(rels[j].kin, k->sex),
			    kit_aprintf(&pn->a, "%s %s του %s, γεν. %s%s",
			    k->surname, k->name, kit_agen(&pn->a,
			    k->father_name), kit_adate(&pn->a, k->birth_date),
			    k->deceased ? ", απεβίωσε" : ""));
			if (me == NULL || k->id != me->id)
				continue;
			related = 1;
			note(pn, "info", kit_aprintf(&pn->a, "Ο αιτών είναι "
			    "καταχωρισμένος ως «%s» στην εγγραφή %s.",
			    cr_kin_label(rels[j].kin, k->sex),
			    cr_record_label(&pn->a, d)));
		}
		if (n == 0)
			note(pn, "warning", kit_aprintf(&pn->a, "Η εγγραφή %s "
			    "δεν έχει καταχωρισμένους συγγενείς.",
			    cr_record_label(&pn->a, d)));
	}
	if (ndead == 0)
		note(pn, "warning", alive ? "Το πρόσωπο με αυτά τα στοιχεία "
		    "είναι καταχωρισμένο ως εν ζωή· δεν εκδίδεται "
		    "πιστοποιητικό εγγυτέρων συγγενών." : "Δεν βρέθηκε θανών "
		    "με αυτό το ονοματεπώνυμο και πατρώνυμο.");
	else if (!related)
		note(pn, "warning", kit_aprintf(&pn->a, "Ο αιτών δεν "
		    "εμφανίζεται στους συγγενείς του θανόντος· δήλωσε σχέση "
		    "«%s». Ελέγξτε τα δικαιολογητικά.", said ? said : "—"));
	return DM_OK;
}

static dm_status
cr_staff_panel(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *node)
{
	struct panel *pn = host->alloc(req, sizeof(*pn));
	struct applicant *ap = host->alloc(req, sizeof(*ap));
	dm_status st;

	pn->req = req;
	pn->node = node;
	pn->a = arena(req);
	if (r->applicant->kind != 'p') {
		note(pn, "warning", BUSINESS_REFUSAL_EL);
		return DM_OK;
	}
	if ((st = applicant_lookup(req, r, ap)) != DM_OK)
		return st;
	if (is_svc(svc, CR_SVC_KIN)) {
		/* the deceased first: issuing is about them */
		if ((st = panel_kin(pn, svc, r, ap->me)) != DM_OK)
			return st;
		return panel_applicant(pn, ap);
	}
	if (is_svc(svc, CR_SVC_RESIDENCE)) {
		note(pn, "info", "Ελέγξτε το αποδεικτικό κατοικίας. Χωρίς "
		    "επιλογή εγγραφής η βεβαίωση εκδίδεται με την εγγραφή του "
		    "αιτούντος ή, αν δεν είναι δημότης, με τα στοιχεία του "
		    "λογαριασμού του.");
		return panel_applicant(pn, ap);
	}
	return panel_member(pn, r, ap);
}

/* ------------------------------------------------------------- import */

struct count_ctx {
	long long	n;
};

static dm_status
count_row(void *arg, const struct dm_value *c, size_t ncols)
{
	struct count_ctx *x = arg;

	if (ncols != 1)
		return DM_EINTERNAL;
	x->n = col_int(&c[0]);
	return DM_OK;
}

static struct dm_value
opt_text(const struct kit_sheet *sh, size_t row, int col)
{
	return DM_VTEXT(kit_sheet_get(sh, row, col));
}

static struct dm_value
opt_int(const struct kit_sheet *sh, size_t row, int col)
{
	return kit_sheet_get(sh, row, col) ? DM_VINT(kit_sheet_int(sh, row,
	    col)) : DM_VNULL;
}

static dm_status
import_families(struct dm_req *req, const struct cr_dataset *ds)
{
	const struct kit_sheet *f = &ds->families;
	dm_status st;

	for (size_t r = 0; r < kit_sheet_rows(f); r++) {
		struct dm_value p[3] = { opt_int(f, r, F_MERIDA),
		    opt_text(f, r, F_UNIT), opt_text(f, r, F_ADDRESS) };

		if ((st = host->db_exec(req, "INSERT INTO cr_families (merida, "
		    "unit, address) VALUES (?, ?, ?)", p, 3, NULL, NULL)) !=
		    DM_OK)
			return st;
	}
	return DM_OK;
}

static dm_status
import_persons(struct dm_req *req, const struct cr_dataset *ds)
{
	const struct kit_sheet *s = &ds->persons;
	char sf[KIT_FOLD_MAX], nf[KIT_FOLD_MAX], ff[KIT_FOLD_MAX];
	dm_status st;

	for (size_t r = 0; r < kit_sheet_rows(s); r++) {
		const char *status = kit_sheet_get(s, r, P_STATUS);
		struct dm_value p[24];

		if (status == NULL)
			status = kit_sheet_get(s, r, P_DEATH_DATE) ?
			    "deceased" : "alive";
		kit_fold(kit_sheet_get(s, r, P_SURNAME), sf, sizeof(sf));
		kit_fold(kit_sheet_get(s, r, P_NAME), nf, sizeof(nf));
		kit_fold(kit_sheet_get(s, r, P_FATHER), ff, sizeof(ff));
		p[0] = opt_int(s, r, P_ID);
		p[1] = opt_int(s, r, P_MERIDA);
		p[2] = opt_text(s, r, P_RELATION);
		p[3] = opt_text(s, r, P_SURNAME);
		p[4] = opt_text(s, r, P_NAME);
		p[5] = opt_text(s, r, P_FATHER);
		p[6] = opt_text(s, r, P_MOTHER);
		p[7] = opt_text(s, r, P_MOTHER_SURNAME);
		p[8] = opt_text(s, r, P_SEX);
		p[9] = opt_text(s, r, P_BIRTH_DATE);
		p[10] = opt_text(s, r, P_BIRTH_PLACE);
		p[11] = opt_text(s, r, P_CITIZENSHIP);
		p[12] = opt_text(s, r, P_MARITAL);
		p[13] = opt_text(s, r, P_AFM);
		p[14] = opt_text(s, r, P_AMKA);
		p[15] = DM_VTEXT(status);
		p[16] = opt_text(s, r, P_DEATH_DATE);
		p[17] = opt_text(s, r, P_DEATH_PLACE);
		p[18] = opt_int(s, r, P_FATHER_ID);
		p[19] = opt_int(s, r, P_MOTHER_ID);
		p[20] = DM_VTEXT(sf);
		p[21] = DM_VTEXT(nf);
		p[22] = DM_VTEXT(ff);
		p[23] = DM_VINT(kit_date_year(kit_sheet_get(s, r,
		    P_BIRTH_DATE)));
		if ((st = host->db_exec(req, "INSERT INTO cr_persons (id, "
		    "merida, relation, surname, name, father_name, "
		    "mother_name, mother_surname, sex, birth_date, "
		    "birth_place, citizenship, marital_status, afm, amka, "
		    "status, death_date, death_place, father_id, mother_id, "
		    "surname_f, name_f, father_f, birth_year) VALUES (?, ?, ?, "
		    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?)", p, 24, NULL, NULL)) != DM_OK)
			return st;
	}
	return DM_OK;
}

static dm_status
import_events(struct dm_req *req, const struct cr_dataset *ds)
{
	const struct kit_sheet *e = &ds->events;
	dm_status st;

	for (size_t r = 0; r < kit_sheet_rows(e); r++) {
		struct dm_value p[6] = { opt_int(e, r, E_PERSON),
		    opt_text(e, r, E_KIND), opt_text(e, r, E_DATE),
		    opt_text(e, r, E_PLACE), opt_text(e, r, E_ACT),
		    opt_int(e, r, E_RELATED) };

		if ((st = host->db_exec(req, "INSERT INTO cr_events "
		    "(person_id, kind, date, place, act_ref, "
		    "related_person_id) VALUES (?, ?, ?, ?, ?, ?)", p, 6, NULL,
		    NULL)) != DM_OK)
			return st;
	}
	return DM_OK;
}

/* The registry is replaced whole; db_tx may run this again. */
static dm_status
import_tx(struct dm_req *req, void *arg)
{
	static const char *const wipe[] = { "DELETE FROM cr_events",
	    "DELETE FROM cr_persons", "DELETE FROM cr_families" };
	const struct cr_dataset *ds = arg;
	dm_status st;

	for (size_t i = 0; i < sizeof(wipe) / sizeof(wipe[0]); i++)
		if ((st = host->db_exec(req, wipe[i], NULL, 0, NULL, NULL)) !=
		    DM_OK)
			return st;
	if ((st = import_families(req, ds)) != DM_OK ||
	    (st = import_persons(req, ds)) != DM_OK)
		return st;
	return import_events(req, ds);
}

static int
usage(void)
{
	fprintf(stderr, "usage: dimosctl plugin " PLUGIN " import "
	    "[--if-empty] DIR\n"
	    "       dimosctl plugin " PLUGIN " stats\n"
	    "  DIR holds families.csv, persons.csv and events.csv (see "
	    "plugins/" PLUGIN "/README.md);\n"
	    "  the registry is replaced by their content, all or nothing.\n"
	    "  --if-empty  import only into an empty registry\n"
	    "  stats       how many families, persons and events it holds\n");
	return 1;
}

static int
stats(void)
{
	static const char *const tables[] = { "families", "persons",
	    "events" };
	static const char *const sql[] = {
		"SELECT COUNT(*) FROM cr_families",
		"SELECT COUNT(*) FROM cr_persons",
		"SELECT COUNT(*) FROM cr_events",
	};

	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		struct count_ctx cnt = { 0 };

		if (host->db_query(NULL, sql[i], NULL, 0, count_row, &cnt) !=
		    DM_OK) {
			fprintf(stderr, PLUGIN ": cannot read the registry "
			    "(has 'dimosctl migrate' run?)\n");
			return 1;
		}
		printf("%s %lld\n", tables[i], cnt.n);
	}
	return 0;
}

static int
cr_command(const struct dm_host *h, struct dm_plugin_ctx *ctx, int argc,
    char **argv)
{
	struct cr_dataset ds;
	struct count_ctx cnt = { 0 };
	const char *dir = NULL;
	char err[KIT_ERRSZ], today[DM_DATE_SIZE];
	int if_empty = 0;
	dm_status st;

	host = h;
	self = ctx;
	if (argc == 2 && strcmp(argv[1], "stats") == 0)
		return stats();
	if (argc < 2 || strcmp(argv[1], "import") != 0)
		return usage();
	if (kit_import_args(argc, argv, 2, &if_empty, NULL, &dir) != 0)
		return usage();
	if (if_empty) {
		if (host->db_query(NULL, "SELECT COUNT(*) FROM cr_persons",
		    NULL, 0, count_row, &cnt) != DM_OK) {
			fprintf(stderr, PLUGIN ": cannot read the registry "
			    "(has 'dimosctl migrate' run?)\n");
			return 1;
		}
		if (cnt.n > 0) {
			printf(PLUGIN ": the registry holds %lld persons "
			    "already; nothing imported (--if-empty)\n", cnt.n);
			return 0;
		}
	}
	host->today(today);
	if (cr_dataset_load(&ds, dir, have_units ? &units : NULL, today, err,
	    sizeof(err)) != 0) {
		fprintf(stderr, "%s\n" PLUGIN ": nothing imported\n", err);
		return 1;
	}
	st = host->db_tx(NULL, import_tx, &ds);
	if (st != DM_OK) {
		fprintf(stderr, PLUGIN ": the database refused the import "
		    "(see the log above); nothing imported\n");
		cr_dataset_free(&ds);
		return 1;
	}
	printf(PLUGIN ": imported %zu families, %zu persons and %zu events "
	    "from %s\n", kit_sheet_rows(&ds.families),
	    kit_sheet_rows(&ds.persons), kit_sheet_rows(&ds.events), dir);
	cr_dataset_free(&ds);
	return 0;
}

/* ----------------------------------------------------------- plugin */

static const struct dm_config_key config_keys[] = {
	{ .name = "units", .description = "the municipal units, "
	    "'name:genitive' comma separated (e.g. 'Νιγρίτα:Νιγρίτας, "
	    "Αχινός:Αχινού'); an import refuses others, and certificates "
	    "name them in the genitive" },
	{ .name = "municipality", .description = "the municipality in the "
	    "genitive, as certificates write it (e.g. 'Δήμου Βισαλτίας'); "
	    "without it they say 'του Δήμου'" },
	{ .name = NULL },
};

static dm_status
cr_init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	const char *spec;
	char err[256];

	host = h;
	self = ctx;
	have_units = 0;
	municipality = host->config_get(self, "municipality");
	if (municipality == NULL || municipality[0] == '\0')
		host->log(self, DM_LOG_WARN, "[plugin.%s] municipality is not "
		    "set: certificates will say 'του Δήμου' without its name",
		    PLUGIN);
	if ((spec = host->config_get(self, "units")) == NULL)
		return DM_OK;
	if (kit_units_parse(spec, &units, err, sizeof(err)) != 0) {
		host->log(self, DM_LOG_ERROR, "[plugin.%s] units: %s", PLUGIN,
		    err);
		return DM_EINPUT;
	}
	have_units = 1;
	return DM_OK;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = PLUGIN,
	.version = "2.0",
	.department = &cr_department,
	.services = cr_services,
	.config = config_keys,
	.init = cr_init,
	.validate = cr_validate,
	.certificate = cr_certificate,
	.staff_panel = cr_staff_panel,
	.command = cr_command,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
