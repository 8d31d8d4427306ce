/*
 * test_model_load.c: the model loader's rejections, each with its rule id,
 * JSON path and line:column, and the normalisation of what it accepts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_result.h"
#include "sipzone/model.h"

/* A valid model; tests splice one change into it. */
#define POOL \
	"\"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", \"addresses\": [\"192.0.2.1\"], " \
	"\"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\", \"sip.b.com\", \"xmpp.a.com\"]}}}"


/* Expect exactly one error, with this rule, path and location (0 = don't check). */
static void expect_one(const char *json, const char *rule, const char *path, size_t line, size_t col)
{
	result r = load(json);
	assert_int_equal(r.status, SZ_ERR_INVALID);
	assert_null(r.model);
	const sz_diag *d = find(&r, rule);
	for (size_t i = 0; r.diags.count != 1 && i < r.diags.count; i++)
		print_error("got: %s %s: %s\n", r.diags.items[i].rule,
			    r.diags.items[i].path ? r.diags.items[i].path : "-", r.diags.items[i].message);
	assert_int_equal(r.diags.count, 1);
	assert_int_equal(d->severity, SZ_SEV_ERROR);
	assert_string_equal(d->file, "m.json");
	if (path != NULL) {
		assert_non_null(d->path);
		assert_string_equal(d->path, path);
	}
	if (line != 0) {
		assert_int_equal(d->line, line);
		assert_int_equal(d->col, col);
	}
	done(&r);
}

static void expect_domain_field(const char *field_and_value, const char *rule, const char *path)
{
	char json[2048];
	snprintf(json, sizeof(json),
		 "{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\", %s}]}",
		 field_and_value);
	expect_one(json, rule, path, 0, 0);
}

static void test_valid_model_is_normalised(void **state)
{
	(void)state;
	result r = load("{\"version\": 1, \"defaults\": {\"ttl\": 600}, " POOL ", \"sip_domains\": ["
			"{\"domain\": \"B.com.\", \"edge_pool\": \"p\", \"ttl\": 0, \"federation\": \"direct\"},"
			"{\"domain\": \"a.COM\", \"edge_pool\": \"p\", \"xmpp\": true, \"access_host\": \"SIP.a.com.\"}]}");
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.diags.count, 0);
	assert_int_equal(r.model->n_domains, 2);
	/* canonical order, lower case, no trailing dot */
	assert_string_equal(r.model->domains[0].name, "a.com");
	assert_string_equal(r.model->domains[1].name, "b.com");
	assert_string_equal(r.model->domains[0].access_host, "sip.a.com");
	assert_string_equal(r.model->domains[1].access_host, "sip.b.com");
	assert_int_equal(r.model->domains[0].ttl, 600);  /* from defaults */
	assert_int_equal(r.model->domains[1].ttl, 0);    /* its own, even 0 */
	assert_true(r.model->domains[0].xmpp);
	assert_true(r.model->domains[0].remote_access);  /* default true */
	assert_int_equal(r.model->domains[0].federation, SZ_FED_OPEN);
	assert_int_equal(r.model->domains[1].federation, SZ_FED_DIRECT);
	assert_ptr_equal(r.model->domains[0].pool, &r.model->pools[0]);
	assert_string_equal(r.model->source, "m.json");
	done(&r);
}

static void test_default_ttl_is_3600(void **state)
{
	(void)state;
	result r = load("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}");
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.model->domains[0].ttl, 3600);
	done(&r);
}

static void test_json_syntax_error_has_line_and_column(void **state)
{
	(void)state;
	/* line 3 lacks the comma after "p": jansson stops at the next key */
	expect_one("{\n  \"version\": 1,\n  \"x\": \"p\"\n  \"y\": 2\n}", "json-syntax", NULL, 4, 3);
}

static void test_syntax_error_inside_a_domain(void **state)
{
	(void)state;
	/* the element's own parse reports at the right place in the file */
	expect_one("{\"version\": 1, " POOL ",\n\"sip_domains\": [\n{\"domain\": \"a.com\", \"edge_pool\": tru}]}",
		   "json-syntax", NULL, 3, 34);
}

