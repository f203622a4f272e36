/*
 * findata.h - the finance department's import files, read and checked in
 * memory (pure).
 * Owns: the columns of receivables.csv, arrangements.csv and
 * properties.csv and every rule across rows and files; the plugin stores
 * only what passes here, in one transaction.
 */
#ifndef FINANCE_FINDATA_H
#define FINANCE_FINDATA_H

#include <stddef.h>

#include "dimos/kit/ids.h"
#include "ledger.h"
#include "dimos/kit/csv.h"

/* Column indices, in the order of the column tables in findata.c. */
enum { R_REF, R_AFM, R_DEBTOR, R_KIND, R_DESCRIPTION, R_AMOUNT, R_PAID,
	R_ISSUED, R_DUE, R_KAEK, R_POWER, R_ARRANGEMENT, R_INSTALMENT };
enum { A_REF, A_AFM, A_DECIDED, A_INSTALMENTS, A_TOTAL, A_STATUS };
enum { P_KAEK, P_POWER, P_ADDRESS, P_UNIT, P_AREA, P_OWNER };

#define FIN_REF_MAX	14	/* a receivable's or arrangement's number */

/* One checked receivable; strings point into the sheets. */
struct fin_receivable {
	const char	*ref;
	const char	*afm;
	const char	*debtor;
	enum debt_kind	 kind;
	const char	*description;
	long long	 amount;	/* cents */
	long long	 paid;
	const char	*issued;	/* or NULL */
	const char	*due;
	char		 kaek[KIT_KAEK_MAX + 1];	/* "" unless ΤΑΠ */
	char		 power[KIT_POWER_SUPPLY_MAX + 1];
	const char	*arrangement;	/* or NULL */
	int		 instalment;	/* its number in the arrangement, 0 */
	unsigned	 line;
};

struct fin_arrangement {
	const char	*ref;
	const char	*afm;
	const char	*decided;
	int		 instalments;
	long long	 total;
	enum arr_status	 status;
	unsigned	 line;
};

struct fin_property {
	char		 kaek[KIT_KAEK_MAX + 1];
	char		 power[KIT_POWER_SUPPLY_MAX + 1];
	const char	*address;
	const char	*unit;		/* or NULL */
	long long	 area;		/* hundredths of a square metre */
	const char	*owner_afm;	/* or NULL */
	unsigned	 line;
};

struct fin_dataset {
	struct kit_sheet	 receivables;
	struct kit_sheet	 arrangements;
	struct kit_sheet	 properties;
	struct fin_receivable	*rec;
	size_t			 nrec;
	struct fin_arrangement	*arr;
	size_t			 narr;
	struct fin_property	*prop;
	size_t			 nprop;
};

/*
 * Reads <dir>/receivables.csv, arrangements.csv and properties.csv and
 * checks them; today (YYYY-MM-DD, host->today) bounds the dates that may
 * not lie ahead. Returns 0, or -1 with "<file>:<line>: <column>: "<value>"
 * <what is wrong>" in err and ds empty.
 */
int	fin_dataset_load(struct fin_dataset *ds, const char *dir,
	    const char *today, char *err, size_t errsz);
/* The same from three texts (tests). */
int	fin_dataset_parse(struct fin_dataset *ds, const char *receivables,
	    const char *arrangements, const char *properties, const char *today,
	    char *err, size_t errsz);
void	fin_dataset_free(struct fin_dataset *ds);

#endif
