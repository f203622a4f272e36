/*
 * mail.h - composing the messages the platform sends.
 * Owns: subject and body from the string tables (in the recipient's
 * language, placeholders filled in) handed to the outbox in the caller's
 * transaction; the mailer delivers them later.
 */
#ifndef DIMOS_MAIL_H
#define DIMOS_MAIL_H

#include "dimos/plugin.h"

struct dm_req;

struct mail {
	const char		*to;		/* address */
	const char		*name;		/* display name, may be NULL */
	const char		*lang;		/* "el" | "en" */
	const char		*kind;		/* template: mail.<kind>.* */
	long long		 account_id;	/* 0: none */
	const char *const	*vars;		/* name, value pairs; NULL */
};

/* An absolute link for a message: server.base_url, path, then suffix
 * (may be NULL; a token, say). */
const char	*mail_link(struct dm_req *req, const char *path,
		    const char *suffix);

/* Queues mail.<kind>.subject / .body; {site} and {url} are always set. */
dm_status	mail_queue(struct dm_req *req, const struct mail *m);
/* Subject and body of m from the strings "<strings>.subject" and ".body"
 * (NULL: "mail.<kind>"), placeholders filled in, without queueing it. */
void		mail_compose(struct dm_req *req, const struct mail *m,
		    const char *strings, const char **subject,
		    const char **body);
/*
 * The same from the strings "<strings>.subject" and ".body" (a plugin's),
 * sent not before send_after (UTC "YYYY-MM-DD HH:MM:SS"; NULL: at once);
 * *id (may be NULL) gets the outbox row's id.
 */
dm_status	mail_queue_at(struct dm_req *req, const struct mail *m,
		    const char *strings, const char *send_after,
		    long long *id);

#endif
