/*
 * accounts.c - account records.
 * Closing keeps the row (requests and audit rows point at it) but blanks
 * every personal column. An e-mail address and a (kind, AFM) pair are
 * unique: the database says so (DM_ECONFLICT), whoever asks first wins.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "db.h"
#include "factor.h"
#include "log.h"
#include "oauth.h"
#include "req.h"
#include "session.h"
#include "staff.h"
#include "tokens.h"

/*
 * The account last loaded in a request, so that the pages and steps of one
 * request that each need it (the header, the form, the mail, the
 * certificate) read it once. Every write to accounts goes through
 * account_exec, which makes any kept copy stale.
 */
struct account_cache {
	unsigned long	 gen;
	struct account	 a;
};

static unsigned long account_gen;

static dm_status
account_exec(struct db *db, const char *sql, const struct dm_value *p,
    size_t n, uint64_t *affected, uint64_t *insert_id)
{
	account_gen++;
	return db_exec(db, sql, p, n, affected, insert_id);
}

struct load_ctx {
	struct dm_req	*req;
	struct account	*a;
	int		 found;
};

static dm_status
load_row(void *arg, const struct dm_value *c, size_t n)
{
	struct load_ctx *x = arg;
	struct account *a = x->a;
	struct dm_req *r = x->req;

	if (n < SESSION_ACCOUNT_NCOLS)
		return DM_EINTERNAL;
	x->found = 1;
	a->id = c[0].i;
	a->kind = c[1].s && c[1].s[0] == 'b' ? 'b' : 'p';
	a->level = c[2].s && c[2].s[0] == 'B' ? 'B' : 'A';
	a->status = db_text(r->arena, &c[3]);
	a->email = db_text(r->arena, &c[4]);
	a->first_name = db_text(r->arena, &c[5]);
	a->last_name = db_text(r->arena, &c[6]);
	a->father_name = db_text(r->arena, &c[7]);
	a->mother_name = db_text(r->arena, &c[8]);
	a->birth_year = c[9].type == DM_V_INT ? c[9].i : 0;
	a->company_name = db_text(r->arena, &c[10]);
	a->legal_rep = db_text(r->arena, &c[11]);
	a->afm = db_text(r->arena, &c[12]);
	a->amka = db_text(r->arena, &c[13]);
	a->mobile = db_text(r->arena, &c[14]);
	a->lang = db_text(r->arena, &c[15]);
	a->notify_email = c[16].i != 0;
	a->has_password = c[17].i != 0;
	a->created_at = db_text(r->arena, &c[18]);
	a->level_b_at = db_text(r->arena, &c[19]);
	return DM_OK;
}

