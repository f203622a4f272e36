/*
 * render.c - XML page documents and their transformation to HTML.
 * One stylesheet per language is compiled per worker at start (a root that
 * imports xslt/site.xsl and every enabled plugin's stylesheet); SIGHUP
 * replaces the workers and so recompiles it. Output goes straight from
 * the serializer into the FastCGI stream.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "digits.h"
#include "i18n.h"
#include "log.h"
#include "pagecache.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "url.h"
#include "xmlmem.h"

/* libxml2 strings are unsigned; keep them const. */
#define XC(s)	((const xmlChar *)(s))

#define MAX_ROOTS	40

static xsltStylesheetPtr compiled[I18N__MAX];
static xsltSecurityPrefsPtr prefs;
static xsltDocLoaderFunc default_loader;
static char *roots[MAX_ROOTS];
static size_t nroots;
static enum i18n_lang cur_lang;
static enum i18n_lang compile_lang;

/*
 * Parts of the page that are the same on every page of a language (the
 * footer, the brand): the layout wraps them in <dm:keep name="...">; the
 * first page of a worker serializes them and keeps the bytes, every later
 * page asks dm:kept('name') and puts <dm:kept name="..."/>, which the
 * serializer replaces with them. What a keep holds depends only on the
 * language and the configuration (a reload starts new workers).
 */
#define MAX_KEPT	64		/* per language; then written each time */
#define KEPT_NAME	32

struct kept {
	char	 name[KEPT_NAME];
	char	*bytes;
	size_t	 len;
};

static struct kept kept[I18N__MAX][MAX_KEPT];

static const struct kept *
kept_find(enum i18n_lang lang, const char *name)
{
	for (size_t i = 0; i < MAX_KEPT && kept[lang][i].bytes != NULL; i++)
		if (strcmp(kept[lang][i].name, name) == 0)
			return &kept[lang][i];
	return NULL;
}

static void
kept_clear(void)
{
	for (int l = 0; l < I18N__MAX; l++)
		for (size_t i = 0; i < MAX_KEPT; i++) {
			free(kept[l][i].bytes);
			memset(&kept[l][i], 0, sizeof(kept[l][i]));
		}
}

/* Is path (absolute, resolved) inside one of the allowed folders? */
static int
path_allowed(const char *uri)
{
	char resolved[PATH_MAX];
	const char *p = uri;

	if (strncmp(p, "file://", 7) == 0)
		p += 7;
	if (p[0] != '/' || realpath(p, resolved) == NULL)
		return 0;
	for (size_t i = 0; i < nroots; i++) {
		size_t n = strlen(roots[i]);

		if (strncmp(resolved, roots[i], n) == 0 &&
		    (resolved[n] == '/' || resolved[n] == '\0'))
			return 1;
	}
	return 0;
}

/*
 * Replaces every dm:t('key') in value with the string as an XPath literal,
 * when the key is known and the string can be quoted. Returns a new string
 * or NULL if nothing changed.
 */
static xmlChar *
inline_calls(const xmlChar *value, enum i18n_lang lang)
{
	static const char call[] = "dm:t('";
	const char *v = (const char *)value, *p, *end;
	xmlChar *out = NULL;
	int changed = 0;

	if (strstr(v, call) == NULL)
		return NULL;
	while ((p = strstr(v, call)) != NULL) {
		char key[128];
		const char *str;
		char quote;
		size_t klen;

		end = strstr(p + sizeof(call) - 1, "')");
		klen = end ? (size_t)(end - p) - (sizeof(call) - 1) : 0;
		if (end == NULL || klen == 0 || klen >= sizeof(key)) {
			out = xmlStrncat(out, XC(v), (int)(p - v) + 1);
			v = p + 1;
			continue;
		}
		memcpy(key, p + sizeof(call) - 1, klen);
		key[klen] = '\0';
		str = i18n_get(lang, key);
		quote = str && strchr(str, '\'') == NULL ? '\'' :
		    str && strchr(str, '"') == NULL ? '"' : 0;
		out = xmlStrncat(out, XC(v), (int)(p - v));
		if (str == NULL || quote == 0) {
			/* Unknown (logged at run time) or unquotable. */
			out = xmlStrncat(out, XC(p), (int)(end + 2 - p));
		} else {
			out = xmlStrncat(out, XC(&quote), 1);
			out = xmlStrcat(out, XC(str));
			out = xmlStrncat(out, XC(&quote), 1);
			changed = 1;
		}
		v = end + 2;
	}
	out = xmlStrcat(out, XC(v));
	if (!changed) {
		xmlFree(out);
		return NULL;
	}
	return out;
}

