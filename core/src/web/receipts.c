/*
 * receipts.c - a submitted request's receipt as PDF, drawn when asked for:
 * for its applicant (/requests/:id/receipt) and for the department's
 * staff (/staff/:dept/requests/:id/receipt). The proof of submission
 * (number and time) is also mailed at submission; this is its printable
 * form.
 */
#include <stdlib.h>

#include "attachments.h"
#include "pages.h"
#include "plugins.h"
#include "printouts.h"
#include "req.h"
#include "requests.h"
#include "session.h"

static dm_status
send_receipt(struct dm_req *req, const struct request *r)
{
	const struct service *sv = services_find(r->service);
	struct attachment *files;
	unsigned char *pdf = NULL;
	size_t nfiles, len = 0;
	dm_status st;

	if (sv == NULL || r->status == RS_DRAFT)
		return DM_ENOTFOUND;
	if ((st = attachments_list(req, r->id, 1, 1, &files, &nfiles)) !=
	    DM_OK)
		return st;
	if ((st = printout_receipt(req, sv, r, files, nfiles, &pdf, &len)) !=
	    DM_OK)
		return st;
	pages_send_file(req, arena_printf(req->arena, "receipt-%lld.pdf",
	    r->id), "application/pdf", pdf, len);
	free(pdf);
	return DM_OK;
}

static dm_status
page_receipt(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = pages_own_request(req, &r)) != DM_OK)
		return st;
	return send_receipt(req, &r);
}

static dm_status
page_staff_receipt(struct dm_req *req)
{
	struct request r;
	dm_status st;

	if ((st = request_load(req, pages_arg_id(req, "id"), 0,
	    kv_get(&req->args, "dept"), &r)) != DM_OK)
		return st;
	return send_receipt(req, &r);
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/requests/:id/receipt", DM_ROUTE_LOGIN,
	    page_receipt },
	{ DM_METHOD_GET, "/staff/:dept/requests/:id/receipt", DM_ROUTE_STAFF,
	    page_staff_receipt },
};

const struct route_table receipts_routes = { routes, NELEMS(routes) };
