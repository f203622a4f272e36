/*
 * general.c - the department of general requests (Γενικά αιτήματα).
 * Everything here is declaration: the core renders, validates, stores and
 * routes these services generically.
 */
#include <stddef.h>

#include "dimos/host.h"
#include "dimos/plugin.h"

static const struct dm_host *host;

static const struct dm_choice complaint_about[] = {
	{ "cleaning", "Καθαριότητα και πράσινο", "Cleaning and green spaces" },
	{ "technical", "Τεχνικές υπηρεσίες", "Technical services" },
	{ "water", "Ύδρευση, αποχέτευση, άρδευση",
	    "Water, sewerage and irrigation" },
	{ "finance", "Οικονομικές υπηρεσίες", "Financial services" },
	{ "registry", "Δημοτολόγιο και ληξιαρχείο",
	    "Civil registry" },
	{ "counter", "Εξυπηρέτηση στο γκισέ", "Service at the counter" },
	{ "other", "Άλλο", "Other" },
	{ NULL, NULL, NULL },
};

static const struct dm_choice access_format[] = {
	{ "copy", "Ηλεκτρονικό αντίγραφο στη θυρίδα μου",
	    "An electronic copy in my mailbox" },
	{ "inspection", "Μελέτη στα γραφεία του Δήμου",
	    "Inspection at the municipal offices" },
	{ NULL, NULL, NULL },
};

static const struct dm_field request_fields[] = {
	{ "subject", DM_FIELD_STRING, "Θέμα", "Subject",
	    "Μια σύντομη περιγραφή, π.χ. «Αίτημα για βεβαίωση».",
	    "A short description, e.g. \"Request for a confirmation\".",
	    DM_FIELD_REQUIRED, 3, 200, NULL },
	{ "message", DM_FIELD_TEXT, "Το αίτημά σας", "Your request",
	    "Γράψτε τι ζητάτε από τον Δήμο και ό,τι χρειάζεται η υπηρεσία "
	    "για να σας απαντήσει.",
	    "Write what you ask of the municipality and anything the "
	    "department needs to answer you.",
	    DM_FIELD_REQUIRED, 10, 5000, NULL },
	{ "phone", DM_FIELD_PHONE, "Τηλέφωνο επικοινωνίας", "Contact phone",
	    "Προαιρετικό· μόνο αν θέλετε να σας καλέσουμε.",
	    "Optional; only if you want us to call you.", 0, 0, 0, NULL },
	{ "files", DM_FIELD_FILE, "Συνημμένα έγγραφα", "Attached documents",
	    "Έως 5 αρχεία PDF, JPEG ή PNG.",
	    "Up to 5 PDF, JPEG or PNG files.", 0, 0, 5, NULL },
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
};

static const struct dm_field complaint_fields[] = {
	{ "about", DM_FIELD_CHOICE, "Για ποια υπηρεσία", "About which service",
	    NULL, NULL, DM_FIELD_REQUIRED, 0, 0, complaint_about },
	{ "subject", DM_FIELD_STRING, "Θέμα", "Subject", NULL, NULL,
	    DM_FIELD_REQUIRED, 3, 200, NULL },
	{ "description", DM_FIELD_TEXT, "Τι συνέβη", "What happened",
	    "Περιγράψτε το πρόβλημα, πότε και πού συνέβη.",
	    "Describe the problem, when and where it happened.",
	    DM_FIELD_REQUIRED, 20, 5000, NULL },
	{ "when", DM_FIELD_DATE, "Ημερομηνία του περιστατικού",
	    "Date of the incident", NULL, NULL, 0, 0, 0, NULL },
	{ "files", DM_FIELD_FILE, "Φωτογραφίες ή έγγραφα",
	    "Photos or documents", "Έως 5 αρχεία.", "Up to 5 files.",
	    0, 0, 5, NULL },
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
};

static const struct dm_field suggestion_fields[] = {
	{ "title", DM_FIELD_STRING, "Τίτλος της πρότασης",
	    "Title of the suggestion", NULL, NULL, DM_FIELD_REQUIRED, 3, 200,
	    NULL },
	{ "description", DM_FIELD_TEXT, "Η πρότασή σας", "Your suggestion",
	    "Τι προτείνετε και ποιους θα ωφελήσει.",
	    "What you suggest and whom it would benefit.",
	    DM_FIELD_REQUIRED, 20, 5000, NULL },
	{ "files", DM_FIELD_FILE, "Σχέδια ή φωτογραφίες",
	    "Drawings or photos", NULL, NULL, 0, 0, 3, NULL },
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
};

static const struct dm_field meeting_fields[] = {
	{ "reason", DM_FIELD_TEXT, "Θέμα της συνάντησης",
	    "Subject of the meeting", NULL, NULL, DM_FIELD_REQUIRED, 10, 2000,
	    NULL },
	{ "preferred", DM_FIELD_DATE, "Προτιμώμενη ημερομηνία",
	    "Preferred date", "Θα προσπαθήσουμε να την τηρήσουμε.",
	    "We will try to keep to it.", 0, 0, 0, NULL },
	{ "phone", DM_FIELD_PHONE, "Τηλέφωνο επικοινωνίας", "Contact phone",
	    "Για να επιβεβαιώσουμε την ώρα.", "To confirm the time.",
	    DM_FIELD_REQUIRED, 0, 0, NULL },
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
};

static const struct dm_field access_fields[] = {
	{ "documents", DM_FIELD_TEXT, "Ποια έγγραφα ζητάτε",
	    "Which documents you ask for",
	    "Όσο πιο συγκεκριμένα γίνεται (αριθμός πρωτοκόλλου, "
	    "ημερομηνία, θέμα).",
	    "As precisely as you can (protocol number, date, subject).",
	    DM_FIELD_REQUIRED, 10, 3000, NULL },
	{ "interest", DM_FIELD_TEXT, "Το έννομο συμφέρον σας",
	    "Your legitimate interest",
	    "Για ιδιωτικά έγγραφα ο νόμος ζητά να εξηγήσετε γιατί σας "
	    "αφορούν.",
	    "For private documents the law asks you to explain why they "
	    "concern you.", 0, 0, 3000, NULL },
	{ "format", DM_FIELD_CHOICE, "Πώς θέλετε να τα λάβετε",
	    "How you want to receive them", NULL, NULL, DM_FIELD_REQUIRED,
	    0, 0, access_format },
	{ NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, NULL },
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
	.contact_email = NULL,
	.contact_phone = NULL,
};

static dm_status
general_init(const struct dm_host *h)
{
	host = h;
	return DM_OK;
}

static const struct dm_plugin plugin = {
	DM_PLUGIN_HEADER,
	.name = "general",
	.version = "1.0",
	.department = &department,
	.services = services,
	.routes = NULL,
	.config = NULL,
	.init = general_init,
	.fini = NULL,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v1(void)
{
	return &plugin;
}
