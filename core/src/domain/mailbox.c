/*
 * mailbox.c - delivering to and reading the digital mailbox.
 * What arrived is seen only after logging in: the e-mail is a notice that
 * something is there, never its content.
 */
#include <limits.h>
#include <string.h>

#include "accounts.h"
#include "config.h"
#include "db.h"
#include "mail.h"
#include "mailbox.h"
#include "req.h"

/* The count read with the session may no longer hold (pages.c asks
 * mailbox_unread again). */
static void
unread_changed(struct dm_req *req, long long account_id)
{
	(void)account_id;
	req->unread_stale = 1;
}

struct put_tx {
	const struct dm_value	*p;
};

/* The item and the account's unread count, together. */
static dm_status
put_tx(void *arg)
{
	struct put_tx *t = arg;
	dm_status st;

	if ((st = db_exec(db_worker(), "INSERT INTO mailbox_items (account_id, "
	    "request_id, kind, title, body, attachment_id, document_id) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?)", t->p, 7, NULL, NULL)) != DM_OK)
		return st;
	return db_exec(db_worker(), "UPDATE accounts SET mailbox_unread = "
	    "mailbox_unread + 1 WHERE id = ?", t->p, 1, NULL, NULL);
}

dm_status
mailbox_put(struct dm_req *req, long long account_id, long long request_id,
    const char *kind, const char *title, const char *body,
    long long attachment_id, long long document_id, int announce)
{
	struct dm_value p[7];
	struct put_tx t = { p };
	struct account a;
	dm_status st;

	p[0] = DM_VINT(account_id);
	p[1] = request_id ? DM_VINT(request_id) : DM_VNULL;
	p[2] = DM_VTEXT(kind);
	p[3] = DM_VTEXT(title);
	p[4] = DM_VTEXT(body && body[0] ? body : NULL);
	p[5] = attachment_id ? DM_VINT(attachment_id) : DM_VNULL;
	p[6] = document_id ? DM_VINT(document_id) : DM_VNULL;
	/* In the caller's transaction if it has one (db_tx). */
	if ((st = db_tx(db_worker(), put_tx, &t)) != DM_OK)
		return st;
	unread_changed(req, account_id);
	/* Only a notice: what arrived is seen after logging in. */
	if (announce && account_load(req, account_id, &a) == DM_OK &&
	    a.email != NULL && a.notify_email) {
		struct mail m = { a.email, account_display(req, &a), a.lang,
		    "mailbox", account_id, (const char *const[]){ "link",
		    mail_link(req, "/mailbox", NULL), NULL } };

		return mail_queue(req, &m);
	}
	return DM_OK;
}

dm_status
mailbox_deliver(struct dm_req *req, long long account_id,
    long long request_id, const char *kind, const char *title,
    const char *body, long long attachment_id, long long document_id)
{
	return mailbox_put(req, account_id, request_id, kind, title, body,
	    attachment_id, document_id, 1);
}

enum i18n_lang
mailbox_lang(struct dm_req *req, long long account_id)
{
	struct account a;

	if (account_load(req, account_id, &a) != DM_OK || a.lang == NULL)
		return I18N_EL;
	return i18n_lang_of(a.lang);
}

long long
mailbox_of_request(struct dm_req *req, long long account_id,
    long long request_id)
{
	struct dm_value p[2] = { DM_VINT(account_id), DM_VINT(request_id) };
	long long id = 0;

	(void)req;
	if (db_query_int(db_worker(), "SELECT COALESCE(MAX(id), 0) FROM "
	    "mailbox_items WHERE account_id = ? AND request_id = ?", p, 2,
	    &id) != DM_OK)
		return 0;
	return id;
}

long long
mailbox_unread(struct dm_req *req, long long account_id)
{
	struct dm_value p[2] = { DM_VINT(MAILBOX_UNREAD_MAX),
	    DM_VINT(account_id) };
	long long n = 0;

	(void)req;
	/* The count kept with the account (schema/024), to the header's
	 * bound ("99+"). */
	if (db_query_int(db_worker(), "SELECT LEAST(mailbox_unread, ?) FROM "
	    "accounts WHERE id = ?", p, 2, &n) != DM_OK)
		return 0;
	return n;
}

