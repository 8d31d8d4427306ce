/*
 * check/options.c: the checker's options (sz_check_options_*).
 */
#include <stdlib.h>

#include "check/options.h"

sz_status sz_check_options_new(sz_check_options **out)
{
	sz_check_options *o = calloc(1, sizeof(*o));
	if (o == NULL)
		return SZ_ERR_NOMEM;
	o->max_errors = SZ_CHECK_MAX_ERRORS;
	o->threads = -1;
	*out = o;
	return SZ_OK;
}

void sz_check_options_free(sz_check_options *opts)
{
	free(opts);
}

void sz_check_options_set_origin(sz_check_options *opts, const char *origin)
{
	opts->origin = origin;
}

void sz_check_options_set_max_errors(sz_check_options *opts, size_t max_errors)
{
	opts->max_errors = max_errors;
}

void sz_check_options_set_allow_targets(sz_check_options *opts, const char *const *targets,
					size_t n_targets)
{
	opts->allow_targets = targets;
	opts->n_allow_targets = n_targets;
}

void sz_check_options_set_model(sz_check_options *opts, const sz_model *model)
{
	opts->model = model;
}

sz_status sz_check_options_set_view(sz_check_options *opts, sz_view view)
{
	if (view != SZ_VIEW_EXTERNAL && view != SZ_VIEW_INTERNAL)
		return SZ_ERR_USAGE;
	opts->has_view = true;
	opts->view = view;
	return SZ_OK;
}

void sz_check_options_set_threads(sz_check_options *opts, int threads)
{
	opts->threads = threads;
}

void sz_check_options_set_ldns_only(sz_check_options *opts, bool ldns_only)
{
	opts->ldns_only = ldns_only;
}

void sz_check_options_set_include_anywhere(sz_check_options *opts, bool anywhere)
{
	opts->include_anywhere = anywhere;
}

static bool is_check_rule(sz_rule rule)
{
	return (unsigned)rule < SZ_RULE_COUNT && sz_rule_group_of(rule) == SZ_RULE_GROUP_CHECK;
}

sz_status sz_check_options_disable(sz_check_options *opts, sz_rule rule)
{
	if (!is_check_rule(rule))
		return SZ_ERR_USAGE;
	opts->disabled[rule] = true;
	return SZ_OK;
}

sz_status sz_check_options_set_severity(sz_check_options *opts, sz_rule rule, sz_severity sev)
{
	if (!is_check_rule(rule) || (sev != SZ_SEV_ERROR && sev != SZ_SEV_WARNING && sev != SZ_SEV_INFO))
		return SZ_ERR_USAGE;
	opts->override[rule] = true;
	opts->severity[rule] = sev;
	return SZ_OK;
}

void sz_check_options_set_drain(sz_check_options *opts, sz_check_drain_fn drain, void *ctx)
{
	opts->drain = drain;
	opts->drain_ctx = ctx;
}
