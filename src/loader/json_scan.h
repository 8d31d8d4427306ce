/*
 * loader/json_scan.h: a small, non-recursive JSON structure scanner.
 *
 * jansson parses values; this scanner only finds where values begin and end
 * in the raw text, so that the model loader can hand jansson one element of a
 * large array at a time (the whole tree of a 200,000-domain model would take
 * more memory than the rest of the program) and so that a diagnostic about a
 * JSON path can name the line and column of that value.
 *
 * The scanner is lenient by design: it checks brackets and strings, not
 * grammar. Whatever it returns as a value is then parsed by jansson, which
 * reports the real syntax error. All offsets are byte offsets into `buf`.
 */
#ifndef SZ_JSON_SCAN_INTERNAL_H
#define SZ_JSON_SCAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Offset of the first byte at or after `pos` that is not JSON white space
 * (space, tab, LF, CR); `len` if there is none or `pos` is past `len`.
 */
size_t szi_json_skip_ws(const char *buf, size_t len, size_t pos);

/**
 * Find the end of the value that starts at `pos` (after white space).
 * On success sets *start to the first byte of the value and *end to one past
 * its last byte and returns true. Returns false when the text ends inside the
 * value or brackets do not balance. Strings, escapes and nesting of any depth
 * are handled without recursion.
 *
 * Leniency, spelled out: only the outermost bracket pair is checked for kind
 * (`[}` fails, `[{]}` passes; a depth counter cannot tell inner kinds apart).
 * A bare scalar (number, true, false, null, or garbage) runs up to white
 * space, one of `,:"[]{}` or the end of the text, so `42` at the very end is a
 * complete value. False also when the value would be empty, i.e. when the
 * first byte is `,`, `:`, `]` or `}`.
 */
bool szi_json_value_span(const char *buf, size_t len, size_t pos, size_t *start, size_t *end);

/** A cursor over the members of an object or the elements of an array. */
typedef struct sz_json_iter {
	const char *buf;
	size_t len;
	size_t pos;        /* next byte to look at */
	bool is_object;
	bool first;
	bool done;
	bool error;        /* malformed structure: stop and let jansson explain */
	size_t err_pos;
} sz_json_iter;

/**
 * Start iterating the object or array whose opening bracket is at or after
 * `pos` (after white space). Returns false if no '{' or '[' is there; the
 * iterator is then left with error set, so next() returns false.
 */
bool szi_json_iter_init(sz_json_iter *it, const char *buf, size_t len, size_t pos);

/**
 * Next member or element. For objects sets *key_start and *key_end to the
 * key's raw bytes between the quotes (escapes not decoded); for arrays they
 * are set to 0. *val_start and *val_end delimit the value. Returns false at
 * the end (it->done) or on malformed input (it->error, it->err_pos).
 *
 * err_pos is the offending byte, or `len` when the text ends too early. The
 * byte after a value is checked on the following call, so a caller that stops
 * early never sees errors past what it read. After done, it->pos is one past
 * the closing bracket. Calls after done or error keep returning false.
 */
bool szi_json_iter_next(sz_json_iter *it, size_t *key_start, size_t *key_end,
		       size_t *val_start, size_t *val_end);

/** One step of a JSON path: an object key or an array index. */
typedef struct sz_json_step {
	const char *key;   /* NULL for an array index */
	size_t index;
} sz_json_step;

/**
 * Offset of the value reached from the value at `pos` by following `steps`.
 * Stops at the deepest step that can be followed and returns that value's
 * offset, so a diagnostic always gets the nearest known place.
 * A key matches when its raw bytes equal `key` (keys with escapes do not
 * match and the walk stops at the enclosing value). Among duplicate keys the
 * last wins, as in jansson's default decoding. A key step on a non-object or
 * an index step on a non-array also stops the walk. With n_steps == 0 the
 * result is the value at `pos` after white space.
 */
size_t szi_json_locate(const char *buf, size_t len, size_t pos,
		      const sz_json_step *steps, size_t n_steps);

/**
 * 1-based line and column of byte `offset`; the column counts bytes.
 * `\n`, `\r\n` and a lone `\r` each end a line; the `\r` of a `\r\n` pair
 * is the last column of its line. `offset` may equal `len` (the end of the
 * text); a larger offset is treated as `len`.
 */
void szi_json_linecol(const char *buf, size_t len, size_t offset, size_t *line, size_t *col);

/*
 * Many diagnostics in one text: the two helpers below make reporting N of
 * them cost O(N + bytes) instead of a rescan from the start each.
 */

/** One container's members, indexed once (see sz_json_locator). */
typedef struct sz_json_children {
	size_t at;          /* offset of the container's opening bracket */
	bool is_object;
	size_t n, cap;
	size_t *val;        /* value offsets, in text order */
	size_t *key_start;  /* objects: raw key bytes, in text order */
	size_t *key_end;
	size_t *by_key;     /* objects: member numbers sorted by key, then order */
	unsigned long used; /* for least-recently-used replacement */
} sz_json_children;

#define SZ_JSON_LOCATOR_SLOTS 8

/**
 * szi_json_locate with a memory: containers of at least
 * SZ_JSON_LOCATOR_MIN_BYTES are indexed on first use (offsets of their
 * values, keys sorted), so each later step into them costs O(log members)
 * instead of a scan. Zero-initialise; free with szi_json_locator_free.
 */
typedef struct sz_json_locator {
	sz_json_children slot[SZ_JSON_LOCATOR_SLOTS];
	unsigned long tick;
} sz_json_locator;

#define SZ_JSON_LOCATOR_MIN_BYTES 2048

/**
 * Same result as szi_json_locate. Falls back to plain scanning when memory
 * runs out, so the answer never depends on allocation.
 */
size_t szi_json_locate_cached(sz_json_locator *loc, const char *buf, size_t len, size_t pos,
			      const sz_json_step *steps, size_t n_steps);

void szi_json_locator_free(sz_json_locator *loc);

/**
 * Line and column with a checkpoint every SZ_JSON_LINES_STEP bytes, built on
 * first use, and a cursor: each lookup scans at most SZ_JSON_LINES_STEP bytes
 * (less when lookups come in text order). Same answers as szi_json_linecol.
 * Zero-initialise; free with szi_json_lines_free.
 */
typedef struct sz_json_lines {
	size_t *line, *col; /* at offsets k * SZ_JSON_LINES_STEP */
	size_t n;
	bool built, failed;
	size_t cur_off, cur_line, cur_col; /* the last answer; cur_line 0: none */
} sz_json_lines;

#define SZ_JSON_LINES_STEP 4096

void szi_json_lines_find(sz_json_lines *li, const char *buf, size_t len, size_t offset,
			 size_t *line, size_t *col);

void szi_json_lines_free(sz_json_lines *li);

#endif
