/*
 * abi_plugin.c - one source, many plugins built against the current
 * headers. Each ABI_CASE_* build breaks exactly one rule the loader
 * enforces; ABI_CASE_OK is a correct plugin with routes, a config key, a
 * validate hook and queue columns, and ABI_CASE_OTHER a second correct one
 * (config isolation: each reads only its own section).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

static const struct dm_host *host;
static struct dm_plugin_ctx *self;

static const struct dm_choice kinds[] = {
	{ .value = "paper", .label_el = "Χαρτί", .label_en = "Paper" },
	{ .value = "glass", .label_el = "Γυαλί", .label_en = "Glass" },
	{ .value = NULL },
};

static const struct dm_field fields[] = {
#ifdef ABI_CASE_BADFIELD
	{ .name = "Bad Name", .type = DM_FIELD_STRING, .label_el = "Όνομα",
	  .label_en = "Name" },
#elif defined(ABI_CASE_NOCHOICES)
	{ .name = "kind", .type = DM_FIELD_CHOICE, .label_el = "Είδος",
	  .label_en = "Kind" },
#elif defined(ABI_CASE_OWNCHOICES)
	/* The applicant's own choices, from a plugin without the hook. */
	{ .name = "mine", .type = DM_FIELD_CHOICE, .label_el = "Δικό μου",
	  .label_en = "Mine", .flags = DM_FIELD_OWN_CHOICES },
#elif defined(ABI_CASE_BADACCEPT)
	{ .name = "note", .type = DM_FIELD_TEXT, .label_el = "Σημείωση",
	  .label_en = "Note", .accept = DM_ACCEPT_PDF },
#else
	{ .name = "note", .type = DM_FIELD_TEXT, .label_el = "Σημείωση",
	  .label_en = "Note", .flags = DM_FIELD_REQUIRED, .min = 1,
	  .max = 100 },
#endif
	{ .name = "kind", .type = DM_FIELD_CHOICE, .label_el = "Είδος",
	  .label_en = "Kind", .choices = kinds },
	{ .name = "day", .type = DM_FIELD_DATE, .label_el = "Ημέρα",
	  .label_en = "Day" },
	{ .name = "photo", .type = DM_FIELD_FILE, .label_el = "Φωτογραφία",
	  .label_en = "Photo", .max = 2, .accept = DM_ACCEPT_PHOTO },
	{ .name = NULL },
};

