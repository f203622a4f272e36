/*
 * admin.h - what dimosctl does to accounts: staff, roles, demo data.
 * Owns: creating staff accounts, granting and revoking roles (audited),
 * staff titles (staff_titles), listing staff, and the idempotent demo
 * data of the local stack.
 */
#ifndef DIMOS_ADMIN_H
#define DIMOS_ADMIN_H

#include <stdio.h>

#include "dimos/plugin.h"

struct config;
struct db;

struct admin_user {
	const char	*email;
	const char	*first_name;
	const char	*last_name;
	const char	*password;	/* NULL: a random one is printed */
	const char	*role;		/* clerk | head | admin | NULL */
	const char	*department;	/* for clerk and head */
	const char	*title;		/* rank or title; NULL: keep */
};

/* Creates an active, confirmed person account (or finds it by e-mail)
 * and grants the role. Prints what it did to out. */
dm_status	admin_user_add(struct db *db, const struct config *cfg,
		    const struct admin_user *u, FILE *out);
dm_status	admin_role(struct db *db, const struct config *cfg,
		    const char *email, const char *role, const char *dept,
		    int grant, FILE *out);
dm_status	admin_user_list(struct db *db, FILE *out);
/*
 * Sets the title documents print for a staff member (an empty one
 * removes it). DM_EINPUT for one that is too long or has control
 * characters, DM_ENOTFOUND for no such account.
 */
dm_status	admin_title(struct db *db, const char *email, const char *title,
		    FILE *out);
/* Demo citizens, a business and staff for every enabled department;
 * running it again changes nothing. Prints the logins. */
/* A staff member lost their second factor: it is deleted (and their
 * sessions end), audited; they enrol again at their next login. */
dm_status	admin_factor_reset(struct db *db, const char *email, FILE *out);
dm_status	admin_demo(struct db *db, const struct config *cfg, FILE *out);

#endif
