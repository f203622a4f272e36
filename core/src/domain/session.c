/*
 * session.c - sessions in the database, and roles.
 * A session costs one indexed lookup per request (account and roles come
 * with it, read in the same query) and a write at most once a minute
 * (last_seen). Only the SHA-256 of a session id is ever stored.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "req.h"
#include "session.h"
#include "validate.h"

#define SESSION_UA_MAX	255		/* sessions.user_agent */
#define LAST_SEEN_EVERY	60		/* seconds between last_seen writes */
#define CSRF_KEY_BYTES	32

static unsigned char csrf_key[CSRF_KEY_BYTES];
static int csrf_key_loaded;

static void
parse_roles(struct session *s, const char *list)
{
	const char *p = list;

	while (p != NULL && *p != '\0' && s->nroles < SESSION_MAX_ROLES) {
		const char *colon = strchr(p, ':'), *end = strchr(p, ',');
		struct session_role *r = &s->roles[s->nroles];
		size_t n;

		if (end == NULL)
			end = p + strlen(p);
		if (colon == NULL || colon > end)
			break;
		r->role = strncmp(p, "admin", 5) == 0 ? ROLE_ADMIN :
		    strncmp(p, "head", 4) == 0 ? ROLE_HEAD : ROLE_CLERK;
		n = (size_t)(end - colon - 1);
		if (n >= sizeof(r->dept))
			n = sizeof(r->dept) - 1;
		memcpy(r->dept, colon + 1, n);
		r->dept[n] = '\0';
		s->nroles++;
		p = *end == ',' ? end + 1 : end;
	}
}

struct find_ctx {
	struct dm_req	*req;
	struct session	*s;
	long long	 idle;		/* seconds since last seen; -1: none */
	int		 live;		/* before its absolute expiry */
	int		 active;	/* the account is active */
};

static dm_status
find_row(void *arg, const struct dm_value *c, size_t n)
{
	struct find_ctx *x = arg;
	struct session *s = x->s;
	struct dm_req *req = x->req;
	struct dm_value *row;

	if (n != 9 + SESSION_ACCOUNT_NCOLS)
		return DM_EINTERNAL;
	s->account_id = c[0].i;
	snprintf(s->csrf, sizeof(s->csrf), "%s", c[1].s ? c[1].s : "");
	s->method = c[2].s && c[2].s[0] == 't' ? 't' : 'p';
	x->idle = c[3].i;
	x->live = (int)c[4].i;
	s->factor = c[5].s && c[5].s[0] == 'd' ? 'd' :
	    c[5].s && c[5].s[0] == 'p' ? 'p' : 'n';
	parse_roles(s, c[6].type == DM_V_TEXT ? c[6].s : NULL);
	s->enrolled = c[7].type == DM_V_INT && c[7].i == 1;
	s->unread = c[8].type == DM_V_INT ? c[8].i : 0;
	s->unread_known = c[8].type == DM_V_INT;
	/* The account's row (SESSION_ACCOUNT_COLUMNS), kept for
	 * account_prime; the session's fields are read from it. */
	row = arena_alloc(req->arena, SESSION_ACCOUNT_NCOLS * sizeof(*row));
	for (size_t i = 0; i < SESSION_ACCOUNT_NCOLS; i++) {
		row[i] = c[9 + i];
		if (row[i].type == DM_V_TEXT && row[i].s != NULL)
			row[i].s = arena_strndup(req->arena, row[i].s,
			    row[i].len);
	}
	s->account_row = row;
	s->kind = row[SA_KIND].s && row[SA_KIND].s[0] == 'b' ? 'b' : 'p';
	s->level = row[SA_LEVEL].s && row[SA_LEVEL].s[0] == 'B' ? 'B' : 'A';
	x->active = row[SA_STATUS].s && strcmp(row[SA_STATUS].s,
	    "active") == 0;
	s->email = db_text(req->arena, &row[SA_EMAIL]);
	s->first_name = db_text(req->arena, &row[SA_FIRST_NAME]);
	s->last_name = db_text(req->arena, &row[SA_LAST_NAME]);
	s->company = db_text(req->arena, &row[SA_COMPANY]);
	s->afm = db_text(req->arena, &row[SA_AFM]);
	if (s->kind == 'b' && s->company != NULL)
		s->display = s->company;
	else if (s->first_name != NULL && s->last_name != NULL)
		s->display = arena_printf(req->arena, "%s %s", s->first_name,
		    s->last_name);
	else
		s->display = s->email ? s->email : "—";
	return DM_OK;
}

