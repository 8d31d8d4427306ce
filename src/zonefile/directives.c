/*
 * zonefile/directives.c: the master-file directives $ORIGIN, $TTL and
 * $INCLUDE (ldns_rr_new_frm_str() knows none of them).
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <limits.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zonefile/ranges.h"
#include "zonefile/reader_parts.h"

/* The i-th token of a scanned directive. */
static const char *token(const sz_zread *r, size_t i)
{
	const char *t = r->dir.data;
	while (i-- > 0)
		t += strlen(t) + 1;
	return t;
}

/* The chain "a.zone includes b.inc includes ..." for a loop message. */
static void include_chain(const sz_zread *r, const sz_zframe *f, char *out, size_t cap)
{
	const sz_zframe *stack[64];
	size_t n = 0;
	for (const sz_zframe *g = f; g != NULL && n < 64; g = g->parent)
		stack[n++] = g;
	size_t o = 0;
	out[0] = '\0';
	while (n-- > 0 && o < cap) {
		int k = snprintf(out + o, cap - o, "%s%s", r->files->names[stack[n]->file],
				 n > 0 ? " includes " : "");
		if (k < 0)
			break;
		o += (size_t)k;
	}
}

/* Resolve an $INCLUDE path against the directory of the including file. */
static bool include_path(sz_zread *r, const sz_zframe *f, const char *name)
{
	sz_buf *out = &r->incpath;
	out->len = 0;
	if (name[0] != '/') {
		const char *parent = r->files->names[f->file];
		const char *slash = strcmp(parent, SZI_STDIN_NAME) == 0 ? NULL : strrchr(parent, '/');
		if (slash != NULL && !sz_buf_put(out, parent, (size_t)(slash - parent) + 1))
			return false;
	}
	return sz_buf_put(out, name, strlen(name) + 1);
}

/* ---- the tree $INCLUDE may reach ---- */

/*
 * The tree is the directory the top-level file is named in, symbolic
 * links resolved: relative $INCLUDE paths are relative to that directory
 * (include_path()), so a zone file that is itself a symbolic link still
 * reaches the files beside its name. Standard input has no directory: the
 * working directory.
 */
sz_status szi_zread_set_root(sz_zread *r, const char *top)
{
	free(r->root);
	r->root = NULL;
	if (r->cfg.include_anywhere)
		return SZ_OK;
	const char *slash = top != NULL ? strrchr(top, '/') : NULL;
	char *dir = slash == NULL ? strdup(".") : strndup(top, slash == top ? 1 : (size_t)(slash - top));
	if (dir == NULL)
		return SZ_ERR_NOMEM;
	r->root = realpath(dir, NULL); /* NULL: every $INCLUDE is refused */
	free(dir);
	return SZ_OK;
}

