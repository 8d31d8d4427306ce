/*
 * zonefile/directives.c: the master-file directives $ORIGIN, $TTL and
 * $INCLUDE (ldns_rr_new_frm_str() knows none of them).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

	int fd = -1;
	struct stat sb;
	int e = szi_zfile_open(path, true, &fd, &sb);
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
	uint32_t id;
	sz_status st = szi_files_add(r->files, path, &id);
	sz_zframe *g = st == SZ_OK ? szi_frame_new(id, f->depth + 1, origin) : NULL;
	if (g != NULL)
		g->origin_src = made != NULL ? SZ_ZORIGIN_DIRECTIVE : f->origin_src;
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
	r->top = g;
	r->files_read++;
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
