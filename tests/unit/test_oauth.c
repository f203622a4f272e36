/*
 * test_oauth.c - unit tests of the TaxisNet OAuth2 client (core/src/oauth.c).
 * Owns: one mock provider (tests/oauth-provider.py) for the whole group,
 * started on a free loopback port and stopped with SIGTERM at the end.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "config.h"
#include "oauth.h"

#define CLIENT_ID	"dimos-test"
#define CLIENT_SECRET	"s3cret of the test client"
#define REDIRECT	"http://127.0.0.1:18080/login/taxisnet/callback"
#define PROVIDER	DIMOS_SOURCE_DIR "/tests/oauth-provider.py"

static struct {
	pid_t		pid;
	int		port;
	char		dir[64];
	char		portfile[96];
	char		base[64];
	char		authorize[128];
	char		token[128];
	char		userinfo[128];
	char		client_id[32];
	char		client_secret[64];
	char		scope[16];
	struct config	cfg;
} prov;

/* ---------------------------------------------------------- the provider */

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
read_port(const char *path)
{
	FILE	*f;
	int	 port = 0;

	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%d", &port) != 1)
		port = 0;
	fclose(f);
	return port;
}

static int
provider_start(void **state)
{
	double	deadline;
	int	status;

	(void)state;
	strcpy(prov.dir, "/tmp/dimos-test-oauth-XXXXXX");
	if (mkdtemp(prov.dir) == NULL)
		return -1;
	snprintf(prov.portfile, sizeof(prov.portfile), "%s/port", prov.dir);
	prov.pid = fork();
	if (prov.pid < 0)
		return -1;
	if (prov.pid == 0) {
		/* Never outlive a test run that crashed. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		execlp("python3", "python3", PROVIDER, "--port", "0",
		    "--port-file", prov.portfile, "--client-id", CLIENT_ID,
		    "--client-secret", CLIENT_SECRET, "--redirect-uri",
		    REDIRECT, (char *)NULL);
		perror("exec python3");
		_exit(127);
	}
	deadline = now_s() + 15;
	while ((prov.port = read_port(prov.portfile)) == 0) {
		if (now_s() > deadline ||
		    waitpid(prov.pid, &status, WNOHANG) == prov.pid) {
			fprintf(stderr, "the mock provider did not start\n");
			return -1;
		}
		usleep(20000);
	}
	snprintf(prov.base, sizeof(prov.base), "http://127.0.0.1:%d",
	    prov.port);
	snprintf(prov.authorize, sizeof(prov.authorize),
	    "%s/oauth2/authorize", prov.base);
	snprintf(prov.token, sizeof(prov.token), "%s/oauth2/token",
	    prov.base);
	/* As GSIS publishes it: with a query. */
	snprintf(prov.userinfo, sizeof(prov.userinfo),
	    "%s/oauth2/userinfo?format=xml", prov.base);
	strcpy(prov.client_id, CLIENT_ID);
	strcpy(prov.client_secret, CLIENT_SECRET);
	strcpy(prov.scope, "read");

	memset(&prov.cfg, 0, sizeof(prov.cfg));
	prov.cfg.taxis_enabled = 1;
	prov.cfg.taxis_authorize_url = prov.authorize;
	prov.cfg.taxis_token_url = prov.token;
	prov.cfg.taxis_userinfo_url = prov.userinfo;
	prov.cfg.taxis_client_id = prov.client_id;
	prov.cfg.taxis_client_secret = prov.client_secret;
	prov.cfg.taxis_scope = prov.scope;
	prov.cfg.taxis_timeout = 2;
	return 0;
}

/* SIGTERM must stop the provider cleanly (exit status 0). */
static int
provider_stop(void **state)
{
	double	deadline;
	int	status = 0, rc = -1;

	(void)state;
	if (prov.pid > 0) {
		kill(prov.pid, SIGTERM);
		deadline = now_s() + 5;
		while (waitpid(prov.pid, &status, WNOHANG) == 0) {
			if (now_s() > deadline) {
				fprintf(stderr, "the mock provider ignored "
				    "SIGTERM\n");
				kill(prov.pid, SIGKILL);
				waitpid(prov.pid, &status, 0);
				status = -1;
				break;
			}
			usleep(20000);
		}
		if (status != -1 && WIFEXITED(status) &&
		    WEXITSTATUS(status) == 0)
			rc = 0;
		prov.pid = 0;
	}
	unlink(prov.portfile);
	rmdir(prov.dir);
	return rc;
}

/* ------------------------------------------------------------- helpers */

struct answer {
	long	status;
	char	location[1024];
	char	body[4096];
	size_t	len;
};

static size_t
answer_write(char *p, size_t size, size_t n, void *ud)
{
	struct answer	*a = ud;
	size_t		 room = sizeof(a->body) - 1 - a->len;

	n *= size;
	memcpy(a->body + a->len, p, n < room ? n : room);
	a->len += n < room ? n : room;
	a->body[a->len] = '\0';
	return n;
}

/*
 * One request to the provider, redirects not followed. post NULL: GET.
 * userpwd: HTTP Basic credentials, or NULL.
 */
static void
request(const char *url, const char *post, const char *userpwd,
    struct answer *a)
{
	CURL	*h;
	char	*loc = NULL;

	memset(a, 0, sizeof(*a));
	assert_non_null(h = curl_easy_init());
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 10L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, answer_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, a);
	if (post != NULL)
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, post);
	if (userpwd != NULL)
		curl_easy_setopt(h, CURLOPT_USERPWD, userpwd);
	assert_int_equal(curl_easy_perform(h), CURLE_OK);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &a->status);
	curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc);
	if (loc != NULL)
		snprintf(a->location, sizeof(a->location), "%s", loc);
	curl_easy_cleanup(h);
}

