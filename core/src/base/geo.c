/*
 * geo.c - distances, boxes, polygons, and the places file (see geo.h).
 * The places file is read once per worker; everything it yields is
 * malloc'd and lives until geo_places_free.
 */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "geo.h"
#include "validate.h"

#define GEO_JSON_DEPTH	16	/* MultiPolygon in a FeatureCollection: 9 */
#define GEO_CODE_MAX	32
#define DEG		(M_PI / 180.0)

/* Metres per degree of latitude (and of longitude at the equator). */
#define M_PER_DEG	(GEO_EARTH_RADIUS_M * DEG)

double
geo_distance_m(struct geo_point a, struct geo_point b)
{
	double dlat = (b.lat - a.lat) * DEG, dlon = (b.lon - a.lon) * DEG;
	double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
	double h = s1 * s1 + cos(a.lat * DEG) * cos(b.lat * DEG) * s2 * s2;

	if (h > 1)
		h = 1;
	return 2 * GEO_EARTH_RADIUS_M * asin(sqrt(h));
}

struct geo_bbox
geo_bbox_around(struct geo_point p, double metres)
{
	struct geo_bbox b;
	double dlat, dlon, c;

	if (!(metres > 0))
		metres = 0;
	dlat = metres / M_PER_DEG;
	b.south = p.lat - dlat < -90 ? -90 : p.lat - dlat;
	b.north = p.lat + dlat > 90 ? 90 : p.lat + dlat;
	/* The widest parallel the circle touches is the one nearest the
	 * pole; a box that reaches a pole spans every longitude. */
	c = cos((fabs(p.lat) + dlat) * DEG);
	if (fabs(p.lat) + dlat >= 90 || c <= 1e-9 ||
	    (dlon = dlat / c) >= 180) {
		b.west = -180;
		b.east = 180;
		return b;
	}
	b.west = p.lon - dlon < -180 ? -180 : p.lon - dlon;
	b.east = p.lon + dlon > 180 ? 180 : p.lon + dlon;
	return b;
}

int
geo_bbox_contains(const struct geo_bbox *b, struct geo_point p)
{
	return p.lat >= b->south && p.lat <= b->north && p.lon >= b->west &&
	    p.lon <= b->east;
}

/* 1 if p lies on the segment a-b (within rounding). */
static int
on_segment(struct geo_point a, struct geo_point b, struct geo_point p)
{
	double cross = (b.lon - a.lon) * (p.lat - a.lat) -
	    (b.lat - a.lat) * (p.lon - a.lon);
	double len = fabs(b.lon - a.lon) + fabs(b.lat - a.lat);

	if (fabs(cross) > 1e-12 * (len > 1 ? len : 1))
		return 0;
	return p.lon >= fmin(a.lon, b.lon) - 1e-12 &&
	    p.lon <= fmax(a.lon, b.lon) + 1e-12 &&
	    p.lat >= fmin(a.lat, b.lat) - 1e-12 &&
	    p.lat <= fmax(a.lat, b.lat) + 1e-12;
}

/* Even-odd crossing test: 0 outside, 1 inside, 2 on the ring itself. */
static int
ring_side(const struct geo_ring *r, struct geo_point p)
{
	int inside = 0;

	for (size_t i = 0, j = r->n - 1; i < r->n; j = i++) {
		struct geo_point a = r->pt[i], b = r->pt[j];

		if (on_segment(a, b, p))
			return 2;
		if ((a.lat > p.lat) != (b.lat > p.lat)) {
			double x = (b.lon - a.lon) * (p.lat - a.lat) /
			    (b.lat - a.lat) + a.lon;

			if (p.lon < x)
				inside = !inside;
		}
	}
	return inside;
}

int
geo_polygon_contains(const struct geo_polygon *poly, struct geo_point p)
{
	if (poly->nring == 0 || !geo_bbox_contains(&poly->bbox, p) ||
	    ring_side(&poly->ring[0], p) == 0)
		return 0;
	for (size_t i = 1; i < poly->nring; i++)
		if (ring_side(&poly->ring[i], p) == 1)
			return 0;
	return 1;
}

