/*
 * dimosctl.c - the administrator's command.
 * Owns the command table; each command is a small function over the core
 * modules (migrations, plugin listing, configuration check).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "apikeys.h"
#include "config.h"
#include "db.h"
#include "documents.h"
#include "dimosctl.h"
#include "factor.h"
#include "factorkey.h"
#include "host_table.h"
#include "keyadmin.h"
#include "localtime.h"
#include "log.h"
#include "migrate.h"
#include "outbox.h"
#include "pdf.h"
#include "places.h"
#include "plugins.h"
#include "request_values.h"
#include "seal.h"
#include "stats.h"
#include "worker.h"

struct command {
	const char	*name;
	const char	*usage;
	const char	*help;
	int		(*run)(struct ctl *ctl);
	int		 no_config;	/* runs before any configuration */
};

static int
open_admin_db(struct ctl *ctl, struct db **db)
{
	if (db_open(&ctl->cfg, 1, db) != DM_OK) {
		fprintf(stderr, "dimosctl: cannot connect to the database "
		    "(see above)\n");
		db_close(*db);
		return -1;
	}
	return 0;
}

/* Core migrations first, then each enabled plugin's, in config order. */
static int
collect_migrations(struct ctl *ctl, struct migration_set *set)
{
	char err[1024], dir[4096];

	if (migrate_scan(ctl->cfg.schema_dir, "core", set, err,
	    sizeof(err)) != DM_OK)
		goto fail;
	for (size_t i = 0; i < ctl->cfg.nenabled; i++) {
		snprintf(dir, sizeof(dir), "%s/%s/schema",
		    ctl->cfg.plugin_data_dir, ctl->cfg.enabled[i]);
		if (migrate_scan(dir, ctl->cfg.enabled[i], set, err,
		    sizeof(err)) != DM_OK)
			goto fail;
	}
	return 0;
fail:
	fprintf(stderr, "dimosctl: %s\n", err);
	return -1;
}

/*
 * The second factor's key (factorkey.h): made with the first migration
 * that knows it, then every TOTP secret still stored in the clear sealed
 * with it. On a second node of a cluster the key must be copied first.
 */
static int
migrate_factor_key(struct ctl *ctl, struct db *db)
{
	char err[1024];
	long long sealed = 0;
	int made = 0;

	if (factorkey_prepare(db, &ctl->cfg, &made, err, sizeof(err)) !=
	    DM_OK) {
		fprintf(stderr, "dimosctl: migrate: %s\n", err);
		return -1;
	}
	if (made)
		printf("factor: made the second-factor key %s/%s (back it up "
		    "with the seal keys; every node needs a copy)\n",
		    ctl->cfg.doc_key_dir, KEYSTORE_FACTOR_KEY_FILE);
	if (factor_seal_clear(db, &sealed) != DM_OK) {
		fprintf(stderr, "dimosctl: migrate: encrypting the staff's "
		    "second-factor secrets failed (see above); nothing was "
		    "changed, run dimosctl migrate again\n");
		return -1;
	}
	if (sealed > 0)
		printf("factor: %lld second-factor secrets encrypted\n",
		    sealed);
	return 0;
}

int
ctl_migrate(struct ctl *ctl)
{
	struct migration_set set = { NULL, 0 };
	struct db *db = NULL;
	enum migrate_mode mode = MIGRATE_APPLY;
	char err[1024];
	int rc = 1;

	if (ctl->argc > 1 && strcmp(ctl->argv[1], "--status") == 0)
		mode = MIGRATE_STATUS;
	else if (ctl->argc > 1) {
		fprintf(stderr, "usage: dimosctl migrate [--status]\n");
		return 2;
	}
	if (collect_migrations(ctl, &set) != 0)
		goto out;
	if (open_admin_db(ctl, &db) != 0)
		goto out;
	if (migrate_run(db, &set, mode, stdout, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "dimosctl: migrate: %s\n", err);
		goto out;
	}
	/* The dashboard's summaries of requests made before they existed
	 * (local days: the municipality's clock). */
	if (mode == MIGRATE_APPLY) {
		long long days;

		if (stats_fill_if_empty(db, &days) != DM_OK) {
			fprintf(stderr, "dimosctl: migrate: counting the "
			    "dashboard's figures failed; run dimosctl stats "
			    "rebuild\n");
			goto out;
		}
		if (days >= 0)
			printf("stats: the existing requests counted (%lld "
			    "day rows)\n", days);
		if (migrate_factor_key(ctl, db) != 0)
			goto out;
	}
	rc = 0;
out:
	db_close(db);
	migrate_set_free(&set);
	return rc;
}

