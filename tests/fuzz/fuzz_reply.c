/*
 * fuzz_reply.c: bytes that arrive from the network -> the reply matcher of
 * live/reply.c -> the RRset taken from it, and what must hold.
 *
 * Unlike the other harnesses this one calls the library's internals
 * (src/live/): what it tests is not reachable through the public API
 * without a server. The input is one DNS message as it would arrive for
 *   Q  the query `_sip._tls.contoso.com. IN SRV`, ID 0x5a5a, RD, EDNS;
 *   U  an UPDATE of zone contoso.com., ID 0x5a5a, signed with a TSIG key.
 * For each: no crash, no leak, no undefined behaviour; a message taken as
 * the reply has Q's (U's) ID, QR set, the same opcode, and the same
 * question, or no question and an RCODE that carries no data, as an
 * independent parse of the header says; a message that is refused is
 * refused with a reason; the same message with its ID changed, or its QR
 * bit cleared, is always refused. What is taken goes through the RRset
 * extraction verify uses (every record kept is of the asked owner, type or
 * CNAME, class IN) and, for U, through the TSIG verification push uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "fuzz_props.h"
#include "live/reply.h"
#include "live/rrset.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

#define QUERY_ID 0x5a5a
#define KEY_NAME "sipzone-key."
#define KEY_SECRET "nYvRwYu929+BBDTiJKChxExwoQGZsKCHOXJnvBjuJ8Q="

static ldns_pkt *query, *update;
static ldns_rdf *update_mac;

static void free_queries(void)
{
	ldns_pkt_free(query);
	ldns_pkt_free(update);
}

static void setup(void)
{
	ldns_rdf *owner = ldns_dname_new_frm_str("_sip._tls.contoso.com.");
	query = ldns_pkt_query_new(owner, LDNS_RR_TYPE_SRV, LDNS_RR_CLASS_IN, LDNS_RD);
	FZ_PROP(query != NULL, "cannot make the query");
	ldns_pkt_set_id(query, QUERY_ID);
	ldns_pkt_set_edns_udp_size(query, 1232);

	ldns_rr_list *pr = ldns_rr_list_new(), *up = ldns_rr_list_new();
	update = ldns_update_pkt_new(ldns_dname_new_frm_str("contoso.com."), LDNS_RR_CLASS_IN, pr, up, NULL);
	ldns_rr_list_free(pr);
	ldns_rr_list_free(up);
	FZ_PROP(update != NULL, "cannot make the update");
	ldns_pkt_set_id(update, QUERY_ID);
	FZ_PROP(ldns_pkt_tsig_sign(update, KEY_NAME, KEY_SECRET, 300, "hmac-sha256.", NULL) == LDNS_STATUS_OK,
		"cannot sign the update");
	update_mac = ldns_rr_rdf(ldns_pkt_tsig(update), 3);
	atexit(free_queries);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setup();
	return 0;
}

static bool rcode_carries_data(int rc)
{
	return rc == LDNS_RCODE_NOERROR || rc == LDNS_RCODE_NXDOMAIN || rc == LDNS_RCODE_YXDOMAIN ||
	       rc == LDNS_RCODE_YXRRSET || rc == LDNS_RCODE_NXRRSET;
}

/* What an accepted reply must be, checked against the raw header. */
static void check_taken(const ldns_pkt *q, const uint8_t *d, size_t n, const ldns_pkt *p)
{
	FZ_PROP(n >= 12, "a message of %zu octets was taken", n);
	FZ_PROP(((unsigned)d[0] << 8 | d[1]) == QUERY_ID, "another ID was taken");
	FZ_PROP((d[2] & 0x80) != 0, "a message with QR clear was taken");
	FZ_PROP(((d[2] >> 3) & 0x0f) == (unsigned)ldns_pkt_get_opcode(q), "another opcode was taken");
	FZ_PROP(ldns_pkt_id(p) == QUERY_ID, "parsed ID differs from the header");
	unsigned qd = (unsigned)d[4] << 8 | d[5];
	const ldns_rr_list *qs = ldns_pkt_question(p);
	if (qd == 0) {
		FZ_PROP(!rcode_carries_data((int)ldns_pkt_get_rcode(p)),
			"a reply without a question but with RCODE %d was taken", (int)ldns_pkt_get_rcode(p));
		return;
	}
	FZ_PROP(qd == 1 && ldns_rr_list_rr_count(qs) == 1, "a reply with %u questions was taken", qd);
	const ldns_rr *a = ldns_rr_list_rr(ldns_pkt_question(q), 0), *b = ldns_rr_list_rr(qs, 0);
	FZ_PROP(ldns_rr_get_type(a) == ldns_rr_get_type(b) && ldns_rr_get_class(a) == ldns_rr_get_class(b),
		"a reply to another type or class was taken");
	char *x = ldns_rdf2str(ldns_rr_owner(a)), *y = ldns_rdf2str(ldns_rr_owner(b));
	bool same = x != NULL && y != NULL && strcasecmp(x, y) == 0;
	if (!same)
		fprintf(stderr, "asked %s, reply for %s\n", x ? x : "?", y ? y : "?");
	free(x);
	free(y);
	FZ_PROP(same, "a reply to another name was taken");
}

