/*
 * pdf.c - A4 certificates and receipts as PDF, rendered with Cairo + Pango.
 * Owns: page layout (the letterhead, tables, the signatory and the
 * verification block), the structure tags, the QR code, and the
 * process-wide cache of fonts, emblem, ICC profile and constant layouts.
 * The archival metadata and the seal go into an incremental update
 * (pdfupdate.c) appended to what Cairo writes.
 */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <zlib.h>

#include "log.h"
#include "pdf.h"

/*
 * Units: everything below is in PDF points (1/72 in), y growing downwards.
 * The Pango context runs at 72 dpi so that a 10 pt font is 10 units tall.
 */
#define PDF_MM(x)	((x) * 72.0 / 25.4)
#define PDF_PAGE_W	PDF_MM(210.0)
#define PDF_PAGE_H	PDF_MM(297.0)
#define PDF_LEFT	PDF_MM(20.0)
#define PDF_RIGHT	(PDF_PAGE_W - PDF_MM(20.0))
#define PDF_WIDTH	(PDF_RIGHT - PDF_LEFT)
#define PDF_TOP		PDF_MM(12.0)
#define PDF_BOTTOM	(PDF_PAGE_H - PDF_MM(12.0))	/* footer text ends */

#define PDF_EMBLEM_H	PDF_MM(13.0)
#define PDF_EMBLEM_DPI	200.0	/* the cached emblem is scaled down to this */
#define PDF_HEAD_W	PDF_MM(92.0)	/* the letterhead's column */
#define PDF_STAMP_W	PDF_MM(62.0)	/* place, date, protocol: top right */
#define PDF_LABEL_W	(PDF_WIDTH * 0.36)	/* label column of rows */
#define PDF_CELL_PADX	PDF_MM(2.0)
#define PDF_CELL_PADY	PDF_MM(1.3)
#define PDF_FOOT_SIDE	(PDF_WIDTH * 0.28)	/* footer left and right */
#define PDF_SIGN_W	PDF_MM(78.0)	/* the signatory, bottom right */
#define PDF_QR_SIDE	PDF_MM(26.0)	/* the whole symbol with quiet zone */
#define PDF_QR_QUIET	4	/* modules, as ISO/IEC 18004 asks */
#define PDF_HAIR	0.6	/* width of rules */
#define PDF_HEAD_RULE	PDF_MM(2.5)	/* header text to its rule */
#define PDF_HEAD_GAP	PDF_MM(6.0)	/* that rule to the body */
#define PDF_FOOT_RULE	PDF_MM(2.0)	/* footer rule to footer text */
#define PDF_FOOT_GAP	PDF_MM(6.0)	/* body to the footer rule */
#define PDF_EPS		0.01
#define PDF_NO_ELEM	(-1)
#define PDF_TAG_DEPTH	8
#define PDF_LAYOUT_CACHE 64

enum pdf_font {
	PDF_F_STATE,		/* ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ, column headings */
	PDF_F_LH,		/* authority, units, seal note */
	PDF_F_MUNI,		/* the municipality */
	PDF_F_SMALL,		/* contact, footer, URL */
	PDF_F_STAMP,		/* date and protocol, row labels, signatory */
	PDF_F_TITLE,
	PDF_F_SUBTITLE,
	PDF_F_BODY,		/* paragraphs */
	PDF_F_VALUE,		/* row values, remarks */
	PDF_F_CELL,		/* cells of tables with columns */
	PDF_F_STRONG,		/* table titles, the signer's name */
	PDF_F_CODE,		/* the verification code */
	PDF_F__MAX
};

/*
 * Three faces only (Sans, Sans Bold, Serif): every face costs a font
 * subset in every document, which dominates the rendering time. Sizes
 * cost nothing.
 */
static const char *const pdf_font_names[PDF_F__MAX] = {
	[PDF_F_STATE] = "Noto Sans Bold 8.5",
	[PDF_F_LH] = "Noto Sans 8",
	[PDF_F_MUNI] = "Noto Sans Bold 10.5",
	[PDF_F_SMALL] = "Noto Sans 7.5",
	[PDF_F_STAMP] = "Noto Sans 9",
	[PDF_F_TITLE] = "Noto Sans Bold 14",
	[PDF_F_SUBTITLE] = "Noto Sans 11",
	[PDF_F_BODY] = "Noto Sans 10.5",
	[PDF_F_VALUE] = "Noto Sans 10",
	[PDF_F_CELL] = "Noto Sans 9",
	[PDF_F_STRONG] = "Noto Sans Bold 10",
	[PDF_F_CODE] = "Noto Sans Bold 11.5",
};

/* A layout kept across documents: text that recurs (letterhead, labels). */
struct pdf_kept {
	enum pdf_font	 font;
	int		 width;		/* Pango units */
	PangoAlignment	 align;
	char		*text;
	PangoLayout	*layout;
};

/*
 * Process-wide cache: creating a font map costs milliseconds (fontconfig
 * matching, face loading), so it lives until pdf_cleanup(). The emblem and
 * the ICC profile are keyed by path and revalidated by stat() so a
 * replaced file is noticed. Shaping the same letterhead for every
 * document would cost a good part of a millisecond, so layouts of
 * recurring text are kept too (read-only once made).
 */
static struct {
	PangoFontMap		*fontmap;
	PangoContext		*ctx;
	PangoFontDescription	*fonts[PDF_F__MAX];
	PangoAttrList		*nohyphen;
	char			*emblem_path;
	struct stat		 emblem_sb;
	cairo_surface_t		*emblem;
	char			*icc_path;
	struct stat		 icc_sb;
	unsigned char		*icc_data;
	struct pdfup_icc	 icc;
	struct pdf_kept		 kept[PDF_LAYOUT_CACHE];
	size_t			 nkept;
} pdf_cache;

enum pdf_op_kind {
	PDF_OP_TEXT,		/* one line of a layout; y is its baseline */
	PDF_OP_FILL,		/* rectangle x, y, w, h */
	PDF_OP_RULE,		/* segment from x, y to x + w, y + h */
	PDF_OP_QR		/* the QR code in the square x, y, w */
};

/* One drawing operation, fixed on a page by the layout pass. */
struct pdf_op {
	enum pdf_op_kind	 kind;
	int			 page;
	int			 elem;	/* TEXT: structure element or none */
	double			 x, y, w, h;
	double			 gray;	/* 0 black, 1 white */
	PangoLayoutLine		*line;	/* TEXT: owned by a layout in doc
					   or in the cache */
};

/*
 * A structure element (ISO 32000-1 14.8.4): a tag, its parent (or none
 * for a child of the Document), and Cairo's attributes (a link's URI).
 * An element is opened and closed around its text on each page, so one
 * that continues on the next page is two elements there.
 */
struct pdf_elem {
	const char	*tag;
	int		 parent;
	char		*attrs;
};

/* One rendering: layout results that the drawing pass replays per page. */
struct pdf_doc {
	const struct pdf_spec	*spec;
	cairo_surface_t		*emblem;	/* borrowed from pdf_cache */
	double			 emblem_scale, emblem_x;
	double			 top1, top, bottom; /* body: page 1, others */
	double			 head_rule1, head_rule, foot_rule, footer_y;
	PangoLayout		*run_left, *run_right; /* pages 2.. header */
	PangoLayout		*foot_left, *foot_mid, *foot_right;
	QRcode			*qr;
	char			*qr_link;	/* Cairo link attributes */

	int			 page;		/* layout cursor */
	double			 y;
	int			 elem;		/* for the ops placed now */
	int			 row_page;	/* where the last row ended */
	double			 row_end;

	struct pdf_op		*ops;
	size_t			 nops, capops;
	struct pdf_elem		*elems;
	size_t			 nelems, capelems;
	PangoLayout		**layouts;	/* owned, unref'd at the end */
	size_t			 nlayouts, caplayouts;
};

static void *
pdf_grow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t	 n;

	if (need <= *cap)
		return p;
	n = *cap ? *cap : 16;
	while (n < need)
		n *= 2;
	if ((p = reallocarray(p, n, size)) == NULL)
		log_fatal("out of memory");
	*cap = n;
	return p;
}

static void
pdf_cache_init(void)
{
	cairo_font_options_t	*fo;
	PangoFontMap		*fm;
	int			 i;

	if (pdf_cache.ctx != NULL)
		return;
	fm = pango_cairo_font_map_new();
	pdf_cache.fontmap = fm;
	pdf_cache.ctx = pango_font_map_create_context(fm);
	pango_cairo_context_set_resolution(pdf_cache.ctx, 72.0);

	/* Vector output: unhinted outlines and exact advances. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(pdf_cache.ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(pdf_cache.ctx, FALSE);
	pango_context_set_language(pdf_cache.ctx,
	    pango_language_from_string("el"));

	for (i = 0; i < PDF_F__MAX; i++)
		pdf_cache.fonts[i] =
		    pango_font_description_from_string(pdf_font_names[i]);

	/* A hyphen inserted into a URL or a code would change it. */
	pdf_cache.nohyphen = pango_attr_list_new();
	pango_attr_list_insert(pdf_cache.nohyphen,
	    pango_attr_insert_hyphens_new(FALSE));
}

