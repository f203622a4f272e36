/*
 * csv.h - a small RFC 4180 reader for the registry imports.
 * Owns: splitting UTF-8 CSV text into records and fields, remembering the
 * line where each record starts, and refusing malformed input by line.
 */
#ifndef REGISTRY_CSV_H
#define REGISTRY_CSV_H

#include <stddef.h>

#define CSV_MAX_BYTES	(64u << 20)	/* larger files are refused */
#define CSV_MAX_FIELDS	64		/* per record */

struct csv_row {
	unsigned	 line;		/* 1-based line where the record starts */
	size_t		 nfields;
	char		**fields;	/* unquoted, NUL-terminated, writable */
};

/* rows[0] is the header; every row has as many fields as the header. */
struct csv_table {
	struct csv_row	*rows;
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
int	csv_parse(const char *name, const char *text, size_t len,
	    struct csv_table *t, char *err, size_t errsz);
/* Reads path and parses it; messages name the file as name. */
int	csv_load(const char *path, const char *name, struct csv_table *t,
	    char *err, size_t errsz);
void	csv_free(struct csv_table *t);

#endif
