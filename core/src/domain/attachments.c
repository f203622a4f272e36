/*
 * attachments.c - files kept with requests, and their contents.
 * Contents live in blobs, once per SHA-256 (INSERT IGNORE: the same file
 * twice, or a document that is also a clerk's upload, is stored once);
 * an attachment row names the content for one request.
 */
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "attachments.h"
#include "config.h"
#include "db.h"
#include "req.h"

dm_status
blobs_put(struct db *db, const unsigned char sha[32], const void *data,
    size_t len)
{
	struct dm_value p[3] = { DM_VBLOB((const char *)sha, 32),
	    DM_VINT((long long)len), DM_VBLOB((const char *)data, len) };

	return db_exec(db, "INSERT IGNORE INTO blobs (sha256, size, content) "
	    "VALUES (?, ?, ?)", p, 3, NULL, NULL);
}

dm_status
attachments_store(struct dm_req *req, long long request_id,
    long long event_id, const char *field, long long by, int internal,
    size_t *stored)
{
	struct db *db = db_worker();
	long long have = 0;
	size_t n = 0;
	dm_status st;

	if (stored != NULL)
		*stored = 0;
	if (req->uploads == NULL)
		return DM_OK;
	{
		struct dm_value p = DM_VINT(request_id);

		/*
		 * Counted under the request's row, written (not only locked
		 * FOR UPDATE, which no other Galera node sees): two uploads
		 * to one draft at once, on one node or two, take turns or
		 * conflict and run again, and never pass the limit together.
		 */
		if (event_id == 0 && (st = db_exec(db, "UPDATE requests SET "
		    "updated_at = UTC_TIMESTAMP(6) WHERE id = ?", &p, 1, NULL,
		    NULL)) != DM_OK)
			return st;
		if ((st = db_query_int(db, "SELECT COUNT(*) FROM attachments "
		    "WHERE request_id = ? AND event_id IS NULL", &p, 1,
		    &have)) != DM_OK)
			return st;
	}
	for (struct upload *u = req->uploads; u != NULL; u = u->next) {
		unsigned char sha[crypto_hash_sha256_BYTES];
		unsigned char tsha[crypto_hash_sha256_BYTES];
		struct dm_value p[12];

		if (u->data == NULL || u->len == 0 || (field != NULL &&
		    strcmp(field, u->field) != 0))
			continue;
		/* The citizen's files of one request stay within the
		 * per-request number. */
		if (event_id == 0 && have + (long long)n >=
		    req->cfg->lim_upload_files) {
			u->too_many = 1;
			continue;
		}
		crypto_hash_sha256(sha, u->data, u->len);
		if ((st = blobs_put(db, sha, u->data, u->len)) != DM_OK)
			return st;
		p[0] = DM_VINT(request_id);
		p[1] = event_id ? DM_VINT(event_id) : DM_VNULL;
		p[2] = DM_VTEXT(u->field);
		p[3] = DM_VBLOB((const char *)sha, sizeof(sha));
		p[4] = DM_VTEXT(u->filename);
		p[5] = DM_VTEXT(u->type);
		p[6] = DM_VINT((long long)u->len);
		p[7] = by ? DM_VINT(by) : DM_VNULL;
		p[8] = DM_VINT(internal);
		p[9] = p[10] = p[11] = DM_VNULL;
		/* A photo's thumbnail (edge/http.c made it) beside it. */
		if (u->thumb != NULL && u->thumb_len > 0) {
			crypto_hash_sha256(tsha, u->thumb, u->thumb_len);
			if ((st = blobs_put(db, tsha, u->thumb,
			    u->thumb_len)) != DM_OK)
				return st;
			p[9] = DM_VBLOB((const char *)tsha, sizeof(tsha));
			p[10] = DM_VINT(u->thumb_width);
			p[11] = DM_VINT(u->thumb_height);
		}
		if ((st = db_exec(db, "INSERT INTO attachments (request_id, "
		    "event_id, field, sha256, filename, content_type, size, "
		    "uploaded_by, internal, thumb_sha256, thumb_width, "
		    "thumb_height) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		    p, 12, NULL, NULL)) != DM_OK)
			return st;
		n++;
	}
	if (stored != NULL)
		*stored = n;
	return DM_OK;
}

dm_status
attachments_drop_draft(struct dm_req *req, long long request_id,
    long long attachment_id)
{
	struct dm_value p[2] = { DM_VINT(attachment_id), DM_VINT(request_id) };
	uint64_t n = 0;
	dm_status st;

	(void)req;
	/* Only from drafts: a submitted request's files are the record. */
	st = db_exec(db_worker(), "DELETE a FROM attachments a JOIN requests r "
	    "ON r.id = a.request_id WHERE a.id = ? AND a.request_id = ? AND "
	    "r.status = 'draft' AND a.event_id IS NULL", p, 2, &n, NULL);
	if (st != DM_OK)
		return st;
	return n ? DM_OK : DM_ENOTFOUND;
}

dm_status
attachments_count(struct dm_req *req, long long request_id,
    const char *field, long long *n)
{
	struct dm_value p[2] = { DM_VINT(request_id), DM_VTEXT(field) };

	(void)req;
	return db_query_int(db_worker(), "SELECT COUNT(*) FROM attachments "
	    "WHERE request_id = ? AND field = ? AND event_id IS NULL", p, 2,
	    n);
}

struct rows {
	struct dm_req		*req;
	struct arena_vec	 vec;
	const char		*data;	/* attachments_fetch */
};

static dm_status
file_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rows *x = arg;
	struct attachment *a;

	if (n < 9)
		return DM_EINTERNAL;
	a = arena_push(x->req->arena, &x->vec, sizeof(*a));
	a->id = c[0].i;
	a->filename = db_text(x->req->arena, &c[1]);
	a->type = db_text(x->req->arena, &c[2]);
	a->size = c[3].i;
	a->field = db_text(x->req->arena, &c[4]);
	a->event_id = c[5].type == DM_V_INT ? c[5].i : 0;
	a->internal = c[6].i != 0;
	/* A photo's thumbnail: its size (a file without one has NULLs). */
	if (c[7].type == DM_V_INT && c[8].type == DM_V_INT) {
		a->thumb_width = (int)c[7].i;
		a->thumb_height = (int)c[8].i;
	}
	if (n > 9) {
		/* The column buffer is ours only during the call. */
		char *data = arena_alloc(x->req->arena, c[9].len + 1);

		memcpy(data, c[9].s, c[9].len);
		x->data = data;
		a->size = (long long)c[9].len;
	}
	return DM_OK;
}

dm_status
attachments_list(struct dm_req *req, long long request_id, int form_only,
    int with_internal, struct attachment **v, size_t *n)
{
	struct rows x = { req, { NULL, 0, 0 }, NULL };
	struct dm_value p[3] = { DM_VINT(request_id), DM_VINT(form_only),
	    DM_VINT(with_internal) };
	dm_status st;

	st = db_query(db_worker(), "SELECT id, filename, content_type, size, "
	    "field, event_id, internal, thumb_width, thumb_height FROM "
	    "attachments WHERE request_id = ? "
	    "AND (? = 0 OR event_id IS NULL) AND (? = 1 OR internal = 0) "
	    "ORDER BY id", p, 3, file_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

dm_status
attachments_fetch(struct dm_req *req, long long request_id,
    long long attachment_id, int with_internal, int thumb,
    struct attachment *a, const char **data)
{
	struct rows x = { req, { NULL, 0, 0 }, NULL };
	struct dm_value p[3] = { DM_VINT(attachment_id), DM_VINT(request_id),
	    DM_VINT(with_internal) };
	dm_status st;

	/* thumb: the photo's thumbnail instead of the file (a JPEG). */
	st = db_query(db_worker(), thumb ? "SELECT a.id, a.filename, "
	    "'image/jpeg', a.size, a.field, a.event_id, a.internal, "
	    "a.thumb_width, a.thumb_height, b.content FROM attachments a JOIN "
	    "blobs b ON b.sha256 = a.thumb_sha256 WHERE a.id = ? AND "
	    "a.request_id = ? AND (? = 1 OR a.internal = 0)" : "SELECT a.id, "
	    "a.filename, a.content_type, a.size, a.field, a.event_id, "
	    "a.internal, a.thumb_width, a.thumb_height, b.content FROM "
	    "attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = ? "
	    "AND a.request_id = ? AND (? = 1 OR a.internal = 0)", p, 3,
	    file_row, &x);
	if (st != DM_OK)
		return st;
	if (x.vec.n == 0)
		return DM_ENOTFOUND;
	*a = *(struct attachment *)x.vec.v;
	*data = x.data;
	return DM_OK;
}

dm_status
attachments_export(struct db *db, long long account_id,
    struct json_object *root)
{
	static const char *const keys[] = { "request_id", "filename",
	    "content_type", "size", "sha256", NULL };
	struct dm_value p = DM_VINT(account_id);

	return db_query_json(db, "SELECT a.request_id, a.filename, "
	    "a.content_type, a.size, LOWER(HEX(a.sha256)) FROM attachments a "
	    "JOIN requests r ON r.id = a.request_id WHERE r.account_id = ? AND "
	    "a.internal = 0 ORDER BY a.id", &p, 1, keys, root, "files");
}
