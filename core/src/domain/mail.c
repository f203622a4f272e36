/*
 * mail.c - templated messages into the outbox.
 * Bodies are plain text; links are absolute (server.base_url). Nothing
 * here talks SMTP: dimos-mailer does, outside any web request.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "db.h"
#include "i18n.h"
#include "mail.h"
#include "outbox.h"
#include "req.h"

const char *
mail_link(struct dm_req *req, const char *path, const char *suffix)
{
	return arena_printf(req->arena, "%s%s%s", req->cfg->base_url, path,
	    suffix ? suffix : "");
}

dm_status
mail_queue(struct dm_req *req, const struct mail *m)
{
	return mail_queue_at(req, m, NULL, NULL, NULL);
}

void
mail_compose(struct dm_req *req, const struct mail *m, const char *strings,
    const char **subject, const char **body)
{
	if (strings == NULL)
		strings = arena_printf(req->arena, "mail.%s", m->kind);
	enum i18n_lang l = i18n_lang_of(m->lang);
	const char *vars[32];
	char key[96];
	size_t n = 0;

	vars[n++] = "site";
	vars[n++] = i18n_str(l, "site.name");
	vars[n++] = "site_of";
	vars[n++] = i18n_str(l, "site.name_genitive");
	vars[n++] = "url";
	vars[n++] = req->cfg->base_url;
	vars[n++] = "name";
	vars[n++] = m->name ? m->name : "";
	for (const char *const *v = m->vars; v && v[0] && n < 28; v += 2) {
		vars[n++] = v[0];
		vars[n++] = v[1];
	}
	vars[n] = NULL;
	snprintf(key, sizeof(key), "%s.subject", strings);
	*subject = i18n_format(req->arena, l, key, vars);
	snprintf(key, sizeof(key), "%s.body", strings);
	*body = i18n_format(req->arena, l, key, vars);
}

dm_status
mail_queue_at(struct dm_req *req, const struct mail *m, const char *strings,
    const char *send_after, long long *id)
{
	struct outbox_msg msg;

	memset(&msg, 0, sizeof(msg));
	mail_compose(req, m, strings, &msg.subject, &msg.body);
	msg.to_addr = m->to;
	msg.to_name = m->name;
	msg.kind = m->kind;
	msg.lang = i18n_code(i18n_lang_of(m->lang));
	msg.account_id = m->account_id;
	msg.send_after = send_after;
	return outbox_add_id(db_worker(), &msg, id);
}
