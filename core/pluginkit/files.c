/*
 * files.c - the SHA-256 of an import's files (dimos/kit/row.h); libsodium
 * comes from the process the plugin is loaded into. A file of its own so
 * that what does not hash links without libsodium.
 */
#include <stdio.h>

#include <sodium.h>

#include "dimos/kit/row.h"

int
kit_files_sha256(const char *dir, const char *const *names, char hex[65])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES], buf[65536];

	crypto_hash_sha256_init(&st);
	for (size_t i = 0; names[i] != NULL; i++) {
		char path[4096];
		FILE *fp;
		size_t n;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if ((fp = fopen(path, "rb")) == NULL)
			return -1;
		while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
			crypto_hash_sha256_update(&st, buf, n);
		fclose(fp);
	}
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	return 0;
}
