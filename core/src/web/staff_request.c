/*
 * staff_request.c - one request in the back office
 * (/staff/:dept/requests/:id): everything about it (the applicant, the
 * values, every file, the whole history, its documents, who could take it,
 * the department's ready-made texts, the plugin's panel), the actions its
 * state allows, and revoking a document it produced. Scoped by the
 * department of the path: another one's request is not found.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "canned.h"
#include "casework.h"
#include "documents.h"
#include "forms.h"
#include "issuing.h"
#include "log.h"
#include "pages.h"
#include "plugins.h"
#include "places.h"
#include "printouts.h"
#include "public_reports.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "seal.h"
#include "geo.h"
#include "session.h"
#include "staff.h"

#define TEXT_MAX	10000

static const char *
dept_of(struct dm_req *req)
{
	return kv_get(&req->args, "dept");
}

static dm_status
load_scoped(struct dm_req *req, struct request *r,
    const struct service **sv)
{
	dm_status st = request_load(req, pages_arg_id(req, "id"), 0,
	    dept_of(req), r);

	if (st != DM_OK)
		return st;
	if (r->status == RS_DRAFT)
		return DM_ENOTFOUND;
	*sv = services_find(r->service);
	return DM_OK;
}

/* The actions the request's state allows, for the page to offer, and
 * the notice of the one just done. */
static void
action_list(struct dm_req *req, struct dm_node *c, const struct request *r,
    const struct service *sv, const char *error)
{
	struct dm_node *list = render_add(c, "actions", NULL);
	const char *done = error ? NULL : kv_get(&req->query, "done");

	if (error == NULL && kv_get(&req->query, "registered") != NULL)
		render_attr(c, "done", "registered");
	if (done != NULL && (strcmp(done, "revoke") == 0 ||
	    strcmp(done, "merge") == 0 || strcmp(done, "photo") == 0 ||
	    act_parse(done) != ACT__MAX))
		render_attr(c, "done", done);
	for (int i = 0; i < ACT__MAX; i++)
		if (act_applies((enum act)i, r->status, sv))
			render_attr(render_add(list, "action", NULL), "name",
			    act_name((enum act)i));
}

/* Where it is (the exact point: staff see it; a map with JavaScript, the
 * coordinates without), and for a report what the public sees of it. */
static void
place(struct dm_req *req, struct dm_node *c, const struct request *r,
    const struct service *sv)
{
	struct dm_node *n;
	const struct geo_settlement *s = places_settlement(r->settlement);

	if (r->lat == NULL && r->location == NULL && r->settlement == NULL)
		return;
	n = render_add(c, "place", NULL);
	render_attr(n, "address", r->location);
	render_attr(n, "settlement", s != NULL ? pages_l(req, s->name_el,
	    s->name_en) : NULL);
	if (r->lat != NULL && r->lon != NULL) {
		struct dm_node *m = render_add(n, "map", NULL);

		render_attr(n, "lat", r->lat);
		render_attr(n, "lon", r->lon);
		render_attr(m, "kind", "point");
		render_attr(m, "lat", r->lat);
		render_attr(m, "lon", r->lon);
		render_attr(m, "label", pages_t(req, "staff.place"));
	}
	if (!public_report_service(sv))
		return;
	render_attr(c, "report", "1");
	if (r->merged_into != 0) {
		struct request k;

		render_attr_int(c, "merged-into", r->merged_into);
		if (request_load(req, r->merged_into, 0, r->department, &k) ==
		    DM_OK)
			render_attr(c, "merged-protocol", k.protocol);
	}
	{
		struct public_report pr;

		if (public_report_get(req, r->id, &pr) == DM_OK) {
			render_attr(c, "public", "1");
			render_attr_int(c, "followers", pr.followers);
		}
	}
}

/* Whom the clerk serves: a person or a business, and whether TaxisNet
 * verified it (a Level B business is a legal entity that logged in with
 * its own credentials). An account closed since keeps its kind. */
static void
applicant_kind(struct dm_req *req, struct dm_node *a, long long account_id)
{
	struct account acc;

	if (account_id <= 0 || account_load(req, account_id, &acc) != DM_OK)
		return;
	render_attr(a, "kind", acc.kind == 'b' ? "business" : "person");
	if (acc.level == 'B')
		render_attr(a, "verified", "1");
	if (acc.kind == 'b')
		render_attr(a, "legal-rep", acc.legal_rep);
}

