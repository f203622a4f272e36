/*
 * host_table.c - the dm_host table handed to plugins.
 * Thin adapters from the ABI to core modules; the only place where the
 * plugin-facing types meet the core's own.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "attachments.h"
#include "audit.h"
#include "casework.h"
#include "config.h"
#include "dimos/kit/money.h"
#include "documents.h"
#include "issuing.h"
#include "db.h"
#include "forms.h"
#include "geo.h"
#include "host_table.h"
#include "i18n.h"
#include "localtime.h"
#include "i18n.h"
#include "log.h"
#include "mail.h"
#include "outbox.h"
#include "mailbox.h"
#include "pages.h"
#include "places.h"
#include "plugins.h"
#include "printouts.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "session.h"
#include "validate.h"

static const struct config *host_cfg;

static void h_log(struct dm_plugin_ctx *, enum dm_log_level, const char *,
    ...) __attribute__((format(printf, 3, 4)));
static char *h_aprintf(struct dm_req *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* The plugin behind ctx; any pointer the core did not hand out is refused
 * without being read. */
static const struct plugin *
ctx_plugin(const struct dm_plugin_ctx *ctx, const char *fn)
{
	const struct plugin *p = plugins_by_ctx(ctx);

	if (p == NULL)
		log_error("a plugin called host->%s with a context the core "
		    "did not give it (%p); refused", fn, (const void *)ctx);
	return p;
}

static void
h_log(struct dm_plugin_ctx *ctx, enum dm_log_level level, const char *fmt,
    ...)
{
	const struct plugin *p = ctx_plugin(ctx, "log");
	va_list ap;

	if (p == NULL || (unsigned)level >= DM_LOG__MAX)
		return;
	va_start(ap, fmt);
	log_vmsg(level, p->name, fmt, ap);
	va_end(ap);
}

static const char *
h_config_get(struct dm_plugin_ctx *ctx, const char *key)
{
	const struct plugin *p = ctx_plugin(ctx, "config_get");

	if (p == NULL || key == NULL || host_cfg == NULL)
		return NULL;
	return config_plugin_get(host_cfg, p->name, key);
}

static void *
h_alloc(struct dm_req *req, size_t size)
{
	return arena_zalloc(req->arena, size);
}

static char *
h_astrdup(struct dm_req *req, const char *s)
{
	return arena_strdup(req->arena, s);
}

static char *
h_aprintf(struct dm_req *req, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = arena_vprintf(req->arena, fmt, ap);
	va_end(ap);
	return s;
}

static const char *
h_req_method(struct dm_req *req)
{
	return req->env.method;
}

static const char *
h_req_path(struct dm_req *req)
{
	return req->path;
}

static const char *
h_req_arg(struct dm_req *req, const char *name)
{
	return kv_get(&req->args, name);
}

static const char *
h_req_query(struct dm_req *req, const char *name)
{
	return kv_get(&req->query, name);
}

static const char *
h_req_form(struct dm_req *req, const char *name)
{
	return kv_get(&req->form, name);
}

static const char *
h_req_lang(struct dm_req *req)
{
	return req->lang;
}

/* A plugin's views live in its own namespace: "<plugin>-<view>". */
static struct dm_node *
h_page_begin(struct dm_req *req, const char *view, const char *title)
{
	const char *v = view;

	struct dm_node *c;

	if (req->plugin != NULL)
		v = arena_printf(req->arena, "%s-%s", req->plugin->name, view);
	c = render_begin(req, v, title);
	/* The department's staff pages share its tabs. */
	if (req->plugin != NULL && req->session != NULL &&
	    strncmp(req->path, "/staff/", 7) == 0)
		pages_dept_attrs(req, c, req->plugin);
	return c;
}

static struct dm_node *
h_node_add(struct dm_node *parent, const char *name, const char *text)
{
	return render_add(parent, name, text);
}

static void
h_node_attr(struct dm_node *node, const char *name, const char *value)
{
	render_attr(node, name, value);
}

static void
h_node_attr_int(struct dm_node *node, const char *name, long long value)
{
	render_attr_int(node, name, value);
}

static void
h_redirect(struct dm_req *req, const char *location)
{
	http_redirect(req, location);
}

