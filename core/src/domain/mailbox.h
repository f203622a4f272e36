/*
 * mailbox.h - the citizen's digital mailbox (ψηφιακή θυρίδα).
 * Owns: the mailbox_items table: what the municipality sends a citizen (an
 * answer, a message, a document), never changed after delivery except
 * being read; the e-mail notice (without content) of each delivery; the
 * unread count of the page header.
 */
#ifndef DIMOS_MAILBOX_H
#define DIMOS_MAILBOX_H

#include <stddef.h>

#include "dimos/plugin.h"
#include "i18n.h"

struct db;
struct dm_req;
struct json_object;

#define MAILBOX_UNREAD_MAX	100	/* counted up to; shown as 99+ */

struct mailbox_item {
	long long	 id;
	const char	*kind;		/* "answer" | "message" | "document" */
	const char	*title;
	const char	*body;		/* NULL in lists */
	const char	*created_at;	/* UTC */
	int		 unread;
	long long	 request_id;	/* 0: none */
	long long	 attachment_id;	/* 0: none */
	long long	 document_id;	/* 0: none */
};

/* A mailbox item for account_id, and a notice by e-mail (no content in
 * it) when the account asked for notices. */
dm_status	mailbox_deliver(struct dm_req *req, long long account_id,
		    long long request_id, const char *kind, const char *title,
		    const char *body, long long attachment_id,
		    long long document_id);
/* The same, with the notice only if announce: without it for what
 * arrives in answer to the request the citizen is making, whose own mail
 * already says the outcome comes to the mailbox (a certificate issued at
 * submission: the receipt). */
dm_status	mailbox_put(struct dm_req *req, long long account_id,
		    long long request_id, const char *kind, const char *title,
		    const char *body, long long attachment_id,
		    long long document_id, int announce);
/* The language the account reads in: what is delivered to it is written
 * in it, whoever sends it (a clerk reading English writes to a citizen who
 * reads Greek). Greek when unknown. */
enum i18n_lang	mailbox_lang(struct dm_req *req, long long account_id);
/* The newest item about request_id in the account's mailbox; 0: none. */
long long	mailbox_of_request(struct dm_req *req, long long account_id,
		    long long request_id);
/* Unread items of the account, counted up to MAILBOX_UNREAD_MAX; 0 when
 * the database cannot tell. */
long long	mailbox_unread(struct dm_req *req, long long account_id);
/* The account's items, newest first, older than id before (0: from the
 * newest), at most limit (*n may be limit + 1: more follow). */
dm_status	mailbox_list(struct dm_req *req, long long account_id,
		    long long before, size_t limit, struct mailbox_item **v,
		    size_t *n);
/* One of the account's items (anyone else's: DM_ENOTFOUND); opening it
 * (open) marks it read. */
dm_status	mailbox_get(struct dm_req *req, long long account_id,
		    long long id, int open, struct mailbox_item *it);
/* The account's mailbox for its data export ("mailbox" in root). */
dm_status	mailbox_export(struct db *db, long long account_id,
		    struct json_object *root);

#endif
