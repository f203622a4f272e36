/*
 * my_mailbox.c - the citizen's digital mailbox (/mailbox): what the
 * municipality sent them, newest first; one item (opening it reads it),
 * with the document it delivered and its seal; the item's file, for its
 * owner only.
 */
#include "documents.h"
#include "localtime.h"
#include "mailbox.h"
#include "pages.h"
#include "render.h"
#include "req.h"
#include "session.h"

#define PAGE_SIZE	50

static dm_status
page_mailbox(struct dm_req *req)
{
	long long b = pages_query_id(req, "before");
	struct dm_node *c = render_begin(req, "mailbox",
	    pages_t(req, "mailbox.title"));
	struct mailbox_item *v;
	size_t n;
	dm_status st;

	if ((st = mailbox_list(req, session_actor(req), b, PAGE_SIZE, &v,
	    &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n && i < PAGE_SIZE; i++) {
		struct dm_node *it = render_add(c, "item", NULL);

		render_attr_int(it, "id", v[i].id);
		render_attr(it, "kind", v[i].kind);
		render_attr(it, "title", v[i].title);
		render_attr(it, "at", lt_format(req->arena, v[i].created_at,
		    1));
		if (v[i].unread)
			render_attr(it, "unread", "1");
		if (v[i].attachment_id || v[i].document_id)
			render_attr(it, "file", "1");
	}
	if (n > PAGE_SIZE)
		render_attr(c, "next", arena_printf(req->arena,
		    "/mailbox?before=%lld", v[PAGE_SIZE - 1].id));
	return DM_OK;
}

static dm_status
page_mailbox_item(struct dm_req *req)
{
	struct dm_node *c = render_begin(req, "mailbox-item",
	    pages_t(req, "mailbox.title"));
	struct mailbox_item it;
	struct document d;
	struct dm_node *n;
	dm_status st;

	if ((st = mailbox_get(req, session_actor(req), pages_arg_id(req, "id"),
	    1, &it)) != DM_OK)
		return st;
	n = render_add(c, "item", it.body);
	render_attr_int(n, "id", it.id);
	render_attr(n, "kind", it.kind);
	render_attr(n, "title", it.title);
	render_attr(n, "at", lt_format(req->arena, it.created_at, 1));
	if (it.request_id)
		render_attr_int(n, "request", it.request_id);
	if (it.attachment_id || it.document_id)
		render_attr(n, "file", "1");
	if (it.document_id == 0)
		return DM_OK;
	st = documents_get(req, it.document_id, NULL, &d);
	if (st == DM_OK)
		pages_document(req, render_add(c, "document", NULL), &d);
	return st == DM_ENOTFOUND ? DM_OK : st;
}

static dm_status
page_mailbox_file(struct dm_req *req)
{
	struct mailbox_item it;
	const char *data, *code;
	size_t len;
	dm_status st;

	if ((st = mailbox_get(req, session_actor(req), pages_arg_id(req, "id"),
	    0, &it)) != DM_OK)
		return st;
	if (it.document_id) {
		/* The holder's copy of a document. */
		if ((st = documents_fetch(req, it.document_id,
		    session_actor(req), &data, &len, &code)) != DM_OK)
			return st;
		pages_send_file(req, arena_printf(req->arena, "%s.pdf", code),
		    "application/pdf", data, len);
		return DM_OK;
	}
	if (it.attachment_id && it.request_id)
		return pages_download(req, it.request_id, it.attachment_id, 0);
	return DM_ENOTFOUND;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/mailbox", DM_ROUTE_LOGIN, page_mailbox },
	{ DM_METHOD_GET, "/mailbox/:id", DM_ROUTE_LOGIN, page_mailbox_item },
	{ DM_METHOD_GET, "/mailbox/:id/file", DM_ROUTE_LOGIN,
	    page_mailbox_file },
};

const struct route_table my_mailbox_routes = { routes, NELEMS(routes) };
