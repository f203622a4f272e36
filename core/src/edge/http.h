/*
 * http.h - reading one HTTP request.
 * Owns: parsing of the FastCGI parameters, query string, urlencoded and
 * multipart bodies and cookies into struct dm_req (req.h), limits first,
 * UTF-8 checked. The answer is written by view/response.c.
 */
#ifndef DIMOS_HTTP_H
#define DIMOS_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "dimos/host.h"
#include "req.h"
#include "response.h"

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

#endif
