/*
 * markdown.c: zone changes as Markdown tables (see markdown.h for the
 * format and the escaping).
 */
#include <inttypes.h>
#include <string.h>

#include "markdown.h"

void sz_md_escape(FILE *fp, const char *s)
{
	if (s == NULL)
		return;
	for (const char *p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\r' && p[1] == '\n')
			continue;  /* CRLF is one line break */
		if (c == '\n' || c == '\r')
			fputs("<br>", fp);
		else if (c < 0x20 || c == 0x7f)
			fputc(' ', fp);
		else if (strchr("\\`*_[]<>|~&", c) != NULL)
			fprintf(fp, "\\%c", c);
		else
			fputc(c, fp);
	}
}

static const char *side(const char *label)
{
	return label != NULL ? label : "/dev/null";
}

static void print_row(FILE *fp, const sz_diff_entry *e)
{
	static const char *const op[] = {
		[SZ_DIFF_ADDED] = "Create", [SZ_DIFF_REMOVED] = "Delete", [SZ_DIFF_TTL_CHANGED] = "Update",
	};
	fprintf(fp, "| %s | ", op[e->kind]);
	sz_md_escape(fp, e->owner);
	fputs(" | ", fp);
	if (e->rclass != NULL && strcmp(e->rclass, "IN") != 0) {
		sz_md_escape(fp, e->rclass);
		fputc(' ', fp);
	}
	sz_md_escape(fp, e->type);
	if (e->kind == SZ_DIFF_TTL_CHANGED)
		fprintf(fp, " | %" PRIu32 " -> %" PRIu32 " | ", e->old_ttl, e->ttl);
	else
		fprintf(fp, " | %" PRIu32 " | ", e->ttl);
	sz_md_escape(fp, e->rdata);
	fputs(" |\n", fp);
}

static void print_file(FILE *fp, const sz_diff_file *f)
{
	fputs("\n### ", fp);
	sz_md_escape(fp, side(f->old_label));
	fputs(" -> ", fp);
	sz_md_escape(fp, side(f->new_label));
	fputs("\n\n| Operation | Name | Type | TTL | Value |\n|---|---|---|---|---|\n", fp);
	for (size_t i = 0; i < f->count; i++)
		print_row(fp, &f->entries[i]);
}

static void print_tables(FILE *fp, const sz_diff *diff)
{
	for (size_t i = 0; diff != NULL && i < diff->n_files; i++)
		if (diff->files[i].count > 0)
			print_file(fp, &diff->files[i]);
}

void sz_md_print_diff(FILE *fp, const sz_diff *diff)
{
	if (diff->files_changed == 0)
		fprintf(fp, "## sipzone diff: no differences in %zu file%s\n", diff->n_files,
			diff->n_files == 1 ? "" : "s");
	else
		fprintf(fp, "## sipzone diff: %zu added, %zu removed, %zu TTL changed in %zu file%s\n",
			diff->added, diff->removed, diff->ttl_changed, diff->files_changed,
			diff->files_changed == 1 ? "" : "s");
	print_tables(fp, diff);
}

void sz_md_print_generate_check(FILE *fp, const char *dir, const sz_outdir_report *r,
				const sz_diff *diff, bool prune)
{
	fprintf(fp, "## sipzone generate --check: %zu to create, %zu to change, %zu to remove, %zu unchanged",
		r->created, r->changed, prune ? r->removed : 0, r->unchanged);
	if (!prune && r->removed > 0)
		fprintf(fp, ", %zu stale (use --prune)", r->removed);
	fputc('\n', fp);
	bool any = false;
	for (size_t i = 0; i < r->count; i++) {
		if (r->items[i].action == SZ_FILE_UNCHANGED)
			continue;
		bool stale = r->items[i].action == SZ_FILE_REMOVED && !prune;
		fputs(any ? "- " : "\n- ", fp);
		fputs(stale ? "stale (the model no longer produces it; --prune removes it):"
			    : "would ", fp);
		if (!stale)
			fputs(sz_file_action_name(r->items[i].action), fp);
		fputc(' ', fp);
		sz_md_escape(fp, dir);
		fputc('/', fp);
		sz_md_escape(fp, r->items[i].name);
		fputc('\n', fp);
		any = true;
	}
	print_tables(fp, diff);
}
