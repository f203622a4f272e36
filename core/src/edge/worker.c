/*
 * worker.c - the prefork worker: accept, dispatch, repeat.
 * Connections are accepted here (epoll with EPOLLEXCLUSIVE on the shared
 * listening socket plus a self-pipe for stop signals), then handed to
 * libfcgi, so a stop request never interrupts a request being served and a
 * stopping worker never blocks in accept().
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <grp.h>
#include <libxml/parser.h>
#include <libxslt/xsltutils.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "coverage.h"
#include "db.h"
#include "documents.h"
#include "factorkey.h"
#include "health.h"
#include "host_table.h"
#include "http.h"
#include "i18n.h"
#include "localtime.h"
#include "log.h"
#include "metrics.h"
#include "outbox.h"
#include "pagecache.h"
#include "pages.h"
#include "places.h"
#include "plugins.h"
#include "render.h"
#include "response.h"
#include "router.h"
#include "session.h"
#include "session_cookie.h"
#include "url.h"
#include "worker.h"
#include "xmlmem.h"

/* Seconds a client is asked to wait on 503 (a database restarting). */
#define RETRY_AFTER	"30"

static volatile sig_atomic_t stopping;
static int stop_pipe[2] = { -1, -1 };

static void
on_stop(int sig)
{
	int saved = errno;
	ssize_t r;

	(void)sig;
	stopping = 1;
	r = write(stop_pipe[1], "x", 1);
	(void)r;
	errno = saved;
}

#define NOTICE_MAX	(256 * 1024)

static void	set_genitive(const struct config *);

static void
set_site_strings(const struct config *cfg)
{
	static const struct {
		const char	*key;
		size_t		 el, en;
	} site[] = {
		{ "site.name", offsetof(struct config, mun_name_el),
		    offsetof(struct config, mun_name_en) },
		{ "site.address", offsetof(struct config, mun_address_el),
		    offsetof(struct config, mun_address_en) },
		{ "site.place", offsetof(struct config, mun_place_el),
		    offsetof(struct config, mun_place_en) },
		{ "site.phone", offsetof(struct config, mun_phone),
		    offsetof(struct config, mun_phone) },
		{ "site.email", offsetof(struct config, mun_email),
		    offsetof(struct config, mun_email) },
		{ "site.website", offsetof(struct config, mun_website),
		    offsetof(struct config, mun_website) },
		{ "site.emblem", offsetof(struct config, mun_emblem_url),
		    offsetof(struct config, mun_emblem_url) },
		{ "site.static", offsetof(struct config, static_url),
		    offsetof(struct config, static_url) },
		{ "site.tiles", offsetof(struct config, places_tiles),
		    offsetof(struct config, places_tiles) },
		{ "site.tiles.credit", offsetof(struct config,
		    places_attribution), offsetof(struct config,
		    places_attribution) },
		{ "site.tiles.credit_url", offsetof(struct config,
		    places_attribution_url), offsetof(struct config,
		    places_attribution_url) },
	};

	for (size_t i = 0; i < sizeof(site) / sizeof(site[0]); i++) {
		const char *el = *(char *const *)((const char *)cfg +
		    site[i].el);
		const char *en = *(char *const *)((const char *)cfg +
		    site[i].en);

		i18n_set(I18N_EL, site[i].key, el ? el : "");
		i18n_set(I18N_EN, site[i].key, en ? en : "");
	}
	set_genitive(cfg);
	i18n_set(I18N_EL, "site.dpo_email", cfg->mun_dpo_email[0] ?
	    cfg->mun_dpo_email : cfg->mun_email);
	i18n_set(I18N_EN, "site.dpo_email", cfg->mun_dpo_email[0] ?
	    cfg->mun_dpo_email : cfg->mun_email);
	i18n_set(I18N_EL, "site.accessibility_date",
	    cfg->mun_accessibility_date);
	i18n_set(I18N_EN, "site.accessibility_date",
	    cfg->mun_accessibility_date);
}

/*
 * "του Δήμου Βισαλτίας": the name in the genitive, as configured, else
 * derived from the usual form of the name ("Δήμος X" -> "Δήμου X"; the X
 * of a municipality's name is already a genitive). English needs none.
 */
