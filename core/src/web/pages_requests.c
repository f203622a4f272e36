/*
 * pages_requests.c - the citizen's side of requests: a service's form
 * (rendered from its declaration), drafts and their files, preview,
 * submission, "my requests", one request with its public history,
 * answering a question, withdrawing, and the digital mailbox.
 * Everything is scoped to the logged-in owner: anyone else gets 404.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "config.h"
#include "db.h"
#include "documents.h"
#include "forms.h"
#include "i18n.h"
#include "localtime.h"
#include "log.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "session.h"

#define PAGE_SIZE	20

static const char *
T(struct dm_req *req, const char *key)
{
	return i18n_str(i18n_lang_of(req->lang), key);
}

static long long
me(struct dm_req *req)
{
	return req->session->account_id;
}

/* The files of a request (the citizen's, or those of one event). */
struct files_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
	const char	*base;		/* download URL prefix */
};

static dm_status
file_row(void *arg, const struct dm_value *c, size_t n)
{
	struct files_ctx *x = arg;
	struct dm_node *f;

	if (n < 7)
		return DM_EINTERNAL;
	f = render_add(x->list, "file", NULL);
	render_attr_int(f, "id", c[0].i);
	render_attr(f, "name", c[1].s);
	render_attr(f, "type", c[2].s);
	render_attr_int(f, "size", c[3].i);
	render_attr(f, "kb", arena_printf(x->req->arena, "%.1f",
	    (double)c[3].i / 1024.0));
	render_attr(f, "field", c[4].type == DM_V_TEXT ? c[4].s : NULL);
	if (c[5].type == DM_V_INT)
		render_attr_int(f, "event", c[5].i);
	if (c[6].i)
		render_attr(f, "internal", "1");
	render_attr(f, "href", arena_printf(x->req->arena, "%s/%lld",
	    x->base, c[0].i));
	return DM_OK;
}

/* Files under parent: the form's (event 0) or all non-internal ones. */
dm_status
pages_files(struct dm_req *req, struct dm_node *parent, long long id,
    int citizen_only, int with_internal, const char *base)
{
	struct files_ctx x = { req, render_add(parent, "files", NULL), base };
	struct dm_value p[3] = { DM_VINT(id), DM_VINT(citizen_only),
	    DM_VINT(with_internal) };

	return db_query(db_worker(), "SELECT id, filename, content_type, "
	    "size, field, event_id, internal FROM attachments WHERE request_id "
	    "= ? AND "
	    "(? = 0 OR event_id IS NULL) AND (? = 1 OR internal = 0) ORDER "
	    "BY id", p, 3, file_row, &x);
}

/* The declared fields with the values given, choices as their labels. */
void
pages_values(struct dm_req *req, struct dm_node *parent,
    const struct service *sv, const struct request *r)
{
	struct dm_node *list = render_add(parent, "values", NULL);
	size_t n;
	struct ffield *f = forms_from_service(req, sv->svc->fields, &n);

	for (size_t i = 0; i < n; i++) {
		const char *v = request_form_value(req, r, f[i].name);
		struct dm_node *vn;

		if (f[i].type == F_FILE)
			continue;
		if (v != NULL && f[i].nchoices > 0) {
			/* Each chosen value, by its label. */
			char *labels = arena_strdup(req->arena, "");

			for (size_t j = 0; j < f[i].nchoices; j++) {
				const char *c = f[i].choices[j].value, *p = v;
				size_t len = strlen(c);
				int hit = 0;

				while ((p = strstr(p, c)) != NULL && !hit) {
					hit = (p == v || p[-1] == ',') &&
					    (p[len] == '\0' || p[len] == ',');
					p += len;
				}
				if (hit)
					labels = arena_printf(req->arena,
					    "%s%s%s", labels, labels[0] ?
					    ", " : "", f[i].choices[j].label);
			}
			v = labels;
		}
		if (f[i].type == F_DATE && v != NULL) {
			const char *d = lt_date(req->arena, v);

			v = d ? d : v;
		}
		vn = render_add(list, "value", v);
		render_attr(vn, "label", f[i].label);
		render_attr(vn, "name", f[i].name);
		render_attr(vn, "type", ftype_name(f[i].type));
		if (f[i].type == F_ADDRESS) {
			render_attr(vn, "lat", request_form_value(req, r,
			    arena_printf(req->arena, "%s_lat", f[i].name)));
			render_attr(vn, "lon", request_form_value(req, r,
			    arena_printf(req->arena, "%s_lon", f[i].name)));
		}
	}
}

