/*
 * services.c - the finance department and its services, as data.
 */
#include <stddef.h>

#include "dimos/plugin.h"

#include "services.h"

static const struct dm_choice purposes[] = {
	{ .value = "payment", .label_el = "Είσπραξη χρημάτων από τον Δήμο "
	    "(πληρωμή προμηθευτή ή δικαιούχου)",
	  .label_en = "Receiving a payment from the municipality" },
	{ .value = "property", .label_el = "Μεταβίβαση ή υποθήκη ακινήτου",
	  .label_en = "Transfer or mortgage of a property" },
	{ .value = "tender", .label_el = "Συμμετοχή σε διαγωνισμό",
	  .label_en = "Taking part in a tender" },
	{ .value = "licence", .label_el = "Άδεια ή παράταση λειτουργίας "
	    "καταστήματος", .label_en = "A shop's operating licence" },
	{ .value = "other", .label_el = "Άλλη χρήση",
	  .label_en = "Another use" },
	{ .value = NULL },
};

static const struct dm_field nodebt_fields[] = {
	{ .name = "purpose", .type = DM_FIELD_CHOICE,
	  .label_el = "Για ποια χρήση", .label_en = "What it is for",
	  .flags = DM_FIELD_REQUIRED, .choices = purposes },
	{ .name = "purpose_other", .type = DM_FIELD_STRING,
	  .label_el = "Άλλη χρήση", .label_en = "Other use",
	  .hint_el = "Μόνο αν επιλέξατε «Άλλη χρήση».",
	  .hint_en = "Only if you chose «Another use».",
	  .min = 3, .max = 150 },
	{ .name = NULL },
};

static const struct dm_field tap_fields[] = {
	{ .name = "address", .type = DM_FIELD_ADDRESS,
	  .label_el = "Διεύθυνση ακινήτου", .label_en = "Property's address",
	  .flags = DM_FIELD_REQUIRED, .max = 200 },
	{ .name = "kaek", .type = DM_FIELD_STRING,
	  .label_el = "ΚΑΕΚ", .label_en = "Cadastral code (ΚΑΕΚ)",
	  .hint_el = "Ο Κωδικός Αριθμός Εθνικού Κτηματολογίου: 12 ψηφία, "
	      "όπως στο απόσπασμα κτηματολογικού διαγράμματος (π.χ. "
	      "421180202001 ή 421180202001/0/1 για διαμέρισμα).",
	  .hint_en = "The 12-digit national cadastre code, as on the "
	      "cadastral extract (e.g. 421180202001, or 421180202001/0/1 for "
	      "a flat).",
	  .flags = DM_FIELD_REQUIRED, .min = 12, .max = 30 },
	{ .name = "power_supply", .type = DM_FIELD_STRING,
	  .label_el = "Αριθμός παροχής ρεύματος",
	  .label_en = "Electricity supply number",
	  .hint_el = "Όπως στον λογαριασμό ρεύματος (9 έως 12 ψηφία).",
	  .hint_en = "As on the electricity bill (9 to 12 digits).",
	  .flags = DM_FIELD_REQUIRED, .min = 9, .max = 20 },
	{ .name = "contract", .type = DM_FIELD_FILE,
	  .label_el = "Σχέδιο συμβολαίου", .label_en = "Draft contract",
	  .hint_el = "Το σχέδιο του συμβολαίου μεταβίβασης, σε PDF.",
	  .hint_en = "The draft transfer contract, as a PDF.",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 1,
	  .accept = DM_ACCEPT_PDF },
	{ .name = NULL },
};

static const struct dm_field plan_fields[] = {
	{ .name = "debts", .type = DM_FIELD_MULTICHOICE,
	  .label_el = "Οφειλές προς ρύθμιση", .label_en = "Debts to settle",
	  .hint_el = "Επιλέξτε από τις ανεξόφλητες οφειλές σας.",
	  .hint_en = "Choose from your unpaid debts.",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_OWN_CHOICES,
	  .min = 1, .max = 100 },
	{ .name = "instalments", .type = DM_FIELD_NUMBER,
	  .label_el = "Αριθμός μηνιαίων δόσεων",
	  .label_en = "Number of monthly instalments",
	  .hint_el = "Από 2 έως 48. Η μηνιαία δόση φαίνεται πριν από την "
	      "υποβολή.",
	  .hint_en = "From 2 to 48. You see the monthly amount before you "
	      "submit.",
	  .flags = DM_FIELD_REQUIRED, .min = 2, .max = 48 },
	{ .name = NULL },
};

