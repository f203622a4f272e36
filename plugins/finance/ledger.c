/*
 * ledger.c - a debtor's standing (pure). Dates are ISO strings, so
 * comparing them as strings compares the days.
 */
#include <string.h>

#include "ledger.h"

const char *const debt_kind_names[DEBT__MAX + 1] = {
	[DEBT_FEE] = "fee", [DEBT_FINE] = "fine", [DEBT_TAP] = "tap",
	[DEBT_WATER] = "water", [DEBT_INSTALMENT] = "instalment",
	[DEBT_OTHER] = "other", [DEBT__MAX] = NULL,
};

const char *const arr_status_names[ARR__MAX + 1] = {
	[ARR_ACTIVE] = "active", [ARR_LAPSED] = "lapsed",
	[ARR_COMPLETED] = "completed", [ARR__MAX] = NULL,
};

static int
name_index(const char *const *names, const char *s)
{
	for (int i = 0; s != NULL && names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

int
debt_kind_parse(const char *s)
{
	return name_index(debt_kind_names, s);
}

int
arr_status_parse(const char *s)
{
	return name_index(arr_status_names, s);
}

long long
debt_outstanding(const struct debt *d)
{
	long long left = d->amount - d->paid - d->bank_paid;

	return left > 0 ? left : 0;
}

int
debt_overdue(const struct debt *d, const char *today)
{
	return debt_outstanding(d) > 0 && strcmp(d->due, today) < 0;
}

int
arrangement_good(const struct arrangement *arr, size_t narr, const char *ref)
{
	if (ref == NULL)
		return 0;
	for (size_t i = 0; i < narr; i++)
		if (strcmp(arr[i].ref, ref) == 0)
			return arr[i].status == ARR_ACTIVE;
	return 0;
}

void
standing_of(const struct debt *debts, size_t n, const struct arrangement *arr,
    size_t narr, const char *today, struct standing *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		const struct debt *d = &debts[i];
		long long left = debt_outstanding(d);
		int good = arrangement_good(arr, narr, d->arrangement);

		if (left == 0)
			continue;
		s->owed += left;
		s->n_open++;
		if (good)
			s->in_arrangement = 1;
		if (!debt_overdue(d, today)) {
			if (s->next_due == NULL || strcmp(d->due,
			    s->next_due) < 0)
				s->next_due = d->due;
			continue;
		}
		s->overdue += left;
		s->n_overdue++;
		if (good)
			s->overdue_arranged += left;
	}
	if (s->overdue == 0)
		s->verdict = NODEBT_CLEAR;
	else if (s->overdue == s->overdue_arranged)
		s->verdict = NODEBT_ARRANGED;
	else
		s->verdict = NODEBT_OWES;
}

int
tap_owed(const struct debt *tap_debts, size_t n, const char *today,
    long long *overdue)
{
	*overdue = 0;
	for (size_t i = 0; i < n; i++)
		if (debt_overdue(&tap_debts[i], today))
			*overdue += debt_outstanding(&tap_debts[i]);
	return *overdue > 0;
}
