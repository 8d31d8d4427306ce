/*
 * records/outdir.c: write a model's snippets into a directory, all or nothing.
 *
 * Four steps, with DIR open (never through a symbolic link when it is the
 * tool's DIR/<view>) and locked against a second writer:
 *  - recover: finish the commit of a run killed during it (its journal),
 *    then remove temporary files a killed run left;
 *  - stage: render each snippet, compare it with the file in DIR, write a
 *    temporary file for each difference, with the mode and owner of the
 *    file it replaces (0644 for a new one);
 *  - find removals;
 *  - commit: flush the temporary files, write the journal (what is renamed
 *    and removed) and flush it, rename and remove, flush, delete the
 *    journal.
 * Any failure before the journal exists unlinks the temporary files and
 * changes nothing. A SIGKILL at any moment leaves every file wholly old or
 * wholly new: before the journal exists DIR holds only old files (and
 * temporary ones, removed by the next run); once it exists the next run
 * completes the renames before anything else.
 */
#define _GNU_SOURCE /* syncfs(): one flush for all files instead of one per file */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/file_read.h"
#include "base/file_write.h"
#include "base/mkdir.h"
#include "sipzone/outdir.h"
#include "sipzone/rules.h"
#include "sipzone/serial.h"
#include "sipzone/zone_text.h"
#include "base/strmap.h"

typedef struct staged {
	char *tmp;             /* temporary file in DIR (a name in DIR) */
	char *final;           /* its destination (a name in DIR) */
} staged;

/* The commit's journal in DIR, and the name it is written under first. */
#define JOURNAL ".sipzone-journal"
#define JOURNAL_TMP ".sipzone-journal.tmp"
#define JOURNAL_MAX (64u << 20)

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
	int dirfd;             /* DIR, or -1 (checking a DIR that does not exist) */
	bool journaled;        /* the journal names the temporary files: keep them */
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

/* Create a temporary file ".NAME.PID.N.tmp" beside the destination;
 * O_EXCL so that nothing that already exists, a symbolic link included, is
 * ever opened. */
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
		int fd = openat(c->dirfd, leaf, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd >= 0) {
			*tmp_out = leaf;
			return fd;
		}
		free(leaf);
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

/* The new file takes the mode and owner of the regular file it replaces;
 * a new file (or one replacing a link or a special file) is 0644, whatever
 * the umask. */
