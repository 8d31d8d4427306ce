/*
 * base/hash.h: hash functions for the hash tables (libc only).
 */
#ifndef SZ_BASE_HASH_H
#define SZ_BASE_HASH_H

#include <stddef.h>
#include <stdint.h>

/** FNV-1a hash of a lower-case name, for hash tables. ASCII letters are
 * folded to lower case, so a name hashes alike in any case. */
size_t szi_name_hash(const char *name);

/** 64-bit hash of bytes, for the checker's hash tables (never 0). */
uint64_t szi_hash(const void *p, size_t len);

#endif