static void
set_genitive(const struct config *cfg)
{
	static const char nom[] = "Δήμος ";
	const char *el = cfg->mun_genitive_el, *en = cfg->mun_genitive_en;
	char buf[512];

	if (el[0] == '\0') {
		el = cfg->mun_name_el;
		if (strncmp(el, nom, sizeof(nom) - 1) == 0) {
			snprintf(buf, sizeof(buf), "Δήμου %s",
			    el + sizeof(nom) - 1);
			el = buf;
		}
	}
	i18n_set(I18N_EL, "site.name_genitive", el);
	i18n_set(I18N_EN, "site.name_genitive", en[0] ? en :
	    cfg->mun_name_en);
}

/*
 * The municipality's own privacy notice and accessibility statement, from
 * the text files the configuration names (site.privacy and
 * site.accessibility; empty: the pages show the default text). A file
 * that cannot be read stops the start, loudly.
 */
static int
set_notices(const struct config *cfg, char *err, size_t errsz)
{
	static const struct {
		const char	*key;
		enum i18n_lang	 lang;
		size_t		 off;
	} files[] = {
		{ "site.privacy", I18N_EL,
		    offsetof(struct config, mun_privacy_el) },
		{ "site.privacy", I18N_EN,
		    offsetof(struct config, mun_privacy_en) },
		{ "site.accessibility", I18N_EL,
		    offsetof(struct config, mun_accessibility_el) },
		{ "site.accessibility", I18N_EN,
		    offsetof(struct config, mun_accessibility_en) },
	};

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		const char *path = *(char *const *)((const char *)cfg +
		    files[i].off);
		char *text;
		size_t len;
		FILE *fp;

		if (path == NULL) {
			i18n_set(files[i].lang, files[i].key, "");
			continue;
		}
		if ((fp = fopen(path, "r")) == NULL) {
			snprintf(err, errsz, "cannot read %s: %s", path,
			    strerror(errno));
			return -1;
		}
		if ((text = malloc(NOTICE_MAX + 1)) == NULL)
			abort();
		len = fread(text, 1, NOTICE_MAX + 1, fp);
		fclose(fp);
		if (len > NOTICE_MAX) {
			free(text);
			snprintf(err, errsz, "%s: larger than %d bytes", path,
			    NOTICE_MAX);
			return -1;
		}
		text[len] = '\0';
		i18n_set(files[i].lang, files[i].key, text);
		free(text);
	}
	return 0;
}

int
worker_prepare(const struct config *cfg, char *err, size_t errsz)
{
	const char *roots[CONFIG_MAX_PLUGINS], *sheets[CONFIG_MAX_PLUGINS];
	size_t nroots = 0, nsheets = 0;
	char path[4096];

	if (plugins_load(cfg, err, errsz) != DM_OK)
		return -1;
	if (places_load(cfg, err, errsz) != 0)
		return -1;
	snprintf(path, sizeof(path), "%s/i18n", cfg->xslt_dir);
	if (i18n_load(path, NULL) != DM_OK) {
		snprintf(err, errsz, "cannot load the strings in %s", path);
		return -1;
	}
	for (size_t i = 0; i < plugins_count(); i++) {
		const struct plugin *p = plugins_at(i);

		if (p->i18n_dir != NULL &&
		    i18n_load(p->i18n_dir, p->name) != DM_OK) {
			snprintf(err, errsz, "plugin %s: cannot load the "
			    "strings in %s", p->name, p->i18n_dir);
			return -1;
		}
		if (p->data_dir != NULL)
			roots[nroots++] = p->data_dir;
		if (p->stylesheet != NULL)
			sheets[nsheets++] = p->stylesheet;
	}
	if (i18n_check(err, errsz) != 0)
		return -1;
	set_site_strings(cfg);
	{
		char origin[512] = "";

		/* config_load checked the template. */
		if (cfg->places_tiles != NULL && cfg->places_tiles[0] != '\0')
			(void)config_tile_origin(cfg->places_tiles, origin,
			    sizeof(origin));
		http_set_image_origin(origin);
	}
	if (set_notices(cfg, err, errsz) != 0)
		return -1;
	if (render_init(cfg->xslt_dir, roots, nroots, sheets, nsheets) !=
	    DM_OK) {
		snprintf(err, errsz, "the stylesheets in %s do not compile "
		    "(see the log above)", cfg->xslt_dir);
		return -1;
	}
	router_clear();
	if (router_add_all(health_routes, health_nroutes) != DM_OK) {
		snprintf(err, errsz, "core routes conflict");
		return -1;
	}
	for (const struct route_table *const *t = pages_route_tables; *t;
	    t++)
		if (router_add_all((*t)->routes, (*t)->n) != DM_OK) {
			snprintf(err, errsz, "core routes conflict");
			return -1;
		}
	for (size_t i = 0; i < plugins_count(); i++) {
		const struct plugin *p = plugins_at(i);
		char why[1024];

		for (const struct dm_route *r = p->desc->routes;
		    r && r->pattern; r++)
			if (router_add(r->methods, r->pattern, r->access,
			    r->handler, p, why, sizeof(why)) != DM_OK) {
				snprintf(err, errsz, "plugin %s refused: %s",
				    p->path, why);
				return -1;
			}
	}
	for (size_t i = 0; i < plugins_count(); i++) {
		const struct plugin *p = plugins_at(i);
		char why[1024];

		if (router_check_department(p->name, why, sizeof(why)) !=
		    DM_OK) {
			snprintf(err, errsz, "plugin %s refused: %s", p->path,
			    why);
			return -1;
		}
	}
	return 0;
}

