/*
 * live/rrset.h: the RRsets sipzone owns in the zones it talks
 * about (live.h says which), as ldns records, and how a served RRset
 * compares with the model's.
 *
 * Names are absolute and lower-case; lists are in canonical order
 * (ldns_rr_list_sort), so comparing two RRsets is a walk over both.
 */
#ifndef SZ_LIVE_RRSET_INTERNAL_H
#define SZ_LIVE_RRSET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include "live/error.h"
#include "sipzone/live.h"
#include "sipzone/model.h"

typedef struct sz_live_slot {
	ldns_rdf *owner;          /**< absolute, lower-case (owned) */
	uint8_t *key;             /**< the owner's sort key (szi_live_name_key()), owned; NULL: none */
	uint16_t key_len;
	ldns_rr_type type;
	uint32_t ttl;             /**< the model's TTL (of the zone's snippet) */
	size_t zone;              /**< index into sz_live_plan.zones */
	bool probe;               /**< not owned: read only for the rules (an SRV target) */
	ldns_rr_list *expected;   /**< never NULL; empty: owned, and the model wants none */
	ldns_rr_list *served;     /**< owner and type of this RRset only; NULL until read */
	ldns_rr *alias;           /**< a CNAME the server has at the owner, or NULL */
	bool authoritative;       /**< the answer had AA set: its TTLs are the zone's */
	/* ownership recorded in DNS (live/owner.h) */
	bool meta;                /**< the ownership TXT of a name (_sipzone.NAME), not a model RRset */
	bool owned;               /**< the ownership TXT of the owner lists this type */
	bool stale;               /**< owned, and the model produces no RRset here any more
				       (added from an ownership record, not from the model) */
	char *xzone;              /**< the zone of a stale RRset outside the plan's zones, or NULL */
	ldns_rdf *wildcard;       /**< the zone has no RRset here; a server answers from this wildcard */
	bool to_delete;           /**< push deletes it (decided before the update is sent) */
	bool changing;            /**< push changes it (records, TTL, ownership) */
	bool left;                /**< push leaves it although the model wants none */
} sz_live_slot;

typedef struct sz_live_plan {
	sz_live_slot *items;         /**< owned RRsets first (canonical), then probes */
	size_t count;
	size_t cap;
	size_t n_owned;
	char **zones;             /**< the snippets' zones covered, no trailing dot */
	size_t n_zones;
	ldns_rdf **zone_rdfs;     /**< the same as absolute names */
} sz_live_plan;

/**
 * The RRsets the model owns in the snippets whose zone is one of `zones` or
 * lies below one (all snippets when n_zones is 0). A zone that selects no
 * snippet is SZ_ERR_USAGE with err->text naming the model's zones.
 */
sz_status szi_live_plan_build(const sz_model *model, const char *const *zones, size_t n_zones,
			 sz_live_plan *plan, szi_live_error *err);
/** The same for one view (szi_live_plan_build() is the external view). */
sz_status szi_live_plan_build_view(const sz_model *model, sz_view view, const char *const *zones,
				  size_t n_zones, sz_live_plan *plan, szi_live_error *err);
/**
 * The same; with `allow_empty` a zone that selects no snippet is not an
 * error (push --prune of a zone the model no longer has: its plan is empty).
 */
sz_status szi_live_plan_build_prune(const sz_model *model, sz_view view, const char *const *zones,
				   size_t n_zones, bool allow_empty, sz_live_plan *plan, szi_live_error *err);
void szi_live_plan_clear(sz_live_plan *plan);

/** The owned RRset (owner, type), or NULL. */
sz_live_slot *szi_live_plan_find(const sz_live_plan *plan, const ldns_rdf *owner, ldns_rr_type type);

/** Add a probe RRset (owner, type) unless the plan has it; SZ_ERR_NOMEM. */
sz_status szi_live_plan_add_probe(sz_live_plan *plan, const ldns_rdf *owner, ldns_rr_type type);

/**
 * Append an RRset (owner copied, lower-cased) with no expected records, in
 * plan zone `zone` (-1: the one the owner lies in);
 * the caller marks it and calls szi_live_plan_sort() before any lookup.
 * Only before probes are added. NULL when out of memory.
 */
sz_live_slot *szi_live_plan_add_slot(sz_live_plan *plan, const ldns_rdf *owner, ldns_rr_type type, uint32_t ttl,
				     long zone);

/** Sort the RRsets again after szi_live_plan_add_slot(); all count as owned. */
void szi_live_plan_sort(sz_live_plan *plan);

/** Index of the plan zone that `name` lies in (the longest), or -1. */
long szi_live_plan_zone_of(const sz_live_plan *plan, const ldns_rdf *name);

/**
 * Take the records of `answer` that belong to the RRset (owner and type
 * match, class IN) into s->served, lower-cased and sorted; remember a CNAME
 * at the owner and whether the answer is authoritative. Replaces what was
 * read before. SZ_ERR_NOMEM.
 */
sz_status szi_live_rrset_take_answer(sz_live_slot *s, const ldns_pkt *answer);

/** true when served and expected hold the same records (TTL not looked at). */
bool szi_live_rrset_same_records(const sz_live_slot *s);

/** true when every served record has the model's TTL. */
bool szi_live_rrset_ttl_ok(const sz_live_slot *s);

/** The state of a read RRset. TTLs count only when the answer was authoritative. */
sz_rrset_state szi_live_rrset_state(const sz_live_slot *s);

/**
 * ldns_dname_compare()'s order (RFC 4034 canonical: label by label from
 * the right, case-insensitive), without its per-call label counting and
 * copying: sorting and searching a transferred zone of 100,000 records
 * makes millions of these calls. Both must be wire-format names.
 */
int szi_live_dname_cmp(const ldns_rdf *a, const ldns_rdf *b);

/** Room for a sort key. */
#define SZI_LIVE_KEY_MAX (LDNS_MAX_DOMAINLEN + 2)

/**
 * The sort key of a name: its labels from the right, lower-cased, each
 * followed by a zero octet, so that comparing keys octet by octet (shorter
 * first) is szi_live_dname_cmp()'s order, at memcmp()'s speed. false when
 * a label holds a zero octet (then compare the names).
 */
bool szi_live_name_key(const ldns_rdf *name, uint8_t *out, uint16_t *len);

/** Compare two sort keys. */
int szi_live_key_cmp(const uint8_t *a, uint16_t na, const uint8_t *b, uint16_t nb);

/** `name` is `apex` or below it; both lower-case wire names (canonical). */
bool szi_live_dname_within(const ldns_rdf *name, const ldns_rdf *apex);

/** "sip.contoso.com." for an RRset's owner, in a buffer of LDNS_MAX_DOMAINLEN + 2. */
void szi_live_name_text(const ldns_rdf *name, char *out, size_t size);

/** A record's RDATA in presentation form ("0 0 443 sip.contoso.com."), or NULL. */
char *szi_live_rdata_text(const ldns_rr *rr);

#endif
