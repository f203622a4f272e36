/*
 * response.c - status, headers and bodies onto the FastCGI stream.
 * Headers are built only from our own values and refuse line breaks;
 * redirects go only to local URLs (url_local); whatever a logged-in user
 * is sent is marked no-store.
 */
#include <fcgiapp.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "log.h"
#include "response.h"
#include "url.h"

/*
 * The headers every response carries. Scripts only from our own files (the
 * map's, no inline script); images from us and the map's tile server;
 * fetch() only back to us (the map's GeoJSON).
 */
#define CSP_HEAD	"Content-Security-Policy: default-src 'none'; " \
	"script-src 'self'; style-src 'self'; img-src 'self' data:"
#define CSP_TAIL	"; font-src 'self'; connect-src 'self'; " \
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'\r\n" \
	"X-Content-Type-Options: nosniff\r\n" \
	"X-Frame-Options: DENY\r\n" \
	"Referrer-Policy: same-origin\r\n" \
	"Cross-Origin-Opener-Policy: same-origin\r\n" \
	"Permissions-Policy: camera=(), microphone=(), geolocation=(self)\r\n"

static char http_security_headers[1024] = CSP_HEAD CSP_TAIL;
static size_t http_security_len = sizeof(CSP_HEAD CSP_TAIL) - 1;

void
http_set_image_origin(const char *origin)
{
	int n;

	/* The origin comes from config_tile_origin: no quote, space,
	 * semicolon, comma or line break can be in it. */
	n = snprintf(http_security_headers, sizeof(http_security_headers),
	    "%s%s%s%s", CSP_HEAD, origin != NULL && origin[0] != '\0' ? " " :
	    "", origin != NULL ? origin : "", CSP_TAIL);
	if (n < 0 || (size_t)n >= sizeof(http_security_headers))
		log_fatal("the Content-Security-Policy does not fit");
	http_security_len = (size_t)n;
}

const char *
http_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 422: return "Unprocessable Content";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

/* Header values come from us, but never let one carry a line break. */
static int
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return 0;
	return 1;
}

void
http_header(struct dm_req *req, const char *name, const char *value)
{
	size_t n;
	char *h;

	if (!header_safe(name) || !header_safe(value)) {
		log_error("refusing a header with control characters: %s",
		    name);
		return;
	}
	n = strlen(name) + strlen(value) + 4;
	h = arena_alloc(req->arena, req->headers_len + n + 1);
	if (req->headers_len > 0)
		memcpy(h, req->headers, req->headers_len);
	snprintf(h + req->headers_len, n + 1, "%s: %s\r\n", name, value);
	req->headers = h;
	req->headers_len += n;
}

void
http_set_cookie(struct dm_req *req, const char *name, const char *value,
    long long max_age, int http_only)
{
	char *v;

	v = arena_printf(req->arena, "%s=%s; Path=/; Max-Age=%lld; "
	    "SameSite=Lax%s%s", name, value, max_age,
	    http_only ? "; HttpOnly" : "", req->secure ? "; Secure" : "");
	http_header(req, "Set-Cookie", v);
}

/* Was a header of this name added with http_header? */
static int
has_header(const struct dm_req *req, const char *name)
{
	size_t n = strlen(name);
	const char *h = req->headers, *end;

	if (h == NULL)
		return 0;
	end = h + req->headers_len;
	while (h != NULL && h < end) {
		if ((size_t)(end - h) > n && strncasecmp(h, name, n) == 0 &&
		    h[n] == ':')
			return 1;
		h = memchr(h, '\n', (size_t)(end - h));
		if (h != NULL)
			h++;
	}
	return 0;
}

void
http_begin(struct dm_req *req, int status, const char *content_type)
{
	char buf[1024];
	int n;

	if (req->sent)
		return;
	/*
	 * Nothing said to someone logged in, and no response that sets a
	 * cookie (a login, a logout), may be kept by a browser's or a
	 * proxy's cache: pages, files and exports alike.
	 */
	if ((req->session != NULL || has_header(req, "Set-Cookie")) &&
	    !has_header(req, "Cache-Control"))
		http_header(req, "Cache-Control", "no-store");
	req->sent = 1;
	req->status = status;
	n = snprintf(buf, sizeof(buf), "Status: %d %s\r\n", status,
	    http_reason(status));
	if (content_type != NULL)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n,
		    "Content-Type: %s\r\n", content_type);
	/* For the benchmark: the database round trips the page took. */
	if (req->cfg != NULL && req->cfg->db_trips_header)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n,
		    "X-Dimos-DB-Trips: %llu\r\n", req_trips() - req->db_trips0);
	FCGX_PutStr(buf, n, req->out);
	FCGX_PutStr(http_security_headers, (int)http_security_len, req->out);
	if (req->headers_len > 0)
		FCGX_PutStr(req->headers, (int)req->headers_len, req->out);
	FCGX_PutStr("\r\n", 2, req->out);
}

void
http_write(struct dm_req *req, const void *p, size_t len)
{
	if (req->method == HTTP_HEAD)
		return;
	while (len > 0) {
		int chunk = len > (1u << 30) ? (1 << 30) : (int)len;

		if (FCGX_PutStr(p, chunk, req->out) < 0)
			return;
		req->bytes += (size_t)chunk;
		p = (const char *)p + chunk;
		len -= (size_t)chunk;
	}
}

void
http_send(struct dm_req *req, int status, const char *content_type,
    const void *body, size_t len)
{
	char cl[32];

	snprintf(cl, sizeof(cl), "%zu", len);
	http_header(req, "Content-Length", cl);
	http_begin(req, status, content_type);
	http_write(req, body, len);
}

static void
redirect(struct dm_req *req, int status, const char *location)
{
	const char *local = url_local(req->arena, location);

	if (local == NULL) {
		log_error("refusing a redirect to a non-local location");
		local = "/";
	}
	http_header(req, "Location", local);
	http_begin(req, status, NULL);
}

void
http_redirect(struct dm_req *req, const char *location)
{
	redirect(req, 303, location);
}

void
http_moved(struct dm_req *req, const char *location)
{
	redirect(req, 301, location);
}
