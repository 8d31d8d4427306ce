/*
 * cmd_check.c: `sipzone check`, the zone validator.
 *
 * Parses the options, feeds the files to a checker (include/sipzone/check.h)
 * and prints its findings as text or JSON. The exit code is decided here:
 * 0 no error, 1 errors (or warnings with --strict), 2 could not run.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "file_list.h"
#include "finding_sink.h"
#include "sarif.h"
#include "sipzone/check.h"
#include "sipzone/model.h"

#define VERB "check"

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

typedef struct check_args {
	sz_check_options *opts;
	size_t max_errors;
	const char **allow;
	size_t n_allow;
	const char *model_path;
	enum format format;
	enum sz_color color;
	bool strict;
	bool quiet;
	bool list_rules;
	char **args;        /* FILE arguments, directories not yet expanded */
	size_t n_args;
	const char **lists; /* --files-from, in order */
	size_t n_lists;
	bool nul;           /* --null: list entries end in NUL */
	sz_path_list paths; /* what is read: arguments and lists expanded */
} check_args;

enum {
	OPT_ORIGIN = 256, OPT_MAX_ERRORS, OPT_ALLOW_TARGET, OPT_MODEL, OPT_FORMAT,
	OPT_COLOR, OPT_STRICT, OPT_RULES, OPT_DISABLE, OPT_SEVERITY, OPT_THREADS,
	OPT_LDNS_ONLY, OPT_VIEW, OPT_INCLUDE_ANYWHERE, OPT_FILES_FROM,
};

static const struct option long_options[] = {
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ "max-errors", required_argument, NULL, OPT_MAX_ERRORS },
	{ "allow-target", required_argument, NULL, OPT_ALLOW_TARGET },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "view", required_argument, NULL, OPT_VIEW },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "quiet", no_argument, NULL, 'q' },
	{ "rules", no_argument, NULL, OPT_RULES },
	{ "disable", required_argument, NULL, OPT_DISABLE },
	{ "severity", required_argument, NULL, OPT_SEVERITY },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "ldns-only", no_argument, NULL, OPT_LDNS_ONLY },
	{ "include-anywhere", no_argument, NULL, OPT_INCLUDE_ANYWHERE },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, '0' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

