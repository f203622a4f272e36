/*
 * bookings.c - the bulky pickups, from booking to done.
 * A booking is written in the transaction that submits its request, after
 * capacity.c took its place; its status follows the request (withdrawn or
 * rejected: cancelled, completed: done) from on_transition.
 */
#include <stdio.h>
#include <string.h>

#include "bookings.h"

const struct cl_item_decl cl_items[ITEM__MAX] = {
	[ITEM_FURNITURE] = { "furniture", "Έπιπλα", "Furniture", 10 },
	[ITEM_MATTRESSES] = { "mattresses", "Στρώματα", "Mattresses", 6 },
	[ITEM_APPLIANCES] = { "appliances", "Ηλεκτρικές συσκευές",
	    "Appliances", 4 },
	[ITEM_BRANCHES] = { "branches", "Κλαδέματα (δέματα)",
	    "Branches (bundles)", 20 },
	[ITEM_OTHER] = { "other", "Άλλα ογκώδη", "Other bulky items", 10 },
};

static const char *const status_names[BOOKING__MAX] = {
	[BOOKING_BOOKED] = "booked",
	[BOOKING_CANCELLED] = "cancelled",
	[BOOKING_DONE] = "done",
};

const char *
booking_status_name(enum booking_status s)
{
	return s < BOOKING__MAX ? status_names[s] : "booked";
}

static enum booking_status
status_parse(const char *s)
{
	for (int i = 0; i < BOOKING__MAX; i++)
		if (strcmp(s, status_names[i]) == 0)
			return (enum booking_status)i;
	return BOOKING_BOOKED;
}

int
booking_pieces(const struct booking *b)
{
	int n = 0;

	for (int i = 0; i < ITEM__MAX; i++)
		n += b->count[i];
	return n;
}

const char *
booking_items_text(struct dm_req *req, const struct booking *b)
{
	return booking_items_in(req, b, strcmp(cl_host->req_lang(req), "en") ==
	    0);
}

const char *
booking_items_in(struct dm_req *req, const struct booking *b, int en)
{
	const char *out = "";

	for (int i = 0; i < ITEM__MAX; i++) {
		const char *label;

		if (b->count[i] <= 0)
			continue;
		label = en ? cl_items[i].label_en : cl_items[i].label_el;
		if (i == ITEM_OTHER && b->other_what && b->other_what[0])
			label = cl_host->aprintf(req, "%s (%s)", label,
			    b->other_what);
		out = cl_host->aprintf(req, "%s%s%d × %s", out, out[0] ? ", " :
		    "", b->count[i], label);
	}
	return out;
}

dm_status
booking_insert(struct dm_req *req, const struct booking *b)
{
	struct dm_value p[16] = {
		DM_VINT(b->request_id), DM_VTEXT(b->protocol),
		DM_VTEXT(b->day), DM_VTEXT(b->zone), DM_VTEXT(b->settlement),
		DM_VTEXT(b->address), DM_VTEXT(b->name), DM_VTEXT(b->phone),
		DM_VINT(b->count[ITEM_FURNITURE]),
		DM_VINT(b->count[ITEM_MATTRESSES]),
		DM_VINT(b->count[ITEM_APPLIANCES]),
		DM_VINT(b->count[ITEM_BRANCHES]),
		DM_VINT(b->count[ITEM_OTHER]),
		DM_VTEXT(b->other_what && b->other_what[0] ? b->other_what :
		    NULL),
		DM_VTEXT(b->notes && b->notes[0] ? b->notes : NULL),
		b->reminder ? DM_VINT(b->reminder) : DM_VNULL,
	};

	return cl_host->db_exec(req, "INSERT INTO cleaning_bookings "
	    "(request_id, protocol, day, zone, settlement, address, name, "
	    "phone, furniture, mattresses, appliances, branches, other, "
	    "other_what, notes, reminder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?)", p, 16, NULL, NULL);
}

/* The columns booking_row reads, in its order. */
#define BOOKING_COLUMNS	"b.request_id, b.protocol, b.day, b.zone, "	\
	"b.settlement, b.address, b.name, b.phone, b.furniture, "	\
	"b.mattresses, b.appliances, b.branches, b.other, b.other_what, "	\
	"b.notes, b.status, b.reminder, a.crew_id, c.name"
#define BOOKING_FROM	" FROM cleaning_bookings b LEFT JOIN "		\
	"cleaning_assignments a ON a.request_id = b.request_id LEFT JOIN "	\
	"cleaning_crews c ON c.id = a.crew_id "

