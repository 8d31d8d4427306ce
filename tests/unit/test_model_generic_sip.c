/*
 * test_model_generic_sip.c: a domain's generic_sip key (issue 17): what the
 * loader makes of it (transport order, default and given ports, the host
 * normalised or left to the access host), its diagnostics at their JSON
 * path, and the SRV records each view gets; the canonical order of NAPTR
 * records (records/snippet.c) against ldns's.
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

#include <ldns/ldns.h>

#include "model_result.h"
#include "records/builder.h"
#include "sipzone/model.h"
#include "sipzone/records.h"

#define POOL \
	"{\"version\": 1, \"edge_pools\": {\"edge\": {\"access_edge\": \"sip.example.com\",\n" \
	"  \"addresses\": [\"192.0.2.10\"],\n" \
	"  \"certificate\": {\"subject\": \"sip.example.com\", \"san\": [\"sip.example.com\", \"sip.example.net\"]}}},\n" \
	" \"front_end_pools\": {\"fe\": {\"fqdn\": \"pool.example.com\", \"addresses\": [\"10.0.0.1\"]}},\n"

static const char good_model[] = POOL
	" \"sip_domains\": [\n"
	"  {\"domain\": \"example.com\", \"edge_pool\": \"edge\", \"front_end_pool\": \"fe\",\n"
	"   \"generic_sip\": {\"transports\": [\"udp\", \"tls\", \"tcp\"], \"ports\": {\"tcp\": 5080}, \"naptr\": true}},\n"
	"  {\"domain\": \"example.net\", \"edge_pool\": \"edge\", \"federation\": \"none\", \"remote_access\": false,\n"
	"   \"generic_sip\": {\"transports\": [\"tcp\"], \"host\": \"PBX.Example.NET.\", \"addresses\": [\"192.0.2.50\"]}},\n"
	"  {\"domain\": \"example.org\", \"edge_pool\": \"edge\", \"federation\": \"none\", \"remote_access\": false,\n"
	"   \"generic_sip\": {\"transports\": [\"tcp\"], \"host\": \"sip.example.org\"}}]}\n";

static void test_loaded(void **state)
{
	(void)state;
	result r = load(good_model);
	print_diags(&r);
	assert_int_equal(r.status, SZ_OK);
	const sz_domain *com = sz_model_find_domain(r.model, "example.com");
	const sz_generic_sip *g = &com->generic_sip;
	assert_int_equal(g->n_transports, 3);
	assert_int_equal(g->transports[0], SZ_SIP_UDP);
	assert_int_equal(g->transports[1], SZ_SIP_TLS);
	assert_int_equal(g->transports[2], SZ_SIP_TCP);
	assert_int_equal(g->ports[SZ_SIP_TLS], 5061);
	assert_int_equal(g->ports[SZ_SIP_TCP], 5080);
	assert_int_equal(g->ports[SZ_SIP_UDP], 5060);
	assert_null(g->host.fqdn); /* the access host */
	assert_true(g->naptr);
	const sz_generic_sip *net = &sz_model_find_domain(r.model, "example.net")->generic_sip;
	assert_string_equal(net->host.fqdn, "pbx.example.net");
	assert_int_equal(net->host.n_addrs, 1);
	assert_false(net->naptr); /* the default */
	/* naming the access host is the same as naming none */
	assert_null(sz_model_find_domain(r.model, "example.org")->generic_sip.host.fqdn);
	assert_string_equal(sz_sip_transport_name(SZ_SIP_TLS), "tls");
	done(&r);
}

static size_t count_srv(const sz_snippets *all, const char *owner, uint16_t port,
			const char *target)
{
	size_t n = 0;
	for (size_t i = 0; i < all->count; i++)
		for (size_t k = 0; k < all->items[i].n_records; k++) {
			const sz_record *rec = &all->items[i].records[k];
			if (rec->type == SZ_TYPE_SRV && strcmp(rec->owner, owner) == 0 &&
			    (port == 0 || (rec->rdata.srv.port == port &&
					   strcmp(rec->rdata.srv.target, target) == 0)))
				n++;
		}
	return n;
}

/* The NAPTR at `owner` with `service`: its order, or -1 when there is none;
 * every NAPTR found must have RFC 3263 section 4.1's form. */
static int naptr_order(const sz_snippets *all, const char *owner, const char *service,
		       const char *replacement)
{
	int order = -1;
	for (size_t i = 0; i < all->count; i++)
		for (size_t k = 0; k < all->items[i].n_records; k++) {
			const sz_record *rec = &all->items[i].records[k];
			if (rec->type != SZ_TYPE_NAPTR || strcmp(rec->owner, owner) != 0 ||
			    strcmp(rec->rdata.naptr.service, service) != 0)
				continue;
			assert_int_equal(order, -1); /* one per service */
			assert_string_equal(rec->rdata.naptr.flags, "s");
			assert_string_equal(rec->rdata.naptr.regexp, "");
			assert_int_equal(rec->rdata.naptr.preference, 50);
			assert_string_equal(rec->rdata.naptr.replacement, replacement);
			order = rec->rdata.naptr.order;
		}
	return order;
}