void sz_cmd_check_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone check [options] FILE|DIR...\n"
		"       sipzone check [options] --files-from LIST [FILE|DIR...]\n"
		"\n"
		"Check BIND zone files for the DNS mistakes that break SIP domains behind an\n"
		"edge server: SRV records pointing outside their SIP domain, at aliases, at\n"
		"names without addresses or at IP addresses, forgotten trailing dots, and more\n"
		"(see --rules). ldns parses every record. All FILEs are checked as one\n"
		"namespace: an SRV target in one file may have its A record in another.\n"
		"FILE '-' is standard input. A DIR stands for every *.zone file below it, at\n"
		"any depth, in byte order of the paths: hidden files and directories (name\n"
		"starting with '.') are skipped, and links below DIR are not followed (a\n"
		"link named *.zone is an error: not read).\n"
		"\n"
		"The origin of a file is its $ORIGIN, else --origin, else its name\n"
		"(contoso.com.zone, contoso.com.db, db.contoso.com, contoso.com).\n"
		"$INCLUDE paths are relative to the including file.\n"
		"\n"
		"options:\n"
		"  --origin NAME          origin of files that set no $ORIGIN before their\n"
		"                         first record\n"
		"  --max-errors N         stop reading after N syntax errors (default %u;\n"
		"                         0: no limit)\n"
		"  --allow-target FQDN    accept FQDN as a hosting-provider target outside the\n"
		"                         domain (srv-target-hosted; no view-mismatch for\n"
		"                         records pointing at it); repeatable. Built in\n"
		"                         (Microsoft 365, GCC High):\n"
		"                         {sipfed,sipdir,webdir}.online.lync.com and\n"
		"                         {sipfed,sipdir,webdir}.online.gov.skypeforbusiness.us\n"
		"  --model FILE           also compare with the model: SRV targets on the edge\n"
		"                         certificate (cert-san-missing), records the model\n"
		"                         implies present (model-record-missing); with\n"
		"                         --view, the records of that view\n"
		"  --view internal|external\n"
		"                         the side of a split-brain DNS the files are for:\n"
		"                         warn about records only the other side needs\n"
		"                         (view-mismatch); default: no view, no such warning\n"
		"  --format text|json|sarif\n"
		"                         output format (default text):\n"
		"                           text: FILE:LINE: SEVERITY: MESSAGE [RULE-ID], sorted\n"
		"                                 by file and line, then a summary line\n"
		"                           json: {\"findings\":[{\"file\",\"line\",\"severity\",\n"
		"                                 \"rule\",\"owner\",\"type\",\"message\"}...],\n"
		"                                 \"summary\":{\"errors\",\"warnings\",\"infos\",\n"
		"                                 \"files\",\"records\"}}\n"
		"                           sarif: a SARIF 2.1.0 log for GitHub code scanning\n"
		"                                 (upload-sarif): a result per finding, its\n"
		"                                 file relative to the working directory\n"
		"  --color=auto|always|never\n"
		"                         colour the text output (auto: only on a terminal,\n"
		"                         and not when NO_COLOR is set)\n"
		"  --strict               warnings count as errors for the exit status\n"
		"  -q, --quiet            print nothing; only the exit status tells\n"
		"  --rules                list the rules, their default severities and what\n"
		"                         they find, and exit\n"
		"  --disable RULE         drop the findings of RULE; repeatable\n"
		"  --severity RULE=SEV    report RULE as SEV (error, warning or info);\n"
		"                         repeatable\n"
		"  --threads N            threads that parse records (default: one per CPU;\n"
		"                         0: none); the findings are the same\n"
		"  --ldns-only            parse every record with ldns_rr_new_frm_str(); by\n"
		"                         default records of the common types (A, AAAA, NS,\n"
		"                         CNAME, MX, TXT, SRV, NAPTR, SOA, DNSSEC, ...) are\n"
		"                         split into fields here and each field converted by\n"
		"                         ldns (the same records, faster)\n"
		"  --include-anywhere     let $INCLUDE reach files outside the directory tree\n"
		"                         of the zone file (symbolic links resolved; for\n"
		"                         standard input, of the working directory): only\n"
		"                         for input you trust\n"
		"  --files-from LIST      also check every FILE or DIR named in LIST, one a\n"
		"                         line ('-': standard input); no argument-list limit.\n"
		"                         An entry that does not exist is reported at\n"
		"                         LIST:LINE (exit 2; the others are checked)\n"
		"  -0, --null             entries of LIST end in NUL, not newline (find\n"
		"                         -print0)\n"
		"  -h, --help             show this help\n"
		"\n",
		SZ_CHECK_MAX_ERRORS);
	sz_print_exit_codes(fp, "errors were found (with --strict: errors or warnings)");
}

static void print_rules(FILE *fp)
{
	for (size_t i = 0; i < SZ_RULE_COUNT; i++) {
		sz_rule r = (sz_rule)i;
		if (sz_rule_group_of(r) != SZ_RULE_GROUP_CHECK)
			continue;
		char sev[32];
		if (sz_rule_alt_severity(r) != sz_rule_severity(r))
			snprintf(sev, sizeof(sev), "%s/%s", sz_severity_name(sz_rule_severity(r)),
				 sz_severity_name(sz_rule_alt_severity(r)));
		else
			snprintf(sev, sizeof(sev), "%s", sz_severity_name(sz_rule_severity(r)));
		fprintf(fp, "%-29s %-14s %s\n", sz_rule_id(r), sev, sz_rule_description(r));
	}
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	if (s[0] < '0' || s[0] > '9')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (*end != '\0')
		return -1;
	*out = (size_t)v;
	return 0;
}

/* A rule --disable and --severity may name: one of the check rules. */
static int find_rule(const char *id, sz_rule *rule)
{
	if (sz_rule_find(id, rule) != SZ_OK || sz_rule_group_of(*rule) != SZ_RULE_GROUP_CHECK) {
		sz_usage_error(VERB, "unknown rule '%s' (see 'sipzone check --rules')", id);
		return -1;
	}
	return 0;
}

