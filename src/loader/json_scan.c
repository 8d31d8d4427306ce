/*
 * loader/json_scan.c: find where JSON values begin and end without building them.
 *
 * Everything here is iterative and allocation-free: nesting is tracked with a
 * depth counter rather than recursion or a stack, so hostile input such as
 * 10,000 nested arrays costs nothing but a loop. Every read is guarded by
 * `len`; `buf` need not be NUL-terminated.
 */
#include "loader/json_scan.h"

#include <string.h>

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Bytes that cannot belong to a bare scalar: they end it. */
static bool ends_scalar(char c)
{
	return is_ws(c) || c == ',' || c == ':' || c == '"' ||
	       c == '[' || c == ']' || c == '{' || c == '}';
}

size_t szi_json_skip_ws(const char *buf, size_t len, size_t pos)
{
	if (pos > len)
		return len;
	while (pos < len && is_ws(buf[pos]))
		pos++;
	return pos;
}

/*
 * `pos` is at the opening quote. Only the byte after a backslash needs
 * skipping: the four hex digits of \uXXXX can never be a quote, so they are
 * ordinary bytes to this scanner.
 */
static bool scan_string(const char *buf, size_t len, size_t pos, size_t *end, size_t *fail)
{
	size_t i = pos + 1;

	while (i < len) {
		if (buf[i] == '"') {
			*end = i + 1;
			return true;
		}
		i += buf[i] == '\\' ? 2 : 1;
	}
	*fail = len;
	return false;
}

/*
 * `pos` is at '{' or '['. Without a stack only the outermost pair can be
 * checked for matching kind; `[{]}` inside is left for jansson to reject.
 */
static bool scan_container(const char *buf, size_t len, size_t pos, size_t *end, size_t *fail)
{
	char close = buf[pos] == '{' ? '}' : ']';
	size_t depth = 0;
	size_t i = pos;

	while (i < len) {
		char c = buf[i];

		if (c == '"') {
			if (!scan_string(buf, len, i, &i, fail))
				return false;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && --depth == 0) {
			if (c != close) {
				*fail = i;
				return false;
			}
			*end = i + 1;
			return true;
		}
		i++;
	}
	*fail = len;
	return false;
}

/*
 * Like szi_json_value_span, and on failure *fail is the offending byte (len
 * when the text ended too early), which the iterator reports as err_pos.
 */
static bool scan_value(const char *buf, size_t len, size_t pos,
		       size_t *start, size_t *end, size_t *fail)
{
	size_t p = szi_json_skip_ws(buf, len, pos);
	size_t i;

	*start = p;
	if (p >= len) {
		*fail = len;
		return false;
	}
	switch (buf[p]) {
	case '"':
		return scan_string(buf, len, p, end, fail);
	case '{':
	case '[':
		return scan_container(buf, len, p, end, fail);
	case ',':
	case ':':
	case ']':
	case '}':
		*fail = p;
		return false;
	default:
		break;
	}
	/* A bare scalar may end at the end of the text: `42` is a document. */
	for (i = p; i < len && !ends_scalar(buf[i]); i++)
		;
	*end = i;
	return true;
}

bool szi_json_value_span(const char *buf, size_t len, size_t pos, size_t *start, size_t *end)
{
	size_t s, e, fail;

	if (!scan_value(buf, len, pos, &s, &e, &fail))
		return false;
	*start = s;
	*end = e;
	return true;
}

bool szi_json_iter_init(sz_json_iter *it, const char *buf, size_t len, size_t pos)
{
	size_t p = szi_json_skip_ws(buf, len, pos);
	bool ok = p < len && (buf[p] == '{' || buf[p] == '[');

	it->buf = buf;
	it->len = len;
	it->pos = ok ? p + 1 : p;
	it->is_object = ok && buf[p] == '{';
	it->first = true;
	/* A failed init leaves a cursor that next() safely refuses. */
	it->done = !ok;
	it->error = !ok;
	it->err_pos = ok ? 0 : p;
	return ok;
}

static bool iter_fail(sz_json_iter *it, size_t pos)
{
	it->error = true;
	it->err_pos = pos;
	return false;
}