static void test_unknown_key_suggests(void **state)
{
	(void)state;
	result r = load("{\"version\": 1, " POOL ",\n\"sip_domains\": [\n  {\"domain\": \"a.com\", \"edge_pool\": \"p\", \"federaton\": \"open\"}]}");
	const sz_diag *d = find(&r, "unknown-key");
	assert_string_equal(d->path, "sip_domains[0].federaton");
	assert_non_null(strstr(d->message, "did you mean \"federation\""));
	/* at the key, not its value */
	assert_int_equal(d->line, 3);
	assert_int_equal(d->col, 41);
	done(&r);
}

static void test_unknown_top_level_key(void **state)
{
	(void)state;
	expect_one("{\"version\": 1, \"zonez\": {}, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}",
		   "unknown-key", NULL, 1, 16);
}

static void test_wrong_types(void **state)
{
	(void)state;
	expect_domain_field("\"xmpp\": \"yes\"", "wrong-type", "sip_domains[0].xmpp");
	expect_domain_field("\"ttl\": \"3600\"", "wrong-type", "sip_domains[0].ttl");
	expect_domain_field("\"ttl\": 1.5", "wrong-type", "sip_domains[0].ttl");
	expect_domain_field("\"access_host\": 5", "wrong-type", "sip_domains[0].access_host");
	expect_one("[1, 2]", "wrong-type", NULL, 1, 1);
}

static void test_ttl_range(void **state)
{
	(void)state;
	expect_domain_field("\"ttl\": 2147483648", "bad-ttl", "sip_domains[0].ttl");
	expect_domain_field("\"ttl\": -1", "bad-ttl", "sip_domains[0].ttl");
	result r = load("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\", \"ttl\": 2147483647}]}");
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.model->domains[0].ttl, 2147483647u);
	done(&r);
}

static void test_version(void **state)
{
	(void)state;
	expect_one("{\"version\": 2, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}",
		   "bad-version", "version", 1, 13);
	expect_one("{" POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}",
		   "missing-key", NULL, 1, 1);
}

static void test_federation_value(void **state)
{
	(void)state;
	expect_domain_field("\"federation\": \"closed\"", "bad-value", "sip_domains[0].federation");
}

/* Every character that could carry zone-file syntax is refused, never escaped. */
static void test_names_that_inject_syntax(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"sip.a.com\\n$INCLUDE /etc/shadow", "sip.a.com\\r", "sip;a.com", "$ORIGIN.a.com",
		"sip(.a.com", "sip).a.com", "sip\\\".a.com", "sip\\\\.a.com", "sip a.com",
		"sip\\ta.com", "sip\\u0000.a.com", "n\\u00f6rthwind.a.com", ".sip.a.com",
		"sip..a.com", "-sip.a.com", "sip-.a.com", "_sip.a.com", "*.a.com", "", "a.com.com.",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char field[256];
		snprintf(field, sizeof(field), "\"access_host\": \"%s\"", bad[i]);
		if (i == sizeof(bad) / sizeof(bad[0]) - 1) {
			/* a syntactically fine host outside the domain: the namespace rule */
			expect_domain_field(field, "namespace", "sip_domains[0].access_host");
			continue;
		}
		expect_domain_field(field, "bad-name", "sip_domains[0].access_host");
	}
}