void
worker_unprepare(void)
{
	pagecache_clear();
	router_clear();
	render_fini();
	plugins_unload();
	places_free();
	i18n_free();
}

int
worker_check_key(const struct config *cfg, char *err, size_t errsz)
{
	struct db *db = NULL;
	int rc = 0;
	dm_status st;

	documents_init(cfg);
	factorkey_load(cfg->doc_key_dir);
	if (db_open(cfg, 0, &db) != DM_OK) {
		log_warn("the database is away: the seal key and the "
		    "second-factor key are checked against it before their "
		    "first use");
		db_close(db);
		db = NULL;
	} else if ((st = documents_check_key(db, err, errsz)) ==
	    DM_ECONFLICT) {
		rc = -1;
	} else if (st != DM_OK) {
		log_warn("cannot read the seal keys recorded in the "
		    "database: checked before the first document is sealed");
	}
	/* Without the second factor's key no head or administrator could
	 * log in: refused here, whether the database is there or not. */
	if (rc == 0 && (st = factorkey_check(db, cfg->doc_key_dir, err,
	    errsz)) != DM_OK) {
		if (st == DM_ENOTFOUND || st == DM_ECONFLICT)
			rc = -1;
		else
			log_warn("cannot read the second-factor key recorded "
			    "in the database: checked before its first use");
	}
	db_close(db);
	documents_fini();
	factorkey_unload();
	return rc;
}

static int
status_of(dm_status st)
{
	switch (st) {
	case DM_OK: return 200;
	case DM_EINPUT: return 400;
	case DM_EDENIED: return 403;
	case DM_ENOTFOUND: return 404;
	case DM_ECONFLICT: return 409;
	case DM_ELIMIT: return 413;
	default: return 500;
	}
}

static const char *
allowed(unsigned allow)
{
	return (allow & DM_METHOD_GET) && (allow & DM_METHOD_POST) ?
	    "GET, HEAD, POST" : (allow & DM_METHOD_POST) ? "POST" :
	    "GET, HEAD";
}

/*
 * The one rights check every route goes through. A staff route belongs to
 * its plugin's department, or to the department named by its ":dept"
 * capture; a core staff route without one is open to any staff member.
 * Returns 0 to go on, 303 when a visitor was sent to log in, or 403.
 */
