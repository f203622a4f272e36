/*
 * apikeys.c - Open311 API keys (apikeys.h).
 */
#include <stdint.h>
#include <string.h>

#include "apikeys.h"
#include "arena.h"
#include "db.h"
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
	fprintf(out, "%lld\t%s\t%.*s\t%.*s\t%.*s\n", c[0].i,
	    c[1].i ? "revoked" : "active", (int)c[2].len, c[2].s,
	    c[3].type == DM_V_NULL ? 5 : (int)c[3].len,
	    c[3].type == DM_V_NULL ? "never" : c[3].s, (int)c[4].len, c[4].s);
	return DM_OK;
}

dm_status
apikey_list(struct db *db, FILE *out)
{
	fprintf(out, "id\tstate\tcreated (UTC)\tlast used (UTC)\tname\n");
	return db_query(db, "SELECT id, revoked_at IS NOT NULL, DATE_FORMAT("
	    "created_at, '%Y-%m-%d %H:%i'), DATE_FORMAT(last_used_at, "
	    "'%Y-%m-%d %H:%i'), name FROM api_keys ORDER BY id", NULL, 0,
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
