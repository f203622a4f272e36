/*
 * pages_staff.c - the back office: a department's queue, one request with
 * its whole history and the workflow's actions, canned responses, the
 * counter channel (requests taken in person, by phone or by mail) and the
 * report of how many requests arrive electronically.
 * Routes carry the department in the path (":dept"); the one access check
 * (worker.c) admits only that department's staff, and every query is
 * scoped by it, so another department's request is simply not found.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "documents.h"
#include "forms.h"
#include "i18n.h"
#include "localtime.h"
#include "log.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "session.h"

#define QUEUE_PAGE	50

static const char *
T(struct dm_req *req, const char *key)
{
	return i18n_str(i18n_lang_of(req->lang), key);
}

static const char *
dept_of(struct dm_req *req)
{
	return kv_get(&req->args, "dept");
}

/* The department behind the path, if it is an enabled plugin. */
static const struct plugin *
department(struct dm_req *req)
{
	return plugins_find(dept_of(req));
}

static void
dept_attrs(struct dm_req *req, struct dm_node *c, const struct plugin *p)
{
	const struct dm_department *d = p->desc->department;

	render_attr(c, "dept", d->code);
	render_attr(c, "dept-name", pages_l(req, d->name_el, d->name_en));
	render_attr(c, "csrf", csrf_token(req));
	if (session_has_role(req->session, ROLE_HEAD, d->code) ||
	    session_has_role(req->session, ROLE_ADMIN, NULL))
		render_attr(c, "head", "1");
}

/* The queue -------------------------------------------------------------- */

struct queue_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
	size_t		 rows;
	const char	*cursor;
};

static dm_status
queue_row(void *arg, const struct dm_value *c, size_t n)
{
	struct queue_ctx *x = arg;
	struct dm_req *req = x->req;
	const struct service *sv;
	struct dm_node *r;

	if (n < 13)
		return DM_EINTERNAL;
	if (++x->rows > QUEUE_PAGE)
		return DM_OK;
	x->cursor = arena_printf(req->arena, "%s:%lld", c[12].s, c[0].i);
	r = render_add(x->list, "request", NULL);
	render_attr_int(r, "id", c[0].i);
	sv = services_find(c[1].s);
	render_attr(r, "title", sv ? pages_l(req, sv->svc->title_el,
	    sv->svc->title_en) : c[1].s);
	render_attr(r, "status", c[2].s);
	if (c[3].type == DM_V_INT)
		render_attr(r, "protocol", arena_printf(req->arena,
		    "%lld/%lld", c[3].i, c[4].i));
	render_attr(r, "submitted", lt_format(req->arena, c[5].s, 1));
	render_attr(r, "due", lt_date(req->arena, c[6].type == DM_V_TEXT ?
	    c[6].s : NULL));
	render_attr(r, "applicant", c[7].type == DM_V_TEXT ? c[7].s : NULL);
	render_attr(r, "afm", c[8].type == DM_V_TEXT ? c[8].s : NULL);
	render_attr(r, "channel", c[9].s);
	render_attr(r, "assigned", c[10].type == DM_V_TEXT && c[10].len ?
	    c[10].s : NULL);
	if (c[11].type == DM_V_INT && c[11].i)
		render_attr(r, "overdue", "1");
	return DM_OK;
}

struct count_ctx {
	struct dm_node	*node;
};

