/*
 * test_diff.c: the comparison core of `sipzone diff` (include/sipzone/diff.h,
 * src/diff_internal.h): what counts as the same record, canonical order,
 * duplicates, the kinds of change, errors, the presentation of RDATA.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "diff/core.h"
#include "sipzone/diff.h"

typedef struct result {
	sz_status st;
	sz_diff *diff;
	sz_diag_list diags;
} result;

static result run_opt(const char *old_text, const char *new_text, const sz_diff_options *opt)
{
	result r;
	sz_diag_list_init(&r.diags);
	r.st = sz_diff_buffers("old.zone", old_text, strlen(old_text), "new.zone", new_text,
			       strlen(new_text), opt, &r.diff, &r.diags);
	return r;
}

static result run(const char *old_text, const char *new_text)
{
	return run_opt(old_text, new_text, NULL);
}

static void done(result *r)
{
	sz_diff_free(r->diff);
	sz_diag_list_clear(&r->diags);
}

static const sz_diff_entry *entry(const result *r, size_t i)
{
	assert_int_equal(r->st, SZ_OK);
	assert_int_equal(r->diff->n_files, 1);
	assert_true(i < r->diff->files[0].count);
	return &r->diff->files[0].entries[i];
}

static void assert_entry(const sz_diff_entry *e, sz_diff_kind kind, const char *owner,
			 uint32_t ttl, uint32_t old_ttl, const char *type, const char *rdata)
{
	assert_int_equal(e->kind, kind);
	assert_string_equal(e->owner, owner);
	assert_int_equal(e->ttl, ttl);
	assert_int_equal(e->old_ttl, old_ttl);
	assert_string_equal(e->rclass, "IN");
	assert_string_equal(e->type, type);
	assert_string_equal(e->rdata, rdata);
}

static void test_equal_when_written_differently(void **state)
{
	(void)state;
	/* NEW sets no $ORIGIN and "new.zone" names no zone; its names are all
	 * absolute, so the origin given (which OLD's $ORIGIN overrides) is unused */
	sz_diff_options opt = { .origin = "unrelated.example" };
	result r = run_opt("; written by hand\n"
		       "$ORIGIN Contoso.COM.\n"
		       "$TTL 1h\n"
		       "@\tIN SOA ns1 hostmaster ( 1 ; serial\n"
		       "\t\t7200 3600 1209600 3600 )\n"
		       "_sip._tls  IN SRV 0 0 443 SIP\n"
		       "sip        IN A   203.0.113.10\n"
		       "           IN AAAA 2001:0db8:0:0:0:0:0:10\n"
		       "www 300 in cname Sip ; lower-case class and type\n"
		       "mail IN MX 10 sip\n"
		       "mail IN MX 10 sip\n",
		       "mail.contoso.com. 3600 IN MX 10 sip.contoso.com.\n"
		       "www.contoso.com. 300 IN CNAME sip.contoso.com.\n"
		       "sip.contoso.com. 3600 IN AAAA 2001:db8::10\n"
		       "sip.contoso.com. 3600 IN A 203.0.113.10\n"
		       "_sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com.\n"
		       "contoso.com. 3600 IN SOA ns1.contoso.com. hostmaster.contoso.com. 1 7200 3600 1209600 3600\n",
		       &opt);
	assert_int_equal(r.st, SZ_OK);
	assert_int_equal(r.diff->n_files, 1);
	assert_true(sz_diff_equal(r.diff));
	assert_int_equal(r.diff->files[0].count, 0);
	assert_int_equal(r.diff->files[0].old_records, 6);  /* the MX twice counts once */
	assert_int_equal(r.diff->files[0].new_records, 6);
	assert_string_equal(r.diff->files[0].old_label, "old.zone");
	assert_string_equal(r.diff->files[0].new_label, "new.zone");
	done(&r);
}

