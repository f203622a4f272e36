/*
 * http.c - request parsing with limits first.
 * Every value a handler sees has been percent-decoded once and checked to be
 * UTF-8 text; anything else is refused here with 400, never passed on.
 */
#include <ctype.h>
#include <errno.h>
#include <fcgiapp.h>
#include <magic.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config.h"
#include "http.h"
#include "image.h"
#include "log.h"
#include "multipart.h"
#include "validate.h"

#define COOKIE_MAX	8192
#define COOKIES_MAX	32

/* Valid UTF-8 text without NUL or control characters but tab, CR, LF. */
int
http_valid_text(const char *s, size_t len)
{
	return val_utf8(s, len);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Percent-decodes s[0..len) into the arena; 400 on a bad escape. */
static int
url_decode(struct arena *a, const char *s, size_t len, char **out,
    size_t *outlen)
{
	char *d = arena_alloc(a, len + 1);
	size_t j = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '+') {
			d[j++] = ' ';
		} else if (s[i] == '%') {
			int h, l;

			if (i + 2 >= len)
				return 400;
			h = hexval((unsigned char)s[i + 1]);
			l = hexval((unsigned char)s[i + 2]);
			if (h < 0 || l < 0)
				return 400;
			d[j++] = (char)(h * 16 + l);
			i += 2;
		} else {
			d[j++] = s[i];
		}
	}
	d[j] = '\0';
	if (!http_valid_text(d, j))
		return 400;
	*out = d;
	*outlen = j;
	return 0;
}

int
http_parse_urlencoded(struct arena *a, const char *s, size_t len,
    size_t max_fields, struct kvlist *out)
{
	size_t i = 0;

	while (i < len) {
		size_t start = i, eq = (size_t)-1, klen, vlen;
		char *k, *v;
		int r;

		while (i < len && s[i] != '&') {
			if (s[i] == '=' && eq == (size_t)-1)
				eq = i;
			i++;
		}
		if (i == start) {
			i++;
			continue;	/* "a=1&&b=2" */
		}
		if (out->n >= max_fields)
			return 400;
		if (eq == (size_t)-1) {
			klen = i - start;
			if ((r = url_decode(a, s + start, klen, &k, &klen)))
				return r;
			v = arena_strdup(a, "");
			vlen = 0;
		} else {
			if ((r = url_decode(a, s + start, eq - start, &k,
			    &klen)))
				return r;
			if ((r = url_decode(a, s + eq + 1, i - eq - 1, &v,
			    &vlen)))
				return r;
		}
		if (klen == 0 || strlen(k) != klen)
			return 400;
		kv_add(a, out, k, v, vlen);
		i++;
	}
	return 0;
}

int
http_parse_cookies(struct arena *a, const char *s, struct kvlist *out)
{
	const char *p = s;

	if (strlen(s) > COOKIE_MAX)
		return 400;
	while (*p != '\0') {
		const char *k, *ke, *v, *ve;

		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (*p == '\0')
			break;
		k = p;
		while (*p != '\0' && *p != '=' && *p != ';')
			p++;
		ke = p;
		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		if (*p != '=') {
			continue;	/* a name without value: ignore */
		}
		v = ++p;
		while (*v == ' ' || *v == '\t')
			v++;
		while (*p != '\0' && *p != ';')
			p++;
		ve = p;
		while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (ve - v >= 2 && *v == '"' && ve[-1] == '"') {
			v++;
			ve--;
		}
		if (ke == k)
			continue;
		if (out->n >= COOKIES_MAX)
			return 400;
		/* Cookie values we set are ASCII; others are ignored. */
		if (!http_valid_text(k, (size_t)(ke - k)) ||
		    !http_valid_text(v, (size_t)(ve - v)))
			continue;
		kv_add(a, out, arena_strndup(a, k, (size_t)(ke - k)),
		    arena_strndup(a, v, (size_t)(ve - v)), (size_t)(ve - v));
	}
	return 0;
}

