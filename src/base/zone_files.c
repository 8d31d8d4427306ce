/*
 * base/zone_files.c: the zone files below a directory
 * (include/sipzone/zone_files.h, where the rules are written). Nothing here
 * reads a zone: callers open each path later, one at a time, so 100,000
 * files cost their paths in memory and no argument list.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sipzone/rules.h"
#include "sipzone/zone_files.h"

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

sz_status sz_path_list_add(sz_path_list *l, const char *path)
{
	return add_take(l, strdup(path));
}

void sz_path_list_clear(sz_path_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->paths[i]);
	free(l->paths);
	memset(l, 0, sizeof(*l));
}

/* `dir` + '/' + `name`; with `dir` NULL or "", `name` alone. */
static char *path_join(const char *dir, const char *name)
{
	size_t d = dir != NULL ? strlen(dir) : 0, n = strlen(name);
	char *p = malloc(d + n + 2);
	if (p == NULL)
		return NULL;
	if (d > 0) {
		memcpy(p, dir, d);
		if (dir[d - 1] != '/')
			p[d++] = '/';
	}
	memcpy(p + d, name, n + 1);
	return p;
}

static sz_status report(sz_diag_list *diags, const char *file, const char *fmt, const char *a)
{
	if (diags != NULL &&
	    sz_diag_add(diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), file, 0, 0, NULL, NULL, NULL, fmt, a) != SZ_OK)
		return SZ_ERR_NOMEM;
	return SZ_ERR_IO;
}

static sz_status report2(sz_diag_list *diags, const char *file, const char *fmt, const char *a, const char *b)
{
	if (diags != NULL &&
	    sz_diag_add(diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), file, 0, 0, NULL, NULL, NULL, fmt, a, b) != SZ_OK)
		return SZ_ERR_NOMEM;
	return SZ_ERR_IO;
}

static bool link_to_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
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

typedef struct walk_ctx {
	sz_path_list *l;
	const char *top;   /* the directory given */
	bool relative;     /* list paths relative to `top` */
	const char *not_read; /* end of the message of an entry not read */
	sz_diag_list *diags;
} walk_ctx;

/* Every zone file of the directory `rel` below the top ("" for the top
 * itself), appended unsorted. Recursion depth is bounded by the length of a
 * path (PATH_MAX / 2 levels at most). */
static sz_status walk(walk_ctx *w, const char *rel)
{
	char *dir = rel[0] != '\0' ? path_join(w->top, rel) : NULL;
	if (rel[0] != '\0' && dir == NULL)
		return SZ_ERR_NOMEM;
	const char *dname = dir != NULL ? dir : w->top;
	DIR *d = opendir(dname);
	if (d == NULL) {
		sz_status st = report(w->diags, dname, "cannot read the directory: %s", strerror(errno));
		free(dir);
		return st;
	}
	sz_status st = SZ_OK;
	for (;;) {
		errno = 0;
		struct dirent *e = readdir(d);
		if (e == NULL) {
			if (errno != 0)
				st = worse(st, report(w->diags, dname, "cannot read the directory: %s", strerror(errno)));
			break;
		}
		if (e->d_name[0] == '.')
			continue; /* ".", "..", hidden files and directories */
		char *r = path_join(rel, e->d_name);
		char *p = r != NULL ? path_join(w->top, r) : NULL;
		struct stat sb;
		if (p == NULL) {
			st = SZ_ERR_NOMEM;
		} else if (lstat(p, &sb) != 0) {
			st = worse(st, report(w->diags, p, "cannot inspect: %s", strerror(errno)));
		} else if (S_ISDIR(sb.st_mode)) {
			st = worse(st, walk(w, r));
		} else if (!is_zone_name(e->d_name) || (S_ISLNK(sb.st_mode) && link_to_dir(p))) {
			/* not a zone file; a link to a directory, whatever its
			 * name, is not followed */
		} else if (S_ISREG(sb.st_mode)) {
			if (w->relative) {
				st = worse(st, add_take(w->l, r));
				r = NULL;
			} else {
				st = worse(st, add_take(w->l, p));
				p = NULL;
			}
		} else {
			st = worse(st, report2(w->diags, p, "%s, not a regular file: not read%s",
					       kind_name(sb.st_mode), w->not_read));
		}
		free(r);
		free(p);
		if (st == SZ_ERR_NOMEM)
			break;
	}
	closedir(d);
	free(dir);
	return st;
}

static int path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

sz_status sz_zone_files_below(const char *dir, bool relative, const char *not_read, sz_path_list *l,
			      sz_diag_list *diags)
{
	if (dir == NULL || l == NULL)
		return SZ_ERR_USAGE;
	size_t first = l->count;
	walk_ctx w = { .l = l, .top = dir, .relative = relative, .diags = diags,
		       .not_read = not_read != NULL ? not_read : " (links below a directory are not followed)" };
	sz_status st = walk(&w, "");
	/* joined or not, the paths share the prefix `dir`: one order */
	if (st != SZ_ERR_NOMEM && l->count - first > 1)
		qsort(l->paths + first, l->count - first, sizeof(l->paths[0]), path_cmp);
	return st;
}

bool sz_path_stays_below(const char *rel)
{
	if (rel[0] == '\0' || rel[0] == '/')
		return false;
	for (const char *c = rel; *c != '\0';) {
		size_t n = strcspn(c, "/");
		if (n == 2 && c[0] == '.' && c[1] == '.')
			return false;
		c += n;
		c += *c == '/';
	}
	return true;
}
