/*
 * permits.c - the rules of road occupation and heavy vehicle permits
 * (see permits.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "permits.h"

static const struct {
	const char	*code;
	const char	*el;
	const char	*en;
} occupations[OCC__MAX] = {
	[OCC_SCAFFOLDING] = { "scaffolding", "Σκαλωσιά", "Scaffolding" },
	[OCC_SKIP] = { "skip", "Κάδος μπάζων", "Skip" },
	[OCC_MATERIALS] = { "materials", "Οικοδομικά υλικά",
	    "Building materials" },
};

void
permit_rules_default(struct permit_rules *r)
{
	r->rate[OCC_SCAFFOLDING] = 50;
	r->rate[OCC_SKIP] = 100;
	r->rate[OCC_MATERIALS] = 30;
	r->minimum = 1000;
	r->max_days = 180;
	r->heavy_min_kg = 3500;
	r->heavy_max_kg = 60000;
}

int
occupation_parse(const char *s)
{
	for (int i = 0; s != NULL && i < OCC__MAX; i++)
		if (strcmp(s, occupations[i].code) == 0)
			return i;
	return -1;
}

const char *
occupation_code(enum occupation o)
{
	return o < OCC__MAX ? occupations[o].code : "";
}

const char *
occupation_label(enum occupation o, const char *lang)
{
	if (o >= OCC__MAX)
		return "";
	return lang != NULL && strcmp(lang, "en") == 0 ? occupations[o].en :
	    occupations[o].el;
}

static void
problem(struct permit_problem *out, size_t *n, const char *field,
    const char *el, const char *en, long long v)
{
	if (*n >= PERMIT_PROBLEMS)
		return;
	out[*n].field = field;
	/* The messages are ours, with at most one number in them. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	snprintf(out[*n].el, sizeof(out[*n].el), el, v);
	snprintf(out[*n].en, sizeof(out[*n].en), en, v);
#pragma GCC diagnostic pop
	(*n)++;
}

/* The dates of any permit: from `earliest` on, in order, not too long. */
static void
check_dates(const struct permit_rules *r, const char *start, const char *end,
    const char *earliest, int *days, struct permit_problem *out, size_t *n)
{
	*days = 0;
	if (start == NULL || end == NULL)
		return;		/* required fields: the core said so */
	if (strcmp(start, earliest) < 0) {
		problem(out, n, "start", "Η άδεια ξεκινά το νωρίτερο την "
		    "επόμενη εργάσιμη ημέρα.", "A permit starts on the next "
		    "working day at the earliest.", 0);
		return;
	}
	if (strcmp(end, start) < 0) {
		problem(out, n, "end", "Η τελευταία ημέρα δεν μπορεί να είναι "
		    "πριν από την πρώτη.", "The last day cannot be before the "
		    "first.", 0);
		return;
	}
	if (!fee_days(start, end, days) || *days > r->max_days) {
		problem(out, n, "end", "Μία άδεια καλύπτει έως %lld ημέρες· "
		    "για περισσότερες υποβάλετε νέα αίτηση.", "A permit covers "
		    "at most %lld days; apply again for more.", r->max_days);
		*days = 0;
	}
}

size_t
permit_check_occupation(const struct permit_rules *r, const char *purpose,
    const char *area, const char *start, const char *end,
    const char *earliest, struct occupation_quote *q,
    struct permit_problem *out)
{
	size_t n = 0;
	int o = occupation_parse(purpose), days;
	long long a = 0;

	memset(q, 0, sizeof(*q));
	if (purpose != NULL && o < 0)
		problem(out, &n, "purpose", "Επιλέξτε τη χρήση.",
		    "Choose what the space is for.", 0);
	if (area != NULL && !fee_area_parse(area, &a))
		problem(out, &n, "area", "Γράψτε το εμβαδόν σε τετραγωνικά "
		    "μέτρα, από 0,01 έως 10.000, π.χ. 12,5.", "Give the area "
		    "in square metres, from 0.01 to 10,000, e.g. 12.5.", 0);
	check_dates(r, start, end, earliest, &days, out, &n);
	if (n > 0 || o < 0 || a == 0 || days == 0)
		return n;
	q->purpose = (enum occupation)o;
	q->area = a;
	q->days = days;
	q->rate = r->rate[o];
	if (!fee_compute(a, days, q->rate, r->minimum, &q->fee))
		problem(out, &n, "area", "Το τέλος δεν μπορεί να υπολογιστεί "
		    "για αυτό το εμβαδόν.", "The fee cannot be computed for "
		    "this area.", 0);
	return n;
}

size_t
permit_check_heavy(const struct permit_rules *r, const char *plate,
    const char *weight, const char *start, const char *end,
    const char *earliest, char plate_out[PLATE_SIZE], int *days,
    struct permit_problem *out)
{
	size_t n = 0;
	enum plate_kind k = plate != NULL ? plate_parse(plate, plate_out) :
	    PLATE_INVALID;

