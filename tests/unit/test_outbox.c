/*
 * test_outbox.c - the outbox against the stack's real MariaDB: validation,
 * rows living and dying with the caller's transaction, exclusive claims by
 * two processes at once, backoff, and the guard on every transition.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "outbox.h"

/*
 * The stack's own mailer may be running: rows made here carry this
 * process's kind (deleted at the end), and rows that must stay put are
 * written already claimed or not yet due, never pending and due.
 */
#define NCLAIM	120	/* rows raced for by two claimers */

static struct config cfg;
static struct db *db;
static char kind[40];		/* this run's rows: "unit_<pid>" */
static char owner_a[64], owner_b[64];
static int serial;

static int
setup(void **state)
{
	char err[1024];

	(void)state;
	if (getenv("DIMOS_CONFIG") == NULL ||
	    config_load(getenv("DIMOS_CONFIG"), &cfg, err, sizeof(err))) {
		fprintf(stderr, "test_outbox: needs DIMOS_CONFIG: %s\n", err);
		return -1;
	}
	if (db_open(&cfg, 0, &db) != DM_OK)
		return -1;
	outbox_init(&cfg);
	snprintf(kind, sizeof(kind), "unit_%d", (int)getpid());
	snprintf(owner_a, sizeof(owner_a), "unit-a:%d", (int)getpid());
	snprintf(owner_b, sizeof(owner_b), "unit-b:%d", (int)getpid());
	return 0;
}

static int
teardown(void **state)
{
	struct dm_value p = DM_VTEXT(kind);

	(void)state;
	db_exec(db, "DELETE FROM outbox WHERE kind = ?", &p, 1, NULL, NULL);
	db_close(db);
	config_free(&cfg);
	return 0;
}

/* A valid message to a fresh address of this run. */
static void
msg_init(struct outbox_msg *m, char *addr, size_t addrsz)
{
	snprintf(addr, addrsz, "u%d-%d@unit.example.org", (int)getpid(),
	    ++serial);
	memset(m, 0, sizeof(*m));
	m->to_addr = addr;
	m->to_name = "Γιώργος Παπαδόπουλος";
	m->subject = "Επιβεβαίωση διεύθυνσης e-mail";
	m->body = "Καλημέρα σας,\nπατήστε τον σύνδεσμο.\n";
	m->kind = kind;
	m->lang = "el";
	m->account_id = 42;
}

static long long
count_kind(void)
{
	struct dm_value p = DM_VTEXT(kind);
	long long n = -1;

	assert_int_equal(db_query_int(db, "SELECT COUNT(*) FROM outbox WHERE "
	    "kind = ?", &p, 1, &n), DM_OK);
	return n;
}

static long long
int_of(const char *sql, long long id)
{
	struct dm_value p = DM_VINT(id);
	long long n = -1;

	assert_int_equal(db_query_int(db, sql, &p, 1, &n), DM_OK);
	return n;
}

struct text {
	char	s[1024];
	int	null;
};

static dm_status
text_row(void *arg, const struct dm_value *c, size_t n)
{
	struct text *t = arg;

	assert_int_equal(n, 1);
	t->null = c[0].type == DM_V_NULL;
	snprintf(t->s, sizeof(t->s), "%s", t->null ? "" : c[0].s);
	return DM_OK;
}

static struct text
text_of(const char *sql, long long id)
{
	struct dm_value p = DM_VINT(id);
	struct text t;

	memset(&t, 0, sizeof(t));
	assert_int_equal(db_query(db, sql, &p, 1, text_row, &t), DM_OK);
	return t;
}

