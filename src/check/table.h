/*
 * check/table.h: what the checker remembers between records.
 *
 * Two hash tables sized by what the cross-record rules need: a set of names
 * (lower-case wire, stored once in one arena, with flags: has an address,
 * owns a CNAME, is a zone apex, ...) for SRV targets and for address, CNAME,
 * NS and SOA owners; and, for ttl-mismatch and cname-and-other-data, one
 * 8-byte slot per RRset: 48 bits of a hash of (owner, class, type) and the
 * number of its TTL in a small dictionary of the TTLs seen. No names: two
 * RRsets are confused only if 48 hash bits agree between neighbouring
 * slots, about once in 10^8 zones of a million RRsets.
 *
 * Used by one thread only (the one that merges parsed records in order).
 */
#ifndef SZ_CHECK_TABLE_INTERNAL_H
#define SZ_CHECK_TABLE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipzone/status.h"

enum {
	SZ_NAME_A = 1u << 0,        /**< owns an A record */
	SZ_NAME_AAAA = 1u << 1,     /**< owns an AAAA record */
	SZ_NAME_CNAME = 1u << 2,    /**< owns a CNAME; aux is its index + 1 */
	SZ_NAME_ZONE = 1u << 3,     /**< apex of a zone checked */
	SZ_NAME_NS = 1u << 4,       /**< owns NS records */
	SZ_NAME_PUBLISHED = 1u << 5, /**< published for the outside (check/public.c, at the end) */
};

typedef struct sz_name {
	uint32_t off;     /**< in the arena: length byte, then the wire name */
	uint32_t flags;
	uint32_t aux;
} sz_name;

typedef struct sz_names {
	sz_name *v;
	uint32_t count;
	uint32_t capacity;
	uint64_t *slots;  /**< 0 empty, else (hash high 32 bits << 32) | (index + 1) */
	uint32_t mask;
	uint8_t *arena;
	size_t arena_len;
	size_t arena_cap;
} sz_names;

void szi_names_init(sz_names *t);
void szi_names_clear(sz_names *t);
/** Add a lower-case wire name if absent; *id is its index either way. */
sz_status szi_names_intern(sz_names *t, const uint8_t *w, size_t len, uint64_t hash, uint32_t *id);
/** Find a name; false when absent. */
bool szi_names_find(const sz_names *t, const uint8_t *w, size_t len, uint64_t hash, uint32_t *id);
/** The wire name of entry `id`; *len gets its length. */
const uint8_t *szi_names_wire(const sz_names *t, uint32_t id, size_t *len);

typedef struct sz_rrsets {
	uint64_t *slots;  /**< 0 empty, else key bits 16..63 | TTL id */
	size_t count;
	size_t mask;
	uint32_t *ttl_values;   /**< TTL id -> TTL */
	uint32_t *ttl_slots;    /**< TTL dictionary: 0 empty, else id + 1 */
	uint32_t n_ttls;
} sz_rrsets;

void szi_rrsets_init(sz_rrsets *t);
void szi_rrsets_clear(sz_rrsets *t);
/** The key of an RRset from its owner's hash, class and type (never 0). */
uint64_t szi_rrset_key(uint64_t owner_hash, uint16_t rr_class, uint16_t type);
/**
 * Remember the TTL of an RRset. *is_new tells whether the key was absent;
 * when it was present, *old_ttl is the TTL first seen (when the dictionary
 * overflowed, 65,535 distinct TTLs, unknown TTLs read as equal to `ttl`).
 */
sz_status szi_rrsets_put(sz_rrsets *t, uint64_t key, uint32_t ttl, bool *is_new, uint32_t *old_ttl);
bool szi_rrsets_has(const sz_rrsets *t, uint64_t key);
/** Where the slot of `key` starts its probe, for prefetching. */
const void *szi_rrsets_home(const sz_rrsets *t, uint64_t key);

#endif
