/*
 * print.c: how every subcommand prints diagnostics (text, with colour on a
 * terminal) and writes findings as JSON.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

int sz_parse_color(const char *verb, const char *arg, enum sz_color *color)
{
	if (strcmp(arg, "auto") == 0)
		*color = SZ_COLOR_AUTO;
	else if (strcmp(arg, "always") == 0)
		*color = SZ_COLOR_ALWAYS;
	else if (strcmp(arg, "never") == 0)
		*color = SZ_COLOR_NEVER;
	else
		return sz_usage_error(verb, "--color is auto, always or never, not '%s'", arg);
	return SZ_EXIT_OK;
}

bool sz_use_color(FILE *fp, enum sz_color color)
{
	if (color != SZ_COLOR_AUTO)
		return color == SZ_COLOR_ALWAYS;
	const char *term = getenv("TERM");
	return isatty(fileno(fp)) && getenv("NO_COLOR") == NULL &&
	       (term == NULL || strcmp(term, "dumb") != 0);
}

typedef struct palette {
	const char *loc, *error, *warning, *info, *rule, *reset;
} palette;

static const palette plain = { "", "", "", "", "", "" };
static const palette ansi = { "\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[2m", "\033[0m" };

void sz_print_diag(FILE *fp, const sz_diag *d, bool color)
{
	const palette *p = color ? &ansi : &plain;
	if (d->file != NULL) {
		fputs(p->loc, fp);
		sz_text_fputs(d->file, fp);
		if (d->line > 0)
			fprintf(fp, ":%zu", d->line);
		if (d->line > 0 && d->col > 0)
			fprintf(fp, ":%zu", d->col);
		fprintf(fp, ":%s ", p->reset);
	}
	const char *sc = d->severity == SZ_SEV_ERROR ? p->error :
			 d->severity == SZ_SEV_WARNING ? p->warning : p->info;
	fprintf(fp, "%s%s:%s ", sc, sz_severity_name(d->severity), p->reset);
	if (d->path != NULL) {
		sz_text_fputs(d->path, fp);
		fputs(": ", fp);
	}
	sz_text_fputs(d->message, fp);
	if (d->rule != NULL)
		fprintf(fp, " %s[%s]%s", p->rule, d->rule, p->reset);
	fputc('\n', fp);
}

const sz_diag *sz_first_fatal(const sz_diag_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		if (sz_diag_kind(&list->items[i]) != SZ_RULE_KIND_FINDING)
			return &list->items[i];
	return NULL;
}

/* stderr is unbuffered: a diagnostic printed there straight costs some ten
 * write(2) calls. Lines are gathered in memory, a batch at a time. */
#define SZ_PRINT_BATCH 256

void sz_print_diags(FILE *fp, sz_diag_list *list, enum sz_color color)
{
	bool c = sz_use_color(fp, color);
	sz_diag_list_sort(list);
	for (size_t i = 0; i < list->count;) {
		char *data = NULL;
		size_t size = 0;
		FILE *m = list->count - i > 1 ? open_memstream(&data, &size) : NULL;
		FILE *to = m != NULL ? m : fp;
		size_t first = i, end = m != NULL ? i + SZ_PRINT_BATCH : i + 1;
		for (; i < list->count && i < end; i++)
			sz_print_diag(to, &list->items[i], c);
		if (m == NULL)
			continue;
		if (fclose(m) == 0) {
			fwrite(data, 1, size, fp);
		} else {
			/* out of memory: print them the slow way */
			for (size_t k = first; k < i; k++)
				sz_print_diag(fp, &list->items[k], c);
		}
		free(data);
	}
}

json_t *sz_json_text(const char *s)
{
	if (s == NULL)
		return json_null();
	char *e = sz_text_escape(s);
	json_t *j = e != NULL ? json_string(e) : NULL;
	free(e);
	return j;
}

static json_t *str_or_null(const char *s)
{
	return sz_json_text(s);
}

json_t *sz_finding_json(const sz_diag *d)
{
	json_t *f = json_object();
	if (f == NULL)
		return NULL;
	json_object_set_new(f, "file", str_or_null(d->file));
	json_object_set_new(f, "line", json_integer((json_int_t)d->line));
	if (d->col > 0)
		json_object_set_new(f, "col", json_integer((json_int_t)d->col));
	json_object_set_new(f, "severity", json_string(sz_severity_name(d->severity)));
	json_object_set_new(f, "rule", str_or_null(d->rule));
	if (d->path != NULL)
		json_object_set_new(f, "path", sz_json_text(d->path));
	json_object_set_new(f, "owner", str_or_null(d->owner));
	json_object_set_new(f, "type", str_or_null(d->type));
	json_object_set_new(f, "message", str_or_null(d->message));
	/* json_object_set_new() drops a NULL value without a word: a finding
	 * without one of its keys (out of memory) is no finding */
	if (json_object_size(f) != (size_t)(7 + (d->col > 0) + (d->path != NULL))) {
		json_decref(f);
		return NULL;
	}
	return f;
}

json_t *sz_findings_doc_json(const sz_diag_list *l)
{
	json_t *root = json_object();
	json_t *findings = json_array();
	json_t *summary = json_object();
	if (root == NULL || findings == NULL || summary == NULL) {
		json_decref(root);
		json_decref(findings);
		json_decref(summary);
		return NULL;
	}
	json_object_set_new(root, "findings", findings);
	json_object_set_new(root, "summary", summary);
	for (size_t i = 0; i < l->count; i++) {
		json_t *f = sz_finding_json(&l->items[i]);
		if (f == NULL || json_array_append_new(findings, f) != 0) {
			json_decref(root);
			return NULL;
		}
	}
	json_object_set_new(summary, "errors", json_integer((json_int_t)l->errors));
	json_object_set_new(summary, "warnings", json_integer((json_int_t)l->warnings));
	json_object_set_new(summary, "infos", json_integer((json_int_t)l->infos));
	return root;
}

int sz_dump_json(json_t *doc_take)
{
	int rc = doc_take != NULL ? json_dumpf(doc_take, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII |
					       JSON_PRESERVE_ORDER) : -1;
	json_decref(doc_take);
	if (rc == 0 && fputc('\n', stdout) == EOF)
		rc = -1;
	return rc;
}