static int
access_check(struct dm_req *req, const struct route *r)
{
	const struct session *s = req->session;
	const char *dept;

	if ((r->access & ~(unsigned)ROUTE_API) == DM_ROUTE_PUBLIC)
		return 0;
	if (s == NULL) {
		if (req->method == HTTP_POST)
			return 403;
		http_redirect(req, arena_printf(req->arena, "/login?next=%s",
		    url_encode(req->arena, url_of_path(req->arena,
		    req->path), "/")));
		return 303;
	}
	dept = r->plugin ? r->plugin->name : kv_get(&req->args, "dept");
	if (((r->access & DM_ROUTE_STAFF) && !session_is_staff(s, dept)) ||
	    ((r->access & DM_ROUTE_HEAD) && !session_has_role(s, ROLE_ADMIN,
	    NULL) && !session_has_role(s, ROLE_HEAD, dept)) ||
	    ((r->access & DM_ROUTE_ADMIN) && !session_has_role(s,
	    ROLE_ADMIN, NULL)))
		return 403;
	return 0;
}

/*
 * "/staff/" is "/staff": a GET or HEAD for a path that only differs from a
 * route's by trailing slashes is sent there (301, the query kept).
 * Returns 1 when it answered.
 */
static int
trailing_slash(struct dm_req *req)
{
	const char *path = req->path, *q = req->env.query;
	const struct route *r;
	size_t n = strlen(path);
	unsigned allow;

	if ((req->method != HTTP_GET && req->method != HTTP_HEAD) || n < 2 ||
	    path[n - 1] != '/')
		return 0;
	while (n > 1 && path[n - 1] == '/')
		n--;
	req->path = arena_strndup(req->arena, path, n);
	if (router_match(req, &r, &allow) == 404) {
		req->path = path;
		return 0;
	}
	http_moved(req, arena_printf(req->arena, "%s%s%s",
	    url_of_path(req->arena, req->path), q && *q ? "?" : "",
	    q ? q : ""));
	req->path = path;	/* the access log names what was asked */
	return 1;
}

/*
 * A statement failed for the database's sake during the handler (the
 * server away or lost, a Galera node not ready, locks or conflicts out of
 * retries: req_outage) and the handler answered as if it had learnt
 * something: "not found", "not allowed", a conflict, or a page built
 * after a read failed (a form's errors, a list without its rows). None of
 * it is true: 1 and the answer becomes 503 with Retry-After. A response
 * already sent (a redirect after the change was made, a file) stands, and
 * so does a page the handler built when only a write failed (the
 * best-effort ones: a last-seen time, a throttle's count), unless the
 * handler itself answered with an error.
 */
static int
outage(struct dm_req *req, const int *status)
{
	unsigned o = req_outage();
	int page;

	if (o == 0 || req->sent || *status == 503)
		return 0;
	if (*status == 0 && !(o & REQ_OUTAGE_READ))
		return 0;
	page = *status == 0 ? (req->status ? req->status : 200) : *status;
	log_warn("db: a failure of the database's answered %d on %s %s; 503 "
	    "instead", page, req->method == HTTP_POST ? "POST" : "GET",
	    req->route != NULL ? req->route : req->path);
	return 1;
}

/*
 * Parse, who is asking, body, route, rights, CSRF, handler; then exactly
 * one answer: what the handler sent, the page it built, or an error page.
 * Pages get their header ("who is logged in") from web/ just before they
 * are rendered.
 */
