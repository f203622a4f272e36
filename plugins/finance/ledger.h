/*
 * ledger.h - where a debtor stands with the municipality (pure).
 * Owns: what is still owed on each debt, what is overdue, when an
 * arrangement (ρύθμιση) is in good standing, and the answers the
 * certificates need: may the certificate of no debt (δημοτική
 * ενημερότητα) be issued, and does a property owe ΤΑΠ.
 */
#ifndef FINANCE_LEDGER_H
#define FINANCE_LEDGER_H

#include <stddef.h>

enum debt_kind {
	DEBT_FEE,		/* τέλη (cleaning, lighting, permits ...) */
	DEBT_FINE,		/* πρόστιμα */
	DEBT_TAP,		/* Τέλος Ακίνητης Περιουσίας */
	DEBT_WATER,		/* λογαριασμοί ύδρευσης */
	DEBT_INSTALMENT,	/* a δόση of an arrangement */
	DEBT_OTHER,
	DEBT__MAX
};

enum arr_status {
	ARR_ACTIVE,		/* the revenue system keeps it running */
	ARR_LAPSED,		/* lost (απώλεια ρύθμισης) */
	ARR_COMPLETED,
	ARR__MAX
};

/* The names used in files and in the database. */
extern const char *const debt_kind_names[DEBT__MAX + 1];	/* NULL-ended */
extern const char *const arr_status_names[ARR__MAX + 1];
int	debt_kind_parse(const char *s);		/* -1 if unknown */
int	arr_status_parse(const char *s);

struct debt {
	const char	*ref;
	enum debt_kind	 kind;
	long long	 amount;	/* cents */
	long long	 paid;		/* cents the revenue system knows of */
	long long	 bank_paid;	/* cents paid since its last export */
	const char	*due;		/* YYYY-MM-DD */
	const char	*arrangement;	/* its arrangement's ref, or NULL */
};

struct arrangement {
	const char	*ref;
	enum arr_status	 status;
};

long long	debt_outstanding(const struct debt *d);
int		debt_overdue(const struct debt *d, const char *today);

/*
 * Everything about one debtor: sums in cents, and the verdict for the
 * certificate of no debt.
 */
enum nodebt {
	NODEBT_CLEAR,		/* nothing overdue: issued at once */
	NODEBT_ARRANGED,	/* only overdue instalments of arrangements
				   in good standing: counts as no debt, a
				   clerk issues */
	NODEBT_OWES,		/* overdue debts: no certificate */
};

struct standing {
	long long	 owed;		/* every outstanding amount */
	long long	 overdue;	/* outstanding and past its due date */
	long long	 overdue_arranged; /* of which in good arrangements */
	size_t		 n_open;	/* debts with something outstanding */
	size_t		 n_overdue;
	enum nodebt	 verdict;
	const char	*next_due;	/* earliest due date still ahead (a
					   pointer into the debts), or NULL */
	int		 in_arrangement; /* owes instalments of an active
					   arrangement */
};

/*
 * The arrangement a debt belongs to is in good standing when it is
 * active; the revenue system applies the law's rules on lapsing and
 * exports the result.
 */
int	arrangement_good(const struct arrangement *arr, size_t narr,
	    const char *ref);
void	standing_of(const struct debt *debts, size_t n,
	    const struct arrangement *arr, size_t narr, const char *today,
	    struct standing *s);

/*
 * ΤΑΠ for a property: does any ΤΑΠ debt on it (matched by the caller, by
 * ΚΑΕΚ or electricity supply) still owe money past its due date?
 */
int	tap_owed(const struct debt *tap_debts, size_t n, const char *today,
	    long long *overdue);

#endif
