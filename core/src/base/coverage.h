/*
 * coverage.h - coverage counters of processes that end with _exit().
 * gcc --coverage writes them from exit() only, so a worker or a checking
 * child calls coverage_flush() before _exit(); nothing in other builds.
 */
#ifndef DIMOS_COVERAGE_H
#define DIMOS_COVERAGE_H

#ifdef DIMOS_COVERAGE
#include <gcov.h>
#define coverage_flush()	__gcov_dump()
#else
#define coverage_flush()	((void)0)
#endif

#endif
