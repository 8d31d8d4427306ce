/*
 * test_live_rrset.c: which RRsets sipzone owns in a zone, and how a served
 * RRset compares with the model's (ok, missing, different, extra).
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

#include "live/rrset.h"
#include "sipzone/model.h"

static const char model_json[] =
	"{\"version\": 1,"
	" \"edge_pools\": {\"eu\": {\"access_edge\": \"sip.contoso.com\","
	"   \"addresses\": [\"203.0.113.10\", \"203.0.113.11\", \"2001:db8::10\"],"
	"   \"certificate\": {\"subject\": \"sip.contoso.com\", \"san\": [\"sip.contoso.com\", \"sip.fabrikam.com\", \"xmpp.contoso.com\"]},"
	"   \"av_edge\": {\"fqdn\": \"av.edge.contoso.net\", \"addresses\": [\"203.0.113.30\"]}}},"
	" \"sip_domains\": ["
	"   {\"domain\": \"contoso.com\", \"edge_pool\": \"eu\", \"xmpp\": true},"
	"   {\"domain\": \"fabrikam.com\", \"edge_pool\": \"eu\", \"federation\": \"direct\", \"ttl\": 300}]}";

static sz_model *load(void)
{
	sz_model *m = NULL;
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	assert_int_equal(sz_model_load_buffer(model_json, strlen(model_json), "m.json", &m, &diags), SZ_OK);
	sz_diag_list_clear(&diags);
	return m;
}

/* "owner TYPE n" for each RRset of the plan, one per line. */
static void describe(const sz_live_plan *p, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < p->count; i++) {
		char owner[300];
		char *type = ldns_rr_type2str(p->items[i].type);
		szi_live_name_text(p->items[i].owner, owner, sizeof(owner));
		o += (size_t)snprintf(out + o, size - o, "%s %s %zu\n", owner, type,
				      ldns_rr_list_rr_count(p->items[i].expected));
		free(type);
	}
}

static void test_owned_rrsets_of_a_zone(void **state)
{
	(void)state;
	sz_model *m = load();
	sz_live_plan p;
	sz_live_error err = { .rcode = -1 };
	const char *zones[] = { "Contoso.COM." };
	assert_int_equal(szi_live_plan_build(m, zones, 1, &p, &err), SZ_OK);
	char got[4096];
	describe(&p, got, sizeof(got));
	/* canonical order; A and AAAA at every host, the three service SRVs */
	assert_string_equal(got,
		"_sipfederationtls._tcp.contoso.com. SRV 1\n"
		"_xmpp-server._tcp.contoso.com. SRV 1\n"
		"_sip._tls.contoso.com. SRV 1\n"
		"sip.contoso.com. A 2\n"
		"sip.contoso.com. AAAA 1\n"
		"xmpp.contoso.com. A 2\n"
		"xmpp.contoso.com. AAAA 1\n");
	assert_int_equal(p.n_owned, 7);
	assert_int_equal(p.n_zones, 1);
	assert_string_equal(p.zones[0], "contoso.com");
	szi_live_plan_clear(&p);
	sz_model_free(m);
}

static void test_service_names_the_model_turns_off(void **state)
{
	(void)state;
	sz_model *m = load();
	sz_live_plan p;
	sz_live_error err = { .rcode = -1 };
	const char *zones[] = { "fabrikam.com" };
	assert_int_equal(szi_live_plan_build(m, zones, 1, &p, &err), SZ_OK);
	char got[4096];
	describe(&p, got, sizeof(got));
	/* direct federation: the federation SRV is owned, and wanted absent */
	assert_string_equal(got,
		"_sipfederationtls._tcp.fabrikam.com. SRV 0\n"
		"_xmpp-server._tcp.fabrikam.com. SRV 0\n"
		"_sip._tls.fabrikam.com. SRV 1\n"
		"sip.fabrikam.com. A 2\n"
		"sip.fabrikam.com. AAAA 1\n");
	assert_int_equal(p.items[3].ttl, 300);
	szi_live_plan_clear(&p);
	sz_model_free(m);
}