struct geo_point
geo_approximate(struct geo_point p, double metres)
{
	double step, c;

	if (!(metres >= 1))
		metres = 1;
	step = metres / M_PER_DEG;
	p.lat = round(p.lat / step) * step;
	c = cos(p.lat * DEG);
	if (c > 1e-6)
		step /= c;
	p.lon = round(p.lon / step) * step;
	if (p.lat > 90)
		p.lat = 90;
	if (p.lat < -90)
		p.lat = -90;
	if (p.lon > 180)
		p.lon = 180;
	if (p.lon < -180)
		p.lon = -180;
	return p;
}

/* ---------------------------------------------------------------- places */

void
geo_limits_default(struct geo_limits *lim)
{
	lim->bytes = 16u << 20;
	lim->points = 500000;
	lim->rings = 1000;
	lim->polygons = 1000;
	lim->settlements = 5000;
	lim->zones = 500;
	lim->name_bytes = 200;
}

struct parse {
	const struct geo_limits	*lim;
	struct geo_places	*pl;
	size_t			 points;
	size_t			 feature;	/* 1-based, for messages */
	char			*err;
	size_t			 errsz;
	dm_status		 st;
};

static dm_status
fail(struct parse *x, dm_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static dm_status
fail(struct parse *x, dm_status st, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (x->feature > 0)
		snprintf(x->err, x->errsz, "feature %zu: %s", x->feature, msg);
	else
		snprintf(x->err, x->errsz, "%s", msg);
	x->st = st;
	return st;
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL)
		abort();	/* small, bounded by the limits */
	return p;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		abort();
	return p;
}

/* A finite number (JSON int or double). */
static int
number(json_object *o, double *out)
{
	if (!json_object_is_type(o, json_type_double) &&
	    !json_object_is_type(o, json_type_int))
		return 0;
	*out = json_object_get_double(o);
	return isfinite(*out);
}

/* [lon, lat] or [lon, lat, altitude]. */
static dm_status
position(struct parse *x, json_object *o, struct geo_point *pt)
{
	double lon, lat, alt;
	size_t n;

	if (!json_object_is_type(o, json_type_array) ||
	    (n = json_object_array_length(o)) < 2 || n > 3 ||
	    !number(json_object_array_get_idx(o, 0), &lon) ||
	    !number(json_object_array_get_idx(o, 1), &lat) ||
	    (n == 3 && !number(json_object_array_get_idx(o, 2), &alt)))
		return fail(x, DM_EINPUT, "a position is not [longitude, "
		    "latitude]");
	if (lat < -90 || lat > 90 || lon < -180 || lon > 180)
		return fail(x, DM_EINPUT, "position [%g, %g] is out of range "
		    "(GeoJSON gives longitude first)", lon, lat);
	pt->lat = lat;
	pt->lon = lon;
	return DM_OK;
}

static dm_status
ring(struct parse *x, json_object *o, struct geo_ring *r,
    struct geo_bbox *bb, int outer)
{
	size_t n;
	dm_status st;

	if (!json_object_is_type(o, json_type_array))
		return fail(x, DM_EINPUT, "a ring is not an array");
	n = json_object_array_length(o);
	if (n < 4)
		return fail(x, DM_EINPUT, "a ring has %zu positions; at least "
		    "4 are needed", n);
	if (n > x->lim->points - x->points)
		return fail(x, DM_ELIMIT, "more than %zu positions in all",
		    x->lim->points);
	x->points += n;
	r->pt = xcalloc(n, sizeof(*r->pt));
	r->n = n;
	for (size_t i = 0; i < n; i++) {
		if ((st = position(x, json_object_array_get_idx(o, i),
		    &r->pt[i])) != DM_OK)
			return st;
		if (!outer)
			continue;
		if (r->pt[i].lat < bb->south)
			bb->south = r->pt[i].lat;
		if (r->pt[i].lat > bb->north)
			bb->north = r->pt[i].lat;
		if (r->pt[i].lon < bb->west)
			bb->west = r->pt[i].lon;
		if (r->pt[i].lon > bb->east)
			bb->east = r->pt[i].lon;
	}
	if (r->pt[0].lat != r->pt[n - 1].lat ||
	    r->pt[0].lon != r->pt[n - 1].lon)
		return fail(x, DM_EINPUT, "a ring is not closed (its last "
		    "position must repeat the first)");
	return DM_OK;
}

