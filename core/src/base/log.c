/*
 * log.c - line-oriented logging to stderr.
 * Each line is written with one write(2) so lines from concurrent workers
 * sharing the file never interleave.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static enum dm_log_level log_level = DM_LOG_INFO;
static const char *log_prog = "dimos";
static int log_wid = -1;
static char log_rid[LOG_RID_LEN + 1];

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
	if (log_rid[0] != '\0' && n < sz) {
		r = snprintf(buf + n, sz - n, "rid=%s ", log_rid);
		if (r > 0)
			n += (size_t)r < sz - n ? (size_t)r : sz - n - 1;
	}
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

/* Appends s as a JSON string (quoted, escaped; at most max bytes of it)
 * to buf at *n. */
static void
json_str(char *buf, size_t sz, size_t *n, const char *s, size_t max)
{
	static const char hex[] = "0123456789abcdef";
	size_t k = *n;

	if (k + 2 >= sz)
		return;
	buf[k++] = '"';
	for (size_t i = 0; s != NULL && s[i] != '\0' && i < max && k + 8 < sz;
	    i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			buf[k++] = '\\';
			buf[k++] = (char)c;
		} else if (c < 0x20 || c == 0x7f) {
			buf[k++] = '\\';
			buf[k++] = 'u';
			buf[k++] = '0';
			buf[k++] = '0';
			buf[k++] = hex[c >> 4];
			buf[k++] = hex[c & 15];
		} else {
			buf[k++] = (char)c;
		}
	}
	buf[k++] = '"';
	*n = k;
}

static void __attribute__((format(printf, 4, 5)))
json_raw(char *buf, size_t sz, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int r;

	if (*n >= sz)
		return;
	va_start(ap, fmt);
	r = vsnprintf(buf + *n, sz - *n, fmt, ap);
	va_end(ap);
	if (r > 0)
		*n += (size_t)r < sz - *n ? (size_t)r : sz - *n - 1;
}

void
log_new_request_id(char out[LOG_RID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[LOG_RID_LEN / 2];

	if (getrandom(b, sizeof(b), 0) != (ssize_t)sizeof(b)) {
		/* Never fails for 8 bytes once booted; unique enough. */
		unsigned long long v = (unsigned long long)getpid() << 40 ^
		    (unsigned long long)(log_now_ms() * 1000);

		memcpy(b, &v, sizeof(b));
	}
	for (size_t i = 0; i < sizeof(b); i++) {
		out[2 * i] = hex[b[i] >> 4];
		out[2 * i + 1] = hex[b[i] & 15];
	}
	out[LOG_RID_LEN] = '\0';
}

void
log_set_request(const char *rid)
{
	if (rid == NULL)
		log_rid[0] = '\0';
	else
		snprintf(log_rid, sizeof(log_rid), "%s", rid);
}

void
log_access(const char *rid, const char *method, const char *path,
    const char *route, int status, size_t bytes, double ms)
{
	char buf[2048];
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, sizeof(buf), "{\"ts\":\"%Y-%m-%dT%H:%M:%S", &tm);
	json_raw(buf, sizeof(buf), &n, ".%03ldZ\",\"event\":\"access\","
	    "\"prog\":", ts.tv_nsec / 1000000);
	json_str(buf, sizeof(buf), &n, log_prog, 64);
	json_raw(buf, sizeof(buf), &n, ",\"pid\":%d,\"worker\":%d,\"rid\":",
	    (int)getpid(), log_wid);
	json_str(buf, sizeof(buf), &n, rid, LOG_RID_LEN);
	json_raw(buf, sizeof(buf), &n, ",\"method\":");
	json_str(buf, sizeof(buf), &n, method, 16);
	json_raw(buf, sizeof(buf), &n, ",\"path\":");
	json_str(buf, sizeof(buf), &n, path, 512);
	json_raw(buf, sizeof(buf), &n, ",\"route\":");
	if (route != NULL)
		json_str(buf, sizeof(buf), &n, route, 256);
	else
		json_raw(buf, sizeof(buf), &n, "null");
	json_raw(buf, sizeof(buf), &n, ",\"status\":%d,\"bytes\":%zu,"
	    "\"ms\":%.3f}", status, bytes, ms);
	log_write(buf, n, sizeof(buf));
}