static void test_name_lengths(void **state)
{
	(void)state;
	char label64[65], field[600], name[300];
	memset(label64, 'x', 64);
	label64[64] = '\0';
	snprintf(field, sizeof(field), "\"access_host\": \"%s.a.com\"", label64);
	expect_domain_field(field, "bad-name", "sip_domains[0].access_host");
	/* 255 characters without the dot: too many for 255 octets in wire form */
	memset(name, 0, sizeof(name));
	strcat(name, "x.");
	for (size_t i = 0; i < 4; i++)
		strcat(name, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx."); /* 62 */
	strcat(name, "a.com");
	snprintf(field, sizeof(field), "\"access_host\": \"%s\"", name);
	expect_domain_field(field, "bad-name", "sip_domains[0].access_host");
	/* the A-label form of an IDN is a valid host name */
	result r = load("{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.xn--nrthwind-n4a.com\", "
			"\"addresses\": [\"192.0.2.1\"], \"certificate\": {\"subject\": \"sip.xn--nrthwind-n4a.com\", \"san\": [\"sip.xn--nrthwind-n4a.com\"]}}}, "
			"\"sip_domains\": [{\"domain\": \"xn--nrthwind-n4a.com\", \"edge_pool\": \"p\"}]}");
	assert_int_equal(r.status, SZ_OK);
	done(&r);
}

static void test_domain_too_long_for_srv_owner(void **state)
{
	(void)state;
	/* 231 + 23 ("_sipfederationtls._tcp.") > 253 */
	char domain[240] = "", json[1200];
	for (size_t i = 0; i < 3; i++)
		strcat(domain, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy."); /* 62 */
	strcat(domain, "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy.com"); /* 186 + 45 = 231 */
	snprintf(json, sizeof(json), "{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"%s\", "
		 "\"edge_pool\": \"p\", \"access_host\": \"%s\", \"remote_access\": false, \"federation\": \"none\"}]}",
		 domain, domain);
	expect_one(json, "bad-name", "sip_domains[0].domain", 0, 0);
}

static void test_addresses(void **state)
{
	(void)state;
	static const char *const bad[] = { "203.0.113.300", "1.2.3", "010.0.0.1", "2001:db8::1%eth0",
					   "2001:db8:::1", "sip.a.com", " 192.0.2.1" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char json[1024];
		snprintf(json, sizeof(json), "{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", "
			 "\"addresses\": [\"192.0.2.1\", \"%s\"], \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\"]}}}, "
			 "\"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}", bad[i]);
		expect_one(json, "bad-address", "edge_pools.p.addresses[1]", 1, 92);
	}
	expect_one("{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", "
		   "\"addresses\": [\"192.0.2.1\", \"192.0.2.1\"], \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\"]}}}, "
		   "\"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}",
		   "duplicate-address", "edge_pools.p.addresses", 0, 0);
	expect_one("{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", "
		   "\"addresses\": [], \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\"]}}}, "
		   "\"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}",
		   "empty", "edge_pools.p.addresses", 0, 0);
}

static void test_duplicate_domain_any_case(void **state)
{
	(void)state;
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"},\n"
		   "{\"domain\": \"A.Com.\", \"edge_pool\": \"p\"}]}",
		   "duplicate-domain", "sip_domains[1].domain", 2, 12);
}

static void test_unknown_pool(void **state)
{
	(void)state;
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"q\"}]}",
		   "unknown-pool", "sip_domains[0].edge_pool", 0, 0);
}

static void test_namespace_rule(void **state)
{
	(void)state;
	/* b.com's SRV may not point into a.com, even though the name is on the certificate */
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"b.com\", \"edge_pool\": \"p\", "
		   "\"access_host\": \"sip.a.com\"}]}", "namespace", "sip_domains[0].access_host", 0, 0);
	/* the apex and names below are inside */
	result r = load("{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", "
			"\"addresses\": [\"192.0.2.1\"], \"certificate\": {\"subject\": \"sip.a.com\", "
			"\"san\": [\"sip.a.com\", \"b.com\", \"edge.eu.a.com\"]}}}, \"sip_domains\": [{\"domain\": \"b.com\", "
			"\"edge_pool\": \"p\", \"access_host\": \"B.COM\"}, {\"domain\": \"a.com\", \"edge_pool\": \"p\", "
			"\"access_host\": \"edge.eu.a.com\"}]}");
	assert_int_equal(r.status, SZ_OK);
	done(&r);
}

static void test_certificate_rules(void **state)
{
	(void)state;
	/* c.com's access host is not on the certificate */
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"c.com\", \"edge_pool\": \"p\"}]}",
		   "cert-san-missing", "sip_domains[0].access_host", 0, 0);
	/* ... which does not matter when no SRV points at it */
	result r = load("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"c.com\", \"edge_pool\": \"p\", "
			"\"federation\": \"direct\", \"remote_access\": false}]}");
	assert_int_equal(r.status, SZ_OK);
	done(&r);
	expect_one("{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", "
		   "\"addresses\": [\"192.0.2.1\"], \"certificate\": {\"subject\": \"*.a.com\", \"san\": [\"sip.a.com\"]}}}, "
		   "\"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}",
		   "cert-wildcard", "edge_pools.p.certificate.subject", 0, 0);
	expect_one("{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", "
		   "\"addresses\": [\"192.0.2.1\"], \"certificate\": {\"subject\": \"edge.a.com\", \"san\": [\"edge.a.com\", \"sip.a.com\"]}}}, "
		   "\"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}",
		   "cert-subject-mismatch", "edge_pools.p.certificate.subject", 0, 0);
}