dm_status
account_load(struct dm_req *req, long long id, struct account *a)
{
	struct load_ctx x = { req, a, 0 };
	struct dm_value p = DM_VINT(id);
	dm_status st;

	struct account_cache *c = req->account_cache;

	if (c != NULL && c->gen == account_gen && c->a.id == id) {
		*a = c->a;
		return DM_OK;
	}
	memset(a, 0, sizeof(*a));
	st = db_query(db_worker(), "SELECT " SESSION_ACCOUNT_COLUMNS " FROM "
	    "accounts a WHERE a.id = ?", &p, 1, load_row, &x);
	if (st != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	if (c == NULL)
		req->account_cache = c = arena_alloc(req->arena, sizeof(*c));
	c->gen = account_gen;
	c->a = *a;
	return DM_OK;
}

void
account_prime(struct dm_req *req)
{
	struct account a;
	struct load_ctx x = { req, &a, 0 };
	struct account_cache *c;

	if (req->session == NULL || req->session->account_row == NULL ||
	    load_row(&x, req->session->account_row, SESSION_ACCOUNT_NCOLS) !=
	    DM_OK || a.id != req->session->account_id)
		return;
	if ((c = req->account_cache) == NULL)
		req->account_cache = c = arena_alloc(req->arena, sizeof(*c));
	c->gen = account_gen;
	c->a = a;
}

const struct dm_user *
account_user(struct dm_req *req, long long id)
{
	struct dm_user *u;
	struct account a;

	if (account_load(req, id, &a) != DM_OK)
		return NULL;
	u = arena_zalloc(req->arena, sizeof(*u));
	u->id = a.id;
	u->kind = a.kind;
	u->level = a.level;
	u->email = a.email;
	u->first_name = a.first_name;
	u->last_name = a.last_name;
	u->father_name = a.father_name;
	u->mother_name = a.mother_name;
	u->company_name = a.company_name;
	u->afm = a.afm;
	u->amka = a.amka;
	u->birth_year = (int)a.birth_year;
	return u;
}

const char *
account_display(struct dm_req *req, const struct account *a)
{
	if (a->kind == 'b' && a->company_name != NULL)
		return a->company_name;
	if (a->first_name != NULL && a->last_name != NULL)
		return arena_printf(req->arena, "%s %s", a->first_name,
		    a->last_name);
	return a->email ? a->email : "—";
}

/* "" counts as none. */
static struct dm_value
opt(const char *s)
{
	return s != NULL && s[0] != '\0' ? DM_VTEXT(s) : DM_VNULL;
}

dm_status
account_insert(struct db *db, const struct account_new *a, long long *id)
{
	struct dm_value p[17];
	uint64_t newid = 0;
	dm_status st;

	p[0] = DM_VTEXT(a->kind);
	p[1] = DM_VTEXT(a->status);
	p[2] = DM_VTEXT(a->level == 'B' ? "B" : "A");
	p[3] = p[2];
	p[4] = opt(a->email);
	p[5] = DM_VINT(a->email_verified);
	p[6] = opt(a->password_hash);
	p[7] = p[6];
	p[8] = opt(a->first_name);
	p[9] = opt(a->last_name);
	p[10] = opt(a->father_name);
	p[11] = opt(a->company_name);
	p[12] = opt(a->legal_rep);
	p[13] = opt(a->afm);
	p[14] = opt(a->mobile);
	p[15] = a->birth_year > 0 ? DM_VINT(a->birth_year) : DM_VNULL;
	p[16] = opt(a->lang);
	st = account_exec(db, "INSERT INTO accounts (kind, status, level, "
	    "level_b_at, email, email_verified_at, password_hash, "
	    "password_changed_at, first_name, last_name, father_name, "
	    "company_name, legal_rep, afm, mobile, birth_year, lang) VALUES "
	    "(?, ?, ?, IF(? = 'B', UTC_TIMESTAMP(6), NULL), ?, IF(?, "
	    "UTC_TIMESTAMP(6), NULL), ?, IF(? IS NULL, NULL, "
	    "UTC_TIMESTAMP(6)), ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, 'el'))", p,
	    17, NULL, &newid);
	if (st == DM_OK)
		*id = (long long)newid;
	return st;
}

dm_status
account_by_email(struct db *db, const char *email, long long *id)
{
	struct dm_value p = DM_VTEXT(email);

	return db_query_int(db, "SELECT id FROM accounts WHERE email = ? AND "
	    "status <> 'closed'", &p, 1, id);
}

dm_status
account_by_email_in(struct dm_req *req, const char *email,
    const char *statuses, struct account *a)
{
	struct dm_value p[2] = { DM_VTEXT(email), DM_VTEXT(statuses) };
	long long id;
	dm_status st;

	if ((st = db_query_int(db_worker(), "SELECT id FROM accounts WHERE "
	    "email = ? AND FIND_IN_SET(status, ?)", p, 2, &id)) != DM_OK)
		return st;
	return account_load(req, id, a);
}

dm_status
account_person_by_afm(struct db *db, const char *afm, long long *id)
{
	struct dm_value p = DM_VTEXT(afm);

	return db_query_int(db, "SELECT id FROM accounts WHERE kind = 'person' "
	    "AND afm = ? AND status <> 'closed'", &p, 1, id);
}

dm_status
account_by_afm(struct db *db, const char *kind, const char *afm,
    long long *id)
{
	struct dm_value p[2] = { DM_VTEXT(kind), DM_VTEXT(afm) };

	if (afm == NULL || afm[0] == '\0')
		return DM_ENOTFOUND;
	return db_query_int(db, "SELECT id FROM accounts WHERE kind = ? AND "
	    "afm = ? LIMIT 1", p, 2, id);
}

struct cred_row {
	long long	 id;
	char		*hash;
	size_t		 hashsz;
	int		 active;
	int		 found;
};

static dm_status
cred_row(void *arg, const struct dm_value *c, size_t n)
{
	struct cred_row *r = arg;

	if (n < 3)
		return DM_EINTERNAL;
	r->found = 1;
	r->id = c[0].i;
	snprintf(r->hash, r->hashsz, "%s", c[1].type == DM_V_TEXT ? c[1].s :
	    "");
	r->active = c[2].s && strcmp(c[2].s, "active") == 0;
	return DM_OK;
}

dm_status
account_credentials(struct db *db, const char *email, long long *id,
    char *hash, size_t hashsz, int *active)
{
	struct cred_row r = { 0, hash, hashsz, 0, 0 };
	struct dm_value p = DM_VTEXT(email);
	dm_status st;

	hash[0] = '\0';
	*id = 0;
	*active = 0;
	if ((st = db_query(db, "SELECT id, password_hash, status FROM accounts "
	    "WHERE email = ? AND status <> 'closed'", &p, 1, cred_row, &r)) !=
	    DM_OK)
		return st;
	if (!r.found)
		return DM_ENOTFOUND;
	*id = r.id;
	*active = r.active;
	return DM_OK;
}

dm_status
account_password_hash(struct dm_req *req, long long id, char *hash,
    size_t hashsz)
{
	struct cred_row r = { 0, hash, hashsz, 0, 0 };
	struct dm_value p = DM_VINT(id);
	dm_status st;

	(void)req;
	hash[0] = '\0';
	if ((st = db_query(db_worker(), "SELECT id, password_hash, status FROM "
	    "accounts WHERE id = ?", &p, 1, cred_row, &r)) != DM_OK)
		return st;
	return r.found ? DM_OK : DM_ENOTFOUND;
}

dm_status
account_confirm_email(struct dm_req *req, long long id)
{
	struct dm_value p = DM_VINT(id);

	(void)req;
	return account_exec(db_worker(), "UPDATE accounts SET status = 'active', "
	    "email_verified_at = UTC_TIMESTAMP(6) WHERE id = ? AND status = "
	    "'pending'", &p, 1, NULL, NULL);
}

dm_status
account_update_details(struct dm_req *req, long long id,
    const struct account_details *d)
{
	struct dm_value p[10] = { opt(d->first_name), opt(d->last_name),
	    opt(d->father_name), opt(d->company_name), opt(d->legal_rep),
	    opt(d->mobile), opt(d->amka), DM_VINT(d->notify_email != 0),
	    opt(d->lang), DM_VINT(id) };

	(void)req;
	/* COALESCE keeps what this kind of account does not show, and a
	 * Level B account's names are the verified ones. */
	return account_exec(db_worker(), "UPDATE accounts SET first_name = "
	    "IF(level = 'B', first_name, COALESCE(?, first_name)), last_name "
	    "= IF(level = 'B', last_name, COALESCE(?, last_name)), "
	    "father_name = IF(level = 'B', father_name, COALESCE(?, "
	    "father_name)), company_name = IF(level = 'B', company_name, "
	    "COALESCE(?, company_name)), "
	    "legal_rep = COALESCE(?, legal_rep), mobile = ?, amka = ?, "
	    "notify_email = ?, lang = COALESCE(?, lang) WHERE id = ?", p, 10,
	    NULL, NULL);
}

dm_status
account_set_email(struct dm_req *req, long long id, const char *email)
{
	struct dm_value p[2] = { DM_VTEXT(email), DM_VINT(id) };

	(void)req;
	return account_exec(db_worker(), "UPDATE accounts SET email = ?, "
	    "email_verified_at = UTC_TIMESTAMP(6), status = IF(status = "
	    "'pending', 'active', status) WHERE id = ? AND status <> "
	    "'closed'", p, 2, NULL, NULL);
}

dm_status
account_set_password(struct dm_req *req, long long id, const char *hash,
    int via_mail)
{
	struct dm_value p[3] = { DM_VTEXT(hash), DM_VINT(via_mail),
	    DM_VINT(id) };

	(void)req;
	return account_exec(db_worker(), "UPDATE accounts SET password_hash = ?, "
	    "password_changed_at = UTC_TIMESTAMP(6), status = IF(status = "
	    "'pending', 'active', status), email_verified_at = "
	    "COALESCE(email_verified_at, IF(?, UTC_TIMESTAMP(6), NULL)) WHERE "
	    "id = ? AND status <> 'closed'", p, 3, NULL, NULL);
}

struct link_ctx {
	struct dm_req			*req;
	const struct oauth_identity	*id;
	long long			*account_id;
	int				*created;
};

/* The kind of account (and the "kind" column's value) a TaxisNet identity
 * verifies: a legal entity's credentials verify a business, a natural
 * person's a person. */
static const char *
link_kind(const struct oauth_identity *id)
{
	return id->legal ? "business" : "person";
}

/* The verified identity replaces what the owner typed, and an account
 * waiting for its e-mail confirmation becomes usable. A business keeps
 * its legal representative (TaxisNet does not name one). */
static dm_status
link_update(struct db *db, const struct oauth_identity *id, long long account)
{
	struct dm_value p[8];

	p[0] = DM_VTEXT(id->taxid);
	if (id->legal) {
		p[1] = DM_VTEXT(id->lastname);
		p[2] = DM_VTEXT(id->userid[0] ? id->userid : NULL);
		p[3] = DM_VINT(account);
		return account_exec(db, "UPDATE accounts SET level = 'B', "
		    "level_b_at = UTC_TIMESTAMP(6), afm = ?, company_name = ?, "
		    "taxis_userid = ?, status = IF(status = 'pending', "
		    "'active', status) WHERE id = ? AND kind = 'business'", p, 4,
		    NULL, NULL);
	}
	p[1] = DM_VTEXT(id->firstname);
	p[2] = DM_VTEXT(id->lastname);
	p[3] = DM_VTEXT(id->fathername[0] ? id->fathername : NULL);
	p[4] = DM_VTEXT(id->mothername[0] ? id->mothername : NULL);
	p[5] = id->birthyear > 0 ? DM_VINT(id->birthyear) : DM_VNULL;
	p[6] = DM_VTEXT(id->userid[0] ? id->userid : NULL);
	p[7] = DM_VINT(account);
	return account_exec(db, "UPDATE accounts SET level = 'B', level_b_at = "
	    "UTC_TIMESTAMP(6), afm = ?, first_name = ?, last_name = ?, "
	    "father_name = ?, mother_name = ?, birth_year = ?, taxis_userid = "
	    "?, status = IF(status = 'pending', 'active', status) WHERE id = "
	    "? AND kind = 'person'", p, 8, NULL, NULL);
}

static dm_status
link_tx(void *arg)
{
	struct link_ctx *x = arg;
	struct db *db = db_worker();
	const struct oauth_identity *id = x->id;
	const char *kind = link_kind(id);
	struct dm_value p[3];
	long long holder = 0;
	char linking_kind[16] = "";
	dm_status st;

	/* An account links only the credentials of its own kind: a company's
	 * TaxisNet login never verifies a person, nor a person's a
	 * business. */
	if (*x->account_id != 0) {
		p[0] = DM_VINT(*x->account_id);
		if ((st = db_query_text(db, "SELECT kind FROM accounts WHERE id "
		    "= ? AND status <> 'closed' FOR UPDATE", p, 1, linking_kind,
		    sizeof(linking_kind))) != DM_OK)
			return st;
		if (strcmp(linking_kind, kind) != 0)
			return DM_EDENIED;
	}
	/* Who holds this AFM as verified already? */
	p[0] = DM_VTEXT(kind);
	p[1] = DM_VTEXT(id->taxid);
	st = db_query_int(db, "SELECT id FROM accounts WHERE kind = ? AND afm "
	    "= ? AND level = 'B' AND status <> 'closed' FOR UPDATE", p, 2,
	    &holder);
	if (st != DM_OK && st != DM_ENOTFOUND)
		return st;
	if (*x->account_id != 0 && holder != 0 && holder != *x->account_id)
		return DM_ECONFLICT;
	if (*x->account_id == 0 && holder != 0) {
		*x->account_id = holder;
		goto update;
	}
	/* Anyone else's unverified claim on this AFM (as this kind) is
	 * withdrawn: only a TaxisNet login proves it. */
	p[2] = DM_VINT(*x->account_id);
	st = account_exec(db, "UPDATE accounts SET afm = NULL WHERE kind = ? "
	    "AND afm = ? AND level = 'A' AND id <> ?", p, 3, NULL, NULL);
	if (st != DM_OK)
		return st;
	if (*x->account_id == 0) {
		struct account_new a = { .kind = kind, .status = "active",
		    .level = 'B', .afm = id->taxid, .lang = x->req->lang };

		if (id->legal)
			a.company_name = id->lastname;
		if ((st = account_insert(db, &a, x->account_id)) != DM_OK)
			return st;
		*x->created = 1;
	}
update:
	if ((st = link_update(db, id, *x->account_id)) != DM_OK)
		return st;
	audit(x->req, *x->created ? "taxisnet_account_created" :
	    "taxisnet_linked", *x->account_id, id->legal ? "legal entity" :
	    NULL);
	return DM_OK;
}

dm_status
account_link_taxis(struct dm_req *req, const struct oauth_identity *id,
    long long *account_id, int *created)
{
	struct link_ctx x = { req, id, account_id, created };

	*created = 0;
	return db_tx(db_worker(), link_tx, &x);
}

struct close_ctx {
	struct dm_req		*req;
	long long		 id;
	account_close_fn	 also;
};

static dm_status
close_tx(void *arg)
{
	struct close_ctx *x = arg;
	struct db *db = db_worker();
	struct dm_value p = DM_VINT(x->id);
	dm_status st;

	st = account_exec(db, "UPDATE accounts SET status = 'closed', closed_at = "
	    "UTC_TIMESTAMP(6), email = NULL, email_verified_at = NULL, "
	    "password_hash = NULL, first_name = NULL, last_name = NULL, "
	    "father_name = NULL, mother_name = NULL, birth_year = NULL, "
	    "company_name = NULL, legal_rep = NULL, afm = NULL, amka = NULL, "
	    "mobile = NULL, taxis_userid = NULL, notify_email = 0, "
	    "notify_sms = 0 WHERE id = ?", &p, 1, NULL, NULL);
	if (st == DM_OK)
		st = session_end_all(x->req, x->id, NULL);
	if (st == DM_OK)
		st = tokens_drop(db, x->id);
	if (st == DM_OK)
		st = staff_drop(db, x->id);
	if (st == DM_OK)
		st = factor_drop(db, x->id);
	if (st == DM_OK && x->also != NULL)
		st = x->also(x->req, x->id);
	if (st == DM_OK)
		audit(x->req, "account_closed", x->id, NULL);
	return st;
}

dm_status
account_close(struct dm_req *req, long long id, account_close_fn also)
{
	struct close_ctx x = { req, id, also };

	return db_tx(db_worker(), close_tx, &x);
}

/* Export --------------------------------------------------------------- */

static void
jset(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

dm_status
account_export(struct dm_req *req, long long id, json_object *root)
{
	struct account a;
	json_object *acc;
	dm_status st;

	if ((st = account_load(req, id, &a)) != DM_OK)
		return st;
	acc = json_object_new_object();
	json_object_object_add(acc, "id", json_object_new_int64(a.id));
	jset(acc, "kind", a.kind == 'b' ? "business" : "person");
	jset(acc, "status", a.status);
	jset(acc, "identity_level", a.level == 'B' ? "B" : "A");
	jset(acc, "email", a.email);
	/* What the account is: a person's names, or a business's (a Level
	 * B business is a legal entity TaxisNet verified). */
	if (a.kind == 'b') {
		json_object_object_add(acc, "legal_entity",
		    json_object_new_boolean(a.level == 'B'));
		jset(acc, "company_name", a.company_name);
		jset(acc, "legal_representative", a.legal_rep);
	} else {
		jset(acc, "first_name", a.first_name);
		jset(acc, "last_name", a.last_name);
		jset(acc, "father_name", a.father_name);
		jset(acc, "mother_name", a.mother_name);
		json_object_object_add(acc, "birth_year", a.birth_year ?
		    json_object_new_int64(a.birth_year) : NULL);
	}
	jset(acc, "afm", a.afm);
	if (a.kind != 'b')
		jset(acc, "amka", a.amka);
	jset(acc, "mobile", a.mobile);
	jset(acc, "language", a.lang);
	json_object_object_add(acc, "notify_by_email",
	    json_object_new_boolean(a.notify_email));
	jset(acc, "created_at", a.created_at);
	jset(acc, "identity_verified_at", a.level_b_at);
	json_object_object_add(root, "account", acc);
	return DM_OK;
}
