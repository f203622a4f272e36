/*
 * host_table.c - the dm_host table handed to plugins.
 * Thin adapters from the ABI to core modules; the only place where the
 * plugin-facing types meet the core's own.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "accounts.h"
#include "config.h"
#include "db.h"
#include "forms.h"
#include "host_table.h"
#include "log.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "session.h"

static const struct config *host_cfg;

static void h_log(enum dm_log_level, const char *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static char *h_aprintf(struct dm_req *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static void
h_log(enum dm_log_level level, const char *plugin, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, plugin, fmt, ap);
	va_end(ap);
}

static const char *
h_config_get(const char *plugin, const char *key)
{
	return host_cfg ? config_plugin_get(host_cfg, plugin, key) : NULL;
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

	if (req->plugin != NULL)
		v = arena_printf(req->arena, "%s-%s", req->plugin->name, view);
	return render_begin(req, v, title);
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

struct tx_adapter {
	struct dm_req	*req;
	dm_tx_fn	 fn;
	void		*arg;
};

static dm_status
tx_call(void *arg)
{
	struct tx_adapter *a = arg;

	return a->fn(a->req, a->arg);
}

static dm_status
h_db_tx(struct dm_req *req, dm_tx_fn fn, void *arg)
{
	struct tx_adapter a = { req, fn, arg };

	return db_tx(db_worker(), tx_call, &a);
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

static const struct dm_host host_table = {
	.abi_major = DM_ABI_MAJOR,
	.abi_minor = DM_HOST_ABI_MINOR,
	.size = sizeof(struct dm_host),
	.log = h_log,
	.config_get = h_config_get,
	.alloc = h_alloc,
	.astrdup = h_astrdup,
	.aprintf = h_aprintf,
	.req_method = h_req_method,
	.req_path = h_req_path,
	.req_arg = h_req_arg,
	.req_query = h_req_query,
	.req_form = h_req_form,
	.req_lang = h_req_lang,
	.page_begin = h_page_begin,
	.node_add = h_node_add,
	.node_attr = h_node_attr,
	.node_attr_int = h_node_attr_int,
	.redirect = h_redirect,
	.send = h_send,
	.db_query = h_db_query,
	.db_exec = h_db_exec,
	.db_tx = h_db_tx,
	.req_user = h_req_user,
	.req_is_staff = h_req_is_staff,
	.form_value = h_form_value,
	.form_error = h_form_error,
	.request_value = h_request_value,
	.tr = h_tr,
};

const struct dm_host *
host_get(const struct config *cfg)
{
	host_cfg = cfg;
	return &host_table;
}
