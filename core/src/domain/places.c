/*
 * places.c - the places file, loaded once per process.
 * A reload (SIGHUP) starts new workers, which load it again: nothing here
 * outlives the configuration it came from.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "geo.h"
#include "places.h"

static struct geo_places *loaded;

int
places_load(const struct config *cfg, char *err, size_t errsz)
{
	struct geo_limits lim;
	struct geo_places *pl = NULL;
	char why[256];

	places_free();
	if (cfg->places_geojson == NULL || cfg->places_geojson[0] == '\0')
		return 0;
	geo_limits_default(&lim);
	if (geo_places_load(cfg->places_geojson, &lim, &pl, why,
	    sizeof(why)) != DM_OK) {
		snprintf(err, errsz, "places.geojson %s: %s",
		    cfg->places_geojson, why);
		return -1;
	}
	loaded = pl;
	return 0;
}

void
places_free(void)
{
	geo_places_free(loaded);
	loaded = NULL;
}

const struct geo_places *
places_get(void)
{
	return loaded;
}

const struct geo_settlement *
places_settlement(const char *code)
{
	return loaded != NULL && code != NULL ? geo_settlement_find(loaded,
	    code) : NULL;
}

const struct geo_zone *
places_zone(const char *code)
{
	return loaded != NULL && code != NULL ? geo_zone_find(loaded, code) :
	    NULL;
}
