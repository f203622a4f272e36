/*
 * test_keystore.c - the seal's generations on disk (keystore.c): init,
 * rotation with the demo CA or a provider's certificate, the folder from
 * before generations, and the refusals. seal_keys is tested end to end
 * (tests/e2e/rotation.test.mjs).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keystore.h"
#include "pades.h"
#include "scratch.h"

/* A path that stays: scratch_path()'s buffers are reused. */
static char *
keep(const char *p)
{
	static char	*kept[16];
	static int	 n;

	assert_true(n < 16);
	assert_non_null(kept[n] = strdup(p));
	return kept[n++];
}

static int
exists(const char *p)
{
	struct stat	 sb;

	return lstat(p, &sb) == 0;
}

static unsigned
mode_of(const char *p)
{
	struct stat	 sb;

	assert_int_equal(stat(p, &sb), 0);
	return sb.st_mode & 07777;
}

static const struct keystore_new demo = { NULL, NULL, "Δήμος Βισαλτίας",
    NULL };

/* The first generation: its folder, "current", modes, a usable key. */
static void
test_init(void **state)
{
	struct keystore_gen	 g;
	struct pades_cert_info	 ci;
	const unsigned char	*der;
	char			 id[KEYSTORE_ID_SIZE], link[64];
	size_t			 len;
	ssize_t			 n;

	(void)state;
	assert_int_equal(mkdir(scratch_path("a"), 0700), 0);
	assert_int_equal(keystore_load(scratch_path("a"), &g), DM_ENOTFOUND);
	assert_int_equal(keystore_init(scratch_path("a"), &demo, id), DM_OK);
	assert_int_equal(strlen(id), 16);
	n = readlink(scratch_path("a/current"), link, sizeof(link) - 1);
	assert_true(n > 0);
	link[n] = '\0';
	assert_string_equal(link, id);
	assert_int_equal(mode_of(scratch_path("a/%s/seal.key", id)), 0600);
	assert_int_equal(mode_of(scratch_path("a/%s/seal-cert.key", id)), 0600);
	assert_int_equal(mode_of(scratch_path("a/%s/seal.pub", id)), 0644);
	assert_int_equal(mode_of(scratch_path("a/%s/seal.crt", id)), 0644);
	assert_int_equal(mode_of(scratch_path("a/demo-ca.key")), 0600);

	assert_int_equal(keystore_load(scratch_path("a"), &g), DM_OK);
	assert_string_equal(g.id, id);
	assert_non_null(g.pades);
	der = pades_cert_der(g.pades, &len);
	assert_int_equal(pades_cert_info(der, len, &ci), DM_OK);
	assert_string_equal(ci.subject, "CN=Δήμος Βισαλτίας,O=Δήμος "
	    "Βισαλτίας,C=GR");
	assert_non_null(strstr(ci.issuer, "Demo CA (not for production)"));
	assert_true(ci.not_after > ci.not_before);
	/* The chain after the seal certificate: the demo CA. */
	assert_non_null(pades_chain_der(g.pades, &len));
	assert_true(len > 100);
	keystore_free(&g);

	/* A second init refuses: rotation is how a key is replaced. */
	assert_int_equal(keystore_init(scratch_path("a"), &demo, id), DM_ECONFLICT);
}

/* Rotation: a new generation current, the old one public files only. */
static void
test_rotate(void **state)
{
	struct keystore_gen	 g;
	char			 old[KEYSTORE_ID_SIZE], id[KEYSTORE_ID_SIZE];
	char			 first[KEYSTORE_ID_SIZE];

	(void)state;
	assert_int_equal(keystore_load(scratch_path("a"), &g), DM_OK);
	strcpy(first, g.id);
	keystore_free(&g);
	assert_int_equal(keystore_rotate(scratch_path("a"), &demo, old, id), DM_OK);
	assert_string_equal(old, first);
	assert_string_not_equal(id, first);
	assert_int_equal(keystore_load(scratch_path("a"), &g), DM_OK);
	assert_string_equal(g.id, id);
	assert_non_null(g.pades);
	keystore_free(&g);
	assert_false(exists(scratch_path("a/%s/seal.key", old)));
	assert_false(exists(scratch_path("a/%s/seal-cert.key", old)));
	assert_true(exists(scratch_path("a/%s/seal.pub", old)));
	assert_true(exists(scratch_path("a/%s/seal.crt", old)));
	assert_true(exists(scratch_path("a/%s/seal.key", id)));
}

/*
 * A certificate from a trust service provider (here: another folder's
 * demo CA standing in for one), checked against its key before anything
 * changes.
 */
