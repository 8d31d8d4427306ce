/*
 * test_sip_services.c: the table of SIP services (sip/services.c) walked
 * row by row, so that a new row cannot be half filled, and the SRV verdict
 * (sip/srv_verdict.c) on hand-written records whose expected rule ids come
 * from DOMAIN.md, not from running the code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sip/services.h"
#include "sip/srv_verdict.h"

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

/* Two labels, each an underscore and more, lower case: "_sip._tls". */
static bool prefix_ok(const char *p)
{
	const char *dot = strchr(p, '.');
	if (p[0] != '_' || dot == NULL || dot - p < 2 || dot[1] != '_' || dot[2] == '\0' ||
	    strchr(dot + 1, '.') != NULL)
		return false;
	for (const char *c = p; *c != '\0'; c++)
		if (*c >= 'A' && *c <= 'Z')
			return false;
	return true;
}

static void test_every_row_filled(void **state)
{
	(void)state;
	for (size_t i = 0; i < SZI_SVC_COUNT; i++) {
		const szi_sip_service *s = szi_sip_service_at((szi_svc_id)i);
		assert_non_null(s);
		assert_non_null(s->prefix);   /* a row the designated initialisers missed */
		if (!prefix_ok(s->prefix))
			fail_msg("row %zu: prefix '%s' is not _service._proto", i, s->prefix);
		assert_true(s->ns == SZI_NS_EXEMPT || s->ns == SZI_NS_WARNING || s->ns == SZI_NS_ERROR);
		assert_true(s->cert == SZI_CERT_NONE || s->cert == SZI_CERT_EDGE ||
			    s->cert == SZI_CERT_FRONT_END);
		assert_true(s->views != 0 && (s->views & ~(unsigned)SZI_IN_BOTH) == 0);
		/* no SRV is hosted at webdir (lyncdiscover's CNAME target) */
		assert_true(s->hosted == SZI_HOSTED_NO || s->hosted == SZI_HOSTED_SIPFED ||
			    s->hosted == SZI_HOSTED_SIPDIR);
		assert_non_null(s->purpose);
		assert_true(s->purpose[0] != '\0');
		assert_true(s->model_key == NULL || s->model_key[0] != '\0');
		/* Generation needs a port; so do strict-naming and certificate
		 * services, whose clients connect to one fixed port. */
		if (s->model_key != NULL || s->strict_naming || s->cert != SZI_CERT_NONE)
			assert_true(s->port > 0 || (s->naptr != NULL && s->default_port > 0));
		/* RFC 3263's rows: the model picks their port (generic_sip.ports),
		 * so check takes any port; their NAPTR service names their
		 * _service._proto labels (SIPS+D2T is _sips._tcp, D2U is _udp) */
		if (s->naptr != NULL) {
			assert_int_equal(s->port, 0);
			assert_string_equal(s->model_key, "generic_sip");
			assert_ptr_equal(szi_sip_service_of_transport(s->transport), s);
			bool sips = strncmp(s->naptr, "SIPS+", 5) == 0;
			assert_int_equal(strncmp(s->prefix, "_sips.", 6) == 0, sips);
			assert_int_equal(sips, s->transport == SZ_SIP_TLS);
			const char *proto = strchr(s->prefix, '.') + 1;
			assert_string_equal(proto, strcmp(s->naptr + strlen(s->naptr) - 3, "D2U") == 0
							   ? "_udp" : "_tcp");
			assert_ptr_equal(szi_sip_service_by_naptr((const uint8_t *)s->naptr,
								  strlen(s->naptr)), s);
		}
		/* A hosted record must be published where the service lives: the
		 * Internet. */
		if (s->hosted != SZI_HOSTED_NO)
			assert_true(szi_sip_service_in_view(s, SZ_VIEW_EXTERNAL));
		for (sz_hosted h = SZ_HOSTED_M365; h <= SZ_HOSTED_LAST; h++) {
			const char *t = szi_sip_service_hosted_target(s, sz_hosted_info(h));
			assert_true((t != NULL) == (s->hosted != SZI_HOSTED_NO));
			if (t != NULL)
				assert_true(sz_is_hosted_target(t));
		}
		/* no two rows for one prefix, and the lookup reaches every row */
		for (size_t k = 0; k < i; k++)
			assert_string_not_equal(szi_sip_service_at((szi_svc_id)k)->prefix, s->prefix);
		char owner[128];
		snprintf(owner, sizeof(owner), "%s.contoso.com", s->prefix);
		wire o = W(owner);
		size_t d_off = 0;
		assert_ptr_equal(szi_sip_service_find(o.w, o.len, &d_off), s);
		assert_int_equal(d_off, strlen(s->prefix) + 1);
	}
	assert_null(szi_sip_service_at(SZI_SVC_COUNT));
}

