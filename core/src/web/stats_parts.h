/*
 * stats_parts.h - what the dashboard (staff_reports.c) and the public
 * statistics page (public_stats.c) share.
 */
#ifndef DIMOS_STATS_PARTS_H
#define DIMOS_STATS_PARTS_H

struct arena_vec;
struct dm_node;
struct dm_req;
struct stats_counts;

/* A department's or a service's name in the page's language, or its
 * code. */
const char	*sp_dept_name(struct dm_req *req, const char *code);
const char	*sp_service_name(struct dm_req *req, const char *code);
/* Percent, rounded, of part in whole (0 for none). */
long long	 sp_pct(long long part, long long whole);
/* Every figure of c as attributes of n. */
void		 sp_counts_attrs(struct dm_node *n,
		    const struct stats_counts *c);
/* A completion time's bucket as text: "2–3 ώρες", "≥ 365 ημέρες"; "". */
const char	*sp_duration(struct dm_req *req, long long lo, long long hi);
/* The average rating and how many gave one: "4,3 / 5 (12)"; "". */
const char	*sp_rating(struct dm_req *req, const struct stats_counts *c);
/* A CSV cell (quoted; a leading = + - @ made text) or number, then a
 * comma, or a line's end if last. */
void		 sp_csv_cell(struct arena_vec *b, struct dm_req *req,
		    const char *s, int last);
void		 sp_csv_num(struct arena_vec *b, struct dm_req *req,
		    long long v, int last);

/* The default range: the first day of the month eleven months ago to
 * today (a year of whole months and this one so far). */
void		 sp_default_range(char from[11], char to[11]);

#endif
