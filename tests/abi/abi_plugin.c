/*
 * abi_plugin.c - one source, many deliberately broken plugins.
 * Each ABI_CASE_* build breaks exactly one rule the loader enforces;
 * ABI_CASE_OK is a correct minimal plugin with a route and a config key.
 */
#include <stddef.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

static const struct dm_host *host;

static const struct dm_field fields[] = {
#ifdef ABI_CASE_BADFIELD
	{ "Bad Name", DM_FIELD_STRING, "Όνομα", "Name", NULL, NULL, 0, 0, 0,
	    NULL },
#elif defined(ABI_CASE_NOCHOICES)
	{ "kind", DM_FIELD_CHOICE, "Είδος", "Kind", NULL, NULL, 0, 0, 0,
	    NULL },
#else
	{ "note", DM_FIELD_TEXT, "Σημείωση", "Note", NULL, NULL,
	    DM_FIELD_REQUIRED, 1, 100, NULL },
#endif
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
};

static const struct dm_service services[] = {
	{
#ifdef ABI_CASE_BADSERVICE
		.code = "Bad Code!",
#elif defined(ABI_CASE_DUPSERVICE)
		.code = "general-request",	/* declared by plugins/general */
#else
		.code = "abi-test-svc",
#endif
		.title_el = "Δοκιμή", .title_en = "Test",
		.summary_el = "Δοκιμή", .summary_en = "Test",
		.fields = fields,
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

static const struct dm_route routes[] = {
#ifdef ABI_CASE_BADROUTE
	{ DM_METHOD_GET, "no-leading-slash", DM_ROUTE_PUBLIC, hello },
#else
	{ DM_METHOD_GET, "/" ABI_NAME "/hello", DM_ROUTE_PUBLIC, hello },
#endif
	{ 0, NULL, 0, NULL },
};

static const struct dm_config_key config[] = {
	{ "greeting", 0, "a word the plugin would say" },
	{ NULL, 0, NULL },
};

static const struct dm_department department = {
	.code = ABI_NAME,
	.name_el = "Τμήμα δοκιμών",
	.name_en = "Test department",
};

#ifndef ABI_CASE_NOINIT
static dm_status
init(const struct dm_host *h)
{
	host = h;
	return DM_OK;
}
#endif

static const struct dm_plugin plugin = {
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
	.config = config,
#ifdef ABI_CASE_NOINIT
	.init = NULL,
#else
	.init = init,
#endif
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
dimos_plugin_v1(void)
{
	return &plugin;
}
#endif
