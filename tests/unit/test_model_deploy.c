/*
 * test_model_deploy.c: the deployment keys of the model (issue 7):
 * front_end_pools, reverse_proxy, internal_web, and per domain
 * front_end_pool, web_services and hosted (issue 12: internal_fqdn,
 * internal_addresses, teams_only, the DoD and 21Vianet clouds, wildcard SAN
 * entries and the certificate rules); what the loader makes of them,
 * two of its diagnostics with their line:column, and how many records each
 * view of a small model holds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_result.h"
#include "sipzone/model.h"
#include "sipzone/records.h"


static void assert_addr(const sz_addr *a, const char *text)
{
	unsigned char want[16];
	int family = strchr(text, ':') != NULL ? AF_INET6 : AF_INET;
	assert_int_equal(inet_pton(family, text, want), 1);
	assert_int_equal(a->family, family);
	assert_memory_equal(a->bytes, want, family == AF_INET ? 4 : 16);
}

static const sz_fe_pool *fe_pool(const sz_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_fe_pools; i++)
		if (strcmp(m->fe_pools[i].name, name) == 0)
			return &m->fe_pools[i];
	fail_msg("no front-end pool %s", name);
	return NULL;
}

/* Every new key, written in mixed case and order, with trailing dots. */
static const char full_model[] =
	"{\"version\": 1, \"defaults\": {\"ttl\": 1800},\n"
	" \"edge_pools\": {\"edge\": {\"access_edge\": \"sip.contoso.com\",\n"
	"   \"addresses\": [\"203.0.113.10\"],\n"
	"   \"certificate\": {\"subject\": \"sip.contoso.com\",\n"
	"     \"san\": [\"sip.contoso.com\", \"access.fabrikam.com\", \"sip.litwareinc.com\"]}}},\n"
	" \"front_end_pools\": {\n"
	"   \"fe-lab\": {\"fqdn\": \"pool02.corp.adatum.net\", \"addresses\": [\"10.0.2.11\"]},\n"
	"   \"fe-eu\": {\"fqdn\": \"Pool01.Contoso.COM.\", \"addresses\": [\"fd00::13\", \"10.0.1.12\", \"10.0.1.11\"],\n"
	"     \"certificate\": {\"subject\": \"POOL01.contoso.com\",\n"
	"       \"san\": [\"sip.fabrikam.com\", \"Sip.Contoso.com.\", \"pool01.contoso.com\"]}}},\n"
	" \"reverse_proxy\": {\"addresses\": [\"2001:db8::40\", \"203.0.113.40\"]},\n"
	" \"internal_web\": {\"addresses\": [\"10.0.1.20\"]},\n"
	" \"sip_domains\": [\n"
	"  {\"domain\": \"treyresearch.net\", \"hosted\": \"microsoft365-gcc-high\", \"ttl\": 300},\n"
	"  {\"domain\": \"Tailspintoys.com.\", \"hosted\": \"microsoft365\"},\n"
	"  {\"domain\": \"litwareinc.com\", \"edge_pool\": \"edge\", \"federation\": \"direct\",\n"
	"   \"front_end_pool\": \"fe-lab\"},\n"
	"  {\"domain\": \"fabrikam.com\", \"edge_pool\": \"edge\", \"federation\": \"enhanced\",\n"
	"   \"access_host\": \"access.fabrikam.com\", \"ttl\": 600, \"front_end_pool\": \"fe-eu\",\n"
	"   \"web_services\": {\"meet\": true, \"lyncdiscover\": true, \"dialin\": false}},\n"
	"  {\"domain\": \"contoso.com\", \"edge_pool\": \"edge\", \"front_end_pool\": \"fe-eu\",\n"
	"   \"web_services\": {\"lyncdiscover\": true, \"meet\": true, \"dialin\": true, \"admin\": true}}\n"
	" ]}\n";

