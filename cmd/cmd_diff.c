/*
 * cmd_diff.c: `sipzone diff OLD NEW`, the comparison of zone files as DNS
 * data (include/sipzone/diff.h), printed by diff_print.c. The exit code is
 * decided here: 0 equal, 1 different, 2 could not compare.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "diff_print.h"
#include "file_list.h"
#include "markdown.h"
#include "sipzone/diff.h"
#include "sipzone/zone_files.h"

#define VERB "diff"

enum { OPT_ORIGIN = 256, OPT_FORMAT, OPT_IGNORE_SERIAL, OPT_INCLUDE_ANYWHERE, OPT_LDNS_ONLY,
       OPT_FILES_FROM };

static const struct option long_options[] = {
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "ignore-serial", no_argument, NULL, OPT_IGNORE_SERIAL },
	{ "include-anywhere", no_argument, NULL, OPT_INCLUDE_ANYWHERE },
	{ "ldns-only", no_argument, NULL, OPT_LDNS_ONLY },
	{ "files-from", required_argument, NULL, OPT_FILES_FROM },
	{ "null", no_argument, NULL, '0' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

void sz_cmd_diff_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone diff [options] OLD NEW\n"
		"       sipzone diff [options] --files-from LIST OLD_DIR NEW_DIR\n"
		"\n"
		"Compare two zone files, or two directories of zone files paired by their\n"
		"path relative to each directory (the zone files of a directory are those\n"
		"check DIR reads: *.zone at any depth, hidden names skipped, a symbolic\n"
		"link below named *.zone an error (exit 2), in byte order of the paths),\n"
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
		"  --files-from LIST   compare only the relative paths named in LIST, one a\n"
		"                      line ('-': standard input), each looked up in OLD_DIR\n"
		"                      and NEW_DIR, in the order of LIST; absent on one\n"
		"                      side: added or removed; absent on both, absolute or\n"
		"                      with '..': an error at LIST:LINE (exit 2)\n"
		"  -0, --null          entries of LIST end in NUL, not newline (find -print0)\n"
		"  -h, --help          show this help\n"
		"\n");
	sz_print_exit_codes(fp, "the files differ");
}

typedef struct diff_args {
	sz_diff_options opts;
	enum { DIFF_TEXT, DIFF_JSON, DIFF_MARKDOWN } format;
	const char *old_path;
	const char *new_path;
	const char *list; /* --files-from */
	bool nul;         /* --null */
} diff_args;

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, diff_args *a)
{
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h0", long_options, NULL)) != -1) {
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
		case OPT_FILES_FROM:
			if (a->list != NULL)
				return sz_usage_error(VERB, "--files-from is given once");
			a->list = optarg;
			break;
		case '0':
			a->nul = true;
			break;
		default:
			return sz_usage_error(VERB, "try 'sipzone help diff'");
		}
	}
	if (argc - optind != 2)
		return sz_usage_error(VERB, "expected two arguments, OLD and NEW (try 'sipzone help diff')");
	a->old_path = argv[optind];
	a->new_path = argv[optind + 1];
	if (a->nul && a->list == NULL)
		return sz_usage_error(VERB, "--null is for a --files-from LIST");
	if (a->list != NULL && (strcmp(a->old_path, "-") == 0 || strcmp(a->new_path, "-") == 0))
		return sz_usage_error(VERB, "with --files-from, OLD and NEW are directories, not '-'");
	struct stat so, sn;
	if (a->list != NULL && (stat(a->old_path, &so) != 0 || !S_ISDIR(so.st_mode) ||
				stat(a->new_path, &sn) != 0 || !S_ISDIR(sn.st_mode)))
		return sz_usage_error(VERB, "with --files-from, OLD and NEW are two directories");
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

typedef struct list_ctx {
	const diff_args *a;
	sz_path_list rel;
} list_ctx;

/* 1 when DIR/rel exists (a link followed), 0 when not, -1 out of memory */
static int exists_below(const char *dir, const char *rel)
{
	size_t d = strlen(dir), n = strlen(rel);
	char *p = malloc(d + n + 2);
	if (p == NULL)
		return -1;
	snprintf(p, d + n + 2, "%s%s%s", dir, d > 0 && dir[d - 1] == '/' ? "" : "/", rel);
	struct stat sb;
	int r = stat(p, &sb) == 0 || (errno != ENOENT && errno != ENOTDIR);
	free(p);
	return r;
}

/* One entry of LIST: a relative path, kept when it is in OLD_DIR or NEW_DIR
 * (what else is wrong with it, the comparison reports at the path). */
static sz_status list_entry(void *ctx, const char *name, size_t line, const char *entry, sz_diag_list *diags)
{
	list_ctx *c = ctx;
	if (!sz_path_stays_below(entry))
		return sz_list_report(diags, name, line, "%s: not a path relative to OLD_DIR and NEW_DIR (absolute, or with '..')%s",
				      entry, "");
	int eo = exists_below(c->a->old_path, entry), en = exists_below(c->a->new_path, entry);
	if (eo < 0 || en < 0)
		return SZ_ERR_NOMEM;
	if (eo == 0 && en == 0)
		return sz_list_report(diags, name, line, "%s: in neither OLD_DIR nor NEW_DIR%s", entry, "");
	return sz_path_list_add(&c->rel, entry);
}

static sz_status diff_from_list(const diff_args *a, sz_diff **out, sz_diag_list *diags)
{
	*out = NULL;
	list_ctx c = { .a = a };
	sz_status st = sz_list_each(a->list, a->nul, list_entry, &c, diags);
	if (st == SZ_OK)
		st = sz_diff_paths(a->old_path, a->new_path, (const char *const *)c.rel.paths, c.rel.count,
				   &a->opts, out, diags);
	sz_path_list_clear(&c.rel);
	return st;
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
	sz_status st = a.list != NULL ? diff_from_list(&a, &diff, &diags)
				      : sz_diff_files(a.old_path, a.new_path, &a.opts, &diff, &diags);
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
