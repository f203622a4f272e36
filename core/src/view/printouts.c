/*
 * printouts.c - certificates and receipts laid out for pdf.c.
 * Both carry the state's letterhead of the department they come from
 * (letterhead.c), the protocol number the request was given and the date;
 * a certificate also carries its signatory, the seal inside the PDF and
 * the verification code, and ends with the lines every certificate has.
 */
#include <string.h>

#include "arena.h"
#include "attachments.h"
#include "config.h"
#include "documents.h"
#include "i18n.h"
#include "letterhead.h"
#include "localtime.h"
#include "pades.h"
#include "pdf.h"
#include "plugins.h"
#include "printouts.h"
#include "req.h"
#include "requests.h"
#include "seal.h"
#include "translit.h"

#define RECEIPT_ROWS	64

/* "DD/MM/YYYY" of today in the municipality's time zone. */
static const char *
today(struct dm_req *req)
{
	int y, m, d;

	lt_today(&y, &m, &d);
	return arena_printf(req->arena, "%02d/%02d/%04d", d, m, y);
}

/*
 * The seal inside the PDF (PAdES), when the generation that seals has a
 * certificate: signed in the municipality's name at its seat.
 */
static const struct pdfup_sig *
pdf_seal(struct dm_req *req)
{
	const struct config *c = req->cfg;
	struct pades_key *k = documents_pades();
	struct pdfup_sig *s;

	if (k == NULL)
		return NULL;
	s = arena_zalloc(req->arena, sizeof(*s));
	s->name = c->mun_name_el;
	s->reason = i18n_str(I18N_EL, "pdf.seal.reason");
	s->location = c->mun_place_el && c->mun_place_el[0] ?
	    c->mun_place_el : NULL;
	s->reserve = pades_reserve(k);
	s->sign = pades_sign;
	s->arg = k;
	return s;
}

/* The plugin's tables with columns, their titles in the common style. */
static const struct pdf_table *
cert_tables(struct dm_req *req, const struct dm_certificate *cert)
{
	struct pdf_table *t;

	if (cert->ntables == 0)
		return NULL;
	t = arena_zalloc(req->arena, cert->ntables * sizeof(*t));
	for (size_t i = 0; i < cert->ntables; i++) {
		const struct dm_cert_table *c = &cert->tables[i];

		t[i].title = c->title ? letterhead_upper(req->arena, c->title) :
		    NULL;
		t[i].head = c->columns;
		t[i].ncols = c->ncolumns;
		t[i].widths = c->widths;
		t[i].cells = c->cells;
		t[i].nrows = c->nrows;
	}
	return t;
}

dm_status
printout_certificate(struct dm_req *req, const struct service *sv,
    const char *protocol, const struct dm_certificate *cert,
    const char *code, const char *signer, const char *signer_title,
    unsigned char **pdf, size_t *len)
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
	/* Issued now, not when it was asked for. */
	letterhead_fill(req->arena, c, d->code, d->name_el, today(req), &spec);
	spec.title = cert->title;
	spec.subtitle = cert->subtitle;
	spec.protocol = protocol;
	spec.paragraphs = cert->paragraphs;
	spec.nparagraphs = cert->nparagraphs;
	spec.table_title = cert->table_title ? letterhead_upper(req->arena,
	    cert->table_title) : NULL;
	spec.rows = rows;
	spec.nrows = cert->nrows;
	spec.tables = cert_tables(req, cert);
	spec.ntables = cert->ntables;
	spec.after = letterhead_notes(req->arena, cert->remarks,
	    cert->nremarks, cert->purpose, sv->svc->fee_el, cert->validity,
	    &spec.nafter);
	spec.seal = pdf_seal(req);
	letterhead_signatory(req->arena, c, d->code, signer, signer_title,
	    spec.seal != NULL, &spec.signatory);
	spec.verify_code = code;
	spec.verify_url = arena_printf(req->arena, "%s/verify/%s", c->base_url,
	    norm);
	spec.subject = arena_printf(req->arena, "%s – %s %s",
	    sv->svc->title_el, i18n_str(I18N_EL, "pdf.protocol"), protocol);
	spec.keywords = i18n_format(req->arena, I18N_EL, "pdf.keywords",
	    (const char *const[]){ "type", sv->svc->title_el, "department",
	    d->name_el, "municipality", c->mun_name_el, "protocol", protocol,
	    "code", code, NULL });
	return pdf_render(&spec, pdf, len);
}

