/*
 * test_attachments.c - files of requests against the stack's real
 * MariaDB: a content over BLOB_CHUNK is stored as chunks of at most
 * BLOB_CHUNK bytes, written before the request's transaction
 * (attachments_stage) and made complete by the blobs row the transaction
 * writes; without staging the transaction writes them itself; a small
 * content stays in its blobs row; a content stored before chunks (its
 * bytes in blobs.content) is read in slices; the same content is stored
 * once; chunks whose transaction never committed are swept after a day,
 * and no others.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "attachments.h"
#include "fixture.h"
#include "req.h"

#define SERVICE		"general-complaint"

static int serial;

/* n bytes that differ from every other run's and call's. */
static unsigned char *
bytes(size_t n)
{
	unsigned char *p = malloc(n);
	char head[64];
	int k;

	assert_non_null(p);
	randombytes_buf(p, n);
	k = snprintf(head, sizeof(head), "%%PDF-1.4 %s %d\n", fx.tag,
	    ++serial);
	memcpy(p, head, (size_t)k < n ? (size_t)k : n);
	return p;
}

/* An upload as edge/http.c leaves it: hashed, in the heap up to
 * REQ_UPLOAD_SPOOL, else in an unlinked temporary file, mapped. */
static struct upload *
upload_of(const unsigned char *data, size_t len)
{
	struct upload *u = calloc(1, sizeof(*u));	/* fixture_req resets
							   the arena */
	int fd;

	assert_non_null(u);
	if (len <= REQ_UPLOAD_SPOOL) {
		unsigned char *copy = malloc(len);

		assert_non_null(copy);
		memcpy(copy, data, len);
		u->field = "files";
		u->filename = "small.pdf";
		u->type = "application/pdf";
		u->fd = -1;
		req_upload_heap(u, copy, len);
		crypto_hash_sha256(u->sha256, data, len);
		return u;
	}
	fd = req_upload_tmpfile(NULL);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	u->field = "files";
	u->filename = "big.pdf";
	u->type = "application/pdf";
	u->fd = -1;
	assert_int_equal(req_upload_map(u, fd, len), DM_OK);
	crypto_hash_sha256(u->sha256, data, len);
	return u;
}

/* A hash in hex; the last eight stay valid (not in the arena, which
 * fixture_req resets). */
static const char *
hex_of(const unsigned char sha[32])
{
	static char ring[8][65];
	static unsigned next;
	char *h = ring[next++ % 8];

	sodium_bin2hex(h, 65, sha, 32);
	return h;
}

static void
upload_free(struct upload *u)
{
	req_upload_release(u);
	free(u);
}

struct store_ctx {
	struct dm_req	*req;
	long long	 request;
	size_t		 stored;
};

static dm_status
store_tx(void *arg)
{
	struct store_ctx *x = arg;

	return attachments_store(x->req, x->request, 0, NULL, 0, 0,
	    &x->stored);
}

/* Stores u as a form file of a new draft; its request id. */
static long long
store(struct upload *u, int stage, long long *holder)
{
	struct store_ctx x;

	*holder = fixture_person(NULL);
	x.request = fixture_request(*holder, SERVICE, "draft");
	x.req = fixture_req(*holder);
	x.req->uploads = u;
	x.stored = 0;
	if (stage)
		assert_int_equal(attachments_stage(x.req), DM_OK);
	assert_int_equal(db_tx(fx.db, store_tx, &x), DM_OK);
	assert_int_equal(x.stored, 1);
	return x.request;
}

struct pieces {
	unsigned char	*got;
	size_t		 len;
	size_t		 n;
	size_t		 biggest;
};

static dm_status
piece(void *arg, const char *data, size_t len)
{
	struct pieces *p = arg;

	p->got = realloc(p->got, p->len + len);
	assert_non_null(p->got);
	memcpy(p->got + p->len, data, len);
	p->len += len;
	p->n++;
	if (len > p->biggest)
		p->biggest = len;
	return DM_OK;
}

