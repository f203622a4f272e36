/*
 * dimos/host.h - the services the core offers to plugins, ABI 2.3.
 * Owns: struct dm_host (a table of function pointers that only grows at its
 * end), the opaque request, form and page-node types, the database value
 * type and what the host hands back (uploads).
 * Memory: every pointer the host returns is borrowed from the request's
 * arena and valid until the response is sent, unless stated otherwise.
 * Versioning: the host table carries the ABI version of the core and its
 * size; a plugin may use a function only if DM_HOST_HAS(host, fn) (a core
 * is never older than the plugin's minor: the loader refuses that).
 */
#ifndef DIMOS_HOST_H
#define DIMOS_HOST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dimos/plugin.h"

struct dm_req;			/* one HTTP request, opaque */
struct dm_node;			/* one element of the page document, opaque */

enum dm_log_level {
	DM_LOG_ERROR,
	DM_LOG_WARN,
	DM_LOG_INFO,
	DM_LOG_DEBUG,
	DM_LOG__MAX
};

/* A typed database value: a statement parameter or a result column. */
enum dm_vtype {
	DM_V_NULL,
	DM_V_INT,
	DM_V_DOUBLE,
	DM_V_TEXT,		/* UTF-8, not necessarily NUL-terminated */
	DM_V_BLOB,
	DM_V__MAX
};

struct dm_value {
	enum dm_vtype	 type;
	long long	 i;
	double		 d;
	const char	*s;	/* TEXT and BLOB; NUL-terminated in results */
	size_t		 len;
};

/* A NULL string becomes SQL NULL. */
static inline struct dm_value
dm_vtext(const char *s)
{
	struct dm_value v = { .type = s ? DM_V_TEXT : DM_V_NULL, .s = s,
	    .len = s ? __builtin_strlen(s) : 0 };

	return v;
}

#define DM_VNULL	((struct dm_value){ .type = DM_V_NULL })
#define DM_VINT(x)	((struct dm_value){ .type = DM_V_INT, .i = (x) })
#define DM_VTEXT(x)	dm_vtext(x)
#define DM_VBLOB(p, n)	((struct dm_value){ .type = DM_V_BLOB, .s = (p), \
			    .len = (n) })

/*
 * Called once per result row; cols are valid only during the call.
 * Returning non-DM_OK stops the iteration and becomes the query's status.
 */
typedef dm_status (*dm_row_fn)(void *arg, const struct dm_value *cols,
    size_t ncols);

/* A function run inside a transaction by db_tx; may be called again. */
typedef dm_status (*dm_tx_fn)(struct dm_req *req, void *arg);

/* "YYYY-MM-DD" and "YYYY-MM-DDTHH:MM:SS" with their NUL. */
#define DM_DATE_SIZE		11
#define DM_DATETIME_SIZE	20

/*
 * A file of a form (2.1), as validate and on_submit see it: sent with this
 * post or kept with the draft from an earlier one. Read its bytes with
 * host->upload_read.
 */
struct dm_upload {
	const char	*field;		/* the form field */
	const char	*name;		/* the file's name, for display */
	const char	*type;		/* detected from the content, e.g.
					   "application/pdf" */
	size_t		 size;		/* bytes */
};

/*
 * A working document for staff (2.1, host->send_pdf): a title, paragraphs,
 * tables with column headings, remarks. cells[r * ncolumns + c]; a NULL
 * cell is empty; widths (may be NULL) are relative column widths. '\n'
 * breaks a line in any text. The headings repeat on every page a table
 * continues on.
 */
struct dm_sheet_table {
	const char		*title;		/* may be NULL */
	const char *const	*columns;	/* ncolumns headings */
	size_t			 ncolumns;	/* 1 to 8 */
	const double		*widths;
	const char *const	*cells;
	size_t			 nrows;
};

struct dm_sheet {
	const char			*title;
	const char			*subtitle;	/* may be NULL */
	const char *const		*paragraphs;
	size_t				 nparagraphs;
	const struct dm_sheet_table	*tables;
	size_t				 ntables;
	const char *const		*remarks;
	size_t				 nremarks;
	const char			*filename;	/* "sheet.pdf" if NULL */
};

/*
 * The municipality's places (2.1, host->settlement_at ...), as the core
 * reads them from its places file ([places] geojson): settlements, each in
 * a zone (a crew's area, a service area). Codes are [a-z0-9-], 1 to 32
 * characters, and are what requests store. Both grow only at their end.
 */
struct dm_zone {
	const char	*code;
	const char	*name_el;
	const char	*name_en;
};

struct dm_settlement {
	const char		*code;
	const char		*name_el;
	const char		*name_en;
	const struct dm_zone	*zone;		/* NULL: the file has no
						   zones */
	double			 lat;		/* WGS 84 */
	double			 lon;
};

