/*
 * records/outdir.c: write a model's snippets into a directory, all or nothing.
 *
 * Three steps: stage (render each snippet, compare it with the file in DIR,
 * write a temporary file for each difference), find removals, then commit
 * (rename every temporary file into place, delete pruned files). Any
 * failure before commit unlinks the temporary files and changes nothing.
 */
#define _GNU_SOURCE /* syncfs(): one flush for all files instead of one per file */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file_read.h"
#include "sipzone/outdir.h"
#include "sipzone/rules.h"
#include "sipzone/serial.h"
#include "sipzone/zone_text.h"
#include "base/strmap.h"

typedef struct staged {
	char *tmp;             /* temporary file in DIR */
	char *final;           /* its destination */
} staged;

typedef struct stage_ctx {
	const sz_model *model;
	const char *dir;
	const sz_outdir_options *opt;
	sz_outdir_report *report;
	sz_diag_list *diags;
	sz_text text;
	staged *staged;
	size_t n_staged, cap_staged;
	sz_strmap made;        /* file names the model produces (keys in report) */
	unsigned tmp_counter;
} stage_ctx;

const char *sz_file_action_name(sz_file_action action)
{
	switch (action) {
	case SZ_FILE_UNCHANGED: return "unchanged";
	case SZ_FILE_CREATED: return "create";
	case SZ_FILE_CHANGED: return "change";
	case SZ_FILE_REMOVED: return "remove";
	}
	return "unknown";
}

void sz_outdir_report_clear(sz_outdir_report *report)
{
	for (size_t i = 0; i < report->count; i++)
		free(report->items[i].name);
	free(report->items);
	memset(report, 0, sizeof(*report));
}

static sz_status report_add(sz_outdir_report *r, const char *name, sz_file_action action)
{
	if (r->count == r->capacity) {
		size_t cap = r->capacity ? r->capacity * 2 : 16;
		sz_file_change *items = realloc(r->items, cap * sizeof(*items));
		if (items == NULL)
			return SZ_ERR_NOMEM;
		r->items = items;
		r->capacity = cap;
	}
	char *copy = strdup(name);
	if (copy == NULL)
		return SZ_ERR_NOMEM;
	r->items[r->count++] = (sz_file_change){ copy, action };
	r->created += action == SZ_FILE_CREATED;
	r->changed += action == SZ_FILE_CHANGED;
	r->unchanged += action == SZ_FILE_UNCHANGED;
	r->removed += action == SZ_FILE_REMOVED;
	return SZ_OK;
}

static char *path_join(const char *dir, const char *name)
{
	size_t d = strlen(dir), n = strlen(name);
	char *p = malloc(d + n + 2);
	if (p != NULL) {
		memcpy(p, dir, d);
		p[d] = '/';
		memcpy(p + d + 1, name, n + 1);
	}
	return p;
}

static sz_status io_error(stage_ctx *c, const char *path, const char *what)
{
	sz_diag_add(c->diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), path, 0, 0, NULL, NULL, NULL,
		    "%s: %s", what, strerror(errno));
	return SZ_ERR_IO;
}

/* What the existing file means for `content`: created (absent), unchanged
 * (same bytes in a regular file) or changed (anything else, including a
 * symbolic link, which is replaced rather than followed). */
static sz_status classify(stage_ctx *c, const char *path, const sz_text *content,
			  sz_file_action *action)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT)
			return io_error(c, path, "cannot inspect the existing file");
		*action = SZ_FILE_CREATED;
		return SZ_OK;
	}
	*action = SZ_FILE_CHANGED;
	if (S_ISDIR(st.st_mode)) {
		/* rename() would fail at commit, after other files had moved:
		 * refuse now, while nothing has changed. */
		errno = EISDIR;
		return io_error(c, path, "cannot replace");
	}
	if (!S_ISREG(st.st_mode) || (size_t)st.st_size != content->len)
		return SZ_OK;
	char *old;
	size_t len;
	if (szi_file_read(path, &old, &len) != SZ_OK)
		return io_error(c, path, "cannot read the existing file");
	if (len == content->len && memcmp(old, content->data, len) == 0)
		*action = SZ_FILE_UNCHANGED;
	free(old);
	return SZ_OK;
}

static sz_status write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return SZ_ERR_IO;
		data += w;
		len -= (size_t)w;
	}
	return SZ_OK;
}

/* Create a temporary file beside the destination; O_EXCL so that nothing
 * that already exists, a symbolic link included, is ever opened. */
