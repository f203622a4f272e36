/*
 * test_technical.c - technical's hooks with the fake host the core ships
 * (dimos/testhost.h), its SQL on a database of its own on the test stack's
 * MariaDB. The clock is fixed on Thursday 9 April 2026, before Orthodox
 * Easter: Good Friday and Easter Monday are holidays, so the first day a
 * permit may start is Tuesday 14 April.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/host.h"
#include "dimos/plugin.h"
#include "dimos/testhost.h"

static const struct dm_host *host;
static const struct dm_plugin *pl;
static struct dm_form *form;

static const struct dm_user citizen = { .id = 5, .kind = 'p', .level = 'A',
	.first_name = "Ελένη", .last_name = "Γεωργίου" };
static const struct dm_user builder = { .id = 6, .kind = 'b', .level = 'B',
	.company_name = "Οικοδομική Βισαλτίας ΟΕ", .afm = "094014201" };

static const struct dm_service *
service(const char *code)
{
	return dm_test_service(pl, code);
}

static dm_status
int_row(void *arg, const struct dm_value *c, size_t n)
{
	long long *v = arg;

	assert_int_equal(n, 1);
	*v = c[0].type == DM_V_INT ? c[0].i : -1;
	return DM_OK;
}

static long long
number(const char *sql, long long id)
{
	struct dm_value p = DM_VINT(id);
	long long v = -2;

	assert_int_equal(host->db_query(NULL, sql, &p, 1, int_row, &v),
	    DM_OK);
	return v;
}

static dm_status
text_row(void *arg, const struct dm_value *c, size_t n)
{
	char *out = arg;

	assert_int_equal(n, 1);
	snprintf(out, 64, "%s", c[0].type == DM_V_TEXT ? c[0].s : "NULL");
	return DM_OK;
}

static const char *
text(const char *sql, long long id)
{
	static char out[64];
	struct dm_value p = DM_VINT(id);

	assert_int_equal(host->db_query(NULL, sql, &p, 1, text_row, out),
	    DM_OK);
	return out;
}

/* ------------------------------------------------------- validate */

static struct dm_req *
new_form(void)
{
	struct dm_req *req = dm_test_req();

	form = dm_test_form(req);
	return req;
}

static size_t
validate(struct dm_req *req, const char *code)
{
	assert_int_equal(pl->validate(req, service(code), form), DM_OK);
	return dm_test_errors(form);
}

static void
occupation_form(const char *purpose, const char *area, const char *start,
    const char *end)
{
	dm_test_value(form, "purpose", purpose);
	dm_test_value(form, "where", "Αριστοτέλους 12, Νιγρίτα");
	dm_test_value(form, "area", area);
	dm_test_value(form, "start", start);
	dm_test_value(form, "end", end);
	dm_test_value(form, "phone", "+306912345678");
}

static void
occupation_rules(void **state)
{
	struct dm_req *req;

	(void)state;
	req = new_form();
	occupation_form("scaffolding", "12,5", "2026-04-14", "2026-04-23");
	assert_int_equal(validate(req, "technical-occupation"), 0);

	/* Good Friday and Easter Monday are not the next working day. */
	req = new_form();
	occupation_form("skip", "4", "2026-04-10", "2026-04-20");
	assert_int_equal(validate(req, "technical-occupation"), 1);
	assert_string_equal(dm_test_error(form, "start", "en"), "A permit "
	    "starts on the next working day at the earliest.");
	req = new_form();
	occupation_form("skip", "4", "2026-04-13", "2026-04-20");
	assert_int_equal(validate(req, "technical-occupation"), 1);

	req = new_form();
	occupation_form("skip", "4", "2026-04-20", "2026-04-19");
	assert_int_equal(validate(req, "technical-occupation"), 1);
	assert_string_equal(dm_test_error(form, "end", "el"), "Η τελευταία "
	    "ημέρα δεν μπορεί να είναι πριν από την πρώτη.");

	/* 180 days at most (the default). */
	req = new_form();
	occupation_form("materials", "4", "2026-04-14", "2026-10-10");
	assert_int_equal(validate(req, "technical-occupation"), 0);
	req = new_form();
	occupation_form("materials", "4", "2026-04-14", "2026-10-11");
	assert_int_equal(validate(req, "technical-occupation"), 1);
	assert_string_equal(dm_test_error(form, "end", "en"), "A permit "
	    "covers at most 180 days; apply again for more.");

	/* The area, and every problem at once. */
	static const char *const bad_areas[] = { "0", "-3", "12,555",
	    "1.234,5", "10001", "δώδεκα", "12 m2", "1e3", "<b>5</b>" };
	for (size_t i = 0; i < sizeof(bad_areas) / sizeof(bad_areas[0]);
	    i++) {
		req = new_form();
		occupation_form("skip", bad_areas[i], "2026-04-14",
		    "2026-04-15");
		if (validate(req, "technical-occupation") != 1)
			fail_msg("area '%s' accepted", bad_areas[i]);
		assert_non_null(dm_test_error(form, "area", "el"));
	}
	req = new_form();
	occupation_form("crane", "x", "2026-04-01", "2026-04-02");
	assert_int_equal(validate(req, "technical-occupation"), 3);
}

