/*
 * admin.c - account administration for dimosctl.
 * Runs on the admin database connection, outside any web request; every
 * role change is written to the audit log like a change made on a page.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "log.h"
#include "token.h"
#include "validate.h"

static int
valid_role(const char *role, const char *dept)
{
	if (role == NULL)
		return 1;
	if (strcmp(role, "admin") == 0)
		return dept == NULL || dept[0] == '\0';
	return (strcmp(role, "clerk") == 0 || strcmp(role, "head") == 0) &&
	    dept != NULL && dept[0] != '\0';
}

static dm_status
find_account(struct db *db, const char *email, long long *id)
{
	struct dm_value p = DM_VTEXT(email);

	return db_query_int(db, "SELECT id FROM accounts WHERE email = ? AND "
	    "status <> 'closed'", &p, 1, id);
}

dm_status
admin_role(struct db *db, const struct config *cfg, const char *email,
    const char *role, const char *dept, int grant, FILE *out)
{
	long long id;
	struct dm_value p[3];
	uint64_t n = 0;
	dm_status st;

	if (!valid_role(role, dept) || role == NULL) {
		fprintf(stderr, "dimosctl: role must be admin (no "
		    "department) or clerk/head with --department\n");
		return DM_EINPUT;
	}
	if (dept != NULL && dept[0] != '\0' &&
	    !config_plugin_enabled(cfg, dept))
		fprintf(stderr, "dimosctl: warning: department '%s' is not "
		    "enabled in %s\n", dept, cfg->path);
	if ((st = find_account(db, email, &id)) != DM_OK) {
		fprintf(stderr, "dimosctl: no account with e-mail %s\n",
		    email);
		return st;
	}
	p[0] = DM_VINT(id);
	p[1] = DM_VTEXT(role);
	p[2] = DM_VTEXT(dept ? dept : "");
	st = db_exec(db, grant ? "INSERT IGNORE INTO staff_roles (account_id, "
	    "role, department) VALUES (?, ?, ?)" : "DELETE FROM staff_roles "
	    "WHERE account_id = ? AND role = ? AND department = ?", p, 3, &n,
	    NULL);
	if (st != DM_OK)
		return st;
	if (n > 0) {
		char detail[160];

		snprintf(detail, sizeof(detail), "%s %s%s%s (dimosctl)",
		    grant ? "granted" : "revoked", role, dept && *dept ? " " :
		    "", dept ? dept : "");
		audit_db(db, grant ? "role_granted" : "role_revoked", id, 0,
		    detail);
	}
	fprintf(out, "%s: %s %s%s%s\n", email, n == 0 ? "unchanged," :
	    grant ? "granted" : "revoked", role, dept && *dept ? " in " : "",
	    dept ? dept : "");
	return DM_OK;
}

dm_status
admin_user_add(struct db *db, const struct config *cfg,
    const struct admin_user *u, FILE *out)
{
	char hash[AUTH_HASH_MAX], generated[TOKEN_LEN + 1];
	const char *pw = u->password;
	struct dm_value p[4];
	long long id;
	dm_status st;

	if (!val_email(u->email) || u->first_name == NULL ||
	    u->last_name == NULL || !valid_role(u->role, u->department)) {
		fprintf(stderr, "dimosctl: user add needs a valid --email, "
		    "--first, --last, and a role that fits its "
		    "--department\n");
		return DM_EINPUT;
	}
	st = find_account(db, u->email, &id);
	if (st == DM_ENOTFOUND) {
		if (pw == NULL) {
			token_new(generated);
			generated[16] = '\0';
			pw = generated;
		}
		if (strlen(pw) < (size_t)cfg->password_min) {
			fprintf(stderr, "dimosctl: the password must have at "
			    "least %d characters\n", cfg->password_min);
			return DM_EINPUT;
		}
		if ((st = auth_hash_password(cfg, pw, hash)) != DM_OK)
			return st;
		p[0] = DM_VTEXT(u->email);
		p[1] = DM_VTEXT(hash);
		p[2] = DM_VTEXT(u->first_name);
		p[3] = DM_VTEXT(u->last_name);
		st = db_exec(db, "INSERT INTO accounts (kind, status, email, "
		    "email_verified_at, password_hash, password_changed_at, "
		    "first_name, last_name) VALUES ('person', 'active', ?, "
		    "UTC_TIMESTAMP(6), ?, UTC_TIMESTAMP(6), ?, ?)", p, 4, NULL,
		    NULL);
		if (st != DM_OK)
			return st;
		if ((st = find_account(db, u->email, &id)) != DM_OK)
			return st;
		audit_db(db, "account_created", id, 0, "dimosctl");
		fprintf(out, "%s: account created", u->email);
		if (pw == generated)
			fprintf(out, " with password %s (tell it to its "
			    "owner; it can be changed at /account/password)",
			    generated);
		fprintf(out, "\n");
	} else if (st != DM_OK) {
		return st;
	} else {
		fprintf(out, "%s: account exists\n", u->email);
	}
	if (u->title != NULL &&
	    (st = admin_title(db, u->email, u->title, out)) != DM_OK)
		return st;
	if (u->role != NULL)
		return admin_role(db, cfg, u->email, u->role, u->department, 1,
		    out);
	return DM_OK;
}

/* A title is one line of printable text of at most ADMIN_TITLE_MAX. */
static int
valid_title(const char *t)
{
	size_t n = 0;

	if (!val_utf8(t, strlen(t)))
		return 0;
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if ((*p & 0xc0) != 0x80)
			n++;
	}
	return n <= ADMIN_TITLE_MAX;
}

