/*
 * documents.c - sealing, recording, finding and revoking documents.
 * A document's exact bytes are what is sealed and stored; verification by
 * code shows its status, by content compares a file with those bytes. A
 * record keeps what the document itself shows a counterparty (type, date,
 * protocol number, the holder's initials), nothing more.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attachments.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "documents.h"
#include "i18n.h"
#include "keystore.h"
#include "log.h"
#include "mailbox.h"
#include "pades.h"
#include "plugins.h"
#include "req.h"
#include "requests.h"
#include "seal.h"
#include "session.h"

#define DOC_INITIALS_MAX	32	/* documents.holder_initials */

/* The generation that seals, loaded before privileges are dropped. */
static struct keystore_gen gen;
static int key_loaded;
static int key_recorded;	/* in seal_keys, by this worker */
static char key_b64[SEAL_PUB_BASE64_SIZE];

int
documents_init(const struct config *cfg)
{
	if (key_loaded)
		return 1;
	if (cfg->doc_key_dir == NULL ||
	    keystore_load(cfg->doc_key_dir, &gen) != DM_OK) {
		log_warn("documents: no seal key in %s; documents cannot be "
		    "issued until 'dimosctl keys init' makes one",
		    cfg->doc_key_dir ? cfg->doc_key_dir : "(unset)");
		return 0;
	}
	seal_pub_base64(&gen.ed, key_b64);
	key_loaded = 1;
	return 1;
}

void
documents_fini(void)
{
	if (key_loaded)
		keystore_free(&gen);
	keystore_cache_clear();
	key_loaded = 0;
	key_recorded = 0;
}

dm_status
documents_check_key(struct db *db, char *err, size_t errsz)
{
	return keystore_check(db, key_loaded ? &gen : NULL, err, errsz);
}

int
documents_can_seal(void)
{
	return key_loaded;
}

const char *
documents_key_id(void)
{
	return key_loaded ? gen.id : NULL;
}

const char *
documents_key_public(void)
{
	return key_loaded ? key_b64 : NULL;
}

struct pades_key *
documents_pades(void)
{
	return key_loaded ? gen.pades : NULL;
}

void
documents_code(char out[SEAL_CODE_SIZE])
{
	seal_code(out);
}

const char *
documents_code_dashed(struct dm_req *req, const char *c)
{
	if (c == NULL || strlen(c) != SEAL_CODE_LEN)
		return c;
	return arena_printf(req->arena, "%.4s-%.4s-%.4s-%.4s", c, c + 4,
	    c + 8, c + 12);
}

/* "Γεώργιος Παπαδόπουλος" -> "Γ. Π." (whole letters, any script). A name
 * of many words keeps the initials that fit holder_initials, the first
 * ones and "…" for the rest: a document is never refused for its holder's
 * name. */
static const char *
initials(struct dm_req *req, const char *name)
{
	char out[DOC_INITIALS_MAX * 4 + 1];
	size_t k = 0, chars = 0;
	int start = 1;

	if (name == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (*p == ' ' || *p == '-') {
			start = 1;
			continue;
		}
		if (start && (*p & 0xc0) != 0x80) {
			size_t len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 :
			    *p < 0xf0 ? 3 : 4;

			/* " X." and room for " …" after it. */
			if (chars + (k > 0) + 2 + 2 > DOC_INITIALS_MAX) {
				memcpy(out + k, " \xe2\x80\xa6", 4);
				k += 4;
				break;
			}
			if (k > 0) {
				out[k++] = ' ';
				chars++;
			}
			memcpy(out + k, p, len);
			k += len;
			out[k++] = '.';
			chars += 2;
			start = 0;
		}
	}
	out[k] = '\0';
	return arena_strdup(req->arena, out);
}

dm_status
documents_store(struct dm_req *req, const void *data, size_t len,
    struct document_sealed *s)
{
	dm_status st;

	(void)req;
	if (!key_loaded) {
		log_error("documents: cannot seal: no key (dimosctl keys "
		    "init)");
		return DM_EINTERNAL;
	}
	if (!key_recorded) {
		char err[512];

		/* Before the first document that names it: never seal with
		 * a key other than the cluster's (a node whose key was not
		 * copied after a rotation). */
		if ((st = keystore_check(db_worker(), &gen, err,
		    sizeof(err))) != DM_OK) {
			if (st == DM_ECONFLICT) {
				log_error("documents: cannot seal: %s", err);
				st = DM_EINTERNAL;
			}
			return st;
		}
		if ((st = keystore_register(db_worker(), &gen)) != DM_OK)
			return st;
		key_recorded = 1;
	}
	seal_sha256(data, len, s->sha);
	seal_sign(&gen.ed, s->sha, s->sig);
	s->len = len;
	return blobs_put(db_worker(), s->sha, data, len);
}