static const szi_sip_service *service(const char *owner)
{
	wire o = W(owner);
	return szi_sip_service_find(o.w, o.len, NULL);
}

/* The SRV records sip/domain.c writes, with the model keys that ask for them. */
static void test_generated_services(void **state)
{
	(void)state;
	static const struct { const char *owner; const char *key; uint16_t port; unsigned views; } gen[] = {
		{ "_sipfederationtls._tcp.contoso.com", "federation", 5061, SZI_IN_BOTH },
		{ "_sip._tls.contoso.com", "remote_access", 443, SZI_IN_EXTERNAL },
		{ "_xmpp-server._tcp.contoso.com", "xmpp", 5269, SZI_IN_EXTERNAL },
		{ "_sipinternaltls._tcp.contoso.com", "front_end_pool", 5061, SZI_IN_INTERNAL },
		/* RFC 3263: any port (the model's generic_sip.ports); accepted in
		 * both views, written in the external one (sip/domain.c) */
		{ "_sips._tcp.contoso.com", "generic_sip", 0, SZI_IN_BOTH },
		{ "_sip._tcp.contoso.com", "generic_sip", 0, SZI_IN_BOTH },
		{ "_sip._udp.contoso.com", "generic_sip", 0, SZI_IN_BOTH },
	};
	size_t written = 0;
	for (size_t i = 0; i < sizeof(gen) / sizeof(gen[0]); i++) {
		const szi_sip_service *s = service(gen[i].owner);
		assert_non_null(s);
		assert_non_null(s->model_key);
		assert_string_equal(s->model_key, gen[i].key);
		assert_int_equal(s->port, gen[i].port);
		assert_int_equal(s->views, gen[i].views);
	}
	for (size_t i = 0; i < SZI_SVC_COUNT; i++)
		written += szi_sip_service_at((szi_svc_id)i)->model_key != NULL;
	assert_int_equal(written, sizeof(gen) / sizeof(gen[0]));
	/* Microsoft 365: sipfed for federation, sipdir for remote sign-in */
	const sz_hosted_names *h = sz_hosted_info(SZ_HOSTED_M365);
	assert_string_equal(szi_sip_service_hosted_target(service("_sipfederationtls._tcp.x.com"), h),
			    "sipfed.online.lync.com");
	assert_string_equal(szi_sip_service_hosted_target(service("_sip._tls.x.com"), h),
			    "sipdir.online.lync.com");
}

/* Moved from test_check_names.c with the table (the classes became the
 * namespace binding, the certificate flag the certificate column). */
static void test_services(void **state)
{
	(void)state;
	const szi_sip_service *s = service("_sipfederationtls._tcp.contoso.com");
	assert_non_null(s);
	assert_int_equal(s->ns, SZI_NS_ERROR);
	assert_int_equal(s->port, 5061);
	assert_int_equal(s->cert, SZI_CERT_EDGE);

	s = service("_SIP._TLS.contoso.com");
	assert_non_null(s);
	assert_int_equal(s->ns, SZI_NS_ERROR);
	assert_int_equal(s->port, 443);
	assert_true(s->strict_naming);

	s = service("_sipinternaltls._tcp.contoso.com");
	assert_non_null(s);
	assert_true(s->strict_naming);
	assert_int_equal(s->cert, SZI_CERT_FRONT_END); /* the front-end certificate (issue 7) */

	assert_int_equal(service("_sipinternal._tcp.contoso.com")->ns, SZI_NS_ERROR);
	assert_int_equal(service("_sip._tcp.contoso.com")->ns, SZI_NS_WARNING);
	assert_int_equal(service("_sip._udp.contoso.com")->ns, SZI_NS_WARNING);
	assert_int_equal(service("_sips._tcp.contoso.com")->ns, SZI_NS_WARNING);
	assert_int_equal(service("_xmpp-client._tcp.contoso.com")->ns, SZI_NS_WARNING);
	s = service("_xmpp-server._tcp.conference.contoso.com");
	assert_int_equal(s->ns, SZI_NS_WARNING);
	assert_int_equal(s->port, 5269);

	/* not subject to the namespace rule */
	assert_null(service("_ntp._udp.contoso.com"));
	assert_null(service("_ldap._tcp.contoso.com"));
	/* a near miss is another service, not a typo-tolerant match */
	assert_null(service("_sipfederationtls._udp.contoso.com"));
	assert_null(service("_sip._tlsx.contoso.com"));
	assert_null(service("sip.contoso.com"));
}

