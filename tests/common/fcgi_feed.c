/*
 * fcgi_feed.c - FastCGI record streams for tests, fed to libfcgi
 * through a socket pair the way worker.c feeds it an accepted connection.
 */
#include <fastcgi.h>
#include <fcgiapp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fcgi_feed.h"
#include "http.h"

static pid_t writer = -1;	/* fz_accept's child, if any */
static int peer_fd = -1;	/* the web server's end of the open pair */

static void
fz_add(struct fz_stream *s, const void *p, size_t n)
{
	if (s->len + n > s->cap) {
		s->cap = (s->len + n) * 2 + 256;
		s->p = realloc(s->p, s->cap);
		if (s->p == NULL)
			abort();
	}
	if (n > 0)
		memcpy(s->p + s->len, p, n);
	s->len += n;
}

void
fz_stream_free(struct fz_stream *s)
{
	free(s->p);
	memset(s, 0, sizeof(*s));
}

static void
fz_header(struct fz_stream *s, int type, size_t len, size_t pad)
{
	unsigned char h[8] = { FCGI_VERSION_1, (unsigned char)type, 0, 1,
	    (unsigned char)(len >> 8), (unsigned char)len,
	    (unsigned char)pad, 0 };

	fz_add(s, h, sizeof(h));
}

void
fz_begin_request(struct fz_stream *s)
{
	unsigned char body[8] = { 0, FCGI_RESPONDER, 0, 0, 0, 0, 0, 0 };

	fz_header(s, FCGI_BEGIN_REQUEST, sizeof(body), 0);
	fz_add(s, body, sizeof(body));
}

void
fz_records(struct fz_stream *s, int type, const void *data, size_t len,
    size_t chunk, unsigned seed)
{
	static const unsigned char zeros[8];
	const unsigned char *p = data;

	if (chunk == 0 || chunk > 65535)
		chunk = 65535;
	while (len > 0) {
		size_t n = len < chunk ? len : chunk;
		size_t pad = (seed = seed * 1103515245u + 12345u) >> 29;

		fz_header(s, type, n, pad);
		fz_add(s, p, n);
		fz_add(s, zeros, pad);
		p += n;
		len -= n;
	}
	fz_header(s, type, 0, 0);	/* the empty record ending it */
}

static void
fz_length(struct fz_stream *s, size_t n)
{
	unsigned char b[4];

	if (n < 128) {
		b[0] = (unsigned char)n;
		fz_add(s, b, 1);
		return;
	}
	b[0] = (unsigned char)((n >> 24) | 0x80);
	b[1] = (unsigned char)(n >> 16);
	b[2] = (unsigned char)(n >> 8);
	b[3] = (unsigned char)n;
	fz_add(s, b, 4);
}

void
fz_pair(struct fz_stream *s, const char *name, size_t nlen,
    const char *value, size_t vlen)
{
	fz_length(s, nlen);
	fz_length(s, vlen);
	fz_add(s, name, nlen);
	fz_add(s, value, vlen);
}

/* Length of a name or a value at p[*i..n); -1 if it does not fit. */
static long long
fz_pair_len(const unsigned char *p, size_t n, size_t *i)
{
	long long v;

	if (*i >= n)
		return -1;
	if (p[*i] < 128)
		return p[(*i)++];
	if (n - *i < 4)
		return -1;
	v = ((long long)(p[*i] & 0x7f) << 24) | (p[*i + 1] << 16) |
	    (p[*i + 2] << 8) | p[*i + 3];
	*i += 4;
	return v;
}

int
fz_plausible(const unsigned char *p, size_t len)
{
	struct fz_stream c[2] = { { 0 }, { 0 } };
	size_t off = 0;
	int ok = 1;

	/* Gather the contents of PARAMS and GET_VALUES records. */
	while (off + FCGI_HEADER_LEN <= len) {
		int type = p[off + 1];
		size_t clen = (size_t)p[off + 4] << 8 | p[off + 5];
		size_t body = off + FCGI_HEADER_LEN;

		if (clen > len - body)
			clen = len - body;
		if (type == FCGI_PARAMS || type == FCGI_GET_VALUES)
			fz_add(&c[type == FCGI_PARAMS], p + body, clen);
		off = body + clen + p[off + 6];
	}
	for (int k = 0; k < 2 && ok; k++) {
		size_t i = 0;

		while (i < c[k].len) {
			long long nl = fz_pair_len(c[k].p, c[k].len, &i);
			long long vl = fz_pair_len(c[k].p, c[k].len, &i);

			if (nl < 0 || vl < 0 || (size_t)(nl + vl) > c[k].len - i) {
				ok = 0;
				break;
			}
			i += (size_t)(nl + vl);
		}
	}
	fz_stream_free(&c[0]);
	fz_stream_free(&c[1]);
	return ok;
}

int
fz_accept(FCGX_Request *fr, const struct fz_stream *s)
{
	static int inited;
	int sv[2];
	size_t off = 0;

	if (!inited) {
		if (FCGX_Init() != 0)
			abort();
		inited = 1;
	}
	if (s->len > FZ_STREAM_CAP ||
	    socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
		abort();
	/* More than the pair holds: a child writes it while libfcgi reads
	 * (a unit test's large upload; fz_finish reaps it). */
	if (s->len > FZ_STREAM_MAX && (writer = fork()) != 0) {
		if (writer < 0)
			abort();
		goto written;
	}
	while (off < s->len) {
		ssize_t n = write(sv[0], s->p + off, s->len - off);

		if (n <= 0)
			abort();
		off += (size_t)n;
	}
	/* The web server has said all it will: reads past it see the end. */
	shutdown(sv[0], SHUT_WR);
	if (s->len > FZ_STREAM_MAX)
		_exit(0);
written:
	peer_fd = sv[0];
	/* No listening socket: should libfcgi drop the connection, it
	 * returns instead of waiting for another. */
	FCGX_InitRequest(fr, -1, 0);
	fr->ipcFd = sv[1];
	fr->keepConnection = 1;
	if (FCGX_Accept_r(fr) < 0) {
		if (fr->ipcFd >= 0)
			close(fr->ipcFd);
		fr->ipcFd = -1;
		close(peer_fd);
		peer_fd = -1;
		return -1;
	}
	return 0;
}

void
fz_finish(FCGX_Request *fr)
{
	fr->keepConnection = 1;
	FCGX_Finish_r(fr);
	if (fr->ipcFd >= 0)
		close(fr->ipcFd);
	fr->ipcFd = -1;
	close(peer_fd);
	peer_fd = -1;
	if (writer > 0)
		waitpid(writer, NULL, 0);
	writer = -1;
}

void
fz_request_of(struct dm_req *req, FCGX_Request *fr, struct arena *a,
    const struct config *cfg)
{
	memset(req, 0, sizeof(*req));
	req->arena = a;
	req->cfg = cfg;
	req->in = fr->in;
	req->out = fr->out;
	http_env_fill(&req->env, fr->envp);
}