static dm_status
count_row(void *arg, const struct dm_value *c, size_t n)
{
	struct count_ctx *x = arg;

	if (n < 2)
		return DM_EINTERNAL;
	render_attr_int(x->node, c[0].s, c[1].i);
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

static const char *
param(struct dm_req *req, const char *name, const char *def,
    const char *const *allowed)
{
	const char *v = kv_get(&req->query, name);

	if (v == NULL || v[0] == '\0')
		return def;
	for (const char *const *a = allowed; a && *a; a++)
		if (strcmp(*a, v) == 0)
			return v;
	return allowed ? def : v;
}

static dm_status
page_queue(struct dm_req *req)
{
	static const char *const statuses[] = { "open", "all", "submitted",
	    "in_progress", "awaiting_citizen", "completed", "rejected",
	    "withdrawn", NULL };
	static const char *const assigned[] = { "all", "me", "none", NULL };
	const struct plugin *p = department(req);
	const char *status, *service, *who, *q, *after;
	char today[11], cdate[11] = "0000-00-00", like[260];
	long long cid = 0, pno = 0, pyear = 0;
	int y, m, d, overdue;
	struct dm_node *c, *f;
	struct queue_ctx x;
	struct dm_value v[20];
	dm_status st;

	if (p == NULL)
		return DM_ENOTFOUND;
	status = param(req, "status", "open", statuses);
	service = param(req, "service", NULL, NULL);
	if (service != NULL && (services_find(service) == NULL ||
	    services_find(service)->plugin != p))
		service = NULL;
	who = param(req, "assigned", "all", assigned);
	overdue = kv_get(&req->query, "overdue") != NULL;
	q = param(req, "q", NULL, NULL);
	after = param(req, "after", NULL, NULL);
	if (after != NULL)
		sscanf(after, "%10[0-9-]:%lld", cdate, &cid);
	lt_today(&y, &m, &d);
	snprintf(today, sizeof(today), "%04d-%02d-%02d", y, m, d);

	c = render_begin(req, "queue", pages_l(req,
	    p->desc->department->name_el, p->desc->department->name_en));
	dept_attrs(req, c, p);
	f = render_add(c, "filters", NULL);
	render_attr(f, "status", status);
	render_attr(f, "service", service);
	render_attr(f, "assigned", who);
	render_attr(f, "q", q);
	if (overdue)
		render_attr(f, "overdue", "1");
	for (const struct dm_service *s = p->desc->services; s && s->code;
	    s++) {
		struct dm_node *sn = render_add(f, "service", NULL);

		render_attr(sn, "code", s->code);
		render_attr(sn, "title", pages_l(req, s->title_el,
		    s->title_en));
	}
	/* Counts for the tabs. */
	{
		struct count_ctx cx = { render_add(c, "counts", NULL) };
		struct dm_value cv[2] = { DM_VTEXT(today), DM_VTEXT(p->name) };

		if ((st = db_query(db_worker(), "SELECT 'open', COUNT(*) FROM "
		    "requests WHERE department = ? AND status IN ('submitted', "
		    "'in_progress', 'awaiting_citizen') UNION ALL SELECT "
		    "'overdue', COUNT(*) FROM requests WHERE due_date < ? AND "
		    "department = ? AND status IN ('submitted', 'in_progress')",
		    (struct dm_value[]){ cv[1], cv[0], cv[1] }, 3, count_row,
		    &cx)) != DM_OK)
			return st;
	}
	/* Search: a protocol number, an AFM, or part of a name. */
	like[0] = '\0';
	if (q != NULL && !parse_protocol(q, &pno, &pyear)) {
		size_t k = 0;

		like[k++] = '%';
		for (const char *s = q; *s && k < sizeof(like) - 3; s++) {
			if (*s == '%' || *s == '_' || *s == '\\')
				like[k++] = '\\';
			like[k++] = *s;
		}
		like[k++] = '%';
		like[k] = '\0';
	}
	v[0] = DM_VTEXT(today);
	v[1] = DM_VTEXT(p->name);
	v[2] = DM_VTEXT(status);
	v[3] = DM_VTEXT(status);
	v[4] = DM_VTEXT(status);
	v[5] = DM_VTEXT(service);
	v[6] = DM_VTEXT(service);
	v[7] = DM_VTEXT(who);
	v[8] = DM_VTEXT(who);
	v[9] = DM_VINT(req->session->account_id);
	v[10] = DM_VTEXT(who);
	v[11] = DM_VINT(overdue);
	v[12] = DM_VTEXT(today);
	v[13] = DM_VINT(q != NULL);
	v[14] = DM_VINT(pno);
	v[15] = DM_VINT(pyear);
	v[16] = DM_VTEXT(q);
	v[17] = DM_VTEXT(like[0] ? like : "");
	v[18] = DM_VTEXT(cdate);
	v[19] = DM_VINT(cid);
	memset(&x, 0, sizeof(x));
	x.req = req;
	x.list = render_add(c, "requests", NULL);
	st = db_query(db_worker(), "SELECT r.id, r.service, r.status, "
	    "r.protocol_no, r.protocol_year, r.submitted_at, r.due_date, "
	    "r.applicant_name, r.applicant_afm, r.channel, CONCAT_WS(' ', "
	    "s.first_name, s.last_name), r.due_date < ? AND r.status IN "
	    "('submitted', 'in_progress'), COALESCE(r.due_date, '9999-12-31') "
	    "AS k FROM requests r LEFT JOIN accounts s ON s.id = "
	    "r.assigned_to WHERE r.department = ? AND r.status <> 'draft' "
	    "AND (? = 'all' OR (? = 'open' AND r.status IN ('submitted', "
	    "'in_progress', 'awaiting_citizen')) OR r.status = ?) AND (? IS "
	    "NULL OR r.service = ?) AND (? = 'all' OR (? = 'me' AND "
	    "r.assigned_to = ?) OR (? = 'none' AND r.assigned_to IS NULL)) "
	    "AND (? = 0 OR (r.due_date < ? AND r.status IN ('submitted', "
	    "'in_progress'))) AND (? = 0 OR (r.protocol_no = ? AND "
	    "r.protocol_year = ?) OR r.applicant_afm = ? OR "
	    "r.applicant_name LIKE ?) AND (COALESCE(r.due_date, "
	    "'9999-12-31'), r.id) > (?, ?) ORDER BY k, r.id LIMIT 51",
	    v, 20, queue_row, &x);
	if (st != DM_OK)
		return st;
	if (x.rows > QUEUE_PAGE) {
		/* The next page keeps the filters. */
		render_attr(c, "next", arena_printf(req->arena, "/staff/%s?"
		    "status=%s&service=%s&assigned=%s&q=%s%s&after=%s",
		    p->name, status, service ? service : "", who,
		    q ? pages_urlencode(req, q) : "", overdue ? "&overdue=1" :
		    "", pages_urlencode(req, x.cursor)));
	}
	if (after != NULL)
		render_attr(c, "paged", "1");
	return DM_OK;
}

/* One request -------------------------------------------------------------- */

struct staff_ctx {
	struct dm_node	*list;
};

static dm_status
colleague_row(void *arg, const struct dm_value *c, size_t n)
{
	struct staff_ctx *x = arg;
	struct dm_node *s;

	if (n < 2)
		return DM_EINTERNAL;
	s = render_add(x->list, "colleague", NULL);
	render_attr_int(s, "id", c[0].i);
	render_attr(s, "name", c[1].s);
	return DM_OK;
}

static dm_status
canned_row(void *arg, const struct dm_value *c, size_t n)
{
	struct staff_ctx *x = arg;
	struct dm_node *s;

	if (n < 3)
		return DM_EINTERNAL;
	s = render_add(x->list, "response", c[2].s);
	render_attr_int(s, "id", c[0].i);
	render_attr(s, "title", c[1].s);
	return DM_OK;
}

static dm_status
load_scoped(struct dm_req *req, struct request *r,
    const struct service **sv)
{
	dm_status st = request_load(req, pages_arg_id(req, "id"), 0, dept_of(req),
	    r);

	if (st != DM_OK)
		return st;
	if (r->status == RS_DRAFT)
		return DM_ENOTFOUND;
	*sv = services_find(r->service);
	return DM_OK;
}

static void	action_list(struct dm_req *req, struct dm_node *c,
		    const struct request *r, const struct service *sv,
		    const char *error);

static dm_status
staff_request_page(struct dm_req *req, const struct request *r,
    const struct service *sv, const char *error)
{
	const struct plugin *p = department(req);
	struct dm_node *c, *a;
	struct dm_value v;
	dm_status st;

	c = render_begin(req, "staff-request", arena_printf(req->arena,
	    "%s %s", T(req, "request.title"), r->protocol));
	dept_attrs(req, c, p);
	pages_request_attrs(req, c, r, sv);
	render_attr(c, "assigned", r->assigned_name && r->assigned_name[0] ?
	    r->assigned_name : NULL);
	if (r->assigned_to == req->session->account_id)
		render_attr(c, "mine", "1");
	render_attr(c, "error", error);
	action_list(req, c, r, sv, error);
	a = render_add(c, "applicant", NULL);
	render_attr(a, "name", r->applicant_name);
	render_attr(a, "afm", r->applicant_afm);
	render_attr(a, "email", r->applicant_email);
	render_attr(a, "phone", r->applicant_phone);
	if (sv != NULL)
		pages_values(req, c, sv, r);
	if ((st = pages_files(req, c, r->id, 0, 1, arena_printf(req->arena,
	    "/staff/%s/requests/%lld/files", p->name, r->id))) != DM_OK)
		return st;
	if ((st = pages_history(req, c, r->id, 1)) != DM_OK)
		return st;
	if ((st = documents_list(req, c, r->id)) != DM_OK)
		return st;
	/* Who could take it, and what can be said ready-made. */
	{
		struct staff_ctx x = { render_add(c, "colleagues", NULL) };

		v = DM_VTEXT(p->name);
		if ((st = db_query(db_worker(), "SELECT DISTINCT a.id, "
		    "CONCAT_WS(' ', a.first_name, a.last_name) FROM staff_roles "
		    "r JOIN accounts a ON a.id = r.account_id WHERE "
		    "r.department = ? AND a.status = 'active' ORDER BY 2", &v,
		    1, colleague_row, &x)) != DM_OK)
			return st;
		x.list = render_add(c, "responses", NULL);
		if ((st = db_query(db_worker(), "SELECT id, title, body FROM "
		    "canned_responses WHERE department = ? ORDER BY title", &v,
		    1, canned_row, &x)) != DM_OK)
			return st;
	}
	/* The plugin's view of it (e.g. matching registry records). */
	if (sv != NULL && plugin_has(sv->plugin, staff_panel)) {
		struct dm_node *panel = render_add(c, "panel", NULL);

		st = plugin_staff_panel(req, sv, request_for_plugin(req, r),
		    panel);
		if (st != DM_OK)
			log_error("plugin %s: staff panel failed",
			    sv->plugin->name);
	}
	return DM_OK;
}

static dm_status
page_staff_request(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	dm_status st;

	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	return staff_request_page(req, &r, sv, NULL);
}

static dm_status
page_staff_file(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	dm_status st;

	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	return pages_download(req, r.id, pages_arg_id(req, "att"), 1);
}

/* The workflow's actions: declared once, checked the same way. */
enum act {
	ACT_ASSIGN,
	ACT_START,
	ACT_ASK,
	ACT_MESSAGE,
	ACT_NOTE,
	ACT_COMPLETE,
	ACT_REJECT,
	ACT_ISSUE,
	ACT__MAX
};

struct action {
	const char	*name;
	unsigned	 from;		/* statuses it applies to */
	int		 to;		/* new status, -1: unchanged */
	int		 needs_text;
	int		 public_text;	/* goes to the citizen's mailbox */
};

static const struct action actions[ACT__MAX] = {
	[ACT_ASSIGN] = { "assign", RS_OPEN, -1, 0, 0 },
	[ACT_START] = { "start", RS_BIT(RS_SUBMITTED), RS_IN_PROGRESS, 0,
	    0 },
	[ACT_ASK] = { "ask", RS_BIT(RS_SUBMITTED) | RS_BIT(RS_IN_PROGRESS),
	    RS_AWAITING, 1, 1 },
	[ACT_MESSAGE] = { "message", RS_OPEN, -1, 1, 1 },
	[ACT_NOTE] = { "note", RS_OPEN | RS_BIT(RS_COMPLETED) |
	    RS_BIT(RS_REJECTED) | RS_BIT(RS_WITHDRAWN), -1, 1, 0 },
	[ACT_COMPLETE] = { "complete", RS_BIT(RS_SUBMITTED) |
	    RS_BIT(RS_IN_PROGRESS), RS_COMPLETED, 0, 1 },
	[ACT_REJECT] = { "reject", RS_OPEN, RS_REJECTED, 1, 1 },
	/* Also on a completed request: a corrected certificate after the
	 * first was revoked. */
	[ACT_ISSUE] = { "issue", RS_BIT(RS_SUBMITTED) | RS_BIT(RS_IN_PROGRESS) |
	    RS_BIT(RS_COMPLETED), RS_COMPLETED, 0, 1 },
};

/* The actions the request's state allows, for the page to offer, and
 * the notice of the one just done. */
static void
action_list(struct dm_req *req, struct dm_node *c, const struct request *r,
    const struct service *sv, const char *error)
{
	struct dm_node *list = render_add(c, "actions", NULL);
	const char *done = error ? NULL : kv_get(&req->query, "done");

	if (error == NULL && kv_get(&req->query, "registered") != NULL)
		render_attr(c, "done", "registered");
	if (done != NULL && strcmp(done, "revoke") == 0)
		render_attr(c, "done", done);
	for (int i = 0; done != NULL && i < ACT__MAX; i++)
		if (strcmp(done, actions[i].name) == 0)
			render_attr(c, "done", done);
	for (int i = 0; i < ACT__MAX; i++) {
		if (!(actions[i].from & RS_BIT(r->status)))
			continue;
		if (i == ACT_ISSUE && (sv == NULL ||
		    sv->svc->result != DM_RESULT_CERTIFICATE))
			continue;
		render_attr(render_add(list, "action", NULL), "name",
		    actions[i].name);
	}
}

struct act_ctx {
	struct dm_req		*req;
	struct request		*r;
	const struct service	*sv;
	const struct action	*a;
	enum act		 which;
	const char		*text;
	long long		 assignee;
	const char		*error;
};

/* {name} and {protocol} in canned texts; other braces stay as typed. */
static const char *
fill(struct dm_req *req, const char *text, const struct request *r)
{
	const char *vars[] = { "name", r->applicant_name ? r->applicant_name :
	    "", "protocol", r->protocol ? r->protocol : "", NULL };
	const char *out = "";
	const char *p = text, *lit = text;

	while ((p = strchr(p, '{')) != NULL) {
		const char *const *v;

		for (v = vars; *v != NULL; v += 2) {
			size_t k = strlen(*v);

			if (strncmp(p + 1, *v, k) == 0 && p[1 + k] == '}')
				break;
		}
		if (*v == NULL) {
			p++;
			continue;
		}
		out = arena_printf(req->arena, "%s%.*s%s", out,
		    (int)(p - lit), lit, v[1]);
		p += strlen(*v) + 2;
		lit = p;
	}
	return arena_printf(req->arena, "%s%s", out, lit);
}

static dm_status
act_tx(void *arg)
{
	struct act_ctx *x = arg;
	struct dm_req *req = x->req;
	struct request *r = x->r;
	const char *dept = pages_l(req, x->sv->plugin->desc->department->name_el,
	    x->sv->plugin->desc->department->name_en);
	long long eid = 0, att = 0, doc = 0;
	size_t stored = 0;
	dm_status st;

	switch (x->which) {
	case ACT_ASSIGN: {
		struct dm_value p[3] = { x->assignee ? DM_VINT(x->assignee) :
		    DM_VNULL, DM_VINT(r->id), DM_VTEXT(x->sv->plugin->name) };
		long long ok = 0;

		if (x->assignee != 0) {
			/* Only to someone who works in the department. */
			struct dm_value q[2] = { p[0], p[2] };

			if (db_query_int(db_worker(), "SELECT COUNT(*) FROM "
			    "staff_roles WHERE account_id = ? AND department = "
			    "?", q, 2, &ok) != DM_OK || ok == 0)
				return DM_EINPUT;
		}
		if ((st = db_exec(db_worker(), "UPDATE requests SET "
		    "assigned_to = ?, updated_at = UTC_TIMESTAMP(6) WHERE id = "
		    "? AND department = ?", p, 3, NULL, NULL)) != DM_OK)
			return st;
		return request_event(req, r->id, "assigned", 1, r->status,
		    r->status, NULL, NULL);
	}
	case ACT_NOTE:
		st = request_event(req, r->id, "note", 1, r->status,
		    r->status, x->text, &eid);
		if (st == DM_OK)
			st = request_store_uploads(req, r->id, eid, "files",
			    req->session->account_id, 1, NULL);
		return st;
	case ACT_MESSAGE:
		st = request_event(req, r->id, "message", 0, r->status,
		    r->status, x->text, &eid);
		break;
	case ACT_START:
		return request_transition(req, r, RS_IN_PROGRESS, "started",
		    NULL, NULL);
	case ACT_ASK:
		st = request_transition(req, r, RS_AWAITING, "question",
		    x->text, &eid);
		break;
	case ACT_REJECT:
		/* The reason always names who decided. */
		x->text = i18n_format(req->arena, i18n_lang_of(req->lang),
		    "staff.rejected_by", (const char *const[]){ "department",
		    dept, "reason", x->text, NULL });
		st = request_transition(req, r, RS_REJECTED, "rejected",
		    x->text, &eid);
		break;
	case ACT_COMPLETE:
		st = request_transition(req, r, RS_COMPLETED, "completed",
		    x->text, &eid);
		break;
	case ACT_ISSUE:
		st = documents_issue_certificate(req, x->sv, r,
		    kv_get(&req->form, "record"), req->session->account_id,
		    &doc);
		if (st == DM_EDENIED || st == DM_ENOTFOUND) {
			x->error = T(req, st == DM_EDENIED ?
			    "certificate.refused" : "certificate.no_record");
			return DM_EINPUT;
		}
		if (st == DM_OK && r->status == RS_COMPLETED)
			st = request_event(req, r->id, "reissued", 0,
			    r->status, r->status, x->text, &eid);
		else if (st == DM_OK)
			st = request_transition(req, r, RS_COMPLETED,
			    "completed", x->text, &eid);
		if (st == DM_OK)
			st = documents_link_event(req, doc, eid);
		break;
	default:
		return DM_EINPUT;
	}
	if (st != DM_OK)
		return st;
	if ((st = request_store_uploads(req, r->id, eid, "files",
	    req->session->account_id, 0, &stored)) != DM_OK)
		return st;
	/* A completion document: sealed and registered like any issued
	 * document, so that it can be verified. */
	if (x->which == ACT_COMPLETE) {
		st = documents_from_upload(req, x->sv, r, eid, "document",
		    req->session->account_id, &doc, &att);
		if (st == DM_EINPUT) {
			x->error = T(req, "staff.document_pdf");
			return DM_EINPUT;
		}
		if (st != DM_OK)
			return st;
		if (doc == 0 && (x->text == NULL || x->text[0] == '\0')) {
			x->error = T(req, "staff.complete_needs");
			return DM_EINPUT;
		}
		if (doc == 0 && x->sv->svc->result == DM_RESULT_DOCUMENT) {
			x->error = T(req, "staff.document_needed");
			return DM_EINPUT;
		}
	}
	if (x->a->public_text && doc == 0) {
		const char *title = i18n_format(req->arena, i18n_lang_of(
		    req->lang), arena_printf(req->arena, "mailbox.%s",
		    x->a->name), (const char *const[]){ "protocol",
		    r->protocol, NULL });

		return mailbox_deliver(req, r->account_id, r->id,
		    x->which == ACT_COMPLETE ? "answer" : "message", title,
		    x->text, 0, 0);
	}
	if (doc != 0)
		return documents_deliver(req, doc, x->text);
	return DM_OK;
}

struct text_ctx {
	struct dm_req	*req;
	const char	*text;
};

static dm_status
text_row(void *arg, const struct dm_value *c, size_t n)
{
	struct text_ctx *x = arg;

	if (n < 1)
		return DM_EINTERNAL;
	x->text = arena_strndup(x->req->arena, c[0].s, c[0].len);
	return DM_OK;
}

/* A canned response of the department, or NULL. */
static const char *
canned_text(struct dm_req *req, long long id, const char *dept)
{
	struct text_ctx x = { req, NULL };
	struct dm_value p[2] = { DM_VINT(id), DM_VTEXT(dept) };

	if (db_query(db_worker(), "SELECT body FROM canned_responses WHERE "
	    "id = ? AND department = ?", p, 2, text_row, &x) != DM_OK)
		return NULL;
	return x.text;
}

static dm_status
page_action(struct dm_req *req)
{
	const char *name = kv_get(&req->args, "action");
	const struct service *sv;
	struct request r;
	struct act_ctx x;
	enum act which = ACT__MAX;
	dm_status st;

	for (int i = 0; i < ACT__MAX; i++)
		if (strcmp(actions[i].name, name) == 0)
			which = (enum act)i;
	if (which == ACT__MAX)
		return DM_ENOTFOUND;
	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	if (sv == NULL)
		return DM_ENOTFOUND;
	memset(&x, 0, sizeof(x));
	x.req = req;
	x.r = &r;
	x.sv = sv;
	x.which = which;
	x.a = &actions[which];
	x.text = kv_get(&req->form, "text");
	if (x.text != NULL) {
		/* Trailing space and an empty canned pick do not count. */
		while (*x.text == ' ' || *x.text == '\n' || *x.text == '\r')
			x.text++;
	}
	{
		const char *cid = kv_get(&req->form, "canned");

		if ((x.text == NULL || x.text[0] == '\0') && cid && cid[0]) {
			x.text = canned_text(req, strtoll(cid, NULL, 10),
			    sv->plugin->name);
		}
	}
	if (x.text != NULL)
		x.text = fill(req, x.text, &r);
	if (!(actions[which].from & RS_BIT(r.status)))
		return staff_request_page(req, &r, sv, T(req,
		    "staff.not_now"));
	if (actions[which].needs_text && (x.text == NULL || x.text[0] ==
	    '\0')) {
		req->status = 422;
		return staff_request_page(req, &r, sv, T(req,
		    "staff.text_needed"));
	}
	if (x.text != NULL && strlen(x.text) > 10000) {
		req->status = 422;
		return staff_request_page(req, &r, sv, T(req,
		    "staff.text_long"));
	}
	for (struct upload *u = req->uploads; u != NULL; u = u->next)
		if (u->too_big || u->bad_type || u->too_many) {
			req->status = u->too_big ? 413 : 422;
			return staff_request_page(req, &r, sv, T(req,
			    u->too_big ? "staff.file_big" : "staff.file_type"));
		}
	if (which == ACT_ASSIGN) {
		const char *to = kv_get(&req->form, "to");

		x.assignee = to == NULL ? 0 : strcmp(to, "me") == 0 ?
		    req->session->account_id : strtoll(to, NULL, 10);
	}
	st = db_tx(db_worker(), act_tx, &x);
	if (st == DM_ECONFLICT)
		return staff_request_page(req, &r, sv, T(req,
		    "staff.changed"));
	if (st == DM_EINPUT) {
		req->status = 422;
		return staff_request_page(req, &r, sv, x.error ? x.error :
		    T(req, "staff.not_now"));
	}
	if (st != DM_OK)
		return st;
	audit(req, arena_printf(req->arena, "request_%s", name),
	    r.account_id, arena_printf(req->arena, "%lld", r.id));
	http_redirect(req, arena_printf(req->arena,
	    "/staff/%s/requests/%lld?done=%s", dept_of(req), r.id, name));
	return DM_OK;
}

/* Canned responses (the head of the department keeps them) ----------- */

static const struct fdef canned_defs[] = {
	{ "title", F_STRING, "f.canned_title", NULL, FF_REQUIRED, 2, 200,
	    NULL, NULL },
	{ "body", F_TEXT, "f.canned_body", "f.canned_body.hint", FF_REQUIRED,
	    2, 5000, NULL, NULL },
};

static dm_status
page_responses(struct dm_req *req)
{
	const struct plugin *p = department(req);
	size_t n = NELEMS(canned_defs);
	struct ffield *f = forms_from_defs(req, canned_defs, n);
	struct dm_node *c;
	struct staff_ctx x;
	struct dm_value v;

	if (p == NULL)
		return DM_ENOTFOUND;
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0) {
			struct dm_value q[3] = { DM_VTEXT(p->name),
			    DM_VTEXT(f[0].value), DM_VTEXT(f[1].value) };
			dm_status st = db_exec(db_worker(), "INSERT INTO "
			    "canned_responses (department, title, body) VALUES "
			    "(?, ?, ?)", q, 3, NULL, NULL);

			if (st != DM_OK)
				return st;
			audit(req, "canned_response_added", 0, p->name);
			http_redirect(req, arena_printf(req->arena,
			    "/staff/%s/responses", p->name));
			return DM_OK;
		}
		req->status = 422;
	}
	c = render_begin(req, "responses", T(req, "responses.title"));
	dept_attrs(req, c, p);
	x.list = render_add(c, "responses", NULL);
	v = DM_VTEXT(p->name);
	if (db_query(db_worker(), "SELECT id, title, body FROM "
	    "canned_responses WHERE department = ? ORDER BY title", &v, 1,
	    canned_row, &x) != DM_OK)
		return DM_EINTERNAL;
	forms_node(req, c, "canned", arena_printf(req->arena,
	    "/staff/%s/responses", p->name), "save", f, n);
	return DM_OK;
}

