/*
 * staff_reports.c - how requests arrive (/staff/reports): per month of the
 * last twelve, how many came on the web, at the counter, by phone and by
 * mail, and the web's share. Administrators see every department, staff
 * their own.
 */
#include <string.h>

#include "pages.h"
#include "render.h"
#include "req.h"
#include "requests.h"
#include "session.h"

static dm_status
page_reports(struct dm_req *req)
{
	const struct session *s = req->session;
	int admin = session_has_role(s, ROLE_ADMIN, NULL);
	struct dm_node *c = render_begin(req, "reports",
	    pages_t(req, "reports.title"));
	struct dm_node *list = render_add(c, "months", NULL);
	char depts[1024] = "";
	struct report_month *v;
	size_t n;
	dm_status st;

	/* Administrators see everything, staff their departments. */
	for (size_t i = 0; i < s->nroles; i++)
		if (s->roles[i].dept[0] && strlen(depts) + strlen(
		    s->roles[i].dept) + 2 < sizeof(depts)) {
			if (depts[0])
				strcat(depts, ",");
			strcat(depts, s->roles[i].dept);
		}
	render_attr(c, "scope", admin ? "all" : depts);
	if ((st = requests_report(req, admin, depts, &v, &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n; i++) {
		struct dm_node *r = render_add(list, "month", NULL);

		render_attr(r, "month", v[i].month);
		render_attr_int(r, "web", v[i].web);
		render_attr_int(r, "counter", v[i].counter);
		render_attr_int(r, "phone", v[i].phone);
		render_attr_int(r, "mail", v[i].mail);
		render_attr_int(r, "total", v[i].total);
		render_attr_int(r, "share", v[i].total ? (v[i].web * 100 +
		    v[i].total / 2) / v[i].total : 0);
	}
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/staff/reports", DM_ROUTE_STAFF, page_reports },
};

const struct route_table staff_reports_routes = { routes, NELEMS(routes) };
