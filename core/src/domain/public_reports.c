/*
 * public_reports.c - reports about a place, in public; followers and
 * merging duplicates (public_reports.h).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "i18n.h"
#include "localtime.h"
#include "mailbox.h"
#include "plugins.h"
#include "public_reports.h"
#include "req.h"
#include "requests.h"

int
public_report_service(const struct service *sv)
{
	unsigned f = sv != NULL ? sv->svc->flags : 0;

	return (f & DM_SERVICE_REPORT) && (f & DM_SERVICE_LOCATION) &&
	    !(f & DM_SERVICE_CONFIDENTIAL) &&
	    sv->svc->result != DM_RESULT_CERTIFICATE;
}

/* The rule's other parts, on requests r (every query below has them):
 * a point, and open (Open311 reads closed ones too: PUBLIC_SENT). */
#define PUBLIC_POINT	"r.lat IS NOT NULL AND r.lon IS NOT NULL"
#define PUBLIC_WHERE	"r.status IN ('submitted', 'in_progress', " \
    "'awaiting_citizen') AND r.merged_into IS NULL AND " PUBLIC_POINT
#define PUBLIC_SENT	"r.status <> 'draft' AND r.submitted_at IS NOT " \
    "NULL AND " PUBLIC_POINT
/* The same two rules as columns MariaDB computes and indexes (schema/026),
 * for the lists, newest first: public_open is PUBLIC_WHERE (index
 * (public_open, id)); public_sent_at is the time a report PUBLIC_SENT
 * selects was submitted, NULL for any other (index (public_sent_at, id)).
 * A page reads its own rows in the index's order, not every report. */
#define PUBLIC_OPEN_ORDER	"r.public_open = 1"
#define PUBLIC_SENT_AT		"r.public_sent_at"

#define PUBLIC_COLUMNS	"r.id, r.service, r.department, r.status, r.lat, " \
    "r.lon, r.settlement, DATE_FORMAT(r.submitted_at, " \
    "'%%Y-%%m-%%d %%H:%%i:%%s'), " \
    "(SELECT COUNT(*) FROM request_followers f WHERE f.request_id = " \
    "r.id), (SELECT GROUP_CONCAT(a.id ORDER BY a.id) FROM attachments a " \
    "WHERE a.request_id = r.id AND a.public = 1 AND a.internal = 0 AND " \
    "a.thumb_sha256 IS NOT NULL), r.status, DATE_FORMAT(r.submitted_at, " \
    "'%%Y-%%m-%%d %%H:%%i:%%s'), DATE_FORMAT(r.updated_at, " \
    "'%%Y-%%m-%%d %%H:%%i:%%s'), DATE_FORMAT(r.due_date, '%%Y-%%m-%%d')"

/* "service IN (?, ...)" over the public services (one if only is given:
 * none if it is not one of them), its parameters appended to p from *np;
 * NULL when there is no such service. */
static const char *
services_in(struct dm_req *req, const char *only, struct dm_value *p,
    size_t *np, size_t room)
{
	const char *marks = NULL;
	size_t k = 0;

	for (size_t i = 0; i < services_count() && k < room; i++) {
		const struct service *sv = services_at(i);

		if (!public_report_service(sv) || (only != NULL && only[0] &&
		    strcmp(only, sv->svc->code) != 0))
			continue;
		marks = marks == NULL ? "?" : arena_printf(req->arena,
		    "%s, ?", marks);
		p[(*np)++] = DM_VTEXT(sv->svc->code);
		k++;
	}
	return marks == NULL ? NULL : arena_printf(req->arena,
	    "r.service IN (%s)", marks);
}

static double
num(const struct dm_value *v)
{
	if (v->type == DM_V_DOUBLE)
		return v->d;
	if (v->type == DM_V_INT)
		return (double)v->i;
	return v->type == DM_V_TEXT && v->s != NULL ? strtod(v->s, NULL) : 0;
}

struct list_ctx {
	struct dm_req		*req;
	struct arena_vec	 v;
	int			 nearby;
	struct geo_point	 from;
	double			 radius;
};

static void
photos(struct public_report *r, const char *list)
{
	char *end;

	r->nphoto = 0;
	while (list != NULL && *list && r->nphoto < PUBLIC_PHOTOS_MAX) {
		long long id = strtoll(list, &end, 10);

		if (end == list)
			break;
		r->photo[r->nphoto++] = id;
		list = *end == ',' ? end + 1 : end;
	}
}

