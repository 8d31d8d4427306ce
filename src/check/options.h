/*
 * check/options.h: what sz_check_options holds. Public code sees the type
 * only through the setters of sipzone/check.h, so the per-rule arrays may
 * grow with the registry without changing the ABI.
 */
#ifndef SZ_CHECK_OPTIONS_INTERNAL_H
#define SZ_CHECK_OPTIONS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "sipzone/check.h"

struct sz_check_options {
	const char *origin;
	size_t max_errors;
	const char *const *allow_targets;
	size_t n_allow_targets;
	const sz_model *model;
	bool has_view;
	sz_view view;
	bool disabled[SZ_RULE_COUNT];
	bool override[SZ_RULE_COUNT];
	sz_severity severity[SZ_RULE_COUNT];
	int threads;
	bool ldns_only;
	bool include_anywhere;
	sz_check_drain_fn drain;
	void *drain_ctx;
};

#endif
