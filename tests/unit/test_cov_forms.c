/*
 * test_cov_forms.c - forms.c on its own: fields from the core's
 * definitions and from a plugin's service, every field type checked and
 * normalised with its Greek or English message, kept input, and the
 * <form> element the stylesheets render (errors, choices selected, files,
 * passwords never echoed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "forms.h"
#include "http.h"
#include "i18n.h"
#include "render.h"

#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))

static struct arena A;
static struct config cfg;

static void
req_init(struct dm_req *req, const char *lang, const char *form)
{
	memset(req, 0, sizeof(*req));
	req->arena = &A;
	req->cfg = &cfg;
	req->lang = lang;
	req->method = HTTP_POST;
	req->anon_csrf = "visitor-token";
	if (form != NULL)
		assert_int_equal(http_parse_urlencoded(&A, form, strlen(form),
		    64, &req->form), 0);
}

/* One field of type t checked against the value v ("NULL": absent). */
static struct ffield
check(enum ftype t, unsigned flags, long long min, long long max,
    const char *v)
{
	static const struct fchoice ch[] = { { "a", "Α" }, { "b", "Β" },
	    { "c", "Γ" } };
	struct dm_req req;
	struct ffield f;
	char *form = v ? arena_printf(&A, "x=%s", v) : NULL;
	int errors;

	req_init(&req, "el", form);
	memset(&f, 0, sizeof(f));
	f.name = "x";
	f.type = t;
	f.label = "Πεδίο";
	f.flags = flags;
	f.min = min;
	f.max = max;
	f.choices = ch;
	f.nchoices = NELEMS(ch);
	errors = forms_check(&req, &f, 1);
	assert_int_equal(errors, f.error != NULL);
	return f;
}

static void
assert_ok(struct ffield f, const char *value)
{
	if (f.error != NULL)
		fail_msg("unexpected error: %s", f.error);
	if (value != NULL)
		assert_string_equal(f.value, value);
}

static void
assert_error(struct ffield f, const char *part)
{
	assert_non_null(f.error);
	if (strstr(f.error, part) == NULL)
		fail_msg("\"%s\" not in \"%s\"", part, f.error);
}