static void
test_provider(void **state)
{
	struct keystore_new	 tsp = demo;
	struct keystore_gen	 g;
	char			 old[KEYSTORE_ID_SIZE], id[KEYSTORE_ID_SIZE];
	char			 cur[KEYSTORE_ID_SIZE], other[KEYSTORE_ID_SIZE];
	char			 cmd[PATH_MAX * 2];

	(void)state;
	assert_int_equal(mkdir(scratch_path("tsp"), 0700), 0);
	assert_int_equal(keystore_init(scratch_path("tsp"), &demo, other), DM_OK);
	assert_int_equal(keystore_load(scratch_path("a"), &g), DM_OK);
	strcpy(cur, g.id);
	keystore_free(&g);

	/* A key that is not the certificate's: refused, nothing changed. */
	tsp.cert_file = keep(scratch_path("tsp/%s/seal.crt", other));
	tsp.cert_key_file = keep(scratch_path("tsp/demo-ca.key"));
	assert_int_equal(keystore_rotate(scratch_path("a"), &tsp, old, id), DM_EINPUT);
	assert_int_equal(keystore_load(scratch_path("a"), &g), DM_OK);
	assert_string_equal(g.id, cur);
	keystore_free(&g);
	/* A certificate without its key. */
	tsp.cert_key_file = NULL;
	assert_int_equal(keystore_rotate(scratch_path("a"), &tsp, old, id), DM_EINPUT);
	/* A readable secret is refused too. */
	snprintf(cmd, sizeof(cmd), "cp %s %s && chmod 644 %s",
	    scratch_path("tsp/%s/seal-cert.key", other), scratch_path("loose.key"),
	    scratch_path("loose.key"));
	assert_int_equal(system(cmd), 0);
	tsp.cert_key_file = keep(scratch_path("loose.key"));
	assert_int_equal(keystore_rotate(scratch_path("a"), &tsp, old, id), DM_EDENIED);

	tsp.cert_key_file = keep(scratch_path("tsp/%s/seal-cert.key", other));
	assert_int_equal(keystore_rotate(scratch_path("a"), &tsp, old, id), DM_OK);
	assert_string_equal(old, cur);
	assert_int_equal(keystore_load(scratch_path("a"), &g), DM_OK);
	assert_string_equal(g.id, id);
	assert_non_null(g.pades);
	keystore_free(&g);
	/* The provider's files are copied as they are. */
	snprintf(cmd, sizeof(cmd), "cmp -s %s %s", scratch_path("a/%s/seal.crt", id),
	    scratch_path("tsp/%s/seal.crt", other));
	assert_int_equal(system(cmd), 0);
}

/*
 * A folder from before generations: it loads (without a PDF signature);
 * rotation needs a certificate (no demo CA there), then keeps the old
 * public key in a folder of its own and removes the old secret.
 */
static void
test_legacy(void **state)
{
	struct keystore_new	 tsp = demo;
	struct keystore_gen	 g;
	char			 old[KEYSTORE_ID_SIZE], id[KEYSTORE_ID_SIZE];
	char			 legacy[KEYSTORE_ID_SIZE], other[KEYSTORE_ID_SIZE];

	(void)state;
	assert_int_equal(mkdir(scratch_path("old"), 0700), 0);
	assert_int_equal(seal_keys_init(scratch_path("old"), 0), DM_OK);
	assert_int_equal(keystore_load(scratch_path("old"), &g), DM_OK);
	assert_null(g.pades);
	strcpy(legacy, g.id);
	keystore_free(&g);
	assert_int_equal(keystore_init(scratch_path("old"), &demo, id), DM_ECONFLICT);
	assert_int_equal(keystore_rotate(scratch_path("old"), &demo, old, id),
	    DM_ENOTFOUND);

	assert_int_equal(mkdir(scratch_path("tsp2"), 0700), 0);
	assert_int_equal(keystore_init(scratch_path("tsp2"), &demo, other), DM_OK);
	tsp.cert_file = keep(scratch_path("tsp2/%s/seal.crt", other));
	tsp.cert_key_file = keep(scratch_path("tsp2/%s/seal-cert.key", other));
	assert_int_equal(keystore_rotate(scratch_path("old"), &tsp, old, id), DM_OK);
	assert_string_equal(old, legacy);
	assert_false(exists(scratch_path("old/seal.key")));
	assert_false(exists(scratch_path("old/seal.pub")));
	assert_true(exists(scratch_path("old/%s/seal.pub", legacy)));
	assert_int_equal(keystore_load(scratch_path("old"), &g), DM_OK);
	assert_string_equal(g.id, id);
	assert_non_null(g.pades);
	keystore_free(&g);
}

/* Half a certificate is an error, not a silent seal without one. */
static void
test_broken(void **state)
{
	struct keystore_gen	 g;
	char			 id[KEYSTORE_ID_SIZE], cmd[PATH_MAX];

	(void)state;
	assert_int_equal(mkdir(scratch_path("b"), 0700), 0);
	assert_int_equal(keystore_init(scratch_path("b"), &demo, id), DM_OK);
	assert_int_equal(unlink(scratch_path("b/%s/seal-cert.key", id)), 0);
	assert_int_equal(keystore_load(scratch_path("b"), &g), DM_EINPUT);
	snprintf(cmd, sizeof(cmd), "echo garbage > %s && chmod 600 %s",
	    scratch_path("b/%s/seal-cert.key", id), scratch_path("b/%s/seal-cert.key", id));
	assert_int_equal(system(cmd), 0);
	assert_int_equal(keystore_load(scratch_path("b"), &g), DM_EINPUT);
	assert_int_equal(chmod(scratch_path("b/%s/seal.key", id), 0640), 0);
	assert_int_equal(keystore_load(scratch_path("b"), &g), DM_EDENIED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_rotate),
		cmocka_unit_test(test_provider),
		cmocka_unit_test(test_legacy),
		cmocka_unit_test(test_broken),
	};
	int	 rc;

	if (scratch_make("keys") != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	scratch_remove();
	return rc;
}
