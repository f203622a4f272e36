/*
 * fincmd.c - "dimosctl plugin finance ...": the revenue system's import
 * (all or nothing, replacing the previous one), the bank's payment file
 * (each payment once, to the receivables its RF code names), and the
 * ledger's counts. Runs outside any web request: database calls take a
 * NULL request, memory is malloc'ed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "dimos/kit/money.h"
#include "dimos/kit/row.h"

#include "bankfile.h"
#include "findata.h"
#include "finance.h"
#include "rf.h"

#define host	fin_host

static void
usage(void)
{
	fprintf(stderr,
	    "usage: dimosctl plugin finance import [--if-empty] "
	    "[--as-of YYYY-MM-DD] DIR\n"
	    "       dimosctl plugin finance payments [--dry-run] FILE.xml\n"
	    "       dimosctl plugin finance stats\n");
}

/* ------------------------------------------------------------ import */

struct import_ctx {
	const struct fin_dataset *ds;
	const char		*as_of;
	const char		*sha;
	int			 if_empty;
	int			 skipped;	/* --if-empty, not empty */
};

static dm_status
insert_properties(const struct fin_dataset *ds)
{
	for (size_t i = 0; i < ds->nprop; i++) {
		const struct fin_property *p = &ds->prop[i];
		struct dm_value v[6] = {
			DM_VTEXT(p->kaek),
			DM_VTEXT(p->power[0] ? p->power : NULL),
			DM_VTEXT(p->address), DM_VTEXT(p->unit),
			DM_VINT(p->area), DM_VTEXT(p->owner_afm),
		};
		dm_status st = host->db_exec(NULL, "INSERT INTO fin_properties "
		    "(kaek, power_supply, address, unit, area_cm2, owner_afm) "
		    "VALUES (?, ?, ?, ?, ?, ?)", v, 6, NULL, NULL);

		if (st != DM_OK)
			return st;
	}
	return DM_OK;
}

static dm_status
insert_arrangements(const struct fin_dataset *ds)
{
	for (size_t i = 0; i < ds->narr; i++) {
		const struct fin_arrangement *a = &ds->arr[i];
		struct dm_value v[6] = {
			DM_VTEXT(a->ref), DM_VTEXT(a->afm),
			DM_VTEXT(a->decided), DM_VINT(a->instalments),
			DM_VINT(a->total),
			DM_VTEXT(arr_status_names[a->status]),
		};
		dm_status st = host->db_exec(NULL, "INSERT INTO "
		    "fin_arrangements (ref, afm, decided_on, instalments, "
		    "total_cents, status) VALUES (?, ?, ?, ?, ?, ?)", v, 6,
		    NULL, NULL);

		if (st != DM_OK)
			return st;
	}
	return DM_OK;
}

static dm_status
insert_receivables(const struct fin_dataset *ds)
{
	for (size_t i = 0; i < ds->nrec; i++) {
		const struct fin_receivable *r = &ds->rec[i];
		char rf[RF_MAX + 1];
		struct dm_value v[14];
		dm_status st;

		/* 6 + 1 + 14 characters always fit an RF body */
		if (rf_scheme(fin_conf.prefix, RF_KIND_DEBT, r->ref, rf) != 0)
			return DM_EINTERNAL;
		v[0] = DM_VTEXT(r->ref);
		v[1] = DM_VTEXT(r->afm);
		v[2] = DM_VTEXT(r->debtor);
		v[3] = DM_VTEXT(debt_kind_names[r->kind]);
		v[4] = DM_VTEXT(r->description);
		v[5] = DM_VINT(r->amount);
		v[6] = DM_VINT(r->paid);
		v[7] = DM_VTEXT(r->issued);
		v[8] = DM_VTEXT(r->due);
		v[9] = DM_VTEXT(r->kaek[0] ? r->kaek : NULL);
		v[10] = DM_VTEXT(r->power[0] ? r->power : NULL);
		v[11] = DM_VTEXT(r->arrangement);
		v[12] = r->instalment ? DM_VINT(r->instalment) : DM_VNULL;
		v[13] = DM_VTEXT(rf);
		st = host->db_exec(NULL, "INSERT INTO fin_receivables (ref, afm, "
		    "debtor, kind, description, amount_cents, paid_cents, "
		    "issued_on, due_on, kaek, power_supply, arrangement, "
		    "instalment, rf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
		    "?, ?)", v, 14, NULL, NULL);
		if (st != DM_OK)
			return st;
	}
	return DM_OK;
}

