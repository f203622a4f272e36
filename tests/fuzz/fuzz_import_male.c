/*
 * fuzz_import_male.c - the male registry's import (entries.csv checked in
 * memory, mrdata.c) on arbitrary files: what it accepts has every
 * required column and sane years, what it refuses names entries.csv and
 * a line.
 *
 * Input: the file; if its first line starts with "units=", the rest of it
 * is the municipal units setting.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mrdata.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reg_sheet sh;
	struct reg_units units;
	const struct reg_units *u = NULL;
	char *buf, *p, err[512];

	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	p = buf;
	if (strncmp(p, "units=", 6) == 0) {
		char *nl = strchr(p, '\n');

		if (nl != NULL)
			*nl++ = '\0';
		if (reg_units_parse(p + 6, &units, err, sizeof(err)) == 0)
			u = &units;
		p = nl != NULL ? nl : p + strlen(p);
	}
	memset(&sh, 0, sizeof(sh));
	if (mr_parse(&sh, p, u, err, sizeof(err)) == 0) {
		for (size_t r = 0; r < reg_sheet_rows(&sh); r++) {
			long long y = reg_sheet_int(&sh, r, M_BIRTH_YEAR);

			if (reg_sheet_get(&sh, r, M_ID) == NULL ||
			    reg_sheet_get(&sh, r, M_SURNAME) == NULL ||
			    y < 1850 || y > 2100 || reg_sheet_line(&sh, r) < 2)
				abort();
		}
		reg_sheet_free(&sh);
	} else if (strncmp(err, "entries.csv:", 12) != 0) {
		abort();
	}
	free(buf);
	return 0;
}