/*
 * Greek unless the browser prefers English: the highest q among "el" and
 * "en" wins, ties go to Greek.
 */
const char *
http_pick_lang(const char *al)
{
	double qel = -1, qen = -1;
	const char *p = al;

	if (al == NULL)
		return "el";
	while (*p != '\0') {
		const char *tag = p, *tagend;
		double q = 1.0;

		while (*p != '\0' && *p != ',' && *p != ';')
			p++;
		tagend = p;
		while (tag < tagend && *tag == ' ')
			tag++;
		while (*p == ';') {
			p++;
			while (*p == ' ')
				p++;
			if (p[0] == 'q' && p[1] == '=') {
				char *end;

				q = strtod(p + 2, &end);
				if (end == p + 2 || q < 0 || q > 1)
					q = 0;
				p = end;
			}
			while (*p != '\0' && *p != ',' && *p != ';')
				p++;
		}
		if (tagend - tag >= 2 && (tagend - tag == 2 || tag[2] == '-')) {
			if (strncasecmp(tag, "el", 2) == 0 && q > qel)
				qel = q;
			else if (strncasecmp(tag, "en", 2) == 0 && q > qen)
				qen = q;
		}
		if (*p == ',')
			p++;
	}
	if (qen > 0 && qen > qel)
		return "en";
	return "el";
}

void
http_env_fill(struct http_env *env, char **params)
{
	env->method = FCGX_GetParam("REQUEST_METHOD", params);
	env->uri = FCGX_GetParam("DOCUMENT_URI", params);
	if (env->uri == NULL)
		env->uri = FCGX_GetParam("SCRIPT_NAME", params);
	env->query = FCGX_GetParam("QUERY_STRING", params);
	env->content_type = FCGX_GetParam("CONTENT_TYPE", params);
	env->content_length = FCGX_GetParam("CONTENT_LENGTH", params);
	env->cookie = FCGX_GetParam("HTTP_COOKIE", params);
	env->accept_language = FCGX_GetParam("HTTP_ACCEPT_LANGUAGE", params);
	env->https = FCGX_GetParam("HTTPS", params);
	env->remote_addr = FCGX_GetParam("REMOTE_ADDR", params);
	env->user_agent = FCGX_GetParam("HTTP_USER_AGENT", params);
}

static enum http_method
method_of(const char *m)
{
	if (m == NULL)
		return HTTP_OTHER;
	if (strcmp(m, "GET") == 0)
		return HTTP_GET;
	if (strcmp(m, "HEAD") == 0)
		return HTTP_HEAD;
	if (strcmp(m, "POST") == 0)
		return HTTP_POST;
	return HTTP_OTHER;
}

int
http_parse(struct dm_req *req)
{
	const struct config *cfg = req->cfg;
	const char *uri = req->env.uri;
	const char *lq;
	size_t qlen;
	int r;

	req->method = method_of(req->env.method);
	req->lang = "el";
	if (uri == NULL || uri[0] != '/')
		return 400;
	if (strlen(uri) > (size_t)cfg->lim_query)
		return 414;
	if (!http_valid_text(uri, strlen(uri)) || strpbrk(uri, "\r\n\t"))
		return 400;
	req->path = uri;

	if (req->env.query != NULL) {
		qlen = strlen(req->env.query);
		if (qlen > (size_t)cfg->lim_query)
			return 414;
		r = http_parse_urlencoded(req->arena, req->env.query, qlen,
		    (size_t)cfg->lim_fields, &req->query);
		if (r != 0)
			return r;
	}
	if (req->env.cookie != NULL &&
	    (r = http_parse_cookies(req->arena, req->env.cookie,
	    &req->cookies)) != 0)
		return r;

	if (req->env.https != NULL && strcasecmp(req->env.https, "on") == 0)
		req->secure = 1;
	if (cfg->secure_cookies >= 0)
		req->secure = cfg->secure_cookies;

	/* ?lang= wins and is remembered; then the cookie; then the browser. */
	lq = kv_get(&req->query, "lang");
	if (lq != NULL && (strcmp(lq, "el") == 0 || strcmp(lq, "en") == 0)) {
		req->lang = strcmp(lq, "en") == 0 ? "en" : "el";
		req->lang_from_query = 1;
		http_set_cookie(req, "lang", req->lang, 365LL * 86400, 0);
	} else if ((lq = kv_get(&req->cookies, "lang")) != NULL &&
	    (strcmp(lq, "el") == 0 || strcmp(lq, "en") == 0)) {
		req->lang = strcmp(lq, "en") == 0 ? "en" : "el";
	} else {
		req->lang = http_pick_lang(req->env.accept_language);
	}
	return 0;
}

