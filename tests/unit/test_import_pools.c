/*
 * test_import_pools.c: how `sipzone import` groups access hosts into edge
 * pools (import/pools.c): equal address sets share a pool whatever the
 * order or repetition of the records, any difference (a subset, an overlap)
 * makes another pool, empty sets are never grouped, pools are numbered in
 * the order of their first host. Then the same through the API on a zone
 * written here, reading the model back with jansson.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>
#include <jansson.h>

#include "import/importer.h"
#include "sipzone/import.h"

static sz_addr A(const char *text)
{
	sz_addr a;
	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, text, a.bytes) == 1) {
		a.family = AF_INET;
	} else {
		assert_int_equal(inet_pton(AF_INET6, text, a.bytes), 1);
		a.family = AF_INET6;
	}
	return a;
}

/* A normalized set of up to 4 addresses (NULL ends the list). */
static szi_addr_set S(sz_addr *buf, const char *a, const char *b, const char *c, const char *d)
{
	const char *t[] = { a, b, c, d };
	szi_addr_set s = { buf, 0 };
	for (size_t i = 0; i < 4 && t[i] != NULL; i++)
		buf[s.n++] = A(t[i]);
	szi_addr_set_normalize(&s);
	return s;
}

static void test_normalize(void **state)
{
	(void)state;
	sz_addr b[4];
	szi_addr_set s = S(b, "2001:db8::1", "192.0.2.2", "192.0.2.1", "192.0.2.2");
	assert_int_equal(s.n, 3);
	char t[64];
	szi_addr_text(&s.a[0], t, sizeof(t));
	assert_string_equal(t, "192.0.2.1");
	szi_addr_text(&s.a[1], t, sizeof(t));
	assert_string_equal(t, "192.0.2.2");
	szi_addr_text(&s.a[2], t, sizeof(t));
	assert_string_equal(t, "2001:db8::1");
}

static void test_grouping(void **state)
{
	(void)state;
	sz_addr b[7][4];
	szi_addr_set sets[7] = {
		S(b[0], "192.0.2.10", "192.0.2.11", NULL, NULL),        /* pool 0 */
		S(b[1], "2001:db8::5", NULL, NULL, NULL),               /* pool 1 */
		S(b[2], "192.0.2.11", "192.0.2.10", "192.0.2.10", NULL),/* = set 0, other order, repeat */
		S(b[3], "192.0.2.10", NULL, NULL, NULL),                /* a subset of set 0: its own */
		S(b[4], "192.0.2.11", "192.0.2.12", NULL, NULL),        /* overlaps set 0: its own */
		{ NULL, 0 },                                            /* empty: its own */
		{ NULL, 0 },                                            /* empty again: its own too */
	};
	size_t g[7];
	assert_int_equal(szi_imp_group_pools(sets, 7, g), 6);
	assert_int_equal(g[0], 0);
	assert_int_equal(g[1], 1);
	assert_int_equal(g[2], 0);
	assert_int_equal(g[3], 2);
	assert_int_equal(g[4], 3);
	assert_int_equal(g[5], 4);
	assert_int_equal(g[6], 5);
	assert_true(szi_addr_set_overlap(&sets[0], &sets[3]));
	assert_true(szi_addr_set_overlap(&sets[0], &sets[4]));
	assert_false(szi_addr_set_overlap(&sets[0], &sets[1]));
	assert_false(szi_addr_set_equal(&sets[0], &sets[3]));
	assert_true(szi_addr_set_equal(&sets[0], &sets[2]));
}

static const char zone[] =
	"$ORIGIN example.com.\n"
	"$TTL 3600\n"
	"_sip._tls.a           IN SRV 0 0 443 sip.a\n"
	"sip.a                 IN A 192.0.2.10\n"
	"sip.a                 IN AAAA 2001:db8::10\n"
	"_sip._tls.b           IN SRV 0 0 443 sip.b\n"
	"sip.b                 IN AAAA 2001:db8::10\n"   /* same set, other order */
	"sip.b                 IN A 192.0.2.10\n"
	"_sip._tls.c           IN SRV 0 0 443 sip.c\n"
	"sip.c                 IN A 192.0.2.10\n";       /* a subset: another pool */

static const char *pool_of(json_t *model, const char *domain)
{
	json_t *doms = json_object_get(model, "sip_domains");
	size_t i;
	json_t *d;
	json_array_foreach(doms, i, d)
		if (strcmp(json_string_value(json_object_get(d, "domain")), domain) == 0)
			return json_string_value(json_object_get(d, "edge_pool"));
	return NULL;
}

static void test_api(void **state)
{
	(void)state;
	char path[] = "/tmp/sz-test-import-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, zone, sizeof(zone) - 1), (ssize_t)(sizeof(zone) - 1));
	close(fd);
	const char *paths[] = { path };
	sz_import_options opt = { "example.com", false, NULL, 0 };
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_import *imp = NULL;
	assert_int_equal(sz_import_files(paths, 1, &opt, &imp, &diags), SZ_OK);
	unlink(path);
	assert_non_null(imp);
	assert_non_null(imp->model_json);
	assert_int_equal(imp->n_domains, 3);
	json_error_t err;
	json_t *model = json_loads(imp->model_json, 0, &err);
	assert_non_null(model);
	const char *pa = pool_of(model, "a.example.com"), *pb = pool_of(model, "b.example.com"),
		   *pc = pool_of(model, "c.example.com");
	assert_non_null(pa);
	assert_non_null(pc);
	assert_string_equal(pa, pb);
	assert_string_not_equal(pa, pc);
	json_t *pools = json_object_get(model, "edge_pools");
	assert_int_equal(json_object_size(pools), 2);
	json_t *addrs = json_object_get(json_object_get(pools, pa), "addresses");
	assert_int_equal(json_array_size(addrs), 2);
	assert_string_equal(json_string_value(json_array_get(addrs, 0)), "192.0.2.10");
	assert_string_equal(json_string_value(json_array_get(addrs, 1)), "2001:db8::10");
	/* every note of an assumption has a JSON Pointer into the model */
	for (size_t i = 0; i < imp->n_notes; i++)
		assert_true(imp->notes[i].path[0] == '/' || imp->notes[i].path[0] == '\0');
	assert_int_equal(imp->n_corrected, 0);
	json_decref(model);
	sz_import_free(imp);
	sz_diag_list_clear(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_api),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
