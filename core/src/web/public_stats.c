/*
 * public_stats.c - the municipality's figures for everyone (/statistics,
 * when municipality.public_statistics is on; otherwise not found): over
 * the last twelve months, per month and per department, the requests by
 * channel, the electronic share against the target, completions and the
 * median and 90th percentile time to completion. Aggregates only, from
 * the dashboard's summaries (domain/stats.h); the same as open data in
 * /statistics.csv (per month) and /statistics.json (both).
 */
#include <json-c/json.h>
#include <string.h>

#include "config.h"
#include "pages.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "stats.h"
#include "stats_parts.h"

static dm_status
figures(struct dm_req *req, struct stats_filter *f, char from[11],
    char to[11], struct stats_dashboard *d)
{
	if (!req->cfg->mun_public_statistics)
		return DM_ENOTFOUND;
	sp_default_range(from, to);
	f->from = from;
	f->to = to;
	f->depts = NULL;
	return stats_dashboard(req, f, d);
}

static dm_status
page_statistics(struct dm_req *req)
{
	struct stats_filter f;
	struct stats_dashboard d;
	char from[11], to[11];
	struct dm_node *c, *list;
	dm_status st;

	if ((st = figures(req, &f, from, to, &d)) != DM_OK)
		return st;
	c = render_begin(req, "statistics", pages_t(req, "stats.title"));
	render_attr(c, "from", from);
	render_attr(c, "to", to);
	render_attr_int(c, "target", req->cfg->mun_electronic_target);
	sp_counts_attrs(render_add(c, "total", NULL), &d.rows[SG_TOTAL][0].c);
	for (int g = SG_MONTH; g <= SG_DEPT; g++) {
		list = render_add(c, g == SG_MONTH ? "months" : "departments",
		    NULL);
		for (size_t i = 0; i < d.n[g]; i++) {
			const struct stats_row *r = &d.rows[g][i];
			struct dm_node *n = render_add(list, "row", NULL);

			render_attr(n, "key", r->key);
			render_attr(n, "name", g == SG_MONTH ? r->key :
			    sp_dept_name(req, r->key));
			sp_counts_attrs(n, &r->c);
			render_attr(n, "median", sp_duration(req,
			    r->c.median_lo, r->c.median_hi));
			render_attr(n, "p90", sp_duration(req, r->c.p90_lo,
			    r->c.p90_hi));
		}
	}
	return DM_OK;
}

static const char *const csv_head[] = { "reports.month", "dash.col.web",
	"channel.counter", "channel.phone", "channel.mail", "reports.total",
	"reports.share", "dash.col.completed", "dash.col.median",
	"dash.col.p90", NULL };

static dm_status
page_csv(struct dm_req *req)
{
	struct stats_filter f;
	struct stats_dashboard d;
	char from[11], to[11];
	struct arena_vec b = { NULL, 0, 0 };
	const char *bom = "\xef\xbb\xbf";
	dm_status st;

	if ((st = figures(req, &f, from, to, &d)) != DM_OK)
		return st;
	for (; *bom; bom++)
		*(char *)arena_push(req->arena, &b, 1) = *bom;
	for (size_t i = 0; csv_head[i]; i++)
		sp_csv_cell(&b, req, pages_t(req, csv_head[i]),
		    csv_head[i + 1] == NULL);
	for (size_t i = 0; i < d.n[SG_MONTH]; i++) {
		const struct stats_row *r = &d.rows[SG_MONTH][i];

		sp_csv_cell(&b, req, r->key, 0);
		for (int ch = 0; ch < SC__MAX; ch++)
			sp_csv_num(&b, req, r->c.channel[ch], 0);
		sp_csv_num(&b, req, r->c.submitted, 0);
		sp_csv_num(&b, req, sp_pct(r->c.channel[SC_WEB],
		    r->c.submitted), 0);
		sp_csv_num(&b, req, r->c.completed, 0);
		sp_csv_cell(&b, req, sp_duration(req, r->c.median_lo,
		    r->c.median_hi), 0);
		sp_csv_cell(&b, req, sp_duration(req, r->c.p90_lo,
		    r->c.p90_hi), 1);
	}
	http_header(req, "Access-Control-Allow-Origin", "*");
	pages_send_file(req, arena_printf(req->arena,
	    "dimos-statistics-%s-%s.csv", from, to), "text/csv; charset=utf-8",
	    b.v, b.n);
	return DM_OK;
}

