/*
 * watcmd.c - "dimosctl plugin water ...": the billing system's import
 * (all or nothing, replacing the previous one; readings and meter changes
 * entered here are kept until the billing system has them) and counts.
 * Runs outside any web request: database calls take a NULL request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/row.h"
#include "dimos/kit/text.h"

#include "water.h"

#define host	wat_host

static void
usage(void)
{
	fprintf(stderr, "usage: dimosctl plugin water import [--if-empty] DIR\n"
	    "       dimosctl plugin water stats\n");
}

struct import_ctx {
	const struct wat_dataset *ds;
	const char		*sha;
	int			 if_empty;
	int			 skipped;
	long long		 kept;		/* own readings still ahead */
};

static dm_status
exec(const char *sql, struct dm_value *v, size_t n)
{
	return host->db_exec(NULL, sql, v, n, NULL, NULL);
}

static dm_status
insert_all(const struct wat_dataset *ds)
{
	struct dm_value v[10];
	dm_status st = DM_OK;

	for (size_t i = 0; st == DM_OK && i < ds->nsup; i++) {
		const struct wat_supply *s = &ds->sup[i];

		v[0] = DM_VTEXT(s->supply);
		v[1] = DM_VTEXT(s->afm);
		v[2] = DM_VTEXT(s->holder);
		v[3] = DM_VTEXT(supply_type_names[s->type]);
		v[4] = DM_VTEXT(s->address);
		v[5] = DM_VTEXT(s->unit);
		v[6] = DM_VTEXT(s->meter);
		v[7] = DM_VTEXT(supply_use_names[s->use]);
		v[8] = DM_VINT(s->active);
		v[9] = DM_VTEXT(s->since);
		st = exec("INSERT INTO wat_supplies (supply, afm, holder, type, "
		    "address, unit, meter, use_kind, active, since) VALUES (?, ?, "
		    "?, ?, ?, ?, ?, ?, ?, ?)", v, 10);
	}
	/* ds->rd is in reading order: the ids keep it within a day */
	for (size_t i = 0; st == DM_OK && i < ds->nrd; i++) {
		const struct wat_reading *r = &ds->rd[i];

		v[0] = DM_VTEXT(r->supply);
		v[1] = DM_VTEXT(r->date);
		v[2] = DM_VINT(r->value);
		v[3] = DM_VTEXT(r->meter);
		v[4] = DM_VTEXT(reading_kind_names[r->kind]);
		v[5] = DM_VINT(r->kind == READING_FINAL ? 0 : r->kind ==
		    READING_INITIAL ? 1 : 2);
		st = exec("INSERT INTO wat_readings (supply, read_on, value, "
		    "meter, kind, rank_in_day, source) VALUES (?, ?, ?, ?, ?, ?, "
		    "'import')", v, 6);
	}
	for (size_t i = 0; st == DM_OK && i < ds->nbill; i++) {
		const struct wat_bill *b = &ds->bill[i];

		v[0] = DM_VTEXT(b->bill);
		v[1] = DM_VTEXT(b->supply);
		v[2] = DM_VTEXT(b->from);
		v[3] = DM_VTEXT(b->to);
		v[4] = DM_VINT(b->consumption);
		v[5] = DM_VINT(b->amount);
		v[6] = DM_VTEXT(b->issued);
		v[7] = DM_VTEXT(b->due);
		v[8] = DM_VINT(b->paid);
		st = exec("INSERT INTO wat_bills (bill, supply, period_from, "
		    "period_to, consumption, amount_cents, issued_on, due_on, "
		    "paid_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", v, 9);
	}
	for (size_t i = 0; st == DM_OK && i < ds->npar; i++) {
		const struct wat_parcel *p = &ds->par[i];
		char f[KIT_FOLD_MAX];

		if (p->name != NULL)
			kit_fold(p->name, f, sizeof(f));
		v[0] = DM_VTEXT(p->afm);
		v[1] = DM_VTEXT(p->kaek[0] ? p->kaek : NULL);
		v[2] = DM_VTEXT(p->name);
		v[3] = DM_VTEXT(p->name ? f : NULL);
		v[4] = DM_VTEXT(p->unit);
		v[5] = DM_VINT(p->area);
		v[6] = DM_VTEXT(p->supply);
		st = exec("INSERT INTO wat_parcels (afm, kaek, name, name_f, "
		    "unit, area_tenths, supply) VALUES (?, ?, ?, ?, ?, ?, ?)", v,
		    7);
	}
	return st;
}