	if (plate == NULL)
		plate_out[0] = '\0';
	else if (k == PLATE_INVALID)
		problem(out, &n, "plate", "Γράψτε τον αριθμό κυκλοφορίας όπως "
		    "στην πινακίδα, π.χ. ΕΡΒ-1234 ή ΜΕ 123456.", "Give the "
		    "registration as on the plate, e.g. ΕΡΒ-1234 or ΜΕ 123456.",
		    0);
	else if (k == PLATE_MOTORCYCLE)
		problem(out, &n, "plate", "Αυτή είναι πινακίδα μοτοσικλέτας· η "
		    "άδεια αφορά βαρέα οχήματα.", "That is a motorcycle's "
		    "plate; the permit is for heavy vehicles.", 0);
	if (weight != NULL) {
		char *e;
		long long kg = strtoll(weight, &e, 10);

		if (*e != '\0' || kg <= r->heavy_min_kg)
			problem(out, &n, "weight", "Οχήματα έως %lld κιλά δεν "
			    "χρειάζονται άδεια διέλευσης.", "Vehicles up to "
			    "%lld kg need no passage permit.",
			    r->heavy_min_kg);
		else if (kg > r->heavy_max_kg)
			problem(out, &n, "weight", "Οχήματα άνω των %lld "
			    "κιλών δεν κυκλοφορούν στο οδικό δίκτυο του "
			    "Δήμου· επικοινωνήστε με την υπηρεσία.", "Vehicles "
			    "over %lld kg may not use the municipality's "
			    "roads; contact the department.", r->heavy_max_kg);
	}
	check_dates(r, start, end, earliest, days, out, &n);
	return n;
}

void
permit_area_text(long long area, char out[32])
{
	snprintf(out, 32, "%lld,%02lld", area / 100, area % 100);
}

void
permit_quote_text(const struct occupation_quote *q, const char *lang,
    char out[PERMIT_QUOTE_SIZE])
{
	char a[32], rate[FEE_MONEY_SIZE], fee[FEE_MONEY_SIZE];
	int en = lang != NULL && strcmp(lang, "en") == 0;

	permit_area_text(q->area, a);
	fee_money_format(q->rate, rate);
	fee_money_format(q->fee, fee);
	snprintf(out, PERMIT_QUOTE_SIZE, "%s m² × %d %s × %s/m² = %s", a,
	    q->days, en ? (q->days == 1 ? "day" : "days") : (q->days == 1 ?
	    "ημέρα" : "ημέρες"), rate, fee);
}

const char *const permit_terms_occupation[] = {
	"Η άδεια ισχύει μόνο για τη θέση, το εμβαδόν και τις ημέρες που "
	    "αναγράφει και επιδεικνύεται σε κάθε έλεγχο.",
	"Ο χώρος περιφράσσεται και σημαίνεται ώστε να είναι ορατός ημέρα και "
	    "νύχτα· τη νύχτα φωτίζεται.",
	"Μένει ελεύθερη διάβαση πεζών πλάτους τουλάχιστον 1,50 μέτρου· όπου "
	    "αυτό δεν είναι δυνατό, εξασφαλίζεται ασφαλής προσωρινή διάβαση.",
	"Δεν εμποδίζονται φρεάτια, κρουνοί πυρόσβεσης, ράμπες και είσοδοι "
	    "κτιρίων.",
	"Με τη λήξη ο χώρος παραδίδεται καθαρός· φθορές αποκαθίστανται με "
	    "δαπάνη του δικαιούχου.",
	"Ο Δήμος μπορεί να ανακαλέσει την άδεια για λόγους δημόσιας "
	    "ασφάλειας ή αν δεν τηρούνται οι όροι της.",
	NULL,
};

const char *const permit_terms_heavy[] = {
	"Η άδεια ισχύει μόνο για το όχημα, τη διαδρομή και τις ημέρες που "
	    "αναγράφει και επιδεικνύεται σε κάθε έλεγχο.",
	"Η διέλευση γίνεται 07:00 – 14:00 και 17:00 – 21:00· όχι σε ώρες "
	    "προσέλευσης και αποχώρησης μαθητών κοντά σε σχολεία.",
	"Μέγιστη ταχύτητα εντός οικισμών 30 χλμ./ώρα· στάθμευση στο οδικό "
	    "δίκτυο μόνο για φορτοεκφόρτωση.",
	"Φθορές στο οδόστρωμα, στα πεζοδρόμια ή στον εξοπλισμό του Δήμου "
	    "αποκαθίστανται με δαπάνη του δικαιούχου.",
	"Ο Δήμος μπορεί να ανακαλέσει την άδεια για λόγους δημόσιας "
	    "ασφάλειας ή αν δεν τηρούνται οι όροι της.",
	NULL,
};