static void
h_send(struct dm_req *req, int status, const char *content_type,
    const void *body, size_t len)
{
	http_send(req, status, content_type, body, len);
}

static dm_status
h_db_query(struct dm_req *req, const char *sql, const struct dm_value *p,
    size_t n, dm_row_fn fn, void *arg)
{
	(void)req;
	return db_query(db_worker(), sql, p, n, fn, arg);
}

static dm_status
h_db_exec(struct dm_req *req, const char *sql, const struct dm_value *p,
    size_t n, uint64_t *affected, uint64_t *insert_id)
{
	(void)req;
	return db_exec(db_worker(), sql, p, n, affected, insert_id);
}

static dm_status
h_db_tx(struct dm_req *req, dm_tx_fn fn, void *arg)
{
	return db_tx_plugin(db_worker(), req, fn, arg);
}

/* Who is asking, built once per request. */
static const struct dm_user *
h_req_user(struct dm_req *req)
{
	if (req->session == NULL || req->session->account_id <= 0)
		return NULL;
	if (req->user_cache == NULL)
		req->user_cache = (void *)(uintptr_t)account_user(req,
		    req->session->account_id);
	return req->user_cache;
}

static int
h_req_is_staff(struct dm_req *req, const char *dept)
{
	return req->session != NULL && dept != NULL &&
	    session_is_staff(req->session, dept);
}

static const char *
h_form_value(struct dm_form *form, const char *field)
{
	struct ffield *f = form ? forms_find(form->f, form->n, field) : NULL;

	return f ? f->value : NULL;
}

/* The first message about a field stands; the reader's language. */
static void
h_form_error(struct dm_form *form, const char *field, const char *el,
    const char *en)
{
	struct ffield *f = form ? forms_find(form->f, form->n, field) : NULL;
	const char *msg;

	if (f == NULL || f->error != NULL)
		return;
	msg = pages_l(form->req, el, en);
	f->error = arena_strdup(form->req->arena, msg ? msg : el);
}

static const char *
h_request_value(struct dm_req *req, const struct dm_request *r,
    const char *field)
{
	return request_plugin_value(req, r, field);
}

static const char *
h_tr(struct dm_req *req, const char *el, const char *en)
{
	return pages_l(req, el, en);
}

static void
h_today(char out[DM_DATE_SIZE])
{
	lt_today_iso(out);
}

static void
h_now(char out[DM_DATETIME_SIZE])
{
	lt_now_iso(out);
}

static int
h_is_business_day(const char *date)
{
	return lt_is_business_day(date);
}

static dm_status
h_add_business_days(const char *date, unsigned n, char out[DM_DATE_SIZE])
{
	return lt_add_business_days(date, n, out) == 0 ? DM_OK : DM_EINPUT;
}

/*
 * A form's files, as a plugin sees them: struct dm_upload first, then what
 * upload_read needs. magic tells ours from anything else.
 */
struct host_upload {
	struct dm_upload	 pub;
	unsigned		 magic;
	struct dm_form		*form;
	long long		 attachment;	/* stored with the draft */
	const unsigned char	*data;		/* or still in the request */
	size_t			 len;
};

#define HOST_UPLOAD_MAGIC	0x75706c64u

struct upload_list {
	struct dm_form		*form;
	const char		*field;
	struct host_upload	**v;
	size_t			 n;
	size_t			 cap;
};

static struct host_upload *
list_add(struct upload_list *l, const char *name, const char *type,
    size_t size)
{
	struct host_upload *h;

	if (l->n == l->cap)
		return NULL;
	h = arena_zalloc(l->form->req->arena, sizeof(*h));
	h->magic = HOST_UPLOAD_MAGIC;
	h->form = l->form;
	h->pub.field = l->field;
	h->pub.name = name;
	h->pub.type = type;
	h->pub.size = size;
	l->v[l->n++] = h;
	return h;
}


/* The files of field: those kept with the form's draft, or (a form that is
 * not stored) the acceptable ones sent with this request. */