static dm_status
page_response_delete(struct dm_req *req)
{
	struct dm_value p[2] = { DM_VINT(pages_arg_id(req, "rid")),
	    DM_VTEXT(dept_of(req)) };
	uint64_t n = 0;

	if (db_exec(db_worker(), "DELETE FROM canned_responses WHERE id = ? "
	    "AND department = ?", p, 2, &n, NULL) != DM_OK)
		return DM_EINTERNAL;
	if (n == 0)
		return DM_ENOTFOUND;
	audit(req, "canned_response_deleted", 0, dept_of(req));
	http_redirect(req, arena_printf(req->arena, "/staff/%s/responses",
	    dept_of(req)));
	return DM_OK;
}

/* The counter channel ----------------------------------------------------- */

static const char *const channels[] = { "counter", "phone", "mail", NULL };

static const struct fdef counter_defs[] = {
	{ "service", F_SELECT, "f.service", NULL, FF_REQUIRED, 0, 0, NULL,
	    NULL },
	{ "channel", F_CHOICE, "f.channel", NULL, FF_REQUIRED, 0, 0, NULL,
	    channels },
	{ "afm", F_AFM, "f.afm", "counter.afm.hint", 0, 0, 0, NULL, NULL },
	{ "first_name", F_STRING, "f.first_name", NULL, FF_REQUIRED, 1, 100,
	    NULL, NULL },
	{ "last_name", F_STRING, "f.last_name", NULL, FF_REQUIRED, 1, 100,
	    NULL, NULL },
	{ "father_name", F_STRING, "f.father_name", NULL, 0, 0, 100, NULL,
	    NULL },
	{ "mobile", F_PHONE, "f.phone", NULL, 0, 0, 0, NULL, NULL },
	{ "email", F_EMAIL, "f.email", "counter.email.hint", 0, 0, 254, NULL,
	    NULL },
};

