/*
 * outbox.h - e-mail waiting in the database for dimos-mailer.
 * Owns: queueing a message in the caller's transaction, and the mailer's
 * exclusive claims, outcomes, backoff and expiry of abandoned claims.
 */
#ifndef DIMOS_OUTBOX_H
#define DIMOS_OUTBOX_H

/*
 * Life cycle of a row (schema/003_outbox.sql):
 *   pending  -> sending   outbox_claim (due rows only, SKIP LOCKED)
 *   sending  -> sent      outbox_mark_sent, after the relay accepted it
 *   sending  -> pending   outbox_mark_failed (retry after a backoff),
 *                         outbox_release (mailer stopping, not an attempt),
 *                         outbox_reap (claim expired: counted as an attempt)
 *   sending  -> failed    outbox_mark_failed (permanent, or retry_max
 *                         attempts), outbox_reap at retry_max
 *   pending  -> cancelled outbox_cancel (a message due later, withdrawn)
 *   pending  -> pending   outbox_due_now (a message held for later made
 *                         due at once, its text replaced or kept)
 * The claimer's own transitions (touch, mark_sent, mark_failed, release)
 * check status and claimed_by in their WHERE clause, so one that runs again
 * after a reconnect, or comes from a mailer whose claim expired, changes
 * nothing.
 */

#include <stddef.h>
#include <stdint.h>

#include "dimos/plugin.h"

struct config;
struct db;

struct outbox_msg {
	const char	*to_addr;	/* checked with val_email */
	const char	*to_name;	/* display name; NULL: none; cut to
					   200 characters */
	const char	*subject;	/* one line, UTF-8, <= 300 characters */
	const char	*body;		/* UTF-8 text, LF line ends, < 1 MiB */
	const char	*kind;		/* [a-z0-9_]{1,40}: verify_email ... */
	const char	*lang;		/* "el", "en" (ISO 639-1); NULL: "el" */
	long long	 account_id;	/* 0 = none */
	const char	*send_after;	/* UTC "YYYY-MM-DD HH:MM:SS": not
					   before then (and its Date); NULL:
					   at once */
};

/*
 * Takes the Message-ID domain from cfg: the host of base_url if it is a
 * domain name, else the domain of mail.from, else "localhost". Call once
 * per process after loading the configuration (a worker, the mailer);
 * until then outbox_add uses the machine's host name.
 */
void		outbox_init(const struct config *cfg);

/*
 * Queues a message. Call it inside the caller's db_tx, so the mail exists
 * if and only if the event that causes it is committed. DM_EINPUT (and
 * nothing written) if the address, subject (empty, CR/LF, too long), name,
 * body (not UTF-8), kind or lang is invalid; DM_ELIMIT if the body is too
 * large; the database's status otherwise.
 */
/* Mail waiting (pending or being sent): how many, and the age in seconds
 * of the oldest (0: none). For /metrics. */
dm_status	outbox_backlog(struct db *db, long long *n, long long *age);
dm_status	outbox_add(struct db *db, const struct outbox_msg *m);
/* As outbox_add; *id gets the new row's id. */
dm_status	outbox_add_id(struct db *db, const struct outbox_msg *m,
		    long long *id);
/*
 * Withdraws a pending message whose kind starts with kind_prefix (what
 * queued it may withdraw it, nothing else): 'cancelled', never sent.
 * DM_OK also when it is no longer pending (sent, or being sent: too late)
 * or was withdrawn already; DM_ENOTFOUND when there is no such message of
 * that prefix.
 */
dm_status	outbox_cancel(struct db *db, long long id,
		    const char *kind_prefix);

/*
 * A pending message whose kind starts with kind_prefix, held for later
 * (send_after), made due at once, its subject and body replaced when not
 * NULL (checked as outbox_add checks them: DM_EINPUT). *done: whether it
 * was still pending (0: sent or being sent already, or withdrawn; nothing
 * changed).
 */
dm_status	outbox_due_now(struct db *db, long long id,
		    const char *kind_prefix, const char *subject,
		    const char *body, int *done);

/* A claimed row, copied out of the database (malloc'd strings). */
struct outbox_item {
	long long	 id;
	long long	 created;	/* created_at, seconds since the epoch:
					   the message's Date, the same on
					   every attempt */
	int		 attempts;	/* failed attempts before this one */
	char		*to_addr;
	char		*to_name;	/* NULL: none */
	char		*subject;
	char		*body;
	char		*kind;
	char		*lang;
	char		*message_id;
};

