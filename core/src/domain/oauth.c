/*
 * oauth.c - the client side of TaxisNet (GSIS) OAuth2 login.
 * Owns: provider URL policy, the libcurl calls to the provider, the token
 * JSON (json-c) and the userinfo XML (libxml2, no DTD), state values.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <json-c/json.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <sodium.h>

#include "config.h"
#include "log.h"
#include "oauth.h"
#include "validate.h"

#define OAUTH_BODY_MAX		(64 * 1024)	/* bytes of any answer */
#define OAUTH_CODE_MAX		1024		/* bytes of a code we send */
#define OAUTH_TOKEN_MAX		4096		/* bytes of a token we send */
#define OAUTH_ERRCODE_MAX	64		/* bytes of a provider error */
#define OAUTH_JSON_DEPTH	8		/* the answer is flat */
#define OAUTH_TIMEOUT_DEFAULT	10L		/* seconds, if not configured */

/*
 * The userinfo answer comes from the network and is parsed without a DTD:
 * no network, no entity substitution, no external subsets, no default
 * attributes. A DOCTYPE stops the parse outright (oauth_xml_doctype).
 */
#define OAUTH_XML_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOERROR | \
				 XML_PARSE_NOWARNING | XML_PARSE_NOCDATA)
_Static_assert((OAUTH_XML_OPTIONS & (XML_PARSE_NOENT | XML_PARSE_DTDLOAD |
    XML_PARSE_DTDATTR | XML_PARSE_DTDVALID | XML_PARSE_HUGE |
    XML_PARSE_XINCLUDE)) == 0, "userinfo XML must not load or expand");

/* A growable byte buffer, always NUL-terminated once anything is added. */
struct oauth_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	int	 over;		/* an answer went past OAUTH_BODY_MAX */
};

/* One call to the provider. */
struct oauth_call {
	const char		*what;		/* "token" | "userinfo" */
	const char		*key;		/* its URL's config key */
	const char		*url;
	const char		*post;		/* form body; NULL: GET */
	const char		*bearer;	/* access token; NULL: none */
	const char		*accept;
	long			 status;	/* HTTP status of the answer */
	struct oauth_buf	 body;
};

static pthread_once_t	oauth_once = PTHREAD_ONCE_INIT;
static int		oauth_curl_ready;

/* curl_global_init is not thread-safe in every libcurl we may meet. */
static void
oauth_global_init(void)
{
	oauth_curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
	if (sodium_init() < 0)
		log_fatal("oauth: sodium_init failed");
}

static void
oauth_init(void)
{
	pthread_once(&oauth_once, oauth_global_init);
}

static void oauth_seterr(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* err may be NULL or 0 bytes long. */
static void
oauth_seterr(char *err, size_t errsz, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || errsz == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errsz, fmt, ap);
	va_end(ap);
}

/*
 * Copies provider text into out for a log line: printable ASCII stays,
 * anything else becomes '?', at most outsz - 1 bytes.
 */