static struct upload_list *
form_files(struct dm_form *form, const char *field)
{
	struct dm_req *req = form->req;
	struct upload_list *l = form->files;

	if (l != NULL && strcmp(l->field, field) == 0)
		return l;
	l = arena_zalloc(req->arena, sizeof(*l));
	l->form = form;
	l->field = arena_strdup(req->arena, field);
	l->cap = (size_t)req->cfg->lim_upload_files + req->nuploads;
	l->v = arena_zalloc(req->arena, (l->cap + 1) * sizeof(*l->v));
	if (form->request_id != 0) {
		struct attachment *v;
		size_t n;

		if (attachments_list(req, form->request_id, 1, 0, &v, &n) !=
		    DM_OK) {
			log_error("the files of request %lld could not be "
			    "read for its plugin", form->request_id);
			n = 0;
		}
		for (size_t i = 0; i < n; i++) {
			struct host_upload *h;

			if (v[i].field == NULL || strcmp(v[i].field,
			    field) != 0)
				continue;
			if ((h = list_add(l, v[i].filename, v[i].type,
			    (size_t)v[i].size)) == NULL)
				break;
			h->attachment = v[i].id;
		}
	} else {
		for (struct upload *u = req->uploads; u; u = u->next) {
			struct host_upload *h;

			if (u->data == NULL || u->len == 0 || u->too_big ||
			    u->bad_type || u->too_many ||
			    strcmp(u->field, field) != 0)
				continue;
			if ((h = list_add(l, u->filename, u->type,
			    u->len)) == NULL)
				break;
			h->data = u->data;
			h->len = u->len;
		}
	}
	form->files = l;
	return l;
}

static size_t
h_upload_count(struct dm_form *form, const char *field)
{
	if (form == NULL || field == NULL)
		return 0;
	return form_files(form, field)->n;
}

static const struct dm_upload *
h_upload_at(struct dm_form *form, const char *field, size_t i)
{
	struct upload_list *l;

	if (form == NULL || field == NULL)
		return NULL;
	l = form_files(form, field);
	return i < l->n ? &l->v[i]->pub : NULL;
}

static dm_status
h_upload_read(struct dm_form *form, const struct dm_upload *u,
    const void **data, size_t *len)
{
	const struct host_upload *h = (const struct host_upload *)u;

	*data = NULL;
	*len = 0;
	if (form == NULL || u == NULL || h->magic != HOST_UPLOAD_MAGIC ||
	    h->form != form)
		return DM_EINPUT;
	if (h->data != NULL) {
		*data = h->data;
		*len = h->len;
		return DM_OK;
	}
	{
		struct attachment a;
		const char *bytes;
		dm_status st = attachments_fetch(form->req, form->request_id,
		    h->attachment, 0, 0, &a, &bytes);

		if (st != DM_OK)
			return st;
		*data = bytes;
		*len = (size_t)a.size;
		return DM_OK;
	}
}

static int
h_field_has_error(struct dm_form *form, const char *field)
{
	struct ffield *f = form ? forms_find(form->f, form->n, field) : NULL;

	return f != NULL && f->error != NULL;
}

static int
h_form_location(struct dm_form *form, const char *field, double *lat,
    double *lon)
{
	struct ffield *f = form ? forms_find(form->f, form->n, field) : NULL;
	double la, lo;

	if (f == NULL || f->type != F_ADDRESS || f->lat == NULL ||
	    f->lon == NULL || !val_latlon(f->lat, f->lon, &la, &lo))
		return 0;
	if (lat != NULL)
		*lat = la;
	if (lon != NULL)
		*lon = lo;
	return 1;
}

/* ------------------------------------------- a department's own work */

static const struct dm_request *
h_request_get(struct dm_req *req, long long id)
{
	struct request *r;

	if (req == NULL || req->plugin == NULL || id <= 0)
		return NULL;
	r = arena_zalloc(req->arena, sizeof(*r));
	if (request_load(req, id, 0, req->plugin->name, r) != DM_OK ||
	    r->status == RS_DRAFT)
		return NULL;
	return request_for_plugin(req, r);
}

/* As the request page's buttons do it (casework.c), for the department's
 * own pages: only starting and completing. */
