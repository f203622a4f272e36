/*
 * row.c - a row's columns, one-integer rows, amounts and dates in the
 * request's memory (dimos/kit/row.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "dimos/kit/date.h"
#include "dimos/kit/money.h"
#include "dimos/kit/row.h"

const char *
kit_col_text(const struct dm_host *h, struct dm_req *req,
    const struct dm_value *v)
{
	if (v->type == DM_V_NULL || v->s == NULL)
		return NULL;
	return h->astrdup(req, v->s);
}

long long
kit_col_int(const struct dm_value *v)
{
	if (v->type == DM_V_INT)
		return v->i;
	if (v->type == DM_V_TEXT && v->s != NULL)
		return strtoll(v->s, NULL, 10);
	return 0;
}

dm_status
kit_row_int(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	if (n < 1)
		return DM_EINTERNAL;
	*v = kit_col_int(&c[0]);
	return DM_OK;
}

const char *
kit_money_str(const struct dm_host *h, struct dm_req *req, long long cents)
{
	char b[KIT_MONEY_BUFSZ];

	kit_money_format(cents, b);
	return h->astrdup(req, b);
}

const char *
kit_date_str(const struct dm_host *h, struct dm_req *req, const char *iso)
{
	char b[32];

	if (iso == NULL)
		return NULL;
	kit_date_short(iso, b, sizeof(b));
	return h->astrdup(req, b);
}

int
kit_print_counts(const struct dm_host *h, const char *who,
    const char *const (*q)[2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		long long v = 0;

		if (h->db_query(NULL, q[i][1], NULL, 0, kit_row_int, &v) !=
		    DM_OK) {
			fprintf(stderr, "%s: the database failed\n", who);
			return 1;
		}
		printf("%s: %lld\n", q[i][0], v);
	}
	return 0;
}

void
kit_panel_note(const struct dm_host *h, struct dm_node *panel,
    const char *kind, const char *text)
{
	struct dm_node *n = h->node_add(panel, "note", text);

	h->node_attr(n, "kind", kind);
}

void
kit_panel_field(const struct dm_host *h, struct dm_node *rec,
    const char *label, const char *value)
{
	struct dm_node *f;

	if (value == NULL)
		return;
	f = h->node_add(rec, "field", value);
	h->node_attr(f, "label", label);
}

void
kit_outcome_line(struct kit_outcome *o, const char *label, const char *value)
{
	if (o->rec == NULL) {
		o->rec = o->h->node_add(o->panel, "record", NULL);
		o->h->node_attr(o->rec, "label", o->h->tr(o->req,
		    o->svc->title_el, o->svc->title_en));
	}
	kit_panel_field(o->h, o->rec, label, value);
}
