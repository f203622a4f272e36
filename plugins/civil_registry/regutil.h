/*
 * regutil.h - pure helpers shared by the civil and the male registry.
 * Owns: date, AFM and AMKA checks, Greek text folding and genitives, the
 * municipal-unit list, typed CSV sheets validated against column tables,
 * matching people by AFM or names, and building certificate content.
 */
#ifndef REGISTRY_REGUTIL_H
#define REGISTRY_REGUTIL_H

#include <stddef.h>

#include "dimos/plugin.h"

#include "csv.h"

#define REG_ERRSZ	512

void	reg_fail(char *err, size_t errsz, const char *file, unsigned line,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Dates are ISO strings: YYYY-MM-DD, a real Gregorian day, year >= 1800. */
int	reg_date_valid(const char *s);
void	reg_today(char out[11]);			/* local date */
int	reg_date_year(const char *iso);			/* 0 if invalid */
/* "14/05/1975" and "14 Μαΐου 1975"; out holds at least 32 bytes. */
void	reg_date_short(const char *iso, char *out, size_t outsz);
void	reg_date_long(const char *iso, char *out, size_t outsz);

/* Tax number: 9 digits, check digit (sum d[i]*2^(8-i)) mod 11 mod 10. */
int	reg_afm_valid(const char *s);
/* Social security number: 11 digits, Luhn. */
int	reg_amka_valid(const char *s);

/*
 * Greek text. reg_fold writes s in capitals without accents or final
 * sigma (ΓΕΩΡΓΙΟΣ for Γεώργιος), as GSIS sends names, with runs of spaces
 * and hyphens as one space and none at either end ("Μαρία-Ελένη" and
 * "ΜΑΡΙΑ ΕΛΕΝΗ" fold alike); out needs strlen(s) + 1 bytes. reg_genitive turns a first name (one or more words)
 * into the genitive that follows "του"/"της": Νικόλαος -> Νικολάου,
 * Ιωάννης -> Ιωάννη, Μαρία -> Μαρίας, ΝΙΚΟΛΑΟΣ -> ΝΙΚΟΛΑΟΥ; names it does
 * not know how to decline come back unchanged. out needs 2 * strlen + 8.
 */
#define REG_FOLD_MAX	256	/* folded names are stored in this much */

void	reg_fold(const char *s, char *out, size_t outsz);
int	reg_fold_eq(const char *a, const char *b);
void	reg_genitive(const char *name, char *out, size_t outsz);
size_t	reg_utf8_chars(const char *s);

/*
 * Municipal units as "Νιγρίτα:Νιγρίτας, Αχινός:Αχινού" (nominative, then
 * the genitive certificates write after "δημοτική ενότητα").
 */
#define REG_MAX_UNITS	32

struct reg_units {
	size_t		 n;
	const char	*name[REG_MAX_UNITS];
	const char	*genitive[REG_MAX_UNITS];
	char		 buf[2048];
};

int	reg_units_parse(const char *spec, struct reg_units *u, char *err,
	    size_t errsz);
/* The genitive of a unit (compared folded), or NULL. */
const char *reg_unit_genitive(const struct reg_units *u, const char *name);

/*
 * A CSV file checked against a column table: the header may hold the
 * table's columns in any order, must hold the required ones and nothing
 * else; every value is trimmed and checked by type.
 */
enum reg_type {
	REG_TEXT,	/* one line; max = characters (0: 200) */
	REG_INT,	/* min..max */
	REG_DATE,
	REG_AFM,
	REG_AMKA,
	REG_CHOICE,	/* one of choices */
};

#define REG_REQUIRED	0x01u	/* in the header, and never empty */
#define REG_PAST	0x02u	/* a date not after today */

struct reg_column {
	const char		*name;
	enum reg_type		 type;
	unsigned		 flags;
	long long		 min;
	long long		 max;
	const char *const	*choices;	/* NULL-terminated */
};

struct reg_sheet {
	const char		*file;		/* "persons.csv", for messages */
	const struct reg_column	*cols;		/* terminated by name NULL */
	struct csv_table	 csv;
	int			 map[CSV_MAX_FIELDS];	/* -1: not in the file */
};

/* Reads <dir>/<file>; 0 or -1 with "<file>:<line>: ..." in err. */
int	reg_sheet_load(struct reg_sheet *sh, const char *dir, char *err,
	    size_t errsz);
int	reg_sheet_parse(struct reg_sheet *sh, const char *text, size_t len,
	    char *err, size_t errsz);
void	reg_sheet_free(struct reg_sheet *sh);
size_t	reg_sheet_rows(const struct reg_sheet *sh);
unsigned reg_sheet_line(const struct reg_sheet *sh, size_t row);
/* A value by column index in cols; NULL when absent or empty. */
const char *reg_sheet_get(const struct reg_sheet *sh, size_t row, int col);
long long reg_sheet_int(const struct reg_sheet *sh, size_t row, int col);

/*
 * Who a person is, folded for comparison: an applicant as TaxisNet sent
 * them, or a registry entry. Empty strings and year 0 stand for unknown.
 */
struct reg_key {
	char	afm[10];
	char	surname[REG_FOLD_MAX];
	char	name[REG_FOLD_MAX];
	char	father[REG_FOLD_MAX];
	int	year;
};

enum reg_match {
	REG_MATCH_NONE,
	REG_MATCH_NAME,		/* surname, name, father's name, birth year */
	REG_MATCH_AFM,
};

void	reg_key_make(struct reg_key *k, const char *afm, const char *surname,
	    const char *name, const char *father, int year);
/*
 * Does entry e describe applicant a? The same valid AFM is a match; two
 * different AFMs never are (namesakes); otherwise all four of surname,
 * name, father's name and birth year must be known and equal.
 */
enum reg_match reg_match(const struct reg_key *a, const struct reg_key *e);

/*
 * Certificate content. Every string of a certificate comes from an
 * allocator: the host's request arena in the plugins, a list of malloc'ed
 * blocks in the tests. alloc returns zeroed memory and never NULL.
 */
struct reg_alloc {
	void	*(*alloc)(void *ctx, size_t size);
	void	*ctx;
};

char	*reg_adup(const struct reg_alloc *a, const char *s);
char	*reg_aprintf(const struct reg_alloc *a, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The genitive of a first name, from the allocator. */
char	*reg_agen(const struct reg_alloc *a, const char *name);
/* "14/05/1975" and "14 Μαΐου 1975", from the allocator. */
char	*reg_adate(const struct reg_alloc *a, const char *iso);
char	*reg_adate_long(const struct reg_alloc *a, const char *iso);

#define REG_CERT_TEXTS	16	/* paragraphs, and remarks */
#define REG_CERT_ROWS	128

/* A certificate being built; reg_cert_finish copies it into out. */
struct reg_cert {
	const struct reg_alloc	*a;
	const char		*paras[REG_CERT_TEXTS];
	size_t			 npara;
	struct dm_cert_row	 rows[REG_CERT_ROWS];
	size_t			 nrows;
	const char		*remarks[REG_CERT_TEXTS];
	size_t			 nremarks;
	int			 overflow;
};

void	reg_cert_init(struct reg_cert *c, const struct reg_alloc *a);
void	reg_cert_para(struct reg_cert *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	reg_cert_remark(struct reg_cert *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A row; a NULL or empty value leaves the row out. */
void	reg_cert_row(struct reg_cert *c, const char *label, const char *value);
/* Copies the lists into out (title and the rest are the caller's);
 * -1 if more was added than fits. */
int	reg_cert_finish(struct reg_cert *c, struct dm_certificate *out);

#endif