struct dm_host {
	unsigned	 abi_major;	/* DM_ABI_MAJOR of the core */
	unsigned	 abi_minor;	/* DM_ABI_MINOR of the core */
	size_t		 size;		/* sizeof(struct dm_host) in core */

	/*
	 * Logging, tagged with the plugin's name and the worker. ctx is the
	 * one init received; the core refuses (and logs) any other pointer.
	 */
	void		(*log)(struct dm_plugin_ctx *ctx,
			    enum dm_log_level level, const char *fmt, ...)
			    __attribute__((format(printf, 3, 4)));

	/* A key of the plugin's own section [plugin.<name>], or NULL. */
	const char	*(*config_get)(struct dm_plugin_ctx *ctx,
			    const char *key);

	/* Request-scoped memory (freed after the response). */
	void		*(*alloc)(struct dm_req *req, size_t size);
	char		*(*astrdup)(struct dm_req *req, const char *s);
	char		*(*aprintf)(struct dm_req *req, const char *fmt, ...)
			    __attribute__((format(printf, 2, 3)));

	/* The request. Values are valid UTF-8; absent ones are NULL. */
	const char	*(*req_method)(struct dm_req *req);
	const char	*(*req_path)(struct dm_req *req);
	const char	*(*req_arg)(struct dm_req *req, const char *name);
	const char	*(*req_query)(struct dm_req *req, const char *name);
	const char	*(*req_form)(struct dm_req *req, const char *name);
	const char	*(*req_lang)(struct dm_req *req);	/* "el" | "en" */

	/*
	 * The page: page_begin names the view (a template of the plugin's
	 * stylesheet, "<plugin>-<view>") and returns the node under which
	 * the handler puts its data. The core adds the layout data (site,
	 * session, navigation) and renders the page once the handler
	 * returns DM_OK.
	 */
	struct dm_node	*(*page_begin)(struct dm_req *req, const char *view,
			    const char *title);
	struct dm_node	*(*node_add)(struct dm_node *parent, const char *name,
			    const char *text);
	void		 (*node_attr)(struct dm_node *node, const char *name,
			    const char *value);
	void		 (*node_attr_int)(struct dm_node *node,
			    const char *name, long long value);

	/* Other responses. */
	void		 (*redirect)(struct dm_req *req, const char *location);
	void		 (*send)(struct dm_req *req, int status,
			    const char *content_type, const void *body,
			    size_t len);

	/*
	 * The database: prepared statements with ? placeholders. db_query
	 * calls fn per row (fn may be NULL); db_exec reports affected rows
	 * and the generated id (either pointer may be NULL). db_tx runs fn in
	 * a transaction and runs it again after a deadlock or a cluster
	 * certification conflict.
	 */
	dm_status	 (*db_query)(struct dm_req *req, const char *sql,
			    const struct dm_value *params, size_t nparams,
			    dm_row_fn fn, void *arg);
	dm_status	 (*db_exec)(struct dm_req *req, const char *sql,
			    const struct dm_value *params, size_t nparams,
			    uint64_t *affected, uint64_t *insert_id);
	dm_status	 (*db_tx)(struct dm_req *req, dm_tx_fn fn, void *arg);

	/* Who is asking: NULL for a visitor who has not logged in. */
	const struct dm_user *(*req_user)(struct dm_req *req);
	/* Staff of dept (clerk or head) or an administrator. */
	int		 (*req_is_staff)(struct dm_req *req, const char *dept);

	/* Forms (validate hook): a submitted value, and a message for a
	 * field in both languages (the page shows the reader's). */
	const char	*(*form_value)(struct dm_form *form, const char *field);
	void		 (*form_error)(struct dm_form *form, const char *field,
			    const char *message_el, const char *message_en);
	/* A value of a submitted request's form, or NULL. */
	const char	*(*request_value)(struct dm_req *req,
			    const struct dm_request *r, const char *field);
	/* The text in the request's language. */
	const char	*(*tr)(struct dm_req *req, const char *el,
			    const char *en);

	/* 2.1 */

	/*
	 * The municipality's clock and calendar: its time zone
	 * (municipality.timezone), never the process's. A business day is a
	 * weekday that is neither a Greek public holiday (fixed days and
	 * those moving with Orthodox Easter) nor one of the municipality's
	 * own days off (municipality.holidays). Dates are "YYYY-MM-DD".
	 */
	void		 (*today)(char out[DM_DATE_SIZE]);
	/* Now, local: "YYYY-MM-DDTHH:MM:SS" (compares as text with DATETIME
	 * field values). */
	void		 (*now)(char out[DM_DATETIME_SIZE]);
	/* 1 if date is a business day, 0 if not, -1 if it is not a date. */
	int		 (*is_business_day)(const char *date);
	/*
	 * The n-th business day after date (date itself is day 0 and does
	 * not count; a date that is not a business day counts as the next
	 * one), as the core computes due dates. DM_EINPUT if date is not a
	 * date.
	 */
	dm_status	 (*add_business_days)(const char *date, unsigned n,
			    char out[DM_DATE_SIZE]);

