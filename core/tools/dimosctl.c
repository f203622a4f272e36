/*
 * dimosctl.c - the administrator's command.
 * Owns the command table; each command is a small function over the core
 * modules (migrations, plugin listing, configuration check).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "db.h"
#include "log.h"
#include "migrate.h"
#include "plugins.h"
#include "worker.h"

struct ctl {
	const char	*config_path;
	struct config	 cfg;
	int		 argc;
	char		**argv;
};

struct command {
	const char	*name;
	const char	*usage;
	const char	*help;
	int		(*run)(struct ctl *ctl);
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

static int
cmd_migrate(struct ctl *ctl)
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
		for (const struct dm_service *s = p->desc->services;
		    s && s->code; s++)
			printf("    %-28s %s\n", s->code, s->title_el);
	}
	plugins_unload();
	return 0;
}

static const struct command commands[] = {
	{ "migrate", "migrate [--status]",
	    "apply pending schema migrations (core, then plugins)",
	    cmd_migrate },
	{ "check", "check",
	    "check configuration, plugins, stylesheets and the database",
	    cmd_check },
	{ "plugins", "plugins", "list enabled plugins, their ABI and services",
	    cmd_plugins },
};

#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

static void
usage(void)
{
	fprintf(stderr, "usage: dimosctl [-c config] <command> [args]\n\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(stderr, "  %-40s %s\n", commands[i].usage,
		    commands[i].help);
}

int
main(int argc, char **argv)
{
	struct ctl ctl;
	char err[2048];
	int c, rc;

	memset(&ctl, 0, sizeof(ctl));
	ctl.config_path = getenv("DIMOS_CONFIG");
	if (ctl.config_path == NULL)
		ctl.config_path = "/etc/dimos/dimos.ini";
	while ((c = getopt(argc, argv, "+c:h")) != -1) {
		switch (c) {
		case 'c': ctl.config_path = optarg; break;
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
		if (config_load(ctl.config_path, &ctl.cfg, err,
		    sizeof(err)) != DM_OK) {
			fprintf(stderr, "dimosctl: %s\n", err);
			return 1;
		}
		log_set_level((enum dm_log_level)ctl.cfg.log_level);
		ctl.argc = argc - optind;
		ctl.argv = argv + optind;
		rc = commands[i].run(&ctl);
		config_free(&ctl.cfg);
		return rc;
	}
	fprintf(stderr, "dimosctl: unknown command '%s'\n", argv[optind]);
	usage();
	return 2;
}
