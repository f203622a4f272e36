/*
 * plugins.h - loading department plugins and the service catalogue.
 * Owns: the ABI checks (refusals name the file, what was found and what was
 * expected), normalising each plugin's declarations into the core's own
 * current-layout copies (read with the sizes of the plugin's minor), the
 * administrator's overrides, the plugins' contexts, calling hooks, and
 * lookups of services.
 */
#ifndef DIMOS_PLUGINS_H
#define DIMOS_PLUGINS_H

#include <stddef.h>

#include "dimos/host.h"

struct config;
struct pool;

/*
 * A loaded plugin. The rest of the core reads only desc: the core's own
 * copy of the descriptor and of every declaration in the current layout,
 * zero where the plugin's minor had nothing, with the administrator's
 * overrides applied, and without the services turned off. raw is what the
 * plugin returned; it is never read past raw_size.
 */
struct plugin {
	char			*name;
	char			*path;		/* the .so */
	char			*data_dir;	/* schema/, xslt/ */
	char			*stylesheet;	/* xslt/<name>.xsl or NULL */
	char			*i18n_dir;	/* xslt/i18n or NULL */
	void			*handle;
	const struct dm_plugin	*desc;		/* normalised */
	const struct dm_plugin	*raw;
	size_t			 raw_size;	/* bytes of raw we may read */
	struct dm_plugin_ctx	*ctx;		/* what init and command get */
	struct pool		*pool;		/* owns desc and its arrays */
	int			 initialized;
};

/* A service and the plugin declaring it. */
struct service {
	const struct dm_service	*svc;		/* normalised, overridden */
	const struct dm_service	*decl;		/* the plugin's own entry:
						   what hooks get */
	const struct plugin	*plugin;
	int			 disabled;	/* [service.<code>] enabled =
						   no: no new requests */
};

/* Is the hook there? Only if the plugin's descriptor reaches it. */
#define plugin_has(p, hook)						\
	(DM_SIZE_COVERS(struct dm_plugin, hook, (p)->raw_size) &&	\
	    (p)->desc->hook != NULL)

/*
 * Loads one plugin file and checks its descriptor; on refusal returns
 * DM_EINPUT with the reason in err ("plugin <path> refused: ...").
 */
dm_status	plugin_open(const char *path, const char *name,
		    struct plugin *out, char *err, size_t errsz);
void		plugin_close(struct plugin *p);

/*
 * Loads and checks every enabled plugin, then the [plugin.*],
 * [service.*] and [department.*] sections of cfg (all or nothing).
 */
dm_status	plugins_load(const struct config *cfg, char *err,
		    size_t errsz);
/* Calls each plugin's init with the host table and its context. */
dm_status	plugins_init(const struct dm_host *host);
void		plugins_unload(void);

size_t			 plugins_count(void);
const struct plugin	*plugins_at(size_t i);
const struct plugin	*plugins_find(const char *name);
/* The plugin a context was handed to, or NULL for any other pointer
 * (never dereferenced unless it is one the core handed out). */
const struct plugin	*plugins_by_ctx(const struct dm_plugin_ctx *ctx);

/* Every declared service, including those turned off. */
size_t			 services_count(void);
const struct service	*services_at(size_t i);
const struct service	*services_find(const char *code);
/* A service citizens may apply for now: NULL if unknown or turned off. */
const struct service	*services_find_open(const char *code);

const char	*field_type_name(enum dm_field_type t);

/*
 * The field a queue column shows: a field of fields by name, or a part of
 * an address field, "<field>.settlement" or "<field>.zone" (the place the
 * municipality's places file gives it). *part says which; NULL if there
 * is no such field (or the part is of something that is no address).
 */
enum column_part {
	COLUMN_WHOLE,
	COLUMN_SETTLEMENT,
	COLUMN_ZONE,
	COLUMN__MAX
};

const struct dm_field *column_field(const struct dm_field *fields,
		    const char *column, enum column_part *part);
const char	*result_kind_name(enum dm_result_kind k);
const char	*filter_name(enum dm_filter f);

/*
 * Calling hooks. Each sets req->plugin while the hook runs and calls it
 * only when plugin_has() says the plugin has it. A missing hook is DM_OK
 * (validate, on_submit, on_transition) or DM_ENOTFOUND (certificate,
 * staff_panel). A validate that returns anything but DM_OK is logged and
 * becomes DM_EINTERNAL.
 */
dm_status	plugin_validate(struct dm_req *req, const struct service *sv,
		    struct dm_form *form);
dm_status	plugin_certificate(struct dm_req *req,
		    const struct service *sv, const struct dm_request *r,
		    int auto_issue, const char *record_ref,
		    struct dm_certificate *out);
dm_status	plugin_staff_panel(struct dm_req *req, const struct service *sv,
		    const struct dm_request *r, struct dm_node *panel);
dm_status	plugin_preview(struct dm_req *req, const struct service *sv,
		    const struct dm_request *r, struct dm_node *panel);
dm_status	plugin_on_submit(struct dm_req *req, const struct service *sv,
		    const struct dm_request *r, struct dm_form *form);
dm_status	plugin_on_transition(struct dm_req *req,
		    const struct service *sv, const struct dm_request *r,
		    enum dm_request_status from, enum dm_request_status to,
		    const char *event);
/*
 * 2.2's hooks. A missing choices hook adds nothing (DM_OK). The preview
 * hook of a submitted request: only for a plugin built for 2.2 or later
 * (a 2.1 plugin's preview knows drafts only); DM_ENOTFOUND otherwise.
 */
dm_status	plugin_choices(struct dm_req *req, const struct service *sv,
		    const char *field, const struct dm_user *who,
		    struct dm_choices *out);
dm_status	plugin_preview_submitted(struct dm_req *req,
		    const struct service *sv, const struct dm_request *r,
		    struct dm_node *panel);
/* The department that collects fees (the one plugin with the fee hook),
 * or NULL. */
const struct plugin *plugins_fee_collector(void);
dm_status	plugin_fee(struct dm_req *req, const struct plugin *p,
		    const struct dm_fee_ask *ask, struct dm_fee *out);
dm_status	plugin_on_paid(struct dm_req *req, const struct service *sv,
		    const struct dm_request *r, const struct dm_fee *fee);

#endif