static void test_zone_selection(void **state)
{
	(void)state;
	sz_model *m = load();
	sz_live_plan p;
	sz_live_error err = { .rcode = -1 };
	assert_int_equal(szi_live_plan_build(m, NULL, 0, &p, &err), SZ_OK);
	assert_int_equal(p.n_zones, 3);   /* contoso.com, fabrikam.com, edge.contoso.net */
	assert_int_equal(p.n_owned, 7 + 2 + 5);
	szi_live_plan_clear(&p);
	/* a zone above a snippet selects it */
	const char *net[] = { "contoso.net" };
	assert_int_equal(szi_live_plan_build(m, net, 1, &p, &err), SZ_OK);
	assert_int_equal(p.n_owned, 2);
	assert_string_equal(p.zones[0], "edge.contoso.net");
	ldns_rdf *n = ldns_dname_new_frm_str("x.av.EDGE.contoso.net.");
	assert_int_equal(szi_live_plan_zone_of(&p, n), 0);
	ldns_rdf_deep_free(n);
	n = ldns_dname_new_frm_str("contoso.net.");
	assert_int_equal(szi_live_plan_zone_of(&p, n), -1);
	ldns_rdf_deep_free(n);
	szi_live_plan_clear(&p);
	const char *other[] = { "example.org" };
	assert_int_equal(szi_live_plan_build(m, other, 1, &p, &err), SZ_ERR_USAGE);
	assert_non_null(strstr(err.text, "no records in zone example.org"));
	/* the model's zones in canonical order: "com" before "net" */
	assert_non_null(strstr(err.text, "(its zones: contoso.com, fabrikam.com, edge.contoso.net)"));
	const char *bad[] = { "a..b" };
	assert_int_equal(szi_live_plan_build(m, bad, 1, &p, &err), SZ_ERR_USAGE);
	sz_model_free(m);
}

/* An answer packet holding these records (presentation form). */
static ldns_pkt *answer(bool aa, const char *const *rrs, size_t n)
{
	ldns_pkt *p = ldns_pkt_new();
	assert_non_null(p);
	ldns_pkt_set_aa(p, aa);
	for (size_t i = 0; i < n; i++) {
		ldns_rr *rr = NULL;
		assert_int_equal(ldns_rr_new_frm_str(&rr, rrs[i], 3600, NULL, NULL), LDNS_STATUS_OK);
		assert_true(ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr));
	}
	return p;
}

/* The state of sip.contoso.com A after an answer with these records. */
static sz_rrset_state state_after(sz_live_plan *p, bool aa, const char *const *rrs, size_t n)
{
	ldns_rdf *owner = ldns_dname_new_frm_str("sip.contoso.com.");
	sz_live_slot *s = szi_live_plan_find(p, owner, LDNS_RR_TYPE_A);
	ldns_rdf_deep_free(owner);
	assert_non_null(s);
	ldns_pkt *pkt = answer(aa, rrs, n);
	assert_int_equal(szi_live_rrset_take_answer(s, pkt), SZ_OK);
	ldns_pkt_free(pkt);
	return szi_live_rrset_state(s);
}

static void test_states(void **state)
{
	(void)state;
	sz_model *m = load();
	sz_live_plan p;
	sz_live_error err = { .rcode = -1 };
	const char *zones[] = { "contoso.com" };
	assert_int_equal(szi_live_plan_build(m, zones, 1, &p, &err), SZ_OK);
	const char *same[] = { "SIP.contoso.com. 3600 IN A 203.0.113.11", "sip.contoso.com. 3600 IN A 203.0.113.10" };
	assert_int_equal(state_after(&p, true, same, 2), SZ_RRSET_OK);
	const char *ttl[] = { "sip.contoso.com. 300 IN A 203.0.113.11", "sip.contoso.com. 300 IN A 203.0.113.10" };
	assert_int_equal(state_after(&p, true, ttl, 2), SZ_RRSET_DIFFERENT);
	/* a cache's TTLs count down: not compared without AA */
	assert_int_equal(state_after(&p, false, ttl, 2), SZ_RRSET_OK);
	assert_int_equal(state_after(&p, true, NULL, 0), SZ_RRSET_MISSING);
	const char *more[] = { same[0], same[1], "sip.contoso.com. 3600 IN A 192.0.2.1" };
	assert_int_equal(state_after(&p, true, more, 3), SZ_RRSET_EXTRA);
	const char *less[] = { same[0] };
	assert_int_equal(state_after(&p, true, less, 1), SZ_RRSET_DIFFERENT);
	const char *other[] = { same[0], "sip.contoso.com. 3600 IN A 192.0.2.1" };
	assert_int_equal(state_after(&p, true, other, 2), SZ_RRSET_DIFFERENT);
	/* records of other names and types in the answer are not the RRset's */
	const char *alias[] = { "sip.contoso.com. 3600 IN CNAME edge.contoso.net.",
				"edge.contoso.net. 3600 IN A 203.0.113.10",
				"sip.contoso.com. 3600 IN TXT \"x\"" };
	assert_int_equal(state_after(&p, true, alias, 3), SZ_RRSET_MISSING);
	ldns_rdf *owner = ldns_dname_new_frm_str("sip.contoso.com.");
	const sz_live_slot *s = szi_live_plan_find(&p, owner, LDNS_RR_TYPE_A);
	assert_non_null(s->alias);
	assert_int_equal(ldns_rr_list_rr_count(s->served), 0);
	ldns_rdf_deep_free(owner);
	szi_live_plan_clear(&p);
	sz_model_free(m);
}

