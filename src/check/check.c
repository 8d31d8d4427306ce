/*
 * check/check.c: the checker's public API: options, reading inputs through the
 * pipeline, the end-of-input rules.
 */
#include <stdlib.h>
#include <string.h>

#include "check/checker.h"

static sz_status usage(sz_diag_list *diags, const char *fmt, const char *arg)
{
	if (diags != NULL)
		(void)sz_diag_add(diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_USAGE), NULL, 0, 0, NULL, NULL, NULL, fmt, arg);
	return SZ_ERR_USAGE;
}

/* The --allow-target names in wire form; the Microsoft 365 ones are built
 * in (sz_is_hosted_target(), szi_target_allowed() in sip/srv_verdict.c). */
static sz_status setup_allow(sz_checker *c, sz_diag_list *diags)
{
	size_t n = c->opts.n_allow_targets;
	if (n == 0)
		return SZ_OK;
	c->rules.allow = calloc(n, sizeof(*c->rules.allow));
	c->rules.allow_len = calloc(n, sizeof(*c->rules.allow_len));
	if (c->rules.allow == NULL || c->rules.allow_len == NULL)
		return SZ_ERR_NOMEM;
	for (size_t i = 0; i < n; i++) {
		const char *name = c->opts.allow_targets[i];
		size_t len = szi_text_to_wire(name, c->rules.allow[i]);
		if (len <= 1)
			return usage(diags, "--allow-target %s is not a domain name: give a host name like sipfed.online.lync.com", name);
		c->rules.allow_len[i] = len;
	}
	c->rules.n_allow = n;
	return SZ_OK;
}

sz_status sz_checker_new(const sz_check_options *opts, sz_checker **out, sz_diag_list *diags)
{
	*out = NULL;
	sz_checker *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return SZ_ERR_NOMEM;
	c->opts = *opts;
	c->rules.opts = &c->opts;
	c->rules.psl = psl_builtin();
	szi_names_init(&c->names);
	szi_names_init(&c->svcs);
	szi_names_init(&c->rules.model_domains);
	szi_rrsets_init(&c->rrsets);

	sz_status st = setup_allow(c, diags);
	if (st == SZ_OK && opts->has_view && opts->view != SZ_VIEW_EXTERNAL &&
	    opts->view != SZ_VIEW_INTERNAL)
		st = usage(diags, "%s", "the view is internal or external");
	if (st == SZ_OK && opts->origin != NULL) {
		uint8_t w[SZ_WIRE_MAX];
		if (szi_text_to_wire(opts->origin, w) == 0)
			st = usage(diags, "--origin %s is not a domain name: give the zone's name, like contoso.com", opts->origin);
	}
	if (st == SZ_OK)
		st = szi_model_prepare(c);
	if (st == SZ_OK)
		st = szi_pipeline_init(&c->pipe, &c->rules, opts->threads);
	if (st != SZ_OK) {
		sz_checker_free(c);
		return st;
	}
	*out = c;
	return SZ_OK;
}

void sz_checker_free(sz_checker *c)
{
	if (c == NULL)
		return;
	szi_pipeline_destroy(&c->pipe);
	szi_public_clear(c);
	szi_cross_clear(c);
	szi_model_clear(c);
	free(c->rules.allow);
	free(c->rules.allow_len);
	szi_files_clear(&c->files);
	free(c);
}

const char *sz_origin_source_name(sz_origin_source source)
{
	switch (source) {
	case SZ_ORIGIN_NONE: return "none";
	case SZ_ORIGIN_OPTION: return "option";
	case SZ_ORIGIN_DIRECTIVE: return "directive";
	case SZ_ORIGIN_FILE_NAME: return "file-name";
	case SZ_ORIGIN_SOA: return "soa";
	}
	return "none";
}

size_t sz_checker_file_count(const sz_checker *c)
{
	return c->n_inputs;
}

bool sz_checker_file_get(const sz_checker *c, size_t index, sz_check_file *out)
{
	if (index >= c->n_inputs)
		return false;
	const sz_input *in = &c->inputs[index];
	out->name = in->name;
	out->origin = in->origin_text;
	out->origin_source = in->origin_source;
	out->read = !in->unread;
	return true;
}