/*
 * The strings do not change until the next reload, so each language gets
 * its own compiled stylesheet with dm:t('literal') calls already replaced
 * by their text; only dm:t($computed) remains a call at run time.
 */
static void
inline_strings(xmlNodePtr n, enum i18n_lang lang)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			xmlChar *nv = v ? inline_calls(v, lang) : NULL;

			if (nv != NULL)
				xmlSetNsProp(n, a->ns, a->name, nv);
			xmlFree(nv);
			xmlFree(v);
		}
		inline_strings(n->children, lang);
	}
}

static xmlDocPtr
restricted_loader(const xmlChar *uri, xmlDictPtr dict, int options,
    void *ctxt, xsltLoadType type)
{
	xmlDocPtr doc;

	if (!path_allowed((const char *)uri)) {
		log_error("xslt: refusing to load '%s' (outside the allowed "
		    "folders)", uri);
		return NULL;
	}
	doc = default_loader(uri, dict, options | XML_PARSE_NONET, ctxt,
	    type);
	if (doc != NULL && type == XSLT_LOAD_STYLESHEET)
		inline_strings(doc->children, compile_lang);
	return doc;
}

static int
check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
    const char *value)
{
	(void)sec;
	(void)ctxt;
	return path_allowed(value);
}

/* The one string argument of an extension function (to xmlFree), or
 * NULL with the error set. */
static xmlChar *
one_string_arg(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return NULL;
	}
	return xmlXPathPopString(ctxt);
}

/* dm:t('key'): the string in the page's language. */
static void
xf_t(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *key = one_string_arg(ctxt, nargs);

	if (key == NULL)
		return;
	valuePush(ctxt, xmlXPathNewString(XC(i18n_str(cur_lang,
	    (const char *)key))));
	xmlFree(key);
}

/* dm:kept('name'): are the bytes of that part of the page kept? */
static void
xf_kept(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *name = one_string_arg(ctxt, nargs);

	if (name == NULL)
		return;
	valuePush(ctxt, xmlXPathNewBoolean(kept_find(cur_lang,
	    (const char *)name) != NULL));
	xmlFree(name);
}

static void xslt_error(void *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
xslt_error(void *ctx, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	size_t n;

	(void)ctx;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n > 0)
		log_error("xslt: %s", buf);
}

static void
add_root(const char *dir)
{
	char resolved[PATH_MAX];

	if (nroots == MAX_ROOTS || realpath(dir, resolved) == NULL)
		return;
	roots[nroots++] = strdup(resolved);
}

