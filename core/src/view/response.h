/*
 * response.h - what goes back to the client besides rendered pages.
 * Owns: the status line, the security headers every response carries,
 * extra headers (never with a line break), cookies, local redirects and
 * raw bodies, written to the FastCGI stream.
 */
#ifndef DIMOS_RESPONSE_H
#define DIMOS_RESPONSE_H

#include <stddef.h>

#include "req.h"

void		http_header(struct dm_req *req, const char *name,
		    const char *value);
void		http_set_cookie(struct dm_req *req, const char *name,
		    const char *value, long long max_age, int http_only);
void		http_begin(struct dm_req *req, int status,
		    const char *content_type);
void		http_write(struct dm_req *req, const void *p, size_t len);
void		http_send(struct dm_req *req, int status,
		    const char *content_type, const void *body, size_t len);
/* Only to a local path; anything else goes to "/" (and is logged). */
void		http_redirect(struct dm_req *req, const char *location);
const char	*http_reason(int status);

#endif
