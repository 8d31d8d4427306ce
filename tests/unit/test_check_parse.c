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

/* What the fast path must do with a case: take it, step aside, or either
 * (hostile values: only agreement with ldns counts). */
enum want { LDNS = 0, FAST = 1, EITHER = 2 };

typedef struct pcase {
	const char *text;
	int fast;          /* enum want */
} pcase;

/* The types the fast path reads (issue 18), each taken at least once. */
static const ldns_rr_type fast_types[] = {
	LDNS_RR_TYPE_A, LDNS_RR_TYPE_AAAA, LDNS_RR_TYPE_NS, LDNS_RR_TYPE_CNAME, LDNS_RR_TYPE_DNAME,
	LDNS_RR_TYPE_PTR, LDNS_RR_TYPE_MX, LDNS_RR_TYPE_TXT, LDNS_RR_TYPE_SRV, LDNS_RR_TYPE_NAPTR,
	LDNS_RR_TYPE_CAA, LDNS_RR_TYPE_SOA, LDNS_RR_TYPE_DS, LDNS_RR_TYPE_DNSKEY, LDNS_RR_TYPE_RRSIG,
	LDNS_RR_TYPE_NSEC, LDNS_RR_TYPE_NSEC3, LDNS_RR_TYPE_NSEC3PARAM, LDNS_RR_TYPE_TLSA,
	LDNS_RR_TYPE_SSHFP, LDNS_RR_TYPE_SVCB, LDNS_RR_TYPE_HTTPS,
};
static bool fast_seen[sizeof(fast_types) / sizeof(fast_types[0])];

static void same_as_ldns(const char *text, uint32_t default_ttl, int want_fast)
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
	if (want_fast != EITHER && (want_fast == FAST) != fast_used)
		fail_msg("'%s': fast path %s", text, fast_used ? "taken" : "not taken");
	for (size_t i = 0; fast_used && i < sizeof(fast_types) / sizeof(fast_types[0]); i++)
		if (got != NULL && ldns_rr_get_type(got) == fast_types[i])
			fast_seen[i] = true;
	if (s_ref == LDNS_STATUS_OK) {
		char *a = ldns_rr2str(ref), *b = ldns_rr2str(got);
		/* ldns prints no name longer than 255 octets, though it reads some */
		if ((a == NULL) != (b == NULL))
			fail_msg("'%s': ldns prints one of them only", text);
		if (a != NULL && strcmp(a, b) != 0)
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
	{ "sip IN A 192.0.2.1", FAST },
	{ "sip.contoso.com. 300 IN A 192.0.2.1", FAST },
	{ "SIP A 192.0.2.1", FAST },
	{ "sip in a 192.0.2.1", FAST },
	{ "@ IN AAAA 2001:db8::1", FAST },
	{ "sip 1h IN AAAA ::1", FAST },
	{ "sip 1w2d3h AAAA ::ffff:192.0.2.1", FAST },
	{ "sip 3600x IN A 192.0.2.1", FAST },
	{ "x IN CNAME sip", FAST },
	{ "x CNAME Sip.Fabrikam.COM.", FAST },
	{ "@ NS ns1", FAST },
	{ "@ 86400 IN NS ns1.fabrikam.com.", FAST },
	{ "@ MX 10 mail", FAST },
	{ "@ IN MX 0 .", FAST },
	{ "_sip._tls SRV 100 1 443 sip", FAST },
	{ "_sipfederationtls._tcp 600 IN SRV 0 0 5061 sip.contoso.com.", FAST },
	{ "_sip._tcp IN SRV 0 0 0 .", FAST },
	{ "1 IN PTR host.example.", FAST },
	{ "x CH A 192.0.2.1", FAST },
	{ "x 0 IN A 192.0.2.1", FAST },
	{ "x TYPE1 192.0.2.1", FAST },
	{ "x.y\\.z IN A 192.0.2.1", LDNS },
	{ "x IN TXT \"a b\"", FAST },
	{ "x IN CNAME @", LDNS },
	{ "x IN MX 10 @", LDNS },
	{ "x IN A 192.0.2.1 extra", LDNS },
	{ "x IN A", LDNS },
	{ "x IN A 300.1.1.1", LDNS },
	{ "x IN AAAA 2001:db8::g", LDNS },
	{ "x IN SRV 1 2 3", LDNS },
	{ "x IN SRV 1 2 3 t.contoso.com. junk", LDNS },
	{ "x IN SRV one 2 3 t", LDNS },
	{ "x IN SRV 1 2 70000 t", FAST },   /* ldns wraps it; the same either way */
	{ "x 3600 IN", LDNS },
	{ "x", LDNS },
	{ "x IN HINFO \"a\" \"b\"", LDNS },
	{ "x IN SOA ns host 1 2 3 4 5", FAST },
	{ "000000000000000000000003600 IN A 192.0.2.1", FAST },
	{ "x 000000000000000000000003600 IN A 192.0.2.1", LDNS },
	{ "x IN CLASS1 A 192.0.2.1", LDNS },
	{ "x IN TYPE65280 \\# 0", LDNS },
	{ "x IN A \\# 4 C0000201", LDNS },
	{ "x.label-that-is-far-too-long-for-dns-because-it-has-more-than-63-octets IN A 192.0.2.1", LDNS },
};


