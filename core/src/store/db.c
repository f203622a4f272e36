/*
 * db.c - Connector/C wrapper: prepared statements only for anything that
 * carries data. Results are stored client-side (mysql_stmt_store_result)
 * so a row callback may itself run queries.
 */
#include <errno.h>
#include <mysql.h>
#include <errmsg.h>
#include <mysqld_error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "digits.h"
#include "log.h"
#include "metrics.h"
#include "req.h"

#define DB_CACHE	256
#define DB_MAXPARAMS	64
#define DB_MAXCOLS	64
#define DB_TX_TRIES	5
#define DB_DEPTH	4
/* Seconds on another host before a worker tries the first one again. */
#define DB_RETURN_AFTER	15

struct db_stmt {
	uint64_t	 hash;
	char		*sql;
	MYSQL_STMT	*st;
};

struct db {
	const struct config	*cfg;
	int			 admin;
	MYSQL			*my;
	int			 in_tx;
	int			 tx_lost;	/* rolled back by the server */
	int			 retry;		/* last failure is retryable */
	int			 busy;		/* last failure is the server's:
						   away, not ready, locks */
	struct db_stmt		 cache[DB_CACHE];
	size_t			 ncache;
	/* Column buffers, one set per nesting level (a row callback may run
	 * a query of its own); grown as needed, kept for reuse. */
	struct {
		char		*buf[DB_MAXCOLS];
		unsigned long	 cap[DB_MAXCOLS];
	}			 levels[DB_DEPTH];
	int			 depth;
	size_t			 host;		/* database.host entry in use */
	time_t			 away_since;	/* on another than the first */
};

static struct db *worker_db;

void
db_set_worker(struct db *db)
{
	worker_db = db;
}

struct db *
db_worker(void)
{
	return worker_db;
}

static void
cache_clear(struct db *db)
{
	for (size_t i = 0; i < db->ncache; i++) {
		mysql_stmt_close(db->cache[i].st);
		free(db->cache[i].sql);
	}
	db->ncache = 0;
}

static void
disconnect(struct db *db)
{
	cache_clear(db);
	if (db->my != NULL)
		mysql_close(db->my);
	db->my = NULL;
	/* The next connection starts with the next host: the one that
	 * failed is tried again only after the others. */
	if (db->cfg->ndb_hosts > 1)
		db->host = (db->host + 1) % db->cfg->ndb_hosts;
	/* in_tx stays set: the rest of a transaction must fail, not run
	 * on a fresh connection in autocommit mode. */
}

/*
 * Errors after which this connection is no use: the server went away, or
 * (1047) a Galera node that is not part of the primary component or not
 * yet synced ("WSREP has not yet prepared node for application use").
 * The connection is dropped and the next one goes to another host.
 */
static int
is_conn_error(unsigned e)
{
	return e == CR_SERVER_GONE_ERROR || e == CR_SERVER_LOST ||
	    e == ER_UNKNOWN_COM_ERROR ||
	    e == CR_CONNECTION_ERROR || e == CR_CONN_HOST_ERROR ||
	    e == CR_SERVER_LOST_EXTENDED || e == ER_CONNECTION_KILLED ||
	    e == ER_SERVER_SHUTDOWN || e == CR_COMMANDS_OUT_OF_SYNC ||
	    e == 4031 /* ER_CLIENT_INTERACTION_TIMEOUT */;
}

static int
is_retryable(unsigned e)
{
	/* 1213 is also how Galera reports a certification conflict. */
	return e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT ||
	    e == ER_CHECKREAD || is_conn_error(e);
}

/*
 * Failures that say nothing about the statement or its data: the server
 * cannot answer now (retryable ones, and a statement cut by
 * max_statement_time (1969) or KILL QUERY (1317), an account over its
 * resource limits (1226), too many connections (1040)).
 */
static int
is_busy(unsigned e)
{
	return is_retryable(e) || e == 1969 || e == ER_QUERY_INTERRUPTED ||
	    e == ER_USER_LIMIT_REACHED || e == ER_CON_COUNT_ERROR;
}

