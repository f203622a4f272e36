/*
 * canned.c - ready-made texts of a department.
 * Every statement is scoped by the department: another one's text is not
 * found, whatever its id.
 */
#include <string.h>

#include "canned.h"
#include "db.h"
#include "req.h"
#include "requests.h"

struct rows {
	struct dm_req		*req;
	struct arena_vec	 vec;
};

static dm_status
canned_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rows *x = arg;
	struct canned *t;

	if (n < 3)
		return DM_EINTERNAL;
	t = arena_push(x->req->arena, &x->vec, sizeof(*t));
	t->id = c[0].i;
	t->title = db_text(x->req->arena, &c[1]);
	t->body = db_text(x->req->arena, &c[2]);
	return DM_OK;
}

dm_status
canned_list(struct dm_req *req, const char *dept, struct canned **v,
    size_t *n)
{
	struct rows x = { req, { NULL, 0, 0 } };
	struct dm_value p = DM_VTEXT(dept);
	dm_status st;

	st = db_query(db_worker(), "SELECT id, title, body FROM "
	    "canned_responses WHERE department = ? ORDER BY title", &p, 1,
	    canned_row, &x);
	*v = x.vec.v;
	*n = x.vec.n;
	return st;
}

dm_status
canned_add(struct dm_req *req, const char *dept, const char *title,
    const char *body)
{
	struct dm_value p[3] = { DM_VTEXT(dept), DM_VTEXT(title),
	    DM_VTEXT(body) };

	(void)req;
	return db_exec(db_worker(), "INSERT INTO canned_responses (department, "
	    "title, body) VALUES (?, ?, ?)", p, 3, NULL, NULL);
}

dm_status
canned_delete(struct dm_req *req, const char *dept, long long id)
{
	struct dm_value p[2] = { DM_VINT(id), DM_VTEXT(dept) };
	uint64_t n = 0;

	(void)req;
	if (db_exec(db_worker(), "DELETE FROM canned_responses WHERE id = ? "
	    "AND department = ?", p, 2, &n, NULL) != DM_OK)
		return DM_EINTERNAL;
	return n ? DM_OK : DM_ENOTFOUND;
}

const char *
canned_text(struct dm_req *req, const char *dept, long long id)
{
	struct rows x = { req, { NULL, 0, 0 } };
	struct dm_value p[2] = { DM_VINT(id), DM_VTEXT(dept) };

	if (db_query(db_worker(), "SELECT id, title, body FROM "
	    "canned_responses WHERE id = ? AND department = ?", p, 2,
	    canned_row, &x) != DM_OK || x.vec.n == 0)
		return NULL;
	return ((struct canned *)x.vec.v)->body;
}

const char *
canned_fill(struct dm_req *req, const char *text, const struct request *r)
{
	const char *vars[] = { "name", r->applicant_name ? r->applicant_name :
	    "", "protocol", r->protocol ? r->protocol : "", NULL };
	const char *out = "";
	const char *p = text, *lit = text;

	while ((p = strchr(p, '{')) != NULL) {
		const char *const *v;

		for (v = vars; *v != NULL; v += 2) {
			size_t k = strlen(*v);

			if (strncmp(p + 1, *v, k) == 0 && p[1 + k] == '}')
				break;
		}
		if (*v == NULL) {
			p++;
			continue;
		}
		out = arena_printf(req->arena, "%s%.*s%s", out,
		    (int)(p - lit), lit, v[1]);
		p += strlen(*v) + 2;
		lit = p;
	}
	return arena_printf(req->arena, "%s%s", out, lit);
}