/* Returns -1 on a usage error (already reported), 0 to run, 1 after --help. */
static int parse_args(int argc, char **argv, check_args *a)
{
	if (sz_check_options_new(&a->opts) != SZ_OK) {
		sz_usage_error(VERB, "out of memory");
		return -1;
	}
	a->max_errors = SZ_CHECK_MAX_ERRORS;
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "hq0", long_options, NULL)) != -1) {
		sz_rule rule;
		switch (c) {
		case 'h':
			sz_cmd_check_help(stdout);
			return 1;
		case 'q':
			a->quiet = true;
			break;
		case '0':
			a->nul = true;
			break;
		case OPT_FILES_FROM: {
			const char **v = realloc(a->lists, (a->n_lists + 1) * sizeof(*v));
			if (v == NULL) {
				sz_usage_error(VERB, "out of memory");
				return -1;
			}
			a->lists = v;
			a->lists[a->n_lists++] = optarg;
			break;
		}
		case OPT_ORIGIN:
			sz_check_options_set_origin(a->opts, optarg);
			break;
		case OPT_MAX_ERRORS:
			if (parse_size(optarg, &a->max_errors) != 0) {
				sz_usage_error(VERB, "--max-errors wants a number, not '%s'", optarg);
				return -1;
			}
			sz_check_options_set_max_errors(a->opts, a->max_errors);
			break;
		case OPT_ALLOW_TARGET: {
			const char **v = realloc(a->allow, (a->n_allow + 1) * sizeof(*v));
			if (v == NULL) {
				sz_usage_error(VERB, "out of memory");
				return -1;
			}
			a->allow = v;
			a->allow[a->n_allow++] = optarg;
			break;
		}
		case OPT_MODEL:
			a->model_path = optarg;
			break;
		case OPT_VIEW: {
			sz_view view;
			if (sz_parse_view(VERB, optarg, &view) != SZ_EXIT_OK ||
			    sz_check_options_set_view(a->opts, view) != SZ_OK)
				return -1;
			break;
		}
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0) {
				a->format = FORMAT_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				a->format = FORMAT_JSON;
			} else if (strcmp(optarg, "sarif") == 0) {
				a->format = FORMAT_SARIF;
			} else {
				sz_usage_error(VERB, "--format is text, json or sarif, not '%s'", optarg);
				return -1;
			}
			break;
		case OPT_COLOR:
			if (sz_parse_color(VERB, optarg, &a->color) != SZ_EXIT_OK)
				return -1;
			break;
		case OPT_STRICT:
			a->strict = true;
			break;
		case OPT_RULES:
			a->list_rules = true;
			break;
		case OPT_DISABLE:
			if (find_rule(optarg, &rule) != 0 || sz_check_options_disable(a->opts, rule) != SZ_OK)
				return -1;
			break;
		case OPT_SEVERITY: {
			char id[64];
			const char *eq = strchr(optarg, '=');
			sz_severity sev;
			if (eq == NULL || (size_t)(eq - optarg) >= sizeof(id)) {
				sz_usage_error(VERB, "--severity wants RULE=error|warning|info, not '%s'", optarg);
				return -1;
			}
			memcpy(id, optarg, (size_t)(eq - optarg));
			id[eq - optarg] = '\0';
			if (find_rule(id, &rule) != 0)
				return -1;
			if (sz_severity_parse(eq + 1, &sev) != SZ_OK) {
				sz_usage_error(VERB, "--severity %s: the severity is error, warning or info, not '%s'",
					       id, eq + 1);
				return -1;
			}
			if (sz_check_options_set_severity(a->opts, rule, sev) != SZ_OK)
				return -1;
			break;
		}
		case OPT_INCLUDE_ANYWHERE:
			sz_check_options_set_include_anywhere(a->opts, true);
			break;
		case OPT_LDNS_ONLY:
			sz_check_options_set_ldns_only(a->opts, true);
			break;
		case OPT_THREADS: {
			size_t n;
			if (parse_size(optarg, &n) != 0 || n > 64) {
				sz_usage_error(VERB, "--threads wants a number from 0 to 64, not '%s'", optarg);
				return -1;
			}
			sz_check_options_set_threads(a->opts, (int)n);
			break;
		}
		case '?':
		default:
			if (optopt >= 256)
				sz_usage_error(VERB, "option '%s' needs a value (try 'sipzone check --help')",
					       argv[optind - 1]);
			else if (optopt != 0)
				sz_usage_error(VERB, "unknown option '-%c' (try 'sipzone check --help')", optopt);
			else
				sz_usage_error(VERB, "unknown option '%s' (try 'sipzone check --help')",
					       argv[optind - 1]);
			return -1;
		}
	}
	sz_check_options_set_allow_targets(a->opts, a->allow, a->n_allow);
	a->args = argv + optind;
	a->n_args = (size_t)(argc - optind);
	return 0;
}

/* ---- output ---- */

