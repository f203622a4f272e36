/*
 * capacity.c - the places a zone has for bulky pickups, day by day.
 * A day's limit comes from the head's week for the zone unless the day is
 * not a business day (the host's calendar) or was closed; what is booked
 * is counted in cleaning_days, whose row for a zone and day every booking
 * locks, so the count never passes the limit however many citizens press
 * "submit" at once.
 */
#include <stdio.h>
#include <string.h>

#include "dimos/kit/date.h"

#include "capacity.h"
#include "cleaning.h"

#define RANGE_ROWS	512	/* booked or closed rows read per range */

/* ------------------------------------------------------------ arithmetic */

int
cap_limit(const struct cap_week *w, const char *date, int business,
    int closed)
{
	int wd = kit_date_weekday(date);

	if (w == NULL || wd == 0 || !business || closed)
		return 0;
	return w->pickups[wd] < 0 ? 0 : w->pickups[wd];
}

int
cap_free(int limit, int booked)
{
	return limit > booked ? limit - booked : 0;
}

/* ---------------------------------------------------------------- tables */

static dm_status
week_row(void *arg, const struct dm_value *c, size_t n)
{
	struct cap_week *w = arg;
	long long wd;

	if (n < 2)
		return DM_EINTERNAL;
	wd = cl_int(&c[0]);
	if (wd >= 1 && wd <= 7)
		w->pickups[wd] = (int)cl_int(&c[1]);
	return DM_OK;
}

dm_status
cap_week_load(struct dm_req *req, const char *zone, struct cap_week *w)
{
	struct dm_value p = DM_VTEXT(zone);

	memset(w, 0, sizeof(*w));
	return cl_host->db_query(req, "SELECT weekday, pickups FROM "
	    "cleaning_capacity WHERE zone = ?", &p, 1, week_row, w);
}

dm_status
cap_week_save(struct dm_req *req, const char *zone, const struct cap_week *w,
    long long by)
{
	dm_status st;

	for (int wd = 1; wd <= 7; wd++) {
		struct dm_value p[4] = { DM_VTEXT(zone), DM_VINT(wd),
		    DM_VINT(w->pickups[wd]), by ? DM_VINT(by) : DM_VNULL };

		if (w->pickups[wd] < 0 || w->pickups[wd] > CAP_MAX_PICKUPS)
			return DM_EINPUT;
		if ((st = cl_host->db_exec(req, "INSERT INTO cleaning_capacity "
		    "(zone, weekday, pickups, updated_by) VALUES (?, ?, ?, ?) "
		    "ON DUPLICATE KEY UPDATE pickups = VALUES(pickups), "
		    "updated_by = VALUES(updated_by), updated_at = "
		    "UTC_TIMESTAMP(6)", p, 4, NULL, NULL)) != DM_OK)
			return st;
	}
	return DM_OK;
}

dm_status
cap_close(struct dm_req *req, const char *day, const char *zone,
    const char *reason, long long by)
{
	struct dm_value p[4] = { DM_VTEXT(day), DM_VTEXT(zone),
	    DM_VTEXT(reason && reason[0] ? reason : NULL),
	    by ? DM_VINT(by) : DM_VNULL };

	return cl_host->db_exec(req, "INSERT INTO cleaning_closed (day, zone, "
	    "reason, closed_by) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "reason = VALUES(reason), closed_by = VALUES(closed_by), "
	    "closed_at = UTC_TIMESTAMP(6)", p, 4, NULL, NULL);
}

dm_status
cap_reopen(struct dm_req *req, const char *day, const char *zone)
{
	struct dm_value p[2] = { DM_VTEXT(day), DM_VTEXT(zone) };

	return cl_host->db_exec(req, "DELETE FROM cleaning_closed WHERE day = "
	    "? AND zone = ?", p, 2, NULL, NULL);
}

/* What a range of days holds: bookings and closures, by date. */
struct range {
	char	booked_day[RANGE_ROWS][DM_DATE_SIZE];
	int	booked[RANGE_ROWS];
	size_t	nbooked;
	char	closed_day[RANGE_ROWS][DM_DATE_SIZE];
	size_t	nclosed;
};

static dm_status
booked_row(void *arg, const struct dm_value *c, size_t n)
{
	struct range *r = arg;

	if (n < 2)
		return DM_EINTERNAL;
	if (r->nbooked < RANGE_ROWS) {
		cl_copy(r->booked_day[r->nbooked], DM_DATE_SIZE, cl_str(&c[0]));
		r->booked[r->nbooked++] = (int)cl_int(&c[1]);
	}
	return DM_OK;
}

static dm_status
closed_row(void *arg, const struct dm_value *c, size_t n)
{
	struct range *r = arg;

	if (n < 1)
		return DM_EINTERNAL;
	if (r->nclosed < RANGE_ROWS)
		cl_copy(r->closed_day[r->nclosed++], DM_DATE_SIZE,
		    cl_str(&c[0]));
	return DM_OK;
}