void
worker_dispatch(struct dm_req *req)
{
	const struct route *r;
	const char *reason = NULL;
	unsigned allow;
	int status;
	dm_status st;

	xmlmem_begin();
	req_outage_set(0);
	if (req->rid != NULL)
		http_header(req, "X-Request-Id", req->rid);
	if ((status = http_parse(req)) != 0)
		goto out;
	if (session_load(req) != DM_OK) {
		status = 503;
		/* What a citizen typed into a service's form comes back to
		 * them, to send again once the database is back. */
		if (req->method == HTTP_POST && http_read_form(req) == 0 &&
		    apply_outage_form(req)) {
			http_header(req, "Retry-After", RETRY_AFTER);
			status = 0;
		}
		goto out;
	}
	/* The session's best-effort writes (its last-seen time) are no
	 * outage of the request's (outage()). */
	req_outage_set(0);
	/* Limits first: a body is read (or refused) before any routing. */
	if (req->method == HTTP_POST && (status = http_read_form(req)) != 0)
		goto out;
	status = router_match(req, &r, &allow);
	if (status == 404 && trailing_slash(req))
		goto out;
	if (status == 405)
		http_header(req, "Allow", allowed(allow));
	if (status != 0)
		goto out;
	if ((status = access_check(req, r)) != 0)
		goto out;
	if (req->method == HTTP_POST && !(r->plugin == NULL &&
	    (r->access & ROUTE_API)) && !csrf_check(req)) {
		log_warn("csrf: POST %s without a valid token", req->path);
		status = 403;
		reason = "csrf";
		goto out;
	}
	req->plugin = r->plugin;
	req->route = r->pattern;
	st = r->handler(req);
	if (st == DM_OK && !req->sent && req->doc == NULL) {
		log_error("handler for %s answered nothing", r->pattern);
		status = 500;
	} else if (st == DM_EINPUT && r->plugin != NULL && !req->sent &&
	    req->doc != NULL) {
		/* A plugin's form shown again with its messages. */
		req->status = 422;
	} else if (st != DM_OK) {
		status = status_of(st);
	}
	/* A failure while the database is away is an outage: 503, not 500
	 * (logging in, a form sent meanwhile); and so is what a handler made
	 * of a failure of the database's (outage()). */
	if (status == 500 && db_ready(db_worker()) != DM_OK)
		status = 503;
	else if (outage(req, &status))
		status = 503;
	/* What a citizen typed into a service's form comes back to them. */
	if (status == 503 && req->method == HTTP_POST && !req->sent &&
	    apply_outage_form(req)) {
		http_header(req, "Retry-After", RETRY_AFTER);
		status = 0;
	}
out:
	if (status == 503 && !req->sent)
		http_header(req, "Retry-After", RETRY_AFTER);
	if (!req->sent) {
		pages_user(req);
		if (status == 0)
			render_page(req);
		else
			render_error_reason(req, status, reason);
	}
	if (!req->sent)
		render_error(req, 500);
	render_discard(req);
	xmlmem_end();
}

/* Coverage builds: the core's counters and each loaded plugin's. */
static void
flush_counters(void)
{
#ifdef DIMOS_COVERAGE
	coverage_flush();
	for (size_t i = 0; i < plugins_count(); i++) {
		void (*fn)(void);
		void *sym = dlsym(plugins_at(i)->handle,
		    "dimos_coverage_flush");

		memcpy(&fn, &sym, sizeof(fn));
		if (fn != NULL)
			fn();
	}
#endif
}

static void
drop_privileges(const struct config *cfg)
{
	struct passwd *pw;

	if (getuid() != 0 || cfg->user == NULL)
		return;
	pw = getpwnam(cfg->user);
	if (pw == NULL)
		log_fatal("server.user: no such user '%s'", cfg->user);
	if (initgroups(pw->pw_name, pw->pw_gid) != 0 ||
	    setgid(pw->pw_gid) != 0 || setuid(pw->pw_uid) != 0)
		log_fatal("cannot drop privileges to %s: %s", cfg->user,
		    strerror(errno));
	if (setuid(0) == 0)
		log_fatal("privileges were not dropped");
}

static void
serve(FCGX_Request *fr, struct arena *arena, const struct config *cfg)
{
	struct dm_req req;
	double t0 = log_now_ms(), ms;
	char rid[LOG_RID_LEN + 1];

	memset(&req, 0, sizeof(req));
	log_new_request_id(rid);
	log_set_request(rid);
	req.rid = rid;
	req.arena = arena;
	req.cfg = cfg;
	req.in = fr->in;
	req.out = fr->out;
	req.db_trips0 = req_trips();
	http_env_fill(&req.env, fr->envp);
	worker_dispatch(&req);
	/* Whatever the handler left unread must not poison the
	 * connection's close. */
	http_drain(&req, cfg->lim_upload_request);
	http_free_uploads(&req);
	ms = log_now_ms() - t0;
	metrics_request(req.route, req.status, ms);
	log_access(rid, req.env.method ? req.env.method : "-",
	    req.path ? req.path : (req.env.uri ? req.env.uri : "-"),
	    req.route, req.status, req.bytes, ms);
	log_set_request(NULL);
	arena_reset(arena);
}

