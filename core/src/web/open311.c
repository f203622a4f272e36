/*
 * open311.c - the Open311 GeoReport v2 API under /open311/v2/ (the base
 * URL ends in '/'), with FixMyStreet's servicerequestupdates extension.
 * XML by default, JSON with ".json"; jurisdiction_id is accepted and
 * ignored (one municipality per site). Errors are 4xx in the spec's
 * <errors><error><code/><description/></error></errors>, never a 200.
 *
 * Services: every enabled department's services that a Level A citizen
 * may file without a file upload; certificates, confidential and Level B
 * services and those needing a file are left out (the spec lists what can
 * be requested). Fields become attributes; the first address field of a
 * location service is the request's location (lat/long,
 * address_string), the first text field takes "description".
 *
 * GET answers hold only what domain/public_reports.c makes public.
 * POST takes an api_key (dimosctl apikey), finds or makes the citizen by
 * e-mail (registration_reporter) and files the request as the web form
 * does, answering at once with its service_request_id.
 *
 * One tree per answer (struct onode) is written as XML (libxml2) or JSON
 * (json-c), so both formats always say the same.
 */
#include <json-c/json.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "accounts.h"
#include "apikeys.h"
#include "config.h"
#include "forms.h"
#include "localtime.h"
#include "log.h"
#include "open311.h"
#include "pages.h"
#include "plugins.h"
#include "public_reports.h"
#include "registration.h"
#include "req.h"
#include "requests.h"
#include "response.h"
#include "session.h"
#include "throttle.h"
#include "validate.h"

#define MAX_RESULTS	1000
#define MAX_IDS		200
#define DEFAULT_DAYS	90
#define GET_WINDOW	60	/* seconds: [open311] get_per_client */

/* The answer as a tree ---------------------------------------------------- */

enum okind { O_OBJ, O_LIST, O_STR, O_NUM, O_BOOL };

struct onode {
	const char	*name;
	enum okind	 kind;
	const char	*text;		/* O_STR; NULL: empty / null */
	long long	 num;		/* O_NUM, O_BOOL */
	struct onode	*first, *last, *next;
};

static struct onode *
onew(struct dm_req *req, struct onode *parent, const char *name,
    enum okind kind)
{
	struct onode *n = arena_zalloc(req->arena, sizeof(*n));

	n->name = name;
	n->kind = kind;
	if (parent != NULL) {
		if (parent->last)
			parent->last->next = n;
		else
			parent->first = n;
		parent->last = n;
	}
	return n;
}

static void
ostr(struct dm_req *req, struct onode *p, const char *name, const char *v)
{
	onew(req, p, name, O_STR)->text = v;
}

static void
onum(struct dm_req *req, struct onode *p, const char *name, long long v)
{
	onew(req, p, name, O_NUM)->num = v;
}

static void
obool(struct dm_req *req, struct onode *p, const char *name, int v)
{
	onew(req, p, name, O_BOOL)->num = v != 0;
}

static void
oxml(xmlNodePtr parent, const struct onode *n)
{
	char num[32];
	xmlNodePtr e;

	switch (n->kind) {
	case O_OBJ:
	case O_LIST:
		e = xmlNewChild(parent, NULL, (const xmlChar *)n->name, NULL);
		for (const struct onode *c = n->first; c; c = c->next)
			oxml(e, c);
		break;
	case O_STR:
		xmlNewTextChild(parent, NULL, (const xmlChar *)n->name,
		    (const xmlChar *)(n->text ? n->text : ""));
		break;
	case O_NUM:
		snprintf(num, sizeof(num), "%lld", n->num);
		xmlNewTextChild(parent, NULL, (const xmlChar *)n->name,
		    (const xmlChar *)num);
		break;
	case O_BOOL:
		xmlNewTextChild(parent, NULL, (const xmlChar *)n->name,
		    (const xmlChar *)(n->num ? "true" : "false"));
		break;
	}
}

static json_object *
ojson(const struct onode *n)
{
	json_object *o;

	switch (n->kind) {
	case O_OBJ:
		o = json_object_new_object();
		for (const struct onode *c = n->first; c; c = c->next)
			json_object_object_add(o, c->name, ojson(c));
		return o;
	case O_LIST:
		o = json_object_new_array();
		for (const struct onode *c = n->first; c; c = c->next)
			json_object_array_add(o, ojson(c));
		return o;
	case O_STR:
		return n->text ? json_object_new_string(n->text) : NULL;
	case O_NUM:
		return json_object_new_int64(n->num);
	case O_BOOL:
		return json_object_new_boolean((json_bool)n->num);
	}
	return NULL;
}

