/*
 * test_config.c - the configuration file: defaults, every value type, and
 * every error reported with file:line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

static const char base[] =
    "[server]\n"
    "socket = run/d.sock\n"
    "[database]\n"
    "name = dimos\n"
    "user = dimos\n"
    "[municipality]\n"
    "name_el = Δήμος Βισαλτίας\n"
    "name_en = Municipality of Visaltia\n";

static char path[64];

static const char *
write_conf(const char *text)
{
	FILE *fp;

	strcpy(path, "/tmp/dimos-conf-XXXXXX");
	close(mkstemp(path));
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* Loads base + extra; returns the status and leaves the error in err. */
static dm_status
load(const char *extra, struct config *cfg, char *err, size_t errsz)
{
	char text[4096];
	dm_status st;

	snprintf(text, sizeof(text), "%s%s", base, extra);
	st = config_load(write_conf(text), cfg, err, errsz);
	unlink(path);
	return st;
}

static void
test_defaults(void **state)
{
	struct config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load("", &cfg, err, sizeof(err)), DM_OK);
	assert_string_equal(cfg.db_name, "dimos");
	assert_string_equal(cfg.mun_name_el, "Δήμος Βισαλτίας");
	assert_int_equal(cfg.workers, 0);
	assert_int_equal(cfg.socket_mode, 0660);
	assert_int_equal(cfg.lim_upload_file, 10LL << 20);
	assert_int_equal(cfg.lim_form, 256LL << 10);
	assert_int_equal(cfg.shutdown_timeout, 30);
	assert_int_equal(cfg.secure_cookies, -1);
	assert_int_equal(cfg.nenabled, 0);
	/* A relative path is taken from the config file's folder. */
	assert_string_equal(cfg.socket, "/tmp/run/d.sock");
	assert_string_equal(cfg.base_url, "http://127.0.0.1:8080");
	config_free(&cfg);
}

static void
test_values(void **state)
{
	struct config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load("[server]\n", &cfg, err, sizeof(err)), DM_OK);
	config_free(&cfg);
	assert_int_equal(load(
	    "[limits]\nupload_file = 2m\nupload_request = 1g\nform = 64k\n"
	    "[plugins]\nenabled = general, civil_registry male_registry\n"
	    "[plugin.general]\ngreeting = Καλημέρα ; a comment\n", &cfg, err,
	    sizeof(err)), DM_OK);
	assert_int_equal(cfg.lim_upload_file, 2LL << 20);
	assert_int_equal(cfg.lim_upload_request, 1LL << 30);
	assert_int_equal(cfg.lim_form, 64LL << 10);
	assert_int_equal(cfg.nenabled, 3);
	assert_string_equal(cfg.enabled[1], "civil_registry");
	assert_true(config_plugin_enabled(&cfg, "male_registry"));
	assert_false(config_plugin_enabled(&cfg, "water"));
	assert_string_equal(config_plugin_get(&cfg, "general", "greeting"),
	    "Καλημέρα");
	assert_null(config_plugin_get(&cfg, "general", "other"));
	config_free(&cfg);

	/* The administrator's sections are kept, in file order, with their
	 * lines, for the plugin loader to check (test_abi). */
	assert_int_equal(load("[service.general-request]\nsla_days = 7\n"
	    "[department.general]\nname_el = Γραμματεία\n"
	    "[plugin.general]\ngreeting = Γεια\n", &cfg, err, sizeof(err)),
	    DM_OK);
	{
		const struct config_sectkey *sk = cfg.sect_keys;

		assert_int_equal(sk->scope, CONFIG_SERVICE);
		assert_string_equal(sk->name, "general-request");
		assert_string_equal(sk->key, "sla_days");
		assert_string_equal(sk->value, "7");
		assert_int_equal(sk->line, 10);
		sk = sk->next;
		assert_int_equal(sk->scope, CONFIG_DEPARTMENT);
		assert_string_equal(sk->value, "Γραμματεία");
		assert_int_equal(sk->next->scope, CONFIG_PLUGIN);
		assert_null(sk->next->next);
		assert_ptr_equal(config_sect_get(&cfg, CONFIG_DEPARTMENT,
		    "general", "name_el"), sk);
		assert_null(config_sect_get(&cfg, CONFIG_SERVICE, "general",
		    "name_el"));
		assert_null(config_plugin_get(&cfg, "general-request",
		    "sla_days"));
	}
	config_free(&cfg);
}

struct bad {
	const char	*text;
	const char	*expect;
};