/*
 * The decoded value of name in url's query (form encoding: '+' is a
 * space); 0 when absent.
 */
static int
query_param(const char *url, const char *name, char *out, size_t outsz)
{
	const char	*q, *end;
	char		 raw[1024], *dec;
	size_t		 nlen = strlen(name), vlen;
	int		 declen;

	if ((q = strchr(url, '?')) == NULL)
		return 0;
	for (q++; *q != '\0'; q = *end ? end + 1 : end) {
		end = q + strcspn(q, "&");
		if ((size_t)(end - q) <= nlen || strncmp(q, name, nlen) != 0 ||
		    q[nlen] != '=')
			continue;
		vlen = (size_t)(end - q) - nlen - 1;
		assert_true(vlen < sizeof(raw));
		memcpy(raw, q + nlen + 1, vlen);
		raw[vlen] = '\0';
		for (char *p = raw; *p != '\0'; p++)
			if (*p == '+')
				*p = ' ';
		dec = curl_easy_unescape(NULL, raw, 0, &declen);
		assert_non_null(dec);
		assert_true((size_t)declen < outsz);
		memcpy(out, dec, (size_t)declen + 1);
		curl_free(dec);
		return 1;
	}
	return 0;
}

/*
 * Runs the browser's part: GET the authorize URL with test switches
 * (extra, e.g. "&test_user=x") and return the redirect's Location.
 */
static void
authorize(const struct config *cfg, const char *st, const char *redirect,
    const char *extra, struct answer *a)
{
	char	url[2048];

	assert_int_equal(oauth_authorize_url(cfg, st, redirect, url,
	    sizeof(url)), DM_OK);
	assert_true(strlen(url) + strlen(extra) < sizeof(url));
	strcat(url, extra);
	request(url, NULL, NULL, a);
}

/* A fresh code for user (test switch extra may add test_expired=1). */
static void
get_code(const char *user, const char *extra, char *code, size_t codesz)
{
	struct answer	a;
	char		sw[256], st[OAUTH_STATE_LEN + 1], echoed[128];

	oauth_state_new(st);
	snprintf(sw, sizeof(sw), "&test_user=%s%s", user, extra);
	authorize(&prov.cfg, st, REDIRECT, sw, &a);
	assert_int_equal(a.status, 302);
	assert_memory_equal(a.location, REDIRECT "?", strlen(REDIRECT) + 1);
	assert_true(query_param(a.location, "state", echoed,
	    sizeof(echoed)));
	assert_string_equal(echoed, st);
	assert_true(query_param(a.location, "code", code, codesz));
	assert_true(code[0] != '\0');
}

/* Code, token and identity for user; the exchange must succeed. */
static dm_status
login(const char *user, struct oauth_identity *id, char *err, size_t errsz)
{
	char	code[256], token[512];

	get_code(user, "", code, sizeof(code));
	assert_int_equal(oauth_exchange(&prov.cfg, code, REDIRECT, token,
	    sizeof(token), err, errsz), DM_OK);
	assert_string_equal(err, "");
	return oauth_userinfo(&prov.cfg, token, id, err, errsz);
}