/*
 * Consume what comes before a member or element: the closing bracket (end),
 * or for all but the first a ','. Returns the offset of the member, or
 * it->len with it->done or it->error set when there is none.
 */
static size_t iter_separator(sz_json_iter *it)
{
	char close = it->is_object ? '}' : ']';
	size_t p = szi_json_skip_ws(it->buf, it->len, it->pos);

	if (p >= it->len) {
		iter_fail(it, it->len);
		return it->len;
	}
	if (it->buf[p] == close) {
		it->done = true;
		it->pos = p + 1;
		return it->len;
	}
	if (it->first) {
		it->first = false;
		return p;
	}
	if (it->buf[p] != ',') {
		iter_fail(it, p);
		return it->len;
	}
	/* After a ',' a close is a trailing comma: leave it to scan_value. */
	return p + 1;
}

/* `"key" :` at p; returns the offset after the colon, or len on error. */
static size_t iter_key(sz_json_iter *it, size_t p, size_t *key_start, size_t *key_end)
{
	size_t q, fail;

	p = szi_json_skip_ws(it->buf, it->len, p);
	if (p >= it->len || it->buf[p] != '"') {
		iter_fail(it, p);
		return it->len;
	}
	if (!scan_string(it->buf, it->len, p, &q, &fail)) {
		iter_fail(it, fail);
		return it->len;
	}
	*key_start = p + 1;
	*key_end = q - 1;
	q = szi_json_skip_ws(it->buf, it->len, q);
	if (q >= it->len || it->buf[q] != ':') {
		iter_fail(it, q);
		return it->len;
	}
	return q + 1;
}

bool szi_json_iter_next(sz_json_iter *it, size_t *key_start, size_t *key_end,
		       size_t *val_start, size_t *val_end)
{
	size_t p, fail;

	*key_start = *key_end = *val_start = *val_end = 0;
	if (it->done || it->error)
		return false;
	p = iter_separator(it);
	if (it->done || it->error)
		return false;
	if (it->is_object) {
		p = iter_key(it, p, key_start, key_end);
		if (it->error)
			return false;
	}
	if (!scan_value(it->buf, it->len, p, val_start, val_end, &fail))
		return iter_fail(it, fail);
	it->pos = *val_end;
	return true;
}

static bool key_matches(const char *buf, size_t ks, size_t ke, const char *key)
{
	size_t n = ke - ks;

	/* Raw bytes with a backslash are an escaped key: never a match. */
	return strlen(key) == n && memcmp(buf + ks, key, n) == 0 &&
	       memchr(buf + ks, '\\', n) == NULL;
}

/*
 * Offset of the value for one step inside the container at `at`, or `at`
 * itself when the step cannot be followed. With duplicate keys the last
 * wins, as it does in jansson's default decoding.
 */
static size_t locate_step(const char *buf, size_t len, size_t at, const sz_json_step *step)
{
	sz_json_iter it;
	size_t ks, ke, vs, ve;
	size_t found = at;
	size_t i = 0;

	if (!szi_json_iter_init(&it, buf, len, at) || it.is_object != (step->key != NULL))
		return at;
	while (szi_json_iter_next(&it, &ks, &ke, &vs, &ve)) {
		if (step->key == NULL) {
			if (i++ == step->index)
				return vs;
		} else if (key_matches(buf, ks, ke, step->key)) {
			found = vs;
		}
	}
	return found;
}

size_t szi_json_locate(const char *buf, size_t len, size_t pos,
		      const sz_json_step *steps, size_t n_steps)
{
	size_t at = szi_json_skip_ws(buf, len, pos);
	size_t i;

	for (i = 0; i < n_steps; i++) {
		size_t next = locate_step(buf, len, at, &steps[i]);

		if (next == at)
			break;
		at = next;
	}
	return at;
}

void szi_json_linecol(const char *buf, size_t len, size_t offset, size_t *line, size_t *col)
{
	size_t l = 1, c = 1;
	size_t i;

	if (offset > len)
		offset = len;
	for (i = 0; i < offset; i++) {
		/* The '\r' of "\r\n" is a byte of the line; the '\n' ends it. */
		bool ends = buf[i] == '\n' ||
			    (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n'));

		if (ends) {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
}
