/*
 * import.c - "dimosctl plugin cleaning ...": the crews and the pickups'
 * capacity from CSV files (a municipality's first setup, and the demo),
 * and the capacity as it stands.
 *
 *   crews.csv      name, contractor, phone
 *   capacity.csv   zone, monday .. friday (pickups a day), crew (a name
 *                  from crews.csv or one already there; may be empty)
 */
#include <stdio.h>
#include <string.h>

#include "dimos/kit/csv.h"

#include "capacity.h"
#include "cleaning.h"
#include "crews.h"
#include "pages.h"
#include "places.h"

enum { C_NAME, C_CONTRACTOR, C_PHONE };

static const struct kit_column crew_cols[] = {
	[C_NAME] = { "name", KIT_TEXT, KIT_REQUIRED, 0, 100, NULL },
	[C_CONTRACTOR] = { "contractor", KIT_TEXT, 0, 0, 200, NULL },
	[C_PHONE] = { "phone", KIT_TEXT, 0, 0, 20, NULL },
	{ NULL, KIT_TEXT, 0, 0, 0, NULL },
};

enum { K_ZONE, K_MON, K_TUE, K_WED, K_THU, K_FRI, K_CREW };

static const struct kit_column cap_cols[] = {
	[K_ZONE] = { "zone", KIT_TEXT, KIT_REQUIRED, 0, 32, NULL },
	[K_MON] = { "monday", KIT_INT, KIT_REQUIRED, 0, CAP_MAX_PICKUPS,
	    NULL },
	[K_TUE] = { "tuesday", KIT_INT, KIT_REQUIRED, 0, CAP_MAX_PICKUPS,
	    NULL },
	[K_WED] = { "wednesday", KIT_INT, KIT_REQUIRED, 0, CAP_MAX_PICKUPS,
	    NULL },
	[K_THU] = { "thursday", KIT_INT, KIT_REQUIRED, 0, CAP_MAX_PICKUPS,
	    NULL },
	[K_FRI] = { "friday", KIT_INT, KIT_REQUIRED, 0, CAP_MAX_PICKUPS,
	    NULL },
	[K_CREW] = { "crew", KIT_TEXT, 0, 0, 100, NULL },
	{ NULL, KIT_TEXT, 0, 0, 0, NULL },
};

struct import {
	struct kit_sheet	 crews;
	struct kit_sheet	 cap;
	char			 err[KIT_ERRSZ];
	size_t			 added;
};

static dm_status
fail(struct import *im, const struct kit_sheet *sh, size_t row,
    const char *what, dm_status st)
{
	kit_fail(im->err, sizeof(im->err), sh->file, kit_sheet_line(sh, row),
	    "%s", what);
	return st;
}

static dm_status
crew_by_name(const char *name, long long *id)
{
	struct dm_value p = DM_VTEXT(name);

	*id = 0;
	return cl_host->db_query(NULL, "SELECT id FROM cleaning_crews WHERE "
	    "name = ?", &p, 1, cl_row_int, id);
}

/* All or nothing; db_tx may run it again, so it starts from scratch. */
static dm_status
import_tx(struct dm_req *req, void *arg)
{
	struct import *im = arg;
	dm_status st;

	(void)req;
	im->err[0] = '\0';
	im->added = 0;
	for (size_t r = 0; r < kit_sheet_rows(&im->crews); r++) {
		const char *name = kit_sheet_get(&im->crews, r, C_NAME);
		long long id;

		if ((st = crew_by_name(name, &id)) != DM_OK)
			return st;
		if (id != 0)
			continue;
		if ((st = crew_add(NULL, name, kit_sheet_get(&im->crews, r,
		    C_CONTRACTOR), kit_sheet_get(&im->crews, r, C_PHONE),
		    &id)) != DM_OK)
			return fail(im, &im->crews, r, "the database refused "
			    "the row (see the log above)", st);
		im->added++;
	}
	for (size_t r = 0; r < kit_sheet_rows(&im->cap); r++) {
		const char *zone = kit_sheet_get(&im->cap, r, K_ZONE);
		const char *crew = kit_sheet_get(&im->cap, r, K_CREW);
		struct cap_week w;
		long long id = 0;

		if (!place_zone_known(zone))
			return fail(im, &im->cap, r, "zone: not a zone of the "
			    "municipality's places file", DM_EINPUT);
		memset(&w, 0, sizeof(w));
		for (int d = K_MON; d <= K_FRI; d++)
			w.pickups[d - K_MON + 1] = (int)kit_sheet_int(&im->cap,
			    r, d);
		if (crew != NULL && ((st = crew_by_name(crew, &id)) != DM_OK ||
		    id == 0))
			return fail(im, &im->cap, r, "crew: no crew of that "
			    "name", DM_EINPUT);
		if ((st = cap_week_save(NULL, zone, &w, 0)) != DM_OK ||
		    (st = crew_set_zone(NULL, zone, id)) != DM_OK)
			return fail(im, &im->cap, r, "the database refused "
			    "the row (see the log above)", st);
	}
	return DM_OK;
}

