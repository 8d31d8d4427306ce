/*
 * check/table.c: the name set and the RRset TTL table of the checker.
 *
 * Open addressing with linear probing, power-of-two sizes, grown at 3/4 full.
 * The name set keeps the hash next to the index in its slots, so a probe
 * touches the arena only when the hashes match.
 */
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "dns/wire_name.h"
#include "check/table.h"

void szi_names_init(sz_names *t)
{
	memset(t, 0, sizeof(*t));
}

void szi_names_clear(sz_names *t)
{
	free(t->v);
	free(t->slots);
	free(t->arena);
	szi_names_init(t);
}

const uint8_t *szi_names_wire(const sz_names *t, uint32_t id, size_t *len)
{
	const uint8_t *p = t->arena + t->v[id].off;
	*len = p[0];
	return p + 1;
}

static bool slot_matches(const sz_names *t, uint64_t slot, uint32_t hi,
			 const uint8_t *w, size_t len)
{
	if ((uint32_t)(slot >> 32) != hi)
		return false;
	const uint8_t *p = t->arena + t->v[(uint32_t)slot - 1].off;
	return p[0] == len && memcmp(p + 1, w, len) == 0;
}

bool szi_names_find(const sz_names *t, const uint8_t *w, size_t len, uint64_t hash, uint32_t *id)
{
	if (t->slots == NULL)
		return false;
	uint32_t hi = (uint32_t)(hash >> 32);
	for (uint32_t i = (uint32_t)hash & t->mask;; i = (i + 1) & t->mask) {
		uint64_t s = t->slots[i];
		if (s == 0)
			return false;
		if (slot_matches(t, s, hi, w, len)) {
			*id = (uint32_t)s - 1;
			return true;
		}
	}
}

static sz_status names_grow(sz_names *t)
{
	uint32_t size = t->slots == NULL ? 1024 : (t->mask + 1) * 2;
	if (size == 0 || size > (1u << 31))
		return SZ_ERR_LIMIT;
	uint64_t *slots = calloc(size, sizeof(*slots));
	if (slots == NULL)
		return SZ_ERR_NOMEM;
	uint32_t mask = size - 1;
	if (t->slots != NULL) {
		for (uint32_t i = 0; i <= t->mask; i++) {
			uint64_t s = t->slots[i];
			if (s == 0)
				continue;
			/* the slot has only the high hash bits: rehash the name */
			const uint8_t *p = t->arena + t->v[(uint32_t)s - 1].off;
			uint64_t h = szi_hash(p + 1, p[0]);
			uint32_t j = (uint32_t)h & mask;
			while (slots[j] != 0)
				j = (j + 1) & mask;
			slots[j] = s;
		}
	}
	free(t->slots);
	t->slots = slots;
	t->mask = mask;
	return SZ_OK;
}

