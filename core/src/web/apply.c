/*
 * apply.c - applying for a service: its form (rendered from the plugin's
 * declaration, /services/:code/new), the draft kept with its files
 * whatever was wrong, the preview, and submission (the protocol number;
 * for a Level B applicant of a certificate the certificate at once, when
 * the department's registry can issue it). Only the draft's owner gets
 * anywhere; anyone else, 404.
 */
#include <stdlib.h>
#include <string.h>

#include "attachments.h"
#include "audit.h"
#include "config.h"
#include "documents.h"
#include "forms.h"
#include "issuing.h"
#include "log.h"
#include "pages.h"
#include "places.h"
#include "plugins.h"
#include "printouts.h"
#include "public_reports.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "seal.h"
#include "session.h"
#include "session_cookie.h"

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
		    pages_t(req, "apply.cannot"));

		render_attr(c, "kind", "info");
		render_add(c, "heading", pages_l(req, sv->svc->title_el,
		    sv->svc->title_en));
		render_add(c, "p", pages_t(req, why));
		if (strcmp(why, "apply.level_b") == 0 &&
		    req->cfg->taxis_enabled) {
			struct dm_node *l = render_add(c, "link", NULL);

			render_attr(l, "href", "/login/taxisnet");
			render_attr(l, "label", pages_t(req,
			    "account.verify_taxisnet"));
		}
		req->status = 403;
	}
	return 0;
}

/* The service's form; returns its <form> node. */
static struct dm_node *
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
	/* None while the database is away (apply_outage_form). */
	if (req->session != NULL) {
		ap = render_add(c, "applicant", NULL);
		render_attr(ap, "name", req->session->display);
		render_attr(ap, "email", req->session->email);
		render_attr(ap, "afm", req->session->afm);
	}
	if (draft != 0 && req->session != NULL) {
		render_attr_int(c, "draft", draft);
		pages_files(req, c, draft, 1, 0, arena_printf(req->arena,
		    "/requests/%lld/files", draft));
	}
	fm = forms_node(req, c, "request", action, "continue", f, n);
	/* Files always travel in a multipart body. */
	render_attr(fm, "enctype", "multipart/form-data");
	forms_button(req, fm, "preview", "request.preview", 0);
	forms_button(req, fm, "save", "request.save_draft", 1);
	return fm;
}

int
apply_outage_form(struct dm_req *req)
{
	const char *code, *slash, *ds = kv_get(&req->query, "draft");
	const struct service *sv;
	struct dm_node *fm;
	struct ffield *f;
	size_t n;
	int files = 0;

	if (req->method != HTTP_POST || strncmp(req->path, "/services/", 10) !=
	    0)
		return 0;
	code = req->path + 10;
	slash = strchr(code, '/');
	if (slash == NULL || strcmp(slash, "/new") != 0 || slash == code)
		return 0;
	if ((sv = services_find_open(arena_strndup(req->arena, code,
	    (size_t)(slash - code)))) == NULL)
		return 0;
	f = forms_from_service(req, sv->svc->fields, &n);
	forms_mark_places(f, n, sv->svc);
	(void)forms_check(req, f, n);
	for (size_t i = 0; i < n; i++) {
		f[i].error = NULL;	/* the outage is the message */
		if (f[i].type == F_FILE)
			f[i].value = NULL;
	}
	for (const struct upload *u = req->uploads; u != NULL; u = u->next)
		if (u->filename != NULL && u->filename[0] != '\0')
			files = 1;
	fm = form_page(req, sv, ds ? strtoll(ds, NULL, 10) : 0, f, n);
	render_attr((struct dm_node *)req->content, "outage", files ? "files" :
	    "text");
	/* Sent again once the database is back, the citizen's own token is
	 * checked against their session then. */
	render_attr(fm, "csrf", kv_get(&req->form, "csrf"));
	req->status = 503;
	return 1;
}

