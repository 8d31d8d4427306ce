/*
 * test_serial.c: RFC 1982 serial arithmetic and the serial policy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "sipzone/serial.h"

static void test_rfc1982_comparison(void **state)
{
	(void)state;
	assert_true(sz_serial_gt(2, 1));
	assert_false(sz_serial_gt(1, 2));
	assert_false(sz_serial_gt(5, 5));
	/* across the wrap: 0 follows 2^32 - 1 */
	assert_true(sz_serial_gt(0, 0xffffffffu));
	assert_false(sz_serial_gt(0xffffffffu, 0));
	/* less than 2^31 apart: the plain order */
	assert_true(sz_serial_gt(0x7fffffffu, 0));
	/* exactly 2^31 apart: undefined, so neither is greater */
	assert_false(sz_serial_gt(0x80000000u, 0));
	assert_false(sz_serial_gt(0, 0x80000000u));
	/* more than 2^31 apart: the smaller number is ahead */
	assert_true(sz_serial_gt(2026112600u, 4294967295u));
}

static void test_next_date(void **state)
{
	(void)state;
	sz_serial_policy p = { .format = SZ_SERIAL_DATE, .now = 1795564800 }; /* 2026-11-25 */
	assert_int_equal(sz_serial_next(&p, false, 0), 2026112500u);
	assert_int_equal(sz_serial_next(&p, true, 2026112400u), 2026112500u);
	assert_int_equal(sz_serial_next(&p, true, 2026112500u), 2026112501u);
	assert_int_equal(sz_serial_next(&p, true, 2026112599u), 2026112600u); /* never backwards */
	assert_int_equal(sz_serial_next(&p, true, 2099010100u), 2099010101u);
	p.forced = true;
	p.value = 7;
	assert_int_equal(sz_serial_next(&p, true, 2026112500u), 7u);
}

static void test_next_counter_and_unixtime(void **state)
{
	(void)state;
	sz_serial_policy c = { .format = SZ_SERIAL_COUNTER, .now = 1795564800 };
	assert_int_equal(sz_serial_next(&c, false, 0), 1u);
	assert_int_equal(sz_serial_next(&c, true, 41u), 42u);
	assert_int_equal(sz_serial_next(&c, true, 0xffffffffu), 0u);
	sz_serial_policy u = { .format = SZ_SERIAL_UNIXTIME, .now = 1795564800 };
	assert_int_equal(sz_serial_next(&u, false, 0), 1795564800u);
	assert_int_equal(sz_serial_next(&u, true, 1795564800u), 1795564801u);
	assert_int_equal(sz_serial_next(&u, true, 100u), 1795564800u);
}

static void test_formats_and_parsing(void **state)
{
	(void)state;
	sz_serial_format f;
	assert_true(sz_serial_format_parse("unixtime", &f));
	assert_int_equal(f, SZ_SERIAL_UNIXTIME);
	assert_false(sz_serial_format_parse("weekly", &f));
	uint32_t s = 0;
	const char *zone = "; sipzone: zone a.com, generated from the model; edit the model, not this file\n"
			   "$ORIGIN a.com.\n"
			   "a.com.   300 IN SOA  ns1.a.com. hostmaster.a.com. 2026112503 7200 3600 1209600 3600\n"
			   "a.com.   300 IN NS   ns1.a.com.\n";
	assert_true(sz_serial_from_text(zone, strlen(zone), &s));
	assert_int_equal(s, 2026112503u);
	const char *snippet = "$ORIGIN a.com.\nsip.a.com. 300 IN A 192.0.2.1\n";
	assert_false(sz_serial_from_text(snippet, strlen(snippet), &s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rfc1982_comparison),
		cmocka_unit_test(test_next_date),
		cmocka_unit_test(test_next_counter_and_unixtime),
		cmocka_unit_test(test_formats_and_parsing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
