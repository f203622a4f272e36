/*
 * registration.c - new accounts and proven addresses.
 * Every answer that could tell whether an address has an account is the
 * same either way; what differs goes by e-mail to the address's owner.
 * Links in e-mails only lead to a page with a button (scanners open links
 * too), and each token works once.
 */
#include <string.h>

#include "accounts.h"
#include "audit.h"
#include "auth.h"
#include "db.h"
#include "mail.h"
#include "registration.h"
#include "req.h"
#include "session.h"
#include "token.h"
#include "tokens.h"

static const struct auth_mailing confirmation = { "pending",
	"verify_email", "verify", "/register/confirm?token=",
	AUTH_VERIFY_TTL };

struct reg_ctx {
	struct dm_req			*req;
	const struct account_new	*a;
	const char			*name;
};

/* Someone tried to register with the AFM of account id: its holder is
 * told, at most as often as any address may be mailed (the visitor, who
 * sees the same page either way, cannot tell). */
static dm_status
afm_holder_told(struct dm_req *req, long long id)
{
	struct account h;
	dm_status st;

	if ((st = account_load(req, id, &h)) != DM_OK)
		return st;
	audit(req, "registration_afm_taken", id, NULL);
	if (h.email == NULL || !auth_mail_recipient_ok(req, h.email))
		return DM_OK;
	{
		struct mail m = { h.email, account_display(req, &h), h.lang,
		    "afm_exists", id, (const char *const[]){ "login",
		    mail_link(req, "/login", NULL), "reset", mail_link(req,
		    "/login/reset", NULL), NULL } };

		return mail_queue(req, &m);
	}
}

static dm_status
register_tx(void *arg)
{
	struct reg_ctx *x = arg;
	struct dm_req *req = x->req;
	const struct account_new *a = x->a;
	char tok[TOKEN_LEN + 1];
	long long id = 0;
	dm_status st;

	/* An address that already has an account: its owner is told by
	 * e-mail, the visitor sees the same page as everyone. */
	st = account_by_email(db_worker(), a->email, &id);
	if (st == DM_OK) {
		struct mail m = { a->email, NULL, req->lang, "exists", id,
		    (const char *const[]){ "login", mail_link(req, "/login",
		    NULL), "reset", mail_link(req, "/login/reset", NULL),
		    NULL } };

		return mail_queue(req, &m);
	}
	if (st != DM_ENOTFOUND)
		return st;
	st = account_insert(db_worker(), a, &id);
	if (st == DM_ECONFLICT) {
		/* The AFM is taken: its holder is told, the visitor sees the
		 * same page as everyone (no way to learn which tax numbers
		 * have accounts). Or the e-mail was registered a moment ago
		 * by a racing request: as if it had been. */
		if (account_by_afm(db_worker(), a->kind, a->afm, &id) != DM_OK)
			return DM_OK;
		return afm_holder_told(req, id);
	}
	if (st != DM_OK)
		return st;
	if ((st = tokens_issue(db_worker(), id, confirmation.purpose,
	    confirmation.ttl, NULL, tok)) != DM_OK)
		return st;
	audit(req, "account_registered", id, a->kind);
	{
		struct mail m = { a->email, x->name, req->lang,
		    confirmation.mail, id, (const char *const[]){ "link",
		    mail_link(req, confirmation.path, tok), NULL } };

		return mail_queue(req, &m);
	}
}

dm_status
registration_submit(struct dm_req *req, const struct account_new *a,
    const char *pw, const char *name)
{
	char hash[AUTH_HASH_MAX];
	struct account_new n = *a;
	struct reg_ctx x = { req, &n, name };

	/* Hashed once, before the transaction (which may run again). */
	if (auth_hash_password(req->cfg, pw, hash) != DM_OK)
		return DM_EINTERNAL;
	n.status = "pending";
	n.password_hash = hash;
	n.lang = req->lang;
	return db_tx(db_worker(), register_tx, &x);
}

struct reporter_ctx {
	struct dm_req		*req;
	struct account_new	*a;
	long long		 id;
	int			 created;
};