struct find_ctx {
	long long	 id;
	int		 found;
};

static dm_status
find_row(void *arg, const struct dm_value *c, size_t n)
{
	struct find_ctx *x = arg;

	if (n >= 1 && !x->found) {
		x->found = 1;
		x->id = c[0].i;
	}
	return DM_OK;
}

struct counter_ctx {
	struct dm_req		*req;
	struct ffield		*f;
	size_t			 n;
	const struct service	*sv;
	long long		 account_id;
	long long		 draft;
};

/* The citizen: found by AFM, or by e-mail, or registered on the spot (an
 * account without a password: they can claim it later by e-mail reset or
 * TaxisNet). */
static dm_status
counter_tx(void *arg)
{
	struct counter_ctx *x = arg;
	struct ffield *f = x->f;
	const char *afm = forms_find(f, x->n, "afm")->value;
	const char *email = forms_find(f, x->n, "email")->value;
	struct find_ctx fc = { 0, 0 };
	struct dm_value p[7];
	uint64_t id = 0;
	dm_status st;

	if (afm && afm[0]) {
		p[0] = DM_VTEXT(afm);
		if ((st = db_query(db_worker(), "SELECT id FROM accounts WHERE "
		    "kind = 'person' AND afm = ? AND status <> 'closed'", p, 1,
		    find_row, &fc)) != DM_OK)
			return st;
	}
	if (!fc.found && email && email[0]) {
		p[0] = DM_VTEXT(email);
		if ((st = db_query(db_worker(), "SELECT id FROM accounts WHERE "
		    "email = ? AND status <> 'closed'", p, 1, find_row, &fc)) !=
		    DM_OK)
			return st;
	}
	if (!fc.found) {
		p[0] = DM_VTEXT(email && email[0] ? email : NULL);
		p[1] = DM_VTEXT(forms_find(f, x->n, "first_name")->value);
		p[2] = DM_VTEXT(forms_find(f, x->n, "last_name")->value);
		p[3] = DM_VTEXT(forms_find(f, x->n, "father_name")->value);
		p[4] = DM_VTEXT(afm && afm[0] ? afm : NULL);
		p[5] = DM_VTEXT(forms_find(f, x->n, "mobile")->value);
		if ((st = db_exec(db_worker(), "INSERT INTO accounts (kind, "
		    "status, email, first_name, last_name, father_name, afm, "
		    "mobile) VALUES ('person', 'active', ?, ?, ?, NULLIF(?, ''), "
		    "?, NULLIF(?, ''))", p, 6, NULL, &id)) != DM_OK)
			return st;
		fc.id = (long long)id;
		audit(x->req, "account_created_at_counter", fc.id, NULL);
	}
	x->account_id = fc.id;
	p[0] = DM_VTEXT(x->sv->svc->code);
	p[1] = DM_VTEXT(x->sv->plugin->name);
	p[2] = DM_VINT(fc.id);
	p[3] = DM_VTEXT(forms_find(f, x->n, "channel")->value);
	p[4] = DM_VINT(x->req->session->account_id);
	if ((st = db_exec(db_worker(), "INSERT INTO requests (service, "
	    "department, account_id, status, channel, created_by) VALUES (?, "
	    "?, ?, 'draft', ?, ?)", p, 5, NULL, &id)) != DM_OK)
		return st;
	x->draft = (long long)id;
	return DM_OK;
}

