/*
 * test_check_api.c: the checker library end to end, for what the CLI cases
 * cannot pin down: the same findings in the same order with and without
 * parser threads (and with ldns parsing everything), several inputs as one
 * namespace, the stop at max_errors, options, fatal statuses, statistics.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sipzone/check.h"

static sz_check_options *new_options(void)
{
	sz_check_options *o = NULL;
	assert_int_equal(sz_check_options_new(&o), SZ_OK);
	assert_non_null(o);
	return o;
}

typedef struct run {
	sz_diag_list diags;
	sz_check_stats stats;
	sz_status read_status;
	sz_status finish_status;
} run;

/* Check named buffers (name, text, name, text, ..., NULL) with `opts`. */
static void check_buffers(const sz_check_options *opts, run *out, ...)
{
	sz_checker *c = NULL;
	memset(out, 0, sizeof(*out));
	sz_diag_list_init(&out->diags);
	assert_int_equal(sz_checker_new(opts, &c, &out->diags), SZ_OK);
	va_list ap;
	va_start(ap, out);
	const char *name;
	out->read_status = SZ_OK;
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *text = va_arg(ap, const char *);
		sz_status st = sz_checker_read_buffer(c, name, text, strlen(text), &out->diags);
		if (st != SZ_OK) {
			out->read_status = st;
			break;
		}
	}
	va_end(ap);
	out->finish_status = out->read_status == SZ_OK ? sz_checker_finish(c, &out->diags) : SZ_OK;
	sz_checker_get_stats(c, &out->stats);
	sz_checker_free(c);
}

static size_t count_rule(const run *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->diags.count; i++)
		if (r->diags.items[i].rule != NULL && strcmp(r->diags.items[i].rule, rule) == 0)
			n++;
	return n;
}

static const sz_diag *find_rule(const run *r, const char *rule)
{
	for (size_t i = 0; i < r->diags.count; i++)
		if (r->diags.items[i].rule != NULL && strcmp(r->diags.items[i].rule, rule) == 0)
			return &r->diags.items[i];
	return NULL;
}

