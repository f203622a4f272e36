/*
 * issuing.h - certificates and documents issued for requests.
 * Owns: asking the department's plugin for a certificate's content; the
 * automatic path (a Level B applicant's certificate issued, sealed,
 * delivered and the request completed in one transaction); a clerk's
 * certificate; a clerk's uploaded PDF made a sealed document. The PDF of
 * a certificate is drawn by the caller (view/printouts.h) between asking
 * for the content and issuing it, never inside a transaction.
 */
#ifndef DIMOS_ISSUING_H
#define DIMOS_ISSUING_H

#include <stddef.h>

#include "dimos/plugin.h"

struct dm_req;
struct request;
struct service;

/* A drawn certificate, ready to be sealed. */
struct issued {
	const struct dm_certificate	*cert;
	const char			*code;	/* printed on it */
	const void			*pdf;
	size_t				 len;
};

/*
 * The plugin's certificate for request r: auto_issue for the applicant
 * before submitting, else for a clerk (record_ref: the record chosen, or
 * NULL). DM_OK fills *out; DM_ENOTFOUND when there is none (no record, a
 * service that issues none, or, automatically, no seal to issue with);
 * DM_EDENIED when the applicant may not have it at all.
 */
dm_status	issuing_content(struct dm_req *req, const struct service *sv,
		    const struct request *r, int auto_issue,
		    const char *record_ref, struct dm_certificate *out);

/* The automatic path for a just-submitted request r: the certificate is
 * recorded, the request completed, the document delivered (one
 * transaction), with the mailbox's e-mail notice if announce. */
dm_status	issuing_auto(struct dm_req *req, const struct service *sv,
		    const struct request *r, const struct issued *c,
		    int announce);

/* A clerk's certificate for r, recorded in the caller's transaction; *doc
 * is the new document, not yet linked or delivered. */
dm_status	issuing_by_clerk(struct dm_req *req, const struct service *sv,
		    const struct request *r, const struct issued *c,
		    long long clerk, long long *doc);

/* The PDF a clerk uploaded in field (if any) becomes an attachment of
 * event_id and a sealed document; *doc stays 0 when nothing was uploaded;
 * DM_EINPUT if it is no PDF. In the caller's transaction. */
dm_status	issuing_from_upload(struct dm_req *req,
		    const struct service *sv, const struct request *r,
		    long long event_id, const char *field, long long clerk,
		    long long *doc);

#endif
