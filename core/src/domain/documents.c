/*
 * documents.c - certificates and documents: issue, seal, deliver, verify.
 * A document's exact bytes are what is sealed and stored; verification by
 * code shows its status, by upload compares a file with those bytes. The
 * verification page shows what the document itself shows a counterparty
 * (type, date, protocol number, the holder's initials), nothing more.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "documents.h"
#include "forms.h"
#include "i18n.h"
#include "localtime.h"
#include "log.h"
#include "pages.h"
#include "pdf.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "router.h"
#include "seal.h"
#include "session.h"
#include "throttle.h"

#define VERIFY_MAX	60		/* lookups per client ... */
#define VERIFY_WINDOW	600		/* ... in this many seconds */
#define VERIFY_LOCKOUT	600

static struct seal_key key;
static int key_loaded;
static char key_id[17];
static char key_b64[SEAL_PUB_BASE64_SIZE];

int
documents_init(const struct config *cfg)
{
	if (key_loaded)
		return 1;
	if (cfg->doc_key_dir == NULL || seal_load(cfg->doc_key_dir, &key) !=
	    DM_OK) {
		log_warn("documents: no seal key in %s; documents cannot be "
		    "issued until 'dimosctl keys init' makes one",
		    cfg->doc_key_dir ? cfg->doc_key_dir : "(unset)");
		return 0;
	}
	seal_hex(key.pk, 8, key_id);
	seal_pub_base64(&key, key_b64);
	key_loaded = 1;
	return 1;
}

void
documents_fini(void)
{
	if (key_loaded)
		seal_key_wipe(&key);
	key_loaded = 0;
}

static const char *
T(struct dm_req *req, const char *key_)
{
	return i18n_str(i18n_lang_of(req->lang), key_);
}

/* "Γεώργιος Παπαδόπουλος" -> "Γ. Π." (whole letters, any script). */
static const char *
initials(struct dm_req *req, const char *name)
{
	char out[64];
	size_t k = 0;
	int start = 1;

	if (name == NULL)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)name; *p &&
	    k < sizeof(out) - 8; p++) {
		if (*p == ' ' || *p == '-') {
			start = 1;
			continue;
		}
		if (start && (*p & 0xc0) != 0x80) {
			size_t len = *p < 0x80 ? 1 : *p < 0xe0 ? 2 :
			    *p < 0xf0 ? 3 : 4;

			if (k > 0)
				out[k++] = ' ';
			memcpy(out + k, p, len);
			k += len;
			out[k++] = '.';
			start = 0;
		}
	}
	out[k] = '\0';
	return arena_strdup(req->arena, out);
}

/* Certificates are written in Greek, the language of the record. */
static const struct pdf_labels *
labels(void)
{
	static struct pdf_labels l;

	l.protocol = i18n_str(I18N_EL, "pdf.protocol");
	l.issued = i18n_str(I18N_EL, "pdf.issued");
	l.place = i18n_str(I18N_EL, "pdf.place");
	l.page_fmt = i18n_str(I18N_EL, "pdf.page");
	l.verify = i18n_str(I18N_EL, "pdf.verify");
	l.code = i18n_str(I18N_EL, "pdf.code");
	l.signer = i18n_str(I18N_EL, "pdf.signer");
	l.automatic = i18n_str(I18N_EL, "pdf.automatic");
	return &l;
}

static const char *
upper(struct dm_req *req, const char *s)
{
	/* Greek capitals drop their accents: ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ. */
	static const struct { const char *from, *to; } map[] = {
		{ "ά", "Α" }, { "έ", "Ε" }, { "ή", "Η" }, { "ί", "Ι" },
		{ "ό", "Ο" }, { "ύ", "Υ" }, { "ώ", "Ω" }, { "ϊ", "Ϊ" },
		{ "ϋ", "Ϋ" }, { "ΐ", "Ϊ" }, { "ΰ", "Ϋ" }, { "ς", "Σ" },
		{ "α", "Α" }, { "β", "Β" }, { "γ", "Γ" }, { "δ", "Δ" },
		{ "ε", "Ε" }, { "ζ", "Ζ" }, { "η", "Η" }, { "θ", "Θ" },
		{ "ι", "Ι" }, { "κ", "Κ" }, { "λ", "Λ" }, { "μ", "Μ" },
		{ "ν", "Ν" }, { "ξ", "Ξ" }, { "ο", "Ο" }, { "π", "Π" },
		{ "ρ", "Ρ" }, { "σ", "Σ" }, { "τ", "Τ" }, { "υ", "Υ" },
		{ "φ", "Φ" }, { "χ", "Χ" }, { "ψ", "Ψ" }, { "ω", "Ω" },
		{ "Ά", "Α" }, { "Έ", "Ε" }, { "Ή", "Η" }, { "Ί", "Ι" },
		{ "Ό", "Ο" }, { "Ύ", "Υ" }, { "Ώ", "Ω" },
	};
	char *out = arena_alloc(req->arena, strlen(s) * 2 + 1);
	size_t k = 0;

	while (*s) {
		size_t i;

		for (i = 0; i < NELEMS(map); i++) {
			size_t n = strlen(map[i].from);

			if (strncmp(s, map[i].from, n) == 0) {
				strcpy(out + k, map[i].to);
				k += strlen(map[i].to);
				s += n;
				break;
			}
		}
		if (i == NELEMS(map))
			out[k++] = (char)toupper((unsigned char)*s++);
	}
	out[k] = '\0';
	return out;
}

