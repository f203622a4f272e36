/*
 * forms.c - one way to describe, check and render every form.
 * Values arrive decoded and valid UTF-8 (http.c); here they are trimmed,
 * normalized (e-mail lower case, phones as +30..., AFM digits only) and
 * checked by type, and each problem becomes one message next to its field.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "password.h"
#include "forms.h"
#include "geo.h"
#include "i18n.h"
#include "places.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "session.h"
#include "session_cookie.h"
#include "validate.h"

#define STRING_MAX	200
#define TEXT_MAX	5000
#define PASSWORD_MAX	128

static const char *const ftype_names[F__MAX] = {
	[F_STRING] = "string", [F_TEXT] = "text", [F_NUMBER] = "number",
	[F_DATE] = "date", [F_DATETIME] = "datetime", [F_CHOICE] = "choice",
	[F_SELECT] = "select", [F_MULTICHOICE] = "multichoice",
	[F_AFM] = "afm", [F_AMKA] = "amka", [F_PHONE] = "phone",
	[F_MOBILE] = "mobile", [F_EMAIL] = "email", [F_ADDRESS] = "address",
	[F_FILE] = "file", [F_PASSWORD] = "password",
	[F_NEWPASSWORD] = "newpassword", [F_CHECKBOX] = "checkbox",
	[F_HIDDEN] = "hidden",
};

const char *
ftype_name(enum ftype t)
{
	return (unsigned)t < F__MAX ? ftype_names[t] : "string";
}

static enum i18n_lang
lang(const struct dm_req *req)
{
	return i18n_lang_of(req->lang);
}

struct ffield *
forms_from_defs(struct dm_req *req, const struct fdef *defs, size_t n)
{
	struct ffield *f = arena_zalloc(req->arena, n * sizeof(*f));

	for (size_t i = 0; i < n; i++) {
		const struct fdef *d = &defs[i];

		f[i].name = d->name;
		f[i].type = d->type;
		f[i].label = i18n_str(lang(req), d->label_key);
		f[i].hint = d->hint_key ? i18n_str(lang(req), d->hint_key) :
		    NULL;
		f[i].flags = d->flags;
		f[i].min = d->min;
		f[i].max = d->max;
		f[i].autocomplete = d->autocomplete;
		if (d->choice_values != NULL) {
			size_t k = 0;
			struct fchoice *c;

			while (d->choice_values[k] != NULL)
				k++;
			c = arena_zalloc(req->arena, k * sizeof(*c));
			for (size_t j = 0; j < k; j++) {
				char key[128];

				snprintf(key, sizeof(key), "%s.%s",
				    d->label_key, d->choice_values[j]);
				c[j].value = d->choice_values[j];
				c[j].label = arena_strdup(req->arena,
				    i18n_str(lang(req), key));
			}
			f[i].choices = c;
			f[i].nchoices = k;
		}
	}
	return f;
}

static enum ftype
from_dm(enum dm_field_type t)
{
	static const enum ftype map[DM_FIELD__MAX] = {
		[DM_FIELD_STRING] = F_STRING, [DM_FIELD_TEXT] = F_TEXT,
		[DM_FIELD_NUMBER] = F_NUMBER, [DM_FIELD_DATE] = F_DATE,
		[DM_FIELD_DATETIME] = F_DATETIME,
		[DM_FIELD_CHOICE] = F_CHOICE,
		[DM_FIELD_MULTICHOICE] = F_MULTICHOICE,
		[DM_FIELD_AFM] = F_AFM, [DM_FIELD_AMKA] = F_AMKA,
		[DM_FIELD_PHONE] = F_PHONE, [DM_FIELD_EMAIL] = F_EMAIL,
		[DM_FIELD_ADDRESS] = F_ADDRESS, [DM_FIELD_FILE] = F_FILE,
	};

	return (unsigned)t < DM_FIELD__MAX ? map[t] : F_STRING;
}

void
forms_mark_places(struct ffield *f, size_t n, const struct dm_service *svc)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].type == F_ADDRESS &&
		    (svc->flags & DM_SERVICE_LOCATION))
			f[i].flags |= FF_MAP;
}

struct ffield *
forms_from_service(struct dm_req *req, const struct dm_field *fields,
    size_t *n)
{
	size_t k = 0;
	struct ffield *f;

	while (fields != NULL && fields[k].name != NULL)
		k++;
	f = arena_zalloc(req->arena, (k ? k : 1) * sizeof(*f));
	for (size_t i = 0; i < k; i++) {
		const struct dm_field *d = &fields[i];
		size_t nc = 0;

		f[i].name = d->name;
		f[i].type = from_dm(d->type);
		f[i].label = i18n_pick(req->lang, d->label_el, d->label_en);
		f[i].hint = d->hint_el ? i18n_pick(req->lang, d->hint_el,
		    d->hint_en) : NULL;
		f[i].flags = (d->flags & DM_FIELD_REQUIRED) ? FF_REQUIRED : 0;
		if (d->flags & DM_FIELD_OWN_CHOICES)
			f[i].flags |= FF_OWN_CHOICES;
		f[i].min = d->min;
		f[i].max = d->max;
		f[i].accept = d->accept;
		for (const struct dm_choice *c = d->choices; c && c->value;
		    c++)
			nc++;
		if (nc > 0) {
			struct fchoice *c = arena_zalloc(req->arena,
			    nc * sizeof(*c));

			for (size_t j = 0; j < nc; j++) {
				c[j].value = d->choices[j].value;
				c[j].label = i18n_pick(req->lang,
				    d->choices[j].label_el,
				    d->choices[j].label_en);
			}
			f[i].choices = c;
			f[i].nchoices = nc;
			/* Long lists read better as a drop-down. */
			if (f[i].type == F_CHOICE && nc > 8)
				f[i].type = F_SELECT;
		}
	}
	*n = k;
	return f;
}

