/*
 * req.h - one request as every layer of the core is handed it.
 * Owns: struct dm_req (the per-request context: arena, configuration, the
 * parsed input, who is asking, the response's state), the files of a
 * multipart form, and the key/value lists of query, form, cookies and
 * route captures. edge/http.c fills the input, web/ sets who is asking,
 * view/response.c writes the answer; everything is borrowed until the
 * response is sent.
 */
#ifndef DIMOS_REQ_H
#define DIMOS_REQ_H

#include <stddef.h>

#include "dimos/host.h"
#include "arena.h"

struct FCGX_Stream;
struct config;
struct plugin;
struct render_user;
struct session;

/*
 * A file that came with a multipart form. A large file never sits in the
 * heap whole: edge/http.c keeps the first REQ_UPLOAD_SPOOL bytes in
 * memory and, once a file grows past them, streams it into an unlinked
 * temporary file (fd); data is then a read-only mapping of that file, so
 * pages are only resident while someone reads them (the attachments are
 * stored from fd in chunks with pread, never through data). A file of at
 * most REQ_UPLOAD_SPOOL bytes stays in the heap (in_heap, fd -1): a
 * temporary file costs more than its bytes (an inode created and freed
 * under the file system's journal, about 0.6 ms on the test machine under
 * load). sha256 is the content's hash, kept up to date with it.
 * Over-limit or disallowed files keep their name, not data (data NULL, fd
 * -1). Released with the request (http_free_uploads, req_upload_drop).
 */
#define REQ_UPLOAD_SPOOL	(256 * 1024)

struct upload {
	struct upload	*next;
	const char	*field;		/* the form field */
	const char	*filename;	/* sanitized, for display */
	const char	*type;		/* detected from the content */
	const unsigned char *data;	/* PROT_READ mapping of fd, or the
					   heap's (in_heap) */
	size_t		 len;
	int		 fd;		/* -1: none */
	int		 in_heap;	/* data is malloc'ed */
	unsigned char	 sha256[32];
	int		 staged;	/* its chunks are in the database
					   (attachments_stage) */
	int		 too_big;	/* over limits.upload_file */
	int		 bad_type;	/* not in limits.upload_types */
	int		 too_many;	/* over limits.upload_files */
	int		 fresh;		/* stored in a draft inserted by
					   this request (all its files) */
	int		 unnamed;	/* sent without a file name */
	/* Photos (JPEG, PNG, HEIC) are made safe as they arrive
	 * (edge/http.c): data holds the image without any metadata, HEIC
	 * turned into JPEG, and thumb a JPEG thumbnail (malloc'ed, released
	 * with the request). */
	int		 bad_image;	/* a photo that does not decode */
	int		 too_many_pixels; /* over [photos] max_pixels / side */
	unsigned char	*thumb;
	size_t		 thumb_len;
	int		 thumb_width, thumb_height;
	/* The position in the photo's EXIF before it was stripped: kept in
	 * memory for this request only, used when the citizen asked for it
	 * (forms.c, "<field>_use_photo"), never stored. */
	int		 has_gps;
	double		 gps_lat, gps_lon;
};

/* A file under a name the form does not declare: its bytes are dropped
 * and its flags cleared, as if it had never been sent (only declared file
 * fields are read). */
void		 req_upload_drop(struct upload *u);
/* Releases the file's bytes (mapping and temporary file), keeping its
 * name and flags. */
void		 req_upload_release(struct upload *u);
/*
 * A new unlinked temporary file for upload bytes in dir (NULL: $TMPDIR,
 * else /tmp): O_TMPFILE, or mkstemp and unlink where the file system has
 * no O_TMPFILE. -1 with errno set on failure.
 */
int		 req_upload_tmpfile(const char *dir);
/*
 * Replaces the file's bytes with data[0..len) (malloc'ed; a photo made
 * safe), taking it over: kept in the heap up to REQ_UPLOAD_SPOOL, else
 * written to a new temporary file in dir and mapped (data freed); rehashed
 * either way. DM_EINTERNAL on an I/O failure (the upload is then
 * released).
 */
dm_status	 req_upload_take(struct upload *u, const char *dir,
		    unsigned char *data, size_t len);
/* Makes data[0..len) (malloc'ed) the file's bytes in the heap; sha256 is
 * the caller's to set. */
void		 req_upload_heap(struct upload *u, unsigned char *data,
		    size_t len);
