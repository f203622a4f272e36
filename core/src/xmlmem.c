/*
 * xmlmem.c - a render-scoped arena behind xmlMalloc/xmlFree.
 * A transform allocates and frees thousands of small objects; with glibc
 * malloc that is a third of a page's cost. Inside a render window memory
 * comes from large blocks by bumping a pointer and goes away in one reset.
 * Outside the window (start-up, stylesheet compilation, anything that
 * lives across requests) the system allocator is used as usual.
 * Each arena chunk carries its size in front, so xmlRealloc can copy it.
 */
#include <libxml/globals.h>
#include <libxml/xmlmemory.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "xmlmem.h"

/*
 * Under AddressSanitizer the arena is poisoned between renders: anything
 * that kept a pointer into a finished render's memory is reported at its
 * first use, so the test suite proves the window contract holds.
 */
#if defined(__SANITIZE_ADDRESS__)
#define XMLMEM_ASAN	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XMLMEM_ASAN	1
#endif
#endif
#ifdef XMLMEM_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n)	((void)(p), (void)(n))
#define UNPOISON(p, n)	((void)(p), (void)(n))
#endif

#define BLOCK_SIZE	(512 * 1024)
#define MAX_BLOCKS	64
#define ALIGN		16

struct block {
	unsigned char	*base;
	size_t		 size;
};

static struct block blocks[MAX_BLOCKS];
static size_t nblocks;		/* blocks in use in this window */
static size_t nowned;		/* blocks allocated (kept for reuse) */
static size_t off;		/* bump offset in blocks[nblocks - 1] */
static int active;

static int
in_arena(const void *p)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < nowned; i++)
		if (c >= blocks[i].base && c < blocks[i].base + blocks[i].size)
			return 1;
	return 0;
}

static void *
arena_get(size_t size)
{
	size_t need = (size + sizeof(size_t) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	unsigned char *p;

	if (size > BLOCK_SIZE / 2)
		return NULL;		/* big ones go to malloc */
	if (nblocks == 0 || off + need > blocks[nblocks - 1].size) {
		if (nblocks == MAX_BLOCKS)
			return NULL;
		if (nblocks == nowned) {
			blocks[nowned].base = malloc(BLOCK_SIZE);
			if (blocks[nowned].base == NULL)
				return NULL;
			blocks[nowned].size = BLOCK_SIZE;
			POISON(blocks[nowned].base, BLOCK_SIZE);
			nowned++;
		}
		nblocks++;
		off = 0;
	}
	p = blocks[nblocks - 1].base + off;
	off += need;
	UNPOISON(p, sizeof(size_t) + size);
	*(size_t *)(void *)p = size;
	return p + sizeof(size_t);
}

static void *
mem_malloc(size_t size)
{
	void *p = active ? arena_get(size) : NULL;

	if (p == NULL && (p = malloc(size)) == NULL && size != 0)
		log_fatal("out of memory (%zu bytes for libxml2)", size);
	return p;
}

static void
mem_free(void *p)
{
	if (p == NULL || in_arena(p))
		return;
	free(p);
}

static void *
mem_realloc(void *p, size_t size)
{
	void *n;
	size_t old;

	if (p == NULL)
		return mem_malloc(size);
	if (!in_arena(p)) {
		n = realloc(p, size);
		if (n == NULL && size != 0)
			log_fatal("out of memory (%zu bytes for libxml2)",
			    size);
		return n;
	}
	old = *(size_t *)(void *)((unsigned char *)p - sizeof(size_t));
	n = mem_malloc(size);
	memcpy(n, p, old < size ? old : size);
	return n;
}

static char *
mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = mem_malloc(n);

	memcpy(p, s, n);
	return p;
}

void
xmlmem_init(void)
{
	xmlMemSetup(mem_free, mem_malloc, mem_realloc, mem_strdup);
}

void
xmlmem_begin(void)
{
	active = 1;
}

void
xmlmem_end(void)
{
	active = 0;
	nblocks = 0;
	off = 0;
	for (size_t i = 0; i < nowned; i++)
		POISON(blocks[i].base, blocks[i].size);
}

int
xmlmem_active(void)
{
	return active;
}
