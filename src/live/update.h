/*
 * live/update.h: the RFC 2136 UPDATE that makes a zone serve the
 * model's records, as ldns lists, as a packet, and as nsupdate text.
 *
 * For every owned RRset, the prerequisite section holds the RRset as it
 * was read: "RRset exists (value dependent)" with its records, or "RRset
 * does not exist" when it was empty (RFC 2136 section 2.4.2 and 2.4.3).
 * The server applies the update only when all of them still hold, so a
 * change made between reading and sending is refused as a whole.
 * The update section changes only RRsets that differ: the records to drop
 * and to add, or, when the TTL changes or the model wants none, the whole
 * RRset is deleted first (section 2.5.2) and the model's records added.
 */
#ifndef SZ_LIVE_UPDATE_INTERNAL_H
#define SZ_LIVE_UPDATE_INTERNAL_H

#include <stddef.h>

#include <ldns/ldns.h>

#include "live/rrset.h"

typedef struct sz_live_update {
	ldns_rr_list *prereq;
	ldns_rr_list *update;
	size_t n_changed;     /**< RRsets the update section changes */
} sz_live_update;

/** Build the update from the owned RRsets of a plan whose served sets are read. */
sz_status szi_live_update_build(const sz_live_plan *plan, sz_live_update *out);
void szi_live_update_clear(sz_live_update *u);

/**
 * nsupdate input for the update: `server HOST PORT`, `zone ZONE`, one
 * prereq/update line per record, `send`. The key is never written.
 */
sz_status szi_live_update_text(const sz_live_update *u, const char *host, unsigned port,
			  const ldns_rdf *zone, char **out);

/** The UPDATE packet (unsigned, random id), or NULL when out of memory. */
ldns_pkt *szi_live_update_packet(const sz_live_update *u, const ldns_rdf *zone);

#endif
