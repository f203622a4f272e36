/*
 * test_cov_requests.c - requests.c against the stack's real MariaDB: a
 * draft with its files, the scopes a request is loaded in, submission
 * (one number, a receipt by e-mail, a second press refused), every
 * workflow state with its event and the SLA pause, the mailbox and what a
 * plugin sees. Rows are this run's own account's and go at the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "forms.h"
#include "http.h"
#include "i18n.h"
#include "localtime.h"
#include "outbox.h"
#include "plugins.h"
#include "requests.h"
#include "session.h"

static struct config cfg;
static struct db *db;
static struct arena A;
static char email[96];
static long long account, other;

static long long
sql_int(const char *q, long long id)
{
	struct dm_value p = DM_VINT(id);
	long long v = -1;

	if (db_query_int(db, q, &p, 1, &v) != DM_OK)
		return -1;
	return v;
}

static void
exec1(const char *q, long long id)
{
	struct dm_value p = DM_VINT(id);

	assert_int_equal(db_exec(db, q, &p, 1, NULL, NULL), DM_OK);
}

static long long
new_account(const char *addr, int notify)
{
	struct dm_value p[2] = { DM_VTEXT(addr), DM_VINT(notify) };
	uint64_t id = 0;

	if (db_exec(db, "INSERT INTO accounts (kind, status, email, "
	    "first_name, last_name, mobile, lang, notify_email) VALUES "
	    "('person', 'active', ?, 'Ελένη', 'Δοκιμή', '+306912345678', "
	    "'el', ?)", p, 2, NULL, &id) != DM_OK)
		return 0;
	return (long long)id;
}

static int
setup(void **state)
{
	char err[1024];
	char dir[4096];

	(void)state;
	if (getenv("DIMOS_CONFIG") == NULL ||
	    config_load(getenv("DIMOS_CONFIG"), &cfg, err, sizeof(err))) {
		fprintf(stderr, "test_cov_requests: needs DIMOS_CONFIG: %s\n",
		    err);
		return -1;
	}
	if (db_open(&cfg, 0, &db) != DM_OK)
		return -1;
	db_set_worker(db);
	lt_init(&cfg);
	outbox_init(&cfg);
	if (plugins_load(&cfg, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "test_cov_requests: %s\n", err);
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/i18n", cfg.xslt_dir);
	if (i18n_load(dir, NULL) != DM_OK)
		return -1;
	for (size_t i = 0; i < plugins_count(); i++)
		if (plugins_at(i)->i18n_dir != NULL &&
		    i18n_load(plugins_at(i)->i18n_dir, plugins_at(i)->name) !=
		    DM_OK)
			return -1;
	i18n_set(I18N_EL, "site.name", "Δήμος Δοκιμών");
	i18n_set(I18N_EN, "site.name", "Test Municipality");
	arena_init(&A);
	snprintf(email, sizeof(email), "cov.requests.%d@unit.example.org",
	    (int)getpid());
	account = new_account(email, 1);
	other = new_account(arena_printf(&A, "cov.other.%d@unit.example.org",
	    (int)getpid()), 0);
	return account > 0 && other > 0 ? 0 : -1;
}

static void
drop_account(long long id)
{
	struct dm_value p = DM_VINT(id);

	db_exec(db, "DELETE FROM mailbox_items WHERE account_id = ?", &p, 1,
	    NULL, NULL);
	db_exec(db, "DELETE e FROM request_events e JOIN requests r ON r.id = "
	    "e.request_id WHERE r.account_id = ?", &p, 1, NULL, NULL);
	db_exec(db, "DELETE a FROM attachments a JOIN requests r ON r.id = "
	    "a.request_id WHERE r.account_id = ?", &p, 1, NULL, NULL);
	db_exec(db, "DELETE FROM requests WHERE account_id = ?", &p, 1, NULL,
	    NULL);
	db_exec(db, "DELETE FROM outbox WHERE account_id = ?", &p, 1, NULL,
	    NULL);
	db_exec(db, "DELETE FROM accounts WHERE id = ?", &p, 1, NULL, NULL);
}

static int
teardown(void **state)
{
	(void)state;
	drop_account(account);
	drop_account(other);
	plugins_unload();
	i18n_free();
	arena_free(&A);
	db_close(db);
	config_free(&cfg);
	return 0;
}

static void
req_init(struct dm_req *req)
{
	memset(req, 0, sizeof(*req));
	req->arena = &A;
	req->cfg = &cfg;
	req->lang = "el";
}

static struct upload *
upload(const char *field, const char *name, const char *text)
{
	struct upload *u = arena_zalloc(&A, sizeof(*u));

	u->field = field;
	u->filename = name;
	u->type = "text/plain";
	if (text != NULL) {
		u->len = strlen(text);
		u->data = (unsigned char *)arena_strdup(&A, text);
	}
	return u;
}

/* The general request's form, filled in. */
static struct ffield *
general_form(struct dm_req *req, const struct service **sv, size_t *n)
{
	struct ffield *f;

	*sv = services_find("general-request");
	assert_non_null(*sv);
	f = forms_from_service(req, (*sv)->svc->fields, n);
	for (size_t i = 0; i < *n; i++) {
		if (f[i].type == F_FILE)
			continue;
		f[i].value = f[i].type == F_PHONE ? "+302322022222" :
		    "Μια τιμή";
		if (f[i].type == F_ADDRESS) {
			f[i].lat = "40.9085";
			f[i].lon = "23.4764";
		}
	}
	return f;
}