static void test_records_by_view(void **state)
{
	(void)state;
	result r = load(good_model);
	assert_int_equal(r.status, SZ_OK);
	sz_snippets *ext = NULL, *in = NULL;
	assert_int_equal(sz_snippets_build_view(r.model, SZ_VIEW_EXTERNAL, &ext), SZ_OK);
	assert_int_equal(count_srv(ext, "_sips._tcp.example.com", 5061, "sip.example.com"), 1);
	assert_int_equal(count_srv(ext, "_sip._tcp.example.com", 5080, "sip.example.com"), 1);
	assert_int_equal(count_srv(ext, "_sip._udp.example.com", 5060, "sip.example.com"), 1);
	assert_int_equal(count_srv(ext, "_sip._tcp.example.net", 5060, "pbx.example.net"), 1);
	assert_int_equal(count_srv(ext, "_sips._tcp.example.net", 0, NULL), 0);
	assert_int_equal(count_srv(ext, "_sip._udp.example.net", 0, NULL), 0);
	/* naptr: one per transport, ranked by the model's order (udp, tls, tcp) */
	assert_int_equal(naptr_order(ext, "example.com", "SIP+D2U", "_sip._udp.example.com"), 10);
	assert_int_equal(naptr_order(ext, "example.com", "SIPS+D2T", "_sips._tcp.example.com"), 20);
	assert_int_equal(naptr_order(ext, "example.com", "SIP+D2T", "_sip._tcp.example.com"), 30);
	assert_int_equal(naptr_order(ext, "example.net", "SIP+D2T", "_sip._tcp.example.net"), -1);
	/* external only, even for a domain with a front-end pool */
	assert_int_equal(sz_snippets_build_view(r.model, SZ_VIEW_INTERNAL, &in), SZ_OK);
	assert_int_equal(count_srv(in, "_sips._tcp.example.com", 0, NULL), 0);
	assert_int_equal(count_srv(in, "_sip._tcp.example.com", 0, NULL), 0);
	assert_int_equal(count_srv(in, "_sip._udp.example.com", 0, NULL), 0);
	assert_int_equal(naptr_order(in, "example.com", "SIP+D2U", "_sip._udp.example.com"), -1);
	sz_snippets_free(ext);
	sz_snippets_free(in);
	done(&r);
}

static void assert_diag(const result *r, const char *rule, const char *path)
{
	for (size_t i = 0; i < r->diags.count; i++)
		if (strcmp(r->diags.items[i].rule, rule) == 0 && r->diags.items[i].path != NULL &&
		    strcmp(r->diags.items[i].path, path) == 0)
			return;
	print_diags(r);
	fail_msg("no %s at %s", rule, path);
}

static void test_errors(void **state)
{
	(void)state;
	result r = load(POOL
		" \"sip_domains\": [\n"
		"  {\"domain\": \"example.com\", \"edge_pool\": \"edge\",\n"
		"   \"generic_sip\": {\"transports\": [\"tcp\", \"TLS\", \"tcp\"], \"ports\": {\"tls\": 0, \"udp\": 65536, \"sctp\": 1}}},\n"
		"  {\"domain\": \"example.net\", \"edge_pool\": \"edge\",\n"
		"   \"generic_sip\": {\"transports\": [\"udp\"], \"host\": \"pbx.example.com\", \"addresses\": [\"192.0.2.9\"]}},\n"
		"  {\"domain\": \"example.org\", \"edge_pool\": \"edge\",\n"
		"   \"generic_sip\": {\"ports\": {}, \"naptr\": \"yes\", \"srv\": true}},\n"
		"  {\"domain\": \"example.edu\", \"edge_pool\": \"edge\",\n"
		"   \"generic_sip\": {\"transports\": [\"tls\"], \"addresses\": [\"192.0.2.9\"]}}]}\n");
	assert_int_equal(r.status, SZ_ERR_INVALID);
	assert_null(r.model);
	assert_diag(&r, "bad-value", "sip_domains[0].generic_sip.transports[1]"); /* names are lower-case */
	assert_diag(&r, "bad-value", "sip_domains[0].generic_sip.transports[2]"); /* repeated */
	assert_diag(&r, "bad-value", "sip_domains[0].generic_sip.ports.tls");
	assert_diag(&r, "bad-value", "sip_domains[0].generic_sip.ports.udp");
	assert_diag(&r, "unknown-key", "sip_domains[0].generic_sip.ports.sctp");
	assert_diag(&r, "namespace", "sip_domains[1].generic_sip.host");
	assert_diag(&r, "missing-key", "sip_domains[2].generic_sip"); /* "transports" is required */
	assert_diag(&r, "wrong-type", "sip_domains[2].generic_sip.naptr");
	assert_diag(&r, "unknown-key", "sip_domains[2].generic_sip.srv");
	assert_diag(&r, "bad-value", "sip_domains[3].generic_sip.addresses");
	const sz_diag *ns = find(&r, "namespace");
	assert_int_equal(ns->line, 9);
	done(&r);
}

