/*
 * dimos_mailer.c - dimos-mailer: delivers the outbox over SMTP (libcurl).
 * Owns the loop (expire, claim, send, record, sleep), stopping cleanly on
 * SIGTERM/SIGINT, and --send-test (queues a test message, for operators).
 */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "localtime.h"
#include "log.h"
#include "mime.h"
#include "outbox.h"
#include "validate.h"

/* Sleep after a database failure grows to this (milliseconds). */
#define MAILER_DB_BACKOFF_MAX	30000LL
/* How long a stopping mailer keeps trying to record a sent message. */
#define MAILER_STOP_GRACE_MS	5000.0

struct mailer {
	const struct config	*cfg;
	struct db		*db;
	CURL			*curl;
	struct outbox_policy	 pol;
	char			 owner[100];	/* claimed_by: "host:pid" */
	char			 from_name[256];
	char			 from_addr[256];
	char			 envelope_from[260];	/* "<addr>" */
	char			 curl_err[CURL_ERROR_SIZE];
};

static volatile sig_atomic_t mailer_stopping;
static int mailer_wake[2] = { -1, -1 };

static void
mailer_on_signal(int sig)
{
	int saved = errno;
	ssize_t r;

	(void)sig;
	mailer_stopping = 1;
	r = write(mailer_wake[1], "x", 1);
	(void)r;
	errno = saved;
}

static int
mailer_signals(void)
{
	struct sigaction sa;

	if (pipe2(mailer_wake, O_CLOEXEC | O_NONBLOCK) != 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = mailer_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* A relay closing a TLS connection must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* Sleeps up to ms, waking at once on SIGTERM/SIGINT. */
static void
mailer_sleep(long long ms)
{
	struct pollfd pfd = { .fd = mailer_wake[0], .events = POLLIN };
	char drain[16];

	if (mailer_stopping || ms <= 0)
		return;
	if (poll(&pfd, 1, ms > 3600000 ? 3600000 : (int)ms) > 0)
		while (read(mailer_wake[0], drain, sizeof(drain)) > 0)
			;
}

/* Sleeps ms whatever the signals say (recording what was sent). */
static void
mailer_nap(long long ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

struct mailer_upload {
	const char	*p;
	size_t		 len;
	size_t		 off;
};

static size_t
mailer_read(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct mailer_upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->len - u->off)
		n = u->len - u->off;
	memcpy(buf, u->p + u->off, n);
	u->off += n;
	return n;
}

/* The options every message shares; the connection is reused. */
static int
mailer_curl_init(struct mailer *m)
{
	const struct config *c = m->cfg;
	long ssl = CURLUSESSL_NONE;
	CURL *h;

	h = curl_easy_init();
	if (h == NULL)
		return -1;
	/* starttls: STARTTLS when the relay offers it; required: TLS or no
	 * delivery (smtps:// is TLS from the start whatever this says). */
	if (strcmp(c->mail_tls, "starttls") == 0)
		ssl = CURLUSESSL_TRY;
	else if (strcmp(c->mail_tls, "required") == 0)
		ssl = CURLUSESSL_ALL;
	if (curl_easy_setopt(h, CURLOPT_URL, c->mail_smtp_url) != CURLE_OK ||
#if LIBCURL_VERSION_NUM >= 0x075500
	    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps") !=
	    CURLE_OK ||
#endif
	    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
	    (long)c->mail_timeout) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)c->mail_timeout) !=
	    CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_USE_SSL, ssl) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_MAIL_FROM, m->envelope_from) !=
	    CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L) != CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_READFUNCTION, mailer_read) !=
	    CURLE_OK ||
	    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, m->curl_err) !=
	    CURLE_OK) {
		curl_easy_cleanup(h);
		return -1;
	}
	if (c->mail_username != NULL && c->mail_username[0] != '\0' &&
	    (curl_easy_setopt(h, CURLOPT_USERNAME, c->mail_username) !=
	    CURLE_OK || curl_easy_setopt(h, CURLOPT_PASSWORD,
	    c->mail_password != NULL ? c->mail_password : "") != CURLE_OK)) {
		curl_easy_cleanup(h);
		return -1;
	}
	m->curl = h;
	return 0;
}

/*
 * Sends one message. 0 once the relay accepted it; otherwise -1 with the
 * reason in why and *permanent set when retrying cannot help: the relay
 * refused the recipient with a 5xx reply to RCPT TO (no such mailbox, a
 * refused domain), or the row cannot be made into a message. Any other
 * 5xx (MAIL FROM, DATA) is retried: it is far more often our relay's
 * configuration than the message, and the operator can fix that.
 */
