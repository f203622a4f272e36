/*
 * sheet.c - CSV files checked against a column table, every value by its
 * type, every problem reported as file:line: column: "value" why.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/text.h"
#include "internal.h"

void
kit_fail(char *err, size_t errsz, const char *file, unsigned line,
    const char *fmt, ...)
{
	va_list ap;
	int n;

	n = line ? snprintf(err, errsz, "%s:%u: ", file, line) :
	    snprintf(err, errsz, "%s: ", file);
	if (n < 0 || (size_t)n >= errsz)
		return;
	va_start(ap, fmt);
	vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
	va_end(ap);
}

static int
check_value(const struct kit_sheet *sh, const struct kit_column *c,
    unsigned line, const char *v, char *err, size_t errsz)
{
	char b[64];
	long long max;

	switch (c->type) {
	case KIT_TEXT:
		for (const char *s = v; *s != '\0'; s++)
			if ((unsigned char)*s < 0x20 || *s == 0x7f) {
				kit_fail(err, errsz, sh->file, line, "%s: "
				    "contains a control character or a line "
				    "break", c->name);
				return -1;
			}
		max = c->max ? c->max : 200;
		if ((long long)kit_utf8_chars(v) > max) {
			kit_fail(err, errsz, sh->file, line, "%s: \"%s\" "
			    "is longer than %lld characters", c->name,
			    kit_shown(v, b, sizeof(b)), max);
			return -1;
		}
		return 0;
	case KIT_INT: {
		long long x;

		if (!kit_digits(v, strlen(v)) || strlen(v) > 15) {
			kit_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "not a whole number", c->name, kit_shown(v, b,
			    sizeof(b)));
			return -1;
		}
		x = strtoll(v, NULL, 10);
		if (x < c->min || x > c->max) {
			kit_fail(err, errsz, sh->file, line, "%s: %lld is not "
			    "between %lld and %lld", c->name, x, c->min,
			    c->max);
			return -1;
		}
		return 0;
	}
	case KIT_DATE:
		if (!kit_date_valid(v)) {
			kit_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "not a date (YYYY-MM-DD)", c->name, kit_shown(v, b,
			    sizeof(b)));
			return -1;
		}
		if ((c->flags & KIT_PAST) && strcmp(v, sh->today) > 0) {
			kit_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "in the future", c->name, v);
			return -1;
		}
		return 0;
	case KIT_AFM:
		if (!kit_afm_valid(v)) {
			kit_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "not a valid AFM (9 digits, the last a check digit)",
			    c->name, kit_shown(v, b, sizeof(b)));
			return -1;
		}
		return 0;
	case KIT_AMKA:
		if (!kit_amka_valid(v)) {
			kit_fail(err, errsz, sh->file, line, "%s: \"%s\" is "
			    "not a valid AMKA (11 digits, the last a Luhn check "
			    "digit)", c->name, kit_shown(v, b, sizeof(b)));
			return -1;
		}
		return 0;
	case KIT_CHOICE: {
		char list[256] = "";

		for (const char *const *ch = c->choices; *ch != NULL; ch++) {
			if (strcmp(*ch, v) == 0)
				return 0;
			if (list[0] != '\0')
				strncat(list, ", ", sizeof(list) -
				    strlen(list) - 1);
			strncat(list, *ch, sizeof(list) - strlen(list) - 1);
		}
		kit_fail(err, errsz, sh->file, line, "%s: \"%s\" is not one "
		    "of: %s", c->name, kit_shown(v, b, sizeof(b)), list);
		return -1;
	}
	}
	return 0;
}

static int
map_header(struct kit_sheet *sh, char *err, size_t errsz)
{
	const struct kit_csv_row *h = &sh->csv.rows[0];
	size_t ncols = 0;
	char b[64];

	while (sh->cols[ncols].name != NULL)
		ncols++;
	for (size_t i = 0; i < ncols; i++)
		sh->map[i] = -1;
	for (size_t f = 0; f < h->nfields; f++) {
		char *name = kit_trim(h->fields[f]);
		size_t i;

		for (i = 0; i < ncols; i++)
			if (strcmp(sh->cols[i].name, name) == 0)
				break;
		if (i == ncols) {
			kit_fail(err, errsz, sh->file, h->line, "unknown "
			    "column '%s'", kit_shown(name, b, sizeof(b)));
			return -1;
		}
		if (sh->map[i] >= 0) {
			kit_fail(err, errsz, sh->file, h->line, "column '%s' "
			    "appears twice", name);
			return -1;
		}
		sh->map[i] = (int)f;
	}
	for (size_t i = 0; i < ncols; i++)
		if ((sh->cols[i].flags & KIT_REQUIRED) && sh->map[i] < 0) {
			kit_fail(err, errsz, sh->file, h->line, "the required "
			    "column '%s' is missing", sh->cols[i].name);
			return -1;
		}
	return 0;
}

static int
check_sheet(struct kit_sheet *sh, char *err, size_t errsz)
{
	/* "Not in the future" needs the municipality's today, which only
	 * the host knows. */
	for (int i = 0; sh->cols[i].name != NULL; i++)
		if ((sh->cols[i].flags & KIT_PAST) &&
		    !kit_date_valid(sh->today)) {
			kit_fail(err, errsz, sh->file, 0, "column %s must not "
			    "be in the future, but the sheet was given no "
			    "today (host->today)", sh->cols[i].name);
			return -1;
		}
	if (map_header(sh, err, errsz) != 0)
		return -1;
	for (size_t r = 1; r < sh->csv.nrows; r++) {
		struct kit_csv_row *row = &sh->csv.rows[r];

		for (int i = 0; sh->cols[i].name != NULL; i++) {
			const struct kit_column *c = &sh->cols[i];
			char *v;

			if (sh->map[i] < 0)
				continue;
			v = kit_trim(row->fields[sh->map[i]]);
			row->fields[sh->map[i]] = v;
			if (*v == '\0') {
				if (c->flags & KIT_REQUIRED) {
					kit_fail(err, errsz, sh->file,
					    row->line, "%s: a value is required",
					    c->name);
					return -1;
				}
				continue;
			}
			if (check_value(sh, c, row->line, v, err, errsz) != 0)
				return -1;
		}
	}
	return 0;
}

