/*
 * file_list.c: expand directories and --files-from lists into zone file
 * paths (the rules are written in file_list.h). Nothing here reads a zone:
 * the checker opens each path later, one at a time, so 100,000 files cost
 * their paths in memory and no argument list.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file_list.h"

static sz_status add_take(sz_path_list *l, char *path_take)
{
	if (path_take == NULL)
		return SZ_ERR_NOMEM;
	if (l->count == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		char **v = realloc(l->paths, cap * sizeof(*v));
		if (v == NULL) {
			free(path_take);
			return SZ_ERR_NOMEM;
		}
		l->paths = v;
		l->cap = cap;
	}
	l->paths[l->count++] = path_take;
	return SZ_OK;
}

void sz_path_list_clear(sz_path_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->paths[i]);
	free(l->paths);
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

static sz_status report(sz_diag_list *diags, const char *file, size_t line, const char *fmt,
			const char *a, const char *b)
{
	if (sz_diag_add(diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), file, line, 0, NULL, NULL, NULL,
			fmt, a, b) != SZ_OK)
		return SZ_ERR_NOMEM;
	return SZ_ERR_IO;
}

static bool is_zone_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".zone") == 0;
}

static const char *kind_name(mode_t m)
{
	return S_ISLNK(m) ? "a symbolic link" : S_ISFIFO(m) ? "a FIFO" :
	       S_ISCHR(m) || S_ISBLK(m) ? "a device" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

/* Worse of two results: NOMEM stops, IO is remembered and the walk goes on. */
static sz_status worse(sz_status a, sz_status b)
{
	if (a == SZ_ERR_NOMEM || b == SZ_ERR_NOMEM)
		return SZ_ERR_NOMEM;
	return a != SZ_OK ? a : b;
}

/* Every zone file below `dir`, appended unsorted. Recursion depth is
 * bounded by the length of a path (PATH_MAX / 2 levels at most). */
static sz_status walk(sz_path_list *l, const char *dir, sz_diag_list *diags)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return report(diags, dir, 0, "cannot read the directory: %s", strerror(errno), NULL);
	sz_status st = SZ_OK;
	for (;;) {
		errno = 0;
		struct dirent *e = readdir(d);
		if (e == NULL) {
			if (errno != 0)
				st = worse(st, report(diags, dir, 0, "cannot read the directory: %s",
						      strerror(errno), NULL));
			break;
		}
		if (e->d_name[0] == '.')
			continue; /* ".", "..", hidden files and directories */
		char *p = path_join(dir, e->d_name);
		struct stat sb;
		if (p == NULL) {
			st = SZ_ERR_NOMEM;
		} else if (lstat(p, &sb) != 0) {
			st = worse(st, report(diags, p, 0, "cannot inspect: %s", strerror(errno), NULL));
		} else if (S_ISDIR(sb.st_mode)) {
			st = worse(st, walk(l, p, diags));
		} else if (!is_zone_name(e->d_name)) {
			/* not a zone file; a link to a directory is not followed */
		} else if (S_ISREG(sb.st_mode)) {
			st = worse(st, add_take(l, p));
			p = NULL;
		} else {
			st = worse(st, report(diags, p, 0, "%s, not a regular file: not read (links below a directory are not followed)",
					      kind_name(sb.st_mode), NULL));
		}
		free(p);
		if (st == SZ_ERR_NOMEM)
			break;
	}
	closedir(d);
	return st;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* `path` from an argument or a list: a directory is expanded, anything else
 * is added as it is (the checker reports what it cannot read). */
static sz_status add_path(sz_path_list *l, const char *path, sz_diag_list *diags)
{
	struct stat sb;
	if (strcmp(path, "-") == 0 || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return add_take(l, strdup(path));
	size_t first = l->count;
	sz_status st = walk(l, path, diags);
	/* a directory that gives nothing is named, never a silent pass */
	if (st == SZ_OK && l->count == first)
		st = report(diags, path, 0, "is a directory with no zone file (*.zone) below it%s", "", NULL);
	if (st != SZ_ERR_NOMEM && l->count - first > 1)
		qsort(l->paths + first, l->count - first, sizeof(l->paths[0]), path_cmp);
	return st;
}

sz_status sz_path_list_add_arg(sz_path_list *l, const char *arg, sz_diag_list *diags)
{
	return add_path(l, arg, diags);
}

sz_status sz_path_list_add_from(sz_path_list *l, const char *list, bool nul, sz_diag_list *diags)
{
	bool from_stdin = strcmp(list, "-") == 0;
	const char *name = from_stdin ? "<stdin>" : list;
	FILE *fp = from_stdin ? stdin : fopen(list, "r");
	if (fp == NULL)
		return report(diags, list, 0, "cannot read the list of files: %s", strerror(errno), NULL);
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
		if (strlen(line) != len) {
			st = worse(st, report(diags, name, lineno,
					      "an entry holds a NUL byte (a list from find -print0 needs --null)",
					      NULL, NULL));
			continue;
		}
		struct stat sb;
		if (strcmp(line, "-") == 0)
			st = worse(st, report(diags, name, lineno,
					      "'-' in a list of files: name standard input on the command line", NULL,
					      NULL));
		else if (stat(line, &sb) != 0)
			st = worse(st, report(diags, name, lineno, "%s: %s", line, strerror(errno)));
		else
			st = worse(st, add_path(l, line, diags));
		errno = 0;
	}
	if (st != SZ_ERR_NOMEM && ferror(fp))
		st = worse(st, report(diags, name, 0, "cannot read the list of files: %s",
				      strerror(errno != 0 ? errno : EIO), NULL));
	free(line);
	if (!from_stdin)
		fclose(fp);
	return st;
}
