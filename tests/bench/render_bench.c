/*
 * render_bench.c - in-process cost of answering a page: parse, route,
 * build the XML, transform, serialize into a FastCGI stream (to
 * /dev/null). No network, no nginx: what remains is our own code, and
 * the database a page reads (the worker's connection, as dimosd has it:
 * the home page lists the most requested services).
 * usage: render_bench <config> <path> [iterations] [lang]
 * Environment: BENCH_QUERY (a query string: never the visitors' cache),
 * BENCH_COOKIE ("dm_sid=...": a logged-in page), BENCH_OUT (a file that
 * gets the answers instead of /dev/null).
 */
#include <fastcgi.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "http.h"
#include "worker.h"
#include "xmlmem.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct config cfg;
	struct arena arena;
	struct db *db = NULL;
	char err[2048];
	int n, fd;
	double t0, t;
	size_t bytes = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: render_bench <config> <path> [n] "
		    "[lang]\n");
		return 2;
	}
	n = argc > 3 ? atoi(argv[3]) : 2000;
	if (getenv("BENCH_NO_XMLMEM") == NULL)
		xmlmem_init();
	if (config_load(argv[1], &cfg, err, sizeof(err)) != DM_OK ||
	    worker_prepare(&cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "render_bench: %s\n", err);
		return 1;
	}
	/* As a worker: a database that is away is not fatal (pages that
	 * need it answer an error), but there is always a connection. */
	db_open(&cfg, 0, &db);
	db_set_worker(db);
	/* BENCH_OUT=file: the answers (FastCGI records) go there, to compare
	 * a page before and after a change. */
	fd = getenv("BENCH_OUT") ? open(getenv("BENCH_OUT"), O_WRONLY |
	    O_CREAT | O_TRUNC, 0644) : open("/dev/null", O_WRONLY);
	arena_init(&arena);
	t0 = now();
	for (int i = 0; i < n; i++) {
		struct dm_req req;
		FCGX_Stream *out = FCGX_CreateWriter(fd, 1, 8192,
		    FCGI_STDOUT);

		memset(&req, 0, sizeof(req));
		req.arena = &arena;
		req.cfg = &cfg;
		req.out = out;
		req.env.method = "GET";
		req.env.uri = argv[2];
		/* A query string: the page is rendered, never served from
		 * the visitors' cache (pagecache.c). */
		req.env.query = getenv("BENCH_QUERY");
		req.env.accept_language = argc > 4 ? argv[4] : "el";
		/* BENCH_COOKIE="dm_sid=...": a logged-in page, the session
		 * looked up as for every request. */
		req.env.cookie = getenv("BENCH_COOKIE");
		worker_dispatch(&req);
		bytes = req.bytes;
		FCGX_FClose(out);
		FCGX_FreeStream(&out);
		arena_reset(&arena);
	}
	t = now() - t0;
	printf("render %s%s%s: %.1f us/page, %.0f pages/s, %zu bytes\n",
	    argv[2], getenv("BENCH_QUERY") ? "?" : "",
	    getenv("BENCH_QUERY") ? getenv("BENCH_QUERY") : "", t / n * 1e6,
	    n / t, bytes);
	db_set_worker(NULL);
	db_close(db);
	worker_unprepare();
	arena_free(&arena);
	config_free(&cfg);
	return 0;
}
