/*
 * fuzz_import_civil.c - the civil registry's import (families.csv,
 * persons.csv and events.csv checked together in memory by crdata.c on
 * the plugin kit's sheets) on arbitrary files: whatever it accepts keeps
 * its promises, whatever it refuses it refuses by file and line.
 *
 * Input: the three files separated by NUL bytes; if the first line starts
 * with "units=", the rest of it is the municipal units setting.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crdata.h"
#include "kit_input.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fz_files[] = { "families.csv", "persons.csv",
	"events.csv" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cr_dataset ds;
	struct kit_units units;
	const struct kit_units *u;
	char *buf, *text[3], *p, err[512];
	size_t n = 0;

	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	p = fz_units_line(buf, &units, &u);
	for (; n < 3; n++) {
		text[n] = p;
		p += strlen(p);
		if (p < buf + size)
			p++;
	}
	memset(&ds, 0, sizeof(ds));
	if (cr_dataset_parse(&ds, text[0], text[1], text[2], u, FZ_TODAY,
	    err, sizeof(err)) == 0) {
		/* Every person belongs to a family row. */
		for (size_t r = 0; r < kit_sheet_rows(&ds.persons); r++)
			if (ds.person_family[r] >= kit_sheet_rows(&ds.families) ||
			    kit_sheet_get(&ds.persons, r, P_ID) == NULL)
				abort();
		cr_dataset_free(&ds);
	} else {
		size_t k;

		for (k = 0; k < 3; k++)
			if (strncmp(err, fz_files[k], strlen(fz_files[k])) == 0)
				break;
		if (k == 3 || ds.person_family != NULL)
			abort();
	}
	free(buf);
	return 0;
}
