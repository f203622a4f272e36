/*
 * test_render.c - pages through XSLT: escaping of user text, the HTML5
 * serializer, compile-time strings, and the security rules (no files
 * outside the allowed folders, no writing, no imports from elsewhere).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fastcgi.h>
#include <fcgiapp.h>
#include <libxml/tree.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "http.h"
#include "i18n.h"
#include "render.h"

static struct arena A;
static struct config cfg;
static char dir[] = "/tmp/dimos-xslt-XXXXXX";
static char out[65536];

static void
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

#define HEAD "<xsl:stylesheet version=\"1.0\" " \
    "xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" " \
    "xmlns:dm=\"urn:dimos\" exclude-result-prefixes=\"dm\">"

static const char site[] = HEAD
    "<xsl:template match='/page'><html><body>"
    "<p id='t'><xsl:value-of select='content/text'/></p>"
    "<a href='{content/@href}' title='{content/@title}'>x</a>"
    "<br/><div class='empty'></div><img src='/e.svg' alt=''/>"
    "<p id='i18n'><xsl:value-of select=\"dm:t('greeting')\"/></p>"
    "<p id='avt' title=\"{dm:t('greeting')}\">-</p>"
    "<p id='dyn'><xsl:value-of select='dm:t(content/@key)'/></p>"
    "<!-- a comment -->"
    "<svg xmlns='http://www.w3.org/2000/svg' width='1'><path d='M0 0'/>"
    "</svg>"
    "</body></html></xsl:template></xsl:stylesheet>";

/* Captures what the response writes into out[] (FastCGI framing kept). */
static char out_path[] = "/tmp/dimos-out-XXXXXX";
static int out_fd = -1;

static void
open_out(struct dm_req *req)
{
	strcpy(out_path, "/tmp/dimos-out-XXXXXX");
	out_fd = mkstemp(out_path);
	assert_true(out_fd >= 0);
	req->out = FCGX_CreateWriter(out_fd, 1, 8192, FCGI_STDOUT);
}

static void
close_out(struct dm_req *req)
{
	FCGX_Stream *s = req->out;
	ssize_t n;

	FCGX_FClose(s);
	FCGX_FreeStream(&s);
	lseek(out_fd, 0, SEEK_SET);
	n = read(out_fd, out, sizeof(out) - 1);
	assert_true(n > 0);
	out[n] = '\0';
	/* Record headers may hold NULs; make the text searchable. */
	for (ssize_t i = 0; i < n; i++)
		if (out[i] == '\0')
			out[i] = '.';
	close(out_fd);
	unlink(out_path);
}

static void
render_into(struct dm_req *req)
{
	open_out(req);
	render_page(req);
	close_out(req);
}

static void
new_req(struct dm_req *req, const char *lang)
{
	memset(req, 0, sizeof(*req));
	req->arena = &A;
	req->cfg = &cfg;
	req->lang = lang;
	req->path = "/t";
	req->method = HTTP_GET;
}

static int
setup(void **state)
{
	char path[256];

	(void)state;
	arena_init(&A);
	cfg.static_url = (char *)"/static";
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/site.xsl", dir);
	write_file(path, site);
	i18n_set(I18N_EL, "greeting", "Καλημέρα \"σας\"");
	i18n_set(I18N_EN, "greeting", "Good morning");
	i18n_set(I18N_EL, "other", "Άλλο");
	i18n_set(I18N_EN, "other", "Other");
	return 0;
}