static void test_rule_table(void **state)
{
	(void)state;
	sz_rule r;
	assert_int_equal(sz_rule_find("srv-target-outside-namespace", &r), SZ_OK);
	assert_int_equal(r, SZ_RULE_SRV_TARGET_OUTSIDE_NAMESPACE);
	assert_int_equal(sz_rule_severity(r), SZ_SEV_ERROR);
	assert_int_equal(sz_rule_alt_severity(r), SZ_SEV_WARNING);
	assert_int_equal(sz_rule_find("SRV-TARGET-CNAME", &r), SZ_ERR_USAGE);
	assert_int_equal(sz_rule_find("no-such-rule", &r), SZ_ERR_USAGE);
	for (size_t i = 0; i < SZ_RULE_COUNT; i++) {
		assert_true(strlen(sz_rule_id((sz_rule)i)) > 0);
		assert_true(strlen(sz_rule_description((sz_rule)i)) > 0);
		assert_int_equal(sz_rule_find(sz_rule_id((sz_rule)i), &r), SZ_OK);
		assert_int_equal(r, (sz_rule)i);
	}
	/* the registry holds every id: the checker's, the model's, the key's, the bare ones */
	assert_int_equal(sz_rule_find("unknown-key", &r), SZ_OK);
	assert_int_equal(sz_rule_group_of(r), SZ_RULE_GROUP_MODEL);
	assert_int_equal(sz_rule_kind_of(r), SZ_RULE_KIND_FINDING);
	assert_int_equal(sz_rule_find("io", &r), SZ_OK);
	assert_int_equal(r, SZ_RULE_IO);
	assert_int_equal(sz_rule_kind_of(r), SZ_RULE_KIND_INPUT);
	assert_int_equal(sz_rule_kind_of(SZ_RULE_ORIGIN), SZ_RULE_KIND_INPUT);
	assert_int_equal(sz_rule_kind_of(SZ_RULE_USAGE), SZ_RULE_KIND_USAGE);
	assert_int_equal(sz_rule_kind_of(SZ_RULE_KEY_SECRET), SZ_RULE_KIND_USAGE);
	assert_int_equal(sz_rule_kind_of(SZ_RULE_SYNTAX), SZ_RULE_KIND_FINDING);
	/* the check rules come first, in their --rules order */
	assert_int_equal(SZ_RULE_SYNTAX, 0);
	assert_int_equal(SZ_RULE_VIEW_MISMATCH, 16);
	for (size_t i = 0; i <= SZ_RULE_VIEW_MISMATCH; i++)
		assert_int_equal(sz_rule_group_of((sz_rule)i), SZ_RULE_GROUP_CHECK);
	/* every model rule is a registry rule */
	for (int m = 0; m < (int)SZ_MR_COUNT; m++) {
		sz_rule mr = sz_model_rule_registry((sz_model_rule)m);
		assert_true(mr < SZ_RULE_COUNT);
		assert_string_equal(sz_model_rule_name((sz_model_rule)m), sz_rule_id(mr));
	}

	/* the exit status follows from the kinds */
	sz_diag_list l;
	sz_diag_list_init(&l);
	assert_int_equal(sz_diag_list_exit_code(&l, true), SZ_EXIT_OK);
	sz_diag_add(&l, SZ_SEV_WARNING, sz_rule_id(SZ_RULE_TTL_MISMATCH), "z", 1, 0, NULL, NULL,
		    NULL, "w");
	assert_int_equal(sz_diag_list_exit_code(&l, false), SZ_EXIT_OK);
	assert_int_equal(sz_diag_list_exit_code(&l, true), SZ_EXIT_PROBLEMS);
	sz_diag_add(&l, SZ_SEV_ERROR, "srv-target-cname", "z", 2, 0, NULL, NULL, NULL, "e");
	assert_int_equal(sz_diag_list_worst_kind(&l), SZ_RULE_KIND_FINDING);
	assert_int_equal(sz_diag_list_exit_code(&l, false), SZ_EXIT_PROBLEMS);
	sz_diag_add(&l, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), "z", 0, 0, NULL, NULL, NULL, "io");
	assert_int_equal(sz_diag_list_worst_kind(&l), SZ_RULE_KIND_INPUT);
	assert_int_equal(sz_diag_list_exit_code(&l, false), SZ_EXIT_FAILURE);
	sz_diag_list_clear(&l);

	sz_severity s;
	assert_int_equal(sz_severity_parse("warning", &s), SZ_OK);
	assert_int_equal(s, SZ_SEV_WARNING);
	assert_int_equal(sz_severity_parse("fatal", &s), SZ_ERR_USAGE);
}

/* One namespace: the SRV in a.zone is satisfied by the A record in b.zone. */
static void test_files_are_one_namespace(void **state)
{
	(void)state;
	sz_check_options *o = new_options();
	sz_check_options_set_threads(o, 0);
	const char *a = "$ORIGIN contoso.com.\n@ IN SOA ns h 1 2 3 4 5\n_sipfederationtls._tcp IN SRV 0 0 5061 sip.edge.contoso.com.\n";
	const char *b = "$ORIGIN edge.contoso.com.\nsip IN A 192.0.2.10\n";
	run r;
	check_buffers(o, &r, "a.zone", a, "b.zone", b, NULL);
	assert_int_equal(r.diags.count, 0);
	assert_int_equal(r.stats.files, 2);
	assert_int_equal(r.stats.records, 3);
	sz_diag_list_clear(&r.diags);

	check_buffers(o, &r, "a.zone", a, NULL);
	assert_int_equal(r.diags.count, 1);
	const sz_diag *d = find_rule(&r, "srv-target-no-address");
	assert_non_null(d);
	assert_string_equal(d->file, "a.zone");
	assert_int_equal(d->line, 3);
	assert_string_equal(d->owner, "_sipfederationtls._tcp.contoso.com.");
	assert_string_equal(d->type, "SRV");
	assert_non_null(strstr(d->message, "sip.edge.contoso.com."));
	sz_diag_list_clear(&r.diags);

	/* a CNAME in the other file, with the A record behind it */
	const char *c = "$ORIGIN edge.contoso.com.\nsip IN CNAME real\nreal IN A 192.0.2.10\n";
	check_buffers(o, &r, "a.zone", a, "c.zone", c, NULL);
	assert_int_equal(r.diags.count, 1);
	d = find_rule(&r, "srv-target-cname");
	assert_non_null(d);
	assert_int_equal(d->line, 3);
	assert_non_null(strstr(d->message, "c.zone:2"));
	sz_diag_list_clear(&r.diags);
	sz_check_options_free(o);
}

