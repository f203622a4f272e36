/*
 * documents.h - issued documents: the documents table and its rules.
 * Owns: the generation of seal keys that seals (loaded before privileges
 * are dropped; keystore.h), sealing and recording a document's exact bytes
 * (Ed25519 over their SHA-256, a verification code), checking a record
 * against the generation it names and the PDF's own signature (pades.h),
 * lookups by id, code and content, a request's
 * documents, the holder's copy, delivery to the mailbox, and revocation
 * (valid -> revoked, once, with a reason the holder is told).
 * How certificates are asked for and issued: issuing.h; how they are
 * drawn: view/printouts.h; the public /verify pages: web/verify.c.
 */
#ifndef DIMOS_DOCUMENTS_H
#define DIMOS_DOCUMENTS_H

#include <stddef.h>

#include "dimos/plugin.h"
#include "keystore.h"
#include "pades.h"
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
	long long		 event_id;	/* the event delivering it; 0 */
};

/* A document's bytes sealed and stored (documents_store), not yet
 * recorded as a document. */
struct document_sealed {
	unsigned char	 sha[SEAL_HASH_BYTES];
	unsigned char	 sig[SEAL_SIGNATURE_BYTES];
	size_t		 len;
};

/* Loads the seal key (call before dropping privileges); 0 if absent. */
int		documents_init(const struct config *cfg);
void		documents_fini(void);
/*
 * Whether the loaded key (or its absence) is the one the database records
 * as sealing (keystore_check): a node whose key differs refuses to start
 * and never seals. DM_ECONFLICT with the reason in err.
 */
struct db;
dm_status	documents_check_key(struct db *db, char *err, size_t errsz);
/* 1 when documents can be sealed (a key is loaded). */
int		documents_can_seal(void);
/* The key's id (16 hex digits) and its public half (base64), or NULL. */
const char	*documents_key_id(void);
const char	*documents_key_public(void);
/* The seal certificate's signer for PDFs (printouts.c), or NULL when the
 * generation has none (a key folder from before certificates). */
struct pades_key *documents_pades(void);

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
/* documents_record in two steps, for a transaction that stores the bytes
 * (the largest write) before it takes rows other transactions share, and
 * records the document after them: the bytes sealed and stored ... */
dm_status	documents_store(struct dm_req *req, const void *data,
		    size_t len, struct document_sealed *s);
/* ... then the document recorded with their seal. */
dm_status	documents_insert(struct dm_req *req,
		    const struct document_new *d,
		    const struct document_sealed *s, long long *id);
/* Ties a document to the history event that delivered it. */
dm_status	documents_link_event(struct dm_req *req, long long doc,
		    long long event_id);
/* Puts the document in its holder's mailbox (with a note). */
dm_status	documents_deliver(struct dm_req *req, long long doc,
		    const char *note);
/* The same for document doc recorded just now from d (nothing read);
 * announce 0: without the e-mail notice (mailbox_put). */
dm_status	documents_deliver_new(struct dm_req *req, long long doc,
		    const struct document_new *d, const char *note,
		    int announce);

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
/* How a recorded document's seals check out. */
struct document_seal {
	int				 ok;	/* both agree with the record */
	const struct keystore_pub	*gen;	/* the generation it names;
						   NULL if never recorded */
	int				 checked;  /* the PDF's signature */
	enum pades_state		 embedded;
	struct pades_cert_info		 signer;	/* when valid */
};

/*
 * Checks d with the generation of keys it names: the Ed25519 signature of
 * its SHA-256 and, for a certificate, the PAdES signature inside the
 * stored file, which must be intact and made with that generation's
 * certificate. A mismatch is logged and leaves ok 0.
 */
dm_status	documents_check(struct dm_req *req, const struct document *d,
		    struct document_seal *out);

/* A generation of seal keys as recorded (published on /verify/keys). */
dm_status	documents_generation(struct dm_req *req, const char *id,
		    const struct keystore_pub **out);

/* What the holder's copy is, to name the download. */
struct document_file {
	const char	*code;
	const char	*title;
	const char	*protocol;
};

/* The bytes, for the holder only (anyone else: DM_ENOTFOUND); the
 * download is audited. */
dm_status	documents_fetch(struct dm_req *req, long long id,
		    long long account_id, const char **data, size_t *len,
		    struct document_file *f);

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
