/*
 * requests.h - the life of a request.
 * Owns: the requests, request_events and protocol_counters tables: drafts
 * (the citizen's, or a clerk's at the counter), submission (protocol
 * number N/YYYY, gapless per year, taken in the submitting transaction;
 * the SLA due date; the applicant's snapshot; the receipt by e-mail), the
 * workflow's state machine with one append-only history event per change
 * (a move is a compare-and-set on the state it was read in), who may see
 * which request, and the lists of a citizen and of a department's
 * queue.
 */
#ifndef DIMOS_REQUESTS_H
#define DIMOS_REQUESTS_H

#include <stddef.h>

#include "dimos/plugin.h"

struct db;
struct dm_req;
struct json_object;
struct service;

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
/* A status by name; RS__MAX if it is none. */
enum rstatus	 rs_parse(const char *s);

/*
 * The state machine: 1 when a request in state from may move to state to.
 *   draft       -> submitted                       (request_submit only)
 *   submitted   -> in_progress, awaiting, completed, rejected, withdrawn
 *   in_progress -> awaiting, completed, rejected, withdrawn
 *   awaiting    -> in_progress (the citizen answered), rejected, withdrawn
 * Completed, rejected and withdrawn requests stay as they are.
 */
int		 request_may_move(enum rstatus from, enum rstatus to);

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
	const char	*sort_key;	/* the queue's: what it was sorted by */
	const char	*location;	/* the address field's text */
	const char	*lat, *lon;	/* its point, or NULL */
	const char	*settlement;	/* its settlement's code, or NULL */
	long long	 merged_into;	/* a duplicate of that request; 0 */
	int		 business;	/* the queue's: the applicant's account
					   is a business's */
	long long	 receipt_mail;	/* request_submit's: the receipt's
					   outbox row (0: none mailed) */
	const char	*draft_files;	/* request_load_draft's: the field of
					   each file a draft holds, separated
					   by a space ("": none); NULL: not
					   read */
};

/* Loads a request; scope: account_id > 0 (the owner's) or dept (a
 * department's); DM_ENOTFOUND outside the scope. */
dm_status	request_load(struct dm_req *req, long long id,
		    long long account_id, const char *dept, struct request *r);
/* The same for the owner's request, and for a draft the fields of the
 * files it holds (r->draft_files), read with it: one statement where the
 * draft's checks took one more per file field. */
dm_status	request_load_draft(struct dm_req *req, long long id,
		    long long account_id, struct request *r);
/* The id of request "N/YYYY" of department dept; DM_EINPUT: no such
 * number; DM_ENOTFOUND: none. */
dm_status	request_by_protocol(struct dm_req *req, const char *protocol,
		    const char *dept, long long *id);
/* A department's open request with a point, for the staff's map. */
struct request_point {
	long long	 id;
	const char	*protocol;
	const char	*service;
	enum rstatus	 status;
	const char	*lat, *lon;
	const char	*location;
	const char	*settlement;
	const char	*submitted;	/* YYYY-MM-DD, the municipality's day */
	int		 overdue;
};
/* The department's open requests with a point, newest first, below id
 * before (0: from the newest), at most limit (*n may be limit + 1). */
dm_status	requests_open_points(struct dm_req *req, const char *dept,
		    long long before, size_t limit, struct request_point **v,
		    size_t *n);
/* A value of the request's form (arena copy) or NULL. */
const char	*request_form_value(struct dm_req *req, const struct request *r,
		    const char *field);

/* A draft's content: the form's values by field name (files and
 * passwords are not values) and where it is about, if anywhere. */
struct draft_value {
	const char	*name;
	const char	*value;
};
struct draft {
	const struct draft_value *values;
	size_t			 n;
	const char		*location;	/* the address field's text */
	const char		*lat, *lon;	/* may be NULL */
	const char		*settlement;	/* its code; may be NULL */
};

/* Creates (*id 0) or updates the applicant's draft; the files in
 * req->uploads are stored with it. */
dm_status	request_save_draft(struct dm_req *req, const struct service *sv,
		    const struct draft *d, long long account_id,
		    long long *id);
/* A clerk starts a request at the counter (channel "counter", "phone" or
 * "mail") for account_id: an empty draft, *id. */
dm_status	request_start_counter(struct dm_req *req,
		    const struct service *sv, long long account_id,
		    const char *channel, long long *id);

/*
 * What runs inside the submitting transaction once the request has its
 * number (the plugin's on_submit, which web/ wires to the form): anything
 * but DM_OK rolls the whole submission back.
 */
struct submit_hook {
	dm_status	(*fn)(struct dm_req *req, const struct service *sv,
			    const struct request *r, void *arg);
	void		*arg;
	int		 hold_receipt;	/* an outcome follows the commit (a
					   certificate issued at once): the
					   receipt waits for
					   request_receipt_due */
};

/*
 * Submits a draft (clerk != 0: registers one a clerk took at the
 * counter): protocol number, due date, applicant snapshot, history, the
 * indexed values of its queue columns, hook (may be NULL), confirmation
 * e-mail and the audit row ("request_submitted", or "request_registered"
 * for a clerk; its detail the id, then note when not NULL), in one
 * transaction. A request already submitted is left alone and DM_ECONFLICT
 * returned: two presses, one request (and one audit row). *out (may be
 * NULL) gets the request as submitted (its number, time, due date and
 * applicant), what the row now says, without reading it again.
 */
