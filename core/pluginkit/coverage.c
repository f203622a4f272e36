/*
 * coverage.c - compiled into each plugin in coverage builds only
 * (dimos_add_plugin with DIMOS_COVERAGE). A plugin's counters belong to
 * its own copy of libgcov, which writes them only when the plugin is
 * unloaded; the worker calls this instead when it flushes its own
 * (core/src/base/coverage.h), so that a worker killed loses little.
 */
#include <gcov.h>

void	dimos_coverage_flush(void) __attribute__((visibility("default")));

void
dimos_coverage_flush(void)
{
	__gcov_dump();
	__gcov_reset();
}