static void
test_names(void **state)
{
	(void)state;
	for (int s = 0; s < RS__MAX; s++)
		assert_int_equal(rs_parse(rs_name((enum rstatus)s)), s);
	assert_int_equal(rs_parse("nonsense"), RS_DRAFT);
	assert_int_equal(rs_parse(NULL), RS_DRAFT);
	assert_string_equal(rs_name(RS__MAX), "draft");
	assert_string_equal(rs_name(RS_AWAITING), "awaiting_citizen");
}

struct files_seen {
	int	 n;
	char	 names[4][64];
};

static dm_status
seen_file(void *arg, const struct request_file *f)
{
	struct files_seen *s = arg;

	if (s->n < 4)
		snprintf(s->names[s->n], sizeof(s->names[0]), "%s:%zu",
		    f->name, f->size);
	s->n++;
	return DM_OK;
}

static void
test_draft(void **state)
{
	const struct service *sv;
	struct dm_req req;
	struct request r;
	struct ffield *f;
	struct files_seen seen = { 0 };
	const void *data;
	long long id = 0, bad, att;
	size_t n, stored;
	struct upload *a, *b, *c, *empty;

	(void)state;
	req_init(&req);
	f = general_form(&req, &sv, &n);
	a = upload("files", "ένα.txt", "το πρώτο αρχείο");
	b = upload("files", "δύο.txt", "το δεύτερο");
	empty = upload("files", "άδειο.txt", NULL);
	a->next = empty;
	empty->next = b;
	req.uploads = a;
	assert_int_equal(request_save_draft(&req, sv, f, n, account, &id),
	    DM_OK);
	assert_true(id > 0);
	assert_int_equal(request_load(&req, id, account, NULL, &r), DM_OK);
	assert_int_equal(r.status, RS_DRAFT);
	assert_null(r.protocol);
	assert_string_equal(r.service, "general-request");
	assert_string_equal(r.department, "general");
	assert_string_equal(request_form_value(&req, &r, "subject"),
	    "Μια τιμή");
	assert_null(request_form_value(&req, &r, "nope"));
	/* Two files kept, the empty one left out. */
	assert_int_equal(sql_int("SELECT COUNT(*) FROM attachments WHERE "
	    "request_id = ?", id), 2);
	assert_int_equal(request_form_files(&req, id, "files", seen_file,
	    &seen), DM_OK);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.names[0], "ένα.txt:28");
	att = sql_int("SELECT MIN(id) FROM attachments WHERE request_id = ?",
	    id);
	assert_int_equal(request_file_bytes(&req, id, att, &data, &n), DM_OK);
	assert_int_equal(n, strlen("το πρώτο αρχείο"));
	assert_memory_equal(data, "το πρώτο αρχείο", n);
	assert_int_equal(request_file_bytes(&req, id + 1000000, att, &data,
	    &n), DM_ENOTFOUND);

	/* The same values again: no change, still fine. */
	req.uploads = NULL;
	f = general_form(&req, &sv, &n);
	assert_int_equal(request_save_draft(&req, sv, f, n, account, &id),
	    DM_OK);
	/* Someone else's draft is not found, and the id is kept. */
	bad = id;
	assert_int_equal(request_save_draft(&req, sv, f, n, other, &bad),
	    DM_ENOTFOUND);
	assert_int_equal(bad, id);

	/* Scopes: the owner, the department, no one else. */
	assert_int_equal(request_load(&req, id, other, NULL, &r),
	    DM_ENOTFOUND);
	assert_int_equal(request_load(&req, id, 0, "general", &r), DM_OK);
	assert_int_equal(request_load(&req, id, 0, "civil_registry", &r),
	    DM_ENOTFOUND);

	/* The per-request number of files: cfg says 10 at most. */
	cfg.lim_upload_files = 3;
	c = upload("files", "τρία.txt", "τρίτο");
	c->next = upload("files", "τέσσερα.txt", "τέταρτο");
	c->next->next = upload("other", "άλλο.txt", "άλλο πεδίο");
	req.uploads = c;
	assert_int_equal(request_store_uploads(&req, id, 0, "files", account,
	    0, &stored), DM_OK);
	assert_int_equal(stored, 1);
	assert_false(c->too_many);
	assert_true(c->next->too_many);
	assert_false(c->next->next->too_many);	/* another field */
	cfg.lim_upload_files = 10;
	req.uploads = NULL;
	assert_int_equal(request_store_uploads(&req, id, 0, NULL, account, 0,
	    &stored), DM_OK);
	assert_int_equal(stored, 0);

	/* Dropping a draft's file, once. */
	assert_int_equal(request_drop_attachment(&req, id, att), DM_OK);
	assert_int_equal(request_drop_attachment(&req, id, att),
	    DM_ENOTFOUND);
}