/* Renders a certificate for request r; code is its verification code. */
static dm_status
render_certificate(struct dm_req *req, const struct service *sv,
    const struct request *r, const struct dm_certificate *cert,
    const char *code, const char *signer, unsigned char **pdf, size_t *len)
{
	const struct config *c = req->cfg;
	const struct dm_department *d = sv->plugin->desc->department;
	struct pdf_spec spec;
	struct pdf_row *rows = NULL;
	char norm[SEAL_CODE_LEN + 1];

	if (seal_code_normalize(code, norm) != DM_OK)
		return DM_EINTERNAL;
	if (cert->nrows > 0) {
		rows = arena_zalloc(req->arena, cert->nrows * sizeof(*rows));
		for (size_t i = 0; i < cert->nrows; i++) {
			rows[i].label = cert->rows[i].label;
			rows[i].value = cert->rows[i].value;
		}
	}
	memset(&spec, 0, sizeof(spec));
	spec.labels = labels();
	spec.municipality = upper(req, c->mun_name_el);
	spec.header_lines = arena_printf(req->arena, "%s\n%s", d->name_el,
	    c->mun_address_el ? c->mun_address_el : "");
	spec.emblem_png = c->mun_emblem_png;
	spec.title = cert->title;
	spec.subtitle = cert->subtitle;
	spec.protocol = r->protocol;
	spec.issued_at = lt_format(req->arena, r->submitted_at, 0);
	{
		/* Issued now, not when it was asked for. */
		int y, m, dd;

		lt_today(&y, &m, &dd);
		spec.issued_at = arena_printf(req->arena, "%02d/%02d/%04d", dd,
		    m, y);
	}
	spec.place = c->mun_place_el;
	spec.paragraphs = cert->paragraphs;
	spec.nparagraphs = cert->nparagraphs;
	spec.table_title = cert->table_title;
	spec.rows = rows;
	spec.nrows = cert->nrows;
	spec.after = cert->remarks;
	spec.nafter = cert->nremarks;
	spec.signer = signer;
	spec.verify_code = code;
	spec.verify_url = arena_printf(req->arena, "%s/verify/%s", c->base_url,
	    norm);
	return pdf_render(&spec, pdf, len);
}

struct doc_row {
	long long		 request_id;
	long long		 account_id;
	const struct service	*sv;
	const char		*kind;
	const char		*title;
	const char		*holder;
	const char		*protocol;
	long long		 issued_by;
	const char		*record_ref;
	const char		*code;
};

/* Seals bytes and records the document (in the caller's transaction). */
static dm_status
record(struct dm_req *req, const struct doc_row *d, const unsigned char *pdf,
    size_t len, long long *id)
{
	unsigned char sha[SEAL_HASH_BYTES], sig[SEAL_SIGNATURE_BYTES];
	char norm[SEAL_CODE_LEN + 1];
	struct dm_value p[15];
	uint64_t newid = 0;
	dm_status st;

	if (!key_loaded) {
		log_error("documents: cannot seal: no key (dimosctl keys "
		    "init)");
		return DM_EINTERNAL;
	}
	seal_sha256(pdf, len, sha);
	seal_sign(&key, sha, sig);
	seal_code_normalize(d->code, norm);
	p[0] = DM_VBLOB((const char *)sha, sizeof(sha));
	p[1] = DM_VINT((long long)len);
	p[2] = DM_VBLOB((const char *)pdf, len);
	if ((st = db_exec(db_worker(), "INSERT IGNORE INTO blobs (sha256, "
	    "size, content) VALUES (?, ?, ?)", p, 3, NULL, NULL)) != DM_OK)
		return st;
	p[0] = DM_VTEXT(norm);
	p[1] = d->request_id ? DM_VINT(d->request_id) : DM_VNULL;
	p[2] = DM_VINT(d->account_id);
	p[3] = DM_VTEXT(d->sv ? d->sv->svc->code : NULL);
	p[4] = DM_VTEXT(d->sv ? d->sv->plugin->name : NULL);
	p[5] = DM_VTEXT(d->kind);
	p[6] = DM_VTEXT(d->title);
	p[7] = DM_VTEXT(initials(req, d->holder));
	p[8] = DM_VTEXT(d->protocol);
	p[9] = d->issued_by ? DM_VINT(d->issued_by) : DM_VNULL;
	p[10] = DM_VBLOB((const char *)sha, sizeof(sha));
	p[11] = DM_VBLOB((const char *)sig, sizeof(sig));
	p[12] = DM_VTEXT(key_id);
	p[13] = DM_VINT((long long)len);
	p[14] = DM_VTEXT(d->record_ref);
	st = db_exec(db_worker(), "INSERT INTO documents (code, request_id, "
	    "account_id, service, department, kind, title, holder_initials, "
	    "protocol, issued_by, sha256, signature, key_id, size, record_ref, "
	    "confidential) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?)", (struct dm_value[]){ p[0], p[1], p[2], p[3], p[4], p[5],
	    p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14],
	    DM_VINT(d->sv && (d->sv->svc->flags & DM_SERVICE_CONFIDENTIAL)) },
	    16, NULL, &newid);
	if (st != DM_OK)
		return st;
	*id = (long long)newid;
	return DM_OK;
}