int
forms_unoffered(const struct ffield *f, size_t n)
{
	int k = 0;

	for (size_t i = 0; i < n; i++)
		k += f[i].error != NULL && f[i].unoffered;
	return k;
}

struct ffield *
forms_find(struct ffield *f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].name, name) == 0)
			return &f[i];
	return NULL;
}

/* Copies s without leading and trailing white space. */
static char *
trimmed(struct dm_req *req, const char *s)
{
	const char *e;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		e--;
	return arena_strndup(req->arena, s, (size_t)(e - s));
}

static void
set_error(struct dm_req *req, struct ffield *f, const char *key)
{
	char min[24], max[24], n[24];
	const char *vars[] = { "label", f->label, "min", min, "max", max,
	    "n", n, "hint", f->hint ? f->hint : "", NULL };

	snprintf(min, sizeof(min), "%lld", f->min);
	snprintf(max, sizeof(max), "%lld", f->max);
	/* How long what was typed is, for "(now {n})". */
	snprintf(n, sizeof(n), "%zu", f->value ? val_utf8_chars(f->value,
	    strlen(f->value)) : (size_t)0);
	f->error = i18n_format(req->arena, lang(req), key, vars);
}

void
forms_error(struct dm_req *req, struct ffield *f, const char *key)
{
	set_error(req, f, key);
}

/*
 * The message for a required field left empty says what to write, by the
 * field's type and limits (GOV.UK: "Enter a date", not "fill in the
 * field"); the plain one is for text with nothing more to say.
 */
static const char *
required_key(struct dm_req *req, struct ffield *f)
{
	switch (f->type) {
	case F_CHOICE:
	case F_SELECT:
		return "err.choose";
	case F_CHECKBOX:
		return "err.confirm";
	case F_DATE:
		return "err.date";
	case F_DATETIME:
		return "err.datetime";
	case F_NUMBER:
		return f->min || f->max ? "err.number_range" : "err.number";
	case F_AFM:
		return "err.afm_empty";
	case F_AMKA:
		return "err.amka_empty";
	case F_PHONE:
		return "err.phone";
	case F_MOBILE:
		return "err.mobile";
	case F_EMAIL:
		return "err.email";
	case F_PASSWORD:
		return "err.password_empty";
	case F_NEWPASSWORD:
		f->min = req->cfg->password_min;
		return "err.password_short";
	case F_ADDRESS:
		return "err.address";
	default:
		/* The field's own hint says what to write (GOV.UK: the
		 * message draws on the hint). */
		if (f->hint != NULL && f->hint[0] != '\0')
			return f->min > 1 ? "err.required_min_hint" :
			    "err.required_hint";
		return f->min > 1 ? "err.required_min" : "err.required";
	}
}

