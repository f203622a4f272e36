/*
 * pdfupdate.h - the incremental update appended to the PDF Cairo writes.
 * Owns: reading Cairo's cross-reference table and trailer, and writing the
 * update that makes the file archival (language, XMP metadata, output
 * intent, document ID, printable annotations) and, when asked, sealed (an
 * invisible signature field whose /Contents a signer fills).
 */
#ifndef DIMOS_PDFUPDATE_H
#define DIMOS_PDFUPDATE_H

#include <stddef.h>
#include <time.h>

#include "dimos/plugin.h"

/* A growing output buffer (malloc'ed data). Growth failure aborts. */
struct pdf_buf {
	unsigned char	*data;
	size_t		 len, cap;
};

void		pdf_buf_put(struct pdf_buf *b, const void *p, size_t n);
void		pdf_buf_printf(struct pdf_buf *b, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

/* An ICC profile, deflated once and embedded as is in every document. */
struct pdfup_icc {
	const unsigned char	*deflated;
	size_t			 len;
	int			 ncomp;		/* 3 for RGB */
	const char		*name;		/* "sRGB IEC61966-2.1" */
};

/*
 * The document's metadata. Strings are UTF-8, written both into the Info
 * dictionary and the XMP packet so that they agree. title, author and lang
 * are required; the others may be NULL. Without icc there is no output
 * intent and the XMP does not claim PDF/A.
 */
struct pdfup_meta {
	const char		*title;
	const char		*author;
	const char		*subject;
	const char		*keywords;
	const char		*creator;	/* the application */
	const char		*producer;	/* the PDF library */
	const char		*lang;		/* BCP 47, "el-GR" */
	time_t			 created;
	const struct pdfup_icc	*icc;
};

/*
 * Writes the CMS SignedData (DER) over the two byte ranges of the file
 * into der (at most cap bytes), its length into *derlen. Errors are logged
 * by the signer.
 */
typedef dm_status (*pdfup_sign_fn)(void *arg, const unsigned char *a,
    size_t alen, const unsigned char *b, size_t blen, unsigned char *der,
    size_t cap, size_t *derlen);

/*
 * The seal: a signature dictionary (/Adobe.PPKLite, /ETSI.CAdES.detached,
 * signing time in /M) behind an invisible, printable widget on page 1.
 * reserve bytes of DER are set aside in /Contents.
 */
struct pdfup_sig {
	const char	*name;		/* the signer, /Name */
	const char	*reason;	/* /Reason */
	const char	*location;	/* /Location */
	time_t		 when;		/* /M */
	size_t		 reserve;
	pdfup_sign_fn	 sign;
	void		*arg;
};

#define PDFUP_RESERVE_MAX	65536	/* bytes of DER a signature may take */

/*
 * Appends the update to b, which holds a complete PDF as Cairo 1.16 writes
 * it (one classic cross-reference section, a trailer with /Root and
 * /Info, no encryption); sig may be NULL. Anything else is refused with
 * DM_EINPUT and logged, saying what was found: the producer is ours, so a
 * surprise means a changed library, never something to patch around.
 * DM_ELIMIT if the signature does not fit its reserve; a signer's failure
 * is returned as is. On failure b is left as it was.
 */
dm_status	pdfup_append(struct pdf_buf *b, const struct pdfup_meta *m,
		    const struct pdfup_sig *sig);

#endif /* DIMOS_PDFUPDATE_H */
