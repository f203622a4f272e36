/*
 * stats_parts.c - what the dashboard and the public statistics page share
 * (stats_parts.h): figures as attributes, durations and ratings as text,
 * names of departments and services, CSV cells.
 */
#include <stdio.h>
#include <string.h>

#include "localtime.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "stats.h"
#include "stats_parts.h"

/* A department's name in the page's language, or its code. */
const char *
sp_dept_name(struct dm_req *req, const char *code)
{
	for (size_t i = 0; i < plugins_count(); i++) {
		const struct dm_department *d =
		    plugins_at(i)->desc->department;

		if (d != NULL && strcmp(d->code, code) == 0)
			return pages_l(req, d->name_el, d->name_en);
	}
	return code;
}

const char *
sp_service_name(struct dm_req *req, const char *code)
{
	const struct service *sv = services_find(code);

	return sv ? pages_l(req, sv->svc->title_el, sv->svc->title_en) : code;
}

/* Percent, rounded, of part in whole (0 for none). */
long long
sp_pct(long long part, long long whole)
{
	return whole > 0 ? (part * 100 + whole / 2) / whole : 0;
}

void
sp_counts_attrs(struct dm_node *n, const struct stats_counts *c)
{
	long long offline = c->channel[SC_COUNTER] + c->channel[SC_PHONE] +
	    c->channel[SC_MAIL];

	for (int ch = 0; ch < SC__MAX; ch++)
		render_attr_int(n, stats_channel_name(ch), c->channel[ch]);
	render_attr_int(n, "submitted", c->submitted);
	render_attr_int(n, "offline", offline);
	render_attr_int(n, "share", sp_pct(c->channel[SC_WEB], c->submitted));
	render_attr_int(n, "completed", c->completed);
	render_attr_int(n, "rejected", c->rejected);
	render_attr_int(n, "withdrawn", c->withdrawn);
	render_attr_int(n, "sla-kept", c->sla_kept);
	render_attr_int(n, "sla-missed", c->sla_missed);
	render_attr_int(n, "sla-share", sp_pct(c->sla_kept, c->sla_kept +
	    c->sla_missed));
	render_attr_int(n, "cert-auto", c->cert_auto);
	render_attr_int(n, "cert-clerk", c->cert_clerk);
	render_attr_int(n, "backlog", c->backlog);
	render_attr_int(n, "overdue", c->overdue);
	render_attr_int(n, "timed", c->timed);
	render_attr_int(n, "median-lo", c->median_lo);
	render_attr_int(n, "median-hi", c->median_hi);
	render_attr_int(n, "p90-lo", c->p90_lo);
	render_attr_int(n, "p90-hi", c->p90_hi);
}

/* A completion time's bucket as text: "2–3 h", "5–6 d", "≥ 365 d". */
const char *
sp_duration(struct dm_req *req, long long lo, long long hi)
{
	if (lo < 0)
		return "";
	if (hi < 0)
		return arena_printf(req->arena, "≥ %lld %s", lo / 86400,
		    pages_t(req, "dash.days"));
	if (hi <= 259200)
		return arena_printf(req->arena, "%lld–%lld %s", lo / 3600,
		    hi / 3600, pages_t(req, "dash.hours"));
	return arena_printf(req->arena, "%lld–%lld %s", lo / 86400,
	    hi / 86400, pages_t(req, "dash.days"));
}

/* The average rating with one decimal in the page's language and how
 * many gave one: "4,3 / 5 (12)"; "" when nobody did. */
const char *
sp_rating(struct dm_req *req, const struct stats_counts *c)
{
	long long t;

	if (c->rating_n <= 0)
		return "";
	t = (c->rating_sum * 10 + c->rating_n / 2) / c->rating_n;
	return arena_printf(req->arena, "%lld%s%lld / 5 (%lld)", t / 10,
	    pages_l(req, ",", "."), t % 10, c->rating_n);
}

void
sp_csv_cell(struct arena_vec *b, struct dm_req *req, const char *s, int last)
{
	size_t n = 0;
	char *o;

	/* Quoted, quotes doubled (RFC 4180); a leading = + - @ is text. */
	o = arena_alloc(req->arena, 2 * strlen(s) + 5);
	o[n++] = '"';
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
		o[n++] = '\'';
	for (; *s; s++) {
		if (*s == '"')
			o[n++] = '"';
		o[n++] = *s;
	}
	o[n++] = '"';
	o[n++] = last ? '\n' : ',';
	for (size_t i = 0; i < n; i++)
		*(char *)arena_push(req->arena, b, 1) = o[i];
}

void
sp_csv_num(struct arena_vec *b, struct dm_req *req, long long v, int last)
{
	const char *s = arena_printf(req->arena, "%lld%c", v, last ? '\n' :
	    ',');

	for (; *s; s++)
		*(char *)arena_push(req->arena, b, 1) = *s;
}

/* The default range: the first day of the month eleven months ago to
 * today (a year of whole months and this one so far). */
void
sp_default_range(char from[11], char to[11])
{
	int y, m, d;

	lt_today_iso(to);
	if (sscanf(to, "%4d-%2d-%2d", &y, &m, &d) != 3)
		y = 2000, m = 1;
	m -= 11;
	if (m < 1) {
		m += 12;
		y--;
	}
	snprintf(from, 11, "%04u-%02u-01", (unsigned)y % 10000u,
	    (unsigned)m % 100u);
}