/*
 * Issue 18: every type the fast path reads, plainly and with hostile
 * values (numbers at and past their limits, bad base64 and hex, escapes,
 * quotes in odd places). For the hostile ones only agreement with ldns
 * counts, whichever way the record goes.
 */
static const pcase typed[] = {
	/* A, AAAA */
	{ "x A 255.255.255.255", FAST },
	{ "x A 192.0.2.256", EITHER },
	{ "x A 1.2.3", EITHER },
	{ "x A 01.2.3.4", EITHER },
	{ "x A 192.0.2.1.", EITHER },
	{ "x A -1.2.3.4", EITHER },
	{ "x AAAA ::", FAST },
	{ "x AAAA 2001:db8::1::2", EITHER },
	{ "x AAAA 1:2:3:4:5:6:7:8:9", EITHER },
	{ "x AAAA ::ffff:1.2.3.4", FAST },
	{ "x AAAA 12345::1", EITHER },
	/* names */
	{ "x NS ns1.example.", FAST },
	{ "x DNAME target", FAST },
	{ "x DNAME .", FAST },
	{ "x PTR .", FAST },
	{ "x CNAME a..b", EITHER },
	{ "x CNAME .a", EITHER },
	{ "x CNAME @.sub", LDNS },
	{ "@sub A 192.0.2.1", EITHER },
	{ "x CNAME a\\.b", LDNS },
	{ "x CNAME a\\046b.", LDNS },
	{ "x CNAME \"quoted\"", LDNS },
	{ "x\\032y A 192.0.2.1", LDNS },
	{ "x CNAME \xc3\xa9t\xc3\xa9", EITHER },
	/* MX */
	{ "x MX 65535 .", FAST },
	{ "x MX 65536 m", EITHER },
	{ "x MX -1 m", EITHER },
	{ "x MX 1x m", EITHER },
	{ "x MX 0x10 m", EITHER },
	{ "x MX 10", EITHER },
	/* TXT: quoted and plain, several strings, escapes */
	{ "x TXT \"\"", FAST },
	{ "x TXT a", FAST },
	{ "x TXT a b c", FAST },
	{ "x TXT \"v=spf1 mx -all\"", FAST },
	{ "x TXT \"v=DKIM1; k=rsa; p=MIGfMA0G\" \"CSqGSIb3\"", FAST },
	{ "x TXT \"a(b)c;d\"", FAST },
	{ "x TXT \"a\\\"b\"", FAST },
	{ "x TXT \"\\065\\066C\"", FAST },
	{ "x TXT \\065\\066", FAST },
	{ "x TXT \"\\256\"", EITHER },
	{ "x TXT \"\\999\"", EITHER },
	{ "x TXT \"\\1\"", EITHER },
	{ "x TXT \"\\12\"", EITHER },
	{ "x TXT \"\\12a\"", EITHER },
	{ "x TXT \"\\X\\;\"", FAST },
	{ "x TXT \"\\\\\"", FAST },
	{ "x TXT \"a\\\\\" b", FAST },
	{ "x TXT a\\ b", FAST },
	{ "x TXT a\\", EITHER },
	{ "x TXT \"a\"\"b\"", EITHER },
	{ "x TXT \"a\"b", EITHER },
	{ "x TXT a\"b\"", EITHER },
	{ "x TXT a\"b c\"", EITHER },
	{ "x TXT \"unterminated", EITHER },
	{ "x TXT \"a\" \"\" \"c\"", FAST },
	{ "x TXT \xe2\x82\xac \"\xf0\x9f\x98\x80\"", FAST },
	{ "x TXT a(b", LDNS },
	{ "x TXT a;b", LDNS },
	{ "x TXT \\# 3 616263", LDNS },
	{ "x TXT \"\\#\"", FAST },
	{ "x TXT @", FAST },
	/* SRV at its limits */
	{ "x SRV 65535 65535 65535 t", FAST },
	{ "x SRV 0 0 65536 t", EITHER },
	{ "x SRV 0 0 -1 t", EITHER },
	/* NAPTR */
	{ "x NAPTR 100 10 \"S\" \"SIP+D2T\" \"\" _sip._tcp", FAST },
	{ "x NAPTR 100 10 S SIP+D2U \"!^.*$!sip:info@example.com!\" .", FAST },
	{ "x NAPTR 10 100 \"u\" \"E2U+sip\" \"!^\\\\+1(.*)$!sip:\\\\1@example.com!\" .", FAST },
	{ "x NAPTR 65536 10 \"S\" \"SIP+D2T\" \"\" t", EITHER },
	{ "x NAPTR 100 10 \"S\" \"SIP+D2T\" \"\"", EITHER },
	{ "x NAPTR 100 10 \"S\" \"SIP+D2T\" \"\" t extra", EITHER },
	{ "x NAPTR 100 10 \"S\" \"SIP+D2T\" \"\" @", LDNS },
	/* CAA: the value must be quoted for ldns */
	{ "x CAA 0 issue \"letsencrypt.org\"", FAST },
	{ "x CAA 128 issuewild \";\"", FAST },
	{ "x CAA 0 iodef \"mailto:security@example.com\"", FAST },
	{ "x CAA 0 issue \"\"", FAST },
	{ "x CAA 0 issue letsencrypt.org", EITHER },
	{ "x CAA 256 issue \"a\"", EITHER },
	{ "x CAA 0 is-sue \"a\"", EITHER },
	{ "x CAA 0 \"issue\" \"a\"", EITHER },
	{ "x CAA 0 issue \"a\\\"b\\255\"", FAST },
	/* SOA */
	{ "@ SOA ns hostmaster 1 7200 3600 1209600 3600", FAST },
	{ "@ SOA ns.example. h.example. 4294967295 1h 2d 1w 0", FAST },
	{ "@ SOA ns h 4294967296 1 2 3 4", EITHER },
	{ "@ SOA ns h 1 2 3 4", EITHER },
	{ "@ SOA ns h 1 2 3 4 5 6", EITHER },
	{ "@ SOA ns h 1 2 3 4 1x", EITHER },
	{ "@ SOA @ h 1 2 3 4 5", LDNS },
	{ "@ SOA . . 0 0 0 0 0", FAST },
	/* DS */
	{ "x DS 12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE49FD46E6C4B45C55D4AC69CB", FAST },
	{ "x DS 1 8 2 49FD46E6 C4B45C55", FAST },
	{ "x DS 1 RSASHA256 2 AB", FAST },
	{ "x DS 1 8 2 XYZ", EITHER },
	{ "x DS 1 8 2 ABC", EITHER },
	{ "x DS 65536 8 2 AB", EITHER },
	{ "x DS 1 256 2 AB", EITHER },
	{ "x DS 1 8 2", EITHER },
	{ "x DS 1 8 2 -", EITHER },
	/* DNSKEY */
	{ "x DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==", FAST },
	{ "x DNSKEY 256 3 8 AwEA Aamd sswU yr3D", FAST },
	{ "x DNSKEY 256 3 ECDSAP256SHA256 AAAA", FAST },
	{ "x DNSKEY 256 3 8 !!!!", EITHER },
	{ "x DNSKEY 256 3 8 AAA", EITHER },
	{ "x DNSKEY 256 3 8 A===", EITHER },
	{ "x DNSKEY 65536 3 8 AAAA", EITHER },
	{ "x DNSKEY 256 3 8", EITHER },
	{ "x DNSKEY 256 3 FOO AAAA", EITHER },
	/* RRSIG */
	{ "x RRSIG A 13 3 3600 20260101000000 20251201000000 12345 example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=", FAST },
	{ "x RRSIG A 13 3 3600 1767225600 1764547200 1 ex. AAAA", FAST },
	{ "x RRSIG TYPE65534 13 3 3600 20260101000000 20251201000000 1 ex AAAA AAAA", FAST },
	{ "x RRSIG A 13 3 3600 20261301000000 20251201000000 1 ex. AAAA", EITHER },
	{ "x RRSIG A 13 3 3600 2026010100000 20251201000000 1 ex. AAAA", EITHER },
	{ "x RRSIG FOO 13 3 3600 20260101000000 20251201000000 1 ex. AAAA", EITHER },
	{ "x RRSIG A 13 256 3600 20260101000000 20251201000000 1 ex. AAAA", EITHER },
	{ "x RRSIG A 13 3 4294967296 20260101000000 20251201000000 1 ex. AAAA", EITHER },
	{ "x RRSIG A 13 3 3600 20260101000000 20251201000000 1 ex. A!AA", EITHER },
	{ "x RRSIG A 13 3 3600 20260101000000 20251201000000 1 ex.", EITHER },
	/* NSEC */
	{ "x NSEC next A AAAA RRSIG NSEC", FAST },
	{ "x NSEC next.example. A TYPE1234 TYPE65535", FAST },
	{ "x NSEC next", EITHER },
	{ "x NSEC next BOGUS", EITHER },
	{ "x NSEC next TYPE65536", EITHER },
	/* NSEC3, NSEC3PARAM */
	{ "x NSEC3 1 0 10 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG", FAST },
	{ "x NSEC3 1 1 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR NS SOA RRSIG DNSKEY NSEC3PARAM", FAST },
	{ "x NSEC3 1 0 10 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR", EITHER },
	{ "x NSEC3 1 0 10 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJ! A", EITHER },
	{ "x NSEC3 1 0 10 ABC 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A", EITHER },
	{ "x NSEC3 1 0 65536 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A", EITHER },
	{ "x NSEC3 256 0 1 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A", EITHER },
	{ "x NSEC3PARAM 1 0 10 -", FAST },
	{ "x NSEC3PARAM 1 0 10 aabb", FAST },
	{ "x NSEC3PARAM 1 0 70000 -", EITHER },
	{ "x NSEC3PARAM 1 0 10 xyz", EITHER },
	{ "x NSEC3PARAM 1 0 10", EITHER },
	{ "x NSEC3PARAM 1 0 10 - extra", EITHER },
	/* TLSA, SSHFP */
	{ "_443._tcp TLSA 3 1 1 2bb183af c0 3d", FAST },
	{ "_443._tcp TLSA PKIX-TA CERT SHA2-256 2bb183af", FAST },
	{ "_443._tcp TLSA 3 1 1 2bb183ag", EITHER },
	{ "_443._tcp TLSA 256 1 1 ab", EITHER },
	{ "_443._tcp TLSA 3 1 1", EITHER },
	{ "x SSHFP 1 1 dd465c09cfa51fb45020cc83316fff21b9ec74ac", FAST },
	{ "x SSHFP 4 2 dd465c09 cfa51fb4", FAST },
	{ "x SSHFP 4 2 dd465c0", EITHER },
	{ "x SSHFP 4 256 dd", EITHER },
	/* SVCB, HTTPS */
	{ "x HTTPS 1 . alpn=h2,h3", FAST },
	{ "x HTTPS 0 svc.example.", FAST },
	{ "x SVCB 1 svc port=443 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1", FAST },
	{ "x HTTPS 1 . mandatory=alpn alpn=h2", FAST },
	{ "x HTTPS 1 . key65535=abc", EITHER },
	{ "x HTTPS 1 . alpn=\"h2,h3\"", LDNS },
	{ "x HTTPS 1 . port=70000", EITHER },
	{ "x HTTPS 1 . ech=!!!", EITHER },
	{ "x HTTPS 1 . alpn=h2 alpn=h3", EITHER },
	{ "x HTTPS 1 . no-default-alpn=x", EITHER },
	{ "x HTTPS 65536 .", EITHER },
};