static void
failed_with(struct db *db, unsigned e)
{
	db->retry = is_retryable(e);
	db->busy = is_busy(e);
}

static void
failed_away(struct db *db)
{
	db->retry = 1;
	db->busy = 1;
}

static MYSQL *
connect_one(struct db *db, const char *host, int port, const char *user,
    const char *pass, char *err, size_t errsz)
{
	const struct config *c = db->cfg;
	unsigned int timeout = (unsigned int)c->db_connect_timeout;
	/* A web request never waits long for the server; the migration
	 * account's batch work (migrations, rebuilding summaries over every
	 * request) may take minutes. */
	unsigned int rw = db->admin ? 3600 : 30;
	my_bool off = 0, report = 1;
	char init[512];
	MYSQL *my = mysql_init(NULL);

	if (my == NULL)
		log_fatal("db: mysql_init failed");
	/* A web request never waits long for a lock, a row's or a table's
	 * (a migration's ALTER, LOCK TABLES): the lock wait times out with
	 * 1205 (a transaction is retried, the request answered 503) well
	 * before the read timeout would cut the connection. The migration
	 * account waits for a table as long as the server's default. On a
	 * Galera cluster written through
	 * more than one node, wsrep_sync_wait makes a read wait until the
	 * node has applied what the cluster committed before it. */
	snprintf(init, sizeof(init), "SET time_zone = '+00:00', sql_mode = "
	    "'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
	    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION', "
	    "innodb_lock_wait_timeout = %lld%s%.0lld%s%.0d",
	    db->admin ? 10 : c->db_lock_wait, db->admin ? "" :
	    ", lock_wait_timeout = ", db->admin ? 0 : c->db_lock_wait,
	    c->db_sync_wait > 0 ? ", wsrep_sync_wait = " : "",
	    c->db_sync_wait);
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(my, MYSQL_OPT_READ_TIMEOUT, &rw);
	mysql_options(my, MYSQL_OPT_WRITE_TIMEOUT, &rw);
	mysql_options(my, MYSQL_OPT_LOCAL_INFILE, &off);
	mysql_options(my, MYSQL_REPORT_DATA_TRUNCATION, &report);
	mysql_options(my, MYSQL_INIT_COMMAND, init);
	if (mysql_real_connect(my, host, user, pass, c->db_name,
	    (unsigned)port, c->db_socket, 0) == NULL) {
		snprintf(err, errsz, "%s", mysql_error(my));
		mysql_close(my);
		return NULL;
	}
	return my;
}

/*
 * Connects to the socket, or to the first host of database.host that
 * answers, starting with the one in use (a list is a Galera cluster's
 * nodes: every worker writes through the first one while it is up, and
 * moves on to the next when it goes away).
 */
/*
 * Whether the server still holds the transaction db_tx started. Galera
 * rolls a local transaction back when a replicated one conflicts with it
 * (a brute-force abort); normally the next statement fails with 1213, but
 * a statement that turns errors into warnings (INSERT IGNORE) can run on
 * without it, and everything after would run, and commit, on its own.
 * Every OK packet says whether a transaction is open: once it is gone,
 * nothing more runs in this attempt and db_tx starts it again.
 */
static int
tx_gone(struct db *db)
{
	if (!db->in_tx || db->my == NULL)
		return 0;
	if (!db->tx_lost && (db->my->server_status & SERVER_STATUS_IN_TRANS))
		return 0;
	if (!db->tx_lost)
		log_warn("db: the server rolled the transaction back without "
		    "an error (a conflict); it runs again");
	db->tx_lost = 1;
	failed_away(db);
	return 1;
}

