/*
 * fuzz_csv.c - the registries' CSV reader (plugins/civil_registry/csv.c,
 * compiled into both registry plugins) on arbitrary bytes.
 *
 * Oracles: a parsed table has a header and as many fields in every row,
 * rows start on increasing lines, and writing it back with every field
 * quoted parses to the same table; a refusal names the file and a line.
 * (A field holding CR LF, which only "\r\r\n" inside quotes gives, cannot
 * be written back: quoted CR LF reads as LF. The registries' one-line
 * columns refuse both.)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The table as CSV with every field quoted; the caller frees it. */
static char *
fz_write(const struct csv_table *t, size_t *len)
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_table t, again;
	char err[256], *text;
	size_t len;

	if (csv_parse("f.csv", (const char *)data, size, &t, err,
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
		    t.rows[r].nfields > CSV_MAX_FIELDS ||
		    t.rows[r].nfields == 0 ||
		    (r > 0 && t.rows[r].line <= t.rows[r - 1].line))
			abort();
		for (size_t f = 0; f < t.rows[r].nfields; f++)
			if (t.rows[r].fields[f] < t.store || t.rows[r].fields[f] >
			    t.store + size)
				abort();
	}
	text = fz_write(&t, &len);
	if (csv_parse("g.csv", text, len, &again, err, sizeof(err)) != 0 ||
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
	csv_free(&again);
	free(text);
	csv_free(&t);
	return 0;
}
