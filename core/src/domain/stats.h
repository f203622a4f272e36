/*
 * stats.h - the dashboard's figures, kept as requests change.
 * Owns: the stats_day, stats_duration and stats_open tables (changed in
 * the same transaction as each submission, move and certificate, keyed by
 * the municipality's local day), rebuilding them from the requests and
 * documents, and reading them for the dashboard: channels and the
 * electronic share, closures, the SLA kept or missed, certificates issued
 * automatically or by a clerk, the citizens' ratings, the backlog and
 * what is overdue, and the median and 90th percentile time to
 * completion.
 */
#ifndef DIMOS_STATS_H
#define DIMOS_STATS_H

#include <stddef.h>

#include "dimos/plugin.h"

struct db;
struct dm_req;

enum stats_channel {
	SC_WEB,			/* electronic */
	SC_COUNTER,
	SC_PHONE,
	SC_MAIL,
	SC__MAX
};

/* "web", "counter", "phone", "mail". */
const char	*stats_channel_name(enum stats_channel c);

/* The histogram of completion times: bucket h < 72 is [h, h+1) hours,
 * bucket 72 + d is [3 + d, 4 + d) days, the last one a year or more. */
#define STATS_BUCKETS	435
/* A bucket's bounds in seconds, [lower, upper); the last one's upper is
 * -1 (open). */
long long	 stats_bucket_lower(int bucket);
long long	 stats_bucket_upper(int bucket);
/* The bucket of a completion that took secs seconds. */
int		 stats_bucket_of(long long secs);

/* A request as its submission wrote it (nothing read back). */
struct stats_new {
	long long	 id;
	const char	*department;
	const char	*service;
	const char	*channel;
	const char	*due_date;	/* NULL: none */
};

/* An open request as it was before it moved. */
struct stats_was {
	long long	 id;
	const char	*department;
	const char	*service;
	const char	*due_date;	/* NULL: none */
	int		 awaiting;	/* awaiting the citizen */
	const char	*to;		/* the state it moves to */
	int		 cert_auto;	/* completed by a certificate issued
					 * automatically (counted with it) */
};

/*
 * In the caller's transaction, right after the change to the request's
 * row: request r was submitted (today; its values as the submission
 * wrote them, nothing read); request r moved from an open
 * state to its new one (open or closed today); certificate doc was
 * recorded; a rating was given.
 */
dm_status	 stats_submitted(struct dm_req *req, const struct stats_new *r);
dm_status	 stats_moved(struct dm_req *req, const struct stats_was *r);
dm_status	 stats_certificate(struct dm_req *req, long long doc);
/* Its applicant rated request id (1..5), today. */
dm_status	 stats_rated(struct dm_req *req, long long id, int rating);

/*
 * The services most submitted (every channel) in the last days days, most
 * first, at most limit: *codes in the request's memory, *n of them. Read
 * from the day summaries (a few rows a day), never from the requests, so
 * the home page of a logged-in citizen costs the same at any size.
 */
dm_status	 stats_popular(struct dm_req *req, int days, size_t limit,
		    const char ***codes, size_t *n);

/* Recomputes every figure from the requests, documents and ratings in
 * one transaction; *rows (may be NULL) gets the number of day rows. */
dm_status	 stats_rebuild(struct db *db, long long *rows);

/* The same, only when the summaries are empty but requests were
 * submitted: right after the migration that made them, on a database in
 * use (dimosctl migrate does it). *rows -1 when nothing was done. */
dm_status	 stats_fill_if_empty(struct db *db, long long *rows);

/* What the dashboard asks for: local days from..to inclusive, and the
 * departments (NULL or "": all; else "a,b"). */
struct stats_filter {
	const char	*from;		/* YYYY-MM-DD */
	const char	*to;
	const char	*depts;
};

struct stats_counts {
	long long	 channel[SC__MAX];	/* submitted, by channel */
	long long	 submitted;
	long long	 completed, rejected, withdrawn;
	long long	 sla_kept, sla_missed;
	long long	 cert_auto, cert_clerk;
	long long	 rating_n, rating_sum;	/* ratings given, their sum */
	long long	 backlog, overdue;	/* now, not in the range */
	long long	 timed;			/* completions timed */
	long long	 median_lo, median_hi;	/* seconds; lo -1: none */
	long long	 p90_lo, p90_hi;	/* hi -1: a year or more */
};

struct stats_row {
	const char		*key;	/* month "YYYY-MM", department or
					 * service; "" for the total */
	const char		*dept;	/* a service's department */
	struct stats_counts	 c;
};

enum stats_group {
	SG_TOTAL,		/* one row */
	SG_MONTH,		/* by month, oldest first */
	SG_DEPT,		/* by department */
	SG_SERVICE,		/* by department, then service */
	SG__MAX
};

struct stats_dashboard {
	struct stats_row	*rows[SG__MAX];
	size_t			 n[SG__MAX];
};

/* Every grouping at once, from three queries of the summary tables. */
dm_status	 stats_dashboard(struct dm_req *req,
		    const struct stats_filter *f, struct stats_dashboard *out);

/* The nearest-rank q-th percentile of a histogram of n completions: its
 * bucket's bounds; *lo = *hi = -1 when n is 0. */
void		 stats_percentile(const long long *hist, long long n, int q,
		    long long *lo, long long *hi);

#endif