static const char *
oauth_printable(const char *s, size_t len, char *out, size_t outsz)
{
	size_t	i;

	for (i = 0; i < len && i + 1 < outsz; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	out[i] = '\0';
	return out;
}

static void
oauth_buf_add(struct oauth_buf *b, const char *s, size_t n)
{
	size_t	 cap;
	char	*p;

	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		/* Never leave an old copy of secrets behind in the heap. */
		if ((p = malloc(cap)) == NULL)
			log_fatal("out of memory");
		if (b->p != NULL) {
			memcpy(p, b->p, b->len);
			sodium_memzero(b->p, b->cap);
			free(b->p);
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
oauth_buf_str(struct oauth_buf *b, const char *s)
{
	oauth_buf_add(b, s, strlen(s));
}

/* Appends s percent-encoded: RFC 3986 unreserved characters stay. */
static void
oauth_buf_pct(struct oauth_buf *b, const char *s)
{
	static const char	 hex[] = "0123456789ABCDEF";
	unsigned char		 c;
	char			 e[3];

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			oauth_buf_add(b, (const char *)&c, 1);
			continue;
		}
		e[0] = '%';
		e[1] = hex[c >> 4];
		e[2] = hex[c & 15];
		oauth_buf_add(b, e, 3);
	}
}

/* Appends "name=value" (value encoded), preceded by sep. */
static void
oauth_buf_param(struct oauth_buf *b, const char *sep, const char *name,
    const char *value)
{
	oauth_buf_str(b, sep);
	oauth_buf_str(b, name);
	oauth_buf_str(b, "=");
	oauth_buf_pct(b, value);
}

static void
oauth_buf_free(struct oauth_buf *b)
{
	if (b->p != NULL) {
		sodium_memzero(b->p, b->cap);
		free(b->p);
	}
	memset(b, 0, sizeof(*b));
}

/*
 * The URL policy (see oauth.h): parsed with libcurl's own parser, so what
 * we check is what libcurl will fetch. On DM_OK *up is the parsed URL
 * (caller frees), *loopback tells whether it is plain http to this host
 * and *has_query whether it already has a query.
 */
static dm_status
oauth_url(const char *key, const char *url, CURLU **up, int *loopback,
    int *has_query)
{
	CURLU		*u;
	char		*scheme = NULL, *host = NULL, *query = NULL;
	char		*frag = NULL;
	dm_status	 st = DM_EINTERNAL;

	*up = NULL;
	if (url == NULL || *url == '\0') {
		log_error("oauth: taxisnet.%s is not set", key);
		return DM_EINTERNAL;
	}
	if ((u = curl_url()) == NULL)
		log_fatal("out of memory");
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
		log_error("oauth: taxisnet.%s is not a URL: %s", key, url);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_FRAGMENT, &frag, 0) == CURLUE_OK) {
		log_error("oauth: taxisnet.%s has a fragment: %s", key, url);
		goto out;
	}
	*has_query = curl_url_get(u, CURLUPART_QUERY, &query, 0) ==
	    CURLUE_OK;
	*loopback = 0;
	if (strcasecmp(scheme, "http") == 0) {
		if (strcmp(host, "127.0.0.1") != 0 &&
		    strcmp(host, "[::1]") != 0 &&
		    strcasecmp(host, "localhost") != 0) {
			log_error("oauth: taxisnet.%s must be https:// (plain "
			    "http only to 127.0.0.1, ::1 or localhost): %s",
			    key, url);
			goto out;
		}
		*loopback = 1;
	} else if (strcasecmp(scheme, "https") != 0) {
		log_error("oauth: taxisnet.%s must be https://: %s", key, url);
		goto out;
	}
	*up = u;
	u = NULL;
	st = DM_OK;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(query);
	curl_free(frag);
	if (u != NULL)
		curl_url_cleanup(u);
	return st;
}

/* Collects the answer; refusing more than OAUTH_BODY_MAX aborts it. */
static size_t
oauth_write(char *p, size_t size, size_t n, void *ud)
{
	struct oauth_buf	*b = ud;

	n *= size;
	if (n > OAUTH_BODY_MAX - b->len) {
		b->over = 1;
		return 0;
	}
	oauth_buf_add(b, p, n);
	return n;
}

/*
 * A bearer token or code as RFC 6750's b64token: it goes into a header,
 * so nothing but these characters may pass.
 */
static int
oauth_token_ok(const char *t, size_t max)
{
	size_t	i;
	char	c;

	for (i = 0; t[i] != '\0'; i++) {
		c = t[i];
		if (i >= max || !((c >= 'A' && c <= 'Z') ||
		    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' ||
		    c == '+' || c == '/' || c == '='))
			return 0;
	}
	return i > 0;
}

static struct curl_slist *
oauth_header(struct curl_slist *l, const char *line)
{
	if ((l = curl_slist_append(l, line)) == NULL)
		log_fatal("out of memory");
	return l;
}

/*
 * Performs one call. DM_OK means an HTTP answer of at most OAUTH_BODY_MAX
 * bytes arrived (any status); everything else is DM_EINTERNAL, logged,
 * with a short reason in err.
 */
