/*
 * fuzz_verify.c - what POST /verify does with an uploaded file before it
 * looks the file up: the multipart body read from a FastCGI request
 * (http_read_form), the file typed by its content (libmagic: PDFs only),
 * hashed (seal_sha256) and a seal checked over the hash (seal_verify);
 * and a typed-in code (GET /verify?code=) normalised.
 *
 * Input: the file's bytes; the same bytes up to the first newline also
 * serve as a typed code.
 * Oracles: the file comes through byte for byte or not at all (too big,
 * not a PDF), its hash is SHA-256, only the genuine signature verifies,
 * a normalised code is 16 characters of the code alphabet and normalises
 * to itself.
 */
#include <fastcgi.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "fcgi_feed.h"
#include "http.h"
#include "seal.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_FILE_MAX	16384

static void
fz_config(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->lim_query = 2048;
	cfg->lim_form = 8192;
	cfg->lim_fields = 16;
	cfg->lim_upload_file = FZ_FILE_MAX / 2;	/* some files are too big */
	cfg->lim_upload_request = FZ_STREAM_MAX / 2;
	cfg->lim_upload_files = 1;
	cfg->lim_upload_types = (char *)"application/pdf";
	cfg->secure_cookies = -1;
}

/* The form a browser sends: the CSRF token, then the file. */
static void
fz_request(struct fz_stream *s, const uint8_t *data, size_t size)
{
	struct fz_stream params = { 0 }, body = { 0 };
	char boundary[64], head[512], tail[96], len[32];
	size_t hl, tl;
	unsigned n = 0;

	do
		snprintf(boundary, sizeof(boundary),
		    "----dimosfuzz%08x", n++);
	while (memmem(data, size, boundary, strlen(boundary)) != NULL);
	snprintf(head, sizeof(head), "--%s\r\nContent-Disposition: form-data; "
	    "name=\"csrf\"\r\n\r\ntoken\r\n--%s\r\nContent-Disposition: "
	    "form-data; name=\"file\"; filename=\"έγγραφο.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n\r\n", boundary, boundary);
	snprintf(tail, sizeof(tail), "\r\n--%s--\r\n", boundary);
	hl = strlen(head);
	tl = strlen(tail);
	body.p = malloc(hl + size + tl);
	memcpy(body.p, head, hl);
	if (size > 0)
		memcpy(body.p + hl, data, size);
	memcpy(body.p + hl + size, tail, tl);
	body.len = body.cap = hl + size + tl;
	snprintf(len, sizeof(len), "%zu", body.len);
	snprintf(head, sizeof(head), "multipart/form-data; boundary=%s",
	    boundary);
	fz_begin_request(s);
	fz_pair(&params, "REQUEST_METHOD", 14, "POST", 4);
	fz_pair(&params, "DOCUMENT_URI", 12, "/verify", 7);
	fz_pair(&params, "CONTENT_TYPE", 12, head, strlen(head));
	fz_pair(&params, "CONTENT_LENGTH", 14, len, strlen(len));
	fz_records(s, FCGI_PARAMS, params.p, params.len, 0, 0);
	fz_records(s, FCGI_STDIN, body.p, body.len, 4096, (unsigned)size);
	fz_stream_free(&params);
	fz_stream_free(&body);
}

static void
fz_upload(const uint8_t *data, size_t size)
{
	static struct seal_key key;
	static int have_key;
	struct fz_stream s = { 0 };
	struct config cfg;
	struct arena a;
	struct dm_req req;
	FCGX_Request fr;
	unsigned char sha[SEAL_HASH_BYTES], want[SEAL_HASH_BYTES];
	unsigned char sig[SEAL_SIGNATURE_BYTES];
	struct upload *u;

	if (!have_key) {
		if (sodium_init() < 0)
			abort();
		crypto_sign_keypair(key.pk, key.sk);
		have_key = 1;
	}
	fz_request(&s, data, size);
	if (fz_accept(&fr, &s) != 0)
		abort();		/* a well-formed request */
	fz_config(&cfg);
	arena_init(&a);
	fz_request_of(&req, &fr, &a, &cfg);
	if (http_parse(&req) != 0 || http_read_form(&req) != 0 ||
	    (u = req.uploads) == NULL || u->next != NULL ||
	    strcmp(u->field, "file") != 0)
		abort();
	if (size > (size_t)cfg.lim_upload_file) {
		if (!u->too_big || u->data != NULL)
			abort();
	} else if (u->data != NULL) {
		/* Kept: a PDF to libmagic, byte for byte what was sent. */
		if (u->bad_type || u->len != size || memcmp(u->data, data,
		    size) != 0 || strcmp(u->type, "application/pdf") != 0)
			abort();
		seal_sha256(u->data, u->len, sha);
		crypto_hash_sha256(want, data, size);
		if (memcmp(sha, want, sizeof(sha)) != 0)
			abort();
		seal_sign(&key, sha, sig);
		if (seal_verify(key.pk, sha, sig) != 1)
			abort();
		/* A signature made of the file's own bytes is no seal. */
		memset(sig, 0, sizeof(sig));
		memcpy(sig, data, size < sizeof(sig) ? size : sizeof(sig));
		if (seal_verify(key.pk, sha, sig) != 0)
			abort();
	} else if (!u->bad_type && size > 0) {
		abort();		/* dropped without a reason */
	}
	http_drain(&req, cfg.lim_upload_request);
	http_free_uploads(&req);
	arena_free(&a);
	fz_finish(&fr);
	fz_stream_free(&s);
}

static void
fz_code(const uint8_t *data, size_t size)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char in[128], out[SEAL_CODE_LEN + 1], again[SEAL_CODE_LEN + 1];
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;

	if (n >= sizeof(in))
		n = sizeof(in) - 1;
	memcpy(in, data, n);
	in[n] = '\0';
	if (seal_code_normalize(in, out) != DM_OK) {
		if (out[0] != '\0')
			abort();
		return;
	}
	if (strlen(out) != SEAL_CODE_LEN || strspn(out, alphabet) !=
	    SEAL_CODE_LEN || seal_code_normalize(out, again) != DM_OK ||
	    strcmp(out, again) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FZ_FILE_MAX)
		return 0;
	fz_code(data, size);
	fz_upload(data, size);
	return 0;
}