static long long
content_length(const struct dm_req *req)
{
	const char *s = req->env.content_length;
	char *end;
	long long n;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0)
		return -1;
	return n;
}

void
http_drain(struct dm_req *req, long long cap)
{
	char buf[16384];
	long long left = content_length(req);

	if (req->in == NULL)
		return;
	/* Read up to the end of the input stream (the empty FCGI_STDIN
	 * record), also for requests without a body. */
	if (left < 0)
		left = 0;
	left = (left > cap ? cap : left) + 1;
	while (left > 0) {
		int n = FCGX_GetStr(buf, left > (long long)sizeof(buf) ?
		    (int)sizeof(buf) : (int)left, req->in);

		if (n <= 0)
			break;
		left -= n;
	}
}

/* Multipart bodies --------------------------------------------------- */

static magic_t magic_cookie;

static const char *
detect_type(const unsigned char *data, size_t len)
{
	const char *t;

	if (magic_cookie == NULL) {
		magic_cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
		if (magic_cookie == NULL || magic_load(magic_cookie, NULL)) {
			log_error("libmagic: cannot load its database");
			return NULL;
		}
	}
	/* The first 64 KiB say what a file is. */
	t = magic_buffer(magic_cookie, data, len > 65536 ? 65536 : len);
	return t;
}

static int
type_allowed(const char *allowed, const char *type)
{
	size_t n = strlen(type);
	const char *p = allowed;

	while (p != NULL && *p != '\0') {
		while (*p == ',' || *p == ' ')
			p++;
		if (strncmp(p, type, n) == 0 && (p[n] == '\0' || p[n] == ',' ||
		    p[n] == ' '))
			return 1;
		p = strchr(p, ',');
	}
	return 0;
}

/*
 * The multipart body is read through a fixed buffer and parsed as it
 * arrives (multipart.c); a file part is hashed on the way and kept in
 * memory up to REQ_UPLOAD_SPOOL bytes, then goes on into an unlinked
 * temporary file (limits.upload_dir); a field part stays in the arena
 * within limits.form. Nothing held in memory grows with a file: a worker
 * reading a 30 MB upload stays at its usual size.
 */
struct mp_ctx {
	struct dm_req	*req;
	struct upload	*cur;		/* the file part being read */
	struct upload	*last;
	int		 fd;		/* cur's temporary file, or -1 */
	unsigned char	*spool;		/* cur's first bytes, while fd < 0 */
	size_t		 spool_cap;
	crypto_hash_sha256_state sha;
	char		*buf;		/* the field part being read */
	size_t		 len;
	size_t		 cap;
	size_t		 files;
	int		 io_error;	/* a temporary file failed: 500 */
};

static void
mp_close_cur(struct mp_ctx *x)
{
	if (x->fd >= 0)
		close(x->fd);
	x->fd = -1;
	free(x->spool);
	x->spool = NULL;
	x->spool_cap = 0;
}

static dm_status
mp_write_raw(struct mp_ctx *x, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(x->fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_error("uploads: cannot write a temporary file: %s",
			    n < 0 ? strerror(errno) : "short write");
			return DM_EINTERNAL;
		}
		data += n;
		len -= (size_t)n;
	}
	return DM_OK;
}