/*
 * The README's table of every record sipzone writes (section "The records")
 * names every service the table says sipzone writes (a model key), with
 * its port: the docs and the table cannot drift apart (issue 11).
 */
static void test_readme_record_table(void **state)
{
	(void)state;
	FILE *fp = fopen(SZ_TEST_DATA_DIR "/../README.md", "r");
	assert_non_null(fp);
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof(text) - 1, fp);
	fclose(fp);
	text[n] = '\0';
	const char *table = strstr(text, "| record | type | port |");
	assert_non_null(table);
	const char *end = strstr(table, "\n\n");
	assert_non_null(end);
	for (szi_svc_id id = 0; id < SZI_SVC_COUNT; id++) {
		const szi_sip_service *svc = szi_sip_service_at(id);
		if (svc->model_key == NULL)
			continue;
		char cell[64], port[16];
		snprintf(cell, sizeof(cell), "| `%s.D` |", svc->prefix);
		snprintf(port, sizeof(port), "| %u |",
			 (unsigned)(svc->port != 0 ? svc->port : svc->default_port));
		/* the service's first row is the one sipzone writes for it (a
		 * hosted domain's row with the same owner comes later) */
		const char *row = strstr(table, cell);
		if (row == NULL || row > end)
			fail_msg("README's record table has no row %s", cell);
		const char *eol = strchr(row, '\n');
		const char *p = strstr(row, port);
		if (p == NULL || eol == NULL || p > eol)
			fail_msg("README's record table: the row %s does not give port %s", cell, port);
	}
}

static void test_strict_name(void **state)
{
	(void)state;
	wire d = W("contoso.com"), apex = W("contoso.com"), sip = W("sip.contoso.com");
	wire edge = W("edge.contoso.com"), deep = W("sip.sip.contoso.com");
	assert_true(szi_strict_name_ok(apex.w, apex.len, d.w, d.len));
	assert_true(szi_strict_name_ok(sip.w, sip.len, d.w, d.len));
	assert_false(szi_strict_name_ok(edge.w, edge.len, d.w, d.len));
	assert_false(szi_strict_name_ok(deep.w, deep.len, d.w, d.len));
}

/* "rule:severity,..." for the verdict on one record; `allow` one extra
 * hosting-provider target or NULL. */
static const char *verdict_in(bool internal, const char *owner, uint16_t prio, uint16_t weight,
			      uint16_t port, const char *target, const char *allow)
{
	static char out[512];
	wire o = W(owner), t = W(target);
	uint8_t names[1][SZ_WIRE_MAX];
	size_t lens[1] = { 0 };
	szi_allow_list list = { names, lens, 0 };
	if (allow != NULL) {
		lens[0] = szi_text_to_wire(allow, names[0]);
		list.count = 1;
	}
	szi_srv srv = { o.w, o.len, prio, weight, port, t.w, t.len, internal };
	szi_srv_verdict v;
	szi_srv_verdict_make(&srv, &list, &v);
	size_t n = 0;
	out[0] = '\0';
	for (size_t i = 0; i < v.count; i++)
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%s:%s", i ? "," : "",
				      sz_rule_id(v.items[i].rule), sz_severity_name(v.items[i].severity));
	return out;
}

static const char *verdict(const char *owner, uint16_t prio, uint16_t weight, uint16_t port,
			   const char *target, const char *allow)
{
	return verdict_in(false, owner, prio, weight, port, target, allow);
}