static void
osend(struct dm_req *req, int status, enum o311_fmt fmt,
    const struct onode *root)
{
	http_header(req, "Access-Control-Allow-Origin", "*");
	http_header(req, "Cache-Control", "no-store");
	if (fmt == O311_JSON) {
		json_object *j = ojson(root);
		const char *text = arena_strdup(req->arena,
		    json_object_to_json_string_ext(j,
		    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));

		json_object_put(j);
		http_send(req, status, "application/json; charset=utf-8", text,
		    strlen(text));
		return;
	}
	{
		xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
		xmlNodePtr top = xmlNewDocNode(doc, NULL,
		    (const xmlChar *)root->name, NULL);
		xmlChar *buf = NULL;
		int len = 0;

		xmlDocSetRootElement(doc, top);
		for (const struct onode *c = root->first; c; c = c->next)
			oxml(top, c);
		xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 0);
		http_send(req, status, "text/xml; charset=utf-8", buf,
		    len > 0 ? (size_t)len : 0);
		xmlFree(buf);
		xmlFreeDoc(doc);
	}
}

/* An error in the spec's form; status 400, 403, 404 (or 405, 429,
 * 503). */
static dm_status
oerror(struct dm_req *req, enum o311_fmt fmt, int status, const char *desc)
{
	struct onode *root = onew(req, NULL, "errors", O_LIST);
	struct onode *e = onew(req, root, "error", O_OBJ);

	/* A lookup that failed for the database's sake found nothing out:
	 * not "not found", "not allowed" nor a bad value (base/req.h). */
	if (status >= 400 && status < 500 && status != 405 && status != 429 &&
	    req_outage() != 0) {
		log_warn("open311: a failure of the database's answered %d; "
		    "503 instead", status);
		status = 503;
		desc = "the service is unavailable for a moment; try again";
	}
	onum(req, e, "code", status);
	ostr(req, e, "description", desc);
	if (status == 503)
		http_header(req, "Retry-After", "30");
	osend(req, status, fmt, root);
	return DM_OK;
}

/* A failure of ours, as an error the client can read. */
static dm_status
ofail(struct dm_req *req, enum o311_fmt fmt, dm_status st)
{
	if (st == DM_ENOTFOUND)
		return oerror(req, fmt, 404, "not found");
	if (st == DM_ELIMIT)
		return oerror(req, fmt, 400, "too many values asked for");
	return oerror(req, fmt, 503, "the service is unavailable for a "
	    "moment; try again");
}

/*
 * A GET (or HEAD) needs no key but is counted per client address,
 * [open311] get_per_client in a minute: 0 to go on, else the 429 was sent
 * (Retry-After: the seconds until it may ask again).
 */
static int
get_limited(struct dm_req *req, enum o311_fmt fmt)
{
	char subject[80];
	long long wait;

	if (req->method == HTTP_POST)
		return 0;
	snprintf(subject, sizeof(subject), "o:%s", req_ip(req));
	if ((wait = throttle_try(req, subject, req->cfg->open311_get_per_client,
	    GET_WINDOW, GET_WINDOW)) <= 0)
		return 0;
	http_header(req, "Retry-After", arena_printf(req->arena, "%lld",
	    wait));
	oerror(req, fmt, 429, "too many requests from this address; try "
	    "again later");
	return 1;
}

/* The endpoint's format from the path capture; NULL: not found, or a GET
 * over its limit (sent). */
static const char *
endpoint(struct dm_req *req, const char *arg, enum o311_fmt *fmt)
{
	const char *name = o311_endpoint(req->arena, kv_get(&req->args, arg),
	    fmt);

	if (name == NULL)
		oerror(req, O311_XML, 404, "no such endpoint or format: use "
		    ".xml or .json");
	else if (get_limited(req, *fmt))
		return NULL;
	return name;
}

/* Services ---------------------------------------------------------------- */

/* The first field of type t, or NULL. */
static const struct dm_field *
first_field(const struct dm_service *s, enum dm_field_type t)
{
	for (const struct dm_field *f = s->fields; f && f->name; f++)
		if (f->type == t)
			return f;
	return NULL;
}

/* The field a standard argument fills in: the location's address field,
 * the description's text field. */
static const struct dm_field *
location_field(const struct dm_service *s)
{
	return (s->flags & DM_SERVICE_LOCATION) ?
	    first_field(s, DM_FIELD_ADDRESS) : NULL;
}

static const struct dm_field *
description_field(const struct dm_service *s)
{
	return first_field(s, DM_FIELD_TEXT);
}

/* A service that the API may file: a Level A citizen's, no certificate,
 * not confidential, no file it must have; enabled. */
