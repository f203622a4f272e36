/*
 * staff.h - who works for the municipality, and where.
 * Owns: the staff_roles table (clerk or head of a department, or
 * administrator): granting and revoking, the staff of a department,
 * whether someone belongs to one, and the list of everyone.
 */
#ifndef DIMOS_STAFF_H
#define DIMOS_STAFF_H

#include <stddef.h>

#include "dimos/plugin.h"

struct db;
struct dm_req;
struct json_object;

struct staff_member {
	long long	 account_id;
	const char	*name;		/* first and last, or NULL */
	const char	*email;
	const char	*role;		/* "clerk" | "head" | "admin" */
	const char	*department;	/* "" for an administrator */
	const char	*granted;	/* "YYYY-MM-DD" */
};

/* Grants (or with !grant revokes) a role; *changed says whether a row
 * was added or removed. dept is "" for "admin". */
dm_status	staff_grant(struct db *db, long long account_id,
		    const char *role, const char *dept, int grant,
		    int *changed);
typedef void	(*staff_fn)(void *arg, const struct staff_member *m);
/* Every role of everyone, by department then by name (by_email: then by
 * e-mail); m's strings live during the call. */
dm_status	staff_list(struct db *db, int by_email, staff_fn fn,
		    void *arg);
/* The same for the staff home page (by department, then name). */
dm_status	staff_roster(struct dm_req *req, staff_fn fn, void *arg);
/* The active staff of dept who can take a request (distinct, by name;
 * arena array). */
dm_status	staff_colleagues(struct dm_req *req, const char *dept,
		    struct staff_member **v, size_t *n);
/* 1 when account_id has a role in dept. */
int		staff_is_member(struct dm_req *req, long long account_id,
		    const char *dept);
/* Drops every role of the account (it was closed). */
dm_status	staff_drop(struct db *db, long long account_id);
/* The account's roles for its data export ("staff_roles" in root). */
dm_status	staff_export(struct db *db, long long account_id,
		    struct json_object *root);

#endif
