/*
 * session.h - sessions in the database and the roles they carry.
 * Owns: the sessions table (a random id of which only the SHA-256 is
 * stored, idle and absolute expiry, rotation at login, ending one or all
 * of an account's), the server's CSRF secret (server_secrets), and the
 * rules of roles (clerk or head of a department, administrator). The
 * cookie and the CSRF tokens are web/session_cookie.c's.
 */
#ifndef DIMOS_SESSION_H
#define DIMOS_SESSION_H

#include <stddef.h>

#include "dimos/plugin.h"
#include "token.h"

struct config;
struct db;
struct dm_req;
struct json_object;

#define SESSION_MAX_ROLES	32
#define SESSION_REF_LEN		16	/* hex digits naming a session */

enum role {
	ROLE_CLERK = 'c',
	ROLE_HEAD = 'h',
	ROLE_ADMIN = 'a',
};

struct session_role {
	char	role;			/* enum role */
	char	dept[65];		/* "" for admin */
};

/* A live session with its account and roles (who is asking). */
/* The bound of the unread count (MAILBOX_UNREAD_MAX; pages.c checks). */
#define SESSION_UNREAD_MAX	100

struct session {
	unsigned char	 hash[TOKEN_HASH];
	long long	 account_id;
	char		 csrf[TOKEN_LEN + 1];
	char		 kind;		/* 'p' person, 'b' business */
	char		 level;		/* 'A' or 'B' */
	char		 method;	/* 'p' password, 't' TaxisNet */
	char		 factor;	/* second factor: 'n' not asked,
					   'p' awaited, 'd' given */
	int		 enrolled;	/* the account has a confirmed TOTP
					   factor (factor.h) */
	const char	*email;
	const char	*first_name;
	const char	*last_name;
	const char	*company;
	const char	*afm;
	const char	*display;	/* name to greet, never empty */
	struct session_role roles[SESSION_MAX_ROLES];
	size_t		 nroles;
	/* The account's unread mailbox items, up to SESSION_UNREAD_MAX,
	 * read with the session (one round trip for both) when
	 * unread_known; a change to the mailbox in the request sets
	 * req->unread_stale (mailbox.c) and the page asks again. */
	long long	 unread;
	int		 unread_known;
	/* The account's row as accounts.c reads it (SESSION_ACCOUNT_COLUMNS,
	 * arena copies), read with the session: the request's first
	 * account_load of its own account needs no query (account_prime). */
	const struct dm_value *account_row;
};

/* The columns of an account (table alias a) that accounts.c reads, in its
 * order: the session's lookup reads them too. */
#define SESSION_ACCOUNT_COLUMNS	"a.id, a.kind, a.level, a.status, " \
    "a.email, a.first_name, a.last_name, a.father_name, a.mother_name, " \
    "a.birth_year, a.company_name, a.legal_rep, a.afm, a.amka, a.mobile, " \
    "a.lang, a.notify_email, a.password_hash IS NOT NULL, a.created_at, " \
    "a.level_b_at"
#define SESSION_ACCOUNT_NCOLS	20
/* Positions in it. */
enum {
	SA_ID, SA_KIND, SA_LEVEL, SA_STATUS, SA_EMAIL, SA_FIRST_NAME,
	SA_LAST_NAME, SA_FATHER_NAME, SA_MOTHER_NAME, SA_BIRTH_YEAR,
	SA_COMPANY, SA_LEGAL_REP, SA_AFM
};

/* One of an account's sessions, as its owner sees them. */
struct session_info {
	char		 ref[SESSION_REF_LEN + 1];	/* never the id */
	const char	*created;	/* UTC, "YYYY-MM-DD HH:MM" */
	const char	*seen;
	const char	*method;	/* "password" | "taxisnet" */
	const char	*ip;
	const char	*agent;
	int		 current;	/* the one asking */
};

/*
 * The session whose id hashes to hash, with its account and roles (arena).
 * A session past its idle or absolute lifetime, or of an account that is
 * no longer active, is deleted and DM_ENOTFOUND, like an unknown one;
 * DM_EINTERNAL when the database cannot tell. Marks it seen (at most a
 * write a minute).
 */
dm_status	session_find(struct dm_req *req,
		    const unsigned char hash[TOKEN_HASH], struct session **s);
/* Seconds a session awaiting its second factor lives. */
#define SESSION_FACTOR_TTL	300

/*
 * A new session for account_id (method 'p' or 't'; factor 'n', 'p' or
 * 'd' as in struct session: a 'p' one lives SESSION_FACTOR_TTL seconds),
 * from the request's client address and user agent; sid gets its id, for
 * the cookie. The session of replace (may be NULL) ends: an id never
 * survives a login. Expired sessions of anyone are cleared a few at a
 * time.
 */
dm_status	session_insert(struct dm_req *req, long long account_id,
		    char method, char factor, const struct session *replace,
		    char sid[TOKEN_LEN + 1]);
/* Ends one session. */
dm_status	session_delete(struct dm_req *req,
		    const unsigned char hash[TOKEN_HASH]);
/* Ends the account's sessions; keep (may be NULL) is spared. */
dm_status	session_end_all(struct dm_req *req, long long account_id,
		    const struct session *keep);
/* Ends the account's session named ref; DM_ENOTFOUND if it has none. */
dm_status	session_end_ref(struct dm_req *req, long long account_id,
		    const char *ref);
/* The account's sessions, the most recently seen first; current marks
 * the one with current's id (may be NULL). */
dm_status	session_list(struct dm_req *req, long long account_id,
		    const struct session *current, struct session_info **v,
		    size_t *n);
/* The account's sessions for its data export (a JSON array into root). */
dm_status	session_export(struct db *db, long long account_id,
		    struct json_object *root);

/* The key that signs visitors' CSRF tokens (from server_secrets, read
 * once); 0 if it cannot be had. */
int		session_csrf_key(unsigned char key[32]);

/* The account acting in this request (0: a visitor). */
long long	session_actor(const struct dm_req *req);
int		session_has_role(const struct session *s, char role,
		    const char *dept);
/* The rule of the second factor (factor.h): an enrolled account, a head
 * or an administrator always, a clerk where [security] totp_clerks is
 * on. */
int		session_factor_rule(const struct config *cfg, int enrolled,
		    int head_or_admin, int clerk);
/* 1 when s's account must give a second factor before its session opens
 * anything: it has enrolled one, or it is a head or an administrator, or
 * a clerk where [security] totp_clerks is on. */
int		session_needs_factor(const struct dm_req *req,
		    const struct session *s);
/* Staff of dept (clerk or head), or an administrator; dept NULL: any. */
int		session_is_staff(const struct session *s, const char *dept);

#endif