void sz_checker_get_stats(const sz_checker *c, sz_check_stats *out)
{
	*out = c->stats;
}

/* Merge the parsed batches at the head; wait for them when `wait`. */
static sz_status merge_ready(sz_checker *c, bool wait)
{
	sz_batch *b;
	while ((b = szi_pipeline_head(&c->pipe, wait)) != NULL) {
		sz_status st = c->stats.stopped ? SZ_OK : szi_merge_batch(c, b);
		szi_pipeline_pop(&c->pipe);
		if (st != SZ_OK)
			return st;
	}
	return SZ_OK;
}

/* Submit the batch being filled, if any, and merge everything in flight. */
static sz_status drain(sz_checker *c)
{
	sz_batch *b = szi_pipeline_current(&c->pipe);
	if (b != NULL && b->n > 0) {
		sz_status st = szi_pipeline_submit(&c->pipe);
		if (st != SZ_OK)
			return st;
	}
	return merge_ready(c, true);
}

static sz_status add_input(sz_checker *c, uint32_t *index)
{
	sz_input *v = realloc(c->inputs, (c->n_inputs + 1) * sizeof(*v));
	if (v == NULL)
		return SZ_ERR_NOMEM;
	c->inputs = v;
	memset(&v[c->n_inputs], 0, sizeof(v[0]));
	*index = (uint32_t)c->n_inputs++;
	return SZ_OK;
}

static sz_status fail(sz_checker *c, sz_status st)
{
	c->failed = st;
	return st;
}

/* The reader's word on the origin of the input's first record. */
static sz_status note_origin(sz_checker *c, uint32_t input, const sz_zread *r)
{
	static const sz_origin_source from[] = {
		[SZ_ZORIGIN_NONE] = SZ_ORIGIN_NONE, [SZ_ZORIGIN_OPTION] = SZ_ORIGIN_OPTION,
		[SZ_ZORIGIN_DIRECTIVE] = SZ_ORIGIN_DIRECTIVE, [SZ_ZORIGIN_FILE_NAME] = SZ_ORIGIN_FILE_NAME,
		[SZ_ZORIGIN_SOA] = SZ_ORIGIN_SOA,
	};
	sz_input *in = &c->inputs[input];
	const char *text;
	sz_zorigin_src src;
	if (in->origin_text != NULL || !szi_zread_first_origin(r, &text, &src))
		return SZ_OK;
	in->origin_source = from[src];
	if (text != NULL && (in->origin_text = strdup(text)) == NULL)
		return SZ_ERR_NOMEM;
	return SZ_OK;
}

/* A file that cannot be read, or stops for want of an origin, ends its
 * reading but not the checker's: the other files are still checked. */
static sz_status unread(sz_checker *c, uint32_t input, sz_status st)
{
	c->inputs[input].unread = true;
	return st;
}