static dm_status
report_row(void *arg, const struct dm_value *c, size_t n)
{
	struct list_ctx *x = arg;
	struct public_report r;
	struct geo_point exact;

	if (n < 14)
		return DM_EINTERNAL;
	memset(&r, 0, sizeof(r));
	exact.lat = num(&c[4]);
	exact.lon = num(&c[5]);
	if (x->nearby) {
		r.distance_m = geo_distance_m(x->from, exact);
		if (r.distance_m > x->radius)
			return DM_OK;	/* in the box, not in the circle */
	}
	r.id = c[0].i;
	r.service = db_text(x->req->arena, &c[1]);
	r.department = db_text(x->req->arena, &c[2]);
	r.state = db_text(x->req->arena, &c[10]);
	r.status = r.state == NULL || strcmp(r.state, "submitted") == 0 ?
	    "open" : strcmp(r.state, "in_progress") == 0 ||
	    strcmp(r.state, "awaiting_citizen") == 0 ? "in_progress" :
	    "closed";
	r.requested = db_text(x->req->arena, &c[11]);
	r.updated = db_text(x->req->arena, &c[12]);
	r.due_date = db_text(x->req->arena, &c[13]);
	r.at = geo_approximate(exact, PUBLIC_GRID_M);
	r.settlement = db_text(x->req->arena, &c[6]);
	r.submitted = lt_day(x->req->arena, db_text(x->req->arena, &c[7]));
	r.followers = c[8].type == DM_V_INT ? c[8].i : 0;
	photos(&r, db_text(x->req->arena, &c[9]));
	*(struct public_report *)arena_push(x->req->arena, &x->v,
	    sizeof(r)) = r;
	return DM_OK;
}

dm_status
public_reports_list(struct dm_req *req, const struct public_filter *f,
    struct public_report **v, size_t *n)
{
	struct list_ctx x = { req, { NULL, 0, 0 }, 0, { 0, 0 }, 0 };
	struct dm_value p[64];
	size_t np = 0, limit = f->limit < 1 || f->limit > PUBLIC_PAGE ?
	    PUBLIC_PAGE : f->limit;
	const char *in;
	dm_status st;

	*v = NULL;
	*n = 0;
	if ((in = services_in(req, f->service, p, &np, 56)) == NULL)
		return DM_OK;
	for (int k = 0; k < 2; k++)
		p[np++] = DM_VTEXT(f->department && f->department[0] ?
		    f->department : NULL);
	for (int k = 0; k < 2; k++)
		p[np++] = DM_VTEXT(f->settlement && f->settlement[0] ?
		    f->settlement : NULL);
	p[np++] = DM_VINT(f->before > 0 ? f->before : LLONG_MAX);
	p[np++] = DM_VINT((long long)limit + 1);
	/* A range of an index from the page's start down (keyset: page
	 * fifty costs what page one does): (public_open, id) for every
	 * service's, (service, public_open, id) for one service's. Forced:
	 * MariaDB 10.11 would otherwise read the open reports by
	 * requests_near and sort them all. */
	st = db_query(db_worker(), arena_printf(req->arena, "SELECT "
	    PUBLIC_COLUMNS " FROM requests r FORCE INDEX (%s) WHERE "
	    PUBLIC_OPEN_ORDER " AND %s AND " PUBLIC_WHERE " AND (? IS NULL "
	    "OR r.department = ?) AND (? IS NULL OR r.settlement = ?) AND "
	    "r.id < ? ORDER BY r.id DESC LIMIT ?", f->service != NULL ?
	    "requests_public_service" : "requests_public_open", in), p, np,
	    report_row, &x);
	if (st != DM_OK)
		return st;
	*v = x.v.v;
	*n = x.v.n;
	return DM_OK;
}

dm_status
public_report_get(struct dm_req *req, long long id, struct public_report *out)
{
	struct list_ctx x = { req, { NULL, 0, 0 }, 0, { 0, 0 }, 0 };
	struct dm_value p[64];
	size_t np = 0;
	const char *in;
	dm_status st;

	if ((in = services_in(req, NULL, p, &np, 62)) == NULL)
		return DM_ENOTFOUND;
	p[np++] = DM_VINT(id);
	st = db_query(db_worker(), arena_printf(req->arena, "SELECT "
	    PUBLIC_COLUMNS " FROM requests r WHERE %s AND " PUBLIC_WHERE
	    " AND r.id = ?", in), p, np, report_row, &x);
	if (st != DM_OK)
		return st;
	if (x.v.n == 0)
		return DM_ENOTFOUND;
	*out = *(struct public_report *)x.v.v;
	return DM_OK;
}