dm_status
printout_receipt(struct dm_req *req, const struct service *sv,
    const struct request *r, const struct attachment *files, size_t nfiles,
    unsigned char **pdf, size_t *len)
{
	const struct dm_department *d = sv->plugin->desc->department;
	struct pdf_row *rows = arena_zalloc(req->arena, RECEIPT_ROWS *
	    sizeof(*rows));
	const char *paras[1];
	struct pdf_spec spec;
	size_t n = 0;

	rows[n].label = i18n_str(I18N_EL, "receipt.service");
	rows[n++].value = sv->svc->title_el;
	rows[n].label = i18n_str(I18N_EL, "receipt.department");
	rows[n++].value = d->name_el;
	rows[n].label = i18n_str(I18N_EL, "receipt.applicant");
	rows[n++].value = r->applicant_name;
	if (r->applicant_afm != NULL) {
		rows[n].label = i18n_str(I18N_EL, "f.afm");
		rows[n++].value = r->applicant_afm;
	}
	rows[n].label = i18n_str(I18N_EL, "receipt.submitted");
	rows[n++].value = lt_format(req->arena, r->submitted_at, 1);
	rows[n].label = i18n_str(I18N_EL, "receipt.channel");
	rows[n++].value = i18n_str(I18N_EL, arena_printf(req->arena,
	    "channel.%s", r->channel));
	/* Drawn when asked for, it says what is so then: an open request's
	 * due date, a closed one's end (a certificate issued at once is
	 * completed with its submission, nothing is due). */
	if (r->closed_at != NULL && (RS_BIT(r->status) & RS_OPEN) == 0) {
		rows[n].label = i18n_str(I18N_EL, arena_printf(req->arena,
		    "status.%s", rs_name(r->status)));
		rows[n++].value = lt_format(req->arena, r->closed_at, 1);
	} else if (r->due_date != NULL) {
		rows[n].label = i18n_str(I18N_EL, "receipt.due");
		rows[n++].value = lt_date(req->arena, r->due_date);
	}
	for (size_t i = 0; i < nfiles && n < RECEIPT_ROWS; i++) {
		rows[n].label = i18n_str(I18N_EL, "receipt.file");
		rows[n++].value = arena_printf(req->arena, "%s (%.1f KB)",
		    files[i].filename, (double)files[i].size / 1024.0);
	}
	paras[0] = i18n_format(req->arena, I18N_EL, "receipt.text",
	    (const char *const[]){ "protocol", r->protocol, "time",
	    lt_format(req->arena, r->submitted_at, 1), NULL });
	memset(&spec, 0, sizeof(spec));
	letterhead_fill(req->arena, req->cfg, d->code, d->name_el,
	    lt_format(req->arena, r->submitted_at, 0), &spec);
	letterhead_signatory(req->arena, req->cfg, NULL, NULL, NULL, 0,
	    &spec.signatory);
	spec.title = i18n_str(I18N_EL, "receipt.title");
	spec.subject = arena_printf(req->arena, "%s – %s %s",
	    sv->svc->title_el, i18n_str(I18N_EL, "pdf.protocol"), r->protocol);
	spec.protocol = r->protocol;
	spec.paragraphs = paras;
	spec.nparagraphs = 1;
	spec.rows = rows;
	spec.nrows = n;
	return pdf_render(&spec, pdf, len);
}

/*
 * The plugin's working sheet: the department's letterhead, its title and
 * paragraphs, then its tables (with header cells, as certificates have
 * them) and remarks; no number, seal or signatory of its own.
 */
dm_status
printout_sheet(struct dm_req *req, const struct plugin *p,
    const struct dm_sheet *sh, unsigned char **pdf, size_t *len)
{
	const struct dm_department *d = p->desc->department;
	struct pdf_table *tables = NULL;
	struct pdf_spec spec;
	size_t cells = 0;

	if (sh->title == NULL || sh->title[0] == '\0')
		return DM_EINPUT;
	if (sh->ntables > 0) {
		if (sh->tables == NULL || sh->ntables > PDF_MAX_ITEMS)
			return DM_EINPUT;
		tables = arena_zalloc(req->arena, sh->ntables *
		    sizeof(*tables));
	}
	for (size_t t = 0; t < sh->ntables; t++) {
		const struct dm_sheet_table *tb = &sh->tables[t];

		if (tb->ncolumns < 1 || tb->ncolumns > PDF_MAX_COLS ||
		    tb->columns == NULL || (tb->nrows > 0 && tb->cells ==
		    NULL))
			return DM_EINPUT;
		cells += tb->nrows * tb->ncolumns;
		if (cells > PDF_MAX_ITEMS * PDF_MAX_COLS)
			return DM_ELIMIT;
		tables[t].title = tb->title;
		tables[t].head = tb->columns;
		tables[t].ncols = tb->ncolumns;
		tables[t].widths = tb->widths;
		tables[t].cells = tb->cells;
		tables[t].nrows = tb->nrows;
	}
	memset(&spec, 0, sizeof(spec));
	letterhead_fill(req->arena, req->cfg, d->code, d->name_el, today(req),
	    &spec);
	letterhead_signatory(req->arena, req->cfg, NULL, NULL, NULL, 0,
	    &spec.signatory);
	spec.title = sh->title;
	spec.subtitle = sh->subtitle;
	spec.protocol = "—";
	spec.subject = sh->title;
	spec.paragraphs = sh->paragraphs;
	spec.nparagraphs = sh->nparagraphs;
	spec.tables = tables;
	spec.ntables = sh->ntables;
	spec.after = sh->remarks;
	spec.nafter = sh->nremarks;
	return pdf_render(&spec, pdf, len);
}

const char *
printout_file_name(struct dm_req *req, const char *title,
    const char *protocol, const char *fallback)
{
	const char *stem = translit_slug(req->arena, title ? title : "", 80);
	const char *no = translit_slug(req->arena, protocol ? protocol : "",
	    20);

	if (stem[0] == '\0' && no[0] == '\0')
		return arena_printf(req->arena, "%s.pdf", fallback);
	return arena_printf(req->arena, "%s%s%s.pdf", stem, stem[0] &&
	    no[0] ? "-" : "", no);
}
