/*
 * pages.h - the core's own pages: the service catalogue, a service's page,
 * health checks and the error pages nginx asks us to render.
 * Owns their routes and the XML they produce (views in xslt/pages/).
 */
#ifndef DIMOS_PAGES_H
#define DIMOS_PAGES_H

#include <stddef.h>

#include "dimos/plugin.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

struct dm_req;
struct request;

/* A table of the core's routes: each page file has one. */
struct route_table {
	const struct dm_route	*routes;
	size_t			 n;
};
/* Every table of the core's routes, NULL-terminated; edge/worker.c adds
 * them to the router. */
extern const struct route_table *const pages_route_tables[];
extern const struct route_table pages_catalogue_routes;
extern const struct route_table pages_account_routes;
extern const struct route_table pages_requests_routes;
extern const struct route_table pages_staff_routes;

/* The page header's "who is logged in" (req->user), from the session and
 * the mailbox; called once the answer is known to be a page. */
void		pages_user(struct dm_req *req);
struct service;
struct dm_node;
/* A service's title in lang ("el" | "en"). */
const char	*pages_service_title(struct dm_req *req,
		    const struct service *sv, const char *lang);
/* <service ...> attributes of a declaration (code, title, SLA, flags). */
void		 pages_service_attrs(struct dm_req *req, struct dm_node *n,
		    const struct dm_service *s);

/* Shared by the citizen's and the staff's request pages. */
dm_status	 pages_files(struct dm_req *req, struct dm_node *parent,
		    long long id, int citizen_only, int with_internal,
		    const char *base);
void		 pages_values(struct dm_req *req, struct dm_node *parent,
		    const struct service *sv, const struct request *r);
dm_status	 pages_history(struct dm_req *req, struct dm_node *parent,
		    long long id, int staff);
void		 pages_request_attrs(struct dm_req *req, struct dm_node *c,
		    const struct request *r, const struct service *sv);
dm_status	 pages_download(struct dm_req *req, long long id,
		    long long att, int with_internal);
void		 pages_send_file(struct dm_req *req, const char *name,
		    const char *type, const void *data, size_t len);
/* A service's form as posted, into a draft (pages_requests.c): checked,
 * stored whatever was wrong, its files and the plugin's hook checked;
 * *errors fields have a message. */
struct ffield;
dm_status	 pages_take_form(struct dm_req *req, const struct service *sv,
		    struct ffield *f, size_t n, long long account_id,
		    long long *id, int *errors);
/* 413 when a posted file was too large, else 422. */
int		 pages_form_status(const struct dm_req *req);
/* Percent-encodes s (unreserved characters and '/' kept). */
const char	*pages_urlencode(struct dm_req *req, const char *s);

/* A numeric path argument (":id"): a positive number, else 0. */
long long	 pages_arg_id(struct dm_req *req, const char *name);

/* The text in the request's language. */
const char	*pages_l(const struct dm_req *req, const char *el,
		    const char *en);

#endif
