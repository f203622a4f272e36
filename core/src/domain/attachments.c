/*
 * attachments.c - files kept with requests, and their contents.
 * Contents live in blobs, once per SHA-256 (the same file twice, or a
 * document that is also a clerk's upload, is stored once); an attachment
 * row names the content for one request. A content over BLOB_CHUNK is
 * kept in blob_chunks rows of BLOB_CHUNK bytes (schema/013), written
 * before the request's transaction by attachments_stage, one statement
 * and one write-set each; the blobs row, written in the transaction, makes
 * it complete. Reads go one piece at a time (blobs_each_piece), in either
 * layout.
 */
#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attachments.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "req.h"

/*
 * Where a piece of a content comes from: memory (a document made here) or
 * an upload's temporary file, read with pread so that its mapping is
 * never touched.
 */
struct blob_src {
	const unsigned char	*mem;
	int			 fd;
	size_t			 len;
};

static dm_status
src_read(const struct blob_src *s, size_t off, unsigned char *buf,
    size_t n)
{
	size_t got = 0;

	if (s->mem != NULL) {
		memcpy(buf, s->mem + off, n);
		return DM_OK;
	}
	while (got < n) {
		ssize_t r = pread(s->fd, buf + got, n - got,
		    (off_t)(off + got));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			log_error("attachments: cannot read an upload's "
			    "temporary file: %s", r < 0 ? strerror(errno) :
			    "short read");
			return DM_EINTERNAL;
		}
		got += (size_t)r;
	}
	return DM_OK;
}

static size_t
blob_nchunks(size_t len)
{
	return (len + BLOB_CHUNK - 1) / BLOB_CHUNK;
}

/* 1 if the content is stored (complete) already, 0 if not. */
static dm_status
blob_exists(struct db *db, const unsigned char sha[32], int *yes)
{
	struct dm_value p = DM_VBLOB((const char *)sha, 32);
	long long one = 0;
	dm_status st;

	st = db_query_int(db, "SELECT 1 FROM blobs WHERE sha256 = ?", &p, 1,
	    &one);
	*yes = st == DM_OK && one == 1;
	return st == DM_ENOTFOUND ? DM_OK : st;
}

/*
 * The chunks of a content over BLOB_CHUNK, each one statement of at most
 * BLOB_CHUNK bytes. Outside a transaction each is its own write-set. A
 * chunk already there (the same content staged before) is refreshed, so
 * that the sweep of abandoned chunks below never takes it meanwhile.
 */
static dm_status
blob_write_chunks(struct db *db, const unsigned char sha[32],
    const struct blob_src *src)
{
	unsigned char *buf;
	size_t n = blob_nchunks(src->len);
	dm_status st = DM_OK;

	if ((buf = malloc(BLOB_CHUNK)) == NULL)
		return DM_EINTERNAL;
	for (size_t i = 0; i < n && st == DM_OK; i++) {
		size_t off = i * BLOB_CHUNK;
		size_t len = src->len - off < BLOB_CHUNK ? src->len - off :
		    BLOB_CHUNK;
		struct dm_value p[3] = { DM_VBLOB((const char *)sha, 32),
		    DM_VINT((long long)i), DM_VBLOB((const char *)buf, len) };

		if ((st = src_read(src, off, buf, len)) != DM_OK)
			break;
		st = db_exec(db, "INSERT INTO blob_chunks (sha256, seq, "
		    "content) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE "
		    "created_at = UTC_TIMESTAMP(6)", p, 3, NULL, NULL);
	}
	free(buf);
	return st;
}

/*
 * The blobs row: the content itself up to BLOB_CHUNK, else the number of
 * its chunks (written before, by blob_write_chunks), which makes it
 * complete.
 */
static dm_status
blob_write_head(struct db *db, const unsigned char sha[32],
    const struct blob_src *src)
{
	unsigned char *buf = NULL;
	struct dm_value p[4] = { DM_VBLOB((const char *)sha, 32),
	    DM_VINT((long long)src->len), DM_VINT(0), DM_VNULL };
	dm_status st;

	if (src->len <= BLOB_CHUNK) {
		if (src->mem != NULL) {
			p[3] = DM_VBLOB((const char *)src->mem, src->len);
		} else {
			if ((buf = malloc(src->len ? src->len : 1)) == NULL)
				return DM_EINTERNAL;
			if ((st = src_read(src, 0, buf, src->len)) != DM_OK) {
				free(buf);
				return st;
			}
			p[3] = DM_VBLOB((const char *)buf, src->len);
		}
	} else {
		p[2] = DM_VINT((long long)blob_nchunks(src->len));
	}
	st = db_exec(db, "INSERT IGNORE INTO blobs (sha256, size, chunks, "
	    "content) VALUES (?, ?, ?, ?)", p, 4, NULL, NULL);
	free(buf);
	return st;
}

