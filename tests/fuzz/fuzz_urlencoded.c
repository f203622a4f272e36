/*
 * fuzz_urlencoded.c - the form/query parser, the cookie parser and the
 * Accept-Language picker on arbitrary bytes. Every accepted value must be
 * valid text; nothing may crash, leak or read out of bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kvlist l;
	char *s;
	const char *lang;

	arena_init(&a);
	memset(&l, 0, sizeof(l));
	if (http_parse_urlencoded(&a, (const char *)data, size, 64, &l) == 0)
		for (size_t i = 0; i < l.n; i++)
			if (!http_valid_text(l.v[i].val, l.v[i].vlen) ||
			    !http_valid_text(l.v[i].key, strlen(l.v[i].key)) ||
			    strlen(l.v[i].val) != l.v[i].vlen)
				abort();
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	memset(&l, 0, sizeof(l));
	http_parse_cookies(&a, s, &l);
	lang = http_pick_lang(s);
	if (strcmp(lang, "el") != 0 && strcmp(lang, "en") != 0)
		abort();
	free(s);
	arena_free(&a);
	return 0;
}
