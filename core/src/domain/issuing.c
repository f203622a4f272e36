/*
 * issuing.c - the ways a document comes to exist for a request.
 * Whatever the path, the document is recorded by documents_record (sealed,
 * its bytes kept) in the same transaction as the history event that
 * delivers it, so a certificate is never issued without its request
 * saying so, nor the other way round.
 */
#include <string.h>

#include "attachments.h"
#include "audit.h"
#include "db.h"
#include "documents.h"
#include "i18n.h"
#include "issuing.h"
#include "log.h"
#include "metrics.h"
#include "mailbox.h"
#include "plugins.h"
#include "req.h"
#include "requests.h"
#include "stats.h"

dm_status
issuing_content(struct dm_req *req, const struct service *sv,
    const struct request *r, int auto_issue, const char *record_ref,
    struct dm_certificate *out)
{
	dm_status st;

	if (auto_issue && !documents_can_seal())
		return DM_ENOTFOUND;	/* a clerk will have to */
	if (!plugin_has(sv->plugin, certificate) ||
	    sv->svc->result != DM_RESULT_CERTIFICATE)
		return DM_ENOTFOUND;
	if (record_ref != NULL && record_ref[0] == '\0')
		record_ref = NULL;
	memset(out, 0, sizeof(*out));
	st = plugin_certificate(req, sv, request_for_plugin(req, r),
	    auto_issue, record_ref, out);
	if (st == DM_OK && (out->title == NULL || (out->nrows > 0 &&
	    out->rows == NULL) || (out->nparagraphs > 0 &&
	    out->paragraphs == NULL) || (out->ntables > 0 &&
	    out->tables == NULL) || (out->nremarks > 0 &&
	    out->remarks == NULL))) {
		log_error("plugin %s: an incomplete certificate",
		    sv->plugin->name);
		return DM_EINTERNAL;
	}
	return st;
}

static void
certificate_row(struct document_new *d, const struct service *sv,
    const struct request *r, const struct issued *c, long long clerk)
{
	memset(d, 0, sizeof(*d));
	d->request_id = r->id;
	d->account_id = r->account_id;
	d->issued_by = clerk;
	d->sv = sv;
	d->kind = "certificate";
	d->title = c->cert->title;
	d->holder = c->cert->holder;
	d->protocol = r->protocol;
	d->record_ref = c->cert->record_ref;
	d->code = c->code;
}

struct auto_ctx {
	struct dm_req		*req;
	const struct service	*sv;
	const struct request	*r;
	const struct issued	*c;
	int			 announce;
};

/*
 * The bytes first (the largest write, and rows no other transaction
 * takes), then the request completed with its event and the dashboard's
 * rows (the closure and the certificate counted in one write of the
 * day's row), then the document with that event, its audit row and its
 * mailbox item: nothing read back, nothing written twice.
 */
static dm_status
auto_tx(void *arg)
{
	struct auto_ctx *x = arg;
	struct document_new d;
	struct document_sealed s;
	long long doc = 0, eid = 0;
	dm_status st;

	certificate_row(&d, x->sv, x->r, x->c, 0);
	if ((st = documents_store(x->req, x->c->pdf, x->c->len, &s)) != DM_OK)
		return st;
	if ((st = request_complete_certified(x->req, x->r, i18n_str(
	    i18n_lang_of(x->req->lang), "certificate.auto"), &eid)) != DM_OK)
		return st;
	d.event_id = eid;
	if ((st = documents_insert(x->req, &d, &s, &doc)) != DM_OK)
		return st;
	audit(x->req, "certificate_issued", d.account_id, "automatic");
	if ((st = documents_deliver_new(x->req, doc, &d, NULL, x->announce)) !=
	    DM_OK)
		return st;
	/* The receipt held for it says it is there (delivered by this
	 * commit, not before). */
	return request_receipt_due(x->req, x->sv, x->r, 1);
}

dm_status
issuing_auto(struct dm_req *req, const struct service *sv,
    const struct request *r, const struct issued *c, int announce)
{
	struct auto_ctx x = { req, sv, r, c, announce };
	dm_status st = db_tx(db_worker(), auto_tx, &x);

	if (st == DM_OK)
		metrics_add(M_CERT_AUTO, 1);
	return st;
}

dm_status
issuing_by_clerk(struct dm_req *req, const struct service *sv,
    const struct request *r, const struct issued *c, long long clerk,
    long long *doc)
{
	struct document_new d;
	dm_status st;

	certificate_row(&d, sv, r, c, clerk);
	st = documents_record(req, &d, c->pdf, c->len, doc);
	if (st == DM_OK)
		st = stats_certificate(req, *doc);
	if (st == DM_OK) {
		audit(req, "certificate_issued", r->account_id, "clerk");
		/* Counted in the issuing transaction: a rollback after this
		 * (rare) leaves the count one high. */
		metrics_add(M_CERT_CLERK, 1);
	}
	return st;
}

dm_status
issuing_from_upload(struct dm_req *req, const struct service *sv,
    const struct request *r, long long event_id, const char *field,
    long long clerk, long long *doc)
{
	struct upload *u = NULL;
	struct document_new d;
	char code[SEAL_CODE_SIZE];
	dm_status st;

	*doc = 0;
	for (struct upload *x = req->uploads; x != NULL; x = x->next)
		if (strcmp(x->field, field) == 0 && x->data != NULL)
			u = x;
	if (u == NULL)
		return DM_OK;
	if (strcmp(u->type, "application/pdf") != 0)
		return DM_EINPUT;
	if ((st = attachments_store(req, r->id, event_id, field, clerk, 0,
	    NULL)) != DM_OK)
		return st;
	documents_code(code);
	memset(&d, 0, sizeof(d));
	d.request_id = r->id;
	d.account_id = r->account_id;
	d.issued_by = clerk;
	d.sv = sv;
	d.kind = "document";
	/* Named for what it is to the holder, in their language; the
	 * clerk's file name means nothing to them. */
	{
		enum i18n_lang l = mailbox_lang(req, r->account_id);

		d.title = i18n_format(req->arena, l, "document.answer_title",
		    (const char *const[]){ "service", l == I18N_EN &&
		    sv->svc->title_en ? sv->svc->title_en :
		    sv->svc->title_el, NULL });
	}
	d.holder = r->applicant_name;
	d.protocol = r->protocol;
	d.code = code;
	st = documents_record(req, &d, u->data, u->len, doc);
	if (st == DM_OK)
		audit(req, "document_issued", r->account_id, u->filename);
	return st;
}
