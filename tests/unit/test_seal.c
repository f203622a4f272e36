/*
 * test_seal.c - unit tests of the document seal (core/src/seal.c).
 * Owns: throw-away key directories under /tmp.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seal.h"

struct keydir {
	char	 dir[64];
	char	 key[96];
	char	 pub[96];
};

static int
setup_dir(void **state)
{
	struct keydir	*k;

	if ((k = calloc(1, sizeof(*k))) == NULL)
		return -1;
	strcpy(k->dir, "/tmp/dimos-test-seal-XXXXXX");
	if (mkdtemp(k->dir) == NULL) {
		free(k);
		return -1;
	}
	snprintf(k->key, sizeof(k->key), "%s/%s", k->dir, SEAL_KEY_FILE);
	snprintf(k->pub, sizeof(k->pub), "%s/%s", k->dir, SEAL_PUB_FILE);
	*state = k;
	return 0;
}

static int
teardown_dir(void **state)
{
	struct keydir	*k = *state;

	unlink(k->key);
	unlink(k->pub);
	rmdir(k->dir);
	free(k);
	return 0;
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE	*f;

	unlink(path);
	assert_non_null(f = fopen(path, "w"));
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static char *
read_text(const char *path)
{
	char	*buf;
	FILE	*f;
	size_t	 n;

	assert_non_null(buf = calloc(1, 1024));
	assert_non_null(f = fopen(path, "r"));
	n = fread(buf, 1, 1023, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Directory entries other than . and .. */
