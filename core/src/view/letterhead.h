/*
 * letterhead.h - what the municipality's documents say about who issues
 * them: the state's header (configured per municipality and department),
 * the signatory block and the seal note, the fixed words.
 * Owns: reading [letterhead], [letterhead.<department>] and
 * [documents] legal_basis into a struct pdf_spec.
 */
#ifndef DIMOS_LETTERHEAD_H
#define DIMOS_LETTERHEAD_H

#include "pdf.h"

struct arena;
struct config;

/*
 * Fills spec's labels, letterhead, dated, lang and icc_profile for a
 * document of department dept (its code, or NULL for the municipality's
 * own documents, such as receipts; dept_name is the department line
 * unless the configuration names it). date is "DD/MM/YYYY". Strings come
 * from the arena or the configuration.
 */
void		letterhead_fill(struct arena *a, const struct config *cfg,
		    const char *dept, const char *dept_name, const char *date,
		    struct pdf_spec *spec);

/*
 * The signatory: the clerk by name, with their title and «Με εντολή
 * Δημάρχου» where the department signs by the mayor's mandate; without a
 * clerk (NULL name) the statement of automatic issue. sealed adds the
 * note that the document carries an electronic seal (with the legal
 * basis of the configuration).
 */
void		letterhead_signatory(struct arena *a, const struct config *cfg,
		    const char *dept, const char *name, const char *title,
		    int sealed, struct pdf_signatory *out);

/*
 * The remarks of a certificate followed by the lines every certificate
 * ends with, worded the same for every kind: the purpose of issue (NULL:
 * none), the fee (NULL: free of charge), the validity (NULL: none).
 * *n gets the count; the array is in the arena.
 */
const char *const *letterhead_notes(struct arena *a,
		    const char *const *remarks, size_t nremarks,
		    const char *purpose, const char *fee, const char *validity,
		    size_t *n);

/* Greek capitals drop their accents: "Δήμος Βισαλτίας" -> "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ". */
const char	*letterhead_upper(struct arena *a, const char *s);

#endif /* DIMOS_LETTERHEAD_H */
