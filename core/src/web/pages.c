/*
 * pages.c - the kit the page files share (pages.h), and the table of their
 * route tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "attachments.h"
#include "auth.h"
#include "config.h"
#include "documents.h"
#include "forms.h"
#include "i18n.h"
#include "localtime.h"
#include "log.h"
#include "mailbox.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "response.h"
#include "seal.h"
#include "session.h"
#include "session_cookie.h"
#include "url.h"

const char *
pages_urlencode(struct dm_req *req, const char *s)
{
	return url_encode(req->arena, s, "/");
}

/* A numeric path argument (":id"): a positive number, else 0. */
static long long
positive(const char *s)
{
	char *end;
	long long v;

	if (s == NULL)
		return 0;
	v = strtoll(s, &end, 10);
	return *end == '\0' && v > 0 ? v : 0;
}

long long
pages_query_id(struct dm_req *req, const char *name)
{
	return positive(kv_get(&req->query, name));
}

long long
pages_arg_id(struct dm_req *req, const char *name)
{
	return positive(kv_get(&req->args, name));
}

/* Sends a file as an attachment download (never rendered inline). */
/* Content-Disposition: attachment with a plain fallback name and the
 * exact one (RFC 6266 filename*). */
static void
attachment_headers(struct dm_req *req, const char *name)
{
	char ascii[256];
	size_t k = 0;
	const char *enc;

	for (const char *p = name; *p && k < sizeof(ascii) - 1; p++)
		ascii[k++] = (*p >= 0x20 && *p < 0x7f && *p != '"' &&
		    *p != '\\') ? *p : '_';
	ascii[k] = '\0';
	enc = pages_urlencode(req, name);
	http_header(req, "Content-Disposition", arena_printf(req->arena,
	    "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc));
	http_header(req, "Cache-Control", "private, no-store");
}

void
pages_send_file(struct dm_req *req, const char *name, const char *type,
    const void *data, size_t len)
{
	attachment_headers(req, name);
	http_send(req, 200, type, data, len);
}

static dm_status
send_piece(void *arg, const char *data, size_t len)
{
	struct dm_req *req = arg;

	http_write(req, data, len);
	return DM_OK;
}

/*
 * An attachment of request id, if the caller's scope allows it: the file
 * as a download, or a photo's thumbnail shown inline in the page that
 * lists it. The bytes go out one stored chunk at a time, never whole in
 * memory.
 */
static dm_status
send_attachment(struct dm_req *req, long long id, long long att,
    int with_internal, int thumb)
{
	struct attachment a;
	unsigned char sha[32];
	dm_status st;

	if ((st = attachments_find(req, id, att, with_internal, thumb, &a,
	    sha)) != DM_OK)
		return st;
	if (!thumb) {
		attachment_headers(req, a.filename);
	} else {
		http_header(req, "Cache-Control", "private, max-age=3600");
		http_header(req, "X-Content-Type-Options", "nosniff");
	}
	http_header(req, "Content-Length", arena_printf(req->arena, "%lld",
	    a.size));
	http_begin(req, 200, thumb ? "image/jpeg" : a.type);
	st = attachments_each_piece(req, sha, send_piece, req);
	if (st != DM_OK)
		/* The status line is gone: the client sees a short body
		 * against its Content-Length. */
		log_error("attachment %lld of request %lld: its content could "
		    "not be read", att, id);
	return DM_OK;
}

dm_status
pages_download(struct dm_req *req, long long id, long long att,
    int with_internal)
{
	return send_attachment(req, id, att, with_internal, 0);
}

dm_status
pages_thumbnail(struct dm_req *req, long long id, long long att,
    int with_internal)
{
	return send_attachment(req, id, att, with_internal, 1);
}

void
pages_locked(struct dm_req *req, struct ffield *f, long long wait)
{
	char mins[24];

	snprintf(mins, sizeof(mins), "%lld", (wait + 59) / 60);
	f->error = i18n_format(req->arena, i18n_lang_of(req->lang),
	    "err.login_locked", (const char *const[]){ "minutes", mins, NULL });
	req->status = 429;
}

const char *
pages_t(struct dm_req *req, const char *key)
{
	return i18n_str(i18n_lang_of(req->lang), key);
}

void
pages_document(struct dm_req *req, struct dm_node *n,
    const struct document *d)
{
	char hex[2 * SEAL_SIGNATURE_BYTES + 1];

	render_attr_int(n, "id", d->id);
	render_attr(n, "code", documents_code_dashed(req, d->code));
	render_attr(n, "title", d->title);
	render_attr(n, "status", d->status);
	render_attr(n, "kind", d->kind);
	render_attr(n, "issued", lt_format(req->arena, d->issued_at, 1));
	render_attr(n, "protocol", d->protocol);
	render_attr(n, "initials", d->initials);
	render_attr(n, "reason", d->reason);
	render_attr(n, "revoked", lt_format(req->arena, d->revoked_at, 1));
	render_attr(n, "automatic", d->issued_by ? NULL : "1");
	render_attr(n, "verify", arena_printf(req->arena, "/verify/%s",
	    d->code));
	seal_hex(d->sha256, SEAL_HASH_BYTES, hex);
	render_attr(n, "sha256", hex);
	seal_hex(d->signature, SEAL_SIGNATURE_BYTES, hex);
	render_attr(n, "signature", hex);
	render_attr(n, "key", d->key_id);
}

/* Page kit -------------------------------------------------------------- */

struct dm_node *
pages_titled(struct dm_req *req, const char *view, const char *title_key)
{
	struct dm_node *c = render_begin(req, view, pages_t(req, title_key));

	render_add(c, "heading", pages_t(req, title_key));
	return c;
}

void
pages_para(struct dm_req *req, struct dm_node *c, const char *key)
{
	render_add(c, "p", pages_t(req, key));
}

void
pages_link(struct dm_req *req, struct dm_node *c, const char *href,
    const char *key)
{
	struct dm_node *l = render_add(c, "link", NULL);

	render_attr(l, "href", href);
	render_attr(l, "label", pages_t(req, key));
}

dm_status
pages_message(struct dm_req *req, int status, const char *kind,
    const char *title_key, const char *text_key, const char *const *vars,
    const char *href, const char *link_key)
{
	struct dm_node *c = pages_titled(req, "message", title_key);

	render_attr(c, "kind", kind);
	render_add(c, "p", i18n_format(req->arena, i18n_lang_of(req->lang),
	    text_key, vars));
	if (href != NULL)
		pages_link(req, c, href, link_key);
	req->status = status;
	return DM_OK;
}

dm_status
pages_confirm(struct dm_req *req, const char *title_key,
    const char *text_key, const char *action, const char *token,
    const char *submit_key)
{
	struct dm_node *c = pages_titled(req, "form", title_key);
	struct ffield *f = arena_zalloc(req->arena, sizeof(*f));

	pages_para(req, c, text_key);
	f->name = "token";
	f->type = F_HIDDEN;
	f->label = "token";
	f->value = token;
	forms_node(req, c, "confirm", action, submit_key, f, 1);
	return DM_OK;
}

dm_status
pages_bad_link(struct dm_req *req, const char *href, const char *link_key)
{
	return pages_message(req, 404, "error", "link.bad.title",
	    "link.bad.text", NULL, href, link_key);
}

static const struct fdef email_defs[] = {
	{ "email", F_EMAIL, "f.email", NULL, FF_REQUIRED, 0, 254, "email",
	    NULL },
};

dm_status
pages_email_form(struct dm_req *req, const char *const keys[5],
    const char *action, pages_send_fn send)
{
	struct ffield *f = forms_from_defs(req, email_defs, 1);
	struct dm_node *c;

	if (req->method == HTTP_POST && forms_check(req, f, 1) == 0 &&
	    !pages_mail_limited(req, f)) {
		if (send(req, f->value) != DM_OK)
			return DM_EINTERNAL;
		return pages_message(req, 200, "success", keys[3], keys[4],
		    (const char *const[]){ "email", f->value, NULL }, "/login",
		    "login.title");
	}
	if (req->method == HTTP_POST && req->status != 429)
		req->status = 422;
	c = pages_titled(req, "form", keys[0]);
	pages_para(req, c, keys[1]);
	forms_node(req, c, "email", action, keys[2], f, 1);
	return DM_OK;
}

int
pages_mail_limited(struct dm_req *req, struct ffield *email)
{
	long long wait = auth_mail_limit(req, email->value);
	char mins[24];

	if (wait <= 0)
		return 0;
	snprintf(mins, sizeof(mins), "%lld", (wait + 59) / 60);
	email->error = i18n_format(req->arena, i18n_lang_of(req->lang),
	    "err.mail_limit", (const char *const[]){ "minutes", mins, NULL });
	req->status = 429;
	return 1;
}

const char *
pages_local_next(struct dm_req *req, const char *next)
{
	if (next == NULL || strlen(next) > 200)
		return NULL;
	return url_local(req->arena, next);
}

/* The field asking for the current password, if the form has one. */
static struct ffield *
current_password(struct ffield *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].type == F_PASSWORD && f[i].autocomplete != NULL &&
		    strcmp(f[i].autocomplete, "current-password") == 0)
			return &f[i];
	return NULL;
}