static int
mailer_send(struct mailer *m, const struct outbox_item *it, char *why,
    size_t whysz, int *permanent)
{
	struct mime_buf msg = { NULL, 0, 0 };
	struct mime_msg mm;
	struct mailer_upload up;
	struct curl_slist *rcpt = NULL;
	char to[260];
	long code = 0;
	CURLcode rc;
	int ret = -1;

	*permanent = 0;
	memset(&mm, 0, sizeof(mm));
	mm.from_name = m->from_name;
	mm.from_addr = m->from_addr;
	mm.to_name = it->to_name;
	mm.to_addr = it->to_addr;
	mm.subject = it->subject;
	mm.body = it->body;
	mm.message_id = it->message_id;
	mm.lang = it->lang;
	mm.date = it->created > 0 ? (time_t)it->created : time(NULL);
	if (mime_compose(&msg, &mm) != DM_OK ||
	    snprintf(to, sizeof(to), "<%s>", it->to_addr) >= (int)sizeof(to)) {
		snprintf(why, whysz, "cannot compose the message: a header "
		    "value is invalid");
		*permanent = 1;
		goto out;
	}
	rcpt = curl_slist_append(NULL, to);
	if (rcpt == NULL)
		log_fatal("out of memory");
	up.p = msg.p;
	up.len = msg.len;
	up.off = 0;
	m->curl_err[0] = '\0';
	curl_easy_setopt(m->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(m->curl, CURLOPT_READDATA, &up);
	curl_easy_setopt(m->curl, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)msg.len);
	rc = curl_easy_perform(m->curl);
	curl_easy_getinfo(m->curl, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_setopt(m->curl, CURLOPT_MAIL_RCPT, NULL);
	curl_easy_setopt(m->curl, CURLOPT_READDATA, NULL);
	if (rc == CURLE_OK) {
		ret = 0;
		goto out;
	}
	snprintf(why, whysz, "%s (curl %d, SMTP reply %ld)",
	    m->curl_err[0] != '\0' ? m->curl_err : curl_easy_strerror(rc),
	    (int)rc, code);
	/* libcurl words a refused recipient "RCPT failed: <code>". */
	*permanent = code >= 500 && code <= 599 &&
	    strncmp(m->curl_err, "RCPT", 4) == 0;
out:
	curl_slist_free_all(rcpt);
	mime_buf_free(&msg);
	return ret;
}

/*
 * Messages the relay has, not yet recorded as sent: recorded together,
 * one statement and one commit for a batch's sends (outbox_mark_sent_many)
 * instead of one per message, when the batch ends or the oldest of them
 * has waited MAILER_RECORD_MS. A mailer that dies before recording them
 * leaves their claims to expire, and they are sent a second time: the
 * duplicate window outbox_reap describes, at most one batch wide.
 */
#define MAILER_RECORD_MS	1000.0

struct mailer_sent {
	const struct outbox_item **v;	/* into the batch */
	size_t			 n;
	double			 oldest_ms;	/* log_now_ms of v[0]'s send */
};

/*
 * Records s's messages as sent, trying again while the database is away.
 * Giving up leaves their claims to expire, and they are sent again.
 */
static void
mailer_record_sent(struct mailer *m, struct mailer_sent *s)
{
	double start = log_now_ms(), limit;
	long long pause = 250;
	long long ids[OUTBOX_BATCH_MAX];
	unsigned char marked[OUTBOX_BATCH_MAX];
	dm_status st;

	if (s->n == 0)
		return;
	for (size_t i = 0; i < s->n; i++)
		ids[i] = s->v[i]->id;
	for (;;) {
		st = outbox_mark_sent_many(m->db, ids, s->n, m->owner, marked);
		if (st == DM_OK || st == DM_ENOTFOUND)
			break;
		limit = mailer_stopping ? MAILER_STOP_GRACE_MS :
		    (double)m->pol.stale_after * 1000.0 / 2;
		if (log_now_ms() - start > limit) {
			for (size_t i = 0; i < s->n; i++)
				log_error("sent id=%lld to=%s kind=%s, but the "
				    "database cannot record it: it will be "
				    "sent again when its claim expires",
				    s->v[i]->id, s->v[i]->to_addr,
				    s->v[i]->kind);
			s->n = 0;
			return;
		}
		mailer_nap(pause);
		pause = pause < 4000 ? pause * 2 : 5000;
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct outbox_item *it = s->v[i];

		if (marked[i])
			log_info("sent id=%lld to=%s kind=%s attempt=%d",
			    it->id, it->to_addr, it->kind, it->attempts + 1);
		else
			log_warn("sent id=%lld to=%s kind=%s, but its claim "
			    "had expired meanwhile: it may be delivered twice",
			    it->id, it->to_addr, it->kind);
	}
	s->n = 0;
}

static void
mailer_record_failed(struct mailer *m, const struct outbox_item *it,
    const char *why, int permanent)
{
	enum outbox_fate fate = OUTBOX_RETRY;
	int n = it->attempts + 1;
	dm_status st;

	st = outbox_mark_failed(m->db, m->owner, it, why, permanent, &m->pol,
	    &fate);
	if (st == DM_ENOTFOUND) {
		log_warn("not sent id=%lld to=%s kind=%s: %s (its claim had "
		    "expired meanwhile)", it->id, it->to_addr, it->kind, why);
	} else if (st != DM_OK) {
		log_error("not sent id=%lld to=%s kind=%s attempts=%d: %s; "
		    "cannot record it (it is retried when its claim expires)",
		    it->id, it->to_addr, it->kind, n, why);
	} else if (fate == OUTBOX_FAILED) {
		log_error("failed id=%lld to=%s kind=%s attempts=%d: %s (%s)",
		    it->id, it->to_addr, it->kind, n, why, permanent ?
		    "permanent refusal" : "giving up after mail.retry_max "
		    "attempts");
	} else {
		log_warn("retry id=%lld to=%s kind=%s attempts=%d in %llds: %s",
		    it->id, it->to_addr, it->kind, n,
		    outbox_backoff(m->pol.retry_base, n), why);
	}
}

/*
 * Sends a batch claimed at claimed_ms (log_now_ms, taken before the claim);
 * what is left when stopping is given back. -1 if the database went away.
 *
 * A message's claim is renewed (outbox_touch, one write and one commit)
 * before it is sent only once the batch is old enough for its claims to
 * come near expiring: until half of stale_after has passed since the
 * claim, no claim of the batch can have expired, nor expire before the
 * send ends (a send takes at most mail.timeout, a fifth of stale_after),
 * so the renewal would change nothing but cost a commit per message.
 */
static int
mailer_batch(struct mailer *m, struct outbox_batch *b, double claimed_ms)
{
	char why[CURL_ERROR_SIZE + 64];
	struct mailer_sent sent = { NULL, 0, 0 };
	size_t i, left;
	int permanent, rc = 0;
	dm_status st;

	sent.v = calloc(b->n ? b->n : 1, sizeof(*sent.v));
	if (sent.v == NULL)
		log_fatal("out of memory");
	for (i = 0; i < b->n && !mailer_stopping; i++) {
		const struct outbox_item *it = &b->v[i];

		st = log_now_ms() - claimed_ms < (double)m->pol.stale_after *
		    1000.0 / 2 ? DM_OK : outbox_touch(m->db, it->id, m->owner);
		if (st == DM_ENOTFOUND) {
			log_warn("id=%lld: claim expired before sending; left "
			    "to the mailer that has it now", it->id);
			continue;
		}
		if (st != DM_OK) {
			rc = -1;
			break;
		}
		if (mailer_send(m, it, why, sizeof(why), &permanent) == 0) {
			if (sent.n == 0)
				sent.oldest_ms = log_now_ms();
			sent.v[sent.n++] = it;
		} else {
			mailer_record_failed(m, it, why, permanent);
		}
		if (sent.n > 0 && log_now_ms() - sent.oldest_ms >=
		    MAILER_RECORD_MS)
			mailer_record_sent(m, &sent);
	}
	mailer_record_sent(m, &sent);
	free(sent.v);
	for (left = 0; i < b->n; i++)
		if (outbox_release(m->db, b->v[i].id, m->owner) == DM_OK)
			left++;
	if (left > 0)
		log_info("gave back %zu claimed messages unsent", left);
	return rc;
}

static int
mailer_run(struct mailer *m, int once)
{
	struct outbox_batch b = { NULL, 0 };
	long long pause = m->cfg->mail_poll * 1000;
	uint64_t n = 0;
	int full, rc = 0;
	double claimed_ms;

	while (!mailer_stopping) {
		claimed_ms = log_now_ms();
		if (outbox_reap(m->db, &m->pol, &n) != DM_OK ||
		    outbox_claim(m->db, m->owner, m->cfg->mail_batch, &b) !=
		    DM_OK) {
			if (once) {
				rc = 1;
				break;
			}
			/* db.c logged it; back off while it is away. */
			pause = pause * 2 < MAILER_DB_BACKOFF_MAX ? pause * 2 :
			    MAILER_DB_BACKOFF_MAX;
			mailer_sleep(pause);
			continue;
		}
		pause = m->cfg->mail_poll * 1000;
		if (n > 0)
			log_warn("released %llu messages whose claims expired "
			    "(their mailer stopped); they are retried",
			    (unsigned long long)n);
		full = b.n == (size_t)m->cfg->mail_batch;
		if (mailer_batch(m, &b, claimed_ms) != 0)
			full = 0;
		outbox_batch_free(&b);
		/* A full batch means more may be due: no sleep. */
		if (full)
			continue;
		if (once)
			break;
		mailer_sleep(pause);
	}
	return rc;
}

struct mailer_test {
	struct db		*db;
	struct outbox_msg	*msg;
	long long		 id;
};

static dm_status
mailer_test_tx(void *arg)
{
	struct mailer_test *t = arg;

	return outbox_add_id(t->db, t->msg, &t->id);
}

/* Copies at most outsz - 1 bytes of UTF-8 s, never half a character. */
static const char *
mailer_clip(const char *s, char *out, size_t outsz)
{
	size_t n = strlen(s);

	if (n >= outsz) {
		n = outsz - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out, s, n);
	out[n] = '\0';
	return out;
}

/* Queues a short message, Greek first, and prints its id. */
static int
mailer_send_test(struct mailer *m, const char *addr)
{
	const struct config *c = m->cfg;
	char subject[400], body[2048], host[64] = "", date[96];
	char el[100], en[100];
	struct outbox_msg msg;
	struct mailer_test t = { m->db, &msg, 0 };
	dm_status st;

	if (!val_email(addr)) {
		fprintf(stderr, "dimos-mailer: '%s' is not an e-mail address "
		    "we can send to\n", addr);
		return 2;
	}
	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	/* Read by a person: the municipality's time, its zone said (the
	 * Date header is the machine's, with its offset). */
	{
		time_t now = time(NULL);
		struct tm lt;

		localtime_r(&now, &lt);
		strftime(date, sizeof(date), "%Y-%m-%d %H:%M %z", &lt);
		snprintf(date + strlen(date), sizeof(date) - strlen(date),
		    " (%s)", lt_zone());
	}
	mailer_clip(c->mun_name_el, el, sizeof(el));
	mailer_clip(c->mun_name_en, en, sizeof(en));
	snprintf(subject, sizeof(subject), "Δοκιμαστικό μήνυμα — %s / "
	    "Test message — %s", el, en);
	snprintf(body, sizeof(body),
	    "Αυτό είναι ένα δοκιμαστικό μήνυμα της υπηρεσίας ηλεκτρονικού "
	    "ταχυδρομείου του Dimos για τον φορέα «%s». Αν το λάβατε, η "
	    "αποστολή μηνυμάτων λειτουργεί. Δεν χρειάζεται να απαντήσετε.\n"
	    "\n"
	    "This is a test message from the Dimos e-mail service for "
	    "\"%s\". If you received it, sending e-mail works. There is "
	    "no need to reply.\n"
	    "\n"
	    "-- \n"
	    "dimos-mailer, %s, %s\n", el, en, host, date);
	memset(&msg, 0, sizeof(msg));
	msg.to_addr = addr;
	msg.subject = subject;
	msg.body = body;
	msg.kind = "test";
	msg.lang = "el";
	st = db_tx(m->db, mailer_test_tx, &t);
	if (st != DM_OK) {
		fprintf(stderr, "dimos-mailer: cannot queue the test message "
		    "(see above)\n");
		return 1;
	}
	printf("queued test message %lld to %s\n", t.id, addr);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: dimos-mailer [-c config] [-p pidfile] "
	    "[--once] [--send-test ADDRESS]\n"
	    "  -c FILE              configuration (default "
	    "/etc/dimos/dimos.ini)\n"
	    "  -p FILE              write our pid to FILE\n"
	    "  --once               send what is due now, then exit\n"
	    "  --send-test ADDRESS  queue a test message to ADDRESS and exit\n"
	    "  -V                   print the version\n");
}