/* The request's one file reads back as data, whole and in pieces of at
 * most BLOB_CHUNK; returns the number of pieces. */
static size_t
reads_back(long long request, long long holder, const unsigned char *data,
    size_t len)
{
	struct dm_req *req = fixture_req(holder);	/* one: its arena
							   holds v */
	struct attachment *v, a;
	struct pieces p = { NULL, 0, 0, 0 };
	unsigned char sha[32];
	const char *whole;
	long long size = 0;
	size_t n;

	assert_int_equal(attachments_list(req, request, 1, 0, &v, &n), DM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].size, (long long)len);
	assert_int_equal(attachments_fetch(req, request, v[0].id, 0, 0, &a,
	    &whole), DM_OK);
	assert_int_equal(a.size, (long long)len);
	assert_memory_equal(whole, data, len);
	assert_int_equal(attachments_find(req, request, v[0].id, 0, 0, &a,
	    sha), DM_OK);
	assert_int_equal(blobs_each_piece(fx.db, sha, piece, &p, &size),
	    DM_OK);
	assert_int_equal(size, (long long)len);
	assert_int_equal(p.len, len);
	assert_memory_equal(p.got, data, len);
	assert_true(p.biggest <= BLOB_CHUNK);
	free(p.got);
	return p.n;
}

static void
test_chunked_staged(void **state)
{
	size_t len = 2 * BLOB_CHUNK + 90017;
	unsigned char *data = bytes(len);
	struct upload *u = upload_of(data, len);
	const char *hex = hex_of(u->sha256);
	struct dm_req *req;
	long long holder, request;

	(void)state;
	/* Staged: the chunks are there (committed, each on its own), the
	 * content is not complete yet. */
	req = fixture_req(0);
	req->uploads = u;
	assert_int_equal(attachments_stage(req), DM_OK);
	assert_true(u->staged);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM blob_chunks WHERE "
	    "sha256 = UNHEX('%s')", hex), 3);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM blobs WHERE "
	    "sha256 = UNHEX('%s')", hex), 0);
	assert_int_equal(fixture_int("SELECT MAX(LENGTH(content)) FROM "
	    "blob_chunks WHERE sha256 = UNHEX('%s')", hex), BLOB_CHUNK);
	/* The transaction writes the blobs row only. */
	request = store(u, 1, &holder);
	assert_int_equal(fixture_int("SELECT chunks FROM blobs WHERE sha256 = "
	    "UNHEX('%s') AND content IS NULL AND size = %zu", hex, len), 3);
	assert_int_equal(reads_back(request, holder, data, len), 3);
	/* The same content again: stored once, no chunk written twice. */
	{
		struct upload *again = upload_of(data, len);

		request = store(again, 1, &holder);
		assert_int_equal(reads_back(request, holder, data, len), 3);
		assert_int_equal(fixture_int("SELECT COUNT(*) FROM blob_chunks "
		    "WHERE sha256 = UNHEX('%s')", hex), 3);
		upload_free(again);
	}
	upload_free(u);
	free(data);
}

static void
test_chunked_in_tx(void **state)
{
	size_t len = BLOB_CHUNK + 1;
	unsigned char *data = bytes(len);
	struct upload *u = upload_of(data, len);
	long long holder, request;

	(void)state;
	/* Not staged: the transaction writes the chunks itself. */
	request = store(u, 0, &holder);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM blob_chunks WHERE "
	    "sha256 = UNHEX('%s')", hex_of(u->sha256)), 2);
	assert_int_equal(reads_back(request, holder, data, len), 2);
	upload_free(u);
	free(data);
}

