/*
 * diff/dir.c: compare two directories of .zone files, paired by name.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diff/core.h"

typedef struct name_list {
	char **names;
	size_t count;
	size_t cap;
} name_list;

static void names_clear(name_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->names[i]);
	free(l->names);
	memset(l, 0, sizeof(*l));
}

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

static const char *kind_name(mode_t m)
{
	return S_ISLNK(m) ? "a symbolic link" : S_ISFIFO(m) ? "a FIFO" :
	       S_ISCHR(m) || S_ISBLK(m) ? "a device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/*
 * A zone file of the directory: a name ending in .zone, not hidden (that
 * also skips the temporary files `generate` writes), not a directory. Such
 * an entry that is not a regular file (a symbolic link, even to a zone; a
 * FIFO; a device) is never opened: following it could block, read without
 * end or read a file outside the directory. It is an error at its name, so
 * the comparison is not silently partial (and it is never reported as
 * removed or added).
 */
static sz_status zone_entry(const char *dir, const char *name, bool *yes, sz_diag_list *diags)
{
	size_t n = strlen(name);
	*yes = false;
	if (name[0] == '.' || n <= 5 || strcmp(name + n - 5, ".zone") != 0)
		return SZ_OK;
	char *p = path_join(dir, name);
	if (p == NULL)
		return SZ_ERR_NOMEM;
	struct stat sb;
	sz_status st = SZ_OK;
	if (lstat(p, &sb) != 0) {
		szi_diff_report(diags, sz_rule_id(SZ_RULE_IO), p, 0, "cannot inspect: %s", strerror(errno));
		st = SZ_ERR_IO;
	} else if (S_ISDIR(sb.st_mode)) {
		/* a directory named x.zone is no candidate, as before: skipped */
	} else if (!S_ISREG(sb.st_mode)) {
		szi_diff_report(diags, sz_rule_id(SZ_RULE_IO), p, 0,
				"%s, not a regular file: not read, so the directories cannot be compared",
				kind_name(sb.st_mode));
		st = SZ_ERR_IO;
	} else {
		*yes = true;
	}
	free(p);
	return st;
}

static sz_status names_add(name_list *l, const char *name)
{
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->names, cap * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		l->names = v;
		l->cap = cap;
	}
	if ((l->names[l->count] = strdup(name)) == NULL)
		return SZ_ERR_NOMEM;
	l->count++;
	return SZ_OK;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .zone files of `dir`, sorted by name. */
static sz_status list_zones(const char *dir, name_list *l, sz_diag_list *diags)
{
	DIR *d = opendir(dir);
	if (d == NULL) {
		szi_diff_report(diags, sz_rule_id(SZ_RULE_IO), dir, 0, "cannot read the directory: %s", strerror(errno));
		return SZ_ERR_IO;
	}
	sz_status st = SZ_OK, bad = SZ_OK;
	int err = 0;
	while (st == SZ_OK) {
		errno = 0;
		struct dirent *e = readdir(d);
		if (e == NULL) {
			err = errno;
			break;
		}
		bool yes;
		sz_status se = zone_entry(dir, e->d_name, &yes, diags);
		if (se == SZ_ERR_NOMEM)
			st = se;
		else if (se != SZ_OK)
			bad = se; /* go on: every such entry is named */
		else if (yes)
			st = names_add(l, e->d_name);
	}
	if (st == SZ_OK)
		st = bad;
	if (st == SZ_OK && err != 0) {
		szi_diff_report(diags, sz_rule_id(SZ_RULE_IO), dir, 0, "cannot read the directory: %s", strerror(err));
		st = SZ_ERR_IO;
	}
	closedir(d);
	if (st == SZ_OK && l->count > 1)
		qsort(l->names, l->count, sizeof(l->names[0]), name_cmp);
	return st;
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
static sz_status compare_lists(sz_diff *diff, const char *old_dir, const name_list *lo,
			       const char *new_dir, const name_list *ln,
			       const sz_diff_options *opt, sz_diag_list *diags)
{
	sz_status first = SZ_OK;
	size_t i = 0, j = 0;
	while (i < lo->count || j < ln->count) {
		int c = i == lo->count ? 1 : j == ln->count ? -1 : strcmp(lo->names[i], ln->names[j]);
		const char *name = c <= 0 ? lo->names[i] : ln->names[j];
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
	name_list lo = { 0 }, ln = { 0 };
	sz_status so = list_zones(old_dir, &lo, diags);
	sz_status sn = list_zones(new_dir, &ln, diags);
	sz_status st = so != SZ_OK ? so : sn;
	if (st == SZ_OK)
		st = compare_lists(diff, old_dir, &lo, new_dir, &ln, opt, diags);
	names_clear(&lo);
	names_clear(&ln);
	return st;
}
