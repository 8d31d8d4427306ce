/*
 * test_live_errors.c: why verify or push could not run is one diagnostic in
 * the caller's list, with a registry rule of kind usage or input, so the
 * exit status follows from the list (sz_diag_list_exit_code()). No server
 * is asked: every case fails before the first query, or at a closed port.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "sipzone/live.h"
#include "sipzone/model.h"
#include "sipzone/rules.h"

static const char model_json[] =
	"{\"version\": 1,"
	" \"edge_pools\": {\"eu\": {\"access_edge\": \"sip.contoso.com\","
	"   \"addresses\": [\"203.0.113.10\"],"
	"   \"certificate\": {\"subject\": \"sip.contoso.com\", \"san\": [\"sip.contoso.com\"]}}},"
	" \"sip_domains\": [{\"domain\": \"contoso.com\", \"edge_pool\": \"eu\"}]}";

static sz_model *load(void)
{
	sz_model *m = NULL;
	sz_diag_list d;
	sz_diag_list_init(&d);
	assert_int_equal(sz_model_load_buffer(model_json, strlen(model_json), "model.json", &m, &d), SZ_OK);
	sz_diag_list_clear(&d);
	return m;
}

/* The one diagnostic of a failed call: its rule and kind. */
static void expect_one(const sz_diag_list *d, sz_rule rule, sz_rule_kind kind, const char *text)
{
	assert_int_equal(d->count, 1);
	assert_string_equal(d->items[0].rule, sz_rule_id(rule));
	assert_int_equal(sz_diag_kind(&d->items[0]), kind);
	assert_int_equal(d->items[0].severity, SZ_SEV_ERROR);
	assert_non_null(strstr(d->items[0].message, text));
	assert_int_equal(sz_diag_list_exit_code(d, false), SZ_EXIT_FAILURE);
}

static void test_verify_usage(void **state)
{
	(void)state;
	sz_model *m = load();
	const char *zones[] = { "fabrikam.com" };
	sz_live_options o = { .server = "127.0.0.1", .zones = zones, .n_zones = 1 };
	sz_live_report *r = NULL;
	sz_diag_list d;
	sz_diag_list_init(&d);
	assert_int_equal(sz_verify(m, &o, &r, &d), SZ_ERR_USAGE);
	assert_null(r);
	expect_one(&d, SZ_RULE_USAGE, SZ_RULE_KIND_USAGE, "fabrikam.com");
	sz_diag_list_clear(&d);
	sz_model_free(m);
}

static void test_push_usage(void **state)
{
	(void)state;
	sz_model *m = load();
	const char *zones[] = { "contoso.com" };
	sz_live_options o = { .server = "127.0.0.1", .zones = zones, .n_zones = 1 };
	sz_live_report *r = NULL;
	sz_diag_list d;
	sz_diag_list_init(&d);
	assert_int_equal(sz_push(m, &o, &r, &d), SZ_ERR_USAGE);   /* no key, no dry run */
	assert_null(r);
	expect_one(&d, SZ_RULE_USAGE, SZ_RULE_KIND_USAGE, "--key");
	sz_diag_list_clear(&d);
	sz_model_free(m);
}

static void test_verify_no_answer(void **state)
{
	(void)state;
	sz_model *m = load();
	/* port 9 (discard) on the loopback: nothing answers */
	sz_live_options o = { .server = "127.0.0.1#9", .timeout_ms = 100, .retries = 0 };
	sz_live_report *r = NULL;
	sz_diag_list d;
	sz_diag_list_init(&d);
	assert_int_equal(sz_verify(m, &o, &r, &d), SZ_ERR_NETWORK);
	assert_null(r);
	expect_one(&d, SZ_RULE_NETWORK, SZ_RULE_KIND_INPUT, "127.0.0.1#9");
	sz_diag_list_clear(&d);
	sz_model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_usage),
		cmocka_unit_test(test_push_usage),
		cmocka_unit_test(test_verify_no_answer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
