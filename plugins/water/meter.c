/*
 * meter.c - readings, consumption and reading periods (pure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/kit/date.h"
#include "meter.h"

const char *const reading_kind_names[READING__MAX + 1] = {
	[READING_REGULAR] = "regular", [READING_INITIAL] = "initial",
	[READING_FINAL] = "final", [READING__MAX] = NULL,
};

enum reading_verdict
reading_check(const struct reading *hist, size_t n, const char *date,
    long long value, const char *meter, const struct reading **last)
{
	const struct reading *l;

	*last = NULL;
	if (value < 0 || value > METER_VALUE_MAX)
		return READING_TOO_LARGE;
	if (n == 0)
		return READING_OK;
	*last = l = &hist[n - 1];
	if (l->kind == READING_FINAL || strcmp(l->meter, meter) != 0)
		return READING_OTHER_METER;
	if (strcmp(date, l->date) < 0)
		return READING_EARLIER;
	if (value < l->value)
		return READING_LOWER;
	return READING_OK;
}

long
days_between(const char *a, const char *b)
{
	return kit_date_days(b) - kit_date_days(a);
}

/* Walks the readings once; calls emit for every period. */
static size_t
walk(const struct reading *hist, size_t n, struct period *out, size_t skip,
    size_t max)
{
	size_t count = 0;
	const char *start;
	long long acc = 0;

	if (n == 0)
		return 0;
	start = hist[0].date;
	for (size_t i = 1; i < n; i++) {
		const struct reading *p = &hist[i - 1], *r = &hist[i];
		long long delta;

		if (r->kind == READING_INITIAL)
			continue;	/* the swap itself counts nothing */
		delta = strcmp(p->meter, r->meter) == 0 ? r->value - p->value :
		    0;
		acc += delta > 0 ? delta : 0;
		if (r->kind == READING_FINAL)
			continue;	/* the period runs on to the next */
		if (count >= skip && count - skip < max) {
			struct period *o = &out[count - skip];

			o->from = start;
			o->to = r->date;
			o->m3 = acc;
			o->days = days_between(start, r->date);
		}
		count++;
		start = r->date;
		acc = 0;
	}
	return count;
}

size_t
consumption(const struct reading *hist, size_t n, struct period *out,
    size_t max)
{
	size_t total = walk(hist, n, NULL, 0, 0);

	walk(hist, n, out, total > max ? total - max : 0, max);
	return total;
}

void
chart_axis(long long largest, long long *axis_max, long long *step)
{
	static const int nice[] = { 1, 2, 5 };
	long long pow10 = 1;

	if (largest < 1)
		largest = 1;
	/* the smallest nice step that covers largest in at most 5 steps */
	for (;;) {
		for (size_t i = 0; i < 3; i++) {
			long long s = nice[i] * pow10;

			if (s * 5 >= largest) {
				*step = s;
				*axis_max = (largest + s - 1) / s * s;
				if (*axis_max / s < 3)
					*axis_max = 3 * s;
				return;
			}
		}
		pow10 *= 10;
	}
}

/* ------------------------------------------------------------ periods */

static int
md_parse(const char *s, size_t len, int *md)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int m, d;

	if (len != 5 || s[2] != '-' || s[0] < '0' || s[0] > '9' ||
	    s[1] < '0' || s[1] > '9' || s[3] < '0' || s[3] > '9' ||
	    s[4] < '0' || s[4] > '9')
		return -1;
	m = (s[0] - '0') * 10 + (s[1] - '0');
	d = (s[3] - '0') * 10 + (s[4] - '0');
	/* 02-29 is refused: it would open only in leap years */
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return -1;
	*md = m * 100 + d;
	return 0;
}

int
periods_parse(const char *spec, struct reading_periods *p, char *err,
    size_t errsz)
{
	const char *s = spec;

	memset(p, 0, sizeof(*p));
	while (*s != '\0') {
		const char *end, *dots;
		size_t len;

		while (*s == ' ' || *s == ',')
			s++;
		if (*s == '\0')
			break;
		end = s + strcspn(s, ",");
		len = (size_t)(end - s);
		while (len > 0 && s[len - 1] == ' ')
			len--;
		dots = strstr(s, "..");
		if (p->n == PERIODS_MAX) {
			snprintf(err, errsz, "more than %d periods",
			    PERIODS_MAX);
			return -1;
		}
		if (dots == NULL || dots > s + len || md_parse(s,
		    (size_t)(dots - s), &p->from[p->n]) != 0 ||
		    md_parse(dots + 2, (size_t)(s + len - dots - 2),
		    &p->to[p->n]) != 0) {
			snprintf(err, errsz, "\"%.*s\" is not a period "
			    "MM-DD..MM-DD (02-29 is not allowed)", (int)len,
			    s);
			return -1;
		}
		p->n++;
		s = end;
	}
	if (p->n == 0) {
		snprintf(err, errsz, "no period given");
		return -1;
	}
	return 0;
}

static int
md_of(const char *iso)
{
	return atoi(iso + 5) * 100 + atoi(iso + 8);
}

static int
inside(int from, int to, int md)
{
	return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

int
periods_open(const struct reading_periods *p, const char *today)
{
	int md = md_of(today);

	for (size_t i = 0; i < p->n; i++)
		if (inside(p->from[i], p->to[i], md))
			return 1;
	return 0;
}

/* YYYY-MM-DD of year y and month*100+day md. */
static void
ymd(char out[11], int y, int md)
{
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)(md / 100) % 100u, (unsigned)(md % 100) % 100u);
}

int
periods_next(const struct reading_periods *p, const char *today,
    char from[11], char to[11])
{
	int md = md_of(today), year = atoi(today);
	int best_y = 0, best_md = 0;
	size_t best = 0;

	if (p->n == 0)
		return -1;
	for (size_t i = 0; i < p->n; i++) {
		int y;

		if (inside(p->from[i], p->to[i], md)) {
			/* open now: it began this year, or last year when
			 * it runs over the new year and we are past it */
			y = p->from[i] <= md ? year : year - 1;
			ymd(from, y, p->from[i]);
			ymd(to, p->from[i] <= p->to[i] ? y : y + 1, p->to[i]);
			return 0;
		}
		y = p->from[i] > md ? year : year + 1;
		if (best_y == 0 || y * 10000 + p->from[i] < best_y * 10000 +
		    best_md) {
			best_y = y;
			best_md = p->from[i];
			best = i;
		}
	}
	ymd(from, best_y, best_md);
	ymd(to, p->from[best] <= p->to[best] ? best_y : best_y + 1,
	    p->to[best]);
	return 0;
}