dm_status
db_ready(struct db *db)
{
	const struct config *c = db->cfg;
	const char *user = c->db_user, *pass = c->db_password;
	size_t n = c->db_socket != NULL || c->ndb_hosts == 0 ? 1 :
	    c->ndb_hosts;
	char err[512] = "";

	if (db->my != NULL)
		return DM_OK;
	if (db->admin && c->db_admin_user != NULL) {
		user = c->db_admin_user;
		pass = c->db_admin_password;
	}
	for (size_t k = 0; k < n; k++) {
		size_t i = (db->host + k) % n;
		const char *host = c->db_socket != NULL ? NULL :
		    c->ndb_hosts > 0 ? c->db_hosts[i] : c->db_host;
		int port = c->ndb_hosts > 0 ? c->db_ports[i] : c->db_port;

		db->my = connect_one(db, host, port, user, pass, err,
		    sizeof(err));
		if (db->my != NULL) {
			if (n > 1 && (i != 0 || db->away_since != 0))
				log_warn("db: connected to %s:%d", host, port);
			db->host = i;
			db->away_since = i != 0 ? time(NULL) : 0;
			return DM_OK;
		}
		metrics_add(M_DB_CONN_ERRORS, 1);
		log_error("db: cannot connect to %s%s%.0d as %s: %s",
		    c->db_socket ? c->db_socket : host,
		    c->db_socket ? "" : ":", c->db_socket ? 0 : port, user,
		    err);
	}
	return DM_EINTERNAL;
}

/*
 * A worker that moved to another host goes back to the first one once it
 * has been away DB_RETURN_AFTER seconds (between transactions): every
 * worker of every node then writes through one node again, and Galera
 * has no conflicts between nodes to resolve. If the first is still away,
 * db_ready moves on again at once.
 */
static void
maybe_return(struct db *db)
{
	if (db->my == NULL || db->in_tx || db->host == 0 ||
	    time(NULL) - db->away_since < DB_RETURN_AFTER)
		return;
	cache_clear(db);
	mysql_close(db->my);
	db->my = NULL;
	db->host = 0;
}

dm_status
db_open(const struct config *cfg, int admin, struct db **out)
{
	struct db *db = calloc(1, sizeof(*db));

	if (db == NULL)
		log_fatal("out of memory");
	db->cfg = cfg;
	db->admin = admin;
	*out = db;
	return db_ready(db);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	disconnect(db);
	for (size_t l = 0; l < DB_DEPTH; l++)
		for (size_t i = 0; i < DB_MAXCOLS; i++)
			free(db->levels[l].buf[i]);
	if (worker_db == db)
		worker_db = NULL;
	free(db);
}

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static void
log_sql_error(const char *what, const char *sql, unsigned e, const char *msg)
{
	metrics_add(M_DB_QUERY_ERRORS, 1);
	log_error("db: %s failed (%u: %s) in: %.200s", what, e, msg, sql);
}

static MYSQL_STMT *
prepare(struct db *db, const char *sql)
{
	uint64_t h = fnv1a(sql);
	MYSQL_STMT *st;

	for (size_t i = 0; i < db->ncache; i++)
		if (db->cache[i].hash == h && strcmp(db->cache[i].sql,
		    sql) == 0)
			return db->cache[i].st;
	st = mysql_stmt_init(db->my);
	if (st == NULL)
		return NULL;
	req_count_trip();
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		unsigned e = mysql_stmt_errno(st);

		failed_with(db, e);
		if (is_conn_error(e)) {
			metrics_add(M_DB_CONN_ERRORS, 1);
			log_warn("db: connection lost (%u: %s)", e,
			    mysql_stmt_error(st));
		} else
			log_sql_error("prepare", sql, e, mysql_stmt_error(st));
		mysql_stmt_close(st);
		if (is_conn_error(e))
			disconnect(db);
		return NULL;
	}
	if (db->ncache == DB_CACHE)
		cache_clear(db);
	db->cache[db->ncache].hash = h;
	db->cache[db->ncache].sql = strdup(sql);
	db->cache[db->ncache].st = st;
	db->ncache++;
	return st;
}

