/*
 * requests.c - drafts, submission, the workflow's states, lists.
 * Every change is one transaction with one history event; the protocol
 * counter row is incremented inside the submitting transaction, so a
 * number is either used by exactly one request or never handed out. A
 * state change is an UPDATE guarded by the state the request was read
 * in, so of two people acting at once one wins and the other is told.
 */
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts.h"
#include "attachments.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "i18n.h"
#include "jsontext.h"
#include "localtime.h"
#include "log.h"
#include "metrics.h"
#include "mail.h"
#include "outbox.h"
#include "plugins.h"
#include "req.h"
#include "request_values.h"
#include "requests.h"
#include "session.h"
#include "staff.h"
#include "stats.h"
#include "validate.h"

#define REQUEST_APPLICANT_MAX	300	/* requests.applicant_name */
/* Seconds a receipt held for an outcome at submission waits at most: the
 * outcome releases it at once; a worker that died on the way leaves it to
 * go on its own, saying the outcome is still to come. */
#define RECEIPT_HOLD		120

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
	return RS__MAX;
}

/* For each state, the states it may move to. */
static const unsigned moves[RS__MAX] = {
	[RS_DRAFT] = RS_BIT(RS_SUBMITTED),
	[RS_SUBMITTED] = RS_BIT(RS_IN_PROGRESS) | RS_BIT(RS_AWAITING) |
	    RS_BIT(RS_COMPLETED) | RS_BIT(RS_REJECTED) | RS_BIT(RS_WITHDRAWN),
	[RS_IN_PROGRESS] = RS_BIT(RS_AWAITING) | RS_BIT(RS_COMPLETED) |
	    RS_BIT(RS_REJECTED) | RS_BIT(RS_WITHDRAWN),
	[RS_AWAITING] = RS_BIT(RS_IN_PROGRESS) | RS_BIT(RS_REJECTED) |
	    RS_BIT(RS_WITHDRAWN),
};

int
request_may_move(enum rstatus from, enum rstatus to)
{
	return (unsigned)from < RS__MAX && (unsigned)to < RS__MAX &&
	    (moves[from] & RS_BIT(to)) != 0;
}

static const char *
col(struct dm_req *req, const struct dm_value *v)
{
	return db_text(req->arena, v);
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
	const char	*now;		/* a 27th column: the database's time */
	int		 files;		/* the 27th is the draft's files */
};

static dm_status
load_row(void *arg, const struct dm_value *c, size_t n)
{
	struct load_ctx *x = arg;
	struct request *r = x->r;
	struct dm_req *req = x->req;

	if (n < 26)
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
	r->location = col(req, &c[21]);
	r->lat = col(req, &c[22]);
	r->lon = col(req, &c[23]);
	r->settlement = col(req, &c[24]);
	r->merged_into = c[25].type == DM_V_INT ? c[25].i : 0;
	if (n > 26 && x->files)
		r->draft_files = c[26].type == DM_V_NULL ? NULL :
		    col(req, &c[26]);
	else if (n > 26)
		x->now = col(req, &c[26]);
	return DM_OK;
}

#define REQUEST_COLUMNS "r.id, r.service, r.department, r.account_id, " \
    "r.status, r.channel, r.protocol_no, r.protocol_year, r.submitted_at, " \
    "r.due_date, r.awaiting_since, r.assigned_to, CONCAT_WS(' ', " \
    "s.first_name, s.last_name), r.closed_at, r.applicant_name, " \
    "r.applicant_afm, r.applicant_email, r.applicant_phone, r.form, " \
    "r.updated_at, r.due_date < ? AND r.status IN ('submitted', " \
    "'in_progress'), r.location, r.lat, r.lon, r.settlement, r.merged_into"

/* One request's row: sql names REQUEST_COLUMNS (today's date its first
 * parameter, then the rest of p), with the draft's files after them when
 * files is set. DM_ENOTFOUND when no row. */
static dm_status
load_one(struct dm_req *req, const char *sql, struct dm_value *p, size_t np,
    int files, struct request *r)
{
	struct load_ctx x = { req, r, 0, NULL, files };
	dm_status st;

	memset(r, 0, sizeof(*r));
	p[0] = DM_VTEXT(today(req));
	if ((st = db_query(db_worker(), sql, p, np, load_row, &x)) != DM_OK)
		return st;
	return x.found ? DM_OK : DM_ENOTFOUND;
}

dm_status
request_load(struct dm_req *req, long long id, long long account_id,
    const char *dept, struct request *r)
{
	struct dm_value p[6] = { DM_VNULL, DM_VINT(id), DM_VINT(account_id),
	    DM_VINT(account_id), DM_VTEXT(dept), DM_VTEXT(dept) };

	return load_one(req, "SELECT " REQUEST_COLUMNS " FROM requests r "
	    "LEFT JOIN accounts s ON s.id = r.assigned_to WHERE r.id = ? AND "
	    "(? = 0 OR r.account_id = ?) AND (? IS NULL OR r.department = ?)",
	    p, 6, 0, r);
}

dm_status
request_load_draft(struct dm_req *req, long long id, long long account_id,
    struct request *r)
{
	struct dm_value p[3] = { DM_VNULL, DM_VINT(id), DM_VINT(account_id) };

	/* A draft's files by field, separated by a space (a field's name
	 * is an identifier, never a space; group_concat_max_len is 1 MB). */
	return load_one(req, "SELECT " REQUEST_COLUMNS ", IF(r.status = "
	    "'draft', COALESCE((SELECT GROUP_CONCAT(a.field SEPARATOR ' ') "
	    "FROM attachments a WHERE a.request_id = r.id AND a.event_id IS "
	    "NULL), ''), NULL) FROM requests r LEFT JOIN accounts s ON s.id = "
	    "r.assigned_to WHERE r.id = ? AND r.account_id = ?", p, 3, 1, r);
}

