/*
 * records/zone_json.c: a snippet's records as JSON text.
 *
 * Written by hand into one growing buffer, as zone_text.c writes zone text:
 * building a jansson tree per record and dumping it cost 4 to 5 times the
 * zone text's time (issue 18). Every string goes through put_string(),
 * which escapes what JSON requires and turns bytes that are not UTF-8 into
 * U+FFFD, so the output is valid UTF-8 JSON whatever a name holds (the
 * loader admits only host names, but the writer does not rely on it).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "records/text.h"
#include "sipzone/zone_json.h"

/* Callers reserve first; these only copy. */
static void put(sz_text *t, const char *s, size_t n)
{
	memcpy(t->data + t->len, s, n);
	t->len += n;
}

#define PUT_LIT(t, lit) put((t), (lit), sizeof(lit) - 1)

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	uint32_t min, cp;
	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	if (s[0] < 0xe0) {
		len = 2; min = 0x80; cp = s[0] & 0x1fu;
	} else if (s[0] < 0xf0) {
		len = 3; min = 0x800; cp = s[0] & 0x0fu;
	} else {
		len = 4; min = 0x10000; cp = s[0] & 0x07u;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* A JSON string: at most 6 bytes out per byte in ("\u001f"), plus quotes. */
static sz_status put_string(sz_text *t, const char *str, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	if (szi_text_reserve(t, 6 * n + 2) != SZ_OK)
		return SZ_ERR_NOMEM;
	const unsigned char *s = (const unsigned char *)str;
	t->data[t->len++] = '"';
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n && s[run] >= 0x20 && s[run] < 0x7f && s[run] != '"' && s[run] != '\\')
			run++;
		put(t, str + i, run - i);
		if ((i = run) == n)
			break;
		unsigned char c = s[i];
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			put(t, e, 2);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			char e[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			put(t, e, 6);
			i++;
		} else {
			size_t len = utf8_len(s + i, n - i);
			if (len == 0) {
				PUT_LIT(t, "\\ufffd");
				i++;
			} else {
				put(t, str + i, len);
				i += len;
			}
		}
	}
	t->data[t->len++] = '"';
	return SZ_OK;
}

/* "name." (names are stored without the trailing dot). */
static sz_status put_fqdn(sz_text *t, const char *name)
{
	size_t n = strlen(name);
	sz_status s = put_string(t, name, n);
	if (s != SZ_OK)
		return s;
	/* the dot goes inside the closing quote */
	if (szi_text_reserve(t, 1) != SZ_OK)
		return SZ_ERR_NOMEM;
	t->data[t->len - 1] = '.';
	t->data[t->len++] = '"';
	return SZ_OK;
}

/* `,"key":` and a number */
static sz_status put_num(sz_text *t, const char *key_lit, size_t key_len, uint32_t v)
{
	if (szi_text_reserve(t, key_len + 10) != SZ_OK)
		return SZ_ERR_NOMEM;
	put(t, key_lit, key_len);
	szi_text_put_u32(t, v);
	return SZ_OK;
}

#define NUM(t, lit, v) put_num((t), (lit), sizeof(lit) - 1, (v))

static sz_status put_lit(sz_text *t, const char *lit, size_t n)
{
	if (szi_text_reserve(t, n) != SZ_OK)
		return SZ_ERR_NOMEM;
	put(t, lit, n);
	return SZ_OK;
}

#define LIT(t, lit) put_lit((t), (lit), sizeof(lit) - 1)

/* {"zone":"Z.","name":"N.","ttl":T,"class":"IN","type":"Y","rdata": */
static sz_status put_head(sz_text *t, const sz_snippet *s, const char *owner, const char *type,
			  uint32_t ttl)
{
	sz_status st = LIT(t, "{\"zone\":");
	if (st == SZ_OK)
		st = put_fqdn(t, s->zone);
	if (st == SZ_OK)
		st = LIT(t, ",\"name\":");
	if (st == SZ_OK)
		st = put_fqdn(t, owner);
	if (st == SZ_OK)
		st = NUM(t, ",\"ttl\":", ttl);
	if (st == SZ_OK)
		st = LIT(t, ",\"class\":\"IN\",\"type\":");
	if (st == SZ_OK)
		st = put_string(t, type, strlen(type));
	if (st == SZ_OK)
		st = LIT(t, ",\"rdata\":");
	return st;
}

static sz_status put_target(sz_text *t, const char *target)
{
	sz_status st = LIT(t, "{\"target\":");
	if (st == SZ_OK)
		st = put_fqdn(t, target);
	return st == SZ_OK ? LIT(t, "}}") : st;
}

