/*
 * capacity.h - how many bulky pickups a zone has room for on a day.
 * Owns: tables cleaning_capacity (the head's week per zone),
 * cleaning_closed (closed days) and cleaning_days (pickups booked per zone
 * and day, the row a booking locks); the arithmetic of free places and
 * of the next free days.
 */
#ifndef CLEANING_CAPACITY_H
#define CLEANING_CAPACITY_H

#include <stddef.h>

#include "dimos/host.h"

#define CAP_MAX_PICKUPS	200	/* a zone's pickups a day, at most */
#define CAP_ALL_ZONES	"*"	/* cleaning_closed.zone: every zone */

/* A zone's week: pickups per ISO weekday, [1] Monday .. [7] Sunday. */
struct cap_week {
	int	pickups[8];
};

/* ------------------------------------------------ arithmetic (no SQL) */

/*
 * The places a day has in a zone: none on a day that is not a business
 * day or that the head closed, else the week's number for its weekday.
 */
int	cap_limit(const struct cap_week *w, const char *date, int business,
	    int closed);
/* Free places: limit - booked, never below 0 (a day whose capacity was
 * lowered below its bookings has none). */
int	cap_free(int limit, int booked);

/* ------------------------------------------------------- the tables */

dm_status	cap_week_load(struct dm_req *req, const char *zone,
		    struct cap_week *w);
/* Replaces the zone's week (in the caller's transaction). */
dm_status	cap_week_save(struct dm_req *req, const char *zone,
		    const struct cap_week *w, long long by);

/* Closes day in zone (CAP_ALL_ZONES: every zone); reopens it. */
dm_status	cap_close(struct dm_req *req, const char *day,
		    const char *zone, const char *reason, long long by);
dm_status	cap_reopen(struct dm_req *req, const char *day,
		    const char *zone);

/* One day of a zone, as the booking form and the head's page see it. */
struct cap_day {
	char	date[DM_DATE_SIZE];
	int	limit;		/* places it has (0: closed or no service) */
	int	booked;
	int	free;
	int	closed;		/* the head closed it (zone or all) */
};

/*
 * The business days from first to last (inclusive) of zone, at most max
 * of them, into out; *n gets how many. Days that are not business days
 * are left out.
 */
dm_status	cap_days(struct dm_req *req, const char *zone,
		    const char *first, const char *last, struct cap_day *out,
		    size_t max, size_t *n);
/* Of those, the first max with a free place; *n gets how many. */
dm_status	cap_free_days(struct dm_req *req, const char *zone,
		    const char *first, const char *last,
		    char (*out)[DM_DATE_SIZE], size_t max, size_t *n);
/* The state of one day of zone (a business day or not). */
dm_status	cap_day(struct dm_req *req, const char *zone, const char *date,
		    struct cap_day *out);

/*
 * Takes a place of zone on day under the zone-day's row lock (SELECT ...
 * FOR UPDATE), inside the caller's transaction: DM_OK, or DM_ECONFLICT
 * when the day has no free place (full, closed, not a business day).
 * cap_release gives one back.
 */
dm_status	cap_take(struct dm_req *req, const char *zone,
		    const char *day);
dm_status	cap_release(struct dm_req *req, const char *zone,
		    const char *day);

#endif
