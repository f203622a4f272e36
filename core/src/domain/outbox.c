/*
 * outbox.c - the outbox table: queueing mail in a request's transaction,
 * and claiming, recording and expiring deliveries for dimos-mailer.
 * Only row-level statements (no LOCK TABLES, no GET_LOCK): runs on Galera.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "mime.h"
#include "outbox.h"
#include "validate.h"

#define OUTBOX_NAME_MAX		200	/* characters, as in the schema */
#define OUTBOX_SUBJECT_MAX	300
#define OUTBOX_KIND_MAX		40
#define OUTBOX_BODY_MAX		(1u << 20)	/* bytes */
#define OUTBOX_ERROR_MAX	500
#define OUTBOX_DOMAIN_MAX	128

/* The Message-ID domain; "" until outbox_init or the first message. */
static char outbox_domain[OUTBOX_DOMAIN_MAX];

/* A host name we may put in a Message-ID: LDH labels, at least one dot,
 * and not an IPv4 address (the last label has a letter). */
static int
outbox_domain_ok(const char *s, size_t n)
{
	int dots = 0, alpha = 0;

	if (n == 0 || n >= OUTBOX_DOMAIN_MAX || s[0] == '.' || s[0] == '-' ||
	    s[n - 1] == '.' || s[n - 1] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (c == '.') {
			if (i + 1 < n && s[i + 1] == '.')
				return 0;
			dots++;
			alpha = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '-') {
			alpha = 1;
		} else if (!(c >= '0' && c <= '9')) {
			return 0;
		}
	}
	return dots > 0 && alpha;
}

static void
outbox_set_domain(const char *s, size_t n)
{
	memcpy(outbox_domain, s, n);
	outbox_domain[n] = '\0';
}

void
outbox_init(const struct config *cfg)
{
	const char *h, *at;
	char name[256], addr[256];
	size_t n;

	/* base_url is http(s)://host[:port][/path], checked by config.c. */
	h = cfg->base_url != NULL ? strstr(cfg->base_url, "://") : NULL;
	if (h != NULL) {
		h += 3;
		n = strcspn(h, ":/?#");
		if (outbox_domain_ok(h, n)) {
			outbox_set_domain(h, n);
			return;
		}
	}
	if (cfg->mail_from != NULL && mime_split_mailbox(cfg->mail_from,
	    name, sizeof(name), addr, sizeof(addr)) == DM_OK &&
	    (at = strchr(addr, '@')) != NULL &&
	    strlen(at + 1) < OUTBOX_DOMAIN_MAX) {
		outbox_set_domain(at + 1, strlen(at + 1));
		return;
	}
	outbox_set_domain("localhost", 9);
}

/* Without outbox_init: this machine's name if it is a domain name. */
static void
outbox_default_domain(void)
{
	char host[256] = "";

	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	if (outbox_domain_ok(host, strlen(host)))
		outbox_set_domain(host, strlen(host));
	else
		outbox_set_domain("localhost", 9);
	log_warn("outbox: outbox_init was not called; Message-IDs use @%s",
	    outbox_domain);
}

/* "<32 hex digits@domain>": 128 random bits, unique in practice. */
static void
outbox_message_id(char *out, size_t outsz)
{
	unsigned char rnd[16];
	char hex[sizeof(rnd) * 2 + 1];

	if (sodium_init() < 0)
		log_fatal("libsodium cannot be initialised");
	if (outbox_domain[0] == '\0')
		outbox_default_domain();
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	snprintf(out, outsz, "<%s@%s>", hex, outbox_domain);
}

/* Text of one line, valid UTF-8, 1..max characters. */
static int
outbox_line_ok(const char *s, size_t max)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || !mime_header_safe(s) ||
	    !val_utf8(s, n))
		return 0;
	return val_utf8_chars(s, n) <= max;
}

/* [a-z0-9_]{1,max} */
static int
outbox_kind_ok(const char *s, size_t max)
{
	size_t n;

	if (s == NULL)
		return 0;
	n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	return n >= 1 && n <= max && s[n] == '\0';
}

/* Two lowercase ASCII letters (ISO 639-1). */
static int
outbox_lang_ok(const char *s)
{
	return s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z' &&
	    s[2] == '\0';
}

