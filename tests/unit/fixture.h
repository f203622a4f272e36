/*
 * fixture.h - the setting of the domain's unit tests: a database of the
 * run's own on the stack's real MariaDB (DIMOS_CONFIG), made with every
 * migration and dropped at the end; the worker's connection, strings, the
 * municipality's clock, the seal key and the enabled plugins, as a worker
 * has them; request contexts acting as someone.
 */
#ifndef DIMOS_TEST_FIXTURE_H
#define DIMOS_TEST_FIXTURE_H

#include "arena.h"
#include "config.h"
#include "db.h"
#include "req.h"

struct fixture {
	struct config	 cfg;
	struct db	*db;		/* the worker's connection */
	struct arena	 arena;		/* of every request context */
	char		 tag[32];	/* this run: "u<pid>" */
};

extern struct fixture fx;

/* 0 when everything a worker has could be had; cmocka group setup. */
int		 fixture_setup(void **state);
int		 fixture_teardown(void **state);

/* A request context acting as account actor (0: a visitor), in Greek,
 * from 192.0.2.1; lives until the next fixture_req. */
struct dm_req	*fixture_req(long long actor);
/* A new active person account of this run; its e-mail address is
 * <tag>-<n>@unit.example.org (or email, if given). */
long long	 fixture_person(const char *email);
/* Runs SQL of the test itself (set-up, inspection); fails the test if it
 * fails. */
void		 fixture_exec(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* The same through the admin account's connection to this run's
 * database, whose reads wait up to an hour (the worker's give up after
 * 30 s): set-up statements over a million rows. The connection is
 * opened on first use and closed by fixture_teardown. */
void		 fixture_admin_exec(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
struct db	*fixture_admin_db(void);
/* One integer from SQL (printf-style); fails the test if there is none. */
long long	 fixture_int(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));
/* One text from SQL into out ("" for NULL); 0 if there is no row. */
int		 fixture_text(char *out, size_t outsz, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* A request of account in state status (a name) of service code, made
 * directly (for the state machine's tests); its id. */
long long	 fixture_request(long long account, const char *service,
		    const char *status);

#endif
