/*
 * test_check_reader.c: the zone reader that splits master files into
 * one-line records for ldns: $INCLUDE resolution, loops and depth, origins
 * (directive, option, file name), owner continuation, parentheses, comments
 * and quotes, CRLF, TTL defaults, and records across read blocks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "zonefile/reader.h"

#define MAX_ITEMS 64

typedef struct item {
	sz_zrec_kind kind;
	char file[512];
	size_t line;
	char text[2048];
	char origin[256];
	uint32_t default_ttl;
	bool has_default_ttl;
	bool explicit_ttl;
} item;

typedef struct result {
	item items[MAX_ITEMS];
	size_t n;
	sz_status status;   /* of the call that ended the reading */
} result;

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/sz-reader-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Write `text` to tmpdir/name (making sub-directories); returns the path. */
static const char *put(const char *name, const char *text)
{
	static char path[8][512];
	static int k;
	char *p = path[k++ % 8];
	snprintf(p, 512, "%s/%s", tmpdir, name);
	for (char *s = strchr(p + strlen(tmpdir) + 1, '/'); s != NULL; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(p, 0700);
		*s = '/';
	}
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	return p;
}

static void drain(sz_zread *r, sz_files *files, result *out)
{
	sz_buf text = { 0 };
	memset(out, 0, sizeof(*out));
	for (;;) {
		sz_zrec rec;
		text.len = 0;
		sz_status st = szi_zread_next(r, &rec, &text);
		if (st == SZ_OK && rec.kind == SZ_ZREC_END)
			break;
		assert_true(out->n < MAX_ITEMS);
		item *it = &out->items[out->n++];
		it->kind = rec.kind;
		snprintf(it->file, sizeof(it->file), "%s", files->names[rec.file]);
		it->line = rec.line;
		snprintf(it->text, sizeof(it->text), "%s", text.data + rec.text_off);
		assert_int_equal(strlen(text.data + rec.text_off), rec.text_len);
		if (rec.origin != NULL)
			snprintf(it->origin, sizeof(it->origin), "%s", rec.origin->text);
		it->default_ttl = rec.default_ttl;
		it->has_default_ttl = rec.has_default_ttl;
		it->explicit_ttl = rec.explicit_ttl;
		if (st != SZ_OK) {
			out->status = st;
			break;
		}
	}
	sz_buf_free(&text);
}

static void read_file(const char *path, const char *origin, result *out)
{
	sz_files files = { 0 };
	sz_zread_config cfg = { origin, 16, false };
	sz_zread *r = NULL;
	assert_int_equal(szi_zread_new_file(path, &cfg, &files, &r), SZ_OK);
	drain(r, &files, out);
	szi_zread_free(r);
	szi_files_clear(&files);
}

static void read_text(const char *name, const char *text, const char *origin, result *out)
{
	sz_files files = { 0 };
	sz_zread_config cfg = { origin, 16, false };
	sz_zread *r = NULL;
	assert_int_equal(szi_zread_new_buffer(name, text, strlen(text), &cfg, &files, &r), SZ_OK);
	drain(r, &files, out);
	szi_zread_free(r);
	szi_files_clear(&files);
}

static void test_continuation_and_parentheses(void **state)
{
	(void)state;
	result r;
	read_text("contoso.com.zone",
		  "$TTL 3600\n"
		  "@\tIN SOA ns1 hostmaster (\n"
		  "\t\t1 ; serial\n"
		  "\t\t7200 3600\n"
		  "\t\t1209600 300 )\n"
		  "\tIN NS ns1\n"
		  "; a comment line\n"
		  "   \n"
		  "sip  600  IN  A  192.0.2.1\n"
		  "\t IN AAAA 2001:db8::1 ; trailing comment\n"
		  "txt IN TXT \"a;b (c)\" \"d\\\"e\"\n",
		  NULL, &r);
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.n, 5);
	assert_string_equal(r.items[0].text, "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300");
	assert_int_equal(r.items[0].line, 2);
	assert_string_equal(r.items[0].origin, "contoso.com.");
	assert_string_equal(r.items[1].text, "contoso.com. IN NS ns1");
	assert_int_equal(r.items[1].line, 6);
	assert_string_equal(r.items[2].text, "sip 600 IN A 192.0.2.1");
	assert_int_equal(r.items[2].line, 9);
	assert_true(r.items[2].explicit_ttl);
	assert_true(r.items[2].has_default_ttl);
	assert_int_equal(r.items[2].default_ttl, 3600);
	assert_string_equal(r.items[3].text, "sip.contoso.com. IN AAAA 2001:db8::1");
	assert_false(r.items[3].explicit_ttl);
	assert_string_equal(r.items[4].text, "txt IN TXT \"a;b (c)\" \"d\\\"e\"");
	assert_int_equal(r.items[4].line, 11);
}

