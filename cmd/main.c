/*
 * main.c: the sipzone command. Parses the global options and dispatches to
 * one subcommand (cmd_<verb>.c).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "sipzone/version.h"

static const sz_command commands[] = {
	{ "generate", "write BIND zone snippets from a model", sz_cmd_generate, sz_cmd_generate_help },
	{ "check",    "check zone files for SIP DNS mistakes", sz_cmd_check, sz_cmd_check_help },
	{ "import",   "turn existing zone files into a model", sz_cmd_import, sz_cmd_import_help },
	{ "diff",     "compare zone files as DNS data", sz_cmd_diff, sz_cmd_diff_help },
	{ "verify",   "compare what DNS serves with the model", sz_cmd_verify, sz_cmd_verify_help },
	{ "push",     "apply the model to a primary server (RFC 2136 + TSIG)", sz_cmd_push, sz_cmd_push_help },
	{ "pic",      "list what PIC providers and direct partners must be given", sz_cmd_pic, sz_cmd_pic_help },
	{ "schema",   "print the JSON Schema of the model", sz_cmd_schema, sz_cmd_schema_help },
	{ "rules",    "list every diagnostic id, its kind and severity", sz_cmd_rules, sz_cmd_rules_help },
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone [--help | --version] COMMAND [ARGS...]\n"
		"\n"
		"Generate and validate the DNS records of SIP domains behind an edge server\n"
		"(Microsoft OCS / Lync / Skype for Business or any SIP edge).\n"
		"\n"
		"commands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(fp, "  %-10s %s\n", "help", "show the help of a command (sipzone help generate)");
	fprintf(fp,
		"\n"
		"options:\n"
		"  -h, --help     show this help\n"
		"  -V, --version  show the version\n"
		"\n");
	sz_print_exit_codes(fp, "the input was examined and has problems (invalid model,\n"
				"                 findings, differences)");
}

static const sz_command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int run_help(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stdout);
		return SZ_EXIT_OK;
	}
	const sz_command *cmd = find_command(argv[1]);
	if (cmd == NULL)
		return sz_usage_error("help", "unknown command '%s' (try 'sipzone --help')", argv[1]);
	cmd->help(stdout);
	return SZ_EXIT_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		print_help(stderr);
		return SZ_EXIT_FAILURE;
	}
	const char *verb = argv[1];
	if (strcmp(verb, "-h") == 0 || strcmp(verb, "--help") == 0) {
		print_help(stdout);
		return SZ_EXIT_OK;
	}
	if (strcmp(verb, "-V") == 0 || strcmp(verb, "--version") == 0) {
		printf("sipzone %s\n", sz_version());
		return SZ_EXIT_OK;
	}
	if (strcmp(verb, "help") == 0)
		return run_help(argc - 1, argv + 1);
	const sz_command *cmd = find_command(verb);
	if (cmd == NULL)
		return sz_usage_error(NULL, "unknown command '%s' (try 'sipzone --help')", verb);
	return cmd->run(argc - 1, argv + 1);
}