/* "FILE: origin NAME (from ...)" for each file whose origin came neither
 * from $ORIGIN nor from --origin: the user should see what was assumed. */
static void print_origins(const sz_checker *checker)
{
	sz_check_file f;
	for (size_t i = 0; sz_checker_file_get(checker, i, &f); i++) {
		if (f.origin_source == SZ_ORIGIN_FILE_NAME)
			printf("%s: origin %s (from the file name)\n", f.name, f.origin);
		else if (f.origin_source == SZ_ORIGIN_SOA)
			printf("%s: origin %s (from its first record, the SOA)\n", f.name, f.origin);
		else if (f.origin_source == SZ_ORIGIN_NONE && f.read)
			printf("%s: no origin (every name in it is absolute)\n", f.name);
	}
}

typedef struct text_out {
	bool color;
} text_out;

static void text_item(void *ctx, const sz_diag *d)
{
	const text_out *t = ctx;
	sz_print_diag(stdout, d, t->color);
}

/* `l` holds the counts; the findings come from the sink, in order. */
static void print_text(const sz_diag_list *l, sz_finding_sink *sink, const sz_check_stats *st,
		       const sz_checker *checker, bool color, bool summary)
{
	if (checker != NULL)
		print_origins(checker);
	text_out t = { color };
	sz_sink_replay(sink, text_item, &t);
	if (!summary)
		return;
	printf("%zu %s, %zu %s", l->errors, sz_plural(l->errors, "error", "errors"),
	       l->warnings, sz_plural(l->warnings, "warning", "warnings"));
	if (l->infos > 0)
		printf(", %zu %s", l->infos, sz_plural(l->infos, "info", "infos"));
	printf(" in %zu %s", st->files, sz_plural(st->files, "file", "files"));
	sz_check_file f;
	const char *sep = "; not read: ";
	for (size_t i = 0; checker != NULL && sz_checker_file_get(checker, i, &f); i++) {
		if (!f.read) {
			printf("%s%s", sep, f.name);
			sep = ", ";
		}
	}
	printf("\n");
}

#define SZ_JSON_FLAGS (JSON_INDENT(2) | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER)

typedef struct json_out {
	bool first;
	bool failed;
} json_out;

/* `text` at depth 2 of an indented document: every line after the first
 * indented 4 more (JSON_ENSURE_ASCII leaves no newline inside a string). */
static void put_indented(const char *text)
{
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) + 1 : strlen(p);
		fwrite(p, 1, n, stdout);
		if (nl != NULL)
			fputs("    ", stdout);
		p += n;
	}
}

/* One element of "findings", written as jansson writes an array element. */
static void json_item(void *ctx, const sz_diag *d)
{
	json_out *o = ctx;
	json_t *f = sz_finding_json(d);
	char *text = f != NULL ? json_dumps(f, SZ_JSON_FLAGS) : NULL;
	json_decref(f);
	if (text == NULL) {
		o->failed = true;
		return;
	}
	fputs(o->first ? "\n    " : ",\n    ", stdout);
	o->first = false;
	put_indented(text);
	free(text);
}

/* The document with an empty "findings" array, dumped; the findings are
 * streamed into the array, so they are never all in memory. */
static int dump_streaming(json_t *root, sz_finding_sink *sink)
{
	static const char head[] = "{\n  \"findings\": []";
	char *doc = root != NULL ? json_dumps(root, SZ_JSON_FLAGS) : NULL;
	json_decref(root);
	if (doc == NULL || strncmp(doc, head, sizeof(head) - 1) != 0) {
		free(doc);
		return -1;
	}
	json_out o = { true, false };
	fwrite(doc, 1, sizeof(head) - 3, stdout); /* up to the '[' */
	fputc('[', stdout);
	int rc = sz_sink_replay(sink, json_item, &o);
	fputs(o.first ? "]" : "\n  ]", stdout);
	fputs(doc + sizeof(head) - 1, stdout);
	free(doc);
	if (fputc('\n', stdout) == EOF || o.failed)
		rc = -1;
	return rc;
}

