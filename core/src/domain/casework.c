/*
 * casework.c - the workflow's actions, declared once and checked the same
 * way: a table says which states each applies to, where it leads and
 * whether it needs a text; what the citizen is told goes to their
 * mailbox in the clerk's words, with the department named on a
 * rejection.
 */
#include <string.h>

#include "accounts.h"
#include "attachments.h"
#include "audit.h"
#include "casework.h"
#include "db.h"
#include "documents.h"
#include "i18n.h"
#include "issuing.h"
#include "mailbox.h"
#include "public_reports.h"
#include "plugins.h"
#include "req.h"
#include "requests.h"
#include "session.h"

struct action {
	const char	*name;
	unsigned	 from;		/* statuses it applies to */
	int		 needs_text;
	int		 public_text;	/* goes to the citizen's mailbox */
};

static const struct action actions[ACT__MAX] = {
	[ACT_ASSIGN] = { "assign", RS_OPEN, 0, 0 },
	[ACT_START] = { "start", RS_BIT(RS_SUBMITTED), 0, 0 },
	[ACT_ASK] = { "ask", RS_BIT(RS_SUBMITTED) | RS_BIT(RS_IN_PROGRESS), 1,
	    1 },
	[ACT_MESSAGE] = { "message", RS_OPEN, 1, 1 },
	[ACT_NOTE] = { "note", RS_OPEN | RS_BIT(RS_COMPLETED) |
	    RS_BIT(RS_REJECTED) | RS_BIT(RS_WITHDRAWN), 1, 0 },
	[ACT_COMPLETE] = { "complete", RS_BIT(RS_SUBMITTED) |
	    RS_BIT(RS_IN_PROGRESS), 0, 1 },
	[ACT_REJECT] = { "reject", RS_OPEN, 1, 1 },
	/* Also on a completed request: a corrected certificate after the
	 * first was revoked. */
	[ACT_ISSUE] = { "issue", RS_BIT(RS_SUBMITTED) | RS_BIT(RS_IN_PROGRESS) |
	    RS_BIT(RS_COMPLETED), 0, 1 },
};

const char *
act_name(enum act a)
{
	return (unsigned)a < ACT__MAX ? actions[a].name : NULL;
}

enum act
act_parse(const char *name)
{
	for (int i = 0; name != NULL && i < ACT__MAX; i++)
		if (strcmp(actions[i].name, name) == 0)
			return (enum act)i;
	return ACT__MAX;
}

int
act_applies(enum act a, enum rstatus s, const struct service *sv)
{
	if ((unsigned)a >= ACT__MAX || !(actions[a].from & RS_BIT(s)))
		return 0;
	return a != ACT_ISSUE || (sv != NULL &&
	    sv->svc->result == DM_RESULT_CERTIFICATE);
}

const char *
act_refusal(enum act a, enum rstatus s, const char *text)
{
	if ((unsigned)a >= ACT__MAX || !(actions[a].from & RS_BIT(s)))
		return "staff.not_now";
	if (actions[a].needs_text && (text == NULL || text[0] == '\0'))
		return "staff.text_needed";
	return NULL;
}

struct act_ctx {
	struct dm_req		*req;
	const struct service	*sv;
	const struct request	*r;
	const struct act_input	*in;
	const char		*text;
	const char		*error;
};

/* The action's own step; *eid is the event files and texts go with. */
static dm_status
act_step(struct act_ctx *x, long long *eid, long long *doc)
{
	struct dm_req *req = x->req;
	const struct request *r = x->r;
	long long me = session_actor(req);
	dm_status st;

	switch (x->in->which) {
	case ACT_ASSIGN:
		return request_assign(req, r, x->in->assignee);
	case ACT_NOTE:
		st = request_event(req, r->id, "note", 1, r->status,
		    r->status, x->text, eid);
		if (st == DM_OK)
			st = attachments_store(req, r->id, *eid, "files", me,
			    1, NULL);
		return st;
	case ACT_MESSAGE:
		return request_event(req, r->id, "message", 0, r->status,
		    r->status, x->text, eid);
	case ACT_START:
		return request_transition(req, r, RS_IN_PROGRESS, "started",
		    NULL, NULL);
	case ACT_ASK:
		return request_transition(req, r, RS_AWAITING, "question",
		    x->text, eid);
	case ACT_REJECT: {
		const struct dm_department *d = x->sv->plugin->desc->department;

		/* The reason always names who decided. */
		x->text = i18n_format(req->arena, i18n_lang_of(req->lang),
		    "staff.rejected_by", (const char *const[]){ "department",
		    i18n_pick(req->lang, d->name_el, d->name_en), "reason",
		    x->text, NULL });
		return request_transition(req, r, RS_REJECTED, "rejected",
		    x->text, eid);
	}
	case ACT_COMPLETE:
		return request_transition(req, r, RS_COMPLETED, "completed",
		    x->text, eid);
	case ACT_ISSUE:
		if (x->in->issued == NULL)
			return DM_EINPUT;
		st = issuing_by_clerk(req, x->sv, r, x->in->issued, me, doc);
		if (st == DM_OK && r->status == RS_COMPLETED)
			st = request_event(req, r->id, "reissued", 0,
			    r->status, r->status, x->text, eid);
		else if (st == DM_OK)
			st = request_transition(req, r, RS_COMPLETED,
			    "completed", x->text, eid);
		if (st == DM_OK)
			st = documents_link_event(req, *doc, *eid);
		return st;
	default:
		return DM_EINPUT;
	}
}