dm_status
admin_title(struct db *db, const char *email, const char *title, FILE *out)
{
	long long id;
	dm_status st;

	if (email == NULL || title == NULL || !valid_title(title)) {
		fprintf(stderr, "dimosctl: a title is one line of at most %d "
		    "characters\n", ADMIN_TITLE_MAX);
		return DM_EINPUT;
	}
	if ((st = find_account(db, email, &id)) != DM_OK) {
		fprintf(stderr, "dimosctl: no account with e-mail %s\n",
		    email);
		return st;
	}
	if (title[0] == '\0')
		st = db_exec(db, "DELETE FROM staff_titles WHERE account_id = ?",
		    (struct dm_value[]){ DM_VINT(id) }, 1, NULL, NULL);
	else
		st = db_exec(db, "INSERT INTO staff_titles (account_id, title) "
		    "VALUES (?, ?) ON DUPLICATE KEY UPDATE title = "
		    "VALUES(title), updated_at = UTC_TIMESTAMP(6)", (struct dm_value[]){ DM_VINT(id),
		    DM_VTEXT(title) }, 2, NULL, NULL);
	if (st != DM_OK)
		return st;
	audit_db(db, "staff_title", id, 0, title[0] ? title : "(removed)");
	fprintf(out, "%s: title %s%s%s\n", email, title[0] ? "«" : "removed",
	    title, title[0] ? "»" : "");
	return DM_OK;
}

struct title_ctx {
	char	*out;
	size_t	 size;
	int	 found;
};

static dm_status
title_row(void *arg, const struct dm_value *c, size_t n)
{
	struct title_ctx *x = arg;

	if (n < 1 || c[0].type != DM_V_TEXT)
		return DM_EINTERNAL;
	snprintf(x->out, x->size, "%.*s", (int)c[0].len, c[0].s);
	x->found = 1;
	return DM_OK;
}

dm_status
admin_title_get(long long id, char *out, size_t size)
{
	struct title_ctx x = { out, size, 0 };
	dm_status st;

	out[0] = '\0';
	st = db_query(db_worker(), "SELECT title FROM staff_titles WHERE "
	    "account_id = ?",
	    (struct dm_value[]){ DM_VINT(id) }, 1, title_row, &x);
	if (st != DM_OK)
		return st;
	return x.found ? DM_OK : DM_ENOTFOUND;
}

