/*
 * live/reply.c: matching a message to the query it claims to answer.
 */
#include "live/reply.h"

/* RCODEs whose reply means something about the question's data: such a
 * reply must carry the question it answers. */
static bool rcode_is_data(ldns_pkt_rcode rc)
{
	switch (rc) {
	case LDNS_RCODE_NOERROR:
	case LDNS_RCODE_NXDOMAIN:
	case LDNS_RCODE_YXDOMAIN:
	case LDNS_RCODE_YXRRSET:
	case LDNS_RCODE_NXRRSET:
		return true;
	default:
		return false;
	}
}

static const char *question_differs(const ldns_pkt *query, const ldns_pkt *reply)
{
	const ldns_rr_list *q = ldns_pkt_question(query);
	const ldns_rr_list *r = ldns_pkt_question(reply);
	size_t nr = ldns_rr_list_rr_count(r);
	if (nr == 0 && ldns_pkt_qdcount(reply) == 0)
		return rcode_is_data(ldns_pkt_get_rcode(reply)) ? "no question" : NULL;
	if (nr != 1 || ldns_pkt_qdcount(reply) != 1 || ldns_rr_list_rr_count(q) != 1)
		return "more than one question";
	const ldns_rr *a = ldns_rr_list_rr(q, 0), *b = ldns_rr_list_rr(r, 0);
	if (ldns_rr_get_type(a) != ldns_rr_get_type(b))
		return "another question (type)";
	if (ldns_rr_get_class(a) != ldns_rr_get_class(b))
		return "another question (class)";
	const ldns_rdf *na = ldns_rr_owner(a), *nb = ldns_rr_owner(b);
	if (na == NULL || nb == NULL || ldns_rdf_get_type(nb) != LDNS_RDF_TYPE_DNAME ||
	    ldns_dname_compare(na, nb) != 0)
		return "another question (name)";
	return NULL;
}

/*
 * A TSIG record anywhere but last in the message (RFC 8945 section 5.1),
 * or more than one: refused before ldns_wire2pkt(), which keeps only the
 * last TSIG it meets and leaks the others (ldns 1.8.3; found by fuzzing,
 * F30). Each record is read with ldns_wire2rr() and freed at once.
 */
static bool tsig_misplaced(const uint8_t *wire, size_t len)
{
	size_t pos = LDNS_HEADER_SIZE;
	size_t counts[4] = { LDNS_QDCOUNT(wire), LDNS_ANCOUNT(wire), LDNS_NSCOUNT(wire),
			     LDNS_ARCOUNT(wire) };
	static const ldns_pkt_section sections[4] = { LDNS_SECTION_QUESTION, LDNS_SECTION_ANSWER,
						      LDNS_SECTION_AUTHORITY, LDNS_SECTION_ADDITIONAL };
	bool seen_tsig = false;
	for (size_t s = 0; s < 4; s++) {
		for (size_t i = 0; i < counts[s]; i++) {
			ldns_rr *rr = NULL;
			if (ldns_wire2rr(&rr, wire, len, &pos, sections[s]) != LDNS_STATUS_OK) {
				ldns_rr_free(rr);
				return false; /* ldns_wire2pkt() refuses it too */
			}
			bool tsig = s > 0 && ldns_rr_get_type(rr) == LDNS_RR_TYPE_TSIG;
			ldns_rr_free(rr);
			if (seen_tsig || (tsig && (s != 3 || i + 1 != counts[s])))
				return true;
			seen_tsig = tsig;
		}
	}
	return false;
}

static const char *match(const ldns_pkt *query, const uint8_t *wire, size_t len, ldns_pkt **out,
			 bool next)
{
	*out = NULL;
	if (len < LDNS_HEADER_SIZE)
		return "shorter than a DNS header";
	/* the header is checked before anything is parsed */
	if (LDNS_ID_WIRE(wire) != ldns_pkt_id(query))
		return "wrong ID";
	if (!LDNS_QR_WIRE(wire))
		return "QR bit clear (a query, not a reply)";
	if (LDNS_OPCODE_WIRE(wire) != (uint8_t)ldns_pkt_get_opcode(query))
		return "wrong opcode";
	if (tsig_misplaced(wire, len))
		return "a TSIG record that is not the last of the message (RFC 8945)";
	ldns_pkt *p = NULL;
	if (ldns_wire2pkt(&p, wire, len) != LDNS_STATUS_OK || p == NULL) {
		ldns_pkt_free(p);
		return "not a DNS message (does not parse)";
	}
	const char *why = next && ldns_pkt_qdcount(p) == 0 ? NULL : question_differs(query, p);
	if (why != NULL) {
		ldns_pkt_free(p);
		return why;
	}
	*out = p;
	return NULL;
}

const char *szi_live_reply_match(const ldns_pkt *query, const uint8_t *wire, size_t len, ldns_pkt **out)
{
	return match(query, wire, len, out, false);
}

const char *szi_live_reply_match_next(const ldns_pkt *query, const uint8_t *wire, size_t len, ldns_pkt **out)
{
	return match(query, wire, len, out, true);
}

bool szi_live_tsig_verify_next(ldns_pkt *msg, const uint8_t *wire, size_t len, const char *key_name,
			       const char *key_secret, const ldns_rdf *prior_mac)
{
	ldns_rr *tsig = ldns_pkt_tsig(msg);
	bool ok = ldns_pkt_tsig_verify_next(msg, wire, len, key_name, key_secret, prior_mac, 1);
	if (tsig != NULL && ldns_pkt_tsig(msg) == NULL)
		ldns_pkt_set_tsig(msg, tsig);
	return ok;
}

bool szi_live_tsig_verify(ldns_pkt *reply, const uint8_t *wire, size_t len, const char *key_name,
			  const char *key_secret, const ldns_rdf *query_mac)
{
	ldns_rr *tsig = ldns_pkt_tsig(reply);
	bool ok = ldns_pkt_tsig_verify(reply, wire, len, key_name, key_secret, query_mac);
	if (tsig != NULL && ldns_pkt_tsig(reply) == NULL)
		ldns_pkt_set_tsig(reply, tsig);
	return ok;
}