/* Problems with uploaded files become errors on their fields. */
static int
upload_errors(struct dm_req *req, struct ffield *f, size_t n)
{
	int errors = 0;

	for (struct upload *u = req->uploads; u != NULL; u = u->next) {
		struct ffield *x = forms_find(f, n, u->field);
		const char *key = u->too_big ? "err.file_too_big" :
		    u->bad_type ? "err.file_type" : u->too_many ?
		    "err.file_count" : NULL;

		if (key == NULL || x == NULL)
			continue;
		if (x->error == NULL) {
			const char *vars[] = { "label", x->label, "name",
			    u->filename, "max", arena_printf(req->arena, "%lld",
			    req->cfg->lim_upload_file >> 20), "count",
			    arena_printf(req->arena, "%lld",
			    req->cfg->lim_upload_files), NULL };

			x->error = i18n_format(req->arena,
			    i18n_lang_of(req->lang), key, vars);
			errors++;
		}
	}
	return errors;
}

static dm_status
count_files(long long id, const char *field, long long *n)
{
	struct dm_value p[2] = { DM_VINT(id), DM_VTEXT(field) };

	return db_query_int(db_worker(), "SELECT COUNT(*) FROM attachments "
	    "WHERE request_id = ? AND field = ? AND event_id IS NULL", p, 2,
	    n);
}

/* File fields are checked against what the draft already holds. */
static int
check_files(struct dm_req *req, long long id, struct ffield *f, size_t n)
{
	int errors = 0;

	for (size_t i = 0; i < n; i++) {
		long long have = 0;

		if (f[i].type != F_FILE || f[i].error != NULL)
			continue;
		if (id != 0 && count_files(id, f[i].name, &have) != DM_OK)
			continue;
		if ((f[i].flags & FF_REQUIRED) && have == 0) {
			forms_error(req, &f[i], "err.file_required");
			errors++;
		} else if (f[i].max > 0 && have > f[i].max) {
			forms_error(req, &f[i], "err.choices_count");
			errors++;
		}
	}
	return errors;
}

static int
run_validate_hook(struct dm_req *req, const struct service *sv,
    struct ffield *f, size_t n)
{
	struct dm_form form = { req, f, n, 0, NULL };
	int errors = 0;

	if (plugin_validate(req, sv, &form) != DM_OK)
		log_error("plugin %s: validate failed", sv->plugin->name);
	for (size_t i = 0; i < n; i++)
		errors += f[i].error != NULL;
	return errors;
}

/*
 * A service's form as posted, into draft *id of account_id (created when
 * 0): the fields and files are checked, what came is stored whatever was
 * wrong (nothing typed or uploaded is lost), the draft's files are checked
 * against the declaration, then the plugin's hook has its say. *errors is
 * the number of fields with a message.
 */
dm_status
pages_take_form(struct dm_req *req, const struct service *sv,
    struct ffield *f, size_t n, long long account_id, long long *id,
    int *errors)
{
	dm_status st;

	*errors = forms_check(req, f, n) + upload_errors(req, f, n);
	if ((st = request_save_draft(req, sv, f, n, account_id, id)) != DM_OK)
		return st;
	*errors += check_files(req, *id, f, n);
	if (*errors == 0)
		*errors += run_validate_hook(req, sv, f, n);
	return DM_OK;
}

/* The status of a form shown again: 413 when a file was too large. */
int
pages_form_status(const struct dm_req *req)
{
	for (const struct upload *u = req->uploads; u != NULL; u = u->next)
		if (u->too_big)
			return 413;
	return 422;
}

/* Can this account use this service? A page saying why not, if not. */
static int
may_apply(struct dm_req *req, const struct service *sv)
{
	const struct session *s = req->session;
	const char *why = NULL;

	if ((sv->svc->flags & DM_SERVICE_LEVEL_B) && s->level != 'B')
		why = "apply.level_b";
	else if (s->kind == 'b' && !(sv->svc->flags & DM_SERVICE_BUSINESS))
		why = "apply.persons_only";
	if (why == NULL)
		return 1;
	{
		struct dm_node *c = render_begin(req, "message",
		    T(req, "apply.cannot"));

		render_attr(c, "kind", "info");
		render_add(c, "heading", pages_l(req, sv->svc->title_el,
		    sv->svc->title_en));
		render_add(c, "p", T(req, why));
		if (strcmp(why, "apply.level_b") == 0 &&
		    req->cfg->taxis_enabled) {
			struct dm_node *l = render_add(c, "link", NULL);

			render_attr(l, "href", "/login/taxisnet");
			render_attr(l, "label", T(req, "account.verify_taxisnet"));
		}
		req->status = 403;
	}
	return 0;
}

