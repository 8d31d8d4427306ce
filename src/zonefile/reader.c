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
	szi_zread_seen_free(r);
	free(r->path);
	free(r->first_origin);
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
	sz_zorigin_src src = SZ_ZORIGIN_NONE;
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
		src = SZ_ZORIGIN_OPTION;
	} else if (strcmp(name, SZI_STDIN_NAME) != 0 &&
		   szi_origin_from_filename(name, derived, sizeof(derived))) {
		origin = szi_origin_new(derived);
		src = origin != NULL ? SZ_ZORIGIN_FILE_NAME : SZ_ZORIGIN_NONE;
	}

	sz_zframe *f = szi_frame_new(id, 0, origin);
	szi_origin_unref(origin);
	if (f == NULL)
		return SZ_ERR_NOMEM;
	f->origin_src = src;
	r->top = f;
	r->started = true;
	st = szi_zread_set_root(r, r->is_mem ? r->path : strcmp(r->path, "-") == 0 ? NULL : r->path);
	if (st != SZ_OK)
		return st;
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

/*
 * The first record of the top-level file. When the file name gave the
 * origin, or nothing did, and the record is an SOA with an absolute owner
 * (an AXFR dump, a zone written in absolute names), its owner is the
 * origin: the records win over the file name. Either way the origin in use
 * and where it came from are kept for szi_zread_first_origin().
 */
static sz_status first_record(sz_zread *r, sz_zframe *f, const char *s, const szi_rec_head *h)
{
	r->first_seen = true;
	if (h != NULL && (f->origin_src == SZ_ZORIGIN_FILE_NAME || f->origin_src == SZ_ZORIGIN_NONE)) {
		char type[8], owner[SZ_TEXT_MAX];
		szi_tok_copy(s, h->type, type, sizeof(type));
		if (strcasecmp(type, "SOA") == 0 && h->owner.len + 1 < sizeof(owner)) {
			szi_tok_copy(s, h->owner, owner, sizeof(owner));
			sz_origin *o = ldns_dname_str_absolute(owner) ? szi_origin_new(owner) : NULL;
			if (o != NULL && (f->origin == NULL || o->wire_len != f->origin->wire_len ||
					  memcmp(o->wire, f->origin->wire, o->wire_len) != 0)) {
				szi_origin_unref(f->origin);
				f->origin = o;
				f->origin_src = SZ_ZORIGIN_SOA;
				o = NULL;
			}
			szi_origin_unref(o);
		}
	}
	r->first_src = f->origin_src;
	if (f->origin != NULL) {
		r->first_origin = strdup(f->origin->text);
		if (r->first_origin == NULL)
			return SZ_ERR_NOMEM;
	}
	return SZ_OK;
}

bool szi_zread_first_origin(const sz_zread *r, const char **text, sz_zorigin_src *src)
{
	if (!r->first_seen)
		return false;
	*text = r->first_origin;
	*src = r->first_src;
	return true;
}

/* The UTF-8 byte-order mark Windows editors and PowerShell 5 write. */
#define UTF8_BOM "\xEF\xBB\xBF"

/*
 * Windows DNS writes an aging field after the owner of a dynamically
 * registered record ("sip [AGE:3686711] 1200 A 192.0.2.10"): metadata of
 * the server, no part of the record. Take it out of the line; true when
 * there was one.
 */
static bool drop_windows_age(sz_buf *text, size_t off, const szi_rec_head *h)
{
	char *s = text->data + off;
	size_t p = h->owner.off + h->owner.len;
	while (s[p] == ' ')
		p++;
	if (strncasecmp(s + p, "[AGE:", 5) != 0)
		return false;
	size_t q = p + 5;
	while (s[q] >= '0' && s[q] <= '9')
		q++;
	if (q == p + 5 || s[q] != ']' || (s[q + 1] != ' ' && s[q + 1] != '\0'))
		return false;
	q++;
	if (s[q] == ' ')
		q++;
	size_t end = text->len - off; /* the line, without its NUL */
	memmove(s + p, s + q, end - q + 1);
	text->len -= q - p;
	return true;
}

