/*
 * keyadmin.h - what dimosctl does with the seal keys.
 * Owns: init, rotate, show and list as an administrator runs them: the
 * key folder (keystore.c) and seal_keys kept in step, and what is printed.
 */
#ifndef DIMOS_KEYADMIN_H
#define DIMOS_KEYADMIN_H

#include <stdio.h>

#include "dimos/plugin.h"
#include "keystore.h"

struct config;
struct db;

/*
 * The first generation (the demo CA issues its certificate unless n has
 * one). db may be NULL: a worker records the generation when it first
 * seals with it.
 */
dm_status	keyadmin_init(struct db *db, const struct config *cfg,
		    const struct keystore_new *n, FILE *out);
/*
 * A new generation; the old one is recorded first (its secret files are
 * then removed) and marked retired. Workers take the new one when they
 * are replaced: reload dimosd afterwards, on every node.
 */
dm_status	keyadmin_rotate(struct db *db, const struct config *cfg,
		    const struct keystore_new *n, FILE *out);
/* The current generation; records it if it is not yet (db not NULL). */
dm_status	keyadmin_show(struct db *db, const struct config *cfg,
		    FILE *out);
/* Every recorded generation with when it sealed and its certificate. */
dm_status	keyadmin_list(struct db *db, FILE *out);

#endif
