/*
 * crdata.h - the civil registry's import files, read and checked in memory.
 * Owns: the columns of families.csv, persons.csv and events.csv and every
 * rule that holds across rows and files (references, duplicates, dates).
 */
#ifndef CIVIL_REGISTRY_CRDATA_H
#define CIVIL_REGISTRY_CRDATA_H

#include <stddef.h>

#include "dimos/kit/cert.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/text.h"

/* Column indices, in the order of the column tables in crdata.c. */
enum { F_MERIDA, F_UNIT, F_ADDRESS };
enum { P_ID, P_MERIDA, P_RELATION, P_SURNAME, P_NAME, P_FATHER, P_MOTHER,
	P_MOTHER_SURNAME, P_SEX, P_BIRTH_DATE, P_BIRTH_PLACE, P_CITIZENSHIP,
	P_MARITAL, P_AFM, P_AMKA, P_STATUS, P_DEATH_DATE, P_DEATH_PLACE,
	P_FATHER_ID, P_MOTHER_ID };
enum { E_PERSON, E_KIND, E_DATE, E_PLACE, E_ACT, E_RELATED };

struct cr_dataset {
	struct kit_sheet	 families;
	struct kit_sheet	 persons;
	struct kit_sheet	 events;
	size_t			*person_family;	/* families row of each
						   persons row */
};

/*
 * Reads <dir>/families.csv, persons.csv and events.csv and checks them;
 * units (NULL: any) are the municipal units a family may belong to;
 * today ("YYYY-MM-DD", host->today) bounds the dates of births, deaths
 * and events. Returns 0, or -1 with "<file>:<line>: <what>" in err and ds
 * empty.
 */
int	cr_dataset_load(struct cr_dataset *ds, const char *dir,
	    const struct kit_units *units, const char *today, char *err,
	    size_t errsz);
/* The same from three texts (tests). */
int	cr_dataset_parse(struct cr_dataset *ds, const char *families,
	    const char *persons, const char *events,
	    const struct kit_units *units, const char *today, char *err,
	    size_t errsz);
void	cr_dataset_free(struct cr_dataset *ds);

#endif