sz_status szi_names_intern(sz_names *t, const uint8_t *w, size_t len, uint64_t hash, uint32_t *id)
{
	if (szi_names_find(t, w, len, hash, id))
		return SZ_OK;
	if (len > 255)
		return SZ_ERR_LIMIT;
	if (t->slots == NULL || (size_t)(t->count + 1) * 4 > (size_t)(t->mask + 1) * 3) {
		sz_status st = names_grow(t);
		if (st != SZ_OK)
			return st;
	}
	if (t->count == t->capacity) {
		uint32_t cap = t->capacity ? t->capacity * 2 : 1024;
		if (cap < t->capacity)
			return SZ_ERR_LIMIT;
		sz_name *v = realloc(t->v, (size_t)cap * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		t->v = v;
		t->capacity = cap;
	}
	if (t->arena_len + len + 1 > t->arena_cap) {
		size_t cap = t->arena_cap ? t->arena_cap * 2 : 65536;
		while (cap < t->arena_len + len + 1)
			cap *= 2;
		if (cap > UINT32_MAX)
			return SZ_ERR_LIMIT;
		uint8_t *a = realloc(t->arena, cap);
		if (a == NULL)
			return SZ_ERR_NOMEM;
		t->arena = a;
		t->arena_cap = cap;
	}
	uint32_t idx = t->count++;
	t->v[idx] = (sz_name){ .off = (uint32_t)t->arena_len };
	t->arena[t->arena_len] = (uint8_t)len;
	memcpy(t->arena + t->arena_len + 1, w, len);
	t->arena_len += len + 1;
	uint32_t i = (uint32_t)hash & t->mask;
	while (t->slots[i] != 0)
		i = (i + 1) & t->mask;
	t->slots[i] = ((uint64_t)(uint32_t)(hash >> 32) << 32) | (uint64_t)(idx + 1);
	*id = idx;
	return SZ_OK;
}

void szi_rrsets_init(sz_rrsets *t)
{
	memset(t, 0, sizeof(*t));
}

void szi_rrsets_clear(sz_rrsets *t)
{
	free(t->slots);
	free(t->ttl_values);
	free(t->ttl_slots);
	szi_rrsets_init(t);
}

uint64_t szi_rrset_key(uint64_t owner_hash, uint16_t rr_class, uint16_t type)
{
	uint64_t k = owner_hash ^ (((uint64_t)rr_class << 16 | type) * 0x9e3779b97f4a7c15ull);
	k ^= k >> 29;
	k *= 0xbf58476d1ce4e5b9ull;
	k ^= k >> 32;
	return k != 0 ? k : 1;
}

#define TTL_IDS 65535u          /* ids 0..65534; 65535 = not remembered */
#define TTL_UNKNOWN 0xffffu
#define TTL_SLOTS (1u << 17)

static uint32_t ttl_hash(uint32_t ttl)
{
	return (uint32_t)((ttl * 0x9e3779b1u) >> 15) & (TTL_SLOTS - 1);
}

/* The id of a TTL in the dictionary, added if new; TTL_UNKNOWN when full. */
static sz_status ttl_id(sz_rrsets *t, uint32_t ttl, uint16_t *id)
{
	if (t->ttl_slots == NULL) {
		t->ttl_slots = calloc(TTL_SLOTS, sizeof(*t->ttl_slots));
		t->ttl_values = malloc(TTL_IDS * sizeof(*t->ttl_values));
		if (t->ttl_slots == NULL || t->ttl_values == NULL)
			return SZ_ERR_NOMEM;
	}
	uint32_t i = ttl_hash(ttl);
	for (;; i = (i + 1) & (TTL_SLOTS - 1)) {
		uint32_t s = t->ttl_slots[i];
		if (s == 0)
			break;
		if (t->ttl_values[s - 1] == ttl) {
			*id = (uint16_t)(s - 1);
			return SZ_OK;
		}
	}
	if (t->n_ttls == TTL_IDS) {
		*id = TTL_UNKNOWN;
		return SZ_OK;
	}
	t->ttl_values[t->n_ttls] = ttl;
	t->ttl_slots[i] = t->n_ttls + 1;
	*id = (uint16_t)t->n_ttls++;
	return SZ_OK;
}

static uint64_t slot_key(uint64_t key)
{
	uint64_t k = key & ~(uint64_t)0xffff;
	return k != 0 ? k : (uint64_t)1 << 16;
}

static sz_status rrsets_grow(sz_rrsets *t)
{
	size_t size = t->slots == NULL ? 4096 : (t->mask + 1) * 2;
	uint64_t *slots = calloc(size, sizeof(*slots));
	if (slots == NULL)
		return SZ_ERR_NOMEM;
	size_t mask = size - 1;
	if (t->slots != NULL) {
		for (size_t i = 0; i <= t->mask; i++) {
			uint64_t s = t->slots[i];
			if (s == 0)
				continue;
			/* the home slot comes from the key's low bits above the TTL id */
			size_t j = (size_t)(s >> 16) & mask;
			while (slots[j] != 0)
				j = (j + 1) & mask;
			slots[j] = s;
		}
	}
	free(t->slots);
	t->slots = slots;
	t->mask = mask;
	return SZ_OK;
}

const void *szi_rrsets_home(const sz_rrsets *t, uint64_t key)
{
	return t->slots != NULL ? &t->slots[(size_t)(slot_key(key) >> 16) & t->mask] : NULL;
}

sz_status szi_rrsets_put(sz_rrsets *t, uint64_t key, uint32_t ttl, bool *is_new, uint32_t *old_ttl)
{
	if (t->slots == NULL || (t->count + 1) * 4 > (t->mask + 1) * 3) {
		sz_status st = rrsets_grow(t);
		if (st != SZ_OK)
			return st;
	}
	uint64_t k = slot_key(key);
	size_t i = (size_t)(k >> 16) & t->mask;
	for (;; i = (i + 1) & t->mask) {
		uint64_t s = t->slots[i];
		if (s == 0)
			break;
		if ((s & ~(uint64_t)0xffff) == k) {
			uint16_t id = (uint16_t)(s & 0xffff);
			*is_new = false;
			*old_ttl = id == TTL_UNKNOWN ? ttl : t->ttl_values[id];
			return SZ_OK;
		}
	}
	uint16_t id;
	sz_status st = ttl_id(t, ttl, &id);
	if (st != SZ_OK)
		return st;
	t->slots[i] = k | id;
	t->count++;
	*is_new = true;
	return SZ_OK;
}

bool szi_rrsets_has(const sz_rrsets *t, uint64_t key)
{
	if (t->slots == NULL)
		return false;
	uint64_t k = slot_key(key);
	for (size_t i = (size_t)(k >> 16) & t->mask;; i = (i + 1) & t->mask) {
		uint64_t s = t->slots[i];
		if (s == 0)
			return false;
		if ((s & ~(uint64_t)0xffff) == k)
			return true;
	}
}
