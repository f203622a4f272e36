/*
 * services.c - the water department and its services, as data.
 * Fields named "supply" list the applicant's own supplies (the plugin's
 * choices hook); everything else is checked by the core from these
 * declarations and by water.c's validate.
 */
#include <stddef.h>
#include <string.h>

#include "dimos/plugin.h"

#include "irrigation.h"
#include "services.h"

static const struct dm_choice yes_no[] = {
	{ .value = "yes", .label_el = "Ναι", .label_en = "Yes" },
	{ .value = "no", .label_el = "Όχι", .label_en = "No" },
	{ .value = NULL },
};

static const struct dm_choice connection_kinds[] = {
	{ .value = "water", .label_el = "Ύδρευση (νερό)",
	  .label_en = "Water" },
	{ .value = "sewer", .label_el = "Αποχέτευση", .label_en = "Sewer" },
	{ .value = NULL },
};

static const struct dm_choice uses[] = {
	{ .value = "household", .label_el = "Οικιακή", .label_en = "Household" },
	{ .value = "commercial", .label_el = "Επαγγελματική",
	  .label_en = "Business" },
	{ .value = "agricultural", .label_el = "Αγροτική (κτηνοτροφική)",
	  .label_en = "Farming" },
	{ .value = NULL },
};

static const struct dm_choice holder_reasons[] = {
	{ .value = "sale", .label_el = "Αγορά του ακινήτου",
	  .label_en = "I bought the property" },
	{ .value = "lease", .label_el = "Μίσθωση", .label_en = "I rent it" },
	{ .value = "inheritance", .label_el = "Κληρονομιά",
	  .label_en = "Inheritance" },
	{ .value = NULL },
};

static const struct dm_choice disconnect_reasons[] = {
	{ .value = "vacant", .label_el = "Το ακίνητο μένει κενό",
	  .label_en = "The property will stand empty" },
	{ .value = "demolition", .label_el = "Κατεδάφιση ή ανακαίνιση",
	  .label_en = "Demolition or renovation" },
	{ .value = "other", .label_el = "Άλλος λόγος", .label_en = "Another "
	    "reason" },
	{ .value = NULL },
};

static const struct dm_choice meter_reasons[] = {
	{ .value = "broken", .label_el = "Χαλασμένο (δεν γράφει)",
	  .label_en = "Broken (does not count)" },
	{ .value = "frozen", .label_el = "Πάγωσε", .label_en = "Frozen" },
	{ .value = "illegible", .label_el = "Δεν διαβάζεται",
	  .label_en = "Cannot be read" },
	{ .value = "leaking", .label_el = "Στάζει", .label_en = "Leaking" },
	{ .value = "stolen", .label_el = "Κλάπηκε", .label_en = "Stolen" },
	{ .value = NULL },
};

static const struct dm_choice leak_places[] = {
	{ .value = "before", .label_el = "Πριν από το υδρόμετρο (δρόμος, "
	    "πεζοδρόμιο, δίκτυο)", .label_en = "Before the meter (street, "
	    "pavement, the network)" },
	{ .value = "after", .label_el = "Μετά το υδρόμετρο (μέσα στο ακίνητο)",
	  .label_en = "After the meter (inside the property)" },
	{ .value = "unknown", .label_el = "Δεν ξέρω", .label_en = "I do not "
	    "know" },
	{ .value = NULL },
};

static const struct dm_choice quality_problems[] = {
	{ .value = "colour", .label_el = "Χρώμα ή θολότητα",
	  .label_en = "Colour or cloudiness" },
	{ .value = "smell", .label_el = "Οσμή", .label_en = "Smell" },
	{ .value = "taste", .label_el = "Γεύση", .label_en = "Taste" },
	{ .value = "particles", .label_el = "Σωματίδια ή άμμος",
	  .label_en = "Particles or sand" },
	{ .value = "pressure", .label_el = "Χαμηλή πίεση",
	  .label_en = "Low pressure" },
	{ .value = NULL },
};

