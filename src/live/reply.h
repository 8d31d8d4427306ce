/*
 * live/reply.h: is a message that arrived the reply to the query sipzone
 * sent? ldns parses messages but never matches them for its caller: a
 * reply is taken only when its ID, QR bit, opcode and question (name,
 * type, class) are those of the query. (The source address and port are
 * the transport's part: live/exchange.c.)
 */
#ifndef SZ_LIVE_REPLY_INTERNAL_H
#define SZ_LIVE_REPLY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

/**
 * Match `wire` (len octets) against `query`. NULL when it is the reply:
 * *out is then the parsed message (the caller frees it). Otherwise the
 * reason it is not, a static string ("wrong ID", "QR bit clear", ...), and
 * *out is NULL. A reply without a question is taken only with an RCODE
 * that carries no data (FORMERR, SERVFAIL, NOTIMP, REFUSED, NOTAUTH, ...):
 * such a reply can only end the exchange with an error.
 */
const char *szi_live_reply_match(const ldns_pkt *query, const uint8_t *wire, size_t len, ldns_pkt **out);

/**
 * The same for a later message of a stream (a zone transfer's second,
 * third, ...): ID, QR and opcode as for the reply, and no question or the
 * query's question (RFC 5936 section 2.2).
 */
const char *szi_live_reply_match_next(const ldns_pkt *query, const uint8_t *wire, size_t len, ldns_pkt **out);

/**
 * ldns_pkt_tsig_verify() of a reply, without its leak: ldns 1.8.3 takes the
 * TSIG record out of the packet to verify it and, when a malformed one
 * fails, never puts it back (F31); here it is put back, so ldns_pkt_free()
 * frees it.
 */
bool szi_live_tsig_verify(ldns_pkt *reply, const uint8_t *wire, size_t len, const char *key_name,
			  const char *key_secret, const ldns_rdf *query_mac);

/**
 * The same for a later message of a signed stream: its MAC covers the MAC
 * of the message before (`prior_mac`) and the TSIG timers (RFC 8945
 * section 5.3.1). Every message must be signed (BIND signs each).
 */
bool szi_live_tsig_verify_next(ldns_pkt *msg, const uint8_t *wire, size_t len, const char *key_name,
			       const char *key_secret, const ldns_rdf *prior_mac);

#endif
