/*
 * zonefile/scanner.c: the one scan of zone text. A record becomes one line
 * (RFC 1035 section 5.1 and BIND: parentheses across lines, comments,
 * quoted strings and backslash escapes copied through, owner continuation,
 * CRLF); a directive line becomes its tokens.
 */
#include <string.h>

#include "zonefile/reader_parts.h"

/* Bytes the record scanner must look at; everything else is copied. */
static const unsigned char special[256] = {
	['\0'] = 1, ['\n'] = 1, ['\r'] = 1, ['\t'] = 1, [' '] = 1, [';'] = 1,
	['('] = 1, [')'] = 1, ['"'] = 1, ['\\'] = 1, ['\f'] = 1, ['\v'] = 1,
};

/*
 * Scan one record starting at f->pos into `out` as one line: whitespace runs
 * become one space, parentheses and comments vanish, quoted strings and
 * escapes are copied verbatim. A continuation line gets `owner` in front.
 */
enum szi_unit szi_scan_record(const sz_zframe *f, const char *owner, size_t owner_len,
			     sz_buf *out, szi_scan *sc)
{
	const char *d = f->data;
	size_t p = f->pos, end = f->len;
	size_t start_len = out->len;
	int depth = 0;
	bool quoted = false, any = false;
	size_t lines = 0;
	const char *err = NULL;

	sc->continuation = d[p] == ' ' || d[p] == '\t';
	if (!sz_buf_reserve(out, (end - p) + owner_len + 2)) {
		sc->err = "out of memory";
		return U_ERROR;
	}
	char *o = out->data + out->len;
	char *o0 = o;
	if (sc->continuation) {
		if (owner_len > 0)
			memcpy(o, owner, owner_len);
		o += owner_len;
		*o++ = ' ';
	}
	for (;;) {
		/* copy the run of ordinary bytes in one go */
		size_t q = p;
		while (q < end && !special[(unsigned char)d[q]])
			q++;
		if (q > p) {
			memcpy(o, d + p, q - p);
			o += q - p;
			p = q;
			any = true;
		}
		if (p >= end) {
			if (!f->eof)
				return U_MORE;
			if (quoted)
				err = err ? err : "a quoted string is not closed: add the closing '\"'";
			else if (depth > 0)
				err = err ? err : "'(' is not closed before the end of the file: add the missing ')'";
			break;
		}
		char c = d[p++];
		if (quoted) {
			if (c == '\n') {
				lines++;
				err = err ? err : "a quoted string runs past the end of the line: add the closing '\"'";
				break;
			}
			if (c == '\0') {
				err = err ? err : "the record contains a NUL byte: remove it";
				continue;
			}
			*o++ = c;
			if (c == '"') {
				quoted = false;
			} else if (c == '\\') {
				if (p >= end && !f->eof)
					return U_MORE;
				if (p < end && d[p] != '\n' && d[p] != '\0')
					*o++ = d[p++];
			}
			continue;
		}
		switch (c) {
		case '\n':
			lines++;
			if (depth == 0)
				goto done;
			/* fall through */
		case '\r': case '\t': case ' ': case '\f': case '\v':
			if (o > o0 && o[-1] != ' ')
				*o++ = ' ';
			break;
		case ';': {
			const char *nl = memchr(d + p, '\n', end - p);
			if (nl == NULL) {
				if (!f->eof)
					return U_MORE;
				p = end;
			} else {
				p = (size_t)(nl - d);
			}
			break;
		}
		case '(':
			depth++;
			if (o > o0 && o[-1] != ' ')
				*o++ = ' ';
			break;
		case ')':
			if (depth == 0)
				err = err ? err : "')' without a matching '(': remove it or add the '('";
			else
				depth--;
			if (o > o0 && o[-1] != ' ')
				*o++ = ' ';
			break;
		case '"':
			quoted = true;
			any = true;
			*o++ = c;
			break;
		case '\\':
			any = true;
			*o++ = c;
			if (p >= end && !f->eof)
				return U_MORE;
			if (p < end && d[p] != '\n' && d[p] != '\r' && d[p] != '\0')
				*o++ = d[p++];
			break;
		case '\0':
			err = err ? err : "the record contains a NUL byte: remove it";
			break;
		default:
			*o++ = c;
			any = true;
			break;
		}
	}
done:
	while (o > o0 && o[-1] == ' ')
		o--;
	*o = '\0';
	sc->consumed = p - f->pos;
	sc->lines = lines;
	sc->err = err;
	if (!any) {
		out->len = start_len;
		return err != NULL ? U_ERROR : U_BLANK;
	}
	out->len = start_len + (size_t)(o - o0);
	return err != NULL ? U_ERROR : U_RECORD;
}

/*
 * Tokens of a directive line (from f->pos to the end of the line) into
 * r->dir, each NUL-terminated: quotes removed, comments dropped.
 */
enum szi_unit szi_scan_directive(sz_buf *dir, const sz_zframe *f, szi_scan *sc)
{
	const char *d = f->data;
	size_t p = f->pos, end = f->len;
	const char *nl = memchr(d + p, '\n', end - p);
	if (nl == NULL && !f->eof)
		return U_MORE;
	size_t stop = nl != NULL ? (size_t)(nl - d) : end;
	dir->len = 0;
	sc->ntok = 0;
	sc->err = NULL;
	if (!sz_buf_reserve(dir, (stop - p) + 2)) {
		sc->err = "out of memory";
		return U_ERROR;
	}
	char *o = dir->data;
	while (p < stop) {
		char c = d[p];
		if (c == ' ' || c == '\t' || c == '\r') {
			p++;
			continue;
		}
		if (c == ';')
			break;
		bool quoted = c == '"';
		if (quoted)
			p++;
		while (p < stop) {
			c = d[p];
			if (quoted ? c == '"' : (c == ' ' || c == '\t' || c == '\r' || c == ';'))
				break;
			if (c == '\0')
				sc->err = "the directive contains a NUL byte: remove it";
			if (c == '\\' && p + 1 < stop)
				*o++ = d[p++];
			*o++ = d[p++];
		}
		if (quoted) {
			if (p >= stop)
				sc->err = "a quoted string is not closed: add the closing '\"'";
			else
				p++;
		}
		*o++ = '\0';
		sc->ntok++;
	}
	dir->len = (size_t)(o - dir->data);
	sc->consumed = (nl != NULL ? stop + 1 : stop) - f->pos;
	sc->lines = nl != NULL ? 1 : 0;
	return sc->err != NULL ? U_ERROR : U_DIRECTIVE;
}
