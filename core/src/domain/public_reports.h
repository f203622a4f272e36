/*
 * public_reports.h - reports about a place, in public: the one rule of
 * what anyone may see of them (the public map and list, the nearby
 * reports shown before reporting, Open311's public GET and its
 * FixMyStreet updates), citizens who
 * follow a report ("me too"), and staff merging a duplicate into the
 * report they keep.
 * Owns: the request_followers table, requests.merged_into and
 * attachments.public (schema/013_public_reports.sql).
 *
 * The rule: a request is public while
 *   - its service is declared DM_SERVICE_REPORT (and DM_SERVICE_LOCATION),
 *     is not DM_SERVICE_CONFIDENTIAL and issues no certificate
 *     (public_report_service);
 *   - it is open (submitted, in progress, or awaiting the citizen);
 *   - it was not merged into another;
 *   - it has a point (lat, lon).
 * What is public of it is exactly struct public_report: its number (the
 * request's id), service, department, status ("open" | "in_progress"),
 * the point rounded to a grid of PUBLIC_GRID_M metres, the settlement's
 * code, the day it was submitted (UTC) and the ids of the photos a clerk
 * marked public. Never the applicant, the address text, the form's
 * values or any other file.
 * Open311 (public_reports_query, public_report_updates) reads the same
 * reports with the same facts, and also after they close (a client
 * follows a report to its end): its number, service, status, dates and
 * the approximate point — never more than the map shows (its address,
 * description and media_url say the settlement, the service and the
 * public photo: web/reports_public.c, pages_public_*).
 */
#ifndef DIMOS_PUBLIC_REPORTS_H
#define DIMOS_PUBLIC_REPORTS_H

#include <stddef.h>

#include "dimos/plugin.h"
#include "geo.h"

struct db;
struct json_object;

struct dm_req;
struct request;
struct service;

#define PUBLIC_GRID_M		100	/* the public point's grid */
#define PUBLIC_PAGE		50	/* reports a page of the list */
#define PUBLIC_PHOTOS_MAX	8	/* photos shown of one report */

struct public_report {
	long long		 id;
	const char		*service;	/* code */
	const char		*department;	/* code */
	const char		*status;	/* "open" | "in_progress" (| "closed":
					   public_reports_query) */
	struct geo_point	 at;		/* approximate */
	const char		*settlement;	/* code, or NULL */
	const char		*submitted;	/* YYYY-MM-DD, the municipality's day */
	long long		 photo[PUBLIC_PHOTOS_MAX];
	size_t			 nphoto;
	long long		 followers;	/* besides the reporter */
	double			 distance_m;	/* nearby only: exact */
	const char		*state;		/* the request's status name */
	const char		*requested;	/* UTC "YYYY-MM-DD HH:MM:SS" */
	const char		*updated;	/* UTC */
	const char		*due_date;	/* "YYYY-MM-DD" or NULL */
};

/* 1 when requests of service sv may be public (the rule's first part). */
int		public_report_service(const struct service *sv);

/* Which reports a list shows; NULL or "" leaves a filter out. */
struct public_filter {
	const char	*service;
	const char	*department;
	const char	*settlement;
	long long	 before;	/* ids below this; 0: from the newest */
	size_t		 limit;		/* 1..PUBLIC_PAGE */
};

/* The public reports newest first (*n may be limit + 1: more follow). */
dm_status	public_reports_list(struct dm_req *req,
		    const struct public_filter *f, struct public_report **v,
		    size_t *n);
/* One report if it is public now; DM_ENOTFOUND otherwise. */
dm_status	public_report_get(struct dm_req *req, long long id,
		    struct public_report *out);
/* DM_OK when attachment att of public report id is a public photo,
 * DM_ENOTFOUND when it is not; a failure of the database's otherwise. */
dm_status	public_report_photo(struct dm_req *req, long long id,
		    long long att);

/*
 * The public reports of service within cfg places.nearby_radius metres of
 * the point of request draft (the citizen's draft), submitted in the last
 * places.nearby_days days, nearest first, at most PUBLIC_PAGE; none when
 * the draft has no point or its service is no report.
 */
dm_status	public_reports_nearby(struct dm_req *req, long long draft,
		    struct public_report **v, size_t *n);

/* A clerk shows (on) or hides photo att of request id on the public
 * map: only a photo (it has a thumbnail) that is not internal;
 * DM_ENOTFOUND otherwise. */
dm_status	public_report_show_photo(struct dm_req *req, long long id,
		    long long att, int on);

/* account follows public report id (its own: nothing to do).
 * DM_ENOTFOUND: no public report. */
dm_status	public_report_follow(struct dm_req *req, long long id,
		    long long account_id);
dm_status	public_report_unfollow(struct dm_req *req, long long id,
		    long long account_id);
/* 1 when account follows request id. */
int		public_report_following(struct dm_req *req, long long id,
		    long long account_id);
/* The account's follows, all gone: a follow is a personal link, and
 * the account is closing (account_close runs it in its transaction). */
dm_status	public_report_forget_account(struct dm_req *req,
		    long long account_id);
/* The reports the account follows, for "download my data": under
 * "following", each with its number, since when and the duplicate that
 * brought it (export.c). */
dm_status	public_reports_export(struct db *db, long long account_id,
		    struct json_object *root);
/*
 * Request r withdrawn by its applicant (request_withdraw); a public
 * report's followers are told in the same transaction, as they are of
 * its completion. The department may refuse (req->refusal says why).
 */
dm_status	public_report_withdraw(struct dm_req *req,
		    const struct request *r);

/*
 * Merges duplicate dup into kept (both open, of one department, dup's
 * service a report): dup closes as completed with a public "merged"
 * event naming kept's number, merged_into set; dup's reporter and
 * followers follow kept; dup's reporter gets a mailbox message. One
 * transaction. DM_EINPUT: not mergeable (*why a string key);
 * DM_ECONFLICT: either changed meanwhile.
 */
dm_status	public_report_merge(struct dm_req *req,
		    const struct request *dup, const struct request *kept,
		    const char **why);

/*
 * Tells request r's followers what its reporter was told (inside the
 * caller's transaction): a mailbox item (title by string key
 * title_key with {protocol}, the same body; body NULL: the string
 * title_key + ".text", in each follower's language) and its e-mail
 * notice.
 */
dm_status	public_report_tell_followers(struct dm_req *req,
		    const struct request *r, const char *title_key,
		    const char *body);

/* Which reports Open311's GET reads; 0 or NULL leaves a filter out. */
struct public_query {
	const long long	*ids;		/* nids of them */
	size_t		 nids;
	const char	*service;
	const char	*from, *to;	/* submitted in [from, to), UTC */
	unsigned	 statuses;	/* RS_BIT() mask of request statuses */
	size_t		 limit;
};
/* The public reports open or closed since, newest first, at most
 * q->limit (arena). */
dm_status	public_reports_query(struct dm_req *req,
		    const struct public_query *q, struct public_report **v,
		    size_t *n);

/* A change of a public report's status (a public history event). */
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