static long long
submitted_request(struct dm_req *req)
{
	const struct service *sv;
	struct ffield *f;
	long long id = 0;
	size_t n;

	f = general_form(req, &sv, &n);
	assert_int_equal(request_save_draft(req, sv, f, n, account, &id),
	    DM_OK);
	assert_int_equal(request_submit(req, id, "web", 0), DM_OK);
	return id;
}

static void
test_submit(void **state)
{
	struct dm_req req;
	struct request r;
	long long id, id2, mails;
	int y, m, d;
	char year[8];

	(void)state;
	req_init(&req);
	mails = sql_int("SELECT COUNT(*) FROM outbox WHERE account_id = ? AND "
	    "kind = 'submitted'", account);
	id = submitted_request(&req);
	assert_int_equal(request_load(&req, id, account, NULL, &r), DM_OK);
	assert_int_equal(r.status, RS_SUBMITTED);
	assert_non_null(r.protocol);
	lt_today(&y, &m, &d);
	snprintf(year, sizeof(year), "/%d", y);
	assert_non_null(strstr(r.protocol, year));
	assert_non_null(r.submitted_at);
	assert_non_null(r.due_date);
	assert_string_equal(r.channel, "web");
	assert_string_equal(r.applicant_name, "Ελένη Δοκιμή");
	assert_string_equal(r.applicant_email, email);
	assert_false(r.overdue);
	/* The receipt went out by e-mail with the submission. */
	assert_int_equal(sql_int("SELECT COUNT(*) FROM outbox WHERE "
	    "account_id = ? AND kind = 'submitted'", account), mails + 1);
	/* A second press: one request, one number. */
	assert_int_equal(request_submit(&req, id, "web", 0), DM_ECONFLICT);
	assert_int_equal(request_submit(&req, 999999999999LL, "web", 0),
	    DM_ENOTFOUND);
	/* Numbers follow each other. */
	id2 = submitted_request(&req);
	assert_int_equal(sql_int("SELECT protocol_no FROM requests WHERE id = "
	    "?", id2), sql_int("SELECT protocol_no FROM requests WHERE id = ?",
	    id) + 1);
	/* A submitted request's files are the record. */
	assert_int_equal(request_drop_attachment(&req, id, sql_int(
	    "SELECT COALESCE(MIN(id), 0) FROM attachments WHERE request_id = "
	    "?", id)), DM_ENOTFOUND);
	/* Overdue once its date has passed while it is open. */
	exec1("UPDATE requests SET due_date = '2020-01-01' WHERE id = ?", id);
	assert_int_equal(request_load(&req, id, account, NULL, &r), DM_OK);
	assert_true(r.overdue);
}

