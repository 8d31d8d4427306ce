/*
 * cmd_import.c: `sipzone import`, existing zone files to a model.
 *
 * The model goes to standard output; everything else to standard error:
 * the checker's findings as `sipzone check` prints them, then one line per
 * note ([FILE:LINE: ]import: KIND JSON-POINTER[: VALUE] (REASON)), then a
 * summary. Exit status: 0 imported, and nothing was corrected or left out
 * and check found no error (assumptions are always listed: DNS never holds
 * the certificate); 1 imported with findings (check errors, corrections,
 * records left out), or no SIP domain found (nothing on standard output);
 * 2 could not run.
 */
#define _GNU_SOURCE
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sipzone/import.h"

#define VERB "import"

enum { OPT_ORIGIN = 256, OPT_INCLUDE_ANYWHERE, OPT_COLOR, OPT_INTERNAL };

static const struct option long_options[] = {
	{ "origin", required_argument, NULL, OPT_ORIGIN },
	{ "include-anywhere", no_argument, NULL, OPT_INCLUDE_ANYWHERE },
	{ "internal", required_argument, NULL, OPT_INTERNAL },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

void sz_cmd_import_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone import [options] FILE...\n"
		"\n"
		"Read zone files (anything 'sipzone check' reads: zone files, AXFR dumps,\n"
		"Windows exports, signed zones; '-' is standard input) and print a model\n"
		"(version 1) on standard output that 'sipzone generate' accepts and that\n"
		"reproduces the SIP records found: each SIP domain's service SRV records, their\n"
		"targets' addresses (edge pools grouped by shared addresses), XMPP, generic SIP,\n"
		"Microsoft 365 hosting, web services, TTLs and complete zones (SOA, NS).\n"
		"\n"
		"Findings of 'sipzone check' on the files go to standard error as check\n"
		"prints them; the model holds what sipzone would write instead of a mistake.\n"
		"Then one line per note, with the JSON Pointer of the model value concerned:\n"
		"  [FILE:LINE: ]import: assumed|corrected|left out POINTER[: VALUE] (REASON)\n"
		"assumed: not in DNS (certificates ...), confirm it; corrected: the records\n"
		"break a rule, the model holds the fix; left out: records the model cannot\n"
		"express.\n"
		"\n"
		"options:\n"
		"  --origin NAME          origin of files that set no $ORIGIN before their\n"
		"                         first record\n"
		"  --internal FILE        a zone file of the internal view (repeatable): checked\n"
		"                         with --view internal, it gives the front-end pools\n"
		"                         (_sipinternaltls._tcp), the internal web services\n"
		"                         and the edge's internal FQDN (mobile push)\n"
		"  --include-anywhere     let $INCLUDE reach files outside the directory tree\n"
		"                         of the zone file: only for input you trust\n"
		"  --color=auto|always|never\n"
		"                         colour the findings (auto: only on a terminal)\n"
		"  -q, --quiet            no notes and no summary on standard error (the\n"
		"                         findings and the model are still written)\n"
		"  -h, --help             show this help\n"
		"\n");
	sz_print_exit_codes(fp, "imported with findings: check errors, corrections, records\n"
				"     left out; or no SIP domain found (nothing written)");
}

static void print_note(const sz_import_note *n)
{
	if (n->file != NULL) {
		if (n->line > 0)
			fprintf(stderr, "%s:%zu: ", n->file, n->line);
		else
			fprintf(stderr, "%s: ", n->file);
	}
	fprintf(stderr, "import: %s %s", sz_import_note_kind_name(n->kind),
		n->path[0] != '\0' ? n->path : "/");
	if (n->value != NULL)
		fprintf(stderr, ": %s", n->value);
	fprintf(stderr, " (%s)\n", n->reason);
}

int sz_cmd_import(int argc, char **argv)
{
	sz_import_options opt = { NULL, false, NULL, 0 };
	const char **internal = NULL;
	size_t n_internal = 0;
	enum sz_color color = SZ_COLOR_AUTO;
	bool quiet = false;
	optind = 1;
	opterr = 0;
	int c;
	while ((c = getopt_long(argc, argv, "hq", long_options, NULL)) != -1) {
		switch (c) {
		case 'h':
			free(internal);
			sz_cmd_import_help(stdout);
			return SZ_EXIT_OK;
		case 'q':
			quiet = true;
			break;
		case OPT_ORIGIN:
			opt.origin = optarg;
			break;
		case OPT_INCLUDE_ANYWHERE:
			opt.include_anywhere = true;
			break;
		case OPT_INTERNAL: {
			if (strcmp(optarg, "-") == 0) {
				free(internal);
				return sz_usage_error(VERB, "--internal takes a file, not standard input");
			}
			const char **v = realloc(internal, (n_internal + 1) * sizeof(*v));
			if (v == NULL) {
				free(internal);
				return sz_usage_error(VERB, "out of memory");
			}
			internal = v;
			internal[n_internal++] = optarg;
			break;
		}
		case OPT_COLOR:
			if (sz_parse_color(VERB, optarg, &color) != SZ_EXIT_OK) {
				free(internal);
				return SZ_EXIT_FAILURE;
			}
			break;
		default:
			free(internal);
			if (optopt >= 256)
				return sz_usage_error(VERB, "option '%s' needs a value (try 'sipzone import --help')",
						      argv[optind - 1]);
			return sz_usage_error(VERB, "unknown option '%s' (try 'sipzone import --help')",
					      argv[optind - 1]);
		}
	}
	if (optind >= argc) {
		free(internal);
		return sz_usage_error(VERB, "no zone file given (try 'sipzone import --help')");
	}
	opt.internal = internal;
	opt.n_internal = n_internal;

	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_import *imp = NULL;
	sz_status st = sz_import_files((const char *const *)(argv + optind), (size_t)(argc - optind),
				       &opt, &imp, &diags);
	sz_print_diags(stderr, &diags, color);
	int rc;
	if (st != SZ_OK) {
		if (st == SZ_ERR_INVALID)
			fprintf(stderr, "sipzone import: the model inferred does not load (a bug of sipzone: please report it with the zone files); nothing was written\n");
		else if (sz_first_fatal(&diags) == NULL)
			fprintf(stderr, "sipzone import: %s\n", sz_status_str(st));
		rc = SZ_EXIT_FAILURE;
	} else if (imp->model_json == NULL) {
		fprintf(stderr, "sipzone import: no SIP service SRV record found; nothing was written\n");
		rc = SZ_EXIT_PROBLEMS;
	} else {
		if (fputs(imp->model_json, stdout) == EOF || fflush(stdout) != 0) {
			fprintf(stderr, "sipzone import: cannot write standard output\n");
			rc = SZ_EXIT_FAILURE;
		} else {
			size_t assumed = imp->n_notes - imp->n_corrected - imp->n_left_out;
			if (!quiet) {
				for (size_t i = 0; i < imp->n_notes; i++)
					print_note(&imp->notes[i]);
				fprintf(stderr, "sipzone import: %zu SIP %s; %zu assumed, %zu corrected, %zu left out; %zu check %s\n",
					imp->n_domains, sz_plural(imp->n_domains, "domain", "domains"), assumed,
					imp->n_corrected, imp->n_left_out, diags.errors,
					sz_plural(diags.errors, "error", "errors"));
			}
			rc = diags.errors > 0 || imp->n_corrected > 0 || imp->n_left_out > 0
				     ? SZ_EXIT_PROBLEMS
				     : SZ_EXIT_OK;
		}
	}
	sz_import_free(imp);
	sz_diag_list_clear(&diags);
	free(internal);
	return rc;
}
