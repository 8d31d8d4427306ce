/*
 * test_live_tsig.c: TSIG keys from BIND key files and from --tsig, with
 * the rule id and line:column of every refusal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "live/tsig.h"
#include "sipzone/live.h"

#define SECRET "nYvRwYu929+BBDTiJKChxExwoQGZsKCHOXJnvBjuJ8Q="

typedef struct result {
	sz_status status;
	sz_tsig_key key;
	sz_diag_list diags;
} result;

static result parse(const char *text)
{
	result r = { 0 };
	sz_diag_list_init(&r.diags);
	r.status = sz_tsig_key_parse(text, strlen(text), "k.conf", &r.key, &r.diags);
	return r;
}

static void done(result *r)
{
	sz_tsig_key_clear(&r->key);
	sz_diag_list_clear(&r->diags);
}

/* Exactly one error with this rule and location. */
static void expect_error(const char *text, const char *rule, size_t line, size_t col)
{
	result r = parse(text);
	assert_int_equal(r.status, SZ_ERR_INVALID);
	assert_int_equal(r.diags.count, 1);
	assert_string_equal(r.diags.items[0].rule, rule);
	assert_string_equal(r.diags.items[0].file, "k.conf");
	assert_int_equal(r.diags.items[0].line, line);
	assert_int_equal(r.diags.items[0].col, col);
	assert_null(r.key.name);
	done(&r);
}

static void test_tsig_keygen_output(void **state)
{
	(void)state;
	result r = parse("key \"sipzone-key\" {\n\talgorithm hmac-sha256;\n\tsecret \"" SECRET "\";\n};\n");
	assert_int_equal(r.status, SZ_OK);
	assert_string_equal(r.key.name, "sipzone-key");
	assert_string_equal(r.key.algorithm, "hmac-sha256");
	assert_string_equal(r.key.secret, SECRET);
	assert_int_equal(r.diags.count, 0);
	done(&r);
}

static void test_comments_bare_words_and_case(void **state)
{
	(void)state;
	result r = parse("# made by hand\n// for the primary\n/* two\n lines */ key update.key.\n"
			 "{ secret \"" SECRET "\"; /* in between */ algorithm HMAC-SHA512.; } ;\n");
	assert_int_equal(r.status, SZ_OK);
	assert_string_equal(r.key.name, "update.key.");
	assert_string_equal(r.key.algorithm, "hmac-sha512");
	done(&r);
}

static void test_refusals(void **state)
{
	(void)state;
	expect_error("", "key-syntax", 0, 0);
	expect_error("options { };\n", "key-syntax", 1, 1);
	expect_error("key \"k\" {\n\talgorithm hmac-sha384;\n\tsecret \"" SECRET "\";\n};\n",
		     "key-algorithm", 2, 12);
	expect_error("key \"k\" {\n\talgorithm hmac-sha256;\n\tsecret \"not base64!\";\n};\n",
		     "key-secret", 3, 9);
	expect_error("key \"k\" {\n\talgorithm hmac-sha256;\n};\n", "key-secret", 1, 1);
	expect_error("key \"k\" {\n\tsecret \"" SECRET "\";\n};\n", "key-algorithm", 1, 1);
	expect_error("key \"k\" {\n\talgorithm hmac-sha256\n\tsecret \"" SECRET "\";\n};\n",
		     "key-syntax", 3, 2);
	expect_error("key \"k\" {\n\talgorithm hmac-sha256;\n\tsecret \"" SECRET "\";\n}\n",
		     "key-syntax", 5, 1);
	expect_error("key \"k\" { algorithm hmac-sha256; secret \"" SECRET "; };\n", "key-syntax", 1, 41);
	expect_error("key \"k\" { algorithm hmac-sha256; secret \"" SECRET "\"; }; /* open",
		     "key-syntax", 1, 92);
	expect_error("key \"k\" { algorithm hmac-sha256; mode 1; };", "key-syntax", 1, 34);
	expect_error("key \"k\" { algorithm hmac-sha256; secret \"" SECRET "\"; };\n"
		     "key \"l\" { algorithm hmac-sha256; secret \"" SECRET "\"; };\n", "key-syntax", 2, 1);
}