/* "YYYY-MM-DD HH:MM:SS", a real moment (UTC). */
static int
outbox_time_ok(const char *s)
{
	int y, mo, d, h, mi;

	return strlen(s) == 19 && s[10] == ' ' && val_datetime(s, &y, &mo, &d,
	    &h, &mi);
}

dm_status
outbox_add_id(struct db *db, const struct outbox_msg *m, long long *id)
{
	struct dm_value p[10];
	char msgid[OUTBOX_DOMAIN_MAX + 40];
	const char *lang, *name;
	uint64_t newid = 0;
	dm_status st;

	lang = m->lang != NULL ? m->lang : "el";
	name = m->to_name != NULL && m->to_name[0] != '\0' ? m->to_name :
	    NULL;
	if (!val_email(m->to_addr) ||
	    (name != NULL && !outbox_line_ok(name, SIZE_MAX)) ||
	    !outbox_line_ok(m->subject, OUTBOX_SUBJECT_MAX) ||
	    m->body == NULL || !outbox_kind_ok(m->kind, OUTBOX_KIND_MAX) ||
	    !outbox_lang_ok(lang) || m->account_id < 0 ||
	    (m->send_after != NULL && !outbox_time_ok(m->send_after)))
		return DM_EINPUT;
	if (strlen(m->body) >= OUTBOX_BODY_MAX)
		return DM_ELIMIT;
	if (!val_utf8(m->body, strlen(m->body)))
		return DM_EINPUT;
	outbox_message_id(msgid, sizeof(msgid));
	p[0] = DM_VTEXT(m->to_addr);
	p[1] = DM_VTEXT(name);
	/* The display name is derived (first and last name, a company's):
	 * one longer than to_name holds is cut, never the message lost. */
	if (name != NULL)
		p[1].len = val_utf8_fit(name, p[1].len, OUTBOX_NAME_MAX);
	p[2] = DM_VTEXT(m->subject);
	p[3] = DM_VTEXT(m->body);
	p[4] = DM_VTEXT(m->kind);
	p[5] = m->account_id > 0 ? DM_VINT(m->account_id) : DM_VNULL;
	p[6] = DM_VTEXT(lang);
	p[7] = DM_VTEXT(msgid);
	p[8] = DM_VTEXT(m->send_after);
	p[9] = DM_VTEXT(m->send_after);
	st = db_exec(db, "INSERT INTO outbox (to_addr, to_name, subject, "
	    "body, kind, account_id, lang, message_id, send_after, "
	    "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "COALESCE(?, UTC_TIMESTAMP(6)))", p, 10, NULL, &newid);
	if (st == DM_OK && id != NULL)
		*id = (long long)newid;
	return st;
}

dm_status
outbox_add(struct db *db, const struct outbox_msg *m)
{
	return outbox_add_id(db, m, NULL);
}

dm_status
outbox_cancel(struct db *db, long long id, const char *kind_prefix)
{
	struct dm_value p[3];
	long long n = 0;
	dm_status st;

	if (kind_prefix == NULL || kind_prefix[0] == '\0')
		return DM_EINPUT;
	p[0] = DM_VINT(id);
	p[1] = DM_VINT((long long)strlen(kind_prefix));
	p[2] = DM_VTEXT(kind_prefix);
	if ((st = db_exec(db, "UPDATE outbox SET status = 'cancelled' WHERE "
	    "id = ? AND status = 'pending' AND LEFT(kind, ?) = ?", p, 3, NULL,
	    NULL)) != DM_OK)
		return st;
	if ((st = db_query_int(db, "SELECT COUNT(*) FROM outbox WHERE id = ? "
	    "AND LEFT(kind, ?) = ?", p, 3, &n)) != DM_OK)
		return st;
	return n > 0 ? DM_OK : DM_ENOTFOUND;
}