static const struct dm_column columns[] = {
#ifdef ABI_CASE_BADCOLUMN
	/* Filtering needs the index. */
	{ .field = "day", .label_el = "Ημέρα", .label_en = "Day",
	  .filter = DM_FILTER_RANGE },
#else
	{ .field = "day", .label_el = "Ημέρα", .label_en = "Day",
	  .filter = DM_FILTER_RANGE,
	  .flags = DM_COLUMN_SORTABLE | DM_COLUMN_INDEXED },
#endif
	{ .field = "kind", .label_el = "Είδος", .label_en = "Kind",
	  .filter = DM_FILTER_EXACT, .flags = DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_service services[] = {
	{
#ifdef ABI_CASE_BADSERVICE
		.code = "Bad Code!",
#elif defined(ABI_CASE_DUPSERVICE)
		.code = "general-request",	/* declared by plugins/general */
#else
		.code = ABI_SERVICE,
#endif
		.title_el = "Δοκιμή", .title_en = "Test",
		.summary_el = "Δοκιμή", .summary_en = "Test",
		.fields = fields,
		.sla_days = 3,
		.result = DM_RESULT_ANSWER,
	},
	{ .code = NULL },
};

static dm_status
hello(struct dm_req *req)
{
	static const char msg[] = "hello from a plugin\n";

	host->send(req, 200, "text/plain; charset=utf-8", msg,
	    sizeof(msg) - 1);
	return DM_OK;
}

/* What config_get gives this plugin for a key (404 for nothing). */
static dm_status
config(struct dm_req *req)
{
	const char *v = host->config_get(self, host->req_arg(req, "key"));

	if (v == NULL)
		return DM_ENOTFOUND;
	host->send(req, 200, "text/plain; charset=utf-8", v, strlen(v));
	return DM_OK;
}

/* A context the core did not hand out: refused, never read. */
static dm_status
forged(struct dm_req *req)
{
	static char fake[64] = "greeting";
	const char *v;

	v = host->config_get((struct dm_plugin_ctx *)(void *)fake,
	    "greeting");
	host->log((struct dm_plugin_ctx *)(void *)fake, DM_LOG_ERROR,
	    "forged");
	if (v != NULL)
		host->send(req, 200, "text/plain", v, strlen(v));
	else
		host->send(req, 403, "text/plain", "refused", 7);
	return DM_OK;
}

static const struct dm_route routes[] = {
#ifdef ABI_CASE_BADROUTE
	{ .methods = DM_METHOD_GET, .pattern = "no-leading-slash",
	  .handler = hello },
#elif defined(ABI_CASE_SHADOW)
	/* Its own department's counter page belongs to the core. */
	{ .methods = DM_METHOD_GET, .pattern = "/staff/" ABI_NAME "/counter",
	  .access = DM_ROUTE_STAFF, .handler = hello },
#elif defined(ABI_CASE_OVERLAP)
	/* abi_ok serves /abi_ok/hello: this capture would take it. */
	{ .methods = DM_METHOD_GET, .pattern = "/abi_ok/:page",
	  .handler = hello },
#endif
	{ .methods = DM_METHOD_GET, .pattern = "/" ABI_NAME "/hello",
	  .handler = hello },
	{ .methods = DM_METHOD_GET, .pattern = "/" ABI_NAME "/config/:key",
	  .handler = config },
	{ .methods = DM_METHOD_GET, .pattern = "/" ABI_NAME "/forged",
	  .handler = forged },
	{ .pattern = NULL },
};

static const struct dm_config_key config_keys[] = {
	{ .name = "greeting", .description = "a word the plugin would say" },
	{ .name = "secret", .description = "only this plugin may read it" },
	{ .name = NULL },
};

static const struct dm_department department = {
	.code = ABI_NAME,
	.name_el = "Τμήμα δοκιμών",
	.name_en = "Test department",
	.contact_email = "test@example.org",
	.columns = columns,
};

/* Extra checks: a note may not say "no"; "boom" breaks the plugin. */
static dm_status
validate(struct dm_req *req, const struct dm_service *svc,
    struct dm_form *form)
{
	const char *note = host->form_value(form, "note");

	(void)req;
	(void)svc;
	if (note != NULL && strcmp(note, "boom") == 0)
		return DM_ENOTFOUND;
	if (note != NULL && strcmp(note, "no") == 0)
		host->form_error(form, "note", "Όχι «όχι».", "Not \"no\".");
	return DM_OK;
}

#ifndef ABI_CASE_NOINIT
static dm_status
init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	host = h;
	self = ctx;
	return DM_OK;
}
#endif

#ifdef ABI_CASE_FEES
/* A department collecting fees (never asked here: loading is tested). */
static dm_status
fee(struct dm_req *req, const struct dm_fee_ask *ask, struct dm_fee *out)
{
	(void)req, (void)ask, (void)out;
	return DM_ENOTFOUND;
}
#endif

static const struct dm_plugin plugin = {
#ifdef ABI_CASE_FEES
	.fee = fee,
#endif
#ifdef ABI_CASE_MAJOR
	.abi_major = DM_ABI_MAJOR + 1,
#else
	.abi_major = DM_ABI_MAJOR,
#endif
#ifdef ABI_CASE_MINOR
	.abi_minor = DM_ABI_MINOR + 1,
#else
	.abi_minor = DM_ABI_MINOR,
#endif
#ifdef ABI_CASE_SHORT
	/* As if built against a header missing the last fields. */
	.size = offsetof(struct dm_plugin, routes),
#else
	.size = sizeof(struct dm_plugin),
#endif
#ifdef ABI_CASE_NAME
	.name = "somebody_else",
#else
	.name = ABI_NAME,
#endif
	.version = "0.1",
	.department = &department,
	.services = services,
	.routes = routes,
	.config = config_keys,
#ifndef ABI_CASE_NOINIT
	.init = init,
#endif
	.validate = validate,
};

#ifdef ABI_CASE_NOSYMBOL
/* Exported, but under the wrong name. */
DM_PLUGIN_EXPORT const struct dm_plugin *dimos_plugin(void);

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin(void)
{
	return &plugin;
}
#else
DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
#endif