static void
form_page(struct dm_req *req, const struct service *sv, long long draft,
    struct ffield *f, size_t n)
{
	struct dm_node *c, *svn, *fm, *ap;
	const char *action = arena_printf(req->arena, "/services/%s/new%s",
	    sv->svc->code, draft ? arena_printf(req->arena, "?draft=%lld",
	    draft) : "");

	c = render_begin(req, "request-form", pages_l(req, sv->svc->title_el,
	    sv->svc->title_en));
	svn = render_add(c, "service", NULL);
	pages_service_attrs(req, svn, sv->svc);
	render_attr(svn, "department", pages_l(req,
	    sv->plugin->desc->department->name_el,
	    sv->plugin->desc->department->name_en));
	render_add(svn, "summary", pages_l(req, sv->svc->summary_el,
	    sv->svc->summary_en));
	ap = render_add(c, "applicant", NULL);
	render_attr(ap, "name", req->session->display);
	render_attr(ap, "email", req->session->email);
	render_attr(ap, "afm", req->session->afm);
	if (draft != 0) {
		render_attr_int(c, "draft", draft);
		pages_files(req, c, draft, 1, 0, arena_printf(req->arena,
		    "/requests/%lld/files", draft));
	}
	fm = forms_node(req, c, "request", action, "continue", f, n);
	/* Files always travel in a multipart body. */
	render_attr(fm, "enctype", "multipart/form-data");
	forms_button(req, fm, "preview", "request.preview", 0);
	forms_button(req, fm, "save", "request.save_draft", 1);
}

static dm_status
page_new(struct dm_req *req)
{
	const struct service *sv = services_find(kv_get(&req->args, "code"));
	const char *ds = kv_get(&req->query, "draft");
	long long draft = ds ? strtoll(ds, NULL, 10) : 0;
	struct request r;
	struct ffield *f;
	size_t n;
	int errors;
	dm_status st;

	if (sv == NULL)
		return DM_ENOTFOUND;
	if (!may_apply(req, sv))
		return DM_OK;
	if (draft < 0)
		return DM_ENOTFOUND;
	if (draft != 0) {
		/* Someone else's draft, or no longer a draft: not here. */
		if (request_load(req, draft, me(req), NULL, &r) != DM_OK ||
		    r.status != RS_DRAFT || strcmp(r.service,
		    sv->svc->code) != 0)
			return DM_ENOTFOUND;
	}
	f = forms_from_service(req, sv->svc->fields, &n);
	if (req->method != HTTP_POST) {
		if (draft != 0)
			for (size_t i = 0; i < n; i++) {
				f[i].value = request_form_value(req, &r,
				    f[i].name);
				if (f[i].type == F_ADDRESS) {
					f[i].lat = request_form_value(req, &r,
					    arena_printf(req->arena, "%s_lat",
					    f[i].name));
					f[i].lon = request_form_value(req, &r,
					    arena_printf(req->arena, "%s_lon",
					    f[i].name));
				}
			}
		form_page(req, sv, draft, f, n);
		return DM_OK;
	}
	if ((st = pages_take_form(req, sv, f, n, me(req), &draft,
	    &errors)) != DM_OK)
		return st;
	{
		const char *action = kv_get(&req->form, "action");

		if (action != NULL && strcmp(action, "save") == 0) {
			audit(req, "draft_saved", me(req), NULL);
			http_redirect(req, arena_printf(req->arena,
			    "/requests/%lld?saved=1", draft));
			return DM_OK;
		}
	}
	if (errors == 0) {
		http_redirect(req, arena_printf(req->arena,
		    "/requests/%lld/preview", draft));
		return DM_OK;
	}
	req->status = pages_form_status(req);
	form_page(req, sv, draft, f, n);
	return DM_OK;
}

/* Drafts: preview, files, submission -------------------------------- */

static dm_status
load_draft(struct dm_req *req, struct request *r,
    const struct service **sv)
{
	dm_status st = request_load(req, pages_arg_id(req, "id"), me(req), NULL, r);

	if (st != DM_OK)
		return st;
	*sv = services_find(r->service);
	return *sv == NULL ? DM_ENOTFOUND : DM_OK;
}

