/*
 * db.h - MariaDB through Connector/C: one connection per process.
 * Owns: connecting and reconnecting after the server went away, the
 * prepared-statement cache, typed parameters and results, and transactions
 * retried after a deadlock or a Galera certification conflict.
 */
#ifndef DIMOS_DB_H
#define DIMOS_DB_H

#include <stddef.h>
#include <stdint.h>

#include "dimos/host.h"

struct config;
struct db;

/* admin: connect with the migration account (database.admin_user). */
dm_status	db_open(const struct config *cfg, int admin, struct db **out);
void		db_close(struct db *db);
/* Connects now if not connected; DM_EINTERNAL if the server is away. */
dm_status	db_ready(struct db *db);
/* Asks the server something (health checks): DM_OK if it answers. */
dm_status	db_ping(struct db *db);

dm_status	db_query(struct db *db, const char *sql,
		    const struct dm_value *params, size_t nparams,
		    dm_row_fn fn, void *arg);
dm_status	db_exec(struct db *db, const char *sql,
		    const struct dm_value *params, size_t nparams,
		    uint64_t *affected, uint64_t *insert_id);
/* One integer from the first row's first column; DM_ENOTFOUND if none. */
dm_status	db_query_int(struct db *db, const char *sql,
		    const struct dm_value *params, size_t nparams,
		    long long *out);
/*
 * The first row's first column as text in out (NULL as ""); DM_ENOTFOUND
 * if no row, DM_ELIMIT if it does not fit in size (out then "").
 */
dm_status	db_query_text(struct db *db, const char *sql,
		    const struct dm_value *params, size_t nparams,
		    char *out, size_t size);

/*
 * The rows as an array of JSON objects, added to root as name: keys name
 * the columns in order (NULL-terminated); a key starting with '@' names a
 * column that holds JSON text, added as JSON (the '@' dropped).
 */
struct json_object;
dm_status	db_query_json(struct db *db, const char *sql,
		    const struct dm_value *params, size_t nparams,
		    const char *const *keys, struct json_object *root,
		    const char *name);

/* A text (or blob) column copied into the arena, NUL-terminated; NULL for
 * SQL NULL or a number. */
struct arena;
const char	*db_text(struct arena *a, const struct dm_value *v);

typedef dm_status (*db_tx_fn)(void *arg);
/* Runs fn in a transaction; again (up to 5 times) on deadlock/conflict.
 * Nested calls join the outer transaction. */
dm_status	db_tx(struct db *db, db_tx_fn fn, void *arg);
/* The same for a plugin's function (host->db_tx), which takes req. */
dm_status	db_tx_plugin(struct db *db, struct dm_req *req, dm_tx_fn fn,
		    void *arg);
int		db_in_tx(const struct db *db);

/* Statements without data (DDL in migrations), text protocol. */
dm_status	db_script_stmt(struct db *db, const char *sql, char *err,
		    size_t errsz);

/* The worker's connection. */
void		 db_set_worker(struct db *db);
struct db	*db_worker(void);

#endif
