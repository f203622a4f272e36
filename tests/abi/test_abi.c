/*
 * test_abi.c - the plugin loader refuses each kind of bad plugin, precisely.
 * Each case loads a deliberately broken plugin (abi_plugin.c) and checks
 * the message; then dimosd -t and dimosd itself must stop on one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "plugins.h"

struct refusal {
	const char	*name;
	const char	*expect;
};

static const struct refusal refusals[] = {
	{ "abi_nosymbol", "missing entry symbol dimos_plugin_v1" },
	{ "abi_major", "built for ABI major 2; this core speaks ABI 1.0" },
	{ "abi_minor", "built for ABI 1.1, newer than this core's 1.0" },
	{ "abi_short", "; ABI 1.0 needs at least" },
	{ "abi_name", "declares the name 'somebody_else'; expected "
	    "'abi_name'" },
	{ "abi_noinit", "has no init function" },
	{ "abi_badservice", "service code 'Bad Code!' is not [a-z][a-z0-9-]*" },
	{ "abi_badfield", "field name 'Bad Name' is not [a-z][a-z0-9_]*" },
	{ "abi_nochoices", "field kind is a choice without choices" },
	{ "abi_badroute", "route 'no-leading-slash' needs a /path" },
};

static char *
plugin_path(const char *dir, const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s.so", dir, name);
	return path;
}

static void
test_refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		struct plugin p;
		char err[1024];
		const char *path = plugin_path(ABI_DIR, refusals[i].name);
		dm_status st = plugin_open(path, refusals[i].name, &p, err,
		    sizeof(err));

		if (st != DM_EINPUT || strstr(err, refusals[i].expect) == NULL
		    || strstr(err, path) == NULL)
			fail_msg("%s: got status %d, message '%s'; expected "
			    "'%s' naming the file", refusals[i].name, (int)st,
			    err, refusals[i].expect);
	}
}

static void
test_ok_loads(void **state)
{
	struct plugin p;
	char err[1024] = "";

	(void)state;
	assert_int_equal(plugin_open(plugin_path(ABI_DIR, "abi_ok"), "abi_ok",
	    &p, err, sizeof(err)), DM_OK);
	assert_string_equal(p.desc->name, "abi_ok");
	assert_string_equal(p.desc->services[0].code, "abi-test-svc");
	plugin_close(&p);
}

static void
test_not_found(void **state)
{
	struct plugin p;
	char err[1024];

	(void)state;
	assert_int_equal(plugin_open(plugin_path(ABI_DIR, "abi_missing"),
	    "abi_missing", &p, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "abi_missing.so refused: not found"));
}

static void
copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
	assert_int_equal(chmod(to, mode), 0);
}

static void
test_writable_by_others(void **state)
{
	char dir[] = "/tmp/dimos-abi-XXXXXX", path[4096], err[1024];
	struct plugin p;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/abi_ok.so", dir);

	copy_file(plugin_path(ABI_DIR, "abi_ok"), path, 0666);
	assert_int_equal(plugin_open(path, "abi_ok", &p, err, sizeof(err)),
	    DM_EINPUT);
	assert_non_null(strstr(err, "writable by others (mode 0666)"));

	/* A safe file in an unsafe folder is just as unsafe. */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(plugin_open(path, "abi_ok", &p, err, sizeof(err)),
	    DM_EINPUT);
	assert_non_null(strstr(err, "is writable by others (mode 0777)"));

	/* Owned by someone else (we are root in CI; chown needs it). */
	assert_int_equal(chmod(dir, 0755), 0);
	if (geteuid() == 0) {
		assert_int_equal(chown(path, 65534, 65534), 0);
		assert_int_equal(plugin_open(path, "abi_ok", &p, err,
		    sizeof(err)), DM_EINPUT);
		assert_non_null(strstr(err, "owned by uid 65534"));
	}
	unlink(path);
	rmdir(dir);
}

/* A config enabling plugins from dir; extra is appended verbatim. */
static void
write_config(const char *path, const char *dir, const char *enabled,
    const char *extra)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fprintf(fp, "[server]\nsocket = %s.sock\nxslt_dir = %s/xslt\n"
	    "workers = 1\n[database]\nname = x\nuser = x\n"
	    "[municipality]\nname_el = Δήμος Δοκιμής\nname_en = Test\n"
	    "[plugins]\ndirectory = %s\ndata_dir = %s/plugins\n"
	    "enabled = %s\n%s", path, DIMOS_SOURCE_DIR, dir, DIMOS_SOURCE_DIR,
	    enabled, extra ? extra : "");
	fclose(fp);
}

