/*
 * zonefile/frame.c: one file being read (its buffer, position, line number,
 * origin and last owner) and the reader's error items.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zonefile/reader_parts.h"

void szi_frame_free(sz_zframe *f)
{
	if (f->owns_fd && f->fd >= 0)
		close(f->fd);
	free(f->own);
	szi_origin_unref(f->origin);
	sz_buf_free(&f->prev_owner);
	szi_origin_unref(f->prev_origin);
	free(f);
}

/* Append a NUL-terminated message and make `rec` an error item about it. */
sz_status szi_zrec_error(sz_zrec *rec, sz_buf *text, uint32_t file, size_t line,
			    const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t len = n < 0 ? 0 : ((size_t)n >= sizeof(msg) ? sizeof(msg) - 1 : (size_t)n);
	memset(rec, 0, sizeof(*rec));
	rec->kind = SZ_ZREC_ERROR;
	rec->file = file;
	rec->line = line;
	rec->text_off = text->len;
	rec->text_len = len;
	if (!sz_buf_put(text, msg, len) || !sz_buf_put(text, "", 1))
		return SZ_ERR_NOMEM;
	return SZ_OK;
}

sz_zframe *szi_frame_new(uint32_t file, unsigned depth, sz_origin *origin)
{
	sz_zframe *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return NULL;
	f->fd = -1;
	f->file = file;
	f->depth = depth;
	f->line = 1;
	f->origin = szi_origin_ref(origin);
	return f;
}

/* An absolute version of `name` relative to `origin`, in r->scratch. */
bool szi_zread_absolute(sz_zread *r, const char *name, const sz_origin *origin)
{
	r->scratch.len = 0;
	if (strcmp(name, "@") == 0) {
		if (origin == NULL)
			return false;
		return sz_buf_put(&r->scratch, origin->text, strlen(origin->text) + 1);
	}
	if (ldns_dname_str_absolute(name))
		return sz_buf_put(&r->scratch, name, strlen(name) + 1);
	if (origin == NULL)
		return false;
	const char *suffix = strcmp(origin->text, ".") == 0 ? "" : origin->text;
	return sz_buf_put(&r->scratch, name, strlen(name)) &&
	       sz_buf_put(&r->scratch, ".", 1) &&
	       sz_buf_put(&r->scratch, suffix, strlen(suffix) + 1);
}

/*
 * Read more of a file frame: keep the unread part, grow the buffer when a
 * record fills it. Returns 0, or errno of a failed read.
 */
int szi_frame_refill(sz_zframe *f)
{
	if (f->fd < 0) {
		f->eof = true;
		return 0;
	}
	if (f->pos > 0) {
		memmove(f->own, f->own + f->pos, f->len - f->pos);
		f->len -= f->pos;
		f->pos = 0;
	}
	if (f->len == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : SZI_BLOCK_SIZE;
		char *p = realloc(f->own, cap);
		if (p == NULL)
			return ENOMEM;
		f->own = p;
		f->cap = cap;
	}
	f->data = f->own;
	for (;;) {
		ssize_t n = read(f->fd, f->own + f->len, f->cap - f->len);
		if (n > 0) {
			f->len += (size_t)n;
			return 0;
		}
		if (n == 0) {
			f->eof = true;
			return 0;
		}
		if (errno != EINTR)
			return errno;
	}
}

sz_status szi_frame_set_prev_owner(sz_zframe *f, const char *owner, size_t len, sz_origin *origin)
{
	f->prev_owner.len = 0;
	if (!sz_buf_reserve(&f->prev_owner, len + 1))
		return SZ_ERR_NOMEM;
	memcpy(f->prev_owner.data, owner, len);
	f->prev_owner.data[len] = '\0';
	f->prev_owner.len = len + 1;
	if (f->prev_origin != origin) {
		szi_origin_unref(f->prev_origin);
		f->prev_origin = szi_origin_ref(origin);
	}
	return SZ_OK;
}

/* Make the last owner absolute before a continuation line uses it. */
sz_status szi_zread_resolve_prev_owner(sz_zread *r, sz_zframe *f)
{
	if (f->prev_origin == NULL || f->prev_owner.len == 0)
		return SZ_OK;
	if (!szi_zread_absolute(r, f->prev_owner.data, f->prev_origin))
		return SZ_ERR_NOMEM;
	f->prev_owner.len = 0;
	if (!sz_buf_put(&f->prev_owner, r->scratch.data, r->scratch.len))
		return SZ_ERR_NOMEM;
	szi_origin_unref(f->prev_origin);
	f->prev_origin = NULL;
	return SZ_OK;
}

/* Drop bytes up to and including the next newline; with none in the
 * buffer, drop it all and stay in the skipping state for the next block.
 * Returns EFBIG once the line has gone on for more than SZI_SKIP_MAX bytes. */
int szi_frame_skip_line(sz_zframe *f)
{
	const char *nl = memchr(f->data + f->pos, '\n', f->len - f->pos);
	if (nl == NULL) {
		f->skipped += f->len - f->pos;
		f->pos = f->len;
		/* Input without end (a pipe from /dev/zero): give the file up. */
		return f->skipped > SZI_SKIP_MAX ? EFBIG : 0;
	}
	f->pos = (size_t)(nl - f->data) + 1;
	f->line++;
	f->skipping = false;
	f->skipped = 0;
	return 0;
}

/* Bytes of the valid UTF-8 sequence at `s` (at most `n` bytes) that is not
 * a C1 control; 0 if there is none. */
static size_t utf8_printable(const unsigned char *s, size_t n)
{
	size_t k;
	uint32_t cp, min;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		k = 2; cp = s[0] & 0x1fu; min = 0xa0; /* U+0080-U+009F are C1 controls */
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		k = 3; cp = s[0] & 0x0fu; min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		k = 4; cp = s[0] & 0x07u; min = 0x10000;
	} else {
		return 0;
	}
	if (k > n)
		return 0;
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return k;
}

void szi_excerpt(const char *text, size_t len, char *out)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, o = 0;
	for (size_t chars = 0; i < len && chars < SZI_EXCERPT_CHARS; chars++) {
		size_t k = s[i] >= 0x80 ? utf8_printable(s + i, len - i) : 0;
		if (s[i] >= 0x20 && s[i] < 0x7f) {
			out[o++] = (char)s[i++];
		} else if (k > 0) {
			memcpy(out + o, s + i, k);
			o += k;
			i += k;
		} else {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[s[i] >> 4];
			out[o++] = hex[s[i] & 15];
			i++;
		}
	}
	if (i < len) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}
