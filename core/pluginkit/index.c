/*
 * index.c - sorted views of an array of records, for lookups and for
 * the first repeated key of an import file.
 */
#include <stdlib.h>

#include "dimos/kit/index.h"

int
kit_index_make(struct kit_index *ix, const void *base, size_t size, size_t n,
    int (*keep)(const void *), int (*cmp)(const void *, const void *))
{
	ix->n = 0;
	ix->v = calloc(n ? n : 1, sizeof(*ix->v));
	if (ix->v == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const void *e = (const char *)base + i * size;

		if (keep == NULL || keep(e))
			ix->v[ix->n++] = e;
	}
	qsort(ix->v, ix->n, sizeof(*ix->v), cmp);
	return 0;
}

const void *
kit_index_find(const struct kit_index *ix, const void *key,
    int (*cmp)(const void *, const void *))
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp(&key, &ix->v[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && cmp(&key, &ix->v[lo]) == 0 ? ix->v[lo] : NULL;
}

const void *
kit_index_first_repeat(const struct kit_index *ix,
    int (*same)(const void *, const void *), unsigned (*line)(const void *),
    const void **orig)
{
	const void *dup = NULL;

	for (size_t i = 0; i < ix->n;) {
		size_t k = i + 1;

		while (k < ix->n && same(ix->v[i], ix->v[k]))
			k++;
		/* v[i] is the group's first record, v[i + 1] its first
		 * repeat */
		if (k > i + 1 &&
		    (dup == NULL || line(ix->v[i + 1]) < line(dup))) {
			dup = ix->v[i + 1];
			*orig = ix->v[i];
		}
		i = k;
	}
	return dup;
}
