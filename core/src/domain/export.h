/*
 * export.h - "Download my data": everything the municipality holds about
 * an account, as one JSON document (format dimos-account-export/1).
 * Owns nothing but the document's shape: each part comes from the module
 * that owns its table.
 */
#ifndef DIMOS_EXPORT_H
#define DIMOS_EXPORT_H

#include <stddef.h>

#include "dimos/plugin.h"

struct dm_req;

/* The account's data as JSON (arena string of *len bytes). */
dm_status	export_account(struct dm_req *req, long long id, char **json,
		    size_t *len);

#endif
