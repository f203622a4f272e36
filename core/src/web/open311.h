/*
 * open311.h - the Open311 GeoReport v2 API's input, read apart from the
 * database so that it can be fuzzed (tests/fuzz/fuzz_open311.c).
 * Owns: reading a POST's form-urlencoded arguments (the standard ones and
 * attribute[code]=value, a multi-value attribute repeating its key with or
 * without "[]"), and an endpoint's name and format from a path segment
 * ("requests.json").
 */
#ifndef DIMOS_OPEN311_H
#define DIMOS_OPEN311_H

#include <stddef.h>

struct arena;
struct kvlist;

#define O311_MAX_ATTRS		64
#define O311_MAX_VALUES		64

enum o311_fmt { O311_XML, O311_JSON };

/* "requests.json" -> "requests" and JSON; ".xml" or no suffix: XML.
 * NULL for another suffix or an empty name. */
const char	*o311_endpoint(struct arena *a, const char *seg,
		    enum o311_fmt *fmt);

struct o311_attr {
	const char	*code;			/* [a-z][a-z0-9_]* */
	const char	*values[O311_MAX_VALUES];
	size_t		 n;
};

/* A POST to requests: the arguments that are there (NULL if not). */
struct o311_post {
	const char	*api_key;
	const char	*jurisdiction_id;
	const char	*service_code;
	const char	*lat, *lon;
	const char	*address_string, *address_id;
	const char	*email, *first_name, *last_name, *phone;
	const char	*description, *media_url;
	struct o311_attr attrs[O311_MAX_ATTRS];
	size_t		 nattrs;
};

/*
 * Reads a POST's arguments from form. -1 with *err (English, for the
 * error's description) when they cannot be a request: a malformed
 * attribute key, too many attributes or values, a service_code that is
 * not plain ASCII, an argument given twice.
 */
int		 o311_read_post(struct arena *a, const struct kvlist *form,
		    struct o311_post *p, const char **err);
/* An attribute's values, or NULL. */
const struct o311_attr *o311_attr(const struct o311_post *p,
		    const char *code);
/* A service_code as the API takes it: 1-64 of [A-Za-z0-9_.-]. */
int		 o311_code_ok(const char *code);

#endif