static dm_status
list_row(void *arg, const struct dm_value *c, size_t n)
{
	FILE *out = arg;

	if (n < 5)
		return DM_EINTERNAL;
	fprintf(out, "%-40s %-30s %-6s %-16s %s\n", c[0].s ? c[0].s : "-",
	    c[1].type == DM_V_TEXT ? c[1].s : "-", c[2].s,
	    c[3].s && c[3].s[0] ? c[3].s : "-",
	    c[4].type == DM_V_TEXT ? c[4].s : "-");
	return DM_OK;
}

dm_status
admin_user_list(struct db *db, FILE *out)
{
	fprintf(out, "%-40s %-30s %-6s %-16s %s\n", "E-MAIL", "NAME", "ROLE",
	    "DEPARTMENT", "TITLE");
	return db_query(db, "SELECT a.email, CONCAT_WS(' ', a.first_name, "
	    "a.last_name), r.role, r.department, t.title FROM staff_roles r "
	    "JOIN accounts a ON a.id = r.account_id LEFT JOIN staff_titles t "
	    "ON t.account_id = a.id ORDER BY r.department, a.email", NULL, 0,
	    list_row, out);
}

/* Demo data ------------------------------------------------------------ */

#define DEMO_PASSWORD	"Visaltia-Demo-2026"

struct demo_person {
	const char	*kind;
	const char	*level;
	const char	*email;
	const char	*first, *last, *father;
	const char	*company, *rep;
	const char	*afm;
	const char	*mobile;
	int		 birth_year;
	const char	*note;
};

static const struct demo_person demo_people[] = {
	{ "person", "A", "maria.ioannidou@demo.visaltia.gr", "Μαρία",
	    "Ιωαννίδου", "Κωνσταντίνος", NULL, NULL, NULL, "+306912345678", 0,
	    "citizen, Level A (e-mail and password)" },
	{ "person", "B", "georgios.papadopoulos@demo.visaltia.gr",
	    "ΓΕΩΡΓΙΟΣ", "ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΝΙΚΟΛΑΟΣ", NULL, NULL, "126018150",
	    "+306977123456", 1975, "citizen, Level B (or TaxisNet: "
	    "papadopoulos / papadopoulos1)" },
	{ "business", "A", "info@fournos-nigritas.demo.visaltia.gr", NULL,
	    NULL, NULL, "Φούρνος Νιγρίτας Ο.Ε.", "Δημήτριος Καραγιάννης",
	    "998000125", "+306944556677", 0, "business" },
};

struct demo_staff {
	const char	*first, *last;
	const char	*title;		/* as documents print it */
};

/* Clerks at even places, heads of department at odd ones. */
static const struct demo_staff clerks[] = {
	{ "Ελένη", "Παππά", "Η Διοικητική Υπάλληλος ΠΕ" },
	{ "Νικόλαος", "Αθανασίου", "Ο Προϊστάμενος του Τμήματος" },
	{ "Κατερίνα", "Σταματίου", "Η Διοικητική Υπάλληλος ΔΕ" },
	{ "Αντώνης", "Μιχαηλίδης", "Ο Προϊστάμενος του Τμήματος" },
	{ "Σοφία", "Λαζαρίδου", "Η Διοικητική Υπάλληλος ΠΕ" },
	{ "Χρήστος", "Ζαχαρίου", "Ο Προϊστάμενος του Τμήματος" },
};