static int
canary_count(void)
{
	struct answer	a;
	char		url[128];

	snprintf(url, sizeof(url), "%s/test/canary-count", prov.base);
	request(url, NULL, NULL, &a);
	assert_int_equal(a.status, 200);
	return atoi(a.body);
}

/* --------------------------------------------------------------- state */

static void
test_state(void **state)
{
	char	a[OAUTH_STATE_LEN + 1], b[OAUTH_STATE_LEN + 1];

	(void)state;
	oauth_state_new(a);
	oauth_state_new(b);
	assert_int_equal(strlen(a), OAUTH_STATE_LEN);
	assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_"), OAUTH_STATE_LEN);
	assert_string_not_equal(a, b);
	assert_true(oauth_state_equal(a, a));
	memcpy(b, a, sizeof(b));
	assert_true(oauth_state_equal(a, b));
	b[OAUTH_STATE_LEN - 1] ^= 1;
	assert_false(oauth_state_equal(a, b));
	b[OAUTH_STATE_LEN - 1] = '\0';
	assert_false(oauth_state_equal(a, b));
	assert_false(oauth_state_equal("", ""));
	assert_false(oauth_state_equal(NULL, a));
	assert_false(oauth_state_equal(a, NULL));
	assert_false(oauth_state_equal(NULL, NULL));
}

/* ------------------------------------------------------- authorize URL */

static void
test_authorize_url(void **state)
{
	struct config	cfg = prov.cfg;
	char		url[1024], small[64], v[256];
	char		au[128];
	char		sc[] = "read write";

	(void)state;
	strcpy(au, "https://oauth2.gsis.gr/oauth2server/oauth/authorize");
	cfg.taxis_authorize_url = au;
	cfg.taxis_scope = sc;
	assert_int_equal(oauth_authorize_url(&cfg, "a b&c=d/é+%",
	    REDIRECT, url, sizeof(url)), DM_OK);
	assert_string_equal(url,
	    "https://oauth2.gsis.gr/oauth2server/oauth/authorize"
	    "?response_type=code&client_id=dimos-test"
	    "&redirect_uri=http%3A%2F%2F127.0.0.1%3A18080%2Flogin%2F"
	    "taxisnet%2Fcallback&scope=read%20write"
	    "&state=a%20b%26c%3Dd%2F%C3%A9%2B%25");
	assert_true(query_param(url, "state", v, sizeof(v)));
	assert_string_equal(v, "a b&c=d/é+%");

	/* A configured URL with a query of its own gets '&'. */
	strcpy(au, "https://example.gov.gr/authorize?realm=gsis");
	assert_int_equal(oauth_authorize_url(&cfg, "s", REDIRECT, url,
	    sizeof(url)), DM_OK);
	assert_memory_equal(url, "https://example.gov.gr/authorize?realm=gsis"
	    "&response_type=code&", strlen("https://example.gov.gr/authorize"
	    "?realm=gsis&response_type=code&"));

	/* Too small: DM_ELIMIT and an empty string, never a cut URL. */
	memset(small, 'x', sizeof(small));
	assert_int_equal(oauth_authorize_url(&cfg, "s", REDIRECT, small,
	    sizeof(small)), DM_ELIMIT);
	assert_string_equal(small, "");

	assert_int_equal(oauth_authorize_url(&cfg, "", REDIRECT, url,
	    sizeof(url)), DM_EINPUT);
	assert_int_equal(oauth_authorize_url(&cfg, "s", "", url,
	    sizeof(url)), DM_EINPUT);

	/* Plain http only to this host; other schemes never. */
	strcpy(au, "http://oauth2.gsis.gr/oauth2server/oauth/authorize");
	assert_int_equal(oauth_authorize_url(&cfg, "s", REDIRECT, url,
	    sizeof(url)), DM_EINTERNAL);
	strcpy(au, "http://10.1.2.3/authorize");
	assert_int_equal(oauth_authorize_url(&cfg, "s", REDIRECT, url,
	    sizeof(url)), DM_EINTERNAL);
	strcpy(au, "ftp://127.0.0.1/authorize");
	assert_int_equal(oauth_authorize_url(&cfg, "s", REDIRECT, url,
	    sizeof(url)), DM_EINTERNAL);
	strcpy(au, "oauth2.gsis.gr/authorize");
	assert_int_equal(oauth_authorize_url(&cfg, "s", REDIRECT, url,
	    sizeof(url)), DM_EINTERNAL);
	strcpy(au, "http://localhost:9/authorize");
	assert_int_equal(oauth_authorize_url(&cfg, "s", REDIRECT, url,
	    sizeof(url)), DM_OK);
	cfg.taxis_authorize_url = NULL;
	assert_int_equal(oauth_authorize_url(&cfg, "s", REDIRECT, url,
	    sizeof(url)), DM_EINTERNAL);
}

