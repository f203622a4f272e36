/*
 * dimos/plugin.h - the department plugin ABI, version 2.3.
 * Owns: the versioned plugin descriptor and the declarations a plugin
 * hands the core (department, services, fields, choices, routes, config
 * keys, queue columns). A plugin includes only this header and
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
#define DM_ABI_MINOR	3

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
/*
 * 2.2: a CHOICE or MULTICHOICE field whose choices depend on who applies
 * (their own water supplies, their own debts): declared without choices,
 * they come from the plugin's choices hook each time the form is shown,
 * checked or its values displayed.
 * 2.3: also on a DATE field, whose choices are then the dates that may be
 * picked (the days with room): offered as a list, a date everywhere else.
 * Nothing changed size or place in 2.3; a plugin built for 2.2 that
 * declares it on a DATE field is refused (2.2 did not promise it).
 */
#define DM_FIELD_OWN_CHOICES	0x04u

/*
 * dm_field.accept (2.1): the file types a FILE field takes, detected from
 * the content (never from the name). 0 takes every type the site allows
 * (limits.upload_types); otherwise only these, and the core refuses any
 * other file with a message in Greek and English naming the field and the
 * types it takes. A type the site does not allow stays refused.
 */
#define DM_ACCEPT_PDF		0x01u	/* application/pdf */
#define DM_ACCEPT_JPEG		0x02u	/* image/jpeg */
#define DM_ACCEPT_PNG		0x04u	/* image/png */
#define DM_ACCEPT_HEIC		0x08u	/* image/heic (phone photos) */
#define DM_ACCEPT_PHOTO		(DM_ACCEPT_JPEG | DM_ACCEPT_PNG | \
				    DM_ACCEPT_HEIC)
#define DM_ACCEPT__ALL		0x0fu

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
	/* 2.1 */
	unsigned		 accept;	/* FILE: DM_ACCEPT_* bits */
};

/* How the outcome of a request is produced. */
enum dm_result_kind {
	DM_RESULT_ANSWER,		/* a message from the clerk */
	DM_RESULT_DOCUMENT,		/* a document issued by a clerk */
	DM_RESULT_CERTIFICATE,		/* a certificate issued from registry
					   data, automatically when possible */
	DM_RESULT__MAX
};

/*
 * A column of a department's staff queue (2.1), taken from a form field,
 * so that a clerk plans the day from the list (the preferred date, the
 * settlement) instead of opening each request. Declared on the department
 * (shown for all of its requests that have the field) or on a service
 * (shown when the queue is narrowed to that service).
 *
 * Filtering and sorting read an index the core keeps (request_values,
 * written in the submitting transaction), never the form text, so a column
 * that filters or sorts must be DM_COLUMN_INDEXED. Which filter suits
 * which field type: EXACT for CHOICE, MULTICHOICE, NUMBER, DATE, STRING,
 * AFM, AMKA, PHONE, EMAIL; RANGE (from .. to) for DATE, DATETIME, NUMBER;
 * PREFIX for STRING, TEXT, ADDRESS, AFM, AMKA, PHONE, EMAIL. FILE fields
 * have no column. The loader refuses anything else, naming the column.
 */
enum dm_filter {
	DM_FILTER_NONE,		/* shown only */
	DM_FILTER_EXACT,	/* one value (a choice, a date ...) */
	DM_FILTER_RANGE,	/* from and/or to, inclusive */
	DM_FILTER_PREFIX,	/* starts with (case-insensitive) */
	DM_FILTER__MAX
};

/* dm_column.flags */
#define DM_COLUMN_SORTABLE	0x01u	/* the clerk may order the list by it */
#define DM_COLUMN_INDEXED	0x02u	/* kept in the index: needed to filter
					   or sort */

struct dm_column {
	const char	*field;		/* a field of the service(s) */
	const char	*label_el;
	const char	*label_en;
	enum dm_filter	 filter;
	unsigned	 flags;
};

/* dm_service.flags */
#define DM_SERVICE_CONFIDENTIAL	0x01u	/* only the applicant and the
					   department see the request */
