/*
 * pages_crews.c - the crews: the head names them (the municipality's own
 * or a contractor's), a clerk gives a request to one from the request's
 * page, and each crew's open work is a list that prints on one sheet.
 */
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/text.h"

#include "bookings.h"
#include "cleaning.h"
#include "crews.h"
#include "pages.h"
#include "places.h"

/* The title of one of the department's services, in the reader's
 * language. */
static const char *
service_title(struct dm_req *req, const char *code)
{
	for (const struct dm_service *s = cl_services; s->code; s++)
		if (strcmp(s->code, code) == 0)
			return cl_host->tr(req, s->title_el, s->title_en);
	return code;
}

/* ------------------------------------------------------ the head's list */

struct crew_input {
	const char	*name, *contractor, *phone;
	int		 active;
	const char	*name_error, *contractor_error, *phone_error;
};

/* One line, at most max characters; empty allowed unless required. */
static const char *
line_error(struct dm_req *req, const char *v, size_t max, int required)
{
	if (v == NULL || v[0] == '\0')
		return required ? cl_host->tr(req, "Συμπληρώστε το πεδίο.",
		    "Fill in this field.") : NULL;
	if (strpbrk(v, "\r\n") != NULL || kit_utf8_chars(v) > max)
		return cl_host->aprintf(req, "%s %zu %s", cl_host->tr(req,
		    "Μία γραμμή, έως", "One line, at most"), max,
		    cl_host->tr(req, "χαρακτήρες.", "characters."));
	return NULL;
}

/* A phone as people write it: digits, spaces, +, -, (, ); 5 to 15
 * digits, stored as typed in at most CREW_PHONE_MAX characters. */
static const char *
phone_error(struct dm_req *req, const char *v)
{
	size_t digits = 0;

	if (v == NULL || v[0] == '\0')
		return NULL;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (strchr(" +-()", *p) == NULL)
			digits = 100;
	}
	if (digits < 5 || digits > 15)
		return cl_host->tr(req, "Γράψτε ένα τηλέφωνο με 5 έως 15 "
		    "ψηφία, π.χ. 6912345678.", "Write a phone number of 5 to "
		    "15 digits, e.g. 6912345678.");
	if (strlen(v) > CREW_PHONE_MAX)
		return cl_host->tr(req, "Γράψτε το τηλέφωνο με λιγότερα κενά "
		    "(έως 16 χαρακτήρες), π.χ. 6912345678.", "Write the phone "
		    "with fewer spaces (up to 16 characters), e.g. 6912345678.");
	return NULL;
}

static int
crew_input_read(struct dm_req *req, struct crew_input *in)
{
	const char *active = cl_host->req_form(req, "active");

	in->name = cl_host->req_form(req, "name");
	in->contractor = cl_host->req_form(req, "contractor");
	in->phone = cl_host->req_form(req, "phone");
	in->active = active != NULL && strcmp(active, "1") == 0;
	in->name_error = line_error(req, in->name, CREW_NAME_MAX, 1);
	in->contractor_error = line_error(req, in->contractor,
	    CREW_CONTRACTOR_MAX, 0);
	in->phone_error = phone_error(req, in->phone);
	return in->name_error == NULL && in->contractor_error == NULL &&
	    in->phone_error == NULL;
}

static void
input_attrs(struct dm_node *n, const struct crew_input *in)
{
	if (in->name)
		cl_host->node_attr(n, "name", in->name);
	if (in->contractor)
		cl_host->node_attr(n, "contractor", in->contractor);
	if (in->phone)
		cl_host->node_attr(n, "phone", in->phone);
	if (in->name_error)
		cl_host->node_attr(n, "name-error", in->name_error);
	if (in->contractor_error)
		cl_host->node_attr(n, "contractor-error",
		    in->contractor_error);
	if (in->phone_error)
		cl_host->node_attr(n, "phone-error", in->phone_error);
}

struct crews_ctx {
	struct dm_req		*req;
	struct dm_node		*list;
	long long		 edited;	/* its form comes back */
	const struct crew_input	*input;
};

static dm_status
crews_row(void *arg, const struct crew *k)
{
	struct crews_ctx *x = arg;
	struct dm_node *n = cl_host->node_add(x->list, "crew", NULL);

	cl_host->node_attr_int(n, "id", k->id);
	cl_host->node_attr_int(n, "open", k->open);
	if (k->active)
		cl_host->node_attr(n, "active", "1");
	if (k->id == x->edited) {
		cl_host->node_attr(n, "edited", "1");
		input_attrs(n, x->input);
		return DM_OK;
	}
	cl_host->node_attr(n, "name", k->name);
	if (k->contractor)
		cl_host->node_attr(n, "contractor", k->contractor);
	if (k->phone)
		cl_host->node_attr(n, "phone", k->phone);
	return DM_OK;
}

