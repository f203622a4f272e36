/*
 * health.h - the worker's own routes: /healthz and /metrics.
 */
#ifndef DIMOS_HEALTH_H
#define DIMOS_HEALTH_H

#include <stddef.h>

#include "dimos/plugin.h"

extern const struct dm_route health_routes[];
extern const size_t health_nroutes;

#endif
