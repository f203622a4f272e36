/*
 * test_forms.c - forms as data: each field type takes its value from the
 * posted form, normalized (trimmed; AFM digits only; phones as +30...;
 * e-mail in lower case; chosen values joined), and a bad one gets one
 * message in the reader's language naming the field; read-only fields are
 * never taken from the request; a second password must repeat the first;
 * a plugin's declaration becomes fields with labels in the reader's
 * language; a value no longer among a plugin's own choices is told apart.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "config.h"
#include "forms.h"
#include "i18n.h"
#include "req.h"
#include "validate.h"

static struct arena A;
static struct config cfg;
static struct dm_req req;

static int
setup(void **state)
{
	(void)state;
	if (i18n_load(DIMOS_SOURCE_DIR "/xslt/i18n", NULL) != DM_OK)
		return -1;
	arena_init(&A);
	cfg.password_min = 10;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&A);
	i18n_free();
	return 0;
}

/* A fresh request posting the name/value pairs (NULL-terminated). */
static struct dm_req *
post(const char *lang, ...)
{
	va_list ap;
	const char *k, *v;

	arena_reset(&A);
	memset(&req, 0, sizeof(req));
	req.arena = &A;
	req.cfg = &cfg;
	req.lang = lang;
	req.method = HTTP_POST;
	va_start(ap, lang);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		kv_add(&A, &req.form, k, v, strlen(v));
	}
	va_end(ap);
	return &req;
}

static const struct fdef defs[] = {
	{ "name", F_STRING, "f.first_name", NULL, FF_REQUIRED, 2, 10, NULL,
	    NULL },
	{ "afm", F_AFM, "f.afm", NULL, 0, 0, 0, NULL, NULL },
	{ "mobile", F_MOBILE, "f.mobile", NULL, 0, 0, 0, NULL, NULL },
	{ "phone", F_PHONE, "f.phone", NULL, 0, 0, 0, NULL, NULL },
	{ "email", F_EMAIL, "f.email", NULL, 0, 0, 254, NULL, NULL },
	{ "n", F_NUMBER, "f.birth_year", NULL, 0, 1900, 2100, NULL, NULL },
	{ "day", F_DATE, "f.birth_year", NULL, 0, 0, 0, NULL, NULL },
	{ "kind", F_CHOICE, "f.kind", NULL, FF_REQUIRED, 0, 0, NULL,
	    (const char *const[]){ "person", "business", NULL } },
	{ "terms", F_CHECKBOX, "f.terms", NULL, FF_REQUIRED, 0, 0, NULL,
	    NULL },
	{ "pw", F_NEWPASSWORD, "f.new_password", NULL, FF_REQUIRED, 0, 0, NULL,
	    NULL },
	{ "pw2", F_PASSWORD, "f.new_password2", NULL, FF_REQUIRED, 0, 0, NULL,
	    NULL },
};
#define NDEFS	(sizeof(defs) / sizeof(defs[0]))

static struct ffield *
fields(struct dm_req *r)
{
	return forms_from_defs(r, defs, NDEFS);
}

static void
test_good_values_normalized(void **state)
{
	struct dm_req *r = post("el", "name", "  Μαρία \t", "afm",
	    "090 000.045", "mobile", "697-123 4567", "phone",
	    "0030 2321012345", "email", "Maria.Ioannidou@Example.GR", "n",
	    "1975", "day", "2026-02-28", "kind", "business", "terms", "1",
	    "pw", " δέκα-γράμματα ", "pw2", " δέκα-γράμματα ", NULL);
	struct ffield *f = fields(r);

	(void)state;
	assert_int_equal(forms_check(r, f, NDEFS), 0);
	assert_string_equal(forms_value(f, NDEFS, "name"), "Μαρία");
	assert_string_equal(forms_value(f, NDEFS, "afm"), "090000045");
	assert_string_equal(forms_value(f, NDEFS, "mobile"), "+306971234567");
	assert_string_equal(forms_value(f, NDEFS, "phone"), "+302321012345");
	assert_string_equal(forms_value(f, NDEFS, "email"),
	    "maria.ioannidou@example.gr");
	/* Passwords are never trimmed. */
	assert_string_equal(forms_value(f, NDEFS, "pw"), " δέκα-γράμματα ");
	assert_int_equal(forms_repeat(r, f, NDEFS, "pw", "pw2"), 0);
	for (size_t i = 0; i < NDEFS; i++)
		assert_null(f[i].error);
}

/* The message of key for field f, as the form shows it. */
static const char *
message(const struct ffield *f, const char *key)
{
	char *min = arena_printf(&A, "%lld", f->min);
	char *max = arena_printf(&A, "%lld", f->max);
	char *n = arena_printf(&A, "%zu", f->value ? val_utf8_chars(f->value,
	    strlen(f->value)) : (size_t)0);

	return i18n_format(&A, I18N_EL, key, (const char *const[]){ "label",
	    f->label, "min", min, "max", max, "n", n, NULL });
}

