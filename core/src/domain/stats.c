/*
 * stats.c - the dashboard's figures, kept as requests change (stats.h).
 * Every change adds to a handful of summary rows in the transaction of
 * the change itself, so the figures are never behind and never counted
 * twice (a rolled-back submission is rolled back here too). The dashboard
 * then reads those rows: a few thousand for years of a municipality's
 * requests, whatever their number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "localtime.h"
#include "log.h"
#include "req.h"
#include "stats.h"

static const char *const channels[SC__MAX] = { "web", "counter", "phone",
	"mail" };

/* The bucket of a completion, in SQL, of the seconds in column expr s. */
#define BUCKET_SQL(s)	"IF(" s " < 259200, GREATEST(" s ", 0) DIV 3600, " \
	"LEAST(69 + " s " DIV 86400, 434))"
#define SECS_SQL(p)	"TIMESTAMPDIFF(SECOND, " p "submitted_at, " p \
	"closed_at)"
#define OPEN_SQL	"('submitted', 'in_progress', 'awaiting_citizen')"
#define NO_DUE		"9999-12-31"
/*
 * The slot of request id's changes (schema/015_stats_slots.sql): the same
 * request always adds to and takes from the same slot, and transactions
 * of different requests of a service mostly lock different rows.
 */
#define SLOT_SQL(id)	"(" id ") % 8"

const char *
stats_channel_name(enum stats_channel c)
{
	return c < SC__MAX ? channels[c] : "";
}

long long
stats_bucket_lower(int b)
{
	return b < 72 ? b * 3600LL : (b - 69) * 86400LL;
}

long long
stats_bucket_upper(int b)
{
	return b >= STATS_BUCKETS - 1 ? -1 : stats_bucket_lower(b + 1);
}

int
stats_bucket_of(long long s)
{
	if (s < 0)
		s = 0;
	if (s < 259200)
		return (int)(s / 3600);
	return s / 86400 + 69 > STATS_BUCKETS - 1 ? STATS_BUCKETS - 1 :
	    (int)(s / 86400 + 69);
}

/* Keeping them ------------------------------------------------------------ */

/* The summaries by day and by month (schema/020_stats_months.sql). */
#define DAY_TABLES	"stats_day", "day", "stats_month", "month"
#define DURATION_TABLES	"stats_duration", "day", "stats_duration_month", \
	"month"

/* sql with "@T" as table and "@D" as date column, in q. */
static void
name_table(char *q, size_t size, const char *sql, const char *table,
    const char *col)
{
	size_t n = 0;

	for (const char *s = sql; *s != '\0' && n + 1 < size; s++) {
		const char *w = s[0] == '@' && s[1] == 'T' ? table : s[0] ==
		    '@' && s[1] == 'D' ? col : NULL;

		if (w == NULL) {
			q[n++] = *s;
			continue;
		}
		while (*w != '\0' && n + 1 < size)
			q[n++] = *w++;
		s++;
	}
	q[n] = '\0';
}

/*
 * One change added to its day's row and to its month's: sql names the
 * table "@T" and its date column "@D" and takes the day as its first
 * parameter, which the month's statement gets as the month's first day.
 * The day's row first, then the month's, as every change takes them.
 */
static dm_status
add_day_month(const char *sql, const char *day_table, const char *day_col,
    const char *month_table, const char *month_col, struct dm_value *p,
    size_t np)
{
	char q[2048], month[11];
	dm_status st;

	name_table(q, sizeof(q), sql, day_table, day_col);
	if ((st = db_exec(db_worker(), q, p, np, NULL, NULL)) != DM_OK)
		return st;
	snprintf(month, sizeof(month), "%.8s01", p[0].s);
	p[0] = DM_VTEXT(month);
	name_table(q, sizeof(q), sql, month_table, month_col);
	return db_exec(db_worker(), q, p, np, NULL, NULL);
}

dm_status
stats_submitted(struct dm_req *req, const struct stats_new *r)
{
	char today[11];
	struct dm_value p[5];
	dm_status st;

	(void)req;
	/* The values as the submission wrote them (r), not read back from
	 * the row: rows the statement names by their key, nothing else
	 * read, nothing for the optimizer to plan. */
	lt_today_iso(today);
	p[0] = DM_VTEXT(today);
	p[1] = DM_VTEXT(r->department);
	p[2] = DM_VTEXT(r->service);
	p[3] = DM_VTEXT(r->channel);
	p[4] = DM_VINT(r->id);
	if ((st = add_day_month("INSERT INTO @T (@D, department, service, "
	    "channel, slot, submitted) VALUES (?, ?, ?, ?, " SLOT_SQL("?")
	    ", 1) ON DUPLICATE KEY UPDATE submitted = submitted + 1",
	    DAY_TABLES, p, 5)) != DM_OK)
		return st;
	p[0] = DM_VTEXT(r->department);
	p[1] = DM_VTEXT(r->service);
	p[2] = DM_VTEXT(r->due_date != NULL ? r->due_date : NO_DUE);
	p[3] = DM_VINT(r->id);
	return db_exec(db_worker(), "INSERT INTO stats_open (department, "
	    "service, due_date, awaiting, slot, n) VALUES (?, ?, ?, 0, "
	    SLOT_SQL("?") ", 1) ON DUPLICATE KEY UPDATE n = n + 1", p, 4,
	    NULL, NULL);
}

