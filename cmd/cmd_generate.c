/*
 * cmd_generate.c: `sipzone generate MODEL [-o DIR [--check] [--prune]]`.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "diff_print.h"
#include "generate_plan.h"
#include "markdown.h"
#include "sipzone/diff.h"
#include "sipzone/exports.h"
#include "sipzone/model.h"
#include "sipzone/outdir.h"
#include "sipzone/records.h"
#include "sipzone/serial.h"
#include "sipzone/zone_json.h"
#include "sipzone/zone_text.h"

void sz_cmd_generate_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone generate [options] MODEL\n"
		"\n"
		"Read the JSON model MODEL (- for standard input), check it, and write one\n"
		"BIND zone snippet per SIP domain: the SRV records for federation\n"
		"(_sipfederationtls._tcp), remote access (_sip._tls) and XMPP\n"
		"(_xmpp-server._tcp), the A/AAAA records of the access hosts and edge\n"
		"pool hosts, the web services' simple URLs (lyncdiscover, meet, dialin,\n"
		"admin), and Microsoft's records for domains hosted by Microsoft 365. Output is canonical: the same model gives the same bytes, in\n"
		"any order or case of its input. Nothing is written if the model has a\n"
		"problem; every problem is reported as FILE:LINE:COL: error: PATH: TEXT [RULE].\n"
		"\n"
		"options:\n"
		"  -o, --output DIR  write DIR/<zone>.zone for each snippet (DIR is created\n"
		"                    if needed); files are replaced atomically and only when\n"
		"                    their content changes. Without -o, all snippets go to\n"
		"                    standard output in canonical zone order.\n"
		"      --check       with -o: write nothing; answer whether the same command\n"
		"                    without --check would change anything: list each file\n"
		"                    that would be created, changed or (with --prune)\n"
		"                    removed and show, as DNS data, the records that would\n"
		"                    change (the output of sipzone diff); exit 1 if any.\n"
		"                    Stale files (sipzone's, no longer produced) are a note\n"
		"                    without --prune. --format markdown: Markdown tables for\n"
		"                    a pull-request comment; --format json: the plan as\n"
		"                    data (files with create/change/remove/stale and the\n"
		"                    records of each, as sipzone diff --format json)\n"
		"      --prune       with -o: delete .zone files in DIR that carry sipzone's\n"
		"                    header and that the model no longer produces\n"
		"      --format FMT  zone (default): BIND zone text; json: the records as a\n"
		"                    JSON array of {zone, name, ttl, class, type, rdata} on\n"
		"                    standard output (with -o only with --check). Exports for\n"
		"                    other tools,\n"
		"                    on standard output or with -o into DIR (all or nothing):\n"
		"                    octodns: DIR/<zone>.yaml for octoDNS's YamlProvider\n"
		"                    terraform: DIR/sipzone.tf.json for hashicorp/dns\n"
		"                    dnscontrol: DIR/dnsconfig.js, --view as split horizon\n"
		"                    powershell: DIR/<zone>.ps1, DnsServer module, -ZoneScope\n"
		"                    An export that cannot say which view it holds takes\n"
		"                    the external view only.\n"
		"      --dnscontrol-provider NAME\n"
		"                    the DnsProvider() of --format dnscontrol: an entry of\n"
		"                    creds.json (default: the placeholder SIPZONE_DNS_PROVIDER)\n"
		"      --view VIEW   external (default) or internal: the records each side of\n"
		"                    a split-brain DNS needs. internal: _sipinternaltls._tcp,\n"
		"                    sip and sipinternal to the front-end pool, the mobile\n"
		"                    push federation SRV, lyncdiscoverinternal; only domains\n"
		"                    with a front_end_pool (and hosted ones) get a zone.\n"
		"                    With -o, a given view writes DIR/VIEW/<zone>.zone.\n"
		"      --serial N    the SOA serial of complete zones (a model's \"zones\"),\n"
		"                    as it is, for reproducible builds; refused (exit 2) when\n"
		"                    it is behind the serial of a file in DIR\n"
		"      --force-serial  with --serial: write N even when it goes backwards\n"
		"      --serial-format date|counter|unixtime\n"
		"                    how serials move when a complete zone changes (default\n"
		"                    date: YYYYMMDDnn). An unchanged zone keeps its serial; a\n"
		"                    changed one gets max(now, old + 1) in RFC 1982 serial\n"
		"                    arithmetic. SOURCE_DATE_EPOCH, if set, is \"now\".\n"
		"  -q, --quiet       with -o: no summary line; with --check: print nothing\n"
		"                    (the exit code answers)\n"
		"  -h, --help        show this help\n"
		"\n");
	sz_print_exit_codes(fp, "the model is invalid, or --check found files that differ");
}

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* Let SIGINT/SIGTERM end the run between files, never half-way through. */
static void catch_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