static void
bind_params(MYSQL_BIND *b, unsigned long *lens, const struct dm_value *p,
    size_t n)
{
	memset(b, 0, n * sizeof(*b));
	for (size_t i = 0; i < n; i++) {
		union { const void *c; void *m; } u;

		switch (p[i].type) {
		case DM_V_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			u.c = &p[i].i;
			b[i].buffer = u.m;
			break;
		case DM_V_DOUBLE:
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			u.c = &p[i].d;
			b[i].buffer = u.m;
			break;
		case DM_V_TEXT:
		case DM_V_BLOB:
			b[i].buffer_type = p[i].type == DM_V_TEXT ?
			    MYSQL_TYPE_STRING : MYSQL_TYPE_BLOB;
			u.c = p[i].s != NULL ? p[i].s : "";
			b[i].buffer = u.m;
			lens[i] = p[i].s != NULL ? p[i].len : 0;
			b[i].buffer_length = lens[i];
			b[i].length = &lens[i];
			break;
		case DM_V_NULL:
		default:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			break;
		}
	}
}

static int
col_is_int(enum enum_field_types t)
{
	return t == MYSQL_TYPE_TINY || t == MYSQL_TYPE_SHORT ||
	    t == MYSQL_TYPE_LONG || t == MYSQL_TYPE_LONGLONG ||
	    t == MYSQL_TYPE_INT24 || t == MYSQL_TYPE_YEAR;
}

static int
col_is_double(enum enum_field_types t)
{
	return t == MYSQL_TYPE_FLOAT || t == MYSQL_TYPE_DOUBLE;
}

/* Binary strings and blobs; temporal and decimal columns also carry the
 * binary charset but are text. */
static int
col_is_binary(const MYSQL_FIELD *f)
{
	switch (f->type) {
	case MYSQL_TYPE_TINY_BLOB:
	case MYSQL_TYPE_MEDIUM_BLOB:
	case MYSQL_TYPE_LONG_BLOB:
	case MYSQL_TYPE_BLOB:
	case MYSQL_TYPE_STRING:
	case MYSQL_TYPE_VAR_STRING:
	case MYSQL_TYPE_VARCHAR:
	case MYSQL_TYPE_BIT:
	case MYSQL_TYPE_GEOMETRY:
		return f->charsetnr == 63;
	default:
		return 0;
	}
}

/* Dates and times are fetched as MYSQL_TIME and written here: the
 * library's own conversion to text runs sprintf for every value. */
static int
col_is_temporal(enum enum_field_types t)
{
	return t == MYSQL_TYPE_DATETIME || t == MYSQL_TYPE_TIMESTAMP ||
	    t == MYSQL_TYPE_DATE;
}

/*
 * "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" with as many digits of the
 * fraction as the column has (decimals; more than 6 means "as many as
 * there are": 6 or none), as the server and Connector/C write them.
 * out holds at least 27 bytes.
 */
static unsigned long
time_text(const MYSQL_TIME *t, unsigned decimals, char *out)
{
	char *p = out;

	p = dig_fixed(p, t->year, 4);
	*p++ = '-';
	p = dig_fixed(p, t->month, 2);
	*p++ = '-';
	p = dig_fixed(p, t->day, 2);
	if (t->time_type != MYSQL_TIMESTAMP_DATE) {
		*p++ = ' ';
		p = dig_fixed(p, t->hour, 2);
		*p++ = ':';
		p = dig_fixed(p, t->minute, 2);
		*p++ = ':';
		p = dig_fixed(p, t->second, 2);
		if (decimals > 6)
			decimals = t->second_part ? 6 : 0;
		if (decimals > 0) {
			char frac[6];

			dig_fixed(frac, (unsigned)t->second_part, 6);
			*p++ = '.';
			memcpy(p, frac, decimals);
			p += decimals;
		}
	}
	*p = '\0';
	return (unsigned long)(p - out);
}

static void
colbuf_reserve(char **buf, unsigned long *cap, unsigned long need)
{
	if (*cap >= need)
		return;
	free(*buf);
	*cap = need < 256 ? 256 : need;
	*buf = malloc(*cap);
	if (*buf == NULL)
		log_fatal("out of memory (column of %lu bytes)", need);
}

