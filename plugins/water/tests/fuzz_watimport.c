/*
 * fuzz_watimport.c - libFuzzer harness for the water billing system's
 * import files: the input is split at its first three NUL bytes into
 * supplies.csv, readings.csv, bills.csv and parcels.csv. Any bytes are
 * refused with a message or read; what is read keeps the rules (each
 * supply's readings in order never go down on the same meter).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "watdata.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 4), *part[4];
	struct wat_dataset ds;
	char err[KIT_ERRSZ];
	size_t k = 0;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	memset(buf + size, 0, 4);
	part[0] = buf;
	for (size_t i = 0; i < size && k < 3; i++)
		if (buf[i] == '\0')
			part[++k] = buf + i + 1;
	while (k < 3)
		part[++k] = buf + size + 1;
	if (wat_dataset_parse(&ds, part[0], part[1], part[2], part[3], "2026-03-02",
	    err,
	    sizeof(err)) == 0) {
		for (size_t i = 1; i < ds.nrd; i++) {
			const struct wat_reading *a = &ds.rd[i - 1],
			    *b = &ds.rd[i];

			if (strcmp(a->supply, b->supply) == 0 &&
			    strcmp(a->meter, b->meter) == 0 &&
			    b->kind != READING_INITIAL && b->value < a->value)
				abort();
		}
		wat_dataset_free(&ds);
	} else if (err[0] == '\0') {
		abort();
	}
	free(buf);
	return 0;
}
