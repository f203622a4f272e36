/*
 * services.c - the civil registry's department and services, as data.
 * Owns: field and choice tables, texts in Greek and English, SLAs.
 */
#include <stddef.h>
#include <string.h>

#include "dimos/plugin.h"

#include "services.h"

static const struct dm_choice whom_choices[] = {
	{ .value = "self", .label_el = "Εμένα", .label_en = "Myself" },
	{ .value = "member", .label_el = "Μέλος της οικογενειακής μου μερίδας",
	  .label_en = "A member of my family record" },
	{ .value = NULL },
};

static const struct dm_choice purpose_choices[] = {
	{ .value = "any", .label_el = "Κάθε νόμιμη χρήση",
	  .label_en = "Any lawful use" },
	{ .value = "public", .label_el = "Υποβολή σε δημόσια υπηρεσία",
	  .label_en = "Submission to a public authority" },
	{ .value = "benefit", .label_el = "Επίδομα ή κοινωνική παροχή",
	  .label_en = "A benefit or allowance" },
	{ .value = "education", .label_el = "Εκπαιδευτικό ίδρυμα",
	  .label_en = "A school or university" },
	{ .value = "court", .label_el = "Δικαστική χρήση",
	  .label_en = "Court proceedings" },
	{ .value = "abroad", .label_el = "Χρήση στο εξωτερικό",
	  .label_en = "Use abroad" },
	{ .value = NULL },
};

static const struct dm_choice kin_purpose_choices[] = {
	{ .value = "inheritance",
	  .label_el = "Αποδοχή ή αποποίηση κληρονομιάς",
	  .label_en = "Accepting or renouncing an inheritance" },
	{ .value = "pension", .label_el = "Σύνταξη ή παροχή λόγω θανάτου",
	  .label_en = "A survivor's pension or benefit" },
	{ .value = "bank", .label_el = "Τράπεζα ή ασφαλιστική εταιρεία",
	  .label_en = "A bank or an insurance company" },
	{ .value = "court", .label_el = "Δικαστική χρήση",
	  .label_en = "Court proceedings" },
	{ .value = "any", .label_el = "Κάθε νόμιμη χρήση",
	  .label_en = "Any lawful use" },
	{ .value = NULL },
};

static const struct dm_choice relationship_choices[] = {
	{ .value = "spouse", .label_el = "Σύζυγος", .label_en = "Spouse" },
	{ .value = "child", .label_el = "Τέκνο", .label_en = "Child" },
	{ .value = "parent", .label_el = "Γονέας", .label_en = "Parent" },
	{ .value = "sibling", .label_el = "Αδελφός ή αδελφή",
	  .label_en = "Brother or sister" },
	{ .value = "grandchild", .label_el = "Εγγονός ή εγγονή",
	  .label_en = "Grandchild" },
	{ .value = "other", .label_el = "Άλλος κληρονόμος ή πληρεξούσιος",
	  .label_en = "Another heir or an authorised representative" },
	{ .value = NULL },
};

/* The first fields of the certificates one may ask for oneself or a member
 * of one's family record. */
#define WHOM_FIELDS							\
	{ .name = "whom", .type = DM_FIELD_CHOICE,			\
	  .label_el = "Για ποιον το ζητάτε",				\
	  .label_en = "Whom it is about",				\
	  .hint_el = "Για εσάς ή για μέλος της δικής σας οικογενειακής "	\
	      "μερίδας (σύζυγο, τέκνο).",				\
	  .hint_en = "Yourself, or a member of your own family record "	\
	      "(spouse, child).",					\
	  .flags = DM_FIELD_REQUIRED, .choices = whom_choices },	\
	{ .name = "member_surname", .type = DM_FIELD_STRING,		\
	  .label_el = "Επώνυμο του μέλους",				\
	  .label_en = "The member's surname",				\
	  .hint_el = "Μόνο αν το ζητάτε για μέλος της μερίδας σας.",	\
	  .hint_en = "Only if it is about a member of your family "	\
	      "record.",						\
	  .flags = DM_FIELD_PERSONAL, .max = 64 },			\
	{ .name = "member_name", .type = DM_FIELD_STRING,		\
	  .label_el = "Όνομα του μέλους",				\
	  .label_en = "The member's first name",			\
	  .flags = DM_FIELD_PERSONAL, .max = 64 },			\
	{ .name = "member_birth_date", .type = DM_FIELD_DATE,		\
	  .label_el = "Ημερομηνία γέννησης του μέλους",			\
	  .label_en = "The member's date of birth",			\
	  .flags = DM_FIELD_PERSONAL }

