/*
 * load.c: loading the model, with the one exit policy of every command
 * (generate, check --model, pic, verify, push).
 */
#include <stdio.h>

#include "cmd.h"

static int load(const char *verb, const char *path, bool json, const char *done,
		const sz_view *view, sz_model **out)
{
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	*out = NULL;
	sz_status s = sz_model_load_file(path, out, &diags);
	if (s == SZ_OK && view != NULL) {
		s = sz_model_view_findings(*out, *view, &diags);
		sz_diag_list_sort(&diags);
	}
	int rc = SZ_EXIT_OK;
	if (s != SZ_OK) {
		rc = sz_diag_list_exit_code(&diags, false);
		if (rc == SZ_EXIT_OK) /* no diagnostic says why (out of memory) */
			rc = s == SZ_ERR_INVALID ? SZ_EXIT_PROBLEMS : SZ_EXIT_FAILURE;
	}
	sz_print_diags(stderr, &diags, SZ_COLOR_AUTO);
	if (rc != SZ_EXIT_OK && json && sz_dump_json(sz_findings_doc_json(&diags)) != 0)
		rc = sz_usage_error(verb, "cannot write to standard output");
	if (rc == SZ_EXIT_PROBLEMS)
		fprintf(stderr, "%s %s: %zu error%s in the model; nothing was %s\n", sz_progname, verb,
			diags.errors, diags.errors == 1 ? "" : "s", done);
	else if (rc != SZ_EXIT_OK && diags.count == 0)
		sz_usage_error(verb, "cannot use the model %s: %s", path, sz_status_str(s));
	sz_diag_list_clear(&diags);
	if (rc != SZ_EXIT_OK) {
		sz_model_free(*out);
		*out = NULL;
	}
	return rc;
}

int sz_load_model(const char *verb, const char *path, bool json, const char *done,
		  sz_model **out)
{
	return load(verb, path, json, done, NULL, out);
}

int sz_load_model_view(const char *verb, const char *path, bool json, const char *done,
		       sz_view view, sz_model **out)
{
	return load(verb, path, json, done, &view, out);
}