/* The provider echoes the state exactly, whatever it holds. */
static void
test_authorize_roundtrip(void **state)
{
	struct answer	a;
	char		v[256];
	const char	*weird = "a b&c=d/é+%;#?";

	(void)state;
	authorize(&prov.cfg, weird, REDIRECT, "&test_user=georgiou", &a);
	assert_int_equal(a.status, 302);
	assert_true(query_param(a.location, "state", v, sizeof(v)));
	assert_string_equal(v, weird);
	assert_true(query_param(a.location, "code", v, sizeof(v)));

	/* Without a test switch: the login page, in both languages. */
	authorize(&prov.cfg, "s", REDIRECT, "", &a);
	assert_int_equal(a.status, 200);
	assert_non_null(strstr(a.body, "Όνομα χρήστη"));
	assert_non_null(strstr(a.body, "Κωδικός"));
	assert_non_null(strstr(a.body, "Username"));
	assert_non_null(strstr(a.body, "Άρνηση / Deny"));
}

static void
test_authorize_deny(void **state)
{
	struct answer	a;
	char		v[256];

	(void)state;
	authorize(&prov.cfg, "deny-state", REDIRECT, "&test_deny=1", &a);
	assert_int_equal(a.status, 302);
	assert_true(query_param(a.location, "error", v, sizeof(v)));
	assert_string_equal(v, "access_denied");
	assert_true(query_param(a.location, "state", v, sizeof(v)));
	assert_string_equal(v, "deny-state");
	assert_false(query_param(a.location, "code", v, sizeof(v)));
}

/* Unknown client or unregistered redirect URI: a 400 page, no redirect. */
static void
test_authorize_refused(void **state)
{
	struct config	cfg = prov.cfg;
	struct answer	a;
	char		id[] = "someone-else";

	(void)state;
	authorize(&prov.cfg, "s", "http://127.0.0.1:18080/elsewhere",
	    "&test_user=georgiou", &a);
	assert_int_equal(a.status, 400);
	assert_string_equal(a.location, "");

	cfg.taxis_client_id = id;
	authorize(&cfg, "s", REDIRECT, "&test_user=georgiou", &a);
	assert_int_equal(a.status, 400);
	assert_string_equal(a.location, "");
}

/* ----------------------------------------------------------- the flow */

static void
test_flow_greek(void **state)
{
	struct oauth_identity	id;
	char			err[128];

	(void)state;
	memset(&id, 0, sizeof(id));
	assert_int_equal(login("papadopoulos", &id, err, sizeof(err)),
	    DM_OK);
	assert_string_equal(err, "");
	assert_string_equal(id.userid, "User126018150");
	assert_string_equal(id.taxid, "126018150");
	assert_string_equal(id.lastname, "ΠΑΠΑΔΟΠΟΥΛΟΣ");
	assert_string_equal(id.firstname, "ΓΕΩΡΓΙΟΣ");
	assert_string_equal(id.fathername, "ΝΙΚΟΛΑΟΣ");
	assert_string_equal(id.mothername, "ΜΑΡΙΑ");
	assert_int_equal(id.birthyear, 1975);

	/* A diaeresis, a double first name (inner space kept). */
	assert_int_equal(login("proikaki", &id, err, sizeof(err)), DM_OK);
	assert_string_equal(id.lastname, "ΠΡΟΪΚΑΚΗ");
	assert_string_equal(id.firstname, "ΜΑΡΙΑ ΕΛΕΝΗ");
	assert_int_equal(id.birthyear, 1988);

	/* No birth year, no mother's name: 0 and "". */
	assert_int_equal(login("tsakiri", &id, err, sizeof(err)), DM_OK);
	assert_string_equal(id.taxid, "159797110");
	assert_string_equal(id.mothername, "");
	assert_int_equal(id.birthyear, 0);
}