static int
api_service(const struct service *sv)
{
	const struct dm_service *s;

	if (sv == NULL || sv->disabled)
		return 0;
	s = sv->svc;
	if (s->result == DM_RESULT_CERTIFICATE ||
	    (s->flags & (DM_SERVICE_CONFIDENTIAL | DM_SERVICE_LEVEL_B)))
		return 0;
	for (const struct dm_field *f = s->fields; f && f->name; f++)
		if (f->type == DM_FIELD_FILE && (f->flags & DM_FIELD_REQUIRED))
			return 0;
	return 1;
}

static const struct service *
api_service_by_code(const char *code)
{
	const struct service *sv = o311_code_ok(code) ?
	    services_find_open(code) : NULL;

	return api_service(sv) ? sv : NULL;
}

/* Is field f an attribute (not one a standard argument fills)? */
static int
is_attribute(const struct dm_service *s, const struct dm_field *f)
{
	return f != location_field(s) && f != description_field(s);
}

static int
has_attributes(const struct dm_service *s)
{
	for (const struct dm_field *f = s->fields; f && f->name; f++)
		if (is_attribute(s, f))
			return 1;
	return 0;
}

static const char *
datatype(enum dm_field_type t)
{
	switch (t) {
	case DM_FIELD_TEXT: return "text";
	case DM_FIELD_NUMBER: return "number";
	case DM_FIELD_DATE:
	case DM_FIELD_DATETIME: return "datetime";
	case DM_FIELD_CHOICE: return "singlevaluelist";
	case DM_FIELD_MULTICHOICE: return "multivaluelist";
	default: return "string";
	}
}

/* What a value of type t looks like, for datatype_description. */
static const char *
datatype_description(struct dm_req *req, const struct dm_field *f)
{
	const char *hint = pages_l(req, f->hint_el, f->hint_en);

	if (hint != NULL && hint[0] != '\0')
		return hint;
	switch (f->type) {
	case DM_FIELD_DATE: return "YYYY-MM-DD";
	case DM_FIELD_DATETIME: return "YYYY-MM-DDTHH:MM";
	case DM_FIELD_AFM: return pages_t(req, "open311.type.afm");
	case DM_FIELD_AMKA: return pages_t(req, "open311.type.amka");
	case DM_FIELD_PHONE: return pages_t(req, "open311.type.phone");
	case DM_FIELD_EMAIL: return pages_t(req, "open311.type.email");
	case DM_FIELD_FILE: return pages_t(req, "open311.type.file");
	default: return NULL;
	}
}

static void
service_node(struct dm_req *req, struct onode *list, const struct service *sv)
{
	const struct dm_service *s = sv->svc;
	const struct dm_department *d = sv->plugin->desc->department;
	struct onode *n = onew(req, list, "service", O_OBJ);

	ostr(req, n, "service_code", s->code);
	ostr(req, n, "service_name", pages_l(req, s->title_el, s->title_en));
	ostr(req, n, "description", pages_l(req, s->summary_el,
	    s->summary_en));
	obool(req, n, "metadata", has_attributes(s));
	ostr(req, n, "type", "realtime");
	ostr(req, n, "keywords", s->keywords);
	ostr(req, n, "group", pages_l(req, d->name_el, d->name_en));
}

static dm_status
api_services(struct dm_req *req, enum o311_fmt fmt)
{
	struct onode *root = onew(req, NULL, "services", O_LIST);

	for (size_t i = 0; i < services_count(); i++)
		if (api_service(services_at(i)))
			service_node(req, root, services_at(i));
	osend(req, 200, fmt, root);
	return DM_OK;
}

static dm_status
api_definition(struct dm_req *req)
{
	enum o311_fmt fmt;
	const char *code = endpoint(req, "code", &fmt);
	const struct service *sv;
	struct onode *root, *attrs;
	int order = 0;

	if (code == NULL)
		return DM_OK;
	if ((sv = api_service_by_code(code)) == NULL)
		return oerror(req, fmt, 404, "service_code not found (or "
		    "not available through this API)");
	root = onew(req, NULL, "service_definition", O_OBJ);
	ostr(req, root, "service_code", sv->svc->code);
	attrs = onew(req, root, "attributes", O_LIST);
	for (const struct dm_field *f = sv->svc->fields; f && f->name; f++) {
		struct onode *a, *vals;

		if (!is_attribute(sv->svc, f))
			continue;
		a = onew(req, attrs, "attribute", O_OBJ);
		/* A file is attached on the web site: shown, not sent. */
		obool(req, a, "variable", f->type != DM_FIELD_FILE);
		ostr(req, a, "code", f->name);
		ostr(req, a, "datatype", datatype(f->type));
		obool(req, a, "required", (f->flags & DM_FIELD_REQUIRED) &&
		    f->type != DM_FIELD_FILE);
		ostr(req, a, "datatype_description", datatype_description(req,
		    f));
		onum(req, a, "order", ++order);
		ostr(req, a, "description", pages_l(req, f->label_el,
		    f->label_en));
		if (f->type != DM_FIELD_CHOICE &&
		    f->type != DM_FIELD_MULTICHOICE)
			continue;
		vals = onew(req, a, "values", O_LIST);
		for (const struct dm_choice *c = f->choices; c && c->value;
		    c++) {
			struct onode *v = onew(req, vals, "value", O_OBJ);

			ostr(req, v, "key", c->value);
			ostr(req, v, "name", pages_l(req, c->label_el,
			    c->label_en));
		}
	}
	osend(req, 200, fmt, root);
	return DM_OK;
}

