/*
 * test_check_names.c: the name helpers the SRV rules stand on: "below D"
 * on label boundaries, owner form, address look-alikes, doubled origins and
 * names that were meant to be absolute. (The services are
 * test_sip_services.c's.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/hash.h"
#include "dns/wire_name.h"

typedef struct {
	uint8_t w[SZ_WIRE_MAX];
	size_t len;
} wire;

static wire W(const char *text)
{
	wire x;
	x.len = szi_text_to_wire(text, x.w);
	assert_true(x.len > 0);
	return x;
}

static bool within(const char *name, const char *domain)
{
	wire n = W(name), d = W(domain);
	return szi_wire_within(n.w, n.len, d.w, d.len);
}

static void test_within(void **state)
{
	(void)state;
	assert_true(within("sip.contoso.com", "contoso.com"));
	assert_true(within("contoso.com.", "contoso.com"));          /* the apex is inside */
	assert_true(within("SIP.Contoso.COM", "contoso.com"));       /* text_to_wire lower-cases */
	assert_true(within("a.b.c.contoso.com", "contoso.com"));
	assert_false(within("sip.fabrikam.com", "contoso.com"));
	assert_false(within("foocontoso.com", "contoso.com"));       /* not on a label boundary */
	assert_false(within("contoso.com", "sip.contoso.com"));
	assert_false(within("contoso.com.fabrikam.com", "contoso.com"));
	assert_true(within("anything.example", "."));
}

static void test_text_wire_round_trip(void **state)
{
	(void)state;
	char out[SZ_TEXT_MAX];
	wire a = W("Sip.Contoso.com.");
	assert_int_equal(a.len, 17);
	szi_wire_to_text(a.w, a.len, out);
	assert_string_equal(out, "sip.contoso.com.");

	wire root = W(".");
	assert_int_equal(root.len, 1);
	szi_wire_to_text(root.w, root.len, out);
	assert_string_equal(out, ".");

	/* an escaped dot stays inside its label */
	wire esc = W("a\\.b.example");
	assert_int_equal(szi_wire_labels(esc.w, esc.len), 2);
	szi_wire_to_text(esc.w, esc.len, out);
	assert_string_equal(out, "a\\.b.example.");

	uint8_t w[SZ_WIRE_MAX];
	assert_int_equal(szi_text_to_wire("a..b", w), 0);
	assert_int_equal(szi_text_to_wire("", w), 0);
	char label64[80];
	memset(label64, 'x', 64);
	strcpy(label64 + 64, ".com");
	assert_int_equal(szi_text_to_wire(label64, w), 0);
}

static void test_hash_case(void **state)
{
	(void)state;
	wire a = W("SIP.contoso.com"), b = W("sip.CONTOSO.com"), c = W("sip.contoso.net");
	assert_true(szi_hash(a.w, a.len) == szi_hash(b.w, b.len));
	assert_true(szi_hash(a.w, a.len) != szi_hash(c.w, c.len));
	assert_true(szi_hash("", 0) != 0);

	uint8_t up[] = { 3, 'S', 'i', 'P', 0 }, low[5];
	szi_wire_lower(low, up, sizeof(up));
	assert_memory_equal(low, "\003sip", 5);

	/* every byte value, at every offset of the 8-byte blocks */
	uint8_t in[256 + 8], out[256 + 8];
	for (size_t shift = 0; shift < 8; shift++) {
		for (size_t i = 0; i < sizeof(in); i++)
			in[i] = (uint8_t)(i + shift * 37);
		szi_wire_lower(out, in, sizeof(in));
		for (size_t i = 0; i < sizeof(in); i++) {
			uint8_t byte = in[i];
			uint8_t want = byte >= 'A' && byte <= 'Z' ? (uint8_t)(byte + 32) : byte;
			assert_int_equal(out[i], want);
		}
	}
}

static bool owner_form(const char *owner, const char *expect_d)
{
	wire o = W(owner);
	size_t d_off = 0;
	if (!szi_srv_owner_form(o.w, o.len, &d_off))
		return false;
	char d[SZ_TEXT_MAX];
	szi_wire_to_text(o.w + d_off, o.len - d_off, d);
	assert_string_equal(d, expect_d);
	return true;
}

