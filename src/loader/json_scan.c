/*
 * loader/json_scan.c: find where JSON values begin and end without building them.
 *
 * Everything here is iterative and allocation-free: nesting is tracked with a
 * depth counter rather than recursion or a stack, so hostile input such as
 * 10,000 nested arrays costs nothing but a loop. Every read is guarded by
 * `len`; `buf` need not be NUL-terminated.
 */
#include "loader/json_scan.h"

#include <stdlib.h>
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

/* Move the line/column (*l, *c) of offset `from` on to offset `to`. The
 * lookahead for "\r\n" reads the whole text, so a cursor may resume anywhere. */
static void advance(const char *buf, size_t len, size_t from, size_t to, size_t *l, size_t *c)
{
	for (size_t i = from; i < to; i++) {
		/* The '\r' of "\r\n" is a byte of the line; the '\n' ends it. */
		bool ends = buf[i] == '\n' ||
			    (buf[i] == '\r' && (i + 1 >= len || buf[i + 1] != '\n'));

		if (ends) {
			(*l)++;
			*c = 1;
		} else {
			(*c)++;
		}
	}
}

void szi_json_linecol(const char *buf, size_t len, size_t offset, size_t *line, size_t *col)
{
	size_t l = 1, c = 1;

	if (offset > len)
		offset = len;
	advance(buf, len, 0, offset, &l, &c);
	*line = l;
	*col = c;
}

static void lines_build(sz_json_lines *li, const char *buf, size_t len)
{
	size_t n = len / SZ_JSON_LINES_STEP + 1;
	size_t l = 1, c = 1;

	li->built = true;
	li->line = malloc(n * sizeof(*li->line));
	li->col = malloc(n * sizeof(*li->col));
	if (li->line == NULL || li->col == NULL) {
		free(li->line);
		free(li->col);
		li->line = li->col = NULL;
		li->failed = true;
		return;
	}
	for (size_t k = 0; k < n; k++) {
		if (k > 0)
			advance(buf, len, (k - 1) * SZ_JSON_LINES_STEP, k * SZ_JSON_LINES_STEP, &l, &c);
		li->line[k] = l;
		li->col[k] = c;
	}
	li->n = n;
}

void szi_json_lines_find(sz_json_lines *li, const char *buf, size_t len, size_t offset,
			 size_t *line, size_t *col)
{
	size_t from = 0, l = 1, c = 1;

	if (offset > len)
		offset = len;
	if (!li->built)
		lines_build(li, buf, len);
	if (!li->failed) {
		size_t k = offset / SZ_JSON_LINES_STEP;

		from = k * SZ_JSON_LINES_STEP;
		l = li->line[k];
		c = li->col[k];
	}
	/* Reports mostly come in text order: the last answer may be nearer. */
	if (li->cur_line != 0 && li->cur_off <= offset && li->cur_off >= from) {
		from = li->cur_off;
		l = li->cur_line;
		c = li->cur_col;
	}
	advance(buf, len, from, offset, &l, &c);
	li->cur_off = offset;
	li->cur_line = l;
	li->cur_col = c;
	*line = l;
	*col = c;
}

void szi_json_lines_free(sz_json_lines *li)
{
	free(li->line);
	free(li->col);
	*li = (sz_json_lines){ 0 };
}

static int key_cmp(const char *buf, const sz_json_children *ch, size_t a, size_t b)
{
	size_t na = ch->key_end[a] - ch->key_start[a];
	size_t nb = ch->key_end[b] - ch->key_start[b];
	int r = memcmp(buf + ch->key_start[a], buf + ch->key_start[b], na < nb ? na : nb);

	if (r != 0)
		return r;
	return na < nb ? -1 : na > nb;
}

/* Stable merge sort of ch->by_key by key bytes (equal keys keep text order,
 * so the last of them is the one jansson keeps). `tmp` holds ch->n. */
static void sort_by_key(const char *buf, sz_json_children *ch, size_t *tmp)
{
	size_t n = ch->n;
	size_t *a = ch->by_key, *b = tmp;

	for (size_t i = 0; i < n; i++)
		a[i] = i;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n;
			size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, o = lo;

			while (i < mid && j < hi)
				b[o++] = key_cmp(buf, ch, a[j], a[i]) < 0 ? a[j++] : a[i++];
			while (i < mid)
				b[o++] = a[i++];
			while (j < hi)
				b[o++] = a[j++];
		}
		size_t *t = a;
		a = b;
		b = t;
	}
	if (a != ch->by_key)
		memcpy(ch->by_key, a, n * sizeof(*a));
}

static bool grow(size_t **v, size_t cap)
{
	size_t *n = realloc(*v, cap * sizeof(**v));

	if (n == NULL)
		return false;
	*v = n;
	return true;
}