static const struct dm_choice sewer_places[] = {
	{ .value = "street", .label_el = "Στον δρόμο (φρεάτιο, αγωγός)",
	  .label_en = "In the street (manhole, main)" },
	{ .value = "connection", .label_el = "Στη σύνδεση του ακινήτου μου",
	  .label_en = "In my property's connection" },
	{ .value = NULL },
};

static const struct dm_choice dispute_reasons[] = {
	{ .value = "reading", .label_el = "Λάθος ένδειξη υδρομέτρου",
	  .label_en = "A wrong meter reading" },
	{ .value = "estimate", .label_el = "Εκτιμώμενη κατανάλωση αντί "
	    "καταμέτρησης", .label_en = "An estimate instead of a reading" },
	{ .value = "leak", .label_el = "Διαρροή μετά το υδρόμετρο που "
	    "επισκευάστηκε", .label_en = "A repaired leak after the meter" },
	{ .value = "tariff", .label_el = "Λάθος τιμολόγιο ή χρεώσεις",
	  .label_en = "The wrong tariff or charges" },
	{ .value = "other", .label_el = "Άλλος λόγος",
	  .label_en = "Another reason" },
	{ .value = NULL },
};

static const struct dm_choice crops[] = {
	{ .value = "cotton", .label_el = "Βαμβάκι", .label_en = "Cotton" },
	{ .value = "maize", .label_el = "Καλαμπόκι", .label_en = "Maize" },
	{ .value = "alfalfa", .label_el = "Μηδική (τριφύλλι)",
	  .label_en = "Alfalfa" },
	{ .value = "tobacco", .label_el = "Καπνός", .label_en = "Tobacco" },
	{ .value = "vegetables", .label_el = "Κηπευτικά",
	  .label_en = "Vegetables" },
	{ .value = "orchard", .label_el = "Δενδρώδεις καλλιέργειες",
	  .label_en = "Orchard" },
	{ .value = "olives", .label_el = "Ελαιόδεντρα", .label_en = "Olives" },
	{ .value = "vineyard", .label_el = "Αμπέλι", .label_en = "Vineyard" },
	{ .value = NULL },
};

static const struct dm_choice cert_purposes[] = {
	{ .value = "transfer", .label_el = "Μεταβίβαση ακινήτου",
	  .label_en = "Transfer of the property" },
	{ .value = "lease", .label_el = "Μίσθωση", .label_en = "A lease" },
	{ .value = "other", .label_el = "Άλλη χρήση", .label_en = "Another use" },
	{ .value = NULL },
};

#define SUPPLY_FIELD(hel, hen)						\
	{ .name = "supply", .type = DM_FIELD_CHOICE,			\
	  .label_el = "Παροχή", .label_en = "Supply",			\
	  .hint_el = hel, .hint_en = hen,				\
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_OWN_CHOICES }

static const struct dm_field reading_fields[] = {
	SUPPLY_FIELD("Οι παροχές ύδρευσης με υδρόμετρο στο όνομά σας.",
	    "The water supplies with a meter in your name."),
	{ .name = "reading", .type = DM_FIELD_NUMBER,
	  .label_el = "Ένδειξη υδρομέτρου (m³)",
	  .label_en = "Meter reading (m³)",
	  .hint_el = "Τα μαύρα ψηφία του μετρητή, χωρίς τα κόκκινα.",
	  .hint_en = "The black digits of the dial, without the red ones.",
	  .flags = DM_FIELD_REQUIRED, .min = 0, .max = 99999999 },
	{ .name = "photo", .type = DM_FIELD_FILE,
	  .label_el = "Φωτογραφία του υδρομέτρου",
	  .label_en = "Photo of the meter",
	  .hint_el = "Προαιρετική· βοηθά αν η ένδειξη φανεί ασυνήθιστη.",
	  .hint_en = "Optional; it helps if the reading looks unusual.",
	  .max = 1, .accept = DM_ACCEPT_PHOTO },
	{ .name = NULL },
};

