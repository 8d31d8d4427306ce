/*
 * cmd_push.c: placeholder until `sipzone push` lands.
 */
#include "cmd.h"

int sz_cmd_push(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return sz_usage_error("push", "not implemented yet");
}

void sz_cmd_push_help(FILE *fp)
{
	fprintf(fp, "usage: sipzone push ...\n");
}