static void
heavy_form(const char *plate, const char *weight)
{
	dm_test_value(form, "plate", plate);
	dm_test_value(form, "vehicle", "truck");
	dm_test_value(form, "weight", weight);
	dm_test_value(form, "route", "Από την Εθνική οδό μέσω Αριστοτέλους");
	dm_test_value(form, "start", "2026-04-14");
	dm_test_value(form, "end", "2026-04-16");
	dm_test_value(form, "phone", "+306912345678");
}

static void
heavy_rules(void **state)
{
	static const struct {
		const char	*plate;
		const char	*weight;
		const char	*field;	/* NULL: accepted */
		const char	*en;
	} cases[] = {
		{ "ΕΡΒ-1234", "26000", NULL, NULL },
		{ "epb 1234", "26000", NULL, NULL },
		{ "ΜΕ 123456", "18000", NULL, NULL },
		{ "ΕΡΒ-123", "26000", "plate", "That is a motorcycle's plate; "
		    "the permit is for heavy vehicles." },
		{ "ΓΡΒ-1234", "26000", "plate", "Give the registration as on "
		    "the plate, e.g. ΕΡΒ-1234 or ΜΕ 123456." },
		{ "'; DROP TABLE technical_permits; --", "26000", "plate",
		    NULL },
		{ "ΕΡΒ-1234", "3500", "weight", "Vehicles up to 3500 kg need "
		    "no passage permit." },
		{ "ΕΡΒ-1234", "60001", "weight", "Vehicles over 60000 kg may "
		    "not use the municipality's roads; contact the "
		    "department." },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct dm_req *req = new_form();
		size_t n;

		heavy_form(cases[i].plate, cases[i].weight);
		n = validate(req, "technical-heavy");
		if (cases[i].field == NULL) {
			if (n != 0)
				fail_msg("'%s' refused", cases[i].plate);
			continue;
		}
		assert_int_equal(n, 1);
		assert_non_null(dm_test_error(form, cases[i].field, "el"));
		if (cases[i].en != NULL)
			assert_string_equal(dm_test_error(form,
			    cases[i].field, "en"), cases[i].en);
	}
}

/* ------------------------------------------------ permits in the db */

struct submit {
	const struct dm_service	*svc;
	struct dm_request	*r;
};

static dm_status
submit_tx(struct dm_req *req, void *arg)
{
	struct submit *s = arg;

	return pl->on_submit(req, s->svc, s->r, form);
}

static dm_status
submit(struct dm_req *req, const char *code, long long id,
    const struct dm_user *who)
{
	struct submit s = { service(code), NULL };

	s.r = dm_test_request(req, id, code, who);
	return host->db_tx(req, submit_tx, &s);
}

static dm_status
transition(long long id, const char *code, enum dm_request_status to,
    const char *event)
{
	struct dm_req *req = dm_test_req();

	return pl->on_transition(req, service(code), dm_test_request(req, id,
	    code, &builder), DM_REQ_IN_PROGRESS, to, event);
}

