/*
 * geo.h - places on the earth: distances, bounding boxes, polygons.
 * Owns: point in (multi)polygon with holes, great-circle distance in
 * metres, the box around a point for "within N metres" queries, and the
 * municipality's places file (GeoJSON: boundary, settlements, zones).
 */
#ifndef DIMOS_GEO_H
#define DIMOS_GEO_H

#include <stddef.h>

#include "dimos/plugin.h"

/* Mean earth radius (IUGG), metres. */
#define GEO_EARTH_RADIUS_M	6371008.8

/* Decimal degrees, WGS 84. */
struct geo_point {
	double	lat;
	double	lon;
};

/* south <= north; west <= east (no box crosses the antimeridian). */
struct geo_bbox {
	double	south;
	double	west;
	double	north;
	double	east;
};

/* A closed ring: pt[0] equals pt[n - 1], n >= 4. */
struct geo_ring {
	struct geo_point	*pt;
	size_t			 n;
};

/* ring[0] is the outer ring, the rest are holes. */
struct geo_polygon {
	struct geo_ring		*ring;
	size_t			 nring;
	struct geo_bbox		 bbox;
};

/* Great-circle (haversine) distance between a and b, in metres. */
double	geo_distance_m(struct geo_point a, struct geo_point b);

/*
 * The smallest latitude/longitude box holding every point within metres
 * of p (metres >= 0), for an indexed "lat BETWEEN ... AND lon BETWEEN ..."
 * prefilter; the exact distance is checked afterwards. Near a pole the box
 * spans every longitude. Latitudes are clamped to [-90, 90].
 */
struct geo_bbox	geo_bbox_around(struct geo_point p, double metres);
int	geo_bbox_contains(const struct geo_bbox *b, struct geo_point p);

/*
 * 1 if p lies inside the polygon or on its boundary: inside the outer
 * ring (or on it) and not strictly inside any hole. Planar in degrees,
 * which is exact enough at the size of a municipality.
 */
int	geo_polygon_contains(const struct geo_polygon *poly,
	    struct geo_point p);

/*
 * p rounded to a grid of about `metres` (at least 1): how a public page
 * shows a report's place without pinpointing a house.
 */
struct geo_point geo_approximate(struct geo_point p, double metres);

/* ---------------------------------------------------------------- places */

/*
 * A municipality's places, read from a GeoJSON FeatureCollection whose
 * features say what they are in properties.kind:
 *   "boundary"   Polygon or MultiPolygon; the municipality's area (one or
 *                more features; their polygons together)
 *   "zone"       geometry null or any; properties code, name_el, name_en:
 *                a service area such as a cleaning crew's zone
 *   "settlement" Point; properties code, name_el, name_en, and zone (the
 *                code of a zone; required when zones are declared)
 * Codes are [a-z0-9-], 1..32 characters, unique per kind. Anything else
 * in the file is refused with the feature's number and what is wrong.
 */
struct geo_zone {
	char	*code;
	char	*name_el;
	char	*name_en;
};

struct geo_settlement {
	char			*code;
	char			*name_el;
	char			*name_en;
	const struct geo_zone	*zone;		/* NULL: no zones declared */
	struct geo_point	 at;
};

struct geo_places {
	struct geo_polygon	*poly;		/* the boundary, >= 1 */
	size_t			 npoly;
	struct geo_bbox		 bbox;		/* of all of them */
	struct geo_zone		*zone;		/* in file order */
	size_t			 nzone;
	struct geo_settlement	*settlement;	/* in file order */
	size_t			 nsettlement;
	char			*geojson;	/* the same, re-written compact
						   with only the known members,
						   for the map */
	size_t			 geojson_len;
};

/* Limits a places file must keep; geo_places_defaults() fills them. */
struct geo_limits {
	size_t	bytes;		/* of the file */
	size_t	points;		/* positions in all rings together */
	size_t	rings;		/* per polygon */
	size_t	polygons;	/* in all boundary features */
	size_t	settlements;
	size_t	zones;
	size_t	name_bytes;	/* of each name */
};

void	geo_limits_default(struct geo_limits *lim);

/*
 * Parses len bytes of GeoJSON into *out (allocated with malloc; free with
 * geo_places_free). On failure returns DM_EINPUT (or DM_ELIMIT for a
 * broken limit) and writes one line saying what and where into err.
 */
dm_status	geo_places_parse(const char *json, size_t len,
		    const struct geo_limits *lim, struct geo_places **out,
		    char *err, size_t errsz);
/* Reads and parses a file (its size checked before reading). */
dm_status	geo_places_load(const char *path, const struct geo_limits *lim,
		    struct geo_places **out, char *err, size_t errsz);
void		geo_places_free(struct geo_places *pl);

/* 1 if p is within the boundary (any of its polygons). */
int	geo_places_contains(const struct geo_places *pl, struct geo_point p);
const struct geo_settlement *geo_settlement_find(const struct geo_places *pl,
	    const char *code);
/* The settlement closest to p; NULL when there are none. */
const struct geo_settlement *geo_settlement_nearest(
	    const struct geo_places *pl, struct geo_point p);
const struct geo_zone *geo_zone_find(const struct geo_places *pl,
	    const char *code);

#endif /* DIMOS_GEO_H */