static dm_status
api_discovery(struct dm_req *req, enum o311_fmt fmt)
{
	struct onode *root = onew(req, NULL, "discovery", O_OBJ);
	struct onode *eps, *ep, *fmts;

	ostr(req, root, "changeset", "2026-12-05T00:00:00+02:00");
	ostr(req, root, "contact", req->cfg->mun_email &&
	    req->cfg->mun_email[0] ? req->cfg->mun_email : NULL);
	ostr(req, root, "key_service", pages_t(req, "open311.key_service"));
	eps = onew(req, root, "endpoints", O_LIST);
	ep = onew(req, eps, "endpoint", O_OBJ);
	ostr(req, ep, "specification", "http://wiki.open311.org/GeoReport_v2");
	ostr(req, ep, "url", arena_printf(req->arena, "%s/open311/v2/",
	    req->cfg->base_url));
	ostr(req, ep, "changeset", "2026-12-05T00:00:00+02:00");
	ostr(req, ep, "type", "production");
	fmts = onew(req, ep, "formats", O_LIST);
	ostr(req, fmts, "format", "text/xml");
	ostr(req, fmts, "format", "application/json");
	osend(req, 200, fmt, root);
	return DM_OK;
}

/* Requests ---------------------------------------------------------------- */

static int
is_open(const char *status)
{
	return strcmp(status, "completed") != 0 &&
	    strcmp(status, "rejected") != 0 &&
	    strcmp(status, "withdrawn") != 0;
}

static const char *
degrees(struct dm_req *req, double v)
{
	return arena_printf(req->arena, "%.3f", v);
}

/* The end of a due day, local, as a W3C datetime; NULL if none. */
static const char *
due_w3c(struct dm_req *req, const char *due)
{
	char utc[20];

	if (due == NULL || lt_utc_of_local(arena_printf(req->arena,
	    "%.10sT23:59:59", due), utc) != 0)
		return NULL;
	return lt_w3c(req->arena, utc);
}

static void
request_node(struct dm_req *req, struct onode *list,
    const struct public_report *r)
{
	const struct service *sv = services_find(r->service);
	struct onode *n = onew(req, list, "request", O_OBJ);

	onum(req, n, "service_request_id", r->id);
	ostr(req, n, "status", is_open(r->state) ? "open" : "closed");
	ostr(req, n, "status_notes", pages_t(req, arena_printf(req->arena,
	    "status.%s", r->state)));
	ostr(req, n, "service_name", sv ? pages_l(req, sv->svc->title_el,
	    sv->svc->title_en) : r->service);
	ostr(req, n, "service_code", r->service);
	ostr(req, n, "description", pages_public_summary(req, r));
	ostr(req, n, "agency_responsible", pages_dept_name(req,
	    r->department));
	ostr(req, n, "service_notice", NULL);
	ostr(req, n, "requested_datetime", lt_w3c(req->arena, r->requested));
	ostr(req, n, "updated_datetime", lt_w3c(req->arena, r->updated));
	ostr(req, n, "expected_datetime", due_w3c(req, r->due_date));
	ostr(req, n, "address", pages_public_place(req, r));
	ostr(req, n, "address_id", NULL);
	ostr(req, n, "zipcode", NULL);
	ostr(req, n, "lat", degrees(req, r->at.lat));
	ostr(req, n, "long", degrees(req, r->at.lon));
	ostr(req, n, "media_url", pages_public_photo_url(req, r));
}

/* "a,b,c" of positive ids into *ids; -1 if one is not. */
static int
parse_ids(struct dm_req *req, const char *s, long long **ids, size_t *n)
{
	char *copy = arena_strdup(req->arena, s), *save = NULL;

	*ids = arena_zalloc(req->arena, MAX_IDS * sizeof(**ids));
	*n = 0;
	for (char *t = strtok_r(copy, ",", &save); t != NULL;
	    t = strtok_r(NULL, ",", &save)) {
		long long v;

		if (*n == MAX_IDS || !val_int(t, 1, 999999999999LL, &v))
			return -1;
		(*ids)[(*n)++] = v;
	}
	return *n > 0 ? 0 : -1;
}