static int
has_choice(const struct ffield *f, const char *v)
{
	for (size_t i = 0; i < f->nchoices; i++)
		if (strcmp(f->choices[i].value, v) == 0)
			return 1;
	return 0;
}

/* One-line fields must not carry line breaks (they end up in headers,
 * CSV exports and single-line displays). */
static int
one_line(const char *s)
{
	return strpbrk(s, "\r\n") == NULL;
}

static void
check_length(struct dm_req *req, struct ffield *f, long long defmax)
{
	size_t chars = val_utf8_chars(f->value, strlen(f->value));
	long long max = f->max > 0 ? f->max : defmax;

	if (f->min > 0 && (long long)chars < f->min) {
		set_error(req, f, "err.too_short");
	} else if ((long long)chars > max) {
		f->max = max;
		set_error(req, f, "err.too_long");
	}
}

static void
check_multi(struct dm_req *req, struct ffield *f)
{
	size_t count = 0, len = 0;
	char *joined;

	for (size_t i = 0; i < req->form.n; i++)
		if (strcmp(req->form.v[i].key, f->name) == 0) {
			if (!has_choice(f, req->form.v[i].val)) {
				set_error(req, f, "err.choice");
				f->unoffered = (f->flags & FF_OWN_CHOICES) != 0;
				return;
			}
			count++;
			len += req->form.v[i].vlen + 1;
		}
	joined = arena_alloc(req->arena, len + 1);
	joined[0] = '\0';
	for (size_t i = 0; i < req->form.n; i++)
		if (strcmp(req->form.v[i].key, f->name) == 0) {
			if (joined[0] != '\0')
				strcat(joined, ",");
			strcat(joined, req->form.v[i].val);
		}
	f->value = joined;
	if (count == 0 && (f->flags & FF_REQUIRED))
		set_error(req, f, "err.choose");
	else if (count > 0 && ((f->min > 0 && (long long)count < f->min) ||
	    (f->max > 0 && (long long)count > f->max)))
		set_error(req, f, "err.choices_count");
}

/*
 * A location service's address: its point, when one is given, lies within
 * the municipality's boundary (checked here, whatever the map in the
 * browser said); its settlement is one of the places file's, picked from
 * the list or, for a point given on the map without one, the nearest;
 * required with a required address when the municipality has
 * settlements. A postal address has none.
 */
/*
 * The citizen ticked "use the photo's position" (<field>_use_photo): with
 * no point given, the first photo of this request whose EXIF had a GPS
 * position gives it (read before the EXIF was stripped, edge/http.c);
 * the boundary is checked on it like on any point. None: the point stays
 * empty and the field says why.
 */
static void
point_from_photo(struct dm_req *req, struct ffield *f)
{
	const char *on = kv_get(&req->form, arena_printf(req->arena,
	    "%s_use_photo", f->name));

	f->use_photo = on != NULL && strcmp(on, "1") == 0;
	if (!f->use_photo || (f->lat != NULL && f->lat[0] != '\0'))
		return;
	for (const struct upload *u = req->uploads; u != NULL; u = u->next)
		if (u->has_gps && !u->too_big && !u->bad_type &&
		    !u->bad_image) {
			f->lat = arena_printf(req->arena, "%.6f", u->gps_lat);
			f->lon = arena_printf(req->arena, "%.6f", u->gps_lon);
			return;
		}
}

static void
check_settlement(struct dm_req *req, struct ffield *f)
{
	const struct geo_places *pl = places_get();
	double lat, lon;

	if (pl != NULL && pl->npoly > 0 && (f->flags & FF_MAP) && f->lat &&
	    f->lat[0] && val_latlon(f->lat, f->lon, &lat, &lon) &&
	    !geo_places_contains(pl, (struct geo_point){ lat, lon })) {
		set_error(req, f, "err.outside");
		return;
	}
	if (pl == NULL || pl->nsettlement == 0 || !(f->flags & FF_MAP)) {
		f->settlement = NULL;
		return;
	}
	if (f->settlement != NULL && f->settlement[0] != '\0') {
		if (places_settlement(f->settlement) == NULL)
			set_error(req, f, "err.settlement");
		return;
	}
	if (f->lat && f->lat[0] && val_latlon(f->lat, f->lon, &lat, &lon)) {
		const struct geo_settlement *s = geo_settlement_nearest(pl,
		    (struct geo_point){ lat, lon });

		if (s != NULL) {
			f->settlement = s->code;
			return;
		}
	}
	f->settlement = NULL;
	if (f->flags & FF_REQUIRED)
		set_error(req, f, "err.settlement");
}