static int print_json(const sz_diag_list *l, sz_finding_sink *sink, const sz_check_stats *st,
		      const sz_checker *checker)
{
	json_t *root = sz_findings_doc_json(l);
	json_t *summary = json_object_get(root, "summary");
	json_t *files = json_array();
	json_t *unread = json_array();
	sz_check_file f;
	for (size_t i = 0; checker != NULL && files != NULL && unread != NULL &&
			   sz_checker_file_get(checker, i, &f); i++) {
		json_t *o = json_object();
		if (o == NULL)
			break;
		json_object_set_new(o, "file", json_string(f.name));
		json_object_set_new(o, "origin", f.origin != NULL ? json_string(f.origin) : json_null());
		json_object_set_new(o, "origin_source", json_string(sz_origin_source_name(f.origin_source)));
		json_object_set_new(o, "read", json_boolean(f.read));
		json_array_append_new(files, o);
		if (!f.read)
			json_array_append_new(unread, json_string(f.name));
	}
	if (summary != NULL) {
		json_object_set_new(summary, "files", json_integer((json_int_t)st->files));
		json_object_set_new(summary, "records", json_integer((json_int_t)st->records));
		json_object_set_new(summary, "not_read", unread != NULL ? unread : json_array());
	} else {
		json_decref(unread);
	}
	if (root != NULL && files != NULL)
		json_object_set_new(root, "files", files);
	else
		json_decref(files);
	return dump_streaming(root, sink);
}

/* Why the check could not run, on stderr: "sipzone check: FILE:LINE: text". */
static void print_fatal(const sz_diag_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const sz_diag *d = &l->items[i];
		fprintf(stderr, "%s %s: ", sz_progname, VERB);
		if (d->file != NULL && (d->line > 0 || strstr(d->message, d->file) == NULL)) {
			sz_text_fputs(d->file, stderr);
			if (d->line > 0)
				fprintf(stderr, ":%zu", d->line);
			fputs(": ", stderr);
		}
		sz_text_fputs(d->message, stderr);
		fputc('\n', stderr);
	}
}

/* ---- running ---- */

static void sarif_item(void *ctx, const sz_diag *d)
{
	sz_sarif_add(ctx, d);
}

/* The exit status sz_diag_list_exit_code() would give the whole list. */
static int verdict(const sz_finding_sink *s, bool strict)
{
	if (s->fatal.count > 0 && sz_diag_list_worst_kind(&s->fatal) != SZ_RULE_KIND_FINDING)
		return SZ_EXIT_FAILURE;
	if (s->errors > 0 || (strict && s->warnings > 0))
		return SZ_EXIT_PROBLEMS;
	return SZ_EXIT_OK;
}

