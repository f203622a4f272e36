/*
 * abi_v21_plugin.c - a plugin built against the frozen ABI 2.1 headers
 * (tests/abi/v2_1, the 2.1 released before 2.2's choices, fee and
 * on_paid), loaded by today's core. Its descriptor is 136 bytes; what a
 * 2.2 descriptor holds after it (choices, fee, on_paid) is here a row of
 * functions that count their calls: a core reading past 2.1 would call
 * them, and the test checks the counter stays 0. Its 2.1 hooks (columns,
 * a file field's types, on_submit, preview) must work as 2.1 said: its
 * preview is called for drafts only.
 */
#include <stddef.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#if DM_ABI_MAJOR != 2 || DM_ABI_MINOR != 1
#error "abi_v21_plugin.c must be built against tests/abi/v2_1"
#endif

static const struct dm_host *host;
static struct dm_plugin_ctx *self;

/* Calls of functions only a reader past 2.1 would find; calls of the 2.1
 * hooks. */
DM_PLUGIN_EXPORT int abi_v21_trapped;
DM_PLUGIN_EXPORT int abi_v21_submits;
DM_PLUGIN_EXPORT int abi_v21_previews;

static const struct dm_field permit_fields[] = {
	{ .name = "days", .type = DM_FIELD_NUMBER, .label_el = "Ημέρες",
	  .label_en = "Days", .flags = DM_FIELD_REQUIRED, .min = 1,
	  .max = 30 },
	{ .name = "plan", .type = DM_FIELD_FILE, .label_el = "Σχέδιο",
	  .label_en = "Plan", .max = 1, .accept = DM_ACCEPT_PDF },
	{ .name = NULL },
};

static const struct dm_column columns[] = {
	{ .field = "days", .label_el = "Ημέρες", .label_en = "Days",
	  .filter = DM_FILTER_NONE },
	{ .field = NULL },
};

static const struct dm_service services[] = {
	{ .code = "v21-permit", .title_el = "Άδεια (2.1)",
	  .title_en = "A permit (2.1)", .summary_el = "Άδεια",
	  .summary_en = "Permit", .fields = permit_fields, .sla_days = 5,
	  .result = DM_RESULT_ANSWER, .columns = columns },
	{ .code = NULL },
};

static const struct dm_department department = {
	.code = "abi_v21",
	.name_el = "Τεχνικές (2.1)",
	.name_en = "Technical (2.1)",
	.description_el = "Ένα τμήμα ABI 2.1",
	.description_en = "An ABI 2.1 department",
	.contact_email = "v21@example.org",
	.contact_phone = "+30 210 0000001",
};

static dm_status
init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	host = h;
	self = ctx;
	/* Its view of the host table: the 2.1 one, which today's reaches. */
	return DM_HOST_HAS(host, form_settlement) ? DM_OK : DM_EINTERNAL;
}

static dm_status
on_submit(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_form *form)
{
	(void)req, (void)svc, (void)r, (void)form;
	abi_v21_submits++;
	return DM_OK;
}

/* 2.1's preview: drafts only. */
static dm_status
preview(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	(void)req, (void)svc;
	if (r->protocol != NULL)
		abi_v21_trapped++;
	abi_v21_previews++;
	host->node_attr(host->node_add(panel, "note", "2.1"), "kind",
	    "info");
	return DM_OK;
}

static dm_status
trap(void)
{
	abi_v21_trapped++;
	return DM_EINTERNAL;
}

/* The 2.1 descriptor, then what a 2.2 core must never read. */
static const struct {
	struct dm_plugin	 d;
	dm_status		(*after[3])(void);
} plugin = {
	.d = {
		.abi_major = DM_ABI_MAJOR,
		.abi_minor = DM_ABI_MINOR,
		.size = sizeof(struct dm_plugin),
		.name = "abi_v21",
		.version = "2.1",
		.department = &department,
		.services = services,
		.init = init,
		.on_submit = on_submit,
		.preview = preview,
	},
	.after = { trap, trap, trap },
};

_Static_assert(sizeof(struct dm_plugin) == 136, "the released 2.1");

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin.d;
}
