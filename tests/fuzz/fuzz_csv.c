/*
 * fuzz_csv.c - the plugin kit's CSV reader and sheets (core/pluginkit/
 * csv.c and sheet.c, which every department's import uses) on arbitrary
 * bytes.
 *
 * Oracles: a parsed table has a header and as many fields in every row,
 * rows start on increasing lines, and writing it back with every field
 * quoted parses to the same table; a refusal names the file and a line.
 * The same text read as a sheet of every column type keeps only values
 * of their type.
 * (A field holding CR LF, which only "\r\r\n" inside quotes gives, cannot
 * be written back: quoted CR LF reads as LF. The registries' one-line
 * columns refuse both.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The table as CSV with every field quoted; the caller frees it. */
static char *
fz_write(const struct kit_csv_table *t, size_t *len)
{
	size_t cap = 1, o = 0;
	char *s;

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t f = 0; f < t->rows[r].nfields; f++)
			cap += 2 * strlen(t->rows[r].fields[f]) + 3;
	s = malloc(cap);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t f = 0; f < t->rows[r].nfields; f++) {
			const char *v = t->rows[r].fields[f];

			if (f > 0)
				s[o++] = ',';
			s[o++] = '"';
			for (; *v != '\0'; v++) {
				if (*v == '"')
					s[o++] = '"';
				s[o++] = *v;
			}
			s[o++] = '"';
		}
		s[o++] = '\n';
	}
	*len = o;
	return s;
}

static const char *const fz_choices[] = { "head", "spouse", "child", NULL };

/* One column of every type, required or not. */
static const struct kit_column fz_cols[] = {
	{ "text", KIT_TEXT, KIT_REQUIRED, 0, 20, NULL },
	{ "int", KIT_INT, 0, -5, 1000, NULL },
	{ "date", KIT_DATE, KIT_PAST, 0, 0, NULL },
	{ "afm", KIT_AFM, 0, 0, 0, NULL },
	{ "amka", KIT_AMKA, 0, 0, 0, NULL },
	{ "relation", KIT_CHOICE, 0, 0, 0, fz_choices },
	{ NULL, 0, 0, 0, 0, NULL },
};

static void
fz_sheet(const uint8_t *data, size_t size)
{
	struct kit_sheet sh = { "f.csv", fz_cols, "2026-03-01", { 0 }, { 0 } };
	char err[KIT_ERRSZ];
	const char *v;

	if (kit_sheet_parse(&sh, (const char *)data, size, err,
	    sizeof(err)) != 0) {
		if (strncmp(err, "f.csv", 5) != 0)
			abort();
		return;
	}
	for (size_t r = 0; r < kit_sheet_rows(&sh); r++) {
		long long n;

		if ((v = kit_sheet_get(&sh, r, 0)) == NULL || strlen(v) > 20 *
		    4 || strpbrk(v, "\r\n") != NULL)
			abort();
		if (kit_sheet_get(&sh, r, 1) != NULL &&
		    ((n = kit_sheet_int(&sh, r, 1)) < -5 || n > 1000))
			abort();
		if ((v = kit_sheet_get(&sh, r, 2)) != NULL &&
		    (!kit_date_valid(v) || strcmp(v, "2026-03-01") > 0))
			abort();
		if ((v = kit_sheet_get(&sh, r, 3)) != NULL && !kit_afm_valid(v))
			abort();
		if ((v = kit_sheet_get(&sh, r, 4)) != NULL &&
		    !kit_amka_valid(v))
			abort();
		if ((v = kit_sheet_get(&sh, r, 5)) != NULL &&
		    strcmp(v, "head") != 0 && strcmp(v, "spouse") != 0 &&
		    strcmp(v, "child") != 0)
			abort();
	}
	kit_sheet_free(&sh);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kit_csv_table t, again;
	char err[256], *text;
	size_t len;

	fz_sheet(data, size);
	if (kit_csv_parse("f.csv", (const char *)data, size, &t, err,
	    sizeof(err)) != 0) {
		if (strncmp(err, "f.csv:", 6) != 0 || err[6] < '1' ||
		    err[6] > '9' || t.nrows != 0 || t.rows != NULL)
			abort();
		return 0;
	}
	if (t.nrows < 1)
		abort();
	for (size_t r = 0; r < t.nrows; r++) {
		if (t.rows[r].nfields != t.rows[0].nfields ||
		    t.rows[r].nfields > KIT_CSV_MAX_FIELDS ||
		    t.rows[r].nfields == 0 ||
		    (r > 0 && t.rows[r].line <= t.rows[r - 1].line))
			abort();
		for (size_t f = 0; f < t.rows[r].nfields; f++)
			if (t.rows[r].fields[f] < t.store || t.rows[r].fields[f] >
			    t.store + size)
				abort();
	}
	text = fz_write(&t, &len);
	if (kit_csv_parse("g.csv", text, len, &again, err, sizeof(err)) != 0 ||
	    again.nrows != t.nrows)
		abort();
	for (size_t r = 0; r < t.nrows; r++) {
		if (again.rows[r].nfields != t.rows[r].nfields)
			abort();
		for (size_t f = 0; f < t.rows[r].nfields; f++)
			if (strstr(t.rows[r].fields[f], "\r\n") == NULL &&
			    strcmp(again.rows[r].fields[f],
			    t.rows[r].fields[f]) != 0)
				abort();
	}
	kit_csv_free(&again);
	free(text);
	kit_csv_free(&t);
	return 0;
}
