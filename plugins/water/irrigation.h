/*
 * irrigation.h - irrigation water allotments (pure).
 * Owns: the configuration's rules (hours of water per stremma for each
 * crop over the season, and the most hours one request may get) and the
 * hours a parcel gets under them.
 */
#ifndef WATER_IRRIGATION_H
#define WATER_IRRIGATION_H

#include <stddef.h>

/* The crops a farmer can choose; the rules give each one its rate. */
enum crop {
	CROP_COTTON,		/* βαμβάκι */
	CROP_MAIZE,		/* καλαμπόκι */
	CROP_ALFALFA,		/* μηδική (τριφύλλι) */
	CROP_TOBACCO,		/* καπνός */
	CROP_VEGETABLES,	/* κηπευτικά */
	CROP_ORCHARD,		/* δενδρώδεις καλλιέργειες */
	CROP_OLIVES,		/* ελαιόδεντρα */
	CROP_VINEYARD,		/* αμπέλι */
	CROP__MAX
};

extern const char *const crop_names[CROP__MAX + 1];	/* NULL-ended */
int	crop_parse(const char *s);				/* -1 */

/*
 * Rules as written in [plugin.water]:
 *   irrigation_rates = cotton:2.5, maize:3, alfalfa:3.5, ...
 * (hours per stremma for the season, at most one decimal; a crop left
 * out is not irrigated from the network), and irrigation_max_hours, the
 * cap per request. Rates are kept in tenths of an hour.
 */
struct irrigation_rules {
	int	 rate[CROP__MAX];	/* tenths of an hour per stremma;
					   0: not irrigated */
	long	 max_hours;
};

/* The rules used when the configuration says nothing. */
void	irrigation_defaults(struct irrigation_rules *r);
int	irrigation_parse(const char *rates, const char *max_hours,
	    struct irrigation_rules *r, char *err, size_t errsz);

/*
 * Hours for area_tenths (tenths of a stremma) of crop: area times rate,
 * rounded up to a whole hour, capped at max_hours. -1 when the crop is
 * not irrigated; *capped says whether the cap applied.
 */
long	irrigation_hours(const struct irrigation_rules *r, enum crop crop,
	    long long area_tenths, int *capped);

#endif