static dm_status
h_request_act(struct dm_req *req, long long id, const char *action,
    const char *text)
{
	struct act_input in;
	const struct service *sv;
	const char *error = NULL;
	struct request r;
	dm_status st;

	if (req == NULL || req->plugin == NULL || req->session == NULL ||
	    action == NULL)
		return DM_EDENIED;
	if ((st = request_load(req, id, 0, req->plugin->name, &r)) != DM_OK)
		return st;
	if (r.status == RS_DRAFT || (sv = services_find(r.service)) == NULL)
		return DM_ENOTFOUND;
	memset(&in, 0, sizeof(in));
	in.text = text;
	if (strcmp(action, "start") == 0)
		in.which = ACT_START;
	else if (strcmp(action, "complete") == 0) {
		if (text == NULL || text[0] == '\0' || strlen(text) > 10000 ||
		    !val_utf8(text, strlen(text)))
			return DM_EINPUT;
		in.which = ACT_COMPLETE;
	} else
		return DM_EINPUT;
	if (!act_applies(in.which, r.status, sv))
		return DM_ECONFLICT;
	if ((st = casework_act(req, sv, &r, &in, &error)) != DM_OK)
		return st;
	audit(req, arena_printf(req->arena, "request_%s", action),
	    r.account_id, arena_printf(req->arena, "%lld", r.id));
	return DM_OK;
}

/* [a-z0-9_]{1,24} */
static int
mail_kind_ok(const char *s)
{
	size_t n = s ? strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") : 0;

	return n >= 1 && n <= 24 && s[n] == '\0';
}

static dm_status
h_mail_applicant(struct dm_req *req, const struct dm_request *r,
    const char *kind, const char *const *vars, const char *at,
    long long *id)
{
	const char *v[40];
	char utc[20];
	struct account a;
	struct mail m;
	size_t n = 0;
	dm_status st;

	if (req == NULL || req->plugin == NULL || r == NULL ||
	    r->applicant == NULL || !mail_kind_ok(kind))
		return DM_EINPUT;
	if (at != NULL && lt_utc_of_local(at, utc) != 0)
		return DM_EINPUT;
	if ((st = account_load(req, r->applicant->id, &a)) != DM_OK)
		return st;
	if (a.email == NULL || a.email[0] == '\0')
		return DM_ENOTFOUND;
	v[n++] = "protocol";
	v[n++] = r->protocol ? r->protocol : "";
	v[n++] = "link";
	v[n++] = arena_printf(req->arena, "%s/requests/%lld",
	    req->cfg->base_url, r->id);
	for (size_t i = 0; vars && vars[i] && vars[i + 1] && n < 38; i += 2) {
		v[n++] = vars[i];
		v[n++] = vars[i + 1];
	}
	v[n] = NULL;
	memset(&m, 0, sizeof(m));
	m.to = a.email;
	m.name = account_display(req, &a);
	m.lang = a.lang;
	m.kind = arena_printf(req->arena, "%s_%s", req->plugin->name, kind);
	m.account_id = a.id;
	m.vars = v;
	return mail_queue_at(req, &m, arena_printf(req->arena, "%s.mail.%s",
	    req->plugin->name, kind), at != NULL ? utc : NULL, id);
}

static dm_status
h_mail_cancel(struct dm_req *req, long long id)
{
	if (req == NULL || req->plugin == NULL || id <= 0)
		return DM_EINPUT;
	return outbox_cancel(db_worker(), id, arena_printf(req->arena, "%s_",
	    req->plugin->name));
}

static void
h_refuse(struct dm_req *req, const char *el, const char *en)
{
	const char *msg;

	if (req == NULL || el == NULL)
		return;
	msg = pages_l(req, el, en);
	req->refusal = arena_strdup(req->arena, msg ? msg : el);
}

static dm_status
h_send_pdf(struct dm_req *req, const struct dm_sheet *sheet)
{
	unsigned char *pdf = NULL;
	size_t len = 0;
	dm_status st;

	if (req == NULL || req->plugin == NULL || sheet == NULL)
		return DM_EINPUT;
	if ((st = printout_sheet(req, req->plugin, sheet, &pdf, &len)) !=
	    DM_OK)
		return st;
	pages_send_file(req, sheet->filename ? sheet->filename : "sheet.pdf",
	    "application/pdf", pdf, len);
	free(pdf);
	return DM_OK;
}

/* The places as plugins see them, made once from what this process
 * loaded (places.c) and made again if that changed. */
static const struct geo_places *made_from;
static struct dm_zone *host_zones;
static struct dm_settlement *host_settlements;

