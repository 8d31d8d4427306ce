/**
 * @file zone_files.h
 * The zone files below a directory: the one walker that `check DIR` and
 * `diff OLD_DIR NEW_DIR` share, so both count the same names.
 *
 * Which names count (README "check" and "diff", docs/sipzone.1):
 *  - every zone file below `dir`, at any depth: a regular file whose name
 *    ends in ".zone" with at least one byte before it and does not start
 *    with '.';
 *  - directories whose name starts with '.' (.git, .svn) are not entered;
 *    a directory named x.zone is entered like any other;
 *  - below `dir`, symbolic links are never followed: a link named *.zone, a
 *    FIFO, a socket or a device so named is reported (rule io) and not
 *    listed, so a reader is never silently partial; a link to a directory,
 *    whatever its name, is skipped (a link could loop or leave the tree);
 *  - the paths come in byte order (what `LC_ALL=C sort` gives).
 * `dir` itself may be a symbolic link to a directory.
 *
 * Ownership: a path list owns its strings and array; release it with
 * sz_path_list_clear(). `diags` is caller-owned (may be NULL).
 */
#ifndef SIPZONE_ZONE_FILES_H
#define SIPZONE_ZONE_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include "sipzone/diag.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A growable list of paths; zero-initialise it before use. */
typedef struct sz_path_list {
	char **paths;
	size_t count, cap;
} sz_path_list;

/**
 * Append the zone files below `dir` to `l`, sorted among themselves; earlier
 * entries of `l` stay as they are. With `relative` each path is relative to
 * `dir` ("sub/x.zone"), else `dir` joined with it ("DIR/sub/x.zone"; a
 * trailing '/' of `dir` is not doubled). Returns SZ_ERR_IO when an entry (or
 * `dir`) was reported in `diags` (the others are still appended, so every
 * such entry is named), SZ_ERR_NOMEM when memory ran out. An empty result is
 * SZ_OK: what that means is the caller's to say. `not_read` ends the
 * message of an entry not read, after "a symbolic link, not a regular file:
 * not read" (NULL: " (links below a directory are not followed)").
 */
SZ_API sz_status sz_zone_files_below(const char *dir, bool relative, const char *not_read, sz_path_list *l,
				     sz_diag_list *diags);

/** Append a copy of `path`. */
SZ_API sz_status sz_path_list_add(sz_path_list *l, const char *path);

/** Free every path and the array; `l` is empty and reusable. */
SZ_API void sz_path_list_clear(sz_path_list *l);

/** true when `rel` is a path that stays below the directory it is taken
 * in: not empty, not absolute, no ".." component (diff --files-from). */
SZ_API bool sz_path_stays_below(const char *rel);

#ifdef __cplusplus
}
#endif

#endif
