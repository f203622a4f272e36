/*
 * abi_v20_plugin.c - a plugin built against the frozen ABI 2.0 headers
 * (tests/abi/v2_0), loaded by today's core. Its arrays have 2.0 strides
 * (fields of 80 bytes, services of 104, the department of 56), so the
 * core reads every element right only if it reads them the 2.0 way.
 *
 * Its descriptor is followed in memory by what a 2.1 descriptor would hold
 * there (on_submit, on_transition): pointers to functions that count their
 * calls. A core that read past the 2.0 descriptor would call them; the
 * test checks the counter stays 0. ABI_V20_LIAR claims a larger size than
 * 2.0 has: the core must still stop at 2.0.
 */
#include <stddef.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#if DM_ABI_MAJOR != 2 || DM_ABI_MINOR != 0
#error "abi_v20_plugin.c must be built against tests/abi/v2_0"
#endif

static const struct dm_host *host;
static struct dm_plugin_ctx *self;

/* Calls of functions only a reader past 2.0 would find. */
DM_PLUGIN_EXPORT int abi_v20_trapped;

static const struct dm_choice sizes[] = {
	{ "small", "Μικρό", "Small" },
	{ "medium", "Μεσαίο", "Medium" },
	{ "large", "Μεγάλο", "Large" },
	{ NULL, NULL, NULL },
};

static const struct dm_choice bins[] = {
	{ "blue", "Μπλε κάδος", "Blue bin" },
	{ "brown", "Καφέ κάδος", "Brown bin" },
	{ NULL, NULL, NULL },
};

/* Positional, as 2.0 plugins were often written. */
static const struct dm_field pickup_fields[] = {
	{ "address", DM_FIELD_ADDRESS, "Διεύθυνση", "Address", NULL, NULL,
	    DM_FIELD_REQUIRED, 5, 200, NULL },
	{ "size", DM_FIELD_CHOICE, "Μέγεθος", "Size", "Πόσο μεγάλο",
	    "How big", DM_FIELD_REQUIRED, 0, 0, sizes },
	{ "items", DM_FIELD_NUMBER, "Τεμάχια", "Items", NULL, NULL,
	    DM_FIELD_REQUIRED, 1, 20, NULL },
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
};

static const struct dm_field bin_fields[] = {
	{ "bin", DM_FIELD_CHOICE, "Κάδος", "Bin", NULL, NULL,
	    DM_FIELD_REQUIRED, 0, 0, bins },
	{ "where", DM_FIELD_STRING, "Πού", "Where", NULL, NULL, 0, 0, 100,
	    NULL },
	{ "photo", DM_FIELD_FILE, "Φωτογραφία", "Photo", NULL, NULL, 0, 0, 1,
	    NULL },
	{ "when", DM_FIELD_DATE, "Πότε", "When", NULL, NULL, 0, 0, 0, NULL },
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
};

static const struct dm_field note_fields[] = {
	{ "note", DM_FIELD_TEXT, "Σημείωμα", "Note", NULL, NULL,
	    DM_FIELD_REQUIRED, 1, 500, NULL },
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
};

static const struct dm_service services[] = {
	{ .code = "v20-pickup", .title_el = "Αποκομιδή ογκωδών",
	  .title_en = "Bulky waste pickup", .summary_el = "Παραλαβή",
	  .summary_en = "Pickup", .fields = pickup_fields, .sla_days = 5,
	  .flags = DM_SERVICE_LOCATION, .result = DM_RESULT_ANSWER },
	{ .code = "v20-bin", .title_el = "Νέος κάδος",
	  .title_en = "A new bin", .summary_el = "Κάδος",
	  .summary_en = "Bin", .fields = bin_fields, .sla_days = 10,
	  .fee_el = "5 ευρώ", .fee_en = "5 euros",
	  .result = DM_RESULT_DOCUMENT },
	{ .code = "v20-note", .title_el = "Σημείωμα",
	  .title_en = "A note", .summary_el = "Σημείωμα",
	  .summary_en = "Note", .fields = note_fields,
	  .flags = DM_SERVICE_BUSINESS, .result = DM_RESULT_ANSWER },
	{ .code = NULL },
};

static const struct dm_department department = {
	.code = ABI_NAME,
	.name_el = "Καθαριότητα (2.0)",
	.name_en = "Cleaning (2.0)",
	.description_el = "Ένα τμήμα ABI 2.0",
	.description_en = "An ABI 2.0 department",
	.contact_email = "v20@example.org",
	.contact_phone = "+30 210 0000000",
};

static const struct dm_config_key config_keys[] = {
	{ "greeting", 0, "a word the plugin says" },
	{ NULL, 0, NULL },
};

static dm_status
hello(struct dm_req *req)
{
	const char *g = host->config_get(self, "greeting");
	const char *msg = host->aprintf(req, "%s from ABI 2.0 (%s)\n",
	    g ? g : "hello", host->req_arg(req, "who"));

	host->log(self, DM_LOG_INFO, "said hello");
	host->send(req, 200, "text/plain; charset=utf-8", msg, strlen(msg));
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/" ABI_NAME "/hello/:who", DM_ROUTE_PUBLIC, hello },
	{ 0, NULL, 0, NULL },
};

/* A pickup of more than 10 items must be large. */
static dm_status
validate(struct dm_req *req, const struct dm_service *svc,
    struct dm_form *form)
{
	const char *items = host->form_value(form, "items");
	const char *size = host->form_value(form, "size");

	(void)req;
	if (strcmp(svc->code, "v20-pickup") != 0)
		return DM_OK;
	if (items != NULL && size != NULL && strlen(items) > 1 &&
	    strcmp(size, "large") != 0)
		host->form_error(form, "size", "Πάνω από 10 τεμάχια: μεγάλο.",
		    "More than 10 items: large.");
	return DM_OK;
}

static dm_status
init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	host = h;
	self = ctx;
	return host->abi_major == 2 ? DM_OK : DM_EINTERNAL;
}

static dm_status
trap(void)
{
	abi_v20_trapped++;
	return DM_EINTERNAL;
}

/* The 2.0 descriptor, then what a 2.1 core must never read. */
static const struct {
	struct dm_plugin	 d;
	dm_status		(*after[4])(void);
} plugin = {
	.d = {
		.abi_major = DM_ABI_MAJOR,
		.abi_minor = DM_ABI_MINOR,
#ifdef ABI_V20_LIAR
		.size = sizeof(struct dm_plugin) + 4 * sizeof(void *),
#else
		.size = sizeof(struct dm_plugin),
#endif
		.name = ABI_NAME,
		.version = "2.0",
		.department = &department,
		.services = services,
		.routes = routes,
		.config = config_keys,
		.init = init,
		.validate = validate,
	},
	.after = { trap, trap, trap, trap },
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin.d;
}
