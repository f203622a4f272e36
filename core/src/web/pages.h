/*
 * pages.h - what the web layer's page files share.
 * Owns: the table of the core's route tables (edge/worker.c hands them to
 * the router), the page header's user, and the kit every page file
 * builds with: strings in the reader's language, message and
 * confirmation pages, a service's and a request's parts, documents,
 * downloads, taking a service's form into a draft, the back office's
 * department. Each page file (catalogue.c, signup.c, login.c, ...) owns
 * its routes and the XML they produce (views in xslt/pages/).
 */
#ifndef DIMOS_PAGES_H
#define DIMOS_PAGES_H

#include <stddef.h>

#include "dimos/plugin.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct account;
struct dm_node;
struct dm_req;
struct document;
struct ffield;
struct plugin;
struct request;
struct service;

/*
 * A core route of an API (Open311) that authenticates each POST itself,
 * by a key in its arguments: no cookies, so no CSRF token either. Public
 * otherwise. Honoured on core routes only (a plugin's route with this bit
 * is refused).
 */
#define ROUTE_API	0x100u

/* A table of the core's routes: each page file has one. */
struct route_table {
	const struct dm_route	*routes;
	size_t			 n;
};
/* Every table of the core's routes, NULL-terminated. */
extern const struct route_table *const pages_route_tables[];
extern const struct route_table catalogue_routes;	/* catalogue.c */
extern const struct route_table signup_routes;		/* signup.c */
extern const struct route_table login_routes;		/* login.c */
extern const struct route_table login_factor_routes;	/* login_factor.c */
extern const struct route_table taxisnet_routes;	/* taxisnet.c */
extern const struct route_table my_account_routes;	/* my_account.c */
extern const struct route_table my_sessions_routes;	/* my_sessions.c */
extern const struct route_table my_data_routes;		/* my_data.c */
extern const struct route_table apply_routes;		/* apply.c */
extern const struct route_table my_requests_routes;	/* my_requests.c */
extern const struct route_table my_mailbox_routes;	/* my_mailbox.c */
extern const struct route_table receipts_routes;	/* receipts.c */
extern const struct route_table verify_routes;		/* verify.c */
extern const struct route_table notices_routes;		/* notices.c */
extern const struct route_table staff_home_routes;	/* staff_home.c */
extern const struct route_table staff_queue_routes;	/* staff_queue.c */
extern const struct route_table staff_request_routes;	/* staff_request.c */
extern const struct route_table staff_responses_routes;
extern const struct route_table staff_counter_routes;	/* staff_counter.c */
extern const struct route_table staff_reports_routes;	/* staff_reports.c */
extern const struct route_table public_stats_routes;	/* public_stats.c */
extern const struct route_table reports_public_routes;	/* reports_public.c */
extern const struct route_table staff_map_routes;	/* staff_map.c */

/* Someone proved who they are (method 'p' password, 't' TaxisNet): a
 * session and a redirect to next (a local path; NULL: the account), or
 * for staff who need a second factor a pending session and a redirect to
 * its code or enrolment page (login_factor.c). Audited. */
dm_status	 pages_login(struct dm_req *req, long long account_id,
		    char method, const char *next);
/* Too many failed attempts (a login, a second factor): field f says when
 * to try again (wait seconds), status 429. */
void		 pages_locked(struct dm_req *req, struct ffield *f,
		    long long wait);

/* A service's form POSTed while the database is away (the session could
 * not be looked up): 1 and the same form built again from what was sent,
 * status 503, a message that nothing was submitted (and that files must
 * be chosen again, if any were sent); 0 for any other request
 * (apply.c). */
int		 apply_outage_form(struct dm_req *req);
extern const struct route_table open311_routes;		/* open311.c */

/* The page header's "who is logged in" (req->user), from the session and
 * the mailbox; called once the answer is known to be a page. */
void		 pages_user(struct dm_req *req);

/* Strings ---------------------------------------------------------------- */

/* The string key in the request's language (xslt/i18n). */
const char	*pages_t(struct dm_req *req, const char *key);
/* Of a text declared in both languages, the request's. */
const char	*pages_l(const struct dm_req *req, const char *el,
		    const char *en);
/* Percent-encodes s (unreserved characters and '/' kept). */
const char	*pages_urlencode(struct dm_req *req, const char *s);
/* A numeric path argument (":id"), or query parameter (a page's
 * "before"): a positive number, else 0. */
long long	 pages_arg_id(struct dm_req *req, const char *name);
long long	 pages_query_id(struct dm_req *req, const char *name);

/* The account pages' kit --------------------------------------------------- */

/* A titled page (its heading too), a paragraph, a link, by string key. */
struct dm_node	*pages_titled(struct dm_req *req, const char *view,
		    const char *title_key);
void		 pages_para(struct dm_req *req, struct dm_node *c,
		    const char *key);
void		 pages_link(struct dm_req *req, struct dm_node *c,
		    const char *href, const char *key);
/* A message page with status: title, text (with {vars}), a link (href
 * may be NULL). */
