/*
 * cert.c - building a certificate's content (struct dm_certificate) from
 * any allocator: the host's request arena in a plugin, malloc in a test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/cert.h"
#include "dimos/kit/date.h"
#include "dimos/kit/text.h"

struct kit_heap_block {
	struct kit_heap_block	*next;
	max_align_t		 data[];
};

void *
kit_heap_alloc(void *heap, size_t size)
{
	struct kit_heap *h = heap;
	struct kit_heap_block *b = calloc(1, sizeof(*b) + size);

	if (b == NULL)
		abort();
	b->next = h->blocks;
	h->blocks = b;
	return b->data;
}

void
kit_heap_free(struct kit_heap *heap)
{
	while (heap->blocks != NULL) {
		struct kit_heap_block *b = heap->blocks;

		heap->blocks = b->next;
		free(b);
	}
}

char *
kit_adup(const struct kit_alloc *a, const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	d = a->alloc(a->ctx, n + 1);
	memcpy(d, s, n + 1);
	return d;
}

static char *kit_avprintf(const struct kit_alloc *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));

static char *
kit_avprintf(const struct kit_alloc *a, const char *fmt, va_list ap)
{
	va_list aq;
	char *d;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		n = 0;
	d = a->alloc(a->ctx, (size_t)n + 1);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	return d;
}

char *
kit_aprintf(const struct kit_alloc *a, const char *fmt, ...)
{
	va_list ap;
	char *d;

	va_start(ap, fmt);
	d = kit_avprintf(a, fmt, ap);
	va_end(ap);
	return d;
}

char *
kit_agen(const struct kit_alloc *a, const char *name)
{
	size_t n = name ? 2 * strlen(name) + 8 : 1;
	char *d = a->alloc(a->ctx, n);

	if (name != NULL)
		kit_genitive(name, d, n);
	return d;
}

char *
kit_adate(const struct kit_alloc *a, const char *iso)
{
	char buf[64];

	kit_date_short(iso, buf, sizeof(buf));
	return kit_adup(a, buf);
}

char *
kit_adate_long(const struct kit_alloc *a, const char *iso)
{
	char buf[64];

	kit_date_long(iso, buf, sizeof(buf));
	return kit_adup(a, buf);
}

void
kit_cert_init(struct kit_cert *c, const struct kit_alloc *a)
{
	memset(c, 0, sizeof(*c));
	c->a = a;
}

void
kit_cert_para(struct kit_cert *c, const char *fmt, ...)
{
	va_list ap;

	if (c->npara == KIT_CERT_TEXTS) {
		c->overflow = 1;
		return;
	}
	va_start(ap, fmt);
	c->paras[c->npara++] = kit_avprintf(c->a, fmt, ap);
	va_end(ap);
}

void
kit_cert_remark(struct kit_cert *c, const char *fmt, ...)
{
	va_list ap;

	if (c->nremarks == KIT_CERT_TEXTS) {
		c->overflow = 1;
		return;
	}
	va_start(ap, fmt);
	c->remarks[c->nremarks++] = kit_avprintf(c->a, fmt, ap);
	va_end(ap);
}

void
kit_cert_row(struct kit_cert *c, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	if (c->nrows == KIT_CERT_ROWS) {
		c->overflow = 1;
		return;
	}
	c->rows[c->nrows].label = kit_adup(c->a, label);
	c->rows[c->nrows].value = kit_adup(c->a, value);
	c->nrows++;
}

int
kit_cert_finish(struct kit_cert *c, struct dm_certificate *out)
{
	if (c->overflow)
		return -1;
	if (c->npara > 0) {
		const char **v = c->a->alloc(c->a->ctx, c->npara *
		    sizeof(*v));

		memcpy(v, c->paras, c->npara * sizeof(*v));
		out->paragraphs = v;
	}
	out->nparagraphs = c->npara;
	if (c->nrows > 0) {
		struct dm_cert_row *r = c->a->alloc(c->a->ctx, c->nrows *
		    sizeof(*r));

		memcpy(r, c->rows, c->nrows * sizeof(*r));
		out->rows = r;
	}
	out->nrows = c->nrows;
	if (c->nremarks > 0) {
		const char **v = c->a->alloc(c->a->ctx, c->nremarks *
		    sizeof(*v));

		memcpy(v, c->remarks, c->nremarks * sizeof(*v));
		out->remarks = v;
	}
	out->nremarks = c->nremarks;
	return 0;
}
