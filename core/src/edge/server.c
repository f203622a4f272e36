/*
 * server.c - master: a php-fpm-style prefork supervisor.
 * The master never loads plugins or stylesheets itself; it checks them in
 * a throw-away child, so a broken plugin can neither crash nor poison it.
 * Workers tell the master they are ready through a pipe; on reload the old
 * generation is stopped only once the new one serves.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "coverage.h"
#include "log.h"
#include "metrics.h"
#include "server.h"
#include "worker.h"

#define MAX_SLOTS	512
#define READY_TIMEOUT_MS 30000
#define BACKOFF_MAX_MS	30000

struct slot {
	pid_t	 pid;		/* 0: free */
	int	 gen;
	int	 id;
	int	 ready;
	int	 stopping;	/* we asked it to stop */
	double	 started;
};

static struct slot slots[MAX_SLOTS];
static int listen_fd = -1;
static int ready_pipe[2] = { -1, -1 };
static int created_socket;
static int gen;			/* current generation */
static int pending_gen;		/* a reload waiting for its workers */
static double pending_deadline;
static int crash_streak;
static double respawn_at;	/* when crashed workers may be replaced */
static int want_workers;

static int
worker_count(const struct config *cfg)
{
	long n;

	if (cfg->workers > 0)
		return cfg->workers;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(2 * n) : 2;
}

static int
inherited_socket(void)
{
	const char *pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");
	int accepting = 0;
	socklen_t len = sizeof(accepting);

	/* systemd socket activation: the first passed fd is ours. */
	if (pid != NULL && fds != NULL && atoi(pid) == (int)getpid() &&
	    atoi(fds) >= 1) {
		unsetenv("LISTEN_PID");
		unsetenv("LISTEN_FDS");
		unsetenv("LISTEN_FDNAMES");
		return 3;
	}
	/* spawn-fcgi and the FastCGI convention: a listening socket on 0. */
	if (getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) == 0
	    && accepting)
		return 0;
	return -1;
}

static int
open_socket(const struct config *cfg)
{
	struct sockaddr_un sa;
	struct stat st;
	int fd;

	if (strlen(cfg->socket) >= sizeof(sa.sun_path)) {
		log_error("server.socket: path too long: %s", cfg->socket);
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, cfg->socket);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (lstat(cfg->socket, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_error("%s exists and is not a socket",
			    cfg->socket);
			goto fail;
		}
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
			log_error("%s: another dimosd is listening there",
			    cfg->socket);
			goto fail;
		}
		close(fd);
		unlink(cfg->socket);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return -1;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		log_error("cannot bind %s: %s", cfg->socket, strerror(errno));
		goto fail;
	}
	if (chmod(cfg->socket, (mode_t)cfg->socket_mode) != 0)
		log_warn("chmod %s: %s", cfg->socket, strerror(errno));
	if (cfg->socket_group != NULL) {
		struct group *g = getgrnam(cfg->socket_group);

		if (g == NULL || chown(cfg->socket, (uid_t)-1, g->gr_gid)) {
			log_error("server.socket_group: cannot give %s to "
			    "group %s", cfg->socket, cfg->socket_group);
			unlink(cfg->socket);
			goto fail;
		}
	}
	if (listen(fd, 1024) != 0) {
		log_error("listen: %s", strerror(errno));
		unlink(cfg->socket);
		goto fail;
	}
	created_socket = 1;
	return fd;
fail:
	close(fd);
	return -1;
}

