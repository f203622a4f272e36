/*
 * kit_input.h - what the import harnesses read before the files: an
 * optional first line "units=<setting>" (the municipal units a department
 * is configured with), as the plugins read it with kit_units_parse.
 */
#ifndef DIMOS_FUZZ_KIT_INPUT_H
#define DIMOS_FUZZ_KIT_INPUT_H

#include <string.h>

#include "dimos/kit/csv.h"
#include "dimos/kit/text.h"

#define FZ_TODAY	"2026-03-01"	/* host->today, fixed */

/*
 * Reads the units line at the start of text, if any, into *units; returns
 * where the files begin and whether the setting was taken (*taken: units
 * to pass, or NULL).
 */
static inline char *
fz_units_line(char *text, struct kit_units *units,
    const struct kit_units **taken)
{
	char err[KIT_ERRSZ], *nl;

	*taken = NULL;
	if (strncmp(text, "units=", 6) != 0)
		return text;
	if ((nl = strchr(text, '\n')) != NULL)
		*nl++ = '\0';
	if (kit_units_parse(text + 6, units, err, sizeof(err)) == 0)
		*taken = units;
	return nl != NULL ? nl : text + strlen(text);
}

#endif