dm_status
stats_moved(struct dm_req *req, const struct stats_was *r)
{
	char today[11];
	struct dm_value p[6];
	dm_status st;
	int closing;

	(void)req;
	lt_today_iso(today);
	/* Only the statements that can count anything for the state it
	 * moves to, and the day's row before the open ones, as
	 * stats_submitted takes them: every submission and closure of the
	 * service shares these rows until its commit, and two transactions
	 * that took them in opposite orders would deadlock. */
	closing = strcmp(r->to, "completed") == 0 || strcmp(r->to,
	    "rejected") == 0 || strcmp(r->to, "withdrawn") == 0;
	/* Closed today: by whom and how, on time or not. */
	p[0] = DM_VTEXT(today);
	p[1] = DM_VTEXT(today);
	p[2] = DM_VTEXT(today);
	/* A certificate issued automatically, which closed it, counts in
	 * the same write of the same row (stats_certificate's figure). */
	p[3] = DM_VINT(closing && r->cert_auto);
	p[4] = DM_VINT(r->id);
	if (closing && (st = add_day_month("INSERT INTO @T (@D, "
	    "department, service, channel, slot, completed, rejected, "
	    "withdrawn, sla_kept, sla_missed, cert_auto) SELECT ?, "
	    "department, service, channel, " SLOT_SQL("id") ", "
	    "status = 'completed', status = 'rejected', status = 'withdrawn', "
	    "status IN ('completed', 'rejected') AND due_date IS NOT NULL AND "
	    "due_date >= ?, status IN ('completed', 'rejected') AND due_date "
	    "IS NOT NULL AND due_date < ?, ? FROM requests WHERE id = ? AND "
	    "status IN ('completed', 'rejected', 'withdrawn') ON DUPLICATE KEY "
	    "UPDATE completed = completed + VALUES(completed), rejected = "
	    "rejected + VALUES(rejected), withdrawn = withdrawn + "
	    "VALUES(withdrawn), sla_kept = sla_kept + VALUES(sla_kept), "
	    "sla_missed = sla_missed + VALUES(sla_missed), cert_auto = "
	    "cert_auto + VALUES(cert_auto)", DAY_TABLES, p, 5)) != DM_OK)
		return st;
	/* Out of the open rows it was in, into the one it is in now (if it
	 * is still open: its due date may have moved, or its clock stopped). */
	p[0] = DM_VTEXT(r->department);
	p[1] = DM_VTEXT(r->service);
	p[2] = DM_VTEXT(r->due_date ? r->due_date : NO_DUE);
	p[3] = DM_VINT(r->awaiting != 0);
	p[4] = DM_VINT(r->id);
	if ((st = db_exec(db_worker(), "UPDATE stats_open SET n = n - 1 WHERE "
	    "department = ? AND service = ? AND due_date = ? AND awaiting = ? "
	    "AND slot = " SLOT_SQL("?"), p, 5, NULL, NULL)) != DM_OK)
		return st;
	p[0] = DM_VINT(r->id);
	if (!closing)
		return db_exec(db_worker(), "INSERT INTO stats_open (department, "
		    "service, due_date, awaiting, slot, n) SELECT department, "
		    "service, COALESCE(due_date, '" NO_DUE "'), status = "
		    "'awaiting_citizen', " SLOT_SQL("id") ", 1 FROM requests WHERE id = ? AND status "
		    "IN " OPEN_SQL " ON DUPLICATE KEY UPDATE n = n + 1", p, 1,
		    NULL, NULL);
	if (strcmp(r->to, "completed") != 0)
		return DM_OK;
	p[0] = DM_VTEXT(today);
	p[1] = DM_VINT(r->id);
	return add_day_month("INSERT INTO @T (@D, department, service, "
	    "bucket, slot, n) SELECT ?, department, service, "
	    BUCKET_SQL(SECS_SQL("")) ", " SLOT_SQL("id") ", 1 FROM requests "
	    "WHERE id = ? AND status = 'completed' ON DUPLICATE KEY UPDATE n = "
	    "n + 1", DURATION_TABLES, p, 2);
}