static void
permits(void **state)
{
	struct dm_req *req;

	(void)state;
	/* 12,5 m2 x 10 days x 0,50 EUR = 62,50 EUR, frozen at submission. */
	req = new_form();
	occupation_form("scaffolding", "12,5", "2026-04-14", "2026-04-23");
	assert_int_equal(submit(req, "technical-occupation", 201, &builder),
	    DM_OK);
	assert_int_equal(number("SELECT fee FROM technical_permits WHERE "
	    "request_id = ?", 201), 6250);
	assert_int_equal(number("SELECT days FROM technical_permits WHERE "
	    "request_id = ?", 201), 10);
	assert_int_equal(number("SELECT area FROM technical_permits WHERE "
	    "request_id = ?", 201), 1250);
	assert_string_equal(text("SELECT place FROM technical_permits WHERE "
	    "request_id = ?", 201), "Αριστοτέλους 12, Νιγρίτα");
	/* A road occupation permit waits for its fee to be paid. */
	assert_string_equal(text("SELECT status FROM technical_permits WHERE "
	    "request_id = ?", 201), "awaiting_payment");
	/* A small skip for a day costs the minimum, 10 EUR. */
	req = new_form();
	occupation_form("skip", "2", "2026-04-14", "2026-04-14");
	assert_int_equal(submit(req, "technical-occupation", 202, &citizen),
	    DM_OK);
	assert_int_equal(number("SELECT fee FROM technical_permits WHERE "
	    "request_id = ?", 202), 1000);
	/* Configured rates apply to new applications only. */
	dm_test_config("rate_materials", "0,75");
	assert_int_equal(pl->init(host, dm_test_ctx("technical")), DM_OK);
	req = new_form();
	occupation_form("materials", "3", "2026-04-14", "2026-04-23");
	assert_int_equal(submit(req, "technical-occupation", 203, &builder),
	    DM_OK);
	assert_int_equal(number("SELECT fee FROM technical_permits WHERE "
	    "request_id = ?", 203), 2250);
	assert_int_equal(number("SELECT fee FROM technical_permits WHERE "
	    "request_id = ?", 201), 6250);
	dm_test_config("rate_materials", NULL);
	assert_int_equal(pl->init(host, dm_test_ctx("technical")), DM_OK);

	/* A start that passed since the preview: refused, nothing written. */
	req = new_form();
	occupation_form("skip", "2", "2026-04-09", "2026-04-14");
	assert_int_equal(submit(req, "technical-occupation", 204, &citizen),
	    DM_EINPUT);
	assert_non_null(dm_test_error(form, "start", "el"));
	assert_int_equal(number("SELECT COUNT(*) FROM technical_permits "
	    "WHERE request_id = ?", 204), 0);

	/* The heavy vehicle's plate is kept as the register writes it. */
	req = new_form();
	heavy_form("epb 1234", "26000");
	assert_int_equal(submit(req, "technical-heavy", 205, &builder), DM_OK);
	assert_string_equal(text("SELECT plate FROM technical_permits WHERE "
	    "request_id = ?", 205), "ΕΡΒ-1234");
	assert_int_equal(number("SELECT weight FROM technical_permits WHERE "
	    "request_id = ?", 205), 26000);

	/* Unpaid, completing it issues nothing; paid (as the payment page
	 * records it), it is issued with the request; void when refused. */
	assert_int_equal(transition(203, "technical-occupation",
	    DM_REQ_COMPLETED, "completed"), DM_OK);
	assert_string_equal(text("SELECT status FROM technical_permits WHERE "
	    "request_id = ?", 203), "awaiting_payment");
	{
		struct dm_value v = DM_VINT(201);

		assert_int_equal(host->db_exec(NULL, "UPDATE technical_permits "
		    "SET status = 'pending', paid_at = UTC_TIMESTAMP(6), "
		    "payment_ref = 'ΑΠ-1' WHERE request_id = ? AND status = "
		    "'awaiting_payment'", &v, 1, NULL, NULL), DM_OK);
	}
	assert_int_equal(transition(201, "technical-occupation",
	    DM_REQ_COMPLETED, "completed"), DM_OK);
	assert_string_equal(text("SELECT status FROM technical_permits WHERE "
	    "request_id = ?", 201), "issued");
	assert_int_equal(transition(202, "technical-occupation",
	    DM_REQ_WITHDRAWN, "withdrawn"), DM_OK);
	assert_string_equal(text("SELECT status FROM technical_permits WHERE "
	    "request_id = ?", 202), "void");
	/* A report's transitions touch nothing. */
	assert_int_equal(transition(201, "technical-road", DM_REQ_REJECTED,
	    "rejected"), DM_OK);
	assert_string_equal(text("SELECT status FROM technical_permits WHERE "
	    "request_id = ?", 201), "issued");

	/* A database that fails is reported. */
	dm_test_db_fail(1);
	req = new_form();
	occupation_form("skip", "2", "2026-04-14", "2026-04-14");
	assert_int_equal(submit(req, "technical-occupation", 206, &citizen),
	    DM_EINTERNAL);
	dm_test_db_fail(0);
}