/* A zone with a bit of everything, long enough for many batches. */
static char *mixed_zone(size_t blocks)
{
	size_t cap = blocks * 600 + 256, len = 0;
	char *z = malloc(cap);
	assert_non_null(z);
	len += (size_t)snprintf(z + len, cap - len, "$ORIGIN contoso.com.\n$TTL 3600\n@ IN SOA ns h 1 2 3 4 5\n");
	for (size_t i = 0; i < blocks; i++) {
		switch (i % 7) {
		case 0:
			len += (size_t)snprintf(z + len, cap - len,
				"_sipfederationtls._tcp.d%zu IN SRV 0 0 5061 sip.d%zu\nsip.d%zu IN A 192.0.2.1\n", i, i, i);
			break;
		case 1:
			len += (size_t)snprintf(z + len, cap - len,
				"_sip._tls.d%zu IN SRV 0 0 443 sip.fabrikam.com.\n", i);
			break;
		case 2:
			len += (size_t)snprintf(z + len, cap - len,
				"_sip._tls.d%zu IN SRV 0 0 443 nowhere.d%zu\nbad%zu IN A 300.1.1.1\n", i, i, i);
			break;
		case 3:
			len += (size_t)snprintf(z + len, cap - len,
				"x%zu 300 IN A 192.0.2.1\nx%zu 600 IN A 192.0.2.2\ny%zu.example.net IN A 192.0.2.9\n", i, i, i);
			break;
		case 4:
			len += (size_t)snprintf(z + len, cap - len,
				"al.d%zu IN CNAME sip.d%zu\n_xmpp-server._tcp.d%zu IN SRV 0 0 5269 al.d%zu\n", i, i - 4, i, i);
			break;
		case 5:
			len += (size_t)snprintf(z + len, cap - len,
				"_sipfederationtls._tcp.d%zu IN SRV 0 0 5061 sipfed.online.lync.com.\n", i);
			break;
		default:
			len += (size_t)snprintf(z + len, cap - len, "c%zu IN CNAME x\nc%zu IN TXT \"t\"\n", i, i);
			break;
		}
	}
	return z;
}

static void assert_same(const run *a, const run *b)
{
	assert_int_equal(a->diags.count, b->diags.count);
	for (size_t i = 0; i < a->diags.count; i++) {
		const sz_diag *x = &a->diags.items[i], *y = &b->diags.items[i];
		assert_string_equal(x->rule, y->rule);
		assert_int_equal(x->line, y->line);
		assert_int_equal(x->severity, y->severity);
		assert_string_equal(x->message, y->message);
	}
	assert_int_equal(a->stats.records, b->stats.records);
}

/* Names whose addresses are elsewhere: wildcards, delegations, other zones. */
static void test_no_address_scope(void **state)
{
	(void)state;
	sz_check_options *o = new_options();
	const char *z = "$ORIGIN contoso.com.\n@ IN SOA ns h 1 2 3 4 5\n"
			"_sip._tcp.w IN SRV 0 0 5060 sip.w\n*.w IN A 192.0.2.1\n"
			"_sip._tcp.sub IN SRV 0 0 5060 sip.sub\nsub IN NS ns.example.net.\n"
			"_sip._tcp.out IN SRV 0 0 5060 sip.fabrikam.com.\n"
			"_sip._tcp.gap IN SRV 0 0 5060 sip.gap\n";
	run r;
	check_buffers(o, &r, "contoso.com.zone", z, NULL);
	assert_int_equal(count_rule(&r, "srv-target-no-address"), 1);
	const sz_diag *d = find_rule(&r, "srv-target-no-address");
	assert_int_equal(d->line, 8);
	assert_non_null(strstr(d->message, "sip.gap.contoso.com."));
	sz_diag_list_clear(&r.diags);

	/* the delegated zone's own file is checked too: then its data counts */
	check_buffers(o, &r, "contoso.com.zone", z, "sub.contoso.com.zone",
		      "@ IN SOA ns h 1 2 3 4 5\nsip IN A 192.0.2.2\n", NULL);
	assert_int_equal(count_rule(&r, "srv-target-no-address"), 1);
	sz_diag_list_clear(&r.diags);
	check_buffers(o, &r, "contoso.com.zone", z, "sub.contoso.com.zone",
		      "@ IN SOA ns h 1 2 3 4 5\n", NULL);
	assert_int_equal(count_rule(&r, "srv-target-no-address"), 2);
	sz_diag_list_clear(&r.diags);
	sz_check_options_free(o);
}