static const struct dm_field connection_fields[] = {
	{ .name = "kind", .type = DM_FIELD_CHOICE,
	  .label_el = "Σύνδεση με", .label_en = "Connection to",
	  .flags = DM_FIELD_REQUIRED, .choices = connection_kinds },
	{ .name = "address", .type = DM_FIELD_ADDRESS,
	  .label_el = "Διεύθυνση ακινήτου", .label_en = "Property's address",
	  .flags = DM_FIELD_REQUIRED, .max = 200 },
	{ .name = "kaek", .type = DM_FIELD_STRING,
	  .label_el = "ΚΑΕΚ (αν υπάρχει)", .label_en = "ΚΑΕΚ (if any)",
	  .hint_el = "12 ψηφία, από το απόσπασμα του κτηματολογίου.",
	  .hint_en = "12 digits, from the cadastral extract.",
	  .min = 12, .max = 30 },
	{ .name = "use", .type = DM_FIELD_CHOICE,
	  .label_el = "Χρήση", .label_en = "Use",
	  .flags = DM_FIELD_REQUIRED, .choices = uses },
	{ .name = "documents", .type = DM_FIELD_FILE,
	  .label_el = "Έγγραφα ακινήτου", .label_en = "Property documents",
	  .hint_el = "Τίτλος ιδιοκτησίας ή μισθωτήριο, άδεια δόμησης, "
	      "τοπογραφικό (PDF ή φωτογραφίες, έως 5 αρχεία).",
	  .hint_en = "Title deed or lease, building permit, site plan (PDF or "
	      "photos, up to 5 files).",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 5,
	  .accept = DM_ACCEPT_PDF | DM_ACCEPT_PHOTO },
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο για το συνεργείο",
	  .label_en = "Phone for the crew", .flags = DM_FIELD_REQUIRED },
	{ .name = NULL },
};

static const struct dm_field holder_fields[] = {
	{ .name = "supply_no", .type = DM_FIELD_STRING,
	  .label_el = "Αριθμός παροχής", .label_en = "Supply number",
	  .hint_el = "Όπως στον λογαριασμό νερού.",
	  .hint_en = "As on the water bill.",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 14 },
	{ .name = "reason", .type = DM_FIELD_CHOICE,
	  .label_el = "Λόγος", .label_en = "Reason",
	  .flags = DM_FIELD_REQUIRED, .choices = holder_reasons },
	{ .name = "from", .type = DM_FIELD_DATE,
	  .label_el = "Από", .label_en = "From",
	  .hint_el = "Η ημερομηνία του συμβολαίου ή της μίσθωσης.",
	  .hint_en = "The date of the contract or lease.",
	  .flags = DM_FIELD_REQUIRED },
	{ .name = "reading", .type = DM_FIELD_NUMBER,
	  .label_el = "Ένδειξη υδρομέτρου κατά την παράδοση (m³)",
	  .label_en = "Meter reading at hand-over (m³)",
	  .min = 0, .max = 99999999 },
	{ .name = "documents", .type = DM_FIELD_FILE,
	  .label_el = "Συμβόλαιο ή μισθωτήριο", .label_en = "Contract or "
	      "lease", .flags = DM_FIELD_REQUIRED, .min = 1, .max = 3,
	  .accept = DM_ACCEPT_PDF | DM_ACCEPT_PHOTO },
	{ .name = NULL },
};

static const struct dm_field disconnect_fields[] = {
	SUPPLY_FIELD(NULL, NULL),
	{ .name = "date", .type = DM_FIELD_DATE,
	  .label_el = "Από πότε", .label_en = "From when",
	  .flags = DM_FIELD_REQUIRED },
	{ .name = "reason", .type = DM_FIELD_CHOICE,
	  .label_el = "Λόγος", .label_en = "Reason",
	  .flags = DM_FIELD_REQUIRED, .choices = disconnect_reasons },
	{ .name = NULL },
};

static const struct dm_field reconnect_fields[] = {
	SUPPLY_FIELD(NULL, NULL),
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο για το συνεργείο",
	  .label_en = "Phone for the crew", .flags = DM_FIELD_REQUIRED },
	{ .name = NULL },
};