static dm_status
staff_request_page(struct dm_req *req, const struct request *r,
    const struct service *sv, const char *error)
{
	const struct plugin *p = pages_department(req);
	struct dm_node *c, *a, *list;
	struct document *docs;
	struct staff_member *staff;
	struct canned *texts;
	size_t n;
	dm_status st;

	c = render_begin(req, "staff-request", arena_printf(req->arena,
	    "%s %s", pages_t(req, "request.title"), r->protocol));
	pages_dept_attrs(req, c, p);
	pages_request_attrs(req, c, r, sv);
	render_attr(c, "assigned", r->assigned_name && r->assigned_name[0] ?
	    r->assigned_name : NULL);
	if (r->assigned_to == session_actor(req))
		render_attr(c, "mine", "1");
	render_attr(c, "error", error);
	action_list(req, c, r, sv, error);
	a = render_add(c, "applicant", NULL);
	applicant_kind(req, a, r->account_id);
	render_attr(a, "name", r->applicant_name);
	render_attr(a, "afm", r->applicant_afm);
	render_attr(a, "email", r->applicant_email);
	render_attr(a, "phone", r->applicant_phone);
	if (sv != NULL) {
		pages_values(req, c, sv, r);
		pages_outcome(req, c, sv, r);
	}
	place(req, c, r, sv);
	if ((st = pages_files(req, c, r->id, 0, 1, arena_printf(req->arena,
	    "/staff/%s/requests/%lld/files", p->name, r->id))) != DM_OK)
		return st;
	if ((st = pages_history(req, c, r->id, 1)) != DM_OK)
		return st;
	list = render_add(c, "documents", NULL);
	if ((st = documents_of_request(req, r->id, &docs, &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n; i++)
		pages_document(req, render_add(list, "document", NULL),
		    &docs[i]);
	/* Who could take it, and what can be said ready-made. */
	list = render_add(c, "colleagues", NULL);
	if ((st = staff_colleagues(req, p->name, &staff, &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		struct dm_node *s = render_add(list, "colleague", NULL);

		render_attr_int(s, "id", staff[i].account_id);
		render_attr(s, "name", staff[i].name);
	}
	list = render_add(c, "responses", NULL);
	if ((st = canned_list(req, p->name, &texts, &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		struct dm_node *s = render_add(list, "response", texts[i].body);

		render_attr_int(s, "id", texts[i].id);
		render_attr(s, "title", texts[i].title);
	}
	/* The plugin's view of it (e.g. matching registry records). */
	if (sv != NULL && plugin_has(sv->plugin, staff_panel)) {
		struct dm_node *panel = render_add(c, "panel", NULL);

		st = plugin_staff_panel(req, sv, request_for_plugin(req, r),
		    panel);
		if (st != DM_OK)
			log_error("plugin %s: staff panel failed",
			    sv->plugin->name);
	}
	return DM_OK;
}

static dm_status
page_staff_request(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	dm_status st;

	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	return staff_request_page(req, &r, sv, NULL);
}

static dm_status
page_staff_file(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	dm_status st;

	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	return pages_download(req, r.id, pages_arg_id(req, "att"), 1);
}

static dm_status
page_staff_thumb(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	dm_status st;

	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	return pages_thumbnail(req, r.id, pages_arg_id(req, "att"), 1);
}

/* The plugin's certificate for r (from the record the clerk chose), with
 * a new code, drawn with the clerk's name: *pdf is malloc'ed. */
static dm_status
draw_certificate(struct dm_req *req, const struct service *sv,
    const struct request *r, struct dm_certificate *cert,
    char code[SEAL_CODE_SIZE], unsigned char **pdf, size_t *len)
{
	char title[4 * STAFF_TITLE_MAX + 1];
	struct account clerk;
	dm_status st;

	if ((st = issuing_content(req, sv, r, 0, kv_get(&req->form,
	    "record"), cert)) != DM_OK)
		return st;
	if (account_load(req, session_actor(req), &clerk) != DM_OK)
		return DM_EINTERNAL;
	/* The clerk signs with their title; a missing one is no error. */
	if ((st = staff_title(req, clerk.id, title, sizeof(title))) != DM_OK &&
	    st != DM_ENOTFOUND)
		return st;
	documents_code(code);
	return printout_certificate(req, sv, r->protocol, cert, code,
	    account_display(req, &clerk), title, pdf, len);
}

/* The clerk's text: leading blank lines do not count, a ready-made text
 * stands in for none, {name} and {protocol} are filled in. */
static const char *
action_text(struct dm_req *req, const struct service *sv,
    const struct request *r)
{
	const char *text = kv_get(&req->form, "text");
	const char *cid = kv_get(&req->form, "canned");

	if (text != NULL)
		while (*text == ' ' || *text == '\n' || *text == '\r')
			text++;
	if ((text == NULL || text[0] == '\0') && cid && cid[0])
		text = canned_text(req, sv->plugin->name, strtoll(cid, NULL,
		    10));
	return text != NULL ? canned_fill(req, text, r) : NULL;
}

static dm_status	page_merge(struct dm_req *req);

static dm_status
page_action(struct dm_req *req)
{
	const char *name = kv_get(&req->args, "action");
	const struct service *sv;
	struct request r;
	struct act_input in;
	struct dm_certificate cert;
	char code[SEAL_CODE_SIZE];
	struct issued issued = { &cert, code, NULL, 0 };
	unsigned char *pdf = NULL;
	const char *why;
	dm_status st;

	memset(&in, 0, sizeof(in));
	/* Merging a duplicate is no casework action of the request alone
	 * (it closes this one into another): its own handler. */
	if (name != NULL && strcmp(name, "merge") == 0)
		return page_merge(req);
	if ((in.which = act_parse(name)) == ACT__MAX)
		return DM_ENOTFOUND;
	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	if (sv == NULL)
		return DM_ENOTFOUND;
	in.text = action_text(req, sv, &r);
	if ((why = act_refusal(in.which, r.status, in.text)) != NULL) {
		/* Not in this state: the page as it is now. */
		if (strcmp(why, "staff.not_now") != 0)
			req->status = 422;
		return staff_request_page(req, &r, sv, pages_t(req, why));
	}
	if (in.text != NULL && strlen(in.text) > TEXT_MAX) {
		req->status = 422;
		return staff_request_page(req, &r, sv, pages_t(req,
		    "staff.text_long"));
	}
	for (struct upload *u = req->uploads; u != NULL; u = u->next)
		if (strcmp(u->field, "files") != 0 &&
		    strcmp(u->field, "document") != 0)
			req_upload_drop(u);	/* only its file fields are read */
		else if (u->too_big || u->bad_type || u->too_many) {
			req->status = u->too_big ? 413 : 422;
			return staff_request_page(req, &r, sv, pages_t(req,
			    u->too_big ? "staff.file_big" : "staff.file_type"));
		}
	if (in.which == ACT_ASSIGN) {
		const char *to = kv_get(&req->form, "to");

		in.assignee = to == NULL ? 0 : strcmp(to, "me") == 0 ?
		    session_actor(req) : strtoll(to, NULL, 10);
	}
	/* A certificate is asked for and drawn before the transaction. */
	if (in.which == ACT_ISSUE) {
		st = draw_certificate(req, sv, &r, &cert, code, &pdf,
		    &issued.len);
		if (st == DM_EDENIED || st == DM_ENOTFOUND) {
			req->status = 422;
			/* The plugin's own reason (host->refuse) first. */
			return staff_request_page(req, &r, sv,
			    st == DM_EDENIED && req->refusal != NULL ?
			    req->refusal : pages_t(req, st == DM_EDENIED ?
			    "certificate.refused" : "certificate.no_record"));
		}
		if (st != DM_OK)
			return st;
		issued.pdf = pdf;
		in.issued = &issued;
	}
	st = casework_act(req, sv, &r, &in, &why);
	free(pdf);
	if (st == DM_ECONFLICT)
		return staff_request_page(req, &r, sv, pages_t(req,
		    "staff.changed"));
	if (st == DM_EINPUT) {
		req->status = 422;
		return staff_request_page(req, &r, sv, pages_t(req, why ? why :
		    "staff.not_now"));
	}
	if (st != DM_OK)
		return st;
	audit(req, arena_printf(req->arena, "request_%s", name),
	    r.account_id, arena_printf(req->arena, "%lld", r.id));
	http_redirect(req, arena_printf(req->arena,
	    "/staff/%s/requests/%lld?done=%s", dept_of(req), r.id, name));
	return DM_OK;
}

/* Reports: merging a duplicate, a photo on the public map ------------- */

static dm_status
page_merge(struct dm_req *req)
{
	const struct service *sv;
	struct request r, kept;
	const char *into = kv_get(&req->form, "into");
	const char *why = NULL;
	long long kid = 0;
	dm_status st;

	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	if (into != NULL)
		while (*into == ' ')
			into++;
	st = request_by_protocol(req, into, dept_of(req), &kid);
	if (st == DM_EINPUT || st == DM_ENOTFOUND) {
		req->status = 422;
		return staff_request_page(req, &r, sv, pages_t(req,
		    st == DM_EINPUT ? "merge.protocol" : "merge.none"));
	}
	if (st != DM_OK)
		return st;
	if ((st = request_load(req, kid, 0, dept_of(req), &kept)) != DM_OK)
		return st;
	st = public_report_merge(req, &r, &kept, &why);
	if (st == DM_EINPUT) {
		req->status = 422;
		return staff_request_page(req, &r, sv, pages_t(req, why));
	}
	if (st == DM_ECONFLICT)
		return staff_request_page(req, &r, sv, pages_t(req,
		    "staff.changed"));
	if (st != DM_OK)
		return st;
	audit(req, "request_merged", r.account_id, arena_printf(req->arena,
	    "%lld>%lld", r.id, kept.id));
	http_redirect(req, arena_printf(req->arena,
	    "/staff/%s/requests/%lld?done=merge", dept_of(req), r.id));
	return DM_OK;
}

static dm_status
page_photo_public(struct dm_req *req)
{
	const struct service *sv;
	struct request r;
	const char *on = kv_get(&req->form, "public");
	long long att = pages_arg_id(req, "att");
	dm_status st;

	if ((st = load_scoped(req, &r, &sv)) != DM_OK)
		return st;
	if (!public_report_service(sv))
		return DM_ENOTFOUND;
	if ((st = public_report_show_photo(req, r.id, att, on != NULL &&
	    strcmp(on, "1") == 0)) != DM_OK)
		return st;
	audit(req, on != NULL && strcmp(on, "1") == 0 ? "photo_public" :
	    "photo_hidden", r.account_id, arena_printf(req->arena, "%lld/%lld",
	    r.id, att));
	http_redirect(req, arena_printf(req->arena,
	    "/staff/%s/requests/%lld?done=photo", dept_of(req), r.id));
	return DM_OK;
}

/* Revocation (staff of the document's department) ---------------------- */

static const struct fdef revoke_defs[] = {
	{ "reason", F_TEXT, "f.revoke_reason", NULL, FF_REQUIRED, 5, 1000,
	    NULL, NULL },
};

static dm_status
page_revoke(struct dm_req *req)
{
	struct ffield *f = forms_from_defs(req, revoke_defs, 1);
	struct document d;
	dm_status st;

	/* Scoped by department: another one's document is not found. */
	if ((st = documents_get(req, pages_arg_id(req, "doc"), dept_of(req),
	    &d)) != DM_OK)
		return st;
	if (forms_check(req, f, 1) != 0)
		return DM_EINPUT;
	st = documents_revoke(req, &d, f->value);
	if (st != DM_OK && st != DM_ECONFLICT)
		return st;
	http_redirect(req, arena_printf(req->arena,
	    "/staff/%s/requests/%lld?done=revoke", dept_of(req),
	    d.request_id));
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/staff/:dept/requests/:id", DM_ROUTE_STAFF,
	    page_staff_request },
	{ DM_METHOD_GET, "/staff/:dept/requests/:id/files/:att",
	    DM_ROUTE_STAFF, page_staff_file },
	{ DM_METHOD_GET, "/staff/:dept/requests/:id/files/:att/thumb",
	    DM_ROUTE_STAFF, page_staff_thumb },
	{ DM_METHOD_POST, "/staff/:dept/requests/:id/files/:att/public",
	    DM_ROUTE_STAFF, page_photo_public },
	{ DM_METHOD_POST, "/staff/:dept/requests/:id/:action", DM_ROUTE_STAFF,
	    page_action },
	{ DM_METHOD_POST, "/staff/:dept/documents/:doc/revoke",
	    DM_ROUTE_STAFF, page_revoke },
};

const struct route_table staff_request_routes = { routes, NELEMS(routes) };
