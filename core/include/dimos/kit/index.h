/*
 * dimos/kit/index.h - sorted views of records (part of the plugin kit).
 * Owns: an array of pointers to records sorted by a comparison, binary
 * search in it, and the first repeated key in file order, so that an
 * import checks references and duplicates in n log n, not n².
 */
#ifndef DIMOS_KIT_INDEX_H
#define DIMOS_KIT_INDEX_H

#include <stddef.h>

/*
 * A sorted view of rows (pointers into an array of records) for lookups
 * and duplicate checks; the records stay in file order for messages.
 */
struct kit_index {
	const void	**v;
	size_t		  n;
};

/* Indexes the n records of size bytes at base for which keep() holds
 * (all when keep is NULL), sorted by cmp; -1 when out of memory. */
int	kit_index_make(struct kit_index *ix, const void *base, size_t size,
	    size_t n, int (*keep)(const void *),
	    int (*cmp)(const void *, const void *));
/* The record whose key cmp finds equal to key's, or NULL; cmp gets
 * pointers to record pointers, as qsort's does on ix->v. */
const void *kit_index_find(const struct kit_index *ix, const void *key,
	    int (*cmp)(const void *, const void *));
/*
 * In an index sorted by key and then by line: the first record (in file
 * order) whose key equals an earlier record's, or NULL; *orig gets the
 * first record with that key. same(a, b) compares two records' keys.
 */
const void *kit_index_first_repeat(const struct kit_index *ix,
	    int (*same)(const void *, const void *),
	    unsigned (*line)(const void *), const void **orig);

#endif
