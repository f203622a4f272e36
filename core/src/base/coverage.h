/*
 * coverage.h - coverage counters of processes that may not reach exit().
 * gcc --coverage writes them from exit() only: a process that ends with
 * _exit() calls coverage_flush() first, and a worker flushes once a second
 * (coverage_due) after a request, so that one killed (the tests kill some)
 * loses at most its last second. Nothing in other builds.
 */
#ifndef DIMOS_COVERAGE_H
#define DIMOS_COVERAGE_H

#ifdef DIMOS_COVERAGE
#include <gcov.h>
#include <time.h>

/* Adds the counters so far to the files and starts again from zero. */
static inline void
coverage_flush(void)
{
	__gcov_dump();
	__gcov_reset();
}

/* 1 at most once a second. */
static inline int
coverage_due(void)
{
	static time_t last;
	time_t now = time(NULL);

	if (now == last)
		return 0;
	last = now;
	return 1;
}
#else
#define coverage_flush()	((void)0)
#define coverage_due()		0
#endif

#endif
