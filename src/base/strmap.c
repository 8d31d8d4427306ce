/*
 * base/strmap.c: open-addressing hash map from names to pointers.
 */
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>

#include "base/hash.h"
#include "base/strmap.h"

void szi_strmap_init(sz_strmap *map)
{
	memset(map, 0, sizeof(*map));
}

void szi_strmap_clear(sz_strmap *map)
{
	free(map->slots);
	szi_strmap_init(map);
}

static bool same_name(const char *a, const char *b)
{
	for (;; a++, b++) {
		unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
		if (x != y) {
			x = x >= 'A' && x <= 'Z' ? (unsigned char)(x | 0x20) : x;
			y = y >= 'A' && y <= 'Z' ? (unsigned char)(y | 0x20) : y;
			if (x != y)
				return false;
		}
		if (x == '\0')
			return true;
	}
}

static sz_strmap_slot *find_slot(sz_strmap_slot *slots, size_t mask, const char *key)
{
	size_t i = szi_name_hash(key) & mask;
	while (slots[i].key != NULL && !same_name(slots[i].key, key))
		i = (i + 1) & mask;
	return &slots[i];
}

void *szi_strmap_get(const sz_strmap *map, const char *key)
{
	if (map->slots == NULL)
		return NULL;
	const sz_strmap_slot *slot = find_slot(map->slots, map->mask, key);
	return slot->key != NULL ? slot->value : NULL;
}

static sz_status grow(sz_strmap *map)
{
	size_t cap = map->slots ? (map->mask + 1) * 2 : 64;
	sz_strmap_slot *slots = calloc(cap, sizeof(*slots));
	if (slots == NULL)
		return SZ_ERR_NOMEM;
	for (size_t i = 0; map->slots != NULL && i <= map->mask; i++) {
		if (map->slots[i].key != NULL)
			*find_slot(slots, cap - 1, map->slots[i].key) = map->slots[i];
	}
	free(map->slots);
	map->slots = slots;
	map->mask = cap - 1;
	return SZ_OK;
}

sz_status szi_strmap_put(sz_strmap *map, const char *key, void *value, void **existing)
{
	/* Keep the load factor at or below one half. */
	if (map->slots == NULL || (map->count + 1) * 2 > map->mask + 1) {
		if (grow(map) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	sz_strmap_slot *slot = find_slot(map->slots, map->mask, key);
	if (existing != NULL)
		*existing = slot->key != NULL ? slot->value : NULL;
	if (slot->key == NULL) {
		slot->key = key;
		slot->value = value;
		map->count++;
	}
	return SZ_OK;
}