static void
test_types(void **state)
{
	(void)state;
	/* Text: trimmed, one line, lengths in characters. */
	assert_ok(check(F_STRING, 0, 0, 0, "+%CE%94%CE%AE%CE%BC%CE%BF%CF%82+"),
	    "Δήμος");
	assert_error(check(F_STRING, 0, 0, 0, "a%0Ab"), "μία γραμμή");
	assert_error(check(F_STRING, 0, 3, 10, "ab"), "τουλάχιστον 3");
	assert_error(check(F_STRING, 0, 0, 4, "%CE%B1%CE%B2%CE%B3%CE%B4%CE%B5"),
	    "έως 4");
	assert_ok(check(F_STRING, 0, 0, 4, "%CE%B1%CE%B2%CE%B3%CE%B4"), NULL);
	assert_ok(check(F_HIDDEN, 0, 0, 0, "/requests"), "/requests");
	assert_ok(check(F_TEXT, 0, 0, 0, "line1%0D%0Aline2"), "line1\r\nline2");
	{
		char *big = arena_alloc(&A, 5100);

		memset(big, 'a', 5050);
		big[5050] = '\0';
		assert_error(check(F_TEXT, 0, 0, 0, big), "έως 5000");
	}
	/* Required, optional, read-only. */
	assert_error(check(F_STRING, FF_REQUIRED, 0, 0, NULL), "Συμπληρώστε");
	assert_error(check(F_STRING, FF_REQUIRED, 0, 0, "+++"), "Συμπληρώστε");
	assert_ok(check(F_STRING, 0, 0, 0, NULL), "");
	assert_null(check(F_STRING, FF_READONLY | FF_REQUIRED, 0, 0,
	    "x").value);
	assert_error(check(F_CHOICE, FF_REQUIRED, 0, 0, ""), "Επιλέξτε");
	assert_error(check(F_SELECT, FF_REQUIRED, 0, 0, ""), "Επιλέξτε");
	assert_error(check(F_CHECKBOX, FF_REQUIRED, 0, 0, ""), "Επιβεβαιώστε");
	/* Numbers, dates. */
	assert_ok(check(F_NUMBER, 0, 0, 0, "-42"), "-42");
	assert_error(check(F_NUMBER, 0, 0, 0, "4x"), "ακέραιο");
	assert_error(check(F_NUMBER, 0, 1, 10, "11"), "από 1 έως 10");
	assert_ok(check(F_DATE, 0, 0, 0, "2026-02-28"), NULL);
	assert_error(check(F_DATE, 0, 0, 0, "2026-02-30"), "ημερομηνία");
	assert_ok(check(F_DATETIME, 0, 0, 0, "2026-03-25+10%3A30"), NULL);
	assert_error(check(F_DATETIME, 0, 0, 0, "2026-03-25+25%3A00"),
	    "ημερομηνία και ώρα");
	/* Choices. */
	assert_ok(check(F_CHOICE, 0, 0, 0, "b"), "b");
	assert_error(check(F_CHOICE, 0, 0, 0, "z"), "δεν είναι έγκυρη");
	assert_error(check(F_SELECT, 0, 0, 0, "z"), "δεν είναι έγκυρη");
	assert_ok(check(F_CHECKBOX, 0, 0, 0, "1"), "1");
	assert_error(check(F_CHECKBOX, 0, 0, 0, "yes"), "δεν είναι έγκυρη");
	/* Identifiers and contacts, normalised. */
	assert_ok(check(F_AFM, 0, 0, 0, "090.000.045"), "090000045");
	assert_ok(check(F_AFM, 0, 0, 0, "090+000-045"), "090000045");
	assert_error(check(F_AFM, 0, 0, 0, "090000046"), "ΑΦΜ");
	assert_error(check(F_AFM, 0, 0, 0, "09000004x"), "ΑΦΜ");
	assert_error(check(F_AFM, 0, 0, 0, "0900000450000000000"), "ΑΦΜ");
	assert_error(check(F_AMKA, 0, 0, 0, "1234"), "ΑΜΚΑ");
	assert_ok(check(F_PHONE, 0, 0, 0, "2322+050100"), "+302322050100");
	assert_error(check(F_PHONE, 0, 0, 0, "12345"), "ελληνικό τηλέφωνο");
	assert_ok(check(F_MOBILE, 0, 0, 0, "6912+345+678"), "+306912345678");
	assert_error(check(F_MOBILE, 0, 0, 0, "2322050100"), "κινητό");
	assert_ok(check(F_EMAIL, 0, 0, 0, "Maria%40Example.GR"),
	    "maria@example.gr");
	assert_error(check(F_EMAIL, 0, 0, 0, "maria"), "email");
	/* Passwords keep their spaces; a new one has the configured length. */
	assert_ok(check(F_PASSWORD, 0, 0, 0, "+secret+"), " secret ");
	{
		char *huge = arena_alloc(&A, 600);

		memset(huge, 'p', 599);
		huge[599] = '\0';
		assert_error(check(F_PASSWORD, 0, 0, 0, huge), "έως");
		assert_error(check(F_NEWPASSWORD, 0, 0, 0, huge), "έως 128");
	}
	assert_error(check(F_NEWPASSWORD, 0, 0, 0, "short"),
	    "τουλάχιστον 10");
	assert_ok(check(F_NEWPASSWORD, 0, 0, 0, "ένας+καλός+κωδικός"), NULL);
	/* Common ones (breached lists, sequences, keyboard rows) are not. */
	assert_error(check(F_NEWPASSWORD, 0, 0, 0, "password123"),
	    "συνηθισμένους");
	assert_error(check(F_NEWPASSWORD, 0, 0, 0, "1234567890"),
	    "συνηθισμένους");
	assert_error(check(F_NEWPASSWORD, 0, 0, 0, "qwertyuiop"),
	    "συνηθισμένους");
	assert_error(check(F_NEWPASSWORD, 0, 0, 0, "Password2026!"),
	    "συνηθισμένους");
	/* Files are checked as they stream: nothing here. */
	assert_null(check(F_FILE, FF_REQUIRED, 0, 0, NULL).error);
}