dm_status
pages_account_form(struct dm_req *req, const struct fdef *defs, size_t n,
    struct account *a, struct ffield **f, size_t *nout)
{
	struct ffield *pw;
	dm_status st;

	if ((st = account_load(req, req->session->account_id, a)) != DM_OK)
		return st;
	*f = forms_from_defs(req, defs, n);
	/* An account without a password (made through TaxisNet or at the
	 * counter) has none to re-enter: its session is the proof. */
	if (!a->has_password && (pw = current_password(*f, n)) != NULL) {
		memmove(pw, pw + 1, (size_t)(*f + n - pw - 1) * sizeof(*pw));
		n--;
	}
	*nout = n;
	return DM_OK;
}

int
pages_reauth(struct dm_req *req, struct ffield *f, size_t n,
    const struct account *a)
{
	struct ffield *pw = current_password(f, n);
	dm_status st;

	if (!a->has_password || pw == NULL)
		return 1;
	st = auth_reauth(req, a->id, pw->value);
	if (st == DM_EDENIED)
		forms_error(req, pw, "err.password_wrong");
	return st == DM_OK;
}

void
pages_taxisnet(struct dm_req *req, struct dm_node *c, const char *text_key)
{
	struct dm_node *t;

	if (!req->cfg->taxis_enabled)
		return;
	t = render_add(c, "taxisnet", NULL);
	render_attr(t, "href", "/login/taxisnet");
	render_attr(t, "text", pages_t(req, text_key));
	render_attr(t, "label", pages_t(req, "login.taxisnet"));
}