dm_status
outbox_due_now(struct db *db, long long id, const char *kind_prefix,
    const char *subject, const char *body, int *done)
{
	struct dm_value p[5];
	uint64_t n = 0;
	dm_status st;

	*done = 0;
	if (kind_prefix == NULL || kind_prefix[0] == '\0' ||
	    (subject != NULL && !outbox_line_ok(subject, OUTBOX_SUBJECT_MAX)))
		return DM_EINPUT;
	if (body != NULL && (strlen(body) >= OUTBOX_BODY_MAX ||
	    !val_utf8(body, strlen(body))))
		return DM_EINPUT;
	p[0] = DM_VTEXT(subject);
	p[1] = DM_VTEXT(body);
	p[2] = DM_VINT(id);
	p[3] = DM_VINT((long long)strlen(kind_prefix));
	p[4] = DM_VTEXT(kind_prefix);
	/* Due now and dated when it was queued (the mailer's Date is
	 * send_after, else created_at). */
	if ((st = db_exec(db, "UPDATE outbox SET subject = COALESCE(?, "
	    "subject), body = COALESCE(?, body), send_after = NULL, "
	    "next_attempt_at = UTC_TIMESTAMP(6) WHERE id = ? AND status = "
	    "'pending' AND LEFT(kind, ?) = ?", p, 5, &n, NULL)) != DM_OK)
		return st;
	*done = n > 0;
	return DM_OK;
}

void
outbox_policy_init(struct outbox_policy *p, const struct config *cfg)
{
	p->retry_base = cfg->mail_retry_base;
	p->retry_max = cfg->mail_retry_max;
	p->stale_after = 5 * cfg->mail_timeout;
	if (p->stale_after < OUTBOX_STALE_MIN)
		p->stale_after = OUTBOX_STALE_MIN;
}

long long
outbox_backoff(long long base, int failures)
{
	long long d = base < 1 ? 1 : base;

	for (int i = 1; i < failures && d < OUTBOX_BACKOFF_MAX; i++)
		d *= 2;
	return d < OUTBOX_BACKOFF_MAX ? d : OUTBOX_BACKOFF_MAX;
}

static void
outbox_item_free(struct outbox_item *it)
{
	free(it->to_addr);
	free(it->to_name);
	free(it->subject);
	free(it->body);
	free(it->kind);
	free(it->lang);
	free(it->message_id);
	memset(it, 0, sizeof(*it));
}

void
outbox_batch_free(struct outbox_batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		outbox_item_free(&b->v[i]);
	free(b->v);
	b->v = NULL;
	b->n = 0;
}

static char *
outbox_col(const struct dm_value *c)
{
	char *s;

	if (c->type != DM_V_TEXT && c->type != DM_V_BLOB)
		return NULL;
	s = strndup(c->s, c->len);
	if (s == NULL)
		log_fatal("out of memory");
	return s;
}

struct outbox_claim_ctx {
	struct db		*db;
	const char		*owner;
	int			 max;
	struct outbox_batch	 b;
};

static dm_status
outbox_claim_row(void *arg, const struct dm_value *c, size_t n)
{
	struct outbox_claim_ctx *x = arg;
	struct outbox_item *it;
	void *v;

	if (n != 10 || c[0].type != DM_V_INT || c[1].type != DM_V_INT ||
	    c[9].type != DM_V_INT)
		return DM_EINTERNAL;
	v = realloc(x->b.v, (x->b.n + 1) * sizeof(*x->b.v));
	if (v == NULL)
		log_fatal("out of memory");
	x->b.v = v;
	it = &x->b.v[x->b.n++];
	it->id = c[0].i;
	it->attempts = (int)c[1].i;
	it->to_addr = outbox_col(&c[2]);
	it->to_name = outbox_col(&c[3]);
	it->subject = outbox_col(&c[4]);
	it->body = outbox_col(&c[5]);
	it->kind = outbox_col(&c[6]);
	it->lang = outbox_col(&c[7]);
	it->message_id = outbox_col(&c[8]);
	it->created = c[9].i;
	if (it->to_addr == NULL || it->subject == NULL || it->body == NULL ||
	    it->kind == NULL || it->lang == NULL || it->message_id == NULL)
		return DM_EINTERNAL;
	return DM_OK;
}

/*
 * "<head> AND id IN (?, ?, ...)" with a power of two of places, at least
 * n (the ids after p[first] repeat the last one, which changes nothing):
 * a batch of any size is one statement, and one of few prepared shapes.
 * The ids of v go into p from p[first]; returns how many places in all.
 */