static void
test_address(void **state)
{
	struct dm_req req;
	struct ffield f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.name = "place";
	f.type = F_ADDRESS;
	f.label = "Τοποθεσία";
	req_init(&req, "el", "place=%CE%95%CF%81%CE%BC%CE%BF%CF%8D+5&"
	    "place_lat=40.9085&place_lon=+23.4764+");
	assert_int_equal(forms_check(&req, &f, 1), 0);
	assert_string_equal(f.value, "Ερμού 5");
	assert_string_equal(f.lat, "40.9085");
	assert_string_equal(f.lon, "23.4764");
	req_init(&req, "el", "place=x&place_lat=91&place_lon=23");
	assert_int_equal(forms_check(&req, &f, 1), 1);
	assert_non_null(strstr(f.error, "συντεταγμένες"));
	req_init(&req, "el", "place=x&place_lon=23");
	assert_int_equal(forms_check(&req, &f, 1), 1);
	req_init(&req, "el", "place=a%0Ab");
	assert_int_equal(forms_check(&req, &f, 1), 1);
	assert_non_null(strstr(f.error, "μία γραμμή"));
	/* Without coordinates it is only text. */
	req_init(&req, "el", "place=x");
	assert_int_equal(forms_check(&req, &f, 1), 0);
}

static void
test_multichoice(void **state)
{
	static const struct fchoice ch[] = { { "paper", "Χαρτί" },
	    { "glass", "Γυαλί" }, { "metal", "Μέταλλο" } };
	struct dm_req req;
	struct ffield f;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.name = "bins";
	f.type = F_MULTICHOICE;
	f.label = "Κάδοι";
	f.choices = ch;
	f.nchoices = NELEMS(ch);
	f.max = 2;
	req_init(&req, "el", "bins=glass&other=1&bins=paper");
	assert_int_equal(forms_check(&req, &f, 1), 0);
	assert_string_equal(f.value, "glass,paper");
	req_init(&req, "el", "bins=glass&bins=paper&bins=metal");
	assert_int_equal(forms_check(&req, &f, 1), 1);
	assert_non_null(strstr(f.error, "έως 2"));
	req_init(&req, "el", "bins=wood");
	assert_int_equal(forms_check(&req, &f, 1), 1);
	assert_non_null(strstr(f.error, "δεν είναι έγκυρη"));
	f.flags = FF_REQUIRED;
	req_init(&req, "el", "other=1");
	assert_int_equal(forms_check(&req, &f, 1), 1);
	assert_non_null(strstr(f.error, "Επιλέξτε"));
	/* Optional: left empty it is fine; used, it has its count. */
	f.flags = 0;
	f.min = 2;
	req_init(&req, "el", "other=1");
	assert_int_equal(forms_check(&req, &f, 1), 0);
	assert_string_equal(f.value, "");
	req_init(&req, "el", "bins=metal");
	assert_int_equal(forms_check(&req, &f, 1), 1);
	assert_non_null(strstr(f.error, "από 2 έως 2"));
}

