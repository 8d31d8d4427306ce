/*
 * test_json_scan.c: spans, member iteration, path location and line/column
 * of the non-recursive JSON scanner.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "loader/json_scan.h"

/*
 * A copy with exactly `len` bytes and no terminator, so that a read past the
 * end is caught by AddressSanitizer instead of landing on the literal's NUL.
 */
static char *dup_exact(const char *s, size_t len)
{
	char *p = malloc(len ? len : 1);

	assert_non_null(p);
	memcpy(p, s, len);
	return p;
}

/* Offset of the first occurrence of `needle`, which must exist. */
static size_t offset_of(const char *hay, const char *needle)
{
	const char *p = strstr(hay, needle);

	assert_non_null(p);
	return (size_t)(p - hay);
}

/* Asserts that the value at `pos` of `text` spans exactly `want`. */
static void assert_span(const char *text, size_t pos, const char *want)
{
	size_t len = strlen(text);
	char *buf = dup_exact(text, len);
	size_t start = SIZE_MAX, end = SIZE_MAX;

	assert_true(szi_json_value_span(buf, len, pos, &start, &end));
	assert_int_equal(start, offset_of(text, want));
	assert_int_equal(end - start, strlen(want));
	free(buf);
}

static bool span_ok(const char *text, size_t len)
{
	char *buf = dup_exact(text, len);
	size_t start, end;
	bool ok = szi_json_value_span(buf, len, 0, &start, &end);

	free(buf);
	return ok;
}

static void test_skip_ws(void **state)
{
	(void)state;
	assert_int_equal(szi_json_skip_ws(" \t\r\nx", 5, 0), 4);
	assert_int_equal(szi_json_skip_ws("x ", 2, 0), 0);
	assert_int_equal(szi_json_skip_ws("  \n", 3, 1), 3);
	assert_int_equal(szi_json_skip_ws("ab", 2, 7), 2);
	/* A form feed is not JSON white space. */
	assert_int_equal(szi_json_skip_ws(" \f", 2, 0), 1);
}

static void test_span_scalars(void **state)
{
	(void)state;
	assert_span("  -12.5e+3 ,", 0, "-12.5e+3");
	assert_span("[true]", 1, "true");
	assert_span("{\"a\":false}", 5, "false");
	assert_span("\n\tnull\r\n", 0, "null");
	assert_span("\"hello\" , 1", 0, "\"hello\"");
	/* A bare scalar may end at the end of the text. */
	assert_span("42", 0, "42");
}

static void test_span_containers(void **state)
{
	(void)state;
	assert_span(" {\"a\": [1, 2], \"b\": {}} ,x", 0, "{\"a\": [1, 2], \"b\": {}}");
	assert_span("[ [], {}, [[1]] ]\n", 0, "[ [], {}, [[1]] ]");
	assert_span("{\"a\": [1, 2], \"b\": {}}", 5, "[1, 2]");
	assert_span("{}", 0, "{}");
}

static void test_span_tricky_strings(void **state)
{
	(void)state;
	assert_span("\"[{]}\" ]", 0, "\"[{]}\"");
	assert_span("\"a\\\"b\" x", 0, "\"a\\\"b\"");
	/* "a\\" ends at the second quote: the backslash is itself escaped. */
	assert_span("\"a\\\\\" \"", 0, "\"a\\\\\"");
	/* \u005c is a backslash by value but not by byte: no escape follows. */
	assert_span("\"\\u005c\",1", 0, "\"\\u005c\"");
	assert_span("{\"k]\": \"}\\\"]\", \"\\\\\": [\"[\"]} tail", 0,
		    "{\"k]\": \"}\\\"]\", \"\\\\\": [\"[\"]}");
}

/* 10,000 nested arrays would overflow a recursive scanner's stack. */
static void test_span_deep_nesting(void **state)
{
	enum { DEPTH = 10000 };
	char *buf = malloc(2 * DEPTH + 2);
	size_t start = SIZE_MAX, end = SIZE_MAX;

	(void)state;
	assert_non_null(buf);
	memset(buf, '[', DEPTH);
	memset(buf + DEPTH, ']', DEPTH);
	buf[2 * DEPTH] = ']';
	buf[2 * DEPTH + 1] = ' ';

	assert_true(szi_json_value_span(buf, 2 * DEPTH + 2, 0, &start, &end));
	assert_int_equal(start, 0);
	assert_int_equal(end, 2 * DEPTH);

	/* One close short: the text ends inside the outermost array. */
	assert_false(szi_json_value_span(buf, 2 * DEPTH - 1, 0, &start, &end));
	free(buf);
}