static dm_status
oauth_http(const struct config *cfg, struct oauth_call *c, char *err,
    size_t errsz)
{
	CURL			*h = NULL;
	CURLU			*u = NULL;
	CURLcode		 rc;
	struct curl_slist	*hdr = NULL;
	struct oauth_buf	 auth = { 0 };
	char			 ebuf[CURL_ERROR_SIZE];
	long			 timeout;
	int			 loopback, has_query;
	dm_status		 st = DM_EINTERNAL;

	oauth_init();
	if (!oauth_curl_ready) {
		log_error("oauth: curl_global_init failed");
		oauth_seterr(err, errsz, "HTTP client unavailable");
		return DM_EINTERNAL;
	}
	if (oauth_url(c->key, c->url, &u, &loopback, &has_query) != DM_OK) {
		oauth_seterr(err, errsz, "provider URL refused");
		return DM_EINTERNAL;
	}
	if ((h = curl_easy_init()) == NULL) {
		log_error("oauth: curl_easy_init failed");
		oauth_seterr(err, errsz, "HTTP client unavailable");
		goto out;
	}
	timeout = cfg->taxis_timeout > 0 ? (long)cfg->taxis_timeout :
	    OAUTH_TIMEOUT_DEFAULT;
	ebuf[0] = '\0';

	hdr = oauth_header(hdr, c->accept);
	hdr = oauth_header(hdr, "Expect:");
	if (c->bearer != NULL) {
		oauth_buf_str(&auth, "Authorization: Bearer ");
		oauth_buf_str(&auth, c->bearer);
		hdr = oauth_header(hdr, auth.p);
	}

	curl_easy_setopt(h, CURLOPT_CURLU, u);
#if LIBCURL_VERSION_NUM >= 0x075500	/* 7.85: the _STR forms */
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, loopback ? "http" :
	    "https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
#else
	curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)(loopback ?
	    CURLPROTO_HTTP : CURLPROTO_HTTPS));
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS, (long)CURLPROTO_HTTPS);
#endif
	/* A redirect from the provider is an unexpected answer, not a hop. */
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, timeout);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	/* The mock on loopback must not go through a proxy from the env. */
	if (loopback)
		curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)OAUTH_BODY_MAX);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "dimos/" DIMOS_VERSION);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, oauth_write);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &c->body);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	if (c->post != NULL) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, c->post);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)strlen(c->post));
	}

	rc = curl_easy_perform(h);
	if (rc == CURLE_OPERATION_TIMEDOUT) {
		log_error("oauth: %s: no answer within %lds (%s)", c->what,
		    timeout, ebuf);
		oauth_seterr(err, errsz, "the provider did not answer in time");
		goto out;
	}
	if (c->body.over || rc == CURLE_FILESIZE_EXCEEDED) {
		log_error("oauth: %s: answer larger than %d bytes refused",
		    c->what, OAUTH_BODY_MAX);
		oauth_seterr(err, errsz, "the provider's answer is too large");
		goto out;
	}
	if (rc != CURLE_OK) {
		log_error("oauth: %s: %s (%s)", c->what, curl_easy_strerror(rc),
		    ebuf);
		oauth_seterr(err, errsz, "cannot reach the provider");
		goto out;
	}
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &c->status);
	if (c->body.p == NULL)
		oauth_buf_add(&c->body, "", 0);
	st = DM_OK;
out:
	oauth_buf_free(&auth);
	curl_slist_free_all(hdr);
	if (h != NULL)
		curl_easy_cleanup(h);
	curl_url_cleanup(u);
	return st;
}

/* ------------------------------------------------------------ authorize */

dm_status
oauth_authorize_url(const struct config *cfg, const char *state,
    const char *redirect_uri, char *out, size_t outsz)
{
	struct oauth_buf	 b = { 0 };
	CURLU			*u = NULL;
	int			 loopback, has_query;
	dm_status		 st;

	if (outsz > 0)
		out[0] = '\0';
	if (state == NULL || *state == '\0' || redirect_uri == NULL ||
	    *redirect_uri == '\0')
		return DM_EINPUT;
	if (cfg->taxis_client_id == NULL || *cfg->taxis_client_id == '\0') {
		log_error("oauth: taxisnet.client_id is not set");
		return DM_EINTERNAL;
	}
	oauth_init();
	if ((st = oauth_url("authorize_url", cfg->taxis_authorize_url, &u,
	    &loopback, &has_query)) != DM_OK)
		goto out;
	oauth_buf_str(&b, cfg->taxis_authorize_url);
	oauth_buf_param(&b, has_query ? "&" : "?", "response_type", "code");
	oauth_buf_param(&b, "&", "client_id", cfg->taxis_client_id);
	oauth_buf_param(&b, "&", "redirect_uri", redirect_uri);
	if (cfg->taxis_scope != NULL && *cfg->taxis_scope != '\0')
		oauth_buf_param(&b, "&", "scope", cfg->taxis_scope);
	oauth_buf_param(&b, "&", "state", state);
	if (b.len + 1 > outsz) {
		st = DM_ELIMIT;
		goto out;
	}
	memcpy(out, b.p, b.len + 1);
	st = DM_OK;
out:
	oauth_buf_free(&b);
	curl_url_cleanup(u);
	return st;
}