static void
pdf_kept_clear(void)
{
	size_t	 i;

	for (i = 0; i < pdf_cache.nkept; i++) {
		g_free(pdf_cache.kept[i].text);
		g_object_unref(pdf_cache.kept[i].layout);
	}
	pdf_cache.nkept = 0;
}

/*
 * Exit-time only. Pango loads fontconfig's global configuration, which
 * only FcFini() releases (valgrind and LeakSanitizer report it as lost
 * otherwise), and FcFini() requires that nobody holds fontconfig patterns,
 * so Cairo's font caches go first. The core links fontconfig only through
 * Cairo and Pango, hence the lookup by name.
 */
static void
pdf_fontconfig_fini(void)
{
	void	*sym;

	cairo_debug_reset_static_data();
	if ((sym = dlsym(RTLD_DEFAULT, "FcFini")) != NULL)
		((void (*)(void))(uintptr_t)sym)();
}

void
pdf_cleanup(void)
{
	int	 i;
	int	 used = pdf_cache.ctx != NULL;

	pdf_kept_clear();
	for (i = 0; i < PDF_F__MAX; i++)
		if (pdf_cache.fonts[i] != NULL)
			pango_font_description_free(pdf_cache.fonts[i]);
	if (pdf_cache.nohyphen != NULL)
		pango_attr_list_unref(pdf_cache.nohyphen);
	if (pdf_cache.ctx != NULL)
		g_object_unref(pdf_cache.ctx);
	if (pdf_cache.fontmap != NULL)
		g_object_unref(pdf_cache.fontmap);
	if (pdf_cache.emblem != NULL)
		cairo_surface_destroy(pdf_cache.emblem);
	free(pdf_cache.emblem_path);
	free(pdf_cache.icc_path);
	free(pdf_cache.icc_data);
	memset(&pdf_cache, 0, sizeof(pdf_cache));
	if (used)
		pdf_fontconfig_fini();
}

/*
 * Returns img flattened onto white and reduced to at most PDF_EMBLEM_DPI
 * at its printed size; consumes img. Cairo deflates the emblem into every
 * document, so fewer pixels and no alpha channel (which would become a
 * second, soft-mask image) matter. The header is blank paper, so the
 * result looks the same.
 */
static cairo_surface_t *
pdf_emblem_prepare(cairo_surface_t *img)
{
	cairo_surface_t	*flat;
	cairo_t		*cr;
	double		 s;
	int		 w, h;

	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	s = fmin(1.0, PDF_EMBLEM_H / 72.0 * PDF_EMBLEM_DPI / h);
	flat = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)fmax(1.0, ceil(w * s)), (int)fmax(1.0, ceil(h * s)));
	cr = cairo_create(flat);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, s, s);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_destroy(cr);
	if (cairo_surface_status(flat) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(flat);
		return img;
	}
	cairo_surface_destroy(img);
	return flat;
}

static cairo_status_t
pdf_emblem_read(void *closure, unsigned char *data, unsigned int len)
{
	return fread(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_READ_ERROR;
}

static int
pdf_emblem_same(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino &&
	    a->st_size == b->st_size &&
	    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
	    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/*
 * The decoded emblem at path, borrowed from the cache. A stat() per call
 * notices a replaced file. Cairo reports a malformed PNG as "out of
 * memory", so the signature is checked here first and any decoding
 * failure counts as bad input.
 */
static dm_status
pdf_emblem_get(const char *path, cairo_surface_t **out)
{
	static const unsigned char	 sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	unsigned char			 head[8];
	struct stat			 sb;
	cairo_surface_t			*img = NULL;
	cairo_status_t			 cs;
	FILE				*f = NULL;
	int				 err;
	dm_status			 st = DM_EINPUT;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		err = errno;
		log_error("pdf: emblem %s: %s", path, strerror(err));
		return err == ENOENT || err == ENOTDIR ? DM_ENOTFOUND :
		    DM_EINPUT;
	}
	if (pdf_cache.emblem != NULL &&
	    strcmp(pdf_cache.emblem_path, path) == 0 &&
	    pdf_emblem_same(&pdf_cache.emblem_sb, &sb)) {
		*out = pdf_cache.emblem;
		return DM_OK;
	}
	if ((f = fopen(path, "rbe")) == NULL) {
		err = errno;
		log_error("pdf: emblem %s: %s", path, strerror(err));
		st = err == ENOENT ? DM_ENOTFOUND : DM_EINPUT;
		goto out;
	}
	if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    fread(head, 1, sizeof(head), f) != sizeof(head) ||
	    memcmp(head, sig, sizeof(sig)) != 0 || fseek(f, 0, SEEK_SET) != 0) {
		log_error("pdf: emblem %s is not a PNG file", path);
		goto out;
	}
	img = cairo_image_surface_create_from_png_stream(pdf_emblem_read, f);
	if ((cs = cairo_surface_status(img)) != CAIRO_STATUS_SUCCESS) {
		log_error("pdf: emblem %s: cannot decode the PNG (%s)", path,
		    cairo_status_to_string(cs));
		goto out;
	}
	img = pdf_emblem_prepare(img);
	if (pdf_cache.emblem != NULL)
		cairo_surface_destroy(pdf_cache.emblem);
	free(pdf_cache.emblem_path);
	if ((pdf_cache.emblem_path = strdup(path)) == NULL)
		log_fatal("out of memory");
	pdf_cache.emblem = img;
	pdf_cache.emblem_sb = sb;
	img = NULL;
	*out = pdf_cache.emblem;
	st = DM_OK;
out:
	if (img != NULL)
		cairo_surface_destroy(img);
	if (f != NULL)
		fclose(f);
	return st;
}

#define PDF_ICC_MAX	(1 << 20)	/* an sRGB profile is a few KB */

/*
 * The ICC profile at path, deflated, borrowed from the cache. It must be
 * an RGB display or output profile: the content is DeviceRGB and
 * DeviceGray, which PDF/A-2 accepts under an RGB output intent.
 */
static dm_status
pdf_icc_get(const char *path, const struct pdfup_icc **out)
{
	struct stat	 sb;
	unsigned char	*raw = NULL, *z = NULL;
	const char	*base;
	uLongf		 zlen;
	FILE		*f = NULL;
	int		 err;
	dm_status	 st = DM_EINPUT;

	*out = NULL;
	if (stat(path, &sb) != 0) {
		err = errno;
		log_error("pdf: ICC profile %s: %s", path, strerror(err));
		return err == ENOENT || err == ENOTDIR ? DM_ENOTFOUND :
		    DM_EINPUT;
	}
	if (pdf_cache.icc_data != NULL &&
	    strcmp(pdf_cache.icc_path, path) == 0 &&
	    pdf_emblem_same(&pdf_cache.icc_sb, &sb)) {
		*out = &pdf_cache.icc;
		return DM_OK;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size < 132 ||
	    sb.st_size > PDF_ICC_MAX) {
		log_error("pdf: %s is not an ICC profile (size %lld)", path,
		    (long long)sb.st_size);
		return DM_EINPUT;
	}
	if ((raw = malloc((size_t)sb.st_size)) == NULL)
		log_fatal("out of memory");
	if ((f = fopen(path, "rbe")) == NULL ||
	    fread(raw, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size) {
		log_error("pdf: cannot read %s: %s", path, strerror(errno));
		goto out;
	}
	/* ICC.1: "acsp" at 36, the data colour space at 16. */
	if (memcmp(raw + 36, "acsp", 4) != 0 || memcmp(raw + 16, "RGB ", 4) !=
	    0) {
		log_error("pdf: %s is not an RGB ICC profile", path);
		goto out;
	}
	zlen = compressBound((uLong)sb.st_size);
	if ((z = malloc(zlen)) == NULL)
		log_fatal("out of memory");
	if (compress2(z, &zlen, raw, (uLong)sb.st_size, 9) != Z_OK) {
		log_error("pdf: cannot deflate %s", path);
		st = DM_EINTERNAL;
		goto out;
	}
	free(pdf_cache.icc_path);
	free(pdf_cache.icc_data);
	if ((pdf_cache.icc_path = strdup(path)) == NULL)
		log_fatal("out of memory");
	pdf_cache.icc_data = z;
	pdf_cache.icc_sb = sb;
	pdf_cache.icc.deflated = z;
	pdf_cache.icc.len = zlen;
	pdf_cache.icc.ncomp = 3;
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	pdf_cache.icc.name = strncasecmp(base, "srgb", 4) == 0 ?
	    "sRGB IEC61966-2.1" : "RGB";
	z = NULL;
	*out = &pdf_cache.icc;
	st = DM_OK;
out:
	if (f != NULL)
		fclose(f);
	free(raw);
	free(z);
	return st;
}

/* DM_OK if s is acceptable: present when required, bounded, valid UTF-8. */
static dm_status
pdf_check_text(const char *s, int required)
{
	size_t	 n;

	if (s == NULL)
		return required ? DM_EINPUT : DM_OK;
	if ((n = strnlen(s, PDF_MAX_TEXT + 1)) > PDF_MAX_TEXT)
		return DM_ELIMIT;
	return g_utf8_validate(s, (gssize)n, NULL) ? DM_OK : DM_EINPUT;
}

static dm_status
pdf_check_list(const char *const *v, size_t n)
{
	dm_status	 st;
	size_t		 i;

	if (n > PDF_MAX_ITEMS)
		return DM_ELIMIT;
	if (n > 0 && v == NULL)
		return DM_EINPUT;
	for (i = 0; i < n; i++)
		if ((st = pdf_check_text(v[i], 1)) != DM_OK)
			return st;
	return DM_OK;
}

/* Exactly two "%d"; any other '%' must be "%%". */
static dm_status
pdf_check_fmt(const char *fmt)
{
	int	 nd = 0;

	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%')
			continue;
		fmt++;
		if (*fmt == 'd')
			nd++;
		else if (*fmt != '%')
			return DM_EINPUT;
	}
	return nd == 2 ? DM_OK : DM_EINPUT;
}

