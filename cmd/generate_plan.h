/*
 * generate_plan.h: what `sipzone generate -o DIR --check` would do, as data
 * (`--check --format json`).
 *
 * The plan is assembled here, in the tool, because it joins two parts of
 * the library that do not know each other: records/outdir (which files would
 * be written or removed, include/sipzone/outdir.h) and diff (what records
 * each of them would change, include/sipzone/diff.h). records is below diff
 * in the layers, so neither can assemble it without an upward include.
 *
 *   {"dir": DIR, "prune": BOOL, "would_change": BOOL,
 *    "files": [{"file": NAME, "path": DIR/NAME,
 *               "action": "create"|"change"|"remove"|"stale",
 *               "old": LABEL|null, "new": LABEL|null,
 *               "changes": [...]|null, "summary": {...}|null}],
 *    "summary": {"create", "change", "remove", "stale", "unchanged",
 *                "added", "removed", "ttl_changed"}}
 *
 * "old", "new", "changes" and "summary" of a file are those of `sipzone diff
 * --format json` (diff_print.h) for the file in DIR against what would be
 * written; "changes" and "summary" are null when the file in DIR could not
 * be read as a zone (the note on standard error says why). Unchanged files
 * are not listed. A file sipzone wrote that the model no longer produces is
 * "remove" with --prune (its records all removed) and "stale" without
 * (nothing would change: "changes" is empty). "would_change" is what the
 * exit code says: true exactly when the same command without --check would
 * change a file.
 *
 * Ownership: every pointer parameter is borrowed.
 */
#ifndef SZ_GENERATE_PLAN_H
#define SZ_GENERATE_PLAN_H

#include <stdbool.h>
#include <stdio.h>

#include "sipzone/diff.h"
#include "sipzone/outdir.h"

/*
 * Print the plan to `fp`, indented, with a final newline. `diff_at[k]` is the
 * index in `diff` of the k-th listed (not unchanged) file of `report`, or
 * -1 when it has none. Returns 0, or -1 when out of memory or on a write
 * error.
 */
int sz_generate_plan_print(FILE *fp, const char *dir, bool prune,
			   const sz_outdir_report *report, const sz_diff *diff,
			   const long *diff_at);

#endif
