/*
 * sheetx.h - value checks of the finance and water import files beyond
 * the registry sheets' types (pure). Shared with plugins/water.
 * Owns: amounts in euros, references of the municipality's systems,
 * ΚΑΕΚ, electricity supply numbers and decimal quantities, each refused
 * as "<file>:<line>: <column>: "<value>" <why>".
 */
#ifndef FINANCE_SHEETX_H
#define FINANCE_SHEETX_H

#include <stddef.h>

#include "kaek.h"
#include "regutil.h"

/* A value for a message: at most 40 characters, control characters as ?. */
const char *sx_shown(const char *v, char *buf, size_t bufsz);

/*
 * Each reads column col of row (absent or empty: *out untouched, 0 unless
 * required) and checks it; -1 with the message in err.
 */
int	sx_money(const struct reg_sheet *sh, size_t row, int col, int required,
	    long long min, long long max, long long *cents, char *err,
	    size_t errsz);
/* 1..max of [0-9A-Z]: the municipality's systems' own numbers. */
int	sx_code(const struct reg_sheet *sh, size_t row, int col, size_t max,
	    const char **out, char *err, size_t errsz);
int	sx_kaek(const struct reg_sheet *sh, size_t row, int col,
	    char out[KAEK_MAX + 1], char *err, size_t errsz);
int	sx_power_supply(const struct reg_sheet *sh, size_t row, int col,
	    char out[POWER_SUPPLY_MAX + 1], char *err, size_t errsz);
/*
 * A decimal quantity with up to `decimals` digits after a point ("85.4",
 * "12.25"), as an integer in hundredths (decimals 2) or tenths (1),
 * between min and max in those units.
 */
int	sx_decimal(const struct reg_sheet *sh, size_t row, int col,
	    int decimals, long long min, long long max, long long *out,
	    char *err, size_t errsz);
/* Refuses a value in col on a row where it has no meaning. */
int	sx_absent(const struct reg_sheet *sh, size_t row, int col,
	    const char *why, char *err, size_t errsz);

/* "<file>:<line>: <col>: "<v>" <why>"; returns -1. */
int	sx_fail(const struct reg_sheet *sh, unsigned line, char *err,
	    size_t errsz, const char *col, const char *v, const char *why);

/* Finds the first repeated value of col; -1 with "appears again". */
int	sx_unique(const struct reg_sheet *sh, int col, char *err,
	    size_t errsz);

/*
 * A sorted view of rows (pointers into an array of records) for lookups
 * and duplicate checks; the records stay in file order for messages.
 */
struct sx_index {
	const void	**v;
	size_t		  n;
};

/* Indexes the n records of size bytes at base for which keep() holds
 * (all when keep is NULL), sorted by cmp; -1 when out of memory. */
int	sx_index_make(struct sx_index *ix, const void *base, size_t size,
	    size_t n, int (*keep)(const void *),
	    int (*cmp)(const void *, const void *));
/* The record whose key cmp finds equal to key's, or NULL; cmp gets
 * pointers to record pointers, as qsort's does on ix->v. */
const void *sx_index_find(const struct sx_index *ix, const void *key,
	    int (*cmp)(const void *, const void *));
/*
 * In an index sorted by key and then by line: the first record (in file
 * order) whose key equals an earlier record's, or NULL; *orig gets the
 * first record with that key. same(a, b) compares two records' keys.
 */
const void *sx_first_repeat(const struct sx_index *ix,
	    int (*same)(const void *, const void *),
	    unsigned (*line)(const void *), const void **orig);

#endif
