/*
 * records/snippet.c: the snippet builder and the canonical order of records.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "dns/host_name.h"
#include "records/builder.h"

sz_status szi_builder_init(sz_snippet_builder *b, const char *zone, uint32_t ttl)
{
	memset(b, 0, sizeof(*b));
	b->snippet = calloc(1, sizeof(*b->snippet));
	if (b->snippet == NULL)
		return SZ_ERR_NOMEM;
	b->snippet->ttl = ttl;
	if ((b->snippet->zone = strdup(zone)) == NULL) {
		free(b->snippet);
		b->snippet = NULL;
		return SZ_ERR_NOMEM;
	}
	return SZ_OK;
}

static bool keep(sz_snippet_builder *b, char *s)
{
	sz_snippet *sn = b->snippet;
	if (sn->n_names == b->cap_names) {
		size_t cap = b->cap_names ? b->cap_names * 2 : 4;
		char **names = realloc(sn->names, cap * sizeof(*names));
		if (names == NULL)
			return false;
		sn->names = names;
		b->cap_names = cap;
	}
	sn->names[sn->n_names++] = s;
	return true;
}

/* The names a snippet builds live in blocks of at least SZ_NAME_BLOCK
 * bytes (a domain's snippet needs one), listed in snippet->names: one
 * allocation per snippet instead of one per name. */
#define SZ_NAME_BLOCK 512

static char *name_space(sz_snippet_builder *b, size_t n)
{
	if (b->block == NULL || b->block_cap - b->block_used < n) {
		size_t cap = n > SZ_NAME_BLOCK ? n : SZ_NAME_BLOCK;
		char *block = malloc(cap);
		if (block == NULL || !keep(b, block)) {
			free(block);
			return NULL;
		}
		b->block = block;
		b->block_cap = cap;
		b->block_used = 0;
	}
	char *s = b->block + b->block_used;
	b->block_used += n;
	return s;
}

const char *szi_builder_name(sz_snippet_builder *b, const char *prefix, const char *domain)
{
	size_t p = strlen(prefix), d = strlen(domain);
	char *s = name_space(b, p + d + 2);
	if (s != NULL) {
		memcpy(s, prefix, p);
		s[p] = '.';
		memcpy(s + p + 1, domain, d + 1);
	}
	return s;
}

const char *szi_builder_copy(sz_snippet_builder *b, const char *name)
{
	size_t n = strlen(name) + 1;
	char *s = name_space(b, n);
	if (s != NULL)
		memcpy(s, name, n);
	return s;
}

static sz_record *new_record(sz_snippet_builder *b)
{
	sz_snippet *sn = b->snippet;
	if (sn->n_records == b->cap_records) {
		size_t cap = b->cap_records ? b->cap_records * 2 : 8;
		sz_record *r = realloc(sn->records, cap * sizeof(*r));
		if (r == NULL)
			return NULL;
		sn->records = r;
		b->cap_records = cap;
	}
	sz_record *r = &sn->records[sn->n_records++];
	memset(r, 0, sizeof(*r));
	r->ttl = sn->ttl;
	return r;
}

sz_status szi_builder_add_srv(sz_snippet_builder *b, const char *prefix, const char *domain,
			     const uint16_t prio_weight_port[3], const char *target)
{
	const char *owner = szi_builder_name(b, prefix, domain);
	sz_record *r = owner != NULL ? new_record(b) : NULL;
	if (r == NULL)
		return SZ_ERR_NOMEM;
	r->owner = owner;
	r->type = SZ_TYPE_SRV;
	r->rdata.srv.priority = prio_weight_port[0];
	r->rdata.srv.weight = prio_weight_port[1];
	r->rdata.srv.port = prio_weight_port[2];
	r->rdata.srv.target = target;
	return SZ_OK;
}

