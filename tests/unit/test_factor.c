/*
 * test_factor.c - TOTP values and which time steps count (factor.c):
 * RFC 6238's test vectors (Appendix B, HMAC-SHA1), the window either side
 * of now, a step never accepted twice, and the secret in base32.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "config.h"
#include "factor.h"
#include "session.h"

/* RFC 6238's SHA-1 seed: the ASCII of "12345678901234567890". */
static const unsigned char seed[] = "12345678901234567890";

static void
test_rfc6238_vectors(void **state)
{
	static const struct { long long t; const char *totp; } v[] = {
		{ 59, "94287082" },
		{ 1111111109, "07081804" },
		{ 1111111111, "14050471" },
		{ 1234567890, "89005924" },
		{ 2000000000, "69279037" },
		{ 20000000000LL, "65353130" },
	};
	char out[9];

	(void)state;
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(factor_totp(seed, 20, v[i].t, 8, out), DM_OK);
		assert_string_equal(out, v[i].totp);
		/* The six digits an app shows are the last six. */
		assert_int_equal(factor_totp(seed, 20, v[i].t, 6, out), DM_OK);
		assert_string_equal(out, v[i].totp + 2);
	}
}

static void
test_window_and_replay(void **state)
{
	const long long now = 1111111111, step = now / FACTOR_STEP;
	char prev[7], cur[7], next[7], far[7];

	(void)state;
	assert_int_equal(factor_totp(seed, 20, (step - 1) * FACTOR_STEP, 6,
	    prev), DM_OK);
	assert_int_equal(factor_totp(seed, 20, step * FACTOR_STEP, 6, cur),
	    DM_OK);
	assert_int_equal(factor_totp(seed, 20, (step + 1) * FACTOR_STEP, 6,
	    next), DM_OK);
	assert_int_equal(factor_totp(seed, 20, (step + 2) * FACTOR_STEP, 6,
	    far), DM_OK);
	assert_int_equal(factor_match(seed, 20, now, cur, 0), step);
	assert_int_equal(factor_match(seed, 20, now, prev, 0), step - 1);
	assert_int_equal(factor_match(seed, 20, now, next, 0), step + 1);
	/* Two steps away: a clock that far off, or an old code. */
	assert_int_equal(factor_match(seed, 20, now, far, 0), -1);
	/* Once a step is used, it and the ones before it are spent. */
	assert_int_equal(factor_match(seed, 20, now, cur, step), -1);
	assert_int_equal(factor_match(seed, 20, now, prev, step), -1);
	assert_int_equal(factor_match(seed, 20, now, next, step), step + 1);
	/* Not a code at all. */
	assert_int_equal(factor_match(seed, 20, now, "12345", 0), -1);
	assert_int_equal(factor_match(seed, 20, now, "1234567", 0), -1);
	assert_int_equal(factor_match(seed, 20, now, "12a456", 0), -1);
	assert_int_equal(factor_match(seed, 20, now, NULL, 0), -1);
	/* Another secret's code is refused. */
	assert_int_equal(factor_match((const unsigned char *)
	    "dimos-demo-totp-2026", 20, now, cur, 0) == step, 0);
}

static void
test_base32(void **state)
{
	char out[FACTOR_B32_LEN + 1];

	(void)state;
	factor_base32(seed, 20, out);
	assert_string_equal(out, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	factor_base32((const unsigned char *)"dimos-demo-totp-2026", 20, out);
	assert_string_equal(out, "MRUW233TFVSGK3LPFV2G65DQFUZDAMRW");
}

static void
test_rule(void **state)
{
	struct config cfg;

	(void)state;
	memset(&cfg, 0, sizeof(cfg));
	assert_int_equal(session_factor_rule(&cfg, 0, 0, 0), 0);	/* citizen */
	assert_int_equal(session_factor_rule(&cfg, 0, 1, 0), 1);	/* head */
	assert_int_equal(session_factor_rule(&cfg, 0, 0, 1), 0);	/* clerk */
	assert_int_equal(session_factor_rule(&cfg, 1, 0, 1), 1);	/* enrolled */
	assert_int_equal(session_factor_rule(&cfg, 1, 0, 0), 1);
	cfg.totp_clerks = 1;
	assert_int_equal(session_factor_rule(&cfg, 0, 0, 1), 1);
	assert_int_equal(session_factor_rule(&cfg, 0, 0, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc6238_vectors),
		cmocka_unit_test(test_window_and_replay),
		cmocka_unit_test(test_base32),
		cmocka_unit_test(test_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
