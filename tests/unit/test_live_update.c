/*
 * test_live_update.c: the UPDATE push sends: prerequisites that pin only
 * the RRsets it changes, as read; changes only where the served data
 * differs; deletions only of RRsets an ownership record lists; the
 * nsupdate text of it, the packet, and the split into several messages.
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

#include "live/owner.h"
#include "live/update.h"
#include "sipzone/model.h"

static const char model_json[] =
	"{\"version\": 1,"
	" \"edge_pools\": {\"eu\": {\"access_edge\": \"sip.contoso.com\","
	"   \"addresses\": [\"203.0.113.10\", \"203.0.113.11\"],"
	"   \"certificate\": {\"subject\": \"sip.contoso.com\", \"san\": [\"sip.contoso.com\"]}}},"
	" \"sip_domains\": [{\"domain\": \"contoso.com\", \"edge_pool\": \"eu\", \"federation\": \"direct\"}]}";

typedef struct fixture {
	sz_model *model;
	sz_live_plan plan;
	ldns_rdf *zone;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	sz_diag_list diags;
	sz_live_error err = { .rcode = -1 };
	const char *zones[] = { "contoso.com" };
	sz_diag_list_init(&diags);
	assert_int_equal(sz_model_load_buffer(model_json, strlen(model_json), "m.json", &f->model, &diags), SZ_OK);
	sz_diag_list_clear(&diags);
	assert_int_equal(szi_live_plan_build(f->model, zones, 1, &f->plan, &err), SZ_OK);
	f->zone = ldns_dname_new_frm_str("contoso.com.");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	szi_live_plan_clear(&f->plan);
	sz_model_free(f->model);
	ldns_rdf_deep_free(f->zone);
	free(f);
	return 0;
}

/* Serve these records for (owner, type), authoritatively. */
static void serve(fixture *f, const char *owner, ldns_rr_type type, const char *const *rrs, size_t n)
{
	ldns_rdf *o = ldns_dname_new_frm_str(owner);
	sz_live_slot *s = szi_live_plan_find(&f->plan, o, type);
	ldns_rdf_deep_free(o);
	assert_non_null(s);
	ldns_pkt *p = ldns_pkt_new();
	ldns_pkt_set_aa(p, true);
	for (size_t i = 0; i < n; i++) {
		ldns_rr *rr = NULL;
		assert_int_equal(ldns_rr_new_frm_str(&rr, rrs[i], 0, NULL, NULL), LDNS_STATUS_OK);
		ldns_pkt_push_rr(p, LDNS_SECTION_ANSWER, rr);
	}
	assert_int_equal(szi_live_rrset_take_answer(s, p), SZ_OK);
	ldns_pkt_free(p);
}

static const char *const sip_a[] = { "sip.contoso.com. 3600 IN A 203.0.113.10",
				     "sip.contoso.com. 3600 IN A 203.0.113.11" };
static const char *const tls[] = { "_sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com." };

/* The server as the model wants it. */
static void serve_model(fixture *f)
{
	serve(f, "_sipfederationtls._tcp.contoso.com.", LDNS_RR_TYPE_SRV, NULL, 0);
	serve(f, "_xmpp-server._tcp.contoso.com.", LDNS_RR_TYPE_SRV, NULL, 0);
	serve(f, "_sip._tls.contoso.com.", LDNS_RR_TYPE_SRV, tls, 1);
	serve(f, "sip.contoso.com.", LDNS_RR_TYPE_A, sip_a, 2);
	serve(f, "sip.contoso.com.", LDNS_RR_TYPE_AAAA, NULL, 0);
}

static char *text_of(const sz_live_update *u, const ldns_rdf *zone)
{
	char *text = NULL;
	assert_int_equal(szi_live_update_text(u, "192.0.2.53", 5353, zone, &text), SZ_OK);
	return text;
}

#define HEAD \
	"server 192.0.2.53 5353\n" \
	"zone contoso.com.\n"

static sz_live_slot *slot(fixture *f, const char *owner, ldns_rr_type type)
{
	ldns_rdf *o = ldns_dname_new_frm_str(owner);
	sz_live_slot *s = szi_live_plan_find(&f->plan, o, type);
	ldns_rdf_deep_free(o);
	assert_non_null(s);
	return s;
}