#define PURPOSE_FIELD							\
	{ .name = "purpose", .type = DM_FIELD_CHOICE,			\
	  .label_el = "Σκοπός έκδοσης", .label_en = "Purpose",		\
	  .hint_el = "Πού θα χρησιμοποιήσετε το πιστοποιητικό.",	\
	  .hint_en = "Where you will use the certificate.",		\
	  .flags = DM_FIELD_REQUIRED, .choices = purpose_choices }

#define END_FIELDS	{ .name = NULL }

static const struct dm_field family_fields[] = {
	WHOM_FIELDS,
	PURPOSE_FIELD,
	END_FIELDS,
};

static const struct dm_field birth_fields[] = {
	WHOM_FIELDS,
	PURPOSE_FIELD,
	END_FIELDS,
};

static const struct dm_field kin_fields[] = {
	{ .name = "deceased_surname", .type = DM_FIELD_STRING,
	  .label_el = "Επώνυμο του θανόντος",
	  .label_en = "Surname of the deceased",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL, .min = 2, .max = 64 },
	{ .name = "deceased_name", .type = DM_FIELD_STRING,
	  .label_el = "Όνομα του θανόντος",
	  .label_en = "First name of the deceased",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL, .min = 2, .max = 64 },
	{ .name = "deceased_father", .type = DM_FIELD_STRING,
	  .label_el = "Όνομα πατέρα του θανόντος",
	  .label_en = "Father's name of the deceased",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL, .min = 2, .max = 64 },
	{ .name = "death_date", .type = DM_FIELD_DATE,
	  .label_el = "Ημερομηνία θανάτου", .label_en = "Date of death",
	  .hint_el = "Όπως γράφει η ληξιαρχική πράξη θανάτου.",
	  .hint_en = "As on the death certificate.",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL },
	{ .name = "death_certificate", .type = DM_FIELD_FILE,
	  .label_el = "Ληξιαρχική πράξη θανάτου",
	  .label_en = "Death certificate",
	  .hint_el = "Αντίγραφο της ληξιαρχικής πράξης θανάτου (PDF, JPEG ή "
	      "PNG).",
	  .hint_en = "A copy of the death certificate (PDF, JPEG or PNG).",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 2 },
	{ .name = "relationship", .type = DM_FIELD_CHOICE,
	  .label_el = "Η σχέση σας με τον θανόντα",
	  .label_en = "Your relationship to the deceased",
	  .flags = DM_FIELD_REQUIRED, .choices = relationship_choices },
	{ .name = "purpose", .type = DM_FIELD_CHOICE,
	  .label_el = "Σκοπός έκδοσης", .label_en = "Purpose",
	  .flags = DM_FIELD_REQUIRED, .choices = kin_purpose_choices },
	END_FIELDS,
};

