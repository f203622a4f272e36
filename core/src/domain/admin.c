/*
 * admin.c - account administration for dimosctl.
 * Runs on the admin database connection, outside any web request; every
 * role change is written to the audit log like a change made on a page.
 */
#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "admin.h"
#include "audit.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "factor.h"
#include "log.h"
#include "staff.h"
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

dm_status
admin_role(struct db *db, const struct config *cfg, const char *email,
    const char *role, const char *dept, int grant, FILE *out)
{
	long long id;
	int n = 0;
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
	if ((st = account_by_email(db, email, &id)) != DM_OK) {
		fprintf(stderr, "dimosctl: no account with e-mail %s\n",
		    email);
		return st;
	}
	st = staff_grant(db, id, role, dept, grant, &n);
	if (st != DM_OK)
		return st;
	if (n) {
		char detail[160];

		snprintf(detail, sizeof(detail), "%s %s%s%s (dimosctl)",
		    grant ? "granted" : "revoked", role, dept && *dept ? " " :
		    "", dept ? dept : "");
		audit_db(db, grant ? "role_granted" : "role_revoked", id, 0,
		    detail);
	}
	fprintf(out, "%s: %s %s%s%s\n", email, !n ? "unchanged," :
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
	long long id;
	dm_status st;

	if (!val_email(u->email) || u->first_name == NULL ||
	    u->last_name == NULL || !valid_role(u->role, u->department)) {
		fprintf(stderr, "dimosctl: user add needs a valid --email, "
		    "--first, --last, and a role that fits its "
		    "--department\n");
		return DM_EINPUT;
	}
	st = account_by_email(db, u->email, &id);
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
		{
			struct account_new a = { .kind = "person", .status =
			    "active", .level = 'A', .email = u->email,
			    .email_verified = 1, .password_hash = hash,
			    .first_name = u->first_name, .last_name =
			    u->last_name };

			if ((st = account_insert(db, &a, &id)) != DM_OK)
				return st;
		}
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

/* A title is one line of printable text of at most STAFF_TITLE_MAX. */
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
	return n <= STAFF_TITLE_MAX;
}

dm_status
admin_title(struct db *db, const char *email, const char *title, FILE *out)
{
	long long id;
	dm_status st;

	if (email == NULL || title == NULL || !valid_title(title)) {
		fprintf(stderr, "dimosctl: a title is one line of at most %d "
		    "characters\n", STAFF_TITLE_MAX);
		return DM_EINPUT;
	}
	if ((st = account_by_email(db, email, &id)) != DM_OK) {
		fprintf(stderr, "dimosctl: no account with e-mail %s\n",
		    email);
		return st;
	}
	if ((st = staff_title_set(db, id, title)) != DM_OK)
		return st;
	audit_db(db, "staff_title", id, 0, title[0] ? title : "(removed)");
	fprintf(out, "%s: title %s%s%s\n", email, title[0] ? "«" : "removed",
	    title, title[0] ? "»" : "");
	return DM_OK;
}

dm_status
admin_factor_reset(struct db *db, const char *email, FILE *out)
{
	long long id;
	dm_status st;

	if ((st = account_by_email(db, email, &id)) != DM_OK) {
		fprintf(stderr, "dimosctl: no account with e-mail %s\n",
		    email);
		return st;
	}
	st = factor_reset(db, id);
	if (st == DM_ENOTFOUND) {
		fprintf(stderr, "dimosctl: %s has no second factor\n", email);
		return st;
	}
	if (st != DM_OK)
		return st;
	fprintf(out, "%s: second factor removed, sessions ended; a new one "
	    "is set up at the next login\n", email);
	return DM_OK;
}

/* One line of the list, its columns as wide in characters (names are
 * Greek: two bytes a letter), the last one as it is. */
static void
list_line(FILE *out, const char *const col[5])
{
	static const size_t width[4] = { 40, 30, 6, 16 };

	for (size_t i = 0; i < 4; i++) {
		size_t chars = val_utf8_chars(col[i], strlen(col[i]));

		fputs(col[i], out);
		do
			fputc(' ', out);
		while (++chars <= width[i]);
	}
	fprintf(out, "%s\n", col[4]);
}

static void
list_one(void *arg, const struct staff_member *m)
{
	list_line(arg, (const char *const[]){ m->email ? m->email : "-",
	    m->name ? m->name : "-", m->role, m->department[0] ?
	    m->department : "-", m->title ? m->title : "-" });
}

dm_status
admin_user_list(struct db *db, FILE *out)
{
	list_line(out, (const char *const[]){ "E-MAIL", "NAME", "ROLE",
	    "DEPARTMENT", "TITLE" });
	return staff_list(db, 1, list_one, out);
}

/* Demo data ------------------------------------------------------------ */

#define DEMO_PASSWORD	"Visaltia-Demo-2026"
/* The demo heads' and administrator's TOTP secret: 20 known bytes, so
 * that the demo (and the tests) can compute their codes. */
#define DEMO_TOTP	"dimos-demo-totp-2026"

/* The demo account email enrolled with the demo's TOTP secret. */
static dm_status
demo_factor(struct db *db, const char *email)
{
	long long id;
	dm_status st;

	if ((st = account_by_email(db, email, &id)) != DM_OK)
		return st;
	return factor_enrol_fixed(db, id, (const unsigned char *)DEMO_TOTP);
}

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
	/* A legal entity verified as TaxisNet's "fournos" is: its legal
	 * name as GSIS spells it, so that the company's TaxisNet login and
	 * this password reach the same account. */
	{ "business", "B", "info@fournos-nigritas.demo.visaltia.gr", NULL,
	    NULL, NULL, "ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε.", "Δημήτριος Καραγιάννης",
	    "998000125", "+306944556677", 0, "business, legal entity, Level B "
	    "(or TaxisNet: fournos / fournos1)" },
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
	struct account_new a = { .kind = d->kind, .status = "active",
	    .level = d->level[0], .email = d->email, .email_verified = 1,
	    .password_hash = hash, .first_name = d->first, .last_name =
	    d->last, .father_name = d->father, .company_name = d->company,
	    .legal_rep = d->rep, .afm = d->afm, .mobile = d->mobile,
	    .birth_year = d->birth_year };
	long long id;
	dm_status st;

	if (account_by_email(db, d->email, &id) != DM_OK &&
	    (st = account_insert(db, &a, &id)) != DM_OK)
		return st;
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

		if ((st = admin_user_add(db, cfg, &u, quiet)) != DM_OK ||
		    (st = demo_factor(db, u.email)) != DM_OK)
			goto out;
		fprintf(out, "  %-46s administrator (TOTP)\n", u.email);
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
		if ((st = admin_user_add(db, cfg, &u, quiet)) != DM_OK ||
		    (st = demo_factor(db, email)) != DM_OK)
			goto out;
		fprintf(out, "  %-46s head of %s (TOTP)\n", email, dept);
	}
	{
		char b32[FACTOR_B32_LEN + 1];

		factor_base32((const unsigned char *)DEMO_TOTP,
		    FACTOR_SECRET_BYTES, b32);
		fprintf(out, "Heads and the administrator give a second factor "
		    "(TOTP) after the password:\nthe demo's secret is %s "
		    "(add it to an authenticator app, or\n`oathtool --totp -b "
		    "%s` prints the current code).\n", b32, b32);
	}
out:
	fclose(quiet);
	return st;
}