static void test_span_truncated(void **state)
{
	static const char doc[] =
		"{\"a\": [1, \"x\\\"]y\"], \"b\": {\"c\": null}, \"d\": \"\\\\\"}";
	size_t n;

	(void)state;
	assert_true(span_ok(doc, sizeof doc - 1));
	/* Every proper prefix ends inside the object. */
	for (n = 0; n < sizeof doc - 1; n++) {
		if (span_ok(doc, n))
			fail_msg("prefix of length %zu accepted", n);
	}
	assert_false(span_ok("\"abc", 4));
	assert_false(span_ok("\"abc\\", 5));
	assert_false(span_ok("  \n ", 4));
}

static void test_span_unbalanced(void **state)
{
	(void)state;
	assert_false(span_ok("[1}", 3));
	assert_false(span_ok("{\"a\":1]", 7));
	assert_false(span_ok("[[1]", 4));
	assert_false(span_ok("]", 1));
	assert_false(span_ok(", 1", 3));
	assert_false(span_ok(": 1", 3));
}

struct member {
	const char *key;   /* NULL for array elements */
	const char *value;
};

/* Iterates `text` and checks each member against `want`, then the end. */
static void assert_members(const char *text, const struct member *want, size_t n)
{
	size_t len = strlen(text);
	char *buf = dup_exact(text, len);
	sz_json_iter it;
	size_t ks, ke, vs, ve, i;

	assert_true(szi_json_iter_init(&it, buf, len, 0));
	for (i = 0; i < n; i++) {
		assert_true(szi_json_iter_next(&it, &ks, &ke, &vs, &ve));
		if (want[i].key != NULL) {
			assert_int_equal(ke - ks, strlen(want[i].key));
			assert_memory_equal(buf + ks, want[i].key, ke - ks);
		} else {
			assert_int_equal(ks, 0);
			assert_int_equal(ke, 0);
		}
		assert_int_equal(ve - vs, strlen(want[i].value));
		assert_memory_equal(buf + vs, want[i].value, ve - vs);
	}
	assert_false(szi_json_iter_next(&it, &ks, &ke, &vs, &ve));
	assert_true(it.done);
	assert_false(it.error);
	/* Asking again after the end is harmless. */
	assert_false(szi_json_iter_next(&it, &ks, &ke, &vs, &ve));
	free(buf);
}

static void test_iter_object(void **state)
{
	static const struct member want[] = {
		{ "a", "1" },
		{ "bb", "[1, {\"x\": 2}]" },
		{ "c", "{\"d\":\"e\"}" },
		{ "e\\\"", "\"x}\"" },
		{ "", "null" },
	};

	(void)state;
	assert_members(" {\n \"a\" : 1, \"bb\":[1, {\"x\": 2}] ,\"c\":{\"d\":\"e\"},\r\n"
		       "\t\"e\\\"\":\"x}\", \"\":null }",
		       want, sizeof want / sizeof want[0]);
}

static void test_iter_array(void **state)
{
	static const struct member want[] = {
		{ NULL, "1" },
		{ NULL, "\"two\"" },
		{ NULL, "[3]" },
		{ NULL, "{\"four\": 4}" },
		{ NULL, "null" },
	};

	(void)state;
	assert_members("[1, \"two\" ,[3],\n{\"four\": 4}, null]", want,
		       sizeof want / sizeof want[0]);
}

static void test_iter_empty(void **state)
{
	(void)state;
	assert_members("{}", NULL, 0);
	assert_members("[ ]", NULL, 0);
	assert_members(" { \r\n\t}", NULL, 0);
}

static void test_iter_pos_after_end(void **state)
{
	static const char text[] = "[1, 2] , 3";
	sz_json_iter it;
	size_t ks, ke, vs, ve;

	(void)state;
	assert_true(szi_json_iter_init(&it, text, sizeof text - 1, 0));
	while (szi_json_iter_next(&it, &ks, &ke, &vs, &ve))
		;
	assert_true(it.done);
	assert_int_equal(it.pos, 6);
}

static void test_iter_init_rejects_scalars(void **state)
{
	sz_json_iter it;
	size_t ks, ke, vs, ve;

	(void)state;
	assert_false(szi_json_iter_init(&it, "\"x\"", 3, 0));
	assert_false(szi_json_iter_init(&it, " 1", 2, 0));
	assert_false(szi_json_iter_init(&it, "  ", 2, 0));
	assert_false(szi_json_iter_init(&it, "", 0, 0));
	/* The failed cursor refuses to move. */
	assert_false(szi_json_iter_next(&it, &ks, &ke, &vs, &ve));
	assert_true(it.error);
}

