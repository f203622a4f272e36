/*
 * db_json.c - query results as JSON, for the export of an account's data.
 * Built with json-c, so that names with quotes or control characters can
 * never break the document.
 */
#include <json-c/json.h>
#include <string.h>

#include "db.h"

struct rows_ctx {
	json_object		*array;
	const char *const	*keys;
};

static dm_status
rows_row(void *arg, const struct dm_value *c, size_t n)
{
	struct rows_ctx *x = arg;
	json_object *o = json_object_new_object();

	for (size_t i = 0; i < n && x->keys[i] != NULL; i++) {
		const char *key = x->keys[i];
		int is_json = key[0] == '@';

		key += is_json;
		switch (c[i].type) {
		case DM_V_INT:
			json_object_object_add(o, key,
			    json_object_new_int64(c[i].i));
			break;
		case DM_V_TEXT:
			if (is_json) {
				json_object *f = json_tokener_parse(c[i].s);

				if (f != NULL) {
					json_object_object_add(o, key, f);
					break;
				}
			}
			json_object_object_add(o, key,
			    json_object_new_string_len(c[i].s, (int)c[i].len));
			break;
		default:
			json_object_object_add(o, key, NULL);
		}
	}
	json_object_array_add(x->array, o);
	return DM_OK;
}

dm_status
db_query_json(struct db *db, const char *sql, const struct dm_value *params,
    size_t nparams, const char *const *keys, struct json_object *root,
    const char *name)
{
	struct rows_ctx x = { json_object_new_array(), keys };
	dm_status st;

	st = db_query(db, sql, params, nparams, rows_row, &x);
	json_object_object_add(root, name, x.array);
	return st;
}