static void test_front_end_pools_and_endpoints(void **state)
{
	(void)state;
	result r = load(full_model);
	if (r.status != SZ_OK)
		print_diags(&r);
	assert_int_equal(r.status, SZ_OK);
	const sz_model *m = r.model;

	/* sorted by name; names lower-case without the trailing dot */
	assert_int_equal(m->n_fe_pools, 2);
	assert_string_equal(m->fe_pools[0].name, "fe-eu");
	assert_string_equal(m->fe_pools[1].name, "fe-lab");
	const sz_fe_pool *eu = fe_pool(m, "fe-eu");
	assert_string_equal(eu->host.fqdn, "pool01.contoso.com");
	assert_int_equal(eu->host.n_addrs, 3);
	assert_addr(&eu->host.addrs[0], "10.0.1.11"); /* by family, then value */
	assert_addr(&eu->host.addrs[1], "10.0.1.12");
	assert_addr(&eu->host.addrs[2], "fd00::13");
	assert_string_equal(eu->cert.subject, "pool01.contoso.com");
	assert_int_equal(eu->cert.n_san, 3);
	assert_string_equal(eu->cert.san[0], "pool01.contoso.com");
	assert_string_equal(eu->cert.san[1], "sip.contoso.com");
	assert_string_equal(eu->cert.san[2], "sip.fabrikam.com");
	const sz_fe_pool *lab = fe_pool(m, "fe-lab");
	assert_string_equal(lab->host.fqdn, "pool02.corp.adatum.net");
	assert_null(lab->cert.subject); /* the certificate is optional */
	assert_int_equal(lab->cert.n_san, 0);

	/* endpoints: addresses, no name of their own */
	assert_null(m->reverse_proxy.fqdn);
	assert_int_equal(m->reverse_proxy.n_addrs, 2);
	assert_addr(&m->reverse_proxy.addrs[0], "203.0.113.40");
	assert_addr(&m->reverse_proxy.addrs[1], "2001:db8::40");
	assert_null(m->internal_web.fqdn);
	assert_int_equal(m->internal_web.n_addrs, 1);
	assert_addr(&m->internal_web.addrs[0], "10.0.1.20");
	done(&r);
}

static void test_domain_keys(void **state)
{
	(void)state;
	result r = load(full_model);
	assert_int_equal(r.status, SZ_OK);
	const sz_model *m = r.model;
	assert_int_equal(m->default_ttl, 1800);
	const sz_fe_pool *eu = fe_pool(m, "fe-eu"), *lab = fe_pool(m, "fe-lab");

	const sz_domain *d = sz_model_find_domain(m, "contoso.com");
	assert_non_null(d);
	assert_ptr_equal(d->fe_pool, eu);
	assert_int_equal(d->web, SZ_WEB_LYNCDISCOVER | SZ_WEB_MEET | SZ_WEB_DIALIN | SZ_WEB_ADMIN);
	assert_int_equal(d->hosted, SZ_HOSTED_NONE);
	assert_non_null(d->pool);
	assert_int_equal(d->ttl, 1800); /* defaults.ttl */

	d = sz_model_find_domain(m, "fabrikam.com");
	assert_non_null(d);
	assert_ptr_equal(d->fe_pool, eu);
	assert_int_equal(d->web, SZ_WEB_LYNCDISCOVER | SZ_WEB_MEET); /* false sets nothing */
	assert_string_equal(d->access_host, "access.fabrikam.com");
	assert_int_equal(d->ttl, 600);

	d = sz_model_find_domain(m, "litwareinc.com");
	assert_non_null(d);
	assert_ptr_equal(d->fe_pool, lab);
	assert_int_equal(d->web, 0);

	/* hosted: no pools, no access host; Microsoft's 3600 unless ttl is set,
	 * whatever defaults.ttl says */
	d = sz_model_find_domain(m, "tailspintoys.com");
	assert_non_null(d);
	assert_int_equal(d->hosted, SZ_HOSTED_M365);
	assert_null(d->pool);
	assert_null(d->fe_pool);
	assert_null(d->access_host);
	assert_int_equal(d->web, 0);
	assert_int_equal(d->ttl, 3600);
	d = sz_model_find_domain(m, "treyresearch.net");
	assert_non_null(d);
	assert_int_equal(d->hosted, SZ_HOSTED_M365_GCC_HIGH);
	assert_int_equal(d->ttl, 300);

	const sz_hosted_names *h = sz_hosted_info(SZ_HOSTED_M365);
	assert_string_equal(h->key, "microsoft365");
	assert_string_equal(h->sipfed, "sipfed.online.lync.com");
	assert_string_equal(h->sipdir, "sipdir.online.lync.com");
	assert_string_equal(h->webdir, "webdir.online.lync.com");
	h = sz_hosted_info(SZ_HOSTED_M365_GCC_HIGH);
	assert_string_equal(h->key, "microsoft365-gcc-high");
	assert_string_equal(h->sipfed, "sipfed.online.gov.skypeforbusiness.us");
	assert_string_equal(h->sipdir, "sipdir.online.gov.skypeforbusiness.us");
	assert_string_equal(h->webdir, "webdir.online.gov.skypeforbusiness.us");
	assert_null(sz_hosted_info(SZ_HOSTED_NONE));
	done(&r);
}

