/*
 * poles.h - street light poles as the lighting register numbers them.
 * Owns: reading a pole's number as a citizen copies it from the plate on
 * the pole, and the register's CSV columns (demo/poles.csv).
 */
#ifndef TECHNICAL_POLES_H
#define TECHNICAL_POLES_H

#define POLE_SIZE	9	/* up to 8 digits */

/*
 * "1023", " 01023 ", "Ν. 1 023": the digits, spaces and a leading "Ν."
 * / "N." / "Νο" allowed, leading zeros dropped, 1..8 digits. 1 and out on
 * success, 0 (out = "") otherwise.
 */
int	pole_parse(const char *s, char out[POLE_SIZE]);

/* A decimal latitude / longitude of the register, within Greece's box
 * (34..42 N, 19..30 E); 1 and *v on success. */
int	pole_coord(const char *s, int lat, double *v);

#endif
