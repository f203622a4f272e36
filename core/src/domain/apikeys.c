/*
 * apikeys.c - Open311 API keys (apikeys.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "apikeys.h"
#include "arena.h"
#include "db.h"
#include "localtime.h"
#include "req.h"
#include "throttle.h"

dm_status
apikey_add(struct db *db, const char *name, long long *id,
    char key[TOKEN_LEN + 1])
{
	unsigned char h[TOKEN_HASH];
	struct dm_value p[2];
	uint64_t insert_id = 0;
	dm_status st;

	if (name == NULL || name[0] == '\0' || strlen(name) > 200)
		return DM_EINPUT;
	token_new(key);
	token_hash(key, h);
	p[0] = DM_VTEXT(name);
	p[1] = DM_VBLOB((const char *)h, sizeof(h));
	st = db_exec(db, "INSERT INTO api_keys (name, key_hash) VALUES "
	    "(?, ?)", p, 2, NULL, &insert_id);
	*id = (long long)insert_id;
	return st;
}

static dm_status
list_row(void *arg, const struct dm_value *c, size_t n)
{
	FILE *out = arg;

	if (n < 5)
		return DM_EINTERNAL;
	{
		char created[17], used[17];
		char t[32];

		snprintf(t, sizeof(t), "%.*s", (int)c[2].len, c[2].s);
		if (lt_local(t, created) != 0)
			snprintf(created, sizeof(created), "-");
		snprintf(t, sizeof(t), "%.*s", (int)c[3].len, c[3].s);
		if (c[3].type == DM_V_NULL || lt_local(t, used) != 0)
			snprintf(used, sizeof(used), "never");
		fprintf(out, "%lld\t%s\t%s\t%s\t%.*s\n", c[0].i,
		    c[1].i ? "revoked" : "active", created, used,
		    (int)c[4].len, c[4].s);
	}
	return DM_OK;
}

dm_status
apikey_list(struct db *db, FILE *out)
{
	/* Times are the municipality's (lt_init), said in the heading. */
	fprintf(out, "id\tstate\tcreated (%s)\tlast used (%s)\tname\n",
	    lt_zone(), lt_zone());
	return db_query(db, "SELECT id, revoked_at IS NOT NULL, created_at, "
	    "last_used_at, name FROM api_keys ORDER BY id", NULL, 0,
	    list_row, out);
}

dm_status
apikey_revoke(struct db *db, long long id)
{
	struct dm_value p = DM_VINT(id);
	uint64_t changed = 0;
	dm_status st;

	if ((st = db_exec(db, "UPDATE api_keys SET revoked_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ? AND revoked_at IS NULL", &p, 1,
	    &changed, NULL)) != DM_OK)
		return st;
	return changed == 1 ? DM_OK : DM_ENOTFOUND;
}

dm_status
apikey_check(struct dm_req *req, const char *key, long long per_minute,
    long long *id, long long *retry)
{
	unsigned char h[TOKEN_HASH];
	struct dm_value p;
	const char *subject;
	dm_status st;

	*id = 0;
	*retry = 0;
	if (key == NULL || !token_valid(key))
		return DM_EDENIED;
	token_hash(key, h);
	p = DM_VBLOB((const char *)h, sizeof(h));
	st = db_query_int(db_worker(), "SELECT id FROM api_keys WHERE "
	    "key_hash = ? AND revoked_at IS NULL", &p, 1, id);
	if (st == DM_ENOTFOUND || (st == DM_OK && *id <= 0))
		return DM_EDENIED;
	if (st != DM_OK)
		return st;
	subject = arena_printf(req->arena, "apikey:%lld", *id);
	if ((*retry = throttle_try(req, subject, per_minute, 60, 60)) > 0)
		return DM_ELIMIT;
	p = DM_VINT(*id);
	return db_exec(db_worker(), "UPDATE api_keys SET last_used_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ?", &p, 1, NULL, NULL);
}