static dm_status
call_hook(struct dm_req *req, const struct service *sv,
    const struct request *r, int auto_issue, const char *ref,
    struct dm_certificate *out)
{
	dm_status st;

	if (!plugin_has(sv->plugin, certificate) ||
	    sv->svc->result != DM_RESULT_CERTIFICATE)
		return DM_ENOTFOUND;
	memset(out, 0, sizeof(*out));
	st = plugin_certificate(req, sv, request_for_plugin(req, r),
	    auto_issue, ref, out);
	if (st == DM_OK && (out->title == NULL || (out->nrows > 0 &&
	    out->rows == NULL) || (out->nparagraphs > 0 &&
	    out->paragraphs == NULL))) {
		log_error("plugin %s: an incomplete certificate",
		    sv->plugin->name);
		return DM_EINTERNAL;
	}
	return st;
}

dm_status
documents_prepare_auto(struct dm_req *req, const struct service *sv,
    const struct request *r, struct dm_certificate *out)
{
	if (!key_loaded)
		return DM_ENOTFOUND;	/* a clerk will have to */
	return call_hook(req, sv, r, 1, NULL, out);
}

struct auto_ctx {
	struct dm_req			*req;
	const struct service		*sv;
	long long			 id;
	const struct dm_certificate	*cert;
	const unsigned char		*pdf;
	size_t				 len;
	const char			*code;
	const struct request		*r;
};

static dm_status
auto_tx(void *arg)
{
	struct auto_ctx *x = arg;
	struct doc_row d;
	long long doc = 0, eid = 0;
	dm_status st;

	memset(&d, 0, sizeof(d));
	d.request_id = x->id;
	d.account_id = x->r->account_id;
	d.sv = x->sv;
	d.kind = "certificate";
	d.title = x->cert->title;
	d.holder = x->cert->holder;
	d.protocol = x->r->protocol;
	d.record_ref = x->cert->record_ref;
	d.code = x->code;
	if ((st = record(x->req, &d, x->pdf, x->len, &doc)) != DM_OK)
		return st;
	if ((st = request_transition(x->req, x->r, RS_COMPLETED, "completed",
	    i18n_str(i18n_lang_of(x->req->lang), "certificate.auto"), &eid)) !=
	    DM_OK)
		return st;
	if ((st = documents_link_event(x->req, doc, eid)) != DM_OK)
		return st;
	audit(x->req, "certificate_issued", d.account_id, "automatic");
	return documents_deliver(x->req, doc, NULL);
}

dm_status
documents_issue_auto(struct dm_req *req, const struct service *sv,
    long long request_id, const struct dm_certificate *cert)
{
	struct request r;
	struct auto_ctx x;
	char code[SEAL_CODE_SIZE];
	unsigned char *pdf = NULL;
	size_t len = 0;
	dm_status st;

	if ((st = request_load(req, request_id, 0, NULL, &r)) != DM_OK)
		return st;
	seal_code(code);
	if ((st = render_certificate(req, sv, &r, cert, code, NULL, &pdf,
	    &len)) != DM_OK)
		return st;
	x.req = req;
	x.sv = sv;
	x.id = request_id;
	x.cert = cert;
	x.pdf = pdf;
	x.len = len;
	x.code = code;
	x.r = &r;
	st = db_tx(db_worker(), auto_tx, &x);
	free(pdf);
	return st;
}