static dm_status
page_preview(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	struct dm_node *c, *svn;
	dm_status st;

	if ((st = load_draft(req, &r, &sv)) != DM_OK)
		return st;
	if (r.status != RS_DRAFT) {
		http_redirect(req, arena_printf(req->arena, "/requests/%lld",
		    r.id));
		return DM_OK;
	}
	c = render_begin(req, "request-preview", T(req, "preview.title"));
	render_attr_int(c, "id", r.id);
	render_attr(c, "csrf", csrf_token(req));
	svn = render_add(c, "service", NULL);
	pages_service_attrs(req, svn, sv->svc);
	render_attr(svn, "department", pages_l(req,
	    sv->plugin->desc->department->name_el,
	    sv->plugin->desc->department->name_en));
	{
		struct dm_node *ap = render_add(c, "applicant", NULL);

		render_attr(ap, "name", req->session->display);
		render_attr(ap, "email", req->session->email);
		render_attr(ap, "afm", req->session->afm);
	}
	pages_values(req, c, sv, &r);
	return pages_files(req, c, r.id, 1, 0, arena_printf(req->arena,
	    "/requests/%lld/files", r.id));
}

static dm_status
page_submit(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	struct dm_certificate cert;
	int have_cert = 0;
	struct ffield *f;
	size_t n;
	dm_status st;

	if ((st = load_draft(req, &r, &sv)) != DM_OK)
		return st;
	if (r.status != RS_DRAFT) {
		/* Pressed twice (or in two tabs): the one request stands. */
		http_redirect(req, arena_printf(req->arena, "/requests/%lld",
		    r.id));
		return DM_OK;
	}
	if (!may_apply(req, sv))
		return DM_OK;
	/* The draft must still be a complete, valid request. */
	f = forms_from_service(req, sv->svc->fields, &n);
	for (size_t i = 0; i < n; i++) {
		const char *v = request_form_value(req, &r, f[i].name);

		kv_add(req->arena, &req->form, f[i].name, v ? v : "",
		    v ? strlen(v) : 0);
	}
	if (forms_check(req, f, n) + check_files(req, r.id, f, n) +
	    run_validate_hook(req, sv, f, n) > 0) {
		req->status = 422;
		form_page(req, sv, r.id, f, n);
		return DM_OK;
	}
	/* A certificate the registry can issue at once is prepared before
	 * submitting: one the applicant may not have stops here, the draft
	 * kept and nothing submitted. */
	if (sv->svc->result == DM_RESULT_CERTIFICATE &&
	    req->session->level == 'B') {
		st = documents_prepare_auto(req, sv, &r, &cert);
		if (st == DM_EDENIED) {
			struct dm_node *c = render_begin(req, "message",
			    T(req, "certificate.denied.title"));

			render_attr(c, "kind", "error");
			render_add(c, "heading", T(req,
			    "certificate.denied.title"));
			render_add(c, "p", T(req, "certificate.denied.text"));
			req->status = 403;
			return DM_OK;
		}
		if (st != DM_OK && st != DM_ENOTFOUND)
			return st;
		have_cert = st == DM_OK;
	}
	st = request_submit(req, r.id, "web", 0);
	if (st != DM_OK && st != DM_ECONFLICT)
		return st;
	audit(req, "request_submitted", me(req), arena_printf(req->arena,
	    "%lld", r.id));
	if (st == DM_OK && have_cert &&
	    documents_issue_auto(req, sv, r.id, &cert) != DM_OK)
		/* Submitted all the same: a clerk issues it. */
		log_error("request %lld: automatic issue failed", r.id);
	http_redirect(req, arena_printf(req->arena,
	    "/requests/%lld?submitted=1", r.id));
	return DM_OK;
}

static dm_status
page_file_delete(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	dm_status st;

	if ((st = load_draft(req, &r, &sv)) != DM_OK)
		return st;
	if ((st = request_drop_attachment(req, r.id, pages_arg_id(req, "att"))) !=
	    DM_OK)
		return st;
	http_redirect(req, arena_printf(req->arena,
	    "/services/%s/new?draft=%lld", r.service, r.id));
	return DM_OK;
}

/* Downloads ------------------------------------------------------------ */

struct blob_ctx {
	struct dm_req	*req;
	const char	*name;
	const char	*type;
	const char	*data;
	size_t		 len;
	int		 found;
};

static dm_status
blob_row(void *arg, const struct dm_value *c, size_t n)
{
	struct blob_ctx *x = arg;

	if (n < 3)
		return DM_EINTERNAL;
	x->found = 1;
	x->name = arena_strndup(x->req->arena, c[0].s, c[0].len);
	x->type = arena_strndup(x->req->arena, c[1].s, c[1].len);
	/* The column buffer is ours only during the call. */
	x->data = arena_alloc(x->req->arena, c[2].len + 1);
	memcpy((char *)(uintptr_t)x->data, c[2].s, c[2].len);
	x->len = c[2].len;
	return DM_OK;
}

