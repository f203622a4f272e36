/*
 * documents.h - issued documents: the documents table and its rules.
 * Owns: the seal key (loaded before privileges are dropped), sealing and
 * recording a document's exact bytes (Ed25519 over their SHA-256, a
 * verification code), lookups by id, code and content, a request's
 * documents, the holder's copy, delivery to the mailbox, and revocation
 * (valid -> revoked, once, with a reason the holder is told).
 * How certificates are asked for and issued: issuing.h; how they are
 * drawn: view/printouts.h; the public /verify pages: web/verify.c.
 */
#ifndef DIMOS_DOCUMENTS_H
#define DIMOS_DOCUMENTS_H

#include <stddef.h>

#include "dimos/plugin.h"
#include "seal.h"

struct config;
struct dm_req;
struct service;

/* A recorded document; strings live in the request's arena. */
struct document {
	long long	 id;
	long long	 account_id;	/* the holder */
	long long	 request_id;	/* 0: none */
	long long	 issued_by;	/* 0: issued automatically */
	const char	*code;		/* 16 characters, no dashes */
	const char	*title;
	const char	*status;	/* "valid" | "revoked" */
	const char	*issued_at;	/* UTC */
	const char	*protocol;
	const char	*initials;	/* the holder's, e.g. "Γ. Π." */
	const char	*reason;	/* why it was revoked */
	const char	*revoked_at;	/* UTC */
	const char	*kind;		/* "certificate" | "document" */
	const char	*department;
	const char	*key_id;	/* the seal key that signed it */
	unsigned char	 sha256[SEAL_HASH_BYTES];
	unsigned char	 signature[SEAL_SIGNATURE_BYTES];
};

/* What is recorded with a document's bytes. */
struct document_new {
	long long		 request_id;	/* 0: none */
	long long		 account_id;	/* the holder */
	long long		 issued_by;	/* 0: automatic */
	const struct service	*sv;		/* NULL: none */
	const char		*kind;		/* "certificate" | "document" */
	const char		*title;
	const char		*holder;	/* full name: initials kept */
	const char		*protocol;
	const char		*record_ref;	/* the plugin's record, or NULL */
	const char		*code;		/* from documents_code() */
};

/* Loads the seal key (call before dropping privileges); 0 if absent. */
int		documents_init(const struct config *cfg);
void		documents_fini(void);
/* 1 when documents can be sealed (a key is loaded). */
int		documents_can_seal(void);
/* The key's id (16 hex digits) and its public half (base64), or NULL. */
const char	*documents_key_id(void);
const char	*documents_key_public(void);

/* A fresh verification code, XXXX-XXXX-XXXX-XXXX. */
void		documents_code(char out[SEAL_CODE_SIZE]);
/* A code as printed: the 16 characters in groups of four. */
const char	*documents_code_dashed(struct dm_req *req, const char *code);

/*
 * Seals the bytes and records the document (in the caller's transaction,
 * if any); the bytes are stored once per SHA-256 and never change.
 * DM_EINTERNAL when no key is loaded.
 */
dm_status	documents_record(struct dm_req *req,
		    const struct document_new *d, const void *data,
		    size_t len, long long *id);
/* Ties a document to the history event that delivered it. */
dm_status	documents_link_event(struct dm_req *req, long long doc,
		    long long event_id);
/* Puts the document in its holder's mailbox (with a note). */
dm_status	documents_deliver(struct dm_req *req, long long doc,
		    const char *note);

/* One document; dept (may be NULL) scopes it to a department: another
 * one's is DM_ENOTFOUND. */
dm_status	documents_get(struct dm_req *req, long long id,
		    const char *dept, struct document *d);
/* By verification code (any spelling seal_code_normalize accepts). */
dm_status	documents_by_code(struct dm_req *req, const char *code,
		    struct document *d);
/* The document whose bytes are exactly these. */
dm_status	documents_by_content(struct dm_req *req, const void *data,
		    size_t len, struct document *d);
/* A request's documents, oldest first (arena array). */
dm_status	documents_of_request(struct dm_req *req, long long request_id,
		    struct document **v, size_t *n);
/* 1 when the record still carries the current key's valid signature. */
int		documents_seal_ok(const struct document *d);

/* The bytes, for the holder only (anyone else: DM_ENOTFOUND); the
 * download is audited. */
dm_status	documents_fetch(struct dm_req *req, long long id,
		    long long account_id, const char **data, size_t *len,
		    const char **code);

/*
 * Revokes a valid document with a reason (one transaction): the record,
 * a public event on its request and a mailbox message for the holder.
 * DM_ECONFLICT if it is not valid (any more).
 */
dm_status	documents_revoke(struct dm_req *req, const struct document *d,
		    const char *reason);

/* The account's documents for its data export ("documents" in root). */
struct db;
struct json_object;
dm_status	documents_export(struct db *db, long long account_id,
		    struct json_object *root);

#endif