static void test_crlf(void **state)
{
	(void)state;
	result r;
	read_text("contoso.com", "$ORIGIN contoso.com.\r\nsip IN A 192.0.2.1\r\n\tIN A 192.0.2.2\r\n\r\nx IN TXT \"y\"\r\n",
		  NULL, &r);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.items[0].text, "sip IN A 192.0.2.1");
	assert_string_equal(r.items[1].text, "sip.contoso.com. IN A 192.0.2.2");
	assert_int_equal(r.items[1].line, 3);
	assert_string_equal(r.items[2].text, "x IN TXT \"y\"");
	assert_int_equal(r.items[2].line, 5);
}

static void test_continuation_keeps_its_origin(void **state)
{
	(void)state;
	result r;
	/* the blank-owner line continues sip.a.example., not sip.b.example. */
	read_text("x", "$ORIGIN a.example.\nsip IN A 192.0.2.1\n$ORIGIN b.example.\n IN A 192.0.2.2\n",
		  NULL, &r);
	assert_int_equal(r.n, 2);
	assert_string_equal(r.items[1].text, "sip.a.example. IN A 192.0.2.2");
	assert_string_equal(r.items[1].origin, "b.example.");

	read_text("contoso.com", " IN A 192.0.2.1\n", NULL, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.items[0].kind, SZ_ZREC_ERROR);
	assert_non_null(strstr(r.items[0].text, "previous owner"));
}

static void test_origin_sources(void **state)
{
	(void)state;
	char out[256];
	assert_true(szi_origin_from_filename("zones/contoso.com.zone", out, sizeof(out)));
	assert_string_equal(out, "contoso.com.");
	assert_true(szi_origin_from_filename("/etc/bind/db.Contoso.com", out, sizeof(out)));
	assert_string_equal(out, "contoso.com.");
	assert_true(szi_origin_from_filename("contoso.com", out, sizeof(out)));
	assert_string_equal(out, "contoso.com.");
	assert_true(szi_origin_from_filename("cuntoso.com.db", out, sizeof(out)));
	assert_string_equal(out, "cuntoso.com.");
	assert_true(szi_origin_from_filename("sub.corp.local.zone", out, sizeof(out)));
	assert_string_equal(out, "sub.corp.local.");
	assert_false(szi_origin_from_filename("zone.txt", out, sizeof(out)));
	assert_false(szi_origin_from_filename("good1.db", out, sizeof(out)));
	assert_false(szi_origin_from_filename("db.test.gokrb5", out, sizeof(out)));
	assert_false(szi_origin_from_filename("dns.sipinternaltls-snippet.txt", out, sizeof(out)));
	assert_false(szi_origin_from_filename("a..b.com", out, sizeof(out)));
	/* issue 13: Windows DNS, hosts files, signed zones, backups */
	static const char *const contoso[] = {
		"contoso.com.dns", "contoso.com.hosts", "contoso.com.zone.signed", "contoso.com.signed",
		"contoso.com.bak", "contoso.com.zone.bak", "db.contoso.com.orig", "contoso.com.db.old",
		"CONTOSO.COM.DNS",
	};
	for (size_t i = 0; i < sizeof(contoso) / sizeof(contoso[0]); i++) {
		assert_true(szi_origin_from_filename(contoso[i], out, sizeof(out)));
		assert_string_equal(out, "contoso.com.");
	}
	assert_false(szi_origin_from_filename("zone.signed", out, sizeof(out)));
	assert_false(szi_origin_from_filename("hosts.bak", out, sizeof(out)));

	result r;
	/* the file's $ORIGIN beats --origin, which beats the file name */
	read_text("contoso.com.zone", "$ORIGIN fabrikam.com.\nsip IN A 192.0.2.1\n", "litwareinc.com", &r);
	assert_string_equal(r.items[0].origin, "fabrikam.com.");
	read_text("contoso.com.zone", "sip IN A 192.0.2.1\n", "litwareinc.com", &r);
	assert_string_equal(r.items[0].origin, "litwareinc.com.");
	read_text("contoso.com.zone", "sip IN A 192.0.2.1\n", NULL, &r);
	assert_string_equal(r.items[0].origin, "contoso.com.");
	/* a relative $ORIGIN is relative to the one in effect */
	read_text("contoso.com.zone", "$ORIGIN internal\nsip IN A 192.0.2.1\n", NULL, &r);
	assert_string_equal(r.items[0].origin, "internal.contoso.com.");

	/* none at all: a fatal error at the first record, with its line */
	read_text("zone.txt", "; nothing yet\n\nsip IN A 192.0.2.1\n", NULL, &r);
	assert_int_equal(r.status, SZ_ERR_ORIGIN);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.items[0].kind, SZ_ZREC_ERROR);
	assert_int_equal(r.items[0].line, 3);
	assert_non_null(strstr(r.items[0].text, "--origin"));
}