/* Fetches all rows of an executed statement into fn. */
static dm_status
fetch_rows(struct db *db, MYSQL_STMT *st, const char *sql, dm_row_fn fn,
    void *arg)
{
	MYSQL_RES *meta;
	MYSQL_FIELD *fields;
	MYSQL_BIND b[DB_MAXCOLS];
	unsigned long lens[DB_MAXCOLS];
	my_bool nulls[DB_MAXCOLS], errs[DB_MAXCOLS];
	long long ints[DB_MAXCOLS];
	double dbls[DB_MAXCOLS];
	MYSQL_TIME tms[DB_MAXCOLS];
	struct dm_value cols[DB_MAXCOLS];
	unsigned ncols;
	dm_status st_ret = DM_OK;
	char **cb;
	unsigned long *cc;
	int r;

	meta = mysql_stmt_result_metadata(st);
	if (meta == NULL)
		return DM_OK;
	if (db->depth == DB_DEPTH) {
		log_error("db: queries nested deeper than %d", DB_DEPTH);
		mysql_free_result(meta);
		return DM_EINTERNAL;
	}
	cb = db->levels[db->depth].buf;
	cc = db->levels[db->depth].cap;
	ncols = mysql_num_fields(meta);
	fields = mysql_fetch_fields(meta);
	if (ncols > DB_MAXCOLS) {
		log_error("db: %u columns is more than %d in: %.200s", ncols,
		    DB_MAXCOLS, sql);
		mysql_free_result(meta);
		return DM_EINTERNAL;
	}
	memset(b, 0, sizeof(b[0]) * ncols);
	for (unsigned i = 0; i < ncols; i++) {
		b[i].is_null = &nulls[i];
		b[i].error = &errs[i];
		b[i].length = &lens[i];
		if (col_is_int(fields[i].type)) {
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &ints[i];
			b[i].is_unsigned = (fields[i].flags & UNSIGNED_FLAG)
			    != 0;
		} else if (col_is_double(fields[i].type)) {
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = &dbls[i];
		} else if (col_is_temporal(fields[i].type)) {
			colbuf_reserve(&cb[i], &cc[i], 256);
			b[i].buffer_type = fields[i].type;
			b[i].buffer = &tms[i];
			b[i].buffer_length = sizeof(tms[i]);
		} else {
			colbuf_reserve(&cb[i], &cc[i], 256);
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = cb[i];
			b[i].buffer_length = cc[i] - 1;
		}
	}
	if (mysql_stmt_bind_result(st, b) != 0 ||
	    mysql_stmt_store_result(st) != 0) {
		unsigned e = mysql_stmt_errno(st);

		failed_with(db, e);
		log_sql_error("fetch", sql, e, mysql_stmt_error(st));
		if (is_conn_error(e))
			disconnect(db);
		mysql_free_result(meta);
		return DM_EINTERNAL;
	}
	for (;;) {
		r = mysql_stmt_fetch(st);
		if (r == MYSQL_NO_DATA)
			break;
		if (r == 1) {
			failed_with(db, mysql_stmt_errno(st));
			log_sql_error("fetch", sql, mysql_stmt_errno(st),
			    mysql_stmt_error(st));
			st_ret = DM_EINTERNAL;
			break;
		}
		/* A text longer than its buffer is fetched again into a
		 * larger one. Each column's length decides, not the fetch's
		 * MYSQL_DATA_TRUNCATED alone: the library reports a cut only
		 * while the connection's report_data_truncation holds, and
		 * once it did not (a 382-byte name read past its 256-byte
		 * buffer on a staff page, under the sanitizer build). */
		{
			int grown = 0;

			for (unsigned i = 0; i < ncols; i++) {
				if (b[i].buffer_type != MYSQL_TYPE_STRING ||
				    nulls[i] || lens[i] < cc[i])
					continue;
				colbuf_reserve(&cb[i], &cc[i], lens[i] + 1);
				b[i].buffer = cb[i];
				b[i].buffer_length = cc[i] - 1;
				grown = 1;
				if (mysql_stmt_fetch_column(st, &b[i], i, 0)) {
					st_ret = DM_EINTERNAL;
					break;
				}
			}
			if (st_ret != DM_OK)
				break;
			if (grown)
				mysql_stmt_bind_result(st, b);
		}
		for (unsigned i = 0; i < ncols; i++) {
			memset(&cols[i], 0, sizeof(cols[i]));
			if (nulls[i]) {
				cols[i].type = DM_V_NULL;
			} else if (b[i].buffer_type == MYSQL_TYPE_LONGLONG) {
				cols[i].type = DM_V_INT;
				cols[i].i = ints[i];
			} else if (b[i].buffer_type == MYSQL_TYPE_DOUBLE) {
				cols[i].type = DM_V_DOUBLE;
				cols[i].d = dbls[i];
			} else if (b[i].buffer == &tms[i]) {
				cols[i].type = DM_V_TEXT;
				cols[i].len = time_text(&tms[i],
				    fields[i].decimals, cb[i]);
				cols[i].s = cb[i];
			} else {
				cols[i].type = col_is_binary(&fields[i]) ?
				    DM_V_BLOB : DM_V_TEXT;
				cb[i][lens[i]] = '\0';
				cols[i].s = cb[i];
				cols[i].len = lens[i];
			}
		}
		if (fn != NULL) {
			db->depth++;
			st_ret = fn(arg, cols, ncols);
			db->depth--;
			if (st_ret != DM_OK)
				break;
		}
	}
	mysql_stmt_free_result(st);
	mysql_free_result(meta);
	return st_ret;
}

