/*
 * dimos/kit/csv.h - importing CSV files in plugins (part of the plugin kit).
 * Owns: an RFC 4180 reader that remembers the line of every record, and
 * sheets: a CSV file checked against a table of typed columns, every
 * problem reported as  file:line: column: "value" why  (one message, the
 * first problem), so that a registrar fixes the file without guessing.
 */
#ifndef DIMOS_KIT_CSV_H
#define DIMOS_KIT_CSV_H

#include <stddef.h>

#include "dimos/kit/ids.h"

#define KIT_ERRSZ		512	/* enough for any message below */
#define KIT_CSV_MAX_BYTES	(64u << 20)	/* larger files are refused */
#define KIT_CSV_MAX_FIELDS	64		/* per record */

/* "file:line: " (or "file: " for line 0) and the message, into err. */
void	kit_fail(char *err, size_t errsz, const char *file, unsigned line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

struct kit_csv_row {
	unsigned	 line;		/* 1-based line where the record starts */
	size_t		 nfields;
	char		**fields;	/* unquoted, NUL-terminated, writable */
};

/* rows[0] is the header; every row has as many fields as the header. */
struct kit_csv_table {
	struct kit_csv_row *rows;
	size_t		 nrows;
	char		*store;		/* the fields' bytes */
	char		**ptrs;		/* the fields' pointers */
};

/*
 * Parses text (len bytes, UTF-8, an optional BOM) into t. Quoted fields may
 * hold commas, doubled quotes and line breaks (CRLF inside quotes becomes
 * LF); records end with LF or CRLF; blank lines are skipped. Returns 0, or
 * -1 with "<name>:<line>: <what>" in err and t left empty.
 */
int	kit_csv_parse(const char *name, const char *text, size_t len,
	    struct kit_csv_table *t, char *err, size_t errsz);
/* Reads path and parses it; messages name the file as name. */
int	kit_csv_load(const char *path, const char *name,
	    struct kit_csv_table *t, char *err, size_t errsz);
void	kit_csv_free(struct kit_csv_table *t);

/*
 * A sheet: the header may hold the table's columns in any order, must hold
 * the required ones and nothing else; every value is trimmed and checked
 * by type.
 */
enum kit_type {
	KIT_TEXT,	/* one line; max = characters (0: 200) */
	KIT_INT,	/* min..max */
	KIT_DATE,
	KIT_AFM,
	KIT_AMKA,
	KIT_CHOICE,	/* one of choices */
};

#define KIT_REQUIRED	0x01u	/* in the header, and never empty */
#define KIT_PAST	0x02u	/* a date not after the sheet's today */

struct kit_column {
	const char		*name;
	enum kit_type		 type;
	unsigned		 flags;
	long long		 min;
	long long		 max;
	const char *const	*choices;	/* NULL-terminated */
};

struct kit_sheet {
	const char		*file;		/* "persons.csv", for messages */
	const struct kit_column	*cols;		/* terminated by name NULL */
	const char		*today;		/* "YYYY-MM-DD", host->today:
						   needed by KIT_PAST */
	struct kit_csv_table	 csv;
	int			 map[KIT_CSV_MAX_FIELDS]; /* -1: not in the
							    file */
};

/* Reads <dir>/<file>; 0 or -1 with "<file>:<line>: ..." in err. */
int	kit_sheet_load(struct kit_sheet *sh, const char *dir, char *err,
	    size_t errsz);
int	kit_sheet_parse(struct kit_sheet *sh, const char *text, size_t len,
	    char *err, size_t errsz);
void	kit_sheet_free(struct kit_sheet *sh);
size_t	kit_sheet_rows(const struct kit_sheet *sh);
unsigned kit_sheet_line(const struct kit_sheet *sh, size_t row);
/* A value by column index in cols; NULL when absent or empty. */
const char *kit_sheet_get(const struct kit_sheet *sh, size_t row, int col);
long long kit_sheet_int(const struct kit_sheet *sh, size_t row, int col);

/*
 * The words of "dimosctl plugin <name> import [--if-empty | --replace]
 * <dir>" from argv[first] on: 0 with *dir (and *if_empty, *replace 0 or
 * 1), or -1 when they are not that (an unknown option, no folder or two,
 * both flags): print the usage. replace NULL: the plugin has no
 * --replace, and it is an unknown option.
 */
int	kit_import_args(int argc, char **argv, int first, int *if_empty,
	    int *replace, const char **dir);

/*
 * More typed values of a sheet. Declare such columns KIT_TEXT in the
 * column table (the header, the control-character and length checks),
 * then read each row's value with one of these: absent or empty leaves
 * *out as it was (an error only when required); otherwise the value is
 * parsed into its normal form, or refused with -1 and
 * "<file>:<line>: <column>: "<value>" why" in err.
 */
/* An amount in euros, "1234.56", between min and max cents. */
int	kit_sheet_money(const struct kit_sheet *sh, size_t row, int col,
	    int required, long long min, long long max, long long *cents,
	    char *err, size_t errsz);
/* 1..max of [0-9A-Z]: the number another system gave a record. */
int	kit_sheet_code(const struct kit_sheet *sh, size_t row, int col,
	    size_t max, const char **out, char *err, size_t errsz);
int	kit_sheet_kaek(const struct kit_sheet *sh, size_t row, int col,
	    char out[KIT_KAEK_MAX + 1], char *err, size_t errsz);
int	kit_sheet_power_supply(const struct kit_sheet *sh, size_t row,
	    int col, char out[KIT_POWER_SUPPLY_MAX + 1], char *err,
	    size_t errsz);
/*
 * A decimal quantity with up to `decimals` (1 or 2) digits after a point
 * ("85.4", "12.25"), as an integer in tenths or hundredths, between min
 * and max in those units.
 */
int	kit_sheet_decimal(const struct kit_sheet *sh, size_t row, int col,
	    int decimals, long long min, long long max, long long *out,
	    char *err, size_t errsz);
/* Refuses a value in col on a row where it has no meaning ("why"). */
int	kit_sheet_absent(const struct kit_sheet *sh, size_t row, int col,
	    const char *why, char *err, size_t errsz);
/* The first value of col that appears again, as "... appears again
 * (first on line N)"; 0 when every value is unique. */
int	kit_sheet_unique(const struct kit_sheet *sh, int col, char *err,
	    size_t errsz);
/* Writes "<file>:<line>: <col>: "<v>" <why>" (v shown safely); -1. */
int	kit_sheet_fail(const struct kit_sheet *sh, unsigned line, char *err,
	    size_t errsz, const char *col, const char *v, const char *why);
/* A value for a message: at most 40 characters (then "..."), control
 * characters as "?". */
const char *kit_shown(const char *v, char *buf, size_t bufsz);

#endif
