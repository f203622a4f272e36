/*
 * rf.h - payment references (pure: no host, no DB).
 * Owns: ISO 11649 structured creditor references ("RF" + two check
 * digits + up to 21 letters or digits), the municipality's scheme for
 * building them from a prefix, a kind and a record's own reference, and
 * the IBAN check (ISO 13616) of the account the references are paid to.
 */
#ifndef FINANCE_RF_H
#define FINANCE_RF_H

#include <stddef.h>

#define RF_BODY_MAX	21		/* ISO 11649: up to 21 characters */
#define RF_MAX		25		/* "RF" + 2 check digits + body */
#define RF_GROUPED_MAX	31		/* in groups of four, spaces between */

/*
 * The reference for body (1..21 of [0-9A-Za-z], stored in capitals):
 * "RF" + check digits + body, into out (RF_MAX + 1 bytes). -1 when the
 * body is empty, too long or holds anything else.
 */
int	rf_make(const char *body, char out[RF_MAX + 1]);
/*
 * A reference as a person may type or a bank may send it: spaces
 * anywhere, small letters. Writes the compact form in capitals and
 * returns 0 only when the check digits are right.
 */
int	rf_parse(const char *s, char out[RF_MAX + 1]);
int	rf_valid(const char *s);
/* "RF18 5390 0754 7034": groups of four for reading it aloud. */
void	rf_group(const char *rf, char out[RF_GROUPED_MAX + 1]);

/*
 * The municipality's scheme: body = prefix (1..6 digits, from the
 * configuration) + kind (one digit: RF_KIND_DEBT for a receivable of the
 * revenue system, RF_KIND_FEE for a fee a service charges) + the record's
 * own reference (1..14 of [0-9A-Z]). rf_scheme_split undoes it for a
 * reference of ours: -1 for one with another prefix or an unknown kind.
 */
#define RF_PREFIX_MAX	6
#define RF_REF_MAX	14

enum rf_kind {
	RF_KIND_DEBT = 1,
	RF_KIND_FEE = 2,
};

int	rf_prefix_valid(const char *prefix);
int	rf_ref_valid(const char *ref);
int	rf_scheme(const char *prefix, enum rf_kind kind, const char *ref,
	    char out[RF_MAX + 1]);
int	rf_scheme_split(const char *prefix, const char *rf,
	    enum rf_kind *kind, char ref[RF_REF_MAX + 1]);

/*
 * IBAN: country, two check digits, the account (up to 34 characters in
 * all), mod 97 = 1; Greek IBANs (GR) are 27 characters. Spaces are
 * ignored. iban_parse writes the compact form in capitals.
 */
#define IBAN_MAX	34
#define IBAN_GROUPED_MAX 42

int	iban_parse(const char *s, char out[IBAN_MAX + 1]);
void	iban_group(const char *iban, char out[IBAN_GROUPED_MAX + 1]);

#endif
