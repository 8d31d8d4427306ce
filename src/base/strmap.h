/*
 * base/strmap.h: an open-addressing hash map from names to pointers.
 *
 * Keys are borrowed (the caller keeps them alive) and compared
 * case-insensitively, so lower-case and mixed-case names meet. Values are
 * borrowed too. The map never shrinks; it is built, queried and freed.
 */
#ifndef SZ_STRMAP_INTERNAL_H
#define SZ_STRMAP_INTERNAL_H

#include <stddef.h>
#include "sipzone/status.h"

typedef struct sz_strmap_slot {
	const char *key;
	void *value;
} sz_strmap_slot;

typedef struct sz_strmap {
	sz_strmap_slot *slots;
	size_t mask;     /* capacity - 1; capacity is a power of two */
	size_t count;
} sz_strmap;

void szi_strmap_init(sz_strmap *map);
void szi_strmap_clear(sz_strmap *map);

/** The value stored for `key`, or NULL. */
void *szi_strmap_get(const sz_strmap *map, const char *key);

/**
 * Store `value` for `key` unless the key is present. *existing (if not NULL)
 * receives the value already stored, or NULL when the key was new.
 */
sz_status szi_strmap_put(sz_strmap *map, const char *key, void *value, void **existing);

#endif