static size_t
outbox_in_list(char *sql, size_t size, const char *head,
    struct dm_value *p, size_t first, const long long *v, size_t n)
{
	size_t places = 1, len;

	while (places < n)
		places *= 2;
	len = (size_t)snprintf(sql, size, "%s AND id IN (?", head);
	for (size_t i = 1; i < places && len + 4 < size; i++) {
		memcpy(sql + len, ", ?", 3);
		len += 3;
	}
	snprintf(sql + len, size - len, ")");
	for (size_t i = 0; i < places; i++)
		p[first + i] = DM_VINT(v[i < n ? i : n - 1]);
	return first + places;
}

/* The longest IN list: a batch (mail.batch is at most 1000). */
#define OUTBOX_IN_MAX		OUTBOX_BATCH_MAX
#define OUTBOX_IN_SQL		(OUTBOX_IN_MAX * 3 + 300)

struct outbox_ids_ctx {
	const long long	*v;
	size_t		 n;
	unsigned char	*keep;		/* keep[i]: v[i] was found */
};

static dm_status
outbox_ids_row(void *arg, const struct dm_value *c, size_t n)
{
	struct outbox_ids_ctx *x = arg;

	if (n != 1 || c[0].type != DM_V_INT)
		return DM_EINTERNAL;
	for (size_t i = 0; i < x->n; i++)
		if (x->v[i] == c[0].i)
			x->keep[i] = 1;
	return DM_OK;
}

/*
 * Of the n ids in v, those that are owner's in the given status: keep[i]
 * set for each. Only asked when one statement for all of them changed
 * fewer rows than n (a claim lost meanwhile), to say which.
 */
static dm_status
outbox_owned(struct db *db, const char *owner, const char *status,
    const long long *v, size_t n, unsigned char *keep)
{
	struct dm_value p[OUTBOX_IN_MAX + 2];
	struct outbox_ids_ctx x = { v, n, keep };
	char sql[OUTBOX_IN_SQL];
	size_t np;

	memset(keep, 0, n);
	p[0] = DM_VTEXT(status);
	p[1] = DM_VTEXT(owner);
	np = outbox_in_list(sql, sizeof(sql), "SELECT id FROM outbox WHERE "
	    "status = ? AND claimed_by = ?", p, 2, v, n);
	return db_query(db, sql, p, np, outbox_ids_row, &x);
}

/* May run more than once (db_tx retries): starts from an empty batch. */
static dm_status
outbox_claim_tx(void *arg)
{
	struct outbox_claim_ctx *x = arg;
	struct dm_value p[OUTBOX_IN_MAX + 1];
	long long ids[OUTBOX_IN_MAX];
	unsigned char mine[OUTBOX_IN_MAX];
	char sql[OUTBOX_IN_SQL];
	uint64_t affected = 0;
	size_t kept = 0, np;
	dm_status st;

	outbox_batch_free(&x->b);
	p[0] = DM_VINT(x->max);
	/* The session's time zone is UTC (db.c), as created_at is. */
	st = db_query(x->db, "SELECT id, attempts, to_addr, to_name, subject, "
	    "body, kind, lang, message_id, CAST(UNIX_TIMESTAMP(COALESCE("
	    "send_after, created_at)) AS "
	    "SIGNED) FROM outbox WHERE status = 'pending' AND next_attempt_at "
	    "<= UTC_TIMESTAMP(6) ORDER BY next_attempt_at, id LIMIT ? "
	    "FOR UPDATE SKIP LOCKED", p, 1, outbox_claim_row, x);
	if (st != DM_OK || x->b.n == 0)
		return st;
	/* The rows found, claimed in one statement (x->max is at most
	 * OUTBOX_IN_MAX: outbox_claim). */
	for (size_t i = 0; i < x->b.n; i++)
		ids[i] = x->b.v[i].id;
	p[0] = DM_VTEXT(x->owner);
	np = outbox_in_list(sql, sizeof(sql), "UPDATE outbox SET status = "
	    "'sending', claimed_by = ?, claimed_at = UTC_TIMESTAMP(6) WHERE "
	    "status = 'pending'", p, 1, ids, x->b.n);
	if ((st = db_exec(x->db, sql, p, np, &affected, NULL)) != DM_OK)
		return st;
	if (affected == x->b.n)
		return DM_OK;
	/* Some taken by another node meanwhile (Galera locks only locally;
	 * READ COMMITTED sees its commit): those are not ours. */
	if ((st = outbox_owned(x->db, x->owner, "sending", ids, x->b.n,
	    mine)) != DM_OK)
		return st;
	for (size_t i = 0; i < x->b.n; i++) {
		if (!mine[i]) {
			outbox_item_free(&x->b.v[i]);
			continue;
		}
		if (kept != i)
			x->b.v[kept] = x->b.v[i];
		kept++;
	}
	x->b.n = kept;
	return DM_OK;
}

