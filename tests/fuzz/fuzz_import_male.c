/*
 * fuzz_import_male.c - the male registry's import (entries.csv checked in
 * memory by mrdata.c on the plugin kit's sheets) on arbitrary files: what
 * it accepts has every required column and sane years, what it refuses
 * names entries.csv and a line.
 *
 * Input: the file; if its first line starts with "units=", the rest of it
 * is the municipal units setting.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kit_input.h"
#include "mrdata.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kit_sheet sh;
	struct kit_units units;
	const struct kit_units *u;
	char *buf, *p, err[512];

	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	p = fz_units_line(buf, &units, &u);
	memset(&sh, 0, sizeof(sh));
	if (mr_parse(&sh, p, u, FZ_TODAY, err, sizeof(err)) == 0) {
		for (size_t r = 0; r < kit_sheet_rows(&sh); r++) {
			long long y = kit_sheet_int(&sh, r, M_BIRTH_YEAR);

			if (kit_sheet_get(&sh, r, M_ID) == NULL ||
			    kit_sheet_get(&sh, r, M_SURNAME) == NULL ||
			    y < 1850 || y > 2100 || kit_sheet_line(&sh, r) < 2)
				abort();
		}
		kit_sheet_free(&sh);
	} else if (strncmp(err, "entries.csv:", 12) != 0) {
		abort();
	}
	free(buf);
	return 0;
}