dm_status
public_report_photo(struct dm_req *req, long long id, long long att)
{
	struct public_report r;
	dm_status st;

	if ((st = public_report_get(req, id, &r)) != DM_OK)
		return st;
	for (size_t i = 0; i < r.nphoto; i++)
		if (r.photo[i] == att)
			return DM_OK;
	return DM_ENOTFOUND;
}

struct draft_point {
	struct arena		*arena;
	int			 found;
	struct geo_point	 at;
	const char		*service;
};

static dm_status
point_row(void *arg, const struct dm_value *c, size_t n)
{
	struct draft_point *d = arg;

	if (n < 3 || c[0].type == DM_V_NULL || c[1].type == DM_V_NULL)
		return DM_OK;
	d->found = 1;
	d->at.lat = num(&c[0]);
	d->at.lon = num(&c[1]);
	d->service = db_text(d->arena, &c[2]);
	return DM_OK;
}

static int
by_distance(const void *a, const void *b)
{
	double x = ((const struct public_report *)a)->distance_m;
	double y = ((const struct public_report *)b)->distance_m;

	return x < y ? -1 : x > y;
}

dm_status
public_reports_nearby(struct dm_req *req, long long draft,
    struct public_report **v, size_t *n)
{
	struct draft_point d = { req->arena, 0, { 0, 0 }, NULL };
	struct list_ctx x = { req, { NULL, 0, 0 }, 1, { 0, 0 }, 0 };
	struct dm_value p[9];
	struct geo_bbox box;
	dm_status st;

	*v = NULL;
	*n = 0;
	p[0] = DM_VINT(draft);
	if ((st = db_query(db_worker(), "SELECT lat, lon, service FROM "
	    "requests WHERE id = ?", p, 1, point_row, &d)) != DM_OK)
		return st;
	if (!d.found || !public_report_service(services_find(d.service)))
		return DM_OK;
	x.from = d.at;
	x.radius = req->cfg->places_nearby_m;
	box = geo_bbox_around(d.at, x.radius);
	/* The box drives the index (service, status, lat); the circle is
	 * checked on each row. */
	p[0] = DM_VTEXT(d.service);
	p[1] = (struct dm_value){ .type = DM_V_DOUBLE, .d = box.south };
	p[2] = (struct dm_value){ .type = DM_V_DOUBLE, .d = box.north };
	p[3] = (struct dm_value){ .type = DM_V_DOUBLE, .d = box.west };
	p[4] = (struct dm_value){ .type = DM_V_DOUBLE, .d = box.east };
	p[5] = DM_VINT(req->cfg->places_nearby_days);
	p[6] = DM_VINT(draft);
	st = db_query(db_worker(), arena_printf(req->arena, "SELECT "
	    PUBLIC_COLUMNS " FROM requests r WHERE r.service = ? AND "
	    PUBLIC_WHERE " AND r.lat BETWEEN ? AND ? AND r.lon BETWEEN ? AND ? "
	    "AND r.submitted_at >= UTC_TIMESTAMP(6) - INTERVAL ? DAY AND r.id "
	    "<> ? ORDER BY r.id DESC LIMIT 200"), p, 7, report_row, &x);
	if (st != DM_OK)
		return st;
	*v = x.v.v;
	*n = x.v.n;
	if (*n > 1)
		qsort(*v, *n, sizeof(**v), by_distance);
	if (*n > PUBLIC_PAGE)
		*n = PUBLIC_PAGE;
	return DM_OK;
}

/* Followers -------------------------------------------------------------- */

dm_status
public_report_follow(struct dm_req *req, long long id, long long account_id)
{
	struct public_report r;
	struct dm_value p[3] = { DM_VINT(id), DM_VINT(account_id),
	    DM_VINT(account_id) };
	dm_status st;

	if ((st = public_report_get(req, id, &r)) != DM_OK)
		return st;
	/* The reporter hears of it anyway. */
	return db_exec(db_worker(), "INSERT IGNORE INTO request_followers "
	    "(request_id, account_id) SELECT id, ? FROM requests WHERE id = ? "
	    "AND account_id <> ?", (struct dm_value[]){ p[1], p[0], p[2] }, 3,
	    NULL, NULL);
}

dm_status
public_report_unfollow(struct dm_req *req, long long id, long long account_id)
{
	struct dm_value p[2] = { DM_VINT(id), DM_VINT(account_id) };

	(void)req;
	return db_exec(db_worker(), "DELETE FROM request_followers WHERE "
	    "request_id = ? AND account_id = ?", p, 2, NULL, NULL);
}

