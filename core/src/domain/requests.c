/*
 * requests.c - drafts, submission, workflow, mailbox.
 * Every change is one transaction with one history event; the protocol
 * counter row is incremented inside the submitting transaction, so a
 * number is either used by exactly one request or never handed out.
 */
#include <json-c/json.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "config.h"
#include "db.h"
#include "forms.h"
#include "i18n.h"
#include "localtime.h"
#include "log.h"
#include "mail.h"
#include "pages.h"
#include "plugins.h"
#include "req.h"
#include "requests.h"
#include "session.h"

static const char *const rs_names[RS__MAX] = {
	[RS_DRAFT] = "draft",
	[RS_SUBMITTED] = "submitted",
	[RS_IN_PROGRESS] = "in_progress",
	[RS_AWAITING] = "awaiting_citizen",
	[RS_COMPLETED] = "completed",
	[RS_REJECTED] = "rejected",
	[RS_WITHDRAWN] = "withdrawn",
};

const char *
rs_name(enum rstatus s)
{
	return (unsigned)s < RS__MAX ? rs_names[s] : "draft";
}

enum rstatus
rs_parse(const char *s)
{
	for (int i = 0; s != NULL && i < RS__MAX; i++)
		if (strcmp(s, rs_names[i]) == 0)
			return (enum rstatus)i;
	return RS_DRAFT;
}

static const char *
col(struct dm_req *req, const struct dm_value *v)
{
	if (v->type != DM_V_TEXT && v->type != DM_V_BLOB)
		return NULL;
	return arena_strndup(req->arena, v->s, v->len);
}

static const char *
today(struct dm_req *req)
{
	int y, m, d;

	lt_today(&y, &m, &d);
	return arena_printf(req->arena, "%04d-%02d-%02d", y, m, d);
}

struct load_ctx {
	struct dm_req	*req;
	struct request	*r;
	int		 found;
};

static dm_status
load_row(void *arg, const struct dm_value *c, size_t n)
{
	struct load_ctx *x = arg;
	struct request *r = x->r;
	struct dm_req *req = x->req;

	if (n < 21)
		return DM_EINTERNAL;
	x->found = 1;
	r->id = c[0].i;
	r->service = col(req, &c[1]);
	r->department = col(req, &c[2]);
	r->account_id = c[3].i;
	r->status = rs_parse(c[4].s);
	r->channel = col(req, &c[5]);
	if (c[6].type == DM_V_INT)
		r->protocol = arena_printf(req->arena, "%lld/%lld", c[6].i,
		    c[7].i);
	r->submitted_at = col(req, &c[8]);
	r->due_date = col(req, &c[9]);
	r->awaiting_since = col(req, &c[10]);
	r->assigned_to = c[11].type == DM_V_INT ? c[11].i : 0;
	r->assigned_name = col(req, &c[12]);
	r->closed_at = col(req, &c[13]);
	r->applicant_name = col(req, &c[14]);
	r->applicant_afm = col(req, &c[15]);
	r->applicant_email = col(req, &c[16]);
	r->applicant_phone = col(req, &c[17]);
	r->form = col(req, &c[18]);
	r->updated_at = col(req, &c[19]);
	r->overdue = c[20].type == DM_V_INT && c[20].i != 0;
	return DM_OK;
}

#define REQUEST_COLUMNS "r.id, r.service, r.department, r.account_id, " \
    "r.status, r.channel, r.protocol_no, r.protocol_year, r.submitted_at, " \
    "r.due_date, r.awaiting_since, r.assigned_to, CONCAT_WS(' ', " \
    "s.first_name, s.last_name), r.closed_at, r.applicant_name, " \
    "r.applicant_afm, r.applicant_email, r.applicant_phone, r.form, " \
    "r.updated_at, r.due_date < ? AND r.status IN ('submitted', " \
    "'in_progress')"

dm_status
request_load(struct dm_req *req, long long id, long long account_id,
    const char *dept, struct request *r)
{
	struct load_ctx x = { req, r, 0 };
	struct dm_value p[6];
	dm_status st;

	memset(r, 0, sizeof(*r));
	p[0] = DM_VTEXT(today(req));
	p[1] = DM_VINT(id);
	p[2] = DM_VINT(account_id);
	p[3] = DM_VINT(account_id);
	p[4] = DM_VTEXT(dept);
	p[5] = DM_VTEXT(dept);
	st = db_query(db_worker(), "SELECT " REQUEST_COLUMNS " FROM requests r "
	    "LEFT JOIN accounts s ON s.id = r.assigned_to WHERE r.id = ? AND "
	    "(? = 0 OR r.account_id = ?) AND (? IS NULL OR r.department = ?)",
	    p, 6, load_row, &x);
	if (st != DM_OK)
		return st;
	return x.found ? DM_OK : DM_ENOTFOUND;
}

