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
#include <time.h>

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

/**
 * Queries in flight at once when many RRsets are read (verify and push
 * when the zone cannot be transferred): the default window, and its bound.
 */
#define SZI_LIVE_WINDOW 32u
#define SZI_LIVE_WINDOW_MAX 64u

/**
 * One query of a window: each attempt is one exchange over UDP (then TCP
 * for this query alone when its reply is truncated) with its own socket,
 * connected to x.addr, and its own deadline of x.timeout_ms. A message is
 * its reply only as for szi_live_exchange_run(): from the address and
 * port it went to, with the query's ID, QR, opcode and question; a reply
 * meant for another query of the window arrives on that query's socket,
 * and anything else is discarded while the attempt waits on.
 */
typedef struct szi_live_job {
	szi_live_exchange x;    /**< addr, addr_len, timeout_ms in; the rest out */
	const ldns_pkt *query;  /**< in; the same packet (and ID) for every attempt */
	ldns_pkt *reply;        /**< out: with SZ_OK, the reply (done() takes it) */
	sz_status status;       /**< out: as szi_live_exchange_run() returns */
	/* the window's own */
	int fd;
	struct timespec end;
	uint8_t *qwire;
	size_t qlen;
} szi_live_job;

typedef struct szi_live_window {
	size_t size;            /**< in flight at most (1..SZI_LIVE_WINDOW_MAX) */
	/** The next job to start (query and x set, qwire NULL), or NULL: no more. */
	szi_live_job *(*next)(void *ctx);
	/** An attempt of `job` ended: true to run it again (the caller may have
	 * changed job->x.addr), false when the job is finished with. */
	bool (*done)(void *ctx, szi_live_job *job);
	void *ctx;
} szi_live_window;

/**
 * Run jobs until next() gives no more and none is in flight, at most
 * w->size at a time. SZ_OK, or SZ_ERR_NOMEM before any was started; every
 * job's outcome goes to done().
 */
sz_status szi_live_exchange_window(const szi_live_window *w);

/**
 * What the reader of a stream (a zone transfer) does with each message that
 * matched the query: SZI_STREAM_MORE, SZI_STREAM_DONE, or SZI_STREAM_STOP
 * (a bad message: x->why says why; SZ_ERR_DNS). `msg` is borrowed.
 */
enum { SZI_STREAM_MORE = 0, SZI_STREAM_DONE = 1, SZI_STREAM_STOP = -1, SZI_STREAM_NOMEM = -2 };
typedef int (*szi_live_on_message)(void *ctx, szi_live_exchange *x, ldns_pkt *msg, const uint8_t *wire,
				   size_t len);

/** A transfer ends when its whole time passes this many timeouts. */
#define SZI_LIVE_STREAM_TIMEOUTS 20u

/**
 * Send `query` over TCP and give every message that answers it to
 * `on_message` until it says done (a zone transfer, RFC 5936). The first
 * message must match the query as a reply does (live/reply.h); the next
 * ones need its ID, QR and opcode, and either no question or the same one.
 * Anything else on the connection is discarded. Each message must arrive
 * within x->timeout_ms of the one before, and the whole stream within
 * SZI_LIVE_STREAM_TIMEOUTS times it, so a server that drips or never ends
 * cannot hold the run. TSIG is the reader's to check (x->key_name unused).
 * SZ_OK, SZ_ERR_NETWORK (x->why), SZ_ERR_DNS (the reader stopped, or a
 * truncated message), SZ_ERR_NOMEM.
 */
sz_status szi_live_exchange_stream(szi_live_exchange *x, const ldns_pkt *query, szi_live_on_message on_message,
				   void *ctx);

/** A fresh random message ID. */
uint16_t szi_live_random_id(void);

#endif
