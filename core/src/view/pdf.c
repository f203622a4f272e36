/*
 * pdf.c - A4 certificates and receipts as PDF, rendered with Cairo + Pango.
 * Owns: page layout, the QR code, and the process-wide font/emblem cache.
 */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

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
#define PDF_TOP		PDF_MM(14.0)
#define PDF_BOTTOM	(PDF_PAGE_H - PDF_MM(12.0))	/* footer text ends */

#define PDF_EMBLEM_H	PDF_MM(18.0)
#define PDF_EMBLEM_DPI	200.0	/* the cached emblem is scaled down to this */
#define PDF_STAMP_W	PDF_MM(64.0)	/* protocol block, top right, page 1 */
#define PDF_LABEL_W	(PDF_WIDTH * 0.36)	/* table label column */
#define PDF_CELL_PADX	PDF_MM(2.0)
#define PDF_CELL_PADY	PDF_MM(1.3)
#define PDF_FOOT_SIDE	(PDF_WIDTH * 0.28)	/* footer left and right */
#define PDF_QR_SIDE	PDF_MM(30.0)	/* the whole symbol with quiet zone */
#define PDF_QR_QUIET	4	/* modules, as ISO/IEC 18004 asks */
#define PDF_HAIR	0.6	/* width of rules */
#define PDF_HEAD_RULE	PDF_MM(2.5)	/* header text to its rule */
#define PDF_HEAD_GAP	PDF_MM(7.0)	/* that rule to the body */
#define PDF_FOOT_RULE	PDF_MM(2.0)	/* footer rule to footer text */
#define PDF_FOOT_GAP	PDF_MM(6.0)	/* body to the footer rule */
#define PDF_EPS		0.01

enum pdf_font {
	PDF_F_HEAD,		/* municipality name */
	PDF_F_SMALL,		/* header lines, footer, URL */
	PDF_F_STAMP,		/* protocol block, table labels, captions */
	PDF_F_TITLE,
	PDF_F_SUBTITLE,
	PDF_F_BODY,		/* paragraphs, signer */
	PDF_F_VALUE,		/* table values, remarks */
	PDF_F_STRONG,		/* table title */
	PDF_F_CODE,		/* the verification code */
	PDF_F__MAX
};

/*
 * Three faces only (Sans, Sans Bold, Serif): every face costs a font
 * subset in every document, which dominates the rendering time.
 */
static const char *const pdf_font_names[PDF_F__MAX] = {
	[PDF_F_HEAD] = "Noto Sans Bold 11.5",
	[PDF_F_SMALL] = "Noto Sans 8",
	[PDF_F_STAMP] = "Noto Sans 9",
	[PDF_F_TITLE] = "Noto Sans Bold 14",
	[PDF_F_SUBTITLE] = "Noto Sans 11",
	[PDF_F_BODY] = "Noto Serif 11",
	[PDF_F_VALUE] = "Noto Serif 10.5",
	[PDF_F_STRONG] = "Noto Sans Bold 10.5",
	[PDF_F_CODE] = "Noto Sans Bold 12.5",
};

/*
 * Process-wide cache: creating a font map costs milliseconds (fontconfig
 * matching, face loading), so it lives until pdf_cleanup(). The emblem is
 * keyed by path and revalidated by stat() so a replaced file is noticed.
 */
static struct {
	PangoFontMap		*fontmap;
	PangoContext		*ctx;
	PangoFontDescription	*fonts[PDF_F__MAX];
	PangoAttrList		*nohyphen;
	char			*emblem_path;
	struct stat		 emblem_sb;
	cairo_surface_t		*emblem;
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
	double			 x, y, w, h;
	double			 gray;	/* 0 black, 1 white */
	PangoLayoutLine		*line;	/* TEXT: owned by a layout in doc */
};

/* One rendering: layout results that the drawing pass replays per page. */
struct pdf_doc {
	const struct pdf_spec	*spec;
	cairo_surface_t		*emblem;	/* borrowed from pdf_cache */
	double			 emblem_scale;
	PangoLayout		*muni, *lines, *stamp;
	double			 muni_x, muni_h, lines_y;
	double			 top, bottom;	/* body area of every page */
	double			 head_rule, foot_rule, footer_y;
	PangoLayout		*foot_left, *foot_mid, *foot_right;
	QRcode			*qr;

