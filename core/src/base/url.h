/*
 * url.h - URLs the site writes: percent-encoding, a decoded request path
 * made a link again, and the check that a redirect target stays on the
 * site. Pure functions; results live in the arena.
 */
#ifndef DIMOS_URL_H
#define DIMOS_URL_H

#include "arena.h"

/* Percent-encodes s, keeping ASCII letters, digits, "-._~" and keep. */
char		*url_encode(struct arena *a, const char *s, const char *keep);
/*
 * A decoded request path as a URL path on this site: what a URL path may
 * not hold is percent-encoded ("/\x" -> "/%5Cx"), and a second slash
 * at the start too ("//x" -> "/%2Fx"). Safe to put in a link; "/" for
 * NULL or a relative path.
 */
const char	*url_of_path(struct arena *a, const char *path);
/*
 * url when it is a local URL: exactly one '/' first, no control character
 * anywhere, no backslash in the path (browsers drop tabs and line breaks
 * and read '\' as '/', so "/<TAB>/host" or "/\host" would leave the site).
 * Spaces, non-ASCII bytes and the like come back percent-encoded, '%' is
 * left as it is. NULL when it is not local.
 */
const char	*url_local(struct arena *a, const char *url);

#endif
