/*
 * test_escape.c: sz_text_escape(), the one escaping function for what is
 * printed or written as JSON, and sz_diag_add(), which stores every text
 * field through it. Expected bytes written by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "sipzone/diag.h"

static void expect(const char *in, const char *want)
{
	char *got = sz_text_escape(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	/* escaping escaped text changes nothing */
	char *again = sz_text_escape(got);
	assert_non_null(again);
	assert_string_equal(again, got);
	free(again);
	free(got);
}

static void test_controls(void **state)
{
	(void)state;
	expect("plain text: sip.contoso.com. \\046 ~", "plain text: sip.contoso.com. \\046 ~");
	expect("", "");
	expect("a\x1b[31mb", "a\\x1b[31mb");
	expect("line\nforged: error", "line\\x0aforged: error");
	expect("\r\t\a\x7f", "\\x0d\\x09\\x07\\x7f");
	/* C1: raw (not UTF-8) and encoded as UTF-8 (U+009B, CSI) */
	expect("x\x9b" "2J", "x\\x9b2J");
	expect("x\xc2\x9b" "2J", "x\\xc2\\x9b2J");
	expect("\xc2\x80\xc2\x9f", "\\xc2\\x80\\xc2\\x9f");
}

static void test_utf8(void **state)
{
	(void)state;
	/* valid UTF-8 is kept: U+00A0, é, €, U+10FFFF */
	expect("\xc2\xa0 n\xc3\xb6rthwind \xe2\x82\xac \xf4\x8f\xbf\xbf",
	       "\xc2\xa0 n\xc3\xb6rthwind \xe2\x82\xac \xf4\x8f\xbf\xbf");
	/* invalid: a lone continuation byte, 0xff, a truncated sequence,
	 * overlong '/', an encoded surrogate, beyond U+10FFFF */
	expect("\x80", "\\x80");
	expect("\xff\xfe", "\\xff\\xfe");
	expect("\xc3", "\\xc3");
	expect("\xe2\x82", "\\xe2\\x82");
	expect("\xc0\xaf", "\\xc0\\xaf");
	expect("\xe0\x80\xaf", "\\xe0\\x80\\xaf");
	expect("\xed\xa0\x80", "\\xed\\xa0\\x80");
	expect("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	/* a valid character right after an invalid byte survives */
	expect("\xe2\xc3\xa9", "\\xe2\xc3\xa9");
}

static void test_diag_fields(void **state)
{
	(void)state;
	sz_diag_list l;
	sz_diag_list_init(&l);
	assert_int_equal(sz_diag_add(&l, SZ_SEV_ERROR, "syntax", "z\n\x1b.zone", 3, 1, "p\x9b",
				     "o\xff.", "T\x07", "m %s", "\xc2\x9b\xc3\xa9"),
			 SZ_OK);
	const sz_diag *d = &l.items[0];
	assert_string_equal(d->file, "z\\x0a\\x1b.zone");
	assert_string_equal(d->path, "p\\x9b");
	assert_string_equal(d->owner, "o\\xff.");
	assert_string_equal(d->type, "T\\x07");
	assert_string_equal(d->message, "m \\xc2\\x9b\xc3\xa9");
	sz_diag_list_clear(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_diag_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
