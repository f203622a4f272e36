/*
 * meter.h - water meter readings (pure: no host, no DB).
 * Owns: the rule that a meter only counts up (a new meter, noted by a
 * clerk, starts its own count), consumption between readings, and the
 * reading periods of the year when citizens may send a reading.
 */
#ifndef WATER_METER_H
#define WATER_METER_H

#include <stddef.h>

#define METER_VALUE_MAX	99999999LL	/* cubic metres on the dial */

enum reading_kind {
	READING_REGULAR,
	READING_INITIAL,	/* the first reading of a newly fitted meter */
	READING_FINAL,		/* the last reading of a meter taken off */
	READING__MAX
};

extern const char *const reading_kind_names[READING__MAX + 1];

/* One reading, in a list ordered by date and then by the order taken. */
struct reading {
	const char		*date;		/* YYYY-MM-DD */
	long long		 value;		/* m³ on the dial */
	const char		*meter;		/* the meter's serial */
	enum reading_kind	 kind;
};

enum reading_verdict {
	READING_OK,
	READING_LOWER,		/* below the last reading of this meter */
	READING_EARLIER,	/* dated before the last reading */
	READING_OTHER_METER,	/* a meter the supply no longer has */
	READING_TOO_LARGE,	/* beyond the dial */
};

/*
 * May (date, value) on meter follow the readings hist[0..n)? The last
 * reading decides: same meter and not lower, not earlier; after a FINAL
 * reading only an INITIAL one of another meter may follow (a clerk's
 * note of a meter change). *last is the reading compared with (NULL
 * when there is none).
 */
enum reading_verdict reading_check(const struct reading *hist, size_t n,
		    const char *date, long long value, const char *meter,
		    const struct reading **last);

/*
 * Consumption between consecutive readings of the same meter; across a
 * meter change (FINAL then INITIAL) what the old meter counted since its
 * previous reading counts, the swap itself does not. Writes up to max
 * periods, the latest last, and returns how many there are in all.
 */
struct period {
	const char	*from;		/* date of the reading it starts at */
	const char	*to;
	long long	 m3;
	long		 days;
};

size_t	consumption(const struct reading *hist, size_t n, struct period *out,
	    size_t max);
/* Days from a to b (YYYY-MM-DD), negative when b is earlier. */
long	days_between(const char *a, const char *b);

/*
 * The value axis of a consumption chart: a round maximum at or above the
 * largest value (1, 2 or 5 times a power of ten, per gridline step) with
 * three to five gridlines above zero. A chart of zeros gets 0..step.
 */
void	chart_axis(long long largest, long long *axis_max, long long *step);

/*
 * Reading periods, as the configuration writes them: "01-10..01-31,
 * 05-10..05-31, 09-10..09-30" (month-day, both ends included; a period
 * may run over the new year: "12-20..01-10").
 */
#define PERIODS_MAX	12

struct reading_periods {
	size_t	 n;
	int	 from[PERIODS_MAX];	/* month * 100 + day */
	int	 to[PERIODS_MAX];
};

int	periods_parse(const char *spec, struct reading_periods *p, char *err,
	    size_t errsz);
/* Is today (YYYY-MM-DD) inside a period? */
int	periods_open(const struct reading_periods *p, const char *today);
/*
 * The period open today, or else the next one to open: its first and
 * last day as dates (YYYY-MM-DD), for "from 10/05 to 31/05". -1 when
 * there are no periods.
 */
int	periods_next(const struct reading_periods *p, const char *today,
	    char from[11], char to[11]);

#endif