static void test_unreadable_file(void **state)
{
	(void)state;
	sz_tsig_key key = { 0 };
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	assert_int_equal(sz_tsig_key_read_file("/nonexistent/key.conf", &key, &diags), SZ_ERR_IO);
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].rule, "io");
	assert_null(key.name);
	sz_diag_list_clear(&diags);
}

static sz_status spec(const char *s, sz_tsig_key *key, const char **rule)
{
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_status st = sz_tsig_key_parse_spec(s, key, &diags);
	*rule = diags.count > 0 ? diags.items[0].rule : NULL;
	if (diags.count > 0)
		assert_string_equal(diags.items[0].path, "--tsig");
	sz_diag_list_clear(&diags);
	return st;
}

static void test_tsig_spec(void **state)
{
	(void)state;
	sz_tsig_key key = { 0 };
	const char *rule;
	assert_int_equal(spec("sipzone-key:hmac-sha256:" SECRET, &key, &rule), SZ_OK);
	assert_string_equal(key.name, "sipzone-key");
	assert_string_equal(key.algorithm, "hmac-sha256");
	assert_string_equal(key.secret, SECRET);
	sz_tsig_key_clear(&key);
	assert_null(key.secret);
	/* nsupdate -y's order */
	assert_int_equal(spec("HMAC-SHA1:k:" SECRET, &key, &rule), SZ_OK);
	assert_string_equal(key.name, "k");
	assert_string_equal(key.algorithm, "hmac-sha1");
	sz_tsig_key_clear(&key);
	assert_int_equal(spec("k:" SECRET, &key, &rule), SZ_ERR_INVALID);
	assert_string_equal(rule, "key-syntax");
	assert_int_equal(spec("k:hmac-sha256:" SECRET ":x", &key, &rule), SZ_ERR_INVALID);
	assert_string_equal(rule, "key-syntax");
	assert_int_equal(spec("k:hmac-sha384:" SECRET, &key, &rule), SZ_ERR_INVALID);
	assert_string_equal(rule, "key-algorithm");
	assert_int_equal(spec("k:hmac-sha256:!!", &key, &rule), SZ_ERR_INVALID);
	assert_string_equal(rule, "key-secret");
	assert_int_equal(spec("k:hmac-sha256:", &key, &rule), SZ_ERR_INVALID);
	assert_string_equal(rule, "key-secret");
	assert_int_equal(spec(":hmac-sha256:" SECRET, &key, &rule), SZ_ERR_INVALID);
	assert_string_equal(rule, "key-syntax");
	assert_null(key.name);
}

static void test_algorithms(void **state)
{
	(void)state;
	assert_true(sz_tsig_algorithm_supported("hmac-sha256"));
	assert_true(sz_tsig_algorithm_supported("HMAC-SHA256."));
	assert_true(sz_tsig_algorithm_supported("hmac-md5"));
	assert_false(sz_tsig_algorithm_supported("hmac-sha224"));
	assert_false(sz_tsig_algorithm_supported("hmac-sha384"));
	assert_false(sz_tsig_algorithm_supported("gss-tsig"));
	assert_false(sz_tsig_algorithm_supported(NULL));
	/* ldns knows HMAC-MD5 only by its RFC 2845 name */
	assert_string_equal(szi_live_tsig_algorithm_wire("hmac-md5"), "hmac-md5.sig-alg.reg.int.");
	assert_string_equal(szi_live_tsig_algorithm_wire("hmac-sha512"), "hmac-sha512.");
	assert_true(szi_live_secret_valid(SECRET));
	assert_false(szi_live_secret_valid(""));
	assert_false(szi_live_secret_valid("a b"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tsig_keygen_output),
		cmocka_unit_test(test_comments_bare_words_and_case),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_unreadable_file),
		cmocka_unit_test(test_tsig_spec),
		cmocka_unit_test(test_algorithms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
