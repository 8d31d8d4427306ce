/*
 * records/zone_text.c: a snippet as BIND master-file text.
 *
 * Written by hand rather than with printf: a 200,000-domain model makes
 * over a million lines, and this is most of the generator's time.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "records/text.h"
#include "sipzone/zone_text.h"

void sz_text_free(sz_text *text)
{
	free(text->data);
	memset(text, 0, sizeof(*text));
}

sz_status szi_text_reserve(sz_text *t, size_t more)
{
	if (t->len + more <= t->cap)
		return SZ_OK;
	size_t cap = t->cap ? t->cap : 4096;
	while (cap < t->len + more)
		cap *= 2;
	char *d = realloc(t->data, cap);
	if (d == NULL)
		return SZ_ERR_NOMEM;
	t->data = d;
	t->cap = cap;
	return SZ_OK;
}

/* Callers reserve first; these only copy. */
static void put(sz_text *t, const char *s, size_t n)
{
	memcpy(t->data + t->len, s, n);
	t->len += n;
}

static void put_str(sz_text *t, const char *s)
{
	put(t, s, strlen(s));
}

static void put_pad(sz_text *t, size_t n)
{
	memset(t->data + t->len, ' ', n);
	t->len += n;
}

static size_t u32_len(uint32_t v)
{
	size_t n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static void put_u32(sz_text *t, uint32_t v)
{
	char tmp[10];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		t->data[t->len++] = tmp[--n];
}

static void put_hex16(sz_text *t, unsigned v)
{
	static const char hex[] = "0123456789abcdef";
	bool started = false;
	for (int shift = 12; shift >= 0; shift -= 4) {
		unsigned nib = (v >> shift) & 0xf;
		if (nib != 0 || started || shift == 0) {
			t->data[t->len++] = hex[nib];
			started = true;
		}
	}
}

/* RFC 5952 text form, as inet_ntop writes it (which uses sprintf per group,
 * too slow here): lower case, no leading zeros, the longest run of two or
 * more zero groups (the first of equals) as "::". */
static void put_ipv6(sz_text *t, const unsigned char *b)
{
	unsigned g[8];
	int best = -1, best_len = 0;
	for (int i = 0; i < 8; i++)
		g[i] = (unsigned)b[2 * i] << 8 | b[2 * i + 1];
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > best_len && j - i >= 2) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			put(t, "::", 2);
			i += best_len - 1;
			continue;
		}
		if (i > 0 && i != best + best_len)
			put(t, ":", 1);
		put_hex16(t, g[i]);
	}
}

/* NAPTR RDATA: the strings quoted (the model's, printable ASCII without
 * '"' or '\\', so nothing to escape), the replacement absolute. */
static void put_naptr(sz_text *t, const sz_record *r)
{
	put_u32(t, r->rdata.naptr.order);
	put(t, " ", 1);
	put_u32(t, r->rdata.naptr.preference);
	const char *strs[] = { r->rdata.naptr.flags, r->rdata.naptr.service, r->rdata.naptr.regexp };
	for (size_t i = 0; i < 3; i++) {
		put(t, " \"", 2);
		put_str(t, strs[i]);
		put(t, "\"", 1);
	}
	put(t, " ", 1);
	put_str(t, r->rdata.naptr.replacement);
	put(t, ".", 1);
}

static void put_rdata(sz_text *t, const sz_record *r)
{
	if (r->type == SZ_TYPE_NAPTR) {
		put_naptr(t, r);
		return;
	}
	if (r->type == SZ_TYPE_CNAME) {
		put_str(t, r->rdata.cname);
		put(t, ".", 1);
		return;
	}
	if (r->type == SZ_TYPE_SRV) {
		put_u32(t, r->rdata.srv.priority);
		put(t, " ", 1);
		put_u32(t, r->rdata.srv.weight);
		put(t, " ", 1);
		put_u32(t, r->rdata.srv.port);
		put(t, " ", 1);
		put_str(t, r->rdata.srv.target);
		put(t, ".", 1);
		return;
	}
	if (r->type == SZ_TYPE_A) {
		/* inet_ntop formats IPv4 with sprintf: too slow for a million lines. */
		for (int i = 0; i < 4; i++) {
			if (i > 0)
				put(t, ".", 1);
			put_u32(t, r->rdata.addr.bytes[i]);
		}
		return;
	}
	put_ipv6(t, r->rdata.addr.bytes);
}

typedef struct widths {
	size_t owner, ttl, type;
} widths;

