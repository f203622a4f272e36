/*
 * test_hooks.c - the male registry's hooks with a business applicant, as
 * the core calls them, on the fake host the core ships: the register
 * holds persons, so a business (even a verified legal entity) is never
 * issued the certificate from data, a clerk's issue is refused with the
 * reason, and the panel says why instead of searching. No database: none
 * of this reads the register.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "dimos/host.h"
#include "dimos/plugin.h"
#include "dimos/testhost.h"

static const struct dm_host	*host;
static const struct dm_plugin	*pl;

static const struct dm_user business = { .id = 7, .kind = 'b',
	.level = 'B', .company_name = "ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε.",
	.afm = "998000125" };

static const struct dm_service *
service(const char *code)
{
	return dm_test_service(pl, code);
}

static void
certificate_refused(void **state)
{
	struct dm_req *req = dm_test_req();
	const struct dm_request *r = dm_test_request(req, 1, "mr-registration",
	    &business);
	struct dm_certificate c;

	(void)state;
	memset(&c, 0, sizeof(c));
	/* from data: not this one, for a clerk (no reason to give) */
	assert_int_equal(pl->certificate(req, service("mr-registration"), r,
	    1, NULL, &c), DM_ENOTFOUND);
	assert_null(dm_test_refusal(req));
	/* a clerk picked an entry: refused, and the clerk is told why */
	assert_int_equal(pl->certificate(req, service("mr-registration"), r,
	    0, "e:1", &c), DM_EDENIED);
	assert_null(c.title);
	assert_non_null(dm_test_refusal(req));
	assert_non_null(strstr(dm_test_refusal(req), "νομικό πρόσωπο"));
}

static void
panel_says_why(void **state)
{
	struct dm_req *req = dm_test_req();
	struct dm_node *root = dm_test_panel(req);
	const struct dm_test_node *p, *n;

	(void)state;
	assert_int_equal(pl->staff_panel(req, service("mr-registration"),
	    dm_test_request(req, 1, "mr-registration", &business), root),
	    DM_OK);
	p = dm_test_node(root);
	assert_int_equal(dm_test_children(p, "note"), 1);
	n = dm_test_child(p, "note", 0);
	assert_non_null(strstr(n->text, "επιχείρηση"));
	assert_int_equal(dm_test_children(p, "record"), 0);
}

static int
setup(void **state)
{
	(void)state;
	host = dm_test_host();
	pl = dimos_plugin_v2();
	return pl->init(host, dm_test_ctx("male_registry")) == DM_OK ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(certificate_refused),
		cmocka_unit_test(panel_says_why),
	};

	return cmocka_run_group_tests(tests, setup, dm_test_teardown);
}
