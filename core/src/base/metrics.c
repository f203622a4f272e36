/*
 * metrics.c - shared counters (metrics.h).
 * One anonymous MAP_SHARED mapping, made by the master and inherited by
 * every worker it forks: counters are atomics in it. Requests are counted
 * in a small open-addressed table keyed by (route pattern, status): route
 * patterns are few (the route table's, at most a few hundred), so its
 * size is bounded; a full table counts into one "other" row. A slot is
 * claimed by compare-and-swap (empty -> writing -> ready), so no lock is
 * ever held: a worker killed at any instant leaves nothing stuck.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "arena.h"
#include "metrics.h"

#define ROUTE_SLOTS	1024
#define ROUTE_LEN	120
#define NBUCKETS	12

enum { SLOT_EMPTY, SLOT_WRITING, SLOT_READY };

struct route_slot {
	uint32_t		 state;
	int32_t			 status;
	char			 route[ROUTE_LEN];
	uint64_t		 count;
};

struct shared {
	uint64_t		 counters[M__MAX];
	uint64_t		 buckets[NBUCKETS];	/* not cumulative */
	uint64_t		 sum_us;
	uint64_t		 count;
	uint64_t		 other;		/* requests the table had no
						   room for */
	struct route_slot	 routes[ROUTE_SLOTS];
};

/* Upper bounds of the latency buckets, in milliseconds; the last: +Inf. */
static const double bounds_ms[NBUCKETS - 1] = { 5, 10, 25, 50, 100, 250,
	500, 1000, 2500, 5000, 10000 };
static const char *const bounds_s[NBUCKETS] = { "0.005", "0.01", "0.025",
	"0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf" };

static struct shared *sh;

/* The plain counters as they are written; rows of one name follow each
 * other, the first one with its help. */
static const struct counter_def {
	const char	*name;
	const char	*labels;
	enum metric	 m;
	const char	*help;
} counters[] = {
	{ "dimos_worker_restarts_total", "{reason=\"crash\"}",
	    M_WORKER_CRASHES, "Workers started again: after a crash, or "
	    "recycled after server.max_requests." },
	{ "dimos_worker_restarts_total", "{reason=\"recycle\"}",
	    M_WORKER_RECYCLES, NULL },
	{ "dimos_db_errors_total", "{kind=\"query\"}", M_DB_QUERY_ERRORS,
	    "Database errors: statements refused, connections failed or "
	    "lost." },
	{ "dimos_db_errors_total", "{kind=\"connection\"}", M_DB_CONN_ERRORS,
	    NULL },
	{ "dimos_db_retries_total", "", M_DB_RETRIES, "Transactions run "
	    "again after a deadlock or a lost connection." },
	{ "dimos_submissions_total", "{channel=\"web\"}", M_SUBMIT_WEB,
	    "Requests submitted, by channel." },
	{ "dimos_submissions_total", "{channel=\"counter\"}",
	    M_SUBMIT_COUNTER, NULL },
	{ "dimos_submissions_total", "{channel=\"phone\"}", M_SUBMIT_PHONE,
	    NULL },
	{ "dimos_submissions_total", "{channel=\"mail\"}", M_SUBMIT_MAIL,
	    NULL },
	{ "dimos_certificates_issued_total", "{by=\"auto\"}", M_CERT_AUTO,
	    "Certificates issued: at once from the registry, or by a "
	    "clerk." },
	{ "dimos_certificates_issued_total", "{by=\"clerk\"}", M_CERT_CLERK,
	    NULL },
};

int
metrics_init(void)
{
	void *p;

	if (sh != NULL)
		return 0;
	p = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	sh = p;		/* zero-filled */
	return 0;
}

static void
bump(uint64_t *c, uint64_t n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

static uint64_t
load(const uint64_t *c)
{
	return __atomic_load_n(c, __ATOMIC_RELAXED);
}

void
metrics_add(enum metric m, unsigned long long n)
{
	if (sh != NULL && (unsigned)m < M__MAX)
		bump(&sh->counters[m], n);
}

void
metrics_submission(const char *channel)
{
	static const char *const names[] = { "web", "counter", "phone",
	    "mail" };

	for (size_t i = 0; channel != NULL && i < 4; i++)
		if (strcmp(channel, names[i]) == 0)
			metrics_add((enum metric)(M_SUBMIT_WEB + (int)i), 1);
}

static uint64_t
hash(const char *s, int status)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)status;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot of (route, status), claimed if new; NULL when full. */
static struct route_slot *
slot_of(const char *route, int status)
{
	size_t start = (size_t)(hash(route, status) % ROUTE_SLOTS);

	for (size_t k = 0; k < ROUTE_SLOTS; k++) {
		struct route_slot *s = &sh->routes[(start + k) % ROUTE_SLOTS];
		uint32_t st = __atomic_load_n(&s->state, __ATOMIC_ACQUIRE);
		uint32_t empty = SLOT_EMPTY;

		if (st == SLOT_EMPTY && __atomic_compare_exchange_n(&s->state,
		    &empty, SLOT_WRITING, 0, __ATOMIC_ACQ_REL,
		    __ATOMIC_ACQUIRE)) {
			s->status = status;
			strncpy(s->route, route, ROUTE_LEN - 1);
			__atomic_store_n(&s->state, SLOT_READY,
			    __ATOMIC_RELEASE);
			return s;
		}
		/* Being written by another worker this instant: the next
		 * slot (the row may then appear twice; the sums stay right). */
		st = __atomic_load_n(&s->state, __ATOMIC_ACQUIRE);
		if (st == SLOT_READY && s->status == status &&
		    strncmp(s->route, route, ROUTE_LEN - 1) == 0)
			return s;
	}
	return NULL;
}

