/*
 * generate_plan.c: the JSON plan of `sipzone generate -o DIR --check
 * --format json` (see generate_plan.h for the shape and why it lives here).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd.h"
#include "diff_print.h"
#include "generate_plan.h"

static const char *action_name(sz_file_action a, bool prune)
{
	switch (a) {
	case SZ_FILE_CREATED: return "create";
	case SZ_FILE_CHANGED: return "change";
	case SZ_FILE_REMOVED: return prune ? "remove" : "stale";
	case SZ_FILE_UNCHANGED: break;
	}
	return "unchanged";
}

static char *path_of(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	if (p != NULL)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* The diff's object of the file, or for a stale file (nothing would change)
 * and one that could not be compared, the same keys by hand. */
static json_t *file_json(const char *dir, bool prune, const sz_file_change *f,
			 const sz_diff *diff, long at)
{
	char *path = path_of(dir, f->name);
	if (path == NULL)
		return NULL;
	json_t *o;
	if (at >= 0 && diff != NULL && (size_t)at < diff->n_files) {
		o = sz_diff_file_to_json(&diff->files[at]);
	} else if (f->action == SZ_FILE_REMOVED && !prune) {
		o = json_pack("{s:o, s:o, s:[], s:{s:i, s:i, s:i}}", "old", sz_json_text(path),
			      "new", sz_json_text(path), "changes", "summary", "added", 0,
			      "removed", 0, "ttl_changed", 0);
	} else {
		/* the labels sipzone diff would have given it */
		size_t n = strlen(path) + sizeof(" (generated)");
		char *generated = malloc(n);
		if (generated != NULL)
			snprintf(generated, n, "%s (generated)", path);
		o = generated == NULL ? NULL
			: json_pack("{s:o, s:o, s:n, s:n}",
				    "old", f->action == SZ_FILE_CREATED ? json_null() : sz_json_text(path),
				    "new", f->action == SZ_FILE_REMOVED ? json_null() : sz_json_text(generated),
				    "changes", "summary");
		free(generated);
	}
	json_t *head = json_pack("{s:o, s:o, s:s}", "file", sz_json_text(f->name),
				 "path", sz_json_text(path), "action", action_name(f->action, prune));
	free(path);
	if (o == NULL || head == NULL || json_object_update(head, o) != 0) {
		json_decref(o);
		json_decref(head);
		return NULL;
	}
	json_decref(o);
	return head;
}

int sz_generate_plan_print(FILE *fp, const char *dir, bool prune,
			   const sz_outdir_report *r, const sz_diff *diff,
			   const long *diff_at)
{
	json_t *files = json_array();
	size_t k = 0;
	for (size_t i = 0; files != NULL && i < r->count; i++) {
		if (r->items[i].action == SZ_FILE_UNCHANGED)
			continue;
		if (json_array_append_new(files, file_json(dir, prune, &r->items[i], diff,
							   diff_at != NULL ? diff_at[k] : -1)) != 0) {
			json_decref(files);
			files = NULL;
		}
		k++;
	}
	size_t removed = prune ? r->removed : 0, stale = prune ? 0 : r->removed;
	bool would = r->created + r->changed + removed > 0;
	json_t *doc = json_pack("{s:o, s:b, s:b, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}}",
				"dir", sz_json_text(dir), "prune", (int)prune, "would_change", (int)would,
				"files", files, "summary",
				"create", (json_int_t)r->created, "change", (json_int_t)r->changed,
				"remove", (json_int_t)removed, "stale", (json_int_t)stale,
				"unchanged", (json_int_t)r->unchanged,
				"added", (json_int_t)(diff != NULL ? diff->added : 0),
				"removed", (json_int_t)(diff != NULL ? diff->removed : 0),
				"ttl_changed", (json_int_t)(diff != NULL ? diff->ttl_changed : 0));
	int rc = doc != NULL ? json_dumpf(doc, fp, JSON_INDENT(2) | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER) : -1;
	json_decref(doc);
	if (rc == 0 && fputc('\n', fp) == EOF)
		rc = -1;
	return rc;
}
