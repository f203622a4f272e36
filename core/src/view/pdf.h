/*
 * pdf.h - A4 certificates and receipts as PDF, rendered with Cairo + Pango.
 * Owns: the document description (struct pdf_spec) and the renderer's cache.
 */
#ifndef DIMOS_PDF_H
#define DIMOS_PDF_H

#include <stddef.h>

#include "dimos/plugin.h"

/*
 * All strings are UTF-8 plain text (never markup), borrowed for the duration
 * of pdf_render() only. '\n' starts a new line inside any text.
 */

/* One line of the label/value table. label is required; value may be NULL. */
struct pdf_row {
	const char	*label;
	const char	*value;
};

/* The fixed words, in the document's language. All required. */
struct pdf_labels {
	const char	*protocol;	/* "Αρ. πρωτ." */
	const char	*issued;	/* "Ημερομηνία έκδοσης" */
	const char	*place;		/* "Τόπος" */
	const char	*page_fmt;	/* "Σελίδα %d από %d": exactly two %d,
					   other '%' only as "%%" */
	const char	*verify;	/* "Επαληθεύστε τη γνησιότητα στο" */
	const char	*code;		/* "Κωδικός επαλήθευσης" */
	const char	*signer;	/* "Ο/Η υπάλληλος" */
	const char	*automatic;	/* "Εκδόθηκε αυτόματα" */
};

/*
 * One document. Required: labels, municipality, title, protocol,
 * issued_at, place. Optional (NULL): header_lines (address, department,
 * one per line), emblem_png (path of a PNG), subtitle, table_title (shown
 * only with rows), signer (NULL prints labels->automatic). A NULL array
 * needs a zero count. verify_code (as printed, "7KQ4-M2XD-9PKA-HW3E") and
 * verify_url (what the QR code encodes) come together or not at all;
 * without them there is no QR code and no verification block.
 */
struct pdf_spec {
	const struct pdf_labels	*labels;
	const char		*municipality;	/* "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ" */
	const char		*header_lines;
	const char		*emblem_png;
	const char		*title;
	const char		*subtitle;
	const char		*protocol;	/* "1234/2026" */
	const char		*issued_at;	/* preformatted date and time */
	const char		*place;		/* "Νιγρίτα" */
	const char *const	*paragraphs;	/* body text, justified */
	size_t			 nparagraphs;
	const char		*table_title;
	const struct pdf_row	*rows;		/* breaks between rows only */
	size_t			 nrows;
	const char *const	*after;		/* remarks after the table */
	size_t			 nafter;
	const char		*signer;	/* the clerk's name */
	const char		*verify_code;
	const char		*verify_url;
};

/* Input bounds; beyond them pdf_render() returns DM_ELIMIT. */
#define PDF_MAX_TEXT	65536	/* bytes in any one string */
#define PDF_MAX_ITEMS	10000	/* paragraphs, rows or remarks */
#define PDF_MAX_PAGES	1000

/*
 * Renders spec as an A4 PDF into *out (malloc'ed, the caller frees) of
 * *outlen bytes. DM_EINPUT for a missing required field, invalid UTF-8 or
 * a bad page_fmt; DM_ENOTFOUND if emblem_png does not exist, DM_EINPUT if
 * it is not a readable PNG; DM_ELIMIT beyond the bounds above or if
 * verify_url does not fit in a QR code (about 2300 bytes); DM_EINTERNAL if
 * Cairo fails. Emblem and Cairo failures are logged (log.h); the caller
 * need not log them again. On failure *out is NULL and *outlen 0.
 *
 * Not thread-safe: fonts and the emblem are cached in static storage for
 * the life of the process (one worker, one thread). The first call sets
 * the cache up (about 20 ms: fontconfig, and Pango starts helper threads
 * for it), so make it in the worker, after fork, not in the parent.
 */
dm_status	pdf_render(const struct pdf_spec *spec, unsigned char **out,
		    size_t *outlen);

/*
 * Releases the cache, for a leak-free exit. It also resets Cairo's static
 * caches and shuts fontconfig down (FcFini), so call it only when no other
 * Cairo or fontconfig object is alive, in practice at worker exit. A later
 * pdf_render() would start over.
 */
void		pdf_cleanup(void);

#endif /* DIMOS_PDF_H */
