/*
 * verify.c - the public verification pages, for anyone, without logging
 * in: /verify (a form), /verify/<code> (what a printed QR code opens),
 * POST /verify with a PDF (is it byte for byte an issued document? if
 * not, was it altered after sealing?), and every generation's public key
 * and certificate. A result is valid, revoked, unknown or altered, with
 * what the document itself shows (type, date, protocol number, the
 * holder's initials) and the seal (its key, when it sealed, its
 * certificate, the PDF's own signature); lookups are limited per client
 * address.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "documents.h"
#include "keystore.h"
#include "localtime.h"
#include "pades.h"
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

#define VERIFY_WINDOW	600		/* [security] verify_per_client in
					   this many seconds */
#define VERIFY_LOCKOUT	600

/* Lookups are public but limited per client address: an error page
 * (429) when this one is over the limit. */
static int
throttled(struct dm_req *req)
{
	char subject[64];

	snprintf(subject, sizeof(subject), "v:%s", req_ip(req));
	if (throttle_try(req, subject, req->cfg->verify_per_client,
	    VERIFY_WINDOW, VERIFY_LOCKOUT) > 0) {
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

/* "YYYY-MM-DD HH:MM:SS" (UTC) of t, as the database writes times. */
static const char *
utc_text(struct dm_req *req, time_t t)
{
	struct tm tm;
	char buf[32];

	if (t == 0 || gmtime_r(&t, &tm) == NULL)
		return NULL;
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	return arena_strdup(req->arena, buf);
}

/* The certificate a signature was made with, for people. */
static void
cert_node(struct dm_req *req, struct dm_node *parent,
    const struct pades_cert_info *ci)
{
	struct dm_node *n = render_add(parent, "certificate", NULL);
	char hex[2 * sizeof(ci->sha256) + 1];

	render_attr(n, "subject", ci->subject);
	render_attr(n, "issuer", ci->issuer);
	render_attr(n, "serial", ci->serial);
	render_attr(n, "from", lt_format(req->arena, utc_text(req,
	    ci->not_before), 0));
	render_attr(n, "until", lt_format(req->arena, utc_text(req,
	    ci->not_after), 0));
	seal_hex(ci->sha256, sizeof(ci->sha256), hex);
	render_attr(n, "sha256", hex);
}

/* The generation that sealed it: its key, when it sealed, its
 * certificate, and where both are published. */
static void
seal_node(struct dm_req *req, struct dm_node *r, const struct keystore_pub *k)
{
	struct dm_node *n = render_add(r, "seal", NULL);
	struct pades_cert_info ci;

	render_attr(n, "key", k->id);
	render_attr(n, "activated", lt_format(req->arena, k->activated, 0));
	render_attr(n, "retired", k->retired[0] ? lt_format(req->arena,
	    k->retired, 0) : NULL);
	render_attr(n, "pub", arena_printf(req->arena,
	    "/verify/keys/%s/seal.pub", k->id));
	if (k->cert != NULL && pades_cert_info(k->cert, k->certlen, &ci) ==
	    DM_OK) {
		render_attr(n, "crt", arena_printf(req->arena,
		    "/verify/keys/%s/seal.crt", k->id));
		cert_node(req, n, &ci);
	}
}

/* How an embedded signature checked out, as the page says it. */
static const char *const embedded_state[PADES_STATE__MAX] = {
	[PADES_ABSENT] = "absent",
	[PADES_BROKEN] = "broken",
	[PADES_VALID] = "valid",
};

/*
 * A result: valid, revoked, or unknown; both seals are checked with the
 * generation the record names and must agree with it.
 */
static dm_status
verify_result(struct dm_req *req, struct dm_node *c,
    const struct document *d, const char *how, struct dm_node **out)
{
	struct dm_node *r = render_add(c, "result", NULL);
	struct document_seal seal;
	dm_status st;

	*out = r;
	render_attr(r, "how", how);
	if (d == NULL) {
		render_attr(r, "status", "unknown");
		return DM_OK;
	}
	pages_document(req, r, d);
	if ((st = documents_check(req, d, &seal)) != DM_OK)
		return st;
	if (!seal.ok) {
		/* The record no longer matches the municipality's seal. */
		render_attr(r, "status", "unknown");
		return DM_OK;
	}
	if (seal.gen != NULL)
		seal_node(req, r, seal.gen);
	if (seal.checked) {
		struct dm_node *e = render_add(r, "embedded", NULL);

		render_attr(e, "state", embedded_state[seal.embedded]);
		if (seal.embedded == PADES_VALID)
			cert_node(req, e, &seal.signer);
	}
	render_attr(r, "issuer", pages_t(req, "site.name"));
	return DM_OK;
}

/*
 * A file that matches no record: if it carries a PDF signature, say
 * whether the file was changed after it was signed (the usual case: an
 * edited copy of a real certificate).
 */
static void
verify_unknown_file(struct dm_node *r, const struct upload *u)
{
	struct pades_check ck;

	if (pades_verify((const unsigned char *)u->data, u->len, NULL, 0,
	    &ck) != DM_OK || ck.state == PADES_ABSENT)
		return;
	render_attr(r, "status", ck.state == PADES_BROKEN ? "altered" :
	    "unknown");
	render_attr(render_add(r, "embedded", NULL), "state",
	    embedded_state[ck.state]);
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

/*
 * A lookup's answer on the page: the document, or "unknown"; an uploaded
 * file that matches no record is looked at for its own signature.
 */
static dm_status
show(struct dm_req *req, struct dm_node *c, dm_status st,
    const struct document *d, const char *how, const struct upload *u)
{
	struct dm_node *r;
	dm_status rst;

	if (st != DM_OK && st != DM_ENOTFOUND)
		return st;
	if ((rst = verify_result(req, c, st == DM_OK ? d : NULL, how, &r)) !=
	    DM_OK)
		return rst;
	if (st == DM_ENOTFOUND && u != NULL)
		verify_unknown_file(r, u);
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
	return show(req, c, st, &d, "code", NULL);
}

/* POST /verify with a PDF: is it byte for byte an issued document? */
static dm_status
page_verify_upload(struct dm_req *req)
{
	struct upload *u = req_upload(req, "file");
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
	    &d, "file", u);
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

/* /verify/keys/:id/seal.pub and seal.crt: every generation, for good. */
static dm_status
send_key(struct dm_req *req, int crt)
{
	const struct keystore_pub *k;
	char b64[SEAL_PUB_BASE64_SIZE];
	const char *text;
	dm_status st;

	if ((st = documents_generation(req, kv_get(&req->args, "id"), &k)) !=
	    DM_OK)
		return st;
	if (crt) {
		if (k->cert == NULL)
			return DM_ENOTFOUND;
		if ((st = pades_pem(k->cert, k->certlen, k->chain, k->chainlen,
		    req->arena, &text)) != DM_OK)
			return st;
		http_header(req, "Content-Disposition", arena_printf(req->arena,
		    "attachment; filename=\"seal-%s.crt\"", k->id));
		http_send(req, 200, "application/x-pem-file", text,
		    strlen(text));
		return DM_OK;
	}
	sodium_bin2base64(b64, sizeof(b64), k->pk, sizeof(k->pk),
	    sodium_base64_VARIANT_ORIGINAL);
	text = arena_printf(req->arena, "dimos-seal-public-v1\n%s\n", b64);
	http_header(req, "Content-Disposition", arena_printf(req->arena,
	    "inline; filename=\"seal-%s.pub\"", k->id));
	http_send(req, 200, "text/plain; charset=utf-8", text, strlen(text));
	return DM_OK;
}

static dm_status
page_key_pub(struct dm_req *req)
{
	return send_key(req, 0);
}

static dm_status
page_key_crt(struct dm_req *req)
{
	return send_key(req, 1);
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/verify/keys/:id/seal.pub", DM_ROUTE_PUBLIC,
	    page_key_pub },
	{ DM_METHOD_GET, "/verify/keys/:id/seal.crt", DM_ROUTE_PUBLIC,
	    page_key_crt },
	{ DM_METHOD_GET, "/verify", DM_ROUTE_PUBLIC, page_verify },
	{ DM_METHOD_POST, "/verify", DM_ROUTE_PUBLIC, page_verify_upload },
	{ DM_METHOD_GET, "/verify/:code", DM_ROUTE_PUBLIC, page_verify_code },
	{ DM_METHOD_GET, "/verify/key/seal.pub", DM_ROUTE_PUBLIC,
	    page_public_key },
};

const struct route_table verify_routes = { routes, NELEMS(routes) };