const struct dm_service finance_services[] = {
	{
		.code = SVC_NODEBT,
		.title_el = "Βεβαίωση δημοτικής ενημερότητας",
		.title_en = "Certificate of no debt to the municipality",
		.summary_el = "Βεβαίωση ότι δεν έχετε ληξιπρόθεσμες οφειλές "
		    "προς τον Δήμο· εκδίδεται αμέσως όταν δεν υπάρχουν.",
		.summary_en = "A certificate that you owe the municipality "
		    "nothing overdue; issued at once when that is so.",
		.description_el = "Η δημοτική ενημερότητα ζητείται για "
		    "πληρωμές από τον Δήμο, μεταβιβάσεις ακινήτων, "
		    "διαγωνισμούς και άδειες. Αν στα στοιχεία της Ταμειακής "
		    "Υπηρεσίας δεν υπάρχει ληξιπρόθεσμη οφειλή με τον ΑΦΜ "
		    "σας, η βεβαίωση εκδίδεται αμέσως, σφραγισμένη, στη "
		    "θυρίδα σας.\n\nΑν υπάρχουν ληξιπρόθεσμες οφειλές, την "
		    "αίτηση εξετάζει υπάλληλος: οφειλές σε ρύθμιση που "
		    "τηρείται δεν εμποδίζουν την έκδοση. Δείτε τις οφειλές "
		    "σας και πληρώστε τες με τον κωδικό RF τους στη σελίδα «Οι "
		    "οφειλές μου».",
		.description_en = "The certificate is asked for payments by "
		    "the municipality, property transfers, tenders and "
		    "licences. If the revenue office records nothing overdue "
		    "under your tax number, it is issued at once, sealed, to "
		    "your mailbox.\n\nIf there are overdue debts, a clerk "
		    "looks at the request: debts in an instalment arrangement "
		    "you keep do not stand in the way. See your debts and pay "
		    "them with their RF code on the «My debts» page.",
		.keywords = "ενημερότητα,οφειλές,βεβαίωση,no debt,certificate",
		.fields = nodebt_fields,
		.sla_days = 2,
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_CERTIFICATE,
	},
	{
		.code = SVC_TAP,
		.title_el = "Βεβαίωση ΤΑΠ για μεταβίβαση ακινήτου",
		.title_en = "Property levy (ΤΑΠ) certificate for a transfer",
		.summary_el = "Βεβαίωση ότι δεν οφείλεται Τέλος Ακίνητης "
		    "Περιουσίας για το ακίνητο που μεταβιβάζεται.",
		.summary_en = "A certificate that no property levy (ΤΑΠ) is "
		    "owed on a property being transferred.",
		.description_el = "Ο συμβολαιογράφος τη ζητά για κάθε "
		    "μεταβίβαση. Δώστε τον ΚΑΕΚ και τον αριθμό παροχής "
		    "ρεύματος του ακινήτου και επισυνάψτε το σχέδιο του "
		    "συμβολαίου. Αν το ακίνητο είναι στο μητρώο ΤΑΠ του Δήμου "
		    "χωρίς οφειλή, η βεβαίωση εκδίδεται αμέσως· αλλιώς την "
		    "εξετάζει υπάλληλος.",
		.description_en = "The notary asks for it for every transfer. "
		    "Give the property's cadastral code and electricity supply "
		    "number and attach the draft contract. If the property is "
		    "in the municipality's ΤΑΠ register with nothing owed, it "
		    "is issued at once; otherwise a clerk looks at it.",
		.keywords = "ΤΑΠ,μεταβίβαση,ακίνητο,ΚΑΕΚ,property,transfer",
		.fields = tap_fields,
		.sla_days = 3,
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_CERTIFICATE,
	},
	{
		.code = SVC_PLAN,
		.title_el = "Ρύθμιση οφειλών σε δόσεις",
		.title_en = "Paying debts in instalments",
		.summary_el = "Ζητήστε να εξοφλήσετε οφειλές σας σε 2 έως 48 "
		    "μηνιαίες δόσεις.",
		.summary_en = "Ask to pay your debts in 2 to 48 monthly "
		    "instalments.",
		.description_el = "Επιλέγετε τις οφειλές από τη λίστα σας και "
		    "τον αριθμό των δόσεων· πριν από την υποβολή βλέπετε το "
		    "ποσό κάθε δόσης. Η ελάχιστη μηνιαία δόση ορίζεται από τον "
		    "Δήμο. Με την έγκριση λαμβάνετε στη θυρίδα σας την απόφαση "
		    "με τις δόσεις και τις ημερομηνίες λήξης τους.",
		.description_en = "Choose the debts from your list and the "
		    "number of instalments; before submitting you see the "
		    "amount of each. The smallest monthly instalment is set by "
		    "the municipality. Once approved, the decision with the "
		    "instalments and their due dates is in your mailbox.",
		.keywords = "ρύθμιση,δόσεις,οφειλές,instalments,arrangement",
		.fields = plan_fields,
		.sla_days = 10,
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_CERTIFICATE,
	},
	{ .code = NULL },
};

const struct dm_department finance_department = {
	.code = "finance",
	.name_el = "Οικονομικές Υπηρεσίες",
	.name_en = "Finance department",
	.description_el = "Οφειλές προς τον Δήμο και κωδικοί πληρωμής, "
	    "δημοτική ενημερότητα, βεβαιώσεις ΤΑΠ, ρυθμίσεις οφειλών.",
	.description_en = "Debts to the municipality and payment codes, the "
	    "certificate of no debt, property levy certificates, instalment "
	    "plans.",
	.contact_email = "tameio@visaltia.gr",
	.contact_phone = "+30 23223 50120",
};