static int
teardown(void **state)
{
	char cmd[256];

	(void)state;
	render_fini();
	i18n_free();
	arena_free(&A);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static void
test_escaping(void **state)
{
	struct dm_req req;
	struct dm_node *c;

	(void)state;
	assert_int_equal(render_init(dir, NULL, 0, NULL, 0), DM_OK);
	new_req(&req, "el");
	c = render_begin(&req, "test", NULL);
	render_add(c, "text", "<script>alert(1)</script> & \"q\"");
	render_attr(c, "href", "/x?a=1&b=\"><script>");
	render_attr(c, "title", "Δήμος <b>");
	render_attr(c, "key", "other");
	render_into(&req);

	assert_non_null(strstr(out, "Status: 200 OK"));
	assert_non_null(strstr(out, "<!DOCTYPE html>\n<html><body>"));
	assert_non_null(strstr(out, "<p id=\"t\">&lt;script&gt;alert(1)"
	    "&lt;/script&gt; &amp; \"q\"</p>"));
	assert_non_null(strstr(out, "href=\"/x?a=1&amp;b=&quot;&gt;"
	    "&lt;script&gt;\""));
	assert_non_null(strstr(out, "title=\"Δήμος &lt;b&gt;\""));
	assert_null(strstr(out, "<script>"));
	/* Void elements have no end tag; empty ones keep theirs. */
	assert_non_null(strstr(out, "<br><div class=\"empty\"></div>"
	    "<img src=\"/e.svg\" alt=\"\">"));
	assert_null(strstr(out, "</br>"));
	/* Strings: inlined at compile time and looked up at run time. */
	assert_non_null(strstr(out, "<p id=\"i18n\">Καλημέρα \"σας\"</p>"));
	assert_non_null(strstr(out, "title=\"Καλημέρα &quot;σας&quot;\""));
	assert_non_null(strstr(out, "<p id=\"dyn\">Άλλο</p>"));
	assert_null(strstr(out, "a comment"));
	assert_non_null(strstr(out, "<svg xmlns=\"http://www.w3.org/2000/svg\""
	    " width=\"1\"><path d=\"M0 0\"></path></svg>"));

	new_req(&req, "en");
	c = render_begin(&req, "test", NULL);
	render_attr(c, "key", "other");
	req.status = 404;
	render_into(&req);
	assert_non_null(strstr(out, "Status: 404 Not Found"));
	assert_non_null(strstr(out, "<p id=\"i18n\">Good morning</p>"));
	assert_non_null(strstr(out, "<p id=\"dyn\">Other</p>"));
	render_fini();
}

static void
test_paragraphs(void **state)
{
	struct dm_req req;
	struct dm_node *c;

	(void)state;
	assert_int_equal(render_init(dir, NULL, 0, NULL, 0), DM_OK);
	new_req(&req, "el");
	c = render_begin(&req, "test", NULL);
	render_paragraphs(render_add(c, "text", NULL),
	    "first\n\nsecond <x>\n\n\n\nthird");
	render_into(&req);
	assert_non_null(strstr(out, "<p id=\"t\">firstsecond &lt;x&gt;"
	    "third</p>"));
	render_fini();
}

static void
test_refused_import(void **state)
{
	char outside[256], path[256], bad[1024];

	(void)state;
	/* A stylesheet importing a file outside the folder never compiles. */
	snprintf(outside, sizeof(outside), "%s.outside.xsl", dir);
	write_file(outside, HEAD "</xsl:stylesheet>");
	snprintf(bad, sizeof(bad), HEAD "<xsl:import href='file://%s'/>"
	    "</xsl:stylesheet>", outside);
	snprintf(path, sizeof(path), "%s/site.xsl", dir);
	write_file(path, bad);
	assert_int_not_equal(render_init(dir, NULL, 0, NULL, 0), DM_OK);
	render_fini();

	/* The same file becomes allowed once its folder is a root. */
	{
		const char *roots[] = { "/tmp" };

		assert_int_equal(render_init(dir, roots, 1, NULL, 0), DM_OK);
		render_fini();
	}

	/* Reading files outside the folders fails the page, leaking
	 * nothing. */
	write_file(path, HEAD "<xsl:template match='/'><html><pre>"
	    "<xsl:value-of select=\"document('/etc/passwd')\"/></pre></html>"
	    "</xsl:template></xsl:stylesheet>");
	assert_int_equal(render_init(dir, NULL, 0, NULL, 0), DM_OK);
	{
		struct dm_req req;

		new_req(&req, "el");
		render_begin(&req, "test", NULL);
		render_into(&req);
		assert_non_null(strstr(out, "Status: 500"));
		assert_null(strstr(out, "root:"));
	}
	render_fini();

	/* Writing files is forbidden even to a stylesheet we load. */
	write_file(path, "<xsl:stylesheet version='1.0' "
	    "xmlns:xsl='http://www.w3.org/1999/XSL/Transform' "
	    "xmlns:exsl='http://exslt.org/common' "
	    "extension-element-prefixes='exsl'>"
	    "<xsl:template match='/'><exsl:document href='/tmp/dimos-pwned'>"
	    "x</exsl:document><html/></xsl:template></xsl:stylesheet>");
	if (render_init(dir, NULL, 0, NULL, 0) == DM_OK) {
		struct dm_req req;

		new_req(&req, "el");
		render_begin(&req, "test", NULL);
		render_into(&req);
		render_fini();
	}
	{
		struct stat st;

		assert_int_not_equal(stat("/tmp/dimos-pwned", &st), 0);
	}
	unlink(outside);
	write_file(path, site);
}

static void
test_real_stylesheets(void **state)
{
	struct dm_req req;

	(void)state;
	assert_int_equal(i18n_load(DIMOS_SOURCE_DIR "/xslt/i18n", NULL),
	    DM_OK);
	assert_int_equal(render_init(DIMOS_SOURCE_DIR "/xslt", NULL, 0, NULL,
	    0), DM_OK);
	new_req(&req, "en");
	render_begin(&req, "catalogue", NULL);
	render_into(&req);
	assert_non_null(strstr(out, "<html lang=\"en\">"));
	assert_non_null(strstr(out, "No online services are available"));
	assert_non_null(strstr(out, "<meta charset=\"utf-8\">"));

	new_req(&req, "el");
	open_out(&req);
	render_error(&req, 404);
	close_out(&req);
	assert_int_equal(req.status, 404);
	assert_non_null(strstr(out, "Η σελίδα δεν βρέθηκε"));
	new_req(&req, "el");
	req.status = 0;
	{
		struct dm_node *c = render_begin(&req, "error", NULL);

		render_attr_int(c, "status", 413);
		req.status = 413;
		render_into(&req);
	}
	assert_non_null(strstr(out, "Status: 413"));
	assert_non_null(strstr(out, "Το αρχείο ή η φόρμα είναι πολύ "
	    "μεγάλα"));
	render_fini();
}

/* Numbers as attributes: every digit, the sign, the extremes. */
static void
test_attr_int(void **state)
{
	static const struct { long long v; const char *text; } cases[] = {
		{ 0, "0" }, { 7, "7" }, { 413, "413" }, { -1, "-1" },
		{ 1234567890123LL, "1234567890123" },
		{ LLONG_MAX, "9223372036854775807" },
		{ LLONG_MIN, "-9223372036854775808" },
	};
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr n = xmlNewDocNode(doc, NULL, (const xmlChar *)"x", NULL);

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		xmlChar *v;

		render_attr_int((struct dm_node *)n, "n", cases[i].v);
		v = xmlGetProp(n, (const xmlChar *)"n");
		assert_string_equal((const char *)v, cases[i].text);
		xmlFree(v);
	}
	xmlFreeNode(n);
	xmlFreeDoc(doc);
}

