/*
 * permits.h - the rules of the two permits technical services issue.
 * Owns: what a road occupation or heavy vehicle application must say
 * (dates ahead, length, area, plate, weight), the road occupation fee as
 * quoted before submission, and the terms printed on each permit. Pure:
 * the plugin passes today's date and the configured rates.
 */
#ifndef TECHNICAL_PERMITS_H
#define TECHNICAL_PERMITS_H

#include <stddef.h>

#include "fee.h"
#include "plates.h"

/* What the space is occupied with; each has its own rate. */
enum occupation {
	OCC_SCAFFOLDING,
	OCC_SKIP,
	OCC_MATERIALS,
	OCC__MAX
};

struct permit_rules {
	long long	rate[OCC__MAX];	/* cents per m2 and day */
	long long	minimum;	/* cents: the least fee of a permit */
	int		max_days;	/* the longest permit, days */
	long long	heavy_min_kg;	/* lighter vehicles need no permit */
	long long	heavy_max_kg;
};

/* 0,50 / 1,00 / 0,30 EUR per m2 and day, 10 EUR at least, 180 days,
 * vehicles over 3,500 kg up to 60,000 kg. */
void	permit_rules_default(struct permit_rules *r);

/* "scaffolding" -> OCC_SCAFFOLDING; -1 for anything else. */
int	occupation_parse(const char *s);
const char *occupation_code(enum occupation o);
const char *occupation_label(enum occupation o, const char *lang);

/* One problem of an application: the field and the message. */
struct permit_problem {
	const char	*field;
	char		 el[200];
	char		 en[200];
};

#define PERMIT_PROBLEMS	4

struct occupation_quote {
	enum occupation	 purpose;
	long long	 area;		/* hundredths of m2 */
	int		 days;
	long long	 rate;		/* cents per m2 and day */
	long long	 fee;		/* cents */
};

/*
 * Checks a road occupation application (values as the core passed them:
 * valid for their types, NULL when empty) against the rules and today
 * ("YYYY-MM-DD"): the first day no earlier than `earliest` (the next
 * business day), the last not before the first, at most max_days long,
 * the area "12,5" m2. Fills q when everything is right. Returns the number
 * of problems written to out (at most PERMIT_PROBLEMS).
 */
size_t	permit_check_occupation(const struct permit_rules *r,
	    const char *purpose, const char *area, const char *start,
	    const char *end, const char *earliest,
	    struct occupation_quote *q, struct permit_problem *out);

/*
 * Checks a heavy vehicle application: a Greek plate of a vehicle or of
 * construction machinery (normalised into plate), the weight in kg within
 * the rules, the dates as above. Returns the number of problems.
 */
size_t	permit_check_heavy(const struct permit_rules *r, const char *plate,
	    const char *weight, const char *start, const char *end,
	    const char *earliest, char plate_out[PLATE_SIZE], int *days,
	    struct permit_problem *out);

/* "12,50 m² × 10 ημέρες × 0,50 €/m² = 62,50 €" in lang; out holds 160. */
#define PERMIT_QUOTE_SIZE	160
void	permit_quote_text(const struct occupation_quote *q, const char *lang,
	    char out[PERMIT_QUOTE_SIZE]);

/* "12,50" from hundredths. */
void	permit_area_text(long long area, char out[32]);

/* The terms printed on each permit, NULL-terminated. */
extern const char *const permit_terms_occupation[];
extern const char *const permit_terms_heavy[];

#endif