static void test_threads_do_not_change_findings(void **state)
{
	(void)state;
	char *z = mixed_zone(7 * 3000);
	sz_check_options *o = new_options();
	sz_check_options_set_max_errors(o, 0);
	run r0, r2, r3, rl;
	sz_check_options_set_threads(o, 0);
	check_buffers(o, &r0, "contoso.com.zone", z, NULL);
	sz_check_options_set_threads(o, 2);
	check_buffers(o, &r2, "contoso.com.zone", z, NULL);
	sz_check_options_set_threads(o, 3);
	check_buffers(o, &r3, "contoso.com.zone", z, NULL);
	sz_check_options_set_threads(o, 2);
	sz_check_options_set_ldns_only(o, true);
	check_buffers(o, &rl, "contoso.com.zone", z, NULL);
	assert_true(r0.diags.count > 7 * 3000 / 2);
	assert_same(&r0, &r2);
	assert_same(&r0, &r3);
	assert_same(&r0, &rl);
	/* every kind of block produced its finding */
	assert_int_equal(count_rule(&r0, "srv-target-outside-namespace"), 3000);
	assert_int_equal(count_rule(&r0, "srv-target-no-address"), 3000);
	assert_int_equal(count_rule(&r0, "syntax"), 3000);
	assert_int_equal(count_rule(&r0, "ttl-mismatch"), 3000);
	assert_int_equal(count_rule(&r0, "srv-target-cname"), 3000);
	assert_int_equal(count_rule(&r0, "srv-target-hosted"), 3000);
	assert_int_equal(count_rule(&r0, "cname-and-other-data"), 3000);
	assert_int_equal(count_rule(&r0, "missing-trailing-dot"), 3000);
	sz_diag_list_clear(&r0.diags);
	sz_diag_list_clear(&r2.diags);
	sz_diag_list_clear(&r3.diags);
	sz_diag_list_clear(&rl.diags);
	free(z);
	sz_check_options_free(o);
}

static void test_max_errors(void **state)
{
	(void)state;
	char *z = mixed_zone(7 * 3000);
	sz_check_options *o = new_options();
	sz_check_options_set_max_errors(o, 5);
	sz_check_options_set_threads(o, 2);
	run r;
	check_buffers(o, &r, "contoso.com.zone", z, "second.contoso.com", "x IN A 1.2.3.4.5\n", NULL);
	assert_int_equal(r.read_status, SZ_ERR_LIMIT);
	assert_true(r.stats.stopped);
	assert_int_equal(r.stats.syntax_errors, 5);
	assert_int_equal(count_rule(&r, "syntax"), 5);
	/* nothing after the fifth error: not even its block's later findings */
	const sz_diag *last = &r.diags.items[r.diags.count - 1];
	assert_string_equal(last->rule, "syntax");
	assert_int_equal(count_rule(&r, "srv-target-no-address"), 0);
	sz_diag_list_clear(&r.diags);

	sz_check_options_set_max_errors(o, 0); /* no limit */
	check_buffers(o, &r, "contoso.com.zone", z, NULL);
	assert_false(r.stats.stopped);
	assert_int_equal(count_rule(&r, "syntax"), 3000);
	sz_diag_list_clear(&r.diags);
	free(z);
	sz_check_options_free(o);
}

