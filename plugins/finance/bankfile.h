/*
 * bankfile.h - the bank's file of payments received (pure: libxml2, no
 * host, no DB).
 * Owns: reading an ISO 20022 camt.054 (Bank-to-Customer Debit/Credit
 * Notification) or camt.053 (statement) message, versions 001.02 to
 * 001.13, into the credits booked on the municipality's account, each
 * with its structured creditor reference, amount, booking date and the
 * bank's own reference for it.
 */
#ifndef FINANCE_BANKFILE_H
#define FINANCE_BANKFILE_H

#include <stddef.h>

#include "rf.h"

#define BANK_FILE_MAX	(32u << 20)	/* larger files are refused */
#define BANK_REF_MAX	35		/* ISO 20022 Max35Text */
#define BANK_NAME_MAX	140		/* Max140Text */

struct bank_credit {
	char		 rf[RF_MAX + 1];	/* "" when the payer gave no
						   valid RF reference */
	char		 remittance[BANK_NAME_MAX + 1]; /* what they gave */
	long long	 amount;		/* cents */
	char		 booked[11];		/* YYYY-MM-DD */
	char		 bank_ref[BANK_REF_MAX + 1]; /* unique per payment */
	char		 payer[BANK_NAME_MAX + 1];
	unsigned	 line;			/* of its TxDtls or Ntry */
};

struct bank_file {
	char			 msg_id[BANK_REF_MAX + 1];
	char			 iban[IBAN_MAX + 1];	/* the account */
	struct bank_credit	*credits;
	size_t			 ncredits;
	size_t			 debits;	/* entries skipped: not credits */
	size_t			 pending;	/* entries skipped: not booked */
};

/*
 * Parses the message in xml (len bytes); name names it in messages.
 * Refuses, as "<name>:<line>: <element>: "<value>" <why>": a DOCTYPE,
 * another message type, an account other than iban (compact form), a
 * currency other than EUR, a malformed amount or date, a credit without a
 * reference the bank keeps for it, and the same reference twice. Returns
 * 0, or -1 with the message in err and out empty.
 */
int	bank_parse(const char *name, const char *xml, size_t len,
	    const char *iban, struct bank_file *out, char *err, size_t errsz);
int	bank_load(const char *path, const char *name, const char *iban,
	    struct bank_file *out, char *err, size_t errsz);
void	bank_free(struct bank_file *f);

#endif