/* base has 8 lines, so the first extra line is line 9. */
static const struct bad bad[] = {
	{ "[letterhead]\nregion = Α\nregion = Β\n", ":11: letterhead.region is "
	    "set twice" },
	{ "[letterhead.civil_registry]\nstate = Α\n", ":10: unknown key "
	    "'state' in [letterhead.civil_registry]" },
	{ "[letterhead.Civil]\ndepartment = Α\n", ":10: [letterhead.Civil]: "
	    "not a department code" },
	{ "[letterhead.general]\nmandate = perhaps\n", ":10: "
	    "letterhead.general.mandate: 'perhaps' is not yes or no" },
	{ "[letterhead.general]\nphone = 1\nphone = 2\n", ":11: "
	    "letterhead.general.phone is set twice" },
	{ "[letterhead.water]\nphone = 1\n", "[letterhead.water]: no enabled "
	    "department (plugin) water" },
	{ "[server]\nworkerz = 4\n", ":10: unknown key 'workerz' in [server]" },
	{ "[serverz]\nx = 1\n", ":10: unknown section [serverz]" },
	{ "[server]\nworkers = many\n", ":10: server.workers: 'many' is not a "
	    "whole number from 0 to 256" },
	{ "[server]\nworkers = 300\n", ":10: server.workers: '300' is not" },
	{ "[server]\nsocket_mode = 0999\n", ":10: server.socket_mode: '0999' "
	    "is not an octal mode" },
	{ "[server]\nlog_level = loud\n", ":10: server.log_level: 'loud' is "
	    "not one of error, warn, info, debug" },
	{ "[server]\nbase_url = ftp://x\n", ":10: server.base_url: 'ftp://x' "
	    "is not an http(s) URL" },
	{ "[server]\nsecure_cookies = maybe\n", ":10: server.secure_cookies: "
	    "'maybe' is not auto, yes or no" },
	{ "[server]\nshutdown_timeout = 5 minutes\n", ":10: "
	    "server.shutdown_timeout: '5 minutes' is not a duration" },
	{ "[limits]\nupload_file = 10x\n", ":10: limits.upload_file: '10x' "
	    "is not a size" },
	{ "[limits]\nupload_file = 100m\nupload_request = 10m\n",
	    "limits.upload_file is larger than limits.upload_request" },
	{ "[plugins]\nenabled = general Water\n", ":10: plugins.enabled: "
	    "'Water' is not a plugin name" },
	{ "[plugins]\nenabled = general general\n", ":10: plugins.enabled: "
	    "'general' is listed twice" },
	{ "[database]\nname = again\n", ":10: database.name is set twice" },
	{ "[plugin.Bad]\nx = 1\n", ":10: [plugin.Bad]: not a plugin name" },
	{ "[service.general_request]\nsla_days = 3\n", ":10: "
	    "[service.general_request]: not a service name" },
	{ "[department.Γενικά]\nname_el = Χ\n", ":10: [department.Γενικά]: "
	    "not a department name" },
	{ "[service.general-request]\nsla_days = 3\nfee_el = x\n"
	    "sla_days = 4\n", ":12: sla_days is set twice in "
	    "[service.general-request] (first on line 10)" },
	{ "[plugin.general]\ngreeting = a\ngreeting = b\n", ":11: greeting "
	    "is set twice in [plugin.general] (first on line 10)" },
	{ "[mail]\nsmtp_url = http://mail.example.gr\n", ":10: mail.smtp_url: "
	    "'http://mail.example.gr' is not an smtp:// or smtps:// URL" },
	{ "[mail]\ntls = sometimes\n", ":10: mail.tls: 'sometimes' is not one "
	    "of none|starttls|required" },
	{ "[taxisnet]\nenabled = perhaps\n", ":10: taxisnet.enabled: 'perhaps' "
	    "is not yes or no" },
	{ "[taxisnet]\nenabled = yes\nclient_id = dimos\n", "taxisnet.enabled "
	    "needs authorize_url, token_url, userinfo_url, client_id and "
	    "client_secret" },
	{ "[limits]\nupload_file = 10kx\n", ":10: limits.upload_file: '10kx' "
	    "is not a size" },
	{ "[limits]\nupload_request = 99999999999999999g\n", ":10: "
	    "limits.upload_request: '99999999999999999g' is not a size" },
	{ "[server\n", ":9: syntax error" },
	{ "just text\n", ":9: syntax error" },
};

