/*
 * dimos/plugin.h - the department plugin ABI, version 2.0.
 * FROZEN COPY (tests/abi/v2_0): the header as published for ABI 2.0, kept
 * to prove that a plugin built against it loads and works in a newer core.
 * Never edit it.
 * Owns: the versioned plugin descriptor and the declarations a plugin
 * hands the core (department, services, fields, choices, routes, config
 * keys). A plugin includes only this header and
 * dimos/host.h.
 *
 * Versioning (docs/architecture.md, "Plugin ABI"):
 * - DM_ABI_MAJOR changes when an existing field or function changes meaning
 *   or layout; the loader refuses another major. DM_ABI_MINOR grows when
 *   fields are appended to the end of a declaration or functions to the end
 *   of struct dm_host; the loader refuses a newer minor than its own.
 * - Every declaration a plugin hands the core (the descriptor and each
 *   array) has, per published minor, a fixed size in bytes
 *   (DM_<TYPE>_SIZE_V2_<n>). The loader reads a plugin's arrays with the
 *   sizes of the minor the plugin was built for and copies each element
 *   into its own zero-filled copy of the current layout, so a field the
 *   plugin's minor did not have reads as 0 / NULL, and nothing past the
 *   plugin's sizes is ever read (hooks included).
 * - Structs the core hands a plugin (dm_request, dm_user, dm_upload) and
 *   the certificate the core allocates for the plugin to fill also grow
 *   only at their end: a plugin reads and writes the prefix it knows.
 * - The ABI is defined for LP64 (64-bit Linux, amd64 and arm64): the sizes
 *   below are those of that data model and are checked at compile time.
 */
#ifndef DIMOS_PLUGIN_H
#define DIMOS_PLUGIN_H

#include <stddef.h>

#define DM_ABI_MAJOR	2
#define DM_ABI_MINOR	0

_Static_assert(sizeof(void *) == 8 && sizeof(long) == 8 &&
    sizeof(int) == 4, "the Dimos plugin ABI is defined for LP64");

/* The one symbol a plugin exports; it returns the plugin's descriptor. */
#define DM_PLUGIN_ENTRY_NAME	"dimos_plugin_v2"
#define DM_PLUGIN_EXPORT	__attribute__((visibility("default")))

/*
 * Does a struct of size bytes (a plugin's descriptor, the host table)
 * reach past member? What lies beyond a struct's size is absent.
 */
#define DM_SIZE_COVERS(type, member, size)				\
	((size_t)(size) >= offsetof(type, member) +			\
	    sizeof(((type *)0)->member))

/* Status of every fallible call across the ABI. */
typedef enum dm_status {
	DM_OK = 0,
	DM_EINPUT,	/* the caller's input is invalid (400 / form errors) */
	DM_EDENIED,	/* not allowed (403) */
	DM_ENOTFOUND,	/* no such thing, or not yours (404) */
	DM_ECONFLICT,	/* state changed underneath (409) */
	DM_ELIMIT,	/* too large or too many (413 / 429) */
	DM_EINTERNAL,	/* our fault; logged where detected (500) */
	DM_STATUS__MAX
} dm_status;

/* Form field types a service may declare. */
enum dm_field_type {
	DM_FIELD_STRING,	/* one line of text */
	DM_FIELD_TEXT,		/* several lines */
	DM_FIELD_NUMBER,	/* integer; min/max bound the value */
	DM_FIELD_DATE,		/* YYYY-MM-DD */
	DM_FIELD_DATETIME,	/* YYYY-MM-DDTHH:MM, the municipality's time */
	DM_FIELD_CHOICE,	/* one of choices */
	DM_FIELD_MULTICHOICE,	/* any of choices; min/max bound the count */
	DM_FIELD_AFM,		/* Greek tax number, check digit verified */
	DM_FIELD_AMKA,		/* Greek social security number, Luhn */
	DM_FIELD_PHONE,		/* Greek phone number */
	DM_FIELD_EMAIL,
	DM_FIELD_ADDRESS,	/* street address, optional lat/long */
	DM_FIELD_FILE,		/* attachment(s); min/max bound the count */
	DM_FIELD__MAX
};