static void test_nothing_to_change(void **state)
{
	fixture *f = *state;
	serve_model(f);
	sz_live_update u;
	assert_int_equal(szi_live_update_build(&f->plan, false, &u), SZ_OK);
	assert_int_equal(u.n_changed, 0);
	/* nothing changes, so nothing is pinned and nothing is sent */
	assert_int_equal(u.n_msgs, 0);
	szi_live_update_clear(&u);
}

static void test_changed_records_only(void **state)
{
	fixture *f = *state;
	serve_model(f);
	const char *a[] = { sip_a[0], "sip.contoso.com. 3600 IN A 198.51.100.7" };
	serve(f, "sip.contoso.com.", LDNS_RR_TYPE_A, a, 2);
	const char *fed[] = { "_sipfederationtls._tcp.contoso.com. 600 IN SRV 0 0 5061 sip.contoso.com." };
	serve(f, "_sipfederationtls._tcp.contoso.com.", LDNS_RR_TYPE_SRV, fed, 1);
	serve(f, "_sip._tls.contoso.com.", LDNS_RR_TYPE_SRV, NULL, 0);
	sz_live_update u;
	assert_int_equal(szi_live_update_build(&f->plan, false, &u), SZ_OK);
	/* the model wants no federation SRV (direct federation), but no
	 * ownership record lists it: it stays */
	assert_int_equal(u.n_changed, 2);
	char *text = text_of(&u, f->zone);
	assert_string_equal(text,
		HEAD
		"prereq nxrrset _sip._tls.contoso.com. IN SRV\n"
		"prereq yxrrset sip.contoso.com. IN A 198.51.100.7\n"
		"prereq yxrrset sip.contoso.com. IN A 203.0.113.10\n"
		"update add _sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com.\n"
		"update delete sip.contoso.com. IN A 198.51.100.7\n"
		"update add sip.contoso.com. 3600 IN A 203.0.113.11\n"
		"send\n");
	free(text);
	szi_live_update_clear(&u);
	/* once an ownership record lists it, the RRset goes */
	slot(f, "_sipfederationtls._tcp.contoso.com.", LDNS_RR_TYPE_SRV)->owned = true;
	assert_int_equal(szi_live_update_build(&f->plan, false, &u), SZ_OK);
	assert_int_equal(u.n_changed, 3);
	assert_int_equal(u.n_deleted, 1);
	text = text_of(&u, f->zone);
	assert_string_equal(text,
		HEAD
		"prereq yxrrset _sipfederationtls._tcp.contoso.com. IN SRV 0 0 5061 sip.contoso.com.\n"
		"prereq nxrrset _sip._tls.contoso.com. IN SRV\n"
		"prereq yxrrset sip.contoso.com. IN A 198.51.100.7\n"
		"prereq yxrrset sip.contoso.com. IN A 203.0.113.10\n"
		"update delete _sipfederationtls._tcp.contoso.com. IN SRV\n"
		"update add _sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com.\n"
		"update delete sip.contoso.com. IN A 198.51.100.7\n"
		"update add sip.contoso.com. 3600 IN A 203.0.113.11\n"
		"send\n");
	free(text);
	szi_live_update_clear(&u);
}

static void test_ttl_change_replaces_the_rrset(void **state)
{
	fixture *f = *state;
	serve_model(f);
	const char *a[] = { "sip.contoso.com. 60 IN A 203.0.113.10", "sip.contoso.com. 60 IN A 203.0.113.11" };
	serve(f, "sip.contoso.com.", LDNS_RR_TYPE_A, a, 2);
	sz_live_update u;
	assert_int_equal(szi_live_update_build(&f->plan, false, &u), SZ_OK);
	assert_int_equal(u.n_changed, 1);
	char *text = text_of(&u, f->zone);
	assert_string_equal(text,
		HEAD
		"prereq yxrrset sip.contoso.com. IN A 203.0.113.10\n"
		"prereq yxrrset sip.contoso.com. IN A 203.0.113.11\n"
		"update delete sip.contoso.com. IN A\n"
		"update add sip.contoso.com. 3600 IN A 203.0.113.10\n"
		"update add sip.contoso.com. 3600 IN A 203.0.113.11\n"
		"send\n");
	free(text);
	szi_live_update_clear(&u);
}

