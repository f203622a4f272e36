/*
 * accounts.h - citizen, business and staff accounts.
 * Owns: reading an account, creating one, the TaxisNet (Level B) link,
 * closing one (personal data removed, the id kept for the records), and
 * the machine-readable export of everything held about its owner.
 */
#ifndef DIMOS_ACCOUNTS_H
#define DIMOS_ACCOUNTS_H

#include "dimos/plugin.h"

struct db;
struct dm_req;
struct oauth_identity;

struct account {
	long long	 id;
	char		 kind;		/* 'p' | 'b' */
	char		 level;		/* 'A' | 'B' */
	const char	*status;
	const char	*email;
	const char	*first_name;
	const char	*last_name;
	const char	*father_name;
	const char	*mother_name;
	long long	 birth_year;
	const char	*company_name;
	const char	*legal_rep;
	const char	*afm;
	const char	*amka;
	const char	*mobile;
	const char	*lang;
	int		 notify_email;
	int		 has_password;
	const char	*created_at;
	const char	*level_b_at;
};

/* Loads an account into the request's arena; DM_ENOTFOUND if none. */
dm_status	account_load(struct dm_req *req, long long id,
		    struct account *a);
/* The account as plugins see it (struct dm_user), or NULL. */
const struct dm_user *account_user(struct dm_req *req, long long id);
/* A greeting name: the company, or first and last name, or the e-mail. */
const char	*account_display(struct dm_req *req, const struct account *a);

/* Links a verified TaxisNet identity: to *account_id when it is set (the
 * person linking their account), else to the person account that already
 * holds this verified AFM, else to a new account. Unverified claims on the
 * same AFM by other accounts are withdrawn. DM_ECONFLICT when the AFM is
 * verified on another account than the one linking. */
dm_status	account_link_taxis(struct dm_req *req,
		    const struct oauth_identity *id, long long *account_id,
		    int *created);

/* Removes the personal data and every way to log in; keeps the id. */
dm_status	account_close(struct dm_req *req, long long id);

/* Everything about the account as JSON (arena string). */
dm_status	account_export(struct dm_req *req, long long id,
		    char **json, size_t *len);

#endif
