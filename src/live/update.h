/*
 * live/update.h: the RFC 2136 UPDATEs that make a zone serve the model's
 * records, as ldns lists, as packets, and as nsupdate text.
 *
 * Only what changes is pinned: for every RRset the update changes, the
 * prerequisite section holds it as it was read ("RRset exists (value
 * dependent)" with its records, or "RRset does not exist" when it was
 * empty; RFC 2136 sections 2.4.2 and 2.4.3). RRsets left as they are get
 * no prerequisite, so the message grows with the change, not the zone.
 * The update section drops and adds the records that differ, or, when the
 * TTL changes or the RRset goes, deletes the whole RRset first (2.5.2).
 *
 * The changes are grouped by name: the RRsets at N and N's ownership record
 * (_sipzone.N, live/owner.h) always go in the same message, with their
 * prerequisites. Groups fill messages in canonical name order up to
 * SZI_UPDATE_MAX_OCTETS; a change too large for one message is split into
 * several UPDATEs, each complete in itself (a server applies each
 * atomically, so every name is always either before or after the change,
 * with an ownership record that describes it). A group that alone passes
 * the limit is an error before anything is sent.
 */
#ifndef SZ_LIVE_UPDATE_INTERNAL_H
#define SZ_LIVE_UPDATE_INTERNAL_H

#include <stddef.h>

#include <ldns/ldns.h>

#include "live/rrset.h"

/** The most octets (uncompressed) of prerequisites and updates in one
 * message: 64 KB less room for the header, the zone and a TSIG. */
#define SZI_UPDATE_MAX_OCTETS 60000u

typedef struct sz_live_update {
	ldns_rr_list **prereq;   /**< per message */
	ldns_rr_list **update;   /**< per message */
	size_t n_msgs;
	size_t n_changed;        /**< RRsets of the model changed (ownership records not counted) */
	size_t n_deleted;        /**< of those, RRsets deleted because sipzone owns them */
	size_t n_owner;          /**< ownership RRsets written or deleted */
	char why[400];           /**< SZ_ERR_USAGE: what does not fit */
} sz_live_update;

/**
 * Build the updates from a read plan whose ownership records are expected
 * (szi_live_owner_expect()). SZ_OK, SZ_ERR_NOMEM, or SZ_ERR_USAGE when the
 * changes at one name do not fit in one message (u->why).
 */
sz_status szi_live_update_build(const sz_live_plan *plan, bool prune, sz_live_update *out);
void szi_live_update_clear(sz_live_update *u);

/**
 * nsupdate input: `server HOST PORT`, `zone ZONE`, then per message its
 * prereq/update lines and `send`. The key is never written.
 */
sz_status szi_live_update_text(const sz_live_update *u, const char *host, unsigned port,
			  const ldns_rdf *zone, char **out);

/** Message `i` as a packet (unsigned, random id), or NULL when out of memory. */
ldns_pkt *szi_live_update_packet(const sz_live_update *u, size_t i, const ldns_rdf *zone);

#endif