/* The wire form of RFC 2136 section 2.4 and 2.5: classes, TTLs, RDATA. */
static void test_packet(void **state)
{
	fixture *f = *state;
	serve_model(f);
	serve(f, "sip.contoso.com.", LDNS_RR_TYPE_A, sip_a, 1);
	const char *aaaa[] = { "sip.contoso.com. 3600 IN AAAA 2001:db8::99" };
	serve(f, "sip.contoso.com.", LDNS_RR_TYPE_AAAA, aaaa, 1);
	serve(f, "_sip._tls.contoso.com.", LDNS_RR_TYPE_SRV, NULL, 0);
	slot(f, "sip.contoso.com.", LDNS_RR_TYPE_AAAA)->owned = true;
	sz_live_update u;
	assert_int_equal(szi_live_update_build(&f->plan, false, &u), SZ_OK);
	assert_int_equal(u.n_msgs, 1);
	ldns_pkt *p = szi_live_update_packet(&u, 0, f->zone);
	assert_non_null(p);
	assert_int_equal(ldns_pkt_get_opcode(p), LDNS_PACKET_UPDATE);
	assert_false(ldns_pkt_rd(p));
	assert_int_equal(ldns_update_zocount(p), 1);
	const ldns_rr *zone = ldns_rr_list_rr(ldns_pkt_question(p), 0);
	assert_int_equal(ldns_rr_get_type(zone), LDNS_RR_TYPE_SOA);
	assert_int_equal(ldns_dname_compare(ldns_rr_owner(zone), f->zone), 0);
	assert_int_equal(ldns_update_prcount(p), 3);
	assert_int_equal(ldns_update_upcount(p), 3);
	/* nxrrset: class NONE, no RDATA; value-dependent yxrrset: class IN, TTL 0 */
	const ldns_rr *nx = ldns_rr_list_rr(ldns_pkt_answer(p), 0);
	assert_int_equal(ldns_rr_get_class(nx), LDNS_RR_CLASS_NONE);
	assert_int_equal(ldns_rr_rd_count(nx), 0);
	const ldns_rr *yx = ldns_rr_list_rr(ldns_pkt_answer(p), 2);
	assert_int_equal(ldns_rr_get_class(yx), LDNS_RR_CLASS_IN);
	assert_int_equal(ldns_rr_ttl(yx), 0);
	/* deleting the whole AAAA RRset: class ANY, no RDATA; adding: IN, the TTL */
	const ldns_rr *del = ldns_rr_list_rr(ldns_pkt_authority(p), 2);
	assert_int_equal(ldns_rr_get_class(del), LDNS_RR_CLASS_ANY);
	assert_int_equal(ldns_rr_get_type(del), LDNS_RR_TYPE_AAAA);
	assert_int_equal(ldns_rr_rd_count(del), 0);
	const ldns_rr *add = ldns_rr_list_rr(ldns_pkt_authority(p), 1);
	assert_int_equal(ldns_rr_get_class(add), LDNS_RR_CLASS_IN);
	assert_int_equal(ldns_rr_ttl(add), 3600);
	/* it makes a well-formed message */
	uint8_t *wire = NULL;
	size_t len = 0;
	assert_int_equal(ldns_pkt2wire(&wire, p, &len), LDNS_STATUS_OK);
	ldns_pkt *back = NULL;
	assert_int_equal(ldns_wire2pkt(&back, wire, len), LDNS_STATUS_OK);
	assert_int_equal(ldns_update_prcount(back), 3);
	assert_int_equal(ldns_update_upcount(back), 3);
	ldns_pkt_free(back);
	free(wire);
	ldns_pkt_free(p);
	szi_live_update_clear(&u);
}

/* A model of n SIP domains tN.big.test in zone big.test (7 owned RRsets each). */
static char *big_model(size_t n)
{
	size_t cap = 1024 + n * 200, o = 0;
	char *m = malloc(cap);
	assert_non_null(m);
	o += (size_t)snprintf(m + o, cap - o,
		"{\"version\": 1, \"edge_pools\": {\"e\": {\"access_edge\": \"edge.big.test\","
		" \"addresses\": [\"203.0.113.10\", \"2001:db8::10\"],"
		" \"certificate\": {\"subject\": \"edge.big.test\", \"san\": [\"edge.big.test\"");
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(m + o, cap - o, ", \"sip.t%05zu.big.test\", \"xmpp.t%05zu.big.test\"", i, i);
	o += (size_t)snprintf(m + o, cap - o, "]}}}, \"sip_domains\": [");
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(m + o, cap - o, "%s{\"domain\": \"t%05zu.big.test\", \"edge_pool\": \"e\", \"xmpp\": true}",
				      i ? ", " : "", i);
	snprintf(m + o, cap - o, "], \"zones\": {\"big.test\": {\"soa\": {\"mname\": \"ns1.big.test\","
		 " \"rname\": \"h.big.test\", \"refresh\": 3600, \"retry\": 600, \"expire\": 1209600,"
		 " \"minimum\": 300}, \"ns\": [{\"name\": \"ns1.big.test\", \"addresses\": [\"192.0.2.53\"]}]}}}");
	return m;
}

