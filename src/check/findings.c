/*
 * check/findings.c: reporting a finding, from a parser thread into its
 * batch (szi_batch_finding) or from the merging thread through the
 * overrides (szi_emit), and the zone test of the end-of-input rules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "check/findings.h"
#include "base/vformat.h"

bool szi_batch_finding(sz_batch *b, uint32_t entry, sz_rule rule, sz_severity sev,
		       const ldns_rr *rr, const char *fmt, ...)
{
	if (b->n_findings == b->cap_findings) {
		size_t cap = b->cap_findings ? b->cap_findings * 2 : 16;
		sz_wfinding *f = realloc(b->findings, cap * sizeof(*f));
		if (f == NULL)
			return false;
		b->findings = f;
		b->cap_findings = cap;
	}
	sz_wfinding *f = &b->findings[b->n_findings];
	memset(f, 0, sizeof(*f));
	f->entry = entry;
	f->rule = rule;
	f->severity = sev;
	if (rr != NULL) {
		f->owner = ldns_rdf2str(ldns_rr_owner(rr));
		f->type = ldns_rr_type2str(ldns_rr_get_type(rr));
	}
	va_list ap;
	va_start(ap, fmt);
	f->message = szi_vformat(fmt, ap);
	va_end(ap);
	if (f->message == NULL) {
		free(f->owner);
		free(f->type);
		return false;
	}
	b->n_findings++;
	b->entries[entry].n_findings++;
	return true;
}

void szi_batch_reset(sz_batch *b)
{
	for (size_t i = 0; i < b->n_findings; i++) {
		free(b->findings[i].owner);
		free(b->findings[i].type);
		free(b->findings[i].message);
	}
	b->n_findings = 0;
	b->n = 0;
	b->text.len = 0;
	b->wire.len = 0;
}

sz_status szi_emit(sz_checker *c, sz_rule rule, sz_severity sev, uint32_t file, size_t line,
		   const char *owner, const char *type, const char *fmt, ...)
{
	if (c->opts.disabled[rule])
		return SZ_OK;
	if (c->opts.override[rule])
		sev = c->opts.severity[rule];
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	const char *fname = file < c->files.count ? c->files.names[file] : NULL;
	if (fname == NULL && c->opts.model != NULL)
		fname = c->opts.model->source;
	sz_status st = sz_diag_add(c->diags, sev, sz_rule_id(rule), fname, line, 0, NULL, owner,
				   type, "%s", buf);
	/* let the caller stream them: memory stays flat however many there are */
	if (c->opts.drain != NULL && c->diags->count >= SZ_CHECK_DRAIN_EVERY)
		c->opts.drain(c->opts.drain_ctx, c->diags);
	return st;
}

bool szi_in_checked_zone(const sz_checker *c, const uint8_t *w, size_t len, uint32_t *zone)
{
	for (size_t off = 0; off < len; off += (size_t)w[off] + 1) {
		uint32_t id;
		if (szi_names_find(&c->names, w + off, len - off, szi_hash(w + off, len - off), &id)) {
			uint32_t flags = c->names.v[id].flags;
			if (flags & SZ_NAME_ZONE) {
				*zone = id;
				return true;
			}
			if (flags & SZ_NAME_NS)
				return false;
		}
		if (w[off] == 0)
			break;
	}
	return false;
}
