/*
 * http.h - one HTTP request as the core sees it, and its response.
 * Owns: struct dm_req, parsing of the FastCGI parameters, query string,
 * urlencoded body and cookies (limits first, UTF-8 checked), response
 * headers (security headers on every response), redirects and raw bodies.
 */
#ifndef DIMOS_HTTP_H
#define DIMOS_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "dimos/host.h"
#include "arena.h"

struct FCGX_Stream;

/* A file that came with a multipart form; data is released with the
 * request. Over-limit or disallowed files keep their name, not data. */
struct upload {
	struct upload	*next;
	const char	*field;		/* the form field */
	const char	*filename;	/* sanitized, for display */
	const char	*type;		/* detected from the content */
	unsigned char	*data;
	size_t		 len;
	size_t		 cap;
	int		 too_big;	/* over limits.upload_file */
	int		 bad_type;	/* not in limits.upload_types */
	int		 too_many;	/* over limits.upload_files */
	int		 unnamed;	/* sent without a file name */
};
struct config;
struct plugin;
struct session;

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

	struct session		*session;	/* NULL: anonymous */
	const char		*anon_csrf;	/* a visitor's CSRF token */
	struct upload		*uploads;	/* in arrival order */
	size_t			 nuploads;
	void			*user_cache;	/* struct dm_user, host.c */
	int			 keep_page;	/* pagecache.c may keep it */
};

/* The parameters of a FastCGI request (its FCGX_ParamArray) into env;
 * the strings stay libfcgi's. */
void		http_env_fill(struct http_env *env, char **params);
/* Parse env into req; on failure returns the HTTP status to answer. */
int		http_parse(struct dm_req *req);
/* Reads and parses an urlencoded body; 0 or the HTTP status (400/413). */
int		http_read_form(struct dm_req *req);
/* Releases the files of a multipart body. */
void		http_free_uploads(struct dm_req *req);
/* Files of one field (in order); NULL-terminated arena array. */
struct upload	**http_uploads(struct dm_req *req, const char *field);

/* Reads and discards what is left of the body (bounded by cap). */
void		http_drain(struct dm_req *req, long long cap);

/* Parsers exposed for unit tests and fuzzing; 0 or an HTTP status. */
int		http_parse_urlencoded(struct arena *a, const char *s,
		    size_t len, size_t max_fields, struct kvlist *out);
int		http_parse_cookies(struct arena *a, const char *s,
		    struct kvlist *out);
const char	*http_pick_lang(const char *accept_language);
int		http_valid_text(const char *s, size_t len);

/* URLs. Percent-encoding of s, keeping unreserved characters and keep. */
char		*http_urlencode(struct arena *a, const char *s,
		    const char *keep);
/* A decoded request path as a URL path on this site ("/\x" -> "/%5Cx",
 * "//x" -> "/%2Fx"): safe to put in a link. */
const char	*http_path_url(struct arena *a, const char *path);
/* url when it is a local URL (one '/' first, no control characters, no
 * backslash in the path), with spaces, non-ASCII bytes and the like
 * percent-encoded; else NULL. */
const char	*http_local_url(struct arena *a, const char *url);

const char	*kv_get(const struct kvlist *l, const char *key);
void		 kv_add(struct arena *a, struct kvlist *l, const char *key,
		    const char *val, size_t vlen);

/* Response. */
void		http_header(struct dm_req *req, const char *name,
		    const char *value);
void		http_set_cookie(struct dm_req *req, const char *name,
		    const char *value, long long max_age, int http_only);
void		http_begin(struct dm_req *req, int status,
		    const char *content_type);
void		http_write(struct dm_req *req, const void *p, size_t len);
void		http_send(struct dm_req *req, int status,
		    const char *content_type, const void *body, size_t len);
/* 303 See Other to a local URL (http_local_url); "/" if it is not one. */
void		http_redirect(struct dm_req *req, const char *location);
/* 301 Moved Permanently, the same way. */
void		http_moved(struct dm_req *req, const char *location);
const char	*http_reason(int status);

#endif
