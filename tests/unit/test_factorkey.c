/*
 * test_factorkey.c - the key of the staff's TOTP secrets (factorkey.c):
 * its file (format, a private mode, a missing one), a secret sealed and
 * opened, and every way a sealed secret must not open: another account,
 * another key, a changed byte, a secret in the clear. The check against
 * the database and the upgrade of clear secrets are tested end to end
 * (tests/e2e/factor.test.mjs, sealkey.test.mjs).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "factorkey.h"
#include "keystore.h"
#include "scratch.h"

/* RFC 6238's seed, as factor.c stores a secret: 20 raw bytes. */
static const unsigned char secret[20] = "12345678901234567890";

/* dir/factor.key holding key (all bytes k), mode mode. */
static const char *
key_folder(const char *name, unsigned char k, mode_t mode)
{
	unsigned char	 key[32];
	char		 b64[64];
	const char	*dir = scratch_path("/%s", name);
	FILE		*fp;

	assert_int_equal(mkdir(dir, 0700), 0);
	memset(key, k, sizeof(key));
	sodium_bin2base64(b64, sizeof(b64), key, sizeof(key),
	    sodium_base64_VARIANT_ORIGINAL);
	assert_non_null(fp = fopen(scratch_path("/%s/%s", name,
	    KEYSTORE_FACTOR_KEY_FILE), "w"));
	fprintf(fp, "dimos-factor-key-v1\n%s\n", b64);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(scratch_path("/%s/%s", name,
	    KEYSTORE_FACTOR_KEY_FILE), mode), 0);
	return scratch_path("/%s", name);
}

static void
test_file(void **state)
{
	char err[512];

	(void)state;
	/* None: nothing is sealed, and a node says how to get one. */
	assert_int_equal(factorkey_load(scratch_path("/none")), DM_ENOTFOUND);
	assert_false(factorkey_loaded());
	assert_int_equal(factorkey_check(NULL, scratch_path("/none"), err,
	    sizeof(err)), DM_ENOTFOUND);
	assert_non_null(strstr(err, "no second-factor key"));
	assert_non_null(strstr(err, "dimosctl migrate"));
	/* Readable by others: refused, like a seal key. */
	assert_int_equal(factorkey_load(key_folder("open", 1, 0644)),
	    DM_EDENIED);
	assert_false(factorkey_loaded());
	/* Not a key of 32 bytes. */
	{
		const char *dir = scratch_path("/short");
		FILE *fp;

		assert_int_equal(mkdir(dir, 0700), 0);
		assert_non_null(fp = fopen(scratch_path("/short/%s",
		    KEYSTORE_FACTOR_KEY_FILE), "w"));
		fprintf(fp, "dimos-factor-key-v1\nAAAA\n");
		fclose(fp);
		chmod(scratch_path("/short/%s", KEYSTORE_FACTOR_KEY_FILE),
		    0600);
		assert_int_equal(factorkey_load(scratch_path("/short")),
		    DM_EINPUT);
	}
	assert_int_equal(factorkey_load(key_folder("good", 1, 0600)), DM_OK);
	assert_true(factorkey_loaded());
	assert_int_equal(factorkey_check(NULL, NULL, err, sizeof(err)), DM_OK);
	factorkey_unload();
	assert_false(factorkey_loaded());
}

static void
test_seal_open(void **state)
{
	unsigned char sealed[sizeof(secret) + FACTORKEY_OVERHEAD];
	unsigned char again[sizeof(sealed)], out[sizeof(secret)];

	(void)state;
	/* Without a key nothing is sealed or opened. */
	factorkey_unload();
	assert_int_equal(factorkey_seal(7, secret, sizeof(secret), sealed),
	    DM_EINTERNAL);
	assert_int_equal(factorkey_load(key_folder("k1", 1, 0600)), DM_OK);
	assert_int_equal(factorkey_seal(7, secret, sizeof(secret), sealed),
	    DM_OK);
	assert_int_equal(sealed[0], FACTORKEY_FORMAT);
	/* No four bytes of the secret in a row in what is stored. */
	for (size_t i = 0; i + 4 <= sizeof(sealed); i++)
		for (size_t j = 0; j + 4 <= sizeof(secret); j++)
			assert_false(memcmp(sealed + i, secret + j, 4) == 0);
	assert_int_equal(factorkey_open(7, sealed, sizeof(sealed), out,
	    sizeof(out)), DM_OK);
	assert_memory_equal(out, secret, sizeof(secret));
	/* A fresh nonce each time. */
	assert_int_equal(factorkey_seal(7, secret, sizeof(secret), again),
	    DM_OK);
	assert_memory_not_equal(again, sealed, sizeof(sealed));

	/* Copied to another account's row: does not open. */
	assert_int_equal(factorkey_open(8, sealed, sizeof(sealed), out,
	    sizeof(out)), DM_EINPUT);
	/* One byte changed anywhere: does not open. */
	for (size_t i = 0; i < sizeof(sealed); i++) {
		memcpy(again, sealed, sizeof(sealed));
		again[i] ^= 0x01;
		assert_int_equal(factorkey_open(7, again, sizeof(again), out,
		    sizeof(out)), DM_EINPUT);
	}
	/* Cut, or a secret in the clear. */
	assert_int_equal(factorkey_open(7, sealed, sizeof(sealed) - 1, out,
	    sizeof(out)), DM_EINPUT);
	assert_int_equal(factorkey_open(7, secret, sizeof(secret), out,
	    sizeof(out)), DM_EINPUT);
	/* Another node's key: does not open. */
	assert_int_equal(factorkey_load(key_folder("k2", 2, 0600)), DM_OK);
	assert_int_equal(factorkey_open(7, sealed, sizeof(sealed), out,
	    sizeof(out)), DM_EINPUT);
	factorkey_unload();
	assert_int_equal(factorkey_open(7, sealed, sizeof(sealed), out,
	    sizeof(out)), DM_EINTERNAL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_seal_open),
	};
	int	 rc;

	if (scratch_make("factorkey") != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	scratch_remove();
	return rc;
}