static void
places_sync(void)
{
	const struct geo_places *pl = places_get();

	if (pl == made_from)
		return;
	free(host_zones);
	free(host_settlements);
	host_zones = NULL;
	host_settlements = NULL;
	made_from = pl;
	if (pl == NULL)
		return;
	host_zones = calloc(pl->nzone + 1, sizeof(*host_zones));
	host_settlements = calloc(pl->nsettlement + 1,
	    sizeof(*host_settlements));
	if (host_zones == NULL || host_settlements == NULL)
		log_fatal("out of memory");
	for (size_t i = 0; i < pl->nzone; i++) {
		host_zones[i].code = pl->zone[i].code;
		host_zones[i].name_el = pl->zone[i].name_el;
		host_zones[i].name_en = pl->zone[i].name_en;
	}
	for (size_t i = 0; i < pl->nsettlement; i++) {
		const struct geo_settlement *s = &pl->settlement[i];

		host_settlements[i].code = s->code;
		host_settlements[i].name_el = s->name_el;
		host_settlements[i].name_en = s->name_en;
		host_settlements[i].zone = s->zone ? &host_zones[s->zone -
		    pl->zone] : NULL;
		host_settlements[i].lat = s->at.lat;
		host_settlements[i].lon = s->at.lon;
	}
}

static const struct dm_settlement *
h_settlement_at(size_t i)
{
	places_sync();
	return made_from != NULL && i < made_from->nsettlement ?
	    &host_settlements[i] : NULL;
}

static const struct dm_zone *
h_zone_at(size_t i)
{
	places_sync();
	return made_from != NULL && i < made_from->nzone ? &host_zones[i] :
	    NULL;
}

static const struct dm_settlement *
h_form_settlement(struct dm_form *form, const char *field)
{
	struct ffield *f = form ? forms_find(form->f, form->n, field) : NULL;
	const struct dm_settlement *s;

	if (f == NULL || f->type != F_ADDRESS || f->settlement == NULL)
		return NULL;
	for (size_t i = 0; (s = h_settlement_at(i)) != NULL; i++)
		if (strcmp(s->code, f->settlement) == 0)
			return s;
	return NULL;
}

/* Choice values are what a form sends back: [a-z0-9_-], 1 to 64. */
static int
choice_value_ok(const char *v)
{
	size_t n = 0;

	for (; v[n] != '\0'; n++)
		if (!((v[n] >= 'a' && v[n] <= 'z') ||
		    (v[n] >= '0' && v[n] <= '9') || v[n] == '_' ||
		    v[n] == '-'))
			return 0;
	return n > 0 && n <= 64;
}

static void
h_choice_add(struct dm_choices *out, const char *value, const char *label_el,
    const char *label_en)
{
	struct fchoice *c;

	if (out == NULL || value == NULL || label_el == NULL ||
	    !choice_value_ok(value)) {
		log_error("a plugin's choices hook added a choice without a "
		    "valid value or label; left out");
		return;
	}
	if (out->n == out->cap) {
		size_t cap = out->cap ? out->cap * 2 : 8;
		struct fchoice *v = arena_zalloc(out->req->arena,
		    cap * sizeof(*v));

		if (out->n > 0)
			memcpy(v, out->v, out->n * sizeof(*v));
		out->v = v;
		out->cap = cap;
	}
	c = &out->v[out->n++];
	c->value = arena_strdup(out->req->arena, value);
	c->label = arena_strdup(out->req->arena, i18n_pick(out->req->lang,
	    label_el, label_en ? label_en : label_el));
}

struct answer_ctx {
	struct dm_req		*req;
	const struct request	*r;
	const char		*text;
};

static dm_status
answer_tx(void *arg)
{
	struct answer_ctx *x = arg;
	struct dm_req *req = x->req;
	dm_status st;

	st = request_transition(req, x->r, RS_COMPLETED, "completed", x->text,
	    NULL);
	if (st != DM_OK)
		return st;
	return mailbox_deliver(req, x->r->account_id, x->r->id, "answer",
	    i18n_format(req->arena, i18n_lang_of(req->lang),
	    "mailbox.complete", (const char *const[]){ "protocol",
	    x->r->protocol, NULL }), x->text, 0, 0);
}