static void test_each_kind_of_change(void **state)
{
	(void)state;
	result r = run("$ORIGIN contoso.com.\n"
		       "_sip._tls 3600 IN SRV 0 0 443 sip\n"
		       "sip 3600 IN A 203.0.113.10\n"
		       "sip 3600 IN A 203.0.113.11\n"
		       "old 3600 IN A 203.0.113.99\n",
		       "$ORIGIN contoso.com.\n"
		       "_sip._tls 3600 IN SRV 0 0 443 sip2\n"
		       "sip 300 IN A 203.0.113.10\n"
		       "sip 3600 IN A 203.0.113.11\n"
		       "sip 3600 IN A 203.0.113.12\n");
	assert_int_equal(r.st, SZ_OK);
	assert_false(sz_diff_equal(r.diff));
	assert_int_equal(r.diff->files[0].count, 5);
	/* canonical order: _sip._tls < old < sip ('_' is 0x5f, below letters) */
	assert_entry(entry(&r, 0), SZ_DIFF_REMOVED, "_sip._tls.contoso.com.", 3600, 0, "SRV",
		     "0 0 443 sip.contoso.com.");
	assert_entry(entry(&r, 1), SZ_DIFF_ADDED, "_sip._tls.contoso.com.", 3600, 0, "SRV",
		     "0 0 443 sip2.contoso.com.");
	assert_entry(entry(&r, 2), SZ_DIFF_REMOVED, "old.contoso.com.", 3600, 0, "A", "203.0.113.99");
	assert_entry(entry(&r, 3), SZ_DIFF_TTL_CHANGED, "sip.contoso.com.", 300, 3600, "A", "203.0.113.10");
	assert_entry(entry(&r, 4), SZ_DIFF_ADDED, "sip.contoso.com.", 3600, 0, "A", "203.0.113.12");
	assert_int_equal(r.diff->added, 2);
	assert_int_equal(r.diff->removed, 2);
	assert_int_equal(r.diff->ttl_changed, 1);
	assert_int_equal(r.diff->files_changed, 1);
	done(&r);
}

/* The example list of RFC 4034, section 6.1, in canonical order. */
static void test_canonical_owner_order(void **state)
{
	(void)state;
	static const char *const order[] = {
		"example.", "a.example.", "yljkjljk.a.example.", "z.a.example.", "zabc.a.example.",
		"z.example.", "\\001.z.example.", "*.z.example.", "\\200.z.example.",
	};
	result r = run("",
		       "$ORIGIN example.\n"
		       "\\200.z 1 IN A 192.0.2.1\n"
		       "Z.a 1 IN A 192.0.2.1\n"
		       "*.z 1 IN A 192.0.2.1\n"
		       "zABC.a.EXAMPLE. 1 IN A 192.0.2.1\n"
		       "@ 1 IN A 192.0.2.1\n"
		       "z 1 IN A 192.0.2.1\n"
		       "\\001.z 1 IN A 192.0.2.1\n"
		       "yljkjljk.a 1 IN A 192.0.2.1\n"
		       "a 1 IN A 192.0.2.1\n");
	assert_int_equal(r.diff->files[0].count, 9);
	for (size_t i = 0; i < 9; i++)
		assert_string_equal(entry(&r, i)->owner, order[i]);
	done(&r);
}

/* Within an owner: type by number, then RDATA by octets (10 after 9, not "10" < "9"). */
static void test_type_and_rdata_order(void **state)
{
	(void)state;
	result r = run("",
		       "$ORIGIN example.\n$TTL 60\n"
		       "h IN SRV 0 0 1 t\n"
		       "h IN AAAA 2001:db8::1\n"
		       "h IN A 192.0.2.10\n"
		       "h IN TXT \"b\"\n"
		       "h IN A 192.0.2.9\n"
		       "h IN TXT \"a\" \"z\"\n");
	static const char *const types[] = { "A", "A", "TXT", "TXT", "AAAA", "SRV" };
	static const char *const rdata[] = {
		"192.0.2.9", "192.0.2.10", "\"a\" \"z\"", "\"b\"", "2001:db8::1", "0 0 1 t.example.",
	};
	assert_int_equal(r.diff->files[0].count, 6);
	for (size_t i = 0; i < 6; i++) {
		assert_string_equal(entry(&r, i)->type, types[i]);
		assert_string_equal(entry(&r, i)->rdata, rdata[i]);
	}
	done(&r);
}