dm_status
documents_insert(struct dm_req *req, const struct document_new *d,
    const struct document_sealed *s, long long *id)
{
	char norm[SEAL_CODE_LEN + 1];
	uint64_t newid = 0;
	dm_status st;

	if (seal_code_normalize(d->code, norm) != DM_OK)
		return DM_EINTERNAL;
	st = db_exec(db_worker(), "INSERT INTO documents (code, request_id, "
	    "account_id, service, department, kind, title, holder_initials, "
	    "protocol, issued_by, sha256, signature, key_id, size, record_ref, "
	    "confidential, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?)", (struct dm_value[]){ DM_VTEXT(norm),
	    d->request_id ? DM_VINT(d->request_id) : DM_VNULL,
	    DM_VINT(d->account_id), DM_VTEXT(d->sv ? d->sv->svc->code : NULL),
	    DM_VTEXT(d->sv ? d->sv->plugin->name : NULL), DM_VTEXT(d->kind),
	    DM_VTEXT(d->title), DM_VTEXT(initials(req, d->holder)),
	    DM_VTEXT(d->protocol), d->issued_by ? DM_VINT(d->issued_by) :
	    DM_VNULL, DM_VBLOB((const char *)s->sha, sizeof(s->sha)),
	    DM_VBLOB((const char *)s->sig, sizeof(s->sig)), DM_VTEXT(gen.id),
	    DM_VINT((long long)s->len), DM_VTEXT(d->record_ref),
	    DM_VINT(d->sv && (d->sv->svc->flags & DM_SERVICE_CONFIDENTIAL)),
	    d->event_id ? DM_VINT(d->event_id) : DM_VNULL }, 17, NULL,
	    &newid);
	if (st != DM_OK)
		return st;
	*id = (long long)newid;
	return DM_OK;
}

dm_status
documents_record(struct dm_req *req, const struct document_new *d,
    const void *data, size_t len, long long *id)
{
	struct document_sealed s;
	char norm[SEAL_CODE_LEN + 1];
	dm_status st;

	/* A code that cannot be one stops before anything is stored. */
	if (seal_code_normalize(d->code, norm) != DM_OK)
		return DM_EINTERNAL;
	if ((st = documents_store(req, data, len, &s)) != DM_OK)
		return st;
	return documents_insert(req, d, &s, id);
}

dm_status
documents_link_event(struct dm_req *req, long long doc, long long event_id)
{
	struct dm_value p[2] = { DM_VINT(event_id), DM_VINT(doc) };

	(void)req;
	return db_exec(db_worker(), "UPDATE documents SET event_id = ? WHERE "
	    "id = ?", p, 2, NULL, NULL);
}

/* Reading documents ------------------------------------------------------- */

#define DOCUMENT_COLUMNS "d.id, d.account_id, d.request_id, d.code, " \
    "d.title, d.status, d.issued_at, d.protocol, d.holder_initials, " \
    "d.revoke_reason, d.revoked_at, d.kind, d.department, d.sha256, " \
    "d.signature, d.key_id, d.issued_by"

struct rows {
	struct dm_req		*req;
	struct arena_vec	 vec;
};

static dm_status
doc_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rows *x = arg;
	struct dm_req *req = x->req;
	struct document *d;

	if (n < 17 || c[13].len != SEAL_HASH_BYTES ||
	    c[14].len != SEAL_SIGNATURE_BYTES)
		return DM_EINTERNAL;
	d = arena_push(req->arena, &x->vec, sizeof(*d));
	d->id = c[0].i;
	d->account_id = c[1].i;
	d->request_id = c[2].type == DM_V_INT ? c[2].i : 0;
	d->code = db_text(req->arena, &c[3]);
	d->title = db_text(req->arena, &c[4]);
	d->status = db_text(req->arena, &c[5]);
	d->issued_at = db_text(req->arena, &c[6]);
	d->protocol = db_text(req->arena, &c[7]);
	d->initials = db_text(req->arena, &c[8]);
	d->reason = db_text(req->arena, &c[9]);
	d->revoked_at = db_text(req->arena, &c[10]);
	d->kind = db_text(req->arena, &c[11]);
	d->department = db_text(req->arena, &c[12]);
	memcpy(d->sha256, c[13].s, SEAL_HASH_BYTES);
	memcpy(d->signature, c[14].s, SEAL_SIGNATURE_BYTES);
	d->key_id = db_text(req->arena, &c[15]);
	d->issued_by = c[16].type == DM_V_INT ? c[16].i : 0;
	return DM_OK;
}

