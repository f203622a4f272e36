/*
 * scratch.c - a unit test's scratch folder (scratch.h).
 */
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "scratch.h"

static char	 scratch_dir[PATH_MAX];

int
scratch_make(const char *name)
{
	snprintf(scratch_dir, sizeof(scratch_dir), "/tmp/dimos-test-%s-XXXXXX",
	    name);
	if (mkdtemp(scratch_dir) == NULL) {
		perror("mkdtemp");
		scratch_dir[0] = '\0';
		return -1;
	}
	return 0;
}

const char *
scratch_path(const char *fmt, ...)
{
	static char	 buf[8][PATH_MAX];
	static int	 k;
	va_list		 ap;
	int		 n;

	k = (k + 1) % 8;
	n = snprintf(buf[k], sizeof(buf[k]), "%s/", scratch_dir);
	va_start(ap, fmt);
	vsnprintf(buf[k] + n, sizeof(buf[k]) - (size_t)n, fmt, ap);
	va_end(ap);
	return buf[k];
}

static int
scratch_rm(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
scratch_remove(void)
{
	if (scratch_dir[0] == '\0')
		return;
	if (getenv("DIMOS_KEEP_TEST_FILES") != NULL)
		fprintf(stderr, "test files kept in %s\n", scratch_dir);
	else
		nftw(scratch_dir, scratch_rm, 8, FTW_DEPTH | FTW_PHYS);
}