static void
check_one(struct dm_req *req, struct ffield *f)
{
	char norm[VAL_PHONE_SIZE];
	const char *raw = kv_get(&req->form, f->name);
	int y, m, d, hh, mi;
	long long num;

	if (f->flags & FF_READONLY)
		return;
	if (f->type == F_MULTICHOICE) {
		check_multi(req, f);
		return;
	}
	if (f->type == F_FILE)
		return;			/* uploads are checked as they stream */
	if (f->type == F_PASSWORD || f->type == F_NEWPASSWORD)
		f->value = arena_strdup(req->arena, raw ? raw : "");
	else
		f->value = trimmed(req, raw ? raw : "");
	if (f->type == F_ADDRESS) {
		f->lat = trimmed(req, kv_get(&req->form, arena_printf(
		    req->arena, "%s_lat", f->name)));
		f->lon = trimmed(req, kv_get(&req->form, arena_printf(
		    req->arena, "%s_lon", f->name)));
		f->settlement = trimmed(req, kv_get(&req->form, arena_printf(
		    req->arena, "%s_settlement", f->name)));
		if (f->flags & FF_MAP)
			point_from_photo(req, f);
	}
	if (f->value[0] == '\0') {
		if (f->flags & FF_REQUIRED)
			set_error(req, f, required_key(req, f));
		return;
	}
	switch (f->type) {
	case F_STRING:
	case F_HIDDEN:
		if (!one_line(f->value))
			set_error(req, f, "err.one_line");
		else
			check_length(req, f, STRING_MAX);
		break;
	case F_TEXT:
		check_length(req, f, TEXT_MAX);
		break;
	case F_ADDRESS:
		if (!one_line(f->value))
			set_error(req, f, "err.one_line");
		else
			check_length(req, f, STRING_MAX);
		if (f->error == NULL && ((f->lat && f->lat[0]) ||
		    (f->lon && f->lon[0])) && !val_latlon(f->lat, f->lon,
		    &(double){ 0 }, &(double){ 0 }))
			set_error(req, f, "err.latlon");
		if (f->error == NULL && f->use_photo && (f->lat == NULL ||
		    f->lat[0] == '\0'))
			set_error(req, f, "err.photo_no_gps");
		if (f->error == NULL)
			check_settlement(req, f);
		break;
	case F_NUMBER:
		if (!val_int(f->value, f->min ? f->min : -999999999999LL,
		    f->max ? f->max : 999999999999LL, &num))
			set_error(req, f, f->min || f->max ?
			    "err.number_range" : "err.number");
		break;
	case F_DATE:
		if (!val_date(f->value, &y, &m, &d))
			set_error(req, f, "err.date");
		break;
	case F_DATETIME:
		if (!val_datetime(f->value, &y, &m, &d, &hh, &mi))
			set_error(req, f, "err.datetime");
		break;
	case F_CHOICE:
	case F_SELECT:
		if (!has_choice(f, f->value)) {
			set_error(req, f, "err.choice");
			f->unoffered = (f->flags & FF_OWN_CHOICES) != 0;
		}
		break;
	case F_AFM: {
		/* People type it with spaces or dots; keep the digits. */
		char digits[16];
		size_t k = 0;

		for (const char *p = f->value; *p && k < sizeof(digits) - 1;
		    p++)
			if (isdigit((unsigned char)*p))
				digits[k++] = *p;
			else if (*p != ' ' && *p != '.' && *p != '-')
				k = sizeof(digits) - 1;
		digits[k] = '\0';
		if (!val_afm(digits))
			set_error(req, f, "err.afm");
		else
			f->value = arena_strdup(req->arena, digits);
		break;
	}
	case F_AMKA:
		if (!val_amka(f->value))
			set_error(req, f, "err.amka");
		break;
	case F_PHONE:
		if (!val_phone_gr(f->value, norm))
			set_error(req, f, "err.phone");
		else
			f->value = arena_strdup(req->arena, norm);
		break;
	case F_MOBILE:
		if (!val_mobile_gr(f->value, norm))
			set_error(req, f, "err.mobile");
		else
			f->value = arena_strdup(req->arena, norm);
		break;
	case F_EMAIL: {
		char *lower = arena_strdup(req->arena, f->value);

		for (char *p = lower; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (!val_email(lower))
			set_error(req, f, "err.email");
		else
			f->value = lower;
		break;
	}
	case F_NEWPASSWORD: {
		size_t chars = val_utf8_chars(f->value, strlen(f->value));

		f->min = req->cfg->password_min;
		f->max = PASSWORD_MAX;
		if ((long long)chars < f->min)
			set_error(req, f, "err.password_short");
		else if ((long long)chars > f->max)
			set_error(req, f, "err.too_long");
		break;
	}
	case F_PASSWORD:
		if (strlen(f->value) > PASSWORD_MAX * 4)
			set_error(req, f, "err.too_long");
		break;
	case F_CHECKBOX:
		if (strcmp(f->value, "1") != 0)
			set_error(req, f, "err.choice");
		break;
	default:
		break;
	}
}

int
forms_password_own(struct dm_req *req, struct ffield *f, size_t n,
    const char *const *own, size_t nown)
{
	const char **words = arena_alloc(req->arena, (n + nown + 2) *
	    sizeof(*words));
	size_t k = 0;
	int errors = 0;

	/* The person's words: what this form says of them (names, the
	 * address), who is logged in, and what the caller knows. */
	for (size_t i = 0; i < n; i++)
		if ((f[i].type == F_STRING || f[i].type == F_EMAIL ||
		    f[i].type == F_AFM || f[i].type == F_AMKA ||
		    f[i].type == F_PHONE || f[i].type == F_MOBILE ||
		    f[i].type == F_DATE) && f[i].value != NULL &&
		    f[i].value[0] != '\0' && strlen(f[i].value) <= 254)
			words[k++] = f[i].value;
	if (req->session != NULL) {
		words[k++] = req->session->display;
		words[k++] = req->session->email;
	}
	for (size_t i = 0; i < nown; i++)
		words[k++] = own[i];
	for (size_t i = 0; i < n; i++) {
		enum password_weak w;

		if (f[i].type != F_NEWPASSWORD || f[i].error != NULL ||
		    f[i].value == NULL || f[i].value[0] == '\0')
			continue;
		if ((w = password_weak(f[i].value, words, k)) == PASSWORD_OK)
			continue;
		set_error(req, &f[i], w == PASSWORD_OWN ? "err.password_own" :
		    "err.password_common");
		errors++;
	}
	return errors;
}

int
forms_check(struct dm_req *req, struct ffield *f, size_t n)
{
	int errors = 0;

	for (size_t i = 0; i < n; i++) {
		f[i].error = NULL;
		check_one(req, &f[i]);
		if (f[i].error != NULL)
			errors++;
	}
	return errors + forms_password_own(req, f, n, NULL, 0);
}

/* An address's list of settlements (when the municipality has them). */
static void
place_options(struct dm_req *req, struct dm_node *fn, const char *chosen)
{
	const struct geo_places *pl = places_get();

	for (size_t i = 0; pl != NULL && i < pl->nsettlement; i++) {
		const struct geo_settlement *s = &pl->settlement[i];
		struct dm_node *o = render_add(fn, "settlement", NULL);

		render_attr(o, "code", s->code);
		render_attr(o, "name", lang(req) == I18N_EN ? s->name_en :
		    s->name_el);
		if (chosen != NULL && strcmp(chosen, s->code) == 0)
			render_attr(o, "selected", "1");
	}
}

/*
 * What a file input offers to pick (the browser's hint; the server decides
 * by content): the types the field takes, or the site's usual ones.
 */
static const char *
file_accept(struct dm_req *req, unsigned accept)
{
	static const struct {
		unsigned	 bit;
		const char	*hint;
	} hints[] = {
		{ DM_ACCEPT_PDF, ".pdf,application/pdf" },
		{ DM_ACCEPT_JPEG, ".jpg,.jpeg,image/jpeg" },
		{ DM_ACCEPT_PNG, ".png,image/png" },
		{ DM_ACCEPT_HEIC, ".heic,.heif,image/heic,image/heif" },
	};
	const char *out = "";

	if (accept == 0)
		accept = DM_ACCEPT_PDF | DM_ACCEPT_JPEG | DM_ACCEPT_PNG;
	for (size_t i = 0; i < sizeof(hints) / sizeof(hints[0]); i++)
		if (accept & hints[i].bit)
			out = arena_printf(req->arena, "%s%s%s", out,
			    out[0] ? "," : "", hints[i].hint);
	return out;
}

struct dm_node *
forms_node(struct dm_req *req, struct dm_node *parent, const char *id,
    const char *action, const char *submit_key, struct ffield *f, size_t n)
{
	struct dm_node *form = render_add(parent, "form", NULL);
	int errors = 0, files = 0;

	render_attr(form, "id", id);
	render_attr(form, "action", action);
	render_attr(form, "submit", i18n_str(lang(req), submit_key));
	render_attr(form, "csrf", csrf_token(req));
	for (size_t i = 0; i < n; i++) {
		struct dm_node *fn = render_add(form, "field", NULL);
		const struct ffield *x = &f[i];

		render_attr(fn, "name", x->name);
		render_attr(fn, "type", ftype_names[x->type]);
		render_attr(fn, "label", x->label);
		render_attr(fn, "hint", x->hint);
		render_attr(fn, "autocomplete", x->autocomplete);
		if (x->flags & FF_REQUIRED)
			render_attr(fn, "required", "1");
		if (x->flags & FF_READONLY)
			render_attr(fn, "readonly", "1");
		if (x->type == F_ADDRESS && (x->flags & FF_MAP))
			render_attr(fn, "map", "1");
		if (x->flags & FF_OWN_CHOICES)
			render_attr(fn, "own-choices", "1");
		if (x->min)
			render_attr_int(fn, "min", x->min);
		if (x->max)
			render_attr_int(fn, "max", x->max);
		/* Passwords are never sent back to the browser. */
		if (x->value != NULL && x->type != F_PASSWORD &&
		    x->type != F_NEWPASSWORD)
			render_attr(fn, "value", x->value);
		render_attr(fn, "lat", x->lat);
		render_attr(fn, "lon", x->lon);
		if (x->type == F_ADDRESS && (x->flags & FF_MAP))
			place_options(req, fn, x->settlement);
		if (x->use_photo)
			render_attr(fn, "use_photo", "1");
		if (x->error != NULL) {
			render_attr(fn, "error", x->error);
			errors++;
		}
		if (x->type == F_FILE) {
			files = 1;
			render_attr(fn, "accept", file_accept(req, x->accept));
		}
		for (size_t j = 0; j < x->nchoices; j++) {
			struct dm_node *c = render_add(fn, "choice", NULL);
			const char *v = x->value;

			render_attr(c, "value", x->choices[j].value);
			render_attr(c, "label", x->choices[j].label);
			/* Multi-choice values are comma-joined. */
			if (v != NULL) {
				size_t len = strlen(x->choices[j].value);
				const char *p = v;

				while ((p = strstr(p, x->choices[j].value))) {
					if ((p == v || p[-1] == ',') &&
					    (p[len] == '\0' || p[len] == ',')) {
						render_attr(c, "selected", "1");
						break;
					}
					p += len;
				}
			}
		}
	}
	if (errors > 0)
		render_attr_int(form, "errors", errors);
	if (files)
		render_attr(form, "enctype", "multipart/form-data");
	return form;
}

void
forms_button(struct dm_req *req, struct dm_node *form, const char *value,
    const char *label_key, int secondary)
{
	struct dm_node *b = render_add(form, "button", NULL);

	render_attr(b, "value", value);
	render_attr(b, "label", i18n_str(lang(req), label_key));
	if (secondary)
		render_attr(b, "secondary", "1");
}

const char *
forms_value(struct ffield *f, size_t n, const char *name)
{
	struct ffield *x = forms_find(f, n, name);

	return x && x->value && x->value[0] ? x->value : NULL;
}

int
forms_repeat(struct dm_req *req, struct ffield *f, size_t n,
    const char *first, const char *second)
{
	struct ffield *a = forms_find(f, n, first), *b = forms_find(f, n,
	    second);

	if (a->error != NULL || b->error != NULL)
		return 0;
	if (strcmp(a->value, b->value) == 0)
		return 0;
	forms_error(req, b, "err.password_mismatch");
	return 1;
}
