/*
 * worker.h - one single-threaded FastCGI worker process.
 * Owns: the per-worker start-up (privileges, plugins, stylesheet, database),
 * the accept loop, and dispatching a request to its handler.
 */
#ifndef DIMOS_WORKER_H
#define DIMOS_WORKER_H

struct config;
struct dm_req;

/* Loads plugins, strings and stylesheets as a worker would; 0 on success,
 * otherwise the reason is in err. Used by workers and by dimosd -t. */
int		worker_prepare(const struct config *cfg, char *err,
		    size_t errsz);
void		worker_unprepare(void);
/*
 * Whether this node's keys are the ones the database records: the seal
 * key (documents_check_key) and the second factor's (factorkey_check). 0
 * if they are, or if the database cannot be reached now (logged; workers
 * check again before first use); -1 with the reason in err if one
 * differs, or if the second-factor key is missing (no staff second factor
 * could be checked). Used before workers start and by -t.
 */
int		worker_check_key(const struct config *cfg, char *err,
		    size_t errsz);

/* Runs the worker; never returns. ready_fd gets our pid once serving. */
_Noreturn void	worker_main(int id, int listen_fd, int ready_fd,
		    const struct config *cfg);

/* Answers one parsed request (exposed for tests). */
void		worker_dispatch(struct dm_req *req);

#endif
