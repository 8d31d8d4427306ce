/*
 * records/export_files.c: the export formats' table, and putting their files
 * together: on standard output as one stream, or into a directory all or
 * nothing (temporary files, then rename, as outdir.c does for zone files).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file_read.h"
#include "base/file_write.h"
#include "base/mkdir.h"
#include "records/export_internal.h"
#include "sipzone/rules.h"

static const struct {
	const char *name;
	const szi_export_writer *writer;
	bool internal_view;
} formats[] = {
	[SZ_EXPORT_POWERSHELL] = { "powershell", &szi_export_powershell, true },
	[SZ_EXPORT_OCTODNS] = { "octodns", &szi_export_octodns, false },
	[SZ_EXPORT_DNSCONTROL] = { "dnscontrol", &szi_export_dnscontrol, true },
	[SZ_EXPORT_TERRAFORM] = { "terraform", &szi_export_terraform, false },
};
#define N_FORMATS (sizeof(formats) / sizeof(formats[0]))

const char *sz_export_format_name(sz_export_format format)
{
	return (size_t)format < N_FORMATS ? formats[format].name : "unknown";
}

bool sz_export_format_parse(const char *text, sz_export_format *out)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (formats[i].writer != NULL && strcmp(text, formats[i].name) == 0) {
			*out = (sz_export_format)i;
			return true;
		}
	return false;
}

bool sz_export_supports_view(sz_export_format format, sz_view view)
{
	if ((size_t)format >= N_FORMATS || formats[format].writer == NULL)
		return false;
	return view == SZ_VIEW_EXTERNAL || formats[format].internal_view;
}

/* ---- walking the zones ---- */

typedef struct walk {
	const szi_export_writer *w;
	szi_export_ctx c;
	bool one_stream;
	bool per_zone;
	sz_text text;
	sz_export_file_fn fn;
	void *ctx;
	char *name;
} walk;

static sz_status flush_zone_file(walk *k, const char *zone)
{
	size_t n = strlen(zone) + strlen(k->w->zone_ext) + 1;
	char *name = malloc(n);
	if (name == NULL)
		return SZ_ERR_NOMEM;
	snprintf(name, n, "%s%s", zone, k->w->zone_ext);
	sz_status s = k->fn(name, k->text.data, k->text.len, k->ctx);
	free(name);
	k->text.len = 0;
	return s;
}

static sz_status walk_cb(sz_snippet *snippet_take, void *ctx)
{
	walk *k = ctx;
	sz_status s = SZ_OK;
	bool own_file = k->per_zone && !k->one_stream;
	if (own_file && k->w->begin != NULL)
		s = k->w->begin(&k->c, &k->text);
	if (s == SZ_OK)
		s = k->w->zone(&k->c, snippet_take, &k->text);
	if (s == SZ_OK && own_file && k->w->end != NULL)
		s = k->w->end(&k->c, &k->text);
	if (s == SZ_OK && own_file)
		s = flush_zone_file(k, snippet_take->zone);
	sz_snippet_free(snippet_take);
	return s;
}

static bool provider_ok(const char *p)
{
	if (p == NULL)
		return true;
	if (*p == '\0' || strlen(p) > 100)
		return false;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '.'))
			return false;
	return true;
}

sz_status sz_export_each_file(const sz_model *model, const sz_export_options *options,
			      bool one_stream, sz_export_file_fn fn, void *ctx)
{
	if (!sz_export_supports_view(options->format, options->view) ||
	    !provider_ok(options->dnscontrol_provider))
		return SZ_ERR_USAGE;
	walk k = { .w = formats[options->format].writer, .one_stream = one_stream, .fn = fn,
		   .ctx = ctx };
	k.c.opt = options;
	k.per_zone = k.w->zone_ext != NULL;
	bool whole = !k.per_zone || one_stream;
	sz_status s = SZ_OK;
	if (whole && k.w->begin != NULL)
		s = k.w->begin(&k.c, &k.text);
	if (s == SZ_OK)
		s = sz_snippets_each_view(model, options->view, walk_cb, &k);
	if (whole && k.w->end != NULL) {
		sz_status e = k.w->end(&k.c, &k.text); /* also releases the writer's state */
		s = s == SZ_OK ? e : s;
	}
	if (s == SZ_OK && whole)
		s = fn(one_stream ? NULL : k.w->file_name, k.text.data != NULL ? k.text.data : "",
		       k.text.len, ctx);
	if (s == SZ_OK && !one_stream && k.w->extra_name != NULL)
		s = fn(k.w->extra_name, k.w->extra_text, strlen(k.w->extra_text), ctx);
	sz_text_free(&k.text);
	return s;
}