static void
test_flow_latin(void **state)
{
	struct oauth_identity	id;
	char			err[128];

	(void)state;
	assert_int_equal(login("smith", &id, err, sizeof(err)), DM_OK);
	assert_string_equal(id.lastname, "SMITH");
	assert_string_equal(id.firstname, "JOHN");
	assert_string_equal(id.fathername, "ROBERT");
	assert_string_equal(id.mothername, "MARY");
	assert_string_equal(id.taxid, "171049742");
	assert_int_equal(id.birthyear, 1970);
}

/* A company logging in with its own credentials: its AFM and legal name,
 * nothing of a person's. */
static void
test_flow_legal_entity(void **state)
{
	struct oauth_identity	id;
	char			err[128];

	(void)state;
	memset(&id, 0xff, sizeof(id));
	assert_int_equal(login("fournos", &id, err, sizeof(err)), DM_OK);
	assert_string_equal(err, "");
	assert_int_equal(id.legal, 1);
	assert_string_equal(id.taxid, "998000125");
	assert_string_equal(id.userid, "User998000125");
	assert_string_equal(id.lastname, "ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε.");
	assert_string_equal(id.firstname, "");
	assert_string_equal(id.fathername, "");
	assert_string_equal(id.mothername, "");
	assert_int_equal(id.birthyear, 0);

	/* A person, even one without parents' names or a birth year, is
	 * never taken for a company. */
	assert_int_equal(login("papadopoulos", &id, err, sizeof(err)),
	    DM_OK);
	assert_int_equal(id.legal, 0);
	assert_int_equal(login("tsakiri", &id, err, sizeof(err)), DM_OK);
	assert_int_equal(id.legal, 0);

	/* No firstname but a father and a birth year: a person's answer
	 * that lost its firstname, neither, refused. */
	assert_int_equal(login("halfname", &id, err, sizeof(err)),
	    DM_EINPUT);
	assert_string_equal(err, "userinfo: no firstname");

	/* A legal name longer than an account holds (200 characters). */
	assert_int_equal(login("longname", &id, err, sizeof(err)),
	    DM_EINPUT);
	assert_string_equal(err, "userinfo: lastname too long");
}

/* ------------------------------------------------------ token failures */

static void
test_wrong_secret(void **state)
{
	struct config	cfg = prov.cfg;
	char		code[256], token[512], err[128];
	char		secret[] = "not the secret";

	(void)state;
	cfg.taxis_client_secret = secret;
	get_code("georgiou", "", code, sizeof(code));
	strcpy(token, "untouched");
	assert_int_equal(oauth_exchange(&cfg, code, REDIRECT, token,
	    sizeof(token), err, sizeof(err)), DM_EDENIED);
	assert_string_equal(err, "invalid_client");
	assert_string_equal(token, "untouched");
}

/* A code works once; its reuse fails and revokes the token it bought. */
static void
test_reused_code(void **state)
{
	struct oauth_identity	id;
	char			code[256], token[512], t2[512], err[128];

	(void)state;
	get_code("georgiou", "", code, sizeof(code));
	assert_int_equal(oauth_exchange(&prov.cfg, code, REDIRECT, token,
	    sizeof(token), err, sizeof(err)), DM_OK);
	assert_int_equal(oauth_exchange(&prov.cfg, code, REDIRECT, t2,
	    sizeof(t2), err, sizeof(err)), DM_EDENIED);
	assert_string_equal(err, "invalid_grant");
	assert_int_equal(oauth_userinfo(&prov.cfg, token, &id, err,
	    sizeof(err)), DM_EDENIED);
}

static void
test_unknown_and_expired_code(void **state)
{
	char	code[256], token[512], err[128];

	(void)state;
	assert_int_equal(oauth_exchange(&prov.cfg, "no-such-code", REDIRECT,
	    token, sizeof(token), err, sizeof(err)), DM_EDENIED);
	assert_string_equal(err, "invalid_grant");

	get_code("georgiou", "&test_expired=1", code, sizeof(code));
	assert_int_equal(oauth_exchange(&prov.cfg, code, REDIRECT, token,
	    sizeof(token), err, sizeof(err)), DM_EDENIED);
	assert_string_equal(err, "invalid_grant");

	/* Nothing to send: refused before any network. */
	assert_int_equal(oauth_exchange(&prov.cfg, "", REDIRECT, token,
	    sizeof(token), err, sizeof(err)), DM_EINPUT);
}

