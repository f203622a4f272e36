/*
 * fuzz_geo.c - the places file (GeoJSON) on arbitrary input: refused with
 * a message, or read into places whose compact copy reads back the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct geo_places *pl, *again;
	char err[256];

	err[0] = '\0';
	if (geo_places_parse((const char *)data, size, NULL, &pl, err,
	    sizeof(err)) != DM_OK) {
		if (pl != NULL || err[0] == '\0')
			abort();
		return 0;
	}
	if (geo_places_parse(pl->geojson, pl->geojson_len, NULL, &again, err,
	    sizeof(err)) != DM_OK || again->npoly != pl->npoly ||
	    again->nsettlement != pl->nsettlement || again->nzone != pl->nzone)
		abort();
	for (size_t i = 0; i < pl->nsettlement; i++)
		if (geo_places_contains(pl, pl->settlement[i].at) !=
		    geo_places_contains(again, pl->settlement[i].at))
			abort();
	geo_places_free(again);
	geo_places_free(pl);
	return 0;
}
