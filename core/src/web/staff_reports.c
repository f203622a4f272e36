/*
 * staff_reports.c - the dashboard (/staff/reports): the electronic share
 * against the municipality's target (municipality.electronic_target) per
 * month, department and service, with the counter, phone and mail
 * channels; volumes, closures, the SLA kept and missed, the median and
 * 90th percentile time to completion, the backlog and what is overdue,
 * certificates issued at once or by a clerk, the citizens' ratings, and
 * the services that still arrive mostly at the counter. Filters: a range of days and a
 * department; ?csv=<table> downloads a table. Administrators see every
 * department, heads and clerks their own. The figures come from the
 * summary tables (domain/stats.h), never from scanning the requests.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "localtime.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "stats.h"
#include "stats_parts.h"
#include "validate.h"

/* The tables of the page, each also a CSV download. */
static const char *const tables[] = { "months", "departments", "services",
	NULL };

/* The departments the asker may see ("" for all, an administrator's),
 * as "a,b"; NULL if none. */
static const char *
scope_of(struct dm_req *req)
{
	const struct session *s = req->session;
	const char *v = "";

	if (session_has_role(s, ROLE_ADMIN, NULL))
		return "";
	for (size_t i = 0; i < s->nroles; i++)
		if (s->roles[i].dept[0] != '\0')
			v = v[0] ? arena_printf(req->arena, "%s,%s", v,
			    s->roles[i].dept) : s->roles[i].dept;
	return v[0] ? v : NULL;
}

static int
in_list(const char *list, const char *code)
{
	size_t n = strlen(code);

	for (const char *p = list; *p; ) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && memcmp(p, code, n) == 0)
			return 1;
		p += len + (e != NULL);
	}
	return 0;
}

/* CSV ------------------------------------------------------------------- */

static const char *const csv_head[] = { "dash.col.web", "channel.counter",
	"channel.phone", "channel.mail", "reports.total", "reports.share",
	"dash.col.completed", "dash.col.rejected", "dash.col.withdrawn",
	"dash.col.sla_kept", "dash.col.sla_missed", "dash.col.cert_auto",
	"dash.col.cert_clerk", "dash.col.backlog", "dash.col.overdue",
	"dash.col.median", "dash.col.p90", "dash.col.rating", NULL };

static dm_status
send_csv(struct dm_req *req, const struct stats_filter *f,
    const struct stats_dashboard *d, const char *table)
{
	enum stats_group g = strcmp(table, "months") == 0 ? SG_MONTH :
	    strcmp(table, "departments") == 0 ? SG_DEPT : SG_SERVICE;
	struct arena_vec b = { NULL, 0, 0 };
	const char *bom = "\xef\xbb\xbf";	/* spreadsheets read UTF-8 */

	for (; *bom; bom++)
		*(char *)arena_push(req->arena, &b, 1) = *bom;
	if (g == SG_SERVICE) {
		sp_csv_cell(&b, req, pages_t(req, "dash.col.dept"), 0);
		sp_csv_cell(&b, req, "code", 0);
	}
	sp_csv_cell(&b, req, pages_t(req, g == SG_MONTH ? "reports.month" :
	    g == SG_DEPT ? "dash.col.dept" : "dash.col.service"), 0);
	for (size_t i = 0; csv_head[i]; i++)
		sp_csv_cell(&b, req, pages_t(req, csv_head[i]), csv_head[i + 1] ==
		    NULL);
	for (size_t i = 0; i < d->n[g]; i++) {
		const struct stats_row *r = &d->rows[g][i];
		const struct stats_counts *c = &r->c;

		if (g == SG_SERVICE) {
			sp_csv_cell(&b, req, sp_dept_name(req, r->dept), 0);
			sp_csv_cell(&b, req, r->key, 0);
		}
		sp_csv_cell(&b, req, g == SG_MONTH ? r->key : g == SG_DEPT ?
		    sp_dept_name(req, r->key) : sp_service_name(req, r->key), 0);
		for (int ch = 0; ch < SC__MAX; ch++)
			sp_csv_num(&b, req, c->channel[ch], 0);
		sp_csv_num(&b, req, c->submitted, 0);
		sp_csv_num(&b, req, sp_pct(c->channel[SC_WEB], c->submitted), 0);
		sp_csv_num(&b, req, c->completed, 0);
		sp_csv_num(&b, req, c->rejected, 0);
		sp_csv_num(&b, req, c->withdrawn, 0);
		sp_csv_num(&b, req, c->sla_kept, 0);
		sp_csv_num(&b, req, c->sla_missed, 0);
		sp_csv_num(&b, req, c->cert_auto, 0);
		sp_csv_num(&b, req, c->cert_clerk, 0);
		sp_csv_num(&b, req, c->backlog, 0);
		sp_csv_num(&b, req, c->overdue, 0);
		sp_csv_cell(&b, req, sp_duration(req, c->median_lo,
		    c->median_hi), 0);
		sp_csv_cell(&b, req, sp_duration(req, c->p90_lo, c->p90_hi), 0);
		sp_csv_cell(&b, req, sp_rating(req, c), 1);
	}
	pages_send_file(req, arena_printf(req->arena, "dimos-%s-%s-%s.csv",
	    table, f->from, f->to), "text/csv; charset=utf-8", b.v, b.n);
	return DM_OK;
}

/* The page ---------------------------------------------------------------- */