static void
test_duplicate_service(void **state)
{
	char dir[] = "/tmp/dimos-abi-XXXXXX", path[4096], gen[4096];
	char err[1024];
	struct config cfg;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0755), 0);
	snprintf(gen, sizeof(gen), "%s/general.so", DIMOS_PLUGIN_DIR);
	snprintf(path, sizeof(path), "%s/general.so", dir);
	copy_file(gen, path, 0644);
	snprintf(path, sizeof(path), "%s/abi_dupservice.so", dir);
	copy_file(plugin_path(ABI_DIR, "abi_dupservice"), path, 0644);
	snprintf(path, sizeof(path), "%s/dimos.ini", dir);
	write_config(path, dir, "general, abi_dupservice", NULL);
	assert_int_equal(config_load(path, &cfg, err, sizeof(err)), DM_OK);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "service code 'general-request' is "
	    "already declared by plugin general"));
	assert_int_equal(plugins_count(), 0);
	config_free(&cfg);
	unlink(path);
	snprintf(path, sizeof(path), "%s/general.so", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/abi_dupservice.so", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_plugin_config_keys(void **state)
{
	char path[] = "/tmp/dimos-abi-conf-XXXXXX";
	char err[1024];
	struct config cfg;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);

	write_config(path, ABI_DIR, "abi_ok",
	    "[plugin.abi_ok]\ngreeting = Γεια\n");
	assert_int_equal(config_load(path, &cfg, err, sizeof(err)), DM_OK);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_OK);
	assert_string_equal(config_plugin_get(&cfg, "abi_ok", "greeting"),
	    "Γεια");
	plugins_unload();
	config_free(&cfg);

	write_config(path, ABI_DIR, "abi_ok",
	    "[plugin.abi_ok]\ngreeting = Γεια\ncolour = blue\n");
	assert_int_equal(config_load(path, &cfg, err, sizeof(err)), DM_OK);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, ":17: unknown key 'colour' in "
	    "[plugin.abi_ok]"));
	config_free(&cfg);

	write_config(path, ABI_DIR, "abi_ok", "[plugin.general]\nx = 1\n");
	assert_int_equal(config_load(path, &cfg, err, sizeof(err)), DM_OK);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "[plugin.general] is for a plugin that "
	    "is not enabled"));
	config_free(&cfg);
	unlink(path);
}

/* Runs argv, returns the exit status and the first bytes of stderr. */
static int
run(char *const argv[], char *out, size_t outsz)
{
	int fds[2], status;
	pid_t pid;
	size_t got = 0;
	ssize_t n;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 2);
		dup2(fds[1], 1);
		close(fds[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while (got < outsz - 1 && (n = read(fds[0], out + got,
	    outsz - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void
test_dimosd_refuses(void **state)
{
	char path[] = "/tmp/dimos-abi-conf-XXXXXX", out[8192];
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_config(path, ABI_DIR, "abi_major", NULL);
	{
		char *argv[] = { (char *)DIMOSD, "-t", "-c", path, NULL };

		assert_int_equal(run(argv, out, sizeof(out)), 1);
		assert_non_null(strstr(out, "built for ABI major 2"));
	}
	{
		/* Not a check: a real start must stop too, before forking
		 * workers or creating its socket. */
		char *argv[] = { (char *)DIMOSD, "-c", path, NULL };
		char sock[4200];
		struct stat st;

		assert_int_equal(run(argv, out, sizeof(out)), 1);
		assert_non_null(strstr(out, "built for ABI major 2"));
		assert_non_null(strstr(out, "not starting"));
		snprintf(sock, sizeof(sock), "%s.sock", path);
		assert_int_not_equal(stat(sock, &st), 0);
	}
	write_config(path, ABI_DIR, "abi_ok", NULL);
	{
		char *argv[] = { (char *)DIMOSD, "-t", "-c", path, NULL };

		assert_int_equal(run(argv, out, sizeof(out)), 0);
		assert_non_null(strstr(out, "plugins: abi_ok"));
	}
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_ok_loads),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_writable_by_others),
		cmocka_unit_test(test_duplicate_service),
		cmocka_unit_test(test_plugin_config_keys),
		cmocka_unit_test(test_dimosd_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
