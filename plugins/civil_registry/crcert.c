/*
 * crcert.c - decisions and certificate texts of the civil registry (pure:
 * no host, no DB). Certificates are written in formal Greek: names as the
 * registry holds them, parents' names in the genitive, words that agree
 * with the person's sex.
 */
#include <stdlib.h>
#include <string.h>

#include "crcert.h"

#define MALE(p)		((p)->sex == 'M')
/* The word that agrees with p's sex; both when it is not known. */
#define AGREE(p, m, f, both) \
	((p)->sex == 'M' ? (m) : (p)->sex == 'F' ? (f) : (both))

void
cr_person_key(const struct cr_person *p, struct kit_key *k)
{
	kit_key_make(k, p->afm, p->surname, p->name, p->father_name,
	    kit_date_year(p->birth_date));
}

const struct cr_person *
cr_pick_applicant(const struct kit_key *applicant,
    const struct cr_person *cand, size_t n, int *ambiguous)
{
	const struct cr_person *by_name = NULL;
	size_t nnames = 0;

	*ambiguous = 0;
	for (size_t i = 0; i < n; i++) {
		struct kit_key k;

		if (cand[i].deceased)
			continue;
		cr_person_key(&cand[i], &k);
		switch (kit_match(applicant, &k)) {
		case KIT_MATCH_AFM:
			return &cand[i];
		case KIT_MATCH_NAME:
			/* the same row may come twice from two searches */
			if (by_name == NULL || by_name->id != cand[i].id) {
				by_name = &cand[i];
				nnames++;
			}
			break;
		case KIT_MATCH_NONE:
			break;
		}
	}
	if (nnames > 1) {
		*ambiguous = 1;
		return NULL;
	}
	return by_name;
}

dm_status
cr_pick_about(const struct cr_person *me, const struct cr_family *f,
    const struct cr_target *t, const struct cr_person **about)
{
	*about = NULL;
	if (!t->member) {
		*about = me;
		return DM_OK;
	}
	if (f == NULL || f->merida != me->merida || t->surname == NULL ||
	    t->name == NULL || t->birth_date == NULL)
		return DM_EDENIED;
	for (size_t i = 0; i < f->nmembers; i++) {
		const struct cr_person *m = &f->members[i];

		if (strcmp(m->birth_date, t->birth_date) == 0 &&
		    kit_fold_eq(m->surname, t->surname) &&
		    kit_fold_eq(m->name, t->name)) {
			*about = m;
			return DM_OK;
		}
	}
	return DM_EDENIED;
}

static int
divorced_after(const struct cr_union *u, size_t n, long long a, long long b,
    const char *since)
{
	for (size_t i = 0; i < n; i++)
		if (u[i].divorce && ((u[i].a == a && u[i].b == b) ||
		    (u[i].a == b && u[i].b == a)) &&
		    strcmp(u[i].date, since) >= 0)
			return 1;
	return 0;
}

static int
is_spouse(const struct cr_person *d, const struct cr_person *c,
    const struct cr_union *u, size_t nu)
{
	if (d->merida == c->merida && ((strcmp(d->relation, "head") == 0 &&
	    strcmp(c->relation, "spouse") == 0) || (strcmp(d->relation,
	    "spouse") == 0 && strcmp(c->relation, "head") == 0)))
		return 1;
	for (size_t i = 0; i < nu; i++)
		if (!u[i].divorce && ((u[i].a == d->id && u[i].b == c->id) ||
		    (u[i].a == c->id && u[i].b == d->id)) &&
		    !divorced_after(u, nu, d->id, c->id, u[i].date))
			return 1;
	return 0;
}

static int
kin_of(const struct cr_person *d, const struct cr_person *c,
    const struct cr_union *u, size_t nu, enum cr_kin *kin)
{
	if (c->id == d->id)
		return 0;
	if (is_spouse(d, c, u, nu))
		*kin = CR_KIN_SPOUSE;
	else if (c->father_id == d->id || c->mother_id == d->id)
		*kin = CR_KIN_CHILD;
	else if (c->id == d->father_id || c->id == d->mother_id)
		*kin = CR_KIN_PARENT;
	else if ((c->father_id != 0 && c->father_id == d->father_id) ||
	    (c->mother_id != 0 && c->mother_id == d->mother_id))
		*kin = CR_KIN_SIBLING;
	else
		return 0;
	return 1;
}

