/*
 * plan.h - instalment plans (pure).
 * Owns: splitting a sum of debts into 2..48 monthly instalments in whole
 * cents that add up to exactly the sum, the smallest instalment the
 * municipality accepts, and the due date of each instalment.
 */
#ifndef FINANCE_PLAN_H
#define FINANCE_PLAN_H

#define PLAN_MIN_N	2
#define PLAN_MAX_N	48

/*
 * n instalments of regular cents, except the first, which also carries
 * the cents left over by the division (first = regular + total % n).
 */
struct plan {
	long long	 total;
	unsigned	 n;
	long long	 first;
	long long	 regular;
};

enum plan_status {
	PLAN_OK,
	PLAN_ECOUNT,		/* n outside 2..48 */
	PLAN_ESMALL,		/* an instalment would be below min_cents */
	PLAN_EEMPTY,		/* nothing to split */
};

enum plan_status plan_make(long long total, unsigned n, long long min_cents,
		    struct plan *p);
/* The i-th instalment (0-based), in cents. */
long long	plan_amount(const struct plan *p, unsigned i);
/* The most instalments total allows with min_cents each (0: not even 2). */
unsigned	plan_max_n(long long total, long long min_cents);
/*
 * The due date of instalment i (0-based) of a plan decided on decided
 * (YYYY-MM-DD): the last day of the month after the decision's, then of
 * each following month. out gets YYYY-MM-DD; -1 for a bad date.
 */
int		plan_due(const char *decided, unsigned i, char out[11]);

#endif
