/*
 * fuzz_fcgi.c - a whole request as a worker reads it: libfcgi's records,
 * the parameters (http_env_fill, http_parse: path, query, cookies,
 * language) and the body (http_read_form: urlencoded, or multipart with
 * the uploads' limits and libmagic's types), then the drain.
 *
 * Input: byte 0 picks the framing. Even: the rest is "NAME=VALUE" lines
 * up to an empty line, then the body; the harness frames them into
 * records, in pieces sized by byte 0. Odd: the rest is the record stream
 * itself. Whatever is accepted must hold what http.h promises.
 */
#include <fastcgi.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "fcgi_feed.h"
#include "http.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fz_config(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->lim_query = 2048;
	cfg->lim_form = 8192;
	cfg->lim_fields = 16;
	cfg->lim_upload_file = 4096;
	cfg->lim_upload_request = 32768;
	cfg->lim_upload_files = 2;
	cfg->lim_upload_types = (char *)"application/pdf, image/png, "
	    "image/jpeg, text/plain";
	cfg->secure_cookies = -1;
}

/* "NAME=VALUE" lines to an empty line as PARAMS records; returns where
 * the body starts. */
static size_t
fz_params(struct fz_stream *s, const uint8_t *d, size_t n, size_t chunk)
{
	struct fz_stream pairs = { 0 };
	size_t i = 0;

	while (i < n) {
		const uint8_t *nl = memchr(d + i, '\n', n - i), *eq;
		size_t end = nl ? (size_t)(nl - d) : n;

		if (end == i) {
			i++;
			break;
		}
		eq = memchr(d + i, '=', end - i);
		if (eq != NULL)
			fz_pair(&pairs, (const char *)d + i, (size_t)(eq - d) -
			    i, (const char *)eq + 1, end - (size_t)(eq - d) - 1);
		i = end + 1;
	}
	fz_records(s, FCGI_PARAMS, pairs.p, pairs.len, chunk, (unsigned)n);
	fz_stream_free(&pairs);
	return i < n ? i : n;
}


/* A kept upload: up to REQ_UPLOAD_SPOOL bytes in the heap, else in its
 * temporary file, whose size and bytes are the mapping's and which has
 * no name on disk; the hash is theirs either way. */
static int
kept_in_file(const struct upload *u)
{
	unsigned char sha[crypto_hash_sha256_BYTES], buf[4096];
	struct stat sb;
	size_t off = 0;

	crypto_hash_sha256(sha, u->data, u->len);
	if (memcmp(sha, u->sha256, sizeof(sha)) != 0)
		return 0;
	if (u->len <= REQ_UPLOAD_SPOOL)
		return u->in_heap && u->fd == -1;
	if (u->in_heap || u->fd < 0 || fstat(u->fd, &sb) != 0 ||
	    sb.st_nlink != 0 || (size_t)sb.st_size != u->len)
		return 0;
	while (off < u->len) {
		size_t n = u->len - off < sizeof(buf) ? u->len - off :
		    sizeof(buf);

		if (pread(u->fd, buf, n, (off_t)off) != (ssize_t)n ||
		    memcmp(buf, u->data + off, n) != 0)
			return 0;
		off += n;
	}
	return 1;
}

static void
fz_check(struct dm_req *req, int parsed, int form)
{
	const struct config *cfg = req->cfg;
	size_t files = 0;

	if (parsed != 0 && parsed != 400 && parsed != 414)
		abort();
	if (parsed != 0)
		return;
	if (!http_valid_text(req->path, strlen(req->path)) ||
	    (strcmp(req->lang, "el") != 0 && strcmp(req->lang, "en") != 0))
		abort();
	if (form != 0 && form != 400 && form != 413 && form != 415)
		abort();
	for (size_t i = 0; form == 0 && i < req->form.n; i++)
		if (!http_valid_text(req->form.v[i].val, req->form.v[i].vlen) ||
		    strlen(req->form.v[i].val) != req->form.v[i].vlen)
			abort();
	for (struct upload *u = req->uploads; u != NULL; u = u->next) {
		files++;
		if (u->field == NULL || u->filename == NULL)
			abort();
		/* Bytes are kept only for a file within every limit. */
		if (u->data != NULL && (u->too_big || u->bad_type ||
		    u->too_many || u->len > (size_t)cfg->lim_upload_file ||
		    u->type == NULL))
			abort();
		if (u->data == NULL && u->len != 0)
			abort();
		/* Kept bytes live in the upload's temporary file, which
		 * holds exactly them, and its hash is theirs; dropped
		 * ones leave no file open. */
		if (u->data == NULL ? u->fd != -1 : !kept_in_file(u))
			abort();
	}
	if (files != req->nuploads)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_stream s = { 0 };
	struct config cfg;
	struct arena a;
	struct dm_req req;
	FCGX_Request fr;
	int parsed, form = 0;

	if (size < 1 || size > FZ_STREAM_MAX / 2)
		return 0;
	if (data[0] & 1) {
		/* The record stream as it came. */
		if (!fz_plausible(data + 1, size - 1))
			return 0;
		s.p = malloc(size);
		memcpy(s.p, data + 1, size - 1);
		s.len = size - 1;
		s.cap = size;
	} else {
		size_t chunk = 1 + (size_t)(data[0] >> 1) * 97, body;

		fz_begin_request(&s);
		body = 1 + fz_params(&s, data + 1, size - 1, chunk);
		fz_records(&s, FCGI_STDIN, data + body, size - body, chunk,
		    data[0]);
	}
	if (fz_accept(&fr, &s) == 0) {
		fz_config(&cfg);
		arena_init(&a);
		fz_request_of(&req, &fr, &a, &cfg);
		parsed = http_parse(&req);
		if (parsed == 0 && req.method == HTTP_POST)
			form = http_read_form(&req);
		fz_check(&req, parsed, form);
		http_drain(&req, cfg.lim_upload_request);
		http_free_uploads(&req);
		arena_free(&a);
		fz_finish(&fr);
	}
	fz_stream_free(&s);
	return 0;
}
