/*
 * testhost.c - the host a plugin's unit tests run their hooks against
 * (dimos/testhost.h). Everything request-shaped is faked in memory and
 * recorded for the test; the clock and calendar are the core's own
 * (calendar.c); the database is the core's own db.c on the test stack's
 * MariaDB, in a scratch database with the migrations applied.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dimos/testhost.h"

#include "arena.h"
#include "calendar.h"
#include "config.h"
#include "db.h"
#include "host_table.h"
#include "log.h"
#include "migrate.h"
#include "validate.h"

#define FAIL(...)	do {						\
	fprintf(stderr, "testhost: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

struct kv {
	const char	*key;
	const char	*value;
	struct kv	*next;
};

/* One field of a fake form: its value, the plugin's message, map point. */
struct ffield {
	const char	*name;
	const char	*value;
	const char	*error_el;
	const char	*error_en;
	int		 has_point;
	double		 lat, lon;
	struct ffield	*next;
};

struct tupload {
	struct dm_upload pub;		/* first: what the plugin sees */
	unsigned	 magic;
	struct dm_form	*form;
	const void	*data;
	struct tupload	*next;
};

#define UPLOAD_MAGIC	0x74757064u
#define FORM_MAGIC	0x74666f72u
#define REQUEST_MAGIC	0x74726571u
#define CTX_MAGIC	0x74637478u

struct dm_form {
	unsigned	 magic;
	struct dm_req	*req;
	struct ffield	*fields;
	struct tupload	*uploads;
};

/* The places (dm_test_zone, dm_test_settlement), until dm_test_end. */
#define PLACES_MAX	64

static struct dm_zone zones[PLACES_MAX];
static size_t nzones;
static struct dm_settlement settlements[PLACES_MAX];
static size_t nsettlements;

struct trequest {
	struct dm_request pub;		/* first: what the plugin sees */
	unsigned	 magic;
	struct kv	*values;
	struct trequest	*next;		/* the request's others */
	const char	*answer_el, *answer_en;	/* request_answer's */
};

struct dm_choices {
	struct dm_req	*req;
	struct kv	*list;		/* newest first */
	size_t		 n;
};

struct dm_req {
	struct arena		 arena;
	const char		*lang;
	const char		*method;
	struct dm_user		*user;
	struct kv		*staff;
	struct kv		*args, *query, *post;
	struct dm_test_node	*page;
	const char		*view;
	int			 status;
	const char		*type;
	const char		*body;
	size_t			 len;
	const char		*location;
	struct trequest		*requests;	/* dm_test_request's */
	const char		*refusal;
};

struct dm_plugin_ctx {
	unsigned	 magic;
	char		 name[64];
};

static struct dm_req *cur;
static struct dm_plugin_ctx ctx = { CTX_MAGIC, "" };
static struct kv *config;
static char **logs;
static size_t nlogs;
static char **calls;		/* the host calls a test can check */
static size_t ncalls;
static long long next_mail_id = 1000;
static dm_status act_status = DM_OK;
static char fixed_now[DM_DATETIME_SIZE];
static int extra_days[128];
static struct cal calendar = { extra_days, 0 };

static struct config stack_cfg;		/* the test stack's (DIMOS_CONFIG) */
static struct config scratch_cfg;	/* the same, our database */
static char scratch_name[64];
static struct db *db, *admin;
static int db_fail;

/* Memory ----------------------------------------------------------------- */

static struct arena *
A(struct dm_req *req)
{
	if (req == NULL)
		req = cur;
	if (req == NULL)
		FAIL("no request: call dm_test_req() first");
	return &req->arena;
}

static const char *
sdup(struct dm_req *req, const char *s)
{
	return s ? arena_strdup(A(req), s) : NULL;
}

static void
kv_set(struct dm_req *req, struct kv **list, const char *k, const char *v)
{
	struct kv *e = arena_zalloc(A(req), sizeof(*e));

	e->key = sdup(req, k);
	e->value = sdup(req, v);
	e->next = *list;
	*list = e;
}

static const char *
kv_find(const struct kv *l, const char *k)
{
	for (; l != NULL && k != NULL; l = l->next)
		if (strcmp(l->key, k) == 0)
			return l->value;
	return NULL;
}

/* The host ---------------------------------------------------------------- */

static const struct dm_plugin_ctx *
check_ctx(const struct dm_plugin_ctx *c, const char *fn)
{
	if (c != &ctx) {
		char line[160];

		snprintf(line, sizeof(line), "error: host->%s with a context "
		    "the host did not give (refused)", fn);
		logs = realloc(logs, (nlogs + 1) * sizeof(*logs));
		logs[nlogs++] = strdup(line);
		return NULL;
	}
	return c;
}

static void h_log(struct dm_plugin_ctx *, enum dm_log_level, const char *,
    ...) __attribute__((format(printf, 3, 4)));