static const struct dm_field meter_fields[] = {
	SUPPLY_FIELD(NULL, NULL),
	{ .name = "reason", .type = DM_FIELD_CHOICE,
	  .label_el = "Τι συμβαίνει", .label_en = "What is wrong",
	  .flags = DM_FIELD_REQUIRED, .choices = meter_reasons },
	{ .name = "photo", .type = DM_FIELD_FILE,
	  .label_el = "Φωτογραφία", .label_en = "Photo",
	  .max = 2, .accept = DM_ACCEPT_PHOTO },
	{ .name = NULL },
};

static const struct dm_field leak_fields[] = {
	{ .name = "where", .type = DM_FIELD_CHOICE,
	  .label_el = "Πού είναι η διαρροή", .label_en = "Where the leak is",
	  .flags = DM_FIELD_REQUIRED, .choices = leak_places },
	{ .name = "location", .type = DM_FIELD_ADDRESS,
	  .label_el = "Σημείο", .label_en = "Place",
	  .hint_el = "Διεύθυνση ή σημείο αναφοράς· μπορείτε να το δείξετε "
	      "και στον χάρτη.",
	  .hint_en = "An address or landmark; you may also show it on the "
	      "map.", .flags = DM_FIELD_REQUIRED, .max = 200 },
	{ .name = "urgent", .type = DM_FIELD_CHOICE,
	  .label_el = "Τρέχει πολύ νερό ή κινδυνεύει κάποιος;",
	  .label_en = "Is a lot of water running, or is anyone at risk?",
	  .flags = DM_FIELD_REQUIRED, .choices = yes_no },
	{ .name = "description", .type = DM_FIELD_TEXT,
	  .label_el = "Περιγραφή", .label_en = "Description",
	  .max = 2000 },
	{ .name = "photo", .type = DM_FIELD_FILE,
	  .label_el = "Φωτογραφίες", .label_en = "Photos",
	  .max = 3, .accept = DM_ACCEPT_PHOTO },
	{ .name = NULL },
};

static const struct dm_field quality_fields[] = {
	{ .name = "address", .type = DM_FIELD_ADDRESS,
	  .label_el = "Διεύθυνση", .label_en = "Address",
	  .flags = DM_FIELD_REQUIRED, .max = 200 },
	{ .name = "problem", .type = DM_FIELD_MULTICHOICE,
	  .label_el = "Τι παρατηρείτε", .label_en = "What you notice",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 5,
	  .choices = quality_problems },
	{ .name = "since", .type = DM_FIELD_DATE,
	  .label_el = "Από πότε", .label_en = "Since when" },
	{ .name = "description", .type = DM_FIELD_TEXT,
	  .label_el = "Περιγραφή", .label_en = "Description",
	  .max = 2000 },
	{ .name = "photo", .type = DM_FIELD_FILE,
	  .label_el = "Φωτογραφίες", .label_en = "Photos",
	  .max = 3, .accept = DM_ACCEPT_PHOTO },
	{ .name = NULL },
};

static const struct dm_field sewer_fields[] = {
	{ .name = "where", .type = DM_FIELD_CHOICE,
	  .label_el = "Πού", .label_en = "Where",
	  .flags = DM_FIELD_REQUIRED, .choices = sewer_places },
	{ .name = "location", .type = DM_FIELD_ADDRESS,
	  .label_el = "Σημείο", .label_en = "Place",
	  .flags = DM_FIELD_REQUIRED, .max = 200 },
	{ .name = "urgent", .type = DM_FIELD_CHOICE,
	  .label_el = "Υπερχειλίζει σε δρόμο ή σπίτι;",
	  .label_en = "Is it overflowing into a street or a home?",
	  .flags = DM_FIELD_REQUIRED, .choices = yes_no },
	{ .name = "description", .type = DM_FIELD_TEXT,
	  .label_el = "Περιγραφή", .label_en = "Description", .max = 2000 },
	{ .name = "photo", .type = DM_FIELD_FILE,
	  .label_el = "Φωτογραφίες", .label_en = "Photos",
	  .max = 3, .accept = DM_ACCEPT_PHOTO },
	{ .name = NULL },
};

