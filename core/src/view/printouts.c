/*
 * printouts.c - certificates and receipts laid out for pdf.c.
 * Both carry the municipality's name in capitals (Greek capitals drop
 * their accents) above its address, and the protocol number the request
 * was given; only a certificate carries a verification code.
 */
#include <ctype.h>
#include <string.h>

#include "attachments.h"
#include "config.h"
#include "i18n.h"
#include "localtime.h"
#include "pdf.h"
#include "plugins.h"
#include "printouts.h"
#include "req.h"
#include "requests.h"
#include "seal.h"

#define RECEIPT_ROWS	64

/* The fixed words, in Greek. */
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

/* ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ from Δήμος Βισαλτίας. */
static const char *
upper(struct dm_req *req, const char *s)
{
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
	size_t k = 0, nmap = sizeof(map) / sizeof(map[0]);

	while (*s) {
		size_t i;

		for (i = 0; i < nmap; i++) {
			size_t n = strlen(map[i].from);

			if (strncmp(s, map[i].from, n) == 0) {
				strcpy(out + k, map[i].to);
				k += strlen(map[i].to);
				s += n;
				break;
			}
		}
		if (i == nmap)
			out[k++] = (char)toupper((unsigned char)*s++);
	}
	out[k] = '\0';
	return out;
}

dm_status
printout_certificate(struct dm_req *req, const struct service *sv,
    const char *protocol, const struct dm_certificate *cert,
    const char *code, const char *signer, unsigned char **pdf, size_t *len)
{
	const struct config *c = req->cfg;
	const struct dm_department *d = sv->plugin->desc->department;
	struct pdf_spec spec;
	struct pdf_row *rows = NULL;
	char norm[SEAL_CODE_LEN + 1];
	int y, m, dd;

	if (seal_code_normalize(code, norm) != DM_OK)
		return DM_EINTERNAL;
	if (cert->nrows > 0) {
		rows = arena_zalloc(req->arena, cert->nrows * sizeof(*rows));
		for (size_t i = 0; i < cert->nrows; i++) {
			rows[i].label = cert->rows[i].label;
			rows[i].value = cert->rows[i].value;
		}
	}
	/* Issued now, not when it was asked for. */
	lt_today(&y, &m, &dd);
	memset(&spec, 0, sizeof(spec));
	spec.labels = labels();
	spec.municipality = upper(req, c->mun_name_el);
	spec.header_lines = arena_printf(req->arena, "%s\n%s", d->name_el,
	    c->mun_address_el ? c->mun_address_el : "");
	spec.emblem_png = c->mun_emblem_png;
	spec.title = cert->title;
	spec.subtitle = cert->subtitle;
	spec.protocol = protocol;
	spec.issued_at = arena_printf(req->arena, "%02d/%02d/%04d", dd, m, y);
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

dm_status
printout_receipt(struct dm_req *req, const struct service *sv,
    const struct request *r, const struct attachment *files, size_t nfiles,
    unsigned char **pdf, size_t *len)
{
	struct pdf_row *rows = arena_zalloc(req->arena, RECEIPT_ROWS *
	    sizeof(*rows));
	const char *paras[1];
	struct pdf_spec spec;
	size_t n = 0;

	rows[n].label = i18n_str(I18N_EL, "receipt.service");
	rows[n++].value = sv->svc->title_el;
	rows[n].label = i18n_str(I18N_EL, "receipt.department");
	rows[n++].value = sv->plugin->desc->department->name_el;
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
	spec.rows = rows;
	spec.nrows = n;
	return pdf_render(&spec, pdf, len);
}