/* Is the resolved path `real` inside the tree `root`? */
static bool inside(const char *root, const char *real)
{
	if (root == NULL)
		return false;
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return true;
	return strncmp(real, root, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/* Is the file open on `fd` the one at `real`? A directory of the path may
 * have been replaced by a symbolic link between realpath() and open():
 * the kernel's name of the open file says where it really is. Without
 * /proc nothing can be asked, and the realpath() check stands alone. */
static bool opened_as(int fd, const char *real)
{
	char link[64], buf[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, buf, sizeof(buf) - 1);
	if (n < 0)
		return true;
	buf[n] = '\0';
	return strcmp(buf, real) == 0;
}

/* For a path that does not resolve: is its directory outside `root`? Then
 * it is refused like a file outside, and the message does not tell
 * whether a file of that name exists there. */
static bool dir_outside(const char *root, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? strdup(".") : strndup(path, slash == path ? 1 : (size_t)(slash - path));
	char *real = dir != NULL ? realpath(dir, NULL) : NULL;
	bool outside = real != NULL && !inside(root, real);
	free(dir);
	free(real);
	return outside;
}

/* ---- inclusions read once ---- */

static bool same_ttl_state(const szi_ttl_state *a, const szi_ttl_state *b)
{
	return a->ttl_set == b->ttl_set && (!a->ttl_set || a->ttl == b->ttl) &&
	       a->last_set == b->last_set && (!a->last_set || a->last_ttl == b->last_ttl);
}

static szi_ttl_state ttl_state(const sz_zread *r)
{
	szi_ttl_state t = { r->ttl_set, r->ttl, r->last_set, r->last_ttl };
	return t;
}

static void fill_seen_key(szi_seen *k, const struct stat *sb, const sz_origin *origin,
			  sz_zorigin_src src, const sz_zread *r)
{
	memset(k, 0, sizeof(*k));
	k->dev = sb->st_dev;
	k->ino = sb->st_ino;
	k->origin_len = SIZE_MAX;
	if (origin != NULL) {
		k->origin_len = origin->wire_len;
		memcpy(k->origin, origin->wire, origin->wire_len);
	}
	k->origin_src = src;
	k->in = ttl_state(r);
}

static const szi_seen *find_seen(const sz_zread *r, const szi_seen *k, const char *prev)
{
	for (size_t i = 0; i < r->n_seen; i++) {
		const szi_seen *s = &r->seen[i];
		if (s->done && s->dev == k->dev && s->ino == k->ino && s->origin_len == k->origin_len &&
		    (k->origin_len == SIZE_MAX || memcmp(s->origin, k->origin, k->origin_len) == 0) &&
		    s->origin_src == k->origin_src && same_ttl_state(&s->in, &k->in) &&
		    ((s->prev_owner == NULL && prev == NULL) ||
		     (s->prev_owner != NULL && prev != NULL && strcmp(s->prev_owner, prev) == 0)))
			return s;
	}
	return NULL;
}

static sz_status add_seen(sz_zread *r, const szi_seen *k, const char *prev, size_t *index)
{
	if (r->n_seen == r->cap_seen) {
		size_t cap = r->cap_seen ? r->cap_seen * 2 : 16;
		szi_seen *n = realloc(r->seen, cap * sizeof(*n));
		if (n == NULL)
			return SZ_ERR_NOMEM;
		r->seen = n;
		r->cap_seen = cap;
	}
	szi_seen *s = &r->seen[r->n_seen];
	*s = *k;
	s->prev_owner = NULL;
	if (prev != NULL && (s->prev_owner = strdup(prev)) == NULL)
		return SZ_ERR_NOMEM;
	*index = r->n_seen++;
	return SZ_OK;
}

void szi_zread_include_done(sz_zread *r, const sz_zframe *f)
{
	szi_seen *s = &r->seen[f->seen - 1];
	s->out = ttl_state(r);
	s->done = true;
}

void szi_zread_seen_free(sz_zread *r)
{
	for (size_t i = 0; i < r->n_seen; i++)
		free(r->seen[i].prev_owner);
	free(r->seen);
	free(r->root);
	r->seen = NULL;
	r->root = NULL;
	r->n_seen = r->cap_seen = 0;
}

/*
 * $INCLUDE FILE [ORIGIN]: open FILE and read it before the rest of the
 * including file. Problems become error items (*item set); none is fatal.
 */
static sz_status do_include(sz_zread *r, sz_zframe *f, size_t line, size_t ntok,
			    sz_zrec *rec, sz_buf *text, bool *item)
{
	*item = true;
	if (ntok < 2)
		return szi_zrec_error(rec, text, f->file, line,
				  "$INCLUDE needs a file name: $INCLUDE FILE [ORIGIN]");
	if (ntok > 3)
		return szi_zrec_error(rec, text, f->file, line,
				  "unexpected text after $INCLUDE FILE ORIGIN: remove it or make it a comment");
	const char *name = token(r, 1);
	if (!include_path(r, f, name))
		return SZ_ERR_NOMEM;
	const char *path = r->incpath.data;

	if (f->depth + 1 > r->cfg.max_depth)
		return szi_zrec_error(rec, text, f->file, line,
				  "$INCLUDE %s: files are nested more than %u deep (an include loop?)",
				  name, r->cfg.max_depth);

	sz_origin *origin = f->origin;
	sz_origin *made = NULL;
	if (ntok == 3) {
		const char *o = token(r, 2);
		if (!szi_zread_absolute(r, o, f->origin))
			return szi_zrec_error(rec, text, f->file, line,
					  "$INCLUDE origin '%s' is relative and no origin is known: end it with a dot", o);
		made = szi_origin_new(r->scratch.data);
		if (made == NULL)
			return szi_zrec_error(rec, text, f->file, line,
					  "$INCLUDE origin '%s' is not a valid domain name", o);
		origin = made;
	}

	/* Where the path leads, symbolic links resolved: it must stay inside
	 * the tree of the top-level file unless --include-anywhere. Nothing of
	 * a refused file is opened, so no byte of it can reach a message. */
	char *real = realpath(path, NULL);
	int e = real == NULL ? errno : 0;
	if (!r->cfg.include_anywhere && (real != NULL ? !inside(r->root, real) : dir_outside(r->root, path))) {
		free(real);
		szi_origin_unref(made);
		if (r->root == NULL)
			return szi_zrec_error(rec, text, f->file, line,
					  "$INCLUDE %s: refused: the directory of the zone file cannot be resolved, so no file is known to be inside it (--include-anywhere allows any file)",
					  name);
		return szi_zrec_error(rec, text, f->file, line,
				  "$INCLUDE %s: refused: it is outside %s, the directory tree of the zone file (symbolic links resolved); nothing of it was read. Move it there, or pass --include-anywhere for input you trust",
				  name, r->root);
	}
	int fd = -1;
	struct stat sb;
	if (e == 0)
		e = szi_zfile_open(real, true, &fd, &sb);
	bool moved = e == 0 && !r->cfg.include_anywhere && !opened_as(fd, real);
	free(real);
	if (moved) {
		close(fd);
		szi_origin_unref(made);
		return szi_zrec_error(rec, text, f->file, line,
				  "$INCLUDE %s: refused: the path changed while it was opened (a symbolic link replaced?); nothing of it was read",
				  name);
	}
	if (e == 0 && (unsigned long long)sb.st_size > SZI_INCLUDE_BYTES_MAX - r->include_bytes) {
		close(fd);
		szi_origin_unref(made);
		return szi_zrec_error(rec, text, f->file, line,
				  "$INCLUDE %s: refused: the files included would hold more than %llu bytes in all (this one: %lld bytes; %llu read before it)",
				  name, SZI_INCLUDE_BYTES_MAX, (long long)sb.st_size, r->include_bytes);
	}
	if (e != 0) {
		szi_origin_unref(made);
		if (e == EISDIR || e == ENODEV || e == SZI_ZFILE_NOT_REGULAR)
			return szi_zrec_error(rec, text, f->file, line,
					  "$INCLUDE %s: %s is a %s, not a zone file", name, path,
					  e == EISDIR ? "directory" : e == ENODEV ? "device"
					  : "FIFO, socket or other special file");
		if (e == SZI_ZFILE_PSEUDO_FS)
			return szi_zrec_error(rec, text, f->file, line,
					  "$INCLUDE %s: %s is a kernel interface (/proc, /sys or the like), not a zone file",
					  name, path);
		if (strcmp(name, path) == 0)
			return szi_zrec_error(rec, text, f->file, line,
					  "$INCLUDE %s: cannot read it: %s", name, strerror(e));
		return szi_zrec_error(rec, text, f->file, line,
				  "$INCLUDE %s: cannot read %s: %s (a relative path is relative to the including file)",
				  name, path, strerror(e));
	}
	for (const sz_zframe *g = f; g != NULL; g = g->parent) {
		if (g->has_id && g->dev == sb.st_dev && g->ino == sb.st_ino) {
			char chain[1024];
			include_chain(r, f, chain, sizeof(chain));
			close(fd);
			szi_origin_unref(made);
			return szi_zrec_error(rec, text, f->file, line,
					  "$INCLUDE %s: include loop, %s is already being read (%s includes %s): remove one of the $INCLUDEs",
					  name, path, chain, path);
		}
	}
	/* The same file at the same origin, from the same state: its records
	 * would be the same as at its last reading, so it is not read again. */
	if (szi_zread_resolve_prev_owner(r, f) != SZ_OK) {
		close(fd);
		szi_origin_unref(made);
		return SZ_ERR_NOMEM;
	}
	sz_zorigin_src src = made != NULL ? SZ_ZORIGIN_DIRECTIVE : f->origin_src;
	const char *prev = f->prev_owner.len > 0 ? f->prev_owner.data : NULL;
	szi_seen key;
	fill_seen_key(&key, &sb, origin, src, r);
	const szi_seen *again = find_seen(r, &key, prev);
	if (again != NULL) {
		close(fd);
		szi_origin_unref(made);
		r->ttl_set = again->out.ttl_set;
		r->ttl = again->out.ttl;
		r->last_set = again->out.last_set;
		r->last_ttl = again->out.last_ttl;
		*item = false;
		return SZ_OK;
	}
	bool repeat = false;
	for (size_t i = 0; i < r->n_seen && !repeat; i++)
		repeat = r->seen[i].dev == key.dev && r->seen[i].ino == key.ino;
	if (repeat && r->repeats >= SZI_INCLUDE_REPEATS_MAX) {
		close(fd);
		szi_origin_unref(made);
		return szi_zrec_error(rec, text, f->file, line,
				  "$INCLUDE %s: refused: files were read again at another origin or TTL %u times already (an include tree that multiplies?)",
				  name, SZI_INCLUDE_REPEATS_MAX);
	}
	size_t index = 0;
	if (add_seen(r, &key, prev, &index) != SZ_OK) {
		close(fd);
		szi_origin_unref(made);
		return SZ_ERR_NOMEM;
	}
	uint32_t id;
	sz_status st = szi_files_add(r->files, path, &id);
	sz_zframe *g = st == SZ_OK ? szi_frame_new(id, f->depth + 1, origin) : NULL;
	if (g != NULL)
		g->origin_src = src;
	szi_origin_unref(made);
	if (g == NULL || szi_zread_resolve_prev_owner(r, f) != SZ_OK ||
	    (f->prev_owner.len > 0 &&
	     !sz_buf_put(&g->prev_owner, f->prev_owner.data, f->prev_owner.len))) {
		close(fd);
		if (g != NULL)
			szi_frame_free(g);
		return st != SZ_OK ? st : SZ_ERR_NOMEM;
	}
	g->fd = fd;
	g->owns_fd = true;
	g->dev = sb.st_dev;
	g->ino = sb.st_ino;
	g->has_id = true;
	g->parent = f;
	g->seen = index + 1;
	r->top = g;
	r->files_read++;
	r->repeats += repeat;
	r->include_bytes += (unsigned long long)sb.st_size;
	*item = false;
	return SZ_OK;
}

/* Handle the directive in r->dir; *item is set when `rec` holds an error. */
sz_status szi_zread_directive(sz_zread *r, sz_zframe *f, size_t line, size_t ntok,
			      sz_zrec *rec, sz_buf *text, bool *item)
{
	const char *name = token(r, 0);
	*item = false;
	if (strcasecmp(name, "$INCLUDE") == 0)
		return do_include(r, f, line, ntok, rec, text, item);
	*item = true;
	if (strcasecmp(name, "$ORIGIN") == 0) {
		if (ntok != 2)
			return szi_zrec_error(rec, text, f->file, line, ntok < 2 ?
					  "$ORIGIN needs a domain name: $ORIGIN contoso.com." :
					  "unexpected text after the $ORIGIN name: remove it or make it a comment");
		const char *o = token(r, 1);
		if (!szi_zread_absolute(r, o, f->origin))
			return szi_zrec_error(rec, text, f->file, line,
					  "$ORIGIN %s is relative and no origin is known to append: end it with a dot", o);
		sz_origin *made = szi_origin_new(r->scratch.data);
		if (made == NULL)
			return szi_zrec_error(rec, text, f->file, line,
					  "$ORIGIN %s is not a valid domain name", o);
		szi_origin_unref(f->origin);
		f->origin = made;
		f->origin_src = SZ_ZORIGIN_DIRECTIVE;
		*item = false;
		return SZ_OK;
	}
	if (strcasecmp(name, "$TTL") == 0) {
		if (ntok != 2)
			return szi_zrec_error(rec, text, f->file, line, ntok < 2 ?
					  "$TTL needs a value: $TTL 3600" :
					  "unexpected text after the $TTL value: remove it or make it a comment");
		const char *v = token(r, 1);
		const char *endp = v;
		uint32_t ttl = v[0] >= '0' && v[0] <= '9' ? ldns_str2period(v, &endp) : 0;
		uint64_t exact;
		if (endp == v || *endp != '\0')
			return szi_zrec_error(rec, text, f->file, line,
					  "$TTL %s is not a TTL: write seconds (3600) or units (1h)", v);
		if (!szi_period_value(v, strlen(v), &exact) || exact > UINT32_MAX)
			return szi_zrec_error(rec, text, f->file, line,
					  "$TTL %.40s is above 4294967295, the largest a TTL can hold (BIND: bad ttl)", v);
		r->ttl_set = true;
		r->ttl = ttl;
		*item = false;
		return SZ_OK;
	}
	if (strcasecmp(name, "$GENERATE") == 0)
		return szi_zrec_error(rec, text, f->file, line,
				  "$GENERATE is a BIND extension that ldns cannot read: its records are not checked; expand it into records");
	return szi_zrec_error(rec, text, f->file, line,
			  "unknown directive %s: only $ORIGIN, $TTL and $INCLUDE are master-file directives", name);
}