static widths measure(const sz_snippet *s)
{
	widths w = { 0, 0, 0 };
	if (s->def != NULL) {
		/* the SOA and NS lines are at the apex */
		w.owner = strlen(s->zone) + 1;
		w.ttl = u32_len(s->ttl);
		w.type = 3;
	}
	for (size_t i = 0; i < s->n_records; i++) {
		const sz_record *r = &s->records[i];
		size_t o = strlen(r->owner) + 1, t = u32_len(r->ttl);
		size_t y = strlen(sz_type_name(r->type));
		w.owner = o > w.owner ? o : w.owner;
		w.ttl = t > w.ttl ? t : w.ttl;
		w.type = y > w.type ? y : w.type;
	}
	return w;
}

/* Longest record or NS line: owner column (255) + ttl (10) + type + rdata
 * (SRV: 3 numbers and a 255-octet name; AAAA: 45; NAPTR: 2 numbers, the
 * short strings of sip/services.c and a 255-octet name): under 700 bytes
 * with padding. (The SOA line, with two names, reserves its own size.) */
#define SZ_MAX_LINE 768

/* The start of a line: owner, TTL, class, type, each in its column. */
static void put_prefix(sz_text *t, const char *owner, uint32_t ttl, const char *type,
		       const widths *w)
{
	size_t olen = strlen(owner);
	put(t, owner, olen);
	put(t, ".", 1);
	put_pad(t, w->owner - olen - 1 + 1);
	put_pad(t, w->ttl - u32_len(ttl));
	put_u32(t, ttl);
	put(t, " IN ", 4);
	put_str(t, type);
	put_pad(t, w->type - strlen(type) + 1);
}

static sz_status put_record(sz_text *t, const sz_record *r, const widths *w)
{
	if (szi_text_reserve(t, SZ_MAX_LINE) != SZ_OK)
		return SZ_ERR_NOMEM;
	put_prefix(t, r->owner, r->ttl, sz_type_name(r->type), w);
	put_rdata(t, r);
	put(t, "\n", 1);
	return SZ_OK;
}

static sz_status put_soa_ns(sz_text *t, const sz_snippet *s, const widths *w)
{
	const sz_zone_def *d = s->def;
	/* Two names of up to 255 octets besides the owner: more than
	 * SZ_MAX_LINE, so the SOA line reserves what it needs. */
	size_t need = w->owner + w->ttl + w->type + strlen(d->mname) + strlen(d->rname) + 5 * 11 + 16;
	if (szi_text_reserve(t, need) != SZ_OK)
		return SZ_ERR_NOMEM;
	put_prefix(t, s->zone, s->ttl, "SOA", w);
	put_str(t, d->mname);
	put(t, ". ", 2);
	put_str(t, d->rname);
	put(t, ". ", 2);
	const uint32_t nums[] = { s->serial, d->refresh, d->retry, d->expire, d->minimum };
	for (size_t i = 0; i < 5; i++) {
		put_u32(t, nums[i]);
		put(t, i < 4 ? " " : "\n", 1);
	}
	for (size_t i = 0; i < d->n_ns; i++) {
		if (szi_text_reserve(t, SZ_MAX_LINE) != SZ_OK)
			return SZ_ERR_NOMEM;
		put_prefix(t, s->zone, s->ttl, "NS", w);
		put_str(t, d->ns[i].name);
		put(t, ".\n", 2);
	}
	return SZ_OK;
}

static sz_status put_header(sz_text *t, const sz_snippet *s, const char *source)
{
	size_t n = strlen(source) + 2 * strlen(s->zone) + 128;
	if (szi_text_reserve(t, n) != SZ_OK)
		return SZ_ERR_NOMEM;
	put_str(t, SZ_ZONE_HEADER_PREFIX);
	put_str(t, s->zone);
	put_str(t, ", generated from ");
	for (const char *p = source; *p; p++) {
		char c = *p >= 0x20 && *p < 0x7f ? *p : '?';
		put(t, &c, 1);
	}
	put_str(t, "; edit the model, not this file\n$ORIGIN ");
	put_str(t, s->zone);
	put_str(t, ".\n");
	return SZ_OK;
}

sz_status sz_snippet_write_text(const sz_snippet *snippet, const char *model_source,
				sz_text *text)
{
	if (put_header(text, snippet, model_source) != SZ_OK)
		return SZ_ERR_NOMEM;
	widths w = measure(snippet);
	if (snippet->def != NULL && put_soa_ns(text, snippet, &w) != SZ_OK)
		return SZ_ERR_NOMEM;
	for (size_t i = 0; i < snippet->n_records; i++)
		if (put_record(text, &snippet->records[i], &w) != SZ_OK)
			return SZ_ERR_NOMEM;
	return SZ_OK;
}