dm_status	 pages_message(struct dm_req *req, int status,
		    const char *kind, const char *title_key,
		    const char *text_key, const char *const *vars,
		    const char *href, const char *link_key);
/* A page with one button that POSTs a mailed token back: links in e-mails
 * are opened by scanners too, so following one never changes anything. */
dm_status	 pages_confirm(struct dm_req *req, const char *title_key,
		    const char *text_key, const char *action,
		    const char *token, const char *submit_key);
/* 404: a mailed link that is not (any more) valid, and where to go. */
dm_status	 pages_bad_link(struct dm_req *req, const char *href,
		    const char *link_key);
/* A page asking for an e-mail address to send something to (a link):
 * keys are the title, the text and the button, then the title and text
 * of the page saying it was sent (whether or not anything was: the
 * address's owner is the one told). */
typedef dm_status (*pages_send_fn)(struct dm_req *req, const char *email);
dm_status	 pages_email_form(struct dm_req *req, const char *const keys[5],
		    const char *action, pages_send_fn send);
/* Mail to the address in the field email was asked for too often (from
 * this client or to that address): 1 with the message on the field and
 * status 429; else 0, the message counted (auth_mail_limit). */
int		 pages_mail_limited(struct dm_req *req, struct ffield *email);
/* A "next" target, if it is a path on this site; else NULL. */
const char	*pages_local_next(struct dm_req *req, const char *next);
/* The logged-in owner's account *a and a form about it (*f, *nout
 * fields): its "current-password" field is left out when the account has
 * no password to re-enter. */
struct fdef;
dm_status	 pages_account_form(struct dm_req *req,
		    const struct fdef *defs, size_t n, struct account *a,
		    struct ffield **f, size_t *nout);
/* The current password again before a sensitive change (none needed for
 * an account without one); a wrong one is an error on its field. 1: go
 * on. */
int		 pages_reauth(struct dm_req *req, struct ffield *f, size_t n,
		    const struct account *a);
/* "Log in with TaxisNet" beside a form, when it is enabled. */
void		 pages_taxisnet(struct dm_req *req, struct dm_node *c,
		    const char *text_key);

/* Services, requests, documents, files (request_parts.c) ---------------- */

/* <service ...> attributes of a declaration (code, title, SLA, flags). */
void		 pages_service_attrs(struct dm_req *req, struct dm_node *n,
		    const struct dm_service *s);
/* The logged-in citizen's request of the path (":id"); anyone else's is
 * not found. */
dm_status	 pages_own_request(struct dm_req *req, struct request *r);
/* The same with the fields of a draft's files (request_load_draft). */
dm_status	 pages_own_draft(struct dm_req *req, struct request *r);
/* The fields of sv's form; those whose choices are the applicant's own
 * (DM_FIELD_OWN_CHOICES) asked of its plugin for that account (0:
 * nobody). */
struct ffield	*pages_fields(struct dm_req *req, const struct service *sv,
		    long long applicant, size_t *n);
/* <outcome> under parent: what the department works out from r (its
 * preview hook: notes and records), for a draft or, from a 2.2 plugin, a
 * submitted request; nothing without the hook. */
void		 pages_outcome(struct dm_req *req, struct dm_node *parent,
		    const struct service *sv, const struct request *r);
/* Request id's certificate (its content cert, from the plugin), drawn
 * with its number, sealed, issued and delivered, the request completed:
 * at submission for a Level B applicant (known: the request as
 * request_submit left it; the receipt is its mail, no mailbox notice
 * follows), or when its fee is paid (known NULL: it is read; the
 * mailbox's notice is sent). */
dm_status	 pages_issue_auto(struct dm_req *req, const struct service *sv,
		    long long id, const struct request *known,
		    const struct dm_certificate *cert);
/* A draft's saved values into req->form, as its form posted them (for
 * a submit's checks, and for choices hooks reading the form). */
void		 pages_draft_form(struct dm_req *req,
		    const struct service *sv, const struct request *r);
/* A form's first render: a draft's saved values on f (r NULL: a new
 * form), and an address's settlement a link names (?<field>_settlement=)
 * over the draft's. Call pages_draft_form before pages_fields, so that
 * the choices hooks see the same values. */
void		 pages_form_initial(struct dm_req *req,
		    const struct request *r, struct ffield *f, size_t n);
/* A request's attributes (and its service's) on its page. */
void		 pages_request_attrs(struct dm_req *req, struct dm_node *c,
		    const struct request *r, const struct service *sv);
/* The declared fields with the values given, choices by their labels. */
void		 pages_values(struct dm_req *req, struct dm_node *parent,
		    const struct service *sv, const struct request *r);
/* The files: the form's (form_only) or all, internal ones only
 * with_internal; base is the download URL's prefix. */
dm_status	 pages_files(struct dm_req *req, struct dm_node *parent,
		    long long id, int form_only, int with_internal,
		    const char *base);
