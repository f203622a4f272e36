/*
 * requests.h - the life of a request.
 * Owns: drafts and their files, submission (protocol number N/YYYY,
 * gapless per year, in the submitting transaction; the SLA due date),
 * the workflow's states and transitions with one append-only history event
 * each, and the digital mailbox items that deliver results.
 */
#ifndef DIMOS_REQUESTS_H
#define DIMOS_REQUESTS_H

#include <stddef.h>

#include "dimos/plugin.h"

struct dm_req;
struct ffield;
struct service;
struct upload;

enum rstatus {
	RS_DRAFT,
	RS_SUBMITTED,
	RS_IN_PROGRESS,
	RS_AWAITING,		/* awaiting the citizen: the SLA clock stops */
	RS_COMPLETED,
	RS_REJECTED,
	RS_WITHDRAWN,
	RS__MAX
};

#define RS_BIT(s)	(1u << (s))
#define RS_OPEN		(RS_BIT(RS_SUBMITTED) | RS_BIT(RS_IN_PROGRESS) | \
			    RS_BIT(RS_AWAITING))

const char	*rs_name(enum rstatus s);
enum rstatus	 rs_parse(const char *s);

struct request {
	long long	 id;
	const char	*service;
	const char	*department;
	long long	 account_id;
	enum rstatus	 status;
	const char	*channel;
	const char	*protocol;	/* "N/YYYY" or NULL for a draft */
	const char	*submitted_at;	/* UTC */
	const char	*due_date;	/* YYYY-MM-DD */
	const char	*awaiting_since;
	long long	 assigned_to;
	const char	*assigned_name;
	const char	*closed_at;
	const char	*applicant_name;
	const char	*applicant_afm;
	const char	*applicant_email;
	const char	*applicant_phone;
	const char	*form;		/* JSON object of field values */
	const char	*updated_at;
	int		 overdue;
};

/* Loads a request; scope: account_id > 0 (the owner's) or dept (a
 * department's); DM_ENOTFOUND outside the scope. */
dm_status	request_load(struct dm_req *req, long long id,
		    long long account_id, const char *dept, struct request *r);

/* Creates or updates the applicant's draft with the form's values;
 * *id 0 creates. Files in req->uploads are stored with it. */
dm_status	request_save_draft(struct dm_req *req, const struct service *sv,
		    const struct ffield *f, size_t n, long long account_id,
		    long long *id);

/* A value of the request's form (arena copy) or NULL. */
const char	*request_form_value(struct dm_req *req, const struct request *r,
		    const char *field);

/*
 * Stores the request's acceptable uploads (blob by SHA-256, attachment
 * row). event_id 0: the citizen's form files. Returns how many were
 * stored; unacceptable ones are left for the caller to report.
 */
dm_status	request_store_uploads(struct dm_req *req, long long request_id,
		    long long event_id, const char *field, long long by,
		    int internal, size_t *stored);
dm_status	request_drop_attachment(struct dm_req *req,
		    long long request_id, long long attachment_id);

/*
 * Submits a draft (or, with counter != NULL, registers a request a clerk
 * took at the counter): protocol number, due date, applicant snapshot,
 * history, confirmation e-mail. Idempotent: a request already submitted
 * is left alone and DM_ECONFLICT returned.
 */
dm_status	request_submit(struct dm_req *req, long long id,
		    const char *channel, long long clerk);

/* One history event; *event_id may be NULL. */
dm_status	request_event(struct dm_req *req, long long id,
		    const char *kind, int internal, enum rstatus from,
		    enum rstatus to, const char *body, long long *event_id);

/* A new state with its event (and the SLA pause bookkeeping). */
dm_status	request_transition(struct dm_req *req, const struct request *r,
		    enum rstatus to, const char *kind, const char *body,
		    long long *event_id);

/* A mailbox item for the request's applicant, and a notice by e-mail
 * (no content in it) when they asked for notices. */
dm_status	mailbox_deliver(struct dm_req *req, long long account_id,
		    long long request_id, const char *kind, const char *title,
		    const char *body, long long attachment_id,
		    long long document_id);

/* Unread mailbox items of the account (for the page header), counted up
 * to 100. */
long long	mailbox_unread(struct dm_req *req, long long account_id);

/* The struct dm_request a plugin hook sees. */
const struct dm_request *request_for_plugin(struct dm_req *req,
		    const struct request *r);

/* A form value of a request handed to a plugin (host->request_value). */
const char	*request_plugin_value(struct dm_req *req,
		    const struct dm_request *dr, const char *field);

/* A file of a request's form, for plugins (host->upload_at). */
struct request_file {
	long long	 id;		/* attachment */
	const char	*name;
	const char	*type;
	size_t		 size;
};

typedef dm_status (*request_file_fn)(void *arg, const struct request_file *f);

/* The files of one field of request id's form, in the order they came. */
dm_status	request_form_files(struct dm_req *req, long long id,
		    const char *field, request_file_fn fn, void *arg);
/* The bytes of one of them (arena copy). */
dm_status	request_file_bytes(struct dm_req *req, long long id,
		    long long attachment, const void **data, size_t *len);

#endif
