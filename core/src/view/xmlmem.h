/*
 * xmlmem.h - libxml2/libxslt memory during a page render.
 * Owns: a bump arena that serves every libxml2 allocation made while a
 * page is built, transformed and serialized, released at once afterwards.
 */
#ifndef DIMOS_XMLMEM_H
#define DIMOS_XMLMEM_H

#include <stddef.h>

/* Installs the allocator (once per process, before any libxml2 use). */
void	xmlmem_init(void);
/*
 * Between begin and end, new libxml2 allocations come from the arena and
 * frees of them are no-ops; end releases them all. Everything allocated
 * in the window must be dead by end (the page document, the transform
 * context and its result are).
 */
void	xmlmem_begin(void);
void	xmlmem_end(void);
/* True inside a window whose every allocation came from the arena:
 * documents created in it may be dropped without freeing them node by
 * node (their dictionaries must still be released). */
int	xmlmem_can_drop(void);
/* Largest arena use seen (bytes), for diagnostics. */
size_t	xmlmem_high_water(void);

#endif
