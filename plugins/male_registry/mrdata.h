/*
 * mrdata.h - the male registry's import file, read and checked in memory.
 * Owns: the columns of entries.csv and the rules across its rows (unique
 * entries, ids and AFMs, birth year and date agreeing, known units).
 */
#ifndef MALE_REGISTRY_MRDATA_H
#define MALE_REGISTRY_MRDATA_H

#include "dimos/kit/csv.h"
#include "dimos/kit/text.h"

/* Column indices, in the order of the column table in mrdata.c. */
enum { M_ID, M_SURNAME, M_NAME, M_FATHER, M_MOTHER, M_BIRTH_DATE,
	M_BIRTH_YEAR, M_BIRTH_PLACE, M_UNIT, M_ENTRY_YEAR, M_ENTRY_NO, M_AFM };

/*
 * Reads <dir>/entries.csv (mr_load) or a text (mr_parse, for tests) and
 * checks it; units (NULL: any) are the municipal units an entry may be
 * in; today ("YYYY-MM-DD", host->today) bounds birth dates and years.
 * Returns 0, or -1 with "entries.csv:<line>: <what>" in err and sh
 * empty; free a loaded sheet with kit_sheet_free.
 */
int	mr_load(struct kit_sheet *sh, const char *dir,
	    const struct kit_units *units, const char *today, char *err,
	    size_t errsz);
int	mr_parse(struct kit_sheet *sh, const char *text,
	    const struct kit_units *units, const char *today, char *err,
	    size_t errsz);

#endif
