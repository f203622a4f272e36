/*
 * ratings.h - the citizen's rating of a completed request.
 * Owns: the request_ratings table: one rating a request (1 to 5, an
 * optional comment), given by the applicant once the request is
 * completed, counted in the dashboard's summaries in the same transaction;
 * reading it back; the citizen's ratings in "Download my data".
 */
#ifndef DIMOS_RATINGS_H
#define DIMOS_RATINGS_H

#include "dimos/plugin.h"

struct db;
struct dm_req;
struct json_object;

struct rating {
	int		 value;		/* 1..5; 0: not rated */
	const char	*comment;	/* may be NULL */
	const char	*at;		/* UTC */
};

/* The rating of request id (r->value 0 if there is none). */
dm_status	 rating_of(struct dm_req *req, long long id, struct rating *r);

/*
 * account rates its request id: DM_EINPUT if value is not 1..5 or the
 * comment is longer than 2000 characters; DM_ENOTFOUND if the request is
 * not account's; DM_EDENIED if it is not completed; DM_ECONFLICT if it
 * was rated already (once only).
 */
dm_status	 rating_give(struct dm_req *req, long long id,
		    long long account, int value, const char *comment);

/* The account's ratings ("ratings" in root). */
dm_status	 ratings_export(struct db *db, long long account_id,
		    struct json_object *root);

#endif