/* A plain SIP provider: no edge pool, its own host, even one called sip.D. */
static void test_provider_without_edge(void **state)
{
	(void)state;
	result r = load("{\"version\": 1, \"sip_domains\": [\n"
		"  {\"domain\": \"example.com\", \"federation\": \"none\", \"remote_access\": false,\n"
		"   \"generic_sip\": {\"transports\": [\"udp\"], \"host\": \"sip.example.com\", \"addresses\": [\"192.0.2.5\"]}}]}\n");
	print_diags(&r);
	assert_int_equal(r.status, SZ_OK);
	const sz_domain *d = sz_model_find_domain(r.model, "example.com");
	assert_null(d->pool);
	assert_string_equal(d->generic_sip.host.fqdn, "sip.example.com");
	sz_snippets *ext = NULL;
	assert_int_equal(sz_snippets_build_view(r.model, SZ_VIEW_EXTERNAL, &ext), SZ_OK);
	assert_int_equal(ext->count, 1);
	assert_int_equal(ext->items[0].n_records, 2); /* the SRV and sip.example.com's A */
	assert_int_equal(count_srv(ext, "_sip._udp.example.com", 5060, "sip.example.com"), 1);
	sz_snippets_free(ext);
	done(&r);
}

/* szi_record_cmp on NAPTRs agrees with ldns_rr_compare (RFC 4034 section
 * 6.3 canonical RDATA: a character-string's length octet first, so
 * "SIP+D2U" sorts before "SIPS+D2T"; upper-case flags before lower-case;
 * names in the replacement compare without case). */
static void test_naptr_canonical_order(void **state)
{
	(void)state;
	static const struct { uint16_t order, pref; const char *flags, *svc, *regexp, *repl; } v[] = {
		{ 10, 50, "s", "SIPS+D2T", "", "_sips._tcp.example.com" },
		{ 10, 50, "s", "SIP+D2U", "", "_sip._udp.example.com" },
		{ 10, 50, "S", "SIP+D2U", "", "_sip._udp.example.com" },
		{ 10, 50, "s", "SIP+D2T", "", "_sip._tcp.example.com" },
		{ 10, 50, "s", "SIP+D2T", "", "_SIP._tcp.example.com" },
		{ 10, 50, "s", "SIP+D2T", "", "_sip._tcp.example.org" },
		{ 10, 50, "s", "SIP+D2T", "", "" },
		{ 10, 49, "s", "SIPS+D2T", "", "_sips._tcp.example.com" },
		{ 9, 60, "s", "SIPS+D2T", "", "_sips._tcp.example.com" },
		{ 256, 1, "s", "SIPS+D2T", "", "_sips._tcp.example.com" },
		{ 10, 50, "s", "SIP+D2T", "!x!y!", "" },
		/* length first: "Z" before "AA" (text order would say otherwise) */
		{ 10, 50, "s", "Z", "", "" },
		{ 10, 50, "s", "AA", "", "" },
	};
	size_t n = sizeof(v) / sizeof(v[0]);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			sz_record a = { .owner = "example.com", .type = SZ_TYPE_NAPTR, .ttl = 60 };
			sz_record b = a;
			a.rdata.naptr.order = v[i].order;
			a.rdata.naptr.preference = v[i].pref;
			a.rdata.naptr.flags = v[i].flags;
			a.rdata.naptr.service = v[i].svc;
			a.rdata.naptr.regexp = v[i].regexp;
			a.rdata.naptr.replacement = v[i].repl;
			b.rdata.naptr.order = v[j].order;
			b.rdata.naptr.preference = v[j].pref;
			b.rdata.naptr.flags = v[j].flags;
			b.rdata.naptr.service = v[j].svc;
			b.rdata.naptr.regexp = v[j].regexp;
			b.rdata.naptr.replacement = v[j].repl;
			char ta[256], tb[256];
			snprintf(ta, sizeof(ta), "example.com. 60 IN NAPTR %u %u \"%s\" \"%s\" \"%s\" %s.",
				 v[i].order, v[i].pref, v[i].flags, v[i].svc, v[i].regexp, v[i].repl);
			snprintf(tb, sizeof(tb), "example.com. 60 IN NAPTR %u %u \"%s\" \"%s\" \"%s\" %s.",
				 v[j].order, v[j].pref, v[j].flags, v[j].svc, v[j].regexp, v[j].repl);
			ldns_rr *ra = NULL, *rb = NULL;
			assert_int_equal(ldns_rr_new_frm_str(&ra, ta, 0, NULL, NULL), LDNS_STATUS_OK);
			assert_int_equal(ldns_rr_new_frm_str(&rb, tb, 0, NULL, NULL), LDNS_STATUS_OK);
			ldns_rr2canonical(ra);
			ldns_rr2canonical(rb);
			int want = ldns_rr_compare(ra, rb), got = szi_record_cmp(&a, &b);
			if ((want > 0) != (got > 0) || (want < 0) != (got < 0))
				fail_msg("%s vs %s: ldns %d, sipzone %d", ta, tb, want, got);
			ldns_rr_free(ra);
			ldns_rr_free(rb);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loaded),
		cmocka_unit_test(test_records_by_view),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_provider_without_edge),
		cmocka_unit_test(test_naptr_canonical_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
