/*
 * cmd_common.c: small helpers shared by the subcommands.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"

const char *sz_progname = "sipzone";

int sz_usage_error(const char *verb, const char *fmt, ...)
{
	va_list ap;
	if (verb != NULL)
		fprintf(stderr, "%s %s: ", sz_progname, verb);
	else
		fprintf(stderr, "%s: ", sz_progname);
	/* the message may quote a file name or an argument: escaped, so that
	 * it stays one line of text */
	char msg[4096];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sz_text_fputs(msg, stderr);
	fputc('\n', stderr);
	return SZ_EXIT_FAILURE;
}

const char *sz_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
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

int sz_parse_timeout(const char *verb, const char *arg, unsigned *ms)
{
	char *end;
	errno = 0;
	double v = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !(v >= 0.001 && v <= 3600.0))
		return sz_usage_error(verb, "--timeout needs seconds between 0.001 and 3600, not '%s'", arg);
	*ms = (unsigned)(v * 1000.0 + 0.5);
	return SZ_EXIT_OK;
}

int sz_parse_view(const char *verb, const char *arg, sz_view *view)
{
	if (sz_view_parse(arg, view))
		return SZ_EXIT_OK;
	return sz_usage_error(verb, "--view is external or internal, not '%s'", arg);
}

int sz_parse_retries(const char *verb, const char *arg, unsigned max, unsigned *n)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || arg[0] == '-' || v > max)
		return sz_usage_error(verb, "--retries needs a number 0..%u, not '%s'", max, arg);
	*n = (unsigned)v;
	return SZ_EXIT_OK;
}
