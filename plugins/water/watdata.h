/*
 * watdata.h - the water department's import files, read and checked in
 * memory (pure).
 * Owns: the columns of supplies.csv, readings.csv, bills.csv and
 * parcels.csv and every rule across rows and files (a meter only counts
 * up, a new meter starts after the old one's final reading, bills and
 * parcels name supplies of the file); the plugin stores only what passes
 * here, in one transaction.
 */
#ifndef WATER_WATDATA_H
#define WATER_WATDATA_H

#include <stddef.h>

#include "dimos/kit/ids.h"
#include "meter.h"
#include "dimos/kit/csv.h"

enum { S_SUPPLY, S_AFM, S_HOLDER, S_TYPE, S_ADDRESS, S_UNIT, S_METER, S_USE,
	S_STATUS, S_SINCE };
enum { RD_SUPPLY, RD_DATE, RD_VALUE, RD_METER, RD_KIND };
enum { B_BILL, B_SUPPLY, B_FROM, B_TO, B_CONSUMPTION, B_AMOUNT, B_ISSUED,
	B_DUE, B_PAID };
enum { PA_AFM, PA_KAEK, PA_NAME, PA_UNIT, PA_AREA, PA_SUPPLY };

#define WAT_CODE_MAX	14	/* supply and bill numbers */
#define WAT_METER_MAX	20

enum supply_type { SUPPLY_WATER, SUPPLY_SEWER, SUPPLY_IRRIGATION,
	SUPPLY__MAX };
enum supply_use { USE_HOUSEHOLD, USE_COMMERCIAL, USE_PUBLIC,
	USE_AGRICULTURAL, USE__MAX };

extern const char *const supply_type_names[SUPPLY__MAX + 1];
extern const char *const supply_use_names[USE__MAX + 1];

struct wat_supply {
	const char		*supply;
	const char		*afm;
	const char		*holder;
	enum supply_type	 type;
	const char		*address;
	const char		*unit;		/* or NULL */
	const char		*meter;		/* or NULL */
	enum supply_use		 use;
	int			 active;
	const char		*since;		/* or NULL */
	unsigned		 line;
};

struct wat_reading {
	const char		*supply;
	const char		*date;
	long long		 value;
	const char		*meter;
	enum reading_kind	 kind;
	unsigned		 line;
};

struct wat_bill {
	const char	*bill;
	const char	*supply;
	const char	*from;
	const char	*to;
	long long	 consumption;	/* m³ */
	long long	 amount;	/* cents */
	const char	*issued;
	const char	*due;
	long long	 paid;		/* cents */
	unsigned	 line;
};

struct wat_parcel {
	const char	*afm;
	char		 kaek[KIT_KAEK_MAX + 1];	/* "" when named only */
	const char	*name;			/* or NULL */
	const char	*unit;
	long long	 area;			/* tenths of a stremma */
	const char	*supply;		/* or NULL */
	unsigned	 line;
};

struct wat_dataset {
	struct kit_sheet	 supplies;
	struct kit_sheet	 readings;
	struct kit_sheet	 bills;
	struct kit_sheet	 parcels;
	struct wat_supply	*sup;
	size_t			 nsup;
	struct wat_reading	*rd;	/* ordered by supply, date, line */
	size_t			 nrd;
	struct wat_bill		*bill;
	size_t			 nbill;
	struct wat_parcel	*par;
	size_t			 npar;
};

/*
 * Reads <dir>/supplies.csv, readings.csv, bills.csv and parcels.csv and
 * checks them; today (YYYY-MM-DD, host->today) bounds the dates that may
 * not lie ahead. 0, or -1 with "<file>:<line>: <column>: "<value>" why"
 * in err and ds empty.
 */
int	wat_dataset_load(struct wat_dataset *ds, const char *dir,
	    const char *today, char *err, size_t errsz);
int	wat_dataset_parse(struct wat_dataset *ds, const char *supplies,
	    const char *readings, const char *bills, const char *parcels,
	    const char *today, char *err, size_t errsz);
void	wat_dataset_free(struct wat_dataset *ds);

#endif