/* A date argument as UTC into out; 0 absent, 1 read, -1 malformed. */
static int
date_arg(struct dm_req *req, const char *name, char out[20])
{
	const char *v = kv_get(&req->query, name);

	if (v == NULL || v[0] == '\0')
		return 0;
	return lt_utc_of_w3c(v, out) == 0 ? 1 : -1;
}

/* The spec's default start: DEFAULT_DAYS ago, UTC, into out. */
static const char *
default_from(char out[20])
{
	lt_utc_text(time(NULL) - (time_t)DEFAULT_DAYS * 86400, out);
	return out;
}

static dm_status
list_requests(struct dm_req *req, enum o311_fmt fmt, const long long *ids,
    size_t nids)
{
	struct public_query f;
	struct public_report *v;
	struct onode *root;
	const char *code = kv_get(&req->query, "service_code");
	const char *status = kv_get(&req->query, "status");
	char from[20], to[20];
	int hf, ht;
	size_t n;
	dm_status st;

	memset(&f, 0, sizeof(f));
	f.ids = ids;
	f.nids = nids;
	f.limit = MAX_RESULTS;
	if (code != NULL && code[0] != '\0') {
		if (!o311_code_ok(code))
			return oerror(req, fmt, 400, "service_code must be "
			    "plain ASCII");
		if (api_service_by_code(code) == NULL)
			return oerror(req, fmt, 404, "service_code not "
			    "found");
		f.service = code;
	}
	if (status != NULL && status[0] != '\0') {
		char *copy = arena_strdup(req->arena, status), *save = NULL;

		for (char *t = strtok_r(copy, ",", &save); t != NULL;
		    t = strtok_r(NULL, ",", &save)) {
			if (strcmp(t, "open") == 0)
				f.statuses |= RS_OPEN;
			else if (strcmp(t, "closed") == 0)
				f.statuses |= RS_BIT(RS_COMPLETED) |
				    RS_BIT(RS_REJECTED) | RS_BIT(RS_WITHDRAWN);
			else
				return oerror(req, fmt, 400, "status must be "
				    "open or closed");
		}
	}
	if ((hf = date_arg(req, "start_date", from)) < 0 ||
	    (ht = date_arg(req, "end_date", to)) < 0)
		return oerror(req, fmt, 400, "start_date and end_date are W3C "
		    "datetimes, e.g. 2026-12-05T09:30:00+02:00");
	f.from = hf ? from : NULL;
	f.to = ht ? to : NULL;
	if (hf && ht && strcmp(from, to) > 0)
		return oerror(req, fmt, 400, "start_date is after end_date");
	/* Without dates or ids, the spec's default: the last 90 days. */
	if (!hf && !ht && nids == 0)
		f.from = default_from(from);
	if ((st = public_reports_query(req, &f, &v, &n)) != DM_OK)
		return ofail(req, fmt, st);
	if (nids == 1 && n == 0)
		return oerror(req, fmt, 404, "service_request_id not found");
	root = onew(req, NULL, "service_requests", O_LIST);
	for (size_t i = 0; i < n; i++)
		request_node(req, root, &v[i]);
	osend(req, 200, fmt, root);
	return DM_OK;
}

static dm_status
get_requests(struct dm_req *req, enum o311_fmt fmt)
{
	const char *ids = kv_get(&req->query, "service_request_id");
	long long *v = NULL;
	size_t n = 0;

	if (ids != NULL && ids[0] != '\0' && parse_ids(req, ids, &v, &n) != 0)
		return oerror(req, fmt, 400, "service_request_id is a list of "
		    "at most 200 numbers separated by commas");
	return list_requests(req, fmt, v, n);
}

static dm_status
api_request(struct dm_req *req)
{
	enum o311_fmt fmt;
	const char *id = endpoint(req, "id", &fmt);
	long long v;

	if (id == NULL)
		return DM_OK;
	if (!val_int(id, 1, 999999999999LL, &v))
		return oerror(req, fmt, 404, "service_request_id not found");
	return list_requests(req, fmt, &v, 1);
}