static void test_address_conflict(void **state)
{
	(void)state;
	/* av_edge's name is the access host of a.com, with other addresses */
	expect_one("{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", "
		   "\"addresses\": [\"192.0.2.1\"], \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\"]}, "
		   "\"av_edge\": {\"fqdn\": \"av.a.com\", \"addresses\": [\"192.0.2.9\"]}}}, "
		   "\"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\", \"access_host\": \"av.a.com\", "
		   "\"remote_access\": false, \"federation\": \"none\"}]}",
		   "address-conflict", "sip_domains[0].access_host", 0, 0);
}

static void test_zones(void **state)
{
	(void)state;
	/* a zone sipzone writes nothing for */
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}],\n"
		   "\"zones\": {\"z.com\": {\"soa\": {\"mname\": \"ns.z.com\", \"rname\": \"h.z.com\"}, \"ns\": [\"ns.y.net\"]}}}",
		   "unknown-zone", "zones.z.com", 2, 11);
	/* an in-zone name server without glue */
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}],"
		   "\"zones\": {\"a.com\": {\"soa\": {\"mname\": \"ns.a.com\", \"rname\": \"h.a.com\"}, \"ns\": [\"ns.a.com\"]}}}",
		   "ns-no-address", "zones.a.com.ns[0]", 0, 0);
	/* glue for a name server outside the zone */
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}],"
		   "\"zones\": {\"a.com\": {\"soa\": {\"mname\": \"ns.a.com\", \"rname\": \"h.a.com\"}, "
		   "\"ns\": [{\"name\": \"ns.b.net\", \"addresses\": [\"192.0.2.53\"]}]}}}",
		   "bad-value", "zones.a.com.ns[0]", 0, 0);
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}],"
		   "\"zones\": {\"a.com\": {\"soa\": {\"mname\": \"ns.b.net\", \"rname\": \"h.a.com\", \"refresh\": -5}, \"ns\": [\"ns.b.net\"]}}}",
		   "bad-ttl", "zones.a.com.soa.refresh", 0, 0);
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}],"
		   "\"zones\": {\"a.com\": {\"soa\": {\"mname\": \"ns.b.net\", \"rname\": \"h.a.com\"}, \"ns\": []}}}",
		   "empty", "zones.a.com.ns", 0, 0);
	result r = load("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}],"
			"\"zones\": {\"A.com.\": {\"soa\": {\"mname\": \"ns.b.net\", \"rname\": \"h.a.com\"}, \"ns\": [\"ns.b.net\"]}}}");
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.model->n_zones, 1);
	assert_string_equal(r.model->zones[0].name, "a.com");
	assert_int_equal(r.model->zones[0].refresh, 7200);   /* defaults */
	assert_int_equal(r.model->zones[0].expire, 1209600);
	assert_ptr_equal(sz_model_find_zone(r.model, "A.COM."), &r.model->zones[0]);
	assert_null(sz_model_find_zone(r.model, "b.com"));
	done(&r);
}

static void test_all_errors_are_reported(void **state)
{
	(void)state;
	result r = load("{\"version\": 1, " POOL ", \"sip_domains\": ["
			"{\"domain\": \"a;com\", \"edge_pool\": \"p\"},"
			"{\"domain\": \"b.com\", \"edge_pool\": \"p\", \"xmpp\": 1},"
			"{\"domian\": \"c.com\", \"edge_pool\": \"p\"}]}");
	assert_int_equal(r.status, SZ_ERR_INVALID);
	assert_string_equal(find(&r, "bad-name")->path, "sip_domains[0].domain");
	assert_string_equal(find(&r, "wrong-type")->path, "sip_domains[1].xmpp");
	assert_string_equal(find(&r, "unknown-key")->path, "sip_domains[2].domian");
	assert_string_equal(find(&r, "missing-key")->path, "sip_domains[2]");
	assert_int_equal(r.diags.count, 4);
	done(&r);
}