static void
test_workflow(void **state)
{
	struct session clerk;
	struct dm_req req;
	struct request r, stale;
	long long id, ev = 0;
	char due_before[11];

	(void)state;
	req_init(&req);
	id = submitted_request(&req);
	memset(&clerk, 0, sizeof(clerk));
	clerk.account_id = other;
	req.session = &clerk;
	assert_int_equal(request_load(&req, id, 0, "general", &r), DM_OK);
	stale = r;
	assert_int_equal(request_transition(&req, &r, RS_IN_PROGRESS, "start",
	    NULL, &ev), DM_OK);
	assert_true(ev > 0);
	assert_int_equal(sql_int("SELECT actor_id FROM request_events WHERE "
	    "id = ?", ev), other);
	/* A second clerk acting on what they read before: refused. */
	assert_int_equal(request_transition(&req, &stale, RS_REJECTED,
	    "reject", "όχι", NULL), DM_ECONFLICT);
	/* Waiting for the citizen stops the clock; answering moves the due
	 * date by the business days it waited. */
	assert_int_equal(request_load(&req, id, 0, "general", &r), DM_OK);
	assert_int_equal(request_transition(&req, &r, RS_AWAITING, "ask",
	    "Στείλτε το συμβόλαιο.", NULL), DM_OK);
	assert_int_equal(request_load(&req, id, 0, "general", &r), DM_OK);
	assert_int_equal(r.status, RS_AWAITING);
	assert_non_null(r.awaiting_since);
	exec1("UPDATE requests SET awaiting_since = UTC_TIMESTAMP(6) - "
	    "INTERVAL 15 DAY WHERE id = ?", id);
	assert_int_equal(request_load(&req, id, 0, "general", &r), DM_OK);
	snprintf(due_before, sizeof(due_before), "%s", r.due_date);
	assert_int_equal(request_transition(&req, &r, RS_IN_PROGRESS,
	    "answer", "Το στέλνω.", NULL), DM_OK);
	assert_int_equal(request_load(&req, id, 0, "general", &r), DM_OK);
	assert_null(r.awaiting_since);
	assert_true(strcmp(r.due_date, due_before) > 0);
	/* An internal note: an event without a change of state. */
	assert_int_equal(request_event(&req, id, "note", 1, RS_IN_PROGRESS,
	    RS_IN_PROGRESS, "Εσωτερικό", &ev), DM_OK);
	assert_int_equal(sql_int("SELECT from_status IS NULL AND visibility = "
	    "'internal' FROM request_events WHERE id = ?", ev), 1);
	/* Closing sets the time it closed. */
	assert_int_equal(request_transition(&req, &r, RS_COMPLETED, "complete",
	    "", NULL), DM_OK);
	assert_int_equal(request_load(&req, id, 0, "general", &r), DM_OK);
	assert_int_equal(r.status, RS_COMPLETED);
	assert_non_null(r.closed_at);
	assert_false(r.overdue);
	/* Without a session the event has no actor. */
	req.session = NULL;
	assert_int_equal(request_event(&req, id, "system", 0, RS_COMPLETED,
	    RS_COMPLETED, NULL, &ev), DM_OK);
	assert_int_equal(sql_int("SELECT actor_id IS NULL AND body IS NULL "
	    "FROM request_events WHERE id = ?", ev), 1);
}

static void
test_mailbox(void **state)
{
	struct dm_req req;
	long long notices, id;

	(void)state;
	req_init(&req);
	id = submitted_request(&req);
	notices = sql_int("SELECT COUNT(*) FROM outbox WHERE account_id = ? "
	    "AND kind = 'mailbox'", account);
	assert_int_equal(mailbox_unread(&req, account), 0);
	assert_int_equal(mailbox_deliver(&req, account, id, "answer",
	    "Απάντηση", "Το κείμενο", 0, 0), DM_OK);
	assert_int_equal(mailbox_deliver(&req, account, 0, "message",
	    "Ενημέρωση", "", 0, 0), DM_OK);
	assert_int_equal(mailbox_unread(&req, account), 2);
	/* A notice (without the content) for each, as asked. */
	assert_int_equal(sql_int("SELECT COUNT(*) FROM outbox WHERE "
	    "account_id = ? AND kind = 'mailbox'", account), notices + 2);
	/* Someone who asked for no notices gets none. */
	assert_int_equal(mailbox_deliver(&req, other, 0, "message", "Χ", NULL,
	    0, 0), DM_OK);
	assert_int_equal(sql_int("SELECT COUNT(*) FROM outbox WHERE "
	    "account_id = ?", other), 0);
	/* The header counts up to 100. */
	exec1("INSERT INTO mailbox_items (account_id, kind, title) SELECT ?, "
	    "'message', 'x' FROM seq_1_to_120", other);
	assert_int_equal(mailbox_unread(&req, other), 100);
}

static void
test_plugin_view(void **state)
{
	struct dm_req req;
	struct request r;
	const struct dm_request *dr, *fake;
	long long id;

	(void)state;
	req_init(&req);
	id = submitted_request(&req);
	assert_int_equal(request_load(&req, id, account, NULL, &r), DM_OK);
	dr = request_for_plugin(&req, &r);
	assert_int_equal(dr->id, id);
	assert_string_equal(dr->service, "general-request");
	assert_string_equal(dr->protocol, r.protocol);
	assert_non_null(dr->applicant);
	assert_string_equal(request_plugin_value(&req, dr, "subject"),
	    "Μια τιμή");
	assert_null(request_plugin_value(&req, dr, NULL));
	assert_null(request_plugin_value(&req, NULL, "subject"));
	/* Something else dressed as a request is not read. */
	fake = arena_zalloc(&A, sizeof(*fake) + 64);
	assert_null(request_plugin_value(&req, fake, "subject"));
	/* A request of an account that is gone: an empty applicant. */
	r.account_id = 999999999999LL;
	dr = request_for_plugin(&req, &r);
	assert_non_null(dr->applicant);
	/* A request without a form has no values. */
	r.form = NULL;
	assert_null(request_form_value(&req, &r, "subject"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_draft),
		cmocka_unit_test(test_submit),
		cmocka_unit_test(test_workflow),
		cmocka_unit_test(test_mailbox),
		cmocka_unit_test(test_plugin_view),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
