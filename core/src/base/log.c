/*
 * log.c - line-oriented logging to stderr.
 * Each line is written with one write(2) so lines from concurrent workers
 * sharing the file never interleave.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static enum dm_log_level log_level = DM_LOG_INFO;
static const char *log_prog = "dimos";
static int log_wid = -1;

static const char *const level_names[DM_LOG__MAX] = {
	[DM_LOG_ERROR] = "error",
	[DM_LOG_WARN] = "warn",
	[DM_LOG_INFO] = "info",
	[DM_LOG_DEBUG] = "debug",
};

void
log_set_level(enum dm_log_level level)
{
	log_level = level;
}

void
log_set_tag(const char *prog, int worker)
{
	log_prog = prog;
	log_wid = worker;
}

int
log_worker(void)
{
	return log_wid;
}

int
log_level_parse(const char *s, enum dm_log_level *out)
{
	for (int i = 0; i < DM_LOG__MAX; i++) {
		if (strcasecmp(s, level_names[i]) == 0) {
			*out = (enum dm_log_level)i;
			return 1;
		}
	}
	return 0;
}

static size_t
log_prefix(char *buf, size_t sz)
{
	struct timespec ts;
	struct tm tm;
	size_t n;
	int r;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, sz, "%Y-%m-%dT%H:%M:%S", &tm);
	if (log_wid >= 0)
		r = snprintf(buf + n, sz - n, ".%03ldZ %s[%d] w%d ",
		    ts.tv_nsec / 1000000, log_prog, (int)getpid(), log_wid);
	else
		r = snprintf(buf + n, sz - n, ".%03ldZ %s[%d] ",
		    ts.tv_nsec / 1000000, log_prog, (int)getpid());
	if (r > 0)
		n += (size_t)r < sz - n ? (size_t)r : sz - n - 1;
	return n;
}

static void
log_write(char *buf, size_t n, size_t sz)
{
	ssize_t w;
	size_t off = 0;

	if (n >= sz - 1)
		n = sz - 2;
	buf[n++] = '\n';
	while (off < n) {
		w = write(STDERR_FILENO, buf + off, n - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		off += (size_t)w;
	}
}

void
log_vmsg(enum dm_log_level level, const char *plugin, const char *fmt,
    va_list ap)
{
	char buf[2048];
	size_t n;
	int r;

	if (level > log_level)
		return;
	n = log_prefix(buf, sizeof(buf));
	if (plugin != NULL)
		r = snprintf(buf + n, sizeof(buf) - n, "%s: [%s] ",
		    level_names[level], plugin);
	else
		r = snprintf(buf + n, sizeof(buf) - n, "%s: ",
		    level_names[level]);
	if (r > 0)
		n += (size_t)r;
	if (n < sizeof(buf)) {
		r = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
		if (r > 0)
			n += (size_t)r;
	}
	/* Never let a logged value forge extra log lines. */
	for (size_t i = 0; i < n && i < sizeof(buf); i++)
		if (buf[i] == '\n' || buf[i] == '\r')
			buf[i] = ' ';
	log_write(buf, n, sizeof(buf));
}

void
log_msg(enum dm_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(level, NULL, fmt, ap);
	va_end(ap);
}

void
log_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(DM_LOG_ERROR, NULL, fmt, ap);
	va_end(ap);
	abort();
}

double
log_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
log_access(const char *method, const char *path, int status, size_t bytes,
    double ms)
{
	char buf[1024];
	size_t n;
	int r;

	n = log_prefix(buf, sizeof(buf));
	r = snprintf(buf + n, sizeof(buf) - n,
	    "access: %s %.512s %d %zu %.3fms", method, path, status, bytes, ms);
	if (r > 0)
		n += (size_t)r;
	for (size_t i = 0; i < n && i < sizeof(buf); i++)
		if ((unsigned char)buf[i] < 0x20)
			buf[i] = '?';
	log_write(buf, n, sizeof(buf));
}