dm_status
render_init(const char *xslt_dir, const char *const *extra_roots,
    size_t nextra, const char *const *sheets, size_t nsheets)
{
	char *src = NULL, *p;
	size_t len = 0;
	FILE *mem;
	xmlDocPtr doc = NULL;
	char base[PATH_MAX];
	dm_status st = DM_EINTERNAL;

	render_fini();
	xmlSetGenericErrorFunc(NULL, xslt_error);
	xsltSetGenericErrorFunc(NULL, xslt_error);
	if (default_loader == NULL)
		default_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(restricted_loader);
	add_root(xslt_dir);
	for (size_t i = 0; i < nextra; i++)
		add_root(extra_roots[i]);

	prefs = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, check_read);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	xsltSetDefaultSecurityPrefs(prefs);
	xsltRegisterExtModuleFunction(XC("t"), XC(RENDER_NS), xf_t);
	xsltRegisterExtModuleFunction(XC("kept"), XC(RENDER_NS), xf_kept);

	/* The root stylesheet: the core's site.xsl, then each plugin's. */
	mem = open_memstream(&src, &len);
	fprintf(mem, "<xsl:stylesheet version=\"1.0\" "
	    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\">\n"
	    "<xsl:import href=\"site.xsl\"/>\n");
	for (size_t i = 0; i < nsheets; i++) {
		xmlChar *esc = xmlEncodeSpecialChars(NULL,
		    XC(sheets[i]));

		fprintf(mem, "<xsl:import href=\"file://%s\"/>\n", esc);
		xmlFree(esc);
	}
	fprintf(mem, "</xsl:stylesheet>\n");
	fclose(mem);

	if (realpath(xslt_dir, base) == NULL) {
		log_error("xslt: folder %s not found", xslt_dir);
		goto out;
	}
	p = NULL;
	if (asprintf(&p, "%s/_root.xsl", base) < 0)
		goto out;
	for (int l = 0; l < I18N__MAX; l++) {
		doc = xmlReadMemory(src, (int)len, p, "UTF-8",
		    XML_PARSE_NONET);
		if (doc == NULL)
			break;
		compile_lang = (enum i18n_lang)l;
		compiled[l] = xsltParseStylesheetDoc(doc);
		if (compiled[l] == NULL) {
			log_error("xslt: the stylesheets in %s do not compile",
			    xslt_dir);
			xmlFreeDoc(doc);
			break;
		}
	}
	free(p);
	if (compiled[I18N__MAX - 1] == NULL)
		goto out;
	st = DM_OK;
out:
	free(src);
	return st;
}

void
render_fini(void)
{
	kept_clear();
	for (int l = 0; l < I18N__MAX; l++) {
		if (compiled[l] != NULL)
			xsltFreeStylesheet(compiled[l]);
		compiled[l] = NULL;
	}
	if (prefs != NULL) {
		xsltSetDefaultSecurityPrefs(NULL);
		xsltFreeSecurityPrefs(prefs);
	}
	prefs = NULL;
	for (size_t i = 0; i < nroots; i++)
		free(roots[i]);
	nroots = 0;
}

struct dm_node *
render_begin(struct dm_req *req, const char *view, const char *title)
{
	xmlDocPtr doc;
	xmlNodePtr page, content;

	render_discard(req);
	doc = xmlNewDoc(XC("1.0"));
	page = xmlNewDocNode(doc, NULL, XC("page"), NULL);
	xmlDocSetRootElement(doc, page);
	content = xmlNewChild(page, NULL, XC("content"), NULL);
	xmlNewProp(content, XC("view"), XC(view));
	if (title != NULL)
		xmlNewProp(page, XC("title"), XC(title));
	req->doc = doc;
	req->page = page;
	req->content = content;
	req->view = view;
	return (struct dm_node *)content;
}

/* Frees a document, or only releases its dictionary when the render
 * arena takes everything else back at the end of the request. */
static void
drop_doc(xmlDocPtr doc)
{
	if (doc == NULL)
		return;
	if (!xmlmem_can_drop()) {
		xmlFreeDoc(doc);
		return;
	}
	if (doc->dict != NULL)
		xmlDictFree(doc->dict);
}

void
render_discard(struct dm_req *req)
{
	if (req->doc != NULL)
		drop_doc(req->doc);
	req->doc = NULL;
	req->page = NULL;
	req->content = NULL;
	req->view = NULL;
}

struct dm_node *
render_add(struct dm_node *parent, const char *name, const char *text)
{
	return (struct dm_node *)xmlNewTextChild((xmlNodePtr)parent, NULL,
	    XC(name), XC(text));
}

void
render_attr(struct dm_node *node, const char *name, const char *value)
{
	if (value != NULL)
		xmlSetProp((xmlNodePtr)node, XC(name), XC(value));
}

