/*
 * canned.h - a department's ready-made texts (canned responses).
 * Owns: the canned_responses table (kept by the head of a department,
 * used by its clerks), and the placeholders a text may hold: {name} (the
 * applicant) and {protocol}.
 */
#ifndef DIMOS_CANNED_H
#define DIMOS_CANNED_H

#include <stddef.h>

#include "dimos/plugin.h"

struct dm_req;
struct request;

struct canned {
	long long	 id;
	const char	*title;
	const char	*body;
};

/* The department's texts, by title (arena array). */
dm_status	canned_list(struct dm_req *req, const char *dept,
		    struct canned **v, size_t *n);
dm_status	canned_add(struct dm_req *req, const char *dept,
		    const char *title, const char *body);
/* DM_ENOTFOUND when dept has no such text. */
dm_status	canned_delete(struct dm_req *req, const char *dept,
		    long long id);
/* One text of the department, or NULL. */
const char	*canned_text(struct dm_req *req, const char *dept,
		    long long id);
/* text with {name} and {protocol} of request r filled in; other braces
 * stay as typed. */
const char	*canned_fill(struct dm_req *req, const char *text,
		    const struct request *r);

#endif
