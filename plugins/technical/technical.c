/*
 * technical.c - Τεχνικές Υπηρεσίες (technical services).
 * Reports about a place (street lights, roads, signs, pavements, rainwater
 * drains) are location services: the core gives them the address field
 * with its map and boundary check, nearby reports to follow, photos made
 * safe, the public map. What is the department's own:
 *   validate       a street light by its pole number or its place; the
 *                  permits' dates, area, plate and weight; the fee quoted
 *   preview        the road occupation fee, worked out before submission
 *   on_submit      the permit as applied for, its fee frozen; a road
 *                  occupation permit awaits its payment
 *   on_transition  the permit issued or void with its request
 *   certificate    the sealed permit, with its terms, when a clerk issues
 *                  (a road occupation permit only once its fee is paid)
 *   staff_panel    the pole from the lighting register; the permit's fee
 *                  and whether it is paid, with the form to record it
 *   command        importing the lighting register (poles.csv)
 *   routes         permits in force on a day, for clerks and wardens;
 *                  recording a fee's payment
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/kit/cert.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/text.h"
#include "dimos/plugin.h"

#include "fee.h"
#include "permits.h"
#include "plates.h"
#include "poles.h"

#define PLUGIN		"technical"
#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

#define SVC_LIGHT	"technical-streetlight"
#define SVC_ROAD	"technical-road"
#define SVC_SIGN	"technical-sign"
#define SVC_PAVEMENT	"technical-pavement"
#define SVC_DRAIN	"technical-drain"
#define SVC_OCCUPATION	"technical-occupation"
#define SVC_HEAVY	"technical-heavy"

static const struct dm_host *host;
static struct dm_plugin_ctx *self;
static struct permit_rules rules;

/* ------------------------------------------------------ declarations */

#define PHOTOS(el_, en_)						\
	{ .name = "photos", .type = DM_FIELD_FILE,			\
	  .label_el = "Φωτογραφίες", .label_en = "Photos",		\
	  .hint_el = el_ "Έως 3 φωτογραφίες (JPEG, PNG ή HEIC)· τα "	\
	      "στοιχεία θέσης του κινητού αφαιρούνται πριν "		\
	      "αποθηκευτούν.",						\
	  .hint_en = en_ "Up to 3 photos (JPEG, PNG or HEIC); the "	\
	      "phone's location data is removed before they are "	\
	      "stored.",						\
	  .max = 3, .accept = DM_ACCEPT_PHOTO }

#define WHERE(required_)						\
	{ .name = "where", .type = DM_FIELD_ADDRESS,			\
	  .label_el = "Πού", .label_en = "Where",			\
	  .hint_el = "Η οδός και ο αριθμός ή ένα σημείο αναφοράς, και "	\
	      "ο οικισμός.",						\
	  .hint_en = "The street and number or a landmark, and the "	\
	      "settlement.",						\
	  .flags = (required_) }

#define DETAILS								\
	{ .name = "details", .type = DM_FIELD_TEXT,			\
	  .label_el = "Περιγραφή", .label_en = "Description",		\
	  .hint_el = "Ό,τι θα βοηθήσει το συνεργείο να το βρει και να "	\
	      "το επισκευάσει.",					\
	  .hint_en = "Anything that helps the crew find and fix it.",	\
	  .max = 2000 }

static const struct dm_choice light_faults[] = {
	{ "out", "Δεν ανάβει", "Does not light" },
	{ "flicker", "Αναβοσβήνει", "Flickers" },
	{ "day", "Μένει αναμμένο τη μέρα", "Stays on by day" },
	{ "damaged", "Σπασμένο φωτιστικό ή κολόνα", "Broken lamp or pole" },
	{ "wires", "Εκτεθειμένα καλώδια (κίνδυνος)",
	    "Exposed wires (danger)" },
	{ NULL, NULL, NULL },
};

static const struct dm_field light_fields[] = {
	{ .name = "pole", .type = DM_FIELD_STRING,
	  .label_el = "Αριθμός κολόνας", .label_en = "Pole number",
	  .hint_el = "Γραμμένος σε πινακίδα πάνω στην κολόνα, π.χ. 1023. "
	      "Αν δεν φαίνεται, δώστε τη θέση.",
	  .hint_en = "Written on a plate on the pole, e.g. 1023. If you "
	      "cannot see it, give the place.",
	  .max = 20 },
	WHERE(0),
	{ .name = "fault", .type = DM_FIELD_CHOICE,
	  .label_el = "Τι συμβαίνει", .label_en = "What is wrong",
	  .flags = DM_FIELD_REQUIRED, .choices = light_faults },
	DETAILS,
	PHOTOS("", ""),
	{ .name = NULL },
};

static const struct dm_choice road_kinds[] = {
	{ "pothole", "Λακκούβα", "Pothole" },
	{ "cracks", "Ρωγμές ή ανωμαλίες", "Cracks or bumps" },
	{ "subsidence", "Καθίζηση", "Subsidence" },
	{ "manhole", "Ανοιχτό ή σπασμένο καπάκι φρεατίου (κίνδυνος)",
	    "Open or broken manhole cover (danger)" },
	{ NULL, NULL, NULL },
};

static const struct dm_choice road_sizes[] = {
	{ "small", "Μικρή (μέχρι μια παλάμη)", "Small (up to a hand)" },
	{ "medium", "Μεσαία (μέχρι ένα μέτρο)", "Medium (up to a metre)" },
	{ "large", "Μεγάλη (πάνω από ένα μέτρο)", "Large (over a metre)" },
	{ NULL, NULL, NULL },
};

static const struct dm_field road_fields[] = {
	WHERE(DM_FIELD_REQUIRED),
	{ .name = "kind", .type = DM_FIELD_CHOICE,
	  .label_el = "Τι είναι", .label_en = "What it is",
	  .flags = DM_FIELD_REQUIRED, .choices = road_kinds },
	{ .name = "size", .type = DM_FIELD_CHOICE,
	  .label_el = "Μέγεθος", .label_en = "Size", .choices = road_sizes },
	DETAILS,
	PHOTOS("Μια φωτογραφία βοηθά να εκτιμηθεί η ζημιά. ",
	    "A photo helps to judge the damage. "),
	{ .name = NULL },
};

static const struct dm_choice sign_kinds[] = {
	{ "traffic", "Σήμα κυκλοφορίας (STOP, προτεραιότητα ...)",
	    "Traffic sign (STOP, priority ...)" },
	{ "street", "Πινακίδα ονόματος οδού", "Street name plate" },
	{ "direction", "Πινακίδα κατεύθυνσης", "Direction sign" },
	{ "other", "Άλλη", "Other" },
	{ NULL, NULL, NULL },
};

static const struct dm_choice sign_problems[] = {
	{ "missing", "Λείπει", "Missing" },
	{ "bent", "Στραβωμένη ή πεσμένη", "Bent or fallen" },
	{ "faded", "Ξεθωριασμένη ή δυσανάγνωστη", "Faded or unreadable" },
	{ "hidden", "Κρύβεται από δέντρα", "Hidden by trees" },
	{ NULL, NULL, NULL },
};

static const struct dm_field sign_fields[] = {
	WHERE(DM_FIELD_REQUIRED),
	{ .name = "sign", .type = DM_FIELD_CHOICE,
	  .label_el = "Πινακίδα", .label_en = "Sign",
	  .flags = DM_FIELD_REQUIRED, .choices = sign_kinds },
	{ .name = "problem", .type = DM_FIELD_CHOICE,
	  .label_el = "Πρόβλημα", .label_en = "Problem",
	  .flags = DM_FIELD_REQUIRED, .choices = sign_problems },
	DETAILS,
	PHOTOS("", ""),
	{ .name = NULL },
};

static const struct dm_choice obstacles[] = {
	{ "materials", "Οικοδομικά υλικά ή μπάζα", "Building materials" },
	{ "goods", "Εμπορεύματα ή τραπεζοκαθίσματα",
	    "Shop goods, tables or chairs" },
	{ "paving", "Σπασμένες πλάκες", "Broken paving" },
	{ "plants", "Κλαδιά ή φυτά", "Branches or plants" },
	{ "other", "Άλλο", "Other" },
	{ NULL, NULL, NULL },
};

static const struct dm_field pavement_fields[] = {
	WHERE(DM_FIELD_REQUIRED),
	{ .name = "obstacle", .type = DM_FIELD_CHOICE,
	  .label_el = "Τι εμποδίζει", .label_en = "What is in the way",
	  .flags = DM_FIELD_REQUIRED, .choices = obstacles },
	DETAILS,
	PHOTOS("", ""),
	{ .name = NULL },
};