static void test_verdict(void **state)
{
	(void)state;
	/* DOMAIN.md rule 1: fabrikam's federation SRV may not point into contoso */
	assert_string_equal(verdict("_sipfederationtls._tcp.fabrikam.com", 0, 0, 5061,
				    "sip.contoso.com", NULL),
			    "srv-target-outside-namespace:error");
	/* the apex and hosts below D are inside; sip.D is what strict clients want */
	assert_string_equal(verdict("_sipfederationtls._tcp.contoso.com", 0, 0, 5061,
				    "edge.pool.contoso.com", NULL), "");
	assert_string_equal(verdict("_sip._tls.contoso.com", 0, 0, 443, "sip.contoso.com", NULL), "");
	assert_string_equal(verdict("_sip._tls.contoso.com", 0, 0, 443, "contoso.com", NULL), "");
	/* rule 5: legal, but strict clients prompt */
	assert_string_equal(verdict("_sip._tls.contoso.com", 0, 0, 443, "edge.contoso.com", NULL),
			    "client-strict-naming:warning");
	assert_string_equal(verdict("_sipinternaltls._tcp.contoso.com", 0, 0, 5061,
				    "pool01.contoso.com", NULL),
			    "client-strict-naming:warning");
	/* the well-known port */
	assert_string_equal(verdict("_sip._tls.contoso.com", 0, 0, 5061, "sip.contoso.com", NULL),
			    "srv-port-unusual:warning");
	assert_string_equal(verdict("_xmpp-server._tcp.contoso.com", 0, 0, 5222, "xmpp.contoso.com",
				    NULL),
			    "srv-port-unusual:warning");
	/* Microsoft 365's records: the hosting-provider exception, and no
	 * strict-naming warning for its hosts */
	assert_string_equal(verdict("_sipfederationtls._tcp.contoso.com", 100, 1, 5061,
				    "sipfed.online.lync.com", NULL),
			    "srv-target-hosted:warning");
	assert_string_equal(verdict("_sip._tls.contoso.com", 100, 1, 443, "SIPDIR.online.lync.com.",
				    NULL),
			    "srv-target-hosted:warning");
	/* --allow-target adds a provider; without it the target is outside */
	assert_string_equal(verdict("_sipfederationtls._tcp.contoso.com", 0, 0, 5061,
				    "fed.provider.net", "fed.provider.net"),
			    "srv-target-hosted:warning");
	assert_string_equal(verdict("_sipfederationtls._tcp.contoso.com", 0, 0, 5061,
				    "fed.provider.net", NULL),
			    "srv-target-outside-namespace:error");
	/* generic SIP and XMPP authenticate D: outside is only unusual */
	assert_string_equal(verdict("_sip._tcp.contoso.com", 0, 0, 5060, "proxy.carrier.net", NULL),
			    "srv-target-outside-namespace:warning");
	assert_string_equal(verdict("_xmpp-server._tcp.conference.contoso.com", 0, 0, 5269,
				    "xmpp.contoso.com", NULL),
			    "srv-target-outside-namespace:warning");
	/* services sipzone does not know: any target */
	assert_string_equal(verdict("_ntp._udp.contoso.com", 0, 0, 123, "pool.ntp.org", NULL), "");
	/* RFC 2782: '.' is "not here", with 0 0 0 */
	assert_string_equal(verdict("_sip._tls.contoso.com", 0, 0, 0, ".", NULL),
			    "srv-null-target:info");
	assert_string_equal(verdict("_sip._tls.contoso.com", 0, 0, 443, ".", NULL),
			    "srv-null-target:error");
	/* owner form, before everything else */
	assert_string_equal(verdict("sip.contoso.com", 0, 0, 5061, "sip.contoso.com", NULL),
			    "srv-owner-form:error");
	assert_string_equal(verdict("_sipfederationtls_tcp.contoso.com", 0, 0, 0, ".", NULL),
			    "srv-owner-form:error,srv-null-target:info");
	/* an address is no host name, and outside D as well */
	assert_string_equal(verdict("_sip._tls.contoso.com", 0, 0, 443, "192.0.2.1", NULL),
			    "srv-target-is-address:error,srv-target-outside-namespace:error,"
			    "client-strict-naming:warning");
}

/*
 * Issue 12: each cloud name serves one service. Microsoft publishes
 * _sipfederationtls._tcp at sipfed and _sip._tls at sipdir (microsoft-365-docs
 * external-domain-name-system-records.md; dns-records-for-office-365-gcc-high.md,
 * -dod.md); partners configure a hosting provider for sipfed only.
 */