dm_status	request_submit(struct dm_req *req, long long id,
		    const char *channel, long long clerk,
		    const struct submit_hook *hook, const char *note,
		    struct request *out);
/*
 * The receipt request_submit held for r (r->receipt_mail; none: DM_OK) goes
 * now: saying the outcome is already in the mailbox if delivered (call it
 * in the transaction that delivers it), else as it was written, that the
 * outcome will come there. One the hold let go already is left alone.
 */
dm_status	request_receipt_due(struct dm_req *req,
		    const struct service *sv, const struct request *r,
		    int delivered);
/* The next protocol number of year, in the caller's transaction (rolled
 * back with it: numbers have no gaps; the row stays locked until it
 * ends, so take it as late as the transaction can). */
dm_status	requests_protocol_next(struct db *db, int year, long long *no);

/* One history event by the request's actor; *event_id may be NULL. */
dm_status	request_event(struct dm_req *req, long long id,
		    const char *kind, int internal, enum rstatus from,
		    enum rstatus to, const char *body, long long *event_id);
/*
 * A new state with its event (and the SLA pause bookkeeping), and the
 * plugin's on_transition, in one transaction (the caller's, or one of its
 * own). DM_EDENIED if the state machine does not allow it; DM_ECONFLICT
 * if the request is no longer in the state r was read in (someone moved
 * it first); the plugin's status if it refused the change.
 */
dm_status	request_transition(struct dm_req *req, const struct request *r,
		    enum rstatus to, const char *kind, const char *body,
		    long long *event_id);
/* request_transition to completed, by the certificate just issued for it
 * automatically (issuing_auto): the dashboard counts the closure and the
 * certificate in the one write of the day's row (and the month's). */
dm_status	request_complete_certified(struct dm_req *req,
		    const struct request *r, const char *body,
		    long long *event_id);
/* The citizen answers a question (text, files of field "files"): the
 * request goes back to the department. */
dm_status	request_answer(struct dm_req *req, const struct request *r,
		    const char *text);
/* The citizen withdraws an open request. */
dm_status	request_withdraw(struct dm_req *req, const struct request *r);
/* Assigns an open request to a member of its department's staff
 * (DM_EINPUT if assignee is none), or unassigns it (assignee 0). */
dm_status	request_assign(struct dm_req *req, const struct request *r,
		    long long assignee);

/* One event of a request's history. */
struct history_event {
	long long	 id;
	const char	*at;		/* UTC */
	const char	*kind;
	const char	*visibility;	/* "public" | "internal" */
	const char	*to;		/* the new status, or NULL */
	const char	*body;
	const char	*actor;		/* the staff member's name */
};
/* The history, oldest first; staff see internal events and who. */
dm_status	request_history(struct dm_req *req, long long id, int staff,
		    struct history_event **v, size_t *n);

/* A citizen's requests, newest first, older than id before (0: from the
 * newest), at most limit (arena array; *n may be limit + 1 to tell that
 * more follow). Keyset pagination: the same cost on any page. */
dm_status	requests_mine(struct dm_req *req, long long account_id,
		    long long before, size_t limit, struct request **v,
		    size_t *n);

/*
 * A department's queue, by due date then id, or by a sortable queue
 * column (sort: its field; desc: newest first). Column conditions and the
 * sort read the index of request_values (request_values.h), never the
 * forms; with_form brings each request's form for the columns shown.
 */
struct queue_cond;

struct queue_filter {
	const char	*dept;
	const char	*status;	/* "open", "all" or a status name */
	const char	*service;	/* NULL: all */
	const char	*assigned;	/* "all", "me" or "none" */
	long long	 me;		/* who "me" is */
	int		 overdue;	/* only overdue ones */
	const char	*q;		/* N/YYYY, an AFM, or part of a name */
	const char	*after;		/* the cursor of the previous page */
	const struct queue_cond *cond;	/* on queue columns */
	size_t		 ncond;
	const char	*sort;		/* a sortable column's field, or NULL */
	int		 sort_numeric;	/* it is a NUMBER field */
	int		 desc;
	int		 with_form;
};
dm_status	requests_queue(struct dm_req *req, const struct queue_filter *f,
		    size_t limit, struct request **v, size_t *n,
		    const char **next);
/* The queue's open and overdue requests. */
dm_status	requests_counts(struct dm_req *req, const char *dept,
		    long long *open, long long *overdue);

/* The struct dm_request a plugin hook sees. */
const struct dm_request *request_for_plugin(struct dm_req *req,
		    const struct request *r);
/* A form value of a request handed to a plugin (host->request_value). */
const char	*request_plugin_value(struct dm_req *req,
		    const struct dm_request *dr, const char *field);

/* The core's request behind one handed to a plugin; NULL for a pointer
 * the core did not hand out. */
const struct request *request_of_plugin(const struct dm_request *dr);

/* The account's requests and their public history for its data export
 * ("requests", "request_history" in root). */
dm_status	requests_export(struct db *db, long long account_id,
		    struct json_object *root);

#endif
