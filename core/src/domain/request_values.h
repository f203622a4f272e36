/*
 * request_values.h - the index of form values the staff queue reads.
 * Owns: table request_values (schema/006), written for the queue columns
 * a plugin declares indexed, and the SQL the queue filters and sorts by.
 */
#ifndef DIMOS_REQUEST_VALUES_H
#define DIMOS_REQUEST_VALUES_H

#include <stddef.h>

#include "dimos/plugin.h"
#include "plugins.h"

struct db;
struct dm_req;
struct service;

/*
 * The queue columns of a department, and of one of its services when the
 * queue is narrowed to it (sv may be NULL): department columns first.
 * Each comes with the type of the field it shows (the same in every
 * service that has it; the loader checked).
 */
struct queue_column {
	const struct dm_column	*col;
	enum dm_field_type	 type;
	const struct dm_field	*field;		/* one declaration of it
						   (for choice labels) */
	enum column_part	 part;		/* of an address: its
						   settlement or zone */
};

size_t		 queue_columns(const char *dept, const struct service *sv,
		    struct queue_column *out, size_t max);
/* A request's value of a column, from its form (JSON text): the field's,
 * or for an address's part the code of its settlement or of the
 * settlement's zone (NULL: none). */
const char	*queue_column_value(struct dm_req *req, const char *form,
		    const struct queue_column *qc);

/* A condition of the queue on an indexed column (requests_queue). */
struct queue_cond {
	const char	*field;
	enum dm_filter	 kind;		/* EXACT, RANGE or PREFIX */
	int		 numeric;	/* a NUMBER field: compared as one */
	const char	*value;		/* EXACT, PREFIX */
	const char	*from, *to;	/* RANGE, inclusive; either may be
					   NULL */
};

/*
 * The SQL the queue adds for its column conditions and sort: sql gets
 * " AND EXISTS (...)" per condition (the request r, in department r's),
 * appending their parameters to p (*np of max). 0, or -1 if sql or p is
 * full.
 */
struct dm_value;
int		 request_values_where(struct dm_req *req,
		    const struct queue_cond *c, size_t n, char *sql,
		    size_t sqlsz, struct dm_value *p, size_t *np, size_t max);

/*
 * Writes the indexed values of request id (service sv, its form as JSON
 * text) into request_values, replacing what was there. Runs in the
 * caller's transaction, which holds the request's row (every writer of a
 * request's values does).
 */
dm_status	 request_values_write(struct dm_req *req, long long id,
		    const struct service *sv, const char *form);
/*
 * The same for a draft being submitted, which has none: values are written
 * at submission only (a rolled-back one leaves none, a rebuild skips
 * drafts). No DELETE first: on an empty range at the end of the index it
 * took a gap lock, and two submissions that both did, then inserted,
 * deadlocked.
 */
dm_status	 request_values_add(struct dm_req *req, long long id,
		    const struct service *sv, const char *form);

/*
 * dimosctl reindex: writes request_values again for every submitted
 * request of the enabled plugins' services (a column added to a plugin
 * later then covers older requests too). *n gets the requests indexed.
 */
dm_status	 request_values_rebuild(struct db *db, size_t *n);

#endif
