/*
 * live/owner.h: which RRsets sipzone published, recorded in DNS itself so
 * that any machine (a fresh checkout, CI, a colleague's laptop) can tell
 * sipzone's records from everyone else's, and prune them.
 *
 * The design follows the TXT registry of Kubernetes external-dns: for every
 * name N at which sipzone publishes RRsets it writes one TXT RRset
 *
 *     _sipzone.N.  TTL  IN TXT  "heritage=sipzone;types=A,AAAA,SRV"
 *
 * holding a fixed heritage string and the types of the RRsets at N that
 * are sipzone's, in the same UPDATE message as those RRsets (so a record
 * and its ownership record are applied together or not at all). The
 * record lives at a prefixed name, not at N, because sipzone publishes
 * CNAMEs (hosted domains) and no other data may sit at a CNAME's owner
 * (RFC 1034 section 3.6.2; external-dns uses a prefix for the same reason);
 * the label `_sipzone` also keeps the records out of the way of the SIP
 * service names (_sip._tls, _sipfederationtls._tcp, ...). The `_sipzone`
 * label belongs to sipzone: the TXT RRset there is replaced as a whole.
 *
 * What that means for push and verify:
 *  - An RRset the model produces is the model's: push makes it the model's
 *    records and lists its type in N's ownership record (it adopts it).
 *  - push deletes an RRset only when the ownership record of its name lists
 *    its type: an RRset the model wants empty (the _xmpp-server SRV after
 *    "xmpp" is turned off), or, with --prune, any RRset listed that the
 *    model no longer produces (a removed domain, a renamed host). Foreign
 *    RRsets, at other names or of other types at sipzone's names, stay.
 *  - verify reports listed RRsets the model no longer produces as stale.
 * Names longer than 244 octets have no room for the prefix: sipzone never
 * records their ownership, and so never deletes anything there.
 */
#ifndef SZ_LIVE_OWNER_INTERNAL_H
#define SZ_LIVE_OWNER_INTERNAL_H

#include <stdbool.h>

#include "live/axfr.h"
#include "live/rrset.h"

#define SZI_OWNER_LABEL "_sipzone"
#define SZI_OWNER_HERITAGE "heritage=sipzone;types="
/** The TTL of an ownership record when no RRset at its name gives one. */
#define SZI_OWNER_TTL 3600u

/** The name has the ownership label first (_sipzone.N). */
bool szi_live_owner_is_meta(const ldns_rdf *name);

/** Add the ownership RRset (_sipzone.N TXT) of every name N of the plan, and sort. */
sz_status szi_live_owner_add_meta(sz_live_plan *plan);

/**
 * After the plan's RRsets are read: mark the RRsets the ownership records
 * list (owned), add the listed ones the model does not produce (stale),
 * and the ownership RRsets a transfer shows at names the plan does not
 * have. *added counts new RRsets (unread: served is NULL); the plan is
 * sorted again when any was added. SZ_ERR_NOMEM.
 */
sz_status szi_live_owner_discover(sz_live_plan *plan, const szi_live_zone *zones, size_t n_zones,
				  size_t *added);

/** push deletes this RRset (owned, read non-empty, the model wants none;
 * a stale one only with prune). */
bool szi_live_owner_deletes(const sz_live_slot *s, bool prune);

/** The RRset is changed by push (records, TTL, ownership). */
bool szi_live_owner_changes(const sz_live_slot *s, bool prune);

/** An RRset push leaves although the model wants none (not owned, or stale without prune). */
bool szi_live_owner_leaves(const sz_live_slot *s, bool prune);

/** Fill the expected records of every ownership RRset: what it lists after the push. */
sz_status szi_live_owner_expect(sz_live_plan *plan, bool prune);

#endif