static dm_status
page_counter(struct dm_req *req)
{
	const struct plugin *p = department(req);
	size_t n = NELEMS(counter_defs), k = 0;
	struct ffield *f = forms_from_defs(req, counter_defs, n);
	struct fchoice *svcs;
	struct dm_node *c;

	if (p == NULL)
		return DM_ENOTFOUND;
	for (const struct dm_service *s = p->desc->services; s && s->code; s++)
		k++;
	svcs = arena_zalloc(req->arena, (k ? k : 1) * sizeof(*svcs));
	k = 0;
	for (const struct dm_service *s = p->desc->services; s && s->code;
	    s++, k++) {
		svcs[k].value = s->code;
		svcs[k].label = pages_l(req, s->title_el, s->title_en);
	}
	f[0].choices = svcs;
	f[0].nchoices = k;
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0) {
			struct counter_ctx x = { req, f, n,
			    services_find(f[0].value), 0, 0 };
			dm_status st;

			if (x.sv == NULL || x.sv->plugin != p)
				return DM_EINPUT;
			if ((st = db_tx(db_worker(), counter_tx, &x)) != DM_OK)
				return st;
			http_redirect(req, arena_printf(req->arena,
			    "/staff/%s/counter/%lld", p->name, x.draft));
			return DM_OK;
		}
		req->status = 422;
	}
	c = render_begin(req, "counter", T(req, "counter.title"));
	dept_attrs(req, c, p);
	forms_node(req, c, "counter", arena_printf(req->arena,
	    "/staff/%s/counter", p->name), "continue", f, n);
	return DM_OK;
}