/* The most rows one claim or one record of sends takes (mail.batch is at
 * most 1000). */
#define OUTBOX_BATCH_MAX	1024

struct outbox_batch {
	struct outbox_item	*v;
	size_t			 n;
};

struct outbox_policy {
	long long	retry_base;	/* seconds before the first retry */
	int		retry_max;	/* attempts before a row fails */
	long long	stale_after;	/* seconds before a claim has expired */
};

/* OUTBOX_BACKOFF_MAX caps the delay between attempts (6 hours). */
#define OUTBOX_BACKOFF_MAX	(6LL * 3600)
/* Claims expire after 5 x mail.timeout, never sooner than this. */
#define OUTBOX_STALE_MIN	60LL

/* retry_base, retry_max from [mail]; stale_after 5 x timeout. */
void		outbox_policy_init(struct outbox_policy *p,
		    const struct config *cfg);

/* Seconds to wait after the failures-th failed attempt (1, 2, ...):
 * base * 2^(failures - 1), at most OUTBOX_BACKOFF_MAX. */
long long	outbox_backoff(long long base, int failures);

/*
 * Claims up to max (at most OUTBOX_BATCH_MAX) due pending rows for owner
 * ("host:pid"), oldest due first, in one transaction: SELECT ... FOR
 * UPDATE SKIP LOCKED, then one UPDATE of those rows to 'sending' with
 * claimed_by and claimed_at. Two mailers claiming at
 * once get disjoint rows (on Galera the loser of a race is refused at
 * certification and db_tx runs the claim again). Sets the session to READ
 * COMMITTED first, so the scan takes no gap locks that would hold up a
 * request inserting mail. *b is replaced (free it with outbox_batch_free).
 */
dm_status	outbox_claim(struct db *db, const char *owner, int max,
		    struct outbox_batch *b);
void		outbox_batch_free(struct outbox_batch *b);

/*
 * Renews owner's claim on id just before sending it, so a claim only
 * expires when its mailer stops making progress. DM_ENOTFOUND if the row
 * is no longer owner's (released, reaped, sent by another): do not send.
 * The mailer calls it once its batch is half as old as stale_after
 * (before, no claim of the batch can expire while one message is sent).
 */
dm_status	outbox_touch(struct db *db, long long id, const char *owner);

/* sending -> sent (sent_at). DM_ENOTFOUND if the claim was lost. */
dm_status	outbox_mark_sent(struct db *db, long long id,
		    const char *owner);

/*
 * The same for the n ids (at most OUTBOX_BATCH_MAX) in one statement, one
 * commit (outbox_mark_sent is this for one): marked[i] is set for each
 * that stands recorded as sent by owner. DM_ENOTFOUND if the claim of any
 * was lost (marked[] says which).
 */
dm_status	outbox_mark_sent_many(struct db *db, const long long *ids,
		    size_t n, const char *owner, unsigned char *marked);

enum outbox_fate {
	OUTBOX_RETRY,		/* back to pending, due after a backoff */
	OUTBOX_FAILED		/* given up */
};

/*
 * Records a failed attempt of it: attempts + 1, last_error = why
 * (truncated to 500 bytes, line breaks replaced). The row fails when
 * permanent is set or attempts reach p->retry_max; otherwise it is pending
 * again after outbox_backoff(p->retry_base, attempts). *fate (may be NULL)
 * tells which. DM_ENOTFOUND if the claim was lost.
 */
dm_status	outbox_mark_failed(struct db *db, const char *owner,
		    const struct outbox_item *it, const char *why,
		    int permanent, const struct outbox_policy *p,
		    enum outbox_fate *fate);

/*
 * Gives back a claimed row that was not sent, without counting an attempt
 * (a mailer stopping with part of a batch unsent). One row at a time on
 * purpose: a row whose delivery could not be recorded must keep its claim
 * and wait for outbox_reap. DM_ENOTFOUND if it was not owner's.
 */
dm_status	outbox_release(struct db *db, long long id,
		    const char *owner);

/*
 * Releases claims older than p->stale_after seconds, whatever mailer holds
 * them: it died between claiming and recording. This counts as an attempt
 * (a message that kills its mailer must not loop forever) and fails the
 * row at retry_max. It is the one way a message can be sent twice: the
 * relay accepted it and its mailer then died (or lost the database for
 * longer than half the threshold) before recording it; the second copy
 * carries the same Message-ID. *n may be NULL.
 */
dm_status	outbox_reap(struct db *db, const struct outbox_policy *p,
		    uint64_t *n);

#endif
