/*
 * base/hash.c: hash functions for the hash tables.
 */
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