/* A token is the request's id: requests are numbered as they are made. */
static dm_status
api_token(struct dm_req *req)
{
	enum o311_fmt fmt;
	const char *id = endpoint(req, "id", &fmt);
	struct public_query f;
	struct public_report *v;
	struct onode *root, *r;
	long long want;
	size_t n;
	dm_status st;

	if (id == NULL)
		return DM_OK;
	if (!val_int(id, 1, 999999999999LL, &want))
		return oerror(req, fmt, 404, "token not found");
	memset(&f, 0, sizeof(f));
	f.ids = &want;
	f.nids = 1;
	f.limit = 1;
	if ((st = public_reports_query(req, &f, &v, &n)) != DM_OK)
		return ofail(req, fmt, st);
	if (n == 0)
		return oerror(req, fmt, 404, "token not found");
	root = onew(req, NULL, "service_requests", O_LIST);
	r = onew(req, root, "request", O_OBJ);
	onum(req, r, "service_request_id", want);
	ostr(req, r, "token", id);
	osend(req, 200, fmt, root);
	return DM_OK;
}

/* FixMyStreet's names of our statuses (it maps them to its own). */
static const char *
update_status(const char *s)
{
	if (strcmp(s, "submitted") == 0)
		return "open";
	if (strcmp(s, "in_progress") == 0 ||
	    strcmp(s, "awaiting_citizen") == 0)
		return "in_progress";
	if (strcmp(s, "completed") == 0)
		return "fixed";
	if (strcmp(s, "rejected") == 0)
		return "no_further_action";
	return "closed";
}

static dm_status
get_updates(struct dm_req *req, enum o311_fmt fmt)
{
	struct public_update *v;
	struct onode *root;
	char from[20], to[20];
	int hf, ht;
	size_t n;
	dm_status st;

	if ((hf = date_arg(req, "start_date", from)) < 0 ||
	    (ht = date_arg(req, "end_date", to)) < 0)
		return oerror(req, fmt, 400, "start_date and end_date are W3C "
		    "datetimes, e.g. 2026-12-05T09:30:00+02:00");
	/* Without dates, as for requests: the last 90 days (read in the
	 * events' order of time from there, never every event there is). */
	if ((st = public_report_updates(req, hf ? from : ht ? NULL :
	    default_from(from), ht ? to : NULL, MAX_RESULTS, &v, &n)) != DM_OK)
		return ofail(req, fmt, st);
	root = onew(req, NULL, "service_request_updates", O_LIST);
	for (size_t i = 0; i < n; i++) {
		struct onode *u = onew(req, root, "request_update", O_OBJ);

		onum(req, u, "update_id", v[i].id);
		onum(req, u, "service_request_id", v[i].request_id);
		ostr(req, u, "status", update_status(v[i].status));
		ostr(req, u, "updated_datetime", lt_w3c(req->arena, v[i].at));
		ostr(req, u, "description", pages_t(req, arena_printf(
		    req->arena, "status.%s", v[i].status)));
		ostr(req, u, "media_url", NULL);
	}
	osend(req, 200, fmt, root);
	return DM_OK;
}

/* Filing ------------------------------------------------------------------ */

/* The key of a POST: 0 to go on, else the error was sent. */
static int
key_refused(struct dm_req *req, enum o311_fmt fmt, const char *key)
{
	long long id, retry;
	dm_status st = apikey_check(req, key, req->cfg->open311_per_minute,
	    &id, &retry);

	if (st == DM_OK)
		return 0;
	if (st == DM_EDENIED)
		oerror(req, fmt, 403, "api_key missing or not valid");
	else if (st == DM_ELIMIT) {
		http_header(req, "Retry-After", arena_printf(req->arena,
		    "%lld", retry));
		oerror(req, fmt, 429, "too many requests with this api_key; "
		    "try again later");
	} else
		ofail(req, fmt, st);
	return 1;
}

/* The request's citizen, acting for this POST as if logged in. */
static dm_status
act_as(struct dm_req *req, long long id)
{
	struct session *s = arena_zalloc(req->arena, sizeof(*s));
	struct account a;
	dm_status st;

	if ((st = account_load(req, id, &a)) != DM_OK)
		return st;
	s->account_id = id;
	s->kind = 'p';
	s->level = 'A';
	s->method = 'p';
	s->email = a.email;
	s->first_name = a.first_name;
	s->last_name = a.last_name;
	s->display = account_display(req, &a);
	req->session = s;
	return DM_OK;
}

static void
form_add(struct dm_req *req, const char *key, const char *val)
{
	if (val != NULL)
		kv_add(req->arena, &req->form, key, val, strlen(val));
}

