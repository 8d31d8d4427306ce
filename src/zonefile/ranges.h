/*
 * zonefile/ranges.h: numbers that ldns would wrap.
 *
 * ldns converts numeric fields with strtol() or its own loop and casts the
 * result: an SRV port of 70000 becomes 4464, a TTL of 4294967296 becomes 0,
 * TYPE65537 becomes A. BIND refuses each of them ("out of range", "bad
 * ttl", "unknown RR type"). The reader checks every number ldns would read
 * from a record's head and from the RDATA fields it can place, before ldns
 * sees them, and makes each one out of range a syntax error that names
 * the field and its limit.
 */
#ifndef SZ_ZONEFILE_RANGES_H
#define SZ_ZONEFILE_RANGES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zonefile/tokens.h"

/** The largest TTL BIND keeps as written (RFC 2181 section 8: above it, 0). */
#define SZI_TTL_MAX_KEPT UINT32_C(2147483647)

/**
 * A TTL as ldns_str2period() reads it (seconds, or units s m h d w), in 64
 * bits so that nothing wraps. False when the text is no TTL at all (ldns
 * then has its own word).
 */
bool szi_period_value(const char *text, size_t len, uint64_t *out);

/**
 * Is a number in the record `rec` (head split in `h`) out of the range of
 * its field: the TTL above 4294967295, a TYPE or CLASS number above 65535,
 * an RDATA integer above its width or negative? Then true, and `msg` says
 * which field and its limit.
 */
bool szi_zread_out_of_range(const char *rec, const szi_rec_head *h, char *msg, size_t cap);

#endif