typedef struct gen_opts {
	const char *model;
	const char *dir;
	bool check;
	bool prune;
	bool quiet;
	bool json;
	bool markdown;       /* --check --format markdown: the report as Markdown */
	bool export;         /* --format with one of the library's exports */
	sz_export_options export_opt;
	bool has_view;
	sz_view view;
	char *view_dir;      /* DIR/<view> when a view is given */
	sz_serial_policy serial;
} gen_opts;

static bool parse_u32(const char *s, uint32_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v > 0xffffffffull || s[0] == '-')
		return false;
	*out = (uint32_t)v;
	return true;
}

/* "Now" for serials: SOURCE_DATE_EPOCH when set (reproducible builds). */
static int serial_now(time_t *now)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	uint32_t v;
	if (e == NULL) {
		*now = time(NULL);
		return SZ_EXIT_OK;
	}
	if (!parse_u32(e, &v))
		return sz_usage_error("generate", "SOURCE_DATE_EPOCH='%s' is not a number of seconds", e);
	*now = (time_t)v;
	return SZ_EXIT_OK;
}

static int parse_value_opt(int ch, const char *arg, gen_opts *o)
{
	if (ch == 'f') {
		o->export = sz_export_format_parse(arg, &o->export_opt.format);
		if (o->export || strcmp(arg, "json") == 0 || strcmp(arg, "zone") == 0) {
			o->json = strcmp(arg, "json") == 0;
			return SZ_EXIT_OK;
		}
		return sz_usage_error("generate", "--format is zone, json or an export (try "
				      "'sipzone help generate'), not '%s'", arg);
	}
	if (ch == 'P') {
		o->export_opt.dnscontrol_provider = arg;
		return SZ_EXIT_OK;
	}
	if (ch == 's') {
		o->serial.forced = true;
		if (parse_u32(arg, &o->serial.value))
			return SZ_EXIT_OK;
		return sz_usage_error("generate", "--serial needs a number 0..4294967295, not '%s'", arg);
	}
	if (ch == 'V') {
		o->has_view = true;
		return sz_parse_view("generate", arg, &o->view);
	}
	if (sz_serial_format_parse(arg, &o->serial.format))
		return SZ_EXIT_OK;
	return sz_usage_error("generate", "--serial-format is date, counter or unixtime, not '%s'", arg);
}