dm_status
session_find(struct dm_req *req, const unsigned char hash[TOKEN_HASH],
    struct session **out)
{
	struct db *db = db_worker();
	struct session *s;
	struct find_ctx x;
	struct dm_value p;

	*out = NULL;
	if (db == NULL)
		return DM_EINTERNAL;
	s = arena_zalloc(req->arena, sizeof(*s));
	memcpy(s->hash, hash, TOKEN_HASH);
	memset(&x, 0, sizeof(x));
	x.req = req;
	x.s = s;
	x.idle = -1;
	p = DM_VBLOB((const char *)s->hash, TOKEN_HASH);
	/* With the unread mailbox items, counted up to SESSION_UNREAD_MAX
	 * as mailbox_unread does (the header shows "99+"): the first
	 * subquery finds the bound's item if there is one, and only when
	 * there is not are the (fewer) unread items counted. A POST is
	 * answered with a redirect but for a form shown again, so it asks
	 * for no count (NULL: unknown), and a page it does show counts then
	 * (pages.c): two subqueries fewer on every form sent, a submission's
	 * two among them. The second factor's enrolment is a join (one row
	 * or none) and the staff roles the account's copy of them
	 * (accounts.staff_roles, kept by staff.c), not subqueries: each
	 * subquery is one more SELECT for the server to prepare and optimize
	 * on every request. */
#define SESSION_FIND(unread) "SELECT s.account_id, s.csrf, s.method, " \
	    "TIMESTAMPDIFF(SECOND, s.last_seen, UTC_TIMESTAMP(6)), " \
	    "s.expires_at > UTC_TIMESTAMP(6), s.factor, a.staff_roles, " \
	    "f.confirmed_at IS NOT NULL, " unread ", " \
	    SESSION_ACCOUNT_COLUMNS " FROM sessions s JOIN accounts a ON " \
	    "a.id = s.account_id LEFT JOIN staff_factors f ON f.account_id " \
	    "= a.id WHERE s.id_hash = ?"
	if (req->method == HTTP_POST ? db_query(db, SESSION_FIND("NULL"), &p,
	    1, find_row, &x) != DM_OK : db_query(db, SESSION_FIND("COALESCE(("
	    "SELECT ? FROM mailbox_items m WHERE m.account_id = a.id AND "
	    "m.read_at IS NULL LIMIT ?, 1), (SELECT COUNT(*) FROM "
	    "mailbox_items m WHERE m.account_id = a.id AND m.read_at IS "
	    "NULL))"), (struct dm_value[]){ DM_VINT(SESSION_UNREAD_MAX),
	    DM_VINT(SESSION_UNREAD_MAX - 1), p }, 3, find_row, &x) != DM_OK)
		return DM_EINTERNAL;
#undef SESSION_FIND
	if (x.idle < 0)
		return DM_ENOTFOUND;	/* unknown, or ended elsewhere */
	if (!x.live || x.idle > req->cfg->sess_idle || !x.active) {
		db_exec(db, "DELETE FROM sessions WHERE id_hash = ?", &p, 1,
		    NULL, NULL);
		return DM_ENOTFOUND;
	}
	if (x.idle >= LAST_SEEN_EVERY)
		db_exec(db, "UPDATE sessions SET last_seen = UTC_TIMESTAMP(6) "
		    "WHERE id_hash = ?", &p, 1, NULL, NULL);
	*out = s;
	return DM_OK;
}

