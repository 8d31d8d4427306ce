/*
 * diff_print.c: the text and JSON forms of a zone comparison (see
 * diff_print.h for both formats).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "diff_print.h"

static const char *side(const char *label)
{
	return label != NULL ? label : "/dev/null";
}

/* Records are ldns presentation text (printable ASCII); they go through the
 * one escaping function all the same, as the file names do. */
static void print_entry(FILE *fp, const sz_diff_entry *e)
{
	const char *sp = e->rdata[0] != '\0' ? " " : "";
	fputs(e->kind == SZ_DIFF_TTL_CHANGED ? "~ " : e->kind == SZ_DIFF_ADDED ? "+ " : "- ", fp);
	sz_text_fputs(e->owner, fp);
	if (e->kind != SZ_DIFF_TTL_CHANGED)
		fprintf(fp, " %" PRIu32, e->ttl);
	fputc(' ', fp);
	sz_text_fputs(e->rclass, fp);
	fputc(' ', fp);
	sz_text_fputs(e->type, fp);
	fputs(sp, fp);
	sz_text_fputs(e->rdata, fp);
	if (e->kind == SZ_DIFF_TTL_CHANGED)
		fprintf(fp, "  TTL %" PRIu32 " -> %" PRIu32, e->old_ttl, e->ttl);
	fputc('\n', fp);
}

void sz_diff_print_file(FILE *fp, const sz_diff_file *f)
{
	if (f->count == 0)
		return;
	fputs("--- ", fp);
	sz_text_fputs(side(f->old_label), fp);
	fputs("\n+++ ", fp);
	sz_text_fputs(side(f->new_label), fp);
	fputc('\n', fp);
	for (size_t i = 0; i < f->count; i++) {
		/* owners are canonical text: equal names are equal strings */
		if (i > 0 && strcmp(f->entries[i].owner, f->entries[i - 1].owner) != 0)
			fputc('\n', fp);
		print_entry(fp, &f->entries[i]);
	}
}

void sz_diff_print_summary(FILE *fp, const sz_diff *diff)
{
	if (diff->files_changed == 0) {
		fprintf(fp, "no differences in %zu file%s\n", diff->n_files, diff->n_files == 1 ? "" : "s");
		return;
	}
	fprintf(fp, "%zu added, %zu removed, %zu TTL changed in %zu file%s\n", diff->added,
		diff->removed, diff->ttl_changed, diff->files_changed,
		diff->files_changed == 1 ? "" : "s");
}

void sz_diff_print_text(FILE *fp, const sz_diff *diff)
{
	bool any = false;
	for (size_t i = 0; i < diff->n_files; i++) {
		if (diff->files[i].count == 0)
			continue;
		if (any)
			fputc('\n', fp);
		sz_diff_print_file(fp, &diff->files[i]);
		any = true;
	}
	if (any)
		fputc('\n', fp);
	sz_diff_print_summary(fp, diff);
}

/* jansson refuses strings that are not UTF-8 (a file name need not be):
 * the one escaping function makes every string valid, so no key is lost. */
static json_t *str_json(const char *s)
{
	char *e = s != NULL ? sz_text_escape(s) : NULL;
	json_t *j = s == NULL ? json_null() : e != NULL ? json_string(e) : NULL;
	free(e);
	return j;
}

static json_t *entry_json(const sz_diff_entry *e)
{
	json_t *old_ttl = e->kind == SZ_DIFF_TTL_CHANGED ? json_integer(e->old_ttl) : json_null();
	return json_pack("{s:s, s:o, s:I, s:o, s:o, s:o, s:o}",
			 "kind", sz_diff_kind_name(e->kind),
			 "name", str_json(e->owner),
			 "ttl", (json_int_t)e->ttl,
			 "old_ttl", old_ttl,
			 "class", str_json(e->rclass),
			 "type", str_json(e->type),
			 "rdata", str_json(e->rdata));
}

json_t *sz_diff_file_to_json(const sz_diff_file *f)
{
	json_t *changes = json_array();
	for (size_t i = 0; changes != NULL && i < f->count; i++) {
		if (json_array_append_new(changes, entry_json(&f->entries[i])) != 0) {
			json_decref(changes);
			changes = NULL;
		}
	}
	return json_pack("{s:o, s:o, s:o, s:{s:I, s:I, s:I}}",
			 "old", str_json(f->old_label),
			 "new", str_json(f->new_label),
			 "changes", changes,
			 "summary",
			 "added", (json_int_t)f->added,
			 "removed", (json_int_t)f->removed,
			 "ttl_changed", (json_int_t)f->ttl_changed);
}

json_t *sz_diff_to_json(const sz_diff *diff)
{
	json_t *files = json_array();
	for (size_t i = 0; files != NULL && i < diff->n_files; i++) {
		if (diff->files[i].count == 0)
			continue;
		if (json_array_append_new(files, sz_diff_file_to_json(&diff->files[i])) != 0) {
			json_decref(files);
			files = NULL;
		}
	}
	return json_pack("{s:o, s:{s:I, s:I, s:I, s:I, s:I}}",
			 "files", files,
			 "summary",
			 "added", (json_int_t)diff->added,
			 "removed", (json_int_t)diff->removed,
			 "ttl_changed", (json_int_t)diff->ttl_changed,
			 "files_changed", (json_int_t)diff->files_changed,
			 "files_compared", (json_int_t)diff->n_files);
}

int sz_diff_print_json(FILE *fp, const sz_diff *diff)
{
	json_t *doc = sz_diff_to_json(diff);
	int r = doc != NULL ? json_dumpf(doc, fp, JSON_INDENT(2) | JSON_ENSURE_ASCII) : -1;
	json_decref(doc);
	if (r == 0 && fputc('\n', fp) == EOF)
		r = -1;
	return r;
}