static dm_status
pdf_check_table(const struct pdf_table *t)
{
	dm_status	 st;
	size_t		 i;

	if (t->ncols == 0 || t->head == NULL)
		return DM_EINPUT;
	if (t->ncols > PDF_MAX_COLS || t->nrows > PDF_MAX_ITEMS ||
	    t->nrows * t->ncols > PDF_MAX_ITEMS)
		return DM_ELIMIT;
	if (t->nrows > 0 && t->cells == NULL)
		return DM_EINPUT;
	if ((st = pdf_check_text(t->title, 0)) != DM_OK ||
	    (st = pdf_check_list(t->head, t->ncols)) != DM_OK)
		return st;
	for (i = 0; i < t->ncols; i++)
		if (t->widths != NULL && !(t->widths[i] > 0.0 &&
		    t->widths[i] < 1000.0))
			return DM_EINPUT;
	for (i = 0; i < t->nrows * t->ncols; i++)
		if ((st = pdf_check_text(t->cells[i], 0)) != DM_OK)
			return st;
	return DM_OK;
}

/* A language tag as BCP 47 spells it: letters, digits and '-'. */
static int
pdf_lang_ok(const char *s)
{
	size_t	 n = 0;

	for (; s[n] != '\0'; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' &&
		    s[n] <= 'Z') || (s[n] >= '0' && s[n] <= '9') ||
		    s[n] == '-') || n > 35)
			return 0;
	return n >= 2;
}

static dm_status
pdf_check(const struct pdf_spec *s)
{
	const struct pdf_labels		*l = s->labels;
	const struct pdf_letterhead	*h = &s->letterhead;
	const struct pdf_signatory	*g = &s->signatory;
	dm_status			 st;
	size_t				 i;

	if (l == NULL)
		return DM_EINPUT;
	if ((st = pdf_check_text(l->protocol, 1)) != DM_OK ||
	    (st = pdf_check_text(l->page_fmt, 1)) != DM_OK ||
	    (st = pdf_check_text(l->verify, 1)) != DM_OK ||
	    (st = pdf_check_text(l->code, 1)) != DM_OK ||
	    (st = pdf_check_fmt(l->page_fmt)) != DM_OK)
		return st;
	if ((st = pdf_check_text(h->state, 0)) != DM_OK ||
	    (st = pdf_check_text(h->authority, 0)) != DM_OK ||
	    (st = pdf_check_text(h->municipality, 1)) != DM_OK ||
	    (st = pdf_check_text(h->units, 0)) != DM_OK ||
	    (st = pdf_check_text(h->contact, 0)) != DM_OK)
		return st;
	if ((st = pdf_check_text(g->mandate, 0)) != DM_OK ||
	    (st = pdf_check_text(g->title, 0)) != DM_OK ||
	    (st = pdf_check_text(g->name, 0)) != DM_OK ||
	    (st = pdf_check_text(g->automatic, g->name == NULL)) != DM_OK ||
	    (st = pdf_check_text(g->seal_note, 0)) != DM_OK)
		return st;
	if ((st = pdf_check_text(s->title, 1)) != DM_OK ||
	    (st = pdf_check_text(s->subtitle, 0)) != DM_OK ||
	    (st = pdf_check_text(s->protocol, 1)) != DM_OK ||
	    (st = pdf_check_text(s->dated, 1)) != DM_OK ||
	    (st = pdf_check_text(s->table_title, 0)) != DM_OK ||
	    (st = pdf_check_text(s->verify_code, 0)) != DM_OK ||
	    (st = pdf_check_text(s->verify_url, 0)) != DM_OK ||
	    (st = pdf_check_text(s->subject, 0)) != DM_OK ||
	    (st = pdf_check_text(s->keywords, 0)) != DM_OK)
		return st;
	if ((s->verify_code == NULL) != (s->verify_url == NULL))
		return DM_EINPUT;
	if ((h->emblem_png != NULL && *h->emblem_png == '\0') ||
	    (s->icc_profile != NULL && *s->icc_profile == '\0') ||
	    (s->lang != NULL && !pdf_lang_ok(s->lang)))
		return DM_EINPUT;
	if ((st = pdf_check_list(s->paragraphs, s->nparagraphs)) != DM_OK ||
	    (st = pdf_check_list(s->after, s->nafter)) != DM_OK)
		return st;
	if (s->nrows > PDF_MAX_ITEMS || s->ntables > PDF_MAX_ITEMS)
		return DM_ELIMIT;
	if ((s->nrows > 0 && s->rows == NULL) ||
	    (s->ntables > 0 && s->tables == NULL))
		return DM_EINPUT;
	for (i = 0; i < s->nrows; i++)
		if ((st = pdf_check_text(s->rows[i].label, 1)) != DM_OK ||
		    (st = pdf_check_text(s->rows[i].value, 0)) != DM_OK)
			return st;
	for (i = 0; i < s->ntables; i++)
		if ((st = pdf_check_table(&s->tables[i])) != DM_OK)
			return st;
	return DM_OK;
}

/* "Σελίδα %d από %d" with n and m; fmt was checked by pdf_check_fmt. */
static char *
pdf_page_text(const char *fmt, int n, int m)
{
	GString	*s;
	int	 k = 0;

	s = g_string_sized_new(strlen(fmt) + 16);
	for (; *fmt != '\0'; fmt++) {
		if (*fmt != '%') {
			g_string_append_c(s, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == 'd')
			g_string_append_printf(s, "%d", k++ == 0 ? n : m);
		else
			g_string_append_c(s, '%');
	}
	return g_string_free(s, FALSE);
}

static PangoLayout *
pdf_layout_new(enum pdf_font f, const char *text, double width,
    PangoAlignment align)
{
	PangoLayout	*l;

	l = pango_layout_new(pdf_cache.ctx);
	pango_layout_set_font_description(l, pdf_cache.fonts[f]);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, pango_units_from_double(width));
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text != NULL ? text : "", -1);
	return l;
}

/*
 * A new layout of text (plain text, never markup) wrapped at width; doc
 * owns it. Long words break between characters rather than overflow.
 */
static PangoLayout *
pdf_text(struct pdf_doc *doc, enum pdf_font f, const char *text,
    double width, PangoAlignment align)
{
	PangoLayout	*l;

	l = pdf_layout_new(f, text, width, align);
	doc->layouts = pdf_grow(doc->layouts, &doc->caplayouts,
	    doc->nlayouts + 1, sizeof(*doc->layouts));
	doc->layouts[doc->nlayouts++] = l;
	return l;
}

/*
 * Like pdf_text() for text that recurs from document to document (the
 * letterhead, labels, the signatory): the layout, shaped once, comes from
 * the cache, which owns it. It must not be changed.
 */
static PangoLayout *
pdf_kept(struct pdf_doc *doc, enum pdf_font f, const char *text,
    double width, PangoAlignment align)
{
	struct pdf_kept	*k;
	int		 w = pango_units_from_double(width);
	size_t		 i;

	if (text == NULL)
		text = "";
	for (i = 0; i < pdf_cache.nkept; i++) {
		k = &pdf_cache.kept[i];
		if (k->font == f && k->width == w && k->align == align &&
		    strcmp(k->text, text) == 0)
			return k->layout;
	}
	if (pdf_cache.nkept == PDF_LAYOUT_CACHE)
		return pdf_text(doc, f, text, width, align);
	k = &pdf_cache.kept[pdf_cache.nkept++];
	k->font = f;
	k->width = w;
	k->align = align;
	k->text = g_strdup(text);
	k->layout = pdf_layout_new(f, text, width, align);
	return k->layout;
}

/*
 * Keeps the last two words of each paragraph of l's text together: no
 * line break is allowed from the space before the last word on, so the
 * last line of a wrapped text never holds a single word. For running text
 * only: in a narrow column two words may not fit a line, and Pango would
 * then break before the space. The text itself is unchanged (a no-break
 * space would change what is copied or searched).
 */