static int parse_args(int argc, char **argv, gen_opts *o)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "check", no_argument, NULL, 'c' },
		{ "prune", no_argument, NULL, 'p' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "format", required_argument, NULL, 'f' },
		{ "serial", required_argument, NULL, 's' },
		{ "serial-format", required_argument, NULL, 'S' },
		{ "force-serial", no_argument, NULL, 'F' },
		{ "view", required_argument, NULL, 'V' },
		{ "dnscontrol-provider", required_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o': o->dir = optarg; break;
		case 'c': o->check = true; break;
		case 'p': o->prune = true; break;
		case 'q': o->quiet = true; break;
		case 'F': o->serial.allow_backwards = true; break;
		case 'f':
			if (strcmp(optarg, "markdown") == 0) {  /* how --check reports, not an export */
				o->markdown = true;
				break;
			}
			/* fall through */
		case 's':
		case 'S':
		case 'V':
		case 'P':
			if (parse_value_opt(ch, optarg, o) != SZ_EXIT_OK)
				return SZ_EXIT_FAILURE;
			break;
		case 'h': sz_cmd_generate_help(stdout); return -1;
		default: return sz_usage_error("generate", "try 'sipzone help generate'");
		}
	}
	if (optind != argc - 1)
		return sz_usage_error("generate", "expected exactly one MODEL file (try 'sipzone help generate')");
	o->model = argv[optind];
	if ((o->check || o->prune) && o->dir == NULL)
		return sz_usage_error("generate", "--check and --prune need -o DIR");
	if (o->markdown && !o->check)
		return sz_usage_error("generate", "--format markdown is the report of --check; add --check");
	if (o->json && o->dir != NULL && !o->check)
		return sz_usage_error("generate", "--format json writes to standard output; drop -o "
				      "(or add --check for the plan as JSON)");
	if (o->serial.allow_backwards && !o->serial.forced)
		return sz_usage_error("generate", "--force-serial goes with --serial N");
	if (o->export && (o->check || o->prune))
		return sz_usage_error("generate", "--check and --prune are for zone files, not --format %s",
				      sz_export_format_name(o->export_opt.format));
	if (o->export_opt.dnscontrol_provider != NULL &&
	    (!o->export || o->export_opt.format != SZ_EXPORT_DNSCONTROL))
		return sz_usage_error("generate", "--dnscontrol-provider goes with --format dnscontrol");
	o->export_opt.view = o->view;
	if (o->export && !sz_export_supports_view(o->export_opt.format, o->view))
		return sz_usage_error("generate", "--format %s cannot say which view its records are "
				      "for; write --view %s as zone files or with an export that can "
				      "(try 'sipzone help generate')",
				      sz_export_format_name(o->export_opt.format), sz_view_name(o->view));
	if (o->has_view && o->dir != NULL) {
		size_t n = strlen(o->dir) + strlen(sz_view_name(o->view)) + 2;
		if ((o->view_dir = malloc(n)) == NULL)
			return sz_usage_error("generate", "out of memory");
		snprintf(o->view_dir, n, "%s/%s", o->dir, sz_view_name(o->view));
		o->dir = o->view_dir;
	}
	return serial_now(&o->serial.now);
}

typedef struct stdout_ctx {
	const char *source;
	const sz_serial_policy *serial;
	sz_text text;
	bool first;
} stdout_ctx;

/* The array's elements, one snippet per write (the library streams them
 * into one text, no JSON tree; issue 18). */
static sz_status print_json_snippet(sz_snippet *snippet_take, void *ctx)
{
	stdout_ctx *c = ctx;
	snippet_take->serial = sz_serial_next(c->serial, false, 0);
	c->text.len = 0;
	sz_status s = sz_snippet_write_json(snippet_take, &c->text);
	sz_snippet_free(snippet_take);
	if (s != SZ_OK || c->text.len == 0)
		return s;
	if (fputs(c->first ? "[\n" : ",\n", stdout) == EOF ||
	    fwrite(c->text.data, 1, c->text.len, stdout) != c->text.len)
		return SZ_ERR_IO;
	c->first = false;
	return interrupted ? SZ_ERR_INTERRUPTED : SZ_OK;
}

static sz_status print_snippet(sz_snippet *snippet_take, void *ctx)
{
	stdout_ctx *c = ctx;
	snippet_take->serial = sz_serial_next(c->serial, false, 0);
	c->text.len = 0;
	sz_status s = sz_snippet_write_text(snippet_take, c->source, &c->text);
	sz_snippet_free(snippet_take);
	if (s != SZ_OK)
		return s;
	if ((!c->first && fputc('\n', stdout) == EOF) ||
	    fwrite(c->text.data, 1, c->text.len, stdout) != c->text.len)
		return SZ_ERR_IO;
	c->first = false;
	return interrupted ? SZ_ERR_INTERRUPTED : SZ_OK;
}

static int to_stdout(const gen_opts *o, const sz_model *model)
{
	stdout_ctx c = { .source = model->source, .serial = &o->serial, .first = true };
	/* One write(2) per 64 KB rather than per stdio block (4 KB to a file
	 * or pipe): nothing has been written to standard output before. */
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
	sz_status s = sz_snippets_each_view(model, o->view,
					    o->json ? print_json_snippet : print_snippet, &c);
	sz_text_free(&c.text);
	if (s == SZ_OK && o->json && fputs(c.first ? "[]\n" : "\n]\n", stdout) == EOF)
		s = SZ_ERR_IO;
	if (s == SZ_OK && fflush(stdout) != 0)
		s = SZ_ERR_IO;
	if (s == SZ_OK)
		return SZ_EXIT_OK;
	if (s == SZ_ERR_IO)
		return sz_usage_error("generate", "cannot write to standard output");
	return sz_usage_error("generate", "%s", sz_status_str(s));
}

static void print_path(const char *dir, const char *name)
{
	sz_text_fputs(dir, stdout);
	putchar('/');
	sz_text_fputs(name, stdout);
}