static dm_status
crews_page(struct dm_req *req, const struct crew_input *added,
    long long edited, const struct crew_input *edit)
{
	struct crews_ctx x;
	struct dm_node *c = cl_host->page_begin(req, "crews", cl_host->tr(req,
	    "Συνεργεία", "Crews"));
	const char *saved = cl_host->req_query(req, "saved");

	if (added == NULL && edit == NULL && saved != NULL)
		cl_host->node_attr(c, "saved", "1");
	if (added != NULL)
		input_attrs(cl_host->node_add(c, "add", NULL), added);
	x.req = req;
	x.list = cl_host->node_add(c, "list", NULL);
	x.edited = edited;
	x.input = edit;
	return crews_list(req, 0, crews_row, &x);
}

/* GET /staff/cleaning/crews (the head) */
dm_status
page_crews(struct dm_req *req)
{
	return crews_page(req, NULL, 0, NULL);
}

/* POST /staff/cleaning/crews: a new crew. */
dm_status
page_crew_add(struct dm_req *req)
{
	struct crew_input in;
	long long id = 0;
	dm_status st;

	if (!crew_input_read(req, &in))
		return crews_page(req, &in, 0, NULL) == DM_OK ? DM_EINPUT :
		    DM_EINTERNAL;
	st = crew_add(req, in.name, in.contractor, in.phone, &id);
	if (st == DM_ECONFLICT) {
		in.name_error = cl_host->tr(req, "Υπάρχει ήδη συνεργείο με "
		    "αυτό το όνομα.", "There is a crew with that name "
		    "already.");
		return crews_page(req, &in, 0, NULL) == DM_OK ? DM_EINPUT :
		    DM_EINTERNAL;
	}
	if (st != DM_OK)
		return st;
	cl_host->log(cl_self, DM_LOG_INFO, "account %lld added crew %lld",
	    pages_me(req), id);
	cl_host->redirect(req, "/staff/" CL_PLUGIN "/crews?saved=1");
	return DM_OK;
}

/* POST /staff/cleaning/crews/:id/save: rename, contacts, working or not. */
dm_status
page_crew_save(struct dm_req *req)
{
	long long id = pages_id(cl_host->req_arg(req, "id"));
	struct crew_input in;
	struct crew k;
	dm_status st;

	if (id == 0 || crew_load(req, id, &k) != DM_OK)
		return DM_ENOTFOUND;
	if (!crew_input_read(req, &in))
		return crews_page(req, NULL, id, &in) == DM_OK ? DM_EINPUT :
		    DM_EINTERNAL;
	st = crew_update(req, id, in.name, in.contractor, in.phone, in.active);
	if (st == DM_ECONFLICT) {
		in.name_error = cl_host->tr(req, "Υπάρχει ήδη συνεργείο με "
		    "αυτό το όνομα.", "There is a crew with that name "
		    "already.");
		return crews_page(req, NULL, id, &in) == DM_OK ? DM_EINPUT :
		    DM_EINTERNAL;
	}
	if (st != DM_OK)
		return st;
	cl_host->redirect(req, "/staff/" CL_PLUGIN "/crews?saved=1");
	return DM_OK;
}

/* ------------------------------------------------- a crew's work */

struct jobs_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
	size_t		 n;
};

static dm_status
job_row(void *arg, const struct crew_job *j)
{
	struct jobs_ctx *x = arg;
	struct dm_node *n = cl_host->node_add(x->list, "job", NULL);
	struct booking b;

	cl_host->node_attr_int(n, "request", j->request_id);
	cl_host->node_attr(n, "protocol", j->protocol);
	cl_host->node_attr(n, "service", service_title(x->req, j->service));
	if (j->address)
		cl_host->node_attr(n, "address", j->address);
	if (j->settlement)
		cl_host->node_attr(n, "settlement", place_settlement_name(
		    x->req, j->settlement));
	if (strcmp(j->service, CL_BULKY) == 0 &&
	    booking_load(x->req, j->request_id, 0, &b) == DM_OK) {
		cl_host->node_attr(n, "day", b.day);
		cl_host->node_attr(n, "day-shown", cl_day_name(x->req, b.day));
	}
	x->n++;
	return DM_OK;
}

/* GET /staff/cleaning/crews/:id: its open requests, for the paper. */
dm_status
page_crew(struct dm_req *req)
{
	long long id = pages_id(cl_host->req_arg(req, "id"));
	struct jobs_ctx x;
	struct dm_node *c;
	struct crew k;
	dm_status st;

	if (id == 0 || crew_load(req, id, &k) != DM_OK)
		return DM_ENOTFOUND;
	c = cl_host->page_begin(req, "crew", cl_host->aprintf(req, "%s %s",
	    cl_host->tr(req, "Συνεργείο", "Crew"), k.name));
	cl_host->node_attr_int(c, "id", k.id);
	cl_host->node_attr(c, "name", k.name);
	if (k.contractor)
		cl_host->node_attr(c, "contractor", k.contractor);
	if (k.phone)
		cl_host->node_attr(c, "phone", k.phone);
	if (!k.active)
		cl_host->node_attr(c, "inactive", "1");
	x.req = req;
	x.list = cl_host->node_add(c, "jobs", NULL);
	x.n = 0;
	if ((st = crew_jobs(req, id, job_row, &x)) != DM_OK)
		return st;
	cl_host->node_attr_int(c, "count", (long long)x.n);
	return DM_OK;
}

