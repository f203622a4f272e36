/*
 * staff_counter.c - requests that arrive at the counter, by phone or by
 * mail (/staff/:dept/counter): the clerk finds or registers the citizen
 * and picks the service, then fills in the service's own form for them
 * and registers it (a protocol number, as on the web), so the
 * municipality can count how requests arrive.
 */
#include <string.h>

#include "accounts.h"
#include "casework.h"
#include "forms.h"
#include "pages.h"
#include "places.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "session.h"
#include "url.h"

static const char *const channels[] = { "counter", "phone", "mail", NULL };

static const struct fdef counter_defs[] = {
	{ "service", F_SELECT, "f.service", NULL, FF_REQUIRED, 0, 0, NULL,
	    NULL },
	{ "channel", F_CHOICE, "f.channel", NULL, FF_REQUIRED, 0, 0, NULL,
	    channels },
	{ "afm", F_AFM, "f.afm", "counter.afm.hint", 0, 0, 0, NULL, NULL },
	{ "first_name", F_STRING, "f.first_name", NULL, FF_REQUIRED, 1, 100,
	    NULL, NULL },
	{ "last_name", F_STRING, "f.last_name", NULL, FF_REQUIRED, 1, 100,
	    NULL, NULL },
	{ "father_name", F_STRING, "f.father_name", NULL, 0, 0, 100, NULL,
	    NULL },
	{ "mobile", F_PHONE, "f.phone", NULL, 0, 0, 0, NULL, NULL },
	{ "email", F_EMAIL, "f.email", "counter.email.hint", 0, 0, 254, NULL,
	    NULL },
};

#define SETTLEMENT_SUFFIX	"_settlement"

/*
 * The settlements a link names for an address (?<field>_settlement=, as
 * the citizen's form takes them: from a settlement's free pickup days,
 * or the choices script when the settlement changes), as a query string
 * ("" if none): step one keeps them in its form's address, then hands
 * them to step two, whose first render is then that settlement's (a
 * pickup's days offered at once). Only known settlements, each name
 * once.
 */
static const char *
settlement_links(struct dm_req *req)
{
	const size_t sl = strlen(SETTLEMENT_SUFFIX);
	const char *q = "";

	for (size_t i = 0; i < req->query.n; i++) {
		const struct kv *e = &req->query.v[i];
		size_t len = strlen(e->key);

		if (len <= sl || strcmp(e->key + len - sl,
		    SETTLEMENT_SUFFIX) != 0 ||
		    kv_get(&req->query, e->key) != e->val ||
		    places_settlement(e->val) == NULL)
			continue;
		q = arena_printf(req->arena, "%s%c%s=%s", q, q[0] ? '&' : '?',
		    url_encode(req->arena, e->key, NULL),
		    url_encode(req->arena, e->val, NULL));
	}
	return q;
}

static dm_status
page_counter(struct dm_req *req)
{
	const struct plugin *p = pages_department(req);
	size_t n = NELEMS(counter_defs), k = 0;
	struct ffield *f = forms_from_defs(req, counter_defs, n);
	struct fchoice *svcs;
	struct dm_node *c;

	if (p == NULL)
		return DM_ENOTFOUND;
	for (const struct dm_service *s = p->desc->services; s && s->code; s++)
		k++;
	svcs = arena_zalloc(req->arena, (k ? k : 1) * sizeof(*svcs));
	k = 0;
	for (const struct dm_service *s = p->desc->services; s && s->code;
	    s++, k++) {
		svcs[k].value = s->code;
		svcs[k].label = pages_l(req, s->title_el, s->title_en);
	}
	f[0].choices = svcs;
	f[0].nchoices = k;
	/* A link may name the service (?service=, one of this
	 * department's), as the citizen's /services/<code>/new does. */
	if (req->method != HTTP_POST) {
		const struct service *sv = services_find(kv_get(&req->query,
		    "service"));

		if (sv != NULL && sv->plugin == p)
			f[0].value = sv->svc->code;
	}
	if (req->method == HTTP_POST) {
		if (forms_check(req, f, n) == 0) {
			const struct service *sv = services_find(f[0].value);
			struct account_new a = {
				.level = 'A',
				.email = forms_value(f, n, "email"),
				.first_name = forms_value(f, n, "first_name"),
				.last_name = forms_value(f, n, "last_name"),
				.father_name = forms_value(f, n,
				    "father_name"),
				.afm = forms_value(f, n, "afm"),
				.mobile = forms_value(f, n, "mobile"),
			};
			long long draft = 0;
			dm_status st;

			if (sv == NULL || sv->plugin != p)
				return DM_EINPUT;
			if ((st = casework_counter(req, sv, &a, forms_value(f,
			    n, "channel"), &draft)) != DM_OK)
				return st;
			http_redirect(req, arena_printf(req->arena,
			    "/staff/%s/counter/%lld%s", p->name, draft,
			    settlement_links(req)));
			return DM_OK;
		}
		req->status = 422;
	}
	c = render_begin(req, "counter", pages_t(req, "counter.title"));
	pages_dept_attrs(req, c, p);
	forms_node(req, c, "counter", arena_printf(req->arena,
	    "/staff/%s/counter%s", p->name, settlement_links(req)), "continue",
	    f, n);
	return DM_OK;
}

