/*
 * attachments.h - the files of requests.
 * Owns: the attachments table (a citizen's form files, files sent with a
 * history event, clerks' internal files) and the blobs table that stores
 * each content once per SHA-256, for documents too. The citizen's form
 * files of one request stay within limits.upload_files; a draft's files
 * can be removed, a submitted request's never.
 */
#ifndef DIMOS_ATTACHMENTS_H
#define DIMOS_ATTACHMENTS_H

#include <stddef.h>

#include "dimos/plugin.h"

struct arena;
struct db;
struct dm_req;

struct attachment {
	long long	 id;
	long long	 event_id;	/* 0: the citizen's form files */
	long long	 size;
	const char	*filename;
	const char	*type;		/* detected from the content */
	const char	*field;		/* the form field, or NULL */
	int		 internal;	/* staff only */
	int		 thumb_width;	/* a photo's thumbnail; 0: none */
	int		 thumb_height;
	int		 public;	/* a clerk showed it on the public
					   map (public_reports.h) */
};

/*
 * Contents over this many bytes are stored in chunks of it (blob_chunks);
 * up to it, in their blobs row.
 */
#define BLOB_CHUNK	(256 * 1024)

/* Stores data once under its SHA-256 (sha, computed by the caller); in
 * chunks, each its own statement, when over BLOB_CHUNK. */
dm_status	blobs_put(struct db *db, const unsigned char sha[32],
		    const void *data, size_t len);

/* One piece of a content, in order; data is borrowed for the call. */
typedef dm_status (*blob_piece_fn)(void *arg, const char *data, size_t len);

/*
 * Hands a stored content to fn in pieces of at most BLOB_CHUNK bytes,
 * whichever layout it has (chunks, or its blobs row read in slices);
 * *size (may be NULL) gets its size first. DM_ENOTFOUND if there is no
 * such content.
 */
dm_status	blobs_each_piece(struct db *db, const unsigned char sha[32],
		    blob_piece_fn fn, void *arg, long long *size);
/* A whole content into the arena (NUL-terminated), for those who need it
 * in memory (a plugin's upload_read, a PDF's check); bounded by the
 * limits it was accepted with. */
dm_status	blobs_read(struct db *db, struct arena *a,
		    const unsigned char sha[32], const char **data,
		    size_t *len);

/*
 * Writes the chunks of the request's uploads over BLOB_CHUNK, each in its
 * own autocommitted statement; called before the transaction that stores
 * them (attachments_store then adds only the blobs row that makes each
 * complete), so that no write-set grows with a file. Inside a transaction
 * it does nothing and attachments_store writes the chunks itself. Also
 * sweeps a few chunks left by transactions that never committed.
 */
dm_status	attachments_stage(struct dm_req *req);

/*
 * Stores the request's acceptable uploads (req->uploads; field NULL: all
 * fields) as attachments of event_id (0: the citizen's form files), by
 * account by. *stored (may be NULL) counts them; a form file over the
 * per-request number is marked too_many and left for the caller to report.
 */
dm_status	attachments_store(struct dm_req *req, long long request_id,
		    long long event_id, const char *field, long long by,
		    int internal, size_t *stored);
/*
 * The form files of a draft this very transaction inserted: it holds none
 * yet and no other transaction can see it, so neither the count nor the
 * write to the request's row that makes two uploads take turns is needed
 * (attachments_store with event 0 and all fields, two statements fewer).
 */
dm_status	attachments_store_fresh(struct dm_req *req,
		    long long request_id, long long by);
/* Removes a form file of a draft; DM_ENOTFOUND otherwise. */
dm_status	attachments_drop_draft(struct dm_req *req,
		    long long request_id, long long attachment_id);
/* How many form files of field the request has. */
dm_status	attachments_count(struct dm_req *req, long long request_id,
		    const char *field, long long *n);
/* The request's files in order: only the form's (form_only), internal
 * ones only with_internal (arena array). */
dm_status	attachments_list(struct dm_req *req, long long request_id,
		    int form_only, int with_internal, struct attachment **v,
		    size_t *n);
/* One file, if with_internal or it is not internal: its record and the
 * SHA-256 of its content (for blobs_each_piece); thumb: its thumbnail's
 * instead (a JPEG; a->size the thumbnail's; DM_ENOTFOUND for a file that
 * has none). */
dm_status	attachments_find(struct dm_req *req, long long request_id,
		    long long attachment_id, int with_internal, int thumb,
		    struct attachment *a, unsigned char sha[32]);
/* The content attachments_find named, in pieces of at most BLOB_CHUNK
 * (blobs_each_piece on the worker's connection): a download streams. */
dm_status	attachments_each_piece(struct dm_req *req,
		    const unsigned char sha[32], blob_piece_fn fn, void *arg);
/* The same with its bytes in memory (a->size of them): only for those
 * that need the whole file (downloads stream with attachments_find). */
dm_status	attachments_fetch(struct dm_req *req, long long request_id,
		    long long attachment_id, int with_internal, int thumb,
		    struct attachment *a, const char **data);

/* The files of the account's requests (not staff-internal ones) for its
 * data export ("files" in root). */
struct json_object;
dm_status	attachments_export(struct db *db, long long account_id,
		    struct json_object *root);

#endif