static void
test_small_in_row(void **state)
{
	size_t len = BLOB_CHUNK;
	unsigned char *data = bytes(len);
	struct upload *u = upload_of(data, len);
	const char *hex = hex_of(u->sha256);
	long long holder, request;

	(void)state;
	request = store(u, 1, &holder);
	assert_false(u->staged);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM blob_chunks WHERE "
	    "sha256 = UNHEX('%s')", hex), 0);
	assert_int_equal(fixture_int("SELECT LENGTH(content) FROM blobs WHERE "
	    "sha256 = UNHEX('%s') AND chunks = 0", hex), (long long)len);
	assert_int_equal(reads_back(request, holder, data, len), 1);
	upload_free(u);
	free(data);
}

/* A file stored before migration 013: its bytes in blobs.content. */
static void
test_old_layout(void **state)
{
	size_t len = 2 * BLOB_CHUNK + 5;
	unsigned char *data = bytes(len), sha[32];
	long long holder, request;

	(void)state;
	crypto_hash_sha256(sha, data, len);
	holder = fixture_person(NULL);
	request = fixture_request(holder, SERVICE, "submitted");
	assert_int_equal(db_exec(fx.db, "INSERT INTO blobs (sha256, size, "
	    "content) VALUES (?, ?, ?)", (struct dm_value[]){
	    DM_VBLOB((const char *)sha, 32), DM_VINT((long long)len),
	    DM_VBLOB((const char *)data, len) }, 3, NULL, NULL), DM_OK);
	fixture_exec("INSERT INTO attachments (request_id, field, sha256, "
	    "filename, content_type, size, internal) VALUES (%lld, 'files', "
	    "UNHEX('%s'), 'old.pdf', 'application/pdf', %zu, 0)", request,
	    hex_of(sha), len);
	assert_int_equal(reads_back(request, holder, data, len), 3);
	free(data);
}

static void
test_sweep(void **state)
{
	size_t len = BLOB_CHUNK + 7;
	unsigned char *data = bytes(len), *next, orphan[32], fresh[32];
	struct upload *u = upload_of(data, len);
	struct dm_req *req;
	long long holder;

	(void)state;
	(void)store(u, 1, &holder);
	randombytes_buf(orphan, sizeof(orphan));
	randombytes_buf(fresh, sizeof(fresh));
	/* A complete content's chunks, an abandoned one's of two days ago
	 * and one being staged right now. */
	fixture_exec("UPDATE blob_chunks SET created_at = UTC_TIMESTAMP(6) - "
	    "INTERVAL 2 DAY WHERE sha256 = UNHEX('%s')", hex_of(u->sha256));
	fixture_exec("INSERT INTO blob_chunks (sha256, seq, content, "
	    "created_at) VALUES (UNHEX('%s'), 0, 'x', UTC_TIMESTAMP(6) - "
	    "INTERVAL 2 DAY)", hex_of(orphan));
	fixture_exec("INSERT INTO blob_chunks (sha256, seq, content) VALUES "
	    "(UNHEX('%s'), 0, 'y')", hex_of(fresh));
	/* Staging nothing sweeps nothing; the next file staged sweeps. */
	req = fixture_req(0);
	req->uploads = NULL;
	assert_int_equal(attachments_stage(req), DM_OK);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM blob_chunks WHERE "
	    "sha256 = UNHEX('%s')", hex_of(orphan)), 1);
	next = bytes(len);
	req = fixture_req(0);
	req->uploads = upload_of(next, len);
	assert_int_equal(attachments_stage(req), DM_OK);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM blob_chunks WHERE "
	    "sha256 = UNHEX('%s')", hex_of(orphan)), 0);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM blob_chunks WHERE "
	    "sha256 = UNHEX('%s')", hex_of(fresh)), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM blob_chunks WHERE "
	    "sha256 = UNHEX('%s')", hex_of(u->sha256)), 2);
	fixture_exec("DELETE FROM blob_chunks WHERE sha256 = UNHEX('%s')",
	    hex_of(fresh));
	upload_free(req->uploads);
	upload_free(u);
	free(next);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chunked_staged),
		cmocka_unit_test(test_chunked_in_tx),
		cmocka_unit_test(test_small_in_row),
		cmocka_unit_test(test_old_layout),
		cmocka_unit_test(test_sweep),
	};

	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