/* The POST's arguments as the service's form. */
static void
as_form(struct dm_req *req, const struct dm_service *s,
    const struct o311_post *p)
{
	const struct dm_field *loc = location_field(s);
	const struct dm_field *desc = description_field(s);

	memset(&req->form, 0, sizeof(req->form));
	for (size_t i = 0; i < p->nattrs; i++)
		for (size_t k = 0; k < p->attrs[i].n; k++)
			form_add(req, p->attrs[i].code, p->attrs[i].values[k]);
	if (desc != NULL && o311_attr(p, desc->name) == NULL)
		form_add(req, desc->name, p->description);
	if (loc != NULL) {
		const char *text = p->address_string;

		/* A point alone still names where it is. */
		if ((text == NULL || text[0] == '\0') && p->lat && p->lon)
			text = arena_printf(req->arena, "%s, %s", p->lat,
			    p->lon);
		form_add(req, loc->name, text);
		form_add(req, arena_printf(req->arena, "%s_lat", loc->name),
		    p->lat);
		form_add(req, arena_printf(req->arena, "%s_lon", loc->name),
		    p->lon);
	}
}

/* The form's messages as the spec's errors (400). */
static dm_status
form_errors(struct dm_req *req, enum o311_fmt fmt, const struct dm_service *s,
    const struct ffield *f, size_t n)
{
	struct onode *root = onew(req, NULL, "errors", O_LIST);

	for (size_t i = 0; i < n; i++) {
		const struct dm_field *d = &s->fields[i];
		struct onode *e;
		const char *arg;

		if (f[i].error == NULL)
			continue;
		arg = d == location_field(s) ? "address_string/lat/long" :
		    d == description_field(s) &&
		    strcmp(d->name, "description") != 0 ? "description" :
		    arena_printf(req->arena, "attribute[%s]", f[i].name);
		e = onew(req, root, "error", O_OBJ);
		onum(req, e, "code", 400);
		ostr(req, e, "description", arena_printf(req->arena, "%s: %s",
		    arg, f[i].error));
	}
	if (req->refusal != NULL) {
		struct onode *e = onew(req, root, "error", O_OBJ);

		onum(req, e, "code", 400);
		ostr(req, e, "description", req->refusal);
	}
	if (root->first == NULL)
		return oerror(req, fmt, 400, "the request was refused");
	osend(req, 400, fmt, root);
	return DM_OK;
}

static dm_status
post_request(struct dm_req *req, enum o311_fmt fmt)
{
	struct o311_post p;
	const struct service *sv;
	const char *err;
	struct ffield *f;
	struct onode *root, *r;
	struct request rq;
	long long account, id = 0;
	size_t n;
	int errors, created;
	dm_status st;

	if (o311_read_post(req->arena, &req->form, &p, &err) != 0)
		return oerror(req, fmt, 400, err);
	if (key_refused(req, fmt, p.api_key))
		return DM_OK;
	if (p.service_code == NULL || p.service_code[0] == '\0')
		return oerror(req, fmt, 400, "service_code is required");
	if ((sv = api_service_by_code(p.service_code)) == NULL)
		return oerror(req, fmt, 404, "service_code not found (or not "
		    "available through this API)");
	if (location_field(sv->svc) != NULL && (p.lat == NULL ||
	    p.lon == NULL || p.lat[0] == '\0' || p.lon[0] == '\0') &&
	    (p.address_string == NULL || p.address_string[0] == '\0') &&
	    (p.address_id == NULL || p.address_id[0] == '\0'))
		return oerror(req, fmt, 400, "a location is required: lat and "
		    "long, or address_string");
	if (p.lat != NULL && p.lat[0] && !val_latlon(p.lat, p.lon, NULL,
	    NULL))
		return oerror(req, fmt, 400, "lat and long must be WGS84 "
		    "decimal degrees");
	if (p.email == NULL || !val_email(p.email))
		return oerror(req, fmt, 400, "email is required: the citizen "
		    "is told about the request by e-mail");
	/* The form is checked before anything is kept: a refused POST
	 * leaves nothing behind. */
	as_form(req, sv->svc, &p);
	f = forms_from_service(req, sv->svc->fields, &n);
	forms_mark_places(f, n, sv->svc);
	if (forms_check(req, f, n) > 0)
		return form_errors(req, fmt, sv->svc, f, n);
	st = registration_reporter(req, p.email, p.first_name, p.last_name,
	    &account, &created);
	if (st == DM_ECONFLICT)
		/* The address of a closed account: it files nothing. */
		return oerror(req, fmt, 400, "this e-mail address cannot file "
		    "requests");
	if (st != DM_OK || (st = act_as(req, account)) != DM_OK)
		return ofail(req, fmt, st);
	if ((st = pages_take_form(req, sv, f, n, account, &id, &errors)) !=
	    DM_OK)
		return ofail(req, fmt, st);
	if (errors > 0)
		return form_errors(req, fmt, sv->svc, f, n);
	st = pages_submit(req, id, "web", 0, f, n, "open311", 0, NULL);
	if (st == DM_EINPUT)
		return form_errors(req, fmt, sv->svc, f, n);
	if (st != DM_OK)
		return ofail(req, fmt, st);
	root = onew(req, NULL, "service_requests", O_LIST);
	r = onew(req, root, "request", O_OBJ);
	onum(req, r, "service_request_id", id);
	ostr(req, r, "service_notice", request_load(req, id, account, NULL,
	    &rq) == DM_OK && rq.protocol ? arena_printf(req->arena, "%s %s",
	    pages_t(req, "open311.protocol"), rq.protocol) : NULL);
	ostr(req, r, "account_id", NULL);
	osend(req, 200, fmt, root);
	return DM_OK;
}