static int
has_row(const struct dm_certificate *c, const char *label,
    const char *value)
{
	for (size_t i = 0; i < c->nrows; i++)
		if (strcmp(c->rows[i].label, label) == 0)
			return value == NULL || strcmp(c->rows[i].value,
			    value) == 0;
	return 0;
}

static void
certificates(void **state)
{
	struct dm_certificate c;
	struct dm_request *r;
	struct dm_req *req;

	(void)state;
	/* Never at submission: a clerk issues permits. */
	req = dm_test_req();
	r = dm_test_request(req, 201, "technical-occupation", &builder);
	dm_test_request_value(r, "where", "Αριστοτέλους 12, Νιγρίτα");
	memset(&c, 0, sizeof(c));
	assert_int_equal(pl->certificate(req, service("technical-occupation"),
	    r, 1, NULL, &c), DM_ENOTFOUND);
	/* Not before its fee is paid, and the clerk is told why. */
	r = dm_test_request(req, 203, "technical-occupation", &builder);
	assert_int_equal(pl->certificate(req, service("technical-occupation"),
	    r, 0, "permit:203", &c), DM_EDENIED);
	assert_non_null(strstr(dm_test_refusal(req), "αφού πληρωθεί"));
	r = dm_test_request(req, 201, "technical-occupation", &builder);
	dm_test_request_value(r, "where", "Αριστοτέλους 12, Νιγρίτα");
	assert_int_equal(pl->certificate(req, service("technical-occupation"),
	    r, 0, "permit:201", &c), DM_OK);
	assert_string_equal(c.title, "ΑΔΕΙΑ ΚΑΤΑΛΗΨΗΣ ΚΟΙΝΟΧΡΗΣΤΟΥ ΧΩΡΟΥ");
	assert_string_equal(c.subtitle, "Σκαλωσιά");
	assert_string_equal(c.holder, "Οικοδομική Βισαλτίας ΟΕ");
	assert_string_equal(c.record_ref, "permit:201");
	assert_true(has_row(&c, "Θέση", "Αριστοτέλους 12, Νιγρίτα"));
	assert_true(has_row(&c, "Εμβαδόν", "12,50 m²"));
	assert_true(has_row(&c, "Από", "14/04/2026"));
	assert_true(has_row(&c, "Έως (και)", "23/04/2026"));
	assert_true(has_row(&c, "Τέλος κατάληψης", "62,50 €"));
	assert_true(c.nremarks >= 5);
	assert_non_null(strstr(c.remarks[2], "1,50 μέτρου"));
	assert_true(strncmp(c.remarks[0], "1. ", 3) == 0);
	/* Another request's record, or a void permit: not issued. */
	assert_int_equal(pl->certificate(req, service("technical-occupation"),
	    r, 0, "permit:203", &c), DM_ENOTFOUND);
	r = dm_test_request(req, 202, "technical-occupation", &citizen);
	assert_int_equal(pl->certificate(req, service("technical-occupation"),
	    r, 0, NULL, &c), DM_EDENIED);
	r = dm_test_request(req, 999, "technical-occupation", &citizen);
	assert_int_equal(pl->certificate(req, service("technical-occupation"),
	    r, 0, NULL, &c), DM_ENOTFOUND);

	req = dm_test_req();
	r = dm_test_request(req, 205, "technical-heavy", &builder);
	dm_test_request_value(r, "route", "Εθνική οδός – Αριστοτέλους");
	memset(&c, 0, sizeof(c));
	assert_int_equal(pl->certificate(req, service("technical-heavy"), r,
	    0, NULL, &c), DM_OK);
	assert_string_equal(c.title, "ΑΔΕΙΑ ΔΙΕΛΕΥΣΗΣ ΒΑΡΕΟΣ ΟΧΗΜΑΤΟΣ");
	assert_true(has_row(&c, "Αριθμός κυκλοφορίας", "ΕΡΒ-1234"));
	assert_true(has_row(&c, "Μικτό βάρος", "26000 κιλά"));
	assert_true(has_row(&c, "Όχημα", "Φορτηγό"));
	assert_true(has_row(&c, "Διαδρομή", "Εθνική οδός – Αριστοτέλους"));
	assert_non_null(strstr(c.paragraphs[0], "ΕΡΒ-1234"));
	/* Reports have no certificate. */
	assert_int_equal(pl->certificate(req, service("technical-road"), r,
	    0, NULL, &c), DM_ENOTFOUND);
}