/* One Polygon's coordinates, appended to the places' polygons. */
static dm_status
polygon(struct parse *x, json_object *o)
{
	struct geo_places *pl = x->pl;
	struct geo_polygon *p;
	size_t n;
	dm_status st;

	if (!json_object_is_type(o, json_type_array) ||
	    (n = json_object_array_length(o)) == 0)
		return fail(x, DM_EINPUT, "a polygon needs at least its outer "
		    "ring");
	if (n > x->lim->rings)
		return fail(x, DM_ELIMIT, "a polygon has more than %zu rings",
		    x->lim->rings);
	if (pl->npoly >= x->lim->polygons)
		return fail(x, DM_ELIMIT, "more than %zu polygons",
		    x->lim->polygons);
	p = &pl->poly[pl->npoly++];
	p->ring = xcalloc(n, sizeof(*p->ring));
	p->nring = n;
	p->bbox = (struct geo_bbox){ 90, 180, -90, -180 };
	for (size_t i = 0; i < n; i++)
		if ((st = ring(x, json_object_array_get_idx(o, i),
		    &p->ring[i], &p->bbox, i == 0)) != DM_OK)
			return st;
	return DM_OK;
}

static json_object *
member(json_object *o, const char *key)
{
	json_object *v = NULL;

	if (o == NULL || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

/* A string member, or NULL (absent, null or another type: *bad set). */
static const char *
string_member(json_object *o, const char *key, int *bad)
{
	json_object *v = member(o, key);

	if (v == NULL || json_object_is_type(v, json_type_null))
		return NULL;
	if (!json_object_is_type(v, json_type_string)) {
		*bad = 1;
		return NULL;
	}
	return json_object_get_string(v);
}

static int
valid_code(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	return n >= 1 && n <= GEO_CODE_MAX;
}

/* Code and both names of a zone or settlement, checked and copied. */
static dm_status
naming(struct parse *x, json_object *props, const char *what, char **code,
    char **el, char **en)
{
	const char *c, *ne, *nn;
	int bad = 0;

	c = string_member(props, "code", &bad);
	ne = string_member(props, "name_el", &bad);
	nn = string_member(props, "name_en", &bad);
	if (bad || !valid_code(c))
		return fail(x, DM_EINPUT, "a %s needs a code of 1..%d "
		    "characters a-z, 0-9 and '-'", what, GEO_CODE_MAX);
	if (ne == NULL || ne[0] == '\0')
		return fail(x, DM_EINPUT, "%s '%s' has no name_el", what, c);
	if (nn == NULL || nn[0] == '\0')
		nn = ne;
	if (strlen(ne) > x->lim->name_bytes || strlen(nn) >
	    x->lim->name_bytes)
		return fail(x, DM_ELIMIT, "%s '%s': a name is longer than %zu "
		    "bytes", what, c, x->lim->name_bytes);
	if (!val_utf8(ne, strlen(ne)) || !val_utf8(nn, strlen(nn)) ||
	    strpbrk(ne, "\r\n\t") != NULL || strpbrk(nn, "\r\n\t") != NULL)
		return fail(x, DM_EINPUT, "%s '%s': a name has control "
		    "characters", what, c);
	*code = xstrdup(c);
	*el = xstrdup(ne);
	*en = xstrdup(nn);
	return DM_OK;
}

static dm_status
boundary(struct parse *x, json_object *geom)
{
	json_object *coords = member(geom, "coordinates");
	const char *type;
	int bad = 0;
	dm_status st;

	type = string_member(geom, "type", &bad);
	if (type == NULL || coords == NULL ||
	    !json_object_is_type(coords, json_type_array))
		return fail(x, DM_EINPUT, "a boundary needs a Polygon or "
		    "MultiPolygon geometry");
	if (strcmp(type, "Polygon") == 0)
		return polygon(x, coords);
	if (strcmp(type, "MultiPolygon") != 0)
		return fail(x, DM_EINPUT, "a boundary is a Polygon or "
		    "MultiPolygon, not %.40s", type);
	if (json_object_array_length(coords) == 0)
		return fail(x, DM_EINPUT, "an empty MultiPolygon");
	for (size_t i = 0; i < json_object_array_length(coords); i++)
		if ((st = polygon(x, json_object_array_get_idx(coords, i))) !=
		    DM_OK)
			return st;
	return DM_OK;
}

/* First pass over the features: counts, to size the arrays. */
static dm_status
count_kinds(struct parse *x, json_object *features, size_t *npoly,
    size_t *nzone, size_t *nset)
{
	size_t n = json_object_array_length(features);

	*npoly = *nzone = *nset = 0;
	for (size_t i = 0; i < n; i++) {
		json_object *f = json_object_array_get_idx(features, i);
		json_object *geom = member(f, "geometry"), *c;
		const char *kind, *type;
		int bad = 0;

		x->feature = i + 1;
		kind = string_member(member(f, "properties"), "kind", &bad);
		type = string_member(f, "type", &bad);
		if (type == NULL || strcmp(type, "Feature") != 0)
			return fail(x, DM_EINPUT, "not a Feature");
		if (kind == NULL)
			return fail(x, DM_EINPUT, "properties.kind is missing "
			    "(boundary, zone or settlement)");
		if (strcmp(kind, "boundary") == 0) {
			const char *gt = string_member(geom, "type", &bad);

			c = member(geom, "coordinates");
			if (gt != NULL && strcmp(gt, "MultiPolygon") == 0 &&
			    c != NULL && json_object_is_type(c,
			    json_type_array))
				*npoly += json_object_array_length(c);
			else
				*npoly += 1;
		} else if (strcmp(kind, "zone") == 0)
			(*nzone)++;
		else if (strcmp(kind, "settlement") == 0)
			(*nset)++;
		else
			return fail(x, DM_EINPUT, "unknown kind '%.40s' (boundary, "
			    "zone or settlement)", kind);
	}
	x->feature = 0;
	if (*npoly == 0)
		return fail(x, DM_EINPUT, "no boundary feature");
	if (*npoly > x->lim->polygons)
		return fail(x, DM_ELIMIT, "more than %zu polygons",
		    x->lim->polygons);
	if (*nzone > x->lim->zones)
		return fail(x, DM_ELIMIT, "more than %zu zones", x->lim->zones);
	if (*nset > x->lim->settlements)
		return fail(x, DM_ELIMIT, "more than %zu settlements",
		    x->lim->settlements);
	return DM_OK;
}

static dm_status
zone(struct parse *x, json_object *props)
{
	struct geo_places *pl = x->pl;
	struct geo_zone *z = &pl->zone[pl->nzone];
	dm_status st;

	if ((st = naming(x, props, "zone", &z->code, &z->name_el,
	    &z->name_en)) != DM_OK)
		return st;
	pl->nzone++;
	for (size_t i = 0; i + 1 < pl->nzone; i++)
		if (strcmp(pl->zone[i].code, z->code) == 0)
			return fail(x, DM_EINPUT, "zone '%s' is declared twice",
			    z->code);
	return DM_OK;
}

/* Settlements are read after every zone, so their zone is known. */
static dm_status
settlement(struct parse *x, json_object *props, json_object *geom)
{
	struct geo_places *pl = x->pl;
	struct geo_settlement *s = &pl->settlement[pl->nsettlement];
	const char *type, *zc;
	int bad = 0;
	dm_status st;

	if ((st = naming(x, props, "settlement", &s->code, &s->name_el,
	    &s->name_en)) != DM_OK)
		return st;
	pl->nsettlement++;
	for (size_t i = 0; i + 1 < pl->nsettlement; i++)
		if (strcmp(pl->settlement[i].code, s->code) == 0)
			return fail(x, DM_EINPUT, "settlement '%s' is declared "
			    "twice", s->code);
	type = string_member(geom, "type", &bad);
	if (type == NULL || strcmp(type, "Point") != 0)
		return fail(x, DM_EINPUT, "settlement '%s' needs a Point",
		    s->code);
	if ((st = position(x, member(geom, "coordinates"), &s->at)) != DM_OK)
		return st;
	zc = string_member(props, "zone", &bad);
	if (bad)
		return fail(x, DM_EINPUT, "settlement '%s': zone is not a "
		    "string", s->code);
	if (zc != NULL && (s->zone = geo_zone_find(pl, zc)) == NULL)
		return fail(x, DM_EINPUT, "settlement '%s' names zone '%.40s', "
		    "which is not declared", s->code, zc);
	if (zc == NULL && pl->nzone > 0)
		return fail(x, DM_EINPUT, "settlement '%s' has no zone",
		    s->code);
	return DM_OK;
}

/* A coordinate with about 0.1 m of precision, not 17 digits. */
static json_object *
coord(double v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.8g", v);
	return json_object_new_double_s(v, buf);
}

/* Writes the compact copy the map reads: only what was understood. */
static void
rewrite(struct geo_places *pl)
{
	json_object *root = json_object_new_object();
	json_object *features = json_object_new_array();
	json_object *mp = json_object_new_array();
	json_object *f, *g, *p;
	const char *s;

	for (size_t i = 0; i < pl->npoly; i++) {
		json_object *rings = json_object_new_array();

		for (size_t r = 0; r < pl->poly[i].nring; r++) {
			json_object *ring = json_object_new_array();

			for (size_t k = 0; k < pl->poly[i].ring[r].n; k++) {
				json_object *pos = json_object_new_array();

				json_object_array_add(pos,
				    coord(pl->poly[i].ring[r].pt[k].lon));
				json_object_array_add(pos,
				    coord(pl->poly[i].ring[r].pt[k].lat));
				json_object_array_add(ring, pos);
			}
			json_object_array_add(rings, ring);
		}
		json_object_array_add(mp, rings);
	}
	f = json_object_new_object();
	g = json_object_new_object();
	p = json_object_new_object();
	json_object_object_add(p, "kind", json_object_new_string("boundary"));
	json_object_object_add(g, "type",
	    json_object_new_string("MultiPolygon"));
	json_object_object_add(g, "coordinates", mp);
	json_object_object_add(f, "type", json_object_new_string("Feature"));
	json_object_object_add(f, "properties", p);
	json_object_object_add(f, "geometry", g);
	json_object_array_add(features, f);
	for (size_t i = 0; i < pl->nzone; i++) {
		f = json_object_new_object();
		p = json_object_new_object();
		json_object_object_add(p, "kind",
		    json_object_new_string("zone"));
		json_object_object_add(p, "code",
		    json_object_new_string(pl->zone[i].code));
		json_object_object_add(p, "name_el",
		    json_object_new_string(pl->zone[i].name_el));
		json_object_object_add(p, "name_en",
		    json_object_new_string(pl->zone[i].name_en));
		json_object_object_add(f, "type",
		    json_object_new_string("Feature"));
		json_object_object_add(f, "properties", p);
		json_object_object_add(f, "geometry", NULL);
		json_object_array_add(features, f);
	}
	for (size_t i = 0; i < pl->nsettlement; i++) {
		const struct geo_settlement *st = &pl->settlement[i];
		json_object *pos = json_object_new_array();

		f = json_object_new_object();
		g = json_object_new_object();
		p = json_object_new_object();
		json_object_object_add(p, "kind",
		    json_object_new_string("settlement"));
		json_object_object_add(p, "code",
		    json_object_new_string(st->code));
		json_object_object_add(p, "name_el",
		    json_object_new_string(st->name_el));
		json_object_object_add(p, "name_en",
		    json_object_new_string(st->name_en));
		if (st->zone != NULL)
			json_object_object_add(p, "zone",
			    json_object_new_string(st->zone->code));
		json_object_array_add(pos, coord(st->at.lon));
		json_object_array_add(pos, coord(st->at.lat));
		json_object_object_add(g, "type",
		    json_object_new_string("Point"));
		json_object_object_add(g, "coordinates", pos);
		json_object_object_add(f, "type",
		    json_object_new_string("Feature"));
		json_object_object_add(f, "properties", p);
		json_object_object_add(f, "geometry", g);
		json_object_array_add(features, f);
	}
	json_object_object_add(root, "type",
	    json_object_new_string("FeatureCollection"));
	json_object_object_add(root, "features", features);
	s = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	pl->geojson = xstrdup(s);
	pl->geojson_len = strlen(s);
	json_object_put(root);
}

static dm_status
parse_root(struct parse *x, json_object *root)
{
	struct geo_places *pl = x->pl;
	json_object *features = member(root, "features");
	size_t npoly, nzone, nset, n;
	const char *type;
	int bad = 0;
	dm_status st;

	type = string_member(root, "type", &bad);
	if (type == NULL || strcmp(type, "FeatureCollection") != 0 ||
	    features == NULL || !json_object_is_type(features,
	    json_type_array))
		return fail(x, DM_EINPUT, "not a GeoJSON FeatureCollection");
	if ((st = count_kinds(x, features, &npoly, &nzone, &nset)) != DM_OK)
		return st;
	pl->poly = xcalloc(npoly, sizeof(*pl->poly));
	pl->zone = xcalloc(nzone, sizeof(*pl->zone));
	pl->settlement = xcalloc(nset, sizeof(*pl->settlement));
	n = json_object_array_length(features);
	/* Zones and boundaries first, then settlements (which name zones). */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < n; i++) {
			json_object *f = json_object_array_get_idx(features,
			    i);
			json_object *props = member(f, "properties");
			json_object *geom = member(f, "geometry");
			const char *kind = string_member(props, "kind", &bad);

			x->feature = i + 1;
			if (pass == 0 && strcmp(kind, "boundary") == 0)
				st = boundary(x, geom);
			else if (pass == 0 && strcmp(kind, "zone") == 0)
				st = zone(x, props);
			else if (pass == 1 && strcmp(kind, "settlement") == 0)
				st = settlement(x, props, geom);
			else
				st = DM_OK;
			if (st != DM_OK)
				return st;
		}
	}
	x->feature = 0;
	pl->bbox = pl->poly[0].bbox;
	for (size_t i = 1; i < pl->npoly; i++) {
		pl->bbox.south = fmin(pl->bbox.south, pl->poly[i].bbox.south);
		pl->bbox.west = fmin(pl->bbox.west, pl->poly[i].bbox.west);
		pl->bbox.north = fmax(pl->bbox.north, pl->poly[i].bbox.north);
		pl->bbox.east = fmax(pl->bbox.east, pl->poly[i].bbox.east);
	}
	rewrite(pl);
	return DM_OK;
}