/*
 * Iterates `text` expecting `good` members to succeed, then an error at
 * `err_pos` that stays put on the next call.
 */
static void assert_iter_error(const char *text, size_t good, size_t err_pos)
{
	size_t len = strlen(text);
	char *buf = dup_exact(text, len);
	sz_json_iter it;
	size_t ks, ke, vs, ve, i;

	assert_true(szi_json_iter_init(&it, buf, len, 0));
	for (i = 0; i < good; i++)
		assert_true(szi_json_iter_next(&it, &ks, &ke, &vs, &ve));
	assert_false(szi_json_iter_next(&it, &ks, &ke, &vs, &ve));
	assert_true(it.error);
	assert_false(it.done);
	assert_int_equal(it.err_pos, err_pos);
	assert_false(szi_json_iter_next(&it, &ks, &ke, &vs, &ve));
	assert_int_equal(it.err_pos, err_pos);
	free(buf);
}

static void test_iter_missing_colon(void **state)
{
	(void)state;
	assert_iter_error("{\"a\" 1}", 0, 5);
	assert_iter_error("{\"a\":1, \"b\"}", 1, 11);
}

static void test_iter_missing_comma(void **state)
{
	(void)state;
	assert_iter_error("{\"a\":1 \"b\":2}", 1, 7);
	assert_iter_error("[1 2]", 1, 3);
	assert_iter_error("[{} []]", 1, 4);
}

static void test_iter_eof(void **state)
{
	(void)state;
	assert_iter_error("{", 0, 1);
	assert_iter_error("{\"a\":1", 1, 6);
	assert_iter_error("{\"a\": ", 0, 6);
	assert_iter_error("{\"a", 0, 3);
	assert_iter_error("{\"a\"", 0, 4);
	assert_iter_error("[1,", 1, 3);
	assert_iter_error("[\"x", 0, 3);
	assert_iter_error("[[1, 2]", 1, 7);
}

static void test_iter_garbage(void **state)
{
	(void)state;
	assert_iter_error("{\"a\":\"s\" x}", 1, 9);
	assert_iter_error("{a:1}", 0, 1);
	assert_iter_error("[1,]", 1, 3);
	assert_iter_error("{\"a\":1,}", 1, 7);
	assert_iter_error("[,1]", 0, 1);
	assert_iter_error("{\"a\":}", 0, 5);
	assert_iter_error("[[1}]", 0, 3);
}

static const char model[] =
	"{\"sip_domains\":[{\"domain\":\"a.com\"},{\"domain\":\"b.com\",\"ttl\":5}]}";

static void test_locate_model(void **state)
{
	static const sz_json_step ttl[] = {
		{ "sip_domains", 0 }, { NULL, 1 }, { "ttl", 0 },
	};
	static const sz_json_step domain0[] = {
		{ "sip_domains", 0 }, { NULL, 0 }, { "domain", 0 },
	};
	size_t len = sizeof model - 1;
	char *buf = dup_exact(model, len);

	(void)state;
	assert_int_equal(szi_json_locate(buf, len, 0, ttl, 3), offset_of(model, "5}"));
	assert_int_equal(szi_json_locate(buf, len, 0, domain0, 3),
			 offset_of(model, "\"a.com\""));
	assert_int_equal(szi_json_locate(buf, len, 0, ttl, 1), offset_of(model, "[{"));
	free(buf);
}

static void test_locate_nearest(void **state)
{
	static const sz_json_step no_port[] = {
		{ "sip_domains", 0 }, { NULL, 1 }, { "port", 0 },
	};
	static const sz_json_step past_end[] = {
		{ "sip_domains", 0 }, { NULL, 2 }, { "ttl", 0 },
	};
	static const sz_json_step no_key[] = { { "domains", 0 } };
	static const sz_json_step key_in_array[] = { { "sip_domains", 0 }, { "x", 0 } };
	static const sz_json_step index_in_object[] = { { NULL, 0 } };
	static const sz_json_step into_scalar[] = {
		{ "sip_domains", 0 }, { NULL, 0 }, { "domain", 0 }, { NULL, 0 },
	};
	size_t len = sizeof model - 1;
	char *buf = dup_exact(model, len);
	size_t b = offset_of(model, "{\"domain\":\"b.com\"");
	size_t arr = offset_of(model, "[{");

	(void)state;
	assert_int_equal(szi_json_locate(buf, len, 0, no_port, 3), b);
	assert_int_equal(szi_json_locate(buf, len, 0, past_end, 3), arr);
	assert_int_equal(szi_json_locate(buf, len, 0, no_key, 1), 0);
	assert_int_equal(szi_json_locate(buf, len, 0, key_in_array, 2), arr);
	assert_int_equal(szi_json_locate(buf, len, 0, index_in_object, 1), 0);
	assert_int_equal(szi_json_locate(buf, len, 0, into_scalar, 4),
			 offset_of(model, "\"a.com\""));
	free(buf);
}