/* A version 1 model without the new keys means what it always meant. */
static void test_keys_absent(void **state)
{
	(void)state;
	result r = load("{\"version\": 1, \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", "
			"\"addresses\": [\"192.0.2.1\"], \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\"]}}}, "
			"\"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\"}]}");
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.model->n_fe_pools, 0);
	assert_int_equal(r.model->reverse_proxy.n_addrs, 0);
	assert_int_equal(r.model->internal_web.n_addrs, 0);
	assert_null(r.model->domains[0].fe_pool);
	assert_int_equal(r.model->domains[0].web, 0);
	assert_int_equal(r.model->domains[0].hosted, SZ_HOSTED_NONE);
	assert_int_equal(r.model->domains[0].ttl, 3600);
	done(&r);
}

/* Line:column by hand: line 7 is "  {"domain": "b.com", ... "front_end_pool": "nope","
 * whose value's quote is byte 81; line 8 is three spaces, "web_services": , and the
 * object's brace at byte 20. */
static void test_rule_errors_located(void **state)
{
	(void)state;
	result r = load("{\n"
			"\"version\": 1,\n"
			"\"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", \"addresses\": [\"192.0.2.1\"], \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\", \"sip.b.com\"]}}},\n"
			"\"reverse_proxy\": {\"addresses\": [\"192.0.2.40\"]},\n"
			"\"sip_domains\": [\n"
			"  {\"domain\": \"a.com\", \"edge_pool\": \"p\", \"federation\": \"none\", \"web_services\": {\"dialin\": true}},\n"
			"  {\"domain\": \"b.com\", \"edge_pool\": \"p\", \"federation\": \"none\", \"front_end_pool\": \"nope\",\n"
			"   \"web_services\": {\"dialin\": true}}\n"
			"]}");
	assert_int_equal(r.status, SZ_ERR_INVALID);
	assert_null(r.model);
	if (r.diags.count != 2)
		print_diags(&r);
	assert_int_equal(r.diags.count, 2);
	const sz_diag *d = find(&r, "unknown-pool");
	assert_string_equal(d->path, "sip_domains[1].front_end_pool");
	assert_int_equal(d->line, 7);
	assert_int_equal(d->col, 81);
	d = find(&r, "once-per-organisation");
	assert_string_equal(d->path, "sip_domains[1].web_services");
	assert_int_equal(d->line, 8);
	assert_int_equal(d->col, 20);
	done(&r);
}

/* A server key on a hosted domain is reported at the key: line 6, after
 * three spaces, the quote of "xmpp" is byte 4. */
static void test_hosted_with_server_key(void **state)
{
	(void)state;
	result r = load("{\n"
			"\"version\": 1,\n"
			"\"edge_pools\": {},\n"
			"\"sip_domains\": [\n"
			"  {\"domain\": \"c.com\", \"hosted\": \"microsoft365\",\n"
			"   \"xmpp\": true}\n"
			"]}");
	assert_int_equal(r.status, SZ_ERR_INVALID);
	if (r.diags.count != 1)
		print_diags(&r);
	assert_int_equal(r.diags.count, 1);
	const sz_diag *d = find(&r, "bad-value");
	assert_string_equal(d->path, "sip_domains[0].xmpp");
	assert_int_equal(d->line, 6);
	assert_int_equal(d->col, 4);
	done(&r);
}

typedef struct counts {
	size_t n;
	char zone[8][64];
	size_t records[8];
} counts;

static sz_status count_snippet(sz_snippet *s, void *ctx)
{
	counts *c = ctx;
	if (c->n < 8) {
		snprintf(c->zone[c->n], sizeof(c->zone[0]), "%s", s->zone);
		c->records[c->n] = s->n_records;
	}
	c->n++;
	sz_snippet_free(s);
	return SZ_OK;
}

