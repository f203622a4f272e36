/*
 * cleaning.c - the department of cleaning and green spaces (Καθαριότητα &
 * Πράσινο): the bulky items and branches pickup booked on a day with room
 * in the settlement's zone, reports about bins, dumping, streets and dead
 * animals, and the green spaces' requests.
 * Data first (the department, its services, the queue's columns), then
 * the hooks that are really its own:
 *   validate       pickup: the items, a business day with room in the
 *                  zone; reports: what each kind of report needs
 *   on_submit      books the pickup atomically with the submission
 *   on_transition  gives the place back when the citizen cancels (until
 *                  the day before) or staff reject; done on completion
 *   staff_panel    the pickup, the crew a request is with, urgency
 * The staff's and the head's pages are in pages.c, the tables in
 * capacity.c, bookings.c and crews.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/kit/date.h"
#include "dimos/plugin.h"

#include "bookings.h"
#include "capacity.h"
#include "cleaning.h"
#include "crews.h"
#include "pages.h"
#include "places.h"

const struct dm_host *cl_host;
struct dm_plugin_ctx *cl_self;
struct cl_settings cl_cfg;

#define FREE_SHOWN	5	/* free days offered with a refusal */

/* ------------------------------------------------------ declarations */

#define WHERE(h_el, h_en)						\
	{ .name = "where", .type = DM_FIELD_ADDRESS,			\
	  .label_el = "Τοποθεσία", .label_en = "Location",		\
	  .hint_el = h_el, .hint_en = h_en,				\
	  .flags = DM_FIELD_REQUIRED, .max = 200 }
#define WHERE_REPORT	WHERE("Η οδός και ο αριθμός ή ένα σημείο "	\
	    "αναφοράς, και ο οικισμός· μπορείτε να το δείξετε και στον "	\
	    "χάρτη.", "The street and number or a landmark, and the "	\
	    "settlement; you may also show it on the map.")
#define PHOTOS(n)							\
	{ .name = "photos", .type = DM_FIELD_FILE,			\
	  .label_el = "Φωτογραφίες", .label_en = "Photos",		\
	  .hint_el = "Έως " #n " φωτογραφίες (JPEG, PNG ή HEIC από το "	\
	      "κινητό).",						\
	  .hint_en = "Up to " #n " photos (JPEG, PNG or HEIC from a "	\
	      "phone).",						\
	  .max = n, .accept = DM_ACCEPT_PHOTO }
#define DETAILS(flags_, h_el, h_en)					\
	{ .name = "details", .type = DM_FIELD_TEXT,			\
	  .label_el = "Περιγραφή", .label_en = "Description",		\
	  .hint_el = h_el, .hint_en = h_en, .flags = flags_,		\
	  .max = 2000 }
#define PHONE_OPTIONAL							\
	{ .name = "phone", .type = DM_FIELD_PHONE,			\
	  .label_el = "Τηλέφωνο επικοινωνίας",				\
	  .label_en = "Contact phone",					\
	  .hint_el = "Προαιρετικό· αν το συνεργείο χρειαστεί να σας "	\
	      "βρει.", .hint_en = "Optional; in case the crew needs to "	\
	      "reach you.", .flags = DM_FIELD_PERSONAL }
#define COUNT(name_, el, en, hint_el_, hint_en_, max_)			\
	{ .name = name_, .type = DM_FIELD_NUMBER, .label_el = el,	\
	  .label_en = en, .hint_el = hint_el_, .hint_en = hint_en_,	\
	  .min = 0, .max = max_ }

/* The pickup: what, where, a phone, and a day with room. */
static const struct dm_field bulky_fields[] = {
	COUNT("furniture", "Έπιπλα (τεμάχια)", "Furniture (pieces)",
	    "Καναπέδες, ντουλάπες, τραπέζια, καρέκλες.",
	    "Sofas, wardrobes, tables, chairs.", 10),
	COUNT("mattresses", "Στρώματα", "Mattresses", NULL, NULL, 6),
	COUNT("appliances", "Μεγάλες ηλεκτρικές συσκευές",
	    "Large appliances", "Ψυγεία, κουζίνες, πλυντήρια, θερμοσίφωνες.",
	    "Fridges, cookers, washing machines, water heaters.", 4),
	COUNT("branches", "Κλαδέματα (δέματα ή σακιά)",
	    "Branches (bundles or sacks)", "Δεμένα, έως 1,5 μέτρο μήκος.",
	    "Tied, up to 1.5 metres long.", 20),
	COUNT("other", "Άλλα ογκώδη (τεμάχια)", "Other bulky items (pieces)",
	    NULL, NULL, 10),
	{ .name = "other_what", .type = DM_FIELD_STRING,
	  .label_el = "Ποια άλλα", .label_en = "Which other items",
	  .hint_el = "Αν δηλώσατε άλλα ογκώδη: τι είναι.",
	  .hint_en = "If you listed other bulky items: what they are.",
	  .max = 200 },
	WHERE("Η διεύθυνση όπου θα βρίσκονται τα αντικείμενα και ο "
	    "οικισμός.", "The address where the items will be, and the "
	    "settlement."),
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο", .label_en = "Phone",
	  .hint_el = "Για να σας βρει το συνεργείο την ημέρα της "
	      "αποκομιδής.",
	  .hint_en = "So that the crew can reach you on the day.",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL },
	/* The days with room in the settlement's zone (cl_choices): a
	 * DATE's own choices, ABI 2.3 (DM_PLUGIN_HEADER declares it). */
	{ .name = "date", .type = DM_FIELD_DATE,
	  .label_el = "Ημέρα αποκομιδής", .label_en = "Pickup day",
	  .hint_el = "Οι επόμενες εργάσιμες με ελεύθερη θέση στον οικισμό "
	      "της διεύθυνσης, με τις θέσεις που απομένουν. Διαλέξτε πρώτα "
	      "τον οικισμό· αν η λίστα είναι κενή, πατήστε "
	      "«Προεπισκόπηση» και θα εμφανιστούν οι ημέρες του.",
	  .hint_en = "The next working days with a free place in the "
	      "address's settlement, with the places left. Choose the "
	      "settlement first; if the list is empty, press \"Preview\" "
	      "and its days will appear.",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_OWN_CHOICES },
	{ .name = "notes", .type = DM_FIELD_TEXT,
	  .label_el = "Οδηγίες για το συνεργείο",
	  .label_en = "Notes for the crew",
	  .hint_el = "Προαιρετικό, π.χ. «στην είσοδο της πολυκατοικίας».",
	  .hint_en = "Optional, e.g. \"at the entrance of the building\".",
	  .max = 1000 },
	{ .name = NULL },
};

