/*
 * tests/unit/test_model_public.c: address-not-public as a model rule
 * (loader/rules_public.c). The external view publishes the edge pools'
 * access, web conferencing and A/V addresses and the reverse proxy's
 * (OfficeDocs-SkypeForBusiness .../edge-server-deployments/
 * edge-environmental-requirements.md): one warning per address that is not
 * public, at its list, and the model still loads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "model_result.h"

static size_t count(const result *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->diags.count; i++)
		n += strcmp(r->diags.items[i].rule, rule) == 0;
	return n;
}

static const char *model_with(const char *access, const char *webconf, const char *av,
			      const char *proxy)
{
	static char buf[2048];
	snprintf(buf, sizeof(buf),
		 "{\"version\": 1,\n"
		 " \"edge_pools\": {\"edge-eu\": {\n"
		 "   \"access_edge\": \"sip.contoso.com\",\n"
		 "   \"addresses\": [%s],\n"
		 "   \"certificate\": {\"subject\": \"sip.contoso.com\", \"san\": [\"sip.contoso.com\", \"webconf.contoso.com\"]},\n"
		 "   \"webconf_edge\": {\"fqdn\": \"webconf.contoso.com\", \"addresses\": [%s]},\n"
		 "   \"av_edge\": {\"fqdn\": \"av.contoso.com\", \"addresses\": [%s]}}},\n"
		 " \"reverse_proxy\": {\"addresses\": [%s]},\n"
		 " \"sip_domains\": [{\"domain\": \"contoso.com\", \"edge_pool\": \"edge-eu\",\n"
		 "   \"web_services\": {\"meet\": true}}]}\n",
		 access, webconf, av, proxy);
	return buf;
}

static void test_documentation_ranges_pass(void **state)
{
	(void)state;
	result r = load(model_with("\"192.0.2.10\", \"2001:db8::10\"", "\"198.51.100.20\"",
				   "\"203.0.113.30\"", "\"192.0.2.80\""));
	assert_int_equal(r.status, SZ_OK);
	if (r.diags.count != 0)
		print_diags(&r);
	assert_int_equal(r.diags.count, 0);
	done(&r);
}

static void test_each_host_warns(void **state)
{
	(void)state;
	result r = load(model_with("\"10.0.0.10\", \"192.0.2.10\"", "\"100.64.1.1\"",
				   "\"2001:db8::1\", \"fe80::1\"", "\"192.168.5.5\""));
	/* warnings: the model is valid and generate still runs */
	assert_int_equal(r.status, SZ_OK);
	assert_non_null(r.model);
	assert_int_equal(count(&r, "address-not-public"), 4);
	assert_int_equal(r.diags.count, 4);
	static const char *const paths[] = {
		"edge_pools.edge-eu.addresses", "edge_pools.edge-eu.webconf_edge.addresses",
		"edge_pools.edge-eu.av_edge.addresses", "reverse_proxy.addresses",
	};
	static const size_t lines[] = { 4, 6, 7, 8 };
	for (size_t i = 0; i < 4; i++) {
		const sz_diag *d = &r.diags.items[i];
		assert_int_equal(d->severity, SZ_SEV_WARNING);
		assert_string_equal(d->path, paths[i]);
		assert_int_equal(d->line, lines[i]);
	}
	assert_non_null(strstr(r.diags.items[0].message, "10.0.0.10"));
	assert_non_null(strstr(r.diags.items[1].message, "RFC 6598"));
	assert_non_null(strstr(r.diags.items[2].message, "fe80::1"));
	assert_non_null(strstr(r.diags.items[3].message, "192.168.5.5"));
	done(&r);
}

static void test_every_kind(void **state)
{
	(void)state;
	/* loopback, multicast, unspecified, IPv4-mapped, unique local: one each */
	result r = load(model_with("\"127.0.0.1\", \"::ffff:192.0.2.1\"", "\"224.0.0.5\"",
				   "\"::\", \"fc00::1\"", "\"0.0.0.0\""));
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(count(&r, "address-not-public"), 6);
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_documentation_ranges_pass),
		cmocka_unit_test(test_each_host_warns),
		cmocka_unit_test(test_every_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
