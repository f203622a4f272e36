/*
 * staff.c - roles of the municipality's staff.
 * A role is a row (account, role, department); granting one twice or
 * revoking one that is not there changes nothing.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "req.h"
#include "staff.h"

/* accounts.staff_roles, the session's copy of the account's roles,
 * written again from staff_roles (schema/021_account_roles.sql). */
static dm_status
roles_sync(struct db *db, long long account_id)
{
	struct dm_value p = DM_VINT(account_id);

	return db_exec(db, "UPDATE accounts a SET a.staff_roles = (SELECT "
	    "GROUP_CONCAT(r.role, ':', r.department ORDER BY r.role, "
	    "r.department SEPARATOR ',') FROM staff_roles r WHERE "
	    "r.account_id = a.id) WHERE a.id = ?", &p, 1, NULL, NULL);
}

struct grant_ctx {
	struct db		*db;
	const struct dm_value	*p;
	int			 grant;
	uint64_t		 n;
};

static dm_status
grant_tx(void *arg)
{
	struct grant_ctx *x = arg;
	long long id = 0;
	dm_status st;

	x->n = 0;
	/* The account's row first: two changes to one account's roles
	 * take turns, and the second rewrites the copy with both. */
	if ((st = db_query_int(x->db, "SELECT id FROM accounts WHERE id = ? "
	    "FOR UPDATE", x->p, 1, &id)) != DM_OK)
		return st;
	st = db_exec(x->db, x->grant ? "INSERT IGNORE INTO staff_roles "
	    "(account_id, role, department) VALUES (?, ?, ?)" : "DELETE FROM "
	    "staff_roles WHERE account_id = ? AND role = ? AND department = ?",
	    x->p, 3, &x->n, NULL);
	if (st == DM_OK && x->n > 0)
		st = roles_sync(x->db, x->p[0].i);
	return st;
}

dm_status
staff_grant(struct db *db, long long account_id, const char *role,
    const char *dept, int grant, int *changed)
{
	struct dm_value p[3] = { DM_VINT(account_id), DM_VTEXT(role),
	    DM_VTEXT(dept ? dept : "") };
	struct grant_ctx x = { db, p, grant, 0 };
	dm_status st;

	st = db_tx(db, grant_tx, &x);
	*changed = st == DM_OK && x.n > 0;
	return st;
}

struct list_ctx {
	staff_fn	 fn;
	void		*arg;
};

static const char *
text(const struct dm_value *v)
{
	return v->type == DM_V_TEXT && v->len > 0 ? v->s : NULL;
}

static dm_status
list_row(void *arg, const struct dm_value *c, size_t n)
{
	struct list_ctx *x = arg;
	struct staff_member m;

	if (n < 7)
		return DM_EINTERNAL;
	memset(&m, 0, sizeof(m));
	m.account_id = c[0].i;
	m.name = text(&c[1]);
	m.email = text(&c[2]);
	m.role = c[3].s;
	m.department = c[4].type == DM_V_TEXT ? c[4].s : "";
	m.granted = text(&c[5]);
	m.title = text(&c[6]);
	x->fn(x->arg, &m);
	return DM_OK;
}

dm_status
staff_list(struct db *db, int by_email, staff_fn fn, void *arg)
{
	struct list_ctx x = { fn, arg };

	/* The full time (UTC): a page shows the municipality's day of it. */
	return db_query(db, by_email ? "SELECT a.id, CONCAT_WS(' ', "
	    "a.first_name, a.last_name), a.email, r.role, r.department, "
	    "DATE_FORMAT(r.granted_at, '%Y-%m-%d %H:%i:%s'), t.title FROM "
	    "staff_roles r JOIN accounts a ON a.id = r.account_id LEFT JOIN "
	    "staff_titles t ON t.account_id = a.id ORDER BY r.department, "
	    "a.email" : "SELECT a.id, CONCAT_WS(' ', a.first_name, "
	    "a.last_name), a.email, r.role, r.department, DATE_FORMAT("
	    "r.granted_at, '%Y-%m-%d %H:%i:%s'), t.title FROM staff_roles r "
	    "JOIN accounts a ON a.id = r.account_id LEFT JOIN staff_titles t "
	    "ON t.account_id = a.id ORDER BY r.department, a.last_name, "
	    "a.first_name", NULL, 0, list_row, &x);
}