dm_status
documents_issue_certificate(struct dm_req *req, const struct service *sv,
    const struct request *r, const char *record_ref, long long clerk,
    long long *doc)
{
	struct dm_certificate cert;
	struct doc_row d;
	struct account a;
	char code[SEAL_CODE_SIZE];
	unsigned char *pdf = NULL;
	size_t len = 0;
	dm_status st;

	if (record_ref != NULL && record_ref[0] == '\0')
		record_ref = NULL;
	if ((st = call_hook(req, sv, r, 0, record_ref, &cert)) != DM_OK)
		return st;
	seal_code(code);
	if (account_load(req, clerk, &a) != DM_OK)
		return DM_EINTERNAL;
	if ((st = render_certificate(req, sv, r, &cert, code,
	    account_display(req, &a), &pdf, &len)) != DM_OK)
		return st;
	memset(&d, 0, sizeof(d));
	d.request_id = r->id;
	d.account_id = r->account_id;
	d.sv = sv;
	d.kind = "certificate";
	d.title = cert.title;
	d.holder = cert.holder;
	d.protocol = r->protocol;
	d.issued_by = clerk;
	d.record_ref = cert.record_ref;
	d.code = code;
	st = record(req, &d, pdf, len, doc);
	free(pdf);
	if (st == DM_OK)
		audit(req, "certificate_issued", r->account_id, "clerk");
	return st;
}

dm_status
documents_from_upload(struct dm_req *req, const struct service *sv,
    const struct request *r, long long event_id, const char *field,
    long long clerk, long long *doc, long long *attachment)
{
	struct upload *u = NULL;
	struct doc_row d;
	char code[SEAL_CODE_SIZE];
	dm_status st;

	*doc = 0;
	*attachment = 0;
	for (struct upload *x = req->uploads; x != NULL; x = x->next)
		if (strcmp(x->field, field) == 0 && x->data != NULL)
			u = x;
	if (u == NULL)
		return DM_OK;
	if (strcmp(u->type, "application/pdf") != 0)
		return DM_EINPUT;
	if ((st = request_store_uploads(req, r->id, event_id, field, clerk, 0,
	    NULL)) != DM_OK)
		return st;
	seal_code(code);
	memset(&d, 0, sizeof(d));
	d.request_id = r->id;
	d.account_id = r->account_id;
	d.sv = sv;
	d.kind = "document";
	d.title = arena_printf(req->arena, "%s – %s", pages_l(req,
	    sv->svc->title_el, sv->svc->title_en), u->filename);
	d.holder = r->applicant_name;
	d.protocol = r->protocol;
	d.issued_by = clerk;
	d.code = code;
	st = record(req, &d, u->data, u->len, doc);
	if (st == DM_OK)
		audit(req, "document_issued", r->account_id, u->filename);
	return st;
}

dm_status
documents_link_event(struct dm_req *req, long long doc, long long event_id)
{
	struct dm_value p[2] = { DM_VINT(event_id), DM_VINT(doc) };

	(void)req;
	return db_exec(db_worker(), "UPDATE documents SET event_id = ? WHERE "
	    "id = ?", p, 2, NULL, NULL);
}

struct meta {
	struct dm_req	*req;
	long long	 id;
	long long	 account_id;
	long long	 request_id;
	const char	*code;
	const char	*title;
	const char	*status;
	const char	*issued_at;
	const char	*protocol;
	const char	*initials;
	const char	*reason;
	const char	*revoked_at;
	const char	*kind;
	const char	*department;
	unsigned char	 sha[SEAL_HASH_BYTES];
	unsigned char	 sig[SEAL_SIGNATURE_BYTES];
	const char	*key_id;
	long long	 issued_by;
	int		 found;
};

#define META_COLUMNS "d.id, d.account_id, d.request_id, d.code, d.title, " \
    "d.status, d.issued_at, d.protocol, d.holder_initials, " \
    "d.revoke_reason, d.revoked_at, d.kind, d.department, d.sha256, " \
    "d.signature, d.key_id, d.issued_by"

static const char *
mcol(struct dm_req *req, const struct dm_value *v)
{
	return v->type == DM_V_TEXT ? arena_strndup(req->arena, v->s, v->len) :
	    NULL;
}