/* FixMyStreet sends what its users add to a report: kept on the request
 * as a note for the department (the department changes the status). */
static dm_status
post_update(struct dm_req *req, enum o311_fmt fmt)
{
	const char *key = kv_get(&req->form, "api_key");
	const char *ids = kv_get(&req->form, "service_request_id");
	const char *desc = kv_get(&req->form, "description");
	const char *their = kv_get(&req->form, "update_id");
	struct public_query f;
	struct public_report *v;
	struct onode *root, *u;
	long long id, event;
	size_t n;
	dm_status st;

	if (key_refused(req, fmt, key))
		return DM_OK;
	if (ids == NULL || !val_int(ids, 1, 999999999999LL, &id))
		return oerror(req, fmt, 400, "service_request_id is required");
	if (desc == NULL || desc[0] == '\0' || strlen(desc) > 4000)
		return oerror(req, fmt, 400, "description is required (at "
		    "most 4000 bytes)");
	memset(&f, 0, sizeof(f));
	f.ids = &id;
	f.nids = 1;
	f.limit = 1;
	if ((st = public_reports_query(req, &f, &v, &n)) != DM_OK)
		return ofail(req, fmt, st);
	if (n == 0)
		return oerror(req, fmt, 404, "service_request_id not found");
	req->session = NULL;
	if ((st = request_event(req, id, "open311_update", 1, RS_DRAFT,
	    RS_DRAFT, their ? arena_printf(req->arena, "[%.64s] %s", their,
	    desc) : desc, &event)) != DM_OK)
		return ofail(req, fmt, st);
	root = onew(req, NULL, "service_request_updates", O_LIST);
	u = onew(req, root, "request_update", O_OBJ);
	onum(req, u, "update_id", event);
	osend(req, 200, fmt, root);
	return DM_OK;
}

/* Routes ------------------------------------------------------------------ */

typedef dm_status (*endpoint_fn)(struct dm_req *, enum o311_fmt);

/* The endpoints of /open311/v2/<name>[.xml|.json]; NULL: not that
 * method. */
static const struct {
	const char	*name;
	endpoint_fn	 get, post;
} endpoints[] = {
	{ "discovery", api_discovery, NULL },
	{ "services", api_services, NULL },
	{ "requests", get_requests, post_request },
	{ "servicerequestupdates", get_updates, post_update },
};

static dm_status
api_file(struct dm_req *req)
{
	enum o311_fmt fmt;
	const char *name = endpoint(req, "file", &fmt);

	if (name == NULL)
		return DM_OK;
	/* What a GET says is the same for everyone; a POST acts for the
	 * citizen it names, never for a session's cookie. */
	req->session = NULL;
	for (size_t i = 0; i < NELEMS(endpoints); i++) {
		endpoint_fn fn = req->method == HTTP_POST ? endpoints[i].post :
		    endpoints[i].get;

		if (strcmp(name, endpoints[i].name) != 0)
			continue;
		if (fn == NULL) {
			http_header(req, "Allow", req->method == HTTP_POST ?
			    "GET, HEAD" : "POST");
			return oerror(req, fmt, 405, "method not allowed "
			    "here");
		}
		return fn(req, fmt);
	}
	return oerror(req, fmt, 404, "no such endpoint");
}

static dm_status
api_root(struct dm_req *req)
{
	req->session = NULL;
	if (get_limited(req, O311_XML))
		return DM_OK;
	return api_discovery(req, O311_XML);
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/open311/v2/", ROUTE_API, api_root },
	{ DM_METHOD_GET | DM_METHOD_POST, "/open311/v2/:file", ROUTE_API,
	    api_file },
	{ DM_METHOD_GET, "/open311/v2/services/:code", ROUTE_API,
	    api_definition },
	{ DM_METHOD_GET, "/open311/v2/requests/:id", ROUTE_API, api_request },
	{ DM_METHOD_GET, "/open311/v2/tokens/:id", ROUTE_API, api_token },
};

const struct route_table open311_routes = { routes, NELEMS(routes) };
