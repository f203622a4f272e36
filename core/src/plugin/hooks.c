/*
 * hooks.c - the one way the core calls a plugin's hooks.
 * Each hook is called only if the plugin's descriptor reaches it
 * (plugin_has), with the plugin's own service entry, and with the request
 * marked as the plugin's while it runs (page views and logs are named
 * after it).
 */
#include <string.h>

#include "req.h"
#include "log.h"
#include "plugins.h"

/* Runs the hook as the plugin's and puts the request back as it was. */
#define AS_PLUGIN(req, p, call)	do {				\
	const struct plugin *was_ = (req)->plugin;			\
									\
	(req)->plugin = (p);						\
	st = (call);							\
	(req)->plugin = was_;						\
} while (0)

dm_status
plugin_validate(struct dm_req *req, const struct service *sv,
    struct dm_form *form)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (!plugin_has(p, validate))
		return DM_OK;
	AS_PLUGIN(req, p, p->desc->validate(req, sv->decl, form));
	if (st != DM_OK) {
		log_error("plugin %s: validate of %s failed (status %d)",
		    p->name, sv->svc->code, (int)st);
		return DM_EINTERNAL;
	}
	return DM_OK;
}

dm_status
plugin_certificate(struct dm_req *req, const struct service *sv,
    const struct dm_request *r, int auto_issue, const char *record_ref,
    struct dm_certificate *out)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (!plugin_has(p, certificate))
		return DM_ENOTFOUND;
	AS_PLUGIN(req, p, p->desc->certificate(req, sv->decl, r, auto_issue,
	    record_ref, out));
	return st;
}

dm_status
plugin_staff_panel(struct dm_req *req, const struct service *sv,
    const struct dm_request *r, struct dm_node *panel)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (!plugin_has(p, staff_panel))
		return DM_ENOTFOUND;
	AS_PLUGIN(req, p, p->desc->staff_panel(req, sv->decl, r, panel));
	return st;
}

dm_status
plugin_preview(struct dm_req *req, const struct service *sv,
    const struct dm_request *r, struct dm_node *panel)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (!plugin_has(p, preview))
		return DM_ENOTFOUND;
	AS_PLUGIN(req, p, p->desc->preview(req, sv->decl, r, panel));
	if (st != DM_OK)
		log_error("plugin %s: preview of %s failed (status %d)",
		    p->name, sv->svc->code, (int)st);
	return st;
}

dm_status
plugin_on_submit(struct dm_req *req, const struct service *sv,
    const struct dm_request *r, struct dm_form *form)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (!plugin_has(p, on_submit))
		return DM_OK;
	AS_PLUGIN(req, p, p->desc->on_submit(req, sv->decl, r, form));
	if (st != DM_OK && st != DM_EINPUT)
		log_error("plugin %s: on_submit of request %lld refused it "
		    "(status %d)", p->name, r->id, (int)st);
	return st;
}

dm_status
plugin_on_transition(struct dm_req *req, const struct service *sv,
    const struct dm_request *r, enum dm_request_status from,
    enum dm_request_status to, const char *event)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (!plugin_has(p, on_transition))
		return DM_OK;
	AS_PLUGIN(req, p, p->desc->on_transition(req, sv->decl, r, from, to,
	    event));
	/* A refusal the plugin explained (host->refuse) is the department's
	 * rule at work, not a failure. */
	if (st != DM_OK && req->refusal != NULL)
		log_info("plugin %s: on_transition of request %lld (%s) "
		    "refused: %s", p->name, r->id, event, req->refusal);
	else if (st != DM_OK)
		log_error("plugin %s: on_transition of request %lld (%s) "
		    "failed (status %d)", p->name, r->id, event, (int)st);
	return st;
}

dm_status
plugin_choices(struct dm_req *req, const struct service *sv,
    const char *field, const struct dm_user *who, struct dm_choices *out)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (!plugin_has(p, choices))
		return DM_OK;
	AS_PLUGIN(req, p, p->desc->choices(req, sv->decl, field, who, out));
	if (st != DM_OK)
		log_error("plugin %s: choices of %s.%s failed (status %d)",
		    p->name, sv->svc->code, field, (int)st);
	return st;
}

dm_status
plugin_preview_submitted(struct dm_req *req, const struct service *sv,
    const struct dm_request *r, struct dm_node *panel)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (p->desc->abi_minor < 2 || !plugin_has(p, preview))
		return DM_ENOTFOUND;
	AS_PLUGIN(req, p, p->desc->preview(req, sv->decl, r, panel));
	if (st != DM_OK)
		log_error("plugin %s: preview of request %lld failed (status "
		    "%d)", p->name, r->id, (int)st);
	return st;
}

dm_status
plugin_fee(struct dm_req *req, const struct plugin *p,
    const struct dm_fee_ask *ask, struct dm_fee *out)
{
	dm_status st;

	if (p == NULL || !plugin_has(p, fee))
		return DM_ENOTFOUND;
	memset(out, 0, sizeof(*out));
	AS_PLUGIN(req, p, p->desc->fee(req, ask, out));
	if (st != DM_OK && st != DM_ENOTFOUND && st != DM_ECONFLICT &&
	    st != DM_EINPUT)
		log_error("plugin %s: fee of %s request %lld failed (status "
		    "%d)", p->name, ask->plugin, ask->request_id, (int)st);
	return st;
}

dm_status
plugin_on_paid(struct dm_req *req, const struct service *sv,
    const struct dm_request *r, const struct dm_fee *fee)
{
	const struct plugin *p = sv->plugin;
	dm_status st;

	if (!plugin_has(p, on_paid))
		return DM_OK;
	AS_PLUGIN(req, p, p->desc->on_paid(req, sv->decl, r, fee));
	if (st != DM_OK)
		log_error("plugin %s: on_paid of request %lld failed (status "
		    "%d)", p->name, r->id, (int)st);
	return st;
}
