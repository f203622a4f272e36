/*
 * fuzz_finimport.c - libFuzzer harness for the revenue system's import
 * files: the input is split at the first two NUL bytes into
 * receivables.csv, arrangements.csv and properties.csv. Any bytes are
 * refused with a message or read; what is read keeps the rules (amounts
 * in range, paid not above the amount, ΤΑΠ rows with a property).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "findata.h"
#include "dimos/kit/money.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 3), *part[3];
	struct fin_dataset ds;
	char err[KIT_ERRSZ];
	size_t k = 0;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = buf[size + 1] = buf[size + 2] = '\0';
	part[0] = buf;
	for (size_t i = 0; i < size && k < 2; i++)
		if (buf[i] == '\0')
			part[++k] = buf + i + 1;
	while (k < 2)
		part[++k] = buf + size + 1;
	if (fin_dataset_parse(&ds, part[0], part[1], part[2], "2026-03-02",
	    err,
	    sizeof(err)) == 0) {
		for (size_t i = 0; i < ds.nrec; i++) {
			const struct fin_receivable *r = &ds.rec[i];

			if (r->amount < 1 || r->amount > KIT_MONEY_MAX_CENTS ||
			    r->paid > r->amount || (r->kind == DEBT_TAP &&
			    strlen(r->kaek) < 12))
				abort();
		}
		fin_dataset_free(&ds);
	} else if (err[0] == '\0') {
		abort();	/* every refusal says why */
	}
	free(buf);
	return 0;
}