dm_status
geo_places_parse(const char *json, size_t len, const struct geo_limits *lim,
    struct geo_places **out, char *err, size_t errsz)
{
	struct geo_limits def;
	struct parse x = { 0 };
	json_tokener *tok;
	json_object *root = NULL;
	dm_status st;

	*out = NULL;
	if (lim == NULL) {
		geo_limits_default(&def);
		lim = &def;
	}
	x.lim = lim;
	x.err = err;
	x.errsz = errsz;
	if (len > lim->bytes || len > (size_t)INT32_MAX)
		return fail(&x, DM_ELIMIT, "larger than %zu bytes",
		    lim->bytes);
	while (len > 0 && (json[len - 1] == ' ' || json[len - 1] == '\n' ||
	    json[len - 1] == '\r' || json[len - 1] == '\t'))
		len--;
	if ((tok = json_tokener_new_ex(GEO_JSON_DEPTH)) == NULL)
		abort();
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, json, (int)len);
	if (root == NULL || json_tokener_get_error(tok) !=
	    json_tokener_success || json_tokener_get_parse_end(tok) != len) {
		enum json_tokener_error je = json_tokener_get_error(tok);
		int trailing = root != NULL && je == json_tokener_success;

		json_tokener_free(tok);
		json_object_put(root);
		if (trailing)
			return fail(&x, DM_EINPUT, "not valid JSON: text after "
			    "the end");
		if (je == json_tokener_continue)
			return fail(&x, DM_EINPUT, "the JSON ends early");
		return fail(&x, je == json_tokener_error_depth ? DM_ELIMIT :
		    DM_EINPUT, "not valid JSON: %s",
		    json_tokener_error_desc(je));
	}
	json_tokener_free(tok);
	x.pl = xcalloc(1, sizeof(*x.pl));
	st = parse_root(&x, root);
	json_object_put(root);
	if (st != DM_OK) {
		geo_places_free(x.pl);
		return st;
	}
	*out = x.pl;
	return DM_OK;
}