static dm_status
run_stmt(struct db *db, const char *sql, const struct dm_value *params,
    size_t nparams, dm_row_fn fn, void *arg, uint64_t *affected,
    uint64_t *insert_id)
{
	MYSQL_BIND pb[DB_MAXPARAMS];
	unsigned long lens[DB_MAXPARAMS];
	MYSQL_STMT *st;
	int attempt;

	if (nparams > DB_MAXPARAMS) {
		log_error("db: %zu parameters is more than %d", nparams,
		    DB_MAXPARAMS);
		return DM_EINTERNAL;
	}
	maybe_return(db);
	for (attempt = 0; attempt < 2; attempt++) {
		unsigned e;

		db->retry = 0;
		db->busy = 0;
		if ((db->my == NULL && db->in_tx) || tx_gone(db)) {
			failed_away(db);
			return DM_EINTERNAL;
		}
		if (db_ready(db) != DM_OK) {
			failed_away(db);
			return DM_EINTERNAL;
		}
		st = prepare(db, sql);
		if (st == NULL) {
			/* Reconnect and try once more, unless a transaction
			 * was lost with the connection. */
			if (db->my == NULL && !db->in_tx && attempt == 0)
				continue;
			return DM_EINTERNAL;
		}
		if (mysql_stmt_param_count(st) != nparams) {
			log_error("db: statement takes %lu parameters, got "
			    "%zu: %.200s", mysql_stmt_param_count(st),
			    nparams, sql);
			return DM_EINTERNAL;
		}
		if (nparams > 0) {
			bind_params(pb, lens, params, nparams);
			if (mysql_stmt_bind_param(st, pb) != 0) {
				log_sql_error("bind", sql, mysql_stmt_errno(st),
				    mysql_stmt_error(st));
				return DM_EINTERNAL;
			}
		}
		req_count_trip();
		if (mysql_stmt_execute(st) == 0) {
			if (tx_gone(db))
				return DM_EINTERNAL;
			break;
		}
		e = mysql_stmt_errno(st);
		failed_with(db, e);
		if (is_conn_error(e)) {
			metrics_add(M_DB_CONN_ERRORS, 1);
			log_warn("db: connection lost (%u: %s)", e,
			    mysql_stmt_error(st));
			disconnect(db);
			if (!db->in_tx && attempt == 0)
				continue;
			return DM_EINTERNAL;
		}
		if (e == ER_DUP_ENTRY) {
			log_info("db: %s in: %.120s", mysql_stmt_error(st),
			    sql);
			return DM_ECONFLICT;
		}
		if (e == ER_LOCK_DEADLOCK || e == ER_LOCK_WAIT_TIMEOUT) {
			/* In a transaction db_tx runs it again. Outside one
			 * nobody does, and it is no conflict of the caller's
			 * data (DM_ECONFLICT reads as "someone else did it"):
			 * the server could not answer in time. */
			if (!db->in_tx) {
				log_warn("db: %s: %.120s",
				    mysql_stmt_error(st), sql);
				return DM_EINTERNAL;
			}
			log_info("db: %s, will retry: %.120s",
			    mysql_stmt_error(st), sql);
			return DM_ECONFLICT;
		}
		log_sql_error("execute", sql, e, mysql_stmt_error(st));
		return DM_EINTERNAL;
	}
	if (attempt == 2)
		return DM_EINTERNAL;
	if (affected != NULL)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(st);
	return fetch_rows(db, st, sql, fn, arg);
}

