/*
 * fuzz_check.c: bytes -> zone text -> findings, and what must hold.
 *
 * The input is the zone file `<fixtures>/contoso.com.zone` (its origin comes
 * from the name), read by three checkers:
 *   A  one thread, with a model (cert-san-missing, model-record-missing);
 *   B  the same with two parser threads: exactly the same findings as A;
 *   C  one thread, no model, --origin and --max-errors 2: the stop path;
 *   L  A with --ldns-only: exactly the same findings as A (the fast record
 *      parser reads what ldns_rr_new_frm_str() reads, issue 18).
 * Each read returns SZ_OK or SZ_ERR_LIMIT, never a crash, a hang or a leak;
 * every finding has a known rule id and severity, the file it is in, a line
 * inside that file, and a message without control bytes (zone text is
 * quoted in messages and must not reach a terminal raw); the counts agree
 * with the findings; C reports at most two syntax errors.
 *
 * The fixture directory holds files for $INCLUDE to find: inc.zone (records),
 * loop.zone (includes itself) and sub/up.zone (includes ../inc.zone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_props.h"
#include "output_props.h"
#include "sipzone/check.h"
#include "sipzone/model.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

static char zone_name[128];
static sz_model *model;

static const char model_json[] =
	"{\"version\": 1, \"edge_pools\": {\"eu\": {\"access_edge\": \"sip.contoso.com\","
	" \"addresses\": [\"192.0.2.10\", \"2001:db8::10\"], \"certificate\": {\"subject\": \"sip.contoso.com\","
	" \"san\": [\"sip.contoso.com\", \"sip.fabrikam.com\", \"xmpp.contoso.com\"]}}},"
	" \"sip_domains\": [{\"domain\": \"contoso.com\", \"edge_pool\": \"eu\", \"xmpp\": true},"
	" {\"domain\": \"fabrikam.com\", \"edge_pool\": \"eu\", \"federation\": \"direct\"}]}";

static void free_model(void)
{
	sz_model_free(model);
}

static void setup(void)
{
	snprintf(zone_name, sizeof(zone_name), "%s/contoso.com.zone", fz_fixtures());
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	FZ_PROP(sz_model_load_buffer(model_json, strlen(model_json), "model.json", &model, &diags) == SZ_OK,
		"the fixed model does not load");
	sz_diag_list_clear(&diags);
	atexit(free_model);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setup();
	return 0;
}

/* Lines of a file a finding names, when the harness knows them. */
static bool known_lines(const char *file, const uint8_t *data, size_t size, size_t *lines)
{
	if (strcmp(file, zone_name) == 0) {
		*lines = fz_count_lines((const char *)data, size);
		return true;
	}
	return fz_fixture_lines(file, lines);
}

static bool printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; s != NULL && *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static void check_findings(const char *run, const uint8_t *data, size_t size,
			   const sz_diag_list *d)
{
	size_t errors = 0, warnings = 0, infos = 0;
	for (size_t i = 0; i < d->count; i++) {
		const sz_diag *f = &d->items[i];
		sz_rule rule;
		FZ_PROP(f->rule != NULL && (sz_rule_find(f->rule, &rule) == SZ_OK ||
					    strcmp(f->rule, "io") == 0 || strcmp(f->rule, "origin") == 0),
			"%s: unknown rule '%s'", run, f->rule ? f->rule : "(null)");
		FZ_PROP(f->severity >= SZ_SEV_INFO && f->severity <= SZ_SEV_ERROR, "%s: severity %d", run,
			(int)f->severity);
		FZ_PROP(f->message != NULL && f->message[0] != '\0', "%s: empty message", run);
		FZ_PROP(printable(f->message) && printable(f->owner) && printable(f->type),
			"%s: control bytes in finding %s at line %zu: '%s'", run, f->rule, f->line, f->message);
		size_t lines;
		if (f->file != NULL && known_lines(f->file, data, size, &lines))
			FZ_PROP(f->line <= lines, "%s: %s:%zu: %s past the end (%zu lines)", run, f->file,
				f->line, f->rule, lines);
		errors += f->severity == SZ_SEV_ERROR;
		warnings += f->severity == SZ_SEV_WARNING;
		infos += f->severity == SZ_SEV_INFO;
	}
	fz_check_diag_output(run, d);
	FZ_PROP(errors == d->errors && warnings == d->warnings && infos == d->infos,
		"%s: counts %zu/%zu/%zu, findings %zu/%zu/%zu", run, d->errors, d->warnings, d->infos,
		errors, warnings, infos);
}

typedef struct run_result {
	sz_diag_list diags;
	sz_check_stats stats;
} run_result;