/*
 * a.com: edge, open federation, front-end pool, lyncdiscover and meet.
 * b.com: Microsoft 365. c.com: edge only, no federation, no remote access.
 *   external: a.com  _sipfederationtls, _sip._tls, sip A, lyncdiscover A,
 *                    meet A                                            = 5
 *             b.com  2 SRV, 2 CNAME                                    = 4
 *             c.com  sip A (the access host, always)                   = 1
 *   internal: a.com  _sipinternaltls (sip.a.com): 1 SRV; sip, sipinternal
 *                    and pool.a.com 2 A each; lyncdiscoverinternal and
 *                    meet 1 A each; no mobile-push SRV (the edge pool
 *                    gives no internal_fqdn)                            = 9
 *             b.com  the same 4 as outside                             = 4
 *             c.com  no front-end pool: no snippet
 */
static void test_records_per_view(void **state)
{
	(void)state;
	result r = load("{\"version\": 1,"
			" \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", \"addresses\": [\"192.0.2.1\"],"
			"   \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\"]}}},"
			" \"front_end_pools\": {\"f\": {\"fqdn\": \"pool.a.com\", \"addresses\": [\"10.0.0.1\", \"10.0.0.2\"]}},"
			" \"reverse_proxy\": {\"addresses\": [\"192.0.2.40\"]},"
			" \"internal_web\": {\"addresses\": [\"10.0.0.40\"]},"
			" \"sip_domains\": ["
			"  {\"domain\": \"a.com\", \"edge_pool\": \"p\", \"front_end_pool\": \"f\","
			"   \"web_services\": {\"lyncdiscover\": true, \"meet\": true}},"
			"  {\"domain\": \"b.com\", \"hosted\": \"microsoft365\"},"
			"  {\"domain\": \"c.com\", \"edge_pool\": \"p\", \"federation\": \"none\", \"remote_access\": false}"
			" ]}");
	if (r.status != SZ_OK)
		print_diags(&r);
	assert_int_equal(r.status, SZ_OK);

	counts ext = { 0 };
	assert_int_equal(sz_snippets_each_view(r.model, SZ_VIEW_EXTERNAL, count_snippet, &ext), SZ_OK);
	assert_int_equal(ext.n, 3);
	assert_string_equal(ext.zone[0], "a.com");
	assert_int_equal(ext.records[0], 5);
	assert_string_equal(ext.zone[1], "b.com");
	assert_int_equal(ext.records[1], 4);
	assert_string_equal(ext.zone[2], "c.com");
	assert_int_equal(ext.records[2], 1);

	/* sz_snippets_each() is the external view */
	counts dflt = { 0 };
	assert_int_equal(sz_snippets_each(r.model, count_snippet, &dflt), SZ_OK);
	assert_int_equal(dflt.n, ext.n);
	for (size_t i = 0; i < ext.n; i++)
		assert_int_equal(dflt.records[i], ext.records[i]);

	counts in = { 0 };
	assert_int_equal(sz_snippets_each_view(r.model, SZ_VIEW_INTERNAL, count_snippet, &in), SZ_OK);
	assert_int_equal(in.n, 2);
	assert_string_equal(in.zone[0], "a.com");
	assert_int_equal(in.records[0], 9);
	assert_string_equal(in.zone[1], "b.com");
	assert_int_equal(in.records[1], 4);
	done(&r);
}

/*
 * Issue 12: the edge's internal interface, the clouds, Teams-only and the
 * certificate rules as Microsoft states them
 * (lync-server-2013-certificate-requirements-for-external-user-access.md).
 *   internal: a.com  _sipinternaltls (sip.a.com) and the mobile-push
 *                    _sipfederationtls (edgepool-int.a.com): 2 SRV; sip,
 *                    sipinternal and pool.a.com 1 A each; edgepool-int.a.com
 *                    2 A                                               = 7
 *   external: t.com (Teams-only): the federation SRV alone             = 1
 *             d.com (DoD), v.com (21Vianet): 2 SRV, 2 CNAME each       = 4
 */
