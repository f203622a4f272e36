/*
 * dimos/testhost.h - a host for a plugin's unit tests (libdimostesthost).
 * Owns: a complete struct dm_host that a test hands to the plugin's init
 * and hooks without a running stack: fake requests with a user, language,
 * route captures, form values, files and map points; the page nodes, form
 * errors, responses and log lines the plugin produced, for the test to
 * check; the municipality's clock (fixable) and calendar; and a database.
 *
 * The database is real: host->db_query, db_exec and db_tx run on the test
 * stack's MariaDB (the core's own store/db.c), in a database of the test's
 * own with the core's and the plugin's migrations applied
 * (dm_test_db_open), dropped again by dm_test_db_close. Under ctest,
 * tests/env.cmake sets DIMOS_CONFIG (the test stack's configuration) and
 * dimos_add_plugin_test sets DIMOS_PLUGIN_SCHEMA (the plugin's schema/).
 *
 * Memory: everything belongs to the current fake request and is released
 * by the next dm_test_req() (or dm_test_end()).
 */
#ifndef DIMOS_TESTHOST_H
#define DIMOS_TESTHOST_H

#include <stddef.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

/* The host table and the plugin's context, for init(host, ctx). */
const struct dm_host	*dm_test_host(void);
/* The context of the plugin under test, called name (log lines carry it;
 * config_get reads dm_test_config's values). */
struct dm_plugin_ctx	*dm_test_ctx(const char *name);
/* A key of the plugin's [plugin.<name>] section; value NULL removes it. */
void			 dm_test_config(const char *key, const char *value);
/* Releases everything (the current request, config, logs, database). */
void			 dm_test_end(void);
/* The same as a cmocka group teardown: cmocka_run_group_tests(tests,
 * setup, dm_test_teardown). */
int			 dm_test_teardown(void **state);

/*
 * The municipality's clock: a fixed moment "YYYY-MM-DDTHH:MM:SS" in its
 * time zone, or NULL for the real clock (Europe/Athens); and its own days
 * off, "YYYY-MM-DD, YYYY-MM-DD ..." (municipality.holidays).
 */
void			 dm_test_clock(const char *now);
void			 dm_test_holidays(const char *days);

/* A fresh request ("el", nobody logged in); the previous one is freed. */
struct dm_req		*dm_test_req(void);
void			 dm_test_lang(struct dm_req *req, const char *lang);
/* Who is asking (copied), and the departments they are staff of. */
void			 dm_test_user(struct dm_req *req,
			    const struct dm_user *u);
void			 dm_test_staff(struct dm_req *req, const char *dept);
/* Route captures (req_arg), query (req_query), posted form (req_form). */
void			 dm_test_arg(struct dm_req *req, const char *name,
			    const char *value);
void			 dm_test_query(struct dm_req *req, const char *name,
			    const char *value);
void			 dm_test_post(struct dm_req *req, const char *name,
			    const char *value);
void			 dm_test_method(struct dm_req *req,
			    const char *method);

/*
 * A form, as validate and on_submit get it: values (as the core passes
 * them: valid for their type, absent ones NULL), files and map points.
 */
struct dm_form		*dm_test_form(struct dm_req *req);
void			 dm_test_value(struct dm_form *form,
			    const char *field, const char *value);
void			 dm_test_upload(struct dm_form *form,
			    const char *field, const char *name,
			    const char *type, const void *data, size_t len);
void			 dm_test_location(struct dm_form *form,
			    const char *field, double lat, double lon);
/*
 * The municipality's places (host->zone_at, settlement_at): zones, then
 * settlements in them (zone may be NULL), in the order given; the
 * settlement an address field of a form names (form_settlement; it is the
 * form's value "<field>_settlement", as the core stores it).
 */
void			 dm_test_zone(const char *code, const char *name_el,
			    const char *name_en);
void			 dm_test_settlement(const char *code,
			    const char *name_el, const char *name_en,
			    const char *zone, double lat, double lon);
void			 dm_test_place(struct dm_form *form,
			    const char *field, const char *settlement);
/* What the plugin said about a field (lang "el" or "en"), or NULL. */
const char		*dm_test_error(struct dm_form *form,
			    const char *field, const char *lang);
/* How many fields have a message. */
size_t			 dm_test_errors(struct dm_form *form);

/* The service of plugin pl with this code; aborts the test if it has
 * none. */
const struct dm_service	*dm_test_service(const struct dm_plugin *pl,
			    const char *code);