static int
cmd_check(struct ctl *ctl)
{
	char err[2048];
	struct db *db = NULL;
	long long one;
	int rc = 0;

	if (worker_prepare(&ctl->cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "dimosctl: %s\n", err);
		rc = 1;
	} else {
		printf("configuration, plugins and stylesheets: ok\n");
	}
	worker_unprepare();
	if (db_open(&ctl->cfg, 0, &db) != DM_OK ||
	    db_query_int(db, "SELECT 1", NULL, 0, &one) != DM_OK) {
		fprintf(stderr, "dimosctl: the database is not reachable\n");
		rc = 1;
	} else {
		printf("database: ok\n");
	}
	db_close(db);
	return rc;
}

/* What each plugin declares, as the site uses it (with the overrides of
 * [service.*] and [department.*] applied). */
static int
cmd_plugins(struct ctl *ctl)
{
	char err[2048];

	if (plugins_load(&ctl->cfg, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "dimosctl: %s\n", err);
		return 1;
	}
	printf("core ABI %d.%d\n", DM_ABI_MAJOR, DM_ABI_MINOR);
	for (size_t i = 0; i < plugins_count(); i++) {
		const struct plugin *p = plugins_at(i);

		printf("%-16s %-8s ABI %u.%u  %s\n", p->name,
		    p->desc->version ? p->desc->version : "-",
		    p->desc->abi_major, p->desc->abi_minor, p->path);
		printf("    department: %s / %s\n", p->desc->department->name_el,
		    p->desc->department->name_en);
		for (size_t j = 0; j < services_count(); j++) {
			const struct service *sv = services_at(j);

			if (sv->plugin != p)
				continue;
			printf("    service %-28s %s (%u business days)%s\n",
			    sv->svc->code, sv->svc->title_el,
			    sv->svc->sla_days, sv->disabled ? " [turned off]" :
			    "");
		}
		for (const struct dm_config_key *k = p->desc->config;
		    k && k->name; k++)
			printf("    [plugin.%s] %s%s: %s\n", p->name, k->name,
			    (k->flags & DM_CONFIG_REQUIRED) ? " (required)" :
			    "", k->description ? k->description : "");
	}
	plugins_unload();
	return 0;
}

/*
 * dimosctl user add --email E --first F --last L [--role R] [--department D]
 *     [--password-file FILE]
 * dimosctl user grant|revoke --email E --role R [--department D]
 * dimosctl user title --email E --title T  (T empty: remove)
 * dimosctl user list
 * dimosctl user reset-factor --email E  (a lost second factor)
 */