void
render_attr_int(struct dm_node *node, const char *name, long long value)
{
	char buf[DIG_INT_SIZE];

	/* Ids on every row of a list: no printf. */
	dig_int(buf, value);
	xmlSetProp((xmlNodePtr)node, XC(name), XC(buf));
}

void
render_paragraphs(struct dm_node *parent, const char *text)
{
	const char *p = text, *end;

	if (text == NULL)
		return;
	while (*p != '\0') {
		while (*p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		end = strstr(p, "\n\n");
		if (end == NULL)
			end = p + strlen(p);
		xmlNewTextChild((xmlNodePtr)parent, NULL, XC("p"), NULL);
		xmlNodeAddContentLen(((xmlNodePtr)parent)->last,
		    XC(p), (int)(end - p));
		p = end;
	}
}

/*
 * HTML5 serialization of the transform's result tree, written straight
 * into the FastCGI stream through a small buffer. libxml2's HTML dumper
 * allocates for every text node and attribute; this does not allocate.
 * Text is escaped (& < >), attribute values too (& " < >); there is no raw
 * output path, so nothing a user typed can become markup.
 */
struct out {
	struct dm_req	*req;
	size_t		 len;
	char		*copy;		/* the page, for pagecache.c */
	size_t		 copy_len;
	size_t		 copy_cap;
	int		 copying;
	char		*keep;		/* a <dm:keep> being written */
	size_t		 keep_len;
	size_t		 keep_cap;
	int		 keeping;
	char		 buf[16384];
};

/* Appends to a growing buffer; 0 when out of memory. */
static int
grow_append(char **b, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n > *cap) {
		size_t c = *cap ? *cap * 2 : 16384;
		char *p;

		while (c < *len + n)
			c *= 2;
		if ((p = realloc(*b, c)) == NULL)
			return 0;
		*b = p;
		*cap = c;
	}
	memcpy(*b + *len, s, n);
	*len += n;
	return 1;
}

/* Everything written also goes to the copy, if one is kept, and to the
 * part of the page being kept. */
static void
out_write(struct out *o, const char *s, size_t n)
{
	http_write(o->req, s, n);
	if (o->copying && !grow_append(&o->copy, &o->copy_len, &o->copy_cap,
	    s, n))
		o->copying = 0;
	if (o->keeping && !grow_append(&o->keep, &o->keep_len, &o->keep_cap,
	    s, n))
		o->keeping = 0;
}

static void
out_flush(struct out *o)
{
	if (o->len > 0)
		out_write(o, o->buf, o->len);
	o->len = 0;
}

