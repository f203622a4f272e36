/*
 * irrigation.c - the hours of irrigation water a parcel is allotted
 * (pure). Everything is integer: tenths of a stremma times tenths of an
 * hour gives hundredths of an hour, rounded up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "irrigation.h"

const char *const crop_names[CROP__MAX + 1] = {
	[CROP_COTTON] = "cotton", [CROP_MAIZE] = "maize",
	[CROP_ALFALFA] = "alfalfa", [CROP_TOBACCO] = "tobacco",
	[CROP_VEGETABLES] = "vegetables", [CROP_ORCHARD] = "orchard",
	[CROP_OLIVES] = "olives", [CROP_VINEYARD] = "vineyard",
	[CROP__MAX] = NULL,
};

#define MAX_HOURS_CAP	10000L

int
crop_parse(const char *s)
{
	for (int i = 0; s != NULL && i < CROP__MAX; i++)
		if (strcmp(crop_names[i], s) == 0)
			return i;
	return -1;
}

void
irrigation_defaults(struct irrigation_rules *r)
{
	/* Typical seasonal needs in the Strymon plain, per stremma. */
	static const int rates[CROP__MAX] = {
		[CROP_COTTON] = 25, [CROP_MAIZE] = 30, [CROP_ALFALFA] = 35,
		[CROP_TOBACCO] = 15, [CROP_VEGETABLES] = 28,
		[CROP_ORCHARD] = 20, [CROP_OLIVES] = 8, [CROP_VINEYARD] = 10,
	};

	memcpy(r->rate, rates, sizeof(rates));
	r->max_hours = 300;
}

/* "2.5" or "3" to tenths; -1 if not that shape or above 99.9. */
static int
tenths(const char *s, size_t len)
{
	int v = 0, decimals = -1;

	if (len == 0)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.' && decimals < 0 && i > 0 && i + 1 < len) {
			decimals = 0;
			continue;
		}
		if (s[i] < '0' || s[i] > '9' || decimals >= 1 || v > 99)
			return -1;
		v = v * 10 + (s[i] - '0');
		if (decimals >= 0)
			decimals++;
	}
	if (decimals < 1)
		v *= 10;
	return v <= 999 ? v : -1;
}

int
irrigation_parse(const char *rates, const char *max_hours,
    struct irrigation_rules *r, char *err, size_t errsz)
{
	irrigation_defaults(r);
	if (max_hours != NULL) {
		char *end;
		long v = strtol(max_hours, &end, 10);

		if (end == max_hours || *end != '\0' || v < 1 ||
		    v > MAX_HOURS_CAP) {
			snprintf(err, errsz, "irrigation_max_hours: \"%s\" is "
			    "not a whole number of hours from 1 to %ld",
			    max_hours, MAX_HOURS_CAP);
			return -1;
		}
		r->max_hours = v;
	}
	if (rates == NULL)
		return 0;
	memset(r->rate, 0, sizeof(r->rate));
	for (const char *s = rates; *s != '\0'; ) {
		const char *end, *colon;
		size_t len;
		int crop = -1, t;
		char name[32];

		while (*s == ' ' || *s == ',')
			s++;
		if (*s == '\0')
			break;
		end = s + strcspn(s, ",");
		len = (size_t)(end - s);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		colon = memchr(s, ':', len);
		if (colon != NULL && (size_t)(colon - s) < sizeof(name)) {
			size_t nl = (size_t)(colon - s);

			memcpy(name, s, nl);
			while (nl > 0 && name[nl - 1] == ' ')
				nl--;
			name[nl] = '\0';
			crop = crop_parse(name);
		}
		if (colon == NULL || crop < 0) {
			snprintf(err, errsz, "irrigation_rates: \"%.*s\" is "
			    "not crop:hours with a crop of cotton, maize, "
			    "alfalfa, tobacco, vegetables, orchard, olives, "
			    "vineyard", (int)len, s);
			return -1;
		}
		colon++;
		while (*colon == ' ')
			colon++;
		t = tenths(colon, (size_t)(s + len - colon));
		if (t <= 0) {
			snprintf(err, errsz, "irrigation_rates: \"%.*s\": the "
			    "hours per stremma are a number from 0.1 to 99.9 "
			    "with at most one decimal", (int)len, s);
			return -1;
		}
		if (r->rate[crop] != 0) {
			snprintf(err, errsz, "irrigation_rates: %s is given "
			    "twice", crop_names[crop]);
			return -1;
		}
		r->rate[crop] = t;
		s = end;
	}
	return 0;
}

long
irrigation_hours(const struct irrigation_rules *r, enum crop crop,
    long long area_tenths, int *capped)
{
	long long hundredths;
	long hours;

	*capped = 0;
	if ((int)crop < 0 || crop >= CROP__MAX || r->rate[crop] == 0 ||
	    area_tenths <= 0)
		return -1;
	hundredths = area_tenths * r->rate[crop];
	hours = (long)((hundredths + 99) / 100);
	if (hours > r->max_hours) {
		hours = r->max_hours;
		*capped = 1;
	}
	return hours;
}