static dm_status
mp_begin(void *arg, const struct mp_part *part)
{
	struct mp_ctx *x = arg;
	struct dm_req *req = x->req;
	char name[256];

	x->len = 0;
	x->cur = NULL;
	mp_close_cur(x);
	if (part->filename == NULL)
		return DM_OK;
	x->cur = arena_zalloc(req->arena, sizeof(*x->cur));
	x->cur->fd = -1;
	x->cur->field = arena_strdup(req->arena, part->name);
	/* A file input left empty: no name (the sanitizer would invent
	 * one) and, below, no bytes. */
	x->cur->unnamed = part->filename[0] == '\0';
	mp_sanitize_filename(part->filename, name, sizeof(name));
	x->cur->filename = arena_strdup(req->arena, name);
	crypto_hash_sha256_init(&x->sha);
	return DM_OK;
}

/*
 * Appends to the current file: in memory while it fits REQ_UPLOAD_SPOOL,
 * else in its temporary file (made now, the bytes so far moved into it).
 * DM_EINTERNAL on an I/O failure.
 */
static dm_status
mp_write(struct mp_ctx *x, size_t have, const char *data, size_t len)
{
	dm_status st;

	crypto_hash_sha256_update(&x->sha, (const unsigned char *)data, len);
	if (x->fd < 0 && have + len <= REQ_UPLOAD_SPOOL) {
		if (have + len > x->spool_cap) {
			size_t cap = x->spool_cap ? x->spool_cap * 2 : 16384;
			unsigned char *p;

			while (cap < have + len)
				cap *= 2;
			if (cap > REQ_UPLOAD_SPOOL)
				cap = REQ_UPLOAD_SPOOL;
			if ((p = realloc(x->spool, cap)) == NULL)
				log_fatal("out of memory (an upload's first "
				    "%zu bytes)", cap);
			x->spool = p;
			x->spool_cap = cap;
		}
		memcpy(x->spool + have, data, len);
		return DM_OK;
	}
	if (x->fd < 0) {
		if ((x->fd = req_upload_tmpfile(
		    x->req->cfg->lim_upload_dir)) < 0) {
			log_error("uploads: cannot create a temporary file in "
			    "%s: %s", x->req->cfg->lim_upload_dir ?
			    x->req->cfg->lim_upload_dir : "$TMPDIR",
			    strerror(errno));
			return DM_EINTERNAL;
		}
		if (have > 0 && (st = mp_write_raw(x, (const char *)x->spool,
		    have)) != DM_OK)
			return st;
		free(x->spool);
		x->spool = NULL;
		x->spool_cap = 0;
	}
	return mp_write_raw(x, data, len);
}

static dm_status
mp_data(void *arg, const struct mp_part *part, const char *data, size_t len)
{
	struct mp_ctx *x = arg;
	struct upload *u = x->cur;
	size_t max;
	dm_status st;

	(void)part;
	if (u == NULL) {
		if (x->len + len + 1 > x->cap) {
			size_t ncap = (x->len + len + 1) * 2;
			char *nb = arena_alloc(x->req->arena, ncap);

			if (x->len > 0)
				memcpy(nb, x->buf, x->len);
			x->buf = nb;
			x->cap = ncap;
		}
		memcpy(x->buf + x->len, data, len);
		x->len += len;
		return DM_OK;
	}
	if (u->too_big)
		return DM_OK;
	max = (size_t)x->req->cfg->lim_upload_file;
	if (u->len + len > max) {
		/* Over the limit: keep reading the form (so nothing else is
		 * lost) but drop this file's bytes. */
		u->too_big = 1;
		u->len = 0;
		mp_close_cur(x);
		return DM_OK;
	}
	if ((st = mp_write(x, u->len, data, len)) != DM_OK) {
		x->io_error = 1;
		return st;
	}
	u->len += len;
	return DM_OK;
}

