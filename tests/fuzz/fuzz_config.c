/*
 * fuzz_config.c - the INI configuration loader on arbitrary files: every
 * input either loads or is refused with a "file:line: message" error.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct config cfg;
	char err[1024];
	FILE *fp;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/dimos-fuzz-config-%d.ini",
		    (int)getpid());
	fp = fopen(path, "wb");
	if (fp == NULL)
		return 0;
	fwrite(data, 1, size, fp);
	fclose(fp);
	if (config_load(path, &cfg, err, sizeof(err)) == DM_OK) {
		if (cfg.db_name == NULL || cfg.mun_name_el == NULL)
			abort();	/* required keys were checked */
		config_free(&cfg);
	} else if (strncmp(err, path, strlen(path)) != 0) {
		abort();		/* every error names the file */
	}
	return 0;
}
