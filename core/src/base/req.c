/*
 * req.c - the key/value lists of a request and small accessors.
 */
#include <stdlib.h>
#include <string.h>

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
req_upload_drop(struct upload *u)
{
	free(u->data);
	u->data = NULL;
	u->len = u->cap = 0;
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