/* One message per bad field, in Greek, saying what is wrong with it. */
static void
test_bad_values(void **state)
{
	static const char *const keys[NDEFS] = { "err.too_short", "err.afm",
	    "err.mobile", "err.phone", "err.email", "err.number_range",
	    "err.date", "err.choice", "err.choice", "err.password_short",
	    NULL };
	struct dm_req *r = post("el", "name", "Μ", "afm", "090000046",
	    "mobile", "2321012345", "phone", "12345", "email", "maria@",
	    "n", "1800", "day", "2026-02-30", "kind", "other", "terms", "yes",
	    "pw", "μικρός", "pw2", "μικρός", NULL);
	struct ffield *f = fields(r);

	(void)state;
	assert_int_equal(forms_check(r, f, NDEFS), 10);
	for (size_t i = 0; i < NDEFS - 1; i++)
		assert_string_equal(f[i].error, message(&f[i], keys[i]));
	/* The minimum of a new password is the configuration's. */
	assert_int_equal(forms_find(f, NDEFS, "pw")->min, 10);
	assert_non_null(strstr(forms_find(f, NDEFS, "pw")->error, "10"));
	assert_null(forms_find(f, NDEFS, "pw2")->error);
	/* The input is kept for the form shown again. */
	assert_string_equal(forms_find(f, NDEFS, "email")->value, "maria@");
	assert_string_equal(forms_find(f, NDEFS, "afm")->value, "090000046");
}

/* Missing required values: "choose" for a choice, "confirm" for a box,
 * for text with a minimum length that length (what to write, not "fill
 * in"), "required" only for text with nothing more to say. */
static void
test_missing(void **state)
{
	struct dm_req *r = post("el", "name", "   ", NULL);
	struct ffield *f = fields(r);
	struct ffield *name, *kind, *terms;

	(void)state;
	assert_int_equal(forms_check(r, f, NDEFS), 5);
	name = forms_find(f, NDEFS, "name");
	kind = forms_find(f, NDEFS, "kind");
	terms = forms_find(f, NDEFS, "terms");
	assert_true(name->min > 1);
	assert_string_equal(name->error, i18n_format(&A, I18N_EL,
	    "err.required_min", (const char *const[]){ "label", name->label,
	    "min", arena_printf(&A, "%lld", name->min), NULL }));
	assert_non_null(strstr(name->error, "τουλάχιστον"));
	assert_string_equal(kind->error, i18n_format(&A, I18N_EL,
	    "err.choose", (const char *const[]){ "label", kind->label,
	    NULL }));
	assert_string_equal(terms->error, i18n_format(&A, I18N_EL,
	    "err.confirm", (const char *const[]){ "label", terms->label,
	    NULL }));
	/* Optional empty fields are fine, and stay empty. */
	assert_null(forms_find(f, NDEFS, "afm")->error);
	assert_null(forms_value(f, NDEFS, "afm"));
}

/* In English, the labels and messages are English. */
static void
test_english(void **state)
{
	struct dm_req *r = post("en", NULL);
	struct ffield *f = fields(r);
	struct ffield *name = forms_find(f, NDEFS, "name");

	(void)state;
	assert_string_equal(name->label, i18n_str(I18N_EN, "f.first_name"));
	assert_string_not_equal(name->label, i18n_str(I18N_EL,
	    "f.first_name"));
	forms_check(r, f, NDEFS);
	assert_string_equal(name->error, i18n_format(&A, I18N_EN,
	    "err.required_min", (const char *const[]){ "label", name->label,
	    "min", arena_printf(&A, "%lld", name->min), NULL }));
}

static void
test_one_line_and_repeat(void **state)
{
	struct dm_req *r = post("el", "name", "Μαρία\nΙωαννίδου", "pw",
	    "δέκα-γράμματα", "pw2", "άλλα-δέκα-γράμματα", NULL);
	struct ffield *f = fields(r);

	(void)state;
	forms_check(r, f, NDEFS);
	assert_non_null(forms_find(f, NDEFS, "name")->error);
	assert_null(forms_find(f, NDEFS, "pw2")->error);
	assert_int_equal(forms_repeat(r, f, NDEFS, "pw", "pw2"), 1);
	assert_non_null(forms_find(f, NDEFS, "pw2")->error);
	/* An error already on either field: no second one. */
	assert_int_equal(forms_repeat(r, f, NDEFS, "pw", "pw2"), 0);
}

/* A plugin's declaration: labels and choices in the reader's language,
 * several choices joined, a read-only field never taken from the post. */
