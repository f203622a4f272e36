/*
 * session_cookie.h - who is asking, as the web sees it.
 * Owns: the session cookie (HttpOnly, SameSite=Lax; Secure with the
 * __Host- prefix over TLS), logging in and out on this browser, and the
 * CSRF token of every form (the session's, or for a visitor a signed
 * cookie of their own). The sessions themselves: domain/session.h.
 */
#ifndef DIMOS_SESSION_COOKIE_H
#define DIMOS_SESSION_COOKIE_H

#include "dimos/plugin.h"

struct dm_req;

/* Reads the session cookie: req->session is set, or stays NULL (and a
 * cookie of an unknown or expired session is cleared). A session that
 * still needs its second factor goes to req->pending instead, and
 * req->session stays NULL. Not DM_OK when the
 * session could not be looked up (the database is away): an outage, not
 * an anonymous visitor. */
dm_status	session_load(struct dm_req *req);
/* A fresh session for account_id on this browser (the current or
 * pending one, if any, ends: the id never survives a login), factor as
 * in struct session. req->session and req->pending become NULL: the new
 * one is the browser's from its next request. */
dm_status	session_login(struct dm_req *req, long long account_id,
		    char method, char factor);
/* Ends this browser's session (logout). */
void		session_logout(struct dm_req *req);
/* Forgets the session on this browser only (its account was closed). */
void		session_forget(struct dm_req *req);

/* The CSRF token for forms on this response (creates the visitor's
 * signed cookie when needed). */
const char	*csrf_token(struct dm_req *req);
/* 1 when the POSTed "csrf" field matches. */
int		 csrf_check(struct dm_req *req);

#endif
