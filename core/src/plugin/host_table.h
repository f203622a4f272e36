/*
 * host_table.h - access to the plugin host table.
 * Owns nothing but the accessor; the table itself lives in host_table.c and the
 * ABI types in dimos/host.h.
 */
#ifndef DIMOS_HOST_TABLE_H
#define DIMOS_HOST_TABLE_H

#include "dimos/host.h"

struct config;

const struct dm_host	*host_get(const struct config *cfg);

#endif
