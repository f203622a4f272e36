/*
 * cleaning.h - what the cleaning department's files share.
 * Owns: the host table and context the plugin got at init, its settings
 * ([plugin.cleaning]), and small helpers for reading result rows. Every
 * symbol is hidden (the plugin exports only dimos_plugin_v2).
 */
#ifndef CLEANING_H
#define CLEANING_H

#include <stddef.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

#define CL_PLUGIN	"cleaning"
#define CL_BULKY	"cleaning-bulky"	/* the pickup booked on a day */
#define CL_WINDOW_MAX	64			/* days a booking window
						   spans (book_ahead <= 60) */
#define CL_CODE_SIZE	33			/* a zone's or settlement's
						   code and its NUL */

extern const struct dm_host	*cl_host;
extern const struct dm_service	 cl_services[];
extern struct dm_plugin_ctx	*cl_self;

/* [plugin.cleaning], checked at init. */
struct cl_settings {
	unsigned	book_ahead;	/* business days one may book ahead */
	unsigned	max_items;	/* pieces one pickup may have */
	char		remind_at[6];	/* "HH:MM" the day before */
};

extern struct cl_settings cl_cfg;

/* Row callbacks: the first column as an integer / as text. */
dm_status	cl_row_int(void *arg, const struct dm_value *c, size_t n);

struct cl_text {
	char	*buf;
	size_t	 size;
	int	 found;
};

dm_status	cl_row_text(void *arg, const struct dm_value *c, size_t n);
/* A column as an integer (0 when NULL), as text ("" when NULL). */
long long	cl_int(const struct dm_value *c);
const char	*cl_str(const struct dm_value *c);
/* Copies at most size - 1 bytes, cut on a character boundary. */
void		cl_copy(char *dst, size_t size, const char *src);

/* "14/05/2026" and "Τρίτη 14/05/2026" of an ISO date, in the request's language. */
const char	*cl_day_short(struct dm_req *req, const char *iso);
const char	*cl_day_name(struct dm_req *req, const char *iso);
/* The same in Greek (en 0) or English (en 1), for messages that carry
 * both languages. */
const char	*cl_day_in(struct dm_req *req, const char *iso, int en);

#endif
