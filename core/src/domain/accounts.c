/*
 * accounts.c - account records.
 * Closing keeps the row (requests and audit rows point at it) but blanks
 * every personal column; the export is built with json-c so that names
 * with quotes or control characters can never break the document.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "db.h"
#include "log.h"
#include "oauth.h"
#include "req.h"
#include "session.h"

#define ACCOUNT_COLUMNS	"id, kind, level, status, email, first_name, " \
    "last_name, father_name, mother_name, birth_year, company_name, " \
    "legal_rep, afm, amka, mobile, lang, notify_email, " \
    "password_hash IS NOT NULL, created_at, level_b_at"

struct load_ctx {
	struct dm_req	*req;
	struct account	*a;
	int		 found;
};

static const char *
col(struct dm_req *req, const struct dm_value *v)
{
	if (v->type != DM_V_TEXT)
		return NULL;
	return arena_strndup(req->arena, v->s, v->len);
}

static dm_status
load_row(void *arg, const struct dm_value *c, size_t n)
{
	struct load_ctx *x = arg;
	struct account *a = x->a;
	struct dm_req *r = x->req;

	if (n < 20)
		return DM_EINTERNAL;
	x->found = 1;
	a->id = c[0].i;
	a->kind = c[1].s && c[1].s[0] == 'b' ? 'b' : 'p';
	a->level = c[2].s && c[2].s[0] == 'B' ? 'B' : 'A';
	a->status = col(r, &c[3]);
	a->email = col(r, &c[4]);
	a->first_name = col(r, &c[5]);
	a->last_name = col(r, &c[6]);
	a->father_name = col(r, &c[7]);
	a->mother_name = col(r, &c[8]);
	a->birth_year = c[9].type == DM_V_INT ? c[9].i : 0;
	a->company_name = col(r, &c[10]);
	a->legal_rep = col(r, &c[11]);
	a->afm = col(r, &c[12]);
	a->amka = col(r, &c[13]);
	a->mobile = col(r, &c[14]);
	a->lang = col(r, &c[15]);
	a->notify_email = c[16].i != 0;
	a->has_password = c[17].i != 0;
	a->created_at = col(r, &c[18]);
	a->level_b_at = col(r, &c[19]);
	return DM_OK;
}

dm_status
account_load(struct dm_req *req, long long id, struct account *a)
{
	struct load_ctx x = { req, a, 0 };
	struct dm_value p = DM_VINT(id);
	dm_status st;

	memset(a, 0, sizeof(*a));
	st = db_query(db_worker(), "SELECT " ACCOUNT_COLUMNS " FROM accounts "
	    "WHERE id = ?", &p, 1, load_row, &x);
	if (st != DM_OK)
		return st;
	return x.found ? DM_OK : DM_ENOTFOUND;
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

struct link_ctx {
	struct dm_req			*req;
	const struct oauth_identity	*id;
	long long			*account_id;
	int				*created;
};

static dm_status
link_tx(void *arg)
{
	struct link_ctx *x = arg;
	struct db *db = db_worker();
	const struct oauth_identity *id = x->id;
	struct dm_value p[9];
	long long holder = 0;
	uint64_t newid = 0;
	dm_status st;

	/* Who holds this AFM as verified already? */
	p[0] = DM_VTEXT(id->taxid);
	st = db_query_int(db, "SELECT id FROM accounts WHERE kind = 'person' "
	    "AND afm = ? AND level = 'B' AND status <> 'closed' FOR UPDATE",
	    p, 1, &holder);
	if (st != DM_OK && st != DM_ENOTFOUND)
		return st;
	if (*x->account_id != 0 && holder != 0 && holder != *x->account_id)
		return DM_ECONFLICT;
	if (*x->account_id == 0 && holder != 0) {
		*x->account_id = holder;
		goto update;
	}
	/* Anyone else's unverified claim on this AFM is withdrawn: only a
	 * TaxisNet login proves it. */
	p[1] = DM_VINT(*x->account_id);
	st = db_exec(db, "UPDATE accounts SET afm = NULL WHERE kind = "
	    "'person' AND afm = ? AND level = 'A' AND id <> ?", p, 2, NULL,
	    NULL);
	if (st != DM_OK)
		return st;
	if (*x->account_id == 0) {
		st = db_exec(db, "INSERT INTO accounts (kind, status, level, "
		    "level_b_at, afm, lang) VALUES ('person', 'active', 'B', "
		    "UTC_TIMESTAMP(6), ?, ?)", (struct dm_value[]){ p[0],
		    DM_VTEXT(x->req->lang) }, 2, NULL, &newid);
		if (st != DM_OK)
			return st;
		*x->account_id = (long long)newid;
		*x->created = 1;
	}