dm_status
outbox_claim(struct db *db, const char *owner, int max,
    struct outbox_batch *b)
{
	struct outbox_claim_ctx x = { db, owner, max, { NULL, 0 } };
	dm_status st;

	outbox_batch_free(b);
	if (max < 1 || max > OUTBOX_IN_MAX || owner == NULL ||
	    owner[0] == '\0')
		return DM_EINPUT;
	/*
	 * Under REPEATABLE READ the locking scan would also lock the gap
	 * after the last pending row, which is exactly where a request
	 * inserts new mail. The setting is per session and lost on a
	 * reconnect, so it is made before every claim.
	 */
	if (!db_in_tx(db)) {
		st = db_exec(db, "SET SESSION TRANSACTION ISOLATION LEVEL "
		    "READ COMMITTED", NULL, 0, NULL, NULL);
		if (st != DM_OK)
			return st;
	}
	st = db_tx(db, outbox_claim_tx, &x);
	if (st != DM_OK) {
		outbox_batch_free(&x.b);
		return st;
	}
	*b = x.b;
	return DM_OK;
}

/* Runs a transition guarded by owner; DM_ENOTFOUND if no row changed. */
static dm_status
outbox_guarded(struct db *db, const char *sql, const struct dm_value *p,
    size_t n)
{
	uint64_t affected = 0;
	dm_status st;

	st = db_exec(db, sql, p, n, &affected, NULL);
	if (st != DM_OK)
		return st;
	return affected > 0 ? DM_OK : DM_ENOTFOUND;
}

dm_status
outbox_touch(struct db *db, long long id, const char *owner)
{
	struct dm_value p[2] = { DM_VINT(id), DM_VTEXT(owner) };

	return outbox_guarded(db, "UPDATE outbox SET claimed_at = "
	    "UTC_TIMESTAMP(6) WHERE id = ? AND status = 'sending' AND "
	    "claimed_by = ?", p, 2);
}

dm_status
outbox_mark_sent(struct db *db, long long id, const char *owner)
{
	unsigned char marked;

	return outbox_mark_sent_many(db, &id, 1, owner, &marked);
}

dm_status
outbox_mark_sent_many(struct db *db, const long long *ids, size_t n,
    const char *owner, unsigned char *marked)
{
	struct dm_value p[OUTBOX_IN_MAX + 1];
	char sql[OUTBOX_IN_SQL];
	uint64_t affected = 0;
	size_t np;
	dm_status st;

	if (n == 0)
		return DM_OK;
	if (n > OUTBOX_IN_MAX || owner == NULL)
		return DM_EINPUT;
	/* One statement and one commit for the lot; claimed_by stays. */
	p[0] = DM_VTEXT(owner);
	np = outbox_in_list(sql, sizeof(sql), "UPDATE outbox SET status = "
	    "'sent', sent_at = UTC_TIMESTAMP(6) WHERE status = 'sending' AND "
	    "claimed_by = ?", p, 1, ids, n);
	if ((st = db_exec(db, sql, p, np, &affected, NULL)) != DM_OK)
		return st;
	if (affected == n) {
		memset(marked, 1, n);
		return DM_OK;
	}
	/* A claim lost meanwhile (expired and reaped): which ones. */
	if ((st = outbox_owned(db, owner, "sent", ids, n, marked)) != DM_OK)
		return st;
	return DM_ENOTFOUND;
}