/* --check answers one question: would the same command without --check
 * change anything? A stale file (sipzone's, no longer produced) is removed
 * only with --prune; without it, it is a note and no change. */
static size_t would_remove(const gen_opts *o, const sz_outdir_report *r)
{
	return o->prune ? r->removed : 0;
}

static void print_report(const gen_opts *o, const sz_outdir_report *r)
{
	if (o->check) {
		for (size_t i = 0; i < r->count; i++) {
			const sz_file_change *f = &r->items[i];
			if (f->action == SZ_FILE_UNCHANGED)
				continue;
			if (f->action == SZ_FILE_REMOVED && !o->prune) {
				fputs("note: ", stdout);
				print_path(o->dir, f->name);
				fputs(" is stale: the model no longer produces it (--prune removes it)\n",
				      stdout);
				continue;
			}
			printf("would %s ", sz_file_action_name(f->action));
			print_path(o->dir, f->name);
			putchar('\n');
		}
		printf("%zu to create, %zu to change, %zu to remove, %zu unchanged",
		       r->created, r->changed, would_remove(o, r), r->unchanged);
		if (!o->prune && r->removed > 0)
			printf(", %zu stale (use --prune)", r->removed);
		putchar('\n');
		return;
	}
	if (!o->quiet) {
		sz_text_fputs(o->dir, stdout);
		printf(": %zu created, %zu changed, %zu %s, %zu unchanged\n",
		       r->created, r->changed, r->removed, o->prune ? "removed" : "stale (use --prune)",
		       r->unchanged);
	}
}

/* --check: what would change, as DNS data (the same diff as sipzone diff).
 * A file that cannot be compared (say, a hand-broken zone) is still listed
 * by name; its problem is shown, not fatal. `diff_at[k]` is the file of the
 * diff for the k-th file that differs (-1: none), for the JSON plan. */
typedef struct check_ctx {
	sz_diff *diff;
	sz_diag_list notes;
	bool prune;
	long *diff_at;
	size_t n_at, cap_at;
} check_ctx;

static sz_status diff_change(const char *path, sz_file_action action, const char *text,
			     size_t len, void *ctx)
{
	check_ctx *c = ctx;
	if (c->n_at == c->cap_at) {
		size_t cap = c->cap_at ? c->cap_at * 2 : 16;
		long *at = realloc(c->diff_at, cap * sizeof(*at));
		if (at == NULL)
			return SZ_ERR_NOMEM;
		c->diff_at = at;
		c->cap_at = cap;
	}
	c->diff_at[c->n_at++] = -1;
	if (action == SZ_FILE_REMOVED && !c->prune)
		return SZ_OK; /* stale: stays, so no record would change */
	char label[4096];
	snprintf(label, sizeof(label), "%s (generated)", path);
	sz_diff_input old_in = { .name = path };
	sz_diff_input new_in = { .name = path, .text = text, .len = len, .label = label };
	sz_diff_options dopt = { .ignore_soa_serial = true };
	size_t before = c->diff->n_files;
	sz_status s = sz_diff_add(c->diff, action == SZ_FILE_CREATED ? NULL : &old_in,
				  action == SZ_FILE_REMOVED ? NULL : &new_in, &dopt, &c->notes);
	if (s == SZ_OK && c->diff->n_files > before)
		c->diff_at[c->n_at - 1] = (long)before;
	return s == SZ_ERR_NOMEM ? s : SZ_OK;
}

/* The report of --check in the format asked for; quiet prints nothing. */
static int print_check(const gen_opts *o, const sz_outdir_report *r, const check_ctx *cc)
{
	if (o->quiet)
		return 0;
	if (o->json)
		return sz_generate_plan_print(stdout, o->dir, o->prune, r, cc->diff, cc->diff_at);
	if (o->markdown) {
		sz_md_print_generate_check(stdout, o->dir, r, cc->diff, o->prune);
		return 0;
	}
	print_report(o, r);
	if (cc->diff != NULL && !sz_diff_equal(cc->diff)) {
		putchar('\n');
		sz_diff_print_text(stdout, cc->diff);
	}
	return 0;
}