static void
test_from_defs(void **state)
{
	static const char *const kinds[] = { "person", "business", NULL };
	static const struct fdef defs[] = {
		{ "email", F_EMAIL, "f.email", NULL, FF_REQUIRED, 0, 254,
		    "email", NULL },
		{ "kind", F_CHOICE, "f.kind", "f.email.hint", 0, 0, 0, NULL,
		    kinds },
	};
	struct dm_req req;
	struct ffield *f;

	(void)state;
	req_init(&req, "en", NULL);
	f = forms_from_defs(&req, defs, NELEMS(defs));
	assert_string_equal(f[0].name, "email");
	assert_int_equal(f[0].type, F_EMAIL);
	assert_int_equal(f[0].flags, FF_REQUIRED);
	assert_int_equal(f[0].max, 254);
	assert_string_equal(f[0].autocomplete, "email");
	assert_null(f[0].hint);
	assert_string_equal(f[0].label, i18n_str(I18N_EN, "f.email"));
	assert_int_equal(f[1].nchoices, 2);
	assert_string_equal(f[1].choices[1].value, "business");
	assert_string_equal(f[1].choices[1].label, i18n_str(I18N_EN,
	    "f.kind.business"));
	assert_string_equal(f[1].hint, i18n_str(I18N_EN, "f.email.hint"));
	assert_ptr_equal(forms_find(f, 2, "kind"), &f[1]);
	assert_null(forms_find(f, 2, "nope"));
	assert_string_equal(ftype_name(F_MULTICHOICE), "multichoice");
	assert_string_equal(ftype_name((enum ftype)99), "string");
	/* A handler's own check, in the page's language. */
	forms_error(&req, &f[0], "err.required");
	assert_non_null(strstr(f[0].error, i18n_str(I18N_EN, "f.email")));
}

static void
test_from_service(void **state)
{
	static const struct dm_choice few[] = { { "a", "Α", "A" },
	    { "b", "Β", "B" }, { NULL, NULL, NULL } };
	static const struct dm_choice many[] = { { "1", "1", "1" },
	    { "2", "2", "2" }, { "3", "3", "3" }, { "4", "4", "4" },
	    { "5", "5", "5" }, { "6", "6", "6" }, { "7", "7", "7" },
	    { "8", "8", "8" }, { "9", "9", "9" }, { NULL, NULL, NULL } };
	struct dm_field fields[5];
	struct dm_req req;
	struct ffield *f;
	size_t n;

	(void)state;
	memset(fields, 0, sizeof(fields));
	fields[0].name = "subject";
	fields[0].type = DM_FIELD_STRING;
	fields[0].label_el = "Θέμα";
	fields[0].label_en = "Subject";
	fields[0].hint_el = "Λίγες λέξεις";
	fields[0].hint_en = "A few words";
	fields[0].flags = DM_FIELD_REQUIRED;
	fields[0].max = 120;
	fields[1].name = "kind";
	fields[1].type = DM_FIELD_CHOICE;
	fields[1].label_el = "Είδος";
	fields[1].label_en = "Kind";
	fields[1].choices = few;
	fields[2].name = "month";
	fields[2].type = DM_FIELD_CHOICE;
	fields[2].label_el = "Μήνας";
	fields[2].label_en = "Month";
	fields[2].choices = many;
	fields[3].name = "where";
	fields[3].type = DM_FIELD_ADDRESS;
	fields[3].label_el = "Πού";
	fields[3].label_en = "Where";
	req_init(&req, "en", NULL);
	f = forms_from_service(&req, fields, &n);
	assert_int_equal(n, 4);
	assert_string_equal(f[0].label, "Subject");
	assert_string_equal(f[0].hint, "A few words");
	assert_int_equal(f[0].flags, FF_REQUIRED);
	assert_int_equal(f[0].max, 120);
	assert_int_equal(f[1].type, F_CHOICE);
	assert_string_equal(f[1].choices[1].label, "B");
	/* Long lists become a drop-down. */
	assert_int_equal(f[2].type, F_SELECT);
	assert_int_equal(f[2].nchoices, 9);
	assert_int_equal(f[3].type, F_ADDRESS);
	assert_null(f[3].hint);
	req_init(&req, "el", NULL);
	f = forms_from_service(&req, fields, &n);
	assert_string_equal(f[0].label, "Θέμα");
	/* No fields at all. */
	f = forms_from_service(&req, NULL, &n);
	assert_int_equal(n, 0);
	assert_non_null(f);
}

static const char *
attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = arena_strdup(&A, (const char *)v);
	xmlFree(v);
	return s;
}

static xmlNodePtr
child(xmlNodePtr n, const char *name, int nth)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0 && nth-- == 0)
			return c;
	return NULL;
}

