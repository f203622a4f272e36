/*
 * dimos/host.h - the services the core offers to plugins, ABI 2.0.
 * FROZEN COPY (tests/abi/v2_0): the header as published for ABI 2.0.
 * Never edit it.
 * Owns: struct dm_host (a table of function pointers that only grows at its
 * end), the opaque request, form and page-node types, the database value
 * type.
 * Memory: every pointer the host returns is borrowed from the request's
 * arena and valid until the response is sent, unless stated otherwise.
 * Versioning: the host table carries the ABI version of the core and its
 * size; a plugin may use a function only if DM_HOST_HAS(host, fn) (a core
 * is never older than the plugin's minor: the loader refuses that).
 */
#ifndef DIMOS_HOST_H
#define DIMOS_HOST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dimos/plugin.h"

struct dm_req;			/* one HTTP request, opaque */
struct dm_node;			/* one element of the page document, opaque */

enum dm_log_level {
	DM_LOG_ERROR,
	DM_LOG_WARN,
	DM_LOG_INFO,
	DM_LOG_DEBUG,
	DM_LOG__MAX
};

/* A typed database value: a statement parameter or a result column. */
enum dm_vtype {
	DM_V_NULL,
	DM_V_INT,
	DM_V_DOUBLE,
	DM_V_TEXT,		/* UTF-8, not necessarily NUL-terminated */
	DM_V_BLOB,
	DM_V__MAX
};

struct dm_value {
	enum dm_vtype	 type;
	long long	 i;
	double		 d;
	const char	*s;	/* TEXT and BLOB; NUL-terminated in results */
	size_t		 len;
};

/* A NULL string becomes SQL NULL. */
static inline struct dm_value
dm_vtext(const char *s)
{
	struct dm_value v = { .type = s ? DM_V_TEXT : DM_V_NULL, .s = s,
	    .len = s ? __builtin_strlen(s) : 0 };

	return v;
}

#define DM_VNULL	((struct dm_value){ .type = DM_V_NULL })
#define DM_VINT(x)	((struct dm_value){ .type = DM_V_INT, .i = (x) })
#define DM_VTEXT(x)	dm_vtext(x)
#define DM_VBLOB(p, n)	((struct dm_value){ .type = DM_V_BLOB, .s = (p), \
			    .len = (n) })

/*
 * Called once per result row; cols are valid only during the call.
 * Returning non-DM_OK stops the iteration and becomes the query's status.
 */
typedef dm_status (*dm_row_fn)(void *arg, const struct dm_value *cols,
    size_t ncols);

/* A function run inside a transaction by db_tx; may be called again. */
typedef dm_status (*dm_tx_fn)(struct dm_req *req, void *arg);

struct dm_host {
	unsigned	 abi_major;	/* DM_ABI_MAJOR of the core */
	unsigned	 abi_minor;	/* DM_ABI_MINOR of the core */
	size_t		 size;		/* sizeof(struct dm_host) in core */

	/*
	 * Logging, tagged with the plugin's name and the worker. ctx is the
	 * one init received; the core refuses (and logs) any other pointer.
	 */
	void		(*log)(struct dm_plugin_ctx *ctx,
			    enum dm_log_level level, const char *fmt, ...)
			    __attribute__((format(printf, 3, 4)));

	/* A key of the plugin's own section [plugin.<name>], or NULL. */
	const char	*(*config_get)(struct dm_plugin_ctx *ctx,
			    const char *key);

	/* Request-scoped memory (freed after the response). */
	void		*(*alloc)(struct dm_req *req, size_t size);
	char		*(*astrdup)(struct dm_req *req, const char *s);
	char		*(*aprintf)(struct dm_req *req, const char *fmt, ...)
			    __attribute__((format(printf, 2, 3)));

	/* The request. Values are valid UTF-8; absent ones are NULL. */
	const char	*(*req_method)(struct dm_req *req);
	const char	*(*req_path)(struct dm_req *req);
	const char	*(*req_arg)(struct dm_req *req, const char *name);
	const char	*(*req_query)(struct dm_req *req, const char *name);
	const char	*(*req_form)(struct dm_req *req, const char *name);
	const char	*(*req_lang)(struct dm_req *req);	/* "el" | "en" */

	/*
	 * The page: page_begin names the view (a template of the plugin's
	 * stylesheet, "<plugin>-<view>") and returns the node under which
	 * the handler puts its data. The core adds the layout data (site,
	 * session, navigation) and renders the page once the handler
	 * returns DM_OK.
	 */
	struct dm_node	*(*page_begin)(struct dm_req *req, const char *view,
			    const char *title);
	struct dm_node	*(*node_add)(struct dm_node *parent, const char *name,
			    const char *text);
	void		 (*node_attr)(struct dm_node *node, const char *name,
			    const char *value);
	void		 (*node_attr_int)(struct dm_node *node,
			    const char *name, long long value);

	/* Other responses. */
	void		 (*redirect)(struct dm_req *req, const char *location);
	void		 (*send)(struct dm_req *req, int status,
			    const char *content_type, const void *body,
			    size_t len);

	/*
	 * The database: prepared statements with ? placeholders. db_query
	 * calls fn per row (fn may be NULL); db_exec reports affected rows
	 * and the generated id (either pointer may be NULL). db_tx runs fn in
	 * a transaction and runs it again after a deadlock or a cluster
	 * certification conflict.
	 */
	dm_status	 (*db_query)(struct dm_req *req, const char *sql,
			    const struct dm_value *params, size_t nparams,
			    dm_row_fn fn, void *arg);
	dm_status	 (*db_exec)(struct dm_req *req, const char *sql,
			    const struct dm_value *params, size_t nparams,
			    uint64_t *affected, uint64_t *insert_id);
	dm_status	 (*db_tx)(struct dm_req *req, dm_tx_fn fn, void *arg);

	/* Who is asking: NULL for a visitor who has not logged in. */
	const struct dm_user *(*req_user)(struct dm_req *req);
	/* Staff of dept (clerk or head) or an administrator. */
	int		 (*req_is_staff)(struct dm_req *req, const char *dept);

	/* Forms (validate hook): a submitted value, and a message for a
	 * field in both languages (the page shows the reader's). */
	const char	*(*form_value)(struct dm_form *form, const char *field);
	void		 (*form_error)(struct dm_form *form, const char *field,
			    const char *message_el, const char *message_en);
	/* A value of a submitted request's form, or NULL. */
	const char	*(*request_value)(struct dm_req *req,
			    const struct dm_request *r, const char *field);
	/* The text in the request's language. */
	const char	*(*tr)(struct dm_req *req, const char *el,
			    const char *en);
};

#define DM_HOST_SIZE_V2_0	224
_Static_assert(sizeof(struct dm_host) == DM_HOST_SIZE_V2_0, "dm_host");

/* May the plugin call host->fn? */
#define DM_HOST_HAS(host, fn)	DM_SIZE_COVERS(struct dm_host, fn, \
				    (host)->size)

#endif /* DIMOS_HOST_H */