static void test_options(void **state)
{
	(void)state;
	const char *z = "$ORIGIN contoso.com.\n_sip._tls IN SRV 0 0 443 edge.example.net.\n"
			"_sipfederationtls._tcp IN SRV 0 0 5061 sipfed.hoster.example.\n";
	sz_check_options *o = new_options();
	run r;
	check_buffers(o, &r, "z", z, NULL);
	assert_int_equal(count_rule(&r, "srv-target-outside-namespace"), 2);
	assert_int_equal(count_rule(&r, "client-strict-naming"), 1);
	sz_diag_list_clear(&r.diags);

	const char *allow[] = { "SIPFED.hoster.example" };
	sz_check_options_set_allow_targets(o, allow, 1);
	assert_int_equal(sz_check_options_disable(o, SZ_RULE_CLIENT_STRICT_NAMING), SZ_OK);
	assert_int_equal(sz_check_options_set_severity(o, SZ_RULE_SRV_TARGET_OUTSIDE_NAMESPACE,
						       SZ_SEV_INFO), SZ_OK);
	/* only the checker's own rules can be disabled or changed */
	assert_int_equal(sz_check_options_disable(o, SZ_RULE_IO), SZ_ERR_USAGE);
	assert_int_equal(sz_check_options_disable(o, SZ_RULE_UNKNOWN_KEY), SZ_ERR_USAGE);
	assert_int_equal(sz_check_options_disable(o, SZ_RULE_COUNT), SZ_ERR_USAGE);
	assert_int_equal(sz_check_options_set_severity(o, SZ_RULE_TTL_MISMATCH, (sz_severity)9),
			 SZ_ERR_USAGE);
	check_buffers(o, &r, "z", z, NULL);
	assert_int_equal(r.diags.count, 2);
	assert_int_equal(count_rule(&r, "srv-target-hosted"), 1);
	const sz_diag *d = find_rule(&r, "srv-target-outside-namespace");
	assert_non_null(d);
	assert_int_equal(d->severity, SZ_SEV_INFO);
	assert_int_equal(r.diags.errors, 0);
	sz_diag_list_clear(&r.diags);

	/* bad option values are usage errors with a diagnostic */
	const char *bad[] = { "not a name.." };
	sz_check_options_set_allow_targets(o, bad, 1);
	sz_checker *c = NULL;
	sz_diag_list_init(&r.diags);
	assert_int_equal(sz_checker_new(o, &c, &r.diags), SZ_ERR_USAGE);
	assert_null(c);
	assert_int_equal(r.diags.count, 1);
	assert_int_equal(sz_diag_kind(&r.diags.items[0]), SZ_RULE_KIND_USAGE);
	assert_int_equal(sz_diag_list_exit_code(&r.diags, false), SZ_EXIT_FAILURE);
	sz_diag_list_clear(&r.diags);
	sz_check_options_free(o);
}

/*
 * --view: view-mismatch per record of a one-view owner, silent without a
 * view; hosted-service targets (any case, GCC High, webdir too) and '.'
 * exempt; a view outside the enum is a usage error.
 */
static void test_views(void **state)
{
	(void)state;
	const char *z = "$ORIGIN contoso.com.\n"
			"_sip._tls IN SRV 0 0 443 sip.contoso.com.\n"
			"LyncDiscover IN CNAME WEBDIR.online.gov.skypeforbusiness.us.\n"
			"_xmpp-server._tcp IN SRV 0 0 0 .\n"
			"_sipinternaltls._tcp IN SRV 0 0 5061 sip.contoso.com.\n"
			"sipinternal IN TXT \"not a service record\"\n"
			"lyncdiscover.sub IN A 192.0.2.2\n"
			"sip IN A 192.0.2.1\n";
	sz_check_options *o = new_options();
	run r;
	check_buffers(o, &r, "z", z, NULL);
	assert_int_equal(count_rule(&r, "view-mismatch"), 0);
	sz_diag_list_clear(&r.diags);

	assert_int_equal(sz_check_options_set_view(o, SZ_VIEW_INTERNAL), SZ_OK);
	check_buffers(o, &r, "z", z, NULL);
	assert_int_equal(count_rule(&r, "view-mismatch"), 2);   /* _sip._tls, lyncdiscover.sub */
	const sz_diag *d = find_rule(&r, "view-mismatch");
	assert_int_equal(d->line, 2);
	assert_int_equal(d->severity, SZ_SEV_WARNING);
	assert_non_null(strstr(d->message, "external view"));
	sz_diag_list_clear(&r.diags);

	assert_int_equal(sz_check_options_set_view(o, SZ_VIEW_EXTERNAL), SZ_OK);
	check_buffers(o, &r, "z", z, NULL);
	assert_int_equal(count_rule(&r, "view-mismatch"), 1);   /* _sipinternaltls; the TXT is left alone */
	d = find_rule(&r, "view-mismatch");
	assert_int_equal(d->line, 5);
	sz_diag_list_clear(&r.diags);

	assert_int_equal(sz_check_options_set_view(o, (sz_view)7), SZ_ERR_USAGE);
	sz_check_options_free(o);
}