static const struct dm_field dispute_fields[] = {
	{ .name = "bill", .type = DM_FIELD_STRING,
	  .label_el = "Αριθμός λογαριασμού", .label_en = "Bill number",
	  .hint_el = "Όπως στον λογαριασμό· τον βλέπετε και στις «Παροχές "
	      "μου».",
	  .hint_en = "As on the bill; it is also under «My supplies».",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 14 },
	{ .name = "amount", .type = DM_FIELD_STRING,
	  .label_el = "Ποσό λογαριασμού (€)", .label_en = "Bill amount (€)",
	  .hint_el = "Όπως είναι τυπωμένο, π.χ. 48,30.",
	  .hint_en = "As printed, e.g. 48,30.",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 20 },
	{ .name = "reason", .type = DM_FIELD_CHOICE,
	  .label_el = "Λόγος", .label_en = "Reason",
	  .flags = DM_FIELD_REQUIRED, .choices = dispute_reasons },
	{ .name = "explanation", .type = DM_FIELD_TEXT,
	  .label_el = "Εξηγήστε", .label_en = "Explain",
	  .flags = DM_FIELD_REQUIRED, .min = 10, .max = 3000 },
	{ .name = "evidence", .type = DM_FIELD_FILE,
	  .label_el = "Στοιχεία (φωτογραφία υδρομέτρου, τιμολόγιο "
	      "υδραυλικού)", .label_en = "Evidence (meter photo, plumber's "
	      "invoice)", .max = 3, .accept = DM_ACCEPT_PDF | DM_ACCEPT_PHOTO },
	{ .name = NULL },
};

static const struct dm_field irrigation_fields[] = {
	{ .name = "parcel_kaek", .type = DM_FIELD_STRING,
	  .label_el = "ΚΑΕΚ αγροτεμαχίου", .label_en = "Parcel's ΚΑΕΚ",
	  .hint_el = "12 ψηφία· αν το αγροτεμάχιο δεν έχει ΚΑΕΚ, γράψτε την "
	      "τοποθεσία του παρακάτω.",
	  .hint_en = "12 digits; if the parcel has none, give its field "
	      "name below.", .min = 12, .max = 30 },
	{ .name = "parcel_name", .type = DM_FIELD_STRING,
	  .label_el = "Τοποθεσία (τοπωνύμιο)", .label_en = "Field name",
	  .hint_el = "Π.χ. «Θέση Κάμπος».", .hint_en = "E.g. «Θέση Κάμπος».",
	  .min = 2, .max = 100 },
	{ .name = "crop", .type = DM_FIELD_CHOICE,
	  .label_el = "Καλλιέργεια", .label_en = "Crop",
	  .flags = DM_FIELD_REQUIRED, .choices = crops },
	{ .name = "area", .type = DM_FIELD_STRING,
	  .label_el = "Έκταση (στρέμματα)", .label_en = "Area (stremmata)",
	  .hint_el = "Με έως ένα δεκαδικό, π.χ. 12,5.",
	  .hint_en = "With at most one decimal, e.g. 12,5.",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 10 },
	{ .name = "season", .type = DM_FIELD_NUMBER,
	  .label_el = "Αρδευτική περίοδος (έτος)",
	  .label_en = "Irrigation season (year)",
	  .flags = DM_FIELD_REQUIRED, .min = 2000, .max = 2100 },
	{ .name = NULL },
};

static const struct dm_field cert_fields[] = {
	SUPPLY_FIELD(NULL, NULL),
	{ .name = "purpose", .type = DM_FIELD_CHOICE,
	  .label_el = "Για ποια χρήση", .label_en = "What it is for",
	  .flags = DM_FIELD_REQUIRED, .choices = cert_purposes },
	{ .name = NULL },
};

#define WATER_SERVICE(c, tel, ten, sel, sen, del, den, kw, f, sla, fl, res) \
	{ .code = (c), .title_el = (tel), .title_en = (ten),		\
	  .summary_el = (sel), .summary_en = (sen),			\
	  .description_el = (del), .description_en = (den),		\
	  .keywords = (kw), .fields = (f), .sla_days = (sla),		\
	  .flags = (fl), .result = (res) }