const char *
request_form_value(struct dm_req *req, const struct request *r,
    const char *field)
{
	json_object *root, *v;
	const char *out = NULL;

	if (r->form == NULL)
		return NULL;
	root = json_tokener_parse(r->form);
	if (root != NULL && json_object_object_get_ex(root, field, &v) &&
	    json_object_is_type(v, json_type_string))
		out = arena_strdup(req->arena, json_object_get_string(v));
	json_object_put(root);
	return out;
}

/* The form's values as a JSON object (files and passwords excluded). */
static const char *
form_json(struct dm_req *req, const struct ffield *f, size_t n)
{
	json_object *o = json_object_new_object();
	const char *out;

	for (size_t i = 0; i < n; i++) {
		if (f[i].type == F_FILE || f[i].type == F_PASSWORD ||
		    f[i].type == F_NEWPASSWORD || f[i].value == NULL ||
		    f[i].value[0] == '\0')
			continue;
		json_object_object_add(o, f[i].name,
		    json_object_new_string(f[i].value));
		if (f[i].type == F_ADDRESS && f[i].lat && f[i].lat[0] &&
		    f[i].lon && f[i].lon[0]) {
			json_object_object_add(o, arena_printf(req->arena,
			    "%s_lat", f[i].name), json_object_new_string(
			    f[i].lat));
			json_object_object_add(o, arena_printf(req->arena,
			    "%s_lon", f[i].name), json_object_new_string(
			    f[i].lon));
		}
	}
	out = arena_strdup(req->arena, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

struct draft_ctx {
	struct dm_req		*req;
	const struct service	*sv;
	const struct ffield	*f;
	size_t			 n;
	long long		 account_id;
	long long		*id;
};

static dm_status
draft_tx(void *arg)
{
	struct draft_ctx *x = arg;
	const char *json = form_json(x->req, x->f, x->n);
	const struct ffield *addr = NULL;
	struct dm_value p[6];
	uint64_t newid = 0, changed = 0;
	dm_status st;

	for (size_t i = 0; i < x->n; i++)
		if (x->f[i].type == F_ADDRESS && addr == NULL)
			addr = &x->f[i];
	p[0] = DM_VTEXT(json);
	p[1] = DM_VTEXT(addr && addr->value && addr->value[0] ? addr->value :
	    NULL);
	p[2] = DM_VTEXT(addr && addr->lat && addr->lat[0] ? addr->lat : NULL);
	p[3] = DM_VTEXT(addr && addr->lon && addr->lon[0] ? addr->lon : NULL);
	if (*x->id == 0) {
		struct dm_value q[7] = { DM_VTEXT(x->sv->svc->code),
		    DM_VTEXT(x->sv->plugin->name), DM_VINT(x->account_id),
		    p[0], p[1], p[2], p[3] };

		st = db_exec(db_worker(), "INSERT INTO requests (service, "
		    "department, account_id, status, form, location, lat, "
		    "lon) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?)", q, 7, NULL,
		    &newid);
		if (st != DM_OK)
			return st;
		*x->id = (long long)newid;
	} else {
		p[4] = DM_VINT(*x->id);
		p[5] = DM_VINT(x->account_id);
		st = db_exec(db_worker(), "UPDATE requests SET form = ?, "
		    "location = ?, lat = ?, lon = ?, updated_at = "
		    "UTC_TIMESTAMP(6) WHERE id = ? AND account_id = ? AND "
		    "status = 'draft'", p, 6, &changed, NULL);
		if (st != DM_OK)
			return st;
		if (changed == 0) {
			long long one;
			struct dm_value q[2] = { p[4], p[5] };

			/* Unchanged values count as no change: the draft
			 * must exist all the same. */
			if (db_query_int(db_worker(), "SELECT 1 FROM requests "
			    "WHERE id = ? AND account_id = ? AND status = "
			    "'draft'", q, 2, &one) != DM_OK)
				return DM_ENOTFOUND;
		}
	}
	return request_store_uploads(x->req, *x->id, 0, NULL,
	    x->account_id, 0, NULL);
}

dm_status
request_save_draft(struct dm_req *req, const struct service *sv,
    const struct ffield *f, size_t n, long long account_id, long long *id)
{
	struct draft_ctx x = { req, sv, f, n, account_id, id };
	long long given = *id;
	dm_status st;

	st = db_tx(db_worker(), draft_tx, &x);
	if (st != DM_OK)
		*id = given;
	return st;
}

dm_status
request_store_uploads(struct dm_req *req, long long request_id,
    long long event_id, const char *field, long long by, int internal,
    size_t *stored)
{
	struct db *db = db_worker();
	long long have = 0;
	size_t n = 0;
	dm_status st;

	if (stored != NULL)
		*stored = 0;
	if (req->uploads == NULL)
		return DM_OK;
	{
		struct dm_value p = DM_VINT(request_id);

		if ((st = db_query_int(db, "SELECT COUNT(*) FROM attachments "
		    "WHERE request_id = ? AND event_id IS NULL", &p, 1,
		    &have)) != DM_OK)
			return st;
	}
	for (struct upload *u = req->uploads; u != NULL; u = u->next) {
		unsigned char sha[crypto_hash_sha256_BYTES];
		struct dm_value p[9];

		if (u->data == NULL || u->len == 0 || (field != NULL &&
		    strcmp(field, u->field) != 0))
			continue;
		/* The citizen's files of one request stay within the
		 * per-request number. */
		if (event_id == 0 && have + (long long)n >=
		    req->cfg->lim_upload_files) {
			u->too_many = 1;
			continue;
		}
		crypto_hash_sha256(sha, u->data, u->len);
		p[0] = DM_VBLOB((const char *)sha, sizeof(sha));
		p[1] = DM_VINT((long long)u->len);
		p[2] = DM_VBLOB((const char *)u->data, u->len);
		if ((st = db_exec(db, "INSERT IGNORE INTO blobs (sha256, size, "
		    "content) VALUES (?, ?, ?)", p, 3, NULL, NULL)) != DM_OK)
			return st;
		p[0] = DM_VINT(request_id);
		p[1] = event_id ? DM_VINT(event_id) : DM_VNULL;
		p[2] = DM_VTEXT(u->field);
		p[3] = DM_VBLOB((const char *)sha, sizeof(sha));
		p[4] = DM_VTEXT(u->filename);
		p[5] = DM_VTEXT(u->type);
		p[6] = DM_VINT((long long)u->len);
		p[7] = by ? DM_VINT(by) : DM_VNULL;
		p[8] = DM_VINT(internal);
		if ((st = db_exec(db, "INSERT INTO attachments (request_id, "
		    "event_id, field, sha256, filename, content_type, size, "
		    "uploaded_by, internal) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    p, 9, NULL, NULL)) != DM_OK)
			return st;
		n++;
	}
	if (stored != NULL)
		*stored = n;
	return DM_OK;
}

dm_status
request_drop_attachment(struct dm_req *req, long long request_id,
    long long attachment_id)
{
	struct dm_value p[2] = { DM_VINT(attachment_id), DM_VINT(request_id) };
	uint64_t n = 0;
	dm_status st;

	(void)req;
	/* Only from drafts: a submitted request's files are the record. */
	st = db_exec(db_worker(), "DELETE a FROM attachments a JOIN requests r "
	    "ON r.id = a.request_id WHERE a.id = ? AND a.request_id = ? AND "
	    "r.status = 'draft' AND a.event_id IS NULL", p, 2, &n, NULL);
	if (st != DM_OK)
		return st;
	return n ? DM_OK : DM_ENOTFOUND;
}

dm_status
request_event(struct dm_req *req, long long id, const char *kind,
    int internal, enum rstatus from, enum rstatus to, const char *body,
    long long *event_id)
{
	struct dm_value p[7];
	uint64_t eid = 0;
	dm_status st;

	p[0] = DM_VINT(id);
	p[1] = req->session ? DM_VINT(req->session->account_id) : DM_VNULL;
	p[2] = DM_VTEXT(kind);
	p[3] = DM_VTEXT(internal ? "internal" : "public");
	p[4] = from == to ? DM_VNULL : DM_VTEXT(rs_name(from));
	p[5] = from == to ? DM_VNULL : DM_VTEXT(rs_name(to));
	p[6] = DM_VTEXT(body && body[0] ? body : NULL);
	st = db_exec(db_worker(), "INSERT INTO request_events (request_id, "
	    "actor_id, kind, visibility, from_status, to_status, body) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", p, 7, NULL, &eid);
	if (st == DM_OK && event_id != NULL)
		*event_id = (long long)eid;
	return st;
}

dm_status
request_transition(struct dm_req *req, const struct request *r,
    enum rstatus to, const char *kind, const char *body, long long *event_id)
{
	struct dm_value p[6];
	char due[11] = "";
	uint64_t changed = 0;
	dm_status st;
	int closing = to == RS_COMPLETED || to == RS_REJECTED ||
	    to == RS_WITHDRAWN;

	/* Leaving "awaiting the citizen": the SLA clock resumes, so the
	 * due date moves by the business days it was stopped. */
	if (r->status == RS_AWAITING && r->due_date != NULL &&
	    r->awaiting_since != NULL) {
		snprintf(due, sizeof(due), "%s", r->due_date);
		lt_add_business(due, lt_business_days_since(
		    r->awaiting_since));
	}
	p[0] = DM_VTEXT(rs_name(to));
	p[1] = DM_VINT(to == RS_AWAITING);
	p[2] = DM_VINT(closing);
	p[3] = due[0] ? DM_VTEXT(due) : DM_VNULL;
	p[4] = DM_VINT(r->id);
	p[5] = DM_VTEXT(rs_name(r->status));
	/* The state it was read in must still be the state: two clerks
	 * acting at once cannot both move it. */
	st = db_exec(db_worker(), "UPDATE requests SET status = ?, "
	    "awaiting_since = IF(?, UTC_TIMESTAMP(6), NULL), closed_at = "
	    "IF(?, UTC_TIMESTAMP(6), NULL), due_date = COALESCE(?, due_date), "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND status = ?", p, 6,
	    &changed, NULL);
	if (st != DM_OK)
		return st;
	if (changed == 0)
		return DM_ECONFLICT;
	return request_event(req, r->id, kind, 0, r->status, to, body,
	    event_id);
}

struct submit_ctx {
	struct dm_req	*req;
	long long	 id;
	const char	*channel;
	long long	 clerk;
	const char	*protocol;
	const char	*when;
	const struct service *sv;
	long long	 account_id;
};

struct snap {
	struct dm_req	*req;
	const char	*status, *service, *email, *name, *afm, *phone, *lang;
	long long	 account_id;
	int		 notify;
	int		 found;
};

static dm_status
snap_row(void *arg, const struct dm_value *c, size_t n)
{
	struct snap *s = arg;

	if (n < 9)
		return DM_EINTERNAL;
	s->found = 1;
	s->status = col(s->req, &c[0]);
	s->service = col(s->req, &c[1]);
	s->account_id = c[2].i;
	s->email = col(s->req, &c[3]);
	s->name = col(s->req, &c[4]);
	s->afm = col(s->req, &c[5]);
	s->phone = col(s->req, &c[6]);
	s->lang = col(s->req, &c[7]);
	s->notify = c[8].type == DM_V_INT && c[8].i != 0;
	return DM_OK;
}

static dm_status
submit_tx(void *arg)
{
	struct submit_ctx *x = arg;
	struct dm_req *req = x->req;
	struct db *db = db_worker();
	struct snap s;
	struct dm_value p[11];
	long long no = 0;
	char due[11] = "";
	int y, m, d;
	dm_status st;

	memset(&s, 0, sizeof(s));
	s.req = req;
	p[0] = DM_VINT(x->id);
	st = db_query(db, "SELECT r.status, r.service, r.account_id, a.email, "
	    "COALESCE(a.company_name, CONCAT_WS(' ', a.first_name, "
	    "a.last_name)), a.afm, a.mobile, a.lang, a.notify_email FROM "
	    "requests r JOIN accounts a ON a.id = r.account_id WHERE r.id = ? "
	    "FOR UPDATE", p, 1, snap_row, &s);
	if (st != DM_OK)
		return st;
	if (!s.found)
		return DM_ENOTFOUND;
	/* A second press of "submit" finds it submitted: one request, one
	 * number. */
	if (strcmp(s.status, "draft") != 0)
		return DM_ECONFLICT;
	x->sv = services_find(s.service);
	if (x->sv == NULL)
		return DM_ENOTFOUND;
	x->account_id = s.account_id;
	lt_today(&y, &m, &d);
	p[0] = DM_VINT(y);
	if ((st = db_exec(db, "INSERT INTO protocol_counters (year, last_no) "
	    "VALUES (?, 1) ON DUPLICATE KEY UPDATE last_no = last_no + 1", p,
	    1, NULL, NULL)) != DM_OK)
		return st;
	if ((st = db_query_int(db, "SELECT last_no FROM protocol_counters "
	    "WHERE year = ?", p, 1, &no)) != DM_OK)
		return st;
	if (x->sv->svc->sla_days > 0)
		lt_due(x->sv->svc->sla_days, due);
	p[0] = DM_VTEXT(x->channel);
	p[1] = DM_VINT(y);
	p[2] = DM_VINT(no);
	p[3] = due[0] ? DM_VTEXT(due) : DM_VNULL;
	p[4] = DM_VTEXT(s.name);
	p[5] = DM_VTEXT(s.afm);
	p[6] = DM_VTEXT(s.email);
	p[7] = DM_VTEXT(s.phone);
	p[8] = x->clerk ? DM_VINT(x->clerk) : DM_VNULL;
	p[9] = DM_VINT(x->id);
	if ((st = db_exec(db, "UPDATE requests SET status = 'submitted', "
	    "channel = ?, protocol_year = ?, protocol_no = ?, submitted_at = "
	    "UTC_TIMESTAMP(6), due_date = ?, applicant_name = ?, applicant_afm "
	    "= ?, applicant_email = ?, applicant_phone = ?, created_by = ?, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?", p, 10, NULL, NULL)) !=
	    DM_OK)
		return st;
	if ((st = request_event(req, x->id, "submitted", 0, RS_DRAFT,
	    RS_SUBMITTED, NULL, NULL)) != DM_OK)
		return st;
	x->protocol = arena_printf(req->arena, "%lld/%d", no, y);
	{
		struct request r;

		if ((st = request_load(req, x->id, 0, NULL, &r)) != DM_OK)
			return st;
		x->when = lt_format(req->arena, r.submitted_at, 1);
	}
	/* The proof of submission, by e-mail (always: it is the receipt). */
	if (s.email != NULL) {
		const char *title = pages_service_title(req, x->sv, s.lang);
		struct mail mm = { s.email, s.name, s.lang, "submitted",
		    s.account_id, (const char *const[]){ "protocol",
		    x->protocol, "time", x->when, "service", title, "link",
		    arena_printf(req->arena, "%s/requests/%lld",
		    req->cfg->base_url, x->id), NULL } };

		if ((st = mail_queue(req, &mm)) != DM_OK)
			return st;
	}
	return DM_OK;
}

dm_status
request_submit(struct dm_req *req, long long id, const char *channel,
    long long clerk)
{
	struct submit_ctx x;

	memset(&x, 0, sizeof(x));
	x.req = req;
	x.id = id;
	x.channel = channel;
	x.clerk = clerk;
	return db_tx(db_worker(), submit_tx, &x);
}

dm_status
mailbox_deliver(struct dm_req *req, long long account_id,
    long long request_id, const char *kind, const char *title,
    const char *body, long long attachment_id, long long document_id)
{
	struct dm_value p[7];
	struct account a;
	dm_status st;

	p[0] = DM_VINT(account_id);
	p[1] = request_id ? DM_VINT(request_id) : DM_VNULL;
	p[2] = DM_VTEXT(kind);
	p[3] = DM_VTEXT(title);
	p[4] = DM_VTEXT(body && body[0] ? body : NULL);
	p[5] = attachment_id ? DM_VINT(attachment_id) : DM_VNULL;
	p[6] = document_id ? DM_VINT(document_id) : DM_VNULL;
	if ((st = db_exec(db_worker(), "INSERT INTO mailbox_items (account_id, "
	    "request_id, kind, title, body, attachment_id, document_id) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", p, 7, NULL, NULL)) != DM_OK)
		return st;
	/* Only a notice: what arrived is seen after logging in. */
	if (account_load(req, account_id, &a) == DM_OK && a.email != NULL &&
	    a.notify_email) {
		struct mail m = { a.email, account_display(req, &a), a.lang,
		    "mailbox", account_id, (const char *const[]){ "link",
		    arena_printf(req->arena, "%s/mailbox", req->cfg->base_url),
		    NULL } };

		return mail_queue(req, &m);
	}
	return DM_OK;
}

long long
mailbox_unread(struct dm_req *req, long long account_id)
{
	struct dm_value p = DM_VINT(account_id);
	long long n = 0;

	(void)req;
	/* Counted up to 100 (the header shows "99+"): every page of a
	 * logged-in citizen asks, whatever their mailbox holds. */
	if (db_query_int(db_worker(), "SELECT COUNT(*) FROM (SELECT 1 FROM "
	    "mailbox_items WHERE account_id = ? AND read_at IS NULL LIMIT 100) "
	    "u", &p, 1, &n) != DM_OK)
		return 0;
	return n;
}

/* What a plugin gets, with the form kept for request_plugin_value. */
struct plugin_request {
	struct dm_request	 pub;		/* first: the plugin's view */
	unsigned		 magic;
	struct request		 r;
};

#define PLUGIN_REQUEST_MAGIC	0x64725271u

const struct dm_request *
request_for_plugin(struct dm_req *req, const struct request *r)
{
	struct plugin_request *pr = arena_zalloc(req->arena, sizeof(*pr));
	struct dm_request *dr = &pr->pub;
	const struct dm_user *u = account_user(req, r->account_id);

	pr->magic = PLUGIN_REQUEST_MAGIC;
	pr->r = *r;
	dr->id = r->id;
	dr->service = r->service;
	dr->protocol = r->protocol;
	dr->submitted_at = r->submitted_at;
	dr->channel = r->channel;
	/* A closed account still applied: an empty applicant, never NULL. */
	dr->applicant = u ? u : arena_zalloc(req->arena, sizeof(*u));
	return dr;
}

const char *
request_plugin_value(struct dm_req *req, const struct dm_request *dr,
    const char *field)
{
	const struct plugin_request *pr = (const struct plugin_request *)dr;

	if (dr == NULL || field == NULL || pr->magic != PLUGIN_REQUEST_MAGIC)
		return NULL;
	return request_form_value(req, &pr->r, field);
}

struct form_files_ctx {
	struct dm_req	*req;
	request_file_fn	 fn;
	void		*arg;
};

static dm_status
form_file_row(void *arg, const struct dm_value *c, size_t n)
{
	struct form_files_ctx *x = arg;
	struct request_file f;

	if (n < 4)
		return DM_EINTERNAL;
	f.id = c[0].i;
	f.name = arena_strndup(x->req->arena, c[1].s, c[1].len);
	f.type = arena_strndup(x->req->arena, c[2].s, c[2].len);
	f.size = (size_t)c[3].i;
	return x->fn(x->arg, &f);
}

dm_status
request_form_files(struct dm_req *req, long long id, const char *field,
    request_file_fn fn, void *arg)
{
	struct form_files_ctx x = { req, fn, arg };
	struct dm_value p[2] = { DM_VINT(id), DM_VTEXT(field) };

	return db_query(db_worker(), "SELECT id, filename, content_type, size "
	    "FROM attachments WHERE request_id = ? AND field = ? AND event_id "
	    "IS NULL ORDER BY id", p, 2, form_file_row, &x);
}

struct file_bytes_ctx {
	struct dm_req	*req;
	const void	*data;
	size_t		 len;
	int		 found;
};

static dm_status
file_bytes_row(void *arg, const struct dm_value *c, size_t n)
{
	struct file_bytes_ctx *x = arg;
	char *copy;

	if (n < 1)
		return DM_EINTERNAL;
	/* The column buffer is ours only during the call. */
	copy = arena_alloc(x->req->arena, c[0].len + 1);
	memcpy(copy, c[0].s, c[0].len);
	copy[c[0].len] = '\0';
	x->data = copy;
	x->len = c[0].len;
	x->found = 1;
	return DM_OK;
}

dm_status
request_file_bytes(struct dm_req *req, long long id, long long attachment,
    const void **data, size_t *len)
{
	struct file_bytes_ctx x = { req, NULL, 0, 0 };
	struct dm_value p[2] = { DM_VINT(attachment), DM_VINT(id) };
	dm_status st;

	st = db_query(db_worker(), "SELECT b.content FROM attachments a JOIN "
	    "blobs b ON b.sha256 = a.sha256 WHERE a.id = ? AND a.request_id = "
	    "? AND a.event_id IS NULL", p, 2, file_bytes_row, &x);
	if (st != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	*data = x.data;
	*len = x.len;
	return DM_OK;
}
