/*
 * export.c - the account's data in one document: the account itself, its
 * sessions, roles and security events, then what the municipality holds
 * about its requests (with their public history and files), its mailbox,
 * the documents issued to it, its ratings and the reports it follows.
 */
#include <json-c/json.h>
#include <string.h>

#include "accounts.h"
#include "attachments.h"
#include "audit.h"
#include "db.h"
#include "documents.h"
#include "export.h"
#include "mailbox.h"
#include "public_reports.h"
#include "ratings.h"
#include "req.h"
#include "requests.h"
#include "session.h"
#include "staff.h"

typedef dm_status (*export_fn)(struct db *db, long long id,
    json_object *root);

dm_status
export_account(struct dm_req *req, long long id, char **out, size_t *len)
{
	static const export_fn parts[] = { session_export, staff_export,
	    audit_export, requests_export, attachments_export, mailbox_export,
	    documents_export, ratings_export, public_reports_export };
	struct db *db = db_worker();
	json_object *root = json_object_new_object();
	const char *text;
	dm_status st;

	json_object_object_add(root, "format",
	    json_object_new_string("dimos-account-export/1"));
	/* A machine's format: its times as stored, and said so. */
	json_object_object_add(root, "times",
	    json_object_new_string("UTC, YYYY-MM-DD HH:MM:SS[.ffffff]"));
	st = account_export(req, id, root);
	for (size_t i = 0; st == DM_OK && i < sizeof(parts) /
	    sizeof(parts[0]); i++)
		st = parts[i](db, id, root);
	if (st != DM_OK) {
		json_object_put(root);
		return st;
	}
	text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
	    JSON_C_TO_STRING_NOSLASHESCAPE);
	*len = strlen(text);
	*out = arena_strndup(req->arena, text, *len);
	json_object_put(root);
	return DM_OK;
}