/* Index the container at `at` into `ch`; its end (or where it broke) in *end.
 * False when memory ran out. */
static bool children_build(sz_json_children *ch, const char *buf, size_t len, size_t at,
			   size_t *end)
{
	sz_json_iter it;
	size_t ks, ke, vs, ve;

	ch->n = 0;
	ch->at = at;
	szi_json_iter_init(&it, buf, len, at);
	ch->is_object = it.is_object;
	while (szi_json_iter_next(&it, &ks, &ke, &vs, &ve)) {
		if (ch->n == ch->cap) {
			size_t cap = ch->cap ? ch->cap * 2 : 16;

			if (!grow(&ch->val, cap) || !grow(&ch->key_start, cap) ||
			    !grow(&ch->key_end, cap) || !grow(&ch->by_key, cap))
				return false;
			ch->cap = cap;
		}
		ch->val[ch->n] = vs;
		ch->key_start[ch->n] = ks;
		ch->key_end[ch->n] = ke;
		ch->n++;
	}
	*end = it.error ? it.err_pos : it.pos;
	return true;
}

/* The value for `step` among indexed members; `at` when there is none. */
static size_t children_step(const sz_json_children *ch, const char *buf, bool sorted,
			    size_t at, const sz_json_step *step)
{
	if (ch->is_object != (step->key != NULL))
		return at;
	if (step->key == NULL)
		return step->index < ch->n ? ch->val[step->index] : at;

	size_t kn = strlen(step->key);
	if (!sorted) {
		size_t found = at;
		for (size_t i = 0; i < ch->n; i++)
			if (key_matches(buf, ch->key_start[i], ch->key_end[i], step->key))
				found = ch->val[i];
		return found;
	}
	/* The first member whose key sorts after step->key; the one before it is
	 * the last of the equal keys, if any. */
	size_t lo = 0, hi = ch->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, m = ch->by_key[mid];
		size_t n = ch->key_end[m] - ch->key_start[m];
		int r = memcmp(buf + ch->key_start[m], step->key, n < kn ? n : kn);

		if (r < 0 || (r == 0 && n <= kn))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return at;
	size_t m = ch->by_key[lo - 1];
	return key_matches(buf, ch->key_start[m], ch->key_end[m], step->key) ? ch->val[m] : at;
}

static size_t cached_step(sz_json_locator *loc, const char *buf, size_t len, size_t at,
			  const sz_json_step *step)
{
	sz_json_children *ch = NULL, *victim = &loc->slot[0];
	size_t end;

	loc->tick++;
	for (size_t i = 0; i < SZ_JSON_LOCATOR_SLOTS; i++) {
		sz_json_children *s = &loc->slot[i];

		if (s->used != 0 && s->at == at) {
			ch = s;
			break;
		}
		if (s->used < victim->used)
			victim = s;
	}
	if (ch != NULL) {
		ch->used = loc->tick;
		return children_step(ch, buf, true, at, step);
	}
	/* Small containers are scanned as before and not kept (used = 0), so
	 * that they never push a large one out. */
	size_t p = szi_json_skip_ws(buf, len, at);
	if (p >= len || (buf[p] != '{' && buf[p] != '['))
		return at;
	if (!children_build(victim, buf, len, at, &end)) {
		victim->used = 0;
		return locate_step(buf, len, at, step);
	}
	if (end - p < SZ_JSON_LOCATOR_MIN_BYTES || !victim->is_object) {
		size_t r = children_step(victim, buf, false, at, step);
		victim->used = end - p < SZ_JSON_LOCATOR_MIN_BYTES ? 0 : loc->tick;
		return r;
	}
	size_t *tmp = malloc(victim->n * sizeof(*tmp) + 1);
	if (tmp == NULL) {
		victim->used = 0;
		return children_step(victim, buf, false, at, step);
	}
	sort_by_key(buf, victim, tmp);
	free(tmp);
	victim->used = loc->tick;
	return children_step(victim, buf, true, at, step);
}

size_t szi_json_locate_cached(sz_json_locator *loc, const char *buf, size_t len, size_t pos,
			      const sz_json_step *steps, size_t n_steps)
{
	size_t at = szi_json_skip_ws(buf, len, pos);

	for (size_t i = 0; i < n_steps; i++) {
		size_t next = cached_step(loc, buf, len, at, &steps[i]);

		if (next == at)
			break;
		at = next;
	}
	return at;
}

void szi_json_locator_free(sz_json_locator *loc)
{
	for (size_t i = 0; i < SZ_JSON_LOCATOR_SLOTS; i++) {
		sz_json_children *s = &loc->slot[i];

		free(s->val);
		free(s->key_start);
		free(s->key_end);
		free(s->by_key);
	}
	*loc = (sz_json_locator){ 0 };
}
