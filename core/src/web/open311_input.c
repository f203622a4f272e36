/*
 * open311_input.c - reading the Open311 API's arguments (open311.h).
 */
#include <stddef.h>
#include <string.h>

#include "arena.h"
#include "open311.h"
#include "req.h"

const char *
o311_endpoint(struct arena *a, const char *seg, enum o311_fmt *fmt)
{
	const char *dot = strrchr(seg, '.');
	size_t n = dot ? (size_t)(dot - seg) : strlen(seg);

	*fmt = O311_XML;
	if (dot != NULL) {
		if (strcmp(dot, ".json") == 0)
			*fmt = O311_JSON;
		else if (strcmp(dot, ".xml") != 0)
			return NULL;
	}
	if (n == 0)
		return NULL;
	return arena_strndup(a, seg, n);
}

int
o311_code_ok(const char *code)
{
	size_t n = 0;

	if (code == NULL)
		return 0;
	for (const char *c = code; *c; c++, n++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '_' || *c == '-' ||
		    *c == '.'))
			return 0;
	return n >= 1 && n <= 64;
}

/* "attribute[code]" or "attribute[code][]": the code; NULL if key is
 * malformed. */
static const char *
attr_code(struct arena *a, const char *key)
{
	const char *p = key + strlen("attribute["), *end = strchr(p, ']');
	size_t n;

	if (end == NULL || (strcmp(end, "]") != 0 && strcmp(end, "][]") != 0))
		return NULL;
	n = (size_t)(end - p);
	if (n == 0 || n > 64 || !(p[0] >= 'a' && p[0] <= 'z'))
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= '0' &&
		    p[i] <= '9') || p[i] == '_'))
			return NULL;
	return arena_strndup(a, p, n);
}

static const struct {
	const char	*name;
	size_t		 off;
} args[] = {
#define A(n, f)	{ n, offsetof(struct o311_post, f) }
	A("api_key", api_key), A("jurisdiction_id", jurisdiction_id),
	A("service_code", service_code), A("lat", lat), A("long", lon),
	A("address_string", address_string), A("address_id", address_id),
	A("email", email), A("first_name", first_name),
	A("last_name", last_name), A("phone", phone),
	A("description", description), A("media_url", media_url),
#undef A
};

const struct o311_attr *
o311_attr(const struct o311_post *p, const char *code)
{
	for (size_t i = 0; i < p->nattrs; i++)
		if (strcmp(p->attrs[i].code, code) == 0)
			return &p->attrs[i];
	return NULL;
}

int
o311_read_post(struct arena *a, const struct kvlist *form,
    struct o311_post *p, const char **err)
{
	memset(p, 0, sizeof(*p));
	*err = NULL;
	for (size_t i = 0; i < form->n; i++) {
		const char *key = form->v[i].key, *val = form->v[i].val;
		struct o311_attr *at;
		const char *code;

		if (strncmp(key, "attribute[", 10) == 0) {
			if ((code = attr_code(a, key)) == NULL) {
				*err = "malformed attribute key: use "
				    "attribute[code]=value";
				return -1;
			}
			at = NULL;
			for (size_t k = 0; k < p->nattrs; k++)
				if (strcmp(p->attrs[k].code, code) == 0)
					at = &p->attrs[k];
			if (at == NULL) {
				if (p->nattrs == O311_MAX_ATTRS) {
					*err = "too many attributes";
					return -1;
				}
				at = &p->attrs[p->nattrs++];
				at->code = code;
			}
			if (at->n == O311_MAX_VALUES) {
				*err = "too many values of one attribute";
				return -1;
			}
			at->values[at->n++] = val;
			continue;
		}
		for (size_t k = 0; k < sizeof(args) / sizeof(args[0]); k++) {
			const char **slot;

			if (strcmp(key, args[k].name) != 0)
				continue;
			slot = (const char **)(void *)((char *)p +
			    args[k].off);
			if (*slot != NULL) {
				*err = arena_printf(a, "%s given more than "
				    "once", args[k].name);
				return -1;
			}
			*slot = val;
		}
	}
	if (p->service_code != NULL && !o311_code_ok(p->service_code)) {
		*err = "service_code must be plain ASCII: letters, digits, "
		    "'_', '-' or '.'";
		return -1;
	}
	return 0;
}