/* dm_field.flags */
#define DM_FIELD_REQUIRED	0x01u
#define DM_FIELD_PERSONAL	0x02u	/* personal data: masked in staff lists */

struct dm_choice {
	const char	*value;		/* stored value, [a-z0-9_-]+ */
	const char	*label_el;
	const char	*label_en;
};

/*
 * One form field. For text types min/max bound the length in characters
 * (0 = default limit), for NUMBER the value, for MULTICHOICE and FILE the
 * count. choices is terminated by an entry whose value is NULL.
 */
struct dm_field {
	const char		*name;		/* form key, [a-z][a-z0-9_]* */
	enum dm_field_type	 type;
	const char		*label_el;
	const char		*label_en;
	const char		*hint_el;	/* may be NULL */
	const char		*hint_en;
	unsigned		 flags;
	long long		 min;
	long long		 max;
	const struct dm_choice	*choices;
};

/* How the outcome of a request is produced. */
enum dm_result_kind {
	DM_RESULT_ANSWER,		/* a message from the clerk */
	DM_RESULT_DOCUMENT,		/* a document issued by a clerk */
	DM_RESULT_CERTIFICATE,		/* a certificate issued from registry
					   data, automatically when possible */
	DM_RESULT__MAX
};

/* dm_service.flags */
#define DM_SERVICE_CONFIDENTIAL	0x01u	/* only the applicant and the
					   department see the request */
#define DM_SERVICE_LEVEL_B	0x02u	/* needs an identity verified
					   through TaxisNet */
#define DM_SERVICE_LOCATION	0x04u	/* about a place (Open311
					   location-based service) */
#define DM_SERVICE_BUSINESS	0x08u	/* businesses may apply too */

/*
 * A service (request type). Codes are global: [a-z][a-z0-9-]*, unique
 * across all plugins, and part of public URLs (/services/<code>).
 * fields is terminated by an entry whose name is NULL. An administrator
 * may turn a service off and override sla_days and the fee in the
 * configuration ([service.<code>], docs/configuration.md); the core shows
 * and uses the overridden values, hooks get the declaration as written.
 */
struct dm_service {
	const char		*code;
	const char		*title_el;
	const char		*title_en;
	const char		*summary_el;	/* one sentence */
	const char		*summary_en;
	const char		*description_el; /* paragraphs, \n\n between */
	const char		*description_en;
	const char		*keywords;	/* comma separated, for search */
	const struct dm_field	*fields;
	unsigned		 sla_days;	/* business days; 0 = none */
	const char		*fee_el;	/* NULL = free of charge */
	const char		*fee_en;
	unsigned		 flags;
	enum dm_result_kind	 result;
};

/*
 * The department a plugin implements. Names and contacts may be
 * overridden in the configuration ([department.<code>]).
 */
struct dm_department {
	const char	*code;		/* equals the plugin name */
	const char	*name_el;
	const char	*name_en;
	const char	*description_el;
	const char	*description_en;
	const char	*contact_email;	/* may be NULL */
	const char	*contact_phone;	/* may be NULL */
};

struct dm_host;
struct dm_req;
struct dm_node;
struct dm_form;

/*
 * The plugin's own handle, given to init: the host's log and config_get
 * take it, so that they speak for this plugin only (its name in the log,
 * its own [plugin.<name>] section). Opaque; the core refuses a pointer it
 * did not hand out.
 */
struct dm_plugin_ctx;

/* Who is asking, or who applied (borrowed, valid for the request). */
struct dm_user {
	long long	 id;
	char		 kind;		/* 'p' person, 'b' business */
	char		 level;		/* 'A', or 'B': identity verified
					   through TaxisNet */
	const char	*email;
	const char	*first_name;
	const char	*last_name;
	const char	*father_name;
	const char	*mother_name;
	const char	*company_name;
	const char	*afm;
	const char	*amka;
	int		 birth_year;	/* 0: unknown */
};

/* A request, as plugin hooks see it. */
struct dm_request {
	long long		 id;
	const char		*service;	/* service code */
	const char		*protocol;	/* "123/2026" */
	const char		*submitted_at;	/* "YYYY-MM-DD HH:MM:SS" UTC */
	const char		*channel;	/* web | counter | phone | mail */
	const struct dm_user	*applicant;
};