/* Maps the first len bytes of fd read-only as the file's data; the fd is
 * the upload's from now on. DM_EINTERNAL on failure. */
dm_status	 req_upload_map(struct upload *u, int fd, size_t len);

/*
 * How many statements this process has sent to the database (a prepare,
 * an execute, a START TRANSACTION or COMMIT each count one; store/db.c
 * counts them): the difference over a request is its round trips
 * ([server] db_trips_header).
 */
void		 req_count_trip(void);
unsigned long long req_trips(void);
/*
 * Whether a statement failed, since the request began, for the database
 * server's sake and not the statement's: the server away or lost (2006,
 * 2013, a refused connection), a Galera node not ready (1047), a
 * deadlock, conflict or lock wait out of retries (1213, 1205), a
 * statement cut (1969, 1317). store/db.c notes it (REQ_OUTAGE_READ for a
 * query, REQ_OUTAGE_WRITE for a statement without rows or a transaction
 * that failed every attempt; a transaction that succeeded in the end
 * takes back what its attempts noted); edge/worker.c clears it for every
 * request and answers 503 whatever a handler made of it, never "not
 * found" or "not allowed"; web/open311.c the same in the spec's format.
 */
#define REQ_OUTAGE_READ		1u
#define REQ_OUTAGE_WRITE	2u
void		 req_note_outage(unsigned what);
unsigned	 req_outage(void);
void		 req_outage_set(unsigned v);
/* The first file sent under field that was kept (data, or a flag saying
 * why not); NULL if none. */
struct upload	*req_upload(struct dm_req *req, const char *field);

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_OTHER,
	HTTP__MAX
};

struct kv {
	const char	*key;
	const char	*val;
	size_t		 vlen;
};

struct kvlist {
	struct kv	*v;
	size_t		 n;
	size_t		 cap;
};

/* Raw parameters the front end hands us; tests fill these directly. */
struct http_env {
	const char	*method;
	const char	*uri;		/* DOCUMENT_URI, decoded by nginx */
	const char	*query;		/* QUERY_STRING, raw */
	const char	*content_type;
	const char	*content_length;
	const char	*cookie;
	const char	*accept_language;
	const char	*https;		/* "on" when served over TLS */
	const char	*remote_addr;
	const char	*user_agent;
};

struct dm_req {
	const char		*rid;		/* the request's id (log.h) */
	const char		*route;		/* the matched route's pattern */
	struct arena		*arena;
	const struct config	*cfg;
	struct http_env		 env;
	struct FCGX_Stream	*in;
	struct FCGX_Stream	*out;

	enum http_method	 method;
	const char		*path;
	struct kvlist		 query;
	struct kvlist		 form;
	struct kvlist		 cookies;
	struct kvlist		 args;		/* route captures */
	int			 form_parsed;
	const char		*lang;		/* "el" | "en" */
	int			 lang_from_query;
	int			 secure;	/* cookies get Secure */

	/* The response. */
	int			 status;
	char			*headers;	/* extra header lines */
	size_t			 headers_len;
	int			 sent;		/* headers written */
	size_t			 bytes;		/* body bytes written */

	/* The page being built (render.c). */
	void			*doc;		/* xmlDocPtr */
	void			*page;		/* <page> node */
	void			*content;	/* <content> node */
	const char		*view;
	const struct plugin	*plugin;	/* owner of the route */
	/* The page header's "who is logged in", given by web/ before the
	 * page is rendered (render.c never looks it up). */
	const struct render_user *user;

	struct session		*session;	/* NULL: anonymous */
	struct session		*pending;	/* a login awaiting its second
						   factor (then session is
						   NULL) */
	const char		*anon_csrf;	/* a visitor's CSRF token */
	struct upload		*uploads;	/* in arrival order */
	size_t			 nuploads;
	void			*user_cache;	/* struct dm_user, host.c */
	void			*account_cache;	/* accounts.c */
	unsigned long long	 db_trips0;	/* req_trips() when it began */
	int			 unread_stale;	/* the mailbox changed in it */
	int			 keep_page;	/* pagecache.c may keep it */
	const char		*refusal;	/* why a plugin's hook refused
						   (host->refuse), the reader's
						   language */
};

const char	*kv_get(const struct kvlist *l, const char *key);
void		 kv_add(struct arena *a, struct kvlist *l, const char *key,
		    const char *val, size_t vlen);

/* The client's address for the audit log and throttles ("-" if none). */
const char	*req_ip(const struct dm_req *req);

#endif
