/*
 * diff/dir.c: compare two directories of .zone files, paired by their path
 * relative to each directory. The zone files of a directory are those
 * sz_zone_files_below() lists (the walker `check DIR` uses: at any depth,
 * hidden names skipped, links below not followed but reported), so diff and
 * check count the same files. Or compare only the relative paths a caller
 * names (sz_diff_paths(), `diff --files-from`).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diff/core.h"
#include "sipzone/zone_files.h"

/* how an entry the walker does not read is reported, as before the walk
 * was shared (tests/hostile: output-diff-specials) */
#define NOT_READ ", so the directories cannot be compared"

static char *path_join(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	bool slash = d > 0 && dir[d - 1] == '/';
	char *p = malloc(d + n + 2);
	if (p == NULL)
		return NULL;
	memcpy(p, dir, d);
	if (!slash)
		p[d++] = '/';
	memcpy(p + d, name, n + 1);
	return p;
}

/* Compare dir_o/name with dir_n/name; a NULL directory is a missing side. */
static sz_status compare_pair(sz_diff *diff, const char *dir_o, const char *dir_n, const char *name,
			      const sz_diff_options *opt, sz_diag_list *diags)
{
	char *po = dir_o != NULL ? path_join(dir_o, name) : NULL;
	char *pn = dir_n != NULL ? path_join(dir_n, name) : NULL;
	sz_status st = SZ_ERR_NOMEM;
	if ((dir_o == NULL || po != NULL) && (dir_n == NULL || pn != NULL)) {
		sz_diff_input o = { .name = po }, n = { .name = pn };
		st = sz_diff_add(diff, po != NULL ? &o : NULL, pn != NULL ? &n : NULL, opt, diags);
	}
	free(po);
	free(pn);
	return st;
}

/* Walk both sorted lists; go on after a file with errors to report them all. */
static sz_status compare_lists(sz_diff *diff, const char *old_dir, const sz_path_list *lo,
			       const char *new_dir, const sz_path_list *ln,
			       const sz_diff_options *opt, sz_diag_list *diags)
{
	sz_status first = SZ_OK;
	size_t i = 0, j = 0;
	while (i < lo->count || j < ln->count) {
		int c = i == lo->count ? 1 : j == ln->count ? -1 : strcmp(lo->paths[i], ln->paths[j]);
		const char *name = c <= 0 ? lo->paths[i] : ln->paths[j];
		sz_status st = compare_pair(diff, c <= 0 ? old_dir : NULL, c >= 0 ? new_dir : NULL,
					    name, opt, diags);
		i += c <= 0;
		j += c >= 0;
		if (st == SZ_ERR_NOMEM || st == SZ_ERR_USAGE)
			return st;
		if (first == SZ_OK)
			first = st;
	}
	return first;
}

sz_status szi_diff_diff_dirs(sz_diff *diff, const char *old_dir, const char *new_dir,
			const sz_diff_options *opt, sz_diag_list *diags)
{
	sz_path_list lo = { 0 }, ln = { 0 };
	sz_status so = sz_zone_files_below(old_dir, true, NOT_READ, &lo, diags);
	sz_status sn = so == SZ_ERR_NOMEM ? so : sz_zone_files_below(new_dir, true, NOT_READ, &ln, diags);
	/* a file not listed is not compared: never a silently partial answer */
	sz_status st = so != SZ_OK ? so : sn;
	if (st == SZ_OK)
		st = compare_lists(diff, old_dir, &lo, new_dir, &ln, opt, diags);
	sz_path_list_clear(&lo);
	sz_path_list_clear(&ln);
	return st;
}

/* true when the relative path `rel` stays below its directory: not empty,
 * not absolute, no ".." component. */
/* Whether DIR/rel is there: 1 yes, 0 no, -1 reported (cannot inspect, or
 * not a file). A link named in the list is followed, as for check. */
static int present(const char *dir, const char *rel, sz_diag_list *diags)
{
	char *p = path_join(dir, rel);
	if (p == NULL)
		return -2;
	struct stat sb;
	int r = 1;
	if (stat(p, &sb) != 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			r = 0;
		} else {
			szi_diff_report(diags, sz_rule_id(SZ_RULE_IO), p, 0, "cannot inspect: %s", strerror(errno));
			r = -1;
		}
	} else if (S_ISDIR(sb.st_mode)) {
		szi_diff_report(diags, sz_rule_id(SZ_RULE_IO), p, 0, "is a directory: a list names zone files");
		r = -1;
	}
	free(p);
	return r;
}

sz_status szi_diff_diff_paths(sz_diff *diff, const char *old_dir, const char *new_dir,
			      const char *const *rel, size_t n, const sz_diff_options *opt,
			      sz_diag_list *diags)
{
	sz_status first = SZ_OK;
	for (size_t i = 0; i < n; i++) {
		if (!sz_path_stays_below(rel[i])) {
			szi_diff_report(diags, sz_rule_id(SZ_RULE_USAGE), NULL, 0,
					"'%s' is not a path below the directories (empty, absolute or with '..')",
					rel[i]);
			return SZ_ERR_USAGE;
		}
		int po = present(old_dir, rel[i], diags), pn = present(new_dir, rel[i], diags);
		sz_status st;
		if (po == -2 || pn == -2)
			return SZ_ERR_NOMEM;
		if (po < 0 || pn < 0) {
			st = SZ_ERR_IO;
		} else if (po == 0 && pn == 0) {
			szi_diff_report(diags, sz_rule_id(SZ_RULE_IO), rel[i], 0,
					"in neither %s nor %s", old_dir, new_dir);
			st = SZ_ERR_IO;
		} else {
			st = compare_pair(diff, po ? old_dir : NULL, pn ? new_dir : NULL, rel[i], opt, diags);
			if (st == SZ_ERR_NOMEM || st == SZ_ERR_USAGE)
				return st;
		}
		if (first == SZ_OK)
			first = st;
	}
	return first;
}