dm_status
staff_roster(struct dm_req *req, staff_fn fn, void *arg)
{
	(void)req;
	return staff_list(db_worker(), 0, fn, arg);
}

struct colleagues {
	struct dm_req		*req;
	struct arena_vec	 vec;
};

static dm_status
colleague_row(void *arg, const struct dm_value *c, size_t n)
{
	struct colleagues *x = arg;
	struct staff_member *m;

	if (n < 2)
		return DM_EINTERNAL;
	m = arena_push(x->req->arena, &x->vec, sizeof(*m));
	m->account_id = c[0].i;
	m->name = db_text(x->req->arena, &c[1]);
	return DM_OK;
}

dm_status
staff_colleagues(struct dm_req *req, const char *dept,
    struct staff_member **v, size_t *n)
{
	struct colleagues x = { req, { NULL, 0, 0 } };
	struct dm_value p = DM_VTEXT(dept);
	dm_status st;

	st = db_query(db_worker(), "SELECT DISTINCT a.id, CONCAT_WS(' ', "
	    "a.first_name, a.last_name) FROM staff_roles r JOIN accounts a ON "
	    "a.id = r.account_id WHERE r.department = ? AND a.status = "
	    "'active' ORDER BY 2", &p, 1, colleague_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

dm_status
staff_is_member(struct dm_req *req, long long account_id, const char *dept)
{
	struct dm_value p[2] = { DM_VINT(account_id), DM_VTEXT(dept) };
	long long n = 0;
	dm_status st;

	(void)req;
	if ((st = db_query_int(db_worker(), "SELECT COUNT(*) FROM staff_roles "
	    "WHERE account_id = ? AND department = ?", p, 2, &n)) != DM_OK)
		return st;
	return n > 0 ? DM_OK : DM_ENOTFOUND;
}

dm_status
staff_title_set(struct db *db, long long account_id, const char *title)
{
	struct dm_value p[2] = { DM_VINT(account_id), DM_VTEXT(title) };

	if (title[0] == '\0')
		return db_exec(db, "DELETE FROM staff_titles WHERE "
		    "account_id = ?", p, 1, NULL, NULL);
	return db_exec(db, "INSERT INTO staff_titles (account_id, title) "
	    "VALUES (?, ?) ON DUPLICATE KEY UPDATE title = VALUES(title), "
	    "updated_at = UTC_TIMESTAMP(6)", p, 2, NULL, NULL);
}

dm_status
staff_title(struct dm_req *req, long long account_id, char *out,
    size_t size)
{
	struct dm_value p = DM_VINT(account_id);

	(void)req;
	return db_query_text(db_worker(), "SELECT title FROM staff_titles "
	    "WHERE account_id = ?", &p, 1, out, size);
}

dm_status
staff_drop(struct db *db, long long account_id)
{
	struct dm_value p = DM_VINT(account_id);
	dm_status st;

	st = db_exec(db, "DELETE FROM staff_roles WHERE account_id = ?", &p,
	    1, NULL, NULL);
	if (st == DM_OK)
		st = roles_sync(db, account_id);
	if (st == DM_OK)
		st = db_exec(db, "DELETE FROM staff_titles WHERE account_id = "
		    "?", &p, 1, NULL, NULL);
	return st;
}

dm_status
staff_export(struct db *db, long long account_id, struct json_object *root)
{
	static const char *const keys[] = { "role", "department",
	    "granted_at", NULL };
	struct dm_value p = DM_VINT(account_id);

	static const char *const tkeys[] = { "title", "updated_at", NULL };
	dm_status st;

	st = db_query_json(db, "SELECT role, department, granted_at FROM "
	    "staff_roles WHERE account_id = ?", &p, 1, keys, root,
	    "staff_roles");
	if (st == DM_OK)
		st = db_query_json(db, "SELECT title, updated_at FROM "
		    "staff_titles WHERE account_id = ?", &p, 1, tkeys, root,
		    "staff_titles");
	return st;
}
