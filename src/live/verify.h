/*
 * live/verify.h: what verify and push share: reading the RRsets of a plan
 * from a server, with one zone transfer per zone where the server allows
 * it and one query per RRset where it does not, and the ownership records
 * that come with them (live/owner.h).
 */
#ifndef SZ_LIVE_VERIFY_INTERNAL_H
#define SZ_LIVE_VERIFY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "live/axfr.h"
#include "live/net.h"
#include "live/rrset.h"

#define SZI_LIVE_READ_MAX_ZONES 64

typedef struct szi_live_reader {
	sz_live_conn *conn;
	const sz_tsig_key *key;       /**< sign the transfers (push); NULL: unsigned */
	bool need_authority;          /**< push: every answer must be authoritative */
	szi_live_zone zones[SZI_LIVE_READ_MAX_ZONES];  /**< transferred (apex NULL: not) */
	ldns_rdf *tried[SZI_LIVE_READ_MAX_ZONES];      /**< the apexes asked for a transfer */
	size_t n_zones;
	size_t n_transferred;
	size_t n_queries;             /**< queries sent instead */
	bool conn_slow;               /**< a transfer timed out: no more are tried */
	char why_no_transfer[400];    /**< the first zone that was not transferred, and why */
} szi_live_reader;

/**
 * Read every RRset of the plan: transfer each of `apexes` (a named server
 * only; a refused transfer is not an error), take the RRsets of the
 * transferred zones from them and ask for the others, then the ownership
 * records and what they list (stale RRsets, added to the plan), and mark
 * the names a transferred zone answers from a wildcard. With `again`
 * everything is read anew (after an update). Call before probes are added.
 */
sz_status szi_live_read_plan(szi_live_reader *rd, sz_live_plan *plan, const ldns_rdf *const *apexes,
			     size_t n_apexes, bool again, szi_live_error *err);

/** Read the RRsets [from, to) (probes) the same way, from the transfers or by queries. */
sz_status szi_live_read_more(szi_live_reader *rd, sz_live_plan *plan, size_t from, size_t to,
			     szi_live_error *err);

/** Free the transfers. */
void szi_live_reader_clear(szi_live_reader *rd);

#endif