dm_status
session_insert(struct dm_req *req, long long account_id, char method,
    char factor, const struct session *replace, char sid[TOKEN_LEN + 1])
{
	char csrf[TOKEN_LEN + 1];
	unsigned char hash[TOKEN_HASH];
	struct db *db = db_worker();
	struct dm_value p[8];
	const char *ua = req->env.user_agent;
	dm_status st;

	token_new(sid);
	token_new(csrf);
	token_hash(sid, hash);
	/* Rotation: the old id dies (its cookie is overwritten). */
	if (replace != NULL)
		session_delete(req, replace->hash);
	p[0] = DM_VBLOB((const char *)hash, TOKEN_HASH);
	p[1] = DM_VINT(account_id);
	p[2] = DM_VTEXT(csrf);
	p[3] = DM_VTEXT(method == 't' ? "taxisnet" : "password");
	p[4] = DM_VINT(factor == 'p' ? SESSION_FACTOR_TTL :
	    req->cfg->sess_absolute);
	p[5] = DM_VTEXT(req->env.remote_addr);
	p[6] = DM_VTEXT(ua);
	if (p[6].s != NULL && !val_utf8(p[6].s, p[6].len))
		p[6] = DM_VNULL;
	else if (p[6].s != NULL)	/* user_agent VARCHAR(255) */
		p[6].len = val_utf8_fit(p[6].s, p[6].len, SESSION_UA_MAX);
	p[7] = DM_VTEXT(factor == 'd' ? "done" : factor == 'p' ? "pending" :
	    "none");
	st = db_exec(db, "INSERT INTO sessions (id_hash, account_id, csrf, "
	    "method, expires_at, ip, user_agent, factor) VALUES (?, ?, ?, ?, "
	    "UTC_TIMESTAMP(6) + INTERVAL ? SECOND, ?, ?, ?)", p, 8, NULL,
	    NULL);
	if (st != DM_OK)
		return st;
	/* Housekeeping, a little at a time: expired sessions of anyone. */
	{
		struct dm_value q = DM_VINT(req->cfg->sess_idle);

		db_exec(db, "DELETE FROM sessions WHERE expires_at < "
		    "UTC_TIMESTAMP(6) OR last_seen < UTC_TIMESTAMP(6) - "
		    "INTERVAL ? SECOND LIMIT 100", &q, 1, NULL, NULL);
	}
	return DM_OK;
}

dm_status
session_delete(struct dm_req *req, const unsigned char hash[TOKEN_HASH])
{
	struct dm_value p = DM_VBLOB((const char *)hash, TOKEN_HASH);

	(void)req;
	return db_exec(db_worker(), "DELETE FROM sessions WHERE id_hash = ?",
	    &p, 1, NULL, NULL);
}

dm_status
session_end_all(struct dm_req *req, long long account_id,
    const struct session *keep)
{
	struct dm_value p[2];

	(void)req;
	p[0] = DM_VINT(account_id);
	if (keep != NULL) {
		p[1] = DM_VBLOB((const char *)keep->hash, TOKEN_HASH);
		return db_exec(db_worker(), "DELETE FROM sessions WHERE "
		    "account_id = ? AND id_hash <> ?", p, 2, NULL, NULL);
	}
	return db_exec(db_worker(), "DELETE FROM sessions WHERE "
	    "account_id = ?", p, 1, NULL, NULL);
}

dm_status
session_end_ref(struct dm_req *req, long long account_id, const char *ref)
{
	struct dm_value p[2];
	uint64_t n = 0;

	(void)req;
	if (ref == NULL || strlen(ref) != SESSION_REF_LEN || strspn(ref,
	    "0123456789abcdef") != SESSION_REF_LEN)
		return DM_EINPUT;
	/* Scoped by account: another user's reference matches nothing. */
	p[0] = DM_VINT(account_id);
	p[1] = DM_VTEXT(ref);
	if (db_exec(db_worker(), "DELETE FROM sessions WHERE account_id = ? "
	    "AND LOWER(LEFT(HEX(id_hash), 16)) = ?", p, 2, &n, NULL) != DM_OK)
		return DM_EINTERNAL;
	return n ? DM_OK : DM_ENOTFOUND;
}

struct list_ctx {
	struct dm_req		*req;
	const struct session	*current;
	struct arena_vec	 vec;
};

