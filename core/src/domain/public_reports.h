/*
 * public_reports.h - what anyone may see of the requests that are reports
 * about a place (the Open311 API's GET answers).
 * Owns: the one rule of what is public about a report (public_report_view)
 * and the reads that apply it: reports by filter, and their status
 * changes (FixMyStreet's servicerequestupdates).
 */
#ifndef DIMOS_PUBLIC_REPORTS_H
#define DIMOS_PUBLIC_REPORTS_H

#include <stddef.h>

#include "dimos/plugin.h"

struct dm_req;
struct service;

/* Points are published rounded to this grid (degrees; about 100 m). */
#define PUBLIC_GRID	0.001

/* A report as read; public_report_view() turns it into what may be
 * shown. */
struct public_report {
	long long	 id;
	const char	*service;
	const char	*department;
	const char	*status;	/* a request status name */
	const char	*requested;	/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char	*updated;	/* UTC */
	const char	*due_date;	/* "YYYY-MM-DD" or NULL */
	int		 has_point;
	double		 lat, lon;
};

/*
 * The rule of what is public about a report, the one place it is written:
 * 0 when nothing is (no service of the public kind: public_report_service),
 * else 1 with r reduced to what may be shown: the service, department,
 * status and dates, and the point rounded to PUBLIC_GRID. Never a name, an
 * e-mail, a phone, an address's text, a form's values or a file (no file
 * is marked public yet). The reads below only ever return its output.
 */
int		public_report_view(const struct service *sv,
		    struct public_report *r);
/* Whether a service's requests are public reports: about a place
 * (DM_SERVICE_LOCATION), not confidential, not a certificate, enabled. */
int		public_report_service(const struct service *sv);

struct public_filter {
	const long long	*ids;		/* nids of them; 0: any */
	size_t		 nids;
	const char	*service;	/* NULL: any */
	const char	*from, *to;	/* UTC; NULL: open */
	unsigned	 statuses;	/* RS_BIT() mask; 0: any */
	size_t		 limit;
};
/* Submitted reports of public services, newest first (arena). */
dm_status	public_reports(struct dm_req *req, const struct public_filter *f,
		    struct public_report **v, size_t *n);

/* A change of a report's status (a public history event). */
struct public_update {
	long long	 id;		/* the event's: unique */
	long long	 request_id;
	const char	*status;	/* the status it moved to */
	const char	*at;		/* UTC */
};
/* Status changes of public reports in [from, to) (UTC; NULL: open),
 * oldest first, at most limit. */
dm_status	public_report_updates(struct dm_req *req, const char *from,
		    const char *to, size_t limit, struct public_update **v,
		    size_t *n);

#endif