static const char edge_model[] =
	"{\"version\": 1,\n"
	" \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", \"addresses\": [\"192.0.2.1\"],\n"
	"   \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\", \"*.a.com\"]},\n"
	"   \"internal_fqdn\": \"EdgePool-int.a.com.\", \"internal_addresses\": [\"10.0.9.2\", \"10.0.9.1\"]}},\n"
	" \"front_end_pools\": {\"f\": {\"fqdn\": \"pool.a.com\", \"addresses\": [\"10.0.0.1\"],\n"
	"   \"certificate\": {\"subject\": \"pool.a.com\", \"san\": [\"pool.a.com\", \"sip.a.com\", \"*.a.com\"]}}},\n"
	" \"sip_domains\": [\n"
	"  {\"domain\": \"a.com\", \"edge_pool\": \"p\", \"front_end_pool\": \"f\"},\n"
	"  {\"domain\": \"t.com\", \"hosted\": \"microsoft365\", \"teams_only\": true},\n"
	"  {\"domain\": \"d.com\", \"hosted\": \"microsoft365-dod\"},\n"
	"  {\"domain\": \"v.com\", \"hosted\": \"microsoft365-21vianet\", \"teams_only\": false}\n"
	" ]}";

static void test_internal_edge_and_clouds(void **state)
{
	(void)state;
	result r = load(edge_model);
	if (r.status != SZ_OK)
		print_diags(&r);
	assert_int_equal(r.status, SZ_OK);
	const sz_model *m = r.model;
	const sz_pool *p = &m->pools[0];
	assert_string_equal(p->internal_edge.fqdn, "edgepool-int.a.com");
	assert_int_equal(p->internal_edge.n_addrs, 2);
	assert_addr(&p->internal_edge.addrs[0], "10.0.9.1");
	/* the wildcard is kept as written, and sorts before the names */
	assert_int_equal(p->n_san, 2);
	assert_string_equal(p->san[0], "*.a.com");
	assert_true(sz_model_find_domain(m, "t.com")->teams_only);
	assert_false(sz_model_find_domain(m, "v.com")->teams_only);
	assert_int_equal(sz_model_find_domain(m, "d.com")->hosted, SZ_HOSTED_M365_DOD);
	assert_int_equal(sz_model_find_domain(m, "v.com")->hosted, SZ_HOSTED_M365_21VIANET);
	const sz_hosted_names *h = sz_hosted_info(SZ_HOSTED_M365_DOD);
	assert_string_equal(h->key, "microsoft365-dod");
	assert_string_equal(h->sipfed, "sipfed.online.dod.skypeforbusiness.us");
	assert_string_equal(h->sipdir, "sipdir.online.dod.skypeforbusiness.us");
	assert_string_equal(h->webdir, "webdir.online.dod.skypeforbusiness.us");
	h = sz_hosted_info(SZ_HOSTED_M365_21VIANET);
	assert_string_equal(h->key, "microsoft365-21vianet");
	assert_string_equal(h->sipfed, "sipfed.online.partner.lync.cn");
	assert_string_equal(h->sipdir, "sipdir.online.partner.lync.cn");
	assert_string_equal(h->webdir, "webdir.online.partner.lync.cn");
	assert_true(sz_is_hosted_target("SIPFED.online.partner.lync.cn."));
	assert_true(sz_is_hosted_target("webdir.online.dod.skypeforbusiness.us"));

	counts ext = { 0 };
	assert_int_equal(sz_snippets_each_view(m, SZ_VIEW_EXTERNAL, count_snippet, &ext), SZ_OK);
	assert_int_equal(ext.n, 4);
	assert_string_equal(ext.zone[0], "a.com");
	assert_string_equal(ext.zone[1], "d.com");
	assert_int_equal(ext.records[1], 4);
	assert_string_equal(ext.zone[2], "t.com");
	assert_int_equal(ext.records[2], 1);
	assert_string_equal(ext.zone[3], "v.com");
	assert_int_equal(ext.records[3], 4);
	counts in = { 0 };
	assert_int_equal(sz_snippets_each_view(m, SZ_VIEW_INTERNAL, count_snippet, &in), SZ_OK);
	assert_string_equal(in.zone[0], "a.com");
	assert_int_equal(in.records[0], 7);

	/* sipinternal.a.com is missing from f's certificate (the wildcard
	 * covers nothing): an error for the internal view only */
	sz_diag_list v;
	sz_diag_list_init(&v);
	assert_int_equal(sz_model_view_findings(m, SZ_VIEW_EXTERNAL, &v), SZ_OK);
	assert_int_equal(v.count, 0);
	assert_int_equal(sz_model_view_findings(m, SZ_VIEW_INTERNAL, &v), SZ_ERR_INVALID);
	assert_int_equal(v.count, 1);
	assert_string_equal(v.items[0].rule, "cert-san-missing");
	assert_string_equal(v.items[0].path, "sip_domains[0].front_end_pool");
	assert_int_equal(v.items[0].line, 8);
	assert_non_null(strstr(v.items[0].message, "sipinternal.a.com"));
	assert_non_null(strstr(v.items[0].message, "front-end pool f"));
	sz_diag_list_clear(&v);
	done(&r);
}