/* The name a change belongs to: the owner, or N for _sipzone.N. */
static ldns_rdf *base_of(const ldns_rr *rr)
{
	const ldns_rdf *o = ldns_rr_owner(rr);
	return szi_live_owner_is_meta(o) ? ldns_dname_left_chop(o) : ldns_rdf_clone(o);
}

/* A change too large for one message: several UPDATEs, each under 64 KB
 * on the wire, every record once, and every name (its RRsets and its
 * ownership record, with their prerequisites) in one message only. */
static void test_split(void **state)
{
	(void)state;
	const size_t n = 600;
	char *json = big_model(n);
	sz_model *model = NULL;
	sz_diag_list diags;
	sz_live_error err = { .rcode = -1 };
	sz_live_plan plan;
	const char *zones[] = { "big.test" };
	sz_diag_list_init(&diags);
	assert_int_equal(sz_model_load_buffer(json, strlen(json), "big.json", &model, &diags), SZ_OK);
	sz_diag_list_clear(&diags);
	free(json);
	assert_int_equal(szi_live_plan_build(model, zones, 1, &plan, &err), SZ_OK);
	assert_int_equal(plan.n_owned, n * 7 + 4);
	assert_int_equal(szi_live_owner_add_meta(&plan), SZ_OK);
	assert_int_equal(plan.n_owned, n * 7 + 4 + n * 5 + 2);
	for (size_t i = 0; i < plan.n_owned; i++)
		plan.items[i].served = ldns_rr_list_new(); /* an empty zone */
	assert_int_equal(szi_live_owner_expect(&plan, false), SZ_OK);
	sz_live_update u;
	assert_int_equal(szi_live_update_build(&plan, false, &u), SZ_OK);
	assert_int_equal(u.n_changed, n * 7 + 3); /* and edge A, AAAA, ns1 A */
	assert_int_equal(u.n_owner, n * 5 + 2);
	assert_true(u.n_msgs >= 3);
	ldns_rdf *zone = ldns_dname_new_frm_str("big.test.");
	size_t adds = 0, prereqs = 0;
	ldns_rdf *last_base = NULL;
	for (size_t m = 0; m < u.n_msgs; m++) {
		ldns_pkt *p = szi_live_update_packet(&u, m, zone);
		uint8_t *wire = NULL;
		size_t len = 0;
		assert_int_equal(ldns_pkt2wire(&wire, p, &len), LDNS_STATUS_OK);
		assert_true(len < 65535 - 512); /* room for the TSIG */
		free(wire);
		ldns_pkt_free(p);
		prereqs += ldns_rr_list_rr_count(u.prereq[m]);
		/* names in canonical order, none split across messages */
		for (size_t i = 0; i < ldns_rr_list_rr_count(u.update[m]); i++) {
			ldns_rdf *b = base_of(ldns_rr_list_rr(u.update[m], i));
			if (last_base != NULL && i == 0)
				assert_true(ldns_dname_compare(last_base, b) < 0);
			ldns_rdf_deep_free(last_base);
			last_base = b;
			adds++;
		}
	}
	ldns_rdf_deep_free(last_base);
	/* every record of the model and one ownership record per name; a
	 * "does not exist" prerequisite for each RRset added */
	size_t records = 0;
	for (size_t i = 0; i < plan.n_owned; i++)
		records += ldns_rr_list_rr_count(plan.items[i].expected);
	assert_int_equal(adds, records);
	assert_int_equal(prereqs, u.n_changed + u.n_owner);
	szi_live_update_clear(&u);
	ldns_rdf_deep_free(zone);
	szi_live_plan_clear(&plan);
	sz_model_free(model);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_nothing_to_change, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_records_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ttl_change_replaces_the_rrset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_packet, setup, teardown),
		cmocka_unit_test(test_split),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
