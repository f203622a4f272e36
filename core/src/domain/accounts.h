/*
 * accounts.h - citizen, business and staff accounts.
 * Owns: the accounts table: reading an account, creating one (the only
 * INSERT INTO accounts), finding one by e-mail or AFM, the changes its
 * owner makes (details, e-mail, password), confirmation, the TaxisNet
 * (Level B) link, and closing one (personal data removed, the id kept for
 * the records, every way to log in ended).
 */
#ifndef DIMOS_ACCOUNTS_H
#define DIMOS_ACCOUNTS_H

#include <stddef.h>

#include "dimos/plugin.h"

struct db;
struct dm_req;
struct json_object;
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

/* A new account. Empty strings count as none (NULL). */
struct account_new {
	const char	*kind;		/* "person" | "business" */
	const char	*status;	/* "pending" | "active" */
	char		 level;		/* 'A', or 'B' for a verified identity */
	const char	*email;
	int		 email_verified;
	const char	*password_hash;	/* NULL: none (TaxisNet, counter) */
	const char	*first_name;
	const char	*last_name;
	const char	*father_name;
	const char	*company_name;
	const char	*legal_rep;
	const char	*afm;
	const char	*mobile;
	long long	 birth_year;	/* 0: unknown */
	const char	*lang;		/* NULL: Greek */
};

/* What the owner may change on /account/details. The names of a Level B
 * person are TaxisNet's and stay; NULL keeps a value the kind of account
 * does not show. */
struct account_details {
	const char	*first_name;
	const char	*last_name;
	const char	*father_name;
	const char	*company_name;
	const char	*legal_rep;
	const char	*mobile;
	const char	*amka;
	int		 notify_email;
	const char	*lang;
};

/* The session's own account, as its lookup read it (session->account_row),
 * kept for the request's account_load: called once the session is found
 * (web/session_cookie.c). */
void		account_prime(struct dm_req *req);
/* Loads an account into the request's arena; DM_ENOTFOUND if none. */
dm_status	account_load(struct dm_req *req, long long id,
		    struct account *a);
/* The account as plugins see it (struct dm_user), or NULL. */
const struct dm_user *account_user(struct dm_req *req, long long id);
/* A greeting name: the company, or first and last name, or the e-mail. */
const char	*account_display(struct dm_req *req, const struct account *a);

/* Creates an account; DM_ECONFLICT if its e-mail or (kind, AFM) is
 * taken. */
dm_status	account_insert(struct db *db, const struct account_new *a,
		    long long *id);
/* The account (not closed) with this e-mail; DM_ENOTFOUND if none. */
dm_status	account_by_email(struct db *db, const char *email,
		    long long *id);
/* The account with this e-mail in one of statuses ("active,pending"). */
dm_status	account_by_email_in(struct dm_req *req, const char *email,
		    const char *statuses, struct account *a);
/* The person (not closed) with this AFM; DM_ENOTFOUND if none. */
dm_status	account_person_by_afm(struct db *db, const char *afm,
		    long long *id);
/* The account of kind ("person" | "business") that holds afm;
 * DM_ENOTFOUND if none. */
dm_status	account_by_afm(struct db *db, const char *kind,
		    const char *afm, long long *id);
/* For logging in: the account (not closed) with email, its password hash
 * ("" if none) and whether it is active. */
dm_status	account_credentials(struct db *db, const char *email,
		    long long *id, char *hash, size_t hashsz, int *active);
/* The password hash of account id ("" if it has none). */
dm_status	account_password_hash(struct dm_req *req, long long id,
		    char *hash, size_t hashsz);

/* The owner proved the e-mail address: pending -> active. */
dm_status	account_confirm_email(struct dm_req *req, long long id);
dm_status	account_update_details(struct dm_req *req, long long id,
		    const struct account_details *d);
/* A new, proven e-mail address (a pending account becomes active);
 * DM_ECONFLICT if another account has it. */
dm_status	account_set_email(struct dm_req *req, long long id,
		    const char *email);
/* A new password hash; via_mail: the owner proved the address by a
 * mailed link (it counts as confirmed). */
dm_status	account_set_password(struct dm_req *req, long long id,
		    const char *hash, int via_mail);

/* Links a verified TaxisNet identity: to *account_id when it is set (the
 * owner linking their account), else to the account of the identity's
 * kind that already holds this verified AFM, else to a new account. A
 * natural person's identity is a person account, a legal entity's
 * (id->legal) a business account named by its legal name. Unverified
 * claims of the same kind on the same AFM by other accounts are
 * withdrawn. DM_ECONFLICT when the AFM is verified on another account
 * than the one linking, DM_EDENIED when the account linking is of the
 * other kind (a company's credentials on a person's account). */
dm_status	account_link_taxis(struct dm_req *req,
		    const struct oauth_identity *id, long long *account_id,
		    int *created);

/* What else of the account's goes with it, from a module above this one
 * (public_report_forget_account: the reports it followed), run in the
 * closing transaction. */
typedef dm_status (*account_close_fn)(struct dm_req *req, long long id);
/* Removes the personal data and every way to log in; keeps the id; runs
 * also (may be NULL) in the same transaction. */
dm_status	account_close(struct dm_req *req, long long id,
		    account_close_fn also);

/* The account's own row for its data export ("account" in root). */
dm_status	account_export(struct dm_req *req, long long id,
		    struct json_object *root);

#endif