static void test_owner_form(void **state)
{
	(void)state;
	assert_true(owner_form("_sip._tls.contoso.com", "contoso.com."));
	assert_true(owner_form("_xmpp-server._tcp.conference.contoso.com", "conference.contoso.com."));
	assert_true(owner_form("_client._smtp.example.org", "example.org."));
	assert_true(owner_form("_sip._tcp.", "."));   /* D may be the root */
	assert_false(owner_form("sip.contoso.com", NULL));
	assert_false(owner_form("_sip.contoso.com", NULL));
	assert_false(owner_form("_sipfederationtls_tcp.contoso.com", NULL)); /* the docs' typo */
	assert_false(owner_form("_._tcp.contoso.com", NULL));
}

static bool address(const char *name)
{
	wire n = W(name);
	return szi_wire_looks_like_address(n.w, n.len);
}

static void test_address(void **state)
{
	(void)state;
	assert_true(address("192.0.2.10."));
	assert_true(address("192.0.2.10.contoso.com."));  /* written without the dot */
	assert_true(address("2001:db8::1."));
	assert_false(address("sip.contoso.com."));
	assert_false(address("1.2.3.contoso.com."));
	assert_false(address("256.0.2.1."));
	assert_false(address("1234.0.2.1."));
	assert_false(address("fe80-1.contoso.com."));
	assert_false(address("not:an:address."));
}

static bool doubled(const char *name, const char *origin)
{
	wire n = W(name), o = W(origin);
	return szi_wire_doubled_origin(n.w, n.len, o.w, o.len);
}

static void test_doubled_origin(void **state)
{
	(void)state;
	assert_true(doubled("sip.contoso.com.contoso.com", "contoso.com"));
	assert_true(doubled("contoso.com.contoso.com", "contoso.com"));
	assert_true(doubled("Sip.CONTOSO.com.contoso.COM", "contoso.com"));
	assert_false(doubled("sip.contoso.com", "contoso.com"));
	assert_false(doubled("xcontoso.com.contoso.com", "contoso.com"));  /* label boundary */
	assert_false(doubled("sip.contoso.com.fabrikam.com", "contoso.com"));
	assert_false(doubled("a.a.", "."));
}

/* Does name X.<origin> look like X was meant to be absolute? */
static bool meant_absolute(const psl_ctx_t *psl, const char *x)
{
	wire n = W(x);
	return szi_prefix_looks_fqdn(psl, n.w, n.len - 1);
}

static void test_meant_absolute(void **state)
{
	(void)state;
	const psl_ctx_t *psl = psl_builtin();
	if (psl == NULL)
		skip();
	assert_true(meant_absolute(psl, "sipfed.online.lync.com"));
	assert_true(meant_absolute(psl, "sip.contoso.com"));
	assert_true(meant_absolute(psl, "dactivo.acb.com"));
	assert_true(meant_absolute(psl, "www.example.co.uk"));
	assert_false(meant_absolute(psl, "sip"));
	assert_false(meant_absolute(psl, "_sip._tls"));
	assert_false(meant_absolute(psl, "sip.sub000001"));
	assert_false(meant_absolute(psl, "com"));
	assert_false(meant_absolute(psl, "co.uk"));            /* a public suffix itself */
	assert_false(meant_absolute(psl, "_client._smtp.mx")); /* a service name under "mx" */
	assert_false(meant_absolute(psl, "www.security"));     /* new gTLDs are ordinary words */
	assert_false(meant_absolute(psl, "kimi.support"));
	assert_false(meant_absolute(psl, "a\\032b.com"));
	assert_false(szi_prefix_looks_fqdn(NULL, (const uint8_t *)"\003sip\003com", 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_within),
		cmocka_unit_test(test_text_wire_round_trip),
		cmocka_unit_test(test_hash_case),
		cmocka_unit_test(test_owner_form),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_doubled_origin),
		cmocka_unit_test(test_meant_absolute),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