#define DM_SERVICE_LEVEL_B	0x02u	/* needs an identity verified
					   through TaxisNet */
#define DM_SERVICE_LOCATION	0x04u	/* about a place (Open311
					   location-based service) */
#define DM_SERVICE_BUSINESS	0x08u	/* businesses may apply too */
#define DM_SERVICE_REPORT	0x10u	/* a problem at a place (with
					   DM_SERVICE_LOCATION): open ones
					   are on the public map, citizens
					   may follow one, staff merge
					   duplicates. A core before 2.2
					   ignores the bit. */

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
	/* 2.1 */
	const struct dm_column	*columns;	/* queue columns when narrowed
						   to this service; terminated
						   by field NULL; may be NULL */
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
	/* 2.1 */
	const struct dm_column *columns; /* queue columns for every request
					   of the department; terminated by
					   field NULL; may be NULL */
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

/* The states of a request (2.1: on_transition). */
enum dm_request_status {
	DM_REQ_DRAFT,
	DM_REQ_SUBMITTED,
	DM_REQ_IN_PROGRESS,
	DM_REQ_AWAITING,	/* awaiting the citizen */
	DM_REQ_COMPLETED,
	DM_REQ_REJECTED,
	DM_REQ_WITHDRAWN,
	DM_REQ__MAX
};

/* A request, as plugin hooks see it. */
struct dm_request {
	long long		 id;
	const char		*service;	/* service code */
	const char		*protocol;	/* "123/2026" */
	const char		*submitted_at;	/* "YYYY-MM-DD HH:MM:SS" UTC */
	const char		*channel;	/* web | counter | phone | mail */
	const struct dm_user	*applicant;
	/* 2.1 */
	enum dm_request_status	 status;	/* when it was read (in
						   on_transition: before the
						   change) */
};

/* The choices of a DM_FIELD_OWN_CHOICES field, filled with
 * host->choice_add (2.2); opaque. */
struct dm_choices;

/*
 * A fee a department charges for one of its requests (2.2), as the
 * department that collects payments (the plugin with the fee hook,
 * finance) keeps it: the amount in integer cents, the RF creditor
 * reference (ISO 11649) the applicant pays it with, the account it is paid
 * to, and whether the bank has reported it paid. Filled by the collector
 * (fee hook), handed to the department (host->fee_raise, fee_status,
 * on_paid). Grows only at its end.
 */
#define DM_FEE_RF_SIZE		32
#define DM_FEE_IBAN_SIZE	40
#define DM_FEE_NAME_SIZE	144

struct dm_fee {
	long long	 amount;		/* cents, > 0 */
	int		 paid;			/* 1 once reported paid */
	char		 rf[DM_FEE_RF_SIZE];	/* "RF..." compact */
	char		 iban[DM_FEE_IBAN_SIZE];	/* compact */
	char		 beneficiary[DM_FEE_NAME_SIZE];	/* the account's
							   holder */
	char		 paid_on[16];		/* YYYY-MM-DD, "" unpaid */
};

/*
 * What a department asks the collector's fee hook (2.2): the fee of
 * request_id of plugin (the asking department's name), raised with amount
 * cents (> 0) for purpose, or only looked up (amount 0).
 */
struct dm_fee_ask {
	const char	*plugin;
	long long	 request_id;
	const char	*protocol;	/* the request's number */
	const char	*afm;		/* the applicant's, or NULL */
	long long	 amount;	/* cents; 0: look up only */
	const char	*purpose_el;	/* what it is for; NULL on look-up */
	const char	*purpose_en;
};

#define DM_FEE_SIZE_V2_2	248
#define DM_FEE_ASK_SIZE_V2_2	56
_Static_assert(sizeof(struct dm_fee) == DM_FEE_SIZE_V2_2, "dm_fee");
_Static_assert(sizeof(struct dm_fee_ask) == DM_FEE_ASK_SIZE_V2_2,
    "dm_fee_ask");

