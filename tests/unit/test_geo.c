/*
 * test_geo.c - unit tests of geo.c: distances for "nearby" reports, the
 * boxes that prefilter them, point in polygon (holes, concave shapes,
 * several polygons, edges), and the places file with its limits, including
 * the demo file run-local ships.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const struct geo_point athens = { 37.9838, 23.7275 };
static const struct geo_point thessaloniki = { 40.6401, 22.9444 };

/* The point `metres` from p in direction `bearing` (degrees from north),
 * by the spherical destination formula: independent of the code tested. */
static struct geo_point
destination(struct geo_point p, double bearing, double metres)
{
	double d = metres / GEO_EARTH_RADIUS_M, b = bearing * M_PI / 180;
	double la = p.lat * M_PI / 180, lo = p.lon * M_PI / 180;
	double la2 = asin(sin(la) * cos(d) + cos(la) * sin(d) * cos(b));
	double lo2 = lo + atan2(sin(b) * sin(d) * cos(la),
	    cos(d) - sin(la) * sin(la2));

	return (struct geo_point){ la2 * 180 / M_PI, lo2 * 180 / M_PI };
}

static void
test_distance(void **state)
{
	struct geo_point nigrita = { 40.9078, 23.5005 };
	double d;

	(void)state;
	assert_true(geo_distance_m(nigrita, nigrita) == 0);
	/* One degree of latitude on the mean sphere. */
	d = geo_distance_m((struct geo_point){ 40, 23 },
	    (struct geo_point){ 41, 23 });
	assert_true(fabs(d - M_PI / 180 * GEO_EARTH_RADIUS_M) < 1e-6);
	/* Athens - Thessaloniki is about 303 km (within 0.5 %). */
	d = geo_distance_m(athens, thessaloniki);
	assert_true(d > 301500 && d < 304500);
	assert_true(fabs(d - geo_distance_m(thessaloniki, athens)) < 1e-6);
	/* Antipodes: half the circumference, no NaN from rounding. */
	d = geo_distance_m((struct geo_point){ 10, 20 },
	    (struct geo_point){ -10, -160 });
	assert_true(fabs(d - M_PI * GEO_EARTH_RADIUS_M) < 1);
	/* What "within 50 m" is about: metre accuracy at short range, in
	 * every direction. */
	for (int b = 0; b < 360; b += 15) {
		struct geo_point q = destination(nigrita, b, 50);

		d = geo_distance_m(nigrita, q);
		assert_true(fabs(d - 50) < 0.001);
		q = destination(nigrita, b, 49.5);
		assert_true(geo_distance_m(nigrita, q) < 50);
		q = destination(nigrita, b, 50.5);
		assert_true(geo_distance_m(nigrita, q) > 50);
	}
}

static void
test_bbox(void **state)
{
	struct geo_point p = { 40.9078, 23.5005 };
	struct geo_bbox b = geo_bbox_around(p, 50);

	(void)state;
	/* Every point on the 50 m circle is inside the box ... */
	for (int k = 0; k < 360; k += 5)
		assert_true(geo_bbox_contains(&b, destination(p, k, 49.999)));
	/* ... and the box is tight: 51 m along an axis is outside. */
	assert_false(geo_bbox_contains(&b, destination(p, 0, 51)));
	assert_false(geo_bbox_contains(&b, destination(p, 90, 51)));
	assert_false(geo_bbox_contains(&b, destination(p, 180, 51)));
	assert_false(geo_bbox_contains(&b, destination(p, 270, 51)));
	assert_true(b.south < p.lat && b.north > p.lat);
	assert_true(b.west < p.lon && b.east > p.lon);
	/* Longitude degrees are shorter than latitude ones at 41 N. */
	assert_true(b.east - b.west > b.north - b.south);

	/* Radius 0 is the point itself; a negative one too. */
	b = geo_bbox_around(p, 0);
	assert_true(geo_bbox_contains(&b, p));
	assert_true(b.north == p.lat && b.east == p.lon);
	b = geo_bbox_around(p, -5);
	assert_true(b.north == p.lat);

	/* Reaching a pole: every longitude, latitude clamped. */
	b = geo_bbox_around((struct geo_point){ 89.9999, 10 }, 1000);
	assert_true(b.west == -180 && b.east == 180 && b.north == 90);
	b = geo_bbox_around((struct geo_point){ -89.9999, 10 }, 1000);
	assert_true(b.south == -90 && b.west == -180);
}

