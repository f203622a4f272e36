/*
 * water.h - what the water plugin's files share: the host, the
 * configuration, a supply and its readings as read from the database, and
 * the entry points of the pages, the clerk's panel and the commands.
 * water.c holds the descriptor and hooks, watdb.c the queries,
 * watpages.c the pages, watcmd.c the commands.
 */
#ifndef WATER_WATER_H
#define WATER_WATER_H

#include <stddef.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#include "irrigation.h"
#include "meter.h"
#include "watdata.h"
#include "dimos/kit/row.h"

extern const struct dm_host *wat_host;
extern struct dm_plugin_ctx *wat_self;

struct wat_config {
	struct reading_periods	 periods;
	struct irrigation_rules	 rules;
	struct reading_periods	 season;	/* one period: the season */
	long long		 connection_fee[2];	/* water, sewer */
	long long		 reconnection_fee;
	long long		 certificate_fee;
};

extern struct wat_config wat_conf;

/* A supply as the pages and hooks see it. */
struct wat_supply_row {
	const char		*supply;
	const char		*afm;
	const char		*holder;
	enum supply_type	 type;
	const char		*address;
	const char		*unit;
	const char		*meter;
	enum supply_use		 use;
	int			 active;
	const char		*since;
};

#define WAT_SUPPLIES_MAX	64	/* one holder's supplies on a page */
#define WAT_READINGS_MAX	200
#define WAT_BILLS_MAX		60

struct wat_supplies {
	struct wat_supply_row	 v[WAT_SUPPLIES_MAX];
	size_t			 n;
};

/* The holder's supplies (afm), or one supply by number (afm NULL). */
dm_status	wat_supplies_of(struct dm_req *req, const char *afm,
		    struct wat_supplies *out);
dm_status	wat_supply_get(struct dm_req *req, const char *no,
		    struct wat_supply_row *out);

/* A supply's readings in order (import and our own), for meter.c. */
struct wat_history {
	struct reading		 v[WAT_READINGS_MAX];
	const char		*source[WAT_READINGS_MAX];
	size_t			 n;
	size_t			 skipped;	/* older ones left out */
};

/* for_update: lock the supply's row first (a reading being added). */
dm_status	wat_history_load(struct dm_req *req, const char *supply,
		    int for_update, struct wat_history *out);

struct wat_bill_row {
	const char	*bill;
	const char	*supply;
	const char	*from;
	const char	*to;
	long long	 consumption;
	long long	 amount;
	long long	 paid;
	const char	*issued;
	const char	*due;
};

struct wat_bills {
	struct wat_bill_row	 v[WAT_BILLS_MAX];
	size_t			 n;
};

/* Newest first. */
dm_status	wat_bills_of(struct dm_req *req, const char *supply,
		    struct wat_bills *out);
/* One bill and the AFM of its supply's holder. */
dm_status	wat_bill_get(struct dm_req *req, const char *bill,
		    struct wat_bill_row *out, const char **afm);
/* What of a supply's bills is unpaid past its due date. */
long long	wat_bills_overdue(const struct wat_bills *b, const char *today);

/* A parcel of the farmer's, by ΚΑΕΚ or by name. */
struct wat_parcel_row {
	const char	*kaek;
	const char	*name;
	const char	*unit;
	long long	 area;		/* tenths of a stremma */
	const char	*supply;
};

dm_status	wat_parcel_find(struct dm_req *req, const char *afm,
		    const char *kaek, const char *name,
		    struct wat_parcel_row *out);
/* Hours already allotted to afm for season. */
dm_status	wat_season_hours(struct dm_req *req, const char *afm,
		    int season, long long *hours);

#define wat_one_int	kit_row_int
#define wat_money(req, cents)	kit_money_str(wat_host, (req), (cents))
#define wat_date(req, iso)	kit_date_str(wat_host, (req), (iso))
/* "12,5" or "12.5" stremmata to tenths; -1 when not that. */
long long	wat_area_parse(const char *s);
const char	*wat_area_format(struct dm_req *req, long long tenths);

/* ----------------------------------------------- pages and commands */

dm_status	wat_page_supplies(struct dm_req *req);
dm_status	wat_page_supply(struct dm_req *req);
dm_status	wat_page_staff_supply(struct dm_req *req);
dm_status	wat_page_staff_meter(struct dm_req *req);
dm_status	wat_page_staff_search(struct dm_req *req);
dm_status	wat_staff_panel(struct dm_req *req,
		    const struct dm_service *svc, const struct dm_request *r,
		    struct dm_node *panel);
int		wat_command(int argc, char **argv);

/* The reading period as the pages and the form show it. */
void		wat_period_node(struct dm_req *req, struct dm_node *parent);

/* A submitted value, NULL when the field was left empty (the host hands
 * an empty field as ""). */
static inline const char *
wat_form_value(struct dm_form *form, const char *field)
{
	const char *v = wat_host->form_value(form, field);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

#endif