/* -------------------------------------------- a request's crew */

struct assign_ctx {
	const struct dm_request	*r;
	struct crew_job		 job;
	long long		 by;
	int			 start;
};

static dm_status
assign_tx(struct dm_req *req, void *arg)
{
	struct assign_ctx *x = arg;
	dm_status st;

	if ((st = crew_assign(req, &x->job, x->by)) != DM_OK)
		return st;
	/* The citizen sees that the work is under way. */
	if (x->start)
		return cl_host->request_act(req, x->r->id, "start", NULL);
	return DM_OK;
}

/* POST /staff/cleaning/crew-assign/:id: crew=<id> */
dm_status
page_crew_assign(struct dm_req *req)
{
	long long id = pages_id(cl_host->req_arg(req, "id"));
	const struct dm_request *r = id ? cl_host->request_get(req, id) : NULL;
	struct assign_ctx x;
	struct cl_place pl;
	dm_status st;

	if (r == NULL)
		return DM_ENOTFOUND;
	if (r->status != DM_REQ_SUBMITTED && r->status != DM_REQ_IN_PROGRESS &&
	    r->status != DM_REQ_AWAITING)
		return DM_ECONFLICT;
	memset(&x, 0, sizeof(x));
	x.r = r;
	x.by = pages_me(req);
	x.start = r->status == DM_REQ_SUBMITTED;
	x.job.request_id = r->id;
	x.job.crew_id = pages_id(cl_host->req_form(req, "crew"));
	x.job.protocol = r->protocol;
	x.job.service = r->service;
	x.job.address = cl_host->request_value(req, r, "where");
	x.job.settlement = place_of_request(req, r, "where", &pl) ?
	    cl_host->astrdup(req, pl.settlement) : NULL;
	if (x.job.crew_id == 0)
		return DM_EINPUT;
	st = cl_host->db_tx(req, assign_tx, &x);
	if (st == DM_ENOTFOUND)
		return DM_EINPUT;	/* no such crew, or not working */
	if (st != DM_OK)
		return st;
	cl_host->redirect(req, cl_host->aprintf(req, "/staff/%s/requests/%lld",
	    CL_PLUGIN, r->id));
	return DM_OK;
}

struct crew_options {
	struct dm_node	*parent;
	long long	 selected;
};

static dm_status
crew_option(void *arg, const struct crew *k)
{
	struct crew_options *x = arg;
	struct dm_node *n = cl_host->node_add(x->parent, "crew", NULL);

	cl_host->node_attr_int(n, "id", k->id);
	cl_host->node_attr(n, "name", k->name);
	if (k->id == x->selected)
		cl_host->node_attr(n, "selected", "1");
	return DM_OK;
}

dm_status
pages_crew_options(struct dm_req *req, struct dm_node *parent,
    long long selected)
{
	struct crew_options x = { parent, selected };

	return crews_list(req, 1, crew_option, &x);
}

dm_status
pages_crew_panel(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	struct dm_node *node;
	long long current = 0;
	struct crew_job j;
	struct booking b;
	dm_status st;

	node = cl_host->node_add(panel, CL_PLUGIN "-crew", NULL);
	cl_host->node_attr(node, "action", cl_host->aprintf(req,
	    "/staff/%s/crew-assign/%lld", CL_PLUGIN, r->id));
	st = crew_job_load(req, r->id, &j);
	if (st == DM_OK) {
		current = j.crew_id;
		cl_host->node_attr(node, "crew", j.crew);
		cl_host->node_attr(node, "crew-link", cl_host->aprintf(req,
		    "/staff/%s/crews/%lld", CL_PLUGIN, j.crew_id));
	} else if (st != DM_ENOTFOUND)
		return st;
	if (strcmp(svc->code, CL_BULKY) == 0 &&
	    booking_load(req, r->id, 0, &b) == DM_OK)
		cl_host->node_attr(node, "sheet", cl_host->aprintf(req,
		    "/staff/%s/days/%s%s", CL_PLUGIN, b.day, current ?
		    cl_host->aprintf(req, "?crew=%lld", current) : ""));
	if (r->status == DM_REQ_COMPLETED || r->status == DM_REQ_REJECTED ||
	    r->status == DM_REQ_WITHDRAWN)
		cl_host->node_attr(node, "closed", "1");
	return pages_crew_options(req, node, current);
}