static void
h_log(struct dm_plugin_ctx *c, enum dm_log_level level, const char *fmt, ...)
{
	static const char *const names[DM_LOG__MAX] = { "error", "warn",
	    "info", "debug" };
	char msg[1024], line[1100];
	va_list ap;

	if (check_ctx(c, "log") == NULL || (unsigned)level >= DM_LOG__MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(line, sizeof(line), "%s: %s", names[level], msg);
	logs = realloc(logs, (nlogs + 1) * sizeof(*logs));
	if (logs == NULL || (logs[nlogs] = strdup(line)) == NULL)
		abort();
	nlogs++;
}

static const char *
h_config_get(struct dm_plugin_ctx *c, const char *key)
{
	if (check_ctx(c, "config_get") == NULL)
		return NULL;
	return kv_find(config, key);
}

static void *
h_alloc(struct dm_req *req, size_t size)
{
	return arena_zalloc(A(req), size);
}

static char *
h_astrdup(struct dm_req *req, const char *s)
{
	return arena_strdup(A(req), s);
}

static char *h_aprintf(struct dm_req *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

static char *
h_aprintf(struct dm_req *req, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = arena_vprintf(A(req), fmt, ap);
	va_end(ap);
	return s;
}

static const char *
h_req_method(struct dm_req *req)
{
	return req->method;
}

static const char *
h_req_path(struct dm_req *req)
{
	(void)req;
	return "/";
}

static const char *
h_req_arg(struct dm_req *req, const char *name)
{
	return kv_find(req->args, name);
}

static const char *
h_req_query(struct dm_req *req, const char *name)
{
	return kv_find(req->query, name);
}

static const char *
h_req_form(struct dm_req *req, const char *name)
{
	return kv_find(req->post, name);
}

static const char *
h_req_lang(struct dm_req *req)
{
	return req->lang;
}

static struct dm_test_node *
node_new(struct dm_req *req, const char *name, const char *text)
{
	struct dm_test_node *n = arena_zalloc(A(req), sizeof(*n));

	n->name = sdup(req, name);
	n->text = sdup(req, text);
	return n;
}

static struct dm_node *
h_page_begin(struct dm_req *req, const char *view, const char *title)
{
	(void)title;
	if (req->page != NULL)
		FAIL("page_begin called twice in one request");
	req->view = arena_printf(A(req), "%s-%s", ctx.name, view);
	req->page = node_new(req, "content", NULL);
	return (struct dm_node *)req->page;
}

static struct dm_node *
h_node_add(struct dm_node *parent, const char *name, const char *text)
{
	struct dm_test_node *p = (struct dm_test_node *)parent;
	struct dm_test_node *n;

	if (p == NULL || name == NULL)
		FAIL("node_add without a parent or a name");
	n = node_new(cur, name, text);
	if (p->last != NULL)
		p->last->next = n;
	else
		p->kids = n;
	p->last = n;
	return (struct dm_node *)n;
}

static void
h_node_attr(struct dm_node *node, const char *name, const char *value)
{
	struct dm_test_node *n = (struct dm_test_node *)node;
	struct dm_test_attr *a, **tail;

	if (value == NULL)
		return;		/* as the core: a NULL value sets nothing */
	a = arena_zalloc(A(cur), sizeof(*a));
	a->name = sdup(cur, name);
	a->value = sdup(cur, value);
	for (tail = &n->attrs; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = a;
}

static void
h_node_attr_int(struct dm_node *node, const char *name, long long value)
{
	char b[32];

	snprintf(b, sizeof(b), "%lld", value);
	h_node_attr(node, name, b);
}

static void
h_redirect(struct dm_req *req, const char *location)
{
	req->status = 303;
	req->location = sdup(req, location);
}

static void
h_send(struct dm_req *req, int status, const char *content_type,
    const void *body, size_t len)
{
	char *b = arena_alloc(A(req), len + 1);

	memcpy(b, body, len);
	b[len] = '\0';
	req->status = status;
	req->type = sdup(req, content_type);
	req->body = b;
	req->len = len;
}

static struct db *
the_db(void)
{
	if (db_fail)
		return NULL;
	if (db == NULL)
		fprintf(stderr, "testhost: a database call without a database "
		    "(call dm_test_db_open first)\n");
	return db;
}

static dm_status
h_db_query(struct dm_req *req, const char *sql, const struct dm_value *p,
    size_t n, dm_row_fn fn, void *arg)
{
	struct db *d = the_db();

	(void)req;
	return d ? db_query(d, sql, p, n, fn, arg) : DM_EINTERNAL;
}

static dm_status
h_db_exec(struct dm_req *req, const char *sql, const struct dm_value *p,
    size_t n, uint64_t *affected, uint64_t *insert_id)
{
	struct db *d = the_db();

	(void)req;
	return d ? db_exec(d, sql, p, n, affected, insert_id) : DM_EINTERNAL;
}

static dm_status
h_db_tx(struct dm_req *req, dm_tx_fn fn, void *arg)
{
	struct db *d = the_db();

	return d ? db_tx_plugin(d, req, fn, arg) : DM_EINTERNAL;
}

static const struct dm_user *
h_req_user(struct dm_req *req)
{
	return req->user;
}

static int
h_req_is_staff(struct dm_req *req, const char *dept)
{
	return dept != NULL && kv_find(req->staff, dept) != NULL;
}

static struct dm_form *
form_of(struct dm_form *form)
{
	if (form == NULL || form->magic != FORM_MAGIC)
		FAIL("a form call with something that is not a form");
	return form;
}

static struct ffield *
field_of(struct dm_form *form, const char *name, int create)
{
	struct ffield *f;

	for (f = form_of(form)->fields; f != NULL; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	if (!create)
		return NULL;
	f = arena_zalloc(A(form->req), sizeof(*f));
	f->name = sdup(form->req, name);
	f->next = form->fields;
	form->fields = f;
	return f;
}

static const char *
h_form_value(struct dm_form *form, const char *field)
{
	struct ffield *f = field ? field_of(form, field, 0) : NULL;

	return f ? f->value : NULL;
}

/* As the core: the first message about a field stands. */
static void
h_form_error(struct dm_form *form, const char *field, const char *el,
    const char *en)
{
	struct ffield *f;

	if (field == NULL || el == NULL)
		FAIL("form_error needs a field and a Greek message");
	f = field_of(form, field, 1);
	if (f->error_el != NULL)
		return;
	f->error_el = sdup(form->req, el);
	f->error_en = sdup(form->req, en ? en : el);
}

static struct trequest *
request_of(const struct dm_request *r)
{
	struct trequest *t = (struct trequest *)(uintptr_t)r;

	if (r == NULL || t->magic != REQUEST_MAGIC)
		FAIL("request_value with a request the host did not make");
	return t;
}

static const char *
h_request_value(struct dm_req *req, const struct dm_request *r,
    const char *field)
{
	(void)req;
	return kv_find(request_of(r)->values, field);
}

static const char *
h_tr(struct dm_req *req, const char *el, const char *en)
{
	return strcmp(req->lang, "en") == 0 && en != NULL ? en : el;
}

/* The clock: fixed, or the real one in the municipality's zone. */
static void
now_tm(struct tm *tm)
{
	time_t t = time(NULL);

	memset(tm, 0, sizeof(*tm));
	if (fixed_now[0] != '\0') {
		sscanf(fixed_now, "%4d-%2d-%2dT%2d:%2d:%2d", &tm->tm_year,
		    &tm->tm_mon, &tm->tm_mday, &tm->tm_hour, &tm->tm_min,
		    &tm->tm_sec);
		tm->tm_year -= 1900;
		tm->tm_mon -= 1;
		return;
	}
	setenv("TZ", "Europe/Athens", 1);
	tzset();
	localtime_r(&t, tm);
}

static void
h_today(char out[DM_DATE_SIZE])
{
	struct tm tm;

	now_tm(&tm);
	strftime(out, DM_DATE_SIZE, "%Y-%m-%d", &tm);
}

static void
h_now(char out[DM_DATETIME_SIZE])
{
	struct tm tm;

	now_tm(&tm);
	strftime(out, DM_DATETIME_SIZE, "%Y-%m-%dT%H:%M:%S", &tm);
}

static int
h_is_business_day(const char *date)
{
	int y, m, d;

	if (!val_date(date, &y, &m, &d))
		return -1;
	return cal_is_business_day(&calendar, y, m, d);
}

static dm_status
h_add_business_days(const char *date, unsigned n, char out[DM_DATE_SIZE])
{
	int y, m, d, oy, om, od;

	if (!val_date(date, &y, &m, &d))
		return DM_EINPUT;
	cal_add_business_days(&calendar, y, m, d, n, &oy, &om, &od);
	snprintf(out, DM_DATE_SIZE, "%04d-%02d-%02d", oy, om, od);
	return DM_OK;
}

static size_t
h_upload_count(struct dm_form *form, const char *field)
{
	size_t n = 0;

	for (struct tupload *u = form_of(form)->uploads; u; u = u->next)
		n += field != NULL && strcmp(u->pub.field, field) == 0;
	return n;
}

static const struct dm_upload *
h_upload_at(struct dm_form *form, const char *field, size_t i)
{
	for (struct tupload *u = form_of(form)->uploads; u; u = u->next)
		if (field != NULL && strcmp(u->pub.field, field) == 0 &&
		    i-- == 0)
			return &u->pub;
	return NULL;
}

static dm_status
h_upload_read(struct dm_form *form, const struct dm_upload *up,
    const void **data, size_t *len)
{
	const struct tupload *u = (const struct tupload *)up;

	*data = NULL;
	*len = 0;
	if (up == NULL || u->magic != UPLOAD_MAGIC || u->form != form)
		return DM_EINPUT;
	*data = u->data;
	*len = u->pub.size;
	return DM_OK;
}

static int
h_field_has_error(struct dm_form *form, const char *field)
{
	struct ffield *f = field ? field_of(form, field, 0) : NULL;

	return f != NULL && f->error_el != NULL;
}

static int
h_form_location(struct dm_form *form, const char *field, double *lat,
    double *lon)
{
	struct ffield *f = field ? field_of(form, field, 0) : NULL;

	if (f == NULL || !f->has_point)
		return 0;
	if (lat != NULL)
		*lat = f->lat;
	if (lon != NULL)
		*lon = f->lon;
	return 1;
}

/* A department's own work: recorded for the test to check -------------- */

static void record(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
record(const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	calls = realloc(calls, (ncalls + 1) * sizeof(*calls));
	if (calls == NULL || (calls[ncalls] = strdup(line)) == NULL)
		abort();
	ncalls++;
}

static const struct dm_request *
h_request_get(struct dm_req *req, long long id)
{
	if (req == NULL)
		req = cur;
	for (struct trequest *t = req ? req->requests : NULL; t; t = t->next)
		if (t->pub.id == id && t->pub.status != DM_REQ_DRAFT)
			return &t->pub;
	return NULL;
}

static dm_status
h_request_act(struct dm_req *req, long long id, const char *action,
    const char *text)
{
	(void)req;
	if (action == NULL || (strcmp(action, "start") != 0 &&
	    strcmp(action, "complete") != 0))
		return DM_EINPUT;
	if (strcmp(action, "complete") == 0 && (text == NULL || !text[0]))
		return DM_EINPUT;
	record("request_act %lld %s%s%s", id, action, text ? " " : "",
	    text ? text : "");
	return act_status;
}

static dm_status
h_mail_applicant(struct dm_req *req, const struct dm_request *r,
    const char *kind, const char *const *vars, const char *at,
    long long *id)
{
	char line[1800];
	size_t k;
	int y, m, d, hh, mm;

	if (r == NULL || kind == NULL || kind[0] == '\0' ||
	    (at != NULL && !val_datetime(at, &y, &m, &d, &hh, &mm)))
		return DM_EINPUT;
	(void)request_of(r);
	k = (size_t)snprintf(line, sizeof(line), "mail_applicant %lld %s at=%s",
	    r->id, kind, at ? at : "now");
	for (size_t i = 0; vars && vars[i] && vars[i + 1] && k < sizeof(line);
	    i += 2)
		k += (size_t)snprintf(line + k, sizeof(line) - k, " %s=%s",
		    vars[i], vars[i + 1]);
	(void)req;
	if (id != NULL)
		*id = next_mail_id;
	record("%s id=%lld", line, next_mail_id++);
	return DM_OK;
}

static dm_status
h_mail_cancel(struct dm_req *req, long long id)
{
	(void)req;
	record("mail_cancel %lld", id);
	return DM_OK;
}

static void
h_refuse(struct dm_req *req, const char *el, const char *en)
{
	if (el == NULL)
		FAIL("refuse needs a Greek message");
	A(req);
	if (req == NULL)
		req = cur;
	req->refusal = sdup(req, strcmp(req->lang, "en") == 0 && en ? en : el);
	record("refuse %s", req->refusal);
}

/* The sheet as text (the test reads what a PDF would say): the title,
 * then each table's title and its rows, cells joined by " | ". */
static dm_status
h_send_pdf(struct dm_req *req, const struct dm_sheet *sh)
{
	struct arena *a = A(req);
	char *out;

	if (sh == NULL || sh->title == NULL || sh->title[0] == '\0')
		return DM_EINPUT;
	out = arena_printf(a, "%s\n", sh->title);
	if (sh->subtitle)
		out = arena_printf(a, "%s%s\n", out, sh->subtitle);
	for (size_t i = 0; i < sh->nparagraphs; i++)
		out = arena_printf(a, "%s%s\n", out, sh->paragraphs[i]);
	for (size_t t = 0; t < sh->ntables; t++) {
		const struct dm_sheet_table *tb = &sh->tables[t];

		if (tb->ncolumns < 1 || tb->ncolumns > 8)
			return DM_EINPUT;
		out = arena_printf(a, "%s== %s\n", out, tb->title ? tb->title :
		    "");
		for (size_t r = 0; r <= tb->nrows; r++) {
			for (size_t c = 0; c < tb->ncolumns; c++) {
				const char *v = r == 0 ? tb->columns[c] :
				    tb->cells[(r - 1) * tb->ncolumns + c];

				out = arena_printf(a, "%s%s%s", out, c ?
				    " | " : "", v ? v : "");
			}
			out = arena_printf(a, "%s\n", out);
		}
	}
	for (size_t i = 0; i < sh->nremarks; i++)
		out = arena_printf(a, "%s%s\n", out, sh->remarks[i]);
	req->status = 200;
	req->type = "application/pdf";
	req->body = out;
	req->len = strlen(out);
	req->location = NULL;
	record("send_pdf %s", sh->filename ? sh->filename : "sheet.pdf");
	return DM_OK;
}

static const struct dm_settlement *
h_settlement_at(size_t i)
{
	return i < nsettlements ? &settlements[i] : NULL;
}

static const struct dm_zone *
h_zone_at(size_t i)
{
	return i < nzones ? &zones[i] : NULL;
}

static const struct dm_settlement *
h_form_settlement(struct dm_form *form, const char *field)
{
	char key[128];
	const char *code;

	snprintf(key, sizeof(key), "%s_settlement", field ? field : "");
	code = h_form_value(form, key);
	for (size_t i = 0; code != NULL && i < nsettlements; i++)
		if (strcmp(settlements[i].code, code) == 0)
			return &settlements[i];
	return NULL;
}

static void
h_choice_add(struct dm_choices *out, const char *value, const char *label_el,
    const char *label_en)
{
	if (out == NULL || value == NULL || value[0] == '\0' ||
	    strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789_-") !=
	    strlen(value) || strlen(value) > 64 || label_el == NULL) {
		FAIL("choice_add: no choices list, or a value not "
		    "[a-z0-9_-]{1,64}, or no label");
	}
	(void)label_en;
	kv_set(out->req, &out->list, value, label_el);
	out->n++;
}

static dm_status
h_request_answer(struct dm_plugin_ctx *c, struct dm_req *req,
    const struct dm_request *r, const char *text_el, const char *text_en)
{
	struct trequest *t = (struct trequest *)(uintptr_t)r;

	if (check_ctx(c, "request_answer") == NULL || r == NULL ||
	    t->magic != REQUEST_MAGIC || text_el == NULL)
		return DM_EINPUT;
	if (t->answer_el != NULL)
		return DM_ECONFLICT;
	t->answer_el = sdup(req, text_el);
	t->answer_en = text_en ? sdup(req, text_en) : NULL;
	return DM_OK;
}

static void
h_set_status(struct dm_req *req, int status)
{
	if (req != NULL)
		req->status = status;
}

/* Fees: the test host has no department collecting them (a plugin takes
 * its clerk's way, as without finance). */
static dm_status
h_fee_raise(struct dm_plugin_ctx *c, struct dm_req *req,
    const struct dm_request *r, long long amount, const char *el,
    const char *en, struct dm_fee *out)
{
	(void)req, (void)en;
	if (check_ctx(c, "fee_raise") == NULL || r == NULL || out == NULL ||
	    amount <= 0 || el == NULL)
		return DM_EINPUT;
	return DM_ENOTFOUND;
}

static dm_status
h_fee_status(struct dm_plugin_ctx *c, struct dm_req *req,
    const struct dm_request *r, struct dm_fee *out)
{
	(void)req;
	if (check_ctx(c, "fee_status") == NULL || r == NULL || out == NULL)
		return DM_EINPUT;
	return DM_ENOTFOUND;
}

static dm_status
h_fee_paid(struct dm_plugin_ctx *c, struct dm_req *req, const char *plugin,
    long long request_id, const struct dm_fee *fee)
{
	(void)req, (void)plugin, (void)request_id, (void)fee;
	if (check_ctx(c, "fee_paid") == NULL)
		return DM_EINPUT;
	return DM_EDENIED;
}

static const struct dm_host host_table = HOST_TABLE_INIT;

/* The test's side ------------------------------------------------------ */

const struct dm_host *
dm_test_host(void)
{
	return &host_table;
}

struct dm_plugin_ctx *
dm_test_ctx(const char *name)
{
	snprintf(ctx.name, sizeof(ctx.name), "%s", name);
	return &ctx;
}

void
dm_test_config(const char *key, const char *value)
{
	struct kv **p = &config;

	while (*p != NULL && strcmp((*p)->key, key) != 0)
		p = &(*p)->next;
	if (*p != NULL) {
		struct kv *gone = *p;

		*p = gone->next;
		free((char *)(uintptr_t)gone->key);
		free((char *)(uintptr_t)gone->value);
		free(gone);
	}
	if (value != NULL) {
		struct kv *e = calloc(1, sizeof(*e));

		if (e == NULL || (e->key = strdup(key)) == NULL ||
		    (e->value = strdup(value)) == NULL)
			abort();
		e->next = config;
		config = e;
	}
}

void
dm_test_clock(const char *now)
{
	int y, m, d, hh, mm;

	fixed_now[0] = '\0';
	if (now == NULL)
		return;
	if (!val_datetime(now, &y, &m, &d, &hh, &mm))
		FAIL("dm_test_clock: '%s' is not YYYY-MM-DDTHH:MM:SS", now);
	snprintf(fixed_now, sizeof(fixed_now), "%.19s", now);
	if (strlen(fixed_now) == 16)
		strcat(fixed_now, ":00");
}

void
dm_test_holidays(const char *days)
{
	const char *p = days;

	calendar.nextra = 0;
	while (p != NULL && *p != '\0' && calendar.nextra < 128) {
		int y, m, d;

		while (*p == ' ' || *p == ',')
			p++;
		if (sscanf(p, "%4d-%2d-%2d", &y, &m, &d) == 3)
			extra_days[calendar.nextra++] = y * 10000 + m * 100 +
			    d;
		p = strchr(p, ',');
	}
	/* calendar.c wants them sorted */
	for (size_t i = 1; i < calendar.nextra; i++)
		for (size_t j = i; j > 0 && extra_days[j - 1] >
		    extra_days[j]; j--) {
			int t = extra_days[j];

			extra_days[j] = extra_days[j - 1];
			extra_days[j - 1] = t;
		}
}

static void
req_free(void)
{
	if (cur == NULL)
		return;
	arena_free(&cur->arena);
	free(cur);
	cur = NULL;
}

struct dm_req *
dm_test_req(void)
{
	req_free();
	cur = calloc(1, sizeof(*cur));
	if (cur == NULL)
		abort();
	arena_init(&cur->arena);
	cur->lang = "el";
	cur->method = "GET";
	return cur;
}

void
dm_test_lang(struct dm_req *req, const char *lang)
{
	req->lang = strcmp(lang, "en") == 0 ? "en" : "el";
}

void
dm_test_user(struct dm_req *req, const struct dm_user *u)
{
	if (u == NULL) {
		req->user = NULL;
		return;
	}
	req->user = arena_zalloc(A(req), sizeof(*req->user));
	*req->user = *u;
}

void
dm_test_staff(struct dm_req *req, const char *dept)
{
	kv_set(req, &req->staff, dept, "1");
}

void
dm_test_arg(struct dm_req *req, const char *name, const char *value)
{
	kv_set(req, &req->args, name, value);
}

void
dm_test_query(struct dm_req *req, const char *name, const char *value)
{
	kv_set(req, &req->query, name, value);
}

void
dm_test_post(struct dm_req *req, const char *name, const char *value)
{
	kv_set(req, &req->post, name, value);
}

void
dm_test_method(struct dm_req *req, const char *method)
{
	req->method = sdup(req, method);
}

struct dm_form *
dm_test_form(struct dm_req *req)
{
	struct dm_form *f = arena_zalloc(A(req), sizeof(*f));

	f->magic = FORM_MAGIC;
	f->req = req;
	return f;
}

void
dm_test_value(struct dm_form *form, const char *field, const char *value)
{
	field_of(form, field, 1)->value = sdup(form->req, value);
}

void
dm_test_upload(struct dm_form *form, const char *field, const char *name,
    const char *type, const void *data, size_t len)
{
	struct tupload *u = arena_zalloc(A(form->req), sizeof(*u)), **tail;
	void *copy = arena_alloc(A(form->req), len + 1);

	memcpy(copy, data, len);
	u->magic = UPLOAD_MAGIC;
	u->form = form_of(form);
	u->pub.field = sdup(form->req, field);
	u->pub.name = sdup(form->req, name);
	u->pub.type = sdup(form->req, type);
	u->pub.size = len;
	u->data = copy;
	for (tail = &form->uploads; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = u;
}

void
dm_test_location(struct dm_form *form, const char *field, double lat,
    double lon)
{
	struct ffield *f = field_of(form, field, 1);

	f->has_point = 1;
	f->lat = lat;
	f->lon = lon;
}

const char *
dm_test_error(struct dm_form *form, const char *field, const char *lang)
{
	struct ffield *f = field_of(form, field, 0);

	if (f == NULL)
		return NULL;
	return lang != NULL && strcmp(lang, "en") == 0 ? f->error_en :
	    f->error_el;
}

size_t
dm_test_errors(struct dm_form *form)
{
	size_t n = 0;

	for (struct ffield *f = form_of(form)->fields; f; f = f->next)
		n += f->error_el != NULL;
	return n;
}

const struct dm_service *
dm_test_service(const struct dm_plugin *pl, const char *code)
{
	for (const struct dm_service *s = pl->services; s->code != NULL; s++)
		if (strcmp(s->code, code) == 0)
			return s;
	FAIL("no service %s", code);
}

struct dm_request *
dm_test_request(struct dm_req *req, long long id, const char *service,
    const struct dm_user *applicant)
{
	struct trequest *t = arena_zalloc(A(req), sizeof(*t));
	struct dm_user *u = arena_zalloc(A(req), sizeof(*u));

	if (applicant != NULL)
		*u = *applicant;
	t->magic = REQUEST_MAGIC;
	t->pub.id = id;
	t->pub.service = sdup(req, service);
	t->pub.protocol = arena_printf(A(req), "%lld/2026", id);
	t->pub.submitted_at = "2026-03-02 09:00:00";
	t->pub.channel = "web";
	t->pub.applicant = u;
	t->pub.status = DM_REQ_SUBMITTED;
	t->next = req->requests;
	req->requests = t;
	return &t->pub;
}

void
dm_test_request_value(struct dm_request *r, const char *field,
    const char *value)
{
	kv_set(cur, &request_of(r)->values, field, value);
}

struct dm_node *
dm_test_panel(struct dm_req *req)
{
	return (struct dm_node *)node_new(req, "panel", NULL);
}

const struct dm_test_node *
dm_test_node(const struct dm_node *n)
{
	return (const struct dm_test_node *)(const void *)n;
}

const struct dm_test_node *
dm_test_page(struct dm_req *req)
{
	return req->page;
}

const char *
dm_test_view(struct dm_req *req)
{
	return req->view;
}

const char *
dm_test_attr(const struct dm_test_node *n, const char *name)
{
	for (const struct dm_test_attr *a = n ? n->attrs : NULL; a;
	    a = a->next)
		if (strcmp(a->name, name) == 0)
			return a->value;
	return NULL;
}

const struct dm_test_node *
dm_test_child(const struct dm_test_node *n, const char *name, size_t k)
{
	for (const struct dm_test_node *c = n ? n->kids : NULL; c;
	    c = c->next)
		if ((name == NULL || strcmp(c->name, name) == 0) && k-- == 0)
			return c;
	return NULL;
}

size_t
dm_test_children(const struct dm_test_node *n, const char *name)
{
	size_t k = 0;

	for (const struct dm_test_node *c = n ? n->kids : NULL; c;
	    c = c->next)
		k += name == NULL || strcmp(c->name, name) == 0;
	return k;
}

int
dm_test_status(struct dm_req *req)
{
	return req->status;
}

const char *
dm_test_body(struct dm_req *req, size_t *len)
{
	if (len != NULL)
		*len = req->len;
	return req->body;
}

const char *
dm_test_content_type(struct dm_req *req)
{
	return req->type;
}

const char *
dm_test_redirect(struct dm_req *req)
{
	return req->location;
}

size_t
dm_test_log_count(void)
{
	return nlogs;
}

const char *
dm_test_log_line(size_t i)
{
	return i < nlogs ? logs[i] : NULL;
}

int
dm_test_logged(const char *part)
{
	for (size_t i = 0; i < nlogs; i++)
		if (strstr(logs[i], part) != NULL)
			return 1;
	return 0;
}

void
dm_test_log_clear(void)
{
	for (size_t i = 0; i < nlogs; i++)
		free(logs[i]);
	free(logs);
	logs = NULL;
	nlogs = 0;
}

static void
places_clear(void)
{
	for (size_t i = 0; i < nzones; i++) {
		free((char *)(uintptr_t)zones[i].code);
		free((char *)(uintptr_t)zones[i].name_el);
		free((char *)(uintptr_t)zones[i].name_en);
	}
	for (size_t i = 0; i < nsettlements; i++) {
		free((char *)(uintptr_t)settlements[i].code);
		free((char *)(uintptr_t)settlements[i].name_el);
		free((char *)(uintptr_t)settlements[i].name_en);
	}
	nzones = nsettlements = 0;
}

static char *
xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (d == NULL)
		abort();
	return d;
}

void
dm_test_zone(const char *code, const char *name_el, const char *name_en)
{
	if (nzones == PLACES_MAX)
		FAIL("more than %d zones", PLACES_MAX);
	zones[nzones].code = xstrdup(code);
	zones[nzones].name_el = xstrdup(name_el);
	zones[nzones].name_en = xstrdup(name_en);
	nzones++;
}

void
dm_test_settlement(const char *code, const char *name_el,
    const char *name_en, const char *zone, double lat, double lon)
{
	struct dm_settlement *s;

	if (nsettlements == PLACES_MAX)
		FAIL("more than %d settlements", PLACES_MAX);
	s = &settlements[nsettlements++];
	s->code = xstrdup(code);
	s->name_el = xstrdup(name_el);
	s->name_en = xstrdup(name_en);
	s->zone = NULL;
	for (size_t i = 0; zone != NULL && i < nzones; i++)
		if (strcmp(zones[i].code, zone) == 0)
			s->zone = &zones[i];
	if (zone != NULL && s->zone == NULL)
		FAIL("settlement %s: no zone %s (dm_test_zone first)", code,
		    zone);
	s->lat = lat;
	s->lon = lon;
}

void
dm_test_place(struct dm_form *form, const char *field, const char *settlement)
{
	char key[128];

	snprintf(key, sizeof(key), "%s_settlement", field);
	dm_test_value(form, key, settlement);
}

size_t
dm_test_call_count(void)
{
	return ncalls;
}

const char *
dm_test_call(size_t i)
{
	return i < ncalls ? calls[i] : NULL;
}

int
dm_test_called(const char *part)
{
	for (size_t i = 0; i < ncalls; i++)
		if (strstr(calls[i], part) != NULL)
			return 1;
	return 0;
}

void
dm_test_calls_clear(void)
{
	for (size_t i = 0; i < ncalls; i++)
		free(calls[i]);
	free(calls);
	calls = NULL;
	ncalls = 0;
}

void
dm_test_act_status(dm_status st)
{
	act_status = st;
}

const char *
dm_test_refusal(struct dm_req *req)
{
	return req->refusal;
}

void
dm_test_end(void)
{
	req_free();
	while (config != NULL)
		dm_test_config(config->key, NULL);
	dm_test_log_clear();
	dm_test_calls_clear();
	act_status = DM_OK;
	places_clear();
	dm_test_db_close();
}

int
dm_test_teardown(void **state)
{
	(void)state;
	dm_test_end();
	return 0;
}

/* The database ------------------------------------------------------- */

dm_status
dm_test_sql(const char *sql)
{
	char err[512];

	if (admin == NULL) {
		fprintf(stderr, "testhost: dm_test_sql without a database\n");
		return DM_EINTERNAL;
	}
	if (db_script_stmt(admin, sql, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "testhost: %s: %s\n", sql, err);
		return DM_EINTERNAL;
	}
	return DM_OK;
}

void
dm_test_db_fail(int on)
{
	db_fail = on;
}

static int
open_fail(const char *what, const char *detail)
{
	fprintf(stderr, "testhost: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	return -1;
}

dm_status
dm_test_db_open(const char *plugin)
{
	const char *conf = getenv("DIMOS_CONFIG"), *schema;
	struct migration_set set = { NULL, 0 };
	struct db *server_admin = NULL;
	char err[1024], sql[160];
	dm_status st = DM_EINTERNAL;

	if (db != NULL)
		return DM_OK;
	schema = getenv("DIMOS_PLUGIN_SCHEMA");
	if (conf == NULL) {
		open_fail("no test stack: DIMOS_CONFIG is not set (run the "
		    "test under ctest; tests/env.cmake sets it)", NULL);
		return DM_EINTERNAL;
	}
	log_set_level(DM_LOG_WARN);
	if (config_load(conf, &stack_cfg, err, sizeof(err)) != DM_OK) {
		open_fail("cannot read the test stack's configuration", err);
		return DM_EINTERNAL;
	}
	/* A database of our own, named after the plugin and the process,
	 * so that tests running at once never see each other's rows. */
	snprintf(scratch_name, sizeof(scratch_name), "dimos_test_%.24s_%ld",
	    plugin, (long)getpid());
	if (db_open(&stack_cfg, 1, &server_admin) != DM_OK) {
		open_fail("cannot connect to the test stack's MariaDB as its "
		    "admin account (is the stack running?)", NULL);
		goto out;
	}
	snprintf(sql, sizeof(sql), "CREATE DATABASE `%s` CHARACTER SET "
	    "utf8mb4 COLLATE utf8mb4_unicode_ci", scratch_name);
	if (db_script_stmt(server_admin, sql, err, sizeof(err)) != DM_OK) {
		open_fail("cannot create the test database (packaging/"
		    "run-local grants dimos_test_% to the admin account)",
		    err);
		goto out;
	}
	scratch_cfg = stack_cfg;
	scratch_cfg.db_name = scratch_name;
	if (db_open(&scratch_cfg, 1, &admin) != DM_OK) {
		open_fail("cannot open the test database", scratch_name);
		goto out;
	}
	if (migrate_scan(stack_cfg.schema_dir, "core", &set, err,
	    sizeof(err)) != DM_OK || (schema != NULL && migrate_scan(schema,
	    plugin, &set, err, sizeof(err)) != DM_OK)) {
		open_fail("cannot read the migrations", err);
		goto out;
	}
	{
		FILE *devnull = fopen("/dev/null", "w");

		st = migrate_run(admin, &set, MIGRATE_APPLY, devnull, err,
		    sizeof(err));
		if (devnull != NULL)
			fclose(devnull);
	}
	if (st != DM_OK) {
		open_fail("the migrations failed", err);
		goto out;
	}
	if ((st = db_open(&scratch_cfg, 0, &db)) != DM_OK)
		open_fail("cannot open the test database as the server's "
		    "account", scratch_name);
out:
	migrate_set_free(&set);
	db_close(server_admin);
	if (st != DM_OK)
		dm_test_db_close();
	return st;
}

void
dm_test_db_close(void)
{
	struct db *server_admin = NULL;
	char sql[160], err[512];

	db_close(db);
	db = NULL;
	db_close(admin);
	admin = NULL;
	if (scratch_name[0] != '\0' && db_open(&stack_cfg, 1,
	    &server_admin) == DM_OK) {
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS `%s`",
		    scratch_name);
		if (db_script_stmt(server_admin, sql, err, sizeof(err)) !=
		    DM_OK)
			fprintf(stderr, "testhost: %s: %s\n", sql, err);
	}
	db_close(server_admin);
	if (scratch_name[0] != '\0')
		config_free(&stack_cfg);
	scratch_name[0] = '\0';
}

struct dm_choices *
dm_test_choices(struct dm_req *req)
{
	struct dm_choices *c = arena_zalloc(A(req), sizeof(*c));

	c->req = req;
	return c;
}

size_t
dm_test_choice_count(const struct dm_choices *c)
{
	return c->n;
}

const char *
dm_test_choice(const struct dm_choices *c, size_t i, const char **label)
{
	const struct kv *e = c->list;

	if (i >= c->n)
		return NULL;
	for (size_t k = c->n - 1; k > i; k--)
		e = e->next;
	if (label != NULL)
		*label = e->value;
	return e->key;
}

const char *
dm_test_answer(const struct dm_request *r, const char *lang)
{
	const struct trequest *t = (const struct trequest *)r;

	return lang != NULL && strcmp(lang, "en") == 0 ? t->answer_en :
	    t->answer_el;
}