/* database.host: one host, or a cluster's nodes in the order tried. */
static void
test_db_hosts(void **state)
{
	static const struct bad bad_hosts[] = {
		{ "[database]\nhost = a:0\n", "'a:0' has no valid port" },
		{ "[database]\nhost = a:70000\n", "has no valid port" },
		{ "[database]\nhost = a:x\n", "'a:x' has no valid port" },
		{ "[database]\nhost = a:\n", "has no valid port" },
		{ "[database]\nhost = :3306\n", "an entry has no host name" },
		{ "[database]\nhost = ,\n", "database.host is empty" },
		{ "[database]\nhost = a,b,c,d,e,f,g,h,i\n", "more than 8 hosts" },
		{ "[database]\nsync_wait = 16\n", "sync_wait" },
	};
	struct config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load("", &cfg, err, sizeof(err)), DM_OK);
	assert_int_equal(cfg.ndb_hosts, 1);
	assert_string_equal(cfg.db_hosts[0], "localhost");
	assert_int_equal(cfg.db_ports[0], 3306);
	assert_int_equal(cfg.db_sync_wait, 0);
	config_free(&cfg);

	assert_int_equal(load("[database]\nport = 3307\nsync_wait = 1\n"
	    "host = 10.0.0.1, db2.example.org:3310 10.0.0.3\n", &cfg, err,
	    sizeof(err)), DM_OK);
	assert_int_equal(cfg.ndb_hosts, 3);
	assert_string_equal(cfg.db_hosts[0], "10.0.0.1");
	assert_int_equal(cfg.db_ports[0], 3307);
	assert_string_equal(cfg.db_hosts[1], "db2.example.org");
	assert_int_equal(cfg.db_ports[1], 3310);
	assert_string_equal(cfg.db_hosts[2], "10.0.0.3");
	assert_int_equal(cfg.db_ports[2], 3307);
	assert_int_equal(cfg.db_sync_wait, 1);
	config_free(&cfg);

	for (size_t i = 0; i < sizeof(bad_hosts) / sizeof(bad_hosts[0]); i++) {
		if (load(bad_hosts[i].text, &cfg, err, sizeof(err)) !=
		    DM_EINPUT)
			fail_msg("accepted: %s", bad_hosts[i].text);
		if (strstr(err, bad_hosts[i].expect) == NULL)
			fail_msg("for '%s' got '%s', expected '%s'",
			    bad_hosts[i].text, err, bad_hosts[i].expect);
	}
}

static void
test_errors(void **state)
{
	struct config cfg;
	char err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (load(bad[i].text, &cfg, err, sizeof(err)) != DM_EINPUT)
			fail_msg("accepted: %s", bad[i].text);
		if (strstr(err, bad[i].expect) == NULL ||
		    strncmp(err, "/tmp/dimos-conf-", 16) != 0)
			fail_msg("for '%s' got '%s', expected '%s'",
			    bad[i].text, err, bad[i].expect);
	}
}

static void
test_missing_and_long(void **state)
{
	struct config cfg;
	char err[512], text[1024];

	(void)state;
	assert_int_equal(config_load(write_conf("[server]\nworkers = 2\n"),
	    &cfg, err, sizeof(err)), DM_EINPUT);
	unlink(path);
	assert_non_null(strstr(err, "missing required key database.name"));

	memset(text, 0, sizeof(text));
	strcpy(text, "[server]\nbase_url = http://");
	memset(text + strlen(text), 'a', 400);
	strcat(text, "\n");
	assert_int_equal(config_load(write_conf(text), &cfg, err,
	    sizeof(err)), DM_EINPUT);
	unlink(path);
	assert_non_null(strstr(err, ":2: line longer than"));

	assert_int_equal(config_load("/nonexistent/dimos.ini", &cfg, err,
	    sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "/nonexistent/dimos.ini: cannot open"));
}

static void
test_parsers(void **state)
{
	long long v;
	int b;

	(void)state;
	assert_true(config_parse_size("512", &v) && v == 512);
	assert_true(config_parse_size("64k", &v) && v == 65536);
	assert_true(config_parse_size("10M", &v) && v == 10485760);
	assert_true(config_parse_size("1gb", &v) && v == 1073741824);
	assert_false(config_parse_size("-1", &v));
	assert_false(config_parse_size("1t", &v));
	assert_false(config_parse_size("99999999999999999999", &v));
	assert_false(config_parse_size("", &v));
	assert_true(config_parse_duration("90", &v) && v == 90);
	assert_true(config_parse_duration("5m", &v) && v == 300);
	assert_true(config_parse_duration("2h", &v) && v == 7200);
	assert_true(config_parse_duration("14d", &v) && v == 14 * 86400);
	assert_false(config_parse_duration("5 m", &v));
	assert_true(config_parse_bool("Yes", &b) && b == 1);
	assert_true(config_parse_bool("off", &b) && b == 0);
	assert_false(config_parse_bool("maybe", &b));
}