static void test_owned_but_unwanted(void **state)
{
	(void)state;
	sz_model *m = load();
	sz_live_plan p;
	sz_live_error err = { .rcode = -1 };
	const char *zones[] = { "fabrikam.com" };
	assert_int_equal(szi_live_plan_build(m, zones, 1, &p, &err), SZ_OK);
	sz_live_slot *fed = &p.items[0];
	ldns_pkt *none = answer(true, NULL, 0);
	assert_int_equal(szi_live_rrset_take_answer(fed, none), SZ_OK);
	assert_int_equal(szi_live_rrset_state(fed), SZ_RRSET_OK);
	const char *srv[] = { "_sipfederationtls._tcp.fabrikam.com. 300 IN SRV 0 0 5061 sip.fabrikam.com." };
	ldns_pkt *one = answer(true, srv, 1);
	assert_int_equal(szi_live_rrset_take_answer(fed, one), SZ_OK);
	assert_int_equal(szi_live_rrset_state(fed), SZ_RRSET_EXTRA);
	ldns_pkt_free(none);
	ldns_pkt_free(one);
	szi_live_plan_clear(&p);
	sz_model_free(m);
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* szi_live_dname_cmp() orders names as ldns_dname_compare() does (RFC
 * 4034 canonical order, case-insensitive), on names chosen to hit its
 * edges: ancestors, label prefixes, case, the root, escaped bytes. */
static void test_dname_cmp_is_canonical(void **state)
{
	(void)state;
	static const char *const names[] = {
		".", "com.", "contoso.com.", "CONTOSO.com.", "a.contoso.com.", "ab.contoso.com.",
		"a.b.contoso.com.", "_sip._tls.contoso.com.", "_sipzone.sip.contoso.com.", "sip.contoso.com.",
		"*.contoso.com.", "z.contoso.com.", "\\000.contoso.com.", "\\255.contoso.com.", "contoso.net.",
		"a.", "A.", "aa.", "a.a.", "xn--bcher-kva.example.", "sip.contoso.co.",
	};
	size_t n = sizeof(names) / sizeof(names[0]);
	ldns_rdf *r[sizeof(names) / sizeof(names[0])];
	for (size_t i = 0; i < n; i++)
		assert_non_null(r[i] = ldns_dname_new_frm_str(names[i]));
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
		{
			assert_int_equal(sign(szi_live_dname_cmp(r[i], r[j])), sign(ldns_dname_compare(r[i], r[j])));
			/* sort keys give the same order (a zero octet in a label has none) */
			uint8_t ki[SZI_LIVE_KEY_MAX], kj[SZI_LIVE_KEY_MAX];
			uint16_t li, lj;
			if (szi_live_name_key(r[i], ki, &li) && szi_live_name_key(r[j], kj, &lj))
				assert_int_equal(sign(szi_live_key_cmp(ki, li, kj, lj)), sign(ldns_dname_compare(r[i], r[j])));
			else
				assert_true(strstr(names[i], "\\000") != NULL || strstr(names[j], "\\000") != NULL);
		}
	for (size_t i = 0; i < n; i++)
		ldns_rdf_deep_free(r[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_owned_rrsets_of_a_zone),
		cmocka_unit_test(test_service_names_the_model_turns_off),
		cmocka_unit_test(test_zone_selection),
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_owned_but_unwanted),
		cmocka_unit_test(test_dname_cmp_is_canonical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
