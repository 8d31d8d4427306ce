/*
 * markdown.h: zone changes as a Markdown table, for a CI job to post as a
 * pull-request comment (`sipzone diff --format markdown`, `sipzone generate
 * -o DIR --check --format markdown`), in the manner of octoDNS's Markdown
 * plan:
 *
 *   ## sipzone diff: 1 added, 1 removed, 1 TTL changed in 1 file
 *
 *   ### old/fabrikam.com.zone -> new/fabrikam.com.zone
 *
 *   | Operation | Name | Type | TTL | Value |
 *   |---|---|---|---|---|
 *   | Update | \_sip.\_tls.fabrikam.com. | SRV | 600 -> 3600 | 0 0 443 sip.fabrikam.com. |
 *   | Create | sip.fabrikam.com. | A | 3600 | 203.0.113.11 |
 *   | Delete | sip.fabrikam.com. | A | 3600 | 203.0.113.99 |
 *
 * One table per file that differs, rows in the diff's order (canonical by
 * owner); Create = added, Delete = removed, Update = TTL changed (OLD ->
 * NEW); a changed RDATA is a Delete and a Create. Type is preceded by the
 * class when that is not IN ("CH TXT"). With no difference only the
 * heading is written ("no differences in N files"). A side that does not
 * exist is /dev/null.
 *
 * Every cell and label is escaped (sz_md_escape()), so that no name, value
 * or file name can end a cell, open a code span, link, emphasis or HTML, or
 * break the row: \ ` * _ [ ] < > | ~ & get a backslash, a line break becomes
 * <br>, any other control character a space.
 *
 * Ownership: every pointer parameter is borrowed.
 */
#ifndef SZ_MARKDOWN_H
#define SZ_MARKDOWN_H

#include <stdio.h>

#include "sipzone/diff.h"
#include "sipzone/outdir.h"

/* `s` as Markdown text that renders as `s`, for a table cell. */
void sz_md_escape(FILE *fp, const char *s);

/* `sipzone diff`: the heading, then a table per file that differs. */
void sz_md_print_diff(FILE *fp, const sz_diff *diff);

/*
 * `sipzone generate --check`: the heading with the counts of `report`, a
 * list of the files that would be created, changed or removed in `dir`
 * (removed only with `prune`; without it, a stale file is a note), then the
 * tables of `diff` (NULL: none).
 */
void sz_md_print_generate_check(FILE *fp, const char *dir, const sz_outdir_report *report,
				const sz_diff *diff, bool prune);

#endif