static sz_status set_mode(stage_ctx *c, int fd, const char *name, const char *tmp)
{
	struct stat old, st;
	if (fstatat(c->dirfd, name, &old, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(old.st_mode))
		return fchmod(fd, 0644) == 0 ? SZ_OK : io_error(c, tmp, "cannot set the mode of");
	if (fstat(fd, &st) != 0)
		return io_error(c, tmp, "cannot inspect");
	if ((st.st_uid != old.st_uid || st.st_gid != old.st_gid) &&
	    fchown(fd, old.st_uid, old.st_gid) != 0) {
		char *path = path_join(c->dir, name);
		sz_diag_add(c->diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), path, 0, 0, NULL, NULL,
			    NULL, "cannot keep the owner (%ld:%ld) of the file it replaces: %s",
			    (long)old.st_uid, (long)old.st_gid, strerror(errno));
		free(path);
		return SZ_ERR_IO;
	}
	/* after fchown(), which may clear set-user-ID and set-group-ID bits */
	if (fchmod(fd, old.st_mode & 07777) != 0)
		return io_error(c, tmp, "cannot set the mode of");
	return SZ_OK;
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

static sz_status stage_file(stage_ctx *c, const char *name)
{
	char *tmp = NULL;
	int fd = open_tmp(c, name, &tmp);
	if (fd == -2)
		return SZ_ERR_NOMEM;
	if (fd < 0)
		return io_error(c, c->dir, "cannot create a temporary file");
	sz_status s = szi_write_all(fd, c->text.data, c->text.len);
	if (s != SZ_OK) {
		char *path = path_join(c->dir, tmp);
		io_error(c, path != NULL ? path : tmp, "cannot write");
		free(path);
	}
	if (s == SZ_OK)
		s = set_mode(c, fd, name, tmp);
	if (close(fd) != 0 && s == SZ_OK) {
		io_error(c, tmp, "cannot write");
		s = SZ_ERR_IO;
	}
	char *final = s == SZ_OK ? strdup(name) : NULL;
	if (s == SZ_OK && (final == NULL || remember(c, tmp, final) != SZ_OK)) {
		free(final);
		s = SZ_ERR_NOMEM;
	}
	if (s != SZ_OK) {
		unlinkat(c->dirfd, tmp, 0);
		free(tmp);
	}
	return s;
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
	const sz_serial_policy *pol = &c->opt->serial;
	if (has_old && pol->forced && !pol->allow_backwards && pol->value != serial &&
	    !sz_serial_gt(pol->value, serial)) {
		/* secondaries ignore a zone whose serial went backwards */
		free(old);
		sz_diag_add(c->diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_USAGE), path, 0, 0, NULL, NULL,
			    NULL, "--serial %lu is behind the serial %lu of this file (RFC 1982): "
			    "secondaries would not transfer the zone; give a later serial, or "
			    "--force-serial to write it anyway", (unsigned long)pol->value,
			    (unsigned long)serial);
		return SZ_ERR_USAGE;
	}
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
	if (s == SZ_OK && !c->opt->check && action != SZ_FILE_UNCHANGED)
		s = stage_file(c, name);
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

static bool has_header(const stage_ctx *c, const char *name)
{
	char head[sizeof(SZ_ZONE_HEADER_PREFIX) - 1];
	int fd = openat(c->dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
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
	*yes = has_header(c, name);
	return SZ_OK;
}

/* Files of ours that the model no longer produces, sorted by name. */
static sz_status find_removals(stage_ctx *c)
{
	if (c->dirfd < 0)
		return SZ_OK; /* checking a directory that does not exist */
	int fd = dup(c->dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (d == NULL) {
		if (fd >= 0)
			close(fd);
		return io_error(c, c->dir, "cannot list the directory");
	}
	rewinddir(d);
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
		if (!c->journaled) /* else the next run renames them */
			unlinkat(c->dirfd, c->staged[i].tmp, 0);
		free(c->staged[i].tmp);
		free(c->staged[i].final);
	}
	free(c->staged);
	c->staged = NULL;
	c->n_staged = 0;
}

static sz_status flush_dir(stage_ctx *c)
{
	return syncfs(c->dirfd) == 0 ? SZ_OK : io_error(c, c->dir, "cannot flush the files to disk");
}

static sz_status sync_dir(stage_ctx *c)
{
	return fsync(c->dirfd) == 0 ? SZ_OK : io_error(c, c->dir, "cannot flush the directory");
}

static bool journal_add(sz_buf *t, char op, const char *a, const char *b)
{
	char o[2] = { op, '\t' };
	return sz_buf_put(t, o, 2) && sz_buf_put(t, a, strlen(a)) &&
	       (b == NULL || (sz_buf_put(t, "\t", 1) && sz_buf_put(t, b, strlen(b)))) &&
	       sz_buf_put(t, "\n", 1);
}

/*
 * The journal: "sipzone-journal 1", one line "R<TAB>TMP<TAB>NAME" per
 * rename and "D<TAB>NAME" per removal, then "end". Written under another
 * name, flushed, then renamed: it exists complete or not at all.
 */
static sz_status write_journal(stage_ctx *c)
{
	sz_buf t = { 0 };
	bool ok = sz_buf_put(&t, "sipzone-journal 1\n", strlen("sipzone-journal 1\n"));
	for (size_t i = 0; ok && i < c->n_staged; i++)
		ok = journal_add(&t, 'R', c->staged[i].tmp, c->staged[i].final);
	for (size_t i = 0; ok && c->opt->prune && i < c->report->count; i++)
		if (c->report->items[i].action == SZ_FILE_REMOVED)
			ok = journal_add(&t, 'D', c->report->items[i].name, NULL);
	if (!ok || !sz_buf_put(&t, "end\n", 4)) {
		sz_buf_free(&t);
		return SZ_ERR_NOMEM;
	}
	unlinkat(c->dirfd, JOURNAL_TMP, 0);
	int fd = openat(c->dirfd, JOURNAL_TMP, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	sz_status s = fd >= 0 ? szi_write_all(fd, t.data, t.len) : SZ_ERR_IO;
	if (fd >= 0 && s == SZ_OK && fsync(fd) != 0)
		s = SZ_ERR_IO;
	if (fd >= 0 && close(fd) != 0)
		s = SZ_ERR_IO;
	sz_buf_free(&t);
	if (s == SZ_OK && renameat(c->dirfd, JOURNAL_TMP, c->dirfd, JOURNAL) != 0)
		s = SZ_ERR_IO;
	if (s != SZ_OK) {
		io_error(c, c->dir, "cannot write the journal of the commit into");
		unlinkat(c->dirfd, JOURNAL_TMP, 0);
		return s;
	}
	c->journaled = true;
	return sync_dir(c);
}

/* The point of no return: every new file is complete on disk and the
 * journal says what to rename. A rename can still fail (a directory put in
 * the way meanwhile); the journal and the temporary files then stay, the
 * error is reported, and the next run completes the commit. */
static sz_status commit(stage_ctx *c)
{
	bool any = c->n_staged > 0;
	for (size_t i = 0; !any && c->opt->prune && i < c->report->count; i++)
		any = c->report->items[i].action == SZ_FILE_REMOVED;
	if (!any)
		return SZ_OK;
	sz_status s = c->n_staged > 0 ? flush_dir(c) : SZ_OK;
	if (s == SZ_OK)
		s = write_journal(c);
	for (size_t i = 0; s == SZ_OK && i < c->n_staged; i++) {
		if (renameat(c->dirfd, c->staged[i].tmp, c->dirfd, c->staged[i].final) != 0) {
			char *path = path_join(c->dir, c->staged[i].final);
			s = io_error(c, path != NULL ? path : c->dir, "cannot replace the file");
			free(path);
		}
	}
	for (size_t i = 0; s == SZ_OK && c->opt->prune && i < c->report->count; i++) {
		sz_file_change *f = &c->report->items[i];
		if (f->action == SZ_FILE_REMOVED && unlinkat(c->dirfd, f->name, 0) != 0 &&
		    errno != ENOENT) {
			char *path = path_join(c->dir, f->name);
			s = io_error(c, path != NULL ? path : c->dir, "cannot remove the file");
			free(path);
		}
	}
	if (s == SZ_OK)
		s = sync_dir(c);
	if (s == SZ_OK && unlinkat(c->dirfd, JOURNAL, 0) != 0)
		s = io_error(c, c->dir, "cannot remove the journal of the commit from");
	if (s == SZ_OK)
		c->journaled = false;
	return s;
}

/* A name the journal may hold: one entry of DIR, nothing else. */
static bool plain_name(const char *s)
{
	return s[0] != '\0' && strchr(s, '/') == NULL && strcmp(s, ".") != 0 && strcmp(s, "..") != 0;
}

/* Finish the commit a killed run started: every rename whose temporary
 * file is still there, every removal. */
static sz_status replay_journal(stage_ctx *c, char *text, size_t len)
{
	static const char head[] = "sipzone-journal 1\n";
	if (len < sizeof(head) - 1 + 4 || memcmp(text, head, sizeof(head) - 1) != 0 ||
	    memcmp(text + len - 4, "end\n", 4) != 0 || memchr(text, '\0', len) != NULL)
		goto bad;
	text[len - 1] = '\0';
	for (char *line = text + sizeof(head) - 1, *next; strcmp(line, "end") != 0; line = next) {
		char *nl = strchr(line, '\n');
		if (nl == NULL)
			goto bad;
		*nl = '\0';
		next = nl + 1;
		char *a = line + 2, *b = strchr(a, '\t');
		if (line[0] == 'R' && line[1] == '\t' && b != NULL) {
			*b++ = '\0';
			if (!plain_name(a) || !plain_name(b))
				goto bad;
			if (renameat(c->dirfd, a, c->dirfd, b) != 0 && errno != ENOENT)
				return io_error(c, c->dir, "cannot complete the commit of an interrupted run in");
		} else if (line[0] == 'D' && line[1] == '\t' && b == NULL && plain_name(a)) {
			if (unlinkat(c->dirfd, a, 0) != 0 && errno != ENOENT)
				return io_error(c, c->dir, "cannot complete the commit of an interrupted run in");
		} else {
			goto bad;
		}
		c->report->recovered++;
	}
	return SZ_OK;
bad:
	sz_diag_add(c->diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), c->dir, 0, 0, NULL, NULL, NULL,
		    "%s is not a journal sipzone wrote: nothing was changed; look at the files and remove it",
		    JOURNAL);
	return SZ_ERR_IO;
}

/* A temporary file of a run that was killed: ".NAME.zone.PID.N.tmp" or the
 * journal being written. */
static bool is_stale_tmp(const char *name)
{
	size_t n = strlen(name);
	if (strcmp(name, JOURNAL_TMP) == 0)
		return true;
	if (name[0] != '.' || n < 12 || strcmp(name + n - 4, ".tmp") != 0)
		return false;
	/* back over ".N" and ".PID" (digits), then ".zone" */
	size_t e = n - 4;
	for (int part = 0; part < 2; part++) {
		size_t d = e;
		while (d > 0 && name[d - 1] >= '0' && name[d - 1] <= '9')
			d--;
		if (d == e || d == 0 || name[d - 1] != '.')
			return false;
		e = d - 1;
	}
	return e > 6 && memcmp(name + e - 5, ".zone", 5) == 0;
}

/* Before anything else: complete an interrupted commit, then remove the
 * temporary files of killed runs (their commit never began: the old files
 * are all still in place). DIR is locked, so no other run is writing. */
static sz_status recover(stage_ctx *c)
{
	int fd = openat(c->dirfd, JOURNAL, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	sz_status s = SZ_OK;
	if (fd >= 0) {
		struct stat st;
		char *text = NULL;
		ssize_t got = -1;
		bool fits = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= JOURNAL_MAX;
		if (fits && (text = malloc((size_t)st.st_size + 1)) == NULL)
			s = SZ_ERR_NOMEM;
		else if (fits)
			got = read(fd, text, (size_t)st.st_size);
		close(fd);
		if (s == SZ_OK && (got < 0 || got != st.st_size))
			s = io_error(c, c->dir, "cannot read the journal of an interrupted run in");
		else if (s == SZ_OK)
			s = replay_journal(c, text, (size_t)got);
		free(text);
		if (s == SZ_OK)
			s = sync_dir(c);
		if (s == SZ_OK && unlinkat(c->dirfd, JOURNAL, 0) != 0)
			s = io_error(c, c->dir, "cannot remove the journal of an interrupted run from");
	} else if (errno != ENOENT) {
		s = io_error(c, c->dir, "cannot open the journal of an interrupted run in");
	}
	if (s != SZ_OK)
		return s;
	int dfd = dup(c->dirfd);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (d == NULL) {
		if (dfd >= 0)
			close(dfd);
		return io_error(c, c->dir, "cannot list the directory");
	}
	rewinddir(d);
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (is_stale_tmp(e->d_name) && unlinkat(c->dirfd, e->d_name, 0) == 0)
			c->report->stale_removed++;
	closedir(d);
	return SZ_OK;
}

static sz_status ensure_dir(stage_ctx *c)
{
	char *p = strdup(c->dir);
	if (p == NULL)
		return SZ_ERR_NOMEM;
	sz_status s = SZ_OK;
	if (!szi_mkdir_p(p))
		s = io_error(c, p, "cannot create the directory");
	free(p);
	return s;
}

/* Open DIR (c->dirfd), never through a symbolic link when the options say
 * so; when writing, lock it against a second writer and recover. */
static sz_status open_dir(stage_ctx *c)
{
	struct stat st;
	int flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC | (c->opt->no_follow_dir ? O_NOFOLLOW : 0);
	c->dirfd = open(c->dir, flags);
	if (c->dirfd < 0) {
		int err = errno;
		if (c->opt->no_follow_dir && lstat(c->dir, &st) == 0 && S_ISLNK(st.st_mode)) {
			sz_diag_add(c->diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), c->dir, 0, 0, NULL,
				    NULL, NULL, "is a symbolic link: refused (it is never followed); "
				    "remove it, and sipzone creates the directory");
			return SZ_ERR_IO;
		}
		if (err == ENOENT && c->opt->check)
			return SZ_OK;
		errno = err == ENOENT || err == ELOOP ? ENOTDIR : err;
		return io_error(c, c->dir, "cannot write into");
	}
	if (c->opt->check)
		return SZ_OK;
	if (flock(c->dirfd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK) {
			sz_diag_add(c->diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), c->dir, 0, 0, NULL,
				    NULL, NULL, "another sipzone generate is writing into this directory");
			return SZ_ERR_IO;
		}
		return io_error(c, c->dir, "cannot lock");
	}
	return recover(c);
}

sz_status sz_outdir_generate(const sz_model *model, const char *dir,
			     const sz_outdir_options *options,
			     sz_outdir_report *report, sz_diag_list *diags)
{
	stage_ctx c = { .model = model, .dir = dir, .opt = options, .report = report,
			.diags = diags, .dirfd = -1 };
	szi_strmap_init(&c.made);
	sz_status s = options->check ? SZ_OK : ensure_dir(&c);
	if (s == SZ_OK)
		s = open_dir(&c);
	if (s == SZ_OK)
		s = sz_snippets_each_view(model, options->view, stage_cb, &c);
	if (s == SZ_OK)
		s = find_removals(&c);
	if (s == SZ_OK && options->cancel != NULL && *options->cancel)
		s = SZ_ERR_INTERRUPTED;
	if (s == SZ_OK && !options->check)
		s = commit(&c);
	discard_staged(&c);
	if (c.dirfd >= 0)
		close(c.dirfd); /* and the lock with it */
	szi_strmap_clear(&c.made);
	sz_text_free(&c.text);
	return s;
}