dm_status
stats_certificate(struct dm_req *req, long long doc)
{
	char today[11];
	struct dm_value p[2];

	(void)req;
	lt_today_iso(today);
	p[0] = DM_VTEXT(today);
	p[1] = DM_VINT(doc);
	return add_day_month("INSERT INTO @T (@D, department, "
	    "service, channel, slot, cert_auto, cert_clerk) SELECT ?, "
	    "r.department, r.service, r.channel, " SLOT_SQL("r.id") ", "
	    "d.issued_by IS NULL, d.issued_by IS NOT "
	    "NULL FROM documents d JOIN requests r ON r.id = d.request_id "
	    "WHERE d.id = ? AND d.kind = 'certificate' ON DUPLICATE KEY "
	    "UPDATE cert_auto = cert_auto + VALUES(cert_auto), cert_clerk = "
	    "cert_clerk + VALUES(cert_clerk)", DAY_TABLES, p, 2);
}

dm_status
stats_rated(struct dm_req *req, long long id, int rating)
{
	char today[11];
	struct dm_value p[3];

	(void)req;
	lt_today_iso(today);
	p[0] = DM_VTEXT(today);
	p[1] = DM_VINT(rating);
	p[2] = DM_VINT(id);
	return add_day_month("INSERT INTO @T (@D, department, "
	    "service, channel, slot, rating_n, rating_sum) SELECT ?, "
	    "department, service, channel, " SLOT_SQL("id") ", 1, ? FROM "
	    "requests WHERE id = ? ON DUPLICATE "
	    "KEY UPDATE rating_n = rating_n + 1, rating_sum = rating_sum + "
	    "VALUES(rating_sum)", DAY_TABLES, p, 3);
}

/* Rebuilding them ------------------------------------------------------- */

struct span_ctx {
	char	 lo[20], hi[20];
};

static dm_status
span_row(void *arg, const struct dm_value *c, size_t n)
{
	struct span_ctx *x = arg;

	if (n < 2)
		return DM_EINTERNAL;
	if (c[0].type == DM_V_TEXT && c[0].len < sizeof(x->lo)) {
		memcpy(x->lo, c[0].s, c[0].len);
		x->lo[c[0].len] = '\0';
	}
	if (c[1].type == DM_V_TEXT && c[1].len < sizeof(x->hi)) {
		memcpy(x->hi, c[1].s, c[1].len);
		x->hi[c[1].len] = '\0';
	}
	return DM_OK;
}

struct rebuild_ctx {
	struct db	*db;
	struct arena	*arena;
	const char	*periods;	/* JSON */
};

#define MAX_PERIODS	4096

/* The stretches of time with one offset of the municipality's clock from
 * UTC (two a year where the clocks change), from the first request to
 * the last change, as a JSON array the counts read through JSON_TABLE:
 * a request's local day is DATE(its UTC time + the offset of its
 * stretch). One pass over each table, whatever the number of days. */
static dm_status
rebuild_periods(struct rebuild_ctx *x)
{
	struct span_ctx s = { "", "" };
	struct lt_period *p;
	struct arena_vec v = { NULL, 0, 0 };
	size_t n;
	dm_status st;

	if ((st = db_query(x->db, "SELECT DATE_FORMAT(LEAST(COALESCE((SELECT "
	    "MIN(submitted_at) FROM requests), '9999-12-31'), COALESCE(("
	    "SELECT MIN(issued_at) FROM documents), '9999-12-31')), "
	    "'%Y-%m-%d %H:%i:%s'), DATE_FORMAT(GREATEST(COALESCE((SELECT "
	    "MAX(submitted_at) FROM requests), '1000-01-01'), COALESCE(("
	    "SELECT MAX(closed_at) FROM requests), '1000-01-01'), COALESCE(("
	    "SELECT MAX(issued_at) FROM documents), '1000-01-01'), COALESCE(("
	    "SELECT MAX(created_at) FROM request_ratings), '1000-01-01')), "
	    "'%Y-%m-%d %H:%i:%s')", NULL, 0, span_row, &s)) != DM_OK)
		return st;
	x->periods = "[]";
	if (strncmp(s.lo, "9999", 4) == 0)
		return DM_OK;	/* nothing happened yet */
	p = arena_alloc(x->arena, MAX_PERIODS * sizeof(*p));
	if ((n = lt_offset_periods(s.lo, s.hi, p, MAX_PERIODS)) == 0)
		return DM_EINTERNAL;
	for (size_t i = 0; i < n; i++) {
		const char *e = arena_printf(x->arena, "%s{\"s\":\"%s\","
		    "\"e\":\"%s\",\"o\":%ld}", i ? "," : "[", p[i].from,
		    p[i].to, p[i].offset);

		for (; *e; e++)
			*(char *)arena_push(x->arena, &v, 1) = *e;
	}
	*(char *)arena_push(x->arena, &v, 1) = ']';
	*(char *)arena_push(x->arena, &v, 1) = '\0';
	x->periods = v.v;
	return DM_OK;
}

