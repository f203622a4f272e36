/*
 * plan.c - instalment arithmetic (pure). Integer cents only; the sum of
 * the instalments is the total by construction, and the tests check it for
 * every count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "plan.h"

enum plan_status
plan_make(long long total, unsigned n, long long min_cents, struct plan *p)
{
	if (total <= 0)
		return PLAN_EEMPTY;
	if (n < PLAN_MIN_N || n > PLAN_MAX_N)
		return PLAN_ECOUNT;
	p->total = total;
	p->n = n;
	p->regular = total / n;
	p->first = p->regular + total % n;
	if (p->regular < min_cents)
		return PLAN_ESMALL;
	return PLAN_OK;
}

long long
plan_amount(const struct plan *p, unsigned i)
{
	if (i >= p->n)
		return 0;
	return i == 0 ? p->first : p->regular;
}

unsigned
plan_max_n(long long total, long long min_cents)
{
	long long n;

	if (total <= 0)
		return 0;
	n = min_cents > 0 ? total / min_cents : PLAN_MAX_N;
	if (n > PLAN_MAX_N)
		n = PLAN_MAX_N;
	return n >= PLAN_MIN_N ? (unsigned)n : 0;
}

int
plan_due(const char *decided, unsigned i, char out[11])
{
	int y, m, d;
	long months;

	if (strlen(decided) != 10 || decided[4] != '-' || decided[7] != '-')
		return -1;
	for (int k = 0; k < 10; k++)
		if (k != 4 && k != 7 && (decided[k] < '0' || decided[k] > '9'))
			return -1;
	y = atoi(decided);
	m = atoi(decided + 5);
	d = atoi(decided + 8);
	if (y < 1900 || y > 9000 || m < 1 || m > 12 || d < 1 ||
	    d > kit_date_month_days(y, m) || i >= PLAN_MAX_N)
		return -1;
	months = (long)y * 12 + (m - 1) + 1 + i;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)kit_date_month_days(y, m) % 100u);
	return 0;
}