const struct plugin *
pages_department(struct dm_req *req)
{
	return plugins_find(kv_get(&req->args, "dept"));
}

/*
 * The department's own staff pages as tabs beside the queue: each GET
 * route "/staff/<dept>/<page>" of the plugin whose strings name it
 * ("<dept>.tab.<page>"), the head's only for the head.
 */
static void
plugin_tabs(struct dm_req *req, struct dm_node *c, const struct plugin *p,
    int head)
{
	const char *dept = p->desc->department->code;
	const char *prefix = arena_printf(req->arena, "/staff/%s/", dept);
	size_t plen = strlen(prefix);

	for (const struct dm_route *r = p->desc->routes; r && r->pattern;
	    r++) {
		const char *page, *label;
		struct dm_node *t;

		if (!(r->methods & DM_METHOD_GET) || strchr(r->pattern, ':') ||
		    strncmp(r->pattern, prefix, plen) != 0)
			continue;
		page = r->pattern + plen;
		if (page[0] == '\0' || strchr(page, '/') != NULL ||
		    ((r->access & DM_ROUTE_HEAD) && !head) ||
		    (r->access & DM_ROUTE_ADMIN))
			continue;
		label = i18n_get(i18n_lang_of(req->lang), arena_printf(
		    req->arena, "%s.tab.%s", dept, page));
		if (label == NULL)
			continue;
		t = render_add(c, "tab", NULL);
		render_attr(t, "href", r->pattern);
		render_attr(t, "label", label);
		if (strcmp(req->path, r->pattern) == 0)
			render_attr(t, "current", "1");
	}
}

