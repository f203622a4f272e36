/*
 * pages.h - the department's own pages and its dimosctl command.
 * Owns: the handlers cleaning.c's route table names (staff: the pickups'
 * plan, a day's sheet and its PDF, "done" for a day, crews and their
 * work, a request's crew; the head: capacity and closed days; everyone:
 * the free pickup days of a settlement), the crew part of the staff
 * panel, and "dimosctl plugin cleaning ...".
 */
#ifndef CLEANING_PAGES_H
#define CLEANING_PAGES_H

#include "cleaning.h"

extern const struct dm_route cl_routes[];

/* pages_sheet.c */
dm_status	page_pickups(struct dm_req *req);
dm_status	page_day(struct dm_req *req);
dm_status	page_day_pdf(struct dm_req *req);
dm_status	page_day_done(struct dm_req *req);

/* pages_capacity.c */
dm_status	page_capacity(struct dm_req *req);
dm_status	page_capacity_save(struct dm_req *req);
dm_status	page_capacity_close(struct dm_req *req);
dm_status	page_capacity_reopen(struct dm_req *req);
dm_status	page_free_days(struct dm_req *req);

/* pages_crews.c */
dm_status	page_crews(struct dm_req *req);
dm_status	page_crew_add(struct dm_req *req);
dm_status	page_crew(struct dm_req *req);
dm_status	page_crew_save(struct dm_req *req);
dm_status	page_crew_assign(struct dm_req *req);
/* What the staff panel shows of a request's crew, and the form to
 * change it. */
dm_status	pages_crew_panel(struct dm_req *req,
		    const struct dm_service *svc, const struct dm_request *r,
		    struct dm_node *panel);

/* import.c */
int		cl_command(const struct dm_host *host,
		    struct dm_plugin_ctx *ctx, int argc, char **argv);

/* Helpers the pages share: a positive id from a route capture or form
 * value (0 if it is not one), the staff member's account id. */
long long	pages_id(const char *s);
long long	pages_me(struct dm_req *req);

#endif