/* Table a (alias) first, then its stretch of time by column c. */
#define PERIODS_SQL(c)	" STRAIGHT_JOIN JSON_TABLE(?, '$[*]' COLUMNS (s " \
	"DATETIME(6) PATH '$.s', e DATETIME(6) PATH '$.e', o INT PATH "	\
	"'$.o')) t ON " c " >= t.s AND " c " < t.e"
#define DAY_SQL(c)	"DATE(" c " + INTERVAL t.o SECOND)"

/* The month rows added up from the day rows (slot 0). */
#define MONTHS_SQL \
	"INSERT INTO stats_month (month, department, service, channel, " \
	"submitted, completed, rejected, withdrawn, sla_kept, sla_missed, " \
	"cert_auto, cert_clerk, rating_n, rating_sum) SELECT " \
	"DATE_FORMAT(day, '%Y-%m-01') m, department, service, channel, " \
	"SUM(submitted), SUM(completed), SUM(rejected), SUM(withdrawn), " \
	"SUM(sla_kept), SUM(sla_missed), SUM(cert_auto), SUM(cert_clerk), " \
	"SUM(rating_n), SUM(rating_sum) FROM stats_day GROUP BY m, " \
	"department, service, channel", \
	"INSERT INTO stats_duration_month (month, department, service, " \
	"bucket, n) SELECT DATE_FORMAT(day, '%Y-%m-01') m, department, " \
	"service, bucket, SUM(n) FROM stats_duration GROUP BY m, department, " \
	"service, bucket"

static const char *const rebuild_sql[] = {
	"DELETE FROM stats_day",
	"DELETE FROM stats_duration",
	"DELETE FROM stats_open",
	"DELETE FROM stats_month",
	"DELETE FROM stats_duration_month",
	"INSERT INTO stats_day (day, department, service, channel, submitted) "
	"SELECT " DAY_SQL("r.submitted_at") " d, r.department, r.service, "
	"r.channel, COUNT(*) FROM requests r" PERIODS_SQL("r.submitted_at")
	" WHERE r.status <> 'draft' GROUP BY d, r.department, r.service, "
	"r.channel",
	"INSERT INTO stats_day (day, department, service, channel, completed, "
	"rejected, withdrawn, sla_kept, sla_missed) SELECT "
	DAY_SQL("r.closed_at") " d, r.department, r.service, r.channel, "
	"SUM(r.status = 'completed'), SUM(r.status = 'rejected'), "
	"SUM(r.status = 'withdrawn'), SUM(r.status IN ('completed', "
	"'rejected') AND r.due_date IS NOT NULL AND r.due_date >= "
	DAY_SQL("r.closed_at") "), SUM(r.status IN ('completed', 'rejected') "
	"AND r.due_date IS NOT NULL AND r.due_date < " DAY_SQL("r.closed_at")
	") FROM requests r" PERIODS_SQL("r.closed_at") " WHERE r.status IN "
	"('completed', 'rejected', 'withdrawn') GROUP BY d, r.department, "
	"r.service, r.channel ON DUPLICATE KEY UPDATE completed = "
	"VALUES(completed), rejected = VALUES(rejected), withdrawn = "
	"VALUES(withdrawn), sla_kept = VALUES(sla_kept), sla_missed = "
	"VALUES(sla_missed)",
	"INSERT INTO stats_duration (day, department, service, bucket, n) "
	"SELECT " DAY_SQL("r.closed_at") " d, r.department, r.service, "
	BUCKET_SQL(SECS_SQL("r.")) " b, COUNT(*) FROM requests r"
	PERIODS_SQL("r.closed_at") " WHERE r.status = 'completed' GROUP BY d, "
	"r.department, r.service, b",
	"INSERT INTO stats_day (day, department, service, channel, cert_auto, "
	"cert_clerk) SELECT " DAY_SQL("x.issued_at") " d, r.department, "
	"r.service, r.channel, SUM(x.issued_by IS NULL), SUM(x.issued_by IS "
	"NOT NULL) FROM documents x" PERIODS_SQL("x.issued_at") " JOIN "
	"requests r ON r.id = x.request_id WHERE x.kind = 'certificate' GROUP "
	"BY d, r.department, r.service, r.channel ON DUPLICATE KEY UPDATE "
	"cert_auto = VALUES(cert_auto), cert_clerk = VALUES(cert_clerk)",
	"INSERT INTO stats_day (day, department, service, channel, rating_n, "
	"rating_sum) SELECT " DAY_SQL("g.created_at") " d, r.department, "
	"r.service, r.channel, COUNT(*), SUM(g.rating) FROM request_ratings g"
	PERIODS_SQL("g.created_at") " JOIN requests r ON r.id = g.request_id "
	"GROUP BY d, r.department, r.service, r.channel ON DUPLICATE KEY "
	"UPDATE rating_n = VALUES(rating_n), rating_sum = VALUES(rating_sum)",
	"INSERT INTO stats_open (department, service, due_date, awaiting, n) "
	"SELECT department, service, COALESCE(due_date, '" NO_DUE "') d, "
	"status = 'awaiting_citizen' a, COUNT(*) FROM requests WHERE status "
	"IN " OPEN_SQL " GROUP BY department, service, d, a",
	MONTHS_SQL,
};