/* Sends a file as an attachment download (never rendered inline). */
void
pages_send_file(struct dm_req *req, const char *name, const char *type,
    const void *data, size_t len)
{
	char ascii[256];
	size_t k = 0;
	const char *enc;

	/* A plain fallback name and the exact one (RFC 6266 filename*). */
	for (const char *p = name; *p && k < sizeof(ascii) - 1; p++)
		ascii[k++] = (*p >= 0x20 && *p < 0x7f && *p != '"' &&
		    *p != '\\') ? *p : '_';
	ascii[k] = '\0';
	enc = pages_urlencode(req, name);
	http_header(req, "Content-Disposition", arena_printf(req->arena,
	    "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, enc));
	http_header(req, "Cache-Control", "private, no-store");
	http_send(req, 200, type, data, len);
}

/* An attachment of request id, if the caller's scope allows it. */
dm_status
pages_download(struct dm_req *req, long long id, long long att,
    int with_internal)
{
	struct blob_ctx x = { req, NULL, NULL, NULL, 0, 0 };
	struct dm_value p[3] = { DM_VINT(att), DM_VINT(id),
	    DM_VINT(with_internal) };
	dm_status st;

	st = db_query(db_worker(), "SELECT a.filename, a.content_type, "
	    "b.content FROM attachments a JOIN blobs b ON b.sha256 = a.sha256 "
	    "WHERE a.id = ? AND a.request_id = ? AND (? = 1 OR a.internal = "
	    "0)", p, 3, blob_row, &x);
	if (st != DM_OK)
		return st;
	if (!x.found)
		return DM_ENOTFOUND;
	pages_send_file(req, x.name, x.type, x.data, x.len);
	return DM_OK;
}

static dm_status
page_file(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = request_load(req, pages_arg_id(req, "id"), me(req), NULL, &r)) !=
	    DM_OK)
		return st;
	return pages_download(req, r.id, pages_arg_id(req, "att"), 0);
}

/* My requests ------------------------------------------------------------ */

struct list_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
	size_t		 rows;
	long long	 last;
};

static dm_status
list_row(void *arg, const struct dm_value *c, size_t n)
{
	struct list_ctx *x = arg;
	struct dm_req *req = x->req;
	const struct service *sv;
	struct dm_node *r;

	if (n < 8)
		return DM_EINTERNAL;
	if (++x->rows > PAGE_SIZE)
		return DM_OK;		/* only tells that a next page exists */
	x->last = c[0].i;
	r = render_add(x->list, "request", NULL);
	render_attr_int(r, "id", c[0].i);
	sv = services_find(c[1].s);
	render_attr(r, "title", sv ? pages_l(req, sv->svc->title_el,
	    sv->svc->title_en) : c[1].s);
	render_attr(r, "status", c[2].s);
	if (c[3].type == DM_V_INT)
		render_attr(r, "protocol", arena_printf(req->arena,
		    "%lld/%lld", c[3].i, c[4].i));
	render_attr(r, "submitted", lt_format(req->arena, c[5].type ==
	    DM_V_TEXT ? c[5].s : NULL, 0));
	render_attr(r, "due", lt_date(req->arena, c[6].type == DM_V_TEXT ?
	    c[6].s : NULL));
	render_attr(r, "updated", lt_format(req->arena, c[7].s, 0));
	return DM_OK;
}

static dm_status
page_my_requests(struct dm_req *req)
{
	const char *before = kv_get(&req->query, "before");
	long long b = before ? strtoll(before, NULL, 10) : 0;
	struct dm_node *c = render_begin(req, "requests",
	    T(req, "requests.title"));
	struct list_ctx x = { req, c, 0, 0 };
	struct dm_value p[3];
	dm_status st;

	/* Keyset pagination on (account_id, id): the same cost on page one
	 * and page fifty thousand. The index is forced: left alone, MariaDB
	 * 10.11 reads it by account_id only (a "ref") and filters id as it
	 * goes, i.e. every newer row before the page. */
	p[0] = DM_VINT(me(req));
	p[1] = DM_VINT(b > 0 ? b : LLONG_MAX);
	p[2] = DM_VINT(PAGE_SIZE + 1);
	st = db_query(db_worker(), "SELECT id, service, status, protocol_no, "
	    "protocol_year, submitted_at, due_date, updated_at FROM requests "
	    "FORCE INDEX (requests_mine) WHERE account_id = ? AND id < ? ORDER "
	    "BY id DESC LIMIT ?", p, 3,
	    list_row, &x);
	if (st != DM_OK)
		return st;
	if (x.rows > PAGE_SIZE)
		render_attr(c, "next", arena_printf(req->arena,
		    "/requests?before=%lld", x.last));
	if (b != 0)
		render_attr(c, "paged", "1");
	return DM_OK;
}

