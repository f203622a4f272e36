/*
 * pagecache.c - rendered pages kept per path and language (see
 * pagecache.h). A small open-addressing table; entries are never
 * replaced, and the table is bounded, so a flood of distinct paths (all of
 * which would be 404s anyway) cannot grow it.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "pagecache.h"
#include "req.h"
#include "response.h"

#define SLOTS		128		/* power of two */
#define MAX_PATH	256
#define MAX_BODY	(256u * 1024u)

struct entry {
	char		 key[MAX_PATH + 4];	/* "el:" path */
	char		*headers;
	size_t		 headers_len;
	char		*body;
	size_t		 len;
};

static struct entry table[SLOTS];
static size_t used;

static unsigned
hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int
eligible(const struct dm_req *req, char key[MAX_PATH + 4])
{
	size_t n;

	if (req->session != NULL || (req->method != HTTP_GET &&
	    req->method != HTTP_HEAD) || (req->env.query != NULL &&
	    req->env.query[0] != '\0') || req->path == NULL)
		return 0;
	n = strlen(req->path);
	if (n > MAX_PATH)
		return 0;
	memcpy(key, req->lang, 2);
	key[2] = ':';
	memcpy(key + 3, req->path, n + 1);
	return 1;
}

static struct entry *
find(const char *key, int for_insert)
{
	unsigned i = hash(key) & (SLOTS - 1);

	for (size_t probes = 0; probes < SLOTS; probes++) {
		struct entry *e = &table[i];

		if (e->body == NULL)
			return for_insert ? e : NULL;
		if (strcmp(e->key, key) == 0)
			return e;
		i = (i + 1) & (SLOTS - 1);
	}
	return NULL;
}

int
pagecache_answer(struct dm_req *req)
{
	char key[MAX_PATH + 4];
	struct entry *e;

	req->keep_page = 0;
	if (!eligible(req, key))
		return 0;
	if ((e = find(key, 0)) == NULL) {
		req->keep_page = 1;
		return 0;
	}
	if (e->headers_len > 0) {
		req->headers = arena_strndup(req->arena, e->headers,
		    e->headers_len);
		req->headers_len = e->headers_len;
	}
	http_begin(req, 200, "text/html; charset=utf-8");
	http_write(req, e->body, e->len);
	return 1;
}

int
pagecache_marked(const struct dm_req *req)
{
	return req->keep_page && req->status == 200;
}

void
pagecache_keep(struct dm_req *req, const char *body, size_t len)
{
	char key[MAX_PATH + 4];
	struct entry *e;

	if (!pagecache_marked(req) || len > MAX_BODY ||
	    used >= SLOTS / 2 || !eligible(req, key))
		goto out;
	if ((e = find(key, 1)) == NULL || e->body != NULL)
		goto out;
	e->body = malloc(len);
	e->headers = req->headers_len ? malloc(req->headers_len) : NULL;
	if (e->body == NULL || (req->headers_len && e->headers == NULL)) {
		free(e->body);
		free(e->headers);
		memset(e, 0, sizeof(*e));
		goto out;
	}
	memcpy(e->key, key, strlen(key) + 1);
	memcpy(e->body, body, len);
	e->len = len;
	if (req->headers_len)
		memcpy(e->headers, req->headers, req->headers_len);
	e->headers_len = req->headers_len;
	used++;
out:
	req->keep_page = 0;
}

void
pagecache_clear(void)
{
	for (size_t i = 0; i < SLOTS; i++) {
		free(table[i].body);
		free(table[i].headers);
	}
	memset(table, 0, sizeof(table));
	used = 0;
}
