/*
 * xmlmem.c - a render-scoped arena behind xmlMalloc/xmlFree.
 * A transform allocates and frees thousands of small objects; with glibc
 * malloc that is a third of a page's cost. Inside a render window memory
 * comes from one reserved region by bumping a pointer and goes away in one
 * reset.
 * Outside the window (start-up, stylesheet compilation, anything that
 * lives across requests) the system allocator is used as usual.
 * Each arena chunk carries its size in front, so xmlRealloc can copy it.
 * Documents built in the window need not even be freed: xmlmem_can_drop()
 * tells the renderer it may drop them with the window.
 */
#include <libxml/globals.h>
#include <sys/mman.h>
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

/*
 * One region reserved once per process; untouched pages cost nothing, and
 * "is this pointer ours" is a single range check.
 */
#define REGION_SIZE	(64UL << 20)
#define ALIGN		16

static unsigned char *region;
static size_t off;		/* bump offset in this window */
static size_t high;		/* highest offset ever handed out */
static int active;
static int spilled;		/* this window also used malloc */

static int
in_arena(const void *p)
{
	const unsigned char *c = p;

	return c >= region && c < region + REGION_SIZE;
}

static void *
arena_get(size_t size)
{
	size_t need;
	unsigned char *p;

	if (region == NULL || size > REGION_SIZE / 4)
		return NULL;
	need = (size + sizeof(size_t) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (need > REGION_SIZE - off)
		return NULL;		/* full: fall back to malloc */
	p = region + off;
	off += need;
	if (off > high)
		high = off;
	UNPOISON(p, sizeof(size_t) + size);
	*(size_t *)(void *)p = size;
	return p + sizeof(size_t);
}

static void *
mem_malloc(size_t size)
{
	void *p = active ? arena_get(size) : NULL;

	if (p == NULL && active)
		spilled = 1;
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
	if (region == NULL) {
		void *r = mmap(NULL, REGION_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

		if (r == MAP_FAILED)
			return;		/* plain malloc, just slower */
		region = r;
		POISON(region, REGION_SIZE);
	}
	xmlMemSetup(mem_free, mem_malloc, mem_realloc, mem_strdup);
}

void
xmlmem_begin(void)
{
	active = 1;
	spilled = 0;
}

void
xmlmem_end(void)
{
	active = 0;
	if (region != NULL && off > 0)
		POISON(region, off);
	off = 0;
}

size_t
xmlmem_high_water(void)
{
	return high;
}

int
xmlmem_can_drop(void)
{
	return active && region != NULL && !spilled;
}