static dm_status
act_tx(void *arg)
{
	struct act_ctx *x = arg;
	struct dm_req *req = x->req;
	const struct request *r = x->r;
	enum act which = x->in->which;
	long long eid = 0, doc = 0;
	dm_status st;

	x->text = x->in->text;
	if ((st = act_step(x, &eid, &doc)) != DM_OK)
		return st;
	/* Assigning, starting and notes end there. */
	if (which == ACT_ASSIGN || which == ACT_START || which == ACT_NOTE)
		return DM_OK;
	if ((st = attachments_store(req, r->id, eid, "files",
	    session_actor(req), 0, NULL)) != DM_OK)
		return st;
	/* A completion document: sealed and registered like any issued
	 * document, so that it can be verified. */
	if (which == ACT_COMPLETE) {
		st = issuing_from_upload(req, x->sv, r, eid, "document",
		    session_actor(req), &doc);
		if (st == DM_EINPUT) {
			x->error = "staff.document_pdf";
			return DM_EINPUT;
		}
		if (st != DM_OK)
			return st;
		if (doc == 0 && (x->text == NULL || x->text[0] == '\0')) {
			x->error = "staff.complete_needs";
			return DM_EINPUT;
		}
		if (doc == 0 && x->sv->svc->result == DM_RESULT_DOCUMENT) {
			x->error = "staff.document_needed";
			return DM_EINPUT;
		}
	}
	/* Who follows a report hears what its reporter hears (not a
	 * question, which is the reporter's to answer). */
	if (actions[which].public_text && which != ACT_ASK &&
	    public_report_service(x->sv) && (st =
	    public_report_tell_followers(req, r, arena_printf(req->arena,
	    "mailbox.followed.%s", actions[which].name), x->text)) != DM_OK)
		return st;
	if (actions[which].public_text && doc == 0) {
		const char *title = i18n_format(req->arena, mailbox_lang(req,
		    r->account_id), arena_printf(req->arena, "mailbox.%s",
		    actions[which].name), (const char *const[]){ "protocol",
		    r->protocol, NULL });

		return mailbox_deliver(req, r->account_id, r->id,
		    which == ACT_COMPLETE ? "answer" : "message", title,
		    x->text, 0, 0);
	}
	if (doc != 0)
		return documents_deliver(req, doc, x->text);
	return DM_OK;
}

dm_status
casework_act(struct dm_req *req, const struct service *sv,
    const struct request *r, const struct act_input *in, const char **error)
{
	struct act_ctx x = { req, sv, r, in, NULL, NULL };
	const char *why;
	dm_status st;

	*error = NULL;
	if ((why = act_refusal(in->which, r->status, in->text)) != NULL) {
		*error = why;
		return DM_EINPUT;
	}
	if ((st = attachments_stage(req)) != DM_OK)
		return st;
	st = db_tx(db_worker(), act_tx, &x);
	if (st == DM_EDENIED) {
		/* The state machine refused: the request moved meanwhile. */
		st = DM_ECONFLICT;
	}
	*error = x.error;
	return st;
}

struct counter_ctx {
	struct dm_req			*req;
	const struct service		*sv;
	const struct account_new	*a;
	const char			*channel;
	long long			*id;
};

static dm_status
counter_tx(void *arg)
{
	struct counter_ctx *x = arg;
	struct db *db = db_worker();
	const struct account_new *a = x->a;
	long long account = 0;
	dm_status st = DM_ENOTFOUND;

	if (a->afm != NULL && a->afm[0] != '\0')
		st = account_person_by_afm(db, a->afm, &account);
	if (st == DM_ENOTFOUND && a->email != NULL && a->email[0] != '\0')
		st = account_by_email(db, a->email, &account);
	if (st == DM_ENOTFOUND) {
		struct account_new n = *a;

		n.kind = "person";
		n.status = "active";
		n.password_hash = NULL;
		if ((st = account_insert(db, &n, &account)) != DM_OK)
			return st;
		audit(x->req, "account_created_at_counter", account, NULL);
	}
	if (st != DM_OK)
		return st;
	return request_start_counter(x->req, x->sv, account, x->channel,
	    x->id);
}

dm_status
casework_counter(struct dm_req *req, const struct service *sv,
    const struct account_new *applicant, const char *channel, long long *id)
{
	struct counter_ctx x = { req, sv, applicant, channel, id };

	return db_tx(db_worker(), counter_tx, &x);
}
