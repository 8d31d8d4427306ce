/**
 * @file diff.h
 * Comparing zone files as DNS data.
 *
 * Each input is read like `sipzone check` reads it ($ORIGIN, $TTL,
 * $INCLUDE, parentheses, comments; the origin is $ORIGIN, else the
 * configured origin, else the file name) and every record is parsed by ldns.
 * Two records are the same when their owner names (absolute, compared
 * without regard to case), classes, types and RDATA in canonical wire form
 * (names in the RDATA lower-cased) are equal; the TTL is compared
 * separately. So record order, white space, comments, relative versus
 * absolute names, $TTL versus per-record TTLs and the case of names make no
 * difference. A record written twice in one input counts once (with the
 * lower TTL, so that the order of the copies does not matter).
 *
 * A result holds one sz_diff_file per pair of inputs compared, each with its
 * changes sorted by owner in canonical DNS order (RFC 4034, section 6.1),
 * then type, class and RDATA (canonical wire order).
 *
 * A record that cannot be parsed is an error, never skipped: the comparison
 * of that pair fails with SZ_ERR_INVALID and every such record is reported
 * in `diags` (rule "syntax", with file and line). Other rule ids: "io" (an
 * input cannot be read), "origin" (a record without any origin), "usage".
 *
 * Ownership: sz_diff_new(), sz_diff_files() and sz_diff_buffers() return a
 * result the caller releases with sz_diff_free(); it owns its files, entries
 * and all their strings. Diagnostics are appended to a caller-owned
 * sz_diag_list. Every pointer parameter is borrowed; `diags` may be NULL.
 */
#ifndef SIPZONE_DIFF_H
#define SIPZONE_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sipzone/diag.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sz_diff_kind {
	SZ_DIFF_ADDED = 0,        /**< only in NEW */
	SZ_DIFF_REMOVED = 1,      /**< only in OLD */
	SZ_DIFF_TTL_CHANGED = 2,  /**< in both, with different TTLs */
} sz_diff_kind;

/** "added", "removed" or "ttl-changed". */
SZ_API const char *sz_diff_kind_name(sz_diff_kind kind);

/** One changed record, in presentation form. */
typedef struct sz_diff_entry {
	sz_diff_kind kind;
	char *owner;       /**< absolute, lower case: "sip.contoso.com." */
	char *rclass;      /**< "IN" */
	char *type;        /**< "SRV"; "TYPE65534" for a type ldns does not know */
	char *rdata;       /**< canonical RDATA: "0 0 443 sip.contoso.com."; may be "" */
	uint32_t ttl;      /**< NEW's TTL (added, ttl-changed), OLD's (removed) */
	uint32_t old_ttl;  /**< OLD's TTL for ttl-changed; 0 otherwise */
} sz_diff_entry;

/** The changes between one pair of inputs. */
typedef struct sz_diff_file {
	char *old_label;   /**< how OLD was named; NULL when there is no OLD */
	char *new_label;   /**< how NEW was named; NULL when there is no NEW */
	sz_diff_entry *entries;
	size_t count;
	size_t added, removed, ttl_changed;
	size_t old_records, new_records;  /**< distinct records on each side */
} sz_diff_file;

/** The changes between all the pairs compared. */
typedef struct sz_diff {
	sz_diff_file *files;   /**< every pair compared, equal ones included */
	size_t n_files;
	size_t added, removed, ttl_changed;  /**< totals over the files */
	size_t files_changed;  /**< files with at least one entry */
} sz_diff;

typedef struct sz_diff_options {
	/** Origin of inputs that set no $ORIGIN before their first record;
	 * it takes precedence over the file name (as in sz_check_options). */
	const char *origin;
	/** Compare SOA records without their serial: an SOA that differs only
	 * in the serial is no change (what `generate --check` needs). */
	bool ignore_soa_serial;
	/** $INCLUDE may reach any file (--include-anywhere); by default only
	 * files inside the directory tree of the file read, as for check
	 * (sz_check_options_set_include_anywhere()). */
	bool include_anywhere;
	/** Parse every record with ldns_rr_new_frm_str() (--ldns-only), the
	 * reference; by default the common types are read field by field, as
	 * `check` reads them (the same records). */
	bool ldns_only;
} sz_diff_options;

/**
 * One side of a comparison. With `text` NULL the file `name` is read ("-":
 * standard input); otherwise `text` (`len` bytes, no NUL needed) is zone text
 * in memory and `name` names it in diagnostics, gives the origin its file
 * name implies, and anchors relative $INCLUDE paths. `label` names the side
 * in the result (NULL: `name`).
 */
typedef struct sz_diff_input {
	const char *name;
	const char *text;
	size_t len;
	const char *label;
} sz_diff_input;

/** An empty result (no files), to which sz_diff_add() appends. */
SZ_API sz_status sz_diff_new(sz_diff **out);

/**
 * Compare OLD with NEW and append the outcome to `diff` as one more file,
 * even when they are equal. Either input may be NULL: that side has no
 * records (a file only on one side; every record is added or removed).
 * On an error nothing is appended, and `diags` says why; both inputs are
 * read to the end first, so every syntax error of both is reported.
 */
SZ_API sz_status sz_diff_add(sz_diff *diff, const sz_diff_input *old_in, const sz_diff_input *new_in,
		      const sz_diff_options *opt, sz_diag_list *diags);

/**
 * Compare two zone files, or two directories of zone files paired by their
 * path relative to each directory (a file only on one side has all its
 * records added or removed). The zone files of a directory are those
 * sz_zone_files_below() lists (sipzone/zone_files.h: `*.zone` at any depth,
 * hidden names skipped, symbolic links below not followed: one named *.zone
 * is an io error), in byte order of their relative paths. A directory and a
 * file is SZ_ERR_USAGE. On an error *out is NULL and every problem found in
 * any file is in `diags`. `opt` may be NULL.
 */
SZ_API sz_status sz_diff_files(const char *old_path, const char *new_path, const sz_diff_options *opt,
			sz_diff **out, sz_diag_list *diags);

/**
 * Compare only the `n` relative paths `rel`, in that order: OLD_DIR/rel[i]
 * with NEW_DIR/rel[i] (a symbolic link named here is followed). A path
 * absent on one side has all its records added or removed; absent on both,
 * or a directory, is an io error at that path (the comparison goes on to
 * report every one). A path that is empty, absolute or holds a ".."
 * component is SZ_ERR_USAGE, as is an OLD_DIR or NEW_DIR that is not a
 * directory. On an error *out is NULL. `opt` may be NULL.
 */
SZ_API sz_status sz_diff_paths(const char *old_dir, const char *new_dir, const char *const *rel, size_t n,
			const sz_diff_options *opt, sz_diff **out, sz_diag_list *diags);

/** Compare two zone texts in memory (see sz_diff_input for the names). */
SZ_API sz_status sz_diff_buffers(const char *old_name, const char *old_text, size_t old_len,
			  const char *new_name, const char *new_text, size_t new_len,
			  const sz_diff_options *opt, sz_diff **out, sz_diag_list *diags);

/** true when no file of the result has any entry. */
SZ_API bool sz_diff_equal(const sz_diff *diff);

SZ_API void sz_diff_free(sz_diff *diff);

#ifdef __cplusplus
}
#endif

#endif
