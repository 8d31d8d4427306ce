/*
 * live/exchange.h: one query and its reply with one server address, over
 * UDP (then TCP when the reply is truncated) or over TCP only, within one
 * wall-clock deadline.
 *
 * ldns_resolver_send() takes the first datagram that parses, from anyone,
 * and bounds each recv() rather than the answer. Here a message is the
 * reply only when it comes from the address and port the query went to
 * and matches the query (live/reply.h); anything else is discarded and the
 * wait goes on until the deadline. The deadline covers everything of one
 * attempt: the UDP wait, the TCP connect, the write and every read of a
 * TCP answer, however slowly it arrives.
 */
#ifndef SZ_LIVE_EXCHANGE_INTERNAL_H
#define SZ_LIVE_EXCHANGE_INTERNAL_H

#include <stdbool.h>
#include <sys/socket.h>

#include <ldns/ldns.h>

#include "sipzone/status.h"

typedef struct szi_live_exchange {
	/* in */
	const struct sockaddr_storage *addr;  /**< the server */
	socklen_t addr_len;
	unsigned timeout_ms;    /**< the deadline, from the call */
	bool tcp_only;          /**< no UDP (the UPDATE) */
	/** Verify the reply's TSIG with this key (NULL: the query is unsigned). */
	const char *key_name;
	const char *key_secret;
	const ldns_rdf *query_mac;  /**< the MAC of the signed query */
	/* out */
	bool sent;              /**< the query left (so an UPDATE may have been applied) */
	bool tsig_ok;           /**< the reply's TSIG verified (only with key_name) */
	unsigned discarded;     /**< messages that were not the reply */
	char why[160];          /**< why there is no reply; the last discard's reason */
} szi_live_exchange;

/**
 * Send `query` and wait for its reply until x->timeout_ms have passed.
 * SZ_OK: *reply is the matching reply (the caller frees it; a truncated
 * UDP reply was followed by TCP). SZ_ERR_NETWORK: no reply (timed out,
 * refused, the connection closed, nothing but discarded messages), x->why
 * says which. SZ_ERR_DNS: the reply over TCP is truncated, so no complete
 * answer exists (never data). SZ_ERR_NOMEM.
 */
sz_status szi_live_exchange_run(szi_live_exchange *x, const ldns_pkt *query, ldns_pkt **reply);

/** A fresh random message ID. */
uint16_t szi_live_random_id(void);

#endif