/* ------------------------------------------------------------- exchange */

/* A JSON member that is a string without NULs; NULL otherwise. */
static const char *
oauth_json_str(json_object *o, const char *key, size_t *len)
{
	json_object	*v;
	const char	*s;
	int		 n;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	n = json_object_get_string_len(v);
	if (s == NULL || n < 0 || strlen(s) != (size_t)n)
		return NULL;
	*len = (size_t)n;
	return s;
}

/* An RFC 6749 error code: 1..64 of %x20-21 / %x23-5B / %x5D-7E. */
static int
oauth_errcode_ok(const char *s, size_t len)
{
	if (len == 0 || len > OAUTH_ERRCODE_MAX)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e || s[i] == '"' || s[i] == '\\')
			return 0;
	return 1;
}

/* Parses the whole answer as one JSON object (strict, UTF-8 checked). */
static json_object *
oauth_json_parse(const struct oauth_buf *b)
{
	json_tokener	*tok;
	json_object	*root = NULL;
	size_t		 len = b->len;

	/* Trailing white space is not part of the object; allow it. */
	while (len > 0 && (b->p[len - 1] == ' ' || b->p[len - 1] == '\n' ||
	    b->p[len - 1] == '\r' || b->p[len - 1] == '\t'))
		len--;
	if ((tok = json_tokener_new_ex(OAUTH_JSON_DEPTH)) == NULL)
		log_fatal("out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT |
	    JSON_TOKENER_VALIDATE_UTF8);
	root = json_tokener_parse_ex(tok, b->p, (int)len);
	if (root != NULL && (json_tokener_get_error(tok) !=
	    json_tokener_success || json_tokener_get_parse_end(tok) != len ||
	    !json_object_is_type(root, json_type_object))) {
		json_object_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	return root;
}

/* Reads the token endpoint's answer (see oauth_exchange). */
static dm_status
oauth_token_answer(const struct oauth_call *c, char *token, size_t tokensz,
    char *err, size_t errsz)
{
	json_object	*root;
	const char	*s, *type, *desc;
	char		 logbuf[2][160];
	size_t		 len, dlen, tlen;
	dm_status	 st = DM_EINTERNAL;

	if ((root = oauth_json_parse(&c->body)) == NULL) {
		log_error("oauth: token: HTTP %ld with an answer that is not "
		    "a JSON object", c->status);
		oauth_seterr(err, errsz, "unexpected answer (HTTP %ld)",
		    c->status);
		goto out;
	}
	if ((s = oauth_json_str(root, "error", &len)) != NULL) {
		if (!oauth_errcode_ok(s, len)) {
			log_error("oauth: token: HTTP %ld with a malformed "
			    "error code", c->status);
			oauth_seterr(err, errsz, "unexpected answer (HTTP %ld)",
			    c->status);
			goto out;
		}
		desc = oauth_json_str(root, "error_description", &dlen);
		log_warn("oauth: token: the provider refused: %s (%s)",
		    oauth_printable(s, len, logbuf[0], sizeof(logbuf[0])),
		    desc != NULL ? oauth_printable(desc, dlen, logbuf[1],
		    sizeof(logbuf[1])) : "no description");
		oauth_seterr(err, errsz, "%s", logbuf[0]);
		st = DM_EDENIED;
		goto out;
	}
	if (c->status != 200) {
		log_error("oauth: token: HTTP %ld without an OAuth error",
		    c->status);
		oauth_seterr(err, errsz, "unexpected answer (HTTP %ld)",
		    c->status);
		goto out;
	}
	s = oauth_json_str(root, "access_token", &len);
	type = oauth_json_str(root, "token_type", &tlen);
	if (s == NULL || !oauth_token_ok(s, OAUTH_TOKEN_MAX) ||
	    type == NULL || strcasecmp(type, "bearer") != 0) {
		log_error("oauth: token: no usable bearer access_token in "
		    "the answer");
		oauth_seterr(err, errsz, "unexpected answer (no token)");
		goto out;
	}
	if (len + 1 > tokensz) {
		log_error("oauth: token: a %zu-byte token does not fit", len);
		oauth_seterr(err, errsz, "access token too long");
		st = DM_ELIMIT;
		goto out;
	}
	memcpy(token, s, len + 1);
	st = DM_OK;
out:
	json_object_put(root);
	return st;
}

dm_status
oauth_exchange(const struct config *cfg, const char *code,
    const char *redirect_uri, char *token, size_t tokensz, char *err,
    size_t errsz)
{
	struct oauth_buf	form = { 0 };
	struct oauth_call	c = { 0 };
	dm_status		st = DM_EINTERNAL;

	oauth_seterr(err, errsz, "%s", "");
	if (code == NULL || *code == '\0' || strlen(code) > OAUTH_CODE_MAX ||
	    redirect_uri == NULL || *redirect_uri == '\0') {
		oauth_seterr(err, errsz, "no usable code");
		return DM_EINPUT;
	}
	if (cfg->taxis_client_id == NULL || cfg->taxis_client_secret == NULL) {
		log_error("oauth: taxisnet.client_id and client_secret must "
		    "be set");
		oauth_seterr(err, errsz, "not configured");
		return DM_EINTERNAL;
	}
	/*
	 * Client authentication in the body, as GSIS documents it. The form
	 * holds the secret, so its buffer is wiped when freed.
	 */
	oauth_buf_param(&form, "", "grant_type", "authorization_code");
	oauth_buf_param(&form, "&", "code", code);
	oauth_buf_param(&form, "&", "redirect_uri", redirect_uri);
	oauth_buf_param(&form, "&", "client_id", cfg->taxis_client_id);
	oauth_buf_param(&form, "&", "client_secret", cfg->taxis_client_secret);

	c.what = "token";
	c.key = "token_url";
	c.url = cfg->taxis_token_url;
	c.post = form.p;
	c.accept = "Accept: application/json";
	if ((st = oauth_http(cfg, &c, err, errsz)) != DM_OK)
		goto out;
	st = oauth_token_answer(&c, token, tokensz, err, errsz);
out:
	oauth_buf_free(&form);
	oauth_buf_free(&c.body);
	return st;
}

/* ------------------------------------------------------------- userinfo */

/*
 * SAX hooks that end the parse at a DOCTYPE (or, should one ever get
 * through, an entity declaration) before anything in it is read.
 */
static void
oauth_xml_refuse(void *ctx)
{
	xmlParserCtxtPtr	ctxt = ctx;

	*(int *)ctxt->_private = 1;
	xmlStopParser(ctxt);
}

static void
oauth_xml_doctype(void *ctx, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	(void)name;
	(void)eid;
	(void)sid;
	oauth_xml_refuse(ctx);
}

static void
oauth_xml_entity(void *ctx, const xmlChar *name, int type,
    const xmlChar *pid, const xmlChar *sid, xmlChar *content)
{
	(void)name;
	(void)type;
	(void)pid;
	(void)sid;
	(void)content;
	oauth_xml_refuse(ctx);
}

/* The first element child named name (no namespace); *count of them. */
static xmlNodePtr
oauth_xml_child(xmlNodePtr parent, const char *name, int *count)
{
	xmlNodePtr	n, first = NULL;

	*count = 0;
	for (n = parent->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->ns != NULL ||
		    strcmp((const char *)n->name, name) != 0)
			continue;
		if (first == NULL)
			first = n;
		(*count)++;
	}
	return first;
}