static void
test_validation(void **state)
{
	struct outbox_msg m, bad;
	char addr[128], subject[1024], *big;
	static const char *const addrs[] = { "not-an-address", "a@b",
	    "x@example.org\r\nBcc: y@example.org", " x@example.org", "" };
	static const char *const subjects[] = { "Hello\r\nBcc: x@example.org",
	    "Line\n", "Carriage\r", "", "\xce\xce" };

	(void)state;
	msg_init(&m, addr, sizeof(addr));
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		bad = m;
		bad.to_addr = addrs[i];
		assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	}
	bad = m;
	bad.to_addr = NULL;
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	for (size_t i = 0; i < sizeof(subjects) / sizeof(subjects[0]); i++) {
		bad = m;
		bad.subject = subjects[i];
		assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	}
	bad = m;
	bad.to_name = "Name\nBcc: y@example.org";
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	bad = m;
	bad.body = "invalid \xff UTF-8";
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	bad = m;
	bad.body = "a NUL-less control \x01 character";
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	bad = m;
	bad.kind = "Bad Kind";
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	bad.kind = "";
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	bad = m;
	bad.lang = "EL";
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	bad.lang = "ell";
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	bad = m;
	bad.account_id = -1;
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	/* 301 characters (602 bytes) is one too many; 300 are fine. */
	for (int i = 0; i < 301; i++)
		memcpy(subject + 2 * i, "Ω", 2);
	subject[602] = '\0';
	bad = m;
	bad.subject = subject;
	assert_int_equal(outbox_add(db, &bad), DM_EINPUT);
	big = malloc((1u << 20) + 1);
	assert_non_null(big);
	memset(big, 'x', 1u << 20);
	big[1u << 20] = '\0';
	bad = m;
	bad.body = big;
	assert_int_equal(outbox_add(db, &bad), DM_ELIMIT);
	free(big);
	assert_int_equal(count_kind(), 0);	/* nothing was written */

	subject[600] = '\0';
	bad = m;
	bad.subject = subject;
	bad.to_name = NULL;
	bad.lang = NULL;
	bad.account_id = 0;
	assert_int_equal(outbox_add(db, &bad), DM_OK);
	assert_int_equal(count_kind(), 1);
}

struct addctx {
	const struct outbox_msg	*m;
	dm_status		 then;
	long long		 id;
};

static dm_status
add_tx(void *arg)
{
	struct addctx *a = arg;
	dm_status st;

	st = outbox_add_id(db, a->m, &a->id);
	if (st != DM_OK)
		return st;
	return a->then;
}

static void
test_transaction(void **state)
{
	struct outbox_msg m;
	struct addctx a;
	struct text t;
	char addr[128], msgid[sizeof(((struct text *)0)->s)];
	long long before = count_kind();
	size_t n;

	(void)state;
	msg_init(&m, addr, sizeof(addr));
	/* The event failed: its mail goes with it. */
	a = (struct addctx){ &m, DM_EINPUT, 0 };
	assert_int_equal(db_tx(db, add_tx, &a), DM_EINPUT);
	assert_true(a.id > 0);
	assert_int_equal(count_kind(), before);
	assert_int_equal(int_of("SELECT COUNT(*) FROM outbox WHERE id = ?",
	    a.id), 0);

	/* Committed: a pending row, due now, with a fresh Message-ID. */
	a = (struct addctx){ &m, DM_OK, 0 };
	assert_int_equal(db_tx(db, add_tx, &a), DM_OK);
	assert_int_equal(count_kind(), before + 1);
	assert_int_equal(int_of("SELECT attempts FROM outbox WHERE id = ?",
	    a.id), 0);
	assert_int_equal(int_of("SELECT account_id FROM outbox WHERE id = ?",
	    a.id), 42);
	assert_int_equal(int_of("SELECT next_attempt_at <= UTC_TIMESTAMP(6) "
	    "FROM outbox WHERE id = ?", a.id), 1);
	t = text_of("SELECT to_name FROM outbox WHERE id = ?", a.id);
	assert_string_equal(t.s, "Γιώργος Παπαδόπουλος");
	t = text_of("SELECT message_id FROM outbox WHERE id = ?", a.id);
	n = strlen(t.s);
	assert_true(n > 36 && t.s[0] == '<' && t.s[33] == '@' &&
	    t.s[n - 1] == '>');
	assert_int_equal(strspn(t.s + 1, "0123456789abcdef"), 32);
	snprintf(msgid, sizeof(msgid), "%s", t.s);
	/* Another message, another Message-ID. */
	a = (struct addctx){ &m, DM_OK, 0 };
	assert_int_equal(db_tx(db, add_tx, &a), DM_OK);
	t = text_of("SELECT message_id FROM outbox WHERE id = ?", a.id);
	assert_string_not_equal(t.s, msgid);
}

/* ------------------------------------------------------------ claims */

struct idset {
	long long	*v;
	size_t		 n;
};

