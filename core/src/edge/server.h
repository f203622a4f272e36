/*
 * server.h - the dimosd master process.
 * Owns: the listening socket (created or inherited), the worker pool
 * (spawn, replace crashed ones with backoff), reload on SIGHUP without
 * dropping requests, and draining on SIGTERM.
 */
#ifndef DIMOS_SERVER_H
#define DIMOS_SERVER_H

struct config;

/* Checks config, plugins and stylesheets in a child; 0 if all is well. */
int	server_check(const struct config *cfg);
/* Runs until SIGTERM/SIGINT; returns the process exit status. */
int	server_run(const char *config_path, struct config *cfg,
	    const char *pid_file);

#endif
