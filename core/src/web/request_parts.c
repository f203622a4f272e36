/*
 * request_parts.c - what the pages of one request show on both sides (the
 * citizen's and the department's): its attributes, the values given, its
 * files and history; and taking a service's form as posted into a draft,
 * for the citizen and for a clerk at the counter alike.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "attachments.h"
#include "config.h"
#include "forms.h"
#include "geo.h"
#include "i18n.h"
#include "localtime.h"
#include "log.h"
#include "pages.h"
#include "places.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "session.h"
#include "validate.h"

/* Files under parent: the form's (form_only) or all, internal ones only
 * with_internal; base is the download URL's prefix. */
dm_status
pages_files(struct dm_req *req, struct dm_node *parent, long long id,
    int form_only, int with_internal, const char *base)
{
	struct dm_node *list = render_add(parent, "files", NULL);
	struct attachment *v;
	size_t n;
	dm_status st;

	if ((st = attachments_list(req, id, form_only, with_internal, &v,
	    &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		struct dm_node *f = render_add(list, "file", NULL);

		render_attr_int(f, "id", v[i].id);
		render_attr(f, "name", v[i].filename);
		render_attr(f, "type", v[i].type);
		render_attr_int(f, "size", v[i].size);
		render_attr(f, "kb", arena_printf(req->arena, "%.1f",
		    (double)v[i].size / 1024.0));
		render_attr(f, "field", v[i].field);
		if (v[i].event_id)
			render_attr_int(f, "event", v[i].event_id);
		if (v[i].internal)
			render_attr(f, "internal", "1");
		if (v[i].public)
			render_attr(f, "public", "1");
		render_attr(f, "href", arena_printf(req->arena, "%s/%lld",
		    base, v[i].id));
		if (v[i].thumb_width > 0) {
			render_attr(f, "thumb", arena_printf(req->arena,
			    "%s/%lld/thumb", base, v[i].id));
			render_attr_int(f, "thumb-width", v[i].thumb_width);
			render_attr_int(f, "thumb-height", v[i].thumb_height);
		}
	}
	return DM_OK;
}

void
pages_outcome(struct dm_req *req, struct dm_node *parent,
    const struct service *sv, const struct request *r)
{
	struct dm_node *out;

	if (!plugin_has(sv->plugin, preview))
		return;
	out = render_add(parent, "outcome", NULL);
	/* Without it the page is still whole: the values are there. */
	if (r->status == RS_DRAFT)
		(void)plugin_preview(req, sv, request_for_plugin(req, r), out);
	else
		(void)plugin_preview_submitted(req, sv,
		    request_for_plugin(req, r), out);
}

dm_status
pages_own_request(struct dm_req *req, struct request *r)
{
	return request_load(req, pages_arg_id(req, "id"), session_actor(req),
	    NULL, r);
}

dm_status
pages_own_draft(struct dm_req *req, struct request *r)
{
	return request_load_draft(req, pages_arg_id(req, "id"),
	    session_actor(req), r);
}

struct ffield *
pages_fields(struct dm_req *req, const struct service *sv,
    long long applicant, size_t *n)
{
	struct ffield *f = forms_from_service(req, sv->svc->fields, n);
	const struct dm_user *who = NULL;

	forms_mark_places(f, *n, sv->svc);

	for (size_t i = 0; i < *n; i++) {
		struct dm_choices c = { req, NULL, 0, 0 };

		if (!(sv->svc->fields[i].flags & DM_FIELD_OWN_CHOICES))
			continue;
		if (who == NULL && applicant > 0)
			who = account_user(req, applicant);
		/* A failing hook offers nothing: the field cannot be
		 * filled in, never filled in wrongly. */
		if (plugin_choices(req, sv, f[i].name, who, &c) != DM_OK)
			c.n = 0;
		f[i].choices = c.v;
		f[i].nchoices = c.n;
		/* Offered dates are a list to pick from (still a date to
		 * the queue's columns and on the request's page). */
		if ((f[i].type == F_CHOICE && c.n > 8) || f[i].type == F_DATE)
			f[i].type = F_SELECT;
	}
	return f;
}

/*
 * A draft's saved values into the request's form, as its form had them:
 * what a submit checks again, and what a choices hook reads (with
 * host->req_form) to offer choices that depend on the form's other values
 * (the days of the settlement chosen).
 */
void
pages_draft_form(struct dm_req *req, const struct service *sv,
    const struct request *r)
{
	static const char *const parts[] = { "", "_lat", "_lon",
	    "_settlement" };
	size_t n;
	const struct ffield *f = forms_from_service(req, sv->svc->fields, &n);

	for (size_t i = 0; i < n; i++) {
		/* An address brings the point it was placed at and its
		 * settlement. */
		for (size_t j = 0; j < (f[i].type == F_ADDRESS ? 4u : 1u);
		    j++) {
			const char *k = arena_printf(req->arena, "%s%s",
			    f[i].name, parts[j]);
			const char *v = request_form_value(req, r, k);
			char *copy, *save = NULL;

			if (f[i].type != F_MULTICHOICE || v == NULL) {
				kv_add(req->arena, &req->form, k, v ? v : "",
				    v ? strlen(v) : 0);
				continue;
			}
			/* Several choices are stored comma-joined; the form
			 * had them as one value each. */
			copy = arena_strdup(req->arena, v);
			for (char *t = strtok_r(copy, ",", &save); t != NULL;
			    t = strtok_r(NULL, ",", &save))
				kv_add(req->arena, &req->form, k, t, strlen(t));
		}
	}
}

/*
 * A form's first render (a GET): a draft's saved values on its fields (r
 * NULL: a new form, none), and the settlement a link names for an address
 * (?<field>_settlement=, from the free pickup days of a settlement),
 * chosen in the list if it is one: over the draft's, as a choices hook
 * reads the link before the form (host->req_query).
 */
void
pages_form_initial(struct dm_req *req, const struct request *r,
    struct ffield *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *code;

		if (r != NULL)
			f[i].value = request_form_value(req, r, f[i].name);
		if (f[i].type != F_ADDRESS)
			continue;
		if (r != NULL) {
			f[i].lat = request_form_value(req, r, arena_printf(
			    req->arena, "%s_lat", f[i].name));
			f[i].lon = request_form_value(req, r, arena_printf(
			    req->arena, "%s_lon", f[i].name));
			f[i].settlement = request_form_value(req, r,
			    arena_printf(req->arena, "%s_settlement",
			    f[i].name));
		}
		code = kv_get(&req->query, arena_printf(req->arena,
		    "%s_settlement", f[i].name));
		if (places_settlement(code) != NULL)
			f[i].settlement = code;
	}
}

/* The declared fields with the values given, choices as their labels. */
void
pages_values(struct dm_req *req, struct dm_node *parent,
    const struct service *sv, const struct request *r)
{
	struct dm_node *list = render_add(parent, "values", NULL);
	size_t n;
	struct ffield *f = pages_fields(req, sv, r->account_id, &n);

	for (size_t i = 0; i < n; i++) {
		const char *v = request_form_value(req, r, f[i].name);
		struct dm_node *vn;

		int date = sv->svc->fields[i].type == DM_FIELD_DATE;

		if (f[i].type == F_FILE)
			continue;
		/* An offered date is shown as the date it is (the day may be
		 * offered no longer). */
		if (v != NULL && f[i].nchoices > 0 && !date) {
			/* Each chosen value, by its label. */
			char *labels = arena_strdup(req->arena, "");

			for (size_t j = 0; j < f[i].nchoices; j++) {
				const char *c = f[i].choices[j].value, *p = v;
				size_t len = strlen(c);
				int hit = 0;

				while ((p = strstr(p, c)) != NULL && !hit) {
					hit = (p == v || p[-1] == ',') &&
					    (p[len] == '\0' || p[len] == ',');
					p += len;
				}
				if (hit)
					labels = arena_printf(req->arena,
					    "%s%s%s", labels, labels[0] ?
					    ", " : "", f[i].choices[j].label);
			}
			v = labels;
		}
		if (date && v != NULL) {
			const char *d = lt_date(req->arena, v);

			v = d ? d : v;
		}
		if (f[i].type == F_ADDRESS && v != NULL) {
			const struct geo_settlement *s = places_settlement(
			    request_form_value(req, r, arena_printf(req->arena,
			    "%s_settlement", f[i].name)));

			if (s != NULL)
				v = arena_printf(req->arena, "%s, %s", v,
				    pages_l(req, s->name_el, s->name_en));
		}
		vn = render_add(list, "value", v);
		render_attr(vn, "label", f[i].label);
		render_attr(vn, "name", f[i].name);
		render_attr(vn, "type", ftype_name(f[i].type));
		if (f[i].type == F_ADDRESS) {
			render_attr(vn, "lat", request_form_value(req, r,
			    arena_printf(req->arena, "%s_lat", f[i].name)));
			render_attr(vn, "lon", request_form_value(req, r,
			    arena_printf(req->arena, "%s_lon", f[i].name)));
		}
	}
}

/* The history under parent; staff see internal events and who. */
dm_status
pages_history(struct dm_req *req, struct dm_node *parent, long long id,
    int staff)
{
	struct dm_node *list = render_add(parent, "history", NULL);
	struct history_event *v;
	size_t n;
	dm_status st;

	if ((st = request_history(req, id, staff, &v, &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		struct dm_node *e = render_add(list, "event", v[i].body);

		render_attr_int(e, "id", v[i].id);
		render_attr(e, "at", lt_format(req->arena, v[i].at, 1));
		render_attr(e, "kind", v[i].kind);
		render_attr(e, "visibility", v[i].visibility);
		render_attr(e, "to", v[i].to);
		render_attr(e, "actor", v[i].actor);
	}
	return DM_OK;
}

void
pages_request_attrs(struct dm_req *req, struct dm_node *c,
    const struct request *r, const struct service *sv)
{
	render_attr_int(c, "id", r->id);
	render_attr(c, "status", rs_name(r->status));
	render_attr(c, "protocol", r->protocol);
	render_attr(c, "channel", r->channel);
	render_attr(c, "submitted", lt_format(req->arena, r->submitted_at, 1));
	render_attr(c, "due", lt_date(req->arena, r->due_date));
	render_attr(c, "closed", lt_format(req->arena, r->closed_at, 1));
	if (r->overdue)
		render_attr(c, "overdue", "1");
	if (sv != NULL) {
		struct dm_node *svn = render_add(c, "service", NULL);

		pages_service_attrs(req, svn, sv->svc);
		render_attr(svn, "department", pages_l(req,
		    sv->plugin->desc->department->name_el,
		    sv->plugin->desc->department->name_en));
	}
}

/* The types a file field takes (dm_field.accept), by content. */
static const struct {
	unsigned	 bit;
	const char	*type;
	const char	*name;
} accepted[] = {
	{ DM_ACCEPT_PDF, "application/pdf", "PDF" },
	{ DM_ACCEPT_JPEG, "image/jpeg", "JPEG" },
	{ DM_ACCEPT_PNG, "image/png", "PNG" },
	{ DM_ACCEPT_HEIC, "image/heic", "HEIC" },
	{ DM_ACCEPT_HEIC, "image/heif", NULL },
};

#define NACCEPTED	(sizeof(accepted) / sizeof(accepted[0]))

static int
field_takes(const struct ffield *x, const char *type)
{
	if (x->accept == 0)
		return 1;
	for (size_t i = 0; i < NACCEPTED; i++)
		if ((x->accept & accepted[i].bit) && type != NULL &&
		    strcmp(type, accepted[i].type) == 0)
			return 1;
	return 0;
}

/* "PDF, JPEG ή PNG" / "PDF, JPEG or PNG". */
static const char *
accepted_names(struct dm_req *req, unsigned mask)
{
	const char *names[NACCEPTED], *or = pages_t(req, "err.file_or");
	char *out = arena_strdup(req->arena, "");
	size_t n = 0;

	for (size_t i = 0; i < NACCEPTED; i++)
		if ((mask & accepted[i].bit) && accepted[i].name != NULL)
			names[n++] = accepted[i].name;
	for (size_t i = 0; i < n; i++)
		out = arena_printf(req->arena, "%s%s%s%s%s", out, i == 0 ?
		    "" : i + 1 == n ? " " : ", ", i > 0 && i + 1 == n ? or : "",
		    i > 0 && i + 1 == n ? " " : "", names[i]);
	return out;
}

/*
 * A file of a type its field does not take keeps its name, not its data
 * (never stored), and the field says which types it takes.
 */
static int
refuse_type(struct dm_req *req, struct upload *u, struct ffield *x)
{
	if (u->data == NULL || x == NULL || x->type != F_FILE ||
	    field_takes(x, u->type))
		return 0;
	req_upload_release(u);
	u->bad_type = 1;
	if (x->error == NULL) {
		const char *vars[] = { "label", x->label, "name", u->filename,
		    "types", accepted_names(req, x->accept), NULL };

		x->error = i18n_format(req->arena, i18n_lang_of(req->lang),
		    "err.file_accept", vars);
	}
	return 1;
}

/* Problems with uploaded files become errors on their fields. */
int
pages_upload_errors(struct dm_req *req, struct ffield *f, size_t n)
{
	int errors = 0;

	for (struct upload *u = req->uploads; u != NULL; u = u->next) {
		struct ffield *x = forms_find(f, n, u->field);
		const char *key;

		/* Only the form's file fields are read. */
		if (x == NULL || x->type != F_FILE) {
			req_upload_drop(u);
			continue;
		}
		if (refuse_type(req, u, x)) {
			errors++;
			continue;
		}
		key = u->too_big ? "err.file_too_big" :
		    u->bad_type ? "err.file_type" : u->too_many ?
		    "err.file_count" : u->bad_image ? "err.file_image" :
		    u->too_many_pixels ? "err.file_pixels" : NULL;

		if (key == NULL || x == NULL)
			continue;
		if (x->error == NULL) {
			const char *vars[] = { "label", x->label, "name",
			    u->filename, "max", arena_printf(req->arena, "%lld",
			    req->cfg->lim_upload_file >> 20), "count",
			    arena_printf(req->arena, "%lld",
			    req->cfg->lim_upload_files), NULL };

			x->error = i18n_format(req->arena,
			    i18n_lang_of(req->lang), key, vars);
			errors++;
		}
	}
	return errors;
}

/* How many of the space-separated words of list are name. */
static long long
count_word(const char *list, const char *name)
{
	size_t len = strlen(name);
	long long n = 0;

	for (const char *s = list; *s != '\0'; ) {
		size_t w = strcspn(s, " ");

		n += w == len && strncmp(s, name, len) == 0;
		s += w;
		s += *s == ' ';
	}
	return n;
}

/*
 * File fields are checked against what the draft already holds: the
 * fields of its files as read with the draft (known, request_load_draft),
 * else counted in the database, or, for a draft this request inserted
 * (fresh), from the files it stored there, which are all the draft has.
 */
static int
check_files(struct dm_req *req, long long id, const char *known, int fresh,
    struct ffield *f, size_t n)
{
	int errors = 0;

	for (size_t i = 0; i < n; i++) {
		long long have = 0;

		if (f[i].type != F_FILE || f[i].error != NULL)
			continue;
		if (fresh) {
			for (const struct upload *u = req->uploads; u != NULL;
			    u = u->next)
				have += u->fresh && strcmp(u->field,
				    f[i].name) == 0;
		} else if (known != NULL) {
			have = count_word(known, f[i].name);
		} else if (id != 0 && attachments_count(req, id, f[i].name,
		    &have) != DM_OK)
			continue;
		if ((f[i].flags & FF_REQUIRED) && have == 0) {
			forms_error(req, &f[i], "err.file_required");
			errors++;
		} else if (f[i].max > 0 && have > f[i].max) {
			forms_error(req, &f[i], "err.choices_count");
			errors++;
		}
	}
	return errors;
}

int
pages_check_files(struct dm_req *req, const struct request *r,
    struct ffield *f, size_t n)
{
	return check_files(req, r != NULL ? r->id : 0, r != NULL ?
	    r->draft_files : NULL, 0, f, n);
}

/*
 * The plugin's validate hook on the checked form of draft id (whose files
 * it may read); *errors gets the fields with a message. A hook that fails
 * is DM_EINTERNAL (a 500 page; the draft stays saved), never a pass.
 */
dm_status
pages_validate_hook(struct dm_req *req, const struct service *sv,
    long long id, struct ffield *f, size_t n, int *errors)
{
	struct dm_form form = { req, f, n, id, NULL };
	const char **unoffered = arena_zalloc(req->arena, (n ? n : 1) *
	    sizeof(*unoffered));
	dm_status st;

	/* A value no longer among the plugin's own choices (a day fully
	 * booked since the form was shown): the plugin says why, and what
	 * it offers instead; if it says nothing, "not a choice" stands. */
	for (size_t i = 0; i < n; i++)
		if (f[i].error != NULL && f[i].unoffered) {
			unoffered[i] = f[i].error;
			f[i].error = NULL;
		}
	*errors = 0;
	st = plugin_validate(req, sv, &form);
	for (size_t i = 0; i < n; i++) {
		if (unoffered[i] != NULL && f[i].error == NULL)
			f[i].error = unoffered[i];
		*errors += f[i].error != NULL;
	}
	return st;
}

struct on_submit {
	struct ffield	*f;
	size_t		 n;
};

static dm_status
call_on_submit(struct dm_req *req, const struct service *sv,
    const struct request *r, void *arg)
{
	struct on_submit *x = arg;
	struct dm_form form = { req, x->f, x->n, r->id, NULL };

	return plugin_on_submit(req, sv, request_for_plugin(req, r), &form);
}

dm_status
pages_submit(struct dm_req *req, long long id, const char *channel,
    long long clerk, struct ffield *f, size_t n, const char *note,
    int hold_receipt, struct request *out)
{
	struct on_submit x = { f, n };
	struct submit_hook hook = { call_on_submit, &x, hold_receipt };

	return request_submit(req, id, channel, clerk, &hook, note, out);
}

/* The form's values as a draft holds them (files and passwords are no
 * values; an address brings its coordinates and settlement, the first
 * one its place). */
static const struct draft *
draft_of(struct dm_req *req, const struct ffield *f, size_t n)
{
	struct draft *d = arena_zalloc(req->arena, sizeof(*d));
	struct draft_value *v = arena_zalloc(req->arena, (4 * n + 1) *
	    sizeof(*v));
	size_t k = 0;

	/* Only a real point is kept: what else was typed is shown back with
	 * its message, never written into the coordinates' columns. */
	for (size_t i = 0; i < n; i++)
		if (f[i].type == F_ADDRESS) {
			d->location = f[i].value;
			d->settlement = f[i].settlement;
			if (val_latlon(f[i].lat, f[i].lon, NULL, NULL)) {
				d->lat = f[i].lat;
				d->lon = f[i].lon;
			}
			break;
		}
	for (size_t i = 0; i < n; i++) {
		if (f[i].type == F_FILE || f[i].type == F_PASSWORD ||
		    f[i].type == F_NEWPASSWORD || f[i].value == NULL ||
		    f[i].value[0] == '\0')
			continue;
		v[k].name = f[i].name;
		v[k++].value = f[i].value;
		if (f[i].type == F_ADDRESS && val_latlon(f[i].lat, f[i].lon,
		    NULL, NULL)) {
			v[k].name = arena_printf(req->arena, "%s_lat",
			    f[i].name);
			v[k++].value = f[i].lat;
			v[k].name = arena_printf(req->arena, "%s_lon",
			    f[i].name);
			v[k++].value = f[i].lon;
		}
		if (f[i].type == F_ADDRESS && f[i].settlement &&
		    f[i].settlement[0]) {
			v[k].name = arena_printf(req->arena, "%s_settlement",
			    f[i].name);
			v[k++].value = f[i].settlement;
		}
	}
	d->values = v;
	d->n = k;
	return d;
}

/* Nothing typed, chosen or uploaded on a form forms_check() has read:
 * such a form is no draft. */
int
pages_form_empty(const struct dm_req *req, const struct ffield *f, size_t n)
{
	if (req->uploads != NULL)
		return 0;
	for (size_t i = 0; i < n; i++)
		if ((f[i].value != NULL && f[i].value[0] != '\0') ||
		    (f[i].lat != NULL && f[i].lat[0] != '\0') ||
		    (f[i].lon != NULL && f[i].lon[0] != '\0'))
			return 0;
	return 1;
}

/*
 * A service's form as posted, into draft *id of account_id (created when
 * 0): the fields and files are checked, what came is stored whatever was
 * wrong (nothing typed or uploaded is lost), the draft's files are checked
 * against the declaration, then the plugin's hook has its say. *errors is
 * the number of fields with a message.
 */
dm_status
pages_take_form(struct dm_req *req, const struct service *sv,
    struct ffield *f, size_t n, long long account_id, long long *id,
    int *errors)
{
	long long given = *id;
	dm_status st;

	*errors = forms_check(req, f, n) + pages_upload_errors(req, f, n);
	if ((st = request_save_draft(req, sv, draft_of(req, f, n), account_id,
	    id)) != DM_OK)
		return st;
	*errors += check_files(req, *id, NULL, given == 0, f, n);
	if (*errors == forms_unoffered(f, n))
		return pages_validate_hook(req, sv, *id, f, n, errors);
	return DM_OK;
}

int
pages_file_refused(const struct dm_req *req, const char *field)
{
	for (const struct upload *u = req->uploads; u != NULL; u = u->next)
		if ((u->too_big || u->bad_type || u->too_many) &&
		    (field == NULL || strcmp(u->field, field) == 0))
			return 1;
	return 0;
}

/* The status of a form shown again: 413 when a file was too large. */
int
pages_form_status(const struct dm_req *req)
{
	for (const struct upload *u = req->uploads; u != NULL; u = u->next)
		if (u->too_big)
			return 413;
	return 422;
}

json_object *
pages_geojson_point(json_object *features, double lat, double lon,
    const char *title, const char *status, const char *status_label,
    const char *date, const char *url)
{
	json_object *ft = json_object_new_object();
	json_object *g = json_object_new_object();
	json_object *co = json_object_new_array();
	json_object *p = json_object_new_object();

	json_object_object_add(ft, "type", json_object_new_string("Feature"));
	json_object_object_add(g, "type", json_object_new_string("Point"));
	json_object_array_add(co, json_object_new_double(lon));
	json_object_array_add(co, json_object_new_double(lat));
	json_object_object_add(g, "coordinates", co);
	json_object_object_add(ft, "geometry", g);
	json_object_object_add(p, "title", json_object_new_string(title));
	json_object_object_add(p, "status", json_object_new_string(status));
	json_object_object_add(p, "status_label",
	    json_object_new_string(status_label));
	json_object_object_add(p, "date", json_object_new_string(date));
	json_object_object_add(p, "url", json_object_new_string(url));
	json_object_object_add(ft, "properties", p);
	json_object_array_add(features, ft);
	return p;
}

void
pages_geojson_send(struct dm_req *req, json_object *features,
    const char *cache)
{
	json_object *root = json_object_new_object();
	const char *text;

	json_object_object_add(root, "type",
	    json_object_new_string("FeatureCollection"));
	json_object_object_add(root, "features", features);
	text = arena_strdup(req->arena, json_object_to_json_string_ext(root,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	http_header(req, "Cache-Control", cache);
	http_send(req, 200, "application/geo+json; charset=utf-8", text,
	    strlen(text));
}
