/*
 * general.c - the department of general requests (Γενικά αιτήματα).
 * Everything here is declaration: the core renders, validates, stores and
 * routes these services generically.
 */
#include <stddef.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

static const struct dm_choice complaint_about[] = {
	{ .value = "cleaning", .label_el = "Καθαριότητα και πράσινο",
	  .label_en = "Cleaning and green spaces" },
	{ .value = "technical", .label_el = "Τεχνικές υπηρεσίες",
	  .label_en = "Technical services" },
	{ .value = "water", .label_el = "Ύδρευση, αποχέτευση, άρδευση",
	  .label_en = "Water, sewerage and irrigation" },
	{ .value = "finance", .label_el = "Οικονομικές υπηρεσίες",
	  .label_en = "Financial services" },
	{ .value = "registry", .label_el = "Δημοτολόγιο και ληξιαρχείο",
	  .label_en = "Civil registry" },
	{ .value = "counter", .label_el = "Εξυπηρέτηση στο γκισέ",
	  .label_en = "Service at the counter" },
	{ .value = "other", .label_el = "Άλλο", .label_en = "Other" },
	{ .value = NULL },
};

static const struct dm_choice access_format[] = {
	{ .value = "copy", .label_el = "Ηλεκτρονικό αντίγραφο στη θυρίδα μου",
	  .label_en = "An electronic copy in my mailbox" },
	{ .value = "inspection", .label_el = "Μελέτη στα γραφεία του Δήμου",
	  .label_en = "Inspection at the municipal offices" },
	{ .value = NULL },
};

static const struct dm_field request_fields[] = {
	{ .name = "subject", .type = DM_FIELD_STRING, .label_el = "Θέμα",
	  .label_en = "Subject",
	  .hint_el = "Μια σύντομη περιγραφή, π.χ. «Αίτημα για βεβαίωση».",
	  .hint_en = "A short description, e.g. \"Request for a "
	      "confirmation\".", .flags = DM_FIELD_REQUIRED, .min = 3,
	  .max = 200 },
	{ .name = "message", .type = DM_FIELD_TEXT,
	  .label_el = "Το αίτημά σας", .label_en = "Your request",
	  .hint_el = "Γράψτε τι ζητάτε από τον Δήμο και ό,τι χρειάζεται η "
	      "υπηρεσία για να σας απαντήσει.",
	  .hint_en = "Write what you ask of the municipality and anything the "
	      "department needs to answer you.", .flags = DM_FIELD_REQUIRED,
	  .min = 10, .max = 5000 },
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο επικοινωνίας", .label_en = "Contact phone",
	  .hint_el = "Προαιρετικό· μόνο αν θέλετε να σας καλέσουμε.",
	  .hint_en = "Optional; only if you want us to call you." },
	{ .name = "files", .type = DM_FIELD_FILE,
	  .label_el = "Συνημμένα έγγραφα", .label_en = "Attached documents",
	  .hint_el = "Έως 5 αρχεία PDF, JPEG ή PNG.",
	  .hint_en = "Up to 5 PDF, JPEG or PNG files.", .max = 5 },
	{ .name = NULL },
};

static const struct dm_field complaint_fields[] = {
	{ .name = "about", .type = DM_FIELD_CHOICE,
	  .label_el = "Για ποια υπηρεσία", .label_en = "About which service",
	  .flags = DM_FIELD_REQUIRED, .choices = complaint_about },
	{ .name = "subject", .type = DM_FIELD_STRING, .label_el = "Θέμα",
	  .label_en = "Subject", .flags = DM_FIELD_REQUIRED, .min = 3,
	  .max = 200 },
	{ .name = "description", .type = DM_FIELD_TEXT,
	  .label_el = "Τι συνέβη", .label_en = "What happened",
	  .hint_el = "Περιγράψτε το πρόβλημα, πότε και πού συνέβη.",
	  .hint_en = "Describe the problem, when and where it happened.",
	  .flags = DM_FIELD_REQUIRED, .min = 20, .max = 5000 },
	{ .name = "when", .type = DM_FIELD_DATE,
	  .label_el = "Ημερομηνία του περιστατικού",
	  .label_en = "Date of the incident" },
	{ .name = "files", .type = DM_FIELD_FILE,
	  .label_el = "Φωτογραφίες ή έγγραφα",
	  .label_en = "Photos or documents", .hint_el = "Έως 5 αρχεία.",
	  .hint_en = "Up to 5 files.", .max = 5 },
	{ .name = NULL },
};