static int
rel_cmp(const void *x, const void *y)
{
	const struct cr_relative *a = x, *b = y;
	int c;

	if (a->kin != b->kin)
		return a->kin < b->kin ? -1 : 1;
	if ((c = strcmp(a->p->birth_date, b->p->birth_date)) != 0)
		return c;
	return a->p->id < b->p->id ? -1 : a->p->id > b->p->id;
}

size_t
cr_relatives(const struct cr_person *d, const struct cr_person *cand,
    size_t n, const struct cr_union *unions, size_t nunions,
    struct cr_relative *out, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < n && k < max; i++) {
		enum cr_kin kin;
		size_t j;

		for (j = 0; j < k; j++)
			if (out[j].p->id == cand[i].id)
				break;
		if (j < k || !kin_of(d, &cand[i], unions, nunions, &kin))
			continue;
		out[k].kin = kin;
		out[k].p = &cand[i];
		k++;
	}
	qsort(out, k, sizeof(*out), rel_cmp);
	return k;
}

const char *
cr_kin_label(enum cr_kin kin, char sex)
{
	int m = sex == 'M';

	switch (kin) {
	case CR_KIN_SPOUSE:
		return "Σύζυγος";
	case CR_KIN_CHILD:
		return m ? "Υιός" : "Θυγατέρα";
	case CR_KIN_PARENT:
		return m ? "Πατέρας" : "Μητέρα";
	case CR_KIN_SIBLING:
		return m ? "Αδελφός" : "Αδελφή";
	case CR_KIN__MAX:
		break;
	}
	return "Συγγενής";
}

const char *
cr_relation_label(const char *relation, char sex)
{
	if (relation == NULL)
		return "Μέλος";
	if (strcmp(relation, "head") == 0)
		return "Αρχηγός μερίδας";
	if (strcmp(relation, "spouse") == 0)
		return "Σύζυγος";
	if (strcmp(relation, "child") == 0)
		return sex == 'M' ? "Υιός" : "Θυγατέρα";
	return "Μέλος";
}

const char *
cr_marital_label(const char *marital, char sex)
{
	int m = sex == 'M';

	if (marital == NULL)
		return NULL;
	if (strcmp(marital, "single") == 0)
		return m ? "Άγαμος" : "Άγαμη";
	if (strcmp(marital, "married") == 0)
		return m ? "Έγγαμος" : "Έγγαμη";
	if (strcmp(marital, "divorced") == 0)
		return m ? "Διαζευγμένος" : "Διαζευγμένη";
	if (strcmp(marital, "widowed") == 0)
		return m ? "Χήρος" : "Χήρα";
	if (strcmp(marital, "partnership") == 0)
		return "Σύμφωνο συμβίωσης";
	return NULL;
}

char *
cr_full_name(const struct kit_alloc *a, const struct cr_person *p)
{
	return kit_aprintf(a, "%s %s", p->name, p->surname);
}

char *
cr_record_label(const struct kit_alloc *a, const struct cr_person *p)
{
	return kit_aprintf(a, "%s %s του %s (%d)", p->surname, p->name,
	    kit_agen(a, p->father_name), kit_date_year(p->birth_date));
}

/* " του Νικολάου και της Μαρίας" (the mother may be unknown) */
static char *
parents(const struct kit_alloc *a, const struct cr_person *p)
{
	if (p->mother_name == NULL || p->mother_name[0] == '\0')
		return kit_aprintf(a, " του %s", kit_agen(a, p->father_name));
	return kit_aprintf(a, " του %s και της %s", kit_agen(a,
	    p->father_name), kit_agen(a, p->mother_name));
}

/* "ο Γεώργιος Παπαδόπουλος του Νικολάου και της Μαρίας" */
static char *
intro(const struct kit_alloc *a, const struct cr_person *p)
{
	return kit_aprintf(a, "%s %s %s%s", AGREE(p, "ο", "η", "ο/η"),
	    p->name, p->surname, parents(a, p));
}

/* "Παπαδόπουλος Γεώργιος του Νικολάου και της Μαρίας" */
static char *
listed(const struct kit_alloc *a, const struct cr_person *p)
{
	return kit_aprintf(a, "%s %s%s", p->surname, p->name, parents(a, p));
}