dm_status
geo_places_load(const char *path, const struct geo_limits *lim,
    struct geo_places **out, char *err, size_t errsz)
{
	struct geo_limits def;
	struct stat sb;
	char *buf = NULL, sub[200];
	size_t got = 0;
	dm_status st;
	int fd;

	*out = NULL;
	if (lim == NULL) {
		geo_limits_default(&def);
		lim = &def;
	}
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		snprintf(err, errsz, "%s: %s", path, strerror(errno));
		return DM_EINPUT;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		snprintf(err, errsz, "%s: not a regular file", path);
		close(fd);
		return DM_EINPUT;
	}
	if ((unsigned long long)sb.st_size > lim->bytes) {
		snprintf(err, errsz, "%s: larger than %zu bytes", path,
		    lim->bytes);
		close(fd);
		return DM_ELIMIT;
	}
	buf = xcalloc((size_t)sb.st_size + 1, 1);
	while (got < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got != (size_t)sb.st_size) {
		snprintf(err, errsz, "%s: cannot read it", path);
		free(buf);
		return DM_EINPUT;
	}
	st = geo_places_parse(buf, got, lim, out, sub, sizeof(sub));
	free(buf);
	if (st != DM_OK)
		snprintf(err, errsz, "%s: %s", path, sub);
	return st;
}