static const struct dm_field residence_fields[] = {
	{ .name = "address", .type = DM_FIELD_ADDRESS,
	  .label_el = "Διεύθυνση μόνιμης κατοικίας",
	  .label_en = "Address of permanent residence",
	  .hint_el = "Οδός, αριθμός, ταχυδρομικός κώδικας και οικισμός.",
	  .hint_en = "Street, number, postcode and village or town.",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL, .min = 5,
	  .max = 200 },
	{ .name = "proof", .type = DM_FIELD_FILE,
	  .label_el = "Αποδεικτικό κατοικίας",
	  .label_en = "Proof of residence",
	  .hint_el = "Λογαριασμός ΔΕΚΟ, μισθωτήριο ή εκκαθαριστικό εφορίας με "
	      "τη διεύθυνσή σας (έως 3 αρχεία).",
	  .hint_en = "A utility bill, lease or tax assessment showing your "
	      "address (up to 3 files).", .flags = DM_FIELD_REQUIRED, .min = 1,
	  .max = 3 },
	PURPOSE_FIELD,
	END_FIELDS,
};

static const struct dm_field origin_fields[] = {
	WHOM_FIELDS,
	PURPOSE_FIELD,
	END_FIELDS,
};

const struct dm_service cr_services[] = {
	{
		.code = CR_SVC_FAMILY,
		.title_el = "Πιστοποιητικό οικογενειακής κατάστασης",
		.title_en = "Family status certificate",
		.summary_el = "Τα μέλη της οικογενειακής σας μερίδας όπως "
		    "είναι εγγεγραμμένα στο Δημοτολόγιο, για εσάς ή για "
		    "μέλος της μερίδας σας.",
		.summary_en = "The members of your family record as the "
		    "civil registry holds them, for yourself or a member of "
		    "your family record.",
		.description_el = "Το πιστοποιητικό οικογενειακής κατάστασης "
		    "δείχνει την οικογενειακή μερίδα στην οποία είστε "
		    "εγγεγραμμένοι στο Δημοτολόγιο του Δήμου και τα μέλη "
		    "της: σύζυγο, τέκνα, με τα στοιχεία γέννησής τους.\n\n"
		    "Αν τα στοιχεία σας από το TaxisNet ταυτοποιηθούν στο "
		    "Δημοτολόγιο, το πιστοποιητικό εκδίδεται αμέσως και το "
		    "βρίσκετε στην ψηφιακή σας θυρίδα. Αλλιώς η αίτηση "
		    "πηγαίνει σε υπάλληλο του Δημοτολογίου, που την "
		    "εξετάζει μέσα σε δύο εργάσιμες ημέρες.\n\n"
		    "Μπορείτε να το ζητήσετε για εσάς ή για μέλος της δικής "
		    "σας οικογενειακής μερίδας. Κάθε πιστοποιητικό φέρει "
		    "κωδικό και QR για ηλεκτρονική επαλήθευση.",
		.description_en = "The family status certificate shows the "
		    "family record you are registered in at the "
		    "municipality's civil registry and its members: spouse "
		    "and children, with their birth details.\n\nIf your "
		    "TaxisNet details match the registry, the certificate "
		    "is issued at once and you find it in your digital "
		    "mailbox. Otherwise a registry clerk examines the "
		    "request within two working days.\n\nYou can ask for "
		    "it for yourself or a member of your own family record. "
		    "Every certificate carries a code and a QR code for "
		    "online verification.",
		.keywords = "οικογενειακής κατάστασης,οικογενειακή "
		    "μερίδα,δημοτολόγιο,πιστοποιητικό,family status,"
		    "certificate",
		.fields = family_fields,
		.sla_days = 2,
		.flags = DM_SERVICE_LEVEL_B,
		.result = DM_RESULT_CERTIFICATE,
	},
	{
		.code = CR_SVC_BIRTH,
		.title_el = "Πιστοποιητικό γέννησης",
		.title_en = "Birth certificate",
		.summary_el = "Τα στοιχεία γέννησης όπως είναι "
		    "καταχωρισμένα στο Δημοτολόγιο, για εσάς ή για μέλος "
		    "της οικογενειακής σας μερίδας.",
		.summary_en = "Birth details as the civil registry holds "
		    "them, for yourself or a member of your family record.",
		.description_el = "Το πιστοποιητικό γέννησης βεβαιώνει "
		    "ημερομηνία και τόπο γέννησης, ονόματα γονέων και την "
		    "οικογενειακή μερίδα εγγραφής στο Δημοτολόγιο.\n\n"
		    "Με σύνδεση μέσω TaxisNet και ταυτοποίηση στο "
		    "Δημοτολόγιο εκδίδεται αμέσως στην ψηφιακή σας θυρίδα· "
		    "αλλιώς το εκδίδει υπάλληλος μέσα σε δύο εργάσιμες "
		    "ημέρες.\n\nΓια τη ληξιαρχική πράξη γέννησης "
		    "απευθυνθείτε στο Ληξιαρχείο του τόπου γέννησης.",
		.description_en = "The birth certificate states the date "
		    "and place of birth, the parents' names and the family "
		    "record in the civil registry.\n\nWhen you log in "
		    "through TaxisNet and match the registry it is issued "
		    "at once to your digital mailbox; otherwise a clerk "
		    "issues it within two working days.\n\nFor the birth "
		    "record itself, contact the registry office of the "
		    "place of birth.",
		.keywords = "γέννησης,πιστοποιητικό,δημοτολόγιο,birth,"
		    "certificate",
		.fields = birth_fields,
		.sla_days = 2,
		.flags = DM_SERVICE_LEVEL_B,
		.result = DM_RESULT_CERTIFICATE,
	},
	{
		.code = CR_SVC_KIN,
		.title_el = "Πιστοποιητικό εγγυτέρων συγγενών",
		.title_en = "Next-of-kin certificate",
		.summary_el = "Οι εγγύτεροι συγγενείς ενός θανόντος δημότη, "
		    "για κληρονομιά, σύνταξη ή τράπεζα.",
		.summary_en = "The next of kin of a deceased citizen, for "
		    "an inheritance, a pension or a bank.",
		.description_el = "Το πιστοποιητικό εγγυτέρων συγγενών "
		    "απαριθμεί τον/τη σύζυγο, τα τέκνα, τους γονείς και τα "
		    "αδέλφια του θανόντος, όπως είναι καταχωρισμένοι στο "
		    "Δημοτολόγιο.\n\nΕπισυνάψτε τη ληξιαρχική πράξη "
		    "θανάτου. Την αίτηση εξετάζει πάντα υπάλληλος του "
		    "Δημοτολογίου και τη βλέπουν μόνο εσείς και η υπηρεσία· "
		    "το πιστοποιητικό έρχεται στην ψηφιακή σας θυρίδα.",
		.description_en = "The next-of-kin certificate lists the "
		    "spouse, children, parents and siblings of the "
		    "deceased as the civil registry holds them.\n\nAttach "
		    "the death certificate. A registry clerk always "
		    "examines the request, which only you and the "
		    "department can see; the certificate comes to your "
		    "digital mailbox.",
		.keywords = "εγγυτέρων συγγενών,κληρονομιά,θάνατος,"
		    "πλησιεστέρων,next of kin,inheritance",
		.fields = kin_fields,
		.sla_days = 5,
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_CONFIDENTIAL,
		.result = DM_RESULT_CERTIFICATE,
	},
	{
		.code = CR_SVC_RESIDENCE,
		.title_el = "Βεβαίωση μόνιμης κατοικίας",
		.title_en = "Certificate of permanent residence",
		.summary_el = "Βεβαίωση ότι κατοικείτε μόνιμα στον Δήμο, "
		    "με βάση αποδεικτικό κατοικίας.",
		.summary_en = "A certificate that you live permanently in "
		    "the municipality, based on a proof of residence.",
		.description_el = "Η βεβαίωση μόνιμης κατοικίας χρειάζεται, "
		    "για παράδειγμα, για μετεγγραφές φοιτητών, για "
		    "επιδόματα και για την άδεια διαμονής.\n\nΣυμπληρώστε "
		    "τη διεύθυνσή σας και επισυνάψτε ένα πρόσφατο "
		    "αποδεικτικό (λογαριασμό ΔΕΚΟ, μισθωτήριο ή "
		    "εκκαθαριστικό). Υπάλληλος ελέγχει τα δικαιολογητικά "
		    "και η βεβαίωση έρχεται στην ψηφιακή σας θυρίδα.",
		.description_en = "A certificate of permanent residence is "
		    "needed, for example, for student transfers, for "
		    "benefits and for residence permits.\n\nEnter your "
		    "address and attach a recent proof (a utility bill, a "
		    "lease or a tax assessment). A clerk checks the "
		    "documents and the certificate comes to your digital "
		    "mailbox.",
		.keywords = "μόνιμης κατοικίας,κατοικία,βεβαίωση,residence,"
		    "certificate",
		.fields = residence_fields,
		.sla_days = 3,
		.flags = DM_SERVICE_LEVEL_B,
		.result = DM_RESULT_CERTIFICATE,
	},
	{
		.code = CR_SVC_ORIGIN,
		.title_el = "Πιστοποιητικό δημοτικότητας και ιθαγένειας",
		.title_en = "Certificate of local origin and citizenship",
		.summary_el = "Βεβαιώνει ότι είστε δημότης του Δήμου και την "
		    "ιθαγένειά σας, όπως είναι στο Δημοτολόγιο.",
		.summary_en = "States that you are registered as a citizen "
		    "of the municipality, and your citizenship, as the "
		    "civil registry holds them.",
		.description_el = "Το πιστοποιητικό δημοτικότητας "
		    "(ιθαγένειας) βεβαιώνει την εγγραφή σας στο Δημοτολόγιο "
		    "του Δήμου και την ιθαγένειά σας. Ζητείται, για "
		    "παράδειγμα, για διορισμό στο Δημόσιο, για στρατολογικά "
		    "θέματα και για έκδοση διαβατηρίου.\n\nΤο εκδίδει "
		    "υπάλληλος του Δημοτολογίου μέσα σε δύο εργάσιμες "
		    "ημέρες.",
		.description_en = "The certificate of local origin "
		    "(citizenship) states that you are registered in the "
		    "municipality's civil registry, and your citizenship. "
		    "It is asked for, for example, when appointed to the "
		    "civil service, for military service and for a "
		    "passport.\n\nA registry clerk issues it within two "
		    "working days.",
		.keywords = "δημοτικότητας,ιθαγένειας,δημότης,local origin,"
		    "citizenship",
		.fields = origin_fields,
		.sla_days = 2,
		.flags = DM_SERVICE_LEVEL_B,
		.result = DM_RESULT_CERTIFICATE,
	},
	{ .code = NULL },
};

const struct dm_department cr_department = {
	.code = "civil_registry",
	.name_el = "Δημοτολόγιο",
	.name_en = "Civil registry",
	.description_el = "Οικογενειακές μερίδες των δημοτών και τα "
	    "πιστοποιητικά που εκδίδονται από αυτές: οικογενειακής "
	    "κατάστασης, γέννησης, εγγυτέρων συγγενών, μόνιμης κατοικίας, "
	    "δημοτικότητας.",
	.description_en = "The family records of the municipality's "
	    "citizens and the certificates issued from them: family "
	    "status, birth, next of kin, permanent residence, local "
	    "origin.",
	.contact_email = NULL,
	.contact_phone = NULL,
};

const char *
cr_choice_label(const struct dm_service *svc, const char *field,
    const char *value)
{
	if (value == NULL)
		return NULL;
	for (const struct dm_field *f = svc->fields; f->name != NULL; f++) {
		if (strcmp(f->name, field) != 0 || f->choices == NULL)
			continue;
		for (const struct dm_choice *c = f->choices; c->value != NULL;
		    c++)
			if (strcmp(c->value, value) == 0)
				return c->label_el;
	}
	return NULL;
}
