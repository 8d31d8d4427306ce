/**
 * @file records.h
 * The records a model implies, grouped into zone snippets.
 *
 * Data flows one way: model -> records (this file) -> writers (zone_text.h).
 * Every record of the model lands in exactly one snippet. The snippets'
 * zones are the complete zones of the model (`zones`) and the SIP domains
 * that lie in none of them: a SIP domain inside a listed zone, not listed
 * itself, is written into the longest listed zone that contains it (with
 * that zone's TTL). A record goes to the snippet of the longest such zone
 * that contains its owner name, or, for a pool host inside none, a snippet
 * named after the host's parent domain. A listed zone inside another is
 * delegated: the parent's snippet holds the child's NS records and the
 * addresses of the child's name servers (glue). Records that
 * two rules produce appear once. Within a snippet, records are in canonical
 * order: owner (RFC 4034 section 6.1), type number, then RDATA in wire order.
 * All records of one snippet share the snippet's TTL, but for a delegation's
 * NS and glue records, which have the child zone's TTL.
 *
 * Ownership: a snippet set is built with sz_snippets_build() and released
 * with sz_snippets_free(); records point into the model for names that the
 * model owns, so the model must outlive the snippets.
 */
#ifndef SIPZONE_RECORDS_H
#define SIPZONE_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include "sipzone/model.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* RR type numbers (RFC 1035, 2782, 3596, 3403). */
#define SZ_TYPE_A     1u
#define SZ_TYPE_NS    2u
#define SZ_TYPE_CNAME 5u
#define SZ_TYPE_SOA   6u
#define SZ_TYPE_AAAA  28u
#define SZ_TYPE_SRV   33u
#define SZ_TYPE_NAPTR 35u

/** One resource record. Names are lower-case, without the trailing dot. */
typedef struct sz_record {
	const char *owner;
	uint16_t type;       /**< SZ_TYPE_A, AAAA, SRV, NAPTR, CNAME, or NS (the
			      *   delegation of a listed zone inside this one; the
			      *   zone's own SOA and NS come from `def`) */
	uint32_t ttl;
	union {
		sz_addr addr;    /**< A and AAAA */
		struct {
			uint16_t priority;
			uint16_t weight;
			uint16_t port;
			const char *target;
		} srv;
		const char *cname; /**< CNAME target; NS target too */
		/** NAPTR (RFC 3403 section 4.1): the strings without quotes
		 * (printable ASCII, no '"' or '\\'), the replacement a name like
		 * the others ("" for the root, '.'). */
		struct {
			uint16_t order;
			uint16_t preference;
			const char *flags;
			const char *service;
			const char *regexp;
			const char *replacement;
		} naptr;
	} rdata;
} sz_record;

/** The records of one zone. */
typedef struct sz_snippet {
	char *zone;          /**< the zone's apex, lower-case, no trailing dot */
	uint32_t ttl;
	/** For a complete zone, its SOA and NS (borrowed from the model); NULL
	 * for a snippet. */
	const sz_zone_def *def;
	uint32_t serial;     /**< SOA serial to write; the caller sets it */
	sz_record *records;  /**< canonical order */
	size_t n_records;
	/** Blocks of memory holding the names built for this snippet (owned;
	 * each block holds several NUL-terminated names, so these are not one
	 * name each: use the records' pointers). */
	char **names;
	size_t n_names;
} sz_snippet;

typedef struct sz_snippets {
	sz_snippet *items;   /**< canonical order of zone */
	size_t count;
} sz_snippets;

/**
 * Called once per snippet, in canonical order of zone. The callback takes
 * the snippet (release it with sz_snippet_free()); returning anything but
 * SZ_OK stops the walk and sz_snippets_each() returns that status.
 */
typedef sz_status (*sz_snippet_fn)(sz_snippet *snippet_take, void *ctx);

/**
 * Build the snippets one at a time, so that memory holds the model and one
 * snippet, not every record of a large model.
 */
SZ_API sz_status sz_snippets_each(const sz_model *model, sz_snippet_fn fn, void *ctx);

/** The same for one view; sz_snippets_each() is the external view. */
SZ_API sz_status sz_snippets_each_view(const sz_model *model, sz_view view, sz_snippet_fn fn,
				void *ctx);

/** Build every snippet the model implies at once. */
SZ_API sz_status sz_snippets_build(const sz_model *model, sz_snippets **out);
/** The same for one view (sz_snippets_build() is the external view). */
SZ_API sz_status sz_snippets_build_view(const sz_model *model, sz_view view, sz_snippets **out);
SZ_API void sz_snippets_free(sz_snippets *snippets);
SZ_API void sz_snippet_free(sz_snippet *snippet);

/** "A", "AAAA", "SRV", ... for the types sipzone writes; NULL for others. */
SZ_API const char *sz_type_name(uint16_t type);

/**
 * Compare two names (no trailing dot, any case) in RFC 4034 canonical order.
 * Returns <0, 0, >0.
 */
SZ_API int sz_name_canonical_cmp(const char *a, const char *b);

/** true when `name` equals `domain` or lies below it (case-insensitive). */
SZ_API bool sz_name_is_within(const char *name, const char *domain);

#ifdef __cplusplus
}
#endif

#endif