/* ---- into a directory, all or nothing ---- */

typedef struct staged_file {
	char *tmp;
	char *final;
} staged_file;

typedef struct dir_ctx {
	const char *dir;
	sz_diag_list *diags;
	staged_file *files;
	size_t n, cap;
	unsigned counter;
} dir_ctx;

static sz_status io_error(dir_ctx *d, const char *path, const char *what)
{
	sz_diag_add(d->diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), path, 0, 0, NULL, NULL, NULL,
		    "%s: %s", what, strerror(errno));
	return SZ_ERR_IO;
}

static char *join(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *p = malloc(n);
	if (p != NULL)
		snprintf(p, n, "%s%s%s", a, b, c);
	return p;
}

static bool same_content(const char *path, const char *text, size_t len)
{
	struct stat st;
	if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return false;
	char *old;
	size_t olen;
	if (szi_file_read(path, &old, &olen) != SZ_OK)
		return false;
	bool same = olen == len && memcmp(old, text, len) == 0;
	free(old);
	return same;
}

static sz_status stage(const char *name, const char *text, size_t len, void *ctx)
{
	dir_ctx *d = ctx;
	char *final = join(d->dir, "/", name);
	if (final == NULL)
		return SZ_ERR_NOMEM;
	if (same_content(final, text, len)) {
		free(final);
		return SZ_OK;
	}
	struct stat st;
	if (lstat(final, &st) == 0 && S_ISDIR(st.st_mode)) {
		/* rename() would fail after other files had moved: refuse now */
		errno = EISDIR;
		sz_status s = io_error(d, final, "cannot replace");
		free(final);
		return s;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 8;
		staged_file *f = realloc(d->files, cap * sizeof(*f));
		if (f == NULL) {
			free(final);
			return SZ_ERR_NOMEM;
		}
		d->files = f;
		d->cap = cap;
	}
	char suffix[64];
	int fd = -1;
	char *tmp = NULL;
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		snprintf(suffix, sizeof(suffix), ".%ld.%u.tmp", (long)getpid(), d->counter++);
		free(tmp);
		char *leaf = join(".", name, suffix);
		tmp = leaf != NULL ? join(d->dir, "/", leaf) : NULL;
		free(leaf);
		if (tmp == NULL) {
			free(final);
			return SZ_ERR_NOMEM;
		}
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		sz_status s = io_error(d, tmp, "cannot create a temporary file");
		free(tmp);
		free(final);
		return s;
	}
	sz_status s = szi_write_all(fd, text, len);
	if (s == SZ_OK && fsync(fd) != 0)
		s = SZ_ERR_IO;
	if (close(fd) != 0)
		s = SZ_ERR_IO;
	if (s != SZ_OK) {
		s = io_error(d, tmp, "cannot write");
		unlink(tmp);
		free(tmp);
		free(final);
		return s;
	}
	d->files[d->n++] = (staged_file){ tmp, final };
	return SZ_OK;
}

static sz_status ensure_dir(dir_ctx *d)
{
	char *p = strdup(d->dir);
	if (p == NULL)
		return SZ_ERR_NOMEM;
	sz_status s = SZ_OK;
	if (!szi_mkdir_p(p))
		s = io_error(d, p, "cannot create the directory");
	free(p);
	struct stat st;
	if (s == SZ_OK && (stat(d->dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
		errno = ENOTDIR;
		s = io_error(d, d->dir, "cannot write into");
	}
	return s;
}

sz_status sz_export_write_dir(const sz_model *model, const char *dir,
			      const sz_export_options *options, sz_diag_list *diags)
{
	dir_ctx d = { .dir = dir, .diags = diags };
	sz_status s = sz_export_supports_view(options->format, options->view) ? ensure_dir(&d)
									       : SZ_ERR_USAGE;
	if (s == SZ_OK)
		s = sz_export_each_file(model, options, false, stage, &d);
	/* Every temporary file is complete on disk: now rename. After a
	 * failure nothing more moves and the rest are removed. */
	for (size_t i = 0; i < d.n; i++) {
		if (s == SZ_OK && rename(d.files[i].tmp, d.files[i].final) != 0)
			s = io_error(&d, d.files[i].final, "cannot replace the file");
		if (s != SZ_OK)
			unlink(d.files[i].tmp);
		free(d.files[i].tmp);
		free(d.files[i].final);
	}
	free(d.files);
	return s;
}