/* Without internal_fqdn the internal view has no mobile-push SRV and
 * nothing asks for sipexternal.D; internal_fqdn needs its addresses. */
static void test_internal_edge_absent_or_half(void **state)
{
	(void)state;
	result r = load("{\"version\": 1,"
			" \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", \"addresses\": [\"192.0.2.1\"],"
			"   \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\"]}}},"
			" \"front_end_pools\": {\"f\": {\"fqdn\": \"pool.a.com\", \"addresses\": [\"10.0.0.1\"]}},"
			" \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\", \"front_end_pool\": \"f\"}]}");
	assert_int_equal(r.status, SZ_OK);
	assert_null(r.model->pools[0].internal_edge.fqdn);
	counts in = { 0 };
	assert_int_equal(sz_snippets_each_view(r.model, SZ_VIEW_INTERNAL, count_snippet, &in), SZ_OK);
	assert_int_equal(in.records[0], 4); /* _sipinternaltls, sip, sipinternal, pool */
	done(&r);

	r = load("{\"version\": 1,"
		 " \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", \"addresses\": [\"192.0.2.1\"],"
		 "   \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"sip.a.com\"]},"
		 "   \"internal_addresses\": [\"10.0.9.1\"]}},"
		 " \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\", \"teams_only\": true}]}");
	assert_int_equal(r.status, SZ_ERR_INVALID);
	if (r.diags.count != 2)
		print_diags(&r);
	assert_int_equal(r.diags.count, 2);
	assert_string_equal(find(&r, "missing-key")->path, "edge_pools.p");
	assert_string_equal(find(&r, "bad-value")->path, "sip_domains[0].teams_only");
	done(&r);
}

/* The certificate rules that block loading, each at its key. */
static void test_edge_certificate_rules(void **state)
{
	(void)state;
	result r = load("{\"version\": 1,"
			" \"edge_pools\": {\"p\": {\"access_edge\": \"sip.a.com\", \"addresses\": [\"192.0.2.1\"],"
			"   \"certificate\": {\"subject\": \"sip.a.com\", \"san\": [\"*.a.com\", \"*.b.com\"]},"
			"   \"webconf_edge\": {\"fqdn\": \"webcon.a.com\", \"addresses\": [\"192.0.2.2\"]}}},"
			" \"sip_domains\": [{\"domain\": \"a.com\", \"edge_pool\": \"p\", \"xmpp\": true},"
			"  {\"domain\": \"b.com\", \"edge_pool\": \"p\"}]}");
	assert_int_equal(r.status, SZ_ERR_INVALID);
	if (r.diags.count != 4)
		print_diags(&r);
	assert_int_equal(r.diags.count, 4);
	const char *paths[] = { "edge_pools.p.certificate.san", "edge_pools.p.webconf_edge.fqdn",
				"sip_domains[0].xmpp", "sip_domains[1].access_host" };
	for (size_t i = 0; i < 4; i++) {
		bool seen = false;
		for (size_t j = 0; j < r.diags.count; j++)
			if (strcmp(r.diags.items[j].path, paths[i]) == 0) {
				assert_string_equal(r.diags.items[j].rule, "cert-san-missing");
				assert_non_null(strstr(r.diags.items[j].message, "edge pool p"));
				seen = true;
			}
		if (!seen)
			fail_msg("no cert-san-missing at %s", paths[i]);
	}
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_front_end_pools_and_endpoints),
		cmocka_unit_test(test_domain_keys),
		cmocka_unit_test(test_keys_absent),
		cmocka_unit_test(test_rule_errors_located),
		cmocka_unit_test(test_hosted_with_server_key),
		cmocka_unit_test(test_records_per_view),
		cmocka_unit_test(test_internal_edge_and_clouds),
		cmocka_unit_test(test_internal_edge_absent_or_half),
		cmocka_unit_test(test_edge_certificate_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