/*
 * A certificate's content, filled by a plugin; the core lays it out on
 * A4 with the municipality's header, protocol number, issue date and
 * place, verification code and QR code, seals it and delivers it to the
 * applicant's mailbox. Strings and arrays come from host->alloc. The core
 * writes what every certificate says the same way: section titles in
 * capitals, «Σκοπός έκδοσης» from purpose, the fee from the service's
 * declaration («Χορηγείται ατελώς» without one), the validity, the
 * signatory and the seal.
 */
struct dm_cert_row {
	const char	*label;
	const char	*value;
};

/*
 * A table with column headings (2.1): cells[r * ncolumns + c]; a NULL
 * cell is empty. widths (may be NULL) are relative column widths. The core
 * repeats the headings on every page the table continues on.
 */
struct dm_cert_table {
	const char		*title;		/* may be NULL */
	const char *const	*columns;	/* ncolumns headings */
	size_t			 ncolumns;	/* 1 to 8 */
	const double		*widths;
	const char *const	*cells;
	size_t			 nrows;
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

	/* 2.1; the core zeroes the certificate before the hook, so a
	 * plugin of 2.0 leaves these NULL. */
	const struct dm_cert_table *tables;	/* after the rows */
	size_t			 ntables;
	const char		*purpose;	/* the purpose of issue as the
						   applicant chose it ("Υποβολή
						   σε δημόσια υπηρεσία"); the
						   core prints «Σκοπός
						   έκδοσης» for every kind */
	const char		*validity;	/* where the law limits it: "έξι
						   (6) μήνες"; NULL: not stated */
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
	 * draft is already saved (nothing typed is lost), and the form's
	 * files (sent now and kept with the draft) are readable with
	 * host->upload_count / upload_at (2.1). Report problems with
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

	/* 2.1 */

	/*
	 * on_submit: runs inside the submitting transaction, after the
	 * protocol number is taken (r->protocol is set) and before anything
	 * is committed; form holds the request's final, checked values
	 * (host->form_value, upload_count, upload_at, form_location). Host
	 * database calls made here run in that transaction, so what the
	 * plugin writes (a booked slot) commits together with the request or
	 * not at all; read what you will change with SELECT ... FOR UPDATE.
	 * Refuse with host->form_error() and DM_EINPUT: the transaction
	 * rolls back, no number is used, and the citizen sees the form
	 * again with the message and their input. Other non-OK statuses
	 * roll back too and are answered as errors (DM_ECONFLICT 409 ...).
	 * The transaction may be run again after a deadlock: no effects
	 * outside the database.
	 */
	dm_status		(*on_submit)(struct dm_req *req,
				    const struct dm_service *svc,
				    const struct dm_request *r,
				    struct dm_form *form);
	/*
	 * on_transition: every change of a submitted request's status
	 * (started, a question to the citizen, answered, completed,
	 * rejected, withdrawn, issued), inside the transaction that makes
	 * the change; event is the history event's kind ("started",
	 * "question", "answer", "completed", "rejected", "withdrawn"). Host
	 * database calls run in that transaction (e.g. release a booking
	 * when a request closes). Non-OK rolls the change back and the
	 * action fails with that status. Submission itself is on_submit's.
	 */
	dm_status		(*on_transition)(struct dm_req *req,
				    const struct dm_service *svc,
				    const struct dm_request *r,
				    enum dm_request_status from,
				    enum dm_request_status to,
				    const char *event);
	/*
	 * preview (2.1; widened in 2.2): what the department works out from
	 * a request, in its own words: a fee from the area and the days, the
	 * monthly instalment of a plan, the hours of irrigation water, and
	 * once submitted the fee's payment code. r is the draft on the
	 * preview page (the last step before submission: protocol and
	 * submitted_at NULL, status DM_REQ_DRAFT) and, for a plugin built for
	 * 2.2 or later, also the submitted request on the applicant's page
	 * of it and on the clerk's (r->protocol set); a 2.1 plugin's is
	 * called for drafts only. Values are read with host->request_value.
	 * Put under panel what staff_panel would: <note kind="info|warning">
	 * elements and <record label="..."> with <field label="..."> children
	 * (no choice here: records are shown only); host->node_attr(panel,
	 * "title", ...) names the section. Must not change anything. A
	 * failure is logged and the page shown without the panel.
	 */
	dm_status		(*preview)(struct dm_req *req,
				    const struct dm_service *svc,
				    const struct dm_request *r,
				    struct dm_node *panel);

