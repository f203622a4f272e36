/*
 * test_stats.c - the dashboard's summary tables against direct counts.
 * Seeds DIMOS_STATS_N requests (default 20,000; the bench run uses
 * 1,000,000) over 400 days at every hour, in every channel and state,
 * with certificates, straight into the run's own database (through the
 * admin connection, whose reads may wait: a million rows take minutes);
 * rebuilds the summaries and checks every figure the dashboard shows (per
 * local month, department, service; a range of days, whole months and
 * both; channels, closures, the SLA, certificates, ratings, backlog,
 * overdue, median and 90th percentile) against a
 * count of the rows themselves. Local days there are computed by an
 * independent rule (Europe/Athens: UTC+2, UTC+3 from the last Sunday of
 * March to the last Sunday of October at 01:00 UTC). Then real
 * submissions and moves through the domain keep the summaries exactly as
 * a rebuild makes them. Prints how long stats_dashboard takes (measured,
 * not asserted: the bench reports it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture.h"
#include "localtime.h"
#include "plugins.h"
#include "ratings.h"
#include "requests.h"
#include "stats.h"

/* Last Sunday of month mo of c's year, at 01:00 UTC. */
#define LASTSUN(c, mo)	"(LAST_DAY(CONCAT(YEAR(" c "), '-" mo "-01')) - " \
	"INTERVAL (DAYOFWEEK(LAST_DAY(CONCAT(YEAR(" c "), '-" mo "-01'))) - " \
	"1) DAY + INTERVAL 1 HOUR)"
/* The local date in Greece of UTC column c. */
#define LOCAL(c)	"DATE(" c " + INTERVAL IF(" c " >= " LASTSUN(c, "03") \
	" AND " c " < " LASTSUN(c, "10") ", 3, 2) HOUR)"

static long long nreq;

static void
seed(void)
{
	long long n = nreq;

	fixture_admin_exec("INSERT INTO requests (service, department, "
	    "account_id, status, channel, protocol_year, protocol_no, submitted_at, "
	    "due_date, closed_at, applicant_name) SELECT ELT(1 + seq %% 3, "
	    "'general-request', 'general-complaint', 'cr-family-status'), "
	    "ELT(1 + seq %% 3, 'general', 'general', 'civil_registry'), 1, "
	    "ELT(1 + FLOOR(RAND(seq) * 10), 'completed', 'completed', "
	    "'completed', 'completed', 'rejected', 'withdrawn', 'submitted', "
	    "'in_progress', 'awaiting_citizen', 'completed'), ELT(1 + "
	    "FLOOR(RAND(seq + 7) * 10), 'web', 'web', 'web', 'web', 'web', "
	    "'counter', 'counter', 'counter', 'phone', 'mail'), 1900, seq, "
	    "UTC_TIMESTAMP(6) - INTERVAL 1 DAY - INTERVAL (seq * 7919 %% "
	    "(400 * 86400)) SECOND, NULL, NULL, 'Α' FROM seq_1_to_%lld", n);
	/* Due dates (one in ten has none), closures after 0 s to 40 days. */
	fixture_admin_exec("UPDATE requests SET due_date = IF(id %% 10 = 0, "
	    "NULL, DATE(submitted_at) + INTERVAL (id %% 25) DAY), closed_at = "
	    "IF(status IN ('completed', 'rejected', 'withdrawn'), "
	    "LEAST(UTC_TIMESTAMP(6), submitted_at + INTERVAL (id * 104729 %% "
	    "(40 * 86400)) SECOND), NULL) WHERE protocol_year = 1900");
	/* Certificates of completed family-status requests: every third by
	 * a clerk. */
	fixture_admin_exec("INSERT INTO documents (code, request_id, "
	    "account_id, service, department, kind, title, issued_at, "
	    "issued_by, sha256, signature, key_id, size) SELECT LPAD(id, 16, "
	    "'0'), id, 1, service, department, 'certificate', 'Π', "
	    "closed_at, IF(id %% 3 = 0, 1, NULL), UNHEX(SHA2(id, 256)), REPEAT('x', 64), 'k', 1 FROM "
	    "requests WHERE protocol_year = 1900 AND status = 'completed' AND "
	    "service = 'cr-family-status'");
	/* Ratings of one completed request in seven, an hour after. */
	fixture_admin_exec("INSERT INTO request_ratings (request_id, "
	    "account_id, rating, created_at) SELECT id, 1, 1 + id %% 5, LEAST("
	    "UTC_TIMESTAMP(6), closed_at + INTERVAL 1 HOUR) FROM requests "
	    "WHERE protocol_year = 1900 AND status = 'completed' AND id %% 7 "
	    "= 0");
}

