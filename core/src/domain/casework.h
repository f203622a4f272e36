/*
 * casework.h - what the department's staff do to a request.
 * Owns: the actions (assign, start, ask, message, note, complete, reject,
 * issue), the states each applies to, which need a text, and their
 * effects: the state change or event, the files sent with it, the
 * citizen's mailbox item or document, in one transaction.
 */
#ifndef DIMOS_CASEWORK_H
#define DIMOS_CASEWORK_H

#include "dimos/plugin.h"
#include "requests.h"

struct dm_req;
struct issued;
struct service;

enum act {
	ACT_ASSIGN,
	ACT_START,
	ACT_ASK,
	ACT_MESSAGE,
	ACT_NOTE,
	ACT_COMPLETE,
	ACT_REJECT,
	ACT_ISSUE,
	ACT__MAX
};

const char	*act_name(enum act a);
/* An action by name; ACT__MAX if there is none. */
enum act	 act_parse(const char *name);
/* 1 when action a applies to a request in state s of service sv (issue:
 * only for a service whose result is a certificate). */
int		 act_applies(enum act a, enum rstatus s,
		    const struct service *sv);
/*
 * Before acting: NULL if a may be done now with text, else the string key
 * of why not ("staff.not_now": not in this state; "staff.text_needed").
 */
const char	*act_refusal(enum act a, enum rstatus s, const char *text);

struct act_input {
	enum act		 which;
	const char		*text;		/* trimmed, canned filled in */
	long long		 assignee;	/* ACT_ASSIGN; 0: nobody */
	const struct issued	*issued;	/* ACT_ISSUE: the drawn PDF */
};

/*
 * Does it (one transaction). The clerk's files of field "files" go with
 * the event; on completion the PDF of field "document" becomes a sealed
 * document. DM_ECONFLICT: the request changed meanwhile. DM_EINPUT with
 * *error set to a string key: what the clerk must change.
 */
dm_status	casework_act(struct dm_req *req, const struct service *sv,
		    const struct request *r, const struct act_input *in,
		    const char **error);

/*
 * A request taken at the counter (channel "counter", "phone" or "mail"):
 * the citizen is found by AFM, or by e-mail, or registered on the spot as
 * applicant says (an account without a password, to be claimed later by a
 * password reset or TaxisNet); *id is the new draft, one transaction.
 */
struct account_new;
dm_status	casework_counter(struct dm_req *req, const struct service *sv,
		    const struct account_new *applicant, const char *channel,
		    long long *id);

#endif