static const char *const months_sql[] = { MONTHS_SQL };

static dm_status
rebuild_tx(void *arg)
{
	struct rebuild_ctx *x = arg;
	dm_status st;

	if ((st = rebuild_periods(x)) != DM_OK)
		return st;
	for (size_t i = 0; i < sizeof(rebuild_sql) / sizeof(rebuild_sql[0]);
	    i++) {
		struct dm_value p = DM_VTEXT(x->periods);

		if ((st = db_exec(x->db, rebuild_sql[i], &p, strchr(
		    rebuild_sql[i], '?') != NULL, NULL, NULL)) != DM_OK)
			return st;
	}
	return DM_OK;
}

dm_status
stats_rebuild(struct db *db, long long *rows)
{
	struct arena a;
	struct rebuild_ctx x = { db, &a, "[]" };
	dm_status st;

	arena_init(&a);
	st = db_tx(db, rebuild_tx, &x);
	arena_free(&a);
	if (st == DM_OK && rows != NULL)
		st = db_query_int(db, "SELECT COUNT(*) FROM stats_day", NULL, 0,
		    rows);
	return st;
}

/* The month rows of day rows kept before they existed. */
static dm_status
months_tx(void *arg)
{
	struct db *db = arg;
	long long days, months;
	dm_status st;

	/* Two at once: the second's rows collide on the primary key (slot
	 * 0) and it fails, never counting twice. */
	if ((st = db_query_int(db, "SELECT EXISTS (SELECT 1 FROM stats_day)",
	    NULL, 0, &days)) != DM_OK || (st = db_query_int(db, "SELECT "
	    "EXISTS (SELECT 1 FROM stats_month) + EXISTS (SELECT 1 FROM "
	    "stats_duration_month)", NULL, 0, &months)) != DM_OK || days == 0 ||
	    months > 0)
		return st;
	for (size_t i = 0; i < sizeof(months_sql) / sizeof(months_sql[0]);
	    i++)
		if ((st = db_exec(db, months_sql[i], NULL, 0, NULL, NULL)) !=
		    DM_OK)
			return st;
	return DM_OK;
}

dm_status
stats_fill_if_empty(struct db *db, long long *rows)
{
	long long kept = 0, requests = 0;
	dm_status st;

	*rows = -1;
	if ((st = db_tx(db, months_tx, db)) != DM_OK)
		return st;
	if ((st = db_query_int(db, "SELECT (SELECT COUNT(*) FROM (SELECT 1 "
	    "FROM stats_day LIMIT 1) a) + (SELECT COUNT(*) FROM (SELECT 1 FROM "
	    "stats_open LIMIT 1) b)", NULL, 0, &kept)) != DM_OK ||
	    (st = db_query_int(db, "SELECT COUNT(*) FROM (SELECT 1 FROM "
	    "requests WHERE status <> 'draft' LIMIT 1) r", NULL, 0,
	    &requests)) != DM_OK)
		return st;
	if (kept > 0 || requests == 0)
		return DM_OK;
	return stats_rebuild(db, rows);
}

/* Reading them ------------------------------------------------------------ */

/* The rows of one grouping while they are summed, found by key. */
struct group {
	struct arena_vec	 rows;		/* struct stats_row */
	struct arena_vec	 hists;		/* long long *, one a row */
};

struct dash_ctx {
	struct dm_req		*req;
	struct group		 g[SG__MAX];
};

