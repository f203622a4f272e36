/*
 * verify.c - the public verification pages, for anyone, without logging
 * in: /verify (a form), /verify/<code> (what a printed QR code opens),
 * POST /verify with a PDF (is it byte for byte an issued document?), and
 * the seal's public key. A result is valid, revoked or unknown, with what
 * the document itself shows (type, date, protocol number, the holder's
 * initials); lookups are limited per client address.
 */
#include <stdio.h>
#include <string.h>

#include "documents.h"
#include "i18n.h"
#include "log.h"
#include "pages.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "seal.h"
#include "session.h"
#include "session_cookie.h"
#include "throttle.h"

#define VERIFY_MAX	60		/* lookups per client ... */
#define VERIFY_WINDOW	600		/* ... in this many seconds */
#define VERIFY_LOCKOUT	600

/* Lookups are public but limited per client address: an error page
 * (429) when this one is over the limit. */
static int
throttled(struct dm_req *req)
{
	char subject[64];

	snprintf(subject, sizeof(subject), "v:%s", req_ip(req));
	if (throttle_try(req, subject, VERIFY_MAX, VERIFY_WINDOW,
	    VERIFY_LOCKOUT) > 0) {
		render_error_page(req, 429, "verify_limit");
		return 1;
	}
	return 0;
}

static struct dm_node *
verify_page(struct dm_req *req)
{
	struct dm_node *c = render_begin(req, "verify", pages_t(req,
	    "verify.title"));
	struct dm_node *k = render_add(c, "key", documents_key_public());

	render_attr(k, "id", documents_key_id());
	render_attr(c, "csrf", csrf_token(req));
	return c;
}

/* A result: valid, revoked, or unknown; the seal is checked too. */
static void
verify_result(struct dm_req *req, struct dm_node *c,
    const struct document *d, const char *how)
{
	struct dm_node *r = render_add(c, "result", NULL);

	render_attr(r, "how", how);
	if (d == NULL) {
		render_attr(r, "status", "unknown");
		return;
	}
	pages_document(req, r, d);
	if (!documents_seal_ok(d)) {
		/* The record no longer matches the municipality's seal. */
		render_attr(r, "status", "unknown");
		log_error("documents: seal check failed for %s", d->code);
	}
	render_attr(r, "issuer", pages_t(req, "site.name"));
}

static dm_status
page_verify(struct dm_req *req)
{
	const char *code = kv_get(&req->query, "code");
	char norm[SEAL_CODE_LEN + 1];

	if (code != NULL && code[0] != '\0') {
		if (seal_code_normalize(code, norm) != DM_OK) {
			struct dm_node *c = verify_page(req);

			render_attr(c, "error", pages_t(req,
			    "verify.bad_code"));
			render_attr(c, "code", code);
			req->status = 422;
			return DM_OK;
		}
		http_redirect(req, arena_printf(req->arena, "/verify/%s",
		    norm));
		return DM_OK;
	}
	verify_page(req);
	return DM_OK;
}

/* A lookup's answer on the page: the document, or "unknown". */
static dm_status
show(struct dm_req *req, struct dm_node *c, dm_status st,
    const struct document *d, const char *how)
{
	if (st != DM_OK && st != DM_ENOTFOUND)
		return st;
	verify_result(req, c, st == DM_OK ? d : NULL, how);
	return DM_OK;
}

static dm_status
page_verify_code(struct dm_req *req)
{
	struct document d;
	struct dm_node *c;
	dm_status st;

	if (throttled(req))
		return DM_OK;
	c = verify_page(req);
	st = documents_by_code(req, kv_get(&req->args, "code"), &d);
	if (st == DM_ENOTFOUND)
		req->status = 404;
	return show(req, c, st, &d, "code");
}

/* POST /verify with a PDF: is it byte for byte an issued document? */
static dm_status
page_verify_upload(struct dm_req *req)
{
	struct upload *u = req->uploads;
	struct document d;
	struct dm_node *c;

	if (throttled(req))
		return DM_OK;
	c = verify_page(req);
	if (u == NULL || u->data == NULL || u->len == 0) {
		render_attr(c, "error", pages_t(req, u && u->too_big ?
		    "verify.too_big" : u && u->bad_type ? "verify.not_pdf" :
		    "verify.no_file"));
		req->status = u && u->too_big ? 413 : 422;
		return DM_OK;
	}
	return show(req, c, documents_by_content(req, u->data, u->len, &d),
	    &d, "file");
}

static dm_status
page_public_key(struct dm_req *req)
{
	const char *text;

	if (documents_key_public() == NULL)
		return DM_ENOTFOUND;
	text = arena_printf(req->arena, "dimos-seal-public-v1\n%s\n",
	    documents_key_public());
	http_header(req, "Content-Disposition",
	    "inline; filename=\"seal.pub\"");
	http_send(req, 200, "text/plain; charset=utf-8", text, strlen(text));
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/verify", DM_ROUTE_PUBLIC, page_verify },
	{ DM_METHOD_POST, "/verify", DM_ROUTE_PUBLIC, page_verify_upload },
	{ DM_METHOD_GET, "/verify/:code", DM_ROUTE_PUBLIC, page_verify_code },
	{ DM_METHOD_GET, "/verify/key/seal.pub", DM_ROUTE_PUBLIC,
	    page_public_key },
};

const struct route_table verify_routes = { routes, NELEMS(routes) };