	int			 page;		/* layout cursor */
	double			 y;
	int			 row_page;	/* where the last row ended */
	double			 row_end;

	struct pdf_op		*ops;
	size_t			 nops, capops;
	PangoLayout		**layouts;	/* owned, unref'd at the end */
	size_t			 nlayouts, caplayouts;
};

/* The output buffer behind the Cairo stream; grows by doubling. */
struct pdf_buf {
	unsigned char	*data;
	size_t		 len, cap;
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
pdf_check(const struct pdf_spec *s)
{
	const struct pdf_labels	*l = s->labels;
	dm_status		 st;
	size_t			 i;

	if (l == NULL)
		return DM_EINPUT;
	if ((st = pdf_check_text(l->protocol, 1)) != DM_OK ||
	    (st = pdf_check_text(l->issued, 1)) != DM_OK ||
	    (st = pdf_check_text(l->place, 1)) != DM_OK ||
	    (st = pdf_check_text(l->page_fmt, 1)) != DM_OK ||
	    (st = pdf_check_text(l->verify, 1)) != DM_OK ||
	    (st = pdf_check_text(l->code, 1)) != DM_OK ||
	    (st = pdf_check_text(l->signer, 1)) != DM_OK ||
	    (st = pdf_check_text(l->automatic, 1)) != DM_OK ||
	    (st = pdf_check_fmt(l->page_fmt)) != DM_OK)
		return st;
	if ((st = pdf_check_text(s->municipality, 1)) != DM_OK ||
	    (st = pdf_check_text(s->header_lines, 0)) != DM_OK ||
	    (st = pdf_check_text(s->title, 1)) != DM_OK ||
	    (st = pdf_check_text(s->subtitle, 0)) != DM_OK ||
	    (st = pdf_check_text(s->protocol, 1)) != DM_OK ||
	    (st = pdf_check_text(s->issued_at, 1)) != DM_OK ||
	    (st = pdf_check_text(s->place, 1)) != DM_OK ||
	    (st = pdf_check_text(s->table_title, 0)) != DM_OK ||
	    (st = pdf_check_text(s->signer, 0)) != DM_OK ||
	    (st = pdf_check_text(s->verify_code, 0)) != DM_OK ||
	    (st = pdf_check_text(s->verify_url, 0)) != DM_OK)
		return st;
	if ((s->verify_code == NULL) != (s->verify_url == NULL))
		return DM_EINPUT;
	if (s->emblem_png != NULL && *s->emblem_png == '\0')
		return DM_EINPUT;
	if ((st = pdf_check_list(s->paragraphs, s->nparagraphs)) != DM_OK ||
	    (st = pdf_check_list(s->after, s->nafter)) != DM_OK)
		return st;
	if (s->nrows > PDF_MAX_ITEMS)
		return DM_ELIMIT;
	if (s->nrows > 0 && s->rows == NULL)
		return DM_EINPUT;
	for (i = 0; i < s->nrows; i++)
		if ((st = pdf_check_text(s->rows[i].label, 1)) != DM_OK ||
		    (st = pdf_check_text(s->rows[i].value, 0)) != DM_OK)
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

/*
 * A new layout of text (plain text, never markup) wrapped at width; doc
 * owns it. Long words break between characters rather than overflow.
 */
static PangoLayout *
pdf_text(struct pdf_doc *doc, enum pdf_font f, const char *text,
    double width, PangoAlignment align)
{
	PangoLayout	*l;

	l = pango_layout_new(pdf_cache.ctx);
	pango_layout_set_font_description(l, pdf_cache.fonts[f]);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(l, pango_units_from_double(width));
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text != NULL ? text : "", -1);
	doc->layouts = pdf_grow(doc->layouts, &doc->caplayouts,
	    doc->nlayouts + 1, sizeof(*doc->layouts));
	doc->layouts[doc->nlayouts++] = l;
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

static dm_status
pdf_next_page(struct pdf_doc *doc, int *page, double *y)
{
	if (*page + 1 >= PDF_MAX_PAGES)
		return DM_ELIMIT;
	(*page)++;
	*y = doc->top;
	return DM_OK;
}

/* Starts a new page unless h more points fit or the page is still empty. */
static dm_status
pdf_need(struct pdf_doc *doc, double h)
{
	if (doc->y + h <= doc->bottom || doc->y <= doc->top + PDF_EPS)
		return DM_OK;
	return pdf_next_page(doc, &doc->page, &doc->y);
}

/* Vertical space, except at the top of a page where it would be wasted. */
static void
pdf_gap(struct pdf_doc *doc, double h)
{
	if (doc->y > doc->top + PDF_EPS)
		doc->y += h;
}

/*
 * Places the lines of l with its left edge at x, starting at (*page, *y)
 * and moving on to following pages between lines; a line never straddles
 * a page. On return (*page, *y) is just below the last line.
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
		    origin + top > doc->top + PDF_EPS) {
			if ((st = pdf_next_page(doc, page, y)) != DM_OK)
				goto out;
			origin = doc->top - top;
		}
		op = pdf_op(doc, PDF_OP_TEXT, *page);
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

/*
 * Header: emblem, municipality and header lines on every page, the
 * protocol block top right on page 1 only. Footer: protocol, code, page.
 * Both fix the body area, identical on every page.
 */
static dm_status
pdf_layout_frame(struct pdf_doc *doc)
{
	const struct pdf_spec	*s = doc->spec;
	const struct pdf_labels	*lb = s->labels;
	double			 w, h, th, ew = 0.0;
	char			*t;

	if (doc->emblem != NULL) {
		doc->emblem_scale = PDF_EMBLEM_H /
		    cairo_image_surface_get_height(doc->emblem);
		ew = cairo_image_surface_get_width(doc->emblem) *
		    doc->emblem_scale;
		if (ew > PDF_WIDTH / 4) {
			doc->emblem_scale *= PDF_WIDTH / 4 / ew;
			ew = PDF_WIDTH / 4;
		}
		ew += PDF_MM(4.0);
	}
	doc->muni_x = PDF_LEFT + ew;
	w = PDF_RIGHT - PDF_STAMP_W - PDF_MM(4.0) - doc->muni_x;
	doc->muni = pdf_text(doc, PDF_F_HEAD, s->municipality, w,
	    PANGO_ALIGN_LEFT);
	doc->muni_h = pdf_height(doc->muni);
	th = doc->muni_h;
	if (s->header_lines != NULL) {
		doc->lines = pdf_text(doc, PDF_F_SMALL, s->header_lines, w,
		    PANGO_ALIGN_LEFT);
		doc->lines_y = PDF_TOP + doc->muni_h + PDF_MM(0.8);
		th += PDF_MM(0.8) + pdf_height(doc->lines);
	}

	t = g_strconcat(lb->protocol, ": ", s->protocol, "\n", lb->issued,
	    ": ", s->issued_at, NULL);
	doc->stamp = pdf_text(doc, PDF_F_STAMP, t, PDF_STAMP_W,
	    PANGO_ALIGN_LEFT);
	g_free(t);

	h = doc->emblem != NULL ? cairo_image_surface_get_height(doc->emblem) *
	    doc->emblem_scale : 0.0;
	h = fmax(h, fmax(th, pdf_height(doc->stamp)));
	doc->head_rule = PDF_TOP + h + PDF_HEAD_RULE;
	doc->top = doc->head_rule + PDF_HEAD_GAP;

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

	/* An absurd header would leave no room for the body. */
	if (doc->bottom - doc->top < PDF_PAGE_H / 2)
		return DM_ELIMIT;
	doc->page = 0;
	doc->y = doc->top;
	return DM_OK;
}

/* One table row: never split unless taller than a whole page. */
static dm_status
pdf_layout_row(struct pdf_doc *doc, const struct pdf_row *row)
{
	PangoLayout	*lab, *val;
	double		 x = PDF_LEFT, vx, h, y0, y1, y2, dl, dv;
	int		 p0, p1, p2;
	dm_status	 st;

	vx = x + PDF_LABEL_W;
	lab = pdf_text(doc, PDF_F_STAMP, row->label,
	    PDF_LABEL_W - 2 * PDF_CELL_PADX, PANGO_ALIGN_LEFT);
	val = pdf_text(doc, PDF_F_VALUE, row->value,
	    PDF_WIDTH - PDF_LABEL_W - 2 * PDF_CELL_PADX, PANGO_ALIGN_LEFT);

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
		if ((st = pdf_place(doc, lab, x + PDF_CELL_PADX, 0.15, &p1,
		    &y1)) != DM_OK ||
		    (st = pdf_place(doc, val, vx + PDF_CELL_PADX, 0.0, &p2,
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
	if ((st = pdf_place(doc, lab, x + PDF_CELL_PADX, 0.15, &p1,
	    &y1)) != DM_OK ||
	    (st = pdf_place(doc, val, vx + PDF_CELL_PADX, 0.0, &p2,
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

/*
 * Closing: place and date left, signer right; below them the QR code with
 * the code and the URL. Kept together on one page.
 */
static dm_status
pdf_layout_closing(struct pdf_doc *doc)
{
	const struct pdf_spec	*s = doc->spec;
	const struct pdf_labels	*lb = s->labels;
	PangoLayout		*when, *who, *name = NULL;
	PangoLayout		*clab = NULL, *code = NULL, *vlab = NULL;
	PangoLayout		*url = NULL;
	struct pdf_op		*op;
	double			 colw, h, vh = 0.0, th = 0.0, tx, ty, y0;
	int			 p;
	char			*t;
	dm_status		 st;

	colw = PDF_WIDTH / 2 - PDF_MM(5.0);
	t = g_strconcat(lb->place, ": ", s->place, "\n", lb->issued, ": ",
	    s->issued_at, NULL);
	when = pdf_text(doc, PDF_F_STAMP, t, colw, PANGO_ALIGN_LEFT);
	g_free(t);
	if (s->signer != NULL) {
		who = pdf_text(doc, PDF_F_STAMP, lb->signer, colw,
		    PANGO_ALIGN_CENTER);
		name = pdf_text(doc, PDF_F_BODY, s->signer, colw,
		    PANGO_ALIGN_CENTER);
		h = pdf_height(who) + PDF_MM(2.0) + pdf_height(name);
	} else {
		who = pdf_text(doc, PDF_F_STAMP, lb->automatic, colw,
		    PANGO_ALIGN_CENTER);
		h = pdf_height(who);
	}
	h = fmax(h, pdf_height(when));

	tx = PDF_LEFT + PDF_QR_SIDE + PDF_MM(4.0);
	if (s->verify_code != NULL) {
		clab = pdf_text(doc, PDF_F_STAMP, lb->code, PDF_RIGHT - tx,
		    PANGO_ALIGN_LEFT);
		code = pdf_text(doc, PDF_F_CODE, s->verify_code,
		    PDF_RIGHT - tx, PANGO_ALIGN_LEFT);
		vlab = pdf_text(doc, PDF_F_STAMP, lb->verify, PDF_RIGHT - tx,
		    PANGO_ALIGN_LEFT);
		url = pdf_text(doc, PDF_F_SMALL, s->verify_url,
		    PDF_RIGHT - tx, PANGO_ALIGN_LEFT);
		pango_layout_set_attributes(code, pdf_cache.nohyphen);
		pango_layout_set_attributes(url, pdf_cache.nohyphen);
		th = pdf_height(clab) + pdf_height(code) + PDF_MM(2.5) +
		    pdf_height(vlab) + pdf_height(url);
		vh = PDF_MM(6.0) + fmax(PDF_QR_SIDE, th);
	}

	pdf_gap(doc, PDF_MM(9.0));
	if ((st = pdf_need(doc, h + vh)) != DM_OK)
		return st;
	p = doc->page;
	y0 = doc->y;
	if ((st = pdf_place(doc, when, PDF_LEFT, 0.0, &p, &y0)) != DM_OK)
		return st;
	p = doc->page;
	y0 = doc->y;
	if ((st = pdf_place(doc, who, PDF_RIGHT - colw, 0.0, &p,
	    &y0)) != DM_OK)
		return st;
	if (name != NULL) {
		y0 += PDF_MM(2.0);
		if ((st = pdf_place(doc, name, PDF_RIGHT - colw, 0.0, &p,
		    &y0)) != DM_OK)
			return st;
	}
	doc->y += h;
	if (s->verify_code == NULL)
		return DM_OK;

	doc->y += PDF_MM(6.0);
	pdf_rule(doc, doc->page, PDF_LEFT, doc->y - PDF_MM(3.0), PDF_WIDTH, 0,
	    0.7);
	op = pdf_op(doc, PDF_OP_QR, doc->page);
	op->x = PDF_LEFT;
	op->y = doc->y + fmax(0.0, (th - PDF_QR_SIDE) / 2);
	op->w = PDF_QR_SIDE;
	p = doc->page;
	ty = doc->y + fmax(0.0, (PDF_QR_SIDE - th) / 2);
	if ((st = pdf_place(doc, clab, tx, 0.25, &p, &ty)) != DM_OK ||
	    (st = pdf_place(doc, code, tx, 0.0, &p, &ty)) != DM_OK)
		return st;
	ty += PDF_MM(2.5);
	if ((st = pdf_place(doc, vlab, tx, 0.25, &p, &ty)) != DM_OK ||
	    (st = pdf_place(doc, url, tx, 0.0, &p, &ty)) != DM_OK)
		return st;
	doc->y += vh - PDF_MM(6.0);
	return DM_OK;
}

static dm_status
pdf_layout_body(struct pdf_doc *doc)
{
	const struct pdf_spec	*s = doc->spec;
	PangoLayout		*l, *first;
	double			 h;
	size_t			 i;
	dm_status		 st;

	l = pdf_text(doc, PDF_F_TITLE, s->title, PDF_WIDTH, PANGO_ALIGN_CENTER);
	if ((st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
		return st;
	if (s->subtitle != NULL) {
		doc->y += PDF_MM(1.5);
		l = pdf_text(doc, PDF_F_SUBTITLE, s->subtitle, PDF_WIDTH,
		    PANGO_ALIGN_CENTER);
		if ((st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
			return st;
	}
	pdf_gap(doc, PDF_MM(7.0));

	for (i = 0; i < s->nparagraphs; i++) {
		l = pdf_text(doc, PDF_F_BODY, s->paragraphs[i], PDF_WIDTH,
		    PANGO_ALIGN_LEFT);
		pango_layout_set_justify(l, TRUE);
		if ((st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
			return st;
		pdf_gap(doc, PDF_MM(2.5));
	}

	if (s->nrows > 0) {
		pdf_gap(doc, PDF_MM(2.0));
		if (s->table_title != NULL) {
			l = pdf_text(doc, PDF_F_STRONG, s->table_title,
			    PDF_WIDTH, PANGO_ALIGN_LEFT);
			/* Keep the title with at least one row. */
			first = pdf_text(doc, PDF_F_VALUE, s->rows[0].value,
			    PDF_WIDTH - PDF_LABEL_W - 2 * PDF_CELL_PADX,
			    PANGO_ALIGN_LEFT);
			h = pdf_height(l) + PDF_MM(1.5) + pdf_height(first) +
			    2 * PDF_CELL_PADY;
			if ((st = pdf_need(doc, h)) != DM_OK ||
			    (st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
				return st;
			doc->y += PDF_MM(1.5);
		}
		for (i = 0; i < s->nrows; i++)
			if ((st = pdf_layout_row(doc, &s->rows[i])) != DM_OK)
				return st;
		pdf_gap(doc, PDF_MM(5.0));
	}

	for (i = 0; i < s->nafter; i++) {
		l = pdf_text(doc, PDF_F_VALUE, s->after[i], PDF_WIDTH,
		    PANGO_ALIGN_LEFT);
		pango_layout_set_justify(l, TRUE);
		if ((st = pdf_flow(doc, l, PDF_LEFT)) != DM_OK)
			return st;
		pdf_gap(doc, PDF_MM(2.0));
	}
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

static void
pdf_draw_frame(struct pdf_doc *doc, cairo_t *cr, int page, int npages)
{
	const struct pdf_spec	*s = doc->spec;
	char			*t;

	cairo_set_source_rgb(cr, 0, 0, 0);
	if (doc->emblem != NULL) {
		cairo_save(cr);
		cairo_translate(cr, PDF_LEFT, PDF_TOP);
		cairo_scale(cr, doc->emblem_scale, doc->emblem_scale);
		cairo_set_source_surface(cr, doc->emblem, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr),
		    CAIRO_FILTER_GOOD);
		cairo_rectangle(cr, 0, 0,
		    cairo_image_surface_get_width(doc->emblem),
		    cairo_image_surface_get_height(doc->emblem));
		cairo_fill(cr);
		cairo_restore(cr);
	}
	pdf_draw_layout(cr, doc->muni, doc->muni_x, PDF_TOP);
	if (doc->lines != NULL) {
		cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
		pdf_draw_layout(cr, doc->lines, doc->muni_x, doc->lines_y);
		cairo_set_source_rgb(cr, 0, 0, 0);
	}
	if (page == 0)
		pdf_draw_layout(cr, doc->stamp, PDF_RIGHT - PDF_STAMP_W,
		    PDF_TOP);

	cairo_set_line_width(cr, PDF_HAIR);
	cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
	cairo_move_to(cr, PDF_LEFT, doc->head_rule);
	cairo_line_to(cr, PDF_RIGHT, doc->head_rule);
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
 * Cairo spends formatting numbers into it, small.
 */
static void
pdf_draw_ops(struct pdf_doc *doc, cairo_t *cr, const size_t *order,
    size_t n)
{
	static const enum pdf_op_kind	 pass[] = { PDF_OP_FILL, PDF_OP_RULE,
	    PDF_OP_TEXT, PDF_OP_QR };
	const struct pdf_op		*op;
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
				pdf_draw_qr(cr, doc->qr, op->x, op->y, op->w);
				break;
			}
		}
		if (pending)
			pdf_paint(cr, pass[k]);
	}
}

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_buf	*b = closure;
	unsigned char	*p;
	size_t		 cap;

	if (len > b->cap - b->len) {
		cap = b->cap ? b->cap : 65536;
		while (cap - b->len < len) {
			if (cap > SIZE_MAX / 2)
				return CAIRO_STATUS_WRITE_ERROR;
			cap *= 2;
		}
		if ((p = realloc(b->data, cap)) == NULL)
			return CAIRO_STATUS_WRITE_ERROR;
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	return CAIRO_STATUS_SUCCESS;
}

static dm_status
pdf_draw(struct pdf_doc *doc, unsigned char **out, size_t *outlen)
{
	const struct pdf_spec	*s = doc->spec;
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
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE,
	    s->title);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_AUTHOR,
	    s->municipality);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR,
	    "Dimos");
	cr = cairo_create(surf);
	for (p = 0; p < npages; p++) {
		pdf_draw_frame(doc, cr, p, npages);
		pdf_draw_ops(doc, cr, order + first[p],
		    first[p + 1] - first[p]);
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
	*out = buf.data;
	*outlen = buf.len;
	buf.data = NULL;
	st = DM_OK;
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
	free(doc->layouts);
	free(doc->ops);
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
	memset(&doc, 0, sizeof(doc));
	doc.spec = spec;
	doc.row_page = -1;

	if (spec->verify_url != NULL) {
		doc.qr = QRcode_encodeString(spec->verify_url, 0,
		    QR_ECLEVEL_M, QR_MODE_8, 1);
		if (doc.qr == NULL) {
			st = errno == ERANGE ? DM_ELIMIT :
			    errno == EINVAL ? DM_EINPUT : DM_EINTERNAL;
			goto out;
		}
	}
	if (spec->emblem_png != NULL &&
	    (st = pdf_emblem_get(spec->emblem_png, &doc.emblem)) != DM_OK)
		goto out;
	if ((st = pdf_layout_frame(&doc)) != DM_OK ||
	    (st = pdf_layout_body(&doc)) != DM_OK)
		goto out;
	st = pdf_draw(&doc, out, outlen);
out:
	pdf_doc_free(&doc);
	return st;
}
