/*
 * plugins.h - loading department plugins and the service catalogue.
 * Owns: the ABI checks (refusals name the file, what was found and what was
 * expected), validation of every declaration, and lookups of services.
 */
#ifndef DIMOS_PLUGINS_H
#define DIMOS_PLUGINS_H

#include <stddef.h>

#include "dimos/host.h"

struct config;

struct plugin {
	char			*name;
	char			*path;		/* the .so */
	char			*data_dir;	/* schema/, xslt/ */
	char			*stylesheet;	/* xslt/<name>.xsl or NULL */
	char			*i18n_dir;	/* xslt/i18n or NULL */
	void			*handle;
	const struct dm_plugin	*desc;
	int			 initialized;
};

/* A service and the plugin declaring it. */
struct service {
	const struct dm_service	*svc;
	const struct plugin	*plugin;
};

/*
 * Loads one plugin file and checks its descriptor; on refusal returns
 * DM_EINPUT with the reason in err ("<path>: ...").
 */
dm_status	plugin_open(const char *path, const char *name,
		    struct plugin *out, char *err, size_t errsz);
void		plugin_close(struct plugin *p);

/* Loads and checks every enabled plugin (all or nothing). */
dm_status	plugins_load(const struct config *cfg, char *err,
		    size_t errsz);
/* Calls each plugin's init with the host table. */
dm_status	plugins_init(const struct dm_host *host);
void		plugins_unload(void);

size_t			 plugins_count(void);
const struct plugin	*plugins_at(size_t i);
const struct plugin	*plugins_find(const char *name);

size_t			 services_count(void);
const struct service	*services_at(size_t i);
const struct service	*services_find(const char *code);

const char	*field_type_name(enum dm_field_type t);
const char	*result_kind_name(enum dm_result_kind k);

#endif
