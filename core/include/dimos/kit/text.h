/*
 * dimos/kit/text.h - Greek names in plugins (part of the plugin kit).
 * Owns: folding names as TaxisNet sends them, the genitive of first names,
 * a municipality's list of units with their genitives, and matching a
 * person by AFM or by names and birth year.
 */
#ifndef DIMOS_KIT_TEXT_H
#define DIMOS_KIT_TEXT_H

#include <stddef.h>

/*
 * kit_fold writes s in capitals without accents or final sigma (ΓΕΩΡΓΙΟΣ
 * for Γεώργιος), as GSIS sends names, with runs of spaces and hyphens as
 * one space and none at either end ("Μαρία-Ελένη" and "ΜΑΡΙΑ ΕΛΕΝΗ" fold
 * alike); out needs strlen(s) + 1 bytes. kit_genitive turns a first name
 * (one or more words) into the genitive that follows "του"/"της":
 * Νικόλαος -> Νικολάου, Ιωάννης -> Ιωάννη, Μαρία -> Μαρίας, ΝΙΚΟΛΑΟΣ ->
 * ΝΙΚΟΛΑΟΥ; names it does not know how to decline come back unchanged.
 * out needs 2 * strlen + 8.
 */
#define KIT_FOLD_MAX	256	/* folded names are stored in this much */

void	kit_fold(const char *s, char *out, size_t outsz);
int	kit_fold_eq(const char *a, const char *b);
void	kit_genitive(const char *name, char *out, size_t outsz);
size_t	kit_utf8_chars(const char *s);

/*
 * Municipal units as "Νιγρίτα:Νιγρίτας, Αχινός:Αχινού" (nominative, then
 * the genitive certificates write after "δημοτική ενότητα").
 */
#define KIT_MAX_UNITS	32

struct kit_units {
	size_t		 n;
	const char	*name[KIT_MAX_UNITS];
	const char	*genitive[KIT_MAX_UNITS];
	char		 buf[2048];
};

int	kit_units_parse(const char *spec, struct kit_units *u, char *err,
	    size_t errsz);
/* The genitive of a unit (compared folded), or NULL. */
const char *kit_unit_genitive(const struct kit_units *u, const char *name);

/*
 * Who a person is, folded for comparison: an applicant as TaxisNet sent
 * them, or a registry entry. Empty strings and year 0 stand for unknown.
 */
struct kit_key {
	char	afm[10];
	char	surname[KIT_FOLD_MAX];
	char	name[KIT_FOLD_MAX];
	char	father[KIT_FOLD_MAX];
	int	year;
};

enum kit_match {
	KIT_MATCH_NONE,
	KIT_MATCH_NAME,		/* surname, name, father's name, birth year */
	KIT_MATCH_AFM,
};

void	kit_key_make(struct kit_key *k, const char *afm, const char *surname,
	    const char *name, const char *father, int year);
/*
 * Does entry e describe applicant a? The same valid AFM is a match; two
 * different AFMs never are (namesakes); otherwise all four of surname,
 * name, father's name and birth year must be known and equal.
 */
enum kit_match kit_match(const struct kit_key *a, const struct kit_key *e);

#endif