static void
test_node(void **state)
{
	static const struct fchoice ch[] = { { "paper", "Χαρτί" },
	    { "pap", "Παπ" }, { "glass", "Γυαλί" } };
	struct ffield f[4];
	struct dm_req req;
	struct dm_node *c, *form;
	xmlNodePtr fn, ch0;

	(void)state;
	memset(f, 0, sizeof(f));
	f[0].name = "bins";
	f[0].type = F_MULTICHOICE;
	f[0].label = "Κάδοι";
	f[0].choices = ch;
	f[0].nchoices = NELEMS(ch);
	f[0].flags = FF_REQUIRED;
	f[0].min = 1;
	f[0].max = 2;
	f[1].name = "password";
	f[1].type = F_NEWPASSWORD;
	f[1].label = "Κωδικός";
	f[1].autocomplete = "new-password";
	f[2].name = "files";
	f[2].type = F_FILE;
	f[2].label = "Αρχεία";
	f[2].hint = "PDF";
	f[3].name = "place";
	f[3].type = F_ADDRESS;
	f[3].label = "Πού";
	f[3].flags = FF_READONLY;
	req_init(&req, "el", "bins=paper&bins=glass&password=ena+kalo+kodiko"
	    "&place=x&place_lat=91&place_lon=1");
	assert_int_equal(forms_check(&req, f, 4), 0);
	f[3].value = "Ερμού 5";
	f[3].lat = "40.9";
	f[3].lon = "23.4";
	forms_error(&req, &f[1], "err.password_mismatch");
	c = render_begin(&req, "test", "Τίτλος");
	form = forms_node(&req, c, "f1", "/services/x/new", "continue", f, 4);
	forms_button(&req, form, "save", "save", 1);
	assert_string_equal(attr((xmlNodePtr)form, "action"),
	    "/services/x/new");
	assert_string_equal(attr((xmlNodePtr)form, "csrf"), "visitor-token");
	assert_string_equal(attr((xmlNodePtr)form, "errors"), "1");
	assert_string_equal(attr((xmlNodePtr)form, "enctype"),
	    "multipart/form-data");
	assert_string_equal(attr((xmlNodePtr)form, "submit"),
	    i18n_str(I18N_EL, "continue"));
	fn = child((xmlNodePtr)form, "field", 0);
	assert_string_equal(attr(fn, "type"), "multichoice");
	assert_string_equal(attr(fn, "required"), "1");
	assert_string_equal(attr(fn, "min"), "1");
	assert_string_equal(attr(fn, "max"), "2");
	/* "paper" and "glass" chosen; "pap" is a prefix, not a choice. */
	ch0 = child(fn, "choice", 0);
	assert_string_equal(attr(ch0, "selected"), "1");
	assert_null(attr(child(fn, "choice", 1), "selected"));
	assert_string_equal(attr(child(fn, "choice", 2), "selected"), "1");
	/* A password is never echoed back; its error is. */
	fn = child((xmlNodePtr)form, "field", 1);
	assert_null(attr(fn, "value"));
	assert_non_null(attr(fn, "error"));
	assert_string_equal(attr(fn, "autocomplete"), "new-password");
	fn = child((xmlNodePtr)form, "field", 2);
	assert_string_equal(attr(fn, "hint"), "PDF");
	fn = child((xmlNodePtr)form, "field", 3);
	assert_string_equal(attr(fn, "readonly"), "1");
	assert_string_equal(attr(fn, "value"), "Ερμού 5");
	assert_string_equal(attr(fn, "lat"), "40.9");
	fn = child((xmlNodePtr)form, "button", 0);
	assert_string_equal(attr(fn, "value"), "save");
	assert_string_equal(attr(fn, "secondary"), "1");
	render_discard(&req);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_multichoice),
		cmocka_unit_test(test_from_defs),
		cmocka_unit_test(test_from_service),
		cmocka_unit_test(test_node),
	};
	int r;

	arena_init(&A);
	memset(&cfg, 0, sizeof(cfg));
	cfg.password_min = 10;
	if (i18n_load(DIMOS_SOURCE_DIR "/xslt/i18n", NULL) != DM_OK)
		return 1;
	r = cmocka_run_group_tests(tests, NULL, NULL);
	i18n_free();
	arena_free(&A);
	return r;
}