static void run(const char *what, const sz_check_options *o, const uint8_t *data, size_t size,
		run_result *r)
{
	sz_checker *c = NULL;
	sz_diag_list_init(&r->diags);
	FZ_PROP(sz_checker_new(o, &c, &r->diags) == SZ_OK, "%s: checker_new failed", what);
	sz_status st = sz_checker_read_buffer(c, zone_name, (const char *)data, size, &r->diags);
	if (st != SZ_OK && st != SZ_ERR_LIMIT)
		fz_print_diags(what, &r->diags);
	FZ_PROP(st == SZ_OK || st == SZ_ERR_LIMIT, "%s: read returned %s", what, sz_status_name(st));
	sz_status fs = sz_checker_finish(c, &r->diags);
	sz_checker_get_stats(c, &r->stats);
	FZ_PROP(fs == (r->stats.stopped ? SZ_ERR_LIMIT : SZ_OK), "%s: finish returned %s (stopped %d)",
		what, sz_status_name(fs), r->stats.stopped);
	FZ_PROP((st == SZ_ERR_LIMIT) == r->stats.stopped, "%s: read %s, stopped %d", what,
		sz_status_name(st), r->stats.stopped);
	FZ_PROP(r->stats.files == 1 && r->stats.files_read >= 1, "%s: stats files %zu read %zu", what,
		r->stats.files, r->stats.files_read);
	sz_checker_free(c);
	check_findings(what, data, size, &r->diags);
}

static void finding_keys(const sz_diag_list *d, fz_strs *keys)
{
	for (size_t i = 0; i < d->count; i++) {
		const sz_diag *f = &d->items[i];
		fz_strs_addf(keys, "%s:%zu: %s [%s] %s/%s: %.1500s", f->file ? f->file : "-", f->line,
			     sz_severity_name(f->severity), f->rule, f->owner ? f->owner : "-",
			     f->type ? f->type : "-", f->message);
	}
	fz_strs_sort(keys);
}

/* `a` and `b`, named `na` and `nb`, report the same. */
static void expect_same_findings(const run_result *a, const char *na, const run_result *b, const char *nb)
{
	fz_strs ka = { 0 }, kb = { 0 };
	finding_keys(&a->diags, &ka);
	finding_keys(&b->diags, &kb);
	bool same = ka.n == kb.n;
	for (size_t i = 0; same && i < ka.n; i++)
		same = strcmp(ka.v[i], kb.v[i]) == 0;
	if (!same) {
		fz_print_diags(na, &a->diags);
		fz_print_diags(nb, &b->diags);
	}
	FZ_PROP(same, "the findings differ: %s, %s", na, nb);
	FZ_PROP(a->stats.records == b->stats.records && a->stats.syntax_errors == b->stats.syntax_errors,
		"stats differ: %s, %s", na, nb);
	fz_strs_free(&ka);
	fz_strs_free(&kb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (model == NULL)
		setup();
	sz_check_options *o = NULL;
	FZ_PROP(sz_check_options_new(&o) == SZ_OK, "check_options_new failed");
	sz_check_options_set_threads(o, 0);
	sz_check_options_set_model(o, model);
	run_result a, b, c, l;
	run("one thread", o, data, size, &a);
	sz_check_options_set_threads(o, 2);
	run("two threads", o, data, size, &b);
	expect_same_findings(&a, "one thread", &b, "two threads");
	/* the fast record parser reads what ldns_rr_new_frm_str() reads (issue 18) */
	sz_check_options_set_threads(o, 0);
	sz_check_options_set_ldns_only(o, true);
	run("ldns only", o, data, size, &l);
	expect_same_findings(&a, "fast parser", &l, "ldns only");
	sz_check_options_free(o);

	static const char *const allow[] = { "sip.partner.example" };
	FZ_PROP(sz_check_options_new(&o) == SZ_OK, "check_options_new failed");
	sz_check_options_set_threads(o, 0);
	sz_check_options_set_origin(o, "fabrikam.com");
	sz_check_options_set_max_errors(o, 2);
	sz_check_options_set_allow_targets(o, allow, 1);
	sz_check_options_disable(o, SZ_RULE_TTL_MISMATCH);
	sz_check_options_set_severity(o, SZ_RULE_SRV_PORT_UNUSUAL, SZ_SEV_ERROR);
	run("max-errors 2", o, data, size, &c);
	sz_check_options_free(o);
	size_t syntax = 0;
	for (size_t i = 0; i < c.diags.count; i++) {
		const sz_diag *f = &c.diags.items[i];
		syntax += strcmp(f->rule, "syntax") == 0 && f->severity == SZ_SEV_ERROR;
		FZ_PROP(strcmp(f->rule, "ttl-mismatch") != 0, "a disabled rule fired");
		if (strcmp(f->rule, "srv-port-unusual") == 0)
			FZ_PROP(f->severity == SZ_SEV_ERROR, "--severity was not applied");
	}
	FZ_PROP(syntax <= 2, "%zu syntax errors with --max-errors 2", syntax);
	sz_diag_list_clear(&a.diags);
	sz_diag_list_clear(&b.diags);
	sz_diag_list_clear(&c.diags);
	sz_diag_list_clear(&l.diags);
	return 0;
}