dm_status
request_by_protocol(struct dm_req *req, const char *protocol,
    const char *dept, long long *id)
{
	long long no, year;
	char tail;
	struct dm_value p[3];

	(void)req;
	if (protocol == NULL || sscanf(protocol, "%lld/%lld%c", &no, &year,
	    &tail) != 2 || no < 1 || year < 2000 || year > 9999)
		return DM_EINPUT;
	p[0] = DM_VINT(no);
	p[1] = DM_VINT(year);
	p[2] = DM_VTEXT(dept);
	return db_query_int(db_worker(), "SELECT id FROM requests WHERE "
	    "protocol_no = ? AND protocol_year = ? AND department = ?", p, 3,
	    id);
}

struct points_ctx {
	struct dm_req		*req;
	struct arena_vec	 v;
};

static dm_status
point_row(void *arg, const struct dm_value *c, size_t n)
{
	struct points_ctx *x = arg;
	struct request_point *p;

	if (n < 11)
		return DM_EINTERNAL;
	p = arena_push(x->req->arena, &x->v, sizeof(*p));
	p->id = c[0].i;
	p->protocol = arena_printf(x->req->arena, "%lld/%lld", c[1].i,
	    c[2].i);
	p->service = col(x->req, &c[3]);
	p->status = rs_parse(c[4].s);
	p->lat = col(x->req, &c[5]);
	p->lon = col(x->req, &c[6]);
	p->location = col(x->req, &c[7]);
	p->settlement = col(x->req, &c[8]);
	p->submitted = lt_day(x->req->arena, db_text(x->req->arena, &c[9]));
	p->overdue = c[10].type == DM_V_INT && c[10].i != 0;
	return DM_OK;
}

dm_status
requests_open_points(struct dm_req *req, const char *dept, long long before,
    size_t limit, struct request_point **v, size_t *n)
{
	struct points_ctx x = { req, { NULL, 0, 0 } };
	struct dm_value p[5] = { DM_VTEXT(today(req)), DM_VTEXT(dept),
	    DM_VINT(before), DM_VINT(before), DM_VINT((long long)limit + 1) };
	dm_status st;

	st = db_query(db_worker(), "SELECT id, protocol_no, protocol_year, "
	    "service, status, lat, lon, location, settlement, "
	    "DATE_FORMAT(submitted_at, '%Y-%m-%d %H:%i:%s'), due_date < ? "
	    "AND status "
	    "IN ('submitted', 'in_progress') FROM requests WHERE department "
	    "= ? AND status IN ('submitted', 'in_progress', "
	    "'awaiting_citizen') AND lat IS NOT NULL AND lon IS NOT NULL AND "
	    "(? = 0 OR id < ?) ORDER BY id DESC LIMIT ?", p, 5, point_row,
	    &x);
	*v = x.v.v;
	*n = x.v.n;
	return st;
}

const char *
request_form_value(struct dm_req *req, const struct request *r,
    const char *field)
{
	return jsontext_get(req->arena, r->form, field);
}

