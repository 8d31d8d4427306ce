/*
 * base/hash.c: hash functions for the hash tables.
 */
#include <string.h>

#include "base/hash.h"

size_t szi_name_hash(const char *name)
{
	size_t h = (size_t)14695981039346656037ull;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		/* ASCII case folding only: DNS names compare that way (RFC 4343). */
		unsigned char c = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p | 0x20) : *p;
		h ^= c;
		h *= (size_t)1099511628211ull;
	}
	return h;
}

/* splitmix64-style mixing over 8-byte words: fast on short names. */
static uint64_t mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebull;
	h ^= h >> 31;
	return h;
}

uint64_t szi_hash(const void *p, size_t len)
{
	const uint8_t *s = p;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ (uint64_t)len;
	while (len >= 8) {
		uint64_t v;
		memcpy(&v, s, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
		s += 8;
		len -= 8;
	}
	if (len > 0) {
		uint64_t v = 0;
		memcpy(&v, s, len);
		h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
	}
	h = mix(h);
	return h != 0 ? h : 1;
}