static dm_status
import_tx(struct dm_req *req, void *arg)
{
	struct import_ctx *x = arg;
	long long n = 0;
	char summary[200];
	struct dm_value v[4];
	dm_status st;

	(void)req;
	x->skipped = 0;
	if (x->if_empty) {
		st = host->db_query(NULL, "SELECT COUNT(*) FROM fin_receivables",
		    NULL, 0, fin_one_int, &n);
		if (st != DM_OK)
			return st;
		if (n > 0) {
			x->skipped = 1;
			return DM_OK;
		}
	}
	/* Children first; plans keep their own copies of what they
	 * named, so nothing else points at these rows. */
	if ((st = host->db_exec(NULL, "DELETE FROM fin_receivables", NULL, 0,
	    NULL, NULL)) != DM_OK || (st = host->db_exec(NULL, "DELETE FROM "
	    "fin_arrangements", NULL, 0, NULL, NULL)) != DM_OK ||
	    (st = host->db_exec(NULL, "DELETE FROM fin_properties", NULL, 0,
	    NULL, NULL)) != DM_OK)
		return st;
	if ((st = insert_properties(x->ds)) != DM_OK ||
	    (st = insert_arrangements(x->ds)) != DM_OK ||
	    (st = insert_receivables(x->ds)) != DM_OK)
		return st;
	snprintf(summary, sizeof(summary), "%zu receivables, %zu "
	    "arrangements, %zu properties", x->ds->nrec, x->ds->narr,
	    x->ds->nprop);
	v[0] = DM_VTEXT(x->as_of);
	v[1] = DM_VTEXT(x->sha);
	v[2] = DM_VINT((long long)(x->ds->nrec + x->ds->narr + x->ds->nprop));
	v[3] = DM_VTEXT(summary);
	return host->db_exec(NULL, "INSERT INTO fin_imports (kind, as_of, "
	    "sha256, rows_n, summary) VALUES ('receivables', ?, ?, ?, ?)", v, 4,
	    NULL, NULL);
}

static int
cmd_import(int argc, char **argv)
{
	static const char *const files[] = { "properties.csv",
		"arrangements.csv", "receivables.csv", NULL };
	struct import_ctx x = { 0 };
	struct fin_dataset ds;
	char err[KIT_ERRSZ], today[DM_DATE_SIZE], sha[65];
	const char *dir = NULL, *as_of = NULL;
	dm_status st;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--if-empty") == 0)
			x.if_empty = 1;
		else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc)
			as_of = argv[++i];
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
	if (as_of == NULL)
		as_of = today;
	if (!kit_date_valid(as_of) || strcmp(as_of, today) > 0) {
		fprintf(stderr, "--as-of: \"%s\" is not a date (YYYY-MM-DD) "
		    "up to today\n", as_of);
		return 2;
	}
	if (fin_dataset_load(&ds, dir, today, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		fprintf(stderr, "nothing was imported\n");
		return 1;
	}
	if (kit_files_sha256(dir, files, sha) != 0) {
		fin_dataset_free(&ds);
		fprintf(stderr, "%s: cannot read the files again\n", dir);
		return 1;
	}
	x.ds = &ds;
	x.as_of = as_of;
	x.sha = sha;
	st = host->db_tx(NULL, import_tx, &x);
	if (st != DM_OK) {
		fprintf(stderr, "the database refused the import; nothing was "
		    "imported\n");
		fin_dataset_free(&ds);
		return 1;
	}
	if (x.skipped)
		printf("finance: the ledger is not empty; nothing imported "
		    "(--if-empty)\n");
	else
		printf("finance: imported %zu receivables, %zu arrangements, "
		    "%zu properties (as of %s)\n", ds.nrec, ds.narr, ds.nprop,
		    as_of);
	fin_dataset_free(&ds);
	return 0;
}

/* ---------------------------------------------------------- payments */

struct pay_ctx {
	const struct bank_file	*f;
	const struct bank_credit *c;
	const char		*file;
	const char		*matched;
	const char		*receivable;
	long long		 fee_id;
	int			 exists;
};

