/*
 * req.c - the key/value lists of a request and small accessors.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "req.h"

void
kv_add(struct arena *a, struct kvlist *l, const char *key, const char *val,
    size_t vlen)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 8;
		struct kv *nv = arena_alloc(a, ncap * sizeof(*nv));

		if (l->n > 0)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
		l->cap = ncap;
	}
	l->v[l->n].key = key;
	l->v[l->n].val = val;
	l->v[l->n].vlen = vlen;
	l->n++;
}

const char *
kv_get(const struct kvlist *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].key, key) == 0)
			return l->v[i].val;
	return NULL;
}

void
req_upload_release(struct upload *u)
{
	if (u->data != NULL && u->in_heap)
		free((void *)(uintptr_t)u->data);
	else if (u->data != NULL && u->len > 0)
		munmap((void *)(uintptr_t)u->data, u->len);
	u->data = NULL;
	u->in_heap = 0;
	u->len = 0;
	if (u->fd >= 0)
		close(u->fd);
	u->fd = -1;
	u->staged = 0;
}

int
req_upload_tmpfile(const char *dir)
{
	char path[PATH_MAX];
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR &&
	    errno != EINVAL))
		return fd;
#endif
	if ((size_t)snprintf(path, sizeof(path), "%s/dimos-upload-XXXXXX",
	    dir) >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkostemp(path, O_CLOEXEC)) >= 0)
		unlink(path);
	return fd;
}

dm_status
req_upload_map(struct upload *u, int fd, size_t len)
{
	void *m;

	if (len == 0) {
		close(fd);
		return DM_EINTERNAL;
	}
	m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED) {
		close(fd);
		return DM_EINTERNAL;
	}
	u->data = m;
	u->len = len;
	u->fd = fd;
	return DM_OK;
}

void
req_upload_heap(struct upload *u, unsigned char *data, size_t len)
{
	req_upload_release(u);
	u->data = data;
	u->len = len;
	u->in_heap = 1;
}

dm_status
req_upload_take(struct upload *u, const char *dir, unsigned char *data,
    size_t len)
{
	size_t off = 0;
	int fd;

	req_upload_release(u);
	crypto_hash_sha256(u->sha256, data, len);
	if (len <= REQ_UPLOAD_SPOOL) {
		req_upload_heap(u, data, len);
		return DM_OK;
	}
	if ((fd = req_upload_tmpfile(dir)) < 0) {
		free(data);
		return DM_EINTERNAL;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			free(data);
			return DM_EINTERNAL;
		}
		off += (size_t)n;
	}
	free(data);
	return req_upload_map(u, fd, len);
}

void
req_upload_drop(struct upload *u)
{
	req_upload_release(u);
	u->too_big = u->bad_type = u->too_many = 0;
	u->unnamed = 1;
}

struct upload *
req_upload(struct dm_req *req, const char *field)
{
	for (struct upload *u = req->uploads; u != NULL; u = u->next)
		if (strcmp(u->field, field) == 0 && !(u->unnamed &&
		    u->data == NULL && !u->too_big && !u->bad_type &&
		    !u->too_many))
			return u;
	return NULL;
}

const char *
req_ip(const struct dm_req *req)
{
	return req->env.remote_addr ? req->env.remote_addr : "-";
}

/* Statements this process sent to the database (store/db.c counts). */
static unsigned long long trips;

void
req_count_trip(void)
{
	trips++;
}

unsigned long long
req_trips(void)
{
	return trips;
}

/* What failed for the database's sake in this request (req.h). */
static unsigned outage;

void
req_note_outage(unsigned what)
{
	outage |= what;
}

unsigned
req_outage(void)
{
	return outage;
}

void
req_outage_set(unsigned v)
{
	outage = v;
}
