/*
 * newdept.c - a department plugin: appointments at the department's
 * office, a limited number per business day.
 * This is plugins/_template, the model docs/plugin-guide.md walks through:
 * copy it, rename "newdept", and change the declarations to your
 * department's. Data first (the department, its service, the queue's
 * columns), then the few hooks that are really its own:
 *   validate       the day is a business day, far enough ahead and not
 *                  full; documents unlocked; the property on the map
 *                  inside the municipality
 *   on_submit      books the day, atomically with the submission
 *   on_transition  frees the place when a request is rejected or withdrawn
 *   a route        the clerk's list of one day's visits
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dimos/host.h"
#include "dimos/kit/date.h"
#include "dimos/plugin.h"

#define PLUGIN		"newdept"
#define SERVICE		"newdept-visit"
#define DEFAULT_PER_DAY	8	/* visits a day, unless configured */
#define MAX_AHEAD	60	/* business days one may book ahead */

static const struct dm_host *host;
static struct dm_plugin_ctx *self;
static long per_day = DEFAULT_PER_DAY;
static int have_area;			/* the municipality's area, if set */
static double area[4];			/* south, west, north, east */

/* ------------------------------------------------------ declarations */

static const struct dm_choice kinds[] = {
	{ .value = "information", .label_el = "Πληροφορίες",
	  .label_en = "Information" },
	{ .value = "documents", .label_el = "Κατάθεση εγγράφων",
	  .label_en = "Handing in documents" },
	{ .value = NULL },
};

static const struct dm_field visit_fields[] = {
	{ .name = "day", .type = DM_FIELD_DATE,
	  .label_el = "Ημέρα επίσκεψης", .label_en = "Day of the visit",
	  .hint_el = "Εργάσιμη ημέρα, από την επόμενη εργάσιμη και μετά.",
	  .hint_en = "A working day, from the next working day on.",
	  .flags = DM_FIELD_REQUIRED },
	{ .name = "kind", .type = DM_FIELD_CHOICE,
	  .label_el = "Σκοπός", .label_en = "Purpose",
	  .flags = DM_FIELD_REQUIRED, .choices = kinds },
	{ .name = "reason", .type = DM_FIELD_TEXT,
	  .label_el = "Τι θα συζητήσουμε", .label_en = "What it is about",
	  .flags = DM_FIELD_REQUIRED, .min = 10, .max = 2000 },
	{ .name = "document", .type = DM_FIELD_FILE,
	  .label_el = "Έγγραφα", .label_en = "Documents",
	  .hint_el = "Για κατάθεση εγγράφων: έως 2 αρχεία PDF (σαρωμένα, "
	      "χωρίς κωδικό).",
	  .hint_en = "For handing in documents: up to 2 PDF files (scanned, "
	      "without a password).",
	  .max = 2, .accept = DM_ACCEPT_PDF },
	{ .name = "property", .type = DM_FIELD_ADDRESS,
	  .label_el = "Διεύθυνση ακινήτου", .label_en = "Property's address",
	  .hint_el = "Αν η επίσκεψη αφορά ακίνητο· μπορείτε να το δείξετε "
	      "και στον χάρτη.",
	  .hint_en = "If the visit is about a property; you may also show "
	      "it on the map.",
	  .max = 200 },
	{ .name = "phone", .type = DM_FIELD_PHONE,
	  .label_el = "Τηλέφωνο", .label_en = "Phone",
	  .hint_el = "Αν χρειαστεί να αλλάξουμε την ώρα.",
	  .hint_en = "In case we need to change the time." },
	{ .name = NULL },
};