static int open_tmp(stage_ctx *c, const char *name, char **tmp_out)
{
	char buf[64];
	for (int tries = 0; tries < 100; tries++) {
		snprintf(buf, sizeof(buf), ".%ld.%u.tmp", (long)getpid(), c->tmp_counter++);
		size_t n = strlen(name) + strlen(buf) + 2;
		char *leaf = malloc(n);
		if (leaf == NULL)
			return -2;
		snprintf(leaf, n, ".%s%s", name, buf);
		char *tmp = path_join(c->dir, leaf);
		free(leaf);
		if (tmp == NULL)
			return -2;
		int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
		if (fd >= 0) {
			*tmp_out = tmp;
			return fd;
		}
		free(tmp);
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

static sz_status remember(stage_ctx *c, char *tmp, char *final)
{
	if (c->n_staged == c->cap_staged) {
		size_t cap = c->cap_staged ? c->cap_staged * 2 : 16;
		staged *s = realloc(c->staged, cap * sizeof(*s));
		if (s == NULL)
			return SZ_ERR_NOMEM;
		c->staged = s;
		c->cap_staged = cap;
	}
	c->staged[c->n_staged++] = (staged){ tmp, final };
	return SZ_OK;
}

static sz_status stage_file(stage_ctx *c, const char *name, char *final)
{
	char *tmp = NULL;
	int fd = open_tmp(c, name, &tmp);
	if (fd == -2)
		return SZ_ERR_NOMEM;
	if (fd < 0)
		return io_error(c, c->dir, "cannot create a temporary file");
	sz_status s = write_all(fd, c->text.data, c->text.len);
	if (close(fd) != 0)
		s = SZ_ERR_IO;
	if (s != SZ_OK) {
		io_error(c, tmp, "cannot write");
		unlink(tmp);
		free(tmp);
		return SZ_ERR_IO;
	}
	if (remember(c, tmp, final) != SZ_OK) {
		unlink(tmp);
		free(tmp);
		return SZ_ERR_NOMEM;
	}
	return SZ_OK;
}

static char *file_name(const char *zone)
{
	size_t n = strlen(zone);
	char *s = malloc(n + 6);
	if (s != NULL) {
		memcpy(s, zone, n);
		memcpy(s + n, ".zone", 6);
	}
	return s;
}

/* Render a complete zone: with the old file's serial first, and when that
 * gives other bytes than the old file, with the next serial. */
static sz_status render_zone(stage_ctx *c, sz_snippet *snippet, const char *path)
{
	struct stat st;
	char *old = NULL;
	size_t len = 0;
	uint32_t serial = 0;
	bool has_old = false;
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && szi_file_read(path, &old, &len) == SZ_OK)
		has_old = sz_serial_from_text(old, len, &serial);
	sz_status s = SZ_OK;
	if (has_old && !c->opt->serial.forced) {
		snippet->serial = serial;
		c->text.len = 0;
		s = sz_snippet_write_text(snippet, c->model->source, &c->text);
		if (s != SZ_OK || (c->text.len == len && memcmp(c->text.data, old, len) == 0)) {
			free(old);
			return s;
		}
	}
	free(old);
	snippet->serial = sz_serial_next(&c->opt->serial, has_old, serial);
	c->text.len = 0;
	return sz_snippet_write_text(snippet, c->model->source, &c->text);
}

static sz_status render(stage_ctx *c, sz_snippet *snippet, const char *path)
{
	if (snippet->def != NULL)
		return render_zone(c, snippet, path);
	c->text.len = 0;
	return sz_snippet_write_text(snippet, c->model->source, &c->text);
}

static sz_status stage_one(stage_ctx *c, sz_snippet *snippet)
{
	char *name = file_name(snippet->zone);
	char *path = name != NULL ? path_join(c->dir, name) : NULL;
	sz_file_action action = SZ_FILE_CREATED;
	sz_status s = path == NULL ? SZ_ERR_NOMEM : render(c, snippet, path);
	if (s == SZ_OK)
		s = classify(c, path, &c->text, &action);
	if (s == SZ_OK)
		s = report_add(c->report, name, action);
	if (s == SZ_OK && szi_strmap_put(&c->made, c->report->items[c->report->count - 1].name,
					(void *)1, NULL) != SZ_OK)
		s = SZ_ERR_NOMEM;
	if (s == SZ_OK && action != SZ_FILE_UNCHANGED && c->opt->on_change != NULL)
		s = c->opt->on_change(path, action, c->text.data, c->text.len, c->opt->ctx);
	if (s == SZ_OK && !c->opt->check && action != SZ_FILE_UNCHANGED) {
		s = stage_file(c, name, path);
		path = s == SZ_OK ? NULL : path; /* now owned by the staged entry */
	}
	free(name);
	free(path);
	return s;
}

static sz_status stage_cb(sz_snippet *snippet_take, void *ctx)
{
	stage_ctx *c = ctx;
	sz_status s = SZ_ERR_INTERRUPTED;
	if (c->opt->cancel == NULL || !*c->opt->cancel)
		s = stage_one(c, snippet_take);
	sz_snippet_free(snippet_take);
	return s;
}

static bool has_header(const char *path)
{
	char head[sizeof(SZ_ZONE_HEADER_PREFIX) - 1];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return false;
	ssize_t n = read(fd, head, sizeof(head));
	close(fd);
	return n == (ssize_t)sizeof(head) && memcmp(head, SZ_ZONE_HEADER_PREFIX, sizeof(head)) == 0;
}

static bool is_zone_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".zone") == 0;
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct name_list {
	char **v;
	size_t n, cap;
} name_list;