/*
 * A photo is made safe as it arrives, so that nothing downstream (a
 * plugin's validate, the attachments, a download) ever sees its metadata:
 * the bytes are replaced with the image without EXIF (GPS above all), XMP,
 * IPTC or comments, HEIC becomes JPEG (and its name .jpg), and a thumbnail
 * is made for the clerks' pages. A photo that does not decode, or that
 * would decode to more pixels than [photos] allows (a decompression bomb),
 * keeps its name, not its data, and its field says why. The decoders work
 * on the whole file in memory (through the mapping, bounded by
 * limits.upload_file) and the pixels by [photos] max_pixels; the result
 * replaces the file's bytes.
 */
static dm_status
make_photo_safe(struct dm_req *req, struct upload *u)
{
	struct image_limits lim;
	struct image_result res;
	enum image_type t = image_sniff(u->data, u->len);
	dm_status st;

	if (t == IMAGE_NONE)
		return DM_OK;
	image_limits_default(&lim);
	lim.max_pixels = req->cfg->photo_max_pixels;
	lim.max_side = req->cfg->photo_max_side;
	lim.thumb_side = req->cfg->photo_thumb_side;
	lim.quality = req->cfg->photo_quality;
	st = image_process(u->data, u->len, &lim, &res);
	if (st != DM_OK) {
		if (st == DM_ELIMIT)
			u->too_many_pixels = 1;
		else
			u->bad_image = 1;
		return DM_OK;
	}
	st = req_upload_take(u, req->cfg->lim_upload_dir, res.photo.data,
	    res.photo.len);
	if (st != DM_OK) {
		free(res.thumb.data);
		log_error("uploads: cannot rewrite a photo's temporary file");
		return st;
	}
	u->thumb = res.thumb.data;
	u->thumb_len = res.thumb.len;
	u->thumb_width = res.thumb_width;
	u->thumb_height = res.thumb_height;
	u->has_gps = res.has_gps;
	u->gps_lat = res.gps.lat;
	u->gps_lon = res.gps.lon;
	if (res.out_type != res.in_type) {
		const char *name = u->filename, *dot = strrchr(name, '.');
		size_t stem = dot != NULL && dot != name ?
		    (size_t)(dot - name) : strlen(name);

		u->filename = arena_printf(req->arena, "%.*s.jpg", (int)stem,
		    name);
	}
	u->type = arena_strdup(req->arena, image_mime(res.out_type));
	return DM_OK;
}

static dm_status
mp_end(void *arg, const struct mp_part *part)
{
	struct mp_ctx *x = arg;
	struct dm_req *req = x->req;
	struct upload *u = x->cur;
	dm_status st;

	if (u == NULL) {
		if (req->form.n >= (size_t)req->cfg->lim_fields)
			return DM_EINPUT;
		if (!http_valid_text(x->buf ? x->buf : "", x->len))
			return DM_EINPUT;
		kv_add(req->arena, &req->form, arena_strdup(req->arena,
		    part->name), arena_strndup(req->arena, x->buf ? x->buf :
		    "", x->len), x->len);
		return DM_OK;
	}
	x->cur = NULL;
	/* The file, whole, as the rest of the request sees it. */
	if (!u->too_big && u->len > 0 && x->fd < 0) {
		crypto_hash_sha256_final(&x->sha, u->sha256);
		req_upload_heap(u, x->spool, u->len);
		x->spool = NULL;
		x->spool_cap = 0;
	} else if (!u->too_big && u->len > 0) {
		crypto_hash_sha256_final(&x->sha, u->sha256);
		st = req_upload_map(u, x->fd, u->len);
		x->fd = -1;
		if (st != DM_OK) {
			log_error("uploads: cannot map a temporary file: %s",
			    strerror(errno));
			x->io_error = 1;
			return st;
		}
	}
	mp_close_cur(x);
	/* A file input left empty still sends an empty part. */
	if (u->unnamed && u->len == 0 && !u->too_big)
		return DM_OK;
	if (u->len == 0 && !u->too_big)
		u->bad_type = 1;
	if (++x->files > (size_t)req->cfg->lim_upload_files) {
		u->too_many = 1;
	} else if (!u->too_big && u->len > 0) {
		u->type = detect_type(u->data, u->len);
		if (u->type == NULL || !type_allowed(
		    req->cfg->lim_upload_types, u->type))
			u->bad_type = 1;
		u->type = arena_strdup(req->arena, u->type ? u->type :
		    "application/octet-stream");
		if (!u->bad_type && make_photo_safe(req, u) != DM_OK) {
			x->io_error = 1;
			req_upload_release(u);
			return DM_EINTERNAL;
		}
	}
	if (u->too_many || u->bad_type || u->bad_image ||
	    u->too_many_pixels)
		req_upload_release(u);
	if (x->last == NULL)
		req->uploads = u;
	else
		x->last->next = u;
	x->last = u;
	req->nuploads++;
	return DM_OK;
}

