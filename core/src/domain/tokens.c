/*
 * tokens.c - mailed single-use tokens.
 * Only the token's SHA-256 is stored; using one flips used_at in a
 * statement that only one request can win, so a replayed link finds
 * nothing.
 */
#include <string.h>

#include "db.h"
#include "req.h"
#include "token.h"
#include "tokens.h"

dm_status
tokens_issue(struct db *db, long long account_id, const char *purpose,
    long long ttl, const char *data, char *out)
{
	unsigned char hash[TOKEN_HASH];
	struct dm_value p[5];

	token_new(out);
	token_hash(out, hash);
	p[0] = DM_VBLOB((const char *)hash, TOKEN_HASH);
	p[1] = DM_VTEXT(purpose);
	p[2] = DM_VINT(account_id);
	p[3] = DM_VTEXT(data);
	p[4] = DM_VINT(ttl);
	return db_exec(db, "INSERT INTO account_tokens (token_hash, purpose, "
	    "account_id, data, expires_at) VALUES (?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND)", p, 5, NULL, NULL);
}

struct tok_row {
	struct dm_req	*req;
	long long	 account_id;
	const char	*data;
	int		 found;
};

static dm_status
tok_row(void *arg, const struct dm_value *c, size_t n)
{
	struct tok_row *t = arg;

	if (n < 2)
		return DM_EINTERNAL;
	t->found = 1;
	t->account_id = c[0].i;
	t->data = c[1].type == DM_V_TEXT ? arena_strndup(t->req->arena,
	    c[1].s, c[1].len) : NULL;
	return DM_OK;
}

static dm_status
lookup(struct dm_req *req, const char *purpose, const char *token,
    int use, long long *account_id, const char **data)
{
	unsigned char hash[TOKEN_HASH];
	struct tok_row t = { req, 0, NULL, 0 };
	struct dm_value p[2];
	uint64_t changed = 0;
	dm_status st;

	if (!token_valid(token))
		return DM_ENOTFOUND;
	token_hash(token, hash);
	p[0] = DM_VBLOB((const char *)hash, TOKEN_HASH);
	p[1] = DM_VTEXT(purpose);
	st = db_query(db_worker(), "SELECT account_id, data FROM "
	    "account_tokens WHERE token_hash = ? AND purpose = ? AND used_at "
	    "IS NULL AND expires_at > UTC_TIMESTAMP(6)", p, 2, tok_row, &t);
	if (st != DM_OK)
		return st;
	if (!t.found)
		return DM_ENOTFOUND;
	if (use) {
		/* Only one request can flip used_at: a replay finds none. */
		st = db_exec(db_worker(), "UPDATE account_tokens SET used_at = "
		    "UTC_TIMESTAMP(6) WHERE token_hash = ? AND purpose = ? AND "
		    "used_at IS NULL", p, 2, &changed, NULL);
		if (st != DM_OK)
			return st;
		if (changed != 1)
			return DM_ENOTFOUND;
	}
	*account_id = t.account_id;
	if (data != NULL)
		*data = t.data;
	return DM_OK;
}

dm_status
tokens_use(struct dm_req *req, const char *purpose, const char *token,
    long long *account_id, const char **data)
{
	return lookup(req, purpose, token, 1, account_id, data);
}

dm_status
tokens_peek(struct dm_req *req, const char *purpose, const char *token,
    long long *account_id)
{
	return lookup(req, purpose, token, 0, account_id, NULL);
}

dm_status
tokens_drop(struct db *db, long long account_id)
{
	struct dm_value p = DM_VINT(account_id);

	return db_exec(db, "DELETE FROM account_tokens WHERE account_id = ?",
	    &p, 1, NULL, NULL);
}