sz_status szi_builder_add_naptr(sz_snippet_builder *b, const char *owner, uint16_t order,
			       uint16_t preference, const char *service,
			       const char *replacement)
{
	sz_record *r = new_record(b);
	if (r == NULL)
		return SZ_ERR_NOMEM;
	r->owner = owner;
	r->type = SZ_TYPE_NAPTR;
	r->rdata.naptr.order = order;
	r->rdata.naptr.preference = preference;
	r->rdata.naptr.flags = "s";
	r->rdata.naptr.service = service;
	r->rdata.naptr.regexp = "";
	r->rdata.naptr.replacement = replacement;
	return SZ_OK;
}

sz_status szi_builder_add_cname(sz_snippet_builder *b, const char *owner, const char *target)
{
	sz_record *r = new_record(b);
	if (r == NULL)
		return SZ_ERR_NOMEM;
	r->owner = owner;
	r->type = SZ_TYPE_CNAME;
	r->rdata.cname = target;
	return SZ_OK;
}

sz_status szi_builder_add_ns(sz_snippet_builder *b, const char *owner, const char *target)
{
	sz_status s = szi_builder_add_cname(b, owner, target);
	if (s == SZ_OK)
		b->snippet->records[b->snippet->n_records - 1].type = SZ_TYPE_NS;
	return s;
}

sz_status szi_builder_add_addrs(sz_snippet_builder *b, const char *name, const sz_addr *addrs,
			       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sz_record *r = new_record(b);
		if (r == NULL)
			return SZ_ERR_NOMEM;
		r->owner = name;
		r->type = addrs[i].family == AF_INET ? SZ_TYPE_A : SZ_TYPE_AAAA;
		r->rdata.addr = addrs[i];
	}
	return SZ_OK;
}

/* Names in RDATA compare as their canonical (lower-case) wire form. */
static int wire_name_cmp(const char *a, const char *b)
{
	for (;;) {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		if (la != lb)
			return la < lb ? -1 : 1;
		for (size_t i = 0; i < la; i++) {
			int c = tolower((unsigned char)a[i]) - tolower((unsigned char)b[i]);
			if (c != 0)
				return c;
		}
		if (la == 0)
			return 0;
		a += la + (a[la] == '.');
		b += lb + (b[lb] == '.');
	}
}

static int u16_cmp(uint16_t a, uint16_t b)
{
	return (a > b) - (a < b);
}

/* A <character-string> in wire order: its length octet first, then the
 * octets (NAPTR fields are case-sensitive on the wire: no folding). */
static int char_string_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return memcmp(a, b, la);
}

/* NAPTR RDATA in wire order (RFC 3403 section 4.1): order, preference,
 * flags, services, regexp, replacement. */
static int naptr_cmp(const sz_record *a, const sz_record *b)
{
	int c = u16_cmp(a->rdata.naptr.order, b->rdata.naptr.order);
	if (c == 0)
		c = u16_cmp(a->rdata.naptr.preference, b->rdata.naptr.preference);
	if (c == 0)
		c = char_string_cmp(a->rdata.naptr.flags, b->rdata.naptr.flags);
	if (c == 0)
		c = char_string_cmp(a->rdata.naptr.service, b->rdata.naptr.service);
	if (c == 0)
		c = char_string_cmp(a->rdata.naptr.regexp, b->rdata.naptr.regexp);
	return c != 0 ? c : wire_name_cmp(a->rdata.naptr.replacement, b->rdata.naptr.replacement);
}

static int rdata_cmp(const sz_record *a, const sz_record *b)
{
	if (a->type == SZ_TYPE_NAPTR)
		return naptr_cmp(a, b);
	if (a->type == SZ_TYPE_A)
		return memcmp(a->rdata.addr.bytes, b->rdata.addr.bytes, 4);
	if (a->type == SZ_TYPE_AAAA)
		return memcmp(a->rdata.addr.bytes, b->rdata.addr.bytes, 16);
	if (a->type == SZ_TYPE_CNAME || a->type == SZ_TYPE_NS)
		return wire_name_cmp(a->rdata.cname, b->rdata.cname);
	int c = u16_cmp(a->rdata.srv.priority, b->rdata.srv.priority);
	if (c == 0)
		c = u16_cmp(a->rdata.srv.weight, b->rdata.srv.weight);
	if (c == 0)
		c = u16_cmp(a->rdata.srv.port, b->rdata.srv.port);
	return c != 0 ? c : wire_name_cmp(a->rdata.srv.target, b->rdata.srv.target);
}