	/*
	 * The files of a form field (validate and on_submit): how many, the
	 * i-th (NULL past the end), and its bytes (borrowed until the
	 * response is sent).
	 */
	size_t		 (*upload_count)(struct dm_form *form,
			    const char *field);
	const struct dm_upload *(*upload_at)(struct dm_form *form,
			    const char *field, size_t i);
	dm_status	 (*upload_read)(struct dm_form *form,
			    const struct dm_upload *u, const void **data,
			    size_t *len);
	/* 1 if the field already has a message (the core's or form_error's). */
	int		 (*field_has_error)(struct dm_form *form,
			    const char *field);
	/*
	 * The point an ADDRESS field was placed at on the map: 1 and the
	 * WGS84 latitude and longitude, or 0 when none was given.
	 */
	int		 (*form_location)(struct dm_form *form,
			    const char *field, double *lat, double *lon);

	/*
	 * A department's own work on its requests (2.1), for its pages
	 * (staff routes) and hooks.
	 *
	 * request_get: a submitted request of the plugin's own department
	 * by id, NULL when there is none (or it is a draft, or another
	 * department's); request_value then reads its form. NULL also when
	 * the database failed: whatever the plugin answers then (its 404),
	 * the core answers 503 with Retry-After, as for every call here
	 * whose statement failed for the database's sake (docs/
	 * plugin-guide.md, "When the database fails").
	 */
	const struct dm_request *(*request_get)(struct dm_req *req,
			    long long id);
	/*
	 * Acts on a request of the plugin's department as the staff member
	 * logged in, as the buttons on the request's page do: "start"
	 * (submitted -> in progress; text NULL) or "complete" (text, which
	 * the citizen gets as the answer in their mailbox). One history
	 * event, on_transition, the citizen told; inside the caller's db_tx
	 * when there is one. DM_ECONFLICT when the request is not in a
	 * state the action applies to, DM_ENOTFOUND when it is not the
	 * department's, DM_EINPUT for another action or a missing text.
	 */
	dm_status	 (*request_act)(struct dm_req *req, long long id,
			    const char *action, const char *text);
	/*
	 * An e-mail to the applicant of r, in their language: the subject
	 * and body are the plugin's strings "<plugin>.mail.<kind>.subject"
	 * and ".body" with {name}, {protocol}, {link} (the request's page),
	 * {site} and vars (name, value pairs, NULL-terminated; may be NULL)
	 * filled in. Queued in the current transaction (it goes only if
	 * that commits), sent not before at, the municipality's local time
	 * "YYYY-MM-DDTHH:MM:SS" (NULL: at once). *id (may be NULL) names it
	 * for mail_cancel. DM_ENOTFOUND when the applicant has no address;
	 * kind is [a-z0-9_], 1 to 24 characters.
	 */
	dm_status	 (*mail_applicant)(struct dm_req *req,
			    const struct dm_request *r, const char *kind,
			    const char *const *vars, const char *at,
			    long long *id);
	/* Withdraws a mail the plugin queued that has not gone yet (DM_OK
	 * too when it has gone, or was withdrawn already). */
	dm_status	 (*mail_cancel)(struct dm_req *req, long long id);
	/*
	 * Why a hook refuses a change the person asked for (on_transition
	 * returning DM_EDENIED, or certificate returning DM_EDENIED when a
	 * clerk asked to issue): the page that asked shows this message, in
	 * the reader's language, instead of an error page.
	 */
	void		 (*refuse)(struct dm_req *req, const char *el,
			    const char *en);
	/*
	 * A working document for staff (a crew's day sheet, a list),
	 * drawn on A4 with the municipality's header and sent as the
	 * response (application/pdf, as an attachment named
	 * sheet->filename). It is not numbered, sealed or delivered to
	 * anyone: documents for citizens are certificates. DM_EINPUT for a
	 * sheet without a title or with a table of 0 or more than 8
	 * columns; DM_ELIMIT beyond 10000 rows.
	 */
	dm_status	 (*send_pdf)(struct dm_req *req,
			    const struct dm_sheet *sheet);
	/*
	 * The places (struct dm_settlement above): the i-th settlement and
	 * zone in the file's order, NULL past the end (and when the site
	 * has no places file); they live as long as the worker.
	 */
	const struct dm_settlement *(*settlement_at)(size_t i);
	const struct dm_zone *(*zone_at)(size_t i);
	/*
	 * The settlement an ADDRESS field was given in (validate,
	 * on_submit), or NULL when none was picked. A stored request's is
	 * request_value(req, r, "<field>_settlement").
	 */
	const struct dm_settlement *(*form_settlement)(struct dm_form *form,
			    const char *field);