/* "γεν. 14/05/1975, Νιγρίτα · Έγγαμος · απεβίωσε 02/03/2010" */
static char *
facts(const struct kit_alloc *a, const struct cr_person *p, int marital)
{
	const char *m = marital ? cr_marital_label(p->marital, p->sex) : NULL;
	char *s;

	s = kit_aprintf(a, "γεν. %s, %s", kit_adate(a, p->birth_date),
	    p->birth_place);
	if (m != NULL)
		s = kit_aprintf(a, "%s · %s", s, m);
	if (p->deceased)
		s = kit_aprintf(a, "%s · απεβίωσε%s%s", s, p->death_date ?
		    " " : "", p->death_date ? kit_adate(a, p->death_date) :
		    "");
	return s;
}

/* " αριθ. 1234 της δημοτικής ενότητας Νιγρίτας" */
static char *
merida_phrase(const struct cr_cert_in *in)
{
	const char *gen = in->units ? kit_unit_genitive(in->units,
	    in->f->unit) : NULL;

	if (gen != NULL)
		return kit_aprintf(in->a, "αριθ. %lld της δημοτικής "
		    "ενότητας %s", in->f->merida, gen);
	return kit_aprintf(in->a, "αριθ. %lld (δημοτική ενότητα: %s)",
	    in->f->merida, in->f->unit);
}

static const char *
registered(const struct cr_person *p)
{
	return AGREE(p, "εγγεγραμμένος", "εγγεγραμμένη", "εγγεγραμμένος/η");
}

static void
common_remarks(struct kit_cert *c, const struct cr_cert_in *in)
{
	if (in->purpose != NULL && in->purpose[0] != '\0')
		kit_cert_remark(c, "Σκοπός έκδοσης: %s.", in->purpose);
	kit_cert_remark(c, "Τα στοιχεία είναι όπως ισχύουν στο Δημοτολόγιο "
	    "του Δήμου κατά την ημερομηνία έκδοσης.");
}

static int
finish(struct kit_cert *c, const struct cr_cert_in *in, const char *title,
    struct dm_certificate *out)
{
	if (kit_cert_finish(c, out) != 0)
		return -1;
	out->title = kit_adup(in->a, title);
	out->holder = cr_full_name(in->a, in->about);
	out->record_ref = kit_aprintf(in->a, "p:%lld", in->about->id);
	return 0;
}