const struct dm_service water_services[] = {
	{
		.code = SVC_READING,
		.title_el = "Υποβολή ένδειξης υδρομέτρου",
		.title_en = "Send a meter reading",
		.summary_el = "Δηλώστε μόνοι σας την ένδειξη του υδρομέτρου "
		    "σας κατά την περίοδο καταμέτρησης.",
		.summary_en = "Send your water meter's reading yourself during "
		    "the reading period.",
		.description_el = "Η ένδειξη καταχωρίζεται αμέσως στις "
		    "ενδείξεις της παροχής σας και χρησιμοποιείται στον "
		    "επόμενο λογαριασμό. Γίνεται δεκτή μόνο κατά την περίοδο "
		    "καταμέτρησης και δεν μπορεί να είναι μικρότερη από την "
		    "τελευταία ένδειξη (εκτός αν αλλάξει το υδρόμετρο).",
		.description_en = "The reading is recorded at once with your "
		    "supply's readings and used for the next bill. It is "
		    "accepted only during the reading period and cannot be "
		    "lower than the last reading (unless the meter was "
		    "replaced).",
		.keywords = "ένδειξη,υδρόμετρο,καταμέτρηση,meter,reading",
		.fields = reading_fields,
		.sla_days = 1,
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
	},
	{
		.code = SVC_CONNECTION,
		.title_el = "Νέα σύνδεση ύδρευσης ή αποχέτευσης",
		.title_en = "A new water or sewer connection",
		.summary_el = "Αίτηση για νέα παροχή νερού ή σύνδεση με το "
		    "δίκτυο αποχέτευσης.",
		.summary_en = "Apply for a new water supply or a connection to "
		    "the sewer.",
		.description_el = "Επισυνάψτε τα έγγραφα του ακινήτου. Το "
		    "τέλος σύνδεσης πληρώνεται με τον κωδικό RF που θα δείτε "
		    "στην αίτηση· μόλις φανεί η πληρωμή, το συνεργείο "
		    "προγραμματίζει τη σύνδεση.",
		.description_en = "Attach the property's documents. The "
		    "connection fee is paid with the RF code shown on the "
		    "request; once the payment shows, the crew schedules the "
		    "connection.",
		.keywords = "σύνδεση,παροχή,αποχέτευση,connection,sewer",
		.fields = connection_fields,
		.sla_days = 20,
		.fee_el = "Τέλος σύνδεσης, όπως ορίζει το τιμολόγιο του Δήμου",
		.fee_en = "A connection fee, as the municipality's tariff sets",
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS |
		    DM_SERVICE_LOCATION,
		.result = DM_RESULT_ANSWER,
	},
	WATER_SERVICE(SVC_HOLDER, "Αλλαγή υπόχρεου παροχής",
	    "Change of a supply's holder",
	    "Μεταφορά της παροχής στο όνομά σας μετά από αγορά, μίσθωση ή "
	    "κληρονομιά.", "Move a supply into your name after a purchase, a "
	    "lease or an inheritance.",
	    "Δηλώστε τον αριθμό της παροχής και επισυνάψτε το συμβόλαιο ή το "
	    "μισθωτήριο. Η ένδειξη κατά την παράδοση χωρίζει τι χρεώνεται "
	    "στον προηγούμενο υπόχρεο.", "Give the supply number and attach "
	    "the contract or lease. The reading at hand-over separates what "
	    "the previous holder pays.", "αλλαγή,υπόχρεος,μεταβίβαση,holder",
	    holder_fields, 10, DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS,
	    DM_RESULT_ANSWER),
	WATER_SERVICE(SVC_DISCONNECT, "Διακοπή υδροδότησης",
	    "Disconnecting a supply",
	    "Ζητήστε τη διακοπή της παροχής σας (π.χ. κενό ακίνητο).",
	    "Ask for your supply to be disconnected (e.g. an empty property).",
	    "Το συνεργείο σφραγίζει το υδρόμετρο και καταγράφει την τελική "
	    "ένδειξη.", "The crew seals the meter and records the final "
	    "reading.", "διακοπή,υδροδότηση,disconnect", disconnect_fields, 5,
	    DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS, DM_RESULT_ANSWER),
	{
		.code = SVC_RECONNECT,
		.title_el = "Επανασύνδεση υδροδότησης",
		.title_en = "Reconnecting a supply",
		.summary_el = "Ζητήστε να ξανανοίξει η παροχή σας.",
		.summary_en = "Ask for your supply to be reconnected.",
		.description_el = "Το τέλος επανασύνδεσης πληρώνεται με τον "
		    "κωδικό RF της αίτησης· μόλις φανεί η πληρωμή, η αίτηση "
		    "προχωρά στο συνεργείο χωρίς άλλη ενέργεια.",
		.description_en = "The reconnection fee is paid with the "
		    "request's RF code; once the payment shows, the request "
		    "goes on to the crew by itself.",
		.keywords = "επανασύνδεση,reconnect",
		.fields = reconnect_fields,
		.sla_days = 3,
		.fee_el = "Τέλος επανασύνδεσης",
		.fee_en = "A reconnection fee",
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
	},
	WATER_SERVICE(SVC_METER, "Αντικατάσταση υδρομέτρου",
	    "Replacing a water meter",
	    "Χαλασμένο, παγωμένο ή δυσανάγνωστο υδρόμετρο.",
	    "A broken, frozen or unreadable water meter.",
	    "Ο υπάλληλος καταγράφει την αλλαγή με την τελική ένδειξη του "
	    "παλιού και την αρχική του νέου υδρομέτρου.", "The clerk records "
	    "the change with the old meter's final reading and the new one's "
	    "first.", "υδρόμετρο,αντικατάσταση,meter", meter_fields, 5,
	    DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS, DM_RESULT_ANSWER),
	WATER_SERVICE(SVC_LEAK, "Αναφορά διαρροής νερού", "Report a water leak",
	    "Διαρροή στον δρόμο, στο δίκτυο ή πριν από το υδρόμετρο.",
	    "A leak in the street, in the network or before the meter.",
	    "Για επείγουσες διαρροές τηλεφωνήστε και στη βάρδια ύδρευσης. "
	    "Διαρροή μετά το υδρόμετρο επισκευάζεται από υδραυλικό του "
	    "ιδιοκτήτη.", "For urgent leaks also phone the water crew on "
	    "duty. A leak after the meter is repaired by the owner's plumber.",
	    "διαρροή,βλάβη,νερό,leak", leak_fields, 2, DM_SERVICE_LOCATION,
	    DM_RESULT_ANSWER),
	WATER_SERVICE(SVC_QUALITY, "Παράπονο για την ποιότητα του νερού",
	    "A complaint about water quality",
	    "Νερό με χρώμα, οσμή, γεύση ή σωματίδια.",
	    "Water with a colour, smell, taste or particles.",
	    "Η υπηρεσία ελέγχει το δίκτυο και, όπου χρειάζεται, παίρνει "
	    "δείγμα για εργαστηριακό έλεγχο.", "The department checks the "
	    "network and, where needed, takes a sample for the laboratory.",
	    "ποιότητα,νερό,quality", quality_fields, 5, DM_SERVICE_LOCATION,
	    DM_RESULT_ANSWER),
	WATER_SERVICE(SVC_SEWER, "Απόφραξη αποχέτευσης", "A blocked sewer",
	    "Βουλωμένο φρεάτιο ή αγωγός αποχέτευσης.",
	    "A blocked manhole or sewer pipe.",
	    "Το αποφρακτικό όχημα του Δήμου καθαρίζει το δίκτυο· η σύνδεση "
	    "μέσα στο ακίνητο καθαρίζεται με χρέωση.", "The municipality's "
	    "jetting truck clears the network; a property's own connection is "
	    "cleared for a charge.", "αποχέτευση,απόφραξη,sewer",
	    sewer_fields, 2, DM_SERVICE_LOCATION, DM_RESULT_ANSWER),
	WATER_SERVICE(SVC_DISPUTE, "Αμφισβήτηση λογαριασμού νερού",
	    "Disputing a water bill",
	    "Αν ο λογαριασμός σας δεν είναι σωστός.",
	    "If your bill is not right.",
	    "Δηλώστε τον λογαριασμό και εξηγήστε τι δεν είναι σωστό. Η "
	    "προθεσμία πληρωμής του δεν αναστέλλεται.", "Give the bill and "
	    "explain what is wrong. Its due date is not suspended.",
	    "λογαριασμός,αμφισβήτηση,bill,dispute", dispute_fields, 15,
	    DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS, DM_RESULT_ANSWER),
	{
		.code = SVC_IRRIGATION,
		.title_el = "Νερό άρδευσης για αγροτεμάχιο",
		.title_en = "Irrigation water for a field",
		.summary_el = "Ώρες νερού άρδευσης για την καλλιέργειά σας, "
		    "κατά τους κανόνες του Δήμου.",
		.summary_en = "Hours of irrigation water for your crop, by the "
		    "municipality's rules.",
		.description_el = "Δηλώστε το αγροτεμάχιο (ΚΑΕΚ ή τοποθεσία), "
		    "την καλλιέργεια και την έκταση. Οι ώρες υπολογίζονται από "
		    "την έκταση και την καλλιέργεια· για αγροτεμάχιο του "
		    "μητρώου σας εγκρίνονται αμέσως.",
		.description_en = "Give the parcel (ΚΑΕΚ or field name), the "
		    "crop and the area. The hours follow from the area and the "
		    "crop; for a parcel on your record they are granted at "
		    "once.",
		.keywords = "άρδευση,αγρότες,ώρες,irrigation,farmers",
		.fields = irrigation_fields,
		.sla_days = 5,
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
	},
	{
		.code = SVC_CERT,
		.title_el = "Βεβαίωση μη οφειλής λογαριασμών νερού",
		.title_en = "Certificate of no unpaid water bills",
		.summary_el = "Για μεταβίβαση ή μίσθωση ακινήτου: ότι η παροχή "
		    "δεν οφείλει λογαριασμούς.",
		.summary_en = "For a property transfer or lease: the supply owes "
		    "no bills.",
		.description_el = "Πληρώνετε το παράβολο με τον κωδικό RF που "
		    "εμφανίζεται στην αίτηση· μόλις φανεί η πληρωμή, η "
		    "βεβαίωση εκδίδεται αμέσως αν η παροχή δεν οφείλει.",
		.description_en = "Pay the fee with the RF code shown on the "
		    "request; once the payment shows, the certificate is issued "
		    "at once if the supply owes nothing.",
		.keywords = "βεβαίωση,οφειλή,νερό,μεταβίβαση,certificate",
		.fields = cert_fields,
		.sla_days = 3,
		.fee_el = "Παράβολο έκδοσης βεβαίωσης",
		.fee_en = "A certificate fee",
		.flags = DM_SERVICE_LEVEL_B | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_CERTIFICATE,
	},
	{ .code = NULL },
};

const char *
wat_crop_el(int crop)
{
	const char *name = crop >= 0 && crop < CROP__MAX ? crop_names[crop] :
	    NULL;

	for (const struct dm_choice *c = crops; name != NULL && c->value;
	    c++)
		if (strcmp(c->value, name) == 0)
			return c->label_el;
	return "";
}

const struct dm_department water_department = {
	.code = "water",
	.name_el = "Ύδρευση – Αποχέτευση – Άρδευση",
	.name_en = "Water, sewerage and irrigation",
	.description_el = "Οι παροχές σας, ενδείξεις υδρομέτρων, "
	    "λογαριασμοί, συνδέσεις, βλάβες και νερό άρδευσης.",
	.description_en = "Your supplies, meter readings, bills, "
	    "connections, faults and irrigation water.",
	.contact_email = "ydrefsi@visaltia.gr",
	.contact_phone = "+30 23223 50150",
};