/* One request ------------------------------------------------------------- */

struct hist_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
	int		 staff;
};

static dm_status
hist_row(void *arg, const struct dm_value *c, size_t n)
{
	struct hist_ctx *x = arg;
	struct dm_node *e;

	if (n < 7)
		return DM_EINTERNAL;
	e = render_add(x->list, "event", c[5].type == DM_V_TEXT ? c[5].s :
	    NULL);
	render_attr_int(e, "id", c[0].i);
	render_attr(e, "at", lt_format(x->req->arena, c[1].s, 1));
	render_attr(e, "kind", c[2].s);
	render_attr(e, "visibility", c[3].s);
	render_attr(e, "to", c[4].type == DM_V_TEXT ? c[4].s : NULL);
	/* Citizens see "the department"; staff see who. */
	if (x->staff && c[6].type == DM_V_TEXT)
		render_attr(e, "actor", c[6].s);
	return DM_OK;
}

dm_status
pages_history(struct dm_req *req, struct dm_node *parent, long long id,
    int staff)
{
	struct hist_ctx x = { req, render_add(parent, "history", NULL),
	    staff };
	struct dm_value p[2] = { DM_VINT(id), DM_VINT(staff) };

	return db_query(db_worker(), "SELECT e.id, e.at, e.kind, e.visibility, "
	    "e.to_status, e.body, CONCAT_WS(' ', a.first_name, a.last_name) "
	    "FROM request_events e LEFT JOIN accounts a ON a.id = e.actor_id "
	    "WHERE e.request_id = ? AND (? = 1 OR e.visibility = 'public') "
	    "ORDER BY e.id", p, 2, hist_row, &x);
}

void
pages_request_attrs(struct dm_req *req, struct dm_node *c,
    const struct request *r, const struct service *sv)
{
	render_attr_int(c, "id", r->id);
	render_attr(c, "status", rs_name(r->status));
	render_attr(c, "protocol", r->protocol);
	render_attr(c, "channel", r->channel);
	render_attr(c, "submitted", lt_format(req->arena, r->submitted_at, 1));
	render_attr(c, "due", lt_date(req->arena, r->due_date));
	render_attr(c, "closed", lt_format(req->arena, r->closed_at, 1));
	if (r->overdue)
		render_attr(c, "overdue", "1");
	if (sv != NULL) {
		struct dm_node *svn = render_add(c, "service", NULL);

		pages_service_attrs(req, svn, sv->svc);
		render_attr(svn, "department", pages_l(req,
		    sv->plugin->desc->department->name_el,
		    sv->plugin->desc->department->name_en));
	}
}

static const struct fdef answer_defs[] = {
	{ "message", F_TEXT, "f.answer", "f.answer.hint", FF_REQUIRED, 1,
	    5000, NULL, NULL },
	{ "files", F_FILE, "f.answer_files", "f.answer_files.hint", 0, 0, 5,
	    NULL, NULL },
};

static dm_status
request_page(struct dm_req *req, const struct request *r,
    struct ffield *answer, size_t nanswer)
{
	const struct service *sv = services_find(r->service);
	struct dm_node *c;
	dm_status st;

	if (r->status == RS_DRAFT) {
		c = render_begin(req, "request", T(req, "request.draft"));
		pages_request_attrs(req, c, r, sv);
		if (kv_get(&req->query, "saved"))
			render_attr(c, "saved", "1");
		return DM_OK;
	}
	c = render_begin(req, "request", arena_printf(req->arena, "%s %s",
	    T(req, "request.title"), r->protocol));
	pages_request_attrs(req, c, r, sv);
	render_attr(c, "csrf", csrf_token(req));
	if (kv_get(&req->query, "submitted"))
		render_attr(c, "just-submitted", "1");
	if (sv != NULL)
		pages_values(req, c, sv, r);
	if ((st = pages_files(req, c, r->id, 0, 0, arena_printf(req->arena,
	    "/requests/%lld/files", r->id))) != DM_OK)
		return st;
	if ((st = pages_history(req, c, r->id, 0)) != DM_OK)
		return st;
	if (r->status == RS_AWAITING) {
		size_t n = NELEMS(answer_defs);
		struct ffield *f = answer ? answer : forms_from_defs(req,
		    answer_defs, n);
		struct dm_node *fm = forms_node(req, c, "answer",
		    arena_printf(req->arena, "/requests/%lld/answer", r->id),
		    "request.answer.submit", f, answer ? nanswer : n);

		render_attr(fm, "enctype", "multipart/form-data");
	}
	if (RS_BIT(r->status) & RS_OPEN)
		render_attr(c, "can-withdraw", "1");
	return DM_OK;
}

