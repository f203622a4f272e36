/*
 * fincert.h - the finance department's certificates and decisions, as
 * content for the core's PDF engine (pure: strings from an allocator).
 * Owns the Greek texts of the certificate of no debt (βεβαίωση δημοτικής
 * ενημερότητας), the ΤΑΠ certificate for a property transfer and the
 * decision on an instalment plan.
 */
#ifndef FINANCE_FINCERT_H
#define FINANCE_FINCERT_H

#include <stddef.h>

#include "dimos/plugin.h"

#include "ledger.h"
#include "plan.h"
#include "dimos/kit/cert.h"

/* Whom a certificate is about: a person or a business, by AFM. */
struct fin_party {
	char		 kind;		/* 'p' person, 'b' business */
	const char	*afm;
	const char	*name;		/* "ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ" or the
					   business's name */
	const char	*father;	/* a person's father, or NULL */
};

/* An arrangement the debtor keeps (for the certificate's text). */
struct fin_arr_info {
	const char	*ref;
	const char	*decided;	/* YYYY-MM-DD */
	int		 instalments;
	long long	 total;		/* cents */
	size_t		 late;		/* instalments past their due date */
};

/*
 * The certificate of no debt, as of today (YYYY-MM-DD), valid until
 * valid_until. s is the debtor's standing (NODEBT_CLEAR, or
 * NODEBT_ARRANGED when a clerk issues it on an arrangement in good
 * standing, arr then describing it); purpose is the reader's label of
 * what it is for, or NULL. -1 for a standing it cannot be issued on
 * (NODEBT_OWES) or when the content does not fit.
 */
int	fincert_nodebt(const struct kit_alloc *a, const struct fin_party *p,
	    const char *today, const char *valid_until,
	    const struct standing *s, const struct fin_arr_info *arr,
	    const char *purpose, struct dm_certificate *out);

/* A property of the ΤΑΠ register. */
struct fin_prop_info {
	const char	*kaek;		/* normal form */
	const char	*power;		/* electricity supply, or NULL */
	const char	*address;
	const char	*unit;		/* or NULL */
	long long	 area;		/* hundredths of a m² */
};

/* The ΤΑΠ certificate for the transfer of prop, asked by p. */
int	fincert_tap(const struct kit_alloc *a, const struct fin_party *p,
	    const struct fin_prop_info *prop, const char *today,
	    struct dm_certificate *out);

/* One debt of an instalment plan, as the applicant saw it. */
struct fin_plan_debt {
	const char	*ref;
	const char	*description;
	const char	*due;
	long long	 amount;	/* cents */
};

/*
 * The decision approving an instalment plan asked with request protocol
 * (submitted on submitted, YYYY-MM-DD), decided today: the debts and the
 * schedule, the first instalment due at the end of the next month.
 */
int	fincert_plan(const struct kit_alloc *a, const struct fin_party *p,
	    const char *protocol, const char *submitted,
	    const struct fin_plan_debt *debts, size_t ndebts,
	    const struct plan *plan, const char *today,
	    struct dm_certificate *out);

#endif