static dm_status
record_tx(struct dm_req *req, void *arg)
{
	struct pay_ctx *x = arg;
	struct dm_value v[12];
	long long n = 0;
	uint64_t pid = 0;
	dm_status st;

	(void)req;
	v[0] = DM_VTEXT(x->c->bank_ref);
	st = host->db_query(NULL, "SELECT COUNT(*) FROM fin_payments WHERE "
	    "bank_ref = ? FOR UPDATE", v, 1, fin_one_int, &n);
	if (st != DM_OK)
		return st;
	if ((x->exists = n > 0))
		return DM_OK;
	v[1] = DM_VTEXT(x->f->msg_id);
	v[2] = DM_VTEXT(x->c->rf[0] ? x->c->rf : NULL);
	v[3] = DM_VTEXT(x->c->remittance[0] ? x->c->remittance : NULL);
	v[4] = DM_VINT(x->c->amount);
	v[5] = DM_VTEXT(x->c->booked);
	v[6] = DM_VTEXT(x->c->payer[0] ? x->c->payer : NULL);
	v[7] = DM_VTEXT(x->matched);
	v[8] = DM_VTEXT(x->receivable);
	v[9] = x->fee_id ? DM_VINT(x->fee_id) : DM_VNULL;
	v[10] = DM_VTEXT(x->file);
	if ((st = host->db_exec(NULL, "INSERT INTO fin_payments (bank_ref, "
	    "msg_id, rf, remittance, amount_cents, booked_on, payer, matched, "
	    "receivable_ref, fee_id, file_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?)", v, 11, NULL, &pid)) != DM_OK || x->fee_id == 0)
		return st;
	/* The fee is paid (its department is told after the commit). */
	v[0] = DM_VTEXT(x->c->booked);
	v[1] = DM_VINT((long long)pid);
	v[2] = DM_VINT(x->fee_id);
	return host->db_exec(NULL, "UPDATE fin_fees SET paid_on = ?, "
	    "payment_id = ? WHERE id = ? AND paid_on IS NULL", v, 3, NULL,
	    NULL);
}

struct counts {
	size_t	 seen, debts, fees, unmatched;
	long long sum;
};

/* What one credit names: a receivable, or nothing it can be put to. */
static dm_status
match(const struct bank_credit *c, struct pay_ctx *x,
    struct counts *k, char *why, size_t whysz)
{
	enum rf_kind kind;
	char ref[RF_REF_MAX + 1];
	dm_status st;

	x->matched = "unmatched";
	x->receivable = NULL;
	x->fee_id = 0;
	why[0] = '\0';
	if (c->rf[0] == '\0') {
		snprintf(why, whysz, "no valid RF reference (\"%s\")",
		    c->remittance);
		return DM_OK;
	}
	if (rf_scheme_split(fin_conf.prefix, c->rf, &kind, ref) != 0) {
		snprintf(why, whysz, "%s is not one of the municipality's "
		    "codes", c->rf);
		return DM_OK;
	}
	if (kind == RF_KIND_DEBT) {
		struct dm_value p = DM_VTEXT(ref);
		long long n = 0;

		st = host->db_query(NULL, "SELECT COUNT(*) FROM fin_receivables "
		    "WHERE ref = ?", &p, 1, fin_one_int, &n);
		if (st != DM_OK)
			return st;
		if (n == 0) {
			snprintf(why, whysz, "no receivable %s in the ledger",
			    ref);
			return DM_OK;
		}
		x->matched = "debt";
		x->receivable = strdup(ref);
		k->debts++;
		return DM_OK;
	}
	/* A fee of another department's request, paid in full. */
	{
		struct fin_fee f;
		char amount[KIT_MONEY_BUFSZ];

		st = fin_fee_by_id(NULL, strtoll(ref, NULL, 10), &f);
		if (st == DM_ENOTFOUND || (st == DM_OK &&
		    strcmp(f.fee.rf, c->rf) != 0)) {
			snprintf(why, whysz, "no fee with code %s", c->rf);
			return DM_OK;
		}
		if (st != DM_OK)
			return st;
		kit_money_format(f.fee.amount, amount);
		if (f.fee.paid) {
			snprintf(why, whysz, "fee %s of %s request %lld was "
			    "paid already on %s (a refund?)", c->rf, f.plugin,
			    f.request_id, f.fee.paid_on);
			return DM_OK;
		}
		if (c->amount != f.fee.amount) {
			snprintf(why, whysz, "fee %s is %s, not what was paid",
			    c->rf, amount);
			return DM_OK;
		}
		x->matched = "fee";
		x->fee_id = f.id;
		k->fees++;
		return DM_OK;
	}
}

