/*
 * diff/compare.c: walk two sorted record sets side by side into changes,
 * and give the changed records their presentation form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/core.h"

/* The RDATA wire as ldns reads it from a packet: RDLENGTH first. */
static uint8_t *wire_with_length(const sz_diff_rec *r)
{
	uint8_t *w = malloc((size_t)r->rdlen + 2);
	if (w == NULL)
		return NULL;
	ldns_write_uint16(w, r->rdlen);
	if (r->rdlen > 0)
		memcpy(w + 2, r->rdata, r->rdlen);
	if (r->serial_masked)
		ldns_write_uint32(w + 2 + r->serial_off, r->serial);
	return w;
}

/* true when the fields of `rr` are exactly the `len` octets of `wire`. */
static bool same_wire(const ldns_rr *rr, const uint8_t *wire, size_t len)
{
	ldns_buffer *b = ldns_buffer_new(len + 16);
	if (b == NULL)
		return false;
	bool same = ldns_rr_rdata2buffer_wire(b, rr) == LDNS_STATUS_OK &&
		    ldns_buffer_position(b) == len &&
		    (len == 0 || memcmp(ldns_buffer_begin(b), wire, len) == 0);
	ldns_buffer_free(b);
	return same;
}

static char *name_text(const ldns_rdf *rdf, bool line_start);

/* The fields of `rr`, space-separated, into `out`. */
static bool fields_text(ldns_buffer *out, const ldns_rr *rr)
{
	for (size_t i = 0; i < ldns_rr_rd_count(rr); i++) {
		if (i > 0)
			ldns_buffer_printf(out, " ");
		const ldns_rdf *f = ldns_rr_rdf(rr, i);
		if (ldns_rdf_get_type(f) == LDNS_RDF_TYPE_DNAME) {
			char *name = name_text(f, false);
			if (name == NULL)
				return false;
			ldns_buffer_printf(out, "%s", name);
			free(name);
		} else if (ldns_rdf2buffer_str(out, f) != LDNS_STATUS_OK) {
			return false;
		}
	}
	return ldns_buffer_status_ok(out);
}

/* Does `fields`, the presentation of a record of `r`'s class and type,
 * read back (as ldns reads it) to exactly the `len` octets of `wire`? */
static bool reads_back(const sz_diff_rec *r, const char *fields, const uint8_t *wire, size_t len)
{
	char *type = ldns_rr_type2str((ldns_rr_type)r->type);
	char *cls = ldns_rr_class2str((ldns_rr_class)r->rclass);
	size_t n = (type ? strlen(type) : 0) + (cls ? strlen(cls) : 0) + strlen(fields) + 16;
	char *line = malloc(n);
	ldns_rr *rr = NULL;
	bool same = false;
	if (type != NULL && cls != NULL && line != NULL) {
		snprintf(line, n, ". 0 %s %s %s", cls, type, fields);
		same = ldns_rr_new_frm_str(&rr, line, 0, NULL, NULL) == LDNS_STATUS_OK &&
		       ldns_rr_get_type(rr) == r->type && same_wire(rr, wire, len);
	}
	ldns_rr_free(rr);
	free(line);
	free(type);
	free(cls);
	return same;
}

/* RFC 3597's generic form, for data ldns cannot present faithfully. */
static void generic_text(ldns_buffer *out, const uint8_t *rdata, size_t len)
{
	ldns_buffer_printf(out, "\\# %zu", len);
	if (len > 0)
		ldns_buffer_printf(out, " ");
	for (size_t i = 0; i < len; i++)
		ldns_buffer_printf(out, "%02x", rdata[i]);
}

/*
 * ldns turns the wire into fields by the type's descriptor. Only when those
 * fields give back exactly the same octets, are as many as the type needs,
 * and their text reads back to the same octets, is their text used: a type
 * ldns does not know, or data that does not fit its descriptor or that ldns
 * cannot present (an HTTPS record whose SvcParams are one stray octet), is
 * shown in the generic form rather than as something it is not.
 */
char *szi_diff_rdata_text(const sz_diff_rec *r)
{
	uint8_t *wire = wire_with_length(r);
	ldns_rr *rr = ldns_rr_new();
	ldns_buffer *out = ldns_buffer_new(128);
	char *text = NULL;
	if (wire != NULL && rr != NULL && out != NULL) {
		size_t pos = 0;
		ldns_rr_set_type(rr, (ldns_rr_type)r->type);
		ldns_rr_set_class(rr, (ldns_rr_class)r->rclass);
		const ldns_rr_descriptor *d = ldns_rr_descript(r->type);
		/* Empty RDATA has no presentation form that parses back for
		 * every type (TYPE0 ""); RFC 3597's "\# 0" does. */
		bool known = r->rdlen > 0 &&
			     ldns_wire2rdf(rr, wire, (size_t)r->rdlen + 2, &pos) == LDNS_STATUS_OK &&
			     pos == (size_t)r->rdlen + 2 && same_wire(rr, wire + 2, r->rdlen) &&
			     (d == NULL || ldns_rr_rd_count(rr) >= ldns_rr_descriptor_minimum(d)) &&
			     fields_text(out, rr);
		if (known) {
			char *fields = ldns_buffer2str(out);
			known = fields != NULL && reads_back(r, fields, wire + 2, r->rdlen);
			free(fields);
		}
		if (!known) {
			ldns_buffer_clear(out);
			generic_text(out, wire + 2, r->rdlen);
		}
		if (ldns_buffer_status_ok(out))
			text = ldns_buffer_export2str(out);
	}
	free(wire);
	ldns_rr_free(rr);
	ldns_buffer_free(out);
	return text;
}