static int
usage(void)
{
	fprintf(stderr, "usage: dimosctl plugin " CL_PLUGIN " import "
	    "[--if-empty] <dir>\n"
	    "       dimosctl plugin " CL_PLUGIN " capacity\n"
	    "  <dir> holds crews.csv and capacity.csv (see plugins/"
	    CL_PLUGIN "/README.md)\n");
	return 2;
}

static int
cmd_import(int argc, char **argv)
{
	struct import im;
	const char *dir = NULL;
	int if_empty = 0;
	long long have = 0;
	dm_status st;

	memset(&im, 0, sizeof(im));
	if (kit_import_args(argc, argv, 2, &if_empty, NULL, &dir) != 0)
		return usage();
	if (cl_host->db_query(NULL, "SELECT (SELECT COUNT(*) FROM "
	    "cleaning_crews) + (SELECT COUNT(*) FROM cleaning_capacity)", NULL,
	    0, cl_row_int, &have) != DM_OK) {
		fprintf(stderr, CL_PLUGIN ": cannot read the crews (did "
		    "'dimosctl migrate' run?)\n");
		return 1;
	}
	if (if_empty && have > 0) {
		printf(CL_PLUGIN ": crews or capacity are set already; nothing "
		    "imported (--if-empty)\n");
		return 0;
	}
	im.crews.file = "crews.csv";
	im.crews.cols = crew_cols;
	im.cap.file = "capacity.csv";
	im.cap.cols = cap_cols;
	if (kit_sheet_load(&im.crews, dir, im.err, sizeof(im.err)) != 0 ||
	    kit_sheet_load(&im.cap, dir, im.err, sizeof(im.err)) != 0) {
		fprintf(stderr, CL_PLUGIN ": %s/%s\n" CL_PLUGIN ": nothing was "
		    "imported\n", dir, im.err);
		kit_sheet_free(&im.crews);
		kit_sheet_free(&im.cap);
		return 1;
	}
	st = cl_host->db_tx(NULL, import_tx, &im);
	if (st != DM_OK)
		fprintf(stderr, CL_PLUGIN ": %s%s%s\n" CL_PLUGIN ": nothing was "
		    "imported\n", im.err[0] ? dir : "", im.err[0] ? "/" : "",
		    im.err[0] ? im.err : "the transaction failed (see the log "
		    "above)");
	else
		printf(CL_PLUGIN ": %zu crews added, the capacity of %zu zones "
		    "set from %s\n", im.added, kit_sheet_rows(&im.cap), dir);
	kit_sheet_free(&im.crews);
	kit_sheet_free(&im.cap);
	return st == DM_OK ? 0 : 1;
}

static int
cmd_capacity(void)
{
	const char *zone;

	printf("%-20s %4s %4s %4s %4s %4s\n", "ZONE", "MON", "TUE", "WED",
	    "THU", "FRI");
	for (size_t i = 0; (zone = place_zone_at(i)) != NULL; i++) {
		struct cap_week w;

		if (cap_week_load(NULL, zone, &w) != DM_OK) {
			fprintf(stderr, CL_PLUGIN ": cannot read the capacity "
			    "(did 'dimosctl migrate' run?)\n");
			return 1;
		}
		printf("%-20s %4d %4d %4d %4d %4d\n", zone, w.pickups[1],
		    w.pickups[2], w.pickups[3], w.pickups[4], w.pickups[5]);
	}
	return 0;
}

int
cl_command(const struct dm_host *h, struct dm_plugin_ctx *ctx, int argc,
    char **argv)
{
	cl_host = h;
	cl_self = ctx;
	if (argc < 2)
		return usage();
	if (strcmp(argv[1], "import") == 0)
		return cmd_import(argc, argv);
	if (strcmp(argv[1], "capacity") == 0 && argc == 2)
		return cmd_capacity();
	return usage();
}