static dm_status
page_new(struct dm_req *req)
{
	const struct service *sv = services_find_open(kv_get(&req->args,
	    "code"));
	const char *ds = kv_get(&req->query, "draft");
	const char *action = kv_get(&req->form, "action");
	int saving;
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
		if ((st = request_load(req, draft, session_actor(req), NULL,
		    &r)) != DM_OK)
			return st;
		if (r.status != RS_DRAFT || strcmp(r.service,
		    sv->svc->code) != 0)
			return DM_ENOTFOUND;
	}
	/* A draft's choices hooks see its values, as when it was posted. */
	if (draft != 0 && req->method != HTTP_POST)
		pages_draft_form(req, sv, &r);
	f = pages_fields(req, sv, session_actor(req), &n);
	if (req->method != HTTP_POST) {
		pages_form_initial(req, draft != 0 ? &r : NULL, f, n);
		form_page(req, sv, draft, f, n);
		return DM_OK;
	}
	saving = action != NULL && strcmp(action, "save") == 0;
	/* Preview pressed on a new, empty form: the messages, and no draft
	 * (nothing was saved, so none is "continued" afterwards). */
	if (draft == 0 && !saving && forms_check(req, f, n) +
	    pages_check_files(req, NULL, f, n) > 0 &&
	    pages_form_empty(req, f, n)) {
		req->status = 422;
		form_page(req, sv, 0, f, n);
		return DM_OK;
	}
	if ((st = pages_take_form(req, sv, f, n, session_actor(req), &draft,
	    &errors)) != DM_OK)
		return st;
	if (saving) {
		audit(req, "draft_saved", session_actor(req), NULL);
		if (!pages_file_refused(req, NULL)) {
			http_redirect(req, arena_printf(req->arena,
			    "/requests/%lld?saved=1", draft));
			return DM_OK;
		}
		/* Saved, but a file was refused: the form again with its
		 * message, as preview shows it; what is only unfinished is
		 * no error yet. */
		(void)pages_upload_errors(req, f, n);
		for (size_t i = 0; i < n; i++)
			if (f[i].type != F_FILE ||
			    !pages_file_refused(req, f[i].name))
				f[i].error = NULL;
		req->status = pages_form_status(req);
		form_page(req, sv, draft, f, n);
		return DM_OK;
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

/*
 * The owner's draft of the path, with its service. With submitted set, a
 * draft that is one no longer (pressed twice, or in two tabs: the one
 * request stands) sends the browser to it, and *submitted says so.
 */
static dm_status
load_draft(struct dm_req *req, struct request *r,
    const struct service **sv, int *submitted)
{
	dm_status st = pages_own_draft(req, r);

	if (st != DM_OK)
		return st;
	*sv = services_find(r->service);
	/* A draft of a service turned off since cannot go on. */
	if (*sv == NULL || (r->status == RS_DRAFT && (*sv)->disabled))
		return DM_ENOTFOUND;
	if (submitted != NULL && (*submitted = r->status != RS_DRAFT))
		http_redirect(req, arena_printf(req->arena, "/requests/%lld",
		    r->id));
	return DM_OK;
}

static dm_status
page_preview(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	struct dm_node *c, *svn;
	int submitted;
	dm_status st;

	if ((st = load_draft(req, &r, &sv, &submitted)) != DM_OK ||
	    submitted)
		return st;
	c = render_begin(req, "request-preview", pages_t(req, "preview.title"));
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
	/* Open reports of the same service near the same point: the
	 * citizen may follow one instead of filing the same again. */
	{
		struct public_report *near;
		size_t nn;
		struct dm_node *list;

		if ((st = public_reports_nearby(req, r.id, &near, &nn)) !=
		    DM_OK)
			return st;
		if (nn > 0) {
			list = render_add(c, "nearby", NULL);
			render_attr_int(list, "radius",
			    req->cfg->places_nearby_m);
			render_attr_int(list, "days",
			    req->cfg->places_nearby_days);
			for (size_t i = 0; i < nn; i++)
				pages_public_report(req, render_add(list,
				    "report", NULL), &near[i]);
		}
	}
	/* What the plugin works out from the form (a fee), before the
	 * applicant submits. */
	pages_outcome(req, c, sv, &r);
	return pages_files(req, c, r.id, 1, 0, arena_printf(req->arena,
	    "/requests/%lld/files", r.id));
}

dm_status
pages_issue_auto(struct dm_req *req, const struct service *sv, long long id,
    const struct request *known, const struct dm_certificate *cert)
{
	char code[SEAL_CODE_SIZE];
	struct issued c = { cert, code, NULL, 0 };
	unsigned char *pdf = NULL;
	struct request r;
	dm_status st;

	if (known != NULL)
		r = *known;
	else if ((st = request_load(req, id, 0, NULL, &r)) != DM_OK)
		return st;
	documents_code(code);
	if ((st = printout_certificate(req, sv, r.protocol, cert, code, NULL,
	    NULL, &pdf, &c.len)) != DM_OK)
		return st;
	c.pdf = pdf;
	/* Issued with the submission the citizen is making: the receipt
	 * held with it goes in the same commit, saying the certificate is
	 * in the mailbox, and no notice besides (one mail, not two). Issued
	 * later (its fee paid): the notice. */
	st = issuing_auto(req, sv, &r, &c, known == NULL);
	free(pdf);
	return st;
}

static dm_status
page_submit(struct dm_req *req)
{
	const struct service *sv;
	struct request r, done;
	struct dm_certificate cert;
	int have_cert = 0;
	struct ffield *f;
	size_t n;
	int submitted, errors;
	dm_status st;

	if ((st = load_draft(req, &r, &sv, &submitted)) != DM_OK ||
	    submitted)
		return st;
	if (!may_apply(req, sv))
		return DM_OK;
	/* The draft must still be a complete, valid request: its values
	 * as its form sent them, checked again (the choices offered now). */
	pages_draft_form(req, sv, &r);
	f = pages_fields(req, sv, session_actor(req), &n);
	errors = forms_check(req, f, n) + pages_check_files(req, &r, f, n);
	if (errors == forms_unoffered(f, n) && (st = pages_validate_hook(req,
	    sv, r.id, f, n, &errors)) != DM_OK)
		return st;
	if (errors > 0) {
		req->status = 422;
		form_page(req, sv, r.id, f, n);
		return DM_OK;
	}
	/* A certificate the registry can issue at once is prepared before
	 * submitting: one the applicant may not have stops here, the draft
	 * kept and nothing submitted. */
	if (sv->svc->result == DM_RESULT_CERTIFICATE &&
	    req->session->level == 'B') {
		st = issuing_content(req, sv, &r, 1, NULL, &cert);
		if (st == DM_EDENIED) {
			struct dm_node *c = render_begin(req, "message",
			    pages_t(req, "certificate.denied.title"));

			render_attr(c, "kind", "error");
			render_add(c, "heading", pages_t(req,
			    "certificate.denied.title"));
			render_add(c, "p", pages_t(req,
			    "certificate.denied.text"));
			req->status = 403;
			return DM_OK;
		}
		if (st != DM_OK && st != DM_ENOTFOUND)
			return st;
		have_cert = st == DM_OK;
	}
	st = pages_submit(req, r.id, "web", 0, f, n, NULL, have_cert, &done);
	if (st == DM_EINPUT) {
		/* The department refused it (a day fully booked): the form
		 * again, its message on the field, nothing submitted. */
		req->status = 422;
		form_page(req, sv, r.id, f, n);
		return DM_OK;
	}
	if (st != DM_OK && st != DM_ECONFLICT)
		return st;
	if (st == DM_OK && have_cert && pages_issue_auto(req, sv, r.id, &done,
	    &cert) != DM_OK) {
		/* Submitted all the same: a clerk issues it, as the receipt
		 * held for the certificate now says. */
		log_error("request %lld: automatic issue failed", r.id);
		if (request_receipt_due(req, sv, &done, 0) != DM_OK)
			log_error("request %lld: its receipt goes when its "
			    "hold ends", r.id);
	}
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

	if ((st = load_draft(req, &r, &sv, NULL)) != DM_OK)
		return st;
	if ((st = attachments_drop_draft(req, r.id,
	    pages_arg_id(req, "att"))) !=
	    DM_OK)
		return st;
	http_redirect(req, arena_printf(req->arena,
	    "/services/%s/new?draft=%lld", r.service, r.id));
	return DM_OK;
}

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ GP, "/services/:code/new", DM_ROUTE_LOGIN, page_new },
	{ DM_METHOD_GET, "/requests/:id/preview", DM_ROUTE_LOGIN,
	    page_preview },
	{ DM_METHOD_POST, "/requests/:id/submit", DM_ROUTE_LOGIN,
	    page_submit },
	{ DM_METHOD_POST, "/requests/:id/files/:att/delete", DM_ROUTE_LOGIN,
	    page_file_delete },
};

const struct route_table apply_routes = { routes, NELEMS(routes) };
