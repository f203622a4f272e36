/*
 * public_reports.c - the public view of reports (public_reports.h).
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "plugins.h"
#include "public_reports.h"
#include "req.h"
#include "requests.h"

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

int
public_report_service(const struct service *sv)
{
	return sv != NULL && !sv->disabled &&
	    (sv->svc->flags & DM_SERVICE_LOCATION) &&
	    !(sv->svc->flags & DM_SERVICE_CONFIDENTIAL) &&
	    sv->svc->result != DM_RESULT_CERTIFICATE;
}

int
public_report_view(const struct service *sv, struct public_report *r)
{
	if (!public_report_service(sv) || r->requested == NULL ||
	    strcmp(r->status, "draft") == 0)
		return 0;
	if (r->has_point) {
		r->lat = round(r->lat / PUBLIC_GRID) * PUBLIC_GRID;
		r->lon = round(r->lon / PUBLIC_GRID) * PUBLIC_GRID;
	}
	return 1;
}

/* "service IN (?, ...)" of the public services, their codes into p from
 * k on; NULL when there is none. */
static const char *
public_services(struct dm_req *req, struct dm_value *p, size_t *k,
    const char *only)
{
	const char *b = "";
	size_t first = *k;

	for (size_t i = 0; i < services_count(); i++) {
		const struct service *sv = services_at(i);

		if (!public_report_service(sv) || (only != NULL &&
		    strcmp(only, sv->svc->code) != 0))
			continue;
		p[(*k)++] = DM_VTEXT(sv->svc->code);
	}
	if (*k == first)
		return NULL;
	app(req, &b, "r.service IN (?");
	for (size_t i = first + 1; i < *k; i++)
		app(req, &b, ", ?");
	app(req, &b, ")");
	return b;
}

/* Rows read into an array of cap elements (reports or updates). */
struct rows {
	struct dm_req	*req;
	void		*v;
	size_t		 n, cap;
};

static dm_status
report_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rows *x = arg;
	struct public_report r;

	if (n < 9 || x->n == x->cap)
		return DM_EINTERNAL;
	memset(&r, 0, sizeof(r));
	r.id = c[0].i;
	r.service = db_text(x->req->arena, &c[1]);
	r.department = db_text(x->req->arena, &c[2]);
	r.status = db_text(x->req->arena, &c[3]);
	r.requested = db_text(x->req->arena, &c[4]);
	r.updated = db_text(x->req->arena, &c[5]);
	r.due_date = db_text(x->req->arena, &c[6]);
	if (c[7].type != DM_V_NULL && c[8].type != DM_V_NULL) {
		r.has_point = 1;
		r.lat = strtod(c[7].s, NULL);
		r.lon = strtod(c[8].s, NULL);
	}
	if (public_report_view(services_find(r.service), &r))
		((struct public_report *)x->v)[x->n++] = r;
	return DM_OK;
}

#define MAX_PARAMS	512

dm_status
public_reports(struct dm_req *req, const struct public_filter *f,
    struct public_report **v, size_t *n)
{
	struct dm_value *p = arena_zalloc(req->arena, MAX_PARAMS *
	    sizeof(*p));
	const char *sql = "";
	struct rows x = { req, NULL, 0, f->limit };
	const char *in;
	size_t k = 0;
	dm_status st;

	*v = NULL;
	*n = 0;
	if (f->nids + services_count() + 8 > MAX_PARAMS)
		return DM_ELIMIT;
	if ((in = public_services(req, p, &k, f->service)) == NULL)
		return DM_OK;
	app(req, &sql, "SELECT r.id, r.service, "
	    "r.department, r.status, DATE_FORMAT(r.submitted_at, "
	    "'%%Y-%%m-%%d %%H:%%i:%%s'), DATE_FORMAT(r.updated_at, "
	    "'%%Y-%%m-%%d %%H:%%i:%%s'), DATE_FORMAT(r.due_date, "
	    "'%%Y-%%m-%%d'), r.lat, r.lon FROM requests r WHERE %s AND "
	    "r.status <> 'draft' AND r.submitted_at IS NOT NULL", in);
	if (f->nids > 0) {
		app(req, &sql, " AND r.id IN (?");
		p[k++] = DM_VINT(f->ids[0]);
		for (size_t i = 1; i < f->nids; i++) {
			app(req, &sql, ", ?");
			p[k++] = DM_VINT(f->ids[i]);
		}
		app(req, &sql, ")");
	}
	if (f->from != NULL) {
		app(req, &sql,
		    " AND r.submitted_at >= ?");
		p[k++] = DM_VTEXT(f->from);
	}
	if (f->to != NULL) {
		app(req, &sql,
		    " AND r.submitted_at < ?");
		p[k++] = DM_VTEXT(f->to);
	}
	if (f->statuses != 0) {
		const char *sep = " AND r.status IN (";

		for (int s = 0; s < RS__MAX; s++)
			if (f->statuses & RS_BIT(s)) {
				app(req, &sql, "%s?",
				    sep);
				p[k++] = DM_VTEXT(rs_name((enum rstatus)s));
				sep = ", ";
			}
		app(req, &sql, ")");
	}
	app(req, &sql, " ORDER BY r.submitted_at "
	    "DESC, r.id DESC LIMIT %zu", f->limit);
	x.v = arena_zalloc(req->arena, (f->limit + 1) * sizeof(**v));
	if ((st = db_query(db_worker(), sql, p, k, report_row, &x)) !=
	    DM_OK)
		return st;
	*v = x.v;
	*n = x.n;
	return DM_OK;
}

static dm_status
update_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rows *x = arg;
	struct public_update *u;

	if (n < 4 || x->n == x->cap)
		return DM_EINTERNAL;
	u = &((struct public_update *)x->v)[x->n++];
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
	struct dm_value *p = arena_zalloc(req->arena, MAX_PARAMS *
	    sizeof(*p));
	const char *sql = "";
	struct rows x = { req, NULL, 0, limit };
	const char *in;
	size_t k = 0;
	dm_status st;

	*v = NULL;
	*n = 0;
	if (services_count() + 4 > MAX_PARAMS)
		return DM_ELIMIT;
	if ((in = public_services(req, p, &k, NULL)) == NULL)
		return DM_OK;
	app(req, &sql, "SELECT e.id, e.request_id, "
	    "e.to_status, DATE_FORMAT(e.at, '%%Y-%%m-%%d %%H:%%i:%%s') FROM "
	    "request_events e JOIN requests r ON r.id = e.request_id WHERE "
	    "%s AND e.visibility = 'public' AND e.to_status IS NOT NULL AND "
	    "e.to_status <> 'draft'", in);
	if (from != NULL) {
		app(req, &sql, " AND e.at >= ?");
		p[k++] = DM_VTEXT(from);
	}
	if (to != NULL) {
		app(req, &sql, " AND e.at < ?");
		p[k++] = DM_VTEXT(to);
	}
	app(req, &sql, " ORDER BY e.at, e.id LIMIT "
	    "%zu", limit);
	x.v = arena_zalloc(req->arena, (limit + 1) * sizeof(**v));
	if ((st = db_query(db_worker(), sql, p, k, update_row, &x)) !=
	    DM_OK)
		return st;
	*v = x.v;
	*n = x.n;
	return DM_OK;
}