static void test_typed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(typed) / sizeof(typed[0]); i++) {
		same_as_ldns(typed[i].text, 3600, typed[i].fast);
		same_as_ldns(typed[i].text, 0, typed[i].fast);
	}
	for (size_t i = 0; i < sizeof(fast_types) / sizeof(fast_types[0]); i++)
		if (!fast_seen[i])
			fail_msg("the fast path never read a record of type %u", (unsigned)fast_types[i]);
}

/* Base64 (DNSKEY, RRSIG) is decoded here, not by ldns: random strings of
 * its alphabet, padding and spaces decode as ldns decodes them or go to it. */
static void test_base64(void **state)
{
	(void)state;
	static const char chars[] = "AQgw+/=    z9";
	char text[200];
	unsigned seed = 18;
	size_t fast = 0;
	for (unsigned i = 0; i < 20000; i++) {
		int p = snprintf(text, sizeof(text), "k DNSKEY 256 3 8 ");
		size_t len = 1 + (seed = seed * 1103515245u + 12345u) / 65536u % 24;
		for (size_t k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			text[p++] = chars[(seed / 65536u) % (sizeof(chars) - 1)];
		}
		text[p] = '\0';
		ldns_rdf *origin = ldns_dname_new_frm_str("Contoso.com.");
		ldns_rr *got = NULL;
		bool used = false;
		(void)szi_parse_rr(&got, text, 0, origin, true, &used);
		fast += used;
		ldns_rr_free(got);
		ldns_rdf_deep_free(origin);
		same_as_ldns(text, 0, EITHER);
	}
	/* most valid ones take the fast path: the test does test it */
	print_message("%zu of 20000 by the fast path\n", fast);
	assert_true(fast > 500);
}

