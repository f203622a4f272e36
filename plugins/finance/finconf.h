/*
 * finconf.h - the finance department's configuration, checked (pure).
 * Owns what [plugin.finance] may say and its defaults.
 */
#ifndef FINANCE_FINCONF_H
#define FINANCE_FINCONF_H

#include <stddef.h>

#include "rf.h"

#define FIN_BENEFICIARY_MAX	140

struct fin_config {
	char		 prefix[RF_PREFIX_MAX + 1];	/* rf_prefix */
	char		 iban[IBAN_MAX + 1];		/* compact */
	char		 iban_grouped[IBAN_GROUPED_MAX + 1];
	char		 beneficiary[FIN_BENEFICIARY_MAX + 1];
	long		 valid_days;		/* no_debt_valid_days: 30 */
	long long	 instalment_min;	/* cents: 2000 */
};

/* Any argument may be NULL (absent); the required ones are refused then.
 * 0, or -1 with "<key>: "<value>" why" in err. */
int	fin_config_read(struct fin_config *c, const char *prefix,
	    const char *iban, const char *beneficiary, const char *valid_days,
	    const char *instalment_min, char *err, size_t errsz);

#endif