/* The draft's values as one JSON object. */
static const char *
draft_json(struct dm_req *req, const struct draft *d)
{
	json_object *o = json_object_new_object();
	const char *out;

	for (size_t i = 0; i < d->n; i++)
		if (d->values[i].value != NULL && d->values[i].value[0] != '\0')
			json_object_object_add(o, d->values[i].name,
			    json_object_new_string(d->values[i].value));
	out = arena_strdup(req->arena, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return out;
}

struct draft_ctx {
	struct dm_req		*req;
	const struct service	*sv;
	const struct draft	*d;
	long long		 account_id;
	long long		*id;
	long long		 given;		/* *id before: 0 for a new one */
};

static struct dm_value
opt(const char *s)
{
	return s != NULL && s[0] != '\0' ? DM_VTEXT(s) : DM_VNULL;
}

static dm_status
draft_tx(void *arg)
{
	struct draft_ctx *x = arg;
	struct dm_value p[7];
	uint64_t newid = 0, changed = 0;
	dm_status st;

	/* Run again after a deadlock, a new draft is inserted again. */
	*x->id = x->given;
	p[0] = DM_VTEXT(draft_json(x->req, x->d));
	p[1] = opt(x->d->location);
	p[2] = opt(x->d->lat);
	p[3] = opt(x->d->lon);
	p[4] = opt(x->d->settlement);
	if (*x->id == 0) {
		struct dm_value q[8] = { DM_VTEXT(x->sv->svc->code),
		    DM_VTEXT(x->sv->plugin->name), DM_VINT(x->account_id),
		    p[0], p[1], p[2], p[3], p[4] };

		st = db_exec(db_worker(), "INSERT INTO requests (service, "
		    "department, account_id, status, form, location, lat, "
		    "lon, settlement) VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, "
		    "?)", q, 8, NULL, &newid);
		if (st != DM_OK)
			return st;
		*x->id = (long long)newid;
	} else {
		p[5] = DM_VINT(*x->id);
		p[6] = DM_VINT(x->account_id);
		st = db_exec(db_worker(), "UPDATE requests SET form = ?, "
		    "location = ?, lat = ?, lon = ?, settlement = ?, "
		    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND "
		    "account_id = ? AND status = 'draft'", p, 7, &changed,
		    NULL);
		if (st != DM_OK)
			return st;
		if (changed == 0) {
			long long one;
			struct dm_value q[2] = { p[5], p[6] };

			/* Unchanged values count as no change: the draft
			 * must exist all the same. */
			if ((st = db_query_int(db_worker(), "SELECT 1 FROM "
			    "requests WHERE id = ? AND account_id = ? AND "
			    "status = 'draft'", q, 2, &one)) != DM_OK)
				return st;
		}
	}
	/* A draft inserted just now holds no file yet. */
	if (newid != 0)
		return attachments_store_fresh(x->req, *x->id, x->account_id);
	return attachments_store(x->req, *x->id, 0, NULL, x->account_id, 0,
	    NULL);
}

dm_status
request_save_draft(struct dm_req *req, const struct service *sv,
    const struct draft *d, long long account_id, long long *id)
{
	struct draft_ctx x = { req, sv, d, account_id, id, *id };
	dm_status st;

	if ((st = attachments_stage(req)) != DM_OK)
		return st;
	st = db_tx(db_worker(), draft_tx, &x);
	if (st != DM_OK)
		*id = x.given;
	return st;
}

dm_status
request_start_counter(struct dm_req *req, const struct service *sv,
    long long account_id, const char *channel, long long *id)
{
	struct dm_value p[5] = { DM_VTEXT(sv->svc->code),
	    DM_VTEXT(sv->plugin->name), DM_VINT(account_id),
	    DM_VTEXT(channel), DM_VINT(session_actor(req)) };
	uint64_t newid = 0;
	dm_status st;

	st = db_exec(db_worker(), "INSERT INTO requests (service, department, "
	    "account_id, status, channel, created_by) VALUES (?, ?, ?, "
	    "'draft', ?, ?)", p, 5, NULL, &newid);
	if (st == DM_OK)
		*id = (long long)newid;
	return st;
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

/* The states as plugins name them (dimos/plugin.h), in the same order. */
static const enum dm_request_status dm_states[RS__MAX] = {
	[RS_DRAFT] = DM_REQ_DRAFT,
	[RS_SUBMITTED] = DM_REQ_SUBMITTED,
	[RS_IN_PROGRESS] = DM_REQ_IN_PROGRESS,
	[RS_AWAITING] = DM_REQ_AWAITING,
	[RS_COMPLETED] = DM_REQ_COMPLETED,
	[RS_REJECTED] = DM_REQ_REJECTED,
	[RS_WITHDRAWN] = DM_REQ_WITHDRAWN,
};

_Static_assert((int)RS__MAX == (int)DM_REQ__MAX, "a state plugins cannot "
    "name");

struct transition_ctx {
	struct dm_req		*req;
	const struct request	*r;
	enum rstatus		 to;
	const char		*kind;
	const char		*body;
	long long		*event_id;
	int			 cert_auto;	/* closed by one issued so */
};

static dm_status
transition_tx(void *arg)
{
	struct transition_ctx *x = arg;
	const struct request *r = x->r;
	const struct service *sv;
	struct dm_value p[6];
	char due[11] = "";
	uint64_t changed = 0;
	dm_status st;
	int closing = x->to == RS_COMPLETED || x->to == RS_REJECTED ||
	    x->to == RS_WITHDRAWN;

	/* Leaving "awaiting the citizen": the SLA clock resumes, so the
	 * due date moves by the business days it was stopped. */
	if (r->status == RS_AWAITING && r->due_date != NULL &&
	    r->awaiting_since != NULL) {
		snprintf(due, sizeof(due), "%s", r->due_date);
		lt_add_business(due, lt_business_days_since(
		    r->awaiting_since));
	}
	p[0] = DM_VTEXT(rs_name(x->to));
	p[1] = DM_VINT(x->to == RS_AWAITING);
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
	if ((st = request_event(x->req, r->id, x->kind, 0, r->status, x->to,
	    x->body, x->event_id)) != DM_OK ||
	    (st = stats_moved(x->req, &(struct stats_was){ r->id,
	    r->department, r->service, r->due_date, r->status ==
	    RS_AWAITING, rs_name(x->to), x->cert_auto })) != DM_OK)
		return st;
	/* The department hears of it in the same transaction (a booking
	 * released with the request that held it). */
	if ((sv = services_find(r->service)) == NULL)
		return DM_OK;
	return plugin_on_transition(x->req, sv, request_for_plugin(x->req,
	    r), dm_states[r->status], dm_states[x->to], x->kind);
}

dm_status
request_transition(struct dm_req *req, const struct request *r,
    enum rstatus to, const char *kind, const char *body, long long *event_id)
{
	struct transition_ctx x = { req, r, to, kind, body, event_id, 0 };

	/* A draft is submitted by request_submit only (it takes a number). */
	if (r->status == RS_DRAFT || !request_may_move(r->status, to))
		return DM_EDENIED;
	return db_tx(db_worker(), transition_tx, &x);
}

dm_status
request_complete_certified(struct dm_req *req, const struct request *r,
    const char *body, long long *event_id)
{
	struct transition_ctx x = { req, r, RS_COMPLETED, "completed", body,
	    event_id, 1 };

	if (r->status == RS_DRAFT || !request_may_move(r->status,
	    RS_COMPLETED))
		return DM_EDENIED;
	return db_tx(db_worker(), transition_tx, &x);
}

struct answer_ctx {
	struct dm_req		*req;
	const struct request	*r;
	const char		*text;
};

static dm_status
answer_tx(void *arg)
{
	struct answer_ctx *x = arg;
	long long eid = 0;
	dm_status st;

	if ((st = request_transition(x->req, x->r, RS_IN_PROGRESS, "answer",
	    x->text, &eid)) != DM_OK)
		return st;
	return attachments_store(x->req, x->r->id, eid, "files",
	    session_actor(x->req), 0, NULL);
}

dm_status
request_answer(struct dm_req *req, const struct request *r, const char *text)
{
	struct answer_ctx x = { req, r, text };
	dm_status st;

	if (r->status != RS_AWAITING)
		return DM_EDENIED;
	if ((st = attachments_stage(req)) != DM_OK)
		return st;
	return db_tx(db_worker(), answer_tx, &x);
}

dm_status
request_withdraw(struct dm_req *req, const struct request *r)
{
	return request_transition(req, r, RS_WITHDRAWN, "withdrawn", NULL,
	    NULL);
}

dm_status
request_assign(struct dm_req *req, const struct request *r,
    long long assignee)
{
	struct dm_value p[3] = { assignee ? DM_VINT(assignee) : DM_VNULL,
	    DM_VINT(r->id), DM_VTEXT(r->department) };
	dm_status st;

	if (!(RS_BIT(r->status) & RS_OPEN))
		return DM_EDENIED;
	/* Only to someone who works in the department. */
	if (assignee != 0 && (st = staff_is_member(req, assignee,
	    r->department)) != DM_OK)
		return st == DM_ENOTFOUND ? DM_EINPUT : st;
	if ((st = db_exec(db_worker(), "UPDATE requests SET assigned_to = ?, "
	    "updated_at = UTC_TIMESTAMP(6) WHERE id = ? AND department = ?",
	    p, 3, NULL, NULL)) != DM_OK)
		return st;
	return request_event(req, r->id, "assigned", 1, r->status, r->status,
	    NULL, NULL);
}

/* Submission ------------------------------------------------------------ */

dm_status
requests_protocol_next(struct db *db, int year, long long *no)
{
	struct dm_value p = DM_VINT(year);
	uint64_t got = 0;
	dm_status st;

	/*
	 * One statement: the year's row is created or incremented, and
	 * LAST_INSERT_ID(expr) hands the new value back in the statement's
	 * answer (no SELECT). The row stays locked until the transaction
	 * ends: submissions of one year take their numbers one after the
	 * other, and a rollback gives the number back.
	 */
	if ((st = db_exec(db, "INSERT INTO protocol_counters (year, last_no) "
	    "VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE last_no = "
	    "LAST_INSERT_ID(last_no + 1)", &p, 1, NULL, &got)) != DM_OK)
		return st;
	if (got == 0 || got > LLONG_MAX)
		return DM_EINTERNAL;
	*no = (long long)got;
	return DM_OK;
}

struct submit_ctx {
	struct dm_req		*req;
	long long		 id;
	const char		*channel;
	long long		 clerk;
	const struct submit_hook *hook;
	const char		*note;
	int			 hold_receipt;
	struct request		 r;		/* as submitted */
};

/* The receipt of r as submitted (its number and time) to account a, in
 * its language (its values in req's arena). */
static void
receipt_of(struct dm_req *req, const struct service *sv,
    const struct account *a, const struct request *r, struct mail *m)
{
	const char **v = arena_zalloc(req->arena, 11 * sizeof(*v));

	v[0] = "protocol";
	v[1] = r->protocol;
	v[2] = "time";
	v[3] = lt_format(req->arena, r->submitted_at, 1);
	v[4] = "service";
	v[5] = i18n_pick(a->lang, sv->svc->title_el, sv->svc->title_en);
	v[6] = "link";
	v[7] = mail_link(req, arena_printf(req->arena, "/requests/%lld",
	    r->id), NULL);
	v[8] = "mailbox";
	v[9] = mail_link(req, "/mailbox", NULL);
	*m = (struct mail){ a->email, account_display(req, a), a->lang,
	    "submitted", a->id, v };
}

/* The proof of submission, by e-mail (always: it is the receipt), of r as
 * submitted; held: due only RECEIPT_HOLD seconds from now, for the caller
 * to release with the outcome it is about to have (request_receipt_due),
 * *id its outbox row. */
static dm_status
mail_receipt(struct dm_req *req, const struct service *sv,
    const struct account *a, const struct request *r, int held,
    long long *id)
{
	struct mail m;
	char later[20];

	if (a->email == NULL)
		return DM_OK;
	receipt_of(req, sv, a, r, &m);
	if (!held)
		return mail_queue_at(req, &m, NULL, NULL, id);
	lt_utc_text(time(NULL) + RECEIPT_HOLD, later);
	return mail_queue_at(req, &m, NULL, later, id);
}

dm_status
request_receipt_due(struct dm_req *req, const struct service *sv,
    const struct request *r, int delivered)
{
	const char *subject = NULL, *body = NULL;
	struct account a;
	struct mail m;
	int done;
	dm_status st;

	if (r->receipt_mail == 0)
		return DM_OK;
	if (delivered) {
		if ((st = account_load(req, r->account_id, &a)) != DM_OK)
			return st;
		if (a.email != NULL) {
			receipt_of(req, sv, &a, r, &m);
			mail_compose(req, &m, "mail.submitted_delivered",
			    &subject, &body);
		}
	}
	/* Sent already (its hold over): what it said was true then. */
	return outbox_due_now(db_worker(), r->receipt_mail, "submitted",
	    subject, body, &done);
}

static dm_status
submit_tx(void *arg)
{
	struct submit_ctx *x = arg;
	struct dm_req *req = x->req;
	struct db *db = db_worker();
	struct request *r = &x->r;
	const struct service *sv;
	struct account a;
	struct dm_value p[12];
	struct load_ctx l = { req, r, 0, NULL, 0 };
	struct stats_new sn;
	long long no = 0;
	char due[11] = "";
	int y, m, dd;
	dm_status st;

	/*
	 * The whole row, locked, in one statement (the form for the queue's
	 * index, the rest for the receipt and the caller), with the
	 * database's time: the submission's time, taken as the transaction
	 * starts, and written below so that r says what the row says
	 * without reading it again.
	 */
	memset(r, 0, sizeof(*r));
	p[0] = DM_VTEXT(today(req));
	p[1] = DM_VINT(x->id);
	if ((st = db_query(db, "SELECT " REQUEST_COLUMNS ", UTC_TIMESTAMP(6) "
	    "FROM requests r LEFT JOIN accounts s ON s.id = r.assigned_to "
	    "WHERE r.id = ? FOR UPDATE", p, 2, load_row, &l)) != DM_OK)
		return st;
	if (!l.found || l.now == NULL)
		return DM_ENOTFOUND;
	/* A second press of "submit" finds it submitted: one request, one
	 * number. */
	if (r->status != RS_DRAFT)
		return DM_ECONFLICT;
	/* Nothing is submitted to a service the administrator turned off. */
	if ((sv = services_find(r->service)) == NULL || sv->disabled)
		return DM_ENOTFOUND;
	if ((st = account_load(req, r->account_id, &a)) != DM_OK)
		return st;
	lt_today(&y, &m, &dd);
	if (sv->svc->sla_days > 0)
		lt_due(sv->svc->sla_days, due);
	r->status = RS_SUBMITTED;
	r->channel = x->channel;
	r->submitted_at = r->updated_at = l.now;
	r->due_date = due[0] ? arena_strdup(req->arena, due) : NULL;
	r->overdue = 0;
	r->applicant_name = account_display(req, &a);
	r->applicant_afm = a.afm;
	r->applicant_email = a.email;
	r->applicant_phone = a.mobile;
	if ((st = request_event(req, x->id, "submitted", 0, RS_DRAFT,
	    RS_SUBMITTED, NULL, NULL)) != DM_OK)
		return st;
	/* Recorded with the submission it records (one commit, not two). */
	audit(req, x->clerk ? "request_registered" : "request_submitted",
	    r->account_id, x->note == NULL ? arena_printf(req->arena, "%lld",
	    x->id) : arena_printf(req->arena, "%lld %s", x->id, x->note));
	/*
	 * The rows every submission shares come last, the year's counter
	 * the very last of them: they stay locked from their update until
	 * COMMIT, so everything else is done before. The dashboard's rows
	 * (one of 8 slots per service), then the number and only what needs
	 * it: the request's row (its new state and its number in one
	 * UPDATE: the row and its indexes change once), the department's
	 * say, the receipt, the commit. The row is locked already (FOR
	 * UPDATE above), and what comes before the counter needs none of
	 * what the UPDATE writes. InnoDB lets the locks go when the commit is
	 * decided, before its log is flushed, so the counter is held for a
	 * few statements, not for a disk write. The number is still taken in
	 * this transaction: a rollback returns it with everything else, so
	 * no number is ever skipped (docs/architecture.md, "Protocol
	 * numbers").
	 */
	sn = (struct stats_new){ .id = r->id, .department = r->department,
	    .service = r->service, .channel = r->channel,
	    .due_date = r->due_date };
	if ((st = request_values_add(req, x->id, sv, r->form)) != DM_OK ||
	    (st = stats_submitted(req, &sn)) != DM_OK)
		return st;
	if ((st = requests_protocol_next(db, y, &no)) != DM_OK)
		return st;
	p[0] = DM_VTEXT(x->channel);
	p[1] = DM_VTEXT(l.now);
	p[2] = DM_VTEXT(r->due_date);
	p[3] = DM_VTEXT(r->applicant_name);
	p[3].len = val_utf8_fit(p[3].s, p[3].len, REQUEST_APPLICANT_MAX);
	r->applicant_name = arena_strndup(req->arena, p[3].s, p[3].len);
	p[4] = DM_VTEXT(a.afm);
	p[5] = DM_VTEXT(a.email);
	p[6] = DM_VTEXT(a.mobile);
	p[7] = x->clerk ? DM_VINT(x->clerk) : DM_VNULL;
	p[8] = DM_VTEXT(l.now);
	p[9] = DM_VINT(y);
	p[10] = DM_VINT(no);
	p[11] = DM_VINT(x->id);
	if ((st = db_exec(db, "UPDATE requests SET status = 'submitted', "
	    "channel = ?, submitted_at = ?, due_date = ?, applicant_name = ?, "
	    "applicant_afm = ?, applicant_email = ?, applicant_phone = ?, "
	    "created_by = ?, updated_at = ?, protocol_year = ?, protocol_no = "
	    "? WHERE id = ?", p, 12, NULL, NULL)) != DM_OK)
		return st;
	r->protocol = arena_printf(req->arena, "%lld/%d", no, y);
	/* The department's say (a place booked) with the number taken and
	 * before the receipt: a refusal undoes all of it. */
	if (x->hook != NULL && x->hook->fn != NULL && (st = x->hook->fn(req,
	    sv, r, x->hook->arg)) != DM_OK)
		return st;
	return mail_receipt(req, sv, &a, r, x->hold_receipt,
	    &r->receipt_mail);
}

dm_status
request_submit(struct dm_req *req, long long id, const char *channel,
    long long clerk, const struct submit_hook *hook, const char *note,
    struct request *out)
{
	struct submit_ctx x = { req, id, channel, clerk, hook, note,
	    hook != NULL && hook->hold_receipt, { 0 } };
	struct dm_value p = DM_VINT(id);
	char status[16];
	dm_status st;

	if ((st = db_tx(db_worker(), submit_tx, &x)) == DM_OK) {
		metrics_submission(channel);
		if (out != NULL)
			*out = x.r;
	}
	if (st != DM_ECONFLICT)
		return st;
	/* DM_ECONFLICT tells the caller "submitted already" (a second
	 * press): say it only when it is so. A conflict of another kind
	 * (a duplicate key) rolled this submission back. */
	if (db_query_text(db_worker(), "SELECT status FROM requests WHERE "
	    "id = ?", &p, 1, status, sizeof(status)) != DM_OK ||
	    strcmp(status, "draft") == 0) {
		log_error("request %lld: the submission was refused by a "
		    "conflict and rolled back; it is still a draft", id);
		return DM_EINTERNAL;
	}
	return DM_ECONFLICT;
}

/* Reading --------------------------------------------------------------- */

struct hist_ctx {
	struct dm_req		*req;
	struct arena_vec	 vec;
	int			 staff;
};

static dm_status
hist_row(void *arg, const struct dm_value *c, size_t n)
{
	struct hist_ctx *x = arg;
	struct history_event *e;

	if (n < 7)
		return DM_EINTERNAL;
	e = arena_push(x->req->arena, &x->vec, sizeof(*e));
	e->id = c[0].i;
	e->at = col(x->req, &c[1]);
	e->kind = col(x->req, &c[2]);
	e->visibility = col(x->req, &c[3]);
	e->to = col(x->req, &c[4]);
	e->body = col(x->req, &c[5]);
	/* Citizens see "the department"; staff see who. */
	if (x->staff)
		e->actor = col(x->req, &c[6]);
	return DM_OK;
}

dm_status
request_history(struct dm_req *req, long long id, int staff,
    struct history_event **v, size_t *n)
{
	struct hist_ctx x = { req, { NULL, 0, 0 }, staff };
	struct dm_value p[2] = { DM_VINT(id), DM_VINT(staff) };
	dm_status st;

	st = db_query(db_worker(), "SELECT e.id, e.at, e.kind, e.visibility, "
	    "e.to_status, e.body, CONCAT_WS(' ', a.first_name, a.last_name) "
	    "FROM request_events e LEFT JOIN accounts a ON a.id = e.actor_id "
	    "WHERE e.request_id = ? AND (? = 1 OR e.visibility = 'public') "
	    "ORDER BY e.id", p, 2, hist_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

struct list_ctx {
	struct dm_req		*req;
	struct arena_vec	 vec;
};

static struct request *
list_add(struct list_ctx *x)
{
	return arena_push(x->req->arena, &x->vec, sizeof(struct request));
}

static const char *
protocol(struct dm_req *req, const struct dm_value *no,
    const struct dm_value *year)
{
	return no->type == DM_V_INT ? arena_printf(req->arena, "%lld/%lld",
	    no->i, year->i) : NULL;
}

/* The columns every list starts with. */
#define LIST_COLUMNS "r.id, r.service, r.status, r.protocol_no, " \
    "r.protocol_year, r.submitted_at, r.due_date"

static struct request *
list_row(struct list_ctx *x, const struct dm_value *c)
{
	struct request *r = list_add(x);

	r->id = c[0].i;
	r->service = col(x->req, &c[1]);
	r->status = rs_parse(c[2].s);
	r->protocol = protocol(x->req, &c[3], &c[4]);
	r->submitted_at = col(x->req, &c[5]);
	r->due_date = col(x->req, &c[6]);
	return r;
}

static dm_status
mine_row(void *arg, const struct dm_value *c, size_t n)
{
	struct list_ctx *x = arg;

	if (n < 8)
		return DM_EINTERNAL;
	list_row(x, c)->updated_at = col(x->req, &c[7]);
	return DM_OK;
}

dm_status
requests_mine(struct dm_req *req, long long account_id, long long before,
    size_t limit, struct request **v, size_t *n)
{
	struct list_ctx x = { req, { NULL, 0, 0 } };
	struct dm_value p[3] = { DM_VINT(account_id),
	    DM_VINT(before > 0 ? before : LLONG_MAX),
	    DM_VINT((long long)limit + 1) };
	dm_status st;

	/* Keyset pagination on (account_id, id): the same cost on page one
	 * and page fifty thousand. The index is forced: left alone, MariaDB
	 * 10.11 reads it by account_id only (a "ref") and filters id as it
	 * goes, i.e. every newer row before the page. */
	st = db_query(db_worker(), "SELECT " LIST_COLUMNS ", r.updated_at "
	    "FROM requests r FORCE INDEX (requests_mine) WHERE r.account_id = "
	    "? AND r.id < ? ORDER BY r.id DESC LIMIT ?", p, 3, mine_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

static dm_status
queue_row(void *arg, const struct dm_value *c, size_t n)
{
	struct list_ctx *x = arg;
	struct request *r;

	if (n < 15)
		return DM_EINTERNAL;
	r = list_row(x, c);
	r->applicant_name = col(x->req, &c[7]);
	r->applicant_afm = col(x->req, &c[8]);
	r->channel = col(x->req, &c[9]);
	r->assigned_name = c[10].type == DM_V_TEXT && c[10].len ?
	    col(x->req, &c[10]) : NULL;
	r->overdue = c[11].type == DM_V_INT && c[11].i != 0;
	r->sort_key = c[12].type == DM_V_INT ? arena_printf(x->req->arena,
	    "%lld", c[12].i) : col(x->req, &c[12]);
	r->form = c[13].type == DM_V_TEXT ? col(x->req, &c[13]) : NULL;
	/* The applicant's account is a business's (a closed one keeps its
	 * kind; none for a counter request without an account). */
	r->business = c[14].type == DM_V_INT && c[14].i != 0;
	return DM_OK;
}

/* "12/2026" -> number and year; 1 if it is one. */
static int
parse_protocol(const char *q, long long *no, long long *year)
{
	char *slash, *end;

	*no = strtoll(q, &slash, 10);
	if (slash == q || *slash != '/' || *no <= 0)
		return 0;
	*year = strtoll(slash + 1, &end, 10);
	return *end == '\0' && *year >= 2000 && *year < 3000;
}

/* The queue's rows: what every page shows, the sort key last. */
#define QUEUE_COLUMNS	"SELECT r.id, r.service, r.status, r.protocol_no, " \
	"r.protocol_year, r.submitted_at, r.due_date, r.applicant_name, " \
	"r.applicant_afm, r.channel, CONCAT_WS(' ', s.first_name, " \
	"s.last_name), r.due_date < ? AND r.status IN ('submitted', " \
	"'in_progress'), %s AS k, %s, a.kind = 'business' "

#define QUEUE_PARAMS	64

/* sql += text (it always fits: the statement's parts are bounded). */
static void
sql_add(char *sql, size_t size, const char *text)
{
	size_t len = strlen(sql);

	snprintf(sql + len, size - len, "%s", text);
}

/* A search that is an AFM: nine digits. */
static int
is_afm(const char *q)
{
	size_t n = 0;

	while (q[n] >= '0' && q[n] <= '9')
		n++;
	return n == 9 && q[n] == '\0';
}

dm_status
requests_queue(struct dm_req *req, const struct queue_filter *f, size_t limit,
    struct request **v, size_t *n, const char **next)
{
	struct list_ctx x = { req, { NULL, 0, 0 } };
	char like[260], sql[4096];
	const char *ckey = "", *key, *sep, *from;
	long long cid = 0, pno = 0, pyear = 0;
	struct dm_value p[QUEUE_PARAMS];
	size_t np = 0;
	int protocol = 0, afm = 0;
	dm_status st;

	/* The cursor: the last row's sort key and id ("key:id"). */
	if (f->after != NULL && (sep = strrchr(f->after, ':')) != NULL) {
		ckey = arena_strndup(req->arena, f->after, (size_t)(sep -
		    f->after));
		cid = strtoll(sep + 1, NULL, 10);
	}
	/* Search: a protocol number, an AFM, or part of a name. */
	like[0] = '\0';
	if (f->q != NULL && (protocol = parse_protocol(f->q, &pno,
	    &pyear)) == 0 && (afm = is_afm(f->q)) == 0) {
		size_t k = 0;

		like[k++] = '%';
		for (const char *s = f->q; *s && k < sizeof(like) - 3; s++) {
			if (*s == '%' || *s == '_' || *s == '\\')
				like[k++] = '\\';
			like[k++] = *s;
		}
		like[k++] = '%';
		like[k] = '\0';
	}
	/*
	 * By a column: the index (department, field, value, request_id)
	 * drives the query and gives the order, so a page reads about its
	 * own rows however deep it is (docs/architecture.md, "Staff queue
	 * columns"). By due date otherwise, none last (queue_due): the
	 * index of the state asked for gives the rows in that order
	 * (department, queue_open | status | nothing, queue_due; schema/016
	 * and 019), so a page reads its own rows at any depth. A search by
	 * protocol number or AFM, or "assigned to me", reads the few rows
	 * its own index finds (requests_protocol, requests_afm,
	 * requests_assigned) and sorts them: only the conditions asked for
	 * are in the statement, so the optimizer sees each as an index
	 * range.
	 */
	key = f->sort == NULL ? "r.queue_due" :
	    f->sort_numeric ? "o.num" : "o.value";
	if (f->sort != NULL)
		from = "FROM request_values o STRAIGHT_JOIN requests r ON "
		    "r.id = o.request_id";
	else if (protocol || afm || strcmp(f->assigned, "me") == 0)
		from = "FROM requests r";
	else if (strcmp(f->status, "open") == 0)
		from = "FROM requests r FORCE INDEX (requests_queue_due)";
	else if (strcmp(f->status, "all") == 0)
		from = "FROM requests r FORCE INDEX (requests_queue_all)";
	else
		from = "FROM requests r FORCE INDEX (requests_queue_status)";
	snprintf(sql, sizeof(sql), QUEUE_COLUMNS "%s LEFT JOIN accounts s ON "
	    "s.id = r.assigned_to LEFT JOIN accounts a ON a.id = "
	    "r.account_id WHERE r.department = ?", key,
	    f->with_form ? "r.form" : "NULL", from);
	p[np++] = DM_VTEXT(today(req));
	p[np++] = DM_VTEXT(f->dept);
	if (strcmp(f->status, "open") == 0)
		sql_add(sql, sizeof(sql), " AND r.queue_open = 1");
	else if (strcmp(f->status, "all") == 0)
		sql_add(sql, sizeof(sql), " AND r.status <> 'draft'");
	else {
		sql_add(sql, sizeof(sql), " AND r.status = ?");
		p[np++] = DM_VTEXT(f->status);
	}
	if (f->service != NULL) {
		sql_add(sql, sizeof(sql), " AND r.service = ?");
		p[np++] = DM_VTEXT(f->service);
	}
	if (strcmp(f->assigned, "me") == 0) {
		sql_add(sql, sizeof(sql), " AND r.assigned_to = ?");
		p[np++] = DM_VINT(f->me);
	} else if (strcmp(f->assigned, "none") == 0)
		sql_add(sql, sizeof(sql), " AND r.assigned_to IS NULL");
	if (f->overdue) {
		sql_add(sql, sizeof(sql), " AND r.due_date < ? AND r.status IN "
		    "('submitted', 'in_progress')");
		p[np++] = DM_VTEXT(today(req));
	}
	if (protocol) {
		sql_add(sql, sizeof(sql), " AND r.protocol_year = ? AND "
		    "r.protocol_no = ?");
		p[np++] = DM_VINT(pyear);
		p[np++] = DM_VINT(pno);
	} else if (afm) {
		sql_add(sql, sizeof(sql), " AND r.applicant_afm = ?");
		p[np++] = DM_VTEXT(f->q);
	} else if (like[0] != '\0') {
		sql_add(sql, sizeof(sql), " AND r.applicant_name LIKE ?");
		p[np++] = DM_VTEXT(like);
	}
	if (f->sort != NULL) {
		snprintf(sql + strlen(sql), sizeof(sql) - strlen(sql), " AND "
		    "o.department = r.department AND o.field = ?");
		p[np++] = DM_VTEXT(f->sort);
	}
	if (request_values_where(req, f->cond, f->ncond, sql, sizeof(sql), p,
	    &np, QUEUE_PARAMS - 4) != 0)
		return DM_EINPUT;
	/* Keyset: the page after the cursor, in the order asked for; the
	 * key alone bounds the index range, the id breaks ties. */
	if (f->after != NULL) {
		struct dm_value k = f->sort_numeric && f->sort != NULL ?
		    DM_VINT(strtoll(ckey, NULL, 10)) : DM_VTEXT(ckey);

		snprintf(sql + strlen(sql), sizeof(sql) - strlen(sql),
		    " AND (%s %s ? OR (%s = ? AND %s %s ?))", key, f->desc ?
		    "<" : ">", key, f->sort ? "o.request_id" : "r.id",
		    f->desc ? "<" : ">");
		p[np++] = k;
		p[np++] = k;
		p[np++] = DM_VINT(cid);
	}
	snprintf(sql + strlen(sql), sizeof(sql) - strlen(sql), " ORDER BY k%s, "
	    "%s%s LIMIT ?", f->desc ? " DESC" : "", f->sort ? "o.request_id" :
	    "r.id", f->desc ? " DESC" : "");
	p[np++] = DM_VINT((long long)limit + 1);
	st = db_query(db_worker(), sql, p, np, queue_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	*next = NULL;
	/* The cursor of the next page: the last row shown. */
	if (st == DM_OK && x.vec.n > limit) {
		const struct request *last = (struct request *)x.vec.v +
		    limit - 1;

		*next = arena_printf(req->arena, "%s:%lld", last->sort_key,
		    last->id);
	}
	return st;
}

static dm_status
counts_row(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	if (n < 2)
		return DM_EINTERNAL;
	v[0] = c[0].type == DM_V_INT ? c[0].i : 0;
	v[1] = c[1].type == DM_V_INT ? c[1].i : 0;
	return DM_OK;
}

dm_status
requests_counts(struct dm_req *req, const char *dept, long long *open,
    long long *overdue)
{
	struct dm_value p[2] = { DM_VTEXT(today(req)), DM_VTEXT(dept) };
	long long v[2] = { 0, 0 };
	dm_status st;

	/* From the open requests' summary (stats.c keeps it in the
	 * transaction of every change): a few rows per due date, where
	 * counting the requests read every open one of the department on
	 * every page of the queue. */
	st = db_query(db_worker(), "SELECT CAST(COALESCE(SUM(n), 0) AS "
	    "SIGNED), CAST(COALESCE(SUM(IF(awaiting = 0 AND due_date < ?, n, "
	    "0)), 0) AS SIGNED) FROM stats_open WHERE department = ?", p, 2,
	    counts_row, v);
	*open = v[0];
	*overdue = v[1];
	return st;
}

/* What a plugin gets, with the form kept for request_plugin_value. */
struct plugin_request {
	struct dm_request	 pub;		/* first: the plugin's view */
	unsigned		 magic;
	struct request		 r;
};

#define PLUGIN_REQUEST_MAGIC	0x64725271u

_Static_assert((int)RS_SUBMITTED == (int)DM_REQ_SUBMITTED &&
    (int)RS_AWAITING == (int)DM_REQ_AWAITING &&
    (int)RS_WITHDRAWN == (int)DM_REQ_WITHDRAWN, "statuses as plugins see them");

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
	dr->status = (enum dm_request_status)r->status;
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

const struct request *
request_of_plugin(const struct dm_request *dr)
{
	const struct plugin_request *pr = (const struct plugin_request *)dr;

	if (dr == NULL || pr->magic != PLUGIN_REQUEST_MAGIC)
		return NULL;
	return &pr->r;
}

dm_status
requests_export(struct db *db, long long account_id,
    struct json_object *root)
{
	static const char *const request_keys[] = { "id", "service",
	    "department", "status", "channel", "protocol", "submitted_at",
	    "due_date", "closed_at", "@form", NULL };
	static const char *const event_keys[] = { "request_id", "at", "kind",
	    "to_status", "text", NULL };
	struct dm_value p = DM_VINT(account_id);
	dm_status st;

	st = db_query_json(db, "SELECT id, service, department, status, "
	    "channel, IF(protocol_no IS NULL, NULL, CONCAT(protocol_no, '/', "
	    "protocol_year)), submitted_at, due_date, closed_at, form FROM "
	    "requests WHERE account_id = ? ORDER BY id", &p, 1, request_keys,
	    root, "requests");
	if (st != DM_OK)
		return st;
	return db_query_json(db, "SELECT e.request_id, e.at, e.kind, "
	    "e.to_status, e.body FROM request_events e JOIN requests r ON "
	    "r.id = e.request_id WHERE r.account_id = ? AND e.visibility = "
	    "'public' ORDER BY e.id", &p, 1, event_keys, root,
	    "request_history");
}
