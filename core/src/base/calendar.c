/*
 * calendar.c - Greek public holidays and business-day arithmetic.
 * Owns: the holiday tables and the day iterator behind calendar.h.
 */
#include <stdlib.h>

#include "calendar.h"

#define CAL_YEAR_MIN	1
#define CAL_YEAR_MAX	9999

/* Holidays on the same date every year. */
static const struct {
	int	m, d;
} cal_fixed[] = {
	{ 1, 1 },	/* Πρωτοχρονιά */
	{ 1, 6 },	/* Θεοφάνεια */
	{ 3, 25 },	/* Ευαγγελισμός, national day */
	{ 5, 1 },	/* Πρωτομαγιά; see cal_moves */
	{ 8, 15 },	/* Κοίμηση της Θεοτόκου */
	{ 10, 28 },	/* Επέτειος του Όχι */
	{ 12, 25 },	/* Χριστούγεννα */
	{ 12, 26 },	/* Σύναξη της Θεοτόκου */
};

/* Holidays as days after Orthodox Easter Sunday. */
static const int cal_movable[] = {
	-48,	/* Καθαρά Δευτέρα */
	-2,	/* Μεγάλη Παρασκευή */
	1,	/* Δευτέρα του Πάσχα */
	50,	/* Αγίου Πνεύματος */
};

/*
 * Labour Day moved by ministerial decision because 1 May fell in Holy Week
 * or on Easter. A row is added when a decision is published; the date it
 * leaves becomes a working day (unless it is a holiday for another reason).
 */
static const struct {
	int	from, to;	/* YYYYMMDD */
} cal_moves[] = {
	{ 20130501, 20130507 },
	{ 20160501, 20160503 },
	{ 20210501, 20210504 },
	{ 20240501, 20240507 },
};

#define CAL_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static int
cal_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
cal_mdays(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && cal_leap(y) ? 29 : days[m - 1];
}

static int
cal_valid(int y, int m, int d)
{
	return y >= CAL_YEAR_MIN && y <= CAL_YEAR_MAX && m >= 1 && m <= 12 &&
	    d >= 1 && d <= cal_mdays(y, m);
}

/* Day of the year, 1-based; the date must be valid. */
static int
cal_doy(int y, int m, int d)
{
	int	i;

	for (i = 1; i < m; i++)
		d += cal_mdays(y, i);
	return d;
}

long
cal_serial(int y, int m, int d)
{
	long	py = y - 1;

	return py * 365 + py / 4 - py / 100 + py / 400 + cal_doy(y, m, d);
}

/* 0 = Monday .. 6 = Sunday. */
static int
cal_weekday(long serial)
{
	return (int)((serial - 1) % 7);
}

static int
cal_ymd(int y, int m, int d)
{
	return y * 10000 + m * 100 + d;
}

/* Day of the year of Orthodox Easter; year within the supported range. */
static int
cal_easter_doy(int y)
{
	int	a = y % 4, b = y % 7, c = y % 19;
	int	d = (19 * c + 15) % 30;
	int	e = (2 * a + 4 * b - d + 34) % 7;
	/* Julian Easter as days after 21 March, then to Gregorian. */
	int	after = d + e + 1 + (y / 100 - y / 400 - 2);

	return cal_doy(y, 3, 21) + after;
}

void
cal_orthodox_easter(int year, int *month, int *day)
{
	int	doy, m = 1;

	if (year < CAL_YEAR_MIN || year > CAL_YEAR_MAX) {
		*month = 0;
		*day = 0;
		return;
	}
	doy = cal_easter_doy(year);
	while (doy > cal_mdays(year, m))
		doy -= cal_mdays(year, m++);
	*month = m;
	*day = doy;
}

/* A valid date and its position, with Easter of its year cached. */
struct cal_it {
	int	y, m, d;
	long	serial;
	int	doy;
	int	easter;		/* day of the year */
};

static void
cal_it_init(struct cal_it *it, int y, int m, int d)
{
	it->y = y;
	it->m = m;
	it->d = d;
	it->serial = cal_serial(y, m, d);
	it->doy = cal_doy(y, m, d);
	it->easter = cal_easter_doy(y);
}

/* Advances one day; 0 (and no change) at the end of the range. */
static int
cal_it_next(struct cal_it *it)
{
	if (it->d < cal_mdays(it->y, it->m)) {
		it->d++;
	} else if (it->m < 12) {
		it->m++;
		it->d = 1;
	} else if (it->y < CAL_YEAR_MAX) {
		it->y++;
		it->m = 1;
		it->d = 1;
		it->doy = 0;
		it->easter = cal_easter_doy(it->y);
	} else {
		return 0;
	}
	it->serial++;
	it->doy++;
	return 1;
}

static int
cal_it_holiday(const struct cal_it *it)
{
	int	off = it->doy - it->easter, ymd = cal_ymd(it->y, it->m, it->d);
	size_t	i;

	for (i = 0; i < CAL_NELEM(cal_movable); i++)
		if (off == cal_movable[i])
			return 1;
	for (i = 0; i < CAL_NELEM(cal_moves); i++) {
		if (ymd == cal_moves[i].to)
			return 1;
		if (ymd == cal_moves[i].from)
			return 0;
	}
	for (i = 0; i < CAL_NELEM(cal_fixed); i++)
		if (it->m == cal_fixed[i].m && it->d == cal_fixed[i].d)
			return 1;
	return 0;
}

static int
cal_cmp_int(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cal_it_business(const struct cal *c, const struct cal_it *it)
{
	int	key;

	if (cal_weekday(it->serial) >= 5 || cal_it_holiday(it))
		return 0;
	if (c == NULL || c->nextra == 0)
		return 1;
	key = cal_ymd(it->y, it->m, it->d);
	return bsearch(&key, c->extra, c->nextra, sizeof(int),
	    cal_cmp_int) == NULL;
}

int
cal_is_holiday(int y, int m, int d)
{
	struct cal_it	it;

	if (!cal_valid(y, m, d))
		return 0;
	cal_it_init(&it, y, m, d);
	return cal_it_holiday(&it);
}

int
cal_is_business_day(const struct cal *c, int y, int m, int d)
{
	struct cal_it	it;

	if (!cal_valid(y, m, d))
		return 0;
	cal_it_init(&it, y, m, d);
	return cal_it_business(c, &it);
}

void
cal_add_business_days(const struct cal *c, int y, int m, int d, unsigned n,
    int *oy, int *om, int *od)
{
	struct cal_it	it;

	*oy = y;
	*om = m;
	*od = d;
	if (!cal_valid(y, m, d))
		return;
	cal_it_init(&it, y, m, d);
	/* Day 0: the submission day or the first business day after it. */
	while (!cal_it_business(c, &it) && cal_it_next(&it))
		;
	while (n > 0 && cal_it_next(&it))
		if (cal_it_business(c, &it))
			n--;
	*oy = it.y;
	*om = it.m;
	*od = it.d;
}

long
cal_business_days_between(const struct cal *c, int y1, int m1, int d1,
    int y2, int m2, int d2)
{
	struct cal_it	it;
	long		end, n = 0;

	if (!cal_valid(y1, m1, d1) || !cal_valid(y2, m2, d2))
		return 0;
	end = cal_serial(y2, m2, d2);
	/* end > it.serial means it is not the last day, so next succeeds. */
	for (cal_it_init(&it, y1, m1, d1); it.serial < end; cal_it_next(&it))
		n += cal_it_business(c, &it);
	return n;
}
