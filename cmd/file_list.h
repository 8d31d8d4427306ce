/*
 * file_list.h: the zone files a command reads, from its arguments, the
 * directories among them and --files-from lists (file_list.c). A directory
 * is walked by the library's sz_zone_files_below() (sipzone/zone_files.h),
 * the one walker `diff OLD_DIR NEW_DIR` uses too.
 *
 * Which names count, spelled out once (README "check", docs/sipzone.1):
 *  - an argument or list entry that is a directory (after following a
 *    symbolic link given there) stands for every zone file below it, at any
 *    depth: a regular file whose name ends in ".zone" with at least one byte
 *    before it and does not start with '.';
 *  - directories whose name starts with '.' (.git, .svn) are not entered;
 *  - inside a directory, symbolic links are never followed: a link named
 *    *.zone, a FIFO, a socket or a device so named is reported (rule io,
 *    exit 2) and not read, so a check is never silently partial; a link to a
 *    directory, whatever its name, is skipped (a link could loop or leave the
 *    tree);
 *  - the zone files of one directory argument come in byte order of their
 *    paths (what `LC_ALL=C sort` gives); arguments keep their own order.
 *  - a directory with no zone file below it is reported (rule io, exit 2).
 *
 * A path list owns its strings. Problems go to `diags` as rule io, with the
 * list file's name and line for an entry of --files-from.
 */
#ifndef SZ_CMD_FILE_LIST_H
#define SZ_CMD_FILE_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "sipzone/diag.h"
#include "sipzone/rules.h"
#include "sipzone/status.h"
#include "sipzone/zone_files.h"

/* Add `arg`: a directory's zone files, else `arg` itself (checked when
 * read). SZ_ERR_IO when some entry was reported and skipped (the rest is
 * added), SZ_ERR_NOMEM. */
sz_status sz_path_list_add_arg(sz_path_list *l, const char *arg, sz_diag_list *diags);

/* Add every entry of the list file `list` ("-": standard input): one path a
 * line (a final line without newline counts; empty lines are skipped; a CR
 * before the newline is part of the name), or NUL-terminated with `nul`. An
 * entry that does not exist is reported at LIST:LINE; "-" is refused (the
 * list names files). SZ_ERR_IO when some entry (or the list) was reported. */
sz_status sz_path_list_add_from(sz_path_list *l, const char *list, bool nul, sz_diag_list *diags);

/* Call `fn` on every entry of the list file `list` ("-": standard input),
 * split as sz_path_list_add_from() says, with the list's name for messages
 * ("<stdin>" for "-") and the entry's line (or NUL-terminated entry)
 * number. An entry holding a NUL byte is reported, not passed. Stops when
 * `fn` returns SZ_ERR_NOMEM; otherwise the worst result. */
typedef sz_status (*sz_list_entry_fn)(void *ctx, const char *list_name, size_t line,
				      const char *entry, sz_diag_list *diags);
sz_status sz_list_each(const char *list, bool nul, sz_list_entry_fn fn, void *ctx, sz_diag_list *diags);

/* Report rule io at FILE:LINE (LINE 0: none); returns SZ_ERR_IO, or
 * SZ_ERR_NOMEM when the report could not be added. */
sz_status sz_list_report(sz_diag_list *diags, const char *file, size_t line, const char *fmt,
			 const char *a, const char *b);

#endif