int
cr_cert_family_status(const struct cr_cert_in *in, struct dm_certificate *out)
{
	const struct kit_alloc *a = in->a;
	const struct cr_person *p = in->about;
	struct kit_cert c;

	kit_cert_init(&c, a);
	if (p->deceased)
		kit_cert_para(&c, "Πιστοποιείται ότι, σύμφωνα με τα στοιχεία "
		    "του Δημοτολογίου, %s, που γεννήθηκε στις %s και "
		    "απεβίωσε%s%s, ήταν %s στην οικογενειακή μερίδα %s.",
		    intro(a, p), kit_adate_long(a, p->birth_date),
		    p->death_date ? " στις " : "", p->death_date ?
		    kit_adate_long(a, p->death_date) : "", registered(p),
		    merida_phrase(in));
	else
		kit_cert_para(&c, "Πιστοποιείται ότι, σύμφωνα με τα στοιχεία "
		    "του Δημοτολογίου, %s, που γεννήθηκε στις %s, είναι %s "
		    "στην οικογενειακή μερίδα %s.", intro(a, p),
		    kit_adate_long(a, p->birth_date), registered(p),
		    merida_phrase(in));
	kit_cert_para(&c, "Η οικογενειακή μερίδα περιλαμβάνει τα παρακάτω "
	    "μέλη:");
	out->table_title = kit_adup(a, "ΜΕΛΗ ΤΗΣ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΜΕΡΙΔΑΣ");
	for (size_t i = 0; i < in->f->nmembers; i++) {
		const struct cr_person *m = &in->f->members[i];

		kit_cert_row(&c, cr_relation_label(m->relation, m->sex),
		    kit_aprintf(a, "%s\n%s", listed(a, m), facts(a, m, 1)));
	}
	common_remarks(&c, in);
	return finish(&c, in, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ", out);
}

/* The rows that say who somebody is. */
static void
identity_rows(struct kit_cert *c, const struct cr_cert_in *in)
{
	const struct kit_alloc *a = in->a;
	const struct cr_person *p = in->about;

	kit_cert_row(c, "Επώνυμο", p->surname);
	kit_cert_row(c, "Όνομα", p->name);
	kit_cert_row(c, "Όνομα πατέρα", p->father_name);
	kit_cert_row(c, "Όνομα μητέρας", p->mother_name);
	kit_cert_row(c, "Επώνυμο μητέρας", p->mother_surname);
	kit_cert_row(c, "Φύλο", MALE(p) ? "Άρρεν" : "Θήλυ");
	kit_cert_row(c, "Ημερομηνία γέννησης", kit_adate(a, p->birth_date));
	kit_cert_row(c, "Τόπος γέννησης", p->birth_place);
}

static void
record_rows(struct kit_cert *c, const struct cr_cert_in *in)
{
	if (in->f == NULL)
		return;
	kit_cert_row(c, "Οικογενειακή μερίδα", kit_aprintf(in->a, "%lld",
	    in->f->merida));
	kit_cert_row(c, "Δημοτική ενότητα", in->f->unit);
}

int
cr_cert_birth(const struct cr_cert_in *in, const char *act,
    struct dm_certificate *out)
{
	const struct kit_alloc *a = in->a;
	const struct cr_person *p = in->about;
	struct kit_cert c;

	kit_cert_init(&c, a);
	kit_cert_para(&c, "Πιστοποιείται ότι, σύμφωνα με τα στοιχεία του "
	    "Δημοτολογίου, %s γεννήθηκε στις %s και %s %s στην οικογενειακή "
	    "μερίδα %s.", intro(a, p), kit_adate_long(a, p->birth_date),
	    p->deceased ? "ήταν" : "είναι", registered(p), merida_phrase(in));
	out->table_title = kit_adup(a, "ΣΤΟΙΧΕΙΑ ΓΕΝΝΗΣΗΣ");
	identity_rows(&c, in);
	kit_cert_row(&c, "Ληξιαρχική πράξη γέννησης", act);
	record_rows(&c, in);
	if (p->deceased)
		kit_cert_row(&c, "Ημερομηνία θανάτου", p->death_date ?
		    kit_adate(a, p->death_date) : "άγνωστη");
	common_remarks(&c, in);
	return finish(&c, in, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΓΕΝΝΗΣΗΣ", out);
}

int
cr_cert_next_of_kin(const struct cr_cert_in *in,
    const struct cr_relative *rels, size_t nrels, struct dm_certificate *out)
{
	const struct kit_alloc *a = in->a;
	const struct cr_person *d = in->about;
	struct kit_cert c;

	kit_cert_init(&c, a);
	kit_cert_para(&c, "Πιστοποιείται ότι, σύμφωνα με τα στοιχεία του "
	    "Δημοτολογίου, %s, που γεννήθηκε στις %s και απεβίωσε%s%s%s%s, "
	    "ήταν %s στην οικογενειακή μερίδα %s.", intro(a, d),
	    kit_adate_long(a, d->birth_date), d->death_date ? " στις " : "",
	    d->death_date ? kit_adate_long(a, d->death_date) : "",
	    d->death_place ? " (τόπος θανάτου: " : "", d->death_place ?
	    kit_aprintf(a, "%s)", d->death_place) : "", registered(d),
	    merida_phrase(in));
	if (nrels > 0) {
		kit_cert_para(&c, "Εγγύτεροι συγγενείς %s, όπως είναι "
		    "καταχωρισμένοι στο Δημοτολόγιο, είναι οι παρακάτω:",
		    MALE(d) ? "του θανόντος" : "της θανούσας");
		out->table_title = kit_adup(a, "ΕΓΓΥΤΕΡΟΙ ΣΥΓΓΕΝΕΙΣ");
	} else {
		kit_cert_para(&c, "Στο Δημοτολόγιο δεν είναι καταχωρισμένοι "
		    "σύζυγος, τέκνα, γονείς ή αδελφοί %s.", MALE(d) ?
		    "του θανόντος" : "της θανούσας");
	}
	for (size_t i = 0; i < nrels; i++) {
		const struct cr_person *r = rels[i].p;

		kit_cert_row(&c, cr_kin_label(rels[i].kin, r->sex),
		    kit_aprintf(a, "%s\n%s", listed(a, r), facts(a, r, 0)));
	}
	kit_cert_remark(&c, "Περιλαμβάνονται μόνο τα πρόσωπα που είναι "
	    "καταχωρισμένα στο Δημοτολόγιο του Δήμου.");
	common_remarks(&c, in);
	return finish(&c, in, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΕΓΓΥΤΕΡΩΝ ΣΥΓΓΕΝΩΝ", out);
}

int
cr_cert_residence(const struct cr_cert_in *in, const char *address,
    struct dm_certificate *out)
{
	const struct kit_alloc *a = in->a;
	const struct cr_person *p = in->about;
	struct kit_cert c;

	kit_cert_init(&c, a);
	if (in->f != NULL)
		kit_cert_para(&c, "Βεβαιώνεται ότι %s, %s στο Δημοτολόγιο "
		    "στην οικογενειακή μερίδα %s, είναι %s κάτοικος του "
		    "Δήμου, στη διεύθυνση: %s.", intro(a, p), registered(p),
		    merida_phrase(in), AGREE(p, "μόνιμος", "μόνιμη",
		    "μόνιμος/η"), address);
	else
		kit_cert_para(&c, "Βεβαιώνεται ότι %s είναι %s κάτοικος του "
		    "Δήμου, στη διεύθυνση: %s.", intro(a, p), AGREE(p,
		    "μόνιμος", "μόνιμη", "μόνιμος/η"), address);
	kit_cert_para(&c, "Η μόνιμη κατοικία βεβαιώνεται με βάση τα "
	    "δικαιολογητικά που προσκομίστηκαν με την αίτηση και ελέγχθηκαν "
	    "από την υπηρεσία.");
	out->table_title = kit_adup(a, "ΣΤΟΙΧΕΙΑ");
	kit_cert_row(&c, "Επώνυμο", p->surname);
	kit_cert_row(&c, "Όνομα", p->name);
	kit_cert_row(&c, "Όνομα πατέρα", p->father_name);
	kit_cert_row(&c, "Όνομα μητέρας", p->mother_name);
	if (p->birth_date != NULL)
		kit_cert_row(&c, "Ημερομηνία γέννησης", kit_adate(a,
		    p->birth_date));
	kit_cert_row(&c, "Διεύθυνση κατοικίας", address);
	record_rows(&c, in);
	if (in->purpose != NULL && in->purpose[0] != '\0')
		kit_cert_remark(&c, "Σκοπός έκδοσης: %s.", in->purpose);
	if (kit_cert_finish(&c, out) != 0)
		return -1;
	out->title = kit_adup(a, "ΒΕΒΑΙΩΣΗ ΜΟΝΙΜΗΣ ΚΑΤΟΙΚΙΑΣ");
	out->holder = cr_full_name(a, p);
	out->record_ref = p->id ? kit_aprintf(a, "p:%lld", p->id) : NULL;
	return 0;
}

int
cr_cert_local_origin(const struct cr_cert_in *in, struct dm_certificate *out)
{
	const struct kit_alloc *a = in->a;
	const struct cr_person *p = in->about;
	struct kit_cert c;

	kit_cert_init(&c, a);
	kit_cert_para(&c, "Πιστοποιείται ότι, σύμφωνα με τα στοιχεία του "
	    "Δημοτολογίου, %s, που γεννήθηκε στις %s, είναι %s του Δήμου, "
	    "%s στην οικογενειακή μερίδα %s.", intro(a, p),
	    kit_adate_long(a, p->birth_date), MALE(p) ? "δημότης" : "δημότισσα",
	    registered(p), merida_phrase(in));
	if (p->citizenship != NULL)
		kit_cert_para(&c, "Κατά τα στοιχεία του Δημοτολογίου έχει "
		    "ιθαγένεια: %s.", p->citizenship);
	out->table_title = kit_adup(a, "ΣΤΟΙΧΕΙΑ ΔΗΜΟΤΗ");
	identity_rows(&c, in);
	kit_cert_row(&c, "Ιθαγένεια", p->citizenship);
	record_rows(&c, in);
	common_remarks(&c, in);
	return finish(&c, in, "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΔΗΜΟΤΙΚΟΤΗΤΑΣ ΚΑΙ ΙΘΑΓΕΝΕΙΑΣ",
	    out);
}
