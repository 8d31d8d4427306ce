/*
 * cmd.h: the subcommands of the sipzone command-line tool.
 *
 * Each subcommand lives in cmd_<verb>.c, parses its own options and returns
 * the process exit code: SZ_EXIT_OK, SZ_EXIT_PROBLEMS or SZ_EXIT_FAILURE.
 * The library never prints; the subcommands own all output.
 */
#ifndef SZ_CMD_H
#define SZ_CMD_H

#include <stdio.h>

#include "sipzone/model.h"

enum {
	SZ_EXIT_OK = 0,        /* all good */
	SZ_EXIT_PROBLEMS = 1,  /* the input was examined and has problems */
	SZ_EXIT_FAILURE = 2,   /* could not run: usage, unreadable file, I/O */
};

typedef struct sz_command {
	const char *name;
	const char *summary;
	int (*run)(int argc, char **argv);   /* argv[0] is the verb */
	void (*help)(FILE *fp);
} sz_command;

int sz_cmd_generate(int argc, char **argv);
void sz_cmd_generate_help(FILE *fp);
int sz_cmd_check(int argc, char **argv);
void sz_cmd_check_help(FILE *fp);
int sz_cmd_diff(int argc, char **argv);
void sz_cmd_diff_help(FILE *fp);
int sz_cmd_verify(int argc, char **argv);
void sz_cmd_verify_help(FILE *fp);
int sz_cmd_push(int argc, char **argv);
void sz_cmd_push_help(FILE *fp);
int sz_cmd_pic(int argc, char **argv);
void sz_cmd_pic_help(FILE *fp);
int sz_cmd_schema(int argc, char **argv);
void sz_cmd_schema_help(FILE *fp);

/* Shared by the subcommands (cmd_common.c). */
extern const char *sz_progname;
/* Print "sipzone VERB: message" to stderr and return SZ_EXIT_FAILURE. */
int sz_usage_error(const char *verb, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* --timeout SECONDS (fractions allowed) into milliseconds, and --retries N
 * (0..max); a usage error (exit 2) otherwise. */
int sz_parse_timeout(const char *verb, const char *arg, unsigned *ms);
int sz_parse_retries(const char *verb, const char *arg, unsigned max, unsigned *n);
/* --view external|internal: SZ_EXIT_OK, or a usage error (exit 2). */
int sz_parse_view(const char *verb, const char *arg, sz_view *view);
/* The exit-code paragraph every help text ends with. */
void sz_print_exit_codes(FILE *fp, const char *one_means);

#endif
