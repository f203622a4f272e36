/*
 * url.c - percent-encoding and local URLs, for links and redirects built
 * from what a request said.
 */
#include <string.h>

#include "url.h"

/* What may stay as it is in a path (RFC 3986 pchar and "/"). */
#define URL_PATH_KEEP	"/!$&'()*+,;=:@"

char *
url_encode(struct arena *a, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL ||
		    (keep != NULL && strchr(keep, c) != NULL)) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

const char *
url_of_path(struct arena *a, const char *path)
{
	char *u;

	if (path == NULL || path[0] != '/')
		return "/";
	u = url_encode(a, path, URL_PATH_KEEP);
	/* "//host" would leave the site: the second slash is data. */
	if (u[1] == '/')
		u = arena_printf(a, "/%%2F%s", u + 2);
	return u;
}

const char *
url_local(struct arena *a, const char *url)
{
	const unsigned char *p;
	int in_path = 1;

	if (url == NULL || url[0] != '/' || url[1] == '/' || url[1] == '\\')
		return NULL;
	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return NULL;
		if (*p == '?' || *p == '#')
			in_path = 0;
		else if (*p == '\\' && in_path)
			return NULL;
	}
	/* The rest of a URL may stay, '%' included: it is already one. */
	return url_encode(a, url, URL_PATH_KEEP "?#%[]");
}