static dm_status
meta_row(void *arg, const struct dm_value *c, size_t n)
{
	struct meta *m = arg;

	if (n < 17 || c[13].len != SEAL_HASH_BYTES ||
	    c[14].len != SEAL_SIGNATURE_BYTES)
		return DM_EINTERNAL;
	m->found = 1;
	m->id = c[0].i;
	m->account_id = c[1].i;
	m->request_id = c[2].type == DM_V_INT ? c[2].i : 0;
	m->code = mcol(m->req, &c[3]);
	m->title = mcol(m->req, &c[4]);
	m->status = mcol(m->req, &c[5]);
	m->issued_at = mcol(m->req, &c[6]);
	m->protocol = mcol(m->req, &c[7]);
	m->initials = mcol(m->req, &c[8]);
	m->reason = mcol(m->req, &c[9]);
	m->revoked_at = mcol(m->req, &c[10]);
	m->kind = mcol(m->req, &c[11]);
	m->department = mcol(m->req, &c[12]);
	memcpy(m->sha, c[13].s, SEAL_HASH_BYTES);
	memcpy(m->sig, c[14].s, SEAL_SIGNATURE_BYTES);
	m->key_id = mcol(m->req, &c[15]);
	m->issued_by = c[16].type == DM_V_INT ? c[16].i : 0;
	return DM_OK;
}

static dm_status
load_meta(struct dm_req *req, const char *where, const struct dm_value *p,
    size_t np, struct meta *m)
{
	memset(m, 0, sizeof(*m));
	m->req = req;
	return db_query(db_worker(), arena_printf(req->arena, "SELECT "
	    META_COLUMNS " FROM documents d WHERE %s", where), p, np,
	    meta_row, m);
}

static const char *
code_dashed(struct dm_req *req, const char *c)
{
	if (c == NULL || strlen(c) != 16)
		return c;
	return arena_printf(req->arena, "%.4s-%.4s-%.4s-%.4s", c, c + 4,
	    c + 8, c + 12);
}

dm_status
documents_deliver(struct dm_req *req, long long doc, const char *note)
{
	struct dm_value p = DM_VINT(doc);
	struct meta m;
	dm_status st;

	if ((st = load_meta(req, "d.id = ?", &p, 1, &m)) != DM_OK)
		return st;
	if (!m.found)
		return DM_ENOTFOUND;
	return mailbox_deliver(req, m.account_id, m.request_id, "document",
	    m.title, note, 0, doc);
}

static void
meta_node(struct dm_req *req, struct dm_node *n, const struct meta *m)
{
	char hex[2 * SEAL_HASH_BYTES + 1];

	render_attr_int(n, "id", m->id);
	render_attr(n, "code", code_dashed(req, m->code));
	render_attr(n, "title", m->title);
	render_attr(n, "status", m->status);
	render_attr(n, "kind", m->kind);
	render_attr(n, "issued", lt_format(req->arena, m->issued_at, 1));
	render_attr(n, "protocol", m->protocol);
	render_attr(n, "initials", m->initials);
	render_attr(n, "reason", m->reason);
	render_attr(n, "revoked", lt_format(req->arena, m->revoked_at, 1));
	render_attr(n, "automatic", m->issued_by ? NULL : "1");
	render_attr(n, "verify", arena_printf(req->arena, "/verify/%s",
	    m->code));
	seal_hex(m->sha, SEAL_HASH_BYTES, hex);
	render_attr(n, "sha256", hex);
	{
		char sig[2 * SEAL_SIGNATURE_BYTES + 1];

		seal_hex(m->sig, SEAL_SIGNATURE_BYTES, sig);
		render_attr(n, "signature", sig);
		render_attr(n, "key", m->key_id);
	}
}

struct list_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
};

static dm_status
list_row(void *arg, const struct dm_value *c, size_t n)
{
	struct list_ctx *x = arg;
	struct meta m;

	memset(&m, 0, sizeof(m));
	m.req = x->req;
	if (meta_row(&m, c, n) != DM_OK)
		return DM_EINTERNAL;
	meta_node(x->req, render_add(x->list, "document", NULL), &m);
	return DM_OK;
}

dm_status
documents_list(struct dm_req *req, struct dm_node *parent,
    long long request_id)
{
	struct list_ctx x = { req, render_add(parent, "documents", NULL) };
	struct dm_value p = DM_VINT(request_id);

	return db_query(db_worker(), "SELECT " META_COLUMNS " FROM documents d "
	    "WHERE d.request_id = ? ORDER BY d.id", &p, 1, list_row, &x);
}

dm_status
documents_describe(struct dm_req *req, struct dm_node *parent, long long doc)
{
	struct dm_value p = DM_VINT(doc);
	struct meta m;
	dm_status st;

	if ((st = load_meta(req, "d.id = ?", &p, 1, &m)) != DM_OK)
		return st;
	if (m.found)
		meta_node(req, render_add(parent, "document", NULL), &m);
	return DM_OK;
}

struct blob_ctx {
	struct dm_req	*req;
	char		*data;
	size_t		 len;
	const char	*code;
	int		 found;
};

