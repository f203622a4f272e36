/*
 * request_values.c - the form values the staff queue filters and sorts by.
 * A plugin declares which queue columns are indexed; at submission their
 * values are copied out of the form into request_values, one row each (a
 * multichoice field one per choice), text cut at 191 characters on a
 * character boundary, numbers also as num. The queue then reads the
 * index (department, field, value) instead of the forms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "geo.h"
#include "jsontext.h"
#include "log.h"
#include "places.h"
#include "plugins.h"
#include "req.h"
#include "request_values.h"
#include "validate.h"

#define VALUE_MAX	191	/* characters of request_values.value */

static const struct dm_field *
field_of(const struct dm_service *s, const char *name)
{
	enum column_part part;

	return column_field(s->fields, name, &part);
}

/* Whether a column shows an address's settlement or zone. */
static enum column_part
part_of(const char *column)
{
	size_t n = strlen(column);

	if (n > 11 && strcmp(column + n - 11, ".settlement") == 0)
		return COLUMN_SETTLEMENT;
	if (n > 5 && strcmp(column + n - 5, ".zone") == 0)
		return COLUMN_ZONE;
	return COLUMN_WHOLE;
}

static int
have(const struct queue_column *out, size_t n, const char *field)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(out[i].col->field, field) == 0)
			return 1;
	return 0;
}

size_t
queue_columns(const char *dept, const struct service *sv,
    struct queue_column *out, size_t max)
{
	const struct plugin *p = plugins_find(dept);
	size_t n = 0;

	if (p == NULL)
		return 0;
	for (const struct dm_column *c = p->desc->department->columns;
	    c && c->field && n < max; c++) {
		const struct dm_field *f = NULL;

		/* The field as any of the department's services has it. */
		for (size_t i = 0; f == NULL && i < services_count(); i++)
			if (services_at(i)->plugin == p)
				f = field_of(services_at(i)->svc, c->field);
		if (f == NULL)
			continue;
		out[n].col = c;
		out[n].type = f->type;
		out[n].field = f;
		out[n].part = part_of(c->field);
		n++;
	}
	if (sv == NULL || sv->plugin != p)
		return n;
	for (const struct dm_column *c = sv->svc->columns;
	    c && c->field && n < max; c++) {
		const struct dm_field *f = field_of(sv->svc, c->field);

		if (f == NULL || have(out, n, c->field))
			continue;
		out[n].col = c;
		out[n].type = f->type;
		out[n].field = f;
		out[n].part = part_of(c->field);
		n++;
	}
	return n;
}

/*
 * One EXISTS per condition: the semi-join reads the index (department,
 * field, value | num, request_id) for the requests that qualify, so a
 * narrow range costs its own rows, not the department's (EXPLAIN in
 * docs/architecture.md, "Staff queue columns").
 */
/* A value as the index keeps it: text, or a number (NULL: none). */
static struct dm_value
bound(const char *v, int numeric)
{
	long long x;

	if (v == NULL)
		return DM_VNULL;
	if (numeric)
		return val_int(v, -999999999999LL, 999999999999LL, &x) ?
		    DM_VINT(x) : DM_VNULL;
	return DM_VTEXT(v);
}

int
request_values_where(struct dm_req *req, const struct queue_cond *c,
    size_t n, char *sql, size_t sqlsz, struct dm_value *p, size_t *np,
    size_t max)
{
	size_t len = strlen(sql);

	for (size_t i = 0; i < n; i++) {
		const char *test;
		int w;

		if (*np + 5 > max)
			return -1;
		p[(*np)++] = DM_VTEXT(c[i].field);
		if (c[i].kind == DM_FILTER_RANGE) {
			test = c[i].numeric ? "(? IS NULL OR v.num >= ?) AND "
			    "(? IS NULL OR v.num <= ?)" : "(? IS NULL OR "
			    "v.value >= ?) AND (? IS NULL OR v.value <= ?)";
			p[*np] = bound(c[i].from, c[i].numeric);
			p[*np + 1] = p[*np];
			p[*np + 2] = bound(c[i].to, c[i].numeric);
			p[*np + 3] = p[*np + 2];
			*np += 4;
		} else if (c[i].kind == DM_FILTER_PREFIX) {
			char *like = arena_alloc(req->arena,
			    2 * strlen(c[i].value) + 2), *o = like;

			/* The value as it is, then anything. */
			for (const char *v = c[i].value; *v != '\0'; v++) {
				if (*v == '%' || *v == '_' || *v == '\\')
					*o++ = '\\';
				*o++ = *v;
			}
			*o++ = '%';
			*o = '\0';
			test = "v.value LIKE ?";
			p[(*np)++] = DM_VTEXT(like);
		} else {
			test = c[i].numeric ? "v.num = ?" : "v.value = ?";
			p[(*np)++] = bound(c[i].value, c[i].numeric);
		}
		w = snprintf(sql + len, sqlsz - len, " AND EXISTS (SELECT 1 "
		    "FROM request_values v WHERE v.request_id = r.id AND "
		    "v.department = r.department AND v.field = ? AND %s)",
		    test);
		if (w < 0 || (size_t)w >= sqlsz - len)
			return -1;
		len += (size_t)w;
	}
	return 0;
}

