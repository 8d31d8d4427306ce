/*
 * diff_print.h: the text and JSON forms of a zone comparison
 * (include/sipzone/diff.h), for `sipzone diff` and `sipzone generate --check`.
 *
 * Text, one block per file that differs, blank lines between owners:
 *
 *   --- OLD-LABEL                      (/dev/null when there is no OLD)
 *   +++ NEW-LABEL                      (/dev/null when there is no NEW)
 *   - OWNER TTL CLASS TYPE RDATA       removed (OLD's TTL)
 *   + OWNER TTL CLASS TYPE RDATA       added
 *   ~ OWNER CLASS TYPE RDATA  TTL OLD -> NEW
 *
 * then the summary line, "A added, R removed, T TTL changed in F file(s)"
 * or "no differences in N file(s)". A changed RDATA is a removal and an
 * addition.
 *
 * JSON, one document (only the files that differ are listed):
 *
 *   {"files": [{"old": LABEL|null, "new": LABEL|null,
 *               "changes": [{"kind": "added"|"removed"|"ttl-changed",
 *                            "name", "ttl", "old_ttl" (null unless
 *                            ttl-changed), "class", "type", "rdata"}],
 *               "summary": {"added", "removed", "ttl_changed"}}],
 *    "summary": {"added", "removed", "ttl_changed", "files_changed",
 *                "files_compared"}}
 *
 * Ownership: every pointer parameter is borrowed; sz_diff_to_json() returns
 * a new reference the caller releases with json_decref().
 */
#ifndef SZ_DIFF_PRINT_H
#define SZ_DIFF_PRINT_H

#include <stdio.h>

#include <jansson.h>

#include "sipzone/diff.h"

/** The block of one file; nothing when it has no entry. */
void sz_diff_print_file(FILE *fp, const sz_diff_file *f);

/** The summary line. */
void sz_diff_print_summary(FILE *fp, const sz_diff *diff);

/** Every file that differs, a blank line between them, then the summary. */
void sz_diff_print_text(FILE *fp, const sz_diff *diff);

/** One file's object of the JSON document ({"old", "new", "changes",
 *  "summary"}); NULL when out of memory. */
json_t *sz_diff_file_to_json(const sz_diff_file *f);

/** The JSON document; NULL when out of memory. */
json_t *sz_diff_to_json(const sz_diff *diff);

/** The JSON document, indented, with a final newline; 0, or -1 on failure. */
int sz_diff_print_json(FILE *fp, const sz_diff *diff);

#endif
