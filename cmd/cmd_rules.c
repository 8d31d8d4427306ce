/*
 * cmd_rules.c: `sipzone rules`: every diagnostic id sipzone emits, from the
 * registry (sipzone/rules.h). The README and the man page are tested
 * against this listing (tests/rules_docs.sh).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"

#define VERB "rules"

void sz_cmd_rules_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone rules [--format text|json]\n"
		"\n"
		"List every diagnostic id sipzone can report, one per line: the id, the\n"
		"part that reports it (check, model, key, live, run), its kind (finding:\n"
		"the input was examined and has a problem, exit 1 on errors; input: the\n"
		"input could not be read or the server not asked, exit 2; usage: an option\n"
		"or argument is wrong, exit 2), its severity and what it means.\n"
		"'sipzone check --rules' lists the check rules only.\n"
		"\n"
		"options:\n"
		"  --format FMT  text (default) or json: [{\"id\", \"group\", \"kind\",\n"
		"                \"severity\", \"description\"}]\n"
		"  -h, --help    show this help\n"
		"\n");
	sz_print_exit_codes(fp, "(not used)");
}

static void severity_text(sz_rule r, char *out, size_t size)
{
	if (sz_rule_alt_severity(r) != sz_rule_severity(r))
		snprintf(out, size, "%s/%s", sz_severity_name(sz_rule_severity(r)),
			 sz_severity_name(sz_rule_alt_severity(r)));
	else
		snprintf(out, size, "%s", sz_severity_name(sz_rule_severity(r)));
}

static int print_json(void)
{
	json_t *list = json_array();
	for (size_t i = 0; list != NULL && i < SZ_RULE_COUNT; i++) {
		sz_rule r = (sz_rule)i;
		char sev[32];
		severity_text(r, sev, sizeof(sev));
		json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", sz_rule_id(r),
			"group", sz_rule_group_name(sz_rule_group_of(r)),
			"kind", sz_rule_kind_name(sz_rule_kind_of(r)), "severity", sev,
			"description", sz_rule_description(r)));
	}
	return sz_dump_json(list);
}

int sz_cmd_rules(int argc, char **argv)
{
	bool json = false;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			sz_cmd_rules_help(stdout);
			return SZ_EXIT_OK;
		}
		const char *fmt = NULL;
		if (strncmp(argv[i], "--format=", 9) == 0)
			fmt = argv[i] + 9;
		else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			fmt = argv[++i];
		else
			return sz_usage_error(VERB, "unexpected argument '%s' (try 'sipzone help rules')", argv[i]);
		if (strcmp(fmt, "text") != 0 && strcmp(fmt, "json") != 0)
			return sz_usage_error(VERB, "--format is text or json, not '%s'", fmt);
		json = strcmp(fmt, "json") == 0;
	}
	int rc = 0;
	if (json) {
		rc = print_json();
	} else {
		for (size_t i = 0; i < SZ_RULE_COUNT; i++) {
			sz_rule r = (sz_rule)i;
			char sev[32];
			severity_text(r, sev, sizeof(sev));
			printf("%-29s %-5s %-7s %-13s %s\n", sz_rule_id(r),
			       sz_rule_group_name(sz_rule_group_of(r)),
			       sz_rule_kind_name(sz_rule_kind_of(r)), sev, sz_rule_description(r));
		}
	}
	if (rc != 0 || fflush(stdout) != 0 || ferror(stdout))
		return sz_usage_error(VERB, "cannot write to standard output");
	return SZ_EXIT_OK;
}
