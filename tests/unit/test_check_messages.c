/*
 * tests/unit/test_check_messages.c: what the messages of issue 12's check
 * findings say (the case folders pin rule ids and lines, never text): the
 * XMPP namespace warning speaks of partner servers, srv-target-hosted of the
 * hosting provider partners configure for the sipfed name, the crossed
 * hosted name of the right one, address-not-public of the address.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sipzone/check.h"
#include "sipzone/model.h"

/* The message of the only finding of `rule` for `zone`. */
static char *message(const char *zone, bool internal, const char *rule)
{
	static char out[2048];
	sz_check_options *o = NULL;
	assert_int_equal(sz_check_options_new(&o), SZ_OK);
	sz_check_options_set_threads(o, 0);
	if (internal)
		assert_int_equal(sz_check_options_set_view(o, SZ_VIEW_INTERNAL), SZ_OK);
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_checker *c = NULL;
	assert_int_equal(sz_checker_new(o, &c, &diags), SZ_OK);
	assert_int_equal(sz_checker_read_buffer(c, "contoso.com.zone", zone, strlen(zone), &diags),
			 SZ_OK);
	assert_int_equal(sz_checker_finish(c, &diags), SZ_OK);
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < diags.count; i++) {
		if (strcmp(diags.items[i].rule, rule) != 0)
			continue;
		n++;
		snprintf(out, sizeof(out), "%s", diags.items[i].message);
	}
	if (n != 1)
		fail_msg("%zu findings of %s", n, rule);
	sz_checker_free(c);
	sz_diag_list_clear(&diags);
	sz_check_options_free(o);
	return out;
}

static void test_xmpp_speaks_of_servers(void **state)
{
	(void)state;
	const char *m = message("$ORIGIN contoso.com.\n"
				"_xmpp-server._tcp 3600 IN SRV 0 0 5269 xmpp.fabrikam.com.\n",
				false, "srv-target-outside-namespace");
	assert_non_null(strstr(m, "server-to-server"));
	assert_null(strstr(m, "client"));
}

static void test_hosted_names_the_sipfed_provider(void **state)
{
	(void)state;
	const char *m = message("$ORIGIN contoso.com.\n"
				"_sip._tls 3600 IN SRV 100 1 443 sipdir.online.dod.skypeforbusiness.us.\n",
				false, "srv-target-hosted");
	assert_non_null(strstr(m, "hosting provider"));
	assert_non_null(strstr(m, "sipfed.online.dod.skypeforbusiness.us"));
	assert_non_null(strstr(m, "microsoft365-dod"));
}

static void test_wrong_service_names_the_right_name(void **state)
{
	(void)state;
	const char *m = message("$ORIGIN contoso.com.\n"
				"_sipfederationtls._tcp 3600 IN SRV 100 1 5061 sipdir.online.partner.lync.cn.\n",
				false, "srv-target-hosted-wrong-service");
	assert_non_null(strstr(m, "sipfed.online.partner.lync.cn"));
}

static void test_mobile_push_in_the_internal_view(void **state)
{
	(void)state;
	const char *m = message("$ORIGIN fabrikam.com.\n"
				"_sipfederationtls._tcp 3600 IN SRV 0 0 5061 edgepool-int.contoso.com.\n",
				true, "srv-target-outside-namespace");
	assert_non_null(strstr(m, "mobile-push"));
	assert_non_null(strstr(m, "internal FQDN"));
}

static void test_address_named(void **state)
{
	(void)state;
	const char *m = message("$ORIGIN contoso.com.\n"
				"_sipfederationtls._tcp 3600 IN SRV 0 0 5061 sip.contoso.com.\n"
				"sip 3600 IN AAAA fe80::1\n",
				false, "address-not-public");
	assert_non_null(strstr(m, "fe80::1"));
	assert_non_null(strstr(m, "link-local"));
}

/* With --model --view internal, the mobile-push record's target is on the
 * internal edge certificate, which the model does not describe: no
 * cert-san-missing; externally the same record still draws it. */
static void test_mobile_push_not_on_the_external_certificate(void **state)
{
	(void)state;
	static const char model[] =
		"{\"version\": 1, \"edge_pools\": {\"edge\": {\"access_edge\": \"sip.contoso.com\",\n"
		" \"addresses\": [\"192.0.2.10\"], \"certificate\": {\"subject\": \"sip.contoso.com\",\n"
		" \"san\": [\"sip.contoso.com\", \"sip.fabrikam.com\"]}}},\n"
		" \"sip_domains\": [{\"domain\": \"fabrikam.com\", \"edge_pool\": \"edge\"}]}\n";
	static const char zone[] = "$ORIGIN fabrikam.com.\n"
		"_sipfederationtls._tcp 3600 IN SRV 0 0 5061 edgepool-int.contoso.com.\n";
	sz_diag_list mdiags;
	sz_diag_list_init(&mdiags);
	sz_model *m = NULL;
	assert_int_equal(sz_model_load_buffer(model, strlen(model), "m.json", &m, &mdiags), SZ_OK);
	for (int internal = 0; internal < 2; internal++) {
		sz_check_options *o = NULL;
		assert_int_equal(sz_check_options_new(&o), SZ_OK);
		sz_check_options_set_threads(o, 0);
		sz_check_options_set_model(o, m);
		assert_int_equal(sz_check_options_set_view(o, internal ? SZ_VIEW_INTERNAL
								     : SZ_VIEW_EXTERNAL), SZ_OK);
		sz_diag_list diags;
		sz_diag_list_init(&diags);
		sz_checker *c = NULL;
		assert_int_equal(sz_checker_new(o, &c, &diags), SZ_OK);
		assert_int_equal(sz_checker_read_buffer(c, "fabrikam.com.zone", zone, strlen(zone),
							&diags), SZ_OK);
		assert_int_equal(sz_checker_finish(c, &diags), SZ_OK);
		size_t cert = 0, outside_err = 0;
		for (size_t i = 0; i < diags.count; i++) {
			cert += strcmp(diags.items[i].rule, "cert-san-missing") == 0;
			outside_err += strcmp(diags.items[i].rule, "srv-target-outside-namespace") == 0 &&
				       diags.items[i].severity == SZ_SEV_ERROR;
		}
		assert_int_equal(cert, internal ? 0 : 1);
		assert_int_equal(outside_err, internal ? 0 : 1);
		sz_checker_free(c);
		sz_diag_list_clear(&diags);
		sz_check_options_free(o);
	}
	sz_model_free(m);
	sz_diag_list_clear(&mdiags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xmpp_speaks_of_servers),
		cmocka_unit_test(test_hosted_names_the_sipfed_provider),
		cmocka_unit_test(test_wrong_service_names_the_right_name),
		cmocka_unit_test(test_mobile_push_in_the_internal_view),
		cmocka_unit_test(test_address_named),
		cmocka_unit_test(test_mobile_push_not_on_the_external_certificate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
