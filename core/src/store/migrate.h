/*
 * migrate.h - schema migrations: schema/NNN_name.sql for the core and
 * plugins/<p>/schema/NNN_name.sql per plugin, applied in order, recorded
 * with a SHA-256 checksum; an edited applied migration is refused.
 */
#ifndef DIMOS_MIGRATE_H
#define DIMOS_MIGRATE_H

#include <stddef.h>

#include "dimos/plugin.h"

struct db;

struct migration {
	char	 component[64];		/* "core" or the plugin name */
	int	 version;		/* NNN */
	char	 name[128];		/* file name */
	char	*path;
	char	 checksum[65];		/* sha256 hex of the file */
};

struct migration_set {
	struct migration	*v;
	size_t			 n;
};

/* Adds dir's NNN_*.sql files for component (sorted, no duplicates). */
dm_status	migrate_scan(const char *dir, const char *component,
		    struct migration_set *set, char *err, size_t errsz);
void		migrate_set_free(struct migration_set *set);

/*
 * Splits SQL text into statements at ';' outside quotes and comments;
 * calls fn for each non-empty statement (NUL-terminated copy).
 */
int		migrate_split(const char *sql, int (*fn)(void *arg,
		    const char *stmt, int line), void *arg);

enum migrate_mode {
	MIGRATE_APPLY,
	MIGRATE_STATUS,		/* report only */
};

/* Applies what is pending; prints one line per migration to out. */
dm_status	migrate_run(struct db *db, const struct migration_set *set,
		    enum migrate_mode mode, void *out, char *err,
		    size_t errsz);

#endif