static void
out_put(struct out *o, const char *s, size_t n)
{
	if (n > sizeof(o->buf) - o->len) {
		out_flush(o);
		if (n > sizeof(o->buf)) {
			out_write(o, s, n);
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void
out_ch(struct out *o, char c)
{
	if (o->len == sizeof(o->buf))
		out_flush(o);
	o->buf[o->len++] = c;
}

static void
out_str(struct out *o, const char *s)
{
	out_put(o, s, strlen(s));
}

static void
out_escaped(struct out *o, const xmlChar *s, int attr)
{
	const char *p = (const char *)s;
	const char *reject = attr ? "&<>\"" : "&<>";

	for (;;) {
		size_t n = strcspn(p, reject);

		out_put(o, p, n);
		p += n;
		switch (*p) {
		case '\0': return;
		case '&': out_put(o, "&amp;", 5); break;
		case '<': out_put(o, "&lt;", 4); break;
		case '>': out_put(o, "&gt;", 4); break;
		default: out_put(o, "&quot;", 6); break;
		}
		p++;
	}
}

static int
is_void(const xmlChar *name)
{
	const char *n = (const char *)name;

	/* One or two comparisons an element, by the first letter. */
	switch (n[0]) {
	case 'a': return strcmp(n, "area") == 0;
	case 'b': return strcmp(n, "br") == 0 || strcmp(n, "base") == 0;
	case 'c': return strcmp(n, "col") == 0;
	case 'e': return strcmp(n, "embed") == 0;
	case 'h': return strcmp(n, "hr") == 0;
	case 'i': return strcmp(n, "input") == 0 || strcmp(n, "img") == 0;
	case 'l': return strcmp(n, "link") == 0;
	case 'm': return strcmp(n, "meta") == 0;
	case 's': return strcmp(n, "source") == 0;
	case 't': return strcmp(n, "track") == 0;
	case 'w': return strcmp(n, "wbr") == 0;
	default: return 0;
	}
}

static void	out_node(struct out *, xmlNodePtr);

/* An attribute's text as it is in the tree (no copy), or NULL. */
static const char *
attr_text(xmlNodePtr n, const char *name)
{
	xmlAttrPtr a = xmlHasProp(n, XC(name));

	if (a == NULL || a->children == NULL || a->children->content == NULL)
		return NULL;
	return (const char *)a->children->content;
}

/*
 * <dm:keep name="n">...</dm:keep>: its content, written and kept for the
 * page's language; <dm:kept name="n"/>: what was kept.
 */
static void
out_dimos(struct out *o, xmlNodePtr n)
{
	const char *name = attr_text(n, "name");
	const struct kept *k;

	if (name == NULL || strlen(name) >= KEPT_NAME) {
		log_error("render: <dm:%s> without a usable name", n->name);
		return;
	}
	if (strcmp((const char *)n->name, "kept") == 0) {
		if ((k = kept_find(cur_lang, name)) != NULL)
			out_put(o, k->bytes, k->len);
		else
			log_error("render: nothing kept as '%s'", name);
		return;
	}
	if (strcmp((const char *)n->name, "keep") != 0 || o->keeping) {
		log_error("render: <dm:%s> unknown or nested", n->name);
		return;
	}
	out_flush(o);
	o->keeping = 1;
	o->keep_len = 0;
	out_node(o, n->children);
	out_flush(o);
	if (o->keeping && kept_find(cur_lang, name) == NULL) {
		for (size_t i = 0; i < MAX_KEPT; i++) {
			struct kept *slot = &kept[cur_lang][i];

			if (slot->bytes != NULL)
				continue;
			snprintf(slot->name, sizeof(slot->name), "%s", name);
			slot->bytes = o->keep;
			slot->len = o->keep_len;
			o->keep = NULL;
			o->keep_cap = 0;
			break;
		}
	}
	o->keeping = 0;
	o->keep_len = 0;
}

static void
out_node(struct out *o, xmlNodePtr n)
{
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			if (n->ns != NULL && n->ns->href != NULL &&
			    strcmp((const char *)n->ns->href, RENDER_NS) == 0) {
				out_dimos(o, n);
				break;
			}
			out_ch(o, '<');
			out_str(o, (const char *)n->name);
			/* Foreign content (inline SVG) keeps its namespace. */
			for (xmlNsPtr ns = n->nsDef; ns != NULL; ns = ns->next)
				if (ns->prefix == NULL && ns->href != NULL) {
					out_str(o, " xmlns=\"");
					out_escaped(o, ns->href, 1);
					out_ch(o, '"');
				}
			for (xmlAttrPtr a = n->properties; a != NULL;
			    a = a->next) {
				out_ch(o, ' ');
				out_str(o, (const char *)a->name);
				out_put(o, "=\"", 2);
				for (xmlNodePtr t = a->children; t != NULL;
				    t = t->next)
					if (t->content != NULL)
						out_escaped(o, t->content, 1);
				out_ch(o, '"');
			}
			out_ch(o, '>');
			if (is_void(n->name))
				break;
			out_node(o, n->children);
			out_put(o, "</", 2);
			out_str(o, (const char *)n->name);
			out_ch(o, '>');
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (n->content != NULL)
				out_escaped(o, n->content, 0);
			break;
		case XML_DOCUMENT_NODE:
		case XML_HTML_DOCUMENT_NODE:
		case XML_DOCUMENT_FRAG_NODE:
			out_node(o, n->children);
			break;
		default:
			/* Comments, processing instructions, DTD: dropped. */
			break;
		}
	}
}

static void
page_attrs(struct dm_req *req)
{
	xmlNodePtr page = req->page;
	const struct render_user *u = req->user;

	xmlNewProp(page, XC("lang"), XC(req->lang));
	/* Links are built from it (the language switch): a URL, never the
	 * decoded path, which could read as another site ("/\host"). */
	xmlNewProp(page, XC("path"), XC(url_of_path(req->arena,
	    req->path)));
	xmlNewProp(page, XC("static"), XC(req->cfg->static_url));
	if (u != NULL) {
		xmlNodePtr n = xmlNewChild(page, NULL, XC("user"), NULL);

		xmlNewProp(n, XC("name"), XC(u->name));
		xmlNewProp(n, XC("level"), XC(u->level == 'B' ? "B" : "A"));
		xmlNewProp(n, XC("csrf"), XC(u->csrf));
		if (u->staff)
			xmlNewProp(n, XC("staff"), XC("1"));
		if (u->admin)
			xmlNewProp(n, XC("admin"), XC("1"));
		if (u->unread >= 0) {
			char c[24];

			snprintf(c, sizeof(c), "%lld", u->unread);
			xmlNewProp(n, XC("unread"), XC(c));
		}
	}
}

void
render_page(struct dm_req *req)
{
	xsltTransformContextPtr tctx = NULL;
	xmlDocPtr res = NULL;
	int status = req->status ? req->status : 200;
	xsltStylesheetPtr sheet;

	cur_lang = i18n_lang_of(req->lang);
	sheet = compiled[cur_lang];
	if (req->doc == NULL || sheet == NULL) {
		log_error("render: no page to render");
		goto fail;
	}
	page_attrs(req);
	tctx = xsltNewTransformContext(sheet, req->doc);
	if (tctx == NULL)
		goto fail;
	xsltSetCtxtSecurityPrefs(prefs, tctx);
	res = xsltApplyStylesheetUser(sheet, req->doc, NULL, NULL, NULL,
	    tctx);
	if (res == NULL || tctx->state != XSLT_STATE_OK) {
		log_error("render: transforming view '%s' failed",
		    req->view ? req->view : "?");
		goto fail;
	}
	http_begin(req, status, "text/html; charset=utf-8");
	{
		struct out *o = arena_alloc(req->arena, sizeof(*o));

		o->req = req;
		o->len = 0;
		o->copy = NULL;
		o->copy_len = o->copy_cap = 0;
		o->copying = pagecache_marked(req);
		o->keep = NULL;
		o->keep_len = o->keep_cap = 0;
		o->keeping = 0;
		out_str(o, "<!DOCTYPE html>\n");
		out_node(o, res->children);
		out_flush(o);
		if (o->copying)
			pagecache_keep(req, o->copy, o->copy_len);
		free(o->copy);
		free(o->keep);
	}
	drop_doc(res);
	xsltFreeTransformContext(tctx);
	render_discard(req);
	return;
fail:
	if (res != NULL)
		drop_doc(res);
	if (tctx != NULL)
		xsltFreeTransformContext(tctx);
	render_discard(req);
	if (!req->sent) {
		static const char msg[] = "Σφάλμα του διακομιστή / "
		    "Internal server error\n";

		http_send(req, 500, "text/plain; charset=utf-8", msg,
		    sizeof(msg) - 1);
	}
}

struct dm_node *
render_error_page(struct dm_req *req, int status, const char *reason)
{
	struct dm_node *c = render_begin(req, "error", NULL);

	render_attr_int(c, "status", status);
	render_attr(c, "reason", reason);
	/* The id of the access log's line and of anything logged meanwhile,
	 * for the reader to quote. */
	render_attr(c, "request", req->rid);
	req->status = status;
	return c;
}

void
render_error_reason(struct dm_req *req, int status, const char *reason)
{
	if (req->sent) {
		log_error("render: status %d after the response began",
		    status);
		return;
	}
	render_error_page(req, status, reason);
	render_page(req);
}

void
render_error(struct dm_req *req, int status)
{
	render_error_reason(req, status, NULL);
}