	/* 2.2 */

	/*
	 * choices: the choices of field (declared DM_FIELD_OWN_CHOICES) for
	 * who: the applicant filling in the form, or the one whose request's
	 * values are shown (NULL when the core does not know who). Add each
	 * with host->choice_add(out, value, label_el, label_en); values are
	 * [a-z0-9_-]+ (a DATE field's, 2.3: YYYY-MM-DD). The core offers only
	 * these, accepts only these (a forged value is a field error) and
	 * shows the chosen ones by their labels (a date as a date). Choices
	 * that depend on the form's other values read them with
	 * host->req_form: the form posted, or the draft's saved values when
	 * a draft is shown or submitted. A value no longer offered reaches
	 * validate without an error, for the plugin to say why (a day since
	 * fully booked); if it says nothing, "not a choice" stands. It must
	 * not change anything.
	 */
	dm_status		(*choices)(struct dm_req *req,
				    const struct dm_service *svc,
				    const char *field, const struct dm_user *who,
				    struct dm_choices *out);
	/*
	 * fee: only the department that collects payments has it (finance;
	 * the loader refuses a second). The core calls it for another
	 * department's host->fee_raise (ask->amount > 0: raise the fee of
	 * that request, or return the one raised already; DM_ECONFLICT if it
	 * was raised with another amount) and host->fee_status (amount 0:
	 * DM_ENOTFOUND when none was raised), inside the caller's
	 * transaction if there is one. Fill out entirely. When the bank
	 * reports a fee paid, the collector records it and then, outside any
	 * transaction, calls host->fee_paid.
	 */
	dm_status		(*fee)(struct dm_req *req,
				    const struct dm_fee_ask *ask,
				    struct dm_fee *out);
	/*
	 * on_paid: the fee of request r (one of the plugin's, raised with
	 * host->fee_raise) has been paid; fee says how and when. Runs in a
	 * transaction of its own (host database calls join it); record the
	 * payment and return DM_OK. Then, if the service issues certificates
	 * and r is still open, the core issues it at once, sealed and
	 * delivered, as a clerk would: the certificate hook is called with
	 * auto_issue 0 and record_ref NULL (return DM_ENOTFOUND there to leave
	 * it to a clerk). It may be called again for the same payment (after
	 * a failure): do nothing the second time.
	 */
	dm_status		(*on_paid)(struct dm_req *req,
				    const struct dm_service *svc,
				    const struct dm_request *r,
				    const struct dm_fee *fee);
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

#define DM_PLUGIN_SIZE_V2_1	136
#define DM_SERVICE_SIZE_V2_1	112
#define DM_FIELD_SIZE_V2_1	88
#define DM_CHOICE_SIZE_V2_1	24
#define DM_ROUTE_SIZE_V2_1	32
#define DM_CONFIG_KEY_SIZE_V2_1	24
#define DM_DEPARTMENT_SIZE_V2_1	64
#define DM_COLUMN_SIZE_V2_1	32

#define DM_PLUGIN_SIZE_V2_2	160
#define DM_SERVICE_SIZE_V2_2	112
#define DM_FIELD_SIZE_V2_2	88
#define DM_CHOICE_SIZE_V2_2	24
#define DM_ROUTE_SIZE_V2_2	32
#define DM_CONFIG_KEY_SIZE_V2_2	24
#define DM_DEPARTMENT_SIZE_V2_2	64
#define DM_COLUMN_SIZE_V2_2	32

/* 2.3 changed no size (DM_FIELD_OWN_CHOICES on a DATE field). */
#define DM_PLUGIN_SIZE_V2_3	160
#define DM_SERVICE_SIZE_V2_3	112
#define DM_FIELD_SIZE_V2_3	88
#define DM_CHOICE_SIZE_V2_3	24
#define DM_ROUTE_SIZE_V2_3	32
#define DM_CONFIG_KEY_SIZE_V2_3	24
#define DM_DEPARTMENT_SIZE_V2_3	64
#define DM_COLUMN_SIZE_V2_3	32

/* The current minor's sizes are the compiler's ... */
_Static_assert(sizeof(struct dm_plugin) == DM_PLUGIN_SIZE_V2_3, "dm_plugin");
_Static_assert(sizeof(struct dm_service) == DM_SERVICE_SIZE_V2_3,
    "dm_service");
_Static_assert(sizeof(struct dm_field) == DM_FIELD_SIZE_V2_3, "dm_field");
_Static_assert(sizeof(struct dm_choice) == DM_CHOICE_SIZE_V2_3, "dm_choice");
_Static_assert(sizeof(struct dm_route) == DM_ROUTE_SIZE_V2_3, "dm_route");
_Static_assert(sizeof(struct dm_config_key) == DM_CONFIG_KEY_SIZE_V2_3,
    "dm_config_key");
_Static_assert(sizeof(struct dm_department) == DM_DEPARTMENT_SIZE_V2_3,
    "dm_department");
_Static_assert(sizeof(struct dm_column) == DM_COLUMN_SIZE_V2_3, "dm_column");
/* ... and 2.1 only appended to 2.0: each 2.0 struct is a prefix. */
_Static_assert(offsetof(struct dm_plugin, on_submit) >= DM_PLUGIN_SIZE_V2_0,
    "dm_plugin grew in the middle");
_Static_assert(offsetof(struct dm_service, columns) >= DM_SERVICE_SIZE_V2_0,
    "dm_service grew in the middle");
_Static_assert(offsetof(struct dm_field, accept) >= DM_FIELD_SIZE_V2_0,
    "dm_field grew in the middle");
_Static_assert(offsetof(struct dm_department, columns) >=
    DM_DEPARTMENT_SIZE_V2_0, "dm_department grew in the middle");
/* ... and 2.2 only appended to 2.1. */
_Static_assert(offsetof(struct dm_plugin, preview) == 128 &&
    offsetof(struct dm_plugin, choices) == DM_PLUGIN_SIZE_V2_1,
    "dm_plugin grew in the middle");
/* ... and 2.3 kept 2.2's sizes. */
_Static_assert(DM_PLUGIN_SIZE_V2_3 == DM_PLUGIN_SIZE_V2_2 &&
    DM_SERVICE_SIZE_V2_3 == DM_SERVICE_SIZE_V2_2 &&
    DM_FIELD_SIZE_V2_3 == DM_FIELD_SIZE_V2_2 &&
    DM_CHOICE_SIZE_V2_3 == DM_CHOICE_SIZE_V2_2 &&
    DM_ROUTE_SIZE_V2_3 == DM_ROUTE_SIZE_V2_2 &&
    DM_CONFIG_KEY_SIZE_V2_3 == DM_CONFIG_KEY_SIZE_V2_2 &&
    DM_DEPARTMENT_SIZE_V2_3 == DM_DEPARTMENT_SIZE_V2_2 &&
    DM_COLUMN_SIZE_V2_3 == DM_COLUMN_SIZE_V2_2, "2.3 changed no size");

/* Convenience for a plugin's descriptor header. */
#define DM_PLUGIN_HEADER	.abi_major = DM_ABI_MAJOR, \
				.abi_minor = DM_ABI_MINOR, \
				.size = sizeof(struct dm_plugin)

typedef const struct dm_plugin *(*dm_plugin_entry_fn)(void);

/* Every plugin defines this function (and only this one is exported). */
DM_PLUGIN_EXPORT const struct dm_plugin *dimos_plugin_v2(void);

#endif /* DIMOS_PLUGIN_H */