update:
	p[0] = DM_VTEXT(id->taxid);
	p[1] = DM_VTEXT(id->firstname);
	p[2] = DM_VTEXT(id->lastname);
	p[3] = DM_VTEXT(id->fathername[0] ? id->fathername : NULL);
	p[4] = DM_VTEXT(id->mothername[0] ? id->mothername : NULL);
	p[5] = id->birthyear > 0 ? DM_VINT(id->birthyear) : DM_VNULL;
	p[6] = DM_VTEXT(id->userid[0] ? id->userid : NULL);
	p[7] = DM_VINT(*x->account_id);
	/* The verified identity replaces what the person typed, and an
	 * account waiting for its e-mail confirmation becomes usable. */
	st = db_exec(db, "UPDATE accounts SET level = 'B', level_b_at = "
	    "UTC_TIMESTAMP(6), afm = ?, first_name = ?, last_name = ?, "
	    "father_name = ?, mother_name = ?, birth_year = ?, taxis_userid = "
	    "?, status = IF(status = 'pending', 'active', status) WHERE id = "
	    "? AND kind = 'person'", p, 8, NULL, NULL);
	if (st != DM_OK)
		return st;
	audit(x->req, *x->created ? "taxisnet_account_created" :
	    "taxisnet_linked", *x->account_id, NULL);
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
	struct dm_req	*req;
	long long	 id;
};

static dm_status
close_tx(void *arg)
{
	struct close_ctx *x = arg;
	struct db *db = db_worker();
	struct dm_value p = DM_VINT(x->id);
	dm_status st;

	st = db_exec(db, "UPDATE accounts SET status = 'closed', closed_at = "
	    "UTC_TIMESTAMP(6), email = NULL, email_verified_at = NULL, "
	    "password_hash = NULL, first_name = NULL, last_name = NULL, "
	    "father_name = NULL, mother_name = NULL, birth_year = NULL, "
	    "company_name = NULL, legal_rep = NULL, afm = NULL, amka = NULL, "
	    "mobile = NULL, taxis_userid = NULL, notify_email = 0, "
	    "notify_sms = 0 WHERE id = ?", &p, 1, NULL, NULL);
	if (st == DM_OK)
		st = db_exec(db, "DELETE FROM sessions WHERE account_id = ?",
		    &p, 1, NULL, NULL);
	if (st == DM_OK)
		st = db_exec(db, "DELETE FROM account_tokens WHERE "
		    "account_id = ?", &p, 1, NULL, NULL);
	if (st == DM_OK)
		st = db_exec(db, "DELETE FROM staff_roles WHERE "
		    "account_id = ?", &p, 1, NULL, NULL);
	if (st == DM_OK)
		audit(x->req, "account_closed", x->id, NULL);
	return st;
}

dm_status
account_close(struct dm_req *req, long long id)
{
	struct close_ctx x = { req, id };

	return db_tx(db_worker(), close_tx, &x);
}

/* Export --------------------------------------------------------------- */

static void
jset(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, v ? json_object_new_string(v) : NULL);
}

/* One JSON object per row, keys from the query's column names list. */
struct rows_ctx {
	json_object		*array;
	const char *const	*keys;
};

static dm_status
rows_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rows_ctx *x = arg;
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < n && x->keys[i] != NULL; i++) {
		switch (c[i].type) {
		case DM_V_INT:
			json_object_object_add(o, x->keys[i],
			    json_object_new_int64(c[i].i));
			break;
		case DM_V_TEXT:
			/* A request's form is a JSON object already. */
			if (strcmp(x->keys[i], "form") == 0) {
				json_object *f = json_tokener_parse(c[i].s);

				if (f != NULL) {
					json_object_object_add(o, x->keys[i], f);
					break;
				}
			}
			json_object_object_add(o, x->keys[i],
			    json_object_new_string_len(c[i].s, (int)c[i].len));
			break;
		default:
			json_object_object_add(o, x->keys[i], NULL);
		}
	}
	json_object_array_add(x->array, o);
	return DM_OK;
}

static dm_status
add_rows(json_object *root, const char *name, const char *sql,
    const char *const *keys, long long id)
{
	struct rows_ctx x = { json_object_new_array(), keys };
	struct dm_value p = DM_VINT(id);
	dm_status st;

	st = db_query(db_worker(), sql, &p, 1, rows_row, &x);
	json_object_object_add(root, name, x.array);
	return st;
}

