/*
 * model_result.h: loading a model from a string in a cmocka test, shared by
 * the model tests (test_model_load.c, test_model_deploy.c). Include it after
 * <cmocka.h> and the C headers it needs (string.h).
 */
#ifndef SZ_TEST_MODEL_RESULT_H
#define SZ_TEST_MODEL_RESULT_H

#include "sipzone/model.h"

typedef struct result {
	sz_status status;
	sz_model *model;
	sz_diag_list diags;
} result;

/* Load `json` as the file "m.json"; release with done(). */
static inline result load(const char *json)
{
	result r;
	sz_diag_list_init(&r.diags);
	r.status = sz_model_load_buffer(json, strlen(json), "m.json", &r.model, &r.diags);
	return r;
}

static inline void done(result *r)
{
	sz_model_free(r->model);
	sz_diag_list_clear(&r->diags);
}

/* Every diagnostic, on cmocka's error output. */
static inline void print_diags(const result *r)
{
	for (size_t i = 0; i < r->diags.count; i++)
		print_error("found: %zu:%zu %s %s: %s\n", r->diags.items[i].line,
			    r->diags.items[i].col, r->diags.items[i].rule,
			    r->diags.items[i].path ? r->diags.items[i].path : "-",
			    r->diags.items[i].message);
}

/* The diagnostic with this rule, or a failure listing what was found. */
static inline const sz_diag *find(const result *r, const char *rule)
{
	for (size_t i = 0; i < r->diags.count; i++)
		if (strcmp(r->diags.items[i].rule, rule) == 0)
			return &r->diags.items[i];
	print_diags(r);
	fail_msg("no diagnostic with rule %s", rule);
	return NULL;
}

#endif
