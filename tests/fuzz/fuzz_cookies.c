/*
 * fuzz_cookies.c - the Cookie header: http_parse_cookies on arbitrary
 * bytes, then what the core reads from it (the language, the session id's
 * shape and digest, the visitors' CSRF cookie compared in constant time).
 *
 * Oracles: every cookie kept is a name without '=' or ';' and a value
 * without ';', both valid text, the name trimmed; writing the kept cookies back as
 * "name=value; ..." and parsing that again gives the same list; the
 * language is el or en and follows a valid lang cookie.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "http.h"
#include "token.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
fz_trimmed(const char *s, size_t n)
{
	return n == 0 || (s[0] != ' ' && s[0] != '\t' && s[n - 1] != ' ' &&
	    s[n - 1] != '\t');
}

static void
fz_check_list(const struct kvlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct kv *c = &l->v[i];
		size_t kn = strlen(c->key);

		if (kn == 0 || strpbrk(c->key, "=;") != NULL ||
		    memchr(c->val, ';', c->vlen) != NULL ||
		    strlen(c->val) != c->vlen ||
		    !http_valid_text(c->key, kn) ||
		    !http_valid_text(c->val, c->vlen) ||
		    !fz_trimmed(c->key, kn))
			abort();
	}
}

/* A value that reads the same written back bare: not quoted, and without
 * the whitespace only quotes could have kept. */
static int
fz_plain(const struct kv *c)
{
	return fz_trimmed(c->val, c->vlen) && !(c->vlen >= 2 &&
	    c->val[0] == '"' && c->val[c->vlen - 1] == '"');
}

/* The kept cookies written back parse to the same list (fz_plain ones). */
static void
fz_round_trip(struct arena *a, const struct kvlist *l)
{
	struct kvlist again;
	size_t len = 1, o = 0, n = 0;
	char *s;

	for (size_t i = 0; i < l->n; i++)
		len += strlen(l->v[i].key) + l->v[i].vlen + 3;
	if (len > 8000)
		return;
	s = arena_alloc(a, len);
	for (size_t i = 0; i < l->n; i++) {
		const struct kv *c = &l->v[i];

		if (!fz_plain(c))
			continue;
		o += (size_t)snprintf(s + o, len - o, "%s%s=%s",
		    n++ ? "; " : "", c->key, c->val);
	}
	s[o] = '\0';
	memset(&again, 0, sizeof(again));
	if (http_parse_cookies(a, s, &again) != 0 || again.n != n)
		abort();
	for (size_t i = 0, j = 0; i < l->n; i++) {
		const struct kv *c = &l->v[i];

		if (!fz_plain(c))
			continue;
		if (strcmp(c->key, again.v[j].key) != 0 ||
		    strcmp(c->val, again.v[j].val) != 0)
			abort();
		j++;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kvlist l;
	struct config cfg;
	struct dm_req req;
	unsigned char digest[TOKEN_HASH];
	const char *sid, *csrf, *lang;
	char *s;

	if (size > 16384)
		return 0;
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	arena_init(&a);
	memset(&l, 0, sizeof(l));
	if (http_parse_cookies(&a, s, &l) == 0) {
		fz_check_list(&l);
		fz_round_trip(&a, &l);
		/* What session.c and the CSRF check read. */
		sid = kv_get(&l, "dm_sid");
		if (token_valid(sid)) {
			token_hash(sid, digest);
			if (strlen(sid) != TOKEN_LEN)
				abort();
		}
		csrf = kv_get(&l, "dm_csrf");
		if (csrf != NULL && (!token_equal(csrf, csrf) ||
		    token_equal(csrf, NULL)))
			abort();
		/* The language a request with this Cookie header gets. */
		memset(&cfg, 0, sizeof(cfg));
		cfg.lim_query = 4096;
		cfg.lim_fields = 32;
		cfg.secure_cookies = -1;
		memset(&req, 0, sizeof(req));
		req.arena = &a;
		req.cfg = &cfg;
		req.env.method = "GET";
		req.env.uri = "/";
		req.env.cookie = s;
		req.env.accept_language = "en";
		if (http_parse(&req) != 0)
			abort();	/* the same parse said yes */
		lang = kv_get(&l, "lang");
		if (lang != NULL && (strcmp(lang, "el") == 0 ||
		    strcmp(lang, "en") == 0) ? strcmp(req.lang, lang) != 0 :
		    strcmp(req.lang, "en") != 0)
			abort();
	}
	arena_free(&a);
	free(s);
	return 0;
}