static dm_status
h_request_answer(struct dm_plugin_ctx *ctx, struct dm_req *req,
    const struct dm_request *dr, const char *text_el, const char *text_en)
{
	const struct plugin *p = ctx_plugin(ctx, "request_answer");
	const struct request *r = request_of_plugin(dr);
	const struct service *sv;
	struct answer_ctx x;

	if (p == NULL || req == NULL || r == NULL || text_el == NULL ||
	    text_el[0] == '\0')
		return DM_EINPUT;
	sv = services_find(r->service);
	if (sv == NULL || sv->plugin != p)
		return DM_EDENIED;
	if (r->status != RS_SUBMITTED && r->status != RS_IN_PROGRESS &&
	    r->status != RS_AWAITING)
		return DM_ECONFLICT;
	x.req = req;
	x.r = r;
	x.text = i18n_pick(req->lang, text_el, text_en ? text_en : text_el);
	return db_tx(db_worker(), answer_tx, &x);
}

static void
h_set_status(struct dm_req *req, int status)
{
	if (req != NULL && status >= 200 && status <= 599)
		req->status = status;
}

/* ------------------------------------------------------------- fees */

/* What the collector is asked about request r of plugin p. */
static void
fee_ask(const struct plugin *p, const struct request *r, long long amount,
    const char *el, const char *en, struct dm_fee_ask *ask)
{
	memset(ask, 0, sizeof(*ask));
	ask->plugin = p->name;
	ask->request_id = r->id;
	ask->protocol = r->protocol;
	ask->afm = r->applicant_afm;
	ask->amount = amount;
	ask->purpose_el = el;
	ask->purpose_en = en;
}

/* The calling plugin's own submitted request behind dr, or NULL. */
static const struct request *
own_request(const struct plugin *p, const struct dm_request *dr)
{
	const struct request *r = request_of_plugin(dr);
	const struct service *sv;

	if (p == NULL || r == NULL || r->protocol == NULL)
		return NULL;
	sv = services_find(r->service);
	return sv != NULL && sv->plugin == p ? r : NULL;
}

/* The applicant's mailbox is told what to pay, how and to whom. */
static dm_status
fee_deliver(struct dm_req *req, const struct request *r, const char *el,
    const char *en, const struct dm_fee *f)
{
	enum i18n_lang lang = mailbox_lang(req, r->account_id);
	char amount[KIT_MONEY_BUFSZ];
	const char *const vars[] = { "protocol", r->protocol, "purpose",
	    lang == I18N_EN && en != NULL ? en : el, "amount", amount, "rf",
	    f->rf, "iban", f->iban, "beneficiary", f->beneficiary, NULL };

	kit_money_format(f->amount, amount);
	return mailbox_deliver(req, r->account_id, r->id, "message",
	    i18n_format(req->arena, lang, "mailbox.fee.title", vars),
	    i18n_format(req->arena, lang, "mailbox.fee.body", vars), 0, 0);
}

static dm_status
h_fee_raise(struct dm_plugin_ctx *ctx, struct dm_req *req,
    const struct dm_request *dr, long long amount, const char *el,
    const char *en, struct dm_fee *out)
{
	const struct plugin *p = ctx_plugin(ctx, "fee_raise");
	const struct request *r = own_request(p, dr);
	struct dm_fee_ask ask;
	dm_status st;

	if (p == NULL || req == NULL || out == NULL)
		return DM_EINPUT;
	if (r == NULL)
		return DM_EDENIED;
	if (amount <= 0 || amount > KIT_MONEY_MAX_CENTS || el == NULL ||
	    el[0] == '\0')
		return DM_EINPUT;
	if (plugins_fee_collector() == NULL)
		return DM_ENOTFOUND;
	/* Raised already: the same fee, and no second message. */
	fee_ask(p, r, 0, NULL, NULL, &ask);
	st = plugin_fee(req, plugins_fee_collector(), &ask, out);
	if (st == DM_OK)
		return out->amount == amount ? DM_OK : DM_ECONFLICT;
	if (st != DM_ENOTFOUND)
		return st;
	fee_ask(p, r, amount, el, en != NULL ? en : el, &ask);
	if ((st = plugin_fee(req, plugins_fee_collector(), &ask, out)) !=
	    DM_OK)
		return st;
	if (out->amount != amount || out->rf[0] == '\0') {
		log_error("plugin %s: raised a fee of %lld cents for %s "
		    "request %lld as %lld cents, code '%s'",
		    plugins_fee_collector()->name, amount, p->name, r->id,
		    out->amount, out->rf);
		return DM_EINTERNAL;
	}
	return fee_deliver(req, r, el, en, out);
}

