/*
 * fuzz_bankfile.c - libFuzzer harness for the bank's camt.054 / camt.053
 * reader: any bytes are refused or read, never a crash, a leak or a read
 * past the input; what is read is well-formed (valid references, amounts
 * above zero, ISO dates).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "bankfile.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bank_file f;
	char err[512];

	if (bank_parse("fuzz.xml", (const char *)data, size,
	    "GR2301102500000025004012340", &f, err, sizeof(err)) != 0)
		return 0;
	for (size_t i = 0; i < f.ncredits; i++) {
		const struct bank_credit *c = &f.credits[i];

		if (c->amount <= 0 || strlen(c->booked) != 10 ||
		    c->bank_ref[0] == '\0' || (c->rf[0] != '\0' &&
		    !rf_valid(c->rf)))
			abort();
	}
	bank_free(&f);
	xmlResetLastError();
	return 0;
}