static int
cmd_payments(int argc, char **argv)
{
	struct bank_file f;
	struct counts k = { 0 };
	const char *path = NULL, *name;
	char err[512], why[200];
	int dry = 0, rc = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else if (path == NULL && argv[i][0] != '-')
			path = argv[i];
		else {
			usage();
			return 2;
		}
	}
	if (path == NULL) {
		usage();
		return 2;
	}
	name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	if (bank_load(path, name, fin_conf.iban, &f, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\nnothing was recorded\n", err);
		return 1;
	}
	for (size_t i = 0; i < f.ncredits; i++) {
		const struct bank_credit *c = &f.credits[i];
		struct pay_ctx x = { &f, c, name, NULL, NULL, 0, 0 };
		struct dm_value p = DM_VTEXT(c->bank_ref);
		long long seen = 0;
		dm_status st;

		st = host->db_query(NULL, "SELECT COUNT(*) FROM fin_payments "
		    "WHERE bank_ref = ?", &p, 1, fin_one_int, &seen);
		if (st == DM_OK && seen > 0) {
			k.seen++;
			continue;
		}
		if (st == DM_OK)
			st = match(c, &x, &k, why, sizeof(why));
		if (st == DM_OK && !dry)
			st = host->db_tx(NULL, record_tx, &x);
		free((char *)(uintptr_t)x.receivable);
		if (st != DM_OK) {
			fprintf(stderr, "%s:%u: %s: the database failed; run the "
			    "file again (what was recorded is kept)\n", name,
			    c->line, c->bank_ref);
			rc = 1;
			break;
		}
		if (strcmp(x.matched, "unmatched") == 0) {
			char amount[KIT_MONEY_BUFSZ];

			k.unmatched++;
			kit_money_format(c->amount, amount);
			printf("unmatched: %s:%u %s %s %s from %s: %s\n", name,
			    c->line, c->bank_ref, c->booked, amount,
			    c->payer[0] ? c->payer : "?", why);
		}
		k.sum += c->amount;
	}
	printf("finance: %s%zu credits in %s (%zu already recorded, %zu "
	    "debits and %zu pending skipped): %zu to receivables, %zu to "
	    "fees, %zu unmatched\n", dry ? "(dry run, nothing recorded) " :
	    "", f.ncredits, name, k.seen, f.debits, f.pending, k.debts,
	    k.fees, k.unmatched);
	bank_free(&f);
	/* Each paid fee's department moves its request on (a permit
	 * issued); those told before are not told again. */
	if (!dry) {
		size_t told, failed;

		if (fin_fees_tell(&told, &failed) != 0) {
			fprintf(stderr, "finance: the database failed while "
			    "telling the departments of paid fees; run the "
			    "file again\n");
			return 1;
		}
		if (told > 0 || failed > 0)
			printf("finance: %zu paid fees passed to their "
			    "departments, %zu could not be (tried again next "
			    "run)\n", told, failed);
		if (failed > 0)
			rc = 1;
	}
	return rc;
}

/* ------------------------------------------------------------- stats */

static int
cmd_stats(void)
{
	static const char *const q[][2] = {
		{ "receivables", "SELECT COUNT(*) FROM fin_receivables" },
		{ "arrangements", "SELECT COUNT(*) FROM fin_arrangements" },
		{ "properties", "SELECT COUNT(*) FROM fin_properties" },
		{ "payments", "SELECT COUNT(*) FROM fin_payments" },
		{ "unmatched payments", "SELECT COUNT(*) FROM fin_payments "
		    "WHERE matched = 'unmatched'" },
		{ "plans", "SELECT COUNT(*) FROM fin_plans" },
	};

	return kit_print_counts(host, "finance", q, sizeof(q) / sizeof(q[0]));
}

int
fin_command(int argc, char **argv)
{
	if (argc >= 1 && strcmp(argv[0], "import") == 0)
		return cmd_import(argc, argv);
	if (argc >= 1 && strcmp(argv[0], "payments") == 0)
		return cmd_payments(argc, argv);
	if (argc == 1 && strcmp(argv[0], "stats") == 0)
		return cmd_stats();
	usage();
	return 2;
}
