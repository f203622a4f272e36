/*
 * fincert.c - the finance department's certificate texts (pure). The
 * sentences avoid gendered articles (TaxisNet does not say whether a
 * person is a man or a woman): they name the taxpayer by AFM and name.
 */
#include <stdio.h>
#include <string.h>

#include "fincert.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/money.h"

static const char *
amount(const struct kit_alloc *a, long long cents)
{
	char b[KIT_MONEY_BUFSZ];

	kit_money_format(cents, b);
	return kit_adup(a, b);
}

/* "ΠΑΠΑΔΟΠΟΥΛΟΣ ΓΕΩΡΓΙΟΣ του ΝΙΚΟΛΑΟΥ" or the business's name. */
static const char *
party_name(const struct kit_alloc *a, const struct fin_party *p)
{
	if (p->kind == 'p' && p->father != NULL && p->father[0] != '\0')
		return kit_aprintf(a, "%s του %s", p->name, kit_agen(a,
		    p->father));
	return kit_adup(a, p->name);
}

static void
party_rows(struct kit_cert *c, const struct fin_party *p)
{
	kit_cert_row(c, p->kind == 'b' ? "Επωνυμία" : "Ονοματεπώνυμο",
	    p->name);
	if (p->kind == 'p' && p->father != NULL)
		kit_cert_row(c, "Πατρώνυμο", p->father);
	kit_cert_row(c, "ΑΦΜ", p->afm);
}

int
fincert_nodebt(const struct kit_alloc *a, const struct fin_party *p,
    const char *today, const char *valid_until, const struct standing *s,
    const struct fin_arr_info *arr, const char *purpose,
    struct dm_certificate *out)
{
	struct kit_cert c;

	if (s->verdict == NODEBT_OWES || (s->verdict == NODEBT_ARRANGED &&
	    arr == NULL))
		return -1;
	memset(out, 0, sizeof(*out));
	kit_cert_init(&c, a);
	out->title = "ΒΕΒΑΙΩΣΗ ΔΗΜΟΤΙΚΗΣ ΕΝΗΜΕΡΟΤΗΤΑΣ";
	out->subtitle = "(μη ύπαρξη ληξιπρόθεσμων οφειλών προς τον Δήμο)";
	kit_cert_para(&c, "Βεβαιώνεται ότι, σύμφωνα με τα στοιχεία της "
	    "Ταμειακής Υπηρεσίας του Δήμου κατά την %s, για τον ΑΦΜ %s "
	    "(%s) δεν υπάρχουν ληξιπρόθεσμες οφειλές προς τον Δήμο.",
	    kit_adate(a, today), p->afm, party_name(a, p));
	if (arr != NULL) {
		kit_cert_para(&c, "Οφειλές του ΑΦΜ αυτού έχουν υπαχθεί στη "
		    "ρύθμιση αρ. %s της %s (%d μηνιαίες δόσεις, συνολικού "
		    "ποσού %s), η οποία τηρείται. Οφειλή που έχει ρυθμιστεί, "
		    "όσο τηρείται η ρύθμιση, δεν εμποδίζει τη χορήγηση "
		    "δημοτικής ενημερότητας.", arr->ref, kit_adate(a,
		    arr->decided), arr->instalments, amount(a, arr->total));
	}
	party_rows(&c, p);
	if (s->owed > 0)
		kit_cert_row(&c, s->verdict == NODEBT_ARRANGED ?
		    "Οφειλές σε ρύθμιση" : "Οφειλές μη ληξιπρόθεσμες",
		    amount(a, s->owed));
	if (arr != NULL && arr->late > 0)
		kit_cert_row(&c, "Δόσεις ρύθμισης σε καθυστέρηση",
		    kit_aprintf(a, "%zu (%s)", arr->late, amount(a,
		    s->overdue_arranged)));
	kit_cert_row(&c, "Ισχύει έως", kit_adate(a, valid_until));
	if (purpose != NULL)
		kit_cert_row(&c, "Χορηγείται για", purpose);
	out->table_title = "Στοιχεία";
	kit_cert_remark(&c, "Η βεβαίωση αφορά οφειλές προς τον Δήμο "
	    "(τέλη, δικαιώματα, πρόστιμα, ΤΑΠ, λογαριασμούς ύδρευσης) που "
	    "έχουν βεβαιωθεί στην Ταμειακή Υπηρεσία, όχι οφειλές προς το "
	    "Δημόσιο ή άλλους φορείς.");
	if (arr != NULL)
		kit_cert_remark(&c, "Ισχύει εφόσον τηρείται η ρύθμιση· η "
		    "καθυστέρηση δόσεων μπορεί να οδηγήσει στην απώλειά της.");
	kit_cert_remark(&c, "Ισχύει έως την %s.", kit_adate(a, valid_until));
	out->holder = kit_adup(a, p->name);
	out->record_ref = kit_aprintf(a, "afm:%s", p->afm);
	return kit_cert_finish(&c, out);
}

int
fincert_tap(const struct kit_alloc *a, const struct fin_party *p,
    const struct fin_prop_info *prop, const char *today,
    struct dm_certificate *out)
{
	struct kit_cert c;
	char k[64], area[KIT_MONEY_BUFSZ];