static dm_status
page_request(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = request_load(req, pages_arg_id(req, "id"), me(req), NULL, &r)) !=
	    DM_OK)
		return st;
	return request_page(req, &r, NULL, 0);
}

struct answer_ctx {
	struct dm_req	*req;
	struct request	*r;
	const char	*text;
};

static dm_status
answer_tx(void *arg)
{
	struct answer_ctx *x = arg;
	long long eid = 0;
	dm_status st;

	if ((st = request_transition(x->req, x->r, RS_IN_PROGRESS, "answer",
	    x->text, &eid)) != DM_OK)
		return st;
	return request_store_uploads(x->req, x->r->id, eid, "files",
	    me(x->req), 0, NULL);
}

static dm_status
page_answer(struct dm_req *req)
{
	size_t n = NELEMS(answer_defs);
	struct ffield *f = forms_from_defs(req, answer_defs, n);
	struct request r;
	int errors;
	dm_status st;

	if ((st = request_load(req, pages_arg_id(req, "id"), me(req), NULL, &r)) !=
	    DM_OK)
		return st;
	if (r.status != RS_AWAITING)
		return DM_ECONFLICT;
	errors = forms_check(req, f, n) + upload_errors(req, f, n);
	if (errors == 0) {
		struct answer_ctx x = { req, &r, f[0].value };

		st = db_tx(db_worker(), answer_tx, &x);
		if (st != DM_OK)
			return st;
		http_redirect(req, arena_printf(req->arena,
		    "/requests/%lld?answered=1", r.id));
		return DM_OK;
	}
	req->status = 422;
	return request_page(req, &r, f, n);
}

static dm_status
page_withdraw(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = request_load(req, pages_arg_id(req, "id"), me(req), NULL, &r)) !=
	    DM_OK)
		return st;
	if (!(RS_BIT(r.status) & RS_OPEN))
		return DM_ECONFLICT;
	st = request_transition(req, &r, RS_WITHDRAWN, "withdrawn", NULL,
	    NULL);
	if (st != DM_OK)
		return st;
	audit(req, "request_withdrawn", me(req), arena_printf(req->arena,
	    "%lld", r.id));
	http_redirect(req, arena_printf(req->arena, "/requests/%lld",
	    r.id));
	return DM_OK;
}

/* The mailbox ------------------------------------------------------------- */

struct mb_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
	size_t		 rows;
	long long	 last;
};

static dm_status
mb_row(void *arg, const struct dm_value *c, size_t n)
{
	struct mb_ctx *x = arg;
	struct dm_node *it;

	if (n < 7)
		return DM_EINTERNAL;
	if (++x->rows > 50)
		return DM_OK;
	x->last = c[0].i;
	it = render_add(x->list, "item", NULL);
	render_attr_int(it, "id", c[0].i);
	render_attr(it, "kind", c[1].s);
	render_attr(it, "title", c[2].s);
	render_attr(it, "at", lt_format(x->req->arena, c[3].s, 1));
	if (c[4].type == DM_V_NULL)
		render_attr(it, "unread", "1");
	if (c[5].type == DM_V_INT || c[6].type == DM_V_INT)
		render_attr(it, "file", "1");
	return DM_OK;
}

static dm_status
page_mailbox(struct dm_req *req)
{
	const char *before = kv_get(&req->query, "before");
	long long b = before ? strtoll(before, NULL, 10) : 0;
	struct dm_node *c = render_begin(req, "mailbox",
	    T(req, "mailbox.title"));
	struct mb_ctx x = { req, c, 0, 0 };
	struct dm_value p[2] = { DM_VINT(me(req)), DM_VINT(b > 0 ? b :
	    LLONG_MAX) };
	dm_status st;

	/* Keyset pagination, as for the requests. */
	st = db_query(db_worker(), "SELECT id, kind, title, created_at, "
	    "read_at, attachment_id, document_id FROM mailbox_items FORCE "
	    "INDEX (mailbox_account) WHERE account_id = ? AND id < ? ORDER BY "
	    "id DESC LIMIT 51", p, 2, mb_row, &x);
	if (st != DM_OK)
		return st;
	if (x.rows > 50)
		render_attr(c, "next", arena_printf(req->arena,
		    "/mailbox?before=%lld", x.last));
	return DM_OK;
}

struct item_ctx {
	struct dm_req	*req;
	struct dm_node	*node;
	long long	 request_id;
	long long	 attachment_id;
	long long	 document_id;
	int		 found;
};

