/*
 * letterhead.c - the state's header and the signatory of documents.
 * Owns: merging the municipality's [letterhead] with a department's
 * [letterhead.<department>] and the defaults from [municipality].
 */
#include <ctype.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "arena.h"
#include "config.h"
#include "i18n.h"
#include "letterhead.h"

/* A department's value of key, else the municipality's (may be NULL). */
static const char *
lh_get(const struct config *cfg, const char *dept, const char *key,
    const char *municipal)
{
	const char	*v;

	if (dept != NULL && (v = config_letterhead(cfg, dept, key)) != NULL)
		return v;
	return municipal;
}

static int
lh_set(const char *s)
{
	return s != NULL && *s != '\0';
}

/* Appends "line" to a '\n'-separated block (arena). */
static const char *
lh_line(struct arena *a, const char *block, const char *line)
{
	if (!lh_set(line))
		return block;
	if (!lh_set(block))
		return line;
	return arena_printf(a, "%s\n%s", block, line);
}

const char *
letterhead_upper(struct arena *a, const char *s)
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
	char	*out = arena_alloc(a, strlen(s) * 2 + 1);
	size_t	 k = 0, i, n;

	while (*s != '\0') {
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
			n = strlen(map[i].from);
			if (strncmp(s, map[i].from, n) == 0) {
				strcpy(out + k, map[i].to);
				k += strlen(map[i].to);
				s += n;
				break;
			}
		}
		if (i == sizeof(map) / sizeof(map[0]))
			out[k++] = (char)toupper((unsigned char)*s++);
	}
	out[k] = '\0';
	return out;
}

/* The emblem: configured, else the neutral one shipped with the site. */
static const char *
lh_emblem(struct arena *a, const struct config *cfg, const char *dept)
{
	const char	*e, *shipped;

	e = lh_get(cfg, dept, "emblem", cfg->lh_emblem);
	if (lh_set(e))
		return e;
	if (lh_set(cfg->mun_emblem_png))
		return cfg->mun_emblem_png;
	shipped = arena_printf(a, "%s/static/emblem.png", cfg->xslt_dir);
	return access(shipped, R_OK) == 0 ? shipped : NULL;
}

void
letterhead_fill(struct arena *a, const struct config *cfg, const char *dept,
    const char *dept_name, const char *date, struct pdf_spec *spec)
{
	static struct pdf_labels	 labels;
	struct pdf_letterhead		*h = &spec->letterhead;
	const char			*v, *contact = NULL, *phone, *email;

	labels.protocol = i18n_str(I18N_EL, "pdf.protocol");
	labels.page_fmt = i18n_str(I18N_EL, "pdf.page");
	labels.verify = i18n_str(I18N_EL, "pdf.verify");
	labels.code = i18n_str(I18N_EL, "pdf.code");
	spec->labels = &labels;
	spec->lang = "el-GR";
	spec->icc_profile = lh_set(cfg->doc_icc_profile) ?
	    cfg->doc_icc_profile : NULL;

	h->emblem_png = lh_emblem(a, cfg, dept);
	h->state = lh_set(cfg->lh_state) ? cfg->lh_state : NULL;
	h->authority = lh_line(a, lh_line(a, NULL, cfg->lh_region),
	    cfg->lh_regional_unit);
	h->municipality = lh_set(cfg->lh_municipality) ? cfg->lh_municipality :
	    letterhead_upper(a, cfg->mun_name_el);
	v = lh_get(cfg, dept, "department", cfg->lh_department);
	h->units = lh_line(a, lh_line(a, NULL, lh_get(cfg, dept, "directorate",
	    cfg->lh_directorate)), lh_set(v) ? v : dept_name);

	v = lh_get(cfg, dept, "address", cfg->lh_address);
	if (v == NULL)
		v = cfg->mun_address_el;
	if (lh_set(v))
		contact = i18n_format(a, I18N_EL, "pdf.contact.address",
		    (const char *const[]){ "address", v, NULL });
	phone = lh_get(cfg, dept, "phone", cfg->lh_phone);
	if (phone == NULL)
		phone = cfg->mun_phone;
	email = lh_get(cfg, dept, "email", cfg->lh_email);
	if (email == NULL)
		email = cfg->mun_email;
	if (lh_set(phone))
		contact = lh_line(a, contact, i18n_format(a, I18N_EL,
		    "pdf.contact.phone", (const char *const[]){ "phone", phone,
		    NULL }));
	if (lh_set(email))
		contact = lh_line(a, contact, i18n_format(a, I18N_EL,
		    "pdf.contact.email", (const char *const[]){ "email", email,
		    NULL }));
	h->contact = contact;
	spec->dated = lh_set(cfg->mun_place_el) ? i18n_format(a, I18N_EL,
	    "pdf.dated", (const char *const[]){ "place", cfg->mun_place_el,
	    "date", date, NULL }) : date;
}

void
letterhead_signatory(struct arena *a, const struct config *cfg,
    const char *dept, const char *name, const char *title, int sealed,
    struct pdf_signatory *out)
{
	const char	*mandate;
	int		 yes = cfg->lh_mandate;

	memset(out, 0, sizeof(*out));
	if (dept != NULL &&
	    (mandate = config_letterhead(cfg, dept, "mandate")) != NULL)
		config_parse_bool(mandate, &yes);
	if (lh_set(name)) {
		out->name = name;
		out->title = lh_set(title) ? title : NULL;
		out->mandate = yes ? i18n_str(I18N_EL, "pdf.mandate") : NULL;
	} else
		out->automatic = i18n_str(I18N_EL, "pdf.automatic");
	if (sealed)
		out->seal_note = i18n_format(a, I18N_EL, "pdf.seal_note",
		    (const char *const[]){ "basis", cfg->doc_legal_basis,
		    NULL });
}

/* text with its first letter in lower case: it follows a label. */
static const char *
lh_lower_first(struct arena *a, const char *text)
{
	gunichar	 c = g_utf8_get_char(text);
	char		 buf[8];
	int		 n;

	if (!g_unichar_isupper(c))
		return text;
	n = g_unichar_to_utf8(g_unichar_tolower(c), buf);
	/* g_utf8_next_char() casts const away; skip the bytes instead. */
	return arena_printf(a, "%.*s%s", n, buf, text +
	    g_utf8_skip[*(const unsigned char *)text]);
}

const char *const *
letterhead_notes(struct arena *a, const char *const *remarks,
    size_t nremarks, const char *purpose, const char *fee,
    const char *validity, size_t *n)
{
	const char	**v = arena_alloc(a, (nremarks + 3) * sizeof(*v));
	size_t		 k = 0;

	for (size_t i = 0; i < nremarks; i++)
		v[k++] = remarks[i];
	if (lh_set(purpose) && g_utf8_validate(purpose, -1, NULL))
		v[k++] = i18n_format(a, I18N_EL, "pdf.purpose",
		    (const char *const[]){ "purpose", lh_lower_first(a,
		    purpose), NULL });
	v[k++] = lh_set(fee) ? i18n_format(a, I18N_EL, "pdf.fee",
	    (const char *const[]){ "fee", fee, NULL }) :
	    i18n_str(I18N_EL, "pdf.fee_free");
	if (lh_set(validity))
		v[k++] = i18n_format(a, I18N_EL, "pdf.validity",
		    (const char *const[]){ "validity", validity, NULL });
	*n = k;
	return v;
}