static dm_status
h_fee_status(struct dm_plugin_ctx *ctx, struct dm_req *req,
    const struct dm_request *dr, struct dm_fee *out)
{
	const struct plugin *p = ctx_plugin(ctx, "fee_status");
	const struct request *r = own_request(p, dr);
	struct dm_fee_ask ask;

	if (p == NULL || req == NULL || out == NULL)
		return DM_EINPUT;
	if (r == NULL)
		return DM_EDENIED;
	fee_ask(p, r, 0, NULL, NULL, &ask);
	return plugin_fee(req, plugins_fee_collector(), &ask, out);
}

struct paid_ctx {
	struct dm_req		*req;
	const struct service	*sv;
	const struct request	*r;
	const struct dm_fee	*fee;
};

static dm_status
paid_tx(void *arg)
{
	struct paid_ctx *x = arg;

	return plugin_on_paid(x->req, x->sv, request_for_plugin(x->req, x->r),
	    x->fee);
}

/* The owner's on_paid, then its certificate if it issues one now. */
static dm_status
fee_paid_in(struct dm_req *req, const struct plugin *owner,
    long long request_id, const struct dm_fee *fee)
{
	const struct service *sv;
	struct dm_certificate cert;
	struct request r;
	struct paid_ctx x;
	dm_status st;

	if ((st = request_load(req, request_id, 0, owner->name, &r)) !=
	    DM_OK)
		return st;
	sv = services_find(r.service);
	if (sv == NULL || sv->plugin != owner || r.protocol == NULL)
		return DM_ENOTFOUND;
	x = (struct paid_ctx){ req, sv, &r, fee };
	if ((st = db_tx(db_worker(), paid_tx, &x)) != DM_OK)
		return st;
	if (sv->svc->result != DM_RESULT_CERTIFICATE ||
	    !(RS_BIT(r.status) & RS_OPEN))
		return DM_OK;
	if (!documents_can_seal()) {
		log_warn("plugin %s: request %s is paid; without the seal's "
		    "key here a clerk issues it", owner->name, r.protocol);
		return DM_OK;
	}
	st = issuing_content(req, sv, &r, 0, NULL, &cert);
	if (st == DM_ENOTFOUND || st == DM_EDENIED)
		return DM_OK;		/* a clerk's, as before */
	if (st != DM_OK)
		return st;
	if ((st = pages_issue_auto(req, sv, r.id, NULL, &cert)) == DM_OK)
		log_info("plugin %s: request %s issued, its fee paid (%s)",
		    owner->name, r.protocol, fee->rf);
	return st;
}

static dm_status
h_fee_paid(struct dm_plugin_ctx *ctx, struct dm_req *req, const char *plugin,
    long long request_id, const struct dm_fee *fee)
{
	const struct plugin *p = ctx_plugin(ctx, "fee_paid");
	const struct plugin *owner = plugin != NULL ? plugins_find(plugin) :
	    NULL;
	struct dm_req local;
	struct arena arena;
	dm_status st;

	if (p == NULL || fee == NULL || request_id <= 0)
		return DM_EINPUT;
	if (p != plugins_fee_collector())
		return DM_EDENIED;
	if (owner == NULL)
		return DM_ENOTFOUND;
	if (req != NULL)
		return fee_paid_in(req, owner, request_id, fee);
	/* From a command: a request of the core's own, as a worker's. */
	arena_init(&arena);
	memset(&local, 0, sizeof(local));
	local.arena = &arena;
	local.cfg = host_cfg;
	local.lang = "el";
	st = fee_paid_in(&local, owner, request_id, fee);
	arena_free(&arena);
	return st;
}

static const struct dm_host host_table = HOST_TABLE_INIT;

const struct dm_host *
host_get(const struct config *cfg)
{
	host_cfg = cfg;
	return &host_table;
}