/* Step two: the service's own form, filled in by the clerk. */
static dm_status
page_counter_request(struct dm_req *req)
{
	const struct plugin *p = department(req);
	const struct service *sv;
	struct request r;
	struct ffield *f;
	struct dm_node *c, *fm;
	size_t n;
	int errors;
	dm_status st;

	if (p == NULL)
		return DM_ENOTFOUND;
	if ((st = request_load(req, pages_arg_id(req, "id"), 0, p->name, &r)) !=
	    DM_OK)
		return st;
	if (r.status != RS_DRAFT) {
		http_redirect(req, arena_printf(req->arena,
		    "/staff/%s/requests/%lld", p->name, r.id));
		return DM_OK;
	}
	sv = services_find(r.service);
	if (sv == NULL)
		return DM_ENOTFOUND;
	f = forms_from_service(req, sv->svc->fields, &n);
	if (req->method == HTTP_POST) {
		if ((st = pages_take_form(req, sv, f, n, r.account_id, &r.id,
		    &errors)) != DM_OK)
			return st;
		if (errors == 0) {
			if ((st = request_submit(req, r.id, r.channel,
			    req->session->account_id)) != DM_OK &&
			    st != DM_ECONFLICT)
				return st;
			audit(req, "request_registered", r.account_id,
			    arena_printf(req->arena, "%lld", r.id));
			http_redirect(req, arena_printf(req->arena,
			    "/staff/%s/requests/%lld?registered=1", p->name,
			    r.id));
			return DM_OK;
		}
		req->status = pages_form_status(req);
	}
	c = render_begin(req, "counter-form", pages_l(req, sv->svc->title_el,
	    sv->svc->title_en));
	dept_attrs(req, c, p);
	pages_request_attrs(req, c, &r, sv);
	pages_files(req, c, r.id, 1, 1, arena_printf(req->arena,
	    "/staff/%s/requests/%lld/files", p->name, r.id));
	fm = forms_node(req, c, "counter-request", arena_printf(req->arena,
	    "/staff/%s/counter/%lld", p->name, r.id), "counter.submit", f, n);
	render_attr(fm, "enctype", "multipart/form-data");
	return DM_OK;
}