static void
idset_add(struct idset *s, long long id)
{
	s->v = realloc(s->v, (s->n + 1) * sizeof(*s->v));
	assert_non_null(s->v);
	s->v[s->n++] = id;
}

static int
idset_has(const struct idset *s, long long id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 1;
	return 0;
}

/* Claims in small batches until nothing is due; records every id. */
static int
claim_all(struct db *d, const char *owner, struct idset *got)
{
	struct outbox_batch b = { NULL, 0 };

	for (int round = 0; round < 1000; round++) {
		if (outbox_claim(d, owner, 5, &b) != DM_OK)
			return -1;
		if (b.n == 0)
			return 0;
		for (size_t i = 0; i < b.n; i++) {
			idset_add(got, b.v[i].id);
			/* created_at comes back as UTC seconds (the Date). */
			if (d == db && strcmp(b.v[i].kind, kind) == 0)
				assert_true(llabs(b.v[i].created -
				    (long long)time(NULL)) < 600);
		}
		outbox_batch_free(&b);
	}
	return 0;
}

static _Noreturn void
claim_child(int go, int out)
{
	struct idset got = { NULL, 0 };
	struct db *c;
	char b;

	if (db_open(&cfg, 0, &c) != DM_OK)
		_exit(1);
	if (read(go, &b, 1) != 1)
		_exit(2);
	if (claim_all(c, owner_b, &got) != 0)
		_exit(3);
	for (size_t i = 0; i < got.n; i++)
		if (write(out, &got.v[i], sizeof(got.v[i])) !=
		    (ssize_t)sizeof(got.v[i]))
			_exit(4);
	/* The parent's connection is shared with us after fork: only our
	 * own is closed. */
	db_close(c);
	free(got.v);
	_exit(0);
}

struct bulk {
	long long	ids[NCLAIM];
	long long	later;
};

static dm_status
bulk_tx(void *arg)
{
	struct bulk *k = arg;
	struct outbox_msg m;
	char addr[128];
	struct dm_value p;
	dm_status st;

	for (int i = 0; i < NCLAIM; i++) {
		msg_init(&m, addr, sizeof(addr));
		if ((st = outbox_add_id(db, &m, &k->ids[i])) != DM_OK)
			return st;
	}
	/* One more that is not due yet: nobody may claim it. */
	msg_init(&m, addr, sizeof(addr));
	if ((st = outbox_add_id(db, &m, &k->later)) != DM_OK)
		return st;
	p = DM_VINT(k->later);
	return db_exec(db, "UPDATE outbox SET next_attempt_at = "
	    "UTC_TIMESTAMP(6) + INTERVAL 1 HOUR WHERE id = ?", &p, 1, NULL,
	    NULL);
}

static void
test_claim_exclusive(void **state)
{
	struct idset mine = { NULL, 0 }, theirs = { NULL, 0 };
	struct bulk k;
	int go[2], out[2], status;
	size_t ours = 0;
	long long id;
	pid_t pid;

	(void)state;
	assert_int_equal(db_tx(db, bulk_tx, &k), DM_OK);
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(out), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(go[1]);
		close(out[0]);
		claim_child(go[0], out[1]);
	}
	close(go[0]);
	close(out[1]);
	assert_int_equal(write(go[1], "g", 1), 1);
	assert_int_equal(claim_all(db, owner_a, &mine), 0);
	while (read(out[0], &id, sizeof(id)) == (ssize_t)sizeof(id))
		idset_add(&theirs, id);
	close(out[0]);
	close(go[1]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);

	/* Never the same row twice; each row claimed is marked with the
	 * claimer that got it. */
	for (size_t i = 0; i < mine.n; i++)
		assert_false(idset_has(&theirs, mine.v[i]));
	for (int i = 0; i < NCLAIM; i++) {
		struct text t;

		id = k.ids[i];
		if (!idset_has(&mine, id) && !idset_has(&theirs, id))
			continue;	/* the stack's mailer was quicker */
		ours++;
		t = text_of("SELECT claimed_by FROM outbox WHERE id = ?", id);
		assert_string_equal(t.s, idset_has(&mine, id) ? owner_a :
		    owner_b);
		assert_int_equal(int_of("SELECT status = 'sending' FROM "
		    "outbox WHERE id = ?", id), 1);
	}
	assert_true(mine.n > 0);
	assert_true(theirs.n > 0);
	assert_true(ours >= NCLAIM / 2);
	assert_false(idset_has(&mine, k.later) || idset_has(&theirs, k.later));
	assert_int_equal(int_of("SELECT status = 'pending' FROM outbox WHERE "
	    "id = ?", k.later), 1);
	/* Rows of others that were due got swept up too: give them back. */
	for (size_t i = 0; i < mine.n; i++)
		outbox_release(db, mine.v[i], owner_a);
	for (size_t i = 0; i < theirs.n; i++)
		outbox_release(db, theirs.v[i], owner_b);
	free(mine.v);
	free(theirs.v);
}

