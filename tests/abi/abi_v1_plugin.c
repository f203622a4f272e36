/*
 * abi_v1_plugin.c - a plugin built against the frozen ABI 1.0 headers
 * (tests/abi/v1_0), as every plugin was before ABI 2. Today's core must
 * refuse it, saying what it is and what to do.
 */
#include <stddef.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#if DM_ABI_MAJOR != 1
#error "abi_v1_plugin.c must be built against tests/abi/v1_0"
#endif

static const struct dm_department department = {
	.code = "abi_v1",
	.name_el = "Παλιό τμήμα",
	.name_en = "An old department",
};

static const struct dm_service services[] = {
	{ .code = NULL },
};

static dm_status
init(const struct dm_host *h)
{
	(void)h;
	return DM_OK;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = "abi_v1",
	.version = "1.0",
	.department = &department,
	.services = services,
	.init = init,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v1(void)
{
	return &plugin;
}
