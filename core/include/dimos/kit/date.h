/*
 * dimos/kit/date.h - ISO dates in plugins (part of the plugin kit).
 * Dates are "YYYY-MM-DD", real Gregorian days from 1800 on. Today comes
 * from the host (host->today, the municipality's time zone): the kit
 * never reads the process's clock.
 */
#ifndef DIMOS_KIT_DATE_H
#define DIMOS_KIT_DATE_H

#include <stddef.h>

int	kit_date_valid(const char *s);
int	kit_date_year(const char *iso);			/* 0 if invalid */
/* "14/05/1975" and "14 Μαΐου 1975"; out holds at least 32 bytes. An
 * invalid date is copied as it is. */
void	kit_date_short(const char *iso, char *out, size_t outsz);
void	kit_date_long(const char *iso, char *out, size_t outsz);

#endif