static const struct dm_field suggestion_fields[] = {
	{ .name = "title", .type = DM_FIELD_STRING,
	  .label_el = "Τίτλος της πρότασης",
	  .label_en = "Title of the suggestion", .flags = DM_FIELD_REQUIRED,
	  .min = 3, .max = 200 },
	{ .name = "description", .type = DM_FIELD_TEXT,
	  .label_el = "Η πρότασή σας", .label_en = "Your suggestion",
	  .hint_el = "Τι προτείνετε και ποιους θα ωφελήσει.",
	  .hint_en = "What you suggest and whom it would benefit.",
	  .flags = DM_FIELD_REQUIRED, .min = 20, .max = 5000 },
	{ .name = "files", .type = DM_FIELD_FILE,
	  .label_el = "Σχέδια ή φωτογραφίες", .label_en = "Drawings or photos",
	  .max = 3 },
	{ .name = NULL },
};

static const struct dm_field meeting_fields[] = {
	{ .name = "reason", .type = DM_FIELD_TEXT,
	  .label_el = "Θέμα της συνάντησης",
	  .label_en = "Subject of the meeting", .flags = DM_FIELD_REQUIRED,
	  .min = 10, .max = 2000 },
	{ .name = "preferred", .type = DM_FIELD_DATE,
	  .label_el = "Προτιμώμενη ημερομηνία", .label_en = "Preferred date",
	  .hint_el = "Θα προσπαθήσουμε να την τηρήσουμε.",
	  .hint_en = "We will try to keep to it." },
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο επικοινωνίας", .label_en = "Contact phone",
	  .hint_el = "Για να επιβεβαιώσουμε την ώρα.",
	  .hint_en = "To confirm the time.", .flags = DM_FIELD_REQUIRED },
	{ .name = NULL },
};

static const struct dm_field access_fields[] = {
	{ .name = "documents", .type = DM_FIELD_TEXT,
	  .label_el = "Ποια έγγραφα ζητάτε",
	  .label_en = "Which documents you ask for",
	  .hint_el = "Όσο πιο συγκεκριμένα γίνεται (αριθμός πρωτοκόλλου, "
	      "ημερομηνία, θέμα).",
	  .hint_en = "As precisely as you can (protocol number, date, "
	      "subject).", .flags = DM_FIELD_REQUIRED, .min = 10, .max = 3000 },
	{ .name = "interest", .type = DM_FIELD_TEXT,
	  .label_el = "Το έννομο συμφέρον σας",
	  .label_en = "Your legitimate interest",
	  .hint_el = "Για ιδιωτικά έγγραφα ο νόμος ζητά να εξηγήσετε γιατί "
	      "σας αφορούν.",
	  .hint_en = "For private documents the law asks you to explain why "
	      "they concern you.", .max = 3000 },
	{ .name = "format", .type = DM_FIELD_CHOICE,
	  .label_el = "Πώς θέλετε να τα λάβετε",
	  .label_en = "How you want to receive them",
	  .flags = DM_FIELD_REQUIRED, .choices = access_format },
	{ .name = NULL },
};

/*
 * The queue's columns: the subject of every request (its start is enough
 * to find one); narrowed to complaints, which service they are about;
 * narrowed to meetings, the preferred day, to plan the mayor's week.
 */