static const struct dm_choice drain_problems[] = {
	{ "blocked", "Βουλωμένο", "Blocked" },
	{ "grate", "Σπασμένη σχάρα", "Broken grate" },
	{ "missing", "Λείπει η σχάρα (κίνδυνος)", "Grate missing (danger)" },
	{ "flooding", "Πλημμυρίζει ο δρόμος", "The street floods" },
	{ NULL, NULL, NULL },
};

static const struct dm_field drain_fields[] = {
	WHERE(DM_FIELD_REQUIRED),
	{ .name = "problem", .type = DM_FIELD_CHOICE,
	  .label_el = "Πρόβλημα", .label_en = "Problem",
	  .flags = DM_FIELD_REQUIRED, .choices = drain_problems },
	DETAILS,
	PHOTOS("", ""),
	{ .name = NULL },
};

static const struct dm_choice occupation_purposes[] = {
	{ "scaffolding", "Σκαλωσιά", "Scaffolding" },
	{ "skip", "Κάδος μπάζων", "Skip" },
	{ "materials", "Εναπόθεση οικοδομικών υλικών", "Building materials" },
	{ NULL, NULL, NULL },
};

#define PERMIT_DATES							\
	{ .name = "start", .type = DM_FIELD_DATE,			\
	  .label_el = "Από", .label_en = "From",			\
	  .hint_el = "Από την επόμενη εργάσιμη ημέρα και μετά.",	\
	  .hint_en = "From the next working day on.",			\
	  .flags = DM_FIELD_REQUIRED },					\
	{ .name = "end", .type = DM_FIELD_DATE,				\
	  .label_el = "Έως (και)", .label_en = "Until (inclusive)",	\
	  .flags = DM_FIELD_REQUIRED }

static const struct dm_field occupation_fields[] = {
	{ .name = "purpose", .type = DM_FIELD_CHOICE,
	  .label_el = "Χρήση", .label_en = "For",
	  .flags = DM_FIELD_REQUIRED, .choices = occupation_purposes },
	WHERE(DM_FIELD_REQUIRED),
	PERMIT_DATES,
	{ .name = "area", .type = DM_FIELD_STRING,
	  .label_el = "Εμβαδόν (m²)", .label_en = "Area (m²)",
	  .hint_el = "Το μήκος επί το πλάτος του χώρου, π.χ. 12,5. Το τέλος "
	      "είναι εμβαδόν × ημέρες × τιμή ανά m² και ημέρα για τη χρήση "
	      "και υπολογίζεται πριν από την υποβολή.",
	  .hint_en = "Length times width, e.g. 12.5. The fee is area × days "
	      "× the rate per m² and day for the use, and is worked out "
	      "before you submit.",
	  .flags = DM_FIELD_REQUIRED, .max = 10 },
	{ .name = "building_permit", .type = DM_FIELD_FILE,
	  .label_el = "Οικοδομική άδεια", .label_en = "Building permit",
	  .hint_el = "Η άδεια ή έγκριση εργασιών (PDF ή φωτογραφία).",
	  .hint_en = "The building permit or works approval (PDF or photo).",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 2,
	  .accept = DM_ACCEPT_PDF | DM_ACCEPT_PHOTO },
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο", .label_en = "Phone",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL },
	{ .name = "notes", .type = DM_FIELD_TEXT,
	  .label_el = "Σημειώσεις", .label_en = "Notes", .max = 1000 },
	{ .name = NULL },
};

static const struct dm_choice vehicles[] = {
	{ "truck", "Φορτηγό", "Lorry" },
	{ "articulated", "Ρυμουλκό με επικαθήμενο", "Articulated lorry" },
	{ "machinery", "Μηχάνημα έργων", "Construction machinery" },
	{ "bus", "Λεωφορείο", "Bus" },
	{ NULL, NULL, NULL },
};

static const struct dm_field heavy_fields[] = {
	{ .name = "plate", .type = DM_FIELD_STRING,
	  .label_el = "Αριθμός κυκλοφορίας", .label_en = "Registration",
	  .hint_el = "Όπως στην πινακίδα, π.χ. ΕΡΒ-1234 ή ΜΕ 123456.",
	  .hint_en = "As on the plate, e.g. ΕΡΒ-1234 or ΜΕ 123456.",
	  .flags = DM_FIELD_REQUIRED, .max = 16 },
	{ .name = "vehicle", .type = DM_FIELD_CHOICE,
	  .label_el = "Όχημα", .label_en = "Vehicle",
	  .flags = DM_FIELD_REQUIRED, .choices = vehicles },
	{ .name = "weight", .type = DM_FIELD_NUMBER,
	  .label_el = "Μέγιστο μικτό βάρος (κιλά)",
	  .label_en = "Gross weight (kg)",
	  .hint_el = "Όπως στην άδεια κυκλοφορίας (πεδίο F.2).",
	  .hint_en = "As in the registration certificate (field F.2).",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 200000 },
	{ .name = "route", .type = DM_FIELD_TEXT,
	  .label_el = "Διαδρομή", .label_en = "Route",
	  .hint_el = "Από πού, μέσω ποιων οδών, προς τα πού.",
	  .hint_en = "From where, by which streets, to where.",
	  .flags = DM_FIELD_REQUIRED, .min = 10, .max = 1000 },
	PERMIT_DATES,
	{ .name = "reason", .type = DM_FIELD_TEXT,
	  .label_el = "Σκοπός", .label_en = "Purpose",
	  .hint_el = "π.χ. μεταφορά υλικών για οικοδομή στην οδό ...",
	  .hint_en = "e.g. delivering materials to a building site in ...",
	  .max = 1000 },
	{ .name = "registration", .type = DM_FIELD_FILE,
	  .label_el = "Άδεια κυκλοφορίας", .label_en = "Registration "
	      "certificate",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 2,
	  .accept = DM_ACCEPT_PDF | DM_ACCEPT_PHOTO },
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο", .label_en = "Phone",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL },
	{ .name = NULL },
};

