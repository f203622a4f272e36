/*
 * notices.c - the pages the law asks every public site for: the privacy
 * notice (/privacy, GDPR arts. 13-14, which registration asks the user to
 * have read) and the accessibility statement (/accessibility, Directive
 * 2016/2102, law 4591/2019). The municipality's own text comes from the
 * files its configuration names; without them a default text filled in
 * with the municipality's details. Same for every visitor until reload.
 */
#include <string.h>

#include "arena.h"
#include "config.h"
#include "i18n.h"
#include "pagecache.h"
#include "pages.h"
#include "render.h"
#include "req.h"

/*
 * Text into blocks: blank lines separate them; a block that starts with
 * "## " is a heading, one whose lines all start with "- " a list, any
 * other a paragraph.
 */
static void
notice_blocks(struct dm_req *req, struct dm_node *parent, const char *text)
{
	const char *p = text;

	while (*p != '\0') {
		const char *end;
		char *block;
		size_t len;

		while (*p == '\n' || *p == '\r' || *p == ' ')
			p++;
		if (*p == '\0')
			break;
		end = strstr(p, "\n\n");
		len = end ? (size_t)(end - p) : strlen(p);
		block = arena_strndup(req->arena, p, len);
		p += len;
		while (len > 0 && (block[len - 1] == '\r' ||
		    block[len - 1] == ' '))
			block[--len] = '\0';
		if (strncmp(block, "## ", 3) == 0)
			render_add(parent, "h", block + 3);
		else if (strncmp(block, "- ", 2) == 0) {
			struct dm_node *ul = render_add(parent, "ul", NULL);
			char *line = block, *nl;

			do {
				if ((nl = strchr(line, '\n')) != NULL)
					*nl = '\0';
				render_add(ul, "li", strncmp(line, "- ", 2) ==
				    0 ? line + 2 : line);
				line = nl ? nl + 1 : NULL;
			} while (line != NULL);
		} else
			render_add(parent, "p", block);
	}
}

static dm_status
notice_page(struct dm_req *req, const char *kind)
{
	enum i18n_lang l = i18n_lang_of(req->lang);
	const char *own = pages_t(req, arena_printf(req->arena, "site.%s",
	    kind));
	const char *vars[] = {
		"site", pages_t(req, "site.name"),
		"site_of", pages_t(req, "site.name_genitive"),
		"email", pages_t(req, "site.email"),
		"dpo", pages_t(req, "site.dpo_email"),
		"phone", pages_t(req, "site.phone"),
		"address", pages_t(req, "site.address"),
		"url", req->cfg->base_url,
		NULL,
	};
	struct dm_node *c;

	if (pagecache_answer(req))
		return DM_OK;
	c = render_begin(req, "notice", pages_t(req, arena_printf(req->arena,
	    "%s.title", kind)));
	render_attr(c, "kind", kind);
	if (strcmp(kind, "accessibility") == 0)
		render_attr(c, "date", pages_t(req,
		    "site.accessibility_date"));
	notice_blocks(req, render_add(c, "text", NULL), own[0] != '\0' ? own :
	    i18n_format(req->arena, l, arena_printf(req->arena,
	    "%s.default", kind), vars));
	return DM_OK;
}

static dm_status
page_privacy(struct dm_req *req)
{
	return notice_page(req, "privacy");
}

static dm_status
page_accessibility(struct dm_req *req)
{
	return notice_page(req, "accessibility");
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/privacy", DM_ROUTE_PUBLIC, page_privacy },
	{ DM_METHOD_GET, "/accessibility", DM_ROUTE_PUBLIC,
	    page_accessibility },
};

const struct route_table notices_routes = { routes, NELEMS(routes) };
