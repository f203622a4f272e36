/*
 * fuzz_open311.c - the Open311 API's input on arbitrary bytes: a body as
 * form-urlencoded arguments read as a POST to requests (attribute[code]
 * keys, repeated values), the endpoint names of path segments, and W3C
 * datetimes. Every attribute read must have a well-formed code and its
 * values; nothing may crash, leak or read out of bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "http.h"
#include "localtime.h"
#include "open311.h"
#include "req.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kvlist l;
	struct o311_post p;
	enum o311_fmt fmt;
	const char *err, *name;
	char *s, utc[20];

	arena_init(&a);
	memset(&l, 0, sizeof(l));
	if (http_parse_urlencoded(&a, (const char *)data, size, 256, &l) == 0) {
		if (o311_read_post(&a, &l, &p, &err) == 0) {
			if (p.nattrs > O311_MAX_ATTRS)
				abort();
			for (size_t i = 0; i < p.nattrs; i++) {
				const char *c = p.attrs[i].code;

				if (c[0] < 'a' || c[0] > 'z' || strlen(c) > 64 ||
				    p.attrs[i].n == 0 ||
				    p.attrs[i].n > O311_MAX_VALUES ||
				    o311_attr(&p, c) != &p.attrs[i])
					abort();
			}
			if (p.service_code && !o311_code_ok(p.service_code))
				abort();
		} else if (err == NULL) {
			abort();
		}
	}
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	name = o311_endpoint(&a, s, &fmt);
	if (name != NULL && (name[0] == '\0' || strlen(name) > size ||
	    (fmt != O311_XML && fmt != O311_JSON)))
		abort();
	if (lt_utc_of_w3c(s, utc) == 0 && strlen(utc) != 19)
		abort();
	free(s);
	arena_free(&a);
	return 0;
}
