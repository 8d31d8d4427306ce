/*
 * import/import.c: `sipzone import` as a library call (sipzone/import.h).
 * The checker reads the files first and reports what breaks the rules, as
 * `sipzone check` does; then the records are read again for inference
 * (import/read.c), the model is built (import/infer.c, import/emit.c) and
 * loaded, so that what is handed out is a model generate accepts.
 */
#include <stdlib.h>
#include <string.h>

#include "base/file_read.h"
#include "import/importer.h"
#include "sipzone/check.h"

const char *sz_import_note_kind_name(sz_import_note_kind kind)
{
	switch (kind) {
	case SZ_IMPORT_ASSUMED: return "assumed";
	case SZ_IMPORT_CORRECTED: return "corrected";
	case SZ_IMPORT_LEFT_OUT: return "left out";
	}
	return "?";
}

static void notes_free(sz_import_note *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].value);
		free(v[i].reason);
		free(v[i].file);
	}
	free(v);
}

void sz_import_free(sz_import *imp)
{
	if (imp == NULL)
		return;
	free(imp->model_json);
	notes_free(imp->notes, imp->n_notes);
	free(imp);
}

static int note_cmp(const void *a, const void *b)
{
	const sz_import_note *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	int c = strcmp(x->path, y->path);
	if (c != 0)
		return c;
	c = strcmp(x->file != NULL ? x->file : "", y->file != NULL ? y->file : "");
	if (c != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

/* The checker's pass: its findings into `diags`. */
static sz_status run_checker(const char *const *paths, const char *const *bufs, const size_t *lens,
			     size_t n, const sz_import_options *opt, bool internal, sz_diag_list *diags)
{
	sz_check_options *co = NULL;
	sz_checker *ck = NULL;
	sz_status st = sz_check_options_new(&co);
	if (st != SZ_OK)
		return st;
	sz_check_options_set_origin(co, opt->origin);
	sz_check_options_set_include_anywhere(co, opt->include_anywhere);
	sz_check_options_set_threads(co, 0);
	if (internal)
		(void)sz_check_options_set_view(co, SZ_VIEW_INTERNAL);
	st = sz_checker_new(co, &ck, diags);
	sz_status fatal = SZ_OK;
	for (size_t i = 0; st == SZ_OK && i < n; i++) {
		sz_status r = bufs != NULL && bufs[i] != NULL
			? sz_checker_read_buffer(ck, paths[i], bufs[i], lens[i], diags)
			: sz_checker_read_file(ck, paths[i], diags);
		if (r == SZ_ERR_NOMEM)
			st = r;
		else if ((r == SZ_ERR_IO || r == SZ_ERR_ORIGIN) && fatal == SZ_OK)
			fatal = r;
	}
	if (st == SZ_OK) {
		sz_status r = sz_checker_finish(ck, diags);
		if (r == SZ_ERR_NOMEM)
			st = r;
	}
	sz_checker_free(ck);
	sz_check_options_free(co);
	return st != SZ_OK ? st : fatal;
}

sz_status sz_import_files(const char *const *paths, size_t n_paths, const sz_import_options *opt,
			  sz_import **out, sz_diag_list *diags)
{
	static const sz_import_options defaults = { NULL, false, NULL, 0 };
	if (opt == NULL)
		opt = &defaults;
	*out = NULL;
	/* standard input can be read once: keep it for both passes */
	const char **names = calloc(n_paths + 1, sizeof(*names));
	char **bufs = calloc(n_paths + 1, sizeof(*bufs));
	size_t *lens = calloc(n_paths + 1, sizeof(*lens));
	sz_status st = names != NULL && bufs != NULL && lens != NULL ? SZ_OK : SZ_ERR_NOMEM;
	for (size_t i = 0; st == SZ_OK && i < n_paths; i++) {
		names[i] = paths[i];
		if (strcmp(paths[i], "-") != 0)
			continue;
		names[i] = "<stdin>";
		st = szi_file_read("-", &bufs[i], &lens[i]);
		if (st == SZ_ERR_IO)
			(void)sz_diag_add(diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), "<stdin>", 0, 0,
					  NULL, NULL, NULL, "cannot read standard input");
	}
	if (st == SZ_OK)
		st = run_checker(names, (const char *const *)bufs, lens, n_paths, opt, false, diags);
	if (st == SZ_OK && opt->n_internal > 0)
		st = run_checker(opt->internal, NULL, NULL, opt->n_internal, opt, true, diags);
	szi_imp_recs recs, irecs;
	memset(&recs, 0, sizeof(recs));
	memset(&irecs, 0, sizeof(irecs));
	for (size_t i = 0; st == SZ_OK && i < n_paths; i++)
		st = szi_imp_read_file(&recs, names[i], bufs[i], lens[i], opt);
	for (size_t i = 0; st == SZ_OK && i < opt->n_internal; i++)
		st = szi_imp_read_file(&irecs, opt->internal[i], NULL, 0, opt);
	szi_imp_notes notes;
	memset(&notes, 0, sizeof(notes));
	notes.cur_dom = -1;
	sz_import *imp = NULL;
	if (st == SZ_OK) {
		szi_imp_recs_finish(&recs);
		szi_imp_recs_finish(&irecs);
		imp = calloc(1, sizeof(*imp));
		st = imp != NULL ? szi_imp_build(&recs, &irecs, &notes, &imp->model_json, &imp->n_domains)
				 : SZ_ERR_NOMEM;
	}
	if (st == SZ_OK && imp->model_json != NULL) {
		/* the model's own warnings (address-not-public ...) repeat what
		 * the checker said of the records: only a failure is reported */
		sz_model *m = NULL;
		sz_diag_list load_diags;
		sz_diag_list_init(&load_diags);
		st = sz_model_load_buffer(imp->model_json, strlen(imp->model_json), "<import>", &m,
					  &load_diags);
		sz_model_free(m);
		for (size_t i = 0; st != SZ_OK && i < load_diags.count; i++) {
			const sz_diag *d = &load_diags.items[i];
			(void)sz_diag_add(diags, d->severity, d->rule, d->file, d->line, d->col, d->path,
					  d->owner, d->type, "%s", d->message);
		}
		sz_diag_list_clear(&load_diags);
	}
	if (st == SZ_OK) {
		if (notes.n > 0)
			qsort(notes.v, notes.n, sizeof(*notes.v), note_cmp);
		imp->notes = notes.v;
		imp->n_notes = notes.n;
		for (size_t i = 0; i < notes.n; i++) {
			imp->n_corrected += notes.v[i].kind == SZ_IMPORT_CORRECTED;
			imp->n_left_out += notes.v[i].kind == SZ_IMPORT_LEFT_OUT;
		}
		notes.v = NULL;
		notes.n = 0;
		*out = imp;
		imp = NULL;
	}
	notes_free(notes.v, notes.n);
	free(notes.dom);
	sz_import_free(imp);
	szi_imp_recs_clear(&recs);
	szi_imp_recs_clear(&irecs);
	for (size_t i = 0; bufs != NULL && i < n_paths; i++)
		free(bufs[i]);
	free(bufs);
	free(lens);
	free(names);
	return st;
}