static void test_verdict_hosted_per_service(void **state)
{
	(void)state;
	static const char *const clouds[] = {
		"online.lync.com", "online.gov.skypeforbusiness.us",
		"online.dod.skypeforbusiness.us", "online.partner.lync.cn",
	};
	for (size_t i = 0; i < sizeof(clouds) / sizeof(clouds[0]); i++) {
		char fed[128], dir[128], web[128];
		snprintf(fed, sizeof(fed), "sipfed.%s", clouds[i]);
		snprintf(dir, sizeof(dir), "sipdir.%s", clouds[i]);
		snprintf(web, sizeof(web), "webdir.%s", clouds[i]);
		assert_true(sz_is_hosted_target(fed));
		assert_true(sz_is_hosted_target(dir));
		assert_true(sz_is_hosted_target(web));
		/* the right name: the hosting-provider warning */
		assert_string_equal(verdict("_sipfederationtls._tcp.contoso.com", 100, 1, 5061, fed, NULL),
				    "srv-target-hosted:warning");
		assert_string_equal(verdict("_sip._tls.contoso.com", 100, 1, 443, dir, NULL),
				    "srv-target-hosted:warning");
		/* crossed, or the autodiscover name: an error of its own */
		assert_string_equal(verdict("_sipfederationtls._tcp.contoso.com", 100, 1, 5061, dir, NULL),
				    "srv-target-hosted-wrong-service:error");
		assert_string_equal(verdict("_sipfederationtls._tcp.contoso.com", 100, 1, 5061, web, NULL),
				    "srv-target-hosted-wrong-service:error");
		assert_string_equal(verdict("_sip._tls.contoso.com", 100, 1, 443, fed, NULL),
				    "srv-target-hosted-wrong-service:error");
		/* a service no cloud publishes has no right name */
		assert_string_equal(verdict("_sipinternaltls._tcp.contoso.com", 0, 0, 5061, dir, NULL),
				    "srv-target-hosted-wrong-service:error");
		assert_string_equal(verdict("_xmpp-server._tcp.contoso.com", 0, 0, 5269, fed, NULL),
				    "srv-target-hosted-wrong-service:error");
		/* the view changes nothing for a cloud's names */
		assert_string_equal(verdict_in(true, "_sipfederationtls._tcp.contoso.com", 100, 1, 5061,
					       dir, NULL),
				    "srv-target-hosted-wrong-service:error");
	}
	/* a cloud's look-alike is no cloud name */
	assert_false(sz_is_hosted_target("sipfed.online.dod.skypeforbusiness.us.evil.example"));
	assert_false(sz_is_hosted_target("sipfed.partner.lync.cn"));
	assert_string_equal(verdict("_sipfederationtls._tcp.contoso.com", 100, 1, 5061,
				    "sipfed.partner.lync.cn", NULL),
			    "srv-target-outside-namespace:error");
	/* --allow-target is the user's word: accepted for any service */
	assert_string_equal(verdict("_sip._tls.contoso.com", 100, 1, 443, "sipfed.online.lync.com",
				    "sipfed.online.lync.com"),
			    "srv-target-hosted:warning");
}

/* Internal view: the federation SRV is the mobile-push record at the edge's
 * internal FQDN (OfficeDocs-SkypeForBusiness .../network-requirements/dns.md),
 * which need not be in D: a warning, never an error. Other services and the
 * external view keep the namespace rule. */
static void test_verdict_internal_view(void **state)
{
	(void)state;
	assert_string_equal(verdict_in(true, "_sipfederationtls._tcp.fabrikam.com", 0, 0, 5061,
				       "edgepool-int.contoso.com", NULL),
			    "srv-target-outside-namespace:warning");
	assert_string_equal(verdict_in(false, "_sipfederationtls._tcp.fabrikam.com", 0, 0, 5061,
				       "edgepool-int.contoso.com", NULL),
			    "srv-target-outside-namespace:error");
	assert_string_equal(verdict_in(true, "_sipfederationtls._tcp.contoso.com", 0, 0, 5061,
				       "edgepool-int.contoso.com", NULL), "");
	assert_string_equal(verdict_in(true, "_sipinternaltls._tcp.fabrikam.com", 0, 0, 5061,
				       "pool01.contoso.com", NULL),
			    "srv-target-outside-namespace:error,client-strict-naming:warning");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row_filled),
		cmocka_unit_test(test_generated_services),
		cmocka_unit_test(test_services),
		cmocka_unit_test(test_readme_record_table),
		cmocka_unit_test(test_strict_name),
		cmocka_unit_test(test_verdict),
		cmocka_unit_test(test_verdict_hosted_per_service),
		cmocka_unit_test(test_verdict_internal_view),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