static const struct dm_choice bin_requests[] = {
	{ .value = "broken", .label_el = "Χαλασμένος κάδος",
	  .label_en = "A broken bin" },
	{ .value = "missing", .label_el = "Ο κάδος λείπει",
	  .label_en = "The bin is missing" },
	{ .value = "new", .label_el = "Νέος κάδος",
	  .label_en = "A new bin" },
	{ .value = "move", .label_el = "Μετακίνηση κάδου",
	  .label_en = "Move a bin" },
	{ .value = NULL },
};

static const struct dm_choice bin_types[] = {
	{ .value = "general", .label_el = "Γενικών απορριμμάτων (πράσινος)",
	  .label_en = "General waste (green)" },
	{ .value = "recycling", .label_el = "Ανακύκλωσης (μπλε)",
	  .label_en = "Recycling (blue)" },
	{ .value = "organic", .label_el = "Βιοαποβλήτων (καφέ)",
	  .label_en = "Organic waste (brown)" },
	{ .value = NULL },
};

static const struct dm_field bin_fields[] = {
	{ .name = "request", .type = DM_FIELD_CHOICE,
	  .label_el = "Τι χρειάζεται", .label_en = "What is needed",
	  .flags = DM_FIELD_REQUIRED, .choices = bin_requests },
	{ .name = "bin", .type = DM_FIELD_CHOICE,
	  .label_el = "Είδος κάδου", .label_en = "Kind of bin",
	  .flags = DM_FIELD_REQUIRED, .choices = bin_types },
	WHERE("Πού είναι (ή πού χρειάζεται) ο κάδος, και ο οικισμός.",
	    "Where the bin is (or is needed), and the settlement."),
	PHOTOS(3),
	DETAILS(0, "Για μετακίνηση: πού να πάει ο κάδος και γιατί. Για νέο "
	    "κάδο: για πόσα νοικοκυριά.", "To move a bin: where to and why. "
	    "For a new bin: for how many households."),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

static const struct dm_choice dumped[] = {
	{ .value = "rubble", .label_el = "Μπάζα", .label_en = "Rubble" },
	{ .value = "bulky", .label_el = "Ογκώδη αντικείμενα",
	  .label_en = "Bulky items" },
	{ .value = "household", .label_el = "Σκουπίδια",
	  .label_en = "Household rubbish" },
	{ .value = "tyres", .label_el = "Λάστιχα", .label_en = "Tyres" },
	{ .value = "green", .label_el = "Κλαδέματα", .label_en = "Branches" },
	{ .value = "hazardous", .label_el = "Επικίνδυνα (λάδια, χημικά, "
	  "αμίαντος)", .label_en = "Hazardous (oil, chemicals, asbestos)" },
	{ .value = NULL },
};

static const struct dm_field dumping_fields[] = {
	{ .name = "what", .type = DM_FIELD_MULTICHOICE,
	  .label_el = "Τι έχει πεταχτεί", .label_en = "What was dumped",
	  .flags = DM_FIELD_REQUIRED, .choices = dumped, .min = 1 },
	WHERE_REPORT,
	PHOTOS(5),
	DETAILS(0, "Πόσο περίπου, από πότε, αν είδατε ποιος τα πέταξε.",
	    "About how much, since when, whether you saw who dumped it."),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

static const struct dm_choice street_problems[] = {
	{ .value = "litter", .label_el = "Σκουπίδια στον δρόμο",
	  .label_en = "Litter in the street" },
	{ .value = "overflowing", .label_el = "Γεμάτοι κάδοι που δεν "
	  "αδειάστηκαν", .label_en = "Full bins not emptied" },
	{ .value = "sweeping", .label_el = "Χρειάζεται σκούπισμα (φύλλα, "
	  "λάσπη, χώμα)", .label_en = "Needs sweeping (leaves, mud, soil)" },
	{ .value = "spill", .label_el = "Λάδια ή άλλη διαρροή",
	  .label_en = "Oil or another spill" },
	{ .value = NULL },
};

static const struct dm_field street_fields[] = {
	{ .name = "problem", .type = DM_FIELD_CHOICE,
	  .label_el = "Τι συμβαίνει", .label_en = "What is wrong",
	  .flags = DM_FIELD_REQUIRED, .choices = street_problems },
	WHERE_REPORT,
	PHOTOS(3),
	DETAILS(0, NULL, NULL),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

static const struct dm_choice animals[] = {
	{ .value = "dog", .label_el = "Σκύλος", .label_en = "Dog" },
	{ .value = "cat", .label_el = "Γάτα", .label_en = "Cat" },
	{ .value = "bird", .label_el = "Πουλί", .label_en = "Bird" },
	{ .value = "wild", .label_el = "Άγριο ζώο", .label_en = "Wild animal" },
	{ .value = "farm", .label_el = "Ζώο εκτροφής", .label_en = "Farm "
	  "animal" },
	{ .value = NULL },
};

static const struct dm_field animal_fields[] = {
	{ .name = "animal", .type = DM_FIELD_CHOICE,
	  .label_el = "Ζώο", .label_en = "Animal",
	  .flags = DM_FIELD_REQUIRED, .choices = animals },
	WHERE("Πού ακριβώς βρίσκεται (στο οδόστρωμα, στο πεζοδρόμιο, σε "
	    "χωράφι), και ο οικισμός.", "Where exactly it is (on the road, "
	    "the pavement, in a field), and the settlement."),
	PHOTOS(3),
	DETAILS(0, NULL, NULL),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

static const struct dm_field pruning_fields[] = {
	{ .name = "trees", .type = DM_FIELD_NUMBER,
	  .label_el = "Πόσα δέντρα", .label_en = "How many trees",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 50 },
	WHERE_REPORT,
	PHOTOS(3),
	DETAILS(DM_FIELD_REQUIRED, "Γιατί χρειάζεται κλάδεμα: κλαδιά "
	    "πάνω στον δρόμο, στα καλώδια, στο φως του δρόμου, στα "
	    "παράθυρα.", "Why it needs pruning: branches over the road, on "
	    "the wires, hiding the street light, at the windows."),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

static const struct dm_choice tree_dangers[] = {
	{ .value = "fallen", .label_el = "Έπεσε δέντρο ή μεγάλο κλαδί",
	  .label_en = "A tree or a big branch has fallen" },
	{ .value = "leaning", .label_el = "Γέρνει και μπορεί να πέσει",
	  .label_en = "It leans and may fall" },
	{ .value = "hanging", .label_el = "Σπασμένο κλαδί κρέμεται",
	  .label_en = "A broken branch is hanging" },
	{ .value = "wires", .label_el = "Ακουμπά καλώδια ρεύματος",
	  .label_en = "It touches power lines" },
	{ .value = NULL },
};

static const struct dm_field tree_fields[] = {
	{ .name = "danger", .type = DM_FIELD_CHOICE,
	  .label_el = "Ο κίνδυνος", .label_en = "The danger",
	  .flags = DM_FIELD_REQUIRED, .choices = tree_dangers },
	WHERE_REPORT,
	PHOTOS(3),
	DETAILS(0, "Αν κλείνει τον δρόμο ή απειλεί σπίτι, αυτοκίνητα ή "
	    "περαστικούς, πείτε το.", "Say whether it blocks the road or "
	    "threatens a house, cars or passers-by."),
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο επικοινωνίας", .label_en = "Contact phone",
	  .hint_el = "Για να σας καλέσει αμέσως το συνεργείο.",
	  .hint_en = "So that the crew can call you at once.",
	  .flags = DM_FIELD_REQUIRED | DM_FIELD_PERSONAL },
	{ .name = NULL },
};

static const struct dm_field planting_fields[] = {
	{ .name = "trees", .type = DM_FIELD_NUMBER,
	  .label_el = "Πόσα δέντρα", .label_en = "How many trees",
	  .flags = DM_FIELD_REQUIRED, .min = 1, .max = 50 },
	{ .name = "species", .type = DM_FIELD_STRING,
	  .label_el = "Είδος (αν έχετε προτίμηση)",
	  .label_en = "Species (if you have a preference)", .max = 100 },
	WHERE_REPORT,
	DETAILS(DM_FIELD_REQUIRED, "Πού ακριβώς (πεζοδρόμιο, πλατεία, "
	    "σχολείο) και γιατί.", "Where exactly (pavement, square, "
	    "school) and why."),
	PHOTOS(3),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

static const struct dm_choice playground_parts[] = {
	{ .value = "swing", .label_el = "Κούνια", .label_en = "Swing" },
	{ .value = "slide", .label_el = "Τσουλήθρα", .label_en = "Slide" },
	{ .value = "climbing", .label_el = "Αναρρίχηση ή σύνθετο όργανο",
	  .label_en = "Climbing frame" },
	{ .value = "surface", .label_el = "Δάπεδο ασφαλείας",
	  .label_en = "Safety surface" },
	{ .value = "fence", .label_el = "Περίφραξη ή πόρτα",
	  .label_en = "Fence or gate" },
	{ .value = "bench", .label_el = "Παγκάκι", .label_en = "Bench" },
	{ .value = "other", .label_el = "Άλλο", .label_en = "Other" },
	{ .value = NULL },
};

static const struct dm_field playground_fields[] = {
	{ .name = "part", .type = DM_FIELD_CHOICE,
	  .label_el = "Τι έχει χαλάσει", .label_en = "What is damaged",
	  .flags = DM_FIELD_REQUIRED, .choices = playground_parts },
	WHERE("Η παιδική χαρά (όνομα ή οδός) και ο οικισμός.",
	    "The playground (its name or street) and the settlement."),
	PHOTOS(3),
	DETAILS(DM_FIELD_REQUIRED, "Τι ακριβώς συμβαίνει· αν κάποιο "
	    "παιδί μπορεί να χτυπήσει, πείτε το.", "What exactly is wrong; "
	    "say whether a child could get hurt."),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

static const struct dm_choice irrigation_faults[] = {
	{ .value = "leak", .label_el = "Διαρροή νερού", .label_en = "A leak" },
	{ .value = "broken", .label_el = "Σπασμένο μπεκ ή σωλήνας",
	  .label_en = "A broken sprinkler or pipe" },
	{ .value = "dry", .label_el = "Δεν ποτίζει", .label_en = "It does not "
	  "water" },
	{ .value = "hours", .label_el = "Ποτίζει σε λάθος ώρα",
	  .label_en = "It waters at the wrong time" },
	{ .value = NULL },
};

static const struct dm_field irrigation_fields[] = {
	{ .name = "fault", .type = DM_FIELD_CHOICE,
	  .label_el = "Η βλάβη", .label_en = "The fault",
	  .flags = DM_FIELD_REQUIRED, .choices = irrigation_faults },
	WHERE_REPORT,
	PHOTOS(3),
	DETAILS(0, NULL, NULL),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

static const struct dm_choice grass_kinds[] = {
	{ .value = "public", .label_el = "Ψηλά χόρτα σε κοινόχρηστο χώρο",
	  .label_en = "Tall grass in a public space" },
	{ .value = "pavement", .label_el = "Αγριόχορτα σε πεζοδρόμιο ή "
	  "κράσπεδο", .label_en = "Weeds on a pavement or kerb" },
	{ .value = "plot", .label_el = "Ακαθάριστο οικόπεδο (κίνδυνος "
	  "πυρκαγιάς)", .label_en = "An uncleared plot (fire risk)" },
	{ .value = NULL },
};

static const struct dm_field grass_fields[] = {
	{ .name = "kind", .type = DM_FIELD_CHOICE,
	  .label_el = "Τι χρειάζεται", .label_en = "What is needed",
	  .flags = DM_FIELD_REQUIRED, .choices = grass_kinds },
	WHERE_REPORT,
	PHOTOS(3),
	DETAILS(0, NULL, NULL),
	PHONE_OPTIONAL,
	{ .name = NULL },
};

/* The queue, narrowed to pickups, plans the days: by day, sortable. */
static const struct dm_column bulky_columns[] = {
	{ .field = "date", .label_el = "Ημέρα", .label_en = "Day",
	  .filter = DM_FILTER_RANGE,
	  .flags = DM_COLUMN_SORTABLE | DM_COLUMN_INDEXED },
	{ .field = NULL },
};

#define REPORT_TEXT_EL							\
	"Δείξτε μας πού είναι στον χάρτη ή γράψτε τη διεύθυνση και "	\
	"τον οικισμό, και στείλτε μια φωτογραφία αν μπορείτε. Αν "	\
	"κάποιος το έχει ήδη αναφέρει, μπορείτε να ακολουθήσετε εκείνη "	\
	"την αναφορά. Θα ενημερωθείτε όταν γίνει η δουλειά."
#define REPORT_TEXT_EN							\
	"Show us where it is on the map or write the address and the "	\
	"settlement, and send a photo if you can. If someone has "	\
	"already reported it, you may follow that report instead. You "	\
	"will be told when the work is done."

#define REPORT(code_, tel, ten, sel, sen, kw, fields_, sla)		\
	{ .code = code_, .title_el = tel, .title_en = ten,		\
	  .summary_el = sel, .summary_en = sen,				\
	  .description_el = REPORT_TEXT_EL,				\
	  .description_en = REPORT_TEXT_EN,				\
	  .keywords = kw, .fields = fields_, .sla_days = sla,		\
	  .flags = DM_SERVICE_LOCATION | DM_SERVICE_BUSINESS |		\
	      DM_SERVICE_REPORT,					\
	  .result = DM_RESULT_ANSWER }

const struct dm_service cl_services[] = {
	{
		.code = CL_BULKY,
		.title_el = "Αποκομιδή ογκωδών αντικειμένων και κλαδεμάτων",
		.title_en = "Bulky items and branches pickup",
		.summary_el = "Κλείστε μέρα για να πάρουμε έπιπλα, στρώματα, "
		    "συσκευές ή κλαδέματα από την πόρτα σας, χωρίς χρέωση.",
		.summary_en = "Book a day for us to collect furniture, "
		    "mattresses, appliances or branches from your door, free "
		    "of charge.",
		.description_el = "Πείτε μας τι θα αφήσετε και πόσα, τη "
		    "διεύθυνση και ένα τηλέφωνο, και διαλέξτε μια ημέρα από "
		    "τις επόμενες εργάσιμες που έχει ελεύθερη θέση το "
		    "συνεργείο του οικισμού σας. Βγάλτε τα αντικείμενα έξω "
		    "το βράδυ πριν, όχι νωρίτερα. Θα λάβετε υπενθύμιση με "
		    "e-mail την προηγούμενη ημέρα.\n\nΜπορείτε να ακυρώσετε "
		    "την κράτηση από τη σελίδα της αίτησής σας έως και την "
		    "προηγούμενη ημέρα· η θέση ελευθερώνεται για άλλους.",
		.description_en = "Tell us what you will leave out and how "
		    "many, the address and a phone, and choose a day among "
		    "the next working days on which your settlement's crew "
		    "has a free place. Put the items out the evening before, "
		    "not earlier. You will get an e-mail reminder the day "
		    "before.\n\nYou may cancel the booking from your "
		    "request's page until the day before; the place is then "
		    "free for others.",
		.keywords = "ογκώδη,έπιπλα,στρώματα,κλαδέματα,αποκομιδή,"
		    "bulky,furniture,branches,pickup",
		.fields = bulky_fields,
		.sla_days = 0,
		.flags = DM_SERVICE_LOCATION | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
		.columns = bulky_columns,
	},
	REPORT("cleaning-bin", "Κάδοι απορριμμάτων", "Waste bins",
	    "Χαλασμένος ή χαμένος κάδος, νέος κάδος ή μετακίνηση κάδου.",
	    "A broken or missing bin, a new bin or moving one.",
	    "κάδος,κάδοι,ανακύκλωση,βιοαπόβλητα,bin,recycling", bin_fields,
	    10),
	REPORT("cleaning-dumping", "Παράνομη απόρριψη",
	    "Illegal dumping", "Μπάζα, ογκώδη ή σκουπίδια πεταμένα σε "
	    "δρόμο, ρέμα ή χωράφι.", "Rubble, bulky items or rubbish dumped "
	    "in a street, a stream or a field.",
	    "μπάζα,χωματερή,απόρριψη,dumping,fly-tipping", dumping_fields, 5),
	REPORT("cleaning-street", "Καθαριότητα δρόμου",
	    "Street cleaning", "Σκουπίδια, γεμάτοι κάδοι, φύλλα ή λάσπη "
	    "σε δρόμο ή πλατεία.", "Litter, full bins, leaves or mud in a "
	    "street or square.", "καθαριότητα,σκούπισμα,street,litter",
	    street_fields, 5),
	REPORT("cleaning-animal", "Νεκρό ζώο", "Dead animal",
	    "Νεκρό ζώο σε δρόμο ή κοινόχρηστο χώρο, για περισυλλογή.",
	    "A dead animal in a street or public space, to be removed.",
	    "ζώο,νεκρό,περισυλλογή,animal,carcass", animal_fields, 1),
	REPORT("green-pruning", "Κλάδεμα δέντρων", "Tree pruning",
	    "Δέντρα σε δρόμο ή κοινόχρηστο χώρο που χρειάζονται κλάδεμα.",
	    "Trees in a street or public space that need pruning.",
	    "κλάδεμα,δέντρα,pruning,trees", pruning_fields, 20),
	REPORT("green-tree", "Επικίνδυνο δέντρο (επείγον)",
	    "Dangerous tree (urgent)", "Δέντρο ή κλαδί που έπεσε ή "
	    "μπορεί να πέσει: το συνεργείο έρχεται κατά προτεραιότητα.",
	    "A tree or branch that fell or may fall: the crew comes first "
	    "to it.", "δέντρο,πτώση,κίνδυνος,επείγον,tree,danger,urgent",
	    tree_fields, 1),
	REPORT("green-planting", "Δενδροφύτευση", "Tree planting",
	    "Ζητήστε να φυτευτούν δέντρα σε πεζοδρόμιο, πλατεία ή "
	    "σχολείο.", "Ask for trees to be planted on a pavement, a square "
	    "or at a school.", "δενδροφύτευση,φύτευση,planting",
	    planting_fields, 30),
	REPORT("green-playground", "Βλάβη σε παιδική χαρά",
	    "Playground damage", "Χαλασμένο όργανο, δάπεδο ή περίφραξη σε "
	    "παιδική χαρά.", "A broken piece of equipment, surface or fence "
	    "in a playground.", "παιδική χαρά,κούνια,playground",
	    playground_fields, 3),
	REPORT("green-irrigation", "Βλάβη άρδευσης πρασίνου",
	    "Irrigation fault", "Διαρροή ή βλάβη στο πότισμα πάρκων και "
	    "παρτεριών.", "A leak or fault in the watering of parks and "
	    "flower beds.", "άρδευση,πότισμα,διαρροή,irrigation",
	    irrigation_fields, 3),
	REPORT("green-grass", "Κοπή χόρτων και αγριόχορτων",
	    "Grass and weeds", "Ψηλά χόρτα ή αγριόχορτα σε κοινόχρηστο "
	    "χώρο, πεζοδρόμιο ή ακαθάριστο οικόπεδο.", "Tall grass or weeds "
	    "in a public space, on a pavement or an uncleared plot.",
	    "χόρτα,αγριόχορτα,οικόπεδο,grass,weeds", grass_fields, 15),
	{ .code = NULL },
};

/* Every request of the department is somewhere: the clerk plans by the
 * settlement and the crew's zone (the places file's). */
static const struct dm_column columns[] = {
	{ .field = "where.settlement", .label_el = "Οικισμός",
	  .label_en = "Settlement", .filter = DM_FILTER_EXACT,
	  .flags = DM_COLUMN_INDEXED },
	{ .field = "where.zone", .label_el = "Ζώνη", .label_en = "Zone",
	  .filter = DM_FILTER_EXACT, .flags = DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_department department = {
	.code = CL_PLUGIN,
	.name_el = "Καθαριότητα & Πράσινο",
	.name_en = "Cleaning & green spaces",
	.description_el = "Αποκομιδή ογκωδών και κλαδεμάτων, κάδοι, "
	    "καθαριότητα δρόμων, παράνομες απορρίψεις, δέντρα, πάρκα και "
	    "παιδικές χαρές.",
	.description_en = "Bulky items and branches pickup, bins, street "
	    "cleaning, illegal dumping, trees, parks and playgrounds.",
	.contact_email = "kathariotita@visaltia.gr",
	.contact_phone = "+30 23223 50130",
	.columns = columns,
};

static const struct dm_config_key config_keys[] = {
	{ .name = "book_ahead",
	  .description = "how many business days ahead a pickup may be "
	      "booked (1 to 60, default 20)" },
	{ .name = "max_items",
	  .description = "pieces one pickup may hold in all (1 to 60, "
	      "default 15)" },
	{ .name = "remind_at",
	  .description = "when the reminder goes out the day before the "
	      "pickup, HH:MM local time (default 18:00)" },
	{ .name = NULL },
};

/*
 * The department's pages (pages_*.c). Staff plan the pickups, print a
 * day's sheet per crew and mark it done, see each crew's work and give a
 * request to a crew; the head sets the capacity and keeps the crews;
 * anyone may see the free days of a settlement.
 */
#define STAFF(m, path, fn)						\
	{ .methods = m, .pattern = "/staff/" CL_PLUGIN path,		\
	  .access = DM_ROUTE_STAFF, .handler = fn }
#define HEAD(m, path, fn)						\
	{ .methods = m, .pattern = "/staff/" CL_PLUGIN path,		\
	  .access = DM_ROUTE_HEAD, .handler = fn }

const struct dm_route cl_routes[] = {
	STAFF(DM_METHOD_GET, "/pickups", page_pickups),
	STAFF(DM_METHOD_GET, "/days/:date", page_day),
	STAFF(DM_METHOD_GET, "/days/:date/pdf", page_day_pdf),
	STAFF(DM_METHOD_POST, "/days/:date/done", page_day_done),
	STAFF(DM_METHOD_GET, "/crews/:id", page_crew),
	STAFF(DM_METHOD_POST, "/crew-assign/:id", page_crew_assign),
	HEAD(DM_METHOD_GET, "/capacity", page_capacity),
	HEAD(DM_METHOD_POST, "/capacity", page_capacity_save),
	HEAD(DM_METHOD_POST, "/capacity/close", page_capacity_close),
	HEAD(DM_METHOD_POST, "/capacity/reopen", page_capacity_reopen),
	HEAD(DM_METHOD_GET, "/crews", page_crews),
	HEAD(DM_METHOD_POST, "/crews", page_crew_add),
	HEAD(DM_METHOD_POST, "/crews/:id/save", page_crew_save),
	{ .methods = DM_METHOD_GET, .pattern = "/" CL_PLUGIN "/days",
	  .access = DM_ROUTE_PUBLIC, .handler = page_free_days },
	{ .pattern = NULL },
};

/* ------------------------------------------------------------ helpers */

dm_status
cl_row_int(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	if (n < 1)
		return DM_EINTERNAL;
	*v = cl_int(&c[0]);
	return DM_OK;
}

dm_status
cl_row_text(void *arg, const struct dm_value *c, size_t n)
{
	struct cl_text *t = arg;

	if (n < 1)
		return DM_EINTERNAL;
	cl_copy(t->buf, t->size, cl_str(&c[0]));
	t->found = 1;
	return DM_OK;
}

long long
cl_int(const struct dm_value *c)
{
	if (c->type == DM_V_INT)
		return c->i;
	if (c->type == DM_V_TEXT)
		return strtoll(c->s, NULL, 10);
	if (c->type == DM_V_DOUBLE)
		return (long long)c->d;
	return 0;
}

const char *
cl_str(const struct dm_value *c)
{
	return c->type == DM_V_TEXT || c->type == DM_V_BLOB ? c->s : "";
}

void
cl_copy(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (size == 0)
		return;
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

static const char *const days_el[8] = { "", "Δευτέρα", "Τρίτη", "Τετάρτη",
	"Πέμπτη", "Παρασκευή", "Σάββατο", "Κυριακή" };
static const char *const days_en[8] = { "", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

const char *
cl_day_short(struct dm_req *req, const char *iso)
{
	if (kit_date_weekday(iso) == 0)
		return iso;
	return cl_host->aprintf(req, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
}

const char *
cl_day_in(struct dm_req *req, const char *iso, int en)
{
	int wd = kit_date_weekday(iso);

	if (wd == 0)
		return iso;
	return cl_host->aprintf(req, "%s %s", en ? days_en[wd] : days_el[wd],
	    cl_day_short(req, iso));
}

const char *
cl_day_name(struct dm_req *req, const char *iso)
{
	return cl_day_in(req, iso, strcmp(cl_host->req_lang(req), "en") == 0);
}

/* The days a pickup may be booked on from today: first and last. */
static int
booking_window(char first[DM_DATE_SIZE], char last[DM_DATE_SIZE])
{
	char today[DM_DATE_SIZE];

	cl_host->today(today);
	return cl_host->add_business_days(today, 1, first) == DM_OK &&
	    cl_host->add_business_days(today, cl_cfg.book_ahead, last) ==
	    DM_OK;
}

/* "Free days: Tuesday 12/05/2026, ..." or that there are none. */
static void
offer_free_days(struct dm_req *req, struct dm_form *form,
    const struct cl_place *pl, const char *why_el, const char *why_en)
{
	char first[DM_DATE_SIZE], last[DM_DATE_SIZE];
	char free[FREE_SHOWN][DM_DATE_SIZE];
	const char *list_el = "", *list_en = "";
	size_t n = 0;

	if (booking_window(first, last))
		(void)cap_free_days(req, pl->zone, first, last, free,
		    FREE_SHOWN, &n);
	for (size_t i = 0; i < n; i++) {
		list_el = cl_host->aprintf(req, "%s%s%s", list_el, i ? ", " :
		    "", cl_day_in(req, free[i], 0));
		list_en = cl_host->aprintf(req, "%s%s%s", list_en, i ? ", " :
		    "", cl_day_in(req, free[i], 1));
	}
	if (n == 0) {
		cl_host->form_error(form, "date", cl_host->aprintf(req, "%s "
		    "Δεν υπάρχει ελεύθερη ημέρα για τον οικισμό %s τις "
		    "επόμενες %u εργάσιμες· καλέστε μας στο %s.", why_el,
		    place_settlement_in(pl->settlement, 0), cl_cfg.book_ahead,
		    department.contact_phone), cl_host->aprintf(req, "%s "
		    "There is no free day for %s in the next %u working days; "
		    "call us on %s.", why_en, place_settlement_in(
		    pl->settlement, 1), cl_cfg.book_ahead,
		    department.contact_phone));
		return;
	}
	cl_host->form_error(form, "date", cl_host->aprintf(req, "%s Ελεύθερες "
	    "ημέρες για τον οικισμό %s: %s.", why_el, place_settlement_in(
	    pl->settlement, 0), list_el), cl_host->aprintf(req, "%s Free days "
	    "for %s: %s.", why_en, place_settlement_in(pl->settlement, 1),
	    list_en));
}

/* ------------------------------------------------------------ choices */

/*
 * The pickup's days: the business days of the window with a free place
 * in the zone of the settlement the form names (the one chosen when the
 * form was posted or saved, or asked for in the address,
 * ?where_settlement=), each with the places left. Closed and full days
 * are never offered; with no settlement yet, none is (the field's hint
 * says to choose it first). on_submit still takes the place under the
 * day's lock: a day offered may be full by then.
 */
static dm_status
cl_choices(struct dm_req *req, const struct dm_service *svc,
    const char *field, const struct dm_user *who, struct dm_choices *out)
{
	const char *code = cl_host->req_query(req, "where_settlement");
	char first[DM_DATE_SIZE], last[DM_DATE_SIZE];
	struct cap_day *days;
	struct cl_place pl;
	size_t n;
	dm_status st;

	(void)who;
	if (strcmp(svc->code, CL_BULKY) != 0 || strcmp(field, "date") != 0)
		return DM_OK;
	if (code == NULL || code[0] == '\0')
		code = cl_host->req_form(req, "where_settlement");
	if (!place_of_code(code, &pl))
		return DM_OK;
	if (!booking_window(first, last))
		return DM_EINTERNAL;
	days = cl_host->alloc(req, CL_WINDOW_MAX * sizeof(*days));
	if ((st = cap_days(req, pl.zone, first, last, days, CL_WINDOW_MAX,
	    &n)) != DM_OK)
		return st;
	for (size_t i = 0; i < n; i++)
		if (days[i].free > 0)
			cl_host->choice_add(out, days[i].date, cl_host->aprintf(
			    req, "%s — %d %s", cl_day_in(req, days[i].date, 0),
			    days[i].free, days[i].free == 1 ? "θέση" :
			    "θέσεις"), cl_host->aprintf(req, "%s — %d %s",
			    cl_day_in(req, days[i].date, 1), days[i].free,
			    days[i].free == 1 ? "place" : "places"));
	return DM_OK;
}

/* ----------------------------------------------------------- validate */

/* The items: none negative, at least one, not more than a truck takes. */
static void
check_items(struct dm_req *req, struct dm_form *form, int *count)
{
	int total = 0;

	for (int i = 0; i < ITEM__MAX; i++) {
		const char *v = cl_host->form_value(form, cl_items[i].field);

		count[i] = v ? atoi(v) : 0;
		if (count[i] < 0) {
			cl_host->form_error(form, cl_items[i].field, "Γράψτε "
			    "πόσα είναι, ή αφήστε το κενό.", "Write how many, "
			    "or leave it empty.");
			count[i] = 0;
		}
		total += count[i];
	}
	if (total == 0)
		cl_host->form_error(form, cl_items[0].field, "Γράψτε τι θα "
		    "αφήσετε: τουλάχιστον ένα αντικείμενο.", "Write what you "
		    "will leave out: at least one item.");
	else if ((unsigned)total > cl_cfg.max_items)
		cl_host->form_error(form, cl_items[0].field, cl_host->aprintf(
		    req, "Έως %u τεμάχια σε μία αποκομιδή· για περισσότερα "
		    "κλείστε δεύτερη ημέρα ή καλέστε μας.", cl_cfg.max_items),
		    cl_host->aprintf(req, "At most %u pieces in one pickup; "
		    "for more, book a second day or call us.",
		    cl_cfg.max_items));
	if (count[ITEM_OTHER] > 0) {
		const char *what = cl_host->form_value(form, "other_what");

		if (what == NULL || what[0] == '\0')
			cl_host->form_error(form, "other_what", "Γράψτε ποια "
			    "είναι τα άλλα ογκώδη.", "Write which the other "
			    "bulky items are.");
	}
}

/*
 * The day: a business day in the window, open in the settlement's zone
 * and, as far as can be seen now, not full (on_submit decides, under the
 * day's lock). The settlement must be known to find the zone.
 */
static dm_status
check_day(struct dm_req *req, struct dm_form *form, struct cl_place *pl)
{
	const char *day = cl_host->form_value(form, "date");
	char first[DM_DATE_SIZE], last[DM_DATE_SIZE];
	struct cap_day d;
	dm_status st;

	if (!place_of_form(form, "where", pl)) {
		if (!cl_host->field_has_error(form, "where"))
			cl_host->form_error(form, "where", "Επιλέξτε τον "
			    "οικισμό της διεύθυνσης.", "Choose the "
			    "address's settlement.");
		return DM_OK;
	}
	if (day == NULL || cl_host->field_has_error(form, "date"))
		return DM_OK;
	if (!booking_window(first, last))
		return DM_EINTERNAL;
	/* Not one of the days offered, and not a day at all. */
	if (kit_date_weekday(day) == 0) {
		offer_free_days(req, form, pl, "Διαλέξτε μία από τις "
		    "ελεύθερες ημέρες.", "Choose one of the free days.");
		return DM_OK;
	}
	if (strcmp(day, first) < 0) {
		cl_host->form_error(form, "date", cl_host->aprintf(req, "Το "
		    "νωρίτερο την επόμενη εργάσιμη, %s.", cl_day_in(req, first,
		    0)), cl_host->aprintf(req, "The next working day, %s, at "
		    "the earliest.", cl_day_in(req, first, 1)));
		return DM_OK;
	}
	if (strcmp(day, last) > 0) {
		offer_free_days(req, form, pl, cl_host->aprintf(req, "Έως %u "
		    "εργάσιμες ημέρες από σήμερα.", cl_cfg.book_ahead),
		    cl_host->aprintf(req, "At most %u working days from "
		    "today.", cl_cfg.book_ahead));
		return DM_OK;
	}
	if (cl_host->is_business_day(day) != 1) {
		offer_free_days(req, form, pl, "Δεν γίνεται αποκομιδή "
		    "Σαββατοκύριακα και αργίες.", "There are no pickups at "
		    "weekends and on holidays.");
		return DM_OK;
	}
	if ((st = cap_day(req, pl->zone, day, &d)) != DM_OK)
		return st;
	if (d.closed || d.limit == 0)
		offer_free_days(req, form, pl, cl_host->aprintf(req, "Την %s "
		    "δεν γίνεται αποκομιδή στον οικισμό σας.", cl_day_in(req,
		    day, 0)), cl_host->aprintf(req, "There is no pickup in your "
		    "settlement on %s.", cl_day_in(req, day, 1)));
	else if (d.free == 0)
		offer_free_days(req, form, pl, cl_host->aprintf(req, "Η %s "
		    "είναι πλήρης για τον οικισμό σας.", cl_day_in(req, day,
		    0)), cl_host->aprintf(req, "%s is fully booked for your "
		    "settlement.", cl_day_in(req, day, 1)));
	return DM_OK;
}

static dm_status
validate_bulky(struct dm_req *req, struct dm_form *form)
{
	int count[ITEM__MAX];
	struct cl_place pl;

	check_items(req, form, count);
	return check_day(req, form, &pl);
}

/* What a report needs beyond its declared fields. */
static void
validate_report(const struct dm_service *svc, struct dm_form *form)
{
	const char *details = cl_host->form_value(form, "details");
	struct cl_place pl;

	if (!cl_host->field_has_error(form, "where") &&
	    !place_of_form(form, "where", &pl))
		cl_host->form_error(form, "where", "Επιλέξτε τον οικισμό.",
		    "Choose the settlement.");
	if (strcmp(svc->code, "cleaning-bin") == 0) {
		const char *what = cl_host->form_value(form, "request");

		if (what != NULL && strcmp(what, "move") == 0 &&
		    (details == NULL || details[0] == '\0'))
			cl_host->form_error(form, "details", "Γράψτε πού να "
			    "μετακινηθεί ο κάδος και γιατί.", "Write where the "
			    "bin should go and why.");
		if (what != NULL && (strcmp(what, "broken") == 0 ||
		    strcmp(what, "move") == 0) &&
		    cl_host->upload_count(form, "photos") == 0 &&
		    (details == NULL || details[0] == '\0'))
			cl_host->form_error(form, "photos", "Στείλτε μια "
			    "φωτογραφία ή περιγράψτε τον κάδο, για να τον "
			    "βρει το συνεργείο.", "Send a photo or describe "
			    "the bin, so that the crew can find it.");
	}
	if (strcmp(svc->code, "cleaning-dumping") == 0 &&
	    cl_host->upload_count(form, "photos") == 0 &&
	    (details == NULL || details[0] == '\0'))
		cl_host->form_error(form, "photos", "Στείλτε μια φωτογραφία ή "
		    "περιγράψτε τι βρήκατε.", "Send a photo or describe what "
		    "you found.");
}

static dm_status
cl_validate(struct dm_req *req, const struct dm_service *svc,
    struct dm_form *form)
{
	if (strcmp(svc->code, CL_BULKY) == 0)
		return validate_bulky(req, form);
	validate_report(svc, form);
	return DM_OK;
}

/* ---------------------------------------------------------- on_submit */

/* The day before day at remind_at, local; "" when that has passed. */
static void
reminder_time(const char *day, char out[DM_DATETIME_SIZE])
{
	char now[DM_DATETIME_SIZE], before[DM_DATE_SIZE];

	if (kit_date_add(day, -1, before) != 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, DM_DATETIME_SIZE, "%.10sT%.5s:00", before,
	    cl_cfg.remind_at);
	cl_host->now(now);
	if (strcmp(out, now) <= 0)
		out[0] = '\0';
}

static dm_status
submit_bulky(struct dm_req *req, const struct dm_request *r,
    struct dm_form *form)
{
	struct booking b;
	struct crew_job job;
	struct cl_place pl;
	char at[DM_DATETIME_SIZE];
	const struct dm_user *u = r->applicant;
	dm_status st;

	memset(&b, 0, sizeof(b));
	if (!place_of_form(form, "where", &pl)) {
		cl_host->form_error(form, "where", "Επιλέξτε τον οικισμό της "
		    "διεύθυνσης.", "Choose the address's settlement.");
		return DM_EINPUT;
	}
	b.request_id = r->id;
	cl_copy(b.protocol, sizeof(b.protocol), r->protocol);
	cl_copy(b.day, sizeof(b.day), cl_host->form_value(form, "date"));
	cl_copy(b.zone, sizeof(b.zone), pl.zone);
	cl_copy(b.settlement, sizeof(b.settlement), pl.settlement);
	st = cap_take(req, b.zone, b.day);
	if (st == DM_ECONFLICT) {
		offer_free_days(req, form, &pl, cl_host->aprintf(req, "Η %s "
		    "μόλις γέμισε για τον οικισμό σας.", cl_day_in(req, b.day,
		    0)), cl_host->aprintf(req, "%s has just been fully booked "
		    "for your settlement.", cl_day_in(req, b.day, 1)));
		return DM_EINPUT;
	}
	if (st != DM_OK)
		return st;
	b.address = cl_host->form_value(form, "where");
	b.phone = cl_host->form_value(form, "phone");
	b.name = u && (u->last_name || u->company_name) ? (u->company_name &&
	    u->company_name[0] ? u->company_name : cl_host->aprintf(req,
	    "%s %s", u->first_name ? u->first_name : "", u->last_name ?
	    u->last_name : "")) : NULL;
	for (int i = 0; i < ITEM__MAX; i++) {
		const char *v = cl_host->form_value(form, cl_items[i].field);

		b.count[i] = v ? atoi(v) : 0;
	}
	b.other_what = cl_host->form_value(form, "other_what");
	b.notes = cl_host->form_value(form, "notes");
	reminder_time(b.day, at);
	if (at[0] != '\0') {
		const char *vars[] = { "date", cl_day_in(req, b.day, 0),
		    "date_en", cl_day_in(req, b.day, 1), "address", b.address,
		    "items", booking_items_in(req, &b, 0), "items_en",
		    booking_items_in(req, &b, 1), NULL };

		/* No address (taken at the counter without one): no
		 * reminder, the booking stands. */
		st = cl_host->mail_applicant(req, r, "reminder", vars, at,
		    &b.reminder);
		if (st != DM_OK && st != DM_ENOTFOUND)
			return st;
	}
	if ((st = booking_insert(req, &b)) != DM_OK)
		return st;
	/* The zone's crew takes it unless a clerk says otherwise. */
	memset(&job, 0, sizeof(job));
	if ((st = crew_of_zone(req, b.zone, &job.crew_id)) != DM_OK ||
	    job.crew_id == 0)
		return st;
	job.request_id = r->id;
	job.protocol = r->protocol;
	job.service = r->service;
	job.address = b.address;
	job.settlement = b.settlement;
	return crew_assign(req, &job, 0);
}

static dm_status
cl_on_submit(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_form *form)
{
	if (strcmp(svc->code, CL_BULKY) == 0)
		return submit_bulky(req, r, form);
	return DM_OK;
}

/* ------------------------------------------------------ on_transition */

static dm_status
release(struct dm_req *req, const struct booking *b,
    enum booking_status to)
{
	dm_status st;

	if (to == BOOKING_CANCELLED &&
	    (st = cap_release(req, b->zone, b->day)) != DM_OK)
		return st;
	if (b->reminder != 0 &&
	    (st = cl_host->mail_cancel(req, b->reminder)) != DM_OK)
		return st;
	return booking_set_status(req, b->request_id, to);
}

/*
 * A pickup's place is given back when the citizen withdraws (until the
 * day before: the crew's sheet is printed then) or staff reject it; it is
 * done when completed. Every closed request leaves its crew's list.
 */
static dm_status
cl_on_transition(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, enum dm_request_status from,
    enum dm_request_status to, const char *event)
{
	struct booking b;
	char today[DM_DATE_SIZE];
	dm_status st;

	(void)from;
	(void)event;
	if (to != DM_REQ_COMPLETED && to != DM_REQ_REJECTED &&
	    to != DM_REQ_WITHDRAWN)
		return DM_OK;
	if ((st = crew_job_close(req, r->id)) != DM_OK)
		return st;
	if (strcmp(svc->code, CL_BULKY) != 0)
		return DM_OK;
	st = booking_load(req, r->id, 1, &b);
	if (st == DM_ENOTFOUND)
		return DM_OK;
	if (st != DM_OK || b.status != BOOKING_BOOKED)
		return st;
	if (to == DM_REQ_COMPLETED)
		return release(req, &b, BOOKING_DONE);
	cl_host->today(today);
	if (to == DM_REQ_WITHDRAWN && strcmp(today, b.day) >= 0) {
		cl_host->refuse(req, cl_host->aprintf(req, "Η αποκομιδή είναι "
		    "προγραμματισμένη για %s και δεν ακυρώνεται πια· "
		    "ακύρωση γίνεται έως και την προηγούμενη ημέρα. Αν δεν "
		    "τη χρειάζεστε, καλέστε μας στο %s.", cl_day_in(req,
		    b.day, 0), department.contact_phone), cl_host->aprintf(req,
		    "The pickup is planned for %s and can no longer be "
		    "cancelled; a booking can be cancelled until the day "
		    "before. If you no longer need it, call us on %s.",
		    cl_day_in(req, b.day, 1), department.contact_phone));
		return DM_EDENIED;
	}
	cl_host->log(cl_self, DM_LOG_INFO, "request %lld %s: the pickup of %s "
	    "in zone %s is cancelled", r->id, event, b.day, b.zone);
	return release(req, &b, BOOKING_CANCELLED);
}

/* -------------------------------------------------------- staff panel */

static dm_status
cl_staff_panel(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_node *panel)
{
	struct booking b;
	struct dm_node *n;
	dm_status st;

	cl_host->node_attr(panel, "title", cl_host->tr(req, "Στο τμήμα",
	    "In the department"));
	if (strcmp(svc->code, "green-tree") == 0) {
		n = cl_host->node_add(panel, "note", cl_host->tr(req,
		    "Επείγον: επικίνδυνο δέντρο. Στείλτε συνεργείο σήμερα και "
		    "καλέστε τον πολίτη.", "Urgent: a dangerous tree. Send a "
		    "crew today and call the citizen."));
		cl_host->node_attr(n, "kind", "warning");
	}
	if (strcmp(svc->code, CL_BULKY) == 0 &&
	    (st = booking_load(req, r->id, 0, &b)) == DM_OK) {
		n = cl_host->node_add(panel, "note", cl_host->aprintf(req,
		    "%s: %s, %s (%s) — %s. %s", cl_host->tr(req, "Αποκομιδή",
		    "Pickup"), cl_day_name(req, b.day), place_settlement_name(
		    req, b.settlement), place_zone_name(req, b.zone),
		    booking_items_text(req, &b), cl_host->tr(req, b.status ==
		    BOOKING_BOOKED ? "Η θέση είναι κρατημένη." : b.status ==
		    BOOKING_DONE ? "Έγινε." : "Ακυρώθηκε· η θέση "
		    "ελευθερώθηκε.", b.status == BOOKING_BOOKED ? "The place "
		    "is booked." : b.status == BOOKING_DONE ? "Done." :
		    "Cancelled; the place was freed.")));
		cl_host->node_attr(n, "kind", "info");
	}
	return pages_crew_panel(req, svc, r, panel);
}

/* ------------------------------------------------------------- plugin */

static int
setting(const char *key, unsigned lo, unsigned hi, unsigned def,
    unsigned *out)
{
	const char *v = cl_host->config_get(cl_self, key);
	char *end;
	long n;

	*out = def;
	if (v == NULL)
		return 1;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || n < (long)lo || n > (long)hi) {
		cl_host->log(cl_self, DM_LOG_ERROR, "[plugin.%s] %s: '%s' is "
		    "not a number from %u to %u", CL_PLUGIN, key, v, lo, hi);
		return 0;
	}
	*out = (unsigned)n;
	return 1;
}

static dm_status
cl_init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	const char *at;
	int hh, mm;
	char tail;

	cl_host = h;
	cl_self = ctx;
	if (!setting("book_ahead", 1, 60, 20, &cl_cfg.book_ahead) ||
	    !setting("max_items", 1, 60, 15, &cl_cfg.max_items))
		return DM_EINPUT;
	at = cl_host->config_get(cl_self, "remind_at");
	if (at == NULL)
		at = "18:00";
	if (strlen(at) != 5 || sscanf(at, "%2d:%2d%c", &hh, &mm, &tail) != 2 ||
	    at[2] != ':' || hh < 0 || hh > 23 || mm < 0 || mm > 59) {
		cl_host->log(cl_self, DM_LOG_ERROR, "[plugin.%s] remind_at: "
		    "'%s' is not a time HH:MM", CL_PLUGIN, at);
		return DM_EINPUT;
	}
	cl_copy(cl_cfg.remind_at, sizeof(cl_cfg.remind_at), at);
	return DM_OK;
}

_Static_assert(DM_ABI_MAJOR == 2 && DM_ABI_MINOR >= 3,
    "the pickup day's own choices (a DATE field) need ABI 2.3");

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = CL_PLUGIN,
	.version = "1.0",
	.department = &department,
	.services = cl_services,
	.routes = cl_routes,
	.config = config_keys,
	.init = cl_init,
	.validate = cl_validate,
	.staff_panel = cl_staff_panel,
	.command = cl_command,
	.on_submit = cl_on_submit,
	.on_transition = cl_on_transition,
	.choices = cl_choices,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