static int
oauth_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Attribute name of node, trimmed, into out. Absent reads as "". The
 * value must be valid UTF-8 without any control character and fit;
 * 0 when it does not, with the reason in err.
 */
static int
oauth_xml_attr(xmlNodePtr node, const char *name, char *out, size_t outsz,
    char *err, size_t errsz)
{
	xmlChar		*v;
	const char	*s;
	size_t		 len;
	int		 ok = 0;

	out[0] = '\0';
	if ((v = xmlGetNoNsProp(node, (const xmlChar *)name)) == NULL)
		return 1;
	s = (const char *)v;
	len = strlen(s);
	while (len > 0 && oauth_space(*s)) {
		s++;
		len--;
	}
	while (len > 0 && oauth_space(s[len - 1]))
		len--;
	if (len + 1 > outsz) {
		oauth_seterr(err, errsz, "userinfo: %s too long", name);
		goto out;
	}
	if (!val_utf8(s, len)) {
		oauth_seterr(err, errsz, "userinfo: %s is not valid text",
		    name);
		goto out;
	}
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
			oauth_seterr(err, errsz, "userinfo: %s has control "
			    "characters", name);
			goto out;
		}
	memcpy(out, s, len);
	out[len] = '\0';
	ok = 1;
out:
	xmlFree(v);
	return ok;
}

