/*
 * jsontext.c - one string of a JSON object kept as text (json-c).
 */
#include <json-c/json.h>

#include "arena.h"
#include "jsontext.h"

const char *
jsontext_get(struct arena *a, const char *json, const char *key)
{
	json_object *root, *v;
	const char *out = NULL;

	if (json == NULL || key == NULL)
		return NULL;
	root = json_tokener_parse(json);
	if (root != NULL && json_object_object_get_ex(root, key, &v) &&
	    json_object_is_type(v, json_type_string))
		out = arena_strdup(a, json_object_get_string(v));
	json_object_put(root);
	return out;
}