static int
read_multipart(struct dm_req *req, long long len)
{
	static const struct mp_callbacks cb = { mp_begin, mp_data, mp_end };
	struct mp_limits lim;
	struct mp_parser *mp = NULL;
	struct mp_ctx x;
	char buf[65536];
	dm_status st;
	int status = 0;

	if (len > req->cfg->lim_upload_request)
		return 413;
	memset(&x, 0, sizeof(x));
	x.req = req;
	x.fd = -1;
	lim.max_parts = (size_t)(req->cfg->lim_fields +
	    req->cfg->lim_upload_files * 2);
	lim.max_header_bytes = 8192;
	lim.max_field_bytes = (size_t)req->cfg->lim_form;
	/* Each file's own limit is checked above, so that a file too large
	 * costs only that file; the parser bounds the whole body. */
	lim.max_file_bytes = (size_t)req->cfg->lim_upload_request;
	if (mp_new(req->env.content_type, &lim, &cb, &x, &mp) != DM_OK)
		return 400;
	while (len > 0) {
		int n = FCGX_GetStr(buf, len > (long long)sizeof(buf) ?
		    (int)sizeof(buf) : (int)len, req->in);

		if (n <= 0) {
			status = 400;
			goto out;
		}
		len -= n;
		st = mp_feed(mp, buf, (size_t)n);
		if (st != DM_OK) {
			status = x.io_error ? 500 : st == DM_ELIMIT ? 413 :
			    400;
			goto out;
		}
	}
	if (mp_finish(mp) != DM_OK)
		status = 400;
out:
	/* A file the body broke off in is not in req->uploads yet. */
	if (x.cur != NULL)
		req_upload_release(x.cur);
	mp_close_cur(&x);
	mp_free(mp);
	return status;
}

void
http_free_uploads(struct dm_req *req)
{
	for (struct upload *u = req->uploads; u != NULL; u = u->next) {
		req_upload_release(u);
		free(u->thumb);
		u->thumb = NULL;
	}
	req->uploads = NULL;
	req->nuploads = 0;
}

int
http_read_form(struct dm_req *req)
{
	const char *ct = req->env.content_type;
	long long len;
	char *body;
	int got, r;

	if (req->form_parsed)
		return 0;
	req->form_parsed = 1;
	len = content_length(req);
	if (len < 0)
		return 400;
	if (len == 0)
		return 0;
	if (ct != NULL && strncasecmp(ct, "multipart/form-data", 19) == 0)
		return read_multipart(req, len);
	if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded",
	    33) != 0)
		return 415;
	if (len > req->cfg->lim_form)
		return 413;
	body = arena_alloc(req->arena, (size_t)len + 1);
	got = FCGX_GetStr(body, (int)len, req->in);
	if (got != len)
		return 400;
	body[len] = '\0';
	r = http_parse_urlencoded(req->arena, body, (size_t)len,
	    (size_t)req->cfg->lim_fields, &req->form);
	return r;
}