int szi_record_cmp(const sz_record *a, const sz_record *b)
{
	int c = sz_name_canonical_cmp(a->owner, b->owner);
	if (c == 0)
		c = u16_cmp(a->type, b->type);
	return c != 0 ? c : rdata_cmp(a, b);
}

/* Every owner in a snippet lies within its zone, so the common suffix can
 * be skipped: compare the labels left of the zone only. */
static int record_cmp_in_zone(const sz_record *x, const sz_record *y, size_t zone_len)
{
	size_t xl = strlen(x->owner) - zone_len, yl = strlen(y->owner) - zone_len;
	int c = szi_name_canonical_cmp_n(x->owner, xl, y->owner, yl);
	if (c == 0)
		c = u16_cmp(x->type, y->type);
	return c != 0 ? c : rdata_cmp(x, y);
}

/* Merge sort: qsort() has no context argument for the zone length. */
static void sort_records(sz_record *v, sz_record *tmp, size_t n, size_t zone_len)
{
	if (n <= 8) {
		/* A domain's snippet has about seven records: insertion sort. */
		for (size_t i = 1; i < n; i++) {
			sz_record r = v[i];
			size_t j = i;
			for (; j > 0 && record_cmp_in_zone(&r, &v[j - 1], zone_len) < 0; j--)
				v[j] = v[j - 1];
			v[j] = r;
		}
		return;
	}
	size_t mid = n / 2, i = 0, j = mid, k = 0;
	sort_records(v, tmp, mid, zone_len);
	sort_records(v + mid, tmp, n - mid, zone_len);
	while (i < mid && j < n)
		tmp[k++] = record_cmp_in_zone(&v[j], &v[i], zone_len) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

sz_status szi_builder_finish(sz_snippet_builder *b, sz_snippet **out)
{
	sz_snippet *sn = b->snippet;
	size_t zone_len = strlen(sn->zone);
	sz_record *tmp = malloc((sn->n_records ? sn->n_records : 1) * sizeof(*tmp));
	if (tmp == NULL) {
		szi_builder_abandon(b);
		return SZ_ERR_NOMEM;
	}
	sort_records(sn->records, tmp, sn->n_records, zone_len);
	free(tmp);
	size_t w = 0;
	for (size_t i = 0; i < sn->n_records; i++)
		if (w == 0 || record_cmp_in_zone(&sn->records[w - 1], &sn->records[i], zone_len) != 0)
			sn->records[w++] = sn->records[i];
	sn->n_records = w;
	*out = sn;
	b->snippet = NULL;
	return SZ_OK;
}

void szi_builder_abandon(sz_snippet_builder *b)
{
	sz_snippet_free(b->snippet);
	b->snippet = NULL;
}

void sz_snippet_free(sz_snippet *snippet)
{
	if (snippet == NULL)
		return;
	for (size_t i = 0; i < snippet->n_names; i++)
		free(snippet->names[i]);
	free(snippet->names);
	free(snippet->records);
	free(snippet->zone);
	free(snippet);
}

void sz_snippets_free(sz_snippets *snippets)
{
	if (snippets == NULL)
		return;
	for (size_t i = 0; i < snippets->count; i++) {
		sz_snippet *s = &snippets->items[i];
		for (size_t j = 0; j < s->n_names; j++)
			free(s->names[j]);
		free(s->names);
		free(s->records);
		free(s->zone);
	}
	free(snippets->items);
	free(snippets);
}

const char *sz_type_name(uint16_t type)
{
	switch (type) {
	case SZ_TYPE_A: return "A";
	case SZ_TYPE_NS: return "NS";
	case SZ_TYPE_CNAME: return "CNAME";
	case SZ_TYPE_SOA: return "SOA";
	case SZ_TYPE_AAAA: return "AAAA";
	case SZ_TYPE_SRV: return "SRV";
	case SZ_TYPE_NAPTR: return "NAPTR";
	default: return NULL;
	}
}
