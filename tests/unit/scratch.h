/*
 * scratch.h - a scratch folder of a unit test's own under /tmp, made at
 * the start of main() and removed with everything in it at the end
 * (kept, and named on stderr, with DIMOS_KEEP_TEST_FILES set).
 */
#ifndef DIMOS_TEST_SCRATCH_H
#define DIMOS_TEST_SCRATCH_H

/* Makes /tmp/dimos-test-<name>-XXXXXX; 0, or -1 said on stderr. */
int		 scratch_make(const char *name);

/* The folder, then fmt: in a ring of 8 buffers (valid for 7 more calls). */
const char	*scratch_path(const char *fmt, ...)
		    __attribute__((format(printf, 1, 2)));

void		 scratch_remove(void);

#endif