void
worker_main(int id, int listen_fd, int ready_fd, const struct config *cfg)
{
	struct sigaction sa;
	struct epoll_event ev, evs[2];
	FCGX_Request fr;
	struct arena arena;
	struct db *db = NULL;
	sigset_t none;
	char err[1024];
	long long served = 0;
	int ep, flags;
	pid_t me;

	log_set_tag("dimosd", id);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (pipe2(stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
		log_fatal("pipe: %s", strerror(errno));
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);

	/* The seal's private key is readable only by the service user or
	 * root: read it while we still may. */
	documents_init(cfg);
	if (factorkey_load(cfg->doc_key_dir) != DM_OK) {
		log_error("worker cannot start: no readable second-factor key "
		    "in %s (see above)", cfg->doc_key_dir ? cfg->doc_key_dir :
		    "[documents] key_dir");
		flush_counters();
		_exit(2);
	}
	lt_init(cfg);
	outbox_init(cfg);
	drop_privileges(cfg);
	xmlmem_init();
	if (worker_prepare(cfg, err, sizeof(err)) != 0) {
		log_error("worker cannot start: %s", err);
		flush_counters();
		_exit(2);
	}
	if (plugins_init(host_get(cfg)) != DM_OK) {
		flush_counters();
		_exit(2);
	}
	/* A database that is away now is not fatal: requests that need it
	 * fail until it is back, and each one tries to reconnect. */
	db_open(cfg, 0, &db);
	db_set_worker(db);

	if (FCGX_Init() != 0)
		log_fatal("FCGX_Init failed");
	FCGX_InitRequest(&fr, listen_fd, 0);
	flags = fcntl(listen_fd, F_GETFL);
	fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK);
	ep = epoll_create1(EPOLL_CLOEXEC);
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	ev.data.fd = listen_fd;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &ev) != 0)
		log_fatal("epoll_ctl: %s", strerror(errno));
	ev.events = EPOLLIN;
	ev.data.fd = stop_pipe[0];
	epoll_ctl(ep, EPOLL_CTL_ADD, stop_pipe[0], &ev);
	arena_init(&arena);

	me = getpid();
	if (ready_fd >= 0) {
		if (write(ready_fd, &me, sizeof(me)) != sizeof(me))
			log_warn("cannot tell the master we are ready");
		close(ready_fd);
	}
	log_debug("worker ready");

	while (!stopping) {
		int n = epoll_wait(ep, evs, 2, -1), fd, listen_ready = 0;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			log_fatal("epoll_wait: %s", strerror(errno));
		}
		for (int i = 0; i < n; i++)
			if (evs[i].data.fd == listen_fd)
				listen_ready = 1;
		/*
		 * Serve a connection we were woken for even when stopping:
		 * with EPOLLEXCLUSIVE the wake-up went to us alone, and
		 * ignoring it would leave the connection waiting for the
		 * next one to arrive.
		 */
		if (!listen_ready)
			continue;
		fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR && errno != ECONNABORTED) {
				log_error("accept: %s", strerror(errno));
				usleep(100000);
			}
			continue;
		}
		/* Hand libfcgi the connection; keepConnection keeps its
		 * implicit finish of the previous request from closing it. */
		fr.keepConnection = 1;
		fr.ipcFd = fd;
		if (FCGX_Accept_r(&fr) < 0)
			continue;
		serve(&fr, &arena, cfg);
		/*
		 * One request per connection (see docs/architecture.md). The
		 * request's input was read to its end, so the connection can
		 * be closed at once: libfcgi's own close would shut down,
		 * then wait in select() for the web server to hang up.
		 */
		fr.keepConnection = 1;
		FCGX_Finish_r(&fr);
		if (fr.ipcFd >= 0) {
			close(fr.ipcFd);
			fr.ipcFd = -1;
		}
		if (coverage_due())	/* once answered */
			flush_counters();
		if (cfg->max_requests > 0 && ++served >= cfg->max_requests) {
			log_info("served %lld requests, recycling", served);
			break;
		}
	}
	log_debug("worker stopping");
	pagecache_clear();
	documents_fini();
	db_close(db);
	plugins_unload();
	render_fini();
	router_clear();
	i18n_free();
	arena_free(&arena);
	xsltCleanupGlobals();
	xmlCleanupParser();
	flush_counters();
	_exit(0);
}
