/*
 * diff/core.h: the comparison core behind include/sipzone/diff.h.
 *
 * One side of a comparison is a record set: every record of one input in
 * the form that is compared, canonical owner and canonical RDATA wire. A
 * set is read (diff/read.c), sorted into canonical order with duplicates
 * merged (diff/set.c), and two sorted sets are walked side by side into a
 * list of changes (diff/compare.c). Keeping wire data rather than ldns_rr
 * objects keeps a set small; the presentation form is made only for the
 * records that changed.
 *
 * The names and RDATA of a set live in chunks of 256 KiB, which malloc()
 * maps apart from its heap, not in a block or two per record: those small
 * blocks, kept between the large scratch buffers ldns_rr_new_frm_str()
 * takes and frees, made glibc give the top of its heap back to the system
 * and take it again for every record (most of the time went to brk()).
 *
 * Ownership: a set owns its records, its chunks and its scratch buffer;
 * szi_diff_set_clear() releases it all.
 */
#ifndef SZ_DIFF_INTERNAL_H
#define SZ_DIFF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include "sipzone/check.h"
#include "sipzone/diff.h"

/** Deepest $INCLUDE nesting, as for the checker. */
#define SZ_DIFF_MAX_INCLUDE_DEPTH SZ_CHECK_MAX_INCLUDE_DEPTH
/** Syntax errors reported per input before reading stops, as `check` does by default. */
#define SZ_DIFF_MAX_ERRORS SZ_CHECK_MAX_ERRORS

/* 32 octets a record: a set of a million records takes 32 MB besides its
 * names and RDATA (issue 18: diff within twice check's memory). */
typedef struct sz_diff_rec {
	const uint8_t *owner; /**< canonical (lower-case) owner wire, in the set's chunks */
	uint8_t *rdata;      /**< canonical RDATA wire, names lower-cased */
	uint32_t ttl;
	uint32_t serial;
	uint16_t rdlen;
	uint16_t type;
	uint16_t rclass;
	uint16_t serial_off; /**< where the serial sits in `rdata` */
	uint8_t owner_len;   /**< 1 to 255 */
	bool serial_masked;  /**< SOA serial zeroed in `rdata`, kept in `serial` */
} sz_diff_rec;

typedef struct sz_diff_chunk sz_diff_chunk;

typedef struct sz_diff_set {
	sz_diff_rec *recs;
	size_t count;
	size_t cap;
	sz_diff_chunk *chunks;    /**< where owners and RDATA live, newest first */
	ldns_buffer *scratch; /**< RDATA wire being made */
	const uint8_t *last_owner; /**< the previous record's owner: the next one often shares it */
	uint8_t last_owner_len;
} sz_diff_set;

/** Read every record of `in` into `set` (diff/read.c); see sz_diff_add(). */
sz_status szi_diff_set_read(sz_diff_set *set, const sz_diff_input *in, const sz_diff_options *opt,
		       sz_diag_list *diags);

/**
 * Append a parsed record. `rr` is canonicalised in place; the caller keeps
 * it. SZ_ERR_INVALID when its RDATA is longer than 65535 octets,
 * SZ_ERR_LIMIT when its owner is longer than 255.
 */
sz_status szi_diff_set_add_rr(sz_diff_set *set, ldns_rr *rr, bool mask_soa_serial);

/** Sort into canonical order and merge duplicates, keeping the lower TTL. */
sz_status szi_diff_set_sort_unique(sz_diff_set *set);

/** Canonical order: owner (as ldns_dname_compare() orders them), type, class, RDATA octets. */
int szi_diff_rec_cmp(const sz_diff_rec *a, const sz_diff_rec *b);

void szi_diff_set_clear(sz_diff_set *set);

/**
 * The changes from `old_set` to `new_set` (both sorted and unique) into
 * `f`'s entries and counts; its labels are left alone.
 */
sz_status szi_diff_compare(const sz_diff_set *old_set, const sz_diff_set *new_set, sz_diff_file *f);

/** The presentation form of `r`'s RDATA ("" when empty); NULL when out of memory. */
char *szi_diff_rdata_text(const sz_diff_rec *r);

/** Free the entries and labels of one file. */
void szi_diff_file_clear(sz_diff_file *f);

/** Report a problem with no record to point at (rule "usage", "io", ...). */
void szi_diff_report(sz_diag_list *diags, const char *rule, const char *file, size_t line,
		const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;

/** Compare two directories of .zone files into `diff` (diff/dir.c). */
sz_status szi_diff_diff_dirs(sz_diff *diff, const char *old_dir, const char *new_dir,
			const sz_diff_options *opt, sz_diag_list *diags);

/** Compare OLD_DIR/rel[i] with NEW_DIR/rel[i], in that order (diff/dir.c). */
sz_status szi_diff_diff_paths(sz_diff *diff, const char *old_dir, const char *new_dir,
			      const char *const *rel, size_t n, const sz_diff_options *opt,
			      sz_diag_list *diags);

#endif
