/*
 * jsontext.c - one string of a JSON object kept as text (json-c).
 * A page reads many keys of one object in a row (a request's values, the
 * queue's columns of one request): the last object parsed is kept, with
 * a copy of its text, and parsed again only when the text differs.
 */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jsontext.h"

static char *last_text;
static json_object *last_root;

static json_object *
parsed(const char *json)
{
	if (last_text != NULL && strcmp(last_text, json) == 0)
		return last_root;
	json_object_put(last_root);
	free(last_text);
	last_root = json_tokener_parse(json);
	last_text = strdup(json);
	if (last_text == NULL) {
		json_object_put(last_root);
		last_root = NULL;
		return NULL;
	}
	return last_root;
}

const char *
jsontext_get(struct arena *a, const char *json, const char *key)
{
	json_object *root, *v;

	if (json == NULL || key == NULL)
		return NULL;
	root = parsed(json);
	if (root != NULL && json_object_object_get_ex(root, key, &v) &&
	    json_object_is_type(v, json_type_string))
		return arena_strdup(a, json_object_get_string(v));
	return NULL;
}