static dm_status
demo_person(struct db *db, const char *hash, const struct demo_person *d,
    FILE *out)
{
	long long id;
	struct dm_value p[11];
	dm_status st;

	if (find_account(db, d->email, &id) == DM_OK) {
		fprintf(out, "  %-46s %s\n", d->email, d->note);
		return DM_OK;
	}
	p[0] = DM_VTEXT(d->kind);
	p[1] = DM_VTEXT(d->level);
	p[2] = DM_VTEXT(d->email);
	p[3] = DM_VTEXT(hash);
	p[4] = DM_VTEXT(d->first);
	p[5] = DM_VTEXT(d->last);
	p[6] = DM_VTEXT(d->father);
	p[7] = DM_VTEXT(d->company);
	p[8] = DM_VTEXT(d->rep);
	p[9] = DM_VTEXT(d->afm);
	p[10] = DM_VTEXT(d->mobile);
	st = db_exec(db, "INSERT INTO accounts (kind, level, level_b_at, "
	    "status, email, email_verified_at, password_hash, "
	    "password_changed_at, first_name, last_name, father_name, "
	    "company_name, legal_rep, afm, mobile) VALUES (?, ?, NULL, "
	    "'active', ?, UTC_TIMESTAMP(6), ?, UTC_TIMESTAMP(6), ?, ?, ?, ?, "
	    "?, ?, ?)", p, 11, NULL, NULL);
	if (st != DM_OK)
		return st;
	if (d->birth_year > 0) {
		struct dm_value q[2] = { DM_VINT(d->birth_year),
		    DM_VTEXT(d->email) };

		db_exec(db, "UPDATE accounts SET birth_year = ?, level_b_at = "
		    "UTC_TIMESTAMP(6) WHERE email = ?", q, 2, NULL, NULL);
	}
	fprintf(out, "  %-46s %s\n", d->email, d->note);
	return DM_OK;
}

dm_status
admin_demo(struct db *db, const struct config *cfg, FILE *out)
{
	FILE *quiet = fopen("/dev/null", "w");
	char email[128];
	dm_status st = DM_OK;
	char hash[AUTH_HASH_MAX];

	if (quiet == NULL)
		return DM_EINTERNAL;
	if ((st = auth_hash_password(cfg, DEMO_PASSWORD, hash)) != DM_OK)
		goto out;
	fprintf(out, "Demo logins (password for all: %s):\n", DEMO_PASSWORD);
	for (size_t i = 0; i < sizeof(demo_people) / sizeof(demo_people[0]);
	    i++)
		if ((st = demo_person(db, hash, &demo_people[i], out)) != DM_OK)
			goto out;
	{
		struct admin_user u = { "admin@demo.visaltia.gr", "Γιάννης",
		    "Διαχειριστής", DEMO_PASSWORD, "admin", NULL, NULL };

		if ((st = admin_user_add(db, cfg, &u, quiet)) != DM_OK)
			goto out;
		fprintf(out, "  %-46s administrator\n", u.email);
	}
	for (size_t i = 0; i < cfg->nenabled; i++) {
		const char *dept = cfg->enabled[i];
		const struct demo_staff *c = &clerks[(2 * i) % 6];
		const struct demo_staff *h = &clerks[(2 * i + 1) % 6];
		struct admin_user u = { email, c->first, c->last,
		    DEMO_PASSWORD, "clerk", dept, c->title };

		snprintf(email, sizeof(email), "clerk.%s@demo.visaltia.gr",
		    dept);
		for (char *p = email; *p; p++)
			if (*p == '_')
				*p = '-';
		if ((st = admin_user_add(db, cfg, &u, quiet)) != DM_OK)
			goto out;
		fprintf(out, "  %-46s clerk of %s\n", email, dept);
		snprintf(email, sizeof(email), "head.%s@demo.visaltia.gr",
		    dept);
		for (char *p = email; *p; p++)
			if (*p == '_')
				*p = '-';
		u.first_name = h->first;
		u.last_name = h->last;
		u.title = h->title;
		u.role = "head";
		if ((st = admin_user_add(db, cfg, &u, quiet)) != DM_OK)
			goto out;
		fprintf(out, "  %-46s head of %s\n", email, dept);
	}
out:
	fclose(quiet);
	return st;
}
