/*
 * poles.c - street light pole numbers (see poles.h).
 */
#include <stdlib.h>
#include <string.h>

#include "poles.h"

int
pole_parse(const char *s, char out[POLE_SIZE])
{
	size_t n = 0, i = 0;
	int started = 0;

	out[0] = '\0';
	if (s == NULL || strlen(s) > 40)
		return 0;
	while (s[i] == ' ')
		i++;
	/* "Ν." or "N." or "Νο" (numero) before the number. */
	if (strncmp(s + i, "Ν.", 3) == 0 || strncmp(s + i, "Νο", 4) == 0)
		i += strncmp(s + i, "Ν.", 3) == 0 ? 3 : 4;
	else if (strncmp(s + i, "N.", 2) == 0 || strncmp(s + i, "No", 2) == 0)
		i += 2;
	for (; s[i] != '\0'; i++) {
		if (s[i] == ' ')
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		if (s[i] == '0' && !started)
			continue;
		started = 1;
		if (n >= POLE_SIZE - 1) {
			out[0] = '\0';
			return 0;
		}
		out[n++] = s[i];
	}
	out[n] = '\0';
	return n > 0;
}

int
pole_coord(const char *s, int lat, double *v)
{
	char *e;
	double d;
	size_t dots = 0;

	if (s == NULL || s[0] == '\0' || strlen(s) > 12)
		return 0;
	for (const char *p = s; *p != '\0'; p++)
		if (*p == '.')
			dots++;
		else if (*p < '0' || *p > '9')
			return 0;
	if (dots > 1)
		return 0;
	d = strtod(s, &e);
	if (*e != '\0' || (lat && (d < 34 || d > 42)) || (!lat && (d < 19 ||
	    d > 30)))
		return 0;
	*v = d;
	return 1;
}
