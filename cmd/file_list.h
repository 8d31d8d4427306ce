/*
 * file_list.h: the zone files a command reads, from its arguments, the
 * directories among them and --files-from lists (file_list.c).
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

typedef struct sz_path_list {
	char **paths;
	size_t count, cap;
} sz_path_list;

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

void sz_path_list_clear(sz_path_list *l);

#endif