static void test_locate_edges(void **state)
{
	static const sz_json_step k[] = { { "k", 0 } };
	static const sz_json_step a[] = { { "a", 0 } };
	static const sz_json_step escaped[] = { { "a\\\"b", 0 } };
	static const char dup[] = " \n {\"k\": 1, \"k\" : 2}";
	static const char broken[] = "{\"a\": 1, oops}";
	static const char esc[] = "{\"a\\\"b\": 1}";

	(void)state;
	/* No steps: the value itself, after white space. */
	assert_int_equal(szi_json_locate(dup, sizeof dup - 1, 0, k, 0), 3);
	/* jansson keeps the last of duplicate keys, so the locator does too. */
	assert_int_equal(szi_json_locate(dup, sizeof dup - 1, 0, k, 1), offset_of(dup, "2}"));
	/* Damage after the member does not hide a member already found. */
	assert_int_equal(szi_json_locate(broken, sizeof broken - 1, 0, a, 1), 6);
	/* Keys written with escapes never match, even byte for byte. */
	assert_int_equal(szi_json_locate(esc, sizeof esc - 1, 0, escaped, 1), 0);
}

/* The pretty-printed form a user edits: locate, then name line and column. */
static void test_locate_linecol(void **state)
{
	static const char text[] =
		"{\n"
		"  \"sip_domains\": [\n"
		"    { \"domain\": \"a.com\" },\n"
		"    {\n"
		"      \"domain\": \"b.com\",\n"
		"      \"ttl\": 5\n"
		"    }\n"
		"  ]\n"
		"}\n";
	static const sz_json_step ttl[] = {
		{ "sip_domains", 0 }, { NULL, 1 }, { "ttl", 0 },
	};
	size_t off, line, col;

	(void)state;
	off = szi_json_locate(text, sizeof text - 1, 0, ttl, 3);
	assert_int_equal(off, offset_of(text, "5\n"));
	szi_json_linecol(text, sizeof text - 1, off, &line, &col);
	assert_int_equal(line, 6);
	assert_int_equal(col, 14);
}

static void assert_linecol(const char *text, size_t offset, size_t want_line, size_t want_col)
{
	size_t len = strlen(text);
	char *buf = dup_exact(text, len);
	size_t line = 0, col = 0;

	szi_json_linecol(buf, len, offset, &line, &col);
	assert_int_equal(line, want_line);
	assert_int_equal(col, want_col);
	free(buf);
}

static void test_linecol_lf(void **state)
{
	(void)state;
	assert_linecol("ab\ncd\n\nx", 0, 1, 1);
	assert_linecol("ab\ncd\n\nx", 2, 1, 3);
	assert_linecol("ab\ncd\n\nx", 4, 2, 2);
	assert_linecol("ab\ncd\n\nx", 6, 3, 1);
	assert_linecol("ab\ncd\n\nx", 7, 4, 1);
	/* The end of the text is a position too. */
	assert_linecol("ab\ncd\n\nx", 8, 4, 2);
	assert_linecol("ab\n", 3, 2, 1);
	assert_linecol("", 0, 1, 1);
	/* Past the end is clamped to the end, never read. */
	assert_linecol("ab\n", 9, 2, 1);
}

static void test_linecol_crlf(void **state)
{
	(void)state;
	assert_linecol("ab\r\ncd\r\n", 2, 1, 3);
	/* The '\n' of a pair is still on the line it ends. */
	assert_linecol("ab\r\ncd\r\n", 3, 1, 4);
	assert_linecol("ab\r\ncd\r\n", 4, 2, 1);
	assert_linecol("ab\r\ncd\r\n", 5, 2, 2);
	assert_linecol("ab\r\ncd\r\n", 8, 3, 1);
}

static void test_linecol_cr(void **state)
{
	(void)state;
	assert_linecol("ab\rcd\r\rx", 3, 2, 1);
	assert_linecol("ab\rcd\r\rx", 4, 2, 2);
	assert_linecol("ab\rcd\r\rx", 7, 4, 1);
	assert_linecol("ab\r", 3, 2, 1);
	/* Mixed endings: LF, CR, CRLF each count once. */
	assert_linecol("a\nb\rc\r\nd", 7, 4, 1);
}