/*
 * A certificate's content, filled by a plugin; the core lays it out on
 * A4 with the municipality's header, protocol number, issue date and
 * place, verification code and QR code, seals it and delivers it to the
 * applicant's mailbox. Strings and arrays come from host->alloc.
 */
struct dm_cert_row {
	const char	*label;
	const char	*value;
};

struct dm_certificate {
	const char		*title;		/* "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ..." */
	const char		*subtitle;	/* may be NULL */
	const char *const	*paragraphs;	/* before the table */
	size_t			 nparagraphs;
	const char		*table_title;	/* may be NULL */
	const struct dm_cert_row *rows;
	size_t			 nrows;
	const char *const	*remarks;	/* after the table */
	size_t			 nremarks;
	const char		*holder;	/* whom it is about (the
						   verification page shows
						   initials only) */
	const char		*record_ref;	/* what it was issued from */
};

/*
 * A route a plugin serves in addition to the generic service pages.
 * pattern: literal segments and ":name" captures, e.g.
 * "/staff/general/report/:year". methods: DM_METHOD_* bits.
 * The most specific route wins: segment by segment from the left, a
 * literal beats a capture. The loader refuses a plugin route that would
 * hide, or be hidden by, a route of the core or of another plugin (some
 * request would match both), naming both; keep a plugin's pages under
 * paths no one else uses, e.g. /staff/<plugin>/<page>.
 */
#define DM_METHOD_GET	0x01u	/* HEAD is served by the GET handler */
#define DM_METHOD_POST	0x02u

#define DM_ROUTE_PUBLIC	0x00u	/* anyone */
#define DM_ROUTE_LOGIN	0x01u	/* a logged-in account */
#define DM_ROUTE_STAFF	0x02u	/* staff of the plugin's department */
#define DM_ROUTE_HEAD	0x04u	/* the department's head */
#define DM_ROUTE_ADMIN	0x08u	/* an administrator */

typedef dm_status (*dm_handler_fn)(struct dm_req *req);

struct dm_route {
	unsigned	 methods;
	const char	*pattern;
	unsigned	 access;
	dm_handler_fn	 handler;
};

/*
 * A key the plugin accepts in its config section [plugin.<name>]. Keys not
 * declared here are refused when the configuration is loaded.
 */
#define DM_CONFIG_REQUIRED	0x01u

struct dm_config_key {
	const char	*name;
	unsigned	 flags;
	const char	*description;
};

/*
 * The plugin descriptor. Returned by the entry function; must stay valid
 * while the plugin is loaded (a static const object). services and routes
 * are terminated by an entry whose code / pattern is NULL.
 */
struct dm_plugin {
	unsigned		 abi_major;	/* DM_ABI_MAJOR at build time */
	unsigned		 abi_minor;	/* DM_ABI_MINOR at build time */
	size_t			 size;		/* sizeof(struct dm_plugin) */
	const char		*name;		/* equals the file and config
						   name, [a-z][a-z0-9_]* */
	const char		*version;
	const struct dm_department *department;
	const struct dm_service	*services;
	const struct dm_route	*routes;	/* may be NULL */
	const struct dm_config_key *config;	/* terminated by name NULL;
						   may be NULL */

	/*
	 * Called once in each worker (and by dimosctl) after loading, with
	 * the host table and the plugin's own context; keep both for the
	 * plugin's lifetime. Returning non-DM_OK stops the worker from
	 * starting (the master reports it).
	 */
	dm_status		(*init)(const struct dm_host *host,
				    struct dm_plugin_ctx *ctx);
	/* Called before the worker unloads the plugin; may be NULL. */
	void			(*fini)(void);