static size_t
group_find(struct dash_ctx *x, enum stats_group g, const char *key,
    size_t len, const char *dept, size_t dlen)
{
	struct group *gr = &x->g[g];
	struct stats_row *v = gr->rows.v, *r;
	long long **h;

	for (size_t i = 0; i < gr->rows.n; i++)
		if (strlen(v[i].key) == len && memcmp(v[i].key, key, len) ==
		    0 && (dept == NULL || (strlen(v[i].dept) == dlen &&
		    memcmp(v[i].dept, dept, dlen) == 0)))
			return i;
	r = arena_push(x->req->arena, &gr->rows, sizeof(*r));
	r->key = arena_strndup(x->req->arena, key, len);
	r->dept = dept ? arena_strndup(x->req->arena, dept, dlen) : "";
	h = arena_push(x->req->arena, &gr->hists, sizeof(*h));
	*h = arena_zalloc(x->req->arena, STATS_BUCKETS * sizeof(**h));
	return gr->rows.n - 1;
}

/* The rows of each grouping that one summary row adds to: the month's,
 * the department's, the service's and the total. */
static void
groups_of(struct dash_ctx *x, const struct dm_value *c, size_t at[SG__MAX])
{
	at[SG_TOTAL] = group_find(x, SG_TOTAL, "", 0, NULL, 0);
	at[SG_MONTH] = c[0].type == DM_V_TEXT ? group_find(x, SG_MONTH,
	    c[0].s, c[0].len, NULL, 0) : (size_t)-1;
	at[SG_DEPT] = group_find(x, SG_DEPT, c[1].s, c[1].len, NULL, 0);
	at[SG_SERVICE] = group_find(x, SG_SERVICE, c[2].s, c[2].len, c[1].s,
	    c[1].len);
}

#define ROW(x, g, i)	(&((struct stats_row *)(x)->g[g].rows.v)[i])
#define HIST(x, g, i)	(((long long **)(x)->g[g].hists.v)[i])

static dm_status
day_row(void *arg, const struct dm_value *c, size_t n)
{
	struct dash_ctx *x = arg;
	size_t at[SG__MAX];
	int ch;

	if (n < 15 || c[1].type != DM_V_TEXT || c[2].type != DM_V_TEXT ||
	    c[3].type != DM_V_TEXT)
		return DM_EINTERNAL;
	for (ch = 0; ch < SC__MAX; ch++)
		if (strlen(channels[ch]) == c[3].len &&
		    memcmp(channels[ch], c[3].s, c[3].len) == 0)
			break;
	if (ch == SC__MAX)
		return DM_EINTERNAL;
	groups_of(x, c, at);
	for (int g = 0; g < SG__MAX; g++) {
		struct stats_counts *k = &ROW(x, g, at[g])->c;

		k->channel[ch] += c[4].i;
		k->submitted += c[4].i;
		k->completed += c[5].i;
		k->rejected += c[6].i;
		k->withdrawn += c[7].i;
		k->sla_kept += c[8].i;
		k->sla_missed += c[9].i;
		k->cert_auto += c[10].i;
		k->cert_clerk += c[11].i;
		k->rating_n += c[12].i;
		k->rating_sum += c[13].i;
		/* c[14]: the summary rows read */
	}
	return DM_OK;
}

static dm_status
duration_row(void *arg, const struct dm_value *c, size_t n)
{
	struct dash_ctx *x = arg;
	size_t at[SG__MAX];

	if (n < 5 || c[1].type != DM_V_TEXT || c[2].type != DM_V_TEXT ||
	    c[3].i < 0 || c[3].i >= STATS_BUCKETS)
		return DM_EINTERNAL;
	groups_of(x, c, at);
	for (int g = 0; g < SG__MAX; g++) {
		HIST(x, g, at[g])[c[3].i] += c[4].i;
		ROW(x, g, at[g])->c.timed += c[4].i;
	}
	return DM_OK;
}

static dm_status
open_row(void *arg, const struct dm_value *c, size_t n)
{
	struct dash_ctx *x = arg;
	size_t at[SG__MAX];
	struct dm_value k[3];

	if (n < 4 || c[0].type != DM_V_TEXT || c[1].type != DM_V_TEXT)
		return DM_EINTERNAL;
	/* No month: what is open is open now. */
	k[0] = DM_VNULL;
	k[1] = c[0];
	k[2] = c[1];
	groups_of(x, k, at);
	for (int g = 0; g < SG__MAX; g++) {
		if (at[g] == (size_t)-1)
			continue;
		ROW(x, g, at[g])->c.backlog += c[2].i;
		ROW(x, g, at[g])->c.overdue += c[3].i;
	}
	return DM_OK;
}