/* One row's figures as JSON; times in seconds, [lower, upper) of the
 * histogram bucket (upper null: a year or more). */
static json_object *
row_json(const struct stats_row *r, const char *name)
{
	const struct stats_counts *c = &r->c;
	json_object *o = json_object_new_object();
	json_object *ch = json_object_new_object();

	json_object_object_add(o, name, json_object_new_string(r->key));
	for (int i = 0; i < SC__MAX; i++)
		json_object_object_add(ch, stats_channel_name(i),
		    json_object_new_int64(c->channel[i]));
	json_object_object_add(o, "submitted",
	    json_object_new_int64(c->submitted));
	json_object_object_add(o, "channels", ch);
	json_object_object_add(o, "electronic_share_percent",
	    json_object_new_int64(sp_pct(c->channel[SC_WEB], c->submitted)));
	json_object_object_add(o, "completed",
	    json_object_new_int64(c->completed));
	for (int k = 0; k < 2; k++) {
		long long lo = k ? c->p90_lo : c->median_lo;
		long long hi = k ? c->p90_hi : c->median_hi;
		json_object *a = NULL;

		if (lo >= 0) {
			a = json_object_new_array();
			json_object_array_add(a, json_object_new_int64(lo));
			json_object_array_add(a, hi < 0 ? NULL :
			    json_object_new_int64(hi));
		}
		json_object_object_add(o, k ? "p90_completion_seconds" :
		    "median_completion_seconds", a);
	}
	return o;
}

static dm_status
page_json(struct dm_req *req)
{
	struct stats_filter f;
	struct stats_dashboard d;
	char from[11], to[11];
	json_object *root, *a;
	const char *text;
	dm_status st;

	if ((st = figures(req, &f, from, to, &d)) != DM_OK)
		return st;
	root = json_object_new_object();
	json_object_object_add(root, "municipality", json_object_new_string(
	    pages_l(req, req->cfg->mun_name_el, req->cfg->mun_name_en)));
	json_object_object_add(root, "from", json_object_new_string(from));
	json_object_object_add(root, "to", json_object_new_string(to));
	json_object_object_add(root, "electronic_target_percent",
	    json_object_new_int(req->cfg->mun_electronic_target));
	json_object_object_add(root, "total", row_json(&d.rows[SG_TOTAL][0],
	    "period"));
	for (int g = SG_MONTH; g <= SG_DEPT; g++) {
		a = json_object_new_array();
		for (size_t i = 0; i < d.n[g]; i++)
			json_object_array_add(a, row_json(&d.rows[g][i],
			    g == SG_MONTH ? "month" : "department"));
		json_object_object_add(root, g == SG_MONTH ? "months" :
		    "departments", a);
	}
	text = arena_strdup(req->arena, json_object_to_json_string_ext(root,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	http_header(req, "Access-Control-Allow-Origin", "*");
	http_header(req, "Cache-Control", "public, max-age=300");
	http_send(req, 200, "application/json; charset=utf-8", text,
	    strlen(text));
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/statistics", DM_ROUTE_PUBLIC, page_statistics },
	{ DM_METHOD_GET, "/statistics.csv", DM_ROUTE_PUBLIC, page_csv },
	{ DM_METHOD_GET, "/statistics.json", DM_ROUTE_PUBLIC, page_json },
};

const struct route_table public_stats_routes = { routes, NELEMS(routes) };
