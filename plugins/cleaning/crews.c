/*
 * crews.c - crews, the zones they serve and the requests they have.
 * A crew is data, not an account: an external contractor's team is
 * written down by name (and a phone) and gets its work on paper.
 */
#include <string.h>

#include "crews.h"

struct crew_ctx {
	struct dm_req	*req;
	struct crew	*out;
	crew_fn		 fn;
	void		*arg;
	int		 found;
};

static const char *
opt(struct dm_req *req, const struct dm_value *c)
{
	return c->type == DM_V_NULL ? NULL : cl_host->astrdup(req, cl_str(c));
}

static dm_status
crew_row(void *arg, const struct dm_value *c, size_t n)
{
	struct crew_ctx *x = arg;
	struct crew tmp, *k = x->out ? x->out : &tmp;

	if (n < 6)
		return DM_EINTERNAL;
	k->id = cl_int(&c[0]);
	k->name = cl_host->astrdup(x->req, cl_str(&c[1]));
	k->contractor = opt(x->req, &c[2]);
	k->phone = opt(x->req, &c[3]);
	k->active = cl_int(&c[4]) != 0;
	k->open = cl_int(&c[5]);
	x->found = 1;
	return x->fn ? x->fn(x->arg, k) : DM_OK;
}

#define CREW_SELECT	"SELECT c.id, c.name, c.contractor, c.phone, "	\
	"c.active, (SELECT COUNT(*) FROM cleaning_assignments a WHERE "	\
	"a.crew_id = c.id AND a.open = 1) FROM cleaning_crews c "

dm_status
crews_list(struct dm_req *req, int active_only, crew_fn fn, void *arg)
{
	struct crew_ctx x = { req, NULL, fn, arg, 0 };
	struct dm_value p = DM_VINT(active_only);

	return cl_host->db_query(req, CREW_SELECT "WHERE c.active = 1 OR ? = 0 "
	    "ORDER BY c.active DESC, c.name", &p, 1, crew_row, &x);
}

dm_status
crew_load(struct dm_req *req, long long id, struct crew *k)
{
	struct crew_ctx x = { req, k, NULL, NULL, 0 };
	struct dm_value p = DM_VINT(id);
	dm_status st;

	if ((st = cl_host->db_query(req, CREW_SELECT "WHERE c.id = ?", &p, 1,
	    crew_row, &x)) != DM_OK)
		return st;
	return x.found ? DM_OK : DM_ENOTFOUND;
}

dm_status
crew_add(struct dm_req *req, const char *name, const char *contractor,
    const char *phone, long long *id)
{
	struct dm_value p[3] = { DM_VTEXT(name), DM_VTEXT(contractor &&
	    contractor[0] ? contractor : NULL), DM_VTEXT(phone && phone[0] ?
	    phone : NULL) };
	uint64_t newid = 0;
	dm_status st;

	st = cl_host->db_exec(req, "INSERT INTO cleaning_crews (name, "
	    "contractor, phone) VALUES (?, ?, ?)", p, 3, NULL, &newid);
	if (st == DM_OK && id != NULL)
		*id = (long long)newid;
	return st;
}

dm_status
crew_update(struct dm_req *req, long long id, const char *name,
    const char *contractor, const char *phone, int active)
{
	struct dm_value p[5] = { DM_VTEXT(name), DM_VTEXT(contractor &&
	    contractor[0] ? contractor : NULL), DM_VTEXT(phone && phone[0] ?
	    phone : NULL), DM_VINT(active ? 1 : 0), DM_VINT(id) };
	uint64_t n = 0;
	dm_status st;

	if ((st = cl_host->db_exec(req, "UPDATE cleaning_crews SET name = ?, "
	    "contractor = ?, phone = ?, active = ? WHERE id = ?", p, 5, &n,
	    NULL)) != DM_OK)
		return st;
	if (n == 0) {
		struct crew k;

		return crew_load(req, id, &k);	/* unchanged is not missing */
	}
	return DM_OK;
}

dm_status
crew_of_zone(struct dm_req *req, const char *zone, long long *crew_id)
{
	struct dm_value p = DM_VTEXT(zone);

	*crew_id = 0;
	return cl_host->db_query(req, "SELECT z.crew_id FROM cleaning_zone_crews "
	    "z JOIN cleaning_crews c ON c.id = z.crew_id AND c.active = 1 "
	    "WHERE z.zone = ?", &p, 1, cl_row_int, crew_id);
}

