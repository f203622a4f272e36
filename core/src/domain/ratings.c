/*
 * ratings.c - the citizen's rating of a completed request (ratings.h).
 */
#include <string.h>

#include "arena.h"
#include "db.h"
#include "ratings.h"
#include "req.h"
#include "stats.h"
#include "validate.h"

#define COMMENT_MAX	2000

struct rating_ctx {
	struct dm_req	*req;
	struct rating	*r;
};

static dm_status
rating_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rating_ctx *x = arg;

	if (n < 3)
		return DM_EINTERNAL;
	x->r->value = (int)c[0].i;
	x->r->comment = db_text(x->req->arena, &c[1]);
	x->r->at = db_text(x->req->arena, &c[2]);
	return DM_OK;
}

dm_status
rating_of(struct dm_req *req, long long id, struct rating *r)
{
	struct rating_ctx x = { req, r };
	struct dm_value p = DM_VINT(id);

	memset(r, 0, sizeof(*r));
	return db_query(db_worker(), "SELECT rating, comment, DATE_FORMAT("
	    "created_at, '%Y-%m-%d %H:%i:%s') FROM request_ratings WHERE "
	    "request_id = ?", &p, 1, rating_row, &x);
}

struct give_ctx {
	struct dm_req	*req;
	long long	 id, account;
	int		 value;
	const char	*comment;
};

struct owner_ctx {
	int	 found;
	char	 status[24];
};

static dm_status
owner_row(void *arg, const struct dm_value *c, size_t n)
{
	struct owner_ctx *x = arg;

	if (n < 1 || c[0].type != DM_V_TEXT || c[0].len >= sizeof(x->status))
		return DM_EINTERNAL;
	memcpy(x->status, c[0].s, c[0].len);
	x->status[c[0].len] = '\0';
	x->found = 1;
	return DM_OK;
}

static dm_status
give_tx(void *arg)
{
	struct give_ctx *x = arg;
	struct owner_ctx o = { 0, "" };
	struct dm_value p[4];
	long long rated = 0;
	dm_status st;

	/* The request's row locked: two presses, one rating. */
	p[0] = DM_VINT(x->id);
	p[1] = DM_VINT(x->account);
	if ((st = db_query(db_worker(), "SELECT status FROM requests WHERE id "
	    "= ? AND account_id = ? FOR UPDATE", p, 2, owner_row, &o)) !=
	    DM_OK)
		return st;
	if (!o.found)
		return DM_ENOTFOUND;
	if (strcmp(o.status, "completed") != 0)
		return DM_EDENIED;
	if ((st = db_query_int(db_worker(), "SELECT COUNT(*) FROM "
	    "request_ratings WHERE request_id = ?", p, 1, &rated)) != DM_OK)
		return st;
	if (rated > 0)
		return DM_ECONFLICT;
	p[2] = DM_VINT(x->value);
	p[3] = x->comment && *x->comment ? DM_VTEXT(x->comment) : DM_VNULL;
	if ((st = db_exec(db_worker(), "INSERT INTO request_ratings "
	    "(request_id, account_id, rating, comment) VALUES (?, ?, ?, ?)",
	    p, 4, NULL, NULL)) != DM_OK)
		return st;
	return stats_rated(x->req, x->id, x->value);
}

dm_status
rating_give(struct dm_req *req, long long id, long long account, int value,
    const char *comment)
{
	struct give_ctx x = { req, id, account, value, comment };

	if (value < 1 || value > 5 || (comment != NULL &&
	    val_utf8_chars(comment, strlen(comment)) >
	    COMMENT_MAX))
		return DM_EINPUT;
	return db_tx(db_worker(), give_tx, &x);
}

dm_status
ratings_export(struct db *db, long long account_id, struct json_object *root)
{
	static const char *const keys[] = { "request_id", "rating", "comment",
	    "created_at", NULL };
	struct dm_value p = DM_VINT(account_id);

	return db_query_json(db, "SELECT request_id, rating, comment, "
	    "created_at FROM request_ratings WHERE account_id = ? ORDER BY "
	    "request_id", &p, 1, keys, root, "ratings");
}