/* ------------------------------------------- transitions and backoff */

struct held {
	const char	*owner;
	long long	 claimed_ago;	/* seconds */
	int		 attempts;
	long long	 id;
};

/* Writes a row already claimed by h->owner and not due for an hour, in
 * one transaction, so no mailer ever sees it pending. */
static dm_status
held_tx(void *arg)
{
	struct held *h = arg;
	struct outbox_msg m;
	struct dm_value p[4];
	char addr[128];
	dm_status st;

	msg_init(&m, addr, sizeof(addr));
	if ((st = outbox_add_id(db, &m, &h->id)) != DM_OK)
		return st;
	p[0] = DM_VTEXT(h->owner);
	p[1] = DM_VINT(h->claimed_ago);
	p[2] = DM_VINT(h->attempts);
	p[3] = DM_VINT(h->id);
	return db_exec(db, "UPDATE outbox SET status = 'sending', claimed_by "
	    "= ?, claimed_at = UTC_TIMESTAMP(6) - INTERVAL ? SECOND, attempts "
	    "= ?, next_attempt_at = UTC_TIMESTAMP(6) + INTERVAL 1 HOUR WHERE "
	    "id = ?", p, 4, NULL, NULL);
}

static long long
held_row(const char *owner, long long ago, int attempts)
{
	struct held h = { owner, ago, attempts, 0 };

	assert_int_equal(db_tx(db, held_tx, &h), DM_OK);
	return h.id;
}

static void
test_backoff(void **state)
{
	struct outbox_policy pol = { 600, 3, 60 };
	struct outbox_item it;
	enum outbox_fate fate;
	char why[700];
	struct text t;
	long long wait;

	(void)state;
	assert_int_equal(outbox_backoff(30, 1), 30);
	assert_int_equal(outbox_backoff(30, 2), 60);
	assert_int_equal(outbox_backoff(30, 3), 120);
	assert_int_equal(outbox_backoff(30, 10), 30LL << 9);
	assert_int_equal(outbox_backoff(30, 11), OUTBOX_BACKOFF_MAX);
	assert_int_equal(outbox_backoff(30, 100), OUTBOX_BACKOFF_MAX);
	assert_int_equal(outbox_backoff(2, 0), 2);
	assert_int_equal(outbox_backoff(86400, 1), OUTBOX_BACKOFF_MAX);

	memset(&it, 0, sizeof(it));
	it.id = held_row(owner_a, 0, 0);
	/* Only the claimer may record the outcome. */
	assert_int_equal(outbox_mark_failed(db, owner_b, &it, "x", 0, &pol,
	    &fate), DM_ENOTFOUND);
	memset(why, 'e', sizeof(why) - 1);
	why[sizeof(why) - 1] = '\0';
	memcpy(why, "451 4.3.0\r\ntry again", 20);
	assert_int_equal(outbox_mark_failed(db, owner_a, &it, why, 0, &pol,
	    &fate), DM_OK);
	assert_int_equal(fate, OUTBOX_RETRY);
	assert_int_equal(int_of("SELECT attempts FROM outbox WHERE id = ?",
	    it.id), 1);
	assert_int_equal(int_of("SELECT status = 'pending' AND claimed_by IS "
	    "NULL FROM outbox WHERE id = ?", it.id), 1);
	wait = int_of("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), "
	    "next_attempt_at) FROM outbox WHERE id = ?", it.id);
	assert_true(wait >= 590 && wait <= 600);
	t = text_of("SELECT last_error FROM outbox WHERE id = ?", it.id);
	assert_int_equal(strlen(t.s), 500);
	assert_null(strpbrk(t.s, "\r\n"));
	assert_memory_equal(t.s, "451 4.3.0  try again", 20);

	/* Second failure: twice the wait. */
	assert_int_equal(db_exec(db, "UPDATE outbox SET status = 'sending', "
	    "claimed_by = ? WHERE id = ?", (struct dm_value[]){
	    DM_VTEXT(owner_a), DM_VINT(it.id) }, 2, NULL, NULL), DM_OK);
	it.attempts = 1;
	assert_int_equal(outbox_mark_failed(db, owner_a, &it, "again", 0,
	    &pol, &fate), DM_OK);
	assert_int_equal(fate, OUTBOX_RETRY);
	wait = int_of("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(6), "
	    "next_attempt_at) FROM outbox WHERE id = ?", it.id);
	assert_true(wait >= 1190 && wait <= 1200);

	/* The retry_max-th failure gives up. */
	assert_int_equal(db_exec(db, "UPDATE outbox SET status = 'sending', "
	    "claimed_by = ? WHERE id = ?", (struct dm_value[]){
	    DM_VTEXT(owner_a), DM_VINT(it.id) }, 2, NULL, NULL), DM_OK);
	it.attempts = 2;
	assert_int_equal(outbox_mark_failed(db, owner_a, &it, "last", 0,
	    &pol, &fate), DM_OK);
	assert_int_equal(fate, OUTBOX_FAILED);
	assert_int_equal(int_of("SELECT status = 'failed' AND attempts = 3 "
	    "FROM outbox WHERE id = ?", it.id), 1);

	/* A permanent refusal gives up at once. */
	it.id = held_row(owner_a, 0, 0);
	it.attempts = 0;
	assert_int_equal(outbox_mark_failed(db, owner_a, &it, "550 5.1.1",
	    1, &pol, &fate), DM_OK);
	assert_int_equal(fate, OUTBOX_FAILED);
	assert_int_equal(int_of("SELECT status = 'failed' AND attempts = 1 "
	    "FROM outbox WHERE id = ?", it.id), 1);
}