/* Narrowed to this service, the queue also shows the purpose. */
static const struct dm_column visit_columns[] = {
	{ .field = "kind", .label_el = "Σκοπός", .label_en = "Purpose",
	  .filter = DM_FILTER_EXACT, .flags = DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_service services[] = {
	{
		.code = SERVICE,
		.title_el = "Ραντεβού στην υπηρεσία",
		.title_en = "An appointment at the office",
		.summary_el = "Κλείστε μια επίσκεψη σε εργάσιμη ημέρα· οι "
		    "θέσεις κάθε ημέρας είναι περιορισμένες.",
		.summary_en = "Book a visit on a working day; each day has a "
		    "limited number of places.",
		.description_el = "Διαλέξτε την ημέρα και πείτε μας τι θα "
		    "συζητήσουμε. Η θέση σας κρατιέται με την υποβολή και "
		    "ελευθερώνεται αν ακυρώσετε την αίτηση.",
		.description_en = "Choose the day and tell us what it is "
		    "about. Your place is kept when you submit and freed if "
		    "you withdraw the request.",
		.keywords = "ραντεβού,επίσκεψη,appointment,visit",
		.fields = visit_fields,
		.sla_days = 2,
		.flags = DM_SERVICE_BUSINESS,
		.result = DM_RESULT_ANSWER,
		.columns = visit_columns,
	},
	{ .code = NULL },
};

/* Every request of the department shows its day; clerks filter and
 * sort by it to plan the week. */
static const struct dm_column columns[] = {
	{ .field = "day", .label_el = "Ημέρα", .label_en = "Day",
	  .filter = DM_FILTER_RANGE,
	  .flags = DM_COLUMN_SORTABLE | DM_COLUMN_INDEXED },
	{ .field = NULL },
};

static const struct dm_department department = {
	.code = PLUGIN,
	.name_el = "Νέο τμήμα",
	.name_en = "New department",
	.description_el = "Ραντεβού με την υπηρεσία.",
	.description_en = "Appointments with the department.",
	.columns = columns,
};

static const struct dm_config_key config_keys[] = {
	{ .name = "visits_per_day",
	  .description = "how many visits a day may have (default 8)" },
	{ .name = "area",
	  .description = "the municipality's area as south,west,north,east "
	      "in degrees; a property shown on the map outside it is refused" },
	{ .name = NULL },
};

/* ---------------------------------------------------------- validate */

static dm_status
one_int(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	if (n < 1 || c[0].type != DM_V_INT)
		return DM_EINTERNAL;
	*v = c[0].i;
	return DM_OK;
}

static void
check_day(struct dm_req *req, struct dm_form *form)
{
	const char *day = host->form_value(form, "day");
	char first[DM_DATE_SIZE], last[DM_DATE_SIZE], today[DM_DATE_SIZE];
	struct dm_value p = DM_VTEXT(day);
	long long booked = 0;

	/* The core checked it is a date; the calendar is the host's. */
	host->today(today);
	host->add_business_days(today, 1, first);
	host->add_business_days(today, MAX_AHEAD, last);
	if (host->is_business_day(day) != 1)
		host->form_error(form, "day", "Επιλέξτε εργάσιμη ημέρα (όχι "
		    "Σαββατοκύριακο ή αργία).", "Choose a working day (not a "
		    "weekend or a holiday).");
	else if (strcmp(day, first) < 0)
		host->form_error(form, "day", "Το νωρίτερο την επόμενη "
		    "εργάσιμη ημέρα.", "The next working day at the earliest.");
	else if (strcmp(day, last) > 0)
		host->form_error(form, "day", "Έως 60 εργάσιμες ημέρες από "
		    "σήμερα.", "At most 60 working days from today.");
	/* Say so now if the day is full already (on_submit decides). */
	if (host->field_has_error(form, "day") ||
	    host->db_query(req, "SELECT booked FROM newdept_days WHERE day = "
	    "?", &p, 1, one_int, &booked) != DM_OK)
		return;
	if (booked >= per_day)
		host->form_error(form, "day", "Η ημέρα αυτή είναι πλήρης· "
		    "διαλέξτε άλλη.", "That day is fully booked; choose "
		    "another.");
}

/* Documents to hand in must be there, and a PDF must open without a
 * password (the clerk prints and stamps it). */
static dm_status
check_documents(struct dm_form *form)
{
	const char *kind = host->form_value(form, "kind");
	size_t n = host->upload_count(form, "document");

	if (kind != NULL && strcmp(kind, "documents") == 0 && n == 0)
		host->form_error(form, "document", "Επισυνάψτε τα έγγραφα που "
		    "θα καταθέσετε.", "Attach the documents you will hand in.");
	for (size_t i = 0; i < n; i++) {
		const struct dm_upload *u = host->upload_at(form, "document",
		    i);
		const void *data;
		size_t len;

		if (u == NULL || strcmp(u->type, "application/pdf") != 0)
			continue;
		if (host->upload_read(form, u, &data, &len) != DM_OK)
			return DM_EINTERNAL;
		if (memmem(data, len, "/Encrypt", 8) != NULL) {
			host->form_error(form, "document", "Ένα PDF είναι "
			    "κλειδωμένο με κωδικό· στείλτε το χωρίς κωδικό.",
			    "A PDF is locked with a password; send it "
			    "without one.");
			break;
		}
	}
	return DM_OK;
}

static void
check_property(struct dm_form *form)
{
	double lat, lon;

	if (have_area && host->form_location(form, "property", &lat, &lon) &&
	    (lat < area[0] || lon < area[1] || lat > area[2] ||
	    lon > area[3]))
		host->form_error(form, "property", "Το σημείο στον χάρτη είναι "
		    "έξω από τον Δήμο.", "The point on the map is outside the "
		    "municipality.");
}

static dm_status
nd_validate(struct dm_req *req, const struct dm_service *svc,
    struct dm_form *form)
{
	(void)svc;
	check_day(req, form);
	check_property(form);
	return check_documents(form);
}

/* ---------------------------------------------------------- bookings */

/*
 * Runs in the submitting transaction: the day's row is read FOR UPDATE,
 * so of two citizens taking its last place at once the second waits, then
 * finds it full. Refusing rolls the whole submission back.
 */
static dm_status
nd_on_submit(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, struct dm_form *form)
{
	const char *day = host->form_value(form, "day");
	struct dm_value p[3] = { DM_VTEXT(day) };
	long long booked = -1;
	dm_status st;

	(void)svc;
	if ((st = host->db_exec(req, "INSERT IGNORE INTO newdept_days (day) "
	    "VALUES (?)", p, 1, NULL, NULL)) != DM_OK ||
	    (st = host->db_query(req, "SELECT booked FROM newdept_days WHERE "
	    "day = ? FOR UPDATE", p, 1, one_int, &booked)) != DM_OK)
		return st;
	if (booked < 0)
		return DM_EINTERNAL;
	if (booked >= per_day) {
		host->form_error(form, "day", "Η ημέρα αυτή είναι πλήρης· "
		    "διαλέξτε άλλη.", "That day is fully booked; choose "
		    "another.");
		return DM_EINPUT;
	}
	p[0] = DM_VINT(r->id);
	p[1] = DM_VTEXT(day);
	p[2] = DM_VTEXT(r->protocol);
	if ((st = host->db_exec(req, "INSERT INTO newdept_bookings "
	    "(request_id, day, protocol) VALUES (?, ?, ?)", p, 3, NULL,
	    NULL)) != DM_OK)
		return st;
	p[0] = DM_VTEXT(day);
	return host->db_exec(req, "UPDATE newdept_days SET booked = booked + "
	    "1 WHERE day = ?", p, 1, NULL, NULL);
}

struct booking {
	char	day[DM_DATE_SIZE];
	int	found;
};

static dm_status
booking_row(void *arg, const struct dm_value *c, size_t n)
{
	struct booking *b = arg;

	if (n < 1 || c[0].type != DM_V_TEXT)
		return DM_EINTERNAL;
	strncpy(b->day, c[0].s, sizeof(b->day) - 1);
	b->found = 1;
	return DM_OK;
}

/* A rejected or withdrawn request gives its place back. */
static dm_status
nd_on_transition(struct dm_req *req, const struct dm_service *svc,
    const struct dm_request *r, enum dm_request_status from,
    enum dm_request_status to, const char *event)
{
	struct dm_value id = DM_VINT(r->id), day;
	struct booking b = { "", 0 };
	dm_status st;

	(void)svc;
	(void)from;
	if (to != DM_REQ_REJECTED && to != DM_REQ_WITHDRAWN)
		return DM_OK;
	if ((st = host->db_query(req, "SELECT day FROM newdept_bookings "
	    "WHERE request_id = ? FOR UPDATE", &id, 1, booking_row, &b)) !=
	    DM_OK || !b.found)
		return st;
	day = DM_VTEXT(b.day);
	if ((st = host->db_exec(req, "DELETE FROM newdept_bookings WHERE "
	    "request_id = ?", &id, 1, NULL, NULL)) != DM_OK)
		return st;
	host->log(self, DM_LOG_INFO, "request %lld %s: the visit of %s is "
	    "cancelled", r->id, event, b.day);
	return host->db_exec(req, "UPDATE newdept_days SET booked = booked - "
	    "1 WHERE day = ? AND booked > 0", &day, 1, NULL, NULL);
}

/* ------------------------------------------------------------ pages */

struct day_ctx {
	struct dm_node	*list;
	long long	 n;
};

static dm_status
visit_row(void *arg, const struct dm_value *c, size_t n)
{
	struct day_ctx *x = arg;
	struct dm_node *v;

	if (n < 2)
		return DM_EINTERNAL;
	v = host->node_add(x->list, "visit", NULL);
	host->node_attr_int(v, "request", c[0].i);
	host->node_attr(v, "protocol", c[1].s);
	x->n++;
	return DM_OK;
}

/* GET /staff/newdept/day/:date - the visits of one day, for the clerk. */
static dm_status
day_page(struct dm_req *req)
{
	const char *date = host->req_arg(req, "date");
	struct dm_value p = DM_VTEXT(date);
	struct day_ctx x;
	struct dm_node *c;
	char shown[32];
	dm_status st;

	if (!kit_date_valid(date))
		return DM_ENOTFOUND;
	kit_date_short(date, shown, sizeof(shown));
	c = host->page_begin(req, "day", host->aprintf(req, "%s %s",
	    host->tr(req, "Επισκέψεις", "Visits"), shown));
	host->node_attr(c, "date", date);
	host->node_attr(c, "shown", shown);
	host->node_attr_int(c, "places", per_day);
	host->node_attr_int(c, "business", host->is_business_day(date) == 1);
	x.list = host->node_add(c, "visits", NULL);
	x.n = 0;
	if ((st = host->db_query(req, "SELECT request_id, protocol FROM "
	    "newdept_bookings WHERE day = ? ORDER BY request_id", &p, 1,
	    visit_row, &x)) != DM_OK)
		return st;
	host->node_attr_int(c, "booked", x.n);
	return DM_OK;
}

static const struct dm_route routes[] = {
	{ .methods = DM_METHOD_GET, .pattern = "/staff/" PLUGIN "/day/:date",
	  .access = DM_ROUTE_STAFF, .handler = day_page },
	{ .pattern = NULL },
};

/* ----------------------------------------------------------- plugin */

static dm_status
nd_init(const struct dm_host *h, struct dm_plugin_ctx *ctx)
{
	const char *v;
	char *end;

	host = h;
	self = ctx;
	per_day = DEFAULT_PER_DAY;
	have_area = 0;
	if ((v = host->config_get(self, "area")) != NULL) {
		if (sscanf(v, "%lf , %lf , %lf , %lf", &area[0], &area[1],
		    &area[2], &area[3]) != 4 || area[0] >= area[2] ||
		    area[1] >= area[3]) {
			host->log(self, DM_LOG_ERROR, "[plugin.%s] area: '%s' "
			    "is not south,west,north,east", PLUGIN, v);
			return DM_EINPUT;
		}
		have_area = 1;
	}
	if ((v = host->config_get(self, "visits_per_day")) != NULL) {
		per_day = strtol(v, &end, 10);
		if (end == v || *end != '\0' || per_day < 1 || per_day > 1000) {
			host->log(self, DM_LOG_ERROR, "[plugin.%s] "
			    "visits_per_day: '%s' is not a number from 1 to "
			    "1000", PLUGIN, v);
			return DM_EINPUT;
		}
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
	.init = nd_init,
	.validate = nd_validate,
	.on_submit = nd_on_submit,
	.on_transition = nd_on_transition,
};

DM_PLUGIN_EXPORT const struct dm_plugin *
dimos_plugin_v2(void)
{
	return &plugin;
}
