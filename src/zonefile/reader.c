/*
 * zonefile/reader.c: the stream of records and problems of a zone file and
 * the files it includes (reader.h). The text is read in blocks; the scanner
 * (scanner.c) makes each record one line for ldns, directives.c handles
 * $ORIGIN, $TTL and $INCLUDE, and each record is given its origin and TTL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "zonefile/ranges.h"
#include "zonefile/reader_parts.h"

static sz_status reader_new(const char *path, const sz_zread_config *cfg,
			    sz_files *files, sz_zread **out)
{
	sz_zread *r = calloc(1, sizeof(*r));
	*out = NULL;
	if (r == NULL)
		return SZ_ERR_NOMEM;
	r->cfg = *cfg;
	r->files = files;
	r->path = strdup(path);
	if (r->path == NULL) {
		free(r);
		return SZ_ERR_NOMEM;
	}
	*out = r;
	return SZ_OK;
}

sz_status szi_zread_new_file(const char *path, const sz_zread_config *cfg,
			     sz_files *files, sz_zread **out)
{
	return reader_new(path, cfg, files, out);
}

sz_status szi_zread_new_buffer(const char *name, const char *buf, size_t len,
			       const sz_zread_config *cfg, sz_files *files,
			       sz_zread **out)
{
	sz_status st = reader_new(name, cfg, files, out);
	if (st == SZ_OK) {
		(*out)->mem = buf;
		(*out)->mem_len = len;
		(*out)->is_mem = true;
	}
	return st;
}

void szi_zread_free(sz_zread *r)
{
	if (r == NULL)
		return;
	while (r->top != NULL) {
		sz_zframe *parent = r->top->parent;
		szi_frame_free(r->top);
		r->top = parent;
	}
	sz_buf_free(&r->scratch);
	sz_buf_free(&r->dir);
	sz_buf_free(&r->incpath);
	free(r->path);
	free(r);
}

size_t szi_zread_files_read(const sz_zread *r)
{
	return r->files_read;
}

static sz_status start(sz_zread *r, sz_zrec *rec, sz_buf *text)
{
	const char *name = strcmp(r->path, "-") == 0 && !r->is_mem ? SZI_STDIN_NAME : r->path;
	uint32_t id;
	sz_status st = szi_files_add(r->files, name, &id);
	if (st != SZ_OK)
		return st;

	sz_origin *origin = NULL;
	char derived[SZ_TEXT_MAX];
	if (r->cfg.origin != NULL) {
		const char *o = r->cfg.origin;
		size_t n = strlen(o);
		if (n + 2 > sizeof(derived))
			return SZ_ERR_USAGE;
		memcpy(derived, o, n + 1);
		if (!ldns_dname_str_absolute(derived)) {
			derived[n] = '.';
			derived[n + 1] = '\0';
		}
		origin = szi_origin_new(derived);
		if (origin == NULL)
			return SZ_ERR_USAGE;
	} else if (strcmp(name, SZI_STDIN_NAME) != 0 &&
		   szi_origin_from_filename(name, derived, sizeof(derived))) {
		origin = szi_origin_new(derived);
	}

	sz_zframe *f = szi_frame_new(id, 0, origin);
	szi_origin_unref(origin);
	if (f == NULL)
		return SZ_ERR_NOMEM;
	r->top = f;
	r->started = true;
	if (r->is_mem) {
		f->data = r->mem;
		f->len = r->mem_len;
		f->eof = true;
		r->files_read++;
		return SZ_OK;
	}
	if (strcmp(r->path, "-") == 0) {
		f->fd = STDIN_FILENO;
		r->files_read++;
		return SZ_OK;
	}
	struct stat sb;
	int e = szi_zfile_open(r->path, false, &f->fd, &sb);
	if (e != 0) {
		r->failed = true;
		st = szi_zrec_error(rec, text, id, 0, "cannot read %s: %s", r->path,
				e == EISDIR ? "it is a directory"
				: e == ENODEV ? "it is a device, not a zone file" : strerror(e));
		return st != SZ_OK ? st : SZ_ERR_IO;
	}
	f->owns_fd = true;
	f->dev = sb.st_dev;
	f->ino = sb.st_ino;
	f->has_id = true;
	r->files_read++;
	return SZ_OK;
}

/* Fill `rec` for the record just scanned into `text` at `off`. */
static sz_status finish_record(sz_zread *r, sz_zframe *f, size_t line, size_t off,
			       bool continuation, sz_zrec *rec, sz_buf *text)
{
	const char *s = text->data + off;
	if (f->origin == NULL) {
		r->failed = true;
		text->len = off;
		const char *name = r->files->names[f->file];
		sz_status st = strcmp(name, SZI_STDIN_NAME) == 0 ?
			szi_zrec_error(rec, text, f->file, line,
				   "no origin for this record: standard input has no $ORIGIN before it and no --origin was given; add '$ORIGIN zone.example.' at the top or pass --origin") :
			szi_zrec_error(rec, text, f->file, line,
				   "no origin for this record: %s has no $ORIGIN before it, no --origin was given, and the file name names no zone; add '$ORIGIN zone.example.' at the top or pass --origin",
				   name);
		return st != SZ_OK ? st : SZ_ERR_ORIGIN;
	}
	if (!continuation) {
		size_t n = strcspn(s, " ");
		if (szi_frame_set_prev_owner(f, s, n, f->origin) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	szi_rec_head head;
	bool has_head = szi_rec_head_split(s, &head);
	char why[512];
	if (has_head && (szi_zread_misread(s, &head, why, sizeof(why)) ||
			 szi_zread_out_of_range(s, &head, why, sizeof(why)))) {
		text->len = off;
		return szi_zrec_error(rec, text, f->file, line, "%s", why);
	}
	memset(rec, 0, sizeof(*rec));
	rec->kind = SZ_ZREC_RECORD;
	rec->file = f->file;
	rec->line = line;
	rec->text_off = off;
	rec->text_len = text->len - off;
	rec->origin = f->origin;
	/* ldns takes the token after the owner as a TTL when it starts with a
	 * digit; so does this (a record too short for a type has none here,
	 * and ldns refuses it anyway) */
	rec->explicit_ttl = has_head && head.ttl.len > 0;
	if (rec->explicit_ttl) {
		char tok[32];
		const char *endp;
		szi_tok_copy(s, head.ttl, tok, sizeof(tok));
		r->last_set = true;
		r->last_ttl = ldns_str2period(tok, &endp);
	}
	if (r->ttl_set) {
		rec->default_ttl = r->ttl;
		rec->has_default_ttl = true;
	} else if (r->last_set) {
		rec->default_ttl = r->last_ttl;
		rec->has_default_ttl = true;
	}
	/* the text is NUL-terminated after text_len */
	return sz_buf_put(text, "", 1) ? SZ_OK : SZ_ERR_NOMEM;
}

/* A read error: the rest of this file is lost. An included file's error is
 * reported and reading goes on in the file that included it; the top-level
 * file's ends the reader. */
static sz_status read_failed(sz_zread *r, sz_zframe *f, sz_zrec *rec, sz_buf *text, int e)
{
	sz_status st = e == EAGAIN ?
		szi_zrec_error(rec, text, f->file, f->line,
			   "reading %s failed: it would wait for more input, so it is no zone file",
			   r->files->names[f->file]) :
		szi_zrec_error(rec, text, f->file, f->line, "reading %s failed: %s",
			   r->files->names[f->file], strerror(e));
	if (f->parent == NULL) {
		r->failed = true;
		return st != SZ_OK ? st : SZ_ERR_IO;
	}
	r->top = f->parent;
	szi_frame_free(f);
	return st;
}

sz_status szi_zread_next(sz_zread *r, sz_zrec *rec, sz_buf *text)
{
	if (r->failed)
		return SZ_ERR_INVALID;
	if (!r->started) {
		sz_status st = start(r, rec, text);
		if (st != SZ_OK)
			return st;
	}
	for (;;) {
		sz_zframe *f = r->top;
		if (f == NULL) {
			memset(rec, 0, sizeof(*rec));
			rec->kind = SZ_ZREC_END;
			return SZ_OK;
		}
		if (f->skipping) {
			int e = szi_frame_skip_line(f);
			if (e != 0)
				return read_failed(r, f, rec, text, e);
		}
		if (f->pos >= f->len) {
			if (!f->eof) {
				int e = szi_frame_refill(f);
				if (e != 0)
					return read_failed(r, f, rec, text, e);
				continue;
			}
			r->top = f->parent;
			szi_frame_free(f);
			continue;
		}

		szi_scan sc = { 0 };
		size_t line = f->line;
		size_t off = text->len;
		enum szi_unit u;
		char first = f->data[f->pos];
		if (first == '$') {
			u = szi_scan_directive(&r->dir, f, &sc);
		} else {
			if ((first == ' ' || first == '\t') && szi_zread_resolve_prev_owner(r, f) != SZ_OK)
				return SZ_ERR_NOMEM;
			u = szi_scan_record(f, f->prev_owner.data, f->prev_owner.len > 0 ? f->prev_owner.len - 1 : 0,
					text, &sc);
		}
		if (u == U_MORE) {
			text->len = off;
			if (f->eof)
				return SZ_ERR_INVALID; /* cannot happen: the scanners end at EOF */
			if (f->len - f->pos >= SZI_RECORD_MAX) {
				/* Give up on this record; resume after its first line,
				 * however much more of that line is still to come. */
				f->skipping = true;
				(void)szi_frame_skip_line(f); /* the limit is checked on the next call */
				return szi_zrec_error(rec, text, f->file, line,
						  "a record longer than %zu bytes: a '(' is probably not closed",
						  SZI_RECORD_MAX);
			}
			int e = szi_frame_refill(f);
			if (e != 0)
				return read_failed(r, f, rec, text, e);
			continue;
		}
		f->pos += sc.consumed;
		f->line += sc.lines;
		switch (u) {
		case U_BLANK:
			continue;
		case U_ERROR:
			text->len = off;
			return szi_zrec_error(rec, text, f->file, line, "%s", sc.err);
		case U_DIRECTIVE: {
			bool item = false;
			sz_status st = szi_zread_directive(r, f, line, sc.ntok, rec, text, &item);
			if (st != SZ_OK || item)
				return st;
			continue;
		}
		case U_RECORD:
			if (sc.continuation && f->prev_owner.len == 0) {
				text->len = off;
				return szi_zrec_error(rec, text, f->file, line,
						  "the line starts with blank space, so it continues the previous owner, but there is none: write the owner name");
			}
			return finish_record(r, f, line, off, sc.continuation, rec, text);
		case U_MORE:
			break;
		}
	}
}