static void
pdf_nobreak(PangoLayout *l)
{
	const char	*text = pango_layout_get_text(l), *p, *seg, *end;
	const char	*sp;
	PangoAttrList	*attrs = NULL;
	PangoAttribute	*a;

	for (seg = text; *seg != '\0'; seg = *end ? end + 1 : end) {
		end = strchr(seg, '\n');
		if (end == NULL)
			end = seg + strlen(seg);
		sp = NULL;
		for (p = seg; p < end; p++)
			if (*p == ' ' && p > seg && p[-1] != ' ' &&
			    p + 1 < end && p[1] != ' ')
				sp = p;
		if (sp == NULL || end - sp > 48)
			continue;
		if (attrs == NULL)
			attrs = pango_attr_list_new();
		a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)(sp - text);
		a->end_index = (guint)(end - text);
		pango_attr_list_insert(attrs, a);
	}
	if (attrs != NULL) {
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
}

/* pdf_text() of running text: justified or not, no lone last word. */
static PangoLayout *
pdf_prose(struct pdf_doc *doc, enum pdf_font f, const char *text,
    double width, int justify)
{
	PangoLayout	*l;

	l = pdf_text(doc, f, text != NULL ? text : "", width,
	    PANGO_ALIGN_LEFT);
	pdf_nobreak(l);
	if (justify)
		pango_layout_set_justify(l, TRUE);
	return l;
}

/* A layout of "label: value". */
static PangoLayout *
pdf_text_pair(struct pdf_doc *doc, enum pdf_font f, const char *label,
    const char *value, double width, PangoAlignment align)
{
	PangoLayout	*l;
	char		*s;

	s = g_strconcat(label, ": ", value, NULL);
	l = pdf_text(doc, f, s, width, align);
	g_free(s);
	return l;
}

static double
pdf_height(PangoLayout *l)
{
	PangoRectangle	 r;

	pango_layout_get_extents(l, NULL, &r);
	return (double)r.height / PANGO_SCALE;
}

/* The footer has room for one line: cut rather than overflow. */
static void
pdf_one_line(PangoLayout *l)
{
	pango_layout_set_single_paragraph_mode(l, TRUE);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
}

/* A structure element; its index. attrs is copied. */
static int
pdf_elem(struct pdf_doc *doc, const char *tag, int parent, const char *attrs)
{
	struct pdf_elem	*e;

	doc->elems = pdf_grow(doc->elems, &doc->capelems, doc->nelems + 1,
	    sizeof(*doc->elems));
	e = &doc->elems[doc->nelems];
	e->tag = tag;
	e->parent = parent;
	e->attrs = attrs != NULL ? g_strdup(attrs) : NULL;
	return (int)doc->nelems++;
}

/* Sets the element of the text placed from now on; returns it. */
static int
pdf_tag(struct pdf_doc *doc, const char *tag, int parent)
{
	return doc->elem = pdf_elem(doc, tag, parent, NULL);
}

/* Cairo's attribute string for a link to url: uri='...' with escapes. */
static char *
pdf_link_attrs(const char *url)
{
	GString	*s;

	s = g_string_new("uri='");
	for (; *url != '\0'; url++) {
		if (*url == '\'' || *url == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *url);
	}
	g_string_append_c(s, '\'');
	return g_string_free(s, FALSE);
}

