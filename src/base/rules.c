/*
 * base/rules.c: the rule table of the checker and its options.
 */
#include <string.h>

#include "sipzone/check.h"

struct rule_entry {
	const char *id;
	sz_severity severity;
	sz_severity alt;
	const char *text;
};

static const struct rule_entry rules[] = {
#define SZ_RULE_ENTRY(e, id, sev, alt, text) { id, sev, alt, text },
	SZ_CHECK_RULES(SZ_RULE_ENTRY)
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

sz_status sz_rule_find(const char *id, sz_rule *out)
{
	for (size_t i = 0; i < SZ_RULE_COUNT; i++) {
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

void sz_check_options_init(sz_check_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->max_errors = SZ_CHECK_MAX_ERRORS;
	opts->threads = -1;
}