	memset(out, 0, sizeof(*out));
	kit_cert_init(&c, a);
	kit_kaek_format(prop->kaek, k, sizeof(k));
	/* hundredths of a m², written like an amount: "85,40" */
	kit_money_format_bare(prop->area, area);
	out->title = "ΒΕΒΑΙΩΣΗ ΜΗ ΟΦΕΙΛΗΣ ΤΕΛΟΥΣ ΑΚΙΝΗΤΗΣ ΠΕΡΙΟΥΣΙΑΣ (ΤΑΠ)";
	out->subtitle = "(για τη μεταβίβαση ακινήτου, άρθρο 24 παρ. 12 του "
	    "ν. 2130/1993)";
	kit_cert_para(&c, "Βεβαιώνεται ότι, σύμφωνα με τα στοιχεία της "
	    "Ταμειακής Υπηρεσίας του Δήμου κατά την %s, για το ακίνητο που "
	    "βρίσκεται στη διεύθυνση %s, με ΚΑΕΚ %s, δεν οφείλεται Τέλος "
	    "Ακίνητης Περιουσίας (ΤΑΠ) προς τον Δήμο.", kit_adate(a, today),
	    prop->address, k);
	kit_cert_para(&c, "Η βεβαίωση χορηγείται για τη μεταβίβαση του "
	    "ακινήτου, ύστερα από αίτηση με ΑΦΜ %s (%s).", p->afm,
	    party_name(a, p));
	kit_cert_row(&c, "Διεύθυνση ακινήτου", prop->address);
	kit_cert_row(&c, "Δημοτική ενότητα", prop->unit);
	kit_cert_row(&c, "ΚΑΕΚ", k);
	kit_cert_row(&c, "Αριθμός παροχής ρεύματος", prop->power);
	kit_cert_row(&c, "Επιφάνεια (ΤΑΠ)", kit_aprintf(a, "%s m²", area));
	out->table_title = "Ακίνητο";
	kit_cert_remark(&c, "Η βεβαίωση αφορά μόνο το ΤΑΠ του ακινήτου, όχι "
	    "άλλες οφειλές του ιδιοκτήτη ή του χρήστη του.");
	out->holder = kit_adup(a, p->name);
	out->record_ref = kit_aprintf(a, "kaek:%s", prop->kaek);
	return kit_cert_finish(&c, out);
}

int
fincert_plan(const struct kit_alloc *a, const struct fin_party *p,
    const char *protocol, const char *submitted,
    const struct fin_plan_debt *debts, size_t ndebts,
    const struct plan *plan, const char *today, struct dm_certificate *out)
{
	struct kit_cert c;
	char due[11];

	memset(out, 0, sizeof(*out));
	kit_cert_init(&c, a);
	out->title = "ΑΠΟΦΑΣΗ ΡΥΘΜΙΣΗΣ ΟΦΕΙΛΩΝ ΣΕ ΔΟΣΕΙΣ";
	kit_cert_para(&c, "Έχοντας υπόψη την αίτηση με αριθμό πρωτοκόλλου %s "
	    "της %s για τον ΑΦΜ %s (%s) και τα στοιχεία της Ταμειακής "
	    "Υπηρεσίας, εγκρίνεται η εξόφληση των οφειλών που "
	    "ακολουθούν, συνολικού ποσού %s, σε %u μηνιαίες δόσεις.",
	    protocol, kit_adate(a, submitted), p->afm, party_name(a, p),
	    amount(a, plan->total), plan->n);
	if (plan->first != plan->regular)
		kit_cert_para(&c, "Η πρώτη δόση είναι %s και καθεμία από τις "
		    "επόμενες %u δόσεις %s.", amount(a, plan->first),
		    plan->n - 1, amount(a, plan->regular));
	else
		kit_cert_para(&c, "Κάθε δόση είναι %s.", amount(a,
		    plan->regular));
	if (plan_due(today, 0, due) != 0)
		return -1;
	kit_cert_para(&c, "Η πρώτη δόση λήγει την %s και κάθε επόμενη την "
	    "τελευταία ημέρα κάθε επόμενου μήνα. Οι δόσεις πληρώνονται με "
	    "τους κωδικούς πληρωμής που εμφανίζονται στις οφειλές σας.",
	    kit_adate(a, due));
	for (size_t i = 0; i < ndebts; i++)
		kit_cert_row(&c, kit_aprintf(a, "%s (%s, λήξη %s)",
		    debts[i].description, debts[i].ref, kit_adate(a,
		    debts[i].due)), amount(a, debts[i].amount));
	kit_cert_row(&c, "Σύνολο", amount(a, plan->total));
	for (unsigned i = 0; i < plan->n; i++) {
		if (plan_due(today, i, due) != 0)
			return -1;
		kit_cert_row(&c, kit_aprintf(a, "Δόση %u, λήξη %s", i + 1,
		    kit_adate(a, due)), amount(a, plan_amount(plan, i)));
	}
	out->table_title = "Οφειλές και δόσεις";
	kit_cert_remark(&c, "Αν δεν πληρωθούν εμπρόθεσμα δόσεις, η ρύθμιση "
	    "απόλλυται κατά τον νόμο και το υπόλοιπο γίνεται αμέσως "
	    "απαιτητό.");
	out->holder = kit_adup(a, p->name);
	out->record_ref = kit_aprintf(a, "plan:%s", protocol);
	return kit_cert_finish(&c, out);
}