struct load_ctx {
	struct dm_req	*req;
	struct booking	*b;
	booking_fn	 fn;
	void		*arg;
	int		 found;
};

static const char *
dup_or_null(struct dm_req *req, const struct dm_value *c)
{
	return c->type == DM_V_NULL ? NULL : cl_host->astrdup(req,
	    cl_str(c));
}

static dm_status
booking_row(void *arg, const struct dm_value *c, size_t n)
{
	struct load_ctx *x = arg;
	struct booking tmp, *b = x->b ? x->b : &tmp;

	if (n < 19)
		return DM_EINTERNAL;
	memset(b, 0, sizeof(*b));
	b->request_id = cl_int(&c[0]);
	cl_copy(b->protocol, sizeof(b->protocol), cl_str(&c[1]));
	cl_copy(b->day, sizeof(b->day), cl_str(&c[2]));
	cl_copy(b->zone, sizeof(b->zone), cl_str(&c[3]));
	cl_copy(b->settlement, sizeof(b->settlement), cl_str(&c[4]));
	b->address = cl_host->astrdup(x->req, cl_str(&c[5]));
	b->name = dup_or_null(x->req, &c[6]);
	b->phone = cl_host->astrdup(x->req, cl_str(&c[7]));
	for (int i = 0; i < ITEM__MAX; i++)
		b->count[i] = (int)cl_int(&c[8 + i]);
	b->other_what = dup_or_null(x->req, &c[13]);
	b->notes = dup_or_null(x->req, &c[14]);
	b->status = status_parse(cl_str(&c[15]));
	b->reminder = cl_int(&c[16]);
	b->crew_id = cl_int(&c[17]);
	b->crew = dup_or_null(x->req, &c[18]);
	x->found = 1;
	return x->fn ? x->fn(x->arg, b) : DM_OK;
}

dm_status
booking_load(struct dm_req *req, long long request_id, int for_update,
    struct booking *b)
{
	struct dm_value p = DM_VINT(request_id);
	struct load_ctx x = { req, b, NULL, NULL, 0 };
	dm_status st;

	/* Only the booking's own row is locked (a left join's optional
	 * rows cannot be locked by FOR UPDATE OF in MariaDB). */
	if (for_update && (st = cl_host->db_query(req, "SELECT request_id "
	    "FROM cleaning_bookings WHERE request_id = ? FOR UPDATE", &p, 1,
	    NULL, NULL)) != DM_OK)
		return st;
	if ((st = cl_host->db_query(req, "SELECT " BOOKING_COLUMNS
	    BOOKING_FROM "WHERE b.request_id = ?", &p, 1, booking_row, &x)) !=
	    DM_OK)
		return st;
	return x.found ? DM_OK : DM_ENOTFOUND;
}

dm_status
booking_set_status(struct dm_req *req, long long request_id,
    enum booking_status s)
{
	struct dm_value p[2] = { DM_VTEXT(booking_status_name(s)),
	    DM_VINT(request_id) };

	return cl_host->db_exec(req, "UPDATE cleaning_bookings SET status = ?, "
	    "closed_at = IF(status = 'booked', UTC_TIMESTAMP(6), closed_at) "
	    "WHERE request_id = ?", p, 2, NULL, NULL);
}

dm_status
booking_set_reminder(struct dm_req *req, long long request_id,
    long long outbox_id)
{
	struct dm_value p[2] = { outbox_id ? DM_VINT(outbox_id) : DM_VNULL,
	    DM_VINT(request_id) };

	return cl_host->db_exec(req, "UPDATE cleaning_bookings SET reminder = "
	    "? WHERE request_id = ?", p, 2, NULL, NULL);
}

dm_status
bookings_of_day(struct dm_req *req, const char *day, long long crew_id,
    booking_fn fn, void *arg)
{
	struct dm_value p[2] = { DM_VTEXT(day), DM_VINT(crew_id) };
	struct load_ctx x = { req, NULL, fn, arg, 0 };

	return cl_host->db_query(req, "SELECT " BOOKING_COLUMNS BOOKING_FROM
	    "WHERE b.day = ? AND b.status <> 'cancelled' AND (? = 0 OR "
	    "(a.crew_id IS NULL AND ? < 0) OR a.crew_id = ?) ORDER BY "
	    "b.settlement, b.address, b.request_id", (struct dm_value[]){ p[0],
	    p[1], p[1], p[1] }, 4, booking_row, &x);
}