static sz_status put_rdata(sz_text *t, const sz_record *r)
{
	sz_status st;
	switch (r->type) {
	case SZ_TYPE_SRV:
		st = NUM(t, "{\"priority\":", r->rdata.srv.priority);
		if (st == SZ_OK)
			st = NUM(t, ",\"weight\":", r->rdata.srv.weight);
		if (st == SZ_OK)
			st = NUM(t, ",\"port\":", r->rdata.srv.port);
		if (st == SZ_OK)
			st = LIT(t, ",\"target\":");
		if (st == SZ_OK)
			st = put_fqdn(t, r->rdata.srv.target);
		return st == SZ_OK ? LIT(t, "}}") : st;
	case SZ_TYPE_CNAME:
	case SZ_TYPE_NS: /* a delegation */
		return put_target(t, r->rdata.cname);
	case SZ_TYPE_NAPTR: { /* RFC 3403 section 4.1's field names */
		const char *str[3] = { r->rdata.naptr.flags, r->rdata.naptr.service,
				       r->rdata.naptr.regexp };
		static const char *const key[3] = { ",\"flags\":", ",\"services\":", ",\"regexp\":" };
		st = NUM(t, "{\"order\":", r->rdata.naptr.order);
		if (st == SZ_OK)
			st = NUM(t, ",\"preference\":", r->rdata.naptr.preference);
		for (size_t i = 0; i < 3 && st == SZ_OK; i++) {
			st = put_lit(t, key[i], strlen(key[i]));
			if (st == SZ_OK)
				st = put_string(t, str[i], strlen(str[i]));
		}
		if (st == SZ_OK)
			st = LIT(t, ",\"replacement\":");
		if (st == SZ_OK)
			st = put_fqdn(t, r->rdata.naptr.replacement);
		return st == SZ_OK ? LIT(t, "}}") : st;
	}
	default: /* A, AAAA */
		if (szi_text_reserve(t, 64) != SZ_OK)
			return SZ_ERR_NOMEM;
		PUT_LIT(t, "{\"address\":\"");
		szi_text_put_addr(t, &r->rdata.addr);
		PUT_LIT(t, "\"}}");
		return SZ_OK;
	}
}

static sz_status put_soa(sz_text *t, const sz_snippet *s)
{
	const sz_zone_def *d = s->def;
	sz_status st = put_head(t, s, s->zone, "SOA", s->ttl);
	if (st == SZ_OK)
		st = LIT(t, "{\"mname\":");
	if (st == SZ_OK)
		st = put_fqdn(t, d->mname);
	if (st == SZ_OK)
		st = LIT(t, ",\"rname\":");
	if (st == SZ_OK)
		st = put_fqdn(t, d->rname);
	if (st == SZ_OK)
		st = NUM(t, ",\"serial\":", s->serial);
	if (st == SZ_OK)
		st = NUM(t, ",\"refresh\":", d->refresh);
	if (st == SZ_OK)
		st = NUM(t, ",\"retry\":", d->retry);
	if (st == SZ_OK)
		st = NUM(t, ",\"expire\":", d->expire);
	if (st == SZ_OK)
		st = NUM(t, ",\"minimum\":", d->minimum);
	return st == SZ_OK ? LIT(t, "}}") : st;
}

/* Record k of the snippet (SOA, NS..., then the records), one object. */
static sz_status put_record(sz_text *t, const sz_snippet *s, size_t k)
{
	size_t head = s->def != NULL ? 1 + s->def->n_ns : 0;
	if (k == 0 && head > 0)
		return put_soa(t, s);
	if (k < head) {
		sz_status st = put_head(t, s, s->zone, "NS", s->ttl);
		return st == SZ_OK ? put_target(t, s->def->ns[k - 1].name) : st;
	}
	const sz_record *r = &s->records[k - head];
	const char *type = sz_type_name(r->type);
	sz_status st = put_head(t, s, r->owner, type != NULL ? type : "?", r->ttl);
	return st == SZ_OK ? put_rdata(t, r) : st;
}

static size_t record_count(const sz_snippet *s)
{
	return (s->def != NULL ? 1 + s->def->n_ns : 0) + s->n_records;
}

sz_status sz_snippet_write_json(const sz_snippet *snippet, sz_text *text)
{
	size_t n = record_count(snippet);
	for (size_t k = 0; k < n; k++) {
		if (k > 0 && LIT(text, ",\n") != SZ_OK)
			return SZ_ERR_NOMEM;
		sz_status st = put_record(text, snippet, k);
		if (st != SZ_OK)
			return st;
	}
	return SZ_OK;
}

sz_status sz_snippet_each_json(const sz_snippet *snippet, sz_json_record_fn fn, void *ctx)
{
	sz_text t = { 0 };
	sz_status st = SZ_OK;
	size_t n = record_count(snippet);
	for (size_t k = 0; st == SZ_OK && k < n; k++) {
		t.len = 0;
		st = put_record(&t, snippet, k);
		if (st == SZ_OK)
			st = LIT(&t, "\0"); /* the documented NUL, not counted */
		if (st == SZ_OK)
			st = fn(t.data, t.len - 1, ctx);
	}
	sz_text_free(&t);
	return st;
}