/* Two squares (10..20 and 30..40 degrees), the first with a hole at
 * 13..17, and a concave U shape whose notch is outside. */
static struct geo_point sq_outer[] = { { 10, 10 }, { 10, 20 }, { 20, 20 },
	{ 20, 10 }, { 10, 10 } };
static struct geo_point sq_hole[] = { { 13, 13 }, { 17, 13 }, { 17, 17 },
	{ 13, 17 }, { 13, 13 } };
static struct geo_point u_shape[] = { { 30, 30 }, { 30, 40 }, { 40, 40 },
	{ 40, 37 }, { 33, 37 }, { 33, 33 }, { 40, 33 }, { 40, 30 },
	{ 30, 30 } };

static void
test_polygon(void **state)
{
	struct geo_ring r1[] = { { sq_outer, NELEM(sq_outer) },
		{ sq_hole, NELEM(sq_hole) } };
	struct geo_polygon holed = { r1, 2, { 10, 10, 20, 20 } };
	struct geo_ring r2[] = { { u_shape, NELEM(u_shape) } };
	struct geo_polygon u = { r2, 1, { 30, 30, 40, 40 } };
	static const struct {
		double	lat, lon;
		int	in_holed, in_u;
	} cases[] = {
		{ 11, 11, 1, 0 },	/* inside, away from the hole */
		{ 15, 15, 0, 0 },	/* in the hole */
		{ 13, 15, 1, 0 },	/* on the hole's edge: still ours */
		{ 10, 15, 1, 0 },	/* on the outer edge */
		{ 10, 10, 1, 0 },	/* on a corner */
		{ 20, 20, 1, 0 },
		{ 9.999, 15, 0, 0 },
		{ 15, 20.001, 0, 0 },
		{ 12.5, 15, 1, 0 },	/* between outer ring and hole */
		/* The U: its arms are inside, the notch between is not. */
		{ 31, 35, 0, 1 },
		{ 38, 31, 0, 1 },
		{ 38, 39, 0, 1 },
		{ 38, 35, 0, 0 },	/* in the notch */
		{ 40, 35, 0, 0 },	/* the notch's open side */
		{ 33, 35, 0, 1 },	/* the notch's bottom edge */
		{ 36, 37, 0, 1 },	/* an inner edge */
		/* A ray through a vertex must not count twice. */
		{ 37, 29, 0, 0 },
		{ 33, 29, 0, 0 },
		{ 40, 29, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct geo_point p = { cases[i].lat, cases[i].lon };

		if (geo_polygon_contains(&holed, p) != cases[i].in_holed ||
		    geo_polygon_contains(&u, p) != cases[i].in_u)
			fail_msg("case %zu (%g, %g)", i, p.lat, p.lon);
	}
}

static void
test_approximate(void **state)
{
	struct geo_point p = { 40.90781, 23.50052 }, a, b;

	(void)state;
	a = geo_approximate(p, 100);
	/* Moved, but by at most half a cell's diagonal. */
	assert_true(a.lat != p.lat || a.lon != p.lon);
	assert_true(geo_distance_m(p, a) <= 100 * M_SQRT2 / 2 + 1);
	/* Two points of the same cell look the same: no pinpointing. */
	b = geo_approximate((struct geo_point){ p.lat + 0.00001,
	    p.lon - 0.00001 }, 100);
	assert_true(a.lat == b.lat && a.lon == b.lon);
	/* Stable: rounding a rounded point keeps it. */
	b = geo_approximate(a, 100);
	assert_true(fabs(a.lat - b.lat) < 1e-12 && fabs(a.lon - b.lon) < 1e-12);
	/* A silly size is taken as 1 m, not a division by zero. */
	b = geo_approximate(p, 0);
	assert_true(geo_distance_m(p, b) < 1);
}

/* A small places file: a MultiPolygon of a holed square and a second
 * square, two zones, three settlements. */
static const char places_ok[] =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"kind\":\"boundary\","
    "\"note\":\"ignored\"},\"geometry\":{\"type\":\"MultiPolygon\","
    "\"coordinates\":[[[[10,10],[20,10],[20,20],[10,20],[10,10]],"
    "[[13,13],[13,17],[17,17],[17,13],[13,13]]],"
    "[[[30,30],[40,30],[40,40],[30,40],[30,30]]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"kind\":\"settlement\","
    "\"code\":\"north\",\"name_el\":\"Βόρειο\",\"name_en\":\"North\","
    "\"zone\":\"b\"},\"geometry\":{\"type\":\"Point\","
    "\"coordinates\":[35,35,120.5]}},"
    "{\"type\":\"Feature\",\"properties\":{\"kind\":\"zone\","
    "\"code\":\"a\",\"name_el\":\"Ζώνη Α\",\"name_en\":\"Zone A\"},"
    "\"geometry\":null},"
    "{\"type\":\"Feature\",\"properties\":{\"kind\":\"zone\","
    "\"code\":\"b\",\"name_el\":\"Ζώνη Β\"},\"geometry\":null},"
    "{\"type\":\"Feature\",\"properties\":{\"kind\":\"settlement\","
    "\"code\":\"south-1\",\"name_el\":\"Νότιο\",\"name_en\":\"South\","
    "\"zone\":\"a\"},\"geometry\":{\"type\":\"Point\","
    "\"coordinates\":[11,11]}},"
    "{\"type\":\"Feature\",\"properties\":{\"kind\":\"settlement\","
    "\"code\":\"south-2\",\"name_el\":\"Νότιο 2\",\"name_en\":\"South 2\","
    "\"zone\":\"a\"},\"geometry\":{\"type\":\"Point\","
    "\"coordinates\":[19,11]}}"
    "]}\n";

static void
test_places_parse(void **state)
{
	struct geo_places *pl;
	const struct geo_settlement *s;
	char err[256] = "";

	(void)state;
	assert_int_equal(geo_places_parse(places_ok, strlen(places_ok), NULL,
	    &pl, err, sizeof(err)), DM_OK);
	assert_int_equal(pl->npoly, 2);
	assert_int_equal(pl->poly[0].nring, 2);
	assert_int_equal(pl->nzone, 2);
	assert_int_equal(pl->nsettlement, 3);
	assert_true(pl->bbox.south == 10 && pl->bbox.north == 40 &&
	    pl->bbox.west == 10 && pl->bbox.east == 40);
	/* Positions are [lon, lat]: "north" is at lat 35, lon 35. */
	s = geo_settlement_find(pl, "north");
	assert_non_null(s);
	assert_string_equal(s->name_el, "Βόρειο");
	assert_string_equal(s->zone->code, "b");
	assert_true(s->at.lat == 35 && s->at.lon == 35);
	/* name_en falls back to name_el. */
	assert_string_equal(geo_zone_find(pl, "b")->name_en, "Ζώνη Β");
	assert_null(geo_settlement_find(pl, "nowhere"));
	assert_null(geo_zone_find(pl, "c"));
	s = geo_settlement_find(pl, "south-2");
	assert_true(s->at.lat == 11 && s->at.lon == 19);

	/* Inside either polygon, not in the hole, not between them. */
	assert_true(geo_places_contains(pl, (struct geo_point){ 11, 11 }));
	assert_true(geo_places_contains(pl, (struct geo_point){ 35, 35 }));
	assert_false(geo_places_contains(pl, (struct geo_point){ 15, 15 }));
	assert_false(geo_places_contains(pl, (struct geo_point){ 25, 25 }));
	assert_false(geo_places_contains(NULL, (struct geo_point){ 11, 11 }));

	assert_string_equal(geo_settlement_nearest(pl,
	    (struct geo_point){ 12, 18 })->code, "south-2");
	assert_string_equal(geo_settlement_nearest(pl,
	    (struct geo_point){ 30, 30 })->code, "north");

	/* The rewritten copy for the map: valid, compact, without what
	 * was not understood, with every settlement. */
	assert_non_null(pl->geojson);
	assert_int_equal(strlen(pl->geojson), pl->geojson_len);
	assert_null(strstr(pl->geojson, "ignored"));
	assert_null(strstr(pl->geojson, "120.5"));
	assert_non_null(strstr(pl->geojson, "\"MultiPolygon\""));
	assert_non_null(strstr(pl->geojson, "\"code\":\"south-2\""));
	assert_non_null(strstr(pl->geojson, "Βόρειο"));
	{
		struct geo_places *again;

		/* It parses back into the same places. */
		assert_int_equal(geo_places_parse(pl->geojson,
		    pl->geojson_len, NULL, &again, err, sizeof(err)), DM_OK);
		assert_int_equal(again->npoly, 2);
		assert_int_equal(again->nsettlement, 3);
		assert_int_equal(again->nzone, 2);
		assert_true(geo_places_contains(again,
		    (struct geo_point){ 11, 11 }));
		geo_places_free(again);
	}
	geo_places_free(pl);
	geo_places_free(NULL);
}

/* Bad files: each refused with its reason. */
static void
test_places_refused(void **state)
{
#define FC(features) "{\"type\":\"FeatureCollection\",\"features\":[" \
	features "]}"
#define SQUARE "{\"type\":\"Feature\",\"properties\":{\"kind\":" \
	"\"boundary\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" \
	"[[[10,10],[20,10],[20,20],[10,20],[10,10]]]}}"
#define ZONE_A "{\"type\":\"Feature\",\"properties\":{\"kind\":\"zone\"," \
	"\"code\":\"a\",\"name_el\":\"Α\"},\"geometry\":null}"
#define SETTLEMENT(code, zone) "{\"type\":\"Feature\",\"properties\":" \
	"{\"kind\":\"settlement\",\"code\":\"" code "\",\"name_el\":\"Χ\"" \
	zone "},\"geometry\":{\"type\":\"Point\",\"coordinates\":[11,11]}}"
	static const struct {
		const char	*json;
		dm_status	 st;
		const char	*msg;
	} cases[] = {
		{ "", DM_EINPUT, "ends early" },
		{ "[1,2", DM_EINPUT, "ends early" },
		{ "{\"type\":\"FeatureCollection\"} x", DM_EINPUT,
		    "not valid JSON" },
		{ "{\"type\":\"Feature\"}", DM_EINPUT, "FeatureCollection" },
		{ FC(""), DM_EINPUT, "no boundary" },
		{ FC("{\"type\":\"Feature\",\"properties\":{}}"), DM_EINPUT,
		    "feature 1: properties.kind is missing" },
		{ FC(SQUARE ",{\"type\":\"Feature\",\"properties\":"
		    "{\"kind\":\"river\"}}"), DM_EINPUT,
		    "feature 2: unknown kind 'river'" },
		{ FC("{\"type\":\"Thing\",\"properties\":{\"kind\":"
		    "\"zone\"}}"), DM_EINPUT, "not a Feature" },
		{ FC("{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"boundary\"},\"geometry\":{\"type\":\"Polygon\","
		    "\"coordinates\":[[[10,10],[20,10],[20,20],[10,20]]]}}"),
		    DM_EINPUT, "not closed" },
		{ FC("{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"boundary\"},\"geometry\":{\"type\":\"Polygon\","
		    "\"coordinates\":[[[10,10],[20,10],[10,10]]]}}"),
		    DM_EINPUT, "3 positions" },
		{ FC("{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"boundary\"},\"geometry\":{\"type\":\"Polygon\","
		    "\"coordinates\":[[[10,95],[20,10],[20,20],[10,95]]]}}"),
		    DM_EINPUT, "out of range (GeoJSON gives longitude first)" },
		{ FC("{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"boundary\"},\"geometry\":{\"type\":\"Polygon\","
		    "\"coordinates\":[[[10,\"a\"],[20,10],[20,20],[10,10]]]}}"),
		    DM_EINPUT, "not [longitude, latitude]" },
		{ FC("{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"boundary\"},\"geometry\":{\"type\":\"Point\","
		    "\"coordinates\":[10,10]}}"), DM_EINPUT,
		    "Polygon or MultiPolygon, not Point" },
		{ FC(SQUARE "," ZONE_A "," ZONE_A), DM_EINPUT,
		    "feature 3: zone 'a' is declared twice" },
		{ FC(SQUARE "," ZONE_A "," SETTLEMENT("x", ",\"zone\":\"b\"")),
		    DM_EINPUT, "names zone 'b', which is not declared" },
		{ FC(SQUARE "," ZONE_A "," SETTLEMENT("x", "")), DM_EINPUT,
		    "settlement 'x' has no zone" },
		{ FC(SQUARE "," SETTLEMENT("x", "") "," SETTLEMENT("x", "")),
		    DM_EINPUT, "feature 3: settlement 'x' is declared twice" },
		{ FC(SQUARE "," SETTLEMENT("Upper", "")), DM_EINPUT,
		    "needs a code" },
		{ FC(SQUARE "," SETTLEMENT("x", ",\"zone\":7")), DM_EINPUT,
		    "zone is not a string" },
		{ FC(SQUARE ",{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"settlement\",\"code\":\"x\"},\"geometry\":{\"type\":"
		    "\"Point\",\"coordinates\":[1,1]}}"), DM_EINPUT,
		    "settlement 'x' has no name_el" },
		{ FC(SQUARE ",{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"settlement\",\"code\":\"x\",\"name_el\":\"a\\nb\"},"
		    "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,1]}}"),
		    DM_EINPUT, "control characters" },
		{ FC(SQUARE ",{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"settlement\",\"code\":\"x\",\"name_el\":\"x\"},"
		    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[]}}"),
		    DM_EINPUT, "settlement 'x' needs a Point" },
		/* Invalid UTF-8 in a name. */
		{ FC(SQUARE ",{\"type\":\"Feature\",\"properties\":{\"kind\":"
		    "\"zone\",\"code\":\"x\",\"name_el\":\"\xce\"}}"),
		    DM_EINPUT, "not valid JSON" },
		/* Nesting beyond any GeoJSON's. */
		{ "[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]",
		    DM_ELIMIT, "not valid JSON" },
	};
	struct geo_places *pl = (struct geo_places *)1;
	char err[256];

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		dm_status st;

		err[0] = '\0';
		st = geo_places_parse(cases[i].json, strlen(cases[i].json),
		    NULL, &pl, err, sizeof(err));
		if (st != cases[i].st || strstr(err, cases[i].msg) == NULL)
			fail_msg("case %zu: status %d, message '%s'", i, st,
			    err);
		assert_null(pl);
	}
}