static void
staff_panels(void **state)
{
	const struct dm_test_node *p, *rec;
	struct dm_request *r;
	struct dm_req *req = dm_test_req();
	struct dm_node *panel = dm_test_panel(req);

	(void)state;
	r = dm_test_request(req, 201, "technical-occupation", &builder);
	assert_int_equal(pl->staff_panel(req, service("technical-occupation"),
	    r, panel), DM_OK);
	p = dm_test_node(panel);
	rec = dm_test_child(p, "record", 0);
	assert_non_null(rec);
	assert_string_equal(dm_test_attr(rec, "ref"), "permit:201");
	assert_string_equal(dm_test_attr(rec, "label"), "Σκαλωσιά, 12,50 m², "
	    "14/04/2026 – 23/04/2026");
	assert_string_equal(dm_test_child(rec, "field", 0)->text, "12,50 m² "
	    "× 10 ημέρες × 0,50 €/m² = 62,50 €");

	req = dm_test_req();
	dm_test_lang(req, "en");
	panel = dm_test_panel(req);
	r = dm_test_request(req, 202, "technical-occupation", &citizen);
	assert_int_equal(pl->staff_panel(req, service("technical-occupation"),
	    r, panel), DM_OK);
	p = dm_test_node(panel);
	assert_null(dm_test_child(p, "record", 0));
	assert_string_equal(dm_test_child(p, "note", 0)->text, "The permit "
	    "is void.");
}

/* ------------------------------------------------- street lights */

static void
poles(void **state)
{
	static char a0[] = "dimosctl", a1[] = "import", a2[] = "--if-empty",
	    a3[] = DEMO_DIR, a4[] = "--replace", bad[] = "/nonexistent";
	char *argv[] = { a0, a1, a3, NULL };
	struct dm_req *req;
	struct dm_node *panel;

	(void)state;
	/* No register yet: any number is taken as written. */
	req = new_form();
	dm_test_value(form, "pole", "77777");
	dm_test_value(form, "fault", "out");
	assert_int_equal(validate(req, "technical-streetlight"), 0);

	assert_int_equal(pl->command(host, dm_test_ctx("technical"), 3, argv),
	    0);
	assert_int_equal(number("SELECT COUNT(*) FROM technical_poles WHERE "
	    "0 = ?", 0), 228);
	/* Again: every pole is there already, nothing changes. */
	assert_int_equal(pl->command(host, dm_test_ctx("technical"), 3, argv),
	    1);
	argv[2] = a2;
	argv[3] = a3;
	assert_int_equal(pl->command(host, dm_test_ctx("technical"), 4, argv),
	    0);
	argv[2] = a4;
	assert_int_equal(pl->command(host, dm_test_ctx("technical"), 4, argv),
	    0);
	assert_int_equal(number("SELECT COUNT(*) FROM technical_poles WHERE "
	    "0 = ?", 0), 228);
	argv[2] = bad;
	assert_int_equal(pl->command(host, dm_test_ctx("technical"), 3, argv),
	    1);
	argv[1] = a0;
	assert_int_equal(pl->command(host, dm_test_ctx("technical"), 3, argv),
	    2);

	/* With the register: a number it has, as typed. */
	req = new_form();
	dm_test_value(form, "pole", " Ν. 1 003 ");
	dm_test_value(form, "fault", "flicker");
	assert_int_equal(validate(req, "technical-streetlight"), 0);
	req = new_form();
	dm_test_value(form, "pole", "77777");
	assert_int_equal(validate(req, "technical-streetlight"), 1);
	assert_string_equal(dm_test_error(form, "pole", "en"), "The "
	    "municipality's register has no pole with this number; check it "
	    "or give the place.");
	req = new_form();
	dm_test_value(form, "pole", "12a");
	assert_int_equal(validate(req, "technical-streetlight"), 1);
	/* Neither a pole nor a place. */
	req = new_form();
	dm_test_value(form, "fault", "out");
	assert_int_equal(validate(req, "technical-streetlight"), 1);
	assert_string_equal(dm_test_error(form, "where", "en"), "Give the "
	    "pole's number or its place.");
	/* A place alone is enough. */
	req = new_form();
	dm_test_value(form, "where", "Πλατεία, Τερπνή");
	assert_int_equal(validate(req, "technical-streetlight"), 0);

	/* The clerk sees where the pole is. */
	req = dm_test_req();
	panel = dm_test_panel(req);
	{
		struct dm_request *r = dm_test_request(req, 301,
		    "technical-streetlight", &citizen);

		dm_test_request_value(r, "pole", "1003");
		assert_int_equal(pl->staff_panel(req,
		    service("technical-streetlight"), r, panel), DM_OK);
		assert_non_null(strstr(dm_test_child(dm_test_node(panel),
		    "note", 0)->text, "Κολόνα 1003: Αριστοτέλους, nigrita"));
	}
}

