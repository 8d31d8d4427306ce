/*
 * test_zone_json.c: the streaming JSON writer of records/zone_json.c,
 * against JSON written by hand, and with names no model admits (quotes,
 * backslashes, control bytes, bytes that are not UTF-8): the text must stay
 * valid JSON and valid UTF-8, read back by jansson.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "sipzone/zone_json.h"
#include "sipzone/zone_text.h"

static sz_addr v4(const char *s)
{
	sz_addr a = { .family = AF_INET };
	assert_int_equal(inet_pton(AF_INET, s, a.bytes), 1);
	return a;
}

static sz_addr v6(const char *s)
{
	sz_addr a = { .family = AF_INET6 };
	assert_int_equal(inet_pton(AF_INET6, s, a.bytes), 1);
	return a;
}

static void test_records_as_written_by_hand(void **state)
{
	(void)state;
	sz_ns ns[] = { { .name = "ns1.contoso.com" } };
	sz_zone_def def = { .name = "contoso.com", .mname = "ns1.contoso.com",
			    .rname = "hostmaster.contoso.com", .refresh = 7200, .retry = 3600,
			    .expire = 1209600, .minimum = 300, .ns = ns, .n_ns = 1 };
	sz_record r[4] = { 0 };
	r[0] = (sz_record){ .owner = "_sip._tls.contoso.com", .type = SZ_TYPE_SRV, .ttl = 3600 };
	r[0].rdata.srv.priority = 0;
	r[0].rdata.srv.weight = 65535;
	r[0].rdata.srv.port = 443;
	r[0].rdata.srv.target = "sip.contoso.com";
	r[1] = (sz_record){ .owner = "lyncdiscover.contoso.com", .type = SZ_TYPE_CNAME, .ttl = 3600 };
	r[1].rdata.cname = "webdir.online.lync.com";
	r[2] = (sz_record){ .owner = "sip.contoso.com", .type = SZ_TYPE_A, .ttl = 3600,
			    .rdata.addr = v4("203.0.113.10") };
	r[3] = (sz_record){ .owner = "sip.contoso.com", .type = SZ_TYPE_AAAA, .ttl = 3600,
			    .rdata.addr = v6("2001:db8:0:0:1::10") };
	sz_snippet s = { .zone = "contoso.com", .ttl = 3600, .def = &def, .serial = 4294967295u,
			 .records = r, .n_records = 4 };
	const char *want =
		"{\"zone\":\"contoso.com.\",\"name\":\"contoso.com.\",\"ttl\":3600,\"class\":\"IN\",\"type\":\"SOA\","
		"\"rdata\":{\"mname\":\"ns1.contoso.com.\",\"rname\":\"hostmaster.contoso.com.\",\"serial\":4294967295,"
		"\"refresh\":7200,\"retry\":3600,\"expire\":1209600,\"minimum\":300}},\n"
		"{\"zone\":\"contoso.com.\",\"name\":\"contoso.com.\",\"ttl\":3600,\"class\":\"IN\",\"type\":\"NS\","
		"\"rdata\":{\"target\":\"ns1.contoso.com.\"}},\n"
		"{\"zone\":\"contoso.com.\",\"name\":\"_sip._tls.contoso.com.\",\"ttl\":3600,\"class\":\"IN\",\"type\":\"SRV\","
		"\"rdata\":{\"priority\":0,\"weight\":65535,\"port\":443,\"target\":\"sip.contoso.com.\"}},\n"
		"{\"zone\":\"contoso.com.\",\"name\":\"lyncdiscover.contoso.com.\",\"ttl\":3600,\"class\":\"IN\",\"type\":\"CNAME\","
		"\"rdata\":{\"target\":\"webdir.online.lync.com.\"}},\n"
		"{\"zone\":\"contoso.com.\",\"name\":\"sip.contoso.com.\",\"ttl\":3600,\"class\":\"IN\",\"type\":\"A\","
		"\"rdata\":{\"address\":\"203.0.113.10\"}},\n"
		"{\"zone\":\"contoso.com.\",\"name\":\"sip.contoso.com.\",\"ttl\":3600,\"class\":\"IN\",\"type\":\"AAAA\","
		"\"rdata\":{\"address\":\"2001:db8::1:0:0:10\"}}";
	sz_text t = { 0 };
	assert_int_equal(sz_snippet_write_json(&s, &t), SZ_OK);
	assert_int_equal(t.len, strlen(want));
	assert_memory_equal(t.data, want, t.len);
	sz_text_free(&t);
}

/* Collects each_json's records joined as write_json joins them. */
static sz_status collect(const char *json, size_t len, void *ctx)
{
	sz_text *t = ctx;
	assert_int_equal(strlen(json), len);
	char *d = realloc(t->data, t->len + len + 3);
	assert_non_null(d);
	t->data = d;
	if (t->len > 0) {
		memcpy(t->data + t->len, ",\n", 2);
		t->len += 2;
	}
	memcpy(t->data + t->len, json, len);
	t->len += len;
	return SZ_OK;
}

static void test_hostile_names_stay_valid_json(void **state)
{
	(void)state;
	/* quote, backslash, control bytes, DEL, a valid 2-byte and 4-byte
	 * sequence, a stray continuation byte, a truncated sequence, an
	 * overlong encoding and an encoded surrogate */
	const char *owner = "a\"b\\c\x01\n\x7f\xc3\xa9\xf0\x9f\x98\x80\x80\xe2\x82\xc0\x80\xed\xa0\x80.x";
	sz_record r = { .owner = owner, .type = SZ_TYPE_CNAME, .ttl = 1 };
	r.rdata.cname = "t\x1f";
	sz_snippet s = { .zone = "x", .ttl = 1, .records = &r, .n_records = 1 };
	sz_text t = { 0 };
	assert_int_equal(sz_snippet_write_json(&s, &t), SZ_OK);
	const char *want_name = "\"name\":\"a\\\"b\\\\c\\u0001\\u000a\\u007f\xc3\xa9\xf0\x9f\x98\x80"
				"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd.x.\"";
	t.data = realloc(t.data, t.len + 1);
	t.data[t.len] = '\0';
	assert_non_null(strstr(t.data, want_name));
	assert_non_null(strstr(t.data, "{\"target\":\"t\\u001f.\"}"));
	/* jansson (which refuses invalid UTF-8) reads it back to the bytes */
	json_error_t err;
	json_t *o = json_loadb(t.data, t.len, JSON_REJECT_DUPLICATES, &err);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "name")),
			    "a\"b\\c\x01\n\x7f\xc3\xa9\xf0\x9f\x98\x80"
			    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
			    "\xef\xbf\xbd\xef\xbf\xbd.x.");
	json_decref(o);
	/* the callback form gives the same records */
	sz_text each = { 0 };
	assert_int_equal(sz_snippet_each_json(&s, collect, &each), SZ_OK);
	assert_int_equal(each.len, t.len);
	assert_memory_equal(each.data, t.data, t.len);
	sz_text_free(&each);
	sz_text_free(&t);
}

static void test_empty_snippet_writes_nothing(void **state)
{
	(void)state;
	sz_snippet s = { .zone = "x", .ttl = 1 };
	sz_text t = { 0 };
	assert_int_equal(sz_snippet_write_json(&s, &t), SZ_OK);
	assert_int_equal(t.len, 0);
	sz_text_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records_as_written_by_hand),
		cmocka_unit_test(test_hostile_names_stay_valid_json),
		cmocka_unit_test(test_empty_snippet_writes_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
