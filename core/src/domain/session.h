/*
 * session.h - who is asking: sessions, roles and CSRF tokens.
 * Owns: the session cookie (random id; only its SHA-256 is stored), idle
 * and absolute expiry, rotation at login, the roles of the account, and
 * the CSRF token checked on every POST (per session, or a signed cookie
 * for visitors who have not logged in).
 */
#ifndef DIMOS_SESSION_H
#define DIMOS_SESSION_H

#include "dimos/plugin.h"
#include "token.h"

struct dm_req;

#define SESSION_MAX_ROLES	32

enum role {
	ROLE_CLERK = 'c',
	ROLE_HEAD = 'h',
	ROLE_ADMIN = 'a',
};

struct session_role {
	char	role;			/* enum role */
	char	dept[65];		/* "" for admin */
};

struct session {
	unsigned char	 hash[TOKEN_HASH];
	long long	 account_id;
	char		 csrf[TOKEN_LEN + 1];
	char		 kind;		/* 'p' person, 'b' business */
	char		 level;		/* 'A' or 'B' */
	char		 method;	/* 'p' password, 't' TaxisNet */
	const char	*email;
	const char	*first_name;
	const char	*last_name;
	const char	*company;
	const char	*afm;
	const char	*display;	/* name to greet, never empty */
	struct session_role roles[SESSION_MAX_ROLES];
	size_t		 nroles;
};

/* Reads the session cookie; req->session is set or stays NULL. Expired
 * sessions are deleted and their cookie cleared. */
void		session_load(struct dm_req *req);
/* A fresh session for account_id (the current one, if any, is ended:
 * the id never survives a login). */
dm_status	session_create(struct dm_req *req, long long account_id,
		    char method);
/* Ends the current session (logout). */
void		session_end(struct dm_req *req);
/* Ends the account's sessions; keep_current spares this request's. */
dm_status	session_end_all(struct dm_req *req, long long account_id,
		    int keep_current);

/* The account acting in this request (0: a visitor). */
long long	session_actor(const struct dm_req *req);

int	session_has_role(const struct session *s, char role,
	    const char *dept);
/* Staff of dept (clerk or head), or an administrator; dept NULL: any. */
int	session_is_staff(const struct session *s, const char *dept);

/* The CSRF token for forms on this response (creates the visitor's
 * signed cookie when needed). */
const char	*csrf_token(struct dm_req *req);
/* 1 when the POSTed "csrf" field matches. */
int		 csrf_check(struct dm_req *req);

#endif
