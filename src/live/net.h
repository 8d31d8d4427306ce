/*
 * live/net.h: one server (or the system's resolvers) as a list of
 * addresses, and the two exchanges sipzone has with it: a query for one
 * RRset, and a signed UPDATE. The packets are ldns's; sending, waiting and
 * matching replies are sipzone's own (live/exchange.h, live/reply.h).
 *
 * Every ldns status and DNS RCODE becomes an sz_status here, with the
 * reason in an szi_live_error (live/error.h).
 */
#ifndef SZ_LIVE_NET_INTERNAL_H
#define SZ_LIVE_NET_INTERNAL_H

#include <stdbool.h>
#include <sys/socket.h>

#include <ldns/ldns.h>

#include "live/rrset.h"
#include "sipzone/live.h"

#define SZI_LIVE_MAX_ADDRS 8

typedef struct sz_live_conn {
	struct sockaddr_storage addrs[SZI_LIVE_MAX_ADDRS];  /**< tried in order */
	socklen_t addr_lens[SZI_LIVE_MAX_ADDRS];
	size_t n_addrs;
	char label[300];        /**< "192.0.2.53#53", "system resolvers (...)" */
	char host[256];         /**< the server as given, without the port */
	unsigned port;
	bool named;             /**< a server was given (not the system's) */
	unsigned timeout_ms;    /**< the deadline of one attempt, wall clock */
	unsigned attempts;      /**< retries + 1, per address */
} sz_live_conn;

/**
 * Parse "ADDR", "ADDR#PORT" or "HOST[#PORT]" into host and port. false with
 * err->text when it is not one.
 */
bool szi_live_server_parse(const char *server, char *host, size_t host_size, unsigned *port,
		      szi_live_error *err);

/** The addresses of `opts->server`, or of the system's resolvers when NULL. */
sz_status szi_live_conn_open(sz_live_conn *c, const sz_live_options *opts, szi_live_error *err);
void szi_live_conn_close(sz_live_conn *c);

/**
 * Ask for (owner, type) and take the answer into `s`. NOERROR and NXDOMAIN
 * are answers; other RCODEs are SZ_ERR_DNS, and so is an answer that is
 * truncated over TCP; no answer is SZ_ERR_NETWORK. Each address is asked
 * up to `attempts` times, each attempt within its own deadline of
 * timeout_ms. With
 * `need_authority`, or when a named server neither is authoritative nor
 * recurses, an answer without AA is SZ_ERR_DNS.
 */
sz_status szi_live_read_rrset(sz_live_conn *c, sz_live_slot *s, bool need_authority, szi_live_error *err);

/**
 * szi_live_read_rrset() for each of `slots`, with up to SZI_LIVE_WINDOW queries
 * in flight (SZI_LIVE_WINDOW; live/exchange.h: each its own socket, deadline, retries and
 * TCP after a truncated reply). Each slot takes its own answer, so the
 * result is the sequential one; on failure, the error is that of the
 * first slot in the list that failed (no slot after it is started once it
 * has failed).
 */
sz_status szi_live_read_rrsets(sz_live_conn *c, sz_live_slot **slots, size_t n, bool need_authority,
			       szi_live_error *err);

/** Check that the server is authoritative for `zone` (an SOA answer with AA). */
sz_status szi_live_check_authority(sz_live_conn *c, const ldns_rdf *zone, szi_live_error *err);

/**
 * Sign `update` with `key` and send it over TCP, once (the next address is
 * tried only when nothing was sent to one). SZ_OK when the server
 * answered NOERROR with a valid signature. A refusal is SZ_ERR_DNS with the
 * RCODE and TSIG error in err; a failed prerequisite SZ_ERR_CONFLICT; no
 * answer SZ_ERR_NETWORK.
 */
sz_status szi_live_send_update(sz_live_conn *c, ldns_pkt *update, const sz_tsig_key *key,
			  szi_live_error *err);

/** The RCODE's name ("REFUSED"), or "RCODE n". */
const char *szi_live_rcode_name(int rcode, char *buf, size_t size);

#endif