/* The built-in hosting providers are sz_is_hosted_target()'s, each for its
 * own service: webdir serves no SRV (issue 12). */
static void test_hosted_targets(void **state)
{
	(void)state;
	const char *z = "$ORIGIN contoso.com.\n"
			"_sipfederationtls._tcp IN SRV 100 1 5061 sipfed.online.gov.skypeforbusiness.us.\n"
			"_sipfederationtls._tcp.a IN SRV 100 1 5061 webdir.online.lync.com.\n"
			"_sip._tls IN SRV 100 1 443 SIPDIR.online.lync.com.\n"
			"_sip._tls.b IN SRV 100 1 443 sipdir.online.lync.com.evil.example.\n";
	sz_check_options *o = new_options();
	run r;
	check_buffers(o, &r, "z", z, NULL);
	assert_int_equal(count_rule(&r, "srv-target-hosted"), 2);
	assert_int_equal(count_rule(&r, "srv-target-hosted-wrong-service"), 1);
	assert_int_equal(count_rule(&r, "srv-target-outside-namespace"), 1);
	assert_int_equal(count_rule(&r, "client-strict-naming"), 1);
	sz_diag_list_clear(&r.diags);
	sz_check_options_free(o);
}

static void test_fatal_statuses(void **state)
{
	(void)state;
	sz_check_options *o = new_options();
	sz_check_options_set_threads(o, 0);
	run r;
	/* the first file is fine, the second has no origin: its findings stay */
	check_buffers(o, &r, "contoso.com.zone", "_sip._tls IN SRV 0 0 443 sip.fabrikam.com.\n",
		      "records.txt", "\nsip IN A 192.0.2.1\n", NULL);
	assert_int_equal(r.read_status, SZ_ERR_ORIGIN);
	assert_int_equal(count_rule(&r, "srv-target-outside-namespace"), 1);
	const sz_diag *d = find_rule(&r, "origin");
	assert_non_null(d);
	assert_string_equal(d->file, "records.txt");
	assert_int_equal(d->line, 2);
	sz_diag_list_clear(&r.diags);

	sz_checker *c = NULL;
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	assert_int_equal(sz_checker_new(o, &c, &diags), SZ_OK);
	assert_int_equal(sz_checker_read_file(c, "/nonexistent/contoso.com.zone", &diags), SZ_ERR_IO);
	assert_non_null(diags.items);
	assert_string_equal(diags.items[0].rule, "io");
	/* an unreadable file ends its own reading only (issue 13): the next one
	 * is read and the rules across records run on what was read */
	assert_int_equal(sz_checker_read_buffer(c, "contoso.com.zone",
						"_sip._tls IN SRV 0 0 443 sip\n", 29, &diags), SZ_OK);
	assert_int_equal(sz_checker_finish(c, &diags), SZ_OK);
	const sz_diag *na = NULL;
	for (size_t i = 0; i < diags.count; i++)
		if (strcmp(diags.items[i].rule, "srv-target-no-address") == 0)
			na = &diags.items[i];
	assert_non_null(na);
	assert_string_equal(na->file, "contoso.com.zone");
	sz_check_file f;
	assert_int_equal(sz_checker_file_count(c), 2);
	assert_true(sz_checker_file_get(c, 0, &f));
	assert_string_equal(f.name, "/nonexistent/contoso.com.zone");
	assert_false(f.read);
	assert_true(sz_checker_file_get(c, 1, &f));
	assert_true(f.read);
	assert_string_equal(f.origin, "contoso.com.");
	assert_int_equal(f.origin_source, SZ_ORIGIN_FILE_NAME);
	assert_string_equal(sz_origin_source_name(f.origin_source), "file-name");
	assert_false(sz_checker_file_get(c, 2, &f));
	sz_checker_free(c);
	sz_diag_list_clear(&diags);
	sz_check_options_free(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_files_are_one_namespace),
		cmocka_unit_test(test_no_address_scope),
		cmocka_unit_test(test_threads_do_not_change_findings),
		cmocka_unit_test(test_max_errors),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_fatal_statuses),
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_hosted_targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
