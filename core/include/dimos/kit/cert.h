/*
 * dimos/kit/cert.h - building a certificate's content in plugins (part of
 * the plugin kit).
 * Every string of a certificate comes from an allocator: the host's
 * request arena in a plugin (host->alloc), a list of malloc'ed blocks in a
 * test. alloc returns zeroed memory and never NULL.
 */
#ifndef DIMOS_KIT_CERT_H
#define DIMOS_KIT_CERT_H

#include <stddef.h>

#include "dimos/plugin.h"

struct kit_alloc {
	void	*(*alloc)(void *ctx, size_t size);
	void	*ctx;
};

/*
 * An allocator over malloc, for code outside a request (a command, a
 * test): kit_heap_alloc is a kit_alloc's alloc with the heap as its ctx
 * (zeroed memory; aborts when memory runs out), kit_heap_free releases
 * everything it gave at once.
 */
struct kit_heap_block;

struct kit_heap {
	struct kit_heap_block	*blocks;
};

void	*kit_heap_alloc(void *heap, size_t size);
void	 kit_heap_free(struct kit_heap *heap);

char	*kit_adup(const struct kit_alloc *a, const char *s);
char	*kit_aprintf(const struct kit_alloc *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The genitive of a first name, from the allocator. */
char	*kit_agen(const struct kit_alloc *a, const char *name);
/* "14/05/1975" and "14 Μαΐου 1975", from the allocator. */
char	*kit_adate(const struct kit_alloc *a, const char *iso);
char	*kit_adate_long(const struct kit_alloc *a, const char *iso);

#define KIT_CERT_TEXTS	16	/* paragraphs, and remarks */
#define KIT_CERT_ROWS	128

/* A certificate being built; kit_cert_finish copies it into out. */
struct kit_cert {
	const struct kit_alloc	*a;
	const char		*paras[KIT_CERT_TEXTS];
	size_t			 npara;
	struct dm_cert_row	 rows[KIT_CERT_ROWS];
	size_t			 nrows;
	const char		*remarks[KIT_CERT_TEXTS];
	size_t			 nremarks;
	int			 overflow;
};

void	kit_cert_init(struct kit_cert *c, const struct kit_alloc *a);
void	kit_cert_para(struct kit_cert *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	kit_cert_remark(struct kit_cert *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A row; a NULL or empty value leaves the row out. */
void	kit_cert_row(struct kit_cert *c, const char *label, const char *value);
/* Copies the lists into out (title and the rest are the caller's);
 * -1 if more was added than fits. */
int	kit_cert_finish(struct kit_cert *c, struct dm_certificate *out);

#endif