int
public_report_following(struct dm_req *req, long long id, long long account_id)
{
	struct dm_value p[2] = { DM_VINT(id), DM_VINT(account_id) };
	long long one;

	(void)req;
	return db_query_int(db_worker(), "SELECT 1 FROM request_followers "
	    "WHERE request_id = ? AND account_id = ?", p, 2, &one) == DM_OK;
}

dm_status
public_report_forget_account(struct dm_req *req, long long account_id)
{
	struct dm_value p = DM_VINT(account_id);

	(void)req;
	return db_exec(db_worker(), "DELETE FROM request_followers WHERE "
	    "account_id = ?", &p, 1, NULL, NULL);
}

dm_status
public_reports_export(struct db *db, long long account_id,
    struct json_object *root)
{
	static const char *const keys[] = { "request_id", "protocol",
	    "service", "since", "merged_from", NULL };
	struct dm_value p = DM_VINT(account_id);

	return db_query_json(db, "SELECT f.request_id, IF(r.protocol_no IS "
	    "NULL, NULL, CONCAT(r.protocol_no, '/', r.protocol_year)), "
	    "r.service, f.since, f.merged_from FROM request_followers f "
	    "JOIN requests r ON r.id = f.request_id WHERE f.account_id = ? "
	    "ORDER BY f.request_id", &p, 1, keys, root, "following");
}

struct withdraw_ctx {
	struct dm_req		*req;
	const struct request	*r;
};

static dm_status
withdraw_tx(void *arg)
{
	struct withdraw_ctx *x = arg;
	const struct service *sv = services_find(x->r->service);
	dm_status st;

	if ((st = request_withdraw(x->req, x->r)) != DM_OK)
		return st;
	if (sv == NULL || !public_report_service(sv))
		return DM_OK;
	return public_report_tell_followers(x->req, x->r,
	    "mailbox.followed.withdraw", NULL);
}

dm_status
public_report_withdraw(struct dm_req *req, const struct request *r)
{
	struct withdraw_ctx x = { req, r };

	return db_tx(db_worker(), withdraw_tx, &x);
}

struct tell_ctx {
	struct arena_vec	 ids;
	struct arena		*arena;
};

static dm_status
follower_row(void *arg, const struct dm_value *c, size_t n)
{
	struct tell_ctx *x = arg;

	if (n < 1)
		return DM_EINTERNAL;
	*(long long *)arena_push(x->arena, &x->ids, sizeof(long long)) =
	    c[0].i;
	return DM_OK;
}

dm_status
public_report_tell_followers(struct dm_req *req, const struct request *r,
    const char *title_key, const char *body)
{
	struct tell_ctx x = { { NULL, 0, 0 }, req->arena };
	struct dm_value p = DM_VINT(r->id);
	dm_status st;

	if ((st = db_query(db_worker(), "SELECT account_id FROM "
	    "request_followers WHERE request_id = ? ORDER BY account_id", &p,
	    1, follower_row, &x)) != DM_OK)
		return st;
	for (size_t i = 0; i < x.ids.n; i++) {
		long long who = ((long long *)x.ids.v)[i];
		enum i18n_lang lang = mailbox_lang(req, who);
		const char *const vars[] = { "protocol", r->protocol, NULL };
		const char *title = i18n_format(req->arena, lang, title_key,
		    vars);
		const char *text = body ? body : i18n_format(req->arena, lang,
		    arena_printf(req->arena, "%s.text", title_key), vars);

		/* Not the follower's request: the item stands alone. */
		if ((st = mailbox_deliver(req, who, 0, "message", title, text,
		    0, 0)) != DM_OK)
			return st;
	}
	return DM_OK;
}

/* Merging ---------------------------------------------------------------- */

struct merge_ctx {
	struct dm_req		*req;
	const struct request	*dup, *kept;
};

