/*
 * cmd_common.c: small helpers shared by the subcommands.
 */
#include <stdarg.h>
#include <stdio.h>

#include "cmd.h"

const char *sz_progname = "sipzone";

int sz_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;
	if (verb != NULL)
		fprintf(stderr, "%s %s: ", sz_progname, verb);
	else
		fprintf(stderr, "%s: ", sz_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return SZ_EXIT_FAILURE;
}

void sz_print_exit_codes(FILE *fp, const char *one_means)
{
	fprintf(fp,
		"exit status:\n"
		"  0  all good\n"
		"  1  %s\n"
		"  2  could not run (usage error, unreadable file, I/O error)\n",
		one_means);
}
