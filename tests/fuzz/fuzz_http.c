/*
 * fuzz_http.c - http_parse on hostile FastCGI parameters: the input is
 * split at newlines into method, DOCUMENT_URI, QUERY_STRING, Cookie and
 * Accept-Language. Whatever is accepted must be valid text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct arena a;
	struct dm_req req;
	char *buf, *fields[5] = { NULL }, *p;
	int n = 0;

	memset(&cfg, 0, sizeof(cfg));
	cfg.lim_query = 4096;
	cfg.lim_fields = 32;
	cfg.secure_cookies = -1;
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (p = buf; n < 5; n++) {
		fields[n] = p;
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		*p++ = '\0';
	}
	arena_init(&a);
	memset(&req, 0, sizeof(req));
	req.arena = &a;
	req.cfg = &cfg;
	req.env.method = fields[0];
	req.env.uri = fields[1];
	req.env.query = fields[2];
	req.env.cookie = fields[3];
	req.env.accept_language = fields[4];
	if (http_parse(&req) == 0) {
		if (!http_valid_text(req.path, strlen(req.path)))
			abort();
		if (strcmp(req.lang, "el") != 0 && strcmp(req.lang, "en") != 0)
			abort();
		for (size_t i = 0; i < req.query.n; i++)
			if (!http_valid_text(req.query.v[i].val,
			    req.query.v[i].vlen))
				abort();
	}
	arena_free(&a);
	free(buf);
	return 0;
}