static dm_status
reporter_tx(void *arg)
{
	struct reporter_ctx *x = arg;
	char tok[TOKEN_LEN + 1];
	dm_status st;

	x->created = 0;
	st = account_by_email(db_worker(), x->a->email, &x->id);
	if (st != DM_ENOTFOUND)
		return st;
	if ((st = account_insert(db_worker(), x->a, &x->id)) != DM_OK)
		return st;
	x->created = 1;
	if ((st = tokens_issue(db_worker(), x->id, confirmation.purpose,
	    confirmation.ttl, NULL, tok)) != DM_OK)
		return st;
	audit(x->req, "account_registered", x->id, "open311");
	{
		struct mail m = { x->a->email, NULL, x->req->lang,
		    confirmation.mail, x->id, (const char *const[]){ "link",
		    mail_link(x->req, confirmation.path, tok), NULL } };

		return mail_queue(x->req, &m);
	}
}

dm_status
registration_reporter(struct dm_req *req, const char *email,
    const char *first_name, const char *last_name, long long *id,
    int *created)
{
	struct account_new n;
	struct reporter_ctx x = { req, &n, 0, 0 };
	dm_status st;

	memset(&n, 0, sizeof(n));
	n.kind = "person";
	n.status = "pending";
	n.level = 'A';
	n.email = email;
	n.first_name = first_name;
	n.last_name = last_name;
	n.lang = req->lang;
	st = db_tx(db_worker(), reporter_tx, &x);
	*id = x.id;
	*created = x.created;
	return st;
}

struct confirm_ctx {
	struct dm_req	*req;
	const char	*token;
	long long	 id;
};

static dm_status
confirm_tx(void *arg)
{
	struct confirm_ctx *x = arg;
	dm_status st;

	if ((st = tokens_use(x->req, confirmation.purpose, x->token, &x->id,
	    NULL)) != DM_OK)
		return st;
	if ((st = account_confirm_email(x->req, x->id)) != DM_OK)
		return st;
	audit(x->req, "email_verified", x->id, NULL);
	return DM_OK;
}

dm_status
registration_confirm(struct dm_req *req, const char *token)
{
	struct confirm_ctx x = { req, token, 0 };

	return db_tx(db_worker(), confirm_tx, &x);
}

dm_status
registration_resend(struct dm_req *req, const char *email)
{
	return auth_mail_token(req, email, &confirmation);
}

dm_status
registration_email_change(struct dm_req *req, const struct account *a,
    const char *email)
{
	char tok[TOKEN_LEN + 1];
	dm_status st;
	struct mail m = { email, account_display(req, a), a->lang,
	    "change_email", a->id, NULL };
	const char *vars[] = { "link", NULL, NULL };

	if ((st = tokens_issue(db_worker(), a->id, "change_email",
	    AUTH_VERIFY_TTL, email, tok)) != DM_OK)
		return st;
	vars[1] = mail_link(req, "/account/email/confirm?token=", tok);
	m.vars = vars;
	if ((st = mail_queue(req, &m)) != DM_OK)
		return st;
	audit(req, "email_change_requested", a->id, NULL);
	return DM_OK;
}

struct email_ctx {
	struct dm_req	*req;
	const char	*token;
	const char	*email;
	int		 taken;
};

static dm_status
email_tx(void *arg)
{
	struct email_ctx *x = arg;
	struct dm_req *req = x->req;
	struct account a;
	long long id;
	dm_status st;

	if ((st = tokens_use(req, "change_email", x->token, &id,
	    &x->email)) != DM_OK)
		return st;
	if (x->email == NULL)
		return DM_ENOTFOUND;
	if ((st = account_load(req, id, &a)) != DM_OK)
		return st;
	if ((st = account_set_email(req, id, x->email)) != DM_OK) {
		x->taken = st == DM_ECONFLICT;
		return st;
	}
	/* Anyone still holding the account elsewhere is logged out, and the
	 * links mailed before (a reset to the old address, another new
	 * address) no longer work. */
	if ((st = session_end_all(req, id, req->session)) != DM_OK ||
	    (st = tokens_end(db_worker(), id, "reset_password,change_email")) !=
	    DM_OK)
		return st;
	audit(req, "email_changed", id, NULL);
	if (a.email != NULL) {
		struct mail m = { a.email, account_display(req, &a), a.lang,
		    "email_changed", a.id, (const char *const[]){ "email",
		    x->email, NULL } };

		return mail_queue(req, &m);
	}
	return DM_OK;
}

dm_status
registration_email_confirm(struct dm_req *req, const char *token,
    const char **email)
{
	struct email_ctx x = { req, token, NULL, 0 };
	dm_status st;

	st = db_tx(db_worker(), email_tx, &x);
	*email = x.email;
	if (st == DM_ECONFLICT && !x.taken)
		return DM_EINTERNAL;
	return st;
}