dm_status
account_export(struct dm_req *req, long long id, char **out, size_t *len)
{
	static const char *const session_keys[] = { "created_at",
	    "last_seen", "expires_at", "method", "ip", "user_agent", NULL };
	static const char *const role_keys[] = { "role", "department",
	    "granted_at", NULL };
	static const char *const audit_keys[] = { "at", "event", "ip",
	    "detail", NULL };
	static const char *const request_keys[] = { "id", "service",
	    "department", "status", "channel", "protocol", "submitted_at",
	    "due_date", "closed_at", "form", NULL };
	static const char *const event_keys[] = { "request_id", "at", "kind",
	    "to_status", "text", NULL };
	static const char *const file_keys[] = { "request_id", "filename",
	    "content_type", "size", "sha256", NULL };
	static const char *const mailbox_keys[] = { "at", "kind", "title",
	    "text", "request_id", "read_at", NULL };
	static const char *const document_keys[] = { "code", "title",
	    "protocol", "issued_at", "status", "revoked_at", "sha256",
	    NULL };
	struct account a;
	json_object *root, *acc;
	const char *text;
	dm_status st;

	if ((st = account_load(req, id, &a)) != DM_OK)
		return st;
	root = json_object_new_object();
	acc = json_object_new_object();
	json_object_object_add(acc, "id", json_object_new_int64(a.id));
	jset(acc, "kind", a.kind == 'b' ? "business" : "person");
	jset(acc, "status", a.status);
	jset(acc, "identity_level", a.level == 'B' ? "B" : "A");
	jset(acc, "email", a.email);
	jset(acc, "first_name", a.first_name);
	jset(acc, "last_name", a.last_name);
	jset(acc, "father_name", a.father_name);
	jset(acc, "mother_name", a.mother_name);
	json_object_object_add(acc, "birth_year", a.birth_year ?
	    json_object_new_int64(a.birth_year) : NULL);
	jset(acc, "company_name", a.company_name);
	jset(acc, "legal_representative", a.legal_rep);
	jset(acc, "afm", a.afm);
	jset(acc, "amka", a.amka);
	jset(acc, "mobile", a.mobile);
	jset(acc, "language", a.lang);
	json_object_object_add(acc, "notify_by_email",
	    json_object_new_boolean(a.notify_email));
	jset(acc, "created_at", a.created_at);
	jset(acc, "identity_verified_at", a.level_b_at);
	json_object_object_add(root, "format",
	    json_object_new_string("dimos-account-export/1"));
	json_object_object_add(root, "account", acc);
	st = add_rows(root, "sessions", "SELECT created_at, last_seen, "
	    "expires_at, method, ip, user_agent FROM sessions WHERE "
	    "account_id = ? ORDER BY created_at", session_keys, id);
	if (st == DM_OK)
		st = add_rows(root, "staff_roles", "SELECT role, department, "
		    "granted_at FROM staff_roles WHERE account_id = ?",
		    role_keys, id);
	if (st == DM_OK)
		st = add_rows(root, "security_events", "SELECT at, event, ip, "
		    "detail FROM audit_log WHERE account_id = ? ORDER BY id",
		    audit_keys, id);
	/* Requests with their public history and files, the mailbox and
	 * the documents issued: what the municipality holds about them. */
	if (st == DM_OK)
		st = add_rows(root, "requests", "SELECT id, service, "
		    "department, status, channel, IF(protocol_no IS NULL, NULL, "
		    "CONCAT(protocol_no, '/', protocol_year)), submitted_at, "
		    "due_date, closed_at, form FROM requests WHERE account_id = "
		    "? ORDER BY id", request_keys, id);
	if (st == DM_OK)
		st = add_rows(root, "request_history", "SELECT e.request_id, "
		    "e.at, e.kind, e.to_status, e.body FROM request_events e "
		    "JOIN requests r ON r.id = e.request_id WHERE r.account_id "
		    "= ? AND e.visibility = 'public' ORDER BY e.id", event_keys,
		    id);
	if (st == DM_OK)
		st = add_rows(root, "files", "SELECT a.request_id, a.filename, "
		    "a.content_type, a.size, LOWER(HEX(a.sha256)) FROM "
		    "attachments a JOIN requests r ON r.id = a.request_id WHERE "
		    "r.account_id = ? AND a.internal = 0 ORDER BY a.id",
		    file_keys, id);
	if (st == DM_OK)
		st = add_rows(root, "mailbox", "SELECT created_at, kind, title, "
		    "body, request_id, read_at FROM mailbox_items WHERE "
		    "account_id = ? ORDER BY id", mailbox_keys, id);
	if (st == DM_OK)
		st = add_rows(root, "documents", "SELECT code, title, protocol, "
		    "issued_at, status, revoked_at, LOWER(HEX(sha256)) FROM "
		    "documents WHERE account_id = ? ORDER BY id", document_keys,
		    id);
	if (st != DM_OK) {
		json_object_put(root);
		return st;
	}
	text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	*len = strlen(text);
	*out = arena_strndup(req->arena, text, *len);
	json_object_put(root);
	return DM_OK;
}