static dm_status
blob_put(struct db *db, const unsigned char sha[32],
    const struct blob_src *src, int staged)
{
	int have = 0;
	dm_status st;

	/* A small content is one INSERT IGNORE, as it always was. */
	if (src->len <= BLOB_CHUNK)
		return blob_write_head(db, sha, src);
	if ((st = blob_exists(db, sha, &have)) != DM_OK || have)
		return st;
	if (!staged && (st = blob_write_chunks(db, sha, src)) != DM_OK)
		return st;
	return blob_write_head(db, sha, src);
}

dm_status
blobs_put(struct db *db, const unsigned char sha[32], const void *data,
    size_t len)
{
	struct blob_src src = { data, -1, len };

	return blob_put(db, sha, &src, 0);
}

dm_status
attachments_stage(struct dm_req *req)
{
	struct db *db = db_worker();
	size_t staged = 0;
	dm_status st;

	if (db_in_tx(db))
		return DM_OK;	/* attachments_store writes them */
	for (struct upload *u = req->uploads; u != NULL; u = u->next) {
		struct blob_src src = { u->fd < 0 ? u->data : NULL, u->fd,
		    u->len };
		int have = 0;

		if (u->data == NULL || u->len <= BLOB_CHUNK || u->staged)
			continue;
		if ((st = blob_exists(db, u->sha256, &have)) != DM_OK)
			return st;
		if (!have && (st = blob_write_chunks(db, u->sha256, &src)) !=
		    DM_OK)
			return st;
		u->staged = 1;
		staged++;
	}
	/* Housekeeping, a little at a time and only by those who write
	 * chunks: chunks whose transaction never committed. */
	if (staged > 0)
		db_exec(db, "DELETE FROM blob_chunks WHERE created_at < "
		    "UTC_TIMESTAMP(6) - INTERVAL 1 DAY AND NOT EXISTS (SELECT "
		    "1 FROM blobs b WHERE b.sha256 = blob_chunks.sha256) LIMIT "
		    "64", NULL, 0, NULL, NULL);
	return DM_OK;
}

/* Appends a piece to an arena buffer being filled (blobs_read). */
struct gather {
	unsigned char	*data;
	size_t		 len;
	size_t		 cap;
};

static dm_status
gather_piece(void *arg, const char *data, size_t len)
{
	struct gather *g = arg;

	if (len > g->cap - g->len)
		return DM_EINTERNAL;	/* more than its size says */
	memcpy(g->data + g->len, data, len);
	g->len += len;
	return DM_OK;
}

struct piece_ctx {
	blob_piece_fn	 fn;
	void		*arg;
	int		 found;
	long long	 size;
	long long	 chunks;
};

static dm_status
piece_row(void *arg, const struct dm_value *c, size_t n)
{
	struct piece_ctx *x = arg;

	if (n < 1 || c[0].type != DM_V_BLOB)
		return DM_EINTERNAL;
	x->found = 1;
	return c[0].len > 0 ? x->fn(x->arg, c[0].s, c[0].len) : DM_OK;
}

static dm_status
head_row(void *arg, const struct dm_value *c, size_t n)
{
	struct piece_ctx *x = arg;

	if (n < 2)
		return DM_EINTERNAL;
	x->found = 1;
	x->size = c[0].i;
	x->chunks = c[1].i;
	return DM_OK;
}