static int to_dir(const gen_opts *o, const sz_model *model, sz_diag_list *diags)
{
	check_ctx cc = { .prune = o->prune };
	sz_diag_list_init(&cc.notes);
	sz_outdir_options opt = { .check = o->check, .prune = o->prune, .serial = o->serial,
				  .cancel = &interrupted, .view = o->view,
				  .no_follow_dir = o->has_view };
	if (o->check && sz_diff_new(&cc.diff) == SZ_OK) {
		opt.on_change = diff_change;
		opt.ctx = &cc;
	}
	sz_outdir_report report = { 0 };
	sz_status s = sz_outdir_generate(model, o->dir, &opt, &report, diags);
	int rc = SZ_EXIT_OK;
	/* what a killed run left, put right before this run began */
	if (report.recovered > 0) {
		fprintf(stderr, "%s generate: ", sz_progname);
		sz_text_fputs(o->dir, stderr);
		fprintf(stderr, ": completed the commit of an interrupted run (%zu files)\n",
			report.recovered);
	}
	if (report.stale_removed > 0) {
		fprintf(stderr, "%s generate: ", sz_progname);
		sz_text_fputs(o->dir, stderr);
		fprintf(stderr, ": removed %zu temporary files of an interrupted run\n",
			report.stale_removed);
	}
	if (s == SZ_OK) {
		bool out_ok = true;
		if (o->check)
			out_ok = print_check(o, &report, &cc) == 0;
		else
			print_report(o, &report);
		if (!o->quiet)
			sz_print_diags(stderr, &cc.notes, SZ_COLOR_AUTO);
		if (!out_ok || fflush(stdout) != 0 || ferror(stdout))
			rc = sz_usage_error("generate", "cannot write to standard output");
		if (rc == SZ_EXIT_OK && o->check &&
		    report.created + report.changed + would_remove(o, &report) > 0)
			rc = SZ_EXIT_PROBLEMS;
	} else {
		sz_print_diags(stderr, diags, SZ_COLOR_AUTO);
		rc = sz_usage_error("generate", "%s; nothing in %s was changed%s",
				    sz_status_str(s), o->dir,
				    report.recovered > 0 ? " but the interrupted run's commit" : "");
	}
	sz_outdir_report_clear(&report);
	sz_diff_free(cc.diff);
	sz_diag_list_clear(&cc.notes);
	free(cc.diff_at);
	return rc;
}

static sz_status print_export(const char *name, const char *text, size_t len, void *ctx)
{
	(void)name;
	(void)ctx;
	return fwrite(text, 1, len, stdout) == len ? SZ_OK : SZ_ERR_IO;
}

/* An export --format: the library writes. */
static int to_export(const gen_opts *o, const sz_model *model, sz_diag_list *diags)
{
	sz_status s;
	if (o->dir != NULL) {
		s = sz_export_write_dir(model, o->dir, &o->export_opt, diags);
		if (s == SZ_OK && !o->quiet)
			printf("%s: %s export written\n", o->dir,
			       sz_export_format_name(o->export_opt.format));
	} else {
		s = sz_export_each_file(model, &o->export_opt, true, print_export, NULL);
	}
	if (s == SZ_OK && fflush(stdout) != 0)
		s = SZ_ERR_IO;
	if (s == SZ_OK)
		return SZ_EXIT_OK;
	sz_print_diags(stderr, diags, SZ_COLOR_AUTO);
	if (s == SZ_ERR_USAGE)
		return sz_usage_error("generate", "--dnscontrol-provider takes letters, digits, "
				      "'_', '-' and '.'");
	if (o->dir != NULL)
		return sz_usage_error("generate", "%s; nothing in %s was changed", sz_status_str(s),
				      o->dir);
	return sz_usage_error("generate", "%s", sz_status_str(s));
}

int sz_cmd_generate(int argc, char **argv)
{
	gen_opts o = { 0 };
	int rc = parse_args(argc, argv, &o);
	if (rc != SZ_EXIT_OK) {
		free(o.view_dir);
		return rc < 0 ? SZ_EXIT_OK : rc;
	}
	catch_signals();
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_model *model = NULL;
	rc = sz_load_model_view("generate", o.model, o.json, "written", o.view, &model);
	if (rc == SZ_EXIT_OK && o.export)
		rc = to_export(&o, model, &diags);
	else if (rc == SZ_EXIT_OK)
		rc = o.dir != NULL ? to_dir(&o, model, &diags) : to_stdout(&o, model);
	sz_model_free(model);
	sz_diag_list_clear(&diags);
	free(o.view_dir);
	return rc;
}
