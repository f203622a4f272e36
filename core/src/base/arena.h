/*
 * arena.h - per-request memory.
 * Owns: a bump allocator whose blocks are all released at once, after the
 * response is sent. Allocation failure aborts (the master restarts us).
 */
#ifndef DIMOS_ARENA_H
#define DIMOS_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block	*head;	/* current block; older ones chained */
	size_t			 used;	/* bytes handed out, for accounting */
};

void	 arena_init(struct arena *a);
/* Frees all but the first block so a worker's steady state is malloc-free. */
void	 arena_reset(struct arena *a);
void	 arena_free(struct arena *a);
void	*arena_alloc(struct arena *a, size_t size);
void	*arena_zalloc(struct arena *a, size_t size);
char	*arena_strdup(struct arena *a, const char *s);
char	*arena_strndup(struct arena *a, const char *s, size_t n);
/*
 * A growing array in the arena (query results, say): arena_push adds a
 * zeroed element of size bytes and returns it; v holds n of them. Every
 * element pushed into one vector has the same size.
 */
struct arena_vec {
	void	*v;
	size_t	 n;
	size_t	 cap;
};
void	*arena_push(struct arena *a, struct arena_vec *vec, size_t size);
char	*arena_printf(struct arena *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
char	*arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	    __attribute__((format(printf, 2, 0)));

#endif