dm_status
crew_set_zone(struct dm_req *req, const char *zone, long long crew_id)
{
	struct dm_value p[2] = { DM_VTEXT(zone), DM_VINT(crew_id) };

	if (crew_id == 0)
		return cl_host->db_exec(req, "DELETE FROM cleaning_zone_crews "
		    "WHERE zone = ?", p, 1, NULL, NULL);
	return cl_host->db_exec(req, "INSERT INTO cleaning_zone_crews (zone, "
	    "crew_id) VALUES (?, ?) ON DUPLICATE KEY UPDATE crew_id = "
	    "VALUES(crew_id)", p, 2, NULL, NULL);
}

dm_status
crew_assign(struct dm_req *req, const struct crew_job *j, long long by)
{
	struct dm_value p[7] = { DM_VINT(j->request_id), DM_VINT(j->crew_id),
	    by ? DM_VINT(by) : DM_VNULL, DM_VTEXT(j->protocol),
	    DM_VTEXT(j->service), DM_VTEXT(j->address),
	    DM_VTEXT(j->settlement) };
	struct crew k;
	dm_status st;

	if ((st = crew_load(req, j->crew_id, &k)) != DM_OK)
		return st;
	if (!k.active)
		return DM_ENOTFOUND;
	return cl_host->db_exec(req, "INSERT INTO cleaning_assignments "
	    "(request_id, crew_id, assigned_by, protocol, service, address, "
	    "settlement) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	    "crew_id = VALUES(crew_id), assigned_by = VALUES(assigned_by), "
	    "assigned_at = UTC_TIMESTAMP(6), open = 1", p, 7, NULL, NULL);
}

struct job_ctx {
	struct dm_req	*req;
	struct crew_job	*out;
	job_fn		 fn;
	void		*arg;
	int		 found;
};

static dm_status
job_row(void *arg, const struct dm_value *c, size_t n)
{
	struct job_ctx *x = arg;
	struct crew_job tmp, *j = x->out ? x->out : &tmp;

	if (n < 7)
		return DM_EINTERNAL;
	j->request_id = cl_int(&c[0]);
	j->protocol = cl_host->astrdup(x->req, cl_str(&c[1]));
	j->service = cl_host->astrdup(x->req, cl_str(&c[2]));
	j->address = opt(x->req, &c[3]);
	j->settlement = opt(x->req, &c[4]);
	j->crew_id = cl_int(&c[5]);
	j->crew = cl_host->astrdup(x->req, cl_str(&c[6]));
	x->found = 1;
	return x->fn ? x->fn(x->arg, j) : DM_OK;
}

#define JOB_SELECT	"SELECT a.request_id, a.protocol, a.service, "	\
	"a.address, a.settlement, a.crew_id, c.name FROM "		\
	"cleaning_assignments a JOIN cleaning_crews c ON c.id = a.crew_id "

dm_status
crew_job_load(struct dm_req *req, long long request_id, struct crew_job *j)
{
	struct job_ctx x = { req, j, NULL, NULL, 0 };
	struct dm_value p = DM_VINT(request_id);
	dm_status st;

	if ((st = cl_host->db_query(req, JOB_SELECT "WHERE a.request_id = ?",
	    &p, 1, job_row, &x)) != DM_OK)
		return st;
	return x.found ? DM_OK : DM_ENOTFOUND;
}

dm_status
crew_job_close(struct dm_req *req, long long request_id)
{
	struct dm_value p = DM_VINT(request_id);

	return cl_host->db_exec(req, "UPDATE cleaning_assignments SET open = 0 "
	    "WHERE request_id = ?", &p, 1, NULL, NULL);
}

dm_status
crew_jobs(struct dm_req *req, long long crew_id, job_fn fn, void *arg)
{
	struct job_ctx x = { req, NULL, fn, arg, 0 };
	struct dm_value p = DM_VINT(crew_id);

	return cl_host->db_query(req, JOB_SELECT "WHERE a.crew_id = ? AND "
	    "a.open = 1 ORDER BY a.request_id", &p, 1, job_row, &x);
}