/* Printable ASCII only (libcurl's and the relay's words), at most max. */
static void
outbox_clean_error(const char *why, char *out, size_t max)
{
	size_t n = 0;

	for (; why != NULL && why[n] != '\0' && n < max; n++)
		out[n] = why[n] >= ' ' && why[n] <= '~' ? why[n] : ' ';
	out[n] = '\0';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
	if (n == 0)
		snprintf(out, max + 1, "unknown error");
}

dm_status
outbox_mark_failed(struct db *db, const char *owner,
    const struct outbox_item *it, const char *why, int permanent,
    const struct outbox_policy *pol, enum outbox_fate *fate)
{
	struct dm_value p[5];
	char err[OUTBOX_ERROR_MAX + 1];
	int failures = it->attempts + 1;
	enum outbox_fate f;
	dm_status st;

	f = permanent || failures >= pol->retry_max ? OUTBOX_FAILED :
	    OUTBOX_RETRY;
	outbox_clean_error(why, err, OUTBOX_ERROR_MAX);
	p[0] = DM_VTEXT(f == OUTBOX_FAILED ? "failed" : "pending");
	p[1] = DM_VTEXT(err);
	p[2] = DM_VINT(f == OUTBOX_FAILED ? 0 :
	    outbox_backoff(pol->retry_base, failures));
	p[3] = DM_VINT(it->id);
	p[4] = DM_VTEXT(owner);
	st = outbox_guarded(db, "UPDATE outbox SET status = ?, attempts = "
	    "attempts + 1, last_error = ?, next_attempt_at = UTC_TIMESTAMP(6) "
	    "+ INTERVAL ? SECOND, claimed_by = NULL, claimed_at = NULL "
	    "WHERE id = ? AND status = 'sending' AND claimed_by = ?", p, 5);
	if (st == DM_OK && fate != NULL)
		*fate = f;
	return st;
}

dm_status
outbox_release(struct db *db, long long id, const char *owner)
{
	struct dm_value p[2] = { DM_VINT(id), DM_VTEXT(owner) };

	return outbox_guarded(db, "UPDATE outbox SET status = 'pending', "
	    "claimed_by = NULL, claimed_at = NULL WHERE id = ? AND status = "
	    "'sending' AND claimed_by = ?", p, 2);
}

dm_status
outbox_reap(struct db *db, const struct outbox_policy *pol, uint64_t *n)
{
	struct dm_value p[2];
	uint64_t affected = 0;
	dm_status st;

	/* Assignments run left to right: status and last_error still see
	 * the old attempts and claimed_by. */
	p[0] = DM_VINT(pol->retry_max);
	p[1] = DM_VINT(pol->stale_after);
	st = db_exec(db, "UPDATE outbox SET status = IF(attempts + 1 >= ?, "
	    "'failed', 'pending'), last_error = CONCAT('claim by ', "
	    "COALESCE(claimed_by, '?'), ' expired: its mailer stopped before "
	    "recording the outcome'), attempts = attempts + 1, claimed_by = "
	    "NULL, claimed_at = NULL, next_attempt_at = UTC_TIMESTAMP(6) "
	    "WHERE status = 'sending' AND (claimed_at IS NULL OR claimed_at < "
	    "UTC_TIMESTAMP(6) - INTERVAL ? SECOND)", p, 2, &affected, NULL);
	if (n != NULL)
		*n = st == DM_OK ? affected : 0;
	return st;
}

static dm_status
backlog_row(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	if (n < 2)
		return DM_EINTERNAL;
	v[0] = c[0].i;
	v[1] = c[1].type == DM_V_NULL ? 0 : c[1].i;
	return DM_OK;
}

dm_status
outbox_backlog(struct db *db, long long *n, long long *age)
{
	long long v[2] = { 0, 0 };
	dm_status st;

	st = db_query(db, "SELECT COUNT(*), TIMESTAMPDIFF(SECOND, "
	    "MIN(created_at), UTC_TIMESTAMP(6)) FROM outbox WHERE status IN "
	    "('pending', 'sending')", NULL, 0, backlog_row, v);
	*n = v[0];
	*age = v[1];
	return st;
}