static sz_status read_input(sz_checker *c, sz_zread *r, const char *name)
{
	uint32_t input;
	sz_status st = add_input(c, &input);
	if (st == SZ_OK && (c->inputs[input].name = strdup(name)) == NULL)
		st = SZ_ERR_NOMEM;
	if (st != SZ_OK)
		return fail(c, st);
	for (;;) {
		sz_batch *b = szi_pipeline_current(&c->pipe);
		if (b == NULL) {
			/* every batch is in flight: merge the oldest */
			sz_batch *h = szi_pipeline_head(&c->pipe, true);
			st = c->stats.stopped ? SZ_OK : szi_merge_batch(c, h);
			szi_pipeline_pop(&c->pipe);
			if (st != SZ_OK)
				return fail(c, st);
			continue;
		}
		if (c->stats.stopped)
			break;
		sz_zrec rec;
		size_t mark = b->text.len;
		st = szi_zread_next(r, &rec, &b->text);
		if (st != SZ_OK) {
			if (rec.kind != SZ_ZREC_ERROR || (st != SZ_ERR_IO && st != SZ_ERR_ORIGIN))
				return fail(c, st);
			/* a fatal problem: report what came before it first */
			char msg[1200];
			snprintf(msg, sizeof(msg), "%s", b->text.data + rec.text_off);
			b->text.len = mark;
			sz_status ds = drain(c);
			if (ds != SZ_OK)
				return fail(c, ds);
			(void)sz_diag_add(c->diags, SZ_SEV_ERROR, sz_rule_id(st == SZ_ERR_IO ? SZ_RULE_IO : SZ_RULE_ORIGIN),
					  c->files.names[rec.file], rec.line, 0, NULL, NULL, NULL, "%s", msg);
			c->stats.files_read += szi_zread_files_read(r);
			if (note_origin(c, input, r) != SZ_OK)
				return fail(c, SZ_ERR_NOMEM);
			return unread(c, input, st);
		}
		if (rec.kind == SZ_ZREC_END)
			break;
		if (rec.kind == SZ_ZREC_RECORD && note_origin(c, input, r) != SZ_OK)
			return fail(c, SZ_ERR_NOMEM);
		sz_entry *e = &b->entries[b->n++];
		memset(e, 0, sizeof(*e));
		e->kind = (uint8_t)rec.kind;
		e->text_off = (uint32_t)rec.text_off;
		e->file = rec.file;
		e->line = rec.line;
		e->input = input;
		e->default_ttl = rec.default_ttl;
		e->has_default_ttl = rec.has_default_ttl;
		e->explicit_ttl = rec.explicit_ttl;
		e->origin = szi_origin_ref(rec.origin);
		e->has_head = rec.has_head && szi_rec_head_pack(&rec.head, &e->head);
		if (b->n == SZ_BATCH_RECORDS) {
			if ((st = szi_pipeline_submit(&c->pipe)) != SZ_OK ||
			    (st = merge_ready(c, false)) != SZ_OK)
				return fail(c, st);
		}
	}
	c->stats.files_read += szi_zread_files_read(r);
	if ((st = drain(c)) != SZ_OK)
		return fail(c, st);
	return c->stats.stopped ? SZ_ERR_LIMIT : SZ_OK;
}

static sz_status read_with(sz_checker *c, sz_zread *r, const char *name, sz_status made,
			   sz_diag_list *diags)
{
	if (made != SZ_OK) {
		szi_zread_free(r);
		return fail(c, made);
	}
	c->diags = diags;
	sz_status st = read_input(c, r, name);
	szi_zread_free(r);
	c->diags = NULL;
	return st;
}

static sz_status before_read(sz_checker *c)
{
	if (c->failed != SZ_OK)
		return c->failed;
	if (c->finished)
		return SZ_ERR_USAGE;
	c->stats.files++;
	return c->stats.stopped ? SZ_ERR_LIMIT : SZ_OK;
}

sz_status sz_checker_read_file(sz_checker *c, const char *path, sz_diag_list *diags)
{
	sz_status st = before_read(c);
	if (st != SZ_OK)
		return st;
	sz_zread_config cfg = { c->opts.origin, SZ_CHECK_MAX_INCLUDE_DEPTH, c->opts.include_anywhere };
	sz_zread *r = NULL;
	st = szi_zread_new_file(path, &cfg, &c->files, &r);
	return read_with(c, r, strcmp(path, "-") == 0 ? "<stdin>" : path, st, diags);
}

sz_status sz_checker_read_buffer(sz_checker *c, const char *name, const char *buf, size_t len,
				 sz_diag_list *diags)
{
	sz_status st = before_read(c);
	if (st != SZ_OK)
		return st;
	sz_zread_config cfg = { c->opts.origin, SZ_CHECK_MAX_INCLUDE_DEPTH, c->opts.include_anywhere };
	sz_zread *r = NULL;
	st = szi_zread_new_buffer(name, buf, len, &cfg, &c->files, &r);
	return read_with(c, r, name, st, diags);
}

sz_status sz_checker_finish(sz_checker *c, sz_diag_list *diags)
{
	if (c->failed != SZ_OK)
		return c->failed;
	if (c->finished)
		return SZ_ERR_USAGE;
	c->finished = true;
	if (c->stats.stopped)
		return SZ_ERR_LIMIT;
	c->diags = diags;
	sz_status st = szi_cross_finish(c);
	if (st == SZ_OK)
		st = szi_public_finish(c);
	if (st == SZ_OK)
		st = szi_model_finish(c);
	c->diags = NULL;
	return st == SZ_OK ? SZ_OK : fail(c, st);
}
