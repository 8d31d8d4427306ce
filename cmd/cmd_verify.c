/*
 * cmd_verify.c: placeholder until `sipzone verify` lands.
 */
#include "cmd.h"

int sz_cmd_verify(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return sz_usage_error("verify", "not implemented yet");
}

void sz_cmd_verify_help(FILE *fp)
{
	fprintf(fp, "usage: sipzone verify ...\n");
}