/* Map tiles: the template, and the origin the CSP allows. */
static void
test_tiles(void **state)
{
	static const struct {
		const char	*tpl;
		const char	*origin;	/* NULL: refused */
	} cases[] = {
		{ "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
		    "https://tile.openstreetmap.org" },
		{ "https://{s}.Tiles.Example.org:8443/a/{z}/{x}/{y}{r}.png",
		    "https://*.tiles.example.org:8443" },
		{ "http://127.0.0.1:9/{z}/{x}/{y}.png", "http://127.0.0.1:9" },
		{ "https://t.example.org/{z}/{x}/{y}.png?key=abc&v=2",
		    "https://t.example.org" },
		{ "ftp://t.example.org/{z}/{x}/{y}.png", NULL },
		{ "https://t.example.org/{x}/{y}.png", NULL },
		{ "https://t.example.org/{z}/{x}/{y}/{q}.png", NULL },
		{ "https:///{z}/{x}/{y}", NULL },
		{ "https://t.example.org", NULL },
		{ "https://t.exa mple.org/{z}/{x}/{y}", NULL },
		{ "https://t.example.org/{z}/{x}/{y}; script-src *", NULL },
		{ "https://t.example.org/{z}/{x}/{y}\"onload=\"x", NULL },
		{ "https://t.example.org/{z}/{x}/{y},https://evil", NULL },
		{ "https://t.example.org/{z}/{x}/{y}\r\nX-A: b", NULL },
		{ "https://*.example.org/{z}/{x}/{y}", NULL },
		{ "https://t.example.org/{z}/{x}/{y}/\xce\xb1", NULL },
		{ "https://t.example.org/{z}/{x}/{y}}", NULL },
	};
	struct config cfg;
	char origin[128], err[512];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int ok = config_tile_origin(cases[i].tpl, origin,
		    sizeof(origin));

		if (ok != (cases[i].origin != NULL))
			fail_msg("'%s': %d", cases[i].tpl, ok);
		if (ok)
			assert_string_equal(origin, cases[i].origin);
	}
	assert_int_equal(load("[places]\ntiles = https://t.example.org/a.png\n",
	    &cfg, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, ":10: places.tiles: "));
	/* Empty: a map of the boundary and settlements only. */
	assert_int_equal(load("[places]\ntiles =\nnearby_radius = 75\n"
	    "[photos]\nthumb_side = 400\n", &cfg, err, sizeof(err)), DM_OK);
	assert_string_equal(cfg.places_tiles, "");
	assert_int_equal(cfg.places_nearby_m, 75);
	assert_int_equal(cfg.places_nearby_days, 30);
	assert_int_equal(cfg.photo_thumb_side, 400);
	assert_int_equal(cfg.photo_max_pixels, 50000000);
	assert_null(cfg.places_geojson);
	config_free(&cfg);
}

/* The letterhead: the municipality's, and a department's differences. */
static void
test_letterhead(void **state)
{
	struct config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load("[plugins]\nenabled = general\n"
	    "[letterhead]\nregion = ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ\n"
	    "directorate = Διεύθυνση Διοικητικών Υπηρεσιών\n"
	    "emblem = emblem.png\n"
	    "[letterhead.general]\ndepartment = Τμήμα Πρωτοκόλλου\n"
	    "mandate = no\nemblem = dept.png\n", &cfg, err, sizeof(err)),
	    DM_OK);
	assert_string_equal(cfg.lh_state, "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ");
	assert_string_equal(cfg.lh_region, "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ");
	assert_null(cfg.lh_municipality);
	assert_int_equal(cfg.lh_mandate, 1);
	assert_string_equal(cfg.lh_emblem, "/tmp/emblem.png");
	assert_string_equal(config_letterhead(&cfg, "general", "department"),
	    "Τμήμα Πρωτοκόλλου");
	assert_string_equal(config_letterhead(&cfg, "general", "mandate"),
	    "no");
	/* Paths are taken from the configuration's folder, as everywhere. */
	assert_string_equal(config_letterhead(&cfg, "general", "emblem"),
	    "/tmp/dept.png");
	assert_null(config_letterhead(&cfg, "general", "phone"));
	assert_null(config_letterhead(&cfg, "civil_registry", "department"));
	/* The seal's defaults: an sRGB profile, the legal basis in Greek. */
	assert_string_equal(cfg.doc_icc_profile,
	    "/usr/share/color/icc/sRGB.icc");
	assert_non_null(strstr(cfg.doc_legal_basis, "4727/2020"));
	config_free(&cfg);
}