/* Step two: the service's own form, filled in by the clerk. */
static dm_status
page_counter_request(struct dm_req *req)
{
	const struct plugin *p = pages_department(req);
	const struct service *sv;
	struct request r;
	struct ffield *f;
	struct dm_node *c, *fm;
	size_t n;
	int errors;
	dm_status st;

	if (p == NULL)
		return DM_ENOTFOUND;
	if ((st = request_load(req, pages_arg_id(req, "id"), 0, p->name,
	    &r)) != DM_OK)
		return st;
	if (r.status != RS_DRAFT) {
		http_redirect(req, arena_printf(req->arena,
		    "/staff/%s/requests/%lld", p->name, r.id));
		return DM_OK;
	}
	sv = services_find(r.service);
	if (sv == NULL)
		return DM_ENOTFOUND;
	/* Its first render is the citizen's form's: the draft's values
	 * (a clerk coming back to it), which the choices hooks read too, and
	 * a settlement a link names, so a pickup's days are offered before
	 * anything is posted. */
	if (req->method != HTTP_POST)
		pages_draft_form(req, sv, &r);
	f = pages_fields(req, sv, r.account_id, &n);
	if (req->method != HTTP_POST)
		pages_form_initial(req, &r, f, n);
	if (req->method == HTTP_POST) {
		if ((st = pages_take_form(req, sv, f, n, r.account_id, &r.id,
		    &errors)) != DM_OK)
			return st;
		if (errors == 0 && (st = pages_submit(req, r.id,
		    r.channel, session_actor(req), f, n, NULL, 0, NULL)) ==
		    DM_EINPUT)
			errors = 1;	/* the plugin's message is on f */
		else if (errors == 0) {
			if (st != DM_OK && st != DM_ECONFLICT)
				return st;
			http_redirect(req, arena_printf(req->arena,
			    "/staff/%s/requests/%lld?registered=1", p->name,
			    r.id));
			return DM_OK;
		}
		req->status = pages_form_status(req);
	}
	c = render_begin(req, "counter-form", pages_l(req, sv->svc->title_el,
	    sv->svc->title_en));
	pages_dept_attrs(req, c, p);
	pages_request_attrs(req, c, &r, sv);
	pages_files(req, c, r.id, 1, 1, arena_printf(req->arena,
	    "/staff/%s/requests/%lld/files", p->name, r.id));
	fm = forms_node(req, c, "counter-request", arena_printf(req->arena,
	    "/staff/%s/counter/%lld", p->name, r.id), "counter.submit", f, n);
	render_attr(fm, "enctype", "multipart/form-data");
	return DM_OK;
}

#define GP	(DM_METHOD_GET | DM_METHOD_POST)

static const struct dm_route routes[] = {
	{ GP, "/staff/:dept/counter", DM_ROUTE_STAFF, page_counter },
	{ GP, "/staff/:dept/counter/:id", DM_ROUTE_STAFF,
	    page_counter_request },
};

const struct route_table staff_counter_routes = { routes, NELEMS(routes) };