static sz_status name_list_add(name_list *l, const char *name)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **v = realloc(l->v, cap * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	if ((l->v[l->n] = strdup(name)) == NULL)
		return SZ_ERR_NOMEM;
	l->n++;
	return SZ_OK;
}

/* Is `name` in DIR a file of ours that the model no longer produces? */
static sz_status is_removal(stage_ctx *c, const char *name, bool *yes)
{
	*yes = false;
	if (!is_zone_name(name) || szi_strmap_get(&c->made, name) != NULL)
		return SZ_OK;
	char *path = path_join(c->dir, name);
	if (path == NULL)
		return SZ_ERR_NOMEM;
	*yes = has_header(path);
	free(path);
	return SZ_OK;
}

/* Files of ours that the model no longer produces, sorted by name. */
static sz_status find_removals(stage_ctx *c)
{
	DIR *d = opendir(c->dir);
	if (d == NULL)
		return errno == ENOENT && c->opt->check ? SZ_OK
			: io_error(c, c->dir, "cannot list the directory");
	name_list l = { 0 };
	sz_status s = SZ_OK;
	struct dirent *e;
	while (s == SZ_OK && (e = readdir(d)) != NULL) {
		bool yes;
		s = is_removal(c, e->d_name, &yes);
		if (s == SZ_OK && yes)
			s = name_list_add(&l, e->d_name);
	}
	closedir(d);
	if (l.n > 0)
		qsort(l.v, l.n, sizeof(*l.v), str_ptr_cmp);
	for (size_t i = 0; i < l.n; i++) {
		if (s == SZ_OK)
			s = report_add(c->report, l.v[i], SZ_FILE_REMOVED);
		if (s == SZ_OK && c->opt->on_change != NULL) {
			char *path = path_join(c->dir, l.v[i]);
			s = path == NULL ? SZ_ERR_NOMEM
				: c->opt->on_change(path, SZ_FILE_REMOVED, NULL, 0, c->opt->ctx);
			free(path);
		}
		free(l.v[i]);
	}
	free(l.v);
	return s;
}

static void discard_staged(stage_ctx *c)
{
	for (size_t i = 0; i < c->n_staged; i++) {
		unlink(c->staged[i].tmp);
		free(c->staged[i].tmp);
		free(c->staged[i].final);
	}
	free(c->staged);
	c->staged = NULL;
	c->n_staged = 0;
}

static sz_status flush_dir(stage_ctx *c)
{
	int fd = open(c->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return io_error(c, c->dir, "cannot open the directory");
	int r = syncfs(fd);
	close(fd);
	return r == 0 ? SZ_OK : io_error(c, c->dir, "cannot flush the files to disk");
}

/* The point of no return: every new file is complete on disk. A rename can
 * still fail (a directory in the way); what was renamed stays renamed, what
 * was not keeps its old content, and the error is reported. */
static sz_status commit(stage_ctx *c)
{
	sz_status s = c->n_staged > 0 ? flush_dir(c) : SZ_OK;
	for (size_t i = 0; s == SZ_OK && i < c->n_staged; i++)
		if (rename(c->staged[i].tmp, c->staged[i].final) != 0)
			s = io_error(c, c->staged[i].final, "cannot replace the file");
	for (size_t i = 0; s == SZ_OK && c->opt->prune && i < c->report->count; i++) {
		sz_file_change *f = &c->report->items[i];
		char *path = f->action == SZ_FILE_REMOVED ? path_join(c->dir, f->name) : NULL;
		if (path != NULL && unlink(path) != 0)
			s = io_error(c, path, "cannot remove the file");
		free(path);
	}
	return s;
}

static sz_status ensure_dir(stage_ctx *c)
{
	char *p = strdup(c->dir);
	if (p == NULL)
		return SZ_ERR_NOMEM;
	sz_status s = SZ_OK;
	/* mkdir -p: create each missing component in turn. */
	for (char *q = p + 1; s == SZ_OK; q++) {
		bool end = *q == '\0';
		if (*q != '/' && !end)
			continue;
		*q = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			s = io_error(c, p, "cannot create the directory");
		if (end)
			break;
		*q = '/';
	}
	free(p);
	struct stat st;
	if (s == SZ_OK && (stat(c->dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		errno = ENOTDIR;
		s = io_error(c, c->dir, "cannot write into");
	}
	return s;
}

sz_status sz_outdir_generate(const sz_model *model, const char *dir,
			     const sz_outdir_options *options,
			     sz_outdir_report *report, sz_diag_list *diags)
{
	stage_ctx c = { .model = model, .dir = dir, .opt = options, .report = report,
			.diags = diags };
	szi_strmap_init(&c.made);
	sz_status s = options->check ? SZ_OK : ensure_dir(&c);
	if (s == SZ_OK)
		s = sz_snippets_each_view(model, options->view, stage_cb, &c);
	if (s == SZ_OK)
		s = find_removals(&c);
	if (s == SZ_OK && options->cancel != NULL && *options->cancel)
		s = SZ_ERR_INTERRUPTED;
	if (s == SZ_OK && !options->check)
		s = commit(&c);
	discard_staged(&c);
	szi_strmap_clear(&c.made);
	sz_text_free(&c.text);
	return s;
}
