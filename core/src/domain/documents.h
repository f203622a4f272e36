/*
 * documents.h - issued documents and their verification.
 * Owns: certificates (content from a plugin, layout by pdf.c), documents
 * clerks upload, the seal (Ed25519 over SHA-256), verification codes,
 * delivery to the mailbox, revocation, the public /verify pages, and the
 * submission receipt.
 */
#ifndef DIMOS_DOCUMENTS_H
#define DIMOS_DOCUMENTS_H

#include "dimos/plugin.h"

struct config;
struct dm_node;
struct dm_req;
struct request;
struct service;

/* Loads the seal key (call before dropping privileges); 0 if absent. */
int		documents_init(const struct config *cfg);
void		documents_fini(void);

/*
 * Before a Level B applicant's certificate request is submitted: asks the
 * plugin whether it can be issued at once. DM_OK fills *out (issue it
 * after submitting), DM_ENOTFOUND leaves it to a clerk, DM_EDENIED means
 * the applicant may not have it at all.
 */
dm_status	documents_prepare_auto(struct dm_req *req,
		    const struct service *sv, const struct request *r,
		    struct dm_certificate *out);
/* Issues a prepared certificate for a just-submitted request and
 * completes it (one transaction): the automatic path. */
dm_status	documents_issue_auto(struct dm_req *req,
		    const struct service *sv, long long request_id,
		    const struct dm_certificate *cert);

/* A clerk issues the certificate (from record_ref); *doc is the new
 * document, not yet delivered. DM_ENOTFOUND / DM_EDENIED from the plugin. */
dm_status	documents_issue_certificate(struct dm_req *req,
		    const struct service *sv, const struct request *r,
		    const char *record_ref, long long clerk, long long *doc);
/* The PDF a clerk uploaded in field (if any) becomes a sealed document;
 * *doc stays 0 when nothing was uploaded; DM_EINPUT if it is no PDF. */
dm_status	documents_from_upload(struct dm_req *req,
		    const struct service *sv, const struct request *r,
		    long long event_id, const char *field, long long clerk,
		    long long *doc, long long *attachment);
dm_status	documents_link_event(struct dm_req *req, long long doc,
		    long long event_id);
/* Puts the document in its holder's mailbox (with a note). */
dm_status	documents_deliver(struct dm_req *req, long long doc,
		    const char *note);

/* XML for pages: a request's documents (staff), one document (mailbox). */
dm_status	documents_list(struct dm_req *req, struct dm_node *parent,
		    long long request_id);
dm_status	documents_describe(struct dm_req *req, struct dm_node *parent,
		    long long doc);
/* The PDF, for its holder only (anyone else: not found). */
dm_status	documents_download(struct dm_req *req, long long doc,
		    long long account_id);

/* Routes: /verify..., revocation, receipts, the public key. */
dm_status	documents_register(void);

#endif
