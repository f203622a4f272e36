/*
 * xmlmem.h - libxml2/libxslt memory during a page render.
 * Owns: a bump arena that serves every libxml2 allocation made while a
 * page is built, transformed and serialized, released at once afterwards.
 */
#ifndef DIMOS_XMLMEM_H
#define DIMOS_XMLMEM_H

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
int	xmlmem_active(void);

#endif