/*
 * The cached locator and the line checkpoints give the plain functions'
 * answers, in any order of questions: a large object (sorted keys, with a
 * duplicate, an escaped key and keys that are prefixes of others), a large
 * array, a truncated container, CR/CRLF/LF line ends across checkpoints.
 */
static void test_locate_cached_same(void **state)
{
	size_t cap = 400000, len = 0;
	char *buf = malloc(cap);
	sz_json_locator loc = { 0 };
	sz_json_lines li = { 0 };
	static const char *const ends[] = { "\n", "\r\n", "\r", " " };
	char keys[700][16];

	(void)state;
	assert_non_null(buf);
	len += (size_t)snprintf(buf + len, cap - len, "{\"o\": {");
	for (int i = 0; i < 600; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s\"k%d\": [%d, {\"x\": %d}],%s",
					i ? ", " : "", (i * 7919) % 600, i, i, ends[i % 4]);
	len += (size_t)snprintf(buf + len, cap - len,
				"\"k1\": \"dup\", \"k\\u0031\": 0, \"k\": 1}, \"a\": [");
	for (int i = 0; i < 3000; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s{\"v\": %d}%s", i ? "," : "", i,
					ends[(i / 3) % 4]);
	len += (size_t)snprintf(buf + len, cap - len, "], \"t\": [1, 2, {\"u\": ");
	for (int i = 0; i < 700; i++)
		snprintf(keys[i], sizeof keys[i], "k%d", i);
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < 700; i += round + 1) {
			int j = round == 1 ? 699 - i : i;
			sz_json_step o[] = { { "o", 0 }, { keys[j], 0 }, { NULL, 1 }, { "x", 0 } };
			sz_json_step a[] = { { "a", 0 }, { NULL, (size_t)j * 5 }, { "v", 0 } };
			sz_json_step t[] = { { "t", 0 }, { NULL, (size_t)j % 4 }, { "u", 0 } };
			sz_json_step k[] = { { "o", 0 }, { "k", 0 } };

			assert_int_equal(szi_json_locate_cached(&loc, buf, len, 0, o, 4),
					 szi_json_locate(buf, len, 0, o, 4));
			assert_int_equal(szi_json_locate_cached(&loc, buf, len, 0, a, 3),
					 szi_json_locate(buf, len, 0, a, 3));
			assert_int_equal(szi_json_locate_cached(&loc, buf, len, 0, t, 3),
					 szi_json_locate(buf, len, 0, t, 3));
			assert_int_equal(szi_json_locate_cached(&loc, buf, len, 0, k, 2),
					 szi_json_locate(buf, len, 0, k, 2));
		}
	}
	for (size_t off = 0; off <= len + 2; off += off % 3 ? 977 : 4093) {
		size_t l1, c1, l2, c2;

		szi_json_linecol(buf, len, off, &l1, &c1);
		szi_json_lines_find(&li, buf, len, off, &l2, &c2);
		assert_int_equal(l1, l2);
		assert_int_equal(c1, c2);
		/* and backwards, from a cursor past it */
		size_t back = off / 2;
		szi_json_linecol(buf, len, back, &l1, &c1);
		szi_json_lines_find(&li, buf, len, back, &l2, &c2);
		assert_int_equal(l1, l2);
		assert_int_equal(c1, c2);
	}
	szi_json_locator_free(&loc);
	szi_json_lines_free(&li);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_skip_ws),
		cmocka_unit_test(test_span_scalars),
		cmocka_unit_test(test_span_containers),
		cmocka_unit_test(test_span_tricky_strings),
		cmocka_unit_test(test_span_deep_nesting),
		cmocka_unit_test(test_span_truncated),
		cmocka_unit_test(test_span_unbalanced),
		cmocka_unit_test(test_iter_object),
		cmocka_unit_test(test_iter_array),
		cmocka_unit_test(test_iter_empty),
		cmocka_unit_test(test_iter_pos_after_end),
		cmocka_unit_test(test_iter_init_rejects_scalars),
		cmocka_unit_test(test_iter_missing_colon),
		cmocka_unit_test(test_iter_missing_comma),
		cmocka_unit_test(test_iter_eof),
		cmocka_unit_test(test_iter_garbage),
		cmocka_unit_test(test_locate_model),
		cmocka_unit_test(test_locate_nearest),
		cmocka_unit_test(test_locate_edges),
		cmocka_unit_test(test_locate_linecol),
		cmocka_unit_test(test_linecol_lf),
		cmocka_unit_test(test_linecol_crlf),
		cmocka_unit_test(test_linecol_cr),
		cmocka_unit_test(test_locate_cached_same),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