/* Names and strings at their length limits and one past them. */
static void test_lengths(void **state)
{
	(void)state;
	char label[70], text[2000], name[600];
	for (size_t n = 62; n <= 64; n++) {
		memset(label, 'a', n);
		label[n] = '\0';
		snprintf(text, sizeof(text), "%s A 192.0.2.1", label);
		same_as_ldns(text, 0, n <= 63 ? FAST : EITHER);
		snprintf(text, sizeof(text), "x CNAME %s.example.", label);
		same_as_ldns(text, 0, n <= 63 ? FAST : EITHER);
	}
	/* whole names around 255 octets, absolute and relative to the origin */
	for (size_t total = 240; total <= 260; total++) {
		size_t p = 0;
		while (p + 2 < total) {
			size_t k = total - p - 2 > 62 ? 62 : total - p - 2;
			memset(name + p, 'b', k);
			p += k;
			name[p++] = '.';
		}
		name[p] = '\0';
		snprintf(text, sizeof(text), "%s A 192.0.2.1", name);
		same_as_ldns(text, 0, EITHER);
		name[p - 1] = '\0';
		snprintf(text, sizeof(text), "%s A 192.0.2.1", name);
		same_as_ldns(text, 0, EITHER);
		snprintf(text, sizeof(text), "x MX 1 %s", name);
		same_as_ldns(text, 0, EITHER);
		snprintf(text, sizeof(text), "x RRSIG A 13 3 3600 20260101000000 20251201000000 1 %s AAAA", name);
		same_as_ldns(text, 0, EITHER);
	}
	/* character strings of 254 to 256 octets, written plainly and as \\DDD */
	for (size_t n = 254; n <= 256; n++) {
		memset(label, 0, sizeof(label));
		size_t p = 0;
		p += (size_t)snprintf(text + p, sizeof(text) - p, "x TXT \"");
		memset(text + p, 's', n);
		p += n;
		snprintf(text + p, sizeof(text) - p, "\"");
		same_as_ldns(text, 0, n <= 255 ? FAST : EITHER);
		p = (size_t)snprintf(text, sizeof(text), "x TXT ");
		for (size_t k = 0; k < n; k++)
			p += (size_t)snprintf(text + p, sizeof(text) - p, "\\%03u", (unsigned)(k % 256));
		same_as_ldns(text, 0, n <= 255 ? FAST : EITHER);
		p = (size_t)snprintf(text, sizeof(text), "x CAA 0 issue \"");
		memset(text + p, 'c', n);
		p += n;
		snprintf(text + p, sizeof(text) - p, "\"");
		same_as_ldns(text, 0, EITHER);
	}
}

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
		cmocka_unit_test(test_typed),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_base64),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