	/* 2.2 */

	/* One choice of a DM_FIELD_OWN_CHOICES field (the choices hook);
	 * of a DATE field's (2.3), value is a date YYYY-MM-DD. */
	void		 (*choice_add)(struct dm_choices *out,
			    const char *value, const char *label_el,
			    const char *label_en);
	/*
	 * Completes request r of one of the plugin's services with an answer
	 * in both languages (the applicant's mailbox gets it, in their
	 * language), as a clerk's "complete" would: for what is settled at
	 * once, from on_submit (a meter reading recorded) or a plugin's own
	 * page. Inside on_submit or on_transition it joins their
	 * transaction. DM_ECONFLICT if r is no longer open; DM_EDENIED for a
	 * request of another department.
	 */
	dm_status	 (*request_answer)(struct dm_plugin_ctx *ctx,
			    struct dm_req *req, const struct dm_request *r,
			    const char *text_el, const char *text_en);
	/* The HTTP status of the page a plugin's handler builds (422 when a
	 * form is shown again with its errors); 200 otherwise. */
	void		 (*set_status)(struct dm_req *req, int status);
	/*
	 * Fees (struct dm_fee in plugin.h). fee_raise asks the department
	 * that collects payments (finance, through its fee hook) to raise
	 * a fee of amount cents for request r of the calling plugin, for
	 * purpose, and fills out with its RF code, amount and account; the
	 * applicant's mailbox gets a message with them. Raising it again
	 * returns the same fee. Inside on_submit (the usual place) it joins
	 * the submitting transaction. DM_ENOTFOUND when no enabled
	 * department collects fees (keep a clerk's way of recording the
	 * payment for that case), DM_ECONFLICT if r's fee was raised with
	 * another amount, DM_EINPUT for an amount <= 0 or a missing
	 * purpose. The department learns it is paid from its on_paid hook.
	 */
	dm_status	 (*fee_raise)(struct dm_plugin_ctx *ctx,
			    struct dm_req *req, const struct dm_request *r,
			    long long amount, const char *purpose_el,
			    const char *purpose_en, struct dm_fee *out);
	/* The fee of request r of the calling plugin, as the collector
	 * keeps it now; DM_ENOTFOUND when none was raised or none is
	 * collected. */
	dm_status	 (*fee_status)(struct dm_plugin_ctx *ctx,
			    struct dm_req *req, const struct dm_request *r,
			    struct dm_fee *out);
	/*
	 * For the collector only (the plugin with the fee hook): the fee of
	 * request_id of plugin has been recorded paid (fee as it now is).
	 * Called outside any transaction, after the payment is committed;
	 * req may be NULL (a command). The core runs the owning plugin's
	 * on_paid and then issues the request's certificate if its service
	 * issues one (plugin.h, on_paid). DM_ENOTFOUND for no such plugin or
	 * request; DM_EDENIED when the caller is not the collector. Call it
	 * again for a payment whose earlier call failed: on_paid is
	 * idempotent and a closed request is left alone.
	 */
	dm_status	 (*fee_paid)(struct dm_plugin_ctx *ctx,
			    struct dm_req *req, const char *plugin,
			    long long request_id, const struct dm_fee *fee);
};

#define DM_HOST_SIZE_V2_0	224
#define DM_HOST_SIZE_V2_1	368
#define DM_HOST_SIZE_V2_2	416
#define DM_HOST_SIZE_V2_3	416	/* 2.3 added no function */

_Static_assert(sizeof(struct dm_host) == DM_HOST_SIZE_V2_3, "dm_host");
_Static_assert(DM_HOST_SIZE_V2_3 == DM_HOST_SIZE_V2_2, "2.3 added none");
_Static_assert(offsetof(struct dm_host, today) >= DM_HOST_SIZE_V2_0,
    "dm_host grew in the middle");
_Static_assert(offsetof(struct dm_host, choice_add) == DM_HOST_SIZE_V2_1,
    "dm_host grew in the middle");

/* May the plugin call host->fn? */
#define DM_HOST_HAS(host, fn)	DM_SIZE_COVERS(struct dm_host, fn, \
				    (host)->size)

#endif /* DIMOS_HOST_H */