int
server_check(const struct config *cfg)
{
	char err[2048];
	pid_t pid;
	int status;

	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (worker_prepare(cfg, err, sizeof(err)) != 0 ||
		    worker_check_key(cfg, err, sizeof(err)) != 0) {
			log_error("%s", err);
			coverage_flush();
			_exit(1);
		}
		worker_unprepare();
		coverage_flush();
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static struct slot *
free_slot(void)
{
	for (int i = 0; i < MAX_SLOTS; i++)
		if (slots[i].pid == 0)
			return &slots[i];
	return NULL;
}

static void
spawn(const struct config *cfg, int g, int id)
{
	struct slot *s = free_slot();
	pid_t pid;

	if (s == NULL) {
		log_error("no free worker slot");
		return;
	}
	pid = fork();
	if (pid < 0) {
		log_error("fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		close(ready_pipe[0]);
		worker_main(id, listen_fd, ready_pipe[1], cfg);
	}
	s->pid = pid;
	s->gen = g;
	s->id = id;
	s->ready = 0;
	s->stopping = 0;
	s->started = log_now_ms();
}

static int
count_gen(int g, int only_ready)
{
	int n = 0;

	for (int i = 0; i < MAX_SLOTS; i++)
		if (slots[i].pid != 0 && slots[i].gen == g &&
		    !slots[i].stopping && (!only_ready || slots[i].ready))
			n++;
	return n;
}

static int
id_in_use(int g, int id)
{
	for (int i = 0; i < MAX_SLOTS; i++)
		if (slots[i].pid != 0 && slots[i].gen == g &&
		    !slots[i].stopping && slots[i].id == id)
			return 1;
	return 0;
}

/* Brings the current generation back to its size (after crashes). */
static void
top_up(const struct config *cfg)
{
	if (log_now_ms() < respawn_at)
		return;
	for (int id = 0; id < want_workers; id++)
		if (!id_in_use(gen, id))
			spawn(cfg, gen, id);
}

static void
stop_gen(int g)
{
	for (int i = 0; i < MAX_SLOTS; i++)
		if (slots[i].pid != 0 && slots[i].gen == g &&
		    !slots[i].stopping) {
			slots[i].stopping = 1;
			kill(slots[i].pid, SIGTERM);
		}
}

static void
reap(void)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		struct slot *s = NULL;

		for (int i = 0; i < MAX_SLOTS; i++)
			if (slots[i].pid == pid)
				s = &slots[i];
		if (s == NULL)
			continue;
		if (s->stopping) {
			s->pid = 0;
			continue;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			/* Recycled after max_requests. */
			metrics_add(M_WORKER_RECYCLES, 1);
			s->pid = 0;
			continue;
		}
		metrics_add(M_WORKER_CRASHES, 1);
		if (WIFSIGNALED(status))
			log_error("worker %d (pid %d) killed by signal %d",
			    s->id, (int)pid, WTERMSIG(status));
		else
			log_error("worker %d (pid %d) exited with status %d",
			    s->id, (int)pid, WEXITSTATUS(status));
		/* A worker dying soon after its start is a crash loop:
		 * back off exponentially instead of forking hot. */
		if (log_now_ms() - s->started < 2000) {
			double delay = 100.0 * (1 << (crash_streak < 9 ?
			    crash_streak : 9));

			if (delay > BACKOFF_MAX_MS)
				delay = BACKOFF_MAX_MS;
			crash_streak++;
			respawn_at = log_now_ms() + delay;
			log_warn("workers keep failing; next start in %.1fs",
			    delay / 1000);
		} else {
			crash_streak = 0;
		}
		s->pid = 0;
	}
}

static void
read_ready(void)
{
	pid_t pid;

	while (read(ready_pipe[0], &pid, sizeof(pid)) == sizeof(pid))
		for (int i = 0; i < MAX_SLOTS; i++)
			if (slots[i].pid == pid)
				slots[i].ready = 1;
}

static struct config *
reload(const char *path, struct config *cfg)
{
	struct config *ncfg = calloc(1, sizeof(*ncfg));
	char err[1024];

	log_info("reloading %s", path);
	if (config_load(path, ncfg, err, sizeof(err)) != DM_OK) {
		log_error("reload refused, keeping the running "
		    "configuration: %s", err);
		free(ncfg);
		return cfg;
	}
	if (server_check(ncfg) != 0) {
		log_error("reload refused, keeping the running "
		    "configuration (see above)");
		config_free(ncfg);
		free(ncfg);
		return cfg;
	}
	if (strcmp(ncfg->socket, cfg->socket) != 0)
		log_warn("server.socket changed; it takes effect after a "
		    "restart");
	log_set_level((enum dm_log_level)ncfg->log_level);
	if (pending_gen != 0)
		stop_gen(pending_gen);	/* an unfinished earlier reload */
	pending_gen = gen + 1;
	pending_deadline = log_now_ms() + READY_TIMEOUT_MS;
	want_workers = worker_count(ncfg);
	for (int id = 0; id < want_workers; id++)
		spawn(ncfg, pending_gen, id);
	/* The old config stays alive until its workers are gone; they have
	 * their own copy, so it can go now. */
	config_free(cfg);
	free(cfg);
	return ncfg;
}