static void test_ttl_defaults(void **state)
{
	(void)state;
	result r;
	/* no $TTL: RFC 1035, the last explicit TTL; then $TTL wins */
	read_text("contoso.com",
		  "a IN A 192.0.2.1\n"
		  "b 300 IN A 192.0.2.2\n"
		  "c IN A 192.0.2.3\n"
		  "$TTL 1h\n"
		  "d IN A 192.0.2.4\n"
		  "$TTL 0\n"
		  "e IN A 192.0.2.5\n",
		  NULL, &r);
	assert_int_equal(r.n, 5);
	assert_false(r.items[0].has_default_ttl);
	assert_true(r.items[1].explicit_ttl);
	assert_true(r.items[2].has_default_ttl);
	assert_int_equal(r.items[2].default_ttl, 300);
	assert_int_equal(r.items[3].default_ttl, 3600);
	assert_true(r.items[4].has_default_ttl);
	assert_int_equal(r.items[4].default_ttl, 0);

	read_text("contoso.com", "$TTL\n$TTL abc\n$TTL 1 2\n", NULL, &r);
	assert_int_equal(r.n, 3);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(r.items[i].kind, SZ_ZREC_ERROR);
		assert_int_equal(r.items[i].line, i + 1);
	}
}

static void test_syntax_problems(void **state)
{
	(void)state;
	result r;
	read_text("contoso.com",
		  "a IN A 192.0.2.1 )\n"
		  "b IN TXT \"open\n"
		  "$GENERATE 1-2 h$ A 192.0.2.$\n"
		  "$FOO bar\n"
		  "c IN A 192.0.2.3\n"
		  "d IN SOA ns host ( 1 2 3\n"
		  "  4 5\n",
		  NULL, &r);
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.n, 6);
	assert_int_equal(r.items[0].kind, SZ_ZREC_ERROR);
	assert_int_equal(r.items[0].line, 1);
	assert_int_equal(r.items[1].kind, SZ_ZREC_ERROR);
	assert_int_equal(r.items[1].line, 2);
	assert_non_null(strstr(r.items[2].text, "$GENERATE"));
	assert_int_equal(r.items[2].line, 3);
	assert_non_null(strstr(r.items[3].text, "$FOO"));
	assert_int_equal(r.items[4].kind, SZ_ZREC_RECORD);
	assert_int_equal(r.items[4].line, 5);
	assert_int_equal(r.items[5].kind, SZ_ZREC_ERROR);
	assert_int_equal(r.items[5].line, 6);
	assert_non_null(strstr(r.items[5].text, "')'"));

	static const char nul[] = "a IN A 192.0.2.1\nb IN A 192.0.2.2\0junk\nc IN A 192.0.2.3\n";
	sz_files files = { 0 };
	sz_zread_config cfg = { NULL, 16, false };
	sz_zread *rd = NULL;
	assert_int_equal(szi_zread_new_buffer("contoso.com", nul, sizeof(nul) - 1, &cfg, &files, &rd), SZ_OK);
	drain(rd, &files, &r);
	szi_zread_free(rd);
	szi_files_clear(&files);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.items[1].kind, SZ_ZREC_ERROR);
	assert_non_null(strstr(r.items[1].text, "NUL"));
	assert_int_equal(r.items[2].line, 3);
}

