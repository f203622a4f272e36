/*
 * jsontext.h - one string of a JSON object kept as text.
 * Owns: reading a key of the objects the core stores as JSON text (a
 * request's form), for the modules that keep or index them.
 */
#ifndef DIMOS_JSONTEXT_H
#define DIMOS_JSONTEXT_H

struct arena;

/* The string value of key in the JSON object json (an arena copy), or
 * NULL when json is NULL, not an object, or has no string there. */
const char	*jsontext_get(struct arena *a, const char *json,
		    const char *key);

#endif