static void
test_places_limits(void **state)
{
	struct geo_limits lim;
	struct geo_places *pl;
	char err[256];

	(void)state;
	geo_limits_default(&lim);
	lim.bytes = 100;
	assert_int_equal(geo_places_parse(places_ok, strlen(places_ok), &lim,
	    &pl, err, sizeof(err)), DM_ELIMIT);
	assert_non_null(strstr(err, "larger than 100 bytes"));

	geo_limits_default(&lim);
	lim.points = 12;	/* the file has 15 */
	assert_int_equal(geo_places_parse(places_ok, strlen(places_ok), &lim,
	    &pl, err, sizeof(err)), DM_ELIMIT);
	assert_non_null(strstr(err, "more than 12 positions"));

	geo_limits_default(&lim);
	lim.rings = 1;
	assert_int_equal(geo_places_parse(places_ok, strlen(places_ok), &lim,
	    &pl, err, sizeof(err)), DM_ELIMIT);
	assert_non_null(strstr(err, "more than 1 rings"));

	geo_limits_default(&lim);
	lim.polygons = 1;
	assert_int_equal(geo_places_parse(places_ok, strlen(places_ok), &lim,
	    &pl, err, sizeof(err)), DM_ELIMIT);

	geo_limits_default(&lim);
	lim.settlements = 2;
	assert_int_equal(geo_places_parse(places_ok, strlen(places_ok), &lim,
	    &pl, err, sizeof(err)), DM_ELIMIT);
	assert_non_null(strstr(err, "more than 2 settlements"));

	geo_limits_default(&lim);
	lim.zones = 1;
	assert_int_equal(geo_places_parse(places_ok, strlen(places_ok), &lim,
	    &pl, err, sizeof(err)), DM_ELIMIT);

	geo_limits_default(&lim);
	lim.name_bytes = 4;	/* "Βόρειο" is 12 bytes */
	assert_int_equal(geo_places_parse(places_ok, strlen(places_ok), &lim,
	    &pl, err, sizeof(err)), DM_ELIMIT);
	assert_non_null(strstr(err, "longer than 4 bytes"));

	/* The file is checked before it is read. */
	geo_limits_default(&lim);
	lim.bytes = 1000;
	assert_int_equal(geo_places_load(DIMOS_SOURCE_DIR
	    "/packaging/places/visaltia.geojson", &lim, &pl, err,
	    sizeof(err)), DM_ELIMIT);
	assert_int_equal(geo_places_load("/nonexistent/places.geojson", NULL,
	    &pl, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "No such file"));
	assert_int_equal(geo_places_load("/tmp", NULL, &pl, err, sizeof(err)),
	    DM_EINPUT);
	assert_non_null(strstr(err, "not a regular file"));
}