static int run(check_args *a)
{
	sz_model *model = NULL;
	if (a->model_path != NULL) {
		int lrc = sz_load_model(VERB, a->model_path, a->format == FORMAT_JSON && !a->quiet,
					"checked", &model);
		if (lrc != SZ_EXIT_OK)
			return lrc;
	}
	sz_check_options_set_model(a->opts, model);

	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_finding_sink sink;
	sz_sink_init(&sink);
	sz_check_options_set_drain(a->opts, sz_sink_drain, &sink);
	sz_checker *checker = NULL;
	/* Problems with the names (a missing list entry, a link in a directory)
	 * are reported like an unreadable file: the rest is still checked. */
	bool some_unread = false;
	sz_status st = SZ_OK;
	for (size_t i = 0; st != SZ_ERR_NOMEM && i < a->n_args; i++)
		st = sz_path_list_add_arg(&a->paths, a->args[i], &diags);
	for (size_t i = 0; st != SZ_ERR_NOMEM && i < a->n_lists; i++)
		st = sz_path_list_add_from(&a->paths, a->lists[i], a->nul, &diags);
	some_unread = diags.count > 0;
	if (st != SZ_ERR_NOMEM && a->paths.count == 0 && diags.count == 0) {
		sz_diag_list_clear(&diags);
		sz_model_free(model);
		sz_sink_clear(&sink);
		return sz_usage_error(VERB, "no zone file to check: the lists of files are empty");
	}
	if (st != SZ_ERR_NOMEM)
		st = sz_checker_new(a->opts, &checker, &diags);
	bool could_not_run = st != SZ_OK;
	for (size_t i = 0; st == SZ_OK && i < a->paths.count; i++) {
		st = sz_checker_read_file(checker, a->paths.paths[i], &diags);
		if (st == SZ_ERR_LIMIT)
			break;
		if (st == SZ_ERR_IO || st == SZ_ERR_ORIGIN) {
			/* reported; the other files are still checked */
			some_unread = true;
			st = SZ_OK;
		}
		could_not_run = st != SZ_OK;
	}
	if (!could_not_run) {
		st = sz_checker_finish(checker, &diags);
		could_not_run = st != SZ_OK && st != SZ_ERR_LIMIT;
	}
	sz_check_stats stats = { 0 };
	if (checker != NULL)
		sz_checker_get_stats(checker, &stats);

	/* The exit status follows from the kinds of the diagnostics; a failing
	 * status that no diagnostic explains (out of memory) is a failure too. */
	sz_sink_drain(&sink, &diags);
	sz_diag_list_clear(&diags);
	if (sink.failed) {
		fprintf(stderr, "%s %s: out of memory, or the temporary file of the findings failed\n",
			sz_progname, VERB);
		could_not_run = true;
	}
	int rc = verdict(&sink, a->strict);
	if (could_not_run)
		rc = SZ_EXIT_FAILURE;
	/* files that were not read make the exit 2, but what was read is
	 * reported in full, summary included (it names the files not read) */
	bool checked = !could_not_run && (rc != SZ_EXIT_FAILURE || some_unread);
	could_not_run = rc == SZ_EXIT_FAILURE;
	/* the counts of the findings, which stream from the sink */
	sz_diag_list counts;
	sz_diag_list_init(&counts);
	counts.errors = sink.errors;
	counts.warnings = sink.warnings;
	counts.infos = sink.infos;
	sz_diag_list *fatal = &sink.fatal;

	bool write_failed = false;
	if (!a->quiet) {
		if (a->format == FORMAT_JSON) {
			write_failed = print_json(&counts, &sink, &stats, checker) != 0;
		} else if (a->format == FORMAT_SARIF) {
			sz_sarif_stream *ss = sz_sarif_begin(stdout, a->paths.count > 0 ? a->paths.paths[0] : NULL);
			write_failed = ss == NULL || sz_sink_replay(&sink, sarif_item, ss) != 0;
			write_failed = sz_sarif_end(ss) != 0 || write_failed;
		} else {
			/* no summary when the check could not run: it would read as a verdict */
			print_text(&counts, &sink, &stats, checker, sz_use_color(stdout, a->color), checked);
		}
		write_failed = fflush(stdout) != 0 || ferror(stdout) || write_failed;
	}
	if (write_failed) {
		fprintf(stderr, "%s %s: cannot write to standard output\n", sz_progname, VERB);
		rc = SZ_EXIT_FAILURE;
	}
	if (stats.stopped && !a->quiet)
		fprintf(stderr,
			"%s %s: note: stopped after %zu syntax errors (--max-errors %zu): the rest of the input and the rules that span records were not checked\n",
			sz_progname, VERB, stats.syntax_errors, a->max_errors);
	if (could_not_run) {
		if (fatal->count == 0)
			fprintf(stderr, "%s %s: %s\n", sz_progname, VERB, sz_status_str(st));
		print_fatal(fatal);
		rc = SZ_EXIT_FAILURE;
	}
	sz_sink_clear(&sink);
	sz_checker_free(checker);
	sz_model_free(model);
	return rc;
}

/* '-' as a FILE and as a LIST, or as two LISTs: one would read nothing. */
static bool stdin_twice(const check_args *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_lists; i++)
		n += strcmp(a->lists[i], "-") == 0;
	for (size_t i = 0; i < a->n_args; i++)
		n += strcmp(a->args[i], "-") == 0 && a->n_lists > 0;
	return n > 1;
}

int sz_cmd_check(int argc, char **argv)
{
	check_args a;
	memset(&a, 0, sizeof(a));
	int p = parse_args(argc, argv, &a);
	int rc;
	if (p < 0) {
		rc = SZ_EXIT_FAILURE;
	} else if (p > 0) {
		rc = SZ_EXIT_OK;
	} else if (a.list_rules) {
		print_rules(stdout);
		rc = fflush(stdout) == 0 && !ferror(stdout) ? SZ_EXIT_OK
			: sz_usage_error(VERB, "cannot write to standard output");
	} else if (a.n_args == 0 && a.n_lists == 0) {
		rc = sz_usage_error(VERB, "no zone file given (try 'sipzone check --help')");
	} else if (stdin_twice(&a)) {
		rc = sz_usage_error(VERB, "standard input ('-') is named twice: as a FILE and as a --files-from LIST, or as two LISTs");
	} else {
		rc = run(&a);
	}
	free(a.allow);
	free(a.lists);
	sz_path_list_clear(&a.paths);
	sz_check_options_free(a.opts);
	return rc;
}
