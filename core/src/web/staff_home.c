/*
 * staff_home.c - the back office's front page (/staff): the departments
 * the staff member works in (all of them for an administrator), and for
 * an administrator everyone's roles.
 */
#include "localtime.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "req.h"
#include "session.h"
#include "staff.h"

struct roster {
	struct dm_req	*req;
	struct dm_node	*list;
};

static void
member_node(void *arg, const struct staff_member *m)
{
	struct roster *x = arg;
	struct dm_node *s = render_add(x->list, "member", NULL);

	render_attr(s, "name", m->name ? m->name : m->email ? m->email :
	    "—");
	render_attr(s, "email", m->email);
	render_attr(s, "role", m->role);
	render_attr(s, "department", pages_dept_name(x->req, m->department));
	/* Stored in UTC; the day is the municipality's. */
	render_attr(s, "granted", lt_format(x->req->arena, m->granted, 0));
}

static dm_status
page_staff(struct dm_req *req)
{
	struct dm_node *c = render_begin(req, "staff", pages_t(req,
	    "staff.title"));
	struct dm_node *mine = render_add(c, "departments", NULL);
	const struct session *s = req->session;
	int admin = session_has_role(s, ROLE_ADMIN, NULL);

	for (size_t i = 0; i < plugins_count(); i++) {
		const struct plugin *p = plugins_at(i);
		const struct dm_department *d = p->desc->department;
		struct dm_node *dn;

		if (!admin && !session_is_staff(s, d->code))
			continue;
		dn = render_add(mine, "department", NULL);
		render_attr(dn, "code", d->code);
		render_attr(dn, "name", pages_l(req, d->name_el, d->name_en));
		if (session_has_role(s, ROLE_HEAD, d->code))
			render_attr(dn, "head", "1");
	}
	if (!admin)
		return DM_OK;
	render_attr(c, "admin", "1");
	{
		struct roster x = { req, render_add(c, "staff", NULL) };

		return staff_roster(req, member_node, &x);
	}
}

static const struct dm_route routes[] = {
	{ DM_METHOD_GET, "/staff", DM_ROUTE_STAFF, page_staff },
};

const struct route_table staff_home_routes = { routes, NELEMS(routes) };
