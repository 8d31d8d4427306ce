/*
 * cmd.h: the subcommands of the sipzone command-line tool.
 *
 * Each subcommand lives in cmd_<verb>.c, parses its own options and returns
 * the process exit code: SZ_EXIT_OK, SZ_EXIT_PROBLEMS or SZ_EXIT_FAILURE
 * (sipzone/rules.h), which follows from the kinds of the diagnostics
 * (sz_diag_list_exit_code()), never from comparing rule ids. The library
 * never prints; the subcommands own all output, through the helpers below:
 * loading a model (load.c), printing diagnostics (print.c), writing
 * findings as JSON (print.c).
 */
#ifndef SZ_CMD_H
#define SZ_CMD_H

#include <stdio.h>

#include <stdbool.h>

#include <jansson.h>

#include "sipzone/diag.h"
#include "sipzone/model.h"
#include "sipzone/rules.h"   /* SZ_EXIT_OK, SZ_EXIT_PROBLEMS, SZ_EXIT_FAILURE */

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
int sz_cmd_import(int argc, char **argv);
void sz_cmd_import_help(FILE *fp);
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
int sz_cmd_rules(int argc, char **argv);
void sz_cmd_rules_help(FILE *fp);

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
/* `one` when n is 1, else `many`. */
const char *sz_plural(size_t n, const char *one, const char *many);
/* The exit-code paragraph every help text ends with. */
void sz_print_exit_codes(FILE *fp, const char *one_means);

/* ---- diagnostics (print.c) ---- */

enum sz_color { SZ_COLOR_AUTO, SZ_COLOR_ALWAYS, SZ_COLOR_NEVER };

/* A JSON string of sz_text_escape(s) (always valid UTF-8), null for NULL;
 * NULL when out of memory. Every text the tool writes into JSON goes
 * through it. */
json_t *sz_json_text(const char *s);

/* --color auto|always|never: SZ_EXIT_OK, or a usage error (exit 2). */
int sz_parse_color(const char *verb, const char *arg, enum sz_color *color);
/* Colour on `fp`? auto: only on a terminal, NO_COLOR unset, TERM not dumb. */
bool sz_use_color(FILE *fp, enum sz_color color);
/* One diagnostic as `file:line:col: severity: [path: ]message [rule]`
 * (the form of sz_diag_print()), coloured when `color`. */
void sz_print_diag(FILE *fp, const sz_diag *d, bool color);
/* The first diagnostic that says the command could not run (kind input or
 * usage), or NULL. */
const sz_diag *sz_first_fatal(const sz_diag_list *list);
/* Sort the list and print every diagnostic, coloured as `color` says. */
void sz_print_diags(FILE *fp, sz_diag_list *list, enum sz_color color);
/* One finding as a JSON object: file, line, severity, rule, owner, type,
 * message; col and path too when the diagnostic has them. */
json_t *sz_finding_json(const sz_diag *d);
/* {"findings": [...], "summary": {"errors", "warnings", "infos"}}; the
 * caller may add to the summary. NULL when out of memory. */
json_t *sz_findings_doc_json(const sz_diag_list *list);
/* Write a JSON document to stdout (indented, keys in order, ASCII) and
 * release it: 0, or -1 when it cannot be written. */
int sz_dump_json(json_t *doc_take);

/* ---- the model (load.c) ---- */

/*
 * Load MODEL for `verb`, with the one exit policy of every command. On
 * SZ_EXIT_OK *out is the model. Otherwise its diagnostics go to stderr
 * (FILE:LINE:COL: error: PATH: message [rule]), with `json` also as a
 * findings document on stdout (sz_findings_doc_json()), then one line
 * "sipzone VERB: N errors in the model; nothing was `done`"; the result
 * is SZ_EXIT_PROBLEMS for an invalid model and SZ_EXIT_FAILURE when it
 * cannot be read (the kinds of the diagnostics decide).
 */
int sz_load_model(const char *verb, const char *path, bool json, const char *done,
		  sz_model **out);
/* The same for the records of one view: the model errors that concern only
 * that view (sz_model_view_findings()) count too. */
int sz_load_model_view(const char *verb, const char *path, bool json, const char *done,
		       sz_view view, sz_model **out);

#endif
