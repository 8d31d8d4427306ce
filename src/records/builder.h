/*
 * records/builder.h: building one snippet's records.
 *
 * A builder collects the records of one zone, owns the names it makes for
 * them, and on finish sorts them into canonical order and drops duplicates.
 */
#ifndef SZ_RECORDS_INTERNAL_H
#define SZ_RECORDS_INTERNAL_H

#include "sipzone/records.h"
#include "sip/domain.h"

typedef struct sz_snippet_builder {
	sz_snippet *snippet;
	size_t cap_records;
	size_t cap_names;
	char *block;          /* the last block of snippet->names */
	size_t block_used, block_cap;
} sz_snippet_builder;

sz_status szi_builder_init(sz_snippet_builder *b, const char *zone, uint32_t ttl);
/** "prefix.domain", owned by the snippet being built; NULL when out of memory. */
const char *szi_builder_name(sz_snippet_builder *b, const char *prefix, const char *domain);
/** A copy of `name`, owned by the snippet being built; NULL when out of memory. */
const char *szi_builder_copy(sz_snippet_builder *b, const char *name);
/** SRV priority weight port target at prefix.domain. `target` must
 * outlive the snippet. */
sz_status szi_builder_add_srv(sz_snippet_builder *b, const char *prefix, const char *domain,
			     const uint16_t prio_weight_port[3], const char *target);
/** NAPTR at `owner` (RFC 3263 section 4.1: flags "s", empty regexp) with
 * `service` and the replacement `replacement`; all three must outlive the
 * snippet. */
sz_status szi_builder_add_naptr(sz_snippet_builder *b, const char *owner, uint16_t order,
			       uint16_t preference, const char *service,
			       const char *replacement);
/** CNAME at `owner` to `target`; both must outlive the snippet. */
sz_status szi_builder_add_cname(sz_snippet_builder *b, const char *owner, const char *target);
/** NS at `owner` (a delegated zone) to `target`; both must outlive the
 * snippet. The target is kept in rdata.cname, as for CNAME. */
sz_status szi_builder_add_ns(sz_snippet_builder *b, const char *owner, const char *target);
/** A/AAAA records at `name` (which must outlive the snippet) for each address. */
sz_status szi_builder_add_addrs(sz_snippet_builder *b, const char *name, const sz_addr *addrs,
			       size_t n);
/** Sort, remove duplicates, hand the snippet over. */
sz_status szi_builder_finish(sz_snippet_builder *b, sz_snippet **out);
void szi_builder_abandon(sz_snippet_builder *b);

/** Canonical RR order: owner, type, RDATA (RFC 4034 section 6). */
int szi_record_cmp(const sz_record *a, const sz_record *b);

#endif