static dm_status
merge_tx(void *arg)
{
	struct merge_ctx *x = arg;
	struct dm_req *req = x->req;
	const struct request *dup = x->dup, *kept = x->kept;
	struct dm_value p[4];
	uint64_t changed = 0;
	char kstatus[24];
	enum i18n_lang lang = mailbox_lang(req, dup->account_id);
	const char *const vars[] = { "protocol", dup->protocol, "kept",
	    kept->protocol, NULL };
	const char *body = i18n_format(req->arena, lang, "merge.body", vars);
	dm_status st;

	/* The kept one must still be open and not merged itself: locked
	 * until the end, so it cannot close or be merged meanwhile. */
	p[0] = DM_VINT(kept->id);
	p[1] = DM_VINT(dup->id);
	if ((st = db_query_text(db_worker(), "SELECT status FROM requests "
	    "WHERE id = ? AND merged_into IS NULL FOR UPDATE", p, 1, kstatus,
	    sizeof(kstatus))) != DM_OK && st != DM_ENOTFOUND)
		return st;
	if (st == DM_ENOTFOUND || !(RS_BIT(rs_parse(kstatus)) & RS_OPEN))
		return DM_ECONFLICT;
	if ((st = db_exec(db_worker(), "UPDATE requests SET merged_into = ? "
	    "WHERE id = ? AND merged_into IS NULL", p, 2, &changed, NULL)) !=
	    DM_OK)
		return st;
	if (changed == 0)
		return DM_ECONFLICT;
	if ((st = request_transition(req, dup, RS_COMPLETED, "merged", body,
	    NULL)) != DM_OK)
		return st;
	/* Its reporter and its followers follow the one kept (its own
	 * reporter needs not). */
	p[2] = DM_VINT(kept->account_id);
	if ((st = db_exec(db_worker(), "INSERT IGNORE INTO request_followers "
	    "(request_id, account_id, merged_from) SELECT ?, account_id, id "
	    "FROM requests WHERE id = ? AND account_id <> ?", p, 3, NULL,
	    NULL)) != DM_OK)
		return st;
	if ((st = db_exec(db_worker(), "INSERT IGNORE INTO request_followers "
	    "(request_id, account_id, merged_from) SELECT ?, account_id, "
	    "request_id FROM request_followers WHERE request_id = ? AND "
	    "account_id <> ?", p, 3, NULL, NULL)) != DM_OK)
		return st;
	if ((st = public_report_tell_followers(req, dup, "mailbox.merged",
	    body)) != DM_OK)
		return st;
	return mailbox_deliver(req, dup->account_id, dup->id, "message",
	    i18n_format(req->arena, lang, "mailbox.merged", vars), body, 0,
	    0);
}

dm_status
public_report_merge(struct dm_req *req, const struct request *dup,
    const struct request *kept, const char **why)
{
	struct merge_ctx x = { req, dup, kept };

	*why = NULL;
	if (dup->id == kept->id)
		*why = "merge.same";
	else if (strcmp(dup->department, kept->department) != 0)
		*why = "merge.other_department";
	else if (!public_report_service(services_find(dup->service)) ||
	    !public_report_service(services_find(kept->service)))
		*why = "merge.not_report";
	else if (!(RS_BIT(dup->status) & RS_OPEN) ||
	    !(RS_BIT(kept->status) & RS_OPEN))
		*why = "merge.closed";
	if (*why != NULL)
		return DM_EINPUT;
	return db_tx(db_worker(), merge_tx, &x);
}

dm_status
public_report_show_photo(struct dm_req *req, long long id, long long att,
    int on)
{
	struct dm_value p[3] = { DM_VINT(on != 0), DM_VINT(att), DM_VINT(id) };
	long long one;
	dm_status st;

	(void)req;
	if ((st = db_query_int(db_worker(), "SELECT 1 FROM attachments WHERE "
	    "id = ? AND request_id = ? AND internal = 0 AND thumb_sha256 IS "
	    "NOT NULL", p + 1, 2, &one)) != DM_OK)
		return st;
	return db_exec(db_worker(), "UPDATE attachments SET public = ? WHERE "
	    "id = ? AND request_id = ?", p, 3, NULL, NULL);
}

/* Open311 -------------------------------------------------------------- */

/* Appends to the text *s (arena). */
static void __attribute__((format(printf, 3, 4)))
app(struct dm_req *req, const char **s, const char *fmt, ...)
{
	va_list ap;
	const char *t;

	va_start(ap, fmt);
	t = arena_vprintf(req->arena, fmt, ap);
	va_end(ap);
	*s = arena_printf(req->arena, "%s%s", *s, t);
}

dm_status
public_reports_query(struct dm_req *req, const struct public_query *q,
    struct public_report **v, size_t *n)
{
	struct list_ctx x = { req, { NULL, 0, 0 }, 0, { 0, 0 }, 0 };
	size_t room = services_count() + 1, np = 0;
	struct dm_value *p = arena_zalloc(req->arena, (room + q->nids +
	    RS__MAX + 4) * sizeof(*p));
	const char *in, *sql;
	dm_status st;