/* The RRset verify would read from it. */
static void take_rrset(const ldns_pkt *q, const ldns_pkt *p)
{
	const ldns_rr *qr = ldns_rr_list_rr(ldns_pkt_question(q), 0);
	sz_live_slot s;
	memset(&s, 0, sizeof(s));
	s.owner = ldns_rdf_clone(ldns_rr_owner(qr));
	s.type = ldns_rr_get_type(qr);
	s.expected = ldns_rr_list_new();
	FZ_PROP(s.owner != NULL && s.expected != NULL, "out of memory");
	sz_status st = szi_live_rrset_take_answer(&s, p);
	FZ_PROP(st == SZ_OK || st == SZ_ERR_NOMEM, "take_answer: status %d", (int)st);
	for (size_t i = 0; s.served != NULL && i < ldns_rr_list_rr_count(s.served); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(s.served, i);
		FZ_PROP(ldns_rr_get_type(rr) == s.type && ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
				ldns_dname_compare(ldns_rr_owner(rr), s.owner) == 0,
			"a record of another RRset was taken");
		char *t = szi_live_rdata_text(rr);
		free(t);
	}
	if (s.alias != NULL)
		FZ_PROP(ldns_rr_get_type(s.alias) == LDNS_RR_TYPE_CNAME, "the alias is no CNAME");
	(void)szi_live_rrset_state(&s);
	ldns_rr_list_deep_free(s.served);
	ldns_rr_list_deep_free(s.expected);
	ldns_rr_free(s.alias);
	ldns_rdf_deep_free(s.wildcard);
	ldns_rdf_deep_free(s.owner);
}

static void one(const ldns_pkt *q, const uint8_t *data, size_t size, uint8_t *copy)
{
	ldns_pkt *p = NULL;
	const char *why = szi_live_reply_match(q, data, size, &p);
	if (why != NULL) {
		FZ_PROP(p == NULL && why[0] != '\0', "refused, yet a packet or no reason");
	} else {
		FZ_PROP(p != NULL, "taken, yet no packet");
		check_taken(q, data, size, p);
		take_rrset(q, p);
		if (q == update) {
			/* the verdict does not matter (the MAC cannot be forged), the
			 * code that reaches it on hostile bytes does */
			(void)szi_live_tsig_verify(p, data, size, KEY_NAME, KEY_SECRET, update_mac);
		}
		ldns_pkt_free(p);
	}
	if (size < 12)
		return;
	/* another ID, QR clear: always refused */
	memcpy(copy, data, size);
	copy[0] = (uint8_t)((QUERY_ID >> 8) ^ 0x01);
	copy[1] = (uint8_t)(QUERY_ID & 0xff);
	FZ_PROP(szi_live_reply_match(q, copy, size, &p) != NULL && p == NULL, "another ID was taken");
	memcpy(copy, data, size);
	copy[2] &= 0x7f;
	FZ_PROP(szi_live_reply_match(q, copy, size, &p) != NULL && p == NULL, "QR clear was taken");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (query == NULL)
		setup();
	uint8_t *copy = malloc(size > 0 ? size : 1);
	FZ_PROP(copy != NULL, "out of memory");
	one(query, data, size, copy);
	one(update, data, size, copy);
	free(copy);
	return 0;
}