static void test_include(void **state)
{
	(void)state;
	put("inc/keys.inc", "k IN A 192.0.2.9\n\tIN AAAA 2001:db8::9\n");
	put("inc/sub/other.inc", "o IN A 192.0.2.8\n");
	put("inc/with-origin.inc", "w IN A 192.0.2.7\n");
	const char *top = put("inc/contoso.com.zone",
			      "$ORIGIN contoso.com.\n"
			      "a IN A 192.0.2.1\n"
			      "$INCLUDE keys.inc\n"
			      "$INCLUDE sub/other.inc ; a comment\n"
			      "$INCLUDE \"with-origin.inc\" internal\n"
			      "b IN A 192.0.2.2\n");
	result r;
	read_file(top, NULL, &r);
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.n, 6);
	assert_string_equal(r.items[0].text, "a IN A 192.0.2.1");
	assert_non_null(strstr(r.items[1].file, "inc/keys.inc"));
	assert_int_equal(r.items[1].line, 1);
	assert_string_equal(r.items[1].origin, "contoso.com.");
	assert_string_equal(r.items[2].text, "k.contoso.com. IN AAAA 2001:db8::9");
	assert_int_equal(r.items[2].line, 2);
	assert_non_null(strstr(r.items[3].file, "inc/sub/other.inc"));
	assert_string_equal(r.items[4].origin, "internal.contoso.com.");
	/* back in the including file: its origin and line numbers again */
	assert_string_equal(r.items[5].text, "b IN A 192.0.2.2");
	assert_string_equal(r.items[5].origin, "contoso.com.");
	assert_int_equal(r.items[5].line, 6);
	assert_string_equal(r.items[5].file, top);
}

static void test_include_problems(void **state)
{
	(void)state;
	put("bad/dir.inc/placeholder", "");
	put("bad/loop-a.inc", "a IN A 192.0.2.1\n$INCLUDE loop-b.inc\n");
	put("bad/loop-b.inc", "b IN A 192.0.2.2\n$INCLUDE loop-a.inc\n");
	const char *top = put("bad/contoso.com.zone",
			      "$INCLUDE missing.inc\n"
			      "$INCLUDE dir.inc\n"
			      "$INCLUDE\n"
			      "$INCLUDE loop-a.inc\n"
			      "$INCLUDE contoso.com.zone\n"
			      "z IN A 192.0.2.3\n");
	result r;
	read_file(top, NULL, &r);
	assert_int_equal(r.status, SZ_OK);
	assert_int_equal(r.n, 8);
	assert_int_equal(r.items[0].kind, SZ_ZREC_ERROR);
	assert_int_equal(r.items[0].line, 1);
	assert_string_equal(r.items[0].file, top);
	assert_non_null(strstr(r.items[0].text, "missing.inc"));
	assert_non_null(strstr(r.items[0].text, "No such file"));
	assert_non_null(strstr(r.items[1].text, "directory"));
	assert_int_equal(r.items[1].line, 2);
	assert_non_null(strstr(r.items[2].text, "needs a file name"));
	/* loop-a, loop-b, then loop-b's $INCLUDE of loop-a is the loop */
	assert_int_equal(r.items[3].kind, SZ_ZREC_RECORD);
	assert_int_equal(r.items[4].kind, SZ_ZREC_RECORD);
	assert_int_equal(r.items[5].kind, SZ_ZREC_ERROR);
	assert_non_null(strstr(r.items[5].file, "loop-b.inc"));
	assert_int_equal(r.items[5].line, 2);
	assert_non_null(strstr(r.items[5].text, "loop"));
	/* a file including itself */
	assert_int_equal(r.items[6].kind, SZ_ZREC_ERROR);
	assert_int_equal(r.items[6].line, 5);
	assert_non_null(strstr(r.items[6].text, "loop"));
	assert_string_equal(r.items[7].text, "z IN A 192.0.2.3");
}

