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
	if (r->due_date != NULL) {
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
 * The plugin's working sheet: its tables, each row as one line of the
 * document's table (the first two cells its label, the others its value),
 * under a line naming the table.
 */
dm_status
printout_sheet(struct dm_req *req, const struct plugin *p,
    const struct dm_sheet *sh, unsigned char **pdf, size_t *len)
{
	const struct dm_department *d = p->desc->department;
	struct pdf_spec spec;
	struct pdf_row *rows;
	size_t nrows = 0, n = 0;
	int y, m, dd;

	if (sh->title == NULL || sh->title[0] == '\0')
		return DM_EINPUT;
	for (size_t t = 0; t < sh->ntables; t++) {
		const struct dm_sheet_table *tb = &sh->tables[t];

		if (tb->ncolumns < 1 || tb->ncolumns > 8 || tb->columns ==
		    NULL || (tb->nrows > 0 && tb->cells == NULL))
			return DM_EINPUT;
		nrows += tb->nrows + 1;
		if (nrows > PDF_MAX_ITEMS)
			return DM_ELIMIT;
	}
	rows = arena_zalloc(req->arena, (nrows + 1) * sizeof(*rows));
	for (size_t t = 0; t < sh->ntables; t++) {
		const struct dm_sheet_table *tb = &sh->tables[t];
		const char *head = "";

		for (size_t c = 0; c < tb->ncolumns; c++)
			head = arena_printf(req->arena, "%s%s%s", head, c ?
			    " · " : "", tb->columns[c] ? tb->columns[c] : "");
		rows[n].label = tb->title ? tb->title : "";
		rows[n++].value = head;
		for (size_t r = 0; r < tb->nrows; r++) {
			const char *const *cell = &tb->cells[r *
			    tb->ncolumns];
			const char *label = "", *value = "";

			for (size_t c = 0; c < tb->ncolumns; c++) {
				const char *v = cell[c] ? cell[c] : "";

				if (c < 2)
					label = arena_printf(req->arena,
					    "%s%s%s", label, c ? " " : "", v);
				else if (v[0] != '\0')
					value = arena_printf(req->arena,
					    "%s%s%s", value, value[0] ? "\n" :
					    "", v);
			}
			rows[n].label = label;
			rows[n++].value = value;
		}
	}
	lt_today(&y, &m, &dd);
	memset(&spec, 0, sizeof(spec));
	spec.labels = labels();
	spec.municipality = upper(req, req->cfg->mun_name_el);
	spec.header_lines = arena_printf(req->arena, "%s\n%s", d->name_el,
	    req->cfg->mun_address_el ? req->cfg->mun_address_el : "");
	spec.emblem_png = req->cfg->mun_emblem_png;
	spec.title = sh->title;
	spec.subtitle = sh->subtitle;
	spec.protocol = "—";
	spec.issued_at = arena_printf(req->arena, "%02d/%02d/%04d", dd, m, y);
	spec.place = req->cfg->mun_place_el;
	spec.paragraphs = sh->paragraphs;
	spec.nparagraphs = sh->nparagraphs;
	spec.rows = rows;
	spec.nrows = n;
	spec.after = sh->remarks;
	spec.nafter = sh->nremarks;
	return pdf_render(&spec, pdf, len);
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
