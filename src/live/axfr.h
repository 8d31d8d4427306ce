/*
 * live/axfr.h: a whole zone read with one zone transfer (AXFR, RFC 5936),
 * and the lookups verify and push make in it: an RRset, whether a name
 * exists, and the wildcard that would answer for a name that does not.
 *
 * Reading the zone once replaces one query per owned RRset (issue 18),
 * and it is the only way to find the ownership records of names the model
 * no longer has (live/owner.h). A server that does not allow the transfer
 * is asked RRset by RRset instead (live/verify.c).
 */
#ifndef SZ_LIVE_AXFR_INTERNAL_H
#define SZ_LIVE_AXFR_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <ldns/ldns.h>

#include "live/net.h"

/** Most records taken from one transfer (memory stays bounded). */
#define SZI_LIVE_AXFR_MAX_RRS 8000000u

/** The records of a zone, owners lower-case, sorted by owner (canonical) then type. */
typedef struct szi_live_zone {
	ldns_rdf *apex;
	ldns_rr **rrs;
	size_t count;
	size_t cap;
} szi_live_zone;

/**
 * Transfer `zone` from c's server (its first address that takes the TCP
 * connection), signed with `key` when not NULL; then every message of the
 * answer must carry a TSIG that verifies (RFC 8945 section 5.3.1). SZ_OK
 * with *out filled, or the reason in err: SZ_ERR_DNS when the server
 * refuses or answers something that is not a transfer of the zone,
 * SZ_ERR_NETWORK, SZ_ERR_NOMEM. The closing SOA is not kept.
 */
sz_status szi_live_axfr(sz_live_conn *c, const ldns_rdf *zone, const sz_tsig_key *key, szi_live_zone *out,
			szi_live_error *err);
void szi_live_zone_clear(szi_live_zone *z);

/** The records (owner, type) as [*first, *first + n); n is 0 when none. */
size_t szi_live_zone_rrset(const szi_live_zone *z, const ldns_rdf *owner, ldns_rr_type type, size_t *first);

/**
 * The first record whose owner is >= `owner`, looking from `from` on: a
 * caller that asks in canonical order walks the zone once (a few steps
 * ahead, then a binary search of the rest). Records of `owner` follow it.
 */
size_t szi_live_zone_seek(const szi_live_zone *z, size_t from, const ldns_rdf *owner);

/** The name owns records, or is an empty non-terminal (has names below it). */
bool szi_live_zone_name_exists(const szi_live_zone *z, const ldns_rdf *name);

/**
 * The wildcard owner ("*.contoso.com.") a server answers (name, type) from
 * (RFC 4592: the name does not exist, and *.E has the type or a CNAME,
 * where E is its closest encloser); NULL when none. The caller frees it.
 */
ldns_rdf *szi_live_zone_wildcard(const szi_live_zone *z, const ldns_rdf *name, ldns_rr_type type);

#endif