/* The documented example is a valid file, key for key. */
static void
test_example(void **state)
{
	struct config cfg;
	char err[1024];

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	if (config_load(DIMOS_SOURCE_DIR "/packaging/dimos.ini.example", &cfg,
	    err, sizeof(err)) != DM_OK)
		fail_msg("%s", err);
	assert_string_equal(cfg.mun_timezone, "Europe/Athens");
	assert_string_equal(cfg.doc_key_dir, "/etc/dimos/keys");
	assert_int_equal(cfg.nenabled, 3);
	assert_string_equal(config_plugin_get(&cfg, "civil_registry", "units"),
	    "Νιγρίτα:Νιγρίτας, Αχινός:Αχινού, Βισαλτία:Βισαλτίας, "
	    "Τράγιλος:Τραγίλου");
	assert_string_equal(cfg.lh_regional_unit,
	    "ΠΕΡΙΦΕΡΕΙΑΚΗ ΕΝΟΤΗΤΑ ΣΕΡΡΩΝ");
	assert_non_null(config_letterhead(&cfg, "civil_registry",
	    "department"));
	config_free(&cfg);
}

/* Values at their edges: units with "b", three-way switches, a plugin
 * list at its limit (and one over), a file named without a folder, an
 * error cut to a small buffer. */
static void
test_edges(void **state)
{
	struct config cfg;
	char text[1024] = "[plugins]\nenabled =", err[512], small[24];

	(void)state;
	assert_int_equal(load("[mail]\nsmtp_url = smtps://mail.example.gr:465\n"
	    "tls = starttls\n[server]\nsecure_cookies = yes\n[limits]\n"
	    "upload_file = 2mb\nupload_request = 4096k\n", &cfg, err,
	    sizeof(err)), DM_OK);
	assert_string_equal(cfg.mail_smtp_url, "smtps://mail.example.gr:465");
	assert_string_equal(cfg.mail_tls, "starttls");
	assert_int_equal(cfg.secure_cookies, 1);
	assert_int_equal(cfg.lim_upload_file, 2LL << 20);
	assert_int_equal(cfg.lim_upload_request, 4096LL << 10);
	config_free(&cfg);
	assert_int_equal(load("[server]\nsecure_cookies = no\n", &cfg, err,
	    sizeof(err)), DM_OK);
	assert_int_equal(cfg.secure_cookies, 0);
	config_free(&cfg);

	for (int i = 0; i < CONFIG_MAX_PLUGINS; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    " p%d", i);
	assert_int_equal(load(strcat(text, "\n"), &cfg, err, sizeof(err)),
	    DM_OK);
	assert_int_equal(cfg.nenabled, CONFIG_MAX_PLUGINS);
	assert_true(config_plugin_enabled(&cfg, "p31"));
	config_free(&cfg);
	text[strlen(text) - 1] = '\0';
	assert_int_equal(load(strcat(text, " one_more\n"), &cfg, err,
	    sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "more than 32 plugins"));

	/* A file named without a folder, in the current one. */
	assert_int_equal(chdir("/tmp"), 0);
	{
		char name[64];
		FILE *fp;

		snprintf(name, sizeof(name), "dimos-conf-%d.ini",
		    (int)getpid());
		fp = fopen(name, "w");
		assert_non_null(fp);
		fputs(base, fp);
		fclose(fp);
		assert_int_equal(config_load(name, &cfg, err, sizeof(err)),
		    DM_OK);
		config_free(&cfg);
		unlink(name);
	}
	/* An error longer than the caller's buffer is cut, not overrun. */
	assert_int_equal(load("[mail]\ntls = sometimes\n", &cfg, small,
	    sizeof(small)), DM_EINPUT);
	assert_true(strlen(small) < sizeof(small));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_db_hosts),
		cmocka_unit_test(test_missing_and_long),
		cmocka_unit_test(test_parsers),
		cmocka_unit_test(test_tiles),
		cmocka_unit_test(test_letterhead),
		cmocka_unit_test(test_example),
		cmocka_unit_test(test_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
