/*
 * cmd_diff.c: `sipzone diff OLD NEW`, the comparison of zone files as DNS
 * data (include/sipzone/diff.h), printed by diff_print.c. The exit code is
 * decided here: 0 equal, 1 different, 2 could not compare.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "diff_print.h"
#include "markdown.h"
#include "sipzone/diff.h"

#define VERB "diff"

enum { OPT_ORIGIN = 256, OPT_FORMAT, OPT_IGNORE_SERIAL, OPT_INCLUDE_ANYWHERE, OPT_LDNS_ONLY };

static const struct option long_options[] = {
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "ignore-serial", no_argument, NULL, OPT_IGNORE_SERIAL },
	{ "include-anywhere", no_argument, NULL, OPT_INCLUDE_ANYWHERE },
	{ "ldns-only", no_argument, NULL, OPT_LDNS_ONLY },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

void sz_cmd_diff_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone diff [options] OLD NEW\n"
		"\n"
		"Compare two zone files, or two directories of .zone files paired by name,\n"
		"as DNS data: ldns parses every record, and records are equal when owner,\n"
		"class, type and RDATA are (names compared without regard to case, relative\n"
		"names made absolute). Record order, white space, comments, parentheses,\n"
		"$TTL versus per-record TTLs and $INCLUDE make no difference; a record\n"
		"written twice counts once. A file only in one directory has all its\n"
		"records added or removed. OLD or NEW may be '-', standard input.\n"
		"A record that ldns cannot parse, in either input, stops the comparison\n"
		"(exit 2; FILE:LINE and the reason on stderr): no record is skipped.\n"
		"\n"
		"The origin of a file is its $ORIGIN, else --origin, else its name\n"
		"(contoso.com.zone, contoso.com.db, db.contoso.com, contoso.com).\n"
		"\n"
		"options:\n"
		"  --origin NAME       origin of files that set no $ORIGIN before their first\n"
		"                      record\n"
		"  --format text|json|markdown\n"
		"                      output format (default text):\n"
		"                        text: per file that differs, '--- OLD' and '+++ NEW',\n"
		"                              then by owner in canonical DNS order:\n"
		"                              '+ NAME TTL CLASS TYPE RDATA'  added\n"
		"                              '- NAME TTL CLASS TYPE RDATA'  removed\n"
		"                              '~ NAME CLASS TYPE RDATA  TTL OLD -> NEW'\n"
		"                              (a changed RDATA is removed + added); then a\n"
		"                              summary line\n"
		"                        json: {\"files\":[{\"old\",\"new\",\"changes\":[{\"kind\",\n"
		"                              \"name\",\"ttl\",\"old_ttl\",\"class\",\"type\",\n"
		"                              \"rdata\"}...],\"summary\"}...],\"summary\":\n"
		"                              {\"added\",\"removed\",\"ttl_changed\",\n"
		"                              \"files_changed\",\"files_compared\"}}\n"
		"                        markdown: a heading with the summary, then per\n"
		"                              file a table | Operation | Name | Type |\n"
		"                              TTL | Value | (Create, Delete, Update),\n"
		"                              every cell escaped: a pull-request comment\n"
		"  --ignore-serial     an SOA that differs only in its serial is no change\n"
		"  --include-anywhere  let $INCLUDE reach files outside the directory tree\n"
		"                      of the file read (symbolic links resolved; for\n"
		"                      standard input, of the working directory): only for\n"
		"                      input you trust\n"
		"  --ldns-only         parse every record with ldns_rr_new_frm_str(), as\n"
		"                      check --ldns-only does (the same records, slower)\n"
		"  -h, --help          show this help\n"
		"\n");
	sz_print_exit_codes(fp, "the files differ");
}

typedef struct diff_args {
	sz_diff_options opts;
	enum { DIFF_TEXT, DIFF_JSON, DIFF_MARKDOWN } format;
	const char *old_path;
	const char *new_path;
} diff_args;

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, diff_args *a)
{
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			sz_cmd_diff_help(stdout);
			return SZ_EXIT_OK;
		case OPT_ORIGIN:
			a->opts.origin = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				a->format = DIFF_TEXT;
			else if (strcmp(optarg, "json") == 0)
				a->format = DIFF_JSON;
			else if (strcmp(optarg, "markdown") == 0)
				a->format = DIFF_MARKDOWN;
			else
				return sz_usage_error(VERB, "--format is text, json or markdown, not '%s'", optarg);
			break;
		case OPT_IGNORE_SERIAL:
			a->opts.ignore_soa_serial = true;
			break;
		case OPT_INCLUDE_ANYWHERE:
			a->opts.include_anywhere = true;
			break;
		case OPT_LDNS_ONLY:
			a->opts.ldns_only = true;
			break;
		default:
			return sz_usage_error(VERB, "try 'sipzone help diff'");
		}
	}
	if (argc - optind != 2)
		return sz_usage_error(VERB, "expected two arguments, OLD and NEW (try 'sipzone help diff')");
	a->old_path = argv[optind];
	a->new_path = argv[optind + 1];
	return -1;
}

static int print_result(const diff_args *a, const sz_diff *diff)
{
	if (a->format == DIFF_JSON) {
		if (sz_diff_print_json(stdout, diff) != 0)
			return sz_usage_error(VERB, "cannot write the JSON document");
	} else if (a->format == DIFF_MARKDOWN) {
		sz_md_print_diff(stdout, diff);
	} else {
		sz_diff_print_text(stdout, diff);
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		return sz_usage_error(VERB, "cannot write to standard output");
	return sz_diff_equal(diff) ? SZ_EXIT_OK : SZ_EXIT_PROBLEMS;
}

int sz_cmd_diff(int argc, char **argv)
{
	diff_args a = { 0 };
	int rc = parse_args(argc, argv, &a);
	if (rc >= 0)
		return rc;
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_diff *diff = NULL;
	sz_status st = sz_diff_files(a.old_path, a.new_path, &a.opts, &diff, &diags);
	if (st != SZ_OK) {
		sz_print_diags(stderr, &diags, SZ_COLOR_AUTO);
		if (diags.count == 0)
			sz_usage_error(VERB, "%s", sz_status_str(st));
		rc = SZ_EXIT_FAILURE;
	} else {
		rc = print_result(&a, diff);
	}
	sz_diff_free(diff);
	sz_diag_list_clear(&diags);
	return rc;
}