/*
 * RFC 1035 allows "[<TTL>] [<class>]" in either order, and BIND reads
 * "_sip._tls IN 300 SRV ...". ldns takes the TTL after a class for the
 * type. Swap the two tokens so ldns reads what BIND reads; true when it
 * did (the line keeps its length).
 */
static bool class_before_ttl(char *s, const szi_rec_head *h)
{
	uint64_t ttl;
	if (h->cls.len == 0 || h->ttl.len > 0 || h->cls.len >= 32 || h->type.len >= 32 ||
	    h->type.off != h->cls.off + h->cls.len + 1 ||
	    !szi_period_value(s + h->type.off, h->type.len, &ttl))
		return false;
	char cls[32], num[32];
	memcpy(cls, s + h->cls.off, h->cls.len);
	memcpy(num, s + h->type.off, h->type.len);
	/* "CLS NUM" -> "NUM CLS", in the same bytes */
	char *p = s + h->cls.off;
	memcpy(p, num, h->type.len);
	p[h->type.len] = ' ';
	memcpy(p + h->type.len + 1, cls, h->cls.len);
	return true;
}

/* Does the line hold a byte-order mark? */
static bool has_bom(const char *s, size_t len)
{
	for (const char *p = memchr(s, 0xEF, len); p != NULL;
	     p = memchr(p + 1, 0xEF, len - (size_t)(p + 1 - s)))
		if ((size_t)(p - s) + 3 <= len && memcmp(p, UTF8_BOM, 3) == 0)
			return true;
	return false;
}

/* Fill `rec` for the record just scanned into `text` at `off`. */
static sz_status finish_record(sz_zread *r, sz_zframe *f, size_t line, size_t off,
			       bool continuation, sz_zrec *rec, sz_buf *text)
{
	const char *s = text->data + off;
	szi_rec_head head;
	bool has_head = szi_rec_head_split(s, &head);
	if (has_head && drop_windows_age(text, off, &head))
		has_head = szi_rec_head_split(s, &head);
	if (f->depth == 0 && !r->first_seen) {
		sz_status st = first_record(r, f, s, has_head ? &head : NULL);
		if (st != SZ_OK)
			return st;
	}
	char why[512];
	if (f->origin == NULL && (!has_head || szi_zread_relative_name(s, &head, why, sizeof(why)))) {
		/* Absolute names need no origin (an AXFR dump, a zone written in
		 * absolute names); a relative one cannot be read at all. */
		r->failed = true;
		text->len = off;
		const char *name = r->files->names[f->file];
		if (!has_head)
			snprintf(why, sizeof(why), "this record is too short to be read");
		sz_status st = strcmp(name, SZI_STDIN_NAME) == 0 ?
			szi_zrec_error(rec, text, f->file, line,
				   "%s; standard input has no $ORIGIN before it and no --origin was given", why) :
			szi_zrec_error(rec, text, f->file, line,
				   "%s; %s has no $ORIGIN before it, no --origin was given, and the file name names no zone",
				   why, name);
		return st != SZ_OK ? st : SZ_ERR_ORIGIN;
	}
	if (!continuation) {
		size_t n = strcspn(s, " ");
		if (szi_frame_set_prev_owner(f, s, n, f->origin) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	if (has_head && class_before_ttl(text->data + off, &head))
		has_head = szi_rec_head_split(s, &head);
	if (has_bom(s, text->len - off)) {
		text->len = off;
		return szi_zrec_error(rec, text, f->file, line,
				      "a UTF-8 byte-order mark (bytes EF BB BF) in the middle of the file: remove it");
	}
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
	rec->has_head = has_head;
	if (has_head)
		rec->head = head;
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
			if (f->seen > 0)
				szi_zread_include_done(r, f);
			r->top = f->parent;
			szi_frame_free(f);
			continue;
		}

		if (f->line == 1 && !f->bom_checked) {
			/* a byte-order mark opens the file: skip it (Windows editors
			 * and PowerShell 5 write one); anywhere else it is an error */
			if (f->len - f->pos < 3 && !f->eof) {
				int e = szi_frame_refill(f);
				if (e != 0)
					return read_failed(r, f, rec, text, e);
				continue;
			}
			f->bom_checked = true;
			if (f->len - f->pos >= 3 && memcmp(f->data + f->pos, UTF8_BOM, 3) == 0)
				f->pos += 3;
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
