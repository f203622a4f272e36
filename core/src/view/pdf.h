/*
 * pdf.h - A4 certificates and receipts as PDF, rendered with Cairo + Pango.
 * Owns: the document description (struct pdf_spec) and the renderer's cache.
 */
#ifndef DIMOS_PDF_H
#define DIMOS_PDF_H

#include <stddef.h>
#include <time.h>

#include "dimos/plugin.h"
#include "pdfupdate.h"

/*
 * All strings are UTF-8 plain text (never markup), borrowed for the duration
 * of pdf_render() only. '\n' starts a new line inside any text.
 */

/* One line of a label/value table; the label is the row's header cell. */
struct pdf_row {
	const char	*label;
	const char	*value;		/* may be NULL */
};

/*
 * A table with column headings: cells[r * ncols + c]. A cell may be NULL
 * (empty). widths are relative column widths (NULL: equal). The heading
 * row is repeated on every page the table continues on.
 */
struct pdf_table {
	const char		*title;		/* a heading above it, or NULL */
	const char *const	*head;		/* ncols headings, required */
	size_t			 ncols;
	const double		*widths;
	const char *const	*cells;
	size_t			 nrows;
};

/* The fixed words, in the document's language. All required. */
struct pdf_labels {
	const char	*protocol;	/* "Αρ. πρωτ." */
	const char	*page_fmt;	/* "Σελίδα %d από %d": exactly two %d,
					   other '%' only as "%%" */
	const char	*verify;	/* "Επαληθεύστε τη γνησιότητα στο" */
	const char	*code;		/* "Κωδικός επαλήθευσης" */
};

/*
 * The state's header, top left of page 1, each part centred under the
 * emblem; later pages carry one line (municipality and unit) instead.
 * municipality is required, the rest optional; several lines of a part
 * are separated by '\n'.
 */
struct pdf_letterhead {
	const char	*emblem_png;	/* path of a PNG */
	const char	*state;		/* "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ" */
	const char	*authority;	/* region, regional unit */
	const char	*municipality;	/* "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ" */
	const char	*units;		/* directorate, department */
	const char	*contact;	/* address, phone, e-mail: left aligned */
};

/*
 * Who issues it, bottom right: with a signer, the mandate line (may be
 * NULL), the signer's title (may be NULL) and name; without one, the
 * statement of automatic issue. seal_note (full width, below) says that
 * the document is sealed electronically, or is NULL.
 */
struct pdf_signatory {
	const char	*mandate;	/* "Με εντολή Δημάρχου" */
	const char	*title;		/* "Η Προϊσταμένη του Τμήματος ..." */
	const char	*name;		/* the clerk */
	const char	*automatic;	/* required when name is NULL */
	const char	*seal_note;
};

/*
 * One document. Required: labels, letterhead.municipality, title,
 * protocol, dated ("Νιγρίτα, 12/03/2026", top right of page 1). A NULL
 * array needs a zero count. verify_code (as printed) and verify_url
 * (what the QR code encodes and the printed link opens) come together or
 * not at all. lang defaults to "el-GR". With seal, the file carries the
 * signature seal->sign makes (pdfupdate.h); its /M is the render time.
 */
struct pdf_spec {
	const struct pdf_labels	*labels;
	struct pdf_letterhead	 letterhead;
	const char		*title;
	const char		*subtitle;
	const char		*protocol;	/* "1234/2026" */
	const char		*dated;
	const char *const	*paragraphs;	/* body text, justified */
	size_t			 nparagraphs;
	const char		*table_title;	/* heading of rows */
	const struct pdf_row	*rows;		/* breaks between rows only */
	size_t			 nrows;
	const struct pdf_table	*tables;	/* after the rows */
	size_t			 ntables;
	const char *const	*after;		/* remarks after the tables */
	size_t			 nafter;
	struct pdf_signatory	 signatory;
	const char		*verify_code;
	const char		*verify_url;

	/* Metadata: Info, XMP; the author is the municipality. */
	const char		*lang;
	const char		*subject;
	const char		*keywords;
	const char		*icc_profile;	/* path; NULL: not PDF/A */
	const struct pdfup_sig	*seal;
};

/* Input bounds; beyond them pdf_render() returns DM_ELIMIT. */
#define PDF_MAX_TEXT	65536	/* bytes in any one string */
#define PDF_MAX_ITEMS	10000	/* paragraphs, rows, cells or remarks */
#define PDF_MAX_COLS	8
#define PDF_MAX_PAGES	1000

/*
 * Renders spec as an A4 PDF into *out (malloc'ed, the caller frees) of
 * *outlen bytes: tagged (a structure tree of headings, paragraphs, tables
 * with header cells and the verification link), with /Lang, XMP metadata,
 * a document ID and, with icc_profile, an sRGB output intent for PDF/A-2b.
 * DM_EINPUT for a missing required field, invalid UTF-8 or a bad
 * page_fmt; DM_ENOTFOUND if emblem_png or icc_profile does not exist,
 * DM_EINPUT if it is not a readable PNG or ICC profile; DM_ELIMIT beyond
 * the bounds above or if verify_url does not fit in a QR code (about 2300
 * bytes); DM_EINTERNAL if Cairo fails; a signer's failure as it returns
 * it. Failures are logged (log.h); the caller need not log them again.
 * On failure *out is NULL and *outlen 0.
 *
 * Not thread-safe: fonts, the emblem, the ICC profile and the letterhead's
 * layouts are cached in static storage for the life of the process (one
 * worker, one thread). The first call sets the cache up (about 20 ms:
 * fontconfig, and Pango starts helper threads for it), so make it in the
 * worker, after fork, not in the parent.
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
