/*
 * printouts.h - the PDFs the core draws from data: a certificate from a
 * department plugin's content, and a request's submission receipt.
 * Owns: their layout on pdf.c's engine (the municipality's header and
 * emblem, protocol number, date and place, the verification code and the
 * URL its QR code holds), in Greek, the language of the record.
 */
#ifndef DIMOS_PRINTOUTS_H
#define DIMOS_PRINTOUTS_H

#include <stddef.h>

#include "dimos/plugin.h"

struct attachment;
struct dm_req;
struct request;
struct service;

/*
 * A certificate of service sv with protocol number protocol, issued today,
 * carrying verification code code; signer NULL prints "issued
 * automatically". *pdf is malloc'ed (the caller frees it).
 */
dm_status	printout_certificate(struct dm_req *req,
		    const struct service *sv, const char *protocol,
		    const struct dm_certificate *cert, const char *code,
		    const char *signer, unsigned char **pdf, size_t *len);

/* The receipt of submitted request r with its form files. */
dm_status	printout_receipt(struct dm_req *req, const struct service *sv,
		    const struct request *r, const struct attachment *files,
		    size_t nfiles, unsigned char **pdf, size_t *len);

#endif