static void
test_from_service(void **state)
{
	static const struct dm_choice days[] = {
		{ "mon", "Δευτέρα", "Monday" },
		{ "tue", "Τρίτη", "Tuesday" },
		{ "wed", "Τετάρτη", "Wednesday" },
		{ NULL, NULL, NULL },
	};
	static const struct dm_field decl[] = {
		{ .name = "days", .type = DM_FIELD_MULTICHOICE, .label_el =
		    "Ημέρες", .label_en = "Days", .flags = DM_FIELD_REQUIRED,
		    .max = 2, .choices = days },
		{ .name = "place", .type = DM_FIELD_ADDRESS, .label_el =
		    "Τοποθεσία", .label_en = "Place" },
		{ .name = NULL },
	};
	struct dm_req *r = post("en", "days", "mon", "days", "wed", "place",
	    " Οδός Σερρών 12 ", "place_lat", "40.9", "place_lon", "23.5",
	    NULL);
	size_t n;
	struct ffield *f = forms_from_service(r, decl, &n);

	(void)state;
	assert_int_equal(n, 2);
	assert_string_equal(f[0].label, "Days");
	assert_string_equal(f[0].choices[2].label, "Wednesday");
	assert_int_equal(forms_check(r, f, n), 0);
	assert_string_equal(f[0].value, "mon,wed");
	assert_string_equal(f[1].value, "Οδός Σερρών 12");
	assert_string_equal(f[1].lat, "40.9");
	/* Three of at most two; a value that is no choice. */
	r = post("el", "days", "mon", "days", "tue", "days", "wed", NULL);
	f = forms_from_service(r, decl, &n);
	assert_int_equal(forms_check(r, f, n), 1);
	assert_non_null(f[0].error);
	r = post("el", "days", "sun", "place", "x", "place_lat", "91",
	    "place_lon", "23", NULL);
	f = forms_from_service(r, decl, &n);
	assert_int_equal(forms_check(r, f, n), 2);
	/* Read-only: shown with its value, never replaced by the post. */
	r = post("el", "name", "Άλλο", NULL);
	f = fields(r);
	f[0].flags |= FF_READONLY;
	f[0].value = "Μαρία";
	forms_check(r, f, NDEFS);
	assert_string_equal(f[0].value, "Μαρία");
	assert_null(f[0].error);
}

/* The days a choices hook offers, as pages_fields puts them on f[0]: a
 * list of dates. */
static void
offer(struct ffield *f)
{
	static const struct fchoice offered[] = {
		{ "2026-12-08", "Τρίτη 08/12/2026 — 4 θέσεις" },
		{ "2026-12-09", "Τετάρτη 09/12/2026 — 1 θέση" },
	};

	f[0].type = F_SELECT;
	f[0].choices = offered;
	f[0].nchoices = 2;
}

/*
 * A field whose choices are the plugin's own (a DATE of the days with
 * room): marked so, and a value not offered is an error forms_unoffered
 * counts (the plugin's validate may say why instead); a declared choice
 * that is wrong is not.
 */
static void
test_own_choices(void **state)
{
	static const struct dm_choice kinds[] = {
		{ "a", "Α", "A" },
		{ NULL, NULL, NULL },
	};
	static const struct dm_field decl[] = {
		{ .name = "date", .type = DM_FIELD_DATE, .label_el = "Ημέρα",
		    .label_en = "Day", .flags = DM_FIELD_REQUIRED |
		    DM_FIELD_OWN_CHOICES },
		{ .name = "kind", .type = DM_FIELD_CHOICE, .label_el = "Είδος",
		    .label_en = "Kind", .choices = kinds },
		{ .name = NULL },
	};
	struct dm_req *r = post("el", "date", "2026-12-09", "kind", "a", NULL);
	size_t n;
	struct ffield *f = forms_from_service(r, decl, &n);

	(void)state;
	assert_true(f[0].flags & FF_OWN_CHOICES);
	assert_false(f[1].flags & FF_OWN_CHOICES);
	/* As pages_fields offers them: a list of the dates. */
	offer(f);
	assert_int_equal(forms_check(r, f, n), 0);
	assert_int_equal(forms_unoffered(f, n), 0);
	/* A day fully booked since (no longer offered), and a wrong kind. */
	r = post("el", "date", "2026-12-10", "kind", "b", NULL);
	f = forms_from_service(r, decl, &n);
	offer(f);
	assert_int_equal(forms_check(r, f, n), 2);
	assert_int_equal(forms_unoffered(f, n), 1);
	assert_true(f[0].unoffered);
	assert_false(f[1].unoffered);
	/* Nothing chosen is "required", not "not offered". */
	r = post("el", "kind", "a", NULL);
	f = forms_from_service(r, decl, &n);
	offer(f);
	assert_int_equal(forms_check(r, f, n), 1);
	assert_int_equal(forms_unoffered(f, n), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_values_normalized),
		cmocka_unit_test(test_bad_values),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_one_line_and_repeat),
		cmocka_unit_test(test_from_service),
		cmocka_unit_test(test_own_choices),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
