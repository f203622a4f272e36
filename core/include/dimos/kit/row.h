/*
 * dimos/kit/row.h - what every department's SQL and pages repeat over the
 * host table: a column of a row the host hands back, copied into the
 * request's memory as text or read as an integer; a row callback for one
 * integer (a COUNT); an amount or a date written the Greek way into the
 * request's memory; the SHA-256 of an import's files, for its record;
 * "dimosctl plugin <name> stats" counts; the staff panel's notes and
 * record fields.
 */
#ifndef DIMOS_KIT_ROW_H
#define DIMOS_KIT_ROW_H

#include <stddef.h>

#include "dimos/host.h"

/* A text column copied with h->astrdup; NULL for SQL NULL. */
const char	*kit_col_text(const struct dm_host *h, struct dm_req *req,
		    const struct dm_value *v);
/* An integer column (or a text one holding digits); 0 for NULL. */
long long	 kit_col_int(const struct dm_value *v);
/* A db_query row callback: the first column into *(long long *)arg. */
dm_status	 kit_row_int(void *arg, const struct dm_value *c, size_t n);
/* "1.234,56 €" and "02/03/2026" (NULL for NULL) in the request's memory. */
const char	*kit_money_str(const struct dm_host *h, struct dm_req *req,
		    long long cents);
const char	*kit_date_str(const struct dm_host *h, struct dm_req *req,
		    const char *iso);
/* SHA-256 (hex) of the files names[] (NULL-terminated) in dir, one after
 * the other; -1 if one cannot be read. */
int		 kit_files_sha256(const char *dir, const char *const *names,
		    char hex[65]);

/* Runs each q[i][1] (a SELECT COUNT(*)) outside any request and prints
 * "q[i][0]: N"; 1 with a message naming who if the database fails. */
int		 kit_print_counts(const struct dm_host *h, const char *who,
		    const char *const (*q)[2], size_t n);
/* <note kind="info|warning">text</note> under a staff panel, and a
 * <field label="...">value</field> of a record (none for a NULL value). */
void		 kit_panel_note(const struct dm_host *h, struct dm_node *panel,
		    const char *kind, const char *text);
void		 kit_panel_field(const struct dm_host *h, struct dm_node *rec,
		    const char *label, const char *value);
/*
 * What a request comes to, for the preview hook: one <record> under
 * panel, labelled with the service's title and made at the first line,
 * then a <field> per line. Start with { h, req, svc, panel, NULL }.
 */
struct kit_outcome {
	const struct dm_host	*h;
	struct dm_req		*req;
	const struct dm_service	*svc;
	struct dm_node		*panel;
	struct dm_node		*rec;
};

void		 kit_outcome_line(struct kit_outcome *o, const char *label,
		    const char *value);

#endif
