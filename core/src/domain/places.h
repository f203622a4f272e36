/*
 * places.h - the municipality's places as this process has them.
 * Owns: loading the places file ([places] geojson) once per process (a
 * worker, dimosctl) and handing out the result: the boundary, the
 * settlements and the zones they are in (geo.h), and a settlement by code.
 */
#ifndef DIMOS_PLACES_H
#define DIMOS_PLACES_H

#include <stddef.h>

struct config;
struct geo_places;
struct geo_settlement;
struct geo_zone;

/* Loads cfg's places file, replacing what was loaded; none configured is
 * not an error. -1 with one line in err if the file is refused. */
int				 places_load(const struct config *cfg,
				    char *err, size_t errsz);
void				 places_free(void);
/* What was loaded, or NULL. */
const struct geo_places		*places_get(void);
/* A settlement, a zone by code, or NULL. */
const struct geo_settlement	*places_settlement(const char *code);
const struct geo_zone		*places_zone(const char *code);

#endif
