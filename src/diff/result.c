/*
 * diff/result.c: building a comparison's result (include/sipzone/diff.h):
 * an empty result, one pair of inputs read and appended to it as a file,
 * freeing it.
 */
#include <stdlib.h>
#include <string.h>

#include "dns/wire_name.h"
#include "diff/core.h"

const char *sz_diff_kind_name(sz_diff_kind kind)
{
	switch (kind) {
	case SZ_DIFF_ADDED: return "added";
	case SZ_DIFF_REMOVED: return "removed";
	case SZ_DIFF_TTL_CHANGED: return "ttl-changed";
	}
	return "unknown";
}

sz_status sz_diff_new(sz_diff **out)
{
	*out = calloc(1, sizeof(**out));
	return *out != NULL ? SZ_OK : SZ_ERR_NOMEM;
}

void sz_diff_free(sz_diff *diff)
{
	if (diff == NULL)
		return;
	for (size_t i = 0; i < diff->n_files; i++)
		szi_diff_file_clear(&diff->files[i]);
	free(diff->files);
	free(diff);
}

bool sz_diff_equal(const sz_diff *diff)
{
	return diff->files_changed == 0;
}

static sz_status check_origin(const sz_diff_options *opt, sz_diag_list *diags)
{
	uint8_t w[SZ_WIRE_MAX];
	if (opt->origin == NULL || szi_text_to_wire(opt->origin, w) != 0)
		return SZ_OK;
	szi_diff_report(diags, sz_rule_id(SZ_RULE_USAGE), NULL, 0,
		   "--origin %s is not a domain name: give the zone's name, like contoso.com", opt->origin);
	return SZ_ERR_USAGE;
}

static char *label_of(const sz_diff_input *in)
{
	if (in == NULL)
		return NULL;
	return strdup(in->label != NULL ? in->label : in->name);
}

/* Append the comparison of two read sets as a new file of `diff`. */
static sz_status append_file(sz_diff *diff, const sz_diff_set *o, const sz_diff_set *n,
			     const sz_diff_input *old_in, const sz_diff_input *new_in)
{
	sz_diff_file *v = realloc(diff->files, (diff->n_files + 1) * sizeof(*v));
	if (v == NULL)
		return SZ_ERR_NOMEM;
	diff->files = v;
	sz_diff_file f = { 0 };
	f.old_label = label_of(old_in);
	f.new_label = label_of(new_in);
	sz_status st = (old_in != NULL && f.old_label == NULL) || (new_in != NULL && f.new_label == NULL)
		? SZ_ERR_NOMEM : szi_diff_compare(o, n, &f);
	if (st != SZ_OK) {
		szi_diff_file_clear(&f);
		return st;
	}
	diff->files[diff->n_files++] = f;
	diff->added += f.added;
	diff->removed += f.removed;
	diff->ttl_changed += f.ttl_changed;
	diff->files_changed += f.count > 0;
	return SZ_OK;
}

sz_status sz_diff_add(sz_diff *diff, const sz_diff_input *old_in, const sz_diff_input *new_in,
		      const sz_diff_options *opt, sz_diag_list *diags)
{
	static const sz_diff_options defaults = { 0 };
	if (opt == NULL)
		opt = &defaults;
	sz_status st = check_origin(opt, diags);
	if (st != SZ_OK)
		return st;
	sz_diff_set o = { 0 }, n = { 0 };
	sz_status so = old_in != NULL ? szi_diff_set_read(&o, old_in, opt, diags) : SZ_OK;
	sz_status sn = new_in != NULL ? szi_diff_set_read(&n, new_in, opt, diags) : SZ_OK;
	st = so != SZ_OK ? so : sn;
	if (st == SZ_OK)
		st = append_file(diff, &o, &n, old_in, new_in);
	szi_diff_set_clear(&o);
	szi_diff_set_clear(&n);
	return st;
}