int
kit_sheet_parse(struct kit_sheet *sh, const char *text, size_t len,
    char *err, size_t errsz)
{
	if (kit_csv_parse(sh->file, text, len, &sh->csv, err, errsz) != 0)
		return -1;
	if (check_sheet(sh, err, errsz) != 0) {
		kit_csv_free(&sh->csv);
		return -1;
	}
	return 0;
}

int
kit_sheet_load(struct kit_sheet *sh, const char *dir, char *err,
    size_t errsz)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, sh->file);
	if (kit_csv_load(path, sh->file, &sh->csv, err, errsz) != 0)
		return -1;
	if (check_sheet(sh, err, errsz) != 0) {
		kit_csv_free(&sh->csv);
		return -1;
	}
	return 0;
}

void
kit_sheet_free(struct kit_sheet *sh)
{
	kit_csv_free(&sh->csv);
}

size_t
kit_sheet_rows(const struct kit_sheet *sh)
{
	return sh->csv.nrows ? sh->csv.nrows - 1 : 0;
}

int
kit_import_args(int argc, char **argv, int first, int *if_empty,
    int *replace, const char **dir)
{
	*if_empty = 0;
	if (replace != NULL)
		*replace = 0;
	*dir = NULL;
	for (int i = first; i < argc; i++) {
		if (strcmp(argv[i], "--if-empty") == 0)
			*if_empty = 1;
		else if (replace != NULL && strcmp(argv[i], "--replace") == 0)
			*replace = 1;
		else if (argv[i][0] == '-' || *dir != NULL)
			return -1;
		else
			*dir = argv[i];
	}
	if (*dir == NULL || (*if_empty && replace != NULL && *replace))
		return -1;
	return 0;
}

unsigned
kit_sheet_line(const struct kit_sheet *sh, size_t row)
{
	return sh->csv.rows[row + 1].line;
}

const char *
kit_sheet_get(const struct kit_sheet *sh, size_t row, int col)
{
	const char *v;

	if (sh->map[col] < 0)
		return NULL;
	v = sh->csv.rows[row + 1].fields[sh->map[col]];
	return *v != '\0' ? v : NULL;
}

long long
kit_sheet_int(const struct kit_sheet *sh, size_t row, int col)
{
	const char *v = kit_sheet_get(sh, row, col);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}