/* A statement, noted in req_outage when it failed for the server's sake
 * (what: REQ_OUTAGE_READ or _WRITE). */
static dm_status
run(struct db *db, unsigned what, const char *sql,
    const struct dm_value *params, size_t nparams, dm_row_fn fn, void *arg,
    uint64_t *affected, uint64_t *insert_id)
{
	dm_status st = run_stmt(db, sql, params, nparams, fn, arg, affected,
	    insert_id);

	if (st != DM_OK && st != DM_ENOTFOUND && db->busy)
		req_note_outage(what);
	return st;
}

dm_status
db_query(struct db *db, const char *sql, const struct dm_value *params,
    size_t nparams, dm_row_fn fn, void *arg)
{
	return run(db, REQ_OUTAGE_READ, sql, params, nparams, fn, arg, NULL,
	    NULL);
}

dm_status
db_exec(struct db *db, const char *sql, const struct dm_value *params,
    size_t nparams, uint64_t *affected, uint64_t *insert_id)
{
	return run(db, REQ_OUTAGE_WRITE, sql, params, nparams, NULL, NULL,
	    affected, insert_id);
}


struct int_ctx {
	long long	v;
	int		found;
};

static dm_status
int_row(void *arg, const struct dm_value *cols, size_t n)
{
	struct int_ctx *c = arg;

	if (c->found || n == 0)
		return DM_OK;
	c->found = 1;
	if (cols[0].type == DM_V_INT)
		c->v = cols[0].i;
	else if (cols[0].type == DM_V_TEXT)
		c->v = strtoll(cols[0].s, NULL, 10);
	else if (cols[0].type == DM_V_DOUBLE)
		c->v = (long long)cols[0].d;
	else
		c->found = 0;
	return DM_OK;
}

dm_status
db_query_int(struct db *db, const char *sql, const struct dm_value *params,
    size_t nparams, long long *out)
{
	struct int_ctx c = { 0, 0 };
	dm_status st;

	st = db_query(db, sql, params, nparams, int_row, &c);
	if (st != DM_OK)
		return st;
	if (!c.found)
		return DM_ENOTFOUND;
	*out = c.v;
	return DM_OK;
}

struct text_ctx {
	char	*out;
	size_t	 size;
	int	 found;
	int	 toolong;
};

static dm_status
text_row(void *arg, const struct dm_value *cols, size_t n)
{
	struct text_ctx *c = arg;
	size_t len;

	if (c->found || n == 0)
		return DM_OK;
	c->found = 1;
	if (cols[0].type != DM_V_TEXT && cols[0].type != DM_V_BLOB)
		return DM_OK;
	len = cols[0].len;
	if (len >= c->size) {
		c->toolong = 1;
		return DM_OK;
	}
	memcpy(c->out, cols[0].s, len);
	c->out[len] = '\0';
	return DM_OK;
}

dm_status
db_query_text(struct db *db, const char *sql, const struct dm_value *params,
    size_t nparams, char *out, size_t size)
{
	struct text_ctx c = { out, size, 0, 0 };
	dm_status st;

	if (size == 0)
		return DM_ELIMIT;
	out[0] = '\0';
	st = db_query(db, sql, params, nparams, text_row, &c);
	if (st != DM_OK)
		return st;
	if (!c.found)
		return DM_ENOTFOUND;
	return c.toolong ? DM_ELIMIT : DM_OK;
}

