/*
 * cmd_check.c: placeholder until the checker lands.
 */
#include "cmd.h"

int sz_cmd_check(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return sz_usage_error("check", "not implemented yet");
}

void sz_cmd_check_help(FILE *fp)
{
	fprintf(fp, "usage: sipzone check [options] FILE...\n");
}