static void test_duplicates_keep_the_lower_ttl(void **state)
{
	(void)state;
	const char *a = "$ORIGIN example.\nh 600 IN A 192.0.2.1\nh 300 IN A 192.0.2.1\n";
	const char *b = "$ORIGIN example.\nh 300 IN A 192.0.2.1\nh 600 IN A 192.0.2.1\n";
	result r = run(a, b);
	assert_true(sz_diff_equal(r.diff));
	assert_int_equal(r.diff->files[0].old_records, 1);
	done(&r);
	r = run(a, "$ORIGIN example.\nh 600 IN A 192.0.2.1\n");
	assert_entry(entry(&r, 0), SZ_DIFF_TTL_CHANGED, "h.example.", 600, 300, "A", "192.0.2.1");
	done(&r);
}

/* ldns takes a default TTL of 0 for "none"; $TTL 0 is a TTL all the same. */
static void test_ttl_zero(void **state)
{
	(void)state;
	result r = run("$ORIGIN example.\n$TTL 0\nh IN A 192.0.2.1\n",
		       "$ORIGIN example.\nh 0 IN A 192.0.2.1\n");
	assert_true(sz_diff_equal(r.diff));
	done(&r);
	r = run("$ORIGIN example.\n$TTL 0\nh IN A 192.0.2.1\n",
		"$ORIGIN example.\nh 3600 IN A 192.0.2.1\n");
	assert_entry(entry(&r, 0), SZ_DIFF_TTL_CHANGED, "h.example.", 3600, 0, "A", "192.0.2.1");
	done(&r);
}

/* Names in the RDATA of types outside RFC 4034's list compare without case too. */
static void test_rdata_names_of_every_type_ignore_case(void **state)
{
	(void)state;
	result r = run("$ORIGIN example.\nh 60 IN NSEC Next.EXAMPLE. A RRSIG\n",
		       "$ORIGIN example.\nh 60 IN NSEC next.example. A RRSIG\n");
	assert_true(sz_diff_equal(r.diff));
	done(&r);
}

static void test_ignore_soa_serial(void **state)
{
	(void)state;
	const char *a = "$ORIGIN example.\n@ 60 IN SOA ns h 2026010100 7200 3600 1209600 3600\n";
	const char *b = "$ORIGIN example.\n@ 60 IN SOA ns h 2026010101 7200 3600 1209600 3600\n";
	const char *c = "$ORIGIN example.\n@ 60 IN SOA ns h 2026010102 7200 3600 1209600 300\n";
	sz_diff_options ign = { .ignore_soa_serial = true };
	result r = run(a, b);
	assert_int_equal(r.diff->removed, 1);
	assert_int_equal(r.diff->added, 1);
	done(&r);
	r = run_opt(a, b, &ign);
	assert_true(sz_diff_equal(r.diff));
	done(&r);
	/* another field changed: the records show their real serials, in the
	 * order of their RDATA without the serial (MINIMUM 300 < 3600) */
	r = run_opt(a, c, &ign);
	assert_entry(entry(&r, 0), SZ_DIFF_ADDED, "example.", 60, 0, "SOA",
		     "ns.example. h.example. 2026010102 7200 3600 1209600 300");
	assert_entry(entry(&r, 1), SZ_DIFF_REMOVED, "example.", 60, 0, "SOA",
		     "ns.example. h.example. 2026010100 7200 3600 1209600 3600");
	done(&r);
}

static bool has_diag(const sz_diag_list *l, const char *file, size_t line, const char *rule)
{
	for (size_t i = 0; i < l->count; i++) {
		const sz_diag *d = &l->items[i];
		if (d->file != NULL && strcmp(d->file, file) == 0 && d->line == line &&
		    strcmp(d->rule, rule) == 0 && d->severity == SZ_SEV_ERROR)
			return true;
	}
	return false;
}