	*v = NULL;
	*n = 0;
	if ((in = services_in(req, q->service, p, &np, room)) == NULL)
		return DM_OK;
	/* Newest first by the index, unless ids are asked for: those are
	 * read by the primary key. */
	sql = arena_printf(req->arena, "SELECT " PUBLIC_COLUMNS " FROM "
	    "requests r%s WHERE " PUBLIC_SENT_AT " IS NOT NULL AND %s AND "
	    PUBLIC_SENT, q->nids > 0 ? "" : " FORCE INDEX "
	    "(requests_public_sent)", in);
	if (q->nids > 0) {
		app(req, &sql, " AND r.id IN (?");
		p[np++] = DM_VINT(q->ids[0]);
		for (size_t i = 1; i < q->nids; i++) {
			app(req, &sql, ", ?");
			p[np++] = DM_VINT(q->ids[i]);
		}
		app(req, &sql, ")");
	}
	if (q->from != NULL) {
		app(req, &sql, " AND " PUBLIC_SENT_AT " >= ?");
		p[np++] = DM_VTEXT(q->from);
	}
	if (q->to != NULL) {
		app(req, &sql, " AND " PUBLIC_SENT_AT " < ?");
		p[np++] = DM_VTEXT(q->to);
	}
	if (q->statuses != 0) {
		const char *sep = " AND r.status IN (";

		for (int s = 0; s < RS__MAX; s++)
			if (q->statuses & RS_BIT(s)) {
				app(req, &sql, "%s?", sep);
				p[np++] = DM_VTEXT(rs_name((enum rstatus)s));
				sep = ", ";
			}
		app(req, &sql, ")");
	}
	app(req, &sql, " ORDER BY " PUBLIC_SENT_AT " DESC, r.id DESC "
	    "LIMIT %zu", q->limit);
	if ((st = db_query(db_worker(), sql, p, np, report_row, &x)) != DM_OK)
		return st;
	*v = x.v.v;
	*n = x.v.n;
	return DM_OK;
}

struct update_ctx {
	struct dm_req		*req;
	struct arena_vec	 v;
};

static dm_status
update_row(void *arg, const struct dm_value *c, size_t n)
{
	struct update_ctx *x = arg;
	struct public_update *u;

	if (n < 4)
		return DM_EINTERNAL;
	u = arena_push(x->req->arena, &x->v, sizeof(*u));
	u->id = c[0].i;
	u->request_id = c[1].i;
	u->status = db_text(x->req->arena, &c[2]);
	u->at = db_text(x->req->arena, &c[3]);
	return DM_OK;
}

dm_status
public_report_updates(struct dm_req *req, const char *from, const char *to,
    size_t limit, struct public_update **v, size_t *n)
{
	struct update_ctx x = { req, { NULL, 0, 0 } };
	size_t room = services_count() + 1, np = 0;
	struct dm_value *p = arena_zalloc(req->arena, (room + 4) *
	    sizeof(*p));
	const char *in, *sql;
	dm_status st;

	*v = NULL;
	*n = 0;
	if ((in = services_in(req, NULL, p, &np, room)) == NULL)
		return DM_OK;
	/* The events in their order of time (index events_at, schema/026),
	 * each one's request by its key: a page reads its window's events
	 * until it has its rows, and never sorts every public event. */
	sql = arena_printf(req->arena, "SELECT e.id, e.request_id, "
	    "e.to_status, DATE_FORMAT(e.at, '%%Y-%%m-%%d %%H:%%i:%%s') FROM "
	    "request_events e FORCE INDEX (events_at) STRAIGHT_JOIN requests r "
	    "ON r.id = e.request_id WHERE %s AND " PUBLIC_SENT " AND "
	    "e.visibility = 'public' AND e.to_status IS NOT NULL AND "
	    "e.to_status <> 'draft'", in);
	if (from != NULL) {
		app(req, &sql, " AND e.at >= ?");
		p[np++] = DM_VTEXT(from);
	}
	if (to != NULL) {
		app(req, &sql, " AND e.at < ?");
		p[np++] = DM_VTEXT(to);
	}
	app(req, &sql, " ORDER BY e.at, e.id LIMIT %zu", limit);
	if ((st = db_query(db_worker(), sql, p, np, update_row, &x)) != DM_OK)
		return st;
	*v = x.v.v;
	*n = x.v.n;
	return DM_OK;
}