void
metrics_request(const char *route, int status, double ms)
{
	struct route_slot *s;
	size_t b = 0;

	if (sh == NULL)
		return;
	s = slot_of(route != NULL ? route : "", status);
	if (s != NULL)
		bump(&s->count, 1);
	else
		bump(&sh->other, 1);
	while (b < NBUCKETS - 1 && ms > bounds_ms[b])
		b++;
	bump(&sh->buckets[b], 1);
	bump(&sh->sum_us, ms > 0 ? (uint64_t)(ms * 1000) : 0);
	bump(&sh->count, 1);
}

/* Appends to the text in v (arena). */
static void __attribute__((format(printf, 3, 4)))
out(struct arena *a, struct arena_vec *v, const char *fmt, ...)
{
	va_list ap;
	char *s;
	size_t n;

	va_start(ap, fmt);
	s = arena_vprintf(a, fmt, ap);
	va_end(ap);
	n = strlen(s);
	/* A vector of bytes: pushed one size at a time. */
	for (size_t i = 0; i < n; i++)
		*(char *)arena_push(a, v, 1) = s[i];
}

static void
head(struct arena *a, struct arena_vec *v, const char *name,
    const char *type, const char *help)
{
	out(a, v, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/* A label value: the route patterns' characters, '"' and '\' escaped. */
static const char *
label(struct arena *a, const char *s)
{
	char *o = arena_alloc(a, 2 * strlen(s) + 1), *p = o;

	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			*p++ = '\\';
		*p++ = (*s == '\n') ? ' ' : *s;
	}
	*p = '\0';
	return o;
}

const char *
metrics_text(struct arena *a, long long outbox_backlog, long long outbox_age)
{
	struct arena_vec v = { NULL, 0, 0 };
	uint64_t cum = 0;

	if (sh == NULL) {
		out(a, &v, "# dimos: counters are kept by dimosd's master\n");
		goto end;
	}
	head(a, &v, "dimos_http_requests_total", "counter",
	    "Requests answered, by route pattern (\"\": none matched) and "
	    "status.");
	for (size_t i = 0; i < ROUTE_SLOTS; i++) {
		const struct route_slot *s = &sh->routes[i];

		if (__atomic_load_n(&s->state, __ATOMIC_ACQUIRE) != SLOT_READY)
			continue;
		out(a, &v, "dimos_http_requests_total{route=\"%s\",status=\"%d\"}"
		    " %llu\n", label(a, s->route), s->status,
		    (unsigned long long)load(&s->count));
	}
	out(a, &v, "dimos_http_requests_total{route=\"other\",status=\"\"} "
	    "%llu\n", (unsigned long long)load(&sh->other));
	head(a, &v, "dimos_http_request_duration_seconds", "histogram",
	    "Time from a request's arrival at a worker to its answer.");
	for (size_t b = 0; b < NBUCKETS; b++) {
		cum += load(&sh->buckets[b]);
		out(a, &v, "dimos_http_request_duration_seconds_bucket{le=\"%s\"}"
		    " %llu\n", bounds_s[b], (unsigned long long)cum);
	}
	out(a, &v, "dimos_http_request_duration_seconds_sum %.6f\n",
	    (double)load(&sh->sum_us) / 1e6);
	out(a, &v, "dimos_http_request_duration_seconds_count %llu\n",
	    (unsigned long long)load(&sh->count));
	for (size_t i = 0; i < sizeof(counters) / sizeof(counters[0]); i++) {
		const struct counter_def *c = &counters[i];

		if (i == 0 || strcmp(c->name, counters[i - 1].name) != 0)
			head(a, &v, c->name, "counter", c->help);
		out(a, &v, "%s%s %llu\n", c->name, c->labels,
		    (unsigned long long)load(&sh->counters[c->m]));
	}
end:
	if (outbox_backlog >= 0) {
		head(a, &v, "dimos_outbox_backlog", "gauge",
		    "E-mail waiting to be delivered (pending or sending).");
		out(a, &v, "dimos_outbox_backlog %lld\n", outbox_backlog);
		head(a, &v, "dimos_outbox_oldest_age_seconds", "gauge",
		    "Age of the oldest e-mail waiting (0: none).");
		out(a, &v, "dimos_outbox_oldest_age_seconds %lld\n",
		    outbox_age);
	}
	*(char *)arena_push(a, &v, 1) = '\0';
	return v.v;
}