static const struct dm_column columns[] = {
	{ .field = "subject", .label_el = "Θέμα", .label_en = "Subject",
	  .filter = DM_FILTER_PREFIX, .flags = DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_column complaint_columns[] = {
	{ .field = "about", .label_el = "Για ποια υπηρεσία",
	  .label_en = "About which service", .filter = DM_FILTER_EXACT,
	  .flags = DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_column meeting_columns[] = {
	{ .field = "preferred", .label_el = "Προτιμώμενη ημερομηνία",
	  .label_en = "Preferred date", .filter = DM_FILTER_RANGE,
	  .flags = DM_COLUMN_SORTABLE | DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_service services[] = {
	{
		.code = "general-request",
		.title_el = "Γενικό αίτημα προς τον Δήμο",
		.title_en = "General request to the municipality",
		.summary_el = "Για ό,τι δεν καλύπτει άλλη ηλεκτρονική "
		    "υπηρεσία: το αίτημα πρωτοκολλείται και διαβιβάζεται "
		    "στην αρμόδια υπηρεσία.",
		.summary_en = "For anything no other online service covers: "
		    "the request is registered and forwarded to the "
		    "competent department.",
		.description_el = "Η αίτηση παίρνει αριθμό πρωτοκόλλου με "
		    "την υποβολή της. Αν αφορά άλλη υπηρεσία του Δήμου, "
		    "τη διαβιβάζουμε εμείς και σας ενημερώνουμε.\n\n"
		    "Ο Δήμος οφείλει να απαντήσει μέσα στις προθεσμίες του "
		    "Κώδικα Διοικητικής Διαδικασίας (ν. 2690/1999).",
		.description_en = "The request gets a protocol number when "
		    "you submit it. If it concerns another department, we "
		    "forward it and let you know.\n\nThe municipality must "
		    "answer within the deadlines of the Code of "
		    "Administrative Procedure (law 2690/1999).",
		.keywords = "αίτηση,αίτημα,request,γενικό",
		.fields = request_fields,
		.sla_days = 20,
		.flags = DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
	},
	{
		.code = "general-complaint",
		.title_el = "Παράπονο για υπηρεσία του Δήμου",
		.title_en = "Complaint about a municipal service",
		.summary_el = "Πείτε μας τι δεν λειτούργησε σωστά· το "
		    "παράπονό σας το βλέπει μόνο η αρμόδια υπηρεσία.",
		.summary_en = "Tell us what did not work well; only the "
		    "department concerned sees your complaint.",
		.description_el = "Τα παράπονα εξετάζονται από τη Γενική "
		    "Γραμματεία, που απαντά γραπτώς και παρακολουθεί τη "
		    "διόρθωση του προβλήματος.",
		.description_en = "Complaints are examined by the General "
		    "Secretariat, which answers in writing and follows up "
		    "until the problem is fixed.",
		.keywords = "παράπονο,καταγγελία,complaint",
		.fields = complaint_fields,
		.columns = complaint_columns,
		.sla_days = 15,
		.flags = DM_SERVICE_CONFIDENTIAL | DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
	},
	{
		.code = "general-suggestion",
		.title_el = "Πρόταση για τη ζωή στον Δήμο",
		.title_en = "A suggestion for life in the municipality",
		.summary_el = "Μια ιδέα για να γίνει καλύτερη η γειτονιά "
		    "σας ή μια υπηρεσία του Δήμου.",
		.summary_en = "An idea to improve your neighbourhood or a "
		    "municipal service.",
		.description_el = "Οι προτάσεις συγκεντρώνονται και "
		    "εξετάζονται από τη Δημοτική Επιτροπή Διαβούλευσης.",
		.description_en = "Suggestions are collected and examined by "
		    "the Municipal Consultation Committee.",
		.keywords = "πρόταση,ιδέα,suggestion",
		.fields = suggestion_fields,
		.sla_days = 30,
		.flags = DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
	},
	{
		.code = "general-meeting",
		.title_el = "Αίτημα συνάντησης με τον Δήμαρχο",
		.title_en = "Request a meeting with the mayor",
		.summary_el = "Ζητήστε ραντεβού με τον Δήμαρχο ή έναν "
		    "Αντιδήμαρχο.",
		.summary_en = "Ask for an appointment with the mayor or a "
		    "deputy mayor.",
		.description_el = "Το Γραφείο Δημάρχου θα σας τηλεφωνήσει "
		    "για να ορίσει την ώρα της συνάντησης.",
		.description_en = "The Mayor's Office will call you to set "
		    "the time of the meeting.",
		.keywords = "δήμαρχος,ραντεβού,meeting,mayor",
		.fields = meeting_fields,
		.columns = meeting_columns,
		.sla_days = 10,
		.flags = DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
	},
	{
		.code = "general-documents-access",
		.title_el = "Πρόσβαση σε έγγραφα του Δήμου",
		.title_en = "Access to municipal documents",
		.summary_el = "Ζητήστε αντίγραφα ή μελέτη διοικητικών "
		    "εγγράφων (άρθρο 5 ν. 2690/1999).",
		.summary_en = "Ask for copies or inspection of "
		    "administrative documents (article 5, law 2690/1999).",
		.description_el = "Κάθε ενδιαφερόμενος έχει δικαίωμα να "
		    "λάβει γνώση των διοικητικών εγγράφων. Για ιδιωτικά "
		    "έγγραφα απαιτείται ειδικό έννομο συμφέρον.\n\n"
		    "Τα ηλεκτρονικά αντίγραφα αποστέλλονται στην ψηφιακή "
		    "σας θυρίδα.",
		.description_en = "Anyone concerned has the right to know "
		    "administrative documents. Private documents require a "
		    "specific legitimate interest.\n\nElectronic copies are "
		    "sent to your digital mailbox.",
		.keywords = "έγγραφα,αντίγραφα,documents,access",
		.fields = access_fields,
		.sla_days = 20,
		.flags = DM_SERVICE_BUSINESS,
		.result = DM_RESULT_DOCUMENT,
	},
	{ .code = NULL },
};

static const struct dm_department department = {
	.code = "general",
	.name_el = "Γενική Γραμματεία",
	.name_en = "General Secretariat",
	.description_el = "Γενικά αιτήματα, παράπονα, προτάσεις και "
	    "επικοινωνία με τη Δημοτική Αρχή.",
	.description_en = "General requests, complaints, suggestions and "
	    "contact with the municipal authority.",
	.columns = columns,
};

static dm_status
general_init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	(void)h;
	(void)ctx;
	return DM_OK;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = "general",
	.version = "2.0",
	.department = &department,
	.services = services,
	.init = general_init,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
