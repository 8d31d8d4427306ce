/*
 * cmd_schema.c: `sipzone schema` prints the model's JSON Schema.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "sipzone/schema.h"

void sz_cmd_schema_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone schema\n"
		"\n"
		"Print the JSON Schema (draft 2020-12) of the model file, the same text as\n"
		"docs/model.schema.json.\n"
		"\n");
	sz_print_exit_codes(fp, "(not used)");
}

int sz_cmd_schema(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		sz_cmd_schema_help(stdout);
		return SZ_EXIT_OK;
	}
	if (argc > 1)
		return sz_usage_error("schema", "unexpected argument '%s'", argv[1]);
	const char *text = sz_model_schema();
	if (fputs(text, stdout) == EOF || fflush(stdout) != 0)
		return sz_usage_error("schema", "cannot write to standard output");
	return SZ_EXIT_OK;
}
