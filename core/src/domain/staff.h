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
	const char	*granted;	/* "YYYY-MM-DD HH:MM:SS" UTC */
	const char	*title;		/* rank or title as documents print
					   it, or NULL (staff_list only) */
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
/* DM_OK when account_id has a role in dept, DM_ENOTFOUND when not; a
 * failure of the database's otherwise (never read as "not a member"). */
dm_status	staff_is_member(struct dm_req *req, long long account_id,
		    const char *dept);
/* Sets the title documents print above the account's name ("Η
 * Προϊσταμένη του Τμήματος Δημοτολογίου"); "" removes it. The caller
 * checks it (one line, at most STAFF_TITLE_MAX characters). */
#define STAFF_TITLE_MAX	200	/* characters, as staff_titles holds */
dm_status	staff_title_set(struct db *db, long long account_id,
		    const char *title);
/* The title of account_id into out (size bytes); DM_ENOTFOUND if it has
 * none, DM_ELIMIT if out is too small for it. */
dm_status	staff_title(struct dm_req *req, long long account_id,
		    char *out, size_t size);
/* Drops every role and the title of the account (it was closed). */
dm_status	staff_drop(struct db *db, long long account_id);
/* The account's roles for its data export ("staff_roles" in root). */
dm_status	staff_export(struct db *db, long long account_id,
		    struct json_object *root);

#endif
