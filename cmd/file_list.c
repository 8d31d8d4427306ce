/*
 * file_list.c: expand directories and --files-from lists into zone file
 * paths (the rules are written in file_list.h). A directory is walked by
 * the library (sz_zone_files_below(), shared with `diff OLD_DIR NEW_DIR`);
 * nothing here reads a zone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file_list.h"

sz_status sz_list_report(sz_diag_list *diags, const char *file, size_t line, const char *fmt,
			 const char *a, const char *b)
{
	if (sz_diag_add(diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), file, line, 0, NULL, NULL, NULL,
			fmt, a, b) != SZ_OK)
		return SZ_ERR_NOMEM;
	return SZ_ERR_IO;
}

/* Worse of two results: NOMEM stops, IO is remembered and the walk goes on. */
static sz_status worse(sz_status a, sz_status b)
{
	if (a == SZ_ERR_NOMEM || b == SZ_ERR_NOMEM)
		return SZ_ERR_NOMEM;
	return a != SZ_OK ? a : b;
}

/* `path` from an argument or a list: a directory is expanded, anything else
 * is added as it is (the checker reports what it cannot read). */
static sz_status add_path(sz_path_list *l, const char *path, sz_diag_list *diags)
{
	struct stat sb;
	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return sz_path_list_add(l, path);
	size_t first = l->count;
	sz_status st = sz_zone_files_below(path, false, NULL, l, diags);
	/* a directory that gives nothing is named, never a silent pass */
	if (st == SZ_OK && l->count == first)
		st = sz_list_report(diags, path, 0, "is a directory with no zone file (*.zone) below it%s", "", NULL);
	return st;
}

sz_status sz_path_list_add_arg(sz_path_list *l, const char *arg, sz_diag_list *diags)
{
	return add_path(l, arg, diags);
}

sz_status sz_list_each(const char *list, bool nul, sz_list_entry_fn fn, void *ctx, sz_diag_list *diags)
{
	bool from_stdin = strcmp(list, "-") == 0;
	const char *name = from_stdin ? "<stdin>" : list;
	FILE *fp = from_stdin ? stdin : fopen(list, "r");
	if (fp == NULL)
		return sz_list_report(diags, list, 0, "cannot read the list of files: %s", strerror(errno), NULL);
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	sz_status st = SZ_OK;
	ssize_t n;
	errno = 0;
	while (st != SZ_ERR_NOMEM && (n = getdelim(&line, &cap, nul ? '\0' : '\n', fp)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		if (len > 0 && line[len - 1] == (nul ? '\0' : '\n'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (strlen(line) != len)
			st = worse(st, sz_list_report(diags, name, lineno,
						      "an entry holds a NUL byte (a list from find -print0 needs --null)",
						      NULL, NULL));
		else
			st = worse(st, fn(ctx, name, lineno, line, diags));
		errno = 0;
	}
	if (st != SZ_ERR_NOMEM && ferror(fp))
		st = worse(st, sz_list_report(diags, name, 0, "cannot read the list of files: %s",
					      strerror(errno != 0 ? errno : EIO), NULL));
	free(line);
	if (!from_stdin)
		fclose(fp);
	return st;
}

static sz_status check_entry(void *ctx, const char *name, size_t lineno, const char *entry, sz_diag_list *diags)
{
	struct stat sb;
	if (strcmp(entry, "-") == 0)
		return sz_list_report(diags, name, lineno,
				      "'-' in a list of files: name standard input on the command line", NULL, NULL);
	if (stat(entry, &sb) != 0)
		return sz_list_report(diags, name, lineno, "%s: %s", entry, strerror(errno));
	return add_path(ctx, entry, diags);
}

sz_status sz_path_list_add_from(sz_path_list *l, const char *list, bool nul, sz_diag_list *diags)
{
	return sz_list_each(list, nul, check_entry, l, diags);
}
