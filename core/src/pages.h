/*
 * pages.h - the core's own pages: the service catalogue, a service's page,
 * health checks and the error pages nginx asks us to render.
 * Owns their routes and the XML they produce (views in xslt/pages/).
 */
#ifndef DIMOS_PAGES_H
#define DIMOS_PAGES_H

#include "dimos/plugin.h"

struct dm_req;

dm_status	pages_register(void);
/* Accounts, login and the staff home (pages_account.c). */
dm_status	pages_account_register(void);
/* The text in the request's language. */
const char	*pages_l(const struct dm_req *req, const char *el,
		    const char *en);

#endif