void
geo_places_free(struct geo_places *pl)
{
	if (pl == NULL)
		return;
	for (size_t i = 0; i < pl->npoly; i++) {
		for (size_t r = 0; r < pl->poly[i].nring; r++)
			free(pl->poly[i].ring[r].pt);
		free(pl->poly[i].ring);
	}
	free(pl->poly);
	for (size_t i = 0; i < pl->nzone; i++) {
		free(pl->zone[i].code);
		free(pl->zone[i].name_el);
		free(pl->zone[i].name_en);
	}
	free(pl->zone);
	for (size_t i = 0; i < pl->nsettlement; i++) {
		free(pl->settlement[i].code);
		free(pl->settlement[i].name_el);
		free(pl->settlement[i].name_en);
	}
	free(pl->settlement);
	free(pl->geojson);
	free(pl);
}

int
geo_places_contains(const struct geo_places *pl, struct geo_point p)
{
	if (pl == NULL || !geo_bbox_contains(&pl->bbox, p))
		return 0;
	for (size_t i = 0; i < pl->npoly; i++)
		if (geo_polygon_contains(&pl->poly[i], p))
			return 1;
	return 0;
}

const struct geo_settlement *
geo_settlement_find(const struct geo_places *pl, const char *code)
{
	if (pl == NULL || code == NULL)
		return NULL;
	for (size_t i = 0; i < pl->nsettlement; i++)
		if (strcmp(pl->settlement[i].code, code) == 0)
			return &pl->settlement[i];
	return NULL;
}

const struct geo_settlement *
geo_settlement_nearest(const struct geo_places *pl, struct geo_point p)
{
	const struct geo_settlement *best = NULL;
	double bestd = 0;

	if (pl == NULL)
		return NULL;
	for (size_t i = 0; i < pl->nsettlement; i++) {
		double d = geo_distance_m(p, pl->settlement[i].at);

		if (best == NULL || d < bestd) {
			best = &pl->settlement[i];
			bestd = d;
		}
	}
	return best;
}

const struct geo_zone *
geo_zone_find(const struct geo_places *pl, const char *code)
{
	if (pl == NULL || code == NULL)
		return NULL;
	for (size_t i = 0; i < pl->nzone; i++)
		if (strcmp(pl->zone[i].code, code) == 0)
			return &pl->zone[i];
	return NULL;
}
