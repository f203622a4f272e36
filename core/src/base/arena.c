/*
 * arena.c - per-request bump allocator.
 * Blocks of ARENA_BLOCK bytes; larger requests get a block of their own.
 * The first block is kept across resets.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"

#define ARENA_BLOCK	(64 * 1024)
#define ARENA_ALIGN	16

struct arena_block {
	struct arena_block	*next;
	size_t			 size;
	size_t			 off;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

static struct arena_block *
block_new(size_t size)
{
	struct arena_block *b;

	b = malloc(sizeof(*b) + size);
	if (b == NULL)
		log_fatal("out of memory (arena block of %zu bytes)", size);
	b->next = NULL;
	b->size = size;
	b->off = 0;
	return b;
}

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void
arena_reset(struct arena *a)
{
	struct arena_block *b, *next;

	if (a->head == NULL)
		return;
	/* Keep the oldest block (the standard-size one), free the rest. */
	b = a->head;
	while (b->next != NULL) {
		next = b->next;
		free(b);
		b = next;
	}
	if (b->size != ARENA_BLOCK) {
		free(b);
		a->head = NULL;
	} else {
		b->off = 0;
		a->head = b;
	}
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->used = 0;
}

void *
arena_alloc(struct arena *a, size_t size)
{
	struct arena_block *b;
	size_t need;
	void *p;

	if (size > SIZE_MAX - ARENA_ALIGN)
		log_fatal("arena: absurd allocation of %zu bytes", size);
	need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (need == 0)
		need = ARENA_ALIGN;
	b = a->head;
	if (b == NULL || b->size - b->off < need) {
		if (need > ARENA_BLOCK / 4) {
			/* A big one gets its own block behind the current one,
			 * so the current block keeps serving small requests. */
			struct arena_block *big = block_new(need);

			if (b == NULL) {
				a->head = big;
			} else {
				big->next = b->next;
				b->next = big;
			}
			big->off = need;
			a->used += need;
			return big->data;
		}
		b = block_new(ARENA_BLOCK);
		b->next = a->head;
		a->head = b;
	}
	p = b->data + b->off;
	b->off += need;
	a->used += need;
	return p;
}

void *
arena_zalloc(struct arena *a, size_t size)
{
	void *p = arena_alloc(a, size);

	memset(p, 0, size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
arena_push(struct arena *a, struct arena_vec *vec, size_t size)
{
	char *e;

	/* The old array stays in the arena: it is released with the rest. */
	if (vec->n == vec->cap) {
		size_t cap = vec->cap ? 2 * vec->cap : 8;
		void *v = arena_alloc(a, cap * size);

		if (vec->n > 0)
			memcpy(v, vec->v, vec->n * size);
		vec->v = v;
		vec->cap = cap;
	}
	e = (char *)vec->v + vec->n++ * size;
	memset(e, 0, size);
	return e;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	char buf[256];
	int n;
	char *p;

	va_copy(cp, ap);
	n = vsnprintf(buf, sizeof(buf), fmt, cp);
	va_end(cp);
	if (n < 0)
		log_fatal("arena: bad format '%s'", fmt);
	if ((size_t)n < sizeof(buf))
		return arena_strndup(a, buf, (size_t)n);
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
