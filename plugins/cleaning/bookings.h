/*
 * bookings.h - the bulky items and branches pickups.
 * Owns: table cleaning_bookings and the items a pickup may hold: a place
 * taken for a submitted request (through capacity.c's lock), given back
 * when the request is withdrawn or rejected, done when the crew has been,
 * and a day's pickups for the crew's sheet.
 */
#ifndef CLEANING_BOOKINGS_H
#define CLEANING_BOOKINGS_H

#include <stddef.h>

#include "cleaning.h"

/* What a pickup may hold: a form field each (a count) and a column. */
enum cl_item {
	ITEM_FURNITURE,
	ITEM_MATTRESSES,
	ITEM_APPLIANCES,
	ITEM_BRANCHES,
	ITEM_OTHER,
	ITEM__MAX
};

struct cl_item_decl {
	const char	*field;		/* form field and table column */
	const char	*label_el;	/* on the day sheet */
	const char	*label_en;
	int		 max;		/* per pickup */
};

extern const struct cl_item_decl cl_items[ITEM__MAX];

enum booking_status {
	BOOKING_BOOKED,
	BOOKING_CANCELLED,
	BOOKING_DONE,
	BOOKING__MAX
};

struct booking {
	long long		 request_id;
	char			 protocol[21];
	char			 day[DM_DATE_SIZE];
	char			 zone[CL_CODE_SIZE];
	char			 settlement[CL_CODE_SIZE];
	const char		*address;
	const char		*name;		/* the applicant; may be NULL */
	const char		*phone;
	int			 count[ITEM__MAX];
	const char		*other_what;	/* may be NULL */
	const char		*notes;		/* may be NULL */
	enum booking_status	 status;
	long long		 reminder;	/* outbox id; 0: none */
	long long		 crew_id;	/* 0: no crew */
	const char		*crew;		/* its name, or NULL */
};

const char	*booking_status_name(enum booking_status s);
/* Pieces in all. */
int		 booking_pieces(const struct booking *b);
/* "2 × Έπιπλα, 1 × Στρώματα" in the request's language, or in Greek
 * (en 0) or English (en 1). */
const char	*booking_items_text(struct dm_req *req,
		    const struct booking *b);
const char	*booking_items_in(struct dm_req *req,
		    const struct booking *b, int en);

/* Records b (its place already taken); in the submitting transaction. */
dm_status	booking_insert(struct dm_req *req, const struct booking *b);
/* The booking of a request, locked with for_update; DM_ENOTFOUND if the
 * request has none. Strings are the request's. */
dm_status	booking_load(struct dm_req *req, long long request_id,
		    int for_update, struct booking *b);
dm_status	booking_set_status(struct dm_req *req, long long request_id,
		    enum booking_status s);
dm_status	booking_set_reminder(struct dm_req *req, long long request_id,
		    long long outbox_id);

/*
 * A day's pickups that are not cancelled, with their crews: crew_id > 0
 * that crew's, 0 every crew's, -1 those without a crew. fn is called per
 * pickup in the order of the database (the caller orders by settlement).
 */
typedef dm_status (*booking_fn)(void *arg, const struct booking *b);

dm_status	bookings_of_day(struct dm_req *req, const char *day,
		    long long crew_id, booking_fn fn, void *arg);

#endif