static dm_status
simple(struct db *db, const char *what)
{
	unsigned e;

	if (db->my == NULL)
		return DM_EINTERNAL;
	req_count_trip();
	if (mysql_real_query(db->my, what, strlen(what)) == 0)
		return DM_OK;
	e = mysql_errno(db->my);
	failed_with(db, e);
	if (e == ER_LOCK_DEADLOCK)
		log_info("db: %s: %s, will retry", what, mysql_error(db->my));
	else {
		metrics_add(M_DB_QUERY_ERRORS, 1);
		log_error("db: %s failed (%u: %s)", what, e,
		    mysql_error(db->my));
	}
	if (is_conn_error(e))
		disconnect(db);
	return DM_EINTERNAL;
}

static void
backoff(int attempt)
{
	struct timespec ts;
	unsigned ms = (5u << attempt) + (unsigned)(rand() % 20);

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

dm_status
db_tx(struct db *db, db_tx_fn fn, void *arg)
{
	dm_status st = DM_EINTERNAL;
	unsigned outage = req_outage();

	if (db->in_tx)
		return fn(arg);
	maybe_return(db);
	for (int attempt = 0; attempt < DB_TX_TRIES; attempt++) {
		if (attempt > 0)
			backoff(attempt);
		db->retry = 0;
		if (db_ready(db) != DM_OK)
			continue;
		if (simple(db, "START TRANSACTION") != DM_OK) {
			if (db->retry)
				continue;
			return DM_EINTERNAL;
		}
		db->in_tx = 1;
		db->tx_lost = 0;
		st = fn(arg);
		if (st == DM_OK && tx_gone(db))
			st = DM_EINTERNAL;
		if (st == DM_OK) {
			st = simple(db, "COMMIT");
			db->in_tx = 0;
			/* What failed in the attempts before was done again. */
			if (st == DM_OK) {
				req_outage_set(outage);
				return DM_OK;
			}
		} else {
			int retry = db->retry;

			if (db->my != NULL)
				simple(db, "ROLLBACK");
			db->in_tx = 0;
			db->retry = retry;
		}
		if (!db->retry)
			return st;
		metrics_add(M_DB_RETRIES, 1);
		log_info("db: transaction retried (attempt %d)", attempt + 2);
	}
	log_error("db: transaction failed after %d attempts", DB_TX_TRIES);
	req_note_outage(REQ_OUTAGE_WRITE);
	/* Never DM_ECONFLICT here: callers read that as "someone else did
	 * it already" (a second press of submit), but this transaction was
	 * only ever rolled back. */
	return DM_EINTERNAL;
}

struct plugin_tx {
	struct dm_req	*req;
	dm_tx_fn	 fn;
	void		*arg;
};

static dm_status
plugin_tx_call(void *arg)
{
	struct plugin_tx *t = arg;

	return t->fn(t->req, t->arg);
}

dm_status
db_tx_plugin(struct db *db, struct dm_req *req, dm_tx_fn fn, void *arg)
{
	struct plugin_tx t = { req, fn, arg };

	return db_tx(db, plugin_tx_call, &t);
}

int
db_in_tx(const struct db *db)
{
	return db->in_tx;
}

dm_status
db_script_stmt(struct db *db, const char *sql, char *err, size_t errsz)
{
	MYSQL_RES *res;

	if (db_ready(db) != DM_OK) {
		snprintf(err, errsz, "not connected");
		return DM_EINTERNAL;
	}
	if (mysql_real_query(db->my, sql, strlen(sql)) != 0) {
		snprintf(err, errsz, "%u: %s", mysql_errno(db->my),
		    mysql_error(db->my));
		return DM_EINTERNAL;
	}
	do {
		res = mysql_store_result(db->my);
		if (res != NULL)
			mysql_free_result(res);
	} while (mysql_next_result(db->my) == 0);
	return DM_OK;
}

dm_status
db_ping(struct db *db)
{
	long long one;

	if (db == NULL)
		return DM_EINTERNAL;
	return db_query_int(db, "SELECT 1", NULL, 0, &one);
}

const char *
db_text(struct arena *a, const struct dm_value *v)
{
	if (v->type != DM_V_TEXT && v->type != DM_V_BLOB)
		return NULL;
	return arena_strndup(a, v->s, v->len);
}
