/*
 * zonefile/tokens.c: the fields of a record line, split once (tokens.h).
 */
#include <string.h>
#include <strings.h>

#include "zonefile/tokens.h"

/* Longer than any class or type name; ldns's own buffers are 16 octets. */
#define NAME_MAX_LEN 64

/* The next head token from `*p`, as ldns_bget_token() splits it. */
static bool head_token(const char *rec, size_t *p, szi_tok *t)
{
	size_t i = *p;
	while (rec[i] == ' ' || rec[i] == '\t' || rec[i] == '\r')
		i++;
	if (rec[i] == '\0')
		return false;
	t->off = i;
	char lc = 0;
	for (; rec[i] != '\0'; i++) {
		char c = rec[i];
		if ((c == ' ' || c == '\t' || c == '\r') && lc != '\\')
			break;
		lc = c == '\\' && lc == '\\' ? 0 : c; /* "\\" escapes only itself */
	}
	t->len = i - t->off;
	*p = i;
	return true;
}

bool szi_rec_head_split(const char *rec, szi_rec_head *h)
{
	size_t p = 0;
	szi_tok t;
	memset(h, 0, sizeof(*h));
	if (!head_token(rec, &p, &h->owner) || !head_token(rec, &p, &t))
		return false;
	/* TTL and class, in ldns's order: a TTL starts with a digit */
	if (rec[t.off] >= '0' && rec[t.off] <= '9') {
		h->ttl = t;
		if (!head_token(rec, &p, &t))
			return false;
	}
	char name[NAME_MAX_LEN];
	szi_tok_copy(rec, t, name, sizeof(name));
	if (szi_class_by_name(name) != 0) {
		h->cls = t;
		if (!head_token(rec, &p, &t))
			return false;
	}
	h->type = t;
	h->rdata = p;
	szi_tok_copy(rec, t, name, sizeof(name));
	h->type_code = (uint16_t)szi_type_by_name(name);
	return true;
}

bool szi_rec_head_pack(const szi_rec_head *h, szi_rec_head16 *out)
{
	const size_t v[9] = { h->owner.off, h->owner.len, h->ttl.off, h->ttl.len, h->cls.off,
			      h->cls.len, h->type.off, h->type.len, h->rdata };
	for (size_t i = 0; i < 9; i++)
		if (v[i] > UINT16_MAX)
			return false;
	*out = (szi_rec_head16){ (uint16_t)v[0], (uint16_t)v[1], (uint16_t)v[2], (uint16_t)v[3],
				 (uint16_t)v[4], (uint16_t)v[5], (uint16_t)v[6], (uint16_t)v[7],
				 (uint16_t)v[8], h->type_code };
	return true;
}

void szi_rec_head_unpack(const szi_rec_head16 *h, szi_rec_head *out)
{
	out->owner = (szi_tok){ h->owner_off, h->owner_len };
	out->ttl = (szi_tok){ h->ttl_off, h->ttl_len };
	out->cls = (szi_tok){ h->cls_off, h->cls_len };
	out->type = (szi_tok){ h->type_off, h->type_len };
	out->rdata = h->rdata;
	out->type_code = h->type_code;
}

bool szi_tok_next(const char *rec, size_t *p, szi_tok *t)
{
	size_t i = *p;
	while (rec[i] == ' ')
		i++;
	if (rec[i] == '\0')
		return false;
	t->off = i;
	bool quoted = false;
	for (; rec[i] != '\0' && (quoted || rec[i] != ' '); i++) {
		if (rec[i] == '\\' && rec[i + 1] != '\0')
			i++;
		else if (rec[i] == '"')
			quoted = !quoted;
	}
	t->len = i - t->off;
	*p = i;
	return true;
}

bool szi_tok_is(const char *rec, szi_tok t, const char *word)
{
	return t.len == strlen(word) && memcmp(rec + t.off, word, t.len) == 0;
}

bool szi_tok_absolute(const char *rec, szi_tok t)
{
	if (t.len == 0 || rec[t.off + t.len - 1] != '.')
		return false;
	/* an odd run of backslashes before the dot escapes it */
	size_t n = 0;
	while (n + 1 < t.len && rec[t.off + t.len - 2 - n] == '\\')
		n++;
	return n % 2 == 0;
}

bool szi_rec_name_absolute(const char *rec, int field)
{
	szi_rec_head h;
	if (!szi_rec_head_split(rec, &h))
		return false;
	if (field < 0)
		return szi_tok_absolute(rec, h.owner);
	size_t p = h.rdata;
	szi_tok t;
	for (int i = 0; szi_tok_next(rec, &p, &t); i++)
		if (i == field)
			return szi_tok_absolute(rec, t);
	return false;
}

void szi_tok_copy(const char *rec, szi_tok t, char *buf, size_t cap)
{
	size_t len = t.len < cap ? t.len : cap - 1;
	memcpy(buf, rec + t.off, len);
	buf[len] = '\0';
}

/*
 * ldns_get_rr_type_by_name() and ldns_get_rr_class_by_name() scan ldns's
 * tables; the names that fill zones are looked up here first.
 */
ldns_rr_type szi_type_by_name(const char *t)
{
	static const struct { const char *name; ldns_rr_type type; } common[] = {
		{ "A", LDNS_RR_TYPE_A }, { "AAAA", LDNS_RR_TYPE_AAAA }, { "SRV", LDNS_RR_TYPE_SRV },
		{ "CNAME", LDNS_RR_TYPE_CNAME }, { "NS", LDNS_RR_TYPE_NS }, { "MX", LDNS_RR_TYPE_MX },
		{ "TXT", LDNS_RR_TYPE_TXT }, { "PTR", LDNS_RR_TYPE_PTR }, { "SOA", LDNS_RR_TYPE_SOA },
	};
	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (strcasecmp(t, common[i].name) == 0)
			return common[i].type;
	return ldns_get_rr_type_by_name(t);
}

ldns_rr_class szi_class_by_name(const char *t)
{
	if ((t[0] == 'I' || t[0] == 'i') && (t[1] == 'N' || t[1] == 'n') && t[2] == '\0')
		return LDNS_RR_CLASS_IN;
	return ldns_get_rr_class_by_name(t);
}