/* A code is bound to the redirect URI it was issued for. */
static void
test_wrong_redirect(void **state)
{
	char	code[256], token[512], err[128];

	(void)state;
	get_code("georgiou", "", code, sizeof(code));
	assert_int_equal(oauth_exchange(&prov.cfg, code,
	    "http://127.0.0.1:18080/login/other", token, sizeof(token), err,
	    sizeof(err)), DM_EDENIED);
	assert_string_equal(err, "invalid_grant");
}

/* A 500 HTML page: DM_EINTERNAL, and none of the HTML reaches err. */
static void
test_provider_500(void **state)
{
	char	code[256], token[512], err[128];

	(void)state;
	get_code("fail500", "", code, sizeof(code));
	assert_int_equal(oauth_exchange(&prov.cfg, code, REDIRECT, token,
	    sizeof(token), err, sizeof(err)), DM_EINTERNAL);
	assert_null(strchr(err, '<'));
	assert_null(strstr(err, "java"));
	assert_non_null(strstr(err, "500"));
}

static void
test_token_too_long(void **state)
{
	char	code[256], token[8], err[128];

	(void)state;
	get_code("georgiou", "", code, sizeof(code));
	assert_int_equal(oauth_exchange(&prov.cfg, code, REDIRECT, token,
	    sizeof(token), err, sizeof(err)), DM_ELIMIT);
}

/* No network for a provider URL outside the policy; nobody listening. */
static void
test_transport(void **state)
{
	struct config		cfg = prov.cfg;
	struct oauth_identity	id;
	struct sockaddr_in	sa;
	socklen_t		salen = sizeof(sa);
	char			token[512], err[128], url[128];
	char			plain[] = "http://oauth2.gsis.gr/oauth/token";
	int			fd;

	(void)state;
	cfg.taxis_token_url = plain;
	assert_int_equal(oauth_exchange(&cfg, "code", REDIRECT, token,
	    sizeof(token), err, sizeof(err)), DM_EINTERNAL);
	assert_string_equal(err, "provider URL refused");

	/* A port that was free a moment ago: connection refused. */
	assert_true((fd = socket(AF_INET, SOCK_STREAM, 0)) >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &salen), 0);
	close(fd);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/oauth2/userinfo",
	    ntohs(sa.sin_port));
	cfg.taxis_userinfo_url = url;
	assert_int_equal(oauth_userinfo(&cfg, "tok", &id, err, sizeof(err)),
	    DM_EINTERNAL);
	assert_string_equal(err, "cannot reach the provider");
}

/* The mock accepts HTTP Basic client authentication too, but not both. */
static void
test_mock_client_auth(void **state)
{
	struct answer	a;
	char		code[256], body[1024];

	(void)state;
	get_code("georgiou", "", code, sizeof(code));
	snprintf(body, sizeof(body), "grant_type=authorization_code&code=%s"
	    "&redirect_uri=http%%3A%%2F%%2F127.0.0.1%%3A18080%%2Flogin%%2F"
	    "taxisnet%%2Fcallback", code);
	request(prov.token, body, CLIENT_ID ":" CLIENT_SECRET, &a);
	assert_int_equal(a.status, 200);
	assert_non_null(strstr(a.body, "\"access_token\""));

	get_code("georgiou", "", code, sizeof(code));
	snprintf(body, sizeof(body), "grant_type=authorization_code&code=%s"
	    "&client_id=" CLIENT_ID "&client_secret=x", code);
	request(prov.token, body, CLIENT_ID ":" CLIENT_SECRET, &a);
	assert_int_equal(a.status, 400);
	assert_non_null(strstr(a.body, "invalid_request"));

	request(prov.token, "grant_type=password&username=u&password=p",
	    CLIENT_ID ":" CLIENT_SECRET, &a);
	assert_int_equal(a.status, 400);
	assert_non_null(strstr(a.body, "unsupported_grant_type"));

	request(prov.token, "grant_type=authorization_code&code=x",
	    CLIENT_ID ":wrong", &a);
	assert_int_equal(a.status, 401);
	assert_non_null(strstr(a.body, "invalid_client"));
}

/* --------------------------------------------------- userinfo failures */

static void
test_malformed_xml(void **state)
{
	struct oauth_identity	id;
	char			err[128];

	(void)state;
	assert_int_equal(login("badxml", &id, err, sizeof(err)), DM_EINPUT);
	assert_string_equal(err, "userinfo: not well-formed XML");
}

