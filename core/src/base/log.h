/*
 * log.h - the one log stream (stderr, one line per event).
 * Owns: level filtering, the process tag (master / worker N), the access log
 * line format. Errors are logged once, where they are detected.
 */
#ifndef DIMOS_LOG_H
#define DIMOS_LOG_H

#include <stdarg.h>
#include <stddef.h>

#include "dimos/host.h"

void	log_set_level(enum dm_log_level level);
void	log_set_tag(const char *prog, int worker);	/* worker < 0: master */
int	log_worker(void);
int	log_level_parse(const char *s, enum dm_log_level *out);

void	log_msg(enum dm_log_level level, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	log_vmsg(enum dm_log_level level, const char *plugin, const char *fmt,
	    va_list ap) __attribute__((format(printf, 3, 0)));
_Noreturn void log_fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));

#define log_error(...)	log_msg(DM_LOG_ERROR, __VA_ARGS__)
#define log_warn(...)	log_msg(DM_LOG_WARN, __VA_ARGS__)
#define log_info(...)	log_msg(DM_LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(DM_LOG_DEBUG, __VA_ARGS__)

/* Milliseconds on the monotonic clock (durations, deadlines). */
double	log_now_ms(void);

/* A request's id: 16 random hex digits (LOG_RID_LEN) and a NUL. */
#define LOG_RID_LEN	16
void	log_new_request_id(char out[LOG_RID_LEN + 1]);
/* The request being served (NULL: none): every line logged meanwhile
 * carries "rid=<id>", so that a line of an error page's id is found. */
void	log_set_request(const char *rid);

/* One access line per request, a JSON object on its own line:
 * {"ts":"...Z","event":"access","prog":"dimosd","pid":N,"worker":N,
 *  "rid":"...","method":"GET","path":"/...","route":"/services/:code",
 *  "status":200,"bytes":N,"ms":1.234}; route may be NULL (none matched).
 * No client address or query string: nothing personal. */
void	log_access(const char *rid, const char *method, const char *path,
	    const char *route, int status, size_t bytes, double ms);

#endif