static dm_status
range_load(struct dm_req *req, const char *zone, const char *first,
    const char *last, struct range *r)
{
	struct dm_value p[3] = { DM_VTEXT(zone), DM_VTEXT(first),
	    DM_VTEXT(last) };
	dm_status st;

	r->nbooked = r->nclosed = 0;
	if ((st = cl_host->db_query(req, "SELECT day, booked FROM "
	    "cleaning_days WHERE zone = ? AND day BETWEEN ? AND ? ORDER BY day "
	    "LIMIT 512", p, 3, booked_row, r)) != DM_OK)
		return st;
	return cl_host->db_query(req, "SELECT DISTINCT day FROM cleaning_closed "
	    "WHERE zone IN (?, '" CAP_ALL_ZONES "') AND day BETWEEN ? AND ? "
	    "ORDER BY day LIMIT 512", p, 3, closed_row, r);
}

static void
day_of(const struct range *r, const struct cap_week *w, const char *date,
    int business, struct cap_day *out)
{
	memset(out, 0, sizeof(*out));
	cl_copy(out->date, sizeof(out->date), date);
	for (size_t i = 0; i < r->nclosed; i++)
		if (strcmp(r->closed_day[i], date) == 0)
			out->closed = 1;
	for (size_t i = 0; i < r->nbooked; i++)
		if (strcmp(r->booked_day[i], date) == 0)
			out->booked = r->booked[i];
	out->limit = cap_limit(w, date, business, out->closed);
	out->free = cap_free(out->limit, out->booked);
}

dm_status
cap_days(struct dm_req *req, const char *zone, const char *first,
    const char *last, struct cap_day *out, size_t max, size_t *n)
{
	struct range *r = cl_host->alloc(req, sizeof(*r));
	struct cap_week w;
	char d[DM_DATE_SIZE];
	dm_status st;

	*n = 0;
	if (kit_date_weekday(first) == 0 || kit_date_weekday(last) == 0)
		return DM_EINPUT;
	if ((st = cap_week_load(req, zone, &w)) != DM_OK ||
	    (st = range_load(req, zone, first, last, r)) != DM_OK)
		return st;
	cl_copy(d, sizeof(d), first);
	if (cl_host->is_business_day(d) != 1 &&
	    cl_host->add_business_days(first, 0, d) != DM_OK)
		return DM_EINPUT;
	while (*n < max && strcmp(d, last) <= 0) {
		day_of(r, &w, d, 1, &out[(*n)++]);
		if (cl_host->add_business_days(d, 1, d) != DM_OK)
			return DM_EINTERNAL;
	}
	return DM_OK;
}

dm_status
cap_free_days(struct dm_req *req, const char *zone, const char *first,
    const char *last, char (*out)[DM_DATE_SIZE], size_t max, size_t *n)
{
	struct cap_day *days = cl_host->alloc(req, 128 * sizeof(*days));
	size_t nd;
	dm_status st;

	*n = 0;
	if ((st = cap_days(req, zone, first, last, days, 128, &nd)) != DM_OK)
		return st;
	for (size_t i = 0; i < nd && *n < max; i++)
		if (days[i].free > 0)
			cl_copy(out[(*n)++], DM_DATE_SIZE, days[i].date);
	return DM_OK;
}

dm_status
cap_day(struct dm_req *req, const char *zone, const char *date,
    struct cap_day *out)
{
	struct range *r = cl_host->alloc(req, sizeof(*r));
	struct cap_week w;
	int business = cl_host->is_business_day(date);
	dm_status st;

	if (business < 0)
		return DM_EINPUT;
	if ((st = cap_week_load(req, zone, &w)) != DM_OK ||
	    (st = range_load(req, zone, date, date, r)) != DM_OK)
		return st;
	day_of(r, &w, date, business, out);
	return DM_OK;
}

dm_status
cap_take(struct dm_req *req, const char *zone, const char *day)
{
	struct dm_value p[2] = { DM_VTEXT(zone), DM_VTEXT(day) };
	struct cap_day d;
	long long booked = -1;
	dm_status st;

	/*
	 * The zone-day's row, locked exclusively at once (an existing row is
	 * locked by ON DUPLICATE KEY UPDATE, not shared first and upgraded,
	 * which would deadlock concurrent bookings of the same day).
	 */
	if ((st = cl_host->db_exec(req, "INSERT INTO cleaning_days (zone, day, "
	    "booked) VALUES (?, ?, 0) ON DUPLICATE KEY UPDATE booked = booked",
	    p, 2, NULL, NULL)) != DM_OK ||
	    (st = cl_host->db_query(req, "SELECT booked FROM cleaning_days "
	    "WHERE zone = ? AND day = ? FOR UPDATE", p, 2, cl_row_int,
	    &booked)) != DM_OK)
		return st;
	if (booked < 0)
		return DM_EINTERNAL;
	if ((st = cap_day(req, zone, day, &d)) != DM_OK)
		return st;
	if (cap_free(d.limit, (int)booked) <= 0)
		return DM_ECONFLICT;
	return cl_host->db_exec(req, "UPDATE cleaning_days SET booked = booked "
	    "+ 1 WHERE zone = ? AND day = ?", p, 2, NULL, NULL);
}

dm_status
cap_release(struct dm_req *req, const char *zone, const char *day)
{
	struct dm_value p[2] = { DM_VTEXT(zone), DM_VTEXT(day) };

	return cl_host->db_exec(req, "UPDATE cleaning_days SET booked = booked "
	    "- 1 WHERE zone = ? AND day = ? AND booked > 0", p, 2, NULL, NULL);
}