const char *
queue_column_value(struct dm_req *req, const char *form,
    const struct queue_column *qc)
{
	const struct geo_settlement *s;

	if (qc->part == COLUMN_WHOLE)
		return jsontext_get(req->arena, form, qc->col->field);
	s = places_settlement(jsontext_get(req->arena, form, arena_printf(
	    req->arena, "%s_settlement", qc->field->name)));
	if (s == NULL)
		return NULL;
	if (qc->part == COLUMN_SETTLEMENT)
		return s->code;
	return s->zone != NULL ? s->zone->code : NULL;
}

/* At most VALUE_MAX characters of s (valid UTF-8), in the arena. */
static const char *
cut(struct dm_req *req, const char *s)
{
	size_t chars = 0, i = 0;

	while (s[i] != '\0' && chars < VALUE_MAX) {
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		chars++;
	}
	return arena_strndup(req->arena, s, i);
}

static dm_status
put(struct dm_req *req, long long id, const char *dept, const char *field,
    const char *value, enum dm_field_type type)
{
	struct dm_value p[5];
	long long num = 0;
	int is_num = type == DM_FIELD_NUMBER &&
	    val_int(value, -999999999999LL, 999999999999LL, &num);

	p[0] = DM_VINT(id);
	p[1] = DM_VTEXT(field);
	p[2] = DM_VTEXT(cut(req, value));
	p[3] = is_num ? DM_VINT(num) : DM_VNULL;
	p[4] = DM_VTEXT(dept);
	return db_exec(db_worker(), "INSERT IGNORE INTO request_values "
	    "(request_id, field, value, num, department) VALUES (?, ?, ?, ?, "
	    "?)", p, 5, NULL, NULL);
}

static dm_status
values_put(struct dm_req *req, long long id, const struct service *sv,
    const char *form, int replace)
{
	struct queue_column cols[2 * 16];
	struct dm_value p = DM_VINT(id);
	size_t n;
	dm_status st;

	if (replace && (st = db_exec(db_worker(), "DELETE FROM request_values "
	    "WHERE request_id = ?", &p, 1, NULL, NULL)) != DM_OK)
		return st;
	n = queue_columns(sv->plugin->name, sv, cols, sizeof(cols) /
	    sizeof(cols[0]));
	for (size_t i = 0; i < n; i++) {
		const char *v;
		char *copy, *save = NULL;

		if (!(cols[i].col->flags & DM_COLUMN_INDEXED) ||
		    field_of(sv->svc, cols[i].col->field) == NULL)
			continue;
		v = queue_column_value(req, form, &cols[i]);
		if (v == NULL || v[0] == '\0')
			continue;
		if (cols[i].type != DM_FIELD_MULTICHOICE) {
			if ((st = put(req, id, sv->plugin->name,
			    cols[i].col->field, v, cols[i].type)) != DM_OK)
				return st;
			continue;
		}
		copy = arena_strdup(req->arena, v);
		for (char *t = strtok_r(copy, ",", &save); t != NULL;
		    t = strtok_r(NULL, ",", &save))
			if ((st = put(req, id, sv->plugin->name,
			    cols[i].col->field, t, cols[i].type)) != DM_OK)
				return st;
	}
	return DM_OK;
}

dm_status
request_values_write(struct dm_req *req, long long id,
    const struct service *sv, const char *form)
{
	return values_put(req, id, sv, form, 1);
}

dm_status
request_values_add(struct dm_req *req, long long id,
    const struct service *sv, const char *form)
{
	return values_put(req, id, sv, form, 0);
}

struct rebuild_ctx {
	struct dm_req		*req;
	const struct service	*sv;
	size_t			 n;
	dm_status		 st;
};

static dm_status
rebuild_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rebuild_ctx *x = arg;

	if (n < 2)
		return DM_EINTERNAL;
	if ((x->st = request_values_write(x->req, c[0].i, x->sv,
	    arena_strndup(x->req->arena, c[1].s, c[1].len))) != DM_OK)
		return x->st;
	x->n++;
	return DM_OK;
}

static dm_status
rebuild_service(void *arg)
{
	struct rebuild_ctx *x = arg;
	struct dm_value p = DM_VTEXT(x->sv->svc->code);

	x->n = 0;
	return db_query(db_worker(), "SELECT id, form FROM requests WHERE "
	    "service = ? AND status <> 'draft' ORDER BY id FOR UPDATE", &p, 1,
	    rebuild_row, x);
}

dm_status
request_values_rebuild(struct db *db, size_t *n)
{
	struct arena arena;
	struct dm_req req;
	struct db *was = db_worker();
	dm_status st = DM_OK;

	*n = 0;
	arena_init(&arena);
	memset(&req, 0, sizeof(req));
	req.arena = &arena;
	db_set_worker(db);
	for (size_t i = 0; i < services_count() && st == DM_OK; i++) {
		struct rebuild_ctx x = { &req, services_at(i), 0, DM_OK };
		struct queue_column cols[2 * 16];
		size_t k = queue_columns(x.sv->plugin->name, x.sv, cols,
		    sizeof(cols) / sizeof(cols[0])), indexed = 0;

		for (size_t j = 0; j < k; j++)
			indexed += (cols[j].col->flags & DM_COLUMN_INDEXED) &&
			    field_of(x.sv->svc, cols[j].col->field) != NULL;
		if (indexed == 0)
			continue;

		/* One transaction per service: its requests' rows are
		 * replaced all at once or not at all. */
		st = db_tx(db, rebuild_service, &x);
		*n += x.n;
		arena_reset(&arena);
	}
	db_set_worker(was);
	arena_free(&arena);
	return st;
}