/* The demo file run-local ships: every settlement within the boundary,
 * in a declared zone; Thessaloniki and Serres outside. */
static void
test_demo_places(void **state)
{
	struct geo_places *pl;
	char err[256] = "";
	static const char *const named[] = { "nigrita", "achinos", "terpni",
		"sitochori", "dafni", "aidonochori", "mavrothalassa" };

	(void)state;
	if (geo_places_load(DIMOS_SOURCE_DIR
	    "/packaging/places/visaltia.geojson", NULL, &pl, err,
	    sizeof(err)) != DM_OK)
		fail_msg("%s", err);
	assert_true(pl->nsettlement >= 15);
	assert_true(pl->nzone >= 4);
	for (size_t i = 0; i < pl->nsettlement; i++) {
		const struct geo_settlement *s = &pl->settlement[i];

		if (!geo_places_contains(pl, s->at))
			fail_msg("%s is outside the boundary", s->code);
		assert_non_null(s->zone);
		/* Each settlement is the nearest one to itself. */
		assert_ptr_equal(geo_settlement_nearest(pl, s->at), s);
	}
	for (size_t i = 0; i < NELEM(named); i++)
		assert_non_null(geo_settlement_find(pl, named[i]));
	assert_string_equal(geo_settlement_find(pl, "nigrita")->name_el,
	    "Νιγρίτα");
	assert_false(geo_places_contains(pl, thessaloniki));
	assert_false(geo_places_contains(pl,
	    (struct geo_point){ 41.0922, 23.5478 }));	/* Serres */
	/* A street in Nigrita, 300 m from the square. */
	assert_true(geo_places_contains(pl,
	    destination((struct geo_point){ 40.9078, 23.5005 }, 45, 300)));
	geo_places_free(pl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_bbox),
		cmocka_unit_test(test_polygon),
		cmocka_unit_test(test_approximate),
		cmocka_unit_test(test_places_parse),
		cmocka_unit_test(test_places_refused),
		cmocka_unit_test(test_places_limits),
		cmocka_unit_test(test_demo_places),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
