/*
 * plates.h - Greek vehicle registration plates.
 * Owns: reading a plate as people type it (Greek or Latin look-alike
 * letters, any case, with or without the dash) and writing it the one
 * way the registry does ("ΝΙΚ-1234", "ΜΕ-123456").
 */
#ifndef TECHNICAL_PLATES_H
#define TECHNICAL_PLATES_H

#include <stddef.h>

/* "ΑΑΑ-1234" is 3 x 2 bytes, a dash, 4 digits; machinery up to 6 digits. */
#define PLATE_SIZE	16

enum plate_kind {
	PLATE_INVALID = 0,
	PLATE_VEHICLE,		/* ΑΒΓ-1234: cars, lorries, buses, trailers */
	PLATE_MOTORCYCLE,	/* ΑΒΓ-123 */
	PLATE_MACHINERY,	/* ΜΕ-12345(6): construction machinery */
	PLATE__MAX
};

/*
 * Reads s (UTF-8). Plates use only the 14 Greek capitals that look like
 * Latin ones (Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ Υ Χ): the Latin look-alikes, small
 * letters and letters with a tonos are taken as those capitals; spaces
 * and one dash may separate letters and digits. Vehicle numbers run
 * 1000..9999, motorcycle numbers 100..999, machinery numbers 5 or 6
 * digits after ΜΕ. On success writes the normalised plate into out and
 * returns its kind; otherwise PLATE_INVALID and out = "".
 */
enum plate_kind	plate_parse(const char *s, char out[PLATE_SIZE]);

#endif