/*
 * A name as ldns presents it, made safe to read back from a zone-file line:
 * ldns escapes '.', ';', parentheses, backslash and what is not printable,
 * but writes '"' as it is, which would open a quoted string; a label
 * that starts with '$', which at the start of a line (`line_start`, the
 * owner) would read as a directive; and a leading '@', which ldns reads as
 * the origin, in an owner and in the data (found by fuzzing, F29).
 */
static char *name_text(const ldns_rdf *rdf, bool line_start)
{
	char *name = ldns_rdf2str(rdf);
	if (name == NULL)
		return NULL;
	bool lead = (line_start && name[0] == '$') || name[0] == '@';
	size_t n = strlen(name), extra = lead ? 1 : 0;
	for (size_t i = 0; i < n; i++)
		extra += name[i] == '"';
	if (extra == 0)
		return name;
	char *out = malloc(n + extra + 1);
	if (out != NULL) {
		size_t o = 0;
		for (size_t i = 0; i < n; i++) {
			if (name[i] == '"' || (i == 0 && lead))
				out[o++] = '\\';
			out[o++] = name[i];
		}
		out[o] = '\0';
	}
	free(name);
	return out;
}

static sz_status fill_entry(sz_diff_entry *e, sz_diff_kind kind, const sz_diff_rec *r, uint32_t old_ttl)
{
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->ttl = r->ttl;
	e->old_ttl = kind == SZ_DIFF_TTL_CHANGED ? old_ttl : 0;
	ldns_rdf owner;
	ldns_rdf_set_type(&owner, LDNS_RDF_TYPE_DNAME);
	ldns_rdf_set_size(&owner, r->owner_len);
	ldns_rdf_set_data(&owner, (void *)(uintptr_t)r->owner);
	e->owner = name_text(&owner, true);
	e->rclass = ldns_rr_class2str((ldns_rr_class)r->rclass);
	e->type = ldns_rr_type2str((ldns_rr_type)r->type);
	e->rdata = szi_diff_rdata_text(r);
	if (e->owner == NULL || e->rclass == NULL || e->type == NULL || e->rdata == NULL)
		return SZ_ERR_NOMEM;
	return SZ_OK;
}

static void entry_clear(sz_diff_entry *e)
{
	free(e->owner);
	free(e->rclass);
	free(e->type);
	free(e->rdata);
}

static sz_status push(sz_diff_file *f, size_t *cap, sz_diff_kind kind, const sz_diff_rec *r,
		      uint32_t old_ttl)
{
	if (f->count == *cap) {
		size_t n = *cap ? *cap * 2 : 16;
		sz_diff_entry *v = realloc(f->entries, n * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		f->entries = v;
		*cap = n;
	}
	sz_diff_entry *e = &f->entries[f->count++];
	sz_status st = fill_entry(e, kind, r, old_ttl);
	if (kind == SZ_DIFF_ADDED)
		f->added++;
	else if (kind == SZ_DIFF_REMOVED)
		f->removed++;
	else
		f->ttl_changed++;
	return st;
}

sz_status szi_diff_compare(const sz_diff_set *old_set, const sz_diff_set *new_set, sz_diff_file *f)
{
	size_t i = 0, j = 0, cap = 0;
	sz_status st = SZ_OK;
	f->old_records = old_set->count;
	f->new_records = new_set->count;
	while (st == SZ_OK && (i < old_set->count || j < new_set->count)) {
		const sz_diff_rec *o = i < old_set->count ? &old_set->recs[i] : NULL;
		const sz_diff_rec *n = j < new_set->count ? &new_set->recs[j] : NULL;
		int c = o == NULL ? 1 : n == NULL ? -1 : szi_diff_rec_cmp(o, n);
		if (c < 0) {
			st = push(f, &cap, SZ_DIFF_REMOVED, o, 0);
			i++;
		} else if (c > 0) {
			st = push(f, &cap, SZ_DIFF_ADDED, n, 0);
			j++;
		} else {
			if (o->ttl != n->ttl)
				st = push(f, &cap, SZ_DIFF_TTL_CHANGED, n, o->ttl);
			i++;
			j++;
		}
	}
	return st;
}

void szi_diff_file_clear(sz_diff_file *f)
{
	for (size_t i = 0; i < f->count; i++)
		entry_clear(&f->entries[i]);
	free(f->entries);
	free(f->old_label);
	free(f->new_label);
	memset(f, 0, sizeof(*f));
}