void
pages_dept_attrs(struct dm_req *req, struct dm_node *c,
    const struct plugin *p)
{
	const struct dm_department *d = p->desc->department;
	int head = session_has_role(req->session, ROLE_HEAD, d->code) ||
	    session_has_role(req->session, ROLE_ADMIN, NULL);

	render_attr(c, "dept", d->code);
	render_attr(c, "dept-name", pages_l(req, d->name_el, d->name_en));
	render_attr(c, "csrf", csrf_token(req));
	if (head)
		render_attr(c, "head", "1");
	plugin_tabs(req, c, p, head);
}

const char *
pages_dept_name(struct dm_req *req, const char *code)
{
	if (code == NULL)
		return NULL;
	for (size_t i = 0; i < plugins_count(); i++) {
		const struct dm_department *d = plugins_at(i)->desc->department;

		if (strcmp(d->code, code) == 0)
			return pages_l(req, d->name_el, d->name_en);
	}
	return code;
}

const char *
pages_l(const struct dm_req *req, const char *el, const char *en)
{
	return i18n_pick(req->lang, el, en);
}

void
pages_service_attrs(struct dm_req *req, struct dm_node *n,
    const struct dm_service *s)
{
	render_attr(n, "code", s->code);
	render_attr(n, "title", pages_l(req, s->title_el, s->title_en));
	render_attr_int(n, "sla", s->sla_days);
	render_attr(n, "result", result_kind_name(s->result));
	if (s->flags & DM_SERVICE_LEVEL_B)
		render_attr(n, "level-b", "1");
	if (s->flags & DM_SERVICE_CONFIDENTIAL)
		render_attr(n, "confidential", "1");
	if (s->flags & DM_SERVICE_LOCATION)
		render_attr(n, "location", "1");
	if (s->flags & DM_SERVICE_BUSINESS)
		render_attr(n, "business", "1");
	if (s->fee_el != NULL)
		render_attr(n, "fee", pages_l(req, s->fee_el, s->fee_en));
}

/* The router takes the first route that matches: until it prefers a
 * literal segment to a capture, a literal route comes before a capture
 * that would take it (/staff/reports before /staff/:dept). */
const struct route_table *const pages_route_tables[] = {
	&catalogue_routes,
	&signup_routes,
	&login_routes,
	&login_factor_routes,
	&taxisnet_routes,
	&my_account_routes,
	&my_sessions_routes,
	&my_data_routes,
	&staff_home_routes,
	&apply_routes,
	&my_requests_routes,
	&my_mailbox_routes,
	&staff_reports_routes,
	&public_stats_routes,
	&reports_public_routes,
	&staff_map_routes,
	&open311_routes,
	&staff_queue_routes,
	&staff_request_routes,
	&staff_responses_routes,
	&staff_counter_routes,
	&receipts_routes,
	&verify_routes,
	&notices_routes,
	NULL
};

void
pages_user(struct dm_req *req)
{
	const struct session *s = req->session;
	struct render_user *u;

	if (s == NULL || req->user != NULL)
		return;
	u = arena_zalloc(req->arena, sizeof(*u));
	u->name = s->display;
	u->csrf = s->csrf;
	u->level = s->level;
	u->staff = session_is_staff(s, NULL) || s->nroles > 0;
	u->admin = session_has_role(s, ROLE_ADMIN, NULL);
	_Static_assert(SESSION_UNREAD_MAX == MAILBOX_UNREAD_MAX, "the "
	    "session's unread count has the mailbox's bound");
	u->unread = s->account_id <= 0 ? -1 : !s->unread_known ||
	    req->unread_stale ?
	    mailbox_unread(req, s->account_id) : s->unread <
	    MAILBOX_UNREAD_MAX ? s->unread : MAILBOX_UNREAD_MAX;
	req->user = u;
}