static int
count_entries(const char *dir)
{
	struct dirent	*de;
	DIR		*d;
	int		 n = 0;

	assert_non_null(d = opendir(dir));
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_keys_roundtrip(void **state)
{
	struct keydir	*k = *state;
	struct seal_key	 key, again;
	struct stat	 sb;
	unsigned char	 hash[SEAL_HASH_BYTES], sig[SEAL_SIGNATURE_BYTES];
	char		 b64[SEAL_PUB_BASE64_SIZE], *text;
	size_t		 i;

	assert_int_equal(seal_keys_init(k->dir, 0), DM_OK);
	assert_int_equal(stat(k->key, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(stat(k->pub, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0644);

	text = read_text(k->key);
	assert_int_equal(strncmp(text, "dimos-seal-secret-v1\n", 21), 0);
	free(text);
	text = read_text(k->pub);
	assert_int_equal(strncmp(text, "dimos-seal-public-v1\n", 21), 0);

	assert_int_equal(seal_load(k->dir, &key), DM_OK);
	seal_pub_base64(&key, b64);
	assert_int_equal(strlen(b64), 44);
	/* The published form is the pub file's second line. */
	assert_memory_equal(text + 21, b64, 44);
	free(text);

	seal_sha256("certificate", 11, hash);
	seal_sign(&key, hash, sig);
	assert_int_equal(seal_verify(key.pk, hash, sig), 1);

	assert_int_equal(count_entries(k->dir), 2);	/* no temporaries */
	assert_int_equal(seal_load(k->dir, &again), DM_OK);
	assert_memory_equal(&key, &again, sizeof(key));
	seal_key_wipe(&again);
	for (i = 0; i < sizeof(again); i++)
		assert_int_equal(((unsigned char *)&again)[i], 0);

	/* Overwrite makes a different key that still loads. */
	assert_int_equal(seal_keys_init(k->dir, 1), DM_OK);
	assert_int_equal(seal_load(k->dir, &again), DM_OK);
	assert_memory_not_equal(key.pk, again.pk, sizeof(key.pk));
	assert_int_equal(seal_verify(again.pk, hash, sig), 0);
	assert_int_equal(stat(k->key, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	seal_key_wipe(&key);
	seal_key_wipe(&again);
}

static void
test_keys_refuse(void **state)
{
	struct keydir	*k = *state;
	struct seal_key	 key;
	char		*pub, *sec;
	unsigned char	*p;

	assert_int_equal(seal_load(k->dir, &key), DM_ENOTFOUND);
	assert_int_equal(seal_keys_init(k->dir, 0), DM_OK);
	pub = read_text(k->pub);
	sec = read_text(k->key);

	/* An existing key is never replaced without overwrite. */
	assert_int_equal(seal_keys_init(k->dir, 0), DM_ECONFLICT);
	unlink(k->key);
	assert_int_equal(seal_keys_init(k->dir, 0), DM_ECONFLICT);
	write_file(k->key, sec, 0600);
	unlink(k->pub);
	assert_int_equal(seal_keys_init(k->dir, 0), DM_ECONFLICT);
	write_file(k->pub, pub, 0644);
	assert_int_equal(seal_load(k->dir, &key), DM_OK);

	/* A secret key others can read is refused, and *key is wiped. */
	assert_int_equal(chmod(k->key, 0644), 0);
	assert_int_equal(seal_load(k->dir, &key), DM_EDENIED);
	for (p = (unsigned char *)&key; p < (unsigned char *)(&key + 1); p++)
		assert_int_equal(*p, 0);
	assert_int_equal(chmod(k->key, 0640), 0);
	assert_int_equal(seal_load(k->dir, &key), DM_EDENIED);
	assert_int_equal(chmod(k->key, 0600), 0);
	assert_int_equal(seal_load(k->dir, &key), DM_OK);

	/* Malformed files and a public key of another pair. */
	write_file(k->key, "dimos-seal-secret-v1\nnot base64!\n", 0600);
	assert_int_equal(seal_load(k->dir, &key), DM_EINPUT);
	write_file(k->key, "dimos-seal-public-v1\nAAAA\n", 0600);
	assert_int_equal(seal_load(k->dir, &key), DM_EINPUT);
	write_file(k->key, sec, 0600);
	write_file(k->pub, "dimos-seal-public-v1\n"
	    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", 0644);
	assert_int_equal(seal_load(k->dir, &key), DM_EINPUT);
	write_file(k->pub, pub, 0644);
	assert_int_equal(seal_load(k->dir, &key), DM_OK);
	seal_key_wipe(&key);

	assert_int_equal(seal_keys_init("/nonexistent/dir", 0),
	    DM_EINTERNAL);
	assert_int_equal(count_entries(k->dir), 2);
	free(pub);
	free(sec);
}

static void
test_sign_verify(void **state)
{
	struct keydir	*k = *state;
	struct seal_key	 key, other;
	unsigned char	 doc[4096], hash[SEAL_HASH_BYTES];
	unsigned char	 sig[SEAL_SIGNATURE_BYTES];
	char		 hex[2 * SEAL_HASH_BYTES + 1];
	size_t		 i;

	assert_int_equal(seal_keys_init(k->dir, 0), DM_OK);
	assert_int_equal(seal_load(k->dir, &key), DM_OK);
	for (i = 0; i < sizeof(doc); i++)
		doc[i] = (unsigned char)(i * 7 + 3);

	seal_sha256(doc, sizeof(doc), hash);
	seal_sign(&key, hash, sig);
	assert_int_equal(seal_verify(key.pk, hash, sig), 1);

	/* One changed byte of the document. */
	doc[1234] ^= 0x01;
	seal_sha256(doc, sizeof(doc), hash);
	assert_int_equal(seal_verify(key.pk, hash, sig), 0);
	doc[1234] ^= 0x01;
	seal_sha256(doc, sizeof(doc), hash);
	assert_int_equal(seal_verify(key.pk, hash, sig), 1);

	/* One changed bit of the signature, and another key. */
	sig[10] ^= 0x80;
	assert_int_equal(seal_verify(key.pk, hash, sig), 0);
	sig[10] ^= 0x80;
	assert_int_equal(seal_keys_init(k->dir, 1), DM_OK);
	assert_int_equal(seal_load(k->dir, &other), DM_OK);
	assert_int_equal(seal_verify(other.pk, hash, sig), 0);

	/* Known answer: SHA-256("abc"). */
	seal_sha256("abc", 3, hash);
	seal_hex(hash, sizeof(hash), hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	seal_key_wipe(&key);
	seal_key_wipe(&other);
}

static void
test_hex(void **state)
{
	unsigned char	 bin[5] = { 0x00, 0x7f, 0x80, 0xab, 0xff }, back[5];
	char		 hex[11];

	(void)state;
	seal_hex(bin, sizeof(bin), hex);
	assert_string_equal(hex, "007f80abff");
	assert_int_equal(seal_unhex(hex, back, sizeof(back)), DM_OK);
	assert_memory_equal(bin, back, sizeof(bin));
	assert_int_equal(seal_unhex("007F80ABFF", back, sizeof(back)), DM_OK);
	assert_memory_equal(bin, back, sizeof(bin));

	assert_int_equal(seal_unhex("007f80abf", back, 5), DM_EINPUT);
	assert_int_equal(seal_unhex("007f80abfff", back, 5), DM_EINPUT);
	assert_int_equal(seal_unhex("007f80abfg", back, 5), DM_EINPUT);
	assert_int_equal(seal_unhex("007f 80abf", back, 5), DM_EINPUT);
	assert_int_equal(seal_unhex("", back, 5), DM_EINPUT);
	assert_int_equal(seal_unhex(NULL, back, 5), DM_EINPUT);
	assert_int_equal(seal_unhex("", back, 0), DM_OK);
}

static int
in_alphabet(char c)
{
	return c != '\0' && strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", c) !=
	    NULL;
}

static void
test_code(void **state)
{
	char	 a[SEAL_CODE_SIZE], b[SEAL_CODE_SIZE], n[SEAL_CODE_LEN + 1];
	char	 seen[32] = { 0 };
	int	 i, j;

	(void)state;
	seal_code(a);
	seal_code(b);
	assert_string_not_equal(a, b);
	for (j = 0; j < 200; j++) {
		seal_code(a);
		assert_int_equal(strlen(a), 19);
		for (i = 0; i < 19; i++) {
			if (i == 4 || i == 9 || i == 14) {
				assert_int_equal(a[i], '-');
				continue;
			}
			assert_true(in_alphabet(a[i]));
			seen[strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ",
			    a[i]) - "0123456789ABCDEFGHJKMNPQRSTVWXYZ"] = 1;
		}
		assert_int_equal(seal_code_normalize(a, n), DM_OK);
		assert_int_equal(strlen(n), 16);
		assert_memory_equal(n, a, 4);
		assert_memory_equal(n + 12, a + 15, 4);
	}
	/* 3200 characters: every one of the 32 shows up. */
	for (i = 0; i < 32; i++)
		assert_true(seen[i]);
}

static void
test_code_normalize(void **state)
{
	static const char *const bad[] = { "", "7KQ4-M2XD-9PKA-HW3",
	    "7KQ4-M2XD-9PKA-HW3EE", "7KQ4-M2XD-9PKA-HW3U",
	    "7KQ4_M2XD_9PKA_HW3E",
	    "7KQ4-M2XD-9PKA-HW3\xce\x95", "7KQ4.M2XD.9PKA.HW3E",
	    "!!!!!!!!!!!!!!!!" };
	char	 n[SEAL_CODE_LEN + 1];
	size_t	 i;

	(void)state;
	assert_int_equal(seal_code_normalize("7KQ4-M2XD-9PKA-HW3E", n), DM_OK);
	assert_string_equal(n, "7KQ4M2XD9PKAHW3E");
	assert_int_equal(seal_code_normalize(" 7kq4 m2xd 9pka hw3e\t", n),
	    DM_OK);
	assert_string_equal(n, "7KQ4M2XD9PKAHW3E");
	assert_int_equal(seal_code_normalize("7KQ4M2XD9PKAHW3E", n), DM_OK);
	assert_string_equal(n, "7KQ4M2XD9PKAHW3E");
	/* L is not in the alphabet: a misread 1. */
	assert_int_equal(seal_code_normalize("7kq4m2xd9plahw3e", n), DM_OK);
	assert_string_equal(n, "7KQ4M2XD9P1AHW3E");
	/* O reads as 0; I and L as 1. */
	assert_int_equal(seal_code_normalize("oOiI-lL00-1111-abcd", n), DM_OK);
	assert_string_equal(n, "001111001111ABCD");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(seal_code_normalize(bad[i], n), DM_EINPUT);
		assert_string_equal(n, "");
	}
	assert_int_equal(seal_code_normalize(NULL, n), DM_EINPUT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_keys_roundtrip,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_keys_refuse,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_sign_verify,
		    setup_dir, teardown_dir),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_code),
		cmocka_unit_test(test_code_normalize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