static void
test_transitions(void **state)
{
	long long id;

	(void)state;
	id = held_row(owner_a, 0, 0);
	assert_int_equal(outbox_touch(db, id, owner_a), DM_OK);
	assert_int_equal(outbox_touch(db, id, owner_b), DM_ENOTFOUND);
	assert_int_equal(outbox_mark_sent(db, id, owner_b), DM_ENOTFOUND);
	/* Released: pending again, not an attempt, claim cleared. */
	assert_int_equal(outbox_release(db, id, owner_a), DM_OK);
	assert_int_equal(int_of("SELECT status = 'pending' AND attempts = 0 "
	    "AND claimed_by IS NULL AND claimed_at IS NULL FROM outbox WHERE "
	    "id = ?", id), 1);
	assert_int_equal(outbox_release(db, id, owner_a), DM_ENOTFOUND);
	assert_int_equal(outbox_touch(db, id, owner_a), DM_ENOTFOUND);

	id = held_row(owner_a, 0, 1);
	assert_int_equal(outbox_mark_sent(db, id, owner_a), DM_OK);
	assert_int_equal(int_of("SELECT status = 'sent' AND sent_at IS NOT "
	    "NULL AND attempts = 1 FROM outbox WHERE id = ?", id), 1);
	/* Run again (a reconnect): the guard makes it change nothing. */
	assert_int_equal(outbox_mark_sent(db, id, owner_a), DM_ENOTFOUND);
	assert_int_equal(outbox_release(db, id, owner_a), DM_ENOTFOUND);
}

/* A batch's sends recorded in one statement: each row that is still the
 * owner's claim, none of another's, and the caller told which. */
