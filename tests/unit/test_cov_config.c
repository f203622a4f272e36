/*
 * test_cov_config.c - the configuration loader's remaining refusals and
 * edges, beside test_config.c: mail and TaxisNet settings, three-way
 * switches, sizes with units, plugin lists at their limit, limits that
 * contradict each other, file names without a folder, and an error that
 * must be cut to the caller's buffer.
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

/* Loads base + extra from path; the error (if any) stays in err. */
static dm_status
load_at(const char *path, const char *extra, struct config *cfg, char *err,
    size_t errsz)
{
	FILE *fp = fopen(path, "w");
	dm_status st;

	assert_non_null(fp);
	fprintf(fp, "%s%s", base, extra);
	fclose(fp);
	st = config_load(path, cfg, err, errsz);
	unlink(path);
	return st;
}

static dm_status
load(const char *extra, struct config *cfg, char *err, size_t errsz)
{
	char path[64];

	snprintf(path, sizeof(path), "/tmp/dimos-cov-conf-%d.ini",
	    (int)getpid());
	return load_at(path, extra, cfg, err, errsz);
}

static void
refused(const char *extra, const char *what)
{
	struct config cfg;
	char err[512];

	assert_int_equal(load(extra, &cfg, err, sizeof(err)), DM_EINPUT);
	if (strstr(err, what) == NULL)
		fail_msg("\"%s\" not in \"%s\"", what, err);
	/* Every error names the file. */
	assert_non_null(strstr(err, "/tmp/dimos-cov-conf-"));
}

static void
test_values(void **state)
{
	struct config cfg;
	char err[512];

	(void)state;
	assert_int_equal(load("[mail]\nsmtp_url = smtps://mail.example.gr:465\n"
	    "tls = starttls\n[server]\nsecure_cookies = yes\n"
	    "[limits]\nupload_file = 2mb\nupload_request = 4096k\n",
	    &cfg, err, sizeof(err)), DM_OK);
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
}

static void
test_refused(void **state)
{
	(void)state;
	refused("[mail]\nsmtp_url = http://mail.example.gr\n",
	    "not an smtp:// or smtps:// URL");
	refused("[mail]\ntls = sometimes\n", "not one of none|starttls|"
	    "required");
	refused("[taxisnet]\nenabled = perhaps\n", "not yes or no");
	refused("[server]\nsecure_cookies = maybe\n", "not auto, yes or no");
	refused("[limits]\nupload_file = 10kx\n", "not a size");
	refused("[limits]\nupload_file = 10xb\n", "not a size");
	refused("[limits]\nupload_request = 99999999999999999g\n",
	    "not a size");
	refused("[limits]\nupload_file = 20m\nupload_request = 10m\n",
	    "upload_file is larger than limits.upload_request");
	refused("[taxisnet]\nenabled = yes\nclient_id = dimos\n",
	    "taxisnet.enabled needs authorize_url");
}

static void
test_plugins(void **state)
{
	struct config cfg;
	char text[1024] = "[plugins]\nenabled =", err[512];

	(void)state;
	for (int i = 0; i < CONFIG_MAX_PLUGINS; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    " p%d", i);
	strcat(text, "\n");
	assert_int_equal(load(text, &cfg, err, sizeof(err)), DM_OK);
	assert_int_equal(cfg.nenabled, CONFIG_MAX_PLUGINS);
	assert_true(config_plugin_enabled(&cfg, "p31"));
	config_free(&cfg);
	text[strlen(text) - 1] = '\0';
	strcat(text, " one_more\n");
	refused(text, "more than 32 plugins");
	/* A key set twice is a mistake, not an override. */
	refused("[plugins]\nenabled = a, b\nenabled = c\n", "set twice");
}

static void
test_paths(void **state)
{
	struct config cfg;
	char err[512], small[24], name[64];

	(void)state;
	/* A file named without a folder, in the current one. */
	snprintf(name, sizeof(name), "dimos-cov-conf-%d.ini", (int)getpid());
	assert_int_equal(chdir("/tmp"), 0);
	assert_int_equal(load_at(name, "", &cfg, err, sizeof(err)), DM_OK);
	config_free(&cfg);
	/* A file that is not there. */
	assert_int_equal(config_load("/tmp/dimos-cov-none/x.ini", &cfg, err,
	    sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "cannot open"));
	/* An error longer than the caller's buffer is cut, not overrun. */
	assert_int_equal(load("[mail]\ntls = sometimes\n", &cfg, small,
	    sizeof(small)), DM_EINPUT);
	assert_true(strlen(small) < sizeof(small));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_plugins),
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