void
stats_percentile(const long long *hist, long long n, int q, long long *lo,
    long long *hi)
{
	long long rank, seen = 0;

	*lo = *hi = -1;
	if (n <= 0)
		return;
	/* Nearest rank: the smallest value with at least q% at or below. */
	rank = (n * q + 99) / 100;
	if (rank < 1)
		rank = 1;
	for (int b = 0; b < STATS_BUCKETS; b++) {
		seen += hist[b];
		if (seen >= rank) {
			*lo = stats_bucket_lower(b);
			*hi = stats_bucket_upper(b);
			return;
		}
	}
}

static int
cmp_row(const void *a, const void *b)
{
	const struct stats_row *x = a, *y = b;
	int d = strcmp(x->dept, y->dept);

	return d ? d : strcmp(x->key, y->key);
}

#define FILTER_SQL	" WHERE (? = '' OR FIND_IN_SET(department, ?))"
/* The month rows of the range's whole months, then the day rows of the
 * days at its ends (struct split); 11 parameters. */
#define MONTHS_RANGE_SQL	" AND month BETWEEN ? AND ?"
#define DAYS_RANGE_SQL	" AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)"

/*
 * A range of days as the summaries are read: its whole months (first
 * days mf..ml; none when mf > ml) from the month rows, and the days
 * before and after them (from..d1, d2..to; empty when reversed) from the
 * day rows. A month is whole when the range starts on or before its
 * first day and ends on or after its last day, or after today (nothing
 * is counted after today): the default range, whole months to today,
 * reads no day rows at all.
 */
struct split {
	char	 mf[11], ml[11], d1[11], d2[11];
};

static int
month_days(int y, int m)
{
	static const int n[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };

	return m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 :
	    n[m - 1];
}

/* Month number mi (year * 12 + month - 1) as its first or last day. */
static void
month_day(char out[11], int mi, int last)
{
	int y = mi / 12, m = mi % 12 + 1;

	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)(last ? month_days(y, m) : 1) % 100u);
}

static void
split_range(const char *from, const char *to, const char *today,
    struct split *sp)
{
	int fy = 0, fm = 1, fd = 1, ty = 0, tm = 1, td = 1, first, last;

	if (sscanf(from, "%4d-%2d-%2d", &fy, &fm, &fd) != 3 || sscanf(to,
	    "%4d-%2d-%2d", &ty, &tm, &td) != 3 || fm < 1 || fm > 12 ||
	    tm < 1 || tm > 12) {
		first = 1;	/* not dates: the day rows, as asked */
		last = 0;
	} else {
		first = fy * 12 + fm - 1 + (fd > 1);
		last = ty * 12 + tm - 1 - (strcmp(to, today) < 0 &&
		    td < month_days(ty, tm));
	}
	if (first > last) {
		snprintf(sp->mf, sizeof(sp->mf), "9999-12-01");
		snprintf(sp->ml, sizeof(sp->ml), "0001-01-01");
		snprintf(sp->d1, sizeof(sp->d1), "%.10s", to);
		snprintf(sp->d2, sizeof(sp->d2), "9999-12-31");
		return;
	}
	month_day(sp->mf, first, 0);
	month_day(sp->ml, last, 0);
	month_day(sp->d1, first - 1, 1);
	month_day(sp->d2, last + 1, 0);
}

dm_status
stats_dashboard(struct dm_req *req, const struct stats_filter *f,
    struct stats_dashboard *out)
{
	struct dash_ctx x;
	const char *depts = f->depts ? f->depts : "";
	char today[11];
	struct split sp;
	struct dm_value p[10];
	dm_status st;