/* How requests arrive ---------------------------------------------------- */

struct report_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
};

static dm_status
report_row(void *arg, const struct dm_value *c, size_t n)
{
	struct report_ctx *x = arg;
	struct dm_node *r;
	long long total;

	if (n < 6)
		return DM_EINTERNAL;
	r = render_add(x->list, "month", NULL);
	render_attr(r, "month", c[0].s);
	render_attr_int(r, "web", c[1].i);
	render_attr_int(r, "counter", c[2].i);
	render_attr_int(r, "phone", c[3].i);
	render_attr_int(r, "mail", c[4].i);
	total = c[5].i;
	render_attr_int(r, "total", total);
	render_attr_int(r, "share", total ? (c[1].i * 100 + total / 2) /
	    total : 0);
	return DM_OK;
}

static dm_status
page_reports(struct dm_req *req)
{
	const struct session *s = req->session;
	int admin = session_has_role(s, ROLE_ADMIN, NULL);
	struct dm_node *c = render_begin(req, "reports",
	    T(req, "reports.title"));
	char depts[1024] = "";
	struct report_ctx x = { req, render_add(c, "months", NULL) };
	struct dm_value p[2];

	/* Administrators see everything, staff their departments. */
	for (size_t i = 0; i < s->nroles; i++)
		if (s->roles[i].dept[0] && strlen(depts) + strlen(
		    s->roles[i].dept) + 2 < sizeof(depts)) {
			if (depts[0])
				strcat(depts, ",");
			strcat(depts, s->roles[i].dept);
		}
	p[0] = DM_VINT(admin);
	p[1] = DM_VTEXT(depts);
	render_attr(c, "scope", admin ? "all" : depts);
	return db_query(db_worker(), "SELECT DATE_FORMAT(submitted_at, "
	    "'%Y-%m') m, COUNT(IF(channel = 'web', 1, NULL)), "
	    "COUNT(IF(channel = 'counter', 1, NULL)), COUNT(IF(channel = "
	    "'phone', 1, NULL)), COUNT(IF(channel = 'mail', 1, NULL)), "
	    "COUNT(*) FROM "
	    "requests WHERE submitted_at >= UTC_TIMESTAMP() - INTERVAL 12 "
	    "MONTH AND status <> 'draft' AND (? = 1 OR FIND_IN_SET(department, "
	    "?)) GROUP BY m ORDER BY m DESC", p, 2, report_row, &x);
}

/* Routes -------------------------------------------------------------------- */

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/staff/reports", DM_ROUTE_STAFF, page_reports },
	{ DM_METHOD_GET, "/staff/:dept", DM_ROUTE_STAFF, page_queue },
	{ DM_METHOD_GET, "/staff/:dept/requests/:id", DM_ROUTE_STAFF,
	    page_staff_request },
	{ DM_METHOD_GET, "/staff/:dept/requests/:id/files/:att",
	    DM_ROUTE_STAFF, page_staff_file },
	{ DM_METHOD_POST, "/staff/:dept/requests/:id/:action", DM_ROUTE_STAFF,
	    page_action },
	{ GP, "/staff/:dept/responses", DM_ROUTE_HEAD, page_responses },
	{ DM_METHOD_POST, "/staff/:dept/responses/:rid/delete", DM_ROUTE_HEAD,
	    page_response_delete },
	{ GP, "/staff/:dept/counter", DM_ROUTE_STAFF, page_counter },
	{ GP, "/staff/:dept/counter/:id", DM_ROUTE_STAFF,
	    page_counter_request },
};

const struct route_table pages_staff_routes = { routes, NELEMS(routes) };