/* The history; staff see internal events and who. */
dm_status	 pages_history(struct dm_req *req, struct dm_node *parent,
		    long long id, int staff);
/* <document> attributes: code, title, status, dates, seal. */
void		 pages_document(struct dm_req *req, struct dm_node *n,
		    const struct document *d);
/* An attachment of request id, if the caller's scope allows it; a
 * photo's thumbnail (shown inline). */
dm_status	 pages_thumbnail(struct dm_req *req, long long id,
		    long long att, int with_internal);
dm_status	 pages_download(struct dm_req *req, long long id,
		    long long att, int with_internal);
/* Sends a file as an attachment download (never rendered inline). */
void		 pages_send_file(struct dm_req *req, const char *name,
		    const char *type, const void *data, size_t len);
/* A service's form as posted, into draft *id of account_id (0: a new
 * one): checked, stored whatever was wrong, its files checked against
 * the declaration, then the plugin's hook; *errors fields have a
 * message. */
/* Whether nothing was typed, chosen or uploaded on a posted form. */
int		 pages_form_empty(const struct dm_req *req,
		    const struct ffield *f, size_t n);
dm_status	 pages_take_form(struct dm_req *req, const struct service *sv,
		    struct ffield *f, size_t n, long long account_id,
		    long long *id, int *errors);
/* Problems of the posted files as errors on their fields. */
int		 pages_upload_errors(struct dm_req *req, struct ffield *f,
		    size_t n);
/* The file fields against what draft r holds (r->draft_files when
 * request_load_draft read them); r NULL: no draft yet. */
int		 pages_check_files(struct dm_req *req, const struct request *r,
		    struct ffield *f, size_t n);
/* The plugin's validate hook on the checked form of draft id; *errors
 * fields have a message. DM_EINTERNAL if the hook failed (a 500). Call
 * it when the only errors are forms_unoffered(): the plugin may say why
 * a value is no longer offered. */
dm_status	 pages_validate_hook(struct dm_req *req,
		    const struct service *sv, long long id, struct ffield *f,
		    size_t n, int *errors);
/*
 * Submits draft id (request_submit, which writes the audit row with note)
 * with the plugin's on_submit on form f inside the transaction: DM_EINPUT
 * when the plugin refused, with its message on the field in f; nothing was
 * submitted and no number used. hold_receipt: an outcome follows (a
 * certificate issued at once), and the receipt waits for it
 * (request_receipt_due). *out (may be NULL): the request as submitted.
 */
dm_status	 pages_submit(struct dm_req *req, long long id,
		    const char *channel, long long clerk, struct ffield *f,
		    size_t n, const char *note, int hold_receipt,
		    struct request *out);
/* A file sent under field (any field: NULL) was refused: too large, of a
 * type the field does not take, or one too many. */
int		 pages_file_refused(const struct dm_req *req, const char *field);
/* 413 when a posted file was too large, else 422. */
int		 pages_form_status(const struct dm_req *req);

/* A public report's attributes (and its public photos) on node n: what
 * public_reports.h says anyone may see, nothing else (reports_public.c). */
struct public_report;
void		 pages_public_report(struct dm_req *req, struct dm_node *n,
		    const struct public_report *r);
/* The same facts as text, for Open311: where ("Νιγρίτα, Δήμος
 * Βισαλτίας": the settlement the map names, never the address typed),
 * what and where ("Λακκούβα · Νιγρίτα, Δήμος Βισαλτίας": never the
 * citizen's text), and the absolute URL of its first public photo while
 * the map shows it (the report open; NULL otherwise). */
const char	*pages_public_place(struct dm_req *req,
		    const struct public_report *r);
const char	*pages_public_summary(struct dm_req *req,
		    const struct public_report *r);
const char	*pages_public_photo_url(struct dm_req *req,
		    const struct public_report *r);

/* A Point feature for a reports map (js/map.js shows title, the status
 * label and date, and links url) appended to the array features; its
 * properties object is returned for more. pages_geojson_send answers
 * with the FeatureCollection of features (taking it) and Cache-Control
 * cache. */
struct json_object;
struct json_object *pages_geojson_point(struct json_object *features,
		    double lat, double lon, const char *title,
		    const char *status, const char *status_label,
		    const char *date, const char *url);
void		 pages_geojson_send(struct dm_req *req,
		    struct json_object *features, const char *cache);

/* The back office ---------------------------------------------------------- */

/* The department of the path (":dept"), if it is an enabled plugin. */
const struct plugin *pages_department(struct dm_req *req);
/* The page's department attributes (and whether the reader is its
 * head), and the department's own staff pages as <tab> children (a GET
 * route /staff/<dept>/<page> of its plugin whose strings name it
 * "<dept>.tab.<page>"; the head's pages for the head only). */
void		 pages_dept_attrs(struct dm_req *req, struct dm_node *c,
		    const struct plugin *p);
/* A department's name in the reader's language, by its code (a code no
 * loaded plugin has: the code itself; NULL: NULL). */
const char	*pages_dept_name(struct dm_req *req, const char *code);

#endif
