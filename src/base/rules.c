/*
 * base/rules.c: the rule registry (include/sipzone/rules.h) and what follows
 * from it: lookups, and the exit status a list of diagnostics calls for.
 */
#include <string.h>

#include "sipzone/rules.h"

struct rule_entry {
	const char *id;
	sz_severity severity;
	sz_severity alt;
	sz_rule_kind kind;
	sz_rule_group group;
	const char *text;
};

static const struct rule_entry rules[] = {
#define SZ_RULE_ENTRY(e, id, sev, alt, kind, group, text) { id, sev, alt, kind, group, text },
	SZ_RULES(SZ_RULE_ENTRY)
#undef SZ_RULE_ENTRY
};

static const struct rule_entry *entry(sz_rule rule)
{
	return (unsigned)rule < SZ_RULE_COUNT ? &rules[rule] : NULL;
}

const char *sz_rule_id(sz_rule rule)
{
	const struct rule_entry *e = entry(rule);
	return e != NULL ? e->id : "";
}

const char *sz_rule_description(sz_rule rule)
{
	const struct rule_entry *e = entry(rule);
	return e != NULL ? e->text : "";
}

sz_severity sz_rule_severity(sz_rule rule)
{
	const struct rule_entry *e = entry(rule);
	return e != NULL ? e->severity : SZ_SEV_ERROR;
}

sz_severity sz_rule_alt_severity(sz_rule rule)
{
	const struct rule_entry *e = entry(rule);
	return e != NULL ? e->alt : SZ_SEV_ERROR;
}

sz_rule_kind sz_rule_kind_of(sz_rule rule)
{
	const struct rule_entry *e = entry(rule);
	return e != NULL ? e->kind : SZ_RULE_KIND_FINDING;
}

sz_rule_group sz_rule_group_of(sz_rule rule)
{
	const struct rule_entry *e = entry(rule);
	return e != NULL ? e->group : SZ_RULE_GROUP_RUN;
}

const char *sz_rule_kind_name(sz_rule_kind kind)
{
	switch (kind) {
	case SZ_RULE_KIND_FINDING: return "finding";
	case SZ_RULE_KIND_INPUT: return "input";
	case SZ_RULE_KIND_USAGE: return "usage";
	}
	return "unknown";
}

const char *sz_rule_group_name(sz_rule_group group)
{
	switch (group) {
	case SZ_RULE_GROUP_CHECK: return "check";
	case SZ_RULE_GROUP_RUN: return "run";
	case SZ_RULE_GROUP_MODEL: return "model";
	case SZ_RULE_GROUP_KEY: return "key";
	case SZ_RULE_GROUP_LIVE: return "live";
	}
	return "unknown";
}

sz_status sz_rule_find(const char *id, sz_rule *out)
{
	for (size_t i = 0; id != NULL && i < SZ_RULE_COUNT; i++) {
		if (strcmp(rules[i].id, id) == 0) {
			*out = (sz_rule)i;
			return SZ_OK;
		}
	}
	return SZ_ERR_USAGE;
}

sz_status sz_severity_parse(const char *name, sz_severity *out)
{
	static const sz_severity all[] = { SZ_SEV_ERROR, SZ_SEV_WARNING, SZ_SEV_INFO };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (strcmp(sz_severity_name(all[i]), name) == 0) {
			*out = all[i];
			return SZ_OK;
		}
	}
	return SZ_ERR_USAGE;
}

sz_rule_kind sz_diag_kind(const sz_diag *d)
{
	if (d->rule == NULL)
		return SZ_RULE_KIND_FINDING;
	/* The library emits the registry's own strings: try the pointer first. */
	for (size_t i = 0; i < SZ_RULE_COUNT; i++)
		if (rules[i].id == d->rule)
			return rules[i].kind;
	sz_rule r;
	return sz_rule_find(d->rule, &r) == SZ_OK ? sz_rule_kind_of(r) : SZ_RULE_KIND_FINDING;
}

sz_rule_kind sz_diag_list_worst_kind(const sz_diag_list *list)
{
	sz_rule_kind worst = SZ_RULE_KIND_FINDING;
	for (size_t i = 0; i < list->count; i++) {
		sz_rule_kind k = sz_diag_kind(&list->items[i]);
		worst = k > worst ? k : worst;
	}
	return worst;
}

int sz_diag_list_exit_code(const sz_diag_list *list, bool strict)
{
	if (sz_diag_list_worst_kind(list) != SZ_RULE_KIND_FINDING)
		return SZ_EXIT_FAILURE;
	if (list->errors > 0 || (strict && list->warnings > 0))
		return SZ_EXIT_PROBLEMS;
	return SZ_EXIT_OK;
}