static dm_status
import_tx(struct dm_req *req, void *arg)
{
	struct import_ctx *x = arg;
	long long n = 0;
	char summary[200];
	struct dm_value v[3];
	dm_status st;

	(void)req;
	x->skipped = 0;
	if (x->if_empty) {
		if ((st = host->db_query(NULL, "SELECT COUNT(*) FROM "
		    "wat_supplies", NULL, 0, wat_one_int, &n)) != DM_OK)
			return st;
		if (n > 0) {
			x->skipped = 1;
			return DM_OK;
		}
	}
	if ((st = exec("DELETE FROM wat_readings WHERE source = 'import'",
	    NULL, 0)) != DM_OK || (st = exec("DELETE FROM wat_bills", NULL,
	    0)) != DM_OK || (st = exec("DELETE FROM wat_parcels", NULL,
	    0)) != DM_OK || (st = exec("DELETE FROM wat_supplies", NULL,
	    0)) != DM_OK || (st = insert_all(x->ds)) != DM_OK)
		return st;
	/* What was sent here and the billing system has now (a reading of
	 * its on or after the date) is its; the rest stays, and a meter
	 * change noted here stays the supply's meter. Readings of supplies
	 * that are gone go with them. */
	if ((st = exec("DELETE r FROM wat_readings r JOIN (SELECT supply, "
	    "MAX(read_on) AS last FROM wat_readings WHERE source = 'import' "
	    "GROUP BY supply) i ON i.supply = r.supply WHERE r.source <> "
	    "'import' AND r.read_on <= i.last", NULL, 0)) != DM_OK ||
	    (st = exec("DELETE FROM wat_readings WHERE source <> 'import' AND "
	    "supply NOT IN (SELECT supply FROM wat_supplies)", NULL,
	    0)) != DM_OK ||
	    (st = exec("UPDATE wat_supplies s JOIN (SELECT r.supply, r.meter "
	    "FROM wat_readings r JOIN (SELECT supply, MAX(id) AS id FROM "
	    "wat_readings WHERE source <> 'import' GROUP BY supply) l ON l.id "
	    "= r.id) o ON o.supply = s.supply SET s.meter = o.meter", NULL,
	    0)) != DM_OK)
		return st;
	if ((st = host->db_query(NULL, "SELECT COUNT(*) FROM wat_readings "
	    "WHERE source <> 'import'", NULL, 0, wat_one_int, &x->kept)) !=
	    DM_OK)
		return st;
	snprintf(summary, sizeof(summary), "%zu supplies, %zu readings, %zu "
	    "bills, %zu parcels; %lld own readings kept", x->ds->nsup,
	    x->ds->nrd, x->ds->nbill, x->ds->npar, x->kept);
	v[0] = DM_VTEXT(x->sha);
	v[1] = DM_VINT((long long)(x->ds->nsup + x->ds->nrd + x->ds->nbill +
	    x->ds->npar));
	v[2] = DM_VTEXT(summary);
	return exec("INSERT INTO wat_imports (sha256, rows_n, summary) VALUES "
	    "(?, ?, ?)", v, 3);
}

static int
cmd_import(int argc, char **argv)
{
	static const char *const files[] = { "supplies.csv", "readings.csv",
		"bills.csv", "parcels.csv", NULL };
	struct import_ctx x = { 0 };
	struct wat_dataset ds;
	char err[KIT_ERRSZ], today[DM_DATE_SIZE], sha[65];
	const char *dir = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--if-empty") == 0)
			x.if_empty = 1;
		else if (dir == NULL && argv[i][0] != '-')
			dir = argv[i];
		else {
			usage();
			return 2;
		}
	}
	if (dir == NULL) {
		usage();
		return 2;
	}
	host->today(today);
	if (wat_dataset_load(&ds, dir, today, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\nnothing was imported\n", err);
		return 1;
	}
	if (kit_files_sha256(dir, files, sha) != 0) {
		wat_dataset_free(&ds);
		fprintf(stderr, "%s: cannot read the files again\n", dir);
		return 1;
	}
	x.ds = &ds;
	x.sha = sha;
	if (host->db_tx(NULL, import_tx, &x) != DM_OK) {
		wat_dataset_free(&ds);
		fprintf(stderr, "the database refused the import; nothing was "
		    "imported\n");
		return 1;
	}
	if (x.skipped)
		printf("water: supplies are not empty; nothing imported "
		    "(--if-empty)\n");
	else
		printf("water: imported %zu supplies, %zu readings, %zu bills, "
		    "%zu parcels; %lld readings sent here kept\n", ds.nsup,
		    ds.nrd, ds.nbill, ds.npar, x.kept);
	wat_dataset_free(&ds);
	return 0;
}

static int
cmd_stats(void)
{
	static const char *const q[][2] = {
		{ "supplies", "SELECT COUNT(*) FROM wat_supplies" },
		{ "readings", "SELECT COUNT(*) FROM wat_readings" },
		{ "readings sent here", "SELECT COUNT(*) FROM wat_readings "
		    "WHERE source <> 'import'" },
		{ "bills", "SELECT COUNT(*) FROM wat_bills" },
		{ "parcels", "SELECT COUNT(*) FROM wat_parcels" },
		{ "irrigation allotments", "SELECT COUNT(*) FROM "
		    "wat_allotments" },
	};

	return kit_print_counts(host, "water", q, sizeof(q) / sizeof(q[0]));
}

int
wat_command(int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "import") == 0)
		return cmd_import(argc, argv);
	if (argc == 1 && strcmp(argv[0], "stats") == 0)
		return cmd_stats();
	usage();
	return 2;
}