static void
permits_page(void **state)
{
	const struct dm_test_node *page, *list;
	struct dm_req *req = dm_test_req();

	(void)state;
	dm_test_staff(req, "technical");
	dm_test_query(req, "date", "2026-04-15");
	assert_int_equal(pl->routes[0].handler(req), DM_OK);
	assert_string_equal(dm_test_view(req), "technical-permits");
	page = dm_test_page(req);
	assert_string_equal(dm_test_attr(page, "shown"), "15/04/2026");
	list = dm_test_child(page, "permits", 0);
	/* 201 (issued), 203 (pending), 205 (heavy); 202 is void and 204
	 * was never written. */
	assert_int_equal(dm_test_children(list, "permit"), 3);
	assert_string_equal(dm_test_attr(dm_test_child(list, "permit", 2),
	    "plate"), "ΕΡΒ-1234");
	/* A day no permit covers, and a day that is not a date. */
	req = dm_test_req();
	dm_test_query(req, "date", "2027-01-01");
	assert_int_equal(pl->routes[0].handler(req), DM_OK);
	assert_int_equal(dm_test_children(dm_test_child(dm_test_page(req),
	    "permits", 0), "permit"), 0);
	req = dm_test_req();
	dm_test_query(req, "date", "2026-02-30");
	assert_int_equal(pl->routes[0].handler(req), DM_EINPUT);
}

static void
configuration(void **state)
{
	static const struct {
		const char	*key;
		const char	*value;
	} bad[] = {
		{ "rate_skip", "1.000,00" }, { "rate_skip", "-1" },
		{ "fee_minimum", "δέκα" }, { "max_days", "0" },
		{ "max_days", "367" }, { "heavy_min_kg", "x" },
		{ "heavy_max_kg", "100" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		dm_test_config(bad[i].key, bad[i].value);
		if (pl->init(host, dm_test_ctx("technical")) != DM_EINPUT)
			fail_msg("%s = %s accepted", bad[i].key, bad[i].value);
		dm_test_config(bad[i].key, NULL);
	}
	assert_true(dm_test_logged("error: [plugin.technical] rate_skip: "
	    "'1.000,00' is not an amount in euros"));
	dm_test_config("heavy_min_kg", "40000");
	dm_test_config("heavy_max_kg", "30000");
	assert_int_equal(pl->init(host, dm_test_ctx("technical")), DM_EINPUT);
	dm_test_config("heavy_min_kg", NULL);
	dm_test_config("heavy_max_kg", NULL);
	assert_int_equal(pl->init(host, dm_test_ctx("technical")), DM_OK);
}

static int
setup(void **state)
{
	(void)state;
	host = dm_test_host();
	pl = dimos_plugin_v2();
	dm_test_clock("2026-04-09T10:00:00");
	if (dm_test_db_open("technical") != DM_OK)
		return -1;
	return pl->init(host, dm_test_ctx("technical")) == DM_OK ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	dm_test_db_close();
	dm_test_end();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(occupation_rules),
		cmocka_unit_test(heavy_rules),
		cmocka_unit_test(permits),
		cmocka_unit_test(certificates),
		cmocka_unit_test(staff_panels),
		cmocka_unit_test(poles),
		cmocka_unit_test(permits_page),
		cmocka_unit_test(configuration),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