/*
 * A DOCTYPE with an internal entity and an external one pointing back at
 * the provider: refused, *id untouched, and the provider never saw the
 * external entity fetched. The canary is then hit by hand to prove that
 * it would have counted.
 */
static void
test_doctype_refused(void **state)
{
	struct oauth_identity	id, before;
	struct answer		a;
	char			err[128], url[128];

	(void)state;
	assert_int_equal(canary_count(), 0);
	memset(&id, 'Z', sizeof(id));
	before = id;
	assert_int_equal(login("doctype", &id, err, sizeof(err)), DM_EINPUT);
	assert_string_equal(err, "userinfo: DOCTYPE refused");
	assert_memory_equal(&id, &before, sizeof(id));
	assert_null(strstr(err, "EXPANDED"));
	assert_int_equal(canary_count(), 0);

	snprintf(url, sizeof(url), "%s/test/canary", prov.base);
	request(url, NULL, NULL, &a);
	assert_int_equal(canary_count(), 1);
}

static void
test_bad_afm(void **state)
{
	struct oauth_identity	id;
	char			err[128];

	(void)state;
	assert_int_equal(login("badafm", &id, err, sizeof(err)), DM_EINPUT);
	assert_string_equal(err, "userinfo: taxid is not a valid AFM");
}

static void
test_incomplete(void **state)
{
	struct oauth_identity	id;
	char			err[128];

	(void)state;
	assert_int_equal(login("incomplete", &id, err, sizeof(err)),
	    DM_EINPUT);
	assert_string_equal(err, "userinfo: no taxid");
}

static void
test_huge(void **state)
{
	struct oauth_identity	id;
	char			err[128];

	(void)state;
	assert_int_equal(login("huge", &id, err, sizeof(err)), DM_EINTERNAL);
	assert_string_equal(err, "the provider's answer is too large");
}

/* taxis_timeout is 2 s: the answer after 5 s is never waited for. */
static void
test_slow(void **state)
{
	struct oauth_identity	id;
	char			err[128];
	double			t0, dt;

	(void)state;
	t0 = now_s();
	assert_int_equal(login("slow", &id, err, sizeof(err)), DM_EINTERNAL);
	dt = now_s() - t0;
	assert_string_equal(err, "the provider did not answer in time");
	assert_true(dt >= 1.8);
	assert_true(dt < 3.5);
}

static void
test_invalid_token(void **state)
{
	struct oauth_identity	id;
	char			err[128];

	(void)state;
	assert_int_equal(oauth_userinfo(&prov.cfg, "no-such-token", &id, err,
	    sizeof(err)), DM_EDENIED);
	/* Nothing that could end the header line is ever sent. */
	assert_int_equal(oauth_userinfo(&prov.cfg, "a\r\nX-Evil: 1", &id,
	    err, sizeof(err)), DM_EINPUT);
	assert_int_equal(oauth_userinfo(&prov.cfg, "", &id, err,
	    sizeof(err)), DM_EINPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state),
		cmocka_unit_test(test_authorize_url),
		cmocka_unit_test(test_authorize_roundtrip),
		cmocka_unit_test(test_authorize_deny),
		cmocka_unit_test(test_authorize_refused),
		cmocka_unit_test(test_flow_greek),
		cmocka_unit_test(test_flow_latin),
		cmocka_unit_test(test_flow_legal_entity),
		cmocka_unit_test(test_wrong_secret),
		cmocka_unit_test(test_reused_code),
		cmocka_unit_test(test_unknown_and_expired_code),
		cmocka_unit_test(test_wrong_redirect),
		cmocka_unit_test(test_provider_500),
		cmocka_unit_test(test_token_too_long),
		cmocka_unit_test(test_transport),
		cmocka_unit_test(test_mock_client_auth),
		cmocka_unit_test(test_malformed_xml),
		cmocka_unit_test(test_doctype_refused),
		cmocka_unit_test(test_bad_afm),
		cmocka_unit_test(test_incomplete),
		cmocka_unit_test(test_huge),
		cmocka_unit_test(test_slow),
		cmocka_unit_test(test_invalid_token),
	};

	curl_global_init(CURL_GLOBAL_DEFAULT);
	return cmocka_run_group_tests(tests, provider_start, provider_stop);
}
