/*
 * abi_v22_plugin.c - a plugin built against the frozen ABI 2.2 headers
 * (tests/abi/v2_2, the 2.2 released before 2.3 let a DATE field have its
 * own choices), loaded by today's core. Its descriptor is 160 bytes, as
 * 2.3's. Its 2.2 hooks must work as 2.2 said: the choices of a CHOICE
 * field of the applicant's own (DM_FIELD_OWN_CHOICES), its preview for
 * the submitted request too, on_paid.
 *
 * Built with ABI_V22_DATE it also declares a DATE field with its own
 * choices, which 2.2 did not promise: the core must refuse it, naming
 * the field and ABI 2.3.
 */
#include <stddef.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#if DM_ABI_MAJOR != 2 || DM_ABI_MINOR != 2
#error "abi_v22_plugin.c must be built against tests/abi/v2_2"
#endif

static const struct dm_host *host;

/* Calls of its 2.2 hooks. */
DM_PLUGIN_EXPORT int abi_v22_choices;
DM_PLUGIN_EXPORT int abi_v22_previews;
DM_PLUGIN_EXPORT int abi_v22_paid;

static const struct dm_field meter_fields[] = {
	{ .name = "supply", .type = DM_FIELD_CHOICE, .label_el = "Παροχή",
	  .label_en = "Supply",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_OWN_CHOICES },
#ifdef ABI_V22_DATE
	{ .name = "visit", .type = DM_FIELD_DATE, .label_el = "Ημέρα",
	  .label_en = "Day", .flags = DM_FIELD_OWN_CHOICES },
#endif
	{ .name = "reading", .type = DM_FIELD_NUMBER,
	  .label_el = "Ένδειξη", .label_en = "Reading", .min = 0,
	  .max = 999999 },
	{ .name = NULL },
};

static const struct dm_service services[] = {
	{ .code = ABI_SERVICE, .title_el = "Ένδειξη μετρητή (2.2)",
	  .title_en = "A meter reading (2.2)", .summary_el = "Ένδειξη",
	  .summary_en = "Reading", .fields = meter_fields, .sla_days = 5,
	  .result = DM_RESULT_ANSWER },
	{ .code = NULL },
};

static const struct dm_department department = {
	.code = ABI_NAME,
	.name_el = "Ύδρευση (2.2)",
	.name_en = "Water (2.2)",
	.description_el = "Ένα τμήμα ABI 2.2",
	.description_en = "An ABI 2.2 department",
	.contact_email = "v22@example.org",
	.contact_phone = "+30 210 0000002",
};

static dm_status
init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	(void)ctx;
	host = h;
	/* Its view of the host table: the 2.2 one, which today's reaches. */
	return DM_HOST_HAS(host, fee_paid) ? DM_OK : DM_EINTERNAL;
}

static dm_status
choices(struct dm_req *req, const struct dm_service *svc,
    const char *field, const struct dm_user *who, struct dm_choices *out)
{
	(void)req, (void)svc, (void)who;
	abi_v22_choices++;
	if (strcmp(field, "supply") != 0)
		return DM_OK;
	host->choice_add(out, "s-101", "Οδός Ερμού 1", "1 Ermou Street");
	host->choice_add(out, "s-202", "Οδός Αθηνάς 2", "2 Athinas Street");
	return DM_OK;
}

/* 2.2's preview: the draft's and the submitted request's. */
static dm_status
preview(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	(void)req, (void)svc;
	abi_v22_previews++;
	host->node_attr(host->node_add(panel, "note",
	    r->protocol != NULL ? "2.2 submitted" : "2.2 draft"), "kind",
	    "info");
	return DM_OK;
}

static dm_status
on_paid(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, const struct dm_fee *fee)
{
	(void)req, (void)svc, (void)r, (void)fee;
	abi_v22_paid++;
	return DM_OK;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = ABI_NAME,
	.version = "2.2",
	.department = &department,
	.services = services,
	.init = init,
	.preview = preview,
	.choices = choices,
	.on_paid = on_paid,
};

_Static_assert(sizeof(struct dm_plugin) == 160, "the released 2.2");

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
