/*
 * dimos/host.h - the services the core offers to plugins.
 * FROZEN COPY (tests/abi/v1_0): the header as published for ABI 1.0,
 * kept to prove that a 1.x plugin is refused precisely. Never edit it.
 * Owns: struct dm_host (a versioned table of function pointers), the opaque
 * request and page-node types, and the database value type.
 * Memory: every pointer the host returns is borrowed from the request's
 * arena and valid until the response is sent, unless stated otherwise.
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

#define DM_HOST_ABI_MINOR	0

struct dm_host {
	unsigned	 abi_major;
	unsigned	 abi_minor;
	size_t		 size;		/* sizeof(struct dm_host) in core */

	/* Logging, tagged with the plugin name and the worker. */
	void		(*log)(enum dm_log_level level, const char *plugin,
			    const char *fmt, ...)
			    __attribute__((format(printf, 3, 4)));

	/* A key of the plugin's config section [plugin.<name>], or NULL. */
	const char	*(*config_get)(const char *plugin, const char *key);

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

#endif /* DIMOS_HOST_H */
