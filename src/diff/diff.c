/*
 * diff/diff.c: the entry points of the zone comparison
 * (include/sipzone/diff.h): two files or two directories (diff/dir.c), or
 * two texts in memory, each pair appended by diff/result.c.
 */
#include <string.h>
#include <sys/stat.h>

#include "diff/core.h"

static bool is_dir(const char *path)
{
	struct stat sb;
	return strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static sz_status compare_paths(sz_diff *diff, const char *old_path, const char *new_path,
			       const sz_diff_options *opt, sz_diag_list *diags)
{
	bool od = is_dir(old_path), nd = is_dir(new_path);
	if (od && nd)
		return szi_diff_diff_dirs(diff, old_path, new_path, opt, diags);
	if (od || nd) {
		szi_diff_report(diags, sz_rule_id(SZ_RULE_USAGE), NULL, 0,
			   "%s is a directory but %s is not: compare two files or two directories of .zone files",
			   od ? old_path : new_path, od ? new_path : old_path);
		return SZ_ERR_USAGE;
	}
	sz_diff_input o = { .name = old_path }, n = { .name = new_path };
	return sz_diff_add(diff, &o, &n, opt, diags);
}

/* Hand `diff` out on success, free it otherwise. */
static sz_status finish(sz_status st, sz_diff *diff, sz_diff **out)
{
	if (st != SZ_OK) {
		sz_diff_free(diff);
		return st;
	}
	*out = diff;
	return SZ_OK;
}

sz_status sz_diff_files(const char *old_path, const char *new_path, const sz_diff_options *opt,
			sz_diff **out, sz_diag_list *diags)
{
	*out = NULL;
	if (strcmp(old_path, "-") == 0 && strcmp(new_path, "-") == 0) {
		szi_diff_report(diags, sz_rule_id(SZ_RULE_USAGE), NULL, 0, "only one of OLD and NEW can be standard input ('-')");
		return SZ_ERR_USAGE;
	}
	sz_diff *diff = NULL;
	sz_status st = sz_diff_new(&diff);
	if (st != SZ_OK)
		return st;
	return finish(compare_paths(diff, old_path, new_path, opt, diags), diff, out);
}

sz_status sz_diff_paths(const char *old_dir, const char *new_dir, const char *const *rel, size_t n,
			const sz_diff_options *opt, sz_diff **out, sz_diag_list *diags)
{
	*out = NULL;
	if (!is_dir(old_dir) || !is_dir(new_dir)) {
		szi_diff_report(diags, sz_rule_id(SZ_RULE_USAGE), NULL, 0,
				"%s is not a directory: a list of files is looked up in two directories",
				is_dir(old_dir) ? new_dir : old_dir);
		return SZ_ERR_USAGE;
	}
	sz_diff *diff = NULL;
	sz_status st = sz_diff_new(&diff);
	if (st != SZ_OK)
		return st;
	return finish(szi_diff_diff_paths(diff, old_dir, new_dir, rel, n, opt, diags), diff, out);
}

sz_status sz_diff_buffers(const char *old_name, const char *old_text, size_t old_len,
			  const char *new_name, const char *new_text, size_t new_len,
			  const sz_diff_options *opt, sz_diff **out, sz_diag_list *diags)
{
	*out = NULL;
	sz_diff *diff = NULL;
	sz_status st = sz_diff_new(&diff);
	if (st != SZ_OK)
		return st;
	/* an empty text is zone text all the same, not a file to read */
	sz_diff_input o = { .name = old_name, .text = old_text != NULL ? old_text : "",
			   .len = old_text != NULL ? old_len : 0 };
	sz_diff_input n = { .name = new_name, .text = new_text != NULL ? new_text : "",
			   .len = new_text != NULL ? new_len : 0 };
	return finish(sz_diff_add(diff, &o, &n, opt, diags), diff, out);
}