static dm_status
blob_row(void *arg, const struct dm_value *c, size_t n)
{
	struct blob_ctx *x = arg;

	if (n < 2)
		return DM_EINTERNAL;
	x->found = 1;
	x->data = arena_alloc(x->req->arena, c[0].len + 1);
	memcpy(x->data, c[0].s, c[0].len);
	x->len = c[0].len;
	x->code = arena_strndup(x->req->arena, c[1].s, c[1].len);
	return DM_OK;
}

dm_status
documents_download(struct dm_req *req, long long doc, long long account_id)
{
	struct blob_ctx x = { req, NULL, 0, NULL, 0 };
	struct dm_value p[2] = { DM_VINT(doc), DM_VINT(account_id) };
	dm_status st;

	st = db_query(db_worker(), "SELECT b.content, d.code FROM documents d "
	    "JOIN blobs b ON b.sha256 = d.sha256 WHERE d.id = ? AND "
	    "d.account_id = ?", p, 2, blob_row, &x);
	if (st != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	audit(req, "document_downloaded", account_id, x.code);
	pages_send_file(req, arena_printf(req->arena, "%s.pdf", x.code),
	    "application/pdf", x.data, x.len);
	return DM_OK;
}

/* The public verification pages ------------------------------------------- */

/* Lookups are public but limited per client address. */
static int
verify_throttled(struct dm_req *req)
{
	char subject[64];

	snprintf(subject, sizeof(subject), "v:%s", req->env.remote_addr ?
	    req->env.remote_addr : "-");
	if (throttle_locked(db_worker(), subject) > 0) {
		render_error_page(req, 429, "verify_limit");
		return 1;
	}
	throttle_count(db_worker(), subject, VERIFY_MAX, VERIFY_WINDOW,
	    VERIFY_LOCKOUT);
	return 0;
}

static struct dm_node *
verify_page(struct dm_req *req)
{
	struct dm_node *c = render_begin(req, "verify", T(req,
	    "verify.title"));
	struct dm_node *k = render_add(c, "key", key_loaded ? key_b64 : NULL);

	render_attr(k, "id", key_loaded ? key_id : NULL);
	render_attr(c, "csrf", csrf_token(req));
	return c;
}

/* A result: valid, revoked, or unknown; the seal is checked too. */
static void
verify_result(struct dm_req *req, struct dm_node *c, const struct meta *m,
    const char *how)
{
	struct dm_node *r = render_add(c, "result", NULL);

	render_attr(r, "how", how);
	if (!m->found) {
		render_attr(r, "status", "unknown");
		return;
	}
	meta_node(req, r, m);
	if (!key_loaded || seal_verify(key.pk, m->sha, m->sig) != 1 ||
	    strcmp(m->key_id, key_id) != 0) {
		/* The record no longer matches the municipality's seal. */
		render_attr(r, "status", "unknown");
		log_error("documents: seal check failed for %s", m->code);
	}
	render_attr(r, "issuer", i18n_str(i18n_lang_of(req->lang),
	    "site.name"));
}

static dm_status
page_verify(struct dm_req *req)
{
	const char *code = kv_get(&req->query, "code");
	char norm[SEAL_CODE_LEN + 1];

	if (code != NULL && code[0] != '\0') {
		if (seal_code_normalize(code, norm) != DM_OK) {
			struct dm_node *c = verify_page(req);

			render_attr(c, "error", T(req, "verify.bad_code"));
			render_attr(c, "code", code);
			req->status = 422;
			return DM_OK;
		}
		http_redirect(req, arena_printf(req->arena, "/verify/%s",
		    norm));
		return DM_OK;
	}
	verify_page(req);
	return DM_OK;
}

static dm_status
page_verify_code(struct dm_req *req)
{
	char norm[SEAL_CODE_LEN + 1];
	struct dm_value p;
	struct meta m;
	struct dm_node *c;
	dm_status st;

	if (verify_throttled(req))
		return DM_OK;
	c = verify_page(req);
	if (seal_code_normalize(kv_get(&req->args, "code"), norm) != DM_OK) {
		memset(&m, 0, sizeof(m));
		verify_result(req, c, &m, "code");
		req->status = 404;
		return DM_OK;
	}
	p = DM_VTEXT(norm);
	if ((st = load_meta(req, "d.code = ?", &p, 1, &m)) != DM_OK)
		return st;
	verify_result(req, c, &m, "code");
	if (!m.found)
		req->status = 404;
	return DM_OK;
}

/* POST /verify with a PDF: is it byte for byte an issued document? */
static dm_status
page_verify_upload(struct dm_req *req)
{
	struct upload *u = req->uploads;
	unsigned char sha[SEAL_HASH_BYTES];
	struct dm_value p;
	struct meta m;
	struct dm_node *c;
	dm_status st;

	if (verify_throttled(req))
		return DM_OK;
	c = verify_page(req);
	if (u == NULL || u->data == NULL || u->len == 0) {
		render_attr(c, "error", T(req, u && u->too_big ?
		    "verify.too_big" : u && u->bad_type ? "verify.not_pdf" :
		    "verify.no_file"));
		req->status = u && u->too_big ? 413 : 422;
		return DM_OK;
	}
	seal_sha256(u->data, u->len, sha);
	p = DM_VBLOB((const char *)sha, sizeof(sha));
	if ((st = load_meta(req, "d.sha256 = ?", &p, 1, &m)) != DM_OK)
		return st;
	verify_result(req, c, &m, "file");
	return DM_OK;
}

/* Revocation (staff of the document's department). */
static const struct fdef revoke_defs[] = {
	{ "reason", F_TEXT, "f.revoke_reason", NULL, FF_REQUIRED, 5, 1000,
	    NULL, NULL },
};

struct revoke_ctx {
	struct dm_req	*req;
	struct meta	*m;
	const char	*reason;
};

static dm_status
revoke_tx(void *arg)
{
	struct revoke_ctx *x = arg;
	struct dm_req *req = x->req;
	struct dm_value p[3] = { DM_VINT(req->session->account_id),
	    DM_VTEXT(x->reason), DM_VINT(x->m->id) };
	uint64_t n = 0;
	const char *msg;
	dm_status st;

	if ((st = db_exec(db_worker(), "UPDATE documents SET status = "
	    "'revoked', revoked_at = UTC_TIMESTAMP(6), revoked_by = ?, "
	    "revoke_reason = ? WHERE id = ? AND status = 'valid'", p, 3, &n,
	    NULL)) != DM_OK)
		return st;
	if (n == 0)
		return DM_ECONFLICT;
	msg = i18n_format(req->arena, i18n_lang_of(req->lang),
	    "documents.revoked_text", (const char *const[]){ "title",
	    x->m->title, "code", code_dashed(req, x->m->code), "reason",
	    x->reason, NULL });
	if (x->m->request_id && (st = request_event(req, x->m->request_id,
	    "document_revoked", 0, RS_COMPLETED, RS_COMPLETED, msg, NULL)) !=
	    DM_OK)
		return st;
	audit(req, "document_revoked", x->m->account_id, x->m->code);
	return mailbox_deliver(req, x->m->account_id, x->m->request_id,
	    "message", i18n_str(i18n_lang_of(req->lang),
	    "documents.revoked_title"), msg, 0, 0);
}

static dm_status
page_revoke(struct dm_req *req)
{
	struct ffield *f = forms_from_defs(req, revoke_defs, 1);
	struct dm_value p[2] = { DM_VINT(pages_arg_id(req, "doc")),
	    DM_VTEXT(kv_get(&req->args, "dept")) };
	struct revoke_ctx x;
	struct meta m;
	dm_status st;

	/* Scoped by department: another one's document is not found. */
	if ((st = load_meta(req, "d.id = ? AND d.department = ?", p, 2, &m)) !=
	    DM_OK)
		return st;
	if (!m.found)
		return DM_ENOTFOUND;
	if (forms_check(req, f, 1) != 0)
		return DM_EINPUT;
	x.req = req;
	x.m = &m;
	x.reason = f->value;
	st = db_tx(db_worker(), revoke_tx, &x);
	if (st != DM_OK && st != DM_ECONFLICT)
		return st;
	http_redirect(req, arena_printf(req->arena,
	    "/staff/%s/requests/%lld?done=revoke", kv_get(&req->args, "dept"),
	    m.request_id));
	return DM_OK;
}

/* The submission receipt, drawn when asked for. */
struct rcpt_ctx {
	struct dm_req	*req;
	struct pdf_row	*rows;
	size_t		 n;
	size_t		 cap;
};

static dm_status
rcpt_file(void *arg, const struct dm_value *c, size_t n)
{
	struct rcpt_ctx *x = arg;

	if (n < 2 || x->n == x->cap)
		return DM_OK;
	x->rows[x->n].label = i18n_str(I18N_EL, "receipt.file");
	x->rows[x->n].value = arena_printf(x->req->arena, "%.*s (%.1f KB)",
	    (int)c[0].len, c[0].s, (double)c[1].i / 1024.0);
	x->n++;
	return DM_OK;
}

static dm_status
send_receipt(struct dm_req *req, const struct request *r)
{
	const struct service *sv = services_find(r->service);
	struct pdf_spec spec;
	struct rcpt_ctx x;
	struct dm_value p;
	unsigned char *pdf = NULL;
	size_t len = 0;
	const char *paras[1];
	dm_status st;

	if (sv == NULL || r->status == RS_DRAFT)
		return DM_ENOTFOUND;
	x.req = req;
	x.cap = 64;
	x.n = 0;
	x.rows = arena_zalloc(req->arena, x.cap * sizeof(*x.rows));
	x.rows[x.n].label = i18n_str(I18N_EL, "receipt.service");
	x.rows[x.n++].value = sv->svc->title_el;
	x.rows[x.n].label = i18n_str(I18N_EL, "receipt.department");
	x.rows[x.n++].value = sv->plugin->desc->department->name_el;
	x.rows[x.n].label = i18n_str(I18N_EL, "receipt.applicant");
	x.rows[x.n++].value = r->applicant_name;
	if (r->applicant_afm != NULL) {
		x.rows[x.n].label = i18n_str(I18N_EL, "f.afm");
		x.rows[x.n++].value = r->applicant_afm;
	}
	x.rows[x.n].label = i18n_str(I18N_EL, "receipt.submitted");
	x.rows[x.n++].value = lt_format(req->arena, r->submitted_at, 1);
	x.rows[x.n].label = i18n_str(I18N_EL, "receipt.channel");
	x.rows[x.n++].value = i18n_str(I18N_EL, arena_printf(req->arena,
	    "channel.%s", r->channel));
	if (r->due_date != NULL) {
		x.rows[x.n].label = i18n_str(I18N_EL, "receipt.due");
		x.rows[x.n++].value = lt_date(req->arena, r->due_date);
	}
	p = DM_VINT(r->id);
	if ((st = db_query(db_worker(), "SELECT filename, size FROM "
	    "attachments WHERE request_id = ? AND event_id IS NULL ORDER BY "
	    "id", &p, 1, rcpt_file, &x)) != DM_OK)
		return st;
	paras[0] = i18n_format(req->arena, I18N_EL, "receipt.text",
	    (const char *const[]){ "protocol", r->protocol, "time",
	    lt_format(req->arena, r->submitted_at, 1), NULL });
	memset(&spec, 0, sizeof(spec));
	spec.labels = labels();
	spec.municipality = upper(req, req->cfg->mun_name_el);
	spec.header_lines = req->cfg->mun_address_el;
	spec.emblem_png = req->cfg->mun_emblem_png;
	spec.title = i18n_str(I18N_EL, "receipt.title");
	spec.protocol = r->protocol;
	spec.issued_at = lt_format(req->arena, r->submitted_at, 1);
	spec.place = req->cfg->mun_place_el;
	spec.paragraphs = paras;
	spec.nparagraphs = 1;
	spec.rows = x.rows;
	spec.nrows = x.n;
	if ((st = pdf_render(&spec, &pdf, &len)) != DM_OK)
		return st;
	pages_send_file(req, arena_printf(req->arena, "receipt-%lld.pdf",
	    r->id), "application/pdf", pdf, len);
	free(pdf);
	return DM_OK;
}

static dm_status
page_receipt(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = request_load(req, pages_arg_id(req, "id"),
	    req->session->account_id, NULL, &r)) != DM_OK)
		return st;
	return send_receipt(req, &r);
}

