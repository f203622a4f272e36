/*
 * fcgi_feed.h - FastCGI requests for the fuzzers and the unit tests.
 * Owns: building a record stream (FastCGI 1.0: BEGIN_REQUEST, PARAMS with
 * name-value pairs, STDIN) and handing it to libfcgi through a socket pair
 * exactly as a worker hands it an accepted connection.
 */
#ifndef DIMOS_TEST_FCGI_FEED_H
#define DIMOS_TEST_FCGI_FEED_H

#include <fcgiapp.h>
#include <stddef.h>

/* The largest stream a socket pair takes before anyone reads it (the
 * fuzzers keep to it); fz_accept takes up to FZ_STREAM_CAP, a child
 * writing what is over. */
#define FZ_STREAM_MAX	(96u * 1024)
#define FZ_STREAM_CAP	(4u * 1024 * 1024)

struct fz_stream {
	unsigned char	*p;
	size_t		 len;
	size_t		 cap;
};

void	fz_stream_free(struct fz_stream *s);
/* A BEGIN_REQUEST record for the responder role. */
void	fz_begin_request(struct fz_stream *s);
/* Records of type (FCGI_PARAMS, FCGI_STDIN) holding data, in pieces of
 * at most chunk bytes (0: the largest a record holds), each padded as
 * seed says, then the empty record that ends that stream. */
void	fz_records(struct fz_stream *s, int type, const void *data,
	    size_t len, size_t chunk, unsigned seed);
/* A name-value pair as PARAMS content (one- or four-byte lengths). */
void	fz_pair(struct fz_stream *s, const char *name, size_t nlen,
	    const char *value, size_t vlen);

/*
 * 0 if a record stream declares a name or value longer than the bytes that
 * follow it. libfcgi allocates what a pair declares before reading it (up
 * to 2 GiB, and exit() when that fails): it trusts the web server, which
 * never does this, so such streams are not worth a run.
 */
int	fz_plausible(const unsigned char *p, size_t len);

/*
 * Gives libfcgi the stream as a worker's accepted connection and accepts
 * the request. 0: *fr holds it (finish with fz_finish); -1: libfcgi
 * refused the stream (its connection already closed).
 */
int	fz_accept(FCGX_Request *fr, const struct fz_stream *s);
void	fz_finish(FCGX_Request *fr);

struct arena;
struct config;
struct dm_req;

/* req as a worker starts it for the accepted fr: arena, configuration,
 * the request's streams and its parameters (http_env_fill). */
void	fz_request_of(struct dm_req *req, FCGX_Request *fr, struct arena *a,
	    const struct config *cfg);

#endif
