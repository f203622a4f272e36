/*
 * metrics.h - counters for operators, in the Prometheus text format.
 * Owns: one shared memory mapping the master (edge/server.c) makes before
 * it forks workers, so that every worker counts into the same numbers and
 * a worker's crash or recycling loses none of them; the counters and the
 * request table kept there; writing them out as Prometheus text.
 * Processes that never called metrics_init (dimosctl, tests) count
 * nothing.
 */
#ifndef DIMOS_METRICS_H
#define DIMOS_METRICS_H

#include <stddef.h>

struct arena;

enum metric {
	M_DB_QUERY_ERRORS,	/* a statement the server refused */
	M_DB_CONN_ERRORS,	/* connecting failed or the connection died */
	M_DB_RETRIES,		/* a transaction run again (deadlock ...) */
	M_SUBMIT_WEB,		/* submissions by channel */
	M_SUBMIT_COUNTER,
	M_SUBMIT_PHONE,
	M_SUBMIT_MAIL,
	M_CERT_AUTO,		/* certificates issued at once */
	M_CERT_CLERK,		/* ... and by a clerk */
	M_WORKER_CRASHES,	/* a worker died (signal or failure exit) */
	M_WORKER_RECYCLES,	/* a worker ended after server.max_requests */
	M__MAX
};

/* The master, before it forks: the shared counters. -1 if the mapping
 * cannot be made (then nothing is counted). */
int		 metrics_init(void);
void		 metrics_add(enum metric m, unsigned long long n);
/* A submission of channel ("web", "counter", "phone", "mail"). */
void		 metrics_submission(const char *channel);
/* A request answered: its route's pattern (NULL: none matched), status
 * and duration. */
void		 metrics_request(const char *route, int status, double ms);
/* Everything counted, as Prometheus text (version 0.0.4) in the arena,
 * with the gauges the caller read (negative: left out). */
const char	*metrics_text(struct arena *a, long long outbox_backlog,
		    long long outbox_age);

#endif
