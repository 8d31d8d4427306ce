/*
 * cmd_diff.c: placeholder until `sipzone diff` lands.
 */
#include "cmd.h"

int sz_cmd_diff(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return sz_usage_error("diff", "not implemented yet");
}

void sz_cmd_diff_help(FILE *fp)
{
	fprintf(fp, "usage: sipzone diff ...\n");
}