/* The one document matching where (at most one can), or DM_ENOTFOUND. */
static dm_status
find_one(struct dm_req *req, const char *where, const struct dm_value *p,
    size_t np, struct document *d)
{
	struct rows x = { req, { NULL, 0, 0 } };
	dm_status st;

	st = db_query(db_worker(), arena_printf(req->arena, "SELECT "
	    DOCUMENT_COLUMNS " FROM documents d WHERE %s", where), p, np,
	    doc_row, &x);
	if (st != DM_OK)
		return st;
	if (x.vec.n == 0)
		return DM_ENOTFOUND;
	*d = *(struct document *)x.vec.v;
	return DM_OK;
}

dm_status
documents_get(struct dm_req *req, long long id, const char *dept,
    struct document *d)
{
	struct dm_value p[3] = { DM_VINT(id), DM_VTEXT(dept),
	    DM_VTEXT(dept) };

	return find_one(req, "d.id = ? AND (? IS NULL OR d.department = ?)",
	    p, 3, d);
}

dm_status
documents_by_code(struct dm_req *req, const char *code, struct document *d)
{
	char norm[SEAL_CODE_LEN + 1];
	struct dm_value p;

	if (seal_code_normalize(code, norm) != DM_OK)
		return DM_ENOTFOUND;
	p = DM_VTEXT(norm);
	return find_one(req, "d.code = ?", &p, 1, d);
}

dm_status
documents_by_content(struct dm_req *req, const void *data, size_t len,
    struct document *d)
{
	unsigned char sha[SEAL_HASH_BYTES];
	struct dm_value p;

	seal_sha256(data, len, sha);
	p = DM_VBLOB((const char *)sha, sizeof(sha));
	return find_one(req, "d.sha256 = ?", &p, 1, d);
}

dm_status
documents_of_request(struct dm_req *req, long long request_id,
    struct document **v, size_t *n)
{
	struct rows x = { req, { NULL, 0, 0 } };
	struct dm_value p = DM_VINT(request_id);
	dm_status st;