/* Every bad record of both sides is reported; nothing is compared. */
static void test_syntax_errors_of_both_sides(void **state)
{
	(void)state;
	result r = run("$ORIGIN example.\nh 60 IN A 192.0.2.1\nh 60 IN A 192.0.2\nh 60 IN MX x\n",
		       "$ORIGIN example.\n$GENERATE 1-2 h$ A 192.0.2.$\n");
	assert_int_equal(r.st, SZ_ERR_INVALID);
	assert_null(r.diff);
	assert_int_equal(r.diags.errors, 3);
	assert_true(has_diag(&r.diags, "old.zone", 3, "syntax"));
	assert_true(has_diag(&r.diags, "old.zone", 4, "syntax"));
	assert_true(has_diag(&r.diags, "new.zone", 2, "syntax"));
	assert_non_null(strstr(r.diags.items[0].message, "ldns"));
	done(&r);
}

/* Reading stops after SZ_CHECK_MAX_ERRORS errors, with a note that it did. */
static void test_error_limit(void **state)
{
	(void)state;
	char text[4096] = "$ORIGIN example.\n";
	for (int i = 0; i < 150; i++)
		strcat(text, "h 60 IN A x\n");
	result r = run(text, "");
	assert_int_equal(r.st, SZ_ERR_INVALID);
	assert_int_equal(r.diags.errors, SZ_CHECK_MAX_ERRORS);
	assert_int_equal(r.diags.infos, 1);
	done(&r);
}

static void test_one_side_missing(void **state)
{
	(void)state;
	const char *text = "$ORIGIN example.\nh 60 IN A 192.0.2.1\n";
	sz_diff_input in = { .name = "x.zone", .text = text, .len = strlen(text), .label = "generated" };
	sz_diff *d = NULL;
	assert_int_equal(sz_diff_new(&d), SZ_OK);
	assert_int_equal(sz_diff_add(d, NULL, &in, NULL, NULL), SZ_OK);
	assert_int_equal(sz_diff_add(d, &in, NULL, NULL, NULL), SZ_OK);
	assert_int_equal(sz_diff_add(d, &in, &in, NULL, NULL), SZ_OK);
	assert_int_equal(d->n_files, 3);
	assert_null(d->files[0].old_label);
	assert_string_equal(d->files[0].new_label, "generated");
	assert_int_equal(d->files[0].entries[0].kind, SZ_DIFF_ADDED);
	assert_null(d->files[1].new_label);
	assert_int_equal(d->files[1].entries[0].kind, SZ_DIFF_REMOVED);
	assert_int_equal(d->files[2].count, 0);
	assert_int_equal(d->files_changed, 2);
	assert_int_equal(d->added, 1);
	assert_int_equal(d->removed, 1);
	sz_diff_free(d);
}

static void test_origin_option(void **state)
{
	(void)state;
	sz_diff_options o = { .origin = "Example" };
	result r = run_opt("h 60 IN A 192.0.2.1\n", "h.example. 60 IN A 192.0.2.1\n", &o);
	assert_int_equal(r.st, SZ_OK);
	assert_true(sz_diff_equal(r.diff));
	done(&r);
	o.origin = "a..b";
	r = run_opt("", "", &o);
	assert_int_equal(r.st, SZ_ERR_USAGE);
	assert_string_equal(r.diags.items[0].rule, "usage");
	done(&r);
	/* "old.zone" names no zone (one label): a record without origin stops */
	r = run("h 60 IN A 192.0.2.1\n", "");
	assert_int_equal(r.st, SZ_ERR_ORIGIN);
	assert_true(has_diag(&r.diags, "old.zone", 1, "origin"));
	done(&r);
}

static sz_diff_rec raw(uint16_t type, const uint8_t *data, uint16_t len)
{
	sz_diff_rec r = { 0 };
	r.type = type;
	r.rclass = LDNS_RR_CLASS_IN;
	r.rdata = (uint8_t *)data;
	r.rdlen = len;
	return r;
}

static void assert_rdata_text(uint16_t type, const uint8_t *data, uint16_t len, const char *want)
{
	sz_diff_rec r = raw(type, data, len);
	char *t = szi_diff_rdata_text(&r);
	assert_non_null(t);
	assert_string_equal(t, want);
	free(t);
}