static dm_status
page_staff_receipt(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = request_load(req, pages_arg_id(req, "id"), 0,
	    kv_get(&req->args, "dept"), &r)) != DM_OK)
		return st;
	return send_receipt(req, &r);
}

static dm_status
page_public_key(struct dm_req *req)
{
	const char *text;

	if (!key_loaded)
		return DM_ENOTFOUND;
	text = arena_printf(req->arena, "dimos-seal-public-v1\n%s\n", key_b64);
	http_header(req, "Content-Disposition",
	    "inline; filename=\"seal.pub\"");
	http_send(req, 200, "text/plain; charset=utf-8", text, strlen(text));
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/verify", DM_ROUTE_PUBLIC, page_verify },
	{ DM_METHOD_POST, "/verify", DM_ROUTE_PUBLIC, page_verify_upload },
	{ DM_METHOD_GET, "/verify/:code", DM_ROUTE_PUBLIC, page_verify_code },
	{ DM_METHOD_GET, "/verify/key/seal.pub", DM_ROUTE_PUBLIC,
	    page_public_key },
	{ DM_METHOD_GET, "/requests/:id/receipt", DM_ROUTE_LOGIN,
	    page_receipt },
	{ DM_METHOD_GET, "/staff/:dept/requests/:id/receipt", DM_ROUTE_STAFF,
	    page_staff_receipt },
	{ DM_METHOD_POST, "/staff/:dept/documents/:doc/revoke",
	    DM_ROUTE_STAFF, page_revoke },
};

dm_status
documents_register(void)
{
	return router_add_all(routes, NELEMS(routes));
}
