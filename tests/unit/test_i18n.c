/*
 * test_i18n.c - the string tables: both languages carry the same keys,
 * every dm:t('key') in a stylesheet exists, bad files are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"

#define XSLT	DIMOS_SOURCE_DIR "/xslt"

static void
test_core_tables(void **state)
{
	char err[512];

	(void)state;
	i18n_free();
	assert_int_equal(i18n_load(XSLT "/i18n", NULL), DM_OK);
	assert_int_equal(i18n_check(err, sizeof(err)), 0);
	assert_string_equal(i18n_get(I18N_EL, "error.404.title"),
	    "Η σελίδα δεν βρέθηκε");
	assert_string_equal(i18n_get(I18N_EN, "error.404.title"),
	    "Page not found");
	assert_null(i18n_get(I18N_EL, "no.such.key"));
	assert_string_equal(i18n_str(I18N_EN, "no.such.key"), "no.such.key");
	assert_int_equal(i18n_lang_of("en"), I18N_EN);
	assert_int_equal(i18n_lang_of("fr"), I18N_EL);
	assert_int_equal(i18n_lang_of(NULL), I18N_EL);
	i18n_set(I18N_EL, "site.name", "Δήμος");
	assert_string_equal(i18n_get(I18N_EL, "site.name"), "Δήμος");
	i18n_free();
}

/* Every literal dm:t('key') in the file exists in both languages. */
static int
check_file(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *text, *p;
	long n;
	int missing = 0;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	text = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(text, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	for (p = strstr(text, "dm:t('"); p != NULL;
	    p = strstr(p + 1, "dm:t('")) {
		char key[128];
		char *end = strchr(p + 6, '\'');

		assert_non_null(end);
		assert_true(end - (p + 6) < (long)sizeof(key));
		memcpy(key, p + 6, (size_t)(end - (p + 6)));
		key[end - (p + 6)] = '\0';
		if (strncmp(key, "site.", 5) == 0)
			continue;	/* from the configuration */
		for (int l = 0; l < I18N__MAX; l++)
			if (i18n_get((enum i18n_lang)l, key) == NULL) {
				print_error("%s: '%s' missing in %s.xml\n",
				    path, key, i18n_code((enum i18n_lang)l));
				missing++;
			}
	}
	free(text);
	return missing;
}

static int
check_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[4096];
	int missing = 0;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		struct stat st;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			missing += check_dir(path);
		else if (strstr(de->d_name, ".xsl") != NULL)
			missing += check_file(path);
	}
	closedir(d);
	return missing;
}

/*
 * The plugin a folder of plugins/ builds (its strings are prefixed by
 * that name): dimos_add_plugin(<name> in its CMakeLists.txt, so that
 * plugins/_template, which builds "newdept", is checked too.
 */
static int
plugin_name(const char *folder, char *name, size_t namesz)
{
	char path[4096], line[512];
	FILE *fp;
	int found = 0;

	snprintf(path, sizeof(path), "%s/plugins/%s/CMakeLists.txt",
	    DIMOS_SOURCE_DIR, folder);
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), fp) != NULL) {
		char *p = strstr(line, "dimos_add_plugin(");

		if (p == NULL || p != line)
			continue;
		p += strlen("dimos_add_plugin(");
		snprintf(name, namesz, "%.*s", (int)strcspn(p, " )\t\n"), p);
		found = name[0] != '\0';
	}
	fclose(fp);
	return found;
}

static void
test_stylesheet_keys(void **state)
{
	DIR *d;
	struct dirent *de;
	char path[4096];

	(void)state;
	i18n_free();
	assert_int_equal(i18n_load(XSLT "/i18n", NULL), DM_OK);
	/* Plugin strings are namespaced by plugin and loaded alongside. */
	d = opendir(DIMOS_SOURCE_DIR "/plugins");
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char name[128];

		snprintf(path, sizeof(path), "%s/plugins/%s/xslt/i18n",
		    DIMOS_SOURCE_DIR, de->d_name);
		if (de->d_name[0] == '.' || stat(path, &st) != 0)
			continue;
		if (!plugin_name(de->d_name, name, sizeof(name)))
			fail_msg("plugins/%s has strings but no "
			    "dimos_add_plugin() in its CMakeLists.txt",
			    de->d_name);
		assert_int_equal(i18n_load(path, name), DM_OK);
	}
	closedir(d);
	assert_int_equal(check_dir(XSLT) + check_dir(DIMOS_SOURCE_DIR
	    "/plugins"), 0);
	i18n_free();
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void
test_bad_files(void **state)
{
	char dir[] = "/tmp/dimos-i18n-XXXXXX", err[512];

	(void)state;
	assert_non_null(mkdtemp(dir));
	i18n_free();
	write_file(dir, "el.xml", "<strings><s k=\"a\">α</s><s k=\"a\">β</s>"
	    "</strings>");
	write_file(dir, "en.xml", "<strings><s k=\"a\">a</s></strings>");
	assert_int_equal(i18n_load(dir, NULL), DM_EINPUT);	/* twice */
	i18n_free();

	write_file(dir, "el.xml", "<strings><s k=\"a\">α</s><s k=\"b\">β</s>"
	    "</strings>");
	assert_int_equal(i18n_load(dir, NULL), DM_OK);
	assert_int_equal(i18n_check(err, sizeof(err)), 1);
	assert_string_equal(err, "string 'b' is missing in en.xml");
	i18n_free();

	/* A plugin may only define its own keys. */
	write_file(dir, "el.xml", "<strings><s k=\"water.x\">χ</s></strings>");
	write_file(dir, "en.xml", "<strings><s k=\"water.x\">x</s></strings>");
	assert_int_equal(i18n_load(dir, "water"), DM_OK);
	i18n_free();
	assert_int_equal(i18n_load(dir, "general"), DM_EINPUT);
	i18n_free();

	write_file(dir, "el.xml", "<strings><s k=\"a\">unclosed</strings>");
	assert_int_equal(i18n_load(dir, NULL), DM_EINPUT);
	i18n_free();
	write_file(dir, "el.xml", "<other/>");
	assert_int_equal(i18n_load(dir, NULL), DM_EINPUT);
	i18n_free();
	{
		char p[512];

		snprintf(p, sizeof(p), "%s/el.xml", dir);
		unlink(p);
		snprintf(p, sizeof(p), "%s/en.xml", dir);
		unlink(p);
		rmdir(dir);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_core_tables),
		cmocka_unit_test(test_stylesheet_keys),
		cmocka_unit_test(test_bad_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
