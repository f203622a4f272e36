/*
 * finconf.c - [plugin.finance] read and checked (pure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/money.h"

#include "finconf.h"

int
fin_config_read(struct fin_config *c, const char *prefix, const char *iban,
    const char *beneficiary, const char *valid_days,
    const char *instalment_min, char *err, size_t errsz)
{
	memset(c, 0, sizeof(*c));
	c->valid_days = 30;
	c->instalment_min = 2000;
	if (prefix == NULL || !rf_prefix_valid(prefix)) {
		snprintf(err, errsz, "rf_prefix: \"%s\" is not 1 to 6 digits "
		    "(the municipality's prefix in its RF codes)", prefix ?
		    prefix : "");
		return -1;
	}
	memcpy(c->prefix, prefix, strlen(prefix) + 1);
	if (iban == NULL || iban_parse(iban, c->iban) != 0) {
		snprintf(err, errsz, "iban: \"%.40s\" is not an IBAN (its "
		    "check digits or length are wrong)", iban ? iban : "");
		return -1;
	}
	iban_group(c->iban, c->iban_grouped);
	if (beneficiary == NULL || beneficiary[0] == '\0' ||
	    strlen(beneficiary) > FIN_BENEFICIARY_MAX) {
		snprintf(err, errsz, "beneficiary: the account holder's name "
		    "is required (at most %d bytes)", FIN_BENEFICIARY_MAX);
		return -1;
	}
	memcpy(c->beneficiary, beneficiary, strlen(beneficiary) + 1);
	if (valid_days != NULL) {
		char *end;
		long v = strtol(valid_days, &end, 10);

		if (end == valid_days || *end != '\0' || v < 1 || v > 365) {
			snprintf(err, errsz, "no_debt_valid_days: \"%.20s\" is "
			    "not a number of days from 1 to 365", valid_days);
			return -1;
		}
		c->valid_days = v;
	}
	if (instalment_min != NULL) {
		long long v;

		if (kit_money_parse_typed(instalment_min, &v) != 0 || v < 100 ||
		    v > 100000000) {
			snprintf(err, errsz, "instalment_min: \"%.20s\" is not "
			    "an amount from 1,00 to 1.000.000,00 euros",
			    instalment_min);
			return -1;
		}
		c->instalment_min = v;
	}
	return 0;
}
