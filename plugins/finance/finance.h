/*
 * finance.h - what the finance plugin's files share: the host, the
 * configuration, a debtor's ledger as read from the database, and the
 * entry points of the pages, the clerk's panel and the commands.
 * finance.c holds the descriptor and hooks, findb.c the queries,
 * finpages.c the pages, fincmd.c the commands.
 */
#ifndef FINANCE_FINANCE_H
#define FINANCE_FINANCE_H

#include <stddef.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#include "fincert.h"
#include "finconf.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/row.h"
#include "ledger.h"
#include "plan.h"

extern const struct dm_host *fin_host;
extern struct dm_plugin_ctx *fin_self;
extern struct fin_config fin_conf;

/* ------------------------------------------------- a debtor's ledger */

#define FIN_LEDGER_MAX	500	/* receivables one page or hook reads */
#define FIN_ARR_MAX	16

struct fin_debt_row {
	struct debt	 d;		/* what ledger.c decides on */
	const char	*ref;
	const char	*description;
	const char	*rf;
	const char	*kaek;		/* ΤΑΠ only */
	const char	*issued;	/* or NULL */
};

struct fin_arr_row {
	struct arrangement a;
	const char	*decided;
	int		 instalments;
	long long	 total;
};

struct fin_ledger {
	struct dm_req		*req;
	char			 today[DM_DATE_SIZE];
	const char		*as_of;		/* the latest import's, or
						   NULL before any */
	struct fin_debt_row	 v[FIN_LEDGER_MAX];
	size_t			 n;
	int			 truncated;	/* more than FIN_LEDGER_MAX */
	struct fin_arr_row	 arr[FIN_ARR_MAX];
	size_t			 narr;
	struct standing		 s;
};

/* Reads the debtor's receivables and arrangements and decides their
 * standing as of today (host->today). */
dm_status	fin_ledger_load(struct dm_req *req, const char *afm,
		    struct fin_ledger *l);
/* The active arrangement the overdue instalments belong to (or the first
 * active one): 0 and *out, or -1 when there is none. */
int		fin_arrangement_info(const struct fin_ledger *l,
		    struct fin_arr_info *out);

/* A choice value for a receivable's ref ([0-9A-Z] to [0-9a-z]). */
const char	*fin_choice_value(struct dm_req *req, const char *ref);
/* Can a debt go into a new instalment plan? Unpaid and not an instalment
 * of an arrangement already. */
int		fin_pickable(const struct debt *d);

/* The debts a plan request names (the MULTICHOICE value: choice values
 * separated by commas), each pickable and the debtor's own. */
#define FIN_PICK_MAX	100

struct fin_pick {
	const struct fin_debt_row *v[FIN_PICK_MAX];
	size_t			 n;
	long long		 total;		/* outstanding, cents */
};

int		fin_pick(const struct fin_ledger *l, const char *value,
		    struct fin_pick *out);

/* A property of the ΤΑΠ register, by ΚΑΕΚ (as typed; normalised here). */
struct fin_property_row {
	struct fin_prop_info	 info;
	int			 power_matches;	/* the form's supply is the
						   register's (or either is
						   unknown) */
};

dm_status	fin_property_load(struct dm_req *req, const char *kaek,
		    const char *power, struct fin_property_row *out);
/* What is overdue of the ΤΑΠ on a property (by ΚΑΕΚ). */
dm_status	fin_tap_overdue(struct dm_req *req, const char *kaek,
		    long long *overdue);

/* An instalment plan as submitted (fin_plans, fin_plan_debts). */
struct fin_plan_snapshot {
	struct plan		 plan;
	struct fin_plan_debt	 debts[FIN_PICK_MAX];
	size_t			 n;
};

dm_status	fin_plan_load(struct dm_req *req, long long request_id,
		    struct fin_plan_snapshot *out);

/* The debtor's name as the revenue system has it, or NULL. */
const char	*fin_debtor_name(struct dm_req *req, const char *afm);

/* Row callbacks for one value: fin_one_text's arg is a struct
 * fin_text_out. */
struct fin_text_out {
	struct dm_req	*req;
	const char	**out;
};

dm_status	fin_one_text(void *arg, const struct dm_value *c, size_t n);
#define fin_one_int	kit_row_int

/* Text helpers (from the request's arena). */
#define fin_money(req, cents)	kit_money_str(fin_host, (req), (cents))
#define fin_date(req, iso)	kit_date_str(fin_host, (req), (iso))

/* ----------------------------------------------- pages and commands */

dm_status	fin_page_debts(struct dm_req *req);
dm_status	fin_page_payments(struct dm_req *req);
dm_status	fin_page_debtor(struct dm_req *req);
dm_status	fin_staff_panel(struct dm_req *req,
		    const struct dm_service *svc, const struct dm_request *r,
		    struct dm_node *panel);
/* fees.c: the fees of other departments' requests (ABI 2.2). */
struct fin_fee {
	long long	 id;
	struct dm_fee	 fee;
	char		 plugin[33];	/* fin_fee_by_id only */
	long long	 request_id;	/* fin_fee_by_id only */
};

dm_status	fin_fee(struct dm_req *req, const struct dm_fee_ask *ask,
		    struct dm_fee *out);
dm_status	fin_fee_load(struct dm_req *req, const char *plugin,
		    long long request_id, int lock, struct fin_fee *out);
dm_status	fin_fee_by_id(struct dm_req *req, long long id,
		    struct fin_fee *out);
/* Tells each paid fee's department (host->fee_paid), outside any
 * transaction; 0, or -1 when the database failed. */
int		fin_fees_tell(size_t *told, size_t *failed);
int		fin_command(int argc, char **argv);

/* A submitted value, NULL when the field was left empty (the host hands
 * an empty field as ""). */
static inline const char *
fin_form_value(struct dm_form *form, const char *field)
{
	const char *v = fin_host->form_value(form, field);

	return v != NULL && v[0] != '\0' ? v : NULL;
}

#endif