static void test_hostile_documents(void **state)
{
	(void)state;
	expect_one("", "json-syntax", NULL, 0, 0);
	expect_one("   \n", "json-syntax", NULL, 0, 0);
	expect_one("\x01\xff\xfe garbage", "json-syntax", NULL, 0, 0);
	expect_one("{\"version\": 1} trailing", "json-syntax", NULL, 1, 16);
	expect_one("\"just a string\"", "json-syntax", NULL, 0, 0);
	expect_one("{\"version\": 1, \"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}",
		   "json-syntax", NULL, 1, 16);
	/* invalid UTF-8 inside a string is jansson's to refuse */
	expect_one("{\"version\": 1, " POOL ", \"sip_domains\": [{\"domain\": \"a\xc3(.com\", \"edge_pool\": \"p\"}]}",
		   "json-syntax", NULL, 0, 0);
	/* 10,000 levels of nesting: an error, not a stack overflow */
	size_t depth = 10000;
	char *deep = malloc(2 * depth + 64);
	assert_non_null(deep);
	strcpy(deep, "{\"version\": 1, \"sip_domains\": [");
	size_t n = strlen(deep);
	memset(deep + n, '[', depth);
	memset(deep + n + depth, ']', depth);
	strcpy(deep + n + 2 * depth, "]}");
	result r = load(deep);
	assert_int_equal(r.status, SZ_ERR_INVALID);
	assert_true(r.diags.errors >= 1);
	done(&r);
	free(deep);
}

static void test_unreadable_file(void **state)
{
	(void)state;
	sz_diag_list diags;
	sz_model *m = (sz_model *)1;
	sz_diag_list_init(&diags);
	assert_int_equal(sz_model_load_file("/nonexistent/model.json", &m, &diags), SZ_ERR_IO);
	assert_null(m);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].rule, "io");
	assert_string_equal(diags.items[0].file, "/nonexistent/model.json");
	assert_int_equal(sz_model_load_file("/", &m, &diags), SZ_ERR_IO);
	sz_diag_list_clear(&diags);
}

/* n domains in reverse order, one per line; with `bad`, two carry an error. */
static char *large_model(size_t n, bool bad)
{
	size_t cap = n * 128 + 4096;
	char *json = malloc(cap);
	assert_non_null(json);
	size_t o = (size_t)snprintf(json, cap, "{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": "
				    "\"sip.a.com\", \"addresses\": [\"192.0.2.1\"], \"certificate\": {\"subject\": "
				    "\"sip.a.com\", \"san\": [\"sip.a.com\"]}}}, \"sip_domains\": [");
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(json + o, cap - o, "%s\n{\"domain\": \"d%zu.a.com\", \"edge_pool\": \"p\", %s}",
				      i ? "," : "", n - i, bad && (i == 10 || i == 9000) ? "\"xmpp\": 2"
				      : "\"federation\": \"none\", \"remote_access\": false");
	strcpy(json + o, "]}");
	return json;
}

static void test_large_model_in_order(void **state)
{
	(void)state;
	/* Enough domains for the two-thread path; errors from both halves, in order. */
	size_t n = 10000;
	char *json = large_model(n, true);
	result r = load(json);
	assert_int_equal(r.status, SZ_ERR_INVALID);
	assert_int_equal(r.diags.count, 2);
	assert_string_equal(r.diags.items[0].path, "sip_domains[10].xmpp");
	assert_int_equal(r.diags.items[0].line, 12);
	assert_string_equal(r.diags.items[1].path, "sip_domains[9000].xmpp");
	assert_int_equal(r.diags.items[1].line, 9002);
	done(&r);
	free(json);
	json = large_model(n, false);
	r = load(json);
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.model->n_domains, n);
	assert_string_equal(r.model->domains[0].name, "d1.a.com");
	assert_string_equal(r.model->domains[1].name, "d10.a.com");
	assert_string_equal(r.model->domains[n - 1].name, "d9999.a.com");
	done(&r);
	free(json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_model_is_normalised),
		cmocka_unit_test(test_default_ttl_is_3600),
		cmocka_unit_test(test_json_syntax_error_has_line_and_column),
		cmocka_unit_test(test_syntax_error_inside_a_domain),
		cmocka_unit_test(test_unknown_key_suggests),
		cmocka_unit_test(test_unknown_top_level_key),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_ttl_range),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_federation_value),
		cmocka_unit_test(test_names_that_inject_syntax),
		cmocka_unit_test(test_name_lengths),
		cmocka_unit_test(test_domain_too_long_for_srv_owner),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_duplicate_domain_any_case),
		cmocka_unit_test(test_unknown_pool),
		cmocka_unit_test(test_namespace_rule),
		cmocka_unit_test(test_certificate_rules),
		cmocka_unit_test(test_address_conflict),
		cmocka_unit_test(test_zones),
		cmocka_unit_test(test_all_errors_are_reported),
		cmocka_unit_test(test_hostile_documents),
		cmocka_unit_test(test_unreadable_file),
		cmocka_unit_test(test_large_model_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