static struct pdf_op *
pdf_op(struct pdf_doc *doc, enum pdf_op_kind kind, int page)
{
	struct pdf_op	*op;

	doc->ops = pdf_grow(doc->ops, &doc->capops, doc->nops + 1,
	    sizeof(*doc->ops));
	op = &doc->ops[doc->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->page = page;
	op->elem = PDF_NO_ELEM;
	return op;
}

static void
pdf_fill(struct pdf_doc *doc, int page, double x, double y, double w,
    double h, double gray)
{
	struct pdf_op	*op;

	op = pdf_op(doc, PDF_OP_FILL, page);
	op->x = x;
	op->y = y;
	op->w = w;
	op->h = h;
	op->gray = gray;
}

static void
pdf_rule(struct pdf_doc *doc, int page, double x, double y, double w,
    double h, double gray)
{
	struct pdf_op	*op;

	op = pdf_op(doc, PDF_OP_RULE, page);
	op->x = x;
	op->y = y;
	op->w = w;
	op->h = h;
	op->gray = gray;
}

/* The top of the body on page p: page 1 has the full letterhead. */
static double
pdf_top(const struct pdf_doc *doc, int page)
{
	return page == 0 ? doc->top1 : doc->top;
}

static dm_status
pdf_next_page(struct pdf_doc *doc, int *page, double *y)
{
	if (*page + 1 >= PDF_MAX_PAGES)
		return DM_ELIMIT;
	(*page)++;
	*y = doc->top;
	return DM_OK;
}

/* Is the page of the layout cursor still empty? */
static int
pdf_fresh(const struct pdf_doc *doc)
{
	return doc->y <= pdf_top(doc, doc->page) + PDF_EPS;
}

/* Starts a new page unless h more points fit or the page is still empty. */
static dm_status
pdf_need(struct pdf_doc *doc, double h)
{
	if (doc->y + h <= doc->bottom || pdf_fresh(doc))
		return DM_OK;
	return pdf_next_page(doc, &doc->page, &doc->y);
}

/* Vertical space, except at the top of a page where it would be wasted. */
static void
pdf_gap(struct pdf_doc *doc, double h)
{
	if (!pdf_fresh(doc))
		doc->y += h;
}

/*
 * Places the lines of l with its left edge at x, starting at (*page, *y)
 * and moving on to following pages between lines; a line never straddles
 * a page. On return (*page, *y) is just below the last line. The lines
 * belong to the element doc->elem.
 */
static dm_status
pdf_place(struct pdf_doc *doc, PangoLayout *l, double x, double gray,
    int *page, double *y)
{
	PangoLayoutIter	*it;
	PangoRectangle	 r;
	struct pdf_op	*op;
	double		 origin, top, bot;
	dm_status	 st = DM_OK;

	origin = *y;	/* page y of the layout's y = 0 */
	it = pango_layout_get_iter(l);
	do {
		pango_layout_iter_get_line_extents(it, NULL, &r);
		top = (double)r.y / PANGO_SCALE;
		bot = (double)(r.y + r.height) / PANGO_SCALE;
		if (origin + bot > doc->bottom &&
		    origin + top > pdf_top(doc, *page) + PDF_EPS) {
			if ((st = pdf_next_page(doc, page, y)) != DM_OK)
				goto out;
			origin = doc->top - top;
		}
		op = pdf_op(doc, PDF_OP_TEXT, *page);
		op->elem = doc->elem;
		op->x = x + (double)r.x / PANGO_SCALE;
		op->y = origin + (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		op->gray = gray;
		op->line = pango_layout_iter_get_line_readonly(it);
		*y = origin + bot;
	} while (pango_layout_iter_next_line(it));
out:
	pango_layout_iter_free(it);
	return st;
}

/* Places l at the layout cursor, full-flow. */
static dm_status
pdf_flow(struct pdf_doc *doc, PangoLayout *l, double x)
{
	return pdf_place(doc, l, x, 0.0, &doc->page, &doc->y);
}

/* Places a letterhead part centred in the letterhead's column, as a P. */
static dm_status
pdf_head_part(struct pdf_doc *doc, enum pdf_font f, const char *text,
    double *y)
{
	PangoLayout	*l;
	int		 p = 0;

	if (text == NULL || *text == '\0')
		return DM_OK;
	l = pdf_kept(doc, f, text, PDF_HEAD_W, PANGO_ALIGN_CENTER);
	pdf_tag(doc, "P", PDF_NO_ELEM);
	return pdf_place(doc, l, PDF_LEFT, 0.0, &p, y);
}

/*
 * Page 1: the letterhead in a column at the left, each part centred
 * (emblem, state, authority, municipality, units), the contact lines
 * under it, left aligned, and at the right the place and date and the
 * protocol number. Later pages: the municipality and the protocol on one
 * line. The footer (protocol, code, page) is on every page. Together they
 * fix the body area.
 */
static dm_status
pdf_layout_frame(struct pdf_doc *doc)
{
	const struct pdf_spec		*s = doc->spec;
	const struct pdf_letterhead	*h = &s->letterhead;
	const struct pdf_labels		*lb = s->labels;
	PangoLayout			*l;
	double				 y, ys, ew, eh;
	int				 p = 0;
	char				*t;
	dm_status			 st;

	doc->foot_left = pdf_text_pair(doc, PDF_F_SMALL, lb->protocol,
	    s->protocol, PDF_FOOT_SIDE, PANGO_ALIGN_LEFT);
	doc->foot_right = pdf_text(doc, PDF_F_SMALL, "", PDF_FOOT_SIDE,
	    PANGO_ALIGN_RIGHT);
	if (s->verify_code != NULL)
		doc->foot_mid = pdf_text_pair(doc, PDF_F_SMALL, lb->code,
		    s->verify_code, PDF_WIDTH - 2 * PDF_FOOT_SIDE,
		    PANGO_ALIGN_CENTER);
	pdf_one_line(doc->foot_left);
	pdf_one_line(doc->foot_right);
	if (doc->foot_mid != NULL)
		pdf_one_line(doc->foot_mid);
	doc->footer_y = PDF_BOTTOM - pdf_height(doc->foot_left);
	doc->foot_rule = doc->footer_y - PDF_FOOT_RULE;
	doc->bottom = doc->foot_rule - PDF_FOOT_GAP;
	doc->top1 = doc->top = PDF_TOP;

	y = PDF_TOP;
	if (doc->emblem != NULL) {
		doc->emblem_scale = PDF_EMBLEM_H /
		    cairo_image_surface_get_height(doc->emblem);
		ew = cairo_image_surface_get_width(doc->emblem) *
		    doc->emblem_scale;
		if (ew > PDF_HEAD_W) {
			doc->emblem_scale *= PDF_HEAD_W / ew;
			ew = PDF_HEAD_W;
		}
		eh = cairo_image_surface_get_height(doc->emblem) *
		    doc->emblem_scale;
		doc->emblem_x = PDF_LEFT + (PDF_HEAD_W - ew) / 2;
		y += eh + PDF_MM(1.5);
	}
	ys = y;
	if ((st = pdf_head_part(doc, PDF_F_STATE, h->state, &y)) != DM_OK ||
	    (st = pdf_head_part(doc, PDF_F_LH, h->authority, &y)) != DM_OK)
		return st;
	if ((st = pdf_head_part(doc, PDF_F_MUNI, h->municipality, &y)) !=
	    DM_OK ||
	    (st = pdf_head_part(doc, PDF_F_LH, h->units, &y)) != DM_OK)
		return st;
	t = g_strconcat(s->dated, "\n", lb->protocol, ": ", s->protocol,
	    NULL);
	l = pdf_text(doc, PDF_F_STAMP, t, PDF_STAMP_W, PANGO_ALIGN_LEFT);
	g_free(t);
	pdf_tag(doc, "P", PDF_NO_ELEM);
	if ((st = pdf_place(doc, l, PDF_RIGHT - PDF_STAMP_W, 0.0, &p,
	    &ys)) != DM_OK)
		return st;
	/* Address, phone and e-mail under them, as Greek documents have. */
	if (h->contact != NULL && *h->contact != '\0') {
		ys += PDF_MM(2.0);
		l = pdf_kept(doc, PDF_F_SMALL, h->contact, PDF_STAMP_W,
		    PANGO_ALIGN_LEFT);
		pdf_tag(doc, "P", PDF_NO_ELEM);
		if ((st = pdf_place(doc, l, PDF_RIGHT - PDF_STAMP_W, 0.2, &p,
		    &ys)) != DM_OK)
			return st;
	}
	doc->elem = PDF_NO_ELEM;
	doc->head_rule1 = fmax(y, ys) + PDF_HEAD_RULE;
	doc->top1 = doc->head_rule1 + PDF_HEAD_GAP;

	doc->run_left = pdf_kept(doc, PDF_F_SMALL, h->municipality,
	    PDF_WIDTH - PDF_FOOT_SIDE, PANGO_ALIGN_LEFT);
	doc->run_right = pdf_text_pair(doc, PDF_F_SMALL, lb->protocol,
	    s->protocol, PDF_FOOT_SIDE, PANGO_ALIGN_RIGHT);
	pdf_one_line(doc->run_right);
	doc->head_rule = PDF_TOP + pdf_height(doc->run_right) +
	    PDF_HEAD_RULE;
	doc->top = doc->head_rule + PDF_HEAD_GAP;

	/* An absurd header would leave no room for the body. */
	if (doc->bottom - doc->top1 < PDF_PAGE_H / 2)
		return DM_ELIMIT;
	doc->page = 0;
	doc->y = doc->top1;
	return DM_OK;
}

/* One label/value row: never split unless taller than a whole page. */
static dm_status
pdf_layout_row(struct pdf_doc *doc, const struct pdf_row *row, int table)
{
	PangoLayout	*lab, *val;
	double		 x = PDF_LEFT, vx, h, y0, y1, y2, dl, dv;
	int		 p0, p1, p2, tr, th, td;
	dm_status	 st;

	vx = x + PDF_LABEL_W;
	lab = pdf_kept(doc, PDF_F_STAMP, row->label,
	    PDF_LABEL_W - 2 * PDF_CELL_PADX, PANGO_ALIGN_LEFT);
	val = pdf_prose(doc, PDF_F_VALUE, row->value,
	    PDF_WIDTH - PDF_LABEL_W - 2 * PDF_CELL_PADX, 0);
	tr = pdf_elem(doc, "TR", table, NULL);
	th = pdf_elem(doc, "TH", tr, NULL);
	td = pdf_elem(doc, "TD", tr, NULL);

	/* The two fonts differ: line up the first baselines of the cells. */
	dl = (double)(pango_layout_get_baseline(val) -
	    pango_layout_get_baseline(lab)) / PANGO_SCALE;
	dv = fmax(0.0, -dl);
	dl = fmax(0.0, dl);
	h = fmax(dl + pdf_height(lab), dv + pdf_height(val)) +
	    2 * PDF_CELL_PADY;

	if (h <= doc->bottom - doc->top) {
		if ((st = pdf_need(doc, h)) != DM_OK)
			return st;
		p0 = doc->page;
		y0 = doc->y;
		pdf_fill(doc, p0, x, y0, PDF_LABEL_W, h, 0.93);
		if (p0 != doc->row_page || y0 != doc->row_end)
			pdf_rule(doc, p0, x, y0, PDF_WIDTH, 0, 0.55);
		pdf_rule(doc, p0, x, y0 + h, PDF_WIDTH, 0, 0.55);
		pdf_rule(doc, p0, x, y0, 0, h, 0.55);
		pdf_rule(doc, p0, vx, y0, 0, h, 0.55);
		pdf_rule(doc, p0, PDF_RIGHT, y0, 0, h, 0.55);
		p1 = p2 = p0;
		y1 = y0 + PDF_CELL_PADY + dl;
		y2 = y0 + PDF_CELL_PADY + dv;
		doc->elem = th;
		if ((st = pdf_place(doc, lab, x + PDF_CELL_PADX, 0.15, &p1,
		    &y1)) != DM_OK)
			return st;
		doc->elem = td;
		if ((st = pdf_place(doc, val, vx + PDF_CELL_PADX, 0.0, &p2,
		    &y2)) != DM_OK)
			return st;
		doc->y = y0 + h;
		doc->row_page = doc->page;
		doc->row_end = doc->y;
		return DM_OK;
	}

	/* Taller than a page: both cells flow on, framed only above/below. */
	pdf_rule(doc, doc->page, x, doc->y, PDF_WIDTH, 0, 0.55);
	p1 = p2 = doc->page;
	y1 = y2 = doc->y;
	doc->elem = th;
	if ((st = pdf_place(doc, lab, x + PDF_CELL_PADX, 0.15, &p1,
	    &y1)) != DM_OK)
		return st;
	doc->elem = td;
	if ((st = pdf_place(doc, val, vx + PDF_CELL_PADX, 0.0, &p2,
	    &y2)) != DM_OK)
		return st;
	if (p1 > p2 || (p1 == p2 && y1 > y2)) {
		p2 = p1;
		y2 = y1;
	}
	doc->page = p2;
	doc->y = y2 + PDF_CELL_PADY;
	pdf_rule(doc, doc->page, x, doc->y, PDF_WIDTH, 0, 0.55);
	return DM_OK;
}

/* A grid row's cells laid out, and its height. */
struct pdf_gridrow {
	PangoLayout	*cell[PDF_MAX_COLS];
	double		 h;
};

static void
pdf_grid_measure(struct pdf_gridrow *r, size_t ncols)
{
	size_t	 c;

	r->h = 0.0;
	for (c = 0; c < ncols; c++)
		r->h = fmax(r->h, pdf_height(r->cell[c]));
	r->h += 2 * PDF_CELL_PADY;
}

/*
 * One row of a grid at the cursor, kept on one page: frame, then each
 * cell as a TH or TD of a new TR. head shades the row.
 */
static dm_status
pdf_grid_place(struct pdf_doc *doc, const struct pdf_gridrow *r,
    const double *x, size_t ncols, int table, int head)
{
	int		 tr, p;
	double		 y;
	size_t		 c;
	dm_status	 st;

	if (head)
		pdf_fill(doc, doc->page, PDF_LEFT, doc->y, PDF_WIDTH, r->h,
		    0.93);
	if (doc->page != doc->row_page || doc->y != doc->row_end)
		pdf_rule(doc, doc->page, PDF_LEFT, doc->y, PDF_WIDTH, 0, 0.55);
	pdf_rule(doc, doc->page, PDF_LEFT, doc->y + r->h, PDF_WIDTH, 0, 0.55);
	for (c = 0; c <= ncols; c++)
		pdf_rule(doc, doc->page, x[c], doc->y, 0, r->h, 0.55);
	tr = pdf_elem(doc, "TR", table, NULL);
	for (c = 0; c < ncols; c++) {
		p = doc->page;
		y = doc->y + PDF_CELL_PADY;
		pdf_tag(doc, head ? "TH" : "TD", tr);
		if ((st = pdf_place(doc, r->cell[c], x[c] + PDF_CELL_PADX,
		    head ? 0.15 : 0.0, &p, &y)) != DM_OK)
			return st;
	}
	doc->y += r->h;
	doc->row_page = doc->page;
	doc->row_end = doc->y;
	return DM_OK;
}

/*
 * A table with column headings. A row never splits; the heading row
 * comes again at the top of every page the table continues on.
 */
static dm_status
pdf_layout_grid(struct pdf_doc *doc, const struct pdf_table *t)
{
	struct pdf_gridrow	 head, row;
	PangoLayout		*title = NULL;
	double			 x[PDF_MAX_COLS + 1], total = 0.0, w, th = 0.0;
	size_t			 c, r;
	int			 table = PDF_NO_ELEM;
	dm_status		 st;

	for (c = 0; c < t->ncols; c++)
		total += t->widths != NULL ? t->widths[c] : 1.0;
	x[0] = PDF_LEFT;
	for (c = 0; c < t->ncols; c++)
		x[c + 1] = x[c] + PDF_WIDTH * (t->widths != NULL ?
		    t->widths[c] : 1.0) / total;
	x[t->ncols] = PDF_RIGHT;
	for (c = 0; c < t->ncols; c++) {
		w = x[c + 1] - x[c] - 2 * PDF_CELL_PADX;
		head.cell[c] = pdf_kept(doc, PDF_F_STATE, t->head[c], w,
		    PANGO_ALIGN_LEFT);
	}
	pdf_grid_measure(&head, t->ncols);

	pdf_gap(doc, PDF_MM(2.0));
	if (t->title != NULL) {
		title = pdf_kept(doc, PDF_F_STRONG, t->title, PDF_WIDTH,
		    PANGO_ALIGN_LEFT);
		th = pdf_height(title) + PDF_MM(1.5);
	}
	for (r = 0; r <= t->nrows; r++) {
		row.h = 0.0;
		if (r < t->nrows) {
			for (c = 0; c < t->ncols; c++)
				row.cell[c] = pdf_text(doc, PDF_F_CELL,
				    t->cells[r * t->ncols + c], x[c + 1] -
				    x[c] - 2 * PDF_CELL_PADX, PANGO_ALIGN_LEFT);
			pdf_grid_measure(&row, t->ncols);
			/* A row is kept whole: it must fit on a page. */
			if (row.h > doc->bottom - doc->top - head.h) {
				log_error("pdf: a table row taller than a "
				    "page");
				return DM_ELIMIT;
			}
		}
		if (r == 0) {
			/* The title and the headings with the first row. */
			if ((st = pdf_need(doc, th + head.h + row.h)) != DM_OK)
				return st;
			if (title != NULL) {
				pdf_tag(doc, "H2", PDF_NO_ELEM);
				if ((st = pdf_flow(doc, title, PDF_LEFT)) !=
				    DM_OK)
					return st;
				doc->y += PDF_MM(1.5);
			}
			table = pdf_elem(doc, "Table", PDF_NO_ELEM, NULL);
		} else if (r == t->nrows) {
			break;
		} else if (doc->y + row.h > doc->bottom) {
			if ((st = pdf_next_page(doc, &doc->page, &doc->y)) !=
			    DM_OK)
				return st;
		}
		if ((r == 0 || pdf_fresh(doc)) &&
		    (st = pdf_grid_place(doc, &head, x, t->ncols, table, 1)) !=
		    DM_OK)
			return st;
		if (r < t->nrows &&
		    (st = pdf_grid_place(doc, &row, x, t->ncols, table, 0)) !=
		    DM_OK)
			return st;
	}
	doc->elem = PDF_NO_ELEM;
	pdf_gap(doc, PDF_MM(5.0));
	return DM_OK;
}

/*
 * A centred, kept layout of the signatory's column (NULL stays NULL),
 * without a lone last word: the cache keeps it as first made.
 */
static PangoLayout *
pdf_sign_text(struct pdf_doc *doc, enum pdf_font f, const char *text)
{
	PangoLayout	*l;

	if (text == NULL || *text == '\0')
		return NULL;
	l = pdf_kept(doc, f, text, PDF_SIGN_W, PANGO_ALIGN_CENTER);
	if (pango_layout_get_attributes(l) == NULL)
		pdf_nobreak(l);
	return l;
}

/*
 * Closing, kept together on one page: the QR code with the code and the
 * verification link at the left, the signatory at the right (mandate,
 * title, name; or the statement of automatic issue), and the seal note
 * across the page below them.
 */
static dm_status
pdf_layout_closing(struct pdf_doc *doc)
{
	const struct pdf_spec		*s = doc->spec;
	const struct pdf_signatory	*g = &s->signatory;
	const struct pdf_labels		*lb = s->labels;
	PangoLayout			*sig[4], *note = NULL;
	PangoLayout			*clab = NULL, *code = NULL, *vlab = NULL;
	PangoLayout			*url = NULL;
	struct pdf_op			*op;
	double				 h = 0.0, nh = 0.0, vh = 0.0, th = 0.0;
	double				 tx, tw, ty, y, y0;
	size_t				 i, n = 0;
	int				 p, para;
	dm_status			 st;

	if (g->name != NULL) {
		sig[n] = pdf_sign_text(doc, PDF_F_STAMP, g->mandate);
		n += sig[n] != NULL;
		sig[n] = pdf_sign_text(doc, PDF_F_STAMP, g->title);
		n += sig[n] != NULL;
		sig[n++] = pdf_sign_text(doc, PDF_F_STRONG, g->name);
	} else
		sig[n++] = pdf_sign_text(doc, PDF_F_STAMP, g->automatic);
	for (i = 0; i < n; i++)
		h += pdf_height(sig[i]) + (i > 0 ? PDF_MM(1.2) : 0.0);
	if (g->seal_note != NULL) {
		note = pdf_kept(doc, PDF_F_LH, g->seal_note, PDF_WIDTH,
		    PANGO_ALIGN_LEFT);
		if (pango_layout_get_attributes(note) == NULL)
			pdf_nobreak(note);
		nh = PDF_MM(4.0) + pdf_height(note);
	}

	/* Beside the QR code the code, under both the link on one line. */
	tx = PDF_LEFT + PDF_QR_SIDE + PDF_MM(3.0);
	tw = PDF_RIGHT - PDF_SIGN_W - PDF_MM(4.0) - tx;
	if (s->verify_code != NULL) {
		clab = pdf_kept(doc, PDF_F_SMALL, lb->code, tw,
		    PANGO_ALIGN_LEFT);
		code = pdf_text(doc, PDF_F_CODE, s->verify_code, tw,
		    PANGO_ALIGN_LEFT);
		vlab = pdf_kept(doc, PDF_F_SMALL, lb->verify, tw,
		    PANGO_ALIGN_LEFT);
		url = pdf_text(doc, PDF_F_SMALL, s->verify_url,
		    PDF_RIGHT - PDF_SIGN_W - PDF_MM(2.0) - PDF_LEFT,
		    PANGO_ALIGN_LEFT);
		pango_layout_set_attributes(code, pdf_cache.nohyphen);
		pango_layout_set_attributes(url, pdf_cache.nohyphen);
		th = pdf_height(clab) + pdf_height(code) + PDF_MM(2.0) +
		    pdf_height(vlab);
		vh = fmax(PDF_QR_SIDE, th) + PDF_MM(1.0) + pdf_height(url);
	}

	pdf_gap(doc, PDF_MM(7.0));
	if ((st = pdf_need(doc, fmax(h, vh) + nh)) != DM_OK)
		return st;
	y0 = doc->y;
	pdf_tag(doc, "P", PDF_NO_ELEM);
	p = doc->page;
	y = y0;
	for (i = 0; i < n; i++) {
		if (i > 0)
			y += PDF_MM(1.2);
		if ((st = pdf_place(doc, sig[i], PDF_RIGHT - PDF_SIGN_W, 0.0,
		    &p, &y)) != DM_OK)
			return st;
	}
	if (s->verify_code != NULL) {
		op = pdf_op(doc, PDF_OP_QR, doc->page);
		op->x = PDF_LEFT;
		op->y = y0 + fmax(0.0, (th - PDF_QR_SIDE) / 2);
		op->w = PDF_QR_SIDE;
		p = doc->page;
		ty = y0 + fmax(0.0, (PDF_QR_SIDE - th) / 2);
		para = pdf_tag(doc, "P", PDF_NO_ELEM);
		if ((st = pdf_place(doc, clab, tx, 0.25, &p, &ty)) != DM_OK ||
		    (st = pdf_place(doc, code, tx, 0.0, &p, &ty)) != DM_OK)
			return st;
		ty += PDF_MM(2.0);
		if ((st = pdf_place(doc, vlab, tx, 0.25, &p, &ty)) != DM_OK)
			return st;
		ty = y0 + fmax(PDF_QR_SIDE, th) + PDF_MM(1.0);
		doc->elem = pdf_elem(doc, CAIRO_TAG_LINK, para, doc->qr_link);
		if ((st = pdf_place(doc, url, PDF_LEFT + PDF_MM(1.5), 0.0, &p,
		    &ty)) != DM_OK)
			return st;
	}
	doc->y = y0 + fmax(h, vh);
	if (note != NULL) {
		doc->y += PDF_MM(4.0);
		pdf_tag(doc, "P", PDF_NO_ELEM);
		p = doc->page;
		y = doc->y;
		if ((st = pdf_place(doc, note, PDF_LEFT, 0.2, &p, &y)) != DM_OK)
			return st;
		doc->y = y;
	}
	doc->elem = PDF_NO_ELEM;
	return DM_OK;
}

static dm_status
pdf_layout_body(struct pdf_doc *doc)
{
	const struct pdf_spec	*s = doc->spec;
	PangoLayout		*l, *first;
	double			 h;
	size_t			 i;
	int			 table;
	dm_status		 st;

	l = pdf_kept(doc, PDF_F_TITLE, s->title, PDF_WIDTH,
	    PANGO_ALIGN_CENTER);
	pdf_tag(doc, "H1", PDF_NO_ELEM);
	if ((st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
		return st;
	if (s->subtitle != NULL) {
		doc->y += PDF_MM(1.5);
		l = pdf_kept(doc, PDF_F_SUBTITLE, s->subtitle, PDF_WIDTH,
		    PANGO_ALIGN_CENTER);
		pdf_tag(doc, "P", PDF_NO_ELEM);
		if ((st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
			return st;
	}
	pdf_gap(doc, PDF_MM(7.0));

	for (i = 0; i < s->nparagraphs; i++) {
		l = pdf_prose(doc, PDF_F_BODY, s->paragraphs[i], PDF_WIDTH, 1);
		pdf_tag(doc, "P", PDF_NO_ELEM);
		if ((st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
			return st;
		pdf_gap(doc, PDF_MM(2.5));
	}

	if (s->nrows > 0) {
		pdf_gap(doc, PDF_MM(2.0));
		if (s->table_title != NULL) {
			l = pdf_kept(doc, PDF_F_STRONG, s->table_title,
			    PDF_WIDTH, PANGO_ALIGN_LEFT);
			/* Keep the title with at least one row. */
			first = pdf_prose(doc, PDF_F_VALUE, s->rows[0].value,
			    PDF_WIDTH - PDF_LABEL_W - 2 * PDF_CELL_PADX, 0);
			h = pdf_height(l) + PDF_MM(1.5) + pdf_height(first) +
			    2 * PDF_CELL_PADY;
			pdf_tag(doc, "H2", PDF_NO_ELEM);
			if ((st = pdf_need(doc, h)) != DM_OK ||
			    (st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
				return st;
			doc->y += PDF_MM(1.5);
		}
		table = pdf_elem(doc, "Table", PDF_NO_ELEM, NULL);
		for (i = 0; i < s->nrows; i++)
			if ((st = pdf_layout_row(doc, &s->rows[i], table)) !=
			    DM_OK)
				return st;
		pdf_gap(doc, PDF_MM(5.0));
	}
	for (i = 0; i < s->ntables; i++)
		if ((st = pdf_layout_grid(doc, &s->tables[i])) != DM_OK)
			return st;

	for (i = 0; i < s->nafter; i++) {
		l = pdf_prose(doc, PDF_F_VALUE, s->after[i], PDF_WIDTH, 0);
		pdf_tag(doc, "P", PDF_NO_ELEM);
		if ((st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
			return st;
		pdf_gap(doc, PDF_MM(2.0));
	}
	doc->elem = PDF_NO_ELEM;
	return pdf_layout_closing(doc);
}

static int
pdf_qr_dark(const QRcode *qr, int vert, int i, int j)
{
	return vert ? qr->data[j * qr->width + i] & 1 :
	    qr->data[i * qr->width + j] & 1;
}

/* Runs of dark modules along rows (vert 0) or columns (vert 1). */
static int
pdf_qr_runs(const QRcode *qr, int vert)
{
	int	 i, j, n = 0;

	for (i = 0; i < qr->width; i++)
		for (j = 0; j < qr->width; j++)
			if (pdf_qr_dark(qr, vert, i, j) &&
			    (j == 0 || !pdf_qr_dark(qr, vert, i, j - 1)))
				n++;
	return n;
}

/*
 * The QR symbol in the square x, y, side (quiet zone included), as runs of
 * dark modules stroked one module wide in a single stroke: renderers paint
 * the union, so no seams appear between runs, and a run costs half the
 * coordinates of a rectangle (Cairo prints each with printf, which
 * dominated the cost of the symbol).
 */
static void
pdf_draw_qr(cairo_t *cr, const QRcode *qr, double x, double y, double side)
{
	double	 m, a;
	int	 vert, i, j, j0;

	m = side / (qr->width + 2 * PDF_QR_QUIET);
	x += PDF_QR_QUIET * m;
	y += PDF_QR_QUIET * m;
	vert = pdf_qr_runs(qr, 1) < pdf_qr_runs(qr, 0);
	cairo_new_path(cr);
	for (i = 0; i < qr->width; i++) {
		a = (i + 0.5) * m;
		for (j = 0; j < qr->width; j++) {
			if (!pdf_qr_dark(qr, vert, i, j))
				continue;
			j0 = j;
			while (j < qr->width && pdf_qr_dark(qr, vert, i, j))
				j++;
			if (vert) {
				cairo_move_to(cr, x + a, y + j0 * m);
				cairo_line_to(cr, x + a, y + j * m);
			} else {
				cairo_move_to(cr, x + j0 * m, y + a);
				cairo_line_to(cr, x + j * m, y + a);
			}
		}
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, m);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_stroke(cr);
}

static void
pdf_paint(cairo_t *cr, enum pdf_op_kind kind)
{
	if (kind == PDF_OP_FILL)
		cairo_fill(cr);
	else
		cairo_stroke(cr);
}

static void
pdf_draw_layout(cairo_t *cr, PangoLayout *l, double x, double y)
{
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
}

/* The structure elements open while a page is drawn. */
struct pdf_tags {
	int	 open[PDF_TAG_DEPTH];
	int	 n;
};

/*
 * Closes and opens tags so that exactly elem and its ancestors are open
 * (none for PDF_NO_ELEM): Cairo then marks what is drawn next as the
 * content of elem.
 */
static void
pdf_tags_to(const struct pdf_doc *doc, cairo_t *cr, struct pdf_tags *t,
    int elem)
{
	int	 path[PDF_TAG_DEPTH], n = 0, i, k;

	for (i = elem; i != PDF_NO_ELEM && n < PDF_TAG_DEPTH;
	    i = doc->elems[i].parent)
		path[n++] = i;
	for (i = 0; i < n / 2; i++) {
		k = path[i];
		path[i] = path[n - 1 - i];
		path[n - 1 - i] = k;
	}
	for (k = 0; k < t->n && k < n && t->open[k] == path[k]; k++)
		;
	while (t->n > k)
		cairo_tag_end(cr, doc->elems[t->open[--t->n]].tag);
	for (i = k; i < n; i++) {
		cairo_tag_begin(cr, doc->elems[path[i]].tag,
		    doc->elems[path[i]].attrs);
		t->open[t->n++] = path[i];
	}
}

/*
 * What every page has, outside the structure tree: on page 1 the emblem,
 * on later pages the running header; the rules and the footer.
 */
static void
pdf_draw_frame(struct pdf_doc *doc, cairo_t *cr, int page, int npages)
{
	const struct pdf_spec	*s = doc->spec;
	double			 rule;
	char			*t;

	cairo_set_source_rgb(cr, 0, 0, 0);
	if (page == 0 && doc->emblem != NULL) {
		cairo_save(cr);
		cairo_translate(cr, doc->emblem_x, PDF_TOP);
		cairo_scale(cr, doc->emblem_scale, doc->emblem_scale);
		cairo_set_source_surface(cr, doc->emblem, 0, 0);
		/* PDF/A: no /Interpolate; the emblem is at print resolution. */
		cairo_pattern_set_filter(cairo_get_source(cr),
		    CAIRO_FILTER_NEAREST);
		cairo_rectangle(cr, 0, 0,
		    cairo_image_surface_get_width(doc->emblem),
		    cairo_image_surface_get_height(doc->emblem));
		cairo_fill(cr);
		cairo_restore(cr);
	}
	if (page > 0) {
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		pdf_draw_layout(cr, doc->run_left, PDF_LEFT, PDF_TOP);
		pdf_draw_layout(cr, doc->run_right, PDF_RIGHT - PDF_FOOT_SIDE,
		    PDF_TOP);
	}
	rule = page == 0 ? doc->head_rule1 : doc->head_rule;
	cairo_set_line_width(cr, PDF_HAIR);
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	cairo_move_to(cr, PDF_LEFT, rule);
	cairo_line_to(cr, PDF_RIGHT, rule);
	cairo_move_to(cr, PDF_LEFT, doc->foot_rule);
	cairo_line_to(cr, PDF_RIGHT, doc->foot_rule);
	cairo_stroke(cr);

	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	pdf_draw_layout(cr, doc->foot_left, PDF_LEFT, doc->footer_y);
	if (doc->foot_mid != NULL)
		pdf_draw_layout(cr, doc->foot_mid, PDF_LEFT + PDF_FOOT_SIDE,
		    doc->footer_y);
	t = pdf_page_text(s->labels->page_fmt, page + 1, npages);
	pango_layout_set_text(doc->foot_right, t, -1);
	g_free(t);
	pdf_draw_layout(cr, doc->foot_right, PDF_RIGHT - PDF_FOOT_SIDE,
	    doc->footer_y);
}

/*
 * One page's ops, by kind: fills under rules under text. Neighbouring ops
 * of one gray share a path and a single fill or stroke, and the colour is
 * set only when it changes; this keeps the content stream, and the time
 * Cairo spends formatting numbers into it, small. Text is tagged with its
 * element; the QR code is a link.
 */
static void
pdf_draw_ops(struct pdf_doc *doc, cairo_t *cr, const size_t *order,
    size_t n)
{
	static const enum pdf_op_kind	 pass[] = { PDF_OP_FILL, PDF_OP_RULE,
	    PDF_OP_TEXT, PDF_OP_QR };
	const struct pdf_op		*op;
	struct pdf_tags			 tags = { { 0 }, 0 };
	double				 gray;
	size_t				 i, k;
	int				 pending;

	cairo_set_line_width(cr, PDF_HAIR);
	for (k = 0; k < sizeof(pass) / sizeof(pass[0]); k++) {
		cairo_new_path(cr);
		gray = -1.0;
		pending = 0;
		for (i = 0; i < n; i++) {
			op = &doc->ops[order[i]];
			if (op->kind != pass[k])
				continue;
			if (op->kind == PDF_OP_TEXT)
				pdf_tags_to(doc, cr, &tags, op->elem);
			if (op->gray != gray) {
				if (pending)
					pdf_paint(cr, pass[k]);
				pending = 0;
				gray = op->gray;
				cairo_set_source_rgb(cr, gray, gray, gray);
			}
			switch (op->kind) {
			case PDF_OP_FILL:
				cairo_rectangle(cr, op->x, op->y, op->w, op->h);
				pending = 1;
				break;
			case PDF_OP_RULE:
				cairo_move_to(cr, op->x, op->y);
				cairo_line_to(cr, op->x + op->w, op->y + op->h);
				pending = 1;
				break;
			case PDF_OP_TEXT:
				cairo_move_to(cr, op->x, op->y);
				pango_cairo_show_layout_line(cr, op->line);
				break;
			case PDF_OP_QR:
				cairo_tag_begin(cr, CAIRO_TAG_LINK,
				    doc->qr_link);
				pdf_draw_qr(cr, doc->qr, op->x, op->y, op->w);
				cairo_tag_end(cr, CAIRO_TAG_LINK);
				break;
			}
		}
		if (pending)
			pdf_paint(cr, pass[k]);
		pdf_tags_to(doc, cr, &tags, PDF_NO_ELEM);
	}
}

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	pdf_buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* The Info and XMP of the document, and its seal. */
static dm_status
pdf_finish(struct pdf_doc *doc, struct pdf_buf *buf)
{
	const struct pdf_spec	*s = doc->spec;
	const struct pdfup_icc	*icc = NULL;
	struct pdfup_meta	 m;
	struct pdfup_sig	 seal;
	char			 producer[64];
	dm_status		 st;

	if (s->icc_profile != NULL &&
	    (st = pdf_icc_get(s->icc_profile, &icc)) != DM_OK)
		return st;
	snprintf(producer, sizeof(producer), "Dimos %s with cairo %s",
	    DIMOS_VERSION, cairo_version_string());
	memset(&m, 0, sizeof(m));
	m.title = s->title;
	m.author = s->letterhead.municipality;
	m.subject = s->subject;
	m.keywords = s->keywords;
	m.creator = "Dimos " DIMOS_VERSION;
	m.producer = producer;
	m.lang = s->lang != NULL ? s->lang : "el-GR";
	m.created = time(NULL);
	m.icc = icc;
	if (s->seal == NULL)
		return pdfup_append(buf, &m, NULL);
	seal = *s->seal;
	if (seal.when == 0)
		seal.when = m.created;
	return pdfup_append(buf, &m, &seal);
}

static dm_status
pdf_draw(struct pdf_doc *doc, unsigned char **out, size_t *outlen)
{
	struct pdf_buf		 buf = { NULL, 0, 0 };
	cairo_surface_t		*surf;
	cairo_t			*cr;
	cairo_status_t		 cs;
	size_t			*first = NULL, *order = NULL, i;
	int			 npages = doc->page + 1, p;
	dm_status		 st = DM_EINTERNAL;

	/* Ops by page, keeping their order within a page (counting sort). */
	if ((first = calloc((size_t)npages + 1, sizeof(*first))) == NULL ||
	    (order = calloc(doc->nops + 1, sizeof(*order))) == NULL)
		log_fatal("out of memory");
	for (i = 0; i < doc->nops; i++)
		first[doc->ops[i].page + 1]++;
	for (p = 0; p < npages; p++)
		first[p + 1] += first[p];
	for (i = 0; i < doc->nops; i++)
		order[first[doc->ops[i].page]++] = i;
	for (p = npages; p > 0; p--)
		first[p] = first[p - 1];
	first[0] = 0;

	surf = cairo_pdf_surface_create_for_stream(pdf_write, &buf,
	    PDF_PAGE_W, PDF_PAGE_H);
	cr = cairo_create(surf);
	cairo_tag_begin(cr, "Document", NULL);
	for (p = 0; p < npages; p++) {
		pdf_draw_frame(doc, cr, p, npages);
		pdf_draw_ops(doc, cr, order + first[p],
		    first[p + 1] - first[p]);
		if (p == npages - 1)
			cairo_tag_end(cr, "Document");
		cairo_show_page(cr);
	}
	cs = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (cs == CAIRO_STATUS_SUCCESS)
		cs = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (cs != CAIRO_STATUS_SUCCESS) {
		log_error("pdf: cairo: %s", cairo_status_to_string(cs));
		goto out;
	}
	if ((st = pdf_finish(doc, &buf)) != DM_OK)
		goto out;
	*out = buf.data;
	*outlen = buf.len;
	buf.data = NULL;
out:
	free(buf.data);
	free(first);
	free(order);
	return st;
}

static void
pdf_doc_free(struct pdf_doc *doc)
{
	size_t	 i;

	for (i = 0; i < doc->nlayouts; i++)
		g_object_unref(doc->layouts[i]);
	for (i = 0; i < doc->nelems; i++)
		g_free(doc->elems[i].attrs);
	free(doc->layouts);
	free(doc->elems);
	free(doc->ops);
	g_free(doc->qr_link);
	if (doc->qr != NULL)
		QRcode_free(doc->qr);
}

dm_status
pdf_render(const struct pdf_spec *spec, unsigned char **out, size_t *outlen)
{
	struct pdf_doc	 doc;
	dm_status	 st;

	if (out != NULL)
		*out = NULL;
	if (outlen != NULL)
		*outlen = 0;
	if (spec == NULL || out == NULL || outlen == NULL)
		return DM_EINPUT;
	if ((st = pdf_check(spec)) != DM_OK)
		return st;
	pdf_cache_init();
	/* Between documents, so no op refers to a layout it drops. */
	if (pdf_cache.nkept == PDF_LAYOUT_CACHE)
		pdf_kept_clear();
	memset(&doc, 0, sizeof(doc));
	doc.spec = spec;
	doc.row_page = -1;
	doc.elem = PDF_NO_ELEM;

	if (spec->verify_url != NULL) {
		doc.qr = QRcode_encodeString(spec->verify_url, 0,
		    QR_ECLEVEL_M, QR_MODE_8, 1);
		if (doc.qr == NULL) {
			st = errno == ERANGE ? DM_ELIMIT :
			    errno == EINVAL ? DM_EINPUT : DM_EINTERNAL;
			goto out;
		}
		doc.qr_link = pdf_link_attrs(spec->verify_url);
	}
	if (spec->letterhead.emblem_png != NULL &&
	    (st = pdf_emblem_get(spec->letterhead.emblem_png,
	    &doc.emblem)) != DM_OK)
		goto out;
	if ((st = pdf_layout_frame(&doc)) != DM_OK ||
	    (st = pdf_layout_body(&doc)) != DM_OK)
		goto out;
	st = pdf_draw(&doc, out, outlen);
out:
	pdf_doc_free(&doc);
	return st;
}