static void
finish_reload(void)
{
	if (pending_gen == 0)
		return;
	if (count_gen(pending_gen, 1) == want_workers) {
		log_info("reload done: generation %d serves, stopping %d",
		    pending_gen, gen);
		stop_gen(gen);
		gen = pending_gen;
		pending_gen = 0;
		crash_streak = 0;
	} else if (log_now_ms() > pending_deadline) {
		log_error("reload failed: new workers did not start; the old "
		    "ones keep serving");
		stop_gen(pending_gen);
		pending_gen = 0;
	}
}

static int
live_workers(void)
{
	int n = 0;

	for (int i = 0; i < MAX_SLOTS; i++)
		if (slots[i].pid != 0)
			n++;
	return n;
}

static void
shutdown_all(const struct config *cfg, int sfd)
{
	double deadline = log_now_ms() + (double)cfg->shutdown_timeout * 1000;

	log_info("draining %d workers", live_workers());
	for (int i = 0; i < MAX_SLOTS; i++)
		if (slots[i].pid != 0) {
			slots[i].stopping = 1;
			kill(slots[i].pid, SIGTERM);
		}
	while (live_workers() > 0 && log_now_ms() < deadline) {
		struct pollfd pfd = { sfd, POLLIN, 0 };
		struct signalfd_siginfo si;

		if (poll(&pfd, 1, 100) > 0)
			while (read(sfd, &si, sizeof(si)) == sizeof(si))
				;
		reap();
	}
	for (int i = 0; i < MAX_SLOTS; i++)
		if (slots[i].pid != 0) {
			log_warn("worker pid %d did not stop in time; killing",
			    (int)slots[i].pid);
			kill(slots[i].pid, SIGKILL);
			waitpid(slots[i].pid, NULL, 0);
			slots[i].pid = 0;
		}
}

int
server_run(const char *path, struct config *cfg, const char *pid_file)
{
	sigset_t set;
	int sfd, rc = 0;

	/* We own cfg from here on: reloads replace it. */
	log_set_tag("dimosd", -1);
	log_set_level((enum dm_log_level)cfg->log_level);
	if (server_check(cfg) != 0) {
		log_error("not starting: the configuration, a plugin or the "
		    "seal key was refused (see above)");
		goto fail;
	}
	listen_fd = inherited_socket();
	if (listen_fd < 0)
		listen_fd = open_socket(cfg);
	else
		log_info("using the inherited socket on fd %d", listen_fd);
	if (listen_fd < 0 || pipe2(ready_pipe, O_NONBLOCK | O_CLOEXEC) != 0)
		goto fail;
	if (pid_file != NULL) {
		FILE *fp = fopen(pid_file, "w");

		if (fp == NULL) {
			log_error("cannot write %s: %s", pid_file,
			    strerror(errno));
			goto fail;
		}
		fprintf(fp, "%d\n", (int)getpid());
		fclose(fp);
	}

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sfd < 0)
		goto fail;

	/* Before the first fork: the workers count into the master's
	 * memory, which outlives any of them. */
	if (metrics_init() != 0)
		log_warn("metrics: no shared memory; nothing is counted");
	gen = 1;
	want_workers = worker_count(cfg);
	for (int id = 0; id < want_workers; id++)
		spawn(cfg, gen, id);
	log_info("dimosd %s started: %d workers on %s", DIMOS_VERSION,
	    want_workers, created_socket ? cfg->socket : "inherited socket");

	for (;;) {
		struct pollfd pfd[2] = {
			{ sfd, POLLIN, 0 }, { ready_pipe[0], POLLIN, 0 } };
		struct signalfd_siginfo si;
		int stop = 0, hup = 0;

		if (poll(pfd, 2, 200) < 0 && errno != EINTR)
			break;
		while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
			if (si.ssi_signo == SIGHUP)
				hup = 1;
			else if (si.ssi_signo != SIGCHLD)
				stop = 1;
		}
		read_ready();
		reap();
		if (stop)
			break;
		if (hup)
			cfg = reload(path, cfg);
		finish_reload();
		top_up(cfg);
	}
	shutdown_all(cfg, sfd);
	if (created_socket)
		unlink(cfg->socket);
	if (pid_file != NULL)
		unlink(pid_file);
	close(sfd);
	config_free(cfg);
	free(cfg);
	log_info("dimosd stopped");
	return rc;
fail:
	if (created_socket)
		unlink(cfg->socket);
	config_free(cfg);
	free(cfg);
	return 1;
}
