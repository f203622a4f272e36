/*
 * date.c - ISO dates as registries and forms write them, and the Greek
 * ways of showing them. Today is not the kit's to know: it comes from the
 * host (host->today), in the municipality's time zone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "internal.h"

int
kit_date_valid(const char *s)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !kit_digits(s, 4) || !kit_digits(s + 5, 2) || !kit_digits(s + 8, 2))
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1800 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

int
kit_date_year(const char *iso)
{
	return kit_date_valid(iso) ? atoi(iso) : 0;
}

void
kit_date_short(const char *iso, char *out, size_t outsz)
{
	if (!kit_date_valid(iso)) {
		snprintf(out, outsz, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, outsz, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

void
kit_date_long(const char *iso, char *out, size_t outsz)
{
	/* the genitive, as a date is written in Greek */
	static const char *const months[12] = { "Ιανουαρίου",
	    "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
	    "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου",
	    "Νοεμβρίου", "Δεκεμβρίου" };

	if (!kit_date_valid(iso)) {
		snprintf(out, outsz, "%s", iso ? iso : "");
		return;
	}
	snprintf(out, outsz, "%d %s %.4s", atoi(iso + 8),
	    months[atoi(iso + 5) - 1], iso);
}