/* The relay for the log, without credentials a URL might carry. */
static const char *
mailer_relay(const char *url, char *buf, size_t bufsz)
{
	const char *at = strchr(url, '@'), *sep = strstr(url, "://");

	if (at == NULL || sep == NULL || at < sep)
		return url;
	snprintf(buf, bufsz, "%.*s://%s", (int)(sep - url), url, at + 1);
	return buf;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "pid-file", required_argument, NULL, 'p' },
		{ "once", no_argument, NULL, 'o' },
		{ "send-test", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *path = "/etc/dimos/dimos.ini", *pid_file = NULL;
	const char *test_addr = NULL;
	struct config cfg;
	struct mailer m;
	char err[2048], host[256] = "", relay[512];
	int c, once = 0, rc = 1, curl_up = 0, wrote_pid = 0;

	while ((c = getopt_long(argc, argv, "c:p:Vh", opts, NULL)) != -1) {
		switch (c) {
		case 'c': path = optarg; break;
		case 'p': pid_file = optarg; break;
		case 'o': once = 1; break;
		case 't': test_addr = optarg; break;
		case 'V':
			printf("dimos-mailer %s\n", DIMOS_VERSION);
			return 0;
		default:
			usage();
			return 2;
		}
	}
	if (optind != argc) {
		usage();
		return 2;
	}
	log_set_tag("dimos-mailer", -1);
	memset(&cfg, 0, sizeof(cfg));
	memset(&m, 0, sizeof(m));
	if (config_load(path, &cfg, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "dimos-mailer: %s\n", err);
		return 1;
	}
	log_set_level((enum dm_log_level)cfg.log_level);
	m.cfg = &cfg;
	/* The municipality's zone for what a person reads (log lines stay
	 * UTC, marked Z). */
	lt_init(&cfg);
	outbox_init(&cfg);
	outbox_policy_init(&m.pol, &cfg);
	if (test_addr != NULL) {
		if (db_open(&cfg, 0, &m.db) != DM_OK) {
			fprintf(stderr, "dimos-mailer: cannot connect to the "
			    "database (see above)\n");
			goto out;
		}
		rc = mailer_send_test(&m, test_addr);
		goto out;
	}
	if (mime_split_mailbox(cfg.mail_from, m.from_name,
	    sizeof(m.from_name), m.from_addr, sizeof(m.from_addr)) != DM_OK) {
		log_error("mail.from: '%s' is not \"Name <address>\" or an "
		    "address", cfg.mail_from);
		goto out;
	}
	snprintf(m.envelope_from, sizeof(m.envelope_from), "<%s>",
	    m.from_addr);
	if (gethostname(host, sizeof(host) - 1) != 0)
		snprintf(host, sizeof(host), "localhost");
	snprintf(m.owner, sizeof(m.owner), "%.80s:%d", host, (int)getpid());
	if (mailer_signals() != 0) {
		log_error("cannot set up signal handling: %s",
		    strerror(errno));
		goto out;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_error("libcurl cannot be initialised");
		goto out;
	}
	curl_up = 1;
	if (mailer_curl_init(&m) != 0) {
		log_error("libcurl refused the [mail] settings");
		goto out;
	}
	if (cfg.mail_username != NULL && strcmp(cfg.mail_tls, "required") &&
	    strncmp(cfg.mail_smtp_url, "smtps://", 8) != 0)
		log_warn("mail.username is set but TLS is not required: the "
		    "password may cross the network in clear");
	/* A database that is down is not fatal: each scan reconnects. */
	db_open(&cfg, 0, &m.db);
	if (pid_file != NULL) {
		FILE *fp = fopen(pid_file, "w");

		if (fp == NULL) {
			log_error("cannot write %s: %s", pid_file,
			    strerror(errno));
			goto out;
		}
		fprintf(fp, "%d\n", (int)getpid());
		fclose(fp);
		wrote_pid = 1;
	}
	log_info("started as %s: relay %s (tls %s), batch %d, poll %llds, "
	    "retries %llds doubling up to %d attempts, claims expire after "
	    "%llds%s", m.owner, mailer_relay(cfg.mail_smtp_url, relay,
	    sizeof(relay)), cfg.mail_tls, cfg.mail_batch, cfg.mail_poll,
	    cfg.mail_retry_base, cfg.mail_retry_max, m.pol.stale_after,
	    once ? ", once" : "");
	rc = mailer_run(&m, once);
	log_info("stopped");
out:
	if (wrote_pid)
		unlink(pid_file);
	if (m.curl != NULL)
		curl_easy_cleanup(m.curl);
	if (curl_up)
		curl_global_cleanup();
	db_close(m.db);
	config_free(&cfg);
	return rc;
}