/* Data that does not fit its type is shown in RFC 3597's form, never as something else. */
static void test_rdata_text(void **state)
{
	(void)state;
	static const uint8_t a[] = { 192, 0, 2, 1 };
	static const uint8_t srv[] = { 0, 1, 0, 2, 0x01, 0xbb, 3, 's', 'i', 'p', 0 };
	assert_rdata_text(LDNS_RR_TYPE_A, a, 4, "192.0.2.1");
	assert_rdata_text(LDNS_RR_TYPE_SRV, srv, sizeof(srv), "1 2 443 sip.");
	assert_rdata_text(LDNS_RR_TYPE_A, a, 3, "\\# 3 c00002");
	assert_rdata_text(LDNS_RR_TYPE_A, a, 0, "\\# 0");
	assert_rdata_text(LDNS_RR_TYPE_SRV, srv, 8, "\\# 8 0001000201bb0373");
	assert_rdata_text(65534, a, 4, "\\# 4 c0000201");
}

static void test_generic_rdata_equals_known_form(void **state)
{
	(void)state;
	result r = run("$ORIGIN example.\nh 60 IN A \\# 4 C0000201\n",
		       "$ORIGIN example.\nh 60 IN A 192.0.2.1\n");
	assert_true(sz_diff_equal(r.diff));
	done(&r);
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(sz_diff_kind_name(SZ_DIFF_ADDED), "added");
	assert_string_equal(sz_diff_kind_name(SZ_DIFF_REMOVED), "removed");
	assert_string_equal(sz_diff_kind_name(SZ_DIFF_TTL_CHANGED), "ttl-changed");
}


/* szi_diff_rec_cmp() orders owners as ldns_dname_compare() does (issue 18:
 * diff compares names itself): every pair of a set of awkward names (the
 * root, prefixes of labels, octets 0 and 255, 63-octet labels, many labels). */
static void test_owner_order_as_ldns(void **state)
{
	(void)state;
	static const char *names[] = {
		".", "a.", "b.", "aa.", "a.a.", "b.a.", "a.b.", "ab.a.", "\\000.", "\\000a.", "a\\000.",
		"\\255.", "z.\\255.", "_sip._tls.a.", "_sip._tcp.a.", "*.a.", "-.a.", "a.b.c.d.e.f.g.",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab.", "b.b.", "\\.a.",
	};
	size_t n = sizeof(names) / sizeof(names[0]);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			ldns_rdf *a = ldns_dname_new_frm_str(names[i]), *b = ldns_dname_new_frm_str(names[j]);
			assert_non_null(a);
			assert_non_null(b);
			sz_diff_rec ra = { 0 }, rb = { 0 };
			ra.owner = ldns_rdf_data(a);
			ra.owner_len = (uint8_t)ldns_rdf_size(a);
			rb.owner = ldns_rdf_data(b);
			rb.owner_len = (uint8_t)ldns_rdf_size(b);
			int want = ldns_dname_compare(a, b), got = szi_diff_rec_cmp(&ra, &rb);
			if ((want > 0) - (want < 0) != got)
				fail_msg("'%s' vs '%s': ldns %d, diff %d", names[i], names[j], want, got);
			ldns_rdf_deep_free(a);
			ldns_rdf_deep_free(b);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal_when_written_differently),
		cmocka_unit_test(test_each_kind_of_change),
		cmocka_unit_test(test_canonical_owner_order),
		cmocka_unit_test(test_type_and_rdata_order),
		cmocka_unit_test(test_duplicates_keep_the_lower_ttl),
		cmocka_unit_test(test_ttl_zero),
		cmocka_unit_test(test_rdata_names_of_every_type_ignore_case),
		cmocka_unit_test(test_ignore_soa_serial),
		cmocka_unit_test(test_syntax_errors_of_both_sides),
		cmocka_unit_test(test_error_limit),
		cmocka_unit_test(test_one_side_missing),
		cmocka_unit_test(test_origin_option),
		cmocka_unit_test(test_rdata_text),
		cmocka_unit_test(test_generic_rdata_equals_known_form),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_owner_order_as_ldns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
