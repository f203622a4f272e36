/*
 * crews.h - the crews that do the department's work.
 * Owns: tables cleaning_crews (named groups: the municipality's own or an
 * external contractor's; nobody logs in as a crew), cleaning_zone_crews
 * (who takes a zone's pickups) and cleaning_assignments (which crew has a
 * request, and the place its list shows).
 */
#ifndef CLEANING_CREWS_H
#define CLEANING_CREWS_H

#include <stddef.h>

#include "cleaning.h"

#define CREW_NAME_MAX		100	/* characters */
#define CREW_CONTRACTOR_MAX	200
#define CREW_PHONE_MAX		16	/* cleaning_crews.phone, as typed */

struct crew {
	long long	 id;
	const char	*name;
	const char	*contractor;	/* NULL: the municipality's own */
	const char	*phone;		/* NULL: none */
	int		 active;
	long long	 open;		/* requests it has open */
};

typedef dm_status (*crew_fn)(void *arg, const struct crew *c);

/* Every crew (active_only: those still working), by name. */
dm_status	crews_list(struct dm_req *req, int active_only, crew_fn fn,
		    void *arg);
dm_status	crew_load(struct dm_req *req, long long id, struct crew *c);
/* DM_ECONFLICT: another crew has that name. */
dm_status	crew_add(struct dm_req *req, const char *name,
		    const char *contractor, const char *phone,
		    long long *id);
dm_status	crew_update(struct dm_req *req, long long id, const char *name,
		    const char *contractor, const char *phone, int active);

/* The crew of a zone's pickups (0: none); crew 0 unsets it. */
dm_status	crew_of_zone(struct dm_req *req, const char *zone,
		    long long *crew_id);
dm_status	crew_set_zone(struct dm_req *req, const char *zone,
		    long long crew_id);

/* What the crew's list shows of a request. */
struct crew_job {
	long long	 request_id;
	const char	*protocol;
	const char	*service;
	const char	*address;	/* may be NULL */
	const char	*settlement;	/* code; may be NULL */
	long long	 crew_id;
	const char	*crew;
};

/*
 * Gives request j->request_id to crew j->crew_id (an active one:
 * DM_ENOTFOUND otherwise), replacing any crew it had; by is the clerk (0:
 * the zone's crew at booking).
 */
dm_status	crew_assign(struct dm_req *req, const struct crew_job *j,
		    long long by);
/* The crew of a request; DM_ENOTFOUND if none. */
dm_status	crew_job_load(struct dm_req *req, long long request_id,
		    struct crew_job *j);
/* The request is closed: off its crew's list of open work. */
dm_status	crew_job_close(struct dm_req *req, long long request_id);
/* A crew's open requests, oldest first. */
typedef dm_status (*job_fn)(void *arg, const struct crew_job *j);

dm_status	crew_jobs(struct dm_req *req, long long crew_id, job_fn fn,
		    void *arg);

#endif