	st = db_query(db_worker(), "SELECT " DOCUMENT_COLUMNS " FROM documents "
	    "d WHERE d.request_id = ? ORDER BY d.id", &p, 1, doc_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

struct content {
	struct dm_req	*req;
	unsigned char	 sha[SEAL_HASH_BYTES];
	const char	*code;
	const char	*title;
	const char	*protocol;
	int		 found;
};

dm_status
documents_generation(struct dm_req *req, const char *id,
    const struct keystore_pub **out)
{
	(void)req;
	return keystore_lookup(db_worker(), id, out);
}

dm_status
documents_check(struct dm_req *req, const struct document *d,
    struct document_seal *out)
{
	const char *data = NULL;
	size_t len = 0;
	const unsigned char *pk = NULL;
	struct pades_check ck;
	dm_status st;

	memset(out, 0, sizeof(*out));
	st = keystore_lookup(db_worker(), d->key_id, &out->gen);
	if (st == DM_OK)
		pk = out->gen->pk;
	else if (st == DM_ENOTFOUND && key_loaded && d->key_id != NULL &&
	    strcmp(d->key_id, gen.id) == 0)
		pk = gen.ed.pk;	/* sealed before this worker recorded it */
	else if (st != DM_ENOTFOUND)
		return st;
	if (pk == NULL || seal_verify(pk, d->sha256, d->signature) != 1) {
		log_error("documents: the seal of %s does not verify (key %s)",
		    d->code, d->key_id ? d->key_id : "-");
		return DM_OK;
	}
	if (strcmp(d->kind, "certificate") != 0) {
		out->ok = 1;
		return DM_OK;
	}
	/* The PDF's own signature, over the bytes as stored. */
	if ((st = blobs_read(db_worker(), req->arena, d->sha256, &data,
	    &len)) != DM_OK)
		return st == DM_ENOTFOUND ? DM_EINTERNAL : st;
	if ((st = pades_verify((const unsigned char *)data, len, out->gen ?
	    out->gen->cert : NULL, out->gen ? out->gen->certlen : 0, &ck)) !=
	    DM_OK)
		return st;
	out->embedded = ck.state;
	out->checked = 1;
	if (ck.state == PADES_ABSENT && (out->gen == NULL ||
	    out->gen->cert == NULL)) {
		out->ok = 1;	/* sealed before documents carried one */
		return DM_OK;
	}
	if (ck.state != PADES_VALID || !ck.by_cert) {
		log_error("documents: the PDF signature of %s does not match "
		    "its record", d->code);
		return DM_OK;
	}
	out->signer = ck.signer;
	out->ok = 1;
	return DM_OK;
}

static dm_status
content_row(void *arg, const struct dm_value *c, size_t n)
{
	struct content *x = arg;

	if (n < 4)
		return DM_EINTERNAL;
	if (c[0].type != DM_V_BLOB || c[0].len != sizeof(x->sha))
		return DM_EINTERNAL;
	x->found = 1;
	memcpy(x->sha, c[0].s, sizeof(x->sha));
	x->code = arena_strndup(x->req->arena, c[1].s, c[1].len);
	x->title = db_text(x->req->arena, &c[2]);
	x->protocol = db_text(x->req->arena, &c[3]);
	return DM_OK;
}

dm_status
documents_fetch(struct dm_req *req, long long id, long long account_id,
    const char **data, size_t *len, struct document_file *f)
{
	struct content x = { req, { 0 }, NULL, NULL, NULL, 0 };
	struct dm_value p[2] = { DM_VINT(id), DM_VINT(account_id) };
	dm_status st;

	st = db_query(db_worker(), "SELECT d.sha256, d.code, d.title, "
	    "d.protocol FROM documents d WHERE d.id = ? AND d.account_id = ?",
	    p, 2, content_row, &x);
	if (st != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	if ((st = blobs_read(db_worker(), req->arena, x.sha, data, len)) !=
	    DM_OK)
		return st == DM_ENOTFOUND ? DM_EINTERNAL : st;
	audit(req, "document_downloaded", account_id, x.code);
	f->code = x.code;
	f->title = x.title;
	f->protocol = x.protocol;
	return DM_OK;
}

/* Delivery and revocation ---------------------------------------------- */

/* Titled so that the citizen knows which request it answers. */
static dm_status
deliver(struct dm_req *req, long long doc, long long account_id,
    long long request_id, const char *title, const char *protocol,
    const char *note, int announce)
{
	title = protocol == NULL ? title : i18n_format(req->arena,
	    mailbox_lang(req, account_id), "mailbox.document",
	    (const char *const[]){ "title", title, "protocol", protocol,
	    NULL });
	return mailbox_put(req, account_id, request_id, "document", title,
	    note, 0, doc, announce);
}

dm_status
documents_deliver(struct dm_req *req, long long doc, const char *note)
{
	struct document d;
	dm_status st;

	if ((st = documents_get(req, doc, NULL, &d)) != DM_OK)
		return st;
	return deliver(req, doc, d.account_id, d.request_id, d.title,
	    d.protocol, note, 1);
}

dm_status
documents_deliver_new(struct dm_req *req, long long doc,
    const struct document_new *d, const char *note, int announce)
{
	return deliver(req, doc, d->account_id, d->request_id, d->title,
	    d->protocol, note, announce);
}

struct revoke_ctx {
	struct dm_req		*req;
	const struct document	*d;
	const char		*reason;
};

static dm_status
revoke_tx(void *arg)
{
	struct revoke_ctx *x = arg;
	struct dm_req *req = x->req;
	enum i18n_lang lang = mailbox_lang(req, x->d->account_id);
	struct dm_value p[3] = { DM_VINT(session_actor(req)),
	    DM_VTEXT(x->reason), DM_VINT(x->d->id) };
	uint64_t n = 0;
	const char *msg;
	dm_status st;

	/* Once: a document revoked meanwhile is not revoked again. */
	if ((st = db_exec(db_worker(), "UPDATE documents SET status = "
	    "'revoked', revoked_at = UTC_TIMESTAMP(6), revoked_by = ?, "
	    "revoke_reason = ? WHERE id = ? AND status = 'valid'", p, 3, &n,
	    NULL)) != DM_OK)
		return st;
	if (n == 0)
		return DM_ECONFLICT;
	msg = i18n_format(req->arena, lang, "documents.revoked_text",
	    (const char *const[]){ "title", x->d->title, "code",
	    documents_code_dashed(req, x->d->code), "reason", x->reason,
	    NULL });
	if (x->d->request_id && (st = request_event(req, x->d->request_id,
	    "document_revoked", 0, RS_COMPLETED, RS_COMPLETED, msg, NULL)) !=
	    DM_OK)
		return st;
	audit(req, "document_revoked", x->d->account_id, x->d->code);
	return mailbox_deliver(req, x->d->account_id, x->d->request_id,
	    "message", i18n_str(lang, "documents.revoked_title"), msg, 0, 0);
}

dm_status
documents_revoke(struct dm_req *req, const struct document *d,
    const char *reason)
{
	struct revoke_ctx x = { req, d, reason };

	return db_tx(db_worker(), revoke_tx, &x);
}

dm_status
documents_export(struct db *db, long long account_id,
    struct json_object *root)
{
	static const char *const keys[] = { "code", "title", "protocol",
	    "issued_at", "status", "revoked_at", "sha256", NULL };
	struct dm_value p = DM_VINT(account_id);

	return db_query_json(db, "SELECT code, title, protocol, issued_at, "
	    "status, revoked_at, LOWER(HEX(sha256)) FROM documents WHERE "
	    "account_id = ? ORDER BY id", &p, 1, keys, root, "documents");
}
