/*
 * test_zone_files.c: the one walker of `check DIR` and `diff OLD_DIR
 * NEW_DIR` (include/sipzone/zone_files.h) and diff's comparison of listed
 * relative paths (sz_diff_paths, include/sipzone/diff.h), on a tree made in
 * a temporary directory. The expected lists are written by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sipzone/diff.h"
#include "sipzone/zone_files.h"

static char top[64];

static void put(const char *rel, const char *text)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	FILE *fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static void dir(const char *rel)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	assert_int_equal(mkdir(p, 0755), 0);
}

static void link_at(const char *target, const char *rel)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	assert_int_equal(symlink(target, p), 0);
}

static int setup(void **state)
{
	(void)state;
	snprintf(top, sizeof(top), "%s/sz-zf.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(top) == NULL)
		return -1;
	const char *z = "$ORIGIN example.\nh 60 IN A 192.0.2.1\n";
	dir("o");
	dir("n");
	dir("o/sub");
	dir("o/sub/dir");
	dir("o/.git");
	dir("o/d.zone");
	put("o/b.zone", z);
	put("o/sub-a.zone", z);
	put("o/sub/dir/x.zone", z);
	put("o/sub/.h.zone", z);
	put("o/.git/g.zone", z);
	put("o/d.zone/in.zone", z);
	put("o/.zone", z);
	put("o/notes.txt", z);
	put("o/x.zone.orig", z);
	link_at("sub", "o/linked.zone");  /* a link to a directory: skipped */
	dir("n/sub");
	put("n/b.zone", "$ORIGIN example.\nh 60 IN A 192.0.2.2\n");
	put("n/sub/only-new.zone", z);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_below_relative_in_byte_order(void **state)
{
	(void)state;
	char o[128];
	snprintf(o, sizeof(o), "%s/o", top);
	sz_path_list l = { 0 };
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	assert_int_equal(sz_zone_files_below(o, true, NULL, &l, &diags), SZ_OK);
	assert_int_equal(diags.count, 0);
	/* '-' (0x2d) before '.' (0x2e) before '/' (0x2f): the order of paths */
	const char *want[] = { "b.zone", "d.zone/in.zone", "sub-a.zone", "sub/dir/x.zone" };
	assert_int_equal(l.count, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(l.paths[i], want[i]);
	sz_path_list_clear(&l);
	assert_int_equal(l.count, 0);
	assert_null(l.paths);
	sz_diag_list_clear(&diags);
}

static void test_below_joined_appends(void **state)
{
	(void)state;
	char o[128], want[160];
	snprintf(o, sizeof(o), "%s/o/", top); /* the trailing '/' is not doubled */
	sz_path_list l = { 0 };
	assert_int_equal(sz_path_list_add(&l, "first"), SZ_OK);
	assert_int_equal(sz_zone_files_below(o, false, NULL, &l, NULL), SZ_OK);
	assert_int_equal(l.count, 5);
	assert_string_equal(l.paths[0], "first");
	snprintf(want, sizeof(want), "%s/o/sub/dir/x.zone", top);
	assert_string_equal(l.paths[4], want);
	sz_path_list_clear(&l);
}

static void test_link_named_zone_reported(void **state)
{
	(void)state;
	char n[128];
	snprintf(n, sizeof(n), "%s/n", top);
	link_at("b.zone", "n/sub/link.zone");
	sz_path_list l = { 0 };
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	assert_int_equal(sz_zone_files_below(n, true, ": WHY", &l, &diags), SZ_ERR_IO);
	assert_int_equal(l.count, 2); /* the others are listed all the same */
	assert_string_equal(l.paths[0], "b.zone");
	assert_string_equal(l.paths[1], "sub/only-new.zone");
	assert_int_equal(diags.count, 1);
	assert_string_equal(diags.items[0].rule, "io");
	assert_non_null(strstr(diags.items[0].file, "n/sub/link.zone"));
	assert_non_null(strstr(diags.items[0].message, "a symbolic link, not a regular file: not read: WHY"));
	sz_path_list_clear(&l);
	sz_diag_list_clear(&diags);
	char p[160];
	snprintf(p, sizeof(p), "%s/n/sub/link.zone", top);
	assert_int_equal(unlink(p), 0);
}

static void test_below_bad_arguments(void **state)
{
	(void)state;
	sz_path_list l = { 0 };
	assert_int_equal(sz_zone_files_below(NULL, true, NULL, &l, NULL), SZ_ERR_USAGE);
	assert_int_equal(sz_zone_files_below(top, true, NULL, NULL, NULL), SZ_ERR_USAGE);
	char missing[128];
	snprintf(missing, sizeof(missing), "%s/none", top);
	assert_int_equal(sz_zone_files_below(missing, true, NULL, &l, NULL), SZ_ERR_IO);
	assert_int_equal(l.count, 0);
}

/* The one test of a relative path (check and diff share it). */
static void test_path_stays_below(void **state)
{
	(void)state;
	assert_true(sz_path_stays_below("a.zone"));
	assert_true(sz_path_stays_below("sub/dir/x.zone"));
	assert_true(sz_path_stays_below("..a/b.zone"));   /* a name, not ".." */
	assert_true(sz_path_stays_below("a/...zone"));
	assert_false(sz_path_stays_below(""));
	assert_false(sz_path_stays_below("/etc/passwd"));
	assert_false(sz_path_stays_below(".."));
	assert_false(sz_path_stays_below("../old/a.zone"));
	assert_false(sz_path_stays_below("sub/../a.zone"));
	assert_false(sz_path_stays_below("sub/.."));
}

static void test_diff_paths(void **state)
{
	(void)state;
	char o[128], n[128];
	snprintf(o, sizeof(o), "%s/o", top);
	snprintf(n, sizeof(n), "%s/n", top);
	sz_diff *d = NULL;
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	/* list order kept: one changed, one only in NEW, one only in OLD */
	const char *rel[] = { "b.zone", "sub/only-new.zone", "sub/dir/x.zone" };
	assert_int_equal(sz_diff_paths(o, n, rel, 3, NULL, &d, &diags), SZ_OK);
	assert_int_equal(d->n_files, 3);
	assert_non_null(strstr(d->files[0].old_label, "o/b.zone"));
	assert_non_null(strstr(d->files[0].new_label, "n/b.zone"));
	assert_int_equal(d->files[0].added, 1);
	assert_int_equal(d->files[0].removed, 1);
	assert_null(d->files[1].old_label);
	assert_int_equal(d->files[1].added, 1);
	assert_null(d->files[2].new_label);
	assert_int_equal(d->files[2].removed, 1);
	sz_diff_free(d);

	/* absent on both sides, a directory: io, nothing handed out */
	const char *none[] = { "b.zone", "nope.zone", "sub" };
	assert_int_equal(sz_diff_paths(o, n, none, 3, NULL, &d, &diags), SZ_ERR_IO);
	assert_null(d);
	/* nope.zone once, sub on each side */
	assert_int_equal(diags.count, 3);
	for (size_t i = 0; i < 3; i++)
		assert_string_equal(diags.items[i].rule, "io");
	assert_non_null(strstr(diags.items[0].message, "in neither"));
	assert_non_null(strstr(diags.items[1].message, "is a directory"));
	sz_diag_list_clear(&diags);
	sz_diag_list_init(&diags);

	/* paths that leave the directories, and a file for a directory */
	const char *up[] = { "sub/../../x.zone" }, *abs[] = { "/etc/passwd" }, *empty[] = { "" };
	assert_int_equal(sz_diff_paths(o, n, up, 1, NULL, &d, &diags), SZ_ERR_USAGE);
	assert_int_equal(sz_diff_paths(o, n, abs, 1, NULL, &d, &diags), SZ_ERR_USAGE);
	assert_int_equal(sz_diff_paths(o, n, empty, 1, NULL, &d, &diags), SZ_ERR_USAGE);
	char f[160];
	snprintf(f, sizeof(f), "%s/o/b.zone", top);
	assert_int_equal(sz_diff_paths(f, n, rel, 1, NULL, &d, &diags), SZ_ERR_USAGE);
	assert_null(d);
	sz_diag_list_clear(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_below_relative_in_byte_order),
		cmocka_unit_test(test_below_joined_appends),
		cmocka_unit_test(test_link_named_zone_reported),
		cmocka_unit_test(test_below_bad_arguments),
		cmocka_unit_test(test_path_stays_below),
		cmocka_unit_test(test_diff_paths),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
