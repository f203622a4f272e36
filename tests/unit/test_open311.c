/*
 * test_open311.c - the Open311 API's parts that need no database: reading
 * a POST's arguments (attribute[code], repeated with or without "[]",
 * refused keys), endpoint names and formats, the rule of what is public
 * about a report, and the metrics' Prometheus text.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "arena.h"
#include "http.h"
#include "metrics.h"
#include "open311.h"
#include "plugins.h"
#include "public_reports.h"
#include "req.h"

static struct arena a;

static int
read_post(const char *body, struct o311_post *p, const char **err)
{
	struct kvlist l;

	memset(&l, 0, sizeof(l));
	assert_int_equal(http_parse_urlencoded(&a, body, strlen(body), 256,
	    &l), 0);
	return o311_read_post(&a, &l, p, err);
}

static void
test_post(void **state)
{
	struct o311_post p;
	const struct o311_attr *at;
	const char *err;

	(void)state;
	assert_int_equal(read_post("api_key=k&service_code=technical-sign&"
	    "lat=40.9&long=23.5&email=a%40b.gr&description=%CE%A6%CF%89%CF%82&"
	    "attribute%5Bsign%5D=traffic&attribute%5Bkinds%5D%5B%5D=a&"
	    "attribute%5Bkinds%5D=b&attribute%5Bkinds%5D%5B%5D=c&other=1",
	    &p, &err), 0);
	assert_string_equal(p.api_key, "k");
	assert_string_equal(p.service_code, "technical-sign");
	assert_string_equal(p.lat, "40.9");
	assert_string_equal(p.lon, "23.5");
	assert_string_equal(p.email, "a@b.gr");
	assert_string_equal(p.description, "Φως");
	assert_int_equal(p.nattrs, 2);
	at = o311_attr(&p, "kinds");
	assert_non_null(at);
	assert_int_equal(at->n, 3);
	assert_string_equal(at->values[0], "a");
	assert_string_equal(at->values[1], "b");
	assert_string_equal(at->values[2], "c");
	assert_null(o311_attr(&p, "nothing"));

	for (const char *const *bad = (const char *const[]){
	    "attribute%5B%5D=1", "attribute%5BX%5D=1", "attribute%5Ba=1",
	    "attribute%5Ba%5Db=1", "attribute%5B1a%5D=1",
	    "service_code=a&service_code=b", "service_code=%CE%B1",
	    "service_code=a%20b", NULL }; *bad; bad++) {
		err = NULL;
		assert_int_equal(read_post(*bad, &p, &err), -1);
		assert_non_null(err);
	}
}

static void
test_endpoint(void **state)
{
	enum o311_fmt f;

	(void)state;
	assert_string_equal(o311_endpoint(&a, "requests.json", &f),
	    "requests");
	assert_int_equal(f, O311_JSON);
	assert_string_equal(o311_endpoint(&a, "requests.xml", &f),
	    "requests");
	assert_int_equal(f, O311_XML);
	assert_string_equal(o311_endpoint(&a, "discovery", &f), "discovery");
	assert_int_equal(f, O311_XML);
	assert_string_equal(o311_endpoint(&a, "a.b.json", &f), "a.b");
	assert_null(o311_endpoint(&a, "requests.html", &f));
	assert_null(o311_endpoint(&a, ".json", &f));
	assert_true(o311_code_ok("technical-sign"));
	assert_true(o311_code_ok("006"));
	assert_false(o311_code_ok(""));
	assert_false(o311_code_ok("τεχνικό"));
	assert_false(o311_code_ok("a/b"));
}

static void
test_public_rule(void **state)
{
	struct dm_service svc = { .code = "x", .flags = DM_SERVICE_LOCATION |
	    DM_SERVICE_REPORT, .result = DM_RESULT_ANSWER };
	struct service sv = { &svc, &svc, NULL, 0 };

	(void)state;
	/* The one rule Open311's GET shares with the public map: a report
	 * about a place, not confidential, no certificate. */
	assert_int_equal(public_report_service(&sv), 1);
	svc.flags = DM_SERVICE_LOCATION;	/* a place, but no report */
	assert_int_equal(public_report_service(&sv), 0);
	svc.flags = DM_SERVICE_LOCATION | DM_SERVICE_REPORT |
	    DM_SERVICE_CONFIDENTIAL;
	assert_int_equal(public_report_service(&sv), 0);
	svc.flags = DM_SERVICE_LOCATION | DM_SERVICE_REPORT;
	svc.result = DM_RESULT_CERTIFICATE;
	assert_int_equal(public_report_service(&sv), 0);
	assert_int_equal(public_report_service(NULL), 0);
}

static void
test_metrics(void **state)
{
	const char *t;

	(void)state;
	/* Before metrics_init (dimosctl, tests): nothing counted, no
	 * crash. */
	metrics_request("/x", 200, 1.0);
	t = metrics_text(&a, -1, -1);
	assert_null(strstr(t, "dimos_http_requests_total{"));
	assert_int_equal(metrics_init(), 0);
	metrics_request("/services/:code", 200, 3.0);
	metrics_request("/services/:code", 200, 30.0);
	metrics_request("/services/:code", 404, 3.0);
	metrics_request(NULL, 404, 20000.0);
	metrics_request("/a\"b\\c", 500, 1.0);
	metrics_submission("phone");
	metrics_submission("fax");
	metrics_add(M_WORKER_CRASHES, 2);
	t = metrics_text(&a, 7, 42);
	assert_non_null(strstr(t, "dimos_http_requests_total{route=\""
	    "/services/:code\",status=\"200\"} 2\n"));
	assert_non_null(strstr(t, "dimos_http_requests_total{route=\""
	    "/services/:code\",status=\"404\"} 1\n"));
	assert_non_null(strstr(t, "dimos_http_requests_total{route=\"\","
	    "status=\"404\"} 1\n"));
	assert_non_null(strstr(t, "route=\"/a\\\"b\\\\c\",status=\"500\"} 1\n"));
	assert_non_null(strstr(t, "dimos_http_request_duration_seconds_bucket"
	    "{le=\"0.005\"} 3\n"));
	assert_non_null(strstr(t, "dimos_http_request_duration_seconds_bucket"
	    "{le=\"0.05\"} 4\n"));
	assert_non_null(strstr(t, "dimos_http_request_duration_seconds_bucket"
	    "{le=\"10\"} 4\n"));
	assert_non_null(strstr(t, "dimos_http_request_duration_seconds_bucket"
	    "{le=\"+Inf\"} 5\n"));
	assert_non_null(strstr(t, "dimos_http_request_duration_seconds_count "
	    "5\n"));
	assert_non_null(strstr(t, "dimos_submissions_total{channel=\"phone\"} "
	    "1\n"));
	assert_non_null(strstr(t, "dimos_submissions_total{channel=\"web\"} "
	    "0\n"));
	assert_non_null(strstr(t, "dimos_worker_restarts_total{reason="
	    "\"crash\"} 2\n"));
	assert_non_null(strstr(t, "dimos_outbox_backlog 7\n"));
	assert_non_null(strstr(t, "dimos_outbox_oldest_age_seconds 42\n"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_post),
		cmocka_unit_test(test_endpoint),
		cmocka_unit_test(test_public_rule),
		cmocka_unit_test(test_metrics),
	};
	int rc;

	arena_init(&a);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&a);
	return rc;
}