static dm_status
item_row(void *arg, const struct dm_value *c, size_t n)
{
	struct item_ctx *x = arg;
	struct dm_req *req = x->req;
	struct dm_node *it;

	if (n < 8)
		return DM_EINTERNAL;
	x->found = 1;
	x->request_id = c[6].type == DM_V_INT ? c[6].i : 0;
	x->attachment_id = c[4].type == DM_V_INT ? c[4].i : 0;
	x->document_id = c[5].type == DM_V_INT ? c[5].i : 0;
	if (x->node == NULL)
		return DM_OK;
	it = render_add(x->node, "item", c[3].type == DM_V_TEXT ? c[3].s :
	    NULL);
	render_attr_int(it, "id", c[0].i);
	render_attr(it, "kind", c[1].s);
	render_attr(it, "title", c[2].s);
	render_attr(it, "at", lt_format(req->arena, c[7].s, 1));
	if (x->request_id)
		render_attr_int(it, "request", x->request_id);
	if (x->attachment_id || x->document_id)
		render_attr(it, "file", "1");
	return DM_OK;
}

/* The owner's item; anyone else's is not found. */
static dm_status
load_item(struct dm_req *req, struct item_ctx *x)
{
	struct dm_value p[2] = { DM_VINT(pages_arg_id(req, "id")),
	    DM_VINT(me(req)) };
	dm_status st;

	st = db_query(db_worker(), "SELECT id, kind, title, body, "
	    "attachment_id, document_id, request_id, created_at FROM "
	    "mailbox_items WHERE id = ? AND account_id = ?", p, 2, item_row,
	    x);
	if (st != DM_OK)
		return st;
	return x->found ? DM_OK : DM_ENOTFOUND;
}

static dm_status
page_mailbox_item(struct dm_req *req)
{
	struct dm_node *c = render_begin(req, "mailbox-item",
	    T(req, "mailbox.title"));
	struct item_ctx x = { req, c, 0, 0, 0, 0 };
	struct dm_value p[2] = { DM_VINT(pages_arg_id(req, "id")),
	    DM_VINT(me(req)) };
	dm_status st;

	if ((st = load_item(req, &x)) != DM_OK)
		return st;
	/* Opening an item reads it; nothing else about it ever changes. */
	db_exec(db_worker(), "UPDATE mailbox_items SET read_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ? AND account_id = ? AND read_at IS "
	    "NULL", p, 2, NULL, NULL);
	if (x.document_id)
		return documents_describe(req, c, x.document_id);
	return DM_OK;
}

static dm_status
page_mailbox_file(struct dm_req *req)
{
	struct item_ctx x = { req, NULL, 0, 0, 0, 0 };
	dm_status st;

	if ((st = load_item(req, &x)) != DM_OK)
		return st;
	if (x.document_id)
		return documents_download(req, x.document_id, me(req));
	if (x.attachment_id && x.request_id)
		return pages_download(req, x.request_id, x.attachment_id, 0);
	return DM_ENOTFOUND;
}

/* Routes ------------------------------------------------------------------ */

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ GP, "/services/:code/new", DM_ROUTE_LOGIN,
	    page_new },
	{ DM_METHOD_GET, "/requests", DM_ROUTE_LOGIN,
	    page_my_requests },
	{ DM_METHOD_GET, "/requests/:id", DM_ROUTE_LOGIN,
	    page_request },
	{ DM_METHOD_GET, "/requests/:id/preview", DM_ROUTE_LOGIN,
	    page_preview },
	{ DM_METHOD_POST, "/requests/:id/submit", DM_ROUTE_LOGIN,
	    page_submit },
	{ DM_METHOD_GET, "/requests/:id/files/:att", DM_ROUTE_LOGIN,
	    page_file },
	{ DM_METHOD_POST, "/requests/:id/files/:att/delete", DM_ROUTE_LOGIN,
	    page_file_delete },
	{ DM_METHOD_POST, "/requests/:id/answer", DM_ROUTE_LOGIN,
	    page_answer },
	{ DM_METHOD_POST, "/requests/:id/withdraw", DM_ROUTE_LOGIN,
	    page_withdraw },
	{ DM_METHOD_GET, "/mailbox", DM_ROUTE_LOGIN,
	    page_mailbox },
	{ DM_METHOD_GET, "/mailbox/:id", DM_ROUTE_LOGIN,
	    page_mailbox_item },
	{ DM_METHOD_GET, "/mailbox/:id/file", DM_ROUTE_LOGIN,
	    page_mailbox_file },
};

const struct route_table pages_requests_routes = { routes, NELEMS(routes) };
