/*
 * render.h - pages: the XML document a handler builds, and the one compiled
 * XSLT stylesheet (per worker) that turns it into HTML on the FastCGI stream.
 * Owns: XSLT security (no file writes, no network, loads only from the
 * allowed folders), the dm:t() string lookup, page and error responses.
 */
#ifndef DIMOS_RENDER_H
#define DIMOS_RENDER_H

#include "dimos/host.h"

struct dm_req;
struct config;

#define RENDER_NS	"urn:dimos"

/*
 * The page header's "who is logged in". The caller (web/) gives it in
 * req->user before a page is rendered; render.c never looks anything up.
 * No user (NULL): a visitor's header.
 */
struct render_user {
	const char	*name;		/* to greet, never empty */
	const char	*csrf;		/* for the header's logout form */
	char		 level;		/* 'A' | 'B' */
	int		 staff;		/* link to the back office */
	int		 admin;
	long long	 unread;	/* unread mailbox items; -1: none shown */
};

/*
 * Compiles xslt_dir/site.xsl plus each extra stylesheet (a plugin's), with
 * loading restricted to xslt_dir and the given roots.
 */
dm_status	 render_init(const char *xslt_dir, const char *const *roots,
		    size_t nroots, const char *const *sheets, size_t nsheets);
void		 render_fini(void);

/* Starts the page document; returns <content view="...">. */
struct dm_node	*render_begin(struct dm_req *req, const char *view,
		    const char *title);
/* Transforms and writes the page with req->status (200 if unset). */
void		 render_page(struct dm_req *req);
/* Drops any page under construction and answers with an error page. */
void		 render_error(struct dm_req *req, int status);
/* The same with a reason the page explains (error.<reason>.*). */
void		 render_error_reason(struct dm_req *req, int status,
		    const char *reason);
/* Builds the error page for status (and reason) without sending it:
 * a handler returns DM_OK and the page goes out like any other. */
struct dm_node	*render_error_page(struct dm_req *req, int status,
		    const char *reason);
/* Frees the page document (after the response or on error). */
void		 render_discard(struct dm_req *req);

/* Page building; text is escaped by the serializer, never interpreted. */
struct dm_node	*render_add(struct dm_node *parent, const char *name,
		    const char *text);
void		 render_attr(struct dm_node *node, const char *name,
		    const char *value);
void		 render_attr_int(struct dm_node *node, const char *name,
		    long long value);
/* Text with blank lines becomes <p> children of parent. */
void		 render_paragraphs(struct dm_node *parent, const char *text);

#endif