static void
rows_node(struct dm_req *req, struct dm_node *c, const char *name,
    const struct stats_dashboard *d, enum stats_group g)
{
	struct dm_node *list = render_add(c, name, NULL);

	for (size_t i = 0; i < d->n[g]; i++) {
		const struct stats_row *r = &d->rows[g][i];
		struct dm_node *n = render_add(list, "row", NULL);

		render_attr(n, "key", r->key);
		render_attr(n, "name", g == SG_MONTH ? r->key : g == SG_DEPT ?
		    sp_dept_name(req, r->key) : sp_service_name(req, r->key));
		if (g == SG_SERVICE) {
			render_attr(n, "dept", r->dept);
			render_attr(n, "dept-name", sp_dept_name(req, r->dept));
		}
		sp_counts_attrs(n, &r->c);
		render_attr(n, "median", sp_duration(req, r->c.median_lo,
		    r->c.median_hi));
		render_attr(n, "p90", sp_duration(req, r->c.p90_lo,
		    r->c.p90_hi));
		render_attr(n, "rating", sp_rating(req, &r->c));
	}
}

/* A date argument: def if absent; NULL (an error) if not a date. */
static const char *
date_arg(struct dm_req *req, const char *name, const char *def)
{
	const char *v = kv_get(&req->query, name);
	int y, m, d;

	if (v == NULL || *v == '\0')
		return def;
	return val_date(v, &y, &m, &d) ? v : NULL;
}

static dm_status
page_reports(struct dm_req *req)
{
	const char *scope = scope_of(req);
	const char *dept = kv_get(&req->query, "dept");
	const char *csv = kv_get(&req->query, "csv");
	struct stats_filter f;
	struct stats_dashboard d;
	struct dm_node *c, *e, *depts;
	char dfrom[11], dto[11];
	int bad_from = 0, bad_to = 0;
	dm_status st;

	if (scope == NULL)
		return DM_EDENIED;
	sp_default_range(dfrom, dto);
	f.from = date_arg(req, "from", dfrom);
	f.to = date_arg(req, "to", dto);
	if (f.from == NULL) {
		bad_from = 1;
		f.from = dfrom;
	}
	if (f.to == NULL) {
		bad_to = 1;
		f.to = dto;
	}
	if (!bad_from && !bad_to && strcmp(f.from, f.to) > 0)
		bad_to = 2;
	if (dept != NULL && *dept == '\0')
		dept = NULL;
	/* One department, within what the asker may see. */
	if (dept != NULL && scope[0] != '\0' && !in_list(scope, dept))
		return DM_EDENIED;
	f.depts = dept ? dept : scope;
	if (csv != NULL) {
		size_t i;

		for (i = 0; tables[i] && strcmp(tables[i], csv) != 0; i++)
			;
		if (tables[i] == NULL || bad_from || bad_to)
			return DM_EINPUT;
		if ((st = stats_dashboard(req, &f, &d)) != DM_OK)
			return st;
		return send_csv(req, &f, &d, csv);
	}
	if ((st = stats_dashboard(req, &f, &d)) != DM_OK)
		return st;
	c = render_begin(req, "reports", pages_t(req, "reports.title"));
	render_attr(c, "from", kv_get(&req->query, "from") && bad_from ?
	    kv_get(&req->query, "from") : f.from);
	render_attr(c, "to", kv_get(&req->query, "to") && bad_to ?
	    kv_get(&req->query, "to") : f.to);
	render_attr(c, "dept", dept ? dept : "");
	render_attr_int(c, "target", req->cfg->mun_electronic_target);
	render_attr(c, "query", arena_printf(req->arena, "from=%s&to=%s%s%s",
	    f.from, f.to, dept ? "&dept=" : "", dept ? pages_urlencode(req,
	    dept) : ""));
	if (bad_from || bad_to) {
		e = render_add(c, "errors", NULL);
		if (bad_from)
			render_attr(render_add(e, "error", NULL), "field",
			    "from");
		if (bad_to)
			render_attr(render_add(e, "error", NULL), "field",
			    bad_to == 2 ? "to-order" : "to");
	}
	/* The departments to choose from: those the asker may see. */
	depts = render_add(c, "departments-all", NULL);
	for (size_t i = 0; i < plugins_count(); i++) {
		const struct dm_department *dd =
		    plugins_at(i)->desc->department;
		struct dm_node *n;

		if (dd == NULL || (scope[0] && !in_list(scope, dd->code)))
			continue;
		n = render_add(depts, "dept", NULL);
		render_attr(n, "code", dd->code);
		render_attr(n, "name", pages_l(req, dd->name_el, dd->name_en));
	}
	e = render_add(c, "total", NULL);
	sp_counts_attrs(e, &d.rows[SG_TOTAL][0].c);
	render_attr(e, "median", sp_duration(req,
	    d.rows[SG_TOTAL][0].c.median_lo, d.rows[SG_TOTAL][0].c.median_hi));
	render_attr(e, "p90", sp_duration(req, d.rows[SG_TOTAL][0].c.p90_lo,
	    d.rows[SG_TOTAL][0].c.p90_hi));
	render_attr(e, "rating", sp_rating(req, &d.rows[SG_TOTAL][0].c));
	rows_node(req, c, "months", &d, SG_MONTH);
	rows_node(req, c, "departments", &d, SG_DEPT);
	rows_node(req, c, "services", &d, SG_SERVICE);
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/staff/reports", DM_ROUTE_STAFF, page_reports },
};

const struct route_table staff_reports_routes = { routes, NELEMS(routes) };