/* An item read for the first time (p: id, account), and the account's
 * unread count one less: only the statement that sets read_at counts it,
 * the item's row locked until the end of the transaction. */
static dm_status
read_tx(void *arg)
{
	const struct dm_value *p = arg;
	uint64_t n = 0;
	dm_status st;

	if ((st = db_exec(db_worker(), "UPDATE mailbox_items SET read_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ? AND account_id = ? AND "
	    "read_at IS NULL", p, 2, &n, NULL)) != DM_OK || n == 0)
		return st;
	return db_exec(db_worker(), "UPDATE accounts SET mailbox_unread = "
	    "mailbox_unread - 1 WHERE id = ? AND mailbox_unread > 0", &p[1],
	    1, NULL, NULL);
}

struct items {
	struct dm_req		*req;
	struct arena_vec	 vec;
};

static long long
id_or_0(const struct dm_value *v)
{
	return v->type == DM_V_INT ? v->i : 0;
}

/* id, kind, title, created_at, read_at IS NULL, request_id,
 * attachment_id, document_id[, body] */
static dm_status
item_row(void *arg, const struct dm_value *c, size_t n)
{
	struct items *x = arg;
	struct mailbox_item *it;

	if (n < 8)
		return DM_EINTERNAL;
	it = arena_push(x->req->arena, &x->vec, sizeof(*it));
	it->id = c[0].i;
	it->kind = db_text(x->req->arena, &c[1]);
	it->title = db_text(x->req->arena, &c[2]);
	it->created_at = db_text(x->req->arena, &c[3]);
	it->unread = c[4].i != 0;
	it->request_id = id_or_0(&c[5]);
	it->attachment_id = id_or_0(&c[6]);
	it->document_id = id_or_0(&c[7]);
	if (n > 8)
		it->body = db_text(x->req->arena, &c[8]);
	return DM_OK;
}

dm_status
mailbox_list(struct dm_req *req, long long account_id, long long before,
    size_t limit, struct mailbox_item **v, size_t *n)
{
	struct items x = { req, { NULL, 0, 0 } };
	struct dm_value p[3] = { DM_VINT(account_id), DM_VINT(before > 0 ?
	    before : LLONG_MAX), DM_VINT((long long)limit + 1) };
	dm_status st;

	/* Keyset pagination, as for the requests, on the primary key
	 * (account_id, id): a page is adjacent rows (schema/022). */
	st = db_query(db_worker(), "SELECT id, kind, title, created_at, "
	    "read_at IS NULL, request_id, attachment_id, document_id FROM "
	    "mailbox_items FORCE INDEX (PRIMARY) WHERE account_id = ? "
	    "AND id < ? ORDER BY id DESC LIMIT ?", p, 3, item_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

dm_status
mailbox_get(struct dm_req *req, long long account_id, long long id, int open,
    struct mailbox_item *it)
{
	struct items x = { req, { NULL, 0, 0 } };
	struct dm_value p[2] = { DM_VINT(id), DM_VINT(account_id) };
	dm_status st;

	st = db_query(db_worker(), "SELECT id, kind, title, created_at, "
	    "read_at IS NULL, request_id, attachment_id, document_id, body "
	    "FROM mailbox_items WHERE id = ? AND account_id = ?", p, 2,
	    item_row, &x);
	if (st != DM_OK)
		return st;
	if (x.vec.n == 0)
		return DM_ENOTFOUND;
	*it = *(struct mailbox_item *)x.vec.v;
	/* Opening an item reads it; nothing else about it ever changes. */
	if (open && it->unread && db_tx(db_worker(), read_tx, p) == DM_OK)
		unread_changed(req, account_id);
	return DM_OK;
}

dm_status
mailbox_export(struct db *db, long long account_id, struct json_object *root)
{
	static const char *const keys[] = { "at", "kind", "title", "text",
	    "request_id", "read_at", NULL };
	struct dm_value p = DM_VINT(account_id);

	return db_query_json(db, "SELECT created_at, kind, title, body, "
	    "request_id, read_at FROM mailbox_items WHERE account_id = ? ORDER "
	    "BY id", &p, 1, keys, root, "mailbox");
}