static void
test_mark_sent_many(void **state)
{
	long long ids[5];
	unsigned char marked[5];

	(void)state;
	ids[0] = held_row(owner_a, 0, 0);
	ids[1] = held_row(owner_a, 0, 2);
	ids[2] = held_row(owner_b, 0, 0);
	ids[3] = held_row(owner_a, 0, 0);
	ids[4] = held_row(owner_a, 0, 0);
	assert_int_equal(outbox_mark_sent_many(db, ids, 2, owner_a, marked),
	    DM_OK);
	assert_true(marked[0] && marked[1]);
	for (int i = 0; i < 2; i++) {
		struct text t = text_of("SELECT claimed_by FROM outbox WHERE "
		    "id = ?", ids[i]);

		assert_string_equal(t.s, owner_a);
		assert_int_equal(int_of("SELECT status = 'sent' AND sent_at IS "
		    "NOT NULL FROM outbox WHERE id = ?", ids[i]), 1);
	}
	/* One sent already, three of owner_a and one of owner_b (a claim
	 * lost): the three recorded, the first standing as it was recorded,
	 * owner_b's left as it was, and the caller told which. */
	memset(marked, 9, sizeof(marked));
	assert_int_equal(outbox_mark_sent_many(db, ids + 1, 4, owner_a,
	    marked), DM_ENOTFOUND);
	assert_int_equal(marked[0], 1);	/* sent already: stands */
	assert_int_equal(marked[1], 0);
	assert_int_equal(marked[2], 1);
	assert_int_equal(marked[3], 1);
	assert_int_equal(int_of("SELECT status = 'sending' FROM outbox WHERE "
	    "id = ?", ids[2]), 1);
	assert_string_equal(text_of("SELECT claimed_by FROM outbox WHERE id = "
	    "?", ids[2]).s, owner_b);
	assert_int_equal(int_of("SELECT status = 'sent' FROM outbox WHERE "
	    "id = ?", ids[3]), 1);
	assert_int_equal(int_of("SELECT status = 'sent' FROM outbox WHERE "
	    "id = ?", ids[4]), 1);
	assert_int_equal(outbox_mark_sent_many(db, ids, 0, owner_a, marked),
	    DM_OK);
	assert_int_equal(outbox_release(db, ids[2], owner_b), DM_OK);
}

static void
test_reap(void **state)
{
	struct outbox_policy pol = { 600, 3, 60 };
	long long dead, last, fresh;
	struct text t;
	uint64_t n = 0;
	char ghost[64];

	(void)state;
	snprintf(ghost, sizeof(ghost), "ghost:%d", (int)getpid());
	dead = held_row(ghost, 3600, 0);
	last = held_row(ghost, 3600, 2);
	fresh = held_row(ghost, 5, 0);
	assert_int_equal(outbox_reap(db, &pol, &n), DM_OK);
	assert_true(n >= 2);
	/* Released and counted; the stack's mailer may be sending it
	 * already, but attempts and the reason stay. */
	assert_int_equal(int_of("SELECT attempts FROM outbox WHERE id = ?",
	    dead), 1);
	assert_int_equal(int_of("SELECT status <> 'failed' FROM outbox WHERE "
	    "id = ?", dead), 1);
	t = text_of("SELECT last_error FROM outbox WHERE id = ?", dead);
	assert_non_null(strstr(t.s, ghost));
	assert_non_null(strstr(t.s, "expired"));
	t = text_of("SELECT claimed_by FROM outbox WHERE id = ?", dead);
	assert_true(t.null || strcmp(t.s, ghost) != 0);
	/* At retry_max the row fails rather than loop forever. */
	assert_int_equal(int_of("SELECT status = 'failed' AND attempts = 3 "
	    "FROM outbox WHERE id = ?", last), 1);
	/* A live claim is left alone. */
	t = text_of("SELECT claimed_by FROM outbox WHERE id = ?", fresh);
	assert_string_equal(t.s, ghost);
	assert_int_equal(int_of("SELECT status = 'sending' AND attempts = 0 "
	    "FROM outbox WHERE id = ?", fresh), 1);
}

static void
test_policy(void **state)
{
	struct config c;
	struct outbox_policy p;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.mail_retry_base = 30;
	c.mail_retry_max = 12;
	c.mail_timeout = 30;
	outbox_policy_init(&p, &c);
	assert_int_equal(p.retry_base, 30);
	assert_int_equal(p.retry_max, 12);
	assert_int_equal(p.stale_after, 150);
	c.mail_timeout = 5;
	outbox_policy_init(&p, &c);
	assert_int_equal(p.stale_after, OUTBOX_STALE_MIN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_transaction),
		cmocka_unit_test(test_claim_exclusive),
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_mark_sent_many),
		cmocka_unit_test(test_reap),
		cmocka_unit_test(test_policy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