/* Parts of the page kept per language (<dm:keep>, dm:kept()): written by
 * the first page, the same bytes on the next ones, per language, and
 * gone with the stylesheets. */
static const char kept_site[] = HEAD
    "<xsl:template match='/page'><html><body>"
    "<xsl:choose><xsl:when test=\"dm:kept('part')\"><dm:kept name='part'/>"
    "</xsl:when><xsl:otherwise><dm:keep name='part'><p class='k'>"
    "<xsl:value-of select='content/@n'/>: <xsl:value-of "
    "select=\"dm:t('greeting')\"/></p></dm:keep></xsl:otherwise>"
    "</xsl:choose><p id='n'><xsl:value-of select='content/@n'/></p>"
    "<dm:other name='x'>dropped</dm:other>"
    "</body></html></xsl:template></xsl:stylesheet>";

static void
render_n(const char *lang, int n)
{
	struct dm_req req;

	new_req(&req, lang);
	render_attr_int(render_begin(&req, "test", NULL), "n", n);
	render_into(&req);
}

static void
test_kept(void **state)
{
	char kdir[] = "/tmp/dimos-kept-XXXXXX", path[256], cmd[300];

	(void)state;
	assert_non_null(mkdtemp(kdir));
	snprintf(path, sizeof(path), "%s/site.xsl", kdir);
	write_file(path, kept_site);
	assert_int_equal(render_init(kdir, NULL, 0, NULL, 0), DM_OK);
	render_n("el", 1);
	assert_non_null(strstr(out, "<body><p class=\"k\">1: Καλημέρα "
	    "\"σας\"</p><p id=\"n\">1</p></body>"));
	assert_null(strstr(out, "dropped"));
	assert_null(strstr(out, "dm:"));
	/* The next page gets the bytes kept, not its own. */
	render_n("el", 2);
	assert_non_null(strstr(out, "<body><p class=\"k\">1: Καλημέρα "
	    "\"σας\"</p><p id=\"n\">2</p></body>"));
	/* Each language keeps its own. */
	render_n("en", 3);
	assert_non_null(strstr(out, "<p class=\"k\">3: Good morning</p>"
	    "<p id=\"n\">3</p>"));
	render_n("en", 4);
	assert_non_null(strstr(out, "<p class=\"k\">3: Good morning</p>"
	    "<p id=\"n\">4</p>"));
	/* New stylesheets (a reload): nothing kept. */
	render_fini();
	assert_int_equal(render_init(kdir, NULL, 0, NULL, 0), DM_OK);
	render_n("el", 5);
	assert_non_null(strstr(out, "<p class=\"k\">5: Καλημέρα"));
	render_fini();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", kdir);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_paragraphs),
		cmocka_unit_test(test_attr_int),
		cmocka_unit_test(test_kept),
		cmocka_unit_test(test_refused_import),
		cmocka_unit_test(test_real_stylesheets),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