/* 1 when name (bytes of valid UTF-8) holds at most max characters; 0
 * with the reason in err. */
static int
oauth_name_fits(const char *name, const char *value, size_t max, char *err,
    size_t errsz)
{
	if (val_utf8_chars(value, strlen(value)) <= max)
		return 1;
	oauth_seterr(err, errsz, "userinfo: %s too long", name);
	return 0;
}

/* Fills *id from the <userinfo> element; DM_EINPUT with err otherwise. */
static dm_status
oauth_identity_read(xmlNodePtr ui, struct oauth_identity *id, char *err,
    size_t errsz)
{
	static const char *const required[] = {
		"userid", "taxid", "lastname"
	};
	char		 year[16];
	const char	*val[3];
	struct tm	 tm;
	time_t		 now;
	long long	 y;

	if (!oauth_xml_attr(ui, "userid", id->userid, sizeof(id->userid),
	    err, errsz) ||
	    !oauth_xml_attr(ui, "lastname", id->lastname,
	    sizeof(id->lastname), err, errsz) ||
	    !oauth_xml_attr(ui, "firstname", id->firstname,
	    sizeof(id->firstname), err, errsz) ||
	    !oauth_xml_attr(ui, "fathername", id->fathername,
	    sizeof(id->fathername), err, errsz) ||
	    !oauth_xml_attr(ui, "mothername", id->mothername,
	    sizeof(id->mothername), err, errsz) ||
	    !oauth_xml_attr(ui, "birthyear", year, sizeof(year), err,
	    errsz))
		return DM_EINPUT;
	/* A taxid too long for its buffer is simply not an AFM. */
	if (!oauth_xml_attr(ui, "taxid", id->taxid, sizeof(id->taxid), err,
	    errsz)) {
		oauth_seterr(err, errsz, "userinfo: taxid is not a valid AFM");
		return DM_EINPUT;
	}
	val[0] = id->userid;
	val[1] = id->taxid;
	val[2] = id->lastname;
	for (size_t i = 0; i < 3; i++)
		if (*val[i] == '\0') {
			oauth_seterr(err, errsz, "userinfo: no %s",
			    required[i]);
			return DM_EINPUT;
		}
	if (!val_afm(id->taxid)) {
		oauth_seterr(err, errsz, "userinfo: taxid is not a valid AFM");
		return DM_EINPUT;
	}
	/* No first name: a legal entity, if nothing else of a person's is
	 * there either; a person's answer that lost its first name is not
	 * taken for a company. */
	id->legal = id->firstname[0] == '\0';
	if (id->legal && (id->fathername[0] != '\0' ||
	    id->mothername[0] != '\0' || year[0] != '\0')) {
		oauth_seterr(err, errsz, "userinfo: no firstname");
		return DM_EINPUT;
	}
	/* As long as the accounts table holds them (a legal entity's three
	 * others are empty). */
	if (!oauth_name_fits("lastname", id->lastname, id->legal ?
	    OAUTH_LEGAL_NAME_MAX : OAUTH_PERSON_NAME_MAX, err, errsz) ||
	    !oauth_name_fits("firstname", id->firstname,
	    OAUTH_PERSON_NAME_MAX, err, errsz) ||
	    !oauth_name_fits("fathername", id->fathername,
	    OAUTH_PERSON_NAME_MAX, err, errsz) ||
	    !oauth_name_fits("mothername", id->mothername,
	    OAUTH_PERSON_NAME_MAX, err, errsz))
		return DM_EINPUT;
	id->birthyear = 0;
	if (year[0] != '\0') {
		now = time(NULL);
		if (gmtime_r(&now, &tm) == NULL ||
		    !val_int(year, 1900, tm.tm_year + 1900, &y)) {
			oauth_seterr(err, errsz, "userinfo: implausible "
			    "birthyear");
			return DM_EINPUT;
		}
		id->birthyear = (int)y;
	}
	return DM_OK;
}

/*
 * Parses the userinfo answer: <root><userinfo .../></root>, or a bare
 * <userinfo .../>, without namespaces. DM_EINPUT with err otherwise.
 */