	/*
	 * Hooks; each may be NULL. svc is always the plugin's own entry of
	 * its services array (compare pointers or codes as you like).
	 *
	 * validate: checks of a service's form beyond the declared types and
	 * limits. When: each time the citizen (or a clerk at the counter)
	 * saves or previews the form, and again just before submission. On
	 * which values: only when every field passed the core's checks, so
	 * each value is valid for its declared type and limits, required
	 * fields are present and absent optional ones read as NULL; the
	 * draft is already saved (nothing typed is lost). Report problems with
	 * host->form_error() and return DM_OK; the form is shown again with
	 * the input kept. It may run several times per request and must not
	 * change anything (on_submit does that). Any other return is a
	 * failure of the plugin: the request ends in a 500 page (the draft
	 * stays saved) and it is logged.
	 */
	dm_status		(*validate)(struct dm_req *req,
				    const struct dm_service *svc,
				    struct dm_form *form);
	/*
	 * certificate: the content of the certificate a request of a
	 * DM_RESULT_CERTIFICATE service asks for. auto_issue is 1 when the
	 * core tries to issue at submission (Level B applicants): return
	 * DM_ENOTFOUND when the plugin's records hold no match (a clerk takes
	 * over), DM_EDENIED when the applicant may not have it (nothing is
	 * issued; the applicant sees 403). With auto_issue 0 a clerk asked;
	 * record_ref is the record the clerk picked from the staff panel, or
	 * NULL: return DM_ENOTFOUND for a ref that names no record (the
	 * clerk is told to pick a matching one) and DM_EDENIED for one the
	 * certificate cannot be issued from (a living person's next of kin).
	 * Certificates are drawn in Greek.
	 */
	dm_status		(*certificate)(struct dm_req *req,
				    const struct dm_service *svc,
				    const struct dm_request *r, int auto_issue,
				    const char *record_ref,
				    struct dm_certificate *out);
	/*
	 * staff_panel: what a clerk should see beside a request of one of
	 * the plugin's services (e.g. the matching registry records). The
	 * core renders exactly this under panel: <note kind="info|warning">
	 * text</note> elements, and <record ref="..." label="..."> elements
	 * with <field label="...">value</field> children. Each record becomes
	 * a choice the clerk can issue the certificate from (its ref comes
	 * back as record_ref); the first is preselected, so put the best
	 * match first.
	 */
	dm_status		(*staff_panel)(struct dm_req *req,
				    const struct dm_service *svc,
				    const struct dm_request *r,
				    struct dm_node *panel);
	/*
	 * command: "dimosctl plugin <name> <args...>" (imports and the
	 * like), outside any web request: host DB calls take a NULL req.
	 * Called after init. Returns the process exit status.
	 */
	int			(*command)(const struct dm_host *host,
				    struct dm_plugin_ctx *ctx, int argc,
				    char **argv);
};

/*
 * The size of each declaration in each published minor (LP64), fixed
 * forever once published. The loader reads a plugin built for minor n with
 * the _V2_n sizes.
 */
#define DM_PLUGIN_SIZE_V2_0	112
#define DM_SERVICE_SIZE_V2_0	104
#define DM_FIELD_SIZE_V2_0	80
#define DM_CHOICE_SIZE_V2_0	24
#define DM_ROUTE_SIZE_V2_0	32
#define DM_CONFIG_KEY_SIZE_V2_0	24
#define DM_DEPARTMENT_SIZE_V2_0	56

_Static_assert(sizeof(struct dm_plugin) == DM_PLUGIN_SIZE_V2_0, "dm_plugin");
_Static_assert(sizeof(struct dm_service) == DM_SERVICE_SIZE_V2_0,
    "dm_service");
_Static_assert(sizeof(struct dm_field) == DM_FIELD_SIZE_V2_0, "dm_field");
_Static_assert(sizeof(struct dm_choice) == DM_CHOICE_SIZE_V2_0, "dm_choice");
_Static_assert(sizeof(struct dm_route) == DM_ROUTE_SIZE_V2_0, "dm_route");
_Static_assert(sizeof(struct dm_config_key) == DM_CONFIG_KEY_SIZE_V2_0,
    "dm_config_key");
_Static_assert(sizeof(struct dm_department) == DM_DEPARTMENT_SIZE_V2_0,
    "dm_department");

/* Convenience for a plugin's descriptor header. */
#define DM_PLUGIN_HEADER	.abi_major = DM_ABI_MAJOR, \
				.abi_minor = DM_ABI_MINOR, \
				.size = sizeof(struct dm_plugin)

typedef const struct dm_plugin *(*dm_plugin_entry_fn)(void);

/* Every plugin defines this function (and only this one is exported). */
DM_PLUGIN_EXPORT const struct dm_plugin *dimos_plugin_v2(void);

#endif /* DIMOS_PLUGIN_H */