/* A request for certificate, staff_panel and the lifecycle hooks, in state
 * DM_REQ_SUBMITTED (set r->status for another). */
struct dm_request	*dm_test_request(struct dm_req *req, long long id,
			    const char *service,
			    const struct dm_user *applicant);
void			 dm_test_request_value(struct dm_request *r,
			    const char *field, const char *value);

/* The choices a choices hook added (host->choice_add): a fresh list to
 * pass as out, how many, and the i-th (from 0, in the order added) with
 * its Greek label. */
struct dm_choices	*dm_test_choices(struct dm_req *req);
size_t			 dm_test_choice_count(const struct dm_choices *c);
const char		*dm_test_choice(const struct dm_choices *c, size_t i,
			    const char **label);
/* The answer host->request_answer completed r with ("el" or "en"), or
 * NULL. */
const char		*dm_test_answer(const struct dm_request *r,
			    const char *lang);

/* Page nodes: what page_begin and node_add built. */
struct dm_test_attr {
	const char		*name;
	const char		*value;
	struct dm_test_attr	*next;
};

struct dm_test_node {
	const char		*name;
	const char		*text;		/* NULL: none */
	struct dm_test_attr	*attrs;		/* in the order set */
	struct dm_test_node	*kids;		/* first child */
	struct dm_test_node	*next;		/* next sibling */
	struct dm_test_node	*last;		/* last child */
};

/* A root node to pass as staff_panel's panel. */
struct dm_node		*dm_test_panel(struct dm_req *req);
const struct dm_test_node *dm_test_node(const struct dm_node *n);
/* The page's content node (page_begin's), and its view ("<plugin>-<v>"). */
const struct dm_test_node *dm_test_page(struct dm_req *req);
const char		*dm_test_view(struct dm_req *req);
const char		*dm_test_attr(const struct dm_test_node *n,
			    const char *name);
/* The k-th child (from 0) named name (NULL: any), or NULL. */
const struct dm_test_node *dm_test_child(const struct dm_test_node *n,
			    const char *name, size_t k);
size_t			 dm_test_children(const struct dm_test_node *n,
			    const char *name);

/* A response the plugin sent (send, redirect): status 0 if none. */
int			 dm_test_status(struct dm_req *req);
const char		*dm_test_body(struct dm_req *req, size_t *len);
const char		*dm_test_content_type(struct dm_req *req);
const char		*dm_test_redirect(struct dm_req *req);

/*
 * What the plugin asked of the host for its own work, one line per call,
 * in order: "request_act <id> <action>[ <text>]", "mail_applicant <id>
 * <kind> at=<local time|now> <var>=<value>... id=<n>" (ids from 1000 on),
 * "mail_cancel <id>", "refuse <message in the request's language>",
 * "send_pdf <file name>". request_get finds the requests made with
 * dm_test_request on the current request (not drafts); send_pdf answers
 * with the sheet as text (dm_test_body): the title, each table's "== title"
 * and its rows, cells joined by " | ".
 */
size_t			 dm_test_call_count(void);
const char		*dm_test_call(size_t i);
/* 1 if a call's line contains part. */
int			 dm_test_called(const char *part);
void			 dm_test_calls_clear(void);
/* What request_act answers from now on (DM_OK by default). */
void			 dm_test_act_status(dm_status st);
/* The message host->refuse gave on req, or NULL. */
const char		*dm_test_refusal(struct dm_req *req);

/* The plugin's log lines ("error: ...", "warn: ...", "info: ..."). */
size_t			 dm_test_log_count(void);
const char		*dm_test_log_line(size_t i);
/* 1 if a line contains part. */
int			 dm_test_logged(const char *part);
void			 dm_test_log_clear(void);

/*
 * The database. dm_test_db_open creates a database of its own on the test
 * stack's MariaDB, applies the core's migrations and the plugin's (from
 * DIMOS_PLUGIN_SCHEMA, recorded under plugin's name) and points the host's
 * db_* at it, as the server's least-privileged account. DM_EINTERNAL with
 * the reason on stderr if there is no stack (DIMOS_CONFIG unset) or it
 * fails. dm_test_sql runs one statement as the migration account (fixtures,
 * cleanup). dm_test_db_fail(1) makes every host database call fail with
 * DM_EINTERNAL until dm_test_db_fail(0), to test how a hook reports it.
 */
dm_status		 dm_test_db_open(const char *plugin);
dm_status		 dm_test_sql(const char *sql);
void			 dm_test_db_fail(int on);
void			 dm_test_db_close(void);

#endif /* DIMOS_TESTHOST_H */