static dm_status
oauth_userinfo_parse(const struct oauth_buf *b, struct oauth_identity *id,
    char *err, size_t errsz)
{
	xmlParserCtxtPtr	 ctxt = NULL;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root, ui;
	const xmlError		*xe;
	char			 logbuf[160], why[128];
	int			 doctype = 0, n = 1;
	dm_status		 st = DM_EINPUT;

	if ((ctxt = xmlCreateMemoryParserCtxt(b->p, (int)b->len)) == NULL)
		log_fatal("out of memory");
	xmlCtxtUseOptions(ctxt, OAUTH_XML_OPTIONS);
	ctxt->_private = &doctype;
	ctxt->sax->internalSubset = oauth_xml_doctype;
	ctxt->sax->externalSubset = oauth_xml_doctype;
	ctxt->sax->entityDecl = oauth_xml_entity;
	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (doctype || (doc != NULL && (doc->intSubset != NULL ||
	    doc->extSubset != NULL))) {
		log_error("oauth: userinfo: answer with a DOCTYPE refused");
		oauth_seterr(err, errsz, "userinfo: DOCTYPE refused");
		goto out;
	}
	if (!ctxt->wellFormed || doc == NULL) {
		xe = xmlCtxtGetLastError(ctxt);
		if (xe != NULL && xe->message != NULL)
			oauth_printable(xe->message, strlen(xe->message),
			    logbuf, sizeof(logbuf));
		else
			strcpy(logbuf, "?");
		log_error("oauth: userinfo: not well-formed XML (line %d: %s)",
		    xe != NULL ? xe->line : 0, logbuf);
		oauth_seterr(err, errsz, "userinfo: not well-formed XML");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	ui = NULL;
	if (root != NULL && root->ns == NULL &&
	    strcmp((const char *)root->name, "userinfo") == 0)
		ui = root;
	else if (root != NULL && root->ns == NULL &&
	    strcmp((const char *)root->name, "root") == 0)
		ui = oauth_xml_child(root, "userinfo", &n);
	if (ui == NULL || n != 1) {
		log_error("oauth: userinfo: no single <userinfo> element");
		oauth_seterr(err, errsz, "userinfo: no <userinfo> element");
		goto out;
	}
	why[0] = '\0';
	if ((st = oauth_identity_read(ui, id, why, sizeof(why))) != DM_OK) {
		log_error("oauth: %s", why);
		oauth_seterr(err, errsz, "%s", why);
	}
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return st;
}

dm_status
oauth_userinfo(const struct config *cfg, const char *token,
    struct oauth_identity *id, char *err, size_t errsz)
{
	struct oauth_call	c = { 0 };
	struct oauth_identity	tmp;
	dm_status		st = DM_EINPUT;

	oauth_seterr(err, errsz, "%s", "");
	if (token == NULL || !oauth_token_ok(token, OAUTH_TOKEN_MAX)) {
		oauth_seterr(err, errsz, "unusable access token");
		goto out;
	}
	c.what = "userinfo";
	c.key = "userinfo_url";
	c.url = cfg->taxis_userinfo_url;
	c.bearer = token;
	c.accept = "Accept: application/xml, text/xml";
	if ((st = oauth_http(cfg, &c, err, errsz)) != DM_OK)
		goto out;
	if (c.status == 401 || c.status == 403) {
		log_warn("oauth: userinfo: the provider refused the token "
		    "(HTTP %ld)", c.status);
		oauth_seterr(err, errsz, "the provider refused the token");
		st = DM_EDENIED;
		goto out;
	}
	if (c.status != 200) {
		log_error("oauth: userinfo: unexpected HTTP %ld", c.status);
		oauth_seterr(err, errsz, "unexpected answer (HTTP %ld)",
		    c.status);
		st = DM_EINTERNAL;
		goto out;
	}
	memset(&tmp, 0, sizeof(tmp));
	if ((st = oauth_userinfo_parse(&c.body, &tmp, err, errsz)) != DM_OK)
		goto out;
	*id = tmp;
out:
	oauth_buf_free(&c.body);
	return st;
}

/* ---------------------------------------------------------------- state */

void
oauth_state_new(char out[OAUTH_STATE_LEN + 1])
{
	unsigned char	raw[32];

	oauth_init();
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, OAUTH_STATE_LEN + 1, raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

int
oauth_state_equal(const char *a, const char *b)
{
	size_t	la, lb;

	if (a == NULL || b == NULL)
		return 0;
	la = strlen(a);
	lb = strlen(b);
	if (la == 0 || la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}