static void test_include_depth(void **state)
{
	(void)state;
	char name[64], text[128];
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "deep/d%02d.inc", i);
		snprintf(text, sizeof(text), "r%d IN A 192.0.2.%d\n$INCLUDE d%02d.inc\n", i, i + 1, i + 1);
		put(name, text);
	}
	put("deep/d20.inc", "end IN A 192.0.2.99\n");
	const char *top = put("deep/contoso.com.zone", "$INCLUDE d00.inc\n");
	result r;
	read_file(top, NULL, &r);
	assert_int_equal(r.status, SZ_OK);
	/* depth 16 is the last one read: records r0..r15, then the error */
	size_t records = 0, errors = 0;
	for (size_t i = 0; i < r.n; i++) {
		if (r.items[i].kind == SZ_ZREC_RECORD)
			records++;
		else
			errors++;
	}
	assert_int_equal(records, 16);
	assert_int_equal(errors, 1);
	assert_non_null(strstr(r.items[r.n - 1].text, "nested more than 16"));
}

static void test_unreadable_top(void **state)
{
	(void)state;
	result r;
	char path[512];
	snprintf(path, sizeof(path), "%s/no-such.zone", tmpdir);
	read_file(path, "contoso.com", &r);
	assert_int_equal(r.status, SZ_ERR_IO);
	assert_int_equal(r.n, 1);
	assert_non_null(strstr(r.items[0].text, "cannot read"));
	read_file(tmpdir, "contoso.com", &r);
	assert_int_equal(r.status, SZ_ERR_IO);
	assert_non_null(strstr(r.items[0].text, "directory"));
}

/* Records that straddle the reader's 256 KiB blocks come out whole. */
static void test_large_file(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s/big.contoso.com.zone", tmpdir);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	size_t n = 6000;
	for (size_t i = 0; i < n; i++)
		fprintf(fp, "h%zu IN TXT ( \"%0*zu\"\n \"x\" )\n", i, (int)(i % 97) + 1, i);
	fclose(fp);

	sz_files files = { 0 };
	sz_zread_config cfg = { NULL, 16, false };
	sz_zread *rd = NULL;
	assert_int_equal(szi_zread_new_file(path, &cfg, &files, &rd), SZ_OK);
	sz_buf text = { 0 };
	size_t count = 0;
	for (;;) {
		sz_zrec rec;
		text.len = 0;
		assert_int_equal(szi_zread_next(rd, &rec, &text), SZ_OK);
		if (rec.kind == SZ_ZREC_END)
			break;
		assert_int_equal(rec.kind, SZ_ZREC_RECORD);
		assert_int_equal(rec.line, 2 * count + 1);
		char want[256];
		snprintf(want, sizeof(want), "h%zu IN TXT \"%0*zu\" \"x\"", count, (int)(count % 97) + 1, count);
		assert_string_equal(text.data + rec.text_off, want);
		count++;
	}
	assert_int_equal(count, n);
	sz_buf_free(&text);
	szi_zread_free(rd);
	szi_files_clear(&files);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_continuation_and_parentheses),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_continuation_keeps_its_origin),
		cmocka_unit_test(test_origin_sources),
		cmocka_unit_test(test_ttl_defaults),
		cmocka_unit_test(test_syntax_problems),
		cmocka_unit_test(test_include),
		cmocka_unit_test(test_include_problems),
		cmocka_unit_test(test_include_depth),
		cmocka_unit_test(test_unreadable_top),
		cmocka_unit_test(test_large_file),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