	memset(&x, 0, sizeof(x));
	memset(out, 0, sizeof(*out));
	x.req = req;
	lt_today_iso(today);
	split_range(f->from, f->to, today, &sp);
	p[0] = DM_VTEXT(depts);
	p[1] = DM_VTEXT(depts);
	p[2] = DM_VTEXT(sp.mf);
	p[3] = DM_VTEXT(sp.ml);
	p[4] = DM_VTEXT(depts);
	p[5] = DM_VTEXT(depts);
	p[6] = DM_VTEXT(f->from);
	p[7] = DM_VTEXT(sp.d1);
	p[8] = DM_VTEXT(sp.d2);
	p[9] = DM_VTEXT(f->to);
	/* The total's row exists even when nothing was counted. */
	(void)group_find(&x, SG_TOTAL, "", 0, NULL, 0);
	/* Whole months and the days at the ends in one statement, grouped
	 * in the primary key's order (only the slots added up there: no
	 * temporary table, a tenth of the time of grouping by the month's
	 * name); the rows of a month, department and service come several
	 * times and are added up here as every row is. */
#define DAY_COLUMNS(d)	"DATE_FORMAT(" d ", '%Y-%m') m, department, service, " \
	"channel, CAST(SUM(submitted) AS SIGNED), CAST(SUM(completed) AS " \
	"SIGNED), CAST(SUM(rejected) AS SIGNED), CAST(SUM(withdrawn) AS " \
	"SIGNED), CAST(SUM(sla_kept) AS SIGNED), CAST(SUM(sla_missed) AS " \
	"SIGNED), CAST(SUM(cert_auto) AS SIGNED), CAST(SUM(cert_clerk) AS " \
	"SIGNED), CAST(SUM(rating_n) AS SIGNED), CAST(SUM(rating_sum) AS " \
	"SIGNED), COUNT(*)"
	if ((st = db_query(db_worker(), "SELECT " DAY_COLUMNS("month")
	    " FROM stats_month" FILTER_SQL MONTHS_RANGE_SQL " GROUP BY month, "
	    "department, service, channel UNION ALL SELECT "
	    DAY_COLUMNS("day") " FROM stats_day" FILTER_SQL DAYS_RANGE_SQL
	    " GROUP BY day, department, service, channel", p, 10, day_row,
	    &x)) != DM_OK)
		return st;
#undef DAY_COLUMNS
	if ((st = db_query(db_worker(), "SELECT DATE_FORMAT(month, '%Y-%m') "
	    "m, department, service, bucket, CAST(SUM(n) AS SIGNED) FROM "
	    "stats_duration_month" FILTER_SQL MONTHS_RANGE_SQL " GROUP BY "
	    "month, department, service, bucket UNION ALL SELECT "
	    "DATE_FORMAT(day, '%Y-%m') m, department, service, bucket, "
	    "CAST(SUM(n) AS SIGNED) FROM stats_duration" FILTER_SQL
	    DAYS_RANGE_SQL " GROUP BY day, department, service, bucket", p,
	    10, duration_row, &x)) != DM_OK)
		return st;
	p[2] = DM_VTEXT(today);
	if ((st = db_query(db_worker(), "SELECT department, service, "
	    "CAST(SUM(n) AS SIGNED), CAST(SUM(IF(awaiting = 0 AND due_date < "
	    "?, n, 0)) AS SIGNED) FROM stats_open" FILTER_SQL " GROUP BY "
	    "department, service HAVING SUM(n) > 0", (struct dm_value[]){
	    p[2], p[0], p[1] }, 3, open_row, &x)) != DM_OK)
		return st;
	for (int g = 0; g < SG__MAX; g++) {
		struct stats_row *v = x.g[g].rows.v;

		for (size_t i = 0; i < x.g[g].rows.n; i++) {
			struct stats_counts *k = &v[i].c;
			const long long *h = HIST(&x, g, i);

			stats_percentile(h, k->timed, 50, &k->median_lo,
			    &k->median_hi);
			stats_percentile(h, k->timed, 90, &k->p90_lo,
			    &k->p90_hi);
		}
		/* The percentiles are taken: the order may now change. */
		if (x.g[g].rows.n > 1)
			qsort(v, x.g[g].rows.n, sizeof(*v), cmp_row);
		out->rows[g] = v;
		out->n[g] = x.g[g].rows.n;
	}
	return DM_OK;
}

struct popular_ctx {
	struct dm_req	 *req;
	const char	**codes;
	size_t		  n, cap;
};

static dm_status
popular_row(void *arg, const struct dm_value *c, size_t n)
{
	struct popular_ctx *x = arg;

	if (n < 1 || c[0].type != DM_V_TEXT || x->n == x->cap)
		return DM_OK;
	x->codes[x->n++] = arena_strndup(x->req->arena, c[0].s, c[0].len);
	return DM_OK;
}

dm_status
stats_popular(struct dm_req *req, int days, size_t limit,
    const char ***codes, size_t *n)
{
	struct popular_ctx x = { req, NULL, 0, limit };
	char today[11];
	struct dm_value p[3];
	dm_status st;

	/* The days are the municipality's: its today, not the server's
	 * (UTC) one. */
	lt_today_iso(today);
	p[0] = DM_VTEXT(today);
	p[1] = DM_VINT(days);
	p[2] = DM_VINT((long long)limit);
	x.codes = arena_zalloc(req->arena, (limit + 1) * sizeof(*x.codes));
	/* The primary key starts with the day: a range of the window's
	 * rows (days x services x channels), grouped in memory. */
	st = db_query(db_worker(), "SELECT service FROM stats_day WHERE day > "
	    "? - INTERVAL ? DAY GROUP BY service HAVING "
	    "SUM(submitted) > 0 ORDER BY SUM(submitted) DESC, service LIMIT ?",
	    p, 3, popular_row, &x);
	*codes = x.codes;
	*n = x.n;
	return st;
}