static dm_status
list_row(void *arg, const struct dm_value *c, size_t n)
{
	struct list_ctx *x = arg;
	struct session_info *s;

	if (n < 6 || c[0].len != TOKEN_HASH)
		return DM_EINTERNAL;
	s = arena_push(x->req->arena, &x->vec, sizeof(*s));
	sodium_bin2hex(s->ref, sizeof(s->ref), (const unsigned char *)c[0].s,
	    SESSION_REF_LEN / 2);
	s->created = db_text(x->req->arena, &c[1]);
	s->seen = db_text(x->req->arena, &c[2]);
	s->method = db_text(x->req->arena, &c[3]);
	s->ip = db_text(x->req->arena, &c[4]);
	s->agent = db_text(x->req->arena, &c[5]);
	s->current = x->current != NULL && memcmp(c[0].s, x->current->hash,
	    TOKEN_HASH) == 0;
	return DM_OK;
}

dm_status
session_list(struct dm_req *req, long long account_id,
    const struct session *current, struct session_info **v, size_t *n)
{
	struct list_ctx x = { req, current, { NULL, 0, 0 } };
	struct dm_value p = DM_VINT(account_id);
	dm_status st;

	st = db_query(db_worker(), "SELECT id_hash, DATE_FORMAT(created_at, "
	    "'%Y-%m-%d %H:%i'), DATE_FORMAT(last_seen, '%Y-%m-%d %H:%i'), "
	    "method, ip, user_agent FROM sessions WHERE account_id = ? ORDER "
	    "BY last_seen DESC", &p, 1, list_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

dm_status
session_export(struct db *db, long long account_id, struct json_object *root)
{
	static const char *const keys[] = { "created_at", "last_seen",
	    "expires_at", "method", "ip", "user_agent", NULL };
	struct dm_value p = DM_VINT(account_id);

	return db_query_json(db, "SELECT created_at, last_seen, expires_at, "
	    "method, ip, user_agent FROM sessions WHERE account_id = ? ORDER "
	    "BY created_at", &p, 1, keys, root, "sessions");
}

static dm_status
key_row(void *arg, const struct dm_value *c, size_t n)
{
	(void)arg;
	if (n < 1 || c[0].len != sizeof(csrf_key))
		return DM_EINTERNAL;
	memcpy(csrf_key, c[0].s, sizeof(csrf_key));
	csrf_key_loaded = 1;
	return DM_OK;
}

int
session_csrf_key(unsigned char key[32])
{
	if (!csrf_key_loaded && (db_worker() == NULL || db_query(db_worker(),
	    "SELECT value FROM server_secrets WHERE name = 'csrf'", NULL, 0,
	    key_row, NULL) != DM_OK || !csrf_key_loaded)) {
		log_error("csrf: the key in server_secrets is not available");
		return 0;
	}
	memcpy(key, csrf_key, sizeof(csrf_key));
	return 1;
}

long long
session_actor(const struct dm_req *req)
{
	return req->session != NULL ? req->session->account_id : 0;
}

int
session_has_role(const struct session *s, char role, const char *dept)
{
	if (s == NULL)
		return 0;
	for (size_t i = 0; i < s->nroles; i++)
		if (s->roles[i].role == role && (dept == NULL ||
		    strcmp(s->roles[i].dept, dept) == 0))
			return 1;
	return 0;
}

int
session_factor_rule(const struct config *cfg, int enrolled,
    int head_or_admin, int clerk)
{
	return enrolled || head_or_admin || (clerk && cfg->totp_clerks);
}

int
session_needs_factor(const struct dm_req *req, const struct session *s)
{
	if (s == NULL)
		return 0;
	return session_factor_rule(req->cfg, s->enrolled,
	    session_has_role(s, ROLE_HEAD, NULL) ||
	    session_has_role(s, ROLE_ADMIN, NULL),
	    session_has_role(s, ROLE_CLERK, NULL));
}

int
session_is_staff(const struct session *s, const char *dept)
{
	return session_has_role(s, ROLE_ADMIN, NULL) ||
	    session_has_role(s, ROLE_CLERK, dept) ||
	    session_has_role(s, ROLE_HEAD, dept);
}
