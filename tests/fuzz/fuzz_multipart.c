/*
 * fuzz_multipart.c - libFuzzer harness for the multipart/form-data parser.
 * Owns: input framing, callback invariants and the split-invariance oracle.
 *
 * Input: the request Content-Type up to the first '\n', then one byte
 * seeding the feed sizes, one byte choosing the limits, then the body.
 * The body is parsed twice, whole and in seeded pieces; the two parses
 * must agree on the status and on everything the callbacks saw.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz {
	uint64_t	 hash;		/* FNV-1a of events and body bytes */
	int		 open;
	size_t		 body;
	const struct mp_limits *lim;
};

static void
fz_hash(struct fz *f, const void *p, size_t n)
{
	const unsigned char	*b = p;
	size_t			 i;

	for (i = 0; i < n; i++)
		f->hash = (f->hash ^ b[i]) * 0x100000001b3ull;
}

/* Strings from the parser never hold CR or LF. */
static void
fz_check_str(const char *s)
{
	if (s != NULL && strpbrk(s, "\r\n") != NULL)
		abort();
}

static dm_status
fz_begin(void *arg, const struct mp_part *part)
{
	struct fz	*f = arg;
	char		 safe[32];

	if (f->open || part->name == NULL || part->name[0] == '\0')
		abort();
	fz_check_str(part->name);
	fz_check_str(part->filename);
	fz_check_str(part->content_type);
	f->open = 1;
	f->body = 0;
	fz_hash(f, "B", 1);
	fz_hash(f, part->name, strlen(part->name) + 1);
	if (part->filename != NULL) {
		fz_hash(f, part->filename, strlen(part->filename) + 1);
		mp_sanitize_filename(part->filename, safe,
		    1 + strlen(part->name) % sizeof(safe));
		if (strpbrk(safe, "/\\\"'`<>|:*?;$\r\n") != NULL ||
		    safe[0] == '.')
			abort();
	}
	if (part->content_type != NULL)
		fz_hash(f, part->content_type, strlen(part->content_type) + 1);
	return DM_OK;
}

static dm_status
fz_data(void *arg, const struct mp_part *part, const char *data, size_t len)
{
	struct fz	*f = arg;
	size_t		 max = part->filename != NULL ? f->lim->max_file_bytes :
			    f->lim->max_field_bytes;

	if (!f->open || len == 0)
		abort();
	f->body += len;
	if (f->body > max)
		abort();
	fz_hash(f, data, len);
	return DM_OK;
}

static dm_status
fz_end(void *arg, const struct mp_part *part)
{
	struct fz	*f = arg;

	(void)part;
	if (!f->open)
		abort();
	f->open = 0;
	fz_hash(f, "E", 1);
	return DM_OK;
}

static const struct mp_callbacks fz_cb = { fz_begin, fz_data, fz_end };

/* Small limits reach every DM_ELIMIT path; the defaults the rest. */
static const struct mp_limits fz_limits[4] = {
	MP_LIMITS_DEFAULT,
	{ 2, 64, 16, 32 },
	{ 4, 256, 8, 4096 },
	{ 1, 8192, 0, 100000 },
};

/* Parses body in pieces drawn from seed (0: whole); returns the status. */
static dm_status
fz_parse(const char *ct, const struct mp_limits *lim, const uint8_t *body,
    size_t len, unsigned seed, struct fz *f)
{
	struct mp_parser	*p;
	dm_status		 st;
	size_t			 off = 0, n;
	uint32_t		 s = seed;

	memset(f, 0, sizeof(*f));
	f->hash = 0xcbf29ce484222325ull;
	f->lim = lim;
	if ((st = mp_new(ct, lim, &fz_cb, f, &p)) != DM_OK)
		return st;
	while (off < len && st == DM_OK) {
		n = len - off;
		if (seed != 0) {
			s = s * 1664525u + 1013904223u;
			/* Mostly tiny pieces: they stress the lookbehind. */
			n = (s >> 24) < 200 ? 1 + (s >> 8) % 8 : 1 + (s >> 8) %
			    512;
			if (n > len - off)
				n = len - off;
		}
		st = mp_feed(p, (const char *)body + off, n);
		off += n;
	}
	if (st == DM_OK)
		st = mp_finish(p);
	if (mp_feed(p, "-", 1) != st || mp_finish(p) != st)
		abort();
	mp_free(p);
	return st;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t	*nl = memchr(data, '\n', size < 256 ? size : 256);
	char		 ct[256];
	size_t		 ctlen, len;
	struct fz	 whole, split;
	dm_status	 st1, st2;

	if (nl == NULL || (size_t)(nl - data) + 3 > size)
		return 0;
	ctlen = (size_t)(nl - data);
	memcpy(ct, data, ctlen);
	ct[ctlen] = '\0';
	len = size - ctlen - 3;
	st1 = fz_parse(ct, &fz_limits[nl[2] % 4], nl + 3, len, 0, &whole);
	st2 = fz_parse(ct, &fz_limits[nl[2] % 4], nl + 3, len,
	    1u + nl[1], &split);
	if (st1 != st2 || whole.hash != split.hash)
		abort();
	return 0;
}