static int
setup(void **state)
{
	const char *e = getenv("DIMOS_STATS_N");
	struct timespec a, b;

	nreq = e ? atoll(e) : 20000;
	if (nreq < 1000)
		nreq = 1000;
	if (fixture_setup(state) != 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	seed();
	clock_gettime(CLOCK_MONOTONIC, &b);
	fprintf(stderr, "# seeded %lld requests in %.1f s\n", nreq,
	    (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
	a = b;
	if (stats_rebuild(fixture_admin_db(), NULL) != DM_OK)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	fprintf(stderr, "# rebuilt the summaries in %.1f s\n",
	    (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
	return 0;
}

static const struct stats_row *
find(const struct stats_dashboard *d, enum stats_group g, const char *key)
{
	for (size_t i = 0; i < d->n[g]; i++)
		if (strcmp(d->rows[g][i].key, key) == 0)
			return &d->rows[g][i];
	fail_msg("no row %s", key);
	return NULL;
}

static void
dashboard(const char *from, const char *to, const char *depts,
    struct stats_dashboard *d)
{
	struct stats_filter f = { from, to, depts };

	assert_int_equal(stats_dashboard(fixture_req(0), &f, d), DM_OK);
}

static const char *const services[] = { "general-request",
	"general-complaint", "cr-family-status" };

/* The q-th percentile (nearest rank) of service's n completion times,
 * taken from the rows, lies in [lo, hi) (hi -1: open). */
static void
check_percentile(const char *service, long long n, int q, long long lo,
    long long hi)
{
	long long v = fixture_int("SELECT TIMESTAMPDIFF(SECOND, submitted_at, "
	    "closed_at) s FROM requests WHERE service = '%s' AND status = "
	    "'completed' ORDER BY s LIMIT 1 OFFSET %lld", service,
	    (n * q + 99) / 100 - 1);

	assert_true(lo <= v && (hi < 0 || v < hi));
}

/* Every figure of every service, over all days, against the rows. */
static void
test_services_equal_direct_counts(void **state)
{
	struct stats_dashboard d;
	char today[11];

	(void)state;
	lt_today_iso(today);
	dashboard("1900-01-01", "2999-12-31", NULL, &d);
	assert_int_equal(d.n[SG_SERVICE], 3);
	assert_int_equal(d.rows[SG_TOTAL][0].c.submitted, nreq);
	for (size_t i = 0; i < 3; i++) {
		const char *s = services[i];
		const struct stats_counts *c = &find(&d, SG_SERVICE, s)->c;

		for (int ch = 0; ch < SC__MAX; ch++)
			assert_int_equal(c->channel[ch], fixture_int("SELECT "
			    "COUNT(*) FROM requests WHERE service = '%s' AND "
			    "channel = '%s'", s, stats_channel_name(ch)));
		assert_int_equal(c->completed, fixture_int("SELECT COUNT(*) "
		    "FROM requests WHERE service = '%s' AND status = "
		    "'completed'", s));
		assert_int_equal(c->rejected, fixture_int("SELECT COUNT(*) "
		    "FROM requests WHERE service = '%s' AND status = "
		    "'rejected'", s));
		assert_int_equal(c->withdrawn, fixture_int("SELECT COUNT(*) "
		    "FROM requests WHERE service = '%s' AND status = "
		    "'withdrawn'", s));
		assert_int_equal(c->sla_kept, fixture_int("SELECT COUNT(*) "
		    "FROM requests WHERE service = '%s' AND status IN "
		    "('completed', 'rejected') AND due_date >= " LOCAL("closed_at"),
		    s));
		assert_int_equal(c->sla_missed, fixture_int("SELECT COUNT(*) "
		    "FROM requests WHERE service = '%s' AND status IN "
		    "('completed', 'rejected') AND due_date < " LOCAL("closed_at"),
		    s));
		assert_int_equal(c->cert_auto, fixture_int("SELECT COUNT(*) "
		    "FROM documents WHERE service = '%s' AND issued_by IS NULL",
		    s));
		assert_int_equal(c->cert_clerk, fixture_int("SELECT COUNT(*) "
		    "FROM documents WHERE service = '%s' AND issued_by IS NOT "
		    "NULL", s));
		assert_int_equal(c->rating_n, fixture_int("SELECT COUNT(*) "
		    "FROM request_ratings g JOIN requests r ON r.id = "
		    "g.request_id WHERE r.service = '%s'", s));
		assert_int_equal(c->rating_sum, fixture_int("SELECT "
		    "SUM(g.rating) FROM request_ratings g JOIN requests r ON "
		    "r.id = g.request_id WHERE r.service = '%s'", s));
		assert_int_equal(c->backlog, fixture_int("SELECT COUNT(*) FROM "
		    "requests WHERE service = '%s' AND status IN ('submitted', "
		    "'in_progress', 'awaiting_citizen')", s));
		assert_int_equal(c->overdue, fixture_int("SELECT COUNT(*) FROM "
		    "requests WHERE service = '%s' AND status IN ('submitted', "
		    "'in_progress') AND due_date < '%s'", s, today));
		/* Percentiles: the nearest-rank completion time lies in the
		 * bucket reported. */
		assert_int_equal(c->timed, c->completed);
		check_percentile(s, c->timed, 50, c->median_lo, c->median_hi);
		check_percentile(s, c->timed, 90, c->p90_lo, c->p90_hi);
		assert_true(c->median_lo <= c->p90_lo);
	}
}

/* Local months and a range of local days, against the independent rule
 * (a request at 23:30 UTC is the next day's, and the next month's on the
 * last day). */
static void
test_months_and_ranges_are_local(void **state)
{
	struct stats_dashboard d;
	long long sum = 0;

	(void)state;
	dashboard("1900-01-01", "2999-12-31", NULL, &d);
	assert_true(d.n[SG_MONTH] >= 13);
	for (size_t i = 0; i < d.n[SG_MONTH]; i++) {
		const struct stats_row *r = &d.rows[SG_MONTH][i];

		if (i > 0)
			assert_true(strcmp(d.rows[SG_MONTH][i - 1].key,
			    r->key) < 0);
		assert_int_equal(r->c.submitted, fixture_int("SELECT "
		    "COUNT(*) FROM requests WHERE DATE_FORMAT(" LOCAL(
		    "submitted_at") ", '%%Y-%%m') = '%s'", r->key));
		assert_int_equal(r->c.channel[SC_WEB], fixture_int("SELECT "
		    "COUNT(*) FROM requests WHERE channel = 'web' AND "
		    "DATE_FORMAT(" LOCAL("submitted_at") ", '%%Y-%%m') = '%s'",
		    r->key));
		assert_int_equal(r->c.completed, fixture_int("SELECT "
		    "COUNT(*) FROM requests WHERE status = 'completed' AND "
		    "DATE_FORMAT(" LOCAL("closed_at") ", '%%Y-%%m') = '%s'",
		    r->key));
		sum += r->c.submitted;
	}
	assert_int_equal(sum, nreq);
	/* Ninety days, one department. */
	{
		char from[11], to[11];
		const struct stats_counts *c;

		fixture_text(from, sizeof(from), "SELECT CURRENT_DATE - "
		    "INTERVAL 200 DAY");
		fixture_text(to, sizeof(to), "SELECT CURRENT_DATE - INTERVAL "
		    "111 DAY");
		dashboard(from, to, "general", &d);
		assert_int_equal(d.n[SG_DEPT], 1);
		c = &d.rows[SG_TOTAL][0].c;
		assert_true(c->submitted > 0);
		assert_int_equal(c->submitted, fixture_int("SELECT COUNT(*) "
		    "FROM requests WHERE department = 'general' AND "
		    LOCAL("submitted_at") " BETWEEN '%s' AND '%s'", from, to));
		assert_int_equal(c->withdrawn, fixture_int("SELECT COUNT(*) "
		    "FROM requests WHERE department = 'general' AND status = "
		    "'withdrawn' AND " LOCAL("closed_at") " BETWEEN '%s' AND "
		    "'%s'", from, to));
		assert_int_equal(c->channel[SC_PHONE], fixture_int("SELECT "
		    "COUNT(*) FROM requests WHERE department = 'general' AND "
		    "channel = 'phone' AND " LOCAL("submitted_at") " BETWEEN "
		    "'%s' AND '%s'", from, to));
		/* Completion times: the days at the ends from the day rows,
		 * the months between from the month rows. */
		assert_int_equal(c->timed, fixture_int("SELECT COUNT(*) FROM "
		    "requests WHERE department = 'general' AND status = "
		    "'completed' AND " LOCAL("closed_at") " BETWEEN '%s' AND "
		    "'%s'", from, to));
	}
	/* Whole months only (the first day of one to the last of another,
	 * before today), every department; and from the middle of a month
	 * to today. */
	{
		char from[11], to[11], today[11];
		const char *ranges[2][2] = { { from, to }, { from, today } };

		fixture_text(from, sizeof(from), "SELECT DATE_FORMAT(CURRENT_DATE "
		    "- INTERVAL 5 MONTH, '%%Y-%%m-01')");
		fixture_text(to, sizeof(to), "SELECT LAST_DAY(CURRENT_DATE - "
		    "INTERVAL 2 MONTH)");
		lt_today_iso(today);
		for (int i = 0; i < 2; i++) {
			const struct stats_counts *c;

			dashboard(ranges[i][0], ranges[i][1], NULL, &d);
			c = &d.rows[SG_TOTAL][0].c;
			assert_true(c->submitted > 0);
			assert_int_equal(c->submitted, fixture_int("SELECT "
			    "COUNT(*) FROM requests WHERE " LOCAL("submitted_at")
			    " BETWEEN '%s' AND '%s'", ranges[i][0],
			    ranges[i][1]));
			assert_int_equal(c->timed, fixture_int("SELECT COUNT(*) "
			    "FROM requests WHERE status = 'completed' AND "
			    LOCAL("closed_at") " BETWEEN '%s' AND '%s'",
			    ranges[i][0], ranges[i][1]));
			assert_int_equal(c->rating_n, fixture_int("SELECT "
			    "COUNT(*) FROM request_ratings WHERE "
			    LOCAL("created_at") " BETWEEN '%s' AND '%s'",
			    ranges[i][0], ranges[i][1]));
			/* The middle of a month, for the second. */
			fixture_text(from, sizeof(from), "SELECT CURRENT_DATE - "
			    "INTERVAL 75 DAY");
		}
	}
}

/* The summaries as a checksum of their rows, the slots of a row added up
 * (a rebuild writes slot 0 only; open rows that went to zero are
 * nothing). */
static long long
summary_sum(void)
{
	return fixture_int("SELECT (SELECT COALESCE(SUM(CRC32(CONCAT_WS('|', "
	    "day, department, service, channel, a, b, c, d, e, f, g, h, i, "
	    "j))), 0) FROM (SELECT day, department, service, channel, "
	    "SUM(submitted) a, SUM(completed) b, SUM(rejected) c, "
	    "SUM(withdrawn) d, SUM(sla_kept) e, SUM(sla_missed) f, "
	    "SUM(cert_auto) g, SUM(cert_clerk) h, SUM(rating_n) i, "
	    "SUM(rating_sum) j FROM stats_day GROUP BY day, department, "
	    "service, channel) t) + (SELECT COALESCE(SUM(CRC32(CONCAT_WS('|', "
	    "day, department, service, bucket, n))), 0) FROM (SELECT day, "
	    "department, service, bucket, SUM(n) n FROM stats_duration GROUP "
	    "BY day, department, service, bucket) u) + (SELECT "
	    "COALESCE(SUM(CRC32(CONCAT_WS('|', department, service, due_date, "
	    "awaiting, n))), 0) FROM (SELECT department, service, due_date, "
	    "awaiting, SUM(n) n FROM stats_open GROUP BY department, service, "
	    "due_date, awaiting HAVING SUM(n) <> 0) v) + (SELECT "
	    "COALESCE(SUM(CRC32(CONCAT_WS('|', month, department, service, "
	    "channel, a, b, c, d, e, f, g, h, i, j))), 0) FROM (SELECT month, "
	    "department, service, channel, SUM(submitted) a, SUM(completed) "
	    "b, SUM(rejected) c, SUM(withdrawn) d, SUM(sla_kept) e, "
	    "SUM(sla_missed) f, SUM(cert_auto) g, SUM(cert_clerk) h, "
	    "SUM(rating_n) i, SUM(rating_sum) j FROM stats_month GROUP BY "
	    "month, department, service, channel) w) + (SELECT "
	    "COALESCE(SUM(CRC32(CONCAT_WS('|', month, department, service, "
	    "bucket, n))), 0) FROM (SELECT month, department, service, bucket, "
	    "SUM(n) n FROM stats_duration_month GROUP BY month, department, "
	    "service, bucket) x)");
}

/* Real submissions and moves keep the summaries as a rebuild makes them;
 * a submission rolled back counts nothing. Twelve submissions in a row
 * share slots (id % 8): the later ones, and closures, add to rows already
 * there, the first ones make them. */
static void
test_kept_in_the_transaction(void **state)
{
	long long me = fixture_person(NULL), before, kept;
	const struct service *sv = services_find("general-request");
	struct draft_value v[] = { { "subject", "Στατιστικά" }, { "message",
	    "Μια αίτηση για να μετρηθεί στον πίνακα στόχων." }, { "phone",
	    "2322022222" } };
	struct draft dr = { v, 3, NULL, NULL, NULL, NULL };
	long long id[12];
	struct request r;

	(void)state;
	before = fixture_int("SELECT COALESCE(SUM(submitted), 0) FROM "
	    "stats_day");
	for (int i = 0; i < 12; i++) {
		id[i] = 0;
		assert_int_equal(request_save_draft(fixture_req(me), sv, &dr,
		    me, &id[i]), DM_OK);
		assert_int_equal(request_submit(fixture_req(me), id[i], i == 3 ?
		    "phone" : "web", 0, NULL, NULL, NULL), DM_OK);
	}
	/* A second press is no second request. */
	assert_int_equal(request_submit(fixture_req(me), id[0], "web", 0,
	    NULL, NULL, NULL), DM_ECONFLICT);
	assert_int_equal(fixture_int("SELECT COALESCE(SUM(submitted), 0) FROM "
	    "stats_day"), before + 12);
	assert_int_equal(fixture_int("SELECT COALESCE(SUM(submitted), 0) FROM "
	    "stats_month"), before + 12);
	/* Two completed in the same slot (ids 8 apart): the second adds to
	 * the day's, month's and duration's rows the first made. */
	for (int i = 4; i < 12; i++)
		if ((id[i] - id[0]) % 8 == 0) {
			assert_int_equal(request_load(fixture_req(me), id[i],
			    0, NULL, &r), DM_OK);
			assert_int_equal(request_transition(fixture_req(me), &r,
			    RS_COMPLETED, "completed", "ok", NULL), DM_OK);
		}
	/* Completed, rejected, awaiting and back, withdrawn. */
	assert_int_equal(request_load(fixture_req(me), id[0], 0, NULL, &r),
	    DM_OK);
	assert_int_equal(request_transition(fixture_req(me), &r, RS_COMPLETED,
	    "completed", "ok", NULL), DM_OK);
	assert_int_equal(request_load(fixture_req(me), id[1], 0, NULL, &r),
	    DM_OK);
	assert_int_equal(request_transition(fixture_req(me), &r, RS_REJECTED,
	    "rejected", "όχι", NULL), DM_OK);
	assert_int_equal(request_load(fixture_req(me), id[2], 0, NULL, &r),
	    DM_OK);
	assert_int_equal(request_transition(fixture_req(me), &r, RS_AWAITING,
	    "asked", ";", NULL), DM_OK);
	assert_int_equal(request_load(fixture_req(me), id[2], 0, NULL, &r),
	    DM_OK);
	assert_int_equal(request_transition(fixture_req(me), &r,
	    RS_IN_PROGRESS, "answered", NULL, NULL), DM_OK);
	assert_int_equal(request_load(fixture_req(me), id[3], 0, NULL, &r),
	    DM_OK);
	assert_int_equal(request_withdraw(fixture_req(me), &r), DM_OK);
	/* Rated once, by its applicant, when completed. */
	assert_int_equal(rating_give(fixture_req(me), id[0], me, 6, NULL),
	    DM_EINPUT);
	assert_int_equal(rating_give(fixture_req(me), id[0], me + 1000000, 4,
	    NULL), DM_ENOTFOUND);
	assert_int_equal(rating_give(fixture_req(me), id[2], me, 4, NULL),
	    DM_EDENIED);
	before = fixture_int("SELECT COALESCE(SUM(rating_sum), 0) FROM "
	    "stats_day");
	assert_int_equal(rating_give(fixture_req(me), id[0], me, 4,
	    "Γρήγορα και ευγενικά."), DM_OK);
	assert_int_equal(rating_give(fixture_req(me), id[0], me, 1, NULL),
	    DM_ECONFLICT);
	assert_int_equal(fixture_int("SELECT COALESCE(SUM(rating_sum), 0) "
	    "FROM stats_day"), before + 4);
	kept = summary_sum();
	assert_int_equal(stats_rebuild(fixture_admin_db(), NULL), DM_OK);
	assert_int_equal(summary_sum(), kept);
}

/* How long the dashboard's figures take: all of them, a year, all
 * departments (printed for the bench; never asserted). */
static void
test_dashboard_time(void **state)
{
	struct stats_dashboard d;
	struct timespec a, b;
	char from[11], to[11];
	const int rounds = 20;
	double ms;

	(void)state;
	fixture_text(from, sizeof(from), "SELECT CURRENT_DATE - INTERVAL 1 "
	    "YEAR");
	lt_today_iso(to);
	dashboard(from, to, NULL, &d);	/* warm */
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (int i = 0; i < rounds; i++)
		dashboard(from, to, NULL, &d);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = ((double)(b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) /
	    1e6) / rounds;
	fprintf(stderr, "# stats_dashboard over %lld requests: %.2f ms "
	    "(mean of %d; %zu months, %zu services, %lld summary rows)\n",
	    nreq, ms, rounds, d.n[SG_MONTH], d.n[SG_SERVICE],
	    fixture_int("SELECT COUNT(*) FROM stats_day"));
	assert_true(d.rows[SG_TOTAL][0].c.submitted > 0);
}

/* The histogram's buckets: hours, then days, then a year or more. */
static void
test_buckets(void **state)
{
	long long h[STATS_BUCKETS] = { 0 }, lo, hi;

	(void)state;
	assert_int_equal(stats_bucket_of(0), 0);
	assert_int_equal(stats_bucket_of(3599), 0);
	assert_int_equal(stats_bucket_of(3600), 1);
	assert_int_equal(stats_bucket_of(259199), 71);
	assert_int_equal(stats_bucket_of(259200), 72);
	assert_int_equal(stats_bucket_of(4 * 86400), 73);
	assert_int_equal(stats_bucket_of(10000 * 86400LL), STATS_BUCKETS - 1);
	for (int b = 0; b < STATS_BUCKETS - 1; b++) {
		assert_int_equal(stats_bucket_of(stats_bucket_lower(b)), b);
		assert_int_equal(stats_bucket_of(stats_bucket_upper(b) - 1), b);
	}
	assert_int_equal(stats_bucket_upper(STATS_BUCKETS - 1), -1);
	stats_percentile(h, 0, 50, &lo, &hi);
	assert_int_equal(lo, -1);
	h[2] = 1;
	h[80] = 9;
	stats_percentile(h, 10, 10, &lo, &hi);
	assert_int_equal(lo, 7200);
	stats_percentile(h, 10, 11, &lo, &hi);
	assert_int_equal(lo, stats_bucket_lower(80));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_services_equal_direct_counts),
		cmocka_unit_test(test_months_and_ranges_are_local),
		cmocka_unit_test(test_dashboard_time),
		cmocka_unit_test(test_kept_in_the_transaction),
	};

	return cmocka_run_group_tests(tests, setup, fixture_teardown);
}