dm_status
blobs_each_piece(struct db *db, const unsigned char sha[32],
    blob_piece_fn fn, void *arg, long long *size)
{
	struct piece_ctx x = { fn, arg, 0, 0, 0 };
	struct dm_value p[3];
	dm_status st;

	p[0] = DM_VBLOB((const char *)sha, 32);
	if ((st = db_query(db, "SELECT size, chunks FROM blobs WHERE sha256 = "
	    "?", p, 1, head_row, &x)) != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	if (size != NULL)
		*size = x.size;
	/* Both layouts, one bounded piece at a time: chunks, or slices of
	 * a content kept in its blobs row. */
	for (long long i = 0; x.chunks > 0 ? i < x.chunks :
	    i * BLOB_CHUNK < x.size; i++) {
		x.found = 0;
		if (x.chunks > 0) {
			p[1] = DM_VINT(i);
			st = db_query(db, "SELECT content FROM blob_chunks WHERE "
			    "sha256 = ? AND seq = ?", p, 2, piece_row, &x);
		} else {
			p[1] = DM_VINT(i * BLOB_CHUNK + 1);
			p[2] = DM_VINT(BLOB_CHUNK);
			st = db_query(db, "SELECT SUBSTRING(content, ?, ?) FROM "
			    "blobs WHERE sha256 = ?", (struct dm_value[]){ p[1],
			    p[2], p[0] }, 3, piece_row, &x);
		}
		if (st != DM_OK)
			return st;
		if (!x.found) {
			log_error("attachments: a content lacks its piece %lld",
			    i);
			return DM_EINTERNAL;
		}
	}
	return DM_OK;
}

dm_status
blobs_read(struct db *db, struct arena *a, const unsigned char sha[32],
    const char **data, size_t *len)
{
	struct gather g = { NULL, 0, 0 };
	struct dm_value p = DM_VBLOB((const char *)sha, 32);
	long long size = 0;
	dm_status st;

	if ((st = db_query_int(db, "SELECT size FROM blobs WHERE sha256 = ?",
	    &p, 1, &size)) != DM_OK)
		return st;
	g.cap = (size_t)size;
	g.data = arena_alloc(a, g.cap + 1);
	if ((st = blobs_each_piece(db, sha, gather_piece, &g, NULL)) !=
	    DM_OK)
		return st;
	if (g.len != g.cap) {
		log_error("attachments: a content is shorter than its size");
		return DM_EINTERNAL;
	}
	g.data[g.len] = '\0';
	*data = (const char *)g.data;
	*len = g.len;
	return DM_OK;
}

/* fresh: the request was inserted by this transaction (see
 * attachments_store_fresh). */
static dm_status
store(struct dm_req *req, long long request_id, long long event_id,
    const char *field, long long by, int internal, size_t *stored, int fresh)
{
	struct db *db = db_worker();
	long long have = 0;
	size_t n = 0;
	dm_status st;

	if (stored != NULL)
		*stored = 0;
	if (req->uploads == NULL)
		return DM_OK;
	if (!fresh) {
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
		unsigned char tsha[crypto_hash_sha256_BYTES];
		struct blob_src src = { u->fd < 0 ? u->data : NULL, u->fd,
		    u->len };
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
		if ((st = blob_put(db, u->sha256, &src, u->staged)) != DM_OK)
			return st;
		p[0] = DM_VINT(request_id);
		p[1] = event_id ? DM_VINT(event_id) : DM_VNULL;
		p[2] = DM_VTEXT(u->field);
		p[3] = DM_VBLOB((const char *)u->sha256, sizeof(u->sha256));
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
attachments_store(struct dm_req *req, long long request_id,
    long long event_id, const char *field, long long by, int internal,
    size_t *stored)
{
	return store(req, request_id, event_id, field, by, internal, stored,
	    0);
}

dm_status
attachments_store_fresh(struct dm_req *req, long long request_id,
    long long by)
{
	return store(req, request_id, 0, NULL, by, 0, NULL, 1);
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
	unsigned char		*sha;	/* attachments_find */
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
	/* The list has whether it is public; a fetch its content's hash. */
	if (n == 10 && c[9].type == DM_V_INT)
		a->public = c[9].i != 0;
	else if (n > 10 && x->sha != NULL) {
		if (c[9].type != DM_V_BLOB || c[9].len != 32)
			return DM_EINTERNAL;
		memcpy(x->sha, c[9].s, 32);
		a->size = c[10].i;	/* the thumbnail's, for thumb */
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
	    "field, event_id, internal, thumb_width, thumb_height, public "
	    "FROM attachments WHERE request_id = ? "
	    "AND (? = 0 OR event_id IS NULL) AND (? = 1 OR internal = 0) "
	    "ORDER BY id", p, 3, file_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

dm_status
attachments_find(struct dm_req *req, long long request_id,
    long long attachment_id, int with_internal, int thumb,
    struct attachment *a, unsigned char sha[32])
{
	struct rows x = { req, { NULL, 0, 0 }, sha };
	struct dm_value p[3] = { DM_VINT(attachment_id), DM_VINT(request_id),
	    DM_VINT(with_internal) };
	dm_status st;

	/* thumb: the photo's thumbnail instead of the file (a JPEG). */
	st = db_query(db_worker(), thumb ? "SELECT a.id, a.filename, "
	    "'image/jpeg', a.size, a.field, a.event_id, a.internal, "
	    "a.thumb_width, a.thumb_height, b.sha256, b.size FROM attachments "
	    "a JOIN blobs b ON b.sha256 = a.thumb_sha256 WHERE a.id = ? AND "
	    "a.request_id = ? AND (? = 1 OR a.internal = 0)" : "SELECT a.id, "
	    "a.filename, a.content_type, a.size, a.field, a.event_id, "
	    "a.internal, a.thumb_width, a.thumb_height, b.sha256, b.size FROM "
	    "attachments a JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = ? "
	    "AND a.request_id = ? AND (? = 1 OR a.internal = 0)", p, 3,
	    file_row, &x);
	if (st != DM_OK)
		return st;
	if (x.vec.n == 0)
		return DM_ENOTFOUND;
	*a = *(struct attachment *)x.vec.v;
	return DM_OK;
}

dm_status
attachments_each_piece(struct dm_req *req, const unsigned char sha[32],
    blob_piece_fn fn, void *arg)
{
	(void)req;
	return blobs_each_piece(db_worker(), sha, fn, arg, NULL);
}

dm_status
attachments_fetch(struct dm_req *req, long long request_id,
    long long attachment_id, int with_internal, int thumb,
    struct attachment *a, const char **data)
{
	unsigned char sha[32];
	size_t len = 0;
	dm_status st;

	if ((st = attachments_find(req, request_id, attachment_id,
	    with_internal, thumb, a, sha)) != DM_OK)
		return st;
	if ((st = blobs_read(db_worker(), req->arena, sha, data, &len)) !=
	    DM_OK)
		return st == DM_ENOTFOUND ? DM_EINTERNAL : st;
	a->size = (long long)len;
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
