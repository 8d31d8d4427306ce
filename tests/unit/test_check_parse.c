/*
 * test_check_parse.c: the field-by-field path of szi_parse_rr() gives the
 * same record as ldns_rr_new_frm_str(), the reference, or steps aside.
 * Every case is parsed both ways and compared: status, presentation form,
 * TTL, class. Cases the fast path must take are checked to take it, so a
 * change that silently sends everything to ldns does not pass either.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "zonefile/record_parse.h"

typedef struct pcase {
	const char *text;
	bool fast;         /* the fast path must handle it */
} pcase;

static void same_as_ldns(const char *text, uint32_t default_ttl, bool want_fast)
{
	ldns_rdf *origin = ldns_dname_new_frm_str("Contoso.com.");
	assert_non_null(origin);
	ldns_rr *ref = NULL, *got = NULL;
	ldns_status s_ref = ldns_rr_new_frm_str(&ref, text, default_ttl, origin, NULL);
	bool fast_used = false;
	ldns_status s_got = szi_parse_rr(&got, text, default_ttl, origin, true, &fast_used);
	if (s_ref != s_got)
		fail_msg("'%s': ldns says %s, szi_parse_rr %s", text,
			 ldns_get_errorstr_by_id(s_ref), ldns_get_errorstr_by_id(s_got));
	if (want_fast != fast_used)
		fail_msg("'%s': fast path %s", text, fast_used ? "taken" : "not taken");
	if (s_ref == LDNS_STATUS_OK) {
		char *a = ldns_rr2str(ref), *b = ldns_rr2str(got);
		if (strcmp(a, b) != 0)
			fail_msg("'%s':\n  ldns: %s  fast: %s", text, a, b);
		assert_int_equal(ldns_rr_compare(ref, got), 0);
		assert_int_equal(ldns_rr_ttl(ref), ldns_rr_ttl(got));
		assert_int_equal(ldns_rr_get_class(ref), ldns_rr_get_class(got));
		assert_int_equal(ldns_rr_rd_count(ref), ldns_rr_rd_count(got));
		free(a);
		free(b);
	}
	ldns_rr_free(ref);
	ldns_rr_free(got);

	/* with the fast path off it is ldns itself */
	s_got = szi_parse_rr(&got, text, default_ttl, origin, false, &fast_used);
	assert_int_equal(s_got, s_ref);
	assert_false(fast_used);
	ldns_rr_free(got);
	ldns_rdf_deep_free(origin);
}

static const pcase cases[] = {
	{ "sip IN A 192.0.2.1", true },
	{ "sip.contoso.com. 300 IN A 192.0.2.1", true },
	{ "SIP A 192.0.2.1", true },
	{ "sip in a 192.0.2.1", true },
	{ "@ IN AAAA 2001:db8::1", true },
	{ "sip 1h IN AAAA ::1", true },
	{ "sip 1w2d3h AAAA ::ffff:192.0.2.1", true },
	{ "sip 3600x IN A 192.0.2.1", true },
	{ "x IN CNAME sip", true },
	{ "x CNAME Sip.Fabrikam.COM.", true },
	{ "@ NS ns1", true },
	{ "@ 86400 IN NS ns1.fabrikam.com.", true },
	{ "@ MX 10 mail", true },
	{ "@ IN MX 0 .", true },
	{ "_sip._tls SRV 100 1 443 sip", true },
	{ "_sipfederationtls._tcp 600 IN SRV 0 0 5061 sip.contoso.com.", true },
	{ "_sip._tcp IN SRV 0 0 0 .", true },
	{ "1 IN PTR host.example.", true },
	{ "x CH A 192.0.2.1", true },
	{ "x 0 IN A 192.0.2.1", true },
	{ "x TYPE1 192.0.2.1", true },
	{ "x.y\\.z IN A 192.0.2.1", false },
	{ "x IN TXT \"a b\"", false },
	{ "x IN CNAME @", false },
	{ "x IN MX 10 @", false },
	{ "x IN A 192.0.2.1 extra", false },
	{ "x IN A", false },
	{ "x IN A 300.1.1.1", false },
	{ "x IN AAAA 2001:db8::g", false },
	{ "x IN SRV 1 2 3", false },
	{ "x IN SRV 1 2 3 t.contoso.com. junk", false },
	{ "x IN SRV one 2 3 t", false },
	{ "x IN SRV 1 2 70000 t", true },   /* ldns wraps it; the same either way */
	{ "x 3600 IN", false },
	{ "x", false },
	{ "x IN HINFO \"a\" \"b\"", false },
	{ "x IN SOA ns host 1 2 3 4 5", false },
	{ "000000000000000000000003600 IN A 192.0.2.1", true },
	{ "x 000000000000000000000003600 IN A 192.0.2.1", false },
	{ "x IN CLASS1 A 192.0.2.1", false },
	{ "x IN TYPE65280 \\# 0", false },
	{ "x IN A \\# 4 C0000201", false },
	{ "x.label-that-is-far-too-long-for-dns-because-it-has-more-than-63-octets IN A 192.0.2.1", false },
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		same_as_ldns(cases[i].text, 3600, cases[i].fast);
		same_as_ldns(cases[i].text, 0, cases[i].fast);
	}
}

/* Every name a long generated zone uses, both ways: no drift anywhere. */
static void test_generated(void **state)
{
	(void)state;
	char text[256];
	for (unsigned i = 0; i < 2000; i++) {
		snprintf(text, sizeof(text), "_sipfederationtls._tcp.d%u %u IN SRV %u %u %u sip.d%u",
			 i, i * 7, i % 3, i % 100, 5061 + i % 5, i);
		same_as_ldns(text, 3600, true);
		snprintf(text, sizeof(text), "sip.d%u.Contoso.com. IN A 10.%u.%u.%u", i, i % 256, (i / 7) % 256, i % 200);
		same_as_ldns(text, 3600, true);
		snprintf(text, sizeof(text), "sip.d%u AAAA 2001:db8:%x::%x", i, i, i * 3);
		same_as_ldns(text, 0, true);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_generated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