static const struct dm_column light_columns[] = {
	{ .field = "pole", .label_el = "Κολόνα", .label_en = "Pole",
	  .filter = DM_FILTER_EXACT, .flags = DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_column permit_columns[] = {
	{ .field = "start", .label_el = "Από", .label_en = "From",
	  .filter = DM_FILTER_RANGE,
	  .flags = DM_COLUMN_SORTABLE | DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_column heavy_columns[] = {
	{ .field = "plate", .label_el = "Όχημα", .label_en = "Vehicle",
	  .filter = DM_FILTER_PREFIX, .flags = DM_COLUMN_INDEXED },
	{ .field = "start", .label_el = "Από", .label_en = "From",
	  .filter = DM_FILTER_RANGE,
	  .flags = DM_COLUMN_SORTABLE | DM_COLUMN_INDEXED },
	{ .field = NULL },
};

#define REPORT(code_, title_el_, title_en_, summary_el_, summary_en_,	\
    keywords_, fields_, sla_, columns_)					\
	{ .code = code_, .title_el = title_el_, .title_en = title_en_,	\
	  .summary_el = summary_el_, .summary_en = summary_en_,		\
	  .description_el = "Δείξτε μας πού είναι στον χάρτη ή γράψτε τη " \
	      "διεύθυνση. Πριν υποβάλετε, βλέπετε αν κάποιος άλλος το "	\
	      "έχει ήδη αναφέρει· τότε μπορείτε να ακολουθήσετε εκείνη " \
	      "την αναφορά και να ενημερωθείτε όταν γίνει η δουλειά.\n\n" \
	      "Οι ανοιχτές αναφορές φαίνονται στον δημόσιο χάρτη χωρίς "	\
	      "όνομα και με κατά προσέγγιση θέση.",			\
	  .description_en = "Show us where it is on the map or type the " \
	      "address. Before you submit you see whether someone has "	\
	      "reported it already; then you can follow that report "	\
	      "and hear when the work is done.\n\nOpen reports are on "	\
	      "the public map, without a name and with an approximate "	\
	      "place.",							\
	  .keywords = keywords_, .fields = fields_, .sla_days = sla_,	\
	  .flags = DM_SERVICE_LOCATION | DM_SERVICE_REPORT,		\
	  .result = DM_RESULT_ANSWER,					\
	  .columns = columns_ }

static const struct dm_service services[] = {
	REPORT(SVC_LIGHT, "Βλάβη φωτισμού οδού", "Street light fault",
	    "Λάμπα που δεν ανάβει, αναβοσβήνει ή μένει αναμμένη τη μέρα.",
	    "A street lamp that is out, flickers or stays on by day.",
	    "φωτισμός,λάμπα,κολόνα,ηλεκτροφωτισμός,street light,lamp",
	    light_fields, 5, light_columns),
	REPORT(SVC_ROAD, "Λακκούβα ή φθορά οδοστρώματος",
	    "Pothole or road damage",
	    "Λακκούβες, ρωγμές, καθιζήσεις και ανοιχτά φρεάτια στους "
	    "δρόμους.", "Potholes, cracks, subsidence and open manholes.",
	    "λακκούβα,δρόμος,άσφαλτος,οδόστρωμα,pothole,road",
	    road_fields, 10, NULL),
	REPORT(SVC_SIGN, "Κατεστραμμένη πινακίδα", "Damaged sign",
	    "Σήματα κυκλοφορίας και πινακίδες οδών που λείπουν ή "
	    "καταστράφηκαν.", "Traffic signs and street plates missing or "
	    "damaged.", "πινακίδα,σήμα,stop,sign",
	    sign_fields, 10, NULL),
	REPORT(SVC_PAVEMENT, "Εμπόδιο σε πεζοδρόμιο", "Blocked pavement",
	    "Πεζοδρόμια που δεν περνιούνται: υλικά, εμπορεύματα, σπασμένες "
	    "πλάκες.", "Pavements you cannot walk on: materials, goods, "
	    "broken paving.", "πεζοδρόμιο,εμπόδιο,ράμπα,pavement,sidewalk",
	    pavement_fields, 5, NULL),
	REPORT(SVC_DRAIN, "Φρεάτιο όμβριων υδάτων", "Rainwater drain",
	    "Βουλωμένα ή σπασμένα φρεάτια και δρόμοι που πλημμυρίζουν.",
	    "Blocked or broken drains and streets that flood.",
	    "φρεάτιο,σχάρα,όμβρια,πλημμύρα,drain,flooding",
	    drain_fields, 5, NULL),
	{
		.code = SVC_OCCUPATION,
		.title_el = "Άδεια κατάληψης κοινόχρηστου χώρου",
		.title_en = "Permit to occupy a public space",
		.summary_el = "Για σκαλωσιά, κάδο μπάζων ή οικοδομικά υλικά σε "
		    "πεζοδρόμιο ή δρόμο.",
		.summary_en = "For scaffolding, a skip or building materials on "
		    "a pavement or street.",
		.description_el = "Δηλώστε τη θέση, τις ημέρες και το εμβαδόν. "
		    "Το τέλος (εμβαδόν × ημέρες × τιμή ανά m² και ημέρα για "
		    "τη χρήση) υπολογίζεται και σας δείχνεται πριν από την "
		    "υποβολή.\n\nΗ άδεια εκδίδεται ψηφιακά σφραγισμένη με "
		    "τους όρους της και έρχεται στην ψηφιακή σας θυρίδα· "
		    "επαληθεύεται από οποιονδήποτε με τον κωδικό της.",
		.description_en = "Give the place, the days and the area. The "
		    "fee (area × days × the rate per m² and day for the use) "
		    "is worked out and shown to you before you submit.\n\nThe "
		    "permit is issued digitally sealed with its terms and "
		    "comes to your digital mailbox; anyone can verify it by "
		    "its code.",
		.keywords = "άδεια,κατάληψη,πεζοδρόμιο,σκαλωσιά,κάδος,"
		    "permit,scaffolding,skip",
		.fields = occupation_fields,
		.sla_days = 5,
		.fee_el = "Εμβαδόν × ημέρες × τιμή ανά m² και ημέρα· "
		    "υπολογίζεται πριν από την υποβολή.",
		.fee_en = "Area × days × the rate per m² and day; worked out "
		    "before you submit.",
		.flags = DM_SERVICE_LOCATION | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_CERTIFICATE,
		.columns = permit_columns,
	},
	{
		.code = SVC_HEAVY,
		.title_el = "Άδεια διέλευσης βαρέων οχημάτων",
		.title_en = "Heavy vehicle passage permit",
		.summary_el = "Για φορτηγά και μηχανήματα έργων που περνούν "
		    "από δρόμους του Δήμου.",
		.summary_en = "For lorries and construction machinery using "
		    "the municipality's streets.",
		.description_el = "Δηλώστε το όχημα, το βάρος του, τη "
		    "διαδρομή και τις ημέρες. Η άδεια εκδίδεται ψηφιακά "
		    "σφραγισμένη με τους όρους διέλευσης.",
		.description_en = "Give the vehicle, its weight, the route and "
		    "the days. The permit is issued digitally sealed with the "
		    "terms of passage.",
		.keywords = "βαρέα,φορτηγό,διέλευση,μηχάνημα,heavy,lorry,truck",
		.fields = heavy_fields,
		.sla_days = 3,
		.flags = DM_SERVICE_BUSINESS,
		.result = DM_RESULT_CERTIFICATE,
		.columns = heavy_columns,
	},
	{ .code = NULL },
};

static const struct dm_column columns[] = {
	{ .field = "where", .label_el = "Θέση", .label_en = "Place",
	  .filter = DM_FILTER_PREFIX, .flags = DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_department department = {
	.code = PLUGIN,
	.name_el = "Τεχνικές Υπηρεσίες",
	.name_en = "Technical Services",
	.description_el = "Οδοφωτισμός, δρόμοι, πεζοδρόμια, πινακίδες και "
	    "φρεάτια· άδειες κατάληψης κοινόχρηστων χώρων και διέλευσης "
	    "βαρέων οχημάτων.",
	.description_en = "Street lighting, roads, pavements, signs and "
	    "drains; permits to occupy public space and for heavy vehicles.",
	.contact_email = "technical@visaltia.gr",
	.contact_phone = "+30 23223 50130",
	.columns = columns,
};

static const struct dm_config_key config_keys[] = {
	{ .name = "rate_scaffolding",
	  .description = "road occupation fee for scaffolding, EUR per m2 "
	      "and day (default 0,50)" },
	{ .name = "rate_skip",
	  .description = "for a skip, EUR per m2 and day (default 1,00)" },
	{ .name = "rate_materials",
	  .description = "for building materials, EUR per m2 and day "
	      "(default 0,30)" },
	{ .name = "fee_minimum",
	  .description = "the least fee of a permit, EUR (default 10,00)" },
	{ .name = "max_days",
	  .description = "the longest permit, days (default 180)" },
	{ .name = "heavy_min_kg",
	  .description = "vehicles up to this gross weight need no passage "
	      "permit (default 3500)" },
	{ .name = "heavy_max_kg",
	  .description = "vehicles over this weight may not pass "
	      "(default 60000)" },
	{ .name = NULL },
};

/* ---------------------------------------------------------- helpers */

static void *
req_alloc(void *ctx, size_t size)
{
	return host->alloc(ctx, size);
}

static int
is(const struct dm_service *svc, const char *code)
{
	return svc != NULL && strcmp(svc->code, code) == 0;
}

static dm_status
one_int(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	if (n < 1 || c[0].type != DM_V_INT)
		return DM_EINTERNAL;
	*v = c[0].i;
	return DM_OK;
}

/* The first day a permit may start: the next business day. */
static void
earliest_day(char out[DM_DATE_SIZE])
{
	char today[DM_DATE_SIZE];

	host->today(today);
	if (host->add_business_days(today, 1, out) != DM_OK)
		strcpy(out, today);
}

static void
report(struct dm_form *form, const struct permit_problem *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!host->field_has_error(form, p[i].field))
			host->form_error(form, p[i].field, p[i].el, p[i].en);
}

/* ------------------------------------------------------------ poles */

struct pole {
	int	 found;
	char	 settlement[33];
	char	 street[201];
	char	 lat[16], lon[16];
	char	 lamp[17];
};

static void
copy_col(char *dst, size_t size, const struct dm_value *v)
{
	dst[0] = '\0';
	if (v->type == DM_V_TEXT && v->s != NULL)
		snprintf(dst, size, "%s", v->s);
}

static dm_status
pole_row(void *arg, const struct dm_value *c, size_t n)
{
	struct pole *p = arg;

	if (n < 5)
		return DM_EINTERNAL;
	copy_col(p->settlement, sizeof(p->settlement), &c[0]);
	copy_col(p->street, sizeof(p->street), &c[1]);
	copy_col(p->lat, sizeof(p->lat), &c[2]);
	copy_col(p->lon, sizeof(p->lon), &c[3]);
	copy_col(p->lamp, sizeof(p->lamp), &c[4]);
	p->found = 1;
	return DM_OK;
}

static dm_status
pole_find(struct dm_req *req, const char *code, struct pole *p)
{
	struct dm_value v = DM_VTEXT(code);

	memset(p, 0, sizeof(*p));
	return host->db_query(req, "SELECT settlement, street, "
	    "CAST(lat AS CHAR), CAST(lon AS CHAR), lamp FROM technical_poles "
	    "WHERE code = ?", &v, 1, pole_row, p);
}

static dm_status
poles_count(struct dm_req *req, long long *n)
{
	*n = 0;
	return host->db_query(req, "SELECT COUNT(*) FROM technical_poles",
	    NULL, 0, one_int, n);
}

/* ---------------------------------------------------------- validate */

static dm_status
check_light(struct dm_req *req, struct dm_form *form)
{
	const char *pole = host->form_value(form, "pole");
	const char *where = host->form_value(form, "where");
	char code[POLE_SIZE];
	struct pole p;
	long long n;
	dm_status st;

	if (pole == NULL || pole[0] == '\0') {
		if ((where == NULL || where[0] == '\0') && !host->field_has_error(form, "where"))
			host->form_error(form, "where", "Δώστε τον αριθμό της "
			    "κολόνας ή τη θέση της.", "Give the pole's number "
			    "or its place.");
		return DM_OK;
	}
	if (!pole_parse(pole, code)) {
		host->form_error(form, "pole", "Ο αριθμός της κολόνας έχει "
		    "μόνο ψηφία, π.χ. 1023.", "A pole number has digits only, "
		    "e.g. 1023.");
		return DM_OK;
	}
	/* Without a register every number is taken as written. */
	if ((st = poles_count(req, &n)) != DM_OK || n == 0)
		return st;
	if ((st = pole_find(req, code, &p)) != DM_OK)
		return st;
	if (!p.found)
		host->form_error(form, "pole", "Δεν υπάρχει κολόνα με αυτόν "
		    "τον αριθμό στο μητρώο του Δήμου· ελέγξτε τον ή δώστε τη "
		    "θέση.", "The municipality's register has no pole with "
		    "this number; check it or give the place.");
	return DM_OK;
}

static dm_status
tech_validate(struct dm_req *req, const struct dm_service *svc,
    struct dm_form *form)
{
	struct permit_problem p[PERMIT_PROBLEMS];
	char first[DM_DATE_SIZE], plate[PLATE_SIZE];
	struct occupation_quote q;
	size_t n;
	int days;

	if (is(svc, SVC_LIGHT))
		return check_light(req, form);
	if (!is(svc, SVC_OCCUPATION) && !is(svc, SVC_HEAVY))
		return DM_OK;
	earliest_day(first);
	if (is(svc, SVC_OCCUPATION))
		n = permit_check_occupation(&rules, host->form_value(form,
		    "purpose"), host->form_value(form, "area"),
		    host->form_value(form, "start"), host->form_value(form,
		    "end"), first, &q, p);
	else
		n = permit_check_heavy(&rules, host->form_value(form, "plate"),
		    host->form_value(form, "weight"), host->form_value(form,
		    "start"), host->form_value(form, "end"), first, plate,
		    &days, p);
	report(form, p, n);
	return DM_OK;
}

/* --------------------------------------------------------- on_submit */

/*
 * The occupation fee with a payment code, from the department that
 * collects payments (finance, ABI 2.2): paid by the bank's file, the
 * permit is then issued by itself (tech_on_paid). Without one, a clerk
 * records the payment (payment_page).
 */
static dm_status
raise_fee(struct dm_req *req, const struct dm_request *r,
    const struct occupation_quote *q)
{
	struct dm_fee fee;
	dm_status st;

	if (!DM_HOST_HAS(host, fee_raise))
		return DM_OK;
	st = host->fee_raise(self, req, r, q->fee, host->aprintf(req,
	    "τέλος κατάληψης κοινόχρηστου χώρου, %s",
	    occupation_label(q->purpose, "el")), host->aprintf(req,
	    "public space occupation fee, %s", occupation_label(q->purpose,
	    "en")), &fee);
	return st == DM_ENOTFOUND ? DM_OK : st;
}

/*
 * The permit as applied for, with the fee as quoted: checked again (the
 * first day may have passed since the preview) and written in the
 * submitting transaction.
 */
static dm_status
tech_on_submit(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_form *form)
{
	struct permit_problem p[PERMIT_PROBLEMS];
	char first[DM_DATE_SIZE], plate[PLATE_SIZE];
	const char *start = host->form_value(form, "start");
	const char *end = host->form_value(form, "end");
	struct occupation_quote q;
	size_t n;
	int days = 0;

	if (!is(svc, SVC_OCCUPATION) && !is(svc, SVC_HEAVY))
		return DM_OK;
	earliest_day(first);
	if (is(svc, SVC_OCCUPATION)) {
		n = permit_check_occupation(&rules, host->form_value(form,
		    "purpose"), host->form_value(form, "area"), start, end,
		    first, &q, p);
		if (n > 0 || q.days == 0) {
			report(form, p, n);
			return DM_EINPUT;
		}
		{
			struct dm_value v[] = { DM_VINT(r->id),
			    DM_VTEXT(r->protocol),
			    DM_VTEXT(occupation_code(q.purpose)),
			    DM_VTEXT(start), DM_VTEXT(end), DM_VINT(q.days),
			    DM_VINT(q.area), DM_VINT(q.rate),
			    DM_VINT(q.fee), DM_VTEXT(host->form_value(form,
			    "where")) };

			dm_status st;

			/* Issued only once the fee is paid. */
			if ((st = host->db_exec(req, "INSERT INTO "
			    "technical_permits (request_id, protocol, kind, "
			    "purpose, starts, ends, days, area, rate, fee, "
			    "place, status) VALUES (?, ?, 'occupation', ?, ?, "
			    "?, ?, ?, ?, ?, ?, 'awaiting_payment')", v,
			    NELEM(v), NULL, NULL)) != DM_OK)
				return st;
			return raise_fee(req, r, &q);
		}
	}
	n = permit_check_heavy(&rules, host->form_value(form, "plate"),
	    host->form_value(form, "weight"), start, end, first, plate, &days,
	    p);
	if (n > 0 || days == 0) {
		report(form, p, n);
		return DM_EINPUT;
	}
	{
		const char *w = host->form_value(form, "weight");
		struct dm_value v[] = { DM_VINT(r->id),
		    DM_VTEXT(r->protocol),
		    DM_VTEXT(host->form_value(form, "vehicle")),
		    DM_VTEXT(start), DM_VTEXT(end), DM_VINT(days),
		    DM_VTEXT(plate), DM_VINT(w != NULL ? atoll(w) : 0) };

		return host->db_exec(req, "INSERT INTO technical_permits "
		    "(request_id, protocol, kind, purpose, starts, ends, days, "
		    "plate, weight) VALUES (?, ?, 'heavy', ?, ?, ?, ?, ?, ?)",
		    v, NELEM(v), NULL, NULL);
	}
}

/* A permit follows its request: issued with it, void if it is refused. */
static dm_status
tech_on_transition(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, enum dm_request_status from,
    enum dm_request_status to, const char *event)
{
	struct dm_value id = DM_VINT(r->id);
	const char *sql;

	(void)from;
	(void)event;
	if (!is(svc, SVC_OCCUPATION) && !is(svc, SVC_HEAVY))
		return DM_OK;
	/* certificate refuses an unpaid permit before it gets here. */
	if (to == DM_REQ_COMPLETED)
		sql = "UPDATE technical_permits SET status = 'issued' WHERE "
		    "request_id = ? AND status = 'pending'";
	else if (to == DM_REQ_REJECTED || to == DM_REQ_WITHDRAWN)
		sql = "UPDATE technical_permits SET status = 'void' WHERE "
		    "request_id = ?";
	else
		return DM_OK;
	return host->db_exec(req, sql, &id, 1, NULL, NULL);
}

/*
 * The fee reported paid by the bank (finance): the permit may be issued,
 * which the core now does (the certificate hook, as for a clerk). Once:
 * a permit no longer awaiting its payment is left as it is.
 */
static dm_status
tech_on_paid(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, const struct dm_fee *fee)
{
	struct dm_value v[] = { DM_VTEXT(fee->paid_on), DM_VTEXT(fee->rf),
	    DM_VINT(r->id) };

	if (!is(svc, SVC_OCCUPATION))
		return DM_OK;
	return host->db_exec(req, "UPDATE technical_permits SET status = "
	    "'pending', paid_at = ?, payment_ref = ?, paid_by = NULL WHERE "
	    "request_id = ? AND status = 'awaiting_payment'", v, NELEM(v),
	    NULL, NULL);
}

/* ------------------------------------------------------------ permits */

struct permit {
	int		 found;
	char		 kind[12];
	char		 purpose[33];
	char		 starts[DM_DATE_SIZE];
	char		 ends[DM_DATE_SIZE];
	long long	 days, area, rate, fee, weight;
	char		 plate[PLATE_SIZE];
	char		 status[20];
	char		 paid_at[DM_DATETIME_SIZE];
	char		 payment_ref[65];
};

static long long
col_int(const struct dm_value *v)
{
	return v->type == DM_V_INT ? v->i : 0;
}

static dm_status
permit_row(void *arg, const struct dm_value *c, size_t n)
{
	struct permit *p = arg;

	if (n < 11)
		return DM_EINTERNAL;
	copy_col(p->kind, sizeof(p->kind), &c[0]);
	copy_col(p->purpose, sizeof(p->purpose), &c[1]);
	copy_col(p->starts, sizeof(p->starts), &c[2]);
	copy_col(p->ends, sizeof(p->ends), &c[3]);
	p->days = col_int(&c[4]);
	p->area = col_int(&c[5]);
	p->rate = col_int(&c[6]);
	p->fee = col_int(&c[7]);
	copy_col(p->plate, sizeof(p->plate), &c[8]);
	p->weight = col_int(&c[9]);
	copy_col(p->status, sizeof(p->status), &c[10]);
	if (n > 12) {
		/* The day it was paid, the municipality's (stored in UTC). */
		char at[DM_DATETIME_SIZE], local[17];

		copy_col(at, sizeof(at), &c[11]);
		if (kit_time_local(at, local) == 0)
			snprintf(p->paid_at, sizeof(p->paid_at), "%.10s",
			    local);
		copy_col(p->payment_ref, sizeof(p->payment_ref), &c[12]);
	}
	p->found = 1;
	return DM_OK;
}

static dm_status
permit_load(struct dm_req *req, long long request_id, struct permit *p)
{
	struct dm_value id = DM_VINT(request_id);
	dm_status st;

	memset(p, 0, sizeof(*p));
	st = host->db_query(req, "SELECT kind, purpose, CAST(starts AS CHAR), "
	    "CAST(ends AS CHAR), days, area, rate, fee, plate, weight, status, "
	    "DATE_FORMAT(paid_at, '%Y-%m-%d %H:%i:%s'), payment_ref FROM "
	    "technical_permits WHERE request_id = ?", &id, 1, permit_row, p);
	if (st == DM_OK && !p->found)
		return DM_ENOTFOUND;
	return st;
}

static const char *
choice_label(struct dm_req *req, const struct dm_choice *c, const char *v)
{
	for (; v != NULL && c->value != NULL; c++)
		if (strcmp(c->value, v) == 0)
			return host->tr(req, c->label_el, c->label_en);
	return v;
}

static const char *
applicant_name(struct dm_req *req, const struct dm_user *u)
{
	if (u == NULL)
		return "";
	if (u->kind == 'b' && u->company_name != NULL)
		return u->company_name;
	return host->aprintf(req, "%s %s", u->first_name ? u->first_name : "",
	    u->last_name ? u->last_name : "");
}

static const char *
money(struct dm_req *req, long long cents)
{
	char buf[FEE_MONEY_SIZE];

	fee_money_format(cents, buf);
	return host->astrdup(req, buf);
}

/*
 * The permit's content, in Greek as every document. The fee is the one
 * quoted at submission (technical_permits), not today's rate, and a road
 * occupation permit is issued only once it is paid (README.md,
 * "Payment").
 */
static dm_status
tech_certificate(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, int auto_issue, const char *record_ref,
    struct dm_certificate *out)
{
	struct kit_alloc a = { req_alloc, req };
	struct kit_cert c;
	struct permit p;
	char area[32], from[32], to[32];
	const char *const *terms;
	const char *who;
	dm_status st;

	if (!is(svc, SVC_OCCUPATION) && !is(svc, SVC_HEAVY))
		return DM_ENOTFOUND;
	/* A permit is always a clerk's decision. */
	if (auto_issue)
		return DM_ENOTFOUND;
	if (record_ref != NULL && record_ref[0] != '\0' &&
	    strcmp(record_ref, host->aprintf(req, "permit:%lld", r->id)) != 0)
		return DM_ENOTFOUND;
	if ((st = permit_load(req, r->id, &p)) != DM_OK)
		return st;
	if (strcmp(p.status, "void") == 0)
		return DM_EDENIED;
	if (strcmp(p.status, "awaiting_payment") == 0) {
		host->refuse(req, "Η άδεια εκδίδεται αφού πληρωθεί το τέλος "
		    "κατάληψης· καταχωρίστε πρώτα την πληρωμή.", "The permit "
		    "is issued once the occupation fee is paid; record the "
		    "payment first.");
		return DM_EDENIED;
	}
	who = applicant_name(req, r->applicant);
	kit_date_short(p.starts, from, sizeof(from));
	kit_date_short(p.ends, to, sizeof(to));
	kit_cert_init(&c, &a);
	if (is(svc, SVC_OCCUPATION)) {
		int o = occupation_parse(p.purpose);

		out->title = "ΑΔΕΙΑ ΚΑΤΑΛΗΨΗΣ ΚΟΙΝΟΧΡΗΣΤΟΥ ΧΩΡΟΥ";
		out->subtitle = kit_adup(&a, occupation_label(o < 0 ?
		    OCC__MAX : (enum occupation)o, "el"));
		permit_area_text(p.area, area);
		kit_cert_para(&c, "Χορηγείται στον/στην %s άδεια κατάληψης "
		    "κοινόχρηστου χώρου για %s, στη θέση, με το εμβαδόν και "
		    "για τις ημέρες που αναγράφονται παρακάτω, με τους όρους "
		    "της άδειας.", who, occupation_label(o < 0 ? OCC__MAX :
		    (enum occupation)o, "el"));
		out->table_title = "Στοιχεία της άδειας";
		kit_cert_row(&c, "Δικαιούχος", who);
		kit_cert_row(&c, "Θέση", host->request_value(req, r, "where"));
		kit_cert_row(&c, "Εμβαδόν", kit_aprintf(&a, "%s m²", area));
		kit_cert_row(&c, "Από", from);
		kit_cert_row(&c, "Έως (και)", to);
		kit_cert_row(&c, "Ημέρες", kit_aprintf(&a, "%lld", p.days));
		kit_cert_row(&c, "Τιμή ανά m² και ημέρα", money(req, p.rate));
		kit_cert_row(&c, "Τέλος κατάληψης", money(req, p.fee));
		terms = permit_terms_occupation;
	} else {
		out->title = "ΑΔΕΙΑ ΔΙΕΛΕΥΣΗΣ ΒΑΡΕΟΣ ΟΧΗΜΑΤΟΣ";
		kit_cert_para(&c, "Χορηγείται στον/στην %s άδεια διέλευσης του "
		    "οχήματος με αριθμό κυκλοφορίας %s από το οδικό δίκτυο "
		    "του Δήμου, στη διαδρομή και τις ημέρες που αναγράφονται "
		    "παρακάτω, με τους όρους της άδειας.", who, p.plate);
		out->table_title = "Στοιχεία της άδειας";
		kit_cert_row(&c, "Δικαιούχος", who);
		kit_cert_row(&c, "Αριθμός κυκλοφορίας", p.plate);
		kit_cert_row(&c, "Όχημα", choice_label(req, vehicles,
		    p.purpose));
		kit_cert_row(&c, "Μικτό βάρος", kit_aprintf(&a, "%lld κιλά",
		    p.weight));
		kit_cert_row(&c, "Διαδρομή", host->request_value(req, r,
		    "route"));
		kit_cert_row(&c, "Από", from);
		kit_cert_row(&c, "Έως (και)", to);
		terms = permit_terms_heavy;
	}
	for (size_t i = 0; terms[i] != NULL; i++)
		kit_cert_remark(&c, "%zu. %s", i + 1, terms[i]);
	out->holder = kit_adup(&a, who);
	out->record_ref = kit_aprintf(&a, "permit:%lld", r->id);
	if (kit_cert_finish(&c, out) != 0)
		return DM_EINTERNAL;
	return DM_OK;
}

/* -------------------------------------------------------- staff panel */

static const char *
status_label(struct dm_req *req, const char *status)
{
	if (strcmp(status, "issued") == 0)
		return host->tr(req, "Εκδόθηκε", "Issued");
	if (strcmp(status, "awaiting_payment") == 0)
		return host->tr(req, "Αναμένεται πληρωμή", "Awaiting payment");
	if (strcmp(status, "void") == 0)
		return host->tr(req, "Άκυρη", "Void");
	return host->tr(req, "Σε εξέταση", "Being examined");
}

static void
panel_field(struct dm_req *req, struct dm_node *rec, const char *el,
    const char *en, const char *value)
{
	struct dm_node *f;

	if (value == NULL || value[0] == '\0')
		return;
	f = host->node_add(rec, "field", value);
	host->node_attr(f, "label", host->tr(req, el, en));
}

static dm_status
panel_light(struct dm_req *req, const struct dm_request *r,
    struct dm_node *panel)
{
	const char *pole = host->request_value(req, r, "pole");
	char code[POLE_SIZE];
	struct dm_node *n;
	struct pole p;
	dm_status st;

	if (pole == NULL || !pole_parse(pole, code))
		return DM_OK;
	if ((st = pole_find(req, code, &p)) != DM_OK)
		return st;
	if (!p.found) {
		n = host->node_add(panel, "note", host->tr(req, "Η κολόνα δεν "
		    "είναι στο μητρώο φωτισμού.", "The pole is not in the "
		    "lighting register."));
		host->node_attr(n, "kind", "warning");
		return DM_OK;
	}
	n = host->node_add(panel, "note", host->aprintf(req, "%s %s: %s, %s "
	    "(%s, %s)%s%s", host->tr(req, "Κολόνα", "Pole"), code, p.street,
	    p.settlement, p.lat, p.lon, p.lamp[0] ? " — " : "", p.lamp));
	host->node_attr(n, "kind", "info");
	return DM_OK;
}

static dm_status
tech_staff_panel(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	struct dm_node *rec, *n;
	struct permit p;
	char area[32], from[32], to[32];
	dm_status st;

	if (is(svc, SVC_LIGHT))
		return panel_light(req, r, panel);
	if (!is(svc, SVC_OCCUPATION) && !is(svc, SVC_HEAVY))
		return DM_OK;
	if ((st = permit_load(req, r->id, &p)) == DM_ENOTFOUND) {
		n = host->node_add(panel, "note", host->tr(req, "Η αίτηση δεν "
		    "έχει στοιχεία άδειας.", "The request has no permit "
		    "details."));
		host->node_attr(n, "kind", "warning");
		return DM_OK;
	}
	if (st != DM_OK)
		return st;
	kit_date_short(p.starts, from, sizeof(from));
	kit_date_short(p.ends, to, sizeof(to));
	if (strcmp(p.status, "void") == 0) {
		n = host->node_add(panel, "note", host->tr(req, "Η άδεια "
		    "ακυρώθηκε.", "The permit is void."));
		host->node_attr(n, "kind", "warning");
		return DM_OK;
	}
	rec = host->node_add(panel, "record", NULL);
	host->node_attr(rec, "ref", host->aprintf(req, "permit:%lld", r->id));
	if (strcmp(p.kind, "occupation") == 0) {
		struct occupation_quote q;
		char text[PERMIT_QUOTE_SIZE];
		int o = occupation_parse(p.purpose);

		q.purpose = o < 0 ? OCC_SCAFFOLDING : (enum occupation)o;
		q.area = p.area;
		q.days = (int)p.days;
		q.rate = p.rate;
		q.fee = p.fee;
		permit_quote_text(&q, host->req_lang(req), text);
		permit_area_text(p.area, area);
		host->node_attr(rec, "label", host->aprintf(req, "%s, %s m², "
		    "%s – %s", o < 0 ? p.purpose : occupation_label(
		    (enum occupation)o, host->req_lang(req)), area, from, to));
		panel_field(req, rec, "Τέλος", "Fee", host->astrdup(req,
		    text));
	} else {
		host->node_attr(rec, "label", host->aprintf(req, "%s, %lld "
		    "kg, %s – %s", p.plate, p.weight, from, to));
		panel_field(req, rec, "Όχημα", "Vehicle", choice_label(req,
		    vehicles, p.purpose));
	}
	panel_field(req, rec, "Ημέρες", "Days", host->aprintf(req, "%lld",
	    p.days));
	if (p.payment_ref[0] != '\0')
		panel_field(req, rec, "Πληρωμή", "Payment", host->aprintf(req,
		    "%s (%s)", p.payment_ref, p.paid_at));
	panel_field(req, rec, "Κατάσταση", "Status", status_label(req,
	    p.status));
	if (strcmp(p.status, "awaiting_payment") == 0) {
		n = host->node_add(panel, "note", host->tr(req, "Αναμένεται η "
		    "πληρωμή του τέλους: η άδεια εκδίδεται αφού καταχωριστεί.",
		    "Awaiting payment of the fee: the permit is issued once it "
		    "is recorded."));
		host->node_attr(n, "kind", "warning");
		n = host->node_add(panel, "technical-payment", NULL);
		host->node_attr(n, "href", host->aprintf(req, "/staff/" PLUGIN
		    "/permits/%lld/payment", r->id));
	}
	return DM_OK;
}

/* ----------------------------------------------------------- preview */

/*
 * After submission: the occupation fee as frozen, and how to pay it: the
 * payment code, amount and account when finance collects it (ABI 2.2),
 * else the clerk's way.
 */
static dm_status
submitted_outcome(struct dm_req *req, const struct dm_request *r,
    struct dm_node *panel)
{
	struct dm_node *rec, *n;
	struct dm_fee fee;
	struct permit p;
	char paid[32];
	int coded;
	dm_status st;

	if ((st = permit_load(req, r->id, &p)) == DM_ENOTFOUND ||
	    strcmp(p.kind, "occupation") != 0)
		return DM_OK;
	if (st != DM_OK)
		return st;
	coded = DM_HOST_HAS(host, fee_status) && host->fee_status(self, req,
	    r, &fee) == DM_OK;
	host->node_attr(panel, "title", host->tr(req, "Το τέλος κατάληψης",
	    "The occupation fee"));
	rec = host->node_add(panel, "record", NULL);
	host->node_attr(rec, "label", host->aprintf(req, "%s: %s",
	    host->tr(req, "Τέλος", "Fee"), money(req, p.fee)));
	host->node_attr(rec, "id", "technical-fee");
	if (coded) {
		panel_field(req, rec, "Κωδικός πληρωμής (RF)", "Payment code "
		    "(RF)", host->astrdup(req, fee.rf));
		panel_field(req, rec, "Ποσό", "Amount", money(req,
		    fee.amount));
		panel_field(req, rec, "IBAN", "IBAN", host->astrdup(req,
		    fee.iban));
		panel_field(req, rec, "Δικαιούχος", "Beneficiary",
		    host->astrdup(req, fee.beneficiary));
	}
	if (p.payment_ref[0] != '\0') {
		kit_date_short(p.paid_at, paid, sizeof(paid));
		panel_field(req, rec, "Πληρώθηκε", "Paid", host->astrdup(req,
		    paid));
	}
	panel_field(req, rec, "Κατάσταση", "Status", status_label(req,
	    p.status));
	if (strcmp(p.status, "awaiting_payment") != 0)
		return DM_OK;
	n = host->node_add(panel, "note", coded ? host->tr(req, "Πληρώστε "
	    "με e-banking ή σε τράπεζα με τον κωδικό πληρωμής RF. Η πληρωμή "
	    "αναγνωρίζεται από το αρχείο της τράπεζας και η άδεια εκδίδεται "
	    "μόνη της.", "Pay through e-banking or at a bank with the RF "
	    "payment code. The payment is recognised from the bank's file and "
	    "the permit is issued by itself.") : host->tr(req, "Πληρώστε το "
	    "τέλος στο ταμείο του Δήμου· η άδεια εκδίδεται αφού καταχωριστεί "
	    "η πληρωμή.", "Pay the fee at the municipality's cash desk; the "
	    "permit is issued once the payment is recorded."));
	host->node_attr(n, "kind", "info");
	return DM_OK;
}

/*
 * Before submission: the road occupation fee worked out from the draft
 * with today's rates (on_submit freezes the same figure), and for a heavy
 * vehicle the plate as it will be printed.
 */
static dm_status
tech_preview(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	struct permit_problem p[PERMIT_PROBLEMS];
	char first[DM_DATE_SIZE], plate[PLATE_SIZE], area[32];
	char text[PERMIT_QUOTE_SIZE];
	struct occupation_quote q;
	struct dm_node *rec, *n;
	int days = 0;

	if (!is(svc, SVC_OCCUPATION) && !is(svc, SVC_HEAVY))
		return DM_OK;
	if (r->protocol != NULL)
		return submitted_outcome(req, r, panel);
	earliest_day(first);
	if (is(svc, SVC_HEAVY)) {
		if (permit_check_heavy(&rules, host->request_value(req, r,
		    "plate"), host->request_value(req, r, "weight"),
		    host->request_value(req, r, "start"),
		    host->request_value(req, r, "end"), first, plate, &days,
		    p) > 0 || days == 0)
			return DM_OK;
		host->node_attr(panel, "title", host->tr(req, "Η άδεια",
		    "The permit"));
		rec = host->node_add(panel, "record", NULL);
		host->node_attr(rec, "label", host->tr(req, "Άδεια διέλευσης "
		    "βαρέος οχήματος", "Heavy vehicle passage permit"));
		panel_field(req, rec, "Αριθμός κυκλοφορίας", "Registration",
		    host->astrdup(req, plate));
		panel_field(req, rec, "Ημέρες", "Days", host->aprintf(req,
		    "%d", days));
		panel_field(req, rec, "Τέλος", "Fee", host->tr(req, "Χωρίς "
		    "τέλος", "Free of charge"));
		return DM_OK;
	}
	if (permit_check_occupation(&rules, host->request_value(req, r,
	    "purpose"), host->request_value(req, r, "area"),
	    host->request_value(req, r, "start"), host->request_value(req, r,
	    "end"), first, &q, p) > 0 || q.days == 0) {
		n = host->node_add(panel, "note", host->tr(req, "Το τέλος δεν "
		    "υπολογίζεται ακόμη: διορθώστε πρώτα τις ημερομηνίες ή το "
		    "εμβαδόν.", "The fee cannot be worked out yet: correct the "
		    "dates or the area first."));
		host->node_attr(n, "kind", "warning");
		return DM_OK;
	}
	host->node_attr(panel, "title", host->tr(req, "Το τέλος κατάληψης",
	    "The occupation fee"));
	permit_quote_text(&q, host->req_lang(req), text);
	permit_area_text(q.area, area);
	rec = host->node_add(panel, "record", NULL);
	host->node_attr(rec, "label", host->aprintf(req, "%s: %s",
	    host->tr(req, "Τέλος", "Fee"), money(req, q.fee)));
	host->node_attr(rec, "id", "technical-fee");
	panel_field(req, rec, "Χρήση", "For", occupation_label(q.purpose,
	    host->req_lang(req)));
	panel_field(req, rec, "Εμβαδόν", "Area", host->aprintf(req, "%s m²",
	    area));
	panel_field(req, rec, "Ημέρες", "Days", host->aprintf(req, "%d",
	    q.days));
	panel_field(req, rec, "Τιμή ανά m² και ημέρα", "Rate per m² and day",
	    money(req, q.rate));
	panel_field(req, rec, "Υπολογισμός", "Worked out", host->astrdup(req,
	    text));
	n = host->node_add(panel, "note", host->tr(req, "Το τέλος πληρώνεται "
	    "μετά την υποβολή· η άδεια εκδίδεται αφού καταχωριστεί η "
	    "πληρωμή.", "The fee is paid after you submit; the permit is "
	    "issued once the payment is recorded."));
	host->node_attr(n, "kind", "info");
	return DM_OK;
}

/* ----------------------------------------------------------- payment */

/* A payment reference: a receipt's number or a payment code, printable,
 * 3 to 64 characters. */
static int
payment_ref_ok(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++, n++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return n >= 3 && n <= 64;
}

/*
 * GET and POST /staff/technical/permits/:id/payment: a clerk records that
 * a road occupation permit's fee is paid (the receipt's number or the
 * payment code), after which the permit can be issued. The one place a
 * payment enters: README.md, "Payment".
 */
static dm_status
payment_page(struct dm_req *req)
{
	const char *ids = host->req_arg(req, "id");
	const char *ref = host->req_form(req, "reference");
	const struct dm_user *me = host->req_user(req);
	long long id = ids != NULL ? atoll(ids) : 0;
	const char *error = NULL;
	struct dm_node *c, *n;
	struct permit p;
	char fee[FEE_MONEY_SIZE];
	dm_status st;

	if (id <= 0 || (st = permit_load(req, id, &p)) == DM_ENOTFOUND ||
	    strcmp(p.kind, "occupation") != 0)
		return DM_ENOTFOUND;
	if (st != DM_OK)
		return st;
	if (strcmp(host->req_method(req), "POST") == 0) {
		if (payment_ref_ok(ref)) {
			struct dm_value v[] = { DM_VTEXT(ref),
			    DM_VINT(me != NULL ? me->id : 0), DM_VINT(id) };
			uint64_t changed = 0;

			if ((st = host->db_exec(req, "UPDATE technical_permits "
			    "SET status = 'pending', paid_at = UTC_TIMESTAMP(6), "
			    "payment_ref = ?, paid_by = ? WHERE request_id = ? "
			    "AND status = 'awaiting_payment'", v, NELEM(v),
			    &changed, NULL)) != DM_OK)
				return st;
			if (changed == 0)
				return DM_ECONFLICT;
			host->redirect(req, host->aprintf(req, "/staff/" PLUGIN
			    "/requests/%lld", id));
			return DM_OK;
		}
		error = host->tr(req, "Γράψτε τον αριθμό της απόδειξης ή τον "
		    "κωδικό πληρωμής (3 έως 64 χαρακτήρες).", "Give the "
		    "receipt's number or the payment code (3 to 64 "
		    "characters).");
	}
	fee_money_format(p.fee, fee);
	c = host->page_begin(req, "payment", host->tr(req, "Πληρωμή τέλους "
	    "κατάληψης", "Occupation fee payment"));
	host->node_attr_int(c, "request", id);
	host->node_attr(c, "fee", host->astrdup(req, fee));
	host->node_attr(c, "status", p.status);
	if (p.payment_ref[0] != '\0') {
		host->node_attr(c, "paid-ref", p.payment_ref);
		host->node_attr(c, "paid-at", p.paid_at);
	}
	n = host->node_add(c, "reference", ref);
	if (error != NULL) {
		host->node_attr(n, "error", error);
		return DM_EINPUT;
	}
	return DM_OK;
}

/* ------------------------------------------------------------- pages */

struct list_ctx {
	struct dm_req	*req;
	struct dm_node	*list;
	long long	 n;
};

static dm_status
in_force_row(void *arg, const struct dm_value *c, size_t n)
{
	struct list_ctx *x = arg;
	struct dm_node *p;
	char d[32];

	if (n < 10)
		return DM_EINTERNAL;
	p = host->node_add(x->list, "permit", NULL);
	host->node_attr_int(p, "request", col_int(&c[0]));
	host->node_attr(p, "kind", c[1].s);
	host->node_attr(p, "status", c[2].s);
	kit_date_short(c[3].s, d, sizeof(d));
	host->node_attr(p, "from", host->astrdup(x->req, d));
	kit_date_short(c[4].s, d, sizeof(d));
	host->node_attr(p, "to", host->astrdup(x->req, d));
	if (c[5].type == DM_V_TEXT)
		host->node_attr(p, "plate", c[5].s);
	if (c[6].type == DM_V_INT) {
		char a[32];

		permit_area_text(c[6].i, a);
		host->node_attr(p, "area", host->astrdup(x->req, a));
	}
	if (c[7].type == DM_V_TEXT) {
		int o = occupation_parse(c[7].s);

		host->node_attr(p, "purpose", o >= 0 ? occupation_label(
		    (enum occupation)o, host->req_lang(x->req)) :
		    choice_label(x->req, vehicles, c[7].s));
	}
	if (c[8].type == DM_V_TEXT)
		host->node_attr(p, "protocol", c[8].s);
	if (c[9].type == DM_V_TEXT)
		host->node_attr(p, "where", c[9].s);
	x->n++;
	return DM_OK;
}

/*
 * GET /staff/technical/permits[?date=YYYY-MM-DD]: the permits that cover
 * a day (today by default), issued or still being examined, for the
 * clerks and the municipal wardens who check the streets.
 */
static dm_status
permits_page(struct dm_req *req)
{
	const char *date = host->req_query(req, "date");
	char today[DM_DATE_SIZE], shown[32];
	struct list_ctx x = { req, NULL, 0 };
	struct dm_value p[2];
	struct dm_node *c;
	dm_status st;

	host->today(today);
	if (date == NULL || date[0] == '\0')
		date = today;
	if (!kit_date_valid(date))
		return DM_EINPUT;
	kit_date_short(date, shown, sizeof(shown));
	c = host->page_begin(req, "permits", host->aprintf(req, "%s %s",
	    host->tr(req, "Άδειες σε ισχύ", "Permits in force"), shown));
	host->node_attr(c, "date", date);
	host->node_attr(c, "shown", shown);
	x.list = host->node_add(c, "permits", NULL);
	p[0] = DM_VTEXT(date);
	p[1] = DM_VTEXT(date);
	if ((st = host->db_query(req, "SELECT request_id, kind, status, "
	    "CAST(starts AS CHAR), CAST(ends AS CHAR), plate, area, purpose, "
	    "protocol, place FROM technical_permits WHERE status <> 'void' "
	    "AND starts <= ? AND ends >= ? ORDER BY kind, starts, request_id "
	    "LIMIT 500", p, 2, in_force_row, &x)) != DM_OK)
		return st;
	host->node_attr_int(c, "count", x.n);
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ .methods = DM_METHOD_GET, .pattern = "/staff/" PLUGIN "/permits",
	  .access = DM_ROUTE_STAFF, .handler = permits_page },
	{ .methods = DM_METHOD_GET | DM_METHOD_POST,
	  .pattern = "/staff/" PLUGIN "/permits/:id/payment",
	  .access = DM_ROUTE_STAFF, .handler = payment_page },
	{ .pattern = NULL },
};

/* ----------------------------------------------------------- command */

enum { P_CODE, P_SETTLEMENT, P_STREET, P_LAT, P_LON, P_LAMP };

static const char *const lamps[] = { "led", "sodium", "mercury", "other",
	NULL };

static const struct kit_column pole_cols[] = {
	[P_CODE] = { "code", KIT_TEXT, KIT_REQUIRED, 0, 20, NULL },
	[P_SETTLEMENT] = { "settlement", KIT_TEXT, KIT_REQUIRED, 0, 32, NULL },
	[P_STREET] = { "street", KIT_TEXT, KIT_REQUIRED, 0, 200, NULL },
	[P_LAT] = { "lat", KIT_TEXT, KIT_REQUIRED, 0, 12, NULL },
	[P_LON] = { "lon", KIT_TEXT, KIT_REQUIRED, 0, 12, NULL },
	[P_LAMP] = { "lamp", KIT_CHOICE, 0, 0, 0, lamps },
	{ NULL, 0, 0, 0, 0, NULL },
};

struct import {
	struct kit_sheet	sh;
	int			replace;
	char			err[KIT_ERRSZ];
};

/* All or nothing; db_tx may run it again, so it starts from scratch. */
static dm_status
import_tx(struct dm_req *req, void *arg)
{
	struct import *im = arg;
	dm_status st;

	(void)req;
	im->err[0] = '\0';
	if (im->replace && (st = host->db_exec(NULL, "DELETE FROM "
	    "technical_poles", NULL, 0, NULL, NULL)) != DM_OK)
		return st;
	for (size_t r = 0; r < kit_sheet_rows(&im->sh); r++) {
		char code[POLE_SIZE];
		double lat, lon;
		struct dm_value v[6];
		uint64_t added = 0;

		if (!pole_parse(kit_sheet_get(&im->sh, r, P_CODE), code) ||
		    !pole_coord(kit_sheet_get(&im->sh, r, P_LAT), 1, &lat) ||
		    !pole_coord(kit_sheet_get(&im->sh, r, P_LON), 0, &lon)) {
			kit_fail(im->err, sizeof(im->err), im->sh.file,
			    kit_sheet_line(&im->sh, r), "a pole needs a code "
			    "of digits and a latitude and longitude in Greece "
			    "(decimal degrees, e.g. 40.9078 and 23.5005)");
			return DM_EINPUT;
		}
		v[0] = DM_VTEXT(code);
		v[1] = DM_VTEXT(kit_sheet_get(&im->sh, r, P_SETTLEMENT));
		v[2] = DM_VTEXT(kit_sheet_get(&im->sh, r, P_STREET));
		v[3] = DM_VTEXT(kit_sheet_get(&im->sh, r, P_LAT));
		v[4] = DM_VTEXT(kit_sheet_get(&im->sh, r, P_LON));
		v[5] = DM_VTEXT(kit_sheet_get(&im->sh, r, P_LAMP));
		if ((st = host->db_exec(NULL, "INSERT IGNORE INTO "
		    "technical_poles (code, settlement, street, lat, lon, lamp) "
		    "VALUES (?, ?, ?, ?, ?, ?)", v, NELEM(v), &added, NULL)) !=
		    DM_OK)
			return st;
		if (added == 0) {
			kit_fail(im->err, sizeof(im->err), im->sh.file,
			    kit_sheet_line(&im->sh, r), "pole %s is already "
			    "in the register (use --replace to load the file "
			    "instead of it)", code);
			return DM_ECONFLICT;
		}
	}
	return DM_OK;
}

static int
usage(void)
{
	fprintf(stderr, "usage: dimosctl plugin " PLUGIN " import "
	    "[--if-empty | --replace] <dir>\n"
	    "  <dir> holds poles.csv, the street lighting register (see "
	    "plugins/" PLUGIN "/README.md)\n");
	return 2;
}

static int
cmd_import(int argc, char **argv)
{
	struct import im;
	const char *dir = NULL;
	int if_empty = 0;
	long long have;
	dm_status st;

	memset(&im, 0, sizeof(im));
	if (kit_import_args(argc, argv, 2, &if_empty, &im.replace, &dir) != 0)
		return usage();
	if (poles_count(NULL, &have) != DM_OK) {
		fprintf(stderr, PLUGIN ": cannot read the register (did "
		    "'dimosctl migrate' run?)\n");
		return 1;
	}
	if (if_empty && have > 0) {
		printf(PLUGIN ": the register already holds %lld poles; "
		    "nothing imported (--if-empty)\n", have);
		return 0;
	}
	im.sh.file = "poles.csv";
	im.sh.cols = pole_cols;
	if (kit_sheet_load(&im.sh, dir, im.err, sizeof(im.err)) != 0) {
		fprintf(stderr, PLUGIN ": %s/%s\n" PLUGIN ": nothing was "
		    "imported\n", dir, im.err);
		return 1;
	}
	st = host->db_tx(NULL, import_tx, &im);
	if (st != DM_OK) {
		fprintf(stderr, PLUGIN ": %s%s%s\n" PLUGIN ": nothing was "
		    "imported\n", im.err[0] ? dir : "", im.err[0] ? "/" : "",
		    im.err[0] ? im.err : "the transaction failed (see the "
		    "log above)");
		kit_sheet_free(&im.sh);
		return 1;
	}
	printf(PLUGIN ": imported %zu poles from %s%s\n",
	    kit_sheet_rows(&im.sh), dir, im.replace ? " (the previous "
	    "register was replaced)" : "");
	kit_sheet_free(&im.sh);
	return 0;
}

static dm_status tech_init(const struct dm_host *h,
    struct dm_plugin_ctx *ctx);

static int
tech_command(const struct dm_host *h, struct dm_plugin_ctx *ctx, int argc,
    char **argv)
{
	if (tech_init(h, ctx) != DM_OK)
		return 1;
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return cmd_import(argc, argv);
	return usage();
}

/* ------------------------------------------------------------ plugin */

/* A configured amount in euros ("0,50"), or the default. */
static int
config_money(const char *key, long long *cents)
{
	const char *v = host->config_get(self, key);

	if (v == NULL)
		return 1;
	if (!fee_money_parse(v, cents) || *cents > FEE_RATE_MAX) {
		host->log(self, DM_LOG_ERROR, "[plugin." PLUGIN "] %s: '%s' is "
		    "not an amount in euros (e.g. 0,50)", key, v);
		return 0;
	}
	return 1;
}

static int
config_number(const char *key, long long min, long long max, long long *out)
{
	const char *v = host->config_get(self, key);
	char *e;
	long long n;

	if (v == NULL)
		return 1;
	n = strtoll(v, &e, 10);
	if (e == v || *e != '\0' || n < min || n > max) {
		host->log(self, DM_LOG_ERROR, "[plugin." PLUGIN "] %s: '%s' is "
		    "not a whole number from %lld to %lld", key, v, min, max);
		return 0;
	}
	*out = n;
	return 1;
}

static dm_status
tech_init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	long long days;

	host = h;
	self = ctx;
	permit_rules_default(&rules);
	days = rules.max_days;
	if (!config_money("rate_scaffolding", &rules.rate[OCC_SCAFFOLDING]) ||
	    !config_money("rate_skip", &rules.rate[OCC_SKIP]) ||
	    !config_money("rate_materials", &rules.rate[OCC_MATERIALS]) ||
	    !config_money("fee_minimum", &rules.minimum) ||
	    !config_number("max_days", 1, FEE_DAYS_MAX, &days) ||
	    !config_number("heavy_min_kg", 0, 100000, &rules.heavy_min_kg) ||
	    !config_number("heavy_max_kg", 1000, 200000, &rules.heavy_max_kg))
		return DM_EINPUT;
	rules.max_days = (int)days;
	if (rules.heavy_max_kg <= rules.heavy_min_kg) {
		host->log(self, DM_LOG_ERROR, "[plugin." PLUGIN "] "
		    "heavy_max_kg must be more than heavy_min_kg");
		return DM_EINPUT;
	}
	return DM_OK;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = PLUGIN,
	.version = "1.0",
	.department = &department,
	.services = services,
	.routes = routes,
	.config = config_keys,
	.init = tech_init,
	.validate = tech_validate,
	.certificate = tech_certificate,
	.staff_panel = tech_staff_panel,
	.command = tech_command,
	.on_submit = tech_on_submit,
	.on_transition = tech_on_transition,
	.preview = tech_preview,
	.on_paid = tech_on_paid,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