static int
cmd_user(struct ctl *ctl)
{
	static const struct option opts[] = {
		{ "email", required_argument, NULL, 'e' },
		{ "first", required_argument, NULL, 'f' },
		{ "last", required_argument, NULL, 'l' },
		{ "role", required_argument, NULL, 'r' },
		{ "department", required_argument, NULL, 'd' },
		{ "password-file", required_argument, NULL, 'p' },
		{ "title", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	struct admin_user u;
	char password[256] = "";
	const char *verb;
	struct db *db = NULL;
	dm_status st = DM_EINPUT;
	int c;

	memset(&u, 0, sizeof(u));
	if (ctl->argc < 2) {
		fprintf(stderr, "usage: dimosctl user add|grant|revoke|title|"
		    "list|reset-factor [options]\n");
		return 2;
	}
	verb = ctl->argv[1];
	optind = 2;
	while ((c = getopt_long(ctl->argc, ctl->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'e': u.email = optarg; break;
		case 'f': u.first_name = optarg; break;
		case 'l': u.last_name = optarg; break;
		case 'r': u.role = optarg; break;
		case 'd': u.department = optarg; break;
		case 't': u.title = optarg; break;
		case 'p': {
			FILE *fp = fopen(optarg, "r");
			size_t n;

			if (fp == NULL || fgets(password, sizeof(password),
			    fp) == NULL) {
				fprintf(stderr, "dimosctl: cannot read %s\n",
				    optarg);
				if (fp != NULL)
					fclose(fp);
				return 1;
			}
			fclose(fp);
			n = strlen(password);
			while (n > 0 && (password[n - 1] == '\n' ||
			    password[n - 1] == '\r'))
				password[--n] = '\0';
			u.password = password;
			break;
		}
		default:
			return 2;
		}
	}
	/* A role in a department that is not there would give nobody any
	 * access and hide a typo: refused (revoking one stays possible, to
	 * clean up after a department is turned off). */
	if (u.department != NULL && u.department[0] != '\0' &&
	    strcmp(verb, "revoke") != 0 &&
	    !config_plugin_enabled(&ctl->cfg, u.department)) {
		fprintf(stderr, "dimosctl: no department '%s' in %s; the "
		    "departments are the enabled plugins:", u.department,
		    ctl->cfg.path);
		for (size_t i = 0; i < ctl->cfg.nenabled; i++)
			fprintf(stderr, "%s %s", i ? "," : "",
			    ctl->cfg.enabled[i]);
		fprintf(stderr, "%s\n", ctl->cfg.nenabled ? "" : " (none)");
		return 1;
	}
	if (open_admin_db(ctl, &db) != 0)
		return 1;
	if (strcmp(verb, "add") == 0)
		st = admin_user_add(db, &ctl->cfg, &u, stdout);
	else if (strcmp(verb, "grant") == 0 || strcmp(verb, "revoke") == 0)
		st = u.email == NULL ? DM_EINPUT : admin_role(db, &ctl->cfg,
		    u.email, u.role, u.department, verb[0] == 'g', stdout);
	else if (strcmp(verb, "title") == 0)
		st = u.email == NULL || u.title == NULL ? DM_EINPUT :
		    admin_title(db, u.email, u.title, stdout);
	else if (strcmp(verb, "list") == 0)
		st = admin_user_list(db, stdout);
	else if (strcmp(verb, "reset-factor") == 0)
		st = u.email == NULL ? DM_EINPUT : admin_factor_reset(db,
		    u.email, stdout);
	else
		fprintf(stderr, "dimosctl: unknown user command '%s'\n", verb);
	db_close(db);
	return st == DM_OK ? 0 : 1;
}

static int
cmd_demo(struct ctl *ctl)
{
	struct db *db = NULL;
	dm_status st;

	/* The demo's heads are enrolled: their secrets are sealed. */
	if (factorkey_load(ctl->cfg.doc_key_dir) != DM_OK) {
		fprintf(stderr, "dimosctl: demo: no second-factor key in %s; "
		    "run dimosctl migrate first\n", ctl->cfg.doc_key_dir ?
		    ctl->cfg.doc_key_dir : "[documents] key_dir");
		return 1;
	}
	if (open_admin_db(ctl, &db) != 0)
		return 1;
	st = admin_demo(db, &ctl->cfg, stdout);
	db_close(db);
	return st == DM_OK ? 0 : 1;
}

/*
 * dimosctl plugin <name> <args...>: a plugin's own command (imports).
 * It runs in a worker's setting: every enabled plugin loaded and started,
 * the strings, places, stylesheets and the seal's key, so that what the
 * command sets off in another department (a paid fee's permit, issued and
 * sealed: host->fee_paid) runs as it would in dimosd.
 */
static int
cmd_plugin(struct ctl *ctl)
{
	const struct plugin *p;
	struct db *db = NULL;
	char err[2048];
	int rc;

	if (ctl->argc < 2) {
		fprintf(stderr, "usage: dimosctl plugin <name> [args...]\n");
		return 2;
	}
	if (worker_prepare(&ctl->cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "dimosctl: %s\n", err);
		worker_unprepare();
		return 1;
	}
	p = plugins_find(ctl->argv[1]);
	if (p == NULL || !plugin_has(p, command)) {
		fprintf(stderr, "dimosctl: %s is not an enabled plugin with "
		    "commands\n", ctl->argv[1]);
		worker_unprepare();
		return 1;
	}
	if (open_admin_db(ctl, &db) != 0) {
		worker_unprepare();
		return 1;
	}
	db_set_worker(db);
	/* The seal and the mail, as in a worker (the clock is main's). */
	documents_init(&ctl->cfg);
	outbox_init(&ctl->cfg);
	if (plugins_init(host_get(&ctl->cfg)) != DM_OK) {
		fprintf(stderr, "dimosctl: a plugin failed to start (see the "
		    "log)\n");
		rc = 1;
	} else {
		rc = p->desc->command(host_get(&ctl->cfg), p->ctx,
		    ctl->argc - 1, ctl->argv + 1);
	}
	db_close(db);
	documents_fini();
	worker_unprepare();
	pdf_cleanup();		/* a permit may have been drawn */
	return rc;
}

/*
 * dimosctl reindex: the values the staff queues filter and sort by, written
 * again for every submitted request (after a plugin added or changed its
 * indexed queue columns; new requests are indexed when submitted).
 */
static int
cmd_reindex(struct ctl *ctl)
{
	struct db *db = NULL;
	char err[2048];
	size_t n = 0;
	dm_status st;

	if (plugins_load(&ctl->cfg, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "dimosctl: %s\n", err);
		return 1;
	}
	if (open_admin_db(ctl, &db) != 0) {
		plugins_unload();
		return 1;
	}
	st = request_values_rebuild(db, &n);
	if (st == DM_OK)
		printf("queue columns: %zu requests indexed\n", n);
	else
		fprintf(stderr, "dimosctl: reindex failed (see above); the "
		    "index is as it was for the service that failed\n");
	db_close(db);
	plugins_unload();
	return st == DM_OK ? 0 : 1;
}

/*
 * dimosctl stats rebuild: the dashboard's summary tables recomputed from
 * the requests and documents (after the migration that made them, on a
 * database that already had requests; after an import; to check them).
 */
static int
cmd_stats(struct ctl *ctl)
{
	struct db *db = NULL;
	long long days = 0;
	dm_status st;

	if (ctl->argc < 2 || strcmp(ctl->argv[1], "rebuild") != 0) {
		fprintf(stderr, "usage: dimosctl stats rebuild\n");
		return 2;
	}
	if (open_admin_db(ctl, &db) != 0)
		return 1;
	/* Days are the municipality's (main's lt_init). */
	st = stats_rebuild(db, &days);
	if (st == DM_OK)
		printf("stats: counted again (%lld day rows)\n", days);
	else
		fprintf(stderr, "dimosctl: stats rebuild failed (see above); "
		    "the figures are as they were\n");
	db_close(db);
	return st == DM_OK ? 0 : 1;
}

/*
 * dimosctl apikey add NAME | list | revoke ID: the keys of the Open311 API
 * (apikeys.h). A new key is printed once; only its digest is kept.
 */
static int
cmd_apikey(struct ctl *ctl)
{
	const char *verb = ctl->argc >= 2 ? ctl->argv[1] : "";
	struct db *db = NULL;
	char key[TOKEN_LEN + 1];
	long long id = 0;
	char *end;
	dm_status st;

	if (!((strcmp(verb, "add") == 0 && ctl->argc == 3) ||
	    (strcmp(verb, "list") == 0 && ctl->argc == 2) ||
	    (strcmp(verb, "revoke") == 0 && ctl->argc == 3))) {
		fprintf(stderr, "usage: dimosctl apikey add NAME | list | "
		    "revoke ID\n");
		return 2;
	}
	if (strcmp(verb, "revoke") == 0) {
		id = strtoll(ctl->argv[2], &end, 10);
		if (*end != '\0' || id <= 0) {
			fprintf(stderr, "dimosctl: apikey revoke: '%s' is no "
			    "key id (see apikey list)\n", ctl->argv[2]);
			return 2;
		}
	}
	if (open_admin_db(ctl, &db) != 0)
		return 1;
	if (strcmp(verb, "add") == 0) {
		st = apikey_add(db, ctl->argv[2], &id, key);
		if (st == DM_OK)
			printf("api key %lld for %s (shown once, keep it):\n%s\n",
			    id, ctl->argv[2], key);
		else if (st == DM_EINPUT)
			fprintf(stderr, "dimosctl: apikey add: a name of 1 to "
			    "200 characters, please\n");
	} else if (strcmp(verb, "list") == 0) {
		st = apikey_list(db, stdout);
	} else {
		st = apikey_revoke(db, id);
		if (st == DM_OK)
			printf("api key %lld revoked\n", id);
		else if (st == DM_ENOTFOUND)
			fprintf(stderr, "dimosctl: no live api key %lld\n", id);
	}
	db_close(db);
	return st == DM_OK ? 0 : 1;
}

/*
 * dimosctl keys init|rotate [--cert FILE --cert-key FILE] | show | list:
 * the municipality's seal, generation by generation (keyadmin.h).
 * Without --cert the local demo CA issues the seal certificate.
 */
int
ctl_keys(struct ctl *ctl)
{
	static const struct option opts[] = {
		{ "cert", required_argument, NULL, 'c' },
		{ "cert-key", required_argument, NULL, 'k' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct keystore_new n;
	const char *verb;
	struct db *db = NULL;
	int c, force = 0;
	dm_status st;

	if (ctl->argc < 2) {
		fprintf(stderr, "usage: dimosctl keys init|rotate [--cert FILE "
		    "--cert-key FILE] | show | list\n");
		return 2;
	}
	verb = ctl->argv[1];
	memset(&n, 0, sizeof(n));
	n.name = ctl->cfg.mun_name_el;
	n.owner = ctl->cfg.user;
	optind = 2;
	while ((c = getopt_long(ctl->argc, ctl->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': n.cert_file = optarg; break;
		case 'k': n.cert_key_file = optarg; break;
		case 'f': force = 1; break;
		default: return 2;
		}
	}
	if (strcmp(verb, "init") == 0 && force) {
		fprintf(stderr, "dimosctl: keys init --force is now keys rotate, "
		    "which keeps earlier documents valid\n");
		verb = "rotate";
	}
	/* Rotation and listing need the database; init and show use it
	 * when it is there. */
	if (db_open(&ctl->cfg, 1, &db) != DM_OK || db_ready(db) != DM_OK) {
		db_close(db);
		db = NULL;
		if (strcmp(verb, "rotate") == 0 || strcmp(verb, "list") == 0) {
			fprintf(stderr, "dimosctl: cannot connect to the "
			    "database (see above)\n");
			return 1;
		}
	}
	if (strcmp(verb, "init") == 0)
		st = keyadmin_init(db, &ctl->cfg, &n, stdout);
	else if (strcmp(verb, "rotate") == 0)
		st = keyadmin_rotate(db, &ctl->cfg, &n, stdout);
	else if (strcmp(verb, "show") == 0)
		st = keyadmin_show(db, &ctl->cfg, stdout);
	else if (strcmp(verb, "list") == 0)
		st = keyadmin_list(db, stdout);
	else {
		fprintf(stderr, "dimosctl: unknown keys command '%s'\n", verb);
		st = DM_EINPUT;
	}
	db_close(db);
	return st == DM_OK ? 0 : 1;
}

static const struct command commands[] = {
	{ "instance", "instance add NAME [options] | list",
	    "make a municipality's instance on this host (dimosctl(8))",
	    ctl_instance, 1 },
	{ "keys", "keys init|rotate [--cert F --cert-key K] | show | list",
	    "the municipality's document seal (see docs/operations.md)",
	    ctl_keys, 0 },
	{ "plugin", "plugin <name> [args...]",
	    "run a plugin's command, e.g. plugin civil_registry import DIR",
	    cmd_plugin, 0 },
	{ "user", "user add|grant|revoke|title|list|reset-factor [options]",
	    "staff accounts and roles (see docs/operations.md)", cmd_user, 0 },
	{ "demo", "demo",
	    "load the demo accounts of the local stack (idempotent)",
	    cmd_demo, 0 },
	{ "migrate", "migrate [--status]",
	    "apply pending schema migrations (core, then plugins)",
	    ctl_migrate, 0 },
	{ "check", "check",
	    "check configuration, plugins, stylesheets and the database",
	    cmd_check, 0 },
	{ "plugins", "plugins", "list enabled plugins: ABI, department, services "
	    "and config keys", cmd_plugins, 0 },
	{ "reindex", "reindex", "index the queue columns of every submitted "
	    "request again", cmd_reindex, 0 },
	{ "apikey", "apikey add NAME | list | revoke ID",
	    "keys of the Open311 API (see docs/operations.md)", cmd_apikey,
	    0 },
	{ "stats", "stats rebuild", "count the dashboard's figures again from "
	    "the requests", cmd_stats, 0 },
	{ "backup", "backup [--passphrase-file F] [--db-user U] OUT",
	    "the database, seal keys and configuration, encrypted",
	    ctl_backup, 0 },
	{ "restore", "restore [--passphrase-file F] --datadir DIR --keys DIR "
	    "--config FILE [--db-owner U] [--user U] BACKUP", "a backup into "
	    "an empty instance", ctl_restore, 1 },
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static void
usage(void)
{
	fprintf(stderr, "usage: dimosctl [-c config | -i instance] <command> "
	    "[args]\n\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(stderr, "  %-40s %s\n", commands[i].usage,
		    commands[i].help);
}

int
main(int argc, char **argv)
{
	struct ctl ctl;
	char err[2048];
	char instance_path[4096];
	int c, rc;

	memset(&ctl, 0, sizeof(ctl));
	ctl.config_path = getenv("DIMOS_CONFIG");
	if (ctl.config_path == NULL)
		ctl.config_path = "/etc/dimos/dimos.ini";
	while ((c = getopt(argc, argv, "+c:i:h")) != -1) {
		switch (c) {
		case 'c': ctl.config_path = optarg; break;
		case 'i':
			/* An instance made by "instance add" (dimosd@NAME). */
			snprintf(instance_path, sizeof(instance_path),
			    "/etc/dimos/%s/dimos.ini", optarg);
			ctl.config_path = instance_path;
			break;
		default: usage(); return 2;
		}
	}
	if (optind >= argc) {
		usage();
		return 2;
	}
	log_set_tag("dimosctl", -1);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, argv[optind]) != 0)
			continue;
		ctl.argc = argc - optind;
		ctl.argv = argv + optind;
		if (commands[i].no_config)
			return commands[i].run(&ctl);
		if (config_load(ctl.config_path, &ctl.cfg, err,
		    sizeof(err)) != DM_OK) {
			fprintf(stderr, "dimosctl: %s\n", err);
			return 1;
		}
		log_set_level((enum dm_log_level)ctl.cfg.log_level);
		/* The municipality's clock and calendar: its days for the
		 * dashboard's figures, its times in what is printed. */
		lt_init(&ctl.cfg);
		rc = commands[i].run(&ctl);
		config_free(&ctl.cfg);
		return rc;
	}
	fprintf(stderr, "dimosctl: unknown command '%s'\n", argv[optind]);
	usage();
	return 2;
}
